//! Colour palettes: the heatmap's attention and magnitude scales, also used by the other
//! charts for risk and amounts, and the colours of a metric's scale steps.

use crate::domain::heatmap::{Metric, Scale};

const DARK: &str = "#1a1a1a";
const WHITE: &str = "#ffffff";

/// Attention scale, step 0 (no attention) to 5 (most attention), diverging blue → orange.
/// Blue steps from ColorBrewer "Blues", orange steps from ColorBrewer "PuOr" (Cynthia
/// Brewer, colorbrewer2.org; both marked colour-blind safe). Blue against orange stays
/// distinct in every common colour-vision deficiency; the value is also written in the box.
pub const ATTENTION: [(&str, &str); 6] = [
    ("#08519c", WHITE),
    ("#2171b5", WHITE),
    ("#9ecae1", DARK),
    ("#fdb863", DARK),
    ("#e08214", DARK),
    ("#b35806", WHITE),
];

/// Magnitude scale, light (least) to dark (most): ColorBrewer "Purples", 6 classes — a hue
/// of its own, so that it is not read as the blue "no attention" end of [`ATTENTION`].
pub const MAGNITUDE: [(&str, &str); 6] = [
    ("#f2f0f7", DARK),
    ("#dadaeb", DARK),
    ("#bcbddc", DARK),
    ("#9e9ac8", DARK),
    ("#756bb1", WHITE),
    ("#54278f", WHITE),
];

/// The colours of a [`Scale`]: fills in six steps, each with a text colour of WCAG contrast
/// at least 4.5:1 on it. Maturity, gap and risk use [`ATTENTION`] (orange where attention is
/// needed); importance, investment and initiatives use [`MAGNITUDE`].
pub trait ScaleColours {
    /// The six (fill, text colour) pairs this metric is drawn in.
    fn palette(&self) -> &'static [(&'static str, &'static str); 6];
    /// (fill, text colour) for a value.
    fn colour(&self, value: f64) -> (&'static str, &'static str);
    /// The legend, in increasing value: (label, fill, text colour); see
    /// [`Scale::legend_labels`].
    fn legend(&self, currency: &str) -> Vec<(String, &'static str, &'static str)>;
}

