//! The timeline as a picture: axis headers, swimlanes, bars, milestones, dependency arrows
//! and the budget and FTE strips, drawn with plotters into any drawing area (a canvas on
//! the page at the device pixel ratio, SVG for exports), and a 1920 × 1080 slide.
//!
//! The geometry is `layout::timeline`'s, in its pixel coordinates: the drawing puts a lane
//! title column of [`LANE_GUTTER`] px on the left and the header band of
//! `header_height` px on top, so layout point (x, y) is drawn at
//! (`LANE_GUTTER + x`, `header_height + y`) — times the scale `k`.
//!
//! Colours are colour-blind safe: Okabe–Ito for status and goal categories, the heatmap's
//! blue → orange attention palette for risk, ColorBrewer Purples (light → dark) for score
//! bands; text on a bar has contrast ≥ 4.5:1. Status is
//! also told without colour: done and in progress are solid (in progress with a progress
//! line up to today), on hold is lighter and hatched with "(on hold)" in its label,
//! cancelled is an outline. Shared bars (in more than one lane) have a dashed border.

use super::{escape, rgb, svg, Backend, FONT};
use crate::domain::format::short_amount;
use crate::domain::model::{display_name, Horizon, Initiative, Roadmap, ScoringModel, Status};
use crate::domain::schedule::{chain, critical_path_through};
use crate::domain::scoring::scored;
use crate::domain::Month;
use crate::layout::palette::ATTENTION;
use crate::layout::timeline::{
    budget_strip, dependency_arrows, fte_strip, headers, horizon_band, today_x, Axis, HeaderCell, Headers,
    TimelineLayout, Zoom,
};
use crate::layout::Rect;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::{HashMap, HashSet};

/// Left column with lane titles; the axis starts at x = `LANE_GUTTER`.
pub const LANE_GUTTER: f64 = 200.0;
/// The budget strip and the FTE strip below the lanes, half each.
pub const STRIP_HEIGHT: f64 = 140.0;
/// A slide's size.
pub const SLIDE: (u32, u32) = (1920, 1080);

/// What bars are coloured by.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum ColourBy {
    #[default]
    Status,
    Risk,
    Goal,
    /// The initiative's score (`domain::scoring`), in five bands.
    Score,
}

impl ColourBy {
    pub const ALL: [ColourBy; 4] = [ColourBy::Status, ColourBy::Risk, ColourBy::Goal, ColourBy::Score];

    pub fn key(self) -> &'static str {
        match self {
            ColourBy::Status => "status",
            ColourBy::Risk => "risk",
            ColourBy::Goal => "goal",
            ColourBy::Score => "score",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ColourBy::Status => "Status",
            ColourBy::Risk => "Risk",
            ColourBy::Goal => "Goal",
            ColourBy::Score => "Score",
        }
    }

    /// Accepts the key or the label, case-insensitively.
    pub fn from_key(key: &str) -> Option<ColourBy> {
        let k = key.trim().to_ascii_lowercase();
        ColourBy::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// What to draw and how.
pub struct TimelineView<'a> {
    pub roadmap: &'a Roadmap,
    pub axis: &'a Axis,
    pub layout: &'a TimelineLayout,
    pub fiscal_start_month: u8,
    pub colour_by: ColourBy,
    pub show_dependencies: bool,
    /// The highlighted bar: its dependency chain stays bright, other bars are dimmed a
    /// little, and its critical path is drawn thicker.
    pub selected: Option<&'a str>,
    pub today: Option<Month>,
    pub horizon: Horizon,
    /// The header band above layout y = 0: fiscal years, fiscal quarters and (when month
    /// names fit) months.
    pub header_height: f64,
    /// Draw the budget and FTE strips below the lanes.
    pub strips: bool,
}

// ---------------------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------------------

const DARK: &str = "#1a1a1a";
const LIGHT: &str = "#ffffff";
/// Text and lines.
const INK: &str = "#1c2430";
const MUTED: &str = "#5a6472";
const GRID: &str = "#e5e8ec";
const GRID_STRONG: &str = "#d0d5db";
const LANE_BG: &str = "#f3f5f7";
const HEADER_BG: &str = "#f8f9fa";
/// Okabe–Ito vermillion: broken dependencies, over budget or capacity.
pub const VERMILLION: &str = "#d55e00";
/// "over" text: vermillion darkened to 4.5:1 on white (the attention palette's darkest).
const OVER_TEXT: &str = "#b35806";
const ARROW: &str = "#8a929c";
/// Okabe–Ito blue.
const TODAY: &str = "#0072b2";

/// Fill and text colour per status, in [`Status::ALL`] order (Okabe–Ito, cancelled grey).
pub const STATUS_COLOURS: [(&str, &str); 7] = [
    ("#f0e442", DARK),  // Idea: yellow
    ("#56b4e9", DARK),  // Proposed: sky blue
    ("#0072b2", LIGHT), // Approved: blue
    ("#e69f00", DARK),  // In progress: orange
    ("#009e73", DARK),  // Done: bluish green
    ("#cc79a7", DARK),  // On hold: reddish purple
    ("#6b7280", LIGHT), // Cancelled: grey (drawn as an outline)
];

/// Goal colours, heaviest goal first: Okabe–Ito without vermillion (which marks broken
/// dependencies, and holds no text at 4.5:1). Further goals share [`OTHER_GOALS`].
pub const GOAL_COLOURS: [(&str, &str); 7] = [
    ("#e69f00", DARK),
    ("#56b4e9", DARK),
    ("#009e73", DARK),
    ("#f0e442", DARK),
    ("#0072b2", LIGHT),
    ("#cc79a7", DARK),
    ("#000000", LIGHT),
];
const OTHER_GOALS: (&str, &str) = ("#8a929c", DARK);
const NO_GOAL: (&str, &str) = ("#d5d9de", DARK);

/// Risk = likelihood × impact in five bands, low (blue) to severe (orange): the heatmap's
/// attention palette, without its darkest blue.
pub const RISK_BANDS: [(&str, u8, u8); 5] =
    [("Low", 1, 4), ("Moderate", 5, 9), ("Significant", 10, 14), ("High", 15, 19), ("Severe", 20, 25)];

/// Score bands, lowest to highest: ColorBrewer "Purples" (7 classes, the darkest five;
/// sequential and colour-blind safe), text colours at contrast ≥ 4.5:1.
pub const SCORE_COLOURS: [(&str, &str); 5] =
    [("#bcbddc", DARK), ("#9e9ac8", DARK), ("#807dba", DARK), ("#6a51a3", LIGHT), ("#54278f", LIGHT)];
/// An initiative that cannot be scored yet (WSJF without a job size).
const NOT_SCORED: (&str, &str) = ("#d5d9de", DARK);

/// The upper ends of the first four score bands: weighted scores (0–100) in fifths; WSJF
/// (cost of delay ÷ job size, usually 0.1 to 60) doubling from 1.
fn score_band_ends(model: ScoringModel) -> [f64; 4] {
    match model {
        ScoringModel::Weighted => [20.0, 40.0, 60.0, 80.0],
        ScoringModel::Wsjf => [1.0, 2.0, 4.0, 8.0],
    }
}

/// The band of a score (0 lowest … 4 highest).
fn score_band(model: ScoringModel, score: f64) -> usize {
    score_band_ends(model).iter().take_while(|&&end| score >= end).count()
}

/// The legend labels of the score bands.
fn score_band_labels(model: ScoringModel) -> [String; 5] {
    let e = score_band_ends(model);
    let n = |v: f64| format!("{v}");
    match model {
        ScoringModel::Weighted => std::array::from_fn(|k| match k {
            0 => format!("Score under {}", n(e[0])),
            4 => format!("{} or more", n(e[3])),
            k => format!("{}–{}", n(e[k - 1]), n(e[k])),
        }),
        ScoringModel::Wsjf => std::array::from_fn(|k| match k {
            0 => format!("WSJF under {}", n(e[0])),
            4 => format!("{} or more", n(e[3])),
            k => format!("{}–{}", n(e[k - 1]), n(e[k])),
        }),
    }
}

fn risk_band(i: &Initiative) -> usize {
    let score = i.risk.likelihood.min(5) as u32 * i.risk.impact.min(5) as u32;
    match score {
        0..=4 => 0,
        5..=9 => 1,
        10..=14 => 2,
        15..=19 => 3,
        _ => 4,
    }
}

fn status_index(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// Goals in lane order (heaviest first, then list order), each id once.
fn goal_order(r: &Roadmap) -> Vec<(&str, &str)> {
    let mut gs: Vec<_> = r.goals.iter().collect();
    gs.sort_by_key(|g| std::cmp::Reverse(g.weight));
    let mut seen = HashSet::new();
    gs.into_iter()
        .filter(|g| seen.insert(g.id.as_str()))
        .map(|g| (g.id.as_str(), display_name(&g.name, &g.id)))
        .collect()
}

/// Colours of a roadmap's bars, with the goal order worked out once (and the score bands the
/// first time a bar is coloured by score).
struct Palette<'a> {
    roadmap: &'a Roadmap,
    goal_rank: HashMap<&'a str, usize>,
    /// Per initiative id: its score band, `None` when it cannot be scored yet.
    score_bands: std::cell::OnceCell<HashMap<String, Option<usize>>>,
}

