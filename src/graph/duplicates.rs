//! Duplicate and near-duplicate documents (syndicated copies).
//!
//! Takes each document's cleaned text, reduced in the per-document stage to
//! a [`Sketch`]: a content hash and a 64-row signature over word 5-shingles
//! by one-permutation hashing with optimal densification ([`SCHEME`]: each
//! shingle hash falls into one of 64 bins and a bin keeps its minimum;
//! empty bins copy filled ones, see [`sketch_of_words`] and [`densify`]).
//! Gives, in the corpus stage, `duplicate_of` for every document that is an
//! exact or near copy (estimated Jaccard similarity of word 5-shingles ≥
//! [`NEAR_DUPLICATE`]; a syndicated copy with its own byline and tagline is
//! typically above 0.85) of
//! a document with a smaller id. The canonical document of a group is its
//! smallest id, so the decision depends only on the set of documents, never
//! on input order, thread count or sharding.
//!
//! Each row of two signatures agrees with probability the texts' Jaccard
//! similarity `J`, filled bin or densified. Candidates come from
//! locality-sensitive hashing: the signature is cut into [`BANDS`] bands of
//! [`ROWS`] rows and two documents that agree on a whole band are compared.
//! With 8 × 8 and rows as good as independent (a text of some hundreds of
//! shingles fills every bin, and one permutation's bins are if anything
//! negatively correlated) a pair at similarity 0.9 becomes a candidate with
//! probability 1 − (1 − 0.9⁸)⁸ ≈ 0.99, at 0.8 ≈ 0.77, at 0.5 ≈ 0.03. A
//! short text fills fewer bins (16 shingles about 14) and its densified
//! rows are copies, but each empty bin copies from an independent random
//! bin, so on 20–80-word texts the rates measured the same within a few
//! points (0.98 at 0.9, 0.79 at 0.8, 0.03 at 0.5). Candidates are then
//! checked against the 64-row estimate (standard error ≈ 0.05 near the
//! threshold: measured 0.048 on long texts and 0.053 on short ones, where
//! 64 independent permutations gave 0.053 and 0.054), so the band choice
//! trades recall near the threshold for memory, not precision. Memory per
//! document: one byte per signature row plus a few hash-table slots, so it
//! grows with the number of documents, not bytes.
//!
//! Refuses nothing; texts of fewer than [`MIN_WORDS`] words are only ever
//! exact duplicates (a few shared words say nothing about syndication).

use crate::hash::{Fnv1a, FNV_OFFSET};
use rustc_hash::FxHashMap;

/// Rows of the signature.
pub const SIGNATURE: usize = 64;
/// Names how signatures are made, for the header of `map`'s partials:
/// signatures of different schemes must never be compared. One-permutation
/// hashing of word 5-shingles into 64 rows, optimal densification with the
/// [`PROBES`] orders. (The scheme before it, 64 independent multiply-shift
/// permutations, is [`OLD_SCHEME`].)
pub const SCHEME: &str = "oph64-5w-od1";
/// The scheme of partials whose header names none: written before the
/// header named it, by 64 independent permutations.
pub const OLD_SCHEME: &str = "minhash64-5w";
/// LSH bands and rows per band (`BANDS * ROWS == SIGNATURE`).
pub const BANDS: usize = 8;
pub const ROWS: usize = 8;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Estimated Jaccard similarity from which a document is a near copy.
pub const NEAR_DUPLICATE: f64 = 0.75;
/// Shorter texts are compared by exact content only.
pub const MIN_WORDS: usize = 20;
// A text with a signature has a whole shingle ([`sketch_of_words`]).
const _: () = assert!(MIN_WORDS >= SHINGLE);

/// What the corpus stage needs to know about one document's text.
///
/// In JSON (`map`'s partials) the signature is hex, 8 digits per row,
/// empty for short texts: `{"content": u64, "minhash": "…"}`. In the
/// binary spill it is the rows' 256 bytes, little-endian (nothing for a
/// short text): the first corpus pass reads them as they are, where hex
/// cost a formatting per document in the workers and a parse per document
/// in the pass. Both encodings carry the same rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch {
    /// Hash of the normalized word sequence: equal for texts that differ
    /// only in case, spacing and punctuation.
    pub content: u64,
    /// The signature ([`SCHEME`]), `None` for short texts (and for a
    /// `minhash` in JSON that is not 64 rows of hex, which was never
    /// compared either).
    pub signature: Option<[u32; SIGNATURE]>,
}

