//! Lifecycles: the phase of an application at a month, and the lifecycle in effect once the
//! initiatives' introductions, retirements and replacements are applied (docs/landscape.md).

use super::model::{Change, Lifecycle, Phase};
use crate::domain::calendar::Month;
use crate::domain::model::{Roadmap, Status};

/// The phase an application is in at month `m`.
///
/// 1. It is the last phase (in the order plan, phase-in, active, phase-out, end of life)
///    whose start month is at or before `m`.
/// 2. Before its first dated phase, an application whose first dated phase is phase-out or
///    end of life is active (it exists; only its end is planned); one whose first dated
///    phase is plan, phase-in or active does not exist yet: `None`.
/// 3. An application with no dates at all is active: it is in the inventory.
pub fn phase_at(l: &Lifecycle, m: Month) -> Option<Phase> {
    let starts = l.starts();
    let mut current = None;
    for (phase, start) in Phase::ALL.into_iter().zip(starts) {
        if start.is_some_and(|s| s <= m) {
            current = Some(phase);
        }
    }
    if current.is_some() {
        return current;
    }
    let first = Phase::ALL.into_iter().zip(starts).find(|(_, s)| s.is_some()).map(|(p, _)| p);
    match first {
        None | Some(Phase::PhaseOut | Phase::EndOfLife) => Some(Phase::Active),
        Some(_) => None,
    }
}

/// Whether the application runs at `m` (phase-in, active or phase-out): it costs its run
/// cost and its technologies matter.
pub fn runs_at(l: &Lifecycle, m: Month) -> bool {
    phase_at(l, m).is_some_and(Phase::runs)
}

/// Whether the application is past its end of life at `m`: its end of life is set and `m`
/// is that month or later.
pub fn past_end_of_life(l: &Lifecycle, m: Month) -> bool {
    l.end_of_life.is_some_and(|e| e <= m)
}

/// The month a change takes effect: its own month, or its initiative's end. `None` when the
/// initiative does not exist, is cancelled, or is undated and the change has no month.
pub fn change_month(r: &Roadmap, c: &Change) -> Option<Month> {
    let i = r.initiative(&c.initiative)?;
    if i.status == Status::Cancelled {
        return None;
    }
    c.month.or(i.end)
}

/// Retiring at `m`: end of life from `m` (or earlier, if it was already planned earlier).
pub fn retire(l: &mut Lifecycle, m: Month) {
    l.end_of_life = Some(l.end_of_life.map_or(m, |e| e.min(m)));
}

/// Introducing at `m`: active from `m`.
pub fn introduce(l: &mut Lifecycle, m: Month) {
    l.active = Some(m);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn life(dates: [Option<&str>; 5]) -> Lifecycle {
        let d = dates.map(|d| d.map(m));
        Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] }
    }

    #[test]
    fn the_phase_is_the_last_one_started() {
        let l = life([Some("2025-01"), Some("2025-06"), Some("2026-01"), Some("2028-01"), Some("2029-01")]);
        let at = |s| phase_at(&l, m(s));
        assert_eq!(at("2024-12"), None, "not planned yet");
        assert_eq!(at("2025-01"), Some(Phase::Plan));
        assert_eq!(at("2025-06"), Some(Phase::PhaseIn));
        assert_eq!(at("2027-12"), Some(Phase::Active));
        assert_eq!(at("2028-01"), Some(Phase::PhaseOut));
        assert_eq!(at("2029-01"), Some(Phase::EndOfLife));
        assert_eq!(at("2040-01"), Some(Phase::EndOfLife));
        assert!(runs_at(&l, m("2025-06")) && !runs_at(&l, m("2025-05")) && !runs_at(&l, m("2029-01")));
        assert!(past_end_of_life(&l, m("2029-01")) && !past_end_of_life(&l, m("2028-12")));
    }

    #[test]
    fn missing_phases_are_skipped_and_undated_starts_are_guessed() {
        assert_eq!(phase_at(&Lifecycle::default(), m("2026-01")), Some(Phase::Active), "no dates: in use");
        let ending = life([None, None, None, None, Some("2027-06")]);
        assert_eq!(phase_at(&ending, m("2020-01")), Some(Phase::Active), "only its end is planned");
        assert_eq!(phase_at(&ending, m("2027-06")), Some(Phase::EndOfLife));
        let fading = life([None, None, None, Some("2027-01"), None]);
        assert_eq!(phase_at(&fading, m("2026-12")), Some(Phase::Active));
        assert_eq!(phase_at(&fading, m("2099-12")), Some(Phase::PhaseOut));
        let future = life([None, None, Some("2027-01"), None, None]);
        assert_eq!(phase_at(&future, m("2026-12")), None, "goes live later");
        assert_eq!(phase_at(&future, m("2027-01")), Some(Phase::Active));
        let no_active = life([None, Some("2026-01"), None, Some("2027-01"), None]);
        assert_eq!(phase_at(&no_active, m("2026-06")), Some(Phase::PhaseIn));
    }

    #[test]
    fn retiring_and_introducing() {
        let mut l = life([None, None, Some("2020-01"), None, Some("2030-01")]);
        retire(&mut l, m("2027-04"));
        assert_eq!(l.end_of_life, Some(m("2027-04")));
        retire(&mut l, m("2028-01"));
        assert_eq!(l.end_of_life, Some(m("2027-04")), "an earlier end stays");
        let mut new = life([Some("2026-01"), Some("2026-06"), Some("2026-09"), None, None]);
        introduce(&mut new, m("2027-01"));
        assert_eq!(phase_at(&new, m("2026-12")), Some(Phase::PhaseIn));
        assert_eq!(phase_at(&new, m("2027-01")), Some(Phase::Active));
    }

    proptest! {
        /// Phases never go backwards as time goes on (for lifecycles in order), and once
        /// past its end of life an application stays there.
        #[test]
        fn phases_only_move_forward(
            starts in proptest::collection::vec(proptest::option::of(0..120i32), 5),
            a in 0..140i32,
            b in 0..140i32,
        ) {
            let base = m("2020-01");
            // Put the typed starts in order, as validation demands.
            let mut last = i32::MIN;
            let d: Vec<Option<Month>> = starts.iter().map(|s| s.map(|s| { last = last.max(s); base.plus(last) })).collect();
            let l = Lifecycle { plan: d[0], phase_in: d[1], active: d[2], phase_out: d[3], end_of_life: d[4] };
            let (early, late) = (base.plus(a.min(b)), base.plus(a.max(b)));
            let rank = |p: Option<Phase>| p.map_or(-1, |p| p as i32);
            prop_assert!(rank(phase_at(&l, early)) <= rank(phase_at(&l, late)));
            if past_end_of_life(&l, early) {
                prop_assert_eq!(phase_at(&l, late), Some(Phase::EndOfLife));
            }
            // Retiring never makes the end later, and the application does not run after it.
            let mut r = l;
            retire(&mut r, early);
            prop_assert!(!runs_at(&r, late));
        }
    }
}
