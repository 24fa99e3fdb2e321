//! The timeline's geometry: zoom, the time axis, header rows, rows within lanes, bars,
//! milestones, hit-testing, dependency arrows and the strips' positions, in the pixel
//! coordinates the chart draws in. The rules it places (lanes, dependencies, rescheduling,
//! quarter sums) are [`crate::domain::schedule`]'s.
//!
//! The rules:
//!
//! 1. **Zoom.** A month is 12 px wide when zoomed out to years, 28 px for quarters and 64 px
//!    for months ([`Zoom::px_per_month`]). The axis covers the planning horizon and every
//!    dated initiative and milestone, widened to whole calendar quarters
//!    ([`Axis::for_roadmap`]).
//! 2. **Headers.** Fiscal years are named by the year they end in ("FY27"); quarters are
//!    *fiscal* quarters ("FY27 Q2"; Q1 starts in the fiscal year's first month). Cells are
//!    clipped to the axis, so the first and last cell of a row may be partial.
//! 3. **Rows.** Within a lane, bars are packed into as few rows as possible: taken in order
//!    of start, each goes into the first row whose last bar ends before it starts. A bar
//!    ending in March and one starting in April may share a row.
//! 4. **Strips** put [`schedule::quarter_budgets`] and [`schedule::quarter_fte`] under the
//!    axis, one cell per calendar quarter touching it, clipped to it.

use super::Rect;
use crate::domain::calendar::{Month, Quarter};
use crate::domain::format::{fiscal_quarter_label, fiscal_year_label, month_abbr};
use crate::domain::model::{display_name, Horizon, Id, Initiative, Roadmap};
use crate::domain::schedule::{
    self, initiatives_by_id, is_broken, lanes, predecessors, Grouping, LaneItem, QuarterBudget, QuarterFte,
};
use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------------------------------
// Axis and headers
// ---------------------------------------------------------------------------------------

/// How far the timeline is zoomed in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Zoom {
    Years,
    #[default]
    Quarters,
    Months,
}

impl Zoom {
    pub const ALL: [Zoom; 3] = [Zoom::Years, Zoom::Quarters, Zoom::Months];

    /// Width of one month: 12 px for years (a year is 144 px; month labels only fit as
    /// initials), 28 px for quarters (a quarter is 84 px), 64 px for months.
    pub fn px_per_month(self) -> f64 {
        match self {
            Zoom::Years => 12.0,
            Zoom::Quarters => 28.0,
            Zoom::Months => 64.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Years => "Years",
            Zoom::Quarters => "Quarters",
            Zoom::Months => "Months",
        }
    }
}

/// The time axis: months `start..=end` laid out left to right from `origin_x`. An axis
/// always has at least one month (an `end` before `start` counts as `start`).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Axis {
    pub start: Month,
    pub end: Month,
    pub px_per_month: f64,
    pub origin_x: f64,
}

impl Axis {
    /// The months `start..=end` at `zoom`, starting at x = 0.
    pub fn new(start: Month, end: Month, zoom: Zoom) -> Axis {
        Axis { start, end: end.max(start), px_per_month: zoom.px_per_month(), origin_x: 0.0 }
    }

    /// The horizon plus every dated initiative and its milestones, widened to whole
    /// calendar quarters, at `zoom`.
    pub fn for_roadmap(r: &Roadmap, zoom: Zoom) -> Axis {
        let h = r.horizon;
        let (mut first, mut last) = (h.start.min(h.end), h.start.max(h.end));
        for i in &r.initiatives {
            let Some((start, end)) = i.dates() else {
                continue;
            };
            let months = i.milestones.iter().filter_map(|m| m.month);
            for m in months.chain([start, end]) {
                (first, last) = (first.min(m), last.max(m));
            }
        }
        Axis::new(first.quarter().first_month(), last.quarter().last_month(), zoom)
    }

    /// Number of months on the axis (at least 1).
    pub fn months(&self) -> i32 {
        (self.end.index() - self.start.index() + 1).max(1)
    }

    /// The last month on the axis.
    pub fn last(&self) -> Month {
        self.start.plus(self.months() - 1)
    }

    /// Left edge of `month` (extrapolated for months off the axis).
    pub fn x_of(&self, month: Month) -> f64 {
        self.origin_x + (month.index() - self.start.index()) as f64 * self.px_per_month
    }

    /// The month drawn at `x`: the one with `x_of(m) <= x < x_of(m + 1)`, clamped to the
    /// axis. The exact inverse of [`x_of`](Self::x_of).
    pub fn month_at(&self, x: f64) -> Month {
        let n = self.months() as i64;
        let at = |k: i64| self.x_of(self.start.plus(k as i32));
        let guess = ((x - self.origin_x) / self.px_per_month).floor();
        let mut k = if guess.is_finite() { (guess as i64).clamp(0, n - 1) } else { 0 };
        // Floating-point division may land one month off; settle against x_of itself.
        while k + 1 < n && at(k + 1) <= x {
            k += 1;
        }
        while k > 0 && at(k) > x {
            k -= 1;
        }
        self.start.plus(k as i32)
    }

    pub fn width(&self) -> f64 {
        self.months() as f64 * self.px_per_month
    }

    /// Right edge of the axis.
    pub fn end_x(&self) -> f64 {
        self.origin_x + self.width()
    }

    /// Whole months in a horizontal drag of `dx` pixels, rounded to the nearest month.
    pub fn months_in(&self, dx: f64) -> i32 {
        (dx / self.px_per_month).round() as i32
    }
}

/// One cell of a header row, `x..x + w`. `first` is the first month of the period (which
/// may be before the axis when the cell is clipped).
#[derive(Clone, PartialEq, Debug)]
pub struct HeaderCell {
    /// "FY27", "FY27 Q2", "Jan".
    pub label: String,
    /// For narrow cells: "FY27", "Q2", "J".
    pub short: String,
    pub first: Month,
    pub x: f64,
    pub w: f64,
}

/// The three header rows; each tiles the axis exactly.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Headers {
    pub fiscal_years: Vec<HeaderCell>,
    pub quarters: Vec<HeaderCell>,
    pub months: Vec<HeaderCell>,
}

