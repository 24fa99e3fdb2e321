//! Geometry of the landscape's TIME chart, in plain Rust: technical fit 1–4 across,
//! functional fit 1–4 up, square cells of whole pixels (neighbours share exact edges, so
//! hit-testing has no gaps or overlaps). Each cell holding applications has a bubble whose
//! area is its yearly run cost against the largest cell's, centred in the cell and always
//! inside it, and the count of its applications written in it. The four quadrants are named
//! by the disposition the fits suggest (`domain::landscape::disposition`).
//!
//! Text is placed as in `layout::portfolio` (estimated widths; labels that would not fit at
//! a legible size are left out; the table beside the chart carries every value).

use super::portfolio::{text_width, Anchor, Label, LINE_HEIGHT, MIN_FONT};
use super::Rect;
use crate::domain::format::short_amount;
use crate::domain::landscape::disposition::TimeGrid;
use crate::domain::landscape::Disposition;

/// Sizes of the chart, in CSS pixels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct TimeOptions {
    pub width: f64,
    pub height: f64,
    pub font_px: f64,
}

/// One cell: its fits, box, bubble and labels.
#[derive(Clone, PartialEq, Debug)]
pub struct TimeCellBox {
    pub functional: u8,
    pub technical: u8,
    pub rect: Rect,
    pub count: usize,
    /// Centre and radius; `None` for an empty cell or one without run cost.
    pub bubble: Option<(f64, f64, f64)>,
    pub count_label: Option<Label>,
    /// The run cost ("1.2M"), under the count, where there is room.
    pub cost_label: Option<Label>,
}

/// A quadrant: its disposition and the area of its four cells.
#[derive(Clone, PartialEq, Debug)]
pub struct Quadrant {
    pub disposition: Disposition,
    pub rect: Rect,
    pub label: Option<Label>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct TimeChart {
    pub width: f64,
    pub height: f64,
    /// The 4 × 4 cells together.
    pub grid: Rect,
    pub cell: f64,
    /// Row by row from functional fit 4 (top) down to 1; technical fit 1 to 4 in each row.
    pub cells: Vec<TimeCellBox>,
    pub quadrants: Vec<Quadrant>,
    /// Axis names and the fit numbers.
    pub labels: Vec<Label>,
}

impl TimeChart {
    /// The cell (functional, technical) at a point of the chart.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(u8, u8)> {
        self.cells.iter().find(|c| c.rect.contains(x, y)).map(|c| (c.functional, c.technical))
    }

    /// Every label of the chart.
    pub fn all_labels(&self) -> Vec<&Label> {
        let cells = self.cells.iter().flat_map(|c| c.count_label.iter().chain(c.cost_label.iter()));
        let quadrants = self.quadrants.iter().flat_map(|q| q.label.iter());
        self.labels.iter().chain(quadrants).chain(cells).collect()
    }
}

