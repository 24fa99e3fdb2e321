//! Geometry of the portfolio's charts, in plain Rust: the capex and opex per fiscal year
//! against the envelope, and the 5 × 5 risk matrix. `charts::portfolio` draws them with
//! plotters; the view uses the same rectangles for hit-testing.
//!
//! Text is placed without measuring it, as in the heatmap layout: a character is taken as
//! 0.62 × the font size wide and a line as 1.25 × the font size high. Labels that would not
//! fit at a legible size (8 px) are left out, never drawn over each other; the table beside
//! every chart carries all the values.
//!
//! **Finance chart.** One group per fiscal year, left to right: a capex bar and an opex bar
//! (project opex, then run cost, stacked), each with its envelope as a short horizontal line
//! across it, its value written above it, and — when it is over the envelope — the amount
//! over ("+576k") above that. The value axis starts at 0 and ends at a round number at or
//! above the largest bar or envelope; room for two lines of text is kept above it.
//!
//! **Risk matrix.** Impact 1–5 left to right, likelihood 1–5 bottom to top, square cells of
//! whole pixels (so neighbouring cells share exact edges and hit-testing has no gaps or
//! overlaps). Each cell holding initiatives shows how many, large; every cell shows its
//! score, small, where there is room.

use super::Rect;
use crate::domain::format::{short_amount, signed};
use crate::domain::portfolio::finance::FinanceYear;
use crate::domain::portfolio::risk::{RiskBand, RiskMatrix, IMPACT, LIKELIHOOD};

/// Average character width as a multiple of the font size.
pub const CHAR_WIDTH: f64 = 0.62;
/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.25;
/// The smallest font size text is set in.
pub const MIN_FONT: f64 = 8.0;

/// Estimated width of `text` at `px`.
pub fn text_width(text: &str, px: f64) -> f64 {
    CHAR_WIDTH * px * text.chars().count() as f64
}

/// Where a label's x is: its left end, middle or right end.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A piece of text with its estimated box; drawn with its top at `rect.y`.
#[derive(Clone, PartialEq, Debug)]
pub struct Label {
    pub text: String,
    pub px: f64,
    pub bold: bool,
    pub anchor: Anchor,
    pub rect: Rect,
}

impl Label {
    pub fn new(text: impl Into<String>, px: f64, bold: bool, anchor: Anchor, x: f64, top: f64) -> Label {
        let text = text.into();
        let w = text_width(&text, px);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        Label { text, px, bold, anchor, rect: Rect { x: left, y: top, w, h: px * LINE_HEIGHT } }
    }

    /// The point the text is drawn at: (x of the anchor, top).
    pub fn at(&self) -> (f64, f64) {
        let x = match self.anchor {
            Anchor::Start => self.rect.x,
            Anchor::Middle => self.rect.x + self.rect.w / 2.0,
            Anchor::End => self.rect.right(),
        };
        (x, self.rect.y)
    }
}

/// A finite, non-negative amount (anything else draws as 0).
fn amount(x: f64) -> f64 {
    if x.is_finite() {
        x.max(0.0)
    } else {
        0.0
    }
}

/// The largest font size from `px` down to [`MIN_FONT`], in half pixels, at which `fits`
/// holds.
fn fitting(px: f64, fits: impl Fn(f64) -> bool) -> Option<f64> {
    let mut size = px;
    while size >= MIN_FONT {
        if fits(size) {
            return Some(size);
        }
        size -= 0.5;
    }
    None
}

// ---------------------------------------------------------------------------------------
// Finance chart
// ---------------------------------------------------------------------------------------

/// A part of the spend, stacked in the bars.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Part {
    Capex,
    ProjectOpex,
    Run,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Capex => "Capex",
            Part::ProjectOpex => "Project opex",
            Part::Run => "Run cost",
        }
    }
}

/// Which envelope a bar is measured against.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BarKind {
    Capex,
    Opex,
}

impl BarKind {
    pub fn label(self) -> &'static str {
        match self {
            BarKind::Capex => "capex",
            BarKind::Opex => "opex",
        }
    }
}

/// A stacked piece of a bar.
#[derive(Clone, PartialEq, Debug)]
pub struct Segment {
    pub part: Part,
    pub value: f64,
    pub rect: Rect,
}