impl<'a> Palette<'a> {
    fn new(r: &'a Roadmap) -> Palette<'a> {
        Palette {
            roadmap: r,
            score_bands: std::cell::OnceCell::new(),
            goal_rank: goal_order(r).into_iter().enumerate().map(|(n, (id, _))| (id, n)).collect(),
        }
    }

    /// The rank of the goal an initiative serves most (first of equals), among existing goals.
    fn goal_of(&self, i: &Initiative) -> Option<usize> {
        let mut best: Option<(u8, usize)> = None;
        for link in &i.goals {
            if let Some(&rank) = self.goal_rank.get(link.goal.as_str()) {
                if best.is_none_or(|(c, _)| link.contribution > c) {
                    best = Some((link.contribution, rank));
                }
            }
        }
        best.map(|(_, rank)| rank)
    }

    /// The score band of an initiative (`None`: not scored yet).
    fn score_band_of(&self, i: &Initiative) -> Option<usize> {
        let bands = self.score_bands.get_or_init(|| {
            let model = self.roadmap.scoring.model;
            scored(self.roadmap)
                .into_iter()
                .map(|s| {
                    let unscored = model == ScoringModel::Wsjf && s.job_size == 0;
                    (s.id, (!unscored).then(|| score_band(model, s.score)))
                })
                .collect()
        });
        bands.get(i.id.as_str()).copied().flatten()
    }

    fn colour(&self, i: &Initiative, by: ColourBy) -> (&'static str, &'static str) {
        match by {
            ColourBy::Status => STATUS_COLOURS[status_index(i.status)],
            ColourBy::Risk => ATTENTION[1 + risk_band(i)],
            ColourBy::Goal => match self.goal_of(i) {
                Some(rank) => GOAL_COLOURS.get(rank).copied().unwrap_or(OTHER_GOALS),
                None => NO_GOAL,
            },
            ColourBy::Score => self.score_band_of(i).map_or(NOT_SCORED, |b| SCORE_COLOURS[b]),
        }
    }
}

/// The colour of a bar: (fill, text colour), the text having contrast ≥ 4.5:1 on the fill.
/// By goal, an initiative takes the colour of the goal it serves most.
pub fn bar_colour(r: &Roadmap, i: &Initiative, by: ColourBy) -> (&'static str, &'static str) {
    Palette::new(r).colour(i, by)
}

/// The legend of a colouring: (label, fill), labels and fills distinct. By status every
/// status; by risk the five bands ("Moderate (5–9)"); by goal the goals in lane order (those
/// past the palette as "Other goals"), and "No goal" when a dated initiative serves none.
pub fn legend(r: &Roadmap, by: ColourBy) -> Vec<(String, &'static str)> {
    match by {
        ColourBy::Status => {
            Status::ALL.iter().zip(STATUS_COLOURS).map(|(s, (f, _))| (s.label().to_string(), f)).collect()
        }
        ColourBy::Risk => RISK_BANDS
            .iter()
            .zip(&ATTENTION[1..])
            .map(|((name, lo, hi), (f, _))| (format!("{name} ({lo}–{hi})"), *f))
            .collect(),
        ColourBy::Goal => {
            let order = goal_order(r);
            let mut out: Vec<(String, &'static str)> = Vec::new();
            for ((id, name), (fill, _)) in order.iter().zip(GOAL_COLOURS) {
                let label =
                    if out.iter().any(|(l, _)| l == name) { format!("{name} ({id})") } else { name.to_string() };
                out.push((label, fill));
            }
            if order.len() > GOAL_COLOURS.len() {
                out.push(("Other goals".into(), OTHER_GOALS.0));
            }
            let palette = Palette::new(r);
            if r.initiatives.iter().any(|i| i.is_dated() && palette.goal_of(i).is_none()) {
                out.push(("No goal".into(), NO_GOAL.0));
            }
            out
        }
        ColourBy::Score => {
            let mut out: Vec<(String, &'static str)> =
                score_band_labels(r.scoring.model).into_iter().zip(SCORE_COLOURS).map(|(l, (f, _))| (l, f)).collect();
            let palette = Palette::new(r);
            if r.initiatives.iter().any(|i| i.is_dated() && palette.score_band_of(i).is_none()) {
                out.push(("Not scored (no job size)".into(), NOT_SCORED.0));
            }
            out
        }
    }
}

// ---------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------

/// Approximate width of `text` at `px`: 0.62 × size per character.
fn text_width(text: &str, px: f64) -> f64 {
    0.62 * px * text.chars().count() as f64
}

/// `text` shortened with "…" to fit `width` at `px`; `None` when not even one character
/// and the ellipsis fit.
fn fit(text: &str, width: f64, px: f64) -> Option<String> {
    if text_width(text, px) <= width {
        return Some(text.to_string());
    }
    let n = (width / (0.62 * px)).floor() as usize;
    if n < 2 {
        return None;
    }
    let kept: String = text.chars().take(n - 1).collect();
    Some(format!("{}…", kept.trim_end()))
}

/// `name` + `suffix` fitted to `width`, shortening the name first so the suffix stays.
fn fit_with_suffix(name: &str, suffix: &str, width: f64, px: f64) -> Option<String> {
    if suffix.is_empty() {
        return fit(name, width, px);
    }
    let whole = format!("{name}{suffix}");
    if text_width(&whole, px) <= width {
        return Some(whole);
    }
    match fit(name, width - text_width(suffix, px), px) {
        Some(short) => Some(format!("{short}{suffix}")),
        None => fit(&whole, width, px),
    }
}

// ---------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------

/// Total drawing size at scale 1: the axis plus the lane title column wide; the header
/// band, the lanes and (when shown) the strips high.
pub fn size(v: &TimelineView) -> (f64, f64) {
    let strips = if v.strips { STRIP_HEIGHT } else { 0.0 };
    (LANE_GUTTER + v.axis.width(), v.header_height + v.layout.height + strips)
}

/// Maps drawing coordinates (scale 1, the gutter and header included) to the device: x
/// scaled by `kx`, y, text and line widths by `k` (a slide stretches the time axis to its
/// width, `kx` ≥ `k`; on screen both are the same).
struct Frame {
    ox: f64,
    oy: f64,
    kx: f64,
    k: f64,
    font: f64,
    /// Only what meets this region (drawing coordinates) is drawn; `None`: everything.
    view: Option<Rect>,
}

impl Frame {
    fn new(ox: f64, oy: f64, k: f64, backend: Backend) -> Frame {
        Frame { ox, oy, kx: k, k, font: backend.font_factor(), view: None }
    }

    /// Whether anything in the box from (x0, y0) to (x1, y1) can show.
    fn sees(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
        self.view.is_none_or(|v| x1 > v.x && x0 < v.right() && y1 > v.y && y0 < v.bottom())
    }

    fn p(&self, x: f64, y: f64) -> (i32, i32) {
        ((self.ox + x * self.kx).round() as i32, (self.oy + y * self.k).round() as i32)
    }

    fn width(&self, w: f64) -> u32 {
        ((w * self.k).round() as u32).max(1)
    }

    /// A horizontal distance in drawing coordinates as room for text at unscaled sizes.
    fn room(&self, w: f64) -> f64 {
        w * self.kx / self.k
    }

    fn text(&self, px: f64, colour: RGBAColor, bold: bool, h: HPos, v: VPos) -> TextStyle<'static> {
        let font = (FONT, px * self.k * self.font * 1.24).into_font();
        let font = if bold { font.style(FontStyle::Bold) } else { font };
        font.color(&colour).pos(Pos::new(h, v))
    }
}

/// Draws `text` at drawing coordinates (x, y) anchored by `style`.
fn put<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    text: String,
    (x, y): (f64, f64),
    style: TextStyle<'static>,
) {
    // Its box as the layout estimates text (the same estimate that fits labels), from the anchor.
    let px = style.font.get_size() / (f.k * f.font * 1.24);
    let (size, w) = (px * 1.24, text_width(&text, px) * f.k / f.kx);
    let (x0, y0) = (
        match style.pos.h_pos {
            HPos::Left => x,
            HPos::Center => x - w / 2.0,
            HPos::Right => x - w,
        },
        match style.pos.v_pos {
            VPos::Top => y,
            VPos::Center => y - size / 2.0,
            VPos::Bottom => y - size,
        },
    );
    if f.sees(x0, y0, x0 + w, y0 + size) {
        let _ = root.draw(&Text::new(text, f.p(x, y), style));
    }
}

fn line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    points: &[(f64, f64)],
    colour: RGBAColor,
    w: f64,
) {
    let (x0, y0, x1, y1) = points
        .iter()
        .fold((f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY), |(a, b, c, d), &(x, y)| {
            (a.min(x), b.min(y), c.max(x), d.max(y))
        });
    if !f.sees(x0 - w, y0 - w, x1 + w, y1 + w) {
        return;
    }
    let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| f.p(x, y)).collect();
    let _ = root.draw(&PathElement::new(pts, colour.stroke_width(f.width(w))));
}

