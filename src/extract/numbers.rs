//! The number parser shared by the date and amount taggers.
//!
//! Reads numerals ("1,234.5", "07"), written numbers ("two", "eighteen",
//! "twenty-five", "one hundred and five", "a dozen", "a quarter"), ordinals
//! ("third", "21st") and scale words ("million", "bn", "k"). Values are exact
//! [`Decimal`]s: "$7.4 billion" must be 7400000000, not 7399999999.9.

use crate::hash::pack_letters;
use rust_decimal::Decimal;

/// Value of a numeral written with digits: `1,234.56`, `1234`, `0.5`, `.5`,
/// `07`. Thousands separators must group by three. Returns `None` for
/// anything else.
pub fn parse_numeral(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int_part.is_empty() && frac_part.is_none() {
        return None;
    }
    let mut digits = String::with_capacity(s.len());
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first = groups[0];
        if first.is_empty() || first.len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        for g in &groups {
            digits.push_str(g);
        }
    } else {
        digits.push_str(int_part);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.is_empty() {
        digits.push('0');
    }
    if let Some(f) = frac_part {
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse::<Decimal>().ok()
}

fn unit_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The cardinal words `unit_word`, `tens_word` and "hundred" know, for
/// `is_cardinal_word`'s table (a test checks the three agree).
const CARDINAL_WORDS: [&str; 30] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
];