/// One bar: capex or opex of one fiscal year.
#[derive(Clone, PartialEq, Debug)]
pub struct FinanceBar {
    pub fiscal_year: i32,
    pub kind: BarKind,
    /// The whole bar (height 0 on the axis when nothing is spent).
    pub rect: Rect,
    /// The bar's column over the plot's full height, for pointing at it.
    pub slot: Rect,
    /// Bottom to top; parts of 0 are left out.
    pub segments: Vec<Segment>,
    pub value: f64,
    pub envelope: f64,
    pub over: f64,
    /// The envelope marker `(x0, x1, y)`; none when the envelope is 0.
    pub envelope_line: Option<(f64, f64, f64)>,
    /// The value ("7.4M"); none when values do not fit (see [`FinanceChart::values_shown`]).
    pub value_label: Option<Label>,
    /// The amount over the envelope ("+576k"), when over and values fit.
    pub over_label: Option<Label>,
}

/// What a legend entry shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LegendKey {
    Part(Part),
    Envelope,
    Over,
}

#[derive(Clone, PartialEq, Debug)]
pub struct LegendItem {
    pub key: LegendKey,
    pub swatch: Rect,
    pub label: Label,
}

/// Sizes of the finance chart, in CSS pixels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct FinanceOptions {
    pub width: f64,
    pub height: f64,
    /// Font size of the axis, legend and values (12).
    pub font_px: f64,
}

impl Default for FinanceOptions {
    fn default() -> Self {
        FinanceOptions { width: 720.0, height: 360.0, font_px: 12.0 }
    }
}

/// The placed finance chart.
#[derive(Clone, PartialEq, Debug)]
pub struct FinanceChart {
    pub width: f64,
    pub height: f64,
    /// The area of the bars; the value axis runs from `plot.bottom()` (0) up to `plot.y`
    /// (`top_value`).
    pub plot: Rect,
    pub top_value: f64,
    /// Gridlines: (value, y, its label — none where labels would crowd).
    pub ticks: Vec<(f64, f64, Option<Label>)>,
    /// Capex then opex for each year, years in order.
    pub bars: Vec<FinanceBar>,
    /// The fiscal year names under the axis, one per year (none where they do not fit).
    pub years: Vec<Option<Label>>,
    pub legend: Vec<LegendItem>,
    /// Values are written over the bars (they fit at 8 px or more).
    pub values_shown: bool,
}

impl FinanceChart {
    /// The bar whose column holds the point.
    pub fn bar_at(&self, x: f64, y: f64) -> Option<usize> {
        self.bars.iter().position(|b| b.slot.contains(x, y))
    }

    /// Every label of the chart.
    pub fn labels(&self) -> Vec<&Label> {
        let bars = self.bars.iter().flat_map(|b| b.value_label.iter().chain(b.over_label.iter()));
        let ticks = self.ticks.iter().filter_map(|t| t.2.as_ref());
        let years = self.years.iter().flatten();
        bars.chain(ticks).chain(years).chain(self.legend.iter().map(|l| &l.label)).collect()
    }
}

/// The smallest of 1, 2, 5 × a power of ten at or above `raw` (1 for nothing).
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|k| k * p).find(|s| *s >= raw * (1.0 - 1e-12)).unwrap_or(10.0 * p)
}

/// The legend laid out from the top left, flowing onto further rows within `width`.
fn legend(px: f64, width: f64) -> (Vec<LegendItem>, f64) {
    let line = px * LINE_HEIGHT;
    let keys = [
        (LegendKey::Part(Part::Capex), Part::Capex.label()),
        (LegendKey::Part(Part::ProjectOpex), Part::ProjectOpex.label()),
        (LegendKey::Part(Part::Run), Part::Run.label()),
        (LegendKey::Envelope, "Envelope"),
        (LegendKey::Over, "Over the envelope: +amount"),
    ];
    let (mut x, mut y) = (0.0, 4.0);
    let mut out = Vec::new();
    for (key, text) in keys {
        let w = px + 5.0 + text_width(text, px);
        if x > 0.0 && x + w > width {
            (x, y) = (0.0, y + line + 4.0);
        }
        let swatch = Rect { x, y: y + (line - px) / 2.0, w: px, h: px };
        out.push(LegendItem { key, swatch, label: Label::new(text, px, false, Anchor::Start, x + px + 5.0, y) });
        x += w + 16.0;
    }
    (out, y + line)
}

