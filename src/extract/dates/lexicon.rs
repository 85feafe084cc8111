//! The word lists of `data/dates/`, compiled in and parsed once.
//!
//! `lexicon.tsv` maps a lower-case word to its category (month, weekday,
//! unit, ...); `tense.tsv` lists the verbs and adverbs that tell whether a
//! sentence reports the past or announces the future. A malformed line is
//! skipped (and caught by the unit tests), never a panic.

use super::hebrew::Shift;
pub use crate::hash::pack_letters;
use crate::hash::PackedTable;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// The lexicon's tables, hashed with FNV-1a ([`crate::hash`]).
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<crate::hash::Fnv1a>>;

const LEXICON: &str = include_str!("../../../data/dates/lexicon.tsv");
const TENSE: &str = include_str!("../../../data/dates/tense.tsv");
const LUNISOLAR: &str = include_str!("../../../data/dates/lunisolar.tsv");
const UMM_AL_QURA: &str = include_str!("../../../data/dates/ummalqura.tsv");

/// A table of `lunisolar.tsv`: its name and its day (month, day) by
/// Gregorian year.
type DayTable = (&'static str, FxHashMap<i32, (i8, i8)>);

/// The tables of `lunisolar.tsv`, in the order of their first rows: a
/// [`Holiday::Table`] is an index into this list. Parsed once, on the first
/// lookup.
fn tables() -> &'static [DayTable] {
    static TABLES: OnceLock<Vec<DayTable>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tables: Vec<DayTable> = Vec::new();
        for row in rows(LUNISOLAR) {
            let (Some(&name), Some(Some((y, m, d)))) = (row.first(), row.get(1).map(|d| ymd(d)))
            else {
                continue;
            };
            let k = match tables.iter().position(|(n, _)| *n == name) {
                Some(k) => k,
                None => {
                    tables.push((name, FxHashMap::default()));
                    tables.len() - 1
                }
            };
            tables[k].1.insert(y, (m, d));
        }
        tables
    })
}

/// A Gregorian day: year, month, day.
type Ymd = (i32, i8, i8);

/// "2026-11-08" as (2026, 11, 8).
fn ymd(s: &str) -> Option<Ymd> {
    let mut parts = s.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((y, m, d))
}

/// The first days of the months of the Umm al-Qura calendar, from month 1
/// of the first year of `ummalqura.tsv`, and that year.
fn umm_al_qura() -> &'static (i64, Vec<Ymd>) {
    static MONTHS: OnceLock<(i64, Vec<Ymd>)> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let mut first_year = None;
        let mut months = Vec::new();
        for row in rows(UMM_AL_QURA) {
            let (Some((hy, m)), Some(Some(day))) = (
                row.first().and_then(|k| k.split_once('-')),
                row.get(1).map(|d| ymd(d)),
            ) else {
                continue;
            };
            let (Ok(hy), Ok(m)) = (hy.parse::<i64>(), m.parse::<i64>()) else {
                continue;
            };
            let first = *first_year.get_or_insert(hy);
            // rows are in order, one per month: a gap would shift every
            // later month, so the table stops there
            if (hy - first) * 12 + m - 1 != months.len() as i64 {
                break;
            }
            months.push(day);
        }
        (first_year.unwrap_or(0), months)
    })
}

/// The first day (year, month, day) of month `m` of Hijri year `hy` in the
/// Umm al-Qura calendar, the one most Islamic holidays are reported on;
/// None outside `ummalqura.tsv` (1343-1500 AH).
pub fn umm_al_qura_month(hy: i64, m: i64) -> Option<Ymd> {
    let (first, months) = umm_al_qura();
    if !(1..=12).contains(&m) || hy < *first {
        return None;
    }
    let k = usize::try_from((hy - first) * 12 + m - 1).ok()?;
    months.get(k).copied()
}

/// The day (month, day) in Gregorian year `y` of the lunisolar holiday
/// `table` (see `data/dates/lunisolar.tsv`); None outside the table's years.
pub fn table_day(table: u8, y: i32) -> Option<(i8, i8)> {
    tables().get(usize::from(table))?.1.get(&y).copied()
}