/// The packed keys of the cardinal words of up to eight letters, sorted
/// for a binary search ("seventeen", nine letters, is asked apart).
const CARDINAL_KEYS: [u64; 29] = {
    let mut keys = [0u64; 29];
    let mut n = 0;
    let mut i = 0;
    while i < CARDINAL_WORDS.len() {
        if let Some(k) = pack_letters(CARDINAL_WORDS[i].as_bytes()) {
            keys[n] = k;
            n += 1;
        }
        i += 1;
    }
    assert!(n == keys.len());
    // Insertion sort: this runs at compile time.
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// The set of the first letters of `words` (ASCII, any case), as bit
/// `letter - b'a'` of a mask: a prefilter's cheap reject of most words
/// before a word-list lookup.
pub const fn initials(words: &[&str]) -> u32 {
    let mut mask = 0u32;
    let mut i = 0;
    while i < words.len() {
        let first = words[i].as_bytes()[0] | 0x20;
        assert!(first.is_ascii_lowercase(), "a word of letters");
        mask |= 1 << (first - b'a');
        i += 1;
    }
    mask
}

/// The first letters of the cardinal words (`initials`).
pub const CARDINAL_INITIALS: u32 = initials(&CARDINAL_WORDS);

/// Is `word` (any case) a cardinal number word: "one" … "nineteen",
/// "twenty" … "ninety", "hundred"? Allocation-free, for prefilters: the
/// money tagger asks it of every word before a currency, so it is one
/// packed key and a binary search rather than a lower-cased copy matched
/// against each spelling.
pub fn is_cardinal_word(word: &[u8]) -> bool {
    if !word.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    match pack_letters(word) {
        Some(key) => CARDINAL_KEYS.binary_search(&key).is_ok(),
        None => word.eq_ignore_ascii_case(b"seventeen"),
    }
}

/// Scale words, spelled out or abbreviated as news writes them. Case matters
/// only for the one-letter forms, which callers check in context.
pub fn scale_word(w: &str) -> Option<Decimal> {
    let lower = w.to_ascii_lowercase();
    let v: u64 = match lower.trim_end_matches('.') {
        "hundred" => 100,
        "thousand" | "k" | "thousands" => 1_000,
        "million" | "millions" | "mn" | "mln" | "mio" | "m" | "mil" => 1_000_000,
        "billion" | "billions" | "bn" | "bln" | "b" => 1_000_000_000,
        "trillion" | "trillions" | "tn" | "trn" | "tr" => 1_000_000_000_000,
        _ => return None,
    };
    Some(Decimal::from(v))
}

fn fraction_word(w: &str) -> Option<Decimal> {
    Some(match w {
        "half" => Decimal::new(5, 1),
        "quarter" => Decimal::new(25, 2),
        "third" => Decimal::ONE / Decimal::from(3),
        _ => return None,
    })
}

/// Value of an ordinal: "first" → 1, "twenty-first" → 21, "3rd" → 3.
pub fn parse_ordinal(s: &str) -> Option<u32> {
    let lower = s.trim().to_ascii_lowercase();
    let digits_end = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    if digits_end > 0 {
        let n: u32 = lower[..digits_end].parse().ok()?;
        let suffix = &lower[digits_end..];
        return matches!(suffix, "st" | "nd" | "rd" | "th").then_some(n);
    }
    let (tens, last) = match lower.rsplit_once(['-', ' ']) {
        Some((t, l)) => (tens_word(t)?, l),
        None => (0, lower.as_str()),
    };
    let unit = match last {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        _ => return None,
    };
    if tens > 0 && unit >= 10 {
        return None;
    }
    Some(tens + unit)
}

/// A written number at the start of `text`: its value and the number of
/// bytes it spans. Case-insensitive; words are separated by spaces or
/// hyphens, "and" may join them ("one hundred and five"). "a"/"an" count as
/// one only before a scale word, "dozen" or a fraction ("a dozen", "a
/// quarter", "a hundred"). Returns `None` when no number word starts `text`.
pub fn parse_written(text: &str) -> Option<(Decimal, usize)> {
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut seen_number = false;
    let mut end = 0; // bytes consumed by the last word that counted
    let mut pos = 0;
    let mut pending_article = false;
    let mut last_was_fraction = false;
    // "and" joins only after a scale word: "one hundred and five", "two
    // thousand and five"; "between ten and twenty" is two numbers, not 30.
    let mut last_was_scale = false;
    let bytes = text.as_bytes();
    loop {
        // Read one word of ASCII letters at `pos`.
        let start = pos;
        let mut stop = pos;
        while stop < bytes.len() && bytes[stop].is_ascii_alphabetic() {
            stop += 1;
        }
        if stop == start || stop - start > 12 {
            break;
        }
        let word = text[start..stop].to_ascii_lowercase();
        let mut counted = true;
        if last_was_fraction {
            break;
        }
        if let Some(u) = unit_word(&word) {
            current += Decimal::from(u);
        } else if let Some(t) = tens_word(&word) {
            current += Decimal::from(t);
        } else if word == "hundred" {
            if current.is_zero() {
                current = Decimal::ONE;
            }
            current *= Decimal::from(100);
        } else if word == "dozen" {
            if current.is_zero() {
                current = Decimal::ONE;
            }
            current *= Decimal::from(12);
        } else if matches!(
            word.as_str(),
            "thousand" | "million" | "billion" | "trillion"
        ) {
            if current.is_zero() && !seen_number && !pending_article {
                break;
            }
            if current.is_zero() {
                current = Decimal::ONE;
            }
            let scale = scale_word(&word)?;
            total += current * scale;
            current = Decimal::ZERO;
        } else if let Some(f) = fraction_word(&word) {
            // "a quarter", "half", "one half", "three quarters"
            if word == "third" && !pending_article && !seen_number {
                break; // "third" alone is an ordinal, not a fraction
            }
            if !seen_number && !pending_article && word != "half" {
                break;
            }
            let base = if current.is_zero() {
                Decimal::ONE
            } else {
                current
            };
            current = base * f;
            last_was_fraction = true;
        } else if word == "quarters" || word == "halves" || word == "thirds" {
            if !seen_number {
                break;
            }
            let f = fraction_word(word.trim_end_matches('s'))?;
            current *= f;
            last_was_fraction = true;
        } else if (word == "a" || word == "an") && !seen_number && !pending_article {
            pending_article = true;
            counted = false;
        } else if word == "and" && seen_number && last_was_scale {
            counted = false;
        } else {
            break;
        }
        if counted {
            last_was_scale = matches!(
                word.as_str(),
                "hundred" | "thousand" | "million" | "billion" | "trillion"
            );
            seen_number = true;
            pending_article = false;
            end = stop;
        }
        // Skip one separator: spaces or a hyphen.
        pos = stop;
        let mut sep = pos;
        while sep < bytes.len() && (bytes[sep] == b' ' || bytes[sep] == b'-') {
            sep += 1;
        }
        if sep == pos || sep - pos > 3 {
            break;
        }
        pos = sep;
    }
    if !seen_number {
        return None;
    }
    Some((total + current, end))
}

/// A number at the start of `text` in digits or words, with its byte length.
pub fn parse_number(text: &str) -> Option<(Decimal, usize)> {
    let b = text.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_digit() || (first == b'.' && b.get(1).is_some_and(u8::is_ascii_digit)) {
        let mut end = 0;
        while end < b.len() {
            let c = b[end];
            let next_is_digit = b.get(end + 1).is_some_and(u8::is_ascii_digit);
            if c.is_ascii_digit() || ((c == b',' || c == b'.') && next_is_digit) {
                end += 1;
            } else {
                break;
            }
        }
        return parse_numeral(&text[..end]).map(|v| (v, end));
    }
    parse_written(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numerals() {
        assert_eq!(parse_numeral("1,234.5"), Some(d("1234.5")));
        assert_eq!(parse_numeral("7.4"), Some(d("7.4")));
        assert_eq!(parse_numeral(".5"), Some(d("0.5")));
        assert_eq!(parse_numeral("1,23"), None);
        assert_eq!(parse_numeral("12,345,678"), Some(d("12345678")));
        assert_eq!(parse_numeral("1.2.3"), None);
        assert_eq!(parse_numeral(""), None);
    }

    #[test]
    fn written_numbers() {
        let cases = [
            ("two months", "2", 3),
            ("eighteen", "18", 8),
            ("twenty-five years", "25", 11),
            ("twenty five", "25", 11),
            ("one hundred and five people", "105", 20),
            ("a dozen eggs", "12", 7),
            ("two dozen", "24", 9),
            ("a quarter of a billion", "0.25", 9),
            ("three quarters", "0.75", 14),
            ("fifty billion yuan", "50000000000", 13),
            ("a hundred", "100", 9),
            ("Three years earlier", "3", 5),
            ("one and a half", "1", 3),
            ("ten and twenty", "10", 3),
            ("two thousand and five", "2005", 21),
            ("a hundred and twenty", "120", 20),
        ];
        for (text, value, len) in cases {
            assert_eq!(parse_written(text), Some((d(value), len)), "{text}");
        }
        for text in ["a year", "and two", "million", "third quarter", "another"] {
            assert_eq!(parse_written(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_in_digits_or_words() {
        assert_eq!(parse_number("1.2bn"), Some((d("1.2"), 3)));
        assert_eq!(parse_number("2019."), Some((d("2019"), 4)));
        assert_eq!(parse_number("seven"), Some((d("7"), 5)));
    }

    #[test]
    fn cardinal_word_table_is_the_parsers_words() {
        for w in CARDINAL_WORDS {
            assert!(
                w == "hundred" || unit_word(w).is_some() || tens_word(w).is_some(),
                "{w}"
            );
        }
        let units = (0..=19).filter(|&n| CARDINAL_WORDS.iter().any(|w| unit_word(w) == Some(n)));
        assert_eq!(units.count(), 20);
        let tens = CARDINAL_WORDS.iter().filter(|w| tens_word(w).is_some());
        assert_eq!(tens.count(), 9);
    }

    proptest::proptest! {
        /// The packed look-up answers as lower-casing and matching the spellings did.
        #[test]
        fn cardinal_word_is_the_spelling_match(word in "[a-zA-Z]{0,10}|(?i)(seventeen|hundred|one|fourty)") {
            let lower = word.to_ascii_lowercase();
            let want = lower == "hundred" || unit_word(&lower).is_some() || tens_word(&lower).is_some();
            proptest::prop_assert_eq!(is_cardinal_word(word.as_bytes()), want);
        }
    }

    #[test]
    fn cardinal_words() {
        for w in ["one", "Nineteen", "FORTY", "fourty", "hundred", "zero"] {
            assert!(is_cardinal_word(w.as_bytes()), "{w}");
        }
        for w in ["", "a", "million", "half", "onetwothreefour", "first"] {
            assert!(!is_cardinal_word(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(parse_ordinal("third"), Some(3));
        assert_eq!(parse_ordinal("21st"), Some(21));
        assert_eq!(parse_ordinal("twenty-first"), Some(21));
        assert_eq!(parse_ordinal("4th"), Some(4));
        assert_eq!(parse_ordinal("4xx"), None);
        assert_eq!(parse_ordinal("twenty-tenth"), None);
    }
}
