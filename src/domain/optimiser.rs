//! Deciding what to fund: the set of initiatives with the most value that fits the budget
//! envelopes, the dependencies, the FTE capacity and the locks — found by branch and bound
//! with linear-programming bounds, exactly (or with a proven bound and the gap when a work
//! limit stops it), in slices the page can run between frames.
//!
//! The rules (docs/scoring.md explains them for users):
//!
//! 1. **Value.** Each funded initiative adds its [`scoring`] value: the weighted score, or
//!    under WSJF the cost of delay. The optimiser maximises the total.
//! 2. **Who is decided.** Done and in-progress initiatives are funded, fixed. Cancelled ones
//!    are out. Undated ones (parking lot) are out: without months their cost cannot be
//!    placed in a fiscal year — give them dates to let the optimiser consider them. A
//!    "must not fund" lock keeps an initiative out; a "must fund" lock funds it, together with
//!    everything it depends on (a lock that cannot be honoured — on a cancelled or undated
//!    initiative, or one that depends on something out — is left out and said so). A lock
//!    never overrides done or in progress. Every other dated initiative (idea, proposed,
//!    approved, on hold) is a candidate.
//! 3. **Dependencies.** An initiative is funded only if everything it depends on is funded
//!    (fixed ones count as funded). Dependencies on ids that do not exist are ignored.
//! 4. **Budget envelopes.** For every fiscal year touching the horizon that has a budget,
//!    the capex and the opex of the funded initiatives in that year must stay within the
//!    envelope. Money is counted exactly as the budget view counts it ([`spend`]): capex and
//!    opex spread evenly over an initiative's months, then its run cost as opex every month
//!    after it ends. Money already spent by in-progress work counts in its year like any
//!    other spend (the envelope covers the whole year). A fiscal year without a budget is
//!    not limited (and a note says so).
//! 5. **FTE capacity** (optional, [`Options::use_capacity`]): in every quarter touching the
//!    horizon that has a capacity entry, the average FTE of the funded initiatives (as
//!    [`spend::fte_by_quarter`] counts it) must stay within the capacity. Quarters without an
//!    entry are not limited.
//! 6. **Already over.** When the fixed and locked initiatives alone exceed a limit, nothing
//!    more that uses that limit can be funded, and a note says by how much it is over.
//!
//! The search: initiatives that cannot fit even on their own with their prerequisites are
//! left out first; the rest are decided by best-first branch and bound. Each node's bound is
//! the linear-programming relaxation (a bounded primal simplex on the envelopes and, added
//! when violated, the dependency rows); nodes whose bound cannot beat the best set found are
//! pruned, and reduced costs fix variables that cannot improve it. A greedy start and LP
//! rounding find good sets early. When the open nodes run out the best set is **proven
//! optimal**; when [`Options::max_nodes`] stops the search first, the result reports the best
//! set, the proven upper bound and the gap between them.

use super::calendar::{fiscal_year_start, Quarter};
use super::format::{fiscal_year_label, short_money, trimmed};
use super::model::{display_name, FundingLock, Id, Roadmap, Status};
use super::scoring;
use super::spend::{self, active_span, monthly_fte, spend_through};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// A limit the funded initiatives must respect.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Limit {
    Capex(i32),
    Opex(i32),
    Fte(Quarter),
}

impl Limit {
    /// "FY27 capex", "FY27 opex", "the FTE capacity of 2027-Q2".
    pub fn label(self) -> String {
        match self {
            Limit::Capex(fy) => format!("{} capex", fiscal_year_label(fy)),
            Limit::Opex(fy) => format!("{} opex", fiscal_year_label(fy)),
            Limit::Fte(q) => format!("the FTE capacity of {q}"),
        }
    }

    /// An amount of this limit in words: "EUR 120k", "1.5 FTE".
    pub fn amount(self, value: f64, currency: &str) -> String {
        match self {
            Limit::Fte(_) => format!("{} FTE", trimmed(value, 1)),
            _ => short_money(value, currency),
        }
    }
}

/// How the optimiser runs.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Options {
    /// Respect the FTE capacity per quarter.
    pub use_capacity: bool,
    /// Also work out what 10% more budget in each fiscal year would buy (one more search per
    /// fiscal year with a budget).
    pub budget_value: bool,
    /// Stop each search after this many branch-and-bound nodes, reporting the best set, the
    /// bound and the gap. `None`: search until proven optimal.
    pub max_nodes: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options { use_capacity: true, budget_value: true, max_nodes: None }
    }
}

impl Options {
    /// The defaults for a roadmap: exact for up to [`EXACT_UP_TO`] initiatives, a work limit of
    /// [`LARGE_NODE_LIMIT`] nodes per search beyond that.
    pub fn for_roadmap(r: &Roadmap) -> Options {
        let large = r.initiatives.len() > EXACT_UP_TO;
        Options { max_nodes: large.then_some(LARGE_NODE_LIMIT), ..Options::default() }
    }
}

/// Portfolios up to this size are searched until proven optimal by default.
pub const EXACT_UP_TO: usize = 300;
/// The default node limit of a search for larger portfolios.
pub const LARGE_NODE_LIMIT: u64 = 500;

/// Why an initiative is funded or not.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub enum Why {
    /// Done or in progress: always funded.
    Fixed(Status),
    /// Locked as must fund.
    Locked,
    /// Needed by an initiative locked as must fund (its id).
    NeededBy(Id),
    /// Chosen by the optimiser.
    Chosen,
    Cancelled,
    Undated,
    /// Locked as must not fund.
    LockedOut,
    /// Depends (directly) on this initiative, which is out for a reason of its own.
    DependsOn(Id),
    /// Even on its own (with the prerequisites in `needs`) it would exceed these limits.
    DoesNotFit {
        over: Vec<Overrun>,
        needs: Vec<Id>,
    },
    /// It fits on its own, but added to the funded set (with the prerequisites in `needs`,
    /// which are out) it would exceed these limits: what is funded instead is worth more.
    Displaced {
        over: Vec<Overrun>,
        needs: Vec<Id>,
    },
    /// It would fit but adds no value (score 0).
    NoValue,
    /// It would fit and adds value: the search was stopped before deciding it for good.
    NotReached,
}

/// By how much a limit would be exceeded.
#[derive(Clone, Copy, PartialEq, Debug, Serialize, Deserialize)]
pub struct Overrun {
    pub limit: Limit,
    pub by: f64,
}

