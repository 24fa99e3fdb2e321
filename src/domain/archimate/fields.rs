//! Cairn's fields as ArchiMate properties: the property names (the export writes exactly
//! these, the import reads them), and how their values are written and read.
//!
//! Names are matched ignoring case, surrounding spaces, and the difference between a space,
//! `_` and `-`: "Run cost per year", "run_cost_per_year" and "RUN-COST-PER-YEAR" are the
//! same property. Values:
//!
//! - numbers are plain decimals (`250000`, `40000.25`); on import spaces, `'` and `_` are
//!   ignored, a comma is a thousands separator when followed by groups of three digits
//!   (`1,500,000`) or when a point is also present (`1,500.50`), and a decimal comma
//!   otherwise (`3,5`);
//! - months are `YYYY-MM` (`2026-03`); on import a date `YYYY-MM-DD` is read as its month;
//! - status and risk are Cairn's labels ("In progress", "High"), any case;
//! - a milestone is its name followed by its month in brackets, `Pilot (2026-06)`, or its name
//!   alone when it has no month;
//! - lists (compliance tags, vendors, milestones) are one property per entry, repeated.

use crate::domain::calendar::Month;
use crate::domain::model::{Capability, Goal, Initiative, Milestone, Risk, Roadmap, Status};

/// A field of a goal, capability or initiative that travels as a property.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Field {
    Theme,
    Weight,
    Owner,
    Kpi,
    KpiBaseline,
    KpiTarget,
    KpiUnit,
    KpiDue,
    Area,
    CurrentMaturity,
    TargetMaturity,
    Importance,
    Risk,
    Compliance,
    Sponsor,
    Status,
    Start,
    End,
    Milestone,
    Capex,
    Opex,
    RunCostPerYear,
    Fte,
    Vendor,
    RiskLikelihood,
    RiskImpact,
    BusinessValue,
    TimeCriticality,
    RiskReduction,
    JobSize,
    FundingLock,
}

/// The goal's fields, in the order the export writes them.
pub const GOAL_FIELDS: [Field; 8] = {
    use Field::*;
    [Theme, Weight, Owner, Kpi, KpiBaseline, KpiTarget, KpiUnit, KpiDue]
};

/// The capability's fields, in the order the export writes them.
pub const CAPABILITY_FIELDS: [Field; 6] = {
    use Field::*;
    [Area, CurrentMaturity, TargetMaturity, Importance, Risk, Compliance]
};

/// The initiative's fields, in the order the export writes them.
pub const INITIATIVE_FIELDS: [Field; 19] = {
    use Field::*;
    [
        Owner,
        Sponsor,
        Status,
        Start,
        End,
        Milestone,
        Capex,
        Opex,
        RunCostPerYear,
        Fte,
        Vendor,
        RiskLikelihood,
        RiskImpact,
        Compliance,
        BusinessValue,
        TimeCriticality,
        RiskReduction,
        JobSize,
        FundingLock,
    ]
};

impl Field {
    /// The property name.
    pub fn name(self) -> &'static str {
        use Field::*;
        match self {
            Theme => "Theme",
            Weight => "Weight",
            Owner => "Owner",
            Kpi => "KPI",
            KpiBaseline => "KPI baseline",
            KpiTarget => "KPI target",
            KpiUnit => "KPI unit",
            KpiDue => "KPI due",
            Area => "Area",
            CurrentMaturity => "Current maturity",
            TargetMaturity => "Target maturity",
            Importance => "Importance",
            Risk => "Risk",
            Compliance => "Compliance",
            Sponsor => "Sponsor",
            Status => "Status",
            Start => "Start",
            End => "End",
            Milestone => "Milestone",
            Capex => "Capex",
            Opex => "Opex",
            RunCostPerYear => "Run cost per year",
            Fte => "FTE",
            Vendor => "Vendor",
            RiskLikelihood => "Risk likelihood",
            RiskImpact => "Risk impact",
            BusinessValue => "Business value",
            TimeCriticality => "Time criticality",
            RiskReduction => "Risk reduction",
            JobSize => "Job size",
            FundingLock => "Funding lock",
        }
    }

    /// A field that may repeat, one property per entry.
    pub fn is_list(self) -> bool {
        matches!(self, Field::Compliance | Field::Milestone | Field::Vendor)
    }

    /// Written as a number (the property definition's type).
    pub fn is_number(self) -> bool {
        use Field::*;
        matches!(
            self,
            Weight
                | KpiBaseline
                | KpiTarget
                | CurrentMaturity
                | TargetMaturity
                | Importance
                | Capex
                | Opex
                | RunCostPerYear
                | Fte
                | RiskLikelihood
                | RiskImpact
                | BusinessValue
                | TimeCriticality
                | RiskReduction
                | JobSize
        )
    }

    /// The field among `fields` that a property called `key` sets.
    pub fn find(fields: &[Field], key: &str) -> Option<Field> {
        let key = normalise(key);
        fields.iter().copied().find(|f| normalise(f.name()) == key)
    }
}