/// A calendar unit, as in "three *weeks* ago" or "every *month*".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "FN" => Unit::Fortnight,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "WE" => Unit::Weekend,
            _ => return None,
        })
    }

    /// The ISO 8601 duration of `n` of this unit: `P3M`, `PT2H`, `P10Y`.
    /// `n` None gives the TIMEX3 "unknown count" form `PXM`.
    pub fn duration(self, n: Option<f64>) -> String {
        self.duration_split(n, true)
    }

    /// A fractional count kept as a decimal of the unit: "1.5 hours",
    /// "one and a half hours" are PT1.5H.
    pub fn duration_decimal(self, n: Option<f64>) -> String {
        self.duration_split(n, false)
    }

    fn duration_split(self, n: Option<f64>, split: bool) -> String {
        // Half units are written in the next smaller unit: "2 1/2 years"
        // is P2Y6M, as TIMEX3 annotators write it.
        if let Some(v) = n.filter(|v| split && v.fract() == 0.5 && *v < 1e9) {
            let whole = v.trunc() as i64;
            let w = |s: String| if whole == 0 { String::new() } else { s };
            match self {
                Unit::Year => return format!("P{}6M", w(format!("{whole}Y"))),
                Unit::Day => return format!("P{}T12H", w(format!("{whole}D"))),
                Unit::Hour => return format!("PT{}30M", w(format!("{whole}H"))),
                Unit::Minute => return format!("PT{}30S", w(format!("{whole}M"))),
                _ => {}
            }
        }
        // the designator before the count, the count's factor (a decade is
        // ten years: TIMEX3 writes "two decades" as P20Y) and the unit
        // after it
        let (pre, k, unit) = match self {
            Unit::Second => ("PT", 1.0, "S"),
            Unit::Minute => ("PT", 1.0, "M"),
            Unit::Hour => ("PT", 1.0, "H"),
            Unit::Day => ("P", 1.0, "D"),
            Unit::Week => ("P", 1.0, "W"),
            Unit::Fortnight => ("P", 2.0, "W"),
            Unit::Month => ("P", 1.0, "M"),
            Unit::Quarter => ("P", 1.0, "Q"),
            Unit::Year => ("P", 1.0, "Y"),
            Unit::Decade if n.is_some() => ("P", 10.0, "Y"),
            Unit::Century if n.is_some() => ("P", 100.0, "Y"),
            Unit::Decade => return "PXDE".into(),
            Unit::Century => return "PXCE".into(),
            Unit::Weekend => ("P", 1.0, "WE"),
        };
        // written into one buffer: a `format!` for the count and another
        // for the whole cost more than the rest of a duration's parse
        let mut out = String::with_capacity(16);
        out.push_str(pre);
        match n {
            Some(v) => {
                let x = v * k;
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    out.push_str(itoa::Buffer::new().format(x as i64));
                } else {
                    use std::fmt::Write;
                    // writing to a `String` cannot fail
                    let _ = write!(out, "{x}");
                }
            }
            None => out.push('X'),
        }
        out.push_str(unit);
        out
    }
}

/// How a holiday's date is found in a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    Fixed(i8, i8),
    /// The n-th weekday (1 = Monday) of a month: Thanksgiving is (11, 4, 4).
    Nth(i8, i8, i8),
    /// The last weekday of a month: Memorial Day is (5, 1).
    Last(i8, i8),
    /// Days from Western Easter Sunday.
    Easter(i8),
    /// Days from Orthodox Easter Sunday.
    Orthodox(i8),
    /// Days after the n-th weekday of a month: Black Friday is (11, 4, 4, 1).
    NthPlus(i8, i8, i8, i8),
    /// A fixed day moved to the nearest weekday when it falls on a weekend
    /// (Saturday to Friday, Sunday to Monday).
    Observed(i8, i8),
    /// A fixed day moved to the Saturday before when it falls on a Sunday.
    NotSunday(i8, i8),
    /// A day (month, day) of the Islamic calendar: the first such day in
    /// the Gregorian year.
    Hijri(i8, i8),
    /// The last weekday (1 = Monday) of a month of the Islamic calendar:
    /// Jumu'atul-Wida, the last Friday of Ramadan, is (9, 5).
    HijriLast(i8, i8),
    /// A month of the Islamic calendar ("Ramadan"): its first day as a
    /// point, all its days as a range.
    HijriMonth(i8),
    /// A lunisolar holiday looked up by year in `lunisolar.tsv` (index
    /// into [`tables`]), and a number of days after that day: "Chinese New
    /// Year" is (cny, 0), "Mattu Pongal" (pongal, 1).
    Table(u8, i8),
    /// A holiday of the Hebrew calendar: month (Nisan = 1, Adar = 12, Adar
    /// II in a leap year), day, length in days, postponement rule. Its day
    /// is the point; it is kept from sunset on the eve, so its range runs
    /// from the eve to its last day ("Hanukkah 2018": 2 to 10 December).
    Hebrew(i8, i8, i8, Shift),
}

