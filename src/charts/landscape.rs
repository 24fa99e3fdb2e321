//! The landscape's TIME chart drawn with plotters from `layout::landscape`: four quadrants
//! tinted by the disposition the fits suggest — Invest a light blue, Tolerate a neutral grey,
//! Migrate a light orange, Eliminate a stronger orange (the heatmap's colour-blind-safe blue →
//! orange attention scale; each quadrant's name is written in it too) — and, per cell, a
//! translucent purple bubble whose area is the run cost, with the count of applications and
//! the amount in dark text (contrast above 4.5:1 on every tint and bubble).

use super::portfolio::{outline, Pen};
use super::{rgb, Backend};
use crate::domain::landscape::Disposition;
use crate::layout::landscape::TimeChart;
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
}
