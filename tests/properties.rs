//! Invariants on generated input: offsets always slice to the mention text,
//! and no stage panics on anything.

use newsgraph::config::Resources;
use newsgraph::document::{Dct, InputFormat, RawDocument};
use newsgraph::span::CharIndex;
use proptest::prelude::*;
use std::sync::OnceLock;

fn res() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(Resources::builtin)
}

/// News-like text: fragments that trigger every tagger, glued with
/// punctuation, white space and non-ASCII characters.
fn newsy() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("Microsoft".to_string()),
        Just("Sam Altman said".to_string()),
        Just("Amazon Web Services (AWS)".to_string()),
        Just("Amazon.com Inc.".to_string()),
        Just("Microsoft’s".to_string()),
        Just("$1BN".to_string()),
        Just("$7.4 billion".to_string()),
        Just("27 percent".to_string()),
        Just("27%".to_string()),
        Just("June 1, 2026".to_string()),
        Just("November 2023".to_string()),
        Just("in 2019".to_string()),
        Just("invested".to_string()),
        Just("Société Générale".to_string()),
        Just("€".to_string()),
        Just("—".to_string()),
        Just("北京".to_string()),
        Just("🙂".to_string()),
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just(".".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        "[A-Za-z0-9 ,.$%()'’:-]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(fragment, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mention_offsets_slice_to_their_text(text in newsy(), with_dct in any::<bool>()) {
        let dct = with_dct.then(|| Dct::parse("2026-05-01").unwrap());
        let mentions = newsgraph::annotate::mentions(res(), &text, dct.as_ref());
        let chars: Vec<char> = text.chars().collect();
        let index = CharIndex::new(&text);
        for m in &mentions {
            prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            let (s, e) = (index.chars(m.span.start), index.chars(m.span.end));
            let by_chars: String = chars[s..e].iter().collect();
            prop_assert_eq!(by_chars.as_str(), m.span.slice(&text));
        }
        // The JSON the user gets carries the same invariant.
        let json = newsgraph::annotate::to_json(None, &text, &mentions).unwrap();
        for line in json.lines().filter(|l| !l.is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
            let slice: String = chars[s..e].iter().collect();
            prop_assert_eq!(slice.as_str(), v["text"].as_str().unwrap());
        }
    }

    #[test]
    fn documents_never_panic(text in newsy()) {
        let raw = RawDocument { source: "p.txt".into(), format: InputFormat::Text, text, meta: Default::default() };
        let crawled = Dct::parse("2026-06-01").unwrap();
        let doc = newsgraph::pipeline::process_document(res(), &raw, Some(&crawled)).unwrap();
        for m in &doc.mentions {
            prop_assert!(doc.clean.text.get(m.span.start..m.span.end).is_some());
        }
        for e in &doc.events {
            prop_assert!(doc.clean.text.get(e.sentence.start..e.sentence.end).is_some());
        }
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(text) = newsgraph::ingest::decode::decode(&bytes) {
            prop_assert!(!text.contains('\0'));
        }
    }

    #[test]
    fn number_parsers_never_panic(s in "[0-9a-z ,.-]{0,40}") {
        let _ = newsgraph::extract::numbers::parse_number(&s);
        let _ = newsgraph::extract::numbers::parse_numeral(&s);
        let _ = newsgraph::extract::numbers::parse_ordinal(&s);
    }
}
