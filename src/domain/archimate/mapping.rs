//! From an ArchiMate [`Model`] (read from either format) to a roadmap, once for both formats.
//!
//! The rules, as the user meets them:
//!
//! - **Goal → goal, Capability → capability, WorkPackage → initiative**, in file order. Every
//!   other element type is skipped and counted. Names and documentation are taken in the
//!   user's language when the file has several (else the first); an element without a name
//!   is called "Unnamed goal" (capability, initiative) and listed in the warnings.
//! - **Capability parents**: a Composition or Aggregation from one capability to another puts
//!   the second under the first. A capability that is part of two parents stays under the
//!   first (in file order); a relationship that would make the map loop is not used; a
//!   capability more than 3 levels deep is moved up to level 3, under its level-2 ancestor.
//!   Each of these is a warning.
//! - **Capability links**: a Realization from a work package to a capability, or from a
//!   Deliverable the work package realizes to the capability. "Maturity after" on the
//!   relationship is the maturity the initiative brings; without it, the capability's target
//!   maturity.
//! - **Goal links**: an Influence or Realization from a work package to a goal, or an
//!   Association between them (either direction); the same from a Deliverable the work
//!   package realizes. The contribution is the relationship's "Contribution" property (1–3),
//!   else an Influence's strength (`+` 1, `++` 2, `+++` 3, a number above 3 counts as 3),
//!   else 2 (strong). A negative influence (`-`, `--`, 0) is not a contribution: it is left
//!   out, with a warning. Two routes to the same goal keep the stronger contribution.
//! - **Dependencies**: a Triggering from work package A to work package B makes B depend on A
//!   (finish-to-start). One that would close a loop, or that triggers itself, is left out with
//!   a warning.
//! - **The landscape**: ApplicationComponent → application; SystemSoftware, Node, Device and
//!   TechnologyService → technology (category from the "Category" property, else the type).
//!   A Serving, Realization or Assignment from a technology to a component, or an Assignment
//!   from a technology to an Artifact that realizes the component: the application uses it. A Flow, Triggering or Serving between components, or between the
//!   ApplicationInterfaces they compose (aggregate, are assigned to): an interface of the
//!   source to the target, named by the relationship or else the ApplicationInterface, with
//!   the "Direction" ("Receives from" makes it the target's, inbound) and "Data" properties.
//!   A Realization or Serving from a component to a capability: support, "Fit" (1–4) on the
//!   relationship. A Realization from a work package to a component introduces it, an
//!   Association named "retires" between them retires it ("Month" on either; the two with
//!   the same "Change" number are one replacement). An Association named "successor" from a
//!   component to another names its successor. A lifecycle or support dates out of order are
//!   left out with a warning.
//! - **Properties** whose names match Cairn's fields ([`fields`](super::fields)) set them; a
//!   value that does not fit (a weight of 9, a start of "soon") is left out with a warning.
//!   Start and End together date an initiative; either alone, or an end before the start,
//!   leaves it undated with a warning. Other properties are counted as not used.
//! - **The roadmap**: the model's name (or "Imported ArchiMate model") and documentation;
//!   model properties "Currency", "Fiscal year start month", "Horizon start/end",
//!   "Capex budget FY2027", "Opex budget FY2027" and "Capacity 2026-Q1". Without a horizon,
//!   it spans the whole years of the dated initiatives (else Cairn's default).
//! - **Ids**: items exported by Cairn keep their ids; others get fresh ones (`goal-1`,
//!   `cap-1`, `ini-1`).
//! - A relationship to an element that is not in the file is skipped with a warning.

use super::fields::{self, Field};
use super::{id_from_identifier, Element, LangText, Model, Property, Relationship, Source};
use crate::domain::calendar::{Month, Quarter};
use crate::domain::file_format::ImportError;
use crate::domain::landscape::{Application, Change, Direction, Interface, Landscape, Support, Technology};
use crate::domain::model::*;
use crate::domain::validate::{validate, MAX_CAPABILITY_LEVELS};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// How many examples each line of the report names.
const EXAMPLES: usize = 3;
/// At most this many warnings are listed by [`ImportReport::lines`].
const MAX_LISTED: usize = 10;

/// What an import made of the file: one line per kind of thing that became part of the
/// roadmap, what was skipped, and warnings.
#[derive(Clone, PartialEq, Debug)]
pub struct ImportReport {
    pub source: Source,
    /// What became what, e.g. `Became { from: "Goal", to: "goals", count: 2, examples: ["Grow revenue", "Cut cost"] }`.
    pub became: Vec<Became>,
    /// Elements that became nothing, by type, most frequent first: `[("ApplicationComponent", 12), ("Plateau", 3)]`.
    pub skipped_elements: Vec<(String, usize)>,
    /// Relationships that became nothing, by type, most frequent first.
    pub skipped_relationships: Vec<(String, usize)>,
    /// Properties of goals, capabilities, work packages and the model that match no field, by name.
    pub unused_properties: Vec<(String, usize)>,
    /// Things the user may want to check ("initiative "X": "Weight" is "high" …").
    pub warnings: Vec<String>,
}

/// One line of the report: `count` ArchiMate `from` became Cairn `to`.
#[derive(Clone, PartialEq, Debug)]
pub struct Became {
    pub from: String,
    pub to: String,
    pub count: usize,
    /// Up to three names, e.g. "CRM rollout → Customer care".
    pub examples: Vec<String>,
}

impl ImportReport {
    /// The count of a line of [`became`](Self::became) by its Cairn side ("goals", "capabilities", …).
    pub fn count(&self, to: &str) -> usize {
        self.became.iter().find(|b| b.to == to).map_or(0, |b| b.count)
    }

    /// "12 ApplicationComponent, 3 Plateau", or "" when nothing was skipped.
    pub fn skipped_elements_text(&self) -> String {
        counts_text(&self.skipped_elements)
    }

    /// The report as lines of plain text, for the import dialog.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("Read from an {}.", self.source.label())];
        for b in &self.became {
            let mut line = format!("{} {} → {}", b.count, b.from, b.to);
            if !b.examples.is_empty() {
                let quoted: Vec<String> = b.examples.iter().map(|e| format!("“{e}”")).collect();
                line += &format!(", e.g. {}", quoted.join(", "));
            }
            out.push(line);
        }
        if !self.skipped_elements.is_empty() {
            out.push(format!("Skipped elements: {}", counts_text(&self.skipped_elements)));
        }
        if !self.skipped_relationships.is_empty() {
            out.push(format!("Skipped relationships: {}", counts_text(&self.skipped_relationships)));
        }
        if !self.unused_properties.is_empty() {
            let names: Vec<String> = self.unused_properties.iter().map(|(k, n)| format!("“{k}” ({n})")).collect();
            out.push(format!("Properties not used: {}", names.join(", ")));
        }
        if !self.warnings.is_empty() {
            let n = self.warnings.len();
            out.push(if n == 1 { "1 warning:".to_string() } else { format!("{n} warnings:") });
            out.extend(self.warnings.iter().take(MAX_LISTED).map(|w| format!("• {w}")));
            if n > MAX_LISTED {
                out.push(format!("• …and {} more", n - MAX_LISTED));
            }
        }
        out
    }
}

