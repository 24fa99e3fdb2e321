//! The landscape's tables: applications and technologies as rows (read and written like the
//! roadmap's items), and the applications' links in one table. Besides Cairn's own columns,
//! import reads the words of ServiceNow's business application export ("1 - most critical",
//! "On-premise", "Operational", "Retire") and of LeanIX's fact sheets ("missionCritical",
//! "appropriate", "fullyAppropriate"); `docs/landscape.md` lists them.

use super::import::{month, text, Item, Lookup};
use super::*;
use crate::domain::landscape::{
    AppType, Application, CatalogLink, Change as LandscapeChange, Criticality, DataClass, Direction, Disposition, Ends,
    Hosting, Interface, Phase, Support, Technology,
};

/// Lower case, letters and digits only ("Phase-In" → "phasein").
fn word(cell: &str) -> String {
    normalize(cell)
}

/// A choice from its key or label, or from one of `words` (normalised), or a message naming
/// the choices. An empty cell is `Ok(None)`.
fn choose<T: Copy>(
    cell: &str,
    from_key: fn(&str) -> Option<T>,
    words: &[(&str, T)],
    labels: &[&str],
) -> Result<Option<T>, String> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    if let Some(v) = from_key(cell) {
        return Ok(Some(v));
    }
    let w = word(cell);
    // ServiceNow writes "1 - most critical": the leading number alone decides when listed.
    let lead: String = cell.trim().chars().take_while(char::is_ascii_digit).collect();
    words
        .iter()
        .find(|(k, _)| *k == w || (!lead.is_empty() && *k == lead))
        .map(|&(_, v)| Some(v))
        .ok_or_else(|| format!("\"{}\" is not one of: {}", cell.trim(), labels.join(", ")))
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&v| label(v)).collect()
}

pub(super) fn parse_app_type(cell: &str) -> Result<Option<AppType>, String> {
    use AppType as A;
    // LeanIX's "type" column names the kind of fact sheet, not how the application was
    // obtained: it says nothing here.
    if matches!(word(cell).as_str(), "application" | "businessapplication" | "applicationcomponent") {
        return Ok(None);
    }
    let words = [
        ("custombuilt", A::Custom),
        ("inhouse", A::Custom),
        ("bespoke", A::Custom),
        ("homegrown", A::Custom),
        ("cots", A::Cots),
        ("package", A::Cots),
        ("packaged", A::Cots),
        ("commercial", A::Cots),
        ("commercialofftheshelfcots", A::Cots),
        ("offtheshelf", A::Cots),
        ("vendor", A::Cots),
        ("software", A::Cots),
        ("cloudservice", A::Saas),
        ("softwareasaservicesaas", A::Saas),
        ("euc", A::EndUser),
        ("enduser", A::EndUser),
        ("spreadsheet", A::EndUser),
    ];
    choose(cell, AppType::from_key, &words, &labels(AppType::ALL, AppType::label))
}

pub(super) fn parse_hosting(cell: &str) -> Result<Option<Hosting>, String> {
    use Hosting as H;
    let words = [
        ("onpremise", H::OnPremises),
        ("onprem", H::OnPremises),
        ("premises", H::OnPremises),
        ("datacenter", H::OnPremises),
        ("datacentre", H::OnPremises),
        ("saas", H::Cloud),
        ("iaas", H::Cloud),
        ("paas", H::Cloud),
        ("publiccloud", H::Cloud),
        ("privatecloud", H::Cloud),
        ("cloudhosted", H::Cloud),
        ("thirdparty", H::ThirdParty),
        ("hosted", H::ThirdParty),
        ("outsourced", H::ThirdParty),
        ("managedservice", H::ThirdParty),
    ];
    choose(cell, Hosting::from_key, &words, &labels(Hosting::ALL, Hosting::label))
}

