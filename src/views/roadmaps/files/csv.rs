//! Spreadsheets: export the roadmap's tables as CSV (one file, or all of them in a zip), and
//! import one CSV file through a preview. The preview maps each column to a field (proposed
//! from the header names, changeable), lists the row errors, what would be added and
//! updated; "Import" applies it as one undo step, and only a clean preview can be imported.

use super::read_bytes;
use crate::domain::format::count;
use crate::domain::spreadsheet::{
    self, Delimiter, Duplicates, ExportOptions, Field, ImportOptions, Mapping, Parsed, Preview, Table, ZipTime,
};
use crate::domain::Roadmap;
use crate::state::{App, Level, Topic};
use crate::ui::confirm::Modal;
use crate::ui::fields::unique_id;
use crate::ui::shared::Shared;
use leptos::prelude::*;
use std::sync::Arc;

/// How many row errors, additions and updates the preview lists (the rest are counted).
const LISTED: usize = 100;
/// How many rows the column table takes its example values from.
const EXAMPLE_ROWS: usize = 3;

/// "The file is empty" -> "The file is empty." (domain messages end without a full stop).
pub fn sentence(message: &str) -> String {
    let m = message.trim_end();
    if m.ends_with(['.', '!', '?']) {
        m.to_string()
    } else {
        format!("{m}.")
    }
}

// ---- export ----------------------------------------------------------------------------

/// The local date and time, for the entries of the zip file.
fn zip_time_now() -> ZipTime {
    let d = js_sys::Date::new_0();
    ZipTime {
        year: d.get_full_year() as u16,
        month: d.get_month() as u8 + 1,
        day: d.get_date() as u8,
        hour: d.get_hours() as u8,
        minute: d.get_minutes() as u8,
    }
}

/// How many rows each table has (links counted one per row).
fn row_count(r: &Roadmap, table: Table) -> usize {
    let links = |f: fn(&crate::domain::Initiative) -> usize| r.initiatives.iter().map(|i| f(i)).sum::<usize>();
    match table {
        Table::Goals => r.goals.len(),
        Table::Capabilities => r.capabilities.len(),
        Table::Initiatives => r.initiatives.len(),
        Table::GoalLinks => links(|i| i.goals.len()),
        Table::CapabilityLinks => links(|i| i.capabilities.len()),
        Table::Dependencies => links(|i| i.depends_on.len()),
        Table::Milestones => links(|i| i.milestones.len()),
        Table::CriterionValues => links(|i| i.scoring.custom.len()),
        Table::Applications => r.landscape.applications.len(),
        Table::Technologies => r.landscape.technologies.len(),
        Table::ApplicationLinks => {
            r.landscape
                .applications
                .iter()
                .map(|a| a.capabilities.len() + a.technologies.len() + a.interfaces.len())
                .sum::<usize>()
                + r.landscape
                    .changes
                    .iter()
                    .map(|c| usize::from(c.retires.is_some()) + usize::from(c.introduces.is_some()))
                    .sum::<usize>()
        }
    }
}

fn delimiter_key(d: Delimiter) -> &'static str {
    match d {
        Delimiter::Comma => "comma",
        Delimiter::Semicolon => "semicolon",
        Delimiter::Tab => "tab",
    }
}

