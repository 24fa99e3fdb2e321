//! ArchiMate import and export: the real files in `tests/fixtures/archimate/` (copied from the team's shared fixtures, unchanged; sources and licences in its README), small
//! hand-written models for each mapping rule, the export against the Open Group schema, and
//! round trips.

use super::*;
use crate::domain::calendar::{Month, Quarter};
use crate::domain::file_format::{testing, MAX_FILE_BYTES};
use crate::domain::model::*;
use proptest::prelude::*;
use std::sync::Arc;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/archimate/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The three files of an Archi CSV export with this prefix, as (name, bytes).
fn csv_fixture(prefix: &str) -> Vec<(String, Vec<u8>)> {
    ["elements", "relations", "properties"]
        .iter()
        .map(|k| {
            let name = format!("{prefix}{k}.csv");
            let bytes = fixture(&name);
            (name, bytes)
        })
        .collect()
}

fn import_csv(files: &[(String, Vec<u8>)]) -> Result<(Roadmap, ImportReport), String> {
    let files: Vec<InputFile> = files.iter().map(|(name, bytes)| InputFile { name, bytes }).collect();
    import_archi_csv(&files, "en").map_err(|e| e.message)
}

fn import_xml(xml: &str) -> Result<(Roadmap, ImportReport), String> {
    import_exchange(xml.as_bytes(), "en").map_err(|e| e.message)
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

fn names<T>(items: &[Arc<T>], name: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(|i| name(i)).collect()
}

fn counts(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

fn total(list: &[(String, usize)]) -> usize {
    list.iter().map(|(_, n)| n).sum()
}

// ---------------------------------------------------------------------------------------
// The real files

#[test]
fn archi_exchange_file_imports() {
    let (r, report) = import_exchange(&fixture("exchange-archi-5.0.2.xml"), "en").unwrap();
    assert_eq!(report.source, Source::Exchange3);
    assert_eq!(r.name, "(new model)");
    assert_eq!(names(&r.goals, |g| &g.name), ["Goal", "Goal"]);
    assert_eq!(names(&r.capabilities, |c| &c.name), ["Capability"]);
    assert_eq!(names(&r.initiatives, |i| &i.name), ["Work Package"]);
    assert!(!r.initiatives[0].is_dated(), "no Start/End properties: undated");
    // Fresh ids in Cairn's style.
    assert_eq!(r.goals[0].id, "goal-1");
    assert_eq!(r.goals[1].id, "goal-2");
    assert_eq!(r.capabilities[0].id, "cap-1");
    assert_eq!(r.initiatives[0].id, "ini-1");
    // The landscape: 4 ApplicationComponents, and 9 technologies whose category is their type.
    let apps = &r.landscape.applications;
    assert_eq!(
        names(apps, |a| &a.name),
        ["Application Component A", "Application Component B", "Application Component C", "Application Component"]
    );
    assert_eq!(apps[0].id, "app-1");
    let techs = &r.landscape.technologies;
    assert_eq!(
        names(techs, |t| &t.name),
        [
            "Node",
            "System Software",
            "Device",
            "Device A",
            "Node A",
            "Node",
            "Device",
            "System Software",
            "Technology Service"
        ]
    );
    assert_eq!(
        names(techs, |t| &t.category),
        [
            "Node",
            "System software",
            "Device",
            "Device",
            "Node",
            "Node",
            "Device",
            "System software",
            "Technology service"
        ]
    );
    assert_eq!(r.landscape.technologies[0].id, "tech-1");
    // Device A is assigned to the artifact "Deploy A", which realizes component A.
    assert_eq!(apps[0].technologies, [techs[3].id.clone()]);
    assert!(apps.iter().all(|a| a.interfaces.is_empty() && a.capabilities.is_empty() && a.successor.is_none()));
    assert!(r.landscape.changes.is_empty());
    assert_eq!((report.count("applications"), report.count("technologies"), report.count("interfaces")), (4, 9, 0));
    assert_eq!(report.count("technologies used"), 1);
    // 92 elements, 17 imported; the deliverable, the plateaus and the application interface
    // no component owns are among the skipped.
    assert_eq!(total(&report.skipped_elements), 75);
    assert_eq!(report.skipped_elements.len(), 59 - 8, "59 element types in the file, 8 of them read");
    assert_eq!(report.skipped_elements[0], ("BusinessProcess".to_string(), 6));
    assert!(report.skipped_elements.contains(&("Plateau".to_string(), 3)));
    assert!(report.skipped_elements.contains(&("Deliverable".to_string(), 1)));
    assert!(report.skipped_elements.contains(&("ApplicationInterface".to_string(), 1)));
    assert!(report.skipped_elements.contains(&("Artifact".to_string(), 2)));
    // Of the 42 relationships only the deployment (Assignment and Realization) is used: the
    // others join the components to services, data, actors and collaborations.
    assert_eq!(total(&report.skipped_relationships), 40);
    assert!(report.skipped_relationships.contains(&("Flow".to_string(), 1)));
    assert_eq!(report.count("goal links") + report.count("capability links") + report.count("dependencies"), 0);
    // The Association that points at a relationship is not "dangling".
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn sparx_exchange_file_in_windows_1252_imports() {
    let (r, report) = import_exchange(&fixture("exchange-sparx-ea.xml"), "en").unwrap();
    assert_eq!((r.goals.len(), r.capabilities.len(), r.initiatives.len()), (2, 1, 1));
    assert_eq!(r.initiatives[0].name, "Work Package");
    assert_eq!(
        names(&r.landscape.applications, |a| &a.name),
        [
            "Application Component",
            "Application Component A",
            "Application Component B",
            "Application Component C",
            "a",
            "APP A"
        ]
    );
    assert_eq!(
        names(&r.landscape.technologies, |t| &t.name),
        ["Node", "Device", "System Software", "Device A", "Node A", "Technology Service", "c"]
    );
    let a = &r.landscape.applications[1];
    assert_eq!(a.technologies, [r.landscape.technologies[3].id.clone()], "Device A, through the artifact");
    assert_eq!((report.count("applications"), report.count("technologies")), (6, 7));
    assert_eq!(total(&report.skipped_elements), 80);
    assert_eq!(total(&report.skipped_relationships), 43);
    assert_eq!(report.warnings, ["The file was read as Windows-1252, as its declaration says"]);
}

#[test]
fn visual_paradigm_exchange_file_imports() {
    let (r, report) = import_exchange(&fixture("exchange-visual-paradigm.xml"), "en").unwrap();
    // Its model name is blank.
    assert_eq!(r.name, "Imported ArchiMate model");
    assert_eq!(names(&r.goals, |g| &g.name), ["Goal", "Goal2"]);
    assert_eq!((r.capabilities.len(), r.initiatives.len()), (1, 1));
    assert_eq!(
        names(&r.landscape.applications, |a| &a.name),
        [
            "Application Component",
            "Application Component A",
            "Application Component B",
            "Application Component C",
            "a",
            "APP A"
        ]
    );
    let techs = &r.landscape.technologies;
    assert_eq!(
        names(techs, |t| &t.name),
        ["Node", "Device", "System Software", "Technology Service", "Device A", "Node A", "c"]
    );
    assert_eq!(techs[6].category, "Technology service");
    assert_eq!(r.landscape.applications[1].technologies, [techs[4].id.clone()]);
    assert_eq!((report.count("applications"), report.count("technologies"), report.count("interfaces")), (6, 7, 0));
    assert_eq!(total(&report.skipped_elements), 80);
    assert_eq!(total(&report.skipped_relationships), 44);
    // Its many tool properties sit on elements Cairn skips (or are Visual Paradigm's own on
    // components), so none is reported as unused.
    assert!(report.unused_properties.is_empty(), "{:?}", report.unused_properties);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn nbility_capability_model_imports_with_its_hierarchy() {
    let files = csv_fixture("nbility-en-");
    let started = std::time::Instant::now();
    let (r, report) = import_csv(&files).unwrap();
    let elapsed = started.elapsed();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("NBility import ({bytes} bytes, 215 capabilities): {elapsed:?} (debug build)");

    assert_eq!(report.source, Source::ArchiCsv);
    assert_eq!(r.name, "NBility-business-capabilities-EN");
    assert!(r.description.starts_with("NBility is a comprehensive capability model"));
    assert!(r.description.contains("operational efficiency and communication.\n\nThe maintenance"));
    assert_eq!((r.goals.len(), r.capabilities.len(), r.initiatives.len()), (0, 215, 0));
    assert!(r.landscape.is_empty(), "a capability model without applications");
    assert_eq!((report.count("applications"), report.count("technologies"), report.count("interfaces")), (0, 0, 0));
    // 13 L1, 41 L2, 161 L3 (counted from the relations file, first parent of each).
    let tree = r.tree_order();
    let at = |level: usize| tree.iter().filter(|(_, l)| *l == level).count();
    assert_eq!((at(1), at(2), at(3)), (13, 41, 161));
    assert_eq!(tree.len(), 215);
    assert_eq!(report.count("capability parents"), 202);
    let named = |name: &str| r.capabilities.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name}"));
    let child = named("C.1.1.1 Provide service to customers");
    assert_eq!(child.parent.as_deref(), Some(named("C.1.1. Serve customers and maintain relations").id.as_str()));
    assert_eq!(named("C.1. Serve Customers").parent, None);
    // Names are trimmed ("C.3.2. Maintain energy grids " in the file).
    assert_eq!(
        named("C.3.2. Maintain energy grids").parent.as_deref(),
        Some(named("C.3. Manage the development and maintenance of energy grids").id.as_str())
    );

    assert_eq!(
        report.skipped_elements,
        counts(&[("BusinessObject", 152), ("ValueStream", 16), ("Grouping", 4), ("BusinessFunction", 1)])
    );
    assert_eq!(report.skipped_elements_text(), "152 BusinessObject, 16 ValueStream, 4 Grouping, 1 BusinessFunction");
    // 204 Compositions between capabilities make 202 parents: two are repeated.
    assert_eq!(
        report.skipped_relationships,
        counts(&[("Association", 75), ("Specialization", 11), ("Aggregation", 7)])
    );
    // "Directed" is a property of the Associations, which are skipped.
    assert!(report.unused_properties.is_empty());
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn archi_csv_test_files_with_quoted_newlines_import() {
    let (r, report) = import_csv(&csv_fixture("archi-test1-")).unwrap();
    assert_eq!(r.name, "Test Model");
    // Quoted field with a CRLF line break and doubled quotes.
    assert_eq!(r.description, "This is the Purpose of the Model.\nIt has a line break and \"some\" quotes.\n");
    assert_eq!((r.goals.len(), r.capabilities.len(), r.initiatives.len()), (0, 0, 0));
    assert_eq!(report.skipped_elements, counts(&[("BusinessActor", 1), ("BusinessInterface", 1), ("BusinessRole", 1)]));
    assert_eq!(report.skipped_relationships, counts(&[("Assignment", 1), ("Composition", 1)]));
    // The model's own properties match no roadmap setting.
    assert_eq!(report.unused_properties, counts(&[("Property 1", 1), ("Property 2", 1)]));
}

#[test]
fn the_report_reads_as_text() {
    let (_, report) = import_csv(&csv_fixture("nbility-en-")).unwrap();
    let lines = report.lines();
    assert_eq!(lines[0], "Read from an Archi CSV export.");
    assert_eq!(lines[1], "0 Goal → goals");
    assert!(lines[2].starts_with("215 Capability → capabilities, e.g. “C.1. Serve Customers”, "), "{}", lines[2]);
    assert_eq!(lines[3], "0 WorkPackage → initiatives");
    assert_eq!(lines[4], "0 ApplicationComponent → applications");
    assert_eq!(lines[5], "0 Flow/Triggering/Serving between application components (or their interfaces) → interfaces");
    assert_eq!(lines[6], "0 SystemSoftware/Node/Device/TechnologyService → technologies");
    assert!(lines[7].starts_with("202 Composition/Aggregation between capabilities → capability parents, e.g. “C.1.1. Serve customers and maintain relations under C.1. Serve Customers”"), "{}", lines[7]);
    assert_eq!(lines[8], "Skipped elements: 152 BusinessObject, 16 ValueStream, 4 Grouping, 1 BusinessFunction");
    assert_eq!(lines[9], "Skipped relationships: 75 Association, 11 Specialization, 7 Aggregation");
    assert_eq!(lines.len(), 10);
}

// ---------------------------------------------------------------------------------------
// The mapping, one rule at a time

/// A 3.1 exchange file around `elements`, `relationships` and property definitions
/// `propid-1`… for `definitions`.
fn exchange(elements: &str, relationships: &str, definitions: &[&str]) -> String {
    let defs: String = definitions
        .iter()
        .enumerate()
        .map(|(n, d)| {
            format!(
                "<propertyDefinition identifier=\"propid-{}\" type=\"string\"><name>{d}</name></propertyDefinition>",
                n + 1
            )
        })
        .collect();
    let defs =
        if defs.is_empty() { String::new() } else { format!("<propertyDefinitions>{defs}</propertyDefinitions>") };
    let rels = if relationships.is_empty() {
        String::new()
    } else {
        format!("<relationships>{relationships}</relationships>")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
  <name xml:lang="en">Plan</name>
  <elements>{elements}</elements>{rels}{defs}
</model>"#
    )
}

fn el(id: &str, kind: &str, name: &str) -> String {
    format!(r#"<element identifier="{id}" xsi:type="{kind}"><name>{name}</name></element>"#)
}

fn el_props(id: &str, kind: &str, name: &str, props: &[(usize, &str)]) -> String {
    let props: String = props
        .iter()
        .map(|(d, v)| format!(r#"<property propertyDefinitionRef="propid-{d}"><value>{v}</value></property>"#))
        .collect();
    format!(
        r#"<element identifier="{id}" xsi:type="{kind}"><name>{name}</name><properties>{props}</properties></element>"#
    )
}

fn rel(id: &str, kind: &str, source: &str, target: &str) -> String {
    format!(r#"<relationship identifier="{id}" xsi:type="{kind}" source="{source}" target="{target}"/>"#)
}

#[test]
fn capability_parents_come_from_composition_and_aggregation() {
    let elements = ["a", "b", "c", "d", "e", "x"].map(|n| el(n, "Capability", &n.to_uppercase())).concat();
    let rels = [
        rel("r1", "Composition", "a", "b"),
        rel("r2", "Aggregation", "b", "c"),
        rel("r3", "Composition", "c", "d"), // level 4: moved up under b
        rel("r4", "Composition", "d", "e"), // level 5: moved up under b
        rel("r5", "Composition", "x", "b"), // a second parent: a stays
        rel("r6", "Composition", "e", "a"), // would loop: left out
        rel("r7", "Aggregation", "x", "x"), // its own part
        rel("r8", "Composition", "a", "b"), // the same again: no warning
        rel("r9", "Composition", "b", "a"), // loop: left out
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, &rels, &[])).unwrap();
    let parent = |name: &str| {
        let c = r.capabilities.iter().find(|c| c.name == name).unwrap();
        c.parent.as_ref().map(|p| r.capability(p).unwrap().name.clone())
    };
    assert_eq!(parent("A"), None);
    assert_eq!(parent("B").as_deref(), Some("A"));
    assert_eq!(parent("C").as_deref(), Some("B"));
    assert_eq!(parent("D").as_deref(), Some("B"));
    assert_eq!(parent("E").as_deref(), Some("B"));
    assert_eq!(parent("X"), None);
    assert_eq!(
        report.warnings,
        [
            "the capability map would loop: “A” is already above “E”, so “A” was not put under “E”",
            "capability “X” is composed of itself; that was ignored",
            "the capability map would loop: “A” is already above “B”, so “A” was not put under “B”",
            "1 capability has two parents; Cairn keeps one per capability, its first in the file: “B” is part of “A” and of “X”",
            "Cairn's capability map has at most 3 levels; 2 deeper capabilities were moved up to level 3: “D” (now under “B”), “E” (now under “B”)",
        ]
    );
    assert_eq!(report.count("capability parents"), 4);
    // r5, r6, r7, r9 are not used (r8 repeats r1, which is).
    assert_eq!(report.skipped_relationships, counts(&[("Composition", 3), ("Aggregation", 1)]));
}

#[test]
fn work_packages_link_to_capabilities_goals_and_each_other() {
    let elements = [
        el("g1", "Goal", "Grow"),
        el("g2", "Goal", "Save"),
        el("g3", "Goal", "Comply"),
        el_props("c1", "Capability", "CRM", &[(2, "4")]),
        el("c2", "Capability", "Billing"),
        el("w1", "WorkPackage", "Discovery"),
        el("w2", "WorkPackage", "Rollout"),
        el("w3", "WorkPackage", "Retire old CRM"),
        el("d1", "Deliverable", "New CRM live"),
        el("d2", "Deliverable", "Nobody delivers this"),
        el("p1", "Plateau", "Target state"),
    ]
    .concat();
    let rels = [
        // Capability links: direct with "Maturity after", direct without (target maturity 4), through a deliverable.
        r#"<relationship identifier="r1" xsi:type="Realization" source="w2" target="c1"><properties><property propertyDefinitionRef="propid-1"><value>5</value></property></properties></relationship>"#.to_string(),
        rel("r2", "Realization", "w1", "c1"),
        rel("r3", "Realization", "w3", "d1"),
        rel("r4", "Realization", "d1", "c2"),
        // Goal links: Influence with strength, Association either way, Realization, through a deliverable, negative.
        r#"<relationship identifier="r5" xsi:type="Influence" source="w2" target="g1" modifier="+++"/>"#.to_string(),
        rel("r6", "Association", "g2", "w2"),
        rel("r7", "Realization", "w1", "g2"),
        rel("r8", "Influence", "d1", "g3"),
        r#"<relationship identifier="r9" xsi:type="Influence" source="w1" target="g1" modifier="--"/>"#.to_string(),
        // The same goal twice (strength 1, then Contribution 3): the stronger stays.
        r#"<relationship identifier="r10" xsi:type="Influence" source="w3" target="g3" modifier="+"/>"#.to_string(),
        // Dependencies: w2 after w1, w3 after w2; w1 after w3 would loop; w2 after itself.
        rel("r11", "Triggering", "w1", "w2"),
        rel("r12", "Triggering", "w2", "w3"),
        rel("r13", "Triggering", "w3", "w1"),
        rel("r14", "Triggering", "w2", "w2"),
        // Skipped: wrong direction, unused deliverable, other types, dangling.
        rel("r15", "Realization", "c1", "w1"),
        rel("r16", "Influence", "d2", "g1"),
        rel("r17", "Composition", "p1", "w1"),
        rel("r18", "Triggering", "w1", "gone"),
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, &rels, &["Maturity after", "Target maturity"])).unwrap();
    let init = |name: &str| r.initiatives.iter().find(|i| i.name == name).unwrap().clone();
    let id = |name: &str| {
        r.goals
            .iter()
            .map(|g| (&g.name, &g.id))
            .chain(r.capabilities.iter().map(|c| (&c.name, &c.id)))
            .chain(r.initiatives.iter().map(|i| (&i.name, &i.id)))
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
            .clone()
    };
    let caps = |name: &str| {
        init(name).capabilities.iter().map(|l| (l.capability.clone(), l.maturity_after)).collect::<Vec<_>>()
    };
    let goals = |name: &str| init(name).goals.iter().map(|l| (l.goal.clone(), l.contribution)).collect::<Vec<_>>();
    assert_eq!(caps("Rollout"), [(id("CRM"), 5)]);
    assert_eq!(caps("Discovery"), [(id("CRM"), 4)], "without Maturity after: the target maturity");
    assert_eq!(
        caps("Retire old CRM"),
        [(id("Billing"), 3)],
        "through the deliverable; Billing's target is the default 3"
    );
    assert_eq!(goals("Rollout"), [(id("Grow"), 3), (id("Save"), 2)]);
    assert_eq!(
        goals("Discovery"),
        [(id("Save"), 2)],
        "Realization to a goal: contribution 2; the negative influence is no link"
    );
    assert_eq!(
        goals("Retire old CRM"),
        [(id("Comply"), 2)],
        "through the deliverable (no strength: 2), stronger than the direct +"
    );
    assert_eq!(init("Discovery").depends_on, Vec::<String>::new());
    assert_eq!(init("Rollout").depends_on, [id("Discovery")]);
    assert_eq!(init("Retire old CRM").depends_on, [id("Rollout")]);

    assert_eq!(report.count("capability links"), 3);
    assert_eq!(report.count("goal links"), 4);
    assert_eq!(report.count("dependencies"), 2);
    assert_eq!(report.skipped_elements, counts(&[("Deliverable", 2), ("Plateau", 1)]));
    assert_eq!(
        report.skipped_relationships,
        counts(&[("Triggering", 3), ("Influence", 2), ("Composition", 1), ("Realization", 1)])
    );
    assert_eq!(
        report.warnings,
        [
            "relationship Triggering “w1” → “gone” (no element “gone”) was skipped",
            "initiative \"Discovery\" is not linked to goal “Grow”: its influence is negative (--)",
            "initiative \"Discovery\" would depend on “Retire old CRM”, which already depends on it (through the other Triggering relationships); this one was left out",
            "initiative \"Rollout\" triggers itself; that is not a dependency",
        ]
    );
    let became: Vec<String> = report.lines();
    assert!(became.contains(&"3 Realization (work package or its deliverable → capability) → capability links, e.g. “Rollout → CRM”, “Discovery → CRM”, “Retire old CRM → Billing”".to_string()), "{became:#?}");
    assert!(became.contains(&"2 Triggering between work packages → dependencies, e.g. “Rollout after Discovery”, “Retire old CRM after Rollout”".to_string()), "{became:#?}");
}

#[test]
fn properties_set_fields_by_their_names() {
    let defs = [
        "Start",
        "End",
        "Capex",
        "owner",
        "STATUS",
        "Vendor",
        "Milestone",
        "run_cost_per_year",
        "FTE",
        "Risk likelihood",
        "Weight",
        "KPI",
        "KPI due",
        "Theme",
        "Current maturity",
        "Risk",
        "Compliance",
        "Colour",
        "Opex",
    ];
    let elements = [
        el_props(
            "w1",
            "WorkPackage",
            "CRM rollout",
            &[
                (1, "2026-03"),
                (2, "2026-11-30"),
                (3, "1,250,000"),
                (4, "Head of Sales IT"),
                (5, "in progress"),
                (6, "Acme"),
                (6, "Globex"),
                (7, "Pilot (2026-06)"),
                (7, "Go-live"),
                (8, "30000"),
                (9, "3,5"),
                (10, "4"),
                (18, "red"),
                (4, "Someone else"),
            ],
        ),
        el_props("w2", "WorkPackage", "Half dated", &[(1, "2026-01")]),
        el_props("w3", "WorkPackage", "Backwards", &[(1, "2027-01"), (2, "2026-01")]),
        el_props("w4", "WorkPackage", "Bad values", &[(3, "lots"), (19, "-5"), (9, "1"), (10, "9"), (5, "urgent")]),
        el_props("g1", "Goal", "Grow", &[(11, "5"), (12, "Online share"), (13, "2028-06"), (14, "Growth")]),
        el_props("c1", "Capability", "CRM", &[(15, "1"), (16, "high"), (17, "GDPR"), (17, "SOX")]),
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, "", &defs)).unwrap();
    let i = &r.initiatives[0];
    assert_eq!((i.start, i.end), (Some(m("2026-03")), Some(m("2026-11"))));
    assert_eq!(i.capex, 1_250_000.0);
    assert_eq!(i.owner, "Head of Sales IT", "the first of two owners");
    assert_eq!(i.status, Status::InProgress);
    assert_eq!(i.vendors, ["Acme", "Globex"]);
    assert_eq!(
        i.milestones,
        [
            Milestone { name: "Pilot".into(), month: Some(m("2026-06")) },
            Milestone { name: "Go-live".into(), month: None }
        ]
    );
    assert_eq!((i.run_cost_per_year, i.fte, i.risk.likelihood), (30000.0, 3.5, 4));
    let half = &r.initiatives[1];
    assert_eq!((half.start, half.end), (None, None));
    assert_eq!((r.initiatives[2].start, r.initiatives[2].end), (None, None));
    let bad = &r.initiatives[3];
    assert_eq!((bad.capex, bad.opex, bad.fte, bad.risk.likelihood, bad.status), (0.0, 0.0, 1.0, 3, Status::Proposed));
    let g = &r.goals[0];
    assert_eq!(
        (g.weight, g.kpi.name.as_str(), g.kpi.due, g.theme.as_str()),
        (5, "Online share", Some(m("2028-06")), "Growth")
    );
    let c = &r.capabilities[0];
    assert_eq!((c.current_maturity, c.target_maturity, c.risk), (1, 3, Risk::High));
    assert_eq!(c.compliance, ["GDPR", "SOX"]);
    // Without a horizon in the file: the whole years of the dated initiatives.
    assert_eq!(r.horizon, Horizon { start: m("2026-01"), end: m("2026-12") });

    assert_eq!(report.unused_properties, counts(&[("Colour", 1)]));
    assert_eq!(report.count("initiative dates"), 1);
    // 12 on CRM rollout, 1 + 2 + 1 on the others (also the dates that were then dropped), 4 on the goal, 4 on the capability.
    assert_eq!(report.count("fields"), 12 + 1 + 2 + 1 + 4 + 4);
    assert_eq!(
        report.warnings,
        [
            "initiative \"CRM rollout\": “Owner” is given more than once; the first is used",
            "initiative \"Half dated\" has a Start but no End, so it stays undated",
            "initiative \"Backwards\" ends (2026-01) before it starts (2027-01), so it stays undated",
            "initiative \"Bad values\": “Capex” is “lots” (expected a number of 0 or more), so it was not used",
            "initiative \"Bad values\": “Opex” is “-5” (expected a number of 0 or more), so it was not used",
            "initiative \"Bad values\": “Risk likelihood” is “9” (expected a whole number from 1 to 5), so it was not used",
            "initiative \"Bad values\": “STATUS” is “urgent” (expected one of Idea, Proposed, Approved, In progress, Done, On hold, Cancelled), so it was not used",
        ]
    );
}

#[test]
fn roadmap_settings_come_from_model_properties() {
    let xml = r#"<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m">
        <name>Plan</name><documentation>Board plan</documentation>
        <properties>
          <property propertyDefinitionRef="p1"><value>usd</value></property>
          <property propertyDefinitionRef="p2"><value>4</value></property>
          <property propertyDefinitionRef="p3"><value>2026-04</value></property>
          <property propertyDefinitionRef="p4"><value>2029-03</value></property>
          <property propertyDefinitionRef="p5"><value>1500000</value></property>
          <property propertyDefinitionRef="p6"><value>750000.5</value></property>
          <property propertyDefinitionRef="p7"><value>12.5</value></property>
          <property propertyDefinitionRef="p8"><value>soon</value></property>
        </properties>
        <propertyDefinitions>
          <propertyDefinition identifier="p1" type="string"><name>Currency</name></propertyDefinition>
          <propertyDefinition identifier="p2" type="number"><name>Fiscal year start month</name></propertyDefinition>
          <propertyDefinition identifier="p3" type="string"><name>Horizon start</name></propertyDefinition>
          <propertyDefinition identifier="p4" type="string"><name>Horizon end</name></propertyDefinition>
          <propertyDefinition identifier="p5" type="number"><name>Opex budget FY2027</name></propertyDefinition>
          <propertyDefinition identifier="p6" type="number"><name>Capex budget FY2027</name></propertyDefinition>
          <propertyDefinition identifier="p7" type="number"><name>Capacity 2026-Q2</name></propertyDefinition>
          <propertyDefinition identifier="p8" type="string"><name>Capacity 2026-Q3</name></propertyDefinition>
        </propertyDefinitions></model>"#;
    let (r, report) = import_xml(xml).unwrap();
    assert_eq!((r.name.as_str(), r.description.as_str(), r.currency.as_str()), ("Plan", "Board plan", "USD"));
    assert_eq!(r.fiscal_year_start_month, 4);
    assert_eq!(r.horizon, Horizon { start: m("2026-04"), end: m("2029-03") });
    assert_eq!(r.budgets, [Budget { fiscal_year: 2027, capex: 750000.5, opex: 1500000.0 }]);
    assert_eq!(r.capacity, [Capacity { quarter: Quarter::parse("2026-Q2").unwrap(), fte: 12.5 }]);
    assert_eq!(
        report.warnings,
        [
            "The file has no <elements>: the model is empty",
            "the model: “Capacity 2026-Q3” is “soon” (expected a quarter such as 2026-Q1 and a number of 0 or more), so it was not used"
        ]
    );
}

#[test]
fn names_in_the_users_language() {
    let text =
        |variants: &[(&str, &str)]| LangText(variants.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect());
    let t = text(&[("en", "Customer care"), ("de", "Kundenpflege"), ("nl-NL", "Klantzorg")]);
    assert_eq!(t.pick("de"), "Kundenpflege");
    assert_eq!(t.pick("DE"), "Kundenpflege");
    assert_eq!(t.pick("de-CH"), "Kundenpflege", "same main language");
    assert_eq!(t.pick("nl"), "Klantzorg");
    assert_eq!(t.pick("nl-NL"), "Klantzorg");
    assert_eq!(t.pick("fr"), "Customer care", "else the first");
    assert_eq!(t.pick(""), "Customer care");
    assert_eq!(
        text(&[("en", " "), ("de", "Kundenpflege")]).pick("en"),
        "Kundenpflege",
        "a blank variant is passed over"
    );
    assert_eq!(text(&[]).pick("en"), "");

    let xml = exchange(
        r#"<element identifier="g" xsi:type="Goal"><name xml:lang="en">Grow</name><name xml:lang="de">Wachsen</name><documentation xml:lang="en">More</documentation><documentation xml:lang="de">Mehr</documentation></element>"#,
        "",
        &[],
    );
    let (r, _) = import_exchange(xml.as_bytes(), "de-AT").unwrap();
    assert_eq!((r.goals[0].name.as_str(), r.goals[0].description.as_str()), ("Wachsen", "Mehr"));
    let (r, _) = import_exchange(xml.as_bytes(), "pt-BR").unwrap();
    assert_eq!(r.goals[0].name, "Grow");
}

#[test]
fn unnamed_and_oddly_typed_elements() {
    let elements = [
        el("g1", "archimate:Goal", ""),
        el("g2", "goal", "  "),
        el("c1", "Capability", "CRM"),
        el("c1", "Capability", "Twin with the same identifier"),
        r#"<element identifier="x"><name>No type</name></element>"#.to_string(),
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, "", &[])).unwrap();
    assert_eq!(names(&r.goals, |g| &g.name), ["Unnamed goal", "Unnamed goal"]);
    assert_eq!(names(&r.capabilities, |c| &c.name), ["CRM"]);
    assert_eq!(report.skipped_elements, counts(&[("(no type)", 1)]));
    assert_eq!(
        report.warnings,
        [
            "1 element repeats an identifier already used in the file; only the first was read",
            "2 goals have no name in the file; they are called “Unnamed goal”",
        ]
    );
}

#[test]
fn the_older_2_1_format_is_read() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
  <name xml:lang="en">Archisurance</name>
  <elements>
    <element identifier="g" xsi:type="Goal"><label xml:lang="en">Reduce cost</label></element>
    <element identifier="w1" xsi:type="WorkPackage"><label xml:lang="en">Consolidate CRM</label>
      <properties><property identifierref="pd1"><value xml:lang="en">2026-02</value></property>
                  <property identifierref="pd2"><value xml:lang="en">2026-09</value></property></properties></element>
    <element identifier="w2" xsi:type="WorkPackage"><label xml:lang="en">Retire mainframe</label></element>
    <element identifier="a" xsi:type="ApplicationComponent"><label xml:lang="en">CRM</label></element>
  </elements>
  <relationships>
    <relationship identifier="r1" source="w1" target="g" xsi:type="InfluenceRelationship"/>
    <relationship identifier="r2" source="w1" target="w2" xsi:type="TriggeringRelationship"/>
    <relationship identifier="r3" source="a" target="w1" xsi:type="UsedByRelationship"/>
  </relationships>
  <propertydefs>
    <propertydef identifier="pd1" name="Start" type="string"/>
    <propertydef identifier="pd2" name="End" type="string"/>
  </propertydefs>
</model>"#;
    let (r, report) = import_xml(xml).unwrap();
    assert_eq!(report.source, Source::Exchange21);
    assert_eq!(report.lines()[0], "Read from an ArchiMate exchange file (2.1).");
    assert_eq!(r.name, "Archisurance");
    assert_eq!(names(&r.goals, |g| &g.name), ["Reduce cost"]);
    assert_eq!(names(&r.initiatives, |i| &i.name), ["Consolidate CRM", "Retire mainframe"]);
    assert_eq!(r.initiatives[0].dates(), Some((m("2026-02"), m("2026-09"))));
    assert_eq!(r.initiatives[0].goals, [GoalLink { goal: r.goals[0].id.clone(), contribution: 2 }]);
    assert_eq!(r.initiatives[1].depends_on, [r.initiatives[0].id.clone()]);
    assert_eq!(report.skipped_relationships, counts(&[("Serving", 1)]), "UsedBy is ArchiMate 3's Serving");
}

#[test]
fn relationship_type_names_from_every_tool() {
    for (raw, want) in [
        ("Composition", "Composition"),
        ("CompositionRelationship", "Composition"),
        ("archimate:RealizationRelationship", "Realization"),
        ("RealisationRelationship", "Realization"),
        ("SpecialisationRelationship", "Specialization"),
        ("UsedByRelationship", "Serving"),
        ("influence", "Influence"),
        ("Relationship", "Relationship"),
        ("", ""),
    ] {
        assert_eq!(relationship_type(raw), want, "{raw}");
    }
    assert_eq!(element_type("archimate:WorkPackage"), "WorkPackage");
    assert_eq!(element_type(" capability "), "Capability");
    assert_eq!(element_type("ApplicationComponent"), "ApplicationComponent");
}

#[test]
fn files_that_are_not_exchange_files_are_refused_with_a_reason() {
    let err = |bytes: &[u8]| import_exchange(bytes, "en").unwrap_err().message;
    assert_eq!(err(b""), "The file is empty");
    assert_eq!(err(b"  \n"), "The file is empty");
    assert!(err(b"<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\"><name>x</nam></model>")
        .starts_with("This file is not well-formed XML: "));
    assert!(err(b"{\"format\": \"cairn-roadmap\"}").starts_with("This file is not well-formed XML"));
    assert_eq!(
        err(br#"<archimate:model xmlns:archimate="http://www.archimatetool.com/archimate" name="X"/>"#),
        "This is Archi's own model file (.archimate), not an exchange file. In Archi, choose File › Export › Model to Open Exchange File…, or File › Export › Model to CSV…, and import that here"
    );
    assert_eq!(
        err(b"<model identifier=\"m\"/>"),
        "This file has no ArchiMate namespace; an exchange file starts with <model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\">"
    );
    assert_eq!(
        err(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        "This is not an ArchiMate exchange file: it starts with <svg> in the namespace http://www.w3.org/2000/svg, not <model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\">"
    );
    assert_eq!(
        err(b"<views xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\"/>"),
        "This is not an ArchiMate exchange model: it starts with <views>, not <model>"
    );
    assert!(err(b"<!DOCTYPE model [<!ENTITY a \"aaaa\">]><model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\">&a;</model>")
        .contains("declares a DTD"));
    assert!(err(b"<?xml version=\"1.0\" encoding=\"EBCDIC\"?><model/>").contains("ebcdic encoding"));
    assert!(err(b"<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\"><name>caf\xE9</name></model>")
        .starts_with("The file is not UTF-8 text"));
    let mut big = b"<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\">".to_vec();
    big.resize(MAX_FILE_BYTES + 1, b' ');
    assert_eq!(err(&big), "The file is 20.0 MB; Cairn opens roadmap files up to 20 MB");
}

// ---------------------------------------------------------------------------------------
// Archi's CSV files

fn file(name: &str, text: &str) -> (String, Vec<u8>) {
    (name.to_string(), text.as_bytes().to_vec())
}

#[test]
fn csv_with_any_delimiter_prefix_and_bom() {
    for (delimiter, bom) in [(",", ""), (";", "\u{feff}"), ("\t", "\u{feff}")] {
        let d = delimiter;
        let elements = format!(
            "{bom}\"ID\"{d}\"Type\"{d}\"Name\"{d}\"Documentation\"{d}\"Specialization\"\r\n\"m\"{d}\"ArchimateModel\"{d}\"Plan; with, delimiters\"{d}\"\"{d}\"\"\r\n\"w1\"{d}\"WorkPackage\"{d}\"Rollout\"{d}\"Two\r\nlines\"{d}\"\"\r\n\"g1\"{d}\"Goal\"{d}\"Grow\"{d}\"\"{d}\"\"\r\n"
        );
        let relations = format!(
            "{bom}\"ID\"{d}\"Type\"{d}\"Name\"{d}\"Documentation\"{d}\"Source\"{d}\"Target\"{d}\"Specialization\"\r\n\"r1\"{d}\"InfluenceRelationship\"{d}\"\"{d}\"\"{d}\"w1\"{d}\"g1\"{d}\"\"\r\n"
        );
        let properties = format!(
            "{bom}\"ID\"{d}\"Key\"{d}\"Value\"\r\n\"r1\"{d}\"Influence_Strength\"{d}\"+\"\r\n\"w1\"{d}\"Capex\"{d}\"100\"\r\n\"m\"{d}\"Currency\"{d}\"GBP\"\r\n"
        );
        // Any order, any prefix.
        let files = [
            file("x-properties.csv", &properties),
            file("my model-elements.csv", &elements),
            file("relations.csv", &relations),
        ];
        let (r, report) = import_csv(&files).unwrap_or_else(|e| panic!("{d:?}: {e}"));
        assert_eq!(r.name, "Plan; with, delimiters");
        assert_eq!(r.currency, "GBP");
        assert_eq!(r.initiatives[0].description, "Two\nlines");
        assert_eq!(r.initiatives[0].capex, 100.0);
        assert_eq!(
            r.initiatives[0].goals,
            [GoalLink { goal: r.goals[0].id.clone(), contribution: 1 }],
            "Archi writes the strength as a property"
        );
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    }
}

#[test]
fn csv_in_windows_1252_and_without_relations() {
    let elements =
        b"\"ID\",\"Type\",\"Name\",\"Documentation\"\r\n\"c1\",\"Capability\",\"Gesch\xE4ftspartner \x80\",\"\"\r\n";
    let (r, report) = import_csv(&[("elements.csv".to_string(), elements.to_vec())]).unwrap();
    assert_eq!(r.capabilities[0].name, "Geschäftspartner €");
    assert_eq!(r.name, "Imported ArchiMate model");
    assert_eq!(
        report.warnings,
        [
            "elements.csv is not UTF-8; it was read as Windows-1252 (“ANSI”)",
            "relations.csv was not among the chosen files, so no relationships were read",
            "properties.csv was not among the chosen files, so no properties were read",
        ]
    );
}

#[test]
fn csv_files_that_do_not_fit_are_refused_with_a_reason() {
    let err = |files: &[(String, Vec<u8>)]| import_csv(files).unwrap_err();
    let relations = file("relations.csv", "\"ID\",\"Type\",\"Name\",\"Documentation\",\"Source\",\"Target\"\r\n");
    let help = "Choose Archi's elements.csv together with relations.csv and properties.csv (from File › Export › Model to CSV…)";
    assert_eq!(err(&[]), help);
    assert_eq!(
        err(std::slice::from_ref(&relations)),
        format!("There is no elements.csv among the chosen files. {help}")
    );
    assert_eq!(err(&[file("e.csv", " \r\n")]), format!("e.csv is empty. {help}"));
    assert_eq!(
        err(&[file("budget.csv", "Year,Amount\n2026,5\n")]),
        format!("budget.csv is not one of Archi's CSV files (its first row should name the columns ID, Type, Name … or ID, Key, Value). {help}")
    );
    assert_eq!(
        err(&[relations.clone(), file("relations (1).csv", "ID;Type;Name;Documentation;Source;Target\n")]),
        "relations.csv and relations (1).csv are both relations.csv; choose one of each"
    );
    let mut big = vec![b' '; MAX_FILE_BYTES / 2 + 1];
    big[..4].copy_from_slice(b"\"ID\"");
    let halves = [("elements.csv".to_string(), big.clone()), ("relations.csv".to_string(), big)];
    assert!(err(&halves).starts_with("Together, the files are too large: The file is 20.0 MB"), "{}", err(&halves));
}

// ---------------------------------------------------------------------------------------
// Export

/// Validates `xml` against the Open Group schema with xmllint; `Err` has xmllint's message.
fn xmllint(xml: &str, name: &str) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("cairn-archimate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.xml"));
    std::fs::write(&path, xml).unwrap();
    let schema = format!("{}/tests/fixtures/archimate/xsd/archimate3_Diagram.xsd", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", &schema])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint could not be run ({e}); install it (Debian package libxml2-utils, which scripts/setup installs)")
        });
    let _ = std::fs::remove_file(&path);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// A roadmap with text that XML must escape, and every kind of link.
fn awkward() -> Roadmap {
    let mut r = crate::domain::demo::demo_roadmap();
    r.name = "Plan <script>alert('x')</script> & \"quotes\"".into();
    r.description = "Line one\r\nLine two\ttabbed ]]> <![CDATA[ &amp; ünïcödé 日本語 🚚 \u{7}bell".into();
    let g = r.goals[0].id.clone();
    r.goal_mut(&g).unwrap().name = "<b>Grow</b> & 'thrive'".into();
    r.goal_mut(&g).unwrap().id = "goal with spaces & <ü>".into();
    for i in r.initiatives.iter_mut().map(Arc::make_mut) {
        for l in &mut i.goals {
            if l.goal == g {
                l.goal = "goal with spaces & <ü>".into();
            }
        }
    }
    let first = r.initiatives[0].id.clone();
    let i = r.initiative_mut(&first).unwrap();
    i.vendors.push("AT&T".into());
    i.milestones.push(Milestone { name: "Wave (2026-06)".into(), month: None });
    // The landscape too: markup, ampersands, quotes and a control character.
    let l = &mut r.landscape;
    let a = Arc::make_mut(&mut l.applications[0]);
    a.name = "<script>alert(\"x\")</script> & 'CRM'".into();
    a.description = "Bell\u{7} & <b>bold</b>\r\nnext ]]>".into();
    a.vendor = "AT&T".into();
    a.business_owner = "O'Brien <ops>".into();
    a.tags = vec!["<i>".into(), "a&b".into(), "\"quoted\"".into()];
    let to = l.applications[1].id.clone();
    let a = Arc::make_mut(&mut l.applications[0]);
    a.interfaces.push(crate::domain::landscape::Interface {
        to,
        name: "<feed> & \"sync\"".into(),
        direction: crate::domain::landscape::Direction::Inbound,
        data: "orders\u{1}, <invoices> & 'credit notes'".into(),
    });
    let t = Arc::make_mut(&mut l.technologies[0]);
    t.name = "Ora]]>cle & <db>".into();
    t.category = "".into();
    t.version = "12\"2'".into();
    r
}

#[test]
fn export_validates_against_the_open_group_schema() {
    let cases = [
        ("demo", crate::domain::demo::demo_roadmap()),
        ("awkward", awkward()),
        ("generated", crate::domain::generate::generate(7, 300)),
        ("empty", Roadmap::default()),
    ];
    for (name, r) in cases {
        let xml = export_exchange(&r);
        if let Err(e) = xmllint(&xml, name) {
            panic!("the {name} export does not validate:\n{e}");
        }
    }
    // The check itself catches a broken file.
    let broken = export_exchange(&crate::domain::demo::demo_roadmap()).replace("xsi:type=\"Goal\"", "xsi:type=\"Aim\"");
    assert!(xmllint(&broken, "broken").is_err());
}

#[test]
fn the_fixtures_validate_too() {
    // The schema check accepts what real tools write (the README says all three validate).
    for f in ["exchange-archi-5.0.2.xml", "exchange-visual-paradigm.xml"] {
        let text = String::from_utf8(fixture(f)).unwrap();
        xmllint(&text, f).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
}

#[test]
fn export_then_import_gives_the_demo_back_exactly() {
    let demo = crate::domain::demo::demo_roadmap();
    let (back, report) = import_exchange(export_exchange(&demo).as_bytes(), "en").unwrap();
    assert_eq!(back, demo);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(
        report.skipped_elements.is_empty()
            && report.skipped_relationships.is_empty()
            && report.unused_properties.is_empty()
    );

    let awkward = awkward();
    let (back, _) = import_exchange(export_exchange(&awkward).as_bytes(), "en").unwrap();
    let mut expected = awkward.clone();
    expected.description = expected.description.replace('\u{7}', "");
    let a = Arc::make_mut(&mut expected.landscape.applications[0]);
    a.description = a.description.replace('\u{7}', "");
    let last = a.interfaces.len() - 1;
    a.interfaces[last].data = a.interfaces[last].data.replace('\u{1}', "");
    assert_eq!(back.landscape.applications[0], expected.landscape.applications[0]);
    assert_eq!(back.landscape.technologies[0], expected.landscape.technologies[0]);
    assert_eq!(back, expected);
}

#[test]
fn export_writes_readable_archimate() {
    let xml = export_exchange(&awkward());
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\""
    ));
    assert!(
        xml.contains("<name>Plan &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quotes&quot;</name>"),
        "{xml}"
    );
    assert!(xml.contains(
        "Line one&#13;\nLine two\ttabbed ]]&gt; &lt;![CDATA[ &amp;amp; ünïcödé 日本語 🚚 bell</documentation>"
    ));
    assert!(xml.contains("<element identifier=\"cairn-goal_20with_20spaces_20_26_20_3C_C3_BC_3E\" xsi:type=\"Goal\">"));
    let xml = export_exchange(&crate::domain::demo::demo_roadmap());
    assert!(xml.contains("<element identifier=\"cairn-cap-cust-crm\" xsi:type=\"Capability\">"));
    assert!(xml.contains("<element identifier=\"cairn-ini-crm\" xsi:type=\"WorkPackage\">"));
    assert!(xml.contains("source=\"cairn-cap-cust\" target=\"cairn-cap-cust-crm\" xsi:type=\"Composition\"/>"));
    assert!(
        xml.contains("source=\"cairn-ini-crm\" target=\"cairn-goal-cx\" xsi:type=\"Influence\" modifier=\"+++\"/>"),
        "{xml}"
    );
    assert!(xml.contains("source=\"cairn-ini-crm\" target=\"cairn-ini-portal\" xsi:type=\"Triggering\"/>"));
    assert!(
        xml.contains("xsi:type=\"Realization\">\n      <properties>\n        <property propertyDefinitionRef=\"prop-")
    );
    // One definition per property name.
    let defs: Vec<&str> = xml.lines().filter(|l| l.contains("<propertyDefinition ")).collect();
    let mut names: Vec<&str> =
        defs.iter().map(|l| l.split("<name>").nth(1).unwrap().split('<').next().unwrap()).collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count);
    for want in [
        "Currency",
        "Horizon start",
        "Capex budget FY2026",
        "Capacity 2026-Q1",
        "Owner",
        "Start",
        "Capex",
        "Vendor",
        "Current maturity",
        "KPI",
        "Maturity after",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    assert!(defs.iter().any(|l| l.contains("type=\"number\"><name>Capex</name>")));
}

#[test]
fn identifiers_stand_for_ids_and_back() {
    assert_eq!(identifier_for("ini-crm"), "cairn-ini-crm");
    assert_eq!(identifier_for("a b_c"), "cairn-a_20b_5Fc");
    assert_eq!(identifier_for("é"), "cairn-_C3_A9");
    assert_eq!(id_from_identifier("cairn-a_20b_5Fc").as_deref(), Some("a b_c"));
    for other in [
        "id-8b658a318d5b4050",
        "EAID_4C22871F",
        "cairn-",
        "cairn-_4",
        "cairn-_ZZ",
        "cairn-_41",
        "cairn-_+1",
        "cairn-_C3",
        "cairn-_20",
    ] {
        assert_eq!(id_from_identifier(other), None, "{other}");
    }
}

/// What an export can carry of `r`: text without the characters XML cannot hold, names
/// trimmed, a blank name replaced as the import does.
fn carried(r: &Roadmap) -> Roadmap {
    fn clean(t: &str) -> String {
        t.chars()
            .filter(
                |c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..),
            )
            .collect()
    }
    fn name(t: &str, unnamed: &str) -> String {
        let t = clean(t).trim().to_string();
        if t.is_empty() {
            unnamed.to_string()
        } else {
            t
        }
    }
    let mut r = r.clone();
    // The scoring criteria and values of custom criteria do not travel (the model does).
    r.scoring.criteria = crate::domain::model::Scoring::default().criteria;
    r.name = name(&r.name, "Imported ArchiMate model");
    r.description = clean(&r.description);
    for g in r.goals.iter_mut().map(Arc::make_mut) {
        g.name = name(&g.name, "Unnamed goal");
        for t in [&mut g.description, &mut g.theme, &mut g.owner, &mut g.kpi.name, &mut g.kpi.unit] {
            *t = clean(t);
        }
    }
    for c in r.capabilities.iter_mut().map(Arc::make_mut) {
        c.name = name(&c.name, "Unnamed capability");
        c.description = clean(&c.description);
        c.area = clean(&c.area);
        c.compliance.iter_mut().for_each(|t| *t = clean(t));
    }
    for i in r.initiatives.iter_mut().map(Arc::make_mut) {
        i.name = name(&i.name, "Unnamed initiative");
        for t in [&mut i.description, &mut i.owner, &mut i.sponsor] {
            *t = clean(t);
        }
        i.milestones.iter_mut().for_each(|m| m.name = clean(&m.name));
        i.vendors.iter_mut().for_each(|t| *t = clean(t));
        i.compliance.iter_mut().for_each(|t| *t = clean(t));
        i.scoring.custom.clear();
    }
    r
}