pub(super) fn parse_criticality(cell: &str) -> Result<Option<Criticality>, String> {
    use Criticality as C;
    // ServiceNow: "1 - most critical" … "4 - not critical"; LeanIX: missionCritical …
    // administrativeService.
    let words = [
        ("1", C::MissionCritical),
        ("2", C::High),
        ("3", C::Medium),
        ("4", C::Low),
        ("missioncritical", C::MissionCritical),
        ("mostcritical", C::MissionCritical),
        ("businesscritical", C::High),
        ("critical", C::High),
        ("somewhatcritical", C::High),
        ("businessoperational", C::Medium),
        ("lesscritical", C::Medium),
        ("administrativeservice", C::Low),
        ("notcritical", C::Low),
    ];
    choose(cell, Criticality::from_key, &words, &labels(Criticality::ALL, Criticality::label))
}

pub(super) fn parse_data_class(cell: &str) -> Result<Option<DataClass>, String> {
    use DataClass as D;
    let words = [
        ("internaluseonly", D::Internal),
        ("private", D::Internal),
        ("sensitive", D::Confidential),
        ("highlyconfidential", D::Restricted),
        ("secret", D::Restricted),
        ("strictlyconfidential", D::Restricted),
    ];
    choose(cell, DataClass::from_key, &words, &labels(DataClass::ALL, DataClass::label))
}

pub(super) fn parse_disposition(cell: &str) -> Result<Option<Disposition>, String> {
    use Disposition as D;
    // Gartner's TIME, and the words of the 5–7 R's and of ServiceNow's planned dispositions.
    let words = [
        ("retain", D::Tolerate),
        ("keep", D::Tolerate),
        ("maintain", D::Tolerate),
        ("sustain", D::Tolerate),
        ("enhance", D::Invest),
        ("grow", D::Invest),
        ("refactor", D::Invest),
        ("modernize", D::Invest),
        ("modernise", D::Invest),
        ("replace", D::Migrate),
        ("rehost", D::Migrate),
        ("replatform", D::Migrate),
        ("repurchase", D::Migrate),
        ("consolidate", D::Migrate),
        ("move", D::Migrate),
        ("retire", D::Eliminate),
        ("decommission", D::Eliminate),
        ("sunset", D::Eliminate),
        ("remove", D::Eliminate),
    ];
    choose(cell, Disposition::from_key, &words, &labels(Disposition::ALL, Disposition::label))
}

pub(super) fn parse_direction(cell: &str) -> Result<Option<Direction>, String> {
    use Direction as D;
    let words = [
        ("out", D::Outbound),
        ("sends", D::Outbound),
        ("in", D::Inbound),
        ("receives", D::Inbound),
        ("bidirectional", D::Both),
        ("twoway", D::Both),
    ];
    choose(cell, Direction::from_key, &words, &labels(Direction::ALL, Direction::label))
}

/// The lifecycle phase named by a stage ("Operational", "Retiring", "phaseOut").
pub(super) fn parse_stage(cell: &str) -> Result<Option<Phase>, String> {
    use Phase as P;
    if cell.trim().is_empty() {
        return Ok(None);
    }
    let w = word(cell);
    let words: &[(&[&str], Phase)] = &[
        (
            &["plan", "planning", "planned", "ideation", "idea", "proposed", "design", "evaluation", "requirements"],
            P::Plan,
        ),
        (
            &["phasein", "development", "build", "implementation", "pilot", "testing", "rollout", "onboarding"],
            P::PhaseIn,
        ),
        (&["active", "operational", "production", "inproduction", "inuse", "live", "run"], P::Active),
        (
            &["phaseout", "retiring", "sunsetting", "sunset", "decommissioning", "pendingretirement", "endofsale"],
            P::PhaseOut,
        ),
        (&["endoflife", "retired", "decommissioned", "eol", "archived", "obsolete"], P::EndOfLife),
    ];
    words.iter().find(|(ws, _)| ws.contains(&w.as_str())).map(|&(_, p)| Some(p)).ok_or_else(|| {
        format!(
            "\"{}\" is not a lifecycle stage ({})",
            cell.trim(),
            P::ALL.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
        )
    })
}