#[component]
pub fn CsvExportDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let bom = RwSignal::new(true);
    let delimiter = RwSignal::new(Delimiter::Comma);
    let delimiter_id = unique_id("csv-delimiter");
    let options = move || ExportOptions {
        bom: bom.get_untracked(),
        delimiter: delimiter.get_untracked(),
        zip_time: Some(zip_time_now()),
    };
    let report = move |result: Result<(), String>| {
        if let Err(e) = result {
            app.notify(Topic::Download, Level::Error, &e, vec![]);
        }
    };
    let download_zip = move |_| {
        let r = app.roadmap.get_untracked();
        let bytes = spreadsheet::export_zip(&r, &options());
        let name = format!("{}-csv.zip", crate::download::file_stem(&r.name));
        report(crate::download::download_bytes(&name, "application/zip", &bytes));
    };
    let download_table = move |table: Table| {
        let bytes = app.roadmap.with_untracked(|r| spreadsheet::export_table(r, table, &options()));
        let mime = if delimiter.get_untracked() == Delimiter::Tab {
            "text/tab-separated-values;charset=utf-8"
        } else {
            "text/csv;charset=utf-8"
        };
        report(crate::download::download_bytes(table.file_name(), mime, &bytes));
    };
    // Counted when the dialog opens, not on every edit.
    let counts = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        app.roadmap.with_untracked(|r| Table::ALL.iter().map(|&t| (t, row_count(r, t))).collect::<Vec<_>>())
    });
    let choice = move |d: Delimiter, label: &'static str| {
        view! { <option value=delimiter_key(d) selected=move || delimiter.get() == d>{label}</option> }
    };
    view! {
        <Modal open title="Export spreadsheets (CSV)".to_string()>
            <p class="muted">"Goals, capabilities, initiatives, the landscape's applications and technologies, and their links as CSV files for Excel, LibreOffice or Google Sheets. \
                Cells that a spreadsheet would run as a formula get an apostrophe in front; importing the files takes it off again."</p>
            <div class="csv-options">
                <div class="field">
                    <label for=delimiter_id.clone()>"Separator"</label>
                    <select id=delimiter_id on:change=move |ev| delimiter.set(match event_target_value(&ev).as_str() {
                        "semicolon" => Delimiter::Semicolon,
                        "tab" => Delimiter::Tab,
                        _ => Delimiter::Comma,
                    })>
                        {choice(Delimiter::Comma, "Comma ( , )")}
                        {choice(Delimiter::Semicolon, "Semicolon ( ; )")}
                        {choice(Delimiter::Tab, "Tab")}
                    </select>
                    <span class="field-hint">"Excel in most European languages expects semicolons."</span>
                </div>
                <label class="check csv-bom">
                    <input type="checkbox" prop:checked=move || bom.get() on:change=move |ev| bom.set(event_target_checked(&ev))/>
                    "Byte-order mark (UTF-8 BOM), so Excel shows accented letters correctly"
                </label>
            </div>
            <table class="data-table compact csv-tables">
                <caption class="visually-hidden">"Tables to export"</caption>
                <thead><tr><th scope="col">"Table"</th><th scope="col" class="num">"Rows"</th><th scope="col"><span class="visually-hidden">"Download"</span></th></tr></thead>
                <tbody>
                    {move || counts.get().into_iter().map(|(t, n)| view! {
                        <tr>
                            <th scope="row">{t.title()}</th>
                            <td class="num">{count(n)}</td>
                            <td class="actions"><button type="button" on:click=move |_| download_table(t)>{format!("Download {}", t.file_name())}</button></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                <button type="button" class="primary" on:click=download_zip>"Download all tables (.zip)"</button>
            </div>
        </Modal>
    }
}

// ---- import ----------------------------------------------------------------------------

/// A CSV file read and parsed, waiting for the person's choices.
#[derive(Clone)]
pub struct ChosenFile {
    pub name: String,
    pub parsed: Arc<Parsed>,
}

/// Reads a chosen CSV file and opens the preview; a file that cannot be read is reported and
/// changes nothing.
pub fn read_chosen_file(app: App, state: super::FileDialogState, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let parsed = read_bytes(&file).await.and_then(|bytes| spreadsheet::parse(&bytes).map_err(|e| e.message));
        match parsed {
            Ok(parsed) => {
                app.clear_topic(Topic::Import);
                state.csv_file.set(Some(ChosenFile { name, parsed: Arc::new(parsed) }));
                state.csv_import.set(true);
            }
            Err(message) => app.notify(
                Topic::Import,
                Level::Error,
                &format!("\"{name}\" was not imported: {} Nothing was changed.", sentence(&message)),
                vec![],
            ),
        }
    });
}

#[component]
pub fn CsvImportDialog(open: RwSignal<bool>, file: RwSignal<Option<ChosenFile>>) -> impl IntoView {
    let title = Signal::derive(move || {
        file.with(|f| f.as_ref().map(|f| format!("Import a spreadsheet: {}", f.name)).unwrap_or_default())
    });
    // A closed preview lets go of the file: it would otherwise be worked out again on every edit.
    Effect::new(move |_| {
        if !open.get() && file.with_untracked(Option::is_some) {
            file.set(None);
        }
    });
    view! {
        <Modal open title wide=true>
            {move || file.get().map(|chosen| view! { <CsvPreview chosen open/> })}
        </Modal>
    }
}

fn field_key(f: Option<Field>) -> &'static str {
    f.map_or("", Field::header)
}

fn table_key(t: Table) -> &'static str {
    t.file_name()
}

/// A cell shortened for the example column.
fn clip(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() > 40 {
        format!("{}…", t.chars().take(39).collect::<String>())
    } else {
        t.to_string()
    }
}

