//! The end-of-life catalog: a snapshot of endoflife.date (MIT licence; name the source
//! wherever its data is shown), shipped as a static file beside the app and never compiled
//! in. This module only reads the bytes it is given, searches them as the user types, and
//! binds technologies to entries (docs/landscape.md).
//!
//! In the file, `eol`, `support` (or `eoas`) and `extendedSupport` (or `eoes`) are a date
//! `YYYY-MM-DD`, `true` (already ended), `false` (not planned to end) or missing (unknown).
//! A date is kept as its month.

use super::model::{CatalogLink, Ends, Landscape, Technology};
use crate::domain::calendar::Month;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The catalog, compact: products in file order, each with its release cycles.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Catalog {
    pub products: Vec<Product>,
    /// The snapshot's date ("2026-08-22") and source, shown with its data (attribution).
    pub date: String,
    pub source: String,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct Product {
    /// "rhel"
    pub id: String,
    /// "Red Hat Enterprise Linux"
    pub title: String,
    /// "os", "database", "lang", ...
    pub category: String,
    /// In file order (newest first, as endoflife.date lists them).
    pub releases: Vec<Release>,
}

#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Release {
    /// "7", "2012-r2", "22.04"
    pub cycle: String,
    pub release: Option<Month>,
    pub standard_support: Ends,
    pub end_of_life: Ends,
    pub extended_support: Ends,
}

/// A date of the catalog: a date string (its month), `true`, `false`, or anything else
/// (unknown).
fn ends(v: Option<&Value>) -> Ends {
    match v {
        Some(Value::Bool(true)) => Ends::Ended,
        Some(Value::Bool(false)) => Ends::Never,
        Some(Value::String(s)) => s.get(..7).and_then(|m| Month::parse(m).ok()).map_or(Ends::Unknown, Ends::On),
        _ => Ends::Unknown,
    }
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads the catalog file's bytes.
pub fn parse_bytes(bytes: &[u8]) -> Result<Catalog, String> {
    parse(std::str::from_utf8(bytes).map_err(|_| "The end-of-life catalog is not text".to_string())?)
}

/// Reads the catalog file. Products without an id and releases without a cycle are
/// skipped; a field of an unexpected kind counts as unknown.
pub fn parse(json: &str) -> Result<Catalog, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| {
        format!("The end-of-life catalog could not be read: {}", crate::domain::file_format::explain(&e))
    })?;
    let Some(Value::Array(products)) = v.get("products") else {
        return Err("The end-of-life catalog has no list of products".into());
    };
    let products = products
        .iter()
        .map(|p| Product {
            id: text(p, "id"),
            title: text(p, "title"),
            category: text(p, "category"),
            releases: match p.get("releases") {
                Some(Value::Array(rs)) => rs
                    .iter()
                    .map(|r| Release {
                        cycle: text(r, "cycle"),
                        release: ends(r.get("releaseDate")).month(),
                        standard_support: ends(r.get("support").or(r.get("eoas"))),
                        end_of_life: ends(r.get("eol")),
                        extended_support: ends(r.get("extendedSupport").or(r.get("eoes"))),
                    })
                    .filter(|r| !r.cycle.is_empty())
                    .collect(),
                _ => Vec::new(),
            },
        })
        .filter(|p| !p.id.is_empty())
        .collect();
    Ok(Catalog { products, date: text(&v, "date"), source: text(&v, "source") })
}

/// One search result: a product's release.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Hit {
    pub product: usize,
    pub release: usize,
}

/// Lower-case words: split at anything but letters, digits and dots ("2012-r2" → "2012", "r2").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// How well query word `q` matches one of `words`: 0 equal, 1 a prefix, 3 inside a word.
fn best(q: &str, words: &[String]) -> Option<u32> {
    words
        .iter()
        .filter_map(|w| {
            if w == q {
                Some(0)
            } else if w.starts_with(q) {
                Some(1)
            } else if w.contains(q) {
                Some(3)
            } else {
                None
            }
        })
        .min()
}

