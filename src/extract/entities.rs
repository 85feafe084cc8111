//! Entity names → typed mentions with a canonical name per document.
//!
//! Takes a text and its sentence spans; gives `entity` mentions typed
//! PERSON, ORG, LOC or MISC, each with the canonical name it refers to in
//! this document. Refuses to guess: an acronym nobody defined ("AGI") or a
//! lone capitalised word at the start of a sentence is not a name.
//!
//! How:
//! 1. a gazetteer (`data/entities/gazetteer.tsv` plus `--config` entries)
//!    matched with one `aho-corasick` pass, case-sensitive, on whole words;
//! 2. runs of capitalised words, split at titles ("CEO"), possessives
//!    ("Microsoft’s") and punctuation, typed by their last word (legal forms
//!    and words like "Group" make an ORG), the word before them ("Mr.",
//!    "CEO" make a PERSON), a known given name, or a reporting verb after
//!    them ("Smith said"); anything else is MISC;
//! 3. headings in title case only repeat names found in the prose;
//! 4. within the document, "Amazon Web Services (AWS)" makes `AWS` an alias,
//!    "Altman" after "Sam Altman" is the same person, and "Amazon.com Inc."
//!    is "Amazon" once its legal form is dropped.

use super::{EntityMention, EntityType, Mention, MentionValue};
use crate::clean::data_lines;
use crate::error::{Error, Result};
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use rustc_hash::FxBuildHasher;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

const GAZETTEER: &str = include_str!("../../data/entities/gazetteer.tsv");
const PLACES: &str = include_str!("../../data/entities/places.tsv");
const NATIONALITIES: &str = include_str!("../../data/entities/nationalities.txt");
const GIVEN_NAMES: &str = include_str!("../../data/entities/given_names.txt");
const FAMILY_NAMES: &str = include_str!("../../data/entities/family_names.txt");
const EVERYDAY_GIVEN_NAMES: &str = include_str!("../../data/entities/everyday_given_names.txt");
const COMMON_ACRONYMS: &str = include_str!("../../data/entities/common_acronyms.txt");
const ORG_SUFFIXES: &str = include_str!("../../data/entities/org_suffixes.txt");
const PERSON_CUES: &str = include_str!("../../data/entities/person_cues.txt");
const COUNTRIES: &str = include_str!("../../data/entities/countries.txt");
const FIRST_NAMES: &str = include_str!("../../data/entities/first_names.txt");
const COMMON_WORDS: &str = include_str!("../../data/entities/common_words.txt");
const STOPWORDS: &str = include_str!("../../data/clean/stopwords.txt");
const SENTENCE_OPENERS: &str = include_str!("../../data/entities/sentence_openers.txt");

/// Capitalised words that are not names on their own.
const NOT_NAMES: &str = "january february march april may june july august september october november december \
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow \
    jan feb mar apr jun jul aug sep sept oct nov dec prime foreign second third fourth fifth last next \
    mr mrs ms dr prof sir i q a no yes not now new first one two three four five also but and or \
    according despite during under while after before as at by for from if in into of on over since so that the then \
    there these this those though through to until when where whether which while with within without yet";

/// One to seven bytes as a little-endian word, zero-padded: what copying
/// them into `[0u8; 8]` gives, without the variable-length copy (a `memcpy`
/// call per looked-up word). Two overlapping loads cover all the bytes; where
/// they overlap they carry the same bytes to the same places, so the OR
/// changes nothing there.
#[inline]
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    match n {
        4..=7 => {
            let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
            let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
        1..=3 => {
            u64::from(rest[0])
                | u64::from(rest[n / 2]) << (8 * (n / 2))
                | u64::from(rest[n - 1]) << (8 * (n - 1))
        }
        _ => {
            // Not reached (`word_key` passes words of one to seven
            // bytes); the plain copy keeps the function total.
            let mut word = [0u8; 8];
            let k = n.min(8);
            word[..k].copy_from_slice(&rest[..k]);
            u64::from_le_bytes(word)
        }
    }
}

// Fx hashing (`rustc-hash`) for the short words and names hashed per candidate.
type WordSet = HashSet<String, FxBuildHasher>;
type FxMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// An empty map with room for `n` entries (none allocated when `n` is 0).
fn fx_map<K, V>(n: usize) -> FxMap<K, V> {
    FxMap::with_capacity_and_hasher(n, Default::default())
}

/// Word → the lists it is on, as bits, while the tagger is built; frozen
/// into a `WordTable` for the look-ups.
type WordFlags = FxMap<Box<str>, u32>;

/// Word → the lists it is on, as bits. The run-typing step asks many lists
/// about the same few words; one table keeps that to one probe per question
/// (and one table's worth of cache lines) instead of one set per list.
///
/// A look-up is asked of most words of a text (the gazetteer scan, the
/// tokeniser, every capitalised word), so it is built for that: open
/// addressing over slots that hold a word's first and last eight bytes and
/// its length. A word of up to 16 bytes is compared by two integer
/// comparisons, with no hashing loop over its bytes and no `memcmp` call
/// (as `HashMap<Box<str>, _>::get` made: about 100 instructions a probe);
/// only longer words compare their middle bytes.
struct WordTable {
    slots: Vec<WordSlot>,
    /// `64 - log2(slots.len())`: the slot is the hash's top bits.
    shift: u32,
    /// All words, concatenated; `WordSlot::start` indexes into it.
    bytes: Vec<u8>,
}

#[derive(Clone, Copy)]
struct WordSlot {
    /// The first eight bytes, zero-padded (`tail_word`) when shorter.
    head: u64,
    /// The last eight bytes when longer than eight, else 0.
    tail: u64,
    /// The length, or `u32::MAX` for an empty slot (no word is that long).
    len: u32,
    flags: u32,
    /// Where the word starts in `WordTable::bytes`.
    start: u32,
}

const EMPTY_SLOT: WordSlot = WordSlot {
    head: 0,
    tail: 0,
    len: u32::MAX,
    flags: 0,
    start: 0,
};

/// A word's first and last eight bytes and its hash (two multiplies).
#[inline(always)]
fn word_key(w: &[u8]) -> (u64, u64, u64) {
    let n = w.len();
    let (head, tail) = match (w.first_chunk::<8>(), w.last_chunk::<8>()) {
        (Some(h), Some(t)) if n > 8 => (u64::from_le_bytes(*h), u64::from_le_bytes(*t)),
        (Some(h), _) => (u64::from_le_bytes(*h), 0),
        _ if n == 0 => (0, 0),
        _ => (tail_word(w), 0),
    };
    let h = (head.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ tail ^ n as u64)
        .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    (head, tail, h)
}

impl WordTable {
    fn new(words: WordFlags) -> WordTable {
        // At most half full: probes stay short.
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![EMPTY_SLOT; size],
            shift: 64 - size.trailing_zeros(),
            bytes: Vec::new(),
        };
        // (In the map's order: where a word lands changes no answer, and
        // sorting the words cost more than building the rest of the table.)
        for (w, flags) in words {
            let (head, tail, h) = word_key(w.as_bytes());
            let mut i = table.slot(h);
            while table.slots[i].len != u32::MAX {
                i = (i + 1) & (size - 1);
            }
            // Words are short (a line of a list); the table is far below
            // 4 GiB, so neither conversion can fail in practice.
            table.slots[i] = WordSlot {
                head,
                tail,
                len: u32::try_from(w.len()).unwrap_or(u32::MAX - 1),
                flags,
                start: u32::try_from(table.bytes.len()).unwrap_or(u32::MAX),
            };
            table.bytes.extend_from_slice(w.as_bytes());
        }
        table
    }

    #[inline(always)]
    fn slot(&self, h: u64) -> usize {
        // (`shift` < 64: the table has at least 16 slots.)
        (h >> self.shift) as usize
    }

    /// The flags of `word`, 0 when it is on no list. (Always inlined: it
    /// runs several times per capitalised word, and the call's register
    /// saves cost a third of a probe.)
    #[inline(always)]
    fn get(&self, word: &str) -> u32 {
        let w = word.as_bytes();
        let (head, tail, h) = word_key(w);
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let s = &self.slots[i];
            if s.len == u32::MAX {
                return 0;
            }
            if s.head == head && s.tail == tail && s.len as usize == w.len() {
                // Up to 16 bytes, head and tail cover the whole word.
                if w.len() <= 16 || self.middle_matches(s, w) {
                    return s.flags;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Bytes 8..len-8 of a long word against the stored word's.
    #[cold]
    fn middle_matches(&self, s: &WordSlot, w: &[u8]) -> bool {
        let start = s.start as usize;
        self.bytes.get(start + 8..start + w.len() - 8) == w.get(8..w.len() - 8)
    }

    /// Every word with its flags (for tests).
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.slots.iter().filter(|s| s.len != u32::MAX).map(|s| {
            let start = s.start as usize;
            let w = std::str::from_utf8(&self.bytes[start..start + s.len as usize])
                .expect("stored words are whole strings");
            (w, s.flags)
        })
    }
}

// The lists, one bit each. Keys are the words as written, except for
// `NOT_NAME` and `COMMON_WORD`, whose words are lower case and are looked up
// through `has_lower`.
/// A given name (`first_names.txt`, `given_names.txt`).
const GIVEN_NAME: u32 = 1 << 0;

/// The built-in given names, as written ("Sam", "Ursula").
fn given_name_words() -> impl Iterator<Item = &'static str> {
    data_lines(FIRST_NAMES)
        .chain(data_lines(GIVEN_NAMES))
        .flat_map(str::split_whitespace)
}

/// Is `word` one of the built-in given names? For the corpus stage, which
/// joins a surname to the one person of the corpus named "<given name> …
/// <surname>" and has no tagger at hand (`reduce` builds none).
pub fn is_given_name(word: &str) -> bool {
    static GIVEN: std::sync::OnceLock<HashSet<&'static str, FxBuildHasher>> =
        std::sync::OnceLock::new();
    GIVEN
        .get_or_init(|| given_name_words().collect())
        .contains(word)
}
/// A family name (`family_names.txt`).
const FAMILY_NAME: u32 = 1 << 1;
/// A legal form without its period (`org_suffixes.txt` [legal]): "Inc", "PBC".
const LEGAL: u32 = 1 << 2;
/// A word ending an organisation's name (`org_suffixes.txt` [name]): "Group".
const ORG_WORD: u32 = 1 << 3;
/// A word ending an event's or prize's name (`org_suffixes.txt` [misc]): "Cup".
const MISC_WORD: u32 = 1 << 4;
/// A title before a person without its period (`person_cues.txt` [titles]).
const TITLE: u32 = 1 << 5;
/// A reporting verb after a person (`person_cues.txt` [verbs]): "said".
const PERSON_VERB: u32 = 1 << 6;
/// An acronym that is no name (`common_acronyms.txt`): "CEO".
const COMMON_ACRONYM: u32 = 1 << 7;
/// A nationality adjective (`nationalities.txt`).
const NATIONALITY: u32 = 1 << 8;
/// A country, continent or home nation (`countries.txt`).
const COUNTRY: u32 = 1 << 9;
/// The first word of a gazetteer pattern: where the gazetteer scan may start.
const GAZETTEER_FIRST_WORD: u32 = 1 << 10;
/// A capitalised word that is no name alone (`NOT_NAMES`, stopwords), lower case.
const NOT_NAME: u32 = 1 << 11;
/// An everyday English word (`common_words.txt`), lower case.
const COMMON_WORD: u32 = 1 << 12;
/// `NOT_NAME` and `COMMON_WORD` shifted by this: the word's capitalised form
/// ("The" for "the") is on the list. Capitalised words are the ones asked
/// about, so `has_lower` mostly answers with one probe and no lower-casing.
const TITLED_SHIFT: u32 = 2;
const _: () = assert!((NOT_NAME | COMMON_WORD) << TITLED_SHIFT & (NOT_NAME | COMMON_WORD) == 0);
/// A word ending a place's name (`org_suffixes.txt` [place]): "Street", "Bay".
const PLACE_WORD: u32 = 1 << 15;
/// A word opening a place's name before a place or "of"
/// (`org_suffixes.txt` [place-first]): "Lake", "Gulf".
const PLACE_FIRST: u32 = 1 << 16;
const _: () = assert!((NOT_NAME | COMMON_WORD) << TITLED_SHIFT & (PLACE_WORD | PLACE_FIRST) == 0);
/// A given name that is also an everyday word (`everyday_given_names.txt`):
/// "Robin", "Tommy". No cue of a person (which is why it is not a
/// `GIVEN_NAME`), but never taken for a role before a name either.
const EVERYDAY_GIVEN: u32 = 1 << 17;

/// The built-in word lists, each with its bit (all but `GAZETTEER_FIRST_WORD`,
/// which comes from the compiled patterns).
fn word_lists() -> Vec<(u32, WordSet)> {
    let suffixes = sections(ORG_SUFFIXES);
    let cues = sections(PERSON_CUES);
    let section = |m: &HashMap<String, HashSet<String>>, name: &str| -> WordSet {
        m.get(name).into_iter().flatten().cloned().collect()
    };
    // "Inc." and "Mr." are looked up without their period.
    let strip = |s: WordSet| -> WordSet {
        s.iter()
            .map(|w| w.trim_end_matches('.').to_string())
            .collect()
    };
    let words = |src: &str| -> WordSet {
        data_lines(src)
            .flat_map(|l| l.split_whitespace())
            .map(String::from)
            .collect()
    };
    let mut not_names: WordSet = NOT_NAMES.split_whitespace().map(String::from).collect();
    not_names.extend(words(STOPWORDS));
    not_names.extend(words(SENTENCE_OPENERS));
    let given: WordSet = given_name_words().map(String::from).collect();
    let countries: WordSet = data_lines(COUNTRIES)
        .map(|l| l.trim().to_string())
        .chain(
            [
                "England",
                "Scotland",
                "Wales",
                "Northern Ireland",
                "Britain",
            ]
            .map(String::from),
        )
        .collect();
    vec![
        (GIVEN_NAME, given),
        (FAMILY_NAME, words(FAMILY_NAMES)),
        (EVERYDAY_GIVEN, words(EVERYDAY_GIVEN_NAMES)),
        (LEGAL, strip(section(&suffixes, "legal"))),
        (ORG_WORD, section(&suffixes, "name")),
        (MISC_WORD, section(&suffixes, "misc")),
        (PLACE_WORD, section(&suffixes, "place")),
        (PLACE_FIRST, section(&suffixes, "place-first")),
        (TITLE, strip(section(&cues, "titles"))),
        (PERSON_VERB, section(&cues, "verbs")),
        (COMMON_ACRONYM, words(COMMON_ACRONYMS)),
        (NATIONALITY, words(NATIONALITIES)),
        (COUNTRY, countries),
        (NOT_NAME, not_names),
        (COMMON_WORD, words(COMMON_WORDS)),
    ]
}

/// One gazetteer entry: a canonical name, its type and other names for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerEntry {
    pub ty: EntityType,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Parses gazetteer rows: `TYPE<TAB>canonical name<TAB>alias|alias`.
pub fn parse_gazetteer(src: &str, origin: &str) -> Result<Vec<GazetteerEntry>> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let bad = |m: &str| Error::Config {
            path: origin.into(),
            message: format!("line {}: {m}", n + 1),
        };
        let ty = cols
            .next()
            .and_then(EntityType::parse)
            .ok_or_else(|| bad("first column must be PERSON, ORG, LOC or MISC"))?;
        let name = cols
            .next()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("missing name"))?;
        let aliases = cols
            .next()
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        out.push(GazetteerEntry {
            ty,
            name: name.to_string(),
            aliases,
        });
    }
    Ok(out)
}

fn sections(src: &str) -> HashMap<String, HashSet<String>> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    let mut section = String::new();
    for line in data_lines(src) {
        if line.starts_with('[') {
            section = line.trim_matches(['[', ']']).to_string();
            continue;
        }
        out.entry(section.clone())
            .or_default()
            .extend(line.split_whitespace().map(String::from));
    }
    out
}

/// A place in capitals, then a region or a date after a comma, an agency in
/// brackets ("(Reuters)", "(AP)"), an ISO date, or a dash before the story
/// ("DUBLIN — ..."): a dateline's opening.
const DATELINE: &str = r"^(\p{Lu}[\p{Lu}'.\-]+(?: \p{Lu}[\p{Lu}'.\-]+){0,3})(?: ?, [\p{Lu}\d]| \(\p{Lu}[\p{L}.&' ]{0,30}\)| \d{4}-\d{2}-\d{2}|( ?(?:--?|–|—) ))";

/// The compiled entity recogniser. Build once, share across threads.
pub struct EntityTagger {
    /// Anchored at word starts, leftmost-longest.
    gazetteer: AhoCorasick,
    /// The two bytes a gazetteer pattern opens with, as `first << 8 | second`.
    first_bytes: Vec<bool>,
    /// Where the skip stops (`next_open`), one table load per byte: the
    /// bytes a gazetteer pattern opens with (capitals, mostly), less the
    /// small letters that open patterns only before a capital ("iPhone",
    /// "xAI"), plus all capitals. (Stopping at every "i" of a text cost
    /// more than the rest of the skip: the scan threw nearly all away.)
    stops: [bool; 256],
    /// The opening bytes left out of `stops`: found by the capital after
    /// them.
    before_capital: [bool; 256],
    /// When the ASCII stops are the capitals (as with the built-in data),
    /// whether any byte of another script is a stop: `next_stop` then finds
    /// them eight at a time by arithmetic ([`ascii_upper_bits`]).
    capital_stops: Option<bool>,
    /// Per gazetteer pattern: (type, canonical name, upper-case form).
    targets: Vec<(EntityType, String, bool)>,
    /// Every word list as one table, word → flags (`GIVEN_NAME`, …): one
    /// probe answers all lists for a word.
    words: WordTable,
    acronym_def: Regex,
    /// Whether a line opens with a dateline, and where it ends ([`DATELINE`]).
    dateline: Regex,
    /// The dateline's groups, read within the match [`dateline`] found:
    /// [`DATELINE`] with its bracket's `{0,30}` unbounded. The bounded
    /// repeat of a Unicode class made an NFA so large that readying a
    /// capture engine for each dateline (one opens most agency stories)
    /// cost more than the rest of the line's tagging. Within the match the
    /// two agree: a bracket the bound refused ends past it (see
    /// `dateline_groups_match_the_regex_crate`).
    ///
    /// [`dateline`]: EntityTagger::dateline
    dateline_groups: Regex,
}

/// Where a mention's type came from, strongest last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    Guess,
    Cue,
    /// A legal form after the name ("Ruch SA"): an organisation, whatever
    /// other cues say about the bare name.
    Form,
    Gazetteer,
}

#[derive(Clone, Debug)]
struct Candidate<'a> {
    span: Span,
    ty: EntityType,
    /// Borrowed from the gazetteer or the text wherever it can be: most
    /// candidates never reach the output, so owning each name cost an
    /// allocation per candidate.
    canonical: Cow<'a, str>,
    evidence: Evidence,
    /// An acronym kept only in case the document defines it.
    tentative: bool,
}

