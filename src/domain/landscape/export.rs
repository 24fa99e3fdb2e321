//! The landscape as spreadsheets: applications, technologies, and every link (capabilities
//! supported, technologies used, interfaces, the initiatives' changes) as CSV files in one
//! zip, written as the roadmap's tables are (`domain::spreadsheet`: UTF-8 with a byte-order
//! mark, CRLF, months `YYYY-MM`, lists joined with "; ", plain numbers, and a text cell that
//! a spreadsheet would run as a formula made safe with a leading apostrophe).

use super::model::{Ends, Landscape};
use crate::domain::model::Roadmap;
use crate::domain::spreadsheet::{neutralise, zip::zip, ZipTime};
use std::collections::HashMap;

fn csv(header: &[&str], rows: Vec<Vec<String>>, text: &[bool]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        w.write_record(header).expect("writing to memory cannot fail");
        for row in rows {
            let cells =
                row.iter().enumerate().map(|(k, c)| if text.get(k) == Some(&true) { neutralise(c) } else { c.clone() });
            w.write_record(cells).expect("writing to memory cannot fail");
        }
        w.flush().expect("writing to memory cannot fail");
    }
    out
}

fn month(m: Option<crate::domain::calendar::Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

fn opt(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn ends(e: Ends) -> String {
    match e {
        Ends::Unknown => String::new(),
        Ends::Ended => "ended".into(),
        Ends::Never => "never".into(),
        Ends::On(m) => m.to_string(),
    }
}

/// `applications.csv`: one row per application.
pub fn applications_csv(l: &Landscape) -> Vec<u8> {
    const HEADER: [&str; 24] = [
        "Id",
        "Name",
        "Description",
        "Type",
        "Hosting",
        "Vendor",
        "Business owner",
        "IT owner",
        "Business criticality",
        "Data classification",
        "Users",
        "Plan",
        "Phase-in",
        "Active",
        "Phase-out",
        "End of life",
        "Functional fit",
        "Technical fit",
        "Disposition",
        "Successor id",
        "Run cost per year",
        "One-off costs",
        "Contract end",
        "Tags",
    ];
    let text = [
        true, true, true, false, false, true, true, true, false, false, false, false, false, false, false, false,
        false, false, false, true, false, false, false, true,
    ];
    let rows = l
        .applications
        .iter()
        .map(|a| {
            let life = a.lifecycle;
            vec![
                a.id.clone(),
                a.name.clone(),
                a.description.clone(),
                a.kind.label().into(),
                a.hosting.label().into(),
                a.vendor.clone(),
                a.business_owner.clone(),
                a.it_owner.clone(),
                a.criticality.label().into(),
                a.data_classification.label().into(),
                a.users.to_string(),
                month(life.plan),
                month(life.phase_in),
                month(life.active),
                month(life.phase_out),
                month(life.end_of_life),
                opt(a.functional_fit),
                opt(a.technical_fit),
                a.disposition.map(|d| d.label().to_string()).unwrap_or_default(),
                a.successor.clone().unwrap_or_default(),
                format!("{}", a.run_cost_per_year),
                format!("{}", a.capex),
                month(a.contract_end),
                a.tags.join("; "),
            ]
        })
        .collect();
    csv(&HEADER, rows, &text)
}

/// `technologies.csv`: one row per technology, its typed dates and its catalog match.
pub fn technologies_csv(l: &Landscape) -> Vec<u8> {
    let header = [
        "Id",
        "Name",
        "Category",
        "Vendor",
        "Version",
        "Release",
        "End of standard support",
        "End of life",
        "End of extended support",
        "Catalog product",
        "Catalog cycle",
        "Catalog end of standard support",
        "Catalog end of life",
        "Catalog end of extended support",
    ];
    let text = [true, true, true, true, true];
    let rows = l
        .technologies
        .iter()
        .map(|t| {
            let c = t.catalog.clone().unwrap_or_default();
            vec![
                t.id.clone(),
                t.name.clone(),
                t.category.clone(),
                t.vendor.clone(),
                t.version.clone(),
                month(t.release),
                month(t.end_of_standard_support),
                month(t.end_of_life),
                month(t.end_of_extended_support),
                c.product.clone(),
                c.cycle.clone(),
                ends(c.standard_support),
                ends(c.end_of_life),
                ends(c.extended_support),
            ]
        })
        .collect();
    csv(&header, rows, &text)
}

/// `application-links.csv`: one row per link of an application — a capability it supports
/// (with its fit), a technology it uses, an interface — and per change an initiative makes.
pub fn links_csv(r: &Roadmap) -> Vec<u8> {
    let header = ["Application id", "Application", "Link", "To id", "To", "Fit", "Direction", "Data", "Month"];
    let text = [true, true, false, true, true, false, false, true, false];
    let l = &r.landscape;
    // Names by id, looked up once each (the landscape may hold 100,000 links).
    let apps: HashMap<&str, &str> = l.applications.iter().map(|a| (a.id.as_str(), a.name.as_str())).collect();
    let caps: HashMap<&str, &str> = r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    let techs: HashMap<&str, String> = l
        .technologies
        .iter()
        .map(|t| (t.id.as_str(), format!("{} {}", t.name, t.version).trim().to_string()))
        .collect();
    let name = |id: &str| apps.get(id).map(|n| n.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    for a in &l.applications {
        for s in &a.capabilities {
            let to = caps.get(s.capability.as_str()).map(|n| n.to_string()).unwrap_or_default();
            rows.push(vec![
                a.id.clone(),
                a.name.clone(),
                "supports capability".into(),
                s.capability.clone(),
                to,
                opt(s.fit),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for t in &a.technologies {
            let to = techs.get(t.as_str()).cloned().unwrap_or_default();
            rows.push(vec![
                a.id.clone(),
                a.name.clone(),
                "uses technology".into(),
                t.clone(),
                to,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for i in &a.interfaces {
            let to = if i.name.is_empty() { name(&i.to) } else { format!("{} ({})", name(&i.to), i.name) };
            rows.push(vec![
                a.id.clone(),
                a.name.clone(),
                "interface".into(),
                i.to.clone(),
                to,
                String::new(),
                i.direction.label().into(),
                i.data.clone(),
                String::new(),
            ]);
        }
    }
    for c in &l.changes {
        let initiative = r.initiative(&c.initiative).map(|i| i.name.clone()).unwrap_or_default();
        for (app, verb) in [(&c.retires, "retired by initiative"), (&c.introduces, "introduced by initiative")] {
            if let Some(app) = app {
                rows.push(vec![
                    app.clone(),
                    name(app),
                    verb.into(),
                    c.initiative.clone(),
                    initiative.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    month(c.month),
                ]);
            }
        }
    }
    csv(&header, rows, &text)
}

/// The three files in one zip: `applications.csv`, `technologies.csv`, `application-links.csv`.
pub fn landscape_zip(r: &Roadmap, time: Option<ZipTime>) -> Vec<u8> {
    let l = &r.landscape;
    zip(
        &[
            ("applications.csv", applications_csv(l)),
            ("technologies.csv", technologies_csv(l)),
            ("application-links.csv", links_csv(r)),
        ],
        time,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn the_demo_landscape_exports_every_item_and_link() {
        let r = demo_roadmap();
        let l = &r.landscape;
        let apps = read(&applications_csv(l));
        assert_eq!(apps.len(), l.applications.len() + 1);
        assert_eq!(apps[0][0], "Id");
        let ecc = apps.iter().find(|row| row[1] == "SAP ECC 6.0").unwrap();
        assert_eq!((ecc[13].as_str(), ecc[14].as_str(), ecc[18].as_str()), ("2008-01", "2027-03", "Migrate"));
        assert_eq!(ecc[20], "950000");
        let techs = read(&technologies_csv(l));
        assert_eq!(techs.len(), l.technologies.len() + 1);
        assert!(techs.iter().any(|t| t[9] == "oracle-database" && t[12] == "2022-03"));
        let links = read(&links_csv(&r));
        let expected: usize = l
            .applications
            .iter()
            .map(|a| a.capabilities.len() + a.technologies.len() + a.interfaces.len())
            .sum::<usize>()
            + l.changes
                .iter()
                .map(|c| usize::from(c.retires.is_some()) + usize::from(c.introduces.is_some()))
                .sum::<usize>();
        assert_eq!(links.len(), expected + 1);
        assert!(landscape_zip(&r, None).starts_with(b"PK"));
    }

    #[test]
    fn the_enterprise_landscape_exports_every_link() {
        let r = super::super::generate::generate(3, super::super::generate::ENTERPRISE);
        let links = read(&links_csv(&r));
        assert!(links.len() > 100_000, "{}", links.len());
    }

    #[test]
    fn text_that_would_run_as_a_formula_is_made_safe() {
        let mut r = demo_roadmap();
        std::sync::Arc::make_mut(&mut r.landscape.applications[0]).name = "=HYPERLINK(\"http://x\")".into();
        let apps = read(&applications_csv(&r.landscape));
        assert!(apps[1][1].starts_with("'="), "{}", apps[1][1]);
    }
}
