//! JSON Lines dumps: one article per line.
//!
//! Body from the first of `text`, `body`, `content`, `html` (html is cleaned
//! as a page); `title`, `date`/`published`, `crawled`, `url`, `id` kept as
//! metadata. Each line is `<file>#<line number>` (1-based); blank lines are
//! not units.

use super::{append_bounded_line, read_bounded_line, string_unit, Limits, Unit};
use crate::document::{InputFormat, Metadata, Reject, RejectReason};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::io::BufRead;

/// The fields of a line that we read; any others are skipped unparsed.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    text: Option<Field<'a>>,
    #[serde(borrow)]
    body: Option<Field<'a>>,
    #[serde(borrow)]
    content: Option<Field<'a>>,
    #[serde(borrow)]
    html: Option<Field<'a>>,
    #[serde(borrow)]
    title: Option<Field<'a>>,
    #[serde(borrow)]
    date: Option<Field<'a>>,
    #[serde(borrow)]
    published: Option<Field<'a>>,
    #[serde(borrow)]
    crawled: Option<Field<'a>>,
    #[serde(borrow)]
    url: Option<Field<'a>>,
    #[serde(borrow)]
    id: Option<Field<'a>>,
}

/// One field's value: a string (borrowed from the line when it has no
/// escapes), a number as JSON prints it, or anything else (ignored).
#[derive(Debug, PartialEq)]
enum Field<'a> {
    Str(Cow<'a, str>),
    Number(String),
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Field<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor(std::marker::PhantomData))
    }
}

