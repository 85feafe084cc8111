//! Segment: a text → sentence spans. (First version pending.)

use crate::span::Span;

/// Sentence spans of `text`, in order, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            out.push(Span::new(start, start + trimmed.len()));
        }
        pos += line.len();
    }
    out
}
