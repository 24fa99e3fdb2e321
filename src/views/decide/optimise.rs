//! The optimiser on the page: options, a run off the main thread (a Web Worker, see
//! `worker`; where a worker cannot start, in slices of a few milliseconds between which the
//! browser draws and handles input), so the page never freezes; progress with a Cancel
//! button, then the explanation — what is in and out and why, the notes, the use of every
//! limit, the value of 10% more budget per fiscal year — and Apply (statuses, one undo step)
//! or Save as scenario. The rules and sentences are `domain::optimiser`'s.

use super::worker::{self, Reply, Request, STOP, WORKER_URL};
use super::DecideState;
use crate::domain::format::{decimal, fiscal_year_label, money, percent_to, short_amount, signed, thousands};
use crate::domain::optimiser::{
    self, Decision, Limit, Optimiser, Options, Outcome, Progress, Step, Why, EXACT_UP_TO, LARGE_NODE_LIMIT,
};
use crate::domain::{Id, Roadmap, Status};
use crate::state::{App, Level, Topic};
use crate::ui::list::{page_of, Pager};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How long one slice may work before the page gets the main thread back.
const SLICE_MS: f64 = 12.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// A run of the optimiser and its result, kept while the user visits other views.
#[derive(Clone, Copy)]
pub struct OptimiserRun {
    pub use_capacity: RwSignal<bool>,
    pub budget_value: RwSignal<bool>,
    pub running: RwSignal<bool>,
    pub progress: RwSignal<Option<Progress>>,
    pub outcome: RwSignal<Option<Arc<Outcome>>>,
    /// The roadmap the run started from (a result for another roadmap is not applied).
    pub basis: RwSignal<Option<Roadmap>>,
    /// The roadmap as applying the result made it.
    pub applied: RwSignal<Option<Roadmap>>,
    pub error: RwSignal<Option<String>>,
    pub elapsed_ms: RwSignal<f64>,
    /// Cancel was asked of the worker; it answers after the step it is in.
    pub stopping: RwSignal<bool>,
    search: StoredValue<Option<Optimiser>>,
    options: StoredValue<Option<Options>>,
    nodes_per_step: StoredValue<u64>,
    started: StoredValue<f64>,
    worker: StoredValue<Option<WorkerLink>, LocalStorage>,
}

