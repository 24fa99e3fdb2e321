//! The capability heatmap as SVG: the map on screen, and a 1920 × 1080 slide for exports.

use super::{rgb, svg, text_style, Backend};
use crate::domain::format::{signed, trimmed};
use crate::domain::heatmap::{value_text, Metric, Scale};
use crate::domain::Id;
use crate::layout::heatmap::Layout;
use crate::layout::palette::ScaleColours;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::{HashMap, HashSet};

/// What the map shows: values per capability, their scale, and an optional focus (the
/// capabilities outside it are dimmed).
pub struct MapView<'a> {
    pub layout: &'a Layout,
    pub values: &'a HashMap<Id, f64>,
    pub scale: &'a Scale,
    pub metric: Metric,
    pub currency: &'a str,
    pub focus: Option<&'a HashSet<Id>>,
}

const BORDER: RGBColor = RGBColor(255, 255, 255);
const EMPTY: &str = "#e5e8ec";

/// Draws the tiles at an offset, scaled by `k` (1.0 on screen), with their text when `text`
/// (slides) or without (the page writes names and values as HTML over the tiles, so a
/// change of metric redraws a small picture). Text goes where the layout put it
/// (`text_at`, `value_at`), so it never leaves its tile.
fn draw_tiles<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    v: &MapView,
    at: (f64, f64, f64),
    text: bool,
    backend: Backend,
) {
    let colouring = Colouring { colour: &|x| v.scale.colour(x), text: &|x| value_text(v.metric, x, v.currency) };
    draw_tiles_by(root, v.layout, v.values, v.focus, &colouring, at, text, backend);
}

/// How tiles are coloured and their values written.
struct Colouring<'a> {
    colour: &'a dyn Fn(f64) -> (&'static str, &'static str),
    text: &'a dyn Fn(f64) -> String,
}

#[allow(clippy::too_many_arguments)]
fn draw_tiles_by<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    values: &HashMap<Id, f64>,
    focus: Option<&HashSet<Id>>,
    colouring: &Colouring,
    (dx, dy, k): (f64, f64, f64),
    text: bool,
    backend: Backend,
) {
    let px = |x: f64| (dx + x * k).round() as i32;
    let py = |y: f64| (dy + y * k).round() as i32;
    for tile in &layout.tiles {
        let value = values.get(&tile.id).copied();
        let (fill, ink) = value.map_or((EMPTY, "#1c2430"), |x| (colouring.colour)(x));
        let dimmed = focus.is_some_and(|f| !f.contains(&tile.id));
        let r = tile.rect;
        let corners = [(px(r.x), py(r.y)), (px(r.x + r.w), py(r.y + r.h))];
        let _ = root.draw(&Rectangle::new(corners, rgb(fill).mix(if dimmed { 0.18 } else { 1.0 }).filled()));
        if !text {
            continue;
        }
        let _ = root.draw(&Rectangle::new(corners, BORDER.stroke_width(1)));
        // Text of dimmed tiles stays legible but quiet.
        let ink = if dimmed { rgb("#5a6472") } else { rgb(ink) };
        let size = tile.font_size * k * backend.font_factor();
        let (tx, ty) = tile.text_at;
        for (n, line) in tile.lines.iter().enumerate() {
            let at = (px(tx), py(ty + n as f64 * tile.line_height));
            let _ = root.draw(&Text::new(line.clone(), at, text_style(size, ink, tile.level == 1)));
        }
        if let Some(value) = value {
            let style = text_style(size, ink, true).pos(Pos::new(HPos::Right, VPos::Top));
            let (vx, vy) = tile.value_at;
            let _ = root.draw(&Text::new((colouring.text)(value), (px(vx), py(vy)), style));
        }
    }
}

// ---- the difference map of a scenario comparison ------------------------------------------

/// "No change": a quiet grey with dark text.
const NO_CHANGE: (&str, &str) = ("#e5e8ec", "#1c2430");