struct FieldVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for FieldVisitor<'a> {
    type Value = Field<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Field<'a>, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Field<'a>, E> {
        Ok(Field::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Field<'a>, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Field<'a>, E> {
        Ok(Field::Number(serde_json::Number::from(v).to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Field<'a>, E> {
        Ok(Field::Number(serde_json::Number::from(v).to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Field<'a>, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Field::Other, |n| Field::Number(n.to_string())))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Field<'a>, E> {
        Ok(Field::Other)
    }
    fn visit_unit<E>(self) -> Result<Field<'a>, E> {
        Ok(Field::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'a>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'a>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other)
    }
}

/// A metadata field as a string: strings trimmed, numbers printed, null
/// and empty strings as absent.
fn field(v: &Option<Field<'_>>) -> Option<String> {
    match v {
        Some(Field::Str(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Field::Number(n)) => Some(n.clone()),
        _ => None,
    }
}

/// The longest JSON line read: a line carries its body escaped, so allow
/// some headroom over the body limit.
pub(crate) fn max_line_bytes(limits: &Limits) -> usize {
    limits.max_doc_bytes.saturating_mul(2)
}

/// The reject of a line longer than [`max_line_bytes`] (`len` bytes).
pub(crate) fn oversized_line(source: String, len: usize, limits: &Limits) -> Unit {
    Unit::Reject(Reject::new(
        source,
        RejectReason::TooLarge,
        format!("line of {len} bytes, limit {}", max_line_bytes(limits)),
    ))
}

/// The `source` of line `line_no` (1-based) of input `rel`:
/// `format!("{rel}#{line_no}")`, made once per line without the formatting
/// machinery.
pub(crate) fn line_source(rel: &str, line_no: usize) -> String {
    let mut source = String::with_capacity(rel.len() + 8);
    source.push_str(rel);
    source.push('#');
    source.push_str(itoa::Buffer::new().format(line_no));
    source
}

pub(crate) fn read<R: BufRead>(
    rel: &str,
    mut reader: R,
    limits: &Limits,
    emit: &mut dyn FnMut(Unit),
) {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let max_line = max_line_bytes(limits);
    loop {
        line_no += 1;
        let source = line_source(rel, line_no);
        match read_bounded_line(&mut reader, &mut buf, max_line) {
            Err(e) => {
                let (reason, detail) = super::io_reject(&e);
                emit(Unit::Reject(Reject::new(source, reason, detail)));
                return;
            }
            Ok(None) => return,
            Ok(Some(Err(len))) => {
                emit(oversized_line(source, len, limits));
                continue;
            }
            Ok(Some(Ok(()))) => {}
        }
        if let Some(unit) = line_unit(source, &buf, limits) {
            emit(unit);
        }
    }
}

/// Whole lines of a JSON Lines input, cut by [`read_chunks`] so that the
/// reading thread only finds line ends and the parsing, most of the cost,
/// happens on the threads that take the chunks ([`chunk_units`]).
pub struct LineChunk {
    /// The number of the chunk's first line (1-based).
    first_line: usize,
    /// The lines, each with its line end (the input's last line may lack
    /// one).
    bytes: Vec<u8>,
}

/// Bytes of lines a chunk gathers before it is given: large enough that a
/// chunk is a few milliseconds of parsing, small enough that the few in
/// flight cost little memory.
const CHUNK_BYTES: usize = 1 << 20;

/// Cuts `reader` into [`LineChunk`]s, in order. The lines are those of
/// [`read`], numbered alike; a line over [`max_line_bytes`] is skipped
/// without being held in memory, and a read error ends the input there,
/// dropping the line it cut short (the lines [`read`] rejects).
pub(crate) fn read_chunks<R: BufRead>(
    mut reader: R,
    limits: &Limits,
    emit: &mut dyn FnMut(LineChunk),
) {
    let max_line = max_line_bytes(limits);
    let fresh = |first_line| LineChunk {
        first_line,
        bytes: Vec::with_capacity(CHUNK_BYTES + (64 << 10)),
    };
    let mut chunk = fresh(1);
    let mut line_no = 0usize;
    loop {
        line_no += 1;
        match append_bounded_line(&mut reader, &mut chunk.bytes, max_line) {
            Err(_) | Ok(None) => break,
            Ok(Some(Err(_))) => {
                // The next line's number must follow the skipped one.
                let full = std::mem::replace(&mut chunk, fresh(line_no + 1));
                if !full.bytes.is_empty() {
                    emit(full);
                }
            }
            Ok(Some(Ok(()))) => {
                if !chunk.bytes.ends_with(b"\n") {
                    // The input's last line: nothing follows it.
                    break;
                }
                if chunk.bytes.len() >= CHUNK_BYTES {
                    emit(std::mem::replace(&mut chunk, fresh(line_no + 1)));
                }
            }
        }
    }
    if !chunk.bytes.is_empty() {
        emit(chunk);
    }
}

/// The units of a chunk's lines, as [`read`] gives them for those lines;
/// `rel` names the input in their `source`.
pub(crate) fn chunk_units(
    rel: &str,
    chunk: &LineChunk,
    limits: &Limits,
    emit: &mut dyn FnMut(Unit),
) {
    let mut rest = &chunk.bytes[..];
    let mut line_no = chunk.first_line;
    while !rest.is_empty() {
        let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
        let (line, next) = rest.split_at(end);
        if let Some(unit) = line_unit(line_source(rel, line_no), line, limits) {
            emit(unit);
        }
        rest = next;
        line_no += 1;
    }
}

/// Turns one JSONL line into a document or a reject; `None` for a blank line
/// (not a unit). `source` names the line in outputs.
pub(crate) fn line_unit(source: String, buf: &[u8], limits: &Limits) -> Option<Unit> {
    let buf = buf.strip_suffix(b"\n").unwrap_or(buf);
    let buf = buf.strip_suffix(b"\r").unwrap_or(buf);
    if buf.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    // JSON Lines are UTF-8 by definition, but dumps are not always right.
    let text = match std::str::from_utf8(buf) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => match super::decode::decode(buf) {
            Ok(s) => std::borrow::Cow::Owned(s),
            Err((reason, detail)) => {
                return Some(Unit::Reject(Reject::new(source, reason, detail)))
            }
        },
    };
    let parsed: Line = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(l) => l,
        Err(e) => {
            return Some(Unit::Reject(Reject::new(
                source,
                RejectReason::ParseError,
                format!("not a JSON object: {e}"),
            )))
        }
    };
    let meta = Metadata {
        id: field(&parsed.id),
        title: field(&parsed.title),
        published: field(&parsed.published).or_else(|| field(&parsed.date)),
        crawled: field(&parsed.crawled),
        url: field(&parsed.url),
    };
    let body = [
        (parsed.text, InputFormat::Text),
        (parsed.body, InputFormat::Text),
        (parsed.content, InputFormat::Text),
        (parsed.html, InputFormat::Html),
    ]
    .into_iter()
    .find_map(|(v, f)| match v {
        Some(Field::Str(s)) => Some((s.into_owned(), f)),
        _ => None,
    });
    Some(match body {
        Some((s, format)) => string_unit(source, s, format, meta, limits),
        None => Unit::Reject(Reject::new(
            source,
            RejectReason::ParseError,
            "no string field text, body, content or html",
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(data: &str) -> Vec<Unit> {
        let mut out = Vec::new();
        read(
            "d.jsonl",
            std::io::Cursor::new(data.as_bytes()),
            &Limits::default(),
            &mut |u| out.push(u),
        );
        out
    }

    fn describe(u: &Unit) -> String {
        match u {
            Unit::Doc(d) => format!("{} doc {:?} {:?}", d.source, d.text, d.meta.url),
            Unit::Reject(r) => format!("{} {} {}", r.source, r.reason.code(), r.detail),
        }
    }

    /// The site-wide pass parses chunks on other threads: it must see the
    /// documents [`read`] gives, with the same sources, whatever the chunk
    /// boundaries, line ends and oversized lines.
    #[test]
    fn chunks_give_the_documents_read_gives() {
        let limits = Limits {
            max_doc_bytes: 300,
            ..Limits::default()
        };
        let mut data = String::new();
        for i in 0..9000 {
            match i % 7 {
                0 => data.push('\n'),
                1 => data.push_str(&format!("{{\"text\":\"{}\"}}\n", "x".repeat(700))),
                2 => data.push_str("{broken\r\n"),
                _ => data.push_str(&format!(
                    "{{\"text\":\"Line {i}\\nmore\",\"url\":\"https://s{}.test/\"}}\n",
                    i % 5
                )),
            }
        }
        data.push_str("{\"text\":\"last, no line end\"}");
        let docs = |units: Vec<Unit>| -> Vec<String> {
            units
                .iter()
                .filter(|u| matches!(u, Unit::Doc(_)))
                .map(describe)
                .collect()
        };
        let mut whole = Vec::new();
        read(
            "d.jsonl",
            std::io::Cursor::new(data.as_bytes()),
            &limits,
            &mut |u| whole.push(u),
        );
        let mut chunks = Vec::new();
        read_chunks(std::io::Cursor::new(data.as_bytes()), &limits, &mut |c| {
            chunks.push(c)
        });
        assert!(chunks.len() > 2, "{} chunks", chunks.len());
        let mut parsed = Vec::new();
        for c in &chunks {
            chunk_units("d.jsonl", c, &limits, &mut |u| parsed.push(u));
        }
        assert!(whole.len() > 7000);
        // Everything but the oversized lines' rejects, which the chunks skip.
        let kept: Vec<String> = whole
            .iter()
            .filter(|u| !matches!(u, Unit::Reject(r) if r.reason == RejectReason::TooLarge))
            .map(describe)
            .collect();
        assert_eq!(parsed.iter().map(describe).collect::<Vec<_>>(), kept);
        assert_eq!(
            docs(parsed).last().map(String::as_str),
            Some("d.jsonl#9001 doc \"last, no line end\" None")
        );
        assert!(!docs(whole).is_empty());
    }

    #[test]
    fn every_line_is_a_document_or_a_reject() {
        let data = "{\"id\":\"a\",\"text\":\"Hello world.\",\"published\":\"2026-05-01\"}\n\n{broken\n{\"title\":\"no body\"}\n{\"body\":\"  \"}\n{\"content\":\"Body here\",\"url\":\"https://x.test/a\"}\n";
        let got = units(data);
        assert_eq!(got.len(), 5);
        match &got[0] {
            Unit::Doc(d) => {
                assert_eq!(d.source, "d.jsonl#1");
                assert_eq!(d.meta.published.as_deref(), Some("2026-05-01"));
                assert_eq!(d.meta.id.as_deref(), Some("a"));
            }
            other => panic!("{other:?}"),
        }
        let reasons: Vec<_> = got
            .iter()
            .filter_map(|u| match u {
                Unit::Reject(r) => Some((r.source.as_str(), r.reason)),
                _ => None,
            })
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("d.jsonl#3", RejectReason::ParseError),
                ("d.jsonl#4", RejectReason::ParseError),
                ("d.jsonl#5", RejectReason::Empty)
            ]
        );
        assert!(matches!(&got[4], Unit::Doc(d) if d.source == "d.jsonl#6" && d.meta.url.is_some()));
    }
}
