//! The roadmap file: Cairn's public JSON contract (`docs/file-format.md`).
//!
//! ```text
//! { "format": "cairn-roadmap", "version": 2, "roadmap": { ... } }
//! ```
//!
//! Version 2 added the landscape (applications, technologies, their changes by initiatives);
//! a version-1 file opens with an empty landscape.
//!
//! Export is pretty-printed and stable (same roadmap, same bytes); whole numbers are written
//! without a fraction (`250000`, not `250000.0`). Import refuses — with a message naming what
//! and where — anything too large, not JSON, of another format or a newer version, of the
//! wrong shape, or with errors by [`validate`](super::validate::validate). Warnings do not
//! refuse.

use super::model::Roadmap;
use super::validate::validate;
use serde::{Deserialize, Serialize};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value;
use std::{fmt, io};

pub const FORMAT: &str = "cairn-roadmap";
pub const VERSION: u32 = 2;
/// The oldest version this Cairn reads.
pub const OLDEST_VERSION: u32 = 1;
/// Cairn opens roadmap files up to 20 MB.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// At most this many problems are listed when a file is refused.
const MAX_LISTED: usize = 10;

/// Why a file was not opened, in words for the person who chose it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ImportError {
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError { message: message.into() })
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    roadmap: &'a Roadmap,
}

/// The roadmap as a pretty-printed file.
pub fn export_json(r: &Roadmap) -> String {
    let mut text = write_json(&FileOut { format: FORMAT, version: VERSION, roadmap: r }, true);
    text.push('\n');
    text
}

/// JSON as Cairn writes it, pretty or compact, whole numbers without ".0". File and storage
/// share this one serializer type, so the model's serialization exists once in the wasm.
pub fn write_json<T: Serialize>(value: &T, pretty: bool) -> String {
    let mut out = Vec::new();
    let formatter = WholeNumbers(pretty.then(PrettyFormatter::new));
    value
        .serialize(&mut serde_json::Serializer::with_formatter(&mut out, formatter))
        .expect("a roadmap always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Refuses a file of `bytes` bytes when it is over [`MAX_FILE_BYTES`] (check before reading it).
pub fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_FILE_BYTES {
        let (size, limit) = (super::format::file_size(bytes), super::format::file_size(MAX_FILE_BYTES));
        return refuse(format!("The file is {size}; Cairn opens roadmap files up to {limit}"));
    }
    Ok(())
}

/// Reads a roadmap file. Nothing is changed on refusal: the caller keeps its roadmap.
pub fn import_json(text: &str) -> Result<Roadmap, ImportError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return refuse("The file is empty");
    }

    // First the envelope, so that a file of another kind or version is named as such.
    #[derive(Deserialize)]
    struct Header {
        format: Option<Value>,
        version: Option<Value>,
    }
    let header: Header = serde_json::from_str(text).or_else(|e| {
        if e.is_data() {
            refuse("This is not a Cairn roadmap file (it is JSON, but not an object with a \"format\")")
        } else {
            refuse(format!("This file is not valid JSON: {}", explain(&e)))
        }
    })?;
    match header.format {
        Some(Value::String(f)) if f == FORMAT => {}
        None => return refuse("This is not a Cairn roadmap file (it has no \"format\")"),
        Some(other) => return refuse(format!("This is not a Cairn roadmap file (format is {other})")),
    }
    let version = match header.version {
        Some(v) if v.as_u64().is_some_and(|v| (OLDEST_VERSION.into()..=VERSION.into()).contains(&v)) => v.as_u64(),
        Some(v) if v.as_u64().is_some_and(|v| v > VERSION.into()) => {
            return refuse(format!(
                "This roadmap file was made by a newer Cairn (version {v}); this Cairn reads version {VERSION}"
            ));
        }
        None => return refuse("This roadmap file has no \"version\""),
        Some(v) => {
            return refuse(format!(
                "This roadmap file has an unknown version ({v}); this Cairn reads version {VERSION}"
            ))
        }
    };

    #[derive(Deserialize)]
    struct Body {
        roadmap: Option<Roadmap>,
    }
    let body: Body = serde_json::from_str(text)
        .or_else(|e| refuse(format!("This roadmap file could not be read: {}", explain(&e))))?;
    let Some(mut roadmap) = body.roadmap else {
        return refuse("This roadmap file has no \"roadmap\"");
    };
    if version == Some(1) {
        // Version 1 had no landscape: a "landscape" field there is not Cairn's, and ignored.
        roadmap.landscape = Default::default();
    }

    let errors: Vec<_> = validate(&roadmap).into_iter().filter(|p| p.is_error()).collect();
    if !errors.is_empty() {
        let count = if errors.len() == 1 { "a problem".to_string() } else { format!("{} problems", errors.len()) };
        let mut message = format!("This roadmap file has {count}, so it was not opened:");
        for p in errors.iter().take(MAX_LISTED) {
            message += &format!("\n• {}", p.message);
        }
        if errors.len() > MAX_LISTED {
            message += &format!("\n• …and {} more", errors.len() - MAX_LISTED);
        }
        return refuse(message);
    }
    Ok(roadmap)
}

