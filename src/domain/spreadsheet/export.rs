//! Export: each table as a CSV file, or all of them in one zip file.

use super::*;

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
pub(super) fn table_rows(r: &Roadmap, table: Table) -> Vec<Vec<String>> {
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
        Table::Applications => {
            let names: HashMap<&str, &str> =
                r.landscape.applications.iter().map(|a| (a.id.as_str(), a.name.as_str())).collect();
            r.landscape
                .applications
                .iter()
                .map(|a| {
                    let successor = a.successor.as_deref().and_then(|s| names.get(s)).copied().unwrap_or_default();
                    fields
                        .iter()
                        .map(|&f| if f == Field::Successor { successor.to_string() } else { a.cell(r, f) })
                        .collect()
                })
                .collect()
        }
        Table::Technologies => {
            r.landscape.technologies.iter().map(|t| fields.iter().map(|&f| t.cell(r, f)).collect()).collect()
        }
        Table::ApplicationLinks => link_rows(r),
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

/// All the tables (the roadmap's and the landscape's) in one zip file, one CSV per table named as [`Table::file_name`] says,
/// deflated.
pub fn export_zip(r: &Roadmap, options: &ExportOptions) -> Vec<u8> {
    let files: Vec<(&str, Vec<u8>)> =
        Table::ALL.iter().map(|&t| (t.file_name(), export_table(r, t, options))).collect();
    zip::zip(&files, options.zip_time)
}
