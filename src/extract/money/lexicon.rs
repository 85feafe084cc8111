//! The currency lexicon: every surface that names a currency or a percentage,
//! built once from the compiled-in tables under `data/money/`.
//!
//! `currencies.tsv` and `symbols.tsv` are generated from CLDR and ISO 4217 by
//! `scripts/gen_currencies.py`; `hand.tsv` is maintained by hand and wins over
//! both. From the names this module derives the bare nouns ("dollars",
//! "pesetas"): a noun shared by several current currencies means only what
//! `hand.tsv` says it means by default, or nothing.

use std::collections::{HashMap, HashSet};

const CURRENCIES: &str = include_str!("../../../data/money/currencies.tsv");
const SYMBOLS: &str = include_str!("../../../data/money/symbols.tsv");
const HAND: &str = include_str!("../../../data/money/hand.tsv");

/// ISO codes also written in lower case in running (or lower-cased) text.
/// Other codes are matched in upper case only: "all", "top", "try", "cup" are
/// English words.
const LOWERCASE_CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "cad", "aud", "chf", "hkd", "mxn", "nzd",
    "sgd", "krw", "rub", "brl", "zar", "sek", "nok", "dkk", "pln", "twd", "myr", "idr", "thb",
    "php", "egp", "aed", "sar", "qar", "kwd", "mnt", "uah", "lkr", "pkr", "ngn", "kes", "ils",
    "huf", "czk", "xbt", "btc",
];

/// How a lexicon entry is written, which decides where it may stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// `$`, `€`, `HK$`, `zł`: before or after the number, glued or spaced.
    Symbol,
    /// `USD`, `EUR`: before or after the number, glued or spaced.
    Code,
    /// "dollars", "Hong Kong dollars": after the number.
    Name,
    /// `%`, "percent", "per cent", "pct".
    Percent,
    /// "percentage point(s)".
    Points,
    /// "basis points", "bp": hundredths of a percentage point.
    Basis,
    /// " in " of "one in two" (a share read as a percentage).
    Ratio,
    /// "half of", "thirds of": a fraction read as a percentage.
    Fraction,
}

/// What an entry means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub class: Class,
    /// ISO code; `None` for percentages and for minor units of whatever
    /// currency they follow.
    pub code: Option<&'static str>,
    /// A minor unit (cents, pence): the number is hundredths.
    pub minor: bool,
    /// A name that is also an everyday word ("won", "real"): needs support.
    pub weak: bool,
    /// The bare noun of a family ("dollars"), not a full name ("Canadian
    /// dollars"): a following country adjective may refine it.
    pub bare: bool,
}

/// One surface form and the case rule that goes with it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// As written in the table.
    pub form: String,
    /// Must match byte for byte (codes, all-letter symbols); otherwise ASCII
    /// case-insensitively.
    pub case_sensitive: bool,
    pub unit: Unit,
}

/// All entries, grouped by lower-cased surface (one automaton pattern each).
pub struct Lexicon {
    /// Lower-cased surface → entries sharing it ("usd": the code in both cases).
    pub patterns: Vec<(String, Vec<Entry>)>,
    /// Country adjective → code for currencies that use `$` ("Canadian" → CAD),
    /// so that "$5 million Canadian" and "$5 million (US)" can be read.
    pub dollar_adjectives: HashMap<String, &'static str>,
}

fn leak(s: &str) -> &'static str {
    // The lexicon is built once per process; codes are three letters.
    Box::leak(s.to_string().into_boxed_str())
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// Drops a parenthesised qualifier from a historic name: "Afghan afghani (1927–2002)".
fn base_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}

