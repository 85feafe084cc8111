//! Clean: a raw scrape → the article body, its title, publisher and date.
//!
//! Takes a [`RawDocument`] whose text is a flattened scrape (one block per
//! line, navigation and widgets included); gives a [`CleanDocument`] whose
//! `text` holds the body paragraphs only, one per paragraph separated by a
//! blank line, with counts of what was removed. Refuses nothing: a document
//! whose every line is furniture comes out with an empty body.
//!
//! The line classifier follows jusText (Pomikálek 2011): each line is
//! classed by length, stop-word density and shape, then lines that cannot
//! decide by themselves (headings, short FAQ questions) take the class of
//! their neighbourhood. Whole-line patterns and "related news"-style section
//! markers come from `data/clean/` and can be extended by `--config`.

pub mod html;
mod lines;
pub mod sitewide;

use crate::document::{CleanDocument, Dct, Published, PublishedFrom, RawDocument, Removed};
use crate::error::Result;
use crate::extract::dates::DateTagger;
use crate::extract::{MentionValue, TimexType};
use lines::{Class, LineFeatures, StopWords};
use regex::{Regex, RegexSet};
use sitewide::SitewideTable;
use std::collections::HashSet;

const BOILERPLATE: &str = include_str!("../../data/clean/boilerplate.txt");
const TRAILERS: &str = include_str!("../../data/clean/trailers.txt");
const COMMENT_MARKS: &str = include_str!("../../data/clean/comment_marks.txt");
const STOPWORDS: &str = include_str!("../../data/clean/stopwords.txt");
/// Function words of other languages, for the prose density only (the entity
/// recogniser reads the English list alone: "de", "van", "SA" are parts of
/// names in English news).
const STOPWORDS_OTHER: &str = include_str!("../../data/clean/stopwords_other.txt");

/// Non-comment lines of a data file.
pub(crate) fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `patterns` as whole-line, case-insensitive regexes (a trailing colon
/// allowed when `trailing_colon`).
fn whole_line_patterns(patterns: &[String], trailing_colon: bool) -> Vec<String> {
    let colon = if trailing_colon { r"\s*:?" } else { "" };
    patterns
        .iter()
        .map(|p| format!(r"(?i)^(?:{p}){colon}$"))
        .collect()
}

fn whole_line_set(
    patterns: &[String],
    trailing_colon: bool,
) -> std::result::Result<LineSet, regex::Error> {
    LineSet::new(&whole_line_patterns(patterns, trailing_colon))
}

/// A set of whole-line patterns, and the bytes a line it matches can end
/// in. Every line of every document is tested against three such sets,
/// and a lazy DFA may walk a prose line a long way before it fails
/// ("<name> said:" as ".{1,80}\b(says|said|wrote)\s*:" reads 80
/// characters, and gives way to a slower engine at the first non-ASCII one
/// for its Unicode `\b`): a line that ends in a byte no pattern of the set
/// can end in is not searched. (Only the comment marks have such bytes to
/// spare today: a pattern ending in `.*` or `.{0,40}` can end anywhere.)
struct LineSet {
    set: RegexSet,
    /// `None` when some pattern may end in any byte (or the end could not
    /// be worked out): then every line is tested.
    last_bytes: Option<[bool; 256]>,
}

impl LineSet {
    fn new(full: &[String]) -> std::result::Result<LineSet, regex::Error> {
        Ok(LineSet {
            set: RegexSet::new(full)?,
            last_bytes: last_bytes(full),
        })
    }

    fn is_match(&self, line: &str) -> bool {
        if let Some(last) = &self.last_bytes {
            let can_end = line
                .as_bytes()
                .last()
                .is_some_and(|&b| last[usize::from(b)]);
            if !can_end {
                return false;
            }
        }
        self.set.is_match(line)
    }
}

/// The bytes a match of one of `patterns` can end in, worked out on the
/// patterns' syntax trees (as `RegexSet::new` parses them: the regex
/// crate's defaults, Unicode on); `None` if a pattern can match the empty
/// string or does not parse. A character class's non-ASCII characters
/// count as every UTF-8 continuation byte (their last byte is one).
fn last_bytes(patterns: &[String]) -> Option<[bool; 256]> {
    let mut last = [false; 256];
    for p in patterns {
        let hir = regex_syntax::Parser::new().parse(p).ok()?;
        if ends_in(&hir, &mut last) {
            return None;
        }
    }
    Some(last)
}

/// Marks in `last` the bytes a match of `hir` can end in; whether it can
/// also match the empty string (then what comes before it can end the
/// match too).
fn ends_in(hir: &regex_syntax::hir::Hir, last: &mut [bool; 256]) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.last() {
            Some(&b) => {
                last[usize::from(b)] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(cls)) => {
            for r in cls.iter() {
                for c in r.start()..=r.end().min('\x7f') {
                    last[c as usize] = true;
                }
                if r.end() > '\x7f' {
                    last[0x80..0xc0].iter_mut().for_each(|x| *x = true);
                }
            }
            false
        }
        HirKind::Class(Class::Bytes(cls)) => {
            for r in cls.iter() {
                for b in r.start()..=r.end() {
                    last[usize::from(b)] = true;
                }
            }
            false
        }
        HirKind::Repetition(rep) => ends_in(&rep.sub, last) || rep.min == 0,
        HirKind::Capture(cap) => ends_in(&cap.sub, last),
        HirKind::Concat(parts) => {
            // From the end: each part can end the match while all the parts
            // after it can match the empty string.
            for part in parts.iter().rev() {
                if !ends_in(part, last) {
                    return false;
                }
            }
            true
        }
        HirKind::Alternation(alts) => {
            // Every branch is marked, whether or not an earlier one can be
            // empty.
            let mut empty = false;
            for alt in alts {
                empty |= ends_in(alt, last);
            }
            empty
        }
    }
}

