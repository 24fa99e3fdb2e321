//! Editing operations on a roadmap: delete (with what it unlinks), duplicate, reorder, and
//! the capability-tree moves. Items are changed with `Arc::make_mut` only when they really
//! change, so undo snapshots keep sharing the untouched ones.
//!
//! Operations that can be refused return `Err(message)` and leave the roadmap unchanged.

use super::landscape::{Application, Technology};
use super::model::{Capability, Criterion, CriterionSource, Goal, Id, Initiative, ItemKind, Roadmap};
use super::validate::{too_deep, MAX_CAPABILITY_LEVELS};
use std::sync::Arc;

/// What deleting an item will unlink, one plain line each; empty when nothing links to it.
pub fn delete_impact(r: &Roadmap, kind: ItemKind, id: &str) -> Vec<String> {
    let initiatives = |linked: &dyn Fn(&Initiative) -> bool, what: &str| {
        r.initiatives
            .iter()
            .filter(|i| linked(i))
            .map(|i| format!("{} will no longer {what}", ItemKind::Initiative.subject(&i.name, &i.id)))
            .collect::<Vec<_>>()
    };
    let apps = |linked: &dyn Fn(&Application) -> bool, what: &str| {
        r.landscape
            .applications
            .iter()
            .filter(|a| a.id != id && linked(a))
            .map(|a| format!("{} will no longer {what}", ItemKind::Application.subject(&a.name, &a.id)))
            .collect::<Vec<_>>()
    };
    match kind {
        ItemKind::Roadmap => Vec::new(),
        ItemKind::Goal => initiatives(&|i| i.goals.iter().any(|l| l.goal == id), "contribute to it"),
        ItemKind::Initiative => {
            let mut out = initiatives(&|i| i.depends_on.iter().any(|d| d == id), "depend on it");
            for c in r.landscape.changes.iter().filter(|c| c.initiative == id) {
                for (app, what) in [(&c.retires, "retired"), (&c.introduces, "introduced")] {
                    if let Some(app) = app {
                        let app = r.describe(ItemKind::Application, app);
                        out.push(format!("{app} will no longer be {what} by it"));
                    }
                }
            }
            out
        }
        ItemKind::Application => {
            let mut out = apps(&|a| a.successor.as_deref() == Some(id), "have it as successor");
            out.extend(apps(&|a| a.interfaces.iter().any(|i| i.to == id), "have an interface with it"));
            for c in r
                .landscape
                .changes
                .iter()
                .filter(|c| c.retires.as_deref() == Some(id) || c.introduces.as_deref() == Some(id))
            {
                let verb = if c.retires.as_deref() == Some(id) { "retire" } else { "introduce" };
                out.push(format!("{} will no longer {verb} it", r.describe(ItemKind::Initiative, &c.initiative)));
            }
            out
        }
        ItemKind::Technology => apps(&|a| a.technologies.iter().any(|t| t == id), "use it"),
        ItemKind::Capability => {
            let Some(deleted) = r.capability(id) else { return Vec::new() };
            let to = match &deleted.parent {
                Some(p) => format!("sit under {}", r.describe(ItemKind::Capability, p)),
                None => "the top level".to_string(),
            };
            let children = r
                .capability_children(Some(id))
                .map(|c| format!("{} moves up to {to}", ItemKind::Capability.subject(&c.name, &c.id)));
            children
                .chain(initiatives(&|i| i.capabilities.iter().any(|l| l.capability == id), "raise its maturity"))
                .chain(apps(&|a| a.capabilities.iter().any(|s| s.capability == id), "support it"))
                .collect()
        }
    }
}

