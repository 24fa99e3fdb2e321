//! Archi's CSV export: `elements.csv`, `relations.csv` and `properties.csv`, chosen together.
//!
//! Archi writes `ID,Type,Name,Documentation[,Specialization]` (the first row is the model,
//! Type `ArchimateModel`), `ID,Type,Name,Documentation,Source,Target[,Specialization]` and
//! `ID,Key,Value`, every field quoted, with `,`, `;` or tab between fields, UTF-8 with or
//! without a byte-order mark (or "ANSI", read here as Windows-1252), and an optional prefix
//! before the file names (`my-model-elements.csv`). Files are told apart by their header row,
//! so renamed files work too; line ends inside fields become plain line feeds.

use super::mapping::{to_roadmap, ImportReport};
use super::text::{decode_csv, Encoding};
use super::{element_type, relationship_type, Element, InputFile, LangText, Model, Property, Relationship, Source};
use crate::domain::file_format::{check_size, ImportError, MAX_FILE_BYTES};
use crate::domain::model::Roadmap;
use std::collections::HashMap;

fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError { message: message.into() })
}

pub(super) const WHICH_FILES: &str =
    "Choose Archi's elements.csv together with relations.csv and properties.csv (from File › Export › Model to CSV…)";

/// Reads Archi's CSV files (elements, and usually relations and properties) and turns them
/// into a roadmap. `language` is unused by CSV (it has one language) but kept for symmetry.
pub fn import_archi_csv(files: &[InputFile], language: &str) -> Result<(Roadmap, ImportReport), ImportError> {
    let model = read_archi_csv(files)?;
    to_roadmap(&model, language)
}

/// Which of Archi's three files a table is, by its header.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Elements,
    Relations,
    Properties,
}

impl Kind {
    fn file_name(self) -> &'static str {
        match self {
            Kind::Elements => "elements.csv",
            Kind::Relations => "relations.csv",
            Kind::Properties => "properties.csv",
        }
    }
}

/// A parsed table: the header's columns by lower-case name, and the rows.
struct Table<'a> {
    name: &'a str,
    columns: HashMap<String, usize>,
    rows: Vec<csv::StringRecord>,
}

impl Table<'_> {
    fn kind(&self) -> Option<Kind> {
        let has = |c: &str| self.columns.contains_key(c);
        if has("id") && has("key") && has("value") {
            Some(Kind::Properties)
        } else if has("id") && has("type") && has("source") && has("target") {
            Some(Kind::Relations)
        } else if has("id") && has("type") && has("name") {
            Some(Kind::Elements)
        } else {
            None
        }
    }

    /// The column called `name`, refused with a message when missing.
    fn column(&self, name: &str) -> Result<usize, ImportError> {
        self.columns
            .get(&name.to_ascii_lowercase())
            .copied()
            .map_or_else(|| refuse(format!("{} has no “{name}” column", self.name)), Ok)
    }

    /// A cell, "" when the row is short; Windows line ends inside become line feeds.
    fn cell(row: &csv::StringRecord, column: Option<usize>) -> String {
        column.and_then(|c| row.get(c)).unwrap_or("").replace("\r\n", "\n")
    }
}

/// The delimiter of a CSV text: whichever of `,` `;` tab occurs most in its first line.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [b',', b';', b'\t'].into_iter().max_by_key(|&d| (count(d as char), d == b',')).unwrap_or(b',')
}

fn parse_table<'a>(name: &'a str, text: &str) -> Result<Table<'a>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().or_else(|e| refuse(format!("{name} could not be read: {}", csv_error(&e))))?;
    let mut columns = HashMap::new();
    for (n, h) in header.iter().enumerate() {
        // The first of two same-named columns wins.
        columns.entry(h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).or_insert(n);
    }
    let mut rows = Vec::new();
    for row in reader.records() {
        rows.push(row.or_else(|e| refuse(format!("{name} could not be read: {}", csv_error(&e))))?);
    }
    Ok(Table { name, columns, rows })
}

/// A csv error in plain words with its line.
fn csv_error(e: &csv::Error) -> String {
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".to_string(),
        _ => e.to_string(),
    };
    match e.position() {
        Some(p) => format!("line {}: {what}", p.line()),
        None => what,
    }
}

