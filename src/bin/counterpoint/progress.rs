//! Progress on standard error for work that takes long: a spinner with what is being done,
//! shown once the work has taken a second ([`DELAY`]), only when standard error is a terminal
//! (never into a file or a pipe), and cleared when the work is done.
//!
//! `COUNTERPOINT_PROGRESS_DELAY_MS` sets the delay (0: show at once), for the tests that look
//! at the spinner on a pseudo-terminal.

use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before its spinner shows.
const DELAY: Duration = Duration::from_secs(1);

/// A piece of work under way; dropping it ends the work's spinner.
pub(crate) struct Progress {
    /// Tells the waiting thread that the work is done.
    done: Option<mpsc::Sender<()>>,
    /// The thread that waits, then spins.
    waiter: Option<JoinHandle<()>>,
    /// The spinner shown at once (a delay of 0).
    shown: Option<ProgressBar>,
}

/// Starts the work `message` says (`reading 5 files`): its spinner shows if it is still under
/// way after the delay and standard error is a terminal.
pub(crate) fn start(message: impl Into<String>) -> Progress {
    let mut progress = Progress {
        done: None,
        waiter: None,
        shown: None,
    };
    if !std::io::stderr().is_terminal() {
        return progress;
    }
    let message = message.into();
    let delay = std::env::var("COUNTERPOINT_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse::<u64>().ok())
        .map_or(DELAY, Duration::from_millis);
    if delay.is_zero() {
        progress.shown = Some(spinner(message));
        return progress;
    }
    let (done, wait) = mpsc::channel::<()>();
    let waiter = std::thread::Builder::new()
        .name("progress".into())
        .spawn(move || {
            if wait.recv_timeout(delay) != Err(mpsc::RecvTimeoutError::Timeout) {
                return;
            }
            let bar = spinner(message);
            let _ = wait.recv();
            bar.finish_and_clear();
        })
        .ok();
    progress.done = Some(done);
    progress.waiter = waiter;
    progress
}

/// A spinner on standard error saying `message`, ticking by itself.
fn spinner(message: String) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(message);
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.shown.take() {
            bar.finish_and_clear();
        }
        // The thread ends when told, or when the sender is gone.
        drop(self.done.take());
        if let Some(waiter) = self.waiter.take() {
            let _ = waiter.join();
        }
    }
}