impl serde::Serialize for Sketch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let text = s.is_human_readable();
        let mut st = s.serialize_struct("Sketch", 2)?;
        st.serialize_field("content", &self.content)?;
        match (text, &self.signature) {
            (true, Some(rows)) => st.serialize_field("minhash", &hex_rows(rows))?,
            (true, None) => st.serialize_field("minhash", "")?,
            (false, rows) => st.serialize_field("minhash", &RowBytes(*rows))?,
        }
        st.end()
    }
}

impl<'de> serde::Deserialize<'de> for Sketch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sketch, D::Error> {
        /// The JSON shape.
        #[derive(serde::Deserialize)]
        struct Text {
            content: u64,
            minhash: String,
        }
        /// The binary shape.
        #[derive(serde::Deserialize)]
        struct Binary {
            content: u64,
            minhash: RowBytes,
        }
        if d.is_human_readable() {
            let t = Text::deserialize(d)?;
            Ok(Sketch {
                content: t.content,
                signature: rows_of_hex(&t.minhash),
            })
        } else {
            let b = Binary::deserialize(d)?;
            Ok(Sketch {
                content: b.content,
                signature: b.minhash.0,
            })
        }
    }
}

/// A signature as bytes: the rows little-endian, or none at all.
struct RowBytes(Option<[u32; SIGNATURE]>);

impl serde::Serialize for RowBytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = [0u8; SIGNATURE * 4];
        let Some(rows) = &self.0 else {
            return s.serialize_bytes(&[]);
        };
        for (out, r) in bytes.chunks_exact_mut(4).zip(rows) {
            out.copy_from_slice(&r.to_le_bytes());
        }
        s.serialize_bytes(&bytes)
    }
}

impl<'de> serde::Deserialize<'de> for RowBytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RowBytes, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RowBytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "no bytes or {} bytes of signature rows", SIGNATURE * 4)
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<RowBytes, E> {
                if v.is_empty() {
                    return Ok(RowBytes(None));
                }
                if v.len() != SIGNATURE * 4 {
                    return Err(E::invalid_length(v.len(), &self));
                }
                let mut rows = [0u32; SIGNATURE];
                for (r, b) in rows.iter_mut().zip(v.chunks_exact(4)) {
                    *r = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                }
                Ok(RowBytes(Some(rows)))
            }
        }
        d.deserialize_bytes(Visitor)
    }
}

/// What [`word_hashes`] makes of each byte: its lower-case form for an
/// ASCII letter or digit, [`SEPARATOR`] for any other ASCII byte, and
/// [`NON_ASCII`] for a byte of a multi-byte character. One table load
/// replaces the range tests of `is_ascii_alphanumeric` and
/// `to_ascii_lowercase` on every byte of every text; both marks are at or
/// above [`STOP`] and every letter or digit below it, so that the word
/// loop tells them apart with one compare a byte.
const WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// [`WORD_BYTE`]'s mark for a byte of a non-ASCII character.
const NON_ASCII: u8 = 0x80;
/// [`WORD_BYTE`]'s mark for an ASCII byte that is no letter or digit.
const SEPARATOR: u8 = 0xff;
/// [`WORD_BYTE`] values from here up end a run of ASCII letters and digits.
const STOP: u8 = 0x80;

/// The FNV-1a hash of each word of `text` (maximal runs of alphanumeric
/// characters), lower-cased: ASCII letters by `to_ascii_lowercase`, others
/// by their full Unicode lower-case as UTF-8. One pass, no string built:
/// ASCII bytes (nearly all of English news) take a byte path through
/// [`WORD_BYTE`] without decoding; other characters are decoded and tested
/// as `char`s (the tests check both against the `split`-based definition).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut words = Vec::with_capacity(text.len() / 6 + 1);
    let mut h = Fnv1a::default();
    let mut in_word = false;
    let mut buf = [0u8; 4];
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // A run of ASCII letters and digits, in a loop of its own so that
        // each of its bytes costs a table load, a test and the hash step.
        let run = i;
        while let Some(&b) = bytes.get(i) {
            let c = WORD_BYTE[usize::from(b)];
            if c >= STOP {
                break;
            }
            h.byte(c);
            i += 1;
        }
        in_word |= i > run;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b < 0x80 {
            // An ASCII separator.
            i += 1;
        } else {
            let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break; // not reached: `i` is always on a char boundary
            };
            i += ch.len_utf8();
            if ch.is_alphanumeric() {
                for l in ch.to_lowercase() {
                    h.bytes(l.encode_utf8(&mut buf).as_bytes());
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            words.push(h.value());
            h = Fnv1a::default();
            in_word = false;
        }
    }
    if in_word {
        words.push(h.value());
    }
    words
}

