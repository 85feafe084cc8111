//! Ingest: files and dumps → documents or rejects.
//!
//! Takes input paths (files or directories, walked recursively in byte order
//! of their relative paths, symlinked directories not followed); gives every
//! input unit — a text file, one JSONL line — as a [`RawDocument`] or a
//! [`Reject`], each numbered so the order is stable. WARC files give one
//! unit per record (`warc.rs` says which records are documents). Compression (`.gz`,
//! `.zst`) is undone by extension; encodings are detected. Refuses nothing
//! silently: an unreadable file, an unknown extension, a broken JSON line each
//! become a reject with a reason code.

pub mod decode;
pub(crate) mod jsonl;
pub(crate) mod warc;

use crate::document::{InputFormat, Metadata, RawDocument, Reject, RejectReason};
use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Limits that keep one bad input from costing the run.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest document body, in bytes after decompression.
    pub max_doc_bytes: usize,
    /// Largest whole file after decompression (text and HTML files).
    pub max_file_bytes: u64,
    /// Largest WARC record block (HTTP headers and body, as stored); a
    /// larger record is skipped without being read into memory.
    pub max_record_bytes: usize,
    /// Largest ratio of decompressed to compressed bytes a `.gz`/`.zst` file
    /// may reach once past `ratio_floor_bytes`: past it the file is a
    /// decompression bomb, rejected `too_large` as soon as it is seen.
    pub max_ratio: u64,
    /// Decompressed bytes a compressed file may always produce, whatever its
    /// ratio (small, repetitive files compress very well).
    pub ratio_floor_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 16 << 20,
            max_file_bytes: 256 << 20,
            max_record_bytes: 17 << 20,
            max_ratio: 100,
            ratio_floor_bytes: 16 << 20,
        }
    }
}

/// One file to read, with the name it goes by in `source`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// Path relative to its input root (the file name when the input was a file).
    pub rel: String,
    pub path: PathBuf,
}

/// What kind of file this is, by extension, under any compression suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Html,
    Jsonl,
    Warc,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The kind of file `name` is read as, by its extension.
pub fn file_kind(name: &str) -> FileKind {
    classify(name).0
}

fn classify(name: &str) -> (FileKind, Compression) {
    let lower = name.to_ascii_lowercase();
    let (stem, comp) = if let Some(s) = lower.strip_suffix(".gz") {
        (s.to_string(), Compression::Gzip)
    } else if let Some(s) = lower.strip_suffix(".zst") {
        (s.to_string(), Compression::Zstd)
    } else {
        (lower, Compression::None)
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let kind = match ext {
        "txt" | "text" | "md" => FileKind::Text,
        "html" | "htm" => FileKind::Html,
        "jsonl" | "ndjson" => FileKind::Jsonl,
        "warc" => FileKind::Warc,
        _ => FileKind::Unknown,
    };
    (kind, comp)
}

/// Lists the files under `inputs`, sorted by relative path within each
/// input (inputs keep the order given). Hidden files (`.name`) are skipped;
/// symlinked directories are not followed (they are listed, and
/// [`read_file`] turns them into `skipped_symlink` rejects), so a symlink
/// loop costs nothing; a directory reached twice otherwise (a bind mount) is
/// walked once. A subdirectory that cannot be listed and a dangling symlink
/// are listed too, and become `unreadable` rejects. Sockets, FIFOs and
/// devices are skipped: opening a FIFO would block the run.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| Error::InputNotFound(input.clone()))?;
        if meta.is_file() {
            let rel = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push(InputFile {
                rel,
                path: input.clone(),
            });
            continue;
        }
        let mut files = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // The input itself must be listable: that failure is the run's.
        std::fs::read_dir(input).map_err(|e| Error::Read {
            path: input.clone(),
            source: e,
        })?;
        walk(input, input, &mut files, &mut seen);
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

fn rel_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `dir` with an explicit stack (depth costs no call stack). Entries
/// that cannot be read are listed for [`read_file`] to reject, never dropped.
fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<InputFile>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let listed = std::fs::canonicalize(&dir).and_then(|canon| {
            if !seen.insert(canon) {
                return Ok(None);
            }
            std::fs::read_dir(&dir)?
                .map(|entry| {
                    let entry = entry?;
                    let ft = entry.file_type()?;
                    Ok((entry.file_name(), entry.path(), ft))
                })
                .collect::<std::io::Result<Vec<_>>>()
                .map(Some)
        });
        let entries = match listed {
            Ok(Some(entries)) => entries,
            Ok(None) => continue,
            Err(_) => {
                // Listed as a unit: read_file says why it is unreadable.
                out.push(InputFile {
                    rel: rel_name(root, &dir),
                    path: dir,
                });
                continue;
            }
        };
        for (name, path, ft) in entries {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if ft.is_dir() {
                stack.push(path);
            } else if ft.is_file() || ft.is_symlink() {
                // Symlinks are listed whatever they point to: a file is read,
                // a directory or a dangling link becomes a reject.
                if ft.is_symlink() {
                    match std::fs::metadata(&path) {
                        Ok(m) if !m.is_file() && !m.is_dir() => continue,
                        _ => {}
                    }
                }
                out.push(InputFile {
                    rel: rel_name(root, &path),
                    path,
                });
            }
        }
    }
}

