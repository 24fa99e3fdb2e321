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
use super::file_format::{check_size, ImportError};
use super::landscape::{Application, Technology};
use super::model::{
    Capability, CapabilityLink, FundingLock, Goal, GoalLink, Id, Initiative, ItemKind, Milestone, Risk, Roadmap,
    Status, ESTIMATE_MAX, ESTIMATE_SCALE,
};
use super::validate::{new_errors_among, validate, Problem};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

mod cells;
mod export;
mod import;
mod landscape;
mod preview;
mod read;
#[cfg(test)]
mod tests;
mod text;
pub(crate) mod zip;

// The parts, by job; the public names are the module's, as before the split.
pub use cells::*;
pub use export::*;
use import::*;
use landscape::*;
pub use preview::*;
pub use read::*;
use text::*;
pub use zip::ZipTime;

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
    /// The landscape's applications.
    Applications,
    /// The landscape's technologies (IT components).
    Technologies,
    /// Each application's links: capabilities supported, technologies used, interfaces, and
    /// the initiatives that retire or introduce it.
    ApplicationLinks,
}

impl Table {
    /// All tables, in the order to import them (links refer to items, so items come first).
    pub const ALL: [Table; 11] = [
        Table::Goals,
        Table::Capabilities,
        Table::Initiatives,
        Table::GoalLinks,
        Table::CapabilityLinks,
        Table::Dependencies,
        Table::Milestones,
        Table::CriterionValues,
        Table::Applications,
        Table::Technologies,
        Table::ApplicationLinks,
    ];

