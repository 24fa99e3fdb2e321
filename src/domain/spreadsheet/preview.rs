//! Mapping columns to fields, and the preview of an import.

use super::*;

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
            let free = table.import_fields().iter().find(|&&f| !columns.contains(&Some(f)) && pass(f, norm));
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

/// What to do with rows that name an item already in the roadmap by its name (not by its id).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Duplicates {
    /// The row updates the item (its name and id stay as they are).
    #[default]
    Update,
    /// The row is left out; the item stays as it is.
    Skip,
}

/// The person's choices for an import, and the month it happens in.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct ImportOptions {
    pub duplicates: Duplicates,
    /// This month: where a lifecycle stage without dates ("Operational") places its phase.
    /// `None` makes such a stage an error.
    pub today: Option<Month>,
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
    /// Rows that found an item already in the roadmap by its name, not by its id.
    pub duplicates: usize,
    /// Of those, the rows left out because the person chose to skip duplicates.
    pub skipped: usize,
    /// The roadmap after the import; `None` when there are errors.
    pub result: Option<Roadmap>,
}

impl Preview {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// "2 goals added, 1 updated, 5 unchanged" / "goal links of 3 initiatives changed, 1
    /// unchanged"; with ", 4 duplicates skipped" when rows were skipped.
    pub fn summary(&self) -> String {
        let (one, many) = match self.table {
            Table::Goals => ("goal", "goals"),
            Table::Capabilities => ("capability", "capabilities"),
            Table::Applications | Table::ApplicationLinks => ("application", "applications"),
            Table::Technologies => ("technology", "technologies"),
            _ => ("initiative", "initiatives"),
        };
        let n = |count: usize| if count == 1 { format!("1 {one}") } else { format!("{count} {many}") };
        let skipped = match self.skipped {
            0 => String::new(),
            1 => ", 1 duplicate skipped".to_string(),
            k => format!(", {k} duplicates skipped"),
        };
        if self.table.item_kind().is_none() {
            let what = self.table.title().to_lowercase();
            return format!("{} of {} changed, {} unchanged", what, n(self.updated.len()), self.unchanged);
        }
        format!("{} added, {} updated, {} unchanged{skipped}", n(self.added.len()), self.updated.len(), self.unchanged)
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
    preview_with(r, table, parsed, mapping, ImportOptions::default())
}

/// [`preview`] with the person's choices: whether rows found by name update or are skipped,
/// and this month (for lifecycle stages without dates).
pub fn preview_with(r: &Roadmap, table: Table, parsed: &Parsed, mapping: &Mapping, options: ImportOptions) -> Preview {
    let mut p = Preview {
        table,
        errors: Vec::new(),
        warnings: parsed.warnings.clone(),
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        duplicates: 0,
        skipped: 0,
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
    let ctx = Ctx { parsed, mapping, decimal_comma: parsed.delimiter != ',', options };
    let rows = ctx.rows(&mut p.errors);
    let outcome = match table {
        Table::Goals => import_items::<Goal>(r, &ctx, &rows, &mut p),
        Table::Capabilities => import_items::<Capability>(r, &ctx, &rows, &mut p),
        Table::Initiatives => import_items::<Initiative>(r, &ctx, &rows, &mut p),
        Table::Applications => import_items::<Application>(r, &ctx, &rows, &mut p),
        Table::Technologies => import_items::<Technology>(r, &ctx, &rows, &mut p),
        Table::ApplicationLinks => import_application_links(r, &ctx, &rows, &mut p),
        _ => import_links(r, table, &ctx, &rows, &mut p),
    };
    if table == Table::Applications && mapping.column_of(Field::LifecycleStage).is_some() {
        p.warnings.push(format!(
            "{} names the phase an application is in, not when it began: an application without \
             lifecycle dates starts that phase in {}. Correct the months in its panel where they are known.",
            Field::LifecycleStage.header(),
            options.today.map_or_else(|| "the current month".to_string(), |m| m.to_string())
        ));
    }
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

pub(super) fn row_error(row: usize, message: String) -> RowError {
    let message = if row == 0 { message } else { format!("row {row}: {message}") };
    RowError { row, message }
}

/// The file and its mapping, with cell access by field.
pub(super) struct Ctx<'a> {
    pub(super) parsed: &'a Parsed,
    pub(super) mapping: &'a Mapping,
    pub(super) decimal_comma: bool,
    pub(super) options: ImportOptions,
}

impl<'a> Ctx<'a> {
    /// The rows to import: blank rows skipped; a row with more non-empty cells than the header
    /// has columns is an error.
    pub(super) fn rows(&self, errors: &mut Vec<RowError>) -> Vec<&'a Row> {
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

    pub(super) fn mapped(&self, field: Field) -> bool {
        self.mapping.column_of(field).is_some()
    }

    /// The cell of `field` in `row`, apostrophe against formulas taken off; `None` when no
    /// column is mapped to the field, `""` for a missing cell.
    pub(super) fn get(&self, row: &'a Row, field: Field) -> Option<&'a str> {
        let column = self.mapping.column_of(field)?;
        Some(unneutralise(row.cells.get(column).map_or("", String::as_str)))
    }

    /// The cell, when mapped and not blank.
    pub(super) fn filled(&self, row: &'a Row, field: Field) -> Option<&'a str> {
        self.get(row, field).filter(|c| !c.trim().is_empty())
    }

    /// How the file names the column of `field` (for messages).
    pub(super) fn header(&self, field: Field) -> &str {
        self.mapping
            .column_of(field)
            .and_then(|c| self.parsed.headers.get(c))
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .unwrap_or(field.header())
    }
}
