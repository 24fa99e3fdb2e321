//! ArchiMate: import one exchange file, or Archi's CSV files chosen together, as a new
//! roadmap and show the import report (what became what, what was skipped, warnings);
//! export the roadmap as an exchange file that Archi opens.

use super::csv::sentence;
use super::{read_bytes, user_language};
use crate::domain::archimate::{self, InputFile};
use crate::state::{App, Level, Topic};
use crate::ui::confirm::Modal;
use leptos::prelude::*;

/// A finished import: the new roadmap's name, the files it came from and the report's lines.
#[derive(Clone, PartialEq, Debug)]
pub struct Outcome {
    pub roadmap: String,
    pub files: Vec<String>,
    /// [`ImportReport::lines`](archimate::ImportReport::lines).
    pub lines: Vec<String>,
    /// Skipped elements and relationships by type, to list them in columns when there are many.
    pub skipped_elements: Vec<(String, usize)>,
    pub skipped_relationships: Vec<(String, usize)>,
}

/// Up to this many types of skipped things are said in one line; more are listed in columns.
const INLINE_TYPES: usize = 6;

/// Downloads the open roadmap as an ArchiMate exchange file.
pub fn download_exchange(app: App) {
    let (name, xml) = app.roadmap.with_untracked(|r| (r.name.clone(), archimate::export_exchange(r)));
    let file = format!("{}-archimate.xml", crate::download::file_stem(&name));
    if let Err(e) = crate::download::download_text(&file, "application/xml", &xml) {
        app.notify(Topic::Download, Level::Error, &e, vec![]);
    }
}

/// "a.xml", "a.csv and b.csv", "a.csv, b.csv and c.csv".
fn names_text(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Reads the chosen files and imports them as a new roadmap; the report opens in a dialog.
/// A file that cannot be read or imported is reported and changes nothing.
pub fn import_chosen_files(app: App, state: super::FileDialogState, files: Vec<web_sys::File>) {
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    leptos::task::spawn_local(async move {
        let mut contents = Vec::with_capacity(files.len());
        for file in &files {
            match read_bytes(file).await {
                Ok(bytes) => contents.push(bytes),
                Err(message) => {
                    let text =
                        format!("\"{}\" was not imported: {} Nothing was changed.", file.name(), sentence(&message));
                    app.notify(Topic::Import, Level::Error, &text, vec![]);
                    return;
                }
            }
        }
        let inputs: Vec<InputFile> =
            names.iter().zip(&contents).map(|(name, bytes)| InputFile { name, bytes }).collect();
        match archimate::import_files(&inputs, &user_language()) {
            Ok((roadmap, report)) => {
                let name = roadmap.name.clone();
                app.clear_topic(Topic::Import);
                app.open_new(roadmap);
                state.archimate_result.set(Some(Outcome {
                    roadmap: name,
                    files: names,
                    lines: report.lines(),
                    skipped_elements: report.skipped_elements.clone(),
                    skipped_relationships: report.skipped_relationships.clone(),
                }));
                state.archimate_report.set(true);
            }
            Err(e) => app.notify(
                Topic::Import,
                Level::Error,
                &format!(
                    "{} {} not imported: {} Nothing was changed.",
                    names_text(&names),
                    if names.len() == 1 { "was" } else { "were" },
                    sentence(&e.message)
                ),
                vec![],
            ),
        }
    });
}

#[component]
pub fn ReportDialog(open: RwSignal<bool>, outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    view! {
        <Modal open title="ArchiMate import".to_string()>
            {move || outcome.get().map(|o| {
                // The report's lines; "• " lines are the warnings under the line before them.
                let mut groups: Vec<(String, Vec<String>)> = Vec::new();
                for line in o.lines.iter().skip(1) {
                    match (line.strip_prefix("• "), groups.last_mut()) {
                        (Some(w), Some(g)) => g.1.push(w.to_string()),
                        _ => groups.push((line.clone(), Vec::new())),
                    }
                }
                let source = o.lines.first().map(|l| l.trim_end_matches('.').to_string()).unwrap_or_default();
                let files = o.files.join(", ");
                view! {
                    <p class="report-head"><strong>{format!("“{}” is open as a new roadmap.", o.roadmap)}</strong></p>
                    <p class="muted">{format!("{source}: {files}.")}</p>
                    <ul class="report-lines" aria-label="What became what">
                        {groups.into_iter().map(|(line, warnings)| {
                            let many = |prefix: &str, counts: &[(String, usize)]| (line.starts_with(prefix) && counts.len() > INLINE_TYPES).then(|| counts.to_vec());
                            let listed = many("Skipped elements:", &o.skipped_elements)
                                .map(|c| ("elements", c))
                                .or_else(|| many("Skipped relationships:", &o.skipped_relationships).map(|c| ("relationships", c)));
                            match listed {
                                Some((what, counts)) => {
                                    let total: usize = counts.iter().map(|(_, n)| n).sum();
                                    view! {
                                        <li><details>
                                            <summary>{format!("Skipped {what}: {total} of {} types", counts.len())}</summary>
                                            <ul class="report-counts">{counts.into_iter().map(|(t, n)| view! { <li>{format!("{n} {t}")}</li> }).collect_view()}</ul>
                                        </details></li>
                                    }.into_any()
                                }
                                None => view! {
                                    <li>{line}
                                        {(!warnings.is_empty()).then(|| view! {
                                            <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                                        })}
                                    </li>
                                }.into_any(),
                            }
                        }).collect_view()}
                    </ul>
                    <p class="muted small">"The roadmaps you had are unchanged. Delete this one from the Roadmaps menu if you do not need it."</p>
                }
            })}
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| open.set(false)>"OK"</button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_read_as_a_list() {
        let n = |v: &[&str]| super::names_text(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&["a.xml"]), "\"a.xml\"");
        assert_eq!(n(&["a.csv", "b.csv"]), "\"a.csv\" and \"b.csv\"");
        assert_eq!(n(&["a.csv", "b.csv", "c.csv"]), "\"a.csv\", \"b.csv\" and \"c.csv\"");
    }
}
