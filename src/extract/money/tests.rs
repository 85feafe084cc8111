//! Table-driven tests: `tests/data/money/cases.tsv` holds one sentence per
//! line and the mentions expected from it, so cases are added without code.

use super::*;
use std::fmt::Write as _;

const CASES: &str = include_str!("../../../tests/data/money/cases.tsv");

/// Renders mentions as the case file writes them:
/// `surface = money 7400000000 USD`, `surface = money 5..7 USD about`,
/// `surface = percent 1.5 points`, joined by " ; ".
fn render(text: &str, mentions: &[Mention]) -> String {
    let mut parts = Vec::new();
    for m in mentions {
        let (kind, a) = match &m.value {
            MentionValue::Money(a) => ("money", a),
            MentionValue::Percent(a) => ("percent", a),
            _ => continue,
        };
        let mut s = format!("{} = {} {}", m.span.slice(text), kind, a.value.normalize());
        if let Some(max) = a.max {
            let _ = write!(s, "..{}", max.normalize());
        }
        if let Some(c) = &a.currency {
            let _ = write!(s, " {c}");
        }
        if let Some(q) = a.qualifier {
            let _ = write!(
                s,
                " {}",
                serde_json::to_value(q)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            );
        }
        if a.points {
            s.push_str(" points");
        }
        parts.push(s);
    }
    parts.join(" ; ")
}

#[test]
fn table_cases() {
    let tagger = AmountTagger::new();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in CASES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (text, want) = line.split_once('\t').unwrap_or((line, ""));
        let mut out = Vec::new();
        tagger.tag(text, &mut out);
        let got = render(text, &out);
        n += 1;
        if got != want.trim() {
            failures.push(format!("{text}\n   want: {want}\n    got: {got}"));
        }
    }
    assert!(n >= 50, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn never_panics_on_odd_input() {
    let tagger = AmountTagger::new();
    let long_digits = format!(
        "${} billion and {}% and {} dollars",
        "9".repeat(60),
        "9".repeat(35),
        "9".repeat(29)
    );
    let inputs = [
        long_digits.as_str(),
        "$",
        "%",
        "$$$ %%% 5$ $5$5$5",
        "79228162514264337593543950335 trillion dollars",
        "$79228162514264337593543950335 trillion",
        "€ 5 ₹5 ¥ ५ $٥ 5 € 5€5€",
        "between and dollars to $ - $ - %",
        "a quarter of a of a billion dollars",
        "\u{a0}$\u{a0}5",
        "5 dollars and",
        "12,34,56,789 rupees 1,2,3 cents .5% 5.% $.5",
        "point five percent one point percent",
    ];
    for text in inputs {
        let mut out = Vec::new();
        tagger.tag(text, &mut out);
        for m in &out {
            assert!(
                text.get(m.span.start..m.span.end).is_some(),
                "{text}: bad span {:?}",
                m.span
            );
        }
    }
}

#[test]
fn never_panics_on_every_char_boundary_cut() {
    let tagger = AmountTagger::new();
    let text = "Up to HK$1.2bn (US$150 mln), between €5–7 billion, 27.5 pct, ten pennies, 12,34,567 rupees, about 5-7%.";
    for (i, _) in text.char_indices() {
        for part in [&text[..i], &text[i..]] {
            let mut out = Vec::new();
            tagger.tag(part, &mut out);
        }
    }
}

#[test]
#[ignore = "throughput: NEWSGRAPH_BENCH=path/news.jsonl.gz cargo test --release --lib money::tests::throughput -- --ignored --nocapture"]
fn throughput() {
    use std::io::BufRead;
    let tagger = AmountTagger::new();
    // Texts of a news JSONL(.gz) file when NEWSGRAPH_BENCH names one, else a
    // synthetic paragraph.
    let mut texts: Vec<String> = Vec::new();
    if let Ok(path) = std::env::var("NEWSGRAPH_BENCH") {
        let file = std::fs::File::open(&path).expect("bench file");
        let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
            Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
        } else {
            Box::new(std::io::BufReader::new(file))
        };
        let limit: usize = std::env::var("NEWSGRAPH_BENCH_DOCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5000);
        for line in reader.lines().map_while(Result::ok).take(limit) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    } else {
        let para = "The company said on Tuesday that revenue rose 12 percent to $7.4 billion in the third quarter, \
                    while analysts had expected about 5.2 billion euros. Shares fell 3.5% in early trading in New York, \
                    and the board approved a buyback of up to 500 million pounds. Officials declined to comment further \
                    on the matter, citing ongoing negotiations with several partners across Europe and Asia. ";
        texts.push(para.repeat(20_000));
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let mut out = Vec::new();
        for text in &texts {
            tagger.tag(text, &mut out);
        }
        best = best.min(t.elapsed().as_secs_f64());
        n = out.len();
    }
    println!(
        "{} docs, {:.1} MB, {n} mentions, {:.1} MB/s on one core",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / best / 1e6
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Any mix of digits, separators, currency marks and words: no panic,
    /// spans on char boundaries, ranges ordered.
    #[test]
    fn never_panics_on_random_amount_soup(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "$", "US$", "hk $", "€", "£", "¥", "₹", "元", "zł", "Rs.", "USD", "usd", "MEUR", "1", "5", "07", "1,234",
            "12,34,567", ".5", "9999999999999999999999999999", "billion", "bn", "m", "k", "lakh", "crore", "million",
            "dollars", "cents", "pence", "percent", "per cent", "%", "pct", "percentage points", " ", " ", "-", "–",
            "to", "and", "between", "from", "up to", "about", "a", "quarter", "half", "of", "one", "in", "two",
            "thirds", "point", "five", "ü", "é", "日本", ",", ".", "(", ")", "Canadian", "or more", "-plus",
        ]), 0..24)
    ) {
        let text: String = parts.concat();
        let mut out = Vec::new();
        static TAGGER: std::sync::OnceLock<AmountTagger> = std::sync::OnceLock::new();
        TAGGER.get_or_init(AmountTagger::new).tag(&text, &mut out);
        for m in &out {
            proptest::prop_assert!(text.get(m.span.start..m.span.end).is_some());
            if let MentionValue::Money(a) | MentionValue::Percent(a) = &m.value {
                if let Some(max) = a.max {
                    proptest::prop_assert!(a.value <= max);
                }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Arbitrary text: no panic.
    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,80}") {
        static TAGGER: std::sync::OnceLock<AmountTagger> = std::sync::OnceLock::new();
        let mut out = Vec::new();
        TAGGER.get_or_init(AmountTagger::new).tag(&text, &mut out);
        for m in &out {
            proptest::prop_assert!(text.get(m.span.start..m.span.end).is_some());
        }
    }
}

