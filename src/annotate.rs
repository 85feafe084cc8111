//! `annotate`: extract alone over one text, no cleaning.
//!
//! Takes a text and an optional DCT; gives its mentions with offsets into the
//! text as given. Entity ids are local (`type:slug` of the canonical name),
//! since there is no corpus to merge across.

use crate::config::Resources;
use crate::document::Dct;
use crate::extract::{sort_mentions, Mention, MentionValue};
use crate::graph::entity_id;
use crate::output::records::MentionRecord;
use crate::segment;
use crate::span::CharIndex;

/// All mentions of `text`, sorted.
pub fn mentions(res: &Resources, text: &str, dct: Option<&Dct>) -> Vec<Mention> {
    let sentences = segment::sentences(text);
    let mut out = Vec::new();
    res.dates.tag(text, dct, &mut out);
    res.amounts.tag(text, &mut out);
    res.entities.tag(text, &sentences, &mut out);
    sort_mentions(&mut out);
    out
}

/// Writes the mentions of `text` as JSON values, in the contract's shape
/// without `doc`.
pub fn mention_records(text: &str, mentions: &[Mention]) -> Vec<serde_json::Value> {
    let chars = CharIndex::new(text);
    let ids: Vec<Option<String>> = mentions
        .iter()
        .map(|m| match &m.value {
            MentionValue::Entity(e) => Some(entity_id(e.ty, &e.canonical)),
            _ => None,
        })
        .collect();
    mentions
        .iter()
        .zip(&ids)
        .map(|(m, id)| {
            serde_json::to_value(MentionRecord::new(None, text, &chars, m, id.as_deref()))
                .unwrap_or_default()
        })
        .collect()
}
