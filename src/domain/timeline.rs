//! The timeline view: the roadmap over time, in swimlanes, with dependencies, milestones,
//! the budget and FTE strips, and drag-to-reschedule. Geometry and analysis only; the web
//! view draws what this module computes, in the same pixel coordinates.
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
//! 3. **Swimlanes.** Only dated initiatives are on the timeline; undated ones wait in the
//!    [`parking_lot`]. An initiative linked to several goals, L1 capabilities or vendors
//!    appears in each of their lanes, marked *shared*; one with none goes to the "No goal"
//!    (…) lane, last. Goal and capability lanes are shown even when empty (a goal nothing
//!    serves is a gap worth seeing); owner, status and vendor lanes only when used.
//! 4. **Rows.** Within a lane, bars are packed into as few rows as possible: taken in order
//!    of start, each goes into the first row whose last bar ends before it starts. A bar
//!    ending in March and one starting in April may share a row.
//! 5. **Dependencies** are finish-to-start: a successor must start after the month its
//!    predecessor ends. A dependency is *broken* when both are dated, neither is cancelled
//!    and the successor starts in or before the predecessor's last month.
//! 6. **Rescheduling** keeps an initiative's duration and moves its milestones with it.
//!    Pushing successors moves each one that would start too early to the month after its
//!    latest predecessor ends, in dependency order; nothing is ever pulled earlier. An
//!    undated initiative dropped on the timeline gets [`DEFAULT_DURATION_MONTHS`] months.
//! 7. **Strips** follow the spending rules of [`spend`], per calendar quarter (capacity is
//!    planned per calendar quarter). A quarter's budget envelope is the share of each
//!    fiscal year's capex + opex envelope for its months (a twelfth a month, so a quarter
//!    inside one fiscal year gets a quarter of it); it is over when spend, run cost included,
//!    exceeds that. The FTE strip is over when demand exceeds the quarter's capacity.

use super::calendar::{Month, Quarter};
use super::format::{fiscal_quarter_label, fiscal_year_label, month_abbr};
use super::model::{display_name, Horizon, Id, Initiative, Roadmap, Status};
use super::spend;
use std::collections::{HashMap, HashSet, VecDeque};

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

// ---------------------------------------------------------------------------------------
// Swimlanes and rows
// ---------------------------------------------------------------------------------------

/// What the swimlanes are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Grouping {
    /// One lane with every dated initiative.
    #[default]
    None,
    Goal,
    /// By L1 capability (the top of the capability map).
    Capability,
    Owner,
    Status,
    Vendor,
}

impl Grouping {
    pub const ALL: [Grouping; 6] =
        [Grouping::None, Grouping::Goal, Grouping::Capability, Grouping::Owner, Grouping::Status, Grouping::Vendor];

    pub fn label(self) -> &'static str {
        match self {
            Grouping::None => "No grouping",
            Grouping::Goal => "Goal",
            Grouping::Capability => "Capability",
            Grouping::Owner => "Owner",
            Grouping::Status => "Status",
            Grouping::Vendor => "Vendor",
        }
    }
}