impl Catalog {
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// The release `cycle` of product `id`.
    pub fn find(&self, id: &str, cycle: &str) -> Option<(&Product, &Release)> {
        let p = self.product(id)?;
        Some((p, p.releases.iter().find(|r| r.cycle == cycle)?))
    }

    /// Search as you type: every word of `query` (case-insensitive) must match a word of the
    /// product's title or id, or of the release cycle: equal is best, then the start of a
    /// word, then anywhere inside one. Best first; ties by the cycle with fewer words ("2012"
    /// before "2012-r2"), the shorter title, then file order (newest release first). At most `limit` hits; none for a blank query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = words(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u32, usize, usize, Hit)> = Vec::new();
        for (pk, p) in self.products.iter().enumerate() {
            let mut names = words(&p.title);
            names.extend(words(&p.id));
            let by_name: Vec<Option<u32>> = query.iter().map(|q| best(q, &names)).collect();
            for (rk, r) in p.releases.iter().enumerate() {
                let cycle = words(&r.cycle);
                let mut score = 0;
                let all = query.iter().zip(&by_name).all(|(q, name)| {
                    let s = match (*name, best(q, &cycle)) {
                        (Some(a), Some(b)) => a.min(b),
                        (a, b) => match a.or(b) {
                            Some(s) => s,
                            None => return false,
                        },
                    };
                    score += s;
                    true
                });
                if all {
                    hits.push((score, cycle.len(), p.title.len(), Hit { product: pk, release: rk }));
                }
            }
        }
        hits.sort_by_key(|&(score, words, len, h)| (score, words, len, h.product, h.release));
        hits.into_iter().take(limit).map(|(_, _, _, h)| h).collect()
    }

    /// "Red Hat Enterprise Linux 7": how a hit reads.
    pub fn hit_label(&self, h: Hit) -> String {
        let p = &self.products[h.product];
        format!("{} {}", p.title, p.releases[h.release].cycle)
    }

    /// The link to a release, with its dates.
    pub fn link(&self, h: Hit) -> CatalogLink {
        let p = &self.products[h.product];
        link(p, &p.releases[h.release])
    }
}

fn link(p: &Product, r: &Release) -> CatalogLink {
    CatalogLink {
        product: p.id.clone(),
        cycle: r.cycle.clone(),
        release: r.release,
        standard_support: r.standard_support,
        end_of_life: r.end_of_life,
        extended_support: r.extended_support,
    }
}

/// Binds a technology to a catalog release: it takes the release's dates (the dates the
/// user typed still win), and its name, category and version when those are blank.
pub fn bind(t: &mut Technology, catalog: &Catalog, h: Hit) {
    let p = &catalog.products[h.product];
    let r = &p.releases[h.release];
    if t.name.trim().is_empty() {
        t.name = p.title.clone();
    }
    if t.category.trim().is_empty() {
        t.category = p.category.clone();
    }
    if t.version.trim().is_empty() {
        t.version = r.cycle.clone();
    }
    t.catalog = Some(link(p, r));
}

