//! The tab bar of a view with parts (the editor's lists, the portfolio's sections, Decide):
//! links to deep links, the current one marked `aria-current="page"`, an optional count.

use leptos::prelude::*;

/// One tab: its title, where it leads, whether it is the one shown, and an optional count.
pub struct Tab {
    pub title: &'static str,
    pub href: String,
    pub current: Signal<bool>,
    pub count: Option<Signal<usize>>,
}

impl Tab {
    pub fn new(title: &'static str, href: String, current: impl Into<Signal<bool>>) -> Tab {
        Tab { title, href, current: current.into(), count: None }
    }

    /// Shows `count` after the title ("Goals 4").
    pub fn with_count(mut self, count: impl Fn() -> usize + Send + Sync + 'static) -> Tab {
        self.count = Some(Signal::derive(count));
        self
    }
}

/// A `<nav class="tabs">` named `label`; `class` adds classes ("pf-nav").
#[component]
pub fn TabBar(label: &'static str, tabs: Vec<Tab>, #[prop(optional)] class: &'static str) -> impl IntoView {
    let class = if class.is_empty() { "tabs".to_string() } else { format!("tabs {class}") };
    view! {
        <nav class=class aria-label=label>
            {tabs.into_iter().map(|t| {
                let current = t.current;
                view! {
                    <a href=t.href aria-current=move || current.get().then_some("page")>
                        {t.title}
                        {t.count.map(|n| view! { " " <span class="count">{move || n.get()}</span> })}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}