/// `r` with every id given `prefix` in front (links follow).
fn prefixed_ids(r: &Roadmap, prefix: &str) -> Roadmap {
    let p = |id: &str| format!("{prefix}{id}");
    let mut r = r.clone();
    for g in r.goals.iter_mut().map(Arc::make_mut) {
        g.id = p(&g.id);
    }
    for c in r.capabilities.iter_mut().map(Arc::make_mut) {
        c.id = p(&c.id);
        c.parent = c.parent.as_deref().map(p);
    }
    for i in r.initiatives.iter_mut().map(Arc::make_mut) {
        i.id = p(&i.id);
        i.depends_on.iter_mut().for_each(|d| *d = p(d));
        i.goals.iter_mut().for_each(|l| l.goal = p(&l.goal));
        i.capabilities.iter_mut().for_each(|l| l.capability = p(&l.capability));
    }
    r
}

/// A few bytes of `bytes` changed: cut at `cut`, `junk` put in, and one byte flipped.
fn damaged(bytes: &[u8], cut: usize, junk: &[u8], flip: (usize, u8)) -> Vec<u8> {
    let cut = cut % (bytes.len() + 1);
    let mut out = [&bytes[..cut], junk, &bytes[cut..]].concat();
    if !out.is_empty() {
        let at = flip.0 % out.len();
        out[at] ^= flip.1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn any_roadmap_survives_export_and_import(r in testing::roadmap(), prefix in "\\PC{0,3}") {
        let r = prefixed_ids(&r, &prefix);
        let xml = export_exchange(&r);
        let (back, _) = import_exchange(xml.as_bytes(), "en").map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(back, carried(&r));
    }

    #[test]
    fn identifiers_round_trip(id in "(?s).{1,12}") {
        let identifier = identifier_for(&id);
        prop_assert!(identifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b)));
        let back = id_from_identifier(&identifier);
        prop_assert_eq!(back, (!id.trim().is_empty()).then_some(id));
    }

    #[test]
    fn damaged_exchange_files_never_panic(
        which in 0..3usize, cut in any::<usize>(), junk in proptest::collection::vec(any::<u8>(), 0..8), flip in (any::<usize>(), any::<u8>()),
    ) {
        let name = ["exchange-archi-5.0.2.xml", "exchange-sparx-ea.xml", "exchange-visual-paradigm.xml"][which];
        let _ = import_exchange(&damaged(&fixture(name), cut, &junk, flip), "en");
    }

    #[test]
    fn damaged_csv_files_never_panic(
        which in 0..3usize, cut in any::<usize>(), junk in proptest::collection::vec(any::<u8>(), 0..8), flip in (any::<usize>(), any::<u8>()),
    ) {
        let mut files = csv_fixture("archi-test1-");
        files[which].1 = damaged(&files[which].1, cut, &junk, flip);
        let _ = import_csv(&files);
    }

    #[test]
    fn damaged_exports_never_panic(r in testing::roadmap(), cut in any::<usize>(), junk in "[<>&\"'/=a-z ]{0,6}", flip in (any::<usize>(), any::<u8>())) {
        let xml = export_exchange(&r);
        let _ = import_exchange(&damaged(xml.as_bytes(), cut, junk.as_bytes(), flip), "en");
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = import_exchange(&bytes, "en");
        let _ = import_csv(&[("elements.csv".to_string(), bytes)]);
    }
}

