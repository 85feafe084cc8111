//! Money amounts and percentages in English news, normalized to exact values.
//!
//! **Takes** a text (any UTF-8, any size). **Gives** `money` mentions (an exact
//! [`Decimal`] in units of the currency, an ISO 4217 code, an optional
//! qualifier, and `max` for the upper end of a range) and `percent` mentions
//! (`points` for percentage points). Spans are byte ranges on char
//! boundaries, qualifier and range words included ("between $2 million and
//! $3 million", "up to $4m"). **Refuses** nothing and never panics: numbers
//! too long for a `Decimal` (over 28 digits) or scaled past its range are
//! skipped (checked arithmetic), not wrapped; text with no amount gives no
//! mention. Bare numbers ("sales of 5 million") are not amounts.
//!
//! How it reads: one Aho-Corasick pass (a DFA) finds every currency surface
//! (symbols `$ € £ ¥ ₹ HK$ C$ zł`, ISO codes `USD`, `RMB`, names "Hong Kong
//! dollars", "pesetas", "Deutsche marks", minor units "cents", "pence") and
//! every percent trigger (`%`, "percent", "per cent", "pct", "percentage
//! points", "basis points", " in " of "one in five", "thirds of"); only
//! around those hits does it parse numbers, after a cheap test that a number
//! can end there, so text without amounts costs about one automaton scan. The
//! tables come from CLDR and ISO 4217 (see `data/money/README.md`).
//!
//! Rules chosen (the text can not always tell):
//! - A bare `$` is USD unless the text says otherwise, which it can do right
//!   after the amount ("$5 million Canadian", "$5 million (US)", "$5 million
//!   USD") or once for the document ("all figures in Canadian dollars",
//!   "(in Hong Kong dollars)"). Prefixed dollars (`C$`, `A$`, `HK$`, `US$`,
//!   `NT$`, "usd$", tokenised "hk $") carry their own currency, so in the wire
//!   style "A$1.5 billion ($1.1 billion)" the second amount stays USD.
//! - Bare nouns shared by several currencies take the default of
//!   `data/money/hand.tsv`: "dollars" USD, "pounds" GBP, "francs" CHF, "lira"
//!   TRY but "lire" ITL, "marks" DEM, "pesos" MXN, "rupees" INR, "dinars"
//!   IQD; a country adjective makes the full name decide ("Canadian
//!   dollars", "French francs").
//! - Minor units are converted into the currency's units (this is what the
//!   scorer compares too): "50 cents" is 0.5 USD, or hundredths of the
//!   currency last named ("3 CAD 3 cents" is 3.03 CAD); "210 pence" is 2.1
//!   GBP. `value` is always in units of `currency`.
//! - A whole number below 100 right after a currency word is its cents: "15
//!   dollars 50", "thirteen dollars and forty-five cents", unless a unit or a
//!   noun like "years" follows it ("5 dollars 20 years ago").
//! - Ranges: "$5–7 billion", "$5 billion to $7 billion", "between $2 million
//!   and $3 million", "10-20 dollars", "5-7%"; `value` is the lower bound and a
//!   lower bound without a scale word takes the upper one's. After a change
//!   verb ("rose 0.3% to 2.1%", "by 400m euros to 2.5bn euros") two amounts
//!   are a move from one to the other, not a range.
//! - Percent also covers "25 basis points" (0.25, points), "one in five"
//!   (20), "two thirds of" (66.67), "a quarter of a percentage point" (0.25,
//!   points), "minus 5%" and "-5%".
//! - Words that are also English ("won", "real", "rand") count as money only
//!   with a scale word or a value of at least 1000 that is not a year;
//!   "pound" never after a hyphen ("a 300-pound man") or before "of";
//!   capitalised "Cent" is a name ("50 Cent"); codes that are words ("ALL",
//!   "TRY") lead a number only when glued to it.

mod lexicon;

use super::numbers::{initials, is_cardinal_word, parse_numeral, parse_written, CARDINAL_INITIALS};
use super::{Amount, Mention, MentionValue, Qualifier};
use crate::span::Span;
#[cfg(test)]
use aho_corasick::AhoCorasick;
use lexicon::{Class, Entry, Lexicon, Unit};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The compiled amount recogniser. Build once, share across threads.
pub struct AmountTagger {
    surfaces: Surfaces,
    /// The lower-cased surfaces, for the reference hit finder.
    #[cfg(test)]
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
    dollar_adjectives: HashMap<String, &'static str>,
    declaration: regex::Regex,
}

impl Default for AmountTagger {
    fn default() -> Self {
        Self::new()
    }
}

/// A currency or percent surface found in the text, checked for case and
/// word boundaries.
#[derive(Clone, Debug, PartialEq)]
struct Hit {
    start: usize,
    end: usize,
    unit: Unit,
    /// A scale written into the code: "MEUR", "kUSD".
    scale: Option<Decimal>,
}

/// Does a surface ending at `e` run on into a word: an ASCII letter on both
/// sides of `e`? Most surfaces that end inside a word ("rand" in "grandson")
/// are ruled out on this before their entries are looked at.
fn glued_after(bytes: &[u8], e: usize) -> bool {
    bytes.get(e).is_some_and(u8::is_ascii_alphabetic)
        && e.checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(u8::is_ascii_alphabetic)
}

/// Of overlapping hits, the one that starts first, and of those the
/// longest ("US$" over the "$" inside it); the rest are dropped.
fn leftmost_longest(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if kept.last().is_none_or(|k| h.start >= k.end) {
            kept.push(h);
        }
    }
    kept
}

/// The length of `Surfaces::delta`: the lexicon's automaton has about 7,200
/// states of 106 columns (about 764,000 entries).
const DELTA_LEN: usize = 1 << 20;

/// The flag of a state where a surface ends, above every index of `delta`.
const ENDS: u32 = 1 << 31;

/// The currency and percent surfaces as an Aho-Corasick DFA over
/// ASCII-lower-cased bytes, built here instead of by the `aho_corasick`
/// crate: with the lexicon, its build (a noncontiguous NFA, then the DFA)
/// took 136 M instructions per process and this one, a dense table over
/// the bytes the surfaces use, 53 M. The scan is one table load per byte,
/// and reports every surface ending at each byte (overlapping matches), as
/// the crate's overlapping search did, without its per-match call.
struct Surfaces {
    /// Byte → column of `delta`; an ASCII capital shares its lower case's,
    /// and 0 is every byte no surface holds.
    column: [u8; 256],
    /// `state + column` → `next`, with `ENDS` set on the states where a
    /// surface ends. States are numbered in multiples of the column count,
    /// 0 the start, in the order the build finds them. The table has a
    /// fixed power-of-two length, so that an index masked to it needs no
    /// bounds check and the mask also drops the flag: a byte costs the two
    /// loads, an add, the mask and the OR of the flags of four bytes.
    delta: Box<[u32; DELTA_LEN]>,
    columns: usize,
    /// State / columns → 1 + the pattern spelled on the way to it, or 0.
    ends: Vec<u32>,
    /// State / columns → the longest proper suffix state where a pattern
    /// ends (0: none), so the matches at a byte come longest first.
    shorter: Vec<u32>,
    /// Pattern → its length in bytes.
    lens: Vec<usize>,
}