/// Removes an item and every link to it. A deleted capability's children move up to its
/// parent, taking its place among their new siblings. Does nothing for an unknown id.
pub fn delete(r: &mut Roadmap, kind: ItemKind, id: &str) {
    match kind {
        ItemKind::Roadmap => {}
        ItemKind::Goal => {
            remove(&mut r.goals, id);
            edit_initiatives(r, |i| i.goals.iter().any(|l| l.goal == id), |i| i.goals.retain(|l| l.goal != id));
        }
        ItemKind::Initiative => {
            remove(&mut r.initiatives, id);
            edit_initiatives(r, |i| i.depends_on.iter().any(|d| d == id), |i| i.depends_on.retain(|d| d != id));
            r.landscape.changes.retain(|c| c.initiative != id);
        }
        ItemKind::Application => {
            remove(&mut r.landscape.applications, id);
            let linked =
                |a: &Application| a.successor.as_deref() == Some(id) || a.interfaces.iter().any(|i| i.to == id);
            edit_applications(r, linked, |a| {
                if a.successor.as_deref() == Some(id) {
                    a.successor = None;
                }
                a.interfaces.retain(|i| i.to != id);
            });
            // A replacement loses only the deleted side; a change left with neither goes.
            for c in &mut r.landscape.changes {
                if c.retires.as_deref() == Some(id) {
                    c.retires = None;
                }
                if c.introduces.as_deref() == Some(id) {
                    c.introduces = None;
                }
            }
            r.landscape.changes.retain(|c| c.retires.is_some() || c.introduces.is_some());
        }
        ItemKind::Technology => {
            remove(&mut r.landscape.technologies, id);
            edit_applications(r, |a| a.technologies.iter().any(|t| t == id), |a| a.technologies.retain(|t| t != id));
        }
        ItemKind::Capability => {
            let Some((at, deleted)) = remove(&mut r.capabilities, id) else { return };
            let (mut children, rest): (Vec<_>, Vec<_>) =
                std::mem::take(&mut r.capabilities).into_iter().partition(|c| c.parent.as_deref() == Some(id));
            for child in &mut children {
                Arc::make_mut(child).parent = deleted.parent.clone();
            }
            r.capabilities = rest;
            let at = at.min(r.capabilities.len());
            r.capabilities.splice(at..at, children);
            let linked = |i: &Initiative| i.capabilities.iter().any(|l| l.capability == id);
            edit_initiatives(r, linked, |i| i.capabilities.retain(|l| l.capability != id));
            let supports = |a: &Application| a.capabilities.iter().any(|s| s.capability == id);
            edit_applications(r, supports, |a| a.capabilities.retain(|s| s.capability != id));
        }
    }
}

/// Copies an item as "<name> (copy)" with a fresh id, right after the original, and returns
/// the new id. An initiative, application or technology keeps its links (an initiative's
/// changes to applications are not copied: an application is retired once); a capability is
/// copied alone, under the same parent (its children are not copied).
pub fn duplicate(r: &mut Roadmap, kind: ItemKind, id: &str) -> Option<Id> {
    let fresh = r.fresh_id(kind.noun());
    match kind {
        ItemKind::Roadmap => return None,
        ItemKind::Goal => duplicate_in(&mut r.goals, id, fresh.clone())?,
        ItemKind::Capability => duplicate_in(&mut r.capabilities, id, fresh.clone())?,
        ItemKind::Initiative => duplicate_in(&mut r.initiatives, id, fresh.clone())?,
        ItemKind::Application => duplicate_in(&mut r.landscape.applications, id, fresh.clone())?,
        ItemKind::Technology => duplicate_in(&mut r.landscape.technologies, id, fresh.clone())?,
    }
    Some(fresh)
}

