//! Importing rows: items (goals, capabilities, initiatives) and link tables into a preview.

use super::*;

/// A goal, capability or initiative as a row of its table.
pub(super) trait Item: Clone + PartialEq + Default {
    const KIND: ItemKind;
    const TABLE: Table;
    /// Prefix of the ids of new items, as the editor makes them.
    const ID_PREFIX: &'static str;
    fn id(&self) -> &str;
    fn set_id(&mut self, id: Id);
    fn name(&self) -> &str;
    fn list(r: &Roadmap) -> &Vec<Arc<Self>>;
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>>;
    /// The cell of `field` as export writes it (before neutralisation).
    fn cell(&self, r: &Roadmap, field: Field) -> String;
    /// Sets `field` from a cell (apostrophe already taken off). The error is the part of the
    /// message after the column name: "\"2026-13\" is not a month …".
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String>;
    /// The item another row or item of the same kind names: a capability's parent, an
    /// application's successor; resolved after all rows are read.
    fn set_reference(&mut self, _reference: Option<Id>) {}
    /// Applications only: the lifecycle stage a row names, placed at `today` when the
    /// application has no lifecycle dates.
    fn set_stage(&mut self, _cell: &str, _today: Option<Month>) -> Result<(), String> {
        Ok(())
    }
}

/// Text fields are taken exactly as written (spaces kept).
pub(super) fn text(cell: &str) -> String {
    cell.to_string()
}

/// A score: an empty cell keeps the current value.
pub(super) fn score(target: &mut u8, cell: &str, lo: u8, hi: u8) -> Result<(), String> {
    if !cell.trim().is_empty() {
        *target = parse_score(cell, lo, hi)?;
    }
    Ok(())
}

/// An amount: an empty cell is 0.
pub(super) fn amount(cell: &str, decimal_comma: bool) -> Result<f64, String> {
    if cell.trim().is_empty() {
        Ok(0.0)
    } else {
        parse_number(cell, decimal_comma)
    }
}

/// A month: an empty cell is none.
pub(super) fn month(cell: &str) -> Result<Option<Month>, String> {
    if cell.trim().is_empty() {
        Ok(None)
    } else {
        parse_month(cell).map(Some)
    }
}

impl Item for Goal {
    const KIND: ItemKind = ItemKind::Goal;
    const TABLE: Table = Table::Goals;
    const ID_PREFIX: &'static str = "goal";
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
        &r.goals
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.goals
    }
    fn cell(&self, _: &Roadmap, field: Field) -> String {
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::Theme => self.theme.clone(),
            Field::Weight => self.weight.to_string(),
            Field::Owner => self.owner.clone(),
            Field::Kpi => self.kpi.name.clone(),
            Field::KpiBaseline => number_text(self.kpi.baseline),
            Field::KpiTarget => number_text(self.kpi.target),
            Field::KpiUnit => self.kpi.unit.clone(),
            Field::KpiDue => month_text(self.kpi.due),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::Theme => self.theme = text(cell),
            Field::Weight => score(&mut self.weight, cell, 1, 5)?,
            Field::Owner => self.owner = text(cell),
            Field::Kpi => self.kpi.name = text(cell),
            Field::KpiBaseline => self.kpi.baseline = amount(cell, decimal_comma)?,
            Field::KpiTarget => self.kpi.target = amount(cell, decimal_comma)?,
            Field::KpiUnit => self.kpi.unit = text(cell),
            Field::KpiDue => self.kpi.due = month(cell)?,
            _ => {}
        }
        Ok(())
    }
}