impl Surfaces {
    /// `patterns` must be lower case in ASCII, distinct and not empty.
    ///
    /// A surface that starts with a letter right after a letter ("all" in
    /// "small") is no hit unless that letter is the scale of a glued code
    /// ("MEUR", "kUSD"), so the automaton never starts one there: it runs
    /// over the text with a mark `^` after every byte that is not such a
    /// glue letter (any ASCII letter but m and k) and at the start, and
    /// finds the surfaces written the same way, `^` before those that start
    /// with a letter ("^usd", "$^", " ^in ^"). A surface matches the marked
    /// text exactly where it matches the text at a start the rule allows.
    /// The table steps a byte and its mark at once. Inside a word the
    /// automaton then mostly rests, and the scan stops far less often.
    fn new<'a>(patterns: impl Iterator<Item = &'a str> + Clone) -> Surfaces {
        let mut column = [0u8; 256];
        let mut columns = 1usize;
        // Every letter has a column of its own, so that column 0 holds no
        // glue letter.
        for p in std::iter::once("abcdefghijklmnopqrstuvwxyz").chain(patterns.clone()) {
            for &b in p.as_bytes() {
                let b = b.to_ascii_lowercase();
                // UTF-8 never holds 0xC0, 0xC1 or 0xF5..: at most 244 columns.
                if column[usize::from(b)] == 0 && columns < 256 {
                    column[usize::from(b)] = columns as u8;
                    columns += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            column[usize::from(b)] = column[usize::from(b.to_ascii_lowercase())];
        }
        let mut glue = vec![false; columns];
        for b in (b'a'..=b'z').filter(|b| !matches!(b, b'm' | b'k')) {
            glue[usize::from(column[usize::from(b)])] = true;
        }
        // The trie over the columns and the mark. A state is a surface's
        // prefix; one that ends with a byte the mark follows ("waits") has
        // the mark as its only way on, the others (but the root) never
        // have it: a waiting state keeps one entry in `marks`, another a row
        // of `rows`, at `slot[state]`; the root's row is row 0 and its mark
        // `root_mark`. 0 is no child (the root is no one's) until the
        // failure links fill the tables.
        let mut rows = vec![0u32; columns];
        let mut marks: Vec<u32> = Vec::new();
        let mut root_mark = 0u32;
        let mut slot = vec![0usize];
        let mut waits = vec![false];
        let mut ends = vec![0u32];
        let mut lens = Vec::new();
        for (i, p) in patterns.enumerate() {
            let bytes = p.as_bytes();
            let lead = bytes
                .first()
                .is_some_and(u8::is_ascii_alphabetic)
                .then_some(None);
            let marked = lead.into_iter().chain(bytes.iter().flat_map(|&b| {
                let c = usize::from(column[usize::from(b)]);
                std::iter::once(Some(c)).chain((!glue[c]).then_some(None))
            }));
            let mut state = 0usize;
            for c in marked {
                let entry = match c {
                    None if state == 0 => &mut root_mark,
                    None => &mut marks[slot[state]],
                    Some(c) => &mut rows[slot[state] * columns + c],
                };
                if *entry == 0 {
                    *entry = ends.len() as u32;
                    ends.push(0);
                    let wait = c.is_some_and(|c| !glue[c]);
                    waits.push(wait);
                    if wait {
                        slot.push(marks.len());
                        marks.push(0);
                    } else {
                        slot.push(rows.len() / columns);
                        rows.resize(rows.len() + columns, 0);
                    }
                }
                state = match c {
                    None if state == 0 => root_mark,
                    None => marks[slot[state]],
                    Some(c) => rows[slot[state] * columns + c],
                } as usize;
            }
            ends[state] = i as u32 + 1;
            lens.push(p.len());
        }
        // Failure links in breadth-first order, filling each row from its
        // failure state's (already filled) row. The failure of a waiting
        // state waits too, or is the root.
        let states = ends.len();
        let mut fail = vec![0usize; states];
        let mut shorter = vec![0usize; states];
        let mut queue: std::collections::VecDeque<usize> = rows[..columns]
            .iter()
            .chain([&root_mark])
            .filter(|&&t| t != 0)
            .map(|&t| t as usize)
            .collect();
        while let Some(s) = queue.pop_front() {
            let f = fail[s];
            shorter[s] = if ends[f] != 0 { f } else { shorter[f] };
            if waits[s] {
                let via = if f == 0 { root_mark } else { marks[slot[f]] };
                let t = marks[slot[s]];
                if t == 0 {
                    marks[slot[s]] = via;
                } else {
                    fail[t as usize] = via as usize;
                    queue.push_back(t as usize);
                }
            } else {
                let (r, rf) = (slot[s] * columns, slot[f] * columns);
                for c in 0..columns {
                    let t = rows[r + c];
                    if t == 0 {
                        rows[r + c] = rows[rf + c];
                    } else {
                        fail[t as usize] = rows[rf + c] as usize;
                        queue.push_back(t as usize);
                    }
                }
            }
        }
        // The states the scan can be in, from the start (after the mark the
        // text begins with), and those their matches lead to, numbered in
        // the order found (the start 0), each row filled when it is taken:
        // a byte and its mark in one step.
        let start = root_mark as usize;
        let ending_at = |t: usize| ends[t] != 0 || shorter[t] != 0;
        let flag: Vec<u32> = (0..states)
            .map(|t| if ending_at(t) { ENDS } else { 0 })
            .collect();
        let mut renamed = vec![u32::MAX; states];
        let mut order = vec![start];
        renamed[start] = 0;
        let mut delta: Box<[u32; DELTA_LEN]> = vec![0u32; DELTA_LEN]
            .into_boxed_slice()
            .try_into()
            .expect("currency automaton table length");
        let mut n = 0;
        while let Some(&s) = order.get(n) {
            let r = slot[s] * columns;
            let Some(out) = delta.get_mut(n * columns..(n + 1) * columns) else {
                break;
            };
            for ((d, &t), &g) in out.iter_mut().zip(&rows[r..r + columns]).zip(&glue) {
                let t = match (g, t) {
                    (true, t) => t as usize,
                    (false, 0) => start,
                    (false, t) => marks[slot[t as usize]] as usize,
                };
                if renamed[t] == u32::MAX {
                    renamed[t] = order.len() as u32;
                    order.push(t);
                }
                *d = (renamed[t] * columns as u32) | flag[t];
            }
            let t = shorter[s];
            if renamed[t] == u32::MAX {
                renamed[t] = order.len() as u32;
                order.push(t);
            }
            n += 1;
        }
        assert!(
            order.len() * columns <= DELTA_LEN && !ending_at(start),
            "currency automaton size"
        );
        Surfaces {
            column,
            delta,
            columns,
            ends: order.iter().map(|&t| ends[t]).collect(),
            shorter: order
                .iter()
                .map(|&t| {
                    // The root ends no chain: 0 is the start's number.
                    if shorter[t] == 0 {
                        0
                    } else {
                        renamed[shorter[t]]
                    }
                })
                .collect(),
            lens,
        }
    }
}

impl Surfaces {
    /// Runs the automaton from `state` over `bytes[from..]` and stops after
    /// the first byte where a surface ends: answers the end (exclusive) and
    /// leaves `state` there (without `ENDS`), or `None` at the end of the
    /// text. Apart from the caller's loop, which makes calls, so that the
    /// per-byte loop keeps its pointers in registers (inlined into it, they
    /// were reloaded from the stack at every byte).
    #[inline(never)]
    fn next_end(&self, bytes: &[u8], from: usize, state: &mut usize) -> Option<usize> {
        let rest = bytes.get(from..)?;
        let mut s = *state as u32;
        // Four bytes a turn, with one test of the flags they reached: a
        // surface ends about once in thirty bytes, and the four are run
        // again one at a time when it does.
        let mut chunks = rest.chunks_exact(4);
        let mut at = from;
        for chunk in &mut chunks {
            let mut t = s;
            let mut reached = 0u32;
            for &b in chunk {
                t = self.step(t, b);
                reached |= t;
            }
            if reached & ENDS != 0 {
                return self.first_end(chunk, at, s, state);
            }
            s = t;
            at += 4;
        }
        self.first_end(chunks.remainder(), at, s, state)
    }

    /// `next_end` one byte at a time over `bytes` (which start at `at`).
    #[inline(always)]
    fn first_end(&self, bytes: &[u8], at: usize, s: u32, state: &mut usize) -> Option<usize> {
        let mut s = s;
        for (k, &b) in bytes.iter().enumerate() {
            s = self.step(s, b);
            if s & ENDS != 0 {
                *state = (s & !ENDS) as usize;
                return Some(at + k + 1);
            }
        }
        *state = s as usize;
        None
    }

    /// The state after byte `b` from state `s` (either with `ENDS` or
    /// without: the mask drops it).
    #[inline(always)]
    fn step(&self, s: u32, b: u8) -> u32 {
        self.delta[(s as usize + usize::from(self.column[usize::from(b)])) & (DELTA_LEN - 1)]
    }
}

/// A number read from the text, with its scale word applied.
#[derive(Clone, Copy, Debug)]
struct Qty {
    start: usize,
    end: usize,
    value: Decimal,
    /// The scale word's factor (1 without one).
    scale: Decimal,
    scaled: bool,
}

/// An amount before ranges and qualifiers are resolved.
#[derive(Clone, Debug)]
struct Cand {
    start: usize,
    end: usize,
    value: Decimal,
    max: Option<Decimal>,
    currency: Option<&'static str>,
    percent: bool,
    points: bool,
    qualifier: Option<Qualifier>,
    scale: Decimal,
    scaled: bool,
    /// Read from a bare `$`: USD unless the document declares its dollars.
    bare_dollar: bool,
}

impl AmountTagger {
    pub fn new() -> AmountTagger {
        let lex = Lexicon::build();
        AmountTagger {
            surfaces: Surfaces::new(lex.patterns.iter().map(|p| p.0.as_str())),
            #[cfg(test)]
            patterns: lex.patterns.iter().map(|p| p.0.clone()).collect(),
            entries: lex.patterns.into_iter().map(|p| p.1).collect(),
            dollar_adjectives: lex.dollar_adjectives,
            declaration: regex::Regex::new(
                r"(?i)(?-u:\b)(?:figures|amounts|prices|numbers|values|sums|results)(?-u:\b)[^.\n]{0,40}?(?-u:\b)in ([a-z. ]{2,20}?) dollars(?-u:\b)|\(in ([a-z. ]{2,20}?) dollars\)",
            )
            .expect("dollar declaration pattern"),
        }
    }

    /// Appends the money and percent mentions of `text` to `out`.
    pub fn tag(&self, text: &str, out: &mut Vec<Mention>) {
        let hits = self.hits(text);
        if hits.is_empty() {
            return;
        }
        let mut cands = self.amounts(text, &hits);
        if cands.iter().any(|c| c.bare_dollar) {
            if let Some(code) = self.declared_dollar(text) {
                for c in cands.iter_mut().filter(|c| c.bare_dollar) {
                    c.currency = Some(code);
                }
            }
        }
        merge_ranges(text, &mut cands);
        for c in &mut cands {
            qualify(text, c);
        }
        for c in cands {
            let amount = Amount {
                value: c.value.normalize(),
                max: c.max.map(|m| m.normalize()),
                currency: c.currency.map(str::to_string),
                qualifier: c.qualifier,
                points: c.points,
            };
            let value = if c.percent {
                MentionValue::Percent(amount)
            } else {
                MentionValue::Money(amount)
            };
            out.push(Mention {
                span: Span::new(c.start, c.end),
                value,
            });
        }
    }

    /// Every valid currency or percent surface, left to right, longest first
    /// at each position, none overlapping.
    fn hits(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits: Vec<Hit> = Vec::new();
        let surfaces = &self.surfaces;
        let mut state = 0usize;
        let mut from = 0usize;
        while let Some(e) = surfaces.next_end(bytes, from, &mut state) {
            // The surfaces ending at `e` all end with the same byte, so a
            // letter on both sides of `e` rules every one of them out ("euro"
            // in "Europe", "cent" in "century") without the call.
            if !glued_after(bytes, e) {
                self.push_hits(text, e, state / surfaces.columns, &mut hits);
            }
            from = e;
        }
        leftmost_longest(hits)
    }

    /// Pushes the hits of the surfaces that end at `e`, where the automaton
    /// is in state `state` (an index, not a multiple of the column count).
    #[inline(never)]
    fn push_hits(&self, text: &str, e: usize, state: usize, hits: &mut Vec<Hit>) {
        let mut state = state;
        while state != 0 {
            let end = self.surfaces.ends.get(state).copied().unwrap_or(0) as usize;
            if let Some(&len) = end.checked_sub(1).and_then(|p| self.surfaces.lens.get(p)) {
                // The automaton starts no surface at a letter glued to the
                // one before ("ALL" in "small"), but for the scale of a
                // glued code ("MEUR", "kUSD"): see `Surfaces::new`.
                if let Some(hit) = self.surface_hit(text, e - len, e, end - 1) {
                    hits.push(hit);
                }
            }
            state = self.surfaces.shorter.get(state).copied().unwrap_or(0) as usize;
        }
    }

    /// The hit of pattern `pattern` at `s..e`, if its case and neighbours
    /// allow one. The automaton has ruled out a letter glued before `s`, the
    /// caller one glued after `e` (`glued_after`); the rest of the boundary test is
    /// `check_boundaries`'.
    fn surface_hit(&self, text: &str, s: usize, e: usize, pattern: usize) -> Option<Hit> {
        let entries = self.entries.get(pattern)?;
        let surface = &text[s..e];
        entries
            .iter()
            .filter(|entry| !entry.case_sensitive || surface == entry.form)
            .find_map(|entry| check_boundaries(text, s, e, entry))
    }

    /// The hit finder as first written, one unanchored overlapping
    /// Aho-Corasick pass over every byte: the reference `hits` must agree
    /// with.
    #[cfg(test)]
    fn hits_reference(&self, ac: &AhoCorasick, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let Some(entries) = self.entries.get(m.pattern().as_usize()) else {
                continue;
            };
            let bytes = text.as_bytes();
            let glued_before = s > 0
                && bytes[s - 1].is_ascii_alphabetic()
                && bytes[s].is_ascii_alphabetic()
                && !matches!(bytes[s - 1], b'M' | b'm' | b'K' | b'k');
            let glued_after = bytes.get(e).is_some_and(u8::is_ascii_alphabetic)
                && bytes[e - 1].is_ascii_alphabetic();
            if glued_before || glued_after {
                continue;
            }
            let surface = &text[s..e];
            for entry in entries {
                if entry.case_sensitive && surface != entry.form {
                    continue;
                }
                if let Some(hit) = check_boundaries(text, s, e, entry) {
                    hits.push(hit);
                    break;
                }
            }
        }
        leftmost_longest(hits)
    }

    /// Reads the number that goes with each hit.
    fn amounts(&self, text: &str, hits: &[Hit]) -> Vec<Cand> {
        let mut cands: Vec<Cand> = Vec::new();
        let mut consumed = 0usize;
        let mut i = 0;
        while i < hits.len() {
            let hit = &hits[i];
            i += 1;
            if hit.start < consumed {
                continue;
            }
            let next_hit = hits.get(i);
            let made = match hit.unit.class {
                Class::Percent | Class::Points | Class::Basis => percent(text, hit, consumed),
                Class::Ratio => ratio(text, hit, consumed),
                Class::Fraction => fraction(text, hit, consumed),
                _ if hit.unit.minor => {
                    let context = cands
                        .iter()
                        .rev()
                        .find(|c| !c.percent)
                        .and_then(|c| c.currency);
                    minor_amount(text, hit, consumed, context)
                }
                _ => self.money(text, hit, next_hit, consumed),
            };
            if let Some(c) = made {
                consumed = c.end;
                cands.push(c);
            }
        }
        cands
    }

    fn money(
        &self,
        text: &str,
        hit: &Hit,
        next_hit: Option<&Hit>,
        consumed: usize,
    ) -> Option<Cand> {
        let code = hit.unit.code?;
        let after = match hit.unit.class {
            Class::Symbol => number_after(text, hit.end),
            // "ALL 5 solutions", "PHP 8": a code that is also a word leads
            // its number only when glued to it.
            Class::Code
                if WORD_CODES.contains(&&text[hit.start..hit.end]) && hit.scale.is_none() =>
            {
                number_after(text, hit.end).filter(|q| q.start == hit.end)
            }
            Class::Code => number_after(text, hit.end),
            _ => None,
        };
        let before = number_before(
            text,
            hit.start,
            consumed,
            hit.unit.class == Class::Name && !is_pound(text, hit),
        );
        if hit.unit.class == Class::Name
            && is_pound(text, hit)
            && followed_by_word(text, hit.end, &["of"])
        {
            return None;
        }
        let use_before = match (&before, &after) {
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => {
                let start = article_one(text, hit, consumed)?;
                let one = Qty {
                    start,
                    end: hit.start,
                    value: Decimal::ONE,
                    scale: Decimal::ONE,
                    scaled: false,
                };
                let mut c = cand_money(start, hit.end, one, code);
                cents_after(text, &mut c, one, next_hit);
                return Some(c);
            }
            (Some(b), Some(a)) => match hit.unit.class {
                // "10 $ 30 cents" is 10.30; otherwise a symbol leads its number.
                Class::Symbol => {
                    minor_follows(text, a.end).is_some() || dollar_prefixed_number(text, b)
                }
                // "rmb 10 usd 20": the code before the number, unless that
                // number is already spoken for; a year before a code is a year.
                _ => !looks_like_year(text, b),
            },
        };
        let mut c;
        if use_before {
            let q = before?;
            if hit.unit.weak
                && !(q.scaled || (q.value >= Decimal::from(1000) && !looks_like_year(text, &q)))
            {
                return None;
            }
            let q = apply_code_scale(q, hit.scale)?;
            c = cand_money(q.start, hit.end, q, code);
            trailing_scale(text, &mut c);
            range_before(text, &mut c, q, consumed);
            cents_after(text, &mut c, q, next_hit);
        } else {
            let q = apply_code_scale(after?, hit.scale)?;
            let start = dollar_prefix_start(text, hit).unwrap_or(hit.start);
            c = cand_money(start, q.end, q, code);
            if let Some(prefixed) = dollar_prefix_code(text, hit, start) {
                c.currency = Some(prefixed);
            }
            range_after(text, &mut c, q, &text[hit.start..hit.end]);
            if c.max.is_none() {
                trailing_scale(text, &mut c);
                cents_after(text, &mut c, q, next_hit);
            }
            if &text[hit.start..hit.end] == "$" && start == hit.start {
                let end_before = c.end;
                self.dollar_override(text, &mut c, next_hit);
                c.bare_dollar = c.currency == Some("USD") && c.end == end_before;
            } else if let Some(h) = next_hit {
                // "€20 euros", "USD 5 million US dollars": the unit said twice.
                let gap = &text[c.end..h.start.max(c.end)];
                if h.unit.code == c.currency
                    && !h.unit.minor
                    && h.start >= c.end
                    && gap.len() <= 1
                    && gap.trim().is_empty()
                {
                    c.end = h.end;
                }
            }
        }
        Some(c)
    }

    /// The dollar a document declares for its bare `$`: "(all figures in
    /// Canadian dollars)", "amounts are in Australian dollars unless
    /// otherwise stated", "(in Hong Kong dollars)".
    fn declared_dollar(&self, text: &str) -> Option<&'static str> {
        // The pattern needs the word; most texts with `$` never write it.
        if !(text.contains("dollars") || text.contains("Dollars") || text.contains("DOLLARS")) {
            return None;
        }
        let caps = self.declaration.captures(text)?;
        let adj = caps
            .get(1)
            .or_else(|| caps.get(2))?
            .as_str()
            .trim()
            .to_ascii_lowercase();
        self.dollar_adjectives.get(&adj).copied()
    }

    /// "$5 million Canadian", "$5 million (US)", "$5 million USD".
    fn dollar_override(&self, text: &str, c: &mut Cand, next_hit: Option<&Hit>) {
        let rest = &text[c.end..];
        let trimmed = rest.trim_start_matches(' ');
        let paren = trimmed.starts_with('(');
        let word_at = c.end + (rest.len() - trimmed.len()) + usize::from(paren);
        if let Some(h) = next_hit {
            if h.start == word_at
                && matches!(h.unit.class, Class::Code | Class::Name)
                && !h.unit.minor
            {
                if let Some(code) = h.unit.code {
                    let close = usize::from(paren && text[h.end..].starts_with(')'));
                    if !paren || close == 1 {
                        c.currency = Some(code);
                        c.end = h.end + close;
                    }
                }
                return;
            }
        }
        let word_end = text[word_at..]
            .find(|ch: char| !(ch.is_ascii_alphabetic() || ch == '.' || ch == ' '))
            .map_or(text.len(), |n| word_at + n);
        // Try the longest adjective first ("New Zealand" before "New").
        let mut end = word_end;
        while end > word_at {
            let cand = text[word_at..end].trim_end_matches(['.', ' ']);
            let cand_end = word_at + cand.len();
            if let Some(code) = self.dollar_adjectives.get(&cand.to_ascii_lowercase()) {
                let next = text[cand_end..].chars().next();
                let ok_end = next.is_none_or(|ch| !ch.is_alphanumeric());
                let close = usize::from(paren && text[cand_end..].starts_with(')'));
                if ok_end && (!paren || close == 1) {
                    c.currency = Some(code);
                    c.end = cand_end + close;
                }
                return;
            }
            end = text[word_at..end]
                .rfind(' ')
                .map_or(word_at, |n| word_at + n);
        }
    }
}