/// Bits of a shingle hash that choose its bin: the top ones.
const BIN_BITS: u32 = SIGNATURE.trailing_zeros();
/// A bin keeps the 32 bits of a hash just below its bin bits.
const VALUE_SHIFT: u32 = 64 - BIN_BITS - 32;
// One bin per signature row, and the bins fit the 64-bit mask of
// [`signature`].
const _: () = assert!(SIGNATURE.is_power_of_two() && SIGNATURE <= 64);

/// The signature over `shingles` by one-permutation hashing: the top
/// [`BIN_BITS`] of a shingle's hash choose its bin (row), and a bin keeps
/// the smallest of the next 32 bits over its shingles; bins no shingle
/// fell into are then filled by [`densify`]. One shift, compare and store
/// a shingle, where a row per permutation took 64 multiplications.
///
/// A bin's value is the minimum over its shingles of the hash with the bin
/// bits removed, cut to 32 bits (cutting is monotone, so it commutes with
/// the minimum): for two texts, a bin that either fills agrees when the
/// smallest hash of their union in that bin is a shared shingle, which
/// happens with probability their Jaccard similarity.
///
/// (The definition, against which [`sketch_of_words`], which makes the
/// shingles and the signature in one pass, is checked.)
#[cfg(test)]
fn signature(shingles: &[u64]) -> [u32; SIGNATURE] {
    let mut rows = [u32::MAX; SIGNATURE];
    let mut filled = 0u64;
    for &h in shingles {
        put_in_bin(&mut rows, &mut filled, h);
    }
    densify(&mut rows, filled);
    rows
}

/// One shingle hash into its bin of the signature ([`signature`]).
#[inline(always)]
fn put_in_bin(rows: &mut [u32; SIGNATURE], filled: &mut u64, h: u64) {
    let bin = (h >> (64 - BIN_BITS)) as usize;
    rows[bin] = rows[bin].min((h >> VALUE_SHIFT) as u32);
    *filled |= 1 << bin;
}

/// Optimal densification (Shrivastava 2017): an empty bin takes the value
/// of the first filled bin in a probe order of its own, [`PROBES`], fixed
/// for all texts. Two texts probe an empty bin alike, so they agree there
/// when the first bin along the order that either fills agrees, again with
/// probability their Jaccard similarity; and since every empty bin has an
/// independent order, the copies spread over the filled bins rather than
/// piling onto the next one (rotation), which keeps the variance near that
/// of independent permutations even for short texts with few filled bins.
/// (The orders are permutations, probes drawn without replacement: each
/// ends within 64 probes.) `filled` marks the filled bins; with none,
/// nothing is filled.
fn densify(rows: &mut [u32; SIGNATURE], filled: u64) {
    if filled == 0 {
        return;
    }
    let mut empty = !filled;
    while empty != 0 {
        let bin = empty.trailing_zeros() as usize;
        empty &= empty - 1;
        if let Some(&from) = PROBES[bin].iter().find(|&&b| filled >> b & 1 == 1) {
            rows[bin] = rows[usize::from(from)];
        }
    }
}

/// Per bin, the order in which [`densify`] probes the bins for a value: a
/// permutation of all bins drawn by Fisher–Yates from a generator seeded
/// with the bin number. Fixed (part of the map/reduce interchange), so
/// signatures are comparable across runs, machines and shards. Computed
/// at compile time.
const PROBES: [[u8; SIGNATURE]; SIGNATURE] = {
    let mut table = [[0u8; SIGNATURE]; SIGNATURE];
    let mut bin = 0;
    while bin < SIGNATURE {
        let mut order = [0u8; SIGNATURE];
        let mut i = 0;
        while i < SIGNATURE {
            order[i] = i as u8;
            i += 1;
        }
        let mut state = (bin as u64 + 1).wrapping_mul(0xd1b5_4a32_d192_ed03);
        let mut left = SIGNATURE;
        while left > 1 {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            // Uniform in 0..left: the high half of a 64 × 64-bit product.
            let pick = ((mix(state) as u128 * left as u128) >> 64) as usize;
            left -= 1;
            let t = order[left];
            order[left] = order[pick];
            order[pick] = t;
        }
        table[bin] = order;
        bin += 1;
    }
    table
};

