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

/// Work times of the landscape at one size (medians, in ms).
pub struct LandscapeFigure {
    pub label: String,
    pub applications: usize,
    pub technologies: usize,
    pub links: usize,
    /// The figures of the landscape map at a month (what a date or metric change recomputes).
    pub map_ms: f64,
    /// The Applications list's rows: the lifecycles after the initiatives, each disposition.
    pub list_ms: f64,
    /// Packed as localStorage holds it, in UTF-16 characters.
    pub stored_chars: usize,
    /// Save and load through localStorage; `Err` when it does not fit.
    pub storage: Result<StorageFigure, String>,
}

/// The landscape map and list work at the enterprise size times `times`.
pub fn measure_landscape(times: usize) -> Result<LandscapeFigure, String> {
    use crate::domain::landscape::{disposition, generate as landscape, Analysis};
    let size = landscape::scaled(5_000 * times);
    let r = landscape::generate(1, size);
    let at = crate::domain::Month { year: 2027, month: 1 };
    let (mut map, mut list) = (Vec::new(), Vec::new());
    for k in 0..3 {
        let t0 = now();
        let figures = crate::domain::landscape::map::landscape_at(&r, at.plus(k));
        let t1 = now();
        let a = Analysis::new(&r);
        let rows = (0..a.applications().len())
            .filter(|&k| a.phase_at(k, at).is_some() || disposition::assess(&a.applications()[k]).effective.is_some())
            .count();
        let t2 = now();
        if figures.applications.len() != size.applications || rows > size.applications {
            return Err("the landscape figures miss applications".into());
        }
        map.push(t1 - t0);
        list.push(t2 - t1);
    }
    let l = &r.landscape;
    let links = l.applications.iter().map(|a| a.capabilities.len() + a.technologies.len() + a.interfaces.len()).sum();
    Ok(LandscapeFigure {
        label: format!("{times}× enterprise"),
        applications: l.applications.len(),
        technologies: l.technologies.len(),
        links,
        map_ms: median(map),
        list_ms: median(list),
        stored_chars: stored::encode(&r, 1).encode_utf16().count(),
        storage: measure_storage("landscape", &r),
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
    let landscapes = vec![measure_landscape(1), measure_landscape(2)];
    view! {
        <section class="view">
            <h2>"Benchmark"</h2>
            <table class="data-table" aria-label="Landscape benchmark">
                <thead><tr><th>"size"</th><th>"applications"</th><th>"technologies"</th><th>"links"</th><th>"map at a month ms"</th><th>"applications list ms"</th><th>"save ms"</th><th>"load ms"</th><th>"stored, thousand characters"</th><th>"share of the 5 MB quota"</th></tr></thead>
                <tbody>
                    {landscapes.into_iter().map(|r| match r {
                        Ok(f) => view! { <tr><td>{f.label}</td><td>{f.applications}</td><td>{f.technologies}</td><td>{f.links}</td>
                            <td>{format!("{:.1}", f.map_ms)}</td><td>{format!("{:.1}", f.list_ms)}</td>
                            {match f.storage {
                                Ok(s) => view! { <td>{format!("{:.1}", s.save_ms)}</td><td>{format!("{:.1}", s.load_ms)}</td> }.into_any(),
                                Err(e) => view! { <td colspan="2">{e}</td> }.into_any(),
                            }}
                            <td>{format!("{:.0}", f.stored_chars as f64 / 1000.0)}</td>
                            <td>{format!("{:.1}%", 100.0 * f.stored_chars as f64 / (5.0 * 1024.0 * 1024.0))}</td></tr> }.into_any(),
                        Err(e) => view! { <tr><td colspan="10">{e}</td></tr> }.into_any(),
                    }).collect_view()}
                </tbody>
            </table>
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