/// Brings every bound technology's catalog dates up to date with `catalog`; returns how
/// many changed. A binding the catalog no longer has keeps its dates.
pub fn refresh(l: &mut Landscape, catalog: &Catalog) -> usize {
    let index: HashMap<(&str, &str), (&Product, &Release)> = catalog
        .products
        .iter()
        .flat_map(|p| p.releases.iter().map(move |r| ((p.id.as_str(), r.cycle.as_str()), (p, r))))
        .collect();
    let mut changed = 0;
    for t in l.technologies.iter_mut() {
        let Some(old) = &t.catalog else { continue };
        let Some(&(p, r)) = index.get(&(old.product.as_str(), old.cycle.as_str())) else { continue };
        let new = link(p, r);
        if &new != old {
            Arc::make_mut(t).catalog = Some(new);
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few products, in the file's shape (both spellings of the support fields).
    pub const EXCERPT: &str = r#"{"source":"endoflife.date","products":[
      {"id":"windows-server","title":"Microsoft Windows Server","category":"os","releases":[
        {"cycle":"2022","releaseDate":"2021-08-18","eol":"2031-10-14","eoas":"2026-10-13"},
        {"cycle":"2012-r2","releaseDate":"2013-11-25","eol":"2023-10-10","eoas":"2018-10-09","eoes":"2026-10-13"},
        {"cycle":"2012","releaseDate":"2012-10-30","eol":"2023-10-10"}]},
      {"id":"windows-server-core","title":"Microsoft Windows Server Core","category":"os","releases":[
        {"cycle":"2012-r2","releaseDate":"2013-11-25","eol":"2023-10-10"}]},
      {"id":"rhel","title":"Red Hat Enterprise Linux","category":"os","releases":[
        {"cycle":"9","releaseDate":"2022-05-18","eol":"2032-05-31","eoas":"2027-05-31","eoes":"2036-05-31"},
        {"cycle":"7","releaseDate":"2014-06-10","eol":"2024-06-30","eoas":"2019-08-06","eoes":"2029-05-31"}]},
      {"id":"postgresql","title":"PostgreSQL","category":"database","releases":[
        {"cycle":"17","releaseDate":"2024-09-26","eol":"2029-11-08"},
        {"cycle":"12","releaseDate":"2019-10-03","eol":"2024-11-21"}]},
      {"id":"dotnetfx","title":"Microsoft .NET Framework","category":"framework","releases":[
        {"cycle":"4.8","releaseDate":"2019-04-18","eol":false},
        {"cycle":"3.5-sp1","releaseDate":"2008-08-11","eol":true,"support":true,"extendedSupport":"2029-01-09"}]},
      {"id":"","title":"no id: skipped","releases":[]},
      {"id":"odd","title":"Odd","releases":[{"cycle":"1","eol":42,"releaseDate":"soon"},{"eol":false}]}
    ]}"#;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn labels(c: &Catalog, q: &str) -> Vec<String> {
        c.search(q, 10).into_iter().map(|h| c.hit_label(h)).collect()
    }

    #[test]
    fn parses_dates_booleans_and_unknowns() {
        let c = parse(EXCERPT).unwrap();
        assert_eq!(c.products.len(), 6, "the product without an id is skipped");
        let (_, r) = c.find("windows-server", "2012-r2").unwrap();
        assert_eq!(
            r,
            &Release {
                cycle: "2012-r2".into(),
                release: Some(m("2013-11")),
                standard_support: Ends::On(m("2018-10")),
                end_of_life: Ends::On(m("2023-10")),
                extended_support: Ends::On(m("2026-10")),
            }
        );
        let (_, fx) = c.find("dotnetfx", "4.8").unwrap();
        assert_eq!((fx.end_of_life, fx.standard_support), (Ends::Never, Ends::Unknown));
        let (_, old) = c.find("dotnetfx", "3.5-sp1").unwrap();
        assert_eq!(
            (old.end_of_life, old.standard_support, old.extended_support),
            (Ends::Ended, Ends::Ended, Ends::On(m("2029-01")))
        );
        let odd = c.product("odd").unwrap();
        assert_eq!(odd.releases.len(), 1, "a release without a cycle is skipped");
        assert_eq!((odd.releases[0].end_of_life, odd.releases[0].release), (Ends::Unknown, None));
        assert_eq!(parse_bytes(EXCERPT.as_bytes()).unwrap(), c);
    }

    #[test]
    fn refuses_what_is_not_a_catalog() {
        assert!(parse("nope").unwrap_err().starts_with("The end-of-life catalog could not be read: line 1"));
        assert_eq!(parse("{\"products\": 3}").unwrap_err(), "The end-of-life catalog has no list of products");
        assert_eq!(parse_bytes(&[0xff, 0xfe]).unwrap_err(), "The end-of-life catalog is not text");
    }

    #[test]
    fn search_ranks_exact_then_prefix_then_inside() {
        let c = parse(EXCERPT).unwrap();
        assert_eq!(
            labels(&c, "Windows Server 2012 R2"),
            ["Microsoft Windows Server 2012-r2", "Microsoft Windows Server Core 2012-r2"]
        );
        assert_eq!(
            labels(&c, "win 2012"),
            [
                "Microsoft Windows Server 2012",
                "Microsoft Windows Server 2012-r2",
                "Microsoft Windows Server Core 2012-r2"
            ]
        );
        assert_eq!(labels(&c, "rhel 7"), ["Red Hat Enterprise Linux 7"]);
        assert_eq!(labels(&c, "red hat"), ["Red Hat Enterprise Linux 9", "Red Hat Enterprise Linux 7"], "newest first");
        assert_eq!(labels(&c, "POSTGRES"), ["PostgreSQL 17", "PostgreSQL 12"], "case-insensitive prefix");
        assert_eq!(labels(&c, "gresql 12"), ["PostgreSQL 12"], "inside a word");
        assert_eq!(labels(&c, ".net 4.8"), ["Microsoft .NET Framework 4.8"]);
        assert!(labels(&c, "oracle").is_empty());
        assert!(labels(&c, "  ").is_empty());
        assert_eq!(c.search("windows", 2).len(), 2, "limited");
        // An exact word beats a prefix: "server" ranks the products named Server first.
        let first = c.search("server 2022", 1)[0];
        assert_eq!(c.hit_label(first), "Microsoft Windows Server 2022");
    }

    #[test]
    fn bound_technologies_take_catalog_dates_but_typed_dates_win() {
        let c = parse(EXCERPT).unwrap();
        let hit = c.search("rhel 7", 1)[0];
        let mut t = Technology { id: "t".into(), ..Technology::default() };
        bind(&mut t, &c, hit);
        assert_eq!((t.name.as_str(), t.version.as_str(), t.category.as_str()), ("Red Hat Enterprise Linux", "7", "os"));
        let d = t.dates();
        assert_eq!((d.release, d.end_of_life), (Some(m("2014-06")), Ends::On(m("2024-06"))));
        assert_eq!((d.standard_support, d.extended_support), (Ends::On(m("2019-08")), Ends::On(m("2029-05"))));
        t.end_of_life = Some(m("2025-12"));
        assert_eq!(t.dates().end_of_life, Ends::On(m("2025-12")), "the user's date wins");
        // A named technology keeps its name.
        let mut named = Technology { name: "RHEL".into(), ..Technology::default() };
        bind(&mut named, &c, hit);
        assert_eq!(named.name, "RHEL");

        // Refreshing picks up a changed catalog, and leaves unknown bindings alone.
        let mut l = Landscape { technologies: vec![Arc::new(t), Arc::new(named)], ..Landscape::default() };
        assert_eq!(refresh(&mut l, &c), 0);
        let newer = parse(&EXCERPT.replace("2024-06-30", "2026-06-30")).unwrap();
        assert_eq!(refresh(&mut l, &newer), 2);
        assert_eq!(l.technologies[1].dates().end_of_life, Ends::On(m("2026-06")));
        assert_eq!(l.technologies[0].dates().end_of_life, Ends::On(m("2025-12")), "typed still wins");
        assert_eq!(refresh(&mut l, &Catalog::default()), 0);
    }

    /// The whole snapshot as the app ships it (public/endoflife/, beside the wasm).
    #[test]
    fn the_shipped_catalog_parses_and_finds_real_products() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/endoflife/products.json");
        let c = parse_bytes(&std::fs::read(path).unwrap()).unwrap();
        assert_eq!(c.date, "2026-08-22");
        assert!(c.source.starts_with("endoflife.date"), "{}", c.source);
        assert!(c.products.len() > 400, "{}", c.products.len());
        let releases: usize = c.products.iter().map(|p| p.releases.len()).sum();
        assert!(releases > 8000, "{releases}");
        for (q, want) in [
            ("windows server 2012 r2", "Microsoft Windows Server 2012-r2"),
            ("rhel 7", "Red Hat Enterprise Linux 7"),
            ("oracle database 19", "Oracle Database 19"),
            ("postgresql 12", "PostgreSQL 12"),
        ] {
            let hits = c.search(q, 5);
            assert_eq!(hits.first().map(|&h| c.hit_label(h)).as_deref(), Some(want), "{q}");
        }
        let (_, rhel7) = c.find("rhel", "7").unwrap();
        assert_eq!(rhel7.end_of_life, Ends::On(m("2024-06")));
    }
}