/// ISO codes that are also English words or common acronyms.
const WORD_CODES: &[&str] = &[
    "ALL", "TOP", "TRY", "CUP", "MOP", "BAM", "PEN", "MAD", "GEL", "SOS", "BOB", "RON", "PHP",
    "STD", "SIT", "YUM", "PES", "BOP", "EEK", "NIC", "SUR",
];

fn cand_money(start: usize, end: usize, q: Qty, code: &'static str) -> Cand {
    Cand {
        start,
        end,
        value: q.value,
        max: None,
        currency: Some(code),
        percent: false,
        points: false,
        qualifier: None,
        scale: q.scale,
        scaled: q.scaled,
        bare_dollar: false,
    }
}

fn apply_code_scale(mut q: Qty, scale: Option<Decimal>) -> Option<Qty> {
    if let Some(s) = scale {
        if q.scaled {
            return None;
        }
        q.value = q.value.checked_mul(s)?;
        q.scale = s;
        q.scaled = true;
    }
    Some(q)
}

/// Case was checked by the caller; this checks that a word-like surface is a
/// whole word ("euro" not in "Europe", "USD" glued to digits is fine).
fn check_boundaries(text: &str, s: usize, e: usize, entry: &Entry) -> Option<Hit> {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let first = entry.form.chars().next()?;
    let last = entry.form.chars().next_back()?;
    let mut hit = Hit {
        start: s,
        end: e,
        unit: entry.unit.clone(),
        scale: None,
    };
    if last.is_alphabetic() && after.is_some_and(char::is_alphabetic) {
        return None;
    }
    if entry.form == "pc" && !before.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if first.is_alphabetic() && before.is_some_and(char::is_alphabetic) {
        // "MEUR", "kUSD": a scale letter glued to an upper-case code.
        if entry.unit.class != Class::Code || !entry.form.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let b = before?;
        let scale = match b {
            'M' | 'm' => Decimal::from(1_000_000u32),
            'K' | 'k' => Decimal::from(1_000u32),
            _ => return None,
        };
        let s2 = s - 1;
        if text[..s2]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        hit.start = s2;
        hit.scale = Some(scale);
    }
    Some(hit)
}

