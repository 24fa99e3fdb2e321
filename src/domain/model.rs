//! The roadmap model: business goals, the capability map and IT initiatives, and the links
//! between them. Plain data; the rules live in `validate`, the file format in `file_format`.
//!
//! Items are held behind `Arc` so that a snapshot of a whole roadmap (for undo, scenarios,
//! comparison) costs one pointer per item; edit an item with `Arc::make_mut`.

use super::calendar::{Month, Quarter};
use super::landscape::{Application, Landscape, Technology};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

pub type Id = String;

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Roadmap {
    pub name: String,
    pub description: String,
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    /// 1..=12: the month the fiscal year starts in.
    pub fiscal_year_start_month: u8,
    pub horizon: Horizon,
    pub budgets: Vec<Budget>,
    pub capacity: Vec<Capacity>,
    /// How initiatives are scored (see `scoring` and docs/scoring.md).
    pub scoring: Scoring,
    pub goals: Vec<Arc<Goal>>,
    pub capabilities: Vec<Arc<Capability>>,
    pub initiatives: Vec<Arc<Initiative>>,
    // ---- Portfolio settings ------------------------------------------------------------
    /// The vendor lock-in threshold, in percent of the vendor spend (above 0, at most 100):
    /// a vendor whose share is above it is flagged. 40 when the file has none.
    pub lock_in_threshold: f64,
    // ---- Landscape ---------------------------------------------------------------------
    /// Applications, technologies and what initiatives do to them (file format version 2;
    /// left out of the JSON when empty).
    #[serde(skip_serializing_if = "Landscape::is_empty")]
    pub landscape: Landscape,
}

impl Default for Roadmap {
    fn default() -> Self {
        Roadmap {
            name: "Untitled roadmap".into(),
            description: String::new(),
            currency: "EUR".into(),
            fiscal_year_start_month: 1,
            horizon: Horizon::default(),
            budgets: Vec::new(),
            capacity: Vec::new(),
            scoring: Scoring::default(),
            goals: Vec::new(),
            capabilities: Vec::new(),
            initiatives: Vec::new(),
            lock_in_threshold: DEFAULT_LOCK_IN_THRESHOLD,
            landscape: Landscape::default(),
        }
    }
}

/// The vendor lock-in threshold when none is set, in percent.
pub const DEFAULT_LOCK_IN_THRESHOLD: f64 = 40.0;

/// The two ways of scoring initiatives, chosen per roadmap.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScoringModel {
    /// Weighted scoring: each criterion as a share from 0 to 1, weighted, as 0–100.
    #[default]
    Weighted,
    /// Weighted shortest job first: (business value + time criticality + risk reduction) ÷ job size.
    Wsjf,
}

