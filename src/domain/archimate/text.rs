//! Bytes to text: byte-order marks, UTF-16, and the Windows-1252 ("ANSI") encoding some tools
//! still write (Sparx EA declares it; Archi's CSV export offers it).

/// Characters 0x80..=0x9F of Windows-1252; the five unassigned bytes map to the C1 control
/// with the same number, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}',
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}',
    '\u{17E}', '\u{178}',
];

/// Windows-1252 bytes as text (every byte is a character, so this cannot fail).
pub fn from_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// UTF-16 bytes (after the byte-order mark) as text.
fn from_utf16(bytes: &[u8], little_endian: bool) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("The file is cut off in the middle of a UTF-16 character".into());
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "The file is not valid UTF-16 text (it has a broken character)".to_string())
}

/// How a byte sequence was read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    Utf8,
    Utf16,
    Cp1252,
}

/// UTF-8 text, with a message naming the first bad byte otherwise.
fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "The file is not UTF-8 text (byte {} is not part of a UTF-8 character); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to() + 1
        )
    })
}

/// The bytes of an XML file as text. A byte-order mark decides (UTF-8 or UTF-16); otherwise
/// the `encoding` of the `<?xml …?>` declaration: UTF-8 (the default), US-ASCII, or
/// Windows-1252 (also when ISO-8859-1/Latin-1 is declared, as browsers do). Other encodings
/// are refused with a message.
pub fn decode_xml(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((utf8(rest)?, Encoding::Utf8));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((from_utf16(rest, true)?, Encoding::Utf16));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((from_utf16(rest, false)?, Encoding::Utf16));
    }
    match declared_encoding(bytes).map(|e| e.to_ascii_lowercase()) {
        None => Ok((utf8(bytes)?, Encoding::Utf8)),
        Some(e) if matches!(e.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") => Ok((utf8(bytes)?, Encoding::Utf8)),
        Some(e)
            if matches!(e.as_str(), "windows-1252" | "cp1252" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1") =>
        {
            Ok((from_cp1252(bytes), Encoding::Cp1252))
        }
        Some(e) => {
            Err(format!("The file is in the {e} encoding, which Cairn does not read; export it as UTF-8 and try again"))
        }
    }
}

/// The `encoding="…"` of an XML declaration at the very start of the file.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(300))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_string())
}

/// The bytes of a CSV file as text: UTF-8 (with or without a byte-order mark); anything that
/// is not UTF-8 is read as Windows-1252, the "ANSI" choice of Archi's CSV export.
pub fn decode_csv(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(text) = std::str::from_utf8(rest) {
            return (text.to_string(), Encoding::Utf8);
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        if let Ok(text) = from_utf16(rest, true) {
            return (text, Encoding::Utf16);
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        if let Ok(text) = from_utf16(rest, false) {
            return (text, Encoding::Utf16);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (from_cp1252(bytes), Encoding::Cp1252),
    }
}

/// May `c` appear in an XML 1.0 document? (Tab, line feed and carriage return are the only
/// control characters allowed; U+FFFE and U+FFFF are not characters.)
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text escaped for an XML element or attribute value: `& < > " '` as entities, a carriage
/// return as `&#13;` (so it survives the parser's line-end normalisation), tab and line feed
/// as references inside attributes; characters XML cannot carry at all are dropped.
pub fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| is_xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_maps_the_high_bytes() {
        assert_eq!(from_cp1252(b"caf\xE9 \x80 \x93quoted\x94 \x9F"), "café € “quoted” Ÿ");
        // Every byte maps to exactly one character; ASCII is unchanged.
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(from_cp1252(&all).chars().count(), 256);
        assert_eq!(from_cp1252(b"plain ASCII"), "plain ASCII");
        assert_eq!(from_cp1252(b"\x81\x8D\x8F\x90\x9D"), "\u{81}\u{8D}\u{8F}\u{90}\u{9D}");
    }

    #[test]
    fn xml_encodings() {
        let sparx = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<model>Caf\xE9</model>";
        assert_eq!(decode_xml(sparx).unwrap().0.split('\n').nth(1), Some("<model>Café</model>"));
        assert_eq!(decode_xml(sparx).unwrap().1, Encoding::Cp1252);
        let latin1 = b"<?xml version='1.0' encoding = 'ISO-8859-1' ?><a>\xE9</a>";
        assert!(decode_xml(latin1).unwrap().0.ends_with("<a>é</a>"));
        let bom = b"\xEF\xBB\xBF<?xml version=\"1.0\"?><a>\xC3\xA9</a>";
        assert_eq!(decode_xml(bom).unwrap(), ("<?xml version=\"1.0\"?><a>é</a>".to_string(), Encoding::Utf8));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode_xml(&utf16).unwrap().0, "<a>é</a>");
        let utf16be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("<a>€</a>".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode_xml(&utf16be).unwrap().0, "<a>€</a>");
        assert!(decode_xml(&utf16[..5]).unwrap_err().contains("cut off"));

        let bad = decode_xml(b"<a>caf\xE9</a>").unwrap_err();
        assert_eq!(
            bad,
            "The file is not UTF-8 text (byte 7 is not part of a UTF-8 character); save it as UTF-8 and try again"
        );
        let other = decode_xml(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a/>").unwrap_err();
        assert!(other.contains("shift_jis encoding, which Cairn does not read"), "{other}");
        // A declaration that is cut off or odd falls back to UTF-8.
        assert_eq!(decode_xml(b"<?xml version=\"1.0\" encoding=").unwrap().0, "<?xml version=\"1.0\" encoding=");
    }

    #[test]
    fn csv_encodings() {
        assert_eq!(decode_csv(b"\xEF\xBB\xBF\"ID\""), ("\"ID\"".to_string(), Encoding::Utf8));
        assert_eq!(decode_csv("\"Café\"".as_bytes()), ("\"Café\"".to_string(), Encoding::Utf8));
        assert_eq!(decode_csv(b"\"Caf\xE9\""), ("\"Café\"".to_string(), Encoding::Cp1252));
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_xml("<script>alert('x') & \"y\"</script>", false),
            "&lt;script&gt;alert(&apos;x&apos;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape_xml("a\r\nb\tc", false), "a&#13;\nb\tc");
        assert_eq!(escape_xml("a\r\nb\tc", true), "a&#13;&#10;b&#9;c");
        assert_eq!(escape_xml("bell\u{7} nul\u{0} \u{FFFE}ok ✓ 𝄞", false), "bell nul ok ✓ 𝄞");
    }
}
