//! Events within one document: a trigger, a date, participants, amounts.
//!
//! Takes a document's sentences and mentions; gives [`DocEvent`]s. A
//! sentence yields an event for a trigger from `data/events/triggers.tsv`
//! only when it also holds a date expression and at least one ORG or PERSON:
//! no date is invented. The participant nearest before the trigger is its
//! agent, the first after it its target, others are plain participants.

use crate::error::{Error, Result};
use crate::extract::{
    kind, Amount, DateValue, EntityMention, EntityType, Mention, MentionValue, TimexType,
};
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

const TRIGGERS: &str = include_str!("../../data/events/triggers.tsv");

/// One trigger word form and the event it signals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub event_type: String,
    pub lemma: String,
    pub forms: Vec<String>,
}

/// Parses lexicon rows: `type<TAB>lemma<TAB>form form_with_spaces ...`.
pub fn parse_triggers(src: &str, origin: &str) -> Result<Vec<Trigger>> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 {
            return Err(Error::Config {
                path: origin.into(),
                message: format!("line {}: expected type<TAB>lemma<TAB>forms", n + 1),
            });
        }
        out.push(Trigger {
            event_type: cols[0].trim().to_string(),
            lemma: cols[1].trim().to_string(),
            forms: cols[2]
                .split_whitespace()
                .map(|f| f.replace('_', " "))
                .collect(),
        });
    }
    Ok(out)
}

/// The compiled trigger lexicon.
pub struct EventLexicon {
    matcher: AhoCorasick,
    /// Per pattern: index into `triggers`.
    targets: Vec<usize>,
    triggers: Vec<Trigger>,
}

/// Role of a participant in an event.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Agent,
    Target,
    Participant,
}

/// An event as one document reports it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocEvent {
    pub event_type: String,
    pub trigger: String,
    pub date: DateValue,
    /// Participants by their in-document entity, with roles.
    pub participants: Vec<(EntityMention, Role)>,
    #[serde(deserialize_with = "crate::extract::deserialize_amount_kinds")]
    pub amounts: Vec<(&'static str, Amount)>,
    /// The sentence, a byte span into the document text.
    pub sentence: Span,
}

impl Default for EventLexicon {
    fn default() -> Self {
        Self::new(&[]).expect("built-in trigger lexicon is valid")
    }
}

impl EventLexicon {
    pub fn new(extra: &[Trigger]) -> Result<EventLexicon> {
        let mut triggers = parse_triggers(TRIGGERS, "data/events/triggers.tsv")?;
        triggers.extend(extra.iter().cloned());
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (i, t) in triggers.iter().enumerate() {
            for f in &t.forms {
                patterns.push(f.to_lowercase());
                targets.push(i);
            }
        }
        let mut builder = AhoCorasickBuilder::new();
        builder
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true);
        // Past 100 patterns (the built-in lexicon has 163) the crate picks a
        // contiguous NFA, slower to scan than a DFA, and `detect` scans every
        // dated sentence with a participant. A trigger lexicon's DFA is
        // small; one the crate can not build (a huge --config lexicon) falls
        // back to the crate's choice.
        let matcher = builder
            .clone()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| builder.build(&patterns))
            .map_err(|e| Error::Config {
                path: "event lexicon".into(),
                message: e.to_string(),
            })?;
        Ok(EventLexicon {
            matcher,
            targets,
            triggers,
        })
    }

    /// The events of one document. `mentions` must be sorted by start.
    pub fn detect(&self, text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<DocEvent> {
        let mut out = Vec::new();
        for &sentence in sentences {
            let s = sentence.slice(text);
            // Mentions are sorted by start: find this sentence's slice
            // instead of scanning every mention for every sentence.
            let first = mentions.partition_point(|m| m.span.start < sentence.start);
            let inside: Vec<&Mention> = mentions[first..]
                .iter()
                .take_while(|m| m.span.start < sentence.end)
                .filter(|m| sentence.contains(m.span))
                .collect();
            let dates: Vec<&Mention> = inside
                .iter()
                .copied()
                .filter(|m| matches!(&m.value, MentionValue::Date(d) if is_calendar_anchor(d)))
                .collect();
            let people: Vec<(&Mention, &EntityMention)> = inside
                .iter()
                .filter_map(|m| match &m.value {
                    MentionValue::Entity(e)
                        if matches!(e.ty, EntityType::Org | EntityType::Person) =>
                    {
                        Some((*m, e))
                    }
                    _ => None,
                })
                .collect();
            if dates.is_empty() || people.is_empty() {
                continue;
            }
            // One event per sentence: the most specific trigger, i.e. the one
            // listed first in the lexicon (rows run from specific to generic).
            let mut best: Option<(usize, Span)> = None;
            for m in self.matcher.find_iter(s) {
                let (a, b) = (m.start(), m.end());
                let word_edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
                if !word_edge(s[..a].chars().next_back()) || !word_edge(s[b..].chars().next()) {
                    continue;
                }
                let trigger_span = Span::new(a, b).offset(sentence.start);
                // A trigger inside a name ("Amazon Web Services") is not one.
                if inside.iter().any(|m| m.span.overlaps(trigger_span)) {
                    continue;
                }
                let ti = self.targets[m.pattern().as_usize()];
                if best.is_none_or(|(bi, _)| ti < bi) {
                    best = Some((ti, trigger_span));
                }
            }
            if let Some((ti, trigger_span)) = best {
                let t = &self.triggers[ti];
                let date = dates
                    .iter()
                    .min_by_key(|d| distance(d.span, trigger_span))
                    .and_then(|d| match &d.value {
                        MentionValue::Date(v) => Some(v.clone()),
                        _ => None,
                    });
                let Some(date) = date else { continue };
                let agent = people
                    .iter()
                    .rposition(|(m, _)| m.span.end <= trigger_span.start);
                let target = people
                    .iter()
                    .position(|(m, _)| m.span.start >= trigger_span.end);
                let mut participants: Vec<(EntityMention, Role)> = Vec::new();
                for (k, (_, e)) in people.iter().enumerate() {
                    let role = if Some(k) == agent {
                        Role::Agent
                    } else if Some(k) == target {
                        Role::Target
                    } else {
                        Role::Participant
                    };
                    match participants.iter_mut().find(|(p, _)| p == *e) {
                        Some((_, r)) => *r = (*r).min(role),
                        None => participants.push(((*e).clone(), role)),
                    }
                }
                let amounts = inside
                    .iter()
                    .filter_map(|m| match &m.value {
                        MentionValue::Money(a) => Some((kind::MONEY, a.clone())),
                        MentionValue::Percent(a) => Some((kind::PERCENT, a.clone())),
                        _ => None,
                    })
                    .collect();
                out.push(DocEvent {
                    event_type: t.event_type.clone(),
                    trigger: t.lemma.clone(),
                    date,
                    participants,
                    amounts,
                    sentence,
                });
            }
        }
        out
    }
}

