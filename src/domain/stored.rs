//! What Cairn keeps in the browser's storage: an envelope around the roadmap,
//!
//! ```text
//! {"schema": 1, "revision": 42, "roadmap": { ... }}
//! ```
//!
//! separate from the file format so that the two can evolve apart. `schema` says how the
//! value is laid out; `revision` counts saves (it comes before `roadmap`, so it can be read
//! from the first bytes). A value of an older schema is migrated one schema at a time on
//! reading; a value of a newer schema is refused, never guessed at. Every schema has a sample
//! in `tests/fixtures/stored/`, which must keep decoding.
//!
//! **Packing.** The envelope is stored packed, so that large roadmaps fit the browser's
//! quota (about 5 MB per site): `cairn:z1:<revision>:<CRC-32 of the JSON, hex>:` followed by
//! the JSON deflated and written 15 bits to a character ([`compress::bytes_to_text`]). A
//! 20,000-initiative roadmap takes about a quarter of the quota this way, against 2.4 times
//! the quota as plain JSON. Values written before packing existed (plain JSON) are read as
//! they are.
//!
//! **Parts.** A large value written in steps (`App::save_in_steps`) is stored in parts: the
//! roadmap's key holds a short head, `cairn:p1:<revision>:<writer>:<parts>` ([`PartsHead`]),
//! and the value itself is the text of its parts put together in order, each under its own key
//! (`cairn.parts.<id>.<revision>.<writer>.<n>`, see `persistence`). Writing one part takes a
//! millisecond where writing a few megabytes at once held the page for a frame or two; the
//! head is written last, so the value read is always a whole one.

use super::compress;
use super::file_format::explain;
use super::model::Roadmap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;

/// The storage schema this Cairn writes.
pub const SCHEMA: u32 = 2;

/// A decoded stored roadmap.
#[derive(Clone, PartialEq, Debug)]
pub struct Stored {
    pub roadmap: Roadmap,
    pub revision: u64,
    /// The schema the value was written in, when it was older and has been migrated.
    pub migrated_from: Option<u32>,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u32,
    revision: u64,
    roadmap: &'a Roadmap,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    revision: u64,
    roadmap: Roadmap,
}

/// The envelope as compact JSON.
pub fn encode_json(r: &Roadmap, revision: u64) -> String {
    super::file_format::write_json(&EnvelopeOut { schema: SCHEMA, revision, roadmap: r }, false)
}

/// The envelope as stored: packed (see the module notes).
pub fn encode(r: &Roadmap, revision: u64) -> String {
    pack(&encode_json(r, revision), revision)
}

/// Packs a roadmap for storage a step at a time, so that saving a large landscape never holds
/// the page for long: each [`step`](Packer::step) writes about [`Packer::STEP_BYTES`] of JSON
/// (the roadmap without its landscape, then its applications, technologies and changes a few
/// at a time) and deflates it. The value decodes to the same roadmap as [`encode`]'s (in it
/// the landscape's key comes last, which JSON readers do not mind).
pub struct Packer {
    roadmap: Roadmap,
    revision: u64,
    stage: Stage,
    crc: u32,
    deflater: Option<compress::Deflater>,
    /// JSON written by a step but not yet deflated (from `pending_at` on): the roadmap
    /// without its landscape is written at once, and deflated a step's worth at a time.
    pending: Vec<u8>,
    pending_at: usize,
    packed: Vec<u8>,
    text: String,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Stage {
    Head,
    Applications(usize),
    Technologies(usize),
    Changes(usize),
    Close,
    Text(usize),
    Done,
}

impl Packer {
    /// About this much JSON is written and deflated in one step (a few milliseconds).
    pub const STEP_BYTES: usize = 64 * 1024;

    pub fn new(roadmap: Roadmap, revision: u64) -> Packer {
        Packer {
            roadmap,
            revision,
            stage: Stage::Head,
            crc: 0,
            deflater: Some(compress::Deflater::default()),
            pending: Vec::new(),
            pending_at: 0,
            packed: Vec::new(),
            text: String::new(),
        }
    }