/// A swimlane. `key` is stable and unique across groupings: "all", "goal:<id>",
/// "capability:<id>", "owner:<name>", "status:<key>", "vendor:<name>"; the lane for
/// initiatives without any is "goal:", "capability:", "owner:" or "vendor:".
#[derive(Clone, PartialEq, Debug)]
pub struct Lane {
    pub key: String,
    pub title: String,
    pub items: Vec<LaneItem>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct LaneItem {
    pub initiative: Id,
    /// The initiative appears in more than one lane.
    pub shared: bool,
}

/// The swimlanes of the dated initiatives, in order (see the module rules): goals by weight
/// (heaviest first, then list order), L1 capabilities in list order, statuses in workflow
/// order, owners and vendors alphabetically; the "No …" lane last. Items in list order.
pub fn lanes(r: &Roadmap, grouping: Grouping) -> Vec<Lane> {
    let dated: Vec<&Initiative> = r.initiatives.iter().map(|i| &**i).filter(|i| i.is_dated()).collect();
    let goals: HashMap<&str, &str> = r.goals.iter().map(|g| (g.id.as_str(), display_name(&g.name, &g.id))).collect();
    let caps: HashMap<&str, _> = r.capabilities.iter().map(|c| (c.id.as_str(), c)).collect();
    // The L1 capability above `id`, when the chain up is intact.
    let l1_of = |id: &str| {
        let mut c = caps.get(id)?;
        for _ in 0..caps.len() {
            match &c.parent {
                None => return Some(c.id.as_str()),
                Some(p) => c = caps.get(p.as_str())?,
            }
        }
        None
    };
    let (prefix, none_title) = match grouping {
        Grouping::None => ("", ""),
        Grouping::Goal => ("goal:", "No goal"),
        Grouping::Capability => ("capability:", "No capability"),
        Grouping::Owner => ("owner:", "No owner"),
        Grouping::Status => ("status:", ""),
        Grouping::Vendor => ("vendor:", "No vendor"),
    };
    // Each initiative's lanes, as the part of the key after the prefix, distinct.
    let member: Vec<Vec<&str>> = dated
        .iter()
        .map(|i| {
            let mut keys: Vec<&str> = match grouping {
                Grouping::None => vec!["all"],
                Grouping::Goal => i.goals.iter().map(|l| l.goal.as_str()).filter(|g| goals.contains_key(g)).collect(),
                Grouping::Capability => i.capabilities.iter().filter_map(|l| l1_of(&l.capability)).collect(),
                Grouping::Owner => vec![i.owner.trim()],
                Grouping::Status => vec![i.status.key()],
                Grouping::Vendor => i.vendors.iter().map(|v| v.trim()).collect(),
            };
            keys.retain(|k| !k.is_empty());
            let mut seen = HashSet::new();
            keys.retain(|k| seen.insert(*k));
            keys
        })
        .collect();
    // The lanes: (key suffix, title).
    let mut list: Vec<(&str, &str)> = match grouping {
        Grouping::None => vec![("all", "All initiatives")],
        Grouping::Goal => {
            let mut gs: Vec<_> = r.goals.iter().collect();
            gs.sort_by_key(|g| std::cmp::Reverse(g.weight));
            gs.iter().map(|g| (g.id.as_str(), display_name(&g.name, &g.id))).collect()
        }
        Grouping::Capability => {
            r.capability_children(None).map(|c| (c.id.as_str(), display_name(&c.name, &c.id))).collect()
        }
        Grouping::Status => Status::ALL.iter().map(|s| (s.key(), s.label())).collect(),
        Grouping::Owner | Grouping::Vendor => {
            let mut names: Vec<&str> = member.iter().flatten().copied().collect();
            names.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
            names.dedup();
            names.into_iter().map(|n| (n, n)).collect()
        }
    };
    if !none_title.is_empty() {
        list.push(("", none_title));
    }
    let mut seen = HashSet::new();
    list.retain(|(k, _)| seen.insert(*k)); // duplicate ids (a validation error) give one lane
    let at: HashMap<&str, usize> = list.iter().enumerate().map(|(n, (k, _))| (*k, n)).collect();
    let mut out: Vec<Lane> = list
        .iter()
        .map(|(k, title)| Lane { key: format!("{prefix}{k}"), title: title.to_string(), items: Vec::new() })
        .collect();
    for (i, keys) in dated.iter().zip(&member) {
        let shared = keys.len() > 1;
        let keys: &[&str] = if keys.is_empty() { &[""] } else { keys };
        for k in keys {
            if let Some(&n) = at.get(k) {
                out[n].items.push(LaneItem { initiative: i.id.clone(), shared });
            }
        }
    }
    let keep_empty = matches!(grouping, Grouping::Goal | Grouping::Capability);
    out.retain(|l| !l.items.is_empty() || (keep_empty && l.key != prefix));
    out
}

/// The undated initiatives, in list order: they wait next to the timeline until someone
/// drags them onto it ([`schedule`]).
pub fn parking_lot(r: &Roadmap) -> Vec<Id> {
    r.initiatives.iter().filter(|i| !i.is_dated()).map(|i| i.id.clone()).collect()
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

/// Rectangles are the heatmap layout's (right and bottom edges excluded, so adjacent
/// rectangles never both contain a point).
pub use super::heatmap_layout::Rect;

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

/// Lays out the dated initiatives in lanes and rows (rules 3 and 4); lanes whose key is in
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

// ---------------------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------------------

/// The first initiative with each id.
fn initiatives_by_id(r: &Roadmap) -> HashMap<&str, &Initiative> {
    let mut map = HashMap::with_capacity(r.initiatives.len());
    for i in &r.initiatives {
        map.entry(i.id.as_str()).or_insert(&**i);
    }
    map
}

/// Rule 5: both dated, neither cancelled, and the successor starts in or before the
/// predecessor's last month.
pub fn is_broken(predecessor: &Initiative, successor: &Initiative) -> bool {
    let live = |i: &Initiative| i.status != Status::Cancelled;
    match (predecessor.dates(), successor.dates()) {
        (Some((_, end)), Some((start, _))) => live(predecessor) && live(successor) && start <= end,
        _ => false,
    }
}

/// An initiative's predecessors, distinct, without itself or ids that do not exist.
fn predecessors<'a>(i: &'a Initiative, by_id: &HashMap<&str, &'a Initiative>) -> Vec<&'a Initiative> {
    let mut seen = HashSet::new();
    i.depends_on
        .iter()
        .filter(|d| **d != i.id && seen.insert(d.as_str()))
        .filter_map(|d| by_id.get(d.as_str()).copied())
        .collect()
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

/// A broken finish-to-start dependency (rule 5).
#[derive(Clone, PartialEq, Debug)]
pub struct Broken {
    pub predecessor: Id,
    pub successor: Id,
    /// `"Customer self-service portal" starts (2027-07) before "CRM rollout" ends (2027-08)`.
    pub message: String,
}

/// Every broken dependency, by successor in list order, then in `depends_on` order.
pub fn broken_dependencies(r: &Roadmap) -> Vec<Broken> {
    let by_id = initiatives_by_id(r);
    let mut out = Vec::new();
    for succ in &r.initiatives {
        for pred in predecessors(succ, &by_id).into_iter().filter(|p| is_broken(p, succ)) {
            let (start, end) = (succ.start.expect("dated"), pred.end.expect("dated"));
            out.push(Broken {
                predecessor: pred.id.clone(),
                successor: succ.id.clone(),
                message: format!(
                    "\"{}\" starts ({start}) before \"{}\" ends ({end})",
                    display_name(&succ.name, &succ.id),
                    display_name(&pred.name, &pred.id)
                ),
            });
        }
    }
    out
}

/// The one-click fix for broken dependencies: moves `id` (keeping its duration, with its
/// milestones) to start the month after its latest dated, non-cancelled predecessor ends.
/// Only ever moves later; `false` when nothing was broken (or `id` is undated, cancelled or
/// unknown).
pub fn move_after_predecessors(r: &mut Roadmap, id: &str) -> bool {
    let months = {
        let by_id = initiatives_by_id(r);
        let Some(i) = by_id.get(id) else { return false };
        let latest = predecessors(i, &by_id).into_iter().filter(|p| is_broken(p, i)).filter_map(|p| p.end).max();
        match (latest, i.start) {
            (Some(end), Some(start)) => end.index() + 1 - start.index(),
            _ => return false,
        }
    };
    shift(r, id, months)
}

/// The dependency graph over list indices (the first initiative with each id).
struct Graph {
    index: HashMap<Id, usize>,
    preds: Vec<Vec<usize>>,
    succs: Vec<Vec<usize>>,
}

impl Graph {
    fn new(r: &Roadmap) -> Graph {
        let mut index = HashMap::with_capacity(r.initiatives.len());
        for (k, i) in r.initiatives.iter().enumerate() {
            index.entry(i.id.clone()).or_insert(k);
        }
        let n = r.initiatives.len();
        let (mut preds, mut succs) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for (k, i) in r.initiatives.iter().enumerate() {
            for d in &i.depends_on {
                if let Some(&p) = index.get(d) {
                    if p != k && !preds[k].contains(&p) {
                        preds[k].push(p);
                        succs[p].push(k);
                    }
                }
            }
        }
        Graph { index, preds, succs }
    }

    /// Everything reachable from `start` along `next`, without `start` itself.
    fn reach(start: usize, next: &[Vec<usize>]) -> Vec<usize> {
        let mut seen = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(k) = queue.pop_front() {
            for &j in &next[k] {
                if seen.insert(j) {
                    out.push(j);
                    queue.push_back(j);
                }
            }
        }
        out
    }
}

/// All predecessors of `id` (transitively) and all its successors; neither contains `id`.
pub fn chain(r: &Roadmap, id: &str) -> (HashSet<Id>, HashSet<Id>) {
    let g = Graph::new(r);
    let Some(&k) = g.index.get(id) else {
        return Default::default();
    };
    let ids = |v: Vec<usize>| v.into_iter().map(|j| r.initiatives[j].id.clone()).filter(|x| x != id).collect();
    (ids(Graph::reach(k, &g.preds)), ids(Graph::reach(k, &g.succs)))
}

/// The heaviest path from `start` along `next`, where a path weighs the sum of its nodes'
/// `weight`; it stops where going on adds nothing. Ties go to the first in `next` order.
/// Iterative depth-first search; edges closing a cycle are ignored.
fn heaviest_from(start: usize, next: &[Vec<usize>], weight: &[i64]) -> Vec<usize> {
    const NEW: u8 = 0;
    const ACTIVE: u8 = 1;
    const DONE: u8 = 2;
    let n = next.len();
    let (mut state, mut best, mut choice) = (vec![NEW; n], vec![0i64; n], vec![None; n]);
    state[start] = ACTIVE;
    let mut stack = vec![(start, 0usize)];
    while let Some((node, pos)) = stack.last_mut() {
        let node = *node;
        if let Some(&child) = next[node].get(*pos) {
            *pos += 1;
            if state[child] == NEW {
                state[child] = ACTIVE;
                stack.push((child, 0));
            }
        } else {
            stack.pop();
            let mut pick: Option<usize> = None;
            for &c in next[node].iter().filter(|&&c| state[c] == DONE && best[c] > 0) {
                if pick.is_none_or(|p| best[c] > best[p]) {
                    pick = Some(c);
                }
            }
            best[node] = weight[node] + pick.map_or(0, |p| best[p]);
            choice[node] = pick;
            state[node] = DONE;
        }
    }
    // A choice was finished before its chooser, so following choices cannot loop.
    let mut path = vec![start];
    while let Some(c) = choice[*path.last().expect("non-empty")] {
        path.push(c);
    }
    path
}

/// The critical path through `id`: of all dependency paths passing through it, the one
/// with the most months of work (dated, non-cancelled initiatives count their months,
/// others 0), from its first predecessor to its last successor. Empty for an unknown id.
pub fn critical_path_through(r: &Roadmap, id: &str) -> Vec<Id> {
    let g = Graph::new(r);
    let Some(&k) = g.index.get(id) else {
        return Vec::new();
    };
    let weight: Vec<i64> =
        r.initiatives.iter().map(|i| spend::active_span(i).map_or(0, |(s, e)| s.months_through(e) as i64)).collect();
    let before = heaviest_from(k, &g.preds, &weight);
    let after = heaviest_from(k, &g.succs, &weight);
    before.iter().rev().chain(&after[1..]).map(|&j| r.initiatives[j].id.clone()).collect()
}

// ---------------------------------------------------------------------------------------
// Rescheduling
// ---------------------------------------------------------------------------------------

/// Months an undated initiative gets when it is dropped on the timeline.
pub const DEFAULT_DURATION_MONTHS: i32 = 6;

/// Which end of a bar is dragged.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Edge {
    Start,
    End,
}

fn shift_dates(i: &mut Initiative, months: i32) {
    i.start = i.start.map(|m| m.plus(months));
    i.end = i.end.map(|m| m.plus(months));
    for m in &mut i.milestones {
        m.month = m.month.map(|m| m.plus(months));
    }
}

/// Moves a dated initiative and its milestones by `months` (negative is earlier). `false`
/// when nothing changed (0 months, undated or unknown).
pub fn shift(r: &mut Roadmap, id: &str, months: i32) -> bool {
    if months == 0 || !r.initiative(id).is_some_and(|i| i.is_dated()) {
        return false;
    }
    shift_dates(r.initiative_mut(id).expect("exists"), months);
    true
}

/// Drags one end of a dated initiative to `to`, clamped so it never passes the other end
/// (a bar is at least one month). Milestones stay where they are. `false` when nothing
/// changed.
pub fn resize(r: &mut Roadmap, id: &str, edge: Edge, to: Month) -> bool {
    let Some((start, end)) = r.initiative(id).and_then(|i| i.dates()) else {
        return false;
    };
    let (start2, end2) = match edge {
        Edge::Start => (to.min(end), end),
        Edge::End => (start, to.max(start)),
    };
    if (start2, end2) == (start, end) {
        return false;
    }
    let i = r.initiative_mut(id).expect("exists");
    (i.start, i.end) = (Some(start2), Some(end2));
    true
}

/// Puts an initiative on the timeline starting in `start`: an undated one (or one with
/// only one date) gets [`DEFAULT_DURATION_MONTHS`] months; a dated one moves there with
/// its duration and milestones. `false` when nothing changed.
pub fn schedule(r: &mut Roadmap, id: &str, start: Month) -> bool {
    let Some(i) = r.initiative(id) else {
        return false;
    };
    match i.dates() {
        Some((from, _)) => shift(r, id, start.index() - from.index()),
        None => {
            let i = r.initiative_mut(id).expect("exists");
            (i.start, i.end) = (Some(start), Some(start.plus(DEFAULT_DURATION_MONTHS - 1)));
            true
        }
    }
}

/// Takes an initiative off the timeline, back to the parking lot (milestones keep their
/// months). `false` when it had no dates.
pub fn unschedule(r: &mut Roadmap, id: &str) -> bool {
    if !r.initiative(id).is_some_and(|i| i.start.is_some() || i.end.is_some()) {
        return false;
    }
    let i = r.initiative_mut(id).expect("exists");
    (i.start, i.end) = (None, None);
    true
}

/// The moves [`push_successors`] makes: (list index, months later), in dependency order.
fn push_plan(r: &Roadmap, id: &str) -> Vec<(usize, i32)> {
    let g = Graph::new(r);
    let Some(&root) = g.index.get(id) else {
        return Vec::new();
    };
    let closure = Graph::reach(root, &g.succs);
    let inside: HashSet<usize> = closure.iter().copied().collect();
    // Kahn's algorithm over the successors; any in a cycle are never ready (and not moved).
    let mut waiting: HashMap<usize, usize> =
        closure.iter().map(|&k| (k, g.preds[k].iter().filter(|p| inside.contains(p)).count())).collect();
    let mut ready: VecDeque<usize> = closure.iter().copied().filter(|k| waiting[k] == 0).collect();
    let mut moved: HashMap<usize, i32> = HashMap::new();
    let mut plan = Vec::new();
    while let Some(k) = ready.pop_front() {
        let i = &r.initiatives[k];
        // The latest end of a dated, live predecessor, as moved so far.
        let latest = g.preds[k]
            .iter()
            .filter(|&&p| r.initiatives[p].status != Status::Cancelled)
            .filter_map(|&p| Some(r.initiatives[p].dates()?.1.plus(moved.get(&p).copied().unwrap_or(0))))
            .max();
        if let (Some(end), Some((start, _))) = (latest, i.dates()) {
            if i.status != Status::Cancelled && start <= end {
                let months = end.index() + 1 - start.index();
                moved.insert(k, months);
                plan.push((k, months));
            }
        }
        for &s in &g.succs[k] {
            if let Some(w) = waiting.get_mut(&s) {
                *w -= 1;
                if *w == 0 {
                    ready.push_back(s);
                }
            }
        }
    }
    plan
}

/// The successors of `id`, direct and transitive, that start in or before the last month
/// of one of their predecessors — counting the moves of those before them in the chain —
/// in the order [`push_successors`] moves them. Call it after moving `id`.
pub fn successors_broken_by(r: &Roadmap, id: &str) -> Vec<Id> {
    push_plan(r, id).into_iter().map(|(k, _)| r.initiatives[k].id.clone()).collect()
}

/// Moves every successor [`successors_broken_by`] lists, in dependency order, to start the
/// month after its latest predecessor ends (keeping duration and milestones). Returns the
/// ids moved.
pub fn push_successors(r: &mut Roadmap, id: &str) -> Vec<Id> {
    let plan = push_plan(r, id);
    plan.into_iter()
        .map(|(k, months)| {
            let i = std::sync::Arc::make_mut(&mut r.initiatives[k]);
            shift_dates(i, months);
            i.id.clone()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Budget and FTE strips
// ---------------------------------------------------------------------------------------

/// Spend of one calendar quarter, drawn under the timeline.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct QuarterBar {
    pub quarter: Quarter,
    /// The quarter's part of the axis.
    pub x: f64,
    pub w: f64,
    pub capex: f64,
    /// Project opex, without run cost.
    pub opex: f64,
    /// Run cost of finished initiatives (spend rule 3).
    pub run: f64,
    /// The quarter's share of the fiscal years' capex + opex envelopes (rule 7).
    pub envelope: f64,
    /// `total() > envelope`.
    pub over: bool,
}

impl QuarterBar {
    pub fn total(&self) -> f64 {
        self.capex + self.opex + self.run
    }
}

/// FTE demand of one calendar quarter against capacity.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct QuarterFte {
    pub quarter: Quarter,
    pub x: f64,
    pub w: f64,
    /// Average over the quarter's 3 months (spend rule 4).
    pub demand: f64,
    /// The quarter's capacity entries added up; 0 when none is set.
    pub capacity: f64,
    /// `demand > capacity`.
    pub over: bool,
}

#[derive(Clone, Copy, Default)]
struct MonthSums {
    capex: f64,
    opex: f64,
    run: f64,
    fte: f64,
}

/// The calendar quarters touching the axis, each with its clipped `(x, w)` and the sums of
/// its 3 months (whole quarters, even when clipped).
fn quarter_sums(r: &Roadmap, axis: &Axis) -> Vec<(Quarter, f64, f64, [MonthSums; 3])> {
    let (first_q, last_q) = (axis.start.quarter(), axis.last().quarter());
    let (first, last) = (first_q.first_month(), last_q.last_month());
    let mut months = vec![MonthSums::default(); first.months_through(last) as usize];
    for i in &r.initiatives {
        let Some((start, end)) = spend::active_span(i) else {
            continue;
        };
        let stop = if i.run_cost_per_year != 0.0 { last } else { end.min(last) };
        // spend.rs's rules (cost spread evenly over the months of work, run cost after),
        // with each initiative's monthly amounts worked out once.
        let n = start.months_through(end) as f64;
        let (capex, opex, fte) = (i.capex / n, i.opex / n, i.fte);
        let run = i.run_cost_per_year / 12.0;
        for index in start.max(first).index()..=stop.index() {
            let slot = &mut months[(index - first.index()) as usize];
            if index <= end.index() {
                slot.capex += capex;
                slot.opex += opex;
                slot.fte += fte;
            } else {
                slot.run += run;
            }
        }
    }
    let clip = |x: f64| x.clamp(axis.origin_x, axis.end_x());
    std::iter::successors(Some(first_q), |q| Some(q.next()))
        .take_while(|q| *q <= last_q)
        .zip(months.chunks(3))
        .map(|(q, ms)| {
            let x = clip(axis.x_of(q.first_month()));
            (q, x, clip(axis.x_of(q.last_month().plus(1))) - x, [ms[0], ms[1], ms[2]])
        })
        .collect()
}

/// Spend per calendar quarter touching the axis, against its share of the envelopes.
pub fn budget_strip(r: &Roadmap, axis: &Axis) -> Vec<QuarterBar> {
    let fs = r.fiscal_year_start_month.clamp(1, 12);
    let envelope = |fy: i32| r.budgets.iter().filter(|b| b.fiscal_year == fy).map(|b| b.capex + b.opex).sum::<f64>();
    quarter_sums(r, axis)
        .into_iter()
        .map(|(quarter, x, w, ms)| {
            let sum = |f: fn(&MonthSums) -> f64| ms.iter().map(f).sum::<f64>();
            let envelope = (0..3).map(|k| envelope(quarter.first_month().plus(k).fiscal_year(fs)) / 12.0).sum();
            let mut bar = QuarterBar {
                quarter,
                x,
                w,
                capex: sum(|m| m.capex),
                opex: sum(|m| m.opex),
                run: sum(|m| m.run),
                envelope,
                over: false,
            };
            bar.over = bar.total() > envelope;
            bar
        })
        .collect()
}

/// FTE demand per calendar quarter touching the axis, against capacity.
pub fn fte_strip(r: &Roadmap, axis: &Axis) -> Vec<QuarterFte> {
    quarter_sums(r, axis)
        .into_iter()
        .map(|(quarter, x, w, ms)| {
            let demand = ms.iter().map(|m| m.fte).sum::<f64>() / 3.0;
            let capacity = r.capacity.iter().filter(|c| c.quarter == quarter).map(|c| c.fte).sum();
            QuarterFte { quarter, x, w, demand, capacity, over: demand > capacity }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::generate::generate;
    use crate::domain::model::{Budget, GoalLink, Milestone};
    use crate::domain::validate::validate;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// An initiative; `dates` is "YYYY-MM..YYYY-MM" or "" (undated).
    fn ini(id: &str, dates: &str, deps: &[&str]) -> Initiative {
        let (start, end) = dates.split_once("..").map_or((None, None), |(s, e)| (Some(m(s)), Some(m(e))));
        Initiative {
            id: id.into(),
            name: id.to_uppercase(),
            start,
            end,
            depends_on: deps.iter().map(|d| d.to_string()).collect(),
            ..Initiative::default()
        }
    }

    fn roadmap(initiatives: Vec<Initiative>) -> Roadmap {
        Roadmap { initiatives: initiatives.into_iter().map(Arc::new).collect(), ..Roadmap::default() }
    }

    fn dates(r: &Roadmap, id: &str) -> (Option<Month>, Option<Month>) {
        let i = r.initiative(id).unwrap();
        (i.start, i.end)
    }

    fn ids(list: &[&str]) -> Vec<Id> {
        list.iter().map(|s| s.to_string()).collect()
    }

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

    // --- Lanes and rows ---------------------------------------------------------------

    fn lane_keys(lanes: &[Lane]) -> Vec<&str> {
        lanes.iter().map(|l| l.key.as_str()).collect()
    }
    fn items(lane: &Lane) -> Vec<&str> {
        lane.items.iter().map(|i| i.initiative.as_str()).collect()
    }
    fn shared(lanes: &[Lane], id: &str) -> Vec<bool> {
        lanes.iter().flat_map(|l| &l.items).filter(|i| i.initiative == id).map(|i| i.shared).collect()
    }

    #[test]
    fn lanes_by_goal_on_the_demo() {
        let r = demo_roadmap();
        let lanes = lanes(&r, Grouping::Goal);
        // Weight 5 first (cx, resilience, security), then 4, then 3, in list order; the
        // empty "Cut CO₂" lane stays (a gap); "No goal" last.
        let keys: Vec<_> = lane_keys(&lanes);
        let want = ["cx", "resilience", "security", "digital", "cost", "compliance", "data", "green", ""];
        assert_eq!(keys, want.map(|g| if g.is_empty() { "goal:".to_string() } else { format!("goal:goal-{g}") }));
        assert_eq!(lanes[7].title, "Cut CO₂ per shipment");
        assert!(lanes[7].items.is_empty());
        assert_eq!((lanes[8].title.as_str(), items(&lanes[8])), ("No goal", vec!["ini-intranet"]));
        assert_eq!(items(&lanes[0]), ["ini-sd", "ini-crm", "ini-tms", "ini-portal", "ini-wms", "ini-telematics"]);
        // Linked to two goals: in both lanes, shared; to one: once, not shared.
        assert_eq!(shared(&lanes, "ini-landing"), [true, true]);
        assert_eq!(shared(&lanes, "ini-tms"), [true, true, true]);
        assert_eq!(shared(&lanes, "ini-mfa"), [false]);
        assert_eq!(shared(&lanes, "ini-intranet"), [false]);
        // Undated ideas are in the parking lot, not in a lane.
        assert_eq!(shared(&lanes, "ini-genai"), Vec::<bool>::new());
        assert_eq!(parking_lot(&r), ["ini-genai", "ini-robotics"]);
    }

    #[test]
    fn lanes_by_capability_owner_status_vendor_and_none_on_the_demo() {
        let r = demo_roadmap();
        let caps = lanes(&r, Grouping::Capability);
        let l1 = ["cust", "log", "corp", "data", "grc", "itsm", "ops", "ppm", "people", "tech"];
        let mut want: Vec<String> = l1.iter().map(|c| format!("capability:cap-{c}")).collect();
        want.push("capability:".into());
        assert_eq!(lane_keys(&caps), want);
        assert_eq!((caps[0].title.as_str(), caps[10].title.as_str()), ("Customer & sales", "No capability"));
        assert_eq!(items(&caps[10]), ["ini-intranet", "ini-chain"]);
        // Two L1s (portfolio, people): shared; three capabilities under one L1: not.
        assert_eq!(shared(&caps, "ini-ppm"), [true, true]);
        assert_eq!(shared(&caps, "ini-obs"), [true, true]);
        assert_eq!(shared(&caps, "ini-erp"), [false]);
        assert_eq!(shared(&caps, "ini-dcexit"), [false]);

        let owners = lanes(&r, Grouping::Owner);
        let titles: Vec<_> = owners.iter().map(|l| l.title.as_str()).collect();
        // Everyone has an owner, so there is no "No owner" lane.
        let people = [
            "Anja Koval",
            "Claire Dubois",
            "Ingrid Solberg",
            "Mateo Rossi",
            "Nadia Haddad",
            "Ravi Menon",
            "Tomasz Nowak",
        ];
        assert_eq!(titles, people);
        assert_eq!(owners[0].key, "owner:Anja Koval");
        assert_eq!(items(&owners[2]), ["ini-sd"]);

        let status = lanes(&r, Grouping::Status);
        let titles: Vec<_> = status.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["Proposed", "Approved", "In progress", "Done", "Cancelled"]);
        assert_eq!(
            (status[2].key.as_str(), items(&status[2])),
            ("status:in_progress", vec!["ini-landing", "ini-erp", "ini-sd"])
        );
        assert_eq!(items(&status[4]), ["ini-chain"]);
        assert!(status.iter().flat_map(|l| &l.items).all(|i| !i.shared));

        let vendors = lanes(&r, Grouping::Vendor);
        let titles: Vec<_> = vendors.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Arcturus Software",
                "Bluefjord Consulting",
                "Cobalt Devices",
                "Helix Security",
                "Kestrel Systems",
                "Lumen Observability",
                "Northgate Networks",
                "Pelican Data",
                "Quanta Service Cloud",
                "Vireo Telematics",
                "No vendor",
            ]
        );
        assert_eq!((vendors[10].key.as_str(), items(&vendors[10])), ("vendor:", vec!["ini-chain"]));

        let all = lanes(&r, Grouping::None);
        assert_eq!((all.len(), all[0].key.as_str(), all[0].items.len()), (1, "all", 28));
    }

    #[test]
    fn shared_vendors_and_missing_owners_on_a_small_roadmap() {
        let mut a = ini("a", "2026-01..2026-03", &[]);
        a.vendors = ids(&["beta", " Alpha ", "beta", ""]);
        a.owner = "zoe".into();
        let mut b = ini("b", "2026-02..2026-03", &[]);
        b.vendors = ids(&["Beta"]);
        b.owner = "  ".into();
        b.goals = vec![GoalLink { goal: "missing".into(), contribution: 1 }];
        let r = roadmap(vec![a, b, ini("c", "", &[])]);
        let v = lanes(&r, Grouping::Vendor);
        assert_eq!(lane_keys(&v), ["vendor:Alpha", "vendor:Beta", "vendor:beta"]);
        assert_eq!(shared(&v, "a"), [true, true]);
        assert_eq!(shared(&v, "b"), [false]);
        let o = lanes(&r, Grouping::Owner);
        assert_eq!(lane_keys(&o), ["owner:zoe", "owner:"]);
        assert_eq!((o[1].title.as_str(), items(&o[1])), ("No owner", vec!["b"]));
        // A link to a goal that does not exist counts as no goal.
        let g = lanes(&r, Grouping::Goal);
        assert_eq!((lane_keys(&g), items(&g[0])), (vec!["goal:"], vec!["a", "b"]));
        assert_eq!(parking_lot(&r), ["c"]);
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

    // --- Dependencies -----------------------------------------------------------------

    #[test]
    fn the_demo_has_exactly_one_broken_dependency_and_the_fix_repairs_it() {
        let mut r = demo_roadmap();
        let broken = broken_dependencies(&r);
        assert_eq!(
            broken,
            [Broken {
                predecessor: "ini-crm".into(),
                successor: "ini-portal".into(),
                message: "\"Customer self-service portal\" starts (2027-07) before \"CRM rollout\" ends (2027-08)"
                    .into(),
            }]
        );
        assert!(!move_after_predecessors(&mut r, "ini-crm"));
        assert!(!move_after_predecessors(&mut r, "ini-genai") && !move_after_predecessors(&mut r, "nope"));
        assert!(move_after_predecessors(&mut r, "ini-portal"));
        assert_eq!(dates(&r, "ini-portal"), (Some(m("2027-09")), Some(m("2028-08"))));
        assert!(broken_dependencies(&r).is_empty());
        assert!(!validate(&r).iter().any(|p| p.id == "ini-portal" && p.field == "depends_on"));
        assert!(!move_after_predecessors(&mut r, "ini-portal"));
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

    /// a(3) → b(2), a → c(5), x(10) → b, b → d(1), c → d, d → e(4); y (cancelled, 20
    /// months) and z (undated) hang off d and e; p and q form a cycle.
    fn diamond() -> Roadmap {
        let mut y = ini("y", "2027-01..2028-08", &["d"]);
        y.status = Status::Cancelled;
        roadmap(vec![
            ini("a", "2026-01..2026-03", &[]),
            ini("x", "2025-01..2025-10", &[]),
            ini("b", "2026-04..2026-05", &["a", "x"]),
            ini("c", "2026-04..2026-08", &["a"]),
            ini("d", "2026-09..2026-09", &["b", "c"]),
            ini("e", "2026-10..2027-01", &["d"]),
            y,
            ini("z", "", &["e"]),
            ini("p", "2026-01..2026-02", &["q"]),
            ini("q", "2026-03..2026-04", &["p"]),
        ])
    }

    #[test]
    fn chains_follow_dependencies_both_ways() {
        let r = diamond();
        let set = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        assert_eq!(chain(&r, "d"), (set(&["a", "b", "c", "x"]), set(&["e", "y", "z"])));
        assert_eq!(chain(&r, "a"), (set(&[]), set(&["b", "c", "d", "e", "y", "z"])));
        assert_eq!(chain(&r, "p"), (set(&["q"]), set(&["q"])));
        assert_eq!(chain(&r, "nope"), (set(&[]), set(&[])));
    }

    #[test]
    fn critical_paths_on_a_diamond() {
        let r = diamond();
        let path = |id| critical_path_through(&r, id);
        // Through b: x (10) beats a (3) before it; d then e after: 17 months.
        assert_eq!(path("b"), ids(&["x", "b", "d", "e"]));
        // Through a: c (5) beats b (2).
        assert_eq!(path("a"), ids(&["a", "c", "d", "e"]));
        assert_eq!(path("c"), ids(&["a", "c", "d", "e"]));
        // Through d: x → b (12) beats a → c (8); the cancelled y counts 0, so e wins.
        assert_eq!(path("d"), ids(&["x", "b", "d", "e"]));
        assert_eq!(path("y"), ids(&["x", "b", "d", "y"]));
        assert_eq!(path("z"), ids(&["x", "b", "d", "e", "z"]));
        // A cycle does not hang.
        let p = path("p");
        assert!(p.contains(&"p".to_string()) && p.len() <= 3, "{p:?}");
        assert!(path("nope").is_empty());
    }

    // --- Rescheduling -----------------------------------------------------------------

    #[test]
    fn shift_resize_schedule_and_unschedule() {
        let mut a = ini("a", "2026-03..2026-08", &[]);
        a.milestones = vec![
            Milestone { name: "One".into(), month: Some(m("2026-05")) },
            Milestone { name: "Undated".into(), month: None },
        ];
        let mut r = roadmap(vec![a, ini("u", "", &[])]);
        let before = r.initiatives[0].clone();
        assert!(!shift(&mut r, "a", 0) && !shift(&mut r, "u", 2) && !shift(&mut r, "nope", 1));
        assert!(Arc::ptr_eq(&before, &r.initiatives[0]), "a no-op must not copy the initiative");
        assert!(shift(&mut r, "a", 3));
        assert_eq!(dates(&r, "a"), (Some(m("2026-06")), Some(m("2026-11"))));
        assert_eq!(r.initiatives[0].milestones[0].month, Some(m("2026-08")));
        assert_eq!(r.initiatives[0].milestones[1].month, None);
        assert!(shift(&mut r, "a", -5));
        assert_eq!(dates(&r, "a"), (Some(m("2026-01")), Some(m("2026-06"))));

        assert!(resize(&mut r, "a", Edge::Start, m("2026-03")));
        assert_eq!(dates(&r, "a"), (Some(m("2026-03")), Some(m("2026-06"))));
        assert!(resize(&mut r, "a", Edge::Start, m("2026-12"))); // clamped to the end
        assert_eq!(dates(&r, "a"), (Some(m("2026-06")), Some(m("2026-06"))));
        assert!(!resize(&mut r, "a", Edge::End, m("2026-02"))); // clamped to the start: no change
        assert!(resize(&mut r, "a", Edge::End, m("2027-01")));
        assert_eq!(dates(&r, "a"), (Some(m("2026-06")), Some(m("2027-01"))));
        assert_eq!(r.initiatives[0].milestones[0].month, Some(m("2026-03")), "milestones stay put");
        assert!(!resize(&mut r, "u", Edge::End, m("2027-01")));

        assert!(schedule(&mut r, "u", m("2027-02")));
        assert_eq!(dates(&r, "u"), (Some(m("2027-02")), Some(m("2027-07"))));
        assert!(schedule(&mut r, "a", m("2026-01"))); // dated: moves, keeping 8 months
        assert_eq!(dates(&r, "a"), (Some(m("2026-01")), Some(m("2026-08"))));
        assert!(!schedule(&mut r, "a", m("2026-01")) && !schedule(&mut r, "nope", m("2026-01")));
        assert!(unschedule(&mut r, "u") && !unschedule(&mut r, "u"));
        assert_eq!(parking_lot(&r), ["u"]);
    }

    #[test]
    fn pushing_successors_in_dependency_order() {
        let mut b = ini("b", "2026-04..2026-06", &["a"]);
        b.milestones = vec![Milestone { name: "M".into(), month: Some(m("2026-05")) }];
        let mut f = ini("f", "2026-04..2026-05", &["a"]);
        f.status = Status::Cancelled;
        let mut r = roadmap(vec![
            ini("a", "2026-01..2026-03", &[]),
            b,
            f,
            ini("g", "", &["a"]),
            ini("w", "2026-01..2026-12", &[]),
            ini("c", "2026-07..2026-09", &["b"]),
            ini("d", "2027-01..2027-02", &["b", "w"]),
            ini("e", "2026-10..2026-10", &["b", "c"]),
            ini("h", "2026-12..2027-01", &["g"]),
        ]);
        assert!(successors_broken_by(&r, "a").is_empty());
        assert!(shift(&mut r, "a", 2)); // a now ends in May
                                        // b starts in April: pushed 2 months, so c (July) must go after b's new end (August),
                                        // and e after c's (November). d starts after both b and w. The cancelled f and the
                                        // undated g (and h behind it) are left alone.
        assert_eq!(successors_broken_by(&r, "a"), ids(&["b", "c", "e"]));
        assert_eq!(push_successors(&mut r, "a"), ids(&["b", "c", "e"]));
        assert_eq!(dates(&r, "b"), (Some(m("2026-06")), Some(m("2026-08"))));
        assert_eq!(r.initiative("b").unwrap().milestones[0].month, Some(m("2026-07")));
        assert_eq!(dates(&r, "c"), (Some(m("2026-09")), Some(m("2026-11"))));
        assert_eq!(dates(&r, "e"), (Some(m("2026-12")), Some(m("2026-12"))));
        for (id, was) in [("d", "2027-01"), ("f", "2026-04"), ("h", "2026-12")] {
            assert_eq!(dates(&r, id).0, Some(m(was)), "{id}");
        }
        assert!(successors_broken_by(&r, "a").is_empty() && push_successors(&mut r, "a").is_empty());
        assert!(broken_dependencies(&r).iter().all(|b| b.successor == "f" || b.successor == "h"));
        // Cycles do not hang.
        let mut cyc = diamond();
        shift(&mut cyc, "q", 5);
        assert!(push_successors(&mut cyc, "q").len() <= 1);
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
            assert_eq!(bar.quarter, q);
            assert!(close(bar.capex, s.capex) && close(bar.opex + bar.run, s.opex), "{q}");
            assert_eq!(bar.over, bar.total() > bar.envelope);
        }
        let fy27: Vec<_> = strip.iter().filter(|b| b.quarter.year == 2027).collect();
        let y = spend::spend_by_fiscal_year(&r).into_iter().find(|y| y.fiscal_year == 2027).unwrap();
        let sum = |f: fn(&&QuarterBar) -> f64| fy27.iter().map(f).sum::<f64>();
        assert!(close(sum(|b| b.capex), y.spend.capex) && close(sum(|b| b.opex + b.run), y.spend.opex));
        assert!(close(sum(|b| b.run), y.run) && close(sum(|b| b.total()), y.spend.total()));
        // FY2027's 6.8M + 4.7M envelope, a quarter each.
        assert!(fy27.iter().all(|b| close(b.envelope, 11.5e6 / 4.0)));
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
        assert_eq!((q.capex, q.opex, q.run), (300.0, 0.0, 10.0));
        assert_eq!(q.envelope, 120.0 / 12.0 + 2.0 * 1200.0 / 12.0);
        assert!(q.over && q.total() == 310.0);
    }

    #[test]
    fn fte_strip_marks_the_overloaded_quarter() {
        let r = demo_roadmap();
        let axis = Axis::for_roadmap(&r, Zoom::Years);
        let strip = fte_strip(&r, &axis);
        let over: Vec<_> = strip.iter().filter(|q| q.over).map(|q| q.quarter.to_string()).collect();
        assert_eq!(over, ["2027-Q2"]);
        for (q, (quarter, demand, capacity)) in strip.iter().zip(spend::fte_by_quarter(&r)) {
            assert_eq!(q.quarter, quarter);
            assert!((q.demand - demand).abs() < 1e-9 && q.capacity == capacity);
        }
        assert_eq!((strip[5].x, strip[5].w, strip[5].capacity), (180.0, 36.0, 41.0));
    }
}