/// Moves a goal or initiative one place up or down its list (a capability among its
/// siblings). Returns whether it moved.
pub fn move_item(r: &mut Roadmap, kind: ItemKind, id: &str, up: bool) -> bool {
    fn step<T: Entry>(list: &mut [Arc<T>], id: &str, up: bool) -> bool {
        let Some(at) = position(list, id) else { return false };
        let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|&o| o < list.len()) };
        other.map(|o| list.swap(at, o)).is_some()
    }
    match kind {
        ItemKind::Roadmap => false,
        ItemKind::Goal => step(&mut r.goals, id, up),
        ItemKind::Initiative => step(&mut r.initiatives, id, up),
        ItemKind::Application => step(&mut r.landscape.applications, id, up),
        ItemKind::Technology => step(&mut r.landscape.technologies, id, up),
        ItemKind::Capability if up => move_capability_up(r, id).is_ok(),
        ItemKind::Capability => move_capability_down(r, id).is_ok(),
    }
}

/// Makes a capability the last child of its previous sibling.
pub fn indent_capability(r: &mut Roadmap, id: &str) -> Result<(), String> {
    let at = capability_index(r, id)?;
    let Some(previous) = sibling(r, at, true) else {
        return Err(format!("{} is the first in its group; there is nothing above it to go under", name(r, at)));
    };
    let new_parent = r.capabilities[previous].id.clone();
    move_capability(r, id, Some(&new_parent))
}

/// Makes a capability the next sibling of its parent.
pub fn outdent_capability(r: &mut Roadmap, id: &str) -> Result<(), String> {
    let at = capability_index(r, id)?;
    let Some(parent) = r.capabilities[at].parent.clone() else {
        return Err(format!("{} is already at the top level", name(r, at)));
    };
    let parent_at = capability_index(r, &parent)?;
    let grandparent = r.capabilities[parent_at].parent.clone();
    Arc::make_mut(&mut r.capabilities[at]).parent = grandparent;
    let item = r.capabilities.remove(at);
    let after_parent = if at < parent_at { parent_at } else { parent_at + 1 };
    r.capabilities.insert(after_parent, item);
    Ok(())
}

/// Moves a capability under `new_parent` (to the top level for `None`), as its last child.
/// Refused when the capability map would become cyclic or deeper than 3 levels.
pub fn move_capability(r: &mut Roadmap, id: &str, new_parent: Option<&str>) -> Result<(), String> {
    let at = capability_index(r, id)?;
    if r.capabilities[at].parent.as_deref() == new_parent {
        return Ok(());
    }
    let parent_level = match new_parent {
        None => 0,
        Some(p) => {
            let p_at = capability_index(r, p)?;
            if is_within(r, p, id) {
                return Err(format!("{} cannot go under {}, which is part of it", name(r, at), name(r, p_at)));
            }
            r.capability_level(p)
                .ok_or_else(|| format!("{} is not properly placed in the capability map", name(r, p_at)))?
        }
    };
    let level = parent_level + 1;
    let deepest = level + subtree_height(r, id) - 1;
    if deepest > MAX_CAPABILITY_LEVELS {
        let verb = if deepest == level { "would be at" } else { "with its sub-capabilities would reach" };
        return Err(format!("{} {}", name(r, at), too_deep(deepest, verb)));
    }
    Arc::make_mut(&mut r.capabilities[at]).parent = new_parent.map(Into::into);
    // Come after every existing sibling in list order.
    let last_sibling =
        (0..r.capabilities.len()).filter(|&k| k != at && r.capabilities[k].parent.as_deref() == new_parent).max();
    if let Some(last) = last_sibling.filter(|&last| last > at) {
        let item = r.capabilities.remove(at);
        r.capabilities.insert(last, item);
    }
    Ok(())
}

/// Swaps a capability with its previous sibling.
pub fn move_capability_up(r: &mut Roadmap, id: &str) -> Result<(), String> {
    swap_sibling(r, id, true)
}

/// Swaps a capability with its next sibling.
pub fn move_capability_down(r: &mut Roadmap, id: &str) -> Result<(), String> {
    swap_sibling(r, id, false)
}

fn swap_sibling(r: &mut Roadmap, id: &str, up: bool) -> Result<(), String> {
    let at = capability_index(r, id)?;
    let other = sibling(r, at, up)
        .ok_or_else(|| format!("{} is already the {} in its group", name(r, at), if up { "first" } else { "last" }))?;
    r.capabilities.swap(at, other);
    Ok(())
}

