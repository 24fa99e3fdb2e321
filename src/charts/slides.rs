//! The 1920 × 1080 slides of the heatmap and the timeline as the user chose them: exports,
//! presentation mode and printing show these pictures. Plain Rust: the caller passes
//! this month.

use crate::charts::heatmap::{slide_svg, MapView, SlideText};
use crate::charts::timeline::{self as chart, ColourBy, TimelineView};
use crate::domain::calendar::Quarter;
use crate::domain::heatmap::{self, Metric, RollUp, Scale};
use crate::domain::schedule::Grouping;
use crate::domain::{spend, Id, Month, Roadmap};
use crate::layout::palette::ScaleColours;
use crate::layout::timeline::{self, Axis, TimelineLayout, TimelineOptions, Zoom};
use std::collections::HashSet;

/// The height of the timeline's header (the axis) above the lanes, in CSS pixels.
pub const TIMELINE_HEADER: f64 = 66.0;

/// The capabilities a focus choice highlights: `goal:<id>` (through its initiatives),
/// `initiative:<id>`, `area:<name>`.
pub fn focus_set(r: &Roadmap, focus: &str) -> Option<HashSet<Id>> {
    let (kind, key) = focus.split_once(':')?;
    let caps_of = |ids: &mut dyn Iterator<Item = &crate::domain::Initiative>| -> HashSet<Id> {
        ids.flat_map(|i| i.capabilities.iter().map(|l| l.capability.clone())).collect()
    };
    Some(match kind {
        "goal" => caps_of(&mut r.initiatives.iter().map(|i| &**i).filter(|i| i.goals.iter().any(|g| g.goal == key))),
        "initiative" => caps_of(&mut r.initiatives.iter().map(|i| &**i).filter(|i| i.id == key)),
        "area" => r.capabilities.iter().filter(|c| c.area == key).map(|c| c.id.clone()).collect(),
        _ => return None,
    })
}

/// "End of 2027-Q2 (June 2027)": the date the map shows is the last month of the quarter.
pub fn quarter_text(q: Quarter) -> String {
    format!("End of {q} ({})", crate::domain::format::month_label(q.last_month()))
}

/// The 1920 × 1080 slide of the heatmap as chosen (metric, parents, quarter index — `None`:
/// this quarter — and highlight): its file stem and SVG. Exports, presentation mode and
/// printing show this picture. `today` is this month (the quarter shown by default).
pub fn heatmap_slide(
    r: &Roadmap,
    m: Metric,
    rollup: RollUp,
    quarter: Option<usize>,
    focus: &str,
    today: Month,
) -> (String, String) {
    let quarters = spend::quarters(r);
    let i = quarter.unwrap_or_else(|| quarters.iter().position(|q| *q == today.quarter()).unwrap_or(0));
    let current = quarters.get(i.min(quarters.len().saturating_sub(1))).copied();
    let month = current.map(|q| q.last_month()).unwrap_or(today);
    let figures = heatmap::figures(r, month);
    let v = heatmap::shown_values(r, &figures, m, rollup);
    let s = Scale::for_values(m, v.values().copied());
    let f = focus_set(r, focus);
    let slide_layout = crate::charts::heatmap::slide_layout(r);
    let when = current.map(quarter_text).unwrap_or_default();
    let subtitle = format!("Capability heatmap · {} · {} · parents: {}", m.label(), when, rollup.label());
    let legend = s.legend(&r.currency);
    let note = format!("{} {}", m.rule(), rollup.rule());
    let view =
        MapView { layout: &slide_layout, values: &v, scale: &s, metric: m, currency: &r.currency, focus: f.as_ref() };
    let described: Vec<String> = r
        .tree_order()
        .iter()
        .map(|(c, _)| {
            format!("{}: {}", c.name, v.get(&c.id).map(|x| heatmap::value_text(m, *x, &r.currency)).unwrap_or_default())
        })
        .collect();
    let text = slide_svg(
        &view,
        &SlideText { title: &r.name, subtitle: &subtitle, legend: &legend, note: &note, described: &described },
    );
    (format!("{}-heatmap-{}", crate::download::file_stem(&r.name), m.key()), text)
}

/// What the chart draws, for the roadmap, axis and layout given.
pub fn timeline_view<'a>(
    r: &'a Roadmap,
    a: &'a Axis,
    l: &'a TimelineLayout,
    sel: Option<&'a str>,
    colour_by: ColourBy,
    deps: bool,
    today: Month,
) -> TimelineView<'a> {
    TimelineView {
        roadmap: r,
        axis: a,
        layout: l,
        fiscal_start_month: r.fiscal_year_start_month,
        colour_by,
        show_dependencies: deps,
        selected: sel,
        today: Some(today),
        horizon: r.horizon,
        header_height: TIMELINE_HEADER,
        strips: true,
    }
}