/// The worker of a run and its handlers (kept alive while it runs).
struct WorkerLink {
    worker: web_sys::Worker,
    /// It has answered at least once (it started).
    answered: bool,
    /// The request, sent once the worker says it is ready.
    request: Option<String>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl OptimiserRun {
    pub fn new() -> Self {
        OptimiserRun {
            use_capacity: RwSignal::new(true),
            budget_value: RwSignal::new(true),
            running: RwSignal::new(false),
            progress: RwSignal::new(None),
            outcome: RwSignal::new(None),
            basis: RwSignal::new(None),
            applied: RwSignal::new(None),
            error: RwSignal::new(None),
            elapsed_ms: RwSignal::new(0.0),
            stopping: RwSignal::new(false),
            search: StoredValue::new(None),
            options: StoredValue::new(None),
            nodes_per_step: StoredValue::new(1),
            started: StoredValue::new(0.0),
            worker: StoredValue::new_local(None),
        }
    }

    /// Starts a run on the open roadmap; the first slice sets the search up.
    pub fn start(self, app: App) {
        if self.running.get_untracked() {
            return;
        }
        let r = app.roadmap.get_untracked();
        let options = Options {
            use_capacity: self.use_capacity.get_untracked(),
            budget_value: self.budget_value.get_untracked(),
            ..Options::for_roadmap(&r)
        };
        self.options.set_value(Some(options));
        self.search.set_value(None);
        self.error.set(None);
        self.outcome.set(None);
        self.applied.set(None);
        self.progress.set(None);
        self.basis.set(Some(r));
        self.nodes_per_step.set_value(1);
        self.started.set_value(now());
        self.elapsed_ms.set(0.0);
        self.stopping.set(false);
        self.running.set(true);
        if !self.start_worker() {
            self.schedule();
        }
    }

    /// Hands the run to a Web Worker; false when none can start (the page runs it then).
    fn start_worker(self) -> bool {
        let (Some(roadmap), Some(options)) = (self.basis.get_untracked(), self.options.get_value()) else {
            return false;
        };
        let Ok(w) = web_sys::Worker::new(WORKER_URL) else {
            return false;
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            self.worker.update_value(|l| {
                if let Some(l) = l {
                    l.answered = true;
                }
            });
            match worker::decode_reply(&ev.data().as_string().unwrap_or_default()) {
                Ok(Reply::Ready) => {
                    let sent = self.worker.try_update_value(|l| {
                        l.as_mut().and_then(|l| {
                            l.request.take().map(|r| l.worker.post_message(&JsValue::from_str(&r)).is_ok())
                        })
                    });
                    if sent.flatten() == Some(false) {
                        self.end_worker();
                        self.schedule();
                    }
                }
                Ok(Reply::Progress(p)) => {
                    self.progress.set(Some(p));
                    self.elapsed_ms.set(now() - self.started.get_value());
                }
                Ok(Reply::Finished(out)) => {
                    self.end_worker();
                    self.stop_with(Some(*out));
                }
                Ok(Reply::Failed(e)) | Err(e) => {
                    self.end_worker();
                    self.error.set(Some(e));
                    self.stop_with(None);
                }
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let answered = self.worker.with_value(|l| l.as_ref().is_some_and(|l| l.answered));
            self.end_worker();
            if !self.running.get_untracked() {
                return;
            }
            if answered {
                self.error.set(Some("The optimiser stopped unexpectedly. Try again; if it happens again, export the roadmap and report it.".into()));
                self.stop_with(None);
            } else {
                // The worker could not start (an old browser, a blocked file): run here.
                self.schedule();
            }
        });
        w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let request = Some(worker::encode(&Request { roadmap, options }));
        self.worker.set_value(Some(WorkerLink {
            worker: w,
            answered: false,
            request,
            _on_message: on_message,
            _on_error: on_error,
        }));
        true
    }

    /// Stops the worker; its handlers are dropped after the one running now has returned.
    fn end_worker(self) {
        if let Some(link) = self.worker.try_update_value(Option::take).flatten() {
            link.worker.set_onmessage(None);
            link.worker.set_onerror(None);
            link.worker.terminate();
            set_timeout(move || drop(link), Duration::ZERO);
        }
    }

    fn schedule(self) {
        set_timeout(move || self.slice(), Duration::ZERO);
    }

    /// Works for about [`SLICE_MS`], then yields to the browser.
    fn slice(self) {
        if !self.running.get_untracked() {
            return;
        }
        let t0 = now();
        if self.search.with_value(Option::is_none) {
            let (Some(r), Some(options)) = (self.basis.get_untracked(), self.options.get_value()) else {
                return self.stop_with(None);
            };
            match Optimiser::new(&r, &options) {
                Ok(o) => self.search.set_value(Some(o)),
                Err(e) => {
                    self.error.set(Some(e));
                    return self.stop_with(None);
                }
            }
        }
        loop {
            let n = self.nodes_per_step.get_value();
            let t = now();
            let step = self.search.try_update_value(|o| o.as_mut().map(|o| o.step(n))).flatten();
            // Steps of about 3 ms: enough to check the clock often, few enough calls.
            let dt = now() - t;
            let next = if dt < 1.5 {
                (n * 2).min(1 << 16)
            } else if dt > 6.0 {
                (n / 2).max(1)
            } else {
                n
            };
            self.nodes_per_step.set_value(next);
            match step {
                None => return self.stop_with(None),
                Some(Step::Finished(out)) => return self.stop_with(Some(*out)),
                Some(Step::Working(p)) => {
                    if now() - t0 > SLICE_MS {
                        self.progress.set(Some(p));
                        self.elapsed_ms.set(now() - self.started.get_value());
                        return self.schedule();
                    }
                }
            }
        }
    }

    fn stop_with(self, out: Option<Outcome>) {
        self.search.set_value(None);
        self.stopping.set(false);
        self.elapsed_ms.set(now() - self.started.get_value());
        self.running.set(false);
        if let Some(out) = out {
            self.outcome.set(Some(Arc::new(out)));
        }
    }

    /// Cancel: the best set found so far, with its proven bound.
    pub fn cancel(self) {
        if !self.running.get_untracked() {
            return;
        }
        let asked =
            self.worker.with_value(|l| l.as_ref().map(|l| l.worker.post_message(&JsValue::from_str(STOP)).is_ok()));
        if let Some(asked) = asked {
            if asked {
                self.stopping.set(true);
            } else {
                self.end_worker();
                self.stop_with(None);
            }
            return;
        }
        let out = self.search.try_update_value(|o| o.as_mut().map(Optimiser::stop)).flatten();
        self.stop_with(out);
    }
}

impl Default for OptimiserRun {
    fn default() -> Self {
        Self::new()
    }
}

/// One status change that applying the result makes.
#[derive(Clone, PartialEq)]
struct Change {
    id: Id,
    name: String,
    from: Status,
    to: Status,
}

#[component]
pub fn Optimise() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let run = crate::ui::context::<DecideState>().run;
    let count = Memo::new(move |_| app.roadmap.with(|r| r.initiatives.len()));
    let stale = Memo::new(move |_| app.roadmap.with(|r| run.basis.with(|b| b.as_ref().is_some_and(|b| !b.same_as(r)))));
    let applied_now =
        Memo::new(move |_| app.roadmap.with(|r| run.applied.with(|a| a.as_ref().is_some_and(|a| a.same_as(r)))));
    // What applying the result to the open roadmap would change.
    let changes = Memo::new(move |_| {
        let Some(o) = run.outcome.get() else { return Vec::new() };
        app.roadmap.with(|r| {
            let after = optimiser::apply(r, &o);
            r.initiatives
                .iter()
                .zip(after.initiatives.iter())
                .filter(|(a, b)| a.status != b.status)
                .map(|(a, b)| Change {
                    id: a.id.clone(),
                    name: crate::domain::display_name(&a.name, &a.id).to_string(),
                    from: a.status,
                    to: b.status,
                })
                .collect::<Vec<_>>()
        })
    });
    let apply = move |_| {
        let Some(o) = run.outcome.get_untracked() else { return };
        let after = app.roadmap.with_untracked(|r| optimiser::apply(r, &o));
        let (approved, held) = changes.with_untracked(|c| {
            (c.iter().filter(|c| c.to == Status::Approved).count(), c.iter().filter(|c| c.to == Status::OnHold).count())
        });
        match app.edit(move |r| *r = after) {
            Ok(()) => {
                run.applied.set(Some(app.roadmap.get_untracked()));
                app.notify(
                    Topic::Optimiser,
                    Level::Info,
                    &format!(
                        "Applied the optimiser's result: {approved} initiative{} approved, {held} put on hold. Undo (Ctrl+Z) takes it back in one step.",
                        if approved == 1 { "" } else { "s" }
                    ),
                    vec![],
                );
            }
            Err(refusal) => refusal.tell_as(Topic::Optimiser, "The result could not be applied"),
        }
    };
    let scenario_name = RwSignal::new(String::new());
    let scenario_message = RwSignal::new(None::<Result<String, String>>);
    let save_scenario = move || {
        let Some(o) = run.outcome.get_untracked() else { return };
        let name = scenario_name.get_untracked();
        let roadmap = app.roadmap.with_untracked(|r| optimiser::apply(r, &o));
        match app.save_scenario(&name, roadmap) {
            Ok(()) => {
                scenario_message
                    .set(Some(Ok(format!("Saved as the scenario “{}”; the plan is unchanged.", name.trim()))));
                scenario_name.set(String::new());
            }
            Err(e) => scenario_message.set(Some(Err(e))),
        }
    };
    view! {
        <div class="decide-optimise">
            <section class="card optimiser-card" aria-labelledby="optimiser-title">
                <h3 id="optimiser-title">"Find the best portfolio within the budget"</h3>
                <p class="lead-small">
                    "Chooses the initiatives with the highest total value (their scores) that keep every fiscal year's capex and opex within its envelope, "
                    "fund what they depend on, stay within the team capacity and respect your funding locks. Done and in-progress work is always funded; "
                    "cancelled and undated initiatives are left out."
                </p>
                <div class="optimiser-controls">
                    <label class="check"><input type="checkbox" prop:checked=move || run.use_capacity.get() disabled=move || run.running.get()
                        on:change=move |ev| run.use_capacity.set(event_target_checked(&ev))/>" Respect the team capacity (FTE per quarter)"</label>
                    <label class="check"><input type="checkbox" prop:checked=move || run.budget_value.get() disabled=move || run.running.get()
                        on:change=move |ev| run.budget_value.set(event_target_checked(&ev))/>" Work out what 10% more budget in each year would buy"</label>
                    <span class="muted small">{move || {
                        let n = count.get();
                        if n <= EXACT_UP_TO {
                            format!("Exact search: {n} initiatives, every possible portfolio accounted for.")
                        } else {
                            format!("{} initiatives: the search stops after {LARGE_NODE_LIMIT} branches and reports how close the result is to the best possible.", thousands(n as f64))
                        }
                    }}</span>
                </div>
                <div class="toolbar">
                    <button type="button" class="primary" disabled=move || run.running.get() on:click=move |_| run.start(app)>
                        {move || if run.outcome.with(Option::is_some) { "Optimise again" } else { "Optimise" }}
                    </button>
                    <Show when=move || run.running.get()>
                        <button type="button" disabled=move || run.stopping.get() on:click=move |_| run.cancel()>"Cancel"</button>
                    </Show>
                    <a href="#/settings" class="button">"Change budgets and capacity in Settings"</a>
                </div>
                <ProgressLine run/>
                {move || run.error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </section>
            <Envelopes/>
            {move || run.outcome.get().map(|o| view! {
                <section class="optimiser-result" aria-labelledby="result-title">
                    <h3 id="result-title" class="visually-hidden">"Result"</h3>
                    <Summary outcome=o.clone() elapsed=run.elapsed_ms.get_untracked()/>
                    <Show when=move || stale.get() && !applied_now.get()>
                        <p class="notice notice-warning" role="status">"The roadmap has changed since this result was found: optimise again before applying it."</p>
                    </Show>
                    <div class="card result-actions">
                        <div>
                            <h4>"Apply the result"</h4>
                            {move || {
                                let c = changes.get();
                                if applied_now.get() {
                                    view! { <p role="status">"Applied. Undo (Ctrl+Z) takes the statuses back in one step."</p> }.into_any()
                                } else if c.is_empty() {
                                    view! { <p class="muted">"The statuses already match this result: nothing to change."</p> }.into_any()
                                } else {
                                    view! { <p>"Applying sets " {c.len()} " status" {if c.len() == 1 { "" } else { "es" }} " (funded ideas, proposals and on-hold initiatives become approved; approved ones left out go on hold):"</p>
                                        <ul class="changes-list">{c.into_iter().take(12).map(|c| view! {
                                            <li>{c.name}": " {c.from.label()} " → " <strong>{c.to.label()}</strong></li>
                                        }).collect_view()}</ul> }.into_any()
                                }
                            }}
                            <button type="button" class="primary" on:click=apply
                                disabled=move || run.running.get() || stale.get() || changes.with(Vec::is_empty)>"Apply as statuses"</button>
                        </div>
                        <div>
                            <h4>"Or try it as a scenario"</h4>
                            <p class="muted">"A scenario is a copy of the roadmap with this result applied; the plan is unchanged."</p>
                            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); save_scenario(); }>
                                <input type="text" aria-label="Scenario name" placeholder="Scenario name"
                                    prop:value=move || scenario_name.get() on:input=move |ev| scenario_name.set(event_target_value(&ev))/>
                                <button type="submit" disabled=move || run.running.get() || stale.get()>"Save as scenario"</button>
                            </form>
                            {move || scenario_message.get().map(|m| match m {
                                Ok(t) => view! { <p role="status">{t} " " <a href="#/decide/scenarios">"See the scenarios"</a></p> }.into_any(),
                                Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
                            })}
                        </div>
                    </div>
                    <Usage outcome=o.clone()/>
                    <Decisions outcome=o.clone() funded=false/>
                    <BudgetValue outcome=o.clone()/>
                    <Decisions outcome=o funded=true/>
                </section>
            })}
        </div>
    }
}