impl Item for Capability {
    const KIND: ItemKind = ItemKind::Capability;
    const TABLE: Table = Table::Capabilities;
    const ID_PREFIX: &'static str = "cap";
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
        &r.capabilities
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.capabilities
    }
    fn cell(&self, r: &Roadmap, field: Field) -> String {
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::ParentId => self.parent.clone().unwrap_or_default(),
            Field::Parent => {
                self.parent.as_deref().and_then(|p| r.capability(p)).map(|p| p.name.clone()).unwrap_or_default()
            }
            Field::Area => self.area.clone(),
            Field::CurrentMaturity => self.current_maturity.to_string(),
            Field::TargetMaturity => self.target_maturity.to_string(),
            Field::Importance => self.importance.to_string(),
            Field::Risk => self.risk.label().to_string(),
            Field::Compliance => join_list(&self.compliance),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, _: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::Area => self.area = text(cell),
            Field::CurrentMaturity => score(&mut self.current_maturity, cell, 0, 5)?,
            Field::TargetMaturity => score(&mut self.target_maturity, cell, 0, 5)?,
            Field::Importance => score(&mut self.importance, cell, 1, 5)?,
            Field::Risk if !cell.trim().is_empty() => {
                self.risk = Risk::from_key(cell)
                    .ok_or_else(|| format!("\"{cell}\" is not a risk level (Low, Medium, High or Critical)"))?
            }
            Field::Compliance => self.compliance = split_list(cell),
            _ => {}
        }
        Ok(())
    }
    fn set_reference(&mut self, parent: Option<Id>) {
        self.parent = parent;
    }
}

impl Item for Initiative {
    const KIND: ItemKind = ItemKind::Initiative;
    const TABLE: Table = Table::Initiatives;
    const ID_PREFIX: &'static str = "ini";
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
        &r.initiatives
    }
    fn list_mut(r: &mut Roadmap) -> &mut Vec<Arc<Self>> {
        &mut r.initiatives
    }
    fn cell(&self, _: &Roadmap, field: Field) -> String {
        match field {
            Field::Id => self.id.clone(),
            Field::Name => self.name.clone(),
            Field::Description => self.description.clone(),
            Field::Owner => self.owner.clone(),
            Field::Sponsor => self.sponsor.clone(),
            Field::Status => self.status.label().to_string(),
            Field::Start => month_text(self.start),
            Field::End => month_text(self.end),
            Field::Capex => number_text(self.capex),
            Field::Opex => number_text(self.opex),
            Field::RunCostPerYear => number_text(self.run_cost_per_year),
            Field::Fte => number_text(self.fte),
            Field::Vendors => join_list(&self.vendors),
            Field::RiskLikelihood => self.risk.likelihood.to_string(),
            Field::RiskImpact => self.risk.impact.to_string(),
            Field::Compliance => join_list(&self.compliance),
            Field::BusinessValue => estimate_text(self.scoring.business_value),
            Field::TimeCriticality => estimate_text(self.scoring.time_criticality),
            Field::RiskReduction => estimate_text(self.scoring.risk_reduction),
            Field::JobSize => estimate_text(self.scoring.job_size),
            Field::FundingLock => self.funding_lock.label().to_string(),
            _ => String::new(),
        }
    }
    fn set(&mut self, field: Field, cell: &str, decimal_comma: bool) -> Result<(), String> {
        match field {
            Field::Name => self.name = text(cell),
            Field::Description => self.description = text(cell),
            Field::Owner => self.owner = text(cell),
            Field::Sponsor => self.sponsor = text(cell),
            Field::Status if !cell.trim().is_empty() => {
                self.status = Status::from_key(cell).ok_or_else(|| {
                    let names: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
                    format!("\"{cell}\" is not a status ({})", names.join(", "))
                })?
            }
            Field::Start => self.start = month(cell)?,
            Field::End => self.end = month(cell)?,
            Field::Capex => self.capex = amount(cell, decimal_comma)?,
            Field::Opex => self.opex = amount(cell, decimal_comma)?,
            Field::RunCostPerYear => self.run_cost_per_year = amount(cell, decimal_comma)?,
            Field::Fte => self.fte = amount(cell, decimal_comma)?,
            Field::Vendors => self.vendors = split_list(cell),
            Field::RiskLikelihood => score(&mut self.risk.likelihood, cell, 1, 5)?,
            Field::RiskImpact => score(&mut self.risk.impact, cell, 1, 5)?,
            Field::Compliance => self.compliance = split_list(cell),
            Field::BusinessValue => self.scoring.business_value = parse_estimate(cell)?,
            Field::TimeCriticality => self.scoring.time_criticality = parse_estimate(cell)?,
            Field::RiskReduction => self.scoring.risk_reduction = parse_estimate(cell)?,
            Field::JobSize => self.scoring.job_size = parse_estimate(cell)?,
            Field::FundingLock => self.funding_lock = parse_funding_lock(cell)?,
            _ => {}
        }
        Ok(())
    }
}

