//! The Open Group ArchiMate Model Exchange File Format (XML): reading 3.0/3.1 and 2.1, writing 3.1.

use super::fields::{self, Field};
use super::mapping::{to_roadmap, ImportReport};
use super::text::{decode_xml, escape_xml, Encoding};
use super::{
    element_type, identifier_for, relationship_type, Element, LangText, Model, Property, Relationship, Source,
};
use crate::domain::file_format::{check_size, ImportError};
use crate::domain::landscape::Direction;
use crate::domain::model::Roadmap;
use roxmltree::{Document, Node, ParsingOptions};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The namespace of the 3.0 and 3.1 exchange format.
pub const NAMESPACE_3: &str = "http://www.opengroup.org/xsd/archimate/3.0/";
/// The namespace of the 2.1 exchange format.
pub const NAMESPACE_21: &str = "http://www.opengroup.org/xsd/archimate";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
/// Archi's own file format (`.archimate`), which is not the exchange format.
const ARCHI_NATIVE: &str = "http://www.archimatetool.com/archimate";
/// At most this many XML nodes (elements, texts, comments) are read.
const MAX_NODES: u32 = 4_000_000;

fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError { message: message.into() })
}

/// Reads an exchange file and turns it into a roadmap. `language` is the user's ("en",
/// "de-CH" …), for files with names in several languages.
pub fn import_exchange(bytes: &[u8], language: &str) -> Result<(Roadmap, ImportReport), ImportError> {
    let model = read_exchange(bytes)?;
    to_roadmap(&model, language)
}

/// Reads an exchange file into a [`Model`].
pub fn read_exchange(bytes: &[u8]) -> Result<Model, ImportError> {
    read_exchange_with_limit(bytes, MAX_NODES)
}

fn read_exchange_with_limit(bytes: &[u8], max_nodes: u32) -> Result<Model, ImportError> {
    check_size(bytes.len())?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return refuse("The file is empty");
    }
    let (text, encoding) = decode_xml(bytes).or_else(refuse)?;
    // A real 20 MB exchange file has well under a million nodes; the limit keeps a file of
    // millions of empty tags from taking the browser's memory.
    let options = ParsingOptions { allow_dtd: false, nodes_limit: max_nodes, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(&text, options).or_else(|e| match e {
        roxmltree::Error::DtdDetected => {
            refuse("This file declares a DTD, which exchange files do not have; Cairn does not read it (for safety)")
        }
        roxmltree::Error::NodesLimitReached => refuse(format!(
            "This file has more than {max_nodes} XML nodes, more than any roadmap needs; Cairn does not read it"
        )),
        e => refuse(format!("This file is not well-formed XML: {e}")),
    })?;
    let root = doc.root_element();
    let ns = root.tag_name().namespace().unwrap_or("");
    let source = if ns.starts_with("http://www.opengroup.org/xsd/archimate/3") {
        Source::Exchange3
    } else if ns.trim_end_matches('/') == NAMESPACE_21 {
        Source::Exchange21
    } else if ns == ARCHI_NATIVE {
        return refuse(
            "This is Archi's own model file (.archimate), not an exchange file. In Archi, choose File › Export › \
             Model to Open Exchange File…, or File › Export › Model to CSV…, and import that here",
        );
    } else if root.tag_name().name() == "model" && ns.is_empty() {
        return refuse(format!(
            "This file has no ArchiMate namespace; an exchange file starts with <model xmlns=\"{NAMESPACE_3}\">"
        ));
    } else {
        let what = if ns.is_empty() { String::new() } else { format!(" in the namespace {ns}") };
        return refuse(format!(
            "This is not an ArchiMate exchange file: it starts with <{}>{what}, not <model xmlns=\"{NAMESPACE_3}\">",
            root.tag_name().name()
        ));
    };
    if root.tag_name().name() != "model" {
        return refuse(format!(
            "This is not an ArchiMate exchange model: it starts with <{}>, not <model>",
            root.tag_name().name()
        ));
    }

    let mut model = Model::new(source);
    if encoding == Encoding::Cp1252 {
        model.notes.push("The file was read as Windows-1252, as its declaration says".into());
    }
    let names = |n: Node| texts(n, if source == Source::Exchange21 { &["label", "name"] } else { &["name", "label"] });
    let definitions = property_definitions(root);
    model.name = names(root);
    model.documentation = texts(root, &["documentation"]);
    model.properties = properties(root, &definitions);

    for e in children(root, "elements").flat_map(|es| children(es, "element")) {
        model.elements.push(Element {
            id: e.attribute("identifier").unwrap_or("").to_string(),
            kind: element_type(xsi_type(e)),
            name: names(e),
            documentation: texts(e, &["documentation"]),
            properties: properties(e, &definitions),
        });
    }
    for r in children(root, "relationships").flat_map(|rs| children(rs, "relationship")) {
        model.relationships.push(Relationship {
            id: r.attribute("identifier").unwrap_or("").to_string(),
            kind: relationship_type(xsi_type(r)),
            source: r.attribute("source").unwrap_or("").to_string(),
            target: r.attribute("target").unwrap_or("").to_string(),
            name: names(r),
            strength: r.attribute("modifier").map(str::to_string),
            properties: properties(r, &definitions),
        });
    }
    if model.elements.is_empty() && !children(root, "elements").any(|_| true) {
        model.notes.push("The file has no <elements>: the model is empty".into());
    }
    Ok(model)
}