/// The decision about one initiative.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Decision {
    pub id: Id,
    pub name: String,
    pub funded: bool,
    pub value: f64,
    pub why: Why,
    /// `why` in words: "would exceed FY27 capex by EUR 120k; it fits on its own, but …".
    pub text: String,
}

/// Use of one limit by the funded set.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Usage {
    pub limit: Limit,
    pub used: f64,
    pub available: f64,
}

/// What 10% more budget in one fiscal year would buy.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct BudgetValue {
    pub fiscal_year: i32,
    pub extra_capex: f64,
    pub extra_opex: f64,
    /// Total value with the extra budget minus the total value without it.
    pub gain: f64,
    /// Funded with the extra budget but not without it, and the other way round.
    pub added: Vec<Id>,
    pub removed: Vec<Id>,
    /// Both searches were proven optimal (else the gain is a best estimate).
    pub proven: bool,
}

/// The optimiser's answer.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Outcome {
    /// One decision per initiative, in list order.
    pub decisions: Vec<Decision>,
    /// Total value of the funded initiatives (fixed and locked ones included).
    pub total_value: f64,
    /// A proven upper bound on the total value any allowed set can reach.
    pub bound: f64,
    /// `(bound − total) ÷ bound`, 0 when proven optimal.
    pub gap: f64,
    pub proven_optimal: bool,
    /// Branch-and-bound nodes of the main search.
    pub nodes: u64,
    /// The funded set's use of every limit.
    pub usage: Vec<Usage>,
    /// Things the user should know: years without a budget, limits already exceeded by
    /// fixed work, locks that cannot be honoured.
    pub notes: Vec<String>,
    /// What 10% more budget in each fiscal year with a budget would buy (empty unless asked).
    pub budget_value: Vec<BudgetValue>,
    /// The search was cancelled before it finished.
    pub cancelled: bool,
}

impl Outcome {
    /// Ids of the funded initiatives, in list order.
    pub fn funded(&self) -> Vec<&str> {
        self.decisions.iter().filter(|d| d.funded).map(|d| d.id.as_str()).collect()
    }
}

/// Progress of a run, for a progress bar.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Progress {
    /// "Choosing what to fund" or "What 10% more in FY27 buys".
    pub phase: String,
    /// 0-based phase and the number of phases (1 + fiscal years when budget value is asked).
    pub phase_index: usize,
    pub phases: usize,
    pub nodes: u64,
    /// Total value of the best set found so far and the proven bound, for this phase.
    pub best: f64,
    pub bound: f64,
}

pub enum Step {
    Working(Progress),
    Finished(Box<Outcome>),
}

const TOL: f64 = 1e-9;

// -----------------------------------------------------------------------------------------
// The roadmap as limits and usage
// -----------------------------------------------------------------------------------------

/// Everything about the roadmap the searches need, computed once.
struct Model {
    currency: String,
    ids: Vec<Id>,
    position: HashMap<Id, usize>,
    names: Vec<String>,
    values: Vec<f64>,
    status: Vec<Status>,
    lock: Vec<FundingLock>,
    dated: Vec<bool>,
    limits: Vec<Limit>,
    available: Vec<f64>,
    /// Per initiative: (limit index, amount > 0).
    usage: Vec<Vec<(usize, f64)>>,
    /// Per initiative: the initiatives it depends on (indexes, existing, not itself).
    deps: Vec<Vec<usize>>,
    dependents: Vec<Vec<usize>>,
    notes: Vec<String>,
}

impl Model {
    fn new(r: &Roadmap, options: &Options) -> Model {
        let scored = scoring::scored(r);
        let n = r.initiatives.len();
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
        for (k, i) in r.initiatives.iter().enumerate() {
            index.entry(i.id.as_str()).or_insert(k);
        }
        let mut deps = vec![Vec::new(); n];
        let mut dependents = vec![Vec::new(); n];
        for (k, i) in r.initiatives.iter().enumerate() {
            for d in &i.depends_on {
                if let Some(&j) = index.get(d.as_str()) {
                    if j != k && !deps[k].contains(&j) {
                        deps[k].push(j);
                        dependents[j].push(k);
                    }
                }
            }
        }
        let mut notes = Vec::new();
        let fs = r.fiscal_year_start_month.clamp(1, 12);
        let mut limits: Vec<Limit> = Vec::new();
        let mut available: Vec<f64> = Vec::new();
        for fy in spend::fiscal_years(r) {
            let entries: Vec<_> = r.budgets.iter().filter(|b| b.fiscal_year == fy).collect();
            if entries.is_empty() {
                notes.push(format!("{} has no budget, so its spend is not limited.", fiscal_year_label(fy)));
                continue;
            }
            let clean = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
            limits.push(Limit::Capex(fy));
            available.push(entries.iter().map(|b| clean(b.capex)).sum());
            limits.push(Limit::Opex(fy));
            available.push(entries.iter().map(|b| clean(b.opex)).sum());
        }
        if options.use_capacity {
            for q in spend::quarters(r) {
                let entries: Vec<f64> = r.capacity.iter().filter(|c| c.quarter == q).map(|c| c.fte).collect();
                if !entries.is_empty() {
                    limits.push(Limit::Fte(q));
                    available.push(entries.iter().map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 }).sum());
                }
            }
        }
        let usage = r
            .initiatives
            .iter()
            .map(|i| {
                let mut out = Vec::new();
                for (k, limit) in limits.iter().enumerate() {
                    let amount = match *limit {
                        Limit::Capex(fy) | Limit::Opex(fy) => {
                            let first = fiscal_year_start(fy, fs);
                            let s = spend_through(i, first.plus(11));
                            let before = spend_through(i, first.plus(-1));
                            if matches!(limit, Limit::Capex(_)) {
                                s.capex - before.capex
                            } else {
                                s.opex - before.opex
                            }
                        }
                        Limit::Fte(q) => (0..3).map(|m| monthly_fte(i, q.first_month().plus(m))).sum::<f64>() / 3.0,
                    };
                    let scale = available[k].max(1.0);
                    if amount.is_finite() && amount > TOL * scale {
                        out.push((k, amount));
                    }
                }
                out
            })
            .collect();
        Model {
            currency: r.currency.clone(),
            ids: r.initiatives.iter().map(|i| i.id.clone()).collect(),
            position: index.iter().map(|(id, &k)| (id.to_string(), k)).collect(),
            names: r.initiatives.iter().map(|i| display_name(&i.name, &i.id).to_string()).collect(),
            values: scored.iter().map(|s| if s.value.is_finite() { s.value.max(0.0) } else { 0.0 }).collect(),
            status: r.initiatives.iter().map(|i| i.status).collect(),
            lock: r.initiatives.iter().map(|i| i.funding_lock).collect(),
            dated: r.initiatives.iter().map(|i| active_span(i).is_some()).collect(),
            limits,
            available,
            usage,
            deps,
            dependents,
            notes,
        }
    }

    fn tolerance(&self, k: usize) -> f64 {
        1e-7 * self.available[k].max(1.0)
    }
}

