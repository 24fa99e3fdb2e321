//! Fuzzing every parser of outside data — the JSON file, stored values (packed and plain,
//! with migration), spreadsheets (CSV), ArchiMate exchange XML, Archi's CSV export and share
//! links — with mutated inputs grown from the seed corpus in `tests/fuzz-corpus/<parser>/`.
//!
//! Each input must give `Ok` or `Err`: no panic (proptest reports the input, shrunk), no
//! hang (a watchdog of 30 s per input — far above any real parse; this is not a speed
//! check), and bounded memory (at most 64 MB plus 64 times the input, measured by a counting
//! allocator on the thread that parses).
//!
//! The test command runs a short round (`CAIRN_FUZZ_CASES`, default 200 inputs per parser).
//! A long run: `CAIRN_FUZZ_CASES=20000 cargo test --release --lib fuzz -- --nocapture`
//! (see README). An input that ever failed belongs in the corpus folder of its parser, so
//! every later run tries it first.

use crate::domain::{archimate, file_format, share_link, spreadsheet, stored};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

// ---- bounded memory: a counting allocator (test builds only) -----------------------------

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let _ = LIVE.try_with(|l| {
                let now = l.get() + layout.size();
                l.set(now);
                let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
            });
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(layout.size())));
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `parse` on `input`, returning the most memory it held at once beyond what was live
/// before, and failing on a hang.
fn measured(input_len: usize, parse: impl FnOnce()) -> Result<(), TestCaseError> {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let t = Instant::now();
    parse();
    let took = t.elapsed();
    let peak = PEAK.with(Cell::get).saturating_sub(base);
    let limit = 64 * 1024 * 1024 + 64 * input_len;
    prop_assert!(took < Duration::from_secs(30), "an input of {input_len} bytes hung the parser for {took:?}");
    prop_assert!(peak <= limit, "an input of {input_len} bytes took {peak} bytes of memory (limit {limit})");
    Ok(())
}

// ---- the corpus and mutations ------------------------------------------------------------

fn corpus(parser: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus").join(parser);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus {} is missing: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let seeds: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
    Truncate(usize),
    /// Put in a token parsers care about.
    Token(usize, usize),
}

