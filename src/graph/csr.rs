//! Compressed sparse rows: the neighbours of node `i` are `adj[start[i]..start[i + 1]]`.
//!
//! The compact adjacency every analysis here runs on: two flat `u32` arrays, built in linear
//! time by counting sort, with no per-node allocation.

/// Adjacency lists of `n` nodes numbered `0..n`, stored as compressed sparse rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Csr {
    start: Vec<u32>,
    adj: Vec<u32>,
}

/// A graph too large for 32-bit indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{nodes} nodes and {edges} edges: more than this program handles (at most 4,294,967,294 of each)")]
pub struct TooLarge {
    pub(crate) nodes: usize,
    pub(crate) edges: usize,
}

impl Csr {
    /// Rows for `n` nodes holding the pairs `(from, to)` as `to` in row `from`: every row sorted
    /// and free of repeats. Pairs naming a node `>= n` are dropped.
    pub(crate) fn from_pairs(n: usize, from: &[u32], to: &[u32]) -> Result<Csr, TooLarge> {
        let too_large = TooLarge {
            nodes: n,
            edges: from.len(),
        };
        if n >= u32::MAX as usize || from.len() >= u32::MAX as usize {
            return Err(too_large);
        }
        let mut start = vec![0u32; n + 1];
        let pairs = from
            .iter()
            .zip(to)
            .filter(|&(&a, &b)| (a as usize) < n && (b as usize) < n);
        for (&a, _) in pairs.clone() {
            start[a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let total = start[n] as usize;
        let mut fill: Vec<u32> = start[..n].to_vec();
        let mut adj = vec![0u32; total];
        for (&a, &b) in pairs {
            let slot = &mut fill[a as usize];
            adj[*slot as usize] = b;
            *slot += 1;
        }
        let mut csr = Csr { start, adj };
        csr.sort_and_dedup();
        Ok(csr)
    }

    /// Sorts every row and removes repeated neighbours, compacting the arrays in place.
    fn sort_and_dedup(&mut self) {
        let n = self.len();
        let mut write = 0usize;
        let mut row_start = 0usize;
        for i in 0..n {
            let row_end = self.start[i + 1] as usize;
            let row = &mut self.adj[row_start..row_end];
            row.sort_unstable();
            let new_start = write;
            let mut last = None;
            for k in row_start..row_end {
                let v = self.adj[k];
                if last != Some(v) {
                    self.adj[write] = v;
                    write += 1;
                    last = Some(v);
                }
            }
            self.start[i] = new_start as u32;
            row_start = row_end;
        }
        self.start[n] = write as u32;
        self.adj.truncate(write);
    }

    /// The same pairs, reversed: row `to` holds every `from`.
    pub(crate) fn transpose(&self) -> Csr {
        let n = self.len();
        let mut start = vec![0u32; n + 1];
        for &b in &self.adj {
            start[b as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill: Vec<u32> = start[..n].to_vec();
        let mut adj = vec![0u32; self.adj.len()];
        // Rows are visited in increasing order, so every transposed row comes out sorted.
        for a in 0..n {
            for &b in self.row(a as u32) {
                let slot = &mut fill[b as usize];
                adj[*slot as usize] = a as u32;
                *slot += 1;
            }
        }
        Csr { start, adj }
    }

    /// The number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// The number of (distinct) pairs.
    pub(crate) fn edge_count(&self) -> usize {
        self.adj.len()
    }

    /// The neighbours of `i`, sorted (empty for a node out of range).
    pub(crate) fn row(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => self.adj.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// How many neighbours `i` has.
    pub(crate) fn degree(&self, i: u32) -> usize {
        self.row(i).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_without_repeats() {
        let csr = Csr::from_pairs(3, &[2, 0, 0, 0, 2, 9], &[1, 2, 1, 2, 2, 0]).unwrap();
        assert_eq!(csr.row(0), &[1, 2]);
        assert_eq!(csr.row(1), &[] as &[u32]);
        assert_eq!(csr.row(2), &[1, 2]);
        assert_eq!(csr.edge_count(), 4, "the pair naming node 9 is dropped");
        let t = csr.transpose();
        assert_eq!(t.row(0), &[] as &[u32]);
        assert_eq!(t.row(1), &[0, 2]);
        assert_eq!(t.row(2), &[0, 2]);
        assert_eq!(csr.row(7), &[] as &[u32]);
    }
}