/// The compiled cleaner. Build once, share across threads.
pub struct Cleaner {
    /// The boilerplate patterns (the first `boilerplate_len`) and then the
    /// trailer markers, in one set: nearly every line matches neither, and
    /// one search of the set says so where two searches (each with its
    /// fixed cost, larger than the few bytes an anchored pattern reads of
    /// a prose line) did; a line it matches is searched again for which.
    furniture: LineSet,
    boilerplate_len: usize,
    /// Comment-thread marks ("<name> said:", "Reply", "Rating: 36 Votes").
    comment_marks: LineSet,
    stopwords: StopWords,
    /// "Title -- Publisher" style header lines.
    title_publisher: Regex,
    /// Words that label a dateline ("Published: ...", "Updated on ...").
    dateline_label: Regex,
}

/// Extra patterns from the user's config.
#[derive(Clone, Debug, Default)]
pub struct CleanerConfig {
    pub boilerplate: Vec<String>,
    pub trailers: Vec<String>,
    pub comment_marks: Vec<String>,
}

impl Cleaner {
    pub fn new(extra: &CleanerConfig) -> Result<Cleaner> {
        let mut bp: Vec<String> = data_lines(BOILERPLATE).map(String::from).collect();
        bp.extend(extra.boilerplate.iter().cloned());
        let mut tr: Vec<String> = data_lines(TRAILERS).map(String::from).collect();
        tr.extend(extra.trailers.iter().cloned());
        let mut cm: Vec<String> = data_lines(COMMENT_MARKS).map(String::from).collect();
        cm.extend(extra.comment_marks.iter().cloned());
        let bad = |e: regex::Error| crate::Error::Config {
            path: "boilerplate patterns".into(),
            message: e.to_string(),
        };
        Ok(Cleaner {
            furniture: {
                let mut full = whole_line_patterns(&bp, false);
                full.extend(whole_line_patterns(&tr, true));
                LineSet::new(&full).map_err(bad)?
            },
            boilerplate_len: bp.len(),
            comment_marks: whole_line_set(&cm, false).map_err(bad)?,
            stopwords: StopWords::new(
                data_lines(STOPWORDS)
                    .chain(data_lines(STOPWORDS_OTHER))
                    .flat_map(|l| l.split_whitespace()),
            ),
            title_publisher: Regex::new(r"^(?P<title>\S.{8,}?\S)\s+(?:--|—|–|\||-|::|·)\s+(?P<publisher>[^|·—–]{2,50}?)\s*$").expect("title pattern"),
            dateline_label: Regex::new(r"(?i)\b(?:published|posted|updated|last updated|first published|date|on|at|by|am|pm|a\.m\.|p\.m\.|utc|gmt|[ecmp][sd]t|this article)\b|[\s:|·,•\-–—()]+").expect("label pattern"),
        })
    }

    /// Cleans one document. `crawled` resolves relative datelines ("2d ago")
    /// and completes dates that lack a year.
    pub fn clean(
        &self,
        raw: &RawDocument,
        dates: &DateTagger,
        crawled: Option<&Dct>,
    ) -> CleanDocument {
        self.clean_in_corpus(raw, dates, crawled, &SitewideTable::default())
    }

