//! WARC files (ISO 28500, WARC/1.0 and 1.1): web crawls such as CC-NEWS.
//!
//! Takes a WARC stream, already decompressed (`.warc.gz` as Common Crawl
//! ships it is one gzip member per record, which `MultiGzDecoder` reads as
//! one stream; `.warc.zst` likewise); gives one unit per record that is a
//! page or should have been one. Records are read one at a time, driven by
//! their `Content-Length`, so memory is bounded by [`Limits::max_record_bytes`]
//! whatever the file size.
//!
//! The rules:
//! - **Source** is `<file>#<n>`, `n` the record's position in the file,
//!   1-based, counting every record (warcinfo and request records too), so
//!   `#3` is the third `WARC/1.x` header block of the file whatever its type.
//!   The `WARC-Record-ID` is kept as the document's metadata `id`.
//! - **`response` records** whose HTTP payload is HTML become documents:
//!   `Content-Type: text/html` or `application/xhtml+xml`, or no usable type
//!   and a body that looks like HTML. Metadata: `url` from
//!   `WARC-Target-URI`, `crawled` from `WARC-Date` (the crawl date).
//!   Non-2xx responses, and other content types (images, PDF, JSON, ...)
//!   are rejected as `unsupported_format` with the status or type in the
//!   detail.
//! - **`warcinfo`, `request` and `metadata` records** describe the crawl,
//!   not documents: they are skipped without a reject (but still counted in
//!   the record numbers).
//! - **Other record types** (`resource`, `revisit`, `conversion`,
//!   `continuation`, unknown ones) are rejected as `unsupported_format`.
//! - A record larger than `max_record_bytes` is skipped unread and
//!   rejected as `too_large`; a record cut off by the end of the file, or a
//!   header block that is not WARC, is a `parse_error`. After a header block
//!   that is not WARC, the reader looks for the next `WARC/` line and goes
//!   on from there (one reject per run of garbage).
//! - **Charset**: the HTTP `Content-Type` `charset=`, else a `<meta
//!   charset>` in the page, else detection (see [`super::decode::decode_html`]).
//!   HTTP `Content-Encoding` gzip/deflate and `Transfer-Encoding: chunked`
//!   are undone (Common Crawl stores bodies already decoded and renames the
//!   headers, so they are rare in practice).

use super::{decode, read_bounded_line, Limits, Unit};
use crate::document::{InputFormat, Metadata, RawDocument, Reject, RejectReason};
use std::io::{BufRead, Read};

/// Longest header line, WARC or HTTP.
const MAX_HEADER_LINE: usize = 64 << 10;
/// Most header lines in one WARC header block.
const MAX_HEADER_LINES: usize = 1000;
/// Largest HTTP header block inside a payload.
const MAX_HTTP_HEADER: usize = 256 << 10;

/// A WARC header block: names lower-cased, values trimmed, in order.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

enum HeaderBlock {
    /// End of input before any record.
    Eof,
    /// A WARC header block.
    Record(Headers),
    /// Not WARC: the detail.
    Garbage(String),
    /// The input ended inside the header block.
    Truncated,
}

/// Reads the next header block, skipping the blank lines between records.
fn read_header_block<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> std::io::Result<HeaderBlock> {
    // The version line, after any blank lines.
    loop {
        match read_bounded_line(r, buf, MAX_HEADER_LINE)? {
            None => return Ok(HeaderBlock::Eof),
            Some(Err(n)) => {
                return Ok(HeaderBlock::Garbage(format!(
                    "a {n}-byte line where a WARC version line should be"
                )))
            }
            Some(Ok(())) => {}
        }
        let line = trim_eol(buf);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !line.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
            return Ok(HeaderBlock::Garbage(format!(
                "expected a WARC version line, found {shown:?}"
            )));
        }
        break;
    }
    let mut headers = Headers::default();
    for _ in 0..MAX_HEADER_LINES {
        match read_bounded_line(r, buf, MAX_HEADER_LINE)? {
            None => return Ok(HeaderBlock::Truncated),
            Some(Err(n)) => {
                return Ok(HeaderBlock::Garbage(format!("a {n}-byte WARC header line")))
            }
            Some(Ok(())) => {}
        }
        if !buf.ends_with(b"\n") {
            return Ok(HeaderBlock::Truncated);
        }
        let line = trim_eol(buf);
        if line.is_empty() {
            return Ok(HeaderBlock::Record(headers));
        }
        let line = String::from_utf8_lossy(line);
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous header.
            if let Some(last) = headers.0.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) => headers
                .0
                .push((name.trim().to_ascii_lowercase(), value.trim().to_string())),
            None => {
                return Ok(HeaderBlock::Garbage(format!(
                    "WARC header line without a colon: {:?}",
                    line.chars().take(40).collect::<String>()
                )))
            }
        }
    }
    Ok(HeaderBlock::Garbage(format!(
        "more than {MAX_HEADER_LINES} WARC header lines"
    )))
}