/// A strong 64-bit mixer (splitmix64's finalizer): turns the fold of a
/// shingle's (or a text's) word hashes into a well-spread hash.
const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The signature as hex, 8 lower-case digits per row (`format!("{v:08x}")`
/// of each row without the formatting machinery): a byte's two digits at
/// a time from a table, and the string made once at the end.
fn hex_rows(rows: &[u32; SIGNATURE]) -> String {
    const PAIRS: [[u8; 2]; 256] = {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut t = [[0u8; 2]; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = [HEX[b >> 4], HEX[b & 0xf]];
            b += 1;
        }
        t
    };
    let mut hex = Vec::with_capacity(SIGNATURE * 8);
    for v in rows {
        for byte in v.to_be_bytes() {
            hex.extend_from_slice(&PAIRS[usize::from(byte)]);
        }
    }
    // Only ASCII digits were written: never the empty fallback.
    String::from_utf8(hex).unwrap_or_default()
}

/// The rotation of the shingle fold ([`shingle_hashes`]).
const R: u32 = 17;
/// Where the leaving word's hash sits in a shingle's fold: rotated once
/// per later word.
const LEAVING: u32 = R * (SHINGLE as u32 - 1);

/// The hash of each run of [`SHINGLE`] words: `mix` of the words' hashes
/// folded as `acc.rotate_left(17) ^ w`. The fold is linear in the words
/// (rotations distribute over xor), so each shingle's fold is made from the
/// one before it — the word leaving taken out, the word arriving put in —
/// rather than refolded from its five words.
///
/// (The definition, against which [`sketch_of_words`] is checked.)
#[cfg(test)]
fn shingle_hashes(words: &[u64]) -> Vec<u64> {
    let Some(first) = words.get(..SHINGLE) else {
        return Vec::new();
    };
    let mut acc = first.iter().fold(0u64, |acc, w| acc.rotate_left(R) ^ w);
    // Written in place rather than pushed: no capacity test per shingle.
    let mut shingles = vec![mix(acc); words.len() - SHINGLE + 1];
    for (out, (leaving, arriving)) in shingles[1..]
        .iter_mut()
        .zip(words.iter().zip(&words[SHINGLE..]))
    {
        acc = (acc ^ leaving.rotate_left(LEAVING)).rotate_left(R) ^ arriving;
        *out = mix(acc);
    }
    shingles
}

impl Sketch {
    /// Sketches a cleaned text.
    ///
    /// Each word is hashed once (lower-cased); a shingle's hash combines
    /// its words' hashes; the signature puts each shingle hash into one of
    /// its rows and keeps a row's minimum, all in one loop over the words
    /// ([`sketch_of_words`]); no string is built.
    pub fn of(text: &str) -> Sketch {
        sketch_of_words(&word_hashes(text))
    }
}

/// The sketch of a text whose words hash to `words` ([`word_hashes`]): the
/// content fold, the rolling shingle fold ([`shingle_hashes`]) and the
/// signature ([`signature`]) in one loop over the words, the shingles put
/// in their bins as they are made, rather than three loops and a vector of
/// shingles between them (the tests check it against those definitions).
fn sketch_of_words(words: &[u64]) -> Sketch {
    let fold = |c: u64, w: &u64| mix(c.rotate_left(23) ^ w);
    // An empty text copies nothing: 0 marks "no content" for the index.
    let no_content = words.is_empty();
    if words.len() < MIN_WORDS {
        let content = words.iter().fold(FNV_OFFSET, fold);
        return Sketch {
            content: if no_content { 0 } else { content.max(1) },
            signature: None,
        };
    }
    // The first shingle, then one a word, the word `SHINGLE` before it
    // leaving the fold.
    let (first, later) = words.split_at(SHINGLE);
    let mut content = first.iter().fold(FNV_OFFSET, fold);
    let mut acc = first.iter().fold(0u64, |acc, w| acc.rotate_left(R) ^ w);
    let mut rows = [u32::MAX; SIGNATURE];
    let mut filled = 0u64;
    put_in_bin(&mut rows, &mut filled, mix(acc));
    for (arriving, leaving) in later.iter().zip(words) {
        content = fold(content, arriving);
        acc = (acc ^ leaving.rotate_left(LEAVING)).rotate_left(R) ^ arriving;
        put_in_bin(&mut rows, &mut filled, mix(acc));
    }
    densify(&mut rows, filled);
    Sketch {
        content: content.max(1),
        signature: Some(rows),
    }
}

/// Signature rows read back from hex, 8 digits a row, each read as
/// `u32::from_str_radix(row, 16)` reads it (a leading `+`, either case), by
/// a table rather than that function's general machinery; `None` unless
/// all 64 rows read.
fn rows_of_hex(hex: &str) -> Option<[u32; SIGNATURE]> {
    let hex = hex.as_bytes();
    if hex.len() != SIGNATURE * 8 {
        return None;
    }
    let mut rows = [0u32; SIGNATURE];
    for (r, group) in rows.iter_mut().zip(hex.chunks_exact(8)) {
        let digits = match group {
            [b'+', rest @ ..] => rest,
            _ => group,
        };
        let mut v = 0u32;
        for &c in digits {
            v = (v << 4) | hex_digit(c)?;
        }
        *r = v;
    }
    Some(rows)
}

/// The value of one hex digit, either case.
fn hex_digit(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'a'..=b'f' => Some(u32::from(c - b'a' + 10)),
        b'A'..=b'F' => Some(u32::from(c - b'A' + 10)),
        _ => None,
    }
}

