//! Share links: the whole roadmap packed into the URL fragment (`docs/share-links.md`).
//!
//! ```text
//! #share=1<base64url of: length · deflate(compact JSON file) · CRC-32>
//! ```
//!
//! The fragment (everything after `#`) stays in the browser: it is never sent to a server.
//! The JSON is the roadmap file of `file_format` (compact), so a link holds exactly what an
//! exported file holds and is checked by the same rules when opened. The length and the
//! CRC-32 let Cairn tell a link that was cut off or changed on the way (by a mail program, a
//! chat tool or a careless copy) from a good one: any change of a single character and any
//! cut is refused, never read as a different roadmap. The check is against accidents, not a
//! signature: anyone can make a valid link holding any roadmap.

use super::compress::{compress, crc32, decompress_with_limit, CompressError};
use super::file_format::{import_json, write_json, FORMAT, MAX_FILE_BYTES, VERSION as FILE_VERSION};
use super::model::Roadmap;
use serde::Serialize;
use std::fmt;

/// What every share link's fragment starts with.
pub const PREFIX: &str = "#share=";
/// The layout of the packed data, the character after [`PREFIX`].
pub const LINK_VERSION: char = '1';
/// A link unpacks to at most this much JSON: the size of the largest roadmap file Cairn opens.
pub const MAX_UNPACKED_BYTES: usize = MAX_FILE_BYTES;

/// Why a share link was not opened. [`fmt::Display`] gives the message for the person who
/// opened it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ShareLinkError {
    /// The text has no `#share=`.
    NotAShareLink,
    /// The character after `#share=` is not a layout this Cairn reads.
    UnknownVersion(char),
    /// A character that base64url does not use (a mail program may have added it).
    BadCharacter(char),
    /// The link ends early.
    Truncated,
    /// The link is complete but its content does not match its checksum.
    Damaged,
    /// It would unpack to more than [`MAX_UNPACKED_BYTES`].
    TooLarge,
    /// It unpacks, but not to a roadmap Cairn can open; the file reader's message.
    NotARoadmap(String),
}

impl fmt::Display for ShareLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ShareLinkError::*;
        match self {
            NotAShareLink => {
                f.write_str("This is not a Cairn share link (a share link ends in #share= and a long code).")
            }
            UnknownVersion(c) => write!(
                f,
                "This share link is of a kind this Cairn does not know (\"{c}\" after #share=): it was made by a newer \
                 Cairn, or it is damaged. Open it in the newest Cairn, or ask for the link again."
            ),
            BadCharacter(c) => write!(
                f,
                "This share link is damaged: it contains \"{}\", which share links never do (an e-mail or chat program \
                 may have changed it). Ask for the link again.",
                c.escape_default()
            ),
            Truncated => f.write_str(
                "This share link is incomplete (it may have been cut off by an e-mail or chat program). Ask for the \
                 link again, or for the roadmap file.",
            ),
            Damaged => f.write_str(
                "This share link is damaged (it may have been changed by an e-mail program). Ask for the link again.",
            ),
            TooLarge => write!(
                f,
                "This share link unpacks to more than {}, more than Cairn opens, so it was not opened.",
                super::format::file_size(MAX_UNPACKED_BYTES)
            ),
            NotARoadmap(why) => write!(f, "This share link does not hold a roadmap Cairn can open. {why}"),
        }
    }
}

impl std::error::Error for ShareLinkError {}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    roadmap: &'a Roadmap,
}

/// The fragment of a link holding `r`: `#share=1…`. Append it to the app's address.
pub fn encode(r: &Roadmap) -> String {
    let json = write_json(&FileOut { format: FORMAT, version: FILE_VERSION, roadmap: r }, false);
    let packed = compress(json.as_bytes());
    let mut data = Vec::with_capacity(packed.len() + 9);
    push_length(&mut data, packed.len());
    data.extend_from_slice(&packed);
    let check = crc32(&data);
    data.extend_from_slice(&check.to_le_bytes());
    let mut out = String::with_capacity(PREFIX.len() + 1 + data.len().div_ceil(3) * 4);
    out.push_str(PREFIX);
    out.push(LINK_VERSION);
    base64url_encode(&data, &mut out);
    out
}

/// Whether `text` (a fragment such as `location.hash`, or a whole link) is a share link at all;
/// [`decode`] says whether it is a good one.
pub fn is_share_link(text: &str) -> bool {
    payload(text).is_some()
}

