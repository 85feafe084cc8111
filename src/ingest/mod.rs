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
mod warc;

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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 16 << 20,
            max_file_bytes: 256 << 20,
            max_record_bytes: 17 << 20,
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
/// a directory reached twice (a symlink loop) is walked once.
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
        walk(input, input, &mut files, &mut seen)?;
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<InputFile>,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> Result<()> {
    let canon = std::fs::canonicalize(dir).map_err(|e| Error::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    if !seen.insert(canon) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::Read {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let ft = entry.file_type().map_err(|e| Error::Read {
            path: path.clone(),
            source: e,
        })?;
        // Symlinks to directories are not followed: that is how dumps loop.
        let is_dir = ft.is_dir();
        let is_file = ft.is_file() || (ft.is_symlink() && path.is_file());
        if is_dir {
            walk(root, &path, out, seen)?;
        } else if is_file {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push(InputFile { rel, path });
        }
    }
    Ok(())
}

/// An input unit as read: a document or a reject, with its place in the input.
#[derive(Debug)]
pub enum Unit {
    Doc(RawDocument),
    Reject(Reject),
}

fn open(path: &Path, comp: Compression) -> std::io::Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path)?;
    Ok(match comp {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file))),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
    })
}

/// Reads `file` and hands each unit to `emit`, in order.
pub fn read_file(file: &InputFile, limits: &Limits, emit: &mut dyn FnMut(Unit)) {
    let (kind, comp) = classify(&file.rel);
    let reject =
        |reason, detail: String| Unit::Reject(Reject::new(file.rel.clone(), reason, detail));
    let reader = match open(&file.path, comp) {
        Ok(r) => r,
        Err(e) => return emit(reject(RejectReason::Unreadable, e.to_string())),
    };
    match kind {
        FileKind::Text | FileKind::Html => {
            let format = if kind == FileKind::Html { InputFormat::Html } else { InputFormat::Text };
            let mut bytes = Vec::new();
            let mut limited = reader.take(limits.max_file_bytes + 1);
            if let Err(e) = limited.read_to_end(&mut bytes) {
                return emit(reject(RejectReason::Unreadable, e.to_string()));
            }
            if bytes.len() as u64 > limits.max_file_bytes {
                return emit(reject(RejectReason::TooLarge, format!("more than {} bytes", limits.max_file_bytes)));
            }
            emit(text_unit(file.rel.clone(), &bytes, format, Metadata::default(), limits));
        }
        FileKind::Jsonl => jsonl::read(&file.rel, BufReader::new(reader), limits, emit),
        FileKind::Warc => warc::read(&file.rel, BufReader::with_capacity(64 << 10, reader), limits, emit),
        FileKind::Unknown => emit(reject(
            RejectReason::UnsupportedFormat,
            "extension is none of .txt .text .md .html .htm .jsonl .ndjson .warc (optionally .gz/.zst)".into(),
        )),
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
    let mut total = 0usize;
    let mut overflow = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let n = chunk.len();
        total += n;
        if !overflow {
            if buf.len() + n > max {
                overflow = true;
                buf.clear();
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