/// Child elements called `name` (in any namespace: tools differ).
fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// `xsi:type`, or a plain `type` attribute from tools that forget the namespace.
fn xsi_type<'a>(n: Node<'a, '_>) -> &'a str {
    n.attribute((XSI, "type")).or_else(|| n.attribute("type")).unwrap_or("")
}

/// All text inside an element (character references and CDATA included).
fn text_of(n: Node) -> String {
    n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect()
}

/// The child elements called one of `names` (the first name that occurs), with their languages.
fn texts(n: Node, names: &[&'static str]) -> LangText {
    for name in names {
        let variants: Vec<(String, String)> =
            children(n, name).map(|c| (c.attribute((XML, "lang")).unwrap_or("").to_string(), text_of(c))).collect();
        if !variants.is_empty() {
            return LangText(variants);
        }
    }
    LangText::default()
}

/// Property definitions by identifier: 3.x `<propertyDefinitions><propertyDefinition
/// identifier><name>`, 2.1 `<propertydefs><propertydef identifier name>`.
fn property_definitions(root: Node) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for defs in root.children().filter(|c| matches!(c.tag_name().name(), "propertyDefinitions" | "propertydefs")) {
        for d in defs.children().filter(|c| matches!(c.tag_name().name(), "propertyDefinition" | "propertydef")) {
            let Some(id) = d.attribute("identifier") else { continue };
            let named = texts(d, &["name"]);
            let name = match d.attribute("name") {
                Some(n) => n.to_string(),
                None => named.0.first().map(|(_, t)| t.clone()).unwrap_or_default(),
            };
            out.insert(id.to_string(), name);
        }
    }
    out
}

/// An element's `<properties>`: each `<property>` names its definition by
/// `propertyDefinitionRef` (3.x) or `identifierref` (2.1).
fn properties(n: Node, definitions: &HashMap<String, String>) -> Vec<Property> {
    let mut out = Vec::new();
    for p in children(n, "properties").flat_map(|ps| children(ps, "property")) {
        let Some(reference) = p.attribute("propertyDefinitionRef").or_else(|| p.attribute("identifierref")) else {
            continue;
        };
        let key = definitions.get(reference).cloned().unwrap_or_else(|| reference.to_string());
        out.push(Property { key, value: texts(p, &["value"]) });
    }
    out
}

