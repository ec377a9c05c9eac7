//! What the size benchmarks share: the generated inputs and the stages the commands run.
//!
//! - [`tree`]: the Argdown text of a ternary support/attack tree of `n` nodes, the shape of
//!   `../shared/tools/gen_argdown_tree.py` (written here so that `cargo bench` needs nothing
//!   outside the repository): node 0 is the root, the children of node `i` are `3i+1..=3i+3`,
//!   even nodes are statements `[S<i>]` and odd ones arguments `<A<i>>`, each node supports (`+`)
//!   or attacks (`-`) its parent, written depth first as indented relation lines under it, with
//!   a text of ten words. A 100,000-node tree is about 9.9 MB, as the script's is.
//! - [`af_instance`]: an ICCMA 2023 `.af` file of `n` arguments and about `5n` attacks,
//!   generated once into `target/bench-data/` by `python3 ../shared/tools/gen_af.py er N 10
//!   --seed 5` when it is there, else by [`write_er`] (the same shape).
//! - The stages, each as the command does it: [`check`] (read and check the text), [`json`]
//!   (`export --to json`), [`dot`] (`render --format dot`, verdicts included), [`grounded`]
//!   (`status`'s grounded labelling of a map) and [`grounded_af`] (`status` on an ICCMA file:
//!   read it and label it).

// Each benchmark uses its part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use counterpoint::analysis::grounded::label_framework;
use counterpoint::analysis::Verdicts;
use counterpoint::formats::iccma::{self, Dialect};
use counterpoint::graph::framework::MapFramework;
use counterpoint::load::{load_texts, Loaded};
use counterpoint::render::{Drawing, RenderOptions};
use counterpoint::Format;

/// The words of the generated texts (ten per node; about 5.6 letters a word, as the script's).
const WORDS: &[&str] = &[
    "ferry", "harbour", "library", "council", "tenant", "lease", "rent", "wage", "pension",
    "clinic", "nurse", "doctor", "patient", "waiting", "list", "bridge", "tunnel", "toll", "cycle",
    "lane", "parking", "permit", "fine", "noise", "night", "market", "stall", "trader", "kiosk",
    "water", "meter", "bill", "drought", "flood", "barrier", "coast", "erosion", "forest",
    "logging", "quota", "fishing", "catch", "stock", "price", "index", "levy", "interest", "loan",
    "debt", "deposit", "saving", "tariff", "import", "export", "border", "visa", "worker", "union",
    "strike", "deal", "pay", "bonus", "audit", "ledger", "deficit", "surplus", "museum", "ticket",
    "visitor", "archive", "record", "witness", "judge", "verdict", "appeal", "prison", "term",
    "parole", "police", "patrol", "camera", "file", "consent", "vaccine", "dose", "trial",
    "placebo", "outcome", "cohort", "base", "margin",
];