    /// [`Cleaner::clean`] with the corpus's site-wide lines
    /// ([`sitewide`]): those of the document's site are furniture.
    pub fn clean_in_corpus(
        &self,
        raw: &RawDocument,
        dates: &DateTagger,
        crawled: Option<&Dct>,
        sitewide: &SitewideTable,
    ) -> CleanDocument {
        let lines: Vec<LineFeatures> = raw
            .text
            .lines()
            // Blank lines (about half the lines of a scrape) are dropped
            // before their features are worked out, not after: their
            // `text` is the trimmed line, so the same lines are kept.
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| LineFeatures::new(l, &self.stopwords))
            .collect();
        // How often each line's key occurs in the document, and whether a
        // line repeats an earlier one: one hash-map look-up per line, the
        // rest by line index.
        let (counts, repeats) = key_counts(&lines);
        let mut class: Vec<Class> = lines
            .iter()
            .zip(&counts)
            .map(|(l, &n)| self.classify(l, n))
            .collect();
        // A scrape hard-wrapped at a fixed width (or in a language whose
        // function words the list lacks) has no line long or dense enough
        // to be good: then its longer prose-like lines count as good.
        if !class.contains(&Class::Good) {
            for (c, l) in class.iter_mut().zip(&lines) {
                if *c == Class::NearGood && l.words >= 8 {
                    *c = Class::Good;
                }
            }
        }

        // Lines that repeat an earlier one are duplicates, whatever they say.
        for (c, &repeat) in class.iter_mut().zip(&repeats) {
            if repeat {
                *c = Class::Duplicate;
            }
        }

        // Lines the document's site prints on many pages (a footer, a
        // standing pitch) are furniture, however prose-like: marked before
        // the context step so that their neighbours see them as such.
        if !sitewide.is_empty() {
            let site = sitewide::document_site(raw);
            // A line that is furniture or a repeat already keeps its class
            // and weighs nothing: it is not hashed.
            let marks = sitewide.marks_of(
                site.as_deref(),
                lines.iter().zip(&class).map(|(l, &c)| match c {
                    Class::Bad | Class::Duplicate => None,
                    Class::Good => Some((l.text, l.chars)),
                    _ => Some((l.text, 0)),
                }),
            );
            for (c, m) in class.iter_mut().zip(marks) {
                if m && *c != Class::Duplicate {
                    *c = Class::Bad;
                }
            }
        }

        // Publication date: metadata first, then a dateline in the header.
        let body_start = body_start(&class);
        let header_end = body_start.unwrap_or(lines.len()).min(lines.len());
        let mut published = from_metadata(raw.meta.published.as_deref(), dates);
        let mut datelines = HashSet::new();
        for (i, line) in lines.iter().enumerate().take(header_end) {
            if let Some(p) = self.dateline(line, None, dates, crawled) {
                datelines.insert(i);
                if class[i] != Class::Duplicate {
                    class[i] = Class::Bad;
                }
                published.get_or_insert(p);
            }
        }

        // Entry stamps: below the header, a date or time alone on a line
        // heads an entry of a list (a comment, a teaser), not a paragraph.
        for i in header_end..lines.len() {
            if matches!(class[i], Class::Short | Class::NearGood | Class::Bad)
                && self.is_stamp(&lines[i], dates, crawled)
            {
                class[i] = Class::Stamp;
            }
        }

        // Title and publisher: from metadata, a "Title -- Publisher" header,
        // or the heading above the body (a repeated one first).
        let mut title = raw.meta.title.clone();
        let mut publisher = None;
        // At most two keys (the header line's and the title's): every line's
        // key is compared with them, which a hash set made a SipHash of
        // every line.
        let mut title_lines: Vec<String> = Vec::with_capacity(2);
        if let Some((t, p, norm)) = self.header_line(&lines, &class, &counts) {
            title.get_or_insert(t);
            publisher = Some(p);
            title_lines.push(norm);
        }
        if title.is_none() {
            let candidates: Vec<usize> = (0..header_end)
                .filter(|&i| {
                    matches!(class[i], Class::Short | Class::NearGood)
                        && !datelines.contains(&i)
                        && lines[i].is_heading_like()
                })
                .collect();
            let best = candidates
                .iter()
                .find(|&&i| counts[i] > 1)
                .or(candidates.first());
            title = best.map(|&i| lines[i].text.to_string());
        }
        if let Some(t) = &title {
            // The line walk's key, which is `normalize` of the trimmed
            // text (pinned by the walk's proptest), in fewer instructions.
            title_lines.push(LineFeatures::new(t, &self.stopwords).norm);
        }
        for (i, l) in lines.iter().enumerate() {
            if title_lines.contains(&l.norm) && class[i] != Class::Duplicate {
                class[i] = Class::Bad;
            }
        }

