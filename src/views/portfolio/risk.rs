//! Risk and compliance: the likelihood × impact matrix of open initiatives (plotters draws
//! it on a canvas; over each cell lies a button — click or keyboard, arrow keys move — that
//! lists the cell's initiatives), the top risks, each compliance framework with the
//! capabilities tagged and the initiatives addressing them, and the high-risk capabilities
//! no initiative addresses.

use super::Figures;
use crate::charts::portfolio::{draw_risk_matrix, risk_described, risk_legend, risk_slide_svg};
use crate::charts::Backend;
use crate::domain::portfolio::risk::{self as rules, RiskBand, IMPACT, LIKELIHOOD};
use crate::domain::portfolio::ItemRef;
use crate::domain::Risk;
use crate::layout::portfolio::{risk_matrix_chart, RiskOptions};
use crate::state::App;
use crate::ui::card::{Attention, Card, Rule};
use crate::ui::export::ExportButtons;
use crate::ui::size::use_element_size;
use leptos::html;
use leptos::prelude::*;

/// A cell of the matrix as (likelihood, impact).
type Cell = (u8, u8);

fn cell_name((l, i): Cell) -> String {
    let score = l * i;
    format!(
        "Likelihood {l} {} × impact {i} {}: score {score}, {}",
        LIKELIHOOD[l as usize - 1].to_lowercase(),
        IMPACT[i as usize - 1].to_lowercase(),
        RiskBand::of(score).label().to_lowercase()
    )
}

/// Addressed capabilities listed per framework (those nobody addresses are all listed).
const ADDRESSED_SHOWN: usize = 10;
/// Capabilities nobody addresses listed per framework; the rest are counted.
const UNADDRESSED_SHOWN: usize = 25;

/// Up to `n` names, then how many more: "A, B, and 12 more".
fn some_names(items: &[ItemRef], n: usize) -> String {
    let mut names: Vec<String> = items.iter().take(n).map(|i| i.name.clone()).collect();
    if items.len() > n {
        names.push(format!("and {} more", items.len() - n));
    }
    names.join(", ")
}

fn count_text(n: usize) -> String {
    match n {
        0 => "no initiatives".to_string(),
        1 => "1 initiative".to_string(),
        n => format!("{n} initiatives"),
    }
}

#[component]
pub fn RiskSection() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let k = f.risk;
    let selected = RwSignal::new(None::<Cell>);
    let unmanaged_value = Signal::derive(move || {
        k.with(|k| {
            let names: Vec<String> =
                k.unmanaged().map(|c| format!("{} ({})", c.name, c.risk.label().to_lowercase())).collect();
            if names.is_empty() {
                "None: every high-risk capability has an initiative".to_string()
            } else {
                names.join(", ")
            }
        })
    });
    let top_value = Signal::derive(move || {
        k.with(|k| match k.top.first() {
            Some(t) => {
                format!("{} — {} × {} = {}, {}", t.name, t.likelihood, t.impact, t.score, t.band.label().to_lowercase())
            }
            None => "No open initiatives".to_string(),
        })
    });
    let frameworks_value = Signal::derive(move || {
        k.with(|k| {
            let open: usize = k.frameworks.iter().map(|f| f.unaddressed().count()).sum();
            match (k.frameworks.len(), open) {
                (0, _) => "No compliance tags".to_string(),
                (n, 0) => format!("{n} frameworks; every tagged capability is addressed"),
                (n, 1) => format!("{n} frameworks; 1 tagged capability is not addressed"),
                (n, o) => format!("{n} frameworks; {o} tagged capabilities are not addressed"),
            }
        })
    });
    view! {
        <div class="pf-section">
            <div class="pf-cards">
                <Card title="Highest risk" value=top_value attention=Signal::derive(move || k.with(|k| k.top.first().is_some_and(|t| t.band >= RiskBand::High)))
                    rule=rules::TOP_RULE.to_string()/>
                <Card title="High-risk capabilities without an initiative" value=unmanaged_value
                    attention=Signal::derive(move || k.with(|k| k.unmanaged().next().is_some())) rule=rules::HIGH_RISK_RULE.to_string()/>
                <Card title="Compliance" value=frameworks_value
                    attention=Signal::derive(move || k.with(|k| k.frameworks.iter().any(|f| f.unaddressed().next().is_some())))
                    rule=rules::COMPLIANCE_RULE.to_string()/>
            </div>
            <section class="pf-block" aria-labelledby="pf-matrix-risk-title">
                <div class="pf-block-head">
                    <h3 id="pf-matrix-risk-title">"Risk matrix: delivery risk of open initiatives"</h3>
                    <RiskExport/>
                </div>
                <Rule text=rules::MATRIX_RULE.to_string()/>
                <div class="pf-risk-body">
                    <RiskMatrixView selected/>
                    <div class="pf-risk-side">
                        <CellPanel selected/>
                        <TopRisks/>
                    </div>
                </div>
            </section>
            <Compliance/>
            <HighRisk/>
        </div>
    }
}