#[test]
fn never_overflows_at_the_decimal_limit() {
    let tagger = AmountTagger::new();
    for text in [
        "79228162514264337593543950335 dollars 50",
        "79228162514264337593543950335 dollars and 99 cents",
        "$79228162514264337593543950335 and fifty",
        "79228162514264337593543950335 lakh crore rupees",
        "79228162514264337593543950335 to 79228162514264337593543950335 billion dollars",
        "between 79228162514264337593543950335 and 9 trillion percent",
    ] {
        let mut out = Vec::new();
        tagger.tag(text, &mut out);
    }
}

/// The tagger and an unanchored overlapping automaton over its surfaces,
/// for the reference hit finder.
fn reference_tagger() -> &'static (AmountTagger, AhoCorasick) {
    static BOTH: std::sync::OnceLock<(AmountTagger, AhoCorasick)> = std::sync::OnceLock::new();
    BOTH.get_or_init(|| {
        let tagger = AmountTagger::new();
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&tagger.patterns)
            .expect("reference automaton");
        (tagger, ac)
    })
}

#[test]
fn hits_agree_with_the_reference_on_the_cases() {
    let (tagger, ac) = reference_tagger();
    let extra = [
        "MEUR 5 and kUSD 3, SMALL ALL mUSD KUSD xUSD, 5 pc, pc, small grand",
        "one in five; two thirds of; halves of; 25 bps; BP; 3 basis points",
        "HK$5 hk $ 5 C$ 3 CA$ usdollars US dollars ₹5 €3 £2 ¥1 zł 5 Zł 5",
        "éUSD 5, ßeuro, 日本円, 5元, ЁUSD, USDé 5",
    ];
    for text in CASES.lines().chain(extra) {
        assert_eq!(
            tagger.hits(text),
            tagger.hits_reference(ac, text),
            "{text:?}"
        );
    }
}