    /// The stored value's text made so far and not taken yet (none before its last stages).
    /// Taken after each step, the pieces and what the last step gives make the value: the
    /// page turns them into its own text a piece at a time, rather than all at once when
    /// writing (`App::save_in_steps`).
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// Does one step; `Some(value)`, the value to store (its rest after [`Packer::take_text`]),
    /// when it was the last.
    pub fn step(&mut self) -> Option<String> {
        if self.pending_at < self.pending.len() {
            let to = (self.pending_at + Self::STEP_BYTES).min(self.pending.len());
            let piece = &self.pending[self.pending_at..to];
            self.crc = compress::crc32_more(self.crc, piece);
            if let Some(deflater) = &mut self.deflater {
                deflater.write(piece);
            }
            self.pending_at = to;
            if to == self.pending.len() {
                (self.pending, self.pending_at) = (Vec::new(), 0);
            }
            return None;
        }
        let mut json = Vec::with_capacity(Self::STEP_BYTES + 4096);
        let l = &self.roadmap.landscape;
        let (apps, techs, changes) = (l.applications.len(), l.technologies.len(), l.changes.len());
        self.stage = match self.stage {
            Stage::Head => {
                let head = Roadmap { landscape: Default::default(), ..self.roadmap.clone() };
                let text = encode_json(&head, self.revision);
                if l.is_empty() {
                    json.extend_from_slice(text.as_bytes());
                    Stage::Text(0)
                } else {
                    // `{"schema":…,"roadmap":{…}}` without its last two braces, then the landscape.
                    let open = &text.as_bytes()[..text.len() - 2];
                    json.extend_from_slice(open);
                    if open.last() != Some(&b'{') {
                        json.push(b',');
                    }
                    json.extend_from_slice(b"\"landscape\":{");
                    Stage::Applications(0)
                }
            }
            Stage::Applications(from) => match write_items(&mut json, "applications", true, from, &l.applications) {
                at if at < apps => Stage::Applications(at),
                _ => Stage::Technologies(0),
            },
            Stage::Technologies(from) => match write_items(&mut json, "technologies", apps == 0, from, &l.technologies)
            {
                at if at < techs => Stage::Technologies(at),
                _ => Stage::Changes(0),
            },
            Stage::Changes(from) => match write_items(&mut json, "changes", apps + techs == 0, from, &l.changes) {
                at if at < changes => Stage::Changes(at),
                _ => Stage::Close,
            },
            Stage::Close => {
                // The landscape, the roadmap and the envelope.
                json.extend_from_slice(b"}}}");
                Stage::Text(0)
            }
            Stage::Text(from) => {
                if let Some(deflater) = self.deflater.take() {
                    self.packed = deflater.finish();
                    let header = format!("{PACKED}{}:{:08x}:", self.revision, self.crc);
                    self.text = header + &compress::text_start(self.packed.len());
                }
                // Whole characters at a time: a multiple of `TEXT_PIECE` bytes.
                let piece = Self::STEP_BYTES / 4 / compress::TEXT_PIECE * compress::TEXT_PIECE;
                let to = (from + piece).min(self.packed.len());
                compress::push_text(&mut self.text, &self.packed[from..to]);
                if to < self.packed.len() {
                    Stage::Text(to)
                } else {
                    self.stage = Stage::Done;
                    return Some(std::mem::take(&mut self.text));
                }
            }
            Stage::Done => Stage::Done,
        };
        if json.len() > 2 * Self::STEP_BYTES {
            // Far more than a step's (the roadmap without its landscape): deflated in the
            // next steps.
            self.pending = json;
            return None;
        }
        if !json.is_empty() {
            self.crc = compress::crc32_more(self.crc, &json);
            if let Some(deflater) = &mut self.deflater {
                deflater.write(&json);
            }
        }
        None
    }
}

/// Writes the items of one landscape list from `from` on, until about a step's JSON is
/// written: `"name":[` before the first (`,` before it unless `first` section), `]` after the
/// last; nothing for an empty list (as `encode` leaves it out). Gives where it stopped.
fn write_items<T: Serialize>(json: &mut Vec<u8>, name: &str, first: bool, from: usize, all: &[T]) -> usize {
    if from == 0 && !all.is_empty() {
        json.extend_from_slice(format!("{}\"{name}\":[", if first { "" } else { "," }).as_bytes());
    }
    let mut at = from;
    while at < all.len() && json.len() < Packer::STEP_BYTES {
        if at > 0 {
            json.push(b',');
        }
        json.extend_from_slice(super::file_format::write_json(&all[at], false).as_bytes());
        at += 1;
    }
    if at == all.len() && !all.is_empty() {
        json.push(b']');
    }
    at
}

/// Reads a stored value a step at a time, so that opening a large landscape never holds the
/// page for long: unpacked about [`Reader::STEP_BYTES`] a step, then its JSON scanned for where
/// the items of the landscape's lists and of the roadmap's capabilities and initiatives are
/// ([`Scan`]), the rest read at once and the items a few a step.
/// Gives exactly what [`decode`] gives for a value it reads; a value not packed (older, plain)
/// or not laid out as Cairn writes it is read by [`decode`] in one step.
pub struct Reader {
    stage: ReadStage,
}

enum ReadStage {
    Start(String),
    /// The stored text turned back into packed bytes, from byte `at` of `raw` on.
    Text {
        raw: String,
        at: usize,
        text: compress::TextReader,
        expected: u32,
    },
    Unpack {
        inflater: compress::Inflater,
        crc: u32,
        expected: u32,
        checked: usize,
    },
    /// The JSON as bytes: its text is checked an item at a time, rather than the whole at
    /// once.
    Scan {
        json: Vec<u8>,
        scan: Scan,
    },
    Items {
        json: Vec<u8>,
        scan: Scan,
        stored: Box<Stored>,
        list: usize,
        next: usize,
    },
    Done,
}

/// Why a packed value is refused: the one wording of every reader of stored values.
pub fn damaged(why: &str) -> String {
    format!("The saved roadmap is damaged ({why}); it cannot be read")
}

impl Reader {
    /// About this much is unpacked, scanned or read in one step.
    pub const STEP_BYTES: usize = 128 * 1024;

    pub fn new(raw: String) -> Reader {
        Reader { stage: ReadStage::Start(raw) }
    }

    /// Does one step; `Some(result)` when it was the last.
    pub fn step(&mut self) -> Option<Result<Stored, String>> {
        match self.next() {
            Ok(Some(stored)) => Some(Ok(stored)),
            Ok(None) => None,
            Err(e) => {
                self.stage = ReadStage::Done;
                Some(Err(e))
            }
        }
    }

