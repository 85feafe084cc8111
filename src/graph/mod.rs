//! Graph: corpus-wide entities, events merged across documents, edges.

use crate::extract::EntityType;

/// The slug of a canonical name: lower-case ASCII words joined by `-`
/// ("Amazon Web Services" → `amazon-web-services`, "Société Générale" →
/// `societe-generale`). Letters outside ASCII are folded where a plain
/// form exists and dropped otherwise.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        let folded = fold_ascii(c);
        match folded {
            Some(s) if s.chars().all(|c| c.is_ascii_alphanumeric()) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                for f in s.chars() {
                    out.push(f.to_ascii_lowercase());
                }
            }
            _ => {
                // Apostrophes join ("McDonald's" → mcdonalds); everything else separates.
                if !matches!(c, '\'' | '’' | '.') {
                    pending_dash = true;
                }
            }
        }
    }
    if out.is_empty() {
        // A name with no ASCII letters at all still needs a stable id.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in name.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        out = format!("u{h:016x}");
    }
    out
}

fn fold_ascii(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåā", "a"),
        ("æ", "ae"),
        ("çćč", "c"),
        ("ďđ", "d"),
        ("èéêëēėę", "e"),
        ("ìíîïī", "i"),
        ("ñńň", "n"),
        ("òóôõöøō", "o"),
        ("œ", "oe"),
        ("ßśšş", "s"),
        ("ţť", "t"),
        ("ùúûüū", "u"),
        ("ýÿ", "y"),
        ("źżž", "z"),
        ("ł", "l"),
        ("ř", "r"),
        ("ğ", "g"),
    ];
    if c.is_ascii_alphanumeric() {
        // Index into a static table of single ASCII chars.
        const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let i = ASCII.find(c)?;
        return ASCII.get(i..i + 1);
    }
    let lower: Vec<char> = c.to_lowercase().collect();
    let l = *lower.first()?;
    TABLE
        .iter()
        .find(|(from, _)| from.contains(l))
        .map(|(_, to)| *to)
}

/// The corpus id of an entity: `<type>:<slug>`.
pub fn entity_id(ty: EntityType, canonical: &str) -> String {
    format!("{}:{}", ty.id_prefix(), slug(canonical))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Amazon Web Services"), "amazon-web-services");
        assert_eq!(slug("Sam Altman"), "sam-altman");
        assert_eq!(slug("Société Générale"), "societe-generale");
        assert_eq!(slug("McDonald's"), "mcdonalds");
        assert_eq!(slug("AT&T"), "at-t");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("GPT-3"), "gpt-3");
        assert!(slug("北京").starts_with('u'));
    }
}