/// Why `path`, listed by [`discover`], is not a regular file to read, if so.
fn not_a_file(path: &Path) -> Option<(RejectReason, String)> {
    let lmeta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return Some((RejectReason::Unreadable, e.to_string())),
    };
    if lmeta.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            Err(e) => Some((
                RejectReason::Unreadable,
                format!("dangling symbolic link: {e}"),
            )),
            Ok(m) if m.is_dir() => {
                let looped = match (
                    std::fs::canonicalize(path),
                    path.parent().map(std::fs::canonicalize),
                ) {
                    (Ok(target), Some(Ok(parent))) => parent.starts_with(&target),
                    _ => false,
                };
                let why = if looped {
                    "symbolic link to a directory is not followed (it loops back to an ancestor)"
                } else {
                    "symbolic link to a directory is not followed"
                };
                Some((RejectReason::SkippedSymlink, why.into()))
            }
            Ok(m) if !m.is_file() => {
                Some((RejectReason::UnsupportedFormat, "not a regular file".into()))
            }
            Ok(_) => None,
        };
    }
    if lmeta.is_dir() {
        let why = match std::fs::read_dir(path) {
            Err(e) => format!("directory cannot be listed: {e}"),
            Ok(_) => "directory could not be listed".into(),
        };
        return Some((RejectReason::Unreadable, why));
    }
    if !lmeta.is_file() {
        return Some((RejectReason::UnsupportedFormat, "not a regular file".into()));
    }
    None
}

/// An input unit as read: a document or a reject, with its place in the input.
#[derive(Debug)]
pub enum Unit {
    Doc(RawDocument),
    Reject(Reject),
}

/// The error a guarded decompressor returns for a decompression bomb.
#[derive(Debug)]
struct RatioExceeded {
    decompressed: u64,
    compressed: u64,
    max_ratio: u64,
}

impl std::fmt::Display for RatioExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "decompression bomb: {} bytes from {} compressed (ratio over {}); stopped there",
            self.decompressed, self.compressed, self.max_ratio
        )
    }
}

impl std::error::Error for RatioExceeded {}

/// How a read error becomes a reject: a bomb is `too_large`, the rest
/// (truncated or corrupt streams, I/O errors) `unreadable`.
pub(crate) fn io_reject(e: &std::io::Error) -> (RejectReason, String) {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<RatioExceeded>())
    {
        Some(bomb) => (RejectReason::TooLarge, bomb.to_string()),
        None => (RejectReason::Unreadable, e.to_string()),
    }
}

/// Counts the compressed bytes a decompressor has pulled.
struct CountingReader<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// A decompressor that fails with [`RatioExceeded`] as soon as its output
/// passes both the floor and `max_ratio` × the compressed bytes read so far:
/// a bomb costs at most that much work and no more memory than its reader
/// keeps.
struct RatioGuard<R> {
    inner: R,
    compressed: std::sync::Arc<std::sync::atomic::AtomicU64>,
    decompressed: u64,
    max_ratio: u64,
    floor: u64,
}

