//! Stable sorting through one compiled sort.
//!
//! The standard library's stable sort is compiled anew for every element type and comparator,
//! about 4 KB of wasm each time. Every sort of the crate goes through [`order_by`] instead: the
//! standard sort, compiled once, of the indices, with the comparison called through a
//! reference. The result is the standard stable sort's, element for element.

use std::cmp::Ordering;

/// The indices `0..len` in the order a stable sort by `cmp` (comparing the elements at two
/// indices) puts them: equal elements keep their order.
pub fn order_by(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` as `v.sort_by(cmp)` does (stable), through [`order_by`].
pub fn sort_by<T: Clone>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order_by(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let sorted: Vec<T> = order.into_iter().map(|i| v[i].clone()).collect();
    v.clone_from_slice(&sorted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort() {
        // Pairs sorted by their first value only: the second shows that ties keep their order.
        let pairs = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (3, 'f'), (0, 'g')];
        let mut ours = pairs.to_vec();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = pairs.to_vec();
        std.sort_by_key(|a| a.0);
        assert_eq!(ours, std);
        let floats = [2.5, -0.0, f64::NAN, 0.0, -3.0, f64::INFINITY, 2.5];
        let mut ours = floats.to_vec();
        sort_by(&mut ours, f64::total_cmp);
        let mut std = floats.to_vec();
        std.sort_by(f64::total_cmp);
        assert_eq!(ours.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), std.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        let v: [f64; 4] = [2.0, 1.0, 2.0, 0.5];
        assert_eq!(order_by(4, &|a, b| v[a].total_cmp(&v[b])), vec![3, 1, 0, 2]);
    }
}