/// The colour of a maturity difference (b − a), from the attention palette: blue where b
/// is higher (better), orange where it is lower, grey where equal; three steps each way
/// (±3 and beyond share the darkest). Blue against orange stays distinct in every common
/// colour-vision deficiency, and the difference is also written on each tile.
pub fn difference_colour(d: f64) -> (&'static str, &'static str) {
    use crate::layout::palette::ATTENTION;
    let step = if d.is_finite() { d.round().clamp(-3.0, 3.0) as i32 } else { 0 };
    match step {
        -3 => ATTENTION[5],
        -2 => ATTENTION[4],
        -1 => ATTENTION[3],
        0 => NO_CHANGE,
        1 => ATTENTION[2],
        2 => ATTENTION[1],
        _ => ATTENTION[0],
    }
}

/// A difference as written on a tile: "+2", "−1", "0".
pub fn difference_text(d: f64) -> String {
    signed(d, |x| trimmed(x, 0))
}

/// The difference map's legend, lowest first: (label, fill, text colour).
pub fn difference_legend() -> Vec<(String, &'static str, &'static str)> {
    [
        (-3.0, "−3 or less"),
        (-2.0, "−2"),
        (-1.0, "−1"),
        (0.0, "no change"),
        (1.0, "+1"),
        (2.0, "+2"),
        (3.0, "+3 or more"),
    ]
    .into_iter()
    .map(|(d, label)| {
        let (fill, ink) = difference_colour(d);
        (label.to_string(), fill, ink)
    })
    .collect()
}

/// Draws the capability map coloured by maturity difference, names and differences
/// included, at the device's pixel ratio `k`.
pub fn draw_difference_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    layout: &Layout,
    differences: &HashMap<Id, f64>,
    k: f64,
) {
    let colouring = Colouring { colour: &difference_colour, text: &difference_text };
    draw_tiles_by(root, layout, differences, None, &colouring, (0.0, 0.0, k), true, Backend::Canvas);
}

/// The difference map as SVG at the layout's size, names and differences included.
pub fn difference_svg(layout: &Layout, differences: &HashMap<Id, f64>) -> String {
    let (w, h) = (layout.width.ceil() as u32, layout.height.ceil().max(1.0) as u32);
    let colouring = Colouring { colour: &difference_colour, text: &difference_text };
    svg(w, h, |root| draw_tiles_by(root, layout, differences, None, &colouring, (0.0, 0.0, 1.0), true, Backend::Svg))
}

/// Draws the map, names and values included, into any plotters drawing area: the page draws
/// it on a canvas at the device's pixel ratio (`k`).
pub fn draw_map<DB: DrawingBackend>(root: &DrawingArea<DB, plotters::coord::Shift>, v: &MapView, k: f64) {
    draw_tiles(root, v, (0.0, 0.0, k), true, Backend::Canvas);
}

/// The map's picture as SVG (the layout's own size): the coloured tiles only.
pub fn map_svg(v: &MapView) -> String {
    let (w, h) = (v.layout.width.ceil() as u32, v.layout.height.ceil().max(1.0) as u32);
    svg(w, h, |root| draw_tiles(root, v, (0.0, 0.0, 1.0), false, Backend::Svg))
}

/// What a slide says around the map.
pub struct SlideText<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub legend: &'a [(String, &'static str, &'static str)],
    pub note: &'a str,
    /// Every capability with its value ("Name: 3"), written into the file's `<desc>` so the
    /// export is complete and accessible even where a tile shortens a long name.
    pub described: &'a [String],
}

pub const SLIDE: (u32, u32) = (1920, 1080);
/// The part of a slide the map may use (below the titles, above the legend).
const MAP_AREA: (f64, f64, f64, f64) = (48.0, 130.0, 1920.0 - 96.0, 1080.0 - 130.0 - 140.0);

