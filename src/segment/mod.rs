//! Segment: a text → sentence spans.
//!
//! Takes any text; gives the byte spans of its sentences, in order, trimmed.
//! Line breaks always end a sentence (a cleaned body has one paragraph per
//! line). Within a line, a hand-rolled scanner finds the Unicode sentence
//! boundaries of UAX #29 (rules SB4–SB11: a boundary after `. ! ?` and the
//! other terminators, their closing quotes and brackets and the spaces after
//! them, but not before a digit or a lower-case word, not inside "U.S" or
//! "3.5", not before `, ; :`), which are then joined back where the break
//! follows an abbreviation: never after a title ("Mr.", "Dr."), after other
//! abbreviations ("Inc.", "U.S.", "Jan.") only when the next word starts in
//! lower case or with a digit, and never after a single initial ("J.").
//!
//! Why not `unicode-segmentation`'s sentence iterator: it looks every
//! character up in a table of ranges and runs a state machine over all of
//! them; news text is almost all letters and spaces, which can never end a
//! sentence, so the scanner skips them byte by byte and applies the rules
//! only around terminators (it costs a few instructions a byte instead of
//! dozens). The unit tests compare it with that iterator on tricky text.
//! It does not implement SB5 for combining marks (a mark right after a
//! period, which news never has); format characters (soft hyphen, zero-width
//! space, BOM) are skipped as SB5 says.

use crate::hash::{packed_key, PackedTable};
use crate::span::Span;
use std::sync::OnceLock;

const ABBREVIATIONS: &str = include_str!("../../data/segment/abbreviations.txt");

/// Lower-cased abbreviations (without their final period), looked up at
/// every period: those of up to eight bytes (all of the shipped list) by
/// their packed key, longer ones in a sorted list (a binary search over
/// strings compared a few of them per period).
struct Abbreviations {
    short: PackedTable<Abbreviation>,
    long: Vec<(String, Abbreviation)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Abbreviation {
    #[default]
    None,
    /// "Mr", "Dr": never ends a sentence.
    Title,
    /// "Inc", "Jan": ends one unless a small letter, digit, comma or
    /// semicolon follows.
    Other,
}

/// Longest abbreviation worth a lookup; longer words are never in the list.
const MAX_ABBREVIATION: usize = 16;

/// The shipped list, each word lower-cased with its section's kind, in
/// file order.
fn listed_abbreviations() -> impl Iterator<Item = (String, Abbreviation)> {
    let mut section = "";
    crate::clean::data_lines(ABBREVIATIONS).flat_map(move |line| {
        if line.starts_with('[') {
            section = line;
        }
        let kind = if section == "[title]" {
            Abbreviation::Title
        } else {
            Abbreviation::Other
        };
        let words = if line.starts_with('[') { "" } else { line };
        words
            .split_whitespace()
            .map(move |w| (w.to_ascii_lowercase(), kind))
    })
}

fn abbreviations() -> &'static Abbreviations {
    static ABBR: OnceLock<Abbreviations> = OnceLock::new();
    ABBR.get_or_init(|| {
        // A word listed in both sections is a title.
        let mut by_word: std::collections::BTreeMap<String, Abbreviation> = Default::default();
        for (w, kind) in listed_abbreviations() {
            let known = by_word.entry(w).or_insert(kind);
            if kind == Abbreviation::Title {
                *known = kind;
            }
        }
        let mut short = Vec::new();
        let mut long = Vec::new();
        for (w, kind) in by_word {
            match packed_key(w.as_bytes()) {
                Some(key) => short.push((key, kind)),
                None => long.push((w, kind)),
            }
        }
        Abbreviations {
            short: PackedTable::new(short),
            long,
        }
    })
}

impl Abbreviations {
    /// What `key` (lower-case ASCII, at most [`MAX_ABBREVIATION`] bytes) is.
    fn kind(&self, key: &str) -> Abbreviation {
        match packed_key(key.as_bytes()) {
            Some(packed) => self.short.get(packed).unwrap_or_default(),
            None => self
                .long
                .binary_search_by(|(w, _)| w.as_str().cmp(key))
                .map_or(Abbreviation::None, |k| self.long[k].1),
        }
    }
}

