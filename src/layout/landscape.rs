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

// ---------------------------------------------------------------------------------------
// The landscape map as a slide
// ---------------------------------------------------------------------------------------

/// One capability of the map slide: its name and its applications with their colour step
/// (0–5 of the attention scale, 6 for no value).
#[derive(Clone, PartialEq, Debug)]
pub struct SlideCapability {
    pub name: String,
    pub applications: Vec<(String, usize)>,
}

/// An application's chip in its capability's box.
#[derive(Clone, PartialEq, Debug)]
pub struct Chip {
    pub rect: Rect,
    pub step: usize,
    /// The name, shortened with "…" to fit the chip.
    pub label: Label,
}

/// A capability's box: its name and count (one line, or two when long), the chips that fit,
/// and "+N more".
#[derive(Clone, PartialEq, Debug)]
pub struct CapabilityBox {
    pub rect: Rect,
    pub title: Vec<Label>,
    pub chips: Vec<Chip>,
    pub more: Option<Label>,
}

/// The map on a slide: a grid of capability boxes inside `area`, and how many capabilities
/// did not fit on it (named in the slide's description).
#[derive(Clone, PartialEq, Debug)]
pub struct MapSlide {
    pub boxes: Vec<CapabilityBox>,
    pub omitted: usize,
}

/// At most this many capabilities are drawn on a slide; the rest are counted.
pub const SLIDE_BOXES: usize = 48;
const GAP: f64 = 12.0;
const PAD: f64 = 10.0;
const CHIP_MIN_W: f64 = 170.0;

/// `text` shortened with "…" to at most `room` pixels wide at `px`.
fn fitted(text: &str, px: f64, room: f64) -> String {
    if text_width(text, px) <= room {
        return text.to_string();
    }
    let n = ((room / (super::portfolio::CHAR_WIDTH * px)).floor() as usize).saturating_sub(1);
    format!("{}…", text.chars().take(n).collect::<String>().trim_end())
}

/// A capability's name with its count (`" (3)"`) in `room` pixels at `px`: one line when it
/// fits, else two broken at a space (whole words on the first line), the second shortened
/// with "…" if it still does not fit; one shortened line when the first word alone is too long.
fn title_lines(name: &str, count: &str, px: f64, room: f64) -> Vec<String> {
    let whole = format!("{name}{count}");
    if text_width(&whole, px) <= room {
        return vec![whole];
    }
    let count_w = text_width(count, px);
    let first = name
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .take_while(|&i| text_width(name[..i].trim_end(), px) <= room)
        .last();
    match first {
        Some(i) => {
            let rest = name[i..].trim_start();
            vec![name[..i].trim_end().to_string(), format!("{}{count}", fitted(rest, px, room - count_w))]
        }
        None => vec![format!("{}{count}", fitted(name, px, room - count_w))],
    }
}

