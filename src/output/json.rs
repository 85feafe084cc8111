//! Hand-written JSON for the records written once per mention, edge and
//! document — most of the output's bytes.
//!
//! Gives exactly the bytes `serde_json::to_writer` gives for the same
//! record (the derived `Serialize` impls in [`super::records`] stay the
//! specification; the tests compare the two): compact, fields in
//! declaration order, strings escaped as serde_json escapes them. Nested
//! values that are rare or small (ranges, amounts, roles) still go through
//! serde_json. What this saves is serde's per-field machinery and, above
//! all, a per-byte table lookup in string escaping: strings are scanned
//! eight bytes at a time for the three things JSON must escape.

use super::records::{DocumentRecord, EdgeRecord, MentionRecord};
use crate::error::Result;

/// Appends `s` as a JSON string.
///
/// Most strings (ids, kinds, names, whole paragraphs) need no escape at
/// all: the scan for the next byte to escape goes eight bytes at a time,
/// the last few bytes padded to a word, and the run up to it is copied in
/// one piece. A byte at a time, a short string cost more in branches than
/// in copying.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let done = match bytes.len() {
        0..=8 => push_short::<8>(out, bytes),
        9..=16 => push_short::<16>(out, bytes),
        17..=32 => push_short::<32>(out, bytes),
        _ => false,
    };
    if !done {
        push_escaped(out, bytes);
    }
}

/// [`push_str`] of a string of at most `N` bytes (8, 16 or 32) that needs
/// no escape, which is most of them (a mention's text is nine bytes on
/// average, ids about twenty): the string is gathered into `N` bytes of
/// spaces, checked a word at a time, and copied out as all `N` bytes, the
/// padding then cut off. Every copy has a constant length, so none is a
/// call to `memcpy`, and there is no loop. Returns `false`, having
/// written nothing, when the string needs an escape.
#[inline(always)]
fn push_short<const N: usize>(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    let padded = padded::<N>(bytes);
    let needs_escape = padded
        .chunks_exact(8)
        .fold(0, |m, w| m | escape_mask(word(w)));
    if needs_escape != 0 {
        return false;
    }
    let start = out.len();
    out.reserve(N + 2);
    out.push(b'"');
    out.extend_from_slice(&padded);
    out.truncate(start + 1 + bytes.len());
    out.push(b'"');
    true
}

/// `bytes` (at most `N` of them) at the start of `N` spaces, which need no
/// escape. Gathered with two copies of a constant length from the two ends
/// of `bytes`, overlapping when its length is not a power of two (the same
/// bytes land in the same places).
#[inline(always)]
fn padded<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut a = [b' '; N];
    let n = bytes.len();
    match n {
        0 => {}
        1 => a[0] = bytes[0],
        2..=3 => both_ends::<2, N>(&mut a, bytes),
        4..=7 => both_ends::<4, N>(&mut a, bytes),
        8..=15 => both_ends::<8, N>(&mut a, bytes),
        _ => both_ends::<16, N>(&mut a, bytes),
    }
    a
}

/// Copies the first and the last `K` bytes of `bytes` (`K` to `2 * K` of
/// them, at most `N`) to the same places in `a`.
#[inline(always)]
fn both_ends<const K: usize, const N: usize>(a: &mut [u8; N], bytes: &[u8]) {
    let n = bytes.len();
    a[..K].copy_from_slice(&bytes[..K]);
    a[n - K..n].copy_from_slice(&bytes[n - K..]);
}

/// Eight bytes as a little-endian word.
#[inline(always)]
fn word(w: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(w);
    u64::from_le_bytes(b)
}

/// [`push_str`] in general: the runs between bytes to escape are copied
/// whole.
fn push_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run_start = 0;
    while let Some(i) = next_escape(bytes, run_start) {
        out.extend_from_slice(&bytes[run_start..i]);
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xf) as usize]);
                run_start = i + 1;
                continue;
            }
        };
        out.extend_from_slice(escape);
        run_start = i + 1;
    }
    out.extend_from_slice(&bytes[run_start..]);
    out.push(b'"');
}