/// A fit of 1–4, or LeanIX's words for its functional and technical suitability. An empty
/// cell is not assessed.
pub(super) fn parse_fit(cell: &str) -> Result<Option<u8>, String> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    let words = [
        ("perfect", 4),
        ("fullyappropriate", 4),
        ("excellent", 4),
        ("appropriate", 3),
        ("adequate", 3),
        ("good", 3),
        ("insufficient", 2),
        ("fair", 2),
        ("poor", 1),
        ("unreasonable", 1),
        ("inappropriate", 1),
    ];
    let w = word(cell);
    if let Some(&(_, v)) = words.iter().find(|(k, _)| *k == w) {
        return Ok(Some(v));
    }
    parse_score(cell, 1, 4).map(Some).map_err(|_| {
        format!("\"{}\" is not a fit from 1 (poor) to 4 (excellent), nor LeanIX's words for one", cell.trim())
    })
}

/// A month from a date that may carry a time ("2027-12-31 00:00:00", as ServiceNow writes).
fn date_month(cell: &str) -> Result<Option<Month>, String> {
    let t = cell.trim();
    let date = match t.split_once([' ', 'T']) {
        Some((d, time)) if time.contains(':') => d,
        _ => t,
    };
    month(date)
}

fn ends_text(e: Ends) -> String {
    match e {
        Ends::Unknown => String::new(),
        Ends::Ended => "ended".into(),
        Ends::Never => "never".into(),
        Ends::On(m) => m.to_string(),
    }
}

fn parse_ends(cell: &str) -> Result<Ends, String> {
    match word(cell).as_str() {
        "" => Ok(Ends::Unknown),
        "ended" | "true" | "yes" => Ok(Ends::Ended),
        "never" | "false" | "no" => Ok(Ends::Never),
        _ => date_month(cell)
            .map(|m| m.map_or(Ends::Unknown, Ends::On))
            .map_err(|why| format!("{why}, \"ended\" or \"never\"")),
    }
}

fn opt_text(v: Option<u8>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn whole(cell: &str) -> Result<u32, String> {
    let t = cell.trim().replace([',', ' ', '\u{a0}'], "");
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u32>().map_err(|_| format!("\"{}\" is not a whole number", cell.trim()))
}

impl Item for Application {
    const KIND: ItemKind = ItemKind::Application;
    const TABLE: Table = Table::Applications;
    const ID_PREFIX: &'static str = "app";
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn list(r: &Roadmap) -> &Vec<Arc<Self>> {
        &r.landscape.applications
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.landscape.applications
    }
    fn cell(&self, r: &Roadmap, field: Field) -> String {
        let life = self.lifecycle;
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::AppType => self.kind.label().into(),
            Field::Hosting => self.hosting.label().into(),
            Field::Vendor => self.vendor.clone(),
            Field::BusinessOwner => self.business_owner.clone(),
            Field::ItOwner => self.it_owner.clone(),
            Field::Criticality => self.criticality.label().into(),
            Field::DataClassification => self.data_classification.label().into(),
            Field::Users => self.users.to_string(),
            Field::PhasePlan => month_text(life.plan),
            Field::PhaseIn => month_text(life.phase_in),
            Field::PhaseActive => month_text(life.active),
            Field::PhaseOut => month_text(life.phase_out),
            Field::EndOfLife => month_text(life.end_of_life),
            Field::FunctionalFit => opt_text(self.functional_fit),
            Field::TechnicalFit => opt_text(self.technical_fit),
            Field::Disposition => self.disposition.map(|d| d.label().to_string()).unwrap_or_default(),
            Field::SuccessorId => self.successor.clone().unwrap_or_default(),
            Field::Successor => {
                self.successor.as_deref().and_then(|s| r.application(s)).map(|a| a.name.clone()).unwrap_or_default()
            }
            Field::RunCostPerYear => number_text(self.run_cost_per_year),
            Field::Capex => number_text(self.capex),
            Field::ContractEnd => month_text(self.contract_end),
            Field::Tags => join_list(&self.tags),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::AppType => self.kind = parse_app_type(cell)?.unwrap_or(self.kind),
            Field::Hosting => self.hosting = parse_hosting(cell)?.unwrap_or(self.hosting),
            Field::Vendor => self.vendor = text(cell),
            Field::BusinessOwner => self.business_owner = text(cell),
            Field::ItOwner => self.it_owner = text(cell),
            Field::Criticality => self.criticality = parse_criticality(cell)?.unwrap_or(self.criticality),
            Field::DataClassification => {
                self.data_classification = parse_data_class(cell)?.unwrap_or(self.data_classification)
            }
            Field::Users => self.users = whole(cell)?,
            Field::PhasePlan => self.lifecycle.plan = date_month(cell)?,
            Field::PhaseIn => self.lifecycle.phase_in = date_month(cell)?,
            Field::PhaseActive => self.lifecycle.active = date_month(cell)?,
            Field::PhaseOut => self.lifecycle.phase_out = date_month(cell)?,
            Field::EndOfLife => self.lifecycle.end_of_life = date_month(cell)?,
            Field::FunctionalFit => self.functional_fit = parse_fit(cell)?,
            Field::TechnicalFit => self.technical_fit = parse_fit(cell)?,
            Field::Disposition => self.disposition = parse_disposition(cell)?,
            Field::RunCostPerYear => self.run_cost_per_year = amount(cell, decimal_comma)?,
            Field::Capex => self.capex = amount(cell, decimal_comma)?,
            Field::ContractEnd => self.contract_end = date_month(cell)?,
            Field::Tags => self.tags = split_list(cell),
            _ => {}
        }
        Ok(())
    }
    fn set_reference(&mut self, reference: Option<Id>) {
        self.successor = reference;
    }
    fn set_stage(&mut self, cell: &str, today: Option<Month>) -> Result<(), String> {
        let Some(phase) = parse_stage(cell)? else { return Ok(()) };
        // Dates, when the file or the application has them, say more than a stage.
        if self.lifecycle.is_empty() {
            let today = today.ok_or("cannot be placed in time: no month to start it was given")?;
            *self.lifecycle.start_mut(phase) = Some(today);
        }
        Ok(())
    }
}