fn counts_text(counts: &[(String, usize)]) -> String {
    counts.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
}

/// Counts by name, most frequent first, then by name.
fn sorted_counts(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// What an element became.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Item {
    GoalAt(usize),
    CapabilityAt(usize),
    InitiativeAt(usize),
    ApplicationAt(usize),
    TechnologyAt(usize),
    /// An ApplicationInterface, by its index among them.
    AppInterfaceAt(usize),
    Deliverable,
    Artifact,
    Other,
}

/// A growing report.
struct Report {
    warnings: Vec<String>,
    unused: BTreeMap<String, usize>,
    fields_set: usize,
}

impl Report {
    fn warn(&mut self, text: String) {
        self.warnings.push(text);
    }
}

/// Hands out ids: the ones Cairn wrote, else `prefix-N`, never one already taken.
struct Ids {
    used: HashSet<String>,
    next: HashMap<&'static str, usize>,
}

impl Ids {
    // Roadmap::fresh_id finds one id for one new item by scanning the roadmap; an import
    // makes thousands at once, so it keeps the taken ids in a set.
    fn fresh(&mut self, prefix: &'static str) -> Id {
        let n = self.next.entry(prefix).or_insert(1);
        loop {
            let id = format!("{prefix}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Turns a model into a roadmap and its report; refused only if the result would still break
/// one of Cairn's rules (which the mapping is built to prevent).
pub fn to_roadmap(model: &Model, language: &str) -> Result<(Roadmap, ImportReport), ImportError> {
    let mut report = Report { warnings: Vec::new(), unused: BTreeMap::new(), fields_set: 0 };
    let pick = |t: &LangText| t.pick(language).to_string();

    // Elements, first of each identifier.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut duplicates = 0;
    for (n, e) in model.elements.iter().enumerate() {
        if *by_id.entry(e.id.as_str()).or_insert(n) != n {
            duplicates += 1;
        }
    }
    if duplicates > 0 {
        report.warn(if duplicates == 1 {
            "1 element repeats an identifier already used in the file; only the first was read".to_string()
        } else {
            format!(
                "{duplicates} elements repeat an identifier already used in the file; only the first of each was read"
            )
        });
    }
    let first = |n: usize, e: &Element| by_id.get(e.id.as_str()) == Some(&n);
    let relationship_ids: HashSet<&str> = model.relationships.iter().map(|r| r.id.as_str()).collect();

    // Ids: Cairn's own first, so fresh ones never take them.
    let mut ids = Ids { used: HashSet::new(), next: HashMap::new() };
    let mut own_id: HashMap<usize, Id> = HashMap::new();
    for (n, e) in model.elements.iter().enumerate() {
        if first(n, e)
            && (matches!(e.kind.as_str(), "Goal" | "Capability" | "WorkPackage" | "ApplicationComponent")
                || technology_label(&e.kind).is_some())
        {
            if let Some(id) = id_from_identifier(&e.id) {
                if ids.used.insert(id.clone()) {
                    own_id.insert(n, id);
                }
            }
        }
    }

    let mut items: Vec<Item> = Vec::with_capacity(model.elements.len());
    let mut goals: Vec<Goal> = Vec::new();
    let mut capabilities: Vec<Capability> = Vec::new();
    let mut initiatives: Vec<Initiative> = Vec::new();
    let mut applications: Vec<Application> = Vec::new();
    let mut technologies: Vec<Technology> = Vec::new();
    let mut app_interfaces: Vec<String> = Vec::new(); // their names
    let mut skipped_elements: BTreeMap<String, usize> = BTreeMap::new();
    let mut unnamed: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, e) in model.elements.iter().enumerate() {
        if !first(n, e) {
            items.push(Item::Other);
            continue;
        }
        let mut id = |prefix| own_id.remove(&n).unwrap_or_else(|| ids.fresh(prefix));
        let mut name = |noun: &'static str| {
            let name = pick(&e.name).trim().to_string();
            if name.trim().is_empty() {
                *unnamed.entry(noun).or_default() += 1;
                format!("Unnamed {noun}")
            } else {
                name
            }
        };
        let item = match e.kind.as_str() {
            "Goal" => {
                let mut g = Goal { name: name("goal"), description: pick(&e.documentation), ..Goal::default() };
                g.id = id("goal");
                let subject = ItemKind::Goal.subject(&g.name, &g.id);
                apply_properties(&e.properties, &fields::GOAL_FIELDS, language, &subject, &mut report, |f, v| {
                    fields::set_goal_field(&mut g, f, v)
                });
                goals.push(g);
                Item::GoalAt(goals.len() - 1)
            }
            "Capability" => {
                let mut c = Capability {
                    name: name("capability"),
                    description: pick(&e.documentation),
                    ..Capability::default()
                };
                c.id = id("cap");
                let subject = ItemKind::Capability.subject(&c.name, &c.id);
                apply_properties(&e.properties, &fields::CAPABILITY_FIELDS, language, &subject, &mut report, |f, v| {
                    fields::set_capability_field(&mut c, f, v)
                });
                capabilities.push(c);
                Item::CapabilityAt(capabilities.len() - 1)
            }
            "WorkPackage" => {
                let mut i = Initiative {
                    name: name("initiative"),
                    description: pick(&e.documentation),
                    ..Initiative::default()
                };
                i.id = id("ini");
                let subject = ItemKind::Initiative.subject(&i.name, &i.id);
                apply_properties(&e.properties, &fields::INITIATIVE_FIELDS, language, &subject, &mut report, |f, v| {
                    fields::set_initiative_field(&mut i, f, v)
                });
                check_dates(&mut i, &subject, &mut report);
                initiatives.push(i);
                Item::InitiativeAt(initiatives.len() - 1)
            }
            "ApplicationComponent" => {
                let mut a = Application {
                    name: name("application"),
                    description: pick(&e.documentation),
                    ..Application::default()
                };
                a.id = id("app");
                let subject = ItemKind::Application.subject(&a.name, &a.id);
                apply_properties(
                    &e.properties,
                    &fields::APPLICATION_FIELDS,
                    language,
                    &subject,
                    &mut report,
                    |f, v| fields::set_application_field(&mut a, f, v),
                );
                check_lifecycle(&mut a, &subject, &mut report);
                applications.push(a);
                Item::ApplicationAt(applications.len() - 1)
            }
            "ApplicationInterface" => {
                // Counted as skipped later unless it belongs to an application component.
                app_interfaces.push(pick(&e.name).trim().to_string());
                Item::AppInterfaceAt(app_interfaces.len() - 1)
            }
            kind if technology_label(kind).is_some() => {
                let mut t = Technology { name: name("technology"), ..Technology::default() };
                t.id = id("tech");
                if property(&e.properties, Field::Category.name(), language).is_none() {
                    t.category = technology_label(kind).unwrap_or_default().to_string();
                }
                let subject = ItemKind::Technology.subject(&t.name, &t.id);
                apply_properties(&e.properties, &fields::TECHNOLOGY_FIELDS, language, &subject, &mut report, |f, v| {
                    fields::set_technology_field(&mut t, f, v)
                });
                check_support_dates(&mut t, &subject, &mut report);
                technologies.push(t);
                Item::TechnologyAt(technologies.len() - 1)
            }
            other => {
                *skipped_elements
                    .entry(if other.is_empty() { "(no type)".to_string() } else { other.to_string() })
                    .or_default() += 1;
                if other == "Deliverable" {
                    Item::Deliverable
                } else if other == "Artifact" {
                    Item::Artifact
                } else {
                    Item::Other
                }
            }
        };
        items.push(item);
    }
    for (noun, n) in unnamed {
        report.warn(if n == 1 {
            format!("1 {noun} has no name in the file; it is called “Unnamed {noun}”")
        } else {
            format!("{n} {noun}s have no name in the file; they are called “Unnamed {noun}”")
        });
    }

    // Relationships. A relationship through a deliverable counts once a link goes through it.
    let item_of = |id: &str| by_id.get(id).map(|&n| (n, items[n]));
    let mut used = vec![false; model.relationships.len()];
    let mut parent_edges: Vec<(usize, usize, usize)> = Vec::new(); // (parent, child, relationship)
    let mut capability_links: Vec<(usize, usize, &Relationship)> = Vec::new(); // (initiative, capability)
    let mut goal_links: Vec<(usize, usize, usize)> = Vec::new(); // (initiative, goal, relationship)
    let mut triggers: Vec<(usize, usize, usize)> = Vec::new(); // (before, after, relationship)
    let mut delivers: Vec<(usize, usize, usize)> = Vec::new(); // (initiative, deliverable element, relationship)
    let mut from_deliverable: Vec<(usize, Item, usize)> = Vec::new(); // (deliverable element, goal or capability, relationship)
    let mut landscape_links = LandscapeLinks::default();
    let mut dangling = Vec::new();
    for (rn, r) in model.relationships.iter().enumerate() {
        let (Some((sn, source)), Some((tn, target))) = (item_of(&r.source), item_of(&r.target)) else {
            let known = |id: &str| by_id.contains_key(id) || relationship_ids.contains(id);
            if !known(&r.source) || !known(&r.target) {
                let missing = if known(&r.source) { &r.target } else { &r.source };
                dangling.push(format!("{} “{}” → “{}” (no element “{missing}”)", r.kind, r.source, r.target));
            }
            continue;
        };
        use Item::{
            AppInterfaceAt as AI, ApplicationAt as A, CapabilityAt as C, Deliverable as D, GoalAt as G,
            InitiativeAt as I, TechnologyAt as T,
        };
        let named = |names: &[&str]| {
            let n = fields::normalise(r.name.pick(language));
            names.iter().any(|w| fields::normalise(w) == n)
        };
        let l = &mut landscape_links;
        used[rn] = true;
        match (r.kind.as_str(), source, target) {
            ("Composition" | "Aggregation", C(p), C(c)) => parent_edges.push((p, c, rn)),
            ("Realization", I(i), C(c)) => capability_links.push((i, c, r)),
            ("Influence" | "Realization", I(i), G(g)) | ("Association", I(i), G(g)) | ("Association", G(g), I(i)) => {
                goal_links.push((i, g, rn))
            }
            ("Triggering", I(a), I(b)) => triggers.push((a, b, rn)),
            ("Realization", I(i), D) => {
                delivers.push((i, tn, rn));
                used[rn] = false;
            }
            ("Realization", D, C(_)) | ("Influence" | "Realization" | "Association", D, G(_)) => {
                from_deliverable.push((sn, target, rn));
                used[rn] = false;
            }
            ("Association", G(_), D) => {
                from_deliverable.push((tn, source, rn));
                used[rn] = false;
            }
            // A technology assigned to an artifact that realizes the component (the deployment).
            ("Assignment", T(t), Item::Artifact) => {
                l.deployed.push((t, tn, rn));
                used[rn] = false;
            }
            ("Realization", Item::Artifact, A(a)) => {
                l.realized.push((sn, a, rn));
                used[rn] = false;
            }
            ("Composition" | "Aggregation" | "Assignment", A(a), AI(k))
            | ("Composition" | "Aggregation" | "Assignment", AI(k), A(a)) => l.interface_owners.push((k, a, rn)),
            ("Flow" | "Triggering" | "Serving", A(_) | AI(_), A(_) | AI(_)) => l.flows.push((source, target, rn)),
            ("Serving" | "Realization" | "Assignment", T(t), A(a)) => l.uses.push((a, t, rn)),
            ("Realization" | "Serving", A(a), C(c)) => l.supports.push((a, c, rn)),
            ("Realization", I(i), A(a)) => l.changes.push((i, a, false, rn)),
            ("Association", I(i), A(a)) | ("Association", A(a), I(i)) if named(&[fields::RETIRES, "retire"]) => {
                l.changes.push((i, a, true, rn))
            }
            ("Association", A(a), A(b)) if named(&[fields::SUCCESSOR, "succeeded by", "replaced by"]) => {
                l.successors.push((a, b, rn))
            }
            _ => used[rn] = false,
        }
    }
    for &(i, d, via) in &delivers {
        for &(dd, to, rn) in &from_deliverable {
            if dd != d {
                continue;
            }
            let r = &model.relationships[rn];
            match to {
                Item::CapabilityAt(c) => capability_links.push((i, c, r)),
                Item::GoalAt(g) => goal_links.push((i, g, rn)),
                _ => continue,
            }
            used[via] = true;
            used[rn] = true;
        }
    }
    for &(t, artifact, assigned) in &landscape_links.deployed {
        for &(_, a, realizes) in landscape_links.realized.iter().filter(|r| r.0 == artifact) {
            landscape_links.uses.push((a, t, realizes));
            used[assigned] = true;
            used[realizes] = true;
        }
    }
    let dangling_count = dangling.len();
    for d in dangling.into_iter().take(MAX_LISTED) {
        report.warn(format!("relationship {d} was skipped"));
    }
    if dangling_count > MAX_LISTED {
        report.warn(format!(
            "…and {} more relationships to elements that are not in the file were skipped",
            dangling_count - MAX_LISTED
        ));
    }

    // Capability parents.
    let parents = capability_parents(&capabilities, &parent_edges, &mut report, &mut used);
    let parent_count = parents.iter().filter(|p| p.is_some()).count();
    let parent_examples: Vec<String> = parents
        .iter()
        .enumerate()
        .filter_map(|(c, p)| p.map(|p| format!("{} under {}", capabilities[c].name, capabilities[p].name)))
        .take(EXAMPLES)
        .collect();
    for (c, p) in parents.iter().enumerate() {
        capabilities[c].parent = p.map(|p| capabilities[p].id.clone());
    }

    let (capability_link_count, capability_link_examples) =
        link_capabilities(&capability_links, &capabilities, &mut initiatives, language, &mut report);
    let (goal_link_count, goal_link_examples) =
        link_goals(model, &goal_links, &goals, &mut initiatives, language, &mut report, &mut used);
    let (dependency_count, dependency_examples) =
        link_dependencies(&triggers, &mut initiatives, &mut report, &mut used);
    let mut landscape = Landscape::default();
    let counts = link_landscape(
        model,
        &landscape_links,
        &app_interfaces,
        &mut applications,
        &technologies,
        &capabilities,
        &initiatives,
        &mut landscape.changes,
        language,
        &mut report,
        &mut used,
    );
    let loose_interfaces = app_interfaces.len() - counts.owned_interfaces;
    if loose_interfaces > 0 {
        *skipped_elements.entry("ApplicationInterface".to_string()).or_default() += loose_interfaces;
    }

    let mut skipped_relationships: BTreeMap<String, usize> = BTreeMap::new();
    for (rn, r) in model.relationships.iter().enumerate() {
        if !used[rn] {
            *skipped_relationships
                .entry(if r.kind.is_empty() { "(no type)".to_string() } else { r.kind.clone() })
                .or_default() += 1;
        }
    }

    // The roadmap itself.
    let mut roadmap = Roadmap {
        name: pick(&model.name).trim().to_string(),
        description: pick(&model.documentation),
        ..Roadmap::default()
    };
    if roadmap.name.trim().is_empty() {
        roadmap.name = "Imported ArchiMate model".into();
    }
    roadmap_settings(&mut roadmap, &model.properties, language, &initiatives, &mut report);

    let first_names = |names: &mut dyn Iterator<Item = &String>| names.take(EXAMPLES).cloned().collect();
    let dated = initiatives.iter().filter(|i| i.is_dated()).count();
    let line = |from: &str, to: &str, count: usize, examples: Vec<String>| Became {
        from: from.into(),
        to: to.into(),
        count,
        examples,
    };
    let mut became = vec![
        line("Goal", "goals", goals.len(), first_names(&mut goals.iter().map(|g| &g.name))),
        line("Capability", "capabilities", capabilities.len(), first_names(&mut capabilities.iter().map(|c| &c.name))),
        line("WorkPackage", "initiatives", initiatives.len(), first_names(&mut initiatives.iter().map(|i| &i.name))),
        line(
            "ApplicationComponent",
            "applications",
            applications.len(),
            first_names(&mut applications.iter().map(|a| &a.name)),
        ),
        line(
            "Flow/Triggering/Serving between application components (or their interfaces)",
            "interfaces",
            counts.interfaces.0,
            counts.interfaces.1.clone(),
        ),
        line(
            "SystemSoftware/Node/Device/TechnologyService",
            "technologies",
            technologies.len(),
            first_names(&mut technologies.iter().map(|t| &t.name)),
        ),
        line("Start and End properties", "initiative dates", dated, Vec::new()),
        line("Composition/Aggregation between capabilities", "capability parents", parent_count, parent_examples),
        line(
            "Realization (work package or its deliverable → capability)",
            "capability links",
            capability_link_count,
            capability_link_examples,
        ),
        line(
            "Influence/Realization/Association (work package or its deliverable – goal)",
            "goal links",
            goal_link_count,
            goal_link_examples,
        ),
        line("Triggering between work packages", "dependencies", dependency_count, dependency_examples),
        line(
            "Serving/Realization/Assignment (technology → application component)",
            "technologies used",
            counts.uses.0,
            counts.uses.1,
        ),
        line(
            "Realization/Serving (application component → capability)",
            "capabilities supported",
            counts.supports.0,
            counts.supports.1,
        ),
        line(
            "Realization/Association “retires” (work package – application component)",
            "application changes",
            counts.changes.0,
            counts.changes.1,
        ),
        line(
            "Association “successor” between application components",
            "successors",
            counts.successors.0,
            counts.successors.1,
        ),
        line("properties", "fields", report.fields_set, Vec::new()),
    ];
    // Goals, capabilities, initiatives, applications, interfaces and technologies always; the
    // rest when there are some.
    let mut n = 0;
    became.retain(|b| {
        n += 1;
        n <= 6 || b.count > 0
    });

    roadmap.goals = goals.into_iter().map(Arc::new).collect();
    roadmap.capabilities = capabilities.into_iter().map(Arc::new).collect();
    roadmap.initiatives = initiatives.into_iter().map(Arc::new).collect();
    landscape.applications = applications.into_iter().map(Arc::new).collect();
    landscape.technologies = technologies.into_iter().map(Arc::new).collect();
    roadmap.landscape = landscape;

    let mut warnings = model.notes.clone();
    warnings.append(&mut report.warnings);
    let report = ImportReport {
        source: model.source,
        became,
        skipped_elements: sorted_counts(skipped_elements),
        skipped_relationships: sorted_counts(skipped_relationships),
        unused_properties: sorted_counts(report.unused),
        warnings,
    };

    let errors: Vec<String> = validate(&roadmap).into_iter().filter(|p| p.is_error()).map(|p| p.message).collect();
    if !errors.is_empty() {
        let mut message = "This model could not be turned into a valid roadmap:".to_string();
        for e in errors.iter().take(MAX_LISTED) {
            message += &format!("\n• {e}");
        }
        return Err(ImportError { message });
    }
    Ok((roadmap, report))
}

/// The ArchiMate 3 element types that become technologies, and the category each gives
/// when no "Category" property says.
fn technology_label(kind: &str) -> Option<&'static str> {
    match kind {
        "SystemSoftware" => Some("System software"),
        "Node" => Some("Node"),
        "Device" => Some("Device"),
        "TechnologyService" => Some("Technology service"),
        _ => None,
    }
}

/// An application's lifecycle phases must start in order; otherwise it is left out.
fn check_lifecycle(a: &mut Application, subject: &str, report: &mut Report) {
    let starts: Vec<Month> = a.lifecycle.starts().into_iter().flatten().collect();
    if starts.windows(2).any(|w| w[1] < w[0]) {
        report.warn(format!(
            "{subject}: its lifecycle phases do not start in order (plan, phase-in, active, phase-out, end of life), so the lifecycle was left out"
        ));
        a.lifecycle = Default::default();
    }
}

/// A technology's release and support dates must be in order; otherwise they are left out
/// (the catalog's dates, when given, stay).
fn check_support_dates(t: &mut Technology, subject: &str, report: &mut Report) {
    let dates: Vec<Month> = [t.release, t.end_of_standard_support, t.end_of_life, t.end_of_extended_support]
        .into_iter()
        .flatten()
        .collect();
    if dates.windows(2).any(|w| w[1] < w[0]) {
        report.warn(format!(
            "{subject}: its release and support dates are out of order (release, end of standard support, end of life, end of extended support), so they were left out"
        ));
        t.release = None;
        t.end_of_standard_support = None;
        t.end_of_life = None;
        t.end_of_extended_support = None;
    }
}

/// The landscape's relationships as found, by element index among their kind, each with
/// the relationship's index.
#[derive(Default)]
struct LandscapeLinks {
    /// (application interface, application component)
    interface_owners: Vec<(usize, usize, usize)>,
    /// (source, target): application components or their interfaces
    flows: Vec<(Item, Item, usize)>,
    /// (application, technology)
    uses: Vec<(usize, usize, usize)>,
    /// (technology, artifact element): an Assignment
    deployed: Vec<(usize, usize, usize)>,
    /// (artifact element, application): a Realization
    realized: Vec<(usize, usize, usize)>,
    /// (application, capability)
    supports: Vec<(usize, usize, usize)>,
    /// (initiative, application, retires (else introduces))
    changes: Vec<(usize, usize, bool, usize)>,
    /// (application, successor)
    successors: Vec<(usize, usize, usize)>,
}

/// What [`link_landscape`] made: counts and examples per report line.
struct LandscapeCounts {
    owned_interfaces: usize,
    interfaces: (usize, Vec<String>),
    uses: (usize, Vec<String>),
    supports: (usize, Vec<String>),
    changes: (usize, Vec<String>),
    successors: (usize, Vec<String>),
}

/// Interfaces, technologies used, capabilities supported, changes and successors from the
/// relationships found (see the module docs). A relationship that adds nothing is marked unused.
#[allow(clippy::too_many_arguments)]
fn link_landscape(
    model: &Model,
    links: &LandscapeLinks,
    interface_names: &[String],
    apps: &mut [Application],
    techs: &[Technology],
    caps: &[Capability],
    initiatives: &[Initiative],
    changes: &mut Vec<Change>,
    language: &str,
    report: &mut Report,
    used: &mut [bool],
) -> LandscapeCounts {
    let rel = |rn: usize| &model.relationships[rn];
    let subject = |a: &Application| ItemKind::Application.subject(&a.name, &a.id);
    fn example(examples: &mut Vec<String>, text: String) {
        if examples.len() < EXAMPLES {
            examples.push(text);
        }
    }

    // Which component each interface belongs to: the first that composes, aggregates or is
    // assigned to it.
    let interface_count = links.interface_owners.iter().map(|&(k, _, _)| k + 1).max().unwrap_or(0);
    let mut owner: Vec<Option<usize>> = vec![None; interface_count];
    for &(k, a, rn) in &links.interface_owners {
        match owner[k] {
            None => owner[k] = Some(a),
            Some(o) => used[rn] = o == a,
        }
    }
    let owned_interfaces = owner.iter().filter(|o| o.is_some()).count();

    let mut interfaces = (0, Vec::new());
    for &(source, target, rn) in &links.flows {
        let end = |item: Item| match item {
            Item::ApplicationAt(a) => Some((a, None)),
            Item::AppInterfaceAt(k) => owner.get(k).copied().flatten().map(|a| (a, Some(k))),
            _ => None,
        };
        let (Some((from, from_if)), Some((to, to_if))) = (end(source), end(target)) else {
            used[rn] = false;
            continue;
        };
        if from == to {
            used[rn] = false;
            continue;
        }
        let r = rel(rn);
        let if_name = |k: Option<usize>| k.and_then(|k| interface_names.get(k)).filter(|n| !n.is_empty()).cloned();
        let name = Some(r.name.pick(language).to_string())
            .filter(|n| !n.trim().is_empty())
            .or_else(|| if_name(from_if))
            .or_else(|| if_name(to_if))
            .unwrap_or_default();
        let direction = match property(&r.properties, fields::DIRECTION, language) {
            None => Direction::Outbound,
            Some(v) => fields::read_direction(v).unwrap_or_else(|e| {
                report.warn(format!(
                    "{}: “{}” of the interface to “{}” is “{v}” ({e}); “{}” is used",
                    subject(&apps[from]),
                    fields::DIRECTION,
                    apps[to].name,
                    Direction::Outbound.label()
                ));
                Direction::Outbound
            }),
        };
        let data = property(&r.properties, fields::DATA, language).unwrap_or("").to_string();
        // "Receives from": the interface is the target's, from the source.
        let (owner_app, other) = if direction == Direction::Inbound { (to, from) } else { (from, to) };
        let interface = Interface { to: apps[other].id.clone(), name, direction, data };
        example(&mut interfaces.1, format!("{} → {}", apps[from].name, apps[to].name));
        apps[owner_app].interfaces.push(interface);
        interfaces.0 += 1;
    }

    let mut uses = (0, Vec::new());
    for &(a, t, _) in &links.uses {
        if !apps[a].technologies.contains(&techs[t].id) {
            apps[a].technologies.push(techs[t].id.clone());
            uses.0 += 1;
            example(&mut uses.1, format!("{} uses {}", apps[a].name, techs[t].name));
        }
    }

    let mut supports = (0, Vec::new());
    for &(a, c, rn) in &links.supports {
        if apps[a].capabilities.iter().any(|s| s.capability == caps[c].id) {
            continue;
        }
        let fit = property(&rel(rn).properties, fields::FIT, language).and_then(|v| match fields::read_fit(v) {
            Ok(f) => Some(f),
            Err(e) => {
                report.warn(format!(
                    "{}: “{}” for capability “{}” is “{v}” ({e}), so it was not used",
                    subject(&apps[a]),
                    fields::FIT,
                    caps[c].name
                ));
                None
            }
        });
        apps[a].capabilities.push(Support { capability: caps[c].id.clone(), fit });
        supports.0 += 1;
        example(&mut supports.1, format!("{} → {}", apps[a].name, caps[c].name));
    }

    // Changes: one per relationship, except that a retirement and an introduction by the same
    // work package with the same "Change" number are one replacement.
    let mut paired: HashMap<(usize, String), usize> = HashMap::new();
    let first_change = changes.len();
    for &(i, a, retires, rn) in &links.changes {
        let r = rel(rn);
        let ini = ItemKind::Initiative.subject(&initiatives[i].name, &initiatives[i].id);
        let month = property(&r.properties, fields::MONTH, language).and_then(|v| match fields::read_month(v) {
            Ok(m) => Some(m),
            Err(e) => {
                report.warn(format!(
                    "{ini}: “{}” of its change to “{}” is “{v}” ({e}); the initiative's end is used",
                    fields::MONTH,
                    apps[a].name
                ));
                None
            }
        });
        let app = Some(apps[a].id.clone());
        let key = property(&r.properties, fields::CHANGE, language).map(|v| (i, fields::normalise(v)));
        let partner = key.as_ref().and_then(|k| paired.get(k)).copied().filter(|&c| {
            let c: &Change = &changes[c];
            let (slot, other) = if retires { (&c.retires, &c.introduces) } else { (&c.introduces, &c.retires) };
            slot.is_none() && *other != app
        });
        match partner {
            Some(c) => {
                let c = &mut changes[c];
                if retires {
                    c.retires = app;
                } else {
                    c.introduces = app;
                }
                c.month = c.month.or(month);
            }
            None => {
                let (retires, introduces) = if retires { (app, None) } else { (None, app) };
                changes.push(Change { initiative: initiatives[i].id.clone(), retires, introduces, month });
                if let Some(k) = key {
                    paired.entry(k).or_insert(changes.len() - 1);
                }
            }
        }
    }
    let name_of =
        |id: &Option<Id>| id.as_deref().and_then(|id| apps.iter().find(|a| a.id == id)).map_or("", |a| a.name.as_str());
    let mut change_examples = Vec::new();
    for c in &changes[first_change..] {
        let ini = initiatives.iter().find(|i| i.id == c.initiative).map_or("", |i| i.name.as_str());
        let what = match (&c.retires, &c.introduces) {
            (Some(_), Some(_)) => format!("replaces {} with {}", name_of(&c.retires), name_of(&c.introduces)),
            (Some(_), None) => format!("retires {}", name_of(&c.retires)),
            _ => format!("introduces {}", name_of(&c.introduces)),
        };
        example(&mut change_examples, format!("{ini} {what}"));
    }
    let change_counts = (changes.len() - first_change, change_examples);

    let mut successors = (0, Vec::new());
    for &(a, b, rn) in &links.successors {
        if a == b {
            used[rn] = false;
            report.warn(format!("{} is named as its own successor; that was ignored", subject(&apps[a])));
        } else if let Some(s) = apps[a].successor.as_deref().filter(|s| *s != apps[b].id) {
            used[rn] = false;
            let first = apps.iter().find(|x| x.id == s).map_or("", |x| x.name.as_str());
            report.warn(format!(
                "{} has two successors; the first, “{first}”, is kept and “{}” is not",
                subject(&apps[a]),
                apps[b].name
            ));
        } else if apps[a].successor.is_none() {
            apps[a].successor = Some(apps[b].id.clone());
            successors.0 += 1;
            example(&mut successors.1, format!("{} → {}", apps[a].name, apps[b].name));
        }
    }

    LandscapeCounts { owned_interfaces, interfaces, uses, supports, changes: change_counts, successors }
}

/// Capability links, the highest maturity of each pair; their count and examples.
fn link_capabilities(
    links: &[(usize, usize, &Relationship)],
    capabilities: &[Capability],
    initiatives: &mut [Initiative],
    language: &str,
    report: &mut Report,
) -> (usize, Vec<String>) {
    let mut maturity: HashMap<(usize, usize), u8> = HashMap::new();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for &(i, c, r) in links {
        let target = capabilities[c].target_maturity;
        let after =
            match property(&r.properties, fields::MATURITY_AFTER, language).map(|v| (v, fields::read_score(v, 0, 5))) {
                Some((_, Ok(m))) => m,
                Some((v, Err(e))) => {
                    report.warn(format!(
                        "{}: “{}” for capability “{}” is “{v}” ({e}); the capability's target maturity is used",
                        ItemKind::Initiative.subject(&initiatives[i].name, &initiatives[i].id),
                        fields::MATURITY_AFTER,
                        capabilities[c].name
                    ));
                    target
                }
                None => target,
            };
        let m = maturity.entry((i, c)).or_insert_with(|| {
            order.push((i, c));
            after
        });
        *m = (*m).max(after);
    }
    let examples = order
        .iter()
        .take(EXAMPLES)
        .map(|&(i, c)| format!("{} → {}", initiatives[i].name, capabilities[c].name))
        .collect();
    for &(i, c) in &order {
        let link = CapabilityLink { capability: capabilities[c].id.clone(), maturity_after: maturity[&(i, c)] };
        initiatives[i].capabilities.push(link);
    }
    (order.len(), examples)
}

/// Goal links, the strongest contribution of each pair; their count and examples. A
/// relationship that gives no contribution is marked unused.
fn link_goals(
    model: &Model,
    links: &[(usize, usize, usize)],
    goals: &[Goal],
    initiatives: &mut [Initiative],
    language: &str,
    report: &mut Report,
    used: &mut [bool],
) -> (usize, Vec<String>) {
    let mut contribution: HashMap<(usize, usize), u8> = HashMap::new();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for &(i, g, rn) in links {
        let Some(c) = goal_contribution(&model.relationships[rn], language, &initiatives[i], &goals[g], report) else {
            used[rn] = false;
            continue;
        };
        let old = contribution.entry((i, g)).or_insert_with(|| {
            order.push((i, g));
            c
        });
        *old = (*old).max(c);
    }
    let examples =
        order.iter().take(EXAMPLES).map(|&(i, g)| format!("{} → {}", initiatives[i].name, goals[g].name)).collect();
    for &(i, g) in &order {
        initiatives[i].goals.push(GoalLink { goal: goals[g].id.clone(), contribution: contribution[&(i, g)] });
    }
    (order.len(), examples)
}

/// Dependencies from Triggering (before, after, relationship), without loops; their count
/// and examples. A relationship left out is marked unused.
fn link_dependencies(
    triggers: &[(usize, usize, usize)],
    initiatives: &mut [Initiative],
    report: &mut Report,
    used: &mut [bool],
) -> (usize, Vec<String>) {
    let mut depends: Vec<Vec<usize>> = vec![Vec::new(); initiatives.len()];
    let mut examples = Vec::new();
    let mut count = 0;
    let subject = |i: &Initiative| ItemKind::Initiative.subject(&i.name, &i.id);
    for &(before, after, rn) in triggers {
        if before == after {
            used[rn] = false;
            report.warn(format!("{} triggers itself; that is not a dependency", subject(&initiatives[after])));
        } else if depends[after].contains(&before) {
            // The same dependency twice.
        } else if reaches(&depends, before, after) {
            used[rn] = false;
            report.warn(format!(
                "{} would depend on “{}”, which already depends on it (through the other Triggering relationships); this one was left out",
                subject(&initiatives[after]),
                initiatives[before].name
            ));
        } else {
            depends[after].push(before);
            count += 1;
            if examples.len() < EXAMPLES {
                examples.push(format!("{} after {}", initiatives[after].name, initiatives[before].name));
            }
        }
    }
    for (i, deps) in depends.iter().enumerate() {
        initiatives[i].depends_on = deps.iter().map(|&d| initiatives[d].id.clone()).collect();
    }
    (count, examples)
}

/// Sets fields from properties; unknown names are counted, bad values and repeats of a
/// single-valued field are warnings.
fn apply_properties(
    properties: &[Property],
    fields: &[Field],
    language: &str,
    subject: &str,
    report: &mut Report,
    mut set: impl FnMut(Field, &str) -> Result<(), String>,
) {
    let mut seen: HashSet<Field> = HashSet::new();
    let mut repeated: Vec<&str> = Vec::new();
    for p in properties {
        let Some(field) = Field::find(fields, &p.key) else {
            *report.unused.entry(p.key.trim().to_string()).or_default() += 1;
            continue;
        };
        if !field.is_list() && !seen.insert(field) {
            if !repeated.contains(&field.name()) {
                repeated.push(field.name());
            }
            continue;
        }
        let value = p.value.pick(language);
        match set(field, value) {
            Ok(()) => report.fields_set += 1,
            Err(e) => report.warn(format!("{subject}: “{}” is “{value}” ({e}), so it was not used", p.key.trim())),
        }
    }
    for name in repeated {
        report.warn(format!("{subject}: “{name}” is given more than once; the first is used"));
    }
}

/// Start and End must come together, the end not before the start.
fn check_dates(i: &mut Initiative, subject: &str, report: &mut Report) {
    let problem = match (i.start, i.end) {
        (Some(_), None) => Some("has a Start but no End".to_string()),
        (None, Some(_)) => Some("has an End but no Start".to_string()),
        (Some(s), Some(e)) if e < s => Some(format!("ends ({e}) before it starts ({s})")),
        _ => None,
    };
    if let Some(p) = problem {
        report.warn(format!("{subject} {p}, so it stays undated"));
        i.start = None;
        i.end = None;
    }
}

/// The first property called `key` (loosely, see [`fields::same_name`]).
fn property<'a>(properties: &'a [Property], key: &str, language: &str) -> Option<&'a str> {
    properties.iter().find(|p| fields::same_name(&p.key, key)).map(|p| p.value.pick(language))
}