    fn next(&mut self) -> Result<Option<Stored>, String> {
        match std::mem::replace(&mut self.stage, ReadStage::Done) {
            ReadStage::Start(raw) => {
                let Some(rest) = raw.strip_prefix(PACKED) else { return decode(&raw).map(Some) };
                let mut parts = rest.splitn(3, ':');
                let (Some(revision), Some(crc), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
                    return Err(damaged("its header is cut off"));
                };
                revision.parse::<u64>().map_err(|_| damaged("its revision is not a number"))?;
                let expected = u32::from_str_radix(crc, 16).map_err(|_| damaged("its checksum is not readable"))?;
                let text = compress::TextReader::with_capacity(body.len() / 3 * 15 / 8);
                let at = raw.len() - body.len();
                self.stage = ReadStage::Text { raw, at, text, expected };
            }
            ReadStage::Text { raw, mut at, mut text, expected } => {
                // Whole characters, about three steps' worth of bytes (three to a character).
                let mut to = (at + 3 * Self::STEP_BYTES).min(raw.len());
                while !raw.is_char_boundary(to) {
                    to += 1;
                }
                text.read(&raw[at..to]);
                at = to;
                if at < raw.len() {
                    self.stage = ReadStage::Text { raw, at, text, expected };
                    return Ok(None);
                }
                let bytes = text.finish().ok_or_else(|| damaged("it holds characters Cairn does not write"))?;
                let inflater = compress::Inflater::new(bytes, MAX_UNPACKED);
                self.stage = ReadStage::Unpack { inflater, crc: 0, expected, checked: 0 };
            }
            ReadStage::Unpack { mut inflater, mut crc, expected, mut checked } => {
                let done = inflater.step(Self::STEP_BYTES).map_err(|e| match e {
                    compress::CompressError::TooLarge { .. } => damaged("it unpacks to more than 256 MB"),
                    _ => damaged("its packed data is broken"),
                })?;
                crc = compress::crc32_more(crc, &inflater.output()[checked..]);
                checked = inflater.output().len();
                if !done {
                    self.stage = ReadStage::Unpack { inflater, crc, expected, checked };
                    return Ok(None);
                }
                if crc != expected {
                    return Err(damaged("its checksum does not match"));
                }
                self.stage = ReadStage::Scan { json: inflater.into_output(), scan: Scan::default() };
            }
            ReadStage::Scan { json, mut scan } => {
                if !scan.step(&json, Self::STEP_BYTES) {
                    self.stage = ReadStage::Scan { json, scan };
                    return Ok(None);
                }
                let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| damaged("it is not text"));
                // The landscape and the roadmap's lists found, in the order they come.
                let mut found: Vec<(usize, usize, &[u8])> =
                    scan.landscape.map(|(from, to)| (from, to, &b"{}"[..])).into_iter().collect();
                found.extend(scan.roadmap_lists.iter().flatten().map(|&(from, to)| (from, to, &b"[]"[..])));
                found.sort_unstable();
                if scan.unusual || !scan.frames.is_empty() || found.is_empty() {
                    return decode_json(&text(json)?).map(Some);
                }
                // The rest at once, each of them found empty in it.
                let mut rest =
                    Vec::with_capacity(json.len() - found.iter().map(|(from, to, _)| to - from).sum::<usize>() + 8);
                let mut at = 0;
                for (from, to, empty) in found {
                    rest.extend_from_slice(&json[at..from]);
                    rest.extend_from_slice(empty);
                    at = to;
                }
                rest.extend_from_slice(&json[at..]);
                let stored = decode_json(&text(rest)?)?;
                if stored.migrated_from.is_some() {
                    // An older schema is migrated whole.
                    return decode_json(&text(json)?).map(Some);
                }
                self.stage = ReadStage::Items { json, scan, stored: Box::new(stored), list: 0, next: 0 };
            }
            ReadStage::Items { json, scan, mut stored, mut list, mut next } => {
                let could_not = |e: serde_json::Error| format!("The saved roadmap could not be read: {}", explain(&e));
                let mut read = 0;
                while list < LISTS && read < Self::STEP_BYTES {
                    let Some(&(from, to)) = scan.items[list].get(next) else {
                        (list, next) = (list + 1, 0);
                        continue;
                    };
                    // Each item's text checked on its own (read as text, as `decode` reads:
                    // reading bytes would bring a second copy of every item's reader).
                    let item = std::str::from_utf8(&json[from..to]).map_err(|_| damaged("it is not text"))?;
                    let r = &mut stored.roadmap;
                    match list {
                        0 => r.landscape.applications.push(serde_json::from_str(item).map_err(could_not)?),
                        1 => r.landscape.technologies.push(serde_json::from_str(item).map_err(could_not)?),
                        2 => r.landscape.changes.push(serde_json::from_str(item).map_err(could_not)?),
                        3 => r.capabilities.push(serde_json::from_str(item).map_err(could_not)?),
                        _ => r.initiatives.push(serde_json::from_str(item).map_err(could_not)?),
                    }
                    read += item.len();
                    next += 1;
                }
                if list < LISTS {
                    self.stage = ReadStage::Items { json, scan, stored, list, next };
                    return Ok(None);
                }
                return Ok(Some(*stored));
            }
            ReadStage::Done => {}
        }
        Ok(None)
    }
}

/// How many lists a [`Scan`] finds the items of.
const LISTS: usize = 5;

/// Finds, a piece at a time, where a stored envelope's landscape is and where each of its
/// applications, technologies and changes, and each of the roadmap's capabilities and
/// initiatives, is in the JSON: only the structure (strings,
/// brackets, braces, commas and colons) is read, not the values. Anything laid out otherwise
/// than Cairn writes it (a list item that is not an object, a list or the landscape twice, a
/// misplaced comma) is `unusual`: then the value is read whole, as [`decode`] reads it.
#[derive(Default)]
struct Scan {
    at: usize,
    in_string: bool,
    string_start: usize,
    frames: Vec<Frame>,
    landscape: Option<(usize, usize)>,
    /// Where the roadmap's capabilities and initiatives lists are (lists 3 and 4).
    roadmap_lists: [Option<(usize, usize)>; 2],
    items: [Vec<(usize, usize)>; LISTS],
    lists_seen: [bool; LISTS],
    /// What may come next in the landscape object.
    landscape_next: LandscapeSyntax,
    unusual: bool,
}

#[derive(Clone, Copy, PartialEq, Debug, Default)]
enum LandscapeSyntax {
    #[default]
    KeyOrEnd,
    Key,
    Colon,
    List,
    CommaOrEnd,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Frame {
    /// An object: where it starts, what it is, the key of its member being read, and whether
    /// a key comes next.
    Object { start: usize, what: Part, key: (usize, usize), expect_key: bool },
    /// An array: where it starts, what it is, and whether an item (not a comma) comes next.
    Array { start: usize, what: Part, expect_item: bool },
}

/// What a container is in the envelope.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Part {
    Envelope,
    Roadmap,
    Landscape,
    /// The applications (0), technologies (1) or changes (2) of the landscape, or the
    /// roadmap's capabilities (3) or initiatives (4).
    List(usize),
    Other,
}

impl Frame {
    fn start(&self) -> usize {
        match *self {
            Frame::Object { start, .. } | Frame::Array { start, .. } => start,
        }
    }
    fn what(&self) -> Part {
        match *self {
            Frame::Object { what, .. } | Frame::Array { what, .. } => what,
        }
    }
}