impl<'a> Candidate<'a> {
    /// A confident candidate found by a cue (a suffix, a title, a given name).
    fn cue(span: Span, ty: EntityType, canonical: impl Into<Cow<'a, str>>) -> Candidate<'a> {
        Candidate {
            span,
            ty,
            canonical: canonical.into(),
            evidence: Evidence::Cue,
            tentative: false,
        }
    }
}

/// A sentence's words as the run search takes them: all of them or its
/// windows (`window_tokens_into`), the indices of the capitalised ones,
/// and whether the sentence has a colon up to the byte after it.
#[derive(Clone, Copy)]
struct SentenceWords<'a, 't> {
    tokens: &'a [Token<'t>],
    capitalised: &'a [usize],
    colon: bool,
}

#[derive(Clone, Copy, Debug)]
struct Token<'t> {
    span: Span,
    text: &'t str,
}

impl Token<'_> {
    /// (Always inlined: asked of every word, mostly settled by its first byte.)
    #[inline(always)]
    fn is_capitalised(&self) -> bool {
        // Most words are ASCII: decide by their first bytes when that is enough.
        let bytes = self.text.as_bytes();
        match (bytes.first(), bytes.get(1)) {
            (Some(b), _) if b.is_ascii_uppercase() => return true,
            (Some(b), Some(n)) if b.is_ascii_lowercase() && n.is_ascii() => {
                return n.is_ascii_uppercase()
            }
            (Some(b), None) if b.is_ascii_lowercase() => return false,
            (Some(b), _) if b.is_ascii() && !b.is_ascii_lowercase() => return false,
            (None, _) => return false,
            _ => {}
        }
        let mut chars = self.text.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            // "iPhone", "eBay": a brand written with a lower-case first letter.
            Some(c) if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
            _ => false,
        }
    }

    fn is_acronym(&self) -> bool {
        if self.text.is_ascii() {
            // One pass over the bytes: no small letter, two capitals or more.
            let mut capitals = 0;
            for b in self.text.bytes() {
                if b.is_ascii_lowercase() {
                    return false;
                }
                capitals += usize::from(b.is_ascii_uppercase());
            }
            return capitals >= 2;
        }
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && self
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    }
}

impl Default for EntityTagger {
    fn default() -> Self {
        Self::new(&[]).expect("built-in entity data is valid")
    }
}

impl EntityTagger {
    /// The tagger over the built-in data plus `extra` gazetteer entries.
    pub fn new(extra: &[GazetteerEntry]) -> Result<EntityTagger> {
        // Later entries win for the same surface: generated places, then
        // nationalities, then the curated list, then the user's.
        let mut entries = parse_gazetteer(PLACES, "data/entities/places.tsv")?;
        for line in data_lines(NATIONALITIES) {
            for name in line.split_whitespace() {
                entries.push(GazetteerEntry {
                    ty: EntityType::Misc,
                    name: name.replace('_', " "),
                    aliases: Vec::new(),
                });
            }
        }
        entries.extend(parse_gazetteer(GAZETTEER, "data/entities/gazetteer.tsv")?);
        entries.extend(extra.iter().cloned());
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut seen = HashSet::new();
        // Later entries (the user's) win over built-in ones for the same surface.
        for e in entries.iter().rev() {
            for surface in std::iter::once(&e.name).chain(&e.aliases) {
                if seen.insert(surface.clone()) {
                    patterns.push(surface.clone());
                    targets.push((e.ty, e.name.clone(), false));
                }
            }
        }
        // Upper-case forms, valid only inside all-caps headlines and datelines.
        for e in entries.iter().rev() {
            for surface in std::iter::once(&e.name).chain(&e.aliases) {
                let upper = surface.to_uppercase();
                if upper.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && seen.insert(upper.clone())
                {
                    patterns.push(upper);
                    targets.push((e.ty, e.name.clone(), true));
                }
            }
        }
        // Which bytes a pattern can open with: the scan tries only word starts
        // that open with one of them.
        let mut first_bytes = vec![false; 1 << 16];
        for p in &patterns {
            match *p.as_bytes() {
                [a, b, ..] => first_bytes[usize::from(a) << 8 | usize::from(b)] = true,
                [a] => first_bytes[usize::from(a) << 8..(usize::from(a) + 1) << 8].fill(true),
                [] => {}
            }
        }
        let mut opens = [false; 256];
        for p in &patterns {
            if let Some(&a) = p.as_bytes().first() {
                opens[usize::from(a)] = true;
            }
        }
        let (stops, before_capital) = skip_stops(&opens, &first_bytes);
        let capital_stops = (0..0x80u8)
            .all(|b| stops[usize::from(b)] == b.is_ascii_uppercase())
            .then(|| stops[0x80..].contains(&true));
        // The word lists, plus the first word of each pattern as the scan
        // cuts words, merged into one table.
        let mut words = WordFlags::default();
        for (flag, list) in word_lists() {
            for w in list {
                if flag & (NOT_NAME | COMMON_WORD) != 0 {
                    if let Some(titled) = titled(&w) {
                        *words.entry(titled.into_boxed_str()).or_default() |= flag << TITLED_SHIFT;
                    }
                }
                *words.entry(w.into_boxed_str()).or_default() |= flag;
            }
        }
        for p in &patterns {
            let w = &p[..alnum_run(p, 0)];
            if !w.is_empty() {
                *words.entry(w.into()).or_default() |= GAZETTEER_FIRST_WORD;
            }
        }
        let gazetteer = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .map_err(|e| Error::Config {
                path: "gazetteer".into(),
                message: e.to_string(),
            })?;
        Ok(EntityTagger {
            gazetteer,
            first_bytes,
            stops,
            before_capital,
            capital_stops,
            targets,
            words: WordTable::new(words),
            dateline: Regex::new(DATELINE).expect("dateline pattern"),
            dateline_groups: Regex::new(&DATELINE.replace("{0,30}", "*"))
                .expect("dateline pattern"),
            acronym_def: Regex::new(r"^\s*\((\p{Lu}[\p{Lu}\p{N}&.\-]{1,9})\)")
                .expect("acronym pattern"),
        })
    }

    /// Appends the entity mentions of `text` to `out`.
    pub fn tag(&self, text: &str, sentences: &[Span], out: &mut Vec<Mention>) {
        self.tag_with(text, sentences, out, true);
    }