        // A related-articles list that names this article often dates it
        // ("1mo ago <title> · THIS ARTICLE").
        if let (None, Some(t), Some(key)) = (&published, &title, title_lines.last()) {
            // `mentions_title` with the title's key worked out once (the
            // last of `title_lines`), not once a line.
            for (i, line) in lines.iter().enumerate() {
                if line.mentions_title_key(t, || key) && !title_lines.contains(&line.norm) {
                    if let Some(p) = self.dateline(line, title.as_deref(), dates, crawled) {
                        published = Some(p);
                        if class[i] != Class::Duplicate {
                            class[i] = Class::Bad;
                        }
                        break;
                    }
                }
            }
        }

        let keep = decide(&class, &lines);
        let mut removed = Removed::default();
        let mut text = String::with_capacity(raw.text.len());
        for (i, l) in lines.iter().enumerate() {
            if keep[i] {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(l.text);
            } else if class[i] == Class::Duplicate {
                removed.duplicate += 1;
            } else {
                removed.boilerplate += 1;
            }
        }
        CleanDocument {
            title,
            publisher,
            published,
            text,
            removed,
        }
    }

    /// Cleans an HTML page: the article's blocks by DOM scoring
    /// ([`html::extract`]), repeated blocks removed, the title, date,
    /// publisher and URL from the page's metadata unless the input gave them.
    pub fn clean_html(
        &self,
        raw: &RawDocument,
        dates: &DateTagger,
    ) -> (CleanDocument, Option<String>) {
        let page = html::extract(&raw.text);
        let mut removed = Removed {
            boilerplate: page.dropped,
            duplicate: 0,
        };
        let title = raw.meta.title.clone().or(page.title);
        let title_norm = title.as_deref().map(lines::normalize);
        let mut seen = HashSet::new();
        let mut text = String::with_capacity(raw.text.len() / 4);
        let crawled = raw.meta.crawled.as_deref().and_then(|c| Dct::parse(c).ok());
        let mut dated = None;
        // The header: blocks before the first paragraph of prose.
        let header_end = page
            .blocks
            .iter()
            .position(|b| b.chars().count() >= 150)
            .unwrap_or(page.blocks.len());
        for (i, block) in page.blocks.iter().enumerate() {
            let norm = lines::normalize(block);
            // The headline, also when <title> adds " - Site Name" to it.
            let is_title = title_norm.as_ref().is_some_and(|t| {
                *t == norm || (i < header_end && norm.len() >= 15 && t.starts_with(&norm))
            });
            if is_title {
                removed.boilerplate += 1;
                continue;
            }
            // A dateline ("Published 16 March 2026 · 3 min read") dates the page.
            // Its parts may be separated by "·" or "|" ("3 min read").
            if i < header_end && block.chars().count() <= 120 {
                let found = block.split(['·', '|', '•']).find_map(|part| {
                    let line = LineFeatures::new(part, &self.stopwords);
                    self.dateline(&line, None, dates, crawled.as_ref())
                });
                if let Some(p) = found {
                    dated.get_or_insert(p);
                    removed.boilerplate += 1;
                    continue;
                }
            }
            if !seen.insert(norm) {
                removed.duplicate += 1;
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(block);
        }
        let published = from_metadata(raw.meta.published.as_deref(), dates)
            .or_else(|| from_metadata(page.published.as_deref(), dates))
            .or(dated);
        let doc = CleanDocument {
            title,
            publisher: page.publisher,
            published,
            text,
            removed,
        };
        (doc, raw.meta.url.clone().or(page.url))
    }

    /// Whether `text` matches a boilerplate pattern, and whether it
    /// matches a trailer marker.
    fn furniture(&self, text: &str) -> (bool, bool) {
        if !self.furniture.is_match(text) {
            return (false, false);
        }
        let matched = self.furniture.set.matches(text);
        let boilerplate = matched.iter().any(|i| i < self.boilerplate_len);
        let trailer = matched.iter().any(|i| i >= self.boilerplate_len);
        (boilerplate, trailer)
    }

    fn classify(&self, l: &LineFeatures, count: usize) -> Class {
        if self.comment_marks.is_match(l.text) {
            return Class::CommentMark;
        }
        let (boilerplate, trailer) = self.furniture(l.text);
        if boilerplate || l.is_structural_junk() {
            return Class::Bad;
        }
        if trailer {
            return Class::Trailer;
        }
        if l.is_cut_off() {
            return Class::Bad;
        }
        // A short name-like line that recurs is a byline or a category label.
        if count > 1 && l.words <= 4 && !l.ends_sentence {
            return Class::Bad;
        }
        l.class()
    }

    /// A "Title -- Publisher" line: the title, the publisher and the
    /// normalized line. The most repeated such line wins, then the first.
    fn header_line(
        &self,
        lines: &[LineFeatures],
        class: &[Class],
        counts: &[usize],
    ) -> Option<(String, String, String)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, l) in lines.iter().enumerate() {
            if l.ends_sentence || l.words > 30 || class[i] == Class::Bad {
                continue;
            }
            let Some(c) = self.title_publisher.captures(l.text) else {
                continue;
            };
            let (Some(t), Some(p)) = (c.name("title"), c.name("publisher")) else {
                continue;
            };
            let title_words = t.as_str().split_whitespace().count();
            let pub_words = p.as_str().split_whitespace().count();
            let n = counts.get(i).copied().unwrap_or(0);
            // A publisher is a short capitalised name; a title is longer.
            if title_words < 3
                || pub_words > 5
                || !p.as_str().starts_with(|c: char| c.is_uppercase())
                || (n < 2 && i > 5)
            {
                continue;
            }
            if best.is_none_or(|(bn, _)| n > bn) {
                best = Some((n, i));
            }
        }
        let (_, i) = best?;
        let c = self.title_publisher.captures(lines[i].text)?;
        Some((
            c.name("title")?.as_str().to_string(),
            c.name("publisher")?.as_str().to_string(),
            lines[i].norm.clone(),
        ))
    }

    /// Is `line` a date or a time and nothing else but labels ("November
    /// 19, 2019 at 5:10 pm", "2 days ago at 07:50 am", "Posted 3h ago")?
    fn is_stamp(&self, line: &LineFeatures, dates: &DateTagger, crawled: Option<&Dct>) -> bool {
        if line.words > 10 || line.ends_sentence && line.words > 6 {
            return false;
        }
        let mut found = Vec::new();
        dates.tag(line.text, crawled, &mut found);
        let mut rest = String::with_capacity(line.text.len());
        let mut at = 0;
        let mut any = false;
        for m in &found {
            let MentionValue::Date(d) = &m.value else {
                continue;
            };
            if !matches!(d.kind, TimexType::Date | TimexType::Time) || m.span.start < at {
                continue;
            }
            any = true;
            rest.push_str(line.text.get(at..m.span.start).unwrap_or(""));
            rest.push(' ');
            at = m.span.end;
        }
        rest.push_str(line.text.get(at..).unwrap_or(""));
        any && self
            .dateline_label
            .replace_all(&rest, "")
            .trim()
            .chars()
            .all(|c| !c.is_alphanumeric() || c.is_ascii_digit())
    }

    /// If `line` is a dateline (a date and at most a label, or the date
    /// heading an entry that repeats the title), the publication date.
    fn dateline(
        &self,
        line: &LineFeatures,
        title: Option<&str>,
        dates: &DateTagger,
        crawled: Option<&Dct>,
    ) -> Option<Published> {
        if line.words > 12 && !line.mentions_title(title) {
            return None;
        }
        let mut found = Vec::new();
        dates.tag(line.text, crawled, &mut found);
        let m = found.iter().find(|m| matches!(&m.value, MentionValue::Date(d) if d.kind == TimexType::Date && d.timex.is_some()))?;
        let MentionValue::Date(d) = &m.value else {
            return None;
        };
        let timex = d.timex.clone()?;
        let before = &line.text[..m.span.start];
        let after = &line.text[m.span.end..];
        let rest_is_label = |s: &str| {
            self.dateline_label
                .replace_all(s, "")
                .trim()
                .chars()
                .all(|c| !c.is_alphanumeric() || c.is_ascii_digit())
        };
        let is_dateline =
            rest_is_label(before) && (rest_is_label(after) || line.mentions_title(title));
        if !is_dateline || !is_calendar_date(&timex) {
            return None;
        }
        let relative = !contains_year(m.span.slice(line.text));
        if let Some(rest) = timex.strip_prefix("XXXX") {
            // A day and month with no year: the latest such date not after
            // the crawl, or left underspecified without one.
            let Some(crawl) = crawled else {
                return Some(Published {
                    timex,
                    from: PublishedFrom::Text,
                });
            };
            let mut year = crawl.date.year();
            let candidate = |y: i16| format!("{y:04}{rest}");
            let parsed = |s: &str| s.parse::<jiff::civil::Date>().ok();
            let mut value = candidate(year);
            if let Some(d) = parsed(&value) {
                if d > crawl.date {
                    year -= 1;
                    value = candidate(year);
                }
            }
            return Some(Published {
                timex: value,
                from: PublishedFrom::Inferred,
            });
        }
        let from = if relative && crawled.is_some() {
            PublishedFrom::Inferred
        } else {
            PublishedFrom::Text
        };
        Some(Published { timex, from })
    }
}

