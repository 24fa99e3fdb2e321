//! Spreadsheets: the roadmap's goals, capabilities, initiatives and links as CSV files
//! (RFC 4180) that open cleanly in Excel and LibreOffice, and CSV import with a preview
//! (`docs/spreadsheet.md`).
//!
//! **Export** writes one table per file — goals, capabilities, initiatives (with their scoring
//! estimates and funding lock), and five link tables of initiatives (goal links, capability
//! links, dependencies, milestones, values of entered scoring criteria) — or all eight in one
//! zip file. Headers are in the user's words ("Run cost per year"), months are `YYYY-MM`,
//! lists are joined with `"; "`, numbers are written in full with a decimal point. The
//! roadmap's settings (horizon, budgets, capacity, scoring model and criteria) are not in the
//! files. A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets an apostrophe in front, so a spreadsheet shows it as text instead of running it as a
//! formula; import takes that apostrophe off again, so export then import gives back exactly
//! the same roadmap.
//!
//! **Import** is three steps, and nothing changes until the caller takes the result of a clean
//! preview: [`parse`] reads the file (UTF-8 with or without BOM, UTF-16, or Windows-1252;
//! comma, semicolon or tab), [`propose_mapping`] matches its column names to fields (the
//! person can change the mapping), and [`preview`] lists row-level errors, what would be
//! added and updated, and the resulting roadmap when there are no errors.

use super::calendar::Month;
use super::compress::{compress, crc32};
use super::file_format::{check_size, ImportError};
use super::model::{
    Capability, CapabilityLink, FundingLock, Goal, GoalLink, Id, Initiative, ItemKind, Milestone, Risk, Roadmap,
    Status, ESTIMATE_MAX, ESTIMATE_SCALE,
};
use super::validate::{new_errors_among, validate, Problem};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// At most this many rows are read from one file.
pub const MAX_ROWS: usize = 250_000;
/// At most this many columns are read from one file.
pub const MAX_COLUMNS: usize = 500;

// ---------------------------------------------------------------------------------------------
// Tables and fields

/// One CSV file's worth of the roadmap.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Table {
    Goals,
    Capabilities,
    Initiatives,
    /// Which goals each initiative serves, and how much.
    GoalLinks,
    /// Which capabilities each initiative raises, and to what maturity.
    CapabilityLinks,
    /// Which initiatives must finish before each initiative starts.
    Dependencies,
    Milestones,
    /// Each initiative's values for the roadmap's entered scoring criteria.
    CriterionValues,
}

impl Table {
    /// All tables, in the order to import them (links refer to items, so items come first).
    pub const ALL: [Table; 8] = [
        Table::Goals,
        Table::Capabilities,
        Table::Initiatives,
        Table::GoalLinks,
        Table::CapabilityLinks,
        Table::Dependencies,
        Table::Milestones,
        Table::CriterionValues,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Table::Goals => "Goals",
            Table::Capabilities => "Capabilities",
            Table::Initiatives => "Initiatives",
            Table::GoalLinks => "Goal links",
            Table::CapabilityLinks => "Capability links",
            Table::Dependencies => "Dependencies",
            Table::Milestones => "Milestones",
            Table::CriterionValues => "Criterion values",
        }
    }

    /// The file name export uses, such as `goal-links.csv`.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Goals => "goals.csv",
            Table::Capabilities => "capabilities.csv",
            Table::Initiatives => "initiatives.csv",
            Table::GoalLinks => "goal-links.csv",
            Table::CapabilityLinks => "capability-links.csv",
            Table::Dependencies => "dependencies.csv",
            Table::Milestones => "milestones.csv",
            Table::CriterionValues => "criterion-values.csv",
        }
    }

    /// The columns of this table, in export order.
    pub fn fields(self) -> &'static [Field] {
        use Field as F;
        match self {
            Table::Goals => &[
                F::Id,
                F::Name,
                F::Description,
                F::Theme,
                F::Weight,
                F::Owner,
                F::Kpi,
                F::KpiBaseline,
                F::KpiTarget,
                F::KpiUnit,
                F::KpiDue,
            ],
            Table::Capabilities => &[
                F::Id,
                F::Name,
                F::Description,
                F::ParentId,
                F::Parent,
                F::Area,
                F::CurrentMaturity,
                F::TargetMaturity,
                F::Importance,
                F::Risk,
                F::Compliance,
            ],
            Table::Initiatives => &[
                F::Id,
                F::Name,
                F::Description,
                F::Owner,
                F::Sponsor,
                F::Status,
                F::Start,
                F::End,
                F::Capex,
                F::Opex,
                F::RunCostPerYear,
                F::Fte,
                F::Vendors,
                F::RiskLikelihood,
                F::RiskImpact,
                F::Compliance,
                F::BusinessValue,
                F::TimeCriticality,
                F::RiskReduction,
                F::JobSize,
                F::FundingLock,
            ],
            Table::GoalLinks => &[F::InitiativeId, F::Initiative, F::GoalId, F::Goal, F::Contribution],
            Table::CapabilityLinks => {
                &[F::InitiativeId, F::Initiative, F::CapabilityId, F::Capability, F::MaturityAfter]
            }
            Table::Dependencies => &[F::InitiativeId, F::Initiative, F::DependsOnId, F::DependsOn],
            Table::Milestones => &[F::InitiativeId, F::Initiative, F::Milestone, F::MilestoneMonth],
            Table::CriterionValues => {
                &[F::InitiativeId, F::Initiative, F::CriterionId, F::Criterion, F::CriterionValue]
            }
        }
    }

    /// The table a file of this name holds, by export's file names ("goal-links.csv",
    /// "Goal links.csv", "roadmap_goals (2).CSV" all count).
    pub fn from_file_name(name: &str) -> Option<Table> {
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        let stem = normalize(stem);
        // Longest names first, so "goallinks" is not taken for "goals".
        let mut tables = Table::ALL;
        tables.sort_by_key(|t| std::cmp::Reverse(normalize(t.title()).len()));
        tables.into_iter().find(|t| stem.contains(&normalize(t.title())))
    }

    /// The table a file most likely holds: by its name, else by its column names. `None` when
    /// neither says.
    pub fn guess(file_name: &str, headers: &[String]) -> Option<Table> {
        if let Some(t) = Table::from_file_name(file_name) {
            return Some(t);
        }
        let score = |t: Table| {
            let m = propose_mapping(t, headers);
            let key_fields = match t {
                Table::Goals | Table::Capabilities | Table::Initiatives => [Field::Id, Field::Name],
                _ => [Field::InitiativeId, Field::Initiative],
            };
            let has_key = key_fields.iter().any(|&f| m.column_of(f).is_some());
            let mapped = m.columns.iter().flatten().count();
            if has_key {
                mapped
            } else {
                0
            }
        };
        let (best, count) = Table::ALL.into_iter().map(|t| (t, score(t))).max_by_key(|&(_, n)| n)?;
        // Another table matching as many columns is no guess at all.
        let tie = Table::ALL.into_iter().filter(|&t| score(t) == count).count() > 1;
        (count >= 2 && !tie).then_some(best)
    }

    fn item_kind(self) -> Option<ItemKind> {
        match self {
            Table::Goals => Some(ItemKind::Goal),
            Table::Capabilities => Some(ItemKind::Capability),
            Table::Initiatives => Some(ItemKind::Initiative),
            _ => None,
        }
    }
}

/// A column of a table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Field {
    Id,
    Name,
    Description,
    Theme,
    Weight,
    Owner,
    Kpi,
    KpiBaseline,
    KpiTarget,
    KpiUnit,
    KpiDue,
    ParentId,
    Parent,
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
    Capex,
    Opex,
    RunCostPerYear,
    Fte,
    Vendors,
    RiskLikelihood,
    RiskImpact,
    BusinessValue,
    TimeCriticality,
    RiskReduction,
    JobSize,
    FundingLock,
    InitiativeId,
    Initiative,
    GoalId,
    Goal,
    Contribution,
    CapabilityId,
    Capability,
    MaturityAfter,
    DependsOnId,
    DependsOn,
    Milestone,
    MilestoneMonth,
    CriterionId,
    Criterion,
    CriterionValue,
}

impl Field {
    /// The column name export writes.
    pub fn header(self) -> &'static str {
        use Field as F;
        match self {
            F::Id => "Id",
            F::Name => "Name",
            F::Description => "Description",
            F::Theme => "Theme",
            F::Weight => "Weight",
            F::Owner => "Owner",
            F::Kpi => "KPI",
            F::KpiBaseline => "KPI baseline",
            F::KpiTarget => "KPI target",
            F::KpiUnit => "KPI unit",
            F::KpiDue => "KPI due",
            F::ParentId => "Parent id",
            F::Parent => "Parent",
            F::Area => "Area",
            F::CurrentMaturity => "Current maturity",
            F::TargetMaturity => "Target maturity",
            F::Importance => "Importance",
            F::Risk => "Risk",
            F::Compliance => "Compliance",
            F::Sponsor => "Sponsor",
            F::Status => "Status",
            F::Start => "Start",
            F::End => "End",
            F::Capex => "Capex",
            F::Opex => "Opex",
            F::RunCostPerYear => "Run cost per year",
            F::Fte => "FTE",
            F::Vendors => "Vendors",
            F::RiskLikelihood => "Risk likelihood",
            F::RiskImpact => "Risk impact",
            F::BusinessValue => "Business value",
            F::TimeCriticality => "Time criticality",
            F::RiskReduction => "Risk reduction",
            F::JobSize => "Job size",
            F::FundingLock => "Funding lock",
            F::InitiativeId => "Initiative id",
            F::Initiative => "Initiative",
            F::GoalId => "Goal id",
            F::Goal => "Goal",
            F::Contribution => "Contribution",
            F::CapabilityId => "Capability id",
            F::Capability => "Capability",
            F::MaturityAfter => "Maturity after",
            F::DependsOnId => "Depends on id",
            F::DependsOn => "Depends on",
            F::Milestone => "Milestone",
            F::MilestoneMonth => "Month",
            F::CriterionId => "Criterion id",
            F::Criterion => "Criterion",
            F::CriterionValue => "Value",
        }
    }

    /// Other column names taken for this field (compared without case, spaces or punctuation;
    /// the JSON file's field names are among them).
    fn synonyms(self) -> &'static [&'static str] {
        use Field as F;
        match self {
            F::Id => &["key", "identifier", "ref", "reference"],
            F::Name => &["title"],
            F::Description => &["desc", "details", "notes"],
            F::Theme => &["strategictheme", "category"],
            F::Weight => &["goalweight", "priority"],
            F::Owner => &["responsible", "accountable"],
            F::Kpi => &["kpiname", "metric", "measure"],
            F::KpiBaseline => &["baseline"],
            F::KpiTarget => &["target"],
            F::KpiDue => &["due", "duedate", "targetdate"],
            F::KpiUnit => &["unit"],
            F::ParentId => &["parentcapabilityid"],
            F::Parent => &["parentname", "parentcapability"],
            F::Area => &["domain", "itmanagementarea"],
            F::CurrentMaturity => &["maturity", "asis", "asismaturity", "current"],
            F::TargetMaturity => &["tobe", "tobematurity", "target"],
            F::Importance => &["priority"],
            F::Risk => &["risklevel"],
            F::Compliance => &["frameworks", "regulations", "compliancetags"],
            F::Sponsor => &["businesssponsor"],
            F::Status => &["state"],
            F::Start => &["startmonth", "startdate", "from", "begin"],
            F::End => &["endmonth", "enddate", "finish", "to"],
            F::Capex => &["capitalexpenditure", "capital"],
            F::Opex => &["operatingexpenditure", "operating"],
            F::RunCostPerYear => &["runcost", "runningcost", "annualruncost", "runcostyear"],
            F::Fte => &["ftes", "people", "effort", "headcount"],
            F::Vendors => &["vendor", "suppliers", "supplier"],
            F::RiskLikelihood => &["likelihood", "probability"],
            F::RiskImpact => &["impact"],
            // WSJF's words (SAFe: "user-business value", "risk reduction / opportunity
            // enablement") and the JSON file's path (scoring.business_value).
            F::BusinessValue => &["userbusinessvalue", "ubv", "bv", "scoringbusinessvalue"],
            F::TimeCriticality => &["urgency", "tc", "scoringtimecriticality"],
            F::RiskReduction => &[
                "riskreductionopportunityenablement",
                "riskreductionandopportunityenablement",
                "rroe",
                "opportunityenablement",
                "scoringriskreduction",
            ],
            F::JobSize => &["size", "relativesize", "jobduration", "scoringjobsize"],
            F::FundingLock => &["lock", "fundingdecision", "optimiserlock", "optimizerlock"],
            F::InitiativeId => &["projectid"],
            F::Initiative => &["initiativename", "project", "projectname"],
            F::GoalId => &[],
            F::Goal => &["goalname"],
            F::Contribution => &["strength"],
            F::CapabilityId => &[],
            F::Capability => &["capabilityname"],
            F::MaturityAfter => &["maturity", "targetmaturity"],
            F::DependsOnId => &["predecessorid"],
            F::DependsOn => &["predecessor", "predecessorname"],
            F::Milestone => &["milestonename", "name"],
            F::MilestoneMonth => &["milestonemonth", "date", "due"],
            F::CriterionId => &[],
            F::Criterion => &["criterionname", "scoringcriterion"],
            F::CriterionValue => &["criterionvalue", "score", "rating"],
        }
    }

    /// Free text written by people (as opposed to numbers, months and Cairn's own words):
    /// these cells are guarded against formula injection.
    fn is_text(self) -> bool {
        use Field as F;
        !matches!(
            self,
            F::Weight
                | F::KpiBaseline
                | F::KpiTarget
                | F::KpiDue
                | F::CurrentMaturity
                | F::TargetMaturity
                | F::Importance
                | F::Risk
                | F::Status
                | F::Start
                | F::End
                | F::Capex
                | F::Opex
                | F::RunCostPerYear
                | F::Fte
                | F::RiskLikelihood
                | F::RiskImpact
                | F::BusinessValue
                | F::TimeCriticality
                | F::RiskReduction
                | F::JobSize
                | F::FundingLock
                | F::Contribution
                | F::MaturityAfter
                | F::MilestoneMonth
                | F::CriterionValue
        )
    }
}