    /// `tag`, reading only the words the run search can look at
    /// (`window_tokens_into`) where `windowed`, else every word: the tests
    /// hold the two to the same mentions.
    fn tag_with(&self, text: &str, sentences: &[Span], out: &mut Vec<Mention>, windowed: bool) {
        let mut gazetteer = self.gazetteer_matches(text);
        // Gazetteer matches inside a sentence's words, moved into `found` after the loop.
        let mut used = vec![false; gazetteer.len()];
        // Room for the runs of most documents (news text has about one per
        // 80 bytes): growing from empty reallocated four or five times.
        let mut found: Vec<Candidate> = Vec::with_capacity(text.len() / 64);
        let mut headings = Vec::new();
        let mut caps_line = CapsMemo::default();
        let sentences = self.rejoin(text, sentences);
        // One token buffer for the document, sized once for its longest
        // sentence (growing it sentence by sentence cost a realloc each).
        let longest = sentences.iter().map(Span::len).max().unwrap_or(0);
        let mut tokens = Vec::with_capacity(longest / 5 + 1);
        let mut capitalised = Vec::new();
        let mut words = Vec::new();
        // The gazetteer matches (in text order) before the last sentence's
        // start: sentences come in text order, so the next sentence's
        // matches are found by stepping on from there rather than by two
        // binary searches each.
        let (mut lo, mut last_start) = (0, 0);
        for &sentence in &sentences {
            // (A line in capitals is a heading whatever its words.)
            if caps_line.is_caps(text, sentence.start, sentence.end) {
                headings.push(sentence);
                continue;
            }
            let s = sentence.slice(text);
            // A heading has no full stop (`is_heading`), and a label needs a
            // colon up to the byte after its word: a sentence with neither,
            // as most, is read by its windows.
            let closed = trim_end(s).ends_with(HEADING_STOPS);
            let colon = text
                .as_bytes()
                .get(sentence.start..(sentence.end + 1).min(text.len()))
                .is_some_and(|b| memchr::memchr(b':', b).is_some());
            if windowed && closed && !colon {
                self.window_tokens_into(text, sentence, &mut tokens, &mut capitalised);
            } else {
                self.tokens_into(text, sentence, &mut tokens, &mut capitalised);
                if !closed && is_heading(&tokens, s, |w| self.is_not_name(w)) {
                    headings.push(sentence);
                    continue;
                }
            }
            if sentence.start < last_start {
                lo = 0;
            }
            last_start = sentence.start;
            lo += gazetteer[lo..]
                .iter()
                .take_while(|g| g.span.start < sentence.start)
                .count();
            let hi = lo
                + gazetteer[lo..]
                    .iter()
                    .take_while(|g| g.span.start < sentence.end)
                    .count();
            if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
                for (g, u) in gazetteer[lo..hi].iter().zip(&mut used[lo..hi]) {
                    *u = g.span.start >= first.span.start && g.span.end <= last.span.end;
                }
            }
            let sentence = SentenceWords {
                tokens: &tokens,
                capitalised: &capitalised,
                colon,
            };
            self.sentence_candidates(text, sentence, &gazetteer[lo..hi], &mut found, &mut words);
        }
        // The sentences' gazetteer matches first: they win ties with runs.
        // (Merged by position, which leaves the sort below little to do.)
        let runs = std::mem::take(&mut found);
        let order = |c: &Candidate| (c.span.start, std::cmp::Reverse(c.span.end));
        let matches = gazetteer
            .iter_mut()
            .zip(&used)
            .filter(|(_, u)| **u)
            // (Only spans and types of these are looked at from here on.)
            .map(|(g, _)| Candidate {
                canonical: std::mem::take(&mut g.canonical),
                ..*g
            });
        merge_before_ties(&mut found, matches, runs, order);
        // "LONGYEAR , Norway 1996-08-30", "WASHINGTON (Reuters)": a dateline
        // opens its line with a place in capitals.
        // (The newlines by `memchr`'s vector search: a text is mostly long
        // paragraph lines, which `split('\n')` walked a word at a time.)
        let mut line_start = 0;
        let line_ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
        for line_end in line_ends {
            let base = line_start;
            let line = text.get(base..line_end).unwrap_or("");
            line_start = line_end + 1;
            // Only a line that opens with two capitals can be a dateline.
            let mut chars = line.chars();
            if !(chars.next().is_some_and(char::is_uppercase)
                && chars
                    .next()
                    .is_some_and(|c| c.is_uppercase() || "'.-".contains(c)))
            {
                continue;
            }
            let Some(m) = self.dateline_match(line) else {
                continue;
            };
            if let Some((place, place_text)) = m.get(1).map(|g| (g.range(), g.as_str())) {
                let span = Span::new(base + place.start, base + place.end);
                // The gazetteer's reading of the capitals: "DUBLIN" is
                // Dublin; "NASA - ..." opens with an organisation instead.
                // A dash follows acronyms too ("NASA - ..."): then only a
                // known place counts.
                let known = self.whole_match(place_text);
                let not_place = match known {
                    Some((ty, _)) => ty != EntityType::Loc,
                    None => m.get(2).is_some(),
                };
                if !not_place && !gazetteer.iter().any(|g| g.span.overlaps(span)) {
                    found.retain(|c| !c.span.overlaps(span));
                    let canonical = known.map_or(place_text, |(_, name)| name);
                    found.push(Candidate::cue(span, EntityType::Loc, canonical));
                }
                // "PARAMARIBO , Surinam 1996-08-30": the region after the comma too.
                let rest = &line[place.end..];
                let region = rest
                    .strip_prefix(" , ")
                    .or_else(|| rest.strip_prefix(", "))
                    .and_then(|r| {
                        let date = r.find(|c: char| c.is_ascii_digit())?;
                        let name = r[..date].trim_end();
                        let dated = r[date..].len() >= 10
                            && r.as_bytes().get(date + 4) == Some(&b'-')
                            && r[date..date + 4].bytes().all(|b| b.is_ascii_digit());
                        (dated
                            && !name.is_empty()
                            && name.split(' ').count() <= 3
                            && name.split(' ').all(|w| w.starts_with(char::is_uppercase)))
                        .then_some(name)
                    });
                if let Some(name) = region {
                    let start = base
                        + (line.len() - rest.len())
                        + (rest.len() - rest.trim_start_matches([' ', ',']).len());
                    let span = Span::new(start, start + name.len());
                    if span.slice(text) == name && !gazetteer.iter().any(|g| g.span.overlaps(span))
                    {
                        found.retain(|c| !c.span.overlaps(span));
                        found.push(Candidate::cue(span, EntityType::Loc, name));
                    }
                }
            }
        }
        // Headings and all-caps lines only repeat names the prose established
        // (or the gazetteer knows): by upper-case form, so that "SHEARER" in
        // a headline finds "Alan Shearer", and by surname.
        if !headings.is_empty() {
            let mut known: FxMap<String, (EntityType, Cow<'_, str>, Evidence)> = FxMap::default();
            for c in found.iter().filter(|c| !c.tentative) {
                let value = (c.ty, c.canonical.clone(), c.evidence);
                if c.ty == EntityType::Person {
                    if let Some(last) = c.canonical.split_whitespace().last() {
                        known.entry(last.to_uppercase()).or_insert(value.clone());
                    }
                }
                known.insert(c.span.slice(text).to_uppercase(), value);
            }
            let mut extra: Vec<Candidate> = Vec::new();
            for &h in &headings {
                for g in gazetteer.iter().filter(|g| h.contains(g.span)) {
                    extra.push(g.clone());
                }
                let tokens: Vec<Token<'_>> = self
                    .tokens(text, h)
                    .into_iter()
                    .map(strip_possessive)
                    .collect();
                // The heading in capitals once, when that keeps its offsets.
                let heading = h.slice(text);
                let upper = heading.is_ascii().then(|| heading.to_ascii_uppercase());
                let upper_of = |span: Span| -> std::borrow::Cow<'_, str> {
                    match upper
                        .as_deref()
                        .and_then(|u| u.get(span.start - h.start..span.end - h.start))
                    {
                        Some(u) => u.into(),
                        None => span.slice(text).to_uppercase().into(),
                    }
                };
                let mut i = 0;
                while i < tokens.len() {
                    // The longest run of up to four words that is a known name.
                    let hit = (1..=4.min(tokens.len() - i)).rev().find_map(|n| {
                        let span = Span::new(tokens[i].span.start, tokens[i + n - 1].span.end);
                        known.get(upper_of(span).as_ref()).map(|v| (n, span, v))
                    });
                    match hit {
                        Some((n, span, (ty, canonical, evidence))) => {
                            if !extra.iter().any(|c| c.span.overlaps(span)) {
                                extra.push(Candidate {
                                    span,
                                    ty: *ty,
                                    canonical: canonical.clone(),
                                    evidence: *evidence,
                                    tentative: false,
                                });
                            }
                            i += n;
                        }
                        None => i += 1,
                    }
                }
            }
            found.extend(extra);
        }
        found.sort_by_key(order);
        found.dedup_by(|b, a| a.span.overlaps(b.span));
        // "Iraqi Kurds", "Bosnian Serb": two nationality words in a row are one.
        found.dedup_by(|b, a| {
            let join = a.ty == EntityType::Misc
                && b.ty == EntityType::Misc
                && a.evidence == Evidence::Gazetteer
                && b.evidence == Evidence::Gazetteer
                && b.span.start == a.span.end + 1
                && text.as_bytes().get(a.span.end) == Some(&b' ')
                && self.has(a.span.slice(text), NATIONALITY)
                && self.has(b.span.slice(text), NATIONALITY);
            if join {
                a.span.end = b.span.end;
                a.canonical = a.span.slice(text).into();
            }
            join
        });
        // "Barnsley 2 Darlington 1", "Hull 4 2 2 0": a name with a score or
        // a table row after it is a team, an organisation (national sides
        // stay places). Decided per mention, after the document's voting.
        let mut teams: Vec<Span> = Vec::new();
        for c in found.iter_mut() {
            if self.is_team(text, c) {
                c.tentative = false;
                teams.push(c.span);
            }
        }
        self.link(text, &mut found);
        for c in found.iter_mut() {
            if teams
                .binary_search_by_key(&c.span.start, |s| s.start)
                .is_ok()
            {
                c.ty = EntityType::Org;
            }
        }
        out.extend(found.into_iter().map(|c| Mention {
            span: c.span,
            value: MentionValue::Entity(EntityMention {
                ty: c.ty,
                canonical: c.canonical.into_owned(),
            }),
        }));
    }

    /// The gazetteer match anchored at `i`, a position the scan found to be
    /// a possible start (`run_end` is the end of the word there, or of the
    /// character): pushes it, with an organisation's legal form, to `out`
    /// and returns where the scan goes on (after the match, or after the
    /// word on a miss). Shared by the scan and the frozen reference scan in
    /// the tests, which differ only in how they find the starts.
    #[inline]
    fn gazetteer_match_at<'t>(
        &'t self,
        text: &'t str,
        i: usize,
        run_end: usize,
        caps_memo: &mut CapsMemo,
        out: &mut Vec<Candidate<'t>>,
    ) -> usize {
        let input = Input::new(text).span(i..text.len()).anchored(Anchored::Yes);
        // (On a miss, the rest of a word holds no start: go to its end.)
        let Some(m) = self.gazetteer.find(input) else {
            return run_end;
        };
        let after = text[m.end()..].chars().next();
        // "U.S." ends in a period; a following letter still ends the word.
        if after.is_some_and(char::is_alphanumeric) && !text[..m.end()].ends_with('.') {
            return run_end;
        }
        let (ty, canonical, upper) = &self.targets[m.pattern().as_usize()];
        if *upper && !caps_memo.is_caps(text, m.start(), m.end()) {
            return run_end;
        }
        if *ty == EntityType::Loc && self.ends_a_compound_name(text, m.start()) {
            return run_end;
        }
        let mut end = m.end();
        if *ty == EntityType::Org {
            // "OpenAI Group PBC", "Nvidia Corp.": a known name with its legal
            // form; "Toyota Motor Corp", "Barclays Bank Plc": with the
            // organisation words of its full name before the legal form too.
            // Without a legal form after them the words name a part of it
            // ("Labour Department", "BBC Radio"), which the run joins make.
            let mut scan = end;
            while let Some(next) = text[scan..].strip_prefix(' ') {
                let word: &str = next
                    .split(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | '’' | '\'')
                    })
                    .next()
                    .unwrap_or("");
                let bare = word.trim_end_matches('.');
                let flags = if bare.is_empty() { 0 } else { self.flags(bare) };
                if flags & (LEGAL | ORG_WORD) == 0 {
                    break;
                }
                let legal = flags & LEGAL != 0;
                scan += 1 + bare.len() + usize::from(word.ends_with('.') && legal);
                if legal || matches!(bare, "Group" | "Holdings" | "Holding") {
                    end = scan;
                }
            }
        }
        out.push(Candidate {
            span: Span::new(m.start(), end),
            ty: *ty,
            canonical: Cow::Borrowed(canonical.as_str()),
            evidence: Evidence::Gazetteer,
            tentative: false,
        });
        // Matches do not overlap: go on after this one.
        end
    }

    /// Is the place at `start` the end of a hyphenated name ("Hydro-Quebec",
    /// "Pan-Alberta"): glued by a hyphen to a capitalised word that is no
    /// place itself ("Austria-Hungary" is two), a combining form of one
    /// ("Indo-Pakistan", "Sino-Japanese") or in capitals ("D-Iowa")?
    fn ends_a_compound_name(&self, text: &str, start: usize) -> bool {
        let Some(before) = text[..start].strip_suffix('-') else {
            return false;
        };
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(before.len(), |(k, _)| k);
        let word = &before[word_start..];
        // (a party's letter, "D-Iowa", or an acronym, "EC-U.S.", is no name)
        word.starts_with(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase)
            && !matches!(
                word,
                "Afro"
                    | "Anglo"
                    | "Austro"
                    | "Euro"
                    | "Franco"
                    | "Greco"
                    | "Indo"
                    | "Italo"
                    | "Judeo"
                    | "Russo"
                    | "Sino"
                    | "Serbo"
                    | "Turco"
                    | "Hispano"
                    | "Luso"
            )
            && self
                .gazetteer
                .find(Input::new(word).anchored(Anchored::Yes))
                .is_none_or(|m| m.end() != word.len())
    }

    fn gazetteer_matches<'t>(&'t self, text: &'t str) -> Vec<Candidate<'t>> {
        // Room for most documents' matches (about one per 200 bytes of news).
        let mut out = Vec::with_capacity(text.len() / 128);
        let mut caps_memo = CapsMemo::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        // A match may start at a word's first letter or digit, or at any
        // other character; whether one does depends only on the text from
        // there on. So the scan jumps straight to the bytes some pattern
        // opens with (a pattern opens with a whole character, so these are
        // never inside one) and tries those that are such starts, rather
        // than walking every word. The words of the tokeniser's pass are not
        // the gazetteer's: "Amazon.com" is one token but "com" may open a
        // pattern.
        loop {
            i = self.next_open(bytes, i);
            let Some(&b) = bytes.get(i) else { break };
            // Most bytes the skip stops at are inside a word (capitals, and
            // the `i` of every "is" and "in" for "iPhone"), where no match
            // starts: an ASCII letter or digit after another settles those
            // with one load. (Going on from the next byte rather than from
            // the word's end tries the same positions: none inside a word
            // is a start.)
            if ASCII_ALNUM[usize::from(b)]
                && i.checked_sub(1)
                    .and_then(|k| bytes.get(k))
                    .is_some_and(|&p| ASCII_ALNUM[usize::from(p)])
            {
                i += 1;
                continue;
            }
            let second = bytes.get(i + 1).copied().unwrap_or(0);
            // No pattern opens with these two bytes: settled before the word
            // is measured. (The bytes inside a character open no pattern:
            // the skip passes them.)
            if !self.first_bytes[usize::from(b) << 8 | usize::from(second)] {
                i += 1;
                continue;
            }
            let (width, word) = if b < 0x80 {
                (1, ASCII_ALNUM[usize::from(b)])
            } else {
                match text.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) => (c.len_utf8(), c.is_alphanumeric()),
                    None => break,
                }
            };
            // Was the char before `i` a letter or digit?
            let after_word = match i.checked_sub(1).and_then(|k| bytes.get(k)) {
                None => false,
                Some(&p) if p < 0x80 => ASCII_ALNUM[usize::from(p)],
                Some(_) => text
                    .get(..i)
                    .and_then(|r| r.chars().next_back())
                    .is_some_and(char::is_alphanumeric),
            };
            let run_end = if word && b < 0x80 {
                // The word's ASCII letters and digits by an index loop (the
                // counting iterator of `alnum_run` cost twice as much per
                // byte here), then `alnum_run` for any other script's
                // letters after them: from there it reads what it would
                // have read from `i`.
                let mut e = i + 1;
                while e < bytes.len() && ASCII_ALNUM[usize::from(bytes[e])] {
                    e += 1;
                }
                match bytes.get(e) {
                    Some(&n) if n >= 0x80 => alnum_run(text, e),
                    _ => e,
                }
            } else if word {
                alnum_run(text, i)
            } else {
                i + width
            };
            if word && after_word {
                // Inside a word: no match starts here; go to its end.
                i = run_end;
                continue;
            }
            // A word start is tried only when some pattern opens with its two
            // bytes (above) and with this very word ("Hong" of "Hong Kong").
            if word && !self.has(&text[i..run_end], GAZETTEER_FIRST_WORD) {
                i = run_end;
                continue;
            }
            i = self.gazetteer_match_at(text, i, run_end, &mut caps_memo, &mut out);
        }
        out
    }

    /// The first position at or after `i` whose byte some gazetteer
    /// pattern opens with before its next byte (`first_bytes`), or a
    /// position before it, or the end of `bytes`. (The scan passes any
    /// position where no pattern opens, going on from the next byte.)
    #[inline(always)]
    fn next_open(&self, bytes: &[u8], i: usize) -> usize {
        let at = self.next_stop(bytes, i);
        // A pattern that opens with a byte left out of `stops` has a
        // capital next: it opens right before the first capital.
        match at.checked_sub(1).and_then(|k| bytes.get(k)) {
            Some(&b) if at > i && self.before_capital[usize::from(b)] => at - 1,
            _ => at,
        }
    }

    /// The first position at or after `i` whose byte is one of `stops`,
    /// or the end of `bytes`.
    #[inline(always)]
    fn next_stop(&self, bytes: &[u8], mut i: usize) -> usize {
        if let Some(high) = self.capital_stops {
            // The capitals (and, if any is a stop, every byte of another
            // script: the scan passes those that open nothing) of eight
            // bytes by a few word-wide operations, where the table gather
            // below takes a load and a shift per byte.
            let others = if high { HIGH_BITS } else { 0 };
            while let Some(c) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                let x = u64::from_le_bytes(*c);
                let mask = ascii_upper_bits(x) | (x & others);
                if mask != 0 {
                    return i + (mask.trailing_zeros() / 8) as usize;
                }
                i += 8;
            }
        }
        let stops = &self.stops;
        // Eight bytes at a time, their table entries gathered into one
        // mask: most of a text is small letters and spaces, which a
        // byte-at-a-time loop paid a load, a test and a branch each for.
        while let Some(c) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            let mask = c
                .iter()
                .enumerate()
                .fold(0u32, |m, (k, &b)| m | u32::from(stops[usize::from(b)]) << k);
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 8;
        }
        i + bytes.get(i..).map_or(0, |rest| {
            rest.iter().take_while(|&&b| !stops[usize::from(b)]).count()
        })
    }

    /// The gazetteer entry (type, canonical name) whose surface is all of `s`.
    fn whole_match(&self, s: &str) -> Option<(EntityType, &str)> {
        let m = self
            .gazetteer
            .find(Input::new(s).anchored(Anchored::Yes))
            .filter(|m| m.end() == s.len())?;
        let (ty, canonical, _) = self.targets.get(m.pattern().as_usize())?;
        Some((*ty, canonical.as_str()))
    }

    fn tokens<'t>(&self, text: &'t str, sentence: Span) -> Vec<Token<'t>> {
        let mut out = Vec::new();
        self.tokens_into(text, sentence, &mut out, &mut Vec::new());
        out
    }

    /// The words of `sentence` into `out`, and the indices of those that
    /// are capitalised ([`Token::is_capitalised`]) into `capitalised`, both
    /// cleared first, so that one buffer serves every sentence of a
    /// document. (Read while the word's first bytes are at hand, the
    /// capitalised words spare the run search a test of every word.)
    fn tokens_into<'t>(
        &self,
        text: &'t str,
        sentence: Span,
        out: &mut Vec<Token<'t>>,
        capitalised: &mut Vec<usize>,
    ) {
        self.scan_tokens::<false>(text, sentence, out, capitalised);
    }

    /// The words of `sentence` that the run search can look at, when the
    /// sentence has no colon (no label to find among its first words): its
    /// first and last words, every capitalised word with the word before
    /// it and the word after it, and after a connector ("of", "van") the
    /// word after that too; `capitalised` indexes into `out`. Where the
    /// search steps from a capitalised word to its neighbours these are
    /// the neighbours `tokens_into` gives, so it finds the same runs
    /// (pinned by `windowed_tokens_keep_the_neighbours` and
    /// `windowed_tagging_is_the_full_tagging`). Most words of news are
    /// small letters far from a capital: the stretches between are passed
    /// eight bytes at a time, not read word by word.
    fn window_tokens_into<'t>(
        &self,
        text: &'t str,
        sentence: Span,
        out: &mut Vec<Token<'t>>,
        capitalised: &mut Vec<usize>,
    ) {
        self.scan_tokens::<true>(text, sentence, out, capitalised);
    }

    /// `tokens_into` (`WINDOW` false) or `window_tokens_into` (true): one
    /// word reader for both, which differ only in the words they keep.
    /// (Not inlined into `tag_with`: there it kept more of its state on the
    /// stack, 3.5 M instructions more on 1,500 articles.)
    #[inline(never)]
    fn scan_tokens<'t, const WINDOW: bool>(
        &self,
        text: &'t str,
        sentence: Span,
        out: &mut Vec<Token<'t>>,
        capitalised: &mut Vec<usize>,
    ) {
        out.clear();
        capitalised.clear();
        let s = sentence.slice(text);
        if !WINDOW {
            out.reserve(s.len() / 5 + 1);
        }
        let bytes = s.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        // (Windowed only.) Where the last word read is, when it is not in
        // `out`: it goes there after all if the next word is capitalised.
        // (Its place rather than the word: two words to carry, not four.)
        let mut last: Option<Span> = None;
        // Words still to keep after a capitalised word (and a connector).
        let mut want = 0usize;
        // The stop the last jump went to: no jump until the reader is past
        // it (else it would jump to the same place again).
        let mut guard = 0usize;
        // One word read: kept or not, then (windowed) perhaps a jump.
        macro_rules! emit {
            ($t:expr, $cap:expr) => {{
                let t: Token<'t> = $t;
                if !WINDOW {
                    if $cap {
                        capitalised.push(out.len());
                    }
                    out.push(t);
                } else {
                    if $cap {
                        if let Some(span) = last {
                            out.push(Token {
                                span,
                                text: span.slice(text),
                            });
                        }
                        capitalised.push(out.len());
                        out.push(t);
                        want = 1;
                        last = None;
                    } else if want > 0 || out.is_empty() {
                        out.push(t);
                        want = want.saturating_sub(1) + usize::from(is_connector(t.text));
                        last = None;
                    } else {
                        last = Some(t.span);
                    }
                    if want == 0 && i > guard {
                        (i, guard) = resync(bytes, i);
                    }
                }
            }};
        }
        // Most words are ASCII letters and digits between spaces: read here
        // by one index over the bytes and two table-driven loops. A word
        // that may go on (a joiner, a period, another script) or that opens
        // with another script is read by `next_token`, from the same place.
        while i < n {
            let first = bytes[i];
            if !WORD_START[usize::from(first)] {
                i += 1;
                continue;
            }
            if ASCII_ALNUM[usize::from(first)] {
                let start = i;
                i += 1;
                while i < n && ASCII_ALNUM[usize::from(bytes[i])] {
                    i += 1;
                }
                if i == n || !WORD_GOES_ON[usize::from(bytes[i])] {
                    if let Some(word) = s.get(start..i) {
                        // `is_capitalised` of a word of ASCII letters and
                        // digits: a capital, or a small letter and then a
                        // capital ("iPhone"). (The byte after a one-letter
                        // word is no capital: it ends the word.)
                        let cap = first.is_ascii_uppercase()
                            || (first.is_ascii_lowercase()
                                && bytes.get(start + 1).is_some_and(u8::is_ascii_uppercase));
                        emit!(
                            Token {
                                span: Span::new(start, i).offset(sentence.start),
                                text: word,
                            },
                            cap
                        );
                    }
                    continue;
                }
                i = start;
            }
            let Some((start, end)) = next_token(s, i) else {
                break;
            };
            i = end;
            if let Some(t) = self.word_token(s, sentence.start, start, end) {
                emit!(t, t.is_capitalised());
            }
        }
        if let Some(span) = last.filter(|_| WINDOW) {
            out.push(Token {
                span,
                text: span.slice(text),
            });
        }
    }

    /// The word at `start..end` of the sentence `s` (which starts at
    /// `offset` in the text).
    fn word_token<'t>(
        &self,
        s: &'t str,
        offset: usize,
        start: usize,
        mut end: usize,
    ) -> Option<Token<'t>> {
        // "Inc." and "Mr." keep their period.
        if s.as_bytes().get(end) == Some(&b'.')
            && s.get(start..end)
                .is_some_and(|word| self.flags(word) & (LEGAL | TITLE) != 0)
        {
            end += 1;
        }
        s.get(start..end).map(|word| Token {
            span: Span::new(start, end).offset(offset),
            text: word,
        })
    }

    /// `words` is scratch space for a run's words, kept by the caller so
    /// that one buffer serves every run of a document (a vector per run was
    /// an allocation per candidate).
    fn sentence_candidates<'t>(
        &'t self,
        text: &'t str,
        sentence: SentenceWords<'_, 't>,
        gazetteer: &[Candidate<'_>],
        found: &mut Vec<Candidate<'t>>,
        words: &mut Vec<Token<'t>>,
    ) {
        let SentenceWords {
            tokens,
            capitalised,
            colon: colon_in_sentence,
        } = sentence;
        let in_gazetteer = |t: &Token<'_>| gazetteer.iter().any(|g| g.span.overlaps(t.span));
        // "Infrastructure Resilience and Scalability: Diversifying cloud...":
        // a title-case label before a colon names a topic, not an entity, and
        // the word after the colon opens the sentence proper.
        // The colon comes right after one of the first ten words: a
        // sentence with no colon from the end of the first to the byte
        // after the tenth (as most) has no label, settled by one byte
        // search rather than a test per word. (`colon_in_sentence`: the
        // caller found a colon up to the byte after the sentence, which
        // holds these bytes; without one there is no need to look.)
        let head = match (tokens.first(), tokens[..tokens.len().min(10)].last()) {
            (Some(first), Some(tenth)) => text
                .as_bytes()
                .get(first.span.end..(tenth.span.end + 1).min(text.len())),
            _ => None,
        };
        let colon = colon_in_sentence && head.is_some_and(|h| memchr::memchr(b':', h).is_some());
        let label_end = tokens
            .iter()
            .take(if colon { 10 } else { 0 })
            .position(|t| {
                // "Results: ..." but not "4:08.96" or "10:30". (The byte
                // after the word settles most words.)
                text.as_bytes().get(t.span.end) == Some(&b':')
                    && text.get(t.span.end + 1..).is_some_and(|rest| {
                        rest.is_empty() || rest.starts_with(char::is_whitespace)
                    })
                    && !t.text.bytes().all(|b| b.is_ascii_digit())
            })
            .filter(|&k| {
                let caps = tokens[..=k].iter().filter(|t| t.is_capitalised()).count();
                caps * 3 >= (k + 1) * 2
            });
        let sentence_start = match label_end {
            Some(k) => tokens.get(k + 1).map(|t| t.span.start),
            None => tokens.first().map(|t| t.span.start),
        };
        // `not_name_and_title` of the word that stopped the last run, by
        // token index: that word is asked again as the next run's first.
        let mut asked: Option<(usize, (bool, bool))> = None;
        // (The label's words are passed over: no run starts in them.)
        let mut i = label_end.map_or(0, |k| k + 1);
        // Most words are not capitalised: the run search goes from one
        // capitalised word to the next, by their indices.
        let mut next_capitalised = capitalised.iter();
        while let Some(&k) = next_capitalised.find(|&&k| k >= i) {
            i = k;
            let Some(&t) = tokens.get(i) else {
                break;
            };
            // "A. Dale": an initial opens a name.
            let initial = || {
                t.text.len() == 1
                    && t.text.bytes().all(|b| b.is_ascii_uppercase())
                    && text[t.span.end..].starts_with(". ")
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| n.span.start == t.span.end + 2 && n.is_capitalised())
            };
            // "Foreign Ministry", "First Union": an adjective that is no name
            // alone opens an organisation's name.
            let org_adjective = || {
                matches!(t.text, "Foreign" | "First" | "New" | "Second" | "Third")
                    && tokens.get(i + 1).is_some_and(|n| {
                        self.has(n.text, ORG_WORD) && text[t.span.end..n.span.start] == *" "
                    })
            };
            let (not_name, title) = match asked {
                Some((k, answer)) if k == i => answer,
                _ => self.not_name_and_title(t.text),
            };
            if (in_gazetteer(&t) && !self.given_name_place(text, tokens, i, gazetteer))
                || (not_name && !initial() && !org_adjective())
                || title
                || (Some(t.span.start) == sentence_start && self.is_sentence_adverb(t.text))
            {
                i += 1;
                continue;
            }
            // Grow a run of capitalised words, joined only by spaces or a connector.
            let mut j = i;
            let mut possessive = strip_possessive(t).span != t.span;
            while !possessive && j + 1 < tokens.len() {
                let gap = &text[tokens[j].span.end..tokens[j + 1].span.start];
                // "J. Smith": an initial and its period stay in the name.
                // (Most gaps are one space, which settles both tests.)
                let single_space = gap == " ";
                let initial = !single_space && is_one_char(tokens[j].text) && gap.trim() == ".";
                if !single_space
                    && !gap.chars().all(char::is_whitespace)
                    && gap.trim() != "&"
                    && !initial
                {
                    break;
                }
                let next = tokens[j + 1];
                let connector = is_connector(next.text);
                // "University of Michigan": after an organisation word the
                // connector may lead into a known place.
                let org_of =
                    matches!(next.text, "of" | "for") && self.has(tokens[j].text, ORG_WORD);
                // "van der Westhuizen": two connectors in a row.
                let double = connector
                    && j + 3 < tokens.len()
                    && matches!(
                        (next.text, tokens[j + 2].text),
                        ("van", "der") | ("van", "den") | ("de", "la") | ("von", "der")
                    )
                    && tokens[j + 3].is_capitalised()
                    && !in_gazetteer(&tokens[j + 3]);
                if double {
                    j += 3;
                    possessive = strip_possessive(tokens[j]).span != tokens[j].span;
                    continue;
                }
                if connector
                    && j + 2 < tokens.len()
                    && tokens[j + 2].is_capitalised()
                    && (org_of || !in_gazetteer(&tokens[j + 2]))
                {
                    j += 2;
                    possessive = strip_possessive(tokens[j]).span != tokens[j].span;
                    continue;
                }
                // After an initial, a one-word place is a surname ("I. Austin").
                let initial_place = initial
                    && gazetteer
                        .iter()
                        .any(|g| g.span.start == next.span.start && g.span.end <= next.span.end);
                if !next.is_capitalised() || (in_gazetteer(&next) && !initial_place) || {
                    let answer = self.not_name_and_title(next.text);
                    asked = Some((j + 1, answer));
                    answer.0 || answer.1
                } {
                    break;
                }
                j += 1;
                possessive = strip_possessive(next).span != next.span;
            }
            words.clear();
            words.extend(tokens[i..=j].iter().map(|&t| strip_possessive(t)));
            // "AI-driven", "Cloud-based": a compound adjective. (Most words
            // have no hyphen: one byte scan settles those.)
            // (`any` rather than `contains`, which calls `memchr`: dear for
            // one short word. And `retain` only when some word has one:
            // its per-word closure call cost more than the scan.)
            let hyphen = |w: &Token<'_>| w.text.bytes().any(|b| b == b'-');
            // (The run's words are all within its first word's start and
            // its last word's end: no hyphen there, as mostly, is none in
            // a word, settled by one byte loop over the run. Where one is,
            // the `retain` asks each word itself.)
            let run = text
                .get(tokens[i].span.start..tokens[j].span.end)
                .unwrap_or("");
            if run.bytes().any(|b| b == b'-') && words.iter().any(hyphen) {
                words.retain(|w| {
                    !(hyphen(w)
                        && w.text
                            .split('-')
                            .skip(1)
                            .any(|part| part.starts_with(char::is_lowercase)))
                });
            }
            if words.is_empty() {
                i = j + 1;
                continue;
            }
            // A letter glued onto a name by a scrape ("XSam Altman").
            if let Some(w) = words.first_mut() {
                let mut c = w.text.chars();
                let (c0, c1, c2) = (c.next(), c.next(), c.next());
                if c0.is_some_and(char::is_uppercase)
                    && c1.is_some_and(char::is_uppercase)
                    && c2.is_some_and(char::is_lowercase)
                    && self.has(&w.text[c0.map_or(0, char::len_utf8)..], GIVEN_NAME)
                {
                    let skip = c0.map_or(0, char::len_utf8);
                    *w = Token {
                        span: Span::new(w.span.start + skip, w.span.end),
                        text: &w.text[skip..],
                    };
                }
            }
            let prev = i.checked_sub(1).map(|k| tokens[k]);
            let next = tokens.get(j + 1).copied();
            let typed = self.type_run(
                text,
                words,
                prev,
                next,
                Some(t.span.start) == sentence_start,
            );
            if let Some(c) = self.without_role_words(text, words, next, typed) {
                let c = self.join_known_prefix(text, c, gazetteer);
                // "Goldman Sachs & Co", "Industrial Equity (Pacific) Ltd":
                // a legal form still on its own after the joins ("First" +
                // "Boston" + "Corp" is one) names no one.
                let lone_legal = words.len() == 1
                    && c.span == words[0].span
                    && self.has(words[0].text.trim_end_matches('.'), LEGAL);
                if !lone_legal {
                    found.push(c);
                }
            }
            i = j + 1;
        }
    }

    /// "Senate Majority Leader Robert Dole", "Actor Bruce Willis", "Chief of
    /// Staff Howard Baker": an office or a role written in capitals runs into
    /// the name after it, and nothing in the capitals tells them apart. When
    /// the run `words` was typed a person, the words before its first given
    /// name are all everyday words (no initials, no acronyms, no given
    /// names, not even those that are everyday words too: "Tommy Lee
    /// Jones"), and a surname follows that given name, the person is the
    /// rest of the run, typed again with the last of those words as its
    /// cue; the run stays whole if the rest is not a person by itself.
    /// (Only such runs are typed twice, and they are rare.)
    fn without_role_words<'t>(
        &self,
        text: &'t str,
        words: &[Token<'_>],
        next: Option<Token<'_>>,
        typed: Option<Candidate<'t>>,
    ) -> Option<Candidate<'t>> {
        let whole = typed?;
        if whole.ty != EntityType::Person || words.len() < 3 {
            return Some(whole);
        }
        let Some(given) = words
            .iter()
            .take(words.len() - 1)
            .position(|w| self.has(w.text, GIVEN_NAME))
            .filter(|&g| g > 0)
        else {
            return Some(whole);
        };
        let roles = &words[..given];
        let everyday = roles.iter().all(|w| {
            !is_one_char(w.text.trim_end_matches('.'))
                && !w.is_acronym()
                && !self.has(w.text, EVERYDAY_GIVEN)
                && self.has_lower(w.text, COMMON_WORD)
        });
        if !everyday {
            return Some(whole);
        }
        let rest = self
            .type_run(text, &words[given..], roles.last().copied(), next, false)
            .filter(|c| c.ty == EntityType::Person);
        rest.or(Some(whole))
    }

    /// "Kurdistan" + "Democratic Party", "Hong Kong" + "Open": a known place
    /// or nationality right before a name that ends in an organisation or
    /// event word belongs to that name. Returns the joined candidate (which
    /// then wins over the gazetteer match) or `c` unchanged.
    fn join_known_prefix<'t>(
        &self,
        text: &'t str,
        c: Candidate<'t>,
        gazetteer: &[Candidate<'_>],
    ) -> Candidate<'t> {
        // Every join below takes one of these three neighbours: a gazetteer
        // match one byte after the name, four after it (past " of "), or
        // ending one byte before it. Matches never overlap (pinned by
        // `gazetteer_matches_are_ordered_and_apart`), so each is the only
        // match at its place, and a name with none of them, as most are,
        // stays as it is without the probes.
        let (mut after, mut after_of, mut before) = (None, None, None);
        for g in gazetteer {
            if g.span.start == c.span.end + 1 {
                after = Some(g);
            } else if g.span.start == c.span.end + 4 {
                after_of = Some(g);
            } else if g.span.end + 1 == c.span.start {
                before = Some(g);
            }
        }
        if after.is_none() && after_of.is_none() && before.is_none() {
            return c;
        }
        let gap_is = |g: &Candidate<'_>, gap: &str| text.get(c.span.end..g.span.start) == Some(gap);
        let surface = c.span.slice(text);
        let single = !has_space(surface);
        let uncued = c.evidence == Evidence::Guess && !c.tentative;
        // "dissident Wang" + "Donghai": a person by cue goes on into a place word.
        let cued_person = c.evidence == Evidence::Cue && c.ty == EntityType::Person;
        // The lists the one word and the last word are on, one probe each.
        let surface_flags = if single { self.flags(surface) } else { 0 };
        let given = surface_flags & GIVEN_NAME != 0;
        // "Bill" + "Clinton", "Justin" + "Marshall": a given name before a
        // one-word place is a person whose surname is also a town.
        // "Conchita" + "Martinez": an uncued word before a one-word place
        // that is also a family name.
        if single && (given || uncued || cued_person) {
            let town = after.filter(|g| {
                g.ty == EntityType::Loc
                    && !has_space(g.span.slice(text))
                    && (given
                        || (cued_person && !self.has(&g.canonical, COUNTRY))
                        || (self.has(g.span.slice(text), FAMILY_NAME)
                            && !self.has(&g.canonical, COUNTRY)))
                    && gap_is(g, " ")
            });
            if let Some(g) = town {
                let span = Span::new(c.span.start, g.span.end);
                return Candidate::cue(span, EntityType::Person, span.slice(text));
            }
        }
        // "Lake" + "Geneva", "Gulf of" + "Mexico": a place word before a
        // place, or before "of" and a place, opens the place's name.
        if single && surface_flags & PLACE_FIRST != 0 {
            let place = after
                .filter(|g| g.ty == EntityType::Loc && gap_is(g, " "))
                .or(after_of.filter(|g| g.ty == EntityType::Loc && gap_is(g, " of ")));
            if let Some(g) = place {
                let span = Span::new(c.span.start, g.span.end);
                return Candidate::cue(span, EntityType::Loc, span.slice(text));
            }
        }
        // "Real" + "Madrid", "Air" + "France": an uncued word before a place
        // names an organisation (a direction word makes a region instead).
        if single
            && uncued
            && !matches!(
                surface,
                "North"
                    | "South"
                    | "East"
                    | "West"
                    | "Northern"
                    | "Southern"
                    | "Eastern"
                    | "Western"
                    | "Central"
                    | "Upper"
                    | "Lower"
                    | "Greater"
                    | "New"
                    | "Old"
            )
        {
            let place = after.filter(|g| g.ty == EntityType::Loc && gap_is(g, " "));
            if let Some(g) = place {
                let span = Span::new(c.span.start, g.span.end);
                // "Wang Donghai": unless the word is a family name.
                let ty = if surface_flags & FAMILY_NAME != 0 && !self.has(&g.canonical, COUNTRY) {
                    EntityType::Person
                } else {
                    EntityType::Org
                };
                return Candidate::cue(span, ty, span.slice(text));
            }
        }
        // (A byte search: the names are short, `rsplit` set up a searcher.)
        let last = surface
            .bytes()
            .rposition(|b| b == b' ')
            .map_or(surface, |k| &surface[k + 1..])
            .trim_end_matches('.');
        // "Boston" + "Red Sox", "Bristol" + "City": a place before an
        // uncued name makes one organisation.
        let place_before = c.evidence == Evidence::Guess && !c.tentative;
        // A one-word name without a final period is its own last word:
        // the same word, probed once.
        let last_flags = if single && last.len() == surface.len() {
            surface_flags
        } else {
            self.flags(last)
        };
        // An organisation by its own last word, rather than for following
        // a place.
        let org_word = last_flags & (ORG_WORD | LEGAL) != 0;
        let ty = if org_word {
            EntityType::Org
        } else if last_flags & MISC_WORD != 0 {
            EntityType::Misc
        } else if last_flags & PLACE_WORD != 0 {
            // "Boston" + "Harbor", "Hudson" + "River".
            EntityType::Loc
        } else if place_before {
            EntityType::Org
        } else {
            return c;
        };
        let before = before.filter(|g| {
            ((matches!(g.ty, EntityType::Loc | EntityType::Misc)
                // "Labour" + "Department", "Congress" + "Party": a known
                // organisation before one organisation word names another
                || (g.ty == EntityType::Org
                    && (ty == EntityType::Misc || last_flags & ORG_WORD != 0)
                    && !has_space(c.span.slice(text))))
                && (ty != EntityType::Org || org_word || g.ty == EntityType::Loc))
                && text[g.span.end..c.span.start] == *" "
        });
        match before {
            Some(g) => {
                let span = Span::new(g.span.start, c.span.end);
                // "Gary" + "McAllister": a town that is a given name, before
                // a name typed an organisation only for following a place
                // (an organisation without an organisation word of its own).
                // ("Paris" + "Club", "Virginia" + "Electric": an
                // organisation word makes an organisation whatever opens it.)
                let given = self.has(g.span.slice(text), GIVEN_NAME);
                Candidate {
                    span,
                    ty: if given && ty == EntityType::Org && !org_word {
                        EntityType::Person
                    } else {
                        ty
                    },
                    canonical: span.slice(text).into(),
                    evidence: Evidence::Cue,
                    tentative: false,
                }
            }
            None => c,
        }
    }

    /// "the U.S. | Open", "the U.N. | Security Council": sentences split
    /// after an abbreviation with dots, when a name goes on after it, are one.
    fn rejoin(&self, text: &str, sentences: &[Span]) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::with_capacity(sentences.len());
        for &s in sentences {
            if let Some(prev) = out.last_mut() {
                let before = trim_end(prev.slice(text));
                // (Such a last word ends the sentence with a capital or a
                // period and then a period: most sentences fail that before
                // the word is cut out, and the gap and the next word are
                // looked at only after it.)
                let dotted = before.strip_suffix('.').is_some_and(|stem| {
                    stem.chars()
                        .next_back()
                        .is_some_and(|c| c == '.' || c.is_uppercase())
                }) && before
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .is_some_and(|w| {
                        w.len() <= 8
                            && w.ends_with('.')
                            && w.bytes().filter(|&b| b == b'.').count() >= 2
                            && w.chars().all(|c| c == '.' || c.is_uppercase())
                    });
                let next_word = || next_token(s.slice(text), 0).map(|(a, b)| &s.slice(text)[a..b]);
                if dotted
                    && !text.get(prev.end..s.start).unwrap_or("\n").contains('\n')
                    && next_word()
                        .is_some_and(|w| w.starts_with(char::is_uppercase) && !self.is_not_name(w))
                {
                    prev.end = s.end;
                    continue;
                }
            }
            out.push(s);
        }
        out
    }

    /// "Duncan Ferguson", "Lindsay Davenport": a one-word place that is a
    /// given name, right before another capitalised name word, opens a person.
    fn given_name_place(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        i: usize,
        gazetteer: &[Candidate],
    ) -> bool {
        let t = tokens[i];
        self.has(t.text, GIVEN_NAME)
            && gazetteer
                .iter()
                .any(|g| g.span == t.span && g.ty == EntityType::Loc)
            && tokens.get(i + 1).is_some_and(|n| {
                n.span.start == t.span.end + 1
                    && text.as_bytes().get(t.span.end) == Some(&b' ')
                    && n.is_capitalised()
                    && !n.is_acronym()
                    && !self.is_not_name(n.text)
                    && !self.has(n.text.trim_end_matches('.'), TITLE)
                    && !self.has(n.text, ORG_WORD)
                    && !self.has(n.text, LEGAL)
                    && !self.has(n.text, MISC_WORD)
                    && !gazetteer
                        .iter()
                        .any(|g| g.span.start == n.span.start && g.span.end > n.span.end)
            })
    }

    /// The groups of the dateline `line` opens with, if any.
    fn dateline_match<'l>(&self, line: &'l str) -> Option<regex::Captures<'l>> {
        let end = self.dateline.find(line)?.end();
        self.dateline_groups.captures(line.get(..end)?)
    }

    /// "Amazon Web Services (AWS)": the bracketed acronym right after a name.
    fn defines_acronym<'t>(&self, after: &'t str) -> Option<regex::Captures<'t>> {
        // Mostly a space and a word, or punctuation, follows a name: those
        // are settled by the first byte after the spaces; other whitespace
        // and other characters go the long way.
        let bytes = after.as_bytes();
        let spaces = bytes.iter().take_while(|&&b| b == b' ').count();
        match bytes.get(spaces) {
            Some(b'(') => {}
            None => return None,
            Some(&b) if b < 0x80 && !matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') => {
                return None
            }
            Some(_) => {
                if !after.trim_start().starts_with('(') {
                    return None;
                }
            }
        }
        self.acronym_def.captures(after)
    }

    /// The lists `word` is on, as written.
    #[inline(always)]
    fn flags(&self, word: &str) -> u32 {
        self.words.get(word)
    }

    /// Is `word`, as written, on the list `flag`?
    #[inline(always)]
    fn has(&self, word: &str, flag: u32) -> bool {
        self.flags(word) & flag != 0
    }

    /// Is `word` in lower case on the list `flag` (`NOT_NAME`, `COMMON_WORD`)?
    fn has_lower(&self, word: &str, flag: u32) -> bool {
        // ASCII words with no capital after the first byte ("The", "said"):
        // lower case is the word itself or its `TITLED_SHIFT` form, one probe.
        if let Some((first, rest)) = word.as_bytes().split_first() {
            if rest.iter().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                if first.is_ascii_uppercase() {
                    return self.has(word, flag << TITLED_SHIFT);
                }
                if first.is_ascii() {
                    return self.has(word, flag);
                }
            }
        }
        // Otherwise lower-case short ASCII words on the stack: no allocation.
        let mut buf = [0u8; 32];
        if word.len() <= buf.len() && word.is_ascii() {
            let buf = &mut buf[..word.len()];
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            std::str::from_utf8(buf).is_ok_and(|w| self.has(w, flag))
        } else {
            self.has(&word.to_lowercase(), flag)
        }
    }

    /// An everyday adverb in "-ly" ("Separately", "Previously"), which opens
    /// a sentence before a name and is no part of it; not a name that ends
    /// so ("Kelly", "Beverly").
    fn is_sentence_adverb(&self, word: &str) -> bool {
        word.len() > 4
            && word.ends_with("ly")
            && self.flags(word) & (GIVEN_NAME | FAMILY_NAME | EVERYDAY_GIVEN) == 0
            && self.has_lower(word, COMMON_WORD)
    }

    fn is_not_name(&self, word: &str) -> bool {
        self.has_lower(word, NOT_NAME)
    }

    /// `is_not_name(word)` and whether `word` without a final period is a
    /// title, asked of every capitalised word: for "Xxxx" words (ASCII, no
    /// period) both are bits of the word's own entry, one probe for both.
    fn not_name_and_title(&self, word: &str) -> (bool, bool) {
        if let Some((first, rest)) = word.as_bytes().split_first() {
            if first.is_ascii_uppercase() && rest.iter().all(|&b| TITLED_REST[usize::from(b)]) {
                let flags = self.flags(word);
                return (flags & NOT_NAME << TITLED_SHIFT != 0, flags & TITLE != 0);
            }
        }
        (
            self.is_not_name(word),
            self.has(word.trim_end_matches('.'), TITLE),
        )
    }

    /// A mention followed by a score ("Fulham 1", "Hull 4 2 2 0") or
    /// joined by "v" to another side, and not a country or a person by cue.
    fn is_team(&self, text: &str, c: &Candidate<'_>) -> bool {
        // The score or the "v" first: most names have neither, and these
        // byte tests settle them without the probes below. (The tests are
        // independent of each other: only the order of asking changed.)
        let after = &text[c.span.end..];
        let score = after.strip_prefix(' ').is_some_and(|rest| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits)
                && rest[digits..]
                    .chars()
                    .next()
                    .is_none_or(|ch| ch == ' ' || ch == '\n')
                && !rest[digits..].trim_start().starts_with(['%', '-'])
        });
        // (The bytes before the name by index: `ends_with` on the text
        // up to it checked the character boundary and compared slices.)
        let versus = after.starts_with(" v ")
            || c.span
                .start
                .checked_sub(3)
                .and_then(|k| text.as_bytes().get(k..c.span.start))
                == Some(b" v ".as_slice());
        if !(score || versus) {
            return false;
        }
        if self.has(&c.canonical, COUNTRY) {
            return false;
        }
        let surface = c.span.slice(text);
        if c.ty == EntityType::Person && (has_space(surface) || c.evidence > Evidence::Guess) && {
            // The first word (a byte search: `split` set up a searcher).
            let w = surface
                .bytes()
                .position(|b| b == b' ')
                .map_or(surface, |k| &surface[..k]);
            self.has(w, GIVEN_NAME) || w.ends_with('.')
        } {
            return false;
        }
        !(c.ty == EntityType::Person && c.evidence == Evidence::Gazetteer)
    }

    /// Types a run of capitalised words, or drops it.
    fn type_run<'t>(
        &self,
        text: &'t str,
        words: &[Token<'_>],
        prev: Option<Token<'_>>,
        next: Option<Token<'_>>,
        sentence_initial: bool,
    ) -> Option<Candidate<'t>> {
        let first = *words.first()?;
        let last = *words.last()?;
        let span = Span::new(first.span.start, last.span.end);
        let surface = span.slice(text);
        let last_word = last.text.trim_end_matches('.');
        // The lists the first and last words are on, looked up once for all
        // the cues below.
        let first_flags = self.flags(first.text);
        // A one-word run without a final period: the same word, probed once.
        let last_flags = if words.len() == 1 && last_word.len() == first.text.len() {
            first_flags
        } else {
            self.flags(last_word)
        };
        let after = &text[span.end..];
        let defines_acronym = self.defines_acronym(after).is_some();
        if words.len() == 1 && is_one_char(first.text) {
            return None;
        }
        // Asked only of one-word runs below; decided once.
        let lone_acronym = words.len() == 1 && first.is_acronym();
        if lone_acronym && !defines_acronym && first_flags & COMMON_ACRONYM == 0 {
            // An acronym nobody defined and no list knows is most often an organisation ("OSCE").
            return Some(Candidate {
                span,
                ty: EntityType::Org,
                canonical: surface.into(),
                evidence: Evidence::Guess,
                tentative: false,
            });
        }
        if lone_acronym && !defines_acronym {
            // "AGI", "IPO": not a name unless the document defines it somewhere.
            return Some(Candidate {
                span,
                ty: EntityType::Misc,
                canonical: surface.into(),
                evidence: Evidence::Guess,
                tentative: true,
            });
        }
        if last_flags & LEGAL != 0 && words.len() > 1 {
            let base: Vec<&str> = words[..words.len() - 1].iter().map(|w| w.text).collect();
            return Some(Candidate {
                evidence: Evidence::Form,
                ..Candidate::cue(span, EntityType::Org, base.join(" "))
            });
        }
        // "Douglas & Lomason", "Procter & Gamble": an ampersand joins a firm's names.
        if words.len() > 1 && text[first.span.end..last.span.start].contains('&') {
            return Some(Candidate::cue(span, EntityType::Org, surface));
        }
        if last_flags & MISC_WORD != 0 && words.len() > 1 {
            return Some(Candidate::cue(span, EntityType::Misc, surface));
        }
        if last_flags & ORG_WORD != 0 && words.len() > 1 {
            return Some(Candidate::cue(span, EntityType::Org, surface));
        }
        // "Bank of England", "Party of God": an organisation word before a connector.
        if words
            .windows(2)
            .any(|w| matches!(w[1].text, "of" | "for") && self.has(w[0].text, ORG_WORD))
        {
            return Some(Candidate::cue(span, EntityType::Org, surface));
        }
        // "Downing Street", "Guantanamo Bay", "Bay of Pigs": a place word
        // last, or first before "of", unless a given name opens the run.
        if words.len() > 1
            && first_flags & GIVEN_NAME == 0
            && (last_flags & PLACE_WORD != 0
                || (first_flags & PLACE_FIRST != 0 && words[1].text == "of"))
        {
            return Some(Candidate::cue(span, EntityType::Loc, surface));
        }
        // "Petr Korda ( Czech Republic )": a name with a country in brackets
        // after it, as in results lists, is a competitor.
        let country_after = after
            .strip_prefix(" ( ")
            .and_then(|r| r.split_once(" )"))
            .is_some_and(|(inner, _)| {
                self.has(inner, COUNTRY)
                    || matches!(inner, "U.S." | "USA" | "UK" | "U.K.")
                    || (inner.len() <= 3
                        && inner.len() >= 2
                        && inner.bytes().all(|b| b.is_ascii_uppercase()))
            });
        // "in Arbil", "near Tavildara": a lone uncued word after a place preposition.
        let place_prep = words.len() == 1
            && !sentence_initial
            && prev.is_some_and(|p| matches!(p.text, "in" | "near" | "outside" | "Near"))
            && !money_context(&text[..span.start]);
        let titled = prev.is_some_and(|p| self.has(p.text.trim_end_matches('.'), TITLE));
        // "the town of Tavildara", "Stansted airport", "Qalandia refugee camp".
        let place_noun = words.len() <= 3
            && !titled
            && (trim_end(&text[..span.start])
                .strip_suffix(" of")
                .and_then(|b| b.rsplit(' ').next())
                .is_some_and(is_place_noun)
                || next.is_some_and(|n| {
                    is_place_noun(n.text)
                        || (n.text == "refugee" && text[n.span.end..].starts_with(" camp"))
                }));
        if place_noun {
            return Some(Candidate::cue(span, EntityType::Loc, surface));
        }
        // "the Bundesbank said", "the Export Enhancement Program": right
        // after the definite article a name is not a person's by context
        // (a reporting verb, the multi-word prior), only by its own words
        // ("the Marc Dutroux case", "the Reagan administration").
        let after_article = prev.is_some_and(|p| matches!(p.text, "the" | "The" | "THE"));
        // "Credit Suisse said", "National Westminster": a name opened by an
        // everyday word that is no given or family name, and with no given
        // name in it, is not a person's by context either ("Warren Buffett"
        // opens with a given name, "House Speaker Jim Wright" has one; "De
        // Mel" opens with a particle of surnames).
        let everyday_first = words.len() > 1
            && first.text.chars().nth(1).is_some_and(char::is_lowercase)
            && first_flags & (GIVEN_NAME | EVERYDAY_GIVEN | FAMILY_NAME) == 0
            && !is_surname_particle(first.text)
            && self.has_lower(first.text, COMMON_WORD)
            && !words[1..].iter().any(|w| self.has(w.text, GIVEN_NAME));
        let by_own_words = after_article || everyday_first;
        let reported = !by_own_words && next.is_some_and(|n| self.has(n.text, PERSON_VERB));
        // "Moody's said", "Sainsbury's said": a possessive right before a
        // reporting verb is part of a firm's name; a person's would need
        // a noun after it.
        if reported && (after.starts_with("'s ") || after.starts_with("\u{2019}s ")) {
            return Some(Candidate::cue(span, EntityType::Org, surface));
        }
        // "Comelf said it ...": a reporting verb and then "it" speaks of an organisation.
        let reported_it = reported && {
            let rest = text[span.end..].trim_start();
            let rest = rest.split_once(' ').map_or("", |(_, r)| r);
            rest.starts_with("it ") || rest.starts_with("its ")
        };
        if reported_it && words.len() <= 3 && !words.iter().any(|w| self.has(w.text, GIVEN_NAME)) {
            return Some(Candidate::cue(span, EntityType::Org, surface));
        }
        let given_name =
            first_flags & GIVEN_NAME != 0 || (first.text.len() == 1 && words.len() > 1);
        // (`last_flags` are the last word's own when it has no final period.)
        // ("Six Nations": after an everyday word a surname-like last word
        // is no person's either)
        let family_name = words.len() > 1
            && !everyday_first
            && if last_word.len() == last.text.len() {
                last_flags & FAMILY_NAME != 0
            } else {
                self.has(last.text, FAMILY_NAME)
            };
        let name_like = (2..=4).contains(&words.len()) && words.iter().all(|w| !w.is_acronym());
        if name_like && (titled || given_name || reported || family_name || country_after) {
            return Some(Candidate::cue(span, EntityType::Person, surface));
        }
        let known_surname = first_flags & FAMILY_NAME != 0 && !sentence_initial;
        let listed = first_flags & (FAMILY_NAME | GIVEN_NAME) != 0;
        // (`place_prep` holds only for one-word runs.)
        if place_prep && !titled && !known_surname && !lone_acronym {
            return Some(Candidate::cue(span, EntityType::Loc, surface));
        }
        if words.len() == 1
            && (titled
                || known_surname
                || country_after
                || (reported && (!sentence_initial || listed)))
        {
            return Some(Candidate::cue(span, EntityType::Person, surface));
        }
        // "Libyans", "Azeris": the plural of a nationality.
        if words.len() == 1 {
            let stem = first.text.strip_suffix('s').unwrap_or("");
            if !stem.is_empty() && self.has(stem, NATIONALITY) {
                return Some(Candidate::cue(span, EntityType::Misc, surface));
            }
        }
        // A lone given name ("Svetlana") is a person.
        let lone_given = words.len() == 1 && first_flags & GIVEN_NAME != 0;
        // A lone capitalised word opening a sentence is usually just
        // capitalised: kept only if the document names it elsewhere.
        if sentence_initial && words.len() == 1 && !defines_acronym {
            return Some(Candidate {
                span,
                ty: if lone_given {
                    EntityType::Person
                } else {
                    EntityType::Org
                },
                canonical: surface.into(),
                evidence: Evidence::Guess,
                tentative: true,
            });
        }
        // Everyday words in capitals ("Share Numbers", "Company") are only
        // names when the document names them elsewhere.
        let everyday = words.len() > 1
            && !lone_given
            && !defines_acronym
            && words
                .iter()
                .all(|w| !w.is_acronym() && self.has_lower(w.text, COMMON_WORD));
        // No cue at all: a multi-word name is most often a person in news,
        // a single word most often an organisation or brand.
        Some(Candidate {
            tentative: everyday,
            span,
            ty: if lone_given {
                EntityType::Person
            } else if words.len() == 1 || by_own_words {
                EntityType::Org
            } else {
                EntityType::Person
            },
            canonical: surface.into(),
            evidence: Evidence::Guess,
        })
    }

    /// Within-document coreference: acronym definitions, surnames, legal
    /// forms; then one type per canonical name (the best-evidenced).
    fn link<'t>(&self, text: &'t str, found: &mut Vec<Candidate<'t>>) {
        // Acronym → index of the candidate that defines it.
        let mut alias: FxMap<&str, usize> = FxMap::default();
        let mut acronyms = Vec::new();
        for (k, c) in found.iter().enumerate() {
            if let Some(cap) = self.defines_acronym(&text[c.span.end..]) {
                if let Some(a) = cap.get(1) {
                    let span = Span::new(c.span.end + a.start(), c.span.end + a.end());
                    alias.insert(span.slice(text), k);
                    acronyms.push(Candidate {
                        span,
                        ty: c.ty,
                        canonical: c.canonical.clone(),
                        evidence: c.evidence,
                        tentative: false,
                    });
                }
            }
        }
        // The definitions, copied before the list changes.
        let alias: FxMap<&str, (EntityType, Cow<'t, str>, Evidence)> = alias
            .into_iter()
            .map(|(a, k)| {
                let c = &found[k];
                (a, (c.ty, c.canonical.clone(), c.evidence))
            })
            .collect();
        if !acronyms.is_empty() {
            found.retain(|c| !acronyms.iter().any(|a| a.span.overlaps(c.span)));
            found.extend(acronyms);
        }
        // The people's canonical names, copied once into one buffer that
        // the maps below borrow while `found` changes (owned keys and values
        // cost up to three allocations per person).
        let mut names = String::with_capacity(
            found
                .iter()
                .filter(|c| c.ty == EntityType::Person)
                .map(|c| c.canonical.len())
                .sum(),
        );
        let mut people: Vec<(usize, usize)> = Vec::new();
        for c in found.iter().filter(|c| c.ty == EntityType::Person) {
            let start = names.len();
            names.push_str(&c.canonical);
            people.push((start, names.len()));
        }
        let names = names;
        // Each name with its first word, its last word when it has two or
        // more, and whether it has a third: cut into words once for both
        // maps below.
        let people: Vec<(&str, Option<&str>, Option<&str>, bool)> = people
            .iter()
            .map(|&(a, b)| {
                let canonical = &names[a..b];
                let (first, last, more) = name_words(canonical);
                (canonical, first, last, more)
            })
            .collect();
        // Surnames of multi-word people → their full names (one, or None when several).
        // (The maps below are sized up front: growing one from empty rehashes
        // it several times per document.)
        let mut parts: FxMap<&str, Option<&str>> = fx_map(people.len());
        for &(canonical, first, last, _) in &people {
            if let (Some(_), Some(last)) = (first, last) {
                match parts.get_mut(last) {
                    Some(full) => {
                        if *full != Some(canonical) {
                            *full = None;
                        }
                    }
                    None => {
                        parts.insert(last, Some(canonical));
                    }
                }
            }
        }
        // First words of two-word people that are not given names ("Wang" of
        // "Wang Donghai"), when no surname says otherwise.
        let mut firsts: FxMap<&str, Option<&str>> = fx_map(people.len());
        for &(canonical, first, last, more) in &people {
            // Two words: a first, a last and nothing between.
            if let (Some(first), Some(_), false) = (first, last, more) {
                if first.chars().count() > 2
                    && !first.ends_with('.')
                    && !self.has(first, GIVEN_NAME)
                    && !parts.contains_key(first)
                {
                    let full = firsts.entry(first).or_insert(Some(canonical));
                    if *full != Some(canonical) {
                        *full = None;
                    }
                }
            }
        }
        // No first word above is a surname of `parts`: one map answers
        // "a surname, or else a first word" with one probe (two probes,
        // each hashing the name, were asked of every candidate).
        parts.extend(firsts);
        let unique_part = |name: &str| -> Option<&str> { parts.get(name).copied().flatten() };
        // The surname of several people of the document ("Boris Yeltsin"
        // and "Naina Yeltsin"): which one a lone "Yeltsin" is cannot be
        // told, but it is one of them, a person, under its own name.
        // Only a word shaped like a surname: an everyday word ("Film" of
        // two mistaken "... Film" people) or an acronym ("MPs") is not; and
        // one of the people is named with a given name ("Michael Jackson"),
        // a person for sure, where a mistaken "Neither Rover" is not.
        let shared_surname = |name: &str| {
            matches!(parts.get(name), Some(None))
                && people.iter().any(|&(_, first, last, _)| {
                    last == Some(name) && first.is_some_and(|f| self.has(f, GIVEN_NAME))
                })
                && name
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_lowercase() || c == '\'')
                && !name.chars().any(|c| c.is_ascii_digit())
                && !self.has_lower(name, COMMON_WORD)
                && !self.is_not_name(name)
        };
        // A tentative word that names something the document established
        // ("Yeltsin" opening a sentence, after "Boris Yeltsin") is that name.
        if found.iter().any(|c| c.tentative) {
            let mut established: FxMap<&str, usize> = fx_map(found.len());
            for (k, c) in found.iter().enumerate().filter(|(_, c)| !c.tentative) {
                established.insert(c.span.slice(text), k);
                // "Halvex SA" establishes "Halvex".
                if c.evidence == Evidence::Form {
                    established.entry(&*c.canonical).or_insert(k);
                }
            }
            let mut updates = Vec::new();
            for (k, c) in found.iter().enumerate().filter(|(_, c)| c.tentative) {
                let surface = c.span.slice(text);
                if let Some(&e) = established.get(surface) {
                    let e = &found[e];
                    updates.push((k, e.ty, e.canonical.clone(), e.evidence));
                } else if let Some(full) = unique_part(surface) {
                    updates.push((
                        k,
                        EntityType::Person,
                        full.to_string().into(),
                        Evidence::Cue,
                    ));
                } else if shared_surname(surface) {
                    updates.push((k, EntityType::Person, surface.into(), Evidence::Cue));
                }
            }
            for (k, ty, canonical, ev) in updates {
                let c = &mut found[k];
                (c.ty, c.canonical, c.evidence, c.tentative) = (ty, canonical, ev, false);
            }
        }
        // Known full names by their legal-form-free base ("Amazon.com" → "Amazon").
        // Only a name ending in ".com" asks; most documents have none, and
        // then the map of bases is not built.
        let mut base_updates = Vec::new();
        if found.iter().any(|c| c.canonical.ends_with(".com")) {
            let mut bases: FxMap<&str, usize> = fx_map(found.len());
            for (k, c) in found
                .iter()
                .enumerate()
                .filter(|(_, c)| c.evidence >= Evidence::Cue)
            {
                bases.entry(&*c.canonical).or_insert(k);
            }
            for (k, c) in found.iter().enumerate() {
                if let Some(base) = c.canonical.strip_suffix(".com") {
                    if let Some(&b) = bases.get(base) {
                        let b = &found[b];
                        base_updates.push((k, b.ty, b.canonical.clone(), b.evidence));
                    }
                }
            }
        }
        // (`base_updates` is in candidate order: taken in step with the loop,
        // with no per-candidate slot allocated when, as mostly, it is empty.)
        let mut base_updates = base_updates.into_iter().peekable();
        for (k, c) in found.iter_mut().enumerate() {
            let base = base_updates
                .next_if(|u| u.0 == k)
                .map(|(_, ty, canonical, ev)| (ty, canonical, ev));
            let surface = c.span.slice(text);
            if let Some((ty, canonical, ev)) = alias.get(surface) {
                (c.ty, c.canonical, c.evidence) = (*ty, canonical.clone(), (*ev).max(c.evidence));
                c.tentative = false;
                continue;
            }
            if c.ty != EntityType::Person || !has_space(&c.canonical) {
                if let Some(full) = unique_part(&c.canonical) {
                    // One sense per discourse: after "Bill Clinton", "Clinton" is the man, not the town.
                    if c.evidence < Evidence::Gazetteer || c.ty == EntityType::Loc {
                        (c.ty, c.canonical) = (EntityType::Person, full.to_string().into());
                        c.evidence = Evidence::Cue;
                        continue;
                    }
                } else if surface == c.canonical
                    && shared_surname(surface)
                    && (c.evidence < Evidence::Gazetteer || c.ty == EntityType::Loc)
                {
                    (c.ty, c.evidence) = (EntityType::Person, Evidence::Cue);
                    continue;
                }
            }
            if let Some((ty, canonical, ev)) = base {
                (c.ty, c.canonical, c.evidence) = (ty, canonical, ev);
            }
        }
        found.retain(|c| !c.tentative);
        // One type per canonical name: the best-evidenced, then the most frequent.
        // Each name's votes are one group; a candidate finds its group with
        // one probe and keeps its index, so the winner is decided per group.
        let mut group_of: FxMap<&str, usize> = fx_map(found.len());
        let mut votes: Vec<[(Evidence, usize); 4]> = Vec::with_capacity(found.len());
        let mut member: Vec<usize> = Vec::with_capacity(found.len());
        for c in found.iter() {
            let fresh = votes.len();
            let g = *group_of.entry(&*c.canonical).or_insert(fresh);
            if g == fresh {
                votes.push([(Evidence::Guess, 0); 4]);
            }
            let slot = &mut votes[g][type_slot(c.ty)];
            slot.0 = if slot.1 == 0 {
                c.evidence
            } else {
                slot.0.max(c.evidence)
            };
            slot.1 += 1;
            member.push(g);
        }
        drop(group_of);
        let best: Vec<Option<EntityType>> = votes
            .iter()
            .map(|v| {
                TYPES
                    .iter()
                    .zip(v.iter())
                    .filter(|(_, (_, n))| *n > 0)
                    .max_by_key(|(ty, (ev, n))| (*ev, *n, std::cmp::Reverse(**ty)))
                    .map(|(ty, _)| *ty)
            })
            .collect();
        for (c, g) in found.iter_mut().zip(member) {
            if let Some(best) = best[g] {
                c.ty = best;
            }
        }
        found.sort_by_key(|c| (c.span.start, c.span.end));
    }
}

