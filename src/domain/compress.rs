//! Compression for share links, zip files and browser storage: one codec, so the wasm holds
//! one deflate implementation (`miniz_oxide`, pure Rust).
//!
//! - [`compress`] / [`decompress_with_limit`]: raw deflate (RFC 1951). Unpacking stops at a
//!   limit, so a small input that would unpack to gigabytes (a "zip bomb") is refused with a
//!   message instead of filling the memory.
//! - [`crc32`]: the CRC-32 of zip, PNG and Ethernet, to notice damaged data.
//! - [`bytes_to_text`] / [`text_to_bytes`]: bytes as a string of 15 bits per character, for
//!   `localStorage`. Browsers count `localStorage` in UTF-16 code units (Chromium 156: 5,242,880
//!   code units per origin, whatever the characters), so 15 bits per character stores 2.5 times
//!   as much as base64 (6 bits per character).

use std::fmt;

/// Deflate level of [`compress`]: 6 packs the demo as small as 9 does and a 20,000-initiative
/// roadmap 3% larger, in two thirds of the time.
const LEVEL: u8 = 6;
/// Deflate level of [`compress_fast`].
const FAST_LEVEL: u8 = 1;

/// Why compressed data could not be unpacked.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum CompressError {
    /// It would unpack to more than `limit` bytes.
    TooLarge { limit: usize },
    /// It is not complete, valid compressed data.
    Damaged,
}

impl fmt::Display for CompressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompressError::TooLarge { limit } => {
                write!(f, "The data unpacks to more than {}, more than Cairn opens", super::format::file_size(*limit))
            }
            CompressError::Damaged => f.write_str("The compressed data is damaged or incomplete"),
        }
    }
}

impl std::error::Error for CompressError {}

/// `bytes` compressed with raw deflate (no zlib or gzip header). Roadmap JSON shrinks 5 to 10
/// times (the demo 6.0 times, a generated 20,000-initiative roadmap 10.3 times).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, LEVEL)
}

/// Like [`compress`], about 4 times faster and about twice as large (a generated
/// 20,000-initiative roadmap: 12.5 MB of JSON to 2.5 MB instead of 1.2 MB): for saving large
/// roadmaps often. [`decompress_with_limit`] reads both.
pub fn compress_fast(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, FAST_LEVEL)
}

/// [`compress_fast`] a piece at a time: [`write`](Deflater::write) each piece, then
/// [`finish`](Deflater::finish) — for packing a large roadmap in steps (`stored::Packer`).
/// What it gives unpacks to the pieces joined, like [`compress_fast`]'s.
pub struct Deflater {
    compressor: Box<miniz_oxide::deflate::core::CompressorOxide>,
    out: Vec<u8>,
}

impl Default for Deflater {
    fn default() -> Self {
        use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
        // Window bits 0: raw deflate, as `compress_to_vec` writes it.
        let flags = create_comp_flags_from_zip_params(FAST_LEVEL.into(), 0, 0);
        Deflater { compressor: Box::new(CompressorOxide::new(flags)), out: Vec::new() }
    }
}

impl Deflater {
    pub fn write(&mut self, bytes: &[u8]) {
        self.run(bytes, miniz_oxide::deflate::core::TDEFLFlush::None);
    }

    /// The packed bytes of everything written.
    pub fn finish(mut self) -> Vec<u8> {
        self.run(&[], miniz_oxide::deflate::core::TDEFLFlush::Finish);
        self.out
    }

    fn run(&mut self, mut bytes: &[u8], flush: miniz_oxide::deflate::core::TDEFLFlush) {
        use miniz_oxide::deflate::core::{compress_to_output, TDEFLStatus};
        let out = &mut self.out;
        loop {
            let (status, used) = compress_to_output(&mut self.compressor, bytes, flush, |piece| {
                out.extend_from_slice(piece);
                true
            });
            bytes = &bytes[used.min(bytes.len())..];
            // Every byte taken (or, finishing, the stream ended): a compressor that writes to
            // memory never stops early otherwise.
            if status != TDEFLStatus::Okay || bytes.is_empty() {
                return;
            }
        }
    }
}