/// The layout for a slide: of a few widths, with whole names or (for large maps) names kept
/// to one line, the layout that shows the map largest once scaled to the slide's map area. A
/// small map is laid out narrower and taller, then enlarged, so its text reads well when
/// projected; a large one is laid out wider and scaled down to fit.
pub fn slide_layout(r: &crate::domain::Roadmap) -> Layout {
    use crate::layout::heatmap::{layout, Options};
    let (_, _, w, h) = MAP_AREA;
    let scale = |l: &Layout| (w / l.width.max(1.0)).min(h / l.height.max(1.0)).min(2.0);
    let mut best: Option<(f64, Layout)> = None;
    for width in [760.0, 900.0, 1050.0, 1250.0, 1500.0, w, 2200.0, 2700.0, 3300.0] {
        // Whole names first; then, for a map too tall, names squeezed to one line.
        for fit in [f64::INFINITY, h * width / w] {
            let mut options = Options::for_width(width);
            options.fit_height = fit;
            let l = layout(r, &options);
            // A squeezed layout must be clearly larger to be worth its shortened names.
            let k = scale(&l) * if fit.is_finite() { 0.9 } else { 1.0 };
            if best.as_ref().is_none_or(|(b, _)| k > *b) {
                best = Some((k, l));
            }
        }
    }
    best.expect("candidate widths").1
}

/// A 1920 × 1080 slide: title, subtitle (metric and date), the map scaled to fit, legend.
pub fn slide_svg(v: &MapView, t: &SlideText) -> String {
    let (w, h) = SLIDE;
    let out = svg(w, h, |root| {
        let _ = root.fill(&WHITE);
        let ink = rgb("#1c2430");
        let muted = rgb("#5a6472");
        let _ = root.draw(&Text::new(t.title.to_string(), (48, 32), text_style(40.0, ink, true)));
        let _ = root.draw(&Text::new(t.subtitle.to_string(), (48, 86), text_style(24.0, muted, false)));
        let (left, top, avail_w, avail_h) = MAP_AREA;
        let k = (avail_w / v.layout.width.max(1.0)).min(avail_h / v.layout.height.max(1.0)).min(2.0);
        draw_tiles(root, v, (left, top, k), true, Backend::Svg);
        // Legend: swatches with their labels, then the rule.
        let y = h as i32 - 118;
        let mut x = 48;
        for (label, fill, ink_on) in t.legend {
            let wbox = 36 + (label.chars().count() as i32) * 13;
            let _ = root.draw(&Rectangle::new([(x, y), (x + wbox, y + 40)], rgb(fill).filled()));
            let _ = root.draw(&Text::new(label.clone(), (x + 10, y + 9), text_style(20.0, rgb(ink_on), true)));
            x += wbox + 8;
        }
        let (lines, _) = crate::layout::heatmap::wrap(t.note, 165, 2);
        for (n, line) in lines.into_iter().enumerate() {
            let _ = root.draw(&Text::new(line, (48, y + 52 + n as i32 * 24), text_style(18.0, muted, false)));
        }
    });
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        super::escape(&format!("{} — {}", t.title, t.subtitle)),
        super::escape(&t.described.join("\n"))
    );
    with_head(out, &head)
}