const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

fn type_slot(ty: EntityType) -> usize {
    TYPES.iter().position(|&t| t == ty).unwrap_or(3)
}

/// Appends `first` and `second` to `out` so that sorting `out` stably by
/// `key` gives what it gives with all of `first` appended before all of
/// `second`, and with much less to sort: interleaved by `key`, each in its
/// own order, an item of `second` going before an item of `first` only when
/// its key is smaller. `first` must be sorted by `key` (then no item of
/// `second` can pass one of `first` with the same key); `second` need not be.
fn merge_before_ties<T, K: Ord>(
    out: &mut Vec<T>,
    first: impl Iterator<Item = T>,
    second: Vec<T>,
    key: impl Fn(&T) -> K,
) {
    out.reserve(first.size_hint().0 + second.len());
    let mut second = second.into_iter().peekable();
    for item in first {
        let k = key(&item);
        while let Some(s) = second.next_if(|s| key(s) < k) {
            out.push(s);
        }
        out.push(item);
    }
    out.extend(second);
}

/// Is the line around `start..end` written in capitals, as headlines and
/// datelines are? Remembers the last line judged.
#[derive(Default)]
struct CapsMemo {
    last: Option<(usize, usize, bool)>,
}

impl CapsMemo {
    fn is_caps(&mut self, text: &str, start: usize, end: usize) -> bool {
        match self.last {
            Some((s, e, caps)) if s <= start && end <= e => caps,
            _ => {
                let (s, e) = line_bounds(text, start, end);
                let caps = caps_line_text(&text[s..e]);
                self.last = Some((s, e, caps));
                caps
            }
        }
    }
}