/// Where each initiative stands before the search.
#[derive(Clone, PartialEq, Debug)]
enum Class {
    In(Why),
    Out(Why),
    Free,
}

/// The classification of one search (its envelopes may be raised).
struct Setup {
    class: Vec<Class>,
    /// Room left per limit once the fixed and locked initiatives are paid for (≥ 0).
    room: Vec<f64>,
    /// What the funded set may use of each limit: the envelope, or what the fixed and locked
    /// initiatives already use when that is more.
    cap: Vec<f64>,
    notes: Vec<String>,
}

fn setup(m: &Model, available: &[f64]) -> Setup {
    let n = m.ids.len();
    let mut notes = Vec::new();
    let mut class: Vec<Class> = (0..n)
        .map(|k| match m.status[k] {
            Status::Cancelled => Class::Out(Why::Cancelled),
            Status::InProgress | Status::Done => Class::In(Why::Fixed(m.status[k])),
            _ if !m.dated[k] => Class::Out(Why::Undated),
            _ if m.lock[k] == FundingLock::MustNotFund => Class::Out(Why::LockedOut),
            _ => Class::Free,
        })
        .collect();
    let out_now: Vec<usize> = (0..n).filter(|&k| matches!(class[k], Class::Out(_))).collect();
    propagate_out(m, &mut class, out_now);
    #[allow(clippy::needless_range_loop)] // `k` indexes the model's tables and `class`
    for k in 0..n {
        if m.lock[k] == FundingLock::MustFund {
            if let Class::Out(why) = &class[k] {
                let reason = match why {
                    Why::Cancelled => "it is cancelled".to_string(),
                    Why::Undated => "it has no dates".to_string(),
                    Why::DependsOn(d) => format!("it depends on \"{}\", which is out", m.names[index_of(m, d)]),
                    _ => "it cannot be funded".to_string(),
                };
                notes.push(format!("\"{}\" is locked as must fund, but {reason}; it is left out.", m.names[k]));
            }
        }
    }
    // Must fund, with everything it needs.
    for k in 0..n {
        if m.lock[k] == FundingLock::MustFund && class[k] == Class::Free {
            class[k] = Class::In(Why::Locked);
            let mut stack = m.deps[k].clone();
            while let Some(j) = stack.pop() {
                if class[j] == Class::Free {
                    class[j] = Class::In(if m.lock[j] == FundingLock::MustFund {
                        Why::Locked
                    } else {
                        Why::NeededBy(m.ids[k].clone())
                    });
                    stack.extend(m.deps[j].iter().copied());
                }
            }
        }
    }
    // Room left by the fixed and locked initiatives.
    let mut used = vec![0.0; m.limits.len()];
    for k in (0..n).filter(|&k| matches!(class[k], Class::In(_))) {
        for &(l, a) in &m.usage[k] {
            used[l] += a;
        }
    }
    let mut room = Vec::with_capacity(m.limits.len());
    let cap: Vec<f64> = available.iter().zip(&used).map(|(a, u)| a.max(*u)).collect();
    for (l, limit) in m.limits.iter().enumerate() {
        let left = available[l] - used[l];
        if left < -m.tolerance(l) {
            notes.push(format!(
                "The done, in-progress and locked initiatives already exceed {} by {}; nothing more that uses it can be funded.",
                limit.label(),
                limit.amount(-left, &m.currency)
            ));
        }
        room.push(left.max(0.0));
    }
    // Out when even on its own, with its prerequisites, it does not fit.
    let fits = |usage: &HashMap<usize, f64>, room: &[f64]| -> Vec<Overrun> {
        let mut over: Vec<Overrun> = usage
            .iter()
            .filter(|&(&l, &a)| a > room[l] + m.tolerance(l))
            .map(|(&l, &a)| Overrun { limit: m.limits[l], by: a - room[l] })
            .collect();
        over.sort_by(|a, b| order_limits(m, a, b));
        over
    };
    for with_prerequisites in [false, true] {
        for k in 0..n {
            if class[k] != Class::Free {
                continue;
            }
            let needs = if with_prerequisites { free_closure(m, &class, k) } else { Vec::new() };
            let mut usage: HashMap<usize, f64> = HashMap::new();
            for &j in needs.iter().chain([k].iter()) {
                for &(l, a) in &m.usage[j] {
                    *usage.entry(l).or_default() += a;
                }
            }
            let over = fits(&usage, &room);
            if !over.is_empty() {
                let needs = needs.iter().map(|&j| m.ids[j].clone()).collect();
                class[k] = Class::Out(Why::DoesNotFit { over, needs });
                propagate_out(m, &mut class, vec![k]);
            }
        }
    }
    Setup { class, room, cap, notes }
}

/// Orders overruns: money first by fiscal year, capex before opex, then quarters.
fn order_limits(_: &Model, a: &Overrun, b: &Overrun) -> Ordering {
    let key = |l: Limit| match l {
        Limit::Capex(fy) => (0, fy, 0, 0),
        Limit::Opex(fy) => (0, fy, 1, 0),
        Limit::Fte(q) => (1, q.year, q.quarter as i32, 0),
    };
    key(a.limit).cmp(&key(b.limit))
}

fn index_of(m: &Model, id: &str) -> usize {
    m.position.get(id).copied().unwrap_or(0)
}

/// Marks the free dependents of `out` (transitively) as out, each naming the prerequisite
/// that keeps it out.
fn propagate_out(m: &Model, class: &mut [Class], mut stack: Vec<usize>) {
    while let Some(j) = stack.pop() {
        for &d in &m.dependents[j] {
            if class[d] == Class::Free {
                class[d] = Class::Out(Why::DependsOn(m.ids[j].clone()));
                stack.push(d);
            }
        }
    }
}

/// The free initiatives `k` needs, transitively (not `k` itself), in a stable order.
fn free_closure(m: &Model, class: &[Class], k: usize) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut stack = m.deps[k].clone();
    let mut out = Vec::new();
    while let Some(j) = stack.pop() {
        if j != k && class[j] == Class::Free && seen.insert(j) {
            out.push(j);
            stack.extend(m.deps[j].iter().copied());
        }
    }
    out.sort_unstable();
    out
}