impl ScoringModel {
    pub const ALL: [ScoringModel; 2] = [ScoringModel::Weighted, ScoringModel::Wsjf];
    pub fn key(self) -> &'static str {
        match self {
            ScoringModel::Weighted => "weighted",
            ScoringModel::Wsjf => "wsjf",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ScoringModel::Weighted => "Weighted scoring",
            ScoringModel::Wsjf => "WSJF (weighted shortest job first)",
        }
    }
    pub fn from_key(key: &str) -> Option<ScoringModel> {
        ScoringModel::ALL.into_iter().find(|m| m.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// Where a weighted criterion's value comes from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CriterionSource {
    /// Derived from the initiative's goal links: goal weight × contribution, added up, as a
    /// share of the best-aligned initiative's.
    StrategicAlignment,
    /// Derived from the one-off cost (capex + opex): the cheapest initiative 1, the dearest 0.
    Cost,
    /// The initiative's business value estimate.
    BusinessValue,
    /// The initiative's time criticality estimate.
    TimeCriticality,
    /// The initiative's risk reduction / opportunity enablement estimate.
    RiskReduction,
    /// The initiative's job size estimate (smaller is better).
    JobSize,
    /// Derived from the landscape: the run cost the initiative's application retirements save
    /// over the horizon's fiscal years, as a share of the largest saver's.
    RetirementSavings,
    /// A value entered per initiative, from `min` to `max`.
    #[default]
    Entered,
}

impl CriterionSource {
    pub const ALL: [CriterionSource; 8] = [
        CriterionSource::StrategicAlignment,
        CriterionSource::Cost,
        CriterionSource::BusinessValue,
        CriterionSource::TimeCriticality,
        CriterionSource::RiskReduction,
        CriterionSource::JobSize,
        CriterionSource::RetirementSavings,
        CriterionSource::Entered,
    ];
    pub fn key(self) -> &'static str {
        match self {
            CriterionSource::StrategicAlignment => "strategic_alignment",
            CriterionSource::Cost => "cost",
            CriterionSource::BusinessValue => "business_value",
            CriterionSource::TimeCriticality => "time_criticality",
            CriterionSource::RiskReduction => "risk_reduction",
            CriterionSource::JobSize => "job_size",
            CriterionSource::RetirementSavings => "retirement_savings",
            CriterionSource::Entered => "entered",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            CriterionSource::StrategicAlignment => "Strategic alignment (from goal links)",
            CriterionSource::Cost => "Cost (from capex + opex, lower is better)",
            CriterionSource::BusinessValue => "Business value (estimate)",
            CriterionSource::TimeCriticality => "Time criticality (estimate)",
            CriterionSource::RiskReduction => "Risk reduction (estimate)",
            CriterionSource::JobSize => "Job size (estimate, smaller is better)",
            CriterionSource::RetirementSavings => "Retirement savings (from the landscape)",
            CriterionSource::Entered => "Entered per initiative",
        }
    }
    pub fn from_key(key: &str) -> Option<CriterionSource> {
        CriterionSource::ALL.into_iter().find(|s| s.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// One criterion of weighted scoring.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Criterion {
    /// Unique among the criteria (a separate space from goal, capability and initiative ids).
    pub id: Id,
    pub name: String,
    /// Any number ≥ 0; weights count relative to their sum.
    pub weight: f64,
    pub source: CriterionSource,
    /// For an entered criterion: the lowest and highest value (e.g. 1 and 5).
    pub min: f64,
    pub max: f64,
    /// For an entered criterion: a lower value scores more (e.g. "effort").
    pub lower_is_better: bool,
}

impl Default for Criterion {
    fn default() -> Self {
        Criterion {
            id: String::new(),
            name: String::new(),
            weight: 1.0,
            source: CriterionSource::Entered,
            min: 1.0,
            max: 5.0,
            lower_is_better: false,
        }
    }
}

/// The roadmap's scoring settings.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Scoring {
    pub model: ScoringModel,
    /// The criteria of weighted scoring, in the order shown.
    pub criteria: Vec<Criterion>,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring { model: ScoringModel::Weighted, criteria: default_criteria() }
    }
}

/// The default criteria of weighted scoring: strategic alignment 30, business value 25,
/// risk reduction 15, time criticality 15, cost 15 (weights add up to 100).
pub fn default_criteria() -> Vec<Criterion> {
    use CriterionSource::*;
    [
        ("alignment", "Strategic alignment", 30.0, StrategicAlignment),
        ("business-value", "Business value", 25.0, BusinessValue),
        ("risk-reduction", "Risk reduction", 15.0, RiskReduction),
        ("time-criticality", "Time criticality", 15.0, TimeCriticality),
        ("cost", "Cost", 15.0, Cost),
    ]
    .into_iter()
    .map(|(id, name, weight, source)| Criterion {
        id: id.into(),
        name: name.into(),
        weight,
        source,
        ..Criterion::default()
    })
    .collect()
}

/// The estimation scale of business value, time criticality, risk reduction and job size:
/// the modified Fibonacci numbers used with WSJF. 0 means "not estimated yet".
pub const ESTIMATE_SCALE: [u8; 7] = [1, 2, 3, 5, 8, 13, 20];

/// The largest estimate on [`ESTIMATE_SCALE`].
pub const ESTIMATE_MAX: u8 = 20;

/// An initiative's scoring inputs. The four estimates are relative sizes on
/// [`ESTIMATE_SCALE`] (1, 2, 3, 5, 8, 13, 20), 0 when not estimated yet.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ScoringInputs {
    pub business_value: u8,
    pub time_criticality: u8,
    /// Risk reduction and/or opportunity enablement.
    pub risk_reduction: u8,
    /// Relative effort to deliver (smaller is quicker).
    pub job_size: u8,
    /// Values of entered criteria, by criterion id.
    pub custom: BTreeMap<Id, f64>,
}