const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"<",
    b">",
    b"</",
    b"/>",
    b"&",
    b"&#x",
    b"<!--",
    b"<![CDATA[",
    b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>",
    b"\r\n",
    b"\n",
    b";",
    b"\t",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"1e999999",
    b"-0",
    b"18446744073709551616",
    b"null",
    b"true",
    b"9999-99",
    b"2026-13",
    b"NaN",
    b"cairn:z1:",
    b"#share=1",
    b"\xe4\xb8\x80",
    b"\xf0\x9f\x98\x80",
    b"xsi:type=\"Capability\"",
    b"identifier=\"",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16)).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), 1..256usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 1..512usize, any::<usize>()).prop_map(|(a, n, b)| Mutation::Duplicate(a, n, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Mutation::Token(a, t)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let at = |a: usize| if len == 0 { 0 } else { a % (len + 1) };
        match m {
            Mutation::Flip(a, b) if len > 0 => bytes[a % len] ^= b.max(&1),
            Mutation::Flip(..) => {}
            Mutation::Insert(a, b) => {
                let i = at(*a);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(a, n) => {
                let i = at(*a);
                bytes.drain(i..(i + n).min(len));
            }
            Mutation::Duplicate(a, n, b) => {
                let i = at(*a);
                let piece: Vec<u8> = bytes[i..(i + n).min(len)].to_vec();
                let j = at(*b);
                bytes.splice(j..j, piece);
            }
            Mutation::Truncate(a) => bytes.truncate(at(*a)),
            Mutation::Token(a, t) => {
                let i = at(*a);
                bytes.splice(i..i, TOKENS[*t].iter().copied());
            }
        }
    }
    bytes
}

/// Feeds `parse` mutated seeds of `parser`'s corpus (and each seed as it is first).
fn fuzz(parser: &str, parse: impl Fn(&[u8])) {
    let seeds = corpus(parser);
    for seed in &seeds {
        measured(seed.len(), || parse(seed)).unwrap_or_else(|e| panic!("{parser}: a seed failed: {e}"));
    }
    let cases = std::env::var("CAIRN_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..8));
    let t = Instant::now();
    let result = runner.run(&strategy, |(seed, mutations)| {
        let input = apply(seeds[seed].clone(), &mutations);
        measured(input.len(), || parse(&input))
    });
    println!("fuzz {parser}: {cases} inputs in {:?}", t.elapsed());
    if let Err(e) = result {
        panic!("{parser}: {e}");
    }
}

#[test]
fn the_memory_bound_is_measured_and_enforced() {
    // Within the bound: fine. Holding 100 MB at once for a 10-byte input: refused.
    assert!(measured(10, || drop(vec![1u8; 1024 * 1024])).is_ok());
    let e = measured(10, || drop(std::hint::black_box(vec![1u8; 100 * 1024 * 1024]))).unwrap_err();
    assert!(e.to_string().contains("bytes of memory"), "{e}");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fuzz_the_json_file_import() {
    fuzz("json", |b| drop(file_format::import_json(&text(b))));
}

#[test]
fn fuzz_stored_values_and_their_migration() {
    fuzz("stored", |b| drop(stored::decode(&text(b))));
}

#[test]
fn fuzz_spreadsheet_import_with_preview() {
    let r = crate::domain::demo::demo_roadmap();
    fuzz("csv", |b| {
        if let Ok(parsed) = spreadsheet::parse(b) {
            let table = spreadsheet::Table::guess("import.csv", &parsed.headers).unwrap_or(spreadsheet::Table::ALL[2]);
            let mapping = spreadsheet::propose_mapping(table, &parsed.headers);
            drop(spreadsheet::preview(&r, table, &parsed, &mapping));
        }
    });
}

#[test]
fn fuzz_landscape_spreadsheet_import() {
    // Each landscape table, with the choices the preview offers (duplicates skipped, a month
    // for lifecycle stages), over Cairn's, ServiceNow's and LeanIX's files.
    let r = crate::domain::demo::demo_roadmap();
    let options = spreadsheet::ImportOptions {
        duplicates: spreadsheet::Duplicates::Skip,
        today: Some(crate::domain::Month { year: 2026, month: 12 }),
    };
    fuzz("csv-landscape", |b| {
        if let Ok(parsed) = spreadsheet::parse(b) {
            for table in spreadsheet::Table::LANDSCAPE {
                let mapping = spreadsheet::propose_mapping(table, &parsed.headers);
                drop(spreadsheet::preview_with(&r, table, &parsed, &mapping, options));
            }
        }
    });
}

#[test]
fn fuzz_archimate_exchange_xml() {
    fuzz("archimate-xml", |b| drop(archimate::import_exchange(b, "en")));
}

#[test]
fn fuzz_archi_csv_export() {
    // Seeds are the three files one after another, split at a line of 20 "=".
    fuzz("archi-csv", |b| {
        let sep = b"\n====================\n";
        let mut parts = Vec::new();
        let mut rest = b;
        while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
            parts.push(&rest[..i]);
            rest = &rest[i + sep.len()..];
        }
        parts.push(rest);
        let names = ["elements.csv", "relations.csv", "properties.csv"];
        let files: Vec<archimate::InputFile> =
            parts.iter().zip(names.iter().cycle()).map(|(bytes, name)| archimate::InputFile { name, bytes }).collect();
        drop(archimate::import_archi_csv(&files, "en"));
    });
}

#[test]
fn fuzz_share_links() {
    fuzz("share-link", |b| drop(share_link::decode(&text(b))));
}

/// Writes the seed corpus (run once, by hand, when a format changes:
/// `cargo test --lib write_fuzz_seeds -- --ignored`).
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let put = |parser: &str, name: &str, bytes: &[u8]| {
        let dir = root.join(parser);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    let demo = crate::domain::demo::demo_roadmap();
    let small = crate::domain::generate::generate(5, 12);
    put("json", "demo.cairn.json", file_format::export_json(&demo).as_bytes());
    put("json", "small.cairn.json", file_format::export_json(&small).as_bytes());
    put("stored", "packed.txt", stored::encode(&small, 3).as_bytes());
    put("stored", "plain.json", stored::encode_json(&small, 4).as_bytes());
    put(
        "stored",
        "schema-1.json",
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stored/schema-1.json")).unwrap(),
    );
    for table in spreadsheet::Table::ALL {
        let name = format!("{table:?}.csv").to_lowercase();
        put("csv", &name, &spreadsheet::export_table(&small, table, &Default::default()));
    }
    for table in spreadsheet::Table::LANDSCAPE {
        put("csv-landscape", table.file_name(), &spreadsheet::export_table(&demo, table, &Default::default()));
    }
    put(
        "csv-landscape",
        "servicenow.csv",
        b"Number,Name,Application type,Install type,Vendor,Business owner,IT application owner,Business criticality,\
Life cycle stage,Contract end date,Planned disposition,Target application\r\n\
APM0001,Fleet Hub,COTS,Cloud,Samsara,Ops,Fleet IT,1 - most critical,Operational,2027-06-30 00:00:00,Invest,\r\n\
APM0002,Old Dispatch,Custom,On-premise,,Ops,Ops IT,2 - somewhat critical,Retiring,,Retire,Fleet Hub\r\n",
    );
    put(
        "csv-landscape",
        "leanix.csv",
        b"id,type,name,lifecycle:plan,lifecycle:phaseIn,lifecycle:active,lifecycle:phaseOut,lifecycle:endOfLife,\
businessCriticality,functionalSuitability,technicalSuitability,TIMEClassification\r\n\
a1,Application,Route Planner,2024-01-01,2024-06-01,2025-01-01,2029-01-01,2030-01-01,businessCritical,appropriate,\
fullyAppropriate,invest\r\n",
    );
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archimate");
    for f in ["exchange-archi-5.0.2.xml", "exchange-sparx-ea.xml", "exchange-visual-paradigm.xml"] {
        put("archimate-xml", f, &std::fs::read(fixtures.join(f)).unwrap());
    }
    put("archimate-xml", "cairn-export.xml", archimate::export_exchange(&small).as_bytes());
    let joined = ["elements", "relations", "properties"]
        .iter()
        .map(|k| std::fs::read(fixtures.join(format!("archi-test1-{k}.csv"))).unwrap())
        .collect::<Vec<_>>()
        .join(&b"\n====================\n"[..]);
    put("archi-csv", "archi-test1.txt", &joined);
    put("share-link", "small.txt", share_link::encode(&small).as_bytes());
    put("share-link", "demo.txt", share_link::encode(&demo).as_bytes());
}