impl Item for Technology {
    const KIND: ItemKind = ItemKind::Technology;
    const TABLE: Table = Table::Technologies;
    const ID_PREFIX: &'static str = "tech";
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn list(r: &Roadmap) -> &Vec<Arc<Self>> {
        &r.landscape.technologies
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.landscape.technologies
    }
    fn cell(&self, _: &Roadmap, field: Field) -> String {
        let c = self.catalog.as_ref();
        let from = |f: fn(&CatalogLink) -> String| c.map(f).unwrap_or_default();
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Category => self.category.clone(),
            Field::Vendor => self.vendor.clone(),
            Field::Version => self.version.clone(),
            Field::Release => month_text(self.release),
            Field::EndOfStandardSupport => month_text(self.end_of_standard_support),
            Field::EndOfLife => month_text(self.end_of_life),
            Field::EndOfExtendedSupport => month_text(self.end_of_extended_support),
            Field::CatalogProduct => from(|c| c.product.clone()),
            Field::CatalogCycle => from(|c| c.cycle.clone()),
            Field::CatalogRelease => from(|c| month_text(c.release)),
            Field::CatalogStandardSupport => from(|c| ends_text(c.standard_support)),
            Field::CatalogEndOfLife => from(|c| ends_text(c.end_of_life)),
            Field::CatalogExtendedSupport => from(|c| ends_text(c.extended_support)),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, _: bool) -> Result<(), String> {
        fn catalog(t: &mut Technology) -> Result<&mut CatalogLink, String> {
            t.catalog.as_mut().ok_or_else(|| "needs a Catalog product in the same row".to_string())
        }
        match field {
            Field::Name => self.name = text(cell),
            Field::Category => self.category = text(cell),
            Field::Vendor => self.vendor = text(cell),
            Field::Version => self.version = text(cell),
            Field::Release => self.release = date_month(cell)?,
            Field::EndOfStandardSupport => self.end_of_standard_support = date_month(cell)?,
            Field::EndOfLife => self.end_of_life = date_month(cell)?,
            Field::EndOfExtendedSupport => self.end_of_extended_support = date_month(cell)?,
            Field::CatalogProduct if cell.trim().is_empty() => self.catalog = None,
            Field::CatalogProduct => self.catalog.get_or_insert_with(Default::default).product = text(cell),
            _ if cell.trim().is_empty() && self.catalog.is_none() => {}
            Field::CatalogCycle => catalog(self)?.cycle = text(cell),
            Field::CatalogRelease => catalog(self)?.release = date_month(cell)?,
            Field::CatalogStandardSupport => catalog(self)?.standard_support = parse_ends(cell)?,
            Field::CatalogEndOfLife => catalog(self)?.end_of_life = parse_ends(cell)?,
            Field::CatalogExtendedSupport => catalog(self)?.extended_support = parse_ends(cell)?,
            _ => {}
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Application links

/// What a row of the application links table says.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum LinkKind {
    Capability,
    Technology,
    Interface,
    RetiredBy,
    IntroducedBy,
}

impl LinkKind {
    const ALL: [LinkKind; 5] =
        [LinkKind::Capability, LinkKind::Technology, LinkKind::Interface, LinkKind::RetiredBy, LinkKind::IntroducedBy];

    /// The words export writes in the Link column.
    pub(super) fn text(self) -> &'static str {
        match self {
            LinkKind::Capability => "supports capability",
            LinkKind::Technology => "uses technology",
            LinkKind::Interface => "interface",
            LinkKind::RetiredBy => "retired by initiative",
            LinkKind::IntroducedBy => "introduced by initiative",
        }
    }

    fn parse(cell: &str) -> Result<LinkKind, String> {
        let w = word(cell);
        let short = [
            ("capability", LinkKind::Capability),
            ("supports", LinkKind::Capability),
            ("technology", LinkKind::Technology),
            ("uses", LinkKind::Technology),
            ("interfaceto", LinkKind::Interface),
            ("flow", LinkKind::Interface),
            ("retiredby", LinkKind::RetiredBy),
            ("introducedby", LinkKind::IntroducedBy),
        ];
        LinkKind::ALL
            .into_iter()
            .find(|k| word(k.text()) == w)
            .or_else(|| short.iter().find(|(s, _)| *s == w).map(|&(_, k)| k))
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a kind of link ({})",
                    cell.trim(),
                    LinkKind::ALL.map(|k| format!("\"{}\"", k.text())).join(", ")
                )
            })
    }

    fn noun(self) -> &'static str {
        match self {
            LinkKind::Capability => "capability",
            LinkKind::Technology => "technology",
            LinkKind::Interface => "application",
            LinkKind::RetiredBy | LinkKind::IntroducedBy => "initiative",
        }
    }
}