#[test]
fn one_dialog_takes_either_format() {
    let xml = fixture("exchange-archi-5.0.2.xml");
    let csv = csv_fixture("nbility-en-");
    let chosen = |files: &[(String, Vec<u8>)]| {
        let files: Vec<InputFile> = files.iter().map(|(name, bytes)| InputFile { name, bytes }).collect();
        import_files(&files, "en").map(|(r, report)| (report.source, r.capabilities.len())).map_err(|e| e.message)
    };
    // Recognised by content, not by name.
    assert_eq!(chosen(&[("model.txt".to_string(), xml.clone())]), Ok((Source::Exchange3, 1)));
    assert_eq!(chosen(&csv), Ok((Source::ArchiCsv, 215)));
    let mut both = csv.clone();
    both.push(("model.xml".to_string(), xml));
    assert!(chosen(&both)
        .unwrap_err()
        .starts_with("Choose either one ArchiMate exchange file (.xml) or Archi's CSV files, not both."));
    assert!(chosen(&[]).unwrap_err().starts_with("Choose Archi's elements.csv"));
}

// ---------------------------------------------------------------------------------------
// The landscape: applications, interfaces, technologies, changes

/// A relationship with a name (may be empty) and properties `propid-N`.
fn rel_full(id: &str, kind: &str, source: &str, target: &str, name: &str, props: &[(usize, &str)]) -> String {
    let name = if name.is_empty() { String::new() } else { format!("<name>{name}</name>") };
    let props: String = props
        .iter()
        .map(|(d, v)| format!(r#"<property propertyDefinitionRef="propid-{d}"><value>{v}</value></property>"#))
        .collect();
    let props = if props.is_empty() { String::new() } else { format!("<properties>{props}</properties>") };
    format!(
        r#"<relationship identifier="{id}" xsi:type="{kind}" source="{source}" target="{target}">{name}{props}</relationship>"#
    )
}

fn app<'a>(r: &'a Roadmap, name: &str) -> &'a crate::domain::landscape::Application {
    r.landscape.applications.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("application {name}"))
}