/// Header rows for a fiscal year starting in `fiscal_start_month` (1..=12; clamped).
pub fn headers(axis: &Axis, fiscal_start_month: u8) -> Headers {
    let fs = fiscal_start_month.clamp(1, 12);
    let fy = |m: Month| m.fiscal_year(fs);
    Headers {
        fiscal_years: cells(axis, |m| (fy(m), 0), |m| (fiscal_year_label(fy(m)), fiscal_year_label(fy(m)))),
        quarters: cells(
            axis,
            |m| (fy(m), m.fiscal_quarter(fs)),
            |m| {
                let q = m.fiscal_quarter(fs);
                (fiscal_quarter_label(fy(m), q), format!("Q{q}"))
            },
        ),
        months: cells(
            axis,
            |m| (m.index(), 0),
            |m| {
                let name = month_abbr(m.month);
                (name.to_string(), name[..1].to_string())
            },
        ),
    }
}

/// Runs of consecutive months with the same `key`, one cell each.
fn cells(axis: &Axis, key: impl Fn(Month) -> (i32, u8), label: impl Fn(Month) -> (String, String)) -> Vec<HeaderCell> {
    let mut out: Vec<HeaderCell> = Vec::new();
    let mut last_key = None;
    for k in 0..axis.months() {
        let m = axis.start.plus(k);
        let right = axis.x_of(m.plus(1));
        match out.last_mut() {
            Some(cell) if last_key == Some(key(m)) => cell.w = right - cell.x,
            _ => {
                let (label, short) = label(m);
                let x = axis.x_of(m);
                out.push(HeaderCell { label, short, first: m, x, w: right - x });
                last_key = Some(key(m));
            }
        }
    }
    out
}

/// The horizon as `(x0, x1)`, clipped to the axis.
pub fn horizon_band(axis: &Axis, horizon: Horizon) -> (f64, f64) {
    let clip = |x: f64| x.clamp(axis.origin_x, axis.end_x());
    let x0 = clip(axis.x_of(horizon.start));
    (x0, clip(axis.x_of(horizon.end.plus(1))).max(x0))
}

/// Where the "today" line goes: the middle of the current month (the model has no days),
/// or `None` when today is off the axis.
pub fn today_x(axis: &Axis, today: Month) -> Option<f64> {
    (axis.start <= today && today <= axis.last()).then(|| axis.x_of(today) + axis.px_per_month / 2.0)
}

/// Packs bars `start..=end` into rows so that no two bars in a row share a month: returns
/// each bar's row and the number of rows. Greedy in order of start (then end), each bar
/// into the first row whose last bar ends before it starts — which needs the fewest rows
/// possible (as many as bars running in the busiest month). A reversed span counts as
/// its start month.
pub fn pack_rows(spans: &[(Month, Month)]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&k| spans[k]);
    let mut ends: Vec<Month> = Vec::new();
    let mut rows = vec![0; spans.len()];
    for k in order {
        let (start, end) = (spans[k].0, spans[k].1.max(spans[k].0));
        rows[k] = match ends.iter().position(|&e| e < start) {
            Some(row) => {
                ends[row] = end;
                row
            }
            None => {
                ends.push(end);
                ends.len() - 1
            }
        };
    }
    (rows, ends.len())
}

// ---------------------------------------------------------------------------------------
// Layout and hit testing
// ---------------------------------------------------------------------------------------

/// Sizes of the timeline, in px.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct TimelineOptions {
    /// y of the first lane's top.
    pub top: f64,
    pub row_height: f64,
    pub lane_header_height: f64,
    /// Bars are centred in their row.
    pub bar_height: f64,
    /// Taken off each end of a bar, so bars in adjacent months do not touch.
    pub bar_inset: f64,
    /// Of bar labels; a label is estimated at 0.55 × `font_size` per character.
    pub font_size: f64,
    /// Space between a label and the bar's edge.
    pub label_padding: f64,
    /// Width of the resize handles at each end of a bar (a quarter of the bar, at most).
    pub handle_width: f64,
    /// Half the diagonal of a milestone diamond.
    pub milestone_radius: f64,
    /// How far a dependency arrow runs straight out of and into its bars.
    pub arrow_stub: f64,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            top: 0.0,
            row_height: 28.0,
            lane_header_height: 24.0,
            bar_height: 20.0,
            bar_inset: 1.0,
            font_size: 12.0,
            label_padding: 6.0,
            handle_width: 6.0,
            milestone_radius: 5.5,
            arrow_stub: 8.0,
        }
    }
}

impl TimelineOptions {
    /// Estimated width of `text` in bar labels.
    pub fn text_width(&self, text: &str) -> f64 {
        0.55 * self.font_size * text.chars().count() as f64
    }
}

/// An initiative's bar, `start..=end` (a shared initiative has one bar in each lane).
#[derive(Clone, PartialEq, Debug)]
pub struct Bar {
    pub initiative: Id,
    pub lane: usize,
    /// Row within the lane.
    pub row: usize,
    pub start: Month,
    pub end: Month,
    pub rect: Rect,
    /// The name fits inside the bar; otherwise it is drawn to the right of it.
    pub label_inside: bool,
    /// Where the label text starts.
    pub label_x: f64,
    pub shared: bool,
}

/// A milestone: a diamond centred on (`x`, `y`), in the middle of its month, on the bottom
/// edge of its bar (below the label, so it never covers the bar's name).
#[derive(Clone, PartialEq, Debug)]
pub struct Diamond {
    pub initiative: Id,
    /// Index of the bar it sits on.
    pub bar: usize,
    pub month: Month,
    pub x: f64,
    pub y: f64,
    /// Half the diagonal.
    pub r: f64,
    pub name: String,
}

impl Diamond {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (x - self.x).abs() + (y - self.y).abs() <= self.r
    }
}

/// A lane as drawn: a header row, then its rows (one empty row when it has no bars; none
/// when collapsed).
#[derive(Clone, PartialEq, Debug)]
pub struct LaneBox {
    pub key: String,
    pub title: String,
    pub y: f64,
    pub h: f64,
    pub collapsed: bool,
    /// Initiatives in the lane (also when collapsed).
    pub count: usize,
    pub rows: usize,
}

#[derive(Clone, PartialEq, Debug)]
pub struct TimelineLayout {
    pub bars: Vec<Bar>,
    pub milestones: Vec<Diamond>,
    pub lanes: Vec<LaneBox>,
    pub width: f64,
    /// The bottom of the last lane.
    pub height: f64,
    pub options: TimelineOptions,
}

