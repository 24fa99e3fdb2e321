//! The landscape's data: applications, technologies (IT components) and the changes
//! initiatives make to applications. Plain data, part of the roadmap file (version 2,
//! `docs/file-format.md`); the rules live in the sibling modules.
//!
//! The JSON is kept lean: empty lists, unset months and unset fits are left out.

use crate::domain::calendar::Month;
use crate::domain::model::same_items;
use crate::domain::model::Id;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// The roadmap's application and technology landscape.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Landscape {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applications: Vec<Arc<Application>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub technologies: Vec<Arc<Technology>>,
    /// What initiatives do to applications: introduce, retire or replace them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

impl Landscape {
    pub fn is_empty(&self) -> bool {
        self.applications.is_empty() && self.technologies.is_empty() && self.changes.is_empty()
    }

    /// Equality that compares items by pointer first (see `Roadmap::same_as`).
    pub fn same_as(&self, other: &Landscape) -> bool {
        self.same_but_applications(other) && same_items(&self.applications, &other.applications)
    }

    /// [`Landscape::same_as`] leaving the applications out.
    pub fn same_but_applications(&self, other: &Landscape) -> bool {
        let Landscape { applications: _, technologies, changes } = self;
        same_items(technologies, &other.technologies) && changes == &other.changes
    }
}

/// Defines a choice: an enum written in files by its key, with `ALL`, `key`, `label` and
/// `from_key` (key or label, case-insensitively), and its default.
macro_rules! choice {
    ($(#[$m:meta])* $name:ident default $default:ident { $($(#[$vm:meta])* $v:ident = $key:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $key)] $v,)+
        }
        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The key used in files.
            pub fn key(self) -> &'static str {
                match self { $($name::$v => $key,)+ }
            }
            pub fn label(self) -> &'static str {
                match self { $($name::$v => $label,)+ }
            }
            /// Accepts the key or the label, case-insensitively.
            pub fn from_key(text: &str) -> Option<$name> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|c| c.key().eq_ignore_ascii_case(t) || c.label().eq_ignore_ascii_case(t))
            }
        }
    };
}

choice! {
    /// How an application was obtained.
    AppType default Custom {
        Custom = "custom", "Custom-built";
        Cots = "cots", "Commercial off the shelf";
        Saas = "saas", "Software as a service";
        EndUser = "end_user", "End-user computing";
    }
}

choice! {
    /// Where an application runs.
    Hosting default OnPremises {
        OnPremises = "on_premises", "On premises";
        Cloud = "cloud", "Cloud";
        Hybrid = "hybrid", "Hybrid";
        ThirdParty = "third_party", "Third-party hosted";
    }
}

choice! {
    /// How much the business suffers when the application stops.
    Criticality default Medium {
        Low = "low", "Low";
        Medium = "medium", "Medium";
        High = "high", "High";
        MissionCritical = "mission_critical", "Mission-critical";
    }
}

choice! {
    /// The most sensitive data the application holds.
    DataClass default Internal {
        Public = "public", "Public";
        Internal = "internal", "Internal";
        Confidential = "confidential", "Confidential";
        Restricted = "restricted", "Restricted";
    }
}

choice! {
    /// What to do with an application (Gartner's TIME model).
    Disposition default Tolerate {
        Tolerate = "tolerate", "Tolerate";
        Invest = "invest", "Invest";
        Migrate = "migrate", "Migrate";
        Eliminate = "eliminate", "Eliminate";
    }
}

choice! {
    /// Which way an interface carries data, seen from the application that lists it.
    Direction default Outbound {
        Outbound = "outbound", "Sends to";
        Inbound = "inbound", "Receives from";
        Both = "both", "Both ways";
    }
}

/// The lifecycle phases of an application, in order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Phase {
    Plan,
    PhaseIn,
    Active,
    PhaseOut,
    EndOfLife,
}

impl Phase {
    pub const ALL: [Phase; 5] = [Phase::Plan, Phase::PhaseIn, Phase::Active, Phase::PhaseOut, Phase::EndOfLife];
    pub fn label(self) -> &'static str {
        match self {
            Phase::Plan => "Plan",
            Phase::PhaseIn => "Phase-in",
            Phase::Active => "Active",
            Phase::PhaseOut => "Phase-out",
            Phase::EndOfLife => "End of life",
        }
    }
    /// Whether the application runs (and costs its run cost) in this phase.
    pub fn runs(self) -> bool {
        matches!(self, Phase::PhaseIn | Phase::Active | Phase::PhaseOut)
    }
}

/// An application's lifecycle: the month each phase starts; any may be missing.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Lifecycle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Month>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase_in: Option<Month>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<Month>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase_out: Option<Month>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_life: Option<Month>,
}

impl Lifecycle {
    pub fn is_empty(&self) -> bool {
        self.starts().iter().all(Option::is_none)
    }
    /// The start of each phase, in [`Phase::ALL`] order.
    pub fn starts(&self) -> [Option<Month>; 5] {
        [self.plan, self.phase_in, self.active, self.phase_out, self.end_of_life]
    }
    pub fn start_mut(&mut self, phase: Phase) -> &mut Option<Month> {
        match phase {
            Phase::Plan => &mut self.plan,
            Phase::PhaseIn => &mut self.phase_in,
            Phase::Active => &mut self.active,
            Phase::PhaseOut => &mut self.phase_out,
            Phase::EndOfLife => &mut self.end_of_life,
        }
    }
}

