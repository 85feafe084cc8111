//! Extract: dates, amounts and entity names found in one text, with offsets.
//!
//! Takes a text (a cleaned body, or raw `annotate` input) and its
//! publication date; gives [`Mention`]s whose [`Span`]s are byte ranges into
//! exactly that text. Refuses nothing: text with nothing to find gives no
//! mentions. Overlaps between kinds are allowed (a date inside a money
//! expression is not), overlaps within a kind are resolved by each tagger.

pub mod dates;
pub mod entities;
pub mod money;
pub mod numbers;

use crate::span::Span;
use rust_decimal::Decimal;

/// One occurrence of something recognised in a text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub span: Span,
    pub value: MentionValue,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum MentionValue {
    Date(DateValue),
    Money(Amount),
    Percent(Amount),
    Entity(EntityMention),
}

/// The contract's `kind` of each mention value, spelled once: for
/// [`MentionValue::kind`], the output's borrowed views of spilled mentions
/// (which must write and sort them alike) and the events' amounts.
pub mod kind {
    pub const DATE: &str = "date";
    pub const MONEY: &str = "money";
    pub const PERCENT: &str = "percent";
    pub const ENTITY: &str = "entity";
}

impl MentionValue {
    /// The contract's `kind` field.
    pub fn kind(&self) -> &'static str {
        match self {
            MentionValue::Date(_) => kind::DATE,
            MentionValue::Money(_) => kind::MONEY,
            MentionValue::Percent(_) => kind::PERCENT,
            MentionValue::Entity(_) => kind::ENTITY,
        }
    }
}

/// TIMEX3 `type`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// An interval: both ends inclusive at their own grain; `None` is open.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct TimexRange {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// A normalized date or time expression.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct DateValue {
    /// TIMEX3 value (`2026-05-01`, `2023-Q1`, `P8Y`, `XXXX-12-25`,
    /// `PRESENT_REF`); `None` only for intervals described by `range`.
    pub timex: Option<String>,
    pub kind: TimexType,
    pub range: Option<TimexRange>,
}

/// `qualifier` of an amount.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    UpTo,
    About,
    AtLeast,
    MoreThan,
    LessThan,
}

/// A money amount or a percentage, exact.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Amount {
    /// The value, or the lower bound of a range.
    pub value: Decimal,
    /// Upper bound of a range.
    pub max: Option<Decimal>,
    /// ISO 4217 code; `None` for percentages.
    pub currency: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// Percentage points rather than percent.
    pub points: bool,
}

/// Contract entity `type`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Loc,
    Misc,
}

impl EntityType {
    /// The prefix of entity ids (`person:`, `org:`, ...).
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Loc => "loc",
            EntityType::Misc => "misc",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "LOC" | "GPE" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// A name found in the text, with the canonical name it refers to within
/// its document. Corpus-wide ids are assigned by the graph stage.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct EntityMention {
    pub ty: EntityType,
    /// Canonical name within the document ("Sam Altman" for "Altman").
    pub canonical: String,
}

/// Serializes an exact decimal as a JSON number: an integer when it is one
/// (so `$7.4 billion` is `7400000000`, not `7400000000.0`), otherwise the
/// shortest float that round-trips.
pub fn decimal_to_json(d: &Decimal) -> serde_json::Value {
    let n = d.normalize();
    if n.scale() == 0 {
        if let Ok(i) = i64::try_from(n) {
            return serde_json::Value::from(i);
        }
    }
    let f: f64 = n.to_string().parse().unwrap_or(0.0);
    serde_json::Number::from_f64(f)
        .map(serde_json::Value::Number)
        .unwrap_or(serde_json::Value::Null)
}