/// The node sizes the benchmarks run at.
pub(crate) const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// SplitMix64: the draws of node `i` depend on `i` alone, so the tree is written in one pass.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The Argdown text of the ternary tree of `n` nodes (see the module's documentation).
pub(crate) fn tree(n: usize) -> String {
    let mut out = String::with_capacity(n * 104 + 64);
    out.push_str(&format!("# Generated ternary tree of {n} nodes\n\n"));
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, depth)) = stack.pop() {
        let mut state = mix(i as u64 ^ 0x5EED);
        let mut draw = |below: usize| {
            state = mix(state);
            (state % below as u64) as usize
        };
        let sign = if draw(2) == 0 { '+' } else { '-' };
        for _ in 0..depth {
            out.push_str("  ");
        }
        if depth > 0 {
            out.push(sign);
            out.push(' ');
        }
        if i % 2 == 0 {
            out.push_str(&format!("[S{i}]: "));
        } else {
            out.push_str(&format!("<A{i}>: "));
        }
        for k in 0..10 {
            let word = WORDS[draw(WORDS.len())];
            if k == 0 {
                let mut letters = word.chars();
                out.extend(letters.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(letters.as_str());
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push_str(".\n");
        for child in [3 * i + 3, 3 * i + 2, 3 * i + 1] {
            if child < n {
                stack.push((child, depth + 1));
            }
        }
    }
    out
}

/// The tree of `n` nodes as the one text `load_texts` reads.
pub(crate) fn tree_texts(n: usize) -> Vec<(String, String)> {
    vec![(format!("tree{n}.argdown"), tree(n))]
}

/// `check`: the text read and checked.
pub(crate) fn check(texts: &[(String, String)]) -> Loaded {
    load_texts(texts, Some(Format::Argdown))
}

/// The checked map of the tree of `n` nodes, asserting it is the tree it should be.
pub(crate) fn tree_map(n: usize) -> Loaded {
    checked(check(&tree_texts(n)), n)
}

/// `loaded`, asserting it is the tree of `n` nodes, without errors.
pub(crate) fn checked(loaded: Loaded, n: usize) -> Loaded {
    assert_eq!(loaded.map.node_count(), n);
    assert_eq!(loaded.map.edge_count(), n.saturating_sub(1));
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics.first());
    loaded
}

/// The buffer the commands write their output through (`output::write_buffered`'s).
fn buffered(out: &mut dyn Write) -> std::io::BufWriter<&mut dyn Write> {
    std::io::BufWriter::with_capacity(64 * 1024, out)
}

/// `export --to json`, written into `out` through the commands' buffer.
pub(crate) fn json(loaded: &Loaded, out: &mut dyn Write) {
    let mut out = buffered(out);
    counterpoint::formats::json::write(&loaded.map, &mut out).expect("written");
    out.flush().expect("written");
}

/// `render --format dot`: the verdicts, then the DOT text written into `out` through the
/// commands' buffer.
pub(crate) fn dot(loaded: &Loaded, out: &mut dyn Write) {
    let verdicts = Verdicts::whole(&loaded.map);
    let mut out = buffered(out);
    counterpoint::render::dot::write_dot(
        Drawing::new(&loaded.map, &verdicts),
        &RenderOptions::default(),
        &mut out,
    )
    .expect("written");
    out.flush().expect("written");
}

/// `status`' grounded labelling of the map: the number of points that stand.
pub(crate) fn grounded(loaded: &Loaded) -> usize {
    let mf = MapFramework::new(&loaded.map).expect("fewer than 2^32 nodes");
    label_framework(&mf.framework).counts()[0]
}

/// `status` on an ICCMA file: read, build the framework, label it; the number of arguments in
/// the grounded extension.
pub(crate) fn grounded_af(path: &Path) -> usize {
    let bytes = std::fs::read(path).expect("read instance");
    let mut diagnostics = Vec::new();
    let parsed = iccma::read("er.af", &bytes, Dialect::I23, &mut diagnostics).expect("valid");
    drop(bytes);
    label_framework(&parsed.framework).counts()[0]
}

/// The ICCMA file of `n` arguments and about `5n` attacks (Erdős–Rényi, average degree 10,
/// seed 5), generated on first use into `target/bench-data/er_<n>_k10_s5.af`.
pub(crate) fn af_instance(n: usize) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_absolute() { t } else { root.join(t) })
        .unwrap_or_else(|| root.join("target"));
    let dir = target.join("bench-data");
    let path = dir.join(format!("er_{n}_k10_s5.af"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    // Written beside, then renamed: an interrupted run leaves no half file behind.
    let partial = dir.join(format!("er_{n}_k10_s5.af.partial"));
    let script = root.join("../shared/tools/gen_af.py");
    let generated = script.exists()
        && Command::new("python3")
            .arg(&script)
            .args(["er", &n.to_string(), "10", "--seed", "5", "-o"])
            .arg(&partial)
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !generated {
        eprintln!("gen_af.py unavailable: generating the same shape in Rust");
        write_er(&partial, n, 5 * n);
    }
    std::fs::rename(&partial, &path).expect("rename the instance");
    path
}

/// Erdős–Rényi: `pairs` distinct unordered pairs of distinct arguments among `n`, each attack
/// pointing one way at random (xorshift64*, fixed seed).
pub(crate) fn write_er(path: &Path, n: usize, pairs: usize) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let n64 = n as u64;
    let mut seen = std::collections::HashSet::with_capacity(pairs);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create instance"));
    writeln!(out, "p af {n}").expect("write");
    writeln!(out, "# er {n} 10, generated by the benchmarks").expect("write");
    while seen.len() < pairs {
        let a = next() % n64;
        let b = next() % n64;
        if a == b || !seen.insert(a.min(b) * n64 + a.max(b)) {
            continue;
        }
        let (x, y) = if next() & 1 == 0 { (a, b) } else { (b, a) };
        writeln!(out, "{} {}", x + 1, y + 1).expect("write");
    }
    out.flush().expect("write");
}
