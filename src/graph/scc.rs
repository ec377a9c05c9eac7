//! Strongly connected components (Tarjan's algorithm, with an explicit stack: no recursion).

use super::csr::Csr;

/// Marks a node left out of the components.
pub(crate) const NONE: u32 = u32::MAX;

/// The strongly connected components of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Components {
    /// The component of each node, or [`NONE`] for a node that was left out.
    pub(crate) of: Vec<u32>,
    /// The number of nodes in each component.
    pub(crate) size: Vec<u32>,
}

impl Components {
    /// How many components there are.
    pub(crate) fn count(&self) -> usize {
        self.size.len()
    }

    /// The component of `i` ([`NONE`] when left out).
    pub(crate) fn get(&self, i: u32) -> u32 {
        self.of.get(i as usize).copied().unwrap_or(NONE)
    }
}

/// The components of the subgraph of `graph` induced by the nodes for which `keep` holds, in
/// time linear in nodes + edges. Components are numbered in reverse topological order: every
/// edge between two components goes from a higher number to a lower one (or stays inside).
pub(crate) fn components(graph: &Csr, keep: impl Fn(u32) -> bool) -> Components {
    let n = graph.len();
    let mut index = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut of = vec![NONE; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut size: Vec<u32> = Vec::new();
    // Each call frame: (node, position in its row).
    let mut calls: Vec<(u32, usize)> = Vec::new();
    let mut next = 0u32;
    for root in 0..n as u32 {
        if index[root as usize] != NONE || !keep(root) {
            continue;
        }
        index[root as usize] = next;
        low[root as usize] = next;
        next += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        calls.push((root, 0));
        while let Some(&mut (v, ref mut pos)) = calls.last_mut() {
            let row = graph.row(v);
            if let Some(&w) = row.get(*pos) {
                *pos += 1;
                if !keep(w) {
                    continue;
                }
                let (wi, vi) = (w as usize, v as usize);
                if index[wi] == NONE {
                    index[wi] = next;
                    low[wi] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[wi] = true;
                    calls.push((w, 0));
                } else if on_stack[wi] && index[wi] < low[vi] {
                    low[vi] = index[wi];
                }
                continue;
            }
            calls.pop();
            let vi = v as usize;
            if let Some(&(u, _)) = calls.last() {
                if low[vi] < low[u as usize] {
                    low[u as usize] = low[vi];
                }
            }
            if low[vi] == index[vi] {
                let id = size.len() as u32;
                let mut count = 0u32;
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    of[w as usize] = id;
                    count += 1;
                    if w == v {
                        break;
                    }
                }
                size.push(count);
            }
        }
    }
    Components { of, size }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_orders_them() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3, 4 alone, 5 left out (5 -> 0 ignored).
        let g = Csr::from_pairs(6, &[0, 1, 2, 2, 5], &[1, 2, 1, 3, 0]).unwrap();
        let c = components(&g, |i| i != 5);
        assert_eq!(c.get(5), NONE);
        assert_eq!(c.get(1), c.get(2));
        assert_ne!(c.get(0), c.get(1));
        assert_eq!(c.count(), 4);
        assert_eq!(c.size[c.get(1) as usize], 2);
        // Edges go from higher to lower component numbers.
        assert!(c.get(0) > c.get(1));
        assert!(c.get(2) > c.get(3));
    }

    #[test]
    fn a_long_chain_needs_no_recursion() {
        let n = 200_000u32;
        let from: Vec<u32> = (0..n - 1).collect();
        let to: Vec<u32> = (1..n).collect();
        let g = Csr::from_pairs(n as usize, &from, &to).unwrap();
        let c = components(&g, |_| true);
        assert_eq!(c.count(), n as usize);
    }
}