/// A serde_json error in plain words, with its line and column when it has one.
pub(crate) fn explain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(what, _)| what);
    let what = plain_words(what);
    if e.line() == 0 {
        what
    } else {
        format!("line {}, column {}: {what}", e.line(), e.column())
    }
}

/// Rewrites serde's wording ("invalid type: string \"x\", expected u8") for people.
fn plain_words(what: &str) -> String {
    let expected = |e: &str| match e {
        "u8" => "a whole number from 0 to 255".to_string(),
        "u16" | "u32" | "u64" | "i32" | "i64" => "a whole number".to_string(),
        "f64" => "a number".to_string(),
        "a string" => "text".to_string(),
        "a sequence" => "a list [ … ]".to_string(),
        "a boolean" => "true or false".to_string(),
        e if e == "a map" || e.starts_with("struct ") => "an object { … }".to_string(),
        e => e.replace('`', "\""),
    };
    let found = |f: &str| {
        let f = f.replace('`', "");
        let f = f.strip_prefix("string ").map(|s| format!("the text {s}")).unwrap_or(f);
        let f = f.strip_prefix("integer ").map(|s| format!("the number {s}")).unwrap_or(f);
        let f = f.strip_prefix("floating point ").map(|s| format!("the number {s}")).unwrap_or(f);
        match f.as_str() {
            "map" => "an object".to_string(),
            "sequence" => "a list".to_string(),
            _ => f,
        }
    };
    if let Some((f, e)) = what.strip_prefix("invalid type: ").and_then(|r| r.split_once(", expected ")) {
        format!("found {} where {} is expected", found(f), expected(e))
    } else if let Some((f, e)) = what.strip_prefix("invalid value: ").and_then(|r| r.split_once(", expected ")) {
        format!("{} is out of range; expected {}", found(f), expected(e))
    } else if let Some(field) = what.strip_prefix("missing field ") {
        format!("the field {} is missing", field.replace('`', "\""))
    } else if let Some(field) = what.strip_prefix("duplicate field ") {
        format!("the field {} appears twice", field.replace('`', "\""))
    } else if let Some((v, e)) = what.strip_prefix("unknown variant ").and_then(|r| r.split_once(", expected ")) {
        let e = e.strip_prefix("one of ").unwrap_or(e);
        format!("{} is not one of {}", v.replace('`', "\""), e.replace('`', "\""))
    } else {
        what.to_string()
    }
}