/// The index of the nearest sibling before (`up`) or after the capability at `at`.
fn sibling(r: &Roadmap, at: usize, up: bool) -> Option<usize> {
    let parent = &r.capabilities[at].parent;
    let same = |&k: &usize| &r.capabilities[k].parent == parent;
    if up {
        (0..at).rev().find(same)
    } else {
        (at + 1..r.capabilities.len()).find(same)
    }
}

/// Whether capability `id` is `ancestor` or lies below it.
fn is_within(r: &Roadmap, id: &str, ancestor: &str) -> bool {
    let mut current = Some(id);
    for _ in 0..=r.capabilities.len() {
        match current {
            Some(c) if c == ancestor => return true,
            Some(c) => current = r.capability(c).and_then(|c| c.parent.as_deref()),
            None => return false,
        }
    }
    true // a cycle: treat as inside, so nothing is moved into it
}

/// Levels in the subtree of a capability: 1 for a leaf.
fn subtree_height(r: &Roadmap, id: &str) -> usize {
    let mut height = 1;
    let mut level: Vec<&str> = vec![id];
    while height <= r.capabilities.len() {
        level = r
            .capabilities
            .iter()
            .filter(|c| c.parent.as_deref().is_some_and(|p| level.contains(&p)))
            .map(|c| c.id.as_str())
            .collect();
        if level.is_empty() {
            break;
        }
        height += 1;
    }
    height
}

fn capability_index(r: &Roadmap, id: &str) -> Result<usize, String> {
    position(&r.capabilities, id).ok_or_else(|| format!("capability \"{id}\" does not exist"))
}

/// The capability at `at` as messages name it.
fn name(r: &Roadmap, at: usize) -> String {
    let c = &r.capabilities[at];
    ItemKind::Capability.subject(&c.name, &c.id)
}

/// Adds a weighted-scoring criterion at the end, with a fresh id ("crit-1", "crit-2", …),
/// weight 10 and, for an entered criterion, the range 1 to 5. Returns the new id.
pub fn add_criterion(r: &mut Roadmap, name: &str, source: CriterionSource) -> Id {
    let id = (1..)
        .map(|n| format!("crit-{n}"))
        .find(|id| r.scoring.criteria.iter().all(|c| &c.id != id))
        .expect("an unused id exists");
    r.scoring.criteria.push(Criterion {
        id: id.clone(),
        name: name.into(),
        weight: 10.0,
        source,
        ..Criterion::default()
    });
    id
}

/// Removes a criterion and every initiative's value for it. Does nothing for an unknown id.
pub fn delete_criterion(r: &mut Roadmap, id: &str) {
    r.scoring.criteria.retain(|c| c.id != id);
    edit_initiatives(
        r,
        |i| i.scoring.custom.contains_key(id),
        |i| {
            i.scoring.custom.remove(id);
        },
    );
}

/// How many initiatives have a value for the criterion (what deleting it throws away).
pub fn criterion_values(r: &Roadmap, id: &str) -> usize {
    r.initiatives.iter().filter(|i| i.scoring.custom.contains_key(id)).count()
}

/// Changes where a criterion's value comes from. Leaving "entered" drops the values entered
/// for it (they would be ignored); returns how many were dropped. `Err` for an unknown id.
pub fn set_criterion_source(r: &mut Roadmap, id: &str, source: CriterionSource) -> Result<usize, String> {
    let c = r
        .scoring
        .criteria
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| format!("criterion \"{id}\" does not exist"))?;
    c.source = source;
    if source == CriterionSource::Entered {
        return Ok(0);
    }
    let dropped = criterion_values(r, id);
    edit_initiatives(
        r,
        |i| i.scoring.custom.contains_key(id),
        |i| {
            i.scoring.custom.remove(id);
        },
    );
    Ok(dropped)
}