/// The 1920 × 1080 slide of the timeline as chosen (zoom, lanes, colours, dependencies,
/// collapsed lanes): its file stem and SVG. The whole horizon and every lane, fitted to the
/// slide; exports, presentation mode and printing show this picture.
pub fn timeline_slide(
    r: &Roadmap,
    zoom: Zoom,
    grouping: Grouping,
    colour_by: ColourBy,
    deps: bool,
    collapsed: &HashSet<String>,
    today: Month,
) -> (String, String) {
    let a = Axis::for_roadmap(r, zoom);
    let l = timeline::layout(r, grouping, &a, collapsed, &TimelineOptions::default());
    let v = timeline_view(r, &a, &l, None, colour_by, deps, today);
    let subtitle = format!("Timeline · lanes: {} · colour: {}", grouping.label(), colour_by.label());
    (format!("{}-timeline", crate::download::file_stem(&r.name)), chart::slide_svg(&v, &r.name, &subtitle))
}

/// The 1920 × 1080 slide of the landscape map at `month`, coloured `by`: its file stem and
/// SVG. Exports, presentation mode and printing show this picture.
pub fn landscape_slide(r: &Roadmap, by: crate::domain::landscape::map::ColourBy, month: Month) -> (String, String) {
    use crate::charts::landscape::{map_slide_svg, MapSlideText, MAP_SLIDE_AREA};
    use crate::layout::landscape::{map_slide, SlideCapability};
    let l = crate::domain::landscape::map::landscape_at(r, month);
    let index: std::collections::HashMap<&str, usize> =
        r.capabilities.iter().enumerate().map(|(k, c)| (c.id.as_str(), k)).collect();
    let rows: Vec<&crate::domain::landscape::map::CapabilityRow> =
        r.tree_order().iter().filter_map(|(c, _)| index.get(c.id.as_str()).map(|&k| &l.capabilities[k])).collect();
    let caps: Vec<SlideCapability> = rows
        .iter()
        .map(|c| SlideCapability {
            name: c.name.clone(),
            applications: c
                .running
                .iter()
                .map(|&k| (l.applications[k].name.to_string(), by.of(&l.applications[k]).0))
                .collect(),
        })
        .collect();
    let described: Vec<String> = rows
        .iter()
        .filter(|c| !c.running.is_empty())
        .map(|c| {
            let apps: Vec<String> = c
                .running
                .iter()
                .map(|&k| format!("{} ({})", l.applications[k].name, by.of(&l.applications[k]).1))
                .collect();
            format!("{}: {}", c.name, apps.join(", "))
        })
        .collect();
    let slide = map_slide(&caps, MAP_SLIDE_AREA, 20.0);
    let subtitle = format!(
        "Landscape map · {} · coloured by {} · {} of {} applications running",
        crate::domain::format::month_label(month),
        by.label().to_lowercase(),
        crate::domain::format::count(l.running),
        crate::domain::format::count(l.applications.len())
    );
    let note = "Each capability with the applications running on it at the month (phase-in, active or phase-out, \
                after the initiatives' changes); an application supporting several capabilities is on each.";
    let legend = by.legend();
    let text = map_slide_svg(
        &slide,
        &MapSlideText { title: &r.name, subtitle: &subtitle, legend: &legend, note, described: &described },
    );
    (format!("{}-landscape-{}", crate::download::file_stem(&r.name), month), text)
}

#[cfg(test)]
mod landscape_slide_tests {
    #[test]
    fn the_demo_landscape_slide_shows_its_capabilities_and_applications() {
        let r = crate::domain::demo::demo_roadmap();
        let month = crate::domain::Month { year: 2027, month: 1 };
        let (stem, svg) = super::landscape_slide(&r, crate::domain::landscape::map::ColourBy::Support, month);
        assert!(stem.ends_with("-landscape-2027-01"), "{stem}");
        assert!(svg.contains("coloured by technology support"));
        for text in ["SAP ECC 6.0", "Out of support", "Customer relationship management"] {
            assert!(svg.contains(text), "{text} missing");
        }
        let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
        assert!(desc.contains("SAP ECC 6.0 (Out of support)"), "{desc}");
    }
}