/// What the optimiser must do with an initiative, whatever its score.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FundingLock {
    #[default]
    None,
    MustFund,
    MustNotFund,
}

impl FundingLock {
    pub const ALL: [FundingLock; 3] = [FundingLock::None, FundingLock::MustFund, FundingLock::MustNotFund];
    pub fn key(self) -> &'static str {
        match self {
            FundingLock::None => "none",
            FundingLock::MustFund => "must_fund",
            FundingLock::MustNotFund => "must_not_fund",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            FundingLock::None => "Optimiser decides",
            FundingLock::MustFund => "Must fund",
            FundingLock::MustNotFund => "Must not fund",
        }
    }
    pub fn from_key(key: &str) -> Option<FundingLock> {
        let k = key.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        FundingLock::ALL.into_iter().find(|l| l.key() == k)
    }
}

/// The planning horizon, both months inclusive.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Horizon {
    pub start: Month,
    pub end: Month,
}

impl Default for Horizon {
    fn default() -> Self {
        Horizon { start: Month { year: 2026, month: 1 }, end: Month { year: 2028, month: 12 } }
    }
}

impl Horizon {
    pub fn contains(&self, month: Month) -> bool {
        self.start <= month && month <= self.end
    }
}

/// Budget envelope for one fiscal year (named by the year it ends in; see `calendar`).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Budget {
    pub fiscal_year: i32,
    pub capex: f64,
    pub opex: f64,
}

/// Team capacity for one calendar quarter, in full-time equivalents.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Capacity {
    pub quarter: Quarter,
    pub fte: f64,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Goal {
    pub id: Id,
    pub name: String,
    pub description: String,
    /// Strategic theme, free text ("Customer experience", "Resilience", ...).
    pub theme: String,
    /// 1..=5
    pub weight: u8,
    pub owner: String,
    pub kpi: Kpi,
}