/// Puts `head` (already escaped markup) right after the opening `<svg …>` tag.
pub(crate) fn with_head(mut svg: String, head: &str) -> String {
    if let Some(end) = svg.find("<svg").and_then(|at| svg[at..].find('>').map(|e| at + e + 1)) {
        svg.insert_str(end, head);
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::heatmap::{figures, shown_values, RollUp};
    use crate::domain::{demo, Month};
    use crate::layout::heatmap::{layout, Options};

    fn slide_for(r: &crate::domain::Roadmap) -> String {
        let month = Month { year: 2027, month: 6 };
        let values = shown_values(r, &figures(r, month), Metric::Gap, RollUp::Worst);
        let scale = Scale::for_values(Metric::Gap, values.values().copied());
        let l = slide_layout(r);
        let view =
            MapView { layout: &l, values: &values, scale: &scale, metric: Metric::Gap, currency: "EUR", focus: None };
        let described: Vec<String> = r.capabilities.iter().map(|c| format!("{}: x", c.name)).collect();
        let legend = scale.legend("EUR");
        slide_svg(
            &view,
            &SlideText { title: &r.name, subtitle: "Gap", legend: &legend, note: "rule", described: &described },
        )
    }

    #[test]
    fn a_slide_names_every_capability_and_escapes_hostile_text() {
        let mut r = demo::demo_roadmap();
        r.capabilities[0] = std::sync::Arc::new(crate::domain::Capability {
            name: "<img src=x onerror=alert(1)> & \"co\"".into(),
            ..(*r.capabilities[0]).clone()
        });
        let svg = slide_for(&r);
        assert!(svg.starts_with("<svg") && svg.contains("width=\"1920\"") && svg.contains("height=\"1080\""));
        assert!(!svg.contains("<img"), "markup in a name stays text");
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;"));
        let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
        for c in r.capabilities.iter().skip(1) {
            assert!(desc.contains(&crate::charts::escape(&c.name)), "{} is in the description", c.name);
        }
    }

    #[test]
    fn a_slide_uses_its_room() {
        // The demo's map is enlarged past its screen size to fill the slide's map area.
        let r = demo::demo_roadmap();
        let l = slide_layout(&r);
        let (_, _, w, h) = MAP_AREA;
        let k = (w / l.width).min(h / l.height);
        assert!(l.width * k > 0.9 * w || l.height * k > 0.9 * h, "fills one dimension");
        let wide = layout(&r, &Options::for_width(w));
        assert!(k >= (w / wide.width).min(h / wide.height));
    }

    #[test]
    fn the_screen_picture_has_a_tile_for_every_capability() {
        let r = demo::demo_roadmap();
        let month = Month { year: 2027, month: 6 };
        let values = shown_values(&r, &figures(&r, month), Metric::CurrentMaturity, RollUp::Worst);
        let scale = Scale::for_values(Metric::CurrentMaturity, values.values().copied());
        let l = layout(&r, &Options::for_width(1400.0));
        let svg = map_svg(&MapView {
            layout: &l,
            values: &values,
            scale: &scale,
            metric: Metric::CurrentMaturity,
            currency: "EUR",
            focus: None,
        });
        assert_eq!(svg.matches("<rect").count(), r.capabilities.len());
        assert!(!svg.contains("<text"), "names and values are HTML over the picture");
    }

    #[test]
    fn differences_are_coloured_both_ways_and_readable() {
        assert_eq!(difference_colour(0.0), NO_CHANGE);
        assert_eq!(difference_colour(1.0).0, "#9ecae1");
        assert_eq!(difference_colour(-1.0).0, "#fdb863");
        assert_eq!(difference_colour(-7.0), difference_colour(-3.0));
        assert_eq!(difference_colour(9.0), difference_colour(3.0));
        assert_eq!(difference_colour(f64::NAN), NO_CHANGE);
        assert_eq!([difference_text(2.0), difference_text(-1.0), difference_text(0.0)], ["+2", "−1", "0"]);
        let legend = difference_legend();
        let fills: HashSet<&str> = legend.iter().map(|l| l.1).collect();
        assert_eq!((legend.len(), fills.len()), (7, 7), "seven distinct steps");
        // WCAG contrast of the text on every fill.
        let lum = |hex: &str| {
            let c = rgb(hex);
            let ch = |v: u8| {
                let c = v as f64 / 255.0;
                if c <= 0.04045 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
        };
        for (label, fill, ink) in &legend {
            let (a, b) = (lum(fill), lum(ink));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 4.5, "{label}: {ink} on {fill} is {ratio:.2}");
        }
    }

    #[test]
    fn the_difference_map_writes_every_capability_and_its_difference() {
        let r = demo::demo_roadmap();
        let l = layout(&r, &Options::for_width(1200.0));
        let mut d: HashMap<Id, f64> = r.capabilities.iter().map(|c| (c.id.clone(), 0.0)).collect();
        d.insert(r.capabilities[3].id.clone(), -2.0);
        let svg = difference_svg(&l, &d);
        assert_eq!(svg.matches("<rect").count(), 2 * r.capabilities.len(), "a fill and a border per tile");
        assert!(svg.contains("−2"), "the difference is written");
        assert!(svg.to_lowercase().contains(&difference_colour(-2.0).0.to_lowercase()), "and coloured");
    }
}
