//! Lifecycle roadmap: every application's lifecycle as a bar over time (a segment per
//! phase), grouped by capability, business owner or disposition, with the initiatives that
//! retire or introduce it as markers and its successor after the bar, and the chosen
//! month's line. A page of 50 rows at a time, found by search; only the page is laid out.
//!
//! The rows and groups are `domain::landscape::lifecycle`'s, the geometry
//! `layout::lifecycle`'s; this view draws it as SVG (hidden from screen readers) under
//! the applications' names, which are buttons opening the application's panel, each
//! described in words (phases, changes, successor).

use crate::domain::format::{count, month_label};
use crate::domain::landscape::lifecycle::{AppGroup, AppLine, GroupBy};
use crate::domain::landscape::{Analysis, Phase};
use crate::domain::{ItemKind, Month};
use crate::layout::lifecycle::{
    lifecycle_chart, month_range, phase_colour, phase_legend, LifecycleChart, LifecycleOptions, Line,
};
use crate::state::App;
use crate::ui::list::{matches, Pager, SearchBox, PAGE_SIZE};
use crate::ui::panel::open_panel;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

/// Every application's line and the groups, for one roadmap and grouping.
#[derive(PartialEq)]
struct Grouped {
    lines: Vec<AppLine>,
    groups: Vec<AppGroup>,
    horizon: (Month, Month),
}

/// A line of the page: a group's header, or an application (group, index into `lines`).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Entry {
    Group { group: usize, continued: bool },
    App { group: usize, line: usize },
}

