//! Temporary directories that killed runs left beside the output.
//!
//! A run stages its outputs in `.<out>.tmp-*` and spills partial results to
//! `.newsgraph-spill-*`, both beside `--out`, and removes them when it ends.
//! A run killed with SIGKILL (or a crash of the machine) cannot, and on a
//! large dump its spill runs are gigabytes. Each such directory therefore
//! gets an owner file ([`claim`]) naming the host and process that made it;
//! the next run or reduce into the same place removes the ones whose
//! process no longer runs ([`remove_stale`]).
//!
//! Refuses to remove anything it cannot prove stale: a directory without an
//! owner file (made by an older version, or by someone else), one made on
//! another host (the disk may be shared), one whose process still runs, or
//! any directory at all where processes cannot be looked up (no `/proc`).

use super::SPILL_PREFIX;
use std::path::{Path, PathBuf};

/// The owner file inside a claimed directory: `host\npid\n`.
const OWNER: &str = "newsgraph-owner";

/// Marks `dir` as this process's. Failing to is not an error: the
/// directory is then only never removed by a later run.
pub fn claim(dir: &Path) {
    if let Some(host) = host_name() {
        let _ = std::fs::write(dir.join(OWNER), format!("{host}\n{}\n", std::process::id()));
    }
}

/// Unmarks `dir` (a staging directory about to become the output): the
/// owner file is the run's bookkeeping, not an output file.
pub fn release(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(OWNER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Removes the stale temporary directories of runs into `out`; returns the
/// ones it removed. Errors (a directory that cannot be read or removed) are
/// skipped: cleaning up is a courtesy, not part of the run.
pub fn remove_stale(out: &Path) -> Vec<PathBuf> {
    let staging_prefix = super::staging_prefix(out);
    let (Some(host), Ok(entries)) = (host_name(), std::fs::read_dir(super::parent_of(out))) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !(file_name.starts_with(SPILL_PREFIX) || file_name.starts_with(&staging_prefix)) {
            continue;
        }
        let path = entry.path();
        if is_stale(&path, &host) && std::fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
    removed
}

/// Claimed on this host by a process that is gone.
fn is_stale(dir: &Path, host: &str) -> bool {
    let Ok(owner) = std::fs::read_to_string(dir.join(OWNER)) else {
        return false;
    };
    let mut lines = owner.lines();
    let (Some(owner_host), Some(pid)) = (lines.next(), lines.next()) else {
        return false;
    };
    let Ok(pid) = pid.trim().parse::<u32>() else {
        return false;
    };
    owner_host == host && pid != std::process::id() && !process_runs(pid)
}

/// Whether process `pid` runs, where `/proc` can tell; `true` (so nothing
/// is removed) where it cannot.
fn process_runs(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}

/// This machine's name, where the system says it.
fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pid of a process that has just exited.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn only_claimed_directories_of_gone_processes_go() {
        if host_name().is_none() {
            return; // no /proc: nothing is ever removed, nothing to test
        }
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("graph");
        let make = |name: &str, owner: Option<String>| {
            let dir = tmp.path().join(name);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("documents-0.run"), b"x").unwrap();
            if let Some(o) = owner {
                std::fs::write(dir.join(OWNER), o).unwrap();
            }
            dir
        };
        let host = host_name().unwrap();
        let dead = dead_pid();
        let gone_spill = make(".newsgraph-spill-a", Some(format!("{host}\n{dead}\n")));
        let gone_staging = make(".graph.tmp-b", Some(format!("{host}\n{dead}\n")));
        let running = make(
            ".newsgraph-spill-c",
            Some(format!("{host}\n{}\n", std::process::id())),
        );
        let elsewhere = make(
            ".newsgraph-spill-d",
            Some(format!("{host}-other\n{dead}\n")),
        );
        let unclaimed = make(".newsgraph-spill-e", None);
        let other_output = make(".other.tmp-f", Some(format!("{host}\n{dead}\n")));
        let resume = make(".graph.resume", Some(format!("{host}\n{dead}\n")));
        let removed = remove_stale(&out);
        assert_eq!(removed, vec![gone_staging.clone(), gone_spill.clone()]);
        assert!(!gone_spill.exists() && !gone_staging.exists());
        for kept in [running, elsewhere, unclaimed, other_output, resume] {
            assert!(kept.exists(), "{kept:?} must stay");
        }
    }

    #[test]
    fn a_claimed_directory_names_this_process() {
        let tmp = tempfile::tempdir().unwrap();
        claim(tmp.path());
        if let Some(host) = host_name() {
            assert!(!is_stale(tmp.path(), &host), "this process runs");
            let owner = std::fs::read_to_string(tmp.path().join(OWNER)).unwrap();
            assert_eq!(owner, format!("{host}\n{}\n", std::process::id()));
        }
    }
}
