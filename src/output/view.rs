//! A processed document as the writers read it: borrowed, not owned.
//!
//! The second corpus pass renders every spilled document once. Decoded
//! into a [`DocOutput`], each one cost an allocation and a copy per
//! string (its text, and the name, timex or currency of every mention),
//! all freed again as soon as the lines were rendered. A [`DocView`]
//! decodes the same `postcard` bytes with every string borrowed from
//! them ([`DocView::from_spilled`]); a document held in memory is viewed
//! through [`DocView::of`]. Both give the same view (the tests compare
//! them), and [`super::RenderedDocument::new`] renders only views, so
//! the two paths write the same bytes.
//!
//! The view's fields mirror [`DocOutput`]'s up to `mentions` in order
//! and shape, which is what `postcard` needs (it encodes fields in
//! declaration order, without names). It stops there: what follows (the
//! events, the duplicate sketch) is not rendered, and `postcard` leaves
//! trailing bytes unread.

use crate::document::{PublishedFrom, Removed};
use crate::error::{Error, Result};
use crate::extract::{
    kind, Amount, EntityType, Mention, MentionValue, Qualifier, TimexRange, TimexType,
};
use crate::graph::DocOutput;
use crate::span::Span;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// [`DocOutput`] without its events, borrowed.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct DocView<'a> {
    pub id: &'a str,
    pub source: &'a str,
    #[serde(borrow)]
    pub url: Option<&'a str>,
    #[serde(borrow)]
    pub clean: CleanView<'a>,
    #[serde(borrow)]
    pub mentions: Vec<MentionView<'a>>,
}

/// [`crate::document::CleanDocument`], borrowed.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct CleanView<'a> {
    #[serde(borrow)]
    pub title: Option<&'a str>,
    #[serde(borrow)]
    pub publisher: Option<&'a str>,
    #[serde(borrow)]
    pub published: Option<PublishedView<'a>>,
    pub text: &'a str,
    pub removed: Removed,
}

/// [`crate::document::Published`], borrowed.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct PublishedView<'a> {
    pub timex: &'a str,
    pub from: PublishedFrom,
}

/// [`Mention`], borrowed.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct MentionView<'a> {
    pub span: Span,
    #[serde(borrow)]
    pub value: ValueView<'a>,
}

/// [`MentionValue`], borrowed; same variants in the same order.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub enum ValueView<'a> {
    #[serde(borrow)]
    Date(DateView<'a>),
    #[serde(borrow)]
    Money(AmountView<'a>),
    #[serde(borrow)]
    Percent(AmountView<'a>),
    #[serde(borrow)]
    Entity(EntityView<'a>),
}

/// [`crate::extract::DateValue`], borrowed. A range (rare) is decoded
/// owned.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct DateView<'a> {
    #[serde(borrow)]
    pub timex: Option<&'a str>,
    pub kind: TimexType,
    pub range: Option<Cow<'a, TimexRange>>,
}

/// [`Amount`], borrowed (its decimals are small copies).
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct AmountView<'a> {
    pub value: Decimal,
    pub max: Option<Decimal>,
    #[serde(borrow)]
    pub currency: Option<&'a str>,
    pub qualifier: Option<Qualifier>,
    pub points: bool,
}

/// [`crate::extract::EntityMention`], borrowed.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct EntityView<'a> {
    pub ty: EntityType,
    pub canonical: &'a str,
}

/// The one variant of a spilled partial that is a document: the same
/// variants in the same order as [`crate::corpus::Partial`], so that its
/// tag decodes alike; the others are only decoded to be refused.
#[derive(serde::Deserialize)]
enum SpilledView<'a> {
    Header(crate::corpus::Header),
    #[serde(borrow)]
    Doc(SpilledDoc<'a>),
    Reject(crate::document::Reject),
}

/// [`crate::corpus::DocPartial`] up to its document (the sketch after it
/// is left unread).
#[derive(serde::Deserialize)]
struct SpilledDoc<'a> {
    #[serde(borrow)]
    doc: DocView<'a>,
}