// -----------------------------------------------------------------------------------------
// The search over the free initiatives
// -----------------------------------------------------------------------------------------

/// A 0-1 problem: maximise Σ p·x subject to Σ a·x ≤ 1 per row (amounts divided by the room)
/// and x_i ≤ x_j for every dependency of i on j.
struct Problem {
    p: Vec<f64>,
    /// Per variable: (row, amount ÷ room).
    cols: Vec<Vec<(usize, f64)>>,
    rows: usize,
    pre: Vec<Vec<usize>>,
    post: Vec<Vec<usize>>,
}

#[derive(Clone)]
struct Node {
    bound: f64,
    fix: Vec<(u32, bool)>,
}

impl PartialEq for Node {
    fn eq(&self, o: &Node) -> bool {
        self.bound.total_cmp(&o.bound) == Ordering::Equal
    }
}
impl Eq for Node {}
impl PartialOrd for Node {
    fn partial_cmp(&self, o: &Node) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Node {
    fn cmp(&self, o: &Node) -> Ordering {
        self.bound.total_cmp(&o.bound).then(o.fix.len().cmp(&self.fix.len()))
    }
}

/// Branch and bound, resumable: [`Search::run`] processes a number of nodes at a time.
struct Search {
    pb: Problem,
    /// Fixings valid for the whole search (from reduced costs at the root): -1 free, 0, 1.
    root_fix: Vec<i8>,
    pool: Vec<(usize, usize)>,
    in_pool: HashSet<(usize, usize)>,
    heap: BinaryHeap<Node>,
    dive: Option<Node>,
    best: f64,
    best_x: Vec<bool>,
    nodes: u64,
    limit: Option<u64>,
    finished: bool,
    proven: bool,
}

/// Whether `b` beats `a` by more than rounding.
fn better(b: f64, a: f64) -> bool {
    b > a + 1e-9 * a.abs().max(1.0)
}

impl Search {
    fn new(pb: Problem, limit: Option<u64>) -> Search {
        let n = pb.p.len();
        let mut s = Search {
            root_fix: vec![-1; n],
            pool: Vec::new(),
            in_pool: HashSet::new(),
            heap: BinaryHeap::new(),
            dive: None,
            best: 0.0,
            best_x: vec![false; n],
            nodes: 0,
            limit,
            finished: false,
            proven: false,
            pb,
        };
        let greedy = s.greedy(&vec![-1; n], None);
        s.offer(&greedy);
        s.dive = Some(Node { bound: f64::INFINITY, fix: Vec::new() });
        s
    }

    /// The proven upper bound on the value of any allowed set.
    fn bound(&self) -> f64 {
        let open = self.heap.peek().map(|n| n.bound).into_iter().chain(self.dive.as_ref().map(|n| n.bound));
        let b = open.fold(self.best, f64::max);
        if b.is_finite() {
            b
        } else {
            self.best.max(self.pb.p.iter().sum())
        }
    }

    /// Takes a set if it is allowed and better than the best.
    fn offer(&mut self, x: &[bool]) {
        if !self.allowed(x) {
            return;
        }
        let v: f64 = x.iter().zip(&self.pb.p).filter(|(x, _)| **x).map(|(_, p)| p).sum();
        if better(v, self.best) {
            self.best = v;
            self.best_x = x.to_vec();
        }
    }

    fn allowed(&self, x: &[bool]) -> bool {
        let mut used = vec![0.0; self.pb.rows];
        for (j, &on) in x.iter().enumerate() {
            if on {
                if self.pb.pre[j].iter().any(|&d| !x[d]) {
                    return false;
                }
                for &(r, a) in &self.pb.cols[j] {
                    used[r] += a;
                }
            }
        }
        used.iter().all(|&u| u <= 1.0 + 1e-7)
    }

    /// Adds variables in `order` (default: value per normalised use) with what they need,
    /// whenever they fit, to the variables fixed at 1 in `fix`.
    fn greedy(&self, fix: &[i8], order: Option<Vec<usize>>) -> Vec<bool> {
        let n = self.pb.p.len();
        let mut x: Vec<bool> = fix.iter().map(|&f| f == 1).collect();
        let mut used = vec![0.0; self.pb.rows];
        for j in (0..n).filter(|&j| x[j]) {
            for &(r, a) in &self.pb.cols[j] {
                used[r] += a;
            }
        }
        let order = order.unwrap_or_else(|| {
            let mut o: Vec<usize> = (0..n).collect();
            let ratio = |j: usize| self.pb.p[j] / (1e-6 + self.pb.cols[j].iter().map(|c| c.1).sum::<f64>());
            o.sort_by(|&a, &b| ratio(b).total_cmp(&ratio(a)));
            o
        });
        let mut need = Vec::new();
        for j in order {
            if x[j] || fix[j] == 0 {
                continue;
            }
            // j and what it needs that is not in yet.
            need.clear();
            let mut stack = vec![j];
            let mut ok = true;
            while let Some(k) = stack.pop() {
                if x[k] || need.contains(&k) {
                    continue;
                }
                if fix[k] == 0 {
                    ok = false;
                    break;
                }
                need.push(k);
                stack.extend(self.pb.pre[k].iter().copied());
            }
            if !ok {
                continue;
            }
            let mut trial = used.clone();
            for &k in &need {
                for &(r, a) in &self.pb.cols[k] {
                    trial[r] += a;
                }
            }
            if trial.iter().all(|&u| u <= 1.0 + 1e-9) {
                used = trial;
                for &k in &need {
                    x[k] = true;
                }
            }
        }
        x
    }

    /// Applies a node's fixings to the root's, with what they imply; `None` when they clash.
    fn fixings(&self, node: &Node) -> Option<Vec<i8>> {
        let mut fix = self.root_fix.clone();
        for &(j, on) in &node.fix {
            if !set(&self.pb, &mut fix, j as usize, on) {
                return None;
            }
        }
        Some(fix)
    }

    /// Processes up to `max_nodes` nodes; true when the search is over.
    fn run(&mut self, max_nodes: u64) -> bool {
        let mut done = 0;
        while done < max_nodes && !self.finished {
            if self.limit.is_some_and(|l| self.nodes >= l) {
                self.finished = true;
                self.proven = self.heap.is_empty() && self.dive.is_none();
                break;
            }
            let Some(node) = self.dive.take().or_else(|| self.heap.pop()) else {
                self.finished = true;
                self.proven = true;
                break;
            };
            done += 1;
            self.nodes += 1;
            self.process(node);
        }
        self.finished
    }