/// serde_json's pretty (`Some`) or compact (`None`) printer, except that whole numbers are
/// written without ".0".
struct WholeNumbers(Option<PrettyFormatter<'static>>);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            match &mut self.0 {
                Some(pretty) => pretty.$name(w $(, $arg)*),
                None => CompactFormatter.$name(w $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for WholeNumbers {
    fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        // Exact for |value| < 2^53; larger values keep serde_json's exponent form.
        if value.fract() == 0.0 && value.abs() < 9.0e15 {
            write!(w, "{}", value as i64)
        } else {
            CompactFormatter.write_f64(w, value)
        }
    }
    delegate! {
        begin_array(); end_array(); begin_array_value(first: bool); end_array_value();
        begin_object(); end_object(); begin_object_key(first: bool); begin_object_value(); end_object_value();
    }
}

/// Proptest strategies for valid roadmaps, shared by the format tests.
#[cfg(test)]
pub mod testing {
    use crate::domain::calendar::{Month, Quarter};
    use crate::domain::model::*;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::select;
    use std::sync::Arc;

    /// Any text, including control characters, quotes and non-Latin scripts.
    pub fn text() -> impl Strategy<Value = String> {
        prop_oneof!["(?s).{0,12}", "[a-z \"\\\\/]{0,8}", "\\PC{0,8}"]
    }
    /// A name: text that is not blank.
    pub fn name() -> impl Strategy<Value = String> {
        "[^\\s](?s).{0,12}"
    }
    pub fn month() -> impl Strategy<Value = Month> {
        (1990..2100i32, 1..=12u8).prop_map(|(year, month)| Month { year, month })
    }
    /// Money, FTE and the like: zero, whole, cents or any fraction.
    pub fn amount() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(0.0),
            (0..10_000_000u64).prop_map(|n| n as f64),
            (0..1_000_000_000u64).prop_map(|n| n as f64 / 100.0),
            0.0..1e12f64,
            0.0..1.0f64,
        ]
    }

    type Basics = (String, String, String, u8, (Month, i32));

    fn basics() -> impl Strategy<Value = Basics> {
        (text(), text(), "[A-Z]{3}", 1..=12u8, (month(), 0..120i32))
    }

    fn goal() -> impl Strategy<Value = Goal> {
        let kpi = (text(), -1e9..1e9f64, amount(), text(), proptest::option::of(month()))
            .prop_map(|(name, baseline, target, unit, due)| Kpi { name, baseline, target, unit, due });
        (name(), text(), text(), 1..=5u8, text(), kpi).prop_map(|(name, description, theme, weight, owner, kpi)| Goal {
            id: String::new(),
            name,
            description,
            theme,
            weight,
            owner,
            kpi,
        })
    }

    /// A capability and a seed for its parent.
    fn capability() -> impl Strategy<Value = (Capability, Option<usize>)> {
        let scores = (0..=5u8, 0..=5u8, 1..=5u8, select(Risk::ALL.to_vec()));
        (name(), text(), text(), scores, vec(text(), 0..3), proptest::option::of(any::<usize>())).prop_map(
            |(name, description, area, (current_maturity, target_maturity, importance, risk), compliance, parent)| {
                let c = Capability {
                    name,
                    description,
                    area,
                    current_maturity,
                    target_maturity,
                    importance,
                    risk,
                    compliance,
                    ..Capability::default()
                };
                (c, parent)
            },
        )
    }

    /// Seeds for an initiative's links: dependencies, goals, capabilities.
    type LinkSeeds = (Vec<usize>, Vec<(usize, u8)>, Vec<(usize, u8)>);

    fn initiative() -> impl Strategy<Value = (Initiative, LinkSeeds)> {
        let people = (name(), text(), text(), text(), select(Status::ALL.to_vec()));
        let when = (proptest::option::of((month(), 0..40i32)), vec((text(), proptest::option::of(month())), 0..3));
        let money = (amount(), amount(), amount(), amount());
        let more = (vec(text(), 0..3), (1..=5u8, 1..=5u8), vec(text(), 0..3));
        let links =
            (vec(any::<usize>(), 0..4), vec((any::<usize>(), 1..=3u8), 0..3), vec((any::<usize>(), 0..=5u8), 0..3));
        (people, when, money, more, links).prop_map(
            |(
                (name, description, owner, sponsor, status),
                (dates, milestones),
                (capex, opex, run, fte),
                (vendors, risk, compliance),
                links,
            )| {
                let i = Initiative {
                    name,
                    description,
                    owner,
                    sponsor,
                    status,
                    start: dates.map(|d| d.0),
                    end: dates.map(|(start, len)| start.plus(len)),
                    milestones: milestones.into_iter().map(|(name, month)| Milestone { name, month }).collect(),
                    capex,
                    opex,
                    run_cost_per_year: run,
                    fte,
                    vendors,
                    risk: RiskScore { likelihood: risk.0, impact: risk.1 },
                    compliance,
                    ..Initiative::default()
                };
                (i, links)
            },
        )
    }

    /// Any valid roadmap: unique ids, links to existing items, dependencies without cycles, a
    /// capability tree of at most 3 levels (warnings, such as dates outside the horizon, allowed).
    pub fn roadmap() -> impl Strategy<Value = Roadmap> {
        let budgets = vec((1990..2100i32, amount(), amount()), 0..4);
        let capacity = vec(((1990..2100i32, 1..=4u8), amount()), 0..4);
        let scoring = (scoring(), vec(scoring_inputs(), 10));
        (basics(), budgets, capacity, vec(goal(), 0..5), vec(capability(), 0..10), vec(initiative(), 0..10), scoring)
            .prop_map(|(basics, budgets, capacity, goals, caps, inits, (scoring, inputs))| {
                let mut r = build(basics, budgets, capacity, goals, caps, inits, scoring);
                let entered = r.scoring.criteria.iter().find(|c| c.id == ENTERED).map(|c| (c.min, c.max));
                for (n, (i, mut inputs)) in r.initiatives.iter_mut().zip(inputs).enumerate() {
                    // A value in the criterion's range, only when the roadmap has it.
                    inputs.custom = match entered {
                        Some((min, max)) => {
                            inputs.custom.into_iter().map(|(k, v)| (k, min + v * (max - min))).collect()
                        }
                        None => Default::default(),
                    };
                    let i = Arc::make_mut(i);
                    i.scoring = inputs;
                    i.funding_lock = FundingLock::ALL[n % 3];
                }
                r
            })
    }

    /// The id of the entered criterion [`scoring`] may add.
    const ENTERED: &str = "crit-effort";

    /// Scoring settings: either model, the default criteria with any weights ≥ 0, sometimes
    /// an entered criterion.
    fn scoring() -> impl Strategy<Value = Scoring> {
        let weights = vec(prop_oneof![Just(0.0), 0.0..100.0f64, (0..100u32).prop_map(f64::from)], 5);
        (select(ScoringModel::ALL.to_vec()), weights, any::<bool>(), (0..=3u32, 1..10u32), any::<bool>()).prop_map(
            |(model, weights, entered, (min, span), lower_is_better)| {
                let mut criteria = default_criteria();
                for (c, w) in criteria.iter_mut().zip(weights) {
                    c.weight = w;
                }
                if entered {
                    criteria.push(Criterion {
                        id: ENTERED.into(),
                        name: "Effort <&>".into(),
                        weight: 10.0,
                        source: CriterionSource::Entered,
                        min: min as f64,
                        max: (min + span) as f64,
                        lower_is_better,
                    });
                }
                Scoring { model, criteria }
            },
        )
    }

    /// Estimates on the scale (0 = not estimated), a lock, and maybe a value for the entered
    /// criterion (kept only when the roadmap has it; see `build`).
    fn scoring_inputs() -> impl Strategy<Value = ScoringInputs> {
        let estimate = || prop_oneof![Just(0u8), select(ESTIMATE_SCALE.to_vec())];
        (estimate(), estimate(), estimate(), estimate(), proptest::option::of(0.0..=1.0f64)).prop_map(
            |(business_value, time_criticality, risk_reduction, job_size, custom)| ScoringInputs {
                business_value,
                time_criticality,
                risk_reduction,
                job_size,
                custom: custom.map(|v| (ENTERED.to_string(), v)).into_iter().collect(),
            },
        )
    }

    fn build(
        (name, description, currency, fiscal_year_start_month, (start, len)): Basics,
        budgets: Vec<(i32, f64, f64)>,
        capacity: Vec<((i32, u8), f64)>,
        goals: Vec<Goal>,
        caps: Vec<(Capability, Option<usize>)>,
        inits: Vec<(Initiative, LinkSeeds)>,
        scoring: Scoring,
    ) -> Roadmap {
        let goals: Vec<Arc<Goal>> =
            goals.into_iter().enumerate().map(|(n, g)| Arc::new(Goal { id: format!("goal-{n}"), ..g })).collect();
        let mut levels = Vec::new();
        let mut capabilities: Vec<Arc<Capability>> = Vec::new();
        for (n, (c, seed)) in caps.into_iter().enumerate() {
            let parent = seed.filter(|_| n > 0).map(|s| s % n).filter(|&p| levels[p] < 3);
            levels.push(parent.map_or(1, |p| levels[p] + 1));
            let parent = parent.map(|p| capabilities[p].id.clone());
            capabilities.push(Arc::new(Capability { id: format!("cap-{n}"), parent, ..c }));
        }
        /// Distinct targets picked by seeds among `count` items.
        fn pick<T>(count: usize, seeds: Vec<(usize, T)>) -> Vec<(usize, T)> {
            let mut seen = std::collections::HashSet::new();
            seeds
                .into_iter()
                .filter(|_| count > 0)
                .map(|(s, t)| (s % count.max(1), t))
                .filter(|(k, _)| seen.insert(*k))
                .collect()
        }
        let initiatives = inits
            .into_iter()
            .enumerate()
            .map(|(n, (i, (deps, goal_links, cap_links)))| {
                Arc::new(Initiative {
                    id: format!("initiative-{n}"),
                    // Only earlier initiatives, so there are no cycles.
                    depends_on: pick(n, deps.into_iter().map(|s| (s, ())).collect())
                        .into_iter()
                        .map(|(k, ())| format!("initiative-{k}"))
                        .collect(),
                    goals: pick(goals.len(), goal_links)
                        .into_iter()
                        .map(|(k, contribution)| GoalLink { goal: goals[k].id.clone(), contribution })
                        .collect(),
                    capabilities: pick(capabilities.len(), cap_links)
                        .into_iter()
                        .map(|(k, maturity_after)| CapabilityLink {
                            capability: capabilities[k].id.clone(),
                            maturity_after,
                        })
                        .collect(),
                    ..i
                })
            })
            .collect();
        Roadmap {
            name,
            description,
            currency,
            fiscal_year_start_month,
            horizon: Horizon { start, end: start.plus(len) },
            budgets: budgets
                .into_iter()
                .map(|(fiscal_year, capex, opex)| Budget { fiscal_year, capex, opex })
                .collect(),
            capacity: capacity
                .into_iter()
                .map(|((year, quarter), fte)| Capacity { quarter: Quarter { year, quarter }, fte })
                .collect(),
            scoring,
            goals,
            capabilities,
            initiatives,
            ..Roadmap::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Month;
    use crate::domain::model::*;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// One of everything, every field set.
    fn sample() -> Roadmap {
        Roadmap {
            name: "IT strategy 2026–2028".into(),
            description: "Board-approved plan".into(),
            currency: "EUR".into(),
            fiscal_year_start_month: 4,
            horizon: Horizon { start: m("2026-01"), end: m("2028-12") },
            budgets: vec![Budget { fiscal_year: 2027, capex: 1_500_000.0, opex: 750_000.5 }],
            capacity: vec![Capacity { quarter: m("2026-01").quarter(), fte: 12.5 }],
            scoring: Scoring {
                model: ScoringModel::Wsjf,
                criteria: vec![Criterion {
                    id: "crit-fit".into(),
                    name: "Architecture fit".into(),
                    weight: 12.5,
                    source: CriterionSource::Entered,
                    min: 0.0,
                    max: 10.0,
                    lower_is_better: true,
                }],
            },
            goals: vec![Arc::new(Goal {
                id: "g1".into(),
                name: "Grow digital revenue".into(),
                description: "Online sales".into(),
                theme: "Customer experience".into(),
                weight: 4,
                owner: "CDO".into(),
                kpi: Kpi {
                    name: "Online share".into(),
                    baseline: 12.0,
                    target: 30.0,
                    unit: "%".into(),
                    due: Some(m("2027-12")),
                },
            })],
            capabilities: vec![
                Arc::new(Capability {
                    id: "c1".into(),
                    name: "Service management".into(),
                    area: "IT service management".into(),
                    compliance: vec!["ISO 27001".into()],
                    ..Capability::default()
                }),
                Arc::new(Capability {
                    id: "c2".into(),
                    name: "Incident management".into(),
                    description: "Restore service fast".into(),
                    parent: Some("c1".into()),
                    area: "IT service management".into(),
                    current_maturity: 2,
                    target_maturity: 4,
                    importance: 5,
                    risk: Risk::High,
                    compliance: vec!["GDPR".into()],
                }),
            ],
            initiatives: vec![
                Arc::new(Initiative { id: "i0".into(), name: "Discovery".into(), ..Initiative::default() }),
                Arc::new(Initiative {
                    id: "i1".into(),
                    name: "CRM rollout".into(),
                    description: "Replace the old CRM".into(),
                    owner: "Head of Sales IT".into(),
                    sponsor: "CSO".into(),
                    status: Status::InProgress,
                    start: Some(m("2026-03")),
                    end: Some(m("2026-11")),
                    milestones: vec![Milestone { name: "Pilot".into(), month: Some(m("2026-06")) }],
                    capex: 250_000.0,
                    opex: 40_000.25,
                    run_cost_per_year: 30_000.0,
                    fte: 3.5,
                    vendors: vec!["Salesforce".into()],
                    risk: RiskScore { likelihood: 2, impact: 4 },
                    compliance: vec!["GDPR".into()],
                    depends_on: vec!["i0".into()],
                    goals: vec![GoalLink { goal: "g1".into(), contribution: 3 }],
                    capabilities: vec![CapabilityLink { capability: "c2".into(), maturity_after: 3 }],
                    scoring: ScoringInputs {
                        business_value: 8,
                        time_criticality: 5,
                        risk_reduction: 3,
                        job_size: 13,
                        custom: [("crit-fit".to_string(), 7.5)].into_iter().collect(),
                    },
                    funding_lock: FundingLock::MustFund,
                }),
            ],
            lock_in_threshold: 35.0,
            landscape: sample_landscape(),
        }
    }

    /// One application and one technology with every field set, and a replacement.
    fn sample_landscape() -> crate::domain::landscape::Landscape {
        use crate::domain::landscape::*;
        let app = |id: &str, name: &str| Application { id: id.into(), name: name.into(), ..Application::default() };
        Landscape {
            applications: vec![
                Arc::new(Application {
                    description: "Sales CRM".into(),
                    kind: AppType::Saas,
                    hosting: Hosting::Cloud,
                    vendor: "Salesforce".into(),
                    business_owner: "CSO".into(),
                    it_owner: "Head of Sales IT".into(),
                    criticality: Criticality::MissionCritical,
                    data_classification: DataClass::Confidential,
                    users: 420,
                    lifecycle: Lifecycle {
                        plan: Some(m("2018-01")),
                        phase_in: Some(m("2018-06")),
                        active: Some(m("2019-01")),
                        phase_out: Some(m("2026-06")),
                        end_of_life: Some(m("2027-01")),
                    },
                    functional_fit: Some(2),
                    technical_fit: Some(1),
                    disposition: Some(Disposition::Migrate),
                    successor: Some("a2".into()),
                    run_cost_per_year: 120_000.5,
                    capex: 30_000.0,
                    contract_end: Some(m("2026-12")),
                    tags: vec!["sales".into()],
                    technologies: vec!["t1".into()],
                    capabilities: vec![Support { capability: "c2".into(), fit: Some(3) }],
                    interfaces: vec![Interface {
                        to: "a2".into(),
                        name: "Accounts".into(),
                        direction: Direction::Both,
                        data: "customers".into(),
                    }],
                    ..app("a1", "Old CRM")
                }),
                Arc::new(app("a2", "New CRM")),
            ],
            technologies: vec![Arc::new(Technology {
                id: "t1".into(),
                name: "Red Hat Enterprise Linux".into(),
                category: "os".into(),
                vendor: "Red Hat".into(),
                version: "7".into(),
                release: Some(m("2014-06")),
                end_of_standard_support: Some(m("2019-08")),
                end_of_life: Some(m("2024-06")),
                end_of_extended_support: Some(m("2029-05")),
                catalog: Some(CatalogLink {
                    product: "rhel".into(),
                    cycle: "7".into(),
                    release: Some(m("2014-06")),
                    standard_support: Ends::On(m("2019-08")),
                    end_of_life: Ends::Ended,
                    extended_support: Ends::Never,
                }),
            })],
            changes: vec![Change {
                initiative: "i1".into(),
                retires: Some("a1".into()),
                introduces: Some("a2".into()),
                month: Some(m("2026-10")),
            }],
        }
    }

    fn keys(v: &Value) -> Vec<&str> {
        v.as_object().unwrap().keys().map(String::as_str).collect()
    }

    fn sorted(mut k: Vec<&str>) -> Vec<&str> {
        k.sort();
        k
    }

    fn err(text: &str) -> String {
        import_json(text).unwrap_err().message
    }

    /// The sample file as JSON, changed by `f`.
    fn file_with(f: impl FnOnce(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(&export_json(&sample())).unwrap();
        f(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    }

    #[test]
    fn export_has_the_documented_shape() {
        let text = export_json(&sample());
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(sorted(keys(&v)), ["format", "roadmap", "version"]);
        assert_eq!((v["format"].as_str(), v["version"].as_u64()), (Some("cairn-roadmap"), Some(2)));
        let r = &v["roadmap"];
        let expect = |v: &Value, k: &[&str]| assert_eq!(sorted(keys(v)), sorted(k.to_vec()));
        expect(
            r,
            &[
                "name",
                "description",
                "currency",
                "fiscal_year_start_month",
                "horizon",
                "budgets",
                "capacity",
                "scoring",
                "goals",
                "capabilities",
                "initiatives",
                "lock_in_threshold",
                "landscape",
            ],
        );
        let l = &r["landscape"];
        expect(l, &["applications", "technologies", "changes"]);
        expect(
            &l["applications"][0],
            &[
                "id",
                "name",
                "description",
                "type",
                "hosting",
                "vendor",
                "business_owner",
                "it_owner",
                "criticality",
                "data_classification",
                "users",
                "lifecycle",
                "functional_fit",
                "technical_fit",
                "disposition",
                "successor",
                "run_cost_per_year",
                "capex",
                "contract_end",
                "tags",
                "technologies",
                "capabilities",
                "interfaces",
            ],
        );
        // Lean: what is empty or unset is left out.
        expect(
            &l["applications"][1],
            &[
                "id",
                "name",
                "description",
                "type",
                "hosting",
                "vendor",
                "business_owner",
                "it_owner",
                "criticality",
                "data_classification",
                "users",
                "run_cost_per_year",
                "capex",
            ],
        );
        expect(&l["applications"][0]["lifecycle"], &["plan", "phase_in", "active", "phase_out", "end_of_life"]);
        expect(&l["applications"][0]["capabilities"][0], &["capability", "fit"]);
        expect(&l["applications"][0]["interfaces"][0], &["to", "name", "direction", "data"]);
        expect(
            &l["technologies"][0],
            &[
                "id",
                "name",
                "category",
                "vendor",
                "version",
                "release",
                "end_of_standard_support",
                "end_of_life",
                "end_of_extended_support",
                "catalog",
            ],
        );
        expect(
            &l["technologies"][0]["catalog"],
            &["product", "cycle", "release", "standard_support", "end_of_life", "extended_support"],
        );
        expect(&l["changes"][0], &["initiative", "retires", "introduces", "month"]);
        let a = &l["applications"][0];
        assert_eq!(
            (&a["type"], &a["hosting"], &a["criticality"]),
            (&"saas".into(), &"cloud".into(), &"mission_critical".into())
        );
        assert_eq!((&a["data_classification"], &a["disposition"]), (&"confidential".into(), &"migrate".into()));
        assert_eq!(
            (&a["lifecycle"]["end_of_life"], &a["interfaces"][0]["direction"]),
            (&"2027-01".into(), &"both".into())
        );
        let c = &l["technologies"][0]["catalog"];
        assert_eq!((&c["end_of_life"], &c["extended_support"]), (&"ended".into(), &"never".into()));
        // An empty landscape is left out altogether.
        let lean: Value = serde_json::from_str(&export_json(&Roadmap::default())).unwrap();
        assert!(lean["roadmap"].get("landscape").is_none());
        expect(&r["horizon"], &["start", "end"]);
        expect(&r["budgets"][0], &["fiscal_year", "capex", "opex"]);
        expect(&r["capacity"][0], &["quarter", "fte"]);
        expect(&r["goals"][0], &["id", "name", "description", "theme", "weight", "owner", "kpi"]);
        expect(&r["goals"][0]["kpi"], &["name", "baseline", "target", "unit", "due"]);
        expect(
            &r["capabilities"][0],
            &[
                "id",
                "name",
                "description",
                "parent",
                "area",
                "current_maturity",
                "target_maturity",
                "importance",
                "risk",
                "compliance",
            ],
        );
        let i = &r["initiatives"][1];
        expect(
            i,
            &[
                "id",
                "name",
                "description",
                "owner",
                "sponsor",
                "status",
                "start",
                "end",
                "milestones",
                "capex",
                "opex",
                "run_cost_per_year",
                "fte",
                "vendors",
                "risk",
                "compliance",
                "depends_on",
                "goals",
                "capabilities",
                "scoring",
                "funding_lock",
            ],
        );
        expect(&i["milestones"][0], &["name", "month"]);
        expect(&r["scoring"], &["model", "criteria"]);
        expect(&r["scoring"]["criteria"][0], &["id", "name", "weight", "source", "min", "max", "lower_is_better"]);
        expect(&i["scoring"], &["business_value", "time_criticality", "risk_reduction", "job_size", "custom"]);
        assert_eq!(
            (&r["scoring"]["model"], &r["scoring"]["criteria"][0]["source"]),
            (&"wsjf".into(), &"entered".into())
        );
        assert_eq!((&i["funding_lock"], &i["scoring"]["custom"]["crit-fit"]), (&"must_fund".into(), &7.5.into()));
        expect(&i["risk"], &["likelihood", "impact"]);
        expect(&i["goals"][0], &["goal", "contribution"]);
        expect(&i["capabilities"][0], &["capability", "maturity_after"]);

        // Values in their documented forms.
        assert_eq!(r["horizon"]["start"], "2026-01");
        assert_eq!(r["capacity"][0]["quarter"], "2026-Q1");
        assert_eq!(r["capabilities"][0]["parent"], Value::Null);
        assert_eq!(r["capabilities"][1]["risk"], "high");
        assert_eq!(i["status"], "in_progress");
        assert_eq!((&r["initiatives"][0]["start"], &r["initiatives"][0]["end"]), (&Value::Null, &Value::Null));
        // Whole numbers without ".0"; fractions kept.
        assert!(text.contains("\"capex\": 250000,") && text.contains("\"opex\": 40000.25,"), "{text}");
        assert!(text.contains("\"fte\": 12.5") && text.contains("\"capex\": 0,"));
        assert!(text.starts_with("{\n  \"format\": \"cairn-roadmap\",\n  \"version\": 2,\n  \"roadmap\": {"));
    }

    #[test]
    fn import_reads_what_export_writes() {
        assert_eq!(import_json(&export_json(&sample())).unwrap(), sample());
        assert_eq!(import_json(&format!("\u{feff}{}", export_json(&sample()))).unwrap(), sample(), "a BOM is fine");
        // Missing optional fields take defaults; unknown fields are ignored.
        let r = import_json(
            r#"{"format":"cairn-roadmap","version":1,"extra":true,
            "roadmap":{"name":"Lean","initiatives":[{"id":"a","name":"A","colour":"red"}]}}"#,
        )
        .unwrap();
        assert_eq!((r.name.as_str(), r.currency.as_str(), r.initiatives[0].start), ("Lean", "EUR", None));
        assert_eq!(r.lock_in_threshold, 40.0, "files from before the lock-in setting get 40%");
        // An out-of-range threshold is refused like any other error.
        let file = file_with(|v| v["roadmap"]["lock_in_threshold"] = 0.into());
        assert!(err(&file).contains("lock-in threshold is 0%"), "{}", err(&file));
        // Warnings do not refuse.
        let file = file_with(|v| v["roadmap"]["initiatives"][1]["end"] = "2030-01".into());
        assert!(import_json(&file).is_ok());
    }

    #[test]
    fn refuses_files_that_are_too_large() {
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(err(&big), "The file is 20.0 MB; Cairn opens roadmap files up to 20 MB");
        assert_eq!(
            check_size(24_536_678).unwrap_err().message,
            "The file is 23.4 MB; Cairn opens roadmap files up to 20 MB"
        );
        assert!(check_size(MAX_FILE_BYTES).is_ok());
    }

    #[test]
    fn refuses_what_is_not_json_or_not_cairn() {
        assert_eq!(err(""), "The file is empty");
        assert_eq!(
            err("{\n  \"format\": \"cairn-roadmap\",\n  oops\n}"),
            "This file is not valid JSON: line 3, column 3: key must be a string"
        );
        assert!(err("{\"format\": \"cairn-roadmap\"").starts_with("This file is not valid JSON: line 1, column 26:"));
        assert_eq!(err("[1, 2]"), "This is not a Cairn roadmap file (format is 1)");
        assert!(err("42").starts_with("This is not a Cairn roadmap file"));
        assert_eq!(err("{\"name\": \"x\"}"), "This is not a Cairn roadmap file (it has no \"format\")");
        assert_eq!(err("{\"format\": \"x\", \"version\": 1}"), "This is not a Cairn roadmap file (format is \"x\")");
        assert_eq!(
            err("{\"format\": \"cairn-roadmap\", \"version\": 7, \"roadmap\": {\"goals\": 5}}"),
            "This roadmap file was made by a newer Cairn (version 7); this Cairn reads version 2"
        );
        assert_eq!(err("{\"format\": \"cairn-roadmap\"}"), "This roadmap file has no \"version\"");
        assert!(err("{\"format\": \"cairn-roadmap\", \"version\": \"1\"}").contains("unknown version (\"1\")"));
        assert_eq!(err("{\"format\": \"cairn-roadmap\", \"version\": 1}"), "This roadmap file has no \"roadmap\"");
    }

    #[test]
    fn explains_type_errors_with_their_position() {
        let bad_month = file_with(|v| v["roadmap"]["initiatives"][1]["end"] = "2026-13".into());
        let e = err(&bad_month);
        assert!(e.starts_with("This roadmap file could not be read: line "), "{e}");
        assert!(e.ends_with(": \"2026-13\" is not a month (expected YYYY-MM, e.g. 2026-03)"), "{e}");
        let line: usize = e.split("line ").nth(1).unwrap().split(',').next().unwrap().parse().unwrap();
        assert!(
            bad_month.lines().nth(line - 1).unwrap().contains("2026-13"),
            "line {line} of the file holds the bad month"
        );

        type Edit = fn(&mut Value);
        let cases: [(Edit, &str); 6] = [
            (
                |v| v["roadmap"]["goals"][0]["weight"] = "high".into(),
                "found the text \"high\" where a whole number from 0 to 255 is expected",
            ),
            (
                |v| v["roadmap"]["goals"][0]["weight"] = 300.into(),
                "the number 300 is out of range; expected a whole number from 0 to 255",
            ),
            (
                |v| v["roadmap"]["initiatives"][1]["capex"] = "lots".into(),
                "found the text \"lots\" where a number is expected",
            ),
            (
                |v| v["roadmap"]["initiatives"][1]["status"] = "urgent".into(),
                "\"urgent\" is not one of \"idea\", \"proposed\"",
            ),
            (|v| v["roadmap"]["capacity"][0] = serde_json::json!({"fte": 1}), "the field \"quarter\" is missing"),
            (|v| v["roadmap"]["goals"] = serde_json::json!({}), "found an object where a list [ … ] is expected"),
        ];
        for (edit, text) in cases {
            let e = err(&file_with(edit));
            assert!(e.contains(text), "{e}");
            assert!(e.contains("line "), "{e}");
        }
    }

    #[test]
    fn refuses_broken_references_and_lists_at_most_ten_problems() {
        let e = err(&file_with(|v| v["roadmap"]["initiatives"][1]["depends_on"] = serde_json::json!(["x"])));
        assert_eq!(e, "This roadmap file has a problem, so it was not opened:\n• initiative \"CRM rollout\": depends_on \"x\" does not exist");
        let e = err(&file_with(|v| v["roadmap"]["goals"][0]["id"] = "c1".into()));
        assert!(
            e.contains(
                "\n• capability \"Service management\": id \"c1\" is also used by goal \"Grow digital revenue\""
            ),
            "{e}"
        );

        let e = err(&file_with(|v| {
            let deps: Vec<String> = (0..12).map(|n| format!("gone-{n}")).collect();
            v["roadmap"]["initiatives"][1]["depends_on"] = serde_json::json!(deps);
        }));
        assert!(e.starts_with("This roadmap file has 12 problems, so it was not opened:"), "{e}");
        assert_eq!(e.lines().count(), 1 + 10 + 1);
        assert!(e.ends_with("\n• …and 2 more"), "{e}");
    }

    /// A file written before scoring existed (no `scoring`, no `funding_lock`) still opens:
    /// weighted scoring with the default criteria, nothing estimated, nothing locked.
    #[test]
    fn a_file_from_before_scoring_still_opens() {
        let old = r#"{"format": "cairn-roadmap", "version": 1, "roadmap": {
            "name": "Old plan", "currency": "EUR", "fiscal_year_start_month": 1,
            "horizon": {"start": "2026-01", "end": "2027-12"},
            "budgets": [{"fiscal_year": 2026, "capex": 100000, "opex": 50000}],
            "capacity": [], "goals": [{"id": "g", "name": "Grow", "weight": 4}], "capabilities": [],
            "initiatives": [{"id": "i", "name": "CRM", "description": "", "owner": "", "sponsor": "",
                "status": "approved", "start": "2026-02", "end": "2026-10", "milestones": [],
                "capex": 90000, "opex": 10000, "run_cost_per_year": 0, "fte": 2, "vendors": [],
                "risk": {"likelihood": 3, "impact": 3}, "compliance": [], "depends_on": [],
                "goals": [{"goal": "g", "contribution": 2}], "capabilities": []}]}}"#;
        let r = import_json(old).unwrap();
        assert_eq!(r.scoring, Scoring::default());
        assert_eq!(r.scoring.criteria.len(), 5);
        assert_eq!(r.initiatives[0].scoring, ScoringInputs::default());
        assert_eq!(r.initiatives[0].funding_lock, FundingLock::None);
        assert_eq!(import_json(&export_json(&r)).unwrap(), r);
    }

    /// Version 1 had no landscape: such a file opens with an empty one (and anything under a
    /// "landscape" key there is ignored, as every unknown field of version 1), and is written
    /// back as version 2.
    #[test]
    fn a_version_1_file_opens_with_an_empty_landscape() {
        let v1 = file_with(|v| v["version"] = 1.into());
        let r = import_json(&v1).unwrap();
        assert!(r.landscape.is_empty());
        assert_eq!(r, Roadmap { landscape: Default::default(), ..sample() });
        assert!(export_json(&r).contains("\"version\": 2,"));
        // The same file as version 2 keeps its landscape.
        assert_eq!(import_json(&file_with(|v| v["version"] = 2.into())).unwrap(), sample());
        assert!(err(&file_with(|v| v["version"] = 0.into())).contains("unknown version (0)"));
        // A version-2 file with a broken landscape link is refused like any other.
        let e = err(&file_with(|v| v["roadmap"]["landscape"]["applications"][0]["successor"] = "gone".into()));
        assert!(e.contains("application \"Old CRM\": successor \"gone\" does not exist"), "{e}");
    }

    #[test]
    fn export_is_stable() {
        let text = export_json(&sample());
        assert_eq!(export_json(&import_json(&text).unwrap()), text);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_valid_roadmap_round_trips_exactly(r in testing::roadmap()) {
            let problems: Vec<_> = crate::domain::validate::validate(&r).into_iter().filter(|p| p.is_error()).collect();
            prop_assert!(problems.is_empty(), "the strategy made an invalid roadmap: {:?}", problems);
            let text = export_json(&r);
            let back = import_json(&text).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(&back, &r);
            prop_assert_eq!(export_json(&back), text);
        }

        #[test]
        fn import_never_panics(text in "(?s).{0,200}") {
            let _ = import_json(&text);
        }

        #[test]
        fn import_never_panics_on_damaged_files(cut in 0usize..4000, junk in "[{}\\[\\]\",:0-9a-z ]{0,3}") {
            let text = export_json(&sample());
            let cut = (0..=cut.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap();
            let _ = import_json(&format!("{}{junk}{}", &text[..cut], &text[cut..]));
        }
    }
}