/// [`decompress_with_limit`] a piece at a time: each [`step`](Inflater::step) unpacks about
/// `budget` bytes more — for reading a large stored roadmap in steps (`stored::Reader`).
pub struct Inflater {
    state: Box<miniz_oxide::inflate::stream::InflateState>,
    input: Vec<u8>,
    read: usize,
    out: Vec<u8>,
    limit: usize,
}

impl Inflater {
    pub fn new(input: Vec<u8>, limit: usize) -> Inflater {
        use miniz_oxide::{inflate::stream::InflateState, DataFormat};
        // Room for what a roadmap's JSON usually unpacks to (about 5 times its packed size),
        // so that the output is rarely moved as it grows: moving megabytes at once would make
        // one step long.
        let out = Vec::with_capacity(input.len().saturating_mul(8).min(limit));
        Inflater { state: InflateState::new_boxed(DataFormat::Raw), input, read: 0, out, limit }
    }

    /// Unpacks about `budget` bytes more: `Ok(true)` when all is unpacked.
    pub fn step(&mut self, budget: usize) -> Result<bool, CompressError> {
        use miniz_oxide::{inflate::stream::inflate, MZError, MZFlush, MZStatus};
        let mut buffer = vec![0u8; 32 * 1024];
        let stop = self.out.len() + budget;
        while self.out.len() < stop {
            let result = inflate(&mut self.state, &self.input[self.read..], &mut buffer, MZFlush::None);
            self.read += result.bytes_consumed;
            if self.out.len() + result.bytes_written > self.limit {
                return Err(CompressError::TooLarge { limit: self.limit });
            }
            self.out.extend_from_slice(&buffer[..result.bytes_written]);
            match result.status {
                Ok(MZStatus::StreamEnd) => return Ok(true),
                Ok(_) if result.bytes_consumed > 0 || result.bytes_written > 0 => {}
                // Neither read nor written: the data stops before its end.
                Ok(_) | Err(MZError::Buf) => return Err(CompressError::Damaged),
                Err(_) => return Err(CompressError::Damaged),
            }
        }
        Ok(false)
    }

    /// What was unpacked so far (all of it once `step` said so).
    pub fn output(&self) -> &[u8] {
        &self.out
    }

    pub fn into_output(self) -> Vec<u8> {
        self.out
    }
}

/// Unpacks raw deflate data, refusing output longer than `max_out` bytes; memory use stays
/// below `max_out` plus the input, whatever the input.
pub fn decompress_with_limit(bytes: &[u8], max_out: usize) -> Result<Vec<u8>, CompressError> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
    decompress_to_vec_with_limit(bytes, max_out).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => CompressError::TooLarge { limit: max_out },
        _ => CompressError::Damaged,
    })
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// CRC-32 (ISO-HDLC: the one zip uses). Detects every change confined to 32 consecutive bits.
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32_more(0, bytes)
}

/// The CRC-32 of the bytes whose CRC-32 is `crc` followed by `bytes` (`crc32(a ++ b)` is
/// `crc32_more(crc32(a), b)`): for data read or written a piece at a time.
pub fn crc32_more(crc: u32, bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!crc, |c, &b| CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8))
}

/// What one origin may keep in `localStorage`, keys and values together, in UTF-16 code units
/// (measured: Chromium 156 takes 5,242,880 characters, whichever characters they are).
pub const LOCAL_STORAGE_QUOTA: usize = 5 * 1024 * 1024;

/// First character of the 15-bit alphabet: U+4E00..=U+CDFF, 32,768 code points below the
/// surrogates (U+D800), so every character is one UTF-16 code unit and a valid `char`.
const TEXT_BASE: u32 = 0x4E00;

/// Bytes as text, 15 bits per character: the first character says how many bits of the last
/// one are padding (0 to 14), then each character carries the next 15 bits, most significant
/// first. `n` bytes take `1 + ceil(8n / 15)` characters.
pub fn bytes_to_text(bytes: &[u8]) -> String {
    let mut out = text_start(bytes.len());
    push_text(&mut out, bytes);
    out
}

/// Bytes this many at a time make whole characters (120 bits, 8 characters): what
/// [`push_text`] needs of every piece but the last.
pub const TEXT_PIECE: usize = 15;

