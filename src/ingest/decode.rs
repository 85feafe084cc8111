//! Bytes → text, whatever the encoding.
//!
//! BOMs first (UTF-8, UTF-16LE/BE), then strict UTF-8, then `chardetng`'s
//! guess decoded by `encoding_rs`. Refuses bytes that are not text at all
//! (`binary`) rather than decoding them into garbage.

use crate::document::RejectReason;
use encoding_rs::Encoding;

/// Decodes `bytes` to a `String`, or says why it is not text.
pub fn decode(bytes: &[u8]) -> Result<String, (RejectReason, String)> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let text = strip_nuls(text.into_owned());
        if had_errors && looks_binary(text.as_bytes()) {
            return Err((
                RejectReason::NotUtf8Undecodable,
                format!("invalid {} after its byte-order mark", enc.name()),
            ));
        }
        return Ok(text);
    }
    if looks_binary(bytes) {
        return Err((
            RejectReason::Binary,
            "control bytes: not a text file".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(strip_nuls(s.to_string())),
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            let enc = det.guess(None, true);
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors && enc == encoding_rs::UTF_8 {
                // chardetng fell back to UTF-8 and it still failed: keep what
                // decodes, with replacement characters, rather than drop it.
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
                if bad * 10 > lossy.chars().count() {
                    return Err((
                        RejectReason::NotUtf8Undecodable,
                        "mostly undecodable bytes".into(),
                    ));
                }
                return Ok(strip_nuls(lossy));
            }
            Ok(strip_nuls(text.into_owned()))
        }
    }
}

/// Decodes an HTML page: a BOM first, then strict UTF-8, then the charset
/// the page declares (`declared`, from an HTTP `Content-Type`, else a
/// `<meta charset>` or `<meta http-equiv="Content-Type">` in its first
/// 1024 bytes, as browsers prescan), then detection as in [`decode`].
/// Valid UTF-8 wins over a declaration because mislabelled pages are
/// common and a non-UTF-8 page that happens to be valid UTF-8 is not.
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> Result<String, (RejectReason, String)> {
    if Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return decode(bytes);
    }
    let enc = declared
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .or_else(|| meta_charset(bytes))
        // A declared UTF-8 that is not valid UTF-8 is a wrong label: detect.
        .filter(|&e| e != encoding_rs::UTF_8 && e.output_encoding() == e);
    match enc {
        Some(enc) if !looks_binary(bytes) => {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            Ok(strip_nuls(text.into_owned()))
        }
        _ => decode(bytes),
    }
}

/// [`decode`] of text that is already a Rust string (a JSON Lines field):
/// the same checks and clean-up, without validating or copying it again.
pub fn decode_string(text: String) -> Result<String, (RejectReason, String)> {
    // A byte-order mark at the start is dropped, and then, as in `decode`,
    // the text is taken as it is.
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        return Ok(strip_nuls(rest.to_string()));
    }
    let sample = binary_sample(text.as_bytes());
    let control = control_bytes(sample);
    if is_binary(sample, control) {
        return Err((
            RejectReason::Binary,
            "control bytes: not a text file".into(),
        ));
    }
    // A NUL is a control byte: none in a sample that is all of the text,
    // none to strip, and no pass over the text to look for one.
    if control == 0 && sample.len() == text.len() {
        return Ok(text);
    }
    Ok(strip_nuls(text))
}

/// The charset a page declares in a `<meta>` tag within its first 1024
/// bytes: `<meta charset="...">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=...">`.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(off) = find(&lower[from..], b"<meta") {
        let start = from + off + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |n| start + n);
        let tag = &lower[start..end];
        if let Some(i) = find(tag, b"charset") {
            let rest = &tag[i + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The name of the encoding `decode` would use, for diagnostics.
pub fn sniff_name(bytes: &[u8]) -> &'static str {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc.name();
    }
    if std::str::from_utf8(bytes).is_ok() {
        return "UTF-8";
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, true).name()
}

/// The first 64 KiB of `bytes`: what [`looks_binary`] judges.
fn binary_sample(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(64 * 1024)]
}