/// The entries of page `page`: its applications, each group's header before its first one
/// on the page ("continued" when the group began on an earlier page).
fn page_entries(groups: &[(usize, Vec<usize>)], page: usize) -> Vec<Entry> {
    let (from, to) = (page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    let mut out = Vec::new();
    let mut at = 0;
    for (g, (_, apps)) in groups.iter().enumerate() {
        let (start, end) = (at, at + apps.len());
        at = end;
        if end <= from || start >= to {
            continue;
        }
        let skip = from.saturating_sub(start);
        out.push(Entry::Group { group: g, continued: skip > 0 });
        for &line in apps.iter().skip(skip).take(to.min(end) - start.max(from)) {
            out.push(Entry::App { group: g, line });
        }
    }
    out
}

#[component]
pub fn LifecycleRoadmap() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let today = crate::ui::today();
    let at = RwSignal::new(today);
    let by = RwSignal::new(GroupBy::Capability);
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<String>);
    let grouped = Memo::new(move |_| {
        let by = by.get();
        app.roadmap.with(|r| {
            let a = Analysis::new(r);
            let lines = a.app_lines();
            let all: Vec<usize> = (0..lines.len()).collect();
            Arc::new(Grouped {
                groups: a.group_applications(&all, by),
                lines,
                horizon: (r.horizon.start, r.horizon.end),
            })
        })
    });
    // The groups with the applications the search finds (group index, lines).
    let shown = Memo::new(move |_| {
        let q = query.get();
        let found: Vec<bool> = app.roadmap.with(|r| {
            r.landscape
                .applications
                .iter()
                .map(|a| {
                    matches(
                        &q,
                        &[&a.name, &a.vendor, &a.business_owner, &a.it_owner, &a.description, &a.tags.join(" ")],
                    )
                })
                .collect()
        });
        grouped.with(|g| {
            g.groups
                .iter()
                .enumerate()
                .map(|(k, group)| {
                    (
                        k,
                        group
                            .apps
                            .iter()
                            .copied()
                            .filter(|&a| found.get(a).copied().unwrap_or(false))
                            .collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, apps)| !apps.is_empty())
                .collect::<Vec<_>>()
        })
    });
    let total = Signal::derive(move || shown.with(|s| s.iter().map(|(_, a)| a.len()).sum::<usize>()));
    // The months shown: the horizon widened to the dates of every application found (the
    // same on every page).
    let range = Memo::new(move |_| {
        let at = at.get();
        grouped.with(|g| {
            shown.with(|s| {
                let mut seen = vec![false; g.lines.len()];
                for (_, apps) in s {
                    for &a in apps {
                        seen[a] = true;
                    }
                }
                let lines = g.lines.iter().filter(|l| seen[l.app]);
                month_range(g.horizon, at, lines.flat_map(AppLine::months))
            })
        })
    });
    let entries = Memo::new(move |_| {
        let p = page.get();
        shown.with(|s| {
            let groups: Vec<(usize, Vec<usize>)> = s.clone();
            page_entries(&groups, p)
                .into_iter()
                .map(|e| match e {
                    Entry::Group { group, continued } => Entry::Group { group: groups[group].0, continued },
                    Entry::App { group, line } => Entry::App { group: groups[group].0, line },
                })
                .collect::<Vec<_>>()
        })
    });
    let container = NodeRef::<html::Div>::new();
    let size = crate::ui::size::use_element_size(container);
    let width = Memo::new(move |_| match size.get().0 {
        w if w > 0.0 => w.max(760.0),
        _ => 1100.0,
    });
    let chart = Memo::new(move |_| {
        let now = at.get();
        let label = if now == today { format!("Today, {}", month_label(now)) } else { month_label(now) };
        grouped.with(|g| {
            entries.with(|e| {
                let lines: Vec<Line> = e
                    .iter()
                    .map(|x| match *x {
                        Entry::Group { .. } => Line::Group,
                        Entry::App { line, .. } => Line::Bar(&g.lines[line]),
                    })
                    .collect();
                let o = LifecycleOptions { width: width.get(), ..LifecycleOptions::default() };
                Arc::new(lifecycle_chart(&lines, range.get(), Some((now, &label)), &o))
            })
        })
    });
    let group_label = move |e: &Entry| match *e {
        Entry::Group { group, continued } => {
            let name = grouped.with(|g| g.groups[group].name.clone());
            let n = shown.with(|s| s.iter().find(|(k, _)| *k == group).map_or(0, |(_, a)| a.len()));
            let noun = if n == 1 { "application" } else { "applications" };
            format!("{name}{} — {} {noun}", if continued { " (continued)" } else { "" }, count(n))
        }
        Entry::App { .. } => String::new(),
    };
    view! {
        <div class="editor-layout lifecycle-roadmap">
            <div class="editor-list">
                <div class="card">
                    <h3>"Lifecycle roadmap"</h3>
                    <div class="toolbar">
                        <SearchBox label="Search applications" query/>
                        <label class="inline-field">"Group by "
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                by.set(GroupBy::ALL.into_iter().find(|g| g.label() == v).unwrap_or(GroupBy::Capability));
                                page.set(0);
                            }>
                                {GroupBy::ALL.into_iter().map(|g| view! { <option value=g.label() selected=move || by.get() == g>{g.label()}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="inline-field">"Line at "
                            <input type="month" prop:value=move || at.get().to_string()
                                on:change:target=move |ev| if let Ok(m) = Month::parse(&ev.target().value()) { at.set(m) }/>
                        </label>
                    </div>
                    <ul class="lc-legend" aria-label="Lifecycle phases and markers">
                        {phase_legend().into_iter().map(|(phase, label)| {
                            let (fill, _) = phase_colour(phase);
                            view! { <li><span class="swatch" style=format!("background:{fill}")></span>{label}</li> }
                        }).collect_view()}
                        <li><span class="lc-glyph lc-retire" aria-hidden="true">"◆"</span>"Retired by an initiative"</li>
                        <li><span class="lc-glyph lc-introduce" aria-hidden="true">"▲"</span>"Introduced by an initiative"</li>
                        <li><span aria-hidden="true">"→ "</span>"Successor"</li>
                    </ul>
                    <p class="field-hint">"Each bar is an application's lifecycle after the initiatives' changes: a segment per phase, from the month it starts. Markers are the initiatives that retire or introduce it, at the month the change takes effect (its own month, or the initiative's end). An application supporting several capabilities is shown under each."</p>
                    <Show when=move || { total.get() > 0 } fallback=move || view! {
                        <p>{move || if app.roadmap.with(|r| r.landscape.applications.is_empty()) {
                            "This roadmap has no applications yet. Add them under Applications."
                        } else {
                            "No application matches the search."
                        }}</p>
                    }>
                        <div class="lc-scroll" node_ref=container>
                            {move || {
                                let c = chart.get();
                                let e = entries.get();
                                view! { <Chart chart=c.clone() entries=e.clone() grouped selected group_label/> }
                            }}
                        </div>
                    </Show>
                    <Pager page total noun="application rows"/>
                </div>
            </div>
            {move || selected.get().map(|id| view! { <super::applications::ApplicationForm id selected/> })}
        </div>
    }
}

/// The SVG of one page, and the names (buttons) and group headers over it.
#[component]
fn Chart(
    chart: Arc<LifecycleChart>,
    entries: Vec<Entry>,
    grouped: Memo<Arc<Grouped>>,
    selected: RwSignal<Option<String>>,
    group_label: impl Fn(&Entry) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let c = chart;
    let (w, h) = (c.width, c.height);
    let plot = c.plot;
    let svg = {
        let groups = c
            .groups
            .iter()
            .map(|g| {
                view! {
                    <rect class="lc-group-band" x=0 y=g.row.y width=w height=g.row.h/>
                }
            })
            .collect_view();
        let quarters = c
            .quarters
            .iter()
            .map(|&x| {
                view! {
                    <line class="lc-quarter" x1=x x2=x y1=plot.y y2=plot.bottom()/>
                }
            })
            .collect_view();
        let years = c.ticks.iter().map(|t| {
            let label = t.label.clone().map(|l| {
                let (x, y) = l.at();
                view! { <text class="lc-year" x=x y=y + l.px text-anchor=anchor(&l) font-size=l.px>{l.text.clone()}</text> }
            });
            view! { <line class="lc-year-line" x1=t.x x2=t.x y1=plot.y - 6.0 y2=plot.bottom()/>{label} }
        }).collect_view();
        let end_line =
            view! { <line class="lc-year-line" x1=plot.right() x2=plot.right() y1=plot.y - 6.0 y2=plot.bottom()/> };
        let bars = c.bars.iter().map(|b| {
            let segments = b.segments.iter().map(|s| {
                let (fill, ink) = phase_colour(s.phase);
                let label = s.label.clone().map(|l| {
                    let (x, y) = l.at();
                    view! { <text x=x y=y + l.px * 0.95 text-anchor="middle" font-size=l.px fill=ink>{l.text.clone()}</text> }
                });
                let faded = s.phase == Some(Phase::EndOfLife);
                view! {
                    <rect x=s.rect.x y=s.rect.y width=s.rect.w height=s.rect.h fill=fill rx=2
                        class=if faded { "lc-seg lc-eol" } else { "lc-seg" }/>
                    {label}
                }
            }).collect_view();
            let markers = b.markers.iter().map(|m| {
                let (cx, cy) = m.glyph.centre();
                let r = m.glyph.w / 2.0;
                let d = if m.retires {
                    format!("M{cx},{} L{},{cy} L{cx},{} L{},{cy} Z", cy - r, cx + r, cy + r, cx - r)
                } else {
                    format!("M{cx},{} L{},{} L{},{} Z", cy - r, cx + r * 0.9, cy + r * 0.8, cx - r * 0.9, cy + r * 0.8)
                };
                let label = m.label.clone().map(|l| {
                    let (x, y) = l.at();
                    view! { <text class="lc-label" x=x y=y + l.px font-size=l.px>{l.text.clone()}</text> }
                });
                view! {
                    <path d=d class=if m.retires { "lc-marker lc-retire" } else { "lc-marker lc-introduce" }/>
                    {label}
                }
            }).collect_view();
            let successor = b.successor.clone().map(|l| {
                let (x, y) = l.at();
                view! { <text class="lc-successor" x=x y=y + l.px font-size=l.px>{l.text.clone()}</text> }
            });
            view! { {segments}{markers}{successor} }
        }).collect_view();
        let now = c.now.clone().map(|(x, l)| {
            let (lx, ly) = l.at();
            view! {
                <line class="lc-now" x1=x x2=x y1=ly + l.px * 1.25 y2=plot.bottom()/>
                <text class="lc-now-label" x=lx y=ly + l.px font-size=l.px>{l.text.clone()}</text>
            }
        });
        view! {
            <svg class="lc-svg" width=w height=h viewBox=format!("0 0 {w} {h}") aria-hidden="true" focusable="false">
                {groups}{quarters}{years}{end_line}{bars}{now}
            </svg>
        }
    };
    // Over the SVG: the group headers, the names (buttons with their lifecycle in words)
    // and the markers' titles.
    let overlay = {
        let groups = c.groups.iter().map(|g| {
            let e = entries[g.line];
            view! {
                <h4 class="lc-group" style=format!("top:{}px;height:{}px;width:{}px", g.row.y, g.row.h, w)>{group_label(&e)}</h4>
            }
        }).collect_view();
        let names = c.bars.iter().map(|b| {
            let Entry::App { line, group } = entries[b.line] else { return ().into_any() };
            let (id, name, description) = grouped.with_untracked(|g| {
                let l = &g.lines[line];
                (l.id.clone(), l.name.clone(), l.describe())
            });
            let desc_id = format!("lc-desc-{}-{group}-{line}", b.line);
            let shown = if name.is_empty() { "(unnamed)".to_string() } else { name.clone() };
            let id2 = id.clone();
            let title = shown.clone();
            let hits = b.markers.iter().map(|m| view! {
                <span class="lc-hit" title=m.title.clone() aria-hidden="true"
                    style=format!("left:{}px;top:{}px;width:{}px;height:{}px", m.glyph.x, m.glyph.y, m.glyph.w, m.glyph.h)></span>
            }).collect_view();
            view! {
                <button type="button" class="link-button lc-name" title=title aria-describedby=desc_id.clone()
                    class:selected=move || selected.with(|s| s.as_deref() == Some(id.as_str()))
                    style=format!("top:{}px;height:{}px;width:{}px", b.name.y, b.name.h, b.name.w)
                    on:click=move |_| open_panel(selected, ItemKind::Application, id2.clone())>
                    {shown}
                </button>
                <span id=desc_id class="visually-hidden">{description}</span>
                {hits}
            }.into_any()
        }).collect_view();
        view! { <div class="lc-over">{groups}{names}</div> }
    };
    view! {
        <div class="lc-chart" style=format!("width:{w}px;height:{h}px")>
            {svg}
            {overlay}
        </div>
    }
}

fn anchor(l: &crate::layout::portfolio::Label) -> &'static str {
    match l.anchor {
        crate::layout::portfolio::Anchor::Start => "start",
        crate::layout::portfolio::Anchor::Middle => "middle",
        crate::layout::portfolio::Anchor::End => "end",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_repeat_the_group_header_and_hold_page_size_rows() {
        let groups = vec![(0, (0..30).collect::<Vec<_>>()), (1, (30..100).collect()), (2, vec![100])];
        let count_apps = |e: &[Entry]| e.iter().filter(|x| matches!(x, Entry::App { .. })).count();
        let p0 = page_entries(&groups, 0);
        assert_eq!(count_apps(&p0), PAGE_SIZE);
        assert_eq!(p0[0], Entry::Group { group: 0, continued: false });
        assert_eq!(p0[31], Entry::Group { group: 1, continued: false });
        let p1 = page_entries(&groups, 1);
        assert_eq!(p1[0], Entry::Group { group: 1, continued: true });
        assert_eq!(p1[1], Entry::App { group: 1, line: 50 });
        assert_eq!(count_apps(&p1), PAGE_SIZE);
        let p2 = page_entries(&groups, 2);
        assert_eq!(p2, vec![Entry::Group { group: 2, continued: false }, Entry::App { group: 2, line: 100 }]);
        assert!(page_entries(&groups, 3).is_empty());
    }
}