/// The UAX #29 sentence-break classes the rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// `.` and its look-alikes: a terminator unless a digit, a lower-case
    /// word or (after a letter) a capital follows.
    ATerm,
    /// `!`, `?` and other scripts' full stops.
    STerm,
    /// Quotes and brackets that stay with the sentence they close.
    Close,
    Sp,
    /// Paragraph separators other than `\n` (CR, NEL, U+2028, U+2029).
    Sep,
    /// `,` `-` `:` `;` and dashes: the sentence goes on after them.
    SContinue,
    Upper,
    Lower,
    /// Letters without case (CJK, Arabic, ...).
    OLetter,
    Numeric,
    /// Soft hyphen, zero-width characters, BOM: invisible to the rules (SB5).
    Format,
    Other,
}

/// Bytes at which the scanner must stop: terminators, separators and the
/// lead bytes of multi-byte characters (which might be either).
const STOP: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    let mut b = 0xC0;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    t
};

fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            '.' => Class::ATerm,
            '!' | '?' => Class::STerm,
            '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Class::Close,
            ' ' | '\t' | '\u{b}' | '\u{c}' => Class::Sp,
            '\r' | '\n' => Class::Sep,
            ',' | '-' | ':' | ';' => Class::SContinue,
            'A'..='Z' => Class::Upper,
            'a'..='z' => Class::Lower,
            '0'..='9' => Class::Numeric,
            _ => Class::Other,
        };
    }
    match c {
        '\u{2024}' | '\u{fe52}' | '\u{ff0e}' => Class::ATerm,
        '\u{589}'
        | '\u{61d}'..='\u{61f}'
        | '\u{6d4}'
        | '\u{964}'..='\u{965}'
        | '\u{1362}'
        | '\u{203c}'..='\u{203d}'
        | '\u{2047}'..='\u{2049}'
        | '\u{2e2e}'
        | '\u{2e3c}'
        | '\u{3002}'
        | '\u{fe15}'..='\u{fe16}'
        | '\u{fe56}'..='\u{fe57}'
        | '\u{ff01}'
        | '\u{ff1f}'
        | '\u{ff61}' => Class::STerm,
        '\u{ab}'
        | '\u{bb}'
        | '\u{2018}'..='\u{201f}'
        | '\u{2039}'..='\u{203a}'
        | '\u{2045}'..='\u{2046}'
        | '\u{207d}'..='\u{207e}'
        | '\u{208d}'..='\u{208e}'
        | '\u{2308}'..='\u{230b}'
        | '\u{2329}'..='\u{232a}'
        | '\u{275b}'..='\u{2760}'
        | '\u{2768}'..='\u{2775}'
        | '\u{27e6}'..='\u{27ef}'
        | '\u{2e00}'..='\u{2e0d}'
        | '\u{2e1c}'..='\u{2e1d}'
        | '\u{2e20}'..='\u{2e29}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301b}'
        | '\u{301d}'..='\u{301f}'
        | '\u{ff08}'..='\u{ff09}'
        | '\u{ff3b}'
        | '\u{ff3d}'
        | '\u{ff5b}'
        | '\u{ff5d}'
        | '\u{ff5f}'..='\u{ff60}'
        | '\u{ff62}'..='\u{ff63}' => Class::Close,
        '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Sep,
        '\u{37e}'
        | '\u{55d}'
        | '\u{60c}'..='\u{60d}'
        | '\u{7f8}'
        | '\u{1802}'
        | '\u{1808}'
        | '\u{2013}'..='\u{2014}'
        | '\u{3001}'
        | '\u{fe10}'..='\u{fe11}'
        | '\u{fe13}'..='\u{fe14}'
        | '\u{fe31}'..='\u{fe32}'
        | '\u{fe50}'..='\u{fe51}'
        | '\u{fe54}'..='\u{fe55}'
        | '\u{fe58}'
        | '\u{fe63}'
        | '\u{ff0c}'..='\u{ff0d}'
        | '\u{ff1a}'..='\u{ff1b}'
        | '\u{ff64}' => Class::SContinue,
        '\u{ad}'
        | '\u{61c}'
        | '\u{200b}'
        | '\u{200e}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}' => Class::Format,
        c if c.is_whitespace() => Class::Sp,
        c if c.is_lowercase() => Class::Lower,
        c if c.is_uppercase() => Class::Upper,
        c if c.is_alphabetic() => Class::OLetter,
        c if c.is_numeric() => Class::Numeric,
        _ => Class::Other,
    }
}

