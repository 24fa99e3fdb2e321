//! Undo and redo over snapshots. A roadmap snapshot is cheap (its items are `Arc`s), so the
//! history simply keeps whole values.

use std::collections::VecDeque;

/// Undo/redo stacks of snapshots, the oldest dropped beyond `limit`.
#[derive(Clone, Debug)]
pub struct History<T> {
    undo: VecDeque<T>,
    redo: Vec<T>,
    limit: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History::new(History::<T>::DEFAULT_LIMIT)
    }
}

impl<T> History<T> {
    /// How many steps can be undone by default.
    pub const DEFAULT_LIMIT: usize = 200;

    /// A history keeping at most `limit` undo steps (at least one).
    pub fn new(limit: usize) -> Self {
        History { undo: VecDeque::new(), redo: Vec::new(), limit: limit.max(1) }
    }

    /// Records the value as it was `before` an edit. Clears the redo steps.
    pub fn record(&mut self, before: T) {
        self.redo.clear();
        self.push_undo(before);
    }

    /// The value to go back to, keeping `current` for redo; `None` (and `current` is dropped)
    /// when there is nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current);
        Some(previous)
    }

    /// The value undone last, keeping `current` for undo; `None` when there is nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.push_undo(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of steps that can be undone.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Forgets every step (after opening another roadmap).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Changes every kept step, undo and redo alike (a value that all of them lacked).
    pub fn update_all(&mut self, mut change: impl FnMut(&mut T)) {
        self.undo.iter_mut().chain(self.redo.iter_mut()).for_each(&mut change);
    }

    fn push_undo(&mut self, value: T) {
        self.undo.push_back(value);
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn update_all_changes_undo_and_redo_steps() {
        let mut h = History::default();
        for value in [1, 2, 3] {
            h.record(value);
        }
        assert_eq!(h.undo(4), Some(3));
        h.update_all(|v| *v *= 10);
        assert_eq!(h.redo(30), Some(40));
        assert_eq!(h.undo(40), Some(30));
        assert_eq!(h.undo(30), Some(20));
        assert_eq!(h.undo(20), Some(10));
        assert_eq!(h.undo(10), None);
    }

    #[test]
    fn undo_and_redo() {
        let mut h = History::default();
        assert!(!h.can_undo() && !h.can_redo());
        let mut value = 0;
        for next in 1..=3 {
            h.record(value);
            value = next;
        }
        assert_eq!(h.len(), 3);
        value = h.undo(value).unwrap();
        assert_eq!(value, 2);
        value = h.undo(value).unwrap();
        assert_eq!(value, 1);
        assert!(h.can_redo());
        value = h.redo(value).unwrap();
        assert_eq!(value, 2);
        // A new edit clears the redo steps.
        h.record(value);
        value = 10;
        assert!(!h.can_redo());
        assert_eq!(h.redo(value), None);
        assert_eq!(h.undo(value), Some(2));
        assert_eq!(h.undo(2), Some(1));
        assert_eq!(h.undo(1), Some(0));
        assert_eq!(h.undo(0), None);
        assert!(h.is_empty());
        h.clear();
        assert!(!h.can_redo());
    }

    #[test]
    fn keeps_at_most_limit_steps() {
        const { assert!(History::<u8>::DEFAULT_LIMIT >= 100) };
        let mut h = History::new(3);
        for v in 0..10 {
            h.record(v);
        }
        assert_eq!(h.len(), 3);
        assert_eq!(h.undo(10), Some(9));
        assert_eq!(h.undo(9), Some(8));
        assert_eq!(h.undo(8), Some(7));
        assert_eq!(h.undo(7), None);
        // Redo pushes back onto a full undo stack without exceeding the limit.
        let mut v = 7;
        while let Some(next) = h.redo(v) {
            v = next;
        }
        assert_eq!((v, h.len()), (10, 3));
        assert_eq!(History::<u8>::new(0).limit, 1);
    }

    proptest! {
        /// Any sequence of edits, undos and redos behaves like a reference model: undo returns
        /// the values in reverse order of recording, redo replays them.
        #[test]
        fn behaves_like_a_list_with_a_cursor(ops in prop::collection::vec(0u8..3, 0..60)) {
            let mut h = History::new(1000);
            let mut timeline = vec![0u32]; // every value; `at` is the current one
            let mut at = 0;
            let mut current = 0u32;
            for (n, op) in ops.into_iter().enumerate() {
                match op {
                    0 => {
                        h.record(current);
                        current = n as u32 + 1;
                        timeline.truncate(at + 1);
                        timeline.push(current);
                        at += 1;
                    }
                    1 => match h.undo(current) {
                        Some(v) => { at -= 1; current = v; }
                        None => prop_assert_eq!(at, 0),
                    },
                    _ => match h.redo(current) {
                        Some(v) => { at += 1; current = v; }
                        None => prop_assert_eq!(at, timeline.len() - 1),
                    },
                }
                prop_assert_eq!(current, timeline[at]);
                prop_assert_eq!(h.len(), at);
                prop_assert_eq!(h.can_redo(), at + 1 < timeline.len());
            }
        }
    }
}