#[component]
fn ProgressLine(run: OptimiserRun) -> impl IntoView {
    let text = move || {
        if !run.running.get() {
            return None;
        }
        if run.stopping.get() {
            return Some("Stopping: the best set found so far comes as soon as the current step ends…".to_string());
        }
        Some(match run.progress.get() {
            None => "Setting up the search…".to_string(),
            Some(p) => {
                let gap = if p.bound > 0.0 { ((p.bound - p.best) / p.bound).max(0.0) } else { 0.0 };
                let step =
                    if p.phases > 1 { format!(" (step {} of {})", p.phase_index + 1, p.phases) } else { String::new() };
                format!(
                    "{}{step}: {} branches, best total value {} of at most {} (gap {})",
                    p.phase,
                    thousands(p.nodes as f64),
                    decimal(p.best, 1),
                    decimal(p.bound, 1),
                    percent_to(gap, 2)
                )
            }
        })
    };
    let fraction = move || {
        run.progress.with(|p| {
            p.as_ref().map_or(0.0, |p| {
                let gap = if p.bound > 0.0 { ((p.bound - p.best) / p.bound).clamp(0.0, 1.0) } else { 0.0 };
                (p.phase_index as f64 + (1.0 - gap) * 0.95) / p.phases.max(1) as f64
            })
        })
    };
    view! {
        <div class="optimiser-progress" role="status" aria-live="polite">
            {move || text().map(|t| view! {
                <progress max="1" value=move || format!("{:.3}", fraction()) aria-label="Optimiser progress"></progress>
                <span>{t}</span>
            })}
        </div>
    }
}