impl Default for Goal {
    fn default() -> Self {
        Goal {
            id: String::new(),
            name: String::new(),
            description: String::new(),
            theme: String::new(),
            weight: 3,
            owner: String::new(),
            kpi: Kpi::default(),
        }
    }
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Kpi {
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    pub unit: String,
    pub due: Option<Month>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Risk {
    pub const ALL: [Risk; 4] = [Risk::Low, Risk::Medium, Risk::High, Risk::Critical];
    pub fn label(self) -> &'static str {
        match self {
            Risk::Low => "Low",
            Risk::Medium => "Medium",
            Risk::High => "High",
            Risk::Critical => "Critical",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
            Risk::Critical => "critical",
        }
    }
    pub fn from_key(key: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// The IT-management areas capabilities are grouped in (free text is allowed too).
pub const AREAS: [&str; 8] = [
    "IT strategy & business alignment",
    "IT service management",
    "IT risk, security & compliance",
    "IT project & portfolio management",
    "IT workforce & organisation",
    "IT financial & asset management",
    "Technology & vendor strategy",
    "IT operations",
];

/// Compliance frameworks offered in pickers (free text tags are allowed too).
pub const COMPLIANCE_FRAMEWORKS: [&str; 5] = ["GDPR", "HIPAA", "ISO 27001", "SOX", "PCI DSS"];

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Capability {
    pub id: Id,
    pub name: String,
    pub description: String,
    /// Parent capability; `None` for an L1 capability. At most 3 levels.
    pub parent: Option<Id>,
    /// IT-management area, usually one of [`AREAS`].
    pub area: String,
    /// 0..=5
    pub current_maturity: u8,
    /// 0..=5
    pub target_maturity: u8,
    /// 1..=5
    pub importance: u8,
    pub risk: Risk,
    pub compliance: Vec<String>,
}

impl Default for Capability {
    fn default() -> Self {
        Capability {
            id: String::new(),
            name: String::new(),
            description: String::new(),
            parent: None,
            area: String::new(),
            current_maturity: 2,
            target_maturity: 3,
            importance: 3,
            risk: Risk::Medium,
            compliance: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Idea,
    #[default]
    Proposed,
    Approved,
    InProgress,
    Done,
    OnHold,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Idea,
        Status::Proposed,
        Status::Approved,
        Status::InProgress,
        Status::Done,
        Status::OnHold,
        Status::Cancelled,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Status::Idea => "Idea",
            Status::Proposed => "Proposed",
            Status::Approved => "Approved",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::OnHold => "On hold",
            Status::Cancelled => "Cancelled",
        }
    }
    /// The key used in files ("in_progress").
    pub fn key(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Proposed => "proposed",
            Status::Approved => "approved",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::OnHold => "on_hold",
            Status::Cancelled => "cancelled",
        }
    }
    /// Accepts the file key or the label, case-insensitively ("In progress", "in_progress").
    pub fn from_key(key: &str) -> Option<Status> {
        let k = key.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Status::ALL.into_iter().find(|s| s.key() == k)
    }
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Milestone {
    pub name: String,
    pub month: Option<Month>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskScore {
    /// 1..=5
    pub likelihood: u8,
    /// 1..=5
    pub impact: u8,
}

impl Default for RiskScore {
    fn default() -> Self {
        RiskScore { likelihood: 3, impact: 3 }
    }
}

/// An initiative serves a goal with a contribution of 1 (some), 2 (strong) or 3 (decisive).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct GoalLink {
    pub goal: Id,
    pub contribution: u8,
}

/// An initiative raises a capability to `maturity_after` (0..=5) when it completes.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct CapabilityLink {
    pub capability: Id,
    pub maturity_after: u8,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Initiative {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub owner: String,
    pub sponsor: String,
    pub status: Status,
    /// First month of work; `None` (with `end`) for an undated initiative in the parking lot.
    pub start: Option<Month>,
    /// Last month of work, inclusive.
    pub end: Option<Month>,
    pub milestones: Vec<Milestone>,
    /// One-off capital expenditure, in the roadmap's currency.
    pub capex: f64,
    /// One-off operating expenditure while the initiative runs.
    pub opex: f64,
    /// Yearly run cost after the initiative ends.
    pub run_cost_per_year: f64,
    /// Average full-time equivalents while it runs.
    pub fte: f64,
    pub vendors: Vec<String>,
    pub risk: RiskScore,
    pub compliance: Vec<String>,
    /// Finish-to-start predecessors.
    pub depends_on: Vec<Id>,
    pub goals: Vec<GoalLink>,
    pub capabilities: Vec<CapabilityLink>,
    /// Estimates and entered criterion values for scoring.
    pub scoring: ScoringInputs,
    /// A decision the optimiser must respect.
    pub funding_lock: FundingLock,
}

impl Default for Initiative {
    fn default() -> Self {
        Initiative {
            id: String::new(),
            name: String::new(),
            description: String::new(),
            owner: String::new(),
            sponsor: String::new(),
            status: Status::Proposed,
            start: None,
            end: None,
            milestones: Vec::new(),
            capex: 0.0,
            opex: 0.0,
            run_cost_per_year: 0.0,
            fte: 0.0,
            vendors: Vec::new(),
            risk: RiskScore::default(),
            compliance: Vec::new(),
            depends_on: Vec::new(),
            goals: Vec::new(),
            capabilities: Vec::new(),
            scoring: ScoringInputs::default(),
            funding_lock: FundingLock::None,
        }
    }
}

impl Initiative {
    /// Both dates set: the initiative is on the timeline, not in the parking lot.
    pub fn dates(&self) -> Option<(Month, Month)> {
        Some((self.start?, self.end?))
    }
    pub fn is_dated(&self) -> bool {
        self.dates().is_some()
    }
    /// One-off cost (capex + opex).
    pub fn one_off_cost(&self) -> f64 {
        self.capex + self.opex
    }
}

/// Which list an item lives in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum ItemKind {
    Roadmap,
    Goal,
    Capability,
    Initiative,
    Application,
    Technology,
}

impl ItemKind {
    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Roadmap => "roadmap",
            ItemKind::Goal => "goal",
            ItemKind::Capability => "capability",
            ItemKind::Initiative => "initiative",
            ItemKind::Application => "application",
            ItemKind::Technology => "technology",
        }
    }

    /// How messages name an item: `initiative "CRM rollout"`, or by id when it has no name.
    pub fn subject(self, name: &str, id: &str) -> String {
        format!("{} \"{}\"", self.noun(), display_name(name, id))
    }
}

/// The name messages show for an item: its name, or its id when the name is blank.
pub fn display_name<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() {
        id
    } else {
        name
    }
}