/// Property definitions in the order they are first used; the identifiers are `prop-1` …
struct Definitions {
    ids: HashMap<String, String>,
    list: Vec<(String, String, bool)>, // (identifier, name, is a number)
}

impl Definitions {
    fn id(&mut self, name: &str, number: bool) -> String {
        if let Some(id) = self.ids.get(name) {
            return id.clone();
        }
        let id = format!("prop-{}", self.list.len() + 1);
        self.ids.insert(name.to_string(), id.clone());
        self.list.push((id.clone(), name.to_string(), number));
        id
    }
}

/// Writes `<properties>` for `(name, value, is a number)`, or nothing when there are none.
fn write_properties(out: &mut String, indent: &str, props: &[(String, String, bool)], defs: &mut Definitions) {
    if props.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}<properties>");
    for (name, value, number) in props {
        let _ = writeln!(
            out,
            "{indent}  <property propertyDefinitionRef=\"{}\"><value>{}</value></property>",
            defs.id(name, *number),
            escape_xml(value, false)
        );
    }
    let _ = writeln!(out, "{indent}</properties>");
}

fn field_properties(props: Vec<(Field, String)>) -> Vec<(String, String, bool)> {
    props.into_iter().map(|(f, v)| (f.name().to_string(), v, f.is_number())).collect()
}

