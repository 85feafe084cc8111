//! Offsets into text.
//!
//! Inside the pipeline every offset is a [`Span`]: a byte range into one
//! specific string (a document's cleaned body, or the text given to
//! `annotate`). Byte offsets are what `str` slicing and the regex engines use.
//! The contract's offsets are Unicode code points; [`CharIndex`] converts at
//! the moment a record is written, so no other code has to think about it.

/// A half-open byte range `[start, end)` into one text, on `char` boundaries.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Returns `""` rather than panicking when the
    /// span does not fit `text` (a bug, but never worth a crash).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Shift a span found in a substring that starts at byte `base`.
    pub fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
}

/// Converts byte offsets of one text into code-point offsets.
///
/// Built once per text in O(n); each lookup is a binary search over the
/// positions of multi-byte characters, so ASCII-heavy news text costs almost
/// nothing.
pub struct CharIndex {
    /// Byte offset just past each multi-byte char, paired with the number of
    /// extra bytes seen up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        // Every text of every document comes through here: ASCII is skipped
        // eight bytes at a time, and a multi-byte char is sized by its lead
        // byte (`text` is valid UTF-8).
        let b = text.as_bytes();
        let mut wide = Vec::new();
        let mut extra = 0;
        let mut i = 0;
        while i < b.len() {
            if let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            let n = match b[i] {
                0x00..=0x7f => 1,
                0xf0..=0xff => 4,
                0xe0..=0xef => 3,
                _ => 2,
            };
            if n > 1 {
                extra += n - 1;
                wide.push((i + n, extra));
            }
            i += n;
        }
        CharIndex { wide }
    }

    /// Code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn chars(&self, byte: usize) -> usize {
        let k = self.wide.partition_point(|&(end, _)| end <= byte);
        let extra = if k == 0 { 0 } else { self.wide[k - 1].1 };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_char_count() {
        let text = "Microsoft’s €5bn — ok ✓ done";
        let idx = CharIndex::new(text);
        for (b, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            assert_eq!(idx.chars(b), text[..b].chars().count(), "byte {b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn char_index_counts_chars_of_any_text(text in "(\\PC|[a-z ]{0,12}){0,40}") {
            let idx = CharIndex::new(&text);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                proptest::prop_assert_eq!(idx.chars(b), text[..b].chars().count());
            }
        }
    }
}
