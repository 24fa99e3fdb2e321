//! The portfolio's charts drawn with plotters from `layout::portfolio`: capex and
//! opex per fiscal year against the envelope, and the 5 × 5 risk matrix. Each draws into any
//! plotters drawing area (a canvas on the page at the device pixel ratio `k`, SVG for
//! exports) and has a 1920 × 1080 slide with `<title>` and `<desc>` (every figure as text).
//!
//! Colours are colour-blind safe and every value is also written as text: the bars use the
//! heatmap's "Purples" magnitude steps (capex darkest, run cost lightest — the timeline's
//! budget strip), each bar outlined so the light run cost stands out from the page; the
//! envelope is a dark line across its bar; over the envelope is a vermillion (Okabe–Ito)
//! outline with the amount over written above the value. Risk cells use the heatmap's
//! blue → orange attention steps by score band (the timeline's risk colours), with text of
//! contrast at least 4.5:1; an empty cell is a pale tint of its band with dark text.

use super::heatmap::with_head;
use super::timeline::VERMILLION;
use super::{escape, rgb, svg, text_style, Backend};
use crate::domain::format::{percent, short_money};
use crate::domain::portfolio::finance::{FinanceYear, OVER_RULE, YEAR_RULE};
use crate::domain::portfolio::risk::{RiskBand, RiskMatrix, IMPACT, LIKELIHOOD, MATRIX_RULE};
use crate::layout::heatmap::wrap;
use crate::layout::palette::{ATTENTION, MAGNITUDE};
use crate::layout::portfolio::{
    finance_chart, risk_matrix_chart, Anchor, FinanceChart, FinanceOptions, Label, LegendKey, Part, RiskMatrixChart,
    RiskOptions,
};
use crate::layout::Rect;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const INK: &str = "#1c2430";
const MUTED: &str = "#5a6472";
const GRID: &str = "#e5e8ec";
/// "+amount" over the envelope: the attention palette's darkest orange (4.5:1 on white).
const OVER_TEXT: &str = ATTENTION[5].0;
/// Outline of the bars: a mid purple of the same scale.
const BAR_EDGE: &str = MAGNITUDE[4].0;

/// Text on an empty risk cell.
const DARK: &str = "#1a1a1a";
/// Opacity of an empty risk cell's fill over white.
const EMPTY_TINT: f64 = 0.3;

/// A slide's size.
pub const SLIDE: (u32, u32) = (1920, 1080);

/// The fill of a part of the spend.
pub fn part_colour(part: Part) -> &'static str {
    match part {
        Part::Capex => MAGNITUDE[5].0,
        Part::ProjectOpex => MAGNITUDE[3].0,
        Part::Run => MAGNITUDE[1].0,
    }
}

/// (fill, text colour) of a risk band.
pub fn band_colour(band: RiskBand) -> (&'static str, &'static str) {
    ATTENTION[1 + band as usize]
}

/// The risk bands as a legend: ("Severe (20–25)", fill, text colour).
pub fn risk_legend() -> Vec<(String, &'static str, &'static str)> {
    RiskBand::ALL
        .iter()
        .map(|&b| {
            let (lo, hi) = b.range();
            let (fill, ink) = band_colour(b);
            (format!("{} ({lo}–{hi})", b.label()), fill, ink)
        })
        .collect()
}

/// Maps layout coordinates to the device: offset, then scale `k`.
pub(crate) struct Pen {
    ox: f64,
    oy: f64,
    k: f64,
    font: f64,
}

impl Pen {
    pub(crate) fn new(ox: f64, oy: f64, k: f64, backend: Backend) -> Pen {
        let k = if k.is_finite() && k > 0.0 { k } else { 1.0 };
        Pen { ox, oy, k, font: backend.font_factor() }
    }

    pub(crate) fn p(&self, x: f64, y: f64) -> (i32, i32) {
        ((self.ox + x * self.k).round() as i32, (self.oy + y * self.k).round() as i32)
    }