/// The roadmap as an exchange file (3.1, UTF-8) that Archi opens: goals, capabilities and
/// initiatives as Goal, Capability and WorkPackage elements; capability parents as
/// Composition (parent → child); capability links as Realization (work package →
/// capability, "Maturity after" as a property); goal links as Influence (work package → goal,
/// the contribution as the strength `+`, `++`, `+++`); dependencies as Triggering
/// (predecessor → successor); every other field as a property (see [`fields`]).
///
/// Text characters that XML 1.0 cannot hold (control characters other than tab, line feed and
/// carriage return) are left out. Links to items that do not exist are left out, so the file
/// is always valid against the Open Group schema.
pub fn export_exchange(r: &Roadmap) -> String {
    let mut defs = Definitions { ids: HashMap::new(), list: Vec::new() };
    let mut body = String::new();
    let mut written: HashSet<&str> = HashSet::new();

    let _ = writeln!(body, "  <name>{}</name>", escape_xml(&r.name, false));
    if !r.description.is_empty() {
        let _ = writeln!(body, "  <documentation>{}</documentation>", escape_xml(&r.description, false));
    }
    write_properties(&mut body, "  ", &fields::roadmap_properties(r), &mut defs);

    let element = |out: &mut String, defs: &mut Definitions, kind: &str, id: &str, name: &str, doc: &str, props| {
        let _ =
            writeln!(out, "    <element identifier=\"{}\" xsi:type=\"{kind}\">", escape_xml(&identifier_for(id), true));
        let _ = writeln!(out, "      <name>{}</name>", escape_xml(name, false));
        if !doc.is_empty() {
            let _ = writeln!(out, "      <documentation>{}</documentation>", escape_xml(doc, false));
        }
        write_properties(out, "      ", &field_properties(props), defs);
        let _ = writeln!(out, "    </element>");
    };
    let mut elements = String::new();
    for g in &r.goals {
        if written.insert(&g.id) {
            element(&mut elements, &mut defs, "Goal", &g.id, &g.name, &g.description, fields::goal_properties(g));
        }
    }
    for c in &r.capabilities {
        if written.insert(&c.id) {
            element(
                &mut elements,
                &mut defs,
                "Capability",
                &c.id,
                &c.name,
                &c.description,
                fields::capability_properties(c),
            );
        }
    }
    for i in &r.initiatives {
        if written.insert(&i.id) {
            element(
                &mut elements,
                &mut defs,
                "WorkPackage",
                &i.id,
                &i.name,
                &i.description,
                fields::initiative_properties(i),
            );
        }
    }

    let applications: HashSet<&str> = r.landscape.applications.iter().map(|a| a.id.as_str()).collect();
    let technologies: HashSet<&str> = r.landscape.technologies.iter().map(|t| t.id.as_str()).collect();
    for a in &r.landscape.applications {
        if written.insert(&a.id) {
            let props = fields::application_properties(a);
            element(&mut elements, &mut defs, "ApplicationComponent", &a.id, &a.name, &a.description, props);
        }
    }
    for t in &r.landscape.technologies {
        if written.insert(&t.id) {
            let props = fields::technology_properties(t);
            element(&mut elements, &mut defs, technology_type(&t.category), &t.id, &t.name, "", props);
        }
    }

    let mut relationships = String::new();
    let mut n = 0;
    let mut relationship = |out: &mut String,
                            defs: &mut Definitions,
                            kind: &str,
                            source: &str,
                            target: &str,
                            extra: &str,
                            name: &str,
                            props: Vec<(String, String, bool)>| {
        n += 1;
        let _ = write!(
            out,
            "    <relationship identifier=\"rel-{n}\" source=\"{}\" target=\"{}\" xsi:type=\"{kind}\"{extra}",
            escape_xml(&identifier_for(source), true),
            escape_xml(&identifier_for(target), true)
        );
        if props.is_empty() && name.is_empty() {
            let _ = writeln!(out, "/>");
        } else {
            let _ = writeln!(out, ">");
            if !name.is_empty() {
                let _ = writeln!(out, "      <name>{}</name>", escape_xml(name, false));
            }
            write_properties(out, "      ", &props, defs);
            let _ = writeln!(out, "    </relationship>");
        }
    };
    let goals: HashSet<&str> = r.goals.iter().map(|g| g.id.as_str()).collect();
    let capabilities: HashSet<&str> = r.capabilities.iter().map(|c| c.id.as_str()).collect();
    let initiatives: HashSet<&str> = r.initiatives.iter().map(|i| i.id.as_str()).collect();
    for c in &r.capabilities {
        if let Some(p) = c.parent.as_deref().filter(|p| capabilities.contains(p) && *p != c.id) {
            relationship(&mut relationships, &mut defs, "Composition", p, &c.id, "", "", Vec::new());
        }
    }
    for i in &r.initiatives {
        for l in i.capabilities.iter().filter(|l| capabilities.contains(l.capability.as_str())) {
            let props = vec![(fields::MATURITY_AFTER.to_string(), l.maturity_after.to_string(), true)];
            relationship(&mut relationships, &mut defs, "Realization", &i.id, &l.capability, "", "", props);
        }
        for l in i.goals.iter().filter(|l| goals.contains(l.goal.as_str())) {
            let strength = format!(" modifier=\"{}\"", escape_xml(&fields::write_strength(l.contribution), true));
            relationship(&mut relationships, &mut defs, "Influence", &i.id, &l.goal, &strength, "", Vec::new());
        }
        for d in i.depends_on.iter().filter(|d| initiatives.contains(d.as_str()) && **d != i.id) {
            relationship(&mut relationships, &mut defs, "Triggering", d, &i.id, "", "", Vec::new());
        }
    }

    // The landscape: technologies serve applications, applications realize capabilities,
    // interfaces are flows, successors and retirements are named associations, work packages
    // realize the applications they introduce.
    let directed = " isDirected=\"true\"";
    for a in &r.landscape.applications {
        for t in a.technologies.iter().filter(|t| technologies.contains(t.as_str())) {
            relationship(&mut relationships, &mut defs, "Serving", t, &a.id, "", "", Vec::new());
        }
        for s in a.capabilities.iter().filter(|s| capabilities.contains(s.capability.as_str())) {
            let props: Vec<_> = s.fit.map(|f| (fields::FIT.to_string(), f.to_string(), true)).into_iter().collect();
            relationship(&mut relationships, &mut defs, "Realization", &a.id, &s.capability, "", "", props);
        }
        for i in a.interfaces.iter().filter(|i| applications.contains(i.to.as_str()) && i.to != a.id) {
            let mut props = Vec::new();
            if i.direction != Direction::Outbound {
                props.push((fields::DIRECTION.to_string(), i.direction.label().to_string(), false));
            }
            if !i.data.is_empty() {
                props.push((fields::DATA.to_string(), i.data.clone(), false));
            }
            // The flow runs the way the data does; an inbound interface is the target's.
            let (from, to) = if i.direction == Direction::Inbound { (&i.to, &a.id) } else { (&a.id, &i.to) };
            relationship(&mut relationships, &mut defs, "Flow", from, to, "", &i.name, props);
        }
        if let Some(s) = a.successor.as_deref().filter(|s| applications.contains(s) && *s != a.id) {
            relationship(
                &mut relationships,
                &mut defs,
                "Association",
                &a.id,
                s,
                directed,
                fields::SUCCESSOR,
                Vec::new(),
            );
        }
    }
    let mut replacement = 0;
    for c in r.landscape.changes.iter().filter(|c| initiatives.contains(c.initiative.as_str())) {
        let retires = c.retires.as_deref().filter(|a| applications.contains(a));
        let introduces = c.introduces.as_deref().filter(|a| applications.contains(a));
        let mut props: Vec<(String, String, bool)> = Vec::new();
        if let Some(m) = c.month {
            props.push((fields::MONTH.to_string(), m.to_string(), false));
        }
        if retires.is_some() && introduces.is_some() && retires != introduces {
            replacement += 1;
            props.push((fields::CHANGE.to_string(), replacement.to_string(), true));
        }
        if let Some(a) = introduces {
            relationship(&mut relationships, &mut defs, "Realization", &c.initiative, a, "", "", props.clone());
        }
        if let Some(a) = retires {
            relationship(
                &mut relationships,
                &mut defs,
                "Association",
                &c.initiative,
                a,
                directed,
                fields::RETIRES,
                props,
            );
        }
    }

    let mut out = String::with_capacity(body.len() + elements.len() + relationships.len() + 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<model xmlns=\"{NAMESPACE_3}\" xmlns:xsi=\"{XSI}\" xsi:schemaLocation=\"{NAMESPACE_3} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd\" identifier=\"roadmap\">"
    );
    out.push_str(&body);
    if !elements.is_empty() {
        let _ = writeln!(out, "  <elements>\n{elements}  </elements>");
    }
    if !relationships.is_empty() {
        let _ = writeln!(out, "  <relationships>\n{relationships}  </relationships>");
    }
    if !defs.list.is_empty() {
        let _ = writeln!(out, "  <propertyDefinitions>");
        for (id, name, number) in &defs.list {
            let _ = writeln!(
                out,
                "    <propertyDefinition identifier=\"{id}\" type=\"{}\"><name>{}</name></propertyDefinition>",
                if *number { "number" } else { "string" },
                escape_xml(name, false)
            );
        }
        let _ = writeln!(out, "  </propertyDefinitions>");
    }
    out.push_str("</model>\n");
    out
}

/// The element type of a technology: by its category where that names one (a node, a
/// device, a technology service), else SystemSoftware. The category itself always goes as
/// a property too.
fn technology_type(category: &str) -> &'static str {
    match fields::normalise(category).as_str() {
        "node" | "server" | "host" | "infrastructure" | "virtual machine" => "Node",
        "device" | "hardware" => "Device",
        "technology service" | "service" => "TechnologyService",
        _ => "SystemSoftware",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_with_too_many_nodes_are_refused() {
        let xml =
            format!("<model xmlns=\"{}\"><elements>{}</elements></model>", super::NAMESPACE_3, "<element/>".repeat(20));
        assert!(super::read_exchange_with_limit(xml.as_bytes(), 30).is_ok());
        let e = super::read_exchange_with_limit(xml.as_bytes(), 10).unwrap_err().message;
        assert_eq!(e, "This file has more than 10 XML nodes, more than any roadmap needs; Cairn does not read it");
    }
}