impl<R: Read> Read for RatioGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Small steps, so a bomb is caught within 64 KiB of the limit.
        let step = buf.len().min(64 << 10);
        let n = self.inner.read(&mut buf[..step])?;
        self.decompressed = self.decompressed.saturating_add(n as u64);
        if self.decompressed > self.floor {
            let compressed = self
                .compressed
                .load(std::sync::atomic::Ordering::Relaxed)
                .max(1);
            if self.decompressed > compressed.saturating_mul(self.max_ratio) {
                return Err(std::io::Error::other(RatioExceeded {
                    decompressed: self.decompressed,
                    compressed,
                    max_ratio: self.max_ratio,
                }));
            }
        }
        Ok(n)
    }
}

fn open(path: &Path, comp: Compression, limits: &Limits) -> std::io::Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path)?;
    decompress(file, comp, limits)
}

/// Undoes `comp` over `raw`, under the ratio limit.
fn decompress<R: Read + Send + 'static>(
    raw: R,
    comp: Compression,
    limits: &Limits,
) -> std::io::Result<Box<dyn Read + Send>> {
    if comp == Compression::None {
        return Ok(Box::new(raw));
    }
    let count = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = CountingReader {
        inner: raw,
        count: count.clone(),
    };
    let inner: Box<dyn Read + Send> = match comp {
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(counted))),
        _ => Box::new(zstd::stream::read::Decoder::new(counted)?),
    };
    Ok(Box::new(RatioGuard {
        inner,
        compressed: count,
        decompressed: 0,
        max_ratio: limits.max_ratio.max(1),
        floor: limits.ratio_floor_bytes,
    }))
}

/// Reads a `.gz` (`zstd == false`) or `.zst` stream to its end under
/// `limits` (ratio and `max_file_bytes`), for fuzzing the decompressors.
#[doc(hidden)]
pub fn decompress_bounded(
    data: &[u8],
    zstd: bool,
    limits: &Limits,
) -> Result<Vec<u8>, (RejectReason, String)> {
    let comp = if zstd {
        Compression::Zstd
    } else {
        Compression::Gzip
    };
    let reader =
        decompress(std::io::Cursor::new(data.to_vec()), comp, limits).map_err(|e| io_reject(&e))?;
    read_whole(reader, limits)
}

/// Reads a whole-file unit, at most `max_file_bytes` of it.
fn read_whole(
    reader: Box<dyn Read + Send>,
    limits: &Limits,
) -> Result<Vec<u8>, (RejectReason, String)> {
    let mut bytes = Vec::new();
    let mut limited = reader.take(limits.max_file_bytes.saturating_add(1));
    if let Err(e) = limited.read_to_end(&mut bytes) {
        return Err(io_reject(&e));
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err((
            RejectReason::TooLarge,
            format!("more than {} bytes", limits.max_file_bytes),
        ));
    }
    Ok(bytes)
}

/// Groups units (or documents) into batches for a channel to worker
/// threads: at most [`Batcher::UNITS`] items or [`Batcher::BYTES`] bytes of
/// text each. Handing articles over one by one cost about 8 % of a
/// one-thread run in futex wake-ups and context switches; a batch of news
/// is a few milliseconds of work, small enough to keep workers evenly
/// loaded.
pub struct Batcher<T> {
    batch: Vec<T>,
    bytes: usize,
}

impl<T> Default for Batcher<T> {
    fn default() -> Self {
        Batcher {
            batch: Vec::with_capacity(Self::UNITS),
            bytes: 0,
        }
    }
}

impl<T> Batcher<T> {
    pub const UNITS: usize = 64;
    pub const BYTES: usize = 1 << 20;

    /// Adds `item` of `bytes` bytes; gives the batch when it is full.
    pub fn push(&mut self, item: T, bytes: usize) -> Option<Vec<T>> {
        self.batch.push(item);
        self.bytes += bytes;
        (self.batch.len() >= Self::UNITS || self.bytes >= Self::BYTES).then(|| self.take())
    }