    pub(crate) fn width(&self, w: f64) -> u32 {
        ((w * self.k).round() as u32).max(1)
    }

    pub(crate) fn rect<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, r: &Rect, style: ShapeStyle) {
        let _ = root.draw(&Rectangle::new([self.p(r.x, r.y), self.p(r.right(), r.bottom())], style));
    }

    pub(crate) fn line<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        points: &[(f64, f64)],
        colour: &str,
        w: f64,
    ) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| self.p(x, y)).collect();
        let _ = root.draw(&PathElement::new(pts, rgb(colour).stroke_width(self.width(w))));
    }

    pub(crate) fn label<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, l: &Label, colour: &str) {
        let h = match l.anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let style = text_style(l.px * self.k * self.font, rgb(colour), l.bold).pos(Pos::new(h, VPos::Top));
        let (x, y) = l.at();
        let _ = root.draw(&Text::new(l.text.clone(), self.p(x, y), style));
    }
}

/// A closed outline `d` px outside the rectangle.
pub(crate) fn outline(r: &Rect, d: f64) -> Vec<(f64, f64)> {
    let (x0, y0, x1, y1) = (r.x - d, r.y - d, r.right() + d, r.bottom() + d);
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
}

// ---------------------------------------------------------------------------------------
// Finance
// ---------------------------------------------------------------------------------------

fn draw_finance_at<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &FinanceChart, pen: &Pen) {
    for (_, y, label) in &c.ticks {
        pen.line(root, &[(c.plot.x, *y), (c.plot.right(), *y)], GRID, 1.0);
        if let Some(l) = label {
            pen.label(root, l, MUTED);
        }
    }
    for b in &c.bars {
        for s in &b.segments {
            pen.rect(root, &s.rect, rgb(part_colour(s.part)).filled());
        }
        if b.rect.h > 0.0 {
            pen.line(root, &outline(&b.rect, 0.0), BAR_EDGE, 1.0);
        }
        if let Some((x0, x1, y)) = b.envelope_line {
            pen.line(root, &[(x0, y), (x1, y)], INK, 2.5);
        }
        if b.over > 0.0 {
            pen.line(root, &outline(&b.rect, 2.0), VERMILLION, 2.0);
        }
        if let Some(l) = &b.value_label {
            pen.label(root, l, INK);
        }
        if let Some(l) = &b.over_label {
            pen.label(root, l, OVER_TEXT);
        }
    }
    pen.line(root, &[(c.plot.x, c.plot.bottom()), (c.plot.right(), c.plot.bottom())], INK, 1.0);
    for l in c.years.iter().flatten() {
        pen.label(root, l, INK);
    }
    for item in &c.legend {
        let s = &item.swatch;
        match item.key {
            LegendKey::Part(part) => {
                pen.rect(root, s, rgb(part_colour(part)).filled());
                pen.line(root, &outline(s, 0.0), BAR_EDGE, 1.0);
            }
            LegendKey::Envelope => {
                pen.line(root, &[(s.x - 2.0, s.centre().1), (s.right() + 2.0, s.centre().1)], INK, 2.5)
            }
            LegendKey::Over => pen.line(root, &outline(s, -1.0), VERMILLION, 2.0),
        }
        pen.label(root, &item.label, MUTED);
    }
}

/// Draws the finance chart into `root` at scale `k` (the device pixel ratio on a canvas) on
/// a white background; the area should be the chart's size × `k`.
pub fn draw_finance<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &FinanceChart, k: f64, backend: Backend) {
    let _ = root.fill(&WHITE);
    draw_finance_at(root, c, &Pen::new(0.0, 0.0, k, backend));
}

/// The finance chart as SVG, at its own size.
pub fn finance_svg(c: &FinanceChart) -> String {
    svg(c.width.ceil().max(1.0) as u32, c.height.ceil().max(1.0) as u32, |root| {
        draw_finance(root, c, 1.0, Backend::Svg)
    })
}

