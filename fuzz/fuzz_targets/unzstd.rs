//! The guarded zstd reader (ratio and size limits) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph::fuzzing;

fuzz_target!(|data: &[u8]| {
    fuzzing::decompress(data, true);
});
