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

/// True when a sample of `bytes` has too many control bytes to be text.
/// NUL or C0 controls other than tab, newline, carriage return, form feed
/// and escape are rare in any text encoding (UTF-16 without a BOM aside).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    control * 100 > sample.len() * 5 || (sample.contains(&0) && control * 1000 > sample.len())
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
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert_eq!(decode(&bytes).unwrap_err().0, RejectReason::Binary);
    }
}