/// Every fiscal year's figures as a sentence, for the slide's `<desc>` (and any text
/// alternative): "FY27: capex EUR 7.4M of EUR 6.8M, over by EUR 576k; opex EUR 4.5M
/// (project EUR 2.7M, run cost EUR 1.8M) of EUR 4.7M".
pub fn finance_described(years: &[FinanceYear], currency: &str) -> Vec<String> {
    let m = |x: f64| short_money(x, currency);
    years
        .iter()
        .map(|y| {
            let against = |budget: f64, over: f64| {
                let base = if y.has_envelope { format!(" of {}", m(budget)) } else { " (no budget set)".to_string() };
                if over > 0.0 {
                    format!("{base}, over by {}", m(over))
                } else {
                    base
                }
            };
            format!(
                "{}: capex {}{}; opex {} (project {}, run cost {}){}",
                y.label,
                m(y.capex),
                against(y.budget_capex, y.over_capex),
                m(y.opex()),
                m(y.project_opex),
                m(y.run),
                against(y.budget_opex, y.over_opex)
            )
        })
        .collect()
}

/// The room of a slide below its titles and above its note.
const SLIDE_AREA: (f64, f64, f64, f64) = (48.0, 140.0, 1920.0 - 96.0, 1080.0 - 140.0 - 110.0);

fn slide_titles<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, title: &str, subtitle: &str, note: &str) {
    let _ = root.fill(&WHITE);
    let _ = root.draw(&Text::new(title.to_string(), (48, 32), text_style(40.0, rgb(INK), true)));
    let _ = root.draw(&Text::new(subtitle.to_string(), (48, 86), text_style(24.0, rgb(MUTED), false)));
    let (lines, _) = wrap(note, 180, 4);
    for (n, line) in lines.into_iter().enumerate() {
        let y = SLIDE.1 as i32 - 100 + n as i32 * 22;
        let _ = root.draw(&Text::new(line, (48, y), text_style(16.0, rgb(MUTED), false)));
    }
}

/// A 1920 × 1080 slide of capex and opex per fiscal year against the envelope: title,
/// subtitle, the chart, and how it is computed; `<title>` and `<desc>` carry every figure.
pub fn finance_slide_svg(years: &[FinanceYear], currency: &str, title: &str, subtitle: &str) -> String {
    let (left, top, w, h) = SLIDE_AREA;
    let chart = finance_chart(years, &FinanceOptions { width: w, height: h, font_px: 20.0 });
    let note = format!("{YEAR_RULE} {OVER_RULE} Amounts in {}.", currency.trim());
    let out = svg(SLIDE.0, SLIDE.1, |root| {
        slide_titles(root, title, subtitle, &note);
        draw_finance_at(root, &chart, &Pen::new(left, top, 1.0, Backend::Svg));
    });
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&format!("{title} — {subtitle}")),
        escape(&finance_described(years, currency).join("\n"))
    );
    with_head(out, &head)
}

// ---------------------------------------------------------------------------------------
// Risk matrix
// ---------------------------------------------------------------------------------------

fn draw_risk_at<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &RiskMatrixChart,
    selected: Option<(u8, u8)>,
    pen: &Pen,
) {
    for cell in &c.cells {
        let (fill, ink) = band_colour(cell.band);
        // An empty cell is a pale tint of its band, with dark text.
        let (alpha, ink) = if cell.count == 0 { (EMPTY_TINT, DARK) } else { (1.0, ink) };
        pen.rect(root, &cell.rect, rgb(fill).mix(alpha).filled());
        pen.line(root, &outline(&cell.rect, 0.0), "#ffffff", 2.0);
        for l in cell.count_label.iter().chain(cell.score_label.iter()) {
            pen.label(root, l, ink);
        }
    }
    if let Some(cell) = c.cells.iter().find(|x| Some((x.likelihood, x.impact)) == selected) {
        pen.line(root, &outline(&cell.rect, -2.0), INK, 3.0);
    }
    for l in &c.labels {
        pen.label(root, l, if l.bold { INK } else { MUTED });
    }
}