    fn process(&mut self, node: Node) {
        if !better(node.bound, self.best) && node.bound.is_finite() {
            return;
        }
        let Some(fix) = self.fixings(&node) else { return };
        let n = self.pb.p.len();
        // Room left after the variables fixed at 1.
        let mut rhs = vec![1.0; self.pb.rows];
        for j in (0..n).filter(|&j| fix[j] == 1) {
            for &(r, a) in &self.pb.cols[j] {
                rhs[r] -= a;
            }
        }
        if rhs.iter().any(|&b| b < -1e-9) {
            return;
        }
        let base: f64 = (0..n).filter(|&j| fix[j] == 1).map(|j| self.pb.p[j]).sum();
        let free: Vec<usize> = (0..n).filter(|&j| fix[j] == -1).collect();
        if free.is_empty() {
            let x: Vec<bool> = fix.iter().map(|&f| f == 1).collect();
            self.offer(&x);
            return;
        }
        let Some(lp) = self.relaxation(&free, &rhs) else {
            // No LP bound (iteration limit): branch on the first free variable.
            self.branch(&node, free[0], 0.5, node.bound, Vec::new());
            return;
        };
        let z = base + lp.z;
        if !better(z, self.best) {
            return;
        }
        // A set from the LP: its ones, then the rest greedily in LP order.
        if self.nodes <= 200 || self.nodes.is_multiple_of(8) {
            let mut order: Vec<usize> = (0..free.len()).collect();
            order.sort_by(|&a, &b| lp.x[b].total_cmp(&lp.x[a]));
            let order = order.into_iter().map(|k| free[k]).collect();
            let x = self.greedy(&fix, Some(order));
            self.offer(&x);
        }
        // Reduced-cost fixing: a variable whose flip would drop the bound to the best is fixed.
        let mut extra = Vec::new();
        for (k, &j) in free.iter().enumerate() {
            if lp.basic[k] {
                continue;
            }
            if lp.x[k] < 0.5 && !better(z + lp.d[k], self.best) {
                extra.push((j as u32, false));
            } else if lp.x[k] >= 0.5 && !better(z - lp.d[k], self.best) {
                extra.push((j as u32, true));
            }
        }
        if node.fix.is_empty() && self.nodes == 1 {
            // At the root these fixings hold for the whole search.
            for &(j, on) in &extra {
                if !set(&self.pb, &mut self.root_fix, j as usize, on) {
                    return; // nothing better than the best exists
                }
            }
            extra.clear();
        }
        // Branch on the most fractional variable (the highest value among equals).
        let mut pick: Option<(usize, f64)> = None;
        for (k, &j) in free.iter().enumerate() {
            let f = lp.x[k];
            if f > 1e-6 && f < 1.0 - 1e-6 {
                let dist = (f - 0.5).abs();
                if pick.is_none_or(|(pj, pf)| {
                    let pd = (pf - 0.5).abs();
                    dist < pd - 1e-12 || (dist <= pd + 1e-12 && self.pb.p[j] > self.pb.p[pj])
                }) {
                    pick = Some((j, f));
                }
            }
        }
        match pick {
            Some((j, f)) => self.branch(&node, j, f, z, extra),
            None => {
                let mut x: Vec<bool> = fix.iter().map(|&f| f == 1).collect();
                for (k, &j) in free.iter().enumerate() {
                    x[j] = lp.x[k] > 0.5;
                }
                if self.allowed(&x) {
                    self.offer(&x);
                } else if let Some(j) = (0..n).find(|&j| x[j] && self.pb.pre[j].iter().any(|&d| !x[d])) {
                    // An integral LP point that breaks a dependency (its row was not added).
                    self.branch(&node, j, 0.5, z, extra);
                }
            }
        }
    }

    fn branch(&mut self, node: &Node, j: usize, f: f64, bound: f64, extra: Vec<(u32, bool)>) {
        let child = |on: bool| {
            let mut fix = node.fix.clone();
            fix.extend(extra.iter().copied());
            fix.push((j as u32, on));
            Node { bound, fix }
        };
        let (first, second) = if f >= 0.5 { (child(true), child(false)) } else { (child(false), child(true)) };
        self.heap.push(second);
        self.dive = Some(first);
    }

    /// The LP relaxation over the free variables, adding violated dependency rows (kept in a
    /// pool for later nodes) until none is violated or the rounds run out.
    fn relaxation(&mut self, free: &[usize], rhs: &[f64]) -> Option<Lp> {
        let n = self.pb.p.len();
        let mut pos = vec![usize::MAX; n];
        for (k, &j) in free.iter().enumerate() {
            pos[j] = k;
        }
        let c: Vec<f64> = free.iter().map(|&j| self.pb.p[j]).collect();
        // Envelope rows that a free variable uses.
        let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.pb.rows];
        for (k, &j) in free.iter().enumerate() {
            for &(r, a) in &self.pb.cols[j] {
                rows[r].push((k, a));
            }
        }
        let mut b: Vec<f64> = Vec::new();
        let mut a: Vec<Vec<(usize, f64)>> = Vec::new();
        for (r, row) in rows.into_iter().enumerate() {
            if !row.is_empty() {
                a.push(row);
                b.push(rhs[r].max(0.0));
            }
        }
        let envelope_rows = a.len();
        for _round in 0..30 {
            a.truncate(envelope_rows);
            b.truncate(envelope_rows);
            for &(i, j) in &self.pool {
                if pos[i] != usize::MAX && pos[j] != usize::MAX {
                    a.push(vec![(pos[i], 1.0), (pos[j], -1.0)]);
                    b.push(0.0);
                }
            }
            let lp = simplex(&c, &a, &b)?;
            let mut violated: Vec<(f64, usize, usize)> = Vec::new();
            for (k, &i) in free.iter().enumerate() {
                for &j in &self.pb.pre[i] {
                    if pos[j] != usize::MAX && lp.x[k] > lp.x[pos[j]] + 1e-7 && !self.in_pool.contains(&(i, j)) {
                        violated.push((lp.x[k] - lp.x[pos[j]], i, j));
                    }
                }
            }
            if violated.is_empty() {
                return Some(lp);
            }
            violated.sort_by(|x, y| y.0.total_cmp(&x.0));
            for &(_, i, j) in violated.iter().take(64) {
                self.in_pool.insert((i, j));
                self.pool.push((i, j));
            }
        }
        // Rounds ran out: the last LP without some rows is still a valid (weaker) bound.
        simplex(&c, &a, &b)
    }
}