/// The class of the character at byte `i` and the byte after it, skipping
/// format characters; `None` at the end of the text.
fn class_at(text: &str, mut i: usize) -> Option<(Class, usize)> {
    loop {
        let c = text.get(i..)?.chars().next()?;
        i += c.len_utf8();
        match class(c) {
            Class::Format => continue,
            k => return Some((k, i)),
        }
    }
}

/// The class of the character that ends before byte `i`, skipping format
/// characters.
fn class_before(text: &str, i: usize) -> Option<Class> {
    text.get(..i)?
        .chars()
        .rev()
        .map(class)
        .find(|&k| k != Class::Format)
}

/// Sentence spans of `text`, in order, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut seg = Segmenter {
        text,
        abbr: abbreviations(),
        out: Vec::with_capacity(text.len() / 128 + 1),
        pending: None,
    };
    pieces(text, |start, end, line_end| {
        seg.piece(start, end);
        if line_end {
            seg.flush();
        }
    });
    seg.flush();
    seg.out
}

/// Cuts `text` into UAX #29 sentences ("pieces", untrimmed, covering the
/// whole text): calls `f(start, end, line_end)` for each, `line_end` when
/// the piece ends a line (or the text).
fn pieces(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let bytes = text.as_bytes();
    // Start of the piece being scanned.
    let mut piece = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = next_stop(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b == b'\n' {
            f(piece, i + 1, true);
            piece = i + 1;
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        if !b.is_ascii() && !ends_or_separates(c) {
            i = next;
            continue;
        }
        match class(c) {
            // CR LF ends a line at the LF.
            Class::Sep if bytes.get(next) == Some(&b'\n') => i = next,
            Class::Sep => {
                f(piece, next, false);
                piece = next;
                i = next;
            }
            k @ (Class::ATerm | Class::STerm) => match boundary(text, i, k == Class::ATerm, next) {
                Some(end) => {
                    f(piece, end, false);
                    piece = end;
                    i = end;
                }
                None => i = next,
            },
            _ => i = next,
        }
    }
    if piece < text.len() {
        f(piece, text.len(), true);
    }
}

/// The first byte at or after `from` that [`STOP`] holds, or the length of
/// `bytes`. Prose runs dozens of bytes between stops, and walking them a
/// byte and a table load at a time was most of the segmenter's cost: eight
/// bytes are tested at once ([`stop_mask`]), the last few one by one.
fn next_stop(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let m = stop_mask(u64::from_le_bytes(*chunk));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STOP[usize::from(b)] {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// The high bit of each byte of `w` (little-endian) that [`STOP`] holds —
/// exactly in the lowest such byte, which is all that is read: the "has a
/// zero byte" trick may also flag bytes above a true one (its borrow runs
/// upwards), never below it; the lead-byte test (`0b11xx_xxxx`) is exact.
fn stop_mask(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let lead = w & (w << 1) & HIGHS;
    lead | zero(w ^ (ONES * u64::from(b'.')))
        | zero(w ^ (ONES * u64::from(b'!')))
        | zero(w ^ (ONES * u64::from(b'?')))
        | zero(w ^ (ONES * u64::from(b'\n')))
        | zero(w ^ (ONES * u64::from(b'\r')))
}

/// Non-ASCII terminators and separators: the only characters beyond ASCII
/// at which the scanner stops (a cheap test before [`class`]).
fn ends_or_separates(c: char) -> bool {
    matches!(
        c,
        '\u{85}'
            | '\u{589}'
            | '\u{61d}'..='\u{61f}'
            | '\u{6d4}'
            | '\u{964}'..='\u{965}'
            | '\u{1362}'
            | '\u{2024}'
            | '\u{2028}'..='\u{2029}'
            | '\u{203c}'..='\u{203d}'
            | '\u{2047}'..='\u{2049}'
            | '\u{2e2e}'
            | '\u{2e3c}'
            | '\u{3002}'
            | '\u{fe15}'..='\u{fe16}'
            | '\u{fe52}'
            | '\u{fe56}'..='\u{fe57}'
            | '\u{ff01}'
            | '\u{ff0e}'
            | '\u{ff1f}'
            | '\u{ff61}'
    )
}

/// Is there a sentence boundary after the terminator at `t` (ending at
/// byte `after`)? Returns where the next sentence starts: after the
/// terminator's closing quotes and brackets and the spaces after them.
fn boundary(text: &str, t: usize, aterm: bool, after: usize) -> Option<usize> {
    let next = class_at(text, after).map(|(k, _)| k);
    if aterm {
        // SB6: "3.5". SB7: "U.S", "Amazon.Com".
        if next == Some(Class::Numeric) {
            return None;
        }
        if next == Some(Class::Upper)
            && matches!(class_before(text, t), Some(Class::Upper | Class::Lower))
        {
            return None;
        }
    }
    // SB9, SB10: closing punctuation, then spaces, stay with the sentence.
    let mut end = after;
    let mut k = next;
    while k == Some(Class::Close) {
        (k, end) = advance(text, end);
    }
    while k == Some(Class::Sp) {
        (k, end) = advance(text, end);
    }
    // SB8a: ". ," "?!" — the sentence goes on.
    if matches!(k, Some(Class::SContinue | Class::ATerm | Class::STerm)) {
        return None;
    }
    // SB8: after a period, the next letter in lower case continues it
    // ("etc. and", "No. 5 in").
    if aterm {
        let mut at = end;
        let mut k = k;
        loop {
            match k {
                Some(Class::Lower) => return None,
                None
                | Some(Class::OLetter | Class::Upper | Class::Sep | Class::ATerm | Class::STerm) => {
                    break
                }
                Some(_) => (k, at) = advance(text, at),
            }
        }
    }
    // SB11.
    Some(end)
}

/// The class of the character at `at` and the byte after it (or the end).
fn advance(text: &str, at: usize) -> (Option<Class>, usize) {
    match class_at(text, at) {
        Some((_, next)) => (class_at(text, next).map(|(k, _)| k), next),
        None => (None, at),
    }
}

/// Joins UAX #29 pieces back after abbreviations and collects sentences.
struct Segmenter<'t> {
    text: &'t str,
    abbr: &'static Abbreviations,
    out: Vec<Span>,
    /// The sentence being built, trimmed; it may still take the next piece.
    pending: Option<Span>,
}

impl Segmenter<'_> {
    /// Takes the piece `start..end` (untrimmed).
    fn piece(&mut self, start: usize, end: usize) {
        // Pieces end on char boundaries; an empty piece is harmless if not.
        let raw = self.text.get(start..end).unwrap_or("");
        let trimmed = raw.trim_start();
        let lead = raw.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            return;
        }
        let span = Span::new(start + lead, start + lead + trimmed.len());
        self.pending = match self.pending {
            Some(prev) if !ends_sentence(prev.slice(self.text), trimmed, self.abbr) => {
                Some(Span::new(prev.start, span.end))
            }
            Some(prev) => {
                self.out.push(prev);
                Some(span)
            }
            None => Some(span),
        };
    }

    /// Ends the sentence being built (at a line break).
    fn flush(&mut self) {
        self.out.extend(self.pending.take());
    }
}