/// A holiday named by several words ("black friday", "boss's day"): its
/// tokens, lower case, punctuation as its own token.
pub struct Phrase {
    pub toks: Vec<String>,
    /// [`pack_letters`] of each of `toks`, packed once here: the grammar
    /// compares a token's key with it where it packed each word again at
    /// every try.
    pub keys: Vec<Option<u64>>,
    pub h: Holiday,
}

/// Splits a phrase the way the tokenizer splits text.
fn phrase_toks(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in p.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    Last,
    Next,
    This,
}

impl Rel {
    /// Units from the reference time: "last" −1, "next" +1, "this" 0.
    pub fn offset(self) -> i8 {
        match self {
            Rel::Last => -1,
            Rel::Next => 1,
            Rel::This => 0,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Lex {
    Month(i8),
    Weekday(i8),
    /// "Mondays": a set, or a weekday in the past.
    Weekdays(i8),
    Unit(Unit),
    Card(u32),
    Tens(u32),
    Ord(u32),
    Season(Code),
    Pod(Code),
    /// A clock word: "noon" is 12.
    Clock(i8),
    Rel(Rel),
    Deictic(i8),
    Ref(Code),
    Set(Code),
    Holiday(Holiday),
    /// The first word of a holiday phrase (see [`Phrase`]).
    Phrase,
    /// "nineties": a TIMEX3 decade (199).
    Decade(i32),
    /// Also what fills the empty slots of the table of short words, never
    /// read: a table of `Lex` rather than of `Option<Lex>` answers a
    /// word's entry without the tokenizer unwrapping two options.
    #[default]
    Kw,
}

/// The TIMEX3 value a season, part of day, reference or set word stands
/// for ("SU", "AF", "PAST_REF", "P1W"), as its index in [`CODES`]: a
/// string would make every token's [`Lex`] three times as large, and the
/// tokenizer writes one per word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code(u8);

/// Every value `lexicon.tsv` gives a season, part of day, reference or set
/// word (an entry with another is malformed, see `every_line_parses`).
const CODES: &[&str] = &[
    "SP",
    "SU",
    "FA",
    "WI",
    "MO",
    "AF",
    "EV",
    "NI",
    "PAST_REF",
    "PRESENT_REF",
    "FUTURE_REF",
    "PT1H",
    "P1D",
    "P1W",
    "P2W",
    "P1M",
    "P0.5Y",
    "P1Y",
];

impl Code {
    fn of(v: &str) -> Option<Code> {
        let k = CODES.iter().position(|c| *c == v)?;
        Some(Code(u8::try_from(k).ok()?))
    }

    pub fn as_str(self) -> &'static str {
        // a `Code` is only made by `of`, from an index into `CODES`
        CODES.get(usize::from(self.0)).copied().unwrap_or("")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// The words the tense scan treats apart, besides the tense cues of
/// `tense.tsv`: after the date, a subordinate clause ("said Sunday that
/// Israel wants to ...") has its own verb, and so has a clause opened by a
/// reporting participle ("issued a statement Friday saying the treaty will
/// ...").
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "because", "but", "while", "if", "unless", "although", "whether",
    "saying", "adding", "noting", "warning", "arguing", "claiming",
];
/// "plans to", "expected to", "is set to": an intention, so the future.
const INTENT_VERBS: &[&str] = &[
    "plan", "plans", "planned", "planning", "expected", "expects", "expect", "set", "due",
    "slated", "aims", "intends", "hopes", "wants",
];

/// A word's part in the tense scan (see [`Lexicon::cue`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cue {
    /// Listed in `tense.tsv`.
    pub tense: Option<Tense>,
    /// Starts a subordinate clause ([`SUBORDINATORS`]).
    pub subordinator: bool,
    /// "be", "being": a passive or perfect auxiliary.
    pub auxiliary: bool,
    /// An intention when "to" follows ([`INTENT_VERBS`]).
    pub intent: bool,
    /// "next": a place in "next to".
    pub next: bool,
    /// "hundred": ends in "ed" without being a past form.
    pub not_past: bool,
}

pub struct Lexicon {
    /// For each pair of leading letters, a bit per word length present:
    /// most words of a text are ruled out without hashing.
    prefix: Vec<u32>,
    /// The same for the words the tense scan looks for (see
    /// [`Lexicon::cue_at`]).
    cue_prefix: Vec<u32>,
    /// Keyed by bytes: the tagger looks words up from a lower-cased byte
    /// buffer, with no UTF-8 check per word.
    pub words: FastMap<&'static [u8], Lex>,
    /// The entries of `words` of at most eight lower-case letters, keyed by
    /// [`pack_letters`]: the tokenizer looks up every word of letters, and
    /// one multiply hashes a packed key where FNV-1a walks the bytes and
    /// the length.
    short: PackedTable<Lex>,
    pub tense: FastMap<&'static [u8], Tense>,
    /// What the tense scan needs to know of a word of at most eight
    /// letters (or an apostrophe and letters), keyed by [`pack_letters`].
    cues: PackedTable<Cue>,
    /// Holidays of several words, longest first.
    pub phrases: Vec<Phrase>,
    /// For each first word of a phrase, the phrases it starts, in order.
    pub phrase_first: FastMap<String, Vec<usize>>,
    /// `phrase_first` for the first words of up to eight letters, by
    /// [`pack_letters`]: the phrases' indices in `phrase_order[a..b]` for
    /// `(a, b)`. A word token carries its key, so the look-up is one probe
    /// where the map hashed the word's letters one by one.
    pub phrase_first_packed: PackedTable<(u32, u32)>,
    pub phrase_order: Vec<usize>,
    /// Words that make a holiday before them the name of an event or a
    /// document ("the Good Friday Agreement", "the Easter Rising").
    pub names: Vec<&'static str>,
}

fn parse_holiday(v: &str) -> Option<Holiday> {
    let parts: Vec<&str> = v.split(':').collect();
    let n = |s: &str| s.parse::<i8>().ok();
    match parts.as_slice() {
        ["nth", m, wd, k] => Some(Holiday::Nth(n(m)?, n(wd)?, n(k)?)),
        ["last", m, wd] => Some(Holiday::Last(n(m)?, n(wd)?)),
        ["easter", off] => Some(Holiday::Easter(n(off)?)),
        ["table", name, off @ ..] if off.len() <= 1 => Some(Holiday::Table(
            u8::try_from(tables().iter().position(|(t, _)| t == name)?).ok()?,
            match off.first() {
                Some(o) => n(o)?,
                None => 0,
            },
        )),
        ["orthodox", off] => Some(Holiday::Orthodox(n(off)?)),
        ["nth", m, wd, k, off] => Some(Holiday::NthPlus(n(m)?, n(wd)?, n(k)?, n(off)?)),
        ["observed", m, d] => Some(Holiday::Observed(n(m)?, n(d)?)),
        ["notsunday", m, d] => Some(Holiday::NotSunday(n(m)?, n(d)?)),
        ["hijrimonth", m] => {
            Some(Holiday::HijriMonth(n(m)?)).filter(|_| n(m).is_some_and(|m| (1..=12).contains(&m)))
        }
        ["hebrew", m, d, rest @ ..] if rest.len() <= 2 => {
            let len = match rest.first() {
                Some(l) => n(l)?,
                None => 1,
            };
            let shift = match rest.get(1) {
                Some(r) => Shift::parse(r)?,
                None => Shift::None,
            };
            let (m, d) = (n(m)?, n(d)?);
            ((1..=13).contains(&m) && (1..=30).contains(&d) && (1..=10).contains(&len))
                .then_some(Holiday::Hebrew(m, d, len, shift))
        }
        ["hijrilast", m, wd] => Some(Holiday::HijriLast(n(m)?, n(wd)?)).filter(|_| {
            n(m).is_some_and(|m| (1..=12).contains(&m))
                && n(wd).is_some_and(|d| (1..=7).contains(&d))
        }),
        ["hijri", m, d] => Some(Holiday::Hijri(n(m)?, n(d)?)).filter(|_| {
            n(m).is_some_and(|m| (1..=12).contains(&m))
                && n(d).is_some_and(|d| (1..=30).contains(&d))
        }),
        [md] => {
            let (m, d) = md.split_once('-')?;
            Some(Holiday::Fixed(n(m)?, n(d)?))
        }
        _ => None,
    }
}

fn parse_entry(cat: &str, v: &'static str) -> Option<Lex> {
    let int = || v.parse::<i64>().ok();
    Some(match cat {
        "month" => Lex::Month(int()? as i8),
        "weekday" => Lex::Weekday(int()? as i8),
        "weekdays" => Lex::Weekdays(int()? as i8),
        "unit" => Lex::Unit(Unit::parse(v)?),
        "card" => Lex::Card(int()? as u32),
        "tens" => Lex::Tens(int()? as u32),
        "ord" => Lex::Ord(int()? as u32),
        "season" => Lex::Season(Code::of(v)?),
        "pod" => Lex::Pod(Code::of(v)?),
        "clock" => Lex::Clock(int()? as i8),
        "rel" => Lex::Rel(match v {
            "last" => Rel::Last,
            "next" => Rel::Next,
            "this" => Rel::This,
            _ => return None,
        }),
        "deictic" => Lex::Deictic(int()? as i8),
        "ref" => Lex::Ref(Code::of(v)?),
        "set" => Lex::Set(Code::of(v)?),
        "holiday" => Lex::Holiday(parse_holiday(v)?),
        "decade" => Lex::Decade(v.parse().ok()?),
        "kw" => Lex::Kw,
        _ => return None,
    })
}

/// [`pack_letters`] of the word `text[s..e]`, a run of ASCII letters, when
/// eight bytes can be read from `s`: one load and a mask instead of a byte
/// at a time. `None` otherwise (a longer word, or too near the end).
#[inline]
pub fn pack_letters_at(text: &[u8], s: usize, e: usize) -> Option<u64> {
    let len = e.saturating_sub(s);
    if !(1..=8).contains(&len) {
        return None;
    }
    let chunk = <[u8; 8]>::try_from(text.get(s..s + 8)?).ok()?;
    let mask = u64::MAX >> (8 * (8 - len));
    Some((u64::from_le_bytes(chunk) | 0x2020_2020_2020_2020) & mask)
}

/// `word` lower-cased into `buf`; none when longer than the buffer (no
/// listed word is).
fn lowered<'b>(word: &[u8], buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let lower = buf.get_mut(..word.len())?;
    for (b, c) in lower.iter_mut().zip(word) {
        *b = c.to_ascii_lowercase();
    }
    Some(lower)
}

/// The entry of `w` (lower-case letters, maybe an apostrophe) in the
/// tense scan's table, made on first use.
fn cue_slot<'m>(cues: &'m mut rustc_hash::FxHashMap<u64, Cue>, w: &[u8]) -> Option<&'m mut Cue> {
    let plain = w.iter().all(|&c| c.is_ascii_lowercase() || c == b'\'');
    let key = pack_letters(w).filter(|_| plain)?;
    Some(cues.entry(key).or_default())
}

