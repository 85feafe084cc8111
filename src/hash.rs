//! FNV-1a, 64-bit: the one fixed, portable hash (no per-process seed) behind
//! what must hash alike across runs, machines, shards and versions — the
//! site-wide line keys, the near-duplicate sketch's words and band keys,
//! the fallback ids of names without ASCII letters — and the hasher of the
//! date lexicon's fixed tables (short keys, where SipHash's set-up cost
//! dominates and no untrusted key can be chosen). Also [`PackedTable`],
//! the open-addressed table of packed short words that the date tagger,
//! the cleaner and the sentence splitter look words up in, and the two
//! packings: [`packed_key`] (the bytes as they are) and [`pack_letters`]
//! (letters, case folded).

use std::hash::Hasher;

pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// An FNV-1a state, fed a byte at a time or a slice at a time.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(FNV_OFFSET)
    }
}

impl Fnv1a {
    /// A state started from the offset basis xor `seed`: a separate hash
    /// family for keys that must not collide with plain FNV-1a ones.
    pub fn with_seed(seed: u64) -> Fnv1a {
        Fnv1a(FNV_OFFSET ^ seed)
    }

    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }

    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    pub fn value(self) -> u64 {
        self.0
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }
}

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.bytes(bytes);
    h.value()
}

/// `w` as a `u64`, its bytes little-endian, if it is ASCII, 1 to 8 bytes
/// long and ends in a byte other than NUL: then its length is where its
/// last non-zero byte is, and one key is one word. `None` for the others.
/// (A `const fn`, so that fixed word lists can be packed at compile time.)
pub const fn packed_key(w: &[u8]) -> Option<u64> {
    if w.is_empty() || w.len() > 8 || w[w.len() - 1] == 0 {
        return None;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < w.len() {
        if !w[i].is_ascii() {
            return None;
        }
        key |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    Some(key)
}

/// The bytes of a word of one to eight ASCII letters (any case), packed
/// lower-cased into a `u64` (little-endian, zero-padded: no letter is 0, so
/// no two words share a key). Only meaningful for letters: `| 0x20`
/// lower-cases a letter and leaves `'` as it is. (A `const fn`, so that
/// fixed word lists can be packed at compile time.)
pub const fn pack_letters(w: &[u8]) -> Option<u64> {
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    // byte by byte: shorter than a call to copy a slice of unknown length
    let mut key = 0u64;
    let mut k = 0;
    while k < w.len() {
        key |= ((w[k] | 0x20) as u64) << (8 * k);
        k += 1;
    }
    Some(key)
}

/// Non-zero `u64` keys (short words packed into an integer: the date
/// lexicon's `pack_letters`, the cleaner's stop words) with a value each,
/// in one open-addressed array probed linearly from a multiplicative hash:
/// the date tokenizer looks up every word of letters, its tense scan every
/// word of a sentence and the cleaner every word of a line, and a probe
/// here is a multiply, a shift and a compare, where a `HashMap` lookup
/// costs several times that. A set is a `PackedTable<()>`. Kept at most a quarter
/// full, so that a word not listed (most words) usually meets an empty
/// slot at once.
pub struct PackedTable<V> {
    /// Each key beside its value (key 0 for an empty slot: no packed word
    /// is 0): a word found costs no second load from another array, nor
    /// its bounds check.
    slots: Vec<(u64, V)>,
    shift: u32,
}

impl<V: Copy + Default> PackedTable<V> {
    pub fn new(entries: impl IntoIterator<Item = (u64, V)>) -> PackedTable<V> {
        let entries: Vec<(u64, V)> = entries.into_iter().filter(|&(k, _)| k != 0).collect();
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut t = PackedTable {
            slots: vec![(0, V::default()); size],
            shift: 64 - size.trailing_zeros(),
        };
        for (key, v) in entries {
            let mut k = t.slot(key);
            while t.slots[k].0 != 0 && t.slots[k].0 != key {
                k = (k + 1) & (size - 1);
            }
            t.slots[k] = (key, v);
        }
        t
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The value of `key`, if listed.
    #[inline]
    pub fn get(&self, key: u64) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut k = self.slot(key);
        loop {
            let slot = self.slots.get(k)?;
            // an empty slot first: key 0 (never stored) is not found
            if slot.0 == 0 {
                return None;
            }
            if slot.0 == key {
                return Some(slot.1);
            }
            k = (k + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_test_vectors() {
        // From the FNV reference (draft-eastlake-fnv), 64-bit FNV-1a.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn packed_table_finds_what_it_holds() {
        let words: Vec<u64> = (1..=200u64).map(|n| n.wrapping_mul(0x0101_0203)).collect();
        let t = PackedTable::new(words.iter().map(|&k| (k, k as u32)));
        for &k in &words {
            assert_eq!(t.get(k), Some(k as u32));
        }
        assert_eq!(t.get(0), None);
        assert_eq!(t.get(7), None);
        let empty: PackedTable<()> = PackedTable::new([]);
        assert_eq!(empty.get(0), None);
        assert_eq!(empty.get(1), None);
    }
}
