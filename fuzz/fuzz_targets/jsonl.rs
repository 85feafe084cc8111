//! The JSONL reader (bounded lines, line → document or reject) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph::fuzzing;

fuzz_target!(|data: &[u8]| {
    fuzzing::jsonl(data);
});