    /// The items not yet given, if any.
    pub fn finish(&mut self) -> Option<Vec<T>> {
        (!self.batch.is_empty()).then(|| self.take())
    }

    fn take(&mut self) -> Vec<T> {
        self.bytes = 0;
        std::mem::replace(&mut self.batch, Vec::with_capacity(Self::UNITS))
    }
}

/// The bytes of text a unit carries, for [`Batcher`].
pub fn unit_bytes(unit: &Unit) -> usize {
    match unit {
        Unit::Doc(d) => d.text.len(),
        Unit::Reject(_) => 0,
    }
}

/// Reads `file` and hands each unit to `emit`, in order.
pub fn read_file(file: &InputFile, limits: &Limits, emit: &mut dyn FnMut(Unit)) {
    let (kind, comp) = classify(&file.rel);
    let reject =
        |reason, detail: String| Unit::Reject(Reject::new(file.rel.clone(), reason, detail));
    if let Some((reason, detail)) = not_a_file(&file.path) {
        return emit(reject(reason, detail));
    }
    let reader = match open(&file.path, comp, limits) {
        Ok(r) => r,
        Err(e) => {
            let (reason, detail) = io_reject(&e);
            return emit(reject(reason, detail));
        }
    };
    match kind {
        FileKind::Text | FileKind::Html => {
            let format = if kind == FileKind::Html { InputFormat::Html } else { InputFormat::Text };
            let bytes = match read_whole(reader, limits) {
                Ok(b) => b,
                Err((reason, detail)) => return emit(reject(reason, detail)),
            };
            emit(text_unit(file.rel.clone(), &bytes, format, Metadata::default(), limits));
        }
        FileKind::Jsonl => jsonl::read(&file.rel, BufReader::with_capacity(64 << 10, reader), limits, emit),
        FileKind::Warc => warc::read(&file.rel, BufReader::with_capacity(64 << 10, reader), limits, emit),
        FileKind::Unknown => emit(reject(
            RejectReason::UnsupportedFormat,
            "extension is none of .txt .text .md .html .htm .jsonl .ndjson .warc (optionally .gz/.zst)".into(),
        )),
    }
}

/// Reads JSON Lines `file` as [`jsonl::LineChunk`]s of whole lines, in
/// order, for [`jsonl::chunk_units`] to parse on other threads. Gives
/// nothing for a file that cannot be opened, and stops at a read error:
/// the units that [`read_file`] would make of those (rejects) are not
/// wanted by its one caller, the site-wide count, which skips rejects.
pub(crate) fn read_jsonl_chunks(
    file: &InputFile,
    limits: &Limits,
    emit: &mut dyn FnMut(jsonl::LineChunk),
) {
    let (_, comp) = classify(&file.rel);
    if not_a_file(&file.path).is_some() {
        return;
    }
    if let Ok(reader) = open(&file.path, comp, limits) {
        jsonl::read_chunks(BufReader::with_capacity(64 << 10, reader), limits, emit);
    }
}

/// Checks and decodes one document body.
pub(crate) fn text_unit(
    source: String,
    bytes: &[u8],
    format: InputFormat,
    meta: Metadata,
    limits: &Limits,
) -> Unit {
    if bytes.len() > limits.max_doc_bytes {
        return Unit::Reject(Reject::new(
            source,
            RejectReason::TooLarge,
            format!("{} bytes, limit {}", bytes.len(), limits.max_doc_bytes),
        ));
    }
    let decoded = match format {
        InputFormat::Html => decode::decode_html(bytes, None),
        InputFormat::Text => decode::decode(bytes),
    };
    decoded_unit(source, decoded, format, meta)
}

