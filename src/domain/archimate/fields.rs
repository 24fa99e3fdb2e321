//! Cairn's fields as ArchiMate properties: the property names (the export writes exactly
//! these, the import reads them), and how their values are written and read.
//!
//! Names are matched ignoring case, surrounding spaces, and the difference between a space,
//! `_`, `-` and `:`: "Run cost per year", "run_cost_per_year" and "RUN-COST-PER-YEAR" are the
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
use crate::domain::landscape::{
    AppType, Application, CatalogLink, Criticality, DataClass, Direction, Disposition, Ends, Hosting, Technology,
};
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
    // Applications (also Vendor, Run cost per year, Capex).
    AppType,
    Hosting,
    BusinessOwner,
    ItOwner,
    Criticality,
    DataClassification,
    Users,
    LifecyclePlan,
    LifecyclePhaseIn,
    LifecycleActive,
    LifecyclePhaseOut,
    LifecycleEndOfLife,
    FunctionalFit,
    TechnicalFit,
    Disposition,
    ContractEnd,
    Tags,
    // Technologies (also Vendor).
    Category,
    Version,
    Release,
    EndOfStandardSupport,
    EndOfLife,
    EndOfExtendedSupport,
    CatalogProduct,
    CatalogCycle,
    CatalogRelease,
    CatalogStandardSupport,
    CatalogEndOfLife,
    CatalogExtendedSupport,
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

/// The application's fields, in the order the export writes them.
pub const APPLICATION_FIELDS: [Field; 20] = {
    use Field::*;
    [
        AppType,
        Hosting,
        Vendor,
        BusinessOwner,
        ItOwner,
        Criticality,
        DataClassification,
        Users,
        LifecyclePlan,
        LifecyclePhaseIn,
        LifecycleActive,
        LifecyclePhaseOut,
        LifecycleEndOfLife,
        FunctionalFit,
        TechnicalFit,
        Disposition,
        RunCostPerYear,
        Capex,
        ContractEnd,
        Tags,
    ]
};

