//! A cache that keeps what was used most recently, up to a total weight (bytes
//! for resolved objects, a count for parsed trees).

use std::collections::HashMap;
use std::hash::Hash;

pub(super) struct Recent<K, V> {
    entries: HashMap<K, (V, usize, u64)>,
    weight: usize,
    limit: usize,
    clock: u64,
}

impl<K: Hash + Eq + Clone, V: Clone> Recent<K, V> {
    pub(super) fn new(limit: usize) -> Recent<K, V> {
        Recent {
            entries: HashMap::new(),
            weight: 0,
            limit,
            clock: 0,
        }
    }

    pub(super) fn get(&mut self, key: &K) -> Option<V> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.get_mut(key).map(|(value, _, used)| {
            *used = clock;
            value.clone()
        })
    }

    /// Keeps `value`, unless it weighs more than a quarter of the limit.
    pub(super) fn put(&mut self, key: K, value: V, weight: usize) {
        if weight > self.limit / 4 {
            return;
        }
        self.clock += 1;
        self.weight += weight;
        if let Some((_, old, _)) = self.entries.insert(key, (value, weight, self.clock)) {
            self.weight -= old;
        }
        if self.weight > self.limit {
            // The least recently used go until a quarter is free, so that
            // evictions stay rare.
            let mut by_age: Vec<(K, u64, usize)> = self
                .entries
                .iter()
                .map(|(key, (_, weight, used))| (key.clone(), *used, *weight))
                .collect();
            by_age.sort_unstable_by_key(|(_, used, _)| *used);
            for (key, _, weight) in by_age {
                if self.weight <= self.limit / 4 * 3 {
                    break;
                }
                self.entries.remove(&key);
                self.weight -= weight;
            }
        }
    }

    #[cfg(test)]
    pub(super) fn weight(&self) -> usize {
        self.weight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_recent_entries_within_its_limit() {
        let mut cache: Recent<u64, Vec<u8>> = Recent::new(100);
        for key in 0..10 {
            cache.put(key, vec![0u8; 20], 20);
            cache.get(&0);
        }
        assert!(cache.weight() <= 100);
        assert!(cache.get(&0).is_some(), "the most used entry stays");
        assert!(cache.get(&9).is_some(), "the newest entry stays");
        assert!(cache.get(&1).is_none());
        cache.put(99, vec![0u8; 60], 60);
        assert!(cache.get(&99).is_none(), "entries above a quarter of the limit are not kept");
    }
}