fn rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    style: ShapeStyle,
) {
    if f.sees(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)) {
        let _ = root.draw(&Rectangle::new([f.p(x0, y0), f.p(x1, y1)], style));
    }
}

/// A closed outline `d` px outside the rectangle.
fn outline(x0: f64, y0: f64, x1: f64, y1: f64, d: f64) -> Vec<(f64, f64)> {
    let (x0, y0, x1, y1) = (x0 - d, y0 - d, x1 + d, y1 + d);
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
}

const FONT_PX: f64 = 12.0;
const LANE_FONT_PX: f64 = 13.0;
const PAD: f64 = 6.0;

/// Draws the whole timeline into `root` at scale `k` (the device pixel ratio on a canvas):
/// a white background, the header rows, the horizon band, lane headers, bars with their
/// labels, milestones, dependency arrows (when shown), the today line and the strips (when
/// shown). The area should be [`size`] × `k`.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, v: &TimelineView, k: f64, backend: Backend) {
    let _ = root.fill(&WHITE);
    draw_at(root, v, Frame::new(0.0, 0.0, k, backend), &StripCache::new());
}

/// Draws the part of the timeline inside `window` (drawing coordinates at scale 1; the
/// area should be its size × `k`) as it shows in a scrolled viewport: the header band stays
/// at the top and the lane titles at the left while the rest scrolls under them. Only what
/// shows is drawn, so the cost follows the viewport, not the roadmap.
///
/// `clip` is called with a rectangle in device pixels before each of the four regions
/// (the body, the header, the lane titles, the corner between them) is drawn, and with
/// `None` at the end: a canvas clips to it, so nothing from one region spills into another.
pub fn draw_window<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    v: &TimelineView,
    k: f64,
    backend: Backend,
    window: Rect,
    clip: &mut dyn FnMut(Option<[f64; 4]>),
) {
    let _ = root.fill(&WHITE);
    let top = v.header_height;
    let (gx, gy) = (LANE_GUTTER.min(window.w), top.min(window.h));
    let cache = StripCache::new();
    // (scroll x, scroll y, region in the window)
    let regions = [
        (true, true, Rect { x: gx, y: gy, w: window.w - gx, h: window.h - gy }),
        (true, false, Rect { x: gx, y: 0.0, w: window.w - gx, h: gy }),
        (false, true, Rect { x: 0.0, y: gy, w: gx, h: window.h - gy }),
        (false, false, Rect { x: 0.0, y: 0.0, w: gx, h: gy }),
    ];
    for (scroll_x, scroll_y, region) in regions {
        if region.w <= 0.0 || region.h <= 0.0 {
            continue;
        }
        let (sx, sy) = (if scroll_x { window.x } else { 0.0 }, if scroll_y { window.y } else { 0.0 });
        clip(Some([region.x * k, region.y * k, region.w * k, region.h * k]));
        let f = Frame {
            view: Some(Rect { x: region.x + sx, y: region.y + sy, ..region }),
            ..Frame::new(-sx * k, -sy * k, k, backend)
        };
        draw_at(root, v, f, &cache);
    }
    clip(None);
}

impl TimelineView<'_> {
    /// Drawing x of layout x (right of the lane titles).
    fn ax(&self, x: f64) -> f64 {
        LANE_GUTTER + x
    }

    /// Drawing y of layout y (below the header band).
    fn ay(&self, y: f64) -> f64 {
        self.header_height + y
    }
}

/// What the selection brightens: the selected bar's dependency chain (everything else is
/// dimmed) and its critical path.
struct Highlight {
    /// `None`: nothing is selected, nothing is dimmed.
    bright: Option<HashSet<String>>,
    /// Consecutive (predecessor, successor) pairs on the critical path.
    critical_pairs: HashSet<(String, String)>,
    /// Initiatives on the critical path, when it has more than one.
    on_critical: HashSet<String>,
}

impl Highlight {
    fn new(r: &Roadmap, selected: Option<&str>) -> Highlight {
        let Some(id) = selected else {
            return Highlight { bright: None, critical_pairs: HashSet::new(), on_critical: HashSet::new() };
        };
        let (before, after) = chain(r, id);
        let mut bright: HashSet<String> = before.into_iter().chain(after).collect();
        bright.insert(id.to_string());
        let critical = critical_path_through(r, id);
        let critical_pairs = critical.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect();
        let on_critical = if critical.len() > 1 { critical.into_iter().collect() } else { HashSet::new() };
        Highlight { bright: Some(bright), critical_pairs, on_critical }
    }

    fn dimmed(&self, id: &str) -> bool {
        self.bright.as_ref().is_some_and(|s| !s.contains(id))
    }
}

/// What bars and their labels are painted with.
struct BarPaint<'a> {
    by_id: HashMap<&'a str, &'a Initiative>,
    palette: Palette<'a>,
    hl: Highlight,
}

/// The first initiative with each id.
fn initiatives_by_id(r: &Roadmap) -> HashMap<&str, &Initiative> {
    let mut by_id: HashMap<&str, &Initiative> = HashMap::new();
    for i in &r.initiatives {
        by_id.entry(i.id.as_str()).or_insert(i);
    }
    by_id
}

/// The whole picture, step by step: background and grid, header rows, lane titles, then —
/// when the lanes' area shows — bars, the today line, arrows, labels and milestones, and
/// last the strips.
fn draw_at<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, v: &TimelineView, f: Frame, cache: &StripCache) {
    let f = &f;
    let hdr = headers(v.axis, v.fiscal_start_month);
    let (width, _) = size(v);
    let body_bottom = v.ay(v.layout.height);
    draw_background(root, f, v, &hdr);
    draw_headers(root, f, v, &hdr);
    draw_lane_titles(root, f, v);
    if f.sees(LANE_GUTTER, v.header_height, width, body_bottom) {
        let bars = BarPaint {
            by_id: initiatives_by_id(v.roadmap),
            palette: Palette::new(v.roadmap),
            hl: Highlight::new(v.roadmap, v.selected),
        };
        draw_bars(root, f, v, &bars);
        draw_today(root, f, v);
        if v.show_dependencies {
            draw_arrows(root, f, v, &bars.hl);
        }
        draw_labels(root, f, v, &bars);
        draw_milestones(root, f, v, &bars.hl);
    }
    if v.strips {
        draw_strips(root, f, v, body_bottom, cache);
    }
}

/// The header band, lane header rows, the tint outside the horizon and the grid lines.
fn draw_background<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView, hdr: &Headers) {
    let l = v.layout;
    let o = &l.options;
    let (width, height) = size(v);
    let top = v.header_height;
    let body_bottom = top + l.height;
    // Header band and lane header rows.
    if top > 0.0 {
        rect(root, f, (LANE_GUTTER, 0.0, width, top), rgb(HEADER_BG).filled());
    }
    for lane in &l.lanes {
        rect(root, f, (0.0, v.ay(lane.y), width, v.ay(lane.y + o.lane_header_height)), rgb(LANE_BG).filled());
    }
    // Outside the horizon: a light tint over lanes and strips.
    let (h0, h1) = horizon_band(v.axis, v.horizon);
    let tint = rgb(MUTED).mix(0.08);
    if h0 > v.axis.origin_x {
        rect(root, f, (v.ax(v.axis.origin_x), top, v.ax(h0), height), tint.filled());
    }
    if h1 < v.axis.end_x() {
        rect(root, f, (v.ax(h1), top, v.ax(v.axis.end_x()), height), tint.filled());
    }
    // Grid: quarters light, fiscal years stronger, down through lanes and strips.
    let fy_starts: HashSet<i64> = hdr.fiscal_years.iter().map(|c| (c.x * 100.0).round() as i64).collect();
    for c in hdr.quarters.iter().filter(|c| c.x > v.axis.origin_x) {
        let strong = fy_starts.contains(&((c.x * 100.0).round() as i64));
        let colour = rgb(if strong { GRID_STRONG } else { GRID }).into();
        line(root, f, &[(v.ax(c.x), top), (v.ax(c.x), height)], colour, 1.0);
    }
    for lane in &l.lanes {
        line(root, f, &[(0.0, v.ay(lane.y)), (width, v.ay(lane.y))], rgb(GRID).into(), 1.0);
    }
    line(root, f, &[(0.0, body_bottom), (width, body_bottom)], rgb(GRID_STRONG).into(), 1.0);
    line(root, f, &[(LANE_GUTTER, 0.0), (LANE_GUTTER, height)], rgb(GRID_STRONG).into(), 1.0);
}