/// The start of [`bytes_to_text`]'s text for `len` bytes in all (its first character), for
/// writing it a piece at a time with [`push_text`].
pub fn text_start(len: usize) -> String {
    let bits = len * 8;
    let padding = bits.div_ceil(15) * 15 - bits;
    let mut out = String::with_capacity((bits.div_ceil(15) + 1) * 3);
    out.push(text_char(padding as u32));
    out
}

/// Writes the characters of `bytes` after [`text_start`]: in pieces, each one's length a
/// multiple of [`TEXT_PIECE`] but the last, the same text as [`bytes_to_text`] of them all.
pub fn push_text(out: &mut String, bytes: &[u8]) {
    let (mut acc, mut held) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        held += 8;
        if held >= 15 {
            held -= 15;
            out.push(text_char((acc >> held) & 0x7FFF));
            acc &= (1 << held) - 1;
        }
    }
    if held > 0 {
        out.push(text_char((acc << (15 - held)) & 0x7FFF));
    }
}

fn text_char(value: u32) -> char {
    char::from_u32(TEXT_BASE + value).expect("below the surrogates")
}

/// Reads [`bytes_to_text`]'s text back; `None` when it is not such a text (a character
/// outside the alphabet, an impossible length, or padding bits that are not zero).
pub fn text_to_bytes(text: &str) -> Option<Vec<u8>> {
    let mut reader = TextReader::with_capacity(text.len() / 3 * 15 / 8);
    reader.read(text);
    reader.finish()
}

/// [`text_to_bytes`] a piece at a time (a large stored value is read in steps): the text
/// [`read`](TextReader::read) in pieces of any length, then [`finish`](TextReader::finish)
/// gives what `text_to_bytes` gives of it all.
#[derive(Default)]
pub struct TextReader {
    /// The first character's value (the padding), once read; `Err` once a character was
    /// not of the alphabet.
    padding: Option<Result<u32, ()>>,
    chars: usize,
    acc: u32,
    held: u32,
    out: Vec<u8>,
}

impl TextReader {
    pub fn with_capacity(bytes: usize) -> TextReader {
        TextReader { out: Vec::with_capacity(bytes), ..TextReader::default() }
    }

    pub fn read(&mut self, text: &str) {
        let mut values = text.chars().map(|c| (c as u32).checked_sub(TEXT_BASE).filter(|&v| v < 0x8000).ok_or(()));
        if self.padding.is_none() {
            self.padding = values.next();
        }
        if !matches!(self.padding, Some(Ok(_))) {
            return;
        }
        for value in values {
            let Ok(value) = value else {
                self.padding = Some(Err(()));
                return;
            };
            self.chars += 1;
            self.acc = (self.acc << 15) | value;
            self.held += 15;
            while self.held >= 8 {
                self.held -= 8;
                self.out.push((self.acc >> self.held) as u8);
            }
            self.acc &= (1 << self.held) - 1;
        }
    }

