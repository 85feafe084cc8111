//! Site-wide repeated lines, the CCNet way (Wenzek et al. 2020, §3.3):
//! a line that many documents of one site share is the site's furniture
//! (a newsletter pitch, a copyright line, a standing disclaimer), whatever
//! it says.
//!
//! Two passes. First every document's lines are counted per site with
//! [`SitewideLines::add_document`] (per thread or per shard, then combined
//! with [`SitewideLines::merge`]); then [`SitewideLines::is_sitewide`] says
//! whether a line of a document is one of its site's repeated lines.
//!
//! - **Site**: the URL's host, lower-cased, without port or a leading
//!   `www.`; for a document without a URL, the input file it came from
//!   (its `source` before any `#`). See [`site_of`].
//! - **Line identity**: lower-cased, every digit read as `0` (so "© 2025"
//!   and "© 2026", "3 min read" and "5 min read" are one line), everything
//!   but letters and digits dropped, white space collapsed; then hashed to
//!   a `u64` by FNV-1a (64-bit), which is fixed by its definition, so the
//!   counts are the same on every run and platform. A line that normalises
//!   to nothing is never site-wide.
//! - **Counting**: a line counts once per document however often it
//!   repeats there; the count is of distinct documents.
//! - **Thresholds** ([`SitewideLines::new`]): a line is site-wide when at
//!   least `min_docs` documents of its site contain it (default 3) and the
//!   site has at least `min_site_docs` documents (default 5), so that a site
//!   with a handful of pages, which may all report one story, keeps its
//!   quotes.
//!
//! Memory: one `u64` hash and one `u32` count per distinct (site, line)
//! pair (about 16 bytes with the hash table's slack), plus each site's name
//! once; lines themselves are not kept, so the pre-pass grows with distinct
//! lines, not with bytes (a line shared by a thousand pages costs what one
//! costs). Counts are exact, not sketched: an approximate counter (a
//! count-min sketch) only ever over-counts, and an over-count here deletes
//! article prose. What the second pass needs is far smaller:
//! [`SitewideLines::table`] keeps only the pairs past the thresholds.
//! Merging adds counts, which is commutative and associative, so the
//! result does not depend on how documents were split or merged, nor on
//! the thread count.
//!
//! ## In the pipeline
//!
//! `run` makes the first pass ([`prepass`]) over its JSON Lines inputs
//! before the main one: read, decode, split into lines, hash — no
//! cleaning. Only flattened text documents (JSONL `text`) are counted and
//! filtered; HTML pages (HTML files, JSONL `html`, WARC records) lose their
//! furniture to DOM scoring, and counting their blocks would cost a second
//! HTML parse. A text file is a site of its own (it has no URL), so it is
//! neither counted nor filtered. The cleaner marks a site-wide
//! line as furniture before the context step, so its neighbours see it as
//! such ([`SitewideTable::marks`] has the one exception: a page that is
//! mostly shared prose is a republished article, and keeps it).
//!
//! For `map`/`reduce`, `newsgraph sitewide` counts the same JSON Lines
//! `map` reads and prints the counts ([`SitewideLines::write`]); outputs of
//! several shards concatenated are their merge ([`SitewideLines::read`] adds
//! the counts of a site met twice). `map --sitewide TABLE` applies it. The
//! table's digest is folded into the configuration hash
//! ([`config_hash`]) that `map` writes in its header and `run` in its
//! manifest, so `reduce` refuses partials mapped with different tables, and
//! a table that changes nothing leaves the hash as it was.

use crate::document::{InputFormat, RawDocument};
use crate::hash::Fnv1a;
use crate::ingest::{self, InputFile, Limits, Unit};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Write};