/// The envelopes and capacity the optimiser works with.
#[component]
fn Envelopes() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let rows = Memo::new(move |_| {
        app.roadmap.with(|r| {
            crate::domain::spend::fiscal_years(r)
                .into_iter()
                .map(|fy| {
                    let b: Vec<_> = r.budgets.iter().filter(|b| b.fiscal_year == fy).collect();
                    let sum = |f: fn(&crate::domain::Budget) -> f64| {
                        (!b.is_empty()).then(|| b.iter().map(|x| f(x)).sum::<f64>())
                    };
                    (fy, sum(|b| b.capex), sum(|b| b.opex))
                })
                .collect::<Vec<_>>()
        })
    });
    let capacity = move || app.roadmap.with(|r| r.capacity.len());
    let currency = move || app.roadmap.with(|r| r.currency.clone());
    view! {
        <details class="card envelopes">
            <summary><strong>"Budget envelopes: "</strong>
                <span class="muted">{move || rows.get().into_iter().map(|(fy, c, o)| match (c, o) {
                    (Some(c), Some(o)) => format!("{} capex {} · opex {}", fiscal_year_label(fy), short_amount(c), short_amount(o)),
                    _ => format!("{} not limited", fiscal_year_label(fy)),
                }).collect::<Vec<_>>().join("; ")}
                {move || format!("; team capacity set for {} quarter{}", capacity(), if capacity() == 1 { "" } else { "s" })}</span>
            </summary>
            <table class="data-table compact">
                <caption class="visually-hidden">"Budget envelopes"</caption>
                <thead><tr><th scope="col">"Fiscal year"</th><th scope="col" class="num">"Capex"</th><th scope="col" class="num">"Opex"</th></tr></thead>
                <tbody>{move || rows.get().into_iter().map(|(fy, c, o)| view! { <tr>
                    <th scope="row">{fiscal_year_label(fy)}</th>
                    <td class="num">{c.map(|c| money(c, &currency())).unwrap_or_else(|| "not limited".into())}</td>
                    <td class="num">{o.map(|o| money(o, &currency())).unwrap_or_else(|| "not limited".into())}</td>
                </tr> }).collect_view()}</tbody>
            </table>
        </details>
    }
}