/// Lays out the capabilities (those with applications, in the order given) as a grid of
/// boxes filling `area` (x, y, width, height), with chips in rows of as many columns as fit.
/// The grid's column count is the one that shows the most applications, then the largest
/// type; a name too long for one line takes two (its box has a row of chips less); a box
/// whose chips do not all fit ends with "+N more".
pub fn map_slide(caps: &[SlideCapability], area: (f64, f64, f64, f64), font_px: f64) -> MapSlide {
    let (x0, y0, width, height) = area;
    let shown: Vec<&SlideCapability> = caps.iter().filter(|c| !c.applications.is_empty()).take(SLIDE_BOXES).collect();
    let omitted = caps.iter().filter(|c| !c.applications.is_empty()).count() - shown.len();
    let n = shown.len();
    if n == 0 {
        return MapSlide { boxes: Vec::new(), omitted };
    }
    // (columns, font) → applications shown.
    // (columns, font, applications shown, names shown whole).
    let mut best: Option<(usize, f64, usize, usize)> = None;
    for font in [font_px, font_px * 0.85, font_px * 0.72] {
        let font = font.max(MIN_FONT);
        for columns in 1..=n.min(8) {
            let rows = n.div_ceil(columns);
            let bw = ((width - GAP * (columns - 1) as f64) / columns as f64).floor();
            let bh = ((height - GAP * (rows - 1) as f64) / rows as f64).floor();
            let titles: Vec<Vec<String>> = shown.iter().map(|c| title_of(c, bw, font)).collect();
            let capacities: Vec<usize> = titles.iter().map(|t| chip_capacity(bw, bh, font, t.len())).collect();
            if capacities.contains(&0) {
                continue;
            }
            let fits: usize = shown.iter().zip(&capacities).map(|(c, &n)| c.applications.len().min(n)).sum();
            let room = chip_label_room(chip_width(bw, chip_grid(bw, bh, font, 1).0));
            let whole_titles = titles.iter().filter(|t| !t.iter().any(|l| l.contains('…'))).count();
            let whole_chips: usize = shown
                .iter()
                .zip(&capacities)
                .map(|(c, &n)| c.applications.iter().take(n).filter(|(a, _)| text_width(a, font) <= room).count())
                .sum();
            let whole = whole_titles + whole_chips;
            if best.is_none_or(|(_, f, s, w)| (fits, whole) > (s, w) || ((fits, whole) == (s, w) && font > f)) {
                best = Some((columns, font, fits, whole));
            }
        }
    }
    let (columns, font, _, _) = best.unwrap_or((n.min(8), MIN_FONT, 0, 0));
    let rows = n.div_ceil(columns);
    let bw = ((width - GAP * (columns - 1) as f64) / columns as f64).floor();
    let bh = ((height - GAP * (rows - 1) as f64) / rows as f64).floor();
    let (chip_cols, _) = chip_grid(bw, bh, font, 1);
    let chip_h = font * 1.6;
    let chip_w = chip_width(bw, chip_cols);
    let title_px = font * 1.05;
    let boxes = shown
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let (col, row) = (k % columns, k / columns);
            let rect = Rect { x: x0 + col as f64 * (bw + GAP), y: y0 + row as f64 * (bh + GAP), w: bw, h: bh };
            let lines = title_of(c, bw, font);
            let line_h = title_px * LINE_HEIGHT;
            let title: Vec<Label> = lines
                .iter()
                .enumerate()
                .map(|(j, line)| {
                    Label::new(
                        line.clone(),
                        title_px,
                        true,
                        Anchor::Start,
                        rect.x + PAD,
                        rect.y + PAD + j as f64 * line_h,
                    )
                })
                .collect();
            let capacity = chip_capacity(bw, bh, font, lines.len());
            let total = c.applications.len();
            // The last place goes to "+N more" when not all fit.
            let placed = if total <= capacity { total } else { capacity.saturating_sub(1) };
            let top = rect.y + PAD + lines.len() as f64 * line_h + PAD / 2.0;
            let place = |i: usize| {
                let (cc, cr) = (i % chip_cols, i / chip_cols);
                Rect {
                    x: rect.x + PAD + cc as f64 * (chip_w + GAP / 2.0),
                    y: top + cr as f64 * (chip_h + GAP / 2.0),
                    w: chip_w,
                    h: chip_h,
                }
            };
            let chips = c.applications[..placed]
                .iter()
                .enumerate()
                .map(|(i, (name, step))| {
                    let r = place(i);
                    let text = fitted(name, font, chip_label_room(r.w));
                    let label = Label::new(
                        text,
                        font,
                        false,
                        Anchor::Start,
                        r.x + PAD / 2.0 + 2.0,
                        r.y + (chip_h - font * LINE_HEIGHT) / 2.0,
                    );
                    Chip { rect: r, step: *step, label }
                })
                .collect();
            let more = (placed < total).then(|| {
                let r = place(placed);
                Label::new(
                    format!("+{} more", total - placed),
                    font,
                    true,
                    Anchor::Start,
                    r.x + PAD / 2.0,
                    r.y + (chip_h - font * LINE_HEIGHT) / 2.0,
                )
            });
            CapabilityBox { rect, title, chips, more }
        })
        .collect();
    MapSlide { boxes, omitted }
}