/// The corpus-wide index. Feed documents in id order with [`Self::add`].
///
/// Only canonical documents are kept (a copy is never the canonical of
/// anything), so memory grows with distinct documents, not with copies.
#[derive(Default)]
pub struct DuplicateIndex {
    /// Per canonical document: its id and the low byte of each signature
    /// row (empty when short), enough to estimate similarity (chance
    /// agreement 1/256 is corrected for).
    canonical: Vec<(Box<str>, Box<[u8]>)>,
    by_content: FxHashMap<u64, u32>,
    by_band: FxHashMap<u64, u32>,
}

/// What [`DuplicateIndex::add`] reads from a sketch before it looks at
/// the index: the fingerprint and the band keys. It depends on the sketch
/// alone, so the corpus stage makes it where documents are decoded, in
/// parallel, and leaves only the look-ups to its serial part.
pub struct Prepared {
    content: u64,
    /// The low byte of each signature row (empty when short).
    fingerprint: Box<[u8]>,
    /// Empty when the sketch has no signature.
    band_keys: Vec<u64>,
}

impl Prepared {
    pub fn of(sketch: &Sketch) -> Prepared {
        let rows = sketch.signature;
        let fingerprint: Box<[u8]> = rows
            .map(|r| r.iter().map(|v| *v as u8).collect())
            .unwrap_or_default();
        let mut band_keys = Vec::new();
        if let Some(rows) = rows {
            band_keys.reserve_exact(BANDS);
            for (b, band) in rows.chunks(ROWS).enumerate() {
                // The band number, then its rows little-endian.
                let mut key = Fnv1a::with_seed(0x6c73_6862);
                key.byte(b as u8);
                for r in band {
                    key.bytes(&r.to_le_bytes());
                }
                band_keys.push(key.value());
            }
        }
        Prepared {
            content: sketch.content,
            fingerprint,
            band_keys,
        }
    }
}

impl DuplicateIndex {
    /// Records document `id` (ids must come in increasing order); returns
    /// the id of the canonical document it duplicates, if any.
    pub fn add(&mut self, id: &str, sketch: &Sketch) -> Option<String> {
        self.add_prepared(id, Prepared::of(sketch))
    }

    /// [`Self::add`] of a sketch already [`Prepared`].
    pub fn add_prepared(&mut self, id: &str, prepared: Prepared) -> Option<String> {
        let Prepared {
            content,
            fingerprint,
            band_keys,
        } = prepared;
        let mut found = match content {
            0 => None,
            c => self.by_content.get(&c).copied(),
        };
        if found.is_none() {
            found = band_keys
                .iter()
                .filter_map(|k| self.by_band.get(k).copied())
                .find(|&other| {
                    similarity(&fingerprint, &self.canonical[other as usize].1) >= NEAR_DUPLICATE
                });
        }
        if let Some(other) = found {
            return Some(self.canonical[other as usize].0.to_string());
        }
        let me = self.canonical.len() as u32;
        self.canonical.push((id.into(), fingerprint));
        if content != 0 {
            self.by_content.entry(content).or_insert(me);
        }
        for k in band_keys {
            self.by_band.entry(k).or_insert(me);
        }
        None
    }
}