/// The bars: status told by fill (solid, hatched on hold, outlined when cancelled), the
/// progress line of work in progress, the dashed border of shared bars and the outline of
/// the selected bar and the critical path.
fn draw_bars<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView, bars: &BarPaint) {
    let BarPaint { by_id, palette, hl } = bars;
    for bar in &v.layout.bars {
        let b = bar.rect;
        if !f.sees(v.ax(b.x) - 3.0, v.ay(b.y) - 3.0, v.ax(b.right()) + 3.0, v.ay(b.bottom()) + 3.0) {
            continue;
        }
        let Some(i) = by_id.get(bar.initiative.as_str()) else {
            continue;
        };
        let (fill, _) = palette.colour(i, v.colour_by);
        let alpha = if hl.dimmed(&i.id) { 0.35 } else { 1.0 };
        let (x0, y0, x1, y1) = (v.ax(b.x), v.ay(b.y), v.ax(b.right()), v.ay(b.bottom()));
        let colour = rgb(fill);
        match i.status {
            Status::Cancelled => {
                rect(root, f, (x0, y0, x1, y1), WHITE.filled());
                line(root, f, &outline(x0, y0, x1, y1, -0.75), colour.mix(alpha), 1.5);
            }
            Status::OnHold => {
                rect(root, f, (x0, y0, x1, y1), colour.mix(0.4 * alpha).filled());
                // Hatching "/", clipped to the bar.
                let step = 6.0;
                let mut c = x0 + y0 + step;
                while c < x1 + y1 {
                    let (xa, xb) = ((c - y1).max(x0), (c - y0).min(x1));
                    if xa < xb {
                        line(root, f, &[(xa, c - xa), (xb, c - xb)], colour.mix(0.55 * alpha), 1.0);
                    }
                    c += step;
                }
            }
            _ => rect(root, f, (x0, y0, x1, y1), colour.mix(alpha).filled()),
        }
        // Progress of work in progress: a line along the bottom up to today.
        if let (Status::InProgress, Some(today)) = (i.status, v.today) {
            if bar.start <= today && today <= bar.end {
                let done = (today.index() - bar.start.index()) as f64 + 0.5;
                let frac = done / bar.start.months_through(bar.end).max(1) as f64;
                let xp = x0 + (x1 - x0) * frac.clamp(0.0, 1.0);
                line(root, f, &[(x0 + 1.0, y1 - 2.0), (xp, y1 - 2.0)], rgb(DARK).mix(0.6 * alpha), 3.0);
            }
        }
        if bar.shared {
            let pts: Vec<(i32, i32)> = outline(x0, y0, x1, y1, 1.5).into_iter().map(|(x, y)| f.p(x, y)).collect();
            let dash = (4.0 * f.k).round().max(1.0) as i32;
            let gap = (3.0 * f.k).round().max(1.0) as i32;
            let _ = root.draw(&DashedPathElement::new(
                pts,
                dash,
                gap,
                rgb(INK).mix(0.8 * alpha).stroke_width(f.width(1.0)),
            ));
        }
        if v.selected == Some(i.id.as_str()) {
            line(root, f, &outline(x0, y0, x1, y1, 2.0), rgb(INK).into(), 3.0);
        } else if hl.on_critical.contains(i.id.as_str()) {
            line(root, f, &outline(x0, y0, x1, y1, 1.5), rgb(INK).into(), 2.0);
        }
    }
}

/// The today line, labelled in the first lane's header row.
fn draw_today<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView) {
    let Some(tx) = v.today.and_then(|t| today_x(v.axis, t)) else {
        return;
    };
    let (_, height) = size(v);
    let l = v.layout;
    let x = v.ax(tx);
    line(root, f, &[(x, v.header_height), (x, height)], rgb(TODAY).mix(0.9), 2.0);
    let y = l.lanes.first().map_or(v.header_height + 8.0, |lane| v.ay(lane.y + l.options.lane_header_height / 2.0));
    put(root, f, "Today".into(), (x + 4.0, y), f.text(FONT_PX, rgb(TODAY).into(), true, HPos::Left, VPos::Center));
}

/// Dependency arrows: broken ones vermillion, the critical path thicker, those outside the
/// selected chain faint.
fn draw_arrows<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView, hl: &Highlight) {
    for a in dependency_arrows(v.roadmap, v.layout) {
        let (x0, y0, x1, y1) = a
            .points
            .iter()
            .fold((f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY), |(p, q, s, t), &(x, y)| {
                (p.min(x), q.min(y), s.max(x), t.max(y))
            });
        if !f.sees(v.ax(x0) - 8.0, v.ay(y0) - 8.0, v.ax(x1) + 8.0, v.ay(y1) + 8.0) {
            continue;
        }
        let on_path = hl.critical_pairs.contains(&(a.from.clone(), a.to.clone()));
        let faint = hl.bright.as_ref().is_some_and(|s| !(s.contains(&a.from) && s.contains(&a.to)));
        let (colour, w) = match (a.broken, on_path) {
            (true, true) => (VERMILLION, 3.0),
            (true, false) => (VERMILLION, 2.5),
            (false, true) => (INK, 3.0),
            (false, false) => (ARROW, 1.25),
        };
        let colour = rgb(colour).mix(if faint { 0.3 } else { 1.0 });
        let mut pts: Vec<(f64, f64)> = a.points.iter().map(|&(x, y)| (v.ax(x), v.ay(y))).collect();
        let Some(&(x2, y2)) = pts.last() else {
            continue;
        };
        let (head, hx) = (6.0, 6.0 * f.k / f.kx);
        if let Some(last) = pts.last_mut() {
            last.0 -= hx * 5.0 / 6.0; // the head covers the end
        }
        line(root, f, &pts, colour, w);
        let tip = [(x2, y2), (x2 - hx, y2 - head * 0.6), (x2 - hx, y2 + head * 0.6)];
        let _ = root.draw(&Polygon::new(tip.map(|(x, y)| f.p(x, y)).to_vec(), colour.filled()));
    }
}

/// For each bar, the x where the next bar in its row starts (none for the last in a row).
fn next_bar_starts(l: &TimelineLayout) -> HashMap<usize, f64> {
    let mut next_start: HashMap<usize, f64> = HashMap::new();
    let mut order: Vec<usize> = (0..l.bars.len()).collect();
    order.sort_by(|&a, &b| {
        let (p, q) = (&l.bars[a], &l.bars[b]);
        (p.lane, p.row).cmp(&(q.lane, q.row)).then(p.rect.x.total_cmp(&q.rect.x))
    });
    for w in order.windows(2) {
        let (p, q) = (&l.bars[w[0]], &l.bars[w[1]]);
        if (p.lane, p.row) == (q.lane, q.row) {
            next_start.insert(w[0], q.rect.x);
        }
    }
    next_start
}

/// Labels: inside the bar, or right of it up to the next bar in its row.
fn draw_labels<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView, bars: &BarPaint) {
    let BarPaint { by_id, palette, hl } = bars;
    let l = v.layout;
    let o = &l.options;
    let next_start = next_bar_starts(l);
    for (n, bar) in l.bars.iter().enumerate() {
        let b = bar.rect;
        let reach = next_start.get(&n).copied().unwrap_or(v.axis.end_x()).max(b.right());
        if !f.sees(v.ax(b.x), v.ay(b.y), v.ax(reach), v.ay(b.bottom())) {
            continue;
        }
        let Some(i) = by_id.get(bar.initiative.as_str()) else {
            continue;
        };
        let (_, ink) = palette.colour(i, v.colour_by);
        let name = display_name(&i.name, &i.id);
        let suffix = if i.status == Status::OnHold { " (on hold)" } else { "" };
        let inside_ink = match i.status {
            Status::OnHold => DARK,
            Status::Cancelled => INK,
            _ => ink,
        };
        let inside = fit_with_suffix(name, suffix, f.room(b.w - 2.0 * o.label_padding), FONT_PX);
        // Where the layout put the label; a label with no room right of its bar (the next
        // bar in the row follows at once) goes inside, shortened, when more of it shows there.
        let (text, x, colour) = if bar.label_inside {
            (inside, bar.label_x, inside_ink)
        } else {
            let limit = next_start.get(&n).copied().unwrap_or(v.axis.end_x()) - o.label_padding;
            let outside = fit_with_suffix(name, suffix, f.room(limit - bar.label_x), FONT_PX);
            let shown = |t: &Option<String>| t.as_ref().map_or(0, |t| t.chars().count());
            if shown(&inside) > shown(&outside) {
                (inside, b.x + o.label_padding, inside_ink)
            } else {
                (outside, bar.label_x, INK)
            }
        };
        let Some(text) = text else { continue };
        // A dimmed bar is pale: dark text, a little lighter.
        let colour = if hl.dimmed(&i.id) { rgb(INK).mix(0.7) } else { rgb(colour).into() };
        let style = f.text(FONT_PX, colour, false, HPos::Left, VPos::Center);
        put(root, f, text, (v.ax(x), v.ay(b.y + b.h / 2.0)), style);
    }
}