#[component]
fn RiskExport() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let f = crate::ui::context::<Figures>();
    let slide = move || {
        let name = app.roadmap.with_untracked(|r| r.name.clone());
        let text = f
            .risk
            .with_untracked(|k| risk_slide_svg(&k.matrix, &name, "Risk matrix: delivery risk of open initiatives"));
        (format!("{}-risk-matrix", crate::download::file_stem(&name)), text)
    };
    view! { <div class="toolbar"><ExportButtons slide/></div> }
}

#[component]
fn RiskMatrixView(selected: RwSignal<Option<Cell>>) -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let container = NodeRef::<html::Div>::new();
    let size = use_element_size(container);
    let width = Memo::new(move |_| match size.get().0 {
        w if w > 0.0 => w,
        _ => 520.0,
    });
    let matrix = Memo::new(move |_| f.risk.with(|k| k.matrix.clone()));
    let chart = Memo::new(move |_| {
        matrix.with(|m| {
            risk_matrix_chart(m, &RiskOptions { width: width.get().clamp(280.0, 600.0), height: 520.0, font_px: 14.0 })
        })
    });
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let sel = selected.get();
        chart.with(|c| {
            crate::ui::canvas::paint(&el, c.width, c.height, |root, ratio| {
                draw_risk_matrix(root, c, sel, ratio, Backend::Canvas)
            })
        });
    });
    // The cell in the tab order: the selected one, else the top-left (likelihood 5, impact 1).
    let current = move || selected.get().unwrap_or((5, 1));
    let focus = move |(l, i): Cell| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("risk-cell-{l}-{i}")))
        {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    };
    let buttons = Memo::new(move |_| {
        chart.with(|c| {
            c.cells.iter().map(|x| (x.likelihood, x.impact, x.count, x.rect.x, x.rect.y, x.rect.w)).collect::<Vec<_>>()
        })
    });
    view! {
        <div class="pf-risk-matrix" node_ref=container>
            <div class="pf-risk-wrap" style=move || chart.with(|c| format!("width:{}px;height:{}px", c.width.ceil(), c.height.ceil()))>
                <canvas node_ref=canvas class="pf-canvas" aria-hidden="true"></canvas>
                <div class="pf-risk-cells" role="group" aria-label="Risk matrix cells: arrow keys move between them, Enter lists a cell's initiatives">
                    <For each=move || buttons.get() key=|b| (b.0, b.1, b.2, b.3 as i64, b.4 as i64, b.5 as i64) let:b>
                        {
                            let (l, i, count, x, y, side) = b;
                            view! {
                                <button type="button" class="pf-risk-cell" id=format!("risk-cell-{l}-{i}")
                                    style=format!("left:{x}px;top:{y}px;width:{side}px;height:{side}px")
                                    tabindex=move || if current() == (l, i) { "0" } else { "-1" }
                                    aria-pressed=move || if selected.get() == Some((l, i)) { "true" } else { "false" }
                                    aria-label=format!("{}: {}", cell_name((l, i)), count_text(count))
                                    on:click=move |_| selected.set(Some((l, i)))
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                        let to = match ev.key().as_str() {
                                            "ArrowUp" if l < 5 => (l + 1, i),
                                            "ArrowDown" if l > 1 => (l - 1, i),
                                            "ArrowLeft" if i > 1 => (l, i - 1),
                                            "ArrowRight" if i < 5 => (l, i + 1),
                                            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" => { ev.prevent_default(); return; }
                                            _ => return,
                                        };
                                        ev.prevent_default();
                                        selected.set(Some(to));
                                        focus(to);
                                    }></button>
                            }
                        }
                    </For>
                </div>
            </div>
            <ul class="pf-risk-legend" aria-label="Risk score bands">
                {risk_legend().into_iter().map(|(label, fill, ink)| view! {
                    <li style=format!("background:{fill};color:{ink}")>{label}</li>
                }).collect_view()}
            </ul>
            <p class="visually-hidden">{move || matrix.with(|m| risk_described(m).join(". "))}</p>
        </div>
    }
}