/// Errors of reading a site-wide table.
#[derive(Debug, thiserror::Error)]
pub enum SitewideError {
    #[error("site-wide table, line {line}: {message}")]
    Format { line: usize, message: String },
    #[error("site-wide table: {0}")]
    Io(#[from] std::io::Error),
}

/// The normalised form of a line under which repeats are counted: its
/// words of letters and digits, lower-cased, every digit `0`, one space
/// between words.
pub fn normalize(line: &str) -> String {
    let mut out = Vec::with_capacity(line.len());
    normalized_bytes(line, |b| out.push(b));
    // Whole characters' UTF-8 go in, so this is never lossy.
    String::from_utf8_lossy(&out).into_owned()
}

/// The hash a line is counted under: FNV-1a ([`crate::hash`]) of its
/// [`normalize`]d form,
/// `None` for a line with no letters or digits.
///
/// Hashes as it normalises, without building the normalised string: every
/// line of every document goes through here in the first pass (counted),
/// and again in the second (looked up) unless the cleaner has already
/// found it to be furniture or a repeat; building the string cost more
/// than the rest of the site-wide work together.
pub fn line_hash(line: &str) -> Option<u64> {
    let mut hash = Fnv1a::default();
    // Whether anything was emitted comes back from the walk, which knows
    // it already, rather than a flag stored at every byte.
    let any = normalized_bytes(line, |b| hash.byte(b));
    any.then_some(hash.value())
}

/// What a byte is in a line key: [`KEY_DROP`] (ASCII punctuation, control
/// characters), [`KEY_SPACE`] (white space as `char::is_whitespace` has it,
/// the vertical tab included), [`KEY_WIDE`] (a byte of a character beyond
/// ASCII, decoded), or the byte the key holds for it (a letter lower-cased,
/// `0` for a digit). One table load per byte instead of a chain of tests;
/// a table of all 256 bytes, so that the load needs no test of the byte
/// before it (and the word loop one test after it: a key byte is above
/// all three marks).
const BYTE_KEY: [u8; 256] = {
    let mut t = [KEY_DROP; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            KEY_WIDE
        } else if c.is_ascii_digit() {
            b'0'
        } else if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            KEY_SPACE
        } else {
            KEY_DROP
        };
        b += 1;
    }
    t
};
const KEY_DROP: u8 = 0;
const KEY_SPACE: u8 = 1;
const KEY_WIDE: u8 = 2;

/// Hands `emit` the UTF-8 bytes of `line`'s normalised form in order: the
/// one walk behind [`normalize`] and [`line_hash`]. ASCII bytes take a byte
/// path through [`BYTE_KEY`] without decoding (most lines are all ASCII);
/// other characters get the same tests through `char` (checked against the
/// definition in the tests). Returns whether it emitted anything.
fn normalized_bytes(line: &str, mut emit: impl FnMut(u8)) -> bool {
    // Set by white space; before each letter or digit, a space is emitted
    // if white space separated it from the previous one.
    let mut space = false;
    let mut started = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let k = BYTE_KEY[usize::from(b)];
        if k != KEY_WIDE {
            i += 1;
            // A word's first byte first: the commonest case after the
            // bytes of a word's rest, which the inner loop takes.
            match k {
                k if k > KEY_WIDE => {
                    if std::mem::take(&mut space) && started {
                        emit(b' ');
                    }
                    started = true;
                    emit(k);
                    // The rest of an ASCII word: nothing to place before
                    // its letters and digits, so none of the tests above.
                    // Nor for what most often follows it: punctuation,
                    // dropped with nothing pending, and one white-space
                    // byte before the next word, which is a space and
                    // that word's first byte (the test above, passed).
                    // Anything else goes back to the walk.
                    while let Some(&b) = bytes.get(i) {
                        let k = BYTE_KEY[usize::from(b)];
                        if k > KEY_WIDE {
                            i += 1;
                            emit(k);
                            continue;
                        }
                        match k {
                            KEY_DROP => i += 1,
                            KEY_SPACE => {
                                let Some(next) = bytes
                                    .get(i + 1)
                                    .map(|&b| BYTE_KEY[usize::from(b)])
                                    .filter(|&k| k > KEY_WIDE)
                                else {
                                    break;
                                };
                                i += 2;
                                emit(b' ');
                                emit(next);
                            }
                            _ => break,
                        }
                    }
                }
                KEY_SPACE => space = true,
                _ => {}
            }
            continue;
        }
        let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if std::mem::take(&mut space) && started {
                emit(b' ');
            }
            started = true;
            let mut buf = [0u8; 4];
            if c.is_numeric() {
                emit(b'0');
            } else {
                for l in c.to_lowercase() {
                    l.encode_utf8(&mut buf).bytes().for_each(&mut emit);
                }
            }
        } else if c.is_whitespace() {
            space = true;
        }
    }
    started
}

