//! Charts drawn with plotters' SVG backend from geometry computed in `layout` (which places
//! what `domain` computes).
//!
//! Plain Rust, no web code: the same SVG goes into the page and into exports, and the host
//! tests read it. plotters escapes `< > & " '` in text, so user text never becomes markup
//! (tested with hostile names).
//!
//! Why SVG rather than a canvas: the map stays sharp at any zoom and on a projector, the
//! export is the very picture on screen, and hit-testing uses the same rectangles the SVG
//! draws (the view places one transparent, focusable button over each tile).

pub mod heatmap;
pub mod landscape;
pub mod portfolio;
pub mod scoring;
pub mod slides;
pub mod timeline;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A `#rrggbb` colour; anything else is mid grey.
pub fn rgb(hex: &str) -> RGBColor {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(128);
    if h.len() == 6 {
        RGBColor(byte(0), byte(2), byte(4))
    } else {
        RGBColor(128, 128, 128)
    }
}

/// Where a drawing goes: plotters' SVG backend writes `font-size` as size / 1.24 (which
/// [`text_style`] undoes); its canvas backend uses the size as given.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backend {
    Svg,
    Canvas,
}

impl Backend {
    /// Multiplies font sizes given to [`text_style`] for this backend.
    pub fn font_factor(self) -> f64 {
        match self {
            Backend::Svg => 1.0,
            Backend::Canvas => 1.0 / 1.24,
        }
    }
}

/// Escapes text for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if not_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The system font stack the page uses, for SVG text.
pub const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

/// Text style at `px` pixels. plotters writes `font-size` as size / 1.24; this undoes it.
pub fn text_style(px: f64, colour: RGBColor, bold: bool) -> TextStyle<'static> {
    let font = (FONT, px * 1.24).into_font();
    let font = if bold { font.style(FontStyle::Bold) } else { font };
    font.color(&colour).pos(Pos::new(HPos::Left, VPos::Top))
}

/// Draws into an SVG string of `width` × `height` pixels.
pub fn svg(width: u32, height: u32, draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root);
        let _ = root.present();
    }
    // Plotters escapes markup in text but passes control characters through, and XML
    // cannot hold them: a name with one would make the whole file unreadable.
    if out.chars().any(not_xml) {
        out.retain(|c| !not_xml(c));
    }
    out
}

/// Characters XML 1.0 does not allow (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF).
fn not_xml(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn colours_parse() {
        assert_eq!(super::rgb("#08519c"), plotters::style::RGBColor(8, 81, 156));
        assert_eq!(super::rgb("oops"), plotters::style::RGBColor(128, 128, 128));
    }

    #[test]
    fn escape_covers_markup_and_control_characters() {
        assert_eq!(
            super::escape("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn text_is_escaped() {
        use plotters::prelude::*;
        let out = super::svg(100, 50, |root| {
            let style = super::text_style(12.0, BLACK, false);
            root.draw(&Text::new("<img src=x onerror=alert(1)> & \"q\"", (1, 1), style)).unwrap();
        });
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt; &amp;"), "{out}");
    }
}