/// The contribution of a goal link (see the module docs); `None` when it is no contribution.
fn goal_contribution(r: &Relationship, language: &str, i: &Initiative, g: &Goal, report: &mut Report) -> Option<u8> {
    let subject = ItemKind::Initiative.subject(&i.name, &i.id);
    if let Some(v) = property(&r.properties, fields::CONTRIBUTION, language) {
        match fields::read_score(v, 1, 3) {
            Ok(c) => return Some(c),
            Err(e) => report.warn(format!(
                "{subject}: “{}” to goal “{}” is “{v}” ({e}); it was not used",
                fields::CONTRIBUTION,
                g.name
            )),
        }
    }
    let strength =
        r.strength.as_deref().or_else(|| property(&r.properties, fields::ARCHI_CSV_INFLUENCE_STRENGTH, language));
    match strength.map(fields::read_strength) {
        Some(Ok(Some(c))) => Some(c),
        Some(Err(why)) => {
            report.warn(format!("{subject} is not linked to goal “{}”: {why}", g.name));
            None
        }
        _ => Some(2),
    }
}

/// Does `from` depend, directly or not, on `to`?
fn reaches(depends: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; depends.len()];
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if !std::mem::replace(&mut seen[n], true) {
            stack.extend(&depends[n]);
        }
    }
    false
}