#[component]
fn CellPanel(selected: RwSignal<Option<Cell>>) -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    let items = Memo::new(move |_| selected.get().map(|(l, i)| f.risk.with(|k| k.matrix.cell(l, i).to_vec())));
    view! {
        <section class="pf-cell-panel" aria-labelledby="pf-cell-title" aria-live="polite">
            {move || match selected.get() {
                None => view! {
                    <h4 id="pf-cell-title">"Initiatives in a cell"</h4>
                    <p class="muted">"Choose a cell of the matrix (click it, or Tab to the matrix, move with the arrow keys and press Enter) to list its initiatives."</p>
                }.into_any(),
                Some(cell) => {
                    let list = items.get().unwrap_or_default();
                    view! {
                        <h4 id="pf-cell-title">{cell_name(cell)}</h4>
                        {if list.is_empty() {
                            view! { <p class="muted">"No open initiative in this cell."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="pf-cell-list" aria-label="Initiatives in the chosen cell">
                                    {list.into_iter().map(|x| view! {
                                        <li><span class="pf-ini-name">{x.name}</span><span class="pf-ini-detail">{x.status.label()}</span></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <button type="button" class="quiet" on:click=move |_| selected.set(None)>"Clear the choice"</button>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn TopRisks() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    view! {
        <section class="pf-top-risks" aria-labelledby="pf-top-title">
            <h4 id="pf-top-title">"Top risks"</h4>
            <Rule text=rules::TOP_RULE.to_string()/>
            <div class="table-scroll">
                <table class="data-table compact">
                    <caption class="visually-hidden">"The open initiatives with the highest risk score"</caption>
                    <thead><tr>
                        <th scope="col">"Initiative"</th><th scope="col">"Status"</th>
                        <th scope="col" class="num">"Likelihood"</th><th scope="col" class="num">"Impact"</th>
                        <th scope="col" class="num">"Score"</th><th scope="col">"Band"</th>
                    </tr></thead>
                    <tbody>
                        {move || f.risk.with(|k| k.top.iter().map(|t| view! { <tr>
                            <th scope="row">{t.name.clone()}</th>
                            <td>{t.status.label()}</td>
                            <td class="num">{format!("{} {}", t.likelihood, LIKELIHOOD[t.likelihood as usize - 1].to_lowercase())}</td>
                            <td class="num">{format!("{} {}", t.impact, IMPACT[t.impact as usize - 1].to_lowercase())}</td>
                            <td class="num"><strong>{t.score}</strong></td>
                            <td>{t.band.label()}</td>
                        </tr> }).collect_view())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Compliance() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    view! {
        <section class="pf-block" aria-labelledby="pf-compliance-title">
            <h3 id="pf-compliance-title">"Compliance frameworks"</h3>
            <Rule text=rules::COMPLIANCE_RULE.to_string()/>
            {move || f.risk.with(|k| if k.frameworks.is_empty() {
                view! { <p class="muted">"No capability or initiative carries a compliance tag (GDPR, ISO 27001, …)."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table pf-compliance">
                            <caption class="visually-hidden">"Compliance frameworks, the capabilities tagged and the initiatives addressing them"</caption>
                            <thead><tr>
                                <th scope="col">"Framework"</th>
                                <th scope="col">"Capabilities tagged, with the initiatives addressing each"</th>
                                <th scope="col">"Initiatives tagged"</th>
                            </tr></thead>
                            <tbody>
                                {k.frameworks.iter().map(|fw| view! { <tr>
                                    <th scope="row">{fw.name.clone()}</th>
                                    <td>
                                        <p class="pf-ini-detail">{
                                            let open = fw.unaddressed().count();
                                            format!("{} tagged{}", fw.capabilities.len(), if open > 0 { format!(", {open} not addressed") } else { String::new() })
                                        }</p>
                                        <ul class="pf-plain">
                                            // The ones nobody addresses first, all of them; then the first few others.
                                            {fw.unaddressed().take(UNADDRESSED_SHOWN).map(|c| view! { <li>
                                                <span class="pf-ini-name">{c.name.clone()}</span>
                                                " "<Attention text="Not addressed"/>
                                            </li> }).collect_view()}
                                            {{
                                                let more = fw.unaddressed().count().saturating_sub(UNADDRESSED_SHOWN);
                                                (more > 0).then(|| view! { <li><Attention text=format!("and {more} more not addressed")/></li> })
                                            }}
                                            {fw.capabilities.iter().filter(|c| !c.addressed_by.is_empty()).take(ADDRESSED_SHOWN).map(|c| view! { <li>
                                                <span class="pf-ini-name">{c.name.clone()}</span>
                                                <span class="pf-ini-detail">{format!("Addressed by {}", some_names(&c.addressed_by, 3))}</span>
                                            </li> }).collect_view()}
                                            {{
                                                let more = fw.capabilities.iter().filter(|c| !c.addressed_by.is_empty()).count().saturating_sub(ADDRESSED_SHOWN);
                                                (more > 0).then(|| view! { <li class="muted">{format!("and {more} more capabilities, each addressed")}</li> })
                                            }}
                                        </ul>
                                    </td>
                                    <td>{if fw.tagged_initiatives.is_empty() { "—".to_string() } else { some_names(&fw.tagged_initiatives, 8) }}</td>
                                </tr> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn HighRisk() -> impl IntoView {
    let f = crate::ui::context::<Figures>();
    view! {
        <section class="pf-block" aria-labelledby="pf-highrisk-title">
            <h3 id="pf-highrisk-title">"High-risk capabilities"</h3>
            <Rule text=rules::HIGH_RISK_RULE.to_string()/>
            {move || f.risk.with(|k| if k.high_risk.is_empty() {
                view! { <p class="muted">"No capability has risk High or Critical."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table pf-highrisk">
                            <caption class="visually-hidden">"Capabilities with risk High or Critical and the initiatives addressing them"</caption>
                            <thead><tr><th scope="col">"Capability"</th><th scope="col">"Risk"</th><th scope="col">"Addressed by"</th></tr></thead>
                            <tbody>
                                {k.high_risk.iter().map(|c| view! { <tr class:pf-row-over=c.is_unmanaged()>
                                    <th scope="row">{c.name.clone()}</th>
                                    <td><span class={if c.risk >= Risk::Critical { "risk risk-critical" } else { "risk risk-high" }}>{c.risk.label()}</span></td>
                                    <td>{if c.is_unmanaged() {
                                        view! { <Attention text="Unmanaged: no initiative addresses it"/> }.into_any()
                                    } else {
                                        view! { <span>{some_names(&c.addressed_by, 3)}</span> }.into_any()
                                    }}</td>
                                </tr> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </section>
    }
}