/// Lays out the dated initiatives in lanes (schedule rule 1) and rows (rule 3); lanes whose key is in
/// `collapsed` show only their header. Bars are in lane order, then item order.
pub fn layout(
    r: &Roadmap,
    grouping: Grouping,
    axis: &Axis,
    collapsed: &HashSet<String>,
    options: &TimelineOptions,
) -> TimelineLayout {
    let o = options;
    let by_id = initiatives_by_id(r);
    let mut out = TimelineLayout {
        bars: Vec::new(),
        milestones: Vec::new(),
        lanes: Vec::new(),
        width: axis.width(),
        height: o.top,
        options: *o,
    };
    let mut y = o.top;
    for (lane_index, lane) in lanes(r, grouping).into_iter().enumerate() {
        let is_collapsed = collapsed.contains(&lane.key);
        let items: Vec<(&LaneItem, &Initiative, (Month, Month))> = lane
            .items
            .iter()
            .filter_map(|item| {
                let i = *by_id.get(item.initiative.as_str())?;
                let (start, end) = i.dates()?;
                Some((item, i, (start, end.max(start))))
            })
            .collect();
        let spans: Vec<_> = items.iter().map(|t| t.2).collect();
        let (rows_of, rows) = if is_collapsed { (Vec::new(), 0) } else { pack_rows(&spans) };
        let body_y = y + o.lane_header_height;
        for ((item, i, (start, end)), row) in items.iter().zip(rows_of) {
            let x = axis.x_of(*start) + o.bar_inset;
            let w = (axis.x_of(end.plus(1)) - o.bar_inset - x).max(1.0);
            let rect = Rect {
                x,
                y: body_y + row as f64 * o.row_height + (o.row_height - o.bar_height) / 2.0,
                w,
                h: o.bar_height,
            };
            let label_inside = o.text_width(display_name(&i.name, &i.id)) + 2.0 * o.label_padding <= w;
            let label_x = if label_inside { x + o.label_padding } else { rect.right() + o.label_padding };
            let bar = out.bars.len();
            for m in &i.milestones {
                let Some(month) = m.month else { continue };
                out.milestones.push(Diamond {
                    initiative: i.id.clone(),
                    bar,
                    month,
                    x: axis.x_of(month) + axis.px_per_month / 2.0,
                    y: rect.bottom() + 1.0,
                    r: o.milestone_radius,
                    name: m.name.clone(),
                });
            }
            out.bars.push(Bar {
                initiative: i.id.clone(),
                lane: lane_index,
                row,
                start: *start,
                end: *end,
                rect,
                label_inside,
                label_x,
                shared: item.shared,
            });
        }
        let h = o.lane_header_height + if is_collapsed { 0.0 } else { rows.max(1) as f64 * o.row_height };
        out.lanes.push(LaneBox {
            key: lane.key,
            title: lane.title,
            y,
            h,
            collapsed: is_collapsed,
            count: items.len(),
            rows,
        });
        y += h;
    }
    out.height = y;
    out
}

/// Which part of a bar is under the pointer: the resize handles at either end, or the
/// middle (which moves the bar).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BarPart {
    Start,
    Middle,
    End,
}

/// What is under the pointer; indices into the layout's `bars`, `milestones` and `lanes`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hit {
    Bar { index: usize, part: BarPart },
    Milestone(usize),
    LaneHeader(usize),
}

/// What is at (`x`, `y`): milestones first (drawn over bars; the last drawn wins), then
/// bars, then lane headers (a header is the full width of its lane). A bar's outer
/// `handle_width` px at each end — a quarter of the bar when it is narrower than 4 handles
/// — resize it.
pub fn hit_test(layout: &TimelineLayout, x: f64, y: f64) -> Option<Hit> {
    if let Some(index) = layout.milestones.iter().rposition(|d| d.contains(x, y)) {
        return Some(Hit::Milestone(index));
    }
    if let Some(index) = layout.bars.iter().position(|b| b.rect.contains(x, y)) {
        let rect = layout.bars[index].rect;
        let handle = layout.options.handle_width.min(rect.w / 4.0);
        let part = if x < rect.x + handle {
            BarPart::Start
        } else if x >= rect.right() - handle {
            BarPart::End
        } else {
            BarPart::Middle
        };
        return Some(Hit::Bar { index, part });
    }
    let header_h = layout.options.lane_header_height;
    layout.lanes.iter().position(|l| l.y <= y && y < l.y + header_h).map(Hit::LaneHeader)
}

/// A dependency arrow between two drawn bars.
#[derive(Clone, PartialEq, Debug)]
pub struct Arrow {
    pub from: Id,
    pub to: Id,
    pub from_bar: usize,
    pub to_bar: usize,
    /// An orthogonal polyline from the middle of the predecessor bar's right end to the
    /// middle of the successor bar's left end.
    pub points: Vec<(f64, f64)>,
    pub broken: bool,
}