/// The position of the first byte at or after `from` that JSON must
/// escape (below 0x20, a quote, a backslash).
///
/// Long runs (a document's text) go sixteen bytes a turn, the two words'
/// masks tested together: a turn's counting and bounds check then serve
/// twice the bytes.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(pair) = bytes.get(i..i + 16) {
        let (low, high) = pair.split_at(8);
        let (low, high) = (escape_mask(word(low)), escape_mask(word(high)));
        if low | high != 0 {
            let m = if low != 0 { low } else { high };
            let skip = if low != 0 { 0 } else { 8 };
            return Some(i + skip + (m.trailing_zeros() / 8) as usize);
        }
        i += 16;
    }
    while let Some(word) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let m = escape_mask(u64::from_le_bytes(w));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let tail = bytes.get(i..).filter(|t| !t.is_empty())?;
    let m = escape_mask(tail_word(bytes, tail));
    (m != 0).then(|| i + (m.trailing_zeros() / 8) as usize)
}

/// The last 1 to 7 bytes of `bytes`, `tail`, as a little-endian word padded
/// with spaces (which need no escape). Copying the tail into a padded
/// array was a call to `memcpy` of a variable length, once per string —
/// most strings here are short. A string of at least eight bytes loads its
/// last eight and shifts out the bytes already scanned; a shorter one is
/// read in two overlapping pieces.
fn tail_word(bytes: &[u8], tail: &[u8]) -> u64 {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let n = tail.len();
    if let Some(last) = bytes.len().checked_sub(8).and_then(|s| bytes.get(s..)) {
        let mut w = [0u8; 8];
        w.copy_from_slice(last);
        // `n` is 1 to 7, so both shifts are 8 to 56 bits. Shifted right,
        // the tail lands in the low bytes, zeros above it, which become
        // spaces.
        let pad = 8 * (8 - n as u32);
        return (u64::from_le_bytes(w) >> pad) | (SPACES << (64 - pad));
    }
    // Under eight bytes in all, so `tail` is the whole string: two loads
    // of 4, 2 or 1 bytes from its two ends, which overlap when `n` is not
    // a power of two (the same bytes in the same places, so or-ing them is
    // harmless), spaces above. A loop over the bytes cost more than the
    // scan it feeds.
    let low = if n >= 4 {
        let a = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) as u64;
        let b = u32::from_le_bytes([tail[n - 4], tail[n - 3], tail[n - 2], tail[n - 1]]) as u64;
        a | (b << (8 * (n - 4)))
    } else if n >= 2 {
        let a = u16::from_le_bytes([tail[0], tail[1]]) as u64;
        let b = u16::from_le_bytes([tail[n - 2], tail[n - 1]]) as u64;
        a | (b << (8 * (n - 2)))
    } else {
        tail.first().map_or(0, |&b| b as u64)
    };
    (SPACES << (8 * n as u32)) | low
}

const HEX: [u8; 16] = *b"0123456789abcdef";

/// The high bit of each byte of `w` (little-endian) that is below 0x20, a
/// quote or a backslash — exactly in the lowest such byte, which is all
/// that is read: the classic "has a byte below n / has a zero byte" bit
/// tricks may also flag bytes above a true one (a borrow runs upwards),
/// never below it.
fn escape_mask(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    let q = w ^ (ONES * b'"' as u64);
    let quote = q.wrapping_sub(ONES) & !q & HIGHS;
    let s = w ^ (ONES * b'\\' as u64);
    let backslash = s.wrapping_sub(ONES) & !s & HIGHS;
    below_space | quote | backslash
}

#[cfg(test)]
fn word_needs_escape(w: u64) -> bool {
    escape_mask(w) != 0
}

/// Appends `n` in decimal, as serde_json (`itoa`) writes it.
///
/// Numbers under 10,000 (most offsets into a news article, every count)
/// are written as one or two digit pairs from a table, each a copy of
/// two bytes: through `itoa`, the digits' copy out of its buffer, whose
/// length is known only at run time, was a call to `memcpy`, twice per
/// mention.
fn push_uint(out: &mut Vec<u8>, n: usize) {
    let pair = |p: usize| -> [u8; 2] { [DIGITS[2 * p], DIGITS[2 * p + 1]] };
    match n {
        0..=9 => out.push(b'0' + n as u8),
        10..=99 => out.extend_from_slice(&pair(n)),
        100..=999 => {
            out.push(b'0' + (n / 100) as u8);
            out.extend_from_slice(&pair(n % 100));
        }
        1000..=9999 => {
            out.extend_from_slice(&pair(n / 100));
            out.extend_from_slice(&pair(n % 100));
        }
        _ => out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
    }
}