#[component]
fn CsvPreview(chosen: ChosenFile, open: RwSignal<bool>) -> impl IntoView {
    let app = crate::ui::context::<App>();
    let ChosenFile { name, parsed } = chosen;
    let table = RwSignal::new(Table::guess(&name, &parsed.headers));
    let empty = Mapping { columns: vec![None; parsed.headers.len()] };
    let mapping = RwSignal::new(
        table.get_untracked().map_or_else(|| empty.clone(), |t| spreadsheet::propose_mapping(t, &parsed.headers)),
    );
    let refused = RwSignal::new(None::<String>);
    let duplicates = RwSignal::new(Duplicates::Update);
    let today = crate::ui::today();
    let preview = {
        let parsed = parsed.clone();
        Memo::new(move |_| {
            let t = table.get()?;
            let options = ImportOptions { duplicates: duplicates.get(), today: Some(today) };
            Some(Shared(Arc::new(
                app.roadmap.with(|r| mapping.with(|m| spreadsheet::preview_with(r, t, &parsed, m, options))),
            )))
        })
    };
    let duplicates_name = unique_id("csv-duplicates");
    // Shown while the file has rows that name an item already in the roadmap; the count does
    // not depend on the choice.
    let duplicate_choice = move || {
        let (found, noun) = preview.with(|p| {
            p.as_ref().map_or((0, ""), |p| {
                let noun = match p.0.table {
                    Table::Goals => "goals",
                    Table::Capabilities => "capabilities",
                    Table::Initiatives => "initiatives",
                    Table::Applications => "applications",
                    Table::Technologies => "technologies",
                    _ => "",
                };
                (p.0.duplicates, noun)
            })
        });
        (found > 0).then(|| {
            let name = duplicates_name.clone();
            let legend = if found == 1 {
                format!("1 row names one of the roadmap's {noun} by its name (not its id)")
            } else {
                format!("{} rows name {noun} already in the roadmap by their name (not their id)", count(found))
            };
            let option = move |value: Duplicates, label: &'static str| {
                let name = name.clone();
                view! {
                    <label class="check">
                        <input type="radio" name=name prop:checked=move || duplicates.get() == value
                            on:change=move |_| { duplicates.set(value); refused.set(None); }/>
                        {label}
                    </label>
                }
            };
            view! {
                <fieldset class="csv-duplicates">
                    <legend>{legend}</legend>
                    {option(Duplicates::Update, "Update them with the file's values")}
                    {option(Duplicates::Skip, "Skip those rows and keep the roadmap's")}
                </fieldset>
            }
        })
    };
    let choose_table = {
        let headers = parsed.headers.clone();
        move |ev: leptos::ev::Event| {
            let key = event_target_value(&ev);
            let t = Table::ALL.into_iter().find(|t| table_key(*t) == key);
            mapping.set(t.map_or_else(|| empty.clone(), |t| spreadsheet::propose_mapping(t, &headers)));
            table.set(t);
            refused.set(None);
        }
    };
    let can_import = move || {
        preview
            .with(|p| p.as_ref().is_some_and(|p| p.0.is_clean() && (!p.0.added.is_empty() || !p.0.updated.is_empty())))
    };
    let file_name = name.clone();
    let apply = move |_| {
        let Some(Shared(p)) = preview.get_untracked() else { return };
        let Some(result) = p.result.clone() else { return };
        match app.edit(move |r| *r = result) {
            Ok(()) => {
                app.notify(
                    Topic::Import,
                    Level::Info,
                    &format!(
                        "Imported {} from \"{file_name}\": {}. Undo takes the whole import back.",
                        p.table.title().to_lowercase(),
                        p.summary()
                    ),
                    vec![],
                );
                open.set(false);
            }
            Err(refusal) => refused.set(Some(refusal.into_reason())),
        }
    };

    let table_id = unique_id("csv-table");
    let rows = parsed.rows.len();
    let delimiter = match parsed.delimiter {
        ';' => "semicolons",
        '\t' => "tabs",
        '|' => "vertical bars",
        _ => "commas",
    };
    let examples: Vec<String> = (0..parsed.headers.len())
        .map(|c| {
            parsed
                .rows
                .iter()
                .filter_map(|r| r.cells.get(c).map(|v| clip(v)).filter(|v| !v.is_empty()))
                .take(EXAMPLE_ROWS)
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .collect();
    let headers = parsed.headers.clone();
    let column_rows = move || {
        let fields: &'static [Field] = table.get().map_or(&[], |t| t.import_fields());
        headers
            .iter()
            .enumerate()
            .map(|(c, header)| {
                let select_id = unique_id("csv-column");
                let shown_header = if header.is_empty() { format!("(column {})", c + 1) } else { header.clone() };
                let label = format!("Import column “{shown_header}” as");
                let current = move || mapping.with(|m| m.columns.get(c).copied().flatten());
                view! {
                    <tr>
                        <th scope="row">{shown_header}</th>
                        <td>
                            <label for=select_id.clone() class="visually-hidden">{label}</label>
                            <select id=select_id disabled=fields.is_empty() on:change=move |ev| {
                                let key = event_target_value(&ev);
                                let field = fields.iter().copied().find(|f| f.header() == key);
                                mapping.update(|m| m.set(c, field));
                                refused.set(None);
                            }>
                                <option value="" selected=move || current().is_none()>"— leave out —"</option>
                                {fields.iter().map(|&f| view! {
                                    <option value=field_key(Some(f)) selected=move || current() == Some(f)>{f.header()}</option>
                                }).collect_view()}
                            </select>
                        </td>
                        <td class="muted example" title=examples[c].clone()>{examples[c].clone()}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <p class="muted">{format!("{} data row{}, cells separated by {delimiter}. Nothing changes until you choose Import.", count(rows), if rows == 1 { "" } else { "s" })}</p>
        <div class="field csv-table-choice">
            <label for=table_id.clone()>"This file holds"</label>
            <select id=table_id on:change=choose_table>
                <option value="" selected=move || table.get().is_none()>"Choose what this file holds…"</option>
                {Table::ALL.into_iter().map(|t| view! {
                    <option value=table_key(t) selected=move || table.get() == Some(t)>{t.title()}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="csv-preview">
            <section class="csv-columns" aria-labelledby="csv-columns-title">
                <h3 id="csv-columns-title">"Columns"</h3>
                <div class="table-scroll">
                    <table class="data-table compact csv-column-table">
                        <caption class="visually-hidden">"Columns of the file and the fields they are imported as"</caption>
                        <thead><tr><th scope="col">"Column in the file"</th><th scope="col">"Imported as"</th><th scope="col">"First values"</th></tr></thead>
                        <tbody>{column_rows}</tbody>
                    </table>
                </div>
            </section>
            <section class="csv-outcome" aria-labelledby="csv-outcome-title" aria-live="polite">
                <h3 id="csv-outcome-title">"What the import would do"</h3>
                {duplicate_choice}
                {move || match preview.get() {
                    None => view! { <p class="muted">"Choose what this file holds to see what would change."</p> }.into_any(),
                    Some(Shared(p)) => view! { <Outcome p/> }.into_any(),
                }}
                {move || refused.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </section>
        </div>
        <div class="dialog-actions">
            <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
            <button type="button" class="primary" disabled=move || !can_import() on:click=apply>"Import"</button>
        </div>
    }
}

/// The preview's findings: summary, row errors, warnings, additions and updates.
#[component]
fn Outcome(p: Arc<Preview>) -> impl IntoView {
    let errors = p.errors.len();
    let listed = |items: Vec<String>, total: usize| {
        let more = total.saturating_sub(LISTED);
        view! {
            <ul class="csv-list">
                {items.into_iter().take(LISTED).map(|t| view! { <li>{t}</li> }).collect_view()}
                {(more > 0).then(|| view! { <li class="muted">{format!("…and {} more", count(more))}</li> })}
            </ul>
        }
    };
    let changes = |list: &[spreadsheet::Change]| {
        list.iter()
            .take(LISTED)
            .map(|c| if c.detail.is_empty() { c.subject.clone() } else { format!("{} — {}", c.subject, c.detail) })
            .collect::<Vec<_>>()
    };
    let nothing = p.is_clean() && p.added.is_empty() && p.updated.is_empty();
    view! {
        {(errors == 0).then(|| view! { <p class="csv-summary"><strong>{p.summary()}</strong></p> })}
        {(errors > 0).then(|| view! {
            <div class="csv-errors" role="group" aria-labelledby="csv-errors-title">
                <h4 id="csv-errors-title">{if errors == 1 { "1 problem to fix before importing".to_string() } else { format!("{} problems to fix before importing", count(errors)) }}</h4>
                {listed(p.errors.iter().take(LISTED).map(|e| e.message.clone()).collect(), errors)}
                <p class="muted small">"Correct the file and choose it again, or change the column choices. Nothing has changed."</p>
            </div>
        })}
        {nothing.then(|| view! { <p class="muted">"Everything in this file is already in the roadmap: nothing would change."</p> })}
        {(!p.warnings.is_empty()).then(|| view! {
            <div class="csv-warnings">
                <h4>"Worth a look"</h4>
                {listed(p.warnings.iter().take(LISTED).cloned().collect(), p.warnings.len())}
            </div>
        })}
        {(!p.added.is_empty()).then(|| view! {
            <h4>{format!("Would be added ({})", count(p.added.len()))}</h4>
            {listed(p.added.iter().take(LISTED).map(|c| c.subject.clone()).collect(), p.added.len())}
        })}
        {(!p.updated.is_empty()).then(|| view! {
            <h4>{format!("Would be updated ({})", count(p.updated.len()))}</h4>
            {listed(changes(&p.updated), p.updated.len())}
        })}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn messages_end_in_a_full_stop() {
        assert_eq!(super::sentence("The file is empty"), "The file is empty.");
        assert_eq!(super::sentence("Done."), "Done.");
        assert_eq!(super::sentence("Really? "), "Really?");
    }

    #[test]
    fn long_cells_are_clipped() {
        assert_eq!(super::clip(" short "), "short");
        assert_eq!(super::clip(&"x".repeat(50)).chars().count(), 40);
    }
}
