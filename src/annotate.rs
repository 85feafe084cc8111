//! `annotate`: extract alone over one text, no cleaning.
//!
//! Takes a text and an optional DCT; gives its mentions with offsets into the
//! text as given. Entity ids are local (`type:slug` of the canonical name),
//! since there is no corpus to merge across.

use crate::config::Resources;
use crate::document::Dct;
use crate::extract::{Mention, MentionValue};
use crate::graph::entity_id;
use crate::output::records::MentionRecord;
use crate::output::view::MentionView;
use crate::segment;
use crate::span::CharIndex;

/// All mentions of `text`, sorted.
pub fn mentions(res: &Resources, text: &str, dct: Option<&Dct>) -> Vec<Mention> {
    crate::extract::mentions(res, text, &segment::sentences(text), dct)
}

/// The `annotate` output for one text: its mention records as a JSON array
/// (`None` id) or as a batch line `{"id": ..., "mentions": [...]}`.
pub fn to_json(
    id: Option<&serde_json::Value>,
    text: &str,
    mentions: &[Mention],
) -> serde_json::Result<String> {
    let chars = CharIndex::new(text);
    let ids: Vec<Option<String>> = mentions
        .iter()
        .map(|m| match &m.value {
            MentionValue::Entity(e) => Some(entity_id(e.ty, &e.canonical)),
            _ => None,
        })
        .collect();
    let views: Vec<MentionView<'_>> = mentions.iter().map(MentionView::of).collect();
    let records: Vec<MentionRecord<'_>> = views
        .iter()
        .zip(&ids)
        .map(|(m, id)| MentionRecord::new(None, text, &chars, m, id.as_deref()))
        .collect();
    match id {
        Some(id) => {
            #[derive(serde::Serialize)]
            struct Line<'a> {
                id: &'a serde_json::Value,
                mentions: Vec<MentionRecord<'a>>,
            }
            serde_json::to_string(&Line {
                id,
                mentions: records,
            })
        }
        None => {
            let lines: serde_json::Result<Vec<String>> =
                records.iter().map(serde_json::to_string).collect();
            Ok(lines?.join("\n"))
        }
    }
}