/// Properties of the roadmap itself (the model's properties).
pub const CURRENCY: &str = "Currency";
pub const FISCAL_YEAR_START_MONTH: &str = "Fiscal year start month";
pub const HORIZON_START: &str = "Horizon start";
pub const HORIZON_END: &str = "Horizon end";
/// "Weighted scoring" or "WSJF (weighted shortest job first)" (the criteria themselves and
/// values of custom criteria do not travel: see docs/archimate.md).
pub const SCORING_MODEL: &str = "Scoring model";
/// "Capex budget FY2027": the capex envelope of fiscal year 2027 (named by the year it ends in).
pub const CAPEX_BUDGET: &str = "Capex budget FY";
/// "Opex budget FY2027".
pub const OPEX_BUDGET: &str = "Opex budget FY";
/// "Capacity 2026-Q1": full-time equivalents available in that calendar quarter.
pub const CAPACITY: &str = "Capacity ";

/// On a Realization from a work package to a capability: the capability's maturity once the
/// initiative is done (0–5).
pub const MATURITY_AFTER: &str = "Maturity after";
/// On a relationship between a work package and a goal: 1 (some), 2 (strong) or 3
/// (decisive). An Influence relationship may say it with its strength instead: `+`, `++`, `+++`.
pub const CONTRIBUTION: &str = "Contribution";
/// Archi's CSV export writes an Influence relationship's strength as this property.
pub const ARCHI_CSV_INFLUENCE_STRENGTH: &str = "Influence_Strength";