#[component]
fn Summary(outcome: Arc<Outcome>, elapsed: f64) -> impl IntoView {
    let funded = outcome.decisions.iter().filter(|d| d.funded).count();
    let total = outcome.decisions.len();
    let search = if outcome.cancelled && !outcome.proven_optimal {
        format!("Cancelled: the best set found so far, within {} of the best possible", percent_to(outcome.gap, 2))
    } else if outcome.cancelled {
        "Proven optimal. Cancelled while working out what more budget would buy: only the years below were done"
            .to_string()
    } else if outcome.proven_optimal {
        "Proven optimal: no other set within the limits is worth more".to_string()
    } else {
        format!(
            "Best set found within the work limit: within {} of the best possible (at most {})",
            percent_to(outcome.gap, 2),
            decimal(outcome.bound, 1)
        )
    };
    let seconds = if elapsed >= 1000.0 {
        format!("{} s", decimal(elapsed / 1000.0, 1))
    } else {
        format!("{} ms", decimal(elapsed, 0))
    };
    view! {
        <div class="card result-summary">
            <dl class="figures result-figures">
                <div><dt>"Funded"</dt><dd>{format!("{funded} of {total}")}</dd></div>
                <div><dt>"Left out"</dt><dd>{total - funded}</dd></div>
                <div><dt>"Total value"</dt><dd>{decimal(outcome.total_value, 1)}</dd></div>
                <div><dt>"Search"</dt><dd class="small-figure">{format!("{} branches, {seconds}", thousands(outcome.nodes as f64))}</dd></div>
            </dl>
            <p class="search-quality" class:flag=outcome.cancelled><strong>{search}</strong></p>
            {(!outcome.notes.is_empty()).then(|| view! {
                <h4>"Notes"</h4>
                <ul class="notes">{outcome.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

#[component]
fn Usage(outcome: Arc<Outcome>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let currency = app.roadmap.with_untracked(|r| r.currency.clone());
    let row = move |u: &optimiser::Usage| {
        let left = u.available - u.used;
        let share = if u.available > 0.0 { (u.used / u.available).clamp(0.0, 1.0) } else { 1.0 };
        let tight = left <= 0.01 * u.available.max(1.0);
        let label = match u.limit {
            Limit::Fte(q) => format!("FTE {q}"),
            l => l.label(),
        };
        view! { <tr class:tight=tight>
            <th scope="row">{label}</th>
            <td class="num">{u.limit.amount(u.used, &currency)}</td>
            <td class="num">{u.limit.amount(u.available, &currency)}</td>
            <td class="num">{if left < 0.0 { format!("over by {}", u.limit.amount(-left, &currency)) } else { u.limit.amount(left, &currency) }}
                {tight.then(|| view! { <span class="visually-hidden">" (fully used)"</span> })}</td>
            <td class="bar-cell" aria-hidden="true"><span class="use-bar"><span style=format!("width:{:.1}%", 100.0 * share)></span></span></td>
        </tr> }
    };
    let money_rows: Vec<_> = outcome.usage.iter().filter(|u| !matches!(u.limit, Limit::Fte(_))).map(&row).collect();
    let fte_rows: Vec<_> = outcome.usage.iter().filter(|u| matches!(u.limit, Limit::Fte(_))).map(&row).collect();
    let has_fte = !fte_rows.is_empty();
    view! {
        <section class="card" aria-labelledby="usage-title">
            <h3 id="usage-title">"Budget and capacity used by the funded initiatives"</h3>
            <div class="usage-tables">
                <table class="data-table compact usage-table">
                    <caption class="visually-hidden">"Budget used"</caption>
                    <thead><tr><th scope="col">"Envelope"</th><th scope="col" class="num">"Used"</th><th scope="col" class="num">"Available"</th><th scope="col" class="num">"Left"</th><th scope="col"><span class="visually-hidden">"Share used"</span></th></tr></thead>
                    <tbody>{money_rows}</tbody>
                </table>
                {has_fte.then(|| view! {
                    <table class="data-table compact usage-table">
                        <caption class="visually-hidden">"Team capacity used"</caption>
                        <thead><tr><th scope="col">"Team capacity"</th><th scope="col" class="num">"Used"</th><th scope="col" class="num">"Available"</th><th scope="col" class="num">"Left"</th><th scope="col"><span class="visually-hidden">"Share used"</span></th></tr></thead>
                        <tbody>{fte_rows}</tbody>
                    </table>
                })}
            </div>
        </section>
    }
}

/// The funded or the left-out initiatives, with why; pages of 100.
#[component]
fn Decisions(outcome: Arc<Outcome>, funded: bool) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let page = RwSignal::new(0usize);
    let mut list: Vec<Decision> = outcome.decisions.iter().filter(|d| d.funded == funded).cloned().collect();
    if !funded {
        // The ones worth most first: they are the hard choices.
        list.sort_by(|a, b| b.value.total_cmp(&a.value));
    }
    let list = Arc::new(list);
    let total = list.len();
    let statuses = Memo::new(move |_| {
        app.roadmap.with(|r| r.initiatives.iter().map(|i| (i.id.clone(), i.status)).collect::<HashMap<_, _>>())
    });
    let (title, caption) =
        if funded { ("Funded, and why", "Funded initiatives") } else { ("Left out, and why", "Initiatives left out") };
    let shown = {
        let list = list.clone();
        move || {
            let p = page.get();
            page_of(&list, p)
        }
    };
    view! {
        <section class="card decisions" aria-labelledby=if funded { "funded-title" } else { "out-title" }>
            <h3 id=if funded { "funded-title" } else { "out-title" }>{title} " " <span class="count">{total}</span></h3>
            {(total == 0).then(|| view! { <p class="muted">{if funded { "Nothing is funded." } else { "Everything fits: nothing is left out." }}</p> })}
            <Show when=move || { total > 0 }>
                <div class="table-scroll">
                    <table class="data-table compact decisions-table">
                        <caption class="visually-hidden">{caption}</caption>
                        <thead><tr>
                            <th scope="col">"Initiative"</th>
                            <th scope="col">"Status now"</th>
                            <th scope="col" class="num">"Value"</th>
                            <th scope="col">{if funded { "Why it is funded" } else { "Why it is out" }}</th>
                        </tr></thead>
                        <tbody>
                            {let shown = shown.clone(); move || shown().into_iter().map(|d| {
                                let status = statuses.with(|s| s.get(&d.id).copied());
                                let binding = matches!(d.why, Why::Displaced { .. } | Why::DoesNotFit { .. });
                                view! { <tr>
                                    <th scope="row">{d.name.clone()}</th>
                                    <td>{status.map(|s| view! { <span class=format!("status status-{}", s.key())>{s.label()}</span> })}</td>
                                    <td class="num">{decimal(d.value, 1)}</td>
                                    <td class="why" class:binding=binding>{d.text.clone()}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Pager page total=Signal::derive(move || total) noun=if funded { "funded initiatives" } else { "initiatives left out" } only_when_paged=true/>
            </Show>
        </section>
    }
}

#[component]
fn BudgetValue(outcome: Arc<Outcome>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let currency = app.roadmap.with_untracked(|r| r.currency.clone());
    let names: HashMap<Id, String> = outcome.decisions.iter().map(|d| (d.id.clone(), d.name.clone())).collect();
    let list = |ids: &[Id]| {
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.iter().map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone())).collect::<Vec<_>>().join(", ")
        }
    };
    let rows: Vec<_> = outcome
        .budget_value
        .iter()
        .map(|v| {
            view! { <tr>
                <th scope="row">{fiscal_year_label(v.fiscal_year)}</th>
                <td class="num">{format!("{} capex, {} opex", money(v.extra_capex, &currency), money(v.extra_opex, &currency))}</td>
                <td class="num"><strong>{if v.gain > 0.05 { signed(v.gain, |x| decimal(x, 1)) } else { "nothing".into() }}</strong>
                    {(!v.proven).then(|| view! { <span class="muted small">" (best estimate)"</span> })}</td>
                <td>{list(&v.added)}</td>
                <td>{list(&v.removed)}</td>
            </tr> }
        })
        .collect();
    let empty = rows.is_empty();
    view! {
        <section class="card" aria-labelledby="more-budget-title">
            <h3 id="more-budget-title">"What 10% more budget would buy"</h3>
            {if empty {
                view! { <p class="muted">"Not worked out: tick “Work out what 10% more budget in each year would buy” and optimise again (only years with a budget count)."</p> }.into_any()
            } else {
                view! {
                    <p class="field-hint">"For each fiscal year with a budget, the optimiser runs again with 10% more capex and opex in that year only."</p>
                    <div class="table-scroll">
                        <table class="data-table compact budget-value-table">
                            <caption class="visually-hidden">"The value of more budget"</caption>
                            <thead><tr><th scope="col">"Fiscal year"</th><th scope="col" class="num">"10% more"</th><th scope="col" class="num">"Value gained"</th><th scope="col">"Would add"</th><th scope="col">"Would drop"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
