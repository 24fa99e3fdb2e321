//! Reading a CSV file: rows and column names, before any meaning is given to them.

use super::*;

/// A CSV file as read: its column names and rows, before any meaning is given to them.
#[derive(Clone, PartialEq, Debug)]
pub struct Parsed {
    /// The first row, trimmed.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The delimiter found: ',', ';' or '\t'.
    pub delimiter: char,
    /// Things the person should know, such as a guessed character encoding.
    pub warnings: Vec<String>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Row {
    /// The row number a spreadsheet shows for it (the header row is row 1).
    pub number: usize,
    pub cells: Vec<String>,
}

/// Reads a CSV file's bytes: strips a byte-order mark, reads UTF-8, UTF-16 (with its mark)
/// or else Windows-1252 (with a warning), honours Excel's `sep=;` first line, and finds the
/// delimiter (comma, semicolon or tab) from the header row.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ImportError> {
    check_size(bytes.len())?;
    let mut warnings = Vec::new();
    let text = decode_text(bytes, &mut warnings)?;
    let mut text = text.as_str();
    if text.trim().is_empty() {
        return refuse("The file is empty");
    }
    // Excel's hint line, "sep=;", which Excel itself does not show as a row.
    let mut delimiter = None;
    if let Some(rest) = text.strip_prefix("sep=") {
        let mut chars = rest.chars();
        if let (Some(d @ (',' | ';' | '\t' | '|')), Some('\r' | '\n')) = (chars.next(), chars.next()) {
            delimiter = Some(d);
            text = chars.as_str().strip_prefix('\n').unwrap_or(chars.as_str());
        }
    }
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // Rows as a spreadsheet numbers them: a blank line is a row, a cell spanning lines is not.
    let (mut extra_lines, mut last_row) = (0usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(String::new(), |p| format!(" (line {})", p.line()));
                return refuse(format!("This file could not be read as CSV{line}: {e}"));
            }
        }
        if records.len() > MAX_ROWS {
            return refuse(format!(
                "The file has more than {} rows; Cairn imports up to {} rows at a time. Split it into smaller files.",
                crate::domain::format::count(MAX_ROWS),
                crate::domain::format::count(MAX_ROWS)
            ));
        }
        if record.len() > MAX_COLUMNS {
            return refuse(format!(
                "Row {} has {} cells; Cairn imports up to {MAX_COLUMNS} columns.",
                last_row + 1,
                crate::domain::format::count(record.len())
            ));
        }
        // The reader skips blank lines but counts the record from the first of them.
        let (line, at) = record.position().map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
        let blank = blank_lines(text.get(at..).unwrap_or(""));
        let number = (line + blank).saturating_sub(extra_lines).max(last_row + 1);
        extra_lines += record.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        last_row = number;
        records.push(Row { number, cells: record.iter().map(str::to_string).collect() });
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else { return refuse("The file is empty") };
    let headers: Vec<String> =
        header.cells.iter().map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return refuse("The first row has no column names; Cairn needs a header row (such as Id, Name, …)");
    }
    Ok(Parsed { headers, rows: records.collect(), delimiter, warnings })
}

/// How many empty lines `text` starts with.
pub(super) fn blank_lines(text: &str) -> usize {
    let mut rest = text;
    let mut count = 0;
    while let Some(after) = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')) {
        rest = after;
        count += 1;
    }
    count
}

/// The file's text, by its byte-order mark, else UTF-8, else Windows-1252.
/// The delimiter used most often outside quotes in the first row (a comma when none is).
pub(super) fn sniff_delimiter(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == c) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().fold((',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}