/// Reads the files into a [`Model`].
pub fn read_archi_csv(files: &[InputFile]) -> Result<Model, ImportError> {
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    for f in files {
        check_size(f.bytes.len())?;
    }
    if total > MAX_FILE_BYTES {
        check_size(total).or_else(|e| refuse(format!("Together, the files are too large: {e}")))?;
    }
    if files.is_empty() {
        return refuse(WHICH_FILES);
    }

    let mut model = Model::new(Source::ArchiCsv);
    let mut tables: HashMap<&'static str, Table> = HashMap::new();
    for f in files {
        let (text, encoding) = decode_csv(f.bytes);
        if text.trim().is_empty() {
            return refuse(format!("{} is empty. {WHICH_FILES}", f.name));
        }
        let table = parse_table(f.name, &text)?;
        let Some(kind) = table.kind() else {
            return refuse(format!(
                "{} is not one of Archi's CSV files (its first row should name the columns ID, Type, Name … or ID, Key, Value). {WHICH_FILES}",
                f.name
            ));
        };
        if let Some(other) = tables.get(kind.file_name()) {
            return refuse(format!("{} and {} are both {}; choose one of each", other.name, f.name, kind.file_name()));
        }
        match encoding {
            Encoding::Cp1252 => {
                model.notes.push(format!("{} is not UTF-8; it was read as Windows-1252 (“ANSI”)", f.name))
            }
            Encoding::Utf16 => model.notes.push(format!("{} was read as UTF-16", f.name)),
            Encoding::Utf8 => {}
        }
        tables.insert(kind.file_name(), table);
    }
    let Some(elements) = tables.remove(Kind::Elements.file_name()) else {
        return refuse(format!("There is no elements.csv among the chosen files. {WHICH_FILES}"));
    };
    for (missing, what) in [(Kind::Relations, "relationships"), (Kind::Properties, "properties")] {
        if !tables.contains_key(missing.file_name()) {
            model.notes.push(format!("{} was not among the chosen files, so no {what} were read", missing.file_name()));
        }
    }

    let (id, kind, name) = (elements.column("ID")?, elements.column("Type")?, elements.column("Name")?);
    let documentation = elements.column("Documentation").ok();
    let mut model_id = None;
    for row in &elements.rows {
        let cell = |c| Table::cell(row, Some(c));
        let doc = LangText::plain(Table::cell(row, documentation));
        if cell(kind).trim().eq_ignore_ascii_case("ArchimateModel") {
            if model_id.is_none() {
                model_id = Some(cell(id));
                model.name = LangText::plain(cell(name));
                model.documentation = doc;
            }
            continue;
        }
        model.elements.push(Element {
            id: cell(id),
            kind: element_type(&cell(kind)),
            name: LangText::plain(cell(name)),
            documentation: doc,
            properties: Vec::new(),
        });
    }

    if let Some(relations) = tables.remove(Kind::Relations.file_name()) {
        let (id, kind) = (relations.column("ID")?, relations.column("Type")?);
        let (source, target) = (relations.column("Source")?, relations.column("Target")?);
        let name = relations.column("Name").ok();
        for row in &relations.rows {
            let cell = |c| Table::cell(row, Some(c));
            model.relationships.push(Relationship {
                id: cell(id),
                kind: relationship_type(&cell(kind)),
                source: cell(source),
                target: cell(target),
                name: LangText::plain(Table::cell(row, name)),
                strength: None,
                properties: Vec::new(),
            });
        }
    }

    if let Some(properties) = tables.remove(Kind::Properties.file_name()) {
        let (id, key, value) = (properties.column("ID")?, properties.column("Key")?, properties.column("Value")?);
        let elements: HashMap<String, usize> =
            model.elements.iter().enumerate().rev().map(|(n, e)| (e.id.clone(), n)).collect();
        let relations: HashMap<String, usize> =
            model.relationships.iter().enumerate().rev().map(|(n, r)| (r.id.clone(), n)).collect();
        for row in &properties.rows {
            let cell = |c| Table::cell(row, Some(c));
            let owner = cell(id);
            let p = Property { key: cell(key), value: LangText::plain(cell(value)) };
            if Some(&owner) == model_id.as_ref() {
                model.properties.push(p);
            } else if let Some(&n) = elements.get(&owner) {
                model.elements[n].properties.push(p);
            } else if let Some(&n) = relations.get(&owner) {
                model.relationships[n].properties.push(p);
            }
        }
    }
    Ok(model)
}