/// An application supports a capability, with an optional fit (1–4) for that capability.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Support {
    pub capability: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<u8>,
}

/// An interface from this application to another.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Interface {
    /// The other application.
    pub to: Id,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub direction: Direction,
    /// The data it carries, free text ("orders, invoices").
    #[serde(default)]
    pub data: String,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Application {
    pub id: Id,
    pub name: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: AppType,
    pub hosting: Hosting,
    pub vendor: String,
    pub business_owner: String,
    pub it_owner: String,
    pub criticality: Criticality,
    pub data_classification: DataClass,
    /// Number of users; 0 when not known.
    pub users: u32,
    #[serde(skip_serializing_if = "Lifecycle::is_empty")]
    pub lifecycle: Lifecycle,
    /// 1–4: how well it serves the business (4 best); `None` when not assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub functional_fit: Option<u8>,
    /// 1–4: how sound it is technically (4 best); `None` when not assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technical_fit: Option<u8>,
    /// The disposition chosen by a person; `None` follows the one suggested by the fits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Disposition>,
    /// The application meant to take over from this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<Id>,
    /// Yearly run cost (opex), in the roadmap's currency.
    pub run_cost_per_year: f64,
    /// One-off costs (capex) spent on it.
    pub capex: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_end: Option<Month>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The technologies it uses, by id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub technologies: Vec<Id>,
    /// The capabilities it supports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<Support>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interfaces: Vec<Interface>,
}

/// When a support period ends: a month, already ended (date not known), not planned to end,
/// or not known. Written as `"2024-06"`, `"ended"` or `"never"`; unknown is left out.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Ends {
    #[default]
    Unknown,
    /// Ended, date not known (the catalog's `true`).
    Ended,
    /// Not planned to end (the catalog's `false`).
    Never,
    On(Month),
}

impl Ends {
    pub fn is_unknown(&self) -> bool {
        *self == Ends::Unknown
    }
    pub fn month(self) -> Option<Month> {
        match self {
            Ends::On(m) => Some(m),
            _ => None,
        }
    }
    /// A typed month, or else this.
    pub fn or_typed(self, typed: Option<Month>) -> Ends {
        typed.map_or(self, Ends::On)
    }
}

impl Serialize for Ends {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ends::On(m) => m.serialize(s),
            Ends::Ended => s.serialize_str("ended"),
            Ends::Never => s.serialize_str("never"),
            Ends::Unknown => s.serialize_str(""),
        }
    }
}

impl<'de> Deserialize<'de> for Ends {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ends, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.as_str() {
            "ended" => Ends::Ended,
            "never" => Ends::Never,
            "" => Ends::Unknown,
            m => Ends::On(Month::parse(m).map_err(serde::de::Error::custom)?),
        })
    }
}

/// A technology's binding to an end-of-life catalog entry, with the entry's dates as they
/// were when bound or last refreshed (so the file reads the same without the catalog).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CatalogLink {
    /// The catalog's product id ("rhel").
    pub product: String,
    /// The release cycle ("7").
    pub cycle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<Month>,
    #[serde(skip_serializing_if = "Ends::is_unknown")]
    pub standard_support: Ends,
    #[serde(skip_serializing_if = "Ends::is_unknown")]
    pub end_of_life: Ends,
    #[serde(skip_serializing_if = "Ends::is_unknown")]
    pub extended_support: Ends,
}

/// A technology (IT component): an operating system, database, runtime, product version.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Technology {
    pub id: Id,
    pub name: String,
    /// Free text, e.g. the catalog's "os", "database", "lang", "framework".
    pub category: String,
    pub vendor: String,
    /// Version or release cycle ("19", "2012 R2").
    pub version: String,
    // Dates the user typed; each wins over the catalog's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<Month>,
    /// The end of standard (mainstream, active) support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_standard_support: Option<Month>,
    /// The end of life: no more fixes on standard terms (security support ends).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_life: Option<Month>,
    /// The end of paid extended support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_extended_support: Option<Month>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog: Option<CatalogLink>,
}

/// The dates of a technology in effect: each typed date, or else the catalog's.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct TechDates {
    pub release: Option<Month>,
    pub standard_support: Ends,
    pub end_of_life: Ends,
    pub extended_support: Ends,
}

impl Technology {
    /// The dates in effect: a date the user typed wins over the catalog's.
    pub fn dates(&self) -> TechDates {
        let c = self.catalog.as_ref();
        let from = |f: fn(&CatalogLink) -> Ends| c.map_or(Ends::Unknown, f);
        TechDates {
            release: self.release.or(c.and_then(|c| c.release)),
            standard_support: from(|c| c.standard_support).or_typed(self.end_of_standard_support),
            end_of_life: from(|c| c.end_of_life).or_typed(self.end_of_life),
            extended_support: from(|c| c.extended_support).or_typed(self.end_of_extended_support),
        }
    }
}

/// What an initiative does to applications: retires one, introduces one, or both (a
/// replacement: the old one is retired and the new one introduced at the same month).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Change {
    pub initiative: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retires: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub introduces: Option<Id>,
    /// The month it takes effect; `None` for the initiative's end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<Month>,
}

impl Change {
    /// "replaces", "retires" or "introduces", for messages.
    pub fn verb(&self) -> &'static str {
        match (&self.retires, &self.introduces) {
            (Some(_), Some(_)) => "replaces",
            (Some(_), None) => "retires",
            _ => "introduces",
        }
    }
}