fn tech<'a>(r: &'a Roadmap, name: &str) -> &'a crate::domain::landscape::Technology {
    r.landscape.technologies.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("technology {name}"))
}

#[test]
fn application_components_become_applications_with_their_fields() {
    use crate::domain::landscape::*;
    let defs = [
        "Vendor",
        "Business owner",
        "type",
        "Lifecycle: Active",
        "lifecycle_plan",
        "Functional fit",
        "Run cost per year",
        "Tags",
        "Disposition",
        "Users",
        "Colour",
        "IT owner",
        "Business criticality",
        "Data classification",
        "Hosting",
        "Contract end",
        "Technical fit",
        "Capex",
    ];
    let elements = [
        el_props(
            "a1",
            "ApplicationComponent",
            "CRM",
            &[
                (1, "Salesforce"),
                (2, "Sales"),
                (3, "saas"),
                (4, "2024-01"),
                (5, "2023-06-15"),
                (6, "3"),
                (7, "1,500,000"),
                (8, "crm"),
                (8, "sales"),
                (9, "Invest"),
                (10, "250"),
                (11, "blue"),
                (12, "IT &amp; Co"),
                (13, "Mission-critical"),
                (14, "restricted"),
                (15, "Cloud"),
                (16, "2027-03"),
                (17, "2"),
                (18, "20000"),
            ],
        ),
        el_props("a2", "applicationcomponent", "ERP", &[(6, "7"), (4, "2020-01"), (5, "2021-01"), (10, "many")]),
        el("a3", "ApplicationComponent", "  "),
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, "", &defs)).unwrap();
    let crm = app(&r, "CRM");
    assert_eq!(crm.id, "app-1");
    assert_eq!(crm.vendor, "Salesforce");
    assert_eq!((crm.business_owner.as_str(), crm.it_owner.as_str()), ("Sales", "IT & Co"));
    assert_eq!(crm.kind, AppType::Saas);
    assert_eq!(crm.hosting, Hosting::Cloud);
    assert_eq!(crm.criticality, Criticality::MissionCritical);
    assert_eq!(crm.data_classification, DataClass::Restricted);
    assert_eq!(crm.users, 250);
    assert_eq!(
        crm.lifecycle,
        Lifecycle { plan: Some(m("2023-06")), active: Some(m("2024-01")), ..Lifecycle::default() }
    );
    assert_eq!((crm.functional_fit, crm.technical_fit), (Some(3), Some(2)));
    assert_eq!(crm.disposition, Some(Disposition::Invest));
    assert_eq!((crm.run_cost_per_year, crm.capex), (1_500_000.0, 20_000.0));
    assert_eq!(crm.contract_end, Some(m("2027-03")));
    assert_eq!(crm.tags, ["crm", "sales"]);

    // Bad values are left out with a warning; a lifecycle out of order is dropped whole.
    let erp = app(&r, "ERP");
    assert_eq!((erp.functional_fit, erp.users, erp.lifecycle), (None, 0, Lifecycle::default()));
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("application \"ERP\": “Functional fit” is “7” (expected a whole number from 1 to 4)"),
        "{warnings}"
    );
    assert!(warnings.contains("application \"ERP\": “Users” is “many”"), "{warnings}");
    assert!(warnings.contains("application \"ERP\": its lifecycle phases do not start in order"), "{warnings}");
    assert!(
        warnings.contains("1 application has no name in the file; it is called “Unnamed application”"),
        "{warnings}"
    );
    assert_eq!(report.unused_properties, counts(&[("Colour", 1)]));
    assert_eq!(report.count("applications"), 3);
    assert!(report
        .lines()
        .contains(&"3 ApplicationComponent → applications, e.g. “CRM”, “ERP”, “Unnamed application”".to_string()));
}