/// True when a sample of `bytes` has too many control bytes to be text.
/// NUL or C0 controls other than tab, newline, carriage return, form feed
/// and escape are rare in any text encoding (UTF-16 without a BOM aside).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = binary_sample(bytes);
    is_binary(sample, control_bytes(sample))
}

/// [`looks_binary`] of a sample with `control` control bytes. The search
/// for a NUL comes last: most samples have no control byte at all, and
/// the count settles them without a second pass over the text.
fn is_binary(sample: &[u8], control: usize) -> bool {
    !sample.is_empty()
        && (control * 100 > sample.len() * 5
            || (control * 1000 > sample.len() && sample.contains(&0)))
}

/// The control bytes of `sample` that [`looks_binary`] counts.
fn control_bytes(sample: &[u8]) -> usize {
    // Counted in chunks of 255 bytes with a byte-wide sum of branch-free
    // tests, which compiles to SIMD compares: this runs on every document.
    sample
        .chunks(255)
        .map(|chunk| {
            chunk
                .iter()
                .map(|&b| {
                    u8::from(b < 0x20)
                        & u8::from(b != b'\t')
                        & u8::from(b != b'\n')
                        & u8::from(b != b'\r')
                        & u8::from(b != 0x0c)
                        & u8::from(b != 0x1b)
                })
                .fold(0u8, u8::wrapping_add) as usize
        })
        .sum()
}

/// NUL characters survive decoding of some files; they are never content.
fn strip_nuls(mut s: String) -> String {
    if s.contains('\0') {
        s.retain(|c| c != '\0');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The chunked count is the plain definition.
        #[test]
        fn looks_binary_counts_control_bytes(bytes in proptest::collection::vec(
            proptest::prop_oneof![0u8..0x20, proptest::num::u8::ANY], 0..2000)) {
            let control = bytes
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
                .count();
            let plain = control * 100 > bytes.len() * 5
                || (bytes.contains(&0) && control * 1000 > bytes.len());
            proptest::prop_assert_eq!(looks_binary(&bytes), plain && !bytes.is_empty());
        }

        /// The string path gives what decoding the string's bytes gives.
        #[test]
        fn decode_string_is_decode_of_valid_utf8(
            text in "(\\PC|[\u{0}-\u{1f}]|\u{feff}){0,40}",
        ) {
            proptest::prop_assert_eq!(decode_string(text.clone()), decode(text.as_bytes()));
        }
    }

    #[test]
    fn utf8_passes_through() {
        assert_eq!(
            decode("Microsoft’s €5bn".as_bytes()).unwrap(),
            "Microsoft’s €5bn"
        );
    }

    #[test]
    fn latin1_and_cp1252_are_decoded() {
        // "Société Générale paid €5" in windows-1252
        let bytes =
            b"Soci\xe9t\xe9 G\xe9n\xe9rale paid \x805 million to the caf\xe9 owners in Paris.";
        let text = decode(bytes).unwrap();
        assert!(text.starts_with("Société Générale paid €5"), "{text}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hello, Zürich".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "Hello, Zürich");
    }

    #[test]
    fn html_charsets() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-7\"></head><body>\xe1\xe8\xde\xed\xe1</body></html>";
        assert_eq!(meta_charset(page), Some(encoding_rs::ISO_8859_7));
        assert!(decode_html(page, None).unwrap().contains("αθήνα"));
        // The HTTP header's charset overrides the page's.
        assert!(decode_html(b"<p>caf\xe9</p>", Some("windows-1252"))
            .unwrap()
            .contains("café"));
        assert_eq!(
            meta_charset(b"<meta charset='koi8-r'>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(meta_charset(b"<meta name=x content=y>"), None);
        // Valid UTF-8 wins over a wrong declaration.
        assert_eq!(
            decode_html("<p>café</p>".as_bytes(), Some("iso-8859-1")).unwrap(),
            "<p>café</p>"
        );
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert_eq!(decode(&bytes).unwrap_err().0, RejectReason::Binary);
    }
}