/// Names compare without case and without spaces at either end.
pub(super) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Ids of the form `{prefix}-{n}` not used anywhere in the roadmap (like
/// [`Roadmap::fresh_id`], without searching the whole roadmap for each new item).
pub(super) struct FreshIds {
    used: HashSet<Id>,
    next: usize,
}

impl FreshIds {
    fn new(r: &Roadmap) -> FreshIds {
        let used: HashSet<Id> = r
            .goals
            .iter()
            .map(|g| g.id.clone())
            .chain(r.capabilities.iter().map(|c| c.id.clone()))
            .chain(r.initiatives.iter().map(|i| i.id.clone()))
            .chain(r.landscape.applications.iter().map(|a| a.id.clone()))
            .chain(r.landscape.technologies.iter().map(|t| t.id.clone()))
            .collect();
        FreshIds { next: used.len() + 1, used }
    }
    fn take(&mut self, prefix: &str) -> Id {
        loop {
            let id = format!("{prefix}-{}", self.next);
            self.next += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Where a row's item goes.
pub(super) enum Target {
    Existing(usize),
    New,
}

/// Imports a table of goals, capabilities or initiatives. `None` when the file cannot be
/// imported at all (the error is in `p`); otherwise the roadmap and the row of each item id.
pub(super) fn import_items<T: Item>(
    r: &Roadmap,
    ctx: &Ctx,
    rows: &[&Row],
    p: &mut Preview,
) -> Option<(Roadmap, HashMap<Id, usize>)> {
    let noun = T::KIND.noun();
    if !ctx.mapped(Field::Id) && !ctx.mapped(Field::Name) {
        p.errors.push(row_error(
            0,
            format!("No column is imported as Id or Name: choose the column that holds the {noun} names"),
        ));
        return None;
    }
    let existing = T::list(r);
    let index_of: HashMap<&str, usize> = existing.iter().enumerate().map(|(k, x)| (x.id(), k)).collect();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, x) in existing.iter().enumerate() {
        by_name.entry(name_key(x.name())).or_default().push(k);
    }
    let other_kinds: HashMap<&str, String> = r
        .goals
        .iter()
        .map(|g| (g.id.as_str(), ItemKind::Goal.subject(&g.name, &g.id)))
        .chain(r.capabilities.iter().map(|c| (c.id.as_str(), ItemKind::Capability.subject(&c.name, &c.id))))
        .chain(r.initiatives.iter().map(|i| (i.id.as_str(), ItemKind::Initiative.subject(&i.name, &i.id))))
        .chain(r.landscape.applications.iter().map(|a| (a.id.as_str(), ItemKind::Application.subject(&a.name, &a.id))))
        .chain(r.landscape.technologies.iter().map(|t| (t.id.as_str(), ItemKind::Technology.subject(&t.name, &t.id))))
        .filter(|(id, _)| !index_of.contains_key(id))
        .collect();
    let mut fresh = FreshIds::new(r);
    let mut row_of_id: HashMap<String, usize> = HashMap::new();
    let mut row_of_existing: HashMap<usize, usize> = HashMap::new();
    let mut row_of_new_name: HashMap<String, usize> = HashMap::new();
    // (row, target, item, parent cell)
    let mut read: Vec<(&Row, Target, T)> = Vec::new();

    for &row in rows {
        let n = row.number;
        let id = ctx.filled(row, Field::Id);
        let name = ctx.filled(row, Field::Name);
        let target = if let Some(id) = id {
            if let Some(first) = row_of_id.get(id) {
                p.errors.push(row_error(n, format!("{} \"{id}\" is already in row {first}", ctx.header(Field::Id))));
                continue;
            }
            if let Some(other) = other_kinds.get(id) {
                p.errors.push(row_error(n, format!("{} \"{id}\" is already used by {other}", ctx.header(Field::Id))));
                continue;
            }
            match index_of.get(id) {
                Some(&k) => Target::Existing(k),
                // An id the roadmap does not know on a row named like one of its items: the
                // same item under another tool's id (a duplicate by name).
                None => match name.and_then(|name| by_name.get(&name_key(name))).map(Vec::as_slice) {
                    Some([k]) => Target::Existing(*k),
                    _ => Target::New,
                },
            }
        } else if let Some(name) = name {
            match by_name.get(&name_key(name)).map(Vec::as_slice) {
                Some([k]) => Target::Existing(*k),
                Some(many) if many.len() > 1 => {
                    p.errors.push(row_error(
                        n,
                        format!(
                            "{} {} are named \"{}\"; add an {} column to say which",
                            many.len(),
                            plural(noun),
                            name.trim(),
                            Field::Id.header()
                        ),
                    ));
                    continue;
                }
                _ => {
                    if let Some(first) = row_of_new_name.insert(name_key(name), n) {
                        p.errors.push(row_error(
                            n,
                            format!(
                                "{noun} \"{}\" is already in row {first}; give each row an Id to add both",
                                name.trim()
                            ),
                        ));
                        continue;
                    }
                    Target::New
                }
            }
        } else {
            p.errors.push(row_error(n, format!("has no {} and no {}", ctx.header(Field::Id), ctx.header(Field::Name))));
            continue;
        };
        // A row found by its name (not its id) keeps the item's name and id as they are ("crm"
        // finds "CRM"); the person chooses whether such rows update the item or are skipped.
        let found_by_name = matches!(target, Target::Existing(k) if Some(existing[k].id()) != id);
        if found_by_name {
            p.duplicates += 1;
            if ctx.options.duplicates == Duplicates::Skip {
                p.skipped += 1;
                continue;
            }
        }
        if let Target::Existing(k) = target {
            if let Some(first) = row_of_existing.insert(k, n) {
                let x = &existing[k];
                p.errors.push(row_error(n, format!("{} is already in row {first}", T::KIND.subject(x.name(), x.id()))));
                continue;
            }
        }
        let mut item = match target {
            Target::Existing(k) => (*existing[k]).clone(),
            Target::New => {
                let mut item = T::default();
                item.set_id(match id {
                    Some(id) => {
                        fresh.used.insert(id.to_string());
                        id.to_string()
                    }
                    None => String::new(), // given below, once the given ids are known
                });
                item
            }
        };
        for &field in T::TABLE.import_fields() {
            if field == Field::Id || (field == Field::Name && found_by_name) {
                continue;
            }
            if let Some(cell) = ctx.get(row, field) {
                let set = if field == Field::LifecycleStage {
                    item.set_stage(cell, ctx.options.today)
                } else {
                    item.set(field, cell, ctx.decimal_comma)
                };
                if let Err(why) = set {
                    p.errors.push(row_error(n, format!("{} {why}", ctx.header(field))));
                }
            }
        }
        if item.name().trim().is_empty() {
            p.errors.push(row_error(n, format!("{} is empty; every {noun} needs a name", ctx.header(Field::Name))));
        }
        if let Some(id) = id {
            row_of_id.insert(id.to_string(), n);
        }
        read.push((row, target, item));
    }
    // Ids for new rows without one, now that every id the file gives is known.
    for (_, target, item) in read.iter_mut() {
        if matches!(target, Target::New) && item.id().is_empty() {
            item.set_id(fresh.take(T::ID_PREFIX));
        }
    }

    let reference = match T::KIND {
        ItemKind::Capability => Some((Field::ParentId, Field::Parent)),
        ItemKind::Application => Some((Field::SuccessorId, Field::Successor)),
        _ => None,
    };
    if let Some((id_field, name_field)) = reference.filter(|&(i, n)| ctx.mapped(i) || ctx.mapped(n)) {
        resolve_references(r, ctx, &mut read, p, id_field, name_field);
    }

    let mut result = r.clone();
    let mut row_of = HashMap::new();
    let fields = T::TABLE.fields();
    let list = T::list_mut(&mut result);
    let mut changed = Vec::new();
    for (row, target, item) in read {
        row_of.insert(item.id().to_string(), row.number);
        match target {
            Target::Existing(k) => {
                if *list[k] != item {
                    changed.push((row.number, k, item));
                } else {
                    p.unchanged += 1;
                }
            }
            Target::New => {
                p.added.push(Change {
                    row: row.number,
                    subject: T::KIND.subject(item.name(), item.id()),
                    detail: "new".into(),
                });
                list.push(Arc::new(item));
            }
        }
    }
    for (row, k, item) in changed {
        let old = &T::list(r)[k];
        let differs: Vec<&str> =
            fields.iter().filter(|&&f| old.cell(r, f) != item.cell(&result, f)).map(|&f| ctx.header(f)).collect();
        p.updated.push(Change { row, subject: T::KIND.subject(item.name(), item.id()), detail: differs.join(", ") });
        T::list_mut(&mut result)[k] = Arc::new(item);
    }
    Some((result, row_of))
}

pub(super) fn plural(noun: &str) -> String {
    match noun {
        "capability" => "capabilities".into(),
        "technology" => "technologies".into(),
        "criterion" => "criteria".into(),
        other => format!("{other}s"),
    }
}

/// The item each row names in `id_field`, else in `name_field` (a capability's parent, an
/// application's successor), among the roadmap's items of that kind and the file's; both
/// cells empty names none. A row's id from another tool, for an item found by its name,
/// stands for that item.
pub(super) fn resolve_references<T: Item>(
    r: &Roadmap,
    ctx: &Ctx,
    read: &mut [(&Row, Target, T)],
    p: &mut Preview,
    id_field: Field,
    name_field: Field,
) {
    let noun = T::KIND.noun();
    // The items after the import: the file's rows, and the roadmap's others.
    let in_file: HashSet<&str> = read.iter().map(|(_, _, c)| c.id()).collect();
    let mut ids: HashMap<String, String> = in_file.iter().map(|s| (s.to_string(), s.to_string())).collect();
    for (row, _, c) in read.iter() {
        if let Some(file_id) = ctx.filled(row, Field::Id).filter(|&f| f != c.id()) {
            ids.entry(file_id.to_string()).or_insert_with(|| c.id().to_string());
        }
    }
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    for (_, _, c) in read.iter() {
        by_name.entry(name_key(c.name())).or_default().push(c.id().to_string());
    }
    for c in T::list(r).iter().filter(|c| !in_file.contains(c.id())) {
        ids.insert(c.id().to_string(), c.id().to_string());
        by_name.entry(name_key(c.name())).or_default().push(c.id().to_string());
    }
    for (row, _, item) in read.iter_mut() {
        let n = row.number;
        let reference = if let Some(id) = ctx.filled(row, id_field) {
            let Some(id) = ids.get(id) else {
                p.errors.push(row_error(
                    n,
                    format!(
                        "{} \"{id}\" is not {} {noun} in this roadmap or this file",
                        ctx.header(id_field),
                        article(noun)
                    ),
                ));
                continue;
            };
            Some(id.clone())
        } else if let Some(name) = ctx.filled(row, name_field) {
            match by_name.get(&name_key(name)).map(Vec::as_slice) {
                Some([id]) => Some(id.clone()),
                Some(many) if many.len() > 1 => {
                    p.errors.push(row_error(
                        n,
                        format!(
                            "{} \"{}\": {} {} have this name; use the {} column to say which",
                            ctx.header(name_field),
                            name.trim(),
                            many.len(),
                            plural(noun),
                            id_field.header()
                        ),
                    ));
                    continue;
                }
                _ => {
                    p.errors.push(row_error(
                        n,
                        format!(
                            "{} \"{}\" is not {} {noun} in this roadmap or this file",
                            ctx.header(name_field),
                            name.trim(),
                            article(noun)
                        ),
                    ));
                    continue;
                }
            }
        } else {
            None
        };
        item.set_reference(reference);
    }
}

/// Finds items of one kind (goals, capabilities, initiatives or scoring criteria) by id
/// (exactly) or by name (ignoring case and outer spaces).
pub(super) struct Lookup<'a> {
    /// "goal", "criterion".
    pub(super) noun: &'static str,
    by_id: HashMap<&'a str, &'a str>,
    by_name: HashMap<String, Vec<&'a str>>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(noun: &'static str, items: impl Iterator<Item = (&'a str, &'a str)>) -> Lookup<'a> {
        let mut by_id = HashMap::new();
        let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
        for (id, name) in items {
            by_id.insert(id, name);
            by_name.entry(name_key(name)).or_default().push(id);
        }
        Lookup { noun, by_id, by_name }
    }

    /// The id of the item a row names with `id_field` or else `name_field`. `Ok(None)` when
    /// both are empty.
    pub(super) fn find(
        &self,
        ctx: &Ctx,
        row: &Row,
        id_field: Field,
        name_field: Field,
    ) -> Result<Option<&'a str>, String> {
        let noun = self.noun;
        let hint = match noun {
            "initiative" => " (import the initiatives first)",
            "criterion" => " (criteria are set in the roadmap's scoring settings)",
            _ => "",
        };
        if let Some(id) = ctx.filled(row, id_field) {
            return self.by_id.get_key_value(id).map(|(id, _)| Some(*id)).ok_or_else(|| {
                format!("{} \"{id}\" is not {} {noun} in this roadmap{hint}", ctx.header(id_field), article(noun))
            });
        }
        let Some(name) = ctx.filled(row, name_field) else { return Ok(None) };
        match self.by_name.get(&name_key(name)).map(Vec::as_slice) {
            Some([id]) => Ok(Some(*id)),
            Some(many) if many.len() > 1 => Err(format!(
                "{} \"{}\": {} {} have this name; use the {} column to say which",
                ctx.header(name_field),
                name.trim(),
                many.len(),
                plural(noun),
                id_field.header()
            )),
            _ => Err(format!(
                "{} \"{}\" is not {} {noun} in this roadmap{hint}",
                ctx.header(name_field),
                name.trim(),
                article(noun)
            )),
        }
    }

    pub(super) fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.by_id.get(id).copied().unwrap_or(id)
    }
}