/// Fixes variable `j` to `on`, with what follows (its prerequisites to 1, its dependents to
/// 0); false when that clashes with an earlier fixing.
fn set(pb: &Problem, fix: &mut [i8], j: usize, on: bool) -> bool {
    let mut stack = vec![(j, on)];
    while let Some((k, on)) = stack.pop() {
        let want = on as i8;
        if fix[k] == want {
            continue;
        }
        if fix[k] != -1 {
            return false;
        }
        fix[k] = want;
        if on {
            stack.extend(pb.pre[k].iter().map(|&d| (d, true)));
        } else {
            stack.extend(pb.post[k].iter().map(|&d| (d, false)));
        }
    }
    true
}

/// An LP solution: values, objective, and for each structural variable whether it is basic
/// and its reduced cost.
struct Lp {
    x: Vec<f64>,
    z: f64,
    d: Vec<f64>,
    basic: Vec<bool>,
}

/// Maximises c·x subject to A x ≤ b (b ≥ 0, rows sparse), 0 ≤ x ≤ 1: a bounded primal
/// simplex on a dense tableau, starting from the slack basis (feasible since b ≥ 0), with
/// Dantzig pricing and Bland's rule after a run of degenerate steps. `None` when it does not
/// finish within its iteration limit.
fn simplex(c: &[f64], a: &[Vec<(usize, f64)>], b: &[f64]) -> Option<Lp> {
    let (m, n) = (a.len(), c.len());
    let w = n + m;
    let mut t = vec![0.0; m * w];
    for (r, row) in a.iter().enumerate() {
        for &(j, v) in row {
            t[r * w + j] += v;
        }
        t[r * w + n + r] = 1.0;
    }
    let mut beta: Vec<f64> = b.iter().map(|v| v.max(0.0)).collect();
    let mut basis: Vec<usize> = (n..w).collect();
    let mut row_of = vec![usize::MAX; w];
    for r in 0..m {
        row_of[n + r] = r;
    }
    let mut d: Vec<f64> = c.iter().copied().chain(std::iter::repeat_n(0.0, m)).collect();
    let mut upper = vec![false; w];
    let ub = |j: usize| if j < n { 1.0 } else { f64::INFINITY };
    let mut degenerate = 0;
    let max_iterations = 20 * (n + m) + 200;
    for _ in 0..max_iterations {
        let bland = degenerate > 30;
        let mut enter = None;
        let mut best = 1e-9;
        for j in 0..w {
            if row_of[j] != usize::MAX {
                continue;
            }
            let gain = if upper[j] { -d[j] } else { d[j] };
            if gain > best {
                enter = Some(j);
                if bland {
                    break;
                }
                best = gain;
            }
        }
        let Some(j) = enter else {
            let mut x = vec![0.0; n];
            for (k, xk) in x.iter_mut().enumerate() {
                *xk = if row_of[k] != usize::MAX {
                    beta[row_of[k]].clamp(0.0, 1.0)
                } else if upper[k] {
                    1.0
                } else {
                    0.0
                };
            }
            let z = x.iter().zip(c).map(|(x, c)| x * c).sum();
            return Some(Lp { x, z, d: d[..n].to_vec(), basic: (0..n).map(|k| row_of[k] != usize::MAX).collect() });
        };
        let dir = if upper[j] { -1.0 } else { 1.0 };
        let mut step = ub(j);
        let mut leave: Option<(usize, bool)> = None;
        for r in 0..m {
            let alpha = t[r * w + j] * dir;
            let (lim, to_upper) = if alpha > 1e-11 {
                (beta[r].max(0.0) / alpha, false)
            } else if alpha < -1e-11 && ub(basis[r]).is_finite() {
                ((ub(basis[r]) - beta[r]).max(0.0) / -alpha, true)
            } else {
                continue;
            };
            let take = match leave {
                None => lim < step - 1e-12,
                Some((lr, _)) => lim < step - 1e-12 || (bland && lim <= step + 1e-12 && basis[r] < basis[lr]),
            };
            if take || (leave.is_none() && lim <= step + 1e-12 && lim < ub(j)) {
                step = lim;
                leave = Some((r, to_upper));
            }
        }
        if !step.is_finite() {
            return None;
        }
        for r in 0..m {
            beta[r] -= t[r * w + j] * dir * step;
        }
        degenerate = if step < 1e-12 { degenerate + 1 } else { 0 };
        match leave {
            None => upper[j] = !upper[j],
            Some((r, to_upper)) => {
                let entering = if upper[j] { 1.0 - step } else { step };
                let old = basis[r];
                beta[r] = entering;
                basis[r] = j;
                row_of[old] = usize::MAX;
                row_of[j] = r;
                upper[old] = to_upper;
                upper[j] = false;
                let piv = t[r * w + j];
                for v in &mut t[r * w..(r + 1) * w] {
                    *v /= piv;
                }
                let (before, rest) = t.split_at_mut(r * w);
                let (pivot_row, after) = rest.split_at_mut(w);
                for other in before.chunks_mut(w).chain(after.chunks_mut(w)) {
                    let f = other[j];
                    if f != 0.0 {
                        for (o, p) in other.iter_mut().zip(pivot_row.iter()) {
                            *o -= f * p;
                        }
                    }
                }
                let f = d[j];
                if f != 0.0 {
                    for (o, p) in d.iter_mut().zip(pivot_row.iter()) {
                        *o -= f * p;
                    }
                }
            }
        }
    }
    None
}

// -----------------------------------------------------------------------------------------
// One optimisation: set up, search, explain
// -----------------------------------------------------------------------------------------

/// One search with its setup.
struct Run {
    setup: Setup,
    /// Model index of each variable.
    vars: Vec<usize>,
    search: Search,
    /// Value of the initiatives funded before the search (fixed and locked).
    base: f64,
}

impl Run {
    fn new(m: &Model, available: &[f64], limit: Option<u64>) -> Run {
        let setup = setup(m, available);
        let vars: Vec<usize> = (0..m.ids.len()).filter(|&k| setup.class[k] == Class::Free).collect();
        let mut var_of = vec![usize::MAX; m.ids.len()];
        for (v, &k) in vars.iter().enumerate() {
            var_of[k] = v;
        }
        let cols = vars
            .iter()
            .map(|&k| {
                m.usage[k]
                    .iter()
                    // What is left uses at most the tolerance of a limit with no room: nothing.
                    .filter(|&&(l, _)| setup.room[l] > m.tolerance(l))
                    .map(|&(l, a)| (l, a / setup.room[l]))
                    .collect()
            })
            .collect();
        let link = |list: &Vec<Vec<usize>>| -> Vec<Vec<usize>> {
            vars.iter()
                .map(|&k| list[k].iter().filter(|&&j| var_of[j] != usize::MAX).map(|&j| var_of[j]).collect())
                .collect()
        };
        let pb = Problem {
            p: vars.iter().map(|&k| m.values[k]).collect(),
            cols,
            rows: m.limits.len(),
            pre: link(&m.deps),
            post: link(&m.dependents),
        };
        let base = (0..m.ids.len()).filter(|&k| matches!(setup.class[k], Class::In(_))).map(|k| m.values[k]).sum();
        Run { search: Search::new(pb, limit), setup, vars, base }
    }