/// Index of a word's first two letters (case-insensitive) in the prefix table.
fn prefix_slot(w: &[u8]) -> Option<usize> {
    let letter = |c: u8| {
        let c = c.to_ascii_lowercase();
        c.is_ascii_lowercase().then(|| (c - b'a') as usize)
    };
    let a = letter(*w.first()?)?;
    let b = match w.get(1) {
        Some(c) => letter(*c)?,
        None => 26,
    };
    Some(a * 27 + b)
}

/// Lines of a `#`-commented TSV file, split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let mut words = FastMap::default();
        let mut phrases = Vec::new();
        let mut names = Vec::new();
        for row in rows(LEXICON) {
            let (Some(w), Some(c)) = (row.first(), row.get(1)) else {
                continue;
            };
            let v = row.get(2).copied().unwrap_or("");
            if *c == "name" {
                names.push(*w);
                continue;
            }
            if *c == "phrase" {
                let toks = phrase_toks(w);
                if let (Some(h), Some(first)) = (
                    parse_holiday(v),
                    w.split(|c: char| !c.is_ascii_alphanumeric()).next(),
                ) {
                    if toks.len() > 1 {
                        words.entry(first.as_bytes()).or_insert(Lex::Phrase);
                        let keys = toks.iter().map(|w| pack_letters(w.as_bytes())).collect();
                        phrases.push(Phrase { toks, keys, h });
                    }
                }
                continue;
            }
            if let Some(lex) = parse_entry(c, v) {
                // The first entry wins: "tonight" is listed as a deictic
                // before being a part of day.
                words.entry(w.as_bytes()).or_insert(lex);
            }
        }
        let mut tense = FastMap::default();
        for row in rows(TENSE) {
            let (Some(w), Some(t)) = (row.first(), row.get(1)) else {
                continue;
            };
            let t = match *t {
                "past" => Tense::Past,
                "future" => Tense::Future,
                _ => continue,
            };
            tense.insert(w.as_bytes(), t);
        }
        let short = PackedTable::new(
            words
                .iter()
                .filter(|(w, _)| w.iter().all(u8::is_ascii_lowercase))
                .filter_map(|(w, &lex)| Some((pack_letters(w)?, lex))),
        );
        let mut cues: rustc_hash::FxHashMap<u64, Cue> = rustc_hash::FxHashMap::default();
        for (w, &t) in &tense {
            if let Some(c) = cue_slot(&mut cues, w) {
                c.tense = Some(t);
            }
        }
        for w in SUBORDINATORS {
            if let Some(c) = cue_slot(&mut cues, w.as_bytes()) {
                c.subordinator = true;
            }
        }
        for w in INTENT_VERBS {
            if let Some(c) = cue_slot(&mut cues, w.as_bytes()) {
                c.intent = true;
            }
        }
        for w in ["be", "being"] {
            if let Some(c) = cue_slot(&mut cues, w.as_bytes()) {
                c.auxiliary = true;
            }
        }
        if let Some(c) = cue_slot(&mut cues, b"next") {
            c.next = true;
        }
        if let Some(c) = cue_slot(&mut cues, b"hundred") {
            c.not_past = true;
        }
        let mut prefix = vec![0u32; 27 * 27];
        for w in words.keys() {
            if let Some(slot) = prefix_slot(w) {
                prefix[slot] |= 1 << w.len().min(31);
            }
        }
        // every word `cue` can tell anything of: the packed keys of
        // `cues` unpacked, and the longer tense cues
        let mut cue_prefix = vec![0u32; 27 * 27];
        let unpacked = cues.keys().map(|k| {
            let b = k.to_le_bytes();
            b[..b.iter().take_while(|&&c| c != 0).count()].to_vec()
        });
        for w in unpacked.chain(tense.keys().map(|w| w.to_vec())) {
            if let Some(slot) = prefix_slot(&w) {
                cue_prefix[slot] |= 1 << w.len().min(31);
            }
        }
        phrases.sort_by_key(|p: &Phrase| std::cmp::Reverse(p.toks.len()));
        let mut phrase_first: FastMap<String, Vec<usize>> = FastMap::default();
        for (k, ph) in phrases.iter().enumerate() {
            if let Some(f) = ph.toks.first() {
                phrase_first.entry(f.clone()).or_default().push(k);
            }
        }
        let mut phrase_order = Vec::new();
        let mut packed_first = Vec::new();
        for (w, ks) in &phrase_first {
            if let Some(key) = pack_letters(w.as_bytes()) {
                let a = phrase_order.len() as u32;
                phrase_order.extend_from_slice(ks);
                packed_first.push((key, (a, phrase_order.len() as u32)));
            }
        }
        let cues = PackedTable::new(cues);
        Lexicon {
            phrase_first,
            phrase_first_packed: PackedTable::new(packed_first),
            phrase_order,
            prefix,
            cue_prefix,
            words,
            short,
            cues,
            tense,
            phrases,
            names,
        }
    }

    /// The entry of `word`, a run of ASCII letters in any case.
    pub fn letters(&self, word: &[u8]) -> Option<Lex> {
        if let Some(key) = pack_letters(word) {
            return self.short.get(key);
        }
        let mut buf = [0u8; 24];
        self.words.get(lowered(word, &mut buf)?).copied()
    }

    /// [`Lexicon::letters`] of a word of up to eight letters already
    /// packed by [`pack_letters`] (any other key is no word).
    #[inline]
    pub fn packed(&self, key: u64) -> Option<Lex> {
        self.short.get(key)
    }

    /// [`Lexicon::letters`] for the word `text[s..e]`, a run of ASCII
    /// letters: when eight bytes can be read from `s`, the word is packed
    /// with one load and a mask instead of a byte at a time.
    #[inline]
    pub fn letters_at(&self, text: &[u8], s: usize, e: usize) -> Option<Lex> {
        match pack_letters_at(text, s, e) {
            Some(key) => self.short.get(key),
            None => self.letters(text.get(s..e)?),
        }
    }

    /// The tense scan's view of `word`: ASCII letters, in any case, after
    /// at most one apostrophe.
    pub fn cue(&self, word: &[u8]) -> Cue {
        if let Some(key) = pack_letters(word) {
            return self.cues.get(key).unwrap_or_default();
        }
        // every listed word but the tense cues has at most eight letters
        let mut buf = [0u8; 24];
        Cue {
            tense: lowered(word, &mut buf).and_then(|l| self.tense.get(l).copied()),
            ..Cue::default()
        }
    }

    /// [`Lexicon::cue`] of the word `text[s..e]`, packed with one load
    /// when eight bytes can be read from `s` (see [`pack_letters_at`]).
    /// Inlined: the callers read one or two fields of the answer, and a
    /// call packs and unpacks all six.
    #[inline(always)]
    pub fn cue_at(&self, text: &[u8], s: usize, e: usize) -> Cue {
        // most words of a sentence are no cue: ruled out by their first
        // two letters and length before packing and hashing
        let listed = match text.get(s..e).map(prefix_slot) {
            Some(Some(slot)) => self
                .cue_prefix
                .get(slot)
                .is_some_and(|m| m & (1 << (e - s).min(31)) != 0),
            _ => true,
        };
        if !listed {
            return Cue::default();
        }
        match pack_letters_at(text, s, e) {
            Some(key) => self.cues.get(key).unwrap_or_default(),
            None => text.get(s..e).map_or_else(Cue::default, |w| self.cue(w)),
        }
    }

    /// [`Lexicon::cue`] of a word of up to eight bytes already packed by
    /// [`pack_letters`]: what [`Lexicon::cue_at`] answers, without its
    /// prefix gate (which rules out no listed word, so a probe of the
    /// table gives the same answer; pinned by a test).
    #[inline]
    pub fn cue_packed(&self, key: u64) -> Cue {
        self.cues.get(key).unwrap_or_default()
    }

    /// Might `word` (any case) be in the lexicon? No false negatives.
    pub fn may_contain(&self, word: &[u8]) -> bool {
        match prefix_slot(word) {
            Some(slot) => self
                .prefix
                .get(slot)
                .is_some_and(|m| m & (1 << word.len().min(31)) != 0),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lookups_agree_with_the_tables() {
        let lex = Lexicon::load();
        let letters = |w: &[u8]| w.iter().all(u8::is_ascii_lowercase);
        for (w, &l) in lex.words.iter().filter(|(w, _)| letters(w)) {
            assert_eq!(lex.letters(w), Some(l), "{w:?}");
            assert_eq!(lex.letters(&w.to_ascii_uppercase()), Some(l), "{w:?}");
        }
        for (w, &t) in lex.tense.iter().filter(|(w, _)| letters(w)) {
            assert_eq!(lex.cue(&w.to_ascii_uppercase()).tense, Some(t), "{w:?}");
        }
        // these lists are only looked up packed: a word too long to pack
        // would be silently left out
        for w in SUBORDINATORS {
            assert!(lex.cue(w.as_bytes()).subordinator, "{w}");
        }
        for w in INTENT_VERBS {
            assert!(lex.cue(w.as_bytes()).intent, "{w}");
        }
        assert_eq!(lex.letters(b"Zqxj"), None);
        // packed with one load: the bytes after the word do not count
        let text = b"MARCH 3, Tuesday and december fortnight";
        assert_eq!(lex.letters_at(text, 0, 5), lex.letters(b"march"));
        assert_eq!(lex.letters_at(text, 9, 16), lex.letters(b"tuesday"));
        assert_eq!(lex.letters_at(text, 21, 29), lex.letters(b"december"));
        assert_eq!(lex.letters_at(text, 30, 39), lex.letters(b"fortnight"));
        assert!(lex.letters_at(text, 30, 39).is_some());
        assert_eq!(lex.letters_at(text, 17, 20), None);
        assert_eq!(lex.letters(b"Decemberish"), None);
        assert!(lex.cue(b"Although").subordinator);
        assert!(lex.cue(b"BEING").auxiliary);
        assert!(lex.cue(b"hundred").not_past);
        assert_eq!(lex.cue(b"thatch"), Cue::default());
        // a prefix of a key is another key
        assert_ne!(pack_letters(b"may"), pack_letters(b"mayo"));
        assert_eq!(pack_letters(b"abcdefghi"), None);
    }

    /// The tense scan's prefilter rules out no word `cue` knows: every
    /// listed word, in any case, and words near one, read alone and inside
    /// a longer text.
    #[test]
    fn cue_at_answers_as_cue() {
        let lex = Lexicon::load();
        let mut probes: Vec<Vec<u8>> = lex.tense.keys().map(|w| w.to_vec()).collect();
        for w in SUBORDINATORS.iter().chain(INTENT_VERBS) {
            probes.push(w.as_bytes().to_vec());
        }
        for w in [
            "be", "being", "next", "hundred", "the", "said", "X", "'ll", "don't",
        ] {
            probes.push(w.as_bytes().to_vec());
        }
        for w in probes.clone() {
            probes.push(w.to_ascii_uppercase());
            probes.push([w.as_slice(), b"s"].concat());
            for k in 0..w.len() {
                probes.push(w[..k].to_vec());
                probes.push(w[k..].to_vec());
            }
        }
        for p in &probes {
            let inside = [p.as_slice(), b" and more text"].concat();
            for text in [p.as_slice(), &inside] {
                assert_eq!(
                    lex.cue_at(text, 0, p.len()),
                    lex.cue(p),
                    "{:?}",
                    String::from_utf8_lossy(p)
                );
            }
        }
    }

    #[test]
    fn every_line_parses() {
        for row in rows(LEXICON) {
            let v = row.get(2).copied().unwrap_or("");
            let ok = if row.get(1) == Some(&"phrase") {
                parse_holiday(v).is_some() && phrase_toks(row[0]).len() > 1
            } else if row.get(1) == Some(&"name") {
                phrase_toks(row[0]).len() == 1
            } else {
                row.len() >= 2 && parse_entry(row[1], v).is_some()
            };
            assert!(ok, "{row:?}");
        }
        let mut seen = std::collections::HashSet::new();
        for row in rows(LUNISOLAR) {
            let (Some(&name), Some(Some((y, m, d))), 2) =
                (row.first(), row.get(1).map(|d| ymd(d)), row.len())
            else {
                panic!("{row:?}");
            };
            assert!(jiff::civil::Date::new(y as i16, m, d).is_ok(), "{row:?}");
            assert!(seen.insert((name, y)), "a second day for {name} {y}");
            let t = tables().iter().position(|(n, _)| *n == name);
            assert_eq!(
                t.and_then(|t| table_day(t as u8, y)),
                Some((m, d)),
                "{row:?}"
            );
        }
        // the Umm al-Qura table is whole: every row is a month, in order
        let (first, months) = umm_al_qura();
        assert_eq!(*first, 1343);
        assert_eq!(months.len(), rows(UMM_AL_QURA).count());
        assert_eq!(umm_al_qura_month(1439, 10), Some((2018, 6, 15)));
        assert_eq!(umm_al_qura_month(1500, 13), None);
        assert_eq!(umm_al_qura_month(1342, 12), None);
        // every table is looked up by some entry of the lexicon
        for (name, _) in tables() {
            let rule = format!("table:{name}");
            let named = rows(LEXICON).any(|r| {
                r.get(2)
                    .is_some_and(|v| *v == rule || v.starts_with(&format!("{rule}:")))
            });
            assert!(named, "no lexicon entry looks up {name}");
        }
        for row in rows(TENSE) {
            assert!(
                matches!(row.get(1).copied(), Some("past" | "future")),
                "{row:?}"
            );
        }
    }

    /// `cue_packed` skips `cue_at`'s prefix gate: the gate must rule out no
    /// word the table lists, in any case, or the tense scans' fast paths
    /// would find cues that `cue_at` does not.
    #[test]
    fn cue_packed_agrees_with_cue_at() {
        let lex = lexicon();
        let mut words: Vec<Vec<u8>> = lex.tense.keys().map(|w| w.to_vec()).collect();
        words.extend(SUBORDINATORS.iter().map(|w| w.as_bytes().to_vec()));
        words.extend(INTENT_VERBS.iter().map(|w| w.as_bytes().to_vec()));
        for w in [
            "be", "being", "next", "hundred", "'ll", "won't", "o'clock", "sat",
        ] {
            words.push(w.as_bytes().to_vec());
        }
        let upper: Vec<Vec<u8>> = words.iter().map(|w| w.to_ascii_uppercase()).collect();
        let capital: Vec<Vec<u8>> = words
            .iter()
            .map(|w| {
                let mut c = w.clone();
                if let Some(f) = c.first_mut() {
                    f.make_ascii_uppercase();
                }
                c
            })
            .collect();
        for w in words.iter().chain(&upper).chain(&capital) {
            check_cue_packed(lex, w);
        }
    }

    fn check_cue_packed(lex: &Lexicon, w: &[u8]) {
        let Some(key) = pack_letters(w) else {
            return;
        };
        let mut text = w.to_vec();
        text.extend_from_slice(b" padding");
        assert_eq!(
            lex.cue_packed(key),
            lex.cue_at(&text, 0, w.len()),
            "{:?}",
            String::from_utf8_lossy(w)
        );
    }

    fn lexicon() -> &'static Lexicon {
        static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(Lexicon::load)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn cue_packed_agrees_with_cue_at_on_any_word(w in "[a-zA-Z']{1,8}") {
            check_cue_packed(lexicon(), w.as_bytes());
        }
    }
}
