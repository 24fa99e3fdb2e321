//! Scheduling rules: the swimlanes' grouping, finish-to-start dependencies, the critical
//! path, rescheduling and the quarter sums under the timeline. Rules only; the timeline's
//! pixels (zoom, axis, rows, bars, hit-testing, arrows) are [`crate::layout::timeline`]'s.
//!
//! The rules:
//!
//! 1. **Swimlanes.** Only dated initiatives are on the timeline; undated ones wait in the
//!    [`parking_lot`]. An initiative linked to several goals, L1 capabilities or vendors
//!    appears in each of their lanes, marked *shared*; one with none goes to the "No goal"
//!    (…) lane, last. Goal and capability lanes are shown even when empty (a goal nothing
//!    serves is a gap worth seeing); owner, status and vendor lanes only when used.
//! 2. **Dependencies** are finish-to-start: a successor must start after the month its
//!    predecessor ends. A dependency is *broken* when both are dated, neither is cancelled
//!    and the successor starts in or before the predecessor's last month.
//! 3. **Rescheduling** keeps an initiative's duration and moves its milestones with it.
//!    Pushing successors moves each one that would start too early to the month after its
//!    latest predecessor ends, in dependency order; nothing is ever pulled earlier. An
//!    undated initiative dropped on the timeline gets [`DEFAULT_DURATION_MONTHS`] months.
//! 4. **Quarter sums** follow the spending rules of [`spend`], per calendar quarter
//!    (capacity is planned per calendar quarter). A quarter's budget envelope is the share
//!    of each fiscal year's capex + opex envelope for its months (a twelfth a month, so a
//!    quarter inside one fiscal year gets a quarter of it); it is over when spend, run cost
//!    included, exceeds that. The FTE sum is over when demand exceeds the quarter's capacity.

use super::calendar::{Month, Quarter};
use super::model::{display_name, Id, Initiative, Roadmap, Status};
use super::spend;
use std::collections::{HashMap, HashSet, VecDeque};

// ---------------------------------------------------------------------------------------
// Swimlanes
// ---------------------------------------------------------------------------------------

/// What the swimlanes are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Grouping {
    /// One lane with every dated initiative.
    #[default]
    None,
    Goal,
    /// By L1 capability (the top of the capability map).
    Capability,
    Owner,
    Status,
    Vendor,
}

impl Grouping {
    pub const ALL: [Grouping; 6] =
        [Grouping::None, Grouping::Goal, Grouping::Capability, Grouping::Owner, Grouping::Status, Grouping::Vendor];

    pub fn label(self) -> &'static str {
        match self {
            Grouping::None => "No grouping",
            Grouping::Goal => "Goal",
            Grouping::Capability => "Capability",
            Grouping::Owner => "Owner",
            Grouping::Status => "Status",
            Grouping::Vendor => "Vendor",
        }
    }
}