fn trim_eol(buf: &[u8]) -> &[u8] {
    let mut end = buf.len();
    while end > 0 && matches!(buf[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &buf[..end]
}

/// Skips input lines until one that starts a WARC record; leaves that line
/// unread. False at end of input.
fn resync<R: BufRead>(r: &mut R) -> std::io::Result<bool> {
    let mut at_line_start = true;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(false);
        }
        if at_line_start {
            if available.len() < 5 && !available.contains(&b'\n') {
                // Too little buffered to tell; a version line this close to
                // the end of input would be truncated anyway.
                let n = available.len();
                r.consume(n);
                continue;
            }
            if available.starts_with(b"WARC/") {
                return Ok(true);
            }
        }
        let (n, newline) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        r.consume(n);
        at_line_start = newline;
    }
}

/// Skips `n` bytes; false when the input ends first.
fn skip<R: Read>(r: &mut R, n: u64) -> std::io::Result<bool> {
    let copied = std::io::copy(&mut r.take(n), &mut std::io::sink())?;
    Ok(copied == n)
}

pub(crate) fn read<R: BufRead>(
    rel: &str,
    mut reader: R,
    limits: &Limits,
    emit: &mut dyn FnMut(Unit),
) {
    let mut buf = Vec::new();
    let mut record = 0usize;
    let reject = |record: usize, reason, detail: String| {
        Unit::Reject(Reject::new(format!("{rel}#{record}"), reason, detail))
    };
    loop {
        let block = match read_header_block(&mut reader, &mut buf) {
            Ok(b) => b,
            Err(e) => return emit(reject(record + 1, RejectReason::Unreadable, e.to_string())),
        };
        record += 1;
        let headers = match block {
            HeaderBlock::Eof => return,
            HeaderBlock::Truncated => {
                return emit(reject(
                    record,
                    RejectReason::ParseError,
                    "truncated: the input ends inside a WARC header block".into(),
                ))
            }
            HeaderBlock::Garbage(detail) => {
                emit(reject(record, RejectReason::ParseError, detail));
                match resync(&mut reader) {
                    Ok(true) => continue,
                    Ok(false) => return,
                    Err(e) => {
                        return emit(reject(record + 1, RejectReason::Unreadable, e.to_string()))
                    }
                }
            }
            HeaderBlock::Record(h) => h,
        };
        let Some(len) = headers
            .get("content-length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            emit(reject(
                record,
                RejectReason::ParseError,
                "WARC record without a valid Content-Length".into(),
            ));
            match resync(&mut reader) {
                Ok(true) => continue,
                _ => return,
            }
        };
        let kind = headers.get("warc-type").unwrap_or("").to_ascii_lowercase();
        let wanted = kind == "response";
        let silent = matches!(kind.as_str(), "warcinfo" | "request" | "metadata");
        if !wanted || len > limits.max_record_bytes as u64 {
            match skip(&mut reader, len) {
                Ok(true) => {}
                Ok(false) => {
                    return emit(reject(
                        record,
                        RejectReason::ParseError,
                        format!("truncated: the input ends inside a record of {len} bytes"),
                    ))
                }
                Err(e) => return emit(reject(record, RejectReason::Unreadable, e.to_string())),
            }
            if silent {
                continue;
            }
            if !wanted {
                let shown = if kind.is_empty() { "untyped" } else { &kind };
                emit(reject(
                    record,
                    RejectReason::UnsupportedFormat,
                    format!("WARC {shown} record: only response records are documents"),
                ));
            } else {
                emit(reject(
                    record,
                    RejectReason::TooLarge,
                    format!("record of {len} bytes, limit {}", limits.max_record_bytes),
                ));
            }
            continue;
        }
        let mut payload = Vec::with_capacity(len as usize);
        match (&mut reader).take(len).read_to_end(&mut payload) {
            Ok(n) if n as u64 == len => {}
            Ok(n) => {
                return emit(reject(
                    record,
                    RejectReason::ParseError,
                    format!("truncated: record cut off after {n} of {len} bytes"),
                ))
            }
            Err(e) => return emit(reject(record, RejectReason::Unreadable, e.to_string())),
        }
        let meta = Metadata {
            id: headers.get("warc-record-id").map(String::from),
            title: None,
            published: None,
            crawled: headers.get("warc-date").map(String::from),
            url: headers
                .get("warc-target-uri")
                .map(|u| u.trim_matches(['<', '>']).to_string())
                .filter(|u| !u.is_empty()),
        };
        emit(response_unit(
            format!("{rel}#{record}"),
            &payload,
            meta,
            limits,
        ));
    }
}