/// "00", "01", … "99", for [`push_uint`].
const DIGITS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

fn push_serde<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    Ok(())
}

/// A field's opening, `,"name":`, as one literal for [`Object`]'s methods:
/// written with one copy (the first field of an object drops the comma),
/// where pushing the comma, the quotes, the name and the colon one by one
/// cost a capacity check each, several times per record.
macro_rules! field {
    ($name:literal) => {
        concat!(",\"", $name, "\":")
    };
}

/// Writes the `{`, `,` and `"key":` of an object's fields.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> Object<'o> {
    fn open(out: &'o mut Vec<u8>) -> Object<'o> {
        out.push(b'{');
        Object { out, first: true }
    }

    /// Starts a field: `key` is its [`field!`] literal, `,"name":` (a plain
    /// ASCII name, written as it is).
    ///
    /// Inlined, like the methods that call it, so that at each call site
    /// the literal's length is a constant and its copy a few moves rather
    /// than a call to `memcpy`, once per field of every record.
    ///
    /// The two copies are two calls, each of a length known where it is
    /// inlined: one call of a length picked at run time (with or without
    /// the comma) was a call to `memcpy` for every field of a mention,
    /// whose writer serves records with and without `doc`.
    #[inline(always)]
    fn key(&mut self, key: &'static str) -> &mut Vec<u8> {
        let bytes = key.as_bytes();
        match bytes.split_first() {
            Some((b',', rest)) if self.first => self.out.extend_from_slice(rest),
            _ => self.out.extend_from_slice(bytes),
        }
        self.first = false;
        self.out
    }

    #[inline(always)]
    fn str(&mut self, key: &'static str, v: &str) {
        push_str(self.key(key), v);
    }

    /// A field whose value is one of the record shapes' fixed names (a
    /// mention's `kind`, a `type`, an edge's `rel`): plain ASCII words
    /// that need no escape ([`names_need_no_escape`] checks every one), so
    /// they are copied between quotes without [`push_str`]'s scan, three
    /// times per mention and once per edge.
    #[inline(always)]
    fn name(&mut self, key: &'static str, v: &'static str) {
        debug_assert!(next_escape(v.as_bytes(), 0).is_none(), "{v:?}");
        let out = self.key(key);
        out.reserve(v.len() + 2);
        out.push(b'"');
        out.extend_from_slice(v.as_bytes());
        out.push(b'"');
    }

    #[inline(always)]
    fn opt_str(&mut self, key: &'static str, v: Option<&str>) {
        match v {
            Some(v) => self.str(key, v),
            None => self.key(key).extend_from_slice(b"null"),
        }
    }

    #[inline(always)]
    fn uint(&mut self, key: &'static str, v: usize) {
        push_uint(self.key(key), v);
    }

    fn serde<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        push_serde(self.key(key), v)
    }

    fn close(self) {
        self.out.push(b'}');
    }
}

/// The opening shared by many records (a document's or an edge
/// source's), escaped once. Copied out as a fixed [`Prefix::FIXED`]
/// bytes, the surplus then cut off, when it is no longer: a few moves,
/// where a copy of its own length, known only at run time, was a call to
/// `memcpy` per record.
pub struct Prefix {
    fixed: [u8; Prefix::FIXED],
    bytes: Vec<u8>,
}

impl Prefix {
    /// Room for an opening with an id of up to 39 bytes (a document's id
    /// is 20).
    const FIXED: usize = 48;

    fn new(bytes: Vec<u8>) -> Prefix {
        let mut fixed = [b' '; Prefix::FIXED];
        if let Some(head) = fixed.get_mut(..bytes.len()) {
            head.copy_from_slice(&bytes);
        }
        Prefix { fixed, bytes }
    }

