//! Cross-document event merging.
//!
//! Takes every document's event reports, with participants already under
//! corpus entity ids; gives one [`EventNode`] per real event. Two reports
//! are the same event when they have the same type, compatible dates (equal,
//! or one inside the other: "2019" and "2019-06"), at least one participant
//! in common, and compatible amounts (equal where both state one). Merging is
//! transitive (connected components), so the result depends only on the set
//! of reports, never on their order: the same across runs, thread counts and
//! shardings. An event's id hashes its merged content.

use super::{hash16, DocOutput, EntityResolver, EventNode};
use crate::extract::{Amount, DateValue, EntityMention};
use crate::graph::events::{DocEvent, Role};
use crate::span::Span;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Reports that say exactly the same thing (type, date, participants,
/// amounts) — typically one story and its syndicated copies — kept once.
/// Merging compares groups, so a story copied a thousand times costs one
/// comparison, not a million. Where each report was said is not kept here
/// (that would grow with every document): [`EventReports::add`] hands it
/// back to the caller as [`GroupedReport`]s, which the corpus stage spills
/// and maps to event ids with [`MergedEvents::reports`] once groups are
/// merged.
struct Group {
    /// The first report, in document-id order: its trigger and sentence
    /// represent the event.
    event: DocEvent,
    sentence: String,
    /// The canonical documents of the reports: copies of one article are
    /// one source.
    sources: BTreeSet<Box<str>>,
}

/// Every event report of the corpus, collected document by document (in
/// document-id order) before [`EventReports::merge`].
#[derive(Default)]
pub struct EventReports {
    groups: Vec<Group>,
    by_content: FxHashMap<Content, u32>,
}

/// What makes two reports say exactly the same thing. Amounts compare by
/// their exact written value (`Exact`), not numerically: "$1.0 billion"
/// and "$1 billion" are still one event after [`merge`], but each group
/// keeps the form its first report used.
#[derive(PartialEq, Eq, Hash)]
struct Content {
    event_type: String,
    date: DateValue,
    /// Sorted.
    participants: Vec<(EntityMention, Role)>,
    amounts: Vec<(&'static str, Exact)>,
}

/// An amount with its decimals as written (`Decimal`'s own equality is
/// numeric: 1.0 == 1.00).
#[derive(PartialEq, Eq, Hash)]
struct Exact {
    value: [u8; 16],
    max: Option<[u8; 16]>,
    currency: Option<String>,
    qualifier: Option<crate::extract::Qualifier>,
    points: bool,
}

impl Exact {
    fn of(a: &Amount) -> Exact {
        Exact {
            value: a.value.serialize(),
            max: a.max.map(|m| m.serialize()),
            currency: a.currency.clone(),
            qualifier: a.qualifier,
            points: a.points,
        }
    }
}

/// One event report of a document, by the group of identical reports it
/// joined: all that is kept of the report until groups become events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GroupedReport {
    pub group: u32,
    /// The sentence that reports it, in the document's clean text.
    pub sentence: Span,
}

/// The content keys of one document's event reports, in its order. They
/// depend on the document alone (sorting participants, copying amounts),
/// so the corpus stage makes them where documents are decoded, in
/// parallel, and leaves only the look-ups to its serial part.
pub struct ReportKeys(Vec<Content>);

impl ReportKeys {
    pub fn of(d: &DocOutput) -> ReportKeys {
        ReportKeys(
            d.events
                .iter()
                .map(|ev| {
                    let mut participants = ev.participants.clone();
                    participants.sort();
                    Content {
                        event_type: ev.event_type.clone(),
                        date: ev.date.clone(),
                        participants,
                        amounts: ev.amounts.iter().map(|(k, a)| (*k, Exact::of(a))).collect(),
                    }
                })
                .collect(),
        )
    }
}

impl EventReports {
    /// Keeps the reports of `d`; `duplicate_of` is its canonical document
    /// when it is a syndicated copy. Returns where `d` reports which group,
    /// for [`MergedEvents::reports`].
    pub fn add(&mut self, d: &DocOutput, duplicate_of: Option<&str>) -> Vec<GroupedReport> {
        self.add_keyed(d, ReportKeys::of(d), duplicate_of)
    }

    /// [`Self::add`] with the keys of `d`'s reports already made.
    pub fn add_keyed(
        &mut self,
        d: &DocOutput,
        keys: ReportKeys,
        duplicate_of: Option<&str>,
    ) -> Vec<GroupedReport> {
        let source: &str = duplicate_of.unwrap_or(&d.id);
        let mut grouped = Vec::with_capacity(d.events.len());
        for (ev, key) in d.events.iter().zip(keys.0) {
            let group = match self.by_content.get(&key) {
                Some(&g) => {
                    let group = &mut self.groups[g as usize];
                    if !group.sources.contains(source) {
                        group.sources.insert(source.into());
                    }
                    g
                }
                None => {
                    let g = self.groups.len() as u32;
                    self.by_content.insert(key, g);
                    self.groups.push(Group {
                        event: ev.clone(),
                        sentence: ev.sentence.slice(&d.clean.text).to_string(),
                        sources: [source.into()].into_iter().collect(),
                    });
                    g
                }
            };
            grouped.push(GroupedReport {
                group,
                sentence: ev.sentence,
            });
        }
        grouped
    }

    /// Merges the groups into events.
    pub fn merge(self, entities: &EntityResolver) -> MergedEvents {
        merge(self.groups, entities)
    }
}

/// The corpus's events, and which event each group of reports became.
pub struct MergedEvents {
    /// Sorted by id.
    pub events: Vec<EventNode>,
    /// Per group, its index in `events`; `None` for a group that is no
    /// event (no participant with an id).
    event_of_group: Vec<Option<u32>>,
}

impl MergedEvents {
    /// A document's `reports` links from what [`EventReports::add`]
    /// returned for it: event id and sentence, sorted, each once (two
    /// reports in one sentence can merge into one event).
    pub fn reports(&self, grouped: &[GroupedReport]) -> Vec<(String, Span)> {
        let mut out: Vec<(String, Span)> = grouped
            .iter()
            .filter_map(|r| {
                let e = (*self.event_of_group.get(r.group as usize)?)?;
                Some((self.events.get(e as usize)?.id.clone(), r.sentence))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// A group of reports with its participants under corpus ids (sorted, one
/// role each).
struct Claim {
    group: Group,
    /// The group's index in [`EventReports::groups`].
    index: u32,
    participants: Vec<(String, Role)>,
}

/// `a` is `b` or a part of it at a finer grain: "2019-06" within "2019".
fn within(a: &str, b: &str) -> bool {
    a == b || (a.starts_with(b) && a.as_bytes().get(b.len()) == Some(&b'-'))
}

fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => within(a, b) || within(b, a),
        (None, None) => true,
        _ => false,
    }
}

fn dates_compatible(a: &DateValue, b: &DateValue) -> bool {
    match (&a.range, &b.range) {
        (Some(ra), Some(rb)) => {
            compatible(ra.start.as_deref(), rb.start.as_deref())
                && compatible(ra.end.as_deref(), rb.end.as_deref())
        }
        (None, None) => compatible(a.timex.as_deref(), b.timex.as_deref()),
        _ => false,
    }
}

fn amount_key(kind: &str, a: &Amount) -> String {
    format!(
        "{kind}:{}:{}",
        a.value.normalize(),
        a.currency.as_deref().unwrap_or("")
    )
}

fn amounts_compatible(a: &DocEvent, b: &DocEvent) -> bool {
    if a.amounts.is_empty() || b.amounts.is_empty() {
        return true;
    }
    let keys: BTreeSet<String> = a.amounts.iter().map(|(k, x)| amount_key(k, x)).collect();
    b.amounts
        .iter()
        .any(|(k, x)| keys.contains(&amount_key(k, x)))
}

fn same_event(a: &Claim, b: &Claim) -> bool {
    let (x, y) = (&a.group.event, &b.group.event);
    x.event_type == y.event_type
        && dates_compatible(&x.date, &y.date)
        && a.participants
            .iter()
            .any(|(p, _)| b.participants.iter().any(|(q, _)| p == q))
        && amounts_compatible(x, y)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// How specific a date is: finer grains and closed intervals first.
fn specificity(d: &DateValue) -> (usize, String) {
    let len = |t: &Option<String>| t.as_ref().map_or(0, String::len);
    let n = match &d.range {
        Some(r) => len(&r.start) + len(&r.end),
        None => len(&d.timex),
    };
    (n, format!("{:?}{:?}", d.timex, d.range))
}

fn merge(groups: Vec<Group>, entities: &EntityResolver) -> MergedEvents {
    let group_count = groups.len();
    let mut claims = Vec::new();
    for (index, group) in (0u32..).zip(groups) {
        let mut participants: Vec<(String, Role)> = group
            .event
            .participants
            .iter()
            .map(|(e, r)| (entities.id(e), *r))
            .collect();
        participants.sort();
        participants.dedup_by(|b, a| a.0 == b.0);
        if !participants.is_empty() {
            claims.push(Claim {
                group,
                index,
                participants,
            });
        }
    }
    // Compare only claims that share a type and a participant.
    let mut blocks: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        for (p, _) in &c.participants {
            blocks
                .entry((c.group.event.event_type.as_str(), p.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut parent: Vec<usize> = (0..claims.len()).collect();
    for members in blocks.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj && same_event(&claims[i], &claims[j]) {
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..claims.len() {
        let root = find(&mut parent, i);
        components.entry(root).or_default().push(i);
    }
    let mut events: Vec<(EventNode, Vec<usize>)> = components
        .into_values()
        .filter_map(|members| {
            // Claims are in document-id order, so the first is the representative.
            let first = &claims[*members.first()?].group;
            let date = members
                .iter()
                .map(|&i| &claims[i].group.event.date)
                .max_by_key(|d| specificity(d))?
                .clone();
            let mut participants: Vec<(String, Role)> = Vec::new();
            let mut amounts: Vec<(&'static str, Amount)> = Vec::new();
            let mut seen_amounts = BTreeSet::new();
            for &i in &members {
                for (id, role) in &claims[i].participants {
                    if !participants.iter().any(|(p, _)| p == id) {
                        participants.push((id.clone(), *role));
                    }
                }
                for (k, a) in &claims[i].group.event.amounts {
                    if seen_amounts.insert(amount_key(k, a)) {
                        amounts.push((k, a.clone()));
                    }
                }
            }
            participants.sort();
            amounts.sort_by(|(ka, a), (kb, b)| {
                (ka, a.value, &a.currency).cmp(&(kb, b.value, &b.currency))
            });
            // A syndicated copy is the same source as its original.
            let sources = members
                .iter()
                .flat_map(|&i| claims[i].group.sources.iter())
                .collect::<BTreeSet<_>>()
                .len();
            let ids: Vec<&str> = participants.iter().map(|(id, _)| id.as_str()).collect();
            let keys: Vec<String> = amounts.iter().map(|(k, a)| amount_key(k, a)).collect();
            let key = format!(
                "{}|{:?}|{:?}|{}|{}",
                first.event.event_type,
                date.timex,
                date.range,
                ids.join(","),
                keys.join(",")
            );
            let node = EventNode {
                id: format!("evt:{}", hash16(&key)),
                event_type: first.event.event_type.clone(),
                trigger: first.event.trigger.clone(),
                date,
                amounts,
                sentence: first.sentence.clone(),
                participants,
                sources,
            };
            Some((node, members))
        })
        .collect();
    events.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut event_of_group = vec![None; group_count];
    for (e, (_, members)) in (0u32..).zip(&events) {
        for &i in members {
            event_of_group[claims[i].index as usize] = Some(e);
        }
    }
    MergedEvents {
        events: events.into_iter().map(|(node, _)| node).collect(),
        event_of_group,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Resources;
    use crate::document::{Dct, InputFormat, RawDocument};
    use crate::extract::TimexType;

    fn graph(texts: &[&str]) -> crate::graph::Graph {
        let res = Resources::builtin();
        let dct = Dct::parse("2026-05-01").ok();
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let raw = RawDocument {
                    source: format!("d{i}.txt"),
                    format: InputFormat::Text,
                    text: t.to_string(),
                    meta: Default::default(),
                };
                crate::pipeline::process_document(&res, &raw, dct.as_ref()).unwrap()
            })
            .collect();
        crate::graph::build(docs)
    }

    #[test]
    fn the_same_investment_told_two_ways_is_one_event() {
        let g = graph(&[
            "The alliance between Acme and Globex began in 2019 with a $1 billion investment from Acme, the companies said.",
            "Having begun their partnership back in 2019, Acme invested an initial $1BN into Globex, according to filings.",
            "Acme invested $2 billion in Globex in 2019, a rival report claimed without naming sources.",
        ]);
        let invest: Vec<_> = g
            .events
            .iter()
            .filter(|e| e.event_type == "investment")
            .collect();
        assert_eq!(invest.len(), 2, "{invest:#?}");
        let merged = invest
            .iter()
            .find(|e| e.sources == 2)
            .expect("two reports of the $1 billion investment merge");
        assert_eq!(merged.date.timex.as_deref(), Some("2019"));
        let reporting = g
            .reports
            .iter()
            .filter(|r| r.iter().any(|(id, _)| *id == merged.id))
            .count();
        assert_eq!(reporting, 2, "both documents report it: {:?}", g.reports);
        assert!(
            invest.iter().any(|e| e.sources == 1),
            "a different amount is a different event"
        );
    }

    #[test]
    fn merging_does_not_depend_on_document_order() {
        let a =
            "Acme signed a license with Globex in June 2024, the companies said in a statement.";
        let b =
            "Globex confirmed that Acme holds a license through 2030, its filing showed in 2024.";
        let c = "In 2024, Acme licensed the patents of Globex, people familiar with it said.";
        let ids = |g: crate::graph::Graph| {
            g.events
                .into_iter()
                .map(|e| (e.id, e.sources))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(graph(&[a, b, c])), ids(graph(&[c, a, b])));
    }

    fn date(t: &str) -> DateValue {
        DateValue {
            timex: Some(t.into()),
            kind: TimexType::Date,
            range: None,
        }
    }

    #[test]
    fn dates_merge_when_one_contains_the_other() {
        assert!(dates_compatible(&date("2019"), &date("2019-06")));
        assert!(dates_compatible(&date("2019-06-01"), &date("2019")));
        assert!(!dates_compatible(&date("2019"), &date("2020")));
        assert!(!dates_compatible(&date("2019-06"), &date("2019-07-01")));
        assert!(
            !dates_compatible(&date("201"), &date("2019")),
            "a decade prefix is not a year prefix"
        );
        let through = |end: &str| DateValue {
            timex: None,
            kind: TimexType::Date,
            range: Some(crate::extract::TimexRange {
                start: None,
                end: Some(end.into()),
            }),
        };
        assert!(dates_compatible(&through("2032"), &through("2032")));
        assert!(!dates_compatible(&through("2032"), &date("2032")));
    }
}