impl ScaleColours for Scale {
    fn palette(&self) -> &'static [(&'static str, &'static str); 6] {
        match self.metric {
            Metric::Importance | Metric::Investment | Metric::Initiatives => &MAGNITUDE,
            _ => &ATTENTION,
        }
    }

    fn colour(&self, value: f64) -> (&'static str, &'static str) {
        self.palette()[self.step(value)]
    }

    fn legend(&self, currency: &str) -> Vec<(String, &'static str, &'static str)> {
        self.legend_labels(currency)
            .into_iter()
            .map(|(label, value)| {
                let (fill, text) = self.colour(value);
                (label, fill, text)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::heatmap::attention_is_high;

    /// WCAG 2 relative luminance of "#rrggbb".
    fn luminance(hex: &str) -> f64 {
        let channel = |k: usize| {
            let c = u8::from_str_radix(&hex[1 + 2 * k..3 + 2 * k], 16).unwrap() as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_colours_have_enough_contrast() {
        for (fill, text) in ATTENTION.iter().chain(&MAGNITUDE) {
            let ratio = contrast(fill, text);
            assert!(ratio >= 4.5, "{text} on {fill}: {ratio:.2}");
        }
        // Magnitude gets darker step by step; attention is darkest at both ends.
        let l: Vec<f64> = MAGNITUDE.iter().map(|(f, _)| luminance(f)).collect();
        assert!(l.windows(2).all(|w| w[0] > w[1]), "{l:?}");
        let a: Vec<f64> = ATTENTION.iter().map(|(f, _)| luminance(f)).collect();
        assert!(a[0] < a[1] && a[1] < a[2] && a[3] > a[4] && a[4] > a[5], "{a:?}");
    }

    #[test]
    fn scales_are_monotone_and_legends_match() {
        for metric in Metric::ALL {
            let values = [0.0, 3.0, 1_234_567.0, 17.0];
            let scale = Scale::for_values(metric, values.into_iter());
            let (lo, hi) = (scale.min - 1.0, scale.max + 1.0);
            let mut last = None;
            for k in 0..=200 {
                let v = lo + (hi - lo) * k as f64 / 200.0;
                // Steps follow attention: up with the value, or down for maturity.
                let s = scale.step(v) as i32 * if attention_is_high(metric) { 1 } else { -1 };
                assert!(last.is_none_or(|l| s >= l), "{metric:?} at {v}");
                last = Some(s);
            }
            let legend = scale.legend("EUR");
            let expected = match metric {
                Metric::Importance => 5,
                Metric::Risk => 4,
                _ => 6,
            };
            assert_eq!(legend.len(), expected, "{metric:?}");
            let fills: Vec<&str> = legend.iter().map(|e| e.1).collect();
            let mut distinct = fills.clone();
            distinct.dedup();
            assert_eq!(distinct.len(), fills.len(), "{metric:?}: {fills:?}");
            assert!(legend.iter().all(|(_, f, t)| scale.palette().contains(&(*f, *t))));
        }
        let maturity = Scale::for_values(Metric::CurrentMaturity, std::iter::empty());
        let legend = maturity.legend("EUR");
        assert_eq!(legend.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["0", "1", "2", "3", "4", "5"]);
        assert_eq!((legend[0].1, legend[5].1), (ATTENTION[5].0, ATTENTION[0].0));
        assert_eq!(maturity.colour(2.4), maturity.colour(2.0));
        let gap = Scale::for_values(Metric::Gap, std::iter::empty());
        assert_eq!(gap.legend("EUR")[0].0, "0 or less");
        assert_eq!((gap.colour(-3.0), gap.colour(5.0)), (ATTENTION[0], ATTENTION[5]));
        let risk = Scale::for_values(Metric::Risk, std::iter::empty());
        assert_eq!(
            risk.legend("EUR").iter().map(|e| e.1).collect::<Vec<_>>(),
            ["#08519c", "#9ecae1", "#fdb863", "#b35806"]
        );
    }

    #[test]
    fn ranged_scales() {
        let money = Scale::for_values(Metric::Investment, [1_130_000.0, 20.0].into_iter());
        assert_eq!((money.min, money.max), (0.0, 1_200_000.0));
        let labels: Vec<String> = money.legend("EUR").into_iter().map(|e| e.0).collect();
        assert_eq!(
            labels,
            ["EUR 0–200k", "EUR 200k–400k", "EUR 400k–600k", "EUR 600k–800k", "EUR 800k–1M", "EUR 1M–1.2M"]
        );
        assert_eq!(money.colour(199_999.0), MAGNITUDE[0]);
        assert_eq!(money.colour(200_000.0), MAGNITUDE[1]);
        assert_eq!(money.colour(1_200_000.0), MAGNITUDE[5]);
        let count = Scale::for_values(Metric::Initiatives, [5.0, 0.0].into_iter());
        let labels: Vec<String> = count.legend("EUR").into_iter().map(|e| e.0).collect();
        assert_eq!(labels, ["0", "1", "2", "3", "4", "5"]);
        assert_eq!(count.colour(5.0), MAGNITUDE[5]);
        let count = Scale::for_values(Metric::Initiatives, [7.0].into_iter());
        let labels: Vec<String> = count.legend("EUR").into_iter().map(|e| e.0).collect();
        assert_eq!(labels, ["0–1", "2–3", "4–5", "6–7", "8–9", "10–11"]);
        assert_eq!((count.colour(7.0), count.colour(1.0)), (MAGNITUDE[3], MAGNITUDE[0]));
        let none = Scale::for_values(Metric::Investment, [0.0, 0.0].into_iter());
        assert_eq!(none.legend("USD"), vec![("USD 0".to_string(), MAGNITUDE[0].0, MAGNITUDE[0].1)]);
        assert_eq!(none.colour(0.0), MAGNITUDE[0]);
    }
}
