//! The tab bar of a view with parts (the editor's lists, the portfolio's sections, Decide):
//! links to deep links, the current one marked `aria-current="page"`, an optional count.
//! Following a tab draws the view again, tab bar included: the tab followed keeps the
//! keyboard's focus (it is given to the new bar's current tab), as it would in a page that
//! stayed.

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

thread_local! {
    /// The tab bar (its label) whose tab was just followed: its next drawing focuses its
    /// current tab.
    static FOLLOWED: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// A `<nav class="tabs">` named `label`; `class` adds classes ("pf-nav").
#[component]
pub fn TabBar(label: &'static str, tabs: Vec<Tab>, #[prop(optional)] class: &'static str) -> impl IntoView {
    let class = if class.is_empty() { "tabs".to_string() } else { format!("tabs {class}") };
    // Drawn again for the tab just followed: that tab takes the focus once drawn.
    if FOLLOWED.with(|f| f.get() == Some(label)) {
        FOLLOWED.with(|f| f.set(None));
        crate::ui::fields::focus_later("nav.tabs a[aria-current=\"page\"]");
    }
    view! {
        <nav class=class aria-label=label>
            {tabs.into_iter().map(|t| {
                let current = t.current;
                view! {
                    <a href=t.href aria-current=move || current.get().then_some("page")
                        on:click=move |ev: web_sys::MouseEvent| {
                            // A click with a modifier opens the tab elsewhere: this page stays.
                            let elsewhere = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0;
                            if !current.get() && !elsewhere {
                                FOLLOWED.with(|f| f.set(Some(label)))
                            }
                        }>
                        {t.title}
                        {t.count.map(|n| view! { " " <span class="count">{move || n.get()}</span> })}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}
