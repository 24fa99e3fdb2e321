//! The value-vs-effort bubble chart: one bubble per initiative, value up, effort right,
//! bubble area proportional to one-off cost, in four labelled quadrants.
//!
//! The rules:
//!
//! - **Which initiatives**: every initiative that is not cancelled or done (the ones still
//!   to decide or running). Under WSJF an initiative whose job size is not estimated cannot
//!   be placed; it is listed in [`BubbleLayout::unplaced`].
//! - **Axes**: weighted scoring puts the score (0–100) up and the one-off cost (capex + opex)
//!   right; WSJF puts the cost of delay (business value + time criticality + risk reduction)
//!   up and the job size right.
//! - **Bubble size**: area proportional to the one-off cost (radius from [`R_MIN`] for no
//!   cost to [`R_MAX`] for the dearest).
//! - **Quadrants** split at the medians of the placed initiatives: value at or above the
//!   median is high, effort above the median is high. Quick wins: high value, low effort;
//!   big bets: high value, high effort; fill-ins: low value, low effort; don't do: low value,
//!   high effort.
//! - Every bubble lies inside the plot (the data area is inset by the largest radius).
//!   Names are placed beside their bubble (right, left, above, below, the first that stays
//!   in the plot and clear of names already placed, highest value first); a name with no
//!   such place is dropped from the picture and listed in [`BubbleLayout::unlabelled`].
//! - **Hit test**: bubbles are drawn largest first, so a smaller bubble lies on top of a
//!   larger one it overlaps, and a click picks the smallest bubble under the pointer.

use super::{escape, rgb, svg, text_style, Backend};
use crate::domain::format::{short_amount, trimmed};
use crate::domain::model::{Id, Roadmap, ScoringModel, Status};
use crate::domain::scoring::scored;
use crate::layout::Rect;
use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const R_MIN: f64 = 4.0;
pub const R_MAX: f64 = 26.0;
/// Name labels: font size and the estimated width of a character (0.6 × the size).
const LABEL_PX: f64 = 12.0;
const CHAR_W: f64 = 0.6 * LABEL_PX;
const LABEL_CHARS: usize = 26;
/// Room for the axes' tick labels and titles around the plot.
const MARGIN: (f64, f64, f64, f64) = (72.0, 16.0, 16.0, 52.0); // left, top, right, bottom

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Quadrant {
    QuickWin,
    BigBet,
    FillIn,
    DontDo,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [Quadrant::QuickWin, Quadrant::BigBet, Quadrant::FillIn, Quadrant::DontDo];
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "Quick wins",
            Quadrant::BigBet => "Big bets",
            Quadrant::FillIn => "Fill-ins",
            Quadrant::DontDo => "Don't do",
        }
    }
}

/// One initiative's bubble, in layout pixels.
#[derive(Clone, PartialEq, Debug)]
pub struct Bubble {
    pub id: Id,
    pub name: String,
    pub status: Status,
    pub value: f64,
    pub effort: f64,
    pub cost: f64,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub quadrant: Quadrant,
    /// Where its name is written (the text's box), when it has room.
    pub label: Option<Rect>,
    /// The name as written (shortened with "…" beyond 26 characters).
    pub label_text: String,
}

impl Bubble {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (x - self.x).powi(2) + (y - self.y).powi(2) <= self.r * self.r
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct BubbleLayout {
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    /// In drawing order: largest first.
    pub bubbles: Vec<Bubble>,
    /// The medians the quadrants split at (effort, value) and their pixel positions.
    pub split: (f64, f64),
    pub split_px: (f64, f64),
    pub x_title: String,
    pub y_title: String,
    /// Tick positions and texts.
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    /// Initiatives whose name is not written on the chart (no room), by id.
    pub unlabelled: Vec<Id>,
    /// Initiatives that cannot be placed (WSJF without a job size): (id, name).
    pub unplaced: Vec<(Id, String)>,
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// About five round tick values from 0 to at least `max`.
fn ticks(max: f64) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 { max } else { 1.0 };
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|s| s * mag).find(|s| max / s <= 5.0).unwrap_or(10.0 * mag);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|k| k as f64 * step).collect()
}

/// Lays the chart out in `width` × `height` pixels.
pub fn layout(r: &Roadmap, width: f64, height: f64) -> BubbleLayout {
    layout_scored(r, &scored(r), width, height)
}

