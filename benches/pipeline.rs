//! The foundation's pipeline on a generated 100,000-node map: read and check the Argdown text,
//! find the unanswered points, draw DOT; and the debaters' analyses on the same map: strengths
//! (DF-QuAD), stakes, ranked unanswered points, clashes, a camp's brief. Run with
//! `cargo bench --bench pipeline`.
//!
//! The map is a debate tree: two sides, every node after the first answers (rebuts) or supports an
//! earlier one, written top level with an outgoing relation, tagged, cited and in sections.

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use counterpoint::analysis::camps::Camps;
use counterpoint::analysis::clashes::clashes;
use counterpoint::analysis::prep::{brief, Ask};
use counterpoint::analysis::stakes::Stakes;
use counterpoint::analysis::strength::Strengths;
use counterpoint::analysis::unanswered::{ranked, unanswered};
use counterpoint::analysis::Verdicts;
use counterpoint::load::{load_texts, Loaded};
use counterpoint::render::{to_dot, Drawing, RenderOptions};
use counterpoint::Format;

const NODES: usize = 100_000;

fn main() {
    divan::main();
}

/// A deterministic pseudo-random sequence (xorshift), so the map is the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Argdown text of a map with `n` nodes.
pub fn generate(n: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(n * 120);
    out.push_str(
        "===\ntitle: Generated\nsides:\n  pro: {label: Pro}\n  con: {label: Con}\nsources:\n  src: {title: Source}\n===\n\n",
    );
    let mut side = ["pro", "con"].into_iter().cycle();
    for i in 0..n {
        if i % 1000 == 0 {
            out.push_str(&format!("# Part {}\n\n", i / 1000));
        }
        let s = side.next().unwrap_or("pro");
        out.push_str(&format!(
            "<N{i}>: Point number {i} made by the {s} side. #t{} {{side: {s}, cite: \"src:{}-{}\"}}\n",
            i % 17,
            i + 1,
            i + 2
        ));
        if i > 0 {
            let target = rng.below(i);
            let rel = if rng.below(3) == 0 { "+>" } else { "->" };
            out.push_str(&format!("  {rel} <N{target}>\n"));
        }
        out.push('\n');
    }
    out
}

fn loaded() -> Loaded {
    let texts = vec![("generated.argdown".to_string(), generate(NODES))];
    load_texts(&texts, Some(Format::Argdown))
}

#[divan::bench(sample_count = 5)]
fn check(bencher: divan::Bencher) {
    let texts = vec![("generated.argdown".to_string(), generate(NODES))];
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        assert_eq!(loaded.map.node_count(), NODES);
        loaded
    });
}

#[divan::bench(sample_count = 5)]
fn unanswered_points(bencher: divan::Bencher) {
    let map = loaded().map;
    bencher.bench(|| unanswered(&map).len());
}

#[divan::bench(sample_count = 5)]
fn dot(bencher: divan::Bencher) {
    let map = loaded().map;
    let options = RenderOptions::default();
    bencher.bench(|| to_dot(Drawing::new(&map, &Verdicts::whole(&map)), &options).len());
}

#[divan::bench(sample_count = 3)]
fn whole_pipeline(bencher: divan::Bencher) {
    let texts = vec![("generated.argdown".to_string(), generate(NODES))];
    let options = RenderOptions::default();
    bencher.bench(|| {
        let loaded = load_texts(&texts, Some(Format::Argdown));
        let open = unanswered(&loaded.map).len();
        let verdicts = Verdicts::whole(&loaded.map);
        to_dot(Drawing::new(&loaded.map, &verdicts), &options).len() + open
    });
}

#[divan::bench(sample_count = 5)]
fn strengths(bencher: divan::Bencher) {
    let map = loaded().map;
    bencher.bench(|| Strengths::of(&map));
}

#[divan::bench(sample_count = 5)]
fn stakes(bencher: divan::Bencher) {
    let map = loaded().map;
    bencher.bench(|| Stakes::of(&map));
}

#[divan::bench(sample_count = 5)]
fn unanswered_ranked(bencher: divan::Bencher) {
    let map = loaded().map;
    bencher.bench(|| ranked(&map, |_| true));
}

#[divan::bench(sample_count = 5)]
fn all_clashes(bencher: divan::Bencher) {
    let map = loaded().map;
    bencher.bench(|| {
        let (camps, verdicts, stakes) = (Camps::of(&map), Verdicts::whole(&map), Stakes::of(&map));
        clashes(&map, &camps, &verdicts, &stakes).len()
    });
}

#[divan::bench(sample_count = 3)]
fn a_camps_brief(bencher: divan::Bencher) {
    let map = loaded().map;
    let side = map.sides.first().map(|s| s.id.clone()).unwrap();
    bencher.bench(|| brief(&map, &Ask::Camp(side.clone()), None, false).unwrap());
}