/// Adds an application named `name` at the end of the list, with a fresh id
/// ("application-12"), and returns the id.
pub fn add_application(r: &mut Roadmap, name: &str) -> Id {
    let id = r.fresh_id(ItemKind::Application.noun());
    r.landscape.applications.push(Arc::new(Application {
        id: id.clone(),
        name: name.into(),
        ..Application::default()
    }));
    id
}

/// Adds a technology named `name` at the end of the list, with a fresh id
/// ("technology-12"), and returns the id.
pub fn add_technology(r: &mut Roadmap, name: &str) -> Id {
    let id = r.fresh_id(ItemKind::Technology.noun());
    r.landscape.technologies.push(Arc::new(Technology { id: id.clone(), name: name.into(), ..Technology::default() }));
    id
}

/// Applies `edit` to the applications for which `needs` holds (and only to those).
fn edit_applications(r: &mut Roadmap, needs: impl Fn(&Application) -> bool, edit: impl Fn(&mut Application)) {
    for a in r.landscape.applications.iter_mut().filter(|a| needs(a)) {
        edit(Arc::make_mut(a));
    }
}

/// Applies `edit` to the initiatives for which `needs` holds (and only to those).
fn edit_initiatives(r: &mut Roadmap, needs: impl Fn(&Initiative) -> bool, edit: impl Fn(&mut Initiative)) {
    for i in r.initiatives.iter_mut().filter(|i| needs(i)) {
        edit(Arc::make_mut(i));
    }
}

/// What the list operations need from goals, capabilities, initiatives, applications and
/// technologies.
trait Entry: Clone {
    fn id(&self) -> &str;
    fn rename(&mut self, id: Id, name: String);
    fn name(&self) -> &str;
}

macro_rules! entry {
    ($($t:ty),*) => {$(
        impl Entry for $t {
            fn id(&self) -> &str { &self.id }
            fn name(&self) -> &str { &self.name }
            fn rename(&mut self, id: Id, name: String) { self.id = id; self.name = name; }
        }
    )*};
}
entry!(Goal, Capability, Initiative, Application, Technology);

fn position<T: Entry>(list: &[Arc<T>], id: &str) -> Option<usize> {
    list.iter().position(|x| x.id() == id)
}

fn remove<T: Entry>(list: &mut Vec<Arc<T>>, id: &str) -> Option<(usize, Arc<T>)> {
    let at = position(list, id)?;
    Some((at, list.remove(at)))
}