/// The width of a chip in a box `bw` wide with `chip_cols` columns of chips.
fn chip_width(bw: f64, chip_cols: usize) -> f64 {
    ((bw - 2.0 * PAD - GAP / 2.0 * (chip_cols.saturating_sub(1)) as f64) / chip_cols.max(1) as f64).floor()
}

/// The room for the name on a chip `chip_w` wide.
fn chip_label_room(chip_w: f64) -> f64 {
    chip_w - PAD - 4.0
}

/// A capability's title lines in a box `bw` wide with chips at `font`.
fn title_of(c: &SlideCapability, bw: f64, font: f64) -> Vec<String> {
    title_lines(&c.name, &format!(" ({})", c.applications.len()), font * 1.05, bw - 2.0 * PAD)
}

/// Chip columns and rows that fit in a box of `bw` × `bh` at `font`, under a title of
/// `title_lines` lines.
fn chip_grid(bw: f64, bh: f64, font: f64, title_lines: usize) -> (usize, usize) {
    let inner = bw - 2.0 * PAD;
    let cols = (((inner + GAP / 2.0) / (CHIP_MIN_W * font / 16.0 + GAP / 2.0)).floor() as usize).max(1);
    let room = bh - 2.0 * PAD - title_lines as f64 * font * 1.05 * LINE_HEIGHT - PAD / 2.0;
    let rows = ((room + GAP / 2.0) / (font * 1.6 + GAP / 2.0)).floor().max(0.0) as usize;
    if inner < CHIP_MIN_W * font / 16.0 * 0.8 {
        return (0, 0);
    }
    (cols, rows)
}

fn chip_capacity(bw: f64, bh: f64, font: f64, title_lines: usize) -> usize {
    let (c, r) = chip_grid(bw, bh, font, title_lines);
    c * r
}