    /// The landscape's tables, in the order to import them.
    pub const LANDSCAPE: [Table; 3] = [Table::Applications, Table::Technologies, Table::ApplicationLinks];

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
            Table::Applications => "Applications",
            Table::Technologies => "Technologies",
            Table::ApplicationLinks => "Application links",
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
            Table::Applications => "applications.csv",
            Table::Technologies => "technologies.csv",
            Table::ApplicationLinks => "application-links.csv",
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
            Table::Applications => &[
                F::Id,
                F::Name,
                F::Description,
                F::AppType,
                F::Hosting,
                F::Vendor,
                F::BusinessOwner,
                F::ItOwner,
                F::Criticality,
                F::DataClassification,
                F::Users,
                F::PhasePlan,
                F::PhaseIn,
                F::PhaseActive,
                F::PhaseOut,
                F::EndOfLife,
                F::FunctionalFit,
                F::TechnicalFit,
                F::Disposition,
                F::SuccessorId,
                F::Successor,
                F::RunCostPerYear,
                F::Capex,
                F::ContractEnd,
                F::Tags,
            ],
            Table::Technologies => &[
                F::Id,
                F::Name,
                F::Category,
                F::Vendor,
                F::Version,
                F::Release,
                F::EndOfStandardSupport,
                F::EndOfLife,
                F::EndOfExtendedSupport,
                F::CatalogProduct,
                F::CatalogCycle,
                F::CatalogRelease,
                F::CatalogStandardSupport,
                F::CatalogEndOfLife,
                F::CatalogExtendedSupport,
            ],
            Table::ApplicationLinks => &[
                F::ApplicationId,
                F::Application,
                F::LinkKind,
                F::ToId,
                F::To,
                F::Fit,
                F::Interface,
                F::Direction,
                F::Data,
                F::EffectiveMonth,
            ],
        }
    }

    /// The fields a column may be imported as: the exported ones, and for applications the
    /// lifecycle stage of tools that keep the phase without its dates (ServiceNow's "Life
    /// cycle stage").
    pub fn import_fields(self) -> &'static [Field] {
        use Field as F;
        match self {
            Table::Applications => &[
                F::Id,
                F::Name,
                F::Description,
                F::AppType,
                F::Hosting,
                F::Vendor,
                F::BusinessOwner,
                F::ItOwner,
                F::Criticality,
                F::DataClassification,
                F::Users,
                F::PhasePlan,
                F::PhaseIn,
                F::PhaseActive,
                F::PhaseOut,
                F::EndOfLife,
                F::LifecycleStage,
                F::FunctionalFit,
                F::TechnicalFit,
                F::Disposition,
                F::SuccessorId,
                F::Successor,
                F::RunCostPerYear,
                F::Capex,
                F::ContractEnd,
                F::Tags,
            ],
            other => other.fields(),
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
                _ if t.item_kind().is_some() => [Field::Id, Field::Name],
                Table::ApplicationLinks => [Field::ApplicationId, Field::Application],
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
            Table::Applications => Some(ItemKind::Application),
            Table::Technologies => Some(ItemKind::Technology),
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
    // The landscape's columns.
    AppType,
    Hosting,
    Vendor,
    BusinessOwner,
    ItOwner,
    Criticality,
    DataClassification,
    Users,
    PhasePlan,
    PhaseIn,
    PhaseActive,
    PhaseOut,
    EndOfLife,
    /// The phase an application is in now, without its dates (import only).
    LifecycleStage,
    FunctionalFit,
    TechnicalFit,
    Disposition,
    SuccessorId,
    Successor,
    ContractEnd,
    Tags,
    Category,
    Version,
    Release,
    EndOfStandardSupport,
    EndOfExtendedSupport,
    CatalogProduct,
    CatalogCycle,
    CatalogRelease,
    CatalogStandardSupport,
    CatalogEndOfLife,
    CatalogExtendedSupport,
    ApplicationId,
    Application,
    LinkKind,
    ToId,
    To,
    Fit,
    Interface,
    Direction,
    Data,
    EffectiveMonth,
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
            F::AppType => "Type",
            F::Hosting => "Hosting",
            F::Vendor => "Vendor",
            F::BusinessOwner => "Business owner",
            F::ItOwner => "IT owner",
            F::Criticality => "Business criticality",
            F::DataClassification => "Data classification",
            F::Users => "Users",
            F::PhasePlan => "Plan",
            F::PhaseIn => "Phase-in",
            F::PhaseActive => "Active",
            F::PhaseOut => "Phase-out",
            F::EndOfLife => "End of life",
            F::LifecycleStage => "Lifecycle stage",
            F::FunctionalFit => "Functional fit",
            F::TechnicalFit => "Technical fit",
            F::Disposition => "Disposition",
            F::SuccessorId => "Successor id",
            F::Successor => "Successor",
            F::ContractEnd => "Contract end",
            F::Tags => "Tags",
            F::Category => "Category",
            F::Version => "Version",
            F::Release => "Release",
            F::EndOfStandardSupport => "End of standard support",
            F::EndOfExtendedSupport => "End of extended support",
            F::CatalogProduct => "Catalog product",
            F::CatalogCycle => "Catalog cycle",
            F::CatalogRelease => "Catalog release",
            F::CatalogStandardSupport => "Catalog end of standard support",
            F::CatalogEndOfLife => "Catalog end of life",
            F::CatalogExtendedSupport => "Catalog end of extended support",
            F::ApplicationId => "Application id",
            F::Application => "Application",
            F::LinkKind => "Link",
            F::ToId => "To id",
            F::To => "To",
            F::Fit => "Fit",
            F::Interface => "Interface",
            F::Direction => "Direction",
            F::Data => "Data",
            F::EffectiveMonth => "Month",
        }
    }

    /// Other column names taken for this field (compared without case, spaces or punctuation;
    /// the JSON file's field names are among them).
    fn synonyms(self) -> &'static [&'static str] {
        use Field as F;
        match self {
            F::Id => &["key", "identifier", "ref", "reference", "number", "sysid"],
            F::Name => &["title"],
            F::Description => &["desc", "details", "notes", "shortdescription"],
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
            // The landscape: Cairn's JSON names, ServiceNow's business application columns
            // (Number, Application type, Install type, IT application owner, Life cycle
            // stage, Planned disposition, Target application …) and LeanIX's fact sheet
            // fields (lifecycle:phaseIn, functionalSuitability, TIMEClassification …).
            F::AppType => &["applicationtype", "apptype", "kind", "sourcing", "softwaretype"],
            F::Hosting => &["installtype", "hostingtype", "deployment", "deploymenttype", "hostingmodel"],
            F::Vendor => &["provider", "manufacturer", "supplier", "publisher"],
            F::BusinessOwner => &["businessowner", "owner", "applicationowner", "productowner"],
            F::ItOwner => &["itapplicationowner", "itowner", "technicalowner", "managedby", "supportgroup"],
            F::Criticality => &["businesscriticality", "criticality", "businesscriticalitylevel"],
            F::DataClassification => &["dataclassification", "classification", "dataclass", "confidentiality"],
            F::Users => &["usercount", "numberofusers", "userbase", "users"],
            F::PhasePlan => &["lifecycleplan", "plan", "planned"],
            F::PhaseIn => &["lifecyclephasein", "phasein", "lifecyclephaseinstart"],
            F::PhaseActive => &["lifecycleactive", "active", "golive", "golivedate", "installdate", "livedate"],
            F::PhaseOut => &["lifecyclephaseout", "phaseout", "sunsetdate"],
            F::EndOfLife => &["lifecycleendoflife", "endoflife", "eol", "retirementdate", "retiredate", "eoldate"],
            F::LifecycleStage => &["lifecyclestage", "lifecycle", "lifecyclephase", "stage", "phase"],
            F::FunctionalFit => &["functionalfit", "functionalsuitability", "businessfit"],
            F::TechnicalFit => &["technicalfit", "technicalsuitability", "technicalcondition"],
            F::Disposition => &[
                "planneddisposition",
                "disposition",
                "timeclassification",
                "time",
                "rationalization",
                "rationalisation",
            ],
            F::SuccessorId => &["successorid", "targetapplicationid"],
            F::Successor => &["targetapplication", "successorapplication", "replacedby"],
            F::ContractEnd => &["contractenddate", "contractend", "contractexpiry", "renewaldate"],
            F::Tags => &["tags", "labels", "keywords"],
            F::Category => &["class", "technologytype", "componenttype"],
            F::Version => &["cycle", "releaseversion", "versionnumber"],
            F::Release => &["releasedate", "releasemonth", "available", "generalavailability", "ga"],
            F::EndOfStandardSupport => &["endofsupport", "eos", "endofmainstreamsupport", "mainstreamsupportend"],
            F::EndOfExtendedSupport => &["endofextendedsupport", "extendedsupportend", "eoes"],
            F::CatalogProduct => &["endoflifedateproduct"],
            F::CatalogCycle => &["endoflifedatecycle"],
            F::CatalogRelease => &[],
            F::CatalogStandardSupport => &[],
            F::CatalogEndOfLife => &[],
            F::CatalogExtendedSupport => &[],
            F::ApplicationId => &["applicationid", "appid", "sourceid", "fromid"],
            F::Application => &["applicationname", "app", "source", "from"],
            F::LinkKind => &["linktype", "relation", "relationship", "kind"],
            F::ToId => &["targetid", "toid"],
            F::To => &["target", "toname"],
            F::Fit => &["supportfit", "capabilityfit"],
            F::Interface => &["interfacename"],
            F::Direction => &["flowdirection"],
            F::Data => &["dataobjects", "datacarried", "payload"],
            F::EffectiveMonth => &["effectivemonth", "date", "when"],
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
                | F::AppType
                | F::Hosting
                | F::Criticality
                | F::DataClassification
                | F::Users
                | F::PhasePlan
                | F::PhaseIn
                | F::PhaseActive
                | F::PhaseOut
                | F::EndOfLife
                | F::LifecycleStage
                | F::FunctionalFit
                | F::TechnicalFit
                | F::Disposition
                | F::ContractEnd
                | F::Release
                | F::EndOfStandardSupport
                | F::EndOfExtendedSupport
                | F::CatalogRelease
                | F::CatalogStandardSupport
                | F::CatalogEndOfLife
                | F::CatalogExtendedSupport
                | F::LinkKind
                | F::Fit
                | F::Direction
                | F::EffectiveMonth
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

/// An import refused with `message`.
fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError { message: message.into() })
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