/// Lower case, letters and digits only: "Run cost / year" and "run_cost_per_year" compare
/// equal.
fn normalize(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether a column named `norm` (normalized) holds `field` of `table`.
fn field_matches(table: Table, field: Field, norm: &str) -> bool {
    if norm.is_empty() {
        return false;
    }
    if normalize(field.header()) == norm || field.synonyms().contains(&norm) {
        return true;
    }
    // "Goal id" and "Goal name" in the goals table.
    match (table.item_kind(), field) {
        (Some(kind), Field::Id) => norm == format!("{}id", kind.noun()),
        (Some(kind), Field::Name) => norm == kind.noun() || norm == format!("{}name", kind.noun()),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Cells: formula neutralisation, lists, numbers, months

/// Characters that make a spreadsheet read a cell as a formula (OWASP's list).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written: with an apostrophe in front when it would start a formula. A text
/// that already starts with apostrophes followed by such a character gets one more, so that
/// [`unneutralise`] gives back exactly the original.
pub fn neutralise(text: &str) -> String {
    let rest = text.trim_start_matches('\'');
    if rest.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`neutralise`]: takes off one apostrophe in front of a cell whose text after the
/// apostrophes starts a formula. Other apostrophes are kept ("'til" stays "'til").
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// A list cell: items joined with "; ". An item that is empty, contains ";", starts with a
/// quote or has spaces at either end is written in double quotes (a quote inside doubled).
fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| {
            let plain = !item.is_empty() && !item.contains(';') && !item.starts_with('"') && item.trim() == item;
            if plain {
                item.clone()
            } else {
                format!("\"{}\"", item.replace('"', "\"\""))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a list cell: items separated by ";", spaces around them dropped, empty items
/// skipped; an item in double quotes is taken exactly (see [`join_list`]).
fn split_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = cell;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return items;
        }
        if let Some((item, after)) = quoted_item(rest) {
            items.push(item);
            rest = after;
            continue;
        }
        let (item, after) = rest.split_once(';').unwrap_or((rest, ""));
        let item = item.trim();
        if !item.is_empty() {
            items.push(item.to_string());
        }
        rest = after;
    }
}

/// `"text" ;rest` -> (text, rest); `None` unless the closing quote is followed by nothing but
/// spaces up to a ";" or the end (then the quotes are part of an unquoted item).
fn quoted_item(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut item = String::new();
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '"' {
            item.push(c);
            continue;
        }
        if body[at + 1..].starts_with('"') {
            item.push('"');
            chars.next();
            continue;
        }
        let after = body[at + 1..].trim_start();
        return if after.is_empty() { Some((item, after)) } else { after.strip_prefix(';').map(|rest| (item, rest)) };
    }
    None
}

/// A number as written: in full, with a decimal point, no exponent ("250000", "40000.25").
/// Reading it back gives exactly the same number.
fn number_text(value: f64) -> String {
    format!("{value}")
}

/// Reads a number. Spaces (thousands separators in many languages) are ignored; in a file
/// separated by semicolons or tabs, a single decimal comma is read as a decimal point
/// ("1250,5"), as European spreadsheets write it.
fn parse_number(cell: &str, decimal_comma: bool) -> Result<f64, String> {
    let bad = || format!("\"{cell}\" is not a number (write digits with a decimal point, such as 1250.50)");
    let mut text: String = cell.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if decimal_comma && text.matches(',').count() == 1 && !text.contains('.') {
        text = text.replace(',', ".");
    }
    let plain = text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match text.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Ok(v),
        _ => Err(bad()),
    }
}

/// A whole number in `lo..=hi`.
fn parse_score(cell: &str, lo: u8, hi: u8) -> Result<u8, String> {
    cell.trim()
        .parse::<u8>()
        .ok()
        .filter(|v| (lo..=hi).contains(v))
        .ok_or_else(|| format!("\"{cell}\" must be a whole number from {lo} to {hi}"))
}

/// An estimate as written: empty when not estimated (0), so a spreadsheet's averages skip it.
fn estimate_text(value: u8) -> String {
    if value == 0 {
        String::new()
    } else {
        value.to_string()
    }
}

/// Reads an estimate: empty or 0 is "not estimated", otherwise a whole number up to
/// [`ESTIMATE_MAX`]. A number off the scale (such as 4) is read; the roadmap's rules warn.
fn parse_estimate(cell: &str) -> Result<u8, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u8>().ok().filter(|&v| v <= ESTIMATE_MAX).ok_or_else(|| {
        let scale = ESTIMATE_SCALE.map(|v| v.to_string()).join(", ");
        format!(
            "\"{cell}\" is not an estimate: write a whole number up to {ESTIMATE_MAX} (the scale is {scale}), or \
             leave it empty or 0 when not estimated"
        )
    })
}

/// Reads a funding lock: its label or its file key in any case ("Must not fund",
/// "must_not_fund"), "Optimizer decides" too; empty is no lock.
fn parse_funding_lock(cell: &str) -> Result<FundingLock, String> {
    let norm = normalize(cell);
    if cell.trim().is_empty() || norm == "optimizerdecides" {
        return Ok(FundingLock::None);
    }
    FundingLock::ALL.into_iter().find(|l| normalize(l.label()) == norm || normalize(l.key()) == norm).ok_or_else(|| {
        let names: Vec<&str> = FundingLock::ALL.iter().map(|l| l.label()).collect();
        format!("\"{cell}\" is not a funding lock ({})", names.join(", "))
    })
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a month: `YYYY-MM` as export writes it, and the forms a spreadsheet turns it into
/// when it is saved again: `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY/MM`, `MM/YYYY`, `Mar 2026`,
/// `March 2026`, `Mar-2026`, `Mar-26` (the day, if any, is dropped). Dates such as `3/1/2026`
/// are refused: the day and month could be either way round.
fn parse_month(cell: &str) -> Result<Month, String> {
    let t = cell.trim();
    let bad = || format!("\"{t}\" is not a month (YYYY-MM, such as 2026-03)");
    if let Ok(m) = Month::parse(t) {
        return Ok(m);
    }
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten()
    };
    let month = |year: i32, month: i32| u8::try_from(month).ok().and_then(|m| Month::new(year, m)).ok_or_else(bad);
    let parts: Vec<&str> = t.split(['-', '/', ' ', '.']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        // 2026-03-15 (ISO date: the day is dropped)
        [y, m, d] if number(y, 4..=4).is_some() && number(d, 1..=2).is_some_and(|d| (1..=31).contains(&d)) => {
            month(number(y, 4..=4).unwrap_or(0), number(m, 1..=2).ok_or_else(bad)?)
        }
        // 15.03.2026 (dotted dates are day first)
        [d, m, y]
            if t.contains('.')
                && number(y, 4..=4).is_some()
                && number(d, 1..=2).is_some_and(|d| (1..=31).contains(&d)) =>
        {
            month(number(y, 4..=4).unwrap_or(0), number(m, 1..=2).ok_or_else(bad)?)
        }
        // 2026/03, 03/2026
        [a, b] if number(a, 4..=4).is_some() && number(b, 1..=2).is_some() => {
            month(number(a, 4..=4).unwrap_or(0), number(b, 1..=2).unwrap_or(0))
        }
        [a, b] if number(a, 1..=2).is_some() && number(b, 4..=4).is_some() => {
            month(number(b, 4..=4).unwrap_or(0), number(a, 1..=2).unwrap_or(0))
        }
        // Mar 2026, March 2026, Mar-26
        [name, y] => {
            let name = name.to_lowercase();
            let m = MONTH_NAMES.iter().position(|full| name.len() >= 3 && full.starts_with(&name)).ok_or_else(bad)?;
            let year = match (number(y, 4..=4), number(y, 2..=2)) {
                (Some(y), _) => y,
                (None, Some(y)) => 2000 + y,
                _ => return Err(bad()),
            };
            month(year, m as i32 + 1)
        }
        _ => Err(bad()),
    }
}

fn month_text(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Export

/// What separates the cells of a row.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Delimiter {
    /// `,` (RFC 4180; Excel in English).
    #[default]
    Comma,
    /// `;` (Excel in most European languages, where the comma is the decimal separator).
    Semicolon,
    Tab,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// A date and time for the entries of a zip file (the domain has no clock; the app passes
/// the local time).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ZipTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ExportOptions {
    /// Start each file with a UTF-8 byte-order mark: Excel needs it to read accented letters
    /// correctly; LibreOffice reads either.
    pub bom: bool,
    pub delimiter: Delimiter,
    /// When the zip's files were made; `None` writes 1980-01-01, the earliest a zip can say.
    pub zip_time: Option<ZipTime>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { bom: true, delimiter: Delimiter::Comma, zip_time: None }
    }
}

/// One table as a CSV file: a header row and one row per item or link, lines ending in CRLF.
pub fn export_table(r: &Roadmap, table: Table, options: &ExportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    let fields = table.fields();
    let write = |w: &mut csv::Writer<Vec<u8>>, cells: Vec<String>| {
        let cells = cells.iter().zip(fields).map(|(c, f)| if f.is_text() { neutralise(c) } else { c.clone() });
        w.write_record(cells).expect("writing to memory cannot fail");
    };
    write(&mut writer, fields.iter().map(|f| f.header().to_string()).collect());
    for row in table_rows(r, table) {
        write(&mut writer, row);
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// The rows of a table, one cell per field, before formula neutralisation.
fn table_rows(r: &Roadmap, table: Table) -> Vec<Vec<String>> {
    let fields = table.fields();
    // Names by id, looked up once per roadmap (a large roadmap has tens of thousands of links).
    let names: HashMap<(ItemKind, &str), &str> = r
        .goals
        .iter()
        .map(|g| ((ItemKind::Goal, g.id.as_str()), g.name.as_str()))
        .chain(r.capabilities.iter().map(|c| ((ItemKind::Capability, c.id.as_str()), c.name.as_str())))
        .chain(r.initiatives.iter().map(|i| ((ItemKind::Initiative, i.id.as_str()), i.name.as_str())))
        .collect();
    let name_of =
        |kind: ItemKind, id: &str| -> String { names.get(&(kind, id)).copied().unwrap_or_default().to_string() };
    let links = |make: &dyn Fn(&Initiative) -> Vec<[String; 3]>| -> Vec<Vec<String>> {
        r.initiatives
            .iter()
            .flat_map(|i| make(i).into_iter().map(move |[a, b, c]| vec![i.id.clone(), i.name.clone(), a, b, c]))
            .map(|mut row| {
                row.truncate(fields.len());
                row
            })
            .collect()
    };
    match table {
        Table::Goals => r.goals.iter().map(|g| fields.iter().map(|&f| g.cell(r, f)).collect()).collect(),
        Table::Capabilities => r
            .capabilities
            .iter()
            .map(|c| {
                let parent = c.parent.as_deref().map(|p| name_of(ItemKind::Capability, p)).unwrap_or_default();
                fields.iter().map(|&f| if f == Field::Parent { parent.clone() } else { c.cell(r, f) }).collect()
            })
            .collect(),
        Table::Initiatives => r.initiatives.iter().map(|i| fields.iter().map(|&f| i.cell(r, f)).collect()).collect(),
        Table::GoalLinks => links(&|i| {
            i.goals
                .iter()
                .map(|l| [l.goal.clone(), name_of(ItemKind::Goal, &l.goal), l.contribution.to_string()])
                .collect()
        }),
        Table::CapabilityLinks => links(&|i| {
            i.capabilities
                .iter()
                .map(|l| {
                    [l.capability.clone(), name_of(ItemKind::Capability, &l.capability), l.maturity_after.to_string()]
                })
                .collect()
        }),
        Table::Dependencies => links(&|i| {
            i.depends_on.iter().map(|d| [d.clone(), name_of(ItemKind::Initiative, d), String::new()]).collect()
        }),
        Table::Milestones => {
            links(&|i| i.milestones.iter().map(|m| [m.name.clone(), month_text(m.month), String::new()]).collect())
        }
        Table::CriterionValues => {
            let criteria: HashMap<&str, &str> =
                r.scoring.criteria.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
            links(&|i| {
                i.scoring
                    .custom
                    .iter()
                    .map(|(id, &value)| {
                        [
                            id.clone(),
                            criteria.get(id.as_str()).copied().unwrap_or_default().to_string(),
                            number_text(value),
                        ]
                    })
                    .collect()
            })
        }
    }
}

/// All eight tables in one zip file, one CSV per table named as [`Table::file_name`] says,
/// deflated.
pub fn export_zip(r: &Roadmap, options: &ExportOptions) -> Vec<u8> {
    let files: Vec<(&str, Vec<u8>)> =
        Table::ALL.iter().map(|&t| (t.file_name(), export_table(r, t, options))).collect();
    zip(&files, options.zip_time)
}

/// A zip file (PKWARE APPNOTE 6.3) of deflated entries: local headers, data, central
/// directory, end record. No zip64: Cairn's tables stay far below 4 GB.
fn zip(files: &[(&str, Vec<u8>)], time: Option<ZipTime>) -> Vec<u8> {
    let (date, time) = match time {
        Some(t) => (
            (t.year.saturating_sub(1980).min(127)) << 9 | (t.month as u16) << 5 | t.day as u16,
            (t.hour as u16) << 11 | (t.minute as u16) << 5,
        ),
        None => (1 << 5 | 1, 0),
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    for (name, data) in files {
        let packed = compress(data);
        let (crc, offset) = (crc32(data), out.len() as u32);
        // Local file header.
        u32le(&mut out, 0x0403_4B50);
        for n in [20, 0, 8, time, date] {
            u16le(&mut out, n); // version needed 2.0, flags, deflate, time, date
        }
        for n in [crc, packed.len() as u32, data.len() as u32] {
            u32le(&mut out, n);
        }
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        // Its central directory entry.
        u32le(&mut central, 0x0201_4B50);
        for n in [20, 20, 0, 8, time, date] {
            u16le(&mut central, n); // made by 2.0, needed 2.0, flags, deflate, time, date
        }
        for n in [crc, packed.len() as u32, data.len() as u32] {
            u32le(&mut central, n);
        }
        for n in [name.len() as u16, 0, 0, 0, 0] {
            u16le(&mut central, n); // name, extra, comment lengths, disk, internal attributes
        }
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let directory_at = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4B50);
    for n in [0, 0, files.len() as u16, files.len() as u16] {
        u16le(&mut out, n);
    }
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, directory_at);
    u16le(&mut out, 0);
    out
}

// ---------------------------------------------------------------------------------------------
// Reading a file

/// A CSV file as read: its column names and rows, before any meaning is given to them.
#[derive(Clone, PartialEq, Debug)]
pub struct Parsed {
    /// The first row, trimmed.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The delimiter found: ',', ';' or '\t'.
    pub delimiter: char,
    /// Things the person should know, such as a guessed character encoding.
    pub warnings: Vec<String>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Row {
    /// The row number a spreadsheet shows for it (the header row is row 1).
    pub number: usize,
    pub cells: Vec<String>,
}

fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError { message: message.into() })
}

/// Reads a CSV file's bytes: strips a byte-order mark, reads UTF-8, UTF-16 (with its mark)
/// or else Windows-1252 (with a warning), honours Excel's `sep=;` first line, and finds the
/// delimiter (comma, semicolon or tab) from the header row.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ImportError> {
    check_size(bytes.len())?;
    let mut warnings = Vec::new();
    let text = decode_text(bytes, &mut warnings)?;
    let mut text = text.as_str();
    if text.trim().is_empty() {
        return refuse("The file is empty");
    }
    // Excel's hint line, "sep=;", which Excel itself does not show as a row.
    let mut delimiter = None;
    if let Some(rest) = text.strip_prefix("sep=") {
        let mut chars = rest.chars();
        if let (Some(d @ (',' | ';' | '\t' | '|')), Some('\r' | '\n')) = (chars.next(), chars.next()) {
            delimiter = Some(d);
            text = chars.as_str().strip_prefix('\n').unwrap_or(chars.as_str());
        }
    }
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // Rows as a spreadsheet numbers them: a blank line is a row, a cell spanning lines is not.
    let (mut extra_lines, mut last_row) = (0usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(String::new(), |p| format!(" (line {})", p.line()));
                return refuse(format!("This file could not be read as CSV{line}: {e}"));
            }
        }
        if records.len() > MAX_ROWS {
            return refuse(format!(
                "The file has more than {} rows; Cairn imports up to {} rows at a time. Split it into smaller files.",
                super::format::count(MAX_ROWS),
                super::format::count(MAX_ROWS)
            ));
        }
        if record.len() > MAX_COLUMNS {
            return refuse(format!(
                "Row {} has {} cells; Cairn imports up to {MAX_COLUMNS} columns.",
                last_row + 1,
                super::format::count(record.len())
            ));
        }
        // The reader skips blank lines but counts the record from the first of them.
        let (line, at) = record.position().map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
        let blank = blank_lines(text.get(at..).unwrap_or(""));
        let number = (line + blank).saturating_sub(extra_lines).max(last_row + 1);
        extra_lines += record.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        last_row = number;
        records.push(Row { number, cells: record.iter().map(str::to_string).collect() });
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else { return refuse("The file is empty") };
    let headers: Vec<String> =
        header.cells.iter().map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return refuse("The first row has no column names; Cairn needs a header row (such as Id, Name, …)");
    }
    Ok(Parsed { headers, rows: records.collect(), delimiter, warnings })
}