/// The site a document belongs to: its URL's host (lower-cased, no port,
/// no user info, no leading `www.`), or without a usable URL the input file
/// of its `source` (`dump.warc.gz#12` → `dump.warc.gz`).
pub fn site_of(url: Option<&str>, source: &str) -> String {
    if let Some(host) = url.and_then(host_of) {
        return host;
    }
    source.split('#').next().unwrap_or(source).to_string()
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map(|(_, r)| r)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Site {
    docs: u32,
    /// Line hash → number of distinct documents holding it.
    lines: HashMap<u64, u32>,
}

/// Per-site counts of normalised lines over a corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitewideLines {
    min_docs: u32,
    min_site_docs: u32,
    sites: HashMap<String, Site>,
    /// The hashes of the document being counted: kept between documents
    /// (empty, so equality is that of the counts) so that each does not
    /// grow a vector of its own from nothing.
    scratch: Vec<u64>,
}

impl Default for SitewideLines {
    /// `min_docs` 3, `min_site_docs` 5.
    fn default() -> Self {
        SitewideLines::new(3, 5)
    }
}

impl SitewideLines {
    /// A line is site-wide when `min_docs` distinct documents of a site
    /// with at least `min_site_docs` documents contain it. (`min_docs` below
    /// 2 is read as 2: a line in one document only repeats nothing.)
    pub fn new(min_docs: u32, min_site_docs: u32) -> SitewideLines {
        SitewideLines {
            min_docs: min_docs.max(2),
            min_site_docs,
            sites: HashMap::new(),
            scratch: Vec::new(),
        }
    }

    /// First pass: counts one document's lines for its site.
    pub fn add_document<'a>(&mut self, site: &str, lines: impl IntoIterator<Item = &'a str>) {
        let mut hashes = std::mem::take(&mut self.scratch);
        hashes.extend(lines.into_iter().filter_map(line_hash));
        hashes.sort_unstable();
        hashes.dedup();
        let entry = match self.sites.get_mut(site) {
            Some(s) => s,
            None => self.sites.entry(site.to_string()).or_default(),
        };
        entry.docs = entry.docs.saturating_add(1);
        for h in hashes.drain(..) {
            let c = entry.lines.entry(h).or_default();
            *c = c.saturating_add(1);
        }
        self.scratch = hashes;
    }

    /// Adds another collector's counts (same thresholds assumed; `self`'s
    /// are kept). The result is the same in whatever order collectors are
    /// merged.
    pub fn merge(&mut self, other: SitewideLines) {
        for (name, theirs) in other.sites {
            match self.sites.get_mut(&name) {
                None => {
                    self.sites.insert(name, theirs);
                }
                Some(ours) => {
                    ours.docs = ours.docs.saturating_add(theirs.docs);
                    for (h, c) in theirs.lines {
                        let mine = ours.lines.entry(h).or_default();
                        *mine = mine.saturating_add(c);
                    }
                }
            }
        }
    }

    /// In how many documents of `site` the line occurs.
    pub fn count(&self, site: &str, line: &str) -> u32 {
        let (Some(s), Some(h)) = (self.sites.get(site), line_hash(line)) else {
            return 0;
        };
        s.lines.get(&h).copied().unwrap_or(0)
    }

    /// Second pass: is `line` one of `site`'s repeated lines?
    pub fn is_sitewide(&self, site: &str, line: &str) -> bool {
        let Some(s) = self.sites.get(site) else {
            return false;
        };
        s.docs >= self.min_site_docs
            && line_hash(line)
                .and_then(|h| s.lines.get(&h))
                .is_some_and(|&c| c >= self.min_docs)
    }

    /// Documents counted for `site`.
    pub fn site_docs(&self, site: &str) -> u32 {
        self.sites.get(site).map_or(0, |s| s.docs)
    }

    /// Distinct (site, line) pairs held: what the memory use is proportional to.
    pub fn pairs(&self) -> usize {
        self.sites.values().map(|s| s.lines.len()).sum()
    }
}