/// The line around `start..end`, without its newlines.
fn line_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    // (`memchr`'s vector search: the lines are long paragraphs.)
    let bytes = text.as_bytes();
    let line_start = bytes
        .get(..start)
        .and_then(|b| memchr::memrchr(b'\n', b))
        .map_or(0, |i| i + 1);
    let line_end = bytes
        .get(end..)
        .and_then(|b| memchr::memchr(b'\n', b))
        .map_or(text.len(), |i| end + i);
    (line_start, line_end)
}

/// Are at least 80% of the letters of `line` capitals?
fn caps_line_text(line: &str) -> bool {
    // Prose settles it first. Capitals are at least four times the other
    // letters on a caps line, and ASCII small letters are among those other
    // letters, so with `a` of them, 4a <= capitals <= len - a: a line where
    // more than a fifth of the bytes are ASCII small letters is no caps line.
    // Counted in chunks of at most 255 bytes with byte-wide counters, which
    // the compiler turns into vector code: no per-byte branch.
    let small: usize = line
        .as_bytes()
        .chunks(255)
        .map(|chunk| {
            usize::from(
                chunk
                    .iter()
                    .map(|&b| u8::from(b.wrapping_sub(b'a') < 26))
                    .fold(0u8, u8::wrapping_add),
            )
        })
        .sum();
    if small * 5 > line.len() {
        return false;
    }
    let (mut upper, mut all) = (0usize, 0usize);
    if line.is_ascii() {
        // More than a fifth of the line in small letters settles it.
        let limit = line.len() / 5;
        let mut lower = 0usize;
        for b in line.bytes() {
            lower += usize::from(b.is_ascii_lowercase());
            if lower > limit {
                return false;
            }
            all += usize::from(b.is_ascii_alphabetic());
            upper += usize::from(b.is_ascii_uppercase());
        }
    } else {
        for c in line.chars().filter(|c| c.is_alphabetic()) {
            all += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    all > 0 && upper * 10 >= all * 8
}

/// Bit 7 of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte of a word.
const fn every_byte(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// Bit 7 set in the bytes of `x` that are ASCII capitals, clear in the
/// others. (Bit 7 of each byte is cleared before the sums, so none carries
/// into the next byte: at most 0x7F plus at most 0x80 fits in a byte.)
#[inline(always)]
fn ascii_upper_bits(x: u64) -> u64 {
    let t = x & !HIGH_BITS;
    let at_least_a = t.wrapping_add(every_byte(0x80 - b'A'));
    let past_z = t.wrapping_add(every_byte(0x7F - b'Z'));
    at_least_a & !past_z & !x & HIGH_BITS
}

/// `next_open`'s stops and the bytes it finds by the capital after them,
/// from the bytes patterns open with (`opens`) and their first two bytes
/// (`first_bytes`, `first << 8 | second`). An ASCII byte other than a
/// capital that opens patterns only before capitals ("iPhone", "xAI") is
/// left out of the stops: every place a pattern can open there is the
/// byte before a capital, and the capitals are all stops. Any other
/// opening byte stays a stop.
fn skip_stops(opens: &[bool; 256], first_bytes: &[bool]) -> ([bool; 256], [bool; 256]) {
    let mut stops = *opens;
    let mut before_capital = [false; 256];
    for a in 0..0x80u8 {
        if !opens[usize::from(a)] || a.is_ascii_uppercase() {
            continue;
        }
        let row = first_bytes
            .get(usize::from(a) << 8..(usize::from(a) + 1) << 8)
            .unwrap_or(&[]);
        let only_capitals = row
            .iter()
            .enumerate()
            .all(|(second, &opens)| !opens || (second as u8).is_ascii_uppercase());
        if only_capitals {
            stops[usize::from(a)] = false;
            before_capital[usize::from(a)] = true;
        }
    }
    if before_capital.contains(&true) {
        for c in b'A'..=b'Z' {
            stops[usize::from(c)] = true;
        }
    }
    (stops, before_capital)
}

/// `s.contains(' ')` for the short names and words it is asked of: a
/// byte loop, inlined, where `contains` calls `memchr` (whose set-up costs
/// more than the whole loop over a name).
#[inline]
fn has_space(s: &str) -> bool {
    s.bytes().any(|b| b == b' ')
}

/// Whitespace in ASCII as `char::is_whitespace` has it (`\x0B` too, which
/// `u8::is_ascii_whitespace` leaves out).
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// `s.trim_end()`, with the usual end (an ASCII byte) settled by a byte
/// loop: `str::trim_end` is a call into a generic pattern search, and this
/// runs per sentence and per run.
#[inline]
fn trim_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    let kept = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|&&b| is_ascii_space(b))
            .count();
    match (bytes.get(..kept).and_then(<[u8]>::last), s.get(..kept)) {
        // Other scripts have their own spaces: the full test.
        (Some(&b), Some(head)) if b >= 0x80 => head.trim_end(),
        (_, Some(head)) => head,
        (_, None) => s.trim_end(),
    }
}

/// A name's first word, its last word when it has two or more, and
/// whether it has a word between them: what `split_whitespace` gives
/// with `next`, `next_back` and `next` again, cut by byte searches when
/// the name is ASCII (as most are).
fn name_words(name: &str) -> (Option<&str>, Option<&str>, bool) {
    let bytes = name.as_bytes();
    if !name.is_ascii() {
        let mut words = name.split_whitespace();
        let first = words.next();
        let last = words.next_back();
        return (first, last, words.next().is_some());
    }
    let Some(a) = bytes.iter().position(|&b| !is_ascii_space(b)) else {
        return (None, None, false);
    };
    // (Some byte from `a` on is no space, so `z` > `a`.)
    let z = bytes
        .iter()
        .rposition(|&b| !is_ascii_space(b))
        .map_or(a, |k| k + 1);
    let first_end = bytes[a..z]
        .iter()
        .position(|&b| is_ascii_space(b))
        .map_or(z, |k| a + k);
    let Some(last_start) = bytes[..z]
        .iter()
        .rposition(|&b| is_ascii_space(b))
        .map(|k| k + 1)
    else {
        return (name.get(a..z), None, false);
    };
    if last_start <= first_end {
        return (name.get(a..z), None, false);
    }
    let more = bytes[first_end..last_start]
        .iter()
        .any(|&b| !is_ascii_space(b));
    (name.get(a..first_end), name.get(last_start..z), more)
}

/// Lower-case nouns that name a kind of place: "the town of X", "X airport".
fn is_place_noun(word: &str) -> bool {
    matches!(
        word,
        "town"
            | "city"
            | "village"
            | "villages"
            | "province"
            | "region"
            | "district"
            | "island"
            | "islands"
            | "capital"
            | "port"
            | "suburb"
            | "county"
            | "airport"
            | "camp"
            | "mountains"
            | "valley"
            | "river"
            | "enclave"
            | "township"
            | "state"
            | "municipality"
            | "prefecture"
    )
}

/// Does the text just before "in X" speak of money ("invested $2 billion
/// in", "a stake in", "shares in")? Then X is a company, not a place.
fn money_context(before: &str) -> bool {
    let mut start = before.len().saturating_sub(48);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let window = &before[start..];
    [
        "invest", "stake", "share", "illion", "$", "€", "£", "bn", "percent", "%", "interest",
    ]
    .iter()
    .any(|w| window.contains(w))
}

/// The next word of `s` at or after byte `at`: an acronym with dots
/// ("U.S."), or letters and digits joined by & ' ’ . - ("AT&T",
/// "Amazon.com", "GPT-3"). A byte scan, no regex.
#[inline(always)]
fn next_token(s: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut i = at;
    // Skip to the first letter or digit: ASCII spaces and punctuation by
    // table, other characters decoded.
    let start = loop {
        i += bytes
            .get(i..)?
            .iter()
            .take_while(|&&b| !WORD_START[usize::from(b)])
            .count();
        let b = *bytes.get(i)?;
        if b < 0x80 {
            break i;
        }
        let c = s.get(i..)?.chars().next()?;
        if c.is_alphanumeric() {
            break i;
        }
        i += c.len_utf8();
    };
    // "U.S.", "E.U.": two or more capitals each with its period (most
    // words open with a small letter or a digit: no need to decode them).
    let mut j = start;
    let mut pairs = 0;
    let ascii_small = bytes[start] < 0x80 && !bytes[start].is_ascii_uppercase();
    while let Some(c) = (!ascii_small).then(|| char_at(s, j)).flatten() {
        if c.is_uppercase() && bytes.get(j + c.len_utf8()) == Some(&b'.') {
            pairs += 1;
            j += c.len_utf8() + 1;
        } else {
            break;
        }
    }
    if pairs >= 2 {
        return Some((start, j));
    }
    let mut end = alnum_run(s, start);
    // Joined parts: "AT&T", "Amazon.com", "O'Brien", "GPT-3".
    while let Some(&b) = bytes.get(end) {
        let joiner = match b {
            b'&' | b'\'' | b'.' | b'-' => 1,
            0xE2 if s[end..].starts_with('’') => '’'.len_utf8(),
            _ => 0,
        };
        if joiner == 0 {
            break;
        }
        let next = alnum_run(s, end + joiner);
        if next == end + joiner {
            break;
        }
        end = next;
    }
    Some((start, end))
}

/// A small word that joins a name's capitalised words ("University of
/// Michigan", "van der Westhuizen").
#[inline(always)]
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for" | "de" | "du" | "van" | "von" | "der" | "la" | "al" | "bin"
    )
}