    /// Appends the prefix.
    #[inline(always)]
    fn put(&self, out: &mut Vec<u8>) {
        let len = self.bytes.len();
        if len <= Prefix::FIXED {
            let start = out.len();
            out.extend_from_slice(&self.fixed);
            out.truncate(start + len);
        } else {
            out.extend_from_slice(&self.bytes);
        }
    }
}

/// Room in a prefix's buffer beside the id: the opening, and what
/// [`push_short`] reserves beyond a short id.
const PREFIX_ROOM: usize = 48;

/// The opening of every mention record of document `doc`, `{"doc":"…"`,
/// for [`MentionRecord::write_json_after`]: a document's id is escaped
/// once, not once per mention.
pub fn mention_prefix(doc: &str) -> Prefix {
    let mut out = Vec::with_capacity(doc.len() + PREFIX_ROOM);
    Object::open(&mut out).str(field!("doc"), doc);
    Prefix::new(out)
}

impl MentionRecord<'_> {
    /// Appends the record as one JSON object (no newline).
    pub fn write_json(&self, out: &mut Vec<u8>) -> Result<()> {
        let mut o = Object::open(out);
        if let Some(doc) = self.doc {
            o.str(field!("doc"), doc);
        }
        self.write_fields(o)
    }

    /// The same bytes as [`Self::write_json`], the opening taken from
    /// `prefix`, which must be [`mention_prefix`] of this record's `doc`.
    pub fn write_json_after(&self, prefix: &Prefix, out: &mut Vec<u8>) -> Result<()> {
        prefix.put(out);
        self.write_fields(Object { out, first: false })
    }

    /// The fields after `doc`, and the closing brace.
    fn write_fields(&self, mut o: Object<'_>) -> Result<()> {
        o.name(field!("kind"), self.kind);
        o.str(field!("text"), self.text);
        o.uint(field!("start"), self.start);
        o.uint(field!("end"), self.end);
        if let Some(timex) = self.timex {
            o.opt_str(field!("timex"), timex);
        }
        if let Some(ty) = self.ty {
            o.name(field!("type"), ty);
        }
        if let Some(range) = self.range {
            o.serde(field!("range"), range)?;
        }
        if let Some(value) = &self.value {
            o.serde(field!("value"), value)?;
        }
        if let Some(currency) = self.currency {
            o.str(field!("currency"), currency);
        }
        if let Some(q) = &self.qualifier {
            o.serde(field!("qualifier"), q)?;
        }
        if let Some(max) = &self.max {
            o.serde(field!("max"), max)?;
        }
        if self.points {
            o.key(field!("points")).extend_from_slice(b"true");
        }
        if let Some(entity) = self.entity {
            o.str(field!("entity"), entity);
        }
        o.close();
        Ok(())
    }
}

/// The opening of every edge record from `src`, `{"src":"…"`, for
/// [`EdgeRecord::write_json_after`]: all of a document's edges start at
/// it, and its id is escaped once, not once per edge.
pub fn edge_prefix(src: &str) -> Prefix {
    let mut out = Vec::with_capacity(src.len() + PREFIX_ROOM);
    Object::open(&mut out).str(field!("src"), src);
    Prefix::new(out)
}

impl<S: AsRef<str>> EdgeRecord<S> {
    /// Appends the record as one JSON object (no newline).
    pub fn write_json(&self, out: &mut Vec<u8>) -> Result<()> {
        let mut o = Object::open(out);
        o.str(field!("src"), self.src.as_ref());
        self.write_fields(o)
    }

    /// The same bytes as [`Self::write_json`], the opening taken from
    /// `prefix`, which must be [`edge_prefix`] of this record's `src`.
    pub fn write_json_after(&self, prefix: &Prefix, out: &mut Vec<u8>) -> Result<()> {
        prefix.put(out);
        self.write_fields(Object { out, first: false })
    }

    /// The fields after `src`, and the closing brace.
    fn write_fields(&self, mut o: Object<'_>) -> Result<()> {
        o.str(field!("dst"), self.dst.as_ref());
        o.name(field!("rel"), self.rel);
        if let Some(count) = self.count {
            o.uint(field!("count"), count);
        }
        if let Some(start) = self.start {
            o.uint(field!("start"), start);
        }
        if let Some(end) = self.end {
            o.uint(field!("end"), end);
        }
        if let Some(role) = &self.role {
            o.serde(field!("role"), role)?;
        }
        o.close();
        Ok(())
    }
}