/// One site's counts in the table file: `{"site", "docs", "lines": [[hash, count], …]}`.
#[derive(serde::Serialize, serde::Deserialize)]
struct SiteRecord {
    site: String,
    docs: u32,
    lines: Vec<(u64, u32)>,
}

impl SitewideLines {
    /// Writes the counts as JSON Lines, one site a line, sites and hashes
    /// sorted (the same counts always give the same bytes).
    pub fn write(&self, mut out: impl Write) -> Result<(), SitewideError> {
        let sorted: BTreeMap<&String, &Site> = self.sites.iter().collect();
        for (site, s) in sorted {
            let mut lines: Vec<(u64, u32)> = s.lines.iter().map(|(&h, &c)| (h, c)).collect();
            lines.sort_unstable();
            let rec = SiteRecord {
                site: site.clone(),
                docs: s.docs,
                lines,
            };
            let json = serde_json::to_string(&rec).map_err(std::io::Error::other)?;
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        Ok(())
    }

    /// Reads counts written by [`SitewideLines::write`], with the default
    /// thresholds. A site met on several lines (tables of several shards
    /// concatenated) has its counts added; blank lines are skipped.
    pub fn read(input: impl BufRead) -> Result<SitewideLines, SitewideError> {
        let mut all = SitewideLines::default();
        for (i, line) in input.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: SiteRecord =
                serde_json::from_str(&line).map_err(|e| SitewideError::Format {
                    line: i + 1,
                    message: e.to_string(),
                })?;
            let mut one = SitewideLines::default();
            let mut lines = HashMap::with_capacity(rec.lines.len());
            for (h, c) in rec.lines {
                let e: &mut u32 = lines.entry(h).or_default();
                *e = e.saturating_add(c);
            }
            one.sites.insert(
                rec.site,
                Site {
                    docs: rec.docs,
                    lines,
                },
            );
            all.merge(one);
        }
        Ok(all)
    }

    /// Counts one raw document, if it is one that site-wide lines apply to
    /// (flattened text, see [`document_site`]).
    pub fn add_raw(&mut self, raw: &RawDocument) {
        if let Some(site) = document_site(raw) {
            self.add_document(&site, raw.text.lines());
        }
    }

    /// What the second pass needs: per site past `min_site_docs`, the hashes
    /// of lines in at least `min_docs` of its documents.
    pub fn table(&self) -> SitewideTable {
        let sites: HashMap<String, SiteTable> = self
            .sites
            .iter()
            .filter(|(_, s)| s.docs >= self.min_site_docs)
            .map(|(name, s)| {
                let lines: HashSet<u64> = s
                    .lines
                    .iter()
                    .filter(|&(_, &c)| c >= self.min_docs)
                    .map(|(&h, _)| h)
                    .collect();
                (name.clone(), lines)
            })
            .filter(|(_, lines)| !lines.is_empty())
            .map(|(name, lines)| (name, SiteTable::new(lines)))
            .collect();
        SitewideTable { sites }
    }
}

/// The site a document's lines are counted under, or `None` for a document
/// site-wide lines do not apply to (an HTML page: see the module comment).
pub fn document_site(raw: &RawDocument) -> Option<String> {
    (raw.format == InputFormat::Text).then(|| site_of(raw.meta.url.as_deref(), &raw.source))
}

