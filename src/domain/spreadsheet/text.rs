//! Text decoding: byte-order marks, UTF-8, UTF-16 and Windows-1252.

use super::*;

pub(super) fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, ImportError> {
    let utf16 = |bytes: &[u8], big_endian: bool| {
        if !bytes.len().is_multiple_of(2) {
            return refuse("The file says it is UTF-16 but ends in half a character; save it again");
        }
        let units = bytes.chunks(2).map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .or_else(|_| refuse("The file says it is UTF-16 but is not; save it again as \"CSV UTF-8\""))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec())
            .or_else(|_| refuse("The file says it is UTF-8 but is not; save it again as \"CSV UTF-8\""));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    warnings.push(
        "The file is not UTF-8, so it was read as Western European (Windows-1252). If letters look wrong below, \
         save it as \"CSV UTF-8\" and import it again."
            .into(),
    );
    Ok(bytes.iter().map(|&b| windows_1252(b)).collect())
}

pub(super) fn windows_1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}
