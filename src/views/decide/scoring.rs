//! Scoring: the model (weighted or WSJF) and the criteria of weighted scoring; the ranking
//! with each score's parts; the value-vs-effort bubble chart (click a bubble — exact hit
//! test — or a name in the ranking to open the initiative); and the table of every
//! initiative's estimates, criterion values and funding lock, whose score and rank update
//! as you type (typing in one field is one undo step).
//!
//! Large roadmaps: the ranking and the table show pages of 100; their rows are built once
//! per page and kept by initiative, each row reading its own small memo, so a keystroke
//! touches only the rows whose figures changed.

use super::DecideState;
use crate::charts::scoring::{self as chart, BubbleLayout};
use crate::charts::Backend;
use crate::domain::edit;
use crate::domain::format::{decimal, money, percent, short_money, trimmed};
use crate::domain::model::{
    display_name, CriterionSource, FundingLock, Id, ScoringInputs, ScoringModel, Status, ESTIMATE_SCALE,
};
use crate::domain::scoring::{self, Scored};
use crate::state::{App, Refusal};
use crate::ui::confirm::{confirmer, Confirmation};
use crate::ui::export::ExportButtons;
use crate::ui::fields::{focus_later, parse_number, unique_id};
use crate::ui::list::{matches, page_of, Pager, SearchBox, PAGE_SIZE};
use crate::ui::shared::Shared;
use crate::ui::size::follow_width;
use leptos::html;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The chart's height on screen, and its size on a slide before scaling.
const CHART_HEIGHT: f64 = 460.0;
const SLIDE_CHART: (f64, f64) = (1500.0, 820.0);

/// Okabe–Ito colours for the parts of a score, by criterion position (values are also
/// written in the panel and in the bar's accessible name).
const PART_COLOURS: [&str; 8] =
    ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];

fn score_text(model: ScoringModel, v: f64) -> String {
    match model {
        ScoringModel::Weighted => decimal(v, 1),
        ScoringModel::Wsjf => decimal(v, 2),
    }
}