impl Scan {
    /// Scans about `budget` bytes more of `json`: `true` once all is scanned.
    fn step(&mut self, json: &[u8], budget: usize) -> bool {
        let end = (self.at + budget).min(json.len());
        while self.at < end && !self.unusual {
            if self.in_string {
                match json[self.at..end].iter().position(|&c| c == b'"' || c == b'\\') {
                    None => self.at = end,
                    Some(k) if json[self.at + k] == b'\\' => self.at += k + 2,
                    Some(k) => {
                        self.in_string = false;
                        if let Some(Frame::Object { key, expect_key: true, .. }) = self.frames.last_mut() {
                            *key = (self.string_start, self.at + k);
                        }
                        self.at += k + 1;
                    }
                }
                continue;
            }
            let b = json[self.at];
            if !b.is_ascii_whitespace() && self.in_landscape() {
                self.landscape_syntax(json, b);
            }
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => {}
                b'{' | b'[' => self.open(json, b == b'{'),
                b'}' | b']' => self.close(),
                b',' => match self.frames.last_mut() {
                    Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                    Some(Frame::Array { what: Part::List(_), expect_item, .. }) if !*expect_item => *expect_item = true,
                    Some(Frame::Array { what: Part::List(_), .. }) => self.unusual = true,
                    _ => {}
                },
                b':' => match self.frames.last_mut() {
                    Some(Frame::Object { expect_key, .. }) => *expect_key = false,
                    // Between a list's items ("{…}:,{…}"): not JSON, so not read item by item.
                    Some(Frame::Array { what: Part::List(_), .. }) => self.unusual = true,
                    _ => {}
                },
                _ => {
                    // A value that is not a container: in a list, where Cairn writes objects only.
                    if matches!(self.frames.last(), Some(Frame::Array { what: Part::List(_), .. })) {
                        self.unusual = true;
                    }
                    if b == b'"' {
                        self.in_string = true;
                        self.string_start = self.at + 1;
                    }
                }
            }
            self.at += 1;
        }
        self.at = self.at.min(json.len());
        self.at >= json.len() || self.unusual
    }

    fn in_landscape(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Object { what: Part::Landscape, .. }))
    }

    /// The landscape object's own syntax (its lists' items are read by serde): members
    /// `"name": [ … ]` separated by commas, each a list Cairn writes, nothing else.
    fn landscape_syntax(&mut self, json: &[u8], b: u8) {
        use LandscapeSyntax::*;
        let list_named = |s: &Scan| match s.frames.last() {
            Some(Frame::Object { key, .. }) => {
                matches!(&json[key.0..key.1], b"applications" | b"technologies" | b"changes")
            }
            _ => false,
        };
        self.landscape_next = match (self.landscape_next, b) {
            (KeyOrEnd | Key, b'"') => Colon,
            (Colon, b':') => List,
            (List, b'[') if list_named(self) => CommaOrEnd,
            (CommaOrEnd, b',') => Key,
            (KeyOrEnd | CommaOrEnd, b'}') => KeyOrEnd,
            _ => {
                self.unusual = true;
                KeyOrEnd
            }
        };
    }

    fn open(&mut self, json: &[u8], object: bool) {
        let what = match self.frames.last_mut() {
            None => Part::Envelope,
            Some(Frame::Array { what: Part::List(_), expect_item, .. }) => {
                if !object || !*expect_item {
                    self.unusual = true;
                }
                *expect_item = false;
                Part::Other
            }
            Some(Frame::Object { what, key, .. }) => match (*what, &json[key.0..key.1], object) {
                (Part::Envelope, b"roadmap", true) => Part::Roadmap,
                (Part::Roadmap, b"landscape", true) => Part::Landscape,
                (Part::Landscape, b"applications", false) => Part::List(0),
                (Part::Landscape, b"technologies", false) => Part::List(1),
                (Part::Landscape, b"changes", false) => Part::List(2),
                (Part::Roadmap, b"capabilities", false) => Part::List(3),
                (Part::Roadmap, b"initiatives", false) => Part::List(4),
                _ => Part::Other,
            },
            Some(Frame::Array { .. }) => Part::Other,
        };
        if let Part::List(w) = what {
            if std::mem::replace(&mut self.lists_seen[w], true) {
                self.unusual = true;
            }
        }
        let start = self.at;
        self.frames.push(if object {
            Frame::Object { start, what, key: (0, 0), expect_key: true }
        } else {
            Frame::Array { start, what, expect_item: true }
        });
    }

    fn close(&mut self) {
        let Some(frame) = self.frames.pop() else {
            self.unusual = true;
            return;
        };
        let span = (frame.start(), self.at + 1);
        match frame {
            // `[]` or the last item before `]`; never `[a,]`.
            Frame::Array { what: Part::List(_), expect_item: true, .. } if !self.items_of(frame).is_empty() => {
                self.unusual = true
            }
            _ => {}
        }
        if frame.what() == Part::Landscape && self.landscape.replace(span).is_some() {
            self.unusual = true;
        }
        if let Part::List(w @ 3..) = frame.what() {
            self.roadmap_lists[w - 3] = Some(span);
        }
        if let Some(Frame::Array { what: Part::List(w), .. }) = self.frames.last() {
            self.items[*w].push(span);
        }
    }

    fn items_of(&self, frame: Frame) -> &[(usize, usize)] {
        match frame.what() {
            Part::List(w) => &self.items[w],
            _ => &[],
        }
    }
}

/// Starts every packed value.
pub const PACKED: &str = "cairn:z1:";
/// Unpacking stops here: far above any real roadmap (20,000 initiatives are about 13 MB).
const MAX_UNPACKED: usize = 256 * 1024 * 1024;

/// `json` (an envelope with `revision`) packed for storage.
pub fn pack(json: &str, revision: u64) -> String {
    let crc = compress::crc32(json.as_bytes());
    format!("{PACKED}{revision}:{crc:08x}:{}", compress::bytes_to_text(&compress::compress_fast(json.as_bytes())))
}

/// The JSON of a stored value: unpacked (and checked) when packed, as it is when plain.
pub fn unpack(text: &str) -> Result<Cow<'_, str>, String> {
    let Some(rest) = text.strip_prefix(PACKED) else { return Ok(Cow::Borrowed(text)) };
    let mut parts = rest.splitn(3, ':');
    let (Some(revision), Some(crc), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(damaged("its header is cut off"));
    };
    revision.parse::<u64>().map_err(|_| damaged("its revision is not a number"))?;
    let crc = u32::from_str_radix(crc, 16).map_err(|_| damaged("its checksum is not readable"))?;
    let bytes = compress::text_to_bytes(body).ok_or_else(|| damaged("it holds characters Cairn does not write"))?;
    let json = compress::decompress_with_limit(&bytes, MAX_UNPACKED).map_err(|e| match e {
        compress::CompressError::TooLarge { .. } => damaged("it unpacks to more than 256 MB"),
        _ => damaged("its packed data is broken"),
    })?;
    if compress::crc32(&json) != crc {
        return Err(damaged("its checksum does not match"));
    }
    String::from_utf8(json).map(Cow::Owned).map_err(|_| damaged("it is not text"))
}

/// Starts the head of a value stored in parts (see the module notes).
pub const IN_PARTS: &str = "cairn:p1:";

/// The head of a value stored in parts: which save wrote it (`revision`, and `writer`, a tag
/// of the tab that wrote it, so that two tabs writing the same revision never share parts)
/// and how many parts it has.
#[derive(Clone, PartialEq, Debug)]
pub struct PartsHead {
    pub revision: u64,
    pub writer: String,
    pub parts: usize,
}