    fn funded(&self) -> Vec<bool> {
        let mut out: Vec<bool> = self.setup.class.iter().map(|c| matches!(c, Class::In(_))).collect();
        for (v, &k) in self.vars.iter().enumerate() {
            out[k] = self.search.best_x[v];
        }
        out
    }

    fn total(&self) -> f64 {
        self.base + self.search.best
    }

    fn bound(&self) -> f64 {
        self.base + self.search.bound()
    }
}

/// Use of every limit by a funded set.
fn usage_of(m: &Model, funded: &[bool]) -> Vec<f64> {
    let mut used = vec![0.0; m.limits.len()];
    for k in (0..funded.len()).filter(|&k| funded[k]) {
        for &(l, a) in &m.usage[k] {
            used[l] += a;
        }
    }
    used
}

fn outcome(m: &Model, run: &Run, cancelled: bool) -> Outcome {
    let funded = run.funded();
    let used = usage_of(m, &funded);
    let proven = run.search.finished && run.search.proven && !cancelled;
    let mut decisions = Vec::with_capacity(m.ids.len());
    for k in 0..m.ids.len() {
        let why = match &run.setup.class[k] {
            Class::In(why) | Class::Out(why) => why.clone(),
            Class::Free if funded[k] => Why::Chosen,
            Class::Free => explain_left_out(m, run, &funded, &used, k),
        };
        let text = describe(m, &why);
        decisions.push(Decision {
            id: m.ids[k].clone(),
            name: m.names[k].clone(),
            funded: funded[k],
            value: m.values[k],
            why,
            text,
        });
    }
    let total = run.total();
    let bound = if proven { total } else { run.bound().max(total) };
    Outcome {
        decisions,
        total_value: total,
        bound,
        gap: if bound > 0.0 { ((bound - total) / bound).max(0.0) } else { 0.0 },
        proven_optimal: proven,
        nodes: run.search.nodes,
        usage: m
            .limits
            .iter()
            .zip(&used)
            .zip(&m.available)
            .map(|((&limit, &used), &available)| Usage { limit, used, available })
            .collect(),
        notes: m.notes.iter().chain(&run.setup.notes).cloned().collect(),
        budget_value: Vec::new(),
        cancelled,
    }
}

/// Why a free initiative was left out: what adding it (with the prerequisites it needs that
/// are out) to the funded set would break.
fn explain_left_out(m: &Model, run: &Run, funded: &[bool], used: &[f64], k: usize) -> Why {
    let mut needs = Vec::new();
    let mut stack = m.deps[k].clone();
    while let Some(j) = stack.pop() {
        if !funded[j] && j != k && !needs.contains(&j) {
            needs.push(j);
            stack.extend(m.deps[j].iter().copied());
        }
    }
    needs.sort_unstable();
    let mut extra = vec![0.0; m.limits.len()];
    for &j in needs.iter().chain([k].iter()) {
        for &(l, a) in &m.usage[j] {
            extra[l] += a;
        }
    }
    let mut over: Vec<Overrun> = (0..m.limits.len())
        .filter(|&l| extra[l] > 0.0 && used[l] + extra[l] > run.setup.cap[l] + m.tolerance(l))
        .map(|l| Overrun { limit: m.limits[l], by: used[l] + extra[l] - run.setup.cap[l] })
        .collect();
    over.sort_by(|a, b| order_limits(m, a, b));
    let needs: Vec<Id> = needs.into_iter().map(|j| m.ids[j].clone()).collect();
    if !over.is_empty() {
        Why::Displaced { over, needs }
    } else if m.values[k] <= 0.0 {
        Why::NoValue
    } else {
        Why::NotReached
    }
}

fn name_of(m: &Model, id: &str) -> String {
    format!("\"{}\"", m.names[index_of(m, id)])
}

