//! The optimiser benchmark (`#/debug/optimise/N`, read by `bench/optimise.mjs`): a generated
//! roadmap of N initiatives with every budget envelope and capacity cut to 80%, optimised
//! in this page's wasm with the defaults the app uses (exact up to 300 initiatives, a work
//! limit beyond). Timings are reported, never asserted.

use crate::domain::generate::generate;
use crate::domain::optimiser::{Optimiser, Options, Step, Why};
use crate::domain::Roadmap;
use leptos::prelude::*;
use std::time::Duration;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Cuts every envelope and capacity to `share` (as the optimiser's own tests do).
fn cut(r: &mut Roadmap, share: f64) {
    for b in &mut r.budgets {
        b.capex *= share;
        b.opex *= share;
    }
    for c in &mut r.capacity {
        c.fte *= share;
    }
}

#[derive(Clone)]
struct Figures {
    initiatives: usize,
    candidates: usize,
    nodes: u64,
    proven: bool,
    gap: f64,
    main_ms: f64,
    all_ms: f64,
    years: usize,
    /// The longest single step when run in slices of about 4 ms, as the page runs it when
    /// no worker can start.
    longest_step_ms: f64,
}

fn measure(n: usize) -> Result<Figures, String> {
    let mut r = generate(42, n);
    cut(&mut r, 0.8);
    let options = Options::for_roadmap(&r);
    let main_options = Options { budget_value: false, ..options.clone() };
    // The main search: the median of three runs (one for large roadmaps, which take long).
    let runs = if n <= 300 { 3 } else { 1 };
    let mut times = Vec::with_capacity(runs);
    let mut o = None;
    for _ in 0..runs {
        let t = now();
        o = Some(Optimiser::run(&r, &main_options)?);
        times.push(now() - t);
    }
    times.sort_by(f64::total_cmp);
    let main_ms = times[times.len() / 2];
    let o = o.expect("at least one run");
    let t = now();
    let all = Optimiser::run(&r, &options)?;
    let all_ms = now() - t;
    // The same search in steps, as the page runs it: how long the page can be kept waiting.
    let t = now();
    let mut sliced = Optimiser::new(&r, &options)?;
    let mut longest = now() - t;
    let mut nodes = 1u64;
    loop {
        let t = now();
        let step = sliced.step(nodes);
        let dt = now() - t;
        longest = longest.max(dt);
        nodes = if dt < 1.5 {
            (nodes * 2).min(1 << 16)
        } else if dt > 6.0 {
            (nodes / 2).max(1)
        } else {
            nodes
        };
        if let Step::Finished(_) = step {
            break;
        }
    }
    let candidates = o
        .decisions
        .iter()
        .filter(|d| matches!(d.why, Why::Chosen | Why::Displaced { .. } | Why::NoValue | Why::NotReached))
        .count();
    Ok(Figures {
        initiatives: n,
        candidates,
        nodes: o.nodes,
        proven: o.proven_optimal,
        gap: o.gap,
        main_ms,
        all_ms,
        years: all.budget_value.len(),
        longest_step_ms: longest,
    })
}

#[component]
pub fn OptimiserBench(n: usize) -> impl IntoView {
    let result = RwSignal::new(None::<Result<Figures, String>>);
    // After the first paint, so the page says it is working.
    set_timeout(move || result.set(Some(measure(n))), Duration::from_millis(30));
    view! {
        <section class="view">
            <h2>"Optimiser benchmark"</h2>
            {move || match result.get() {
                None => view! { <p role="status">{format!("Optimising {n} generated initiatives…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p role="alert">{e}</p> }.into_any(),
                Some(Ok(f)) => view! {
                    <table class="data-table" aria-label="Optimiser benchmark">
                        <thead><tr>
                            <th>"initiatives"</th><th>"candidates"</th><th>"nodes"</th><th>"proven optimal"</th><th>"gap"</th>
                            <th>"main search ms (median)"</th><th>"with budget values ms"</th><th>"longest step ms (sliced)"</th>
                        </tr></thead>
                        <tbody><tr>
                            <td>{f.initiatives}</td><td>{f.candidates}</td><td>{f.nodes}</td><td>{if f.proven { "yes" } else { "no" }}</td>
                            <td>{format!("{:.3}%", 100.0 * f.gap)}</td><td>{format!("{:.0}", f.main_ms)}</td>
                            <td>{format!("{:.0} ({} years)", f.all_ms, f.years)}</td><td>{format!("{:.1}", f.longest_step_ms)}</td>
                        </tr></tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}