/// No two surfaces can give a hit with the same start and end (a glued
/// scale letter moves a code's start back one byte: "MEUR" is "EUR" from
/// the "M"), so the order `hits` finds them in does not matter to its sort.
#[test]
fn no_surface_is_a_scale_letter_and_a_code() {
    let (tagger, _) = reference_tagger();
    let scalable = |q: usize| {
        tagger.entries[q]
            .iter()
            .any(|e| e.unit.class == Class::Code && e.form.bytes().all(|b| b.is_ascii_uppercase()))
    };
    for p in &tagger.patterns {
        if let Some(rest) = p.strip_prefix(['m', 'k']) {
            let code = tagger.patterns.iter().position(|q| q == rest);
            assert!(!code.is_some_and(scalable), "{p}");
        }
    }
    assert!(tagger.patterns.iter().all(|p| !p.is_empty()));
}

/// Flips the ASCII case of the letters whose bit is set in `mask`.
fn flip_case(s: &str, mask: u64) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if (mask >> (i % 64)) & 1 == 1 {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            } else {
                c
            }
        })
        .collect()
}

/// Surfaces of the lexicon in any case, run together or among letters,
/// digits, scale letters, punctuation and non-ASCII letters.
fn soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let surfaces = reference_tagger().0.patterns.clone();
    let piece = prop_oneof![
        3 => (proptest::sample::select(surfaces), any::<u64>())
            .prop_map(|(s, mask)| flip_case(&s, mask)),
        1 => (proptest::sample::select(vec![
            "ALL", "all", "USD", "usd", "EUR", "pc", "bp", "BP", "Cent", "in", "thirds of",
        ]), any::<u64>()).prop_map(|(s, mask)| flip_case(s, mask)),
        3 => proptest::sample::select(vec![
            " ", " ", " ", "m", "M", "k", "K", "s", "x", "a", "5", "10", ".", ",", "-", "$", "%", "(",
            "'", "’", "é", "ł", "Ё", "日", "€", "\u{a0}",
        ]).prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|parts| parts.concat())
}

/// Every surface the automaton reports, as (start, end, pattern), before
/// any test of case or neighbours.
fn scan_matches(surfaces: &Surfaces, text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let (mut state, mut from) = (0usize, 0usize);
    while let Some(e) = surfaces.next_end(text.as_bytes(), from, &mut state) {
        let mut t = state / surfaces.columns;
        while t != 0 {
            if let Some(p) = (surfaces.ends[t] as usize).checked_sub(1) {
                out.push((e - surfaces.lens[p], e, p));
            }
            t = surfaces.shorter[t] as usize;
        }
        from = e;
    }
    out.sort_unstable();
    out
}

/// The crate's overlapping matches but those that start at a letter glued
/// to the letter before, unless it is a scale letter (`m`, `k`): what
/// `Surfaces` must report.
fn reference_matches(ac: &AhoCorasick, text: &str) -> Vec<(usize, usize, usize)> {
    let b = text.as_bytes();
    let mut out: Vec<_> = ac
        .find_overlapping_iter(text)
        .filter(|m| {
            let s = m.start();
            !(s > 0
                && b[s - 1].is_ascii_alphabetic()
                && b[s].is_ascii_alphabetic()
                && !matches!(b[s - 1], b'M' | b'm' | b'K' | b'k'))
        })
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    out.sort_unstable();
    out
}