/// Lays out the capex and opex of each fiscal year against its envelopes (see the module).
pub fn finance_chart(years: &[FinanceYear], o: &FinanceOptions) -> FinanceChart {
    let px = if o.font_px.is_finite() { o.font_px.clamp(MIN_FONT, 48.0) } else { 12.0 };
    let (width, height) = (amount(o.width), amount(o.height));
    let line = px * LINE_HEIGHT;
    let (legend, legend_bottom) = legend(px, width);

    let largest =
        years.iter().flat_map(|y| [y.capex, y.opex(), y.budget_capex, y.budget_opex]).map(amount).fold(0.0, f64::max);
    let step = nice_step(largest / 4.0);
    let steps = (largest / step).ceil().max(1.0);
    let top_value = steps * step;
    let tick_values: Vec<f64> = (0..=steps as usize).map(|k| k as f64 * step).collect();
    let gutter = tick_values.iter().map(|&v| text_width(&short_amount(v), px)).fold(0.0, f64::max) + 10.0;

    let top = legend_bottom + 8.0 + 2.0 * line + 6.0;
    let bottom = (height - line - 8.0).max(top + 1.0);
    let plot = Rect { x: gutter, y: top, w: (width - gutter - 6.0).max(1.0), h: bottom - top };
    let y_of = |v: f64| plot.bottom() - amount(v) / top_value * plot.h;

    let spacing = plot.h / steps;
    let every = ((line + 2.0) / spacing).ceil().max(1.0) as usize;
    let ticks = tick_values
        .iter()
        .enumerate()
        .map(|(k, &v)| {
            let y = y_of(v);
            let label = (k % every == 0)
                .then(|| Label::new(short_amount(v), px, false, Anchor::End, gutter - 6.0, y - line / 2.0));
            (v, y, label)
        })
        .collect();

    let n = years.len().max(1) as f64;
    let group = plot.w / n;
    let bar_w = (group * 0.32).min(90.0);
    let gap = group * 0.06;
    let pitch = bar_w + gap;
    let reach = (bar_w * 0.15).min(gap * 0.4);
    let mut bars = Vec::with_capacity(years.len() * 2);
    for (k, y) in years.iter().enumerate() {
        let centre = plot.x + group * (k as f64 + 0.5);
        for (kind, x) in
            [(BarKind::Capex, centre - pitch / 2.0 - bar_w / 2.0), (BarKind::Opex, centre + pitch / 2.0 - bar_w / 2.0)]
        {
            let (parts, envelope, over) = match kind {
                BarKind::Capex => (vec![(Part::Capex, y.capex)], y.budget_capex, y.over_capex),
                BarKind::Opex => {
                    (vec![(Part::ProjectOpex, y.project_opex), (Part::Run, y.run)], y.budget_opex, y.over_opex)
                }
            };
            let mut base = 0.0;
            let mut segments = Vec::new();
            for (part, value) in parts {
                let value = amount(value);
                if value > 0.0 {
                    let (y0, y1) = (y_of(base + value), y_of(base));
                    segments.push(Segment { part, value, rect: Rect { x, y: y0, w: bar_w, h: y1 - y0 } });
                }
                base += value;
            }
            let bar_top = y_of(base);
            let envelope = amount(envelope);
            bars.push(FinanceBar {
                fiscal_year: y.fiscal_year,
                kind,
                rect: Rect { x, y: bar_top, w: bar_w, h: plot.bottom() - bar_top },
                slot: Rect { x: x - gap / 2.0, y: plot.y, w: pitch, h: plot.h },
                segments,
                value: base,
                envelope,
                over: amount(over),
                envelope_line: (envelope > 0.0).then(|| (x - reach, x + bar_w + reach, y_of(envelope))),
                value_label: None,
                over_label: None,
            });
        }
    }
    // Values: one size for all, the largest at which every label stays within half the
    // distance to its neighbours.
    let over_text = |b: &FinanceBar| (b.over > 0.0).then(|| signed(b.over, short_amount));
    let room = pitch.min(group - pitch) - 2.0;
    let widest = bars
        .iter()
        .flat_map(|b| [Some(short_amount(b.value)), over_text(b)])
        .flatten()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let value_px = fitting(px, |s| CHAR_WIDTH * s * widest <= room);
    if let Some(vpx) = value_px {
        for b in &mut bars {
            let x = b.rect.x + b.rect.w / 2.0;
            let above = b.envelope_line.map_or(b.rect.y, |(_, _, ey)| ey.min(b.rect.y)) - 3.0;
            let value = Label::new(short_amount(b.value), vpx, false, Anchor::Middle, x, above - vpx * LINE_HEIGHT);
            b.over_label = over_text(b)
                .map(|t| Label::new(t, vpx, true, Anchor::Middle, x, value.rect.y - vpx * LINE_HEIGHT - 1.0));
            b.value_label = Some(value);
        }
    }
    let year_px = fitting(px, |s| years.iter().all(|y| text_width(&y.label, s) <= group - 4.0));
    let years = years
        .iter()
        .enumerate()
        .map(|(k, y)| {
            year_px.map(|s| {
                Label::new(
                    y.label.clone(),
                    s,
                    true,
                    Anchor::Middle,
                    plot.x + group * (k as f64 + 0.5),
                    plot.bottom() + 5.0,
                )
            })
        })
        .collect();
    FinanceChart { width, height, plot, top_value, ticks, bars, years, legend, values_shown: value_px.is_some() }
}

