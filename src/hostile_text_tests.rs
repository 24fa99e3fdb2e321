//! Hostile text in every text field of a roadmap (the XSS corpus in
//! `tests/fixtures/xss-payloads.json`) stays text in every export: each SVG slide and the
//! ArchiMate file parse as XML with no element or attribute the text did not come from, and
//! the JSON file brings every payload back unchanged. The views are covered end to end
//! (tests/e2e/security.spec.mjs).

use crate::charts::heatmap::{slide_layout, slide_svg as heatmap_slide, MapView, SlideText};
use crate::charts::timeline::{slide_svg as timeline_slide, ColourBy, TimelineView};
use crate::domain::heatmap::{figures, shown_values, Metric, RollUp, Scale};
use crate::domain::schedule::Grouping;
use crate::domain::{demo::demo_roadmap, Month, Roadmap};
use crate::layout::palette::ScaleColours;
use crate::layout::timeline::{layout, Axis, TimelineOptions, Zoom};
use std::collections::HashSet;
use std::sync::Arc;

/// The corpus: at least 50 payloads (HTML, SVG and MathML, attribute breakouts,
/// `javascript:` URLs, template and unicode tricks, spreadsheet formulas).
pub fn payloads() -> Vec<String> {
    serde_json::from_str(include_str!("../tests/fixtures/xss-payloads.json"))
        .expect("the corpus is a JSON list of strings")
}

/// The demo roadmap with a payload in every text field (round robin over the corpus).
pub fn hostile_roadmap() -> Roadmap {
    let p = payloads();
    let mut n = 0;
    let mut next = || {
        n += 1;
        p[(n - 1) % p.len()].clone()
    };
    let mut r = demo_roadmap();
    r.name = next();
    r.description = next();
    for g in &mut r.goals {
        let g = Arc::make_mut(g);
        g.name = next();
        g.description = next();
        g.theme = next();
        g.owner = next();
        g.kpi.name = next();
        g.kpi.unit = next();
    }
    for c in &mut r.capabilities {
        let c = Arc::make_mut(c);
        c.name = next();
        c.description = next();
        c.area = next();
        c.compliance = vec![next(), next()];
    }
    for i in &mut r.initiatives {
        let i = Arc::make_mut(i);
        i.name = next();
        i.description = next();
        i.owner = next();
        i.sponsor = next();
        i.vendors = vec![next(), next()];
        i.compliance = vec![next()];
        for m in &mut i.milestones {
            m.name = next();
        }
    }
    for a in &mut r.landscape.applications {
        let a = Arc::make_mut(a);
        a.name = next();
        a.description = next();
        a.vendor = next();
        a.business_owner = next();
        a.it_owner = next();
        a.tags = vec![next()];
        for i in &mut a.interfaces {
            i.name = next();
            i.data = next();
        }
    }
    for t in &mut r.landscape.technologies {
        let t = Arc::make_mut(t);
        t.name = next();
        t.category = next();
        t.vendor = next();
        t.version = next();
    }
    r
}

/// `xml` parses, and nothing in it is markup that could run: no script, handler, foreign
/// object, frame or `javascript:` link.
fn assert_inert(what: &str, xml: &str) {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() },
    )
    .unwrap_or_else(|e| panic!("{what} is not well-formed XML: {e}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !["script", "foreignobject", "iframe", "object", "embed", "img", "a", "style", "animate", "set", "math"]
                .contains(&name.as_str()),
            "{what} has a <{name}> element"
        );
        for a in node.attributes() {
            let key = a.name().to_ascii_lowercase();
            assert!(!key.starts_with("on"), "{what} has an event attribute {key}");
            assert!(
                !a.value().trim_start().to_ascii_lowercase().starts_with("javascript:") || key == "value",
                "{what}: {key}={}",
                a.value()
            );
        }
    }
}

/// `s` as an XML file can hold it: without control characters (other than tab and line ends).
fn xml_text(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r')).collect()
}

/// All text of the document, decoded.
fn text_of(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants().filter_map(|n| n.text()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_corpus_has_at_least_fifty_payloads() {
    let p = payloads();
    assert!(p.len() >= 50, "{}", p.len());
    assert_eq!(p.iter().collect::<HashSet<_>>().len(), p.len(), "no duplicates");
}

#[test]
fn every_payload_reaches_a_text_field() {
    let r = hostile_roadmap();
    let json = crate::domain::file_format::export_json(&r);
    for p in payloads() {
        assert!(json.contains(&serde_json::to_string(&p).unwrap()[1..p.len().min(8)]), "{p} is not in the roadmap");
    }
}

#[test]
fn the_json_file_brings_hostile_text_back_unchanged() {
    let r = hostile_roadmap();
    let back = crate::domain::file_format::import_json(&crate::domain::file_format::export_json(&r)).unwrap();
    assert_eq!(back, r);
}

#[test]
fn the_spreadsheets_bring_hostile_text_back_unchanged_and_formulas_made_safe() {
    use crate::domain::spreadsheet::{self, ExportOptions, Table};
    let r = hostile_roadmap();
    let mut current = Roadmap { landscape: Default::default(), ..r.clone() };
    for table in Table::LANDSCAPE {
        let bytes = spreadsheet::export_table(&r, table, &ExportOptions::default());
        let text = String::from_utf8(bytes.clone()).unwrap();
        // No cell starts a formula: each such text got its apostrophe.
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '@']), "{table:?}: a formula cell {cell:?}");
            }
        }
        let parsed = spreadsheet::parse(&bytes).unwrap();
        let mapping = spreadsheet::propose_mapping(table, &parsed.headers);
        let p = spreadsheet::preview(&current, table, &parsed, &mapping);
        current = p.result.unwrap_or_else(|| panic!("{table:?}: {:#?}", &p.errors[..p.errors.len().min(3)]));
    }
    assert_eq!(current.landscape, r.landscape);
}

