//! Alignment: the initiatives × goals matrix with contributions edited in place, the totals
//! per goal and per initiative, and the flags — unaligned spend, strategy gaps, capability
//! gaps nobody plans to close — with the alignment share.
//!
//! Initiatives are the rows (their names read across; a roadmap has far more initiatives
//! than goals) and goals the columns, both headers sticky. Rows are static and keyed by
//! their content, so an edit redraws only the row it changed; long lists are filtered and
//! shown 50 rows at a time.

use super::{with_currency, Figures};
use crate::domain::calendar::Month;
use crate::domain::format::{month_label, percent, short_money, thousands};
use crate::domain::portfolio::alignment::{self as rules, contribution_label, Alignment};
use crate::domain::{Id, Status};
use crate::state::{App, Topic};
use crate::ui::card::{Attention, Card, Rule};
use crate::ui::list::{page_of, Pager};
use leptos::prelude::*;
use std::hash::{Hash, Hasher};

/// A goal column.
#[derive(Clone, PartialEq)]
struct Column {
    id: Id,
    name: String,
    weight: u8,
    gap: bool,
}

/// An initiative row, with everything it shows.
#[derive(Clone, PartialEq)]
struct Row {
    id: Id,
    name: String,
    status: Status,
    start: Option<Month>,
    cost: f64,
    counted: bool,
    goals: usize,
    contribution: u32,
    weighted: u32,
    strengths: Vec<u8>,
}

impl Row {
    /// Identity and content: a changed row gets a new key and is drawn again.
    fn key(&self) -> (Id, u64) {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.name, self.status.key(), self.start, self.cost.to_bits(), self.counted).hash(&mut h);
        (self.goals, self.contribution, self.weighted, &self.strengths).hash(&mut h);
        (self.id.clone(), h.finish())
    }
}

fn columns(a: &Alignment) -> Vec<Column> {
    a.goals
        .iter()
        .map(|g| Column { id: g.id.clone(), name: g.name.clone(), weight: g.weight, gap: g.is_gap() })
        .collect()
}

fn rows(a: &Alignment) -> Vec<Row> {
    a.initiatives
        .iter()
        .enumerate()
        .map(|(k, i)| Row {
            id: i.id.clone(),
            name: i.name.clone(),
            status: i.status,
            start: i.start,
            cost: i.cost,
            counted: i.counted,
            goals: i.goals,
            contribution: i.contribution,
            weighted: i.weighted_contribution,
            strengths: (0..a.goals.len()).map(|g| a.strength(g, k)).collect(),
        })
        .collect()
}

/// Up to `n` names, then "and k more".
fn some_names(names: &[String], n: usize) -> Vec<String> {
    let mut out: Vec<String> = names.iter().take(n).cloned().collect();
    if names.len() > n {
        out.push(format!("and {} more", names.len() - n));
    }
    out
}

