//! Dispositions by Gartner's TIME model: Tolerate, Invest, Migrate, Eliminate, suggested
//! from an application's functional and technical fit (1–4 each), and overridable.
//!
//! A fit of 3 or 4 is **high**, 1 or 2 is **low** ([`HIGH_FIT`]):
//!
//! | technical fit | functional fit high | functional fit low |
//! |---|---|---|
//! | high | Invest | Tolerate |
//! | low  | Migrate | Eliminate |
//!
//! Without both fits there is no suggestion. A disposition chosen by a person that differs
//! from the suggestion is a contradiction, with a reason saying which fit does not match.

use super::model::{Application, Disposition};

/// The lowest fit counted as high.
pub const HIGH_FIT: u8 = 3;

fn high(fit: u8) -> bool {
    fit >= HIGH_FIT
}

/// The disposition the fits suggest; `None` unless both fits are set.
pub fn suggest(functional_fit: Option<u8>, technical_fit: Option<u8>) -> Option<Disposition> {
    let (f, t) = (high(functional_fit?), high(technical_fit?));
    Some(match (t, f) {
        (true, true) => Disposition::Invest,
        (false, true) => Disposition::Migrate,
        (true, false) => Disposition::Tolerate,
        (false, false) => Disposition::Eliminate,
    })
}

/// The fits a disposition expects: (functional fit high, technical fit high).
fn expects(d: Disposition) -> (bool, bool) {
    match d {
        Disposition::Invest => (true, true),
        Disposition::Migrate => (true, false),
        Disposition::Tolerate => (false, true),
        Disposition::Eliminate => (false, false),
    }
}

/// An application's disposition: suggested, chosen, in effect, and why a choice contradicts
/// the fits.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Assessment {
    pub suggested: Option<Disposition>,
    pub chosen: Option<Disposition>,
    /// The chosen disposition, else the suggested one.
    pub effective: Option<Disposition>,
    /// Why the chosen disposition contradicts the fits; `None` when it does not.
    pub contradiction: Option<String>,
}

pub fn assess(a: &Application) -> Assessment {
    let suggested = suggest(a.functional_fit, a.technical_fit);
    let chosen = a.disposition;
    let contradiction = match (chosen, suggested, a.functional_fit, a.technical_fit) {
        (Some(c), Some(s), Some(f), Some(t)) if c != s => Some(reason(c, s, f, t)),
        _ => None,
    };
    Assessment { suggested, chosen, effective: chosen.or(suggested), contradiction }
}

/// "Invest is chosen, but the technical fit is 2 (low; Invest expects 3 or 4). The fits
/// suggest Migrate."
fn reason(chosen: Disposition, suggested: Disposition, f: u8, t: u8) -> String {
    let (want_f, want_t) = expects(chosen);
    let name = chosen.label();
    let part = |what: &str, fit: u8, want_high: bool| {
        let (is, wants) = if want_high { ("low", "3 or 4") } else { ("high", "1 or 2") };
        format!("the {what} fit is {fit} ({is}; {name} expects {wants})")
    };
    let mut parts = Vec::new();
    if high(f) != want_f {
        parts.push(part("functional", f, want_f));
    }
    if high(t) != want_t {
        parts.push(part("technical", t, want_t));
    }
    format!("{name} is chosen, but {}. The fits suggest {}.", parts.join(" and "), suggested.label())
}

/// How the TIME chart places applications: by technical fit (x, 1–4) and functional fit
/// (y, 1–4), the bubble of a cell sized by the run cost per year of its applications.
pub const TIME_RULE: &str = "Each application running at the chosen month is placed by its technical fit (across) and \
functional fit (up), 1 to 4; 3 and 4 count as high. The quadrants are the dispositions the fits suggest: Invest \
(both high), Tolerate (technical high, functional low), Migrate (functional high, technical low), Eliminate (both \
low). A bubble's area is the yearly run cost of the applications in its cell; applications without both fits are \
listed as not assessed.";

/// The applications of one cell of the TIME chart.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct TimeCell {
    /// Indexes of the applications, in landscape order.
    pub applications: Vec<usize>,
    pub run_cost_per_year: f64,
}

/// The TIME chart's figures: 4 × 4 cells and the applications not assessed.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct TimeGrid {
    /// `cells[functional - 1][technical - 1]`.
    pub cells: [[TimeCell; 4]; 4],
    pub not_assessed: Vec<usize>,
}

impl TimeGrid {
    pub fn cell(&self, functional: u8, technical: u8) -> &TimeCell {
        &self.cells[functional as usize - 1][technical as usize - 1]
    }
    /// The largest run cost of a cell (0 when all are empty).
    pub fn largest_cost(&self) -> f64 {
        self.cells.iter().flatten().map(|c| c.run_cost_per_year).fold(0.0, f64::max)
    }
    pub fn assessed(&self) -> usize {
        self.cells.iter().flatten().map(|c| c.applications.len()).sum()
    }
}