#[test]
fn flows_between_components_and_their_interfaces_become_interfaces() {
    use crate::domain::landscape::*;
    let elements = [
        el("a1", "ApplicationComponent", "CRM"),
        el("a2", "ApplicationComponent", "ERP"),
        el("a3", "ApplicationComponent", "Portal"),
        el("i1", "ApplicationInterface", "Orders API"),
        el("i2", "ApplicationInterface", "Loose end"),
        el("d1", "DataObject", "Order"),
    ]
    .concat();
    let relationships = [
        rel("r1", "Composition", "a1", "i1"),
        rel_full("r2", "Flow", "i1", "a2", "", &[(1, "orders, invoices")]),
        rel_full("r3", "Flow", "a3", "a1", "Sync &amp; more", &[(2, "Receives from")]),
        rel("r4", "Serving", "a2", "a3"),
        rel_full("r5", "Triggering", "a1", "a3", "Nightly", &[(2, "both")]),
        rel("r6", "Flow", "i2", "a1"),
        rel("r7", "Flow", "a1", "i1"),
        rel_full("r8", "Flow", "a2", "a1", "", &[(2, "sideways")]),
        rel("r9", "Access", "a1", "d1"),
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, &relationships, &["Data", "Direction"])).unwrap();
    let id = |name: &str| app(&r, name).id.clone();
    let iface = |to: &str, name: &str, direction, data: &str| Interface {
        to: id(to),
        name: name.into(),
        direction,
        data: data.into(),
    };
    assert_eq!(
        app(&r, "CRM").interfaces,
        [
            iface("ERP", "Orders API", Direction::Outbound, "orders, invoices"),
            // Flow from the Portal marked "Receives from": the CRM's interface, inbound.
            iface("Portal", "Sync & more", Direction::Inbound, ""),
            iface("Portal", "Nightly", Direction::Both, ""),
        ]
    );
    assert_eq!(
        app(&r, "ERP").interfaces,
        [iface("Portal", "", Direction::Outbound, ""), iface("CRM", "", Direction::Outbound, "")]
    );
    assert!(app(&r, "Portal").interfaces.is_empty());
    assert_eq!(report.count("interfaces"), 5);
    // The interface no component owns is skipped, and so is the flow from it and the one
    // from the CRM to its own interface.
    assert!(
        report.skipped_elements.contains(&("ApplicationInterface".to_string(), 1)),
        "{:?}",
        report.skipped_elements
    );
    assert!(report.skipped_elements.contains(&("DataObject".to_string(), 1)));
    assert_eq!(report.skipped_relationships, counts(&[("Flow", 2), ("Access", 1)]));
    assert_eq!(
        report.warnings,
        ["application \"ERP\": “Direction” of the interface to “CRM” is “sideways” (expected one of Sends to, Receives from, Both ways); “Sends to” is used"]
    );
}

