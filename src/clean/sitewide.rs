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
//! pair, plus each site's name once; lines themselves are not kept.
//! Merging adds counts, which is commutative and associative, so the
//! result does not depend on how documents were split or merged.

use std::collections::HashMap;

/// FNV-1a, 64-bit: a fixed, portable hash (no per-process seed).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The normalised form of a line under which repeats are counted.
pub fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
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

/// The hash a line is counted under; `None` for a line with no letters or
/// digits.
pub fn line_hash(line: &str) -> Option<u64> {
    let n = normalize(line);
    (!n.is_empty()).then(|| fnv1a(n.as_bytes()))
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
        }
    }

    /// First pass: counts one document's lines for its site.
    pub fn add_document<'a>(&mut self, site: &str, lines: impl IntoIterator<Item = &'a str>) {
        let mut hashes: Vec<u64> = lines.into_iter().filter_map(line_hash).collect();
        hashes.sort_unstable();
        hashes.dedup();
        let entry = match self.sites.get_mut(site) {
            Some(s) => s,
            None => self.sites.entry(site.to_string()).or_default(),
        };
        entry.docs = entry.docs.saturating_add(1);
        for h in hashes {
            let c = entry.lines.entry(h).or_default();
            *c = c.saturating_add(1);
        }
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
        // FNV-1a test vectors.
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
        assert_eq!(line_hash("  Foo, BAR! "), line_hash("foo bar"));
        assert_eq!(line_hash("© 2025 X"), line_hash("© 2026 x"));
        assert_eq!(line_hash("— · —"), None);
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
}
