//! The scaling check: each stage of `benches/stages.rs` (`check`, `export --to json`, `render
//! --format dot`, `status` on the tree, `status` on an ICCMA file) timed at 10,000, 100,000 and
//! 1,000,000 nodes (best of a few runs), and the ratio of each size's time to the time at a tenth
//! of it. 10x the nodes must cost at most 11x the time: the run prints the table and exits with
//! status 1 when a ratio is above [`BOUND`].
//!
//! Run: `cargo bench --bench linear` (a few minutes). `cargo bench --bench linear -- json dot`
//! runs only the stages named; `LINEAR_SIZES="10000 100000"` chooses the sizes (each 10x the one
//! before). Not run by `cargo test`; `cargo test --benches` (which does not pass `--bench`) runs
//! it once at 1,000 and 10,000 nodes to see that it works, and does not judge the ratios.

// A test or benchmark that unwraps fails loudly, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

/// The allocator the `counterpoint` binary runs on, so that the times are the binary's.
#[global_allocator]
static ALLOCATOR: counterpoint::memory::Allocator = counterpoint::memory::Allocator;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The largest ratio allowed between the times at 10x the nodes and at 1x.
const BOUND: f64 = 11.0;

/// The stages, by name.
const STAGES: [&str; 5] = ["check", "json", "dot", "status", "status_af"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let asked: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let stages: Vec<&str> = STAGES
        .into_iter()
        .filter(|s| asked.is_empty() || asked.iter().any(|a| a == s))
        .collect();
    if stages.is_empty() {
        eprintln!("no such stage; the stages are {}", STAGES.join(", "));
        std::process::exit(2);
    }
    let sizes: Vec<usize> = match std::env::var("LINEAR_SIZES") {
        Ok(list) => list
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("LINEAR_SIZES: numbers"))
            .collect(),
        Err(_) if benching => common::SIZES.to_vec(),
        Err(_) => vec![1_000, 10_000],
    };
    // times[stage][size]
    let mut times = vec![Vec::new(); stages.len()];
    for &n in &sizes {
        let tree_stages = stages.iter().any(|&s| s != "status_af");
        let loaded = tree_stages.then(|| {
            let texts = common::tree_texts(n);
            let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
            eprintln!("{n} nodes ({:.2} MB of Argdown)", bytes as f64 / 1e6);
            let (t, loaded) = best_keeping(|| common::check(&texts));
            (t, common::checked(loaded, n))
        });
        for (k, &stage) in stages.iter().enumerate() {
            let t = match (stage, &loaded) {
                ("check", Some((t, _))) => *t,
                ("json", Some((_, l))) => best(|| common::json(l, &mut std::io::sink())),
                ("dot", Some((_, l))) => best(|| common::dot(l, &mut std::io::sink())),
                ("status", Some((_, l))) => best(|| common::grounded(l)),
                _ => {
                    let path = common::af_instance(n);
                    best(|| common::grounded_af(&path))
                }
            };
            eprintln!("  {stage:<10} {}", shown(t));
            times[k].push(t);
        }
    }
    // The table.
    let mut head = format!("{:<10}", "stage");
    for n in &sizes {
        head.push_str(&format!(" {:>10}", nodes(*n)));
    }
    for pair in sizes.windows(2) {
        head.push_str(&format!(
            " {:>10}",
            format!("{}/{}", nodes(pair[1]), nodes(pair[0]))
        ));
    }
    println!("{head}");
    let mut failed = Vec::new();
    for (stage, row) in stages.iter().zip(&times) {
        let mut line = format!("{stage:<10}");
        for t in row {
            line.push_str(&format!(" {:>10}", shown(*t)));
        }
        for (pair, size) in row.windows(2).zip(sizes.windows(2)) {
            let ratio = pair[1].as_secs_f64() / pair[0].as_secs_f64().max(1e-9);
            let scale = size[1] as f64 / size[0] as f64;
            // The bound is 11x for 10x the nodes; other steps get the same slack (10 %).
            let over = ratio > BOUND / 10.0 * scale;
            line.push_str(&format!(" {:>9.1}x{}", ratio, if over { "!" } else { " " }));
            if over {
                failed.push(format!("{stage} {}", nodes(size[1])));
            }
        }
        println!("{}", line.trim_end());
    }
    if !benching {
        println!("(not judged: run with `cargo bench --bench linear`)");
    } else if failed.is_empty() {
        println!("PASS: 10x the nodes costs at most {BOUND}x the time");
    } else {
        println!(
            "FAIL: 10x the nodes costs more than {BOUND}x the time for {}",
            failed.join(", ")
        );
        std::process::exit(1);
    }
}

/// The best time of a few runs of `run`: at least 3 and 1 s in all (at least 2 when a run takes
/// over 5 s), at most 20. What `run` gives is dropped after the clock stops.
fn best<T>(run: impl FnMut() -> T) -> Duration {
    best_keeping(run).0
}

/// [`best`], and what the last run gave.
fn best_keeping<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut count = 0;
    loop {
        let start = Instant::now();
        let out = black_box(run());
        let took = start.elapsed();
        best = best.min(took);
        total += took;
        count += 1;
        let enough = if best > Duration::from_secs(5) { 2 } else { 3 };
        if count >= 20 || (count >= enough && total >= Duration::from_secs(1)) {
            return (best, out);
        }
        drop(out);
    }
}

fn shown(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1e3)
    }
}

fn nodes(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}