/// Draws the risk matrix into `root` at scale `k` on a white background, the `selected` cell
/// (likelihood, impact) outlined; the area should be the chart's size × `k`.
pub fn draw_risk_matrix<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &RiskMatrixChart,
    selected: Option<(u8, u8)>,
    k: f64,
    backend: Backend,
) {
    let _ = root.fill(&WHITE);
    draw_risk_at(root, c, selected, &Pen::new(0.0, 0.0, k, backend));
}

/// The risk matrix as SVG, at its own size.
pub fn risk_matrix_svg(c: &RiskMatrixChart, selected: Option<(u8, u8)>) -> String {
    svg(c.width.ceil().max(1.0) as u32, c.height.ceil().max(1.0) as u32, |root| {
        draw_risk_matrix(root, c, selected, 1.0, Backend::Svg)
    })
}

/// Every cell holding initiatives, highest score first, with their names: "Likely (4) ×
/// Severe (5) = 20, severe: ERP upgrade, Transport management replacement".
pub fn risk_described(m: &RiskMatrix) -> Vec<String> {
    let mut cells: Vec<(u8, u8)> = (1..=5).flat_map(|l| (1..=5).map(move |i| (l, i))).collect();
    cells.sort_by_key(|&(l, i)| std::cmp::Reverse((l * i, i)));
    cells
        .into_iter()
        .filter(|&(l, i)| m.count(l, i) > 0)
        .map(|(l, i)| {
            let names: Vec<&str> = m.cell(l, i).iter().map(|x| x.name.as_str()).collect();
            format!(
                "{} ({l}) × {} ({i}) = {}, {}: {}",
                LIKELIHOOD[l as usize - 1],
                IMPACT[i as usize - 1],
                l * i,
                RiskBand::of(l * i).label().to_lowercase(),
                names.join(", ")
            )
        })
        .collect()
}