/// A swimlane. `key` is stable and unique across groupings: "all", "goal:<id>",
/// "capability:<id>", "owner:<name>", "status:<key>", "vendor:<name>"; the lane for
/// initiatives without any is "goal:", "capability:", "owner:" or "vendor:".
#[derive(Clone, PartialEq, Debug)]
pub struct Lane {
    pub key: String,
    pub title: String,
    pub items: Vec<LaneItem>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct LaneItem {
    pub initiative: Id,
    /// The initiative appears in more than one lane.
    pub shared: bool,
}

/// The swimlanes of the dated initiatives, in order (see the module rules): goals by weight
/// (heaviest first, then list order), L1 capabilities in list order, statuses in workflow
/// order, owners and vendors alphabetically; the "No …" lane last. Items in list order.
pub fn lanes(r: &Roadmap, grouping: Grouping) -> Vec<Lane> {
    let dated: Vec<&Initiative> = r.initiatives.iter().map(|i| &**i).filter(|i| i.is_dated()).collect();
    let goals: HashMap<&str, &str> = r.goals.iter().map(|g| (g.id.as_str(), display_name(&g.name, &g.id))).collect();
    let caps: HashMap<&str, _> = r.capabilities.iter().map(|c| (c.id.as_str(), c)).collect();
    // The L1 capability above `id`, when the chain up is intact.
    let l1_of = |id: &str| {
        let mut c = caps.get(id)?;
        for _ in 0..caps.len() {
            match &c.parent {
                None => return Some(c.id.as_str()),
                Some(p) => c = caps.get(p.as_str())?,
            }
        }
        None
    };
    let (prefix, none_title) = match grouping {
        Grouping::None => ("", ""),
        Grouping::Goal => ("goal:", "No goal"),
        Grouping::Capability => ("capability:", "No capability"),
        Grouping::Owner => ("owner:", "No owner"),
        Grouping::Status => ("status:", ""),
        Grouping::Vendor => ("vendor:", "No vendor"),
    };
    // Each initiative's lanes, as the part of the key after the prefix, distinct.
    let member: Vec<Vec<&str>> = dated
        .iter()
        .map(|i| {
            let mut keys: Vec<&str> = match grouping {
                Grouping::None => vec!["all"],
                Grouping::Goal => i.goals.iter().map(|l| l.goal.as_str()).filter(|g| goals.contains_key(g)).collect(),
                Grouping::Capability => i.capabilities.iter().filter_map(|l| l1_of(&l.capability)).collect(),
                Grouping::Owner => vec![i.owner.trim()],
                Grouping::Status => vec![i.status.key()],
                Grouping::Vendor => i.vendors.iter().map(|v| v.trim()).collect(),
            };
            keys.retain(|k| !k.is_empty());
            let mut seen = HashSet::new();
            keys.retain(|k| seen.insert(*k));
            keys
        })
        .collect();
    // The lanes: (key suffix, title).
    let mut list: Vec<(&str, &str)> = match grouping {
        Grouping::None => vec![("all", "All initiatives")],
        Grouping::Goal => {
            let mut gs: Vec<_> = r.goals.iter().collect();
            gs.sort_by_key(|g| std::cmp::Reverse(g.weight));
            gs.iter().map(|g| (g.id.as_str(), display_name(&g.name, &g.id))).collect()
        }
        Grouping::Capability => {
            r.capability_children(None).map(|c| (c.id.as_str(), display_name(&c.name, &c.id))).collect()
        }
        Grouping::Status => Status::ALL.iter().map(|s| (s.key(), s.label())).collect(),
        Grouping::Owner | Grouping::Vendor => {
            let mut names: Vec<&str> = member.iter().flatten().copied().collect();
            names.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
            names.dedup();
            names.into_iter().map(|n| (n, n)).collect()
        }
    };
    if !none_title.is_empty() {
        list.push(("", none_title));
    }
    let mut seen = HashSet::new();
    list.retain(|(k, _)| seen.insert(*k)); // duplicate ids (a validation error) give one lane
    let at: HashMap<&str, usize> = list.iter().enumerate().map(|(n, (k, _))| (*k, n)).collect();
    let mut out: Vec<Lane> = list
        .iter()
        .map(|(k, title)| Lane { key: format!("{prefix}{k}"), title: title.to_string(), items: Vec::new() })
        .collect();
    for (i, keys) in dated.iter().zip(&member) {
        let shared = keys.len() > 1;
        let keys: &[&str] = if keys.is_empty() { &[""] } else { keys };
        for k in keys {
            if let Some(&n) = at.get(k) {
                out[n].items.push(LaneItem { initiative: i.id.clone(), shared });
            }
        }
    }
    let keep_empty = matches!(grouping, Grouping::Goal | Grouping::Capability);
    out.retain(|l| !l.items.is_empty() || (keep_empty && l.key != prefix));
    out
}

/// The undated initiatives, in list order: they wait next to the timeline until someone
/// drags them onto it ([`schedule`]).
pub fn parking_lot(r: &Roadmap) -> Vec<Id> {
    r.initiatives.iter().filter(|i| !i.is_dated()).map(|i| i.id.clone()).collect()
}

// ---------------------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------------------

/// The first initiative with each id.
pub fn initiatives_by_id(r: &Roadmap) -> HashMap<&str, &Initiative> {
    let mut map = HashMap::with_capacity(r.initiatives.len());
    for i in &r.initiatives {
        map.entry(i.id.as_str()).or_insert(&**i);
    }
    map
}

/// Rule 2: both dated, neither cancelled, and the successor starts in or before the
/// predecessor's last month.
pub fn is_broken(predecessor: &Initiative, successor: &Initiative) -> bool {
    let live = |i: &Initiative| i.status != Status::Cancelled;
    match (predecessor.dates(), successor.dates()) {
        (Some((_, end)), Some((start, _))) => live(predecessor) && live(successor) && start <= end,
        _ => false,
    }
}

/// An initiative's predecessors, distinct, without itself or ids that do not exist.
pub fn predecessors<'a>(i: &'a Initiative, by_id: &HashMap<&str, &'a Initiative>) -> Vec<&'a Initiative> {
    let mut seen = HashSet::new();
    i.depends_on
        .iter()
        .filter(|d| **d != i.id && seen.insert(d.as_str()))
        .filter_map(|d| by_id.get(d.as_str()).copied())
        .collect()
}

/// A broken finish-to-start dependency (rule 2).
#[derive(Clone, PartialEq, Debug)]
pub struct Broken {
    pub predecessor: Id,
    pub successor: Id,
    /// `"Customer self-service portal" starts (2027-07) before "CRM rollout" ends (2027-08)`.
    pub message: String,
}

/// Every broken dependency, by successor in list order, then in `depends_on` order.
pub fn broken_dependencies(r: &Roadmap) -> Vec<Broken> {
    let by_id = initiatives_by_id(r);
    let mut out = Vec::new();
    for succ in &r.initiatives {
        for pred in predecessors(succ, &by_id).into_iter().filter(|p| is_broken(p, succ)) {
            let (start, end) = (succ.start.expect("dated"), pred.end.expect("dated"));
            out.push(Broken {
                predecessor: pred.id.clone(),
                successor: succ.id.clone(),
                message: format!(
                    "\"{}\" starts ({start}) before \"{}\" ends ({end})",
                    display_name(&succ.name, &succ.id),
                    display_name(&pred.name, &pred.id)
                ),
            });
        }
    }
    out
}

/// The one-click fix for broken dependencies: moves `id` (keeping its duration, with its
/// milestones) to start the month after its latest dated, non-cancelled predecessor ends.
/// Only ever moves later; `false` when nothing was broken (or `id` is undated, cancelled or
/// unknown).
pub fn move_after_predecessors(r: &mut Roadmap, id: &str) -> bool {
    let months = {
        let by_id = initiatives_by_id(r);
        let Some(i) = by_id.get(id) else { return false };
        let latest = predecessors(i, &by_id).into_iter().filter(|p| is_broken(p, i)).filter_map(|p| p.end).max();
        match (latest, i.start) {
            (Some(end), Some(start)) => end.index() + 1 - start.index(),
            _ => return false,
        }
    };
    shift(r, id, months)
}

/// The dependency graph over list indices (the first initiative with each id).
struct Graph {
    index: HashMap<Id, usize>,
    preds: Vec<Vec<usize>>,
    succs: Vec<Vec<usize>>,
}

impl Graph {
    fn new(r: &Roadmap) -> Graph {
        let mut index = HashMap::with_capacity(r.initiatives.len());
        for (k, i) in r.initiatives.iter().enumerate() {
            index.entry(i.id.clone()).or_insert(k);
        }
        let n = r.initiatives.len();
        let (mut preds, mut succs) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for (k, i) in r.initiatives.iter().enumerate() {
            for d in &i.depends_on {
                if let Some(&p) = index.get(d) {
                    if p != k && !preds[k].contains(&p) {
                        preds[k].push(p);
                        succs[p].push(k);
                    }
                }
            }
        }
        Graph { index, preds, succs }
    }