impl PartsHead {
    /// The head a stored value starts with, when it is one (else `None`: a whole value).
    pub fn parse(raw: &str) -> Option<PartsHead> {
        let mut fields = raw.strip_prefix(IN_PARTS)?.split(':');
        let revision = fields.next()?.parse().ok()?;
        let writer = fields.next()?;
        let parts = fields.next()?.parse().ok()?;
        let plain = !writer.is_empty() && writer.bytes().all(|b| b.is_ascii_alphanumeric());
        (fields.next().is_none() && plain && parts > 0).then(|| PartsHead { revision, writer: writer.into(), parts })
    }

    /// The head as stored.
    pub fn text(&self) -> String {
        format!("{IN_PARTS}{}:{}:{}", self.revision, self.writer, self.parts)
    }
}

/// The revision of a stored value, read from its first characters without unpacking or
/// parsing it all (packed, plain or the head of one in parts).
pub fn peek_revision(raw: &str) -> Option<u64> {
    if let Some(rest) = raw.strip_prefix(PACKED).or_else(|| raw.strip_prefix(IN_PARTS)) {
        return rest.split(':').next()?.parse().ok();
    }
    let end = (0..=raw.len().min(200)).rev().find(|&i| raw.is_char_boundary(i)).unwrap_or(0);
    let head = &raw[..end];
    let at = head.find("\"revision\":")? + "\"revision\":".len();
    let digits: String = head[at..].trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Reads a stored envelope, migrating older schemas. Never panics, whatever the text.
///
/// The current schema is parsed straight from the text; only an older one goes through a
/// `Value` (migrated, written out, parsed again), so the model's deserializer exists once in
/// the wasm and the common case parses once.
pub fn decode(text: &str) -> Result<Stored, String> {
    decode_json(&unpack(text)?)
}

/// [`decode`] of an unpacked (or plain) value.
fn decode_json(text: &str) -> Result<Stored, String> {
    let not_cairn = "This saved value is not a Cairn roadmap";
    #[derive(Deserialize)]
    struct Head {
        schema: Option<Value>,
    }
    if !text.trim_start().starts_with('{') {
        // Not an object: say whether it is JSON at all.
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => format!("{not_cairn} (it has no \"schema\")"),
            Err(e) => format!("{not_cairn} (it is not valid JSON: {})", explain(&e)),
        });
    }
    let head: Head = match serde_json::from_str(text) {
        Ok(h) => h,
        Err(e) if e.is_data() => Head { schema: None },
        Err(e) => return Err(format!("{not_cairn} (it is not valid JSON: {})", explain(&e))),
    };
    let schema = match head.schema {
        None => return Err(format!("{not_cairn} (it has no \"schema\")")),
        Some(s) => s.as_u64().filter(|&s| s >= 1).ok_or_else(|| format!("{not_cairn} (its schema is {s})"))?,
    };
    if schema > SCHEMA.into() {
        return Err(format!(
            "This roadmap was saved by a newer Cairn (storage schema {schema}); this Cairn reads schema {SCHEMA} and older. \
             Open it in the newer Cairn, or export it there and import the file here."
        ));
    }
    let schema = schema as u32;
    let migrated;
    let current = if schema < SCHEMA {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("{not_cairn} ({})", explain(&e)))?;
        migrated = upgrade(value, schema, SCHEMA, migrate)?.to_string();
        migrated.as_str()
    } else {
        text
    };
    let envelope: EnvelopeIn =
        serde_json::from_str(current).map_err(|e| format!("The saved roadmap could not be read: {}", explain(&e)))?;
    Ok(Stored {
        roadmap: envelope.roadmap,
        revision: envelope.revision,
        migrated_from: (schema < SCHEMA).then_some(schema),
    })
}

/// One migration step: turns a value of `schema` into one of `schema + 1`.
///
/// Add a step here with each new schema (`1 => v1_to_v2(value)`), keep the steps of older
/// schemas, and add `tests/fixtures/stored/schema-<new>.json`.
fn migrate(schema: u32, value: Value) -> Result<Value, String> {
    match schema {
        // Schema 2 added the landscape (file format version 2): a schema-1 roadmap has none
        // and reads as it is, with an empty landscape. The new schema keeps an older Cairn
        // (another tab, a cached copy) from opening and saving back a roadmap without it.
        1 => Ok(value),
        _ => {
            drop(value);
            Err(format!("there is no migration from storage schema {schema}"))
        }
    }
}