/// How many empty lines `text` starts with.
fn blank_lines(text: &str) -> usize {
    let mut rest = text;
    let mut count = 0;
    while let Some(after) = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')) {
        rest = after;
        count += 1;
    }
    count
}

/// The file's text, by its byte-order mark, else UTF-8, else Windows-1252.
fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, ImportError> {
    let utf16 = |bytes: &[u8], big_endian: bool| {
        if bytes.len() % 2 != 0 {
            return refuse("The file says it is UTF-16 but ends in half a character; save it again");
        }
        let units = bytes.chunks(2).map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .or_else(|_| refuse("The file says it is UTF-16 but is not; save it again as \"CSV UTF-8\""))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec())
            .or_else(|_| refuse("The file says it is UTF-8 but is not; save it again as \"CSV UTF-8\""));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    warnings.push(
        "The file is not UTF-8, so it was read as Western European (Windows-1252). If letters look wrong below, \
         save it as \"CSV UTF-8\" and import it again."
            .into(),
    );
    Ok(bytes.iter().map(|&b| windows_1252(b)).collect())
}

fn windows_1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// The delimiter used most often outside quotes in the first row (a comma when none is).
fn sniff_delimiter(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == c) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().fold((',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

// ---------------------------------------------------------------------------------------------
// Mapping columns to fields

/// Which field each column of a file is imported as; `None` leaves the column out.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Mapping {
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// The column imported as `field`, if any.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|&f| f == Some(field))
    }

    /// Imports `column` as `field` (or leaves it out): the person's change to the proposal. A
    /// field is imported from one column only, so another column holding it is left out.
    pub fn set(&mut self, column: usize, field: Option<Field>) {
        if field.is_some() {
            for f in self.columns.iter_mut().filter(|f| **f == field) {
                *f = None;
            }
        }
        if let Some(slot) = self.columns.get_mut(column) {
            *slot = field;
        }
    }
}

/// Proposes a field for each column by its name: export's own names, the JSON file's field
/// names and common synonyms, ignoring case, spaces and punctuation ("run_cost_per_year",
/// "Run cost / year" and "RUN COST" all find "Run cost per year"). Each field goes to the
/// first column that names it; an exact name wins over a synonym.
pub fn propose_mapping(table: Table, headers: &[String]) -> Mapping {
    let norms: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut columns = vec![None; headers.len()];
    let exact = |f: Field, n: &str| !n.is_empty() && normalize(f.header()) == n;
    let any = |f: Field, n: &str| field_matches(table, f, n);
    for pass in [&exact as &dyn Fn(Field, &str) -> bool, &any] {
        for (column, norm) in norms.iter().enumerate() {
            if columns[column].is_some() {
                continue;
            }
            let free = table.fields().iter().find(|&&f| !columns.contains(&Some(f)) && pass(f, norm));
            columns[column] = free.copied();
        }
    }
    Mapping { columns }
}

// ---------------------------------------------------------------------------------------------
// Preview

/// One problem of an import, for the row it is in (0 for the whole file).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RowError {
    pub row: usize,
    /// The whole message, "row 14: End "2026-13" is not a month (YYYY-MM, such as 2026-03)".
    pub message: String,
}

/// One item the import adds or changes.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Change {
    pub row: usize,
    /// `goal "Grow revenue"`.
    pub subject: String,
    /// What changes: the columns whose values differ ("Name, Weight"), or for link tables
    /// the new list ("3 goal links, was 1").
    pub detail: String,
}

/// What importing a file would do. Nothing has changed yet: apply `result` (one undo step)
/// when the person confirms, which is only possible when there are no errors.
#[derive(Clone, PartialEq, Debug)]
pub struct Preview {
    pub table: Table,
    pub errors: Vec<RowError>,
    /// Allowed, but worth a look: columns left out, a guessed encoding, new warnings of the
    /// roadmap's rules (such as dates outside the horizon).
    pub warnings: Vec<String>,
    pub added: Vec<Change>,
    pub updated: Vec<Change>,
    /// Rows that match an item exactly as it is.
    pub unchanged: usize,
    /// The roadmap after the import; `None` when there are errors.
    pub result: Option<Roadmap>,
}

impl Preview {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// "2 goals added, 1 updated, 5 unchanged" / "3 initiatives' goal links updated".
    pub fn summary(&self) -> String {
        let (one, many) = match self.table {
            Table::Goals => ("goal", "goals"),
            Table::Capabilities => ("capability", "capabilities"),
            Table::Initiatives => ("initiative", "initiatives"),
            _ => ("initiative", "initiatives"),
        };
        let n = |count: usize| if count == 1 { format!("1 {one}") } else { format!("{count} {many}") };
        if self.table.item_kind().is_none() {
            let what = self.table.title().to_lowercase();
            return format!("{} of {} changed, {} unchanged", what, n(self.updated.len()), self.unchanged);
        }
        format!("{} added, {} updated, {} unchanged", n(self.added.len()), self.updated.len(), self.unchanged)
    }
}

/// What importing `parsed` as `table`, with `mapping`, into `r` would do. Never changes `r`.
///
/// Items (goals, capabilities, initiatives) are matched by the Id column when a row has an id,
/// else by name (ignoring case and spaces at either end); a row that matches no item adds one.
/// Only the mapped columns change an existing item. Link tables replace the links of each
/// initiative they mention (in the file's order) and leave other initiatives' links alone.
/// The result must pass the roadmap's rules; errors it did not already have are listed.
pub fn preview(r: &Roadmap, table: Table, parsed: &Parsed, mapping: &Mapping) -> Preview {
    let mut p = Preview {
        table,
        errors: Vec::new(),
        warnings: parsed.warnings.clone(),
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        result: None,
    };
    let left_out: Vec<String> = parsed
        .headers
        .iter()
        .enumerate()
        .filter(|&(c, h)| !h.is_empty() && mapping.columns.get(c).copied().flatten().is_none())
        .map(|(_, h)| format!("\"{h}\""))
        .collect();
    if !left_out.is_empty() {
        p.warnings.push(format!("Not imported (no field chosen): {}", left_out.join(", ")));
    }
    let ctx = Ctx { parsed, mapping, decimal_comma: parsed.delimiter != ',' };
    let rows = ctx.rows(&mut p.errors);
    let outcome = match table {
        Table::Goals => import_items::<Goal>(r, &ctx, &rows, &mut p),
        Table::Capabilities => import_items::<Capability>(r, &ctx, &rows, &mut p),
        Table::Initiatives => import_items::<Initiative>(r, &ctx, &rows, &mut p),
        _ => import_links(r, table, &ctx, &rows, &mut p),
    };
    let Some((result, row_of)) = outcome else { return p };
    if !p.errors.is_empty() {
        return p;
    }
    // The roadmap's rules: only problems the import brings count.
    let before = validate(r);
    let after = validate(&result);
    for problem in new_errors_among(&before, &after) {
        let row = row_of.get(&problem.id).copied().unwrap_or(0);
        p.errors.push(row_error(row, problem.message));
    }
    let old_warnings: HashSet<&str> = before.iter().filter(|w| !w.is_error()).map(|w| w.message.as_str()).collect();
    p.warnings.extend(
        after.iter().filter(|w| !w.is_error() && !old_warnings.contains(w.message.as_str())).map(Problem::to_string),
    );
    if p.errors.is_empty() {
        p.result = Some(result);
    }
    p
}

fn row_error(row: usize, message: String) -> RowError {
    let message = if row == 0 { message } else { format!("row {row}: {message}") };
    RowError { row, message }
}

/// The file and its mapping, with cell access by field.
struct Ctx<'a> {
    parsed: &'a Parsed,
    mapping: &'a Mapping,
    decimal_comma: bool,
}

impl<'a> Ctx<'a> {
    /// The rows to import: blank rows skipped; a row with more non-empty cells than the header
    /// has columns is an error.
    fn rows(&self, errors: &mut Vec<RowError>) -> Vec<&'a Row> {
        let width = self.parsed.headers.len();
        let mut out = Vec::new();
        for row in &self.parsed.rows {
            if row.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if row.cells.iter().skip(width).any(|c| !c.trim().is_empty()) {
                errors.push(row_error(
                    row.number,
                    format!(
                        "has {} cells, but the header row has {width} columns (a text containing \"{}\" may be \
                         missing its quotes)",
                        row.cells.len(),
                        self.parsed.delimiter.escape_default()
                    ),
                ));
                continue;
            }
            out.push(row);
        }
        out
    }

    fn mapped(&self, field: Field) -> bool {
        self.mapping.column_of(field).is_some()
    }

    /// The cell of `field` in `row`, apostrophe against formulas taken off; `None` when no
    /// column is mapped to the field, `""` for a missing cell.
    fn get(&self, row: &'a Row, field: Field) -> Option<&'a str> {
        let column = self.mapping.column_of(field)?;
        Some(unneutralise(row.cells.get(column).map_or("", String::as_str)))
    }

    /// The cell, when mapped and not blank.
    fn filled(&self, row: &'a Row, field: Field) -> Option<&'a str> {
        self.get(row, field).filter(|c| !c.trim().is_empty())
    }

    /// How the file names the column of `field` (for messages).
    fn header(&self, field: Field) -> &str {
        self.mapping
            .column_of(field)
            .and_then(|c| self.parsed.headers.get(c))
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .unwrap_or(field.header())
    }
}

/// A goal, capability or initiative as a row of its table.
trait Item: Clone + PartialEq + Default {
    const KIND: ItemKind;
    const TABLE: Table;
    /// Prefix of the ids of new items, as the editor makes them.
    const ID_PREFIX: &'static str;
    fn id(&self) -> &str;
    fn set_id(&mut self, id: Id);
    fn name(&self) -> &str;
    fn list(r: &Roadmap) -> &Vec<Arc<Self>>;
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>>;
    /// The cell of `field` as export writes it (before neutralisation).
    fn cell(&self, r: &Roadmap, field: Field) -> String;
    /// Sets `field` from a cell (apostrophe already taken off). The error is the part of the
    /// message after the column name: "\"2026-13\" is not a month …".
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String>;
    /// Capabilities only: the parent, resolved after all rows are read.
    fn set_parent(&mut self, _parent: Option<Id>) {}
}

/// Text fields are taken exactly as written (spaces kept).
fn text(cell: &str) -> String {
    cell.to_string()
}

/// A score: an empty cell keeps the current value.
fn score(target: &mut u8, cell: &str, lo: u8, hi: u8) -> Result<(), String> {
    if !cell.trim().is_empty() {
        *target = parse_score(cell, lo, hi)?;
    }
    Ok(())
}

/// An amount: an empty cell is 0.
fn amount(cell: &str, decimal_comma: bool) -> Result<f64, String> {
    if cell.trim().is_empty() {
        Ok(0.0)
    } else {
        parse_number(cell, decimal_comma)
    }
}

/// A month: an empty cell is none.
fn month(cell: &str) -> Result<Option<Month>, String> {
    if cell.trim().is_empty() {
        Ok(None)
    } else {
        parse_month(cell).map(Some)
    }
}

impl Item for Goal {
    const KIND: ItemKind = ItemKind::Goal;
    const TABLE: Table = Table::Goals;
    const ID_PREFIX: &'static str = "goal";
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn list(r: &Roadmap) -> &Vec<Arc<Self>> {
        &r.goals
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.goals
    }
    fn cell(&self, _: &Roadmap, field: Field) -> String {
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::Theme => self.theme.clone(),
            Field::Weight => self.weight.to_string(),
            Field::Owner => self.owner.clone(),
            Field::Kpi => self.kpi.name.clone(),
            Field::KpiBaseline => number_text(self.kpi.baseline),
            Field::KpiTarget => number_text(self.kpi.target),
            Field::KpiUnit => self.kpi.unit.clone(),
            Field::KpiDue => month_text(self.kpi.due),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::Theme => self.theme = text(cell),
            Field::Weight => score(&mut self.weight, cell, 1, 5)?,
            Field::Owner => self.owner = text(cell),
            Field::Kpi => self.kpi.name = text(cell),
            Field::KpiBaseline => self.kpi.baseline = amount(cell, decimal_comma)?,
            Field::KpiTarget => self.kpi.target = amount(cell, decimal_comma)?,
            Field::KpiUnit => self.kpi.unit = text(cell),
            Field::KpiDue => self.kpi.due = month(cell)?,
            _ => {}
        }
        Ok(())
    }
}

impl Item for Capability {
    const KIND: ItemKind = ItemKind::Capability;
    const TABLE: Table = Table::Capabilities;
    const ID_PREFIX: &'static str = "cap";
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn list(r: &Roadmap) -> &Vec<Arc<Self>> {
        &r.capabilities
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.capabilities
    }
    fn cell(&self, r: &Roadmap, field: Field) -> String {
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::ParentId => self.parent.clone().unwrap_or_default(),
            Field::Parent => {
                self.parent.as_deref().and_then(|p| r.capability(p)).map(|p| p.name.clone()).unwrap_or_default()
            }
            Field::Area => self.area.clone(),
            Field::CurrentMaturity => self.current_maturity.to_string(),
            Field::TargetMaturity => self.target_maturity.to_string(),
            Field::Importance => self.importance.to_string(),
            Field::Risk => self.risk.label().to_string(),
            Field::Compliance => join_list(&self.compliance),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, _: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::Area => self.area = text(cell),
            Field::CurrentMaturity => score(&mut self.current_maturity, cell, 0, 5)?,
            Field::TargetMaturity => score(&mut self.target_maturity, cell, 0, 5)?,
            Field::Importance => score(&mut self.importance, cell, 1, 5)?,
            Field::Risk if !cell.trim().is_empty() => {
                self.risk = Risk::from_key(cell)
                    .ok_or_else(|| format!("\"{cell}\" is not a risk level (Low, Medium, High or Critical)"))?
            }
            Field::Compliance => self.compliance = split_list(cell),
            _ => {}
        }
        Ok(())
    }
    fn set_parent(&mut self, parent: Option<Id>) {
        self.parent = parent;
    }
}

