//! In-browser measurements for `bench/run` (opened at `#/debug/bench`): save and load times
//! of real roadmaps through the real localStorage, in the release build. Timings are
//! reported, never asserted.

use crate::domain::{demo, generate, stored, Roadmap};
use leptos::prelude::*;

const KEY: &str = "cairn.bench";
const RUNS: usize = 7;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

pub struct StorageFigure {
    pub label: String,
    pub initiatives: usize,
    pub save_ms: f64,
    pub load_ms: f64,
    /// In UTF-16 characters, as localStorage counts its quota.
    pub stored_bytes: usize,
}

/// Median save (encode + setItem) and load (getItem + decode) time of a roadmap.
pub fn measure_storage(label: &str, roadmap: &Roadmap) -> Result<StorageFigure, String> {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).ok_or("no localStorage")?;
    let (mut saves, mut loads, mut bytes) = (Vec::new(), Vec::new(), 0);
    for run in 0..RUNS {
        let t0 = now();
        let text = stored::encode(roadmap, run as u64 + 1);
        storage.set_item(KEY, &text).map_err(|_| "setItem failed (quota?)")?;
        let t1 = now();
        let raw = storage.get_item(KEY).ok().flatten().ok_or("getItem failed")?;
        let back = stored::decode(&raw)?;
        let t2 = now();
        if back.roadmap.initiatives.len() != roadmap.initiatives.len() {
            return Err("the loaded roadmap differs".into());
        }
        bytes = raw.encode_utf16().count();
        saves.push(t1 - t0);
        loads.push(t2 - t1);
    }
    let _ = storage.remove_item(KEY);
    Ok(StorageFigure {
        label: label.to_string(),
        initiatives: roadmap.initiatives.len(),
        save_ms: median(saves),
        load_ms: median(loads),
        stored_bytes: bytes,
    })
}

/// The benchmark page: runs once and shows a table `bench/run` reads.
#[component]
pub fn BenchPage() -> impl IntoView {
    let rows: Vec<Result<StorageFigure, String>> = vec![
        measure_storage("demo roadmap", &demo::demo_roadmap()),
        measure_storage("generated, 100 initiatives", &generate::generate(1, 100)),
        measure_storage("generated, 2,000 initiatives", &generate::generate(1, 2_000)),
        measure_storage("generated, 20,000 initiatives", &generate::generate(1, 20_000)),
    ];
    view! {
        <section class="view">
            <h2>"Benchmark"</h2>
            <table class="data-table" aria-label="Storage benchmark">
                <thead><tr><th>"roadmap"</th><th>"initiatives"</th><th>"save ms (median)"</th><th>"load ms (median)"</th><th>"stored, thousand characters"</th><th>"share of the 5 MB quota"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| match r {
                        Ok(f) => view! { <tr><td>{f.label}</td><td>{f.initiatives}</td><td>{format!("{:.1}", f.save_ms)}</td>
                            <td>{format!("{:.1}", f.load_ms)}</td><td>{format!("{:.0}", f.stored_bytes as f64 / 1000.0)}</td>
                            <td>{format!("{:.1}%", 100.0 * f.stored_bytes as f64 / (5.0 * 1024.0 * 1024.0))}</td></tr> }.into_any(),
                        Err(e) => view! { <tr><td colspan="6">{e}</td></tr> }.into_any(),
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