#[test]
fn scan_matches_the_reference_on_the_cases() {
    let (tagger, ac) = reference_tagger();
    let extra = [
        "MEUR 5 and kUSD 3, SMALL ALL mUSD KUSD xUSD, 5 pc, pc, small grand",
        "bus$5 kus$ mhk$ HK$5 aHK$ 5% x% one in five",
        "",
    ];
    for text in CASES.lines().chain(extra) {
        assert_eq!(
            scan_matches(&tagger.surfaces, text),
            reference_matches(ac, text),
            "{text:?}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
    /// The byte-class scan with its anchored trie finds exactly the hits of
    /// one overlapping Aho-Corasick pass over every byte.
    #[test]
    fn hits_agree_with_the_reference_on_surface_soup(text in soup()) {
        let (tagger, ac) = reference_tagger();
        proptest::prop_assert_eq!(tagger.hits(&text), tagger.hits_reference(ac, &text));
    }

    #[test]
    fn hits_agree_with_the_reference_on_arbitrary_text(text in "\\PC{0,60}") {
        let (tagger, ac) = reference_tagger();
        proptest::prop_assert_eq!(tagger.hits(&text), tagger.hits_reference(ac, &text));
    }

    /// The automaton (which starts no surface at a glued letter) reports
    /// exactly the crate's overlapping matches at the starts it allows.
    #[test]
    fn scan_matches_the_reference_on_surface_soup(text in soup()) {
        let (tagger, ac) = reference_tagger();
        proptest::prop_assert_eq!(scan_matches(&tagger.surfaces, &text), reference_matches(ac, &text));
    }

    #[test]
    fn scan_matches_the_reference_on_arbitrary_text(text in "\\PC{0,60}") {
        let (tagger, ac) = reference_tagger();
        proptest::prop_assert_eq!(scan_matches(&tagger.surfaces, &text), reference_matches(ac, &text));
    }
}

proptest::proptest! {
    /// The qualifiers' last-word test is `rsplit(' ')` and a case-blind compare.
    #[test]
    fn last_word_is_the_rsplit_compare(
        phrase in "[a-cA-C. ]{0,12}",
        word in "[a-cA-C. ]{0,5}",
    ) {
        let want = phrase
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.as_bytes().eq_ignore_ascii_case(word.as_bytes()));
        proptest::prop_assert_eq!(super::last_word_is(&phrase, word.as_bytes()), want);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// `ratio` rules a hit out on `could_start_number` before it parses the
    /// number before " in ": that test must pass wherever `quantity` reads a
    /// number at a token start.
    #[test]
    fn could_start_number_holds_wherever_a_quantity_starts(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "one", "Two", "twenty", "FIVE", "hundred", "seventeen", "a", "An", "half", "Quarter",
            "dozen", "thirds", "third", "million", "and", "the", "in", "point", "5", "07", ".5",
            "1,234", "12,34,567", " ", " ", "-", ",", ".", "é", "x",
        ]), 0..12)
    ) {
        let text: String = parts.concat();
        for p in 0..text.len() {
            if token_start(&text, p) && quantity(&text, p).is_some() {
                proptest::prop_assert!(could_start_number(&text, p), "{:?} at {}", text, p);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// `number_before` skips the positions `may_start_token` rules out
    /// without asking `token_start`: it must hold wherever that does.
    #[test]
    fn may_start_token_holds_wherever_a_token_starts(text in "[a-c1-3 .,é€-]{0,24}") {
        for p in 0..=text.len() {
            if token_start(&text, p) {
                proptest::prop_assert!(may_start_token(text.as_bytes(), p), "{:?} at {}", text, p);
            }
        }
    }
}

/// `could_start_number` as it was before its reject on the first letter.
fn could_start_number_reference(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    if b[p].is_ascii_digit() || b[p] == b'.' {
        return true;
    }
    let mut e = p;
    while e < b.len() && b[e].is_ascii_alphabetic() && e - p < 10 {
        e += 1;
    }
    let word = &b[p..e];
    crate::extract::numbers::is_cardinal_word(word)
        || NUMBER_START_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
    /// The first-letter reject changes no answer of `could_start_number`.
    #[test]
    fn could_start_number_agrees_with_the_reference(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "one", "Two", "twenty", "FIVE", "hundred", "seventeen", "Seventeen", "nineteen",
            "a", "An", "AN", "half", "Quarter", "dozen", "zero", "eleven", "the", "in", "of",
            "million", "Bob", "x", "5", ".", ".5", " ", "-", ",", "é", "(", "[", "`", "{", "@",
        ]), 1..8),
        word in "[a-zA-Z@\\[`{]{1,12}",
    ) {
        for text in [parts.concat(), word] {
            for p in 0..text.len() {
                if text.is_char_boundary(p) {
                    proptest::prop_assert_eq!(
                        could_start_number(&text, p),
                        could_start_number_reference(&text, p),
                        "{:?} at {}", text, p
                    );
                }
            }
        }
    }
}

#[test]
fn every_number_start_word_passes_the_initials() {
    for w in NUMBER_START_WORDS
        .iter()
        .chain(&["one", "seventeen", "zero", "hundred", "eighty"])
    {
        for v in [w.to_string(), w.to_ascii_uppercase()] {
            assert!(could_start_number(&v, 0), "{v}");
        }
    }
}