/// The roadmap in a share link. Accepts the fragment (`#share=1…`, as `location.hash` gives it)
/// or a whole link (`https://…/#share=1…`, as pasted). Never panics, whatever the text; a
/// link that was cut off or changed is refused, never read as another roadmap.
pub fn decode(text: &str) -> Result<Roadmap, ShareLinkError> {
    let payload = payload(text).ok_or(ShareLinkError::NotAShareLink)?;
    let mut chars = payload.chars();
    match chars.next() {
        None => return Err(ShareLinkError::Truncated),
        Some(LINK_VERSION) => {}
        Some(other) => return Err(ShareLinkError::UnknownVersion(other)),
    }
    let code = chars.as_str();
    // Base64 holds 3 bytes in 4 characters; more characters than that could never unpack
    // within the limit.
    if code.len() / 4 * 3 > MAX_UNPACKED_BYTES {
        return Err(ShareLinkError::TooLarge);
    }
    let (data, tail) = base64url_decode(code)?;
    // Cut first: a link cut anywhere but after a whole group of 4 characters ends in a
    // character whose leftover bits are not the zeros encoding wrote, so the end alone cannot
    // tell a cut from a change; the length can.
    let (length, header) = read_length(&data).ok_or(ShareLinkError::Truncated)?;
    let expected = header.checked_add(length).and_then(|n| n.checked_add(4)).ok_or(ShareLinkError::Damaged)?;
    if data.len() < expected {
        return Err(ShareLinkError::Truncated);
    }
    // Complete, but with more after it (whole bytes, or a stray character), or a last
    // character that encoding never writes.
    if data.len() > expected || tail != Tail::Clean {
        return Err(ShareLinkError::Damaged);
    }
    let (body, check) = data.split_at(header + length);
    if crc32(body).to_le_bytes() != check {
        return Err(ShareLinkError::Damaged);
    }
    let json = decompress_with_limit(&body[header..], MAX_UNPACKED_BYTES).map_err(|e| match e {
        CompressError::TooLarge { .. } => ShareLinkError::TooLarge,
        CompressError::Damaged => ShareLinkError::Damaged,
    })?;
    let json = String::from_utf8(json).map_err(|_| ShareLinkError::NotARoadmap("It does not hold text.".into()))?;
    import_json(&json).map_err(|e| ShareLinkError::NotARoadmap(e.message))
}

/// The part after `#share=`: from a fragment, a fragment without `#`, or a whole link.
fn payload(text: &str) -> Option<&str> {
    let text = text.trim();
    let key = &PREFIX[1..];
    match text.find(PREFIX) {
        Some(at) => Some(&text[at + PREFIX.len()..]),
        None => text.strip_prefix(key),
    }
}

/// How well a link of this many characters travels, by the limits of the tools it is sent
/// through (see `docs/share-links.md` for the sources and how sure they are).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum LinkLength {
    /// Up to 1,000 characters: works in every browser, chat and mail program.
    Short,
    /// Up to 2,000 characters: works in browsers and chat programs; classic Outlook for
    /// Windows has been reported to cut clickable links after 1,024 characters.
    Medium,
    /// Up to 20,000 characters: works in today's browsers and pasted into Slack, Teams or
    /// WhatsApp, but mail programs often break or refuse links this long.
    Long,
    /// Longer: chat tools cut messages off (Teams at about 28 KB, Slack at 40,000
    /// characters); send the roadmap file instead.
    TooLong,
}

/// Classifies the length of a whole link (address and fragment), in characters.
pub fn link_length(chars: usize) -> LinkLength {
    match chars {
        0..=1_000 => LinkLength::Short,
        1_001..=2_000 => LinkLength::Medium,
        2_001..=20_000 => LinkLength::Long,
        _ => LinkLength::TooLong,
    }
}

impl LinkLength {
    /// What to tell the person about to share the link; `None` when there is nothing to say.
    pub fn advice(self) -> Option<&'static str> {
        match self {
            LinkLength::Short => None,
            LinkLength::Medium => Some(
                "This link is long: chat programs and browsers take it, but some mail programs (such as classic \
                 Outlook) may cut it off. If it does not open, send the roadmap file instead.",
            ),
            LinkLength::Long => Some(
                "This link is very long: paste it into a chat (Teams, Slack, WhatsApp) rather than an e-mail, where \
                 it is likely to be cut off. For e-mail, send the roadmap file instead.",
            ),
            LinkLength::TooLong => Some(
                "This roadmap is too large to share as a link: chat and mail programs would cut it off. Send the \
                 roadmap file instead.",
            ),
        }
    }
}