#[test]
fn technologies_capabilities_changes_and_successors() {
    use crate::domain::landscape::*;
    let defs =
        ["Version", "End of life", "Category", "Fit", "Month", "Change", "Catalog product", "Catalog end of life"];
    let elements = [
        el_props("t1", "SystemSoftware", "RHEL", &[(1, "9"), (2, "2032-05"), (7, "rhel"), (8, "never")]),
        el("t2", "Node", "Prod cluster"),
        el_props("t3", "Device", "Scanner", &[(3, "Handheld")]),
        el("t4", "TechnologyService", "Backup"),
        el("a1", "ApplicationComponent", "Old CRM"),
        el("a2", "ApplicationComponent", "New CRM"),
        el("c1", "Capability", "Sales"),
        el("c2", "Capability", "Service"),
        el("w1", "WorkPackage", "CRM rollout"),
        el("w2", "WorkPackage", "Cleanup"),
    ]
    .concat();
    let relationships = [
        rel("r1", "Serving", "t1", "a1"),
        rel("r2", "Realization", "t2", "a1"),
        rel("r3", "Assignment", "t3", "a2"),
        rel("r4", "Serving", "t1", "a1"),
        rel_full("r5", "Realization", "a1", "c1", "", &[(4, "2")]),
        rel_full("r6", "Serving", "a2", "c1", "", &[(4, "9")]),
        rel("r7", "Realization", "a2", "c2"),
        rel_full("r8", "Realization", "w1", "a2", "", &[(5, "2026-06"), (6, "1")]),
        rel_full("r9", "Association", "w1", "a1", "Retires", &[(6, "1")]),
        rel("r10", "Association", "w2", "a1"),
        rel_full("r11", "Association", "a2", "w2", "retires", &[(5, "2027-01")]),
        rel_full("r12", "Association", "a1", "a2", "successor", &[]),
        rel("r13", "Serving", "a1", "t4"),
    ]
    .concat();
    let (r, report) = import_xml(&exchange(&elements, &relationships, &defs)).unwrap();
    // The category from a property, else from the element type.
    let cats: Vec<&str> = r.landscape.technologies.iter().map(|t| t.category.as_str()).collect();
    assert_eq!(cats, ["System software", "Node", "Handheld", "Technology service"]);
    let rhel = tech(&r, "RHEL");
    assert_eq!((rhel.version.as_str(), rhel.end_of_life), ("9", Some(m("2032-05"))));
    assert_eq!(
        rhel.catalog,
        Some(CatalogLink { product: "rhel".into(), end_of_life: Ends::Never, ..CatalogLink::default() })
    );
    assert_eq!(tech(&r, "Backup").catalog, None);
    let tid = |name: &str| tech(&r, name).id.clone();
    let (old, new) = (app(&r, "Old CRM"), app(&r, "New CRM"));
    assert_eq!(old.technologies, [tid("RHEL"), tid("Prod cluster")], "the repeated Serving counts once");
    assert_eq!(new.technologies, [tid("Scanner")]);
    let cap = |name: &str| r.capabilities.iter().find(|c| c.name == name).unwrap().id.clone();
    assert_eq!(old.capabilities, [Support { capability: cap("Sales"), fit: Some(2) }]);
    assert_eq!(
        new.capabilities,
        [Support { capability: cap("Sales"), fit: None }, Support { capability: cap("Service"), fit: None }]
    );
    assert_eq!(old.successor.as_deref(), Some(new.id.as_str()));
    let ini = |name: &str| r.initiatives.iter().find(|i| i.name == name).unwrap().id.clone();
    assert_eq!(
        r.landscape.changes,
        [
            Change {
                initiative: ini("CRM rollout"),
                retires: Some(old.id.clone()),
                introduces: Some(new.id.clone()),
                month: Some(m("2026-06")),
            },
            Change {
                initiative: ini("Cleanup"),
                retires: Some(new.id.clone()),
                introduces: None,
                month: Some(m("2027-01"))
            },
        ]
    );
    assert_eq!(
        (report.count("technologies"), report.count("technologies used"), report.count("capabilities supported")),
        (4, 3, 3)
    );
    assert_eq!((report.count("application changes"), report.count("successors")), (2, 1));
    // The unnamed Association and the application serving a technology mean nothing here.
    assert_eq!(report.skipped_relationships, counts(&[("Association", 1), ("Serving", 1)]));
    assert_eq!(
        report.warnings,
        ["application \"New CRM\": “Fit” for capability “Sales” is “9” (expected a whole number from 1 to 4), so it was not used"]
    );
    let lines = report.lines();
    assert!(
        lines.contains(
            &"1 Association “successor” between application components → successors, e.g. “Old CRM → New CRM”"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("2 Realization/Association “retires” (work package – application component) → application changes, e.g. “CRM rollout replaces Old CRM with New CRM”")), "{lines:?}");
}