/// Reads back the `(kind, amount)` pairs of an event, where the kind is one
/// of the contract's amount kinds (`"money"`, `"percent"`). Used when a
/// partial result is read by `reduce`.
pub fn deserialize_amount_kinds<'de, D>(d: D) -> Result<Vec<(&'static str, Amount)>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    let pairs: Vec<(String, Amount)> = Vec::deserialize(d)?;
    pairs
        .into_iter()
        .map(|(kind, a)| match kind.as_str() {
            kind::MONEY => Ok((kind::MONEY, a)),
            kind::PERCENT => Ok((kind::PERCENT, a)),
            other => Err(serde::de::Error::custom(format!(
                "unknown amount kind {other:?}"
            ))),
        })
        .collect()
}

/// Every mention of `text` (whose sentences are `sentences`): dates
/// resolved against `dct`, amounts and names, sorted, with the names that
/// lie inside a date mention dropped ([`drop_names_inside_dates`]).
pub fn mentions(
    res: &crate::config::Resources,
    text: &str,
    sentences: &[Span],
    dct: Option<&crate::document::Dct>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    res.dates.tag(text, dct, &mut out);
    res.amounts.tag(text, &mut out);
    res.entities.tag(text, sentences, &mut out);
    drop_names_inside_dates(&mut out);
    sort_mentions(&mut out);
    out
}

/// Drops the entity mentions that lie wholly inside a date mention: the
/// name of a holiday ("Christmas", "Diwali", "Eid al-Fitr", "Columbus Day")
/// names a day, not a person, an organization or a place.
pub fn drop_names_inside_dates(mentions: &mut Vec<Mention>) {
    let mut dates: Vec<Span> = mentions
        .iter()
        .filter(|m| matches!(m.value, MentionValue::Date(_)))
        .map(|m| m.span)
        .collect();
    if dates.is_empty() {
        return;
    }
    // sorted, with the furthest end reached so far: one binary search per
    // name, not a pass over every date (a long text has thousands of both)
    dates.sort_by_key(|d| (d.start, std::cmp::Reverse(d.end)));
    // the longest reach of the date spans starting at or before each start
    let mut reach = Vec::with_capacity(dates.len());
    let mut far = 0;
    for d in &dates {
        far = far.max(d.end);
        reach.push(far);
    }
    mentions.retain(|m| {
        if !matches!(m.value, MentionValue::Entity(_)) {
            return true;
        }
        // the date spans that start at or before the name
        let k = dates.partition_point(|d| d.start <= m.span.start);
        k == 0 || reach[k - 1] < m.span.end
    });
}

/// Sorts mentions into their natural order: by start, then longer first,
/// then by kind, so that output is deterministic.
pub fn sort_mentions(mentions: &mut [Mention]) {
    mentions.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
            .then(a.value.kind().cmp(b.value.kind()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_holiday_is_a_date_not_a_name() {
        let res = crate::config::Resources::builtin();
        let text = "Shoppers crowded malls before Christmas, and Columbus Day parades in New York drew Mayor Adams.";
        let dct = crate::document::Dct::parse("2026-10-01").ok();
        let ms = mentions(&res, text, &crate::segment::sentences(text), dct.as_ref());
        let names: Vec<&str> = ms
            .iter()
            .filter(|m| matches!(m.value, MentionValue::Entity(_)))
            .map(|m| &text[m.span.start..m.span.end])
            .collect();
        assert_eq!(names, ["New York", "Adams"], "{ms:#?}");
        assert!(ms.iter().any(|m| matches!(m.value, MentionValue::Date(_))
            && &text[m.span.start..m.span.end] == "Christmas"));
    }

    #[test]
    fn decimals_serialize_exactly() {
        let v = Decimal::from_str("7.4").unwrap() * Decimal::from(1_000_000_000u64);
        assert_eq!(decimal_to_json(&v).to_string(), "7400000000");
        assert_eq!(
            decimal_to_json(&Decimal::from_str("27.50").unwrap()).to_string(),
            "27.5"
        );
        assert_eq!(
            decimal_to_json(&Decimal::from_str("0.1").unwrap()).to_string(),
            "0.1"
        );
    }
}
