//! Segment: a text → sentence spans.
//!
//! Takes any text; gives the byte spans of its sentences, in order, trimmed.
//! Line breaks always end a sentence (a cleaned body has one paragraph per
//! line). Within a line, Unicode sentence boundaries (UAX #29, via
//! `unicode-segmentation`) are joined back where the break follows an
//! abbreviation: never after a title ("Mr.", "Dr."), after other
//! abbreviations ("Inc.", "U.S.", "Jan.") only when the next word starts in
//! lower case or with a digit, and never after a single initial ("J.").

use crate::span::Span;
use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

const ABBREVIATIONS: &str = include_str!("../../data/segment/abbreviations.txt");

struct Abbreviations {
    titles: HashSet<String>,
    other: HashSet<String>,
}

fn abbreviations() -> &'static Abbreviations {
    static ABBR: OnceLock<Abbreviations> = OnceLock::new();
    ABBR.get_or_init(|| {
        let mut titles = HashSet::new();
        let mut other = HashSet::new();
        let mut section = "";
        for line in crate::clean::data_lines(ABBREVIATIONS) {
            if line.starts_with('[') {
                section = line;
                continue;
            }
            for w in line.split_whitespace() {
                let key = w.to_ascii_lowercase();
                if section == "[title]" {
                    titles.insert(key);
                } else {
                    other.insert(key);
                }
            }
        }
        Abbreviations { titles, other }
    })
}

/// Sentence spans of `text`, in order, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(line, line_start, &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(line: &str, base: usize, out: &mut Vec<Span>) {
    let abbr = abbreviations();
    let mut pending: Option<Span> = None;
    for (off, piece) in line.split_sentence_bound_indices() {
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let span = Span::new(base + off + lead, base + off + lead + trimmed.len());
        pending = match pending {
            Some(prev)
                if !ends_sentence(&line[prev.start - base..prev.end - base], trimmed, abbr) =>
            {
                Some(Span::new(prev.start, span.end))
            }
            Some(prev) => {
                out.push(prev);
                Some(span)
            }
            None => Some(span),
        };
    }
    out.extend(pending);
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
    let key = last.to_ascii_lowercase();
    let next_lower =
        next.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || c == ',' || c == ';');
    if abbr.titles.contains(&key) {
        return false;
    }
    // A single capital initial: "J. R. R. Tolkien".
    if last.chars().count() == 1 && last.chars().all(char::is_uppercase) {
        return false;
    }
    if abbr.other.contains(&key) {
        return !next_lower;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| s.slice(text)).collect()
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
    }

    #[test]
    fn lines_always_end_sentences() {
        assert_eq!(
            split("Headline without stop\nBody text here. More.\n\n"),
            vec!["Headline without stop", "Body text here.", "More."]
        );
    }
}
