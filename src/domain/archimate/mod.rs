//! ArchiMate: bring a model from an enterprise-architecture tool into Cairn, and give Cairn's
//! roadmap back to those tools (`docs/archimate.md` is the user's guide).
//!
//! Two ways in, one way out:
//!
//! - [`import_exchange`] reads the Open Group *ArchiMate Model Exchange File Format* (XML),
//!   version 3.0/3.1 and the older 2.1, as written by Archi, Sparx EA, Visual Paradigm, BiZZdesign …
//! - [`import_archi_csv`] reads Archi's CSV export (`elements.csv`, `relations.csv`,
//!   `properties.csv`, chosen together).
//! - [`export_exchange`] writes the exchange format (3.1), which Archi opens with
//!   *File › Import › Open Exchange XML Model*.
//!
//! Both readers turn their file into one plain [`Model`] (elements, relationships,
//! properties); [`mapping`] then turns that model into a roadmap once, with the same rules
//! for both formats:
//!
//! | ArchiMate | Cairn |
//! |---|---|
//! | Goal | goal |
//! | Capability | capability; Composition/Aggregation from a capability to another makes the first the parent |
//! | WorkPackage | initiative (undated unless its properties give a start and an end) |
//! | Realization from a work package (or a Deliverable it realizes) to a capability | capability link |
//! | Influence/Realization from, or Association with, a work package (or a Deliverable it realizes) and a goal | goal link |
//! | Triggering from one work package to another | the second depends on the first |
//! | ApplicationComponent | application |
//! | SystemSoftware, Node, Device, TechnologyService | technology; its category is the "Category" property, else the element type ("System software", "Node" …) |
//! | Serving, Realization or Assignment from a technology to an application component, or Assignment from a technology to an Artifact that realizes the component | the application uses the technology |
//! | Flow, Triggering or Serving between application components, directly or from/to an ApplicationInterface the component composes, aggregates or is assigned to | interface of the source (to the target), named by the relationship, else by the ApplicationInterface; "Direction" and "Data" properties |
//! | Realization or Serving from an application component to a capability | the application supports the capability; "Fit" (1–4) on the relationship |
//! | Realization from a work package to an application component | the initiative introduces it ("Month" on the relationship) |
//! | Association named "retires" between a work package and an application component | the initiative retires it; a retirement and an introduction with the same "Change" number are one replacement |
//! | Association named "successor" from one application component to another | the second is the first's successor |
//! | properties named like Cairn's fields ("Owner", "Start", "Capex", "Vendor", "Lifecycle: Active", …; see [`fields`]) | those fields |
//!
//! Everything else is skipped and counted in the [`ImportReport`].

mod archi_csv;
mod exchange;
pub mod fields;
pub mod mapping;
mod text;

#[cfg(test)]
mod tests;

pub use archi_csv::import_archi_csv;
pub use exchange::{export_exchange, import_exchange};
pub use mapping::{Became, ImportReport};

use crate::domain::file_format::ImportError;
use crate::domain::model::Roadmap;

/// One file the user chose: its name (for messages) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Imports whatever the user chose in one file dialog: one exchange file (XML, recognised by
/// its content, whatever its name), or Archi's CSV files (elements, relations, properties).
/// `language` is the user's ("en", "de-CH" …), for files with names in several languages.
pub fn import_files(files: &[InputFile], language: &str) -> Result<(Roadmap, ImportReport), ImportError> {
    let is_xml = |f: &InputFile| {
        let bytes = f.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f.bytes);
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        first == Some(&b'<') || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
    };
    match files {
        [one] if is_xml(one) => import_exchange(one.bytes, language),
        _ if files.iter().any(is_xml) => Err(ImportError {
            message: format!(
                "Choose either one ArchiMate exchange file (.xml) or Archi's CSV files, not both. {}",
                archi_csv::WHICH_FILES
            ),
        }),
        _ => import_archi_csv(files, language),
    }
}

/// A text in one or more languages: `(language, text)` pairs in file order; the language is
/// "" when the file does not say.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct LangText(pub Vec<(String, String)>);

impl LangText {
    pub fn plain(text: impl Into<String>) -> LangText {
        LangText(vec![(String::new(), text.into())])
    }

    /// The text in `language` ("en", "en-GB", "de" … as the browser names it): the variant
    /// whose language is the same ("en-GB" = "en-gb"), else one of the same main language
    /// ("en" for "en-GB" and the other way round), else the first. Blank variants are passed
    /// over while another has text. "" when there is no text at all.
    pub fn pick(&self, language: &str) -> &str {
        let filled: Vec<&(String, String)> = self.0.iter().filter(|(_, t)| !t.trim().is_empty()).collect();
        let candidates: Vec<&(String, String)> = if filled.is_empty() { self.0.iter().collect() } else { filled };
        let main = |l: &str| l.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let wanted = language.trim();
        let exact = candidates.iter().find(|(l, _)| !wanted.is_empty() && l.trim().eq_ignore_ascii_case(wanted));
        let same_main = || {
            candidates
                .iter()
                .find(|(l, _)| !wanted.is_empty() && !l.trim().is_empty() && main(l.trim()) == main(wanted))
        };
        exact.or_else(same_main).or(candidates.first()).map_or("", |(_, t)| t.as_str())
    }
}