impl Lexicon {
    pub fn build() -> Lexicon {
        let mut codes: HashMap<&'static str, &'static str> = HashMap::new(); // code → status
        let mut names: Vec<(String, &'static str, bool)> = Vec::new(); // name, code, current
        let mut qualified: HashSet<(&'static str, String)> = HashSet::new();
        for r in rows(CURRENCIES) {
            let [code, status, one, other] = r[..] else {
                continue;
            };
            let code = leak(code);
            codes.insert(code, status);
            let current = status == "current";
            for name in [one, other] {
                if base_name(name) != name {
                    qualified.insert((code, base_name(name).to_string()));
                }
                names.push((base_name(name).to_string(), code, current));
            }
        }
        let mut hand: Vec<(String, Option<&'static str>, &'static str)> = Vec::new();
        for r in rows(HAND) {
            let [surface, code, kind] = r[..] else {
                continue;
            };
            let code = if code == "-" { None } else { Some(leak(code)) };
            hand.push((surface.to_string(), code, kind));
        }
        let dropped: HashSet<String> = hand
            .iter()
            .filter(|h| h.2 == "drop")
            .map(|h| h.0.to_ascii_lowercase())
            .collect();

        let mut map: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |form: &str, case_sensitive: bool, unit: Unit, replace: bool| {
            let key = form.to_ascii_lowercase();
            let list = map.entry(key).or_default();
            if replace {
                list.retain(|e| e.form != form);
            } else if list
                .iter()
                .any(|e| e.form == form || (!e.case_sensitive && !case_sensitive))
            {
                return;
            }
            list.push(Entry {
                form: form.to_string(),
                case_sensitive,
                unit,
            });
        };
        let money = |class, code: &'static str| Unit {
            class,
            code: Some(code),
            minor: false,
            weak: false,
            bare: false,
        };

        // Codes: upper case always; lower case for the common ones.
        for &code in codes.keys() {
            add(code, true, money(Class::Code, code), false);
            let lower = code.to_ascii_lowercase();
            if LOWERCASE_CODES.contains(&lower.as_str()) {
                add(&lower, true, money(Class::Code, code), false);
            }
        }
        // Full names ("Hong Kong dollars"), current currencies first so that
        // a historic name never shadows a current one.
        // Current currencies first, then names that were not qualified in
        // CLDR: "Belgian franc" is BEF, not "Belgian franc (convertible)" BEC.
        let mut ordered = names.clone();
        ordered.sort_by_key(|n| (!n.2, qualified.contains(&(n.1, n.0.clone()))));
        let mut dollar_adjectives = HashMap::new();
        for (name, code, _) in &ordered {
            if name.contains(' ') {
                add(name, false, money(Class::Name, code), false);
                // Written run together in chat and some tokenisers: "usdollars".
                add(
                    &name.replace(' ', ""),
                    false,
                    money(Class::Name, code),
                    false,
                );
                if let Some(adj) = name.strip_suffix(" dollar") {
                    dollar_adjectives
                        .entry(adj.to_ascii_lowercase())
                        .or_insert(*code);
                }
            }
        }
        for (adj, code) in [
            ("us", "USD"),
            ("u.s.", "USD"),
            ("american", "USD"),
            ("taiwan", "TWD"),
        ] {
            dollar_adjectives.insert(adj.to_string(), code);
        }
        // Bare nouns: the last word of each name, meaningful when one current
        // currency (or, failing that, one historic currency) owns it.
        let mut owners: HashMap<String, (HashSet<&'static str>, HashSet<&'static str>)> =
            HashMap::new();
        for (name, code, current) in &names {
            // X-codes are metals, funds and units of account ("troy ounce of
            // silver", "special drawing rights"): their last word is no currency.
            if code.starts_with('X') || *code == "ECV" {
                continue;
            }
            let last = name.rsplit(' ').next().unwrap_or(name).to_ascii_lowercase();
            if last.chars().count() < 3 || !last.chars().all(char::is_alphabetic) {
                continue;
            }
            let e = owners.entry(last).or_default();
            if *current {
                e.0.insert(code);
            } else {
                e.1.insert(code);
            }
        }
        let mut owner_list: Vec<_> = owners.into_iter().collect();
        owner_list.sort_by(|a, b| a.0.cmp(&b.0));
        for (noun, (cur, hist)) in owner_list {
            if dropped.contains(&noun) {
                continue;
            }
            let only = if cur.len() == 1 {
                cur.into_iter().next()
            } else if cur.is_empty() && hist.len() == 1 {
                hist.into_iter().next()
            } else {
                None
            };
            if let Some(code) = only {
                add(
                    &noun,
                    false,
                    Unit {
                        bare: true,
                        ..money(Class::Name, code)
                    },
                    false,
                );
            }
        }
        // Symbols: generated, then the hand table.
        for r in rows(SYMBOLS) {
            let [sym, code] = r[..] else { continue };
            if dropped.contains(&sym.to_ascii_lowercase()) {
                continue;
            }
            let Some(code) = codes.get_key_value(code).map(|(k, _)| *k) else {
                continue;
            };
            add(sym, is_wordlike(sym), money(Class::Symbol, code), false);
        }
        for (surface, code, kind) in &hand {
            let unit = match (*kind, code) {
                ("sym", Some(c)) => money(Class::Symbol, c),
                ("code", Some(c)) => money(Class::Code, c),
                ("name", Some(c)) => money(Class::Name, c),
                ("default", Some(c)) => Unit {
                    bare: true,
                    ..money(Class::Name, c)
                },
                ("weak", Some(c)) => Unit {
                    bare: true,
                    weak: true,
                    ..money(Class::Name, c)
                },
                ("minor", c) => Unit {
                    class: Class::Name,
                    code: *c,
                    minor: true,
                    weak: false,
                    bare: false,
                },
                _ => continue,
            };
            let cs = match unit.class {
                Class::Symbol => is_wordlike(surface),
                Class::Code => true,
                _ => false,
            };
            add(surface, cs, unit, true);
            if matches!(*kind, "code") {
                add(
                    &surface.to_ascii_lowercase(),
                    true,
                    money(Class::Code, code.unwrap_or("XXX")),
                    false,
                );
            }
        }
        let pct = |class| Unit {
            class,
            code: None,
            minor: false,
            weak: false,
            bare: false,
        };
        for p in [
            "%", "％", "percent", "per cent", "per-cent", "pct", "percents", "pc",
        ] {
            add(p, p == "pc", pct(Class::Percent), false);
        }
        for p in [
            "percentage point",
            "percentage points",
            "percent point",
            "percent points",
            "per cent points",
        ] {
            add(p, false, pct(Class::Points), false);
        }
        for p in ["basis point", "basis points", "bp", "bps"] {
            // "BP" is an oil company: the short forms count in lower case only.
            add(p, p.len() < 4, pct(Class::Basis), false);
        }
        add(" in ", false, pct(Class::Ratio), false);
        for f in ["half", "third", "quarter", "fourth", "fifth", "tenth"] {
            add(&format!("{f} of"), false, pct(Class::Fraction), false);
            let plural = if f == "half" {
                "halves".to_string()
            } else {
                format!("{f}s")
            };
            add(&format!("{plural} of"), false, pct(Class::Fraction), false);
        }
        let mut patterns: Vec<(String, Vec<Entry>)> =
            map.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        patterns.sort_by(|a, b| a.0.cmp(&b.0));
        Lexicon {
            patterns,
            dollar_adjectives,
        }
    }
}

/// Symbols made only of letters ("Rs", "zł", "RM") are matched
/// case-sensitively: in other cases they are ordinary words. A dot between
/// letters ("L.E.") is a mark of an abbreviation in any case.
fn is_wordlike(s: &str) -> bool {
    let inner_dot = s.trim_end_matches('.').contains('.');
    !inner_dot && s.chars().all(|c| c.is_alphabetic() || c == '.' || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(lex: &'a Lexicon, s: &str) -> Vec<&'a Entry> {
        lex.patterns
            .iter()
            .filter(|p| p.0 == s)
            .flat_map(|p| p.1.iter())
            .collect()
    }

    #[test]
    fn tables_load_and_resolve() {
        let lex = Lexicon::build();
        assert!(lex.patterns.len() > 500, "{}", lex.patterns.len());
        let code = |s: &str| lookup(&lex, s).first().and_then(|e| e.unit.code);
        assert_eq!(code("dollars"), Some("USD"));
        assert_eq!(code("hong kong dollars"), Some("HKD"));
        assert_eq!(code("pesetas"), Some("ESP"));
        assert_eq!(code("german marks"), Some("DEM"));
        assert_eq!(code("ringgit"), Some("MYR"));
        assert_eq!(code("c$"), Some("CAD"));
        assert_eq!(code("₹"), Some("INR"));
        assert!(lookup(&lex, "mark").is_empty());
        assert_eq!(lex.dollar_adjectives.get("canadian"), Some(&"CAD"));
    }
}
