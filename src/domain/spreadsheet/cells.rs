//! Cells: formula neutralisation, lists, numbers, months.

use super::*;

/// Characters that make a spreadsheet read a cell as a formula (OWASP's list).
pub(super) const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written: with an apostrophe in front when it would start a formula. A text
/// that already starts with apostrophes followed by such a character gets one more, so that
/// [`unneutralise`] gives back exactly the original.
pub fn neutralise(text: &str) -> String {
    let rest = text.trim_start_matches('\'');
    if rest.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`neutralise`]: takes off one apostrophe in front of a cell whose text after the
/// apostrophes starts a formula. Other apostrophes are kept ("'til" stays "'til").
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// A list cell: items joined with "; ". An item that is empty, contains ";", starts with a
/// quote or has spaces at either end is written in double quotes (a quote inside doubled).
pub(super) fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| {
            let plain = !item.is_empty() && !item.contains(';') && !item.starts_with('"') && item.trim() == item;
            if plain {
                item.clone()
            } else {
                format!("\"{}\"", item.replace('"', "\"\""))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a list cell: items separated by ";", spaces around them dropped, empty items
/// skipped; an item in double quotes is taken exactly (see [`join_list`]).
pub(super) fn split_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = cell;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return items;
        }
        if let Some((item, after)) = quoted_item(rest) {
            items.push(item);
            rest = after;
            continue;
        }
        let (item, after) = rest.split_once(';').unwrap_or((rest, ""));
        let item = item.trim();
        if !item.is_empty() {
            items.push(item.to_string());
        }
        rest = after;
    }
}

/// `"text" ;rest` -> (text, rest); `None` unless the closing quote is followed by nothing but
/// spaces up to a ";" or the end (then the quotes are part of an unquoted item).
pub(super) fn quoted_item(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut item = String::new();
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '"' {
            item.push(c);
            continue;
        }
        if body[at + 1..].starts_with('"') {
            item.push('"');
            chars.next();
            continue;
        }
        let after = body[at + 1..].trim_start();
        return if after.is_empty() { Some((item, after)) } else { after.strip_prefix(';').map(|rest| (item, rest)) };
    }
    None
}

/// A number as written: in full, with a decimal point, no exponent ("250000", "40000.25").
/// Reading it back gives exactly the same number.
pub(super) fn number_text(value: f64) -> String {
    format!("{value}")
}

/// Reads a number. Spaces (thousands separators in many languages) are ignored; in a file
/// separated by semicolons or tabs, a single decimal comma is read as a decimal point
/// ("1250,5"), as European spreadsheets write it.
pub(super) fn parse_number(cell: &str, decimal_comma: bool) -> Result<f64, String> {
    let bad = || format!("\"{cell}\" is not a number (write digits with a decimal point, such as 1250.50)");
    let mut text: String = cell.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if decimal_comma && text.matches(',').count() == 1 && !text.contains('.') {
        text = text.replace(',', ".");
    }
    let plain = text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match text.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Ok(v),
        _ => Err(bad()),
    }
}

/// A whole number in `lo..=hi`.
pub(super) fn parse_score(cell: &str, lo: u8, hi: u8) -> Result<u8, String> {
    cell.trim()
        .parse::<u8>()
        .ok()
        .filter(|v| (lo..=hi).contains(v))
        .ok_or_else(|| format!("\"{cell}\" must be a whole number from {lo} to {hi}"))
}

/// An estimate as written: empty when not estimated (0), so a spreadsheet's averages skip it.
pub(super) fn estimate_text(value: u8) -> String {
    if value == 0 {
        String::new()
    } else {
        value.to_string()
    }
}

/// Reads an estimate: empty or 0 is "not estimated", otherwise a whole number up to
/// [`ESTIMATE_MAX`]. A number off the scale (such as 4) is read; the roadmap's rules warn.
pub(super) fn parse_estimate(cell: &str) -> Result<u8, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u8>().ok().filter(|&v| v <= ESTIMATE_MAX).ok_or_else(|| {
        let scale = ESTIMATE_SCALE.map(|v| v.to_string()).join(", ");
        format!(
            "\"{cell}\" is not an estimate: write a whole number up to {ESTIMATE_MAX} (the scale is {scale}), or \
             leave it empty or 0 when not estimated"
        )
    })
}

/// Reads a funding lock: its label or its file key in any case ("Must not fund",
/// "must_not_fund"), "Optimizer decides" too; empty is no lock.
pub(super) fn parse_funding_lock(cell: &str) -> Result<FundingLock, String> {
    let norm = normalize(cell);
    if cell.trim().is_empty() || norm == "optimizerdecides" {
        return Ok(FundingLock::None);
    }
    FundingLock::ALL.into_iter().find(|l| normalize(l.label()) == norm || normalize(l.key()) == norm).ok_or_else(|| {
        let names: Vec<&str> = FundingLock::ALL.iter().map(|l| l.label()).collect();
        format!("\"{cell}\" is not a funding lock ({})", names.join(", "))
    })
}

pub(super) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a month: `YYYY-MM` as export writes it, and the forms a spreadsheet turns it into
/// when it is saved again: `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY/MM`, `MM/YYYY`, `Mar 2026`,
/// `March 2026`, `Mar-2026`, `Mar-26` (the day, if any, is dropped). Dates such as `3/1/2026`
/// are refused: the day and month could be either way round.
pub(super) fn parse_month(cell: &str) -> Result<Month, String> {
    let t = cell.trim();
    let bad = || format!("\"{t}\" is not a month (YYYY-MM, such as 2026-03)");
    if let Ok(m) = Month::parse(t) {
        return Ok(m);
    }
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten()
    };
    let month = |year: i32, month: i32| u8::try_from(month).ok().and_then(|m| Month::new(year, m)).ok_or_else(bad);
    let parts: Vec<&str> = t.split(['-', '/', ' ', '.']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        // 2026-03-15 (ISO date: the day is dropped)
        [y, m, d] if number(y, 4..=4).is_some() && number(d, 1..=2).is_some_and(|d| (1..=31).contains(&d)) => {
            month(number(y, 4..=4).unwrap_or(0), number(m, 1..=2).ok_or_else(bad)?)
        }
        // 15.03.2026 (dotted dates are day first)
        [d, m, y]
            if t.contains('.')
                && number(y, 4..=4).is_some()
                && number(d, 1..=2).is_some_and(|d| (1..=31).contains(&d)) =>
        {
            month(number(y, 4..=4).unwrap_or(0), number(m, 1..=2).ok_or_else(bad)?)
        }
        // 2026/03, 03/2026
        [a, b] if number(a, 4..=4).is_some() && number(b, 1..=2).is_some() => {
            month(number(a, 4..=4).unwrap_or(0), number(b, 1..=2).unwrap_or(0))
        }
        [a, b] if number(a, 1..=2).is_some() && number(b, 4..=4).is_some() => {
            month(number(b, 4..=4).unwrap_or(0), number(a, 1..=2).unwrap_or(0))
        }
        // Mar 2026, March 2026, Mar-26
        [name, y] => {
            let name = name.to_lowercase();
            let m = MONTH_NAMES.iter().position(|full| name.len() >= 3 && full.starts_with(&name)).ok_or_else(bad)?;
            let year = match (number(y, 4..=4), number(y, 2..=2)) {
                (Some(y), _) => y,
                (None, Some(y)) => 2000 + y,
                _ => return Err(bad()),
            };
            month(year, m as i32 + 1)
        }
        _ => Err(bad()),
    }
}

pub(super) fn month_text(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}
