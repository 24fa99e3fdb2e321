//! The landscape's TIME chart drawn with plotters from `layout::landscape`: four quadrants
//! tinted by the disposition the fits suggest — Invest a light blue, Tolerate a neutral grey,
//! Migrate a light orange, Eliminate a stronger orange (the heatmap's colour-blind-safe blue →
//! orange attention scale; each quadrant's name is written in it too) — and, per cell, a
//! translucent purple bubble whose area is the run cost, with the count of applications and
//! the amount in dark text (contrast above 4.5:1 on every tint and bubble).

use super::portfolio::{outline, Pen};
use super::{escape, rgb, text_style, Backend};
use crate::domain::landscape::Disposition;
use crate::layout::landscape::{MapSlide, TimeChart};
use crate::layout::palette::{ATTENTION, MAGNITUDE};
use plotters::coord::Shift;
use plotters::prelude::*;

const INK: &str = "#1c2430";
const MUTED: &str = "#5a6472";
/// Bubble fill and its opacity.
const BUBBLE: &str = MAGNITUDE[3].0;
const BUBBLE_ALPHA: f64 = 0.55;

/// The tint of a quadrant.
pub fn quadrant_colour(d: Disposition) -> &'static str {
    match d {
        Disposition::Invest => "#c6dbef",
        Disposition::Tolerate => "#eeeeee",
        Disposition::Migrate => "#fee0b6",
        Disposition::Eliminate => ATTENTION[3].0,
    }
}

/// Draws the chart into `root` at scale `k` on a white background, the `selected` cell
/// (functional, technical) outlined.
pub fn draw_time_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &TimeChart,
    selected: Option<(u8, u8)>,
    k: f64,
    backend: Backend,
) {
    let _ = root.fill(&WHITE);
    let pen = Pen::new(0.0, 0.0, k, backend);
    for q in &c.quadrants {
        pen.rect(root, &q.rect, rgb(quadrant_colour(q.disposition)).filled());
    }
    for cell in &c.cells {
        pen.line(root, &outline(&cell.rect, 0.0), "#ffffff", 1.0);
    }
    for q in &c.quadrants {
        pen.line(root, &outline(&q.rect, 0.0), "#ffffff", 3.0);
    }
    for cell in &c.cells {
        if let Some((x, y, r)) = cell.bubble {
            let centre = pen.p(x, y);
            let radius = (r * k).round().max(1.0) as i32;
            let _ = root.draw(&Circle::new(centre, radius, rgb(BUBBLE).mix(BUBBLE_ALPHA).filled()));
            let _ = root.draw(&Circle::new(centre, radius, rgb(MAGNITUDE[5].0).stroke_width(pen.width(1.0))));
        }
        for l in cell.count_label.iter().chain(cell.cost_label.iter()) {
            pen.label(root, l, INK);
        }
    }
    // The quadrants' names over the bubbles: a large bubble may reach its corner.
    for l in c.quadrants.iter().filter_map(|q| q.label.as_ref()) {
        pen.label(root, l, INK);
    }
    if let Some(cell) = c.cells.iter().find(|x| Some((x.functional, x.technical)) == selected) {
        pen.line(root, &outline(&cell.rect, -2.0), INK, 3.0);
    }
    for l in &c.labels {
        pen.label(root, l, if l.bold { INK } else { MUTED });
    }
}

/// The chart as SVG, at its own size.
pub fn time_chart_svg(c: &TimeChart, selected: Option<(u8, u8)>) -> String {
    super::svg(c.width.ceil().max(1.0) as u32, c.height.ceil().max(1.0) as u32, |root| {
        draw_time_chart(root, c, selected, 1.0, Backend::Svg)
    })
}

/// The fill and text colour of a chip's step: the attention scale (0 calm to 5 act now),
/// and a light grey for no value (6) — as the map's chips on screen.
pub fn step_colour(step: usize) -> (&'static str, &'static str) {
    ATTENTION.get(step).copied().unwrap_or(("#e5e8ec", "#1a1a1a"))
}

pub const SLIDE: (u32, u32) = (1920, 1080);
/// The room of the map on its slide, below the titles and above the legend.
pub const MAP_SLIDE_AREA: (f64, f64, f64, f64) = (48.0, 130.0, 1920.0 - 96.0, 1080.0 - 130.0 - 150.0);

/// What the map slide says around the map.
pub struct MapSlideText<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// (step, meaning) in legend order.
    pub legend: &'a [(usize, &'static str)],
    pub note: &'a str,
    /// Every capability with its applications and their values, for the file's `<desc>`.
    pub described: &'a [String],
}