pub(super) fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// What a link table holds for one initiative.
#[derive(Clone, PartialEq)]
pub(super) enum Links {
    Goals(Vec<GoalLink>),
    Capabilities(Vec<CapabilityLink>),
    Dependencies(Vec<Id>),
    Milestones(Vec<Milestone>),
    CriterionValues(BTreeMap<Id, f64>),
}

impl Links {
    fn of(table: Table, i: &Initiative) -> Links {
        match table {
            Table::GoalLinks => Links::Goals(i.goals.clone()),
            Table::CapabilityLinks => Links::Capabilities(i.capabilities.clone()),
            Table::Dependencies => Links::Dependencies(i.depends_on.clone()),
            Table::CriterionValues => Links::CriterionValues(i.scoring.custom.clone()),
            _ => Links::Milestones(i.milestones.clone()),
        }
    }
    /// No links, of the kind `table` holds.
    fn empty(table: Table) -> Links {
        match table {
            Table::GoalLinks => Links::Goals(Vec::new()),
            Table::CapabilityLinks => Links::Capabilities(Vec::new()),
            Table::Dependencies => Links::Dependencies(Vec::new()),
            Table::CriterionValues => Links::CriterionValues(BTreeMap::new()),
            _ => Links::Milestones(Vec::new()),
        }
    }
    fn len(&self) -> usize {
        match self {
            Links::Goals(v) => v.len(),
            Links::Capabilities(v) => v.len(),
            Links::Dependencies(v) => v.len(),
            Links::Milestones(v) => v.len(),
            Links::CriterionValues(v) => v.len(),
        }
    }
    fn apply(self, i: &mut Initiative) {
        match self {
            Links::Goals(v) => i.goals = v,
            Links::Capabilities(v) => i.capabilities = v,
            Links::Dependencies(v) => i.depends_on = v,
            Links::Milestones(v) => i.milestones = v,
            Links::CriterionValues(v) => i.scoring.custom = v,
        }
    }
    /// "3 goal links" / "1 dependency".
    fn count_text(table: Table, n: usize) -> String {
        let (one, many) = match table {
            Table::GoalLinks => ("goal link", "goal links"),
            Table::CapabilityLinks => ("capability link", "capability links"),
            Table::Dependencies => ("dependency", "dependencies"),
            Table::CriterionValues => ("criterion value", "criterion values"),
            _ => ("milestone", "milestones"),
        };
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    }
}

