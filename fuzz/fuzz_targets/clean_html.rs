//! The HTML extractor and cleaner on arbitrary markup.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph::fuzzing;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    fuzzing::clean_html(&text);
});