/// A 1920 × 1080 slide of the landscape map: title, subtitle (month and colouring), the
/// capabilities as boxes with their applications as coloured chips, the legend and the rule.
pub fn map_slide_svg(m: &MapSlide, t: &MapSlideText) -> String {
    let (w, h) = SLIDE;
    let out = super::svg(w, h, |root| {
        let _ = root.fill(&WHITE);
        let _ = root.draw(&Text::new(t.title.to_string(), (48, 32), text_style(40.0, rgb(INK), true)));
        let _ = root.draw(&Text::new(t.subtitle.to_string(), (48, 86), text_style(24.0, rgb(MUTED), false)));
        let pen = Pen::new(0.0, 0.0, 1.0, Backend::Svg);
        for b in &m.boxes {
            pen.rect(root, &b.rect, rgb("#f5f7fa").filled());
            pen.line(root, &outline(&b.rect, 0.0), "#c9d1db", 1.0);
            for line in &b.title {
                pen.label(root, line, INK);
            }
            for c in &b.chips {
                let (fill, ink) = step_colour(c.step);
                pen.rect(root, &c.rect, rgb(fill).filled());
                pen.label(root, &c.label, ink);
            }
            if let Some(more) = &b.more {
                pen.label(root, more, MUTED);
            }
        }
        // Legend: swatches with their meaning, then the rule and what did not fit.
        let y = h as i32 - 132;
        let mut x = 48;
        for (step, label) in t.legend {
            let (fill, ink) = step_colour(*step);
            let wbox = 36 + (label.chars().count() as i32) * 12;
            let _ = root.draw(&Rectangle::new([(x, y), (x + wbox, y + 40)], rgb(fill).filled()));
            let _ = root.draw(&Text::new(label.to_string(), (x + 10, y + 9), text_style(20.0, rgb(ink), true)));
            x += wbox + 8;
        }
        let note = if m.omitted > 0 {
            format!(
                "{} {} more capabilities with applications are in the file's description and the app.",
                t.note, m.omitted
            )
        } else {
            t.note.to_string()
        };
        let (lines, _) = crate::layout::heatmap::wrap(&note, 165, 3);
        for (n, line) in lines.into_iter().enumerate() {
            let _ = root.draw(&Text::new(line, (48, y + 52 + n as i32 * 22), text_style(17.0, rgb(MUTED), false)));
        }
    });
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&format!("{} — {}", t.title, t.subtitle)),
        escape(&t.described.join("\n"))
    );
    super::heatmap::with_head(out, &head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::landscape::disposition::{TimeCell, TimeGrid};
    use crate::layout::landscape::{time_chart, TimeOptions};

    #[test]
    fn the_svg_writes_every_count_and_quadrant() {
        let mut g = TimeGrid::default();
        g.cells[3][3] = TimeCell { applications: vec![0, 1, 2], run_cost_per_year: 300_000.0 };
        g.cells[0][0] = TimeCell { applications: vec![3], run_cost_per_year: 50_000.0 };
        let c = time_chart(&g, &TimeOptions { width: 520.0, height: 520.0, font_px: 14.0 });
        let svg = time_chart_svg(&c, Some((4, 4)));
        let texts: Vec<String> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
            .collect();
        for text in ["Invest", "Tolerate", "Migrate", "Eliminate", "3", "1", "300k", "50k", "Technical fit"] {
            assert!(texts.iter().any(|t| t == text), "{text} missing from {texts:?}");
        }
        assert_eq!(svg.matches("<circle").count(), 4, "two bubbles, each filled and outlined");
    }

    #[test]
    fn the_map_slide_names_every_application_shown_and_escapes_text() {
        use crate::layout::landscape::{map_slide, SlideCapability};
        let caps = vec![
            SlideCapability {
                name: "CRM & <b>sales</b>".into(),
                applications: vec![("Dyn <script>".into(), 3), ("Salesforce".into(), 0)],
            },
            SlideCapability { name: "Billing".into(), applications: vec![("Billing engine".into(), 6)] },
        ];
        let m = map_slide(&caps, MAP_SLIDE_AREA, 20.0);
        let described = vec!["CRM: Dynamics, Salesforce".to_string()];
        let svg = map_slide_svg(
            &m,
            &MapSlideText {
                title: "Plan",
                subtitle: "Landscape map",
                legend: &[(0, "Active"), (6, "No dates")],
                note: "rule",
                described: &described,
            },
        );
        assert!(svg.starts_with("<svg") && svg.contains("width=\"1920\""));
        assert!(!svg.contains("<script") && !svg.contains("<b>"));
        for text in [
            "Dyn &lt;script&gt;",
            "Salesforce",
            "Billing engine",
            "CRM &amp; &lt;b&gt;sales&lt;/b&gt; (2)",
            "Active",
            "No dates",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
        assert!(svg.contains("<desc>CRM: Dynamics, Salesforce</desc>"));
    }
}