/// [`text_unit`] of a body that is already a string (a JSON Lines field):
/// plain text is not decoded or copied again.
pub(crate) fn string_unit(
    source: String,
    text: String,
    format: InputFormat,
    meta: Metadata,
    limits: &Limits,
) -> Unit {
    if format != InputFormat::Text || text.len() > limits.max_doc_bytes {
        return text_unit(source, text.as_bytes(), format, meta, limits);
    }
    decoded_unit(source, decode::decode_string(text), format, meta)
}

/// The unit of a decoded body: a document, or the reject of why not.
fn decoded_unit(
    source: String,
    decoded: Result<String, (RejectReason, String)>,
    format: InputFormat,
    meta: Metadata,
) -> Unit {
    match decoded {
        Err((reason, detail)) => Unit::Reject(Reject::new(source, reason, detail)),
        Ok(text) if text.trim().is_empty() => {
            Unit::Reject(Reject::new(source, RejectReason::Empty, "no text"))
        }
        Ok(text) => Unit::Doc(RawDocument {
            source,
            format,
            text,
            meta,
        }),
    }
}

/// Reads lines of at most `max` bytes; a longer line is consumed and
/// reported as `Err(len)` without being held in memory.
pub(crate) fn read_bounded_line<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<Result<(), usize>>> {
    buf.clear();
    append_bounded_line(r, buf, max)
}

