//! Table-driven tests: `tests/data/dates/cases.txt`, in the manner of the
//! regex crate's `testdata/`. Each case is a block of lines:
//!
//! ```text
//! text: The plant closed on Tuesday.
//! dct: 2024-03-07            (or "none")
//! want: Tuesday => 2024-03-05 DATE
//! want: from 2019 to 2023 => 2019..2023 DATE     (a range; "_" for an open end)
//! ```
//! Blocks are separated by blank lines; `\n` in a text is a line break.
//! `want` lines list every mention the tagger must give, in order; `nowant`
//! lists text that must not be tagged.

use super::*;

const CASES: &str = include_str!("../../../tests/data/dates/cases.txt");

fn render(text: &str, m: &Mention) -> String {
    let MentionValue::Date(d) = &m.value else {
        return String::new();
    };
    let kind = match d.kind {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    };
    let v = match (&d.timex, &d.range) {
        (_, Some(r)) => format!(
            "{}..{}",
            r.start.as_deref().unwrap_or("_"),
            r.end.as_deref().unwrap_or("_")
        ),
        (Some(t), None) => t.clone(),
        (None, None) => "?".into(),
    };
    format!("{} => {v} {kind}", m.span.slice(text))
}

#[test]
fn table() {
    let tagger = DateTagger::new();
    let mut failures = Vec::new();
    let mut n = 0;
    for block in CASES.split("\n\n") {
        let mut text = None;
        let mut dct = None;
        let mut want = Vec::new();
        let mut nowant = Vec::new();
        for line in block.lines() {
            if let Some(t) = line.strip_prefix("text: ") {
                text = Some(t.replace("\\n", "\n"));
            } else if let Some(d) = line.strip_prefix("dct: ") {
                dct = (d.trim() != "none").then(|| Dct::parse(d.trim()).expect("test DCT parses"));
            } else if let Some(w) = line.strip_prefix("want: ") {
                want.push(w.trim().replace("\\n", "\n"));
            } else if let Some(w) = line.strip_prefix("nowant: ") {
                nowant.push(w.trim().replace("\\n", "\n"));
            }
        }
        let Some(text) = text else { continue };
        n += 1;
        let mut out = Vec::new();
        tagger.tag(&text, dct.as_ref(), &mut out);
        crate::extract::sort_mentions(&mut out);
        let got: Vec<String> = out.iter().map(|m| render(&text, m)).collect();
        for w in &want {
            if !got.contains(w) {
                failures.push(format!("{text:?}: want {w:?}, got {got:?}"));
            }
        }
        for w in &nowant {
            if out.iter().any(|m| m.span.slice(&text).contains(w.as_str())) {
                failures.push(format!("{text:?}: must not tag {w:?}, got {got:?}"));
            }
        }
    }
    assert!(n > 20, "too few cases parsed: {n}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn never_panics_on_odd_input() {
    let tagger = DateTagger::new();
    let dct = Dct::parse("2024-02-29").expect("test DCT parses");
    for text in [
        "99999999999999999999 years ago",
        "in 99999 years. in 99999 decades, 99999 centuries from now, 99999 months later",
        "99999 days after Christmas 2024, 99999 hours ago, in 99999 minutes. 99999 weeks ago",
        "in 100000 years, 100000 centuries before June 1, 2020",
        "18446744073709551615d ago",
        "9999999 years later",
        "Feb 30, 2023 and 0000-00-00 and 2023-02-30 and 31/31/2031",
        "on 29 February 2023 at 25:61",
        "in the year 0000, year 9999",
        "from from to to between and",
        "next next next",
        "–—‘’ 3 p.m. on",
        "Q9 2024, H7, 13/45/2020, 12/25",
        "the 99th of Smarch",
        "\u{0}\u{ffff}é 2024 日本",
        "",
    ] {
        let mut out = Vec::new();
        tagger.tag(text, Some(&dct), &mut out);
        tagger.tag(text, None, &mut out);
        for m in &out {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        }
    }
}

/// The texts of the first `n` articles of the benchmark corpus
/// (`../shared/bench/news.jsonl.gz` beside the repository), or `None`
/// where it is absent.
fn bench_texts(n: usize) -> Option<Vec<String>> {
    use std::io::BufRead;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/news.jsonl.gz");
    let f = std::fs::File::open(path).ok()?;
    let r = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f));
    Some(
        r.lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .take(n)
            .collect(),
    )
}