/// A length as LEB128: 7 bits per byte, low bits first, the high bit set on all but the last.
fn push_length(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7F) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The length at the start of `data` and how many bytes it took; `None` when `data` ends
/// inside it. At most 4 bytes (lengths below 256 MB).
fn read_length(data: &[u8]) -> Option<(usize, usize)> {
    let mut n = 0usize;
    for (k, &b) in data.iter().enumerate().take(4) {
        n |= ((b & 0x7F) as usize) << (7 * k);
        if b & 0x80 == 0 {
            return Some((n, k + 1));
        }
    }
    // A fifth byte is never written: data that long is damaged; data that short is cut off.
    if data.len() >= 4 {
        Some((usize::MAX / 2, 4))
    } else {
        None
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): every character is allowed in a URL fragment.
fn base64url_encode(data: &[u8], out: &mut String) {
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..=chunk.len() {
            out.push(BASE64URL[(n >> (18 - 6 * k) & 0x3F) as usize] as char);
        }
    }
}

/// How a base64url text ends after its last whole byte.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tail {
    /// As encoding writes it: no bits left over, or only zero bits.
    Clean,
    /// The last character has leftover bits that are not zero.
    StrayBits,
    /// One character too many to make a byte (6 bits left over).
    HalfByte,
}

/// Strict base64url: only its 64 characters and no padding. The bytes, and how the text ends:
/// encoding leaves the unused bits of the last character zero and never ends with a lone
/// character, so every byte string has exactly one text; [`decode`] decides, knowing the
/// length the link should have, whether another ending is a cut or a change.
fn base64url_decode(text: &str) -> Result<(Vec<u8>, Tail), ShareLinkError> {
    let value = |c: char| -> Result<u32, ShareLinkError> {
        match c {
            'A'..='Z' => Ok(c as u32 - 'A' as u32),
            'a'..='z' => Ok(c as u32 - 'a' as u32 + 26),
            '0'..='9' => Ok(c as u32 - '0' as u32 + 52),
            '-' => Ok(62),
            '_' => Ok(63),
            other => Err(ShareLinkError::BadCharacter(other)),
        }
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    let tail = if bits == 6 {
        Tail::HalfByte
    } else if acc != 0 {
        Tail::StrayBits
    } else {
        Tail::Clean
    };
    Ok((out, tail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::file_format::testing;
    use crate::domain::model::*;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn small() -> Roadmap {
        let mut r = Roadmap { name: "Tiny".into(), ..Roadmap::default() };
        r.goals.push(Arc::new(Goal { id: "g".into(), name: "Grow".into(), ..Goal::default() }));
        r.initiatives.push(Arc::new(Initiative {
            id: "i".into(),
            name: "CRM".into(),
            goals: vec![GoalLink { goal: "g".into(), contribution: 2 }],
            ..Initiative::default()
        }));
        r
    }

    fn encode_bytes(data: &[u8]) -> String {
        let mut s = String::new();
        base64url_encode(data, &mut s);
        s
    }

    #[test]
    fn base64url_matches_rfc_4648() {
        // RFC 4648 §10 test vectors, without padding.
        for (plain, code) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_bytes(plain.as_bytes()), code);
            assert_eq!(base64url_decode(code).unwrap(), (plain.as_bytes().to_vec(), Tail::Clean));
        }
        // The URL-safe characters instead of + and /.
        assert_eq!(encode_bytes(&[0xFB, 0xFF]), "-_8");
        assert_eq!(base64url_decode("Zm9v+"), Err(ShareLinkError::BadCharacter('+')));
        assert_eq!(base64url_decode("Zm9v="), Err(ShareLinkError::BadCharacter('=')));
        assert_eq!(base64url_decode("Zm9vY"), Ok((b"foo".to_vec(), Tail::HalfByte)));
        // "Zh" has bits after the byte "f" set: not a text encoding writes.
        assert_eq!(base64url_decode("Zh"), Ok((b"f".to_vec(), Tail::StrayBits)));
    }

    #[test]
    fn lengths_are_leb128() {
        for n in [0usize, 1, 127, 128, 300, 16_383, 16_384, 2_000_000, (1 << 28) - 1] {
            let mut v = Vec::new();
            push_length(&mut v, n);
            assert_eq!(read_length(&v), Some((n, v.len())), "{n}");
        }
        let mut v = Vec::new();
        push_length(&mut v, 300);
        assert_eq!(v, [0xAC, 0x02]);
        assert_eq!(read_length(&[0xAC]), None, "cut inside the length");
        assert_eq!(read_length(&[]), None);
    }

    #[test]
    fn a_link_round_trips() {
        let link = encode(&small());
        assert!(link.starts_with("#share=1"), "{link}");
        assert!(link[PREFIX.len()..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&link).unwrap(), small());
        // A whole link, a fragment without '#', spaces around it: all fine.
        assert_eq!(decode(&format!("https://cairn.example/app/{link}")).unwrap(), small());
        assert_eq!(decode(&link[1..]).unwrap(), small());
        assert_eq!(decode(&format!("  {link}\n")).unwrap(), small());
        assert!(is_share_link(&link) && !is_share_link("#roadmap/abc") && !is_share_link(""));
    }

    #[test]
    fn the_demo_link_round_trips() {
        let demo = demo_roadmap();
        let link = encode(&demo);
        assert_eq!(decode(&link).unwrap(), demo);
        // Same roadmap, same link.
        assert_eq!(encode(&demo), link);
        // Cut in each of the four places a group of 4 characters can end, or anywhere: incomplete.
        for cut in (link.len() - 8..link.len()).chain([PREFIX.len() + 1, 12, link.len() / 2]) {
            assert_eq!(decode(&link[..cut]), Err(ShareLinkError::Truncated), "cut at {cut} of {}", link.len());
        }
    }

    #[test]
    fn each_failure_has_its_own_message() {
        let link = encode(&small());
        let err = |text: &str| decode(text).unwrap_err();

        assert_eq!(err("#roadmap/abc"), ShareLinkError::NotAShareLink);
        assert_eq!(err(""), ShareLinkError::NotAShareLink);
        assert_eq!(err("#share="), ShareLinkError::Truncated);
        assert_eq!(err(&link.replacen("#share=1", "#share=2", 1)), ShareLinkError::UnknownVersion('2'));
        assert_eq!(err(&format!("{}%20{}", &link[..20], &link[20..])), ShareLinkError::BadCharacter('%'));
        assert_eq!(err(&format!("{}\n{}", &link[..20], &link[20..])), ShareLinkError::BadCharacter('\n'));
        // Cut anywhere after "#share=": incomplete, whichever character it now ends with (a
        // cut inside a group of 4 characters usually leaves stray bits in the last one).
        for cut in PREFIX.len()..link.len() {
            assert_eq!(err(&link[..cut]), ShareLinkError::Truncated, "cut at {cut} of {}", link.len());
        }
        assert_eq!(err(&format!("{link}AAAA")), ShareLinkError::Damaged, "extra data");
        assert_eq!(err(&format!("{link}A")), ShareLinkError::Damaged, "an extra character");
        assert_eq!(err(&format!("{link}AB")), ShareLinkError::Damaged, "extra characters");
        // One character changed in the middle: the checksum no longer matches.
        let mut changed: Vec<char> = link.chars().collect();
        let at = changed.len() / 2;
        changed[at] = if changed[at] == 'A' { 'B' } else { 'A' };
        assert_eq!(err(&changed.into_iter().collect::<String>()), ShareLinkError::Damaged);

        // A well-made link around data that is not a roadmap.
        let made = |data: &[u8]| {
            let packed = compress(data);
            let mut bytes = Vec::new();
            push_length(&mut bytes, packed.len());
            bytes.extend_from_slice(&packed);
            let check = crc32(&bytes);
            bytes.extend_from_slice(&check.to_le_bytes());
            format!("#share=1{}", encode_bytes(&bytes))
        };
        let ShareLinkError::NotARoadmap(why) = err(&made(b"{\"format\": \"something-else\"}")) else { panic!() };
        assert_eq!(why, "This is not a Cairn roadmap file (format is \"something-else\")");
        assert!(matches!(err(&made(&[0xFF, 0xFE])), ShareLinkError::NotARoadmap(_)));
        // Valid JSON, but the roadmap breaks a rule.
        let bad = r#"{"format":"cairn-roadmap","version":1,"roadmap":{"goals":[{"id":"g","name":""}]}}"#;
        let ShareLinkError::NotARoadmap(why) = err(&made(bad.as_bytes())) else { panic!() };
        assert!(why.contains("goal \"g\": has no name"), "{why}");
        // A bomb: 30 MB of spaces packs small but unpacks past the limit.
        assert_eq!(err(&made(&vec![b' '; 30 * 1024 * 1024])), ShareLinkError::TooLarge);

        // The messages, as the person reads them.
        assert_eq!(
            ShareLinkError::Damaged.to_string(),
            "This share link is damaged (it may have been changed by an e-mail program). Ask for the link again."
        );
        assert!(ShareLinkError::Truncated.to_string().contains("cut off by an e-mail or chat program"));
        assert!(ShareLinkError::UnknownVersion('2').to_string().contains("(\"2\" after #share=)"));
        assert!(ShareLinkError::BadCharacter('\n').to_string().contains("contains \"\\n\""));
        assert!(ShareLinkError::TooLarge.to_string().contains("more than 20 MB"));
        assert!(ShareLinkError::NotAShareLink.to_string().starts_with("This is not a Cairn share link"));
        assert_eq!(
            ShareLinkError::NotARoadmap("The file is empty".into()).to_string(),
            "This share link does not hold a roadmap Cairn can open. The file is empty"
        );
    }

    #[test]
    fn every_single_character_change_and_every_cut_is_refused() {
        // Exhaustive on a small link: each position, each other character of the alphabet
        // (and a few that are not in it).
        let link = encode(&small());
        let chars: Vec<char> = link.chars().collect();
        let others: Vec<char> = BASE64URL.iter().map(|&b| b as char).chain("#=%+/ .".chars()).collect();
        for at in 0..chars.len() {
            for &c in others.iter().filter(|&&c| c != chars[at]) {
                let mut changed = chars.clone();
                changed[at] = c;
                let changed: String = changed.into_iter().collect();
                match decode(&changed) {
                    // The '#' is optional, so " share=1…" still reads, as the same roadmap.
                    Ok(same) if at < PREFIX.len() => assert_eq!(same, small()),
                    Ok(_) => panic!("changing position {at} to {c:?} went unnoticed"),
                    Err(_) => {}
                }
            }
        }
        for cut in 0..chars.len() {
            assert!(decode(&link[..cut]).is_err(), "cut at {cut} went unnoticed");
        }
    }

    #[test]
    fn length_classes() {
        assert_eq!(link_length(0), LinkLength::Short);
        assert_eq!(link_length(1_000), LinkLength::Short);
        assert_eq!(link_length(1_001), LinkLength::Medium);
        assert_eq!(link_length(2_000), LinkLength::Medium);
        assert_eq!(link_length(2_001), LinkLength::Long);
        assert_eq!(link_length(20_000), LinkLength::Long);
        assert_eq!(link_length(20_001), LinkLength::TooLong);
        assert_eq!(LinkLength::Short.advice(), None);
        assert!(LinkLength::TooLong.advice().unwrap().contains("Send the roadmap file instead"));
        assert!(LinkLength::Short < LinkLength::Medium && LinkLength::Long < LinkLength::TooLong);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        #[test]
        fn any_roadmap_round_trips(r in testing::roadmap()) {
            let link = encode(&r);
            prop_assert_eq!(decode(&link), Ok(r));
        }

        #[test]
        fn a_changed_or_cut_link_is_never_read_as_a_roadmap(
            r in testing::roadmap(),
            at in any::<prop::sample::Index>(),
            c in prop_oneof![prop::sample::select(BASE64URL.to_vec()).prop_map(|b| b as char), any::<char>()],
            cut in any::<prop::sample::Index>(),
        ) {
            let link = encode(&r);
            let mut chars: Vec<char> = link.chars().collect();
            let at = at.index(chars.len());
            if chars[at] != c {
                chars[at] = c;
                let changed: String = chars.into_iter().collect();
                match decode(&changed) {
                    Ok(same) if at < PREFIX.len() => prop_assert_eq!(same, r),
                    other => prop_assert!(other.is_err(), "position {} changed to {:?}", at, c),
                }
            }
            let cut = cut.index(link.len());
            prop_assert!(decode(&link[..cut]).is_err(), "cut at {}", cut);
        }

        #[test]
        fn decoding_never_panics(text in "(?s).{0,300}") {
            let _ = decode(&text);
            let _ = decode(&format!("#share=1{text}"));
        }
    }
}
