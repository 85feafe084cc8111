//! The encoding detector and decoder on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph::fuzzing;

fuzz_target!(|data: &[u8]| {
    fuzzing::decode(data);
});