    /// The bytes, or `None` if the text was not such a text.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        let padding = self.padding?.ok()? as usize;
        let bits = (self.chars * 15).checked_sub(padding)?;
        if padding >= 15 || bits % 8 != 0 || (self.chars == 0 && padding != 0) {
            return None;
        }
        // The padding bits (the bytes past the data's, and the bits short of a byte) are zero.
        let padded = self.out.split_off(bits / 8);
        (self.acc == 0 && padded.iter().all(|&b| b == 0)).then_some(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, CRC and deflate written a piece at a time give what they give at once.
    #[test]
    fn pieces_make_the_same_text_crc_and_packing() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for piece in [1, 7, 15, 4096] {
            let mut deflater = Deflater::default();
            let mut crc = 0;
            for chunk in data.chunks(piece) {
                deflater.write(chunk);
                crc = crc32_more(crc, chunk);
            }
            assert_eq!(crc, crc32(&data));
            let packed = deflater.finish();
            assert_eq!(decompress_with_limit(&packed, 1 << 20).unwrap(), data);
        }
        for len in [0, 1, 14, 15, 16, 29, 30, 31, 1000] {
            let bytes = &data[..len];
            for piece in [TEXT_PIECE, 4 * TEXT_PIECE] {
                let mut text = text_start(len);
                for chunk in bytes.chunks(piece) {
                    push_text(&mut text, chunk);
                }
                assert_eq!(text, bytes_to_text(bytes), "{len} bytes in pieces of {piece}");
            }
        }
    }
    use proptest::prelude::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        // The check value of CRC-32/ISO-HDLC (zip, PNG) is the CRC of "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn compresses_and_unpacks() {
        let text = "Cairn roadmap, Cairn roadmap, Cairn roadmap. ".repeat(200);
        let packed = compress(text.as_bytes());
        assert!(packed.len() < text.len() / 20, "{} bytes", packed.len());
        assert_eq!(decompress_with_limit(&packed, text.len()).unwrap(), text.as_bytes());
        assert_eq!(decompress_with_limit(&compress(b""), 0).unwrap(), b"");
        let fast = compress_fast(text.as_bytes());
        assert_eq!(decompress_with_limit(&fast, text.len()).unwrap(), text.as_bytes());
    }

    #[test]
    fn a_zip_bomb_is_refused_at_the_limit() {
        // 40 MB of zeros packs into about 40 KB.
        let bomb = compress(&vec![0u8; 40 * 1024 * 1024]);
        assert!(bomb.len() < 80 * 1024, "{}", bomb.len());
        let err = decompress_with_limit(&bomb, 20 * 1024 * 1024).unwrap_err();
        assert_eq!(err, CompressError::TooLarge { limit: 20 * 1024 * 1024 });
        assert_eq!(err.to_string(), "The data unpacks to more than 20 MB, more than Cairn opens");
        // Exactly at the limit is fine; one byte less is not.
        let packed = compress(&[7u8; 1000]);
        assert_eq!(decompress_with_limit(&packed, 1000).unwrap().len(), 1000);
        assert_eq!(decompress_with_limit(&packed, 999), Err(CompressError::TooLarge { limit: 999 }));
    }

    #[test]
    fn damaged_data_is_refused() {
        let packed = compress(b"Keep the network running, keep the network running");
        assert_eq!(decompress_with_limit(&packed[..packed.len() - 1], 1000), Err(CompressError::Damaged));
        assert_eq!(decompress_with_limit(&[0xFF; 8], 1000), Err(CompressError::Damaged));
        assert_eq!(decompress_with_limit(&[], 1000), Err(CompressError::Damaged));
        assert_eq!(CompressError::Damaged.to_string(), "The compressed data is damaged or incomplete");
    }

    #[test]
    fn text_is_15_bits_per_character() {
        assert_eq!(bytes_to_text(&[]), "\u{4E00}");
        // 0xFF 0x01: bits 11111111 00000001 -> 111111110000000 | 1 + 14 zero bits of padding.
        let text = bytes_to_text(&[0xFF, 0x01]);
        let values: Vec<u32> = text.chars().map(|c| c as u32 - TEXT_BASE).collect();
        assert_eq!(values, [14, 0b111_1111_1000_0000, 0b100_0000_0000_0000]);
        // 15 bytes = 120 bits = exactly 8 characters, no padding.
        assert_eq!(bytes_to_text(&[0xAB; 15]).chars().count(), 9);
        assert!(bytes_to_text(&[0xAB; 15]).starts_with('\u{4E00}'));
        // Every character is one UTF-16 code unit.
        let text = bytes_to_text(&(0..=255).collect::<Vec<u8>>());
        assert_eq!(text.encode_utf16().count(), text.chars().count());
    }

    #[test]
    fn text_that_is_not_ours_is_refused() {
        assert_eq!(text_to_bytes(""), None);
        assert_eq!(text_to_bytes("hello"), None);
        assert_eq!(text_to_bytes("\u{4E01}"), None, "padding without characters");
        assert_eq!(text_to_bytes("\u{4E0F}\u{4E00}"), None, "15 bits of padding");
        assert_eq!(text_to_bytes("\u{4E00}\u{4E00}"), None, "15 bits are not whole bytes");
        assert_eq!(text_to_bytes("\u{4E07}\u{4E01}"), None, "padding bits must be zero");
        assert_eq!(text_to_bytes("\u{4E07}\u{4E80}").unwrap(), [0x01]);
        let mut text = bytes_to_text(b"roadmap");
        text.push('a');
        assert_eq!(text_to_bytes(&text), None);
    }

    #[test]
    fn a_20000_initiative_roadmap_fits_local_storage_with_room_to_spare() {
        use crate::domain::{generate::generate, stored};
        let json = stored::encode_json(&generate(3, 20_000), 1);
        assert!(json.len() > 2 * LOCAL_STORAGE_QUOTA, "uncompressed it would not fit: {} bytes", json.len());
        // Even the fast (larger) compression, as 15-bit text, takes a quarter of the quota.
        let packed = compress_fast(json.as_bytes());
        let text = bytes_to_text(&packed);
        let units = text.encode_utf16().count();
        assert!(units < LOCAL_STORAGE_QUOTA / 3, "{units} code units");
        assert_eq!(decompress_with_limit(&text_to_bytes(&text).unwrap(), json.len()).unwrap(), json.as_bytes());
    }

    proptest! {
        #[test]
        fn text_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let text = bytes_to_text(&bytes);
            prop_assert_eq!(text.chars().count(), 1 + (bytes.len() * 8).div_ceil(15));
            prop_assert_eq!(text_to_bytes(&text), Some(bytes));
        }

        /// Read in pieces, any text (of the alphabet or not, valid or not) gives what it
        /// gives read at once.
        #[test]
        fn text_read_in_pieces_as_at_once(
            values in proptest::collection::vec(prop_oneof![8 => 0u32..16, 8 => 0u32..0x8000, 1 => 0x8000u32..0x9000], 0..40),
            cuts in proptest::collection::vec(0usize..40, 0..5),
            valid in any::<bool>(),
        ) {
            let text: String = if valid {
                bytes_to_text(&values.iter().map(|&v| v as u8).collect::<Vec<_>>())
            } else {
                values.iter().map(|&v| char::from_u32(TEXT_BASE + v).unwrap_or('x')).collect()
            };
            let chars: Vec<char> = text.chars().collect();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(chars.len())).collect();
            cuts.sort_unstable();
            let mut reader = TextReader::default();
            let mut from = 0;
            for cut in cuts.into_iter().chain([chars.len()]) {
                reader.read(&chars[from..cut].iter().collect::<String>());
                from = cut;
            }
            prop_assert_eq!(reader.finish(), text_to_bytes(&text));
        }

        #[test]
        fn deflate_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let packed = compress(&bytes);
            prop_assert_eq!(decompress_with_limit(&packed, bytes.len()), Ok(bytes));
        }

        #[test]
        fn unpacking_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = decompress_with_limit(&bytes, 10_000);
        }
    }
}