/// [`read_bounded_line`] appending the line to what `buf` holds; a line
/// too long, or cut short by an error, leaves `buf` as it was.
pub(crate) fn append_bounded_line<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<Result<(), usize>>> {
    let start = buf.len();
    let cut = |buf: &mut Vec<u8>, e| {
        buf.truncate(start);
        Err(e)
    };
    let mut total = 0usize;
    let mut overflow = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return cut(buf, e),
        };
        if available.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let n = chunk.len();
        total += n;
        if !overflow {
            if buf.len() - start + n > max {
                overflow = true;
                buf.truncate(start);
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        r.consume(n);
        if done {
            break;
        }
    }
    Ok(Some(if overflow { Err(total) } else { Ok(()) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_keep_every_item_in_order_within_their_bounds() {
        let mut b = Batcher::default();
        let mut out: Vec<Vec<usize>> = Vec::new();
        // Small items fill batches by count, one huge item by bytes.
        for i in 0..200 {
            let bytes = if i == 100 {
                Batcher::<usize>::BYTES
            } else {
                10
            };
            out.extend(b.push(i, bytes));
        }
        out.extend(b.finish());
        assert!(b.finish().is_none());
        assert!(out
            .iter()
            .all(|batch| !batch.is_empty() && batch.len() <= Batcher::<usize>::UNITS));
        assert!(out.iter().any(|batch| batch.last() == Some(&100)));
        assert_eq!(out.concat(), (0..200).collect::<Vec<_>>());
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(classify("a/b.txt.gz"), (FileKind::Text, Compression::Gzip));
        assert_eq!(classify("x.JSONL"), (FileKind::Jsonl, Compression::None));
        assert_eq!(
            classify("x.ndjson.zst"),
            (FileKind::Jsonl, Compression::Zstd)
        );
        assert_eq!(classify("page.htm"), (FileKind::Html, Compression::None));
        assert_eq!(classify("README"), (FileKind::Unknown, Compression::None));
        assert_eq!(
            classify("CC-NEWS-2026.warc.gz"),
            (FileKind::Warc, Compression::Gzip)
        );
    }

    #[test]
    fn bounded_lines() {
        let data = b"short\nthis line is far too long\nok";
        let mut r = std::io::Cursor::new(&data[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 10).unwrap(),
            Some(Ok(()))
        );
        assert_eq!(buf, b"short\n");
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 10).unwrap(),
            Some(Err(26))
        );
        assert_eq!(
            read_bounded_line(&mut r, &mut buf, 10).unwrap(),
            Some(Ok(()))
        );
        assert_eq!(buf, b"ok");
        assert_eq!(read_bounded_line(&mut r, &mut buf, 10).unwrap(), None);
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn small() -> Limits {
        Limits {
            max_doc_bytes: 1 << 20,
            max_file_bytes: 8 << 20,
            max_ratio: 20,
            ratio_floor_bytes: 1 << 20,
            ..Limits::default()
        }
    }

    #[test]
    fn a_bomb_is_too_large_and_stops_early() {
        let zeros = vec![0u8; 4 << 20];
        for zstd in [false, true] {
            let z = if zstd {
                zstd::bulk::compress(&zeros, 3).unwrap()
            } else {
                gz(&zeros)
            };
            let (reason, detail) = decompress_bounded(&z, zstd, &small()).unwrap_err();
            assert_eq!(reason, RejectReason::TooLarge, "{detail}");
            assert!(detail.starts_with("decompression bomb:"), "{detail}");
            // Stopped just past the floor, not at the end.
            let produced: u64 = detail.split_whitespace().nth(2).unwrap().parse().unwrap();
            assert!(produced <= (1 << 20) + (64 << 10), "{detail}");
        }
    }

    #[test]
    fn high_ratios_under_the_floor_and_modest_ones_over_it_pass() {
        let zeros = vec![0u8; 512 << 10];
        assert_eq!(
            decompress_bounded(&gz(&zeros), false, &small())
                .unwrap()
                .len(),
            zeros.len()
        );
        let mut x = 88172645463325252u64;
        let noisy: Vec<u8> = (0..3 << 20)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        assert_eq!(
            decompress_bounded(&gz(&noisy), false, &small())
                .unwrap()
                .len(),
            noisy.len()
        );
        let limits = Limits {
            max_file_bytes: 1 << 20,
            ..small()
        };
        let (reason, detail) = decompress_bounded(&gz(&noisy), false, &limits).unwrap_err();
        assert_eq!(
            (reason, detail.as_str()),
            (RejectReason::TooLarge, "more than 1048576 bytes")
        );
    }

    #[test]
    fn a_truncated_stream_gives_what_it_has_then_unreadable() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"{\"text\":\"first line\"}\n{\"text\":\"second\"}\n")
            .unwrap();
        e.flush().unwrap();
        let whole_lines = e.get_ref().len();
        e.write_all(b"{\"text\":\"third line, cut short by the end of the file\"}\n")
            .unwrap();
        let z = e.finish().unwrap();
        let cut = z[..whole_lines + 4].to_vec();
        let reader = decompress(
            std::io::Cursor::new(cut),
            Compression::Gzip,
            &Limits::default(),
        )
        .unwrap();
        let mut units = Vec::new();
        jsonl::read(
            "t.jsonl.gz",
            BufReader::new(reader),
            &Limits::default(),
            &mut |u| units.push(u),
        );
        assert_eq!(units.len(), 3, "{units:?}");
        assert!(matches!(&units[0], Unit::Doc(d) if d.text == "first line"));
        assert!(matches!(&units[1], Unit::Doc(d) if d.text == "second"));
        assert!(
            matches!(&units[2], Unit::Reject(r) if r.reason == RejectReason::Unreadable && r.source == "t.jsonl.gz#3")
        );
    }

    #[test]
    fn symlinked_directories_are_rejects_not_loops() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/x.txt"), "Some text here.").unwrap();
        std::os::unix::fs::symlink("..", root.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(root.join("a/b"), root.join("side")).unwrap();
        std::os::unix::fs::symlink("missing.txt", root.join("gone.txt")).unwrap();
        let files = discover(&[root.to_path_buf()]).unwrap();
        let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a/b/up", "a/b/x.txt", "gone.txt", "side"]);
        let mut got = Vec::new();
        for f in &files {
            read_file(f, &Limits::default(), &mut |u| {
                got.push(match u {
                    Unit::Doc(d) => format!("{} doc", d.source),
                    Unit::Reject(r) => format!("{} {} {}", r.source, r.reason.code(), r.detail),
                })
            });
        }
        assert_eq!(
            got,
            [
                "a/b/up skipped_symlink symbolic link to a directory is not followed (it loops back to an ancestor)",
                "a/b/x.txt doc",
                "gone.txt unreadable dangling symbolic link: No such file or directory (os error 2)",
                "side skipped_symlink symbolic link to a directory is not followed",
            ]
        );
    }
}