/// Each capability's parent (an index), from (parent, child) edges in file order: the first
/// parent wins, loops are refused, and the map is cut to 3 levels.
fn capability_parents(
    caps: &[Capability],
    edges: &[(usize, usize, usize)],
    report: &mut Report,
    used: &mut [bool],
) -> Vec<Option<usize>> {
    let mut parent: Vec<Option<usize>> = vec![None; caps.len()];
    let name = |c: usize| caps[c].name.as_str();
    let mut second_parents = Vec::new();
    for &(p, c, rn) in edges {
        used[rn] = false; // unless it is taken below
        if p == c {
            report.warn(format!("capability “{}” is composed of itself; that was ignored", name(c)));
        } else if parent[c] == Some(p) {
            // Composition and Aggregation both, or the same one twice.
            used[rn] = true;
        } else if let Some(first) = parent[c] {
            second_parents.push(format!("“{}” is part of “{}” and of “{}”", name(c), name(first), name(p)));
        } else if is_above(&parent, c, p) {
            report.warn(format!(
                "the capability map would loop: “{}” is already above “{}”, so “{}” was not put under “{}”",
                name(c),
                name(p),
                name(c),
                name(p)
            ));
        } else {
            parent[c] = Some(p);
            used[rn] = true;
        }
    }
    if !second_parents.is_empty() {
        let n = second_parents.len();
        let (many, first) = if n == 1 { ("capability has", "its first") } else { ("capabilities have", "their first") };
        report.warn(format!(
            "{n} {many} two parents; Cairn keeps one per capability, {first} in the file: {}",
            second_parents.join("; ")
        ));
    }

    // Levels (1 for the top), then anything below level 3 moves up under its level-2 ancestor.
    let chain = |c: usize| {
        let mut chain = vec![c];
        let mut cur = c;
        while let Some(p) = parent[cur] {
            chain.push(p);
            cur = p;
        }
        chain
    };
    let mut moved = Vec::new();
    let mut new_parent = parent.clone();
    #[allow(clippy::needless_range_loop)] // `c` indexes several tables and is passed on
    for c in 0..caps.len() {
        let chain = chain(c);
        let level = chain.len();
        if level > MAX_CAPABILITY_LEVELS {
            // chain[k] is at level `level - k`; level 2 is chain[level - 2].
            new_parent[c] = Some(chain[level - 2]);
            moved.push(format!("“{}” (now under “{}”)", name(c), name(chain[level - 2])));
        }
    }
    if !moved.is_empty() {
        let n = moved.len();
        let shown: Vec<String> = moved.into_iter().take(EXAMPLES).collect();
        report.warn(format!(
            "Cairn's capability map has at most {MAX_CAPABILITY_LEVELS} levels; {n} deeper {} moved up to level {MAX_CAPABILITY_LEVELS}: {}{}",
            if n == 1 { "capability was" } else { "capabilities were" },
            shown.join(", "),
            if n > EXAMPLES { ", …" } else { "" }
        ));
    }
    new_parent
}

