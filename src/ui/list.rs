//! What every list shares: search, sortable columns, pages.

use leptos::prelude::*;
use std::cmp::Ordering;

/// Rows shown at a time in every long list and table (the rest a page away).
pub const PAGE_SIZE: usize = 50;

/// The rows of page `page` (from 0).
pub fn page_of<T: Clone>(rows: &[T], page: usize) -> Vec<T> {
    rows.iter().skip(page * PAGE_SIZE).take(PAGE_SIZE).cloned().collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Sort {
    pub column: usize,
    pub ascending: bool,
}

/// Case-insensitive "does any of these texts contain the query".
pub fn matches(query: &str, texts: &[&str]) -> bool {
    let q = lowercase(query.trim());
    q.is_empty() || texts.iter().any(|t| lowercase(t).contains(&q))
}

/// `text` in lower case, to compare without case (search, sorting by name, scenario names).
/// ASCII in Rust; other text the browser's way (toLowerCase, the same Unicode mapping as
/// Rust's): Rust's own case tables are 18 KB of wasm in the first screen (issue 14).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}

/// Compares numbers (NaN compares equal).
pub fn cmp_f64(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// Sorts `rows` by `key` for the chosen column and direction; no sort keeps list order.
pub fn sort_rows<T>(rows: &mut [T], sort: Option<Sort>, compare: impl Fn(usize, &T, &T) -> Ordering) {
    if let Some(s) = sort {
        rows.sort_by(|a, b| {
            let o = compare(s.column, a, b);
            if s.ascending {
                o
            } else {
                o.reverse()
            }
        });
    }
}

/// A column header that sorts the list (click, or Enter/Space on its button).
#[component]
pub fn SortHeader(label: &'static str, column: usize, sort: RwSignal<Option<Sort>>) -> impl IntoView {
    let state = move || sort.get().filter(|s| s.column == column);
    view! {
        <th scope="col" aria-sort=move || match state() {
            Some(Sort { ascending: true, .. }) => "ascending",
            Some(_) => "descending",
            None => "none",
        }>
            <button type="button" class="sort-button" on:click=move |_| sort.update(|s| {
                *s = match *s {
                    Some(Sort { column: c, ascending: true }) if c == column => Some(Sort { column, ascending: false }),
                    Some(Sort { column: c, ascending: false }) if c == column => None,
                    _ => Some(Sort { column, ascending: true }),
                }
            })>
                {label}
                <span aria-hidden="true" class="sort-mark">{move || match state() {
                    Some(Sort { ascending: true, .. }) => "▲",
                    Some(_) => "▼",
                    None => "",
                }}</span>
            </button>
        </th>
    }
}

/// "Showing 1–50 of 2,000 initiatives" with previous/next page buttons (only when there is
/// more than one page). `only_when_paged` hides the whole pager for a list of one page.
#[component]
pub fn Pager(
    page: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    noun: &'static str,
    #[prop(optional)] only_when_paged: bool,
) -> impl IntoView {
    let pages = move || total.get().div_ceil(PAGE_SIZE).max(1);
    Effect::new(move |_| {
        if page.get() >= pages() {
            page.set(pages() - 1);
        }
    });
    view! {
        <Show when=move || { !only_when_paged || pages() > 1 }>
            <div class="pager" role="group" aria-label=format!("Pages of {noun}")>
                <span>{move || {
                    let t = total.get();
                    if t == 0 { format!("No {noun}") } else {
                        let from = page.get() * PAGE_SIZE + 1;
                        format!("Showing {}–{} of {} {noun}", from, (from + PAGE_SIZE - 1).min(t), crate::domain::format::count(t))
                    }
                }}</span>
                <Show when=move || { pages() > 1 }>
                    <button type="button" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous page"</button>
                    <button type="button" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>"Next page"</button>
                </Show>
            </div>
        </Show>
    }
}

/// A search box for a list.
#[component]
pub fn SearchBox(label: &'static str, query: RwSignal<String>) -> impl IntoView {
    view! {
        <input type="search" class="search" aria-label=label placeholder=label
            prop:value=move || query.get() on:input:target=move |ev| query.set(ev.target().value())/>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_is_case_insensitive() {
        assert!(super::matches("crm", &["Salesforce CRM rollout"]));
        assert!(super::matches("  ", &["x"]));
        assert!(!super::matches("erp", &["CRM", "Sales"]));
        assert!(super::matches("ÉLAN", &["Projet élan"]));
        assert_eq!(super::lowercase("ÉLAN Straße"), "élan straße");
    }

    #[test]
    fn pages_hold_page_size_rows() {
        let rows: Vec<usize> = (0..120).collect();
        assert_eq!(super::page_of(&rows, 0).len(), super::PAGE_SIZE);
        assert_eq!(super::page_of(&rows, 2), (100..120).collect::<Vec<_>>());
        assert!(super::page_of(&rows, 3).is_empty());
    }
}