/// A date an event can be placed at: a calendar date, month, quarter or
/// year, or an interval with such an end. Not a duration, a set, a
/// reference word ("now" is `PRESENT_REF`) or a date without its year.
fn is_calendar_anchor(d: &DateValue) -> bool {
    let concrete = |t: &Option<String>| {
        t.as_deref()
            .is_some_and(|t| t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit))
    };
    matches!(d.kind, TimexType::Date | TimexType::Time)
        && (concrete(&d.timex)
            || d.range
                .as_ref()
                .is_some_and(|r| concrete(&r.start) || concrete(&r.end)))
}

fn distance(a: Span, b: Span) -> usize {
    // Zero when they overlap: both subtractions saturate.
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Resources;
    use crate::segment::sentences;

    #[test]
    fn dated_sentence_with_trigger_and_participants() {
        let res = Resources::builtin();
        let text = "In December 2023, Amazon agreed to invest up to $50 billion in OpenAI. In 2019, Microsoft agreed a deal with and invested in OpenAI.";
        let sents = sentences(text);
        let ms = crate::annotate::mentions(&res, text, None);
        let events = EventLexicon::default().detect(text, &sents, &ms);
        // One event per sentence: "invest" is more specific than "agree".
        assert_eq!(events.len(), 2, "{events:#?}");
        let invest = events
            .iter()
            .find(|e| e.event_type == "investment")
            .unwrap();
        assert_eq!(invest.date.timex.as_deref(), Some("2023-12"));
        let roles: Vec<(&str, Role)> = invest
            .participants
            .iter()
            .map(|(e, r)| (e.canonical.as_str(), *r))
            .collect();
        assert_eq!(
            roles,
            vec![("Amazon", Role::Agent), ("OpenAI", Role::Target)]
        );
        assert_eq!(invest.amounts.len(), 1);
        assert_eq!(
            invest.sentence.slice(text),
            "In December 2023, Amazon agreed to invest up to $50 billion in OpenAI."
        );
        let dates: Vec<_> = events
            .iter()
            .map(|e| (e.event_type.as_str(), e.date.timex.as_deref()))
            .collect();
        assert_eq!(
            dates,
            vec![
                ("investment", Some("2023-12")),
                ("investment", Some("2019"))
            ]
        );
    }

    proptest::proptest! {
        /// The DFA finds the matches the crate's own choice of automaton (a
        /// contiguous NFA past 100 patterns) finds: trigger forms in any
        /// case, run together or among letters, spaces and punctuation.
        #[test]
        fn dfa_matches_as_the_default_automaton(
            parts in proptest::collection::vec(
                (proptest::sample::select(trigger_forms()), proptest::prelude::any::<bool>()),
                0..12,
            )
        ) {
            let text: String = parts
                .iter()
                .map(|(p, upper)| if *upper { p.to_ascii_uppercase() } else { p.clone() })
                .collect();
            let lex = EventLexicon::default();
            let patterns: Vec<String> = lex
                .triggers
                .iter()
                .flat_map(|t| t.forms.iter().map(|f| f.to_lowercase()))
                .collect();
            let default = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .expect("default automaton");
            let found = |ac: &AhoCorasick| -> Vec<(usize, usize, usize)> {
                ac.find_iter(&text)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect()
            };
            proptest::prop_assert_eq!(lex.matcher.kind(), AhoCorasickKind::DFA);
            proptest::prop_assert_eq!(found(&lex.matcher), found(&default));
        }
    }

    /// Every trigger form, plus separators and word pieces.
    fn trigger_forms() -> Vec<String> {
        let mut forms: Vec<String> = parse_triggers(TRIGGERS, "triggers")
            .unwrap_or_default()
            .into_iter()
            .flat_map(|t| t.forms)
            .collect();
        for extra in [" ", " ", ",", "-", "re", "s", "ing", "é", "x"] {
            forms.push(extra.to_string());
        }
        forms
    }

    #[test]
    fn no_date_no_event() {
        let res = Resources::builtin();
        let text = "Microsoft invested in OpenAI.";
        let ms = crate::annotate::mentions(&res, text, None);
        assert!(EventLexicon::default()
            .detect(text, &sentences(text), &ms)
            .is_empty());
    }
}