impl super::Analysis<'_> {
    /// The TIME chart of the applications running at `m`.
    pub fn time_grid(&self, m: crate::domain::calendar::Month) -> TimeGrid {
        let mut g = TimeGrid::default();
        for (k, a) in self.applications().iter().enumerate() {
            if !self.runs_at(k, m) {
                continue;
            }
            match (a.functional_fit, a.technical_fit) {
                (Some(f @ 1..=4), Some(t @ 1..=4)) => {
                    let cell = &mut g.cells[f as usize - 1][t as usize - 1];
                    cell.applications.push(k);
                    cell.run_cost_per_year += a.run_cost_per_year;
                }
                _ => g.not_assessed.push(k),
            }
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Disposition::*;

    #[test]
    fn time_quadrants_and_threshold() {
        assert_eq!(suggest(Some(4), Some(4)), Some(Invest));
        assert_eq!(suggest(Some(3), Some(3)), Some(Invest), "3 is high");
        assert_eq!(suggest(Some(3), Some(2)), Some(Migrate), "2 is low");
        assert_eq!(suggest(Some(2), Some(3)), Some(Tolerate));
        assert_eq!(suggest(Some(1), Some(1)), Some(Eliminate));
        assert_eq!(suggest(None, Some(4)), None);
        assert_eq!(suggest(Some(4), None), None);
    }

    #[test]
    fn a_contradicting_choice_says_why() {
        let app =
            |f, t, d| Application { functional_fit: f, technical_fit: t, disposition: d, ..Application::default() };
        let a = assess(&app(Some(4), Some(2), Some(Invest)));
        assert_eq!((a.suggested, a.effective), (Some(Migrate), Some(Invest)));
        assert_eq!(
            a.contradiction.as_deref(),
            Some(
                "Invest is chosen, but the technical fit is 2 (low; Invest expects 3 or 4). The fits suggest Migrate."
            )
        );
        let a = assess(&app(Some(1), Some(2), Some(Invest)));
        assert_eq!(
            a.contradiction.as_deref(),
            Some(
                "Invest is chosen, but the functional fit is 1 (low; Invest expects 3 or 4) and the technical fit \
                 is 2 (low; Invest expects 3 or 4). The fits suggest Eliminate."
            )
        );
        let a = assess(&app(Some(4), Some(4), Some(Eliminate)));
        assert!(a.contradiction.unwrap().contains("the functional fit is 4 (high; Eliminate expects 1 or 2)"));
        // Agreeing, unassessed or not chosen: no contradiction.
        assert_eq!(assess(&app(Some(4), Some(4), Some(Invest))).contradiction, None);
        assert_eq!(assess(&app(None, Some(4), Some(Eliminate))).contradiction, None);
        let a = assess(&app(Some(2), Some(4), None));
        assert_eq!((a.effective, a.contradiction), (Some(Tolerate), None));
    }

    #[test]
    fn the_time_grid_places_running_applications_by_fit() {
        let r = crate::domain::demo::demo_roadmap();
        let a = super::super::Analysis::new(&r);
        let at = crate::domain::calendar::Month { year: 2027, month: 1 };
        let g = a.time_grid(at);
        let running = (0..a.applications().len()).filter(|&k| a.runs_at(k, at)).count();
        assert_eq!(g.assessed() + g.not_assessed.len(), running, "every running application once");
        let ecc = a.apps()["app-ecc"];
        assert!(g.cell(3, 1).applications.contains(&ecc), "SAP ECC: functional 3, technical 1");
        let total: f64 = g.cells.iter().flatten().map(|c| c.run_cost_per_year).sum();
        let assessed_cost: f64 = g
            .cells
            .iter()
            .flatten()
            .flat_map(|c| &c.applications)
            .map(|&k| a.applications()[k].run_cost_per_year)
            .sum();
        assert!((total - assessed_cost).abs() < 1e-6);
        assert!(g.largest_cost() >= g.cell(3, 1).run_cost_per_year);
        // Applications not running at the month are not on the chart.
        assert_eq!(a.time_grid(crate::domain::calendar::Month { year: 1990, month: 1 }).assessed(), 0);
    }

    proptest! {
        /// The suggestion never contradicts itself, and every other choice does, with a reason.
        #[test]
        fn only_the_suggestion_agrees(f in 1..=4u8, t in 1..=4u8, pick in 0..4usize) {
            let suggested = suggest(Some(f), Some(t)).unwrap();
            let chosen = Disposition::ALL[pick];
            let a = assess(&Application { functional_fit: Some(f), technical_fit: Some(t), disposition: Some(chosen), ..Application::default() });
            prop_assert_eq!(a.contradiction.is_some(), chosen != suggested);
            prop_assert_eq!(expects(suggested), (f >= HIGH_FIT, t >= HIGH_FIT));
        }
    }
}