#[test]
fn the_heatmap_slide_keeps_hostile_text_as_text() {
    let r = hostile_roadmap();
    let month = Month { year: 2027, month: 6 };
    let values = shown_values(&r, &figures(&r, month), Metric::Gap, RollUp::Worst);
    let scale = Scale::for_values(Metric::Gap, values.values().copied());
    let l = slide_layout(&r);
    let view =
        MapView { layout: &l, values: &values, scale: &scale, metric: Metric::Gap, currency: &r.currency, focus: None };
    let described: Vec<String> = r.capabilities.iter().map(|c| c.name.clone()).collect();
    let legend = scale.legend(&r.currency);
    let svg = heatmap_slide(
        &view,
        &SlideText { title: &r.name, subtitle: &r.description, legend: &legend, note: "note", described: &described },
    );
    assert_inert("heatmap slide", &svg);
    let text = text_of(&svg);
    assert!(text.contains(&xml_text(&r.name)), "the title comes back as text");
    for c in &r.capabilities {
        assert!(text.contains(&xml_text(&c.name)), "{} comes back as text", c.name);
    }
}

#[test]
fn the_timeline_slide_keeps_hostile_text_as_text() {
    let r = hostile_roadmap();
    for grouping in [Grouping::Goal, Grouping::Owner, Grouping::Vendor, Grouping::Capability] {
        let axis = Axis::for_roadmap(&r, Zoom::Quarters);
        let l = layout(&r, grouping, &axis, &HashSet::new(), &TimelineOptions::default());
        let v = TimelineView {
            roadmap: &r,
            axis: &axis,
            layout: &l,
            fiscal_start_month: r.fiscal_year_start_month,
            colour_by: ColourBy::Goal,
            show_dependencies: true,
            selected: None,
            today: Some(Month { year: 2027, month: 3 }),
            horizon: r.horizon,
            header_height: 60.0,
            strips: true,
        };
        let svg = timeline_slide(&v, &r.name, &r.description);
        assert_inert("timeline slide", &svg);
        let text = text_of(&svg);
        for i in r.initiatives.iter().filter(|i| i.is_dated()) {
            assert!(text.contains(&xml_text(&i.name)), "{} comes back as text", i.name);
        }
    }
}

#[test]
fn the_portfolio_slides_keep_hostile_text_as_text() {
    use crate::domain::portfolio::{finance, risk};
    let r = hostile_roadmap();
    let f = finance::finance(&r);
    assert_inert(
        "finance slide",
        &crate::charts::portfolio::finance_slide_svg(&f.years, &r.currency, &r.name, &r.description),
    );
    let m = risk::risk(&r).matrix;
    let svg = crate::charts::portfolio::risk_slide_svg(&m, &r.name, &r.description);
    assert_inert("risk slide", &svg);
    assert!(text_of(&svg).contains(&xml_text(&r.name)));
}

#[test]
fn the_archimate_file_keeps_hostile_text_as_text() {
    let r = hostile_roadmap();
    let xml = crate::domain::archimate::export_exchange(&r);
    assert_inert("ArchiMate file", &xml);
    let (back, _) = crate::domain::archimate::import_exchange(xml.as_bytes(), "en").unwrap();
    // Names come back (trimmed, control characters dropped: the format cannot carry them).
    let clean = |s: &str| s.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    for (a, b) in r.initiatives.iter().zip(&back.initiatives) {
        assert_eq!(clean(&a.name), b.name);
    }
}

/// No code sets HTML from a string: views build elements (text is always a text node) and
/// SVG goes through plotters' or `charts::escape`'s escaping, tested above. A new use of an
/// HTML sink fails here and needs a review.
#[test]
fn no_code_writes_html_from_strings() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "js" || x == "mjs") {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    walk(&root.join("public"), &mut files);
    let sinks = [
        "inner_html",
        "innerHTML",
        "outer_html",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "set_inner_html",
    ];
    for f in files.iter().filter(|f| !f.ends_with("hostile_text_tests.rs")) {
        let text = std::fs::read_to_string(f).unwrap();
        for sink in sinks {
            assert!(!text.contains(sink), "{} uses {sink}", f.display());
        }
    }
    assert!(files.len() > 20, "the walk found the sources");
}

/// The style sheet parses as a whole (braces balance outside comments) and no file carries a
/// leftover merge marker: a broken rule silently drops every rule after it.
#[test]
fn the_style_sheet_and_sources_are_whole() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let css = std::fs::read_to_string(root.join("style/cairn.css")).unwrap();
    let mut depth = 0i32;
    let mut rest = css.as_str();
    while let Some(start) = rest.find("/*") {
        depth += rest[..start].matches('{').count() as i32 - rest[..start].matches('}').count() as i32;
        assert!(depth >= 0, "a '}}' closes nothing before byte {}", css.len() - rest.len() + start);
        rest = &rest[start + 2..];
        rest = &rest[rest.find("*/").expect("an unclosed comment") + 2..];
    }
    depth += rest.matches('{').count() as i32 - rest.matches('}').count() as i32;
    assert_eq!(depth, 0, "style/cairn.css: unbalanced braces");
    for dir in ["src", "style", "docs", "tests/e2e", "scripts", "pwa", "public"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            for e in entries {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    for marker in ["<<<<<<< ", ">>>>>>> "] {
                        assert!(!text.lines().any(|l| l.starts_with(marker)), "{} has a merge marker", p.display());
                    }
                }
            }
        }
    }
}
