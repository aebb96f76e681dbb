//! Where CPU work runs: on tokio's blocking pool, never on the runtime thread that reads
//! messages and applies edits.
//!
//! A handler takes what it needs on the runtime thread (a document snapshot, the configuration),
//! then awaits its job here; meanwhile the runtime goes on reading the client's messages, so a
//! slow request never holds back the `didChange`s queued behind it. Jobs run in two lanes, each
//! with a few permits: requests, and diagnostics. A lane bounds the threads busy with its work,
//! even when the client cancels requests whose job keeps running (a thread cannot be
//! interrupted; the permit goes back when the job ends), and keeps a burst of requests from
//! delaying diagnostics or the other way round. (The bound also keeps the blocking pool free for
//! tokio's own use of it: writing to stdout when it is not a pipe or a socket.)

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::panic::guarded;

/// Work on a document of at most this many bytes is done where it is asked for, on the runtime
/// thread: it takes about a millisecond at most, while handing it to a worker and back adds a
/// tenth of one to every answer, a large share of a small file's keystroke. Only bigger
/// documents can make work slow enough to hold back the edits behind it.
pub const INLINE_BYTES: usize = 8 * 1024;

/// Requests computed at once; more wait for a turn (and can be cancelled while they wait).
const REQUEST_WORKERS: usize = 4;
/// Diagnostics computed at once. Few, so that in a burst of edits the versions that wait for a
/// turn are already stale when it comes and are skipped without being analysed.
const DIAGNOSTIC_WORKERS: usize = 2;

pub struct Workers {
    requests: Arc<Semaphore>,
    diagnostics: Arc<Semaphore>,
}

impl Default for Workers {
    fn default() -> Workers {
        Workers {
            requests: Arc::new(Semaphore::new(REQUEST_WORKERS)),
            diagnostics: Arc::new(Semaphore::new(DIAGNOSTIC_WORKERS)),
        }
    }
}

/// The right to run one job in a lane.
pub struct Turn(OwnedSemaphorePermit);

impl Workers {
    /// Run `job` in the request lane; `what` names it in errors.
    pub async fn request<T: Send + 'static>(
        &self,
        what: &'static str,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        turn(&self.requests).await.run(what, job).await
    }

    /// Run `job`, which works on `bytes` of document text: inline when that is at most
    /// [`INLINE_BYTES`], otherwise as [`Workers::request`] does.
    pub async fn request_sized<T: Send + 'static>(
        &self,
        what: &'static str,
        bytes: usize,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        if bytes <= INLINE_BYTES {
            return guarded(what, job);
        }
        self.request(what, job).await
    }

    /// Wait for a turn in the diagnostics lane: the caller checks, once it has it, that the
    /// work is still worth doing.
    pub async fn diagnostics_turn(&self) -> Turn {
        turn(&self.diagnostics).await
    }
}

async fn turn(lane: &Arc<Semaphore>) -> Turn {
    // The semaphores are never closed, so acquiring only ever waits.
    let permit = lane.clone().acquire_owned().await;
    Turn(permit.unwrap_or_else(|_| unreachable!("worker lanes are never closed")))
}

impl Turn {
    /// Run `job` on the blocking pool with panics contained (a panic becomes an error message
    /// naming `what`). Dropping the returned future (a cancelled request) does not stop the
    /// job; its turn ends when the job does.
    pub async fn run<T: Send + 'static>(
        self,
        what: &'static str,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let permit = self.0;
        let handle = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            guarded(what, job)
        });
        match handle.await {
            Ok(result) => result,
            // Only when the runtime shuts down (`guarded` caught any panic): answer all the same.
            Err(_) => Err(format!("{what} was interrupted")),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    }

    #[test]
    fn a_panic_in_a_job_becomes_an_error() {
        let workers = Workers::default();
        let result = runtime().block_on(workers.request("hover", || -> u8 { panic!("bug") }));
        let message = result.unwrap_err();
        assert!(message.contains("hover"), "{message}");
        // The permit came back: the lane still serves.
        let again = runtime().block_on(workers.request("hover", || 7));
        assert_eq!(again, Ok(7));
    }

    #[test]
    fn small_work_runs_inline_and_bigger_work_on_a_worker() {
        let runtime = runtime();
        let workers = Workers::default();
        let here = std::thread::current().id();
        let small = runtime.block_on(
            workers.request_sized("hover", INLINE_BYTES, move || std::thread::current().id()),
        );
        assert_eq!(small, Ok(here));
        let big = runtime.block_on(workers.request_sized("hover", INLINE_BYTES + 1, move || {
            std::thread::current().id()
        }));
        assert_ne!(big, Ok(here));
        let panicked =
            runtime.block_on(workers.request_sized("hover", 1, || -> u8 { panic!("bug") }));
        assert!(panicked.unwrap_err().contains("hover"));
    }

    #[test]
    fn the_runtime_thread_is_free_while_a_job_runs() {
        let runtime = runtime();
        let workers = Workers::default();
        let (release, released) = mpsc::channel::<()>();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let answer = runtime.block_on(async {
            let job = workers.request("blocked", move || {
                released.recv_timeout(Duration::from_secs(30)).is_ok()
            });
            // Other work on the runtime thread goes on while the job waits for it.
            let other = async {
                tx.send(()).unwrap();
                rx.recv().await.unwrap();
                release.send(()).unwrap();
            };
            let (answer, ()) = tokio::join!(job, other);
            answer
        });
        assert_eq!(
            answer,
            Ok(true),
            "released by the runtime thread, not timed out"
        );
    }

    #[test]
    fn a_cancelled_request_keeps_its_turn_until_its_job_ends() {
        let runtime = runtime();
        let workers = Workers::default();
        let (started, job_started) = mpsc::channel::<()>();
        let (release, released) = mpsc::channel::<()>();
        runtime.block_on(async {
            let job = workers.request("held", move || {
                started.send(()).unwrap();
                released.recv_timeout(Duration::from_secs(30)).is_ok()
            });
            // Poll the request until its job runs, then drop it as a cancellation does.
            tokio::select! {
                _ = job => panic!("the job cannot finish before it is released"),
                () = async {
                    while job_started.try_recv().is_err() {
                        tokio::task::yield_now().await;
                    }
                } => {}
            }
        });
        assert_eq!(workers.requests.available_permits(), REQUEST_WORKERS - 1);
        release.send(()).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while workers.requests.available_permits() < REQUEST_WORKERS {
            assert!(
                std::time::Instant::now() < deadline,
                "the turn never came back"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