#[test]
fn csv_relation_names_carry_retirements_and_successors() {
    let elements = "\"ID\",\"Type\",\"Name\",\"Documentation\"\n\"a1\",\"ApplicationComponent\",\"Old\",\"\"\n\"a2\",\"ApplicationComponent\",\"New\",\"\"\n\"w1\",\"WorkPackage\",\"Swap\",\"\"\n\"t1\",\"SystemSoftware\",\"Linux\",\"\"\n";
    let relations = "\"ID\",\"Type\",\"Name\",\"Documentation\",\"Source\",\"Target\"\n\"r1\",\"AssociationRelationship\",\"retires\",\"\",\"w1\",\"a1\"\n\"r2\",\"AssociationRelationship\",\"successor\",\"\",\"a1\",\"a2\"\n\"r3\",\"FlowRelationship\",\"Feed\",\"\",\"a1\",\"a2\"\n\"r4\",\"ServingRelationship\",\"\",\"\",\"t1\",\"a2\"\n";
    let properties = "\"ID\",\"Key\",\"Value\"\n\"r1\",\"Month\",\"2026-09\"\n\"a1\",\"Vendor\",\"Acme\"\n\"t1\",\"Version\",\"6.1\"\n\"r3\",\"Data\",\"customers\"\n";
    let files = [file("elements.csv", elements), file("relations.csv", relations), file("properties.csv", properties)];
    let (r, report) = import_csv(&files).unwrap();
    let (old, new) = (app(&r, "Old"), app(&r, "New"));
    assert_eq!(old.vendor, "Acme");
    assert_eq!(old.successor.as_deref(), Some(new.id.as_str()));
    assert_eq!(old.interfaces[0].name, "Feed");
    assert_eq!(old.interfaces[0].data, "customers");
    assert_eq!(tech(&r, "Linux").version, "6.1");
    assert_eq!(new.technologies, [tech(&r, "Linux").id.clone()]);
    assert_eq!(r.landscape.changes[0].retires.as_deref(), Some(old.id.as_str()));
    assert_eq!(r.landscape.changes[0].month, Some(m("2026-09")));
    assert!(report.skipped_relationships.is_empty() && report.warnings.is_empty(), "{report:?}");
}

