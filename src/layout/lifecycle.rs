//! Geometry of the landscape's lifecycle roadmap, in plain Rust: one row per application
//! (its phases as segments of a bar over the months), group headers between them, the
//! initiatives that change an application as markers on its bar at the month they take
//! effect, its successor's name after the bar, and the chosen month's line. Only the rows
//! given are laid out (the view gives a page at a time).
//!
//! Text is placed as in `layout::portfolio` (estimated widths); a label that would overlap
//! another or leave the plot is shortened with "…" or left out: every value is also in the
//! row's accessible description (`AppLine::describe`).

use super::palette::ATTENTION;
use super::portfolio::{text_width, Anchor, Label, CHAR_WIDTH, LINE_HEIGHT};
use super::Rect;
use crate::domain::calendar::Month;
use crate::domain::format::month_label;
use crate::domain::landscape::lifecycle::AppLine;
use crate::domain::landscape::Phase;

/// Months the plot reaches before the roadmap's horizon, at most, to show earlier dates.
pub const MONTHS_BEFORE: i32 = 12;
/// Months the plot reaches after the roadmap's horizon, at most, to show later dates.
pub const MONTHS_AFTER: i32 = 60;
/// Space between two labels on a row.
const GAP: f64 = 8.0;

/// Sizes of the chart, in CSS pixels.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct LifecycleOptions {
    pub width: f64,
    /// The column of application names, left of the plot.
    pub label_width: f64,
    pub axis_height: f64,
    pub group_height: f64,
    pub row_height: f64,
    pub font_px: f64,
}

impl Default for LifecycleOptions {
    fn default() -> Self {
        LifecycleOptions {
            width: 1100.0,
            label_width: 260.0,
            axis_height: 44.0,
            group_height: 32.0,
            row_height: 44.0,
            font_px: 12.0,
        }
    }
}

/// The step of the attention palette a phase is drawn in (`None`: an application with no
/// dates), as the landscape map's "Colour by: Lifecycle phase": active calm blue, end of
/// life dark orange, no dates grey.
pub fn phase_step(phase: Option<Phase>) -> usize {
    match phase {
        Some(Phase::Active) => 0,
        Some(Phase::PhaseIn) => 1,
        Some(Phase::Plan) => 2,
        Some(Phase::PhaseOut) => 3,
        Some(Phase::EndOfLife) => 5,
        None => 6,
    }
}

/// (fill, text colour) of a phase (`None`: no dates); text contrast at least 4.5:1.
pub fn phase_colour(phase: Option<Phase>) -> (&'static str, &'static str) {
    match phase_step(phase) {
        6 => ("#e5e8ec", "#1a1a1a"),
        s => ATTENTION[s],
    }
}