impl DocumentRecord<'_> {
    /// Appends the record as one JSON object (no newline).
    pub fn write_json(&self, out: &mut Vec<u8>) -> Result<()> {
        let mut o = Object::open(out);
        o.str(field!("id"), self.id);
        o.str(field!("source"), self.source);
        o.opt_str(field!("title"), self.title);
        o.opt_str(field!("published"), self.published);
        o.serde(field!("published_from"), &self.published_from)?;
        o.opt_str(field!("publisher"), self.publisher);
        o.opt_str(field!("url"), self.url);
        o.str(field!("text"), self.text);
        o.serde(field!("removed"), &self.removed)?;
        o.opt_str(field!("duplicate_of"), self.duplicate_of);
        o.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{PublishedFrom, Removed};
    use crate::extract::{Qualifier, TimexRange};
    use crate::graph::events::Role;
    use crate::output::records::Num;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn serde_bytes<T: serde::Serialize>(v: &T) -> Vec<u8> {
        serde_json::to_vec(v).unwrap()
    }

    /// [`Object::name`] copies a record's fixed names unescaped: every
    /// name the writers use must be one serde_json writes as it is.
    #[test]
    fn names_need_no_escape() {
        use crate::extract::{EntityType, TimexType};
        use crate::output::records::{entity_type_name, timex_type_name};
        let mut names = vec![
            "date",
            "money",
            "percent",
            "entity",
            "mentions",
            "reports",
            "participant",
        ];
        names.extend(
            [
                TimexType::Date,
                TimexType::Time,
                TimexType::Duration,
                TimexType::Set,
            ]
            .map(timex_type_name),
        );
        names.extend(
            [
                EntityType::Person,
                EntityType::Org,
                EntityType::Loc,
                EntityType::Misc,
            ]
            .map(entity_type_name),
        );
        for n in names {
            assert_eq!(next_escape(n.as_bytes(), 0), None, "{n}");
            let mut out = Vec::new();
            push_str(&mut out, n);
            assert_eq!(out, serde_bytes(&n), "{n}");
        }
    }

    /// Strings heavy in what JSON escapes, at every alignment.
    fn text() -> impl Strategy<Value = String> {
        "([\\u{0}-\\u{1f}\"\\\\/a-z é€😀]|\\PC){0,40}"
    }

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in text()) {
            let mut out = Vec::new();
            push_str(&mut out, &s);
            prop_assert_eq!(out, serde_bytes(&s));
        }

        #[test]
        fn mention_records_are_serde_json_records(
            doc in proptest::option::of(text()),
            text_ in text(),
            start in 0usize..100_000,
            len in 0usize..100,
            shape in 0u8..4,
            s in proptest::option::of(text()),
            n in -10_000_000i64..10_000_000,
            scale in 0u32..6,
        ) {
            let value = Decimal::new(n, scale);
            let range = TimexRange { start: s.clone(), end: None };
            let mut r = MentionRecord {
                doc: doc.as_deref(), kind: "date", text: &text_, start, end: start + len,
                timex: None, ty: None, range: None, value: None, currency: None,
                qualifier: None, max: None, points: false, entity: None,
            };
            match shape {
                0 => { r.timex = Some(s.as_deref()); r.ty = Some("DATE"); r.range = Some(&range); }
                1 => {
                    r.kind = "money"; r.value = Some(Num(&value)); r.currency = s.as_deref();
                    r.qualifier = Some(Qualifier::About); r.max = Some(Num(&value));
                }
                2 => { r.kind = "percent"; r.value = Some(Num(&value)); r.points = true; }
                _ => { r.kind = "entity"; r.ty = Some("ORG"); r.entity = s.as_deref(); }
            }
            let mut out = Vec::new();
            r.write_json(&mut out).unwrap();
            prop_assert_eq!(String::from_utf8(out.clone()).unwrap(), String::from_utf8(serde_bytes(&r)).unwrap());
            if let Some(doc) = r.doc {
                let mut after = Vec::new();
                r.write_json_after(&mention_prefix(doc), &mut after).unwrap();
                prop_assert_eq!(after, out);
            }
        }

        #[test]
        fn edge_and_document_records_are_serde_json_records(
            a in text(), b in text(), n in proptest::option::of(0usize..1_000_000),
            shape in 0u8..3, t in proptest::option::of(text()),
        ) {
            let e = EdgeRecord {
                src: a.clone(), dst: b.clone(), rel: "reports",
                count: n, start: n.map(|x| x / 2), end: n,
                role: match shape { 0 => None, 1 => Some(Role::Agent), _ => Some(Role::Target) },
            };
            let mut out = Vec::new();
            e.write_json(&mut out).unwrap();
            prop_assert_eq!(&out, &serde_bytes(&e));
            let mut after = Vec::new();
            e.write_json_after(&edge_prefix(&e.src), &mut after).unwrap();
            prop_assert_eq!(after, out);
            let d = DocumentRecord {
                id: &a, source: &b, title: t.as_deref(), published: t.as_deref(),
                published_from: match shape { 0 => None, 1 => Some(PublishedFrom::Metadata), _ => Some(PublishedFrom::Text) },
                publisher: None, url: t.as_deref(), text: &a,
                removed: Removed { boilerplate: n.unwrap_or(0), duplicate: 3 },
                duplicate_of: t.as_deref(),
            };
            let mut out = Vec::new();
            d.write_json(&mut out).unwrap();
            prop_assert_eq!(out, serde_bytes(&d));
        }
    }

    proptest! {
        /// Short strings that need no escape, or one, at every length the
        /// gathered fast paths cover and a little over.
        #[test]
        fn short_strings_are_escaped_as_serde_json_escapes_them(
            s in "[a-z é€😀-]{0,36}",
            escape in proptest::option::of(("[\\u{0}-\\u{1f}\"\\\\]", any::<prop::sample::Index>())),
        ) {
            let mut s = s;
            if let Some((e, at)) = escape {
                let at = s.char_indices().map(|(i, _)| i).nth(at.index(s.chars().count() + 1)).unwrap_or(s.len());
                s.insert_str(at, &e);
            }
            let mut out = b"x".to_vec();
            push_str(&mut out, &s);
            prop_assert_eq!(&out[1..], &serde_bytes(&s)[..]);
        }
    }

    /// Every number with a fast path, and both ends of the general one.
    #[test]
    fn small_integers_are_written_as_itoa_writes_them() {
        for n in (0..=20_000).chain([usize::MAX - 1, usize::MAX]) {
            let mut out = b"x".to_vec();
            push_uint(&mut out, n);
            assert_eq!(&out[1..], itoa::Buffer::new().format(n).as_bytes(), "{n}");
        }
    }

    proptest! {
        #[test]
        fn integers_are_written_as_itoa_writes_them(n in any::<usize>()) {
            let mut out = Vec::new();
            push_uint(&mut out, n);
            let mut itoa = itoa::Buffer::new();
            prop_assert_eq!(out, itoa.format(n).as_bytes());
        }
    }

    /// The tail word, loaded or gathered, is the tail copied into a word of
    /// spaces, for every string length and tail length.
    #[test]
    fn tail_words_are_the_padded_tails() {
        let text: Vec<u8> = (0u8..40).map(|b| b.wrapping_mul(37) ^ 0x5a).collect();
        for len in 1..text.len() {
            let bytes = &text[..len];
            let tail = &bytes[len / 8 * 8..];
            if tail.is_empty() {
                continue;
            }
            let mut w = [b' '; 8];
            w[..tail.len()].copy_from_slice(tail);
            assert_eq!(
                tail_word(bytes, tail),
                u64::from_le_bytes(w),
                "length {len}"
            );
        }
    }

    #[test]
    fn every_byte_below_space_and_both_specials_are_found_in_any_lane() {
        for lane in 0..8 {
            for b in 0u8..=255 {
                let mut w = [b'a'; 8];
                w[lane] = b;
                let expected = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(
                    word_needs_escape(u64::from_le_bytes(w)),
                    expected,
                    "byte {b:#x} lane {lane}"
                );
            }
        }
    }
}