#[cfg(test)]
mod slide_tests {
    use super::*;
    use proptest::prelude::*;

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.right() - 1e-6 && b.x < a.right() - 1e-6 && a.y < b.bottom() - 1e-6 && b.y < a.bottom() - 1e-6
    }

    fn inside(inner: &Rect, outer: &Rect) -> bool {
        inner.x >= outer.x - 1e-6
            && inner.y >= outer.y - 1e-6
            && inner.right() <= outer.right() + 1e-6
            && inner.bottom() <= outer.bottom() + 1e-6
    }

    const AREA: (f64, f64, f64, f64) = (48.0, 130.0, 1824.0, 800.0);

    fn caps(sizes: &[usize]) -> Vec<SlideCapability> {
        sizes
            .iter()
            .enumerate()
            .map(|(k, &n)| SlideCapability {
                name: format!("Capability {k} with a rather long name indeed"),
                applications: (0..n).map(|a| (format!("Application {a} of capability {k}"), a % 7)).collect(),
            })
            .collect()
    }

    fn check(s: &MapSlide, input: &[SlideCapability]) {
        let area = Rect { x: AREA.0, y: AREA.1, w: AREA.2, h: AREA.3 };
        let with_apps: Vec<&SlideCapability> = input.iter().filter(|c| !c.applications.is_empty()).collect();
        assert_eq!(s.boxes.len() + s.omitted, with_apps.len(), "every capability drawn or counted");
        for (k, b) in s.boxes.iter().enumerate() {
            assert!(inside(&b.rect, &area), "box {k} inside the area");
            for other in &s.boxes[k + 1..] {
                assert!(!overlaps(&b.rect, &other.rect), "boxes do not overlap");
            }
            assert!(matches!(b.title.len(), 1 | 2), "one or two title lines");
            for line in &b.title {
                assert!(inside(&line.rect, &b.rect), "title inside its box: {:?} in {:?}", line.rect, b.rect);
            }
            let apps = with_apps[k].applications.len();
            let more: usize = b
                .more
                .as_ref()
                .map_or(0, |m| m.text.trim_start_matches('+').trim_end_matches(" more").parse().unwrap());
            assert_eq!(b.chips.len() + more, apps, "every application on a chip or counted");
            let rects: Vec<&Rect> = b.chips.iter().map(|c| &c.rect).chain(b.more.iter().map(|m| &m.rect)).collect();
            for (i, r) in rects.iter().enumerate() {
                assert!(inside(r, &b.rect), "chip inside its box");
                assert!(b.title.iter().all(|line| !overlaps(r, &line.rect)), "chip clear of the title");
                for o in &rects[i + 1..] {
                    assert!(!overlaps(r, o), "chips do not overlap");
                }
            }
            for c in &b.chips {
                assert!(c.label.rect.right() <= c.rect.right() + 1e-6, "name fits its chip: {}", c.label.text);
            }
        }
    }

    #[test]
    fn a_small_map_is_drawn_large_and_whole() {
        let input = caps(&[2, 3, 1, 0, 4]);
        let s = map_slide(&input, AREA, 20.0);
        check(&s, &input);
        assert_eq!(s.boxes.len(), 4, "a capability without applications is left out");
        assert!(s.boxes.iter().all(|b| b.more.is_none()));
        assert_eq!(s.boxes[0].chips[0].label.px, 20.0);
    }

    #[test]
    fn many_capabilities_are_counted_beyond_the_slide() {
        let input = caps(&vec![3; 70]);
        let s = map_slide(&input, AREA, 20.0);
        check(&s, &input);
        assert_eq!((s.boxes.len(), s.omitted), (SLIDE_BOXES, 70 - SLIDE_BOXES));
    }

    #[test]
    fn a_long_capability_name_takes_two_lines_of_whole_words() {
        assert_eq!(title_lines("Billing", " (1)", 20.0, 400.0), ["Billing (1)"]);
        let lines = title_lines("Customer relationship management", " (2)", 20.0, 360.0);
        assert_eq!(lines, ["Customer relationship", "management (2)"]);
        assert!(lines.iter().all(|l| text_width(l, 20.0) <= 360.0 + 1e-6));
        // Too long for two lines: the second is shortened; one word too long: one line.
        let lines = title_lines("Identity and access management for every employee", " (3)", 20.0, 260.0);
        assert!(lines.len() == 2 && lines[1].ends_with("… (3)"), "{lines:?}");
        let lines = title_lines(&"x".repeat(40), " (1)", 20.0, 260.0);
        assert!(lines.len() == 1 && lines[0].ends_with("… (1)"), "{lines:?}");
        // On the slide, the demo's long names are whole.
        let input = vec![
            SlideCapability {
                name: "Customer relationship management".into(),
                applications: vec![("Salesforce".into(), 0)],
            };
            29
        ];
        let s = map_slide(&input, AREA, 20.0);
        check(&s, &input);
        assert!(s.boxes.iter().all(|b| b.title.iter().all(|l| !l.text.contains('…'))), "{:?}", s.boxes[0].title);
    }

    #[test]
    fn long_names_are_shortened_to_fit() {
        assert_eq!(fitted("short", 20.0, 400.0), "short");
        let f = fitted(&"x".repeat(100), 20.0, 200.0);
        assert!(f.ends_with('…') && text_width(&f, 20.0) <= 200.0 + 1e-6, "{f}");
    }

    proptest! {
        #[test]
        fn nothing_overlaps_and_everything_is_placed_or_counted(sizes in prop::collection::vec(0usize..120, 0..60)) {
            let input = caps(&sizes);
            let s = map_slide(&input, AREA, 20.0);
            check(&s, &input);
        }
    }
}