/// The legend of the phases, in lifecycle order: (phase, label).
pub fn phase_legend() -> Vec<(Option<Phase>, &'static str)> {
    let mut out: Vec<(Option<Phase>, &'static str)> = Phase::ALL.iter().map(|&p| (Some(p), p.label())).collect();
    out.push((None, "No dates"));
    out
}

/// The months the chart spans: the roadmap's horizon (and the chosen month), widened to
/// the dates of the applications shown — at most [`MONTHS_BEFORE`] before the horizon and
/// [`MONTHS_AFTER`] after it — then to whole calendar years.
pub fn month_range(horizon: (Month, Month), at: Month, dates: impl Iterator<Item = Month>) -> (Month, Month) {
    let (h0, h1) = if horizon.0 <= horizon.1 { horizon } else { (horizon.1, horizon.0) };
    let (mut lo, mut hi) = (h0, h1);
    for m in dates.chain([at]) {
        lo = lo.min(m);
        hi = hi.max(m);
    }
    let lo = lo.max(h0.plus(-MONTHS_BEFORE));
    let hi = hi.min(h1.plus(MONTHS_AFTER));
    (Month { year: lo.year, month: 1 }, Month { year: hi.year, month: 12 })
}

/// A line of the chart: a group's header, or an application's bar.
#[derive(Clone, Copy, Debug)]
pub enum Line<'a> {
    Group,
    Bar(&'a AppLine),
}

/// A phase's part of a bar.
#[derive(Clone, PartialEq, Debug)]
pub struct SegmentBox {
    /// `None`: the application has no dates (drawn as one grey segment).
    pub phase: Option<Phase>,
    pub rect: Rect,
    /// It started before the chart's first month (or has no start).
    pub open_start: bool,
    /// It goes on after the chart's last month (or has no end).
    pub open_end: bool,
    /// The phase's name inside the segment, where it fits.
    pub label: Option<Label>,
}

/// An initiative's change on a bar.
#[derive(Clone, PartialEq, Debug)]
pub struct MarkerBox {
    pub month: Month,
    pub retires: bool,
    /// The glyph's box, centred on `x` over the bar.
    pub glyph: Rect,
    pub x: f64,
    /// The initiative's name under the bar, where it fits.
    pub label: Option<Label>,
    /// "Retired by … in Dec 2027" (the glyph's title).
    pub title: String,
}

/// One application's row.
#[derive(Clone, PartialEq, Debug)]
pub struct BarRow {
    /// Index into the lines given.
    pub line: usize,
    pub row: Rect,
    /// Where the application's name goes (left of the plot).
    pub name: Rect,
    /// The band the segments fill.
    pub band: Rect,
    pub segments: Vec<SegmentBox>,
    pub markers: Vec<MarkerBox>,
    /// "→ successor", after the bar, where it fits.
    pub successor: Option<Label>,
}

/// A group header's row.
#[derive(Clone, PartialEq, Debug)]
pub struct GroupRow {
    pub line: usize,
    pub row: Rect,
}

/// A year on the axis.
#[derive(Clone, PartialEq, Debug)]
pub struct Tick {
    pub x: f64,
    pub year: i32,
    pub label: Option<Label>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct LifecycleChart {
    pub width: f64,
    pub height: f64,
    pub start: Month,
    pub end: Month,
    /// The area of the months: from the first to the last month, under the axis.
    pub plot: Rect,
    pub month_width: f64,
    pub ticks: Vec<Tick>,
    /// Quarter lines (x), between the years.
    pub quarters: Vec<f64>,
    pub groups: Vec<GroupRow>,
    pub bars: Vec<BarRow>,
    /// The chosen month's line (x) and its label in the axis band.
    pub now: Option<(f64, Label)>,
}

impl LifecycleChart {
    /// The x where month `m` begins (clamped to the plot).
    pub fn x_of(&self, m: Month) -> f64 {
        x_of(self.plot.x, self.month_width, self.start, self.end, m)
    }

    /// Every label of the chart.
    pub fn all_labels(&self) -> Vec<&Label> {
        let ticks = self.ticks.iter().filter_map(|t| t.label.as_ref());
        let now = self.now.iter().map(|(_, l)| l);
        let bars = self.bars.iter().flat_map(|b| {
            let segments = b.segments.iter().filter_map(|s| s.label.as_ref());
            let markers = b.markers.iter().filter_map(|m| m.label.as_ref());
            segments.chain(markers).chain(b.successor.iter())
        });
        ticks.chain(now).chain(bars).collect()
    }
}

fn x_of(left: f64, month_width: f64, start: Month, end: Month, m: Month) -> f64 {
    let months = start.months_through(end);
    left + (m.index() - start.index()).clamp(0, months) as f64 * month_width
}

/// `text` shortened with "…" to fit `room` at `px`; `None` when fewer than four characters
/// would be left.
fn shorten(text: &str, px: f64, room: f64) -> Option<String> {
    if text_width(text, px) <= room {
        return Some(text.to_string());
    }
    let keep = (room / (CHAR_WIDTH * px)).floor() as usize;
    (keep >= 5).then(|| format!("{}…", text.chars().take(keep - 1).collect::<String>().trim_end()))
}

/// Lays out `lines` over the months `range` (both included; see [`month_range`]), with the
/// line of month `now` labelled `now_text`.
pub fn lifecycle_chart(
    lines: &[Line<'_>],
    range: (Month, Month),
    now: Option<(Month, &str)>,
    o: &LifecycleOptions,
) -> LifecycleChart {
    let (start, end) = if range.0 <= range.1 { range } else { (range.1, range.0) };
    let px = o.font_px;
    let small = (px - 1.0).max(8.0);
    let width = o.width.max(o.label_width + 200.0);
    let left = o.label_width + 12.0;
    let right = width - 16.0;
    let months = start.months_through(end).max(1);
    let month_width = (right - left) / months as f64;
    let x = |m: Month| x_of(left, month_width, start, end, m);

    // The axis: a year's name centred in its span where it fits, else at its start; left
    // out where it would run into the one before or out of the plot.
    let mut ticks = Vec::new();
    let mut cursor = left;
    for year in start.year..=end.year {
        let x0 = x(Month { year, month: 1 });
        let x1 = x(Month { year: year + 1, month: 1 });
        let text = year.to_string();
        let w = text_width(&text, px);
        let l = if x1 - x0 >= w + 4.0 {
            Label::new(text, px, true, Anchor::Middle, (x0 + x1) / 2.0, 6.0)
        } else {
            Label::new(text, px, true, Anchor::Start, x0 + 2.0, 6.0)
        };
        let label = (l.rect.x >= cursor - super::EPS && l.rect.right() <= right + super::EPS).then_some(l);
        if let Some(l) = &label {
            cursor = l.rect.right() + GAP;
        }
        ticks.push(Tick { x: x0, year, label });
    }
    let quarters = if 3.0 * month_width >= 6.0 {
        (0..months).filter(|k| k % 3 == 0 && k % 12 != 0).map(|k| left + k as f64 * month_width).collect()
    } else {
        Vec::new()
    };
    let now = now.filter(|(m, _)| start <= *m && *m <= end).and_then(|(m, text)| {
        let nx = x(m);
        let w = text_width(text, small);
        let lx = (nx - w / 2.0).min(right - w).max(left);
        (lx + w <= right + super::EPS)
            .then(|| (nx, Label::new(text, small, false, Anchor::Start, lx, 6.0 + px * LINE_HEIGHT + 4.0)))
    });

    let mut y = o.axis_height;
    let mut groups = Vec::new();
    let mut bars = Vec::new();
    let band_h = (o.row_height * 0.42).round().max(12.0);
    for (k, line) in lines.iter().enumerate() {
        match line {
            Line::Group => {
                groups.push(GroupRow { line: k, row: Rect { x: 0.0, y, w: width, h: o.group_height } });
                y += o.group_height;
            }
            Line::Bar(a) => {
                let row = Rect { x: 0.0, y, w: width, h: o.row_height };
                let band = Rect { x: left, y: y + 4.0, w: right - left, h: band_h };
                let name = Rect { x: 0.0, y: band.y - 2.0, w: o.label_width, h: band_h + 4.0 };
                bars.push(bar_row(k, a, row, band, name, start, end, &x, px, small));
                y += o.row_height;
            }
        }
    }
    LifecycleChart {
        width,
        height: y + 8.0,
        start,
        end,
        plot: Rect { x: left, y: o.axis_height, w: right - left, h: y - o.axis_height },
        month_width,
        ticks,
        quarters,
        groups,
        bars,
        now,
    }
}

#[allow(clippy::too_many_arguments)]
fn bar_row(
    line: usize,
    a: &AppLine,
    row: Rect,
    band: Rect,
    name: Rect,
    start: Month,
    end: Month,
    x: &dyn Fn(Month) -> f64,
    px: f64,
    small: f64,
) -> BarRow {
    let after = end.plus(1);
    let mut segments: Vec<SegmentBox> = Vec::new();
    for s in &a.spans {
        let x0 = x(s.from.unwrap_or(start).max(start));
        let x1 = x(s.until.unwrap_or(after).min(after));
        if x1 - x0 <= super::EPS {
            continue;
        }
        segments.push(SegmentBox {
            phase: if a.no_dates { None } else { Some(s.phase) },
            rect: Rect { x: x0, y: band.y, w: x1 - x0, h: band.h },
            open_start: s.from.is_none_or(|f| f < start),
            open_end: s.until.is_none_or(|u| u > after),
            label: None,
        });
    }
    // Markers on the bar at their month; their names on the line under it.
    let glyph = band.h + 2.0;
    let mut markers: Vec<MarkerBox> = a
        .changes
        .iter()
        .filter(|c| start <= c.month && c.month <= end)
        .map(|c| {
            let mx = x(c.month);
            let verb = if c.retires { "Retired" } else { "Introduced" };
            MarkerBox {
                month: c.month,
                retires: c.retires,
                glyph: Rect { x: mx - glyph / 2.0, y: band.y - 1.0, w: glyph, h: glyph },
                x: mx,
                label: None,
                title: format!("{verb} by {} in {}", c.initiative, month_label(c.month)),
            }
        })
        .collect();
    // A phase's name inside its segment where it fits and no marker covers it.
    for s in &mut segments {
        let text = s.phase.map_or("No dates", Phase::label);
        let l = Label::new(
            text,
            small,
            false,
            Anchor::Middle,
            s.rect.x + s.rect.w / 2.0,
            band.y + (band.h - small * LINE_HEIGHT) / 2.0,
        );
        let inside = l.rect.x >= s.rect.x + 4.0 && l.rect.right() <= s.rect.right() - 4.0;
        if inside && !markers.iter().any(|m| m.glyph.overlaps(&l.rect)) {
            s.label = Some(l);
        }
    }
    // The line under the bar: markers' names and the successor, left to right. A marker's
    // name ends just before it where there is room (the bar's past is quiet), else starts
    // just after it; the successor's starts where the bar stops running. Each is kept clear
    // of the one before, shortened with "…" or left out when the room runs out.
    let text_y = band.bottom() + 3.0;
    let bar_end =
        segments.iter().filter(|s| s.phase != Some(Phase::EndOfLife)).map(|s| s.rect.right()).fold(band.x, f64::max);
    let mut wanted: Vec<(f64, usize, String)> = a
        .changes
        .iter()
        .filter(|c| start <= c.month && c.month <= end)
        .enumerate()
        .map(|(k, c)| (x(c.month), k, c.initiative.clone()))
        .collect();
    let successor_at = markers.len();
    if let Some(s) = &a.successor {
        wanted.push((bar_end, successor_at, format!("→ {s}")));
    }
    wanted.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
    let mut cursor = band.x;
    let mut successor = None;
    let half = glyph / 2.0;
    for (wx, k, text) in wanted {
        let w = text_width(&text, px);
        let fits = |left: f64| left >= cursor - super::EPS && left + w <= band.right() + super::EPS;
        let after = if k == successor_at { wx + 4.0 } else { wx + half + 2.0 }.max(cursor);
        let mut choices = Vec::new();
        if k != successor_at {
            choices.push(wx - half - 2.0 - w);
        }
        choices.extend([after, band.right() - w]);
        let placed = match choices.into_iter().find(|&l| fits(l)) {
            Some(l) => Some(Label::new(text, px, false, Anchor::Start, l, text_y)),
            None => {
                shorten(&text, px, band.right() - after).map(|t| Label::new(t, px, false, Anchor::Start, after, text_y))
            }
        };
        if let Some(l) = placed {
            cursor = l.rect.right() + GAP;
            if k == successor_at {
                successor = Some(l);
            } else {
                markers[k].label = Some(l);
            }
        }
    }
    BarRow { line, row, name, band, segments, markers, successor }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::landscape::lifecycle::{self, phase_spans, AppChange};
    use crate::domain::landscape::Lifecycle;
    use crate::layout::EPS;
    use proptest::prelude::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn line(l: Lifecycle, changes: &[(i32, bool, &str)], successor: Option<&str>) -> AppLine {
        let base = m("2024-01");
        let mut l = l;
        let changes: Vec<AppChange> = changes
            .iter()
            .enumerate()
            .map(|(k, &(at, retires, name))| AppChange {
                change: k,
                month: base.plus(at),
                retires,
                initiative: name.to_string(),
            })
            .collect();
        // As the analysis does: the first introduction, then the first retirement.
        if let Some(first) = changes.iter().filter(|c| !c.retires).map(|c| c.month).min() {
            lifecycle::introduce(&mut l, first);
        }
        if let Some(first) = changes.iter().filter(|c| c.retires).map(|c| c.month).min() {
            lifecycle::retire(&mut l, first);
        }
        AppLine {
            app: 0,
            id: "a".into(),
            name: "App".into(),
            spans: phase_spans(&l),
            no_dates: l.is_empty(),
            changes,
            successor: successor.map(str::to_string),
        }
    }

    #[test]
    fn the_range_is_the_horizon_widened_to_the_dates_within_bounds() {
        let h = (m("2026-01"), m("2028-12"));
        assert_eq!(month_range(h, m("2026-06"), std::iter::empty()), (m("2026-01"), m("2028-12")));
        assert_eq!(
            month_range(h, m("2026-06"), [m("2025-03"), m("2029-05")].into_iter()),
            (m("2025-01"), m("2029-12"))
        );
        assert_eq!(
            month_range(h, m("2026-06"), [m("2005-01"), m("2060-01")].into_iter()),
            (m("2025-01"), m("2033-12")),
            "at most a year before and five after"
        );
    }

    #[test]
    fn a_retired_application_with_a_successor() {
        let l = Lifecycle { active: Some(m("2008-01")), phase_out: Some(m("2027-03")), ..Lifecycle::default() };
        let a = line(l, &[(47, true, "ERP upgrade")], Some("SAP S/4HANA Cloud"));
        let lines = [Line::Group, Line::Bar(&a)];
        let c = lifecycle_chart(
            &lines,
            (m("2025-01"), m("2028-12")),
            Some((m("2026-06"), "Today")),
            &LifecycleOptions::default(),
        );
        assert_eq!(c.groups.len(), 1);
        let b = &c.bars[0];
        let phases: Vec<_> = b.segments.iter().map(|s| s.phase).collect();
        assert_eq!(phases, vec![Some(Phase::Active), Some(Phase::PhaseOut), Some(Phase::EndOfLife)]);
        assert!(b.segments[0].open_start && !b.segments[1].open_start);
        assert_eq!(b.markers[0].x, c.x_of(m("2027-12")));
        assert_eq!(b.segments[2].rect.x, b.markers[0].x, "the end of life starts at the retirement");
        assert_eq!(b.markers[0].label.as_ref().unwrap().text, "ERP upgrade");
        assert_eq!(b.successor.as_ref().unwrap().text, "→ SAP S/4HANA Cloud");
        assert_eq!(b.markers[0].title, "Retired by ERP upgrade in Dec 2027");
        let (x, label) = c.now.as_ref().unwrap();
        assert_eq!(*x, c.x_of(m("2026-06")));
        assert_eq!(label.text, "Today");
        assert_eq!(c.ticks.iter().map(|t| t.year).collect::<Vec<_>>(), vec![2025, 2026, 2027, 2028]);
    }

    #[test]
    fn no_dates_is_one_grey_bar_and_crowded_labels_shorten() {
        let a = line(Lifecycle::default(), &[], None);
        let c = lifecycle_chart(&[Line::Bar(&a)], (m("2026-01"), m("2026-12")), None, &LifecycleOptions::default());
        assert_eq!(c.bars[0].segments.len(), 1);
        assert_eq!(c.bars[0].segments[0].phase, None);
        assert_eq!(c.bars[0].segments[0].label.as_ref().unwrap().text, "No dates");
        assert_eq!(phase_colour(None).0, "#e5e8ec");
        let long = "An initiative with a very long name indeed that goes on and on";
        let l = Lifecycle { active: Some(m("2024-01")), ..Lifecycle::default() };
        let a = line(l, &[(12, true, long)], Some("Next"));
        let c = lifecycle_chart(
            &[Line::Bar(&a)],
            (m("2024-01"), m("2026-12")),
            None,
            &LifecycleOptions { width: 700.0, ..LifecycleOptions::default() },
        );
        let label = c.bars[0].markers[0].label.as_ref().expect("shortened, not dropped");
        assert!(label.text.ends_with('…') && label.rect.right() <= c.plot.right() + EPS, "{label:?}");
    }

    fn lifecycle_strategy() -> impl Strategy<Value = Lifecycle> {
        proptest::collection::vec(proptest::option::of(0..96i32), 5).prop_map(|s| {
            let base = m("2022-01");
            let mut last = i32::MIN;
            let d: Vec<Option<Month>> = s
                .iter()
                .map(|s| {
                    s.map(|s| {
                        last = last.max(s);
                        base.plus(last)
                    })
                })
                .collect();
            Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] }
        })
    }

    /// A bar's lifecycle, changes (month offset, retires, initiative) and successor.
    type RawLine = (Lifecycle, Vec<(i32, bool, String)>, Option<String>);

    fn line_strategy() -> impl Strategy<Value = Option<RawLine>> {
        proptest::option::weighted(
            0.8,
            (
                lifecycle_strategy(),
                proptest::collection::vec((0..96i32, any::<bool>(), "[A-Za-z ]{1,40}"), 0..4),
                proptest::option::of("[A-Za-z ]{1,30}"),
            ),
        )
    }

    proptest! {
        /// Bars stay in the plot and in their row, rows never overlap, markers sit on their
        /// bar at their month's x, and no two labels overlap or leave the plot.
        #[test]
        fn the_chart_is_tidy(
            raw in proptest::collection::vec(line_strategy(), 1..12),
            width in 500.0..2200.0f64,
            start in 0..60i32,
            span in 0..96i32,
            now in 0..120i32,
        ) {
            let owned: Vec<Option<AppLine>> = raw.iter().map(|x| x.as_ref().map(|(l, c, s)| {
                let c: Vec<(i32, bool, &str)> = c.iter().map(|(a, b, n)| (*a, *b, n.as_str())).collect();
                line(*l, &c, s.as_deref())
            })).collect();
            let lines: Vec<Line> = owned.iter().map(|x| x.as_ref().map_or(Line::Group, Line::Bar)).collect();
            let base = m("2021-01");
            let range = (base.plus(start), base.plus(start + span));
            let o = LifecycleOptions { width, ..LifecycleOptions::default() };
            let c = lifecycle_chart(&lines, range, Some((base.plus(now), "Today, Jun 2026")), &o);
            let chart = Rect { x: 0.0, y: 0.0, w: c.width, h: c.height };
            // Rows in order, one per line, none overlapping, all in the chart.
            let mut rows: Vec<(usize, Rect)> = c.groups.iter().map(|g| (g.line, g.row)).chain(c.bars.iter().map(|b| (b.line, b.row))).collect();
            rows.sort_by_key(|r| r.0);
            prop_assert_eq!(rows.len(), lines.len());
            for w in rows.windows(2) {
                prop_assert!(w[0].1.bottom() <= w[1].1.y + EPS);
                prop_assert!(!w[0].1.overlaps(&w[1].1));
            }
            for (_, r) in &rows {
                prop_assert!(r.inside(&chart));
                prop_assert!(r.y >= c.plot.y - EPS);
            }
            for b in &c.bars {
                let a = owned[b.line].as_ref().unwrap();
                prop_assert!(b.band.inside(&b.row) && b.name.inside(&b.row));
                prop_assert!(b.name.right() <= c.plot.x);
                for s in &b.segments {
                    prop_assert!(s.rect.inside(&b.band), "{:?} outside {:?}", s.rect, b.band);
                    prop_assert!(s.rect.x >= c.plot.x - EPS && s.rect.right() <= c.plot.right() + EPS);
                }
                for w in b.segments.windows(2) {
                    prop_assert!(w[0].rect.right() <= w[1].rect.x + EPS, "segments in order, not overlapping");
                }
                // Every change in the months shown has its marker, on the bar, at its month.
                let shown: Vec<_> = a.changes.iter().filter(|x| c.start <= x.month && x.month <= c.end).collect();
                prop_assert_eq!(b.markers.len(), shown.len());
                for (mk, ch) in b.markers.iter().zip(shown) {
                    prop_assert_eq!(mk.month, ch.month);
                    prop_assert!((mk.x - c.x_of(ch.month)).abs() < EPS);
                    let on_bar = b.segments.iter().any(|s| s.rect.x - EPS <= mk.x && mk.x <= s.rect.right() + EPS);
                    prop_assert!(on_bar, "marker at {} off its bar", mk.x);
                    prop_assert!(mk.glyph.centre().1 > b.band.y && mk.glyph.centre().1 < b.band.bottom());
                    if let Some(l) = &mk.label {
                        prop_assert!(l.text == ch.initiative || l.text.ends_with('…'));
                    }
                }
            }
            let labels = c.all_labels();
            for l in &labels {
                prop_assert!(l.rect.x >= c.plot.x - EPS && l.rect.right() <= c.plot.right() + EPS, "{:?} leaves the plot", l);
                prop_assert!(l.rect.inside(&chart), "{:?}", l);
            }
            for (i, a) in labels.iter().enumerate() {
                for b in &labels[i + 1..] {
                    prop_assert!(!a.rect.overlaps(&b.rect), "{:?} overlaps {:?}", a, b);
                }
            }
        }
    }
}