fn amount(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

/// The quadrant of a cell: its disposition (3 and 4 are high).
pub fn quadrant_of(functional: u8, technical: u8) -> Disposition {
    match (functional >= 3, technical >= 3) {
        (true, true) => Disposition::Invest,
        (true, false) => Disposition::Migrate,
        (false, true) => Disposition::Tolerate,
        (false, false) => Disposition::Eliminate,
    }
}

/// Places the TIME chart of `g`.
pub fn time_chart(g: &TimeGrid, o: &TimeOptions) -> TimeChart {
    let px = if o.font_px.is_finite() { o.font_px.clamp(MIN_FONT, 48.0) } else { 12.0 };
    let (width, height) = (amount(o.width), amount(o.height));
    let line = px * LINE_HEIGHT;
    let gutter = (text_width("4", px) + 2.0 * line + 12.0).round();
    let top = (line + 8.0).round();
    let bottom = 2.0 * line + 12.0;
    let side = ((width - gutter - 4.0) / 4.0).min((height - top - bottom) / 4.0).floor().max(0.0);
    let (gx, gy) = (gutter, top);
    let grid = Rect { x: gx, y: gy, w: 4.0 * side, h: 4.0 * side };
    let cell_rect =
        |f: u8, t: u8| Rect { x: gx + (t - 1) as f64 * side, y: gy + (4 - f) as f64 * side, w: side, h: side };

    let mut labels = Vec::new();
    if side >= line + 2.0 {
        for k in 1..=4u8 {
            let r = cell_rect(k, 1);
            labels.push(Label::new(k.to_string(), px, false, Anchor::End, gx - 6.0, r.y + side / 2.0 - line / 2.0));
            let c = cell_rect(1, k);
            labels.push(Label::new(k.to_string(), px, false, Anchor::Middle, c.x + side / 2.0, grid.bottom() + 4.0));
        }
    }
    // Axis names, written across (no rotated text), where they fit: "Technical fit" under the
    // numbers, "Functional fit" above the grid at the left.
    let within = |l: &Label| l.rect.x >= 0.0 && l.rect.right() <= width && l.rect.bottom() <= height.max(l.rect.h);
    let across =
        Label::new("Technical fit", px, true, Anchor::Middle, grid.x + grid.w / 2.0, grid.bottom() + 6.0 + line);
    labels.extend(Some(across).filter(|l| within(l) && side > 0.0));
    let up = Label::new("Functional fit", px, true, Anchor::Start, 0.0, 2.0);
    labels.extend(Some(up).filter(|l| within(l) && side > 0.0));

    let largest = g.largest_cost();
    let mut cells = Vec::with_capacity(16);
    for f in (1..=4u8).rev() {
        for t in 1..=4u8 {
            let rect = cell_rect(f, t);
            let cell = g.cell(f, t);
            let count = cell.applications.len();
            let (cx, cy) = rect.centre();
            let max_r = (side / 2.0 - 4.0).max(0.0);
            let bubble = (count > 0 && largest > 0.0 && cell.run_cost_per_year > 0.0)
                .then(|| (cx, cy, (max_r * (cell.run_cost_per_year / largest).sqrt()).max(3.0_f64.min(max_r))))
                .filter(|b| b.2 > 0.0);
            let count_px = (px * 1.3).min(side * 0.3);
            let count_label = (count > 0 && count_px >= MIN_FONT)
                .then(|| {
                    Label::new(count.to_string(), count_px, true, Anchor::Middle, cx, cy - count_px * LINE_HEIGHT / 2.0)
                })
                .filter(|l| l.rect.inside(&rect));
            let cost_px = (px * 0.85).max(MIN_FONT);
            let cost_label = count_label
                .as_ref()
                .map(|c| {
                    Label::new(
                        short_amount(cell.run_cost_per_year),
                        cost_px,
                        false,
                        Anchor::Middle,
                        cx,
                        c.rect.bottom() + 1.0,
                    )
                })
                .filter(|l| l.rect.inside(&rect) && cell.run_cost_per_year > 0.0);
            cells.push(TimeCellBox { functional: f, technical: t, rect, count, bubble, count_label, cost_label });
        }
    }
    let quadrants = [Disposition::Migrate, Disposition::Invest, Disposition::Eliminate, Disposition::Tolerate]
        .into_iter()
        .enumerate()
        .map(|(k, d)| {
            let rect = Rect {
                x: gx + (k % 2) as f64 * 2.0 * side,
                y: gy + (k / 2) as f64 * 2.0 * side,
                w: 2.0 * side,
                h: 2.0 * side,
            };
            // The name in the quadrant's outer corner, above the cells' bubbles' reach.
            let qpx = (px * 0.9).max(MIN_FONT);
            let (x, anchor) =
                if k % 2 == 0 { (rect.x + 4.0, Anchor::Start) } else { (rect.right() - 4.0, Anchor::End) };
            let y = if k / 2 == 0 { rect.y + 3.0 } else { rect.bottom() - qpx * LINE_HEIGHT - 3.0 };
            let label = Some(Label::new(d.label(), qpx, true, anchor, x, y)).filter(|l| {
                l.rect.inside(&rect)
                    && cells.iter().all(|c| {
                        c.count_label.as_ref().is_none_or(|x| !x.rect.overlaps(&l.rect))
                            && c.cost_label.as_ref().is_none_or(|x| !x.rect.overlaps(&l.rect))
                    })
            });
            Quadrant { disposition: d, rect, label }
        })
        .collect();
    TimeChart { width, height, grid, cell: side, cells, quadrants, labels }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::landscape::disposition::TimeCell;
    use proptest::prelude::*;

    fn grid(costs: &[(u8, u8, usize, f64)]) -> TimeGrid {
        let mut g = TimeGrid::default();
        for &(f, t, n, cost) in costs {
            g.cells[f as usize - 1][t as usize - 1] =
                TimeCell { applications: (0..n).collect(), run_cost_per_year: cost };
        }
        g
    }

    fn check(c: &TimeChart) {
        // Cells tile the grid exactly, and no two overlap.
        assert_eq!(c.cells.len(), 16);
        for (k, a) in c.cells.iter().enumerate() {
            assert!(a.rect.inside(&c.grid));
            for b in &c.cells[k + 1..] {
                assert!(!a.rect.overlaps(&b.rect));
            }
            if let Some((x, y, r)) = a.bubble {
                assert!(x - r >= a.rect.x - 1e-6 && x + r <= a.rect.right() + 1e-6, "bubble inside its cell");
                assert!(y - r >= a.rect.y - 1e-6 && y + r <= a.rect.bottom() + 1e-6);
            }
            for l in a.count_label.iter().chain(a.cost_label.iter()) {
                assert!(l.rect.inside(&a.rect), "{l:?}");
            }
            // Hit-testing finds each cell at its centre and its top-left corner.
            let (cx, cy) = a.rect.centre();
            if a.rect.w > 0.0 {
                assert_eq!(c.cell_at(cx, cy), Some((a.functional, a.technical)));
                assert_eq!(c.cell_at(a.rect.x, a.rect.y), Some((a.functional, a.technical)));
            }
        }
        // No two labels overlap; all are within the chart.
        let labels = c.all_labels();
        for (k, a) in labels.iter().enumerate() {
            assert!(a.rect.x >= -1e-6 && a.rect.right() <= c.width + 1e-6, "{a:?}");
            for b in &labels[k + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(c.cell_at(c.grid.right() + 1.0, c.grid.y), None);
    }

    #[test]
    fn quadrants_follow_the_fits() {
        assert_eq!(quadrant_of(4, 4), Disposition::Invest);
        assert_eq!(quadrant_of(3, 2), Disposition::Migrate);
        assert_eq!(quadrant_of(2, 3), Disposition::Tolerate);
        assert_eq!(quadrant_of(1, 1), Disposition::Eliminate);
        let c = time_chart(&grid(&[]), &TimeOptions { width: 520.0, height: 520.0, font_px: 14.0 });
        for q in &c.quadrants {
            for cell in c.cells.iter().filter(|x| x.rect.inside(&q.rect)) {
                assert_eq!(quadrant_of(cell.functional, cell.technical), q.disposition);
            }
            assert!(q.label.is_some(), "{:?} named", q.disposition);
        }
        check(&c);
    }

    #[test]
    fn bubble_area_follows_run_cost() {
        let g = grid(&[(4, 4, 3, 400.0), (1, 1, 1, 100.0), (3, 1, 2, 0.0)]);
        let c = time_chart(&g, &TimeOptions { width: 520.0, height: 520.0, font_px: 14.0 });
        check(&c);
        let at = |f, t| c.cells.iter().find(|x| x.functional == f && x.technical == t).unwrap();
        let (big, small) = (at(4, 4).bubble.unwrap().2, at(1, 1).bubble.unwrap().2);
        assert!((big * big / (small * small) - 4.0).abs() < 1e-9, "area ∝ cost");
        assert_eq!(at(3, 1).bubble, None, "no run cost, no bubble");
        assert_eq!(at(3, 1).count_label.as_ref().unwrap().text, "2", "the count still shows");
        assert_eq!(at(4, 4).cost_label.as_ref().unwrap().text, "400");
        assert_eq!(at(2, 2).count_label, None);
    }

    proptest! {
        #[test]
        fn any_size_places_everything_without_overlap(
            w in 0.0..1400.0f64, h in 0.0..1000.0f64, px in 6.0..30.0f64,
            costs in proptest::collection::vec((1..=4u8, 1..=4u8, 0..500usize, 0.0..1e9f64), 0..16)
        ) {
            let c = time_chart(&grid(&costs), &TimeOptions { width: w, height: h, font_px: px });
            check(&c);
        }
    }
}