impl<'a> DocView<'a> {
    /// Views a document held in memory.
    pub fn of(d: &'a DocOutput) -> DocView<'a> {
        let c = &d.clean;
        DocView {
            id: &d.id,
            source: &d.source,
            url: d.url.as_deref(),
            clean: CleanView {
                title: c.title.as_deref(),
                publisher: c.publisher.as_deref(),
                published: c.published.as_ref().map(|p| PublishedView {
                    timex: &p.timex,
                    from: p.from,
                }),
                text: &c.text,
                removed: c.removed,
            },
            mentions: d.mentions.iter().map(MentionView::of).collect(),
        }
    }

    /// Views the document of a spilled partial
    /// ([`crate::corpus::Partial::to_bytes`] of a
    /// [`crate::corpus::Partial::Doc`]) in place.
    pub fn from_spilled(bytes: &'a [u8]) -> Result<DocView<'a>> {
        let bad = |message: String| Error::Partial { line: 0, message };
        match postcard::from_bytes(bytes) {
            Ok(SpilledView::Doc(d)) => Ok(d.doc),
            Ok(SpilledView::Header(h)) => Err(bad(format!(
                "a spilled document is not a document but a header ({})",
                h.version
            ))),
            Ok(SpilledView::Reject(r)) => Err(bad(format!(
                "a spilled document is not a document but a reject ({})",
                r.source
            ))),
            Err(e) => Err(bad(format!(
                "a spilled partial result does not decode: {e}"
            ))),
        }
    }

    /// The type and canonical name of each entity mention, in order.
    pub fn entities(&self) -> impl Iterator<Item = (EntityType, &'a str)> + '_ {
        self.mentions.iter().filter_map(|m| match &m.value {
            ValueView::Entity(e) => Some((e.ty, e.canonical)),
            _ => None,
        })
    }
}

impl<'a> MentionView<'a> {
    pub fn of(m: &'a Mention) -> MentionView<'a> {
        let amount = |a: &'a Amount| AmountView {
            value: a.value,
            max: a.max,
            currency: a.currency.as_deref(),
            qualifier: a.qualifier,
            points: a.points,
        };
        MentionView {
            span: m.span,
            value: match &m.value {
                MentionValue::Date(d) => ValueView::Date(DateView {
                    timex: d.timex.as_deref(),
                    kind: d.kind,
                    range: d.range.as_ref().map(Cow::Borrowed),
                }),
                MentionValue::Money(a) => ValueView::Money(amount(a)),
                MentionValue::Percent(a) => ValueView::Percent(amount(a)),
                MentionValue::Entity(e) => ValueView::Entity(EntityView {
                    ty: e.ty,
                    canonical: &e.canonical,
                }),
            },
        }
    }

    /// The contract's `kind` field ([`MentionValue::kind`]).
    pub fn kind(&self) -> &'static str {
        match self.value {
            ValueView::Date(_) => kind::DATE,
            ValueView::Money(_) => kind::MONEY,
            ValueView::Percent(_) => kind::PERCENT,
            ValueView::Entity(_) => kind::ENTITY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Resources;
    use crate::corpus::{Header, Partial};
    use crate::document::{Dct, InputFormat, Published, RawDocument, Reject, RejectReason};
    use crate::extract::{DateValue, EntityMention};

    /// A processed document with every shape of mention and of metadata
    /// the view has a field for: a real one, and synthetic mentions for
    /// what the text may not give (a range, a maximum, an open end).
    fn document() -> DocOutput {
        let res = Resources::builtin();
        let raw = RawDocument {
            source: "t.jsonl#3".into(),
            format: InputFormat::Text,
            text: "Microsoft said on Tuesday it would invest up to $10.50 billion in \
                   OpenAI through 2030, up 3.0 percentage points from June 2019, \
                   chief executive Satya Nadella said in Redmond.\n\"Quoted\" \\ text."
                .into(),
            meta: Default::default(),
        };
        let dct = Dct::parse("2026-05-01").ok();
        let mut doc = crate::pipeline::process_document(&res, &raw, dct.as_ref()).unwrap();
        doc.url = Some("https://example.com/a?b=\"c\"".into());
        doc.clean.title = Some("A title".into());
        doc.clean.publisher = Some("Example".into());
        doc.clean.published = Some(Published {
            timex: "2026-04-30".into(),
            from: crate::document::PublishedFrom::Text,
        });
        let span = crate::span::Span { start: 0, end: 9 };
        doc.mentions.extend([
            Mention {
                span,
                value: MentionValue::Date(DateValue {
                    timex: None,
                    kind: TimexType::Duration,
                    range: Some(TimexRange {
                        start: Some("2020".into()),
                        end: None,
                    }),
                }),
            },
            Mention {
                span,
                value: MentionValue::Money(Amount {
                    value: Decimal::new(105, 1),
                    max: Some(Decimal::new(12, 0)),
                    currency: Some("USD".into()),
                    qualifier: Some(Qualifier::AtLeast),
                    points: false,
                }),
            },
            Mention {
                span,
                value: MentionValue::Entity(EntityMention {
                    ty: EntityType::Misc,
                    canonical: "Ünïcode Name".into(),
                }),
            },
        ]);
        let kinds: Vec<&str> = doc.mentions.iter().map(|m| m.value.kind()).collect();
        for k in ["date", "money", "percent", "entity"] {
            assert!(kinds.contains(&k), "no {k} mention in {kinds:?}");
        }
        doc
    }

    /// The fast path (the spilled bytes viewed in place) and the general
    /// one (a document in memory viewed) see the same document, so the
    /// second corpus pass renders what the in-memory writer renders.
    #[test]
    fn spilled_views_are_views_of_the_document() {
        let doc = document();
        let bytes = Partial::document(doc.clone()).to_bytes().unwrap();
        let spilled = DocView::from_spilled(&bytes).unwrap();
        let held = DocView::of(&doc);
        assert_eq!(spilled, held);
        for (v, m) in held.mentions.iter().zip(&doc.mentions) {
            assert_eq!(v.kind(), m.value.kind());
        }
        let want: Vec<(EntityType, &str)> = doc
            .mentions
            .iter()
            .filter_map(|m| match &m.value {
                MentionValue::Entity(e) => Some((e.ty, e.canonical.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(spilled.entities().collect::<Vec<_>>(), want);
    }

    /// Only a document's partial is viewed; others, and bytes that are no
    /// partial, are errors.
    #[test]
    fn other_partials_are_refused() {
        let reject = Partial::Reject(Reject::new("x#1", RejectReason::ParseError, "bad"));
        let header = Partial::Header(Header::current("abc".into()));
        for p in [reject, header] {
            assert!(DocView::from_spilled(&p.to_bytes().unwrap()).is_err());
        }
        assert!(DocView::from_spilled(b"\x01\x07garbage").is_err());
        assert!(DocView::from_spilled(b"").is_err());
    }
}