impl Item for Initiative {
    const KIND: ItemKind = ItemKind::Initiative;
    const TABLE: Table = Table::Initiatives;
    const ID_PREFIX: &'static str = "ini";
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn list(r: &Roadmap) -> &Vec<Arc<Self>> {
        &r.initiatives
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.initiatives
    }
    fn cell(&self, _: &Roadmap, field: Field) -> String {
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::Owner => self.owner.clone(),
            Field::Sponsor => self.sponsor.clone(),
            Field::Status => self.status.label().to_string(),
            Field::Start => month_text(self.start),
            Field::End => month_text(self.end),
            Field::Capex => number_text(self.capex),
            Field::Opex => number_text(self.opex),
            Field::RunCostPerYear => number_text(self.run_cost_per_year),
            Field::Fte => number_text(self.fte),
            Field::Vendors => join_list(&self.vendors),
            Field::RiskLikelihood => self.risk.likelihood.to_string(),
            Field::RiskImpact => self.risk.impact.to_string(),
            Field::Compliance => join_list(&self.compliance),
            Field::BusinessValue => estimate_text(self.scoring.business_value),
            Field::TimeCriticality => estimate_text(self.scoring.time_criticality),
            Field::RiskReduction => estimate_text(self.scoring.risk_reduction),
            Field::JobSize => estimate_text(self.scoring.job_size),
            Field::FundingLock => self.funding_lock.label().to_string(),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::Owner => self.owner = text(cell),
            Field::Sponsor => self.sponsor = text(cell),
            Field::Status if !cell.trim().is_empty() => {
                self.status = Status::from_key(cell).ok_or_else(|| {
                    let names: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
                    format!("\"{cell}\" is not a status ({})", names.join(", "))
                })?
            }
            Field::Start => self.start = month(cell)?,
            Field::End => self.end = month(cell)?,
            Field::Capex => self.capex = amount(cell, decimal_comma)?,
            Field::Opex => self.opex = amount(cell, decimal_comma)?,
            Field::RunCostPerYear => self.run_cost_per_year = amount(cell, decimal_comma)?,
            Field::Fte => self.fte = amount(cell, decimal_comma)?,
            Field::Vendors => self.vendors = split_list(cell),
            Field::RiskLikelihood => score(&mut self.risk.likelihood, cell, 1, 5)?,
            Field::RiskImpact => score(&mut self.risk.impact, cell, 1, 5)?,
            Field::Compliance => self.compliance = split_list(cell),
            Field::BusinessValue => self.scoring.business_value = parse_estimate(cell)?,
            Field::TimeCriticality => self.scoring.time_criticality = parse_estimate(cell)?,
            Field::RiskReduction => self.scoring.risk_reduction = parse_estimate(cell)?,
            Field::JobSize => self.scoring.job_size = parse_estimate(cell)?,
            Field::FundingLock => self.funding_lock = parse_funding_lock(cell)?,
            _ => {}
        }
        Ok(())
    }
}

/// Names compare without case and without spaces at either end.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Ids of the form `{prefix}-{n}` not used anywhere in the roadmap (like
/// [`Roadmap::fresh_id`], without searching the whole roadmap for each new item).
struct FreshIds {
    used: HashSet<Id>,
    next: usize,
}

impl FreshIds {
    fn new(r: &Roadmap) -> FreshIds {
        let used: HashSet<Id> = r
            .goals
            .iter()
            .map(|g| g.id.clone())
            .chain(r.capabilities.iter().map(|c| c.id.clone()))
            .chain(r.initiatives.iter().map(|i| i.id.clone()))
            .collect();
        FreshIds { next: used.len() + 1, used }
    }
    fn take(&mut self, prefix: &str) -> Id {
        loop {
            let id = format!("{prefix}-{}", self.next);
            self.next += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Where a row's item goes.
enum Target {
    Existing(usize),
    New,
}

/// Imports a table of goals, capabilities or initiatives. `None` when the file cannot be
/// imported at all (the error is in `p`); otherwise the roadmap and the row of each item id.
fn import_items<T: Item>(
    r: &Roadmap,
    ctx: &Ctx,
    rows: &[&Row],
    p: &mut Preview,
) -> Option<(Roadmap, HashMap<Id, usize>)> {
    let noun = T::KIND.noun();
    if !ctx.mapped(Field::Id) && !ctx.mapped(Field::Name) {
        p.errors.push(row_error(
            0,
            format!("No column is imported as Id or Name: choose the column that holds the {noun} names"),
        ));
        return None;
    }
    let existing = T::list(r);
    let index_of: HashMap<&str, usize> = existing.iter().enumerate().map(|(k, x)| (x.id(), k)).collect();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, x) in existing.iter().enumerate() {
        by_name.entry(name_key(x.name())).or_default().push(k);
    }
    let other_kinds: HashMap<&str, String> = r
        .goals
        .iter()
        .map(|g| (g.id.as_str(), ItemKind::Goal.subject(&g.name, &g.id)))
        .chain(r.capabilities.iter().map(|c| (c.id.as_str(), ItemKind::Capability.subject(&c.name, &c.id))))
        .chain(r.initiatives.iter().map(|i| (i.id.as_str(), ItemKind::Initiative.subject(&i.name, &i.id))))
        .filter(|(id, _)| !index_of.contains_key(id))
        .collect();
    let mut fresh = FreshIds::new(r);
    let mut row_of_id: HashMap<String, usize> = HashMap::new();
    let mut row_of_existing: HashMap<usize, usize> = HashMap::new();
    let mut row_of_new_name: HashMap<String, usize> = HashMap::new();
    // (row, target, item, parent cell)
    let mut read: Vec<(&Row, Target, T)> = Vec::new();

    for &row in rows {
        let n = row.number;
        let id = ctx.filled(row, Field::Id);
        let name = ctx.filled(row, Field::Name);
        let target = if let Some(id) = id {
            if let Some(first) = row_of_id.get(id) {
                p.errors.push(row_error(n, format!("{} \"{id}\" is already in row {first}", ctx.header(Field::Id))));
                continue;
            }
            if let Some(other) = other_kinds.get(id) {
                p.errors.push(row_error(n, format!("{} \"{id}\" is already used by {other}", ctx.header(Field::Id))));
                continue;
            }
            match index_of.get(id) {
                Some(&k) => Target::Existing(k),
                None => Target::New,
            }
        } else if let Some(name) = name {
            match by_name.get(&name_key(name)).map(Vec::as_slice) {
                Some([k]) => Target::Existing(*k),
                Some(many) if many.len() > 1 => {
                    p.errors.push(row_error(
                        n,
                        format!(
                            "{} {} are named \"{}\"; add an {} column to say which",
                            many.len(),
                            plural(noun),
                            name.trim(),
                            Field::Id.header()
                        ),
                    ));
                    continue;
                }
                _ => {
                    if let Some(first) = row_of_new_name.insert(name_key(name), n) {
                        p.errors.push(row_error(
                            n,
                            format!(
                                "{noun} \"{}\" is already in row {first}; give each row an Id to add both",
                                name.trim()
                            ),
                        ));
                        continue;
                    }
                    Target::New
                }
            }
        } else {
            p.errors.push(row_error(n, format!("has no {} and no {}", ctx.header(Field::Id), ctx.header(Field::Name))));
            continue;
        };
        if let Target::Existing(k) = target {
            if let Some(first) = row_of_existing.insert(k, n) {
                let x = &existing[k];
                p.errors.push(row_error(n, format!("{} is already in row {first}", T::KIND.subject(x.name(), x.id()))));
                continue;
            }
        }
        let mut item = match target {
            Target::Existing(k) => (*existing[k]).clone(),
            Target::New => {
                let mut item = T::default();
                item.set_id(match id {
                    Some(id) => {
                        fresh.used.insert(id.to_string());
                        id.to_string()
                    }
                    None => String::new(), // given below, once the given ids are known
                });
                item
            }
        };
        // A row found by its name keeps the item's name as it is ("crm" finds "CRM").
        let found_by_name = id.is_none() && matches!(target, Target::Existing(_));
        for &field in T::TABLE.fields() {
            if field == Field::Id || (field == Field::Name && found_by_name) {
                continue;
            }
            if let Some(cell) = ctx.get(row, field) {
                if let Err(why) = item.set(field, cell, ctx.decimal_comma) {
                    p.errors.push(row_error(n, format!("{} {why}", ctx.header(field))));
                }
            }
        }
        if item.name().trim().is_empty() {
            p.errors.push(row_error(n, format!("{} is empty; every {noun} needs a name", ctx.header(Field::Name))));
        }
        if let Some(id) = id {
            row_of_id.insert(id.to_string(), n);
        }
        read.push((row, target, item));
    }
    // Ids for new rows without one, now that every id the file gives is known.
    for (_, target, item) in read.iter_mut() {
        if matches!(target, Target::New) && item.id().is_empty() {
            item.set_id(fresh.take(T::ID_PREFIX));
        }
    }

    if T::KIND == ItemKind::Capability && (ctx.mapped(Field::ParentId) || ctx.mapped(Field::Parent)) {
        resolve_parents(r, ctx, &mut read, p);
    }

    let mut result = r.clone();
    let mut row_of = HashMap::new();
    let fields: Vec<Field> = T::TABLE.fields().iter().copied().filter(|&f| ctx.mapped(f)).collect();
    let list = T::list_mut(&mut result);
    let mut changed = Vec::new();
    for (row, target, item) in read {
        row_of.insert(item.id().to_string(), row.number);
        match target {
            Target::Existing(k) => {
                if *list[k] != item {
                    changed.push((row.number, k, item));
                } else {
                    p.unchanged += 1;
                }
            }
            Target::New => {
                p.added.push(Change {
                    row: row.number,
                    subject: T::KIND.subject(item.name(), item.id()),
                    detail: "new".into(),
                });
                list.push(Arc::new(item));
            }
        }
    }
    for (row, k, item) in changed {
        let old = &T::list(r)[k];
        let differs: Vec<&str> =
            fields.iter().filter(|&&f| old.cell(r, f) != item.cell(&result, f)).map(|&f| ctx.header(f)).collect();
        p.updated.push(Change { row, subject: T::KIND.subject(item.name(), item.id()), detail: differs.join(", ") });
        T::list_mut(&mut result)[k] = Arc::new(item);
    }
    Some((result, row_of))
}

fn plural(noun: &str) -> String {
    match noun {
        "capability" => "capabilities".into(),
        "criterion" => "criteria".into(),
        other => format!("{other}s"),
    }
}

/// Capabilities' parents, by Parent id, else by Parent name, among the roadmap's capabilities
/// and the file's; both cells empty makes a level-1 capability.
fn resolve_parents<T: Item>(r: &Roadmap, ctx: &Ctx, read: &mut [(&Row, Target, T)], p: &mut Preview) {
    // The capabilities after the import: the file's rows, and the roadmap's others.
    let in_file: HashSet<&str> = read.iter().map(|(_, _, c)| c.id()).collect();
    let mut ids: HashSet<String> = in_file.iter().map(|s| s.to_string()).collect();
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    for (_, _, c) in read.iter() {
        by_name.entry(name_key(c.name())).or_default().push(c.id().to_string());
    }
    for c in r.capabilities.iter().filter(|c| !in_file.contains(c.id.as_str())) {
        ids.insert(c.id.clone());
        by_name.entry(name_key(&c.name)).or_default().push(c.id.clone());
    }
    for (row, _, item) in read.iter_mut() {
        let n = row.number;
        let parent = if let Some(id) = ctx.filled(row, Field::ParentId) {
            if !ids.contains(id) {
                p.errors.push(row_error(
                    n,
                    format!(
                        "{} \"{id}\" is not a capability in this roadmap or this file",
                        ctx.header(Field::ParentId)
                    ),
                ));
                continue;
            }
            Some(id.to_string())
        } else if let Some(name) = ctx.filled(row, Field::Parent) {
            match by_name.get(&name_key(name)).map(Vec::as_slice) {
                Some([id]) => Some(id.clone()),
                Some(many) if many.len() > 1 => {
                    p.errors.push(row_error(
                        n,
                        format!(
                            "{} \"{}\": {} capabilities have this name; use the {} column to say which",
                            ctx.header(Field::Parent),
                            name.trim(),
                            many.len(),
                            Field::ParentId.header()
                        ),
                    ));
                    continue;
                }
                _ => {
                    p.errors.push(row_error(
                        n,
                        format!(
                            "{} \"{}\" is not a capability in this roadmap or this file",
                            ctx.header(Field::Parent),
                            name.trim()
                        ),
                    ));
                    continue;
                }
            }
        } else {
            None
        };
        item.set_parent(parent);
    }
}

/// Finds items of one kind (goals, capabilities, initiatives or scoring criteria) by id
/// (exactly) or by name (ignoring case and outer spaces).
struct Lookup<'a> {
    /// "goal", "criterion".
    noun: &'static str,
    by_id: HashMap<&'a str, &'a str>,
    by_name: HashMap<String, Vec<&'a str>>,
}

impl<'a> Lookup<'a> {
    fn new(noun: &'static str, items: impl Iterator<Item = (&'a str, &'a str)>) -> Lookup<'a> {
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
        for (id, name) in items {
            by_id.insert(id, name);
            by_name.entry(name_key(name)).or_default().push(id);
        }
        Lookup { noun, by_id, by_name }
    }

    /// The id of the item a row names with `id_field` or else `name_field`. `Ok(None)` when
    /// both are empty.
    fn find(&self, ctx: &Ctx, row: &Row, id_field: Field, name_field: Field) -> Result<Option<&'a str>, String> {
        let noun = self.noun;
        let hint = match noun {
            "initiative" => " (import the initiatives first)",
            "criterion" => " (criteria are set in the roadmap's scoring settings)",
            _ => "",
        };
        if let Some(id) = ctx.filled(row, id_field) {
            return self.by_id.get_key_value(id).map(|(id, _)| Some(*id)).ok_or_else(|| {
                format!("{} \"{id}\" is not {} {noun} in this roadmap{hint}", ctx.header(id_field), article(noun))
            });
        }
        let Some(name) = ctx.filled(row, name_field) else { return Ok(None) };
        match self.by_name.get(&name_key(name)).map(Vec::as_slice) {
            Some([id]) => Ok(Some(*id)),
            Some(many) if many.len() > 1 => Err(format!(
                "{} \"{}\": {} {} have this name; use the {} column to say which",
                ctx.header(name_field),
                name.trim(),
                many.len(),
                plural(noun),
                id_field.header()
            )),
            _ => Err(format!(
                "{} \"{}\" is not {} {noun} in this roadmap{hint}",
                ctx.header(name_field),
                name.trim(),
                article(noun)
            )),
        }
    }

    fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.by_id.get(id).copied().unwrap_or(id)
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// What a link table holds for one initiative.
#[derive(Clone, PartialEq)]
enum Links {
    Goals(Vec<GoalLink>),
    Capabilities(Vec<CapabilityLink>),
    Dependencies(Vec<Id>),
    Milestones(Vec<Milestone>),
    CriterionValues(BTreeMap<Id, f64>),
}

impl Links {
    fn of(table: Table, i: &Initiative) -> Links {
        match table {
            Table::GoalLinks => Links::Goals(i.goals.clone()),
            Table::CapabilityLinks => Links::Capabilities(i.capabilities.clone()),
            Table::Dependencies => Links::Dependencies(i.depends_on.clone()),
            Table::CriterionValues => Links::CriterionValues(i.scoring.custom.clone()),
            _ => Links::Milestones(i.milestones.clone()),
        }
    }
    /// No links, of the kind `table` holds.
    fn empty(table: Table) -> Links {
        match table {
            Table::GoalLinks => Links::Goals(Vec::new()),
            Table::CapabilityLinks => Links::Capabilities(Vec::new()),
            Table::Dependencies => Links::Dependencies(Vec::new()),
            Table::CriterionValues => Links::CriterionValues(BTreeMap::new()),
            _ => Links::Milestones(Vec::new()),
        }
    }
    fn len(&self) -> usize {
        match self {
            Links::Goals(v) => v.len(),
            Links::Capabilities(v) => v.len(),
            Links::Dependencies(v) => v.len(),
            Links::Milestones(v) => v.len(),
            Links::CriterionValues(v) => v.len(),
        }
    }
    fn apply(self, i: &mut Initiative) {
        match self {
            Links::Goals(v) => i.goals = v,
            Links::Capabilities(v) => i.capabilities = v,
            Links::Dependencies(v) => i.depends_on = v,
            Links::Milestones(v) => i.milestones = v,
            Links::CriterionValues(v) => i.scoring.custom = v,
        }
    }
    /// "3 goal links" / "1 dependency".
    fn count_text(table: Table, n: usize) -> String {
        let (one, many) = match table {
            Table::GoalLinks => ("goal link", "goal links"),
            Table::CapabilityLinks => ("capability link", "capability links"),
            Table::Dependencies => ("dependency", "dependencies"),
            Table::CriterionValues => ("criterion value", "criterion values"),
            _ => ("milestone", "milestones"),
        };
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    }
}

/// Imports a link table: each initiative it mentions gets exactly the links of its rows (for
/// criterion values: exactly the values of its rows).
fn import_links(
    r: &Roadmap,
    table: Table,
    ctx: &Ctx,
    rows: &[&Row],
    p: &mut Preview,
) -> Option<(Roadmap, HashMap<Id, usize>)> {
    let (target_id, target_name, value) = match table {
        Table::GoalLinks => (Field::GoalId, Field::Goal, Some(Field::Contribution)),
        Table::CapabilityLinks => (Field::CapabilityId, Field::Capability, Some(Field::MaturityAfter)),
        Table::Dependencies => (Field::DependsOnId, Field::DependsOn, None),
        Table::CriterionValues => (Field::CriterionId, Field::Criterion, Some(Field::CriterionValue)),
        _ => (Field::Milestone, Field::MilestoneMonth, None),
    };
    let mut missing = Vec::new();
    if !ctx.mapped(Field::InitiativeId) && !ctx.mapped(Field::Initiative) {
        missing.push(format!("{} or {}", Field::InitiativeId.header(), Field::Initiative.header()));
    }
    if !ctx.mapped(target_id) && !ctx.mapped(target_name) {
        missing.push(format!("{} or {}", target_id.header(), target_name.header()));
    }
    if let Some(v) = value.filter(|&v| !ctx.mapped(v)) {
        missing.push(v.header().to_string());
    }
    if !missing.is_empty() {
        p.errors.push(row_error(0, format!("No column is imported as {}", missing.join("; nor as "))));
        return None;
    }
    let initiative_names = || r.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str()));
    let initiatives = Lookup::new(ItemKind::Initiative.noun(), initiative_names());
    let targets = match table {
        Table::GoalLinks => {
            Lookup::new(ItemKind::Goal.noun(), r.goals.iter().map(|g| (g.id.as_str(), g.name.as_str())))
        }
        Table::CapabilityLinks => {
            Lookup::new(ItemKind::Capability.noun(), r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())))
        }
        Table::CriterionValues => {
            Lookup::new("criterion", r.scoring.criteria.iter().map(|c| (c.id.as_str(), c.name.as_str())))
        }
        _ => Lookup::new(ItemKind::Initiative.noun(), initiative_names()),
    };
    // Per initiative, in the order first mentioned: its first row and its new links.
    let mut order: Vec<&str> = Vec::new();
    let mut new_links: HashMap<&str, (usize, Links)> = HashMap::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for &row in rows {
        let n = row.number;
        let initiative = match initiatives.find(ctx, row, Field::InitiativeId, Field::Initiative) {
            Ok(Some(id)) => id,
            Ok(None) => {
                p.errors.push(row_error(
                    n,
                    format!("has no {} and no {}", ctx.header(Field::InitiativeId), ctx.header(Field::Initiative)),
                ));
                continue;
            }
            Err(why) => {
                p.errors.push(row_error(n, why));
                continue;
            }
        };
        let entry = new_links.entry(initiative).or_insert_with(|| {
            order.push(initiative);
            (n, Links::empty(table))
        });
        if let Links::Milestones(list) = &mut entry.1 {
            let name = ctx.get(row, Field::Milestone).unwrap_or("").to_string();
            match month(ctx.get(row, Field::MilestoneMonth).unwrap_or("")) {
                Ok(month) => list.push(Milestone { name, month }),
                Err(why) => p.errors.push(row_error(n, format!("{} {why}", ctx.header(Field::MilestoneMonth)))),
            }
            continue;
        }
        let target = match targets.find(ctx, row, target_id, target_name) {
            Ok(Some(id)) => id,
            Ok(None) => {
                p.errors
                    .push(row_error(n, format!("has no {} and no {}", ctx.header(target_id), ctx.header(target_name))));
                continue;
            }
            Err(why) => {
                p.errors.push(row_error(n, why));
                continue;
            }
        };
        if let Some(first) = seen.insert((initiative, target), n) {
            let what = match table {
                Table::Dependencies => "depends on",
                Table::CriterionValues => "has a value for",
                _ => "links",
            };
            p.errors.push(row_error(
                n,
                format!(
                    "initiative \"{}\" {what} {} \"{}\" already in row {first}",
                    initiatives.name(initiative),
                    targets.noun,
                    targets.name(target)
                ),
            ));
            continue;
        }
        let cell = value.and_then(|v| ctx.get(row, v)).unwrap_or("");
        let header = value.map_or("", |v| ctx.header(v));
        match &mut entry.1 {
            Links::Goals(list) => match parse_contribution(cell) {
                Ok(contribution) => list.push(GoalLink { goal: target.to_string(), contribution }),
                Err(why) => p.errors.push(row_error(n, format!("{header} {why}"))),
            },
            Links::Capabilities(list) => match parse_score(cell, 0, 5) {
                Ok(maturity_after) => list.push(CapabilityLink { capability: target.to_string(), maturity_after }),
                Err(why) => p.errors.push(row_error(n, format!("{header} {why}"))),
            },
            Links::Dependencies(list) => list.push(target.to_string()),
            // An empty cell: no value for that criterion.
            Links::CriterionValues(_) if cell.trim().is_empty() => {}
            Links::CriterionValues(values) => match parse_number(cell, ctx.decimal_comma) {
                Ok(value) => {
                    values.insert(target.to_string(), value);
                }
                Err(why) => p.errors.push(row_error(n, format!("{header} {why}"))),
            },
            Links::Milestones(_) => {}
        }
    }
    let mut result = r.clone();
    let position: HashMap<&str, usize> = r.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut row_of = HashMap::new();
    for id in order {
        let Some((row, links)) = new_links.remove(id) else { continue };
        row_of.insert(id.to_string(), row);
        let Some(&k) = position.get(id) else { continue };
        let old = Links::of(table, &r.initiatives[k]);
        if old == links {
            p.unchanged += 1;
            continue;
        }
        // Only changed initiatives are copied; the others stay shared with `r`.
        let i = Arc::make_mut(&mut result.initiatives[k]);
        p.updated.push(Change {
            row,
            subject: ItemKind::Initiative.subject(&i.name, &i.id),
            detail: format!("{}, was {}", Links::count_text(table, links.len()), old.len()),
        });
        links.apply(i);
    }
    Some((result, row_of))
}

