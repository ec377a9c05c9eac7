//! The live state the server shares between the thread that rebuilds the page and the
//! threads that answer the browser: the last good page, what went wrong since, and a version
//! number that grows with every build, with a way to wait for the next one.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{json, Value};

use super::Problem;

/// One moment of the live state.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    /// Counts the builds, good or not (0 before the first).
    pub(crate) version: u64,
    /// The version of the page below (`None` while no build has succeeded).
    pub(crate) page_version: Option<u64>,
    /// The last good page: the whole HTML report.
    pub(crate) page: Option<Arc<str>>,
    /// Why the last build gave no page (empty when it gave one).
    pub(crate) problems: Arc<[Problem]>,
}

impl Snapshot {
    /// What the page's script is told: `{version, page, problems: [{headline, detail}]}`.
    pub(crate) fn to_json(&self) -> Value {
        let problems: Vec<Value> = self.problems.iter().map(Problem::to_json).collect();
        json!({
            "version": self.version,
            "page": self.page_version,
            "problems": problems,
        })
    }
}

/// The shared state and the signal that it changed.
#[derive(Debug, Default)]
pub(crate) struct Live {
    state: Mutex<Snapshot>,
    changed: Condvar,
}

impl Live {
    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        // A thread that panicked while holding the lock left a whole snapshot behind (every
        // write below replaces fields, never half of one), so the state is still good.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The state now.
    pub(crate) fn now(&self) -> Snapshot {
        self.lock().clone()
    }

    /// Records one build: a new page, or the problems that kept it from being made (the last
    /// good page stays). Wakes every waiter.
    pub(crate) fn publish(&self, built: Result<String, Vec<Problem>>) {
        let mut state = self.lock();
        state.version += 1;
        match built {
            Ok(page) => {
                state.page = Some(page.into());
                state.page_version = Some(state.version);
                state.problems = Arc::new([]);
            }
            Err(problems) => state.problems = problems.into(),
        }
        drop(state);
        self.changed.notify_all();
    }

    /// Waits until the version is past `seen` or `timeout` passed; the state then, if newer.
    pub(crate) fn newer_than(&self, seen: u64, timeout: Duration) -> Option<Snapshot> {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.version <= seen)
            .unwrap_or_else(|e| e.into_inner());
        (state.version > seen).then(|| state.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_keeps_the_last_good_page() {
        let live = Live::default();
        assert!(live.newer_than(0, Duration::from_millis(1)).is_none());
        live.publish(Ok("one".into()));
        live.publish(Err(vec![Problem::message("broken")]));
        let now = live.newer_than(1, Duration::from_millis(1)).expect("newer");
        assert_eq!(now.version, 2);
        assert_eq!(now.page_version, Some(1));
        assert_eq!(now.page.as_deref(), Some("one"));
        assert_eq!(
            now.to_json(),
            json!({"version": 2, "page": 1,
                   "problems": [{"headline": "error: broken", "detail": ""}]})
        );
        live.publish(Ok("two".into()));
        let now = live.now();
        assert_eq!((now.version, now.page_version), (3, Some(3)));
        assert!(now.problems.is_empty());
    }

    #[test]
    fn a_waiter_wakes_when_a_build_is_published() {
        let live = Arc::new(Live::default());
        let waiter = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || live.newer_than(0, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(20));
        live.publish(Ok("page".into()));
        let seen = waiter.join().expect("the waiter ends");
        assert_eq!(seen.map(|s| s.version), Some(1));
    }
}