/// Brings `value` from `schema` up to `target`, one `step` at a time, setting `"schema"` after
/// each step.
fn upgrade(
    mut value: Value,
    schema: u32,
    target: u32,
    step: impl Fn(u32, Value) -> Result<Value, String>,
) -> Result<Value, String> {
    for from in schema..target {
        let failed = |e: String| {
            format!("This roadmap was saved by an older Cairn (storage schema {from}) and could not be updated: {e}")
        };
        value = step(from, value).map_err(failed)?;
        let Some(envelope) = value.as_object_mut() else {
            return Err(failed("the migration did not produce an object".into()));
        };
        envelope.insert("schema".into(), (from + 1).into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::file_format::testing;
    use crate::domain::validate::validate;
    use proptest::prelude::*;
    use serde_json::json;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored");

    /// What `step` gives once it gives something, and how many steps that took.
    fn run_steps<T>(mut step: impl FnMut() -> Option<T>) -> (T, usize) {
        let mut steps = 1;
        loop {
            if let Some(done) = step() {
                return (done, steps);
            }
            steps += 1;
        }
    }

    fn packed_in_steps(r: &Roadmap, revision: u64) -> (String, usize) {
        let mut packer = Packer::new(r.clone(), revision);
        run_steps(|| packer.step())
    }

    fn read_in_steps(raw: String) -> (Result<Stored, String>, usize) {
        let mut reader = Reader::new(raw);
        run_steps(|| reader.step())
    }

    /// The demo, no roadmap at all, the demo without its landscape, and the demo with each
    /// combination of its landscape's lists emptied.
    fn landscape_cases() -> Vec<Roadmap> {
        let demo = crate::domain::demo::demo_roadmap();
        let mut cases = vec![demo.clone(), Roadmap::default(), crate::domain::demo::demo_plan()];
        for keep in 0..7u8 {
            let mut r = demo.clone();
            if keep & 1 == 0 {
                r.landscape.applications.clear();
            }
            if keep & 2 == 0 {
                r.landscape.technologies.clear();
            }
            if keep & 4 == 0 {
                r.landscape.changes.clear();
            }
            cases.push(r);
        }
        cases
    }

    /// Packing in steps stores what packing at once stores: the same roadmap comes back, for
    /// landscapes with any of their lists empty, and a large one takes many small steps.
    #[test]
    fn packed_in_steps_reads_back_as_packed_at_once() {
        for r in &landscape_cases() {
            let (value, _) = packed_in_steps(r, 7);
            assert!(value.starts_with("cairn:z1:7:"));
            assert_eq!(peek_revision(&value), Some(7));
            let back = decode(&value).expect("reads back");
            assert_eq!(back, decode(&encode(r, 7)).unwrap());
            assert_eq!(back.roadmap, *r);
        }
        let large = crate::domain::landscape::generate::generate(1, crate::domain::landscape::generate::scaled(500));
        let (value, steps) = packed_in_steps(&large, 3);
        assert!(steps > 10, "{steps} steps");
        assert_eq!(decode(&value).unwrap().roadmap, large);
        // The text taken a piece at a time after each step, then the rest, is the same value.
        let mut packer = Packer::new(large.clone(), 3);
        let mut pieces = Vec::new();
        let rest = run_steps(|| {
            let last = packer.step();
            pieces.push(packer.take_text());
            last
        })
        .0;
        assert!(pieces.iter().filter(|p| !p.is_empty()).count() > 2, "taken in pieces");
        assert_eq!(pieces.concat() + &rest, value);
        // A roadmap whose part outside the landscape is far more than a step's JSON: that
        // part is deflated over several steps, and the value is the same.
        let mut wide = crate::domain::demo::demo_roadmap();
        let template = (*wide.capabilities[0]).clone();
        for k in 0..3000 {
            let name = format!("Capability {k} with a long name to make the roadmap's head large");
            let c =
                crate::domain::model::Capability { id: format!("wide-{k}"), name, parent: None, ..template.clone() };
            wide.capabilities.push(std::sync::Arc::new(c));
        }
        assert!(
            encode_json(&Roadmap { landscape: Default::default(), ..wide.clone() }, 5).len() > 3 * Packer::STEP_BYTES
        );
        let (value, _) = packed_in_steps(&wide, 5);
        assert_eq!(decode(&value).unwrap(), decode(&encode(&wide, 5)).unwrap());
    }

    /// Reading in steps gives what reading at once gives: packed at once or in steps, with
    /// any of the landscape's or the roadmap's lists empty, and a large landscape or plan in
    /// many small steps.
    #[test]
    fn read_in_steps_as_read_at_once() {
        let demo = crate::domain::demo::demo_roadmap();
        for r in &landscape_cases() {
            for value in [encode(r, 4), packed_in_steps(r, 4).0, encode_json(r, 4)] {
                let (stepped, _) = read_in_steps(value.clone());
                assert_eq!(stepped, decode(&value));
                assert_eq!(stepped.unwrap().roadmap, *r);
            }
        }
        let large = crate::domain::landscape::generate::generate(2, crate::domain::landscape::generate::scaled(500));
        let (stepped, steps) = read_in_steps(encode(&large, 9));
        assert!(steps > 10, "{steps} steps");
        assert_eq!(stepped.unwrap().roadmap, large);
        // The roadmap's own capabilities and initiatives a few a step too, with a landscape or
        // without one, and either list empty.
        let plan = crate::domain::generate::generate(3, 3_000);
        assert!(plan.landscape.is_empty());
        let (stepped, steps) = read_in_steps(encode(&plan, 9));
        assert!(steps > 10, "{steps} steps");
        assert_eq!(stepped.unwrap().roadmap, plan);
        for r in [
            Roadmap { capabilities: Vec::new(), ..demo.clone() },
            Roadmap { initiatives: Vec::new(), ..demo.clone() },
            Roadmap { capabilities: Vec::new(), initiatives: Vec::new(), ..plan },
        ] {
            let value = encode(&r, 4);
            assert_eq!(read_in_steps(value.clone()).0, decode(&value));
            assert_eq!(read_in_steps(value).0.unwrap().roadmap, r);
        }
        // Damage is found as at once.
        let value = encode(&demo, 4);
        let cut = value.chars().take(value.chars().count() - 40).collect::<String>();
        assert_eq!(read_in_steps(cut.clone()).0, decode(&cut));
        assert!(read_in_steps(cut).0.is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// The scan of the layout never lets through what reading at once refuses,
        /// and reads what it lets through the same: the demo's JSON with a few characters
        /// changed, packed (so that its checksum matches) and read both ways.
        #[test]
        fn read_in_steps_agrees_with_read_at_once_on_changed_text(
            changes in proptest::collection::vec((0usize..100_000, 0usize..12), 1..4)
        ) {
            let mut json = encode_json(&crate::domain::demo::demo_roadmap(), 3).into_bytes();
            let start = json.windows(15).position(|w| w == b"\"capabilities\":").unwrap();
            for (at, what) in changes {
                // The changes from the roadmap's lists on, where the scan reads.
                let at = start + at % (json.len() - start);
                let put = [b',', b'[', b']', b'{', b'}', b'"', b':', b' ', b'1', b'n'];
                match what {
                    0 | 1 => { json.remove(at); }
                    w => json.insert(at, put[w - 2]),
                }
            }
            let Ok(json) = String::from_utf8(json) else { return Ok(()) };
            let value = pack(&json, 3);
            let (stepped, _) = read_in_steps(value.clone());
            let whole = decode(&value);
            match (&stepped, &whole) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                _ => prop_assert!(false, "in steps {:?}, at once {:?}", stepped.is_ok(), whole.is_ok()),
            }
        }
    }

    /// Every sample in tests/fixtures/stored/ (schema-<n>.json) decodes, migrated from its
    /// schema, into a valid roadmap; and every schema up to today's has a sample.
    #[test]
    fn every_stored_sample_still_decodes() {
        let mut schemas = Vec::new();
        for entry in std::fs::read_dir(FIXTURES).expect("the fixtures folder exists") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let schema: u32 = name
                .strip_prefix("schema-")
                .and_then(|n| n.strip_suffix(".json"))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{name}: fixtures are named schema-<n>.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            let stored = decode(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(stored.migrated_from, (schema < SCHEMA).then_some(schema), "{name}");
            let errors: Vec<_> = validate(&stored.roadmap).into_iter().filter(|p| p.is_error()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert!(
                !stored.roadmap.initiatives.is_empty() && !stored.roadmap.capabilities.is_empty(),
                "{name} is realistic"
            );
            let again = decode(&encode(&stored.roadmap, stored.revision)).unwrap();
            assert_eq!((again.roadmap, again.revision, again.migrated_from), (stored.roadmap, stored.revision, None));
            schemas.push(schema);
        }
        schemas.sort();
        assert_eq!(schemas, (1..=SCHEMA).collect::<Vec<_>>(), "one sample per schema");
    }

    /// Schema 1 was saved before scoring existed: it takes the scoring defaults.
    #[test]
    fn the_schema_1_sample_takes_the_scoring_defaults() {
        use crate::domain::model::{FundingLock, Scoring, ScoringInputs};
        let stored = decode(&std::fs::read_to_string(format!("{FIXTURES}/schema-1.json")).unwrap()).unwrap();
        assert_eq!(stored.roadmap.scoring, Scoring::default());
        assert!(stored
            .roadmap
            .initiatives
            .iter()
            .all(|i| i.scoring == ScoringInputs::default() && i.funding_lock == FundingLock::None));
    }

    /// Schema 1 was saved before the landscape existed: it reads with an empty one (and is
    /// written back as schema 2); the schema-2 sample keeps its landscape.
    #[test]
    fn the_schema_1_sample_has_an_empty_landscape_and_schema_2_keeps_it() {
        let old = decode(&std::fs::read_to_string(format!("{FIXTURES}/schema-1.json")).unwrap()).unwrap();
        assert!(old.roadmap.landscape.is_empty());
        assert!(encode_json(&old.roadmap, 1).starts_with("{\"schema\":2,"));
        let new = decode(&std::fs::read_to_string(format!("{FIXTURES}/schema-2.json")).unwrap()).unwrap();
        assert!(!new.roadmap.landscape.applications.is_empty() && !new.roadmap.landscape.changes.is_empty());
    }

    /// The head of a value in parts reads back as written, gives its revision like a whole
    /// value's, and anything else (a whole value, a damaged head) is not taken for one.
    #[test]
    fn a_parts_head_reads_back_and_nothing_else_is_taken_for_one() {
        let head = PartsHead { revision: 12, writer: "a1b2".into(), parts: 14 };
        assert_eq!(head.text(), "cairn:p1:12:a1b2:14");
        assert_eq!(PartsHead::parse(&head.text()), Some(head.clone()));
        assert_eq!(peek_revision(&head.text()), Some(12));
        for not_one in [
            "cairn:z1:12:0a1b2c3d:丁",
            "{\"schema\":2,\"revision\":3}",
            "cairn:p1:12:a1b2",
            "cairn:p1:12:a1b2:0",
            "cairn:p1:12::3",
            "cairn:p1:12:a.b:3",
            "cairn:p1:x:a1b2:3",
            "cairn:p1:12:a1b2:3:9",
            "cairn:p1:12:a1b2:-1",
        ] {
            assert_eq!(PartsHead::parse(not_one), None, "{not_one}");
        }
    }

    proptest! {
        #[test]
        fn parts_heads_read_back_and_any_text_is_read_without_panicking(
            revision in any::<u64>(), writer in "[a-z0-9]{1,12}", parts in 1usize..10_000, text in ".{0,40}"
        ) {
            let head = PartsHead { revision, writer, parts };
            prop_assert_eq!(PartsHead::parse(&head.text()), Some(head));
            let _ = PartsHead::parse(&format!("{IN_PARTS}{text}"));
        }
    }

    #[test]
    fn stores_packed_and_reads_plain_values_of_older_versions_too() {
        let r = crate::domain::demo::demo_roadmap();
        let packed = encode(&r, 7);
        assert!(packed.starts_with("cairn:z1:7:"), "{}", &packed[..20]);
        assert_eq!(peek_revision(&packed), Some(7));
        assert_eq!(decode(&packed).unwrap(), Stored { roadmap: r.clone(), revision: 7, migrated_from: None });
        // Packed, the demo takes a fraction of its JSON's characters.
        let json = encode_json(&r, 7);
        assert!(
            packed.chars().count() * 6 < json.chars().count(),
            "{} vs {}",
            packed.chars().count(),
            json.chars().count()
        );
        // What an earlier Cairn wrote (plain JSON) reads as it is.
        assert_eq!(decode(&json).unwrap().roadmap, r);
        assert_eq!(peek_revision(&json), Some(7));
    }

    #[test]
    fn a_damaged_packed_value_is_refused_never_misread() {
        let packed = encode(&crate::domain::demo::demo_roadmap(), 3);
        let chars: Vec<char> = packed.chars().collect();
        // Cut anywhere: refused.
        for cut in (0..chars.len()).step_by(97).chain([chars.len() - 1]) {
            let text: String = chars[..cut].iter().collect();
            assert!(decode(&text).is_err(), "cut at {cut} was read");
        }
        // Any one character changed: refused (the checksum or the deflate stream catches it).
        let head = packed.find(':').unwrap();
        for at in (head..chars.len()).step_by(53) {
            let mut c = chars.clone();
            c[at] = if c[at] == '\u{4E00}' { '\u{4E01}' } else { '\u{4E00}' };
            let text: String = c.into_iter().collect();
            if text != packed {
                let e = decode(&text).unwrap_err();
                assert!(
                    e.starts_with("The saved roadmap is damaged") || e.contains("not a Cairn roadmap"),
                    "{at}: {e}"
                );
            }
        }
        for (text, says) in [
            ("cairn:z1:", "header is cut off"),
            ("cairn:z1:x:0:", "revision is not a number"),
            ("cairn:z1:1:zz:", "checksum is not readable"),
            ("cairn:z1:1:0:abc", "characters Cairn does not write"),
        ] {
            let e = decode(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
    }

    /// Issue 9: 20,000 initiatives fit in the quota next to the demo, with room to spare.
    #[test]
    fn twenty_thousand_initiatives_fit_next_to_the_demo() {
        let big = crate::domain::generate::generate(11, 20_000);
        let t = std::time::Instant::now();
        let packed = encode(&big, 1);
        let packing = t.elapsed();
        let demo = encode(&crate::domain::demo::demo_roadmap(), 1);
        // localStorage counts UTF-16 code units; every packed character is one.
        let used = packed.encode_utf16().count() + demo.encode_utf16().count();
        println!(
            "20,000 initiatives: JSON {} chars, packed {} chars ({:.0}% of the quota with the demo), packed in {packing:?} (debug build)",
            encode_json(&big, 1).len(),
            packed.chars().count(),
            100.0 * used as f64 / compress::LOCAL_STORAGE_QUOTA as f64
        );
        assert!(used * 2 < compress::LOCAL_STORAGE_QUOTA, "{used}");
        let t = std::time::Instant::now();
        let back = decode(&packed).unwrap();
        println!("unpacked and read in {:?} (debug build)", t.elapsed());
        assert_eq!(back.roadmap, big);
    }

    #[test]
    fn encodes_a_compact_envelope_with_the_revision_first() {
        let r = Roadmap { name: "Plan".into(), ..Roadmap::default() };
        let text = encode_json(&r, 42);
        assert!(text.starts_with("{\"schema\":2,\"revision\":42,\"roadmap\":{\"name\":\"Plan\""), "{text}");
        assert!(!text.contains('\n'));
        assert_eq!(decode(&text).unwrap(), Stored { roadmap: r, revision: 42, migrated_from: None });
        assert_eq!(decode(&encode(&Roadmap::default(), u64::MAX)).unwrap().revision, u64::MAX);
    }

    #[test]
    fn refuses_what_is_not_a_cairn_value() {
        for (text, says) in [
            ("", "not valid JSON"),
            ("hello", "not valid JSON: line 1, column 1"),
            ("[1,2]", "it has no \"schema\""),
            ("42", "it has no \"schema\""),
            ("{\"format\":\"cairn-roadmap\",\"version\":1,\"roadmap\":{}}", "it has no \"schema\""),
            ("{\"schema\":\"one\",\"revision\":1,\"roadmap\":{}}", "its schema is \"one\""),
            ("{\"schema\":0,\"revision\":1,\"roadmap\":{}}", "its schema is 0"),
            ("{\"schema\":-1}", "its schema is -1"),
        ] {
            let e = decode(text).unwrap_err();
            assert!(e.starts_with("This saved value is not a Cairn roadmap") && e.contains(says), "{text}: {e}");
        }
        let e = decode("{\"schema\":2,\"revision\":1,\"roadmap\":{\"goals\":3}}").unwrap_err();
        assert!(
            e.starts_with("The saved roadmap could not be read: line 1, column 45: found the number 3 where a list"),
            "{e}"
        );
        let e = decode("{\"schema\":1,\"roadmap\":{}}").unwrap_err();
        assert!(e.contains("the field \"revision\" is missing"), "{e}");
    }

    #[test]
    fn refuses_a_newer_schema() {
        let e = decode("{\"schema\":3,\"revision\":1,\"roadmap\":{\"anything\":true}}").unwrap_err();
        assert!(
            e.starts_with(
                "This roadmap was saved by a newer Cairn (storage schema 3); this Cairn reads schema 2 and older."
            ),
            "{e}"
        );
        assert!(decode("{\"schema\":99999999999,\"revision\":1}").unwrap_err().contains("newer Cairn"));
    }

    #[test]
    fn there_is_no_migration_beyond_the_current_schema() {
        assert!(migrate(SCHEMA, json!({})).is_err());
        for schema in 1..SCHEMA {
            let sample = std::fs::read_to_string(format!("{FIXTURES}/schema-{schema}.json")).unwrap();
            assert!(migrate(schema, serde_json::from_str(&sample).unwrap()).is_ok(), "schema {schema} migrates");
        }
    }

    /// The migration chain with made-up schemas: 1 named the roadmap "title", 2 had no
    /// currency (it was always USD then).
    #[test]
    fn migrations_run_in_order_one_schema_at_a_time() {
        let step = |schema: u32, mut v: Value| -> Result<Value, String> {
            let roadmap = v["roadmap"].as_object_mut().ok_or("no roadmap")?;
            match schema {
                1 => {
                    let title = roadmap.remove("title").ok_or("no title")?;
                    roadmap.insert("name".into(), title);
                }
                2 => {
                    assert_eq!(v["schema"], 2, "each step sees the schema it migrates from");
                    v["roadmap"]["currency"] = "USD".into();
                }
                _ => return Err(format!("no migration from {schema}")),
            }
            Ok(v)
        };
        let v1 = json!({"schema": 1, "revision": 3, "roadmap": {"title": "Old plan"}});
        let v3 = upgrade(v1, 1, 3, step).unwrap();
        assert_eq!(v3, json!({"schema": 3, "revision": 3, "roadmap": {"name": "Old plan", "currency": "USD"}}));
        let stored = EnvelopeIn::deserialize(v3).unwrap();
        assert_eq!((stored.roadmap.name.as_str(), stored.roadmap.currency.as_str()), ("Old plan", "USD"));

        let e = upgrade(json!({"schema": 1, "roadmap": {}}), 1, 3, step).unwrap_err();
        assert_eq!(e, "This roadmap was saved by an older Cairn (storage schema 1) and could not be updated: no title");
        let e = upgrade(json!({"schema": 1}), 1, 2, |_, _| Ok(json!([]))).unwrap_err();
        assert!(e.ends_with("the migration did not produce an object"), "{e}");
        assert_eq!(upgrade(json!({"schema": 1}), 1, 1, step).unwrap(), json!({"schema": 1}), "nothing to do");
    }

    proptest! {
        #[test]
        fn decoding_never_panics(text in "(?s).{0,300}") {
            let _ = decode(&text);
        }

        #[test]
        fn decoding_never_panics_on_envelope_like_text(
            schema in "1|2|-?[0-9.e]{0,6}|\"[a-z]{0,3}\"|null",
            revision in "[-0-9a-z.\"]{0,8}",
            roadmap in "[\\[\\]{}\"a-z:,0-9 ]{0,40}",
        ) {
            let _ = decode(&format!("{{\"schema\":{schema},\"revision\":{revision},\"roadmap\":{roadmap}}}"));
        }

        #[test]
        fn any_valid_roadmap_round_trips(r in testing::roadmap(), revision in any::<u64>()) {
            let stored = decode(&encode(&r, revision)).map_err(TestCaseError::fail)?;
            prop_assert_eq!(stored, Stored { roadmap: r, revision, migrated_from: None });
        }
    }
}