/// A technology as the links table names it: "PostgreSQL 16".
pub(super) fn technology_label(t: &Technology) -> String {
    format!("{} {}", t.name, t.version).trim().to_string()
}

/// The rows of the application links table, before formula neutralisation.
pub(super) fn link_rows(r: &Roadmap) -> Vec<Vec<String>> {
    let l = &r.landscape;
    // Names by id, looked up once each (the landscape may hold 100,000 links).
    let apps: HashMap<&str, &str> = l.applications.iter().map(|a| (a.id.as_str(), a.name.as_str())).collect();
    let caps: HashMap<&str, &str> = r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    let techs: HashMap<&str, String> = l.technologies.iter().map(|t| (t.id.as_str(), technology_label(t))).collect();
    let initiatives: HashMap<&str, &str> = r.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())).collect();
    let get = |m: &HashMap<&str, &str>, id: &str| m.get(id).copied().unwrap_or_default().to_string();
    let row = |app: &str, kind: LinkKind, to: &str, to_name: String, rest: [String; 5]| {
        let [fit, interface, direction, data, month] = rest;
        vec![
            app.to_string(),
            get(&apps, app),
            kind.text().into(),
            to.to_string(),
            to_name,
            fit,
            interface,
            direction,
            data,
            month,
        ]
    };
    let none = || [String::new(), String::new(), String::new(), String::new(), String::new()];
    let mut rows = Vec::new();
    for a in &l.applications {
        for s in &a.capabilities {
            let mut rest = none();
            rest[0] = opt_text(s.fit);
            rows.push(row(&a.id, LinkKind::Capability, &s.capability, get(&caps, &s.capability), rest));
        }
        for t in &a.technologies {
            let name = techs.get(t.as_str()).cloned().unwrap_or_default();
            rows.push(row(&a.id, LinkKind::Technology, t, name, none()));
        }
        for i in &a.interfaces {
            let rest = [String::new(), i.name.clone(), i.direction.label().into(), i.data.clone(), String::new()];
            rows.push(row(&a.id, LinkKind::Interface, &i.to, get(&apps, &i.to), rest));
        }
    }
    for c in &l.changes {
        for (app, kind) in [(&c.retires, LinkKind::RetiredBy), (&c.introduces, LinkKind::IntroducedBy)] {
            if let Some(app) = app {
                let mut rest = none();
                rest[4] = month_text(c.month);
                rows.push(row(app, kind, &c.initiative, get(&initiatives, &c.initiative), rest));
            }
        }
    }
    rows
}