/// Imports a link table: each initiative it mentions gets exactly the links of its rows (for
/// criterion values: exactly the values of its rows).
pub(super) fn import_links(
    r: &Roadmap,
    table: Table,
    ctx: &Ctx,
    rows: &[&Row],
    p: &mut Preview,
) -> Option<(Roadmap, HashMap<Id, usize>)> {
    let (target_id, target_name, value) = match table {
        Table::GoalLinks => (Field::GoalId, Field::Goal, Some(Field::Contribution)),
        Table::CapabilityLinks => (Field::CapabilityId, Field::Capability, Some(Field::MaturityAfter)),
        Table::Dependencies => (Field::DependsOnId, Field::DependsOn, None),
        Table::CriterionValues => (Field::CriterionId, Field::Criterion, Some(Field::CriterionValue)),
        _ => (Field::Milestone, Field::MilestoneMonth, None),
    };
    let mut missing = Vec::new();
    if !ctx.mapped(Field::InitiativeId) && !ctx.mapped(Field::Initiative) {
        missing.push(format!("{} or {}", Field::InitiativeId.header(), Field::Initiative.header()));
    }
    if !ctx.mapped(target_id) && !ctx.mapped(target_name) {
        missing.push(format!("{} or {}", target_id.header(), target_name.header()));
    }
    if let Some(v) = value.filter(|&v| !ctx.mapped(v)) {
        missing.push(v.header().to_string());
    }
    if !missing.is_empty() {
        p.errors.push(row_error(0, format!("No column is imported as {}", missing.join("; nor as "))));
        return None;
    }
    let initiative_names = || r.initiatives.iter().map(|i| (i.id.as_str(), i.name.as_str()));
    let initiatives = Lookup::new(ItemKind::Initiative.noun(), initiative_names());
    let targets = match table {
        Table::GoalLinks => {
            Lookup::new(ItemKind::Goal.noun(), r.goals.iter().map(|g| (g.id.as_str(), g.name.as_str())))
        }
        Table::CapabilityLinks => {
            Lookup::new(ItemKind::Capability.noun(), r.capabilities.iter().map(|c| (c.id.as_str(), c.name.as_str())))
        }
        Table::CriterionValues => {
            Lookup::new("criterion", r.scoring.criteria.iter().map(|c| (c.id.as_str(), c.name.as_str())))
        }
        _ => Lookup::new(ItemKind::Initiative.noun(), initiative_names()),
    };
    // Per initiative, in the order first mentioned: its first row and its new links.
    let mut order: Vec<&str> = Vec::new();
    let mut new_links: HashMap<&str, (usize, Links)> = HashMap::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for &row in rows {
        let n = row.number;
        let initiative = match initiatives.find(ctx, row, Field::InitiativeId, Field::Initiative) {
            Ok(Some(id)) => id,
            Ok(None) => {
                p.errors.push(row_error(
                    n,
                    format!("has no {} and no {}", ctx.header(Field::InitiativeId), ctx.header(Field::Initiative)),
                ));
                continue;
            }
            Err(why) => {
                p.errors.push(row_error(n, why));
                continue;
            }
        };
        let entry = new_links.entry(initiative).or_insert_with(|| {
            order.push(initiative);
            (n, Links::empty(table))
        });
        if let Links::Milestones(list) = &mut entry.1 {
            let name = ctx.get(row, Field::Milestone).unwrap_or("").to_string();
            match month(ctx.get(row, Field::MilestoneMonth).unwrap_or("")) {
                Ok(month) => list.push(Milestone { name, month }),
                Err(why) => p.errors.push(row_error(n, format!("{} {why}", ctx.header(Field::MilestoneMonth)))),
            }
            continue;
        }
        let target = match targets.find(ctx, row, target_id, target_name) {
            Ok(Some(id)) => id,
            Ok(None) => {
                p.errors
                    .push(row_error(n, format!("has no {} and no {}", ctx.header(target_id), ctx.header(target_name))));
                continue;
            }
            Err(why) => {
                p.errors.push(row_error(n, why));
                continue;
            }
        };
        if let Some(first) = seen.insert((initiative, target), n) {
            let what = match table {
                Table::Dependencies => "depends on",
                Table::CriterionValues => "has a value for",
                _ => "links",
            };
            p.errors.push(row_error(
                n,
                format!(
                    "initiative \"{}\" {what} {} \"{}\" already in row {first}",
                    initiatives.name(initiative),
                    targets.noun,
                    targets.name(target)
                ),
            ));
            continue;
        }
        let cell = value.and_then(|v| ctx.get(row, v)).unwrap_or("");
        let header = value.map_or("", |v| ctx.header(v));
        match &mut entry.1 {
            Links::Goals(list) => match parse_contribution(cell) {
                Ok(contribution) => list.push(GoalLink { goal: target.to_string(), contribution }),
                Err(why) => p.errors.push(row_error(n, format!("{header} {why}"))),
            },
            Links::Capabilities(list) => match parse_score(cell, 0, 5) {
                Ok(maturity_after) => list.push(CapabilityLink { capability: target.to_string(), maturity_after }),
                Err(why) => p.errors.push(row_error(n, format!("{header} {why}"))),
            },
            Links::Dependencies(list) => list.push(target.to_string()),
            // An empty cell: no value for that criterion.
            Links::CriterionValues(_) if cell.trim().is_empty() => {}
            Links::CriterionValues(values) => match parse_number(cell, ctx.decimal_comma) {
                Ok(value) => {
                    values.insert(target.to_string(), value);
                }
                Err(why) => p.errors.push(row_error(n, format!("{header} {why}"))),
            },
            Links::Milestones(_) => {}
        }
    }
    let mut result = r.clone();
    let position: HashMap<&str, usize> = r.initiatives.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut row_of = HashMap::new();
    for id in order {
        let Some((row, links)) = new_links.remove(id) else { continue };
        row_of.insert(id.to_string(), row);
        let Some(&k) = position.get(id) else { continue };
        let old = Links::of(table, &r.initiatives[k]);
        if old == links {
            p.unchanged += 1;
            continue;
        }
        // Only changed initiatives are copied; the others stay shared with `r`.
        let i = Arc::make_mut(&mut result.initiatives[k]);
        p.updated.push(Change {
            row,
            subject: ItemKind::Initiative.subject(&i.name, &i.id),
            detail: format!("{}, was {}", Links::count_text(table, links.len()), old.len()),
        });
        links.apply(i);
    }
    Some((result, row_of))
}

/// A contribution: 1, 2 or 3, or the words Cairn shows for them.
pub(super) fn parse_contribution(cell: &str) -> Result<u8, String> {
    match cell.trim().to_lowercase().as_str() {
        "1" | "some" => Ok(1),
        "2" | "strong" => Ok(2),
        "3" | "decisive" => Ok(3),
        _ => Err(format!("\"{cell}\" must be 1 (some), 2 (strong) or 3 (decisive)")),
    }
}