/// Two lists of items the same: by pointer first, field by field only where the pointers
/// differ (after an edit of a cloned roadmap, only the items `Arc::make_mut` touched).
pub(crate) fn same_items<T: PartialEq>(a: &[Arc<T>], b: &[Arc<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y) || x == y)
}

impl Roadmap {
    pub fn goal(&self, id: &str) -> Option<&Arc<Goal>> {
        self.goals.iter().find(|g| g.id == id)
    }
    pub fn capability(&self, id: &str) -> Option<&Arc<Capability>> {
        self.capabilities.iter().find(|c| c.id == id)
    }
    pub fn initiative(&self, id: &str) -> Option<&Arc<Initiative>> {
        self.initiatives.iter().find(|i| i.id == id)
    }
    pub fn application(&self, id: &str) -> Option<&Arc<Application>> {
        self.landscape.applications.iter().find(|a| a.id == id)
    }
    pub fn technology(&self, id: &str) -> Option<&Arc<Technology>> {
        self.landscape.technologies.iter().find(|t| t.id == id)
    }
    pub fn application_mut(&mut self, id: &str) -> Option<&mut Application> {
        self.landscape.applications.iter_mut().find(|a| a.id == id).map(Arc::make_mut)
    }
    pub fn technology_mut(&mut self, id: &str) -> Option<&mut Technology> {
        self.landscape.technologies.iter_mut().find(|t| t.id == id).map(Arc::make_mut)
    }
    pub fn goal_mut(&mut self, id: &str) -> Option<&mut Goal> {
        self.goals.iter_mut().find(|g| g.id == id).map(Arc::make_mut)
    }
    pub fn capability_mut(&mut self, id: &str) -> Option<&mut Capability> {
        self.capabilities.iter_mut().find(|c| c.id == id).map(Arc::make_mut)
    }
    pub fn initiative_mut(&mut self, id: &str) -> Option<&mut Initiative> {
        self.initiatives.iter_mut().find(|i| i.id == id).map(Arc::make_mut)
    }

    /// Equality that first compares items by pointer: after an edit of a cloned roadmap only
    /// the items touched by `Arc::make_mut` are compared field by field.
    pub fn same_as(&self, other: &Roadmap) -> bool {
        self.same_but_applications(other) && same_items(&self.landscape.applications, &other.landscape.applications)
    }

    /// [`Roadmap::same_as`] leaving the landscape's applications out (an edit of applications
    /// only is checked in part: `validate::validate_edit`).
    pub fn same_but_applications(&self, other: &Roadmap) -> bool {
        // Every field, named: a field added to `Roadmap` does not compile until it is compared
        // here (a field left out would make its edits vanish — no undo step, no save).
        let Roadmap {
            name,
            description,
            currency,
            fiscal_year_start_month,
            horizon,
            budgets,
            capacity,
            scoring,
            goals,
            capabilities,
            initiatives,
            lock_in_threshold,
            landscape,
        } = self;
        name == &other.name
            && description == &other.description
            && currency == &other.currency
            && fiscal_year_start_month == &other.fiscal_year_start_month
            && horizon == &other.horizon
            && budgets == &other.budgets
            && capacity == &other.capacity
            && scoring == &other.scoring
            && same_items(goals, &other.goals)
            && same_items(capabilities, &other.capabilities)
            && same_items(initiatives, &other.initiatives)
            && lock_in_threshold.to_bits() == other.lock_in_threshold.to_bits()
            && landscape.same_but_applications(&other.landscape)
    }

    /// The name of an item, for messages ("initiative \"CRM rollout\"").
    pub fn describe(&self, kind: ItemKind, id: &str) -> String {
        let name = match kind {
            ItemKind::Roadmap => Some(self.name.as_str()),
            ItemKind::Goal => self.goal(id).map(|g| g.name.as_str()),
            ItemKind::Capability => self.capability(id).map(|c| c.name.as_str()),
            ItemKind::Initiative => self.initiative(id).map(|i| i.name.as_str()),
            ItemKind::Application => self.application(id).map(|a| a.name.as_str()),
            ItemKind::Technology => self.technology(id).map(|t| t.name.as_str()),
        };
        kind.subject(name.unwrap_or(""), id)
    }