    /// Everything reachable from `start` along `next`, without `start` itself.
    fn reach(start: usize, next: &[Vec<usize>]) -> Vec<usize> {
        let mut seen = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        let mut out = Vec::new();
        while let Some(k) = queue.pop_front() {
            for &j in &next[k] {
                if seen.insert(j) {
                    out.push(j);
                    queue.push_back(j);
                }
            }
        }
        out
    }
}

/// All predecessors of `id` (transitively) and all its successors; neither contains `id`.
pub fn chain(r: &Roadmap, id: &str) -> (HashSet<Id>, HashSet<Id>) {
    let g = Graph::new(r);
    let Some(&k) = g.index.get(id) else {
        return Default::default();
    };
    let ids = |v: Vec<usize>| v.into_iter().map(|j| r.initiatives[j].id.clone()).filter(|x| x != id).collect();
    (ids(Graph::reach(k, &g.preds)), ids(Graph::reach(k, &g.succs)))
}

/// The heaviest path from `start` along `next`, where a path weighs the sum of its nodes'
/// `weight`; it stops where going on adds nothing. Ties go to the first in `next` order.
/// Iterative depth-first search; edges closing a cycle are ignored.
fn heaviest_from(start: usize, next: &[Vec<usize>], weight: &[i64]) -> Vec<usize> {
    const NEW: u8 = 0;
    const ACTIVE: u8 = 1;
    const DONE: u8 = 2;
    let n = next.len();
    let (mut state, mut best, mut choice) = (vec![NEW; n], vec![0i64; n], vec![None; n]);
    state[start] = ACTIVE;
    let mut stack = vec![(start, 0usize)];
    while let Some((node, pos)) = stack.last_mut() {
        let node = *node;
        if let Some(&child) = next[node].get(*pos) {
            *pos += 1;
            if state[child] == NEW {
                state[child] = ACTIVE;
                stack.push((child, 0));
            }
        } else {
            stack.pop();
            let mut pick: Option<usize> = None;
            for &c in next[node].iter().filter(|&&c| state[c] == DONE && best[c] > 0) {
                if pick.is_none_or(|p| best[c] > best[p]) {
                    pick = Some(c);
                }
            }
            best[node] = weight[node] + pick.map_or(0, |p| best[p]);
            choice[node] = pick;
            state[node] = DONE;
        }
    }
    // A choice was finished before its chooser, so following choices cannot loop.
    let mut path = vec![start];
    while let Some(c) = choice[*path.last().expect("non-empty")] {
        path.push(c);
    }
    path
}

/// The critical path through `id`: of all dependency paths passing through it, the one
/// with the most months of work (dated, non-cancelled initiatives count their months,
/// others 0), from its first predecessor to its last successor. Empty for an unknown id.
pub fn critical_path_through(r: &Roadmap, id: &str) -> Vec<Id> {
    let g = Graph::new(r);
    let Some(&k) = g.index.get(id) else {
        return Vec::new();
    };
    let weight: Vec<i64> =
        r.initiatives.iter().map(|i| spend::active_span(i).map_or(0, |(s, e)| s.months_through(e) as i64)).collect();
    let before = heaviest_from(k, &g.preds, &weight);
    let after = heaviest_from(k, &g.succs, &weight);
    before.iter().rev().chain(&after[1..]).map(|&j| r.initiatives[j].id.clone()).collect()
}

// ---------------------------------------------------------------------------------------
// Rescheduling
// ---------------------------------------------------------------------------------------

/// Months an undated initiative gets when it is dropped on the timeline.
pub const DEFAULT_DURATION_MONTHS: i32 = 6;

/// Which end of a bar is dragged.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Edge {
    Start,
    End,
}