/// Throughput on the benchmark corpus, when present:
/// `cargo test --release --lib extract::dates::tests::speed -- --ignored --nocapture`
#[test]
#[ignore]
fn speed() {
    let Some(texts) = bench_texts(5000) else {
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let tagger = DateTagger::new();
    let dct = Dct::parse("2024-05-01").expect("test DCT parses");
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        for t in &texts {
            let mut out = Vec::new();
            tagger.tag(t, Some(&dct), &mut out);
            n += out.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let t0 = std::time::Instant::now();
    let mut ntok = 0;
    for t in &texts {
        ntok += tagger.tokenize(t).len();
    }
    println!(
        "tokenize only: {:.1} MB/s ({ntok} tokens)",
        bytes as f64 / 1e6 / t0.elapsed().as_secs_f64()
    );
    println!(
        "{} docs, {:.1} MB x3 in {secs:.2}s: {:.1} MB/s, {n} mentions",
        texts.len(),
        bytes as f64 / 1e6,
        3.0 * bytes as f64 / 1e6 / secs
    );
}

fn check_spans(text: &str, dct: Option<&Dct>) {
    let tagger = DateTagger::new();
    let mut out = Vec::new();
    tagger.tag(text, dct, &mut out);
    for m in &out {
        assert!(m.span.start <= m.span.end && m.span.end <= text.len());
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any text at all: no panic, spans on char boundaries.
    #[test]
    fn any_text_is_safe(text in "\\PC{0,120}") {
        let dct = Dct::parse("2024-02-29T23:59").expect("test DCT parses");
        check_spans(&text, Some(&dct));
        check_spans(&text, None);
    }

    /// Date-shaped word salad, where the grammar actually runs deep.
    #[test]
    fn date_salad_is_safe(words in proptest::collection::vec(
        "(the|last|next|this|from|to|through|between|and|on|at|in|every|each|since|by|before|after|ago|later|earlier|half|past|quarter|a|of|[0-9]{1,6}|[0-9]{1,2}(st|nd|rd|th|am|pm|a|p|d|mo|h|s)|Jan\\.|May|June|Feb|Monday|tues|year|weeks|day|Q[0-9]|H[0-9]|noon|morning|o'clock|:|/|-|,|\\.|'|–)",
        0..16,
    ), dct in "(2024-02-29|0001-01-01|9999-12-31T23:59|1900-03-01)") {
        let text = words.join(" ");
        let glued = words.concat();
        let dct = Dct::parse(&dct).ok();
        check_spans(&text, dct.as_ref());
        check_spans(&glued, dct.as_ref());
        check_spans(&text, None);
    }
}

/// Islamic holidays fall on the days of the Umm al-Qura calendar (Saudi
/// Arabia's published one): 1 Shawwal 1439 is 15 June 2018, 1 Muharram 1440
/// 11 September 2018, and a Gregorian year holding the same Hijri day twice
/// gives the first. Outside the table's years (1924-2077) the arithmetic
/// calendar of Calendrical Calculations decides; it puts 1 Muharram 1440 a
/// day later.
#[test]
fn hijri_days() {
    let day = |m, d, y| hijri(m, d, y).map(|x| x.to_string());
    assert_eq!(day(10, 1, 2018).as_deref(), Some("2018-06-15"));
    assert_eq!(day(1, 1, 2018).as_deref(), Some("2018-09-11"));
    assert_eq!(day(9, 1, 2018).as_deref(), Some("2018-05-16"));
    assert_eq!(day(10, 1, 2000).as_deref(), Some("2000-01-08"));
    let arithmetic = |hy, m, d| arithmetic_hijri_date(hy, m, d).map(|x| x.to_string());
    assert_eq!(arithmetic(1440, 1, 1).as_deref(), Some("2018-09-12"));
    assert_eq!(arithmetic(1439, 10, 1).as_deref(), Some("2018-06-15"));
    // past the table (1500 AH), the arithmetic calendar
    assert_eq!(hijri_date(1510, 10, 1), arithmetic_hijri_date(1510, 10, 1));
    assert!(hijri_date(1510, 10, 1).is_some());
    let month = |m, y| hijri_month(m, y).map(|(a, b)| format!("{a}..{b}"));
    assert_eq!(month(9, 2018).as_deref(), Some("2018-05-16..2018-06-14"));
    // the last month runs into the next Hijri year's first day
    assert_eq!(month(12, 2018).as_deref(), Some("2018-08-12..2018-09-10"));
    // past jiff's last year: nothing, and no panic
    assert_eq!(day(10, 1, 10_000), None);
}

/// A longer randomized run than the property tests, for release builds:
/// `cargo test --release --lib extract::dates::tests::fuzz_long -- --ignored`
#[test]
#[ignore]
fn fuzz_long() {
    let words = [
        "the",
        "last",
        "next",
        "this",
        "from",
        "to",
        "between",
        "and",
        "on",
        "at",
        "in",
        "every",
        "since",
        "by",
        "before",
        "after",
        "ago",
        "later",
        "half",
        "past",
        "quarter",
        "a",
        "of",
        "year",
        "years",
        "weeks",
        "day",
        "decades",
        "centuries",
        "months",
        "hours",
        "minutes",
        "noon",
        "morning",
        "tonight",
        "Monday",
        "Fri",
        "May",
        "June",
        "Jan.",
        "Feb",
        "Christmas",
        "Easter",
        "eve",
        "week",
        "end",
        "-",
        ",",
        ".",
        "/",
        ":",
        "'",
        "9",
        "12",
        "31",
        "99999",
        "100000",
        "2024",
        "0000",
        "9999",
        "1/2",
        "2/29",
        "3:30",
        "15th",
        "3pm",
        "2d",
        "1mo",
        "Q3",
        "H2",
        "1990s",
        "fiscal",
        "mid",
        "early",
        "late",
        "first",
        "second",
        "twenty",
        "nineteen",
    ];
    let dcts: Vec<Option<Dct>> = [
        "2024-02-29",
        "0001-01-01",
        "9999-12-31T23:59",
        "1900-03-01T00:00",
    ]
    .iter()
    .map(|d| Dct::parse(d).ok())
    .collect();
    let tagger = DateTagger::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..1_000_000 {
        let n = (next() % 12) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(words[(next() % words.len() as u64) as usize]);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let dct = &dcts[(next() % dcts.len() as u64) as usize];
        let mut out = Vec::new();
        tagger.tag(&text, dct.as_ref(), &mut out);
        tagger.tag(&text, None, &mut out);
    }
}

/// The packed lookup `may_start` uses answers as the string search it
/// replaced, for the listed words in any case, every lexicon word, and
/// words one letter away from a listed one.
#[test]
fn word_lists_answer_as_the_string_search() {
    let lex = lexicon::Lexicon::load();
    for (list, words, gate) in [
        (&*PASS_THROUGH_LIST, PASS_THROUGH, &PASS_THROUGH_GATE),
        (&*GRAMMAR_LIST, GRAMMAR_WORDS, &GRAMMAR_GATE),
    ] {
        let mut probes: Vec<Vec<u8>> = lex.words.keys().map(|w| w.to_vec()).collect();
        for w in PASS_THROUGH.iter().chain(GRAMMAR_WORDS) {
            let w = w.as_bytes();
            probes.push(w.to_vec());
            probes.push(w.to_ascii_uppercase());
            for k in 0..w.len() {
                let mut near = w.to_vec();
                near[k] = if near[k] == b'z' { b'a' } else { near[k] + 1 };
                probes.push(near);
                probes.push([w, b"s"].concat());
                probes.push(w[..k].to_vec());
            }
        }
        // letters only, as in a word token; read at the end of a text and
        // inside a longer one (the packed load reads past the word)
        probes.retain(|p| p.iter().all(u8::is_ascii_alphabetic));
        for p in &probes {
            let inside = [p.as_slice(), b" and more text"].concat();
            for text in [p.as_slice(), &inside] {
                assert_eq!(
                    list.contains_at(text, 0, p.len()),
                    spelled_in(p, words, gate),
                    "{:?}",
                    String::from_utf8_lossy(p)
                );
                // and by the word's token, as `may_start` asks
                let text = std::str::from_utf8(text).unwrap();
                let toks = tagger().tokenize(text);
                assert_eq!(
                    toks.first()
                        .filter(|t| t.s == 0 && t.e == p.len())
                        .is_some_and(|t| list.contains_tok(text.as_bytes(), t)),
                    spelled_in(p, words, gate),
                    "{text:?}"
                );
            }
        }
        let listed = |w: &&&str| w.bytes().all(|c| c.is_ascii_alphabetic());
        assert!(words
            .iter()
            .filter(listed)
            .all(|w| list.contains_at(w.as_bytes(), 0, w.len())));
    }
}

/// `Parser::may_start` lets a function word through only when a lexicon
/// word or one of `GRAMMAR_WORDS` follows: a rule that reads a new word by
/// its spelling would be unreachable after "in the", "at", … without it.
#[test]
fn grammar_words_cover_every_word_the_rules_spell_out() {
    let source = include_str!("mod.rs");
    let call = regex::Regex::new(r#"\.is(?:_any)?\(\s*[^,()]+,\s*(&\[[^\]]*\]|"[^"]*")"#).unwrap();
    let literal = regex::Regex::new(r#""([^"]*)""#).unwrap();
    let lex = lexicon::Lexicon::load();
    let mut missing = Vec::new();
    for c in call.captures_iter(source) {
        for w in literal.captures_iter(&c[1]) {
            let w = w[1].to_ascii_lowercase();
            if !lex.words.contains_key(w.as_bytes())
                && !GRAMMAR_WORDS.contains(&w.as_str())
                && !PASS_THROUGH.contains(&w.as_str())
            {
                missing.push(w);
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        GRAMMAR_WORDS.windows(2).all(|w| w[0] < w[1]),
        "GRAMMAR_WORDS unsorted"
    );
    assert!(
        PASS_THROUGH.windows(2).all(|w| w[0] < w[1]),
        "PASS_THROUGH unsorted"
    );
    assert!(missing.is_empty(), "add to GRAMMAR_WORDS: {missing:?}");
    assert!(
        call.captures_iter(source).count() > 100,
        "the pattern no longer finds the rules' calls"
    );
}

#[test]
fn function_words_before_a_word_the_grammar_spells_out_still_start_expressions() {
    let tagger = DateTagger::new();
    let dct = Dct::parse("2024-03-07").ok();
    for (text, want) in [
        ("Prices are high at present, traders said.", "at present"),
        (
            "The contract runs for an additional year.",
            "an additional year",
        ),
        ("Shares fell 5% in the morning session on Monday.", "Monday"),
    ] {
        let mut out = Vec::new();
        tagger.tag(text, dct.as_ref(), &mut out);
        assert!(
            out.iter().any(|m| m.span.slice(text) == want),
            "{text}: {:?}",
            out.iter().map(|m| m.span.slice(text)).collect::<Vec<_>>()
        );
    }
}

proptest::proptest! {
    #[test]
    fn digits_value_reads_digits_as_parse_does(d in "[0-9]{0,22}") {
        proptest::prop_assert_eq!(digits_value(d.as_bytes()), d.parse::<u64>().ok());
    }
}

/// One tagger for the tokenizer properties (the lexicon loads once).
fn tagger() -> &'static DateTagger {
    static TAGGER: std::sync::OnceLock<DateTagger> = std::sync::OnceLock::new();
    TAGGER.get_or_init(DateTagger::new)
}

/// The tokenizer as it was before its fast paths for plain words and
/// numbers and its eight-bytes-at-a-time scan of letters: every token
/// went through the general path. The fast tokenizer must give the same
/// tokens on any text.
fn reference_tokens(tagger: &DateTagger, text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let toks = &mut out;
    let b = text.as_bytes();
    toks.clear();
    // news text has about one token per five bytes
    toks.reserve(b.len() / 4 + 16);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let class = BYTE_CLASS[usize::from(c)];
        if class & C_ALNUM != 0 {
            let s = i;
            // the classes seen in the word: all letters is `C_ALPHA`
            let mut kinds = class;
            i += 1;
            while let Some(&x) = b.get(i) {
                let k = BYTE_CLASS[usize::from(x)];
                if k & C_ALNUM == 0 {
                    break;
                }
                kinds |= k;
                i += 1;
            }
            let w = &b[s..i];
            let mut t = Tok {
                s,
                e: i,
                num: None,
                ndig: 0,
                suf: [0; 4],
                suflen: 0,
                lex: None,
                punct: None,
                alpha: false,
                cap: c.is_ascii_uppercase(),
                key: 0,
            };
            if c.is_ascii_digit() {
                let nd = w.iter().take_while(|x| x.is_ascii_digit()).count();
                let rest = &w[nd..];
                let num = || digits_value(&w[..nd]);
                // "2018Q4", "18q4": a year glued to a quarter, two tokens
                if (nd == 2 || nd == 4)
                    && rest.len() == 2
                    && rest[0].eq_ignore_ascii_case(&b'q')
                    && (b'1'..=b'4').contains(&rest[1])
                {
                    toks.push(Tok {
                        e: s + nd,
                        num: num(),
                        ndig: nd as u8,
                        ..t
                    });
                    toks.push(Tok {
                        s: s + nd,
                        suf: [b'q', rest[1] - b'0', 0, 0],
                        suflen: 1,
                        lex: Some(Lex::Kw),
                        cap: false,
                        ..t
                    });
                    continue;
                }
                // "14april", "3Jan": a day glued to a month name
                if nd <= 2 && (3..=9).contains(&rest.len()) {
                    if let Some(m) = tagger.month_word(rest) {
                        toks.push(Tok {
                            e: s + nd,
                            num: num(),
                            ndig: nd as u8,
                            ..t
                        });
                        toks.push(Tok {
                            s: s + nd,
                            lex: Some(m),
                            alpha: true,
                            cap: rest[0].is_ascii_uppercase(),
                            ..t
                        });
                        continue;
                    }
                }
                // "15h30": an hour "15h" and its minutes "30", glued
                if nd <= 2
                    && rest.len() == 3
                    && rest[0].eq_ignore_ascii_case(&b'h')
                    && rest[1..].iter().all(u8::is_ascii_digit)
                {
                    let hour = digits_value(&w[..nd]);
                    let mins = digits_value(&rest[1..]);
                    toks.push(Tok {
                        e: s + nd + 1,
                        num: hour,
                        ndig: nd as u8,
                        suf: [b'h', 0, 0, 0],
                        suflen: 1,
                        ..t
                    });
                    toks.push(Tok {
                        s: s + nd + 1,
                        num: mins,
                        ndig: 2,
                        ..t
                    });
                    continue;
                }
                // "5years", "10minutes": a number glued to a unit word
                // is two tokens, glued
                if nd <= 4 && rest.len() > 4 && rest.iter().all(|x| x.is_ascii_alphabetic()) {
                    let unit = tagger
                        .lex
                        .letters(rest)
                        .filter(|l| matches!(l, Lex::Unit(_)));
                    if let Some(u) = unit {
                        let num = digits_value(&w[..nd]);
                        toks.push(Tok {
                            e: s + nd,
                            num,
                            ndig: nd as u8,
                            ..t
                        });
                        toks.push(Tok {
                            s: s + nd,
                            lex: Some(u),
                            alpha: true,
                            cap: false,
                            ..t
                        });
                        continue;
                    }
                }
                if nd <= 18 && rest.len() <= 4 && rest.iter().all(|x| x.is_ascii_alphabetic()) {
                    t.num = digits_value(&w[..nd]);
                    t.ndig = nd as u8;
                    for (k, x) in rest.iter().enumerate() {
                        t.suf[k] = x.to_ascii_lowercase();
                    }
                    t.suflen = rest.len() as u8;
                }
            } else if kinds == C_ALPHA {
                t.alpha = true;
                if tagger.lex.may_contain(w) {
                    t.lex = tagger.lex.letters_at(b, s, i);
                }
            } else if w.len() >= 4
                && (w[..2].eq_ignore_ascii_case(b"fy") || w[..2].eq_ignore_ascii_case(b"cy"))
                && w[2..].iter().all(u8::is_ascii_digit)
                && (w.len() == 4 || w.len() == 6)
            {
                // "FY2024", "FY24": a fiscal year ("CY24" a calendar
                // year, read the same), kept as a number with the
                // marker "fy" (a prefix here, stored as the suffix)
                let digits = std::str::from_utf8(&w[2..])
                    .ok()
                    .and_then(|d| d.parse::<u64>().ok());
                t.num = digits.map(|y| if w.len() == 4 { 2000 + y } else { y });
                t.ndig = 4;
                t.suf[0] = b'f';
                t.suf[1] = b'y';
                t.suflen = 2;
            } else if w.len() >= 2 && (w[0] == b'Q' || w[0] == b'q' || w[0] == b'H') {
                // "Q3", "H1": a quarter or half, digits kept in `num`.
                if let Ok(n) = std::str::from_utf8(&w[1..]).unwrap_or("x").parse::<u64>() {
                    t.num = None;
                    t.suflen = 1;
                    t.suf[0] = w[0].to_ascii_lowercase();
                    t.ndig = 0;
                    t.lex = Some(Lex::Kw);
                    t.punct = None;
                    t.alpha = false;
                    // Store the quarter number in `suf[1]`.
                    t.suf[1] = n.min(255) as u8;
                }
            } else {
                // "Dec31", "mar3": a month name glued to a day, two tokens
                let la = w.iter().take_while(|x| x.is_ascii_alphabetic()).count();
                let digits = &w[la..];
                if (3..=9).contains(&la)
                    && (1..=2).contains(&digits.len())
                    && digits.iter().all(u8::is_ascii_digit)
                {
                    if let Some(m) = tagger.month_word(&w[..la]) {
                        toks.push(Tok {
                            e: s + la,
                            lex: Some(m),
                            alpha: true,
                            ..t
                        });
                        toks.push(Tok {
                            s: s + la,
                            num: digits_value(digits),
                            ndig: digits.len() as u8,
                            cap: false,
                            ..t
                        });
                        continue;
                    }
                }
            }
            toks.push(t);
        } else if class == C_SPACE {
            // A blank line ends a paragraph, a table row or a caption:
            // it becomes a token of its own, so that no expression runs
            // across it ("... vs 40.6 ¶ Yr div", "29 ¶ Jun 146.00").
            // A single line break (hard-wrapped prose) stays a space.
            if c == b'\n' {
                let mut k = i + 1;
                while matches!(b.get(k), Some(b' ' | b'\t' | b'\r')) {
                    k += 1;
                }
                if b.get(k) == Some(&b'\n')
                    && toks.last().is_some_and(|t| t.punct != Some(PARAGRAPH))
                {
                    toks.push(Tok::punct(k, k + 1, PARAGRAPH));
                    i = k + 1;
                    continue;
                }
            }
            i += 1;
        } else {
            let ch = if c.is_ascii() {
                c as char
            } else {
                text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ')
            };
            let len = ch.len_utf8().max(1);
            let p = match ch {
                // "2014~2018": a tilde range
                '\u{2013}' | '\u{2014}' | '\u{2012}' | '~' => '-',
                '\u{2019}' | '\u{2018}' => '\'',
                other => other,
            };
            if !p.is_whitespace() {
                toks.push(Tok::punct(i, i + len, p));
            }
            i += len;
        }
    }
    // the packed word (`Tok::key`), by its definition: the word's letters
    // packed a byte at a time, for a word of up to eight letters
    for t in &mut out {
        if t.alpha {
            t.key = lexicon::pack_letters(&b[t.s..t.e]).unwrap_or(0);
        }
    }
    out
}

#[test]
fn letter_bytes_agrees_with_the_byte_test() {
    for c in 0..=255u8 {
        for k in 0..8 {
            let x = u64::from(c) << (8 * k) | 0x6161_6161_6161_6161 & !(0xff << (8 * k));
            let want = if c.is_ascii_alphabetic() { 0x80 } else { 0 };
            assert_eq!((letter_bytes(x) >> (8 * k)) & 0xff, want, "{c:#x} at {k}");
        }
    }
}

#[test]
fn apostrophe_bytes_and_word_ends_agree_with_the_byte_tests() {
    for c in 0..=255u8 {
        for k in 0..8 {
            let x = u64::from(c) << (8 * k) | 0x2727_2727_2727_2727 & !(0xff << (8 * k));
            let want = if c == b'\'' { 0x80 } else { 0 };
            assert_eq!(
                (apostrophe_bytes(x) >> (8 * k)) & 0xff,
                want,
                "{c:#x} at {k}"
            );
        }
    }
    let text = b"it's don't 'll O'Neil-said abcdefghijklmnopq'rstu x\xc3\xa9y";
    for i in 0..text.len() {
        let letters = i + text[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        assert_eq!(letters_end(text, i), letters, "{i}");
        let words = i + text[i..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphabetic() || c == b'\'')
            .count();
        assert_eq!(cue_word_end(text, i), words, "{i}");
    }
}

proptest::proptest! {
    #[test]
    fn has_quote_agrees_with_the_byte_scan(r in "[a '\"`]{0,40}") {
        let r = r.as_bytes();
        let want =
            r.iter().any(|&c| c == b'"' || c == b'`') || r.windows(2).any(|w| w == b"''");
        proptest::prop_assert_eq!(has_quote(r), want);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn fast_tokenizer_agrees_with_the_general_path(
        text in "([a-zA-Z]{1,12}|[0-9]{1,20}|[ \\n\\t.,'~%-]|\u{2019}|\u{2013}|é|Q[1-4]|FY2[0-9]|[0-9]{1,2}(th|pm|h30|jan|years)|(mar|sept)[0-9]{1,2}){0,40}"
    ) {
        let tagger = tagger();
        proptest::prop_assert_eq!(tagger.tokenize(&text), reference_tokens(tagger, &text));
    }

    #[test]
    fn fast_tokenizer_agrees_on_any_text(text in "\\PC{0,200}") {
        let tagger = tagger();
        proptest::prop_assert_eq!(tagger.tokenize(&text), reference_tokens(tagger, &text));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
    /// `Parser::is` and `is_any` compare packed words for words of up to
    /// eight letters, and `Parser::lower` reads them: they must answer as
    /// the byte comparison and lower-casing of the text do, for
    /// any case, words longer than eight letters, non-words and words
    /// spelled with other bytes.
    #[test]
    fn packed_word_tests_agree_with_the_byte_comparison(
        text in "([a-zA-Z]{1,11}|[0-9]{1,4}|[ .,'-]|\u{2019}|é|15h30|3jan|mar3){0,24}",
        ws in proptest::collection::vec("[a-zA-Z]{0,10}|the|May|a.m.|'s|year-end|", 0..4),
    ) {
        let tagger = tagger();
        let toks = tagger.tokenize(&text);
        let p = tagger.parser(&text, &toks);
        let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
        for i in 0..toks.len() + 2 {
            // the words of the text itself too, so that many tests match
            let own = p.word(i).to_string();
            let upper = own.to_ascii_uppercase();
            let x = p.word_bytes(i);
            // and `Parser::lower`, which reads the packed word too
            let lowered = if own.len() <= 16 { own.to_ascii_lowercase() } else { String::new() };
            let l = p.lower(i);
            proptest::prop_assert_eq!(l.as_str(), lowered.as_str());
            proptest::prop_assert_eq!(l.as_bytes(), lowered.as_bytes());
            proptest::prop_assert!(l == lowered.as_str());
            for w in ws.iter().copied().chain([own.as_str(), upper.as_str()]) {
                proptest::prop_assert_eq!(p.is(i, w), x.eq_ignore_ascii_case(w.as_bytes()), "{:?} at {}", w, i);
            }
            let mut all = ws.clone();
            all.push(&upper);
            for list in [&ws[..], &all[..]] {
                let want = !x.is_empty() && list.iter().any(|w| x.eq_ignore_ascii_case(w.as_bytes()));
                proptest::prop_assert_eq!(p.is_any(i, list), want, "{:?} at {}", list, i);
                // `is_any!`'s path: the keys as `packed_keys` packs them
                let keys = packed_keys::<5>(list);
                proptest::prop_assert_eq!(p.is_any_keyed(i, &keys[..list.len()], list), want, "{:?} at {}", list, i);
            }
            // and the macro itself, on a list packed at compile time
            const FIXED: &[&str] = &["the", "May", "a.m.", "year-end", "approximately", "s", "é"];
            let want = !x.is_empty() && FIXED.iter().any(|w| x.eq_ignore_ascii_case(w.as_bytes()));
            proptest::prop_assert_eq!(is_any!(p, i, FIXED), want, "at {}", i);
            proptest::prop_assert_eq!(is_any!(p, i, &["the", "May", "a.m.", "year-end", "approximately", "s", "é"]), want, "at {}", i);
        }
    }
}

proptest::proptest! {
    /// The TIMEX writers without `format!` write what `format!` does,
    /// negative numbers and numbers wider than the padding included.
    #[test]
    fn padded_numbers_are_written_as_format_writes_them(
        y in proptest::prop_oneof![-10_000i64..10_000, proptest::num::i64::ANY],
        m in -20i64..120,
        d in -20i64..120,
    ) {
        proptest::prop_assert_eq!(year_of(y), format!("{y:04}"));
        proptest::prop_assert_eq!(ym_of(y, m), format!("{y:04}-{m:02}"));
        proptest::prop_assert_eq!(ymd_of(y, m, d), format!("{y:04}-{m:02}-{d:02}"));
        proptest::prop_assert_eq!(yq_of(y, m), format!("{y:04}-Q{m}"));
    }
}

/// Checks [`Parser::rule_gate`] at every token of `text` (and one past
/// the end): a rule whose bit is clear must not match there. Adds to
/// `seen` the rules that matched and the rules skipped.
fn check_rule_gate(text: &str, seen: &mut GateSeen) {
    let tagger = tagger();
    let toks = tagger.tokenize(text);
    let p = tagger.parser(text, &toks);
    for i in 0..=toks.len() {
        let here = p.point(i);
        let gate = p.rule_gate(i, here.is_some());
        let rules: [(u8, &str, bool); 6] = [
            (
                RULE_INTERVAL,
                "interval",
                p.interval(i, here.as_ref()).is_some(),
            ),
            (
                RULE_CLOCK_FOR,
                "clock_for",
                p.clock_for(i, here.as_ref()).is_some(),
            ),
            (RULE_PAST_TO, "past_to", p.past_to(i).is_some()),
            (
                RULE_NTH_UPCOMING,
                "nth_upcoming",
                p.nth_upcoming(i).is_some(),
            ),
            (RULE_DURATION, "duration", p.duration(i).is_some()),
            (RULE_SET, "set", p.set(i).is_some()),
        ];
        for (bit, name, found) in rules {
            assert!(
                gate & bit != 0 || !found,
                "rule_gate skips {name}, which matches at token {i} of {text:?}"
            );
            if found {
                seen.matched |= bit;
            } else if gate & bit == 0 {
                seen.skipped += 1;
            }
        }
    }
}

/// Checks [`Parser::gate_words_at`] at every token of `text`: the bits
/// of the lists of [`GATE_WORDS`] the token is in, as [`Parser::is_any`]
/// finds it in each.
fn check_gate_words(text: &str) {
    let tagger = tagger();
    let toks = tagger.tokenize(text);
    let p = tagger.parser(text, &toks);
    for i in 0..=toks.len() {
        let want = GATE_WORDS
            .iter()
            .filter(|(_, ws)| p.is_any(i, ws))
            .fold(0, |g, (bit, _)| g | bit);
        assert_eq!(p.gate_words_at(i), want, "token {i} of {text:?}");
    }
}

/// Every word of the lists and of the gate's vocabulary, in any case.
#[test]
fn gate_words_agree_with_the_lists() {
    let mut words = gate_vocabulary();
    words.extend(
        GATE_WORDS
            .iter()
            .flat_map(|(_, ws)| ws.iter().map(|w| w.to_string())),
    );
    for w in &words {
        let mut cap = w.clone();
        if let Some(f) = cap.get_mut(..1) {
            f.make_ascii_uppercase();
        }
        check_gate_words(&format!("{w} {} {cap} {w}s", w.to_ascii_uppercase()));
    }
}

proptest::proptest! {
    #[test]
    fn gate_words_agree_with_the_lists_on_any_word(text in "([a-zA-Z]{1,10}|[0-9]{1,3}|[ .,'-]|é){0,12}") {
        check_gate_words(&text);
    }
}

/// What [`check_rule_gate`] saw: the rules that matched somewhere (bits)
/// and how many rule tries the gate saved.
#[derive(Default)]
struct GateSeen {
    matched: u8,
    skipped: usize,
}

/// Every start of the table's cases.
#[test]
fn rule_gate_skips_no_match_in_the_cases() {
    let mut seen = GateSeen::default();
    for line in CASES.lines() {
        if let Some(t) = line.strip_prefix("text: ") {
            check_rule_gate(&t.replace("\\n", "\n"), &mut seen);
        }
    }
    // the cases exercise every rule, and the gate skips many tries
    assert_eq!(
        seen.matched, 0b11_1111,
        "rules that matched: {:b}",
        seen.matched
    );
    assert!(
        seen.skipped > 1000,
        "the gate skipped too little: {}",
        seen.skipped
    );
}

/// Every start of the first 1,000 articles of the benchmark corpus, when
/// present.
#[test]
fn rule_gate_skips_no_match_in_the_bench_corpus() {
    let Some(texts) = bench_texts(1000) else {
        return;
    };
    let mut seen = GateSeen::default();
    let mut docs = 0;
    for text in texts {
        check_rule_gate(&text, &mut seen);
        docs += 1;
    }
    assert_eq!(docs, 1000);
    // news has no "half past nine" or "for 3 hours from 10 am" here
    let common = RULE_INTERVAL | RULE_DURATION | RULE_SET;
    assert_eq!(
        seen.matched & common,
        common,
        "rules that matched: {:b}",
        seen.matched
    );
}

/// The words the tests of the rule gate draw from: the lexicon's, the
/// words the grammar spells out, and numbers of every shape.
fn gate_vocabulary() -> Vec<String> {
    let mut words: Vec<String> = include_str!("../../../data/dates/lexicon.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.extend(
        GRAMMAR_WORDS
            .iter()
            .chain(PASS_THROUGH)
            .map(|w| w.to_string()),
    );
    words.extend(
        [
            "Monday",
            "May",
            "Jan.",
            "June",
            "Christmas",
            "Eve",
            "Q3",
            "H1",
            "FY2024",
            "'90s",
            "1990s",
            "1",
            "2",
            "3",
            "5",
            "12",
            "15",
            "24",
            "30",
            "45",
            "100",
            "1,500",
            "1997",
            "2019",
            "0730",
            "3rd",
            "21st",
            "2nd",
            "10am",
            "3pm",
            "3h",
            "45min",
            "2hrs",
            "5yrs",
            "6-year-old",
            "3:30",
            "1/2",
            "2.5",
            "15h30",
            "14april",
            "Dec31",
            "5years",
            ",",
            ".",
            "-",
            "/",
            "'",
            ":",
            "%",
            "$",
            "(",
            ")",
            "\"",
            "\n\n",
            "times",
            "for",
            "as",
            "than",
            "minutes",
            "hours",
            "weeks",
            "years",
            "ago",
            "later",
            "past",
            "to",
            "half",
            "quarter",
            "Tuesdays",
            "mornings",
            "every",
            "other",
            "once",
            "twice",
            "bi",
            "semi",
            "weekly",
        ]
        .iter()
        .map(|w| w.to_string()),
    );
    words.sort();
    words.dedup();
    words
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// Word salad from the grammar's own words, where the rules do match:
    /// a rule the gate skips never would have.
    #[test]
    fn rule_gate_skips_no_match_in_word_salad(
        words in proptest::collection::vec(proptest::sample::select(gate_vocabulary()), 1..10),
        glue in proptest::collection::vec(proptest::bool::ANY, 10),
    ) {
        let mut text = String::new();
        for (k, w) in words.iter().enumerate() {
            if k > 0 && !glue[k] {
                text.push(' ');
            }
            text.push_str(w);
        }
        let mut seen = GateSeen::default();
        check_rule_gate(&text, &mut seen);
    }
}

use proptest::strategy::Strategy as _;

/// `Unit::duration_split` as it was, with a `format!` per count: the
/// writer into one buffer must write the same.
fn reference_duration(unit: Unit, n: Option<f64>, split: bool) -> String {
    let num = |k: f64| match n {
        Some(v) => {
            let x = v * k;
            if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x}")
            }
        }
        None => "X".to_string(),
    };
    if let Some(v) = n.filter(|v| split && v.fract() == 0.5 && *v < 1e9) {
        let whole = v.trunc() as i64;
        let w = |s: String| if whole == 0 { String::new() } else { s };
        match unit {
            Unit::Year => return format!("P{}6M", w(format!("{whole}Y"))),
            Unit::Day => return format!("P{}T12H", w(format!("{whole}D"))),
            Unit::Hour => return format!("PT{}30M", w(format!("{whole}H"))),
            Unit::Minute => return format!("PT{}30S", w(format!("{whole}M"))),
            _ => {}
        }
    }
    match unit {
        Unit::Second => format!("PT{}S", num(1.0)),
        Unit::Minute => format!("PT{}M", num(1.0)),
        Unit::Hour => format!("PT{}H", num(1.0)),
        Unit::Day => format!("P{}D", num(1.0)),
        Unit::Week => format!("P{}W", num(1.0)),
        Unit::Fortnight => format!("P{}W", if n.is_some() { num(2.0) } else { "X".into() }),
        Unit::Month => format!("P{}M", num(1.0)),
        Unit::Quarter => format!("P{}Q", num(1.0)),
        Unit::Year => format!("P{}Y", num(1.0)),
        Unit::Decade if n.is_some() => format!("P{}Y", num(10.0)),
        Unit::Century if n.is_some() => format!("P{}Y", num(100.0)),
        Unit::Decade => "PXDE".into(),
        Unit::Century => "PXCE".into(),
        Unit::Weekend => format!("P{}WE", num(1.0)),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Durations are written as `format!` wrote them, for any count:
    /// whole, halves, decimals, huge, negative, NaN and unknown.
    #[test]
    fn durations_are_written_as_format_wrote_them(
        unit in proptest::sample::select(vec![
            Unit::Second, Unit::Minute, Unit::Hour, Unit::Day, Unit::Week, Unit::Fortnight,
            Unit::Month, Unit::Quarter, Unit::Year, Unit::Decade, Unit::Century, Unit::Weekend,
        ]),
        n in proptest::option::of(proptest::prop_oneof![
            (0u32..200).prop_map(f64::from),
            (0u32..400).prop_map(|h| f64::from(h) / 2.0),
            (0u32..10_000).prop_map(|h| f64::from(h) / 100.0),
            proptest::num::f64::ANY,
            proptest::sample::select(vec![1e15, 1e16, -1e15, 1e9 + 0.5, -0.0, f64::NAN, f64::INFINITY]),
        ]),
    ) {
        proptest::prop_assert_eq!(unit.duration(n), reference_duration(unit, n, true));
        proptest::prop_assert_eq!(unit.duration_decimal(n), reference_duration(unit, n, false));
    }
}

proptest::proptest! {
    /// A decimal's fraction is read as `format!("0.{digits}").parse()`
    /// reads it, for any token text (digits, "13bn", "5e3", long runs).
    #[test]
    fn point_fraction_reads_as_format_and_parse(
        d in "[0-9]{0,45}|[0-9]{1,4}[a-zA-Z]{0,3}[0-9]{0,3}|\\PC{0,50}",
    ) {
        let want: Option<f64> = format!("0.{d}").parse().ok();
        proptest::prop_assert_eq!(point_fraction(&d).map(f64::to_bits), want.map(f64::to_bits));
    }
}

/// The sentence tense scan as it was before its fast path for short words
/// (`short_run` and `Lexicon::cue_packed`): the fast scan must agree.
fn reference_tense(tagger: &DateTagger, text: &str, span: Span) -> Option<Tense> {
    let b = text.as_bytes();
    let lo = sentence_start(b, span.start);
    let hi = sentence_end(b, span.end);
    let mut best: Option<(usize, Tense)> = None;
    let mut weak: Option<(usize, Tense)> = None;
    let mut i = lo;
    // the previous word was a passive/perfect auxiliary ("will be named")
    let mut aux = false;
    let mut crossed = false;
    while i < hi {
        if !(b[i].is_ascii_alphabetic() || b[i] == b'\'') {
            i += 1;
            continue;
        }
        let s = i;
        i = letters_end(b, i + 1).min(hi);
        if s >= span.start && i <= span.end {
            continue;
        }
        let w = &b[s..i];
        if w.len() > 20 {
            continue;
        }
        let cue = tagger.lex.cue_at(b, s, i);
        if s >= span.end && cue.subordinator {
            crossed = true;
        }
        let after_aux = aux;
        aux = cue.auxiliary;
        let intends = cue.intent && b.get(i..).is_some_and(|r| r.starts_with(b" to "));
        // Listed words are strong cues; a regular "-ed" form is weak
        // ("will be named" is future): strong cues win, then nearness.
        // "next to the embassy": a place, no tense
        let place = cue.next && b.get(i..).is_some_and(|r| r.starts_with(b" to "));
        let (t, strong) = match cue.tense {
            _ if place => (None, false),
            _ if intends => (Some(Tense::Future), true),
            // a participle after "be": "will be held", "is being sold";
            // the auxiliary's own cue ("will", "was") gives the tense
            Some(Tense::Past) if after_aux => (None, false),
            Some(t) => (Some(t), true),
            // Regular past tense: "announced", "closed"; not "need", "hundred".
            None if w.len() >= 5
                && !after_aux
                && w[w.len() - 2..].eq_ignore_ascii_case(b"ed")
                && !w[w.len() - 3].eq_ignore_ascii_case(&b'e')
                && !cue.not_past =>
            {
                (Some(Tense::Past), false)
            }
            None => (None, false),
        };
        if let Some(t) = t {
            // a quotation mark between the cue and the date: the cue is
            // in the reporting clause ("... leave Thursday,'' Castro
            // said"), the date in the quote, which has its own tense
            let (a, z) = if s >= span.end {
                (span.end, s)
            } else {
                (i, span.start)
            };
            let quoted = b.get(a..z).is_some_and(has_quote);
            let dist = if s >= span.end {
                s - span.end + if crossed { 2 * OTHER_CLAUSE } else { 0 }
            } else {
                span.start.saturating_sub(i)
            } + if quoted { OTHER_CLAUSE } else { 0 };
            let slot = if strong { &mut best } else { &mut weak };
            if slot.is_none_or(|(d, _)| dist < d) {
                *slot = Some((dist, t));
            }
        }
    }
    // a regular past form right next to the date is its own verb
    // ("Cuba predicted Wednesday"), whatever a distant "will" says; so
    // is one in the date's own clause when every listed cue is in
    // another clause or across a quotation mark ("issued a statement
    // Friday saying the treaty will ...")
    match (best, weak) {
        (Some((bd, _)), Some((wd, t)))
            if (wd <= 8 && bd >= 20) || (wd < OTHER_CLAUSE && bd >= OTHER_CLAUSE) =>
        {
            Some(t)
        }
        _ => best
            .or(weak)
            .filter(|&(d, _)| d < OTHER_CLAUSE)
            .map(|(_, t)| t),
    }
}

/// The document tense scan as it was before its fast path for short
/// words: the fast scan must agree.
fn reference_doc_tense(tagger: &DateTagger, text: &str) -> Option<Tense> {
    let (mut past, mut fut) = (0usize, 0usize);
    // words are runs of ASCII letters and apostrophes: split on bytes,
    // as every byte of a non-ASCII character is a separator anyway
    let word_byte = |c: u8| c.is_ascii_alphabetic() || c == b'\'';
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !word_byte(c) {
            i += 1;
            continue;
        }
        let s = i;
        i = cue_word_end(b, i);
        let Some(w) = b.get(s..i).filter(|w| w.len() <= 20) else {
            continue;
        };
        let cue = tagger.lex.cue_at(b, s, i).tense;
        // a weekday name is no cue, though spelled like one ("Sat")
        if cue.is_some() && matches!(tagger.lex.letters(w), Some(Lex::Weekday(_))) {
            continue;
        }
        match cue {
            Some(Tense::Past) => past += 1,
            Some(Tense::Future) => fut += 1,
            None => {}
        }
    }
    match past.cmp(&fut) {
        std::cmp::Ordering::Greater => Some(Tense::Past),
        std::cmp::Ordering::Less => Some(Tense::Future),
        std::cmp::Ordering::Equal => None,
    }
}

/// `Parser::point` reads its words before `base` only at a token with a
/// key or a lexicon entry: every word it tests there by spelling must
/// have a key (up to eight letters), so that no other token matches it.
#[test]
fn words_point_tests_before_base_have_keys() {
    for w in [
        "the", "day", "before", "after", "of", "weekend", "end", "eod", "eom", "eoy", "one",
    ] {
        assert!(lexicon::pack_letters(w.as_bytes()).is_some(), "{w}");
    }
    // and the part of day it reads by its lexicon entry is one
    let tagger = tagger();
    for text in [
        "the morning of June 5",
        "afternoon of June 5",
        "the day before yesterday",
    ] {
        let toks = tagger.tokenize(text);
        let p = tagger.parser(text, &toks);
        assert!(p.point(0).is_some(), "{text}");
    }
}

/// The tense scans' table of word bytes is the test it stands for.
#[test]
fn cue_byte_table_is_letters_and_the_apostrophe() {
    for c in 0..=255u8 {
        assert_eq!(
            CUE_BYTE[usize::from(c)],
            c.is_ascii_alphabetic() || c == b'\'',
            "{c}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// `short_run` reads a word's end, the byte after it
    /// and its key from one load: it must agree with the byte scans and
    /// the packing it stands for, at every byte that starts a word, near
    /// the end of the text and next to non-ASCII bytes.
    #[test]
    fn short_words_agree_with_the_byte_scans(
        text in "([a-zA-Z]{1,9}|'|[0-9]{1,3}|[ .,\\n-]|\u{2019}|é){0,24}"
    ) {
        let b = text.as_bytes();
        let room = |i: usize| i + 8 <= b.len();
        for i in 0..b.len() {
            let letter = b[i].is_ascii_alphabetic();
            if letter || b[i] == b'\'' {
                let end = cue_word_end(b, i);
                match short_run(b, i, true) {
                    Some(w) => {
                        proptest::prop_assert_eq!(i + w.len, end);
                        proptest::prop_assert_eq!(Some(w.next), b.get(end).copied());
                        proptest::prop_assert_eq!(Some(w.key), lexicon::pack_letters_at(b, i, end));
                    }
                    None => proptest::prop_assert!(!room(i) || end - i >= 8),
                }
                let end = letters_end(b, i + 1);
                match short_run(b, i, false) {
                    Some(w) => {
                        proptest::prop_assert_eq!(i + w.len, end);
                        proptest::prop_assert_eq!(Some(w.next), b.get(end).copied());
                        proptest::prop_assert_eq!(Some(w.key), lexicon::pack_letters_at(b, i, end));
                    }
                    None => proptest::prop_assert!(!room(i) || end - i >= 8),
                }
            }
        }
    }

    /// The tense scans read most words through `short_run` and
    /// `Lexicon::cue_packed`: pinned to the word-by-word scans they
    /// replace, on text made of cue words and others, at any span.
    #[test]
    fn tense_scans_agree_with_the_word_by_word_scans(
        words in proptest::collection::vec(
            "said|will|would|was|is|be|being|plans|expected|to|that|next|hundred|announced|need|Sat|Monday|won't|'ll|it's|don't|closed|[a-zA-Z]{1,10}|[.,!?\n\"]|''|2019|é",
            0..40,
        ),
        at in 0usize..200,
        len in 1usize..12,
    ) {
        let tagger = tagger();
        let text = words.join(" ");
        let mut start = at.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let span = Span::new(start, end);
        proptest::prop_assert_eq!(tagger.tense(&text, span), reference_tense(tagger, &text, span));
        proptest::prop_assert_eq!(tagger.doc_tense(&text), reference_doc_tense(tagger, &text));
    }
}

/// The sentence scans as they were before they passed over eight bytes
/// at a time: a byte at a time.
fn reference_sentence_start(b: &[u8], from: usize) -> usize {
    let floor = from.saturating_sub(300);
    let mut i = from.min(b.len());
    while i > floor {
        if matches!(b[i - 1], b'\n' | b'!' | b'?' | b'.') && is_stop(b, i - 1) {
            return i;
        }
        i -= 1;
    }
    floor
}

fn reference_sentence_end(b: &[u8], from: usize) -> usize {
    let ceil = (from + 300).min(b.len());
    let mut i = from.min(b.len());
    while i < ceil {
        if matches!(b[i], b'\n' | b'!' | b'?' | b'.') && is_stop(b, i) {
            return i;
        }
        i += 1;
    }
    ceil
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn sentence_scans_agree_with_a_byte_at_a_time(
        text in "([a-zA-Z]{1,12}|[0-9]{1,4}|[ \\n.!?,/>*-]|Mr|St|é|\u{2019}){0,120}",
        at in 0usize..600,
    ) {
        let b = text.as_bytes();
        for from in [at, at % (b.len() + 1), b.len()] {
            proptest::prop_assert_eq!(sentence_start(b, from), reference_sentence_start(b, from));
            proptest::prop_assert_eq!(sentence_end(b, from), reference_sentence_end(b, from));
        }
    }
}

/// `is_stop` as it was before it compared packed abbreviations: the whole
/// word before a dot, compared with each.
fn reference_is_stop(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'!' | b'?' => true,
        b'.' => {
            if !b.get(i + 1).is_some_and(|c| c.is_ascii_whitespace()) {
                return false;
            }
            let mut s = i;
            while s > 0 && b[s - 1].is_ascii_alphabetic() {
                s -= 1;
            }
            let w = &b[s..i];
            !(w.len() == 1 || ABBREV.iter().any(|a| a.as_bytes().eq_ignore_ascii_case(w)))
        }
        _ => false,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn is_stop_agrees_with_the_abbreviation_list(
        text in "([a-zA-Z]{1,12}|Mr|mrs|DR|Sept|jan|u\\.s|No|a|p|m|Co|Corp|[ \n.!?,]|\\. |é){0,40}",
    ) {
        let b = text.as_bytes();
        for i in 0..b.len() {
            proptest::prop_assert_eq!(is_stop(b, i), reference_is_stop(b, i), "{:?} at {}", text, i);
        }
    }
}

#[test]
fn is_stop_knows_every_abbreviation() {
    for a in ABBREV {
        for w in [a.to_string(), a.to_ascii_uppercase()] {
            let text = format!("the {w}. next");
            let b = text.as_bytes();
            let at = 4 + w.len();
            assert_eq!(is_stop(b, at), reference_is_stop(b, at), "{text:?}");
        }
    }
    assert!(!is_stop(b"Mr. Smith", 2));
    assert!(is_stop(b"in Mrs. Smith's house. Then", 21));
    assert!(is_stop(b"a longabbreviation. Next", 18));
}

/// Every byte value next to each stop byte and at each place in a chunk:
/// [`stop_bytes`] never misses one.
#[test]
fn stop_bytes_misses_no_stop() {
    for stop in [b'\n', b'!', b'?', b'.'] {
        for other in 0..=255u8 {
            for k in 0..8 {
                let mut chunk = [other; 8];
                chunk[k] = stop;
                assert_ne!(stop_bytes(u64::from_le_bytes(chunk)), 0, "{chunk:?}");
            }
        }
    }
}

/// Every byte value at each place in a chunk, among every other:
/// [`stop_bytes_exact`] marks the stop bytes and nothing else (the
/// sentence scans jump to the first or last byte it marks).
#[test]
fn stop_bytes_exact_marks_the_stops_alone() {
    for other in 0..=255u8 {
        for v in 0..=255u8 {
            for k in 0..8 {
                let mut chunk = [other; 8];
                chunk[k] = v;
                let want = chunk.iter().enumerate().fold(0u64, |m, (j, c)| {
                    if matches!(c, b'\n' | b'!' | b'?' | b'.') {
                        m | 0x80 << (8 * j)
                    } else {
                        m
                    }
                });
                assert_eq!(
                    stop_bytes_exact(u64::from_le_bytes(chunk)),
                    want,
                    "{chunk:?}"
                );
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn stop_bytes_exact_agrees_with_a_byte_at_a_time(x in proptest::num::u64::ANY) {
        let want = x.to_le_bytes().iter().enumerate().fold(0u64, |m, (j, c)| {
            if matches!(c, b'\n' | b'!' | b'?' | b'.') {
                m | 0x80 << (8 * j)
            } else {
                m
            }
        });
        proptest::prop_assert_eq!(stop_bytes_exact(x), want);
    }
}

/// `point_fraction` as it was before its digits-only fast path: the
/// parse of "0." and the digits.
fn reference_point_fraction(digits: &str) -> Option<f64> {
    format!("0.{digits}").parse().ok()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
    #[test]
    fn point_fraction_agrees_with_the_parse(
        digits in "([0-9]{0,40}|[0-9]{0,6}[eE][+-]?[0-9]{0,3}|[0-9]{1,4}(bn|m|k|%|e|E|\\.5|-|\\+)|\\PC{0,6})"
    ) {
        let want = reference_point_fraction(&digits).map(f64::to_bits);
        proptest::prop_assert_eq!(point_fraction(&digits).map(f64::to_bits), want, "{:?}", digits);
    }
}

/// Every fraction of up to six digits, and the longest the fast path
/// takes: the division rounds as the parse does.
#[test]
fn point_fraction_agrees_on_every_short_fraction() {
    for n in 0..1_000_000u64 {
        for width in [6usize, 15] {
            let digits = format!("{n:0width$}");
            assert_eq!(
                point_fraction(&digits).map(f64::to_bits),
                reference_point_fraction(&digits).map(f64::to_bits),
                "{digits}"
            );
        }
    }
}

/// [`Parser::phrase_match`] as it was before the phrases' words were
/// packed at load: the first word looked up by its lower-cased letters,
/// each further word compared by [`Parser::is`].
fn reference_phrase_match(p: &Parser, i: usize) -> Option<(usize, lexicon::Holiday)> {
    let starts = p.phrase_first.get(p.lower(i).as_str())?;
    let ph = starts.iter().filter_map(|&k| p.phrases.get(k)).find(|ph| {
        ph.toks.iter().enumerate().skip(1).all(|(k, w)| {
            p.tok(i + k).is_some_and(|t| match t.punct {
                Some(c) => w.len() == c.len_utf8() && w.starts_with(c),
                None => w.len() <= 16 && p.is(i + k, w),
            })
        })
    })?;
    Some((i + ph.toks.len(), ph.h))
}

/// Checks, at every token of `text` (and past its end), that
/// [`Parser::phrase_match`] finds what [`reference_phrase_match`] finds,
/// and that [`Parser::base`], called at the tokens in the order `order`
/// gives (with repeats), answers as [`Parser::base_at`] of a parser
/// without failures kept. Answers how many phrases matched.
fn check_phrases_and_bases(text: &str, order: &[usize]) -> usize {
    let tagger = tagger();
    let toks = tagger.tokenize(text);
    let p = tagger.parser(text, &toks);
    let fresh = tagger.parser(text, &toks);
    let mut matched = 0;
    for i in 0..toks.len() + 2 {
        let found = p.phrase_match(i);
        assert_eq!(
            found,
            reference_phrase_match(&p, i),
            "token {i} of {text:?}"
        );
        matched += usize::from(found.is_some());
    }
    let n = toks.len() + 2;
    let at = (0..n)
        .chain(order.iter().map(|k| k % n))
        .chain((0..n).rev());
    for i in at {
        assert_eq!(p.base(i), fresh.base_at(i), "base at token {i} of {text:?}");
    }
    matched
}

/// The table's cases, read in order and again at random.
#[test]
fn phrases_and_kept_failures_agree_in_the_cases() {
    let mut matched = 0;
    for (k, line) in CASES.lines().enumerate() {
        if let Some(t) = line.strip_prefix("text: ") {
            let order: Vec<usize> = (0..40).map(|j| (j * 7 + k * 13) % 41).collect();
            matched += check_phrases_and_bases(&t.replace("\\n", "\n"), &order);
        }
    }
    // the cases name holidays of several words
    assert!(matched > 20, "phrases matched: {matched}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// Word salad from the grammar's own words, phrases and holiday names
    /// among them, in any case: the packed phrase look-up finds the
    /// phrases the spelled one finds, and a kept failure of `base` is
    /// one, whatever order the starts come in.
    #[test]
    fn phrases_and_kept_failures_agree_in_word_salad(
        words in proptest::collection::vec(proptest::sample::select(gate_vocabulary()), 1..12),
        glue in proptest::collection::vec(0u8..4, 12),
        order in proptest::collection::vec(0usize..64, 0..40),
    ) {
        let mut text = String::new();
        for (k, w) in words.iter().enumerate() {
            match glue[k] {
                _ if k == 0 => {}
                0 => {}
                1 => text.push_str(", "),
                _ => text.push(' '),
            }
            if glue[k] == 3 {
                text.push_str(&w.to_ascii_uppercase());
            } else {
                text.push_str(w);
            }
        }
        check_phrases_and_bases(&text, &order);
    }
}

/// Every token of the first 1,000 articles of the benchmark corpus, when
/// present.
#[test]
fn phrases_and_kept_failures_agree_in_the_bench_corpus() {
    let Some(texts) = bench_texts(1000) else {
        return;
    };
    let mut matched = 0;
    for text in texts {
        matched += check_phrases_and_bases(&text, &[]);
    }
    assert!(matched > 0, "no phrase in 1,000 articles");
}