/// One arrow per dependency per pair of drawn bars (shared initiatives have several bars;
/// collapsed lanes none). The line leaves the predecessor going right, turns down or up
/// `arrow_stub` px later and enters the successor from the left; when the successor starts
/// too far left for that, it runs back along the gap between the predecessor's row and the
/// next one.
pub fn dependency_arrows(r: &Roadmap, layout: &TimelineLayout) -> Vec<Arrow> {
    let by_id = initiatives_by_id(r);
    let mut bars_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, b) in layout.bars.iter().enumerate() {
        bars_of.entry(b.initiative.as_str()).or_default().push(k);
    }
    let o = &layout.options;
    let mut out = Vec::new();
    for succ in r.initiatives.iter().filter(|i| bars_of.contains_key(i.id.as_str())) {
        for pred in predecessors(succ, &by_id) {
            let Some(from_bars) = bars_of.get(pred.id.as_str()) else {
                continue;
            };
            let broken = is_broken(pred, succ);
            for &a in from_bars {
                for &b in &bars_of[succ.id.as_str()] {
                    let (from, to) = (layout.bars[a].rect, layout.bars[b].rect);
                    let (x1, y1) = (from.right(), from.y + from.h / 2.0);
                    let (x2, y2) = (to.x, to.y + to.h / 2.0);
                    let s = o.arrow_stub;
                    let points = if y1 == y2 && x1 <= x2 {
                        vec![(x1, y1), (x2, y2)]
                    } else if x2 - x1 >= 2.0 * s {
                        vec![(x1, y1), (x1 + s, y1), (x1 + s, y2), (x2, y2)]
                    } else {
                        let gap = (o.row_height - o.bar_height) / 2.0;
                        let ym = if y2 > y1 { from.bottom() + gap } else { from.y - gap };
                        vec![(x1, y1), (x1 + s, y1), (x1 + s, ym), (x2 - s, ym), (x2 - s, y2), (x2, y2)]
                    };
                    out.push(Arrow {
                        from: pred.id.clone(),
                        to: succ.id.clone(),
                        from_bar: a,
                        to_bar: b,
                        points,
                        broken,
                    });
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Budget and FTE strips
// ---------------------------------------------------------------------------------------

/// A calendar quarter's spend ([`schedule::quarter_budgets`]) drawn under the timeline.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct QuarterBar {
    /// The quarter's part of the axis.
    pub x: f64,
    pub w: f64,
    pub budget: QuarterBudget,
}

/// A calendar quarter's FTE demand ([`schedule::quarter_fte`]) drawn under the timeline.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct FteBar {
    pub x: f64,
    pub w: f64,
    pub fte: QuarterFte,
}

/// The calendar quarters touching the axis (whole quarters, even when clipped).
fn quarters_on(axis: &Axis) -> (Quarter, Quarter) {
    (axis.start.quarter(), axis.last().quarter())
}

/// A quarter's part of the axis as `(x, w)`, clipped to it.
fn quarter_span(axis: &Axis, q: Quarter) -> (f64, f64) {
    let clip = |x: f64| x.clamp(axis.origin_x, axis.end_x());
    let x = clip(axis.x_of(q.first_month()));
    (x, clip(axis.x_of(q.last_month().plus(1))) - x)
}

/// Spend per calendar quarter touching the axis, against its share of the envelopes.
pub fn budget_strip(r: &Roadmap, axis: &Axis) -> Vec<QuarterBar> {
    let (first, last) = quarters_on(axis);
    schedule::quarter_budgets(r, first, last)
        .into_iter()
        .map(|budget| {
            let (x, w) = quarter_span(axis, budget.quarter);
            QuarterBar { x, w, budget }
        })
        .collect()
}

/// FTE demand per calendar quarter touching the axis, against capacity.
pub fn fte_strip(r: &Roadmap, axis: &Axis) -> Vec<FteBar> {
    let (first, last) = quarters_on(axis);
    schedule::quarter_fte(r, first, last)
        .into_iter()
        .map(|fte| {
            let (x, w) = quarter_span(axis, fte.quarter);
            FteBar { x, w, fte }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::{Budget, Milestone};
    use crate::domain::schedule::tests::{ini, m, roadmap};
    use crate::domain::spend;
    use proptest::prelude::*;

    // --- Axis and headers ------------------------------------------------------------

    #[test]
    fn zoom_and_axis_basics() {
        assert_eq!(Zoom::ALL.map(Zoom::px_per_month), [12.0, 28.0, 64.0]);
        let a = Axis::new(m("2026-01"), m("2026-12"), Zoom::Quarters);
        assert_eq!((a.months(), a.width(), a.end_x(), a.last()), (12, 336.0, 336.0, m("2026-12")));
        assert_eq!((a.x_of(m("2026-04")), a.x_of(m("2025-12"))), (84.0, -28.0));
        assert_eq!(
            (a.month_at(84.0), a.month_at(83.9), a.month_at(-50.0), a.month_at(9e9)),
            (m("2026-04"), m("2026-03"), m("2026-01"), m("2026-12"))
        );
        assert_eq!((a.months_in(41.0), a.months_in(43.0), a.months_in(-15.0)), (1, 2, -1));
        // A reversed axis has one month.
        let one = Axis::new(m("2026-05"), m("2026-01"), Zoom::Months);
        assert_eq!((one.months(), one.width(), one.month_at(500.0)), (1, 64.0, m("2026-05")));
    }

    #[test]
    fn the_axis_covers_horizon_initiatives_and_milestones_in_whole_quarters() {
        let mut a = ini("a", "2025-11..2026-01", &[]);
        a.milestones.push(Milestone { name: "Late".into(), month: Some(m("2027-01")) });
        let mut r = roadmap(vec![a, ini("u", "", &[])]);
        r.horizon = Horizon { start: m("2026-02"), end: m("2026-11") };
        let axis = Axis::for_roadmap(&r, Zoom::Years);
        assert_eq!((axis.start, axis.end, axis.px_per_month), (m("2025-10"), m("2027-03"), 12.0));
        let demo = Axis::for_roadmap(&demo_roadmap(), Zoom::Quarters);
        assert_eq!((demo.start, demo.end, demo.width()), (m("2026-01"), m("2028-12"), 1008.0));
    }

    /// (label, x, w) of a header row.
    fn row(cells: &[HeaderCell]) -> Vec<(&str, f64, f64)> {
        cells.iter().map(|c| (c.label.as_str(), c.x, c.w)).collect()
    }

    /// Asserts the cells tile the axis: no gap, no overlap, first to last edge.
    fn tiles(axis: &Axis, cells: &[HeaderCell]) {
        assert_eq!(cells[0].x, axis.origin_x);
        for pair in cells.windows(2) {
            assert_eq!(pair[0].x + pair[0].w, pair[1].x, "{pair:?}");
            assert!(pair[0].w > 0.0);
        }
        let last = cells.last().unwrap();
        assert_eq!(last.x + last.w, axis.end_x());
    }

    #[test]
    fn headers_for_every_kind_of_fiscal_year() {
        // 2026–2027 at 10 px a month, starting at x = 5.
        let axis = Axis { start: m("2026-01"), end: m("2027-12"), px_per_month: 10.0, origin_x: 5.0 };
        type Row = Vec<(&'static str, f64, f64)>;
        let cases: [(u8, Row, Row); 5] = [
            (
                1,
                vec![("FY26", 5.0, 120.0), ("FY27", 125.0, 120.0)],
                vec![
                    ("FY26 Q1", 5.0, 30.0),
                    ("FY26 Q2", 35.0, 30.0),
                    ("FY26 Q3", 65.0, 30.0),
                    ("FY26 Q4", 95.0, 30.0),
                    ("FY27 Q1", 125.0, 30.0),
                    ("FY27 Q2", 155.0, 30.0),
                    ("FY27 Q3", 185.0, 30.0),
                    ("FY27 Q4", 215.0, 30.0),
                ],
            ),
            (
                // FY2026 = Apr 2025 – Mar 2026.
                4,
                vec![("FY26", 5.0, 30.0), ("FY27", 35.0, 120.0), ("FY28", 155.0, 90.0)],
                vec![
                    ("FY26 Q4", 5.0, 30.0),
                    ("FY27 Q1", 35.0, 30.0),
                    ("FY27 Q2", 65.0, 30.0),
                    ("FY27 Q3", 95.0, 30.0),
                    ("FY27 Q4", 125.0, 30.0),
                    ("FY28 Q1", 155.0, 30.0),
                    ("FY28 Q2", 185.0, 30.0),
                    ("FY28 Q3", 215.0, 30.0),
                ],
            ),
            (
                7,
                vec![("FY26", 5.0, 60.0), ("FY27", 65.0, 120.0), ("FY28", 185.0, 60.0)],
                vec![
                    ("FY26 Q3", 5.0, 30.0),
                    ("FY26 Q4", 35.0, 30.0),
                    ("FY27 Q1", 65.0, 30.0),
                    ("FY27 Q2", 95.0, 30.0),
                    ("FY27 Q3", 125.0, 30.0),
                    ("FY27 Q4", 155.0, 30.0),
                    ("FY28 Q1", 185.0, 30.0),
                    ("FY28 Q2", 215.0, 30.0),
                ],
            ),
            (
                10,
                vec![("FY26", 5.0, 90.0), ("FY27", 95.0, 120.0), ("FY28", 215.0, 30.0)],
                vec![
                    ("FY26 Q2", 5.0, 30.0),
                    ("FY26 Q3", 35.0, 30.0),
                    ("FY26 Q4", 65.0, 30.0),
                    ("FY27 Q1", 95.0, 30.0),
                    ("FY27 Q2", 125.0, 30.0),
                    ("FY27 Q3", 155.0, 30.0),
                    ("FY27 Q4", 185.0, 30.0),
                    ("FY28 Q1", 215.0, 30.0),
                ],
            ),
            (
                // FY2026 = Feb 2025 – Jan 2026; quarters Feb–Apr, May–Jul, Aug–Oct, Nov–Jan.
                2,
                vec![("FY26", 5.0, 10.0), ("FY27", 15.0, 120.0), ("FY28", 135.0, 110.0)],
                vec![
                    ("FY26 Q4", 5.0, 10.0),
                    ("FY27 Q1", 15.0, 30.0),
                    ("FY27 Q2", 45.0, 30.0),
                    ("FY27 Q3", 75.0, 30.0),
                    ("FY27 Q4", 105.0, 30.0),
                    ("FY28 Q1", 135.0, 30.0),
                    ("FY28 Q2", 165.0, 30.0),
                    ("FY28 Q3", 195.0, 30.0),
                    ("FY28 Q4", 225.0, 20.0),
                ],
            ),
        ];
        for (start, years, quarters) in cases {
            let h = headers(&axis, start);
            assert_eq!(row(&h.fiscal_years), years, "fiscal start {start}");
            assert_eq!(row(&h.quarters), quarters, "fiscal start {start}");
            assert_eq!(h.months.len(), 24);
            assert_eq!((h.months[0].label.as_str(), h.months[0].short.as_str(), h.months[0].x), ("Jan", "J", 5.0));
            assert_eq!((h.months[13].label.as_str(), h.months[13].first), ("Feb", m("2027-02")));
            for cells in [&h.fiscal_years, &h.quarters, &h.months] {
                tiles(&axis, cells);
            }
            assert!(h.quarters.iter().all(|q| q.label.ends_with(&q.short) && q.short.starts_with('Q')));
        }
        // The first cell of a clipped row still names its whole period.
        let h = headers(&axis, 2);
        assert_eq!((h.quarters[0].first, h.quarters[1].first), (m("2026-01"), m("2026-02")));
        // Every fiscal start month tiles, and fiscal quarters start in the start month.
        for start in 1..=12u8 {
            let h = headers(&axis, start);
            for cells in [&h.fiscal_years, &h.quarters] {
                tiles(&axis, cells);
            }
            for q in h.quarters.iter().skip(1) {
                assert_eq!((q.first.month as i32 - start as i32).rem_euclid(3), 0, "start {start}: {q:?}");
            }
            for y in h.fiscal_years.iter().skip(1) {
                assert_eq!(y.first.month, start);
            }
        }
    }

    #[test]
    fn horizon_band_and_today_line() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Quarters);
        assert_eq!(horizon_band(&axis, r.horizon), (0.0, 1008.0));
        let narrow = Axis::new(m("2027-01"), m("2027-06"), Zoom::Quarters);
        assert_eq!(horizon_band(&narrow, r.horizon), (0.0, 168.0));
        assert_eq!(horizon_band(&narrow, Horizon { start: m("2027-03"), end: m("2027-04") }), (56.0, 112.0));
        assert_eq!(horizon_band(&narrow, Horizon { start: m("2028-03"), end: m("2028-04") }), (168.0, 168.0));
        assert_eq!(today_x(&axis, m("2026-01")), Some(14.0));
        assert_eq!(today_x(&axis, m("2028-12")), Some(994.0));
        assert_eq!((today_x(&axis, m("2025-12")), today_x(&axis, m("2029-01"))), (None, None));
    }

    proptest! {
        #[test]
        fn month_at_is_the_inverse_of_x_of(
            year in 1990i32..2100, month in 1u8..=12, len in 1i32..240, k in 0i32..240,
            ppm in 0.5f64..200.0, origin in -5000.0f64..5000.0, frac in 0.0f64..0.999,
        ) {
            let start = Month { year, month };
            let axis = Axis { start, end: start.plus(len - 1), px_per_month: ppm, origin_x: origin };
            let at = start.plus(k % len);
            prop_assert_eq!(axis.month_at(axis.x_of(at)), at);
            prop_assert_eq!(axis.month_at(axis.x_of(at) + frac * ppm), at);
            prop_assert_eq!(axis.month_at(axis.x_of(at.plus(1)) - 1e-9 * ppm.max(1.0)), at);
            prop_assert_eq!(axis.month_at(origin - 1.0 - frac * 100.0), start);
            prop_assert_eq!(axis.month_at(axis.end_x() + frac * 100.0), axis.last());
        }
    }

    #[test]
    fn pack_rows_by_hand() {
        let spans: Vec<(Month, Month)> = [
            ("2026-01", "2026-03"),
            ("2026-04", "2026-06"), // fits after the first: ends before it starts
            ("2026-03", "2026-05"), // overlaps both
            ("2026-01", "2026-01"),
            ("2026-07", "2026-02"), // reversed: counts as July
        ]
        .iter()
        .map(|(s, e)| (m(s), m(e)))
        .collect();
        // Busiest months (March, April, May) have two bars running: two rows.
        assert_eq!(pack_rows(&spans), (vec![1, 1, 0, 0, 0], 2));
        assert_eq!(pack_rows(&[]), (vec![], 0));
    }

    proptest! {
        #[test]
        fn pack_rows_never_overlaps_and_is_minimal(raw in proptest::collection::vec((0i32..48, 0i32..12), 0..40)) {
            let base = m("2026-01");
            let spans: Vec<(Month, Month)> = raw.iter().map(|&(s, len)| (base.plus(s), base.plus(s + len))).collect();
            let (rows, count) = pack_rows(&spans);
            prop_assert_eq!(rows.len(), spans.len());
            for (a, sa) in spans.iter().enumerate() {
                prop_assert!(rows[a] < count);
                for (b, sb) in spans.iter().enumerate().skip(a + 1) {
                    if rows[a] == rows[b] {
                        prop_assert!(sa.1 < sb.0 || sb.1 < sa.0, "{:?} and {:?} share row {}", sa, sb, rows[a]);
                    }
                }
            }
            // The fewest rows possible: as many as bars running in the busiest month.
            let busiest = (0..60).map(|k| spans.iter().filter(|s| s.0 <= base.plus(k) && base.plus(k) <= s.1).count()).max().unwrap();
            prop_assert_eq!(count, busiest);
        }
    }

    // --- Layout and hit testing -------------------------------------------------------

    #[test]
    fn layout_of_the_demo_by_goal() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Months);
        let o = TimelineOptions::default();
        let l = layout(&r, Grouping::Goal, &axis, &HashSet::new(), &o);
        let lanes = lanes(&r, Grouping::Goal);
        assert_eq!(l.lanes.len(), lanes.len());
        assert_eq!(l.bars.len(), lanes.iter().map(|l| l.items.len()).sum::<usize>());
        assert_eq!(l.width, 36.0 * 64.0);
        // Lanes stack: header plus rows (one empty row for the empty lane).
        let mut y = 0.0;
        for lane in &l.lanes {
            assert_eq!(lane.y, y);
            assert_eq!(lane.h, o.lane_header_height + lane.rows.max(1) as f64 * o.row_height);
            y += lane.h;
        }
        assert_eq!(l.height, y);
        assert_eq!((l.lanes[7].count, l.lanes[7].rows, l.lanes[7].h), (0, 0, 52.0));
        // CRM rollout, Sep 2026 – Aug 2027, in the first lane (customer experience).
        let crm = l.bars.iter().find(|b| b.initiative == "ini-crm").unwrap();
        let row_y = o.lane_header_height + crm.row as f64 * o.row_height + 4.0;
        assert_eq!(crm.rect, Rect { x: 8.0 * 64.0 + 1.0, y: row_y, w: 12.0 * 64.0 - 2.0, h: 20.0 });
        // It serves two goals, so it is shared; its name fits inside.
        assert!(crm.label_inside && crm.label_x == crm.rect.x + 6.0 && crm.shared);
        assert_eq!((crm.lane, crm.start, crm.end), (0, m("2026-09"), m("2027-08")));
        // Its milestones sit on its bar's bottom edge, mid-month, clear of the label's
        // middle line and clear of the next row's bars.
        let sales = l.milestones.iter().find(|d| d.name == "Sales live").unwrap();
        assert_eq!((sales.x, sales.y, sales.month), (13.0 * 64.0 + 32.0, row_y + 21.0, m("2027-02")));
        for d in &l.milestones {
            let b = &l.bars[d.bar];
            assert!(d.y - d.r >= b.rect.y + b.rect.h * 0.75, "{} covers the label", d.name);
            // The next row's bars start (row height - bar height) below this one's bottom.
            assert!(d.y + d.r < b.rect.bottom() + (o.row_height - o.bar_height));
        }
        assert_eq!(l.bars[sales.bar].initiative, "ini-crm");
        // ERP has 3 milestones and 2 goals: 6 diamonds.
        assert_eq!(l.milestones.iter().filter(|d| d.initiative == "ini-erp").count(), 6);
        // Bars lie within their lane.
        for b in &l.bars {
            let lane = &l.lanes[b.lane];
            assert!(b.rect.y >= lane.y + o.lane_header_height && b.rect.bottom() <= lane.y + lane.h);
        }
    }

    #[test]
    fn collapsed_lanes_show_only_their_header() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Quarters);
        let collapsed = HashSet::from(["goal:goal-cx".to_string()]);
        let l = layout(&r, Grouping::Goal, &axis, &collapsed, &TimelineOptions::default());
        let first = &l.lanes[0];
        assert_eq!((first.collapsed, first.h, first.count, first.rows), (true, 24.0, 6, 0));
        assert_eq!(l.lanes[1].y, 24.0);
        assert!(l.bars.iter().all(|b| b.lane != 0));
        assert!(l.milestones.iter().all(|d| l.bars[d.bar].lane != 0));
        // CRM is drawn nowhere else (it serves cx and digital): one bar left.
        assert_eq!(l.bars.iter().filter(|b| b.initiative == "ini-crm").count(), 1);
    }

    #[test]
    fn labels_too_long_for_the_bar_go_right_of_it() {
        let mut r = roadmap(vec![ini("x", "2026-01..2026-01", &[]), ini("y", "2026-03..2026-08", &[])]);
        r.initiative_mut("y").unwrap().name = "A very long initiative name indeed".into(); // 34 chars
        let axis = Axis::new(m("2026-01"), m("2026-12"), Zoom::Years);
        let l = layout(&r, Grouping::None, &axis, &HashSet::new(), &TimelineOptions::default());
        // "X": 6.6 px + 2 × 6 padding > 10 px.
        assert_eq!(
            (l.bars[0].rect.x, l.bars[0].rect.w, l.bars[0].label_inside, l.bars[0].label_x),
            (1.0, 10.0, false, 17.0)
        );
        // 34 × 6.6 = 224.4 px does not fit in 70 px either.
        assert!(!l.bars[1].label_inside);
        let wide = Axis::new(m("2026-01"), m("2026-12"), Zoom::Months);
        let l = layout(&r, Grouping::None, &wide, &HashSet::new(), &TimelineOptions::default());
        // 6 × 64 − 2 = 382 px: fits.
        assert!(l.bars[1].label_inside && l.bars[1].label_x == 2.0 * 64.0 + 1.0 + 6.0);
    }

    #[test]
    fn hit_testing_is_exact() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Months);
        let l = layout(&r, Grouping::Goal, &axis, &HashSet::new(), &TimelineOptions::default());
        let under_diamond = |x: f64, y: f64| l.milestones.iter().any(|d| d.contains(x, y));
        let mut checked = 0;
        for (index, b) in l.bars.iter().enumerate() {
            let (cx, cy) = b.rect.centre();
            let bar = |part| Some(Hit::Bar { index, part });
            for (x, part) in [
                (cx, BarPart::Middle),
                (b.rect.x, BarPart::Start),
                (b.rect.x + 5.99, BarPart::Start),
                (b.rect.x + 6.0, BarPart::Middle),
                (b.rect.right() - 6.01, BarPart::Middle),
                (b.rect.right() - 6.0, BarPart::End),
                (b.rect.right() - 0.01, BarPart::End),
            ] {
                for y in [cy, b.rect.y, b.rect.bottom() - 0.01] {
                    if !under_diamond(x, y) {
                        assert_eq!(hit_test(&l, x, y), bar(part), "{} at ({x}, {y})", b.initiative);
                        checked += 1;
                    }
                }
            }
            // Just outside the bar.
            for (x, y) in [(b.rect.x - 0.01, cy), (b.rect.right(), cy), (cx, b.rect.y - 0.01), (cx, b.rect.bottom())] {
                if !under_diamond(x, y) {
                    assert_ne!(hit_test(&l, x, y), bar(BarPart::Middle));
                    assert!(!matches!(hit_test(&l, x, y), Some(Hit::Bar { index: i, .. }) if i == index));
                }
            }
        }
        assert!(checked > 400, "{checked}");
        for (index, d) in l.milestones.iter().enumerate() {
            // Two diamonds in one place: the one drawn last is hit.
            let top = l.milestones.iter().rposition(|e| (e.x, e.y) == (d.x, d.y)).unwrap();
            assert_eq!(hit_test(&l, d.x, d.y), Some(Hit::Milestone(top)), "{index}");
            assert_eq!(hit_test(&l, d.x + d.r, d.y).map(|h| h == Hit::Milestone(top)), Some(true));
        }
        for (index, lane) in l.lanes.iter().enumerate() {
            assert_eq!(hit_test(&l, 3.0, lane.y), Some(Hit::LaneHeader(index)));
            assert_eq!(hit_test(&l, 500.0, lane.y + 23.99), Some(Hit::LaneHeader(index)));
        }
        assert_eq!(hit_test(&l, 0.0, l.height + 1.0), None);
        assert_eq!(hit_test(&l, 0.0, -1.0), None);
    }

    #[test]
    fn narrow_bars_have_quarter_width_handles() {
        let r = roadmap(vec![ini("x", "2026-01..2026-01", &[])]);
        let axis = Axis::new(m("2026-01"), m("2026-12"), Zoom::Years);
        let l = layout(&r, Grouping::None, &axis, &HashSet::new(), &TimelineOptions::default());
        // Bar x = 1..11 (10 px), y = 28..48: handles 2.5 px.
        assert_eq!(l.bars[0].rect, Rect { x: 1.0, y: 28.0, w: 10.0, h: 20.0 });
        let part = |x: f64| match hit_test(&l, x, 38.0) {
            Some(Hit::Bar { index: 0, part }) => Some(part),
            _ => None,
        };
        use BarPart::*;
        let got: Vec<_> = [0.99, 1.0, 3.49, 3.5, 8.49, 8.5, 10.99, 11.0].map(part).to_vec();
        assert_eq!(got, [None, Some(Start), Some(Start), Some(Middle), Some(Middle), Some(End), Some(End), None]);
    }

    #[test]
    fn every_dated_initiative_of_a_large_roadmap_is_placed_without_overlap() {
        let r = generate(1, 2000);
        let axis = Axis::for_roadmap(&r, Zoom::Quarters);
        let dated: HashSet<&str> = r.initiatives.iter().filter(|i| i.is_dated()).map(|i| i.id.as_str()).collect();
        for grouping in Grouping::ALL {
            let l = layout(&r, grouping, &axis, &HashSet::new(), &TimelineOptions::default());
            let placed: HashSet<&str> = l.bars.iter().map(|b| b.initiative.as_str()).collect();
            assert_eq!(placed, dated, "{grouping:?}");
            assert_eq!(l.bars.len(), l.lanes.iter().map(|l| l.count).sum::<usize>());
            let mut rows: HashMap<(usize, usize), Vec<&Bar>> = HashMap::new();
            for b in &l.bars {
                rows.entry((b.lane, b.row)).or_default().push(b);
                assert!(b.row < l.lanes[b.lane].rows);
            }
            for bars in rows.values_mut() {
                bars.sort_by_key(|b| b.start);
                for pair in bars.windows(2) {
                    assert!(
                        pair[0].end < pair[1].start,
                        "{grouping:?}: {} and {}",
                        pair[0].initiative,
                        pair[1].initiative
                    );
                    assert!(pair[0].rect.right() < pair[1].rect.x && pair[0].rect.y == pair[1].rect.y);
                }
            }
        }
    }

    #[test]
    fn dependency_arrows_on_the_demo() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Quarters);
        let o = TimelineOptions::default();
        let l = layout(&r, Grouping::None, &axis, &HashSet::new(), &o);
        let arrows = dependency_arrows(&r, &l);
        assert_eq!(arrows.len(), 16);
        let broken: Vec<_> = arrows.iter().filter(|a| a.broken).map(|a| (a.from.as_str(), a.to.as_str())).collect();
        assert_eq!(broken, [("ini-crm", "ini-portal")]);
        for a in &arrows {
            let (from, to) = (l.bars[a.from_bar].rect, l.bars[a.to_bar].rect);
            assert_eq!(
                (l.bars[a.from_bar].initiative.as_str(), l.bars[a.to_bar].initiative.as_str()),
                (a.from.as_str(), a.to.as_str())
            );
            assert_eq!(a.points[0], (from.right(), from.y + 10.0));
            assert_eq!(*a.points.last().unwrap(), (to.x, to.y + 10.0));
            assert!(a.points.windows(2).all(|p| p[0].0 == p[1].0 || p[0].1 == p[1].1), "not orthogonal: {a:?}");
        }
        // The broken one runs back along the gap below (or above) the CRM row.
        let back = arrows.iter().find(|a| a.broken).unwrap();
        assert_eq!(back.points.len(), 6);
        let crm = l.bars[back.from_bar].rect;
        let ym = back.points[2].1;
        assert!(ym == crm.bottom() + 4.0 || ym == crm.y - 4.0);
        // Grouped by goal, shared bars give one arrow per pair of bars.
        let g = layout(&r, Grouping::Goal, &axis, &HashSet::new(), &o);
        let count = |id: &str| g.bars.iter().filter(|b| b.initiative == id).count();
        let expected: usize =
            r.initiatives.iter().flat_map(|i| i.depends_on.iter().map(|d| count(d) * count(&i.id))).sum();
        assert_eq!(dependency_arrows(&r, &g).len(), expected);
        assert!(expected > 16);
    }

    #[test]
    fn arrow_routes() {
        // a ends in March; b starts in April in the same row; c starts in June in the row
        // below (d's); e starts before a ends, below both.
        let r = roadmap(vec![
            ini("a", "2026-01..2026-03", &[]),
            ini("b", "2026-04..2026-12", &["a"]),
            ini("d", "2026-01..2026-04", &[]),
            ini("c", "2026-06..2026-09", &["a"]),
            ini("e", "2026-02..2026-06", &["a", "a", "e", "gone"]),
        ]);
        let axis = Axis::new(m("2026-01"), m("2026-12"), Zoom::Quarters);
        let l = layout(&r, Grouping::None, &axis, &HashSet::new(), &TimelineOptions::default());
        let rows: Vec<_> = l.bars.iter().map(|b| b.row).collect();
        assert_eq!(rows, [0, 0, 1, 1, 2]);
        let arrows = dependency_arrows(&r, &l);
        let pts: Vec<_> = arrows.iter().map(|a| (a.to.as_str(), a.points.clone(), a.broken)).collect();
        // Rows at y 24, 52, 80: bar centres 38, 66, 94. a's right end: 3 × 28 − 1 = 83.
        assert_eq!(
            pts,
            [
                ("b", vec![(83.0, 38.0), (85.0, 38.0)], false),
                ("c", vec![(83.0, 38.0), (91.0, 38.0), (91.0, 66.0), (141.0, 66.0)], false),
                ("e", vec![(83.0, 38.0), (91.0, 38.0), (91.0, 52.0), (21.0, 52.0), (21.0, 94.0), (29.0, 94.0)], true),
            ]
        );
    }

    // --- Strips -----------------------------------------------------------------------

    #[test]
    fn budget_strip_on_the_demo_matches_the_spending_rules() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Quarters);
        let strip = budget_strip(&r, &axis);
        assert_eq!(strip.len(), 12);
        assert_eq!((strip[0].x, strip[0].w, strip[11].x + strip[11].w), (0.0, 84.0, 1008.0));
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * b.abs().max(1.0);
        for (bar, (q, s)) in strip.iter().zip(spend::spend_by_quarter(&r)) {
            assert_eq!(bar.budget.quarter, q);
            assert!(close(bar.budget.capex, s.capex) && close(bar.budget.opex + bar.budget.run, s.opex), "{q}");
            assert_eq!(bar.budget.over, bar.budget.total() > bar.budget.envelope);
        }
        let fy27: Vec<_> = strip.iter().filter(|b| b.budget.quarter.year == 2027).collect();
        let y = spend::spend_by_fiscal_year(&r).into_iter().find(|y| y.fiscal_year == 2027).unwrap();
        let sum = |f: fn(&&QuarterBar) -> f64| fy27.iter().map(f).sum::<f64>();
        assert!(
            close(sum(|b| b.budget.capex), y.spend.capex) && close(sum(|b| b.budget.opex + b.budget.run), y.spend.opex)
        );
        assert!(close(sum(|b| b.budget.run), y.run) && close(sum(|b| b.budget.total()), y.spend.total()));
        // FY2027's 6.8M + 4.7M envelope, a quarter each.
        assert!(fy27.iter().all(|b| close(b.budget.envelope, 11.5e6 / 4.0)));
    }

    #[test]
    fn quarter_envelopes_straddle_fiscal_years() {
        // Fiscal years start in February: Jan 2026 is in FY2026, Feb and Mar in FY2027.
        let mut r =
            roadmap(vec![Initiative { capex: 300.0, run_cost_per_year: 120.0, ..ini("a", "2026-01..2026-02", &[]) }]);
        r.fiscal_year_start_month = 2;
        r.budgets = vec![
            Budget { fiscal_year: 2026, capex: 100.0, opex: 20.0 },
            Budget { fiscal_year: 2027, capex: 1000.0, opex: 200.0 },
        ];
        // An axis from February still reports the whole of 2026-Q1, drawn from x = 0.
        let axis = Axis::new(m("2026-02"), m("2026-03"), Zoom::Months);
        let strip = budget_strip(&r, &axis);
        assert_eq!(strip.len(), 1);
        let q = strip[0];
        assert_eq!((q.x, q.w), (0.0, 128.0));
        assert_eq!((q.budget.capex, q.budget.opex, q.budget.run), (300.0, 0.0, 10.0));
        assert_eq!(q.budget.envelope, 120.0 / 12.0 + 2.0 * 1200.0 / 12.0);
        assert!(q.budget.over && q.budget.total() == 310.0);
    }

    #[test]
    fn fte_strip_marks_the_overloaded_quarter() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Years);
        let strip = fte_strip(&r, &axis);
        let over: Vec<_> = strip.iter().filter(|q| q.fte.over).map(|q| q.fte.quarter.to_string()).collect();
        assert_eq!(over, ["2027-Q2"]);
        for (q, (quarter, demand, capacity)) in strip.iter().zip(spend::fte_by_quarter(&r)) {
            assert_eq!(q.fte.quarter, quarter);
            assert!((q.fte.demand - demand).abs() < 1e-9 && q.fte.capacity == capacity);
        }
        assert_eq!((strip[5].x, strip[5].w, strip[5].fte.capacity), (180.0, 36.0, 41.0));
    }
}