/// Sizes for the report: `cargo test --release --lib compress::measure -- --ignored --nocapture`.
#[cfg(test)]
mod measure {
    use super::*;
    use crate::domain::{demo::demo_roadmap, file_format::export_json, generate::generate, share_link, stored};

    #[test]
    #[ignore]
    fn measure() {
        let demo = demo_roadmap();
        let link = share_link::encode(&demo);
        println!("demo: share link fragment {} chars", link.len());
        for (name, r) in
            [("demo", demo), ("generate(3, 2000)", generate(3, 2000)), ("generate(3, 20000)", generate(3, 20_000))]
        {
            let pretty = export_json(&r);
            let compact = stored::encode(&r, 1);
            for level in [1u8, 6, 9] {
                let t = std::time::Instant::now();
                let packed = miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), level);
                let took = t.elapsed();
                let t = std::time::Instant::now();
                let back = decompress_with_limit(&packed, 100 << 20).unwrap();
                let took_back = t.elapsed();
                assert_eq!(back.len(), compact.len());
                let text = bytes_to_text(&packed);
                println!(
                    "{name}: pretty file {} B, compact {} B; level {level}: deflate {} B (ratio {:.1}), {:?} to pack, {:?} to unpack; \
                     as base64 {} chars, as 15-bit text {} chars",
                    pretty.len(), compact.len(), packed.len(), compact.len() as f64 / packed.len() as f64, took, took_back,
                    packed.len().div_ceil(3) * 4, text.chars().count()
                );
            }
        }
    }
}