/// Each application and technology of `r` with its links written by name instead of id,
/// for comparing landscapes whose ids differ.
fn landscape_by_name(r: &Roadmap) -> (Vec<String>, Vec<String>, Vec<String>) {
    use std::collections::HashMap;
    let mut names: HashMap<&str, &str> = HashMap::new();
    names.extend(r.landscape.applications.iter().map(|a| (a.id.as_str(), a.name.as_str())));
    names.extend(r.landscape.technologies.iter().map(|t| (t.id.as_str(), t.name.as_str())));
    names.extend(r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())));
    names.extend(r.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())));
    let n = |id: &str| names.get(id).copied().unwrap_or("?").to_string();
    let apps = r
        .landscape
        .applications
        .iter()
        .map(|a| {
            let mut a = (**a).clone();
            a.id = String::new();
            a.successor = a.successor.as_deref().map(n);
            a.technologies.iter_mut().for_each(|t| *t = n(t));
            a.capabilities.iter_mut().for_each(|s| s.capability = n(&s.capability));
            a.interfaces.iter_mut().for_each(|i| i.to = n(&i.to));
            format!("{a:?}")
        })
        .collect();
    let techs = r
        .landscape
        .technologies
        .iter()
        .map(|t| format!("{:?}", Technology { id: String::new(), ..(**t).clone() }))
        .collect();
    let changes = r
        .landscape
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {:?} {:?} {:?}",
                n(&c.initiative),
                c.retires.as_deref().map(n),
                c.introduces.as_deref().map(n),
                c.month
            )
        })
        .collect();
    (apps, techs, changes)
}

use crate::domain::landscape::Technology;

#[test]
fn the_demo_landscape_round_trips_field_by_field() {
    let demo = crate::domain::demo::demo_roadmap();
    let l = &demo.landscape;
    assert!(l.applications.len() > 50 && l.technologies.len() > 30 && !l.changes.is_empty());
    assert!(l.applications.iter().any(|a| !a.interfaces.is_empty()), "the demo has interfaces");
    let xml = export_exchange(&demo);
    xmllint(&xml, "demo-landscape").unwrap_or_else(|e| panic!("{e}"));
    let (back, report) = import_exchange(xml.as_bytes(), "en").unwrap();
    assert_eq!(report.count("applications"), l.applications.len());
    assert_eq!(report.count("technologies"), l.technologies.len());
    let interfaces: usize = l.applications.iter().map(|a| a.interfaces.len()).sum();
    assert_eq!(report.count("interfaces"), interfaces);
    assert_eq!(report.count("application changes"), l.changes.len());
    // Field by field, with the ids kept.
    for (a, b) in l.applications.iter().zip(&back.landscape.applications) {
        assert_eq!(a, b);
    }
    for (a, b) in l.technologies.iter().zip(&back.landscape.technologies) {
        assert_eq!(a, b);
    }
    assert_eq!(back.landscape, demo.landscape);

    // From a tool that gave everything its own identifiers: fresh ids, the same landscape by name.
    let foreign = xml.replace("\"cairn-", "\"id-");
    let (back, report) = import_exchange(foreign.as_bytes(), "en").unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(back.landscape.applications[0].id, "app-1");
    assert_eq!(back.landscape.technologies[0].id, "tech-1");
    let (want, got) = (landscape_by_name(&demo), landscape_by_name(&back));
    assert_eq!(want.0.len(), got.0.len());
    for (a, b) in want.0.iter().zip(&got.0) {
        assert_eq!(a, b);
    }
    assert_eq!(want, got);
}

#[test]
fn export_writes_the_landscape_as_archimate() {
    let xml = export_exchange(&crate::domain::demo::demo_roadmap());
    assert!(xml.contains("<element identifier=\"cairn-app-ecc\" xsi:type=\"ApplicationComponent\">"), "{xml}");
    assert!(xml.contains("<element identifier=\"cairn-tech-rhel9\" xsi:type=\"SystemSoftware\">"));
    assert!(xml.contains("source=\"cairn-tech-ora122\" target=\"cairn-app-ecc\" xsi:type=\"Serving\"/>"));
    assert!(xml.contains("xsi:type=\"Association\" isDirected=\"true\">\n      <name>successor</name>"));
    assert!(xml.contains("xsi:type=\"Association\" isDirected=\"true\">\n      <name>retires</name>"));
    assert!(xml.contains(" xsi:type=\"Flow\">\n      <name>"));
    for want in [
        "Vendor",
        "Business owner",
        "IT owner",
        "Business criticality",
        "Lifecycle: Active",
        "Functional fit",
        "Run cost per year",
        "Disposition",
        "Category",
        "Version",
        "Catalog product",
    ] {
        assert!(xml.contains(&format!("><name>{want}</name></propertyDefinition>")), "{want}");
    }
}