/// One application's links as the file gives them.
#[derive(Default)]
struct AppLinks {
    first_row: usize,
    capabilities: Vec<Support>,
    technologies: Vec<Id>,
    interfaces: Vec<Interface>,
    /// (row, kind, initiative, month)
    changes: Vec<(usize, LinkKind, Id, Option<Month>)>,
}

/// "3 capabilities, 2 technologies" for the kinds the file holds.
fn links_text(kinds: &HashSet<LinkKind>, a: &Application, changes: usize) -> String {
    let n =
        |count: usize, one: &str, many: &str| if count == 1 { format!("1 {one}") } else { format!("{count} {many}") };
    let mut parts = Vec::new();
    if kinds.contains(&LinkKind::Capability) {
        parts.push(n(a.capabilities.len(), "capability", "capabilities"));
    }
    if kinds.contains(&LinkKind::Technology) {
        parts.push(n(a.technologies.len(), "technology", "technologies"));
    }
    if kinds.contains(&LinkKind::Interface) {
        parts.push(n(a.interfaces.len(), "interface", "interfaces"));
    }
    if kinds.contains(&LinkKind::RetiredBy) || kinds.contains(&LinkKind::IntroducedBy) {
        parts.push(n(changes, "initiative change", "initiative changes"));
    }
    parts.join(", ")
}

