//! The connections' workers: a fixed number of threads, each answering one connection at a
//! time, so that a client that is slow to send or to read holds one worker, not the server.
//! Connections wait in a short queue for a free worker; when that is full, the thread that
//! accepts them waits too (and the system holds new ones in its backlog).

use std::net::TcpStream;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};

/// How many connections may wait for a worker.
const QUEUE: usize = 64;

/// Starts `workers` threads that each take a connection from the queue and `answer` it.
/// Returns the queue's sending end; the workers end when it is dropped.
pub(crate) fn start<F>(workers: usize, answer: F) -> std::io::Result<SyncSender<TcpStream>>
where
    F: Fn(TcpStream) + Send + Sync + 'static,
{
    let (sender, receiver) = std::sync::mpsc::sync_channel::<TcpStream>(QUEUE);
    let receiver = Arc::new(Mutex::new(receiver));
    let answer = Arc::new(answer);
    for _ in 0..workers {
        let receiver = Arc::clone(&receiver);
        let answer = Arc::clone(&answer);
        std::thread::Builder::new()
            .name("serve-worker".into())
            .spawn(move || {
                while let Some(stream) = next(&receiver) {
                    answer(stream);
                }
            })?;
    }
    Ok(sender)
}

/// The next connection, waiting for one (`None` once the queue is closed).
fn next(receiver: &Mutex<Receiver<TcpStream>>) -> Option<TcpStream> {
    receiver
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .recv()
        .ok()
}