/// Per line, how many lines of the document share its key, and whether
/// an earlier line has it (a repeat).
fn key_counts(lines: &[LineFeatures]) -> (Vec<usize>, Vec<bool>) {
    // Never iterated: the hasher cannot change an output.
    let mut slots: rustc_hash::FxHashMap<&str, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(lines.len(), Default::default());
    let mut slot_of = Vec::with_capacity(lines.len());
    let mut per_slot: Vec<usize> = Vec::with_capacity(lines.len());
    let mut repeats = Vec::with_capacity(lines.len());
    for l in lines {
        let fresh = per_slot.len();
        let slot = *slots.entry(l.norm.as_str()).or_insert(fresh);
        if slot == fresh {
            per_slot.push(0);
        }
        if let Some(n) = per_slot.get_mut(slot) {
            *n += 1;
        }
        repeats.push(slot != fresh);
        slot_of.push(slot);
    }
    let counts = slot_of
        .iter()
        .map(|&s| per_slot.get(s).copied().unwrap_or(0))
        .collect();
    (counts, repeats)
}

fn contains_year(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// A TIMEX3 value that names a calendar day, month or year (possibly
/// without its year), as opposed to a duration or a reference word.
fn is_calendar_date(timex: &str) -> bool {
    let b = timex.as_bytes();
    b.len() >= 4
        && (b[..4].iter().all(u8::is_ascii_digit) || &b[..4] == b"XXXX")
        && !timex.contains("REF")
}

/// A publication date stated by metadata (the input's or the page's).
fn from_metadata(value: Option<&str>, dates: &DateTagger) -> Option<Published> {
    value
        .and_then(|v| metadata_date(v, dates))
        .map(|timex| Published {
            timex,
            from: PublishedFrom::Metadata,
        })
}

/// A publication date from input metadata: ISO dates and datetimes
/// directly, anything else through the date tagger.
fn metadata_date(value: &str, dates: &DateTagger) -> Option<String> {
    if let Ok(dct) = Dct::parse(value) {
        return Some(dct.date.to_string());
    }
    let mut found = Vec::new();
    dates.tag(value, None, &mut found);
    found.into_iter().find_map(|m| match m.value {
        MentionValue::Date(d) if d.kind == TimexType::Date => {
            d.timex.filter(|t| is_calendar_date(t))
        }
        _ => None,
    })
}

/// Where the body starts: the first good line followed closely by more good
/// text (a lone good line above the furniture is a teaser, not the body).
fn body_start(class: &[Class]) -> Option<usize> {
    let live: Vec<usize> = (0..class.len())
        .filter(|&i| {
            !matches!(
                class[i],
                Class::Bad | Class::Duplicate | Class::Stamp | Class::CommentMark
            )
        })
        .collect();
    for (k, &i) in live.iter().enumerate() {
        if class[i] != Class::Good {
            continue;
        }
        let next_good = live[k + 1..]
            .iter()
            .take(3)
            .any(|&j| class[j] == Class::Good);
        if next_good
            || live.len() == k + 1
            || class.iter().filter(|&&c| c == Class::Good).count() == 1
        {
            return Some(i);
        }
    }
    None
}

/// The shape of a list item: whether it holds a digit, and the first
/// separator inside it ("June 9 – Tampa, FL @ Arena" gives `(true, '–')`).
/// Prose, menus ("Home", "World") and lone words have none.
fn item_shape(l: &LineFeatures) -> Option<(bool, char)> {
    if l.words < 2 || l.words > 25 || l.ends_sentence {
        return None;
    }
    let t = l.text.trim_end_matches(|c: char| !c.is_alphanumeric());
    let mark = t.chars().find(|&c| {
        matches!(
            c,
            '–' | '—' | '-' | '@' | ':' | '|' | '/' | ',' | '(' | '•' | '$' | '%'
        )
    })?;
    Some((t.chars().any(|c| c.is_ascii_digit()), mark))
}

/// Items of homogeneous lists after the body start: runs of at least
/// `MIN_ITEMS` consecutive short lines of one shape ([`item_shape`]). A
/// list of tour dates or results has them; a menu's items have no inner
/// separators, and four headlines in a row rarely open with the same one.
fn list_items(lines: &[LineFeatures], class: &[Class], start: usize) -> Vec<bool> {
    const MIN_ITEMS: usize = 4;
    let n = lines.len();
    let mut items = vec![false; n];
    let shape = |i: usize| {
        if matches!(class[i], Class::Short | Class::NearGood) {
            item_shape(&lines[i])
        } else {
            None
        }
    };
    let mut i = start;
    while i < n {
        let Some(s) = shape(i) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < n && shape(j).as_ref() == Some(&s) {
            j += 1;
        }
        if j - i >= MIN_ITEMS {
            items[i..j].iter_mut().for_each(|x| *x = true);
        }
        i = j;
    }
    items
}

/// A line's class in the context step.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Good,
    Bad,
    NearGood,
    Short,
}