fn shift_dates(i: &mut Initiative, months: i32) {
    i.start = i.start.map(|m| m.plus(months));
    i.end = i.end.map(|m| m.plus(months));
    for m in &mut i.milestones {
        m.month = m.month.map(|m| m.plus(months));
    }
}

/// Moves a dated initiative and its milestones by `months` (negative is earlier). `false`
/// when nothing changed (0 months, undated or unknown).
pub fn shift(r: &mut Roadmap, id: &str, months: i32) -> bool {
    if months == 0 || !r.initiative(id).is_some_and(|i| i.is_dated()) {
        return false;
    }
    shift_dates(r.initiative_mut(id).expect("exists"), months);
    true
}

/// Drags one end of a dated initiative to `to`, clamped so it never passes the other end
/// (a bar is at least one month). Milestones stay where they are. `false` when nothing
/// changed.
pub fn resize(r: &mut Roadmap, id: &str, edge: Edge, to: Month) -> bool {
    let Some((start, end)) = r.initiative(id).and_then(|i| i.dates()) else {
        return false;
    };
    let (start2, end2) = match edge {
        Edge::Start => (to.min(end), end),
        Edge::End => (start, to.max(start)),
    };
    if (start2, end2) == (start, end) {
        return false;
    }
    let i = r.initiative_mut(id).expect("exists");
    (i.start, i.end) = (Some(start2), Some(end2));
    true
}

/// Puts an initiative on the timeline starting in `start`: an undated one (or one with
/// only one date) gets [`DEFAULT_DURATION_MONTHS`] months; a dated one moves there with
/// its duration and milestones. `false` when nothing changed.
pub fn schedule(r: &mut Roadmap, id: &str, start: Month) -> bool {
    let Some(i) = r.initiative(id) else {
        return false;
    };
    match i.dates() {
        Some((from, _)) => shift(r, id, start.index() - from.index()),
        None => {
            let i = r.initiative_mut(id).expect("exists");
            (i.start, i.end) = (Some(start), Some(start.plus(DEFAULT_DURATION_MONTHS - 1)));
            true
        }
    }
}

/// Takes an initiative off the timeline, back to the parking lot (milestones keep their
/// months). `false` when it had no dates.
pub fn unschedule(r: &mut Roadmap, id: &str) -> bool {
    if !r.initiative(id).is_some_and(|i| i.start.is_some() || i.end.is_some()) {
        return false;
    }
    let i = r.initiative_mut(id).expect("exists");
    (i.start, i.end) = (None, None);
    true
}

/// The moves [`push_successors`] makes: (list index, months later), in dependency order.
fn push_plan(r: &Roadmap, id: &str) -> Vec<(usize, i32)> {
    let g = Graph::new(r);
    let Some(&root) = g.index.get(id) else {
        return Vec::new();
    };
    let closure = Graph::reach(root, &g.succs);
    let inside: HashSet<usize> = closure.iter().copied().collect();
    // Kahn's algorithm over the successors; any in a cycle are never ready (and not moved).
    let mut waiting: HashMap<usize, usize> =
        closure.iter().map(|&k| (k, g.preds[k].iter().filter(|p| inside.contains(p)).count())).collect();
    let mut ready: VecDeque<usize> = closure.iter().copied().filter(|k| waiting[k] == 0).collect();
    let mut moved: HashMap<usize, i32> = HashMap::new();
    let mut plan = Vec::new();
    while let Some(k) = ready.pop_front() {
        let i = &r.initiatives[k];
        // The latest end of a dated, live predecessor, as moved so far.
        let latest = g.preds[k]
            .iter()
            .filter(|&&p| r.initiatives[p].status != Status::Cancelled)
            .filter_map(|&p| Some(r.initiatives[p].dates()?.1.plus(moved.get(&p).copied().unwrap_or(0))))
            .max();
        if let (Some(end), Some((start, _))) = (latest, i.dates()) {
            if i.status != Status::Cancelled && start <= end {
                let months = end.index() + 1 - start.index();
                moved.insert(k, months);
                plan.push((k, months));
            }
        }
        for &s in &g.succs[k] {
            if let Some(w) = waiting.get_mut(&s) {
                *w -= 1;
                if *w == 0 {
                    ready.push_back(s);
                }
            }
        }
    }
    plan
}

/// The successors of `id`, direct and transitive, that start in or before the last month
/// of one of their predecessors — counting the moves of those before them in the chain —
/// in the order [`push_successors`] moves them. Call it after moving `id`.
pub fn successors_broken_by(r: &Roadmap, id: &str) -> Vec<Id> {
    push_plan(r, id).into_iter().map(|(k, _)| r.initiatives[k].id.clone()).collect()
}