/// Estimated Jaccard similarity of two fingerprints (0 when either is empty).
fn similarity(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64;
    let chance = 1.0 / 256.0;
    ((equal - chance) / (1.0 - chance)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::FNV_PRIME;

    const STORY: &str = "Microsoft said on Tuesday it would invest another ten billion dollars in \
        OpenAI, the maker of ChatGPT, extending a partnership that began in 2019 with a one billion \
        dollar investment and gave the software company exclusive rights to license the startup's \
        models for its cloud customers through the end of the decade, people familiar said.";

    #[test]
    fn syndicated_copy_points_at_the_smallest_id() {
        let copy = format!("{STORY} Reporting by Jane Doe; editing by John Roe.");
        let mut index = DuplicateIndex::default();
        assert_eq!(index.add("doc:a", &Sketch::of(STORY)), None);
        assert_eq!(
            index.add("doc:b", &Sketch::of(&copy)),
            Some("doc:a".to_string())
        );
        // A copy of a copy still points at the canonical document.
        let copy2 = copy.to_uppercase();
        assert_eq!(
            index.add("doc:c", &Sketch::of(&copy2)),
            Some("doc:a".to_string())
        );
    }

    #[test]
    fn rows_read_hex_as_from_str_radix_does() {
        let hex = hex_rows(&Sketch::of(&format!("{STORY} {STORY}")).signature.unwrap());
        let want: Vec<u32> = (0..SIGNATURE)
            .map(|i| u32::from_str_radix(&hex[i * 8..i * 8 + 8], 16).unwrap())
            .collect();
        assert_eq!(rows_of_hex(&hex).map(|r| r.to_vec()), Some(want));
        let mut odd = hex.clone();
        odd.replace_range(0..8, "+ABCDEF0");
        odd.replace_range(8..16, "0000000G");
        assert_eq!(rows_of_hex(&odd), None);
        odd.replace_range(8..16, "0000000f");
        let rows = rows_of_hex(&odd).unwrap();
        assert_eq!((rows[0], rows[1]), (0xABCDEF0, 0xf));
        assert_eq!(rows_of_hex(&hex[8..]), None);
    }

    /// JSON carries hex, the spill raw rows; both read back to the same
    /// sketch, and JSON that is not a signature reads as none (as it was
    /// never compared before either).
    #[test]
    fn sketches_round_trip_through_json_and_binary() {
        for text in [STORY, "Markets closed higher.", ""] {
            let s = Sketch::of(text);
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<Sketch>(&json).unwrap(), s);
            let bytes = postcard::to_stdvec(&s).unwrap();
            assert_eq!(postcard::from_bytes::<Sketch>(&bytes).unwrap(), s);
            let want = match s.signature {
                // A two-byte varint length, then the rows.
                Some(_) => 2 + SIGNATURE * 4,
                None => 1,
            };
            assert_eq!(
                bytes.len() - postcard::to_stdvec(&s.content).unwrap().len(),
                want
            );
        }
        let odd: Sketch = serde_json::from_str(r#"{"content":7,"minhash":"xyz"}"#).unwrap();
        assert_eq!((odd.content, odd.signature), (7, None));
        // A binary signature is all of its rows or nothing.
        let mut bytes = postcard::to_stdvec(&7u64).unwrap();
        bytes.extend([3, 1, 2, 3]);
        assert!(postcard::from_bytes::<Sketch>(&bytes).is_err());
    }

    #[test]
    fn different_stories_are_not_duplicates() {
        let other = "Amazon Web Services opened a data centre region in Mexico on Monday, the \
            cloud unit of the online retailer said, adding that it planned to spend five billion \
            dollars there over fifteen years as demand for computing power grows across the region.";
        let mut index = DuplicateIndex::default();
        assert_eq!(index.add("doc:a", &Sketch::of(STORY)), None);
        assert_eq!(index.add("doc:b", &Sketch::of(other)), None);
    }

    #[test]
    fn short_texts_are_only_exact_duplicates() {
        let mut index = DuplicateIndex::default();
        assert_eq!(
            index.add("doc:a", &Sketch::of("Markets closed higher.")),
            None
        );
        assert_eq!(
            index.add("doc:b", &Sketch::of("markets  closed higher")),
            Some("doc:a".to_string())
        );
        assert_eq!(
            index.add("doc:c", &Sketch::of("Markets closed lower.")),
            None
        );
        // Documents cleaned down to nothing are not copies of each other.
        assert_eq!(index.add("doc:d", &Sketch::of("")), None);
        assert_eq!(index.add("doc:e", &Sketch::of(" -- ")), None);
    }

    /// The sketch by its definition (word by word with `split`, each
    /// shingle folded from its words, one-permutation hashing on whole
    /// hashes: [`reference_rows`]), as JSON: the faster [`Sketch::of`] must
    /// agree with it exactly, since `map` prints it for `reduce` to compare.
    /// The content fold of a text's word hashes, as defined: 0 for no
    /// words, never 0 otherwise.
    fn content_fold(words: &[u64]) -> u64 {
        match words.is_empty() {
            true => 0,
            false => words
                .iter()
                .fold(FNV_OFFSET, |c, w| mix(c.rotate_left(23) ^ w))
                .max(1),
        }
    }

    fn reference(text: &str) -> serde_json::Value {
        let mut words: Vec<u64> = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let mut h = FNV_OFFSET;
            if w.is_ascii() {
                for b in w.bytes() {
                    h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(FNV_PRIME);
                }
            } else {
                let mut buf = [0u8; 4];
                for c in w.chars().flat_map(char::to_lowercase) {
                    for b in c.encode_utf8(&mut buf).bytes() {
                        h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
                    }
                }
            }
            words.push(h);
        }
        let content = content_fold(&words);
        if words.len() < MIN_WORDS {
            return serde_json::json!({"content": content, "minhash": ""});
        }
        let shingles: Vec<u64> = words
            .windows(SHINGLE)
            .map(|s| mix(s.iter().fold(0u64, |acc, w| acc.rotate_left(17) ^ w)))
            .collect();
        let minhash: String = reference_rows(&shingles)
            .iter()
            .map(|m| format!("{m:08x}"))
            .collect();
        serde_json::json!({"content": content, "minhash": minhash})
    }

    /// One-permutation hashing as defined: a hash's top six bits are its
    /// bin, a bin's value is the top 32 bits of its smallest hash with the
    /// bin bits shifted out, and an empty bin takes the value of the first
    /// filled bin in its [`PROBES`] order (all `u32::MAX` without shingles).
    fn reference_rows(shingles: &[u64]) -> Vec<u32> {
        let mut bins: Vec<Option<u64>> = vec![None; SIGNATURE];
        for &h in shingles {
            let bin = &mut bins[(h >> 58) as usize];
            *bin = Some(bin.map_or(h << 6, |m| m.min(h << 6)));
        }
        (0..SIGNATURE)
            .map(|j| {
                bins[j]
                    .or_else(|| PROBES[j].iter().find_map(|&b| bins[usize::from(b)]))
                    .map_or(u32::MAX, |m| (m >> 32) as u32)
            })
            .collect()
    }

    #[test]
    fn fast_sketch_equals_the_reference() {
        let texts = [
            STORY.to_string(),
            STORY.to_uppercase(),
            format!("{STORY} Société Générale ÉTÉ İstanbul straße ǅemal 北京 ١٢٣ x²"),
            "Über  München -- Zürich; ΑΘΗΝΑ Ὀδυσσεύς İİ ﬁnance ".repeat(8),
            String::new(),
            " .,; ".into(),
            "word".into(),
            "trailing word é".into(),
        ];
        for t in &texts {
            assert_eq!(
                serde_json::to_value(Sketch::of(t)).unwrap(),
                reference(t),
                "{t:?}"
            );
        }
    }

    proptest::proptest! {
        /// Random texts, ASCII and not, of any number of shingles (few
        /// enough that many bins are empty and densified).
        #[test]
        fn fast_sketch_equals_the_reference_on_any_text(
            text in "([a-zA-Z0-9]{1,7}|[ ,.;'\t\n—-]|É|é|ß|İ|Σ|ǅ|北|١|²|ﬁ|\u{10400}){0,160}"
        ) {
            proptest::prop_assert_eq!(serde_json::to_value(Sketch::of(&text)).unwrap(), reference(&text));
        }

        /// The signature is its definition for any number of shingles,
        /// from none (every bin empty) to enough to fill every bin.
        #[test]
        fn signature_is_one_permutation_hashing(
            shingles in proptest::collection::vec(proptest::num::u64::ANY, 0..400)
        ) {
            proptest::prop_assert_eq!(signature(&shingles).to_vec(), reference_rows(&shingles));
        }
    }

    /// The byte table is the two ASCII tests it replaces, and marks every
    /// byte of a multi-byte character.
    #[test]
    fn word_byte_table_is_the_ascii_tests() {
        for b in 0..=255u8 {
            let want = match b {
                0x80.. => NON_ASCII,
                _ if b.is_ascii_alphanumeric() => b.to_ascii_lowercase(),
                _ => SEPARATOR,
            };
            // The word loop's one compare: letters and digits below, marks
            // at or above.
            assert_eq!(WORD_BYTE[usize::from(b)] < STOP, b.is_ascii_alphanumeric());
            assert_eq!(WORD_BYTE[usize::from(b)], want, "{b:#x}");
        }
    }

    /// Hex rows read back as the formatting machinery writes them.
    #[test]
    fn hex_rows_are_formatted_rows() {
        let rows: [u32; SIGNATURE] =
            std::array::from_fn(|i| (i as u32).wrapping_mul(0x9e37_79b9) ^ (i as u32) << 3);
        let want: String = rows.iter().map(|r| format!("{r:08x}")).collect();
        assert_eq!(hex_rows(&rows), want);
    }

    proptest::proptest! {
        /// The one-loop sketch of a text's word hashes is the content fold,
        /// the shingles and their signature as defined, from no words to
        /// enough to fill every bin.
        #[test]
        fn one_loop_sketch_is_the_definitions(
            words in proptest::collection::vec(proptest::num::u64::ANY, 0..300)
        ) {
            let content = content_fold(&words);
            let want = Sketch {
                content,
                signature: (words.len() >= MIN_WORDS).then(|| signature(&shingle_hashes(&words))),
            };
            proptest::prop_assert_eq!(sketch_of_words(&words), want);
        }

        /// The rolling shingle fold is the fold of each window.
        #[test]
        fn rolling_shingles_are_folded_windows(
            words in proptest::collection::vec(proptest::num::u64::ANY, 0..30)
        ) {
            let want: Vec<u64> = words
                .windows(SHINGLE)
                .map(|s| mix(s.iter().fold(0u64, |acc, w| acc.rotate_left(17) ^ w)))
                .collect();
            proptest::prop_assert_eq!(shingle_hashes(&words), want);
        }
    }

    /// Jaccard similarity of two texts' word 5-shingles, counted exactly.
    fn true_jaccard(a: &str, b: &str) -> f64 {
        let set = |t: &str| -> std::collections::HashSet<u64> {
            shingle_hashes(&word_hashes(t)).into_iter().collect()
        };
        let (a, b) = (set(a), set(b));
        let shared = a.intersection(&b).count() as f64;
        shared / ((a.len() + b.len()) as f64 - shared)
    }

    /// The decisions follow the similarity for long texts (every bin
    /// filled) and short ones (most bins densified) alike: synthetic texts
    /// edited step by step (words replaced, inserted, deleted, added at
    /// either end) until their true similarity falls, each step's copy
    /// given to the index after the original. Near copies (≥ 0.9) are
    /// found, loose ones (≤ 0.6) hardly ever (short texts: 2 of 390 pairs,
    /// near 0.6; 64 independent permutations did no better on real text),
    /// and the estimate is unbiased.
    #[test]
    fn decisions_follow_the_similarity_of_long_and_short_texts() {
        let mut state = 0x5eed_u64;
        let mut below = |n: usize| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            ((u128::from(mix(state)) * n as u128) >> 64) as usize
        };
        for (min, spread) in [(250, 150), (20, 61)] {
            let (mut near, mut found, mut loose, mut false_found) = (0, 0, 0, 0);
            let (mut errors, mut compared) = (0.0, 0);
            for _ in 0..100 {
                let len = min + below(spread);
                let base: Vec<String> = (0..len).map(|_| format!("w{}", below(3000))).collect();
                let original = base.join(" ");
                let mut copy = base;
                loop {
                    let word = format!("w{}", below(3000));
                    let at = below(copy.len());
                    match below(6) {
                        0 | 1 => copy[at] = word,
                        2 => copy.insert(at, word),
                        3 if copy.len() > 20 => drop(copy.remove(at)),
                        4 => copy.push(word),
                        _ => copy.insert(0, word),
                    }
                    let text = copy.join(" ");
                    let j = true_jaccard(&original, &text);
                    if j < 0.4 {
                        break;
                    }
                    let mut index = DuplicateIndex::default();
                    index.add("doc:a", &Sketch::of(&original));
                    let is_copy = index.add("doc:b", &Sketch::of(&text)).is_some();
                    if j >= 0.9 {
                        near += 1;
                        found += usize::from(is_copy);
                    } else if j <= 0.6 {
                        loose += 1;
                        false_found += usize::from(is_copy);
                    }
                    let [a, b] = [&original, &text].map(|t| Prepared::of(&Sketch::of(t)));
                    errors += similarity(&a.fingerprint, &b.fingerprint) - j;
                    compared += 1;
                }
            }
            let bias = errors / compared as f64;
            assert!(
                near >= 40 && loose >= 40,
                "{min} words: {near} near, {loose} loose"
            );
            assert!(
                found as f64 >= 0.95 * near as f64,
                "{min} words: {found} of {near}"
            );
            assert!(
                false_found * 100 <= loose,
                "{min} words: {false_found} of {loose}"
            );
            assert!(bias.abs() < 0.02, "{min} words: bias {bias}");
        }
    }

    #[test]
    fn sketch_is_stable() {
        // The signature is part of the map/reduce interchange: it must not
        // change between runs or platforms.
        let s = Sketch::of(STORY);
        let hex = hex_rows(&s.signature.unwrap());
        // Its first and last rows, as this scheme first wrote them.
        assert_eq!(
            (&hex[..16], &hex[hex.len() - 16..]),
            ("d82b68c8f8271e55", "377b45a92d0b4b12")
        );
        assert_eq!(s, Sketch::of(STORY));
        assert_eq!(Sketch::of("A, b").content, Sketch::of("a b").content);
        assert_ne!(Sketch::of("a b").content, Sketch::of("b a").content);
        assert_eq!(Sketch::of("").content, 0);
    }
}