/// [`layout`] with the roadmap's scores already worked out (`scoring::scored(r)`).
pub fn layout_scored(r: &Roadmap, scored: &[crate::domain::scoring::Scored], width: f64, height: f64) -> BubbleLayout {
    let (ml, mt, mr, mb) = MARGIN;
    let plot = Rect { x: ml, y: mt, w: (width - ml - mr).max(4.0 * R_MAX), h: (height - mt - mb).max(4.0 * R_MAX) };
    let wsjf = r.scoring.model == ScoringModel::Wsjf;
    let mut unplaced = Vec::new();
    let mut points = Vec::new();
    for s in scored {
        if matches!(s.status, Status::Cancelled | Status::Done) {
            continue;
        }
        if wsjf && s.job_size == 0 {
            unplaced.push((s.id.clone(), s.name.clone()));
            continue;
        }
        let effort = if wsjf { s.job_size as f64 } else { s.cost.max(0.0) };
        let value = if wsjf { s.value } else { s.score };
        points.push((s, effort, value));
    }
    let max_effort = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let max_value = points.iter().map(|p| p.2).fold(0.0, f64::max);
    let max_cost = points.iter().map(|p| p.0.cost.max(0.0)).fold(0.0, f64::max);
    let x_ticks_v = if wsjf { vec![0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0] } else { ticks(max_effort) };
    let y_ticks_v = if wsjf { ticks(max_value) } else { vec![0.0, 25.0, 50.0, 75.0, 100.0] };
    let x_max = x_ticks_v.last().copied().unwrap_or(1.0).max(1e-9);
    let y_max = y_ticks_v.last().copied().unwrap_or(1.0).max(1e-9);
    // The data area, inset by the largest radius so every bubble stays inside the plot.
    let (x0, x1) = (plot.x + R_MAX, plot.right() - R_MAX);
    let (y0, y1) = (plot.bottom() - R_MAX, plot.y + R_MAX);
    let px = |v: f64| x0 + (v / x_max).clamp(0.0, 1.0) * (x1 - x0);
    let py = |v: f64| y0 + (v / y_max).clamp(0.0, 1.0) * (y1 - y0);
    let split = (median(points.iter().map(|p| p.1).collect()), median(points.iter().map(|p| p.2).collect()));
    let mut bubbles: Vec<Bubble> = points
        .into_iter()
        .map(|(s, effort, value)| {
            let share = if max_cost > 0.0 { (s.cost.max(0.0) / max_cost).sqrt() } else { 0.0 };
            let quadrant = match (value >= split.1, effort > split.0) {
                (true, false) => Quadrant::QuickWin,
                (true, true) => Quadrant::BigBet,
                (false, false) => Quadrant::FillIn,
                (false, true) => Quadrant::DontDo,
            };
            let label_text = if s.name.chars().count() > LABEL_CHARS {
                format!("{}…", s.name.chars().take(LABEL_CHARS - 1).collect::<String>().trim_end())
            } else {
                s.name.clone()
            };
            Bubble {
                x: px(effort),
                y: py(value),
                r: R_MIN + (R_MAX - R_MIN) * share,
                id: s.id.clone(),
                name: s.name.clone(),
                status: s.status,
                value,
                effort,
                cost: s.cost,
                quadrant,
                label: None,
                label_text,
            }
        })
        .collect();
    // Largest first (drawn first, so smaller ones lie on top); list order among equals.
    bubbles.sort_by(|a, b| b.r.total_cmp(&a.r));
    // Names, highest value first, where they fit.
    let mut order: Vec<usize> = (0..bubbles.len()).collect();
    order.sort_by(|&a, &b| bubbles[b].value.total_cmp(&bubbles[a].value));
    let mut placed: Vec<Rect> = Vec::new();
    let mut unlabelled = Vec::new();
    for k in order {
        let b = &bubbles[k];
        let (w, h) = (b.label_text.chars().count() as f64 * CHAR_W, LABEL_PX * 1.25);
        let candidates = [
            Rect { x: b.x + b.r + 3.0, y: b.y - h / 2.0, w, h },
            Rect { x: b.x - b.r - 3.0 - w, y: b.y - h / 2.0, w, h },
            Rect { x: b.x - w / 2.0, y: b.y - b.r - 2.0 - h, w, h },
            Rect { x: b.x - w / 2.0, y: b.y + b.r + 2.0, w, h },
        ];
        match candidates.into_iter().find(|c| c.inside(&plot) && placed.iter().all(|p| !p.overlaps(c))) {
            Some(rect) => {
                placed.push(rect);
                bubbles[k].label = Some(rect);
            }
            None => unlabelled.push(b.id.clone()),
        }
    }
    BubbleLayout {
        width,
        height,
        plot,
        split_px: (px(split.0), py(split.1)),
        split,
        x_title: if wsjf { "Job size".into() } else { format!("One-off cost ({})", r.currency) },
        y_title: if wsjf { "Cost of delay".into() } else { "Score".into() },
        x_ticks: x_ticks_v.iter().map(|&v| (px(v), if wsjf { trimmed(v, 1) } else { short_amount(v) })).collect(),
        y_ticks: y_ticks_v.iter().map(|&v| (py(v), trimmed(v, 1))).collect(),
        bubbles,
        unlabelled,
        unplaced,
    }
}