/// A 1920 × 1080 slide of the risk matrix: title, subtitle, the matrix, the bands' legend
/// and how it is computed; `<desc>` lists every initiative by cell.
pub fn risk_slide_svg(m: &RiskMatrix, title: &str, subtitle: &str) -> String {
    let (left, top, _, h) = SLIDE_AREA;
    let chart = risk_matrix_chart(m, &RiskOptions { width: 1200.0, height: h, font_px: 22.0 });
    let total = m.total();
    let out = svg(SLIDE.0, SLIDE.1, |root| {
        slide_titles(root, title, subtitle, MATRIX_RULE);
        draw_risk_at(root, &chart, None, &Pen::new(left, top, 1.0, Backend::Svg));
        // The bands' legend to the right of the matrix, with each band's share.
        let x = (left + chart.grid.right() + 80.0) as i32;
        let mut y = (top + chart.grid.y) as i32;
        let _ = root.draw(&Text::new("Risk score".to_string(), (x, y), text_style(24.0, rgb(INK), true)));
        y += 48;
        for b in RiskBand::ALL.iter().rev() {
            let (lo, hi) = b.range();
            let count: usize = chart.cells.iter().filter(|c| c.band == *b).map(|c| c.count).sum();
            let share = (total > 0).then(|| count as f64 / total as f64);
            let (fill, ink) = band_colour(*b);
            let _ = root.draw(&Rectangle::new([(x, y), (x + 56, y + 40)], rgb(fill).filled()));
            let _ = root.draw(&Text::new(
                count.to_string(),
                (x + 28, y + 8),
                text_style(20.0, rgb(ink), true).pos(Pos::new(HPos::Center, VPos::Top)),
            ));
            let noun = if count == 1 { "initiative" } else { "initiatives" };
            let text = format!("{} {lo}–{hi}: {count} {noun} ({})", b.label(), percent(share));
            let _ = root.draw(&Text::new(text, (x + 72, y + 9), text_style(20.0, rgb(INK), false)));
            y += 56;
        }
    });
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&format!("{title} — {subtitle}")),
        escape(&risk_described(m).join("\n"))
    );
    with_head(out, &head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::portfolio::finance::finance_years;
    use crate::domain::portfolio::risk::risk_matrix;
    use std::sync::Arc;

    /// The contents of the SVG's `<text>` elements.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
            .collect()
    }

    fn render_at(c: &FinanceChart, k: f64, backend: Backend) -> String {
        svg((c.width * k).ceil() as u32, (c.height * k).ceil() as u32, |root| draw_finance(root, c, k, backend))
    }

    #[test]
    fn the_finance_chart_writes_every_value_and_marks_the_over_budget_year() {
        let years = finance_years(&demo_roadmap());
        let c = finance_chart(&years, &FinanceOptions::default());
        let out = finance_svg(&c);
        assert!(out.starts_with("<svg") && out.trim_end().ends_with("</svg>"));
        let t = texts(&out);
        for b in &c.bars {
            assert!(t.contains(&b.value_label.as_ref().unwrap().text), "{:?} {:?}", b.kind, b.value_label);
        }
        assert!(t.contains(&"+576k".to_string()) && t.contains(&"FY27".to_string()));
        assert!(t.iter().any(|x| x == "Over the envelope: +amount") && t.contains(&"8M".to_string()));
        // One vermillion outline (the over bar) and one in the legend.
        let lower = out.to_lowercase();
        assert_eq!(lower.matches(&format!("stroke=\"{VERMILLION}\"")).count(), 2);
        // Background + segments + the three part swatches.
        let segments: usize = c.bars.iter().map(|b| b.segments.len()).sum();
        assert_eq!(out.matches("<rect").count(), 1 + segments + 3);
        // The canvas path at a device pixel ratio of 2 draws the same elements.
        let big = render_at(&c, 2.0, Backend::Canvas);
        assert_eq!(big.matches("<rect").count(), out.matches("<rect").count());
        assert_eq!(texts(&big), t);
    }

    #[test]
    fn described_years_by_hand() {
        let years = finance_years(&demo_roadmap());
        let lines = finance_described(&years, "EUR");
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("FY27: capex EUR 7.4M of EUR 6.8M, over by EUR 576k; opex "), "{}", lines[1]);
        assert!(lines[1].ends_with("of EUR 4.7M"), "{}", lines[1]);
        let mut r = demo_roadmap();
        r.budgets.clear();
        let lines = finance_described(&finance_years(&r), "EUR");
        assert!(lines[0].contains("(no budget set), over by"), "{}", lines[0]);
    }

    #[test]
    fn slides_escape_hostile_text() {
        let hostile = "<script>alert(1)</script>";
        let mut r = demo_roadmap();
        let at = r.initiatives.iter().position(|i| i.id == "ini-erp").unwrap();
        Arc::make_mut(&mut r.initiatives[at]).name = hostile.into();
        let years = finance_years(&r);
        for out in [
            finance_slide_svg(&years, "EUR", hostile, "Capex & opex"),
            risk_slide_svg(&risk_matrix(&r), hostile, "Open initiatives"),
        ] {
            assert!(out.contains("width=\"1920\"") && out.contains("height=\"1080\""));
            assert!(!out.contains("<script"), "markup stays text");
            assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(out.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; — "));
            assert_eq!(out.matches("<text").count(), out.matches("</text>").count());
            assert!(out.contains("<desc>") && out.trim_end().ends_with("</svg>"));
        }
        let slide = finance_slide_svg(&years, "EUR", "Nordhaven", "Capex & opex");
        let desc = &slide[slide.find("<desc>").unwrap()..slide.find("</desc>").unwrap()];
        for line in finance_described(&years, "EUR") {
            assert!(desc.contains(&escape(&line)), "{line}");
        }
        let risk = risk_slide_svg(&risk_matrix(&r), "Nordhaven", "Risk");
        let desc = &risk[risk.find("<desc>").unwrap()..risk.find("</desc>").unwrap()];
        assert!(desc.contains("Likely (4) × Severe (5) = 20, severe: &lt;script&gt;alert(1)&lt;/script&gt;, Transport management replacement"), "{desc}");
    }

    #[test]
    fn the_risk_matrix_shows_counts_and_the_selection() {
        let m = risk_matrix(&demo_roadmap());
        let c = risk_matrix_chart(&m, &RiskOptions::default());
        let out = risk_matrix_svg(&c, None);
        // Background and 25 cells.
        assert_eq!(out.matches("<rect").count(), 26);
        let t = texts(&out);
        let counts: usize =
            c.cells.iter().filter_map(|x| x.count_label.as_ref()).map(|l| l.text.parse::<usize>().unwrap()).sum();
        assert_eq!(counts, m.total());
        assert!(t.contains(&"Likelihood".to_string()) && t.contains(&"Impact".to_string()));
        // Empty cells are tinted and show no number; the 25 scores are written.
        let empty = c.cells.iter().filter(|x| x.count == 0).count();
        assert!(empty > 10 && out.matches("opacity=\"0.3\"").count() == empty, "{empty}");
        assert_eq!(t.len(), c.all_labels().len());
        assert!(c.cells.iter().all(|x| x.score_label.is_some()));
        let ink = format!("stroke=\"{INK}\"").to_lowercase();
        assert!(!out.to_lowercase().contains(&format!("{ink} stroke-width=\"3\"")));
        let picked = risk_matrix_svg(&c, Some((4, 5))).to_lowercase();
        assert!(picked.contains(&format!("{ink} stroke-width=\"3\"")), "the selected cell is outlined");
        // Cells take their band's colours.
        for cell in &c.cells {
            assert_eq!(band_colour(cell.band), ATTENTION[1 + cell.band as usize]);
        }
        let legend = risk_legend();
        assert_eq!(legend[4].0, "Severe (20–25)");
    }

    #[test]
    fn risk_bands_match_the_timeline_colouring() {
        use crate::charts::timeline::RISK_BANDS;
        for (band, (name, lo, hi)) in RiskBand::ALL.iter().zip(RISK_BANDS) {
            assert_eq!((band.label(), band.range()), (name, (lo, hi)));
        }
    }

    /// WCAG 2 contrast ratio of two "#rrggbb" colours, the first `alpha` over white.
    fn contrast(fill: &str, alpha: f64, text: &str) -> f64 {
        let lum = |c: RGBColor, a: f64| {
            let ch = |v: u8| {
                let v = (a * v as f64 + (1.0 - a) * 255.0) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
        };
        let (x, y) = (lum(rgb(fill), alpha), lum(rgb(text), 1.0));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_has_enough_contrast() {
        for b in RiskBand::ALL {
            let (fill, ink) = band_colour(b);
            assert!(contrast(fill, 1.0, ink) >= 4.5, "{ink} on {fill}");
            assert!(contrast(fill, EMPTY_TINT, DARK) >= 4.5, "{DARK} on pale {fill}");
        }
        for text in [INK, MUTED, OVER_TEXT] {
            assert!(contrast("#ffffff", 1.0, text) >= 4.5, "{text} on white");
        }
        // Graphical parts against the page: the bar outline and the envelope line (3:1).
        assert!(contrast("#ffffff", 1.0, BAR_EDGE) >= 3.0 && contrast("#ffffff", 1.0, VERMILLION) >= 3.0);
    }

    #[test]
    fn parts_have_distinct_colours() {
        let fills = [Part::Capex, Part::ProjectOpex, Part::Run].map(part_colour);
        assert!(fills[0] != fills[1] && fills[1] != fills[2] && fills[0] != fills[2]);
        assert_eq!(OVER_TEXT, "#b35806");
    }
}