#[component]
pub fn Scoring() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let state = crate::ui::context::<DecideState>();
    let selected = state.selected;
    let scored = Memo::new(move |_| Shared(Arc::new(app.roadmap.with(scoring::scored))));
    let ranks = Memo::new(move |_| Arc::new(scored.with(|s| scoring::live_ranks(s))));
    let model = Memo::new(move |_| app.roadmap.with(|r| r.scoring.model));
    let chart_width = RwSignal::new(640.0_f64);
    let layout = Memo::new(move |_| {
        let s = scored.get();
        Shared(Arc::new(app.roadmap.with(|r| chart::layout_scored(r, &s, chart_width.get(), CHART_HEIGHT))))
    });
    // The panel closes when its initiative goes away (deleted, another roadmap).
    Effect::new(move |_| {
        if let Some(id) = selected.get() {
            if app.roadmap.with(|r| r.initiative(&id).is_none()) {
                selected.set(None);
            }
        }
    });
    view! {
        <div class="decide-scoring">
            <div class="card scoring-model">
                <label class="control">"Scoring model"
                    <select on:change=move |ev| if let Some(m) = ScoringModel::from_key(&event_target_value(&ev)) {
                        app.edit_or_tell(|r| r.scoring.model = m);
                    }>
                        {ScoringModel::ALL.into_iter().map(|m| view! {
                            <option value=m.key() prop:selected=move || model.get() == m>{m.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <p class="scoring-rule">{move || match model.get() {
                    ScoringModel::Weighted => "Score 0–100 = 100 × Σ (weight × share) ÷ Σ weights: every criterion becomes a share from 0 to 1 (estimates ÷ 20; strategic alignment from the goal links; cost: the cheapest 1, the dearest 0). The optimiser adds up scores.",
                    ScoringModel::Wsjf => "WSJF = cost of delay ÷ job size; cost of delay = business value + time criticality + risk reduction, each estimated on 1, 2, 3, 5, 8, 13, 20. Highest first. The optimiser adds up the cost of delay (its budget limits already account for cost).",
                }}</p>
            </div>
            <Show when=move || model.get() == ScoringModel::Weighted>
                <Criteria/>
            </Show>
            <div class="decide-body" class:with-panel=move || selected.with(Option::is_some)>
                <div class="decide-main">
                    <div class="scoring-overview">
                        <Ranking scored ranks model selected/>
                        <BubbleChart layout width=chart_width selected/>
                    </div>
                    <InputsTable scored ranks model selected/>
                </div>
                {move || selected.get().map(|id| view! { <InitiativePanel id scored ranks layout selected/> })}
            </div>
        </div>
    }
}

// ---- criteria ------------------------------------------------------------------------------

#[component]
fn Criteria() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let keys = Memo::new(move |_| {
        app.roadmap.with(|r| r.scoring.criteria.iter().enumerate().map(|(k, c)| (k, c.id.clone())).collect::<Vec<_>>())
    });
    let total = Memo::new(move |_| {
        app.roadmap.with(|r| {
            r.scoring
                .criteria
                .iter()
                .map(|c| if c.weight.is_finite() && c.weight > 0.0 { c.weight } else { 0.0 })
                .sum::<f64>()
        })
    });
    let summary = move || {
        app.roadmap.with(|r| {
            let t = total.get();
            let parts: Vec<String> = r
                .scoring
                .criteria
                .iter()
                .map(|c| {
                    let share = if t > 0.0 && c.weight > 0.0 { c.weight / t } else { 0.0 };
                    format!("{} {}", display_name(&c.name, &c.id), percent(share))
                })
                .collect();
            if parts.is_empty() {
                "none".to_string()
            } else {
                parts.join(" · ")
            }
        })
    };
    let add = move |_| {
        app.edit_or_tell(|r| {
            let name = format!("New criterion {}", r.scoring.criteria.len() + 1);
            edit::add_criterion(r, &name, CriterionSource::Entered);
        });
    };
    view! {
        <details class="card criteria-card">
            <summary><strong>"Criteria and weights: "</strong><span class="muted">{summary}</span></summary>
            <div class="table-scroll">
                <table class="data-table compact criteria-table">
                    <caption class="visually-hidden">"Scoring criteria"</caption>
                    <thead><tr>
                        <th scope="col">"Criterion"</th>
                        <th scope="col" class="num">"Weight"</th>
                        <th scope="col" class="num">"Share"</th>
                        <th scope="col">"Where the value comes from"</th>
                        <th scope="col">"Range of entered values"</th>
                        <th scope="col">"Lower is better"</th>
                        <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || keys.get() key=|k| k.clone() let:k>
                            <CriterionRow index=k.0 total/>
                        </For>
                    </tbody>
                </table>
            </div>
            <p class="field-hint">"Weights count relative to their sum. Removing a criterion removes the values entered for it (Undo brings them back)."</p>
            <button type="button" on:click=add>"Add criterion"</button>
        </details>
    }
}

#[component]
fn CriterionRow(index: usize, total: Memo<f64>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let confirm = confirmer();
    let c = Memo::new(move |_| app.roadmap.with(|r| r.scoring.criteria.get(index).cloned()));
    let name = Signal::derive(move || {
        c.with(|c| c.as_ref().map(|c| display_name(&c.name, &c.id).to_string()).unwrap_or_default())
    });
    let id = move || c.with_untracked(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    let entered = move || c.with(|c| c.as_ref().is_some_and(|c| c.source == CriterionSource::Entered));
    let name_error = RwSignal::new(None::<String>);
    // Edits of this criterion's fields, found by id (the list may have changed).
    let change = move |key: Option<String>, f: Box<dyn FnOnce(&mut crate::domain::model::Criterion) + Send + Sync>| {
        let cid = id();
        let edit_fn = move |r: &mut crate::domain::Roadmap| {
            if let Some(c) = r.scoring.criteria.iter_mut().find(|c| c.id == cid) {
                f(c);
            }
        };
        match key {
            Some(k) => app.edit_merging(&k, edit_fn),
            None => app.edit(edit_fn),
        }
    };
    let number = move |what: &'static str, set: fn(&mut crate::domain::model::Criterion, f64)| {
        Callback::new(move |(key, text): (String, String)| {
            let v = parse_number(what, &text)?;
            change(Some(key), Box::new(move |c| set(c, v))).map_err(Refusal::into_reason)
        })
    };
    let on_source = move |ev: leptos::ev::Event| {
        let Some(source) = CriterionSource::from_key(&event_target_value(&ev)) else {
            return;
        };
        let cid = id();
        let dropping = app.roadmap.with_untracked(|r| {
            let was_entered = r.scoring.criteria.iter().any(|c| c.id == cid && c.source == CriterionSource::Entered);
            if was_entered && source != CriterionSource::Entered {
                edit::criterion_values(r, &cid)
            } else {
                0
            }
        });
        let run = move || {
            if let Err(refusal) = app.edit_checked(|r| edit::set_criterion_source(r, &cid, source).map(drop)) {
                refusal.tell();
            }
        };
        if dropping == 0 {
            run();
        } else {
            confirm.set(Some(Confirmation {
                title: format!("Change where “{}” comes from?", name.get_untracked()),
                lines: vec![format!(
                    "{dropping} value{} entered for it will be removed (they would be ignored). Undo brings them back.",
                    if dropping == 1 { "" } else { "s" }
                )],
                confirm_label: "Change and remove the values".into(),
                on_confirm: Callback::new(move |_| run()),
            }));
        }
    };
    let remove = move |_| {
        let cid = id();
        let n = app.roadmap.with_untracked(|r| edit::criterion_values(r, &cid));
        let title = format!("Remove the criterion “{}”?", name.get_untracked());
        let mut lines = vec!["Scores are worked out again without it. Undo brings it back.".to_string()];
        if n > 0 {
            lines.insert(
                0,
                format!("The {n} value{} entered for it will be removed too.", if n == 1 { "" } else { "s" }),
            );
        }
        confirm.set(Some(Confirmation {
            title,
            lines,
            confirm_label: "Remove criterion".into(),
            on_confirm: Callback::new(move |_| {
                app.edit_or_tell(|r| edit::delete_criterion(r, &cid));
            }),
        }));
    };
    view! {
        <tr>
            <td>
                <input type="text" class="criterion-name" aria-label=format!("Name of criterion {}", index + 1)
                    prop:value=move || c.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default())
                    aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                    on:change=move |ev| {
                        let t = event_target_value(&ev).trim().to_string();
                        name_error.set(change(None, Box::new(move |c| c.name = t)).map_err(Refusal::into_reason).err());
                    }/>
                {move || name_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </td>
            <td class="num">
                <LiveNumber label=Signal::derive(move || format!("Weight of {}", name.get()))
                    value=Signal::derive(move || c.with(|c| c.as_ref().map(|c| c.weight.to_string()).unwrap_or_default()))
                    commit=number("Weight", |c, v| c.weight = v)/>
            </td>
            <td class="num">{move || {
                let (w, t) = (c.with(|c| c.as_ref().map_or(0.0, |c| c.weight)), total.get());
                percent(if t > 0.0 && w > 0.0 { w / t } else { 0.0 })
            }}</td>
            <td>
                <select aria-label=move || format!("Where {} comes from", name.get()) on:change=on_source>
                    {CriterionSource::ALL.into_iter().map(|s| view! {
                        <option value=s.key() prop:selected=move || c.with(|c| c.as_ref().is_some_and(|c| c.source == s))>{s.label()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <Show when=entered fallback=|| view! { <span class="muted">"derived"</span> }>
                    <span class="range">
                        <LiveNumber label=Signal::derive(move || format!("Lowest value of {}", name.get()))
                            value=Signal::derive(move || c.with(|c| c.as_ref().map(|c| c.min.to_string()).unwrap_or_default()))
                            commit=number("Lowest value", |c, v| c.min = v)/>
                        " to "
                        <LiveNumber label=Signal::derive(move || format!("Highest value of {}", name.get()))
                            value=Signal::derive(move || c.with(|c| c.as_ref().map(|c| c.max.to_string()).unwrap_or_default()))
                            commit=number("Highest value", |c, v| c.max = v)/>
                    </span>
                </Show>
            </td>
            <td>
                <Show when=entered fallback=|| view! { <span class="muted">"—"</span> }>
                    <input type="checkbox" aria-label=move || format!("Lower is better for {}", name.get())
                        prop:checked=move || c.with(|c| c.as_ref().is_some_and(|c| c.lower_is_better))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            if let Err(refusal) = change(None, Box::new(move |c| c.lower_is_better = on)) {
                                refusal.tell();
                            }
                        }/>
                </Show>
            </td>
            <td><button type="button" class="quiet" aria-label=move || format!("Remove criterion {}", name.get()) on:click=remove>"Remove"</button></td>
        </tr>
    }
}

// ---- fields that commit as you type -------------------------------------------------------

/// A number field that commits on every keystroke that makes a number (typing in it is
/// one undo step); `commit` gets (typing key, text) and returns the refusal, shown beside.
#[component]
fn LiveNumber(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    commit: Callback<(String, String), Result<(), String>>,
) -> impl IntoView {
    let key = StoredValue::new(unique_id("typing"));
    let error = RwSignal::new(None::<String>);
    let error_id = unique_id("number-error");
    let described = error_id.clone();
    // A new stored value (undo, another roadmap) clears a stale message.
    Effect::new(move |_| {
        value.track();
        error.set(None);
    });
    view! {
        <span class="live-number">
            <input type="text" inputmode="decimal" class="number-input" aria-label=label
                prop:value=move || value.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                on:focus=move |_| key.set_value(unique_id("typing"))
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    if text.trim() == value.get_untracked() {
                        return error.set(None);
                    }
                    error.set(commit.run((key.get_value(), text)).err());
                }/>
            {move || error.get().map(|m| view! { <span class="field-error" id=error_id.clone() role="alert">{m}</span> })}
        </span>
    }
}

/// A select on the estimate scale: "—" (not estimated), 1, 2, 3, 5, 8, 13, 20, and an
/// off-scale value when the initiative has one.
#[component]
fn EstimateSelect(#[prop(into)] label: String, #[prop(into)] value: Signal<u8>, commit: Callback<u8>) -> impl IntoView {
    let off_scale = move || {
        let v = value.get();
        (v != 0 && !ESTIMATE_SCALE.contains(&v))
            .then(|| view! { <option value=v.to_string() prop:selected=true>{format!("{v} (off the scale)")}</option> })
    };
    view! {
        <select class="estimate" aria-label=label on:change=move |ev| {
            if let Ok(v) = event_target_value(&ev).parse::<u8>() { commit.run(v) }
        }>
            <option value="0" prop:selected=move || value.get() == 0>"—"</option>
            {ESTIMATE_SCALE.into_iter().map(|v| view! {
                <option value=v.to_string() prop:selected=move || value.get() == v>{v}</option>
            }).collect_view()}
            {off_scale}
        </select>
    }
}

#[component]
fn LockSelect(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<FundingLock>,
    commit: Callback<FundingLock>,
) -> impl IntoView {
    view! {
        <select class="lock" aria-label=label on:change=move |ev| {
            if let Some(l) = FundingLock::from_key(&event_target_value(&ev)) { commit.run(l) }
        }>
            {FundingLock::ALL.into_iter().map(|l| view! {
                <option value=l.key() prop:selected=move || value.get() == l>{l.label()}</option>
            }).collect_view()}
        </select>
    }
}

/// What one initiative's inputs are: its estimates, criterion values and lock.
#[derive(Clone, PartialEq, Default)]
struct Inputs {
    scoring: ScoringInputs,
    lock: FundingLock,
}

/// The controls of one initiative's inputs: four estimates, the entered criteria, the lock.
/// `cells`: as table cells (the table), else as labelled fields (the panel).
fn input_controls(
    app: App,
    id: Id,
    name: String,
    inputs: Memo<Inputs>,
    criteria: Vec<(Id, String)>,
    cells: bool,
) -> impl IntoView {
    let estimate = |what: &'static str, get: fn(&ScoringInputs) -> u8, set: fn(&mut ScoringInputs, u8)| {
        let id = id.clone();
        let commit = Callback::new(move |v: u8| {
            let id = id.clone();
            app.edit_or_tell(move |r| {
                if let Some(i) = r.initiative_mut(&id) {
                    set(&mut i.scoring, v);
                }
            });
        });
        let value = Signal::derive(move || inputs.with(|i| get(&i.scoring)));
        let label = format!("{what} of {name}");
        (what, view! { <EstimateSelect label value commit/> })
    };
    let mut controls = vec![
        estimate("Business value", |s| s.business_value, |s, v| s.business_value = v),
        estimate("Time criticality", |s| s.time_criticality, |s, v| s.time_criticality = v),
        estimate("Risk reduction", |s| s.risk_reduction, |s, v| s.risk_reduction = v),
        estimate("Job size", |s| s.job_size, |s, v| s.job_size = v),
    ]
    .into_iter()
    .map(|(what, v)| (what.to_string(), v.into_any()))
    .collect::<Vec<_>>();
    for (cid, cname) in criteria {
        let (id, cid2, what) = (id.clone(), cid.clone(), cname.clone());
        let commit = Callback::new(move |(key, text): (String, String)| {
            let v = if text.trim().is_empty() { None } else { Some(parse_number(&what, &text)?) };
            let (id, cid) = (id.clone(), cid.clone());
            app.edit_merging(&key, move |r| {
                if let Some(i) = r.initiative_mut(&id) {
                    match v {
                        Some(v) => {
                            i.scoring.custom.insert(cid, v);
                        }
                        None => {
                            i.scoring.custom.remove(&cid);
                        }
                    }
                }
            })
            .map_err(Refusal::into_reason)
        });
        let value = Signal::derive(move || {
            inputs.with(|i| i.scoring.custom.get(&cid2).map(|v| v.to_string()).unwrap_or_default())
        });
        let label = format!("{cname} of {name}");
        controls.push((cname, view! { <LiveNumber label value commit/> }.into_any()));
    }
    let lock = {
        let id = id.clone();
        let commit = Callback::new(move |l: FundingLock| {
            let id = id.clone();
            app.edit_or_tell(move |r| {
                if let Some(i) = r.initiative_mut(&id) {
                    i.funding_lock = l;
                }
            });
        });
        let value = Signal::derive(move || inputs.with(|i| i.lock));
        view! { <LockSelect label=format!("Funding lock of {name}") value commit/> }.into_any()
    };
    controls.push(("Funding lock".into(), lock));
    if cells {
        controls.into_iter().map(|(_, v)| view! { <td>{v}</td> }).collect_view().into_any()
    } else {
        view! {
            <div class="form-grid inputs-grid">
                {controls.into_iter().map(|(what, v)| view! {
                    <div class="field"><span class="field-label" aria-hidden="true">{what}</span>{v}</div>
                }).collect_view()}
            </div>
        }
        .into_any()
    }
}

/// The entered criteria of weighted scoring (they get a column each), as (id, name).
fn entered_criteria(r: &crate::domain::Roadmap) -> Vec<(Id, String)> {
    if r.scoring.model != ScoringModel::Weighted {
        return Vec::new();
    }
    r.scoring
        .criteria
        .iter()
        .filter(|c| c.source == CriterionSource::Entered)
        .map(|c| (c.id.clone(), display_name(&c.name, &c.id).to_string()))
        .collect()
}

// ---- the table of inputs -----------------------------------------------------------------

/// One row's figures: what its cells show.
#[derive(Clone, PartialEq)]
struct RowFigures {
    score: f64,
    rank: Option<usize>,
    missing: Vec<String>,
    inputs: Inputs,
}

#[component]
fn InputsTable(
    scored: Memo<Shared<Vec<Scored>>>,
    ranks: Memo<Arc<Vec<Option<usize>>>>,
    model: Memo<ScoringModel>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let query = RwSignal::new(String::new());
    let all = RwSignal::new(false);
    let by_score = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    let criteria = Memo::new(move |_| app.roadmap.with(entered_criteria));
    // The initiatives listed, in order: (id, name, status).
    let listed = Memo::new(move |_| {
        let q = query.get();
        let everything = all.get();
        let mut rows: Vec<(Id, String, Status, f64)> = scored.with(|s| {
            s.iter()
                .filter(|x| everything || !matches!(x.status, Status::Cancelled | Status::Done))
                .filter(|x| matches(&q, &[&x.name]))
                .map(|x| (x.id.clone(), x.name.clone(), x.status, x.score))
                .collect()
        });
        if by_score.get() {
            rows.sort_by(|a, b| b.3.total_cmp(&a.3));
        }
        rows.into_iter().map(|(id, name, status, _)| (id, name, status)).collect::<Vec<_>>()
    });
    let total = Signal::derive(move || listed.with(Vec::len));
    let visible = Memo::new(move |_| {
        let p = page.get();
        listed.with(|l| page_of(l, p))
    });
    // The figures of the rows on this page, by id.
    let figures = Memo::new(move |_| {
        let ids: std::collections::HashSet<Id> = visible.with(|v| v.iter().map(|x| x.0.clone()).collect());
        let mut out: HashMap<Id, RowFigures> = HashMap::with_capacity(ids.len());
        scored.with(|s| {
            let ranks = ranks.get();
            app.roadmap.with(|r| {
                for ((x, i), rank) in s.iter().zip(r.initiatives.iter()).zip(ranks.iter()) {
                    if ids.contains(&x.id) && !out.contains_key(&x.id) {
                        out.insert(
                            x.id.clone(),
                            RowFigures {
                                score: x.score,
                                rank: *rank,
                                missing: x.missing.clone(),
                                inputs: Inputs { scoring: i.scoring.clone(), lock: i.funding_lock },
                            },
                        );
                    }
                }
            })
        });
        out
    });
    let signature = Memo::new(move |_| (model.get(), criteria.get()));
    view! {
        <section class="card inputs-card" aria-labelledby="inputs-title">
            <div class="section-head">
                <h3 id="inputs-title">"Estimates, criterion values and funding locks"</h3>
                <div class="toolbar">
                    <SearchBox label="Search initiatives" query/>
                    <label class="check"><input type="checkbox" prop:checked=move || all.get()
                        on:change=move |ev| { all.set(event_target_checked(&ev)); page.set(0); }/>" Include done and cancelled"</label>
                    <label class="check"><input type="checkbox" prop:checked=move || by_score.get()
                        on:change=move |ev| by_score.set(event_target_checked(&ev))/>" Highest score first"</label>
                </div>
            </div>
            <p class="field-hint">"Estimates are relative, on the scale 1, 2, 3, 5, 8, 13, 20 (— is not estimated yet). The score and rank change as you type; each change is one undo step."</p>
            <div class="table-scroll">
                <table class="data-table compact inputs-table">
                    <caption class="visually-hidden">"Scoring inputs"</caption>
                    <thead><tr>
                        <th scope="col">"Initiative"</th>
                        <th scope="col" class="num">{move || if model.get() == ScoringModel::Wsjf { "WSJF" } else { "Score" }}</th>
                        <th scope="col" class="num">"Rank"</th>
                        <th scope="col">"Business value"</th>
                        <th scope="col">"Time criticality"</th>
                        <th scope="col">"Risk reduction"</th>
                        <th scope="col">"Job size"</th>
                        {move || criteria.get().into_iter().map(|(_, name)| view! { <th scope="col">{name}</th> }).collect_view()}
                        <th scope="col">"Funding lock"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || { let sig = signature.get(); visible.get().into_iter().map(move |row| (row, sig.clone())).collect::<Vec<_>>() }
                            key=|(row, sig)| (row.0.clone(), row.1.clone(), row.2, sig.0, sig.1.clone())
                            let:item>
                            {
                                let ((id, name, status), (model, criteria)) = item;
                                let row = {
                                    let id = id.clone();
                                    Memo::new(move |_| figures.with(|f| f.get(&id).cloned()))
                                };
                                view! { <InputsRow id name status model criteria row selected/> }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <Pager page total noun="initiatives"/>
        </section>
    }
}

#[component]
fn InputsRow(
    id: Id,
    name: String,
    status: Status,
    model: ScoringModel,
    criteria: Vec<(Id, String)>,
    row: Memo<Option<RowFigures>>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let inputs = Memo::new(move |_| row.with(|r| r.as_ref().map(|r| r.inputs.clone()).unwrap_or_default()));
    let open = id.clone();
    let is_selected = id.clone();
    view! {
        <tr class:selected=move || selected.with(|s| s.as_deref() == Some(is_selected.as_str()))>
            <th scope="row">
                <button type="button" class="link-button" on:click=move |_| open_panel(selected, open.clone())>{name.clone()}</button>
                " " <span class=format!("status status-{} small-status", status.key())>{status.label()}</span>
            </th>
            <td class="num score-cell">
                <strong>{move || row.with(|r| r.as_ref().map(|r| score_text(model, r.score)).unwrap_or_default())}</strong>
                {move || row.with(|r| r.as_ref().filter(|r| !r.missing.is_empty()).map(|r| {
                    let text = format!("Not estimated yet: {}", r.missing.join(", "));
                    view! { <span class="missing-mark" title=text.clone() aria-label=text>"*"</span> }
                }))}
            </td>
            <td class="num">{move || row.with(|r| r.as_ref().map(|r| r.rank.map_or_else(|| "—".to_string(), |k| k.to_string())).unwrap_or_default())}</td>
            {input_controls(app, id.clone(), name.clone(), inputs, criteria, true)}
        </tr>
    }
}

fn open_panel(selected: RwSignal<Option<Id>>, id: Id) {
    selected.set(Some(id));
    focus_later("#scoring-panel-title");
}

// ---- the ranking ---------------------------------------------------------------------------

/// One line of the ranking.
#[derive(Clone, PartialEq)]
struct RankLine {
    id: Id,
    rank: usize,
    name: String,
    score: String,
    /// Each part's width (share of the bar, 0..1), colour and words.
    parts: Vec<(f64, &'static str)>,
    described: String,
    missing: usize,
    /// Everything it shows, as its key: a changed line is drawn again, the others stay.
    key: String,
}

#[component]
fn Ranking(
    scored: Memo<Shared<Vec<Scored>>>,
    ranks: Memo<Arc<Vec<Option<usize>>>>,
    model: Memo<ScoringModel>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let page = RwSignal::new(0usize);
    // The order: (index into `scored`, rank), best first. Lines are built for one page only.
    let order = Memo::new(move |_| {
        let ranks = ranks.get();
        let mut live: Vec<(usize, usize)> = ranks.iter().enumerate().filter_map(|(k, r)| r.map(|r| (k, r))).collect();
        live.sort_by_key(|&(k, r)| (r, k));
        live
    });
    let total = Signal::derive(move || order.with(Vec::len));
    let visible = move || {
        let m = model.get();
        let p = page.get();
        let order = order.get();
        scored.with(|s| {
            let top = match m {
                ScoringModel::Weighted => 100.0,
                ScoringModel::Wsjf => order.first().map_or(1.0, |&(k, _)| s[k].score.max(1e-9)),
            };
            order
                .iter()
                .skip(p * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|&(k, rank)| {
                    let x = &s[k];
                    let mut line = RankLine {
                        id: x.id.clone(),
                        rank,
                        name: x.name.clone(),
                        score: score_text(m, x.score),
                        parts: x
                            .parts
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| p.points > 0.0)
                            .map(|(k, p)| (p.points / top, PART_COLOURS[k % PART_COLOURS.len()]))
                            .collect(),
                        described: x
                            .parts
                            .iter()
                            .filter(|p| m == ScoringModel::Weighted || p.criterion != "job_size")
                            .map(|p| format!("{} {}", p.name, score_text(m, p.points)))
                            .collect::<Vec<_>>()
                            .join(" + "),
                        missing: x.missing.len(),
                        key: String::new(),
                    };
                    line.key = format!(
                        "{}|{}|{}|{}|{}|{}|{top}",
                        line.id, line.rank, line.name, line.score, line.described, line.missing
                    );
                    line
                })
                .collect::<Vec<_>>()
        })
    };
    // The colour key of the parts, in criterion order.
    let key = Memo::new(move |_| {
        scored.with(|s| {
            s.first()
                .map(|x| {
                    x.parts
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.criterion != "job_size" || model.get() == ScoringModel::Weighted)
                        .map(|(k, p)| (p.name.clone(), PART_COLOURS[k % PART_COLOURS.len()]))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card ranking" aria-labelledby="ranking-title">
            <h3 id="ranking-title">"Ranking"</h3>
            <ul class="legend-swatches timeline-legend parts-key" aria-label="Parts of a score">
                {move || key.get().into_iter().map(|(name, fill)| view! {
                    <li><span class="swatch" style=format!("background:{fill}")></span>{name}</li>
                }).collect_view()}
            </ul>
            <ol class="ranking-list">
                <For each=visible key=|l| l.key.clone() let:l>
                    {
                        let id = l.id.clone();
                        let is_sel = l.id.clone();
                        view! {
                            <li class:selected=move || selected.with(|s| s.as_deref() == Some(is_sel.as_str()))>
                                <span class="rank">{l.rank}</span>
                                <button type="button" class="link-button rank-name" title=l.name.clone() on:click=move |_| open_panel(selected, id.clone())>{l.name.clone()}</button>
                                <span class="rank-score">{l.score.clone()}{(l.missing > 0).then(|| view! { <span class="missing-mark" title="Some inputs are not estimated yet">"*"</span> })}</span>
                                <span class="parts-bar" role="img" aria-label=format!("Parts: {}", l.described) title=l.described.clone()>
                                    {l.parts.iter().map(|(w, fill)| view! {
                                        <span style=format!("width:{:.2}%;background:{fill}", 100.0 * w.clamp(0.0, 1.0))></span>
                                    }).collect_view()}
                                </span>
                            </li>
                        }
                    }
                </For>
            </ol>
            <Pager page total noun="ranked initiatives" only_when_paged=true/>
            <p class="field-hint">"Initiatives still to decide or running (not done or cancelled), highest score first. * some inputs are not estimated yet. Choose a name to see how its score is made."</p>
        </section>
    }
}

// ---- the bubble chart ----------------------------------------------------------------------

#[component]
fn BubbleChart(
    layout: Memo<Shared<BubbleLayout>>,
    width: RwSignal<f64>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let container = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    follow_width(container, width, 320.0);
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let l = layout.get();
        crate::ui::canvas::paint(&el, l.width, l.height, |root, ratio| {
            chart::draw_at(root, &l, (0.0, 0.0, ratio), Backend::Canvas)
        });
    });
    let at = |ev: &web_sys::MouseEvent| (ev.offset_x() as f64, ev.offset_y() as f64);
    let on_click = move |ev: web_sys::MouseEvent| {
        let (x, y) = at(&ev);
        if let Some(id) = layout.with_untracked(|l| chart::hit_test(l, x, y).map(str::to_string)) {
            open_panel(selected, id);
        }
    };
    let hovering = RwSignal::new(None::<String>);
    let on_move = move |ev: web_sys::MouseEvent| {
        let (x, y) = at(&ev);
        let name = layout.with_untracked(|l| {
            chart::hit_test(l, x, y).and_then(|id| l.bubbles.iter().find(|b| b.id == id)).map(|b| b.name.clone())
        });
        if hovering.get_untracked() != name {
            hovering.set(name);
        }
    };
    // Where each bubble is (for tests and tools; no more than a few hundred).
    let positions = move || {
        layout.with(|l| {
            (l.bubbles.len() <= 400).then(|| {
                l.bubbles
                    .iter()
                    .map(|b| format!("{}@{:.1},{:.1},{:.1}", b.id, b.x, b.y, b.r))
                    .collect::<Vec<_>>()
                    .join(";")
            })
        })
    };
    let export = move || {
        let r = app.roadmap.get_untracked();
        let l = chart::layout(&r, SLIDE_CHART.0, SLIDE_CHART.1);
        let subtitle = format!(
            "Value vs effort · {} · bubble area: one-off cost · quadrants split at the medians",
            r.scoring.model.label()
        );
        let text = chart::slide_svg(&l, &r.name, &subtitle);
        (format!("{}-value-vs-effort", crate::download::file_stem(&r.name)), text)
    };
    let notes = move || {
        layout.with(|l: &Shared<BubbleLayout>| {
            let unlabelled: Vec<String> =
                l.bubbles.iter().filter(|b| b.label.is_none()).map(|b| b.name.clone()).collect();
            let unplaced: Vec<String> = l.unplaced.iter().map(|(_, n)| n.clone()).collect();
            (unlabelled, unplaced)
        })
    };
    view! {
        <section class="card bubble-card" aria-labelledby="bubble-title">
            <div class="section-head">
                <h3 id="bubble-title">"Value vs effort"</h3>
                <div class="toolbar">
                    <ExportButtons slide=export/>
                </div>
            </div>
            <p class="field-hint">{move || app.roadmap.with(|r| match r.scoring.model {
                ScoringModel::Weighted => "Score up, one-off cost right; bubble area is the one-off cost. Quadrants split at the medians. Click a bubble to open it.",
                ScoringModel::Wsjf => "Cost of delay up, job size right; bubble area is the one-off cost. Quadrants split at the medians. Click a bubble to open it.",
            })}</p>
            <div class="bubble-chart" node_ref=container>
                <canvas node_ref=canvas class="bubble-picture" aria-hidden="true" data-bubbles=positions
                    class:pointing=move || hovering.with(Option::is_some)
                    title=move || hovering.get().unwrap_or_default()
                    on:click=on_click on:mousemove=on_move></canvas>
            </div>
            {move || {
                let (unlabelled, unplaced) = notes();
                view! {
                    {(!unlabelled.is_empty()).then(|| view! { <p class="field-hint">"Not named on the chart (no room): " {unlabelled.join(", ")}</p> })}
                    {(!unplaced.is_empty()).then(|| view! { <p class="field-hint">"Not placed (job size not estimated): " {unplaced.join(", ")}</p> })}
                }
            }}
            // For screen readers: the chart in words (a few hundred at most; the ranking and the
            // table list every initiative). Lines are kept while their text is the same.
            <ul class="visually-hidden" aria-label="Initiatives on the chart">
                <For each=move || layout.with(|l| if l.bubbles.len() <= 400 { chart::described(l).into_iter().enumerate().collect() } else { Vec::new() })
                    key=|line| line.clone() let:line>
                    <li>{line.1}</li>
                </For>
            </ul>
        </section>
    }
}

// ---- the panel -----------------------------------------------------------------------------

#[component]
fn InitiativePanel(
    id: Id,
    scored: Memo<Shared<Vec<Scored>>>,
    ranks: Memo<Arc<Vec<Option<usize>>>>,
    layout: Memo<Shared<BubbleLayout>>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let me = {
        let id = id.clone();
        Memo::new(move |_| {
            let ranks = ranks.get();
            scored.with(|s| s.iter().zip(ranks.iter()).find(|(x, _)| x.id == id).map(|(x, r)| (x.clone(), *r)))
        })
    };
    // How each criterion's input reads: money for the cost criterion.
    let sources = Memo::new(move |_| {
        app.roadmap.with(|r| r.scoring.criteria.iter().map(|c| (c.id.clone(), c.source)).collect::<HashMap<_, _>>())
    });
    let inputs = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                r.initiative(&id)
                    .map(|i| Inputs { scoring: i.scoring.clone(), lock: i.funding_lock })
                    .unwrap_or_default()
            })
        })
    };
    let quadrant = {
        let id = id.clone();
        Memo::new(move |_| layout.with(|l| l.bubbles.iter().find(|b| b.id == id).map(|b| b.quadrant.label())))
    };
    let model = Memo::new(move |_| app.roadmap.with(|r| r.scoring.model));
    let currency = move || app.roadmap.with(|r| r.currency.clone());
    let info = {
        let id = id.clone();
        move || {
            app.roadmap
                .with(|r| r.initiative(&id).map(|i| (i.name.clone(), i.status, i.one_off_cost(), i.start, i.end)))
        }
    };
    // The controls are built again only when the name or the criteria change, never while
    // typing in one of them.
    let shape = {
        let id = id.clone();
        Memo::new(move |_| {
            app.roadmap.with(|r| {
                (
                    r.initiative(&id).map(|i| display_name(&i.name, &i.id).to_string()).unwrap_or_default(),
                    entered_criteria(r),
                )
            })
        })
    };
    let controls = {
        let id = id.clone();
        move || {
            let (name, criteria) = shape.get();
            input_controls(app, id.clone(), name, inputs, criteria, false)
        }
    };
    view! {
        <aside class="editor-panel scoring-panel" aria-labelledby="scoring-panel-title">
            <div class="panel-head">
                <h3 id="scoring-panel-title" tabindex="-1">{move || me.with(|m| m.as_ref().map(|m| m.0.name.clone()).unwrap_or_default())}</h3>
                <button type="button" class="quiet" aria-label="Close initiative scoring" on:click=move |_| selected.set(None)>"✕"</button>
            </div>
            {move || info().map(|(_, status, cost, start, end)| view! {
                <p class="muted">
                    <span class=format!("status status-{}", status.key())>{status.label()}</span>
                    " · one-off cost " {money(cost, &currency())}
                    " · " {match (start, end) { (Some(s), Some(e)) => format!("{s} – {e}"), _ => "undated".into() }}
                </p>
            })}
            {move || me.get().map(|(m, rank)| {
                let model = model.get();
                let currency = currency();
                let sources = sources.get();
                let input_text = move |p: &scoring::Part| match p.input {
                    None => "—".to_string(),
                    Some(v) if sources.get(&p.criterion) == Some(&CriterionSource::Cost) && model == ScoringModel::Weighted => {
                        short_money(v, &currency)
                    }
                    Some(v) => trimmed(v, 1),
                };
                view! {
                    <dl class="figures">
                        <div><dt>{if model == ScoringModel::Wsjf { "WSJF" } else { "Score (0–100)" }}</dt><dd>{score_text(model, m.score)}</dd></div>
                        <div><dt>"Rank"</dt><dd>{rank.map_or_else(|| format!("— ({})", m.status.label().to_lowercase()), |k| k.to_string())}</dd></div>
                        <div><dt>{if model == ScoringModel::Wsjf { "Cost of delay (value)" } else { "Value for the optimiser" }}</dt><dd>{score_text(model, m.value)}</dd></div>
                        <div><dt>"Quadrant"</dt><dd>{quadrant.get().unwrap_or("not on the chart")}</dd></div>
                    </dl>
                    <h4>"How the score is made"</h4>
                    <table class="data-table compact parts-table">
                        <caption class="visually-hidden">"Parts of the score"</caption>
                        <thead><tr>
                            <th scope="col">"Criterion"</th><th scope="col" class="num">"Input"</th>
                            {(model == ScoringModel::Weighted).then(|| view! { <th scope="col" class="num">"Share"</th><th scope="col" class="num">"Weight"</th> })}
                            <th scope="col" class="num">"Points"</th>
                        </tr></thead>
                        <tbody>
                            {m.parts.iter().map(|p| view! { <tr>
                                <th scope="row">{p.name.clone()}</th>
                                <td class="num">{input_text(p)}</td>
                                {(model == ScoringModel::Weighted).then(|| view! {
                                    <td class="num">{decimal(p.share, 2)}</td>
                                    <td class="num">{percent(p.weight)}</td>
                                })}
                                <td class="num">{if model == ScoringModel::Wsjf && p.criterion == "job_size" { "÷".to_string() } else { score_text(model, p.points) }}</td>
                            </tr> }).collect_view()}
                        </tbody>
                        <tfoot><tr>
                            <th scope="row">"Total"</th>
                            <td colspan=if model == ScoringModel::Weighted { "3" } else { "1" }></td>
                            <td class="num"><strong>{score_text(model, m.score)}</strong></td>
                        </tr></tfoot>
                    </table>
                    {(!m.missing.is_empty()).then(|| view! { <p class="flag">"Not estimated yet: " {m.missing.join(", ")}</p> })}
                }
            })}
            <h4>"Inputs"</h4>
            {controls}
        </aside>
    }
}