/// The initiative under the point: the smallest bubble there (it lies on top).
pub fn hit_test(l: &BubbleLayout, x: f64, y: f64) -> Option<&str> {
    l.bubbles.iter().rev().find(|b| b.contains(x, y)).map(|b| b.id.as_str())
}

/// Fill per status: the timeline's status colours.
fn fill(status: Status) -> RGBColor {
    let k = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
    rgb(super::timeline::STATUS_COLOURS[k].0)
}

const INK: &str = "#1c2430";
const MUTED: &str = "#5a6472";
const GRID: &str = "#e5e8ec";

/// Draws the chart at an offset `(dx, dy)` and scale `k` into any drawing area.
pub fn draw_at<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    l: &BubbleLayout,
    (dx, dy, k): (f64, f64, f64),
    backend: Backend,
) {
    let p = |x: f64, y: f64| ((dx + x * k).round() as i32, (dy + y * k).round() as i32);
    let font = |px: f64| px * k * backend.font_factor();
    let (ink, muted) = (rgb(INK), rgb(MUTED));
    let plot = l.plot;
    let _ = root.draw(&Rectangle::new([p(plot.x, plot.y), p(plot.right(), plot.bottom())], rgb("#fbfcfd").filled()));
    for &(x, _) in &l.x_ticks {
        let _ = root.draw(&PathElement::new(vec![p(x, plot.y), p(x, plot.bottom())], rgb(GRID).stroke_width(1)));
    }
    for &(y, _) in &l.y_ticks {
        let _ = root.draw(&PathElement::new(vec![p(plot.x, y), p(plot.right(), y)], rgb(GRID).stroke_width(1)));
    }
    // Quadrant split and names.
    let (sx, sy) = l.split_px;
    let dash = (6.0 * k).max(1.0) as u32;
    let _ = root.draw(&DashedPathElement::new(
        vec![p(sx, plot.y), p(sx, plot.bottom())],
        dash,
        dash,
        muted.stroke_width(1),
    ));
    let _ =
        root.draw(&DashedPathElement::new(vec![p(plot.x, sy), p(plot.right(), sy)], dash, dash, muted.stroke_width(1)));
    let corner = |q: Quadrant| match q {
        Quadrant::QuickWin => ((plot.x + 8.0, plot.y + 6.0), HPos::Left, VPos::Top),
        Quadrant::BigBet => ((plot.right() - 8.0, plot.y + 6.0), HPos::Right, VPos::Top),
        Quadrant::FillIn => ((plot.x + 8.0, plot.bottom() - 6.0), HPos::Left, VPos::Bottom),
        Quadrant::DontDo => ((plot.right() - 8.0, plot.bottom() - 6.0), HPos::Right, VPos::Bottom),
    };
    for q in Quadrant::ALL {
        let ((x, y), h, v) = corner(q);
        let style = text_style(font(14.0), muted, true).pos(Pos::new(h, v));
        let _ = root.draw(&Text::new(q.label().to_string(), p(x, y), style));
    }
    // Bubbles, largest first.
    for b in &l.bubbles {
        let at = p(b.x, b.y);
        let radius = (b.r * k).round().max(1.0) as i32;
        let _ = root.draw(&Circle::new(at, radius, fill(b.status).mix(0.75).filled()));
        let _ = root.draw(&Circle::new(at, radius, rgb("#ffffff").stroke_width(1)));
    }
    for b in &l.bubbles {
        if let Some(rect) = b.label {
            let style = text_style(font(LABEL_PX), ink, false).pos(Pos::new(HPos::Left, VPos::Center));
            let _ = root.draw(&Text::new(b.label_text.clone(), p(rect.x, rect.y + rect.h / 2.0), style));
        }
    }
    // Axes.
    let _ = root.draw(&Rectangle::new([p(plot.x, plot.y), p(plot.right(), plot.bottom())], muted.stroke_width(1)));
    for (x, text) in &l.x_ticks {
        let style = text_style(font(12.0), muted, false).pos(Pos::new(HPos::Center, VPos::Top));
        let _ = root.draw(&Text::new(text.clone(), p(*x, plot.bottom() + 6.0), style));
    }
    for (y, text) in &l.y_ticks {
        let style = text_style(font(12.0), muted, false).pos(Pos::new(HPos::Right, VPos::Center));
        let _ = root.draw(&Text::new(text.clone(), p(plot.x - 8.0, *y), style));
    }
    let title = text_style(font(13.0), ink, true);
    let _ = root.draw(&Text::new(
        l.x_title.clone(),
        p(plot.x + plot.w / 2.0, plot.bottom() + 28.0),
        title.clone().pos(Pos::new(HPos::Center, VPos::Top)),
    ));
    let _ =
        root.draw(&Text::new(l.y_title.clone(), p(8.0, plot.y - 2.0), title.pos(Pos::new(HPos::Left, VPos::Bottom))));
}