/// A document without a single prose line — a wire table of results
/// ("Shr 2.31 dlrs vs 1.96 dlrs", "Net 119.0 mln vs 101.0 mln"), a list of
/// short items — is not all furniture: keep every line that is not
/// furniture on its face, rather than return an empty body.
fn without_prose(class: &[Class], lines: &[LineFeatures]) -> Vec<bool> {
    // Menu items are one or two words ("Home", "Latest News"); a table row
    // has a label and figures ("Net 119.0 mln vs 101.0 mln").
    class
        .iter()
        .zip(lines)
        .map(|(c, l)| matches!(c, Class::Good | Class::NearGood | Class::Short) && l.words >= 3)
        .collect()
}

/// The context step, as jusText revises its classes: which lines are body.
///
/// Lines before the body start, furniture, repeats and everything after a
/// trailer marker (until a long prose paragraph resumes the body) are bad;
/// good lines are good. Lines that cannot decide alone take their class
/// from their nearest decided neighbours (the document's edges count as
/// bad):
/// - a heading-like short line followed by good text within 200 characters
///   is near-good (a subheading);
/// - a short line between two good lines is good, between two bad ones bad;
///   between a good and a bad one, good only when a near-good line stands
///   between it and the bad one (a short line in a run of prose-like lines);
/// - a near-good line is bad only between two bad lines.
fn decide(class: &[Class], lines: &[LineFeatures]) -> Vec<bool> {
    let n = class.len();
    let Some(start) = body_start(class) else {
        return without_prose(class, lines);
    };
    let mut ctx = vec![Ctx::Bad; n];
    let mut in_trailer = false;
    // In a trailer section, a stamp opens an entry (a comment thread: name,
    // date, text, "Reply"; a list of dated teasers) that runs on through its
    // prose and short lines (names) until the next furniture line: a long
    // paragraph inside an entry does not resume the body, as a long
    // paragraph after a bare "Related News" may. (A dateline above the
    // article, followed by share buttons, opens no entry that reaches it.)
    let mut entry = false;
    for i in start..n {
        ctx[i] = match class[i] {
            Class::Trailer => {
                in_trailer = true;
                entry = false;
                Ctx::Bad
            }
            Class::Stamp => {
                entry |= in_trailer;
                Ctx::Bad
            }
            Class::CommentMark => {
                in_trailer = true;
                entry = true;
                Ctx::Bad
            }
            Class::Bad => {
                entry = false;
                Ctx::Bad
            }
            Class::Good if in_trailer && !entry && lines[i].chars >= 200 => {
                in_trailer = false;
                Ctx::Good
            }
            Class::Good if !in_trailer => Ctx::Good,
            Class::NearGood if !in_trailer => Ctx::NearGood,
            Class::Short if !in_trailer => Ctx::Short,
            _ => Ctx::Bad,
        };
    }
    // The body is one stretch of the page: the stretch with the most prose
    // for the least furniture (a maximum-sum segment, each good line worth
    // its length in characters, each furniture or short line and each
    // trailer marker a fixed cost). Prose beyond a long run of furniture — teaser lists
    // above the article, comment threads and "more stories" below it — is
    // outside. An ad block or a share bar inside the article costs less
    // than the paragraphs after it are worth, so the body goes on past it.
    const FURNITURE_COST: i64 = 60;
    const TRAILER_COST: i64 = 300;
    // A stamp heads an entry (a comment, a dated teaser) whose text is
    // typically one or two short paragraphs: costing a line of 250
    // characters, a name + stamp + summary entry adds nothing to the body,
    // while a stamped section of a live report, whose entries are longer,
    // still does.
    const STAMP_COST: i64 = 250;
    // Homogeneous list items (below) are neutral: a list inside the article
    // neither ends the body nor adds to it.
    let items = list_items(lines, class, start);
    for i in start..n {
        if items[i] && matches!(ctx[i], Ctx::Short | Ctx::NearGood) {
            ctx[i] = Ctx::NearGood;
        }
    }
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut from) = (0i64, start);
    for i in start..n {
        let v = match (ctx[i], class[i]) {
            (Ctx::Good, _) => lines[i].chars as i64,
            (_, Class::Trailer | Class::CommentMark) => -TRAILER_COST,
            (_, Class::Stamp) => -STAMP_COST,
            (Ctx::Bad, _) => -FURNITURE_COST,
            // Short lines (labels, names, teaser titles) cost as much: an
            // article's subheadings are few, a teaser list has one or two
            // per item.
            (Ctx::Short, _) => -FURNITURE_COST,
            _ => 0,
        };
        if sum <= 0 {
            sum = 0;
            from = i;
        }
        sum += v;
        if sum > best {
            best = sum;
            best_range = Some((from, i));
        }
    }
    let Some((from, mut to)) = best_range else {
        return without_prose(class, lines);
    };
    // A list that follows the last paragraph (tour dates, results, a
    // schedule: items sharing their punctuation, below at most one heading)
    // belongs to the body, however short its lines.
    let heading = to + 1 < n
        && matches!(ctx[to + 1], Ctx::Short | Ctx::NearGood)
        && lines[to + 1].words <= 12
        && !items[to + 1];
    let first = to + 1 + usize::from(heading);
    if first < n && items[first] && ctx[first] == Ctx::NearGood {
        to = first;
        while to + 1 < n && items[to + 1] && ctx[to + 1] == Ctx::NearGood {
            to += 1;
        }
        if heading {
            ctx[first - 1] = Ctx::NearGood;
        }
    }
    for (i, c) in ctx.iter_mut().enumerate() {
        if i < from || i > to {
            *c = Ctx::Bad;
        }
    }
    // Subheadings: a short heading-like line shortly before good text.
    const HEADING_DISTANCE: usize = 200;
    for i in 0..n {
        if ctx[i] != Ctx::Short || !lines[i].is_heading_like() {
            continue;
        }
        let mut distance = 0;
        for j in i + 1..n {
            if distance > HEADING_DISTANCE {
                break;
            }
            if ctx[j] == Ctx::Good {
                ctx[i] = Ctx::NearGood;
                break;
            }
            distance += lines[j].chars;
        }
    }
    // The nearest decided neighbour before (`step` -1) or after (+1) line
    // `i`, passing over short lines and repeats, and over near-good ones when
    // `skip_near`; `Bad` past the edge.
    let neighbour = |i: usize, forward: bool, skip_near: bool| -> Ctx {
        let mut j = i;
        loop {
            j = match (forward, j) {
                (true, j) if j + 1 < n => j + 1,
                (false, j) if j > 0 => j - 1,
                _ => return Ctx::Bad,
            };
            // Repeats (a page header printed again mid-page) are transparent.
            if class[j] == Class::Duplicate {
                continue;
            }
            match ctx[j] {
                Ctx::Short => continue,
                Ctx::NearGood if skip_near => continue,
                c => return c,
            }
        }
    };
    let mut keep: Vec<bool> = ctx.iter().map(|&c| c == Ctx::Good).collect();
    for i in 0..n {
        keep[i] = match ctx[i] {
            Ctx::Good => true,
            Ctx::Bad => false,
            Ctx::Short => {
                let (prev, next) = (neighbour(i, false, true), neighbour(i, true, true));
                match (prev, next) {
                    (Ctx::Good, Ctx::Good) => true,
                    (Ctx::Bad, Ctx::Bad) => false,
                    _ => {
                        (prev == Ctx::Bad && neighbour(i, false, false) == Ctx::NearGood)
                            || (next == Ctx::Bad && neighbour(i, true, false) == Ctx::NearGood)
                    }
                }
            }
            Ctx::NearGood => {
                !(neighbour(i, false, true) == Ctx::Bad && neighbour(i, true, true) == Ctx::Bad)
            }
        };
    }
    keep
}

#[cfg(test)]
mod tests;
