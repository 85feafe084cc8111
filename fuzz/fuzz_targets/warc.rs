//! The WARC reader (record headers, Content-Length, HTTP payloads, chunked
//! and compressed bodies) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph::fuzzing;

fuzz_target!(|data: &[u8]| {
    fuzzing::warc(data);
});