// ---------------------------------------------------------------------------------------
// Risk matrix
// ---------------------------------------------------------------------------------------

/// One cell of the risk matrix.
#[derive(Clone, PartialEq, Debug)]
pub struct RiskCell {
    /// 1..=5, bottom to top.
    pub likelihood: u8,
    /// 1..=5, left to right.
    pub impact: u8,
    pub score: u8,
    pub band: RiskBand,
    /// Open initiatives in the cell.
    pub count: usize,
    pub rect: Rect,
    /// The count, large, in the middle; none for an empty cell or one too small.
    pub count_label: Option<Label>,
    /// The score, small, top left; none where it would touch the count.
    pub score_label: Option<Label>,
}

/// Sizes of the risk matrix, in CSS pixels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct RiskOptions {
    pub width: f64,
    pub height: f64,
    /// Font size of the axis labels (12).
    pub font_px: f64,
}

impl Default for RiskOptions {
    fn default() -> Self {
        RiskOptions { width: 520.0, height: 420.0, font_px: 12.0 }
    }
}

/// The placed risk matrix.
#[derive(Clone, PartialEq, Debug)]
pub struct RiskMatrixChart {
    pub width: f64,
    pub height: f64,
    /// The 5 × 5 cells together.
    pub grid: Rect,
    /// A cell's side, whole pixels.
    pub cell: f64,
    /// Row by row from likelihood 5 (top) down to 1; impact 1 to 5 in each row.
    pub cells: Vec<RiskCell>,
    /// Row and column names and the axis titles.
    pub labels: Vec<Label>,
}

impl RiskMatrixChart {
    /// Every label of the chart.
    pub fn all_labels(&self) -> Vec<&Label> {
        let cells = self.cells.iter().flat_map(|c| c.count_label.iter().chain(c.score_label.iter()));
        self.labels.iter().chain(cells).collect()
    }
}

/// The cell under a point, as (likelihood, impact): exact, since cells are whole pixels and
/// share their edges (a point on an edge belongs to the cell right of or below it).
pub fn risk_cell_at(chart: &RiskMatrixChart, x: f64, y: f64) -> Option<(u8, u8)> {
    chart.cells.iter().find(|c| c.rect.contains(x, y)).map(|c| (c.likelihood, c.impact))
}