/// How far off a stop `resync` reads on to rather than walking back from:
/// about two words (on the bench articles, 6 and 24 bytes cost more).
const NEAR_STOP: usize = 12;

/// Where the windowed word reader goes on from `i`, a place between
/// words after which no word need be kept but a capitalised one, its word
/// before, and the sentence's last word; and the stop it found, the first
/// ASCII capital or byte of another script at or after `i` (every
/// capitalised word has one in its first two characters), or `bytes.len()`.
///
/// The bytes from `i` to the stop are ASCII with no capital: their words
/// are no capitalised ones. A word holds only letters, digits, joiners
/// (`IN_WORD`), so after any other byte the reader is where it would be
/// had it read every word from `i`: it goes on from there, at the word
/// run holding the stop, or at the one before it, to read the word before
/// the stop's. With no stop, that word is the sentence's last one.
///
/// (Not inlined: within the reader its eight-byte loop reloaded its
/// masks from the stack, twice the instructions a chunk.)
#[inline(never)]
fn resync(bytes: &[u8], i: usize) -> (usize, usize) {
    let n = bytes.len();
    let mut c = i;
    loop {
        if let Some(chunk) = bytes.get(c..).and_then(<[u8]>::first_chunk::<8>) {
            let x = u64::from_le_bytes(*chunk);
            let mask = ascii_upper_bits(x) | (x & HIGH_BITS);
            if mask == 0 {
                c += 8;
                continue;
            }
            c += (mask.trailing_zeros() / 8) as usize;
            break;
        }
        while c < n && !(bytes[c].is_ascii_uppercase() || bytes[c] >= 0x80) {
            c += 1;
        }
        break;
    }
    // A stop a word or two away: reading on costs less than the walk back.
    if c < n && c - i < NEAR_STOP {
        return (i, c);
    }
    let run_start = |mut k: usize| {
        while k > i && IN_WORD[usize::from(bytes[k - 1])] {
            k -= 1;
        }
        k
    };
    let at = if c < n { run_start(c) } else { n };
    let mut before = at;
    while before > i && !ASCII_ALNUM[usize::from(bytes[before - 1])] {
        before -= 1;
    }
    let to = if before > i { run_start(before) } else { at };
    (to, c)
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// ASCII letters and digits, by byte (all 256 byte values, so that the hot
/// loops need no `b < 0x80` test before the load: bytes of multi-byte
/// characters are `false` here and are decoded by the slow path).
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Bytes that may follow the capital of an "Xxxx" word for
/// A particle that opens a surname ("De Mel", "Van Gaal", "Le Pen"), in
/// capitals as a run's first word.
fn is_surname_particle(word: &str) -> bool {
    matches!(
        word,
        "De" | "Da"
            | "Di"
            | "Do"
            | "Du"
            | "Del"
            | "Della"
            | "Des"
            | "Van"
            | "Von"
            | "Le"
            | "La"
            | "Los"
            | "El"
            | "Al"
            | "Den"
            | "Der"
            | "Ter"
            | "Ten"
            | "Mac"
            | "Mc"
            | "St"
    )
}

/// `not_name_and_title`'s one-probe path: ASCII, neither a capital nor a
/// period (one table load per byte instead of three tests).
const TITLED_REST: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !(b as u8).is_ascii_uppercase() && b != b'.' as usize;
        b += 1;
    }
    t
};

/// Bytes after a run of ASCII letters and digits where `next_token` may
/// read on: a joiner (`&`, `'`, `.`, `-`, the lead byte of `’`), a period
/// ("U.S.", "Inc."), any byte of another script (a letter goes on the
/// word). After any other byte the run is the whole word.
const WORD_GOES_ON: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || matches!(b as u8, b'&' | b'\'' | b'.' | b'-');
        b += 1;
    }
    t
};

/// Bytes a word may hold: letters and digits, the joiners of `next_token`
/// and every byte of another script. Any other byte is between words.
const IN_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = ASCII_ALNUM[b] || WORD_GOES_ON[b];
        b += 1;
    }
    t
};