fn names_list(m: &Model, ids: &[Id]) -> String {
    let names: Vec<String> = ids.iter().map(|id| name_of(m, id)).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

fn overruns(m: &Model, over: &[Overrun]) -> String {
    let parts: Vec<String> =
        over.iter().map(|o| format!("{} by {}", o.limit.label(), o.limit.amount(o.by, &m.currency))).collect();
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// A decision in words.
fn describe(m: &Model, why: &Why) -> String {
    match why {
        Why::Fixed(status) => format!("{}: always funded", status.label()),
        Why::Locked => "Locked as must fund".into(),
        Why::NeededBy(id) => format!("Funded because {} (locked as must fund) depends on it", name_of(m, id)),
        Why::Chosen => "Chosen: part of the best set within the limits".into(),
        Why::Cancelled => "Cancelled".into(),
        Why::Undated => {
            "Has no dates, so its cost cannot be placed in a fiscal year; give it dates to include it".into()
        }
        Why::LockedOut => "Must not fund (locked)".into(),
        Why::DependsOn(id) => format!("Depends on {}, which is out", name_of(m, id)),
        Why::DoesNotFit { over, needs } if needs.is_empty() => {
            format!("Would exceed {} even if nothing else were funded", overruns(m, over))
        }
        Why::DoesNotFit { over, needs } => format!(
            "With {}, which it needs, it would exceed {} even if nothing else were funded",
            names_list(m, needs),
            overruns(m, over)
        ),
        Why::Displaced { over, needs } if needs.is_empty() => format!(
            "Would exceed {}; it fits on its own, but the initiatives funded instead are worth more",
            overruns(m, over)
        ),
        Why::Displaced { over, needs } => format!(
            "Needs {} too, which {} out; together they would exceed {}; the initiatives funded instead are worth more",
            names_list(m, needs),
            if needs.len() == 1 { "is" } else { "are" },
            overruns(m, over)
        ),
        Why::NoValue => "Adds no value (its score is 0)".into(),
        Why::NotReached => "Would fit and adds value; the search stopped before deciding it".into(),
    }
}

// -----------------------------------------------------------------------------------------
// The resumable optimiser
// -----------------------------------------------------------------------------------------

/// A resumable optimisation: the main search, then (when asked) one search per fiscal year
/// with 10% more budget.
///
/// ```ignore
/// let mut run = Optimiser::new(&roadmap, &Options::for_roadmap(&roadmap))?;
/// loop {
///     match run.step(200) {
///         Step::Working(progress) => { /* show progress, yield to the browser */ }
///         Step::Finished(outcome) => break,
///     }
/// }
/// ```
pub struct Optimiser {
    model: Model,
    options: Options,
    main: Run,
    main_outcome: Option<Outcome>,
    /// The fiscal years whose budget value is still to work out, and the current search.
    years: Vec<i32>,
    extra: Option<(i32, Run)>,
    values: Vec<BudgetValue>,
}

impl Optimiser {
    /// Sets up the optimisation. `Err` with the roadmap's errors when it has any (the
    /// optimiser needs a valid roadmap: fix them in the editor first).
    pub fn new(r: &Roadmap, options: &Options) -> Result<Optimiser, String> {
        let errors: Vec<String> =
            super::validate::validate(r).into_iter().filter(|p| p.is_error()).take(3).map(|p| p.message).collect();
        if !errors.is_empty() {
            return Err(format!("Fix the roadmap's errors before optimising: {}", errors.join("; ")));
        }
        let model = Model::new(r, options);
        let main = Run::new(&model, &model.available, options.max_nodes);
        let years = if options.budget_value {
            let mut ys: Vec<i32> =
                model.limits.iter().filter_map(|l| if let Limit::Capex(fy) = l { Some(*fy) } else { None }).collect();
            ys.reverse();
            ys
        } else {
            Vec::new()
        };
        Ok(Optimiser {
            model,
            options: options.clone(),
            main,
            main_outcome: None,
            years,
            extra: None,
            values: Vec::new(),
        })
    }

    /// Runs to the end (tests, benchmarks, a worker).
    pub fn run(r: &Roadmap, options: &Options) -> Result<Outcome, String> {
        let mut o = Optimiser::new(r, options)?;
        loop {
            if let Step::Finished(outcome) = o.step(u64::MAX) {
                return Ok(*outcome);
            }
        }
    }

    fn phases(&self) -> usize {
        1 + if self.options.budget_value {
            self.model.limits.iter().filter(|l| matches!(l, Limit::Capex(_))).count()
        } else {
            0
        }
    }

    /// Works for up to `max_nodes` branch-and-bound nodes, then reports progress, or the
    /// outcome when everything is done.
    pub fn step(&mut self, max_nodes: u64) -> Step {
        if self.main_outcome.is_none() {
            if !self.main.search.run(max_nodes) {
                return Step::Working(Progress {
                    phase: "Choosing what to fund".into(),
                    phase_index: 0,
                    phases: self.phases(),
                    nodes: self.main.search.nodes,
                    best: self.main.total(),
                    bound: self.main.bound(),
                });
            }
            self.main_outcome = Some(outcome(&self.model, &self.main, false));
        }
        loop {
            if self.extra.is_none() {
                let Some(fy) = self.years.pop() else { break };
                let mut available = self.model.available.clone();
                for (l, limit) in self.model.limits.iter().enumerate() {
                    if matches!(limit, Limit::Capex(y) | Limit::Opex(y) if *y == fy) {
                        available[l] *= 1.1;
                    }
                }
                self.extra = Some((fy, Run::new(&self.model, &available, self.options.max_nodes)));
            }
            let phases = self.phases();
            let (fy, run) = self.extra.as_mut().expect("set above");
            let fy = *fy;
            if !run.search.run(max_nodes) {
                let phase_index = 1 + self.values.len();
                return Step::Working(Progress {
                    phase: format!("What 10% more in {} buys", fiscal_year_label(fy)),
                    phase_index,
                    phases,
                    nodes: run.search.nodes,
                    best: run.total(),
                    bound: run.bound(),
                });
            }
            let (_, run) = self.extra.take().expect("set above");
            self.values.push(self.budget_value(fy, &run));
        }
        let mut out = self.main_outcome.clone().expect("the main search is done");
        out.budget_value = self.values.clone();
        Step::Finished(Box::new(out))
    }

    fn budget_value(&self, fy: i32, run: &Run) -> BudgetValue {
        let before = self.main.funded();
        let after = run.funded();
        let ids = |f: &dyn Fn(usize) -> bool| {
            (0..before.len()).filter(|&k| f(k)).map(|k| self.model.ids[k].clone()).collect()
        };
        let amount = |kind: fn(i32) -> Limit| {
            self.model.limits.iter().position(|l| *l == kind(fy)).map_or(0.0, |l| self.model.available[l] * 0.1)
        };
        BudgetValue {
            fiscal_year: fy,
            extra_capex: amount(Limit::Capex),
            extra_opex: amount(Limit::Opex),
            gain: run.total() - self.main.total(),
            added: ids(&|k| after[k] && !before[k]),
            removed: ids(&|k| before[k] && !after[k]),
            proven: run.search.finished && run.search.proven && self.main.search.proven,
        }
    }

    /// Stops now (the cancel button): the best set found so far with its proven bound, marked
    /// cancelled; budget values found so far are kept.
    pub fn stop(&mut self) -> Outcome {
        let mut out = match &self.main_outcome {
            Some(o) => o.clone(),
            None => outcome(&self.model, &self.main, true),
        };
        out.budget_value = self.values.clone();
        out.cancelled = true;
        out
    }
}

/// The roadmap with the outcome applied as statuses (one edit, one undo step): funded
/// initiatives that are ideas, proposed or on hold become approved; approved initiatives
/// left out go on hold. Everything else (done, in progress, cancelled, undated, ideas and
/// proposals left out) keeps its status. Unchanged items stay shared.
pub fn apply(r: &Roadmap, outcome: &Outcome) -> Roadmap {
    let funded: HashMap<&str, bool> = outcome.decisions.iter().map(|d| (d.id.as_str(), d.funded)).collect();
    let mut out = r.clone();
    for i in out.initiatives.iter_mut() {
        let next = match (funded.get(i.id.as_str()), i.status) {
            (Some(true), Status::Idea | Status::Proposed | Status::OnHold) => Status::Approved,
            (Some(false), Status::Approved) => Status::OnHold,
            _ => continue,
        };
        std::sync::Arc::make_mut(i).status = next;
    }
    out
}

#[cfg(test)]
#[path = "optimiser_tests.rs"]
mod tests;