/// Milestones: dark diamonds with a white ring, square on a stretched slide too.
fn draw_milestones<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView, hl: &Highlight) {
    for d in &v.layout.milestones {
        let alpha = if hl.dimmed(&d.initiative) { 0.35 } else { 1.0 };
        let (x, y, s) = (v.ax(d.x), v.ay(d.y), d.r);
        if !f.sees(x - 2.0 * s, y - s - 1.0, x + 2.0 * s, y + s + 1.0) {
            continue;
        }
        let sx = s * f.k / f.kx; // square on a stretched slide too
        let pts = [(x, y - s), (x + sx, y), (x, y + s), (x - sx, y)];
        let _ = root.draw(&Polygon::new(pts.map(|(x, y)| f.p(x, y)).to_vec(), rgb(INK).mix(alpha).filled()));
        let mut ring = pts.to_vec();
        ring.push(pts[0]);
        line(root, f, &ring, WHITE.mix(alpha), 1.0);
    }
}

/// Whether month names fit their cells (always at the month zoom).
fn show_months(axis: &Axis, f: &Frame) -> bool {
    axis.px_per_month >= Zoom::Months.px_per_month() || text_width("Sep", FONT_PX) + 6.0 <= f.room(axis.px_per_month)
}

fn draw_headers<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView, hdr: &Headers) {
    let top = v.header_height;
    if top < FONT_PX {
        return;
    }
    let months = show_months(v.axis, f);
    let rows: Vec<(&[HeaderCell], bool)> = if months {
        vec![(&hdr.fiscal_years, true), (&hdr.quarters, false), (&hdr.months, false)]
    } else {
        vec![(&hdr.fiscal_years, true), (&hdr.quarters, false)]
    };
    let row_h = top / rows.len() as f64;
    let muted = rgb(MUTED);
    for (n, (cells, bold)) in rows.iter().enumerate() {
        let y = n as f64 * row_h;
        if n > 0 {
            line(root, f, &[(LANE_GUTTER, y), (LANE_GUTTER + v.axis.end_x(), y)], rgb(GRID).into(), 1.0);
        }
        let centred = n == 2; // month names
        for c in cells.iter() {
            let x = LANE_GUTTER + c.x;
            if c.x > v.axis.origin_x {
                line(root, f, &[(x, y), (x, y + row_h)], rgb(GRID_STRONG).into(), 1.0);
            }
            let pad = if centred { 2.0 } else { PAD };
            let room = f.room(c.w) - 2.0 * pad;
            let text = if text_width(&c.label, FONT_PX) <= room {
                Some(c.label.clone())
            } else if text_width(&c.short, FONT_PX) <= room {
                Some(c.short.clone())
            } else if n == 0 {
                fit(&c.label, room, FONT_PX)
            } else {
                None
            };
            let Some(text) = text else { continue };
            let (at, h) = if centred { (x + c.w / 2.0, HPos::Center) } else { (x + pad, HPos::Left) };
            put(root, f, text, (at, y + row_h / 2.0), f.text(FONT_PX, muted.into(), *bold, h, VPos::Center));
        }
    }
    line(root, f, &[(0.0, top), (LANE_GUTTER + v.axis.end_x(), top)], rgb(GRID_STRONG).into(), 1.0);
}

fn draw_lane_titles<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Frame, v: &TimelineView) {
    let o = &v.layout.options;
    for lane in &v.layout.lanes {
        let y = v.header_height + lane.y + o.lane_header_height / 2.0;
        let count = lane.count.to_string();
        let count_w = text_width(&count, FONT_PX);
        put(
            root,
            f,
            count,
            (LANE_GUTTER - 10.0, y),
            f.text(FONT_PX, rgb(MUTED).into(), false, HPos::Right, VPos::Center),
        );
        let marker = if lane.collapsed { "▸ " } else { "▾ " };
        let room = f.room(LANE_GUTTER) - 10.0 - 10.0 - count_w - 8.0 - text_width(marker, LANE_FONT_PX);
        if let Some(title) = fit(&lane.title, room, LANE_FONT_PX) {
            put(
                root,
                f,
                format!("{marker}{title}"),
                (10.0, y),
                f.text(LANE_FONT_PX, rgb(INK).into(), true, HPos::Left, VPos::Center),
            );
        }
    }
}

/// One quarter of a strip: stacked segments (value, colour) against a limit line.
struct StripBar {
    x: f64,
    w: f64,
    segments: Vec<(f64, &'static str)>,
    limit: f64,
    over: bool,
}

const CAPEX: &str = "#54278f";
const OPEX: &str = "#9e9ac8";
const RUN: &str = "#dadaeb";
const FTE: &str = "#56b4e9";

/// The strips' bars, worked out once per drawing (a scrolled window draws in several
/// regions) and only when a strip shows.
type StripCache = std::cell::OnceCell<(Vec<StripBar>, Vec<StripBar>)>;

fn draw_strips<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    v: &TimelineView,
    y0: f64,
    cache: &StripCache,
) {
    let half = STRIP_HEIGHT / 2.0;
    if !f.sees(0.0, y0, LANE_GUTTER + v.axis.end_x(), y0 + STRIP_HEIGHT) {
        return;
    }
    let (budget, fte) = cache.get_or_init(|| strip_bars(v));
    let currency = v.roadmap.currency.trim();
    let money_unit = if currency.is_empty() { String::new() } else { format!(" {currency}") };
    strip(
        root,
        f,
        v,
        y0,
        half,
        budget,
        "Budget per quarter",
        &[("capex", CAPEX), ("opex", OPEX), ("run", RUN)],
        "envelope",
        &money_unit,
    );
    strip(root, f, v, y0 + half, half, fte, "FTE per quarter", &[("demand", FTE)], "capacity", " FTE");
}

fn strip_bars(v: &TimelineView) -> (Vec<StripBar>, Vec<StripBar>) {
    let budget: Vec<StripBar> = budget_strip(v.roadmap, v.axis)
        .into_iter()
        .map(|q| StripBar {
            x: q.x,
            w: q.w,
            segments: vec![(q.budget.capex, CAPEX), (q.budget.opex, OPEX), (q.budget.run, RUN)],
            limit: q.budget.envelope,
            over: q.budget.over,
        })
        .collect();
    let fte: Vec<StripBar> = fte_strip(v.roadmap, v.axis)
        .into_iter()
        .map(|q| StripBar {
            x: q.x,
            w: q.w,
            segments: vec![(q.fte.demand, FTE)],
            limit: q.fte.capacity,
            over: q.fte.over,
        })
        .collect();
    (budget, fte)
}