#[component]
pub fn AlignmentSection() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let a = f.alignment;
    let c = f.currency;
    let share_value = Signal::derive(move || a.with(|a| percent(a.share)));
    let unaligned_value = Signal::derive(move || {
        a.with(|a| match a.unaligned.len() {
            0 => "None: every initiative serves a goal".to_string(),
            1 => format!("{} in 1 initiative", short_money(a.unaligned_total, &c.get())),
            n => format!("{} in {n} initiatives", short_money(a.unaligned_total, &c.get())),
        })
    });
    let gaps_value = Signal::derive(move || {
        a.with(|a| match a.strategy_gaps.len() {
            0 => "None: every goal has an initiative".to_string(),
            1 => "1 goal has no initiative".to_string(),
            n => format!("{n} goals have no initiative"),
        })
    });
    let unplanned_value = Signal::derive(move || {
        a.with(|a| match a.unplanned_gaps.len() {
            0 => "None: every capability gap has a plan".to_string(),
            1 => "1 capability has no plan".to_string(),
            n => format!("{n} capabilities have no plan"),
        })
    });
    view! {
        <div class="pf-section">
            <div class="pf-cards">
                <Card title="Alignment share" value=share_value attention=false
                    rule=rules::SHARE_RULE.to_string()>
                    <p class="pf-card-detail">{move || a.with(|a| format!("{} of {} planned serves at least one goal.", short_money(a.aligned, &c.get()), short_money(a.total, &c.get())))}</p>
                </Card>
                <Card title="Unaligned spend" value=unaligned_value attention=Signal::derive(move || a.with(|a| !a.unaligned.is_empty()))
                    rule=rules::UNALIGNED_RULE.to_string()>
                    <ul class="pf-card-list" aria-label="Initiatives serving no goal">
                        {move || a.with(|a| {
                            let mut items: Vec<String> = a.unaligned.iter().take(6)
                                .map(|u| format!("{} — {}{}", u.name, short_money(u.cost, &c.get()), if u.dated { "" } else { " (undated)" }))
                                .collect();
                            if a.unaligned.len() > 6 { items.push(format!("and {} more", a.unaligned.len() - 6)); }
                            items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()
                        })}
                    </ul>
                </Card>
                <Card title="Strategy gaps" value=gaps_value attention=Signal::derive(move || a.with(|a| !a.strategy_gaps.is_empty()))
                    rule=rules::STRATEGY_GAP_RULE.to_string()>
                    <ul class="pf-card-list" aria-label="Goals without an initiative">
                        {move || a.with(|a| some_names(&a.strategy_gaps.iter().map(|g| g.name.clone()).collect::<Vec<_>>(), 6))
                            .into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    </ul>
                </Card>
                <Card title="Capability gaps without a plan" value=unplanned_value attention=Signal::derive(move || a.with(|a| !a.unplanned_gaps.is_empty()))
                    rule=rules::UNPLANNED_GAP_RULE.to_string()>
                    <ul class="pf-card-list" aria-label="Capability gaps without a plan">
                        {move || a.with(|a| some_names(&a.unplanned_gaps.iter().map(|g| format!("{} (maturity {} → {})", g.name, g.current, g.target)).collect::<Vec<_>>(), 6))
                            .into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    </ul>
                </Card>
            </div>
            <Matrix/>
        </div>
    }
}

/// The cell whose contribution is being chosen, and where its menu opens.
#[derive(Clone, PartialEq)]
struct Choosing {
    initiative: Id,
    goal: Id,
    /// "Contribution of CRM rollout to Grow digital bookings".
    label: String,
    value: u8,
    /// The cell button's id, to give the focus back.
    cell: String,
    /// Position of the menu in the scrolled matrix, in CSS pixels.
    x: f64,
    y: f64,
}

/// A cell's id: the initiative's and the goal's position make it unique on the page.
fn cell_id(initiative: &str, goal: usize) -> String {
    format!("pf-cell-{goal}-{initiative}")
}

fn focus_by_id(id: String) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
}

fn strength_text(v: u8) -> String {
    if v == 0 {
        "—".to_string()
    } else {
        format!("{v} {}", contribution_label(v))
    }
}