    /// An id not used by any goal, capability, initiative, application or technology,
    /// starting with `prefix`.
    pub fn fresh_id(&self, prefix: &str) -> Id {
        let l = &self.landscape;
        let used = |id: &str| {
            self.goals.iter().any(|g| g.id == id)
                || self.capabilities.iter().any(|c| c.id == id)
                || self.initiatives.iter().any(|i| i.id == id)
                || l.applications.iter().any(|a| a.id == id)
                || l.technologies.iter().any(|t| t.id == id)
        };
        let count = self.goals.len()
            + self.capabilities.len()
            + self.initiatives.len()
            + l.applications.len()
            + l.technologies.len();
        (count + 1..).map(|n| format!("{prefix}-{n}")).find(|id| !used(id)).expect("an unused id exists")
    }

    /// Depth of a capability in the tree: 1 for L1. `None` when the parent chain is broken
    /// or cyclic.
    pub fn capability_level(&self, id: &str) -> Option<usize> {
        let mut level = 1;
        let mut current = self.capability(id)?;
        while let Some(parent) = &current.parent {
            current = self.capability(parent)?;
            level += 1;
            if level > self.capabilities.len() {
                return None;
            }
        }
        Some(level)
    }

    /// Capabilities in tree order (depth first, list order among siblings) with their level
    /// (1 for L1). A capability whose parent is missing is shown as an L1; a cycle is cut.
    pub fn tree_order(&self) -> Vec<(Arc<Capability>, usize)> {
        use std::collections::{HashMap, HashSet};
        let known: HashSet<&str> = self.capabilities.iter().map(|c| c.id.as_str()).collect();
        let mut children: HashMap<Option<&str>, Vec<&Arc<Capability>>> = HashMap::new();
        for c in &self.capabilities {
            let parent = c.parent.as_deref().filter(|p| known.contains(p) && *p != c.id);
            children.entry(parent).or_default().push(c);
        }
        let mut out = Vec::with_capacity(self.capabilities.len());
        let mut seen = HashSet::new();
        let mut stack: Vec<(&Arc<Capability>, usize)> =
            children.get(&None).map(|v| v.iter().rev().map(|c| (*c, 1)).collect()).unwrap_or_default();
        while let Some((c, level)) = stack.pop() {
            if !seen.insert(c.id.as_str()) {
                continue;
            }
            out.push((c.clone(), level));
            if let Some(kids) = children.get(&Some(c.id.as_str())) {
                stack.extend(kids.iter().rev().map(|k| (*k, level + 1)));
            }
        }
        out
    }

    /// Children of a capability (or the L1 capabilities for `None`), in list order.
    pub fn capability_children<'a>(
        &'a self,
        parent: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Arc<Capability>> + 'a {
        self.capabilities.iter().filter(move |c| c.parent.as_deref() == parent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_order_is_depth_first_and_total() {
        let r = crate::domain::demo::demo_roadmap();
        let order = r.tree_order();
        assert_eq!(order.len(), r.capabilities.len());
        for (n, (c, level)) in order.iter().enumerate() {
            assert_eq!(Some(*level), r.capability_level(&c.id));
            if let Some(p) = &c.parent {
                let at = order.iter().position(|(x, _)| &x.id == p).unwrap();
                assert!(at < n, "a parent comes before its children");
            }
        }
        // A missing parent shows the capability as L1; a cycle does not hang.
        let mut broken = r.clone();
        broken.capability_mut(&order[0].0.id).unwrap().parent = Some("nowhere".into());
        assert_eq!(broken.tree_order().len(), r.capabilities.len());
        let (a, b) = (order[0].0.id.clone(), order[1].0.id.clone());
        broken.capability_mut(&a).unwrap().parent = Some(b.clone());
        assert!(broken.tree_order().len() <= r.capabilities.len());
    }

    #[test]
    fn same_as_is_equality() {
        let a = crate::domain::demo::demo_roadmap();
        let mut b = a.clone();
        assert!(a.same_as(&b) && a == b);
        b.initiative_mut("ini-crm").unwrap().capex += 1.0;
        assert!(!a.same_as(&b) && a != b);
        // Equal content in a different allocation is still the same.
        let mut c = a.clone();
        c.initiatives[0] = Arc::new((*a.initiatives[0]).clone());
        assert!(a.same_as(&c));
        let mut d = a.clone();
        d.name.push('!');
        assert!(!a.same_as(&d));
        let mut e = a.clone();
        e.lock_in_threshold = 35.0;
        assert!(!a.same_as(&e) && a != e);
    }
}