/// The first pass of `run`: every JSON Lines input read and decoded again
/// (not cleaned), counts merged. One thread reads the inputs in order and
/// cuts them into chunks of whole lines ([`ingest::read_jsonl_chunks`]);
/// the chunks are parsed and counted on `pool` as they come (a dump is
/// often one large file, so parallel over files would be one thread). The
/// parsing is most of a chunk's cost: done by the reading thread, it held
/// back two counting threads. When the pool is behind (the queue is full)
/// the reader parses and counts a chunk itself rather than wait, so a
/// one-thread pool still has two threads at work. Counts add up the same
/// in any grouping. Other files are not read: a text file is one document
/// with no URL, a site of its own, and HTML and WARC inputs hold HTML
/// pages, which site-wide lines do not apply to. Rejects are skipped here;
/// the main pass reports them.
pub fn prepass(files: &[InputFile], limits: &Limits, pool: &rayon::ThreadPool) -> SitewideLines {
    type Chunk<'f> = (&'f str, ingest::jsonl::LineChunk);
    let count = |counts: &mut SitewideLines, (rel, chunk): &Chunk<'_>| {
        ingest::jsonl::chunk_units(rel, chunk, limits, &mut |u| {
            if let Unit::Doc(raw) = u {
                counts.add_raw(&raw);
            }
        });
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk<'_>>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut own = SitewideLines::default();
            for f in files
                .iter()
                .filter(|f| ingest::file_kind(&f.rel) == ingest::FileKind::Jsonl)
            {
                ingest::read_jsonl_chunks(f, limits, &mut |chunk| {
                    match tx.try_send((f.rel.as_str(), chunk)) {
                        Ok(()) => {}
                        Err(std::sync::mpsc::TrySendError::Full(chunk)) => count(&mut own, &chunk),
                        // The counting stopped; so do we.
                        Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {}
                    }
                });
            }
            own
        });
        let mut counts = pool.install(|| {
            rx.into_iter()
                .par_bridge()
                .fold(SitewideLines::default, |mut counts, chunk| {
                    count(&mut counts, &chunk);
                    counts
                })
                .reduce(SitewideLines::default, |mut a, b| {
                    a.merge(b);
                    a
                })
        });
        // The reader only ends by itself; a panic there is a bug to surface.
        match reader.join() {
            Ok(own) => counts.merge(own),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        counts
    })
}

/// The site-wide lines of a corpus, read-only, shared by the cleaning threads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SitewideTable {
    sites: HashMap<String, SiteTable>,
}

/// One site's site-wide line hashes, with a filter in front of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct SiteTable {
    lines: HashSet<u64>,
    /// One bit per slot of [`filter_slot`], set for the slot of every hash
    /// in `lines` (at least 16 bits a hash). Most lines of a page are not
    /// site-wide: the bit, clear for all but about one in 16 of them, says
    /// so without the SipHash of a set look-up. (SipHash stays on the set
    /// itself, keyed by untrusted text; a crafted line can at worst pass
    /// the filter and cost that look-up, as every line did before.)
    filter: Box<[u64]>,
}

impl SiteTable {
    fn new(lines: HashSet<u64>) -> SiteTable {
        let words = (lines.len().saturating_mul(16) / 64)
            .max(1)
            .next_power_of_two();
        let mut filter = vec![0u64; words].into_boxed_slice();
        let mask = words * 64 - 1;
        for &h in &lines {
            let slot = filter_slot(h, mask);
            if let Some(w) = filter.get_mut(slot / 64) {
                *w |= 1 << (slot % 64);
            }
        }
        SiteTable { lines, filter }
    }

    fn contains(&self, h: u64) -> bool {
        let slot = filter_slot(h, self.filter.len() * 64 - 1);
        self.filter
            .get(slot / 64)
            .is_some_and(|w| w & (1 << (slot % 64)) != 0)
            && self.lines.contains(&h)
    }
}