/// The technology's fields, in the order the export writes them.
pub const TECHNOLOGY_FIELDS: [Field; 13] = {
    use Field::*;
    [
        Category,
        Vendor,
        Version,
        Release,
        EndOfStandardSupport,
        EndOfLife,
        EndOfExtendedSupport,
        CatalogProduct,
        CatalogCycle,
        CatalogRelease,
        CatalogStandardSupport,
        CatalogEndOfLife,
        CatalogExtendedSupport,
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
            AppType => "Type",
            Hosting => "Hosting",
            BusinessOwner => "Business owner",
            ItOwner => "IT owner",
            Criticality => "Business criticality",
            DataClassification => "Data classification",
            Users => "Users",
            LifecyclePlan => "Lifecycle: Plan",
            LifecyclePhaseIn => "Lifecycle: Phase-in",
            LifecycleActive => "Lifecycle: Active",
            LifecyclePhaseOut => "Lifecycle: Phase-out",
            LifecycleEndOfLife => "Lifecycle: End of life",
            FunctionalFit => "Functional fit",
            TechnicalFit => "Technical fit",
            Disposition => "Disposition",
            ContractEnd => "Contract end",
            Tags => "Tags",
            Category => "Category",
            Version => "Version",
            Release => "Release",
            EndOfStandardSupport => "End of standard support",
            EndOfLife => "End of life",
            EndOfExtendedSupport => "End of extended support",
            CatalogProduct => "Catalog product",
            CatalogCycle => "Catalog cycle",
            CatalogRelease => "Catalog release",
            CatalogStandardSupport => "Catalog standard support",
            CatalogEndOfLife => "Catalog end of life",
            CatalogExtendedSupport => "Catalog extended support",
        }
    }

    /// A field that may repeat, one property per entry.
    pub fn is_list(self) -> bool {
        matches!(self, Field::Compliance | Field::Milestone | Field::Vendor | Field::Tags)
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
                | Users
                | FunctionalFit
                | TechnicalFit
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

/// On a Realization or Serving from an application component to a capability: how well the
/// application supports it (1–4).
pub const FIT: &str = "Fit";
/// On a Flow between application components: "Sends to" (the default), "Receives from" (the
/// interface belongs to the target, which receives from the source) or "Both ways".
pub const DIRECTION: &str = "Direction";
/// On a Flow between application components: the data the interface carries (free text).
pub const DATA: &str = "Data";
/// On a relationship from a work package to an application component: the month the change
/// takes effect (without it, the initiative's end).
pub const MONTH: &str = "Month";
/// On the two relationships of one replacement (a work package retires one application and
/// introduces another): the same number, so they come back as one change.
pub const CHANGE: &str = "Change";
/// The name of an Association from a work package to an application component it retires.
pub const RETIRES: &str = "retires";
/// The name of an Association from an application component to its successor.
pub const SUCCESSOR: &str = "successor";

/// A property name as compared: lower case, `_`, `-` and `:` as spaces, spaces collapsed
/// ("Lifecycle: Phase-in" = "lifecycle_phase_in").
pub fn normalise(key: &str) -> String {
    key.to_lowercase().replace(['_', '-', ':'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
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

/// A choice (type, hosting, criticality …) by its label or key, any case.
fn read_choice<T: Copy>(
    text: &str,
    from_key: fn(&str) -> Option<T>,
    all: &[T],
    label: fn(T) -> &'static str,
) -> Result<T, String> {
    from_key(text).ok_or_else(|| {
        let labels: Vec<&str> = all.iter().map(|c| label(*c)).collect();
        format!("expected one of {}", labels.join(", "))
    })
}

/// An interface's direction by its label ("Sends to", "Receives from", "Both ways") or key
/// ("outbound", "inbound", "both").
pub fn read_direction(text: &str) -> Result<Direction, String> {
    read_choice(text, Direction::from_key, Direction::ALL, Direction::label)
}

/// A fit (1–4).
pub fn read_fit(text: &str) -> Result<u8, String> {
    read_score(text, 1, 4)
}

/// The end of a support period as the catalog knows it: a month, "ended" or "never".
pub fn write_ends(ends: Ends) -> Option<String> {
    match ends {
        Ends::On(m) => Some(m.to_string()),
        Ends::Ended => Some("ended".into()),
        Ends::Never => Some("never".into()),
        Ends::Unknown => None,
    }
}

pub fn read_ends(text: &str) -> Result<Ends, String> {
    match normalise(text).as_str() {
        "ended" => Ok(Ends::Ended),
        "never" => Ok(Ends::Never),
        _ => read_month(text)
            .map(Ends::On)
            .map_err(|_| "expected a month such as 2026-03, \"ended\" or \"never\"".into()),
    }
}

/// An application's fields as properties, in [`APPLICATION_FIELDS`] order. The choices,
/// the user count and the costs are always written; empty texts and unset months and fits
/// are left out.
pub fn application_properties(a: &Application) -> Vec<(Field, String)> {
    let mut out = vec![(Field::AppType, a.kind.label().to_string()), (Field::Hosting, a.hosting.label().to_string())];
    out.extend(text_property(Field::Vendor, &a.vendor));
    out.extend(text_property(Field::BusinessOwner, &a.business_owner));
    out.extend(text_property(Field::ItOwner, &a.it_owner));
    out.push((Field::Criticality, a.criticality.label().to_string()));
    out.push((Field::DataClassification, a.data_classification.label().to_string()));
    out.push((Field::Users, a.users.to_string()));
    let l = &a.lifecycle;
    for (field, month) in [
        (Field::LifecyclePlan, l.plan),
        (Field::LifecyclePhaseIn, l.phase_in),
        (Field::LifecycleActive, l.active),
        (Field::LifecyclePhaseOut, l.phase_out),
        (Field::LifecycleEndOfLife, l.end_of_life),
    ] {
        out.extend(month.map(|m| (field, m.to_string())));
    }
    out.extend(a.functional_fit.map(|f| (Field::FunctionalFit, f.to_string())));
    out.extend(a.technical_fit.map(|f| (Field::TechnicalFit, f.to_string())));
    out.extend(a.disposition.map(|d| (Field::Disposition, d.label().to_string())));
    out.push((Field::RunCostPerYear, write_number(a.run_cost_per_year)));
    out.push((Field::Capex, write_number(a.capex)));
    out.extend(a.contract_end.map(|m| (Field::ContractEnd, m.to_string())));
    out.extend(a.tags.iter().map(|t| (Field::Tags, t.clone())));
    out
}

/// Sets an application's field from a property value; `Err` says what was expected.
pub fn set_application_field(a: &mut Application, field: Field, value: &str) -> Result<(), String> {
    let l = &mut a.lifecycle;
    match field {
        Field::AppType => a.kind = read_choice(value, AppType::from_key, AppType::ALL, AppType::label)?,
        Field::Hosting => a.hosting = read_choice(value, Hosting::from_key, Hosting::ALL, Hosting::label)?,
        // One vendor per application: the first that is given.
        Field::Vendor if a.vendor.is_empty() => a.vendor = value.to_string(),
        Field::BusinessOwner => a.business_owner = value.to_string(),
        Field::ItOwner => a.it_owner = value.to_string(),
        Field::Criticality => {
            a.criticality = read_choice(value, Criticality::from_key, Criticality::ALL, Criticality::label)?
        }
        Field::DataClassification => {
            a.data_classification = read_choice(value, DataClass::from_key, DataClass::ALL, DataClass::label)?
        }
        Field::Users => {
            a.users = read_number(value)
                .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v <= u32::MAX as f64)
                .ok_or_else(|| "expected a whole number of 0 or more".to_string())? as u32
        }
        Field::LifecyclePlan => l.plan = Some(read_month(value)?),
        Field::LifecyclePhaseIn => l.phase_in = Some(read_month(value)?),
        Field::LifecycleActive => l.active = Some(read_month(value)?),
        Field::LifecyclePhaseOut => l.phase_out = Some(read_month(value)?),
        Field::LifecycleEndOfLife => l.end_of_life = Some(read_month(value)?),
        Field::FunctionalFit => a.functional_fit = Some(read_fit(value)?),
        Field::TechnicalFit => a.technical_fit = Some(read_fit(value)?),
        Field::Disposition => {
            a.disposition = Some(read_choice(value, Disposition::from_key, Disposition::ALL, Disposition::label)?)
        }
        Field::RunCostPerYear => a.run_cost_per_year = read_amount(value)?,
        Field::Capex => a.capex = read_amount(value)?,
        Field::ContractEnd => a.contract_end = Some(read_month(value)?),
        Field::Tags => a.tags.push(value.to_string()),
        _ => {}
    }
    Ok(())
}

/// A technology's fields as properties, in [`TECHNOLOGY_FIELDS`] order. The category is
/// always written (even empty), so that it is not taken from the element type on import;
/// the catalog product too when the technology is bound to the catalog.
pub fn technology_properties(t: &Technology) -> Vec<(Field, String)> {
    let mut out = vec![(Field::Category, t.category.clone())];
    out.extend(text_property(Field::Vendor, &t.vendor));
    out.extend(text_property(Field::Version, &t.version));
    for (field, month) in [
        (Field::Release, t.release),
        (Field::EndOfStandardSupport, t.end_of_standard_support),
        (Field::EndOfLife, t.end_of_life),
        (Field::EndOfExtendedSupport, t.end_of_extended_support),
    ] {
        out.extend(month.map(|m| (field, m.to_string())));
    }
    if let Some(c) = &t.catalog {
        out.push((Field::CatalogProduct, c.product.clone()));
        out.extend(text_property(Field::CatalogCycle, &c.cycle));
        out.extend(c.release.map(|m| (Field::CatalogRelease, m.to_string())));
        for (field, ends) in [
            (Field::CatalogStandardSupport, c.standard_support),
            (Field::CatalogEndOfLife, c.end_of_life),
            (Field::CatalogExtendedSupport, c.extended_support),
        ] {
            out.extend(write_ends(ends).map(|v| (field, v)));
        }
    }
    out
}

/// Sets a technology's field from a property value; `Err` says what was expected. Any
/// "Catalog …" property binds the technology to the catalog.
pub fn set_technology_field(t: &mut Technology, field: Field, value: &str) -> Result<(), String> {
    fn catalog(t: &mut Technology) -> &mut CatalogLink {
        t.catalog.get_or_insert_with(CatalogLink::default)
    }
    match field {
        Field::Category => t.category = value.to_string(),
        Field::Vendor if t.vendor.is_empty() => t.vendor = value.to_string(),
        Field::Version => t.version = value.to_string(),
        Field::Release => t.release = Some(read_month(value)?),
        Field::EndOfStandardSupport => t.end_of_standard_support = Some(read_month(value)?),
        Field::EndOfLife => t.end_of_life = Some(read_month(value)?),
        Field::EndOfExtendedSupport => t.end_of_extended_support = Some(read_month(value)?),
        Field::CatalogProduct => catalog(t).product = value.to_string(),
        Field::CatalogCycle => catalog(t).cycle = value.to_string(),
        Field::CatalogRelease => {
            let m = read_month(value)?;
            catalog(t).release = Some(m)
        }
        Field::CatalogStandardSupport => {
            let e = read_ends(value)?;
            catalog(t).standard_support = e
        }
        Field::CatalogEndOfLife => {
            let e = read_ends(value)?;
            catalog(t).end_of_life = e
        }
        Field::CatalogExtendedSupport => {
            let e = read_ends(value)?;
            catalog(t).extended_support = e
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
        assert_eq!(Field::find(&APPLICATION_FIELDS, "lifecycle_phase_in"), Some(Field::LifecyclePhaseIn));
        assert_eq!(Field::find(&APPLICATION_FIELDS, "LIFECYCLE: END-OF-LIFE"), Some(Field::LifecycleEndOfLife));
        assert_eq!(Field::find(&TECHNOLOGY_FIELDS, "end of life"), Some(Field::EndOfLife));
        assert_eq!(Field::find(&TECHNOLOGY_FIELDS, "Lifecycle: End of life"), None);
        for fields in [
            &GOAL_FIELDS[..],
            &CAPABILITY_FIELDS[..],
            &INITIATIVE_FIELDS[..],
            &APPLICATION_FIELDS[..],
            &TECHNOLOGY_FIELDS[..],
        ] {
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

    #[test]
    fn support_ends_and_directions() {
        for ends in [Ends::On(m("2029-05")), Ends::Ended, Ends::Never] {
            assert_eq!(read_ends(&write_ends(ends).unwrap()), Ok(ends));
        }
        assert_eq!(write_ends(Ends::Unknown), None);
        assert_eq!(read_ends(" NEVER "), Ok(Ends::Never));
        assert!(read_ends("soon").is_err());
        assert_eq!(read_direction("Receives from"), Ok(Direction::Inbound));
        assert_eq!(read_direction("both"), Ok(Direction::Both));
        assert_eq!(read_direction("up"), Err("expected one of Sends to, Receives from, Both ways".into()));
    }

    #[test]
    fn application_and_technology_properties_read_back() {
        let a = crate::domain::demo::demo_roadmap().landscape.applications[0].clone();
        // Links are relationships, not properties.
        let mut back = Application {
            id: a.id.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            successor: a.successor.clone(),
            technologies: a.technologies.clone(),
            capabilities: a.capabilities.clone(),
            interfaces: a.interfaces.clone(),
            ..Application::default()
        };
        for (f, v) in application_properties(&a) {
            set_application_field(&mut back, f, &v).unwrap();
        }
        assert_eq!(back, *a);
        let t = crate::domain::demo::demo_roadmap().landscape.technologies[0].clone();
        let mut back = Technology { id: t.id.clone(), name: t.name.clone(), ..Technology::default() };
        for (f, v) in technology_properties(&t) {
            set_technology_field(&mut back, f, &v).unwrap();
        }
        assert_eq!(back, *t);
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