#[component]
fn Matrix() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let f = crate::ui::context::<Figures>();
    let a = f.alignment;
    let query = RwSignal::new(String::new());
    let only_unaligned = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    let choosing = RwSignal::new(None::<Choosing>);
    let cols = Memo::new(move |_| a.with(|a| columns(a)));
    let all_rows = Memo::new(move |_| a.with(|a| rows(a)));
    let shown = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let only = only_unaligned.get();
        all_rows.with(|rows| {
            rows.iter()
                .filter(|r| !only || (r.counted && r.goals == 0))
                .filter(|r| q.is_empty() || r.name.to_lowercase().contains(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let total = Signal::derive(move || shown.with(Vec::len));
    let page_rows = Memo::new(move |_| {
        let p = page.get();
        shown.with(|rows| page_of(rows, p))
    });
    // One edit, one undo step; the edited row is drawn again, so its cell gets the focus back.
    let set = move |initiative: Id, goal: Id, value: u8, cell: String| {
        if let Err(refusal) = app.edit_checked(|r| rules::set_contribution(r, &initiative, &goal, value).map(drop)) {
            refusal.tell_as(Topic::Refused, "The contribution was not changed");
        }
        focus_by_id(cell);
    };
    let currency = f.currency;
    let wrap = NodeRef::<leptos::html::Div>::new();
    view! {
        <section class="pf-block" aria-labelledby="pf-matrix-title">
            <h3 id="pf-matrix-title">"Alignment matrix"</h3>
            <Rule text=rules::MATRIX_RULE.to_string()/>
            <p class="pf-note pf-matrix-help">"Click a cell to choose how strongly the initiative serves the goal, or type 0 to 3 in it (0 removes the link). Every change is one step of Undo."</p>
            <div class="toolbar pf-matrix-tools">
                <input type="search" class="search" aria-label="Filter initiatives" placeholder="Filter initiatives"
                    prop:value=move || query.get() on:input=move |ev| { query.set(event_target_value(&ev)); page.set(0); }/>
                <label class="check"><input type="checkbox" prop:checked=move || only_unaligned.get()
                    on:change=move |ev| { only_unaligned.set(event_target_checked(&ev)); page.set(0); }/>" Only initiatives serving no goal"</label>
                <Pager page total noun="initiatives" only_when_paged=true/>
            </div>
            <div class="pf-matrix-scroll" node_ref=wrap>
                {move || {
                    let goals = cols.get();
                    let c = currency.get();
                    view! {
                        <table class="data-table pf-matrix">
                            <caption class="visually-hidden">"Alignment matrix: how strongly each initiative serves each goal"</caption>
                            <thead><tr>
                                <th scope="col" class="pf-sticky-col">"Initiative"</th>
                                {goals.iter().map(|g| view! {
                                    <th scope="col" class="pf-goal-col" class:pf-gap-col=g.gap>
                                        <span class="pf-goal-name">{g.name.clone()}</span>
                                        <span class="pf-goal-weight">{format!("weight {}", g.weight)}</span>
                                        {g.gap.then(|| view! { <Attention text="No initiative" small=true/> })}
                                    </th>
                                }).collect_view()}
                                <th scope="col" class="num pf-total-col">{with_currency("One-off cost", &c)}</th>
                                <th scope="col" class="num pf-total-col">"Goals served"</th>
                                <th scope="col" class="num pf-total-col">"Contri\u{00AD}bution"</th>
                                <th scope="col" class="num pf-total-col">"Weighted"</th>
                            </tr></thead>
                            <tbody>
                                <For each=move || page_rows.get() key=Row::key let:row>
                                    <MatrixRow row goals=goals.clone() set choosing wrap/>
                                </For>
                            </tbody>
                            <tfoot>
                                {move || a.with(|a| {
                                    let line = |label: &str, values: Vec<String>, last: String| view! {
                                        <tr>
                                            <th scope="row" class="pf-sticky-col">{label.to_string()}</th>
                                            {values.into_iter().map(|v| view! { <td class="num">{v}</td> }).collect_view()}
                                            <td class="num">{last}</td><td></td><td></td><td></td>
                                        </tr>
                                    };
                                    view! {
                                        {line("Initiatives serving the goal", a.goals.iter().map(|g| g.initiatives.to_string()).collect(), String::new())}
                                        {line(&with_currency("Investment touching the goal", &c), a.goals.iter().map(|g| thousands(g.investment)).collect(), String::new())}
                                        {line(&with_currency("Attributed investment", &c), a.goals.iter().map(|g| thousands(g.attributed)).collect(), thousands(a.aligned))}
                                        {line("Weighted contribution", a.goals.iter().map(|g| g.weighted_contribution.to_string()).collect(), String::new())}
                                    }
                                })}
                            </tfoot>
                        </table>
                    }
                    .into_any()
                }}
                <ChoiceMenu choosing set/>
            </div>
            {move || (total.get() == 0).then(|| view! { <p class="muted">"No initiative matches."</p> })}
            <dl class="pf-rules">
                <div><dt>"Investment touching the goal"</dt><dd>{rules::INVESTMENT_RULE}</dd></div>
                <div><dt>"Attributed investment"</dt><dd>{rules::ATTRIBUTED_RULE}</dd></div>
                <div><dt>"Initiatives serving the goal"</dt><dd>{rules::INITIATIVES_RULE}</dd></div>
                <div><dt>"Weighted contribution"</dt><dd>{rules::WEIGHTED_CONTRIBUTION_RULE}</dd></div>
                <div><dt>"Goals served, contribution, weighted (per initiative)"</dt><dd>{rules::INITIATIVE_TOTALS_RULE}</dd></div>
            </dl>
        </section>
    }
}

/// The four contributions to choose from, opened over the cell that was clicked: one menu
/// for the whole matrix (a select in every cell made a page of 50 initiatives × 22 goals
/// slow to lay out). Arrow keys move, Enter or a click chooses, Escape closes; the focus
/// goes back to the cell.
#[component]
fn ChoiceMenu(
    choosing: RwSignal<Option<Choosing>>,
    set: impl Fn(Id, Id, u8, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let close = move || {
        if let Some(c) = choosing.get_untracked() {
            choosing.set(None);
            focus_by_id(c.cell);
        }
    };
    let items = NodeRef::<leptos::html::Div>::new();
    let move_focus = move |step: i32| {
        let Some(menu) = items.get_untracked() else { return };
        let Ok(list) = menu.query_selector_all("[role=menuitemradio]") else { return };
        let n = list.length() as i32;
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        let at = (0..n)
            .find(|&k| list.item(k as u32).map(|e| Some(e) == active.clone().map(Into::into)).unwrap_or(false))
            .unwrap_or(0);
        let to = (at + step).rem_euclid(n.max(1));
        if let Some(el) = list.item(to as u32) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    };
    view! {
        {move || choosing.get().map(|c| {
            let label = c.label.clone();
            focus_by_id(format!("pf-choice-{}", c.value));
            view! {
                <div class="pf-choice-backdrop" on:click=move |_| close()></div>
                <div class="pf-choice" role="menu" aria-label=label node_ref=items
                    style=format!("left:{}px;top:{}px", c.x, c.y)
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                        "Escape" | "Tab" => { ev.prevent_default(); close(); }
                        "ArrowDown" => { ev.prevent_default(); move_focus(1); }
                        "ArrowUp" => { ev.prevent_default(); move_focus(-1); }
                        _ => {}
                    }>
                    {(0..=3u8).map(|k| {
                        let c = c.clone();
                        view! {
                            <button type="button" role="menuitemradio" id=format!("pf-choice-{k}") tabindex="-1"
                                aria-checked=if k == c.value { "true" } else { "false" }
                                class=format!("pf-choice-item pf-s{k}")
                                on:click=move |_| {
                                    choosing.set(None);
                                    if k == c.value {
                                        focus_by_id(c.cell.clone());
                                    } else {
                                        set(c.initiative.clone(), c.goal.clone(), k, c.cell.clone());
                                    }
                                }>
                                {if k == 0 { "— none".to_string() } else { strength_text(k) }}
                            </button>
                        }
                    }).collect_view()}
                </div>
            }
        })}
    }
}

#[component]
fn MatrixRow(
    row: Row,
    goals: Vec<Column>,
    set: impl Fn(Id, Id, u8, String) + Copy + Send + Sync + 'static,
    choosing: RwSignal<Option<Choosing>>,
    wrap: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let unaligned = row.counted && row.goals == 0;
    let status = row.status;
    let detail = {
        let when = row.start.map(|m| format!("from {}", month_label(m))).unwrap_or_else(|| "undated".into());
        format!("{} · {when}", status.label())
    };
    let cost = if row.counted { thousands(row.cost) } else { "—".into() };
    view! {
        <tr class:pf-unaligned=unaligned class:pf-cancelled=!row.counted>
            <th scope="row" class="pf-sticky-col pf-ini">
                <span class="pf-ini-name">{row.name.clone()}</span>
                <span class="pf-ini-detail">{detail}</span>
            </th>
            {goals.iter().enumerate().zip(row.strengths.iter().copied()).map(|((n, g), v)| {
                let (ini, goal) = (row.id.clone(), g.id.clone());
                let (ini2, goal2) = (row.id.clone(), g.id.clone());
                let label = format!("Contribution of {} to {}", row.name, g.name);
                let id = cell_id(&row.id, n);
                let (id2, label2) = (id.clone(), label.clone());
                view! {
                    <td class=format!("pf-cell pf-s{v}")>
                        <button type="button" class="pf-strength" id=id aria-haspopup="menu"
                            aria-label=format!("{label}: {}", if v == 0 { "none".to_string() } else { strength_text(v) })
                            on:click=move |ev: leptos::ev::MouseEvent| {
                                let (mut x, mut y) = (0.0, 0.0);
                                if let (Some(cell), Some(box_)) = (
                                    ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()),
                                    wrap.get_untracked(),
                                ) {
                                    let (r, b) = (cell.get_bounding_client_rect(), box_.get_bounding_client_rect());
                                    x = r.left() - b.left() + box_.scroll_left() as f64;
                                    y = r.bottom() - b.top() + box_.scroll_top() as f64;
                                }
                                choosing.set(Some(Choosing {
                                    initiative: ini.clone(), goal: goal.clone(), label: label2.clone(), value: v, cell: id2.clone(), x, y,
                                }));
                            }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                let to = match ev.key().as_str() {
                                    k @ ("0" | "1" | "2" | "3") => k.parse::<u8>().unwrap_or(0),
                                    "Delete" | "Backspace" => 0,
                                    _ => return,
                                };
                                ev.prevent_default();
                                if to != v {
                                    set(ini2.clone(), goal2.clone(), to, cell_id(&ini2, n));
                                }
                            }>
                            {strength_text(v)}
                        </button>
                    </td>
                }
            }).collect_view()}
            <td class="num">{cost}</td>
            <td class="num">
                {if unaligned {
                    view! { <Attention text="None"/> }.into_any()
                } else {
                    view! { <span>{row.goals}</span> }.into_any()
                }}
            </td>
            <td class="num">{row.contribution}</td>
            <td class="num">{row.weighted}</td>
        </tr>
    }
}