fn duplicate_in<T: Entry>(list: &mut Vec<Arc<T>>, id: &str, fresh: Id) -> Option<()> {
    let at = position(list, id)?;
    let mut copy = T::clone(&list[at]);
    let name = format!("{} (copy)", copy.name());
    copy.rename(fresh, name);
    list.insert(at + 1, Arc::new(copy));
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{CapabilityLink, GoalLink};
    use crate::domain::validate::validate;

    fn cap(id: &str, parent: Option<&str>) -> Arc<Capability> {
        Arc::new(Capability {
            id: id.into(),
            name: id.to_uppercase(),
            parent: parent.map(Into::into),
            ..Capability::default()
        })
    }

    /// Goals g1, g2; capabilities a > (a1 > a11, a2), b; initiatives i1, i2 (→ i1), i3 (→ i1, i2).
    fn sample() -> Roadmap {
        let init = |id: &str, deps: &[&str]| {
            Arc::new(Initiative {
                id: id.into(),
                name: id.to_uppercase(),
                depends_on: deps.iter().map(|d| d.to_string()).collect(),
                goals: vec![GoalLink { goal: "g1".into(), contribution: 2 }],
                capabilities: vec![CapabilityLink { capability: "a1".into(), maturity_after: 3 }],
                ..Initiative::default()
            })
        };
        let goal = |id: &str| Arc::new(Goal { id: id.into(), name: id.to_uppercase(), ..Goal::default() });
        Roadmap {
            goals: vec![goal("g1"), goal("g2")],
            capabilities: vec![
                cap("a", None),
                cap("a1", Some("a")),
                cap("a11", Some("a1")),
                cap("a2", Some("a")),
                cap("b", None),
            ],
            initiatives: vec![init("i1", &[]), init("i2", &["i1"]), init("i3", &["i1", "i2"])],
            ..Roadmap::default()
        }
    }

    /// The capability tree as "id<parent" in list order.
    fn tree(r: &Roadmap) -> Vec<String> {
        r.capabilities.iter().map(|c| format!("{}<{}", c.id, c.parent.as_deref().unwrap_or(""))).collect()
    }

    fn children(r: &Roadmap, parent: Option<&str>) -> Vec<String> {
        r.capability_children(parent).map(|c| c.id.clone()).collect()
    }

    #[test]
    fn delete_impact_lists_what_is_unlinked() {
        let r = sample();
        assert_eq!(
            delete_impact(&r, ItemKind::Initiative, "i1"),
            ["initiative \"I2\" will no longer depend on it", "initiative \"I3\" will no longer depend on it"]
        );
        assert!(delete_impact(&r, ItemKind::Initiative, "i3").is_empty());
        assert_eq!(delete_impact(&r, ItemKind::Goal, "g1").len(), 3);
        assert!(delete_impact(&r, ItemKind::Goal, "g2").is_empty());
        assert_eq!(
            delete_impact(&r, ItemKind::Capability, "a1"),
            [
                "capability \"A11\" moves up to sit under capability \"A\"",
                "initiative \"I1\" will no longer raise its maturity",
                "initiative \"I2\" will no longer raise its maturity",
                "initiative \"I3\" will no longer raise its maturity",
            ]
        );
        assert_eq!(
            delete_impact(&r, ItemKind::Capability, "a"),
            ["capability \"A1\" moves up to the top level", "capability \"A2\" moves up to the top level"]
        );
        assert!(delete_impact(&r, ItemKind::Capability, "b").is_empty());
        assert!(delete_impact(&r, ItemKind::Capability, "nope").is_empty());
    }

    #[test]
    fn delete_unlinks_everywhere() {
        let mut r = sample();
        let untouched = r.initiatives[0].clone();
        delete(&mut r, ItemKind::Initiative, "i2");
        assert_eq!(r.initiatives.len(), 2);
        assert_eq!(r.initiative("i3").unwrap().depends_on, ["i1"]);
        assert!(Arc::ptr_eq(&untouched, &r.initiatives[0]), "unchanged items stay shared");

        delete(&mut r, ItemKind::Goal, "g1");
        assert!(r.goal("g1").is_none() && r.initiatives.iter().all(|i| i.goals.is_empty()));

        delete(&mut r, ItemKind::Capability, "a1");
        assert!(r.initiatives.iter().all(|i| i.capabilities.is_empty()));
        let after = r.clone();
        delete(&mut r, ItemKind::Capability, "a1");
        delete(&mut r, ItemKind::Roadmap, "");
        assert_eq!(r, after, "unknown ids change nothing");
        assert!(validate(&r).is_empty(), "{:?}", validate(&r));
    }

    #[test]
    fn deleting_a_capability_moves_its_children_into_its_place() {
        let mut r = sample();
        r.capabilities.push(cap("a3", Some("a")));
        delete(&mut r, ItemKind::Capability, "a");
        assert_eq!(tree(&r), ["a1<", "a2<", "a3<", "a11<a1", "b<"]);
        assert_eq!(children(&r, None), ["a1", "a2", "a3", "b"]);

        let mut r = sample();
        delete(&mut r, ItemKind::Capability, "a1");
        assert_eq!(children(&r, Some("a")), ["a11", "a2"]);
        assert!(validate(&r).is_empty());
    }

    #[test]
    fn duplicate_copies_next_to_the_original() {
        let mut r = sample();
        let id = duplicate(&mut r, ItemKind::Initiative, "i2").unwrap();
        assert_eq!(r.initiatives[2].id, id);
        let copy = &r.initiatives[2];
        assert_eq!(copy.name, "I2 (copy)");
        assert_eq!(
            (&copy.depends_on, &copy.goals, &copy.capabilities),
            (&r.initiatives[1].depends_on, &r.initiatives[1].goals, &r.initiatives[1].capabilities)
        );

        let id = duplicate(&mut r, ItemKind::Capability, "a1").unwrap();
        assert_eq!(r.capabilities[2].id, id);
        assert_eq!(r.capabilities[2].parent.as_deref(), Some("a"));
        assert_eq!(children(&r, Some(&id)), Vec::<String>::new(), "children are not copied");

        let id = duplicate(&mut r, ItemKind::Goal, "g1").unwrap();
        assert_eq!((r.goals[1].id.as_str(), r.goals[1].name.as_str()), (id.as_str(), "G1 (copy)"));
        assert_eq!(duplicate(&mut r, ItemKind::Goal, "nope"), None);
        assert_eq!(duplicate(&mut r, ItemKind::Roadmap, ""), None);
        assert!(validate(&r).is_empty(), "{:?}", validate(&r));
    }

    #[test]
    fn move_item_reorders_lists() {
        let mut r = sample();
        assert!(move_item(&mut r, ItemKind::Initiative, "i2", true));
        assert_eq!(r.initiatives.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i2", "i1", "i3"]);
        assert!(!move_item(&mut r, ItemKind::Initiative, "i2", true));
        assert!(!move_item(&mut r, ItemKind::Goal, "g2", false));
        assert!(move_item(&mut r, ItemKind::Goal, "g2", true));
        assert!(move_item(&mut r, ItemKind::Capability, "b", true));
        assert_eq!(children(&r, None), ["b", "a"]);
    }

    #[test]
    fn indent_and_outdent() {
        let mut r = sample();
        indent_capability(&mut r, "a2").unwrap();
        assert_eq!(children(&r, Some("a1")), ["a11", "a2"]);
        assert_eq!(r.capability_level("a2"), Some(3));

        let err = indent_capability(&mut r, "a2").unwrap_err();
        assert_eq!(err, "capability \"A2\" would be at level 4; the capability map has at most 3 levels");
        let err = indent_capability(&mut r, "a").unwrap_err();
        assert_eq!(err, "capability \"A\" is the first in its group; there is nothing above it to go under");

        outdent_capability(&mut r, "a2").unwrap();
        assert_eq!(children(&r, Some("a")), ["a1", "a2"]);
        outdent_capability(&mut r, "a1").unwrap();
        assert_eq!(children(&r, None), ["a", "a1", "b"], "next sibling of its parent");
        assert_eq!(children(&r, Some("a1")), ["a11"], "children come along");
        assert_eq!(outdent_capability(&mut r, "a").unwrap_err(), "capability \"A\" is already at the top level");

        let mut r = sample();
        indent_capability(&mut r, "b").unwrap();
        assert_eq!(children(&r, Some("a")), ["a1", "a2", "b"]);

        let mut r = sample();
        r.capabilities.push(cap("a12", Some("a1")));
        let before = r.clone();
        let err = indent_capability(&mut r, "a12").unwrap_err();
        assert_eq!(err, "capability \"A12\" would be at level 4; the capability map has at most 3 levels");
        assert_eq!(r, before);
    }

    #[test]
    fn moves_are_refused_when_too_deep_or_cyclic() {
        let mut r = sample();
        let before = r.clone();
        assert_eq!(
            move_capability(&mut r, "a", Some("b")).unwrap_err(),
            "capability \"A\" with its sub-capabilities would reach level 4; the capability map has at most 3 levels"
        );
        assert_eq!(
            move_capability(&mut r, "b", Some("a11")).unwrap_err(),
            "capability \"B\" would be at level 4; the capability map has at most 3 levels"
        );
        assert_eq!(
            move_capability(&mut r, "a", Some("a11")).unwrap_err(),
            "capability \"A\" cannot go under capability \"A11\", which is part of it"
        );
        assert_eq!(
            move_capability(&mut r, "a", Some("a")).unwrap_err(),
            "capability \"A\" cannot go under capability \"A\", which is part of it"
        );
        assert_eq!(move_capability(&mut r, "a", Some("zz")).unwrap_err(), "capability \"zz\" does not exist");
        assert_eq!(move_capability(&mut r, "zz", None).unwrap_err(), "capability \"zz\" does not exist");
        assert_eq!(r, before, "nothing changes on refusal");

        move_capability(&mut r, "a2", Some("b")).unwrap();
        move_capability(&mut r, "a1", Some("b")).unwrap();
        assert_eq!(children(&r, Some("b")), ["a2", "a1"], "becomes the last child");
        move_capability(&mut r, "a1", None).unwrap();
        assert_eq!(children(&r, None), ["a", "b", "a1"]);
        move_capability(&mut r, "a1", None).unwrap();
        assert!(validate(&r).is_empty());
    }

    #[test]
    fn criteria_are_added_and_deleted_with_their_values() {
        let mut r = sample();
        let id = add_criterion(&mut r, "Effort", CriterionSource::Entered);
        assert_eq!(id, "crit-1");
        assert_eq!(add_criterion(&mut r, "Fit", CriterionSource::Entered), "crit-2");
        assert_eq!(r.scoring.criteria.len(), 7, "after the 5 defaults");
        r.initiative_mut("i1").unwrap().scoring.custom.insert(id.clone(), 4.0);
        r.initiative_mut("i2").unwrap().scoring.custom.insert("crit-2".into(), 2.0);
        assert!(validate(&r).is_empty(), "{:?}", validate(&r));
        let untouched = r.initiatives[2].clone();
        assert_eq!(criterion_values(&r, &id), 1);
        delete_criterion(&mut r, &id);
        assert!(r.scoring.criteria.iter().all(|c| c.id != id));
        assert!(r.initiative("i1").unwrap().scoring.custom.is_empty());
        assert_eq!(r.initiative("i2").unwrap().scoring.custom.len(), 1, "other criteria keep their values");
        assert!(Arc::ptr_eq(&untouched, &r.initiatives[2]));
        assert_eq!(add_criterion(&mut r, "Again", CriterionSource::Entered), "crit-1", "a freed id is reused");
        assert!(validate(&r).is_empty());

        assert_eq!(set_criterion_source(&mut r, "crit-2", CriterionSource::Cost), Ok(1));
        assert!(r.initiative("i2").unwrap().scoring.custom.is_empty());
        assert_eq!(set_criterion_source(&mut r, "crit-2", CriterionSource::Entered), Ok(0));
        assert_eq!(
            set_criterion_source(&mut r, "nope", CriterionSource::Cost),
            Err("criterion \"nope\" does not exist".into())
        );
    }

    #[test]
    fn move_up_and_down_among_siblings() {
        let mut r = sample();
        move_capability_down(&mut r, "a1").unwrap();
        assert_eq!(children(&r, Some("a")), ["a2", "a1"]);
        assert_eq!(
            move_capability_down(&mut r, "a1").unwrap_err(),
            "capability \"A1\" is already the last in its group"
        );
        move_capability_up(&mut r, "a1").unwrap();
        assert_eq!(children(&r, Some("a")), ["a1", "a2"]);
        assert_eq!(move_capability_up(&mut r, "a").unwrap_err(), "capability \"A\" is already the first in its group");
        move_capability_down(&mut r, "a").unwrap();
        assert_eq!(children(&r, None), ["b", "a"]);
        assert_eq!(children(&r, Some("a1")), ["a11"]);
    }
}