#[allow(clippy::too_many_arguments)]
fn strip<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    f: &Frame,
    v: &TimelineView,
    y0: f64,
    h: f64,
    bars: &[StripBar],
    title: &str,
    keys: &[(&str, &'static str)],
    limit_name: &str,
    unit: &str,
) {
    let ink = rgb(INK);
    let muted = rgb(MUTED);
    let ok = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
    let max =
        bars.iter().map(|b| ok(b.segments.iter().map(|s| ok(s.0)).sum::<f64>()).max(ok(b.limit))).fold(0.0, f64::max);
    // The gutter: title, key, scale.
    let small = FONT_PX;
    put(root, f, title.to_string(), (10.0, y0 + 6.0), f.text(FONT_PX, ink.into(), true, HPos::Left, VPos::Top));
    let mut x = 10.0;
    let ky = y0 + 6.0 + 19.0;
    for (name, colour) in keys {
        rect(root, f, (x, ky - 4.0, x + 9.0, ky + 5.0), rgb(colour).filled());
        put(root, f, name.to_string(), (x + 13.0, ky), f.text(small, muted.into(), false, HPos::Left, VPos::Center));
        x += 13.0 + (text_width(name, small) + 8.0) * f.k / f.kx;
    }
    let ly = ky + 17.0;
    line(root, f, &[(10.0, ly), (22.0, ly)], ink.into(), 2.0);
    put(root, f, limit_name.to_string(), (26.0, ly), f.text(small, muted.into(), false, HPos::Left, VPos::Center));
    // The scale: the top of the highest bar or line.
    let room = f.room(LANE_GUTTER) - 26.0 - text_width(limit_name, small) - 18.0;
    if let Some(text) = fit(&format!("top {}{unit}", short_amount(max)), room, small) {
        put(root, f, text, (LANE_GUTTER - 10.0, ly), f.text(small, muted.into(), false, HPos::Right, VPos::Center));
    }
    line(root, f, &[(0.0, y0 + h), (LANE_GUTTER + v.axis.end_x(), y0 + h)], rgb(GRID).into(), 1.0);
    if max <= 0.0 {
        return;
    }
    let base = y0 + h - 6.0;
    let k = (h - 6.0 - 18.0) / max;
    for b in bars {
        let inset = (b.w * 0.18).clamp(1.0, 14.0);
        let (bx0, bx1) = (LANE_GUTTER + b.x + inset, LANE_GUTTER + b.x + b.w - inset);
        if bx1 - bx0 < 1.0 {
            continue;
        }
        let mut y = base;
        for &(value, colour) in &b.segments {
            let hh = ok(value) * k;
            if hh >= 0.5 {
                rect(root, f, (bx0, y - hh, bx1, y), rgb(colour).filled());
            }
            y -= hh;
        }
        if b.limit > 0.0 && b.limit.is_finite() {
            let yl = base - b.limit * k;
            line(root, f, &[(LANE_GUTTER + b.x + 1.0, yl), (LANE_GUTTER + b.x + b.w - 1.0, yl)], ink.into(), 2.0);
        }
        if b.over {
            line(root, f, &outline(bx0, y, bx1, base, 1.0), rgb(VERMILLION).into(), 2.0);
            if text_width("over", small) <= f.room(b.w) {
                let style = f.text(small, rgb(OVER_TEXT).into(), true, HPos::Center, VPos::Bottom);
                put(root, f, "over".into(), ((bx0 + bx1) / 2.0, y - 3.0), style);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Slide
// ---------------------------------------------------------------------------------------

/// Every drawn initiative (each once, in drawing order) with its dates, status and
/// milestones: "CRM rollout: 2026-09 – 2027-08 (In progress); milestones: Go-live 2027-03".
pub fn described(v: &TimelineView) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for bar in &v.layout.bars {
        if !seen.insert(bar.initiative.as_str()) {
            continue;
        }
        let Some(i) = v.roadmap.initiative(&bar.initiative) else {
            continue;
        };
        let mut line = format!("{}: {} – {} ({})", display_name(&i.name, &i.id), bar.start, bar.end, i.status.label());
        let ms: Vec<String> =
            i.milestones.iter().filter_map(|m| Some(format!("{} {}", m.name.trim(), m.month?))).collect();
        if !ms.is_empty() {
            line.push_str(&format!("; milestones: {}", ms.join(", ")));
        }
        out.push(line);
    }
    out
}

/// The part of a slide the timeline may use (below the titles, above the legend).
const SLIDE_AREA: (f64, f64, f64, f64) = (48.0, 130.0, 1920.0 - 96.0, 1080.0 - 130.0 - 116.0);

/// A 1920 × 1080 slide: title, subtitle, the timeline scaled to fit (at most doubled),
/// the colour legend and a key to the bar styles; `<title>` and `<desc>` (every drawn
/// initiative with its dates) make it complete and accessible where a bar shortens a name.
pub fn slide_svg(v: &TimelineView, title: &str, subtitle: &str) -> String {
    let (w, h) = SLIDE;
    let (tw, th) = size(v);
    let (left, top, aw, ah) = SLIDE_AREA;
    // As large as fits (at most doubled), then the time axis stretched to the full width.
    let k = (aw / tw.max(1.0)).min(ah / th.max(1.0)).min(2.0);
    let kx = (aw / tw.max(1.0)).clamp(k, 4.0 * k);
    let out = svg(w, h, |root| {
        let _ = root.fill(&WHITE);
        let ink = rgb(INK);
        let muted = rgb(MUTED);
        let f = Frame::new(0.0, 0.0, 1.0, Backend::Svg);
        put(root, &f, title.to_string(), (48.0, 32.0), f.text(40.0, ink.into(), true, HPos::Left, VPos::Top));
        put(root, &f, subtitle.to_string(), (48.0, 86.0), f.text(24.0, muted.into(), false, HPos::Left, VPos::Top));
        draw_at(root, v, Frame { kx, ..Frame::new(left, top, k, Backend::Svg) }, &StripCache::new());
        // Legend: swatches and labels under the timeline, flowing onto a second row when
        // needed.
        let first_row = top + th * k + 18.0;
        let (mut x, mut y) = (48.0, first_row);
        let px = 18.0;
        for (label, fill) in legend(v.roadmap, v.colour_by) {
            let Some(label) = fit(&label, 420.0, px) else {
                continue;
            };
            let wbox = 22.0 + 8.0 + text_width(&label, px) + 24.0;
            if x + wbox > 1872.0 && x > 48.0 {
                if y > first_row {
                    break;
                }
                (x, y) = (48.0, y + 32.0);
            }
            rect(root, &f, (x, y, x + 22.0, y + 22.0), rgb(fill).filled());
            put(root, &f, label, (x + 30.0, y + 11.0), f.text(px, ink.into(), false, HPos::Left, VPos::Center));
            x += wbox;
        }
        let key = "Solid: active or done · line along the bottom: progress to today · hatched: on hold · outline: \
                   cancelled · dashed border: in several lanes · ◆ milestone · vermillion arrow: broken dependency · \
                   shaded: outside the planning horizon";
        put(root, &f, key.to_string(), (48.0, y + 44.0), f.text(16.0, muted.into(), false, HPos::Left, VPos::Center));
    });
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&format!("{title} — {subtitle}")),
        escape(&described(v).join("\n"))
    );
    with_head(out, &head)
}

/// Puts `head` (already escaped markup) right after the opening `<svg …>` tag.
fn with_head(mut svg: String, head: &str) -> String {
    if let Some(end) = svg.find("<svg").and_then(|at| svg[at..].find('>').map(|e| at + e + 1)) {
        svg.insert_str(end, head);
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::schedule::Grouping;
    use crate::layout::timeline::{layout, TimelineOptions};
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// WCAG 2 relative luminance of "#rrggbb".
    fn luminance(hex: &str) -> f64 {
        let c = rgb(hex);
        let channel = |v: u8| {
            let c = v as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// `fill` at `alpha` over white, as "#rrggbb".
    fn over_white(fill: &str, alpha: f64) -> String {
        let c = rgb(fill);
        let mix = |v: u8| (alpha * v as f64 + (1.0 - alpha) * 255.0).round() as u8;
        format!("#{:02x}{:02x}{:02x}", mix(c.0), mix(c.1), mix(c.2))
    }

    struct Fixture {
        r: Roadmap,
        axis: Axis,
        layout: TimelineLayout,
    }

    fn fixture(r: Roadmap, grouping: Grouping, zoom: Zoom) -> Fixture {
        let axis = Axis::for_roadmap(&r, zoom);
        let layout = layout(&r, grouping, &axis, &HashSet::new(), &TimelineOptions::default());
        Fixture { r, axis, layout }
    }

    impl Fixture {
        fn view(&self) -> TimelineView<'_> {
            TimelineView {
                roadmap: &self.r,
                axis: &self.axis,
                layout: &self.layout,
                fiscal_start_month: self.r.fiscal_year_start_month,
                colour_by: ColourBy::Status,
                show_dependencies: true,
                selected: None,
                today: Some(m("2027-03")),
                horizon: self.r.horizon,
                header_height: 60.0,
                strips: true,
            }
        }
    }

    /// The contents of the SVG's `<text>` elements.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
            .collect()
    }

    fn has(svg: &str, text: &str) -> bool {
        texts(svg).iter().any(|t| t == text)
    }

    fn render(v: &TimelineView) -> String {
        let (w, h) = size(v);
        svg(w.ceil() as u32, h.ceil() as u32, |root| draw(root, v, 1.0, Backend::Svg))
    }

    /// Draws `window` of `v` into an SVG of the window's size; returns the SVG and the clip
    /// rectangles asked for.
    fn render_window(v: &TimelineView, window: Rect) -> (String, Vec<Option<[f64; 4]>>) {
        let mut clips = Vec::new();
        let out = svg(window.w as u32, window.h as u32, |root| {
            draw_window(root, v, 1.0, Backend::Svg, window, &mut |c| clips.push(c))
        });
        (out, clips)
    }

    #[test]
    fn a_scrolled_window_draws_what_shows_under_fixed_headers_and_lane_titles() {
        let x = fixture(crate::domain::generate::generate(7, 400), Grouping::Goal, Zoom::Months);
        let v = x.view();
        let (w, h) = size(&v);
        // Scrolled right and down, a typical laptop viewport.
        let window = Rect { x: (w - 1200.0) / 2.0, y: (h - 700.0) / 2.0, w: 1200.0, h: 700.0 };
        let (out, clips) = render_window(&v, window);
        // Four regions, tiling the window: body, header band, lane titles, corner; then none.
        let (g, t) = (LANE_GUTTER, v.header_height);
        assert_eq!(
            clips,
            vec![
                Some([g, t, 1200.0 - g, 700.0 - t]),
                Some([g, 0.0, 1200.0 - g, t]),
                Some([0.0, t, g, 700.0 - t]),
                Some([0.0, 0.0, g, t]),
                None
            ]
        );
        let drawn = texts(&out);
        let o = &x.layout.options;
        // The bar labels drawn are those of bars in the window, and every bar fully inside the
        // body region with its label inside has its label drawn.
        let body = Rect { x: window.x + g, y: window.y + t, w: window.w - g, h: window.h - t };
        let mut inside = 0;
        for b in &x.layout.bars {
            let shown = Rect { x: g + b.rect.x, y: t + b.rect.y, ..b.rect };
            let name = &x.r.initiative(&b.initiative).unwrap().name;
            if b.label_inside && shown.inside(&body) && crate::domain::model::display_name(name, &b.initiative) == name
            {
                let name = escape(name);
                assert!(
                    drawn.iter().any(|d| *d == name || (d.ends_with('…') && name.starts_with(d.trim_end_matches('…')))),
                    "{name} is in the window but not drawn"
                );
                inside += 1;
            }
        }
        // Nothing is drawn for initiatives whose every bar is far outside.
        let near = |b: &crate::layout::timeline::Bar| {
            let y = t + b.rect.y;
            y > body.y - 40.0 && y < body.bottom() + 40.0
        };
        for i in &x.r.initiatives {
            let mut bars = x.layout.bars.iter().filter(|b| b.initiative == i.id).peekable();
            if bars.peek().is_some() && !bars.any(near) {
                assert!(!drawn.contains(&escape(&i.name)), "{} is far outside the window but drawn", i.name);
            }
        }
        assert!(inside > 5, "the window should hold several bars, held {inside}");
        // Lane titles of the lanes in view stay at the left; header labels at the top.
        let in_view: Vec<_> = x
            .layout
            .lanes
            .iter()
            .filter(|l| {
                let y = t + l.y + o.lane_header_height / 2.0;
                y > window.y + t + 10.0 && y < window.bottom() - 10.0
            })
            .collect();
        assert!(!in_view.is_empty());
        for lane in in_view {
            assert!(
                drawn.iter().any(|d| d.starts_with("▾ ") && lane.title.starts_with(d[4..].trim_end_matches('…'))),
                "lane {} has no title",
                lane.title
            );
        }
        assert!(drawn.iter().any(|d| d.starts_with("FY")), "no fiscal-year header in {drawn:?}");
        // Far less is drawn than the whole timeline.
        let whole = render(&v);
        assert!(out.len() * 4 < whole.len(), "{} vs {}", out.len(), whole.len());
    }

    #[test]
    fn a_window_over_the_whole_timeline_draws_the_same_texts() {
        let x = fixture(demo_roadmap(), Grouping::Goal, Zoom::Quarters);
        let v = x.view();
        let (w, h) = size(&v);
        let (out, _) = render_window(&v, Rect { x: 0.0, y: 0.0, w: w.ceil(), h: h.ceil() });
        let mut a = texts(&out);
        let mut b = texts(&render(&v));
        a.sort();
        b.sort();
        let count = |v: &[String], t: &String| v.iter().filter(|x| *x == t).count();
        let only_a: Vec<_> = a.iter().filter(|t| count(&a, t) > count(&b, t)).collect();
        let only_b: Vec<_> = b.iter().filter(|t| count(&b, t) > count(&a, t)).collect();
        assert_eq!(a, b, "only in the window: {only_a:?}; only in the whole: {only_b:?}");
    }

    #[test]
    fn colour_by_keys_round_trip() {
        for c in ColourBy::ALL {
            assert_eq!(ColourBy::from_key(c.key()), Some(c));
            assert_eq!(ColourBy::from_key(c.label()), Some(c));
        }
        assert_eq!(ColourBy::from_key("nope"), None);
    }

    #[test]
    fn bar_text_has_enough_contrast_in_every_colouring() {
        let all = STATUS_COLOURS
            .iter()
            .chain(&GOAL_COLOURS)
            .chain([&OTHER_GOALS, &NO_GOAL, &NOT_SCORED])
            .chain(&SCORE_COLOURS)
            .chain(&ATTENTION[1..]);
        for (fill, text) in all {
            let ratio = contrast(fill, text);
            assert!(ratio >= 4.5, "{text} on {fill}: {ratio:.2}");
            // On hold: the fill at 40 % over white, with dark text.
            let light = over_white(fill, 0.4);
            assert!(contrast(&light, DARK) >= 4.5, "{DARK} on {light}");
        }
        let r = demo_roadmap();
        for by in ColourBy::ALL {
            for i in &r.initiatives {
                let (fill, text) = bar_colour(&r, i, by);
                assert!(contrast(fill, text) >= 4.5, "{} by {by:?}", i.name);
            }
        }
        // Text outside bars and in the strips.
        for (text, on) in [
            (INK, "#ffffff"),
            (MUTED, HEADER_BG),
            (MUTED, LANE_BG),
            (INK, LANE_BG),
            (TODAY, LANE_BG),
            (OVER_TEXT, "#ffffff"),
        ] {
            assert!(contrast(text, on) >= 4.5, "{text} on {on}");
        }
    }

    #[test]
    fn colours_follow_status_risk_and_goal() {
        let r = demo_roadmap();
        let mut i = (*r.initiatives[0]).clone();
        i.status = Status::Done;
        assert_eq!(bar_colour(&r, &i, ColourBy::Status), STATUS_COLOURS[4]);
        for ((l, im), band) in [
            ((1, 4), 0),
            ((2, 2), 0),
            ((1, 5), 1),
            ((3, 3), 1),
            ((2, 5), 2),
            ((3, 5), 3),
            ((4, 4), 3),
            ((4, 5), 4),
            ((5, 5), 4),
        ] {
            i.risk = crate::domain::model::RiskScore { likelihood: l, impact: im };
            assert_eq!(bar_colour(&r, &i, ColourBy::Risk), ATTENTION[1 + band], "{l} × {im}");
        }
        // The strongest goal link wins; no known goal is "No goal".
        let heaviest = goal_order(&r)[0].0.to_string();
        let second = goal_order(&r)[1].0.to_string();
        i.goals = vec![
            crate::domain::model::GoalLink { goal: heaviest.clone(), contribution: 1 },
            crate::domain::model::GoalLink { goal: second, contribution: 3 },
            crate::domain::model::GoalLink { goal: heaviest, contribution: 3 },
        ];
        assert_eq!(bar_colour(&r, &i, ColourBy::Goal), GOAL_COLOURS[1]);
        i.goals = vec![crate::domain::model::GoalLink { goal: "gone".into(), contribution: 3 }];
        assert_eq!(bar_colour(&r, &i, ColourBy::Goal), NO_GOAL);
    }

    #[test]
    fn colour_by_score_follows_the_score_bands() {
        let mut r = demo_roadmap();
        let band = |s: f64| ((s / 20.0).floor() as usize).min(4);
        let mut seen = HashSet::new();
        for s in scored(&r) {
            let i = r.initiatives.iter().find(|i| i.id == s.id).unwrap();
            assert_eq!(
                bar_colour(&r, i, ColourBy::Score),
                SCORE_COLOURS[band(s.score)],
                "{} scores {}",
                s.name,
                s.score
            );
            seen.insert(band(s.score));
        }
        assert!(seen.len() >= 3, "the demo spreads over several bands: {seen:?}");
        assert_eq!(
            [
                score_band(ScoringModel::Weighted, 19.99),
                score_band(ScoringModel::Weighted, 20.0),
                score_band(ScoringModel::Weighted, 100.0)
            ],
            [0, 1, 4]
        );
        assert_eq!(legend(&r, ColourBy::Score)[0].0, "Score under 20");
        assert_eq!(legend(&r, ColourBy::Score)[4].0, "80 or more");
        // WSJF: bands double from 1; without a job size an initiative is not scored.
        r.scoring.model = ScoringModel::Wsjf;
        assert_eq!([0.5, 1.0, 3.9, 7.0, 12.0].map(|s| score_band(ScoringModel::Wsjf, s)), [0, 1, 2, 3, 4]);
        let id = r.initiatives.iter().find(|i| i.is_dated()).unwrap().id.clone();
        {
            let i = r.initiative_mut(&id).unwrap();
            i.scoring = crate::domain::model::ScoringInputs {
                business_value: 8,
                time_criticality: 5,
                risk_reduction: 3,
                job_size: 2,
                ..Default::default()
            };
        }
        assert_eq!(bar_colour(&r, r.initiative(&id).unwrap(), ColourBy::Score), SCORE_COLOURS[4], "16 ÷ 2 = 8");
        r.initiative_mut(&id).unwrap().scoring.job_size = 0;
        assert_eq!(bar_colour(&r, r.initiative(&id).unwrap(), ColourBy::Score), NOT_SCORED);
        let l = legend(&r, ColourBy::Score);
        assert_eq!((l[0].0.as_str(), l.last().unwrap().0.as_str()), ("WSJF under 1", "Not scored (no job size)"));
    }

    #[test]
    fn legend_entries_are_distinct_and_cover_every_bar() {
        let mut r = demo_roadmap();
        for by in ColourBy::ALL {
            let l = legend(&r, by);
            assert!(l.len() >= 4, "{by:?}");
            let labels: HashSet<_> = l.iter().map(|e| e.0.clone()).collect();
            let fills: HashSet<_> = l.iter().map(|e| e.1).collect();
            assert_eq!((labels.len(), fills.len()), (l.len(), l.len()), "{by:?}: {l:?}");
            for i in r.initiatives.iter().filter(|i| i.is_dated()) {
                let fill = bar_colour(&r, i, by).0;
                assert!(fills.contains(fill), "{} by {by:?}: {fill}", i.name);
            }
        }
        // The demo's 8 goals: 7 colours, then "Other goals"; same names stay apart.
        let goals = legend(&r, ColourBy::Goal);
        assert!(goals.iter().any(|(l, _)| l == "Other goals"));
        let copy = (*r.goals[1]).clone();
        r.goals[0] = Arc::new(crate::domain::Goal { id: "goal-twin".into(), ..copy });
        let l = legend(&r, ColourBy::Goal);
        let labels: HashSet<_> = l.iter().map(|e| e.0.clone()).collect();
        assert_eq!(labels.len(), l.len(), "{l:?}");
    }

    #[test]
    fn text_fits_with_an_ellipsis() {
        assert_eq!(fit("Warehouse", 100.0, 12.0).as_deref(), Some("Warehouse"));
        let short = fit("Warehouse robotics pilot", 60.0, 12.0).unwrap();
        assert!(short.ends_with('…') && text_width(&short, 12.0) <= 60.0, "{short}");
        assert_eq!(fit("Warehouse", 10.0, 12.0), None);
        let held = fit_with_suffix("Warehouse robotics pilot", " (on hold)", 150.0, 12.0).unwrap();
        assert!(held.ends_with("… (on hold)") && text_width(&held, 12.0) <= 150.0, "{held}");
    }

    #[test]
    fn one_rect_per_bar() {
        let x = fixture(demo_roadmap(), Grouping::Goal, Zoom::Quarters);
        let mut v = x.view();
        v.strips = false;
        v.show_dependencies = false;
        v.today = None;
        let svg = render(&v);
        // Besides bars: the background, the header band, a header row per lane and the
        // horizon tints (the demo's axis is its horizon: none).
        let (h0, h1) = horizon_band(&x.axis, x.r.horizon);
        assert_eq!((h0, h1), (x.axis.origin_x, x.axis.end_x()));
        assert!(x.layout.bars.len() > 25 && x.layout.bars.iter().any(|b| b.shared));
        assert_eq!(svg.matches("<rect").count(), 2 + x.layout.lanes.len() + x.layout.bars.len());
        assert!(has(&svg, "FY27") && has(&svg, "FY27 Q2"));
        assert!(!has(&svg, "Jan"), "no month row at the quarter zoom");
        assert!(!svg.to_lowercase().contains(VERMILLION), "nothing is broken or over");
        // The horizon shorter than the axis: two tints.
        v.horizon = Horizon { start: m("2026-04"), end: m("2028-06") };
        assert_eq!(render(&v).matches("<rect").count(), 4 + x.layout.lanes.len() + x.layout.bars.len());
        // Every name is drawn (shortened or whole), each lane's title too.
        for lane in &x.layout.lanes {
            let shown = fit(&lane.title, 100.0, LANE_FONT_PX).unwrap();
            let stem = shown.trim_end_matches('…');
            assert!(svg.contains(&format!("▾ {}", escape(stem))), "{}", lane.title);
        }
    }

    #[test]
    fn broken_dependencies_are_vermillion_and_the_selection_is_highlighted() {
        let x = fixture(demo_roadmap(), Grouping::None, Zoom::Quarters);
        let mut v = x.view();
        v.strips = false;
        let svg = render(&v).to_lowercase();
        let arrows = dependency_arrows(&x.r, &x.layout);
        assert_eq!(arrows.iter().filter(|a| a.broken).count(), 1);
        let stroke = format!("stroke=\"{VERMILLION}\"");
        assert_eq!(svg.matches(&stroke).count(), 1, "one broken arrow line");
        assert!(svg.matches("<polygon").count() >= arrows.len() + x.layout.milestones.len());
        assert!(has(&svg, "today"));
        // Selecting the successor: the broken arrow is on its critical path, drawn thicker.
        v.selected = Some("ini-portal");
        let svg = render(&v).to_lowercase();
        let at = svg.find(&stroke).unwrap();
        assert!(svg[at..].starts_with(&format!("{stroke} stroke-width=\"3\"")), "{}", &svg[at..at + 60]);
        // Dimmed bars are translucent; the chain is not.
        assert!(svg.contains("opacity=\"0.35\""));
    }

    #[test]
    fn styles_for_status_and_sharing() {
        let mut r = demo_roadmap();
        let ids: Vec<String> = r.initiatives.iter().filter(|i| i.is_dated()).map(|i| i.id.clone()).collect();
        r.initiative_mut(&ids[0]).unwrap().status = Status::OnHold;
        r.initiative_mut(&ids[1]).unwrap().status = Status::Cancelled;
        r.initiative_mut(&ids[0]).unwrap().name = "Hold".into();
        let x = fixture(r, Grouping::None, Zoom::Months);
        let mut v = x.view();
        v.strips = false;
        v.show_dependencies = false;
        let svg = render(&v);
        assert!(has(&svg, "Hold (on hold)"), "on hold is said in the label");
        assert!(has(&svg, "Jan") && has(&svg, "FY26 Q1"), "month row at the month zoom");
        // Cancelled: a white box with an outline.
        assert!(svg.contains("fill=\"#FFFFFF\"") || svg.contains("fill=\"#ffffff\""));
        assert_eq!(svg.matches("<rect").count(), 2 + x.layout.lanes.len() + x.layout.bars.len());
        // Collapsed lanes show their marker and no bars.
        let g = fixture(demo_roadmap(), Grouping::Goal, Zoom::Years);
        let key = g.layout.lanes[0].key.clone();
        let l2 = layout(&g.r, Grouping::Goal, &g.axis, &HashSet::from([key]), &TimelineOptions::default());
        let mut v = g.view();
        v.layout = &l2;
        let svg = render(&v);
        assert!(svg.contains("▸ ") && svg.contains("▾ "));
        // Shared bars (goal lanes) have a dashed border; with one lane nothing is shared.
        let dash = "opacity=\"0.8\" stroke=\"#1C2430\"";
        assert!(l2.bars.iter().any(|b| b.shared) && svg.contains(dash));
        let one = fixture(demo_roadmap(), Grouping::None, Zoom::Years);
        assert!(!render(&one.view()).contains(dash));
    }

    #[test]
    fn strips_mark_the_overloaded_quarter() {
        let x = fixture(demo_roadmap(), Grouping::None, Zoom::Quarters);
        let mut v = x.view();
        v.show_dependencies = false;
        let (w, h) = size(&v);
        assert_eq!((w, h), (LANE_GUTTER + x.axis.width(), 60.0 + x.layout.height + STRIP_HEIGHT));
        let svg = render(&v);
        let overs = budget_strip(&x.r, &x.axis).iter().filter(|q| q.budget.over).count()
            + fte_strip(&x.r, &x.axis).iter().filter(|q| q.fte.over).count();
        assert!(overs >= 1);
        assert_eq!(texts(&svg).iter().filter(|t| *t == "over").count(), overs);
        assert!(has(&svg, "Budget per quarter") && has(&svg, "FTE per quarter"));
        // The canvas path at a device pixel ratio of 2 draws the same (at twice the size).
        let big = svg_at(&v, 2.0);
        assert!(big.contains("width=\"") && big.matches("<rect").count() == svg.matches("<rect").count());
    }

    fn svg_at(v: &TimelineView, k: f64) -> String {
        let (w, h) = size(v);
        super::svg((w * k).ceil() as u32, (h * k).ceil() as u32, |root| draw(root, v, k, Backend::Canvas))
    }

    #[test]
    fn a_slide_describes_every_initiative_and_escapes_hostile_text() {
        let mut r = demo_roadmap();
        let hostile = "<img src=x onerror=alert(1)> & \"co\"";
        let first = r.initiatives.iter().position(|i| i.is_dated()).unwrap();
        Arc::make_mut(&mut r.initiatives[first]).name = hostile.into();
        let x = fixture(r, Grouping::Goal, Zoom::Months);
        let mut v = x.view();
        v.colour_by = ColourBy::Goal;
        let svg = slide_svg(&v, "Roadmap <b>", "Timeline, FY26–FY28");
        assert!(svg.starts_with("<svg") && svg.contains("width=\"1920\"") && svg.contains("height=\"1080\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert!(!svg.contains("<img") && !svg.contains("<b>"), "markup stays text");
        assert!(svg.contains("<title>Roadmap &lt;b&gt; — Timeline, FY26–FY28</title>"));
        let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
        for i in x.r.initiatives.iter().filter(|i| i.is_dated()) {
            let (s, e) = i.dates().unwrap();
            let name = escape(display_name(&i.name, &i.id));
            assert!(desc.contains(&format!("{name}: {s} – {e}")), "{} is in the description", i.name);
        }
        assert!(desc.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;"));
        assert!(x.r.initiatives.iter().filter(|i| i.is_dated()).count() > 20);
        // Undated initiatives are not drawn, so not described.
        for i in x.r.initiatives.iter().filter(|i| !i.is_dated()) {
            assert!(!desc.contains(&format!("{}: ", escape(&i.name))), "{}", i.name);
        }
        // The legend is on the slide.
        for (label, _) in legend(&x.r, ColourBy::Goal).iter().take(3) {
            let shown = fit(label, 420.0, 18.0).unwrap();
            assert!(svg.contains(&escape(&shown)), "{label}");
        }
    }
}