/// Lays out the 5 × 5 matrix (see the module).
pub fn risk_matrix_chart(m: &RiskMatrix, o: &RiskOptions) -> RiskMatrixChart {
    let px = if o.font_px.is_finite() { o.font_px.clamp(MIN_FONT, 48.0) } else { 12.0 };
    let (width, height) = (amount(o.width), amount(o.height));
    let line = px * LINE_HEIGHT;
    let row_text = |l: usize, words: bool| if words { format!("{l} {}", LIKELIHOOD[l - 1]) } else { l.to_string() };
    // Row names with words when they leave the grid most of the width.
    let widest_row = (1..=5).map(|l| text_width(&row_text(l, true), px)).fold(0.0, f64::max);
    let row_words = widest_row + 12.0 <= width * 0.4;
    let gutter = if row_words { widest_row + 12.0 } else { text_width("5", px) + 12.0 };
    let top = (line + 8.0).round();
    let bottom = 3.0 * line + 12.0;
    let side = ((width - gutter - 4.0) / 5.0).min((height - top - bottom) / 5.0).floor().max(0.0);
    let (gx, gy) = (gutter.round(), top);
    let grid = Rect { x: gx, y: gy, w: 5.0 * side, h: 5.0 * side };

    let mut labels = vec![Label::new("Likelihood", px, true, Anchor::Start, 0.0, 2.0)];
    // Row and column names need a cell at least a line high.
    if side >= line + 2.0 {
        for l in 1..=5usize {
            let y = gy + (5 - l) as f64 * side + side / 2.0 - line / 2.0;
            labels.push(Label::new(row_text(l, row_words), px, false, Anchor::End, gx - 8.0, y));
        }
        let word_px = fitting(px, |s| IMPACT.iter().all(|w| text_width(w, s) <= side - 4.0));
        for i in 1..=5usize {
            let x = gx + (i - 1) as f64 * side + side / 2.0;
            labels.push(Label::new(i.to_string(), px, false, Anchor::Middle, x, grid.bottom() + 4.0));
            if let Some(s) = word_px {
                labels.push(Label::new(IMPACT[i - 1], s, false, Anchor::Middle, x, grid.bottom() + 4.0 + line));
            }
        }
    }
    labels.push(Label::new(
        "Impact",
        px,
        true,
        Anchor::Middle,
        grid.x + grid.w / 2.0,
        grid.bottom() + 6.0 + 2.0 * line,
    ));

    let mut cells = Vec::with_capacity(25);
    for likelihood in (1..=5u8).rev() {
        for impact in 1..=5u8 {
            let rect =
                Rect { x: gx + (impact - 1) as f64 * side, y: gy + (5 - likelihood) as f64 * side, w: side, h: side };
            let count = m.count(likelihood, impact);
            let score = likelihood * impact;
            let (cx, cy) = rect.centre();
            let text = count.to_string();
            let count_px = fitting((side * 0.36).min(2.0 * px), |s| {
                text_width(&text, s) <= side - 8.0 && s * LINE_HEIGHT <= side - 8.0
            })
            .filter(|_| count > 0);
            let count_label =
                count_px.map(|s| Label::new(text.clone(), s, true, Anchor::Middle, cx, cy - s * LINE_HEIGHT / 2.0));
            let score_px = (px * 0.85).max(MIN_FONT);
            let score_label =
                Some(Label::new(score.to_string(), score_px, false, Anchor::Start, rect.x + 4.0, rect.y + 3.0))
                    .filter(|s| s.rect.inside(&rect) && count_label.as_ref().is_none_or(|c| !c.rect.overlaps(&s.rect)));
            cells.push(RiskCell {
                likelihood,
                impact,
                score,
                band: RiskBand::of(score),
                count,
                rect,
                count_label,
                score_label,
            });
        }
    }
    RiskMatrixChart { width, height, grid, cell: side, cells, labels }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::portfolio::finance::finance_years;
    use crate::domain::portfolio::risk::risk_matrix;
    use proptest::prelude::*;

    fn no_overlaps(labels: &[&Label]) -> Result<(), String> {
        for (a, la) in labels.iter().enumerate() {
            for lb in &labels[a + 1..] {
                if la.rect.overlaps(&lb.rect) {
                    return Err(format!("{:?} overlaps {:?}", la.text, lb.text));
                }
            }
        }
        Ok(())
    }

    fn within(r: &Rect, w: f64, h: f64) -> bool {
        r.inside(&Rect { x: 0.0, y: 0.0, w, h })
    }

    #[test]
    fn nice_steps() {
        assert_eq!(
            [0.0, 0.3, 1.0, 1.5, 3.0, 7.0, 1_800_000.0, f64::NAN].map(nice_step),
            [1.0, 0.5, 1.0, 2.0, 5.0, 10.0, 2_000_000.0, 1.0]
        );
    }

    #[test]
    fn the_demo_chart_by_hand() {
        let years = finance_years(&demo_roadmap());
        let c = finance_chart(&years, &FinanceOptions::default());
        assert_eq!(c.bars.len(), 6);
        assert!(c.values_shown && c.years.iter().all(Option::is_some));
        // The largest figure is FY27's capex, 7.38M: steps of 2M up to 8M.
        assert_eq!(c.top_value, 8_000_000.0);
        let ticks: Vec<_> = c.ticks.iter().map(|t| t.2.as_ref().map(|l| l.text.as_str()).unwrap_or("")).collect();
        assert_eq!(ticks, ["0", "2M", "4M", "6M", "8M"]);
        // FY27 capex is over by 576k: marked above its value; nothing else is over.
        let fy27 = &c.bars[2];
        assert_eq!((fy27.fiscal_year, fy27.kind), (2027, BarKind::Capex));
        assert_eq!(fy27.value_label.as_ref().unwrap().text, "7.4M");
        assert_eq!(fy27.over_label.as_ref().unwrap().text, "+576k");
        assert!(c.bars.iter().filter(|b| b.over_label.is_some()).count() == 1);
        // The envelope marker sits at 6.8M, below the bar's top.
        let (_, _, ey) = fy27.envelope_line.unwrap();
        assert!((ey - (c.plot.bottom() - 6.8 / 8.0 * c.plot.h)).abs() < 1e-9 && ey > fy27.rect.y);
        // Opex bars stack project opex under run cost.
        let opex = &c.bars[3];
        assert_eq!(opex.segments.iter().map(|s| s.part).collect::<Vec<_>>(), [Part::ProjectOpex, Part::Run]);
        assert!((opex.segments[0].rect.y - opex.segments[1].rect.bottom()).abs() < 1e-9);
        assert!((opex.value - years[1].opex()).abs() < 1e-6);
        let labels = c.labels();
        no_overlaps(&labels).unwrap();
        assert!(labels.iter().all(|l| within(&l.rect, c.width, c.height)), "every label inside the chart");
        // Pointing at a bar's column finds it; the gutter does not.
        let (x, y) = fy27.rect.centre();
        assert_eq!(c.bar_at(x, y), Some(2));
        assert_eq!(c.bar_at(1.0, y), None);
    }

    #[test]
    fn zero_budgets_and_empty_years_do_not_break_the_chart() {
        let mut r = demo_roadmap();
        r.budgets.clear();
        r.initiatives.clear();
        let years = finance_years(&r);
        let c = finance_chart(&years, &FinanceOptions::default());
        assert!(c.bars.iter().all(|b| b.envelope_line.is_none() && b.segments.is_empty() && b.rect.h == 0.0));
        assert_eq!(c.top_value, 1.0);
        assert!(c.bars.iter().all(|b| b.value_label.as_ref().is_some_and(|l| l.text == "0")));
        let empty = finance_chart(&[], &FinanceOptions { width: 0.0, height: f64::NAN, font_px: f64::INFINITY });
        assert!(empty.bars.is_empty() && empty.plot.w >= 1.0);
    }

    #[test]
    fn narrow_charts_drop_values_rather_than_overlap_them() {
        let years = finance_years(&generate(5, 200));
        let c = finance_chart(&years, &FinanceOptions { width: 160.0, height: 200.0, font_px: 12.0 });
        assert!(!c.values_shown && c.bars.iter().all(|b| b.value_label.is_none()));
        no_overlaps(&c.labels()).unwrap();
    }

    #[test]
    fn risk_cells_tile_the_grid_and_hit_testing_is_exact() {
        let m = risk_matrix(&demo_roadmap());
        let c = risk_matrix_chart(&m, &RiskOptions::default());
        assert_eq!(c.cells.len(), 25);
        assert_eq!((c.cells[0].likelihood, c.cells[0].impact), (5, 1), "top left: likely, small impact");
        assert_eq!((c.cells[24].likelihood, c.cells[24].impact), (1, 5));
        assert!(c.cell >= 40.0 && c.cell.fract() == 0.0 && c.grid.x.fract() == 0.0 && c.grid.y.fract() == 0.0);
        for cell in &c.cells {
            let r = cell.rect;
            let me = Some((cell.likelihood, cell.impact));
            for (x, y) in [(r.x, r.y), r.centre(), (r.right() - 1e-9, r.bottom() - 1e-9)] {
                assert_eq!(risk_cell_at(&c, x, y), me, "{x},{y}");
            }
            // The right and bottom edges belong to the neighbours.
            let right = (cell.impact < 5).then(|| (cell.likelihood, cell.impact + 1));
            let below = (cell.likelihood > 1).then(|| (cell.likelihood - 1, cell.impact));
            assert_eq!(risk_cell_at(&c, r.right(), r.centre().1), right);
            assert_eq!(risk_cell_at(&c, r.centre().0, r.bottom()), below);
            assert_eq!(cell.count, m.count(cell.likelihood, cell.impact));
            match cell.count {
                0 => assert!(cell.count_label.is_none(), "an empty cell shows no number"),
                n => assert_eq!(cell.count_label.as_ref().unwrap().text, n.to_string()),
            }
            assert!(cell.score_label.is_some(), "room for the score at the default size");
            for l in cell.count_label.iter().chain(cell.score_label.iter()) {
                assert!(l.rect.inside(&r), "{} inside its cell", l.text);
            }
        }
        for (x, y) in
            [(c.grid.x - 0.01, c.grid.y), (c.grid.right(), c.grid.y), (c.grid.x, c.grid.bottom()), (-5.0, -5.0)]
        {
            assert_eq!(risk_cell_at(&c, x, y), None);
        }
        // The cells do not overlap each other.
        for (a, ca) in c.cells.iter().enumerate() {
            assert!(c.cells[a + 1..].iter().all(|cb| !ca.rect.overlaps(&cb.rect)));
        }
        no_overlaps(&c.all_labels()).unwrap();
        assert!(c.all_labels().iter().all(|l| within(&l.rect, c.width, c.height)));
        let words: Vec<_> = c.labels.iter().map(|l| l.text.as_str()).collect();
        assert!(words.contains(&"5 Almost certain") && words.contains(&"Severe") && words.contains(&"Impact"));
        // ERP and TMS (4 × 5) share a cell.
        let erp = c.cells.iter().find(|x| (x.likelihood, x.impact) == (4, 5)).unwrap();
        assert_eq!((erp.count, erp.score, erp.band), (2, 20, RiskBand::Severe));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn finance_labels_never_overlap(seed in any::<u64>(), size in 1usize..120, w in 120.0f64..2000.0, h in 120.0f64..1100.0, px in 8.0f64..24.0) {
            let mut r = generate(seed, size);
            if size % 4 == 0 {
                r.budgets.clear();
            }
            let years = finance_years(&r);
            let c = finance_chart(&years, &FinanceOptions { width: w, height: h, font_px: px });
            prop_assert!(no_overlaps(&c.labels()).is_ok(), "{:?}", no_overlaps(&c.labels()));
            for b in &c.bars {
                prop_assert!(b.rect.inside(&c.plot) || b.rect.h == 0.0);
                for s in &b.segments {
                    prop_assert!(s.rect.inside(&b.rect));
                }
                if let Some(l) = &b.over_label {
                    prop_assert!(b.over > 0.0 && l.rect.bottom() <= b.value_label.as_ref().unwrap().rect.y + 1e-9);
                }
                prop_assert_eq!(b.over_label.is_some(), c.values_shown && b.over > 0.0);
            }
            // With room for it, every value is written.
            if w >= 420f64.max(200.0 * years.len() as f64) && h >= 240.0 && px <= 14.0 {
                prop_assert!(c.values_shown);
                prop_assert!(c.labels().iter().all(|l| within(&l.rect, c.width, c.height)));
            }
        }

        #[test]
        fn risk_hit_testing_matches_the_cells(w in 60.0f64..1600.0, h in 60.0f64..1200.0, x in -10.0f64..1610.0, y in -10.0f64..1210.0) {
            let c = risk_matrix_chart(&risk_matrix(&demo_roadmap()), &RiskOptions { width: w, height: h, font_px: 12.0 });
            let hit = risk_cell_at(&c, x, y);
            let inside = c.grid.contains(x, y);
            prop_assert_eq!(hit.is_some(), inside);
            if let Some((l, i)) = hit {
                let col = ((x - c.grid.x) / c.cell).floor() as u8 + 1;
                let row = ((y - c.grid.y) / c.cell).floor() as u8;
                prop_assert_eq!((l, i), (5 - row, col));
            }
            prop_assert!(no_overlaps(&c.all_labels()).is_ok(), "{:?}", no_overlaps(&c.all_labels()));
        }
    }
}