/// One property of an element, relationship or the model: a key and its value.
#[derive(Clone, PartialEq, Debug)]
pub struct Property {
    pub key: String,
    pub value: LangText,
}

/// An ArchiMate element (Goal, Capability, WorkPackage, ApplicationComponent …).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Element {
    pub id: String,
    /// The element type as ArchiMate 3 names it ("WorkPackage"); see [`element_type`].
    pub kind: String,
    pub name: LangText,
    pub documentation: LangText,
    pub properties: Vec<Property>,
}

/// An ArchiMate relationship between two elements (or an element and a relationship).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Relationship {
    pub id: String,
    /// The relationship type as ArchiMate 3 names it ("Realization"); see [`relationship_type`].
    pub kind: String,
    pub source: String,
    pub target: String,
    /// The relationship's name, often empty ("retires", "successor", an interface's name).
    pub name: LangText,
    /// An Influence relationship's strength ("+", "++", "-", "5" …), when given.
    pub strength: Option<String>,
    pub properties: Vec<Property>,
}

/// Which file a model came from, for the report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    /// The exchange format, 3.0 or 3.1 (one namespace for both).
    Exchange3,
    /// The exchange format 2.1 (ArchiMate 2: no capabilities).
    Exchange21,
    ArchiCsv,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Exchange3 => "ArchiMate exchange file (3.x)",
            Source::Exchange21 => "ArchiMate exchange file (2.1)",
            Source::ArchiCsv => "Archi CSV export",
        }
    }
}

/// A model as read from either format, before it becomes a roadmap.
#[derive(Clone, PartialEq, Debug)]
pub struct Model {
    pub source: Source,
    pub name: LangText,
    pub documentation: LangText,
    pub properties: Vec<Property>,
    pub elements: Vec<Element>,
    pub relationships: Vec<Relationship>,
    /// Notes from reading the file itself ("decoded as Windows-1252").
    pub notes: Vec<String>,
}

impl Model {
    pub fn new(source: Source) -> Model {
        Model {
            source,
            name: LangText::default(),
            documentation: LangText::default(),
            properties: Vec::new(),
            elements: Vec::new(),
            relationships: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// The ArchiMate 3 name of an element type as tools write it: without a namespace prefix
/// (`archimate:Goal`), in ArchiMate 3 case (`workpackage` → `WorkPackage`) when it is one of
/// the types Cairn reads.
pub fn element_type(raw: &str) -> String {
    let t = raw.trim();
    let t = t.rsplit(':').next().unwrap_or(t);
    const KNOWN: [&str; 12] = [
        "Goal",
        "Capability",
        "WorkPackage",
        "Deliverable",
        "ApplicationComponent",
        "ApplicationInterface",
        "SystemSoftware",
        "Node",
        "Device",
        "TechnologyService",
        "DataObject",
        "Artifact",
    ];
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(t)).map_or_else(|| t.to_string(), |k| k.to_string())
}

/// The ArchiMate 3 name of a relationship type: Archi's CSV writes `CompositionRelationship`,
/// the 2.1 format used British spellings and `UsedBy` (now Serving); all become `Composition`,
/// `Realization`, `Serving` ….
pub fn relationship_type(raw: &str) -> String {
    let t = raw.trim();
    let t = t.rsplit(':').next().unwrap_or(t);
    let t = if t.len() > "Relationship".len() && t.to_ascii_lowercase().ends_with("relationship") {
        &t[..t.len() - "Relationship".len()]
    } else {
        t
    };
    const KNOWN: [&str; 11] = [
        "Composition",
        "Aggregation",
        "Assignment",
        "Realization",
        "Serving",
        "Access",
        "Influence",
        "Triggering",
        "Flow",
        "Specialization",
        "Association",
    ];
    let t = match t.to_ascii_lowercase().as_str() {
        "realisation" => "Realization",
        "specialisation" => "Specialization",
        "usedby" => "Serving",
        _ => t,
    };
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(t)).map_or_else(|| t.to_string(), |k| k.to_string())
}

/// How the export names Cairn's items in the file: `cairn-` and the id, with every byte that
/// may not appear in an XML identifier written as `_` and two hex digits (`goal 1` →
/// `cairn-goal_201`). The import turns such identifiers back into the same ids, so a roadmap
/// that goes to Archi and back keeps its ids; other identifiers get fresh ids.
pub fn identifier_for(id: &str) -> String {
    let mut out = String::with_capacity(IDENTIFIER_PREFIX.len() + id.len());
    out.push_str(IDENTIFIER_PREFIX);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out
}

const IDENTIFIER_PREFIX: &str = "cairn-";

/// The Cairn id an identifier written by [`identifier_for`] stands for; `None` for any other
/// identifier (from another tool, or not exactly as Cairn writes it).
pub fn id_from_identifier(identifier: &str) -> Option<String> {
    let rest = identifier.strip_prefix(IDENTIFIER_PREFIX)?.as_bytes();
    let mut bytes = Vec::with_capacity(rest.len());
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'_' {
            let hex = std::str::from_utf8(rest.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(rest[i]);
            i += 1;
        }
    }
    let id = String::from_utf8(bytes).ok()?;
    (!id.trim().is_empty() && identifier_for(&id) == identifier).then_some(id)
}
