//! Early write-back for large output files.
//!
//! The output is synced before it replaces the previous run's, and a
//! gigabyte of input makes several gigabytes of JSON Lines: synced only at
//! the end, the run would sit for seconds waiting for the disk after its
//! last computation. A [`WriteBack`] hands the file to a thread that syncs
//! it each time another [`WriteBack::EVERY`] bytes have been written, so
//! the disk works while the pipeline computes and the final sync finds
//! little left to do. It never blocks the writer: a request made while the
//! previous sync still runs is dropped (the next one covers it).
//!
//! An error of a background sync is kept and returned by
//! [`WriteBack::finish`]: the file shares its open file description with the
//! writer's handle, so the kernel may report a write-back error to only one
//! of the two.

use std::fs::File;
use std::io;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub struct WriteBack {
    written: u64,
    requests: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    error: Arc<Mutex<Option<io::Error>>>,
}

impl WriteBack {
    /// Bytes written between two background syncs. Small enough that a
    /// file of a few tens of megabytes (the mentions of 30 MB of news)
    /// is mostly on disk before its final sync; each sync is one
    /// `fdatasync` on the write-back thread, never on the writer's.
    pub const EVERY: u64 = 16 << 20;

    /// Starts the background thread for `file` (a handle of its own: it
    /// shares the writer's open file, not its buffer).
    pub fn new(file: &File) -> io::Result<WriteBack> {
        let file = file.try_clone()?;
        let (tx, rx) = sync_channel::<()>(1);
        let error = Arc::new(Mutex::new(None));
        let seen = Arc::clone(&error);
        let thread = std::thread::Builder::new()
            .name("newsgraph-writeback".into())
            .spawn(move || {
                for () in rx {
                    if let Err(e) = file.sync_data() {
                        if let Ok(mut slot) = seen.lock() {
                            slot.get_or_insert(e);
                        }
                        return;
                    }
                }
            })?;
        Ok(WriteBack {
            written: 0,
            requests: Some(tx),
            thread: Some(thread),
            error,
        })
    }

    /// Counts `n` bytes handed to the file; true when the writer should
    /// flush its buffer and call [`WriteBack::request`].
    pub fn wrote(&mut self, n: usize) -> bool {
        let before = self.written / Self::EVERY;
        self.written += n as u64;
        self.written / Self::EVERY != before
    }

    /// Asks for a background sync of what the file holds now.
    pub fn request(&self) {
        if let Some(tx) = &self.requests {
            // Full: a sync is pending and will cover these bytes too.
            // Disconnected: the thread stopped on an error, which `finish`
            // reports.
            let _: Result<(), TrySendError<()>> = tx.try_send(());
        }
    }

    /// Stops the thread; the first error a background sync met, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.stop();
        match self.error.lock() {
            Ok(mut slot) => slot.take().map_or(Ok(()), Err),
            Err(_) => Err(io::Error::other("write-back thread failed")),
        }
    }

    fn stop(&mut self) {
        drop(self.requests.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for WriteBack {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn requests_come_every_so_many_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = File::create(dir.path().join("f")).unwrap();
        let mut wb = WriteBack::new(&file).unwrap();
        assert!(!wb.wrote(10));
        assert!(!wb.wrote((WriteBack::EVERY - 11) as usize));
        assert!(wb.wrote(1));
        assert!(!wb.wrote(1));
        file.write_all(b"x").unwrap();
        wb.request();
        wb.request(); // dropped or queued, never blocking
        wb.finish().unwrap();
        assert_eq!(std::fs::read(dir.path().join("f")).unwrap(), b"x");
    }
}