/// The chart as SVG at its layout size.
pub fn chart_svg(l: &BubbleLayout) -> String {
    svg(l.width.ceil() as u32, l.height.ceil() as u32, |root| draw_at(root, l, (0.0, 0.0, 1.0), Backend::Svg))
}

/// Every placed initiative in words, for `<desc>` and screen readers:
/// "CRM rollout: score 73.8, one-off cost EUR 1.9M — Big bets".
pub fn described(l: &BubbleLayout) -> Vec<String> {
    let mut out: Vec<String> = l
        .bubbles
        .iter()
        .map(|b| {
            format!(
                "{}: {} {}, {} {} — {}",
                b.name,
                l.y_title.to_lowercase(),
                trimmed(b.value, 1),
                l.x_title.split(" (").next().unwrap_or("").to_lowercase(),
                if l.x_title.starts_with("Job") { trimmed(b.effort, 1) } else { short_amount(b.effort) },
                b.quadrant.label()
            )
        })
        .collect();
    out.extend(l.unplaced.iter().map(|(_, name)| format!("{name}: not placed (job size not estimated)")));
    out
}

pub const SLIDE: (u32, u32) = (1920, 1080);

/// A 1920 × 1080 slide: title, subtitle, the chart scaled to fit, and the names that had no
/// room listed below; `<title>` and `<desc>` (every initiative with its figures) make it
/// complete and accessible.
pub fn slide_svg(l: &BubbleLayout, title: &str, subtitle: &str) -> String {
    let (w, h) = SLIDE;
    let (left, top, aw, ah) = (48.0, 130.0, 1920.0 - 96.0, 1080.0 - 130.0 - 80.0);
    let k = (aw / l.width.max(1.0)).min(ah / l.height.max(1.0)).min(3.0);
    let out = svg(w, h, |root| {
        let _ = root.fill(&WHITE);
        let _ = root.draw(&Text::new(title.to_string(), (48, 32), text_style(40.0, rgb(INK), true)));
        let _ = root.draw(&Text::new(subtitle.to_string(), (48, 86), text_style(24.0, rgb(MUTED), false)));
        draw_at(root, l, (left, top, k), Backend::Svg);
        if !l.unlabelled.is_empty() {
            let names: Vec<&str> = l.bubbles.iter().filter(|b| b.label.is_none()).map(|b| b.name.as_str()).collect();
            let (lines, _) =
                crate::layout::heatmap::wrap(&format!("Not named on the chart: {}", names.join(", ")), 170, 2);
            for (n, line) in lines.into_iter().enumerate() {
                let _ =
                    root.draw(&Text::new(line, (48, 1080 - 64 + n as i32 * 24), text_style(18.0, rgb(MUTED), false)));
            }
        }
    });
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&format!("{title} — {subtitle}")),
        escape(&described(l).join("\n"))
    );
    match out.find("<svg").and_then(|at| out[at..].find('>').map(|e| at + e + 1)) {
        Some(end) => format!("{}{head}{}", &out[..end], &out[end..]),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::model::*;
    use std::sync::Arc;

    fn demo_layout() -> (Roadmap, BubbleLayout) {
        let r = demo_roadmap();
        let l = layout(&r, 900.0, 600.0);
        (r, l)
    }

    #[test]
    fn every_bubble_is_inside_the_plot_and_labels_do_not_overlap() {
        for (r, w, h) in [
            (demo_roadmap(), 900.0, 600.0),
            (demo_roadmap(), 320.0, 240.0),
            (crate::domain::generate::generate(5, 300), 1200.0, 800.0),
        ] {
            let l = layout(&r, w, h);
            let live = r.initiatives.iter().filter(|i| !matches!(i.status, Status::Cancelled | Status::Done)).count();
            assert_eq!(l.bubbles.len() + l.unplaced.len(), live);
            for b in &l.bubbles {
                let bbox = Rect { x: b.x - b.r, y: b.y - b.r, w: 2.0 * b.r, h: 2.0 * b.r };
                assert!(bbox.inside(&l.plot), "{} at {bbox:?}", b.name);
                assert!((R_MIN..=R_MAX).contains(&b.r));
                if let Some(label) = b.label {
                    assert!(label.inside(&l.plot));
                }
            }
            let labels: Vec<Rect> = l.bubbles.iter().filter_map(|b| b.label).collect();
            for (n, a) in labels.iter().enumerate() {
                assert!(labels[n + 1..].iter().all(|b| !a.overlaps(b)), "labels overlap");
            }
            assert_eq!(labels.len() + l.unlabelled.len(), l.bubbles.len(), "a name is written or listed");
            // Drawn largest first.
            assert!(l.bubbles.windows(2).all(|p| p[0].r >= p[1].r));
        }
        // The demo at a good size names most initiatives.
        let (_, l) = demo_layout();
        assert!(l.unlabelled.len() * 3 < l.bubbles.len(), "{} unlabelled", l.unlabelled.len());
    }

    #[test]
    fn quadrants_split_at_the_medians() {
        let (r, l) = demo_layout();
        let values: Vec<f64> = l.bubbles.iter().map(|b| b.value).collect();
        let efforts: Vec<f64> = l.bubbles.iter().map(|b| b.effort).collect();
        assert_eq!(l.split, (median(efforts), median(values)));
        for b in &l.bubbles {
            let expect = match (b.value >= l.split.1, b.effort > l.split.0) {
                (true, false) => Quadrant::QuickWin,
                (true, true) => Quadrant::BigBet,
                (false, false) => Quadrant::FillIn,
                (false, true) => Quadrant::DontDo,
            };
            assert_eq!(b.quadrant, expect);
            // Higher value is higher up, more effort further right.
            assert_eq!(b.y <= l.split_px.1 + 1e-9, b.value >= l.split.1, "{}", b.name);
        }
        assert!(Quadrant::ALL.iter().all(|q| l.bubbles.iter().any(|b| b.quadrant == *q)), "the demo fills all four");
        let intranet = l.bubbles.iter().find(|b| b.id == "ini-intranet").unwrap();
        assert_eq!(intranet.quadrant, Quadrant::FillIn);
        assert_eq!(l.x_title, "One-off cost (EUR)");
        // Bubble area follows cost: the dearest has the largest radius.
        let dearest = l.bubbles.iter().max_by(|a, b| a.cost.total_cmp(&b.cost)).unwrap();
        assert_eq!(dearest.r, R_MAX);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        let _ = r;
    }

    #[test]
    fn wsjf_axes_and_unplaced() {
        let mut r = demo_roadmap();
        r.scoring.model = ScoringModel::Wsjf;
        r.initiative_mut("ini-crm").unwrap().scoring.job_size = 0;
        let l = layout(&r, 900.0, 600.0);
        assert_eq!(l.unplaced, [("ini-crm".to_string(), "CRM rollout".to_string())]);
        assert_eq!((l.x_title.as_str(), l.y_title.as_str()), ("Job size", "Cost of delay"));
        let tms = l.bubbles.iter().find(|b| b.id == "ini-tms").unwrap();
        assert_eq!((tms.effort, tms.value), (20.0, 33.0));
        assert!(l.x_ticks.iter().any(|t| t.1 == "13"));
    }

    #[test]
    fn hit_test_finds_the_bubble_and_the_smallest_on_top() {
        let (_, l) = demo_layout();
        for b in &l.bubbles {
            let hit = hit_test(&l, b.x, b.y).unwrap();
            let on_top = l.bubbles.iter().rev().find(|o| o.contains(b.x, b.y)).unwrap();
            assert_eq!(hit, on_top.id);
            assert!(on_top.r <= b.r, "what covers a centre is no larger");
        }
        assert_eq!(hit_test(&l, 1.0, 1.0), None, "outside the plot");
        // Two bubbles at the same place: the smaller one wins.
        let goal = |i: &mut Initiative| {
            i.scoring = ScoringInputs {
                business_value: 8,
                time_criticality: 8,
                risk_reduction: 8,
                job_size: 5,
                ..Default::default()
            }
        };
        let mut r =
            Roadmap { scoring: Scoring { model: ScoringModel::Wsjf, ..Scoring::default() }, ..Roadmap::default() };
        for (id, capex) in [("big", 900_000.0), ("small", 10_000.0), ("far", 500_000.0)] {
            let mut i = Initiative { id: id.into(), name: id.into(), capex, ..Initiative::default() };
            goal(&mut i);
            if id == "far" {
                i.scoring.job_size = 20;
            }
            r.initiatives.push(Arc::new(i));
        }
        let l = layout(&r, 600.0, 400.0);
        let big = l.bubbles.iter().find(|b| b.id == "big").unwrap();
        let small = l.bubbles.iter().find(|b| b.id == "small").unwrap();
        assert_eq!((big.x, big.y), (small.x, small.y));
        assert_eq!(hit_test(&l, small.x, small.y), Some("small"));
        assert_eq!(hit_test(&l, big.x + big.r - 1.0, big.y), Some("big"), "outside the small one, inside the big one");
        assert_eq!(hit_test(&l, big.x + big.r + 1.0, big.y), None);
    }

    #[test]
    fn a_slide_describes_every_bubble_and_escapes_hostile_text() {
        let mut r = demo_roadmap();
        r.initiative_mut("ini-crm").unwrap().name = "<script>alert(1)</script> & \"co\"".into();
        let l = layout(&r, 1100.0, 700.0);
        let svg = slide_svg(&l, "Nordhaven <b>", "Value vs effort");
        assert!(svg.starts_with("<svg") && svg.contains("width=\"1920\"") && svg.contains("height=\"1080\""));
        assert!(!svg.contains("<script") && !svg.contains("<b>"), "markup stays text");
        assert!(svg.contains("<title>Nordhaven &lt;b&gt; — Value vs effort</title>"));
        let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
        for b in &l.bubbles {
            assert!(desc.contains(&escape(&b.name)), "{}", b.name);
        }
        assert!(desc.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;: score"));
        for q in Quadrant::ALL {
            assert!(svg.contains(&escape(q.label())), "{}", q.label());
        }
        assert_eq!(svg.matches("<circle").count(), 2 * l.bubbles.len());
        let screen = chart_svg(&l);
        assert!(!screen.contains("<script") && screen.contains("width=\"1100\""));
    }

    #[test]
    fn an_empty_roadmap_draws_an_empty_chart() {
        let l = layout(&Roadmap::default(), 400.0, 300.0);
        assert!(l.bubbles.is_empty() && l.unlabelled.is_empty());
        assert_eq!(hit_test(&l, 200.0, 150.0), None);
        assert!(chart_svg(&l).contains("Quick wins"));
        let tiny = layout(&demo_roadmap(), 10.0, 10.0);
        assert!(tiny
            .bubbles
            .iter()
            .all(|b| Rect { x: b.x - b.r, y: b.y - b.r, w: 2.0 * b.r, h: 2.0 * b.r }.inside(&tiny.plot)));
        assert_eq!((ticks(0.0).len(), ticks(0.0).last().copied()), (6, Some(1.0)));
        assert_eq!(ticks(3_300_000.0), [0.0, 1e6, 2e6, 3e6, 4e6]);
    }
}