/// Imports the application links table. For each application the file mentions, its links of
/// each kind the file holds are replaced by the file's rows (in the file's order); kinds the
/// file does not hold, and applications it does not mention, are left alone. Rows retiring
/// and introducing applications become the initiatives' changes; a retirement followed by an
/// introduction of the same initiative and month is one replacement.
pub(super) fn import_application_links(
    r: &Roadmap,
    ctx: &Ctx,
    rows: &[&Row],
    p: &mut Preview,
) -> Option<(Roadmap, HashMap<Id, usize>)> {
    let mut missing = Vec::new();
    if !ctx.mapped(Field::ApplicationId) && !ctx.mapped(Field::Application) {
        missing.push(format!("{} or {}", Field::ApplicationId.header(), Field::Application.header()));
    }
    if !ctx.mapped(Field::LinkKind) {
        missing.push(Field::LinkKind.header().to_string());
    }
    if !ctx.mapped(Field::ToId) && !ctx.mapped(Field::To) {
        missing.push(format!("{} or {}", Field::ToId.header(), Field::To.header()));
    }
    if !missing.is_empty() {
        p.errors.push(row_error(0, format!("No column is imported as {}", missing.join("; nor as "))));
        return None;
    }
    let l = &r.landscape;
    let apps = Lookup::new("application", l.applications.iter().map(|a| (a.id.as_str(), a.name.as_str())));
    let caps = Lookup::new("capability", r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())));
    let labels: Vec<String> = l.technologies.iter().map(|t| technology_label(t)).collect();
    let techs = Lookup::new("technology", l.technologies.iter().zip(&labels).map(|(t, n)| (t.id.as_str(), n.as_str())));
    let initiatives = Lookup::new("initiative", r.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str())));

    let mut order: Vec<&str> = Vec::new();
    let mut links: HashMap<&str, AppLinks> = HashMap::new();
    let mut kinds: HashSet<LinkKind> = HashSet::new();
    let mut seen: HashMap<(&str, LinkKind, &str), usize> = HashMap::new();
    for &row in rows {
        let n = row.number;
        let app = match apps.find(ctx, row, Field::ApplicationId, Field::Application) {
            Ok(Some(id)) => id,
            Ok(None) => {
                let (a, b) = (ctx.header(Field::ApplicationId), ctx.header(Field::Application));
                p.errors.push(row_error(n, format!("has no {a} and no {b}")));
                continue;
            }
            Err(why) => {
                p.errors.push(row_error(n, why));
                continue;
            }
        };
        let kind = match LinkKind::parse(ctx.get(row, Field::LinkKind).unwrap_or("")) {
            Ok(k) => k,
            Err(why) => {
                p.errors.push(row_error(n, format!("{} {why}", ctx.header(Field::LinkKind))));
                continue;
            }
        };
        let lookup = match kind {
            LinkKind::Capability => &caps,
            LinkKind::Technology => &techs,
            LinkKind::Interface => &apps,
            LinkKind::RetiredBy | LinkKind::IntroducedBy => &initiatives,
        };
        let to = match lookup.find(ctx, row, Field::ToId, Field::To) {
            Ok(Some(id)) => id,
            Ok(None) => {
                let (a, b) = (ctx.header(Field::ToId), ctx.header(Field::To));
                p.errors.push(row_error(n, format!("names no {} ({a} and {b} are empty)", kind.noun())));
                continue;
            }
            Err(why) => {
                p.errors.push(row_error(n, why));
                continue;
            }
        };
        kinds.insert(kind);
        let entry = links.entry(app).or_insert_with(|| {
            order.push(app);
            AppLinks { first_row: n, ..AppLinks::default() }
        });
        if kind != LinkKind::Interface {
            if let Some(first) = seen.insert((app, kind, to), n) {
                p.errors.push(row_error(
                    n,
                    format!(
                        "application \"{}\" {} {} \"{}\" already in row {first}",
                        apps.name(app),
                        kind.text()
                            .trim_end_matches(" initiative")
                            .trim_end_matches(" capability")
                            .trim_end_matches(" technology"),
                        lookup.noun,
                        lookup.name(to)
                    ),
                ));
                continue;
            }
        }
        let cell = |f: Field| ctx.get(row, f).unwrap_or("");
        let mut problem = |f: Field, why: String| p.errors.push(row_error(n, format!("{} {why}", ctx.header(f))));
        match kind {
            LinkKind::Capability => match parse_fit(cell(Field::Fit)) {
                Ok(fit) => entry.capabilities.push(Support { capability: to.to_string(), fit }),
                Err(why) => problem(Field::Fit, why),
            },
            LinkKind::Technology => entry.technologies.push(to.to_string()),
            LinkKind::Interface => match parse_direction(cell(Field::Direction)) {
                Ok(direction) => entry.interfaces.push(Interface {
                    to: to.to_string(),
                    name: text(cell(Field::Interface)),
                    direction: direction.unwrap_or_default(),
                    data: text(cell(Field::Data)),
                }),
                Err(why) => problem(Field::Direction, why),
            },
            LinkKind::RetiredBy | LinkKind::IntroducedBy => match date_month(cell(Field::EffectiveMonth)) {
                Ok(m) => entry.changes.push((n, kind, to.to_string(), m)),
                Err(why) => problem(Field::EffectiveMonth, why),
            },
        }
    }
    if !p.errors.is_empty() {
        return None;
    }

    let mut result = r.clone();
    let mut row_of = HashMap::new();
    let changes_kinds = kinds.contains(&LinkKind::RetiredBy) || kinds.contains(&LinkKind::IntroducedBy);
    let mentioned: HashSet<&str> = order.iter().copied().collect();
    // The initiatives' changes: the sides naming mentioned applications go, the file's come.
    let mut new_changes: Vec<LandscapeChange> = Vec::new();
    let count_changes = |changes: &[LandscapeChange], app: &str| {
        changes
            .iter()
            .map(|c| usize::from(c.retires.as_deref() == Some(app)) + usize::from(c.introduces.as_deref() == Some(app)))
            .sum::<usize>()
    };
    if changes_kinds {
        let mut kept = Vec::new();
        for c in &l.changes {
            let mut c = c.clone();
            if kinds.contains(&LinkKind::RetiredBy) && c.retires.as_deref().is_some_and(|a| mentioned.contains(a)) {
                c.retires = None;
            }
            if kinds.contains(&LinkKind::IntroducedBy) && c.introduces.as_deref().is_some_and(|a| mentioned.contains(a))
            {
                c.introduces = None;
            }
            if c.retires.is_some() || c.introduces.is_some() {
                kept.push(c);
            }
        }
        // In file order; an introduction right after a retirement by the same initiative in
        // the same month completes it (a replacement).
        let mut from_file: Vec<(usize, LinkKind, &str, Id, Option<Month>)> = order
            .iter()
            .flat_map(|app| links[app].changes.iter().map(move |(n, k, i, m)| (*n, *k, *app, i.clone(), *m)))
            .collect();
        from_file.sort_by_key(|c| c.0);
        for (_, kind, app, initiative, month) in from_file {
            if kind == LinkKind::IntroducedBy {
                if let Some(last) = kept.last_mut().filter(|c| {
                    c.initiative == initiative && c.month == month && c.retires.is_some() && c.introduces.is_none()
                }) {
                    last.introduces = Some(app.to_string());
                    continue;
                }
            }
            let (retires, introduces) =
                if kind == LinkKind::RetiredBy { (Some(app.to_string()), None) } else { (None, Some(app.to_string())) };
            kept.push(LandscapeChange { initiative, retires, introduces, month });
        }
        new_changes = kept;
    }
    let position: HashMap<&str, usize> = l.applications.iter().enumerate().map(|(k, a)| (a.id.as_str(), k)).collect();
    let mut any_changed = false;
    for id in order {
        let Some(found) = links.remove(id) else { continue };
        row_of.insert(id.to_string(), found.first_row);
        let Some(&k) = position.get(id) else { continue };
        let old = &l.applications[k];
        let mut new = (**old).clone();
        if kinds.contains(&LinkKind::Capability) {
            new.capabilities = found.capabilities;
        }
        if kinds.contains(&LinkKind::Technology) {
            new.technologies = found.technologies;
        }
        if kinds.contains(&LinkKind::Interface) {
            new.interfaces = found.interfaces;
        }
        let (old_changes, now_changes) =
            if changes_kinds { (count_changes(&l.changes, id), count_changes(&new_changes, id)) } else { (0, 0) };
        let changes_differ = changes_kinds && {
            let mine = |cs: &[LandscapeChange]| {
                cs.iter()
                    .filter(|c| c.retires.as_deref() == Some(id) || c.introduces.as_deref() == Some(id))
                    .map(|c| (c.initiative.clone(), c.retires.as_deref() == Some(id), c.month))
                    .collect::<Vec<_>>()
            };
            mine(&l.changes) != mine(&new_changes)
        };
        if new == **old && !changes_differ {
            p.unchanged += 1;
            continue;
        }
        any_changed = true;
        p.updated.push(super::Change {
            row: found.first_row,
            subject: ItemKind::Application.subject(&new.name, &new.id),
            detail: format!("{}, was {}", links_text(&kinds, &new, now_changes), links_text(&kinds, old, old_changes)),
        });
        if new != **old {
            result.landscape.applications[k] = Arc::new(new);
        }
    }
    if changes_kinds && (any_changed || new_changes != l.changes) {
        result.landscape.changes = new_changes;
    }
    Some((result, row_of))
}