/// Bytes where a word may start: ASCII letters and digits, and the lead
/// byte of any multi-byte character (decoded to find out). The skip over
/// spaces and punctuation between words is one table load per byte.
const WORD_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of letters and digits that starts at `i`.
///
/// Inlined: it runs once or twice per word (gazetteer scan, tokeniser), so
/// a call per word costs more than the short loop itself.
#[inline(always)]
fn alnum_run(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        // ASCII letters and digits: a tight loop over the bytes.
        i += bytes.get(i..).map_or(0, |rest| {
            rest.iter()
                .take_while(|&&b| ASCII_ALNUM[usize::from(b)])
                .count()
        });
        match bytes.get(i) {
            Some(&b) if b >= 0x80 => match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// "the" → "The": a word opening with an ASCII small letter, capitalised
/// (the key `has_lower` probes for capitalised words); others → None.
fn titled(w: &str) -> Option<String> {
    let first = *w.as_bytes().first()?;
    first
        .is_ascii_lowercase()
        .then(|| format!("{}{}", char::from(first.to_ascii_uppercase()), &w[1..]))
}

/// Is `s` one character? (`s.chars().count() == 1` without counting the
/// characters of long words: a character is at most four bytes.)
#[inline]
fn is_one_char(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.chars().count() == 1
}

/// "Microsoft’s" → "Microsoft".
fn strip_possessive(t: Token<'_>) -> Token<'_> {
    // Every suffix ends in `s`, `'` or the last byte of `’`: most words
    // end in none of them and are settled by that one byte, without trying
    // the four suffixes.
    if !matches!(t.text.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return t;
    }
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = t.text.strip_suffix(suffix) {
            if !stem.is_empty() {
                let span = Span::new(t.span.start, t.span.start + stem.len());
                return Token { span, text: stem };
            }
        }
    }
    t
}

/// The last characters of a sentence that make it no heading.
const HEADING_STOPS: [char; 5] = ['.', '!', '?', '"', '”'];

/// A heading in title case: most content words capitalised, no full stop.
fn is_heading(tokens: &[Token<'_>], sentence: &str, is_not_name: impl Fn(&str) -> bool) -> bool {
    if tokens.len() < 2 || trim_end(sentence).ends_with(HEADING_STOPS) {
        return false;
    }
    // Result lines and lists ("Fulham 1 Carlisle 0", "Korda ( Czech Republic )")
    // are not headings.
    let numbers = tokens
        .iter()
        .filter(|t| t.text.bytes().all(|b| b.is_ascii_digit()))
        .count();
    if numbers >= 2 || sentence.contains('(') || sentence.matches(',').count() >= 2 {
        return false;
    }
    let content: Vec<&Token<'_>> = tokens
        .iter()
        .filter(|t| t.is_capitalised() || !is_not_name(t.text))
        .collect();
    let caps = content.iter().filter(|t| t.is_capitalised()).count();
    !content.is_empty() && caps * 4 >= content.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;
    use proptest::prelude::*;

    proptest! {
        /// `tail_word` is the zero-padded copy it replaces.
        #[test]
        fn tail_word_is_the_padded_copy(rest in proptest::collection::vec(any::<u8>(), 0..=8)) {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(&rest);
            prop_assert_eq!(tail_word(&rest), u64::from_le_bytes(word));
        }
    }

    proptest! {
        /// `WordTable` answers as the map it was built from, for its words
        /// and for others (short, long, sharing heads and tails).
        #[test]
        fn word_table_agrees_with_map(
            words in proptest::collection::vec("[ab.é]{0,3}[a-zA-Z.'é]{0,22}", 0..80),
            probes in proptest::collection::vec("[ab.é]{0,3}[a-zA-Z.'é]{0,22}", 0..80),
        ) {
            let mut map = WordFlags::default();
            for (k, w) in words.iter().enumerate() {
                map.insert(w.clone().into_boxed_str(), k as u32 + 1);
            }
            let table = WordTable::new(map.clone());
            for w in words.iter().chain(&probes) {
                prop_assert_eq!(table.get(w), map.get(w.as_str()).copied().unwrap_or(0), "{:?}", w);
            }
        }
    }

    /// `gazetteer_matches`' search for starts as it was before the
    /// eight-byte skip and the early rejections, frozen: the scan must find
    /// the same matches. What follows a start is `gazetteer_match_at` in
    /// both, the step this test does not compare.
    fn gazetteer_matches_reference<'t>(
        tagger: &'t EntityTagger,
        text: &'t str,
    ) -> Vec<Candidate<'t>> {
        // Room for most documents' matches (about one per 200 bytes of news).
        let mut out = Vec::with_capacity(text.len() / 128);
        let mut caps_memo = CapsMemo::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        // The bytes some pattern opens with.
        let opens: Vec<bool> = tagger
            .first_bytes
            .chunks(256)
            .map(|row| row.contains(&true))
            .collect();
        // A match may start at a word's first letter or digit, or at any
        // other character; whether one does depends only on the text from
        // there on. So the scan jumps straight to the bytes some pattern
        // opens with (a pattern opens with a whole character, so these are
        // never inside one) and tries those that are such starts, rather
        // than walking every word. The words of the tokeniser's pass are not
        // the gazetteer's: "Amazon.com" is one token but "com" may open a
        // pattern.
        loop {
            i += match bytes.get(i..) {
                Some(rest) => rest.iter().take_while(|&&b| !opens[usize::from(b)]).count(),
                None => break,
            };
            let Some(&b) = bytes.get(i) else { break };
            let (width, word) = if b < 0x80 {
                (1, ASCII_ALNUM[usize::from(b)])
            } else {
                match text.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) => (c.len_utf8(), c.is_alphanumeric()),
                    None => break,
                }
            };
            // Was the char before `i` a letter or digit?
            let after_word = match i.checked_sub(1).and_then(|k| bytes.get(k)) {
                None => false,
                Some(&p) if p < 0x80 => ASCII_ALNUM[usize::from(p)],
                Some(_) => text
                    .get(..i)
                    .and_then(|r| r.chars().next_back())
                    .is_some_and(char::is_alphanumeric),
            };
            let run_end = if word { alnum_run(text, i) } else { i + width };
            if word && after_word {
                // Inside a word: no match starts here; go to its end.
                i = run_end;
                continue;
            }
            let second = bytes.get(i + 1).copied().unwrap_or(0);
            // A word start is tried only when some pattern opens with its two
            // bytes and with this very word ("Hong" of "Hong Kong").
            if !tagger.first_bytes[usize::from(b) << 8 | usize::from(second)]
                || (word && !tagger.has(&text[i..run_end], GAZETTEER_FIRST_WORD))
            {
                i = run_end;
                continue;
            }
            i = tagger.gazetteer_match_at(text, i, run_end, &mut caps_memo, &mut out);
        }
        out
    }

    /// `tokens_into` as it was before the ASCII fast path, frozen: every
    /// word read by `next_token`.
    fn tokens_reference<'t>(
        tagger: &EntityTagger,
        text: &'t str,
        sentence: Span,
    ) -> Vec<Token<'t>> {
        let mut out = Vec::new();
        let s = sentence.slice(text);
        let mut at = 0;
        while let Some((start, mut end)) = next_token(s, at) {
            at = end;
            if s.as_bytes().get(end) == Some(&b'.')
                && s.get(start..end)
                    .is_some_and(|word| tagger.flags(word) & (LEGAL | TITLE) != 0)
            {
                end += 1;
            }
            if let Some(word) = s.get(start..end) {
                out.push(Token {
                    span: Span::new(start, end).offset(sentence.start),
                    text: word,
                });
            }
        }
        out
    }

    /// The indices of the capitalised words, asked of each word.
    fn capitalised_reference(tokens: &[Token<'_>]) -> Vec<usize> {
        (0..tokens.len())
            .filter(|&k| tokens[k].is_capitalised())
            .collect()
    }

    proptest! {
        /// The fast path reads the words `next_token` reads: ASCII words
        /// between spaces and punctuation, and the words that go on past
        /// their letters (joiners, periods, dotted capitals, titles and
        /// legal forms, other scripts, `’`).
        #[test]
        fn tokens_agree_with_next_token(
            text in "(Mr\\.|Inc\\.|U\\.S\\.|E\\.U\\.|AT&T|O'Brien|GPT-3|Amazon\\.com|it’s|naïve|Ölfus|[A-Za-z]{1,6}|[0-9]{1,3}|[ ,.;:!?'’&()\\n-]|é|“|—|\u{00a0}){0,30}",
            skip in 0usize..4,
        ) {
            let tagger = tagger();
            // A sentence inside the text, starting at a character boundary.
            let start = text.char_indices().map(|(k, _)| k).nth(skip).unwrap_or(0);
            let sentence = Span::new(start, text.len());
            let (mut got, mut capitalised) = (Vec::new(), Vec::new());
            tagger.tokens_into(&text, sentence, &mut got, &mut capitalised);
            let view = |t: &[Token<'_>]| t.iter().map(|t| (t.span, t.text.to_string())).collect::<Vec<_>>();
            prop_assert_eq!(view(&got), view(&tokens_reference(tagger, &text, sentence)));
            prop_assert_eq!(capitalised, capitalised_reference(&got));
        }
    }

    /// Whether the windowed words `win` (with `win_caps`) keep what the
    /// run search reads of all the words `full`: in order, the first and
    /// the last, each capitalised word with the words on either side and,
    /// after a connector, the one after that; and every capitalised word,
    /// indexed.
    fn window_keeps_the_neighbours(
        full: &[Token<'_>],
        win: &[Token<'_>],
        win_caps: &[usize],
    ) -> std::result::Result<(), String> {
        let at: Vec<usize> = win
            .iter()
            .map(|w| {
                full.iter()
                    .position(|t| t.span == w.span && t.text == w.text)
                    .ok_or(format!("{w:?} is no word"))
            })
            .collect::<std::result::Result<_, _>>()?;
        if at.windows(2).any(|p| p[0] >= p[1]) {
            return Err(format!("out of order: {at:?}"));
        }
        if !full.is_empty() && (at.first() != Some(&0) || at.last() != Some(&(full.len() - 1))) {
            return Err(format!("first or last word missing: {at:?}"));
        }
        let index_of = |k: usize| at.iter().position(|&a| a == k);
        for k in capitalised_reference(full) {
            let p = index_of(k).ok_or(format!("capitalised word {k} missing"))?;
            let mut wanted = vec![(p.checked_sub(1), k.checked_sub(1))];
            if k + 1 < full.len() {
                wanted.push((Some(p + 1), Some(k + 1)));
                if is_connector(full[k + 1].text) && k + 2 < full.len() {
                    wanted.push((Some(p + 2), Some(k + 2)));
                }
            }
            for (w, f) in wanted {
                if w.and_then(|w| at.get(w)).copied() != f {
                    return Err(format!("neighbour {f:?} of word {k} not at {w:?}: {at:?}"));
                }
            }
        }
        if win_caps != capitalised_reference(win).as_slice() {
            return Err(format!("capitalised {win_caps:?}"));
        }
        Ok(())
    }

    proptest! {
        /// The windowed reader keeps every word the run search reads of a
        /// sentence, as `tokens_into` reads them.
        #[test]
        fn windowed_tokens_keep_the_neighbours(
            text in "(Mr\\.|Inc\\.|U\\.S\\.|AT&T|O'Brien|GPT-3|Amazon\\.com|iPhone|x-Ray|it’s|naïve|Ölfus|of|van der|de la|( [a-z]{1,6}){2,6}|[A-Z][a-z]{0,5}|[a-z]{1,9}|[0-9]{1,3}|[ ,.;!?'’&()\\n-]|é|“|—|\u{00a0}){0,40}",
            skip in 0usize..4,
        ) {
            let tagger = tagger();
            let start = text.char_indices().map(|(k, _)| k).nth(skip).unwrap_or(0);
            let sentence = Span::new(start, text.len());
            let (mut full, mut caps) = (Vec::new(), Vec::new());
            tagger.tokens_into(&text, sentence, &mut full, &mut caps);
            let (mut win, mut win_caps) = (Vec::new(), Vec::new());
            tagger.window_tokens_into(&text, sentence, &mut win, &mut win_caps);
            let kept = window_keeps_the_neighbours(&full, &win, &win_caps);
            prop_assert!(kept.is_ok(), "{:?} in {:?}", kept, text);
        }

        /// Tagging with the windowed reader finds the mentions tagging
        /// with every word finds.
        #[test]
        fn windowed_tagging_is_the_full_tagging(
            text in "(Mr\\.|Inc\\.|U\\.S\\.|Sam Altman|Altman|said|the|in|of|van der|Bank of England|University of Michigan|New York|Amazon Web Services \\(AWS\\)|Smith said it|( [a-z]{1,6}){2,6}|[A-Z][a-z]{0,5}|[a-z]{1,7}|[A-Z]{2,4}|[0-9]{1,3}|[ ,.;:!?'’()\\n-]|é|“){0,60}",
        ) {
            let tagger = tagger();
            let sentences = sentences(&text);
            let (mut windowed, mut full) = (Vec::new(), Vec::new());
            tagger.tag_with(&text, &sentences, &mut windowed, true);
            tagger.tag_with(&text, &sentences, &mut full, false);
            prop_assert_eq!(windowed, full);
        }
    }

    proptest! {
        /// The byte-level `trim_end` and `name_words` answer as the
        /// standard library's Unicode-aware ones.
        #[test]
        fn trim_end_and_name_words_agree_with_std(
            s in "[ a-zA-Z.\t\n\x0B\x0C\r\x1C\u{85}\u{a0}\u{2003}é]{0,14}",
        ) {
            prop_assert_eq!(trim_end(&s), s.trim_end());
            let mut words = s.split_whitespace();
            let first = words.next();
            let last = words.next_back();
            prop_assert_eq!(name_words(&s), (first, last, words.next().is_some()));
        }
    }

    /// The matches as compared: span, type and canonical name.
    fn gazetteer_view(found: &[Candidate<'_>]) -> Vec<(Span, EntityType, String)> {
        found
            .iter()
            .map(|c| (c.span, c.ty, c.canonical.to_string()))
            .collect()
    }

    proptest! {
        /// The scan finds what the byte-at-a-time scan found: names at word
        /// starts and inside words, capitals runs, small letters that open
        /// a pattern ("iPhone", "xAI"), legal forms, other scripts.
        #[test]
        fn gazetteer_scan_agrees_with_the_plain_scan(
            text in "(New York|Hong Kong|iPhone|xAI|ixAI|NEW YORK|Amazon\\.com|Nvidia Corp\\.|OpenAI Group PBC|U\\.S\\.|São Paulo|Zürich|Île|[A-Z][a-z]{0,5}|i[a-zA-Z]{0,4}|[a-z]{1,6}|[0-9]{1,3}|[A-Z]{2,5}|[ ,.'’()\\n-]|é|ß){0,40}",
        ) {
            let tagger = tagger();
            prop_assert_eq!(
                gazetteer_view(&tagger.gazetteer_matches(&text)),
                gazetteer_view(&gazetteer_matches_reference(tagger, &text))
            );
        }

        /// The matches come in text order and never overlap: the tagger
        /// finds a sentence's matches by binary search, and
        /// `join_known_prefix` takes the one match at each place next to a
        /// name.
        #[test]
        fn gazetteer_matches_are_ordered_and_apart(
            text in "(New York|New York City|York|Hong Kong|Kong|Lake Geneva|Geneva|Gulf of Mexico|Mexico|Boston|Boston Harbor|U\\.S\\.|Amazon\\.com|Amazon|Bank of England|England|[A-Z][a-z]{0,5}|[a-z]{1,6}|[ ,.'()\\n-]|of ){0,40}",
        ) {
            let found = tagger().gazetteer_matches(&text);
            for pair in found.windows(2) {
                prop_assert!(
                    pair[0].span.end <= pair[1].span.start,
                    "{:?} then {:?} in {:?}", pair[0].span, pair[1].span, text
                );
            }
        }
    }

    /// The gazetteer scan and the tokeniser on the sample corpus, whole
    /// documents, as the frozen ones.
    #[test]
    fn scans_agree_with_the_frozen_ones_on_the_corpus() {
        let tagger = tagger();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut seen = 0;
        for entry in std::fs::read_dir(root).expect("corpus directory") {
            // (Some samples are HTML or gzip: read as text all the same.)
            let bytes = std::fs::read(entry.expect("corpus entry").path()).expect("corpus file");
            let text = String::from_utf8_lossy(&bytes);
            assert_eq!(
                gazetteer_view(&tagger.gazetteer_matches(&text)),
                gazetteer_view(&gazetteer_matches_reference(tagger, &text))
            );
            let whole = Span::new(0, text.len());
            let (mut tokens, mut capitalised) = (Vec::new(), Vec::new());
            tagger.tokens_into(&text, whole, &mut tokens, &mut capitalised);
            assert_eq!(capitalised, capitalised_reference(&tokens));
            let view = |t: &[Token<'_>]| {
                t.iter()
                    .map(|t| (t.span, t.text.to_string()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(view(&tokens), view(&tokens_reference(tagger, &text, whole)));
            let (mut win, mut win_caps) = (Vec::new(), Vec::new());
            tagger.window_tokens_into(&text, whole, &mut win, &mut win_caps);
            assert_eq!(
                window_keeps_the_neighbours(&tokens, &win, &win_caps),
                Ok(())
            );
            let spans = sentences(&text);
            let (mut windowed, mut full) = (Vec::new(), Vec::new());
            tagger.tag_with(&text, &spans, &mut windowed, true);
            tagger.tag_with(&text, &spans, &mut full, false);
            assert_eq!(windowed, full);
            seen += 1;
        }
        assert!(seen > 0);
    }

    /// `TITLED_REST` is the byte test it replaces.
    /// One tagger for the tests that ask it many times.
    fn tagger() -> &'static EntityTagger {
        static TAGGER: std::sync::OnceLock<EntityTagger> = std::sync::OnceLock::new();
        TAGGER.get_or_init(EntityTagger::default)
    }

    proptest! {
        /// Merged, then sorted: the same as appended one after the other
        /// and sorted, ties included.
        #[test]
        fn merge_before_ties_sorts_as_appending(
            mut first in proptest::collection::vec((0u8..6, 0u8..3), 0..12),
            second in proptest::collection::vec((0u8..6, 0u8..3), 0..12),
        ) {
            first.sort_by_key(|&(k, _)| k);
            // The second number tells the items apart: which list, which place.
            let first: Vec<(u8, u8, usize)> =
                first.iter().enumerate().map(|(i, &(k, _))| (k, 0, i)).collect();
            let second: Vec<(u8, u8, usize)> =
                second.iter().enumerate().map(|(i, &(k, v))| (k, 1 + v, i)).collect();
            let mut appended: Vec<_> = first.iter().chain(&second).copied().collect();
            appended.sort_by_key(|t| t.0);
            let mut merged = Vec::new();
            merge_before_ties(&mut merged, first.iter().copied(), second, |t| t.0);
            merged.sort_by_key(|t| t.0);
            prop_assert_eq!(merged, appended);
        }

        /// The dateline's groups read within the match by the unbounded
        /// pattern are [`DATELINE`]'s on the whole line: same match, same
        /// place, same dash (brackets of up to 34 characters try the bound).
        #[test]
        fn dateline_groups_match_the_regex_crate(
            line in "[A-Z]{1,3}[A-Z'.-]{0,6}( [A-Z]{2,5}){0,4}( ?, [A-Za-z]{1,4}| \\([A-Z][a-zA-Z.&' ]{0,34}\\)| 1996-08-30| ?--? | — | – )?[ a-z(-]{0,6}",
        ) {
            let tagger = tagger();
            let reference = regex::Regex::new(DATELINE).expect("dateline pattern");
            let want = reference
                .captures(&line)
                .map(|c| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range()), c.get(2).map(|m| m.range())));
            let got = tagger.dateline_match(&line).map(|c| {
                (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range()), c.get(2).map(|m| m.range()))
            });
            prop_assert_eq!(got, want);
        }

        /// The first-byte shortcut answers as the whole test does.
        #[test]
        fn defines_acronym_shortcut_is_the_trimmed_test(
            after in "[ \t\n\x0B\u{a0}\u{2003}(A-Za-z)x,.é]{0,8}",
        ) {
            let tagger = tagger();
            let reference = after.trim_start().starts_with('(')
                && tagger.acronym_def.captures(&after).is_some();
            prop_assert_eq!(tagger.defines_acronym(&after).is_some(), reference);
        }
    }

    proptest! {
        /// The eight-byte capital test is the byte test, byte by byte,
        /// whatever the neighbours (no sum carries into the next byte).
        #[test]
        fn ascii_upper_bits_is_the_byte_test(x in any::<u64>()) {
            for (k, b) in x.to_le_bytes().into_iter().enumerate() {
                let bit = 0x80u64 << (8 * k);
                prop_assert_eq!(ascii_upper_bits(x) & bit != 0, b.is_ascii_uppercase(), "{:#x}", x);
            }
        }
    }

    /// The built-in patterns open with small letters only before
    /// capitals ("iPhone", "xAI"): those are no stops. A pattern opening
    /// with a small letter before another ("de Gaulle") keeps its letter
    /// a stop; either way the scan finds what the plain scan finds.
    #[test]
    fn skip_stops_leave_out_only_letters_before_capitals() {
        let tagger = tagger();
        assert!(tagger.before_capital[usize::from(b'i')] && !tagger.stops[usize::from(b'i')]);
        assert!((b'A'..=b'Z').all(|c| tagger.stops[usize::from(c)]));
        assert!(tagger.capital_stops.is_some());
        let extra = GazetteerEntry {
            ty: EntityType::Person,
            name: "de Gaulle".into(),
            aliases: vec!["dB Audio".into(), "3M".into()],
        };
        let tagger = EntityTagger::new(&[extra]).expect("tagger");
        assert!(tagger.stops[usize::from(b'd')] && !tagger.before_capital[usize::from(b'd')]);
        assert_eq!(tagger.capital_stops, None);
        for text in [
            "Then de Gaulle met dB Audio and 3M in Paris; iPhone, xAI and ixAI, deGaulle.",
            "iPhone",
            "xiPhone iPhone",
            "de Gaulle",
        ] {
            assert_eq!(
                gazetteer_view(&tagger.gazetteer_matches(text)),
                gazetteer_view(&gazetteer_matches_reference(&tagger, text))
            );
        }
    }

    #[test]
    fn titled_rest_table_is_the_byte_test() {
        for b in 0..=255u8 {
            assert_eq!(
                TITLED_REST[usize::from(b)],
                b.is_ascii() && !b.is_ascii_uppercase() && b != b'.',
                "{b:#x}"
            );
        }
    }

    #[test]
    fn word_table_compares_the_middle_of_long_words() {
        let mut map = WordFlags::default();
        map.insert("abcdefghXXXXXijklmnop".into(), 1);
        map.insert("abcdefghXXijklmnop".into(), 2);
        let table = WordTable::new(map);
        assert_eq!(table.get("abcdefghXXXXXijklmnop"), 1);
        assert_eq!(table.get("abcdefghYYYYYijklmnop"), 0);
        assert_eq!(table.get("abcdefghXXijklmnop"), 2);
        assert_eq!(table.get("abcdefghXYijklmnop"), 0);
        assert_eq!(table.get(""), 0);
    }

    /// The merged word table answers exactly as the separate lists would.
    #[test]
    fn word_flags_agree_with_lists() {
        let tagger = EntityTagger::default();
        let lists = word_lists();
        for (flag, list) in &lists {
            assert!(!list.is_empty(), "list {flag:#x} is empty");
            for w in list {
                assert!(tagger.has(w, *flag), "{w:?} lost flag {flag:#x}");
            }
        }
        for (w, flags) in tagger.words.iter() {
            for (flag, list) in &lists {
                assert_eq!(
                    flags & flag != 0,
                    list.contains(w),
                    "{w:?} and flag {flag:#x}"
                );
            }
        }
        // Lower-case lists through `has_lower`, as `is_listed_lower` did.
        assert!(tagger.is_not_name("January") && tagger.is_not_name("THE"));
        assert!(!tagger.has("sam", GIVEN_NAME) || tagger.has("Sam", GIVEN_NAME));
    }

    /// `has_lower`'s one-probe paths answer as lower-casing the word does.
    #[test]
    fn has_lower_agrees_with_lower_casing() {
        let tagger = EntityTagger::default();
        for (flag, list) in word_lists()
            .into_iter()
            .filter(|(f, _)| f & (NOT_NAME | COMMON_WORD) != 0)
        {
            let extra = ["Said", "McDonald", "Über", "É", "x", "X", "", "The.", "3M"];
            for w in list.iter().map(String::as_str).chain(extra) {
                let forms = [
                    w.to_string(),
                    titled(w).unwrap_or_else(|| w.to_string()),
                    w.to_uppercase(),
                ];
                for form in forms {
                    assert_eq!(
                        tagger.has_lower(&form, flag),
                        list.contains(&form.to_lowercase()),
                        "{form:?} and flag {flag:#x}"
                    );
                    if flag == NOT_NAME {
                        assert_eq!(
                            tagger.not_name_and_title(&form),
                            (
                                tagger.is_not_name(&form),
                                tagger.has(form.trim_end_matches('.'), TITLE)
                            ),
                            "{form:?}"
                        );
                    }
                }
            }
        }
    }

    fn entities(text: &str) -> Vec<(String, EntityType, String)> {
        let mut out = Vec::new();
        tagger().tag(text, &sentences(text), &mut out);
        out.into_iter()
            .map(|m| match m.value {
                MentionValue::Entity(e) => (m.span.slice(text).to_string(), e.ty, e.canonical),
                _ => unreachable!(),
            })
            .collect()
    }

    /// Each of `entities`' names with its type, as the tests compare them.
    fn types_of(got: &[(String, EntityType, String)]) -> Vec<(&str, EntityType)> {
        got.iter().map(|(s, t, _)| (s.as_str(), *t)).collect()
    }

    /// `got` with its canonical names, borrowed, for comparing with literals.
    fn named(got: &[(String, EntityType, String)]) -> Vec<(&str, EntityType, &str)> {
        got.iter()
            .map(|(s, t, c)| (s.as_str(), *t, c.as_str()))
            .collect()
    }

    #[test]
    fn people_and_surnames() {
        let got =
            entities("OpenAI CEO Sam Altman spoke on Monday. Later, Altman said the board agreed.");
        assert_eq!(
            got,
            vec![
                ("OpenAI".into(), EntityType::Org, "OpenAI".into()),
                ("Sam Altman".into(), EntityType::Person, "Sam Altman".into()),
                ("Altman".into(), EntityType::Person, "Sam Altman".into()),
            ]
        );
    }

    #[test]
    fn acronym_definitions_and_legal_forms() {
        let got = entities("It signed a deal with Globex Industries (GXI) and Initech Corp. in May. GXI shares rose; Initech fell.");
        assert_eq!(
            got,
            vec![
                (
                    "Globex Industries".into(),
                    EntityType::Org,
                    "Globex Industries".into()
                ),
                ("GXI".into(), EntityType::Org, "Globex Industries".into()),
                ("Initech Corp.".into(), EntityType::Org, "Initech".into()),
                ("GXI".into(), EntityType::Org, "Globex Industries".into()),
                ("Initech".into(), EntityType::Org, "Initech".into()),
            ]
        );
    }

    #[test]
    fn possessives_and_amazon_forms() {
        let got = entities("Microsoft’s deal with Amazon.com Inc. follows Amazon’s plan.");
        let names: Vec<(&str, &str)> = got
            .iter()
            .map(|(s, _, c)| (s.as_str(), c.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Microsoft", "Microsoft"),
                ("Amazon.com Inc.", "Amazon"),
                ("Amazon", "Amazon")
            ]
        );
    }

    #[test]
    fn no_names_from_sentence_starts_or_undefined_acronyms() {
        assert_eq!(
            entities("Despite this, AGI remains far off. However the IPO waits."),
            vec![]
        );
    }

    #[test]
    fn headings_repeat_known_names_only() {
        let got = entities(
            "A Pivotal Moment: The Sam Altman Saga\nThe board ousted OpenAI CEO Sam Altman.",
        );
        let surfaces: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(surfaces, vec!["Sam Altman", "OpenAI", "Sam Altman"]);
    }

    #[test]
    fn scores_make_teams_but_countries_stay_places() {
        let got =
            entities("Results on Saturday :\nBarnsley 2 Darlington 1\nRomania 3 Lithuania 0\n");
        let typed = types_of(&got);
        assert_eq!(
            typed,
            vec![
                ("Barnsley", EntityType::Org),
                ("Darlington", EntityType::Org),
                ("Romania", EntityType::Loc),
                ("Lithuania", EntityType::Loc),
            ]
        );
    }

    #[test]
    fn competitors_places_and_place_named_clubs() {
        let got = entities(
            "Results : 1. Petr Korda ( Czech Republic ) 6-4 .\nThe Boston Red Sox beat the rebels near Arbil on Friday .",
        );
        let typed = types_of(&got);
        assert!(
            typed.contains(&("Petr Korda", EntityType::Person)),
            "{typed:?}"
        );
        assert!(
            typed.contains(&("Boston Red Sox", EntityType::Org)),
            "{typed:?}"
        );
        assert!(typed.contains(&("Arbil", EntityType::Loc)), "{typed:?}");
    }
    #[test]
    fn results_lines_initials_and_places_named_like_people() {
        let got = entities(
            "3. Marta Kowalczyk ( Poland ) 4:08.96\nScorers : J. Bellamy 12 , K. Hartwell 40 .\nLater, Lindsay Okafor beat the champion.\n",
        );
        let typed = types_of(&got);
        assert!(
            typed.contains(&("Marta Kowalczyk", EntityType::Person)),
            "{typed:?}"
        );
        assert!(
            typed.contains(&("J. Bellamy", EntityType::Person)),
            "{typed:?}"
        );
        assert!(
            typed.contains(&("K. Hartwell", EntityType::Person)),
            "{typed:?}"
        );
        assert!(
            typed.contains(&("Lindsay Okafor", EntityType::Person)),
            "{typed:?}"
        );
    }

    #[test]
    fn a_name_goes_on_after_a_dotted_abbreviation() {
        let got = entities("She withdrew from the U.S. Open on Monday.");
        let typed = types_of(&got);
        assert_eq!(typed, vec![("U.S. Open", EntityType::Misc)]);
    }
    #[test]
    fn place_nouns_datelines_and_firm_cues() {
        let got = entities(
            "KORVALA , Ostmark 2001-03-04\nRebels took the town of Zandravo and Pelbury airport .\nVexlor said it would cut jobs , and Grunwick & Sallow shares rose .\nHalvex SA agreed . Halvex says costs rose .\n",
        );
        let typed = types_of(&got);
        for want in [
            ("KORVALA", EntityType::Loc),
            ("Ostmark", EntityType::Loc),
            ("Zandravo", EntityType::Loc),
            ("Pelbury", EntityType::Loc),
            ("Vexlor", EntityType::Org),
            ("Grunwick & Sallow", EntityType::Org),
            ("Halvex SA", EntityType::Org),
            ("Halvex", EntityType::Org),
        ] {
            assert!(typed.contains(&want), "{want:?} not in {typed:?}");
        }
    }
    #[test]
    fn place_words_make_places() {
        // Invented names, so that only the place words can type them.
        let got = entities(
            "Ships left Varnok Bay for the Strait of Zelmor , passed Lake Geneva and Boston Harbor , \
             and anchored off Pelmar Street . Bank of Iron County shares fell . Veronica Lake sang .\n",
        );
        let typed = types_of(&got);
        for want in [
            ("Varnok Bay", EntityType::Loc),
            ("Strait of Zelmor", EntityType::Loc),
            ("Lake Geneva", EntityType::Loc),
            ("Boston Harbor", EntityType::Loc),
            ("Pelmar Street", EntityType::Loc),
            // an organisation word before "of" still makes an organisation
            ("Bank of Iron County", EntityType::Org),
            // a given name first: a person, whatever the last word
            ("Veronica Lake", EntityType::Person),
        ] {
            assert!(typed.contains(&want), "{want:?} not in {typed:?}");
        }
    }
    #[test]
    fn a_known_organisation_and_an_organisation_word_are_one_name() {
        let got = entities(
            "The Federal Reserve Board met , the Labour Department said , and Labour won the vote , \
             BBC Radio reported . Microsoft said it would wait .\n",
        );
        let typed = types_of(&got);
        for want in [
            ("Federal Reserve Board", EntityType::Org),
            ("Labour Department", EntityType::Org),
            // the party on its own, not a nationality
            ("Labour", EntityType::Org),
            ("BBC Radio", EntityType::Org),
            ("Microsoft", EntityType::Org),
        ] {
            assert!(typed.contains(&want), "{want:?} not in {typed:?}");
        }
        assert!(
            !typed
                .iter()
                .any(|(s, _)| matches!(*s, "Board" | "Department" | "Radio")),
            "{typed:?}"
        );
    }
    #[test]
    fn datelines_open_with_a_place() {
        let got = entities(
            "DUBLIN — Amazon Web Services will invest in Ireland.\nLONDON, May 3 - Shares of Vexlor fell.\nKORVALA (Reuters) - Rebels advanced.\nNASA - The agency said it would wait.\n",
        );
        let typed = named(&got);
        for want in [
            ("DUBLIN", EntityType::Loc, "Dublin"),
            ("LONDON", EntityType::Loc, "London"),
            ("KORVALA", EntityType::Loc, "KORVALA"),
        ] {
            assert!(typed.contains(&want), "{want:?} not in {typed:?}");
        }
        assert!(
            !typed
                .iter()
                .any(|(s, t, _)| *s == "NASA" && *t == EntityType::Loc),
            "{typed:?}"
        );
    }

    #[test]
    fn roles_before_names_and_everyday_words_in_capitals() {
        let got = entities(
            "Police held dissident Tao Kerrin on Friday . Tao had written a letter .\nThe table of Share Numbers follows .\n",
        );
        let typed = named(&got);
        assert_eq!(
            typed,
            vec![
                ("Tao Kerrin", EntityType::Person, "Tao Kerrin"),
                ("Tao", EntityType::Person, "Tao Kerrin"),
            ]
        );
    }
    #[test]
    fn a_town_named_like_a_person_before_an_organisation_word_is_an_organisation() {
        let got = entities(
            "Creditors at the Paris Club agreed. Gary McAllister scored. \
             Bonds of Virginia Electric fell.",
        );
        assert_eq!(
            types_of(&got),
            vec![
                ("Paris Club", EntityType::Org),
                ("Gary McAllister", EntityType::Person),
                ("Virginia Electric", EntityType::Org),
            ]
        );
    }

    #[test]
    fn after_the_definite_article_only_its_own_words_make_a_person() {
        let got = entities(
            "Analysts said the Bundesbank said on Monday that rates would hold. \
             Sales under the Export Enhancement Program grew. \
             Critics praised the Ben Stiller film.",
        );
        assert_eq!(
            types_of(&got),
            vec![
                ("Bundesbank", EntityType::Org),
                ("Export Enhancement Program", EntityType::Org),
                ("Ben Stiller", EntityType::Person),
            ]
        );
    }

    #[test]
    fn a_possessive_before_a_reporting_verb_is_a_firm() {
        let got = entities(
            "Analysts at Moody's said the outlook was stable. Sainsbury's said sales rose.",
        );
        assert_eq!(
            types_of(&got),
            vec![("Moody", EntityType::Org), ("Sainsbury", EntityType::Org)]
        );
    }

    #[test]
    fn a_legal_form_left_on_its_own_is_no_name() {
        let got = entities(
            "A survey by Goldman Sachs & Co was cited. Shares of Boston Corp rose.\n\
             Note: Co also declares a dividend.",
        );
        assert_eq!(
            types_of(&got),
            vec![
                ("Goldman Sachs", EntityType::Org),
                ("Boston Corp", EntityType::Org),
            ]
        );
    }

    #[test]
    fn a_surname_shared_by_two_people_is_a_person_of_its_own() {
        let got = entities(
            "Russian President Boris Yeltsin visited his wife Naina Yeltsin in hospital. \
             Aides said Yeltsin had spoken to doctors. Yeltsin left at noon.",
        );
        let lone: Vec<_> = got.iter().filter(|(s, _, _)| s == "Yeltsin").collect();
        assert_eq!(lone.len(), 2, "{got:?}");
        for (_, ty, canonical) in lone {
            // which of the two cannot be told: the surname stays its name
            assert_eq!((*ty, canonical.as_str()), (EntityType::Person, "Yeltsin"));
        }
        // two mistaken people ending in an everyday word make no person
        let got = entities("Best Film went to Lisa Film and Tom Film. Film sales rose.");
        assert!(
            !got.iter()
                .any(|(s, ty, _)| s == "Film" && *ty == EntityType::Person),
            "{got:?}"
        );
    }

    #[test]
    fn a_word_opening_the_sentence_is_not_part_of_the_name() {
        let got = entities(
            "Gerhard Stoltenberg spoke first. Meanwhile Stoltenberg said the budget held. \
             Previously Sumner Redstone owned it. Although Ivan Boesky denied it, \
             Neither Boesky nor Redstone commented.",
        );
        for (surface, ty, canonical) in &got {
            assert_eq!(*ty, EntityType::Person, "{got:?}");
            for opener in ["Meanwhile", "Previously", "Although", "Neither"] {
                assert!(
                    !surface.contains(opener) && !canonical.contains(opener),
                    "{got:?}"
                );
            }
        }
        assert!(got
            .iter()
            .any(|(s, _, c)| s == "Stoltenberg" && c == "Gerhard Stoltenberg"));
        // a given name in "-ly" still opens the name
        assert_eq!(
            types_of(&entities("Kelly Smith spoke.")),
            vec![("Kelly Smith", EntityType::Person)]
        );
    }

    #[test]
    fn a_name_opened_by_an_everyday_word_is_no_person_by_context() {
        assert_eq!(
            types_of(&entities(
                "Credit Suisse said profits rose. House Speaker Jim Wright said no. \
                 Warren Buffett said yes. De Mel said so. Fares at Bear Stearns and \
                 Delta Air Lines rose."
            )),
            vec![
                ("Credit Suisse", EntityType::Org),
                ("Jim Wright", EntityType::Person),
                ("Warren Buffett", EntityType::Person),
                ("De Mel", EntityType::Person),
                ("Bear Stearns", EntityType::Org),
                ("Delta Air Lines", EntityType::Org),
            ]
        );
    }

    #[test]
    fn provinces_are_places_and_a_hyphenated_firm_keeps_its_place_name() {
        assert_eq!(
            types_of(&entities(
                "Farmers in Alberta and New South Wales sold wheat to Sichuan. \
                 Power came from Hydro-Quebec. Austria-Hungary fell. \
                 Sen. Tom Harkin, D-Iowa, objected to the Indo-Pakistan deal."
            )),
            vec![
                ("Alberta", EntityType::Loc),
                ("New South Wales", EntityType::Loc),
                ("Sichuan", EntityType::Loc),
                ("Hydro-Quebec", EntityType::Org),
                ("Austria", EntityType::Loc),
                ("Hungary", EntityType::Loc),
                ("Tom Harkin", EntityType::Person),
                ("Iowa", EntityType::Loc),
                ("Pakistan", EntityType::Loc),
            ]
        );
    }

    #[test]
    fn firms_named_like_people_and_their_full_names() {
        let got = entities(
            "Merrill Lynch Capital Markets Inc led the issue. Shares of Toyota Motor Corp \
             rose, and Airbus said orders grew. The Labour Department said so.",
        );
        assert_eq!(
            named(&got),
            vec![
                (
                    "Merrill Lynch Capital Markets Inc",
                    EntityType::Org,
                    "Merrill Lynch"
                ),
                ("Toyota Motor Corp", EntityType::Org, "Toyota"),
                ("Airbus", EntityType::Org, "Airbus"),
                ("Labour Department", EntityType::Org, "Labour Department"),
            ]
        );
    }

    #[test]
    fn an_office_written_in_capitals_is_not_part_of_the_name() {
        let got = entities(
            "Senate Majority Leader Robert Dole spoke. Actor Bruce Willis smiled. \
             Chief of Staff Howard Baker left. Tommy Lee Jones waved. \
             Rose Mary Woods testified.",
        );
        assert_eq!(
            types_of(&got),
            vec![
                ("Robert Dole", EntityType::Person),
                ("Bruce Willis", EntityType::Person),
                ("Howard Baker", EntityType::Person),
                ("Tommy Lee Jones", EntityType::Person),
                ("Rose Mary Woods", EntityType::Person),
            ]
        );
    }

    #[test]
    fn joined_event_ministry_nationality_and_particle_names() {
        let got = entities(
            "The Foreign Ministry said Iraqi Kurds fled . Pieter van der Merwe won the Fed Cup .\n",
        );
        let typed = types_of(&got);
        for want in [
            ("Foreign Ministry", EntityType::Org),
            ("Iraqi Kurds", EntityType::Misc),
            ("Pieter van der Merwe", EntityType::Person),
            ("Fed Cup", EntityType::Misc),
        ] {
            assert!(typed.contains(&want), "{want:?} not in {typed:?}");
        }
    }
}