/// A contribution: 1, 2 or 3, or the words Cairn shows for them.
fn parse_contribution(cell: &str) -> Result<u8, String> {
    match cell.trim().to_lowercase().as_str() {
        "1" | "some" => Ok(1),
        "2" | "strong" => Ok(2),
        "3" | "decisive" => Ok(3),
        _ => Err(format!("\"{cell}\" must be 1 (some), 2 (strong) or 3 (decisive)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compress::decompress_with_limit;
    use crate::domain::file_format::testing;
    use crate::domain::generate::generate;
    use crate::domain::model::{
        default_criteria, Criterion, CriterionSource, Horizon, Kpi, RiskScore, Scoring, ScoringInputs, ScoringModel,
    };
    use proptest::prelude::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// The entered criterion of [`sample`]: "Strategic fit", 1 to 5.
    fn fit() -> Criterion {
        Criterion { id: "fit".into(), name: "Strategic fit".into(), weight: 10.0, ..Criterion::default() }
    }

    /// Two goals, three capabilities, three initiatives, every kind of link, estimates, locks
    /// and values of an entered criterion.
    fn sample() -> Roadmap {
        Roadmap {
            name: "Test".into(),
            horizon: Horizon { start: m("2026-01"), end: m("2028-12") },
            scoring: Scoring { model: ScoringModel::Weighted, criteria: [default_criteria(), vec![fit()]].concat() },
            goals: vec![
                Arc::new(Goal {
                    id: "g1".into(),
                    name: "Grow revenue".into(),
                    description: "Online, mostly".into(),
                    theme: "Growth".into(),
                    weight: 4,
                    owner: "CCO".into(),
                    kpi: Kpi {
                        name: "Online share".into(),
                        baseline: -5.0,
                        target: 30.5,
                        unit: "%".into(),
                        due: Some(m("2027-12")),
                    },
                }),
                Arc::new(Goal { id: "g2".into(), name: "Cut risk".into(), ..Goal::default() }),
            ],
            capabilities: vec![
                Arc::new(Capability { id: "c1".into(), name: "Service".into(), ..Capability::default() }),
                Arc::new(Capability {
                    id: "c2".into(),
                    name: "Incidents".into(),
                    parent: Some("c1".into()),
                    area: "IT operations".into(),
                    current_maturity: 1,
                    target_maturity: 4,
                    importance: 5,
                    risk: Risk::High,
                    compliance: vec!["ISO 27001".into(), "GDPR".into()],
                    ..Capability::default()
                }),
                Arc::new(Capability {
                    id: "c3".into(),
                    name: "Triage".into(),
                    parent: Some("c2".into()),
                    ..Capability::default()
                }),
            ],
            initiatives: vec![
                Arc::new(Initiative {
                    id: "i1".into(),
                    name: "CRM rollout".into(),
                    status: Status::InProgress,
                    start: Some(m("2026-03")),
                    end: Some(m("2026-11")),
                    milestones: vec![Milestone { name: "Pilot".into(), month: Some(m("2026-06")) }],
                    capex: 250_000.0,
                    opex: 40_000.25,
                    run_cost_per_year: 30_000.0,
                    fte: 3.5,
                    vendors: vec!["Salesforce".into(), "Acme; Partners".into()],
                    risk: RiskScore { likelihood: 2, impact: 4 },
                    goals: vec![GoalLink { goal: "g1".into(), contribution: 3 }],
                    capabilities: vec![CapabilityLink { capability: "c2".into(), maturity_after: 3 }],
                    scoring: ScoringInputs {
                        business_value: 8,
                        time_criticality: 13,
                        risk_reduction: 0,
                        job_size: 20,
                        custom: [("fit".to_string(), 4.5)].into(),
                    },
                    funding_lock: FundingLock::MustFund,
                    ..Initiative::default()
                }),
                Arc::new(Initiative {
                    id: "i2".into(),
                    name: "Data platform".into(),
                    depends_on: vec!["i1".into()],
                    goals: vec![
                        GoalLink { goal: "g1".into(), contribution: 1 },
                        GoalLink { goal: "g2".into(), contribution: 2 },
                    ],
                    scoring: ScoringInputs {
                        business_value: 1,
                        custom: [("fit".to_string(), 2.0)].into(),
                        ..ScoringInputs::default()
                    },
                    funding_lock: FundingLock::MustNotFund,
                    ..Initiative::default()
                }),
                Arc::new(Initiative { id: "i3".into(), name: "Intranet".into(), ..Initiative::default() }),
            ],
            ..Roadmap::default()
        }
    }

    fn csv_text(r: &Roadmap, table: Table) -> String {
        let options = ExportOptions { bom: false, ..ExportOptions::default() };
        String::from_utf8(export_table(r, table, &options)).unwrap()
    }

    /// Imports `text` as `table` into `r` with the proposed mapping.
    fn import(r: &Roadmap, table: Table, text: &str) -> Preview {
        let parsed = parse(text.as_bytes()).unwrap();
        let mapping = propose_mapping(table, &parsed.headers);
        preview(r, table, &parsed, &mapping)
    }

    fn errors(p: &Preview) -> Vec<&str> {
        p.errors.iter().map(|e| e.message.as_str()).collect()
    }

    /// The only error of importing `text`.
    fn one_error(r: &Roadmap, table: Table, text: &str) -> String {
        let p = import(r, table, text);
        assert!(p.result.is_none(), "a preview with errors has no result");
        assert_eq!(p.errors.len(), 1, "{:#?}", p.errors);
        p.errors[0].message.clone()
    }

    /// `r` without goals, capabilities and initiatives (its settings kept).
    fn emptied(r: &Roadmap) -> Roadmap {
        Roadmap { goals: Vec::new(), capabilities: Vec::new(), initiatives: Vec::new(), ..r.clone() }
    }

    /// Exports every table of `r` and imports them, in order, into `r` emptied. The settings
    /// (horizon, budgets, capacity, the scoring model and criteria) are not in the files: they
    /// are those of the roadmap imported into, here `r`'s own, so comparing the whole roadmap
    /// compares exactly what the files carry.
    fn round_trip(r: &Roadmap, options: &ExportOptions) -> Result<Roadmap, String> {
        let mut current = emptied(r);
        for table in Table::ALL {
            let parsed = parse(&export_table(r, table, options)).map_err(|e| e.message)?;
            let mapping = propose_mapping(table, &parsed.headers);
            if mapping.columns.iter().any(Option::is_none) {
                return Err(format!("{table:?}: a column was not mapped: {:?}", parsed.headers));
            }
            let p = preview(&current, table, &parsed, &mapping);
            current = p.result.ok_or_else(|| format!("{table:?}: {:#?}", p.errors))?;
        }
        Ok(current)
    }

    #[test]
    fn formula_cells_get_an_apostrophe_that_import_takes_off() {
        for (text, written) in [
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+31 20 555", "'+31 20 555"),
            ("-minus", "'-minus"),
            ("@cmd", "'@cmd"),
            ("\tindented", "'\tindented"),
            ("\rreturn", "'\rreturn"),
            ("'=already", "''=already"),
            ("''+twice", "'''+twice"),
            ("'til dawn", "'til dawn"),
            ("'", "'"),
            ("a=b", "a=b"),
            (" =spaced", " =spaced"),
            ("", ""),
        ] {
            assert_eq!(neutralise(text), written, "{text:?}");
            assert_eq!(unneutralise(written), text, "{written:?}");
        }
        // In a file: text cells only; numbers such as a negative KPI baseline stay numbers.
        let mut r = sample();
        r.goal_mut("g2").unwrap().name = "=HYPERLINK(\"http://x\")".into();
        let goals = csv_text(&r, Table::Goals);
        assert!(goals.contains("\r\ng2,\"'=HYPERLINK(\"\"http://x\"\")\","), "{goals}");
        assert!(goals.contains(",-5,30.5,"), "{goals}");
        let back = import(&emptied(&r), Table::Goals, &goals);
        assert_eq!(back.result.unwrap().goals, r.goals);
    }

    #[test]
    fn lists_are_joined_with_semicolons_and_quoted_when_needed() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(&list(&["SAP", "Oracle"])), "SAP; Oracle");
        assert_eq!(
            join_list(&list(&["Acme; Partners", " spaced", "", "\"Q\" Ltd", "5\" disks"])),
            "\"Acme; Partners\"; \" spaced\"; \"\"; \"\"\"Q\"\" Ltd\"; 5\" disks"
        );
        assert_eq!(join_list(&[]), "");
        // Reading: spaces and empty items dropped, quoted items exact, stray quotes kept.
        assert_eq!(split_list("SAP;Oracle ;  ; "), list(&["SAP", "Oracle"]));
        assert_eq!(
            split_list("\"Acme; Partners\"; \" spaced\"; \"\"; \"\"\"Q\"\" Ltd\""),
            list(&["Acme; Partners", " spaced", "", "\"Q\" Ltd"])
        );
        assert_eq!(split_list("\"Big\" Vendor; SAP"), list(&["\"Big\" Vendor", "SAP"]));
        assert_eq!(split_list("\"unclosed; SAP"), list(&["\"unclosed", "SAP"]));
        assert_eq!(split_list(""), Vec::<String>::new());
    }

    #[test]
    fn numbers_are_written_in_full_and_read_back_exactly() {
        assert_eq!(number_text(250_000.0), "250000");
        assert_eq!(number_text(40_000.25), "40000.25");
        assert_eq!(number_text(1e21), "1000000000000000000000");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(parse_number("0.30000000000000004", false), Ok(0.1 + 0.2));
        assert_eq!(parse_number(" 1 250.5 ", false), Ok(1250.5));
        assert_eq!(parse_number("1250,5", true), Ok(1250.5), "decimal comma in a semicolon file");
        assert_eq!(parse_number("1.5e3", false), Ok(1500.0));
        assert_eq!(parse_number("-3", false), Ok(-3.0));
        assert_eq!(
            parse_number("1,250", false),
            Err("\"1,250\" is not a number (write digits with a decimal point, such as 1250.50)".into())
        );
        for bad in ["12k", "€ 100", "inf", "NaN", "1.2.3", "1,2,3", "-"] {
            assert!(parse_number(bad, true).is_err(), "{bad}");
        }
        assert_eq!(parse_score("7", 1, 5), Err("\"7\" must be a whole number from 1 to 5".into()));
        assert_eq!(parse_score(" 0 ", 0, 5), Ok(0));
        assert!(parse_score("2.5", 0, 5).is_err());
    }

    #[test]
    fn months_in_the_forms_spreadsheets_save_them() {
        for (text, month) in [
            ("2026-03", "2026-03"),
            (" 2026-03 ", "2026-03"),
            ("2026-03-15", "2026-03"),
            ("2026/3", "2026-03"),
            ("03/2026", "2026-03"),
            ("Mar 2026", "2026-03"),
            ("march 2026", "2026-03"),
            ("Sept 2026", "2026-09"),
            ("Mar-26", "2026-03"),
            ("Dec-2027", "2027-12"),
            ("1.2026", "2026-01"),
            ("15.03.2026", "2026-03"),
        ] {
            assert_eq!(parse_month(text), Ok(m(month)), "{text}");
        }
        for bad in [
            "2026-13",
            "2026-00",
            "3/1/2026",
            "03-01-2026",
            "32.01.2026",
            "Ma 2026",
            "Marchy 2026",
            "26",
            "2026",
            "soon",
            "2026-03-32",
        ] {
            assert_eq!(
                parse_month(bad),
                Err(format!("\"{}\" is not a month (YYYY-MM, such as 2026-03)", bad.trim())),
                "{bad}"
            );
        }
    }

    #[test]
    fn export_writes_each_table_as_documented() {
        let r = sample();
        assert_eq!(
            csv_text(&r, Table::Goals),
            "Id,Name,Description,Theme,Weight,Owner,KPI,KPI baseline,KPI target,KPI unit,KPI due\r\n\
             g1,Grow revenue,\"Online, mostly\",Growth,4,CCO,Online share,-5,30.5,%,2027-12\r\n\
             g2,Cut risk,,,3,,,0,0,,\r\n"
        );
        assert_eq!(
            csv_text(&r, Table::Capabilities),
            "Id,Name,Description,Parent id,Parent,Area,Current maturity,Target maturity,Importance,Risk,Compliance\r\n\
             c1,Service,,,,,2,3,3,Medium,\r\n\
             c2,Incidents,,c1,Service,IT operations,1,4,5,High,ISO 27001; GDPR\r\n\
             c3,Triage,,c2,Incidents,,2,3,3,Medium,\r\n"
        );
        let initiatives = csv_text(&r, Table::Initiatives);
        assert_eq!(
            initiatives.lines().take(2).collect::<Vec<_>>(),
            [
                "Id,Name,Description,Owner,Sponsor,Status,Start,End,Capex,Opex,Run cost per year,FTE,Vendors,Risk likelihood,Risk impact,Compliance,Business value,Time criticality,Risk reduction,Job size,Funding lock",
                "i1,CRM rollout,,,,In progress,2026-03,2026-11,250000,40000.25,30000,3.5,\"Salesforce; \"\"Acme; Partners\"\"\",2,4,,8,13,,20,Must fund",
            ]
        );
        assert!(initiatives.contains("\r\ni2,Data platform,,,,Proposed,,,0,0,0,0,,3,3,,1,,,,Must not fund\r\n"));
        // Not estimated: empty cells.
        assert!(initiatives.ends_with("i3,Intranet,,,,Proposed,,,0,0,0,0,,3,3,,,,,,Optimiser decides\r\n"));
        assert_eq!(
            csv_text(&r, Table::GoalLinks),
            "Initiative id,Initiative,Goal id,Goal,Contribution\r\n\
             i1,CRM rollout,g1,Grow revenue,3\r\n\
             i2,Data platform,g1,Grow revenue,1\r\n\
             i2,Data platform,g2,Cut risk,2\r\n"
        );
        assert_eq!(
            csv_text(&r, Table::CapabilityLinks),
            "Initiative id,Initiative,Capability id,Capability,Maturity after\r\ni1,CRM rollout,c2,Incidents,3\r\n"
        );
        assert_eq!(
            csv_text(&r, Table::Dependencies),
            "Initiative id,Initiative,Depends on id,Depends on\r\ni2,Data platform,i1,CRM rollout\r\n"
        );
        assert_eq!(
            csv_text(&r, Table::Milestones),
            "Initiative id,Initiative,Milestone,Month\r\ni1,CRM rollout,Pilot,2026-06\r\n"
        );
        assert_eq!(
            csv_text(&r, Table::CriterionValues),
            "Initiative id,Initiative,Criterion id,Criterion,Value\r\n\
             i1,CRM rollout,fit,Strategic fit,4.5\r\n\
             i2,Data platform,fit,Strategic fit,2\r\n"
        );
    }

    #[test]
    fn export_options_bom_and_delimiter() {
        let r = sample();
        let with_bom = export_table(&r, Table::Dependencies, &ExportOptions::default());
        assert!(with_bom.starts_with(b"\xEF\xBB\xBFInitiative id,"));
        let semicolons = export_table(
            &r,
            Table::Goals,
            &ExportOptions { bom: false, delimiter: Delimiter::Semicolon, zip_time: None },
        );
        let text = String::from_utf8(semicolons).unwrap();
        assert!(text.contains("\r\ng1;Grow revenue;Online, mostly;Growth;4;"), "{text}");
        let tabs = export_table(
            &r,
            Table::Milestones,
            &ExportOptions { bom: false, delimiter: Delimiter::Tab, zip_time: None },
        );
        assert_eq!(tabs, b"Initiative id\tInitiative\tMilestone\tMonth\r\ni1\tCRM rollout\tPilot\t2026-06\r\n");
    }

    /// Reads a zip file the way unzip does: end record, central directory, local headers.
    fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
        let u32at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let end = bytes.len() - 22;
        assert_eq!(u32at(end), 0x0605_4B50, "end of central directory");
        let (count, dir_size, dir_at) = (u16at(end + 10), u32at(end + 12), u32at(end + 16));
        assert_eq!(dir_at + dir_size, end);
        let mut at = dir_at;
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32at(at), 0x0201_4B50);
            assert_eq!(u16at(at + 10), 8, "deflated");
            let (crc, packed, size, name_len, local) =
                (u32at(at + 16), u32at(at + 20), u32at(at + 24), u16at(at + 28), u32at(at + 42));
            let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(u32at(local), 0x0403_4B50);
            assert_eq!((u32at(local + 14), u32at(local + 18), u32at(local + 22)), (crc, packed, size));
            let data_at = local + 30 + u16at(local + 26) + u16at(local + 28);
            let data = decompress_with_limit(&bytes[data_at..data_at + packed], size).unwrap();
            assert_eq!((data.len(), crc32(&data) as usize), (size, crc));
            files.push((name, data));
            at += 46 + name_len;
        }
        files
    }

    #[test]
    fn the_zip_holds_every_table() {
        let r = sample();
        let options = ExportOptions {
            zip_time: Some(ZipTime { year: 2026, month: 5, day: 17, hour: 14, minute: 30 }),
            ..ExportOptions::default()
        };
        let zip = export_zip(&r, &options);
        let files = unzip(&zip);
        assert_eq!(
            files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            [
                "goals.csv",
                "capabilities.csv",
                "initiatives.csv",
                "goal-links.csv",
                "capability-links.csv",
                "dependencies.csv",
                "milestones.csv",
                "criterion-values.csv"
            ]
        );
        for ((_, data), table) in files.iter().zip(Table::ALL) {
            assert_eq!(data, &export_table(&r, table, &options));
        }
        // The date and time, in MS-DOS form: (2026-1980)<<9 | 5<<5 | 17 and 14<<11 | 30<<5.
        assert_eq!(
            &zip[10..14],
            &[(14u16 << 11 | 30 << 5).to_le_bytes(), (46u16 << 9 | 5 << 5 | 17).to_le_bytes()].concat()[..]
        );
        // Without a time: 1980-01-01 00:00.
        let plain = export_zip(&r, &ExportOptions::default());
        assert_eq!(&plain[10..14], &[0, 0, 0x21, 0]);
    }

    #[test]
    fn reads_bom_encodings_and_delimiters() {
        let expect = |p: &Parsed, delimiter: char| {
            assert_eq!(p.headers, ["Id", "Name"]);
            assert_eq!(p.rows, [Row { number: 2, cells: vec!["g1".into(), "Café".into()] }]);
            assert_eq!(p.delimiter, delimiter);
        };
        expect(&parse("Id,Name\r\ng1,Café\r\n".as_bytes()).unwrap(), ',');
        expect(&parse("\u{feff}Id;Name\ng1;Café".as_bytes()).unwrap(), ';');
        expect(&parse("Id\tName\ng1\tCafé\n".as_bytes()).unwrap(), '\t');
        expect(&parse(" Id , Name \ng1,Café\n".as_bytes()).unwrap(), ',');
        // Excel's "sep=" line sets the delimiter and is not a row.
        expect(&parse("sep=;\r\nId;Name\r\ng1;Café\r\n".as_bytes()).unwrap(), ';');
        // The delimiter is the one used most outside quotes in the header row.
        expect(
            &parse("\"Id,\";Name\ng1;Café".as_bytes())
                .map(|mut p| {
                    p.headers[0] = "Id".into();
                    p
                })
                .unwrap(),
            ';',
        );
        // UTF-16 with its byte-order mark (Excel's "Unicode text").
        let utf16le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Id\tName\ng1\tCafé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        expect(&parse(&utf16le).unwrap(), '\t');
        let utf16be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Id,Name\ng1,Café".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        expect(&parse(&utf16be).unwrap(), ',');
        // Not UTF-8: read as Windows-1252, with a warning.
        let p = parse(b"Id,Name\ng1,Caf\xE9\n").unwrap();
        expect(&p, ',');
        assert!(p.warnings[0].contains("read as Western European (Windows-1252)"), "{:?}", p.warnings);
        assert_eq!(parse(b"Id\n\x80\x93\x94\x9F").unwrap().rows[0].cells[0], "€“”Ÿ");
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let p = parse(b"Id,Name\ng1,\"two\nlines\"\n\ng2,After a blank line\ng3,x").unwrap();
        let numbers: Vec<usize> = p.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4, 5], "g1 is row 2 (one row, two lines); the blank line is row 3");
        let p = parse(b"\r\nId,Name\r\n\r\n\r\ng1,\"a\r\nb\r\nc\"\r\ng2,x\r\n\r\n").unwrap();
        assert_eq!(p.headers, ["Id", "Name"]);
        let numbers: Vec<usize> = p.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [5, 6], "blank rows 1, 3 and 4 count; g1's three lines are one row");
        let p = parse(b"sep=,\nId,Name\ng1,x\n").unwrap();
        assert_eq!(p.rows[0].number, 2, "the sep= line is not a row");
        let p = import(&sample(), Table::Initiatives, "Id,Start,End\ni1,2026-01,\"2026-02\"\n\ni2,2026-13,2026-12\n");
        assert_eq!(errors(&p), ["row 4: Start \"2026-13\" is not a month (YYYY-MM, such as 2026-03)"]);
    }

    #[test]
    fn refuses_files_it_cannot_read() {
        let err = |bytes: &[u8]| parse(bytes).unwrap_err().message;
        assert_eq!(err(b""), "The file is empty");
        assert_eq!(err(b"\xEF\xBB\xBF \r\n"), "The file is empty");
        assert_eq!(
            err(b",,\n1,2,3"),
            "The first row has no column names; Cairn needs a header row (such as Id, Name, \u{2026})"
        );
        assert_eq!(
            err(b"\xEF\xBB\xBFId\n\xFF"),
            "The file says it is UTF-8 but is not; save it again as \"CSV UTF-8\""
        );
        assert_eq!(err(b"\xFF\xFEI"), "The file says it is UTF-16 but ends in half a character; save it again");
        assert!(err(&vec![b' '; crate::domain::file_format::MAX_FILE_BYTES + 1]).contains("up to 20 MB"));
        let many_rows = format!("Id\n{}", "x\n".repeat(MAX_ROWS + 1));
        assert_eq!(err(many_rows.as_bytes()), "The file has more than 250,000 rows; Cairn imports up to 250,000 rows at a time. Split it into smaller files.");
        let wide = format!("Id{}\n", ",".repeat(MAX_COLUMNS));
        assert_eq!(err(wide.as_bytes()), "Row 1 has 501 cells; Cairn imports up to 500 columns.");
        // A header row alone is a file with nothing to import.
        let p = parse(b"Id,Name\r\n").unwrap();
        assert!(p.rows.is_empty());
        let preview = preview(&sample(), Table::Goals, &p, &propose_mapping(Table::Goals, &p.headers));
        assert_eq!(
            (preview.summary().as_str(), preview.result.as_ref()),
            ("0 goals added, 0 updated, 0 unchanged", Some(&sample()))
        );
    }

    #[test]
    fn columns_are_matched_by_name() {
        // Export's own headers map to their fields, for every table.
        for table in Table::ALL {
            let headers: Vec<String> = table.fields().iter().map(|f| f.header().to_string()).collect();
            let mapping = propose_mapping(table, &headers);
            assert_eq!(mapping.columns, table.fields().iter().map(|&f| Some(f)).collect::<Vec<_>>(), "{table:?}");
        }
        let headers: Vec<String> = [
            "initiative",
            "Start date",
            "END",
            "run_cost_per_year",
            "Capital expenditure",
            "Suppliers",
            "Colour",
            "Title",
            "Name",
            "Likelihood",
        ]
        .map(String::from)
        .to_vec();
        let mapping = propose_mapping(Table::Initiatives, &headers);
        assert_eq!(
            mapping.columns,
            [
                None, // "initiative" would be the name, but the "Name" column names it exactly
                Some(Field::Start),
                Some(Field::End),
                Some(Field::RunCostPerYear),
                Some(Field::Capex),
                Some(Field::Vendors),
                None,
                None, // "Title" likewise
                Some(Field::Name),
                Some(Field::RiskLikelihood),
            ]
        );
        // The JSON file's field names, and goal/capability words.
        let mapping = propose_mapping(
            Table::Capabilities,
            &["capability id", "Capability", "current_maturity", "To-be", "parent_id"].map(String::from),
        );
        assert_eq!(
            mapping.columns,
            [
                Some(Field::Id),
                Some(Field::Name),
                Some(Field::CurrentMaturity),
                Some(Field::TargetMaturity),
                Some(Field::ParentId)
            ]
        );
        // Scoring columns: WSJF's words, and the JSON file's field names.
        let mapping = propose_mapping(
            Table::Initiatives,
            &["Name", "User-business value", "Urgency", "RR|OE", "Size", "Lock"].map(String::from),
        );
        assert_eq!(
            mapping.columns,
            [
                Some(Field::Name),
                Some(Field::BusinessValue),
                Some(Field::TimeCriticality),
                Some(Field::RiskReduction),
                Some(Field::JobSize),
                Some(Field::FundingLock)
            ]
        );
        let mapping = propose_mapping(
            Table::Initiatives,
            &["business_value", "time_criticality", "risk_reduction", "job_size", "funding_lock"].map(String::from),
        );
        assert_eq!(
            mapping.columns,
            [
                Some(Field::BusinessValue),
                Some(Field::TimeCriticality),
                Some(Field::RiskReduction),
                Some(Field::JobSize),
                Some(Field::FundingLock)
            ]
        );
        let mapping =
            propose_mapping(Table::CriterionValues, &["Project", "Scoring criterion", "Score"].map(String::from));
        assert_eq!(mapping.columns, [Some(Field::Initiative), Some(Field::Criterion), Some(Field::CriterionValue)]);
        // A field comes from one column: the person's choice moves it.
        let mut mapping = propose_mapping(Table::Goals, &["Id", "Name", "Title"].map(String::from));
        assert_eq!(mapping.columns, [Some(Field::Id), Some(Field::Name), None]);
        mapping.set(2, Some(Field::Name));
        assert_eq!(mapping.columns, [Some(Field::Id), None, Some(Field::Name)]);
        mapping.set(0, None);
        assert_eq!(mapping.column_of(Field::Id), None);
        mapping.set(9, Some(Field::Theme)); // no such column: nothing happens
        assert_eq!(mapping.column_of(Field::Theme), None);
    }

    #[test]
    fn which_table_a_file_holds() {
        assert_eq!(Table::from_file_name("goals.csv"), Some(Table::Goals));
        assert_eq!(Table::from_file_name("C:\\exports\\Goal links (2).CSV"), Some(Table::GoalLinks));
        assert_eq!(Table::from_file_name("nordhaven_capability-links.csv"), Some(Table::CapabilityLinks));
        assert_eq!(Table::from_file_name("capabilities.csv"), Some(Table::Capabilities));
        assert_eq!(Table::from_file_name("Criterion values.csv"), Some(Table::CriterionValues));
        assert_eq!(Table::from_file_name("export.csv"), None);
        let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Table::guess("export.csv", &headers(&["Initiative", "Goal", "Contribution"])),
            Some(Table::GoalLinks)
        );
        assert_eq!(
            Table::guess("export.csv", &headers(&["Id", "Name", "Start", "End", "Capex"])),
            Some(Table::Initiatives)
        );
        assert_eq!(
            Table::guess("export.csv", &headers(&["Name", "Current maturity", "Target maturity"])),
            Some(Table::Capabilities)
        );
        assert_eq!(
            Table::guess("export.csv", &headers(&["Initiative", "Criterion", "Value"])),
            Some(Table::CriterionValues)
        );
        assert_eq!(Table::guess("export.csv", &headers(&["Name", "Colour"])), None, "Name alone fits three tables");
        assert_eq!(
            Table::guess("milestones.csv", &headers(&["Id", "Name"])),
            Some(Table::Milestones),
            "the file name wins"
        );
    }

    #[test]
    fn updates_match_by_id_or_name_and_change_only_mapped_columns() {
        let r = sample();
        // By name, ignoring case and spaces: the owner changes, nothing else.
        let p = import(&r, Table::Goals, "Name,Owner\n  grow REVENUE ,CEO\nCut risk,\n");
        assert_eq!(errors(&p), Vec::<&str>::new());
        let result = p.result.clone().unwrap();
        assert_eq!(result.goal("g1").unwrap().owner, "CEO");
        assert_eq!(result.goal("g1").unwrap().kpi, r.goal("g1").unwrap().kpi);
        assert_eq!(p.updated, [Change { row: 2, subject: "goal \"Grow revenue\"".into(), detail: "Owner".into() }]);
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.summary(), "0 goals added, 1 updated, 1 unchanged");
        // By id: a rename. New rows get fresh ids, in the editor's form.
        let p = import(
            &r,
            Table::Initiatives,
            "Id,Name,Start,End\ni3,Intranet 2.0,2026-02,2026-04\n,New one,,\n,Another,2027-01,2027-03\n",
        );
        assert_eq!(errors(&p), Vec::<&str>::new());
        let result = p.result.unwrap();
        assert_eq!(result.initiatives.len(), 5);
        assert_eq!(
            (result.initiatives[2].name.as_str(), result.initiatives[2].start),
            ("Intranet 2.0", Some(m("2026-02")))
        );
        assert_eq!(result.initiatives[3].id, "ini-9");
        assert_eq!(result.initiatives[4].id, "ini-10");
        assert_eq!(result.initiatives[4].status, Status::Proposed, "defaults for the columns not imported");
        assert_eq!(p.updated[0].detail, "Name, Start, End");
        assert_eq!(
            p.added.iter().map(|c| c.subject.as_str()).collect::<Vec<_>>(),
            ["initiative \"New one\"", "initiative \"Another\""]
        );
        // An empty score keeps the current value; an empty amount is 0; an empty month is none.
        let p = import(&r, Table::Initiatives, "Id,Status,Capex,Start,End,Risk impact\ni1,,,,,\n");
        let i = p.result.unwrap().initiative("i1").unwrap().clone();
        assert_eq!((i.status, i.capex, i.start, i.end, i.risk.impact), (Status::InProgress, 0.0, None, None, 4));
        // A new capability under a parent named in the same file, before it.
        let p = import(&r, Table::Capabilities, "Name,Parent\nProblem management,Service desk\nService desk,service\n");
        assert_eq!(errors(&p), Vec::<&str>::new());
        let result = p.result.unwrap();
        let desk = result.capabilities.iter().find(|c| c.name == "Service desk").unwrap();
        let problems = result.capabilities.iter().find(|c| c.name == "Problem management").unwrap();
        assert_eq!((desk.parent.as_deref(), problems.parent.as_deref()), (Some("c1"), Some(desk.id.as_str())));
        // Words Cairn shows are read too: labels, file keys, any case.
        let p = import(
            &r,
            Table::Initiatives,
            "Name,Status\nIntranet,on hold\nCRM rollout,DONE\nData platform,in_progress\n",
        );
        let result = p.result.unwrap();
        assert_eq!(
            result.initiatives.iter().map(|i| i.status).collect::<Vec<_>>(),
            [Status::Done, Status::InProgress, Status::OnHold]
        );
    }

    #[test]
    fn each_row_error_names_its_row_column_and_value() {
        let r = sample();
        let cases: [(Table, &str, &str); 16] = [
            (Table::Initiatives, "Id,Name,End\ni1,CRM,2026-13", "row 2: End \"2026-13\" is not a month (YYYY-MM, such as 2026-03)"),
            (Table::Initiatives, "Id,Capex\ni1,12k", "row 2: Capex \"12k\" is not a number (write digits with a decimal point, such as 1250.50)"),
            (Table::Initiatives, "Id,Status\ni1,urgent", "row 2: Status \"urgent\" is not a status (Idea, Proposed, Approved, In progress, Done, On hold, Cancelled)"),
            (Table::Goals, "Id,Goal weight\ng1,9", "row 2: Goal weight \"9\" must be a whole number from 1 to 5"),
            (Table::Capabilities, "Id,Risk\nc1,extreme", "row 2: Risk \"extreme\" is not a risk level (Low, Medium, High or Critical)"),
            (Table::Goals, "Id,Name\ng1,  ", "row 2: Name is empty; every goal needs a name"),
            (Table::Goals, "Id,Name\ng9,A\ng9,B", "row 3: Id \"g9\" is already in row 2"),
            (Table::Goals, "Id,Name\nc1,A", "row 2: Id \"c1\" is already used by capability \"Service\""),
            (Table::Goals, "Name\nNew\nnew ", "row 3: goal \"new\" is already in row 2; give each row an Id to add both"),
            (Table::Goals, "Id,Name\ng1,A\n,Grow revenue", "row 3: goal \"Grow revenue\" is already in row 2"),
            (Table::Goals, "Theme\nGrowth", "No column is imported as Id or Name: choose the column that holds the goal names"),
            (Table::Goals, "Id,Name\n,\n", ""), // a blank row is skipped: no error
            (Table::Goals, "Id,Name\ng3,\"A, B\",extra", "row 2: has 3 cells, but the header row has 2 columns (a text containing \",\" may be missing its quotes)"),
            (Table::Capabilities, "Id,Name,Parent id\nc9,New,c7", "row 2: Parent id \"c7\" is not a capability in this roadmap or this file"),
            (Table::Capabilities, "Id,Name,Parent\nc9,New,Nowhere", "row 2: Parent \"Nowhere\" is not a capability in this roadmap or this file"),
            (Table::Initiatives, "Id,Start\ni3,2026-05", "row 2: initiative \"Intranet\": has a start but no end; set both or neither"),
        ];
        for (table, file, expected) in cases {
            let p = import(&r, table, file);
            if expected.is_empty() {
                assert!(p.is_clean(), "{file}: {:?}", p.errors);
            } else {
                assert_eq!(errors(&p), [expected], "{file}");
                assert!(p.result.is_none());
            }
        }
        // Two items of one name: the row must say which by id.
        let mut twins = r.clone();
        twins.goal_mut("g2").unwrap().name = "Grow revenue".into();
        assert_eq!(
            one_error(&twins, Table::Goals, "Name,Owner\nGrow revenue,x"),
            "row 2: 2 goals are named \"Grow revenue\"; add an Id column to say which"
        );
        // The roadmap's rules, with the row of the item at fault.
        assert_eq!(
            one_error(&r, Table::Initiatives, "Id,Start,End\ni1,2026-03,2026-02"),
            "row 2: initiative \"CRM rollout\": ends (2026-02) before it starts (2026-03)"
        );
        assert_eq!(
            one_error(&r, Table::Capabilities, "Id,Name,Parent id\nc1,Service,c3"),
            "row 2: capability \"Service\": the capability map loops: \"Service\" → \"Triage\" → \"Incidents\" → \"Service\" (each is under the next)"
        );
        // Errors the roadmap already had do not block an import.
        let mut broken = r.clone();
        broken.initiative_mut("i3").unwrap().fte = -1.0;
        assert!(import(&broken, Table::Goals, "Id,Owner\ng1,CEO").is_clean());
    }

    #[test]
    fn link_tables_replace_the_links_of_the_initiatives_they_name() {
        let r = sample();
        let p = import(&r, Table::GoalLinks, "Initiative,Goal,Contribution\nIntranet,Cut risk,decisive\nintranet,Grow revenue,1\nCRM rollout,Grow revenue,3\n");
        assert_eq!(errors(&p), Vec::<&str>::new());
        let result = p.result.clone().unwrap();
        assert_eq!(
            result.initiative("i3").unwrap().goals,
            [GoalLink { goal: "g2".into(), contribution: 3 }, GoalLink { goal: "g1".into(), contribution: 1 }]
        );
        assert_eq!(result.initiative("i2").unwrap().goals, r.initiative("i2").unwrap().goals, "not named: kept");
        assert_eq!(
            p.updated,
            [Change { row: 2, subject: "initiative \"Intranet\"".into(), detail: "2 goal links, was 0".into() }]
        );
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.summary(), "goal links of 1 initiative changed, 1 unchanged");

        let p = import(&r, Table::Dependencies, "Initiative id,Depends on\ni3,Data platform\ni3,CRM rollout\n");
        assert_eq!(p.result.unwrap().initiative("i3").unwrap().depends_on, ["i2", "i1"]);
        let p =
            import(&r, Table::Milestones, "Initiative,Milestone,Month\nIntranet,Launch,Mar-26\nIntranet,Someday,\n");
        assert_eq!(
            p.result.unwrap().initiative("i3").unwrap().milestones,
            [
                Milestone { name: "Launch".into(), month: Some(m("2026-03")) },
                Milestone { name: "Someday".into(), month: None }
            ]
        );

        let cases: [(Table, &str, &str); 9] = [
            (Table::GoalLinks, "Initiative,Goal,Contribution\nERP,Cut risk,1", "row 2: Initiative \"ERP\" is not an initiative in this roadmap (import the initiatives first)"),
            (Table::GoalLinks, "Initiative id,Goal id,Contribution\ni1,g7,1", "row 2: Goal id \"g7\" is not a goal in this roadmap"),
            (Table::GoalLinks, "Initiative,Goal,Contribution\nIntranet,Cut risk,4", "row 2: Contribution \"4\" must be 1 (some), 2 (strong) or 3 (decisive)"),
            (Table::GoalLinks, "Initiative,Goal,Contribution\nIntranet,Cut risk,1\nIntranet,cut risk,2", "row 3: initiative \"Intranet\" links goal \"Cut risk\" already in row 2"),
            (Table::GoalLinks, "Initiative,Goal\nIntranet,Cut risk", "No column is imported as Contribution"),
            (Table::CapabilityLinks, "Goal,Maturity after\nx,1", "No column is imported as Initiative id or Initiative; nor as Capability id or Capability"),
            (Table::CapabilityLinks, "Initiative,Capability,Maturity after\nIntranet,Triage,", "row 2: Maturity after \"\" must be a whole number from 0 to 5"),
            (Table::Dependencies, "Initiative,Depends on\nCRM rollout,Data platform", "row 2: initiative \"CRM rollout\": dependency cycle: \"CRM rollout\" → \"Data platform\" → \"CRM rollout\""),
            (Table::Milestones, "Initiative,Milestone,Month\nIntranet,Go-live,next year", "row 2: Month \"next year\" is not a month (YYYY-MM, such as 2026-03)"),
        ];
        for (table, file, expected) in cases {
            assert_eq!(one_error(&r, table, file), expected, "{file}");
        }
    }

    #[test]
    fn estimates_and_funding_locks_are_read_as_documented() {
        let r = sample();
        let p = import(
            &r,
            Table::Initiatives,
            "Id,Business value,Time criticality,Risk reduction,Job size,Funding lock\n\
             i1,20,0,,4,must_not_fund\ni2,,,,,\ni3, 1 ,2,3,5,MUST FUND\n",
        );
        assert_eq!(errors(&p), Vec::<&str>::new());
        let result = p.result.clone().unwrap();
        let inputs = |id: &str| {
            let i = result.initiative(id).unwrap();
            let s = &i.scoring;
            ([s.business_value, s.time_criticality, s.risk_reduction, s.job_size], i.funding_lock)
        };
        assert_eq!(inputs("i1"), ([20, 0, 0, 4], FundingLock::MustNotFund));
        assert_eq!(inputs("i2"), ([0, 0, 0, 0], FundingLock::None), "empty cells: not estimated, no lock");
        assert_eq!(inputs("i3"), ([1, 2, 3, 5], FundingLock::MustFund));
        // Criterion values have a table of their own; this one leaves them alone.
        assert_eq!(result.initiative("i1").unwrap().scoring.custom, r.initiative("i1").unwrap().scoring.custom);
        assert_eq!(
            p.updated.iter().map(|c| c.detail.as_str()).collect::<Vec<_>>(),
            [
                "Business value, Time criticality, Job size, Funding lock",
                "Business value, Funding lock",
                "Business value, Time criticality, Risk reduction, Job size, Funding lock"
            ]
        );
        // The roadmap's rules warn, without blocking: 4 is off the scale; i1 is in progress but
        // locked out; i3 is locked in but undated.
        for warning in [
            "initiative \"CRM rollout\": job size is 4; the estimate scale is 1, 2, 3, 5, 8, 13, 20",
            "initiative \"CRM rollout\": is locked as must not fund but is in progress; the optimiser keeps it funded",
            "initiative \"Intranet\": is locked as must fund but has no dates; the optimiser can only fund dated initiatives",
        ] {
            assert!(p.warnings.iter().any(|w| w == warning), "{warning}: {:#?}", p.warnings);
        }
        // Labels and keys in any case, the American spelling, empty.
        for (cell, lock) in [
            ("Must fund", FundingLock::MustFund),
            (" MUST_FUND ", FundingLock::MustFund),
            ("must-not-fund", FundingLock::MustNotFund),
            ("Must not fund", FundingLock::MustNotFund),
            ("Optimiser decides", FundingLock::None),
            ("optimizer decides", FundingLock::None),
            ("none", FundingLock::None),
            ("", FundingLock::None),
        ] {
            assert_eq!(parse_funding_lock(cell), Ok(lock), "{cell:?}");
        }
        let bad_estimate = |column: &str, cell: &str| {
            format!(
                "row 2: {column} \"{cell}\" is not an estimate: write a whole number up to 20 (the scale is 1, 2, 3, 5, \
                 8, 13, 20), or leave it empty or 0 when not estimated"
            )
        };
        for (file, expected) in [
            ("Id,Business value\ni1,21", bad_estimate("Business value", "21")),
            ("Id,Job size\ni1,2.5", bad_estimate("Job size", "2.5")),
            ("Id,Size\ni1,-1", bad_estimate("Size", "-1")),
            ("Id,Urgency\ni1,300", bad_estimate("Urgency", "300")),
            (
                "Id,Funding lock\ni1,maybe",
                "row 2: Funding lock \"maybe\" is not a funding lock (Optimiser decides, Must fund, Must not fund)"
                    .into(),
            ),
        ] {
            assert_eq!(one_error(&r, Table::Initiatives, file), expected, "{file}");
        }
    }

    #[test]
    fn criterion_values_have_a_table_like_links() {
        let r = sample();
        // By criterion name (any case) or id; a decimal comma in a semicolon file; an empty
        // value is no value. Initiatives the file does not name keep theirs.
        let p = import(
            &r,
            Table::CriterionValues,
            "Initiative;Criterion;Value\nIntranet;strategic FIT;3,5\nCRM rollout;Strategic fit;\n",
        );
        assert_eq!(errors(&p), Vec::<&str>::new());
        let result = p.result.clone().unwrap();
        let custom = |id: &str| result.initiative(id).unwrap().scoring.custom.clone();
        assert_eq!(custom("i3"), [("fit".to_string(), 3.5)].into());
        assert_eq!(custom("i1"), BTreeMap::new());
        assert_eq!(custom("i2"), r.initiative("i2").unwrap().scoring.custom, "not named: kept");
        assert_eq!(
            p.updated,
            [
                Change { row: 2, subject: "initiative \"Intranet\"".into(), detail: "1 criterion value, was 0".into() },
                Change {
                    row: 3,
                    subject: "initiative \"CRM rollout\"".into(),
                    detail: "0 criterion values, was 1".into()
                },
            ]
        );
        assert_eq!(p.summary(), "criterion values of 2 initiatives changed, 0 unchanged");
        // A value for a derived criterion is kept, as the roadmap file keeps it, with the
        // roadmap's warning.
        let p = import(&r, Table::CriterionValues, "Initiative id,Criterion id,Value\ni3,cost,2\n");
        assert_eq!(p.result.unwrap().initiative("i3").unwrap().scoring.custom, [("cost".to_string(), 2.0)].into());
        assert!(
            p.warnings.contains(
                &"initiative \"Intranet\": has a value for criterion \"Cost\", which is derived; the value is ignored"
                    .into()
            ),
            "{:?}",
            p.warnings
        );

        for (file, expected) in [
            (
                "Initiative,Criterion,Value\nIntranet,Fit,3",
                "row 2: Criterion \"Fit\" is not a criterion in this roadmap (criteria are set in the roadmap's scoring settings)",
            ),
            (
                "Initiative,Criterion id,Value\nIntranet,fit,high",
                "row 2: Value \"high\" is not a number (write digits with a decimal point, such as 1250.50)",
            ),
            (
                "Initiative,Criterion id,Score\nIntranet,fit,9",
                "row 2: initiative \"Intranet\": the value for criterion \"Strategic fit\" is 9; it must be 1 to 5",
            ),
            (
                "Initiative,Criterion id,Value\nIntranet,fit,1\nintranet,fit,2",
                "row 3: initiative \"Intranet\" has a value for criterion \"Strategic fit\" already in row 2",
            ),
            ("Initiative,Criterion\nIntranet,fit", "No column is imported as Value"),
            ("Initiative,Value\nIntranet,3", "No column is imported as Criterion id or Criterion"),
        ] {
            assert_eq!(one_error(&r, Table::CriterionValues, file), expected, "{file}");
        }
        // Two criteria of one name: the row must say which by id.
        let mut twins = r.clone();
        twins.scoring.criteria.push(Criterion { id: "fit2".into(), ..fit() });
        assert_eq!(
            one_error(&twins, Table::CriterionValues, "Initiative,Criterion,Value\nIntranet,Strategic fit,3"),
            "row 2: Criterion \"Strategic fit\": 2 criteria have this name; use the Criterion id column to say which"
        );
    }

    #[test]
    fn scoring_settings_come_from_the_roadmap_imported_into() {
        // The files carry estimates, locks and criterion values, not the model or the criteria
        // (like budgets): a roadmap with other settings keeps them.
        let r = sample();
        let mut other = emptied(&r);
        other.scoring = Scoring { model: ScoringModel::Wsjf, criteria: default_criteria() };
        let mut current = other.clone();
        for table in [Table::Goals, Table::Capabilities, Table::Initiatives] {
            current = import(&current, table, &csv_text(&r, table)).result.unwrap();
        }
        assert_eq!(current.scoring, other.scoring);
        assert_eq!(
            current.initiatives.iter().map(|i| i.funding_lock).collect::<Vec<_>>(),
            [FundingLock::MustFund, FundingLock::MustNotFund, FundingLock::None]
        );
        // Values for a criterion this roadmap does not have are refused, by row.
        assert_eq!(
            errors(&import(&current, Table::CriterionValues, &csv_text(&r, Table::CriterionValues))),
            [
                "row 2: Criterion id \"fit\" is not a criterion in this roadmap (criteria are set in the roadmap's scoring settings)",
                "row 3: Criterion id \"fit\" is not a criterion in this roadmap (criteria are set in the roadmap's scoring settings)",
            ]
        );
        other.scoring.criteria.push(Criterion { source: CriterionSource::Entered, ..fit() });
        current.scoring = other.scoring.clone();
        let p = import(&current, Table::CriterionValues, &csv_text(&r, Table::CriterionValues));
        assert_eq!(p.result.unwrap().initiative("i1").unwrap().scoring.custom, [("fit".to_string(), 4.5)].into());
    }

    #[test]
    fn a_file_as_european_excel_saves_it_imports() {
        // Semicolons, decimal commas, months turned into dates, a formula guard, Windows-1252.
        let file = b"sep=;\r\nId;Name;Start;End;Capex;FTE;Vendors\r\ni1;CRM rollout;Mar-26;01.11.2026;250000;3,5;\"Salesforce; Acme\"\r\n;'=Caf\xE9 \xAB\xBB;2027-01-01;2027-06-30;1 200,50;;\r\n";
        let parsed = parse(file).unwrap();
        let p = preview(&sample(), Table::Initiatives, &parsed, &propose_mapping(Table::Initiatives, &parsed.headers));
        assert!(p.is_clean(), "{:?}", p.errors);
        assert_eq!(p.warnings.len(), 1, "the encoding: {:?}", p.warnings);
        let result = p.result.unwrap();
        let crm = result.initiative("i1").unwrap();
        assert_eq!((crm.start, crm.end, crm.fte), (Some(m("2026-03")), Some(m("2026-11")), 3.5));
        assert_eq!(crm.vendors, ["Salesforce", "Acme"]);
        let new = result.initiatives.last().unwrap();
        assert_eq!((new.name.as_str(), new.capex, new.end), ("=Café «»", 1200.5, Some(m("2027-06"))));
    }

    #[test]
    fn warnings_do_not_block() {
        let p = import(&sample(), Table::Initiatives, "Id,Start,End,Colour\ni3,2030-01,2030-02,red\n");
        assert!(p.is_clean());
        assert_eq!(p.warnings[0], "Not imported (no field chosen): \"Colour\"");
        assert!(p.warnings[1].contains("start 2030-01 is outside the planning horizon"), "{:?}", p.warnings);
    }

    #[test]
    fn the_sample_round_trips_with_every_option() {
        for bom in [true, false] {
            for delimiter in [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab] {
                let options = ExportOptions { bom, delimiter, zip_time: None };
                assert_eq!(round_trip(&sample(), &options), Ok(sample()), "{options:?}");
            }
        }
        // Importing a roadmap's own tables into it changes nothing.
        for table in Table::ALL {
            let p = import(&sample(), table, &csv_text(&sample(), table));
            assert!(p.added.is_empty() && p.updated.is_empty(), "{table:?}: {:?}", p.updated);
            let (before, after) = (sample(), p.result.unwrap());
            assert_eq!(after, before);
            // Nothing copied: every item is still the same allocation (cheap undo snapshots).
            let shared = |a: &Roadmap, b: &Roadmap| {
                a.goals.iter().zip(&b.goals).all(|(x, y)| Arc::ptr_eq(x, y))
                    && a.capabilities.iter().zip(&b.capabilities).all(|(x, y)| Arc::ptr_eq(x, y))
                    && a.initiatives.iter().zip(&b.initiatives).all(|(x, y)| Arc::ptr_eq(x, y))
            };
            let p = import(&before, table, &csv_text(&before, table));
            assert!(shared(&before, &p.result.unwrap()), "{table:?}");
        }
    }

    #[test]
    fn generated_roadmaps_round_trip() {
        let r = generate(11, 400);
        assert_eq!(round_trip(&r, &ExportOptions::default()).map(|back| back == r), Ok(true));
    }

    /// Files for checking by hand: `cargo test --lib spreadsheet::tests::write_demo_files --
    /// --ignored`, then `unzip -t /tmp/cairn-demo.zip` and open the CSVs in a spreadsheet.
    #[test]
    #[ignore]
    fn write_demo_files() {
        let demo = crate::domain::demo::demo_roadmap();
        std::fs::write("/tmp/cairn-demo.zip", export_zip(&demo, &ExportOptions::default())).unwrap();
        for table in Table::ALL {
            std::fs::write(
                format!("/tmp/cairn-demo-{}", table.file_name()),
                export_table(&demo, table, &ExportOptions::default()),
            )
            .unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        #[test]
        fn any_roadmap_round_trips_exactly(
            r in testing::roadmap(),
            bom in any::<bool>(),
            delimiter in prop::sample::select(vec![Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab]),
        ) {
            let back = round_trip(&r, &ExportOptions { bom, delimiter, zip_time: None }).map_err(TestCaseError::fail)?;
            prop_assert_eq!(back, r);
        }

        #[test]
        fn awkward_text_round_trips(
            texts in prop::collection::vec(prop_oneof![
                "[=+\\-@\t\r'\"]{1,3}(?s).{0,8}",
                "(?s).{0,12}",
                "[,;\"\n\r ]{0,6}",
            ], 6),
            vendors in prop::collection::vec("(?s).{0,6}", 0..4),
        ) {
            let mut r = sample();
            let g = r.goal_mut("g1").unwrap();
            (g.name, g.description, g.theme) = (format!("x{}", texts[0]), texts[1].clone(), texts[2].clone());
            let i = r.initiative_mut("i1").unwrap();
            (i.owner, i.sponsor) = (texts[3].clone(), texts[4].clone());
            i.milestones[0].name = texts[5].clone();
            i.vendors = vendors;
            let back = round_trip(&r, &ExportOptions::default()).map_err(TestCaseError::fail)?;
            prop_assert_eq!(back, r);
        }

        #[test]
        fn lists_round_trip(items in prop::collection::vec("(?s).{0,8}", 0..5)) {
            prop_assert_eq!(split_list(&join_list(&items)), items);
        }

        #[test]
        fn numbers_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
            prop_assert_eq!(parse_number(&number_text(x), false), Ok(x));
        }

        #[test]
        fn neutralising_round_trips(text in "['=+\\-@\t\r]{0,3}(?s).{0,6}") {
            let written = neutralise(&text);
            prop_assert!(!written.starts_with(FORMULA_START));
            prop_assert_eq!(unneutralise(&written), text.as_str());
        }

        #[test]
        fn reading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(parsed) = parse(&bytes) {
                for table in Table::ALL {
                    let _ = preview(&sample(), table, &parsed, &propose_mapping(table, &parsed.headers));
                }
            }
        }

        #[test]
        fn any_mapping_never_panics(
            text in "[a-zA-Z0-9,;\"\n =\\-]{0,200}",
            fields in prop::collection::vec(prop::option::of(0..42usize), 0..8),
        ) {
            let all: Vec<Field> = Table::ALL.iter().flat_map(|t| t.fields().iter().copied()).collect();
            if let Ok(parsed) = parse(format!("Id,Name,Start\n{text}").as_bytes()) {
                let mapping = Mapping { columns: fields.iter().map(|f| f.map(|k| all[k % all.len()])).collect() };
                for table in Table::ALL {
                    let _ = preview(&sample(), table, &parsed, &mapping);
                }
            }
        }
    }
}

/// Times for the report: `cargo test --release --lib spreadsheet::measure -- --ignored --nocapture`.
#[cfg(test)]
mod measure {
    use super::*;

    #[test]
    #[ignore]
    fn measure() {
        let r = crate::domain::generate::generate(3, 20_000);
        let t = std::time::Instant::now();
        let zip = export_zip(&r, &ExportOptions::default());
        println!("20,000 initiatives: zip of all tables {} bytes in {:?}", zip.len(), t.elapsed());
        let t = std::time::Instant::now();
        let mut current = Roadmap { goals: Vec::new(), capabilities: Vec::new(), initiatives: Vec::new(), ..r.clone() };
        for table in Table::ALL {
            let bytes = export_table(&r, table, &ExportOptions::default());
            let parsed = parse(&bytes).unwrap();
            let p = preview(&current, table, &parsed, &propose_mapping(table, &parsed.headers));
            println!("{}: {} bytes, {} rows, {}", table.title(), bytes.len(), parsed.rows.len(), p.summary());
            current = p.result.unwrap();
        }
        println!("imported all tables in {:?}; same roadmap: {}", t.elapsed(), current == r);
    }
}