/// Moves every successor [`successors_broken_by`] lists, in dependency order, to start the
/// month after its latest predecessor ends (keeping duration and milestones). Returns the
/// ids moved.
pub fn push_successors(r: &mut Roadmap, id: &str) -> Vec<Id> {
    let plan = push_plan(r, id);
    plan.into_iter()
        .map(|(k, months)| {
            let i = std::sync::Arc::make_mut(&mut r.initiatives[k]);
            shift_dates(i, months);
            i.id.clone()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Quarter sums (the budget and FTE strips under the timeline)
// ---------------------------------------------------------------------------------------

/// Spend of one calendar quarter against its share of the budget envelopes (rule 4).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct QuarterBudget {
    pub quarter: Quarter,
    pub capex: f64,
    /// Project opex, without run cost.
    pub opex: f64,
    /// Run cost of finished initiatives (spend rule 3).
    pub run: f64,
    /// The quarter's share of the fiscal years' capex + opex envelopes (rule 4).
    pub envelope: f64,
    /// `total() > envelope`.
    pub over: bool,
}

impl QuarterBudget {
    pub fn total(&self) -> f64 {
        self.capex + self.opex + self.run
    }
}

/// FTE demand of one calendar quarter against capacity.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct QuarterFte {
    pub quarter: Quarter,
    /// Average over the quarter's 3 months (spend rule 4).
    pub demand: f64,
    /// The quarter's capacity entries added up; 0 when none is set.
    pub capacity: f64,
    /// `demand > capacity`.
    pub over: bool,
}

#[derive(Clone, Copy, Default)]
struct MonthSums {
    capex: f64,
    opex: f64,
    run: f64,
    fte: f64,
}

/// The calendar quarters `first_q..=last_q`, each with the sums of its 3 months.
fn quarter_sums(r: &Roadmap, first_q: Quarter, last_q: Quarter) -> Vec<(Quarter, [MonthSums; 3])> {
    let (first, last) = (first_q.first_month(), last_q.last_month());
    let mut months = vec![MonthSums::default(); first.months_through(last) as usize];
    for i in &r.initiatives {
        let Some((start, end)) = spend::active_span(i) else {
            continue;
        };
        let stop = if i.run_cost_per_year != 0.0 { last } else { end.min(last) };
        // spend.rs's rules (cost spread evenly over the months of work, run cost after),
        // with each initiative's monthly amounts worked out once.
        let n = start.months_through(end) as f64;
        let (capex, opex, fte) = (i.capex / n, i.opex / n, i.fte);
        let run = i.run_cost_per_year / 12.0;
        for index in start.max(first).index()..=stop.index() {
            let slot = &mut months[(index - first.index()) as usize];
            if index <= end.index() {
                slot.capex += capex;
                slot.opex += opex;
                slot.fte += fte;
            } else {
                slot.run += run;
            }
        }
    }
    std::iter::successors(Some(first_q), |q| Some(q.next()))
        .take_while(|q| *q <= last_q)
        .zip(months.chunks(3))
        .map(|(q, ms)| (q, [ms[0], ms[1], ms[2]]))
        .collect()
}

/// Spend per calendar quarter `first..=last`, against its share of the envelopes.
pub fn quarter_budgets(r: &Roadmap, first: Quarter, last: Quarter) -> Vec<QuarterBudget> {
    let fs = r.fiscal_year_start_month.clamp(1, 12);
    let envelope = |fy: i32| r.budgets.iter().filter(|b| b.fiscal_year == fy).map(|b| b.capex + b.opex).sum::<f64>();
    quarter_sums(r, first, last)
        .into_iter()
        .map(|(quarter, ms)| {
            let sum = |f: fn(&MonthSums) -> f64| ms.iter().map(f).sum::<f64>();
            let envelope = (0..3).map(|k| envelope(quarter.first_month().plus(k).fiscal_year(fs)) / 12.0).sum();
            let mut q = QuarterBudget {
                quarter,
                capex: sum(|m| m.capex),
                opex: sum(|m| m.opex),
                run: sum(|m| m.run),
                envelope,
                over: false,
            };
            q.over = q.total() > envelope;
            q
        })
        .collect()
}

/// FTE demand per calendar quarter `first..=last`, against capacity.
pub fn quarter_fte(r: &Roadmap, first: Quarter, last: Quarter) -> Vec<QuarterFte> {
    quarter_sums(r, first, last)
        .into_iter()
        .map(|(quarter, ms)| {
            let demand = ms.iter().map(|m| m.fte).sum::<f64>() / 3.0;
            let capacity = r.capacity.iter().filter(|c| c.quarter == quarter).map(|c| c.fte).sum();
            QuarterFte { quarter, demand, capacity, over: demand > capacity }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;
    use crate::domain::model::{GoalLink, Milestone};
    use crate::domain::validate::validate;
    use std::sync::Arc;

    pub(crate) fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// An initiative; `dates` is "YYYY-MM..YYYY-MM" or "" (undated).
    pub(crate) fn ini(id: &str, dates: &str, deps: &[&str]) -> Initiative {
        let (start, end) = dates.split_once("..").map_or((None, None), |(s, e)| (Some(m(s)), Some(m(e))));
        Initiative {
            id: id.into(),
            name: id.to_uppercase(),
            start,
            end,
            depends_on: deps.iter().map(|d| d.to_string()).collect(),
            ..Initiative::default()
        }
    }

    pub(crate) fn roadmap(initiatives: Vec<Initiative>) -> Roadmap {
        Roadmap { initiatives: initiatives.into_iter().map(Arc::new).collect(), ..Roadmap::default() }
    }

    fn dates(r: &Roadmap, id: &str) -> (Option<Month>, Option<Month>) {
        let i = r.initiative(id).unwrap();
        (i.start, i.end)
    }

    fn ids(list: &[&str]) -> Vec<Id> {
        list.iter().map(|s| s.to_string()).collect()
    }

    // --- Lanes and rows ---------------------------------------------------------------

    fn lane_keys(lanes: &[Lane]) -> Vec<&str> {
        lanes.iter().map(|l| l.key.as_str()).collect()
    }
    fn items(lane: &Lane) -> Vec<&str> {
        lane.items.iter().map(|i| i.initiative.as_str()).collect()
    }
    fn shared(lanes: &[Lane], id: &str) -> Vec<bool> {
        lanes.iter().flat_map(|l| &l.items).filter(|i| i.initiative == id).map(|i| i.shared).collect()
    }

    #[test]
    fn lanes_by_goal_on_the_demo() {
        let r = demo_roadmap();
        let lanes = lanes(&r, Grouping::Goal);
        // Weight 5 first (cx, resilience, security), then 4, then 3, in list order; the
        // empty "Cut CO₂" lane stays (a gap); "No goal" last.
        let keys: Vec<_> = lane_keys(&lanes);
        let want = ["cx", "resilience", "security", "digital", "cost", "compliance", "data", "green", ""];
        assert_eq!(keys, want.map(|g| if g.is_empty() { "goal:".to_string() } else { format!("goal:goal-{g}") }));
        assert_eq!(lanes[7].title, "Cut CO₂ per shipment");
        assert!(lanes[7].items.is_empty());
        assert_eq!((lanes[8].title.as_str(), items(&lanes[8])), ("No goal", vec!["ini-intranet"]));
        assert_eq!(items(&lanes[0]), ["ini-sd", "ini-crm", "ini-tms", "ini-portal", "ini-wms", "ini-telematics"]);
        // Linked to two goals: in both lanes, shared; to one: once, not shared.
        assert_eq!(shared(&lanes, "ini-landing"), [true, true]);
        assert_eq!(shared(&lanes, "ini-tms"), [true, true, true]);
        assert_eq!(shared(&lanes, "ini-mfa"), [false]);
        assert_eq!(shared(&lanes, "ini-intranet"), [false]);
        // Undated ideas are in the parking lot, not in a lane.
        assert_eq!(shared(&lanes, "ini-genai"), Vec::<bool>::new());
        assert_eq!(parking_lot(&r), ["ini-genai", "ini-robotics"]);
    }

    #[test]
    fn lanes_by_capability_owner_status_vendor_and_none_on_the_demo() {
        let r = demo_roadmap();
        let caps = lanes(&r, Grouping::Capability);
        let l1 = ["cust", "log", "corp", "data", "grc", "itsm", "ops", "ppm", "people", "tech"];
        let mut want: Vec<String> = l1.iter().map(|c| format!("capability:cap-{c}")).collect();
        want.push("capability:".into());
        assert_eq!(lane_keys(&caps), want);
        assert_eq!((caps[0].title.as_str(), caps[10].title.as_str()), ("Customer & sales", "No capability"));
        assert_eq!(items(&caps[10]), ["ini-intranet", "ini-chain"]);
        // Two L1s (portfolio, people): shared; three capabilities under one L1: not.
        assert_eq!(shared(&caps, "ini-ppm"), [true, true]);
        assert_eq!(shared(&caps, "ini-obs"), [true, true]);
        assert_eq!(shared(&caps, "ini-erp"), [false]);
        assert_eq!(shared(&caps, "ini-dcexit"), [false]);

        let owners = lanes(&r, Grouping::Owner);
        let titles: Vec<_> = owners.iter().map(|l| l.title.as_str()).collect();
        // Everyone has an owner, so there is no "No owner" lane.
        let people = [
            "Anja Koval",
            "Claire Dubois",
            "Ingrid Solberg",
            "Mateo Rossi",
            "Nadia Haddad",
            "Ravi Menon",
            "Tomasz Nowak",
        ];
        assert_eq!(titles, people);
        assert_eq!(owners[0].key, "owner:Anja Koval");
        assert_eq!(items(&owners[2]), ["ini-sd"]);

        let status = lanes(&r, Grouping::Status);
        let titles: Vec<_> = status.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["Proposed", "Approved", "In progress", "Done", "Cancelled"]);
        assert_eq!(
            (status[2].key.as_str(), items(&status[2])),
            ("status:in_progress", vec!["ini-landing", "ini-erp", "ini-sd"])
        );
        assert_eq!(items(&status[4]), ["ini-chain"]);
        assert!(status.iter().flat_map(|l| &l.items).all(|i| !i.shared));

        let vendors = lanes(&r, Grouping::Vendor);
        let titles: Vec<_> = vendors.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Arcturus Software",
                "Bluefjord Consulting",
                "Cobalt Devices",
                "Helix Security",
                "Kestrel Systems",
                "Lumen Observability",
                "Northgate Networks",
                "Pelican Data",
                "Quanta Service Cloud",
                "Vireo Telematics",
                "No vendor",
            ]
        );
        assert_eq!((vendors[10].key.as_str(), items(&vendors[10])), ("vendor:", vec!["ini-chain"]));

        let all = lanes(&r, Grouping::None);
        assert_eq!((all.len(), all[0].key.as_str(), all[0].items.len()), (1, "all", 28));
    }

    #[test]
    fn shared_vendors_and_missing_owners_on_a_small_roadmap() {
        let mut a = ini("a", "2026-01..2026-03", &[]);
        a.vendors = ids(&["beta", " Alpha ", "beta", ""]);
        a.owner = "zoe".into();
        let mut b = ini("b", "2026-02..2026-03", &[]);
        b.vendors = ids(&["Beta"]);
        b.owner = "  ".into();
        b.goals = vec![GoalLink { goal: "missing".into(), contribution: 1 }];
        let r = roadmap(vec![a, b, ini("c", "", &[])]);
        let v = lanes(&r, Grouping::Vendor);
        assert_eq!(lane_keys(&v), ["vendor:Alpha", "vendor:Beta", "vendor:beta"]);
        assert_eq!(shared(&v, "a"), [true, true]);
        assert_eq!(shared(&v, "b"), [false]);
        let o = lanes(&r, Grouping::Owner);
        assert_eq!(lane_keys(&o), ["owner:zoe", "owner:"]);
        assert_eq!((o[1].title.as_str(), items(&o[1])), ("No owner", vec!["b"]));
        // A link to a goal that does not exist counts as no goal.
        let g = lanes(&r, Grouping::Goal);
        assert_eq!((lane_keys(&g), items(&g[0])), (vec!["goal:"], vec!["a", "b"]));
        assert_eq!(parking_lot(&r), ["c"]);
    }

    // --- Dependencies -----------------------------------------------------------------

    #[test]
    fn the_demo_has_exactly_one_broken_dependency_and_the_fix_repairs_it() {
        let mut r = demo_roadmap();
        let broken = broken_dependencies(&r);
        assert_eq!(
            broken,
            [Broken {
                predecessor: "ini-crm".into(),
                successor: "ini-portal".into(),
                message: "\"Customer self-service portal\" starts (2027-07) before \"CRM rollout\" ends (2027-08)"
                    .into(),
            }]
        );
        assert!(!move_after_predecessors(&mut r, "ini-crm"));
        assert!(!move_after_predecessors(&mut r, "ini-genai") && !move_after_predecessors(&mut r, "nope"));
        assert!(move_after_predecessors(&mut r, "ini-portal"));
        assert_eq!(dates(&r, "ini-portal"), (Some(m("2027-09")), Some(m("2028-08"))));
        assert!(broken_dependencies(&r).is_empty());
        assert!(!validate(&r).iter().any(|p| p.id == "ini-portal" && p.field == "depends_on"));
        assert!(!move_after_predecessors(&mut r, "ini-portal"));
    }

    /// a(3) → b(2), a → c(5), x(10) → b, b → d(1), c → d, d → e(4); y (cancelled, 20
    /// months) and z (undated) hang off d and e; p and q form a cycle.
    fn diamond() -> Roadmap {
        let mut y = ini("y", "2027-01..2028-08", &["d"]);
        y.status = Status::Cancelled;
        roadmap(vec![
            ini("a", "2026-01..2026-03", &[]),
            ini("x", "2025-01..2025-10", &[]),
            ini("b", "2026-04..2026-05", &["a", "x"]),
            ini("c", "2026-04..2026-08", &["a"]),
            ini("d", "2026-09..2026-09", &["b", "c"]),
            ini("e", "2026-10..2027-01", &["d"]),
            y,
            ini("z", "", &["e"]),
            ini("p", "2026-01..2026-02", &["q"]),
            ini("q", "2026-03..2026-04", &["p"]),
        ])
    }

    #[test]
    fn chains_follow_dependencies_both_ways() {
        let r = diamond();
        let set = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        assert_eq!(chain(&r, "d"), (set(&["a", "b", "c", "x"]), set(&["e", "y", "z"])));
        assert_eq!(chain(&r, "a"), (set(&[]), set(&["b", "c", "d", "e", "y", "z"])));
        assert_eq!(chain(&r, "p"), (set(&["q"]), set(&["q"])));
        assert_eq!(chain(&r, "nope"), (set(&[]), set(&[])));
    }

    #[test]
    fn critical_paths_on_a_diamond() {
        let r = diamond();
        let path = |id| critical_path_through(&r, id);
        // Through b: x (10) beats a (3) before it; d then e after: 17 months.
        assert_eq!(path("b"), ids(&["x", "b", "d", "e"]));
        // Through a: c (5) beats b (2).
        assert_eq!(path("a"), ids(&["a", "c", "d", "e"]));
        assert_eq!(path("c"), ids(&["a", "c", "d", "e"]));
        // Through d: x → b (12) beats a → c (8); the cancelled y counts 0, so e wins.
        assert_eq!(path("d"), ids(&["x", "b", "d", "e"]));
        assert_eq!(path("y"), ids(&["x", "b", "d", "y"]));
        assert_eq!(path("z"), ids(&["x", "b", "d", "e", "z"]));
        // A cycle does not hang.
        let p = path("p");
        assert!(p.contains(&"p".to_string()) && p.len() <= 3, "{p:?}");
        assert!(path("nope").is_empty());
    }

    // --- Rescheduling -----------------------------------------------------------------

    #[test]
    fn shift_resize_schedule_and_unschedule() {
        let mut a = ini("a", "2026-03..2026-08", &[]);
        a.milestones = vec![
            Milestone { name: "One".into(), month: Some(m("2026-05")) },
            Milestone { name: "Undated".into(), month: None },
        ];
        let mut r = roadmap(vec![a, ini("u", "", &[])]);
        let before = r.initiatives[0].clone();
        assert!(!shift(&mut r, "a", 0) && !shift(&mut r, "u", 2) && !shift(&mut r, "nope", 1));
        assert!(Arc::ptr_eq(&before, &r.initiatives[0]), "a no-op must not copy the initiative");
        assert!(shift(&mut r, "a", 3));
        assert_eq!(dates(&r, "a"), (Some(m("2026-06")), Some(m("2026-11"))));
        assert_eq!(r.initiatives[0].milestones[0].month, Some(m("2026-08")));
        assert_eq!(r.initiatives[0].milestones[1].month, None);
        assert!(shift(&mut r, "a", -5));
        assert_eq!(dates(&r, "a"), (Some(m("2026-01")), Some(m("2026-06"))));

        assert!(resize(&mut r, "a", Edge::Start, m("2026-03")));
        assert_eq!(dates(&r, "a"), (Some(m("2026-03")), Some(m("2026-06"))));
        assert!(resize(&mut r, "a", Edge::Start, m("2026-12"))); // clamped to the end
        assert_eq!(dates(&r, "a"), (Some(m("2026-06")), Some(m("2026-06"))));
        assert!(!resize(&mut r, "a", Edge::End, m("2026-02"))); // clamped to the start: no change
        assert!(resize(&mut r, "a", Edge::End, m("2027-01")));
        assert_eq!(dates(&r, "a"), (Some(m("2026-06")), Some(m("2027-01"))));
        assert_eq!(r.initiatives[0].milestones[0].month, Some(m("2026-03")), "milestones stay put");
        assert!(!resize(&mut r, "u", Edge::End, m("2027-01")));

        assert!(schedule(&mut r, "u", m("2027-02")));
        assert_eq!(dates(&r, "u"), (Some(m("2027-02")), Some(m("2027-07"))));
        assert!(schedule(&mut r, "a", m("2026-01"))); // dated: moves, keeping 8 months
        assert_eq!(dates(&r, "a"), (Some(m("2026-01")), Some(m("2026-08"))));
        assert!(!schedule(&mut r, "a", m("2026-01")) && !schedule(&mut r, "nope", m("2026-01")));
        assert!(unschedule(&mut r, "u") && !unschedule(&mut r, "u"));
        assert_eq!(parking_lot(&r), ["u"]);
    }

    #[test]
    fn pushing_successors_in_dependency_order() {
        let mut b = ini("b", "2026-04..2026-06", &["a"]);
        b.milestones = vec![Milestone { name: "M".into(), month: Some(m("2026-05")) }];
        let mut f = ini("f", "2026-04..2026-05", &["a"]);
        f.status = Status::Cancelled;
        let mut r = roadmap(vec![
            ini("a", "2026-01..2026-03", &[]),
            b,
            f,
            ini("g", "", &["a"]),
            ini("w", "2026-01..2026-12", &[]),
            ini("c", "2026-07..2026-09", &["b"]),
            ini("d", "2027-01..2027-02", &["b", "w"]),
            ini("e", "2026-10..2026-10", &["b", "c"]),
            ini("h", "2026-12..2027-01", &["g"]),
        ]);
        assert!(successors_broken_by(&r, "a").is_empty());
        assert!(shift(&mut r, "a", 2)); // a now ends in May
                                        // b starts in April: pushed 2 months, so c (July) must go after b's new end (August),
                                        // and e after c's (November). d starts after both b and w. The cancelled f and the
                                        // undated g (and h behind it) are left alone.
        assert_eq!(successors_broken_by(&r, "a"), ids(&["b", "c", "e"]));
        assert_eq!(push_successors(&mut r, "a"), ids(&["b", "c", "e"]));
        assert_eq!(dates(&r, "b"), (Some(m("2026-06")), Some(m("2026-08"))));
        assert_eq!(r.initiative("b").unwrap().milestones[0].month, Some(m("2026-07")));
        assert_eq!(dates(&r, "c"), (Some(m("2026-09")), Some(m("2026-11"))));
        assert_eq!(dates(&r, "e"), (Some(m("2026-12")), Some(m("2026-12"))));
        for (id, was) in [("d", "2027-01"), ("f", "2026-04"), ("h", "2026-12")] {
            assert_eq!(dates(&r, id).0, Some(m(was)), "{id}");
        }
        assert!(successors_broken_by(&r, "a").is_empty() && push_successors(&mut r, "a").is_empty());
        assert!(broken_dependencies(&r).iter().all(|b| b.successor == "f" || b.successor == "h"));
        // Cycles do not hang.
        let mut cyc = diamond();
        shift(&mut cyc, "q", 5);
        assert!(push_successors(&mut cyc, "q").len() <= 1);
    }
}