/// The filter slot of a line hash under `mask` (a power of two less one):
/// the hash's top bits after a multiply, which mixes all of FNV-1a's bits
/// into them.
fn filter_slot(h: u64, mask: usize) -> usize {
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

impl SitewideTable {
    /// No site has a site-wide line.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// Which of a document's lines to treat as furniture. A page whose
    /// shared lines hold more than half of `weights` (its prose, in
    /// characters) is not a page with furniture but the same article
    /// published again (a correction, a syndicated copy, a live page
    /// crawled twice): its lines stay, and near-duplicate detection deals
    /// with the copy.
    pub fn marks(&self, site: Option<&str>, lines: &[&str], weights: &[usize]) -> Vec<bool> {
        self.marks_of(site, lines.iter().zip(weights).map(|(&l, &w)| Some((l, w))))
    }

    /// [`SitewideTable::marks`] of lines given with their weights, in one
    /// pass and without collecting either: `None` for a line the caller
    /// needs no mark for (it weighs nothing, and is not hashed: a line
    /// the cleaner has already found to be furniture or a repeat).
    pub fn marks_of<'l>(
        &self,
        site: Option<&str>,
        lines: impl ExactSizeIterator<Item = Option<(&'l str, usize)>>,
    ) -> Vec<bool> {
        let n = lines.len();
        let Some(set) = site.and_then(|s| self.sites.get(s)) else {
            return vec![false; n];
        };
        let (mut total, mut shared) = (0usize, 0usize);
        let mut marks = Vec::with_capacity(n);
        for line in lines {
            let m = line.is_some_and(|(text, weight)| {
                total += weight;
                let m = line_hash(text).is_some_and(|h| set.contains(h));
                if m {
                    shared += weight;
                }
                m
            });
            marks.push(m);
        }
        if total > 0 && shared * 2 > total {
            return vec![false; n];
        }
        marks
    }

    /// Sites with at least one site-wide line.
    pub fn sites(&self) -> usize {
        self.sites.len()
    }

    /// Lines of `site` marked site-wide (0 for an unknown site).
    pub fn lines_of(&self, site: &str) -> usize {
        self.sites.get(site).map_or(0, |s| s.lines.len())
    }

    /// A digest of the table's content (sites and hashes sorted), `None`
    /// when it is empty.
    pub fn digest(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let sorted: BTreeMap<&String, &SiteTable> = self.sites.iter().collect();
        let mut h = Sha256::new();
        for (site, set) in sorted {
            let mut hashes: Vec<u64> = set.lines.iter().copied().collect();
            hashes.sort_unstable();
            h.update((site.len() as u64).to_le_bytes());
            h.update(site.as_bytes());
            h.update((hashes.len() as u64).to_le_bytes());
            for x in hashes {
                h.update(x.to_le_bytes());
            }
        }
        Some(crate::hex(&h.finalize()))
    }
}

/// The configuration hash of a run or map that applied `table`: `base`
/// itself when the table is empty (it changes nothing), else a hash of
/// both in the same `sha256:` form.
pub fn config_hash(base: String, table: &SitewideTable) -> String {
    match table.digest() {
        None => base,
        Some(d) => {
            let mut h = Sha256::new();
            h.update(base.as_bytes());
            h.update(b"|sitewide|");
            h.update(d.as_bytes());
            format!("sha256:{}", crate::hex(&h.finalize()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOOTER: &str = "© 2026 Daily Widget. All rights reserved.";

    fn doc(i: usize) -> Vec<String> {
        vec![
            format!("Story {} says something only it says.", "x".repeat(i + 1)),
            FOOTER.to_string(),
            format!("{} min read", i % 7 + 2),
            "Sign up for our newsletter".to_string(),
            "Sign up for our newsletter".to_string(),
        ]
    }

    #[test]
    fn the_hash_is_fixed() {
        // (FNV-1a itself is checked against its test vectors in `crate::hash`.)
        assert_eq!(line_hash("  Foo, BAR! "), line_hash("foo bar"));
        assert_eq!(line_hash("© 2025 X"), line_hash("© 2026 x"));
        assert_eq!(line_hash("— · —"), None);
    }

    /// The definition of the line key, a `char` at a time, against which
    /// the walk with its byte path is checked.
    fn reference_normalize(line: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in line.chars() {
            if c.is_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                if c.is_numeric() {
                    out.push('0');
                } else {
                    out.extend(c.to_lowercase());
                }
            } else if c.is_whitespace() {
                space = true;
            }
        }
        out
    }

    /// `normalize` and `line_hash` of `line` are its reference normal form
    /// and that form's FNV-1a hash (`None` when the form is empty).
    fn hashes_its_normalised_form(line: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let n = reference_normalize(line);
        proptest::prop_assert_eq!(&normalize(line), &n);
        let want = (!n.is_empty()).then(|| crate::hash::fnv1a(n.as_bytes()));
        proptest::prop_assert_eq!(line_hash(line), want);
        Ok(())
    }

    proptest::proptest! {
        /// The streaming hash is the hash of the normalised line: tables
        /// written by earlier versions and `map --sitewide` stay valid.
        #[test]
        fn line_hash_hashes_the_normalised_line(
            line in "[ a-zA-Z0-9,.\t\u{0b}\u{0c}\u{85}\u{a0}\u{2003}İÅéßΣσ٣①²—·\u{10400}-]{0,40}"
        ) {
            hashes_its_normalised_form(&line)?;
        }
    }

    proptest::proptest! {
        /// Long ASCII lines, where the walk's word loop takes most of the
        /// line: words one space apart, punctuation inside and after them,
        /// runs of white space, and non-ASCII characters between them.
        #[test]
        fn long_lines_hash_their_normalised_line(
            line in "(([A-Za-z0-9]{1,9}|[ ]{1,3}|[,.'\t\r\u{0b}-]|é|\u{a0}|İ)){0,60}"
        ) {
            hashes_its_normalised_form(&line)?;
        }
    }

    proptest::proptest! {
        /// The filter in front of a site's set never hides a member, and
        /// what it lets through is decided by the set.
        #[test]
        fn the_filter_only_ever_defers_to_the_set(
            members in proptest::collection::hash_set(proptest::num::u64::ANY, 0..300),
            others in proptest::collection::vec(proptest::num::u64::ANY, 0..300),
        ) {
            let t = SiteTable::new(members.clone());
            for h in members.iter().chain(&others) {
                proptest::prop_assert_eq!(t.contains(*h), members.contains(h));
            }
        }
    }

    #[test]
    fn sites() {
        assert_eq!(
            site_of(Some("https://www.Example.com:8080/a?b"), "f.warc#1"),
            "example.com"
        );
        assert_eq!(
            site_of(Some("http://user@news.example.org/x"), "f"),
            "news.example.org"
        );
        assert_eq!(
            site_of(Some("not a url"), "dump.warc.gz#12"),
            "dump.warc.gz"
        );
        assert_eq!(site_of(None, "a/b.jsonl#3"), "a/b.jsonl");
    }

    #[test]
    fn repeated_lines_of_a_site() {
        let mut s = SitewideLines::default();
        for i in 0..6 {
            let d = doc(i);
            s.add_document("widget.example", d.iter().map(String::as_str));
        }
        assert_eq!(s.site_docs("widget.example"), 6);
        assert!(s.is_sitewide("widget.example", FOOTER));
        assert!(s.is_sitewide(
            "widget.example",
            "© 2031 DAILY WIDGET — all rights reserved"
        ));
        assert!(s.is_sitewide("widget.example", "9 min read"));
        // Counted once per document, not per occurrence.
        assert_eq!(s.count("widget.example", "Sign up for our newsletter"), 6);
        assert!(!s.is_sitewide("widget.example", "Story xxx says something only it says."));
        assert!(!s.is_sitewide("other.example", FOOTER));
        assert!(!s.is_sitewide("widget.example", "---"));
    }

    #[test]
    fn small_sites_keep_their_lines() {
        let mut s = SitewideLines::new(3, 5);
        for _ in 0..4 {
            s.add_document("tiny.example", [FOOTER]);
        }
        assert!(!s.is_sitewide("tiny.example", FOOTER));
        s.add_document("tiny.example", ["something else"]);
        assert!(s.is_sitewide("tiny.example", FOOTER));
    }

    #[test]
    fn merging_is_order_independent() {
        let docs: Vec<(String, Vec<String>)> = (0..12)
            .map(|i| (format!("s{}.example", i % 3), doc(i)))
            .collect();
        let mut whole = SitewideLines::default();
        for (site, d) in &docs {
            whole.add_document(site, d.iter().map(String::as_str));
        }
        let mut parts: Vec<SitewideLines> = (0..4).map(|_| SitewideLines::default()).collect();
        for (i, (site, d)) in docs.iter().enumerate() {
            parts[(i * 7) % 4].add_document(site, d.iter().map(String::as_str));
        }
        let mut forward = SitewideLines::default();
        for p in parts.iter().cloned() {
            forward.merge(p);
        }
        let mut backward = SitewideLines::default();
        for p in parts.into_iter().rev() {
            backward.merge(p);
        }
        assert_eq!(forward, whole);
        assert_eq!(backward, whole);
        // Per site: four stories of its own and three shared lines.
        assert_eq!(whole.pairs(), 3 * (4 + 3));
    }

    #[test]
    fn tables_round_trip_and_concatenations_merge() {
        let mut a = SitewideLines::default();
        let mut b = SitewideLines::default();
        for i in 0..6 {
            let d = doc(i);
            let part = if i % 2 == 0 { &mut a } else { &mut b };
            part.add_document("widget.example", d.iter().map(String::as_str));
        }
        let mut whole = a.clone();
        whole.merge(b.clone());
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        a.write(&mut ta).unwrap();
        b.write(&mut tb).unwrap();
        // Each shard alone has 3 documents: too few for a site-wide line.
        assert!(SitewideLines::read(&ta[..]).unwrap().table().is_empty());
        let mut both = tb.clone();
        both.extend_from_slice(&ta);
        let read = SitewideLines::read(&both[..]).unwrap();
        assert_eq!(read, whole);
        assert!(!read.table().is_empty());
        assert_eq!(read.table(), whole.table());
        let err = SitewideLines::read(&b"{\"site\": 3}\n"[..]).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn the_table_keeps_only_what_the_second_pass_needs() {
        let mut s = SitewideLines::default();
        for i in 0..6 {
            let d = doc(i);
            s.add_document("widget.example", d.iter().map(String::as_str));
        }
        s.add_document("tiny.example", [FOOTER]);
        let t = s.table();
        assert_eq!(t.sites(), 1);
        // The footer, "N min read" and the newsletter line; no story.
        assert_eq!(t.lines_of("widget.example"), 3);
        assert!(t.digest().is_some());
        assert_eq!(SitewideTable::default().digest(), None);
        assert_eq!(
            config_hash("sha256:x".into(), &SitewideTable::default()),
            "sha256:x"
        );
        let h = config_hash("sha256:x".into(), &t);
        assert!(h.starts_with("sha256:") && h != "sha256:x");
    }

    #[test]
    fn marks_spare_a_page_that_is_mostly_shared_prose() {
        let mut s = SitewideLines::default();
        for i in 0..6 {
            let d = doc(i);
            s.add_document("widget.example", d.iter().map(String::as_str));
        }
        let t = s.table();
        let lines = ["A long story of its own.", FOOTER];
        assert_eq!(
            t.marks(Some("widget.example"), &lines, &[400, 40]),
            vec![false, true]
        );
        assert_eq!(
            t.marks(Some("other.example"), &lines, &[400, 40]),
            vec![false, false]
        );
        assert_eq!(t.marks(None, &lines, &[400, 40]), vec![false, false]);
        // A line given as `None` is not hashed, so not marked, however
        // shared it is.
        let given = [
            None,
            Some(("A long story of its own.", 400)),
            Some((FOOTER, 40)),
        ];
        assert_eq!(
            t.marks_of(Some("widget.example"), given.into_iter()),
            vec![false, false, true]
        );
        // The shared line is most of the page's prose: a copy, kept whole.
        assert_eq!(
            t.marks(Some("widget.example"), &lines, &[40, 400]),
            vec![false, false]
        );
    }
}