/// The parsed head of an HTTP response.
#[derive(Debug, Default)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
}

/// Splits an HTTP response into its head and body.
fn parse_http(payload: &[u8]) -> Result<(HttpHead, &[u8]), String> {
    let window = &payload[..payload.len().min(MAX_HTTP_HEADER)];
    let (head_len, body_start) = match find(window, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(window, b"\n\n") {
            Some(i) => (i, i + 2),
            None if payload.len() <= MAX_HTTP_HEADER => {
                // Headers only, no body.
                (payload.len(), payload.len())
            }
            None => return Err(format!("no end of HTTP headers in {MAX_HTTP_HEADER} bytes")),
        },
    };
    let head = String::from_utf8_lossy(&payload[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!(
            "payload is not an HTTP response: {:?}",
            status_line.chars().take(40).collect::<String>()
        ));
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let mut out = HttpHead {
        status,
        ..HttpHead::default()
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => out.content_type = Some(value.to_string()),
            "content-encoding" => out.content_encoding = Some(value.to_ascii_lowercase()),
            "transfer-encoding" => out.chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    Ok((out, &payload[body_start..]))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undoes chunked transfer coding; `None` when the chunks are malformed.
fn dechunk(mut body: &[u8], max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = find(body, b"\n")?;
        let size_field = std::str::from_utf8(&body[..eol]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if size > body.len() || out.len() + size > max {
            return None;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// Decompresses an HTTP `Content-Encoding`, at most `max` bytes out.
fn content_decode(
    body: &[u8],
    coding: &str,
    max: usize,
) -> Result<Vec<u8>, (RejectReason, String)> {
    let mut out = Vec::new();
    let res = match coding {
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body)
            .take(max as u64 + 1)
            .read_to_end(&mut out),
        "deflate" => flate2::read::ZlibDecoder::new(body)
            .take(max as u64 + 1)
            .read_to_end(&mut out),
        other => {
            return Err((
                RejectReason::UnsupportedFormat,
                format!("HTTP Content-Encoding {other} is not read"),
            ))
        }
    };
    match res {
        Err(e) => Err((RejectReason::ParseError, format!("bad {coding} body: {e}"))),
        Ok(_) if out.len() > max => Err((
            RejectReason::TooLarge,
            format!("more than {max} bytes after {coding} decoding"),
        )),
        Ok(_) => Ok(out),
    }
}

/// Is this media type an HTML page? `None`: the type says nothing (absent,
/// or a generic binary/text type servers send for anything).
fn is_html_type(media: &str) -> Option<bool> {
    match media {
        "text/html" | "application/xhtml+xml" | "application/xhtml" => Some(true),
        "" | "application/octet-stream" | "text/plain" | "unknown/unknown" => None,
        _ => Some(false),
    }
}

/// Does the body look like HTML? A markup opening near the start.
fn sniff_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<title",
        b"<meta",
    ]
    .iter()
    .any(|tag| find(&lower, tag).is_some())
}

/// The value of `charset=` in a Content-Type header.
pub(super) fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

fn response_unit(source: String, payload: &[u8], meta: Metadata, limits: &Limits) -> Unit {
    let reject = |reason, detail: String| Unit::Reject(Reject::new(source.clone(), reason, detail));
    let (head, body) = match parse_http(payload) {
        Ok(x) => x,
        Err(detail) => return reject(RejectReason::ParseError, detail),
    };
    if !(200..300).contains(&head.status) {
        return reject(
            RejectReason::UnsupportedFormat,
            format!("HTTP status {}: not a page", head.status),
        );
    }
    let content_type = head.content_type.as_deref().unwrap_or("");
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let mut owned;
    let mut body = body;
    if head.chunked {
        match dechunk(body, limits.max_record_bytes) {
            Some(b) => {
                owned = b;
                body = &owned;
            }
            None => return reject(RejectReason::ParseError, "malformed chunked body".into()),
        }
    }
    if let Some(coding) = head
        .content_encoding
        .as_deref()
        .filter(|c| *c != "identity")
    {
        match content_decode(body, coding, limits.max_doc_bytes) {
            Ok(b) => {
                owned = b;
                body = &owned;
            }
            Err((reason, detail)) => return reject(reason, detail),
        }
    }
    let html = match is_html_type(&media) {
        Some(h) => h,
        None => sniff_html(body),
    };
    if !html {
        let shown = if media.is_empty() { "untyped" } else { &media };
        return reject(
            RejectReason::UnsupportedFormat,
            format!("{shown} response: not an HTML page"),
        );
    }
    if body.len() > limits.max_doc_bytes {
        return reject(
            RejectReason::TooLarge,
            format!("{} bytes, limit {}", body.len(), limits.max_doc_bytes),
        );
    }
    let declared = charset_param(content_type);
    match decode::decode_html(body, declared) {
        Err((reason, detail)) => reject(reason, detail),
        Ok(text) if text.trim().is_empty() => reject(RejectReason::Empty, "no text".into()),
        Ok(text) => Unit::Doc(RawDocument {
            source,
            format: InputFormat::Html,
            text,
            meta,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2026-05-02T08:15:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(uri: &str, http_head: &str, body: &[u8]) -> Vec<u8> {
        let mut block = http_head.replace('\n', "\r\n").into_bytes();
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(body);
        record(
            "response",
            &format!(
                "WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
            ),
            &block,
        )
    }

    const PAGE: &str = "<!doctype html><html><head><title>Acme</title></head><body><p>Acme Corp. agreed to buy Globex for $5 billion on Friday.</p></body></html>";

    fn sample() -> Vec<u8> {
        let mut w = record(
            "warcinfo",
            "Content-Type: application/warc-fields\r\n",
            b"software: test\r\n",
        );
        w.extend(record(
            "request",
            "WARC-Target-URI: https://news.example/a\r\n",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ));
        w.extend(response(
            "https://news.example/a",
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=UTF-8\n",
            PAGE.as_bytes(),
        ));
        w.extend(response(
            "https://news.example/logo.png",
            "HTTP/1.1 200 OK\nContent-Type: image/png\n",
            b"\x89PNG\r\n\x1a\n....",
        ));
        // Latin-1 declared by the HTTP header.
        w.extend(response(
            "https://news.example/b",
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=iso-8859-1\n",
            b"<html><body><p>Soci\xe9t\xe9 G\xe9n\xe9rale</p></body></html>",
        ));
        // No Content-Type: sniffed, charset from <meta>.
        w.extend(response(
            "https://news.example/c",
            "HTTP/1.1 200 OK\n",
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9 \x80</p></body></html>",
        ));
        w.extend(response(
            "https://news.example/moved",
            "HTTP/1.1 301 Moved Permanently\nLocation: /a\n",
            b"",
        ));
        w.extend(record("resource", "", b"whatever"));
        w
    }

    fn units_of(bytes: &[u8], limits: &Limits) -> Vec<Unit> {
        let mut out = Vec::new();
        read("c.warc", std::io::BufReader::new(bytes), limits, &mut |u| {
            out.push(u)
        });
        out
    }

    fn summary(units: &[Unit]) -> Vec<(String, Option<RejectReason>)> {
        units
            .iter()
            .map(|u| match u {
                Unit::Doc(d) => (d.source.clone(), None),
                Unit::Reject(r) => (r.source.clone(), Some(r.reason)),
            })
            .collect()
    }

    fn expected() -> Vec<(String, Option<RejectReason>)> {
        vec![
            ("c.warc#3".into(), None),
            ("c.warc#4".into(), Some(RejectReason::UnsupportedFormat)),
            ("c.warc#5".into(), None),
            ("c.warc#6".into(), None),
            ("c.warc#7".into(), Some(RejectReason::UnsupportedFormat)),
            ("c.warc#8".into(), Some(RejectReason::UnsupportedFormat)),
        ]
    }

    #[test]
    fn plain_warc_records() {
        let units = units_of(&sample(), &Limits::default());
        assert_eq!(summary(&units), expected());
        let Unit::Doc(d) = &units[0] else { panic!() };
        assert_eq!(d.format, InputFormat::Html);
        assert_eq!(d.meta.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(d.meta.crawled.as_deref(), Some("2026-05-02T08:15:00Z"));
        assert!(d
            .meta
            .id
            .as_deref()
            .unwrap()
            .starts_with("<urn:uuid:response"));
        assert_eq!(d.text, PAGE);
        let Unit::Doc(b) = &units[2] else { panic!() };
        assert!(b.text.contains("Société Générale"), "{}", b.text);
        let Unit::Doc(c) = &units[3] else { panic!() };
        assert!(c.text.contains("café €"), "{}", c.text);
    }

    #[test]
    fn gzip_per_record() {
        let mut gz = Vec::new();
        let plain = sample();
        // Re-cut the sample into records and compress each on its own.
        let mut starts: Vec<usize> = (0..plain.len())
            .filter(|&i| plain[i..].starts_with(b"WARC/1.0\r\n"))
            .collect();
        starts.push(plain.len());
        for w in starts.windows(2) {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(&plain[w[0]..w[1]]).unwrap();
            gz.extend(enc.finish().unwrap());
        }
        let dec = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(&gz[..]));
        let mut out = Vec::new();
        read("c.warc", dec, &Limits::default(), &mut |u| out.push(u));
        assert_eq!(summary(&out), expected());
    }

    #[test]
    fn truncated_records_are_parse_errors() {
        let full = sample();
        // Cut inside the first response's payload, and inside a header block.
        let in_payload = find(&full, b"<!doctype").unwrap() + 10;
        let units = units_of(&full[..in_payload], &Limits::default());
        assert_eq!(
            summary(&units),
            vec![("c.warc#3".into(), Some(RejectReason::ParseError))]
        );
        let in_header = find(
            &full,
            b"WARC-Target-URI: https://news.example/a\r\nContent-Type",
        )
        .unwrap()
            + 5;
        let units = units_of(&full[..in_header], &Limits::default());
        assert_eq!(
            summary(&units),
            vec![("c.warc#3".into(), Some(RejectReason::ParseError))]
        );
        // Every prefix ends without a panic and with at most one reject at the cut.
        for cut in (0..full.len()).step_by(7) {
            let units = units_of(&full[..cut], &Limits::default());
            let rejects = units
                .iter()
                .filter(|u| matches!(u, Unit::Reject(r) if r.reason == RejectReason::ParseError))
                .count();
            assert!(rejects <= 1, "cut {cut}: {:?}", summary(&units));
        }
    }

    #[test]
    fn garbage_is_rejected_and_skipped() {
        let mut bytes = b"this is not a warc file\nat all\n".to_vec();
        bytes.extend(sample());
        let units = units_of(&bytes, &Limits::default());
        let got = summary(&units);
        assert_eq!(got[0], ("c.warc#1".into(), Some(RejectReason::ParseError)));
        // The records after the garbage are still read (numbered after it).
        assert_eq!(got.len(), 7);
        assert_eq!(got[1], ("c.warc#4".into(), None));

        // Random bytes: no panic, no hang.
        let noise: Vec<u8> = (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let units = units_of(&noise, &Limits::default());
        assert!(units.iter().all(|u| matches!(u, Unit::Reject(_))));

        // A header block with an absurd Content-Length is cut off, not allocated.
        let units = units_of(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999\r\n\r\nshort",
            &Limits::default(),
        );
        assert_eq!(
            summary(&units),
            vec![("c.warc#1".into(), Some(RejectReason::ParseError))]
        );
        assert!(
            units_of(b"WARC/1.0\r\nContent-Length: x\r\n\r\n", &Limits::default())
                .iter()
                .all(|u| matches!(u, Unit::Reject(r) if r.reason == RejectReason::ParseError))
        );
    }

    #[test]
    fn oversized_records_are_skipped() {
        let limits = Limits {
            max_record_bytes: 100,
            ..Limits::default()
        };
        let units = units_of(&sample(), &limits);
        let got = summary(&units);
        assert_eq!(got[0], ("c.warc#3".into(), Some(RejectReason::TooLarge)));
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn http_codings() {
        let body = dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n", 100).unwrap();
        assert_eq!(body, b"hello world");
        assert!(dechunk(b"zz\r\n", 100).is_none());
        assert!(dechunk(b"ff\r\nab", 100).is_none());
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(PAGE.as_bytes()).unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(
            content_decode(&gz, "gzip", 1 << 20).unwrap(),
            PAGE.as_bytes()
        );
        assert_eq!(
            content_decode(&gz, "gzip", 10).unwrap_err().0,
            RejectReason::TooLarge
        );
        assert_eq!(
            content_decode(b"xx", "br", 10).unwrap_err().0,
            RejectReason::UnsupportedFormat
        );
        assert_eq!(
            charset_param("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
