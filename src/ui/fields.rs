//! Form fields that commit on change and show the reason next to the field when an edit is
//! refused (the user's text stays so it can be corrected).

use leptos::prelude::*;

/// The result of committing a field: `Err` carries the message shown next to it.
pub type Commit = Callback<String, Result<(), String>>;

/// Commits an edit of the roadmap; a refused edit returns its messages.
pub fn commit_with(
    app: crate::state::App,
    change: impl Fn(&mut crate::domain::Roadmap, String) -> Result<(), String> + Send + Sync + 'static,
) -> Commit {
    Callback::new(move |text: String| app.edit_checked(|r| change(r, text)).map_err(crate::state::Refusal::into_reason))
}

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Text,
    LongText,
    Number,
    Month,
}

static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// True while the open roadmap is read-only (a share link): fields show values, change nothing.
fn read_only() -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let app = use_context::<crate::state::App>();
    move || app.is_some_and(|a| a.read_only())
}

/// A labelled input. `value` is the stored value; `commit` is called on change.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    commit: Commit,
    #[prop(default = Kind::Text)] kind: Kind,
    #[prop(optional, into)] hint: Signal<String>,
    /// Spans two columns of a form grid.
    #[prop(optional)]
    wide: bool,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(optional)] step: Option<&'static str>,
) -> impl IntoView {
    let id = unique_id("field");
    let read_only = read_only();
    let error_id = format!("{id}-error");
    let error = RwSignal::new(None::<String>);
    // A new stored value (undo, another item selected) clears a stale message.
    Effect::new(move |_| {
        value.track();
        error.set(None);
    });
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if text == value.get_untracked() {
            error.set(None);
            return;
        }
        match commit.run(text) {
            Ok(()) => error.set(None),
            Err(message) => error.set(Some(message)),
        }
    };
    let described = move || error.with(|e| e.is_some()).then(|| error_id.clone());
    let input = match kind {
        Kind::LongText => view! {
            <textarea id=id.clone() rows="3" readonly=read_only prop:value=move || value.get() on:change=on_change
                aria-invalid=move || error.with(|e| e.is_some()).then_some("true") aria-describedby=described></textarea>
        }
        .into_any(),
        _ => view! {
            <input id=id.clone()
                type=match kind { Kind::Number => "number", Kind::Month => "month", _ => "text" }
                min=min max=max step=step readonly=read_only placeholder=(kind == Kind::Month).then_some("YYYY-MM")
                prop:value=move || value.get() on:change=on_change
                aria-invalid=move || error.with(|e| e.is_some()).then_some("true") aria-describedby=described/>
        }
        .into_any(),
    };
    let error_id2 = format!("{id}-error");
    view! {
        <div class="field" class:field-wide=wide class:field-invalid=move || error.with(|e| e.is_some())>
            <label for=id>{label}</label>
            {input}
            {move || hint.with(|h| (!h.is_empty()).then(|| view! { <span class="field-hint">{h.clone()}</span> }))}
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id2.clone() role="alert">{m}</p> })}
        </div>
    }
}

