//! The records of the output files, one struct per line shape.
//!
//! Field order here is the field order on disk. See `../shared/CONTRACT.md`
//! for the meaning of each field; every field keeps one JSON type across all
//! records of a file.

use super::view::{MentionView, ValueView};
use crate::extract::{EntityType, Qualifier, TimexRange, TimexType};
use crate::span::CharIndex;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// An exact decimal written as a JSON number: an integer when it is one.
#[derive(Clone, Copy, Debug)]
pub struct Num<'a>(pub &'a Decimal);

impl Serialize for Num<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0.normalize();
        if n.scale() == 0 {
            if let Some(i) = n.to_i64() {
                return s.serialize_i64(i);
            }
        }
        // Shortest round-trip float of the exact decimal's nearest f64.
        let f: f64 = n.to_string().parse().unwrap_or(0.0);
        s.serialize_f64(f)
    }
}

/// `mentions.jsonl` line, and one element of `annotate`'s `mentions`:
///
/// `{"doc"?, "kind", "text", "start", "end", ...}` then, by kind,
/// date: `"timex": str|null, "type": DATE|TIME|DURATION|SET, "range"?: {"start","end"}`;
/// money: `"value", "currency", "qualifier"?, "max"?`;
/// percent: `"value", "qualifier"?, "max"?, "points"?: true`;
/// entity: `"type": PERSON|ORG|LOC|MISC, "entity": id`.
/// `start`/`end` are code-point offsets, end exclusive.
#[derive(Serialize)]
pub struct MentionRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<&'a str>,
    pub kind: &'static str,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timex: Option<Option<&'a str>>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<&'a TimexRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Num<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Num<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub points: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<&'a str>,
}

pub fn timex_type_name(t: TimexType) -> &'static str {
    match t {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

pub fn entity_type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "PERSON",
        EntityType::Org => "ORG",
        EntityType::Loc => "LOC",
        EntityType::Misc => "MISC",
    }
}

impl<'a> MentionRecord<'a> {
    /// The record of `m`, a mention in `text` (viewed through
    /// [`MentionView::of`] when held as a [`crate::extract::Mention`]);
    /// `entity_id` is required for entity mentions (the graph stage
    /// assigns it).
    pub fn new(
        doc: Option<&'a str>,
        text: &'a str,
        chars: &CharIndex,
        m: &'a MentionView<'a>,
        entity_id: Option<&'a str>,
    ) -> MentionRecord<'a> {
        let mut r = MentionRecord {
            doc,
            kind: m.kind(),
            text: m.span.slice(text),
            start: chars.chars(m.span.start),
            end: chars.chars(m.span.end),
            timex: None,
            ty: None,
            range: None,
            value: None,
            currency: None,
            qualifier: None,
            max: None,
            points: false,
            entity: None,
        };
        match &m.value {
            ValueView::Date(d) => {
                r.timex = Some(d.timex);
                r.ty = Some(timex_type_name(d.kind));
                r.range = d.range.as_deref();
            }
            ValueView::Money(a) | ValueView::Percent(a) => {
                r.value = Some(Num(&a.value));
                r.currency = a.currency;
                r.qualifier = a.qualifier;
                r.max = a.max.as_ref().map(Num);
                r.points = a.points;
            }
            ValueView::Entity(e) => {
                r.ty = Some(entity_type_name(e.ty));
                r.entity = entity_id;
            }
        }
        r
    }
}

/// `documents.jsonl`:
/// `{"id", "source", "title", "published", "published_from", "publisher",
/// "url", "text", "removed": {"boilerplate", "duplicate"}, "duplicate_of"}`;
/// `published` is a TIMEX3 date or null, `published_from` one of
/// `metadata`, `text`, `inferred` or null.
#[derive(Serialize)]
pub struct DocumentRecord<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub title: Option<&'a str>,
    pub published: Option<&'a str>,
    pub published_from: Option<crate::document::PublishedFrom>,
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub text: &'a str,
    pub removed: crate::document::Removed,
    pub duplicate_of: Option<&'a str>,
}

/// `entities.jsonl`: `{"id", "type", "name", "aliases": [...], "mentions", "documents"}`.
#[derive(Serialize)]
pub struct EntityRecord<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub name: &'a str,
    pub aliases: &'a [String],
    pub mentions: usize,
    pub documents: usize,
}

/// An event's `date`: `{"timex": str|null, "type", "range"?}`.
#[derive(Serialize)]
pub struct EventDate<'a> {
    pub timex: Option<&'a str>,
    #[serde(rename = "type")]
    pub ty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<&'a TimexRange>,
}

/// One of an event's `amounts`: `{"kind", "value", "currency"?, "qualifier"?, "max"?, "points"?}`.
#[derive(Serialize)]
pub struct EventAmount<'a> {
    pub kind: &'static str,
    pub value: Num<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Num<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub points: bool,
}

/// `events.jsonl`: `{"id", "type", "trigger", "date", "amounts", "sentence", "sources"}`;
/// `sources` counts the documents that report the event.
#[derive(Serialize)]
pub struct EventRecord<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub ty: &'a str,
    pub trigger: &'a str,
    pub date: EventDate<'a>,
    pub amounts: Vec<EventAmount<'a>>,
    pub sentence: &'a str,
    pub sources: usize,
}

/// `edges.jsonl`: `{"src", "dst", "rel", ...}` with `rel` one of
/// `mentions` (doc → entity, with `count`), `reports` (doc → event, with the
/// sentence's `start`/`end` in the document text, code points) and
/// `participant` (event → entity, with `role`: agent, target, participant).
///
/// Generic over the string type so that a document's own edges borrow its
/// id and the ids they point at instead of copying them per edge.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EdgeRecord<S = String> {
    pub src: S,
    pub dst: S,
    pub rel: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::graph::events::Role>,
}

/// `rejects.jsonl`: `{"source", "reason", "detail"}`.
#[derive(Serialize)]
pub struct RejectRecord<'a> {
    pub source: &'a str,
    pub reason: crate::document::RejectReason,
    pub detail: &'a str,
}