/// Does a sentence candidate `prev` really end before `next`?
fn ends_sentence(prev: &str, next: &str, abbr: &Abbreviations) -> bool {
    let Some(stripped) = prev.strip_suffix('.') else {
        return true;
    };
    let last = stripped
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    // A single capital initial: "J. R. R. Tolkien".
    let mut chars = last.chars();
    if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
        return false;
    }
    // The list is ASCII: other words need no lookup.
    if last.len() > MAX_ABBREVIATION || !last.is_ascii() {
        return true;
    }
    let mut buf = [0u8; MAX_ABBREVIATION];
    let buf = &mut buf[..last.len()];
    buf.copy_from_slice(last.as_bytes());
    buf.make_ascii_lowercase();
    let Ok(key) = std::str::from_utf8(buf) else {
        return true;
    };
    match abbr.kind(key) {
        Abbreviation::Title => false,
        Abbreviation::Other => !next
            .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || c == ',' || c == ';'),
        Abbreviation::None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| s.slice(text)).collect()
    }

    /// Trimmed non-empty spans of `(start, piece)` pairs.
    fn trimmed(text: &str, pieces: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
        pieces
            .filter_map(|(start, end)| {
                let raw = &text[start..end];
                let lead = raw.len() - raw.trim_start().len();
                let t = raw.trim();
                (!t.is_empty()).then_some((start + lead, start + lead + t.len()))
            })
            .collect()
    }

    /// UAX #29 sentences by `unicode-segmentation`, trimmed.
    fn uax29(text: &str) -> Vec<(usize, usize)> {
        let pieces = text
            .split_sentence_bound_indices()
            .map(|(i, s)| (i, i + s.len()));
        trimmed(text, pieces)
    }

    /// The scanner's sentences before abbreviations join them back, trimmed.
    fn scanned(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        pieces(text, |start, end, _| out.push((start, end)));
        trimmed(text, out.into_iter())
    }

    #[test]
    fn boundaries_are_those_of_uax29() {
        for text in [
            "It rose 3.5 percent. Then it fell.",
            "The U.S. economy grew. Prices rose.",
            "He said \"No.\" Then he left.",
            "Really?! Yes. (It was.) Then more.",
            "Amazon.com rose. eBay fell.",
            "etc. and so on. Wait... Then what?",
            "It ended... and began again. ¿Qué? ¡Sí!",
            "See No. 5 in the list. Next one.",
            "Done.\u{201d} She left.\rNew line. Another\u{2029}Para.",
            "He won 6-4. 7-5 was the next set. Score: 3.",
            "A.B. Smith arrived. C. Jones left.",
            "Ende. Über alles. Как дела? Хорошо. 完成。下一句。",
            "So.\u{ad} Next. Soft.\u{200b}Hyphen.",
            "He paused . . . then spoke. She said: \u{2018}yes.\u{2019} And so on.",
            "Is it? it is. Is it! Yes.",
            "End.\u{a0}\u{a0}Next, then.\tTab. [Bracket.] Done.",
            "3.Next 4. next a.B c.d E.F",
        ] {
            assert_eq!(scanned(text), uax29(text), "{text:?}");
        }
    }

    /// [`STOP`] a byte at a time: the definition [`next_stop`] keeps.
    fn next_stop_by_byte(bytes: &[u8], from: usize) -> usize {
        (from..bytes.len())
            .find(|&i| STOP[usize::from(bytes[i])])
            .unwrap_or(bytes.len())
    }

    #[test]
    fn next_stop_finds_every_stop_byte() {
        // Each byte value at each position of a word and its tail, behind
        // bytes that are no stop, and after a stop (the borrow case).
        for b in 0..=255u8 {
            for at in 0..12 {
                for lead in [b'a', b'.', 0xC3] {
                    let mut bytes = vec![b'x'; 12];
                    bytes[0] = lead;
                    bytes[at] = b;
                    for from in 0..bytes.len() {
                        assert_eq!(
                            next_stop(&bytes, from),
                            next_stop_by_byte(&bytes, from),
                            "{bytes:?} from {from}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn next_stop_is_the_byte_walk(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            proptest::prop_assert_eq!(next_stop(&bytes, from), next_stop_by_byte(&bytes, from));
        }
    }

    proptest::proptest! {
        /// On text made of what news is made of, the scanner finds exactly
        /// the sentences of UAX #29, and the joined sentences are ordered,
        /// disjoint, trimmed and never empty.
        #[test]
        fn scanner_agrees_with_uax29(text in "[a-zA-Z0-9ÉéÜü .!?,;:'\"()\\[\\]\n\t\r\u{a0}\u{201c}\u{201d}\u{2019}\u{2014}\u{2026}\u{3002}-]{0,60}") {
            proptest::prop_assert_eq!(scanned(&text), uax29(&text));
            let mut last = 0;
            for s in sentences(&text) {
                let t = s.slice(&text);
                proptest::prop_assert!(s.start >= last && !t.is_empty() && t.trim() == t);
                last = s.end;
            }
        }
    }

    #[test]
    fn abbreviation_table_holds_the_list() {
        let abbr = abbreviations();
        let mut n = 0;
        for (w, kind) in listed_abbreviations() {
            n += 1;
            match kind {
                Abbreviation::Title => assert_eq!(abbr.kind(&w), Abbreviation::Title, "{w}"),
                _ => assert_ne!(abbr.kind(&w), Abbreviation::None, "{w}"),
            }
        }
        assert!(n > 50, "the list has {n} words");
        for w in ["", "the", "said", "inco", "mrs.", "a-very-long-word-indeed"] {
            assert_eq!(abbr.kind(w), Abbreviation::None, "{w}");
        }
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones. They talked."),
            vec!["Mr. Smith met Dr. Jones.", "They talked."]
        );
        assert_eq!(
            split("The U.S. economy grew. Prices rose."),
            vec!["The U.S. economy grew.", "Prices rose."]
        );
        assert_eq!(
            split("It bought Acme Inc. in 2019. Then it grew."),
            vec!["It bought Acme Inc. in 2019.", "Then it grew."]
        );
        assert_eq!(
            split("a deal with Amazon.com Inc. In December, it agreed."),
            vec!["a deal with Amazon.com Inc.", "In December, it agreed."]
        );
        assert_eq!(
            split("Written by J. R. R. Tolkien. Loved."),
            vec!["Written by J. R. R. Tolkien.", "Loved."]
        );
        assert_eq!(
            split("Sales rose in Jan. 2024 and fell in Feb. Nobody knew why."),
            vec![
                "Sales rose in Jan. 2024 and fell in Feb.",
                "Nobody knew why."
            ]
        );
    }

    #[test]
    fn terminators_quotes_and_spaces() {
        assert_eq!(
            split("\u{201c}We won.\u{201d} The coach smiled. Why? Because!"),
            vec![
                "\u{201c}We won.\u{201d}",
                "The coach smiled.",
                "Why?",
                "Because!"
            ]
        );
        assert_eq!(
            split("Shares rose 2.5% to $3.20. Ü-Bahn fares fell."),
            vec!["Shares rose 2.5% to $3.20.", "Ü-Bahn fares fell."]
        );
        assert_eq!(split("  \n\n  "), Vec::<&str>::new());
        assert_eq!(split("No terminator at all"), vec!["No terminator at all"]);
    }

    #[test]
    fn lines_always_end_sentences() {
        assert_eq!(
            split("Headline without stop\nBody text here. More.\n\n"),
            vec!["Headline without stop", "Body text here.", "More."]
        );
        assert_eq!(
            split("Dr.\r\nSmith came. Mr.\nJones too."),
            vec!["Dr.", "Smith came.", "Mr.", "Jones too."]
        );
    }
}
