//! FNV-1a, 64-bit: the one fixed, portable hash (no per-process seed) behind
//! what must hash alike across runs, machines, shards and versions — the
//! site-wide line keys, the near-duplicate sketch's words and band keys,
//! the fallback ids of names without ASCII letters — and the hasher of the
//! date lexicon's fixed tables (short keys, where SipHash's set-up cost
//! dominates and no untrusted key can be chosen).

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
}