/// Is `above` on the parent chain of `c` (or `c` itself)?
fn is_above(parent: &[Option<usize>], above: usize, c: usize) -> bool {
    let mut cur = Some(c);
    let mut steps = 0;
    while let Some(n) = cur {
        if n == above {
            return true;
        }
        cur = parent[n];
        steps += 1;
        if steps > parent.len() {
            return false;
        }
    }
    false
}

/// The model's properties that set the roadmap's own fields; the horizon from the dated
/// initiatives when the file gives none.
fn roadmap_settings(
    r: &mut Roadmap,
    properties: &[Property],
    language: &str,
    initiatives: &[Initiative],
    report: &mut Report,
) {
    let subject = "the model";
    let mut horizon: (Option<Month>, Option<Month>) = (None, None);
    // Budgets in file order; a capex and an opex of the same year pair up.
    let mut budgets: Vec<(i32, Option<f64>, Option<f64>)> = Vec::new();
    let bad = |report: &mut Report, key: &str, value: &str, why: &str| {
        report.warn(format!("{subject}: “{}” is “{value}” ({why}), so it was not used", key.trim()))
    };
    for p in properties {
        let key = p.key.trim();
        let value = p.value.pick(language);
        let lower = key.to_lowercase();
        let strip = |prefix: &str| lower.strip_prefix(&prefix.to_lowercase()).map(|s| s.trim().to_string());
        let amount = || fields::read_number(value).filter(|v| *v >= 0.0);
        if fields::same_name(key, fields::CURRENCY) {
            let code = value.trim().to_ascii_uppercase();
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                r.currency = code;
            } else {
                bad(report, key, value, "expected a 3-letter code such as EUR");
                continue;
            }
        } else if fields::same_name(key, fields::FISCAL_YEAR_START_MONTH) {
            match fields::read_score(value, 1, 12) {
                Ok(m) => r.fiscal_year_start_month = m,
                Err(e) => {
                    bad(report, key, value, &e);
                    continue;
                }
            }
        } else if fields::same_name(key, fields::HORIZON_START) || fields::same_name(key, fields::HORIZON_END) {
            match fields::read_month(value) {
                Ok(m) if fields::same_name(key, fields::HORIZON_START) => horizon.0 = Some(m),
                Ok(m) => horizon.1 = Some(m),
                Err(e) => {
                    bad(report, key, value, &e);
                    continue;
                }
            }
        } else if fields::same_name(key, fields::SCORING_MODEL) {
            let v = fields::normalise(value);
            match crate::domain::model::ScoringModel::ALL
                .into_iter()
                .find(|m| fields::normalise(m.label()) == v || fields::normalise(m.key()) == v)
            {
                Some(m) => r.scoring.model = m,
                None => {
                    bad(report, key, value, "expected \"Weighted scoring\" or \"WSJF (weighted shortest job first)\"");
                    continue;
                }
            }
        } else if let Some(year) = strip(fields::CAPEX_BUDGET).or_else(|| strip(fields::OPEX_BUDGET)) {
            let capex = lower.starts_with(&fields::CAPEX_BUDGET.to_lowercase());
            let (Ok(year), Some(v)) = (year.parse::<i32>(), amount()) else {
                bad(report, key, value, "expected a fiscal year such as FY2027 and an amount of 0 or more");
                continue;
            };
            let slot = budgets.iter_mut().find(|b| b.0 == year && if capex { b.1.is_none() } else { b.2.is_none() });
            match (slot, capex) {
                (Some(b), true) => b.1 = Some(v),
                (Some(b), false) => b.2 = Some(v),
                (None, true) => budgets.push((year, Some(v), None)),
                (None, false) => budgets.push((year, None, Some(v))),
            }
        } else if let Some(quarter) =
            lower.strip_prefix(&fields::CAPACITY.to_lowercase()).filter(|q| q.trim().contains("-q"))
        {
            match (Quarter::parse(&quarter.trim().to_uppercase()), amount()) {
                (Ok(quarter), Some(fte)) => r.capacity.push(Capacity { quarter, fte }),
                _ => {
                    bad(report, key, value, "expected a quarter such as 2026-Q1 and a number of 0 or more");
                    continue;
                }
            }
        } else {
            *report.unused.entry(key.to_string()).or_default() += 1;
            continue;
        }
        report.fields_set += 1;
    }
    r.budgets = budgets
        .into_iter()
        .map(|(fiscal_year, capex, opex)| Budget {
            fiscal_year,
            capex: capex.unwrap_or(0.0),
            opex: opex.unwrap_or(0.0),
        })
        .collect();

    match horizon {
        (Some(start), Some(end)) if start <= end => r.horizon = Horizon { start, end },
        (None, None) => {
            let dated = initiatives.iter().filter_map(|i| i.dates());
            let first = dated.clone().map(|d| d.0.year).min();
            let last = dated.map(|d| d.1.year).max();
            if let (Some(first), Some(last)) = (first, last) {
                r.horizon = Horizon { start: Month { year: first, month: 1 }, end: Month { year: last, month: 12 } };
            }
        }
        _ => report.warn(format!(
            "{subject}: the horizon needs a “{}” and a “{}”, the end not before the start; Cairn's default ({} to {}) is used",
            fields::HORIZON_START,
            fields::HORIZON_END,
            r.horizon.start,
            r.horizon.end
        )),
    }
}