/// A labelled select among `options` (value, label).
#[component]
pub fn Choice(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    options: Vec<(String, String)>,
    commit: Commit,
) -> impl IntoView {
    let id = unique_id("choice");
    let error = RwSignal::new(None::<String>);
    let read_only = read_only();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id disabled=read_only on:change=move |ev| {
                let v = event_target_value(&ev);
                error.set(commit.run(v).err());
            }>
                {options.into_iter().map(|(v, l)| {
                    let v2 = v.clone();
                    view! { <option value=v selected=move || value.get() == v2>{l}</option> }
                }).collect_view()}
            </select>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// The warnings and errors of one item, shown at the top of its panel.
#[component]
pub fn ItemProblems(id: String) -> impl IntoView {
    let app = crate::ui::context::<crate::state::App>();
    let problems = Memo::new(move |_| app.problems_of(&id));
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <ul class="item-problems" aria-label="Checks">
                {move || problems.get().into_iter().map(|p| {
                    let error = p.is_error();
                    let detail = p.message.split_once(": ").map(|(_, d)| d.to_string()).unwrap_or(p.message.clone());
                    view! { <li class:problem-error=error>
                        <span class="problem-icon" aria-hidden="true">{if error { "✖" } else { "⚠" }}</span>
                        <span>{if error { "Error: " } else { "Check: " }}{detail}</span>
                    </li> }
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// Moves focus to the element `selector` finds ("#compare-title") once the view has drawn it
/// (it scrolls into view).
pub fn focus_later(selector: &'static str) {
    request_animation_frame(move || {
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(el) = document.and_then(|d| d.query_selector(selector).ok().flatten()) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// Parses a number field ("" is 0); the message names the field.
pub fn parse_number(label: &str, text: &str) -> Result<f64, String> {
    let t = text.trim().replace([' ', '\u{a0}', '_'], "");
    if t.is_empty() {
        return Ok(0.0);
    }
    decimal_value(&t).filter(|v| v.is_finite()).ok_or_else(|| format!("{label}: \"{text}\" is not a number"))
}

/// A plain decimal ("-1200", "3.5", ".5", "1e6") read as the nearest number; `None` for
/// anything else ("inf", "NaN", hex, "12a"). On the page the browser reads it (parseFloat,
/// rounding to nearest as Rust does): Rust's own float parser is 18 KB of wasm in the first
/// screen (issue 14).
fn decimal_value(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let digits_in = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let mut digits = digits_in(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        digits += digits_in(&mut i);
    }
    if digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        if digits_in(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    return Some(js_sys::parse_float(t));
    #[cfg(not(target_arch = "wasm32"))]
    t.parse().ok()
}

/// Parses a whole number within `min..=max`.
pub fn parse_whole(label: &str, text: &str, min: u8, max: u8) -> Result<u8, String> {
    let v = parse_number(label, text)?;
    if v.fract() != 0.0 || v < min as f64 || v > max as f64 {
        return Err(format!("{label} must be a whole number from {min} to {max}"));
    }
    Ok(v as u8)
}

/// Parses a count (users, seats): a whole number from 0 ("" is 0).
pub fn parse_count(label: &str, text: &str) -> Result<u32, String> {
    let v = parse_number(label, text)?;
    if v.fract() != 0.0 || !(0.0..=u32::MAX as f64).contains(&v) {
        return Err(format!("{label} must be a whole number of 0 or more"));
    }
    Ok(v as u32)
}

/// Parses an optional month ("" is none).
pub fn parse_month(text: &str) -> Result<Option<crate::domain::Month>, String> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else {
        crate::domain::Month::parse(t).map(Some)
    }
}

/// Splits a comma-separated list ("AWS, Microsoft") into trimmed, non-empty, unique items.
pub fn parse_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|x| x.eq_ignore_ascii_case(item)) {
            out.push(item.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_inputs() {
        assert_eq!(parse_number("Capex", " 1 200 ").unwrap(), 1200.0);
        assert_eq!(parse_number("Capex", "").unwrap(), 0.0);
        assert!(parse_number("Capex", "12a").unwrap_err().contains("Capex"));
        assert!(parse_number("Capex", "NaN").is_err());
        for bad in ["inf", "-", ".", "1e", "1e+", "0x10", "1.2.3", "--1", "1e5e"] {
            assert!(parse_number("Capex", bad).is_err(), "{bad}");
        }
        for (text, value) in [("-1_500.25", -1500.25), (".5", 0.5), ("5.", 5.0), ("+2E3", 2000.0), ("1e-2", 0.01)] {
            assert_eq!(parse_number("Capex", text), Ok(value), "{text}");
        }
        assert!(parse_number("Capex", "1e400").is_err());
        assert_eq!(parse_whole("Weight", "4", 1, 5).unwrap(), 4);
        assert!(parse_whole("Weight", "6", 1, 5).is_err());
        assert!(parse_whole("Weight", "2.5", 1, 5).is_err());
        assert_eq!(parse_count("Users", "1 200"), Ok(1200));
        assert_eq!(parse_count("Users", ""), Ok(0));
        for bad in ["-1", "2.5", "5e9", "many"] {
            assert!(parse_count("Users", bad).unwrap_err().starts_with("Users"), "{bad}");
        }
        assert_eq!(parse_month("").unwrap(), None);
        assert!(parse_month("2026-13").is_err());
        assert_eq!(parse_list("AWS, ,Microsoft, aws"), vec!["AWS", "Microsoft"]);
    }
}