/// "a dollar", "a penny": the article as the number one, for the few
/// singular names where that reading is the usual one.
fn article_one(text: &str, hit: &Hit, consumed: usize) -> Option<usize> {
    const SINGULAR: &[&str] = &["dollar", "buck", "cent", "penny", "rupee"];
    let surface = &text[hit.start..hit.end];
    if !SINGULAR.iter().any(|w| w.eq_ignore_ascii_case(surface)) {
        return None;
    }
    // "a dollar-denominated bond", "a dollar store" stay words.
    if text[hit.end..].starts_with(['-', '\''])
        || followed_by_word(
            text,
            hit.end,
            &[
                "store", "stores", "sign", "bill", "coin", "value", "short", "shortage",
            ],
        )
    {
        return None;
    }
    let s = word_before(text, hit.start, "a").or_else(|| word_before(text, hit.start, "an"))?;
    (s >= consumed).then_some(s)
}

fn is_pound(text: &str, hit: &Hit) -> bool {
    hit.unit.code == Some("GBP")
        && text[hit.start..hit.end]
            .to_ascii_lowercase()
            .starts_with("pound")
}

fn followed_by_word(text: &str, pos: usize, words: &[&str]) -> bool {
    let rest = text[pos..].trim_start_matches(' ');
    words
        .iter()
        .any(|w| ci_at(rest, 0, w) && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

/// Does `text` hold the ASCII word `w` at byte `pos`, ignoring ASCII case?
/// Compares bytes, so it never slices inside a character.
fn ci_at(text: &str, pos: usize, w: &str) -> bool {
    text.as_bytes()
        .get(pos..pos + w.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Is `p` where a number may start: a digit, `.5`, or a word, not inside
/// another token ("A380", "1,000" from its second group)?
fn token_start(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    let Some(&c) = b.get(p) else { return false };
    let ok_first =
        c.is_ascii_alphanumeric() || (c == b'.' && b.get(p + 1).is_some_and(u8::is_ascii_digit));
    if !ok_first || !text.is_char_boundary(p) {
        return false;
    }
    match prev_char(text, p) {
        None => true,
        Some(ch) if ch.is_alphanumeric() => false,
        Some('.' | ',') => !(p >= 2 && b[p - 2].is_ascii_digit()),
        Some(_) => true,
    }
}

/// A necessary condition of `token_start` on the two bytes at `p - 1` and
/// `p` alone: most bytes of the window `number_before` tries are inside a
/// word, and are passed over without the call and the decoding of the
/// character before.
fn may_start_token(b: &[u8], p: usize) -> bool {
    b.get(p)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'.')
        && !p
            .checked_sub(1)
            .and_then(|q| b.get(q))
            .is_some_and(u8::is_ascii_alphanumeric)
}

/// The number that ends right before `end` (after spaces, or a hyphen when
/// `hyphen`: "12-cent"), starting no earlier than `floor`: the longest parse.
fn number_before(text: &str, end: usize, floor: usize, hyphen: bool) -> Option<Qty> {
    let b = text.as_bytes();
    let mut j = end;
    let mut spaces = 0;
    while j > floor && spaces < 2 && (b[j - 1] == b' ' || b[j - 1] == b'\t') {
        j -= 1;
        spaces += 1;
    }
    if spaces == 0 && hyphen && j > floor + 1 && b[j - 1] == b'-' {
        j -= 1;
    }
    if j == floor || j == 0 {
        return None;
    }
    if !could_end_number(text, j) {
        return None;
    }
    let mut lo = j.saturating_sub(72).max(floor);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    for p in lo..j {
        if !may_start_token(b, p) || !token_start(text, p) || !could_start_number(text, p) {
            continue;
        }
        if let Some(q) = quantity(text, p) {
            if q.end == j {
                return Some(q);
            }
        }
    }
    None
}

/// Words besides the cardinals (`numbers::is_cardinal_word`) that a number
/// phrase can end with ("million", "bn", "half").
const NUMBER_END_WORDS: &[&str] = &[
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "dozen",
    "half",
    "quarter",
    "quarters",
    "third",
    "thirds",
    "lakh",
    "lakhs",
    "lac",
    "lacs",
    "crore",
    "crores",
    "k",
    "m",
    "b",
    "bn",
    "mn",
    "mln",
    "bln",
    "tn",
    "trn",
    "tr",
    "mm",
    "mil",
    "bil",
    "mio",
    "cr",
];

/// Words besides the cardinals (`numbers::is_cardinal_word`) that a number
/// phrase can start with ("a million", "half a").
const NUMBER_START_WORDS: &[&str] = &["a", "an", "half", "quarter", "dozen"];

/// The first letters of every word a number can start with (cardinals and
/// `NUMBER_START_WORDS`): `could_start_number` rejects the rest ("in",
/// "million", "percent") before the word-list lookups.
const NUMBER_START_INITIALS: u32 = CARDINAL_INITIALS | initials(NUMBER_START_WORDS);

/// Can a number start at token start `p`: a digit, `.5`, or a number word?
/// Saves parsing every word of the window before a currency.
fn could_start_number(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    if b[p].is_ascii_digit() || b[p] == b'.' {
        return true;
    }
    if !b[p].is_ascii_alphabetic() || NUMBER_START_INITIALS >> ((b[p] | 0x20) - b'a') & 1 == 0 {
        return false;
    }
    let mut e = p;
    while e < b.len() && b[e].is_ascii_alphabetic() && e - p < 10 {
        e += 1;
    }
    let word = &b[p..e];
    is_cardinal_word(word)
        || NUMBER_START_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// A cheap test before trying parses: does the text before `j` end with a
/// digit or a word that can end a number? Most currency words ("the euro")
/// and every " in " are rejected here.
fn could_end_number(text: &str, j: usize) -> bool {
    let b = text.as_bytes();
    let Some(&last) = b.get(j.wrapping_sub(1)) else {
        return false;
    };
    if last.is_ascii_digit() {
        return true;
    }
    if !last.is_ascii_alphabetic() {
        return false;
    }
    let mut s = j;
    while s > 0 && b[s - 1].is_ascii_alphabetic() && j - s < 10 {
        s -= 1;
    }
    let word = &b[s..j];
    is_cardinal_word(word)
        || NUMBER_END_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// The number right after a prefix symbol or code: glued ("$5", "USD115")
/// or after one space ("$ 280 million"); digits only.
fn number_after(text: &str, pos: usize) -> Option<Qty> {
    let b = text.as_bytes();
    let mut p = pos;
    if b.get(p) == Some(&b' ') {
        p += 1;
    } else if text[p..].starts_with('\u{a0}') {
        p += 2;
    }
    let c = *b.get(p)?;
    if !(c.is_ascii_digit() || (c == b'.' && b.get(p + 1).is_some_and(u8::is_ascii_digit))) {
        return None;
    }
    quantity(text, p)
}

/// A "$" whose number is preceded by another "$" amount's digits.
fn dollar_prefixed_number(text: &str, q: &Qty) -> bool {
    prev_char(text, q.start).is_some_and(|c| c == '$')
}

/// A four-digit integer between 1800 and 2100 written without separators.
fn looks_like_year(text: &str, q: &Qty) -> bool {
    let s = &text[q.start..q.end];
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Numbers: "1,234.5", "12,34,567" (Indian grouping), "1.2bn", "$5M",
/// "fifty billion", "a quarter of a billion", "half a million", "one and a
/// half million", "35 lakh", "four crore", "1 point 5".
fn quantity(text: &str, p: usize) -> Option<Qty> {
    let b = text.as_bytes();
    let first = *b.get(p)?;
    let (mut value, mut end, written) = if first.is_ascii_digit() || first == b'.' {
        let mut e = p;
        while e < b.len() {
            let c = b[e];
            let next_digit = b.get(e + 1).is_some_and(u8::is_ascii_digit);
            if c.is_ascii_digit()
                || ((c == b',' || c == b'.') && next_digit && e > p)
                || (c == b'.' && e == p)
            {
                e += 1;
                if e - p > 40 {
                    return None;
                }
            } else {
                break;
            }
        }
        let s = &text[p..e];
        let v = parse_numeral(s).or_else(|| indian_numeral(s))?;
        (v, e, false)
    } else if first.is_ascii_alphabetic() {
        let (v, len) = written_number(&text[p..])?;
        (v, p + len, true)
    } else {
        return None;
    };
    // "one point five", "1 point 5"
    if value.fract().is_zero() {
        if let Some((frac, e)) = point_decimals(text, end) {
            value = value.checked_add(frac)?;
            end = e;
        }
    }
    // "one and a half (million)", "two and a half percent"
    if value.fract().is_zero() {
        for (w, f) in [
            (" and a half", Decimal::new(5, 1)),
            (" and a quarter", Decimal::new(25, 2)),
        ] {
            let after = end + w.len();
            if ci_at(text, end, w) && !text[after..].starts_with(|c: char| c.is_alphanumeric()) {
                value = value.checked_add(f)?;
                end = after;
                break;
            }
        }
    }
    // "a quarter of a billion", "half a million"
    if value < Decimal::ONE && written {
        for w in [" of a", " of an", " a", " an"] {
            if ci_at(text, end, w) {
                if scale_at(text, end + w.len(), true).is_some() {
                    end += w.len();
                }
                break;
            }
        }
    }
    let mut q = Qty {
        start: p,
        end,
        value,
        scale: Decimal::ONE,
        scaled: false,
    };
    if let Some((scale, e)) = scale_at(
        text,
        end,
        !written || value < Decimal::ONE || value.fract() != Decimal::ZERO,
    ) {
        q.value = value.checked_mul(scale)?;
        q.scale = scale;
        q.scaled = true;
        q.end = e;
        // Compound scales: "1.2 lakh crore", "5 thousand million".
        if let Some((scale2, e2)) = scale_at(text, e, true).filter(|s| s.0 >= Decimal::from(1000)) {
            if let Some(v) = q.value.checked_mul(scale2) {
                q.value = v;
                q.scale = scale.checked_mul(scale2).unwrap_or(scale);
                q.end = e2;
            }
        }
    } else if let Some(scale) = written.then(|| written_scale(&text[p..end])).flatten() {
        // "fifty billion": parse_written applied the scale itself.
        q.scaled = true;
        q.scale = scale;
    } else if written {
        // Indian scales after written numbers: "four crore".
        if let Some((scale, e)) = scale_at(text, end, true)
            .filter(|s| s.0 == Decimal::from(100_000u32) || s.0 == Decimal::from(10_000_000u32))
        {
            q.value = value.checked_mul(scale)?;
            q.scale = scale;
            q.scaled = true;
            q.end = e;
        }
    }
    Some(q)
}

/// The last scale word of at least a thousand in a written number
/// ("fifty billion" → 10⁹; "one hundred" has none).
fn written_scale(s: &str) -> Option<Decimal> {
    s.split([' ', '-'])
        .filter_map(|w| scale_factor(&w.to_ascii_lowercase()))
        .rfind(|f| *f >= Decimal::from(1000))
}

/// A written number, with "and" joining only after a hundred/thousand/...:
/// "between ten and twenty dollars" is two numbers, not thirty.
fn written_number(s: &str) -> Option<(Decimal, usize)> {
    // "quarter million": parse_written wants "a quarter".
    if ci_at(s, 0, "quarter ") && scale_at(s, 7, true).is_some() {
        return Some((Decimal::new(25, 2), 7));
    }
    let (v, len) = parse_written(s)?;
    let used = &s[..len];
    let lower = used.to_ascii_lowercase();
    if let Some(i) = lower.find(" and ") {
        let before_word = lower[..i].rsplit([' ', '-']).next().unwrap_or("");
        if !matches!(
            before_word,
            "hundred" | "thousand" | "million" | "billion" | "trillion"
        ) {
            return parse_written(&s[..i]);
        }
    }
    Some((v, len))
}

/// Indian digit grouping: "12,34,567.89", "1,00,000".
fn indian_numeral(s: &str) -> Option<Decimal> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let n = groups.len();
    if n < 3 || groups[n - 1].len() != 3 || groups[0].is_empty() || groups[0].len() > 2 {
        return None;
    }
    if groups[1..n - 1].iter().any(|g| g.len() != 2) {
        return None;
    }
    let mut digits: String = groups.concat();
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    parse_numeral(&digits)
}

fn digit_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let lower = w.to_ascii_lowercase();
    WORDS.iter().position(|d| *d == lower).map(|n| n as u32)
}

/// " point five", " point 25" after an integer.
fn point_decimals(text: &str, pos: usize) -> Option<(Decimal, usize)> {
    if !ci_at(text, pos, " point ") {
        return None;
    }
    let mut p = pos + 7;
    let b = text.as_bytes();
    let mut digits = String::from("0.");
    if b.get(p).is_some_and(u8::is_ascii_digit) {
        while b.get(p).is_some_and(u8::is_ascii_digit) {
            digits.push(b[p] as char);
            p += 1;
        }
    } else {
        loop {
            let w_end = text[p..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .map_or(text.len(), |n| p + n);
            let Some(d) = digit_word(&text[p..w_end]) else {
                break;
            };
            digits.push(char::from_digit(d, 10)?);
            p = w_end;
            if text[p..].starts_with(' ')
                && text[p + 1..].starts_with(|c: char| c.is_ascii_alphabetic())
            {
                let w2 = text[p + 1..]
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .map_or(text.len(), |n| p + 1 + n);
                if digit_word(&text[p + 1..w2]).is_some() {
                    p += 1;
                    continue;
                }
            }
            break;
        }
    }
    if digits.len() == 2 {
        return None;
    }
    let v: Decimal = digits.parse().ok()?;
    Some((v, p))
}

fn scale_factor(w: &str) -> Option<Decimal> {
    let v: u64 = match w {
        "hundred" => 100,
        "thousand" | "thousands" | "k" => 1_000,
        "lakh" | "lakhs" | "lac" | "lacs" => 100_000,
        "million" | "millions" | "mn" | "mln" | "mio" | "m" | "mm" | "mil" => 1_000_000,
        "crore" | "crores" | "cr" => 10_000_000,
        "billion" | "billions" | "bn" | "bln" | "b" | "bil" => 1_000_000_000,
        "trillion" | "trillions" | "tn" | "trn" | "tr" => 1_000_000_000_000,
        _ => return None,
    };
    Some(Decimal::from(v))
}

/// A scale word at `pos`: glued ("1.2bn", "$5M") or after one space or
/// hyphen ("5 million", "$3.5-billion"); one-letter and "mm"/"cr"/"tr" forms
/// only glued. `allow` false answers `None` (written numbers that already
/// took their scale).
fn scale_at(text: &str, pos: usize, allow: bool) -> Option<(Decimal, usize)> {
    if !allow {
        return None;
    }
    let b = text.as_bytes();
    let mut p = pos;
    let glued = !matches!(b.get(p), Some(b' ') | Some(b'-'));
    if !glued {
        p += 1;
    }
    let w_end = text[p..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(text.len(), |n| p + n);
    if w_end == p || w_end - p > 9 {
        return None;
    }
    if text[w_end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let w = text[p..w_end].to_ascii_lowercase();
    let f = scale_factor(&w)?;
    let short = matches!(w.as_str(), "k" | "m" | "b" | "mm" | "cr" | "tr");
    if short && !glued {
        return None;
    }
    if !glued && b.get(pos) == Some(&b'-') && short {
        return None;
    }
    Some((f, w_end))
}

/// "75 USD million": a scale word after a postfix unit.
fn trailing_scale(text: &str, c: &mut Cand) {
    if c.scaled || !text[c.end..].starts_with(' ') {
        return;
    }
    if let Some((f, e)) = scale_at(text, c.end, true) {
        if f >= Decimal::from(1000) {
            if let Some(v) = c.value.checked_mul(f) {
                c.value = v;
                c.scale = f;
                c.scaled = true;
                c.end = e;
            }
        }
    }
}

/// A minor unit right after `pos` (after spaces): "cents", "pence", glued "c".
fn minor_follows(text: &str, pos: usize) -> Option<usize> {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches(' ');
    let at = pos + rest.len() - trimmed.len();
    let glued = at == pos;
    for w in [
        "cents", "cent", "cts", "pence", "penny", "pennies", "sens", "sen", "paise", "kopiykas",
        "kopecks", "kopeks", "centavos", "centimes", "¢", "p", "c",
    ] {
        if ci_at(trimmed, 0, w) {
            if (w == "c" || w == "p") && !glued {
                continue;
            }
            let e = at + w.len();
            if text[e..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            return Some(e);
        }
    }
    None
}

/// "15 dollars 50", "thirteen dollars and forty-five cents", "3 GBP 1 pence".
fn cents_after(text: &str, c: &mut Cand, q: Qty, next_hit: Option<&Hit>) {
    if q.scaled || !q.value.fract().is_zero() {
        return;
    }
    let rest = &text[c.end..];
    let skip = if ci_at(rest, 0, " and ") {
        5
    } else if rest.starts_with(' ') {
        1
    } else {
        return;
    };
    let p = c.end + skip;
    if !token_start(text, p) {
        return;
    }
    let Some(n) = quantity(text, p) else { return };
    if n.scaled
        || !n.value.fract().is_zero()
        || n.value <= Decimal::ZERO
        || n.value >= Decimal::from(100)
    {
        return;
    }
    if text[n.start..n.end]
        .bytes()
        .filter(u8::is_ascii_digit)
        .count()
        > 2
    {
        return;
    }
    let cents = n.value / Decimal::from(100);
    if let Some(e) = minor_follows(text, n.end) {
        let Some(v) = c.value.checked_add(cents) else {
            return;
        };
        c.value = v;
        c.end = e;
        return;
    }
    // Without a minor-unit word, the number must not belong to what follows.
    let after = text[n.end..].trim_start_matches(' ');
    if after.starts_with(|ch: char| {
        ch.is_ascii_digit() || ch == '%' || ch == '$' || ch == '-' || ch == '/' || ch == ':'
    }) {
        return;
    }
    let next_word: String = after
        .chars()
        .take_while(|ch| ch.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    const NOT_CENTS: &[&str] = &[
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "time",
        "times",
        "people",
        "per",
        "percent",
        "shares",
        "share",
        "of",
        "million",
        "billion",
        "thousand",
        "dollars",
        "dollar",
        "euros",
        "pounds",
        "yuan",
        "yen",
        "usd",
        "eur",
        "gbp",
        "cny",
        "rmb",
        "jpy",
        "to",
        "or",
        "x",
        "by",
        "percentage",
        "pct",
        "points",
        "units",
        "items",
        "pieces",
        "cents",
    ];
    if NOT_CENTS.contains(&next_word.as_str()) {
        return;
    }
    // "42 KWD and 40 QAR": the number is the next amount's.
    if next_hit.is_some_and(|h| h.start <= n.end + 2 && !h.unit.minor) {
        return;
    }
    let Some(v) = c.value.checked_add(cents) else {
        return;
    };
    c.value = v;
    c.end = n.end;
}

/// The start of "hk $", "c $", "US $": letters (and dots) right before a
/// `$`, glued or after one space, that name a dollar ("HK", "C", "US", "CAD").
fn dollar_prefix_start(text: &str, hit: &Hit) -> Option<usize> {
    if &text[hit.start..hit.end] != "$" {
        return None;
    }
    let mut s = hit.start;
    if s > 0 && text.as_bytes()[s - 1] == b' ' {
        s -= 1;
    }
    let letters_end = s;
    while s > 0 && (text.as_bytes()[s - 1].is_ascii_alphabetic() || text.as_bytes()[s - 1] == b'.')
    {
        s -= 1;
    }
    if s == letters_end || letters_end - s > 4 {
        return None;
    }
    // "A $5m grant", "Apple' s $500": a spaced single letter is an article,
    // an initial or a clitic more often than tokenised "c $ 300"; only C is kept.
    if letters_end < hit.start && letters_end - s == 1 && !matches!(text.as_bytes()[s], b'c' | b'C')
    {
        return None;
    }
    if prev_char(text, s).is_some_and(char::is_alphanumeric) {
        return None;
    }
    dollar_prefix_lookup(&text[s..letters_end]).map(|_| s)
}

fn dollar_prefix_code(text: &str, hit: &Hit, start: usize) -> Option<&'static str> {
    if start == hit.start {
        return None;
    }
    let letters = text[start..hit.start].trim_end();
    dollar_prefix_lookup(letters)
}

/// Letters written before `$` for a dollar: a Reuters/AP prefix or any ISO
/// code of a currency called dollar/peso ("usd$", "mxn$", "cad$").
fn dollar_prefix_lookup(letters: &str) -> Option<&'static str> {
    let up = letters.to_ascii_uppercase();
    Some(match up.as_str() {
        "US" | "U.S." | "USD" => "USD",
        "C" | "CA" | "CAN" | "CAD" => "CAD",
        "A" | "AU" | "AUD" => "AUD",
        "NZ" | "NZD" => "NZD",
        "HK" | "HKD" => "HKD",
        "S" | "SG" | "SGD" => "SGD",
        "NT" | "TWD" => "TWD",
        "R" | "BRL" => "BRL",
        "MX" | "MEX" | "MXN" => "MXN",
        "Z" | "ZWD" => "ZWD",
        "J" | "JMD" => "JMD",
        "TT" | "TTD" => "TTD",
        "BZ" | "BZD" => "BZD",
        "EC" | "XCD" => "XCD",
        "RD" | "DOP" => "DOP",
        "CLP" => "CLP",
        "COP" => "COP",
        "ARS" => "ARS",
        _ => return None,
    })
}

/// "$5–7 billion", "$5 to $7 million", "between $2 and 3 million".
fn range_after(text: &str, c: &mut Cand, q: Qty, surface: &str) {
    let Some((after_conn, and)) = connector_at(text, q.end) else {
        return;
    };
    if and && between_before(text, c.start).is_none() {
        return;
    }
    if !and && text[q.end..after_conn].contains("to") && after_change_verb(text, c.start) {
        return;
    }
    let mut p = after_conn;
    if text
        .as_bytes()
        .get(p..p + surface.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(surface.as_bytes()))
    {
        p += surface.len();
        if text[p..].starts_with(' ') {
            p += 1;
        }
    }
    if !text.as_bytes().get(p).is_some_and(u8::is_ascii_digit) || !token_start(text, p) {
        return;
    }
    let Some(q2) = quantity(text, p) else { return };
    // "$5-7 percent" is not a money range.
    let tail = text[q2.end..].trim_start_matches(' ');
    if tail.starts_with('%') || ci_at(tail, 0, "per") {
        return;
    }
    if q.scaled && !q2.scaled {
        return; // "$5 billion-7" is something else
    }
    let lo = if q.scaled {
        q.value
    } else {
        q.value.checked_mul(q2.scale).unwrap_or(q.value)
    };
    if lo > q2.value {
        return;
    }
    c.value = lo;
    c.max = Some(q2.value);
    c.scale = q2.scale;
    c.scaled = q2.scaled;
    c.end = q2.end;
    if let Some(s) = between_before(text, c.start).or_else(|| from_before(text, c.start)) {
        c.start = s;
    }
}

/// "10-20 dollars", "between 10 and 20 dollars", "from 5 to 7 percent".
fn range_before(text: &str, c: &mut Cand, q: Qty, floor: usize) {
    let Some((conn_start, and)) = connector_before(text, q.start) else {
        return;
    };
    let Some(q0) = number_before(text, conn_start, floor, false) else {
        return;
    };
    let outer = between_before(text, q0.start);
    if and && outer.is_none() {
        return;
    }
    // "rose from 5 to 7 percent" is a change; "from 5 to 7 percent" alone a range.
    if !and && text[conn_start..q.start].trim() == "to" {
        if let Some(f) = from_before(text, q0.start) {
            if after_change_verb(text, f) {
                return;
            }
        }
    }
    if q0.scaled && !q.scaled {
        return;
    }
    let lo = if q0.scaled {
        q0.value
    } else {
        q0.value.checked_mul(q.scale).unwrap_or(q0.value)
    };
    if lo > q.value {
        return;
    }
    c.max = Some(c.value);
    c.value = lo;
    c.start = outer
        .or_else(|| from_before(text, q0.start))
        .unwrap_or(q0.start);
}

/// A range connector at `pos` ("-", "–", "—", " to ", " and "): where the
/// second number starts, and whether it was "and".
fn connector_at(text: &str, pos: usize) -> Option<(usize, bool)> {
    let rest = &text[pos..];
    let t = rest.trim_start_matches(' ');
    let mut p = pos + rest.len() - t.len();
    let spaced = p > pos;
    let and;
    if let Some(dash) = ["-", "–", "—"].iter().find(|d| t.starts_with(**d)) {
        p += dash.len();
        and = false;
    } else if spaced && (t.starts_with("to ") || t.starts_with("and ")) {
        and = t.starts_with("and ");
        p += if and { 3 } else { 2 };
    } else {
        return None;
    }
    while text[p..].starts_with(' ') {
        p += 1;
    }
    Some((p, and))
}

/// A range connector ending right before `pos`: where it starts, and whether it was "and".
fn connector_before(text: &str, pos: usize) -> Option<(usize, bool)> {
    let head = text[..pos].trim_end_matches(' ');
    let spaced = head.len() < pos;
    for (w, and) in [
        ("-", false),
        ("–", false),
        ("—", false),
        ("to", false),
        ("and", true),
    ] {
        if let Some(h) = head.strip_suffix(w) {
            let wordy = w.as_bytes()[0].is_ascii_alphabetic();
            if wordy && (!spaced || !h.ends_with(' ')) {
                continue;
            }
            if !wordy && h.ends_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            return Some((h.trim_end_matches(' ').len(), and));
        }
    }
    None
}

fn word_before(text: &str, pos: usize, word: &str) -> Option<usize> {
    let head = text[..pos].trim_end_matches(' ');
    if head.len() < word.len() || !head.is_char_boundary(head.len() - word.len()) {
        return None;
    }
    let s = head.len() - word.len();
    if !head[s..].eq_ignore_ascii_case(word)
        || prev_char(text, s).is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    Some(s)
}

fn between_before(text: &str, pos: usize) -> Option<usize> {
    word_before(text, pos, "between")
}

fn from_before(text: &str, pos: usize) -> Option<usize> {
    word_before(text, pos, "from")
}

/// "50 cents", "12-cent", "210 pence", "ten pennies": hundredths of the
/// currency of the amount they follow, else of the unit's own currency.
fn minor_amount(
    text: &str,
    hit: &Hit,
    consumed: usize,
    context: Option<&'static str>,
) -> Option<Cand> {
    let surface = &text[hit.start..hit.end];
    // "50 Cent" is a name; the unit is written in lower (or all upper) case.
    let mut letters = surface.chars().filter(|c| c.is_alphabetic());
    if letters.next().is_some_and(char::is_uppercase) && letters.any(char::is_lowercase) {
        return None;
    }
    let q = match number_before(text, hit.start, consumed, true) {
        Some(q) => q,
        None => {
            let start = article_one(text, hit, consumed)?;
            Qty {
                start,
                end: hit.start,
                value: Decimal::ONE,
                scale: Decimal::ONE,
                scaled: false,
            }
        }
    };
    if q.scaled {
        return None;
    }
    let code = hit.unit.code.or(context).unwrap_or("USD");
    let value = q.value / Decimal::from(100);
    Some(Cand {
        start: q.start,
        end: hit.end,
        value,
        max: None,
        currency: Some(code),
        percent: false,
        points: false,
        qualifier: None,
        scale: Decimal::ONE,
        scaled: false,
        bare_dollar: false,
    })
}

/// "27%", "27 percent", "minus five percent", "5-7%", "1.5 percentage
/// points", "per cent of 210".
fn percent(text: &str, hit: &Hit, consumed: usize) -> Option<Cand> {
    let mut c = percent_raw(text, hit, consumed)?;
    if hit.unit.class == Class::Basis {
        // "25 basis points" is 0.25 percentage points.
        let hundred = Decimal::from(100);
        c.value = c.value.checked_div(hundred)?;
        c.max = match c.max {
            Some(m) => Some(m.checked_div(hundred)?),
            None => None,
        };
    }
    Some(c)
}

fn percent_raw(text: &str, hit: &Hit, consumed: usize) -> Option<Cand> {
    let mut points = matches!(hit.unit.class, Class::Points | Class::Basis);
    let mut end = hit.end;
    if !points {
        // "% points", "percent point"
        let rest = &text[end..];
        for w in [" points", " point", " pts"] {
            if ci_at(rest, 0, w) && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric()) {
                points = true;
                end += w.len();
                break;
            }
        }
    }
    let mut c = Cand {
        start: hit.start,
        end,
        value: Decimal::ZERO,
        max: None,
        currency: None,
        percent: true,
        points,
        qualifier: None,
        scale: Decimal::ONE,
        scaled: false,
        bare_dollar: false,
    };
    let Some(q) = number_before(text, hit.start, consumed, false) else {
        // "half a percentage point", "a quarter of a percent".
        for article in [" a ", " of a ", " an ", " of one ", " one "] {
            let Some(head) = text[..hit.start].strip_suffix(article) else {
                continue;
            };
            let cut = head.len();
            if let Some(q) = number_before(text, cut, consumed, false) {
                if q.value > Decimal::ZERO && q.value < Decimal::ONE && !q.scaled {
                    c.start = q.start;
                    c.value = q.value;
                    return Some(c);
                }
            }
        }
        // "per cent of 210": Recognizers-Text reads the number after.
        let rest = &text[hit.end..];
        if ci_at(rest, 0, " of ") && token_start(text, hit.end + 4) {
            let q = quantity(text, hit.end + 4)?;
            if q.scaled {
                return None;
            }
            c.value = q.value;
            c.end = q.end;
            return Some(c);
        }
        return None;
    };
    c.start = q.start;
    c.value = q.value;
    // Negative: "minus 5%", "-5%".
    let head = &text[..q.start];
    if let Some(h) = head.strip_suffix('-').or_else(|| head.strip_suffix('−')) {
        if !h.ends_with(|ch: char| ch.is_alphanumeric() || ch == '%')
            && !h
                .trim_end()
                .ends_with(|ch: char| ch.is_ascii_digit() || ch == '%')
        {
            c.value = -c.value;
            c.start = h.len();
            return Some(c);
        }
    }
    for w in ["minus", "negative"] {
        if let Some(s) = word_before(text, q.start, w) {
            c.value = -c.value;
            c.start = s;
            return Some(c);
        }
    }
    range_before(text, &mut c, q, consumed);
    Some(c)
}

fn percent_cand(start: usize, end: usize, value: Decimal) -> Cand {
    Cand {
        start,
        end,
        value,
        max: None,
        currency: None,
        percent: true,
        points: false,
        qualifier: None,
        scale: Decimal::ONE,
        scaled: false,
        bare_dollar: false,
    }
}

/// A small whole number: "two", "5".
fn small_integer(q: &Qty) -> Option<u32> {
    if q.scaled || !q.value.fract().is_zero() {
        return None;
    }
    u32::try_from(q.value)
        .ok()
        .filter(|n| (1..=1000).contains(n))
}

/// "one in two", "1 in 5": a share, as a percentage (Recognizers-Text reads
/// it so; "one in five Americans" is 20 percent of them).
fn ratio(text: &str, hit: &Hit, consumed: usize) -> Option<Cand> {
    // Nearly every " in " is followed by a word no number starts with: that
    // is tested on the next word alone, before the parse of the one before.
    let p = hit.end;
    if !token_start(text, p) || !could_start_number(text, p) {
        return None;
    }
    let q1 = number_before(text, hit.start + 1, consumed, false)?;
    if q1.end != hit.start {
        return None;
    }
    let q2 = quantity(text, p)?;
    let (n, m) = (small_integer(&q1)?, small_integer(&q2)?);
    if n >= m
        || looks_like_year(text, &q2)
        || text[q2.end..].starts_with(|c: char| c.is_alphanumeric() || c == ',')
    {
        return None;
    }
    let next: String = text[q2.end..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    const NOT_SHARES: &[&str] = &[
        "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "minutes",
        "seconds", "decades", "games", "matches", "races", "starts", "innings", "sets", "rounds",
        "attempts", "tries", "percent", "million", "billion", "thousand", "hundred",
    ];
    if NOT_SHARES.contains(&next.to_ascii_lowercase().as_str()) {
        return None;
    }
    let value = Decimal::from(n)
        .checked_mul(Decimal::from(100))?
        .checked_div(Decimal::from(m))?;
    Some(percent_cand(q1.start, q2.end, value.round_dp(10)))
}

/// "one half of", "two thirds of", "a quarter of": the fraction as a
/// percentage, unless a number follows ("a quarter of a billion dollars").
fn fraction(text: &str, hit: &Hit, consumed: usize) -> Option<Cand> {
    let word = text[hit.start..hit.end]
        .split(' ')
        .next()?
        .to_ascii_lowercase();
    let denom: u32 = match word.trim_end_matches('s') {
        "half" | "halve" => 2,
        "third" => 3,
        "quarter" | "fourth" => 4,
        "fifth" => 5,
        "tenth" => 10,
        _ => return None,
    };
    let mut j = hit.start;
    if j > 0 && matches!(text.as_bytes()[j - 1], b' ' | b'-') {
        j -= 1;
    }
    let head = &text[..j];
    let (n, start) = if let Some(s) =
        word_before(text, j + 1, "a").or_else(|| word_before(text, j + 1, "one"))
    {
        (1, s)
    } else {
        let w_start = head
            .char_indices()
            .rfind(|(_, c)| !c.is_ascii_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let w = &head[w_start..];
        let n = crate::extract::numbers::parse_number(w)
            .filter(|(_, len)| *len == w.len())
            .and_then(|(v, _)| u32::try_from(v).ok())?;
        (n, w_start)
    };
    if start < consumed || n == 0 || n >= denom || (denom == 2 && n != 1) {
        return None;
    }
    // "a quarter of a percentage point": a fraction of the unit, not a share.
    for (unit, points) in [
        (" a percentage point", true),
        (" a point", true),
        (" one percentage point", true),
        (" a percent", false),
        (" one percent", false),
        (" a per cent", false),
        (" one per cent", false),
    ] {
        if ci_at(text, hit.end, unit)
            && !text[hit.end + unit.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            let value = Decimal::from(n)
                .checked_div(Decimal::from(denom))?
                .round_dp(10);
            let mut c = percent_cand(start, hit.end + unit.len(), value);
            c.points = points;
            return Some(c);
        }
    }
    let after = text[hit.end..].trim_start_matches(' ');
    let after_at = hit.end + (text.len() - hit.end - after.len());
    if token_start(text, after_at) && quantity(text, after_at).is_some() {
        return None;
    }
    // "a quarter of a century", "half of an hour": a fraction of one thing,
    // not a share of a group.
    let next_word: String = after
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    if next_word.eq_ignore_ascii_case("a") || next_word.eq_ignore_ascii_case("an") {
        return None;
    }
    let value = Decimal::from(n)
        .checked_mul(Decimal::from(100))?
        .checked_div(Decimal::from(denom))?;
    Some(percent_cand(start, hit.end, value.round_dp(10)))
}

/// Words that report a change: after them "A to B" is a move from A to B
/// (or by A to B), not a range.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "increased",
    "increase",
    "increases",
    "decreased",
    "decrease",
    "decreases",
    "climbed",
    "climb",
    "climbs",
    "jumped",
    "jump",
    "jumps",
    "dropped",
    "drop",
    "drops",
    "grew",
    "grow",
    "grows",
    "growing",
    "declined",
    "decline",
    "declines",
    "slipped",
    "slip",
    "surged",
    "surge",
    "soared",
    "soar",
    "plunged",
    "plunge",
    "gained",
    "gain",
    "gains",
    "lost",
    "cut",
    "cuts",
    "raised",
    "raise",
    "raises",
    "lowered",
    "lower",
    "lifted",
    "lift",
    "boosted",
    "boost",
    "slid",
    "slide",
    "eased",
    "ease",
    "edged",
    "widened",
    "narrowed",
    "shrank",
    "doubled",
    "tripled",
    "up",
    "down",
    "higher",
    "advanced",
    "retreated",
    "tumbled",
    "sank",
    "dipped",
    "added",
    "shed",
    "trimmed",
    "reduced",
    "hiked",
    "changed",
    "moved",
    "went",
    "revised",
    "upgraded",
    "downgraded",
    "adding",
    "lifting",
    "cutting",
    "raising",
    "lowering",
    "boosting",
    "increasing",
    "reducing",
    "reduce",
    "pushed",
    "pushing",
    "sending",
    "sent",
    "took",
    "taking",
];

/// Is the amount at `pos` preceded by a change verb, maybe with "by",
/// "from", "an estimated", "about" between?
fn after_change_verb(text: &str, pos: usize) -> bool {
    after_change_verb_within(text, pos, false)
}

/// With `loose`, for two complete amounts ("lifted interest rates 0.25% to
/// 5.5%", "by 400m euros to 2.5bn euros"): a change verb up to five words
/// back in the same clause, or "by" right before, marks a change.
fn after_change_verb_within(text: &str, pos: usize, loose: bool) -> bool {
    if loose {
        let mut lo = pos.saturating_sub(50);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let clause = text[lo..pos]
            .rsplit(['.', ';', ':', ',', '(', '"'])
            .next()
            .unwrap_or("");
        let words: Vec<String> = clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        // "falling in the range of 34 cts to 36 cts" is a range after all.
        if words
            .iter()
            .any(|w| matches!(w.as_str(), "range" | "ranging" | "ranged" | "between"))
        {
            return false;
        }
        if words.last().is_some_and(|w| w == "by") {
            return true;
        }
        if words
            .iter()
            .rev()
            .take(5)
            .any(|w| CHANGE_VERBS.contains(&w.as_str()))
        {
            return true;
        }
    }
    let mut lo = pos.saturating_sub(60);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let head = &text[lo..pos];
    let words: Vec<String> = head
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect();
    for w in &words {
        if CHANGE_VERBS.contains(&w.as_str()) {
            return true;
        }
        if !matches!(
            w.as_str(),
            "by" | "from"
                | "about"
                | "around"
                | "some"
                | "nearly"
                | "almost"
                | "roughly"
                | "an"
                | "estimated"
                | "a"
                | "record"
                | "further"
                | "sharply"
                | "slightly"
        ) {
            return false;
        }
    }
    false
}

/// Joins "A - B", "A to B", "between A and B" of two amounts of one kind.
fn merge_ranges(text: &str, cands: &mut Vec<Cand>) {
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands.drain(..) {
        if let Some(a) = out.last_mut() {
            if a.max.is_none()
                && c.max.is_none()
                && a.percent == c.percent
                && a.points == c.points
                && a.currency == c.currency
                && a.end <= c.start
            {
                let gap = text[a.end..c.start].trim();
                let between = between_before(text, a.start);
                let ok = match gap {
                    "-" | "–" | "—" => true,
                    // "inflation rose 0.3% to 2.1%", "rose from $5bn to $7bn":
                    // a change and its result, not a range.
                    "to" => !after_change_verb_within(text, a.start, true),
                    "and" => between.is_some(),
                    _ => false,
                };
                let lo = if !a.scaled && c.scaled {
                    a.value.checked_mul(c.scale)
                } else {
                    Some(a.value)
                };
                if let (true, Some(lo)) = (ok, lo) {
                    if lo <= c.value {
                        a.value = lo;
                        a.max = Some(c.value);
                        a.end = c.end;
                        a.scaled = c.scaled;
                        a.scale = c.scale;
                        if let Some(s) = between.or_else(|| from_before(text, a.start)) {
                            a.start = s;
                        }
                        continue;
                    }
                }
            }
        }
        out.push(c);
    }
    *cands = out;
}

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("up to", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("as many as", Qualifier::UpTo),
    ("as high as", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("no more than", Qualifier::UpTo),
    ("not more than", Qualifier::UpTo),
    ("a maximum of", Qualifier::UpTo),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("close to", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("estimated", Qualifier::About),
    ("circa", Qualifier::About),
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("more than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("less than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("just under", Qualifier::LessThan),
];

const TRAILING_QUALIFIERS: &[(&str, Qualifier)] = &[
    (" or more", Qualifier::AtLeast),
    (" or higher", Qualifier::AtLeast),
    (" or less", Qualifier::UpTo),
    (" or lower", Qualifier::UpTo),
    (" or so", Qualifier::About),
    ("-plus", Qualifier::MoreThan),
];

/// Attaches the qualifier written before or after an amount, into its span.
fn qualify(text: &str, c: &mut Cand) {
    let mut best: Option<(usize, Qualifier)> = None;
    // Only phrases ending in the word right before the amount can match.
    let head = text[..c.start].trim_end_matches(' ').as_bytes();
    let mut k = head.len();
    while k > 0 && (head[k - 1].is_ascii_alphabetic() || head[k - 1] == b'.') {
        k -= 1;
    }
    let last = &head[k..];
    if last.is_empty() {
        return qualify_after(text, c);
    }
    for (w, q) in QUALIFIERS {
        if !last_word_is(w, last) {
            continue;
        }
        if let Some(s) = word_before(text, c.start, w) {
            if best.is_none_or(|b| s < b.0) {
                best = Some((s, *q));
            }
        }
    }
    if let Some((s, q)) = best {
        if c.max.is_none() || q == Qualifier::About {
            c.start = s;
            c.qualifier = Some(q);
        }
    }
    qualify_after(text, c);
}

/// Whether the last space-separated word of `phrase` is `word`, ASCII
/// case aside: `phrase.rsplit(' ').next()` compared with `word`, as a
/// suffix test. (Asked of every qualifier for every amount, the `rsplit`
/// set up a character searcher each time: a fifth of the money tagger.)
fn last_word_is(phrase: &str, word: &[u8]) -> bool {
    let p = phrase.as_bytes();
    let Some(k) = p.len().checked_sub(word.len()) else {
        return false;
    };
    !word.contains(&b' ') && p[k..].eq_ignore_ascii_case(word) && (k == 0 || p[k - 1] == b' ')
}

/// "$10,000 or more", "$5 million-plus".
fn qualify_after(text: &str, c: &mut Cand) {
    if c.qualifier.is_none() && c.max.is_none() {
        let rest = &text[c.end..];
        for (w, q) in TRAILING_QUALIFIERS {
            if ci_at(rest, 0, w) && !rest[w.len()..].starts_with(|ch: char| ch.is_alphanumeric()) {
                c.end += w.len();
                c.qualifier = Some(*q);
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests;