/// A property name as compared: lower case, `_` and `-` as spaces, spaces collapsed.
pub fn normalise(key: &str) -> String {
    key.to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Do two property names mean the same property?
pub fn same_name(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// A number as the export writes it: the shortest decimal that reads back exactly, without
/// an exponent (`250000`, `0.1`, `40000.25`).
pub fn write_number(value: f64) -> String {
    format!("{value}")
}

/// Reads a number written by a person or a tool (see the module docs). `None` when it is not
/// a finite number.
pub fn read_number(text: &str) -> Option<f64> {
    let mut t: String =
        text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\'' | '_')).collect();
    if t.contains(',') {
        let groups: Vec<&str> = t.split(',').collect();
        let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        let lead = groups[0].strip_prefix(['-', '+']).unwrap_or(groups[0]);
        let thousands = digits(lead) && lead.len() <= 3 && groups[1..].iter().all(|g| g.len() == 3 && digits(g));
        if t.contains('.') || thousands {
            t = t.replace(',', "");
        } else if groups.len() == 2 {
            t = t.replace(',', ".");
        } else {
            return None;
        }
    }
    // Rust also reads "inf", "NaN" and "infinity"; a property never means those.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A whole number in `lo..=hi` ("3", also "3.0"), or a message saying what is expected.
pub fn read_score(text: &str, lo: u8, hi: u8) -> Result<u8, String> {
    match read_number(text) {
        Some(v) if v.fract() == 0.0 && v >= lo as f64 && v <= hi as f64 => Ok(v as u8),
        _ => Err(format!("expected a whole number from {lo} to {hi}")),
    }
}

/// A month `YYYY-MM`, or a date `YYYY-MM-DD` (with an optional time after it) read as its month.
pub fn read_month(text: &str) -> Result<Month, String> {
    let t = text.trim();
    let date_part = t.split(['T', ' ']).next().unwrap_or(t);
    let month_part = match date_part.len() {
        10 if date_part.as_bytes()[7] == b'-' && date_part[8..].bytes().all(|b| b.is_ascii_digit()) => &date_part[..7],
        _ => t,
    };
    Month::parse(month_part).map_err(|_| "expected a month such as 2026-03".to_string())
}

pub fn read_status(text: &str) -> Result<Status, String> {
    Status::from_key(text).ok_or_else(|| {
        let all: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

pub fn read_risk(text: &str) -> Result<Risk, String> {
    Risk::from_key(text).ok_or_else(|| {
        let all: Vec<&str> = Risk::ALL.iter().map(|r| r.label()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

/// A milestone as a property value: `Pilot (2026-06)`, or `Pilot` without a month. A name
/// without a month that would read back as something else (it ends in a bracketed month,
/// or in ` ()`) gets ` ()` added, which the reader removes.
pub fn write_milestone(name: &str, month: Option<Month>) -> String {
    match month {
        Some(m) if name.is_empty() => format!("({m})"),
        Some(m) => format!("{name} ({m})"),
        None if read_milestone(name) == (name.to_string(), None) => name.to_string(),
        None => format!("{name} ()"),
    }
}

/// Reads [`write_milestone`]'s form: a trailing `(YYYY-MM)` is the month (the one space
/// before it is not part of the name); a trailing ` ()` is removed.
pub fn read_milestone(text: &str) -> (String, Option<Month>) {
    if let Some(open) = text.strip_suffix(')').and_then(|t| t.rfind('(')) {
        if let Ok(m) = Month::parse(&text[open + 1..text.len() - 1]) {
            if text[open + 1..text.len() - 1].len() == 7 {
                let name = &text[..open];
                return (name.strip_suffix(' ').unwrap_or(name).to_string(), Some(m));
            }
        }
    }
    match text.strip_suffix(" ()") {
        Some(name) => (name.to_string(), None),
        None => (text.to_string(), None),
    }
}

/// An initiative's contribution to a goal as an Influence strength: `+`, `++`, `+++`.
pub fn write_strength(contribution: u8) -> String {
    match contribution {
        1..=3 => "+".repeat(contribution as usize),
        n => n.to_string(),
    }
}

/// What an Influence strength says about the contribution: `Ok(Some(1..=3))` for `+`, `++`,
/// `+++` or a number (above 3 counts as 3), `Ok(None)` when it says nothing (blank or an
/// unknown word), `Err` for a negative or zero influence, which is not a contribution.
pub fn read_strength(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.bytes().all(|b| b == b'+') {
        return Ok(Some(t.len().min(3) as u8));
    }
    if t.bytes().all(|b| b == b'-') {
        return Err(format!("its influence is negative ({t})"));
    }
    match read_number(t) {
        Some(v) if v > 0.0 => Ok(Some(v.ceil().min(3.0) as u8)),
        Some(_) => Err(format!("its influence is {t}, not positive")),
        None => Ok(None),
    }
}

/// A goal's fields as properties, in [`GOAL_FIELDS`] order; empty texts and an empty KPI
/// are left out.
pub fn goal_properties(g: &Goal) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    out.extend(text_property(Field::Theme, &g.theme));
    out.push((Field::Weight, g.weight.to_string()));
    out.extend(text_property(Field::Owner, &g.owner));
    if g.kpi != Default::default() {
        out.extend(text_property(Field::Kpi, &g.kpi.name));
        out.push((Field::KpiBaseline, write_number(g.kpi.baseline)));
        out.push((Field::KpiTarget, write_number(g.kpi.target)));
        out.extend(text_property(Field::KpiUnit, &g.kpi.unit));
        out.extend(g.kpi.due.map(|m| (Field::KpiDue, m.to_string())));
    }
    out
}

/// A text field as a property, unless it is empty (the import's default).
fn text_property(field: Field, text: &str) -> Option<(Field, String)> {
    (!text.is_empty()).then(|| (field, text.to_string()))
}

/// A capability's fields as properties, in [`CAPABILITY_FIELDS`] order.
pub fn capability_properties(c: &Capability) -> Vec<(Field, String)> {
    let mut out: Vec<_> = text_property(Field::Area, &c.area).into_iter().collect();
    out.push((Field::CurrentMaturity, c.current_maturity.to_string()));
    out.push((Field::TargetMaturity, c.target_maturity.to_string()));
    out.push((Field::Importance, c.importance.to_string()));
    out.push((Field::Risk, c.risk.label().to_string()));
    out.extend(c.compliance.iter().map(|t| (Field::Compliance, t.clone())));
    out
}

/// An initiative's fields as properties, in [`INITIATIVE_FIELDS`] order.
pub fn initiative_properties(i: &Initiative) -> Vec<(Field, String)> {
    let mut out: Vec<_> = text_property(Field::Owner, &i.owner).into_iter().collect();
    out.extend(text_property(Field::Sponsor, &i.sponsor));
    out.push((Field::Status, i.status.label().to_string()));
    out.extend(i.start.map(|m| (Field::Start, m.to_string())));
    out.extend(i.end.map(|m| (Field::End, m.to_string())));
    // Characters XML cannot hold are dropped before the month is added, so that what is left
    // still reads back as the same name.
    let xml_name = |name: &str| name.chars().filter(|c| super::text::is_xml_char(*c)).collect::<String>();
    out.extend(i.milestones.iter().map(|m| (Field::Milestone, write_milestone(&xml_name(&m.name), m.month))));
    out.push((Field::Capex, write_number(i.capex)));
    out.push((Field::Opex, write_number(i.opex)));
    out.push((Field::RunCostPerYear, write_number(i.run_cost_per_year)));
    out.push((Field::Fte, write_number(i.fte)));
    out.extend(i.vendors.iter().map(|v| (Field::Vendor, v.clone())));
    out.push((Field::RiskLikelihood, i.risk.likelihood.to_string()));
    out.push((Field::RiskImpact, i.risk.impact.to_string()));
    out.extend(i.compliance.iter().map(|t| (Field::Compliance, t.clone())));
    // Scoring estimates (0: not estimated, left out) and the optimiser's lock.
    let s = &i.scoring;
    for (field, v) in [
        (Field::BusinessValue, s.business_value),
        (Field::TimeCriticality, s.time_criticality),
        (Field::RiskReduction, s.risk_reduction),
        (Field::JobSize, s.job_size),
    ] {
        if v != 0 {
            out.push((field, v.to_string()));
        }
    }
    if i.funding_lock != crate::domain::model::FundingLock::None {
        out.push((Field::FundingLock, i.funding_lock.label().to_string()));
    }
    out
}

/// An amount of money or FTE: a number, not negative.
fn read_amount(text: &str) -> Result<f64, String> {
    read_number(text).filter(|v| *v >= 0.0).ok_or_else(|| "expected a number of 0 or more".to_string())
}

fn read_any_number(text: &str) -> Result<f64, String> {
    read_number(text).ok_or_else(|| "expected a number".to_string())
}

/// Sets a goal's field from a property value; `Err` says what was expected.
pub fn set_goal_field(g: &mut Goal, field: Field, value: &str) -> Result<(), String> {
    match field {
        Field::Theme => g.theme = value.to_string(),
        Field::Weight => g.weight = read_score(value, 1, 5)?,
        Field::Owner => g.owner = value.to_string(),
        Field::Kpi => g.kpi.name = value.to_string(),
        Field::KpiBaseline => g.kpi.baseline = read_any_number(value)?,
        Field::KpiTarget => g.kpi.target = read_any_number(value)?,
        Field::KpiUnit => g.kpi.unit = value.to_string(),
        Field::KpiDue => g.kpi.due = Some(read_month(value)?),
        _ => {}
    }
    Ok(())
}

/// Sets a capability's field from a property value; `Err` says what was expected.
pub fn set_capability_field(c: &mut Capability, field: Field, value: &str) -> Result<(), String> {
    match field {
        Field::Area => c.area = value.to_string(),
        Field::CurrentMaturity => c.current_maturity = read_score(value, 0, 5)?,
        Field::TargetMaturity => c.target_maturity = read_score(value, 0, 5)?,
        Field::Importance => c.importance = read_score(value, 1, 5)?,
        Field::Risk => c.risk = read_risk(value)?,
        Field::Compliance => c.compliance.push(value.to_string()),
        _ => {}
    }
    Ok(())
}

/// Sets an initiative's field from a property value; `Err` says what was expected. Start
/// and End are set one at a time here; the caller checks that both or neither are set.
pub fn set_initiative_field(i: &mut Initiative, field: Field, value: &str) -> Result<(), String> {
    match field {
        Field::Owner => i.owner = value.to_string(),
        Field::Sponsor => i.sponsor = value.to_string(),
        Field::Status => i.status = read_status(value)?,
        Field::Start => i.start = Some(read_month(value)?),
        Field::End => i.end = Some(read_month(value)?),
        Field::Milestone => {
            let (name, month) = read_milestone(value);
            i.milestones.push(Milestone { name, month });
        }
        Field::Capex => i.capex = read_amount(value)?,
        Field::Opex => i.opex = read_amount(value)?,
        Field::RunCostPerYear => i.run_cost_per_year = read_amount(value)?,
        Field::Fte => i.fte = read_amount(value)?,
        Field::Vendor => i.vendors.push(value.to_string()),
        Field::RiskLikelihood => i.risk.likelihood = read_score(value, 1, 5)?,
        Field::RiskImpact => i.risk.impact = read_score(value, 1, 5)?,
        Field::Compliance => i.compliance.push(value.to_string()),
        Field::BusinessValue => i.scoring.business_value = read_score(value, 0, 20)?,
        Field::TimeCriticality => i.scoring.time_criticality = read_score(value, 0, 20)?,
        Field::RiskReduction => i.scoring.risk_reduction = read_score(value, 0, 20)?,
        Field::JobSize => i.scoring.job_size = read_score(value, 0, 20)?,
        Field::FundingLock => {
            let v = normalise(value);
            i.funding_lock = crate::domain::model::FundingLock::ALL
                .into_iter()
                .find(|l| normalise(l.label()) == v || normalise(l.key()) == v)
                .ok_or_else(|| "expected \"Optimiser decides\", \"Must fund\" or \"Must not fund\"".to_string())?;
        }
        _ => {}
    }
    Ok(())
}

/// The roadmap's own settings as properties of the model: `(name, value, is a number)`.
pub fn roadmap_properties(r: &Roadmap) -> Vec<(String, String, bool)> {
    let mut out = vec![
        (CURRENCY.to_string(), r.currency.clone(), false),
        (FISCAL_YEAR_START_MONTH.to_string(), r.fiscal_year_start_month.to_string(), true),
        (HORIZON_START.to_string(), r.horizon.start.to_string(), false),
        (HORIZON_END.to_string(), r.horizon.end.to_string(), false),
        (SCORING_MODEL.to_string(), r.scoring.model.label().to_string(), false),
    ];
    for b in &r.budgets {
        out.push((format!("{CAPEX_BUDGET}{}", b.fiscal_year), write_number(b.capex), true));
        out.push((format!("{OPEX_BUDGET}{}", b.fiscal_year), write_number(b.opex), true));
    }
    for c in &r.capacity {
        out.push((format!("{CAPACITY}{}", c.quarter), write_number(c.fte), true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn names_match_loosely_and_are_distinct() {
        assert_eq!(Field::find(&INITIATIVE_FIELDS, "run_cost_per_year"), Some(Field::RunCostPerYear));
        assert_eq!(Field::find(&INITIATIVE_FIELDS, "  RUN-COST-PER-YEAR "), Some(Field::RunCostPerYear));
        assert_eq!(Field::find(&INITIATIVE_FIELDS, "fte"), Some(Field::Fte));
        assert_eq!(Field::find(&CAPABILITY_FIELDS, "current  maturity"), Some(Field::CurrentMaturity));
        assert_eq!(Field::find(&GOAL_FIELDS, "Capex"), None, "a goal has no capex");
        assert_eq!(Field::find(&GOAL_FIELDS, "kpi"), Some(Field::Kpi));
        // No two fields of one kind share a name.
        for fields in [&GOAL_FIELDS[..], &CAPABILITY_FIELDS[..], &INITIATIVE_FIELDS[..]] {
            for f in fields {
                assert_eq!(Field::find(fields, f.name()), Some(*f));
            }
        }
    }

    #[test]
    fn numbers_people_write() {
        let cases: [(&str, Option<f64>); 16] = [
            ("250000", Some(250000.0)),
            (" 40000.25 ", Some(40000.25)),
            ("1,500,000", Some(1_500_000.0)),
            ("1,500.50", Some(1500.5)),
            ("1 500 000", Some(1_500_000.0)),
            ("1'500'000", Some(1_500_000.0)),
            ("3,5", Some(3.5)),
            ("0,25", Some(0.25)),
            ("-12.5", Some(-12.5)),
            ("1e3", Some(1000.0)),
            ("1,50,000", None),
            ("lots", None),
            ("", None),
            ("inf", None),
            ("NaN", None),
            ("1.2.3", None),
        ];
        for (text, want) in cases {
            assert_eq!(read_number(text), want, "{text:?}");
        }
        assert_eq!(read_score("4", 1, 5), Ok(4));
        assert_eq!(read_score("4.0", 1, 5), Ok(4));
        assert_eq!(read_score("0", 1, 5), Err("expected a whole number from 1 to 5".into()));
        assert_eq!(read_score("2.5", 0, 5), Err("expected a whole number from 0 to 5".into()));
        assert_eq!(read_score("high", 0, 5), Err("expected a whole number from 0 to 5".into()));
    }

    #[test]
    fn months_and_dates() {
        assert_eq!(read_month("2026-03"), Ok(m("2026-03")));
        assert_eq!(read_month(" 2026-03-31 "), Ok(m("2026-03")));
        assert_eq!(read_month("2026-03-31T00:00:00Z"), Ok(m("2026-03")));
        assert_eq!(read_month("2026-03-31 12:00"), Ok(m("2026-03")));
        for bad in ["2026-13", "March 2026", "2026-03-xx", "", "2026"] {
            assert!(read_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn status_and_risk_by_label_or_key() {
        assert_eq!(read_status("In progress"), Ok(Status::InProgress));
        assert_eq!(read_status("on_hold"), Ok(Status::OnHold));
        assert_eq!(
            read_status("urgent"),
            Err("expected one of Idea, Proposed, Approved, In progress, Done, On hold, Cancelled".into())
        );
        assert_eq!(read_risk("HIGH"), Ok(Risk::High));
        assert!(read_risk("scary").is_err());
    }

    #[test]
    fn milestones() {
        assert_eq!(write_milestone("Pilot", Some(m("2026-06"))), "Pilot (2026-06)");
        assert_eq!(read_milestone("Pilot (2026-06)"), ("Pilot".into(), Some(m("2026-06"))));
        assert_eq!(read_milestone("Pilot(2026-06)"), ("Pilot".into(), Some(m("2026-06"))));
        assert_eq!(write_milestone("Go-live", None), "Go-live");
        assert_eq!(read_milestone("Go-live"), ("Go-live".into(), None));
        assert_eq!(write_milestone("", Some(m("2026-06"))), "(2026-06)");
        // Names that look like something else are protected.
        assert_eq!(write_milestone("Wave (2026-06)", None), "Wave (2026-06) ()");
        assert_eq!(write_milestone("x ()", None), "x () ()");
        assert_eq!(read_milestone("Wave (2026-13)"), ("Wave (2026-13)".into(), None));
    }

    #[test]
    fn strengths() {
        assert_eq!(write_strength(1), "+");
        assert_eq!(write_strength(3), "+++");
        assert_eq!(read_strength("++"), Ok(Some(2)));
        assert_eq!(read_strength("++++"), Ok(Some(3)));
        assert_eq!(read_strength("2"), Ok(Some(2)));
        assert_eq!(read_strength("7"), Ok(Some(3)));
        assert_eq!(read_strength(""), Ok(None));
        assert_eq!(read_strength("strong"), Ok(None));
        assert_eq!(read_strength("--"), Err("its influence is negative (--)".into()));
        assert_eq!(read_strength("0"), Err("its influence is 0, not positive".into()));
    }

    proptest! {
        #[test]
        fn numbers_round_trip(v in prop_oneof![any::<f64>().prop_filter("finite", |v| v.is_finite()), 0.0..1e12f64, (0..1_000_000_000u64).prop_map(|n| n as f64 / 100.0)]) {
            prop_assert_eq!(read_number(&write_number(v)), Some(v));
        }

        #[test]
        fn milestones_round_trip(name in "(?s).{0,12}|[a-z ()0-9-]{0,14}", month in proptest::option::of((1900..=9999i32, 1..=12u8))) {
            let month = month.map(|(year, month)| Month { year, month });
            prop_assert_eq!(read_milestone(&write_milestone(&name, month)), (name, month));
        }
    }
}
