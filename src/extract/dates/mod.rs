//! Date and time expressions → TIMEX3.
//!
//! Takes a text and its document creation time (DCT); gives `date`
//! mentions: absolute dates ("June 1, 2026", "2026-06-01", "06/01/2026",
//! "the 1990s", "Q3 2024", "fiscal 2024", "the first Monday of March"),
//! times ("3:30 p.m. EST", "noon", "half past seven"), relative expressions
//! ("yesterday", "last Tuesday", "two months later", "2d ago", "in three
//! weeks"), intervals ("from 2019 to 2023", "through 2030", "since 2015",
//! "between 3 and 5 pm"), durations ("eight years", "2 1/2 years") and sets
//! ("every Monday at 6pm", "weekly").
//!
//! How: one pass splits the text into ASCII word, number and punctuation
//! tokens and looks each word up in the lexicon of `data/dates/` (a word
//! of up to eight letters is one probe of a table of packed words; a
//! two-letter/length bitmap rules most longer words out). Only
//! tokens that can start an expression (a lexicon word or a number) are
//! tried by the hand-written grammar below, which keeps the longest match;
//! a function word ("the", "in", "by") is tried only when a date word or a
//! number follows it. There is no per-pattern scan of the text
//! (110-118 MB/s per core on the bench's first 5,000 articles in session 19,
//! on a VM where session 18's code ran at 97-105; the figure moves with the
//! day's VM: `cargo bench --bench extract`, `docs/performance.md`).
//!
//! Resolution: relative expressions resolve against the DCT. Ambiguous ones
//! ("on Tuesday", "in March", "Oct. 23") take the direction of the nearest
//! tense cue in their sentence (`data/dates/tense.tsv`: "said", "was" → the
//! past; "will", "plans to" → the future; listed words beat a bare "-ed",
//! but not from another clause: after a subordinator or a reporting
//! participle, or across a quotation mark), then the dominant tense of the
//! document, then the future. A yearless date
//! within 75 days of the DCT takes the nearest year whatever the tense (news
//! dates cluster around the DCT). "last/next Friday" is that day of the
//! previous/next week. "a year ago" in a report about a quarter is that
//! quarter a year earlier, as TimeML annotates it; a quarter named there
//! that is still running at the DCT ("expects a fourth-quarter charge")
//! does not displace the ended one the report is about for "the latest
//! quarter", nor, in a past sentence, for "the quarter" / "a year ago".
//! "A year-earlier loss" is that year-ago point, not "a year" long.
//! With no DCT, values stay
//! underspecified (`XXXX-11-07`, `XXXX-WXX-2`, `PAST_REF`), never today.
//! With a timed DCT, a bare clock time is its next occurrence. Two hours
//! said without am/pm before a day and a part of it take that part ("from
//! 6 to 8 on Friday evening" is `T18`..`T20` that Friday).
//! A bare weekday that is the DCT's own weekday is today ("officials said
//! Sunday" in a Sunday report) unless the future is cued; a regular "-ed"
//! verb right next to the date ("Cuba predicted Wednesday") beats a listed
//! cue farther off, except after "be" ("will be named Monday"). A cue
//! after "that", "which", "who", ... following the date is in another
//! clause ("said Sunday that Israel wants to") and counts only when the
//! date's clause has none.
//! A weekday after "until" or "as soon as" is a deadline: the coming one
//! (or today) whatever the tense ("officials postponed the vote until
//! Tuesday"), except in a fronted "Until Tuesday, ...". "Next to" is no
//! future cue, and a cue across a quotation mark ("... fly out Thursday,"
//! the minister said) counts only when the quote has none.
//! "past Wednesday" / "upcoming Friday" are the nearest such day on that
//! side; "Monday of this week" is that day of the DCT's week. A weekday
//! that checks a yearless date ("Tue, March 7") picks among neighbouring
//! years only. A digit ordinal listed after a date ("March 9th, 10th or
//! 12th") is a day of its month, unless a noun follows ("5th graders").
//! A year in words after "of" dates a season or month as digits do ("the
//! winter of nineteen ninety-four").
//!
//! Conventions chosen for news where the test suites differ: a yearless
//! date or weekday follows the tense (Recognizers-Text lists the past
//! reading first whatever the tense); "the next three days" is a duration,
//! as TimeBank has it, not an interval; a clock time keeps the grain it was
//! said at ("10 p.m." is `T22`, where TimeBank writes `T22:00` and the
//! suites `T22`).
//!
//! A fraction said in words or as a decimal stays a decimal of its unit
//! ("one and a half hours", "an hour and half", "2.5 hours": `PT1.5H`, as
//! the suites write it), while a digit fraction is split into the next unit
//! ("5 1/2 hours": `PT5H30M`, as TimeBank writes it). So "semiannually"
//! and "semi-annually" are `P0.5Y`, while "bi-monthly" is `P2M`.
//!
//! Day/month rule for numeric dates: `YYYY-MM-DD` (and `YYYY/MM/DD`) is ISO;
//! `a/b/yyyy` and `a/b` are month/day (US news usage) unless `a` > 12, when
//! they are day/month; `a.b.yyyy` is day.month (European usage); `2014-10`
//! is a month, but `2019-20` (the next year's two digits) is a fiscal year.
//! A two-digit year goes with a month after an apostrophe ("May '68",
//! "April 15, '87") or, closing the phrase, after "of" ("April of 87."):
//! `00`-`49` are 2000-2049, `50`-`99` are 1950-1999.
//!
//! "The first nine months of 1997" stays a duration (`P9M`, as TimeBank
//! has it) whose range is counted from the start (the end, for "last") of
//! that year, not from the DCT; the year is a mention of its own.
//!
//! Intervals are given as a `range` mention over the whole phrase, and the
//! dates inside it are given as mentions of their own as well, so that a
//! consumer wanting points ("since 2015" mentions 2015) finds them: within
//! this kind, an interval may overlap the points it is made of. A century is
//! `"20"` with its years as a range, a half year `"2019-H2"` with its
//! months. A clock range next to a day ("Thursday from 9am to 1pm", "from
//! 2pm to 4pm on the 17th") is one range on that day. Likewise the parts of
//! a compound point are mentions of their own: the day of "Friday night" or
//! "tomorrow at 7pm", the span of "three days later", "two weeks ago" or
//! "from 2pm for 2 hours" (itself the range 14:00-16:00), the month of "the
//! end of November" (itself a range of days). "End of (the) day" and "EOD"
//! are the DCT's last second (`T23:59:59`); "at the end of the day" is the
//! idiom, no date.
//!
//! Holidays: fixed days, n-th weekdays, days from Western or Orthodox
//! Easter, and Islamic holidays and months ("Eid al-Fitr", "Ramadan 2018")
//! on the Umm al-Qura calendar, arithmetic outside 1924-2077 (see `hijri`),
//! Indian festivals by tables of their days (`lunisolar.tsv`), and
//! Hebrew-calendar holidays by the molad arithmetic (`hebrew.rs`): "Purim 2013" is 24
//! February with the range from its eve (a Jewish holiday begins at sunset),
//! "Hanukkah 2018" the range from the eve to its eighth day. All rules are in
//! `data/dates/lexicon.tsv`. A holiday's year may follow "in" ("Diwali in
//! 2019"): it falls once a year; so may a day's ("on June 26 in 2019").
//!
//! Refuses: numbers that are not plausible dates (a bare "1500" is not a
//! year, "13/45/2020" is nothing, "a 6-year-old" is an age, "at 1,015
//! francs" no time); never panics: calendar arithmetic is checked and a
//! failed step drops the mention (property tests in `tests.rs`).

mod hebrew;
mod lexicon;

use super::{DateValue, Mention, MentionValue, TimexRange, TimexType};
use crate::document::Dct;
use crate::span::Span;
use jiff::civil::{Date, Time};
use jiff::ToSpan;
use lexicon::{Holiday, Lex, Lexicon, Rel, Tense, Unit};

/// `is_any!(parser, i, &["a", "b"])`: [`Parser::is_any`] with the words
/// packed at compile time. A list of words spelled out at the call is
/// otherwise packed again, word by word, at every test (most of the tests
/// at a failed start are such lists): here a test is one compare of the
/// token's key per word. Pinned to [`Parser::is_any`] by a proptest in
/// `tests.rs`. A list known only at run time goes to `Parser::is_any`.
macro_rules! is_any {
    ($p:expr, $i:expr, $ws:expr $(,)?) => {{
        const WS: &[&str] = $ws;
        const KEYS: [u64; WS.len()] = packed_keys(WS);
        $p.is_any_keyed($i, &KEYS, WS)
    }};
}

/// [`lexicon::pack_letters`] of each of `ws`, 0 for a word it does not
/// pack (longer than eight letters): no token's key is 0.
const fn packed_keys<const N: usize>(ws: &[&str]) -> [u64; N] {
    let mut keys = [0; N];
    let mut k = 0;
    while k < N && k < ws.len() {
        keys[k] = match lexicon::pack_letters(ws[k].as_bytes()) {
            Some(key) => key,
            None => 0,
        };
        k += 1;
    }
    keys
}

thread_local! {
    /// Each thread's token buffer, kept between documents (see `tag`).
    static TOKENS: std::cell::Cell<Vec<Tok>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A token buffer grown past this many tokens (a document of some 300 KB,
/// a 5 MB buffer) is dropped after use rather than kept for the thread's
/// next document: a rare long document does not pin its memory.
const MAX_KEPT_TOKENS: usize = 1 << 16;

/// The compiled date recogniser. Build once, share across threads.
pub struct DateTagger {
    lex: Lexicon,
    gate_words: crate::hash::PackedTable<u8>,
}

impl Default for DateTagger {
    fn default() -> Self {
        Self::new()
    }
}

/// One token: a run of ASCII letters/digits, or one punctuation char.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tok {
    s: usize,
    e: usize,
    /// Value of the leading digits, when the token starts with a digit.
    num: Option<u64>,
    /// Number of leading digits.
    ndig: u8,
    /// Lower-case letters after the digits ("th", "s", "pm", "mo").
    suf: [u8; 4],
    suflen: u8,
    lex: Option<Lex>,
    punct: Option<char>,
    alpha: bool,
    cap: bool,
    /// A word of one to eight letters packed as [`lexicon::pack_letters`]
    /// packs it (lower case, one byte a letter); 0 for any other token.
    /// The grammar compares words against spelled-out ones at every
    /// start it tries: one compare here instead of slicing the text.
    key: u64,
}

// The tokenizer writes a `Tok` for every word of an article: a larger one
// costs the whole scan (a string in `Lex` made it 80 bytes).
const _: () = assert!(std::mem::size_of::<Option<Lex>>() <= 8);
const _: () = assert!(std::mem::size_of::<Tok>() <= 64);

impl Tok {
    /// A token at bytes `s..e` with nothing read from it yet: the base the
    /// tokenizer fills in.
    fn at(s: usize, e: usize) -> Tok {
        Tok {
            s,
            e,
            num: None,
            ndig: 0,
            suf: [0; 4],
            suflen: 0,
            lex: None,
            punct: None,
            alpha: false,
            cap: false,
            key: 0,
        }
    }
    /// A token of one punctuation mark (or a blank line, [`PARAGRAPH`]) at
    /// bytes `s..e`.
    fn punct(s: usize, e: usize, p: char) -> Tok {
        Tok {
            punct: Some(p),
            ..Tok::at(s, e)
        }
    }
    fn suffix(&self) -> &[u8] {
        &self.suf[..self.suflen as usize]
    }
    /// A plain number: digits only.
    fn int(&self) -> Option<u64> {
        if self.suflen == 0 {
            self.num
        } else {
            None
        }
    }
}

impl Cand {
    /// Is this a bare weekday, or a time on one ("9 a.m. Tuesday"), or
    /// the end of a range at one?
    fn on_weekday(&self) -> bool {
        let wd = |p: &Pt| match p {
            Pt::Weekday { rel: None, .. } => true,
            Pt::Time { day: Some(d), .. } | Pt::Pod { day: Some(d), .. } => {
                matches!(**d, Pt::Weekday { rel: None, .. })
            }
            _ => false,
        };
        match &self.val {
            Val::Point(p) => wd(p),
            Val::Range(_, Some(p)) => wd(p),
            _ => false,
        }
    }

    /// Is this a range up to a month without a year ("by February")?
    fn ends_yearless_month(&self) -> bool {
        matches!(&self.val, Val::Range(None, Some(Pt::Month { y: None, .. })))
    }

    /// Does resolving this match depend on the tense of its sentence?
    fn needs_tense(&self) -> bool {
        match &self.val {
            Val::Point(p) => p.needs_tense(),
            Val::Range(a, b) => {
                a.as_ref().is_some_and(Pt::needs_tense) || b.as_ref().is_some_and(Pt::needs_tense)
            }
            _ => false,
        }
    }
}

/// A point in time before resolution against the DCT.
#[derive(Clone, Debug, PartialEq)]
enum Pt {
    Day {
        y: Option<i32>,
        m: i8,
        d: i8,
    },
    Month {
        y: Option<i32>,
        m: i8,
    },
    /// "the 29th": a day of the DCT's month.
    DayOfMonth(i8),
    Year(i32),
    Quarter {
        y: Option<i32>,
        q: i8,
    },
    Half {
        y: Option<i32>,
        h: i8,
    },
    Season {
        y: Option<i32>,
        s: &'static str,
    },
    /// TIMEX3 decade: 199 is the 1990s.
    Decade(i32),
    Century(i32),
    Weekday {
        wd: i8,
        rel: Option<Rel>,
    },
    Holiday {
        h: Holiday,
        y: Option<i32>,
        rel: Option<Rel>,
    },
    /// `n` units from the DCT, at the grain of the unit.
    Shift {
        n: i64,
        unit: Unit,
    },
    /// "now": the DCT itself, to the second when it has a time.
    Now,
    /// "the 1988 quarter": the quarter under discussion, in that year.
    QuarterOfYear(i32),
    /// "the weekend", "last weekend": the week of that Saturday, `-WE`.
    Weekend(Option<Rel>),
    /// "the weekend of Halloween": the weekend of that day's week.
    WeekendOf(Box<Pt>),
    /// "two days after Christmas": an exact shift from another day.
    From {
        n: i64,
        unit: Unit,
        base: Box<Pt>,
    },
    /// "the end of the month": a part of a week or month, as a range.
    Part {
        end: bool,
        base: Box<Pt>,
    },
    /// "week 10 [of 2019]", "week 10 of last year" (`off` years from the
    /// DCT's when `y` is none).
    IsoWeek {
        y: Option<i32>,
        n: i8,
        off: i8,
    },
    /// "last Oct. 23", "next June 1".
    DayRel {
        m: i8,
        d: i8,
        rel: Rel,
    },
    /// "Friday after next".
    WeekdayAfterNext(i8),
    /// "3 fridays from now": the `n`-th such day after the DCT.
    WeekdayFromNow {
        wd: i8,
        n: i8,
    },
    /// "Monday of this week", "this week Monday": that day of the DCT's
    /// (Monday-based) week, past or not.
    WeekdayThisWeek(i8),
    /// "past Wednesday", "upcoming Friday": the nearest such day before
    /// (after) the DCT.
    WeekdayNearest {
        wd: i8,
        past: bool,
    },
    /// "Tuesday 19th".
    WeekdayDom {
        wd: i8,
        d: i8,
    },
    /// "Fri, Jul 18": a yearless date whose weekday picks the year.
    DayWd {
        m: i8,
        d: i8,
        wd: i8,
    },
    /// "the week of October 7th": the ISO week holding a day.
    WeekOf(Box<Pt>),
    /// "in two weeks": the DCT moved by an exact span, at day grain (or
    /// finer for hours and minutes).
    After {
        n: i64,
        unit: Unit,
    },
    /// "Christmas of last year", "Easter next year": a holiday in the year
    /// `off` years from the DCT's.
    HolidayOfYear {
        h: Holiday,
        off: i8,
    },
    /// "the third quarter of last year", "next year's first half": a
    /// quarter (or, with `half`, a half) of the year `off` years from the
    /// DCT's.
    PartOfRelYear {
        q: i8,
        half: bool,
        off: i8,
    },
    /// "June last year": a month of the year `off` years from the DCT's.
    MonthOfYear {
        m: i8,
        off: i8,
    },
    /// "the first Monday of March", "the last week of 2016": `n` is 1-based,
    /// -1 for the last; `wd` 0 means the week itself.
    NthOf {
        n: i8,
        wd: i8,
        base: Box<Pt>,
    },
    /// "a year ago", "year-earlier": the year before, or the same quarter
    /// of the year before when a quarter is being discussed.
    YearAgo,
    /// "the quarter", "the latest quarter": the quarter under discussion.
    TheQuarter,
    /// "the latest quarter": the quarter under discussion, else the last
    /// one completed before the DCT (results are reported after it ends).
    LatestQuarter,
    /// "the following year", "that day", "the same month": `n` units from
    /// the narrative reference time (the date last mentioned shortly
    /// before), or from the DCT when no such date is near.
    Anaphor {
        n: i64,
        unit: Unit,
    },
    Lit(String),
    /// A clock time; `amb` when said without am/pm ("at 3"), so that it
    /// may be 3 or 15 o'clock.
    Time {
        day: Option<Box<Pt>>,
        h: i8,
        mi: Option<i8>,
        sec: Option<i8>,
        amb: bool,
    },
    Pod {
        day: Option<Box<Pt>>,
        pod: &'static str,
    },
}

impl Pt {
    fn needs_tense(&self) -> bool {
        match self {
            Pt::Day { y: None, .. }
            | Pt::Month { y: None, .. }
            | Pt::Season { y: None, .. }
            | Pt::Quarter { y: None, .. }
            | Pt::Weekday { rel: None, .. }
            | Pt::Holiday { y: None, .. }
            | Pt::TheQuarter
            | Pt::YearAgo
            | Pt::WeekdayDom { .. }
            | Pt::DayWd { .. }
            | Pt::Weekend(None) => true,
            Pt::WeekOf(d) | Pt::From { base: d, .. } => d.needs_tense(),
            Pt::Time { day: Some(d), .. } | Pt::Pod { day: Some(d), .. } => d.needs_tense(),
            Pt::Time { day: None, .. } => true,
            _ => false,
        }
    }

    fn is_time(&self) -> bool {
        matches!(self, Pt::Time { .. } | Pt::Pod { .. })
    }
    /// Explicit calendar points: may stand on either side of a bare "-".
    fn is_explicit(&self) -> bool {
        matches!(
            self,
            Pt::Day { .. } | Pt::Month { .. } | Pt::Year(_) | Pt::Time { .. } | Pt::Decade(_)
        )
    }
    fn year_missing(&self) -> bool {
        matches!(
            self,
            Pt::Day { y: None, .. } | Pt::Month { y: None, .. } | Pt::DayOfMonth(_)
        )
    }
    fn year(&self) -> Option<i32> {
        match self {
            Pt::Day { y, .. } | Pt::Month { y, .. } | Pt::Quarter { y, .. } => *y,
            Pt::Year(y) => Some(*y),
            _ => None,
        }
    }
    /// A yearless day or month (also as the part of one: "the end of
    /// January") put in `year`; `None` for any other point.
    fn in_year(&self, year: i32) -> Option<Pt> {
        match self {
            Pt::Day { y: None, .. } | Pt::Month { y: None, .. } => {
                Some(self.clone().with_year(year, None))
            }
            Pt::Part { end, base } => Some(Pt::Part {
                end: *end,
                base: Box::new(base.in_year(year)?),
            }),
            _ => None,
        }
    }
    fn with_year(self, year: i32, month: Option<i8>) -> Pt {
        match self {
            Pt::Day { y: None, m, d } => Pt::Day {
                y: Some(year),
                m,
                d,
            },
            Pt::Month { y: None, m } => Pt::Month { y: Some(year), m },
            Pt::DayOfMonth(d) => match month {
                Some(m) => Pt::Day {
                    y: Some(year),
                    m,
                    d,
                },
                None => Pt::DayOfMonth(d),
            },
            other => other,
        }
    }
    fn month(&self) -> Option<i8> {
        match self {
            Pt::Day { m, .. } | Pt::Month { m, .. } => Some(*m),
            _ => None,
        }
    }
}

/// What one match denotes.
#[derive(Clone, Debug)]
enum Val {
    Point(Pt),
    Range(Option<Pt>, Option<Pt>),
    /// A duration; with an anchor when it counts units back or on from the
    /// DCT ("the last three months", "next 3 days", "5 past years").
    Duration(String, Option<Anchor>),
    Set(String),
}

/// `n` units before (negative) or after the DCT. `exact`: measured from
/// the DCT itself ("5 past years" is the 5 years up to yesterday), else
/// whole calendar units next to the DCT's ("the last 2 months" before this
/// month).
#[derive(Clone, Copy, Debug)]
struct Anchor {
    n: i64,
    exact: bool,
    /// "within 9 months": from the DCT itself up to `n` units after it.
    within: bool,
    /// "the next 4 business days": counting Monday to Friday only.
    workdays: bool,
    /// "the first nine months of 1997" (`n` > 0), "the last two weeks of
    /// 2020" (`n` < 0): counted from the start or the end of this year,
    /// not from the DCT.
    of_year: Option<i32>,
}

/// Tokens `s..e` name a range open at one end: from the point `at` (the
/// token where it is written) on when `starts`, up to it otherwise ("as
/// early as 7 am", "no later than June 1").
fn open_range(s: usize, e: usize, at: usize, point: Pt, starts: bool) -> Cand {
    let inner = vec![(at, e, point.clone())];
    let val = if starts {
        Val::Range(Some(point), None)
    } else {
        Val::Range(None, Some(point))
    };
    Cand { s, e, val, inner }
}

/// A match: tokens `[s, e)`, its value, and the points inside an interval.
#[derive(Clone, Debug)]
struct Cand {
    s: usize,
    e: usize,
    val: Val,
    inner: Vec<(usize, usize, Pt)>,
}

/// What resolution needs: the DCT and a tense oracle for the mention.
#[derive(Clone, Copy)]
struct Cx<'a> {
    dct: Option<&'a Dct>,
    tense: Option<Tense>,
    /// The last quarter named shortly before: "a year ago" in a quarterly
    /// report is that quarter of the year before, as TimeML annotates it.
    quarter: Option<(i32, i8)>,
    /// The last quarter named shortly before that had ended by the DCT: a
    /// report's "the latest quarter" is not the "fourth-quarter charge"
    /// it expects.
    done_quarter: Option<(i32, i8)>,
    /// The value of the date mentioned last, shortly before: the reference
    /// time of "the following year", "that day".
    anchor: Option<&'a str>,
    /// May a clock time already past at the DCT roll to the next day?
    /// Not inside a range, whose ends must stay on one day.
    roll: bool,
}

const ZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
    "et", "pt", "ct", "jst", "ist", "hkt", "sgt", "aest",
];

/// Function words of the lexicon that carry no date by themselves and can
/// stand in a row before one ("in the", "by the", "over the past"):
/// [`Parser::may_start`] looks past them for the word that decides.
/// Sorted: looked up by binary search.
const PASS_THROUGH: &[&str] = &[
    "a", "about", "after", "an", "around", "at", "before", "between", "by", "during", "from", "in",
    "on", "over", "since", "the", "through", "thru", "till", "until", "within",
];

/// Words the grammar matches by their spelling (`Parser::is`,
/// `Parser::is_any`) that are not lexicon entries: after a function word,
/// [`Parser::may_start`] lets them through like date words. A unit test
/// keeps the list complete and sorted (it is looked up by binary search).
const GRAMMAR_WORDS: &[&str] = &[
    "additional",
    "afterward",
    "afterwards",
    "am",
    "and",
    "approximately",
    "as",
    "business",
    "can",
    "circa",
    "clock",
    "consecutive",
    "could",
    "date",
    "either",
    "ended",
    "ending",
    "ends",
    "eve",
    "feasible",
    "for",
    "foreseeable",
    "further",
    "he",
    "hence",
    "hundred",
    "i",
    "instead",
    "it",
    "local",
    "long",
    "m",
    "might",
    "moment",
    "more",
    "near",
    "newspaper",
    "not",
    "o",
    "of",
    "oh",
    "old",
    "onward",
    "onwards",
    "or",
    "ou",
    "p",
    "pair",
    "per",
    "period",
    "please",
    "pm",
    "possible",
    "practicable",
    "present",
    "qtr",
    "quoted",
    "reported",
    "reports",
    "right",
    "roughly",
    "s",
    "said",
    "says",
    "shall",
    "she",
    "short",
    "should",
    "so",
    "soon",
    "straight",
    "term",
    "than",
    "then",
    "thereafter",
    "they",
    "thousand",
    "time",
    "times",
    "to",
    "too",
    "trading",
    "we",
    "when",
    "will",
    "with",
    "working",
    "would",
    "wrote",
    "year-ago",
    "you",
];

const PASS_THROUGH_GATE: [u32; 26] = word_gate(PASS_THROUGH);
const GRAMMAR_GATE: [u32; 26] = word_gate(GRAMMAR_WORDS);

/// For each first letter, a bit per length of the `words` that start with
/// it: most words are ruled out of a short list without comparing them.
const fn word_gate(words: &[&str]) -> [u32; 26] {
    let mut gate = [0u32; 26];
    let mut k = 0;
    while k < words.len() {
        let w = words[k].as_bytes();
        if !w.is_empty() && w[0].is_ascii_lowercase() && w.len() < 32 {
            gate[(w[0] - b'a') as usize] |= 1 << w.len();
        }
        k += 1;
    }
    gate
}

/// `digits` after "0." read as a number, as `format!("0.{digits}")`
/// parses: written into a buffer on the stack, as every decimal number in
/// the text ("1.13bn", "47.3%") is tried as a count of units.
fn point_fraction(digits: &str) -> Option<f64> {
    let d = digits.as_bytes();
    // "1.13bn", "4.5m": after "0." no float has a byte other than digits,
    // an exponent's "e" and its sign (the token after a decimal point is
    // mostly a number glued to its scale)
    if !d
        .iter()
        .all(|&c| c.is_ascii_digit() || matches!(c, b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    // Up to fifteen digits the value is exact and so is the power of ten:
    // one division rounds it as the parse does (the parse's own fast
    // path); pinned by a proptest.
    if (1..=15).contains(&d.len()) && d.iter().all(u8::is_ascii_digit) {
        const TENS: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        let n = digits_value(d)?;
        return Some(n as f64 / TENS.get(d.len())?);
    }
    let mut buf = [0u8; 40];
    let Some(rest) = buf.get_mut(2..2 + d.len()) else {
        return format!("0.{digits}").parse().ok();
    };
    rest.copy_from_slice(d);
    buf[0] = b'0';
    buf[1] = b'.';
    std::str::from_utf8(buf.get(..2 + d.len())?)
        .ok()?
        .parse()
        .ok()
}

/// The value of a run of ASCII digits, as `str::parse::<u64>` reads it
/// (`None` when empty or too large), without the UTF-8 check.
fn digits_value(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |n, d| {
        if !d.is_ascii_digit() {
            return None;
        }
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

/// Is `word` (any case) one of the sorted lower-case `words`?
fn spelled_in(word: &[u8], words: &[&str], gate: &[u32; 26]) -> bool {
    let Some(first) = word.first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    if !first.is_ascii_lowercase() || word.len() >= 32 {
        return false;
    }
    if gate[(first - b'a') as usize] & (1 << word.len()) == 0 {
        return false;
    }
    let mut buf = [0u8; 32];
    for (b, c) in buf.iter_mut().zip(word) {
        *b = c.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    words.binary_search_by(|w| w.as_bytes().cmp(lower)).is_ok()
}

/// A sorted word list as [`Parser::may_start`] consults it on nearly every
/// function word: a word of up to eight letters is looked up as one packed
/// integer ([`lexicon::pack_letters`]) in a hash table of integers instead
/// of a search over strings; longer words go through [`spelled_in`].
struct WordList {
    words: &'static [&'static str],
    gate: [u32; 26],
    packed: crate::hash::PackedTable<bool>,
}

impl WordList {
    fn new(words: &'static [&'static str], gate: [u32; 26]) -> WordList {
        let packed = crate::hash::PackedTable::new(
            words
                .iter()
                .filter_map(|w| lexicon::pack_letters(w.as_bytes()))
                .map(|key| (key, true)),
        );
        WordList {
            words,
            gate,
            packed,
        }
    }

    /// [`spelled_in`] of the list, for the word `text[s..e]`, a run of
    /// ASCII letters (a word token).
    fn contains_at(&self, text: &[u8], s: usize, e: usize) -> bool {
        let Some(word) = text.get(s..e) else {
            return false;
        };
        let Some(first) = word.first().map(u8::to_ascii_lowercase) else {
            return false;
        };
        if !first.is_ascii_lowercase() || word.len() >= 32 {
            return false;
        }
        if self.gate[(first - b'a') as usize] & (1 << word.len()) == 0 {
            return false;
        }
        match lexicon::pack_letters_at(text, s, e) {
            Some(key) => self.packed.get(key).unwrap_or(false),
            None => spelled_in(word, self.words, &self.gate),
        }
    }

    /// [`WordList::contains_at`] for the word token `t` of `text`: a word
    /// of up to eight letters by its key alone (the table holds every
    /// listed word of up to eight letters, so the gate's quick refusal
    /// refuses none of them; pinned by a test).
    #[inline]
    fn contains_tok(&self, text: &[u8], t: &Tok) -> bool {
        if t.key != 0 {
            return self.packed.get(t.key).unwrap_or(false);
        }
        self.contains_at(text, t.s, t.e)
    }
}

static PASS_THROUGH_LIST: std::sync::LazyLock<WordList> =
    std::sync::LazyLock::new(|| WordList::new(PASS_THROUGH, PASS_THROUGH_GATE));
static GRAMMAR_LIST: std::sync::LazyLock<WordList> =
    std::sync::LazyLock::new(|| WordList::new(GRAMMAR_WORDS, GRAMMAR_GATE));

/// The token a blank line becomes (see [`DateTagger::tokenize_into`]).
const PARAGRAPH: char = '\u{b6}';

/// Byte classes for the tokenizer's scans: one table load per byte in
/// place of the range tests of `is_ascii_alphanumeric` and friends.
const C_ALPHA: u8 = 1;
const C_DIGIT: u8 = 2;
const C_SPACE: u8 = 4;
const C_ALNUM: u8 = C_ALPHA | C_DIGIT;
static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            C_ALPHA
        } else if b.is_ascii_digit() {
            C_DIGIT
        } else if b.is_ascii_whitespace() {
            C_SPACE
        } else {
            0
        };
        c += 1;
    }
    t
}

/// The bytes of the tense scans' words: ASCII letters and the apostrophe.
/// One load and test where a byte between words (most of the bytes those
/// scans step over one at a time) took two range tests and a compare.
static CUE_BYTE: [bool; 256] = cue_bytes();

const fn cue_bytes() -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphabetic() || b == b'\'';
        c += 1;
    }
    t
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// For each byte of `x`, its high bit set when the byte is an ASCII
/// letter: eight bytes tested at once, without a table load per byte.
#[inline]
fn letter_bytes(x: u64) -> u64 {
    // lower-cased and without its high bit, a letter is 0x61..=0x7a; the
    // two sums carry into the high bit of a byte from 0x61 and from 0x7b
    // on, and never into the next byte
    let z = (x | 0x2020_2020_2020_2020) & !HIGH_BITS;
    let from_a = z.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
    let past_z = z.wrapping_add(0x0505_0505_0505_0505);
    from_a & !past_z & !x & HIGH_BITS
}

/// For each byte of `x`, its high bit set when the byte is an apostrophe
/// (exact: no borrow runs from one byte into the next).
#[inline]
fn apostrophe_bytes(x: u64) -> u64 {
    let t = x ^ 0x2727_2727_2727_2727;
    !(((t & !HIGH_BITS) + !HIGH_BITS) | t) & HIGH_BITS
}

/// The end of the run of ASCII letters and apostrophes in `b` from `i`
/// (the words of [`DateTagger::doc_tense`]).
#[inline]
fn cue_word_end(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = chunk_at(b, i) {
        let other = !(letter_bytes(x) | apostrophe_bytes(x)) & HIGH_BITS;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b
        .get(i)
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'\'')
    {
        i += 1;
    }
    i
}

/// [`Tok::key`] of the word of letters `b[s..e]`: packed with one load
/// when eight bytes can be read from `s`, else a byte at a time; 0 when
/// longer than eight letters.
#[inline]
fn word_key(b: &[u8], s: usize, e: usize) -> u64 {
    lexicon::pack_letters_at(b, s, e)
        .or_else(|| b.get(s..e).and_then(lexicon::pack_letters))
        .unwrap_or(0)
}

/// A word of one to seven ASCII letters read with one load (see
/// [`short_run`]).
#[derive(Debug, PartialEq)]
struct ShortWord {
    len: usize,
    /// The byte after the word.
    next: u8,
    /// [`Tok::key`] of the word.
    key: u64,
}

/// The word at `b[i]` (a letter or an apostrophe), for the tokenizer and
/// the tense scans, when it ends within eight bytes read from `i`: its length (one to
/// seven) and its key ([`lexicon::pack_letters`] of its bytes, as
/// [`lexicon::pack_letters_at`] packs it). The word runs on over letters
/// and, with `apostrophes`, apostrophes ([`cue_word_end`]); without, over
/// letters after its first byte (the words of [`DateTagger::tense`], and
/// of the tokenizer, which calls it at a letter).
/// `None` otherwise, for the general path.
#[inline]
fn short_run(b: &[u8], i: usize, apostrophes: bool) -> Option<ShortWord> {
    let x = chunk_at(b, i)?;
    let mut word = letter_bytes(x);
    if apostrophes {
        word |= apostrophe_bytes(x);
    }
    // the first byte is in the word, whatever it is
    let other = !(word | 0x80) & HIGH_BITS;
    if other == 0 {
        return None;
    }
    let len = (other.trailing_zeros() / 8) as usize;
    // `len` is 1..=7: the shifts are in range; the byte from the register
    // rather than from the slice, which would be read again for it
    let next = (x >> (8 * len)) as u8;
    let key = (x | 0x2020_2020_2020_2020) & ((1u64 << (8 * len)) - 1);
    Some(ShortWord { len, next, key })
}

/// The tokenizer's words of letters from the letter `b[i]`, and the
/// spaces and single punctuation marks between them: the run of letters
/// from it, and while one space and a letter follow, or a mark (", ",
/// ". ") and then one space and a letter, the next word at once. Answers
/// where the tokenizer goes on, and the letter there when it is a word
/// running into digits ("mar3", "FY24"), which the general path must
/// read; none when `i` is past the words. A word of up to seven letters
/// (most words of news text) comes from one load: its end, the byte
/// after it and its key. Staying here over the marks and the longer
/// words saves a call and a turn of the tokenizer's loop per mark and per
/// long word, a third of the runs.
/// Not inlined: in the tokenizer's large body the loop's every value
/// lived on the stack, here they stay in registers.
#[inline(never)]
fn short_words(lex: &Lexicon, b: &[u8], mut i: usize, toks: &mut Vec<Tok>) -> (usize, Option<u8>) {
    // the caller is at a letter: the empty case only keeps this total
    let Some(&first) = b.get(i) else {
        return (i, None);
    };
    let mut c = first;
    loop {
        let (e, next) = if let Some(w) = short_run(b, i, false) {
            if w.next.is_ascii_digit() {
                return (i, Some(c));
            }
            let e = i + w.len;
            toks.push(Tok {
                lex: lex.packed(w.key),
                alpha: true,
                cap: c.is_ascii_uppercase(),
                key: w.key,
                ..Tok::at(i, e)
            });
            (e, Some(w.next))
        } else {
            let e = letters_end(b, i);
            let next = b.get(e).copied();
            if next.is_some_and(|x| x.is_ascii_digit()) {
                return (i, Some(c));
            }
            // up to eight letters the probe is as cheap as the bitmap
            // that rules out longer words
            let key = word_key(b, i, e);
            let found = if key != 0 {
                lex.packed(key)
            } else if b.get(i..e).is_some_and(|w| lex.may_contain(w)) {
                lex.letters_at(b, i, e)
            } else {
                None
            };
            toks.push(Tok {
                lex: found,
                alpha: true,
                cap: c.is_ascii_uppercase(),
                key,
                ..Tok::at(i, e)
            });
            (e, next)
        };
        i = e;
        match next {
            Some(b' ') => {}
            // the token the tokenizer's loop makes of an ASCII mark ('~'
            // it reads as a dash)
            Some(m) if m.is_ascii_punctuation() && m != b'~' => {
                toks.push(Tok::punct(e, e + 1, char::from(m)));
                i = e + 1;
                if b.get(i) != Some(&b' ') {
                    return (i, None);
                }
            }
            _ => return (i, None),
        }
        i += 1;
        match b.get(i) {
            Some(&n) if n.is_ascii_alphabetic() => c = n,
            _ => return (i, None),
        }
    }
}

/// The end of the run of ASCII letters in `b` from `i`.
#[inline]
fn letters_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let other = !letter_bytes(u64::from_le_bytes(chunk)) & HIGH_BITS;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

impl DateTagger {
    pub fn new() -> DateTagger {
        DateTagger {
            lex: Lexicon::load(),
            gate_words: gate_word_table(),
        }
    }

    /// Appends the date mentions of `text` to `out`.
    pub fn tag(&self, text: &str, dct: Option<&Dct>, out: &mut Vec<Mention>) {
        // The token buffer of the thread's previous document, reused: a
        // fresh one per document cost a large allocation (often through
        // `mmap`, with a page fault per page touched) and a copy at each
        // growth.
        let mut toks = TOKENS.with(std::cell::Cell::take);
        self.tokenize_into(text, &mut toks);
        self.tag_tokens(text, &toks, dct, out);
        if toks.capacity() <= MAX_KEPT_TOKENS {
            TOKENS.with(|cell| cell.set(toks));
        }
    }

    /// The grammar over `toks`, the tokens of `text`, with this tagger's
    /// word lists.
    fn parser<'a>(&'a self, text: &'a str, toks: &'a [Tok]) -> Parser<'a> {
        Parser {
            t: toks,
            text,
            phrases: &self.lex.phrases,
            phrase_first: &self.lex.phrase_first,
            phrase_first_packed: &self.lex.phrase_first_packed,
            phrase_order: &self.lex.phrase_order,
            names: &self.lex.names,
            gate_words: &self.gate_words,
            pass_through: &PASS_THROUGH_LIST,
            grammar: &GRAMMAR_LIST,
            failed_bases: [const { std::cell::Cell::new(usize::MAX) }; FAILED_BASES],
            failed_next: std::cell::Cell::new(0),
        }
    }

    fn tag_tokens(&self, text: &str, toks: &[Tok], dct: Option<&Dct>, out: &mut Vec<Mention>) {
        let p = self.parser(text, toks);
        let mut i = 0;
        // Sentence tense falls back on the document's dominant tense.
        let mut doc_tense: Option<Option<Tense>> = None;
        let mut last_quarter: Option<(usize, (i32, i8))> = None;
        let mut last_done_quarter: Option<(usize, (i32, i8))> = None;
        let mut last_weekday: Option<(usize, Rel)> = None;
        let mut last_anchor: Option<(usize, String)> = None;
        let mut last_day: Option<(usize, Option<i32>, i8)> = None;
        while i < toks.len() {
            // a token that is neither a number, a lexicon word nor an
            // apostrophe starts nothing (`may_start`): most tokens, skipped
            // in a tight loop (over the slice: no bounds test per token)
            i += toks.get(i..).map_or(0, |rest| {
                rest.iter()
                    .take_while(|t| t.num.is_none() && t.lex.is_none() && t.punct != Some('\''))
                    .count()
            });
            if !p.may_start(i) {
                i += 1;
                continue;
            }
            // "the Good Friday Agreement": a name, not a date
            if let Some(e) = p.holiday_name_end(i) {
                i = e;
                continue;
            }
            let Some(mut c) = p.best(i).or_else(|| p.listed_day(i, last_day)) else {
                i += 1;
                continue;
            };
            merge_day_and_clock_range(&p, &mut c);
            p.anaphoric(&mut c);
            // "next Monday or Tuesday", "next week Mon, Wed, Fri": a bare
            // weekday coordinated with a relative one shares its week
            if let (
                Val::Point(Pt::Weekday {
                    rel: rel @ None, ..
                }),
                Some((end, r)),
            ) = (&mut c.val, last_weekday)
            {
                if (end..c.s).all(|k| {
                    toks.get(k).is_some_and(|t| {
                        matches!(t.punct, Some(',' | '/')) || is_any!(p, k, &["or", "and"])
                    })
                }) {
                    *rel = Some(r);
                }
            }
            last_day = match &c.val {
                Val::Point(Pt::Day { y, m, .. }) => Some((c.e, *y, *m)),
                _ => None,
            };
            last_weekday = match &c.val {
                Val::Point(Pt::Weekday { rel: Some(r), .. }) => Some((c.e, *r)),
                _ => None,
            };
            let (Some(first), Some(last)) =
                (toks.get(c.s), c.e.checked_sub(1).and_then(|k| toks.get(k)))
            else {
                i += 1;
                continue;
            };
            let span = Span::new(first.s, last.e);
            // The tense scan is the costly part: only for values that need it.
            // "since August", "since late July": a start in the past,
            // whatever the sentence's tense
            // "until Tuesday", "as soon as Tuesday": a deadline ahead (or
            // today), even in a past sentence ("officials postponed until
            // Tuesday"); not a fronted "Until Tuesday, no one had ..."
            let deadline = ((is_any!(p, c.s, &["until", "till"])
                && !toks.get(c.s).is_some_and(|t| t.cap))
                || (c.s >= 3
                    && p.is(c.s - 1, "as")
                    && p.is(c.s - 2, "soon")
                    && p.is(c.s - 3, "as")))
                && c.on_weekday();
            // "pay the loan by February", "credit lines through January": a
            // deadline ahead, whatever the tense (a month is too long for
            // "by Tuesday"'s today)
            let month_deadline = is_any!(p, c.s, &["by", "through", "until", "till"])
                && !toks.get(c.s).is_some_and(|t| t.cap)
                && c.ends_yearless_month();
            let tense = if c.needs_tense() && p.is(c.s, "since") {
                Some(Tense::Past)
            } else if c.needs_tense() && deadline {
                None
            } else if month_deadline {
                Some(Tense::Future)
            } else if c.needs_tense() {
                self.tense(text, span)
                    .or_else(|| *doc_tense.get_or_insert_with(|| self.doc_tense(text)))
            } else {
                None
            };
            let quarter = last_quarter
                .filter(|(at, _)| span.start.saturating_sub(*at) < 2000)
                .map(|(_, q)| q);
            let done_quarter = last_done_quarter
                .filter(|(at, _)| span.start.saturating_sub(*at) < 2000)
                .map(|(_, q)| q);
            let near = last_anchor
                .as_ref()
                .filter(|(at, _)| span.start.saturating_sub(*at) < 1500);
            let cx = Cx {
                dct,
                tense,
                quarter,
                done_quarter,
                anchor: near.map(|(_, a)| a.as_str()),
                roll: true,
            };
            if p.is(c.s, "since") {
                start_before_dct(&mut c, &cx);
            }
            let mut new_anchor = None;
            let valued = out.len();
            if let Some(mut v) = value(&c.val, &cx) {
                interval_reading(&p, &c, &mut v);
                let named = matches!(
                    c.val,
                    Val::Point(Pt::Quarter { .. } | Pt::PartOfRelYear { half: false, .. })
                );
                // `named` first: most values are no quarter, and parsing
                // each value for one cost more than the rest of the test
                if let Some(q) = v.timex.as_deref().filter(|_| named).and_then(parse_quarter) {
                    last_quarter = Some((span.end, q));
                    if dct.is_some_and(|d| quarter_ended(q, d.date)) {
                        last_done_quarter = Some((span.end, q));
                    }
                }
                // a date of the calendar is the reference time of the
                // narrative that follows ("in June 1998 ... later that year")
                if let (Val::Point(_), Some(t)) = (&c.val, v.timex.as_deref()) {
                    if is_calendar_date(t) {
                        new_anchor = Some((span.end, t.to_string()));
                    }
                }
                out.push(Mention {
                    span,
                    value: MentionValue::Date(v),
                });
            }
            // the parts of a compound point, as mentions of their own: the
            // day of "Friday night" / "tomorrow at 7pm", the span of "three
            // days later" / "two weeks ago", the month of "the end of May"
            let mut push = |s: usize, e: usize, v: &Val| {
                if let (Some(a), Some(b), Some(v)) = (
                    toks.get(s),
                    e.checked_sub(1).and_then(|k| toks.get(k)),
                    value(v, &cx),
                ) {
                    out.push(Mention {
                        span: Span::new(a.s, b.e),
                        value: MentionValue::Date(v),
                    });
                }
            };
            if let Some((s, e, v)) = p.part(&c) {
                push(s, e, &v);
            }
            for (s, e, pt) in &c.inner {
                let v = Val::Point(pt.clone());
                let sub = Cand {
                    s: *s,
                    e: *e,
                    val: v,
                    inner: vec![],
                };
                push(*s, *e, &sub.val);
                if let Some((s, e, v)) = p.part(&sub) {
                    push(s, e, &v);
                }
            }
            if new_anchor.is_some() {
                last_anchor = new_anchor;
            }
            // A holiday in a year its table does not cover ("Diwali 1998")
            // has no value: its words are read again, so that the year is
            // still a mention.
            let unknown_year =
                out.len() == valued && matches!(c.val, Val::Point(Pt::Holiday { y: Some(_), .. }));
            i = if unknown_year { i + 1 } else { c.e.max(i + 1) };
        }
    }

    /// The month named by letters `w` (any case), for a name glued to a
    /// number ("14april", "Dec31").
    fn month_word(&self, w: &[u8]) -> Option<Lex> {
        self.lex.letters(w).filter(|l| matches!(l, Lex::Month(_)))
    }

    #[cfg(test)]
    fn tokenize(&self, text: &str) -> Vec<Tok> {
        let mut toks = Vec::new();
        self.tokenize_into(text, &mut toks);
        toks
    }

    /// Replaces the contents of `toks` with the tokens of `text`.
    fn tokenize_into(&self, text: &str, toks: &mut Vec<Tok>) {
        let b = text.as_bytes();
        toks.clear();
        // news text has about one token per five bytes
        toks.reserve(b.len() / 4 + 16);
        let mut i = 0;
        'bytes: while let Some(&c) = b.get(i) {
            if c == b' ' {
                i += 1;
                continue;
            }
            let class = BYTE_CLASS[usize::from(c)];
            // Words of letters alone, and the spaces and marks between
            // them, are made by `short_words`; a word that runs into
            // digits ("mar3", "FY24") is read by the general path below.
            let mut c = c;
            if class == C_ALPHA {
                match short_words(&self.lex, b, i, toks) {
                    (k, Some(n)) => (i, c) = (k, n),
                    (k, None) => {
                        i = k;
                        continue 'bytes;
                    }
                }
            }
            // a number of digits alone, built without the general path
            if class == C_DIGIT {
                let s = i;
                i += 1;
                while b
                    .get(i)
                    .is_some_and(|&x| BYTE_CLASS[usize::from(x)] == C_DIGIT)
                {
                    i += 1;
                }
                if b.get(i)
                    .is_none_or(|&x| BYTE_CLASS[usize::from(x)] & C_ALPHA == 0)
                {
                    let (num, ndig) = match b.get(s..i) {
                        Some(d) if d.len() <= 18 => (digits_value(d), d.len() as u8),
                        _ => (None, 0),
                    };
                    toks.push(Tok {
                        num,
                        ndig,
                        ..Tok::at(s, i)
                    });
                    continue;
                }
                i = s;
            }
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
                    cap: c.is_ascii_uppercase(),
                    ..Tok::at(s, i)
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
                        if let Some(m) = self.month_word(rest) {
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
                                key: word_key(b, s + nd, i),
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
                        let unit = self.lex.letters(rest).filter(|l| matches!(l, Lex::Unit(_)));
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
                                key: word_key(b, s + nd, i),
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
                    t.key = word_key(b, s, i);
                    if self.lex.may_contain(w) {
                        t.lex = self.lex.letters_at(b, s, i);
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
                        if let Some(m) = self.month_word(&w[..la]) {
                            toks.push(Tok {
                                e: s + la,
                                lex: Some(m),
                                alpha: true,
                                key: word_key(b, s, s + la),
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
    }

    /// The dominant tense of the whole text, from its cue words.
    fn doc_tense(&self, text: &str) -> Option<Tense> {
        let (mut past, mut fut) = (0usize, 0usize);
        // words are runs of ASCII letters and apostrophes: split on bytes,
        // as every byte of a non-ASCII character is a separator anyway
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if !CUE_BYTE[usize::from(c)] {
                i += 1;
                continue;
            }
            let s = i;
            // most words: their end and key from one load, their cue from
            // one probe, and the separator after them skipped here
            if let Some(w) = short_run(b, s, true) {
                i = s + w.len + 1;
                let cue = self.lex.cue_packed(w.key).tense;
                if cue.is_some() && matches!(self.lex.packed(w.key), Some(Lex::Weekday(_))) {
                    continue;
                }
                match cue {
                    Some(Tense::Past) => past += 1,
                    Some(Tense::Future) => fut += 1,
                    None => {}
                }
                continue;
            }
            i = cue_word_end(b, i);
            let Some(w) = b.get(s..i).filter(|w| w.len() <= 20) else {
                continue;
            };
            let cue = self.lex.cue_at(b, s, i).tense;
            // a weekday name is no cue, though spelled like one ("Sat")
            if cue.is_some() && matches!(self.lex.letters(w), Some(Lex::Weekday(_))) {
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

    /// The tense of the sentence around `span`: the nearest cue word that
    /// is not inside the mention. `None` when the sentence has no cue.
    fn tense(&self, text: &str, span: Span) -> Option<Tense> {
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
            if !CUE_BYTE[usize::from(b[i])] {
                i += 1;
                continue;
            }
            let s = i;
            // most words: end, key and cue from one load and one probe
            let short = short_run(b, s, false).filter(|w| s + w.len <= hi);
            i = match &short {
                Some(w) => s + w.len,
                None => letters_end(b, i + 1).min(hi),
            };
            if s >= span.start && i <= span.end {
                continue;
            }
            let w = &b[s..i];
            if w.len() > 20 {
                continue;
            }
            let cue = match short {
                Some(w) => self.lex.cue_packed(w.key),
                None => self.lex.cue_at(b, s, i),
            };
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
}

/// Is there a quotation mark in `r`: `"`, a backquote or two apostrophes
/// in a row? Searched with `memchr` (the tense scan asks for every cue
/// word, over the text between the cue and the date).
fn has_quote(r: &[u8]) -> bool {
    let mut k = 0;
    while let Some(at) = r
        .get(k..)
        .and_then(|rest| memchr::memchr3(b'"', b'`', b'\'', rest))
        .map(|p| k + p)
    {
        if r.get(at) != Some(&b'\'') || r.get(at + 1) == Some(&b'\'') {
            return true;
        }
        k = at + 1;
    }
    false
}

/// Added to the distance of a tense cue in another clause than the date's
/// (after a subordinator, or across a quotation mark): such a cue is used
/// only when the date's own clause has none.
const OTHER_CLAUSE: usize = 5_000;

const ABBREV: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "u.s", "no", "vs", "inc", "corp", "co", "jr", "sr", "gen", "gov",
    "sen", "rep", "m", "a", "p",
];

/// [`Tok::key`]s of [`ABBREV`] ("u.s" packs its dot, which no word of
/// letters has: it never matches there).
const ABBREV_KEYS: [u64; ABBREV.len()] = packed_keys(ABBREV);

/// A clock time said without a day ("5pm", not "5pm Monday").
fn dayless_clock(p: &Option<Pt>) -> bool {
    matches!(p, None | Some(Pt::Time { day: None, .. }))
}

/// "since April" in a February report, "since the end of January" in
/// April's: a yearless start that nearness or the tense put after the
/// DCT is the one of the year before (the mention of the inner point
/// too).
fn start_before_dct(c: &mut Cand, cx: &Cx) {
    let Some(dct) = cx.dct else { return };
    let Val::Range(Some(a), None) = &c.val else {
        return;
    };
    let start = match value(&c.val, cx)
        .and_then(|v| v.range)
        .and_then(|r| r.start)
    {
        Some(s) => s,
        None => return,
    };
    let Some(year) = start.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return;
    };
    if !earlier_at_common_grain(&ymd(dct.date), &start) {
        return;
    }
    let Some(moved) = a.in_year(year - 1) else {
        return;
    };
    let old = a.clone();
    for (_, _, pt) in c.inner.iter_mut().filter(|(_, _, pt)| *pt == old) {
        *pt = moved.clone();
    }
    c.val = Val::Range(Some(moved), None);
}

/// Put a clock time on a day: "2pm" of "Tuesday from 2pm to 4pm".
fn on_day(p: Pt, day: &Pt) -> Pt {
    match p {
        Pt::Time {
            day: None,
            h,
            mi,
            sec,
            amb,
        } => Pt::Time {
            day: Some(Box::new(day.clone())),
            h,
            mi,
            sec,
            amb,
        },
        other => other,
    }
}

/// "Tuesday from 2 to 4 pm", "tomorrow, 9-11am", "from 2pm to 4pm on the
/// 17th": a clock range next to a day is a range on that day, one mention.
fn merge_day_and_clock_range(p: &Parser, c: &mut Cand) {
    let is_clock_range = |v: &Val| {
        matches!(v, Val::Range(a, b) if (a.is_some() || b.is_some())
            && dayless_clock(a) && dayless_clock(b)
            && (a.as_ref().is_some_and(Pt::is_time) || b.as_ref().is_some_and(Pt::is_time)))
    };
    // "this evening from 7 to 9", "from 3-8 tonight": a day part puts bare
    // hours in the afternoon (at night only from six on: "at night from 1
    // to 3" is early morning); its day is the day of the range. The number
    // is the first hour to move, 12 for none.
    let tonight = |s: usize, e: usize| (s..e).any(|k| is_any!(p, k, &["tonight", "tonite"]));
    let day_of = |pt: &Pt| -> Option<(Pt, i8)> {
        match pt {
            Pt::Pod { day: Some(d), pod } if day_level(d) => {
                let from = match *pod {
                    "AF" | "EV" => 1,
                    "NI" => 6,
                    _ => 12,
                };
                Some(((**d).clone(), from))
            }
            d if day_level(d) => Some((d.clone(), 12)),
            _ => None,
        }
    };
    let (day, orig, day_span, range, e, pm) = match &c.val {
        // a day, then a clock range
        Val::Point(pt) if day_of(pt).is_some() => {
            let Some((day, pm)) = day_of(pt) else {
                return;
            };
            let k = if p.punct(c.e, ',') || p.is(c.e, "at") {
                c.e + 1
            } else {
                c.e
            };
            let Some(r) = p.best(k).filter(|r| r.s == k && is_clock_range(&r.val)) else {
                return;
            };
            let pm = if tonight(c.s, c.e) { 6 } else { pm };
            (day, pt.clone(), (c.s, c.e), r, None, pm)
        }
        // a clock range, then its day
        v if is_clock_range(v) => {
            let k = if is_any!(p, c.e, &["on", "of"]) || p.punct(c.e, ',') {
                c.e + 1
            } else {
                c.e
            };
            let Some((e, orig, (day, pm))) = p
                .point(k)
                .and_then(|(e, d)| Some((e, d.clone(), day_of(&d)?)))
            else {
                return;
            };
            let pm = if tonight(k, e) { 6 } else { pm };
            (day, orig, (k, e), c.clone(), Some(e), pm)
        }
        _ => return,
    };
    let pm = if p.has_ampm(range.s, range.e) { 12 } else { pm };
    let Val::Range(a, b) = range.val else {
        return;
    };
    let later = |x: Pt| match x {
        Pt::Time {
            day,
            h,
            mi,
            sec,
            amb,
        } if (pm..12).contains(&h) => Pt::Time {
            day,
            h: h + 12,
            mi,
            sec,
            amb,
        },
        other => other,
    };
    let (a, b) = (a.map(later), b.map(later));
    let mut inner: Vec<(usize, usize, Pt)> = range
        .inner
        .into_iter()
        .map(|(s, e, pt)| (s, e, on_day(later(pt), &day)))
        .collect();
    inner.push((day_span.0, day_span.1, orig));
    *c = Cand {
        s: c.s,
        e: e.unwrap_or(range.e),
        val: Val::Range(a.map(|x| on_day(x, &day)), b.map(|x| on_day(x, &day))),
        inner,
    };
}

/// Is the '.'/'!'/'?' at `i` a sentence end (not "Jan." or "p.m.")?
#[inline]
fn is_stop(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'!' | b'?' => true,
        b'.' => {
            if !b.get(i + 1).is_some_and(|c| c.is_ascii_whitespace()) {
                return false;
            }
            // the word before the dot: only its length up to nine letters
            // matters, as no abbreviation is longer than eight
            let mut s = i;
            while s > 0 && i - s < 9 && b[s - 1].is_ascii_alphabetic() {
                s -= 1;
            }
            let w = &b[s..i];
            // a word of letters is an abbreviation when its packed key is
            // one of theirs (as `eq_ignore_ascii_case` finds it; pinned by
            // a test): a compare per abbreviation, not a slice compare
            !(w.len() == 1 || lexicon::pack_letters(w).is_some_and(|k| ABBREV_KEYS.contains(&k)))
        }
        _ => false,
    }
}

/// For each byte of `x` that may end a sentence (a line break, "!", "?"
/// or "."), its high bit set; maybe also for a byte after one (a borrow
/// runs on), never for a chunk without one: a chunk whose answer is 0 is
/// passed over whole by the sentence scans.
#[inline]
fn stop_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH_BITS;
    zero(x ^ (ONES * 0x0a))
        | zero(x ^ (ONES * 0x21))
        | zero(x ^ (ONES * 0x3f))
        | zero(x ^ (ONES * 0x2e))
}

/// For each byte of `x` that may end a sentence, its high bit set, and
/// for no other byte (no borrow runs from one byte into the next): where
/// [`stop_bytes`] found a chunk with one, the sentence scans go straight
/// to it.
#[inline]
fn stop_bytes_exact(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |v: u64| !(((v & !HIGH_BITS) + !HIGH_BITS) | v) & HIGH_BITS;
    zero(x ^ (ONES * 0x0a))
        | zero(x ^ (ONES * 0x21))
        | zero(x ^ (ONES * 0x3f))
        | zero(x ^ (ONES * 0x2e))
}

/// The eight bytes `b[i..i + 8]` as one word, when all are in `b`.
#[inline]
fn chunk_at(b: &[u8], i: usize) -> Option<u64> {
    let chunk = <[u8; 8]>::try_from(b.get(i..i.checked_add(8)?)?).ok()?;
    Some(u64::from_le_bytes(chunk))
}

fn sentence_start(b: &[u8], from: usize) -> usize {
    let floor = from.saturating_sub(300);
    let mut i = from.min(b.len());
    while i > floor {
        // eight bytes with no stop among them at once: most bytes are
        // letters, and a date's sentence starts some way back
        if let Some(x) = (i - floor >= 8).then(|| chunk_at(b, i - 8)).flatten() {
            if stop_bytes(x) == 0 {
                i -= 8;
                continue;
            }
            // the chunk's last byte that may end a sentence: none after it
            match stop_bytes_exact(x) {
                0 => {
                    i -= 8;
                    continue;
                }
                m => i = i - 8 + (63 - m.leading_zeros() as usize) / 8 + 1,
            }
        }
        // the byte test first: `is_stop` is a call, and most bytes are letters
        if matches!(b[i - 1], b'\n' | b'!' | b'?' | b'.') && is_stop(b, i - 1) {
            return i;
        }
        i -= 1;
    }
    floor
}

fn sentence_end(b: &[u8], from: usize) -> usize {
    let ceil = (from + 300).min(b.len());
    let mut i = from.min(b.len());
    while i < ceil {
        if let Some(x) = (ceil - i >= 8).then(|| chunk_at(b, i)).flatten() {
            if stop_bytes(x) == 0 {
                i += 8;
                continue;
            }
            // the chunk's first byte that may end a sentence: none before it
            match stop_bytes_exact(x) {
                0 => {
                    i += 8;
                    continue;
                }
                m => i += m.trailing_zeros() as usize / 8,
            }
        }
        if matches!(b[i], b'\n' | b'!' | b'?' | b'.') && is_stop(b, i) {
            return i;
        }
        i += 1;
    }
    ceil
}

/// A short lower-cased word on the stack.
struct Lower<'a> {
    buf: [u8; 16],
    len: usize,
    /// The word as written, when it has no capital: [`Lower::as_str`]
    /// gives it back without a UTF-8 check of `buf`.
    same: Option<&'a str>,
}

impl Lower<'_> {
    /// The letters, without the UTF-8 check of [`Lower::as_str`]: what the
    /// grammar's dispatch on a word matches.
    fn as_bytes(&self) -> &[u8] {
        match self.same {
            Some(w) => w.as_bytes(),
            None => self.buf.get(..self.len).unwrap_or(&[]),
        }
    }
    fn as_str(&self) -> &str {
        match self.same {
            Some(w) => w,
            None => std::str::from_utf8(self.buf.get(..self.len).unwrap_or(&[])).unwrap_or(""),
        }
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        match self.same {
            Some(w) => w == *other,
            // the letters are ASCII: no UTF-8 check needed to compare them
            None => self.buf.get(..self.len) == Some(other.as_bytes()),
        }
    }
}

/// The rules [`Parser::best`] tries besides `point`, as bits of
/// [`Parser::rule_gate`].
const RULE_INTERVAL: u8 = 1;
const RULE_CLOCK_FOR: u8 = 2;
const RULE_PAST_TO: u8 = 4;
const RULE_NTH_UPCOMING: u8 = 8;
const RULE_DURATION: u8 = 16;
const RULE_SET: u8 = 32;

/// The words that open the rules of [`Parser::best`] besides `point`,
/// each list with the `RULE_*` bits it opens (see [`Parser::rule_gate`]).
/// A word's bits come from one probe of [`DateTagger::gate_words`] where
/// a test of each list cost a compare per word.
const GATE_WORDS: &[(u8, &[&str])] = &[
    // `count_unit_at`'s counting words ("a", "several", "half a"), which
    // `clock_for` and `duration` start with
    (
        RULE_CLOCK_FOR | RULE_DURATION,
        &[
            "a", "an", "several", "few", "some", "many", "couple", "another", "half",
        ],
    ),
    // `interval`: its words ("from", "since", "by", "no later than")
    (
        RULE_INTERVAL,
        &[
            "from",
            "between",
            "more",
            "less",
            "early",
            "late",
            "later",
            "earlier",
            "greater",
            "no",
            "not",
            "since",
            "after",
            "starting",
            "beginning",
            "through",
            "thru",
            "until",
            "till",
            "by",
            "before",
            "second",
        ],
    ),
    // `clock_for`: "from 2pm for 2 hours"
    (RULE_CLOCK_FOR, &["from", "starting", "beginning"]),
    // `past_to`: "half past", "quarter to", "a quarter past"
    (RULE_PAST_TO, &["half", "quarter", "a"]),
    // `nth_upcoming`: "upcoming two weeks"
    (RULE_NTH_UPCOMING, &["upcoming", "coming"]),
    // `duration`: "the past two months", "the coming weeks"
    (
        RULE_DURATION,
        &[
            "the", "past", "last", "next", "coming", "first", "latest", "previous", "recent",
        ],
    ),
    // `set`: "once a week", "bi-weekly", "every Monday"
    (
        RULE_SET,
        &["once", "twice", "semi", "bi", "every", "each", "per"],
    ),
];

/// [`GATE_WORDS`] as a table of packed words (those of up to eight
/// letters) to the bits of all the lists each is in.
fn gate_word_table() -> crate::hash::PackedTable<u8> {
    let mut bits: Vec<(u64, u8)> = GATE_WORDS
        .iter()
        .flat_map(|&(bit, ws)| {
            ws.iter()
                .filter_map(move |w| lexicon::pack_letters(w.as_bytes()).map(|k| (k, bit)))
        })
        .collect();
    bits.sort_unstable();
    let mut merged: Vec<(u64, u8)> = Vec::with_capacity(bits.len());
    for (key, bit) in bits {
        match merged.last_mut() {
            Some((k, b)) if *k == key => *b |= bit,
            _ => merged.push((key, bit)),
        }
    }
    crate::hash::PackedTable::new(merged)
}

/// The grammar, over the token slice.
struct Parser<'a> {
    t: &'a [Tok],
    text: &'a str,
    phrases: &'a [lexicon::Phrase],
    phrase_first: &'a lexicon::FastMap<String, Vec<usize>>,
    phrase_first_packed: &'a crate::hash::PackedTable<(u32, u32)>,
    phrase_order: &'a [usize],
    names: &'a [&'static str],
    /// [`gate_word_table`].
    gate_words: &'a crate::hash::PackedTable<u8>,
    /// [`PASS_THROUGH_LIST`] and [`GRAMMAR_LIST`], read once per text:
    /// `may_start` consults them on nearly every function word, and each
    /// read of a `LazyLock` tests whether it is made.
    pass_through: &'a WordList,
    grammar: &'a WordList,
    /// The last tokens where [`Parser::base_at`] failed ([`Parser::base`];
    /// `usize::MAX`, past any token, where none is kept yet) and the slot
    /// the next one goes to, round the ring.
    failed_bases: [std::cell::Cell<usize>; FAILED_BASES],
    failed_next: std::cell::Cell<usize>,
}

/// How many failed points [`Parser::base`] keeps: the repeated ones are
/// one to three starts back (four catch 73 % of the repeats of 1,500 bench
/// articles, two 68 %, one 38 %).
const FAILED_BASES: usize = 4;

impl<'a> Parser<'a> {
    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.t.get(i)
    }
    fn word(&self, i: usize) -> &'a str {
        self.t
            .get(i)
            .filter(|t| t.alpha)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }
    /// Token `i` in lower case, without allocating ("" for long words).
    fn lower(&self, i: usize) -> Lower<'a> {
        // a word of up to eight letters is already lower-cased in its key
        // (one byte a letter, zero-padded): no slicing or scan of the text
        if let Some(t) = self.t.get(i).filter(|t| t.key != 0) {
            let mut buf = [0; 16];
            for (b, k) in buf.iter_mut().zip(t.key.to_le_bytes()) {
                *b = k;
            }
            return Lower {
                buf,
                len: (t.e - t.s).min(8),
                same: None,
            };
        }
        let w = self.word(i);
        let mut l = Lower {
            buf: [0; 16],
            len: 0,
            same: None,
        };
        if w.len() <= l.buf.len() {
            if w.bytes().any(|c| c.is_ascii_uppercase()) {
                for (b, c) in l.buf.iter_mut().zip(w.bytes()) {
                    *b = c.to_ascii_lowercase();
                }
            } else {
                l.same = Some(w);
            }
            l.len = w.len();
        }
        l
    }
    /// The bytes of [`Parser::word`]: a word token is ASCII letters, so
    /// comparing bytes skips the char-boundary checks of `str::get`.
    fn word_bytes(&self, i: usize) -> &'a [u8] {
        self.t
            .get(i)
            .filter(|t| t.alpha)
            .and_then(|t| self.text.as_bytes().get(t.s..t.e))
            .unwrap_or(&[])
    }
    /// Is token `i` the word `w` (any case)? For a word of up to eight
    /// letters, one compare of packed words (`w` packs at compile time
    /// where it is spelled out); pinned to the byte comparison by a
    /// proptest in `tests.rs`.
    #[inline(always)]
    fn is(&self, i: usize, w: &str) -> bool {
        self.is_packed(i, w, lexicon::pack_letters(w.as_bytes()))
    }
    /// [`Parser::is`] given `w`'s [`lexicon::pack_letters`], packed
    /// beforehand (a phrase's words are packed once, at load).
    #[inline(always)]
    fn is_packed(&self, i: usize, w: &str, key: Option<u64>) -> bool {
        match key {
            // every word token of up to eight letters has its key, and no
            // other token has one: a token without a key (a number, a
            // mark, a longer word: most tokens a failed start is tested
            // on) is refused by the same compare, without reading the text
            Some(key) => self.t.get(i).is_some_and(|t| t.key == key),
            None => self.word_bytes(i).eq_ignore_ascii_case(w.as_bytes()),
        }
    }
    /// Is token `i` one of the words `ws` (any case)? As [`Parser::is`].
    #[inline(always)]
    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        if let Some(t) = self.t.get(i).filter(|t| t.key != 0) {
            return ws
                .iter()
                .any(|w| lexicon::pack_letters(w.as_bytes()) == Some(t.key));
        }
        let x = self.word_bytes(i);
        !x.is_empty() && ws.iter().any(|w| x.eq_ignore_ascii_case(w.as_bytes()))
    }
    /// [`Parser::is_any`] given the words' packed keys too (`is_any!`).
    #[inline(always)]
    fn is_any_keyed(&self, i: usize, keys: &[u64], ws: &[&str]) -> bool {
        match self.t.get(i) {
            // a loop the compiler unrolls over the list, where `contains`
            // is a call per test (most lists are a few words)
            Some(t) if t.key != 0 => {
                for &k in keys {
                    if k == t.key {
                        return true;
                    }
                }
                false
            }
            // a token without a key can be only a word of the list that
            // has none (longer than eight letters): for most lists, known
            // at compile time, no test at all
            _ if keys.iter().all(|&k| k != 0) => false,
            _ => {
                let x = self.word_bytes(i);
                !x.is_empty() && ws.iter().any(|w| x.eq_ignore_ascii_case(w.as_bytes()))
            }
        }
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.punct == Some(c))
    }
    /// Is the word at `i` one that makes the holiday before it a name
    /// ("Good Friday Agreement", "Easter Rising")?
    fn names_event(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.alpha) && {
            let w = self.lower(i);
            self.names.iter().any(|n| w == *n)
        }
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        self.tok(i).and_then(|t| t.lex)
    }
    /// Tokens `i` and `i + 1` touch (no space between them).
    fn glued(&self, i: usize) -> bool {
        matches!((self.tok(i), self.tok(i + 1)), (Some(a), Some(b)) if a.e == b.s)
    }
    /// Skips an optional "." glued to token `i - 1` (abbreviations: "Jan.").
    fn dot(&self, i: usize) -> usize {
        if i > 0
            && self.punct(i, '.')
            && self.glued(i - 1)
            && self.tok(i - 1).is_some_and(|t| t.e - t.s <= 4)
            // "May.", "June.", "July." end a sentence: they are full names
            && !is_any!(self, i - 1, &["may", "june", "july"])
        {
            i + 1
        } else {
            i
        }
    }

    /// The longest match starting at token `i`.
    /// Whether an expression can start at token `i`: a cheap test before
    /// [`Parser::best`], which most tokens of a news text would fail at
    /// length. Two thirds of the tokens it was tried on were function words
    /// ("in the", "on a"), apostrophes ("company's") and percentages.
    fn may_start(&self, i: usize) -> bool {
        let Some(tk) = self.tok(i) else {
            return false;
        };
        if tk.num.is_some() {
            // the digits after the separator of "7,577,207" or "4.05": the
            // inside of a number starts nothing (after a slash they may be a
            // year or a day: "2003/2004", "19/20 February")
            let inside_number = i >= 2
                && self.glued(i - 2)
                && self.glued(i - 1)
                && self
                    .tok(i - 2)
                    .is_some_and(|t| t.num.is_some() && t.suflen == 0)
                && ((self.punct(i - 1, ',') && tk.ndig == 3) || self.punct(i - 1, '.'));
            if inside_number {
                return false;
            }
            // "5%" is a share, never a date
            return !(self.punct(i + 1, '%') && self.glued(i));
        }
        if tk.punct == Some('\'') {
            // only "'90s", "'08"
            return self.tok(i + 1).is_some_and(|n| n.num.is_some());
        }
        match tk.lex {
            None => false,
            // the first word of a holiday phrase ("black", "world") counts
            // only when the whole phrase is there
            Some(Lex::Phrase) => self.phrase_match(i).is_some(),
            // A function word ("the", "in", "by") starts an expression only
            // when, past any further function words ("in the", "by the
            // end"), a date word, a number, a hyphen or a word the grammar
            // reads by its spelling ("end of", "at the moment") follows.
            Some(Lex::Kw) if tk.alpha && !is_any!(self, i, &["eod", "eom", "eoy"]) => {
                let spelled = |j: usize, list: &WordList| {
                    self.tok(j)
                        .is_some_and(|t| list.contains_tok(self.text.as_bytes(), t))
                };
                let mut j = i + 1;
                while j < i + 6
                    && self.lex(j) == Some(Lex::Kw)
                    && self.tok(j).is_some_and(|n| n.alpha)
                    && spelled(j, self.pass_through)
                {
                    j += 1;
                }
                if j == i + 6 {
                    return true;
                }
                self.tok(j).is_some_and(|n| {
                    n.lex.is_some()
                        || n.num.is_some()
                        || matches!(n.punct, Some('-' | '\''))
                        || (n.alpha && spelled(j, self.grammar))
                })
            }
            Some(_) => true,
        }
    }

    /// "July 17th, 18th or 19th": a bare ordinal in digits listed after a
    /// date (`last`: its end, year and month) is a day of the same month.
    /// Only when a comma, "and" or "or" joins them and no noun follows the
    /// ordinal ("June 5, 6th graders" is no date).
    fn listed_day(&self, i: usize, last: Option<(usize, Option<i32>, i8)>) -> Option<Cand> {
        let (end, y, m) = last?;
        let t = self.tok(i)?;
        if t.ndig > 2 || !matches!(t.suffix(), b"st" | b"nd" | b"rd" | b"th") {
            return None;
        }
        let (e, d) = self.day_num(i)?;
        if end >= i
            || i - end > 3
            || !(end..i).all(|k| self.punct(k, ',') || is_any!(self, k, &["and", "or"]))
            || !valid(y.unwrap_or(2000), m, d)
        {
            return None;
        }
        if self.tok(e).is_some_and(|n| {
            n.alpha && n.lex.is_none() && !is_any!(self, e, &["and", "or", "for", "to", "with"])
        }) {
            return None;
        }
        Some(Cand {
            s: i,
            e,
            val: Val::Point(Pt::Day { y, m, d }),
            inner: vec![],
        })
    }

    /// The rules of [`Parser::best`] besides `point` that may match at
    /// token `i` (`RULE_*` bits), from the token alone: each bit is the
    /// first test of its rule, read off the rule (a rule whose bit is
    /// clear returns `None` there). `point`: whether a point was parsed
    /// at `i`, which the interval and clock-span rules build on. Pinned
    /// to the rules by tests in `tests.rs` (a clear bit, no match).
    #[inline]
    fn rule_gate(&self, i: usize, point: bool) -> u8 {
        let Some(t) = self.tok(i) else {
            return 0;
        };
        // the rules its word opens ([`GATE_WORDS`])
        let mut gate = self.gate_words_at(i);
        // `card`: digits alone, or a number word ("two", "twenty")
        let card = t.int().is_some() || matches!(t.lex, Some(Lex::Card(_) | Lex::Tens(_)));
        // `interval`: a range that starts with a point, an hour or a day
        // number ("19th to 21st Aug")
        if point || t.num.is_some() || matches!(t.lex, Some(Lex::Ord(_) | Lex::Tens(_))) {
            gate |= RULE_INTERVAL;
        }
        // `clock_for`: a clock time starting at `i` ("from 2pm for 2
        // hours"), or a count of `count_unit_at` (a card, digits with a
        // unit: "3h") after "for" ("for 3 hours from 10 am")
        if point || card || t.num.is_some() {
            gate |= RULE_CLOCK_FOR;
        }
        // `past_to`: "ten to", `nth_upcoming`: "two upcoming weeks"
        if card {
            gate |= RULE_PAST_TO | RULE_NTH_UPCOMING;
        }
        // `duration`: a count ("five years", "5 past years"), "(for) years"
        if card || t.num.is_some() || matches!(t.lex, Some(Lex::Unit(_))) {
            gate |= RULE_DURATION;
        }
        // `set`: a set word ("daily", "Mondays"), a weekday ("Tuesday
        // afternoons"), "three times a year"
        if matches!(
            t.lex,
            Some(Lex::Set(_) | Lex::Weekdays(_) | Lex::Weekday(_) | Lex::Card(_))
        ) {
            gate |= RULE_SET;
        }
        gate
    }

    /// The `RULE_*` bits of the lists of [`GATE_WORDS`] that token `i`
    /// is in (as [`Parser::is_any`] finds it in each; pinned by a test):
    /// one probe for a word of up to eight letters.
    #[inline]
    fn gate_words_at(&self, i: usize) -> u8 {
        match self.tok(i) {
            Some(t) if t.key != 0 => self.gate_words.get(t.key).unwrap_or(0),
            Some(t) if t.alpha => GATE_WORDS
                .iter()
                .filter(|(_, ws)| self.is_any(i, ws))
                .fold(0, |g, (bit, _)| g | bit),
            _ => 0,
        }
    }

    fn best(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        // inlined, and given only what a rule found: most starts find
        // nothing, and a closure taking every rule's `Option<Cand>` cost
        // a call and a copy of the empty candidate per rule
        #[inline(always)]
        fn take(best: &mut Option<Cand>, c: Option<Cand>) {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.e > b.e) {
                    *best = Some(c);
                }
            }
        }
        let point = |e: usize, pt: Pt| Cand {
            s: i,
            e,
            val: Val::Point(pt),
            inner: vec![],
        };
        // The point at `i` is parsed once and shared with the interval
        // rules that start with it.
        let here = self.point(i);
        // the other rules only where their first token allows them: most
        // starts are a function word or a number that starts none of them
        let gate = self.rule_gate(i, here.is_some());
        if gate & RULE_INTERVAL != 0 {
            take(&mut best, self.interval(i, here.as_ref()));
        }
        if gate & RULE_CLOCK_FOR != 0 {
            take(&mut best, self.clock_for(i, here.as_ref()));
        }
        if gate & RULE_PAST_TO != 0 {
            if let Some((e, pt)) = self.past_to(i) {
                take(&mut best, Some(point(e, pt)));
            }
        }
        if let Some((e, pt)) = here {
            take(&mut best, Some(point(e, pt)));
        }
        if gate & RULE_NTH_UPCOMING != 0 {
            if let Some((e, pt)) = self.nth_upcoming(i) {
                take(&mut best, Some(point(e, pt)));
            }
        }
        let duration = if gate & RULE_DURATION != 0 {
            self.duration(i)
        } else {
            None
        };
        take(
            &mut best,
            duration.map(|(e, d)| {
                // "the first nine months of 1997": a span of that year, and
                // the year a mention of its own
                if let Some((e2, a)) = self.of_year(i, e, &d) {
                    let y = a.of_year.unwrap_or_default();
                    return Cand {
                        s: i,
                        e: e2,
                        val: Val::Duration(d, Some(a)),
                        inner: vec![(e + 1, e2, Pt::Year(y))],
                    };
                }
                let anchor = self.anchor(i, &d);
                Cand {
                    s: i,
                    e,
                    val: Val::Duration(d, anchor),
                    inner: vec![],
                }
            }),
        );
        if let Some((e, d)) = (gate & RULE_SET != 0).then(|| self.set(i)).flatten() {
            take(
                &mut best,
                Some(Cand {
                    s: i,
                    e,
                    val: Val::Set(d),
                    inner: vec![],
                }),
            );
        }
        best
    }

    // ---- numbers

    /// A cardinal in digits or words ("18", "two", "twenty-four").
    #[inline(always)]
    fn card(&self, i: usize) -> Option<(usize, u64)> {
        let t = self.tok(i)?;
        if let Some(n) = t.int() {
            // "1,500" is a number, not "1" then "500".
            if self.punct(i + 1, ',')
                && self.tok(i + 2).is_some_and(|x| x.ndig == 3)
                && self.glued(i)
            {
                return None;
            }
            return Some((i + 1, n));
        }
        let (j, n) = self.word_card(i)?;
        if is_any!(self, j, &["hundred", "thousand"]) {
            return Some(self.scaled(j, n));
        }
        Some((j, n))
    }

    /// `n` words long ("two", "twenty-five") times the scale words at `j`:
    /// "two hundred", "one hundred and five", "three thousand",
    /// "twenty-five hundred".
    #[cold]
    fn scaled(&self, j: usize, n: u64) -> (usize, u64) {
        let (mut j, mut n) = (j, n);
        if self.is(j, "hundred") {
            j += 1;
            n *= 100;
            if self.is(j, "and") {
                // below a hundred: "one hundred and five"
                if let Some((k, m)) = self.word_card(j + 1).filter(|&(_, m)| m < 100) {
                    j = k;
                    n += m;
                }
            }
        }
        if self.is(j, "thousand") {
            j += 1;
            n *= 1000;
        }
        (j, n)
    }

    /// A cardinal in words without a scale word: "five", "twenty-one".
    #[inline(always)]
    fn word_card(&self, i: usize) -> Option<(usize, u64)> {
        match self.lex(i)? {
            Lex::Card(n) => Some((i + 1, n as u64)),
            Lex::Tens(n) => {
                let j = if self.punct(i + 1, '-') { i + 2 } else { i + 1 };
                match self.lex(j) {
                    Some(Lex::Card(u)) if (1..10).contains(&u) => Some((j + 1, (n + u) as u64)),
                    _ => Some((i + 1, n as u64)),
                }
            }
            _ => None,
        }
    }

    /// An ordinal ("3rd", "third", "twenty-first").
    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        if let Some(n) = t.num {
            if matches!(t.suffix(), b"st" | b"nd" | b"rd" | b"th") && t.ndig <= 2 {
                return Some((i + 1, n as u32));
            }
            return None;
        }
        if self.is(i, "second") {
            return Some((i + 1, 2));
        }
        match t.lex? {
            Lex::Ord(n) => Some((i + 1, n)),
            Lex::Tens(n) => {
                let j = if self.punct(i + 1, '-') { i + 2 } else { i + 1 };
                if self.is(j, "second") {
                    return Some((j + 1, n + 2));
                }
                match self.lex(j) {
                    Some(Lex::Ord(u)) if u < 10 => Some((j + 1, n + u)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A day of the month: "1", "1st", "first".
    fn day_num(&self, i: usize) -> Option<(usize, i8)> {
        let (j, n) = match self.ordinal(i) {
            Some(x) => (x.0, x.1 as u64),
            None => {
                let t = self.tok(i)?;
                (i + 1, if t.ndig <= 2 { t.int()? } else { return None })
            }
        };
        (1..=31).contains(&n).then_some((j, n as i8))
    }

    /// A four-digit year, not part of a bigger number ("1,999", "2019.5").
    fn year(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.tok(i)?;
        let y = t.int()?;
        if t.ndig != 4 || !(1000..=2999).contains(&y) {
            return None;
        }
        // "Saturday, 26 February 1600 GMT": a kick-off time, not the year
        if self.wire_clock(i) {
            return None;
        }
        if i > 0
            && self.glued(i - 1)
            && (self.punct(i - 1, ',') || self.punct(i - 1, '.') || self.punct(i - 1, '$'))
        {
            return None;
        }
        // "1990.5", "2,000,000": a number, not a year; but "in 1990.\"" ends a quote.
        let digit_after = self.tok(i + 2).is_some_and(|t| t.num.is_some());
        if self.glued(i)
            && (self.punct(i + 1, '%')
                || ((self.punct(i + 1, '.') || self.punct(i + 1, ','))
                    && self.glued(i + 1)
                    && digit_after))
        {
            return None;
        }
        Some((i + 1, y as i32))
    }

    /// A plausible bare year: 4 digits within 1800–2199 (others are counts).
    fn bare_year(&self, i: usize) -> Option<(usize, i32)> {
        let (j, y) = self.year(i)?;
        if !(1800..=2199).contains(&y) {
            return None;
        }
        if self.punct(j, '%') || (i > 0 && (self.punct(i - 1, '$') || self.punct(i - 1, '#'))) {
            return None;
        }
        Some((j, y))
    }

    fn month(&self, i: usize) -> Option<(usize, i8)> {
        match self.lex(i)? {
            Lex::Month(m) => {
                let w = self.word(i);
                // "may", "march" and "sun"-like clashes: lower-case "may" is a verb.
                if m == 5 && !w.starts_with('M') {
                    return None;
                }
                let j = self.dot(i + 1);
                Some((j, m))
            }
            _ => None,
        }
    }

    // ---- points

    /// A point, optionally with a time of day or part of day attached.
    fn point(&self, i: usize) -> Option<(usize, Pt)> {
        // The words read before `base` below ("the day before", "the
        // morning of", "weekend of", "end of day", "EOM", "one day") are
        // six words and the parts of day, after an optional "the", and
        // "one": the token's key and entry, read once, rule them all out at
        // most starts (a number, a function word, a month), where each of
        // a dozen tests read the token again.
        const OPENERS: [u64; 6] = packed_keys(&["day", "weekend", "end", "eod", "eom", "eoy"]);
        let d0 = if self.is(i, "the") { i + 1 } else { i };
        let opens = self
            .tok(d0)
            .is_some_and(|t| OPENERS.contains(&t.key) || matches!(t.lex, Some(Lex::Pod(_))))
            || self.is(i, "one");
        if opens {
            // "the day before last Tuesday", "day after tomorrow at 8am"
            if self.is(d0, "day") && is_any!(self, d0 + 1, &["before", "after"]) {
                let n = if self.is(d0 + 1, "before") { -1 } else { 1 };
                let from = |base: Pt| Pt::From {
                    n,
                    unit: Unit::Day,
                    base: Box::new(base),
                };
                match self.point(d0 + 2) {
                    Some((e, b)) if day_level(&b) => return Some((e, from(b))),
                    // "the day before yesterday at 8am"
                    Some((
                        e,
                        Pt::Time {
                            day: Some(d),
                            h,
                            mi,
                            sec,
                            amb,
                        },
                    )) if day_level(&d) => {
                        return Some((
                            e,
                            Pt::Time {
                                day: Some(Box::new(from(*d))),
                                h,
                                mi,
                                sec,
                                amb,
                            },
                        ))
                    }
                    _ => {}
                }
            }
            // "the morning of June 5", "the night of the 15th": that part of that day
            if let Some(Lex::Pod(pod)) = self.lex(d0) {
                let pod = pod.as_str();
                if self.is(d0 + 1, "of") && !self.word(d0).ends_with('s') {
                    if let Some((e, day)) = self.point(d0 + 2).filter(|(_, d)| day_level(d)) {
                        return Some((
                            e,
                            Pt::Pod {
                                day: Some(Box::new(day)),
                                pod,
                            },
                        ));
                    }
                }
            }
            // "the weekend of Halloween", "weekend of June 3"
            if self.is(d0, "weekend") && self.is(d0 + 1, "of") {
                if let Some((e, day)) = self.point(d0 + 2).filter(|(_, d)| day_level(d)) {
                    return Some((e, Pt::WeekendOf(Box::new(day))));
                }
            }
            // "end of (the) day", "EOD": the last second of the DCT's day (not
            // the idiom "at the end of the day", ultimately)
            let e0 = if self.is(i, "the") { i + 1 } else { i };
            let eod = if self.is(e0, "end")
                && self.is(e0 + 1, "of")
                && self.is(e0 + 2 + usize::from(self.is(e0 + 2, "the")), "day")
                && !(e0 >= 2 && self.is(e0 - 1, "the") && self.is(e0 - 2, "at"))
                && !(e0 == i + 1 && i > 0 && self.is(i - 1, "at"))
            {
                Some(e0 + 3 + usize::from(self.is(e0 + 2, "the")))
            } else if self.is(e0, "eod") {
                Some(e0 + 1)
            } else {
                None
            };
            // "EOM": the end of the DCT's month ("BOM" is more often the
            // Bureau of Meteorology or a bill of materials than a date)
            if self.is(e0, "eom") {
                return Some((
                    e0 + 1,
                    Pt::Part {
                        end: true,
                        base: Box::new(Pt::Shift {
                            n: 0,
                            unit: Unit::Month,
                        }),
                    },
                ));
            }
            // "EOY": the DCT's year, read as its last third (`interval_reading`)
            if self.is(e0, "eoy") {
                return Some((
                    e0 + 1,
                    Pt::Shift {
                        n: 0,
                        unit: Unit::Year,
                    },
                ));
            }
            if let Some(e) = eod {
                return Some((
                    e,
                    Pt::Time {
                        day: Some(Box::new(Pt::Shift {
                            n: 0,
                            unit: Unit::Day,
                        })),
                        h: 23,
                        mi: Some(59),
                        sec: Some(59),
                        amb: false,
                    },
                ));
            }
            // "will one day be", "he one day follows": some day in the future
            if self.is(i, "one")
                && self.is(i + 1, "day")
                && i > 0
                && is_any!(
                    self,
                    i - 1,
                    &[
                        "will", "would", "could", "might", "may", "can", "shall", "should", "he",
                        "she", "they", "we", "i", "you", "it",
                    ],
                )
                && self.tok(i + 2).is_some_and(|t| t.alpha)
                && !is_any!(
                    self,
                    i + 2,
                    &["of", "and", "or", "ago", "later", "earlier", "after", "before", "to",],
                )
            {
                return Some((i + 2, Pt::Lit("FUTURE_REF".into())));
            }
        }
        let (mut j, mut pt) = self.base(i)?;
        if pt.is_time() {
            // "3 p.m. Friday", "noon tomorrow", "9am on Monday"
            let k = if is_any!(self, j, &["on", "this", "next"]) && self.is(j, "on") {
                j + 1
            } else {
                j
            };
            if let Some((e, day)) = self.base(k).filter(|(_, d)| day_level(d)) {
                if let Pt::Time {
                    h, mi, sec, amb, ..
                } = pt
                {
                    // "8 on Friday evening", "7 tomorrow night": the day's
                    // part of day takes the hour after noon (at night
                    // from six on), when no am/pm was said
                    let pod = match self.lex(e) {
                        Some(Lex::Pod(p)) if !self.word(e).ends_with('s') => Some(p.as_str()),
                        _ => None,
                    };
                    let (e, h) = match pod {
                        Some(p) if !self.has_ampm(i, j) => {
                            let from = match p {
                                "AF" | "EV" => 1,
                                "NI" => 6,
                                _ => 13,
                            };
                            (e + 1, if (from..12).contains(&h) { h + 12 } else { h })
                        }
                        Some(_) => (e + 1, h),
                        None => (e, h),
                    };
                    return Some((
                        e,
                        Pt::Time {
                            day: Some(Box::new(day)),
                            h,
                            mi,
                            sec,
                            amb,
                        },
                    ));
                }
            }
            // "late at night on Friday", "early morning on Christmas Day":
            // a part of day put on the day named after "on"; without "on"
            // only a weekday or a near day ("mid-afternoon yesterday",
            // "late afternoon Friday")
            if let Pt::Pod { day: None, pod } = &pt {
                let on = self.is(j, "on");
                let day = self.base(j + usize::from(on)).filter(|(_, d)| {
                    if on {
                        day_level(d)
                    } else {
                        matches!(
                            d,
                            Pt::Weekday { .. }
                                | Pt::Shift {
                                    unit: Unit::Day,
                                    ..
                                }
                        )
                    }
                });
                if let Some((e, day)) = day {
                    return Some((
                        e,
                        Pt::Pod {
                            day: Some(Box::new(day)),
                            pod,
                        },
                    ));
                }
            }
            // "this afternoon at 2", "tomorrow evening at 7:30"
            if let Pt::Pod { day, pod } = &pt {
                if let Some((e, h, mi, sec)) = self.at_clock(j) {
                    let h = if matches!(*pod, "AF" | "EV" | "NI") && (1..12).contains(&h) {
                        h + 12
                    } else {
                        h
                    };
                    return Some((
                        e,
                        Pt::Time {
                            day: day.clone(),
                            h,
                            mi,
                            sec,
                            amb: false,
                        },
                    ));
                }
            }
            return Some((j, pt));
        }
        if day_level(&pt) {
            // "Jul 18, Fri": a yearless date checked by the weekday after it
            if let Pt::Day { y: None, m, d } = pt {
                if let (true, Some(Lex::Weekday(wd))) = (self.punct(j, ','), self.lex(j + 1)) {
                    let e = self.dot(j + 2);
                    if self
                        .tok(e)
                        .is_none_or(|t| matches!(t.punct, Some(',' | '.' | ';' | '!' | '?' | ')')))
                    {
                        j = e;
                        pt = Pt::DayWd { m, d, wd };
                    }
                }
            }
            // "Friday, Oct. 23" → the explicit date
            if matches!(pt, Pt::Weekday { rel: None, .. }) {
                let k = if self.punct(j, ',') { j + 1 } else { j };
                if let Some((e, d)) = self.base(k).filter(|(_, d)| matches!(d, Pt::Day { .. })) {
                    j = e;
                    pt = match (d, &pt) {
                        (Pt::Day { y: None, m, d }, Pt::Weekday { wd, .. }) => {
                            Pt::DayWd { m, d, wd: *wd }
                        }
                        (d, _) => d,
                    };
                }
            }
            // "Tuesday in the morning", "Friday at night", "Friday morning",
            // "yesterday afternoon", "Friday early morning", "Monday late at
            // night", "Sunday in the late afternoon": that part of that day
            let plain_pod = |k: usize| match self.lex(k) {
                Some(Lex::Pod(p)) if !self.word(k).ends_with('s') => Some((k + 1, p.as_str())),
                _ => None,
            };
            let in_pod = || {
                if !is_any!(self, j, &["in", "at"]) {
                    return None;
                }
                let k = if self.is(j + 1, "the") { j + 2 } else { j + 1 };
                match self.lex(k) {
                    Some(Lex::Pod(p)) => Some((k + 1, p.as_str())),
                    _ => None,
                }
            };
            if let Some((e, pod)) = in_pod()
                .or_else(|| self.modified_pod(j))
                .or_else(|| plain_pod(j))
            {
                // "Friday morning at 8", "Sunday early morning at 8:00": the
                // clock time on that day, after noon in the afternoon,
                // evening and night
                if let Some((e, h, mi, sec)) = self.at_clock(e) {
                    let h = if matches!(pod, "AF" | "EV" | "NI") && (1..12).contains(&h) {
                        h + 12
                    } else {
                        h
                    };
                    return Some((
                        e,
                        Pt::Time {
                            day: Some(Box::new(pt)),
                            h,
                            mi,
                            sec,
                            amb: false,
                        },
                    ));
                }
                return Some((
                    e,
                    Pt::Pod {
                        day: Some(Box::new(pt)),
                        pod,
                    },
                ));
            }
            // "June 1, 2026 at 3:30 p.m.", "tomorrow at noon"
            let mut k = j;
            if self.punct(k, ',') {
                k += 1;
            }
            if is_any!(self, k, &["at", "around", "by"]) {
                k += 1;
            }
            // A time of day on its own, put on the day just read.
            let on_day = |found: Option<(usize, Pt)>| match found {
                Some((
                    e,
                    Pt::Time {
                        day: None,
                        h,
                        mi,
                        sec,
                        amb,
                    },
                )) => Some((
                    e,
                    Pt::Time {
                        day: Some(Box::new(pt.clone())),
                        h,
                        mi,
                        sec,
                        amb,
                    },
                )),
                _ => None,
            };
            if let Some((e, time)) = on_day(self.base(k)) {
                // "Wed Oct 26 15:50:06 2016", "Oct 26 15:50:06 UTC 2016"
                // (C's asctime, Unix `date`): a year right after the clock
                // is the day's
                if let (
                    Pt::Time {
                        day: Some(day),
                        h,
                        mi,
                        sec,
                        amb,
                    },
                    Some((e2, y)),
                ) = (&time, self.year(e).filter(|_| k == j && !self.glued(e - 1)))
                {
                    if let (Pt::Day { y: None, m, d } | Pt::DayWd { m, d, .. }, Some(_)) =
                        (&**day, mi)
                    {
                        let (m, d) = (*m, *d);
                        return Some((
                            e2,
                            Pt::Time {
                                day: Some(Box::new(Pt::Day { y: Some(y), m, d })),
                                h: *h,
                                mi: *mi,
                                sec: *sec,
                                amb: *amb,
                            },
                        ));
                    }
                }
                return Some((e, time));
            }
            // "March 18th nine thirty": a clock in words right after the day
            if let Some(found) = on_day(self.written_clock_at(j, true)) {
                return Some(found);
            }
            // "Fri, Jul 18, 2014 19h": an hour in the 24-hour "h" style;
            // "tonight 815": hours and minutes run together, closing the phrase
            if let Some(t) = self.tok(k).filter(|t| t.num.is_some()) {
                let n = t.num.unwrap_or(0);
                let closed = self.tok(k + 1).is_none_or(|x| {
                    matches!(x.punct, Some(',' | '.' | ';' | ')' | '!' | '?'))
                        && !(self.glued(k) && self.tok(k + 2).is_some_and(|y| y.num.is_some()))
                });
                let hm = match (t.suffix(), t.ndig) {
                    (b"h", 1..=2) if closed && n < 24 => Some((n as i8, Some(0))),
                    (b"", 3..=4)
                        if closed
                            && n % 100 < 60
                            && n / 100 <= 23
                            && is_any!(self, i, &["tonight", "tonite", "today", "tomorrow"]) =>
                    {
                        Some(((n / 100) as i8, Some((n % 100) as i8)))
                    }
                    _ => None,
                };
                if let Some((h, mi)) = hm {
                    let tonight = is_any!(self, i, &["tonight", "tonite"]);
                    let h = if tonight && (1..12).contains(&h) {
                        h + 12
                    } else {
                        h
                    };
                    return Some((
                        k + 1,
                        Pt::Time {
                            day: Some(Box::new(pt)),
                            h,
                            mi,
                            sec: None,
                            amb: false,
                        },
                    ));
                }
            }
            // "tomorrow at 3": a bare hour after "at"; "tonight at 9" is 21:00
            if let Some((e, h, mi, sec)) = self.at_clock(j) {
                let h = if is_any!(self, i, &["tonight", "tonite"]) && (1..12).contains(&h) {
                    h + 12
                } else {
                    h
                };
                return Some((
                    e,
                    Pt::Time {
                        day: Some(Box::new(pt)),
                        h,
                        mi,
                        sec,
                        amb: true,
                    },
                ));
            }
        }
        Some((j, pt))
    }

    /// A part of day narrowed by "early", "late" or "mid", as it follows a
    /// day: "early morning", "mid-afternoon", "in the late evening", "early
    /// in the morning", "late at night". Its end and the part of day.
    fn modified_pod(&self, i: usize) -> Option<(usize, &'static str)> {
        let pod = |k: usize| match self.lex(k) {
            Some(Lex::Pod(p)) if !self.word(k).ends_with('s') => Some((k + 1, p.as_str())),
            _ => None,
        };
        let i = if self.is(i, "in") && self.is(i + 1, "the") {
            i + 2
        } else {
            i
        };
        if !is_any!(self, i, &["early", "late", "mid"]) {
            return None;
        }
        let j = if self.punct(i + 1, '-') { i + 2 } else { i + 1 };
        if let Some(x) = pod(j) {
            return Some(x);
        }
        // "early in the morning", "late at night"
        if self.is(i, "mid") {
            return None;
        }
        let k = if self.is(j, "in") && self.is(j + 1, "the") {
            j + 2
        } else if self.is(j, "at") && self.is(j + 1, "night") {
            j + 1
        } else {
            return None;
        };
        pod(k)
    }

    /// "at 3", "@ 10", "around 4": a bare hour (1-24) after a day or a
    /// part of day, with the token after it not a unit ("at 3 percent").
    fn at_clock(&self, i: usize) -> Option<(usize, i8, Option<i8>, Option<i8>)> {
        if !(is_any!(self, i, &["at", "around"]) || self.punct(i, '@')) {
            return None;
        }
        // "at 7:30", "at thirty-six minutes past eight"
        if let Some((
            e,
            Pt::Time {
                day: None,
                h,
                mi,
                sec,
                ..
            },
        )) = self
            .base(i + 1)
            .filter(|(_, p)| p.is_time())
            .or_else(|| self.past_to(i + 1))
        {
            return Some((e, h, mi, sec));
        }
        let t = self.tok(i + 1)?;
        let h = t.int().filter(|h| (1..=24).contains(h) && t.ndig <= 2)?;
        // not "at 1,015 francs" or "at 3.5%"
        if (self.punct(i + 2, ',') || self.punct(i + 2, '.'))
            && self.glued(i + 1)
            && self.tok(i + 3).is_some_and(|x| x.num.is_some())
        {
            return None;
        }
        let next = self.tok(i + 2);
        if next.is_some_and(|n| {
            n.alpha && !is_any!(self, i + 2, &["and", "or", "to", "on", "in", "for", "with"])
        }) || self.punct(i + 2, '%')
        {
            return None;
        }
        Some((i + 2, h as i8, None, None))
    }

    /// A holiday of several words at `i` ("black friday", "boss's day"),
    /// with an optional year after it.
    /// The holiday phrase starting at `i`: its end and its holiday.
    fn phrase_match(&self, i: usize) -> Option<(usize, lexicon::Holiday)> {
        // a keyed token's `lower` is its key's letters, which are listed
        // in `phrase_first` exactly when their key is here
        let starts: &[usize] = match self.tok(i)?.key {
            0 => self.phrase_first.get(self.lower(i).as_str())?,
            key => {
                let (a, b) = self.phrase_first_packed.get(key)?;
                self.phrase_order.get(a as usize..b as usize)?
            }
        };
        // a word of up to eight letters after the first ("the world
        // is", "New York": 29 phrases start with "world") matches a
        // phrase's second word only when that word packs to the same key
        // (one that does not pack is empty or longer): one compare per
        // phrase refuses most of them
        let next = self.tok(i + 1).map_or(0, |t| t.key);
        let ph = starts
            .iter()
            .filter_map(|&k| self.phrases.get(k))
            .filter(|ph| next == 0 || ph.keys.get(1).is_none_or(|k| *k == Some(next)))
            .find(|ph| {
                let words = ph.toks.iter().zip(&ph.keys);
                words.enumerate().skip(1).all(|(k, (w, key))| {
                    self.tok(i + k).is_some_and(|t| match t.punct {
                        Some(c) => w.len() == c.len_utf8() && w.starts_with(c),
                        None => w.len() <= 16 && self.is_packed(i + k, w, *key),
                    })
                })
            })?;
        Some((i + ph.toks.len(), ph.h))
    }

    /// The end of a holiday named by a name word after it ("the Good
    /// Friday Agreement"): none of its words is a date.
    fn holiday_name_end(&self, i: usize) -> Option<usize> {
        match self.tok(i)?.lex {
            Some(Lex::Phrase) => {
                let (j, _) = self.phrase_match(i)?;
                self.names_event(j).then_some(j)
            }
            Some(Lex::Holiday(_)) => self.names_event(i + 1).then_some(i + 1),
            _ => None,
        }
    }

    fn phrase(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, h) = self.phrase_match(i)?;
        if self.names_event(j) {
            return None;
        }
        if let Some((e, off)) = self.year_rel(j) {
            return Some((e, Pt::HolidayOfYear { h, off }));
        }
        let (e, y) = match self.dated_year(j) {
            Some((e, y)) => (e, Some(y)),
            None => (j, None),
        };
        Some((e, Pt::Holiday { h, y, rel: None }))
    }

    /// The part of a compound point that is a date or a duration of its
    /// own: the day of "Friday night", "tomorrow at 7pm", "9am on Tuesday"
    /// (a clock time or part of day on a day), the span of "three days
    /// later", "two weeks ago", "in 3 hours" (a shift from the DCT).
    fn part(&self, c: &Cand) -> Option<(usize, usize, Val)> {
        let pt = match &c.val {
            Val::Point(pt) => pt,
            // the span of "from 2pm for 2 hours", "for 3 hours from 10 am"
            Val::Range(Some(Pt::Time { .. }), Some(Pt::Time { .. })) => {
                let k = (c.s..c.e)
                    .find(|&k| self.is(k, "for"))
                    .map_or(c.s, |k| k + 1);
                let (e, d) = self.count_unit(k)?;
                return (e <= c.e).then_some((k, e, Val::Duration(d, None)));
            }
            _ => return None,
        };
        match pt {
            // "the end of November", "the beginning of the month": the
            // period itself
            Pt::Part { base, .. } => {
                let k = (c.s..c.e).find(|&k| self.is(k, "of"))?;
                let (e, b) = self.of_period(k + 1)?;
                // the base may have been given a year since it was read
                // (`start_before_dct`)
                let same =
                    b == **base || base.year().and_then(|y| b.in_year(y)).as_ref() == Some(base);
                (e <= c.e && same).then(|| (k + 1, e, Val::Point((**base).clone())))
            }
            Pt::Time { day: Some(d), .. } | Pt::Pod { day: Some(d), .. } => {
                let ok = |k: usize, (e, b): &(usize, Pt)| {
                    *e <= c.e && (k, *e) != (c.s, c.e) && b == &**d
                };
                (c.s..c.e).find_map(|k| {
                    self.base(k)
                        .filter(|x| ok(k, x))
                        // "the night of Friday, Oct. 23": a day read by `point`
                        .or_else(|| self.point(k).filter(|x| ok(k, x)))
                        .map(|(e, b)| (k, e, Val::Point(b)))
                })
            }
            // the year of "the third quarter of last year", "next year's
            // first half"
            Pt::PartOfRelYear { off, .. } => (c.s..c.e).find_map(|k| {
                let (e, n) = self.last_next_this_year(k)?;
                (e <= c.e && n == *off).then_some((
                    k,
                    e,
                    Val::Point(Pt::Shift {
                        n: n.into(),
                        unit: Unit::Year,
                    }),
                ))
            }),
            Pt::Shift { .. } | Pt::After { .. } | Pt::YearAgo | Pt::From { .. } => {
                let k = if is_any!(self, c.s, &["in", "within", "after"]) {
                    c.s + 1
                } else {
                    c.s
                };
                let (e, d) = self.count_unit_at(k, true)?;
                (e <= c.e && (k, e) != (c.s, c.e)).then_some((k, e, Val::Duration(d, None)))
            }
            _ => None,
        }
    }

    /// A point without attachments: [`Parser::base_at`], except that a
    /// token where it was found to fail lately is refused at once. A
    /// failed start at a function word has tried the point after it
    /// ("the" tries "the world", "the first"), and the tagger's next
    /// start is that token: 18 % of the calls on bench articles repeat a
    /// failure. `base_at` reads nothing but the tokens and the text, so a
    /// failure stays one; pinned to `base_at`, in any order of calls, by
    /// tests in `tests.rs`.
    fn base(&self, i: usize) -> Option<(usize, Pt)> {
        if self.failed_bases.iter().any(|k| k.get() == i) {
            return None;
        }
        let found = self.base_at(i);
        if found.is_none() {
            let next = self.failed_next.get();
            if let Some(slot) = self.failed_bases.get(next % FAILED_BASES) {
                slot.set(i);
            }
            self.failed_next.set(next.wrapping_add(1));
        }
        found
    }

    /// A point without attachments, read from the tokens.
    fn base_at(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        if t.num.is_some() {
            return self.numeric(i);
        }
        // a phrase may start with a part of day: "night of power"
        if t.alpha && matches!(t.lex, Some(Lex::Phrase | Lex::Holiday(_) | Lex::Pod(_))) {
            if let Some(x) = self.phrase(i) {
                return Some(x);
            }
        }
        if t.punct == Some('\'') {
            // '90s
            let n = self.tok(i + 1)?;
            if n.ndig == 2 && n.suffix() == b"s" && self.glued(i) {
                return Some((i + 2, Pt::Decade(190 + (n.num? / 10) as i32)));
            }
            return None;
        }
        if t.suflen == 1 && t.lex == Some(Lex::Kw) && !t.alpha {
            // Q3 [2024], H1 [2024]
            let n = t.suf[1] as i8;
            // "Q3'24": a two-digit year after an apostrophe
            let short = || {
                let yy = self
                    .tok(i + 2)
                    .filter(|y| y.ndig == 2 && self.punct(i + 1, '\'') && self.glued(i))
                    .filter(|_| self.glued(i + 1))?
                    .int()?;
                Some((i + 3, two_digit_year(yy)))
            };
            let y = self.year_after(i + 1).or_else(short);
            let (e, y) = match y {
                Some((e, y)) => (e, Some(y)),
                None => (i + 1, None),
            };
            return match (t.suf[0], n) {
                (b'q', 1..=4) => Some((e, Pt::Quarter { y, q: n })),
                (b'h', 1..=2) => Some((e, Pt::Half { y, h: n })),
                _ => None,
            };
        }
        let lex = t.lex?;
        match lex {
            Lex::Month(_) => self.month_first(i),
            Lex::Weekday(wd) => {
                // a date goes on after the comma: "Sun, Jan 4", "Mon, Wed"
                // (not "Sun, a maker of workstations")
                let dated = |k: usize| {
                    self.tok(k)
                        .is_some_and(|t| t.num.is_some() || (!t.alpha && t.punct.is_none()))
                        || matches!(self.lex(k), Some(Lex::Month(_) | Lex::Weekday(_)))
                };
                if self.word(i).len() <= 4
                    && !(self.punct(i + 1, '.')
                        || (self.punct(i + 1, ',') && dated(i + 2))
                        || self.tok(i + 1).is_none()
                        || self.tok(i + 1).is_some_and(|t| t.num.is_some())
                        || matches!(self.lex(i + 1), Some(Lex::Month(_)))
                        // or in a list of days: "Mon, Wed, Fri"
                        || (i >= 2
                            && (self.punct(i - 1, ',') || is_any!(self, i - 1, &["or", "and"]))
                            && matches!(self.lex(i - 2), Some(Lex::Weekday(_)))))
                {
                    // "Sun", "wed": abbreviations count only in a date ("Sun., Jan. 4")
                    return None;
                }
                // "Tuesday next week", "Tuesday of next week"
                let j = self.dot(i + 1);
                let k = if self.is(j, "of") { j + 1 } else { j };
                if let (Some(Lex::Rel(r)), Some(Lex::Unit(Unit::Week))) =
                    (self.lex(k), self.lex(k + 1))
                {
                    if is_any!(self, k, &["last", "next", "this", "previous", "following"]) {
                        if r == Rel::This {
                            return Some((k + 2, Pt::WeekdayThisWeek(wd)));
                        }
                        return Some((k + 2, Pt::Weekday { wd, rel: Some(r) }));
                    }
                }
                // "Friday after next": the one after the coming one
                if self.is(j, "after") && self.is(j + 1, "next") {
                    return Some((j + 2, Pt::WeekdayAfterNext(wd)));
                }
                // "Tuesday 19th": the nearest month where the 19th is a Tuesday
                let k = if self.is(j, "the") { j + 1 } else { j };
                if let Some((e, d)) = self.day_num(k) {
                    let month_follows = matches!(self.lex(e), Some(Lex::Month(_)))
                        || (self.is(e, "of") && matches!(self.lex(e + 1), Some(Lex::Month(_))));
                    // not "Friday 7/6" or "Friday 3:30"
                    let glued_on = self.glued(e - 1)
                        && self
                            .tok(e)
                            .is_some_and(|t| matches!(t.punct, Some('/' | ':' | '.' | '-')));
                    let plain = !glued_on
                        && (self.tok(k).is_some_and(|t| t.suflen > 0)
                            || self.tok(e).is_none_or(|t| t.punct.is_some()));
                    if !month_follows && plain && self.tok(k).is_some_and(|t| t.num.is_some()) {
                        return Some((e, Pt::WeekdayDom { wd, d }));
                    }
                }
                Some((j, Pt::Weekday { wd, rel: None }))
            }
            Lex::Deictic(n) => {
                let n = n as i64;
                // "told BBC Radio 4's Today programme", "USA Today": a
                // capitalised "Today" after a word, not at a sentence's
                // start, is a name
                // (in upper-case copy, "SAID TODAY" is the day)
                let title_case = self.tok(i).is_some_and(|t| {
                    t.cap
                        && self
                            .text
                            .as_bytes()
                            .get(t.s + 1)
                            .is_some_and(u8::is_ascii_lowercase)
                });
                if title_case
                    && i > 0
                    && self.tok(i - 1).is_some_and(|t| t.alpha)
                    && self.is(i, "today")
                {
                    return None;
                }
                // "the day after tomorrow" handled by the caller's "the"
                if is_any!(self, i, &["tonight", "tonite"]) {
                    return Some((
                        i + 1,
                        Pt::Shift {
                            n: 0,
                            unit: Unit::Day,
                        },
                    ));
                }
                Some((i + 1, Pt::Shift { n, unit: Unit::Day }))
            }
            Lex::Ref(r) => {
                // "recent years" is a duration (elsewhere); a bare "recent"
                // ("a recent filing") is the past, as TimeML has it
                if self.is(i, "recent")
                    && (matches!(self.lex(i + 1), Some(Lex::Unit(_)))
                        || self.tok(i + 1).is_none_or(|t| !t.alpha))
                {
                    return None;
                }
                // "soon" is the future ("as soon as possible" too), but
                // "as soon as" and "soon after" relate two events and name
                // no time
                if self.is(i, "soon")
                    && ((i > 0
                        && self.is(i - 1, "as")
                        && self.is(i + 1, "as")
                        && !is_any!(self, i + 2, &["possible", "practicable", "feasible"]))
                        || is_any!(
                            self,
                            i + 1,
                            &["after", "afterwards", "afterward", "thereafter"]
                        ))
                {
                    return None;
                }
                if r.as_str() == "PRESENT_REF" && self.is(i, "now") {
                    return Some((i + 1, Pt::Now));
                }
                // "recent years", "recent days"
                if self.is(i, "future")
                    && i > 0
                    && !is_any!(self, i - 1, &["the", "near", "foreseeable"])
                {
                    return None;
                }
                Some((i + 1, Pt::Lit(r.as_str().to_string())))
            }
            Lex::Rel(r) => self.relative(i, r).or_else(|| {
                // "current" alone: the present ("the current crisis")
                self.is(i, "current")
                    .then(|| (i + 1, Pt::Lit("PRESENT_REF".into())))
            }),
            Lex::Season(s) => {
                let (e, y) = match self.year_after(i + 1) {
                    Some((e, y)) => (e, Some(y)),
                    None if t.cap
                        || is_any!(self, i, &["summer", "winter", "spring", "autumn"]) =>
                    {
                        (i + 1, None)
                    }
                    None => return None,
                };
                if y.is_none()
                    && i > 0
                    && !is_any!(
                        self,
                        i - 1,
                        &[
                            "in", "the", "this", "last", "next", "during", "by", "until", "early",
                            "late", "mid",
                        ],
                    )
                {
                    return None;
                }
                Some((e, Pt::Season { y, s: s.as_str() }))
            }
            Lex::Clock(h) => Some((
                i + 1,
                Pt::Time {
                    day: None,
                    h,
                    mi: None,
                    sec: None,
                    amb: false,
                },
            )),
            Lex::Holiday(h) => {
                let mut j = i + 1;
                if self.is(i, "new") {
                    if !(self.is(j, "years") || self.is(j, "year") && self.punct(j + 1, '\'')) {
                        return None;
                    }
                    j = if self.is(j, "years") { j + 1 } else { j + 3 };
                } else if is_any!(self, i, &["independence", "labor", "memorial", "mlk"]) {
                    if !self.is(j, "day") {
                        return None;
                    }
                    j += 1;
                } else if self.is(i, "valentine") {
                    if self.punct(j, '\'') {
                        j += 2;
                    }
                    if !self.is(j, "day") {
                        return None;
                    }
                    j += 1;
                } else if self.is(j, "day") {
                    j += 1;
                }
                if self.is(j, "day") {
                    j += 1;
                }
                if self.names_event(j) {
                    return None;
                }
                if let Some((e, off)) = self.year_rel(j) {
                    return Some((e, Pt::HolidayOfYear { h, off }));
                }
                let (e, y) = match self.dated_year(j) {
                    Some((e, y)) => (e, Some(y)),
                    None => (j, None),
                };
                // "Christmas Eve", "New Year's Eve": the day before
                if self.is(e, "eve") {
                    let base = Pt::Holiday { h, y, rel: None };
                    return Some((
                        e + 1,
                        Pt::From {
                            n: -1,
                            unit: Unit::Day,
                            base: Box::new(base),
                        },
                    ));
                }
                // "Easter week", "Christmas week": the (ISO) week holding it
                if self.is(e, "week") && !self.punct(e + 1, '-') && !self.punct(e + 1, '\'') {
                    let base = Pt::Holiday { h, y, rel: None };
                    return Some((e + 1, Pt::WeekOf(Box::new(base))));
                }
                Some((e, Pt::Holiday { h, y, rel: None }))
            }
            Lex::Pod(p) => {
                // "this morning" comes through `relative`; bare "overnight" is weak
                if self.is(i, "overnight") {
                    return None;
                }
                let _ = p;
                None
            }
            Lex::Kw => self.keyword(i),
            Lex::Ord(_) | Lex::Tens(_) => self
                .part_of_year(i)
                .or_else(|| self.nth(i))
                .or_else(|| self.ordinal_first(i))
                .or_else(|| {
                    // "on the first", "by the fifteenth": a day of this month
                    let (e, d) = self.day_num(i)?;
                    let after_the = i >= 2
                        && self.is(i - 1, "the")
                        && is_any!(
                            self,
                            i - 2,
                            &["on", "by", "until", "before", "after", "since"]
                        );
                    let ends = self.tok(e).is_none_or(|t| t.punct.is_some());
                    (after_the && ends && self.tok(i).is_some_and(|t| t.alpha))
                        .then_some((e, Pt::DayOfMonth(d)))
                }),
            // "minutes ago", "hours ago": today (a dateline); "years ago": the past
            Lex::Unit(u) if self.word(i).ends_with('s') && self.is(i + 1, "ago") => {
                let p = match u {
                    Unit::Second | Unit::Minute | Unit::Hour => Pt::Shift {
                        n: 0,
                        unit: Unit::Day,
                    },
                    _ => Pt::Lit("PAST_REF".into()),
                };
                Some((i + 2, p))
            }
            // "week 10", "week 10 of 2019": an ISO week
            Lex::Unit(Unit::Week)
                if self.is(i, "week")
                    && self.tok(i + 1).is_some_and(|t| {
                        t.int().is_some_and(|n| (1..=53).contains(&n)) && t.ndig <= 2
                    }) =>
            {
                let n = self.tok(i + 1)?.int()? as i8;
                let k = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                if let Some((e, off)) = self.last_next_this_year(k) {
                    return Some((e, Pt::IsoWeek { y: None, n, off }));
                }
                let (e, y) = match self.year_after(i + 2) {
                    Some((e, y)) => (e, Some(y)),
                    None => (i + 2, None),
                };
                Some((e, Pt::IsoWeek { y, n, off: 0 }))
            }
            // "year-end", "year end", "year's end": the end of this year
            Lex::Unit(Unit::Year)
                if self.is(i, "year")
                    && (self.is(i + 1, "end")
                        || (self.punct(i + 1, '-') && self.is(i + 2, "end"))) =>
            {
                let e = if self.is(i + 1, "end") { i + 2 } else { i + 3 };
                Some((
                    e,
                    Pt::Shift {
                        n: 0,
                        unit: Unit::Year,
                    },
                ))
            }
            Lex::Unit(Unit::Second) => self
                .part_of_year(i)
                .or_else(|| self.nth(i))
                .or_else(|| self.ordinal_first(i)),
            Lex::Unit(Unit::Year)
                if self.punct(i + 1, '-') && is_any!(self, i + 2, &["ago", "earlier"]) =>
            {
                let e = if is_any!(self, i + 3, &["quarter", "period"]) {
                    i + 4
                } else {
                    i + 3
                };
                Some((e, Pt::YearAgo))
            }
            Lex::Card(_) => self
                .written_year(i)
                .or_else(|| self.written_clock(i))
                .or_else(|| self.ago(i)),
            // "the nineties": only after "the" or "early"/"mid"/"late"
            Lex::Decade(d) if i > 0 && is_any!(self, i - 1, &["the", "early", "mid", "late"]) => {
                Some((i + 1, Pt::Decade(d)))
            }
            _ => None,
        }
    }

    /// The year of a holiday or of a day of a month: as after a month
    /// ("Easter 2019", "Easter of 2019"), or after "in" ("Diwali in 2019",
    /// "on June 26 in 2019"): such a day falls once a year, so "in" names
    /// the year it falls in.
    fn dated_year(&self, j: usize) -> Option<(usize, i32)> {
        self.year_after(j)
            .or_else(|| self.is(j, "in").then(|| self.year(j + 1)).flatten())
    }

    /// A year after an optional "," or "of": "June, 2026", "Q3 of 2024".
    fn year_after(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(x) = self.year(i) {
            return Some(x);
        }
        // "January nineteen ninety-seven"
        if let Some((e, Pt::Year(y))) = self.written_year(i) {
            return Some((e, y));
        }
        if self.punct(i, ',') || self.is(i, "of") || self.punct(i, '-') {
            return self.year(i + 1).or_else(|| {
                // "the winter of nineteen ninety-four"
                match self.written_year(i + 1).filter(|_| self.is(i, "of")) {
                    Some((e, Pt::Year(y))) => Some((e, y)),
                    _ => None,
                }
            });
        }
        None
    }

    /// "(of) last year", "next year", "this year", "in 3 years" after a
    /// holiday: the end and the offset from the DCT's year.
    fn year_rel(&self, j: usize) -> Option<(usize, i8)> {
        let k = if self.is(j, "of") { j + 1 } else { j };
        if let Some(found) = self.last_next_this_year(k) {
            return Some(found);
        }
        if k == j && self.is(j, "in") {
            let (e, n) = self.card(j + 1)?;
            if self.lex(e) == Some(Lex::Unit(Unit::Year)) && (1..100).contains(&n) {
                return Some((e + 1, i8::try_from(n).ok()?));
            }
        }
        None
    }

    /// "last year", "next year", "this year" at `k` (not "last years"):
    /// the end and the offset from the DCT's year.
    fn last_next_this_year(&self, k: usize) -> Option<(usize, i8)> {
        let (Some(Lex::Rel(r)), Some(Lex::Unit(Unit::Year))) = (self.lex(k), self.lex(k + 1))
        else {
            return None;
        };
        if !is_any!(self, k, &["last", "next", "this"]) || self.word(k + 1).ends_with('s') {
            return None;
        }
        Some((k + 2, r.offset()))
    }

    /// "June 1, 2026", "Jan. 4", "June 2026", "June the 4th", "June".
    fn month_first(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, m) = self.month(i)?;
        // "Sep-23-2020", "Sep/23/2020"
        if (self.punct(j, '-') || self.punct(j, '/')) && self.glued(j - 1) && self.glued(j) {
            if let Some((e, d)) = self.day_num(j + 1) {
                if self.punct(e, '-') || self.punct(e, '/') {
                    if let Some((e2, y)) = self
                        .year(e + 1)
                        .filter(|_| self.glued(e - 1) && self.glued(e))
                    {
                        return valid(y, m, d).then_some((e2, Pt::Day { y: Some(y), m, d }));
                    }
                }
            }
        }
        // "Nov/2", "Dec/2018": a day or a year after a slash, written solid
        if self.punct(j, '/') && self.glued(j - 1) && self.glued(j) {
            // not "Nov/2/..." nor "Nov/2.5"
            let more = |e: usize| {
                self.glued(e - 1)
                    && (self.punct(e, '/')
                        || (self.glued(e) && self.tok(e + 1).is_some_and(|t| t.num.is_some())))
            };
            if let Some((e, y)) = self.year(j + 1).filter(|(e, _)| !more(*e)) {
                return Some((e, Pt::Month { y: Some(y), m }));
            }
            if let Some((e, d)) = self.day_num(j + 1).filter(|(e, _)| !more(*e)) {
                return valid(2000, m, d).then_some((e, Pt::Day { y: None, m, d }));
            }
        }
        let k = if self.is(j, "the") { j + 1 } else { j };
        // "May twenty nine": a day in cardinal words too
        let written = || {
            let (e, n) = self
                .card(k)
                .filter(|_| self.tok(k).is_some_and(|t| t.alpha))?;
            // not "in March two companies merged"
            let closed =
                self.tok(e).is_none_or(|t| t.punct.is_some()) || self.year_after(e).is_some();
            ((1..=31).contains(&n) && closed).then_some((e, n as i8))
        };
        if let Some((e, d)) = self
            .day_num(k)
            .filter(|_| self.year(k).is_none())
            .or_else(written)
        {
            // not "May 1,500"
            if let Some((e2, y)) = self.dated_year(e).or_else(|| self.month_short_year(e)) {
                return valid(y, m, d).then_some((e2, Pt::Day { y: Some(y), m, d }));
            }
            return valid(2000, m, d).then_some((e, Pt::Day { y: None, m, d }));
        }
        if let Some((e, y)) = self.year_after(j).or_else(|| self.month_short_year(j)) {
            return Some((e, Pt::Month { y: Some(y), m }));
        }
        // "June last year", "March next year"
        if let Some((e, off)) = self.last_next_this_year(j) {
            return Some((e, Pt::MonthOfYear { m, off }));
        }
        // A lone month name: "March" and "May" only capitalised, and no
        // bare abbreviations ("Jan" is also a first name).
        let w = self.word(i);
        let in_range = (i > 0
            && is_any!(
                self,
                i - 1,
                &[
                    "from", "between", "to", "until", "till", "through", "since", "after",
                    "before", "and",
                ],
            ))
            || is_any!(self, j, &["to", "and", "through"]);
        // but "Jan Kavan": an abbreviation before a capitalised word is a name
        let in_range = in_range && !self.tok(j).is_some_and(|t| t.alpha && t.cap);
        if w.len() <= 4
            && !matches!(m, 5..=7)
            && !(self.punct(i + 1, '.')
                || self.punct(i + 1, '-')
                || self.punct(i + 1, '/')
                || in_range)
        {
            return None;
        }
        if matches!(m, 3 | 5) && !t_cap(w) {
            return None;
        }
        if m == 5
            && (j == i + 1)
            && i > 0
            && !is_any!(
                self,
                i - 1,
                &[
                    "in", "of", "since", "until", "through", "last", "next", "this", "early",
                    "late", "mid", "by", "from", "to", "and", "before", "after", "during",
                ],
            )
        {
            return None;
        }
        Some((j, Pt::Month { y: None, m }))
    }

    /// "half past three", "a quarter to noon", "20 minutes past 8 pm".
    fn past_to(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, m) = if self.is(i, "half") {
            (i + 1, 30)
        } else if self.is(i, "quarter") {
            (i + 1, 15)
        } else if self.is(i, "a") && self.is(i + 1, "quarter") {
            (i + 2, 15)
        } else {
            let (j, n) = self.card(i)?;
            // a bare number needs "minutes" ("two to three weeks" is no
            // time), except before "past": "10 past 9"
            if is_any!(self, j, &["minutes", "minute", "min", "mins"]) {
                (j + 1, n)
            } else if self.is(j, "past")
                && self.tok(j + 1).is_some_and(|t| {
                    t.int().is_some_and(|h| h <= 12)
                        || matches!(t.lex, Some(Lex::Card(1..=12) | Lex::Clock(_)))
                })
                && !matches!(self.lex(j + 2), Some(Lex::Unit(_)))
            {
                (j, n)
            } else {
                return None;
            }
        };
        if !(1..60).contains(&m) {
            return None;
        }
        let after = if is_any!(self, j, &["past", "after"]) {
            true
        } else if is_any!(self, j, &["to", "before", "till"]) && j > i + 1 {
            false
        } else {
            return None;
        };
        let k = j + 1;
        let (e, h) = match self.base(k) {
            Some((
                e,
                Pt::Time {
                    day: None,
                    h,
                    mi: None | Some(0),
                    ..
                },
            )) => (e, h as i64),
            _ => {
                let (e, h) = self.card(k)?;
                if h > 24 {
                    return None;
                }
                // "eight in the evening"
                let kk = if self.is(e, "in") && self.is(e + 1, "the") {
                    e + 2
                } else {
                    e
                };
                match self.lex(kk) {
                    Some(Lex::Pod(p)) if h < 12 && matches!(p.as_str(), "AF" | "EV" | "NI") => {
                        (kk + 1, h as i64 + 12)
                    }
                    Some(Lex::Pod(_)) => (kk + 1, h as i64),
                    _ => (e, h as i64),
                }
            }
        };
        let (h, mi) = if after {
            (h, m as i64)
        } else {
            ((h - 1).rem_euclid(24), 60 - m as i64)
        };
        Some((
            e,
            Pt::Time {
                day: None,
                h: h as i8,
                mi: Some(mi as i8),
                sec: None,
                amb: false,
            },
        ))
    }

    /// "end of <period>" at `i` (the word "end"/"beginning"/...): a week or
    /// a month gives its part as a range (end of a week: Friday to Sunday;
    /// of a month: the 21st to the last day; beginnings: Monday to
    /// Wednesday, the 1st to the 10th); other periods give themselves.
    fn part_of(&self, i: usize) -> Option<(usize, Pt)> {
        let (e, p) = self.of_period(i + 2)?;
        let part = match self.lower(i).as_str() {
            "end" => 1,
            "beginning" | "start" => -1,
            _ => 0,
        };
        let is_week_or_month = matches!(
            p,
            Pt::Shift {
                unit: Unit::Week | Unit::Month,
                ..
            } | Pt::Month { .. }
                | Pt::MonthOfYear { .. }
        );
        if part != 0 && is_week_or_month {
            return Some((
                e,
                Pt::Part {
                    end: part > 0,
                    base: Box::new(p),
                },
            ));
        }
        Some((e, p))
    }

    /// After "the end of": a point, or "the year/month/week" (the current one).
    fn of_period(&self, i: usize) -> Option<(usize, Pt)> {
        let k = if is_any!(self, i, &["the", "this"]) {
            i + 1
        } else {
            i
        };
        if let Some(Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week | Unit::Quarter))) =
            self.lex(k)
        {
            if !self.word(k).ends_with('s')
                && is_any!(self, k, &["year", "month", "week", "quarter"])
            {
                return Some((k + 1, Pt::Shift { n: 0, unit: u }));
            }
        }
        self.base(i)
    }

    /// "first Monday of March", "2nd week of 2021": an ordinal at `i`.
    fn nth(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, n) = self.ordinal(i)?;
        // "the 21st this month", "the 3rd of next month" ("the second last
        // month" is the one before the last)
        let k = if self.is(j, "of") { j + 1 } else { j };
        if let (Some(Lex::Rel(r)), Ok(d)) = (self.lex(k), i8::try_from(n)) {
            if is_any!(self, k, &["this", "next", "last"])
                && (k > j || !self.is(k, "last"))
                && self.is(k + 1, "month")
                && (1..=31).contains(&d)
            {
                let off = i64::from(r.offset());
                let base = Pt::Shift {
                    n: off,
                    unit: Unit::Month,
                };
                return Some((
                    k + 2,
                    Pt::NthOf {
                        n: d,
                        wd: 8,
                        base: Box::new(base),
                    },
                ));
            }
        }
        // "the 15th day of next month"
        let max = if self.is(j, "day") { 31 } else { 5 };
        self.nth_of_at(j, i8::try_from(n).ok().filter(|n| (1..=max).contains(n))?)
    }

    /// "<Weekday|week> of <month or year>" at `i`, the `n`-th (-1: last).
    fn nth_of_at(&self, i: usize, n: i8) -> Option<(usize, Pt)> {
        // "week-end", "week end": a weekend
        let split_weekend = self.is(i, "week")
            && ((self.punct(i + 1, '-') && self.glued(i) && self.is(i + 2, "end"))
                || self.is(i + 1, "end"));
        let skip = if !split_weekend {
            0
        } else if self.is(i + 1, "end") {
            1
        } else {
            2
        };
        let wd = match self.lex(i)? {
            _ if split_weekend => 9,
            Lex::Weekday(wd) => wd,
            // "the last weekend of October": `wd` 9, the weekend of that
            // month's last Saturday
            Lex::Unit(Unit::Weekend) if !self.word(i).ends_with('s') => 9,
            Lex::Unit(Unit::Week) if self.is(i, "week") => 0,
            // "the 15th day of June": `wd` 8 is a day of the month
            Lex::Unit(Unit::Day) if self.is(i, "day") => 8,
            _ => return None,
        };
        if wd != 8 && n > 5 {
            return None;
        }
        let j = self.dot(i + 1 + skip);
        // "the last Friday in May" reads the same
        if !is_any!(self, j, &["of", "in"]) {
            return None;
        }
        let k = if self.is(j + 1, "the") { j + 2 } else { j + 1 };
        // "of the month": the DCT's
        let (e, base) = if wd == 8 && self.is(j + 1, "the") && self.is(k, "month") {
            (
                k + 1,
                Pt::Shift {
                    n: 0,
                    unit: Unit::Month,
                },
            )
        } else {
            self.base(k)?
        };
        if wd == 8
            && !matches!(
                base,
                Pt::Month { .. } | Pt::Shift { .. } | Pt::MonthOfYear { .. }
            )
        {
            return None;
        }
        let ok = matches!(
            base,
            Pt::Month { .. }
                | Pt::Year(_)
                | Pt::MonthOfYear { .. }
                | Pt::Shift {
                    unit: Unit::Month | Unit::Year,
                    ..
                }
        ) || matches!(&base, Pt::Lit(l) if l.starts_with('@'));
        ok.then(|| {
            (
                e,
                Pt::NthOf {
                    n,
                    wd,
                    base: Box::new(base),
                },
            )
        })
    }

    /// "the third quarter [of 2024]", "third-quarter", "first half of 2025".
    fn part_of_year(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, n) = self.ordinal(i)?;
        // "the first two quarters of 1990": its first half
        if n == 1 && self.is(j, "two") && self.is(j + 1, "quarters") {
            let (e, y) = self.year_after(j + 2)?;
            return Some((e, Pt::Half { y: Some(y), h: 1 }));
        }
        // "the third month of 2021", "the second month of next year": a
        // month counted in a named year
        if self.is(j, "month") && self.is(j + 1, "of") {
            let m = i8::try_from(n).ok().filter(|m| (1..=12).contains(m))?;
            if let Some((e, off)) = self.last_next_this_year(j + 2) {
                return Some((e, Pt::MonthOfYear { m, off }));
            }
            let (e, y) = self.year_after(j + 1)?;
            return Some((e, Pt::Month { y: Some(y), m }));
        }
        let j = if self.punct(j, '-') { j + 1 } else { j };
        let is_q = is_any!(self, j, &["quarter", "qtr"]);
        if !is_q && !self.is(j, "half") {
            return None;
        }
        let n = i8::try_from(n).ok()?;
        // "the third quarter of last year", "the first half next year"
        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
        if let Some((e, off)) = self.last_next_this_year(k) {
            return matches!((is_q, n), (true, 1..=4) | (false, 1..=2)).then_some((
                e,
                Pt::PartOfRelYear {
                    q: n,
                    half: !is_q,
                    off,
                },
            ));
        }
        let (e, y) = match self.year_after(j + 1) {
            Some((e, y)) => (e, Some(y)),
            None => (j + 1, None),
        };
        match (is_q, n) {
            (true, 1..=4) => Some((e, Pt::Quarter { y, q: n })),
            (false, 1..=2) => Some((e, Pt::Half { y, h: n })),
            _ => None,
        }
    }

    /// A year in words: "nineteen ninety-six", "two thousand and five".
    fn written_year(&self, i: usize) -> Option<(usize, Pt)> {
        let Some(Lex::Card(n)) = self.lex(i) else {
            return None;
        };
        if (11..=20).contains(&n) {
            let (e, rest) = match self.lex(i + 1) {
                Some(Lex::Tens(_)) => self.card(i + 1)?,
                _ => return None,
            };
            return Some((e, Pt::Year((n * 100) as i32 + rest as i32)));
        }
        if n == 2 && self.is(i + 1, "thousand") {
            let j = if self.is(i + 2, "and") { i + 3 } else { i + 2 };
            if let Some((e, rest)) = self
                .card(j)
                .filter(|_| self.tok(j).is_some_and(|t| t.alpha))
            {
                if rest < 100 {
                    return Some((e, Pt::Year(2000 + rest as i32)));
                }
            }
            if i > 0 && self.is(i - 1, "year") {
                return Some((i + 2, Pt::Year(2000)));
            }
        }
        None
    }

    /// "seven thirty p.m.", "at ten fifteen", "three o'clock": a time in
    /// words, which needs am/pm, o'clock or a preceding "at".
    fn written_clock(&self, i: usize) -> Option<(usize, Pt)> {
        self.written_clock_at(i, false)
    }

    /// As [`Parser::written_clock`]; `loose`: right after a day ("March
    /// 18th nine thirty"), hours and minutes need no "am"/"pm".
    fn written_clock_at(&self, i: usize, loose: bool) -> Option<(usize, Pt)> {
        let Some(Lex::Card(h)) = self.lex(i) else {
            return None;
        };
        if !(1..=12).contains(&h) {
            return None;
        }
        let mut j = i + 1;
        let mut mi = None;
        // "twelve oh three", "twelve-zero-three": only a clock reads so
        let hy = |k: usize| if self.punct(k, '-') { k + 1 } else { k };
        let mut oh = false;
        if is_any!(self, hy(j), &["oh", "o", "zero", "ou"]) && !self.punct(hy(j) + 1, '\'') {
            let k = hy(hy(j) + 1);
            if let Some((e, m)) = self
                .card(k)
                .filter(|(_, m)| (1..=9).contains(m))
                .filter(|_| self.tok(k).is_some_and(|t| t.alpha))
            {
                mi = Some(m as i8);
                j = e;
                oh = true;
            }
        } else if let Some((e, m)) = self.card(j).filter(|(_, m)| (10..=59).contains(m)) {
            // not "three thirty-year-old"
            let compound = self.punct(e, '-') && self.glued(e - 1);
            if self.tok(j).is_some_and(|t| t.alpha) && !compound {
                mi = Some(m as i8);
                j = e;
            }
        }
        let mut h = h as i8;
        let said_ampm = if is_any!(self, j, &["am", "pm"]) {
            if self.is(j, "pm") && h < 12 {
                h += 12;
            }
            j += 1;
            true
        } else if is_any!(self, j, &["a", "p"]) && self.punct(j + 1, '.') && self.is(j + 2, "m") {
            if self.is(j, "p") && h < 12 {
                h += 12;
            }
            j += if self.punct(j + 3, '.') { 4 } else { 3 };
            true
        } else if self.is(j, "o") && self.punct(j + 1, '\'') && self.is(j + 2, "clock") {
            j += 3;
            true
        } else {
            false
        };
        // the ends of a range: "from three thirty to four thirty"; after
        // "to"/"and" only when closing the phrase ("cut to two fifty a share")
        let closed = self
            .tok(j)
            .is_none_or(|t| matches!(t.punct, Some(',' | '.' | ';' | ')' | '!' | '?')))
            || is_any!(
                self,
                j,
                &["to", "and", "on", "today", "tomorrow", "tonight"]
            );
        let ends = i > 0
            && (is_any!(self, i - 1, &["from", "between", "until", "till"])
                || (is_any!(self, i - 1, &["to", "and"]) && closed));
        if !(said_ampm || oh || (loose || ends || i > 0 && self.is(i - 1, "at")) && mi.is_some()) {
            return None;
        }
        Some((
            j,
            Pt::Time {
                day: None,
                h,
                mi,
                sec: None,
                amb: !said_ampm,
            },
        ))
    }

    /// "4th of January [2026]", "first of March".
    fn ordinal_first(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, d) = self.day_num(i)?;
        self.day_then_month(j, d)
    }

    /// A two-digit year closing a day and month ("14th April 15."): only
    /// before the end of the text or a punctuation mark, so that "April 3
    /// 15 people" is no year.
    fn short_year(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.tok(i).filter(|t| t.ndig == 2)?;
        let yy = t.int()?;
        let closed = match self.tok(i + 1) {
            None => true,
            Some(x) => {
                matches!(x.punct, Some(',' | '.' | ';' | ')' | '!' | '?'))
                    && !(self.glued(i + 1) && self.tok(i + 2).is_some_and(|y| y.num.is_some()))
            }
        };
        closed.then(|| (i + 1, two_digit_year(yy)))
    }

    /// A two-digit year after a month or a day of one: after an apostrophe
    /// ("May '68", "April 15, '87", "April of '87"), or
    /// after "of" when nothing but punctuation follows ("April of 87.").
    fn month_short_year(&self, e: usize) -> Option<(usize, i32)> {
        let k = if self.punct(e, ',') || self.is(e, "of") {
            e + 1
        } else {
            e
        };
        if self.punct(k, '\'') && self.glued(k) {
            let t = self.tok(k + 1).filter(|t| t.ndig == 2)?;
            // not "'87.5"
            if self.punct(k + 2, '.')
                && self.glued(k + 1)
                && self.tok(k + 3).is_some_and(|x| x.num.is_some())
            {
                return None;
            }
            return Some((k + 2, two_digit_year(t.int()?)));
        }
        if self.is(e, "of") {
            return self.short_year(e + 1);
        }
        None
    }

    fn day_then_month(&self, j: usize, d: i8) -> Option<(usize, Pt)> {
        let k = if self.is(j, "of") { j + 1 } else { j };
        let (e, m) = self.month(k)?;
        if let Some((e2, y)) = self
            .dated_year(e)
            .or_else(|| self.short_year(e))
            .or_else(|| self.month_short_year(e))
        {
            return valid(y, m, d).then_some((e2, Pt::Day { y: Some(y), m, d }));
        }
        valid(2000, m, d).then_some((e, Pt::Day { y: None, m, d }))
    }

    /// A fractional span of hours at `i` ("2 and a half hours", "half an
    /// hour", "1.5 hours"), in whole minutes, and its end.
    fn frac_minutes(&self, i: usize) -> Option<(usize, i64)> {
        let (e, d) = self.count_unit(i)?;
        let frac = d.contains('.') || (d.starts_with("PT") && self.is(i, "half"));
        if !frac {
            return None;
        }
        Some((e, clock_minutes(&d)?))
    }

    /// "9 tomorrow", "at 7 tonight", "9 tomorrow evening": hour `h` at `i`
    /// on the deictic day after it; afternoon, evening and night (and
    /// "tonight") make it p.m.
    fn hour_on_day(&self, i: usize, h: i8) -> Option<(usize, Pt)> {
        // not "slipped 3/8 today", "5-1/2 yesterday"
        let lead = i == 0
            || self.tok(i - 1).is_some_and(|p| {
                p.punct
                    .is_some_and(|c| !matches!(c, '/' | '-' | '.' | '$' | '%'))
                    && !self.glued(i - 1)
            })
            || is_any!(
                self,
                i - 1,
                &["at", "around", "by", "until", "till", "before", "after"],
            );
        if !lead
            || !is_any!(
                self,
                i + 1,
                &["tomorrow", "today", "tonight", "tonite", "yesterday"],
            )
        {
            return None;
        }
        let (e, day) = self.point(i + 1)?;
        let (day, pm) = match day {
            Pt::Pod { day, pod } => (day, matches!(pod, "AF" | "EV" | "NI")),
            d if day_level(&d) => (Some(Box::new(d)), false),
            _ => return None,
        };
        let pm = pm || is_any!(self, i + 1, &["tonight", "tonite"]);
        let h = if pm && h < 12 { h + 12 } else { h };
        Some((
            e,
            Pt::Time {
                day,
                h,
                mi: None,
                sec: None,
                amb: !pm,
            },
        ))
    }

    /// An era after a year: "AD", "A.D.", "CE" (false) or "BC", "B.C.",
    /// "BCE" (true), and the token after it. "AD" and "CE" only in
    /// capitals or with dots ("2 ad slots" is no year).
    fn era(&self, i: usize) -> Option<(usize, bool)> {
        let w = self.word(i);
        if w.is_empty() {
            return None;
        }
        let caps = w.bytes().all(|c| c.is_ascii_uppercase());
        let lw = self.lower(i);
        if lw == "bc" || lw == "bce" {
            return Some((i + 1, true));
        }
        if caps && (lw == "ad" || lw == "ce") {
            return Some((i + 1, false));
        }
        // dotted: "a.d.", "b.c.", "b.c.e.", "c.e."
        let letter = |k: usize, c: &str| self.is(k, c) && self.punct(k + 1, '.') && self.glued(k);
        let dotted: &[(&[&str], bool)] = &[
            (&["b", "c", "e"], true),
            (&["b", "c"], true),
            (&["a", "d"], false),
            (&["c", "e"], false),
        ];
        dotted.iter().find_map(|(ls, bc)| {
            ls.iter()
                .enumerate()
                .all(|(k, c)| letter(i + 2 * k, c) && (k == 0 || self.glued(i + 2 * k - 1)))
                .then_some((i + 2 * ls.len(), *bc))
        })
    }

    /// Points that start with a digit.
    fn numeric(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        let n = t.num?;
        let suf = t.suffix();
        // "14 A.D.", "2014 BC": a year of the era
        if suf.is_empty() && t.ndig <= 4 && n > 0 {
            // a four-digit year before "B.C." may be the province's ("the
            // 2017 B.C. election"): only at the end of a phrase or after a
            // preposition
            let era = self.era(i + 1).filter(|(e, _)| {
                t.ndig < 4
                    || self.tok(*e).is_none_or(|x| x.punct.is_some())
                    || (i > 0
                        && is_any!(
                            self,
                            i - 1,
                            &["in", "by", "from", "to", "until", "since", "around", "circa",],
                        ))
            });
            if let Some((e, bc)) = era {
                let y = n as i32;
                return Some((
                    e,
                    if bc {
                        Pt::Lit(format!("BC{y:04}"))
                    } else {
                        Pt::Year(y)
                    },
                ));
            }
        }
        // Compact relative datelines: "2d ago", "1mo ago", "3h ago".
        if !suf.is_empty() && self.is(i + 1, "ago") {
            let unit = match suf {
                b"s" | b"sec" | b"secs" => Unit::Second,
                b"m" | b"min" | b"mins" => Unit::Minute,
                b"h" | b"hr" | b"hrs" => Unit::Hour,
                b"d" => Unit::Day,
                b"w" | b"wk" | b"wks" => Unit::Week,
                b"mo" | b"mos" => Unit::Month,
                b"y" | b"yr" | b"yrs" => Unit::Year,
                _ => return None,
            };
            let n = n.min(100_000) as i64;
            // weeks back land on a day, as "three weeks ago" does
            let (n, unit) = if unit == Unit::Week {
                (n * 7, Unit::Day)
            } else {
                (n, unit)
            };
            return Some((i + 2, Pt::Shift { n: -n, unit }));
        }
        match suf {
            // "11ish": about eleven o'clock
            b"ish" if t.ndig <= 2 && (1..=24).contains(&n) => {
                return Some((
                    i + 1,
                    Pt::Time {
                        day: None,
                        h: n as i8,
                        mi: None,
                        sec: None,
                        amb: false,
                    },
                ))
            }
            b"s" if t.ndig == 4 && n % 10 == 0 => {
                return Some((i + 1, Pt::Decade((n / 10) as i32)))
            }
            // "0730 GMT", "1930 local time" (read by `clock`)
            b"" if self.wire_clock(i) => return self.clock(i),
            // "at 1030", "around 0730": hours and minutes without a colon
            b"" if t.ndig == 4
                && i > 0
                // "at 1030 yen", "at 1030.5" are prices
                && self.tok(i + 1).is_none_or(|x| x.punct.is_some() && x.punct != Some('%'))
                && !(self.glued(i) && self.glued(i + 1) && self.tok(i + 2).is_some_and(|x| x.num.is_some()))
                && is_any!(self, i - 1, &["at", "around", "approximately"])
                && n % 100 < 60
                && n / 100 < 24
                && (t.ndig == 4 && self.text.get(t.s..t.s + 1) == Some("0") || n < 1800)
                && !matches!(self.lex(i + 1), Some(Lex::Unit(_))) =>
            {
                return Some((
                    i + 1,
                    Pt::Time {
                        day: None,
                        h: (n / 100) as i8,
                        mi: Some((n % 100) as i8),
                        sec: None,
                        amb: n / 100 <= 12,
                    },
                ));
            }
            b"am" | b"pm" | b"a" | b"p" => return self.clock(i),
            // "15h30", "at 15h", "9h30 - 11h": a clock time, European style
            b"h" if t.ndig <= 2 && n <= 24 => {
                let mins = self
                    .tok(i + 1)
                    .filter(|m| self.glued(i) && m.ndig == 2 && m.suflen == 0)
                    .and_then(|m| m.num)
                    .filter(|m| *m < 60);
                let cue = i > 0
                    && is_any!(
                        self,
                        i - 1,
                        &["at", "from", "until", "till", "to", "by", "after", "before", "around",],
                    );
                let ranged = (self.punct(i + 1, '-') || self.is(i + 1, "to"))
                    && self.tok(i + 2).is_some_and(|x| x.suffix() == b"h");
                let after_range = i > 1
                    && self.punct(i - 1, '-')
                    && self.tok(i - 2).is_some_and(|x| x.num.is_some());
                if mins.is_none() && !cue && !ranged && !after_range {
                    return None;
                }
                let e = if mins.is_some() { i + 2 } else { i + 1 };
                return Some((
                    e,
                    Pt::Time {
                        day: None,
                        h: n as i8,
                        mi: Some(mins.unwrap_or(0) as i8),
                        sec: None,
                        amb: false,
                    },
                ));
            }
            b"fy" => return Some((i + 1, Pt::Year(n as i32))),
            b"st" | b"nd" | b"rd" | b"th" => {
                if let Some(x) = self.part_of_year(i).or_else(|| self.nth(i)) {
                    return Some(x);
                }
                let (j, d) = self.day_num(i)?;
                if let Some(x) = self.day_then_month(j, d) {
                    return Some(x);
                }
                // "the 4th century"
                if self.is(j, "century") && (1..=30).contains(&d) {
                    return Some((j + 1, Pt::Century(d as i32 - 1)));
                }
                // "the 29th" — a day of this month, only after "the"/"on"
                if i > 0
                    && is_any!(self, i - 1, &["the", "on"])
                    && !matches!(self.lex(j), Some(Lex::Unit(_)))
                    // not "the 11th District", "the 5th floor"
                    && self.tok(j).is_none_or(|t| t.punct.is_some() || is_any!(self, j, &["and", "or", "at", "to", "through"]))
                {
                    return Some((j, Pt::DayOfMonth(d)));
                }
                return None;
            }
            b"" => {}
            _ => return None,
        }
        // ISO and slashed dates, glued: 2026-06-01, 06/01/2026, 1.6.2026
        if self.glued(i) && self.glued(i + 1) {
            if let Some(x) = self.numeric_date(i) {
                return Some(x);
            }
        }
        // 8-digit 20170302 (inside URLs and file names)
        if t.ndig == 8 {
            let y = (n / 10000) as i32;
            let m = ((n / 100) % 100) as i8;
            let d = (n % 100) as i8;
            if (1900..=2100).contains(&y) && valid(y, m, d) {
                return Some((i + 1, Pt::Day { y: Some(y), m, d }));
            }
            return None;
        }
        // Times: 3:30, 15:30:00 [pm]
        if self.punct(i + 1, ':') && self.glued(i) && self.glued(i + 1) {
            return self.clock(i);
        }
        if t.ndig <= 2
            && (is_any!(self, i + 1, &["am", "pm"])
                || (is_any!(self, i + 1, &["a", "p"]) && self.punct(i + 2, '.')))
        {
            return self.clock(i);
        }
        if t.ndig <= 2 && self.punct(i + 1, '.') && self.glued(i) && self.glued(i + 1) {
            if let Some(m) = self.tok(i + 2).filter(|m| m.ndig == 2) {
                let after = i + 3;
                if matches!(m.suffix(), b"am" | b"pm") {
                    return self.clock(i);
                }
                if m.suflen == 0 && is_any!(self, after, &["am", "pm"])
                    || (is_any!(self, after, &["a", "p"]) && self.punct(after + 1, '.'))
                {
                    return self.clock(i);
                }
            }
        }
        if t.ndig <= 2
            && n <= 24
            && (self.is(i + 1, "oclock") || (self.is(i + 1, "o") && self.punct(i + 2, '\'')))
        {
            return self.clock(i);
        }
        // "at 6.45": a dotted time after "at"
        if t.ndig <= 2
            && n <= 24
            && i > 0
            && self.is(i - 1, "at")
            && self.punct(i + 1, '.')
            && self.glued(i)
            && self.glued(i + 1)
            && self
                .tok(i + 2)
                .is_some_and(|m| m.ndig == 2 && m.suflen == 0)
            // not "at 2.46 billion guilders"
            && self.tok(i + 3).is_none_or(|x| !x.alpha || is_any!(self, i + 3, &["am", "pm", "a", "p", "on", "and", "or", "in", "at", "tomorrow", "today", "tonight"]))
        {
            return self.clock(i);
        }
        // "4 in the morning", "8 at night"
        if t.ndig <= 2 && n <= 12 && is_any!(self, i + 1, &["in", "at"]) {
            let k = if self.is(i + 2, "the") { i + 3 } else { i + 2 };
            if let Some(Lex::Pod(p)) = self.lex(k) {
                let h = match p.as_str() {
                    "AF" | "EV" if n < 12 => n + 12,
                    "NI" if (6..12).contains(&n) => n + 12,
                    _ => n,
                };
                return Some((
                    k + 1,
                    Pt::Time {
                        day: None,
                        h: h as i8,
                        mi: None,
                        sec: None,
                        amb: false,
                    },
                ));
            }
        }
        // "the 90 s", "1990 s": a decade with its "s" set apart
        if (t.ndig == 2 || t.ndig == 4)
            && n % 10 == 0
            && self.is(i + 1, "s")
            && (self.tok(i + 2).is_none_or(|x| !x.alpha)
                || (i > 0 && is_any!(self, i - 1, &["the", "in", "early", "late", "mid"])))
        {
            let d = if t.ndig == 2 { 190 + n / 10 } else { n / 10 };
            if t.ndig == 2 || (1000..=2100).contains(&n) {
                return Some((i + 2, Pt::Decade(d as i32)));
            }
        }
        // "330 p.m.", "1140 a.m."
        if (3..=4).contains(&t.ndig)
            && (is_any!(self, i + 1, &["am", "pm"])
                || (is_any!(self, i + 1, &["a", "p"]) && self.punct(i + 2, '.')))
        {
            return self.clock(i);
        }
        // "18q4": a two-digit year glued to a quarter
        if t.ndig == 2 && suf.is_empty() && self.glued(i) {
            if let Some(q) = self
                .tok(i + 1)
                .filter(|q| q.suflen == 1 && !q.alpha && q.lex == Some(Lex::Kw) && q.suf[0] == b'q')
            {
                let qn = q.suf[1] as i8;
                if (1..=4).contains(&qn) {
                    let y = two_digit_year(n);
                    return Some((i + 2, Pt::Quarter { y: Some(y), q: qn }));
                }
            }
        }
        // "9 tomorrow", "at 7 tonight", "9 tomorrow evening": an hour on a
        // near day, at the start of a phrase or after "at"
        if t.ndig <= 2 && suf.is_empty() && (1..=12).contains(&n) {
            if let Some(x) = self.hour_on_day(i, n as i8) {
                return Some(x);
            }
        }
        // "1 June 2026", "4 of July"
        if t.ndig <= 2 {
            if let Some((j, d)) = self.day_num(i) {
                if let Some(x) = self.day_then_month(j, d) {
                    return Some(x);
                }
            }
            return self.ago(i);
        }
        if let Some((j, y)) = self.bare_year(i) {
            // "2017 April"
            if let Some((e, m)) = self.month(j) {
                if self.tok(e).is_none_or(|t| t.punct.is_some()) {
                    return Some((e, Pt::Month { y: Some(y), m }));
                }
            }
            // "the 1988 third quarter", "the 1988 quarter"
            if let Some((e, Pt::Quarter { y: None, q })) =
                self.part_of_year(j).filter(|_| !self.glued(j - 1))
            {
                return Some((e, Pt::Quarter { y: Some(y), q }));
            }
            if is_any!(self, j, &["quarter", "period"]) && i > 0 && self.is(i - 1, "the") {
                return Some((j + 1, Pt::QuarterOfYear(y)));
            }
            // "at 1986 year end", "the 1987 year-end": that year's end, not
            // the DCT's
            if self.is(j, "year") {
                if self.is(j + 1, "end") {
                    return Some((j + 2, Pt::Year(y)));
                }
                if self.punct(j + 1, '-') && self.glued(j + 1) && self.is(j + 2, "end") {
                    return Some((j + 3, Pt::Year(y)));
                }
            }
            // "2017 Q1", "2019-H2"
            let k = if self.punct(j, '-') && self.glued(j - 1) {
                j + 1
            } else {
                j
            };
            if let Some(q) = self
                .tok(k)
                .filter(|q| q.suflen == 1 && !q.alpha && q.lex == Some(Lex::Kw))
            {
                let n = q.suf[1] as i8;
                match (q.suf[0], n) {
                    (b'q', 1..=4) => return Some((k + 1, Pt::Quarter { y: Some(y), q: n })),
                    (b'h', 1..=2) => return Some((k + 1, Pt::Half { y: Some(y), h: n })),
                    _ => {}
                }
            }
            return Some((j, Pt::Year(y)));
        }
        None
    }

    fn numeric_date(&self, i: usize) -> Option<(usize, Pt)> {
        let a = self.tok(i)?;
        let sep = self.tok(i + 1)?.punct?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        // 22/Jan/2019, 2019-aug-01
        if let Some(Lex::Month(m)) = self.lex(i + 2) {
            if self.glued(i + 2) && self.punct(i + 3, sep) && self.glued(i + 3) {
                let c = self.tok(i + 4)?;
                let (an, cn) = (a.int()?, c.int()?);
                let (y, d) = match (a.ndig, c.ndig) {
                    (4, 1..=2) => (an as i32, cn),
                    (1..=2, 4) => (cn as i32, an),
                    _ => return None,
                };
                let d = d.min(99) as i8;
                return valid(y, m, d).then_some((i + 5, Pt::Day { y: Some(y), m, d }));
            }
        }
        let bt = self.tok(i + 2)?;
        // "2014/10", "10/2014" as well, written solid
        // ("2003/4" and "2009/10" are spans of years, "7500/03" no date)
        let solid = sep == '/'
            && self.glued(i)
            && self.glued(i + 1)
            && (a.ndig != 4
                || (bt.ndig == 2 && a.int().is_some_and(|y| (1800..=2199).contains(&y))));
        if (sep == '-' || solid)
            && !(self.glued(i + 2) && self.tok(i + 3).is_some_and(|x| x.punct.is_some()))
        {
            let (an, bn) = (a.int()?, bt.int()?);
            // 2015-3 and 12-2015: a year and a month
            // "2014-10" is October, "2019-20" a fiscal year
            let next_year = (an + 1) % 100 == bn;
            if a.ndig == 4
                && (bt.ndig == 1 || (bt.ndig == 2 && !next_year))
                && (1..=12).contains(&bn)
            {
                return Some((
                    i + 3,
                    Pt::Month {
                        y: Some(an as i32),
                        m: bn as i8,
                    },
                ));
            }
            if a.ndig <= 2 && bt.ndig == 4 && (1..=12).contains(&an) && (1900..=2100).contains(&bn)
            {
                return Some((
                    i + 3,
                    Pt::Month {
                        y: Some(bn as i32),
                        m: an as i8,
                    },
                ));
            }
        }
        let b = self.tok(i + 2)?;
        let (an, bn) = (a.int()?, b.int()?);
        let third = if self.glued(i + 2) && self.punct(i + 3, sep) && self.glued(i + 3) {
            self.tok(i + 4).and_then(|c| c.int().map(|v| (v, c.ndig)))
        } else {
            None
        };
        match (a.ndig, third) {
            (4, Some((c, 1..=2))) if sep != '.' => {
                let (y, m, d) = (an as i32, bn as i8, c as i8);
                valid(y, m, d).then_some((i + 5, Pt::Day { y: Some(y), m, d }))
            }
            (1..=2, Some((c, cd))) if cd == 4 || cd == 2 => {
                let y = if cd == 4 {
                    c as i32
                } else if c < 50 {
                    2000 + c as i32
                } else {
                    1900 + c as i32
                };
                let (m, d) = if sep == '.' || an > 12 {
                    (bn, an)
                } else {
                    (an, bn)
                };
                let (m, d) = (m.min(99) as i8, d.min(99) as i8);
                valid(y, m, d).then_some((i + 5, Pt::Day { y: Some(y), m, d }))
            }
            (4, None)
                if sep == '-' && b.ndig == 2 && (1..=12).contains(&bn) && !self.glued(i + 2) =>
            {
                // 2026-06 is a month; "2019-20" (no leading zero) is a span of years
                if self.text.get(b.s..b.s + 1) == Some("0") {
                    return Some((
                        i + 3,
                        Pt::Month {
                            y: Some(an as i32),
                            m: bn as i8,
                        },
                    ));
                }
                None
            }
            (1..=2, None) if sep == '/' && b.ndig == 4 && (1..=12).contains(&an) => Some((
                i + 3,
                Pt::Month {
                    y: Some(bn as i32),
                    m: an as i8,
                },
            )),
            (1..=2, None)
                if sep == '/'
                    && b.ndig <= 2
                    && !(self.glued(i + 2) && self.punct(i + 3, '/'))
                    // "2 1/2 years" is a fraction, not a date
                    && !matches!(self.lex(i + 3), Some(Lex::Unit(_)))
                    && !(i > 0 && self.tok(i - 1).is_some_and(|t| t.num.is_some()))
                    // "8-1/2", "3/4 of": fractions (stock prices, shares)
                    && !(an < bn && matches!(bn, 2 | 3 | 4 | 8 | 16 | 32 | 64))
                    // "8-1/2" (a whole number and a fraction), but "2/29-3/1" is two dates
                    && !(i >= 2
                        && self.glued(i - 1)
                        && self.punct(i - 1, '-')
                        && self.tok(i - 2).is_some_and(|t| t.num.is_some())
                        && !(i >= 3 && self.punct(i - 3, '/'))) =>
            {
                let (m, d) = if an > 12 { (bn, an) } else { (an, bn) };
                let (m, d) = (m.min(99) as i8, d.min(99) as i8);
                valid(2000, m, d).then_some((i + 3, Pt::Day { y: None, m, d }))
            }
            _ => None,
        }
    }

    /// A clock time at `i`: "3:30", "3:30 p.m.", "3pm", "10.30 am", "15:30 EST".
    fn clock(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        let mut h = t.num? as i64;
        let mut j = i + 1;
        let mut mi: Option<i64> = None;
        let mut sec: Option<i64> = None;
        // "330 p.m.", "1140 a.m.": hour and minutes run together; so do
        // the 24-hour clocks of wire copy, always with their zone ("0730
        // GMT", "1930 local time")
        let mut wire = false;
        if (3..=4).contains(&t.ndig) {
            let n = t.num? as i64;
            let says_ampm = !t.suffix().is_empty() || is_any!(self, j, &["am", "pm", "a", "p"]);
            wire = self.wire_clock(i);
            if !(says_ampm || wire) || n % 100 > 59 {
                return None;
            }
            h = n / 100;
            mi = Some(n % 100);
        }
        let mut ampm: Option<u8> = match t.suffix() {
            b"am" | b"a" => Some(b'a'),
            b"pm" | b"p" => Some(b'p'),
            b"" => None,
            _ => return None,
        };
        if ampm.is_some() && t.suflen == 1 {
            // "3p.m." style; a bare "9a" only right after "at"
            let after_at = i > 0 && self.is(i - 1, "at") && self.tok(j).is_none_or(|x| !x.alpha);
            if !(after_at || self.punct(j, '.') && self.is(j + 1, "m")) {
                return None;
            }
        }
        if ampm.is_some() && t.suflen == 1 && self.punct(j, '.') && self.is(j + 1, "m") {
            j += 2;
            if self.punct(j, '.') {
                j += 1;
            }
        }
        if ampm.is_none() && (self.punct(j, ':') || self.punct(j, '.')) && self.glued(i) {
            let m = self.tok(j + 1)?;
            if m.ndig != 2 {
                return None;
            }
            mi = Some(m.num? as i64);
            if !m.suffix().is_empty() {
                ampm = match m.suffix() {
                    b"am" | b"a" => Some(b'a'),
                    b"pm" | b"p" => Some(b'p'),
                    _ => return None,
                };
            }
            j += 2;
            if ampm.is_none() && self.punct(j, ':') {
                // "6:00:00", "6:00:00pm"
                let s_tok = self.tok(j + 1).filter(|s| s.ndig == 2);
                let s_ampm = match s_tok.map(|s| s.suffix()) {
                    Some(b"am") => Some(Some(b'a')),
                    Some(b"pm") => Some(Some(b'p')),
                    Some(b"") => Some(None),
                    _ => None,
                };
                if let (Some(sv), Some(sa)) = (s_tok.and_then(|s| s.num), s_ampm) {
                    sec = Some(sv as i64);
                    ampm = sa;
                    j += 2;
                }
            }
        }
        if ampm.is_none() {
            if is_any!(self, j, &["am", "pm"]) {
                ampm = Some(self.word(j).as_bytes()[0].to_ascii_lowercase());
                j += 1;
            } else if is_any!(self, j, &["a", "p"]) && self.punct(j + 1, '.') && self.is(j + 2, "m")
            {
                ampm = Some(self.word(j).as_bytes()[0].to_ascii_lowercase());
                j += 3;
                if self.punct(j, '.') {
                    j += 1;
                }
            }
        }
        // "10 o'clock", "10 oclock" make a bare hour a time
        let oclock = (self.is(j, "o") && self.punct(j + 1, '\'') && self.is(j + 2, "clock"))
            || self.is(j, "oclock");
        if ampm.is_none() && mi.is_none() && !oclock {
            return None;
        }
        // "3 o'clock am": the marker after the o'clock
        let past_oclock = if self.is(j, "oclock") { j + 1 } else { j + 3 };
        let ampm_after = oclock && ampm.is_none() && is_any!(self, past_oclock, &["am", "pm"]);
        if ampm_after {
            ampm = self
                .word(past_oclock)
                .bytes()
                .next()
                .map(|c| c.to_ascii_lowercase());
        }
        match ampm {
            Some(b'p') if (1..12).contains(&h) => h += 12,
            Some(b'a') if h == 12 => h = 0,
            _ => {}
        }
        if h > 24 || mi.is_some_and(|m| m > 59) || sec.is_some_and(|s| s > 59) {
            return None;
        }
        let amb = ampm.is_none() && (1..=12).contains(&h) && !wire;
        if self.is(j, "o") && self.punct(j + 1, '\'') && self.is(j + 2, "clock") {
            j += 3;
        } else if self.is(j, "oclock") {
            j += 1;
        }
        if ampm_after {
            j += 1;
        }
        // Time zones are read and dropped: DCTs are local.
        if self.zone_at(j) {
            j += 1;
        } else if wire && self.is(j, "local") {
            j += 2;
        } else if self.punct(j, '(')
            && ZONES
                .iter()
                .any(|z| self.word(j + 1).eq_ignore_ascii_case(z))
            && self.punct(j + 2, ')')
        {
            j += 3;
        }
        Some((
            j,
            Pt::Time {
                day: None,
                h: h as i8,
                mi: mi.map(|m| m as i8),
                sec: sec.map(|x| x as i8),
                amb,
            },
        ))
    }

    /// Is token `i` a 24-hour clock of four digits with its zone right
    /// after, as wire copy writes them ("0730 GMT", "1930 local time")?
    fn wire_clock(&self, i: usize) -> bool {
        self.hhmm(i).is_some()
            && (self.zone_at(i + 1) || (self.is(i + 1, "local") && self.is(i + 2, "time")))
    }

    /// Token `i` as a 24-hour clock of four plain digits ("0730", "1930"):
    /// its hour and minutes.
    fn hhmm(&self, i: usize) -> Option<(i8, i8)> {
        let t = self.tok(i).filter(|t| t.ndig == 4)?;
        let n = t.int().filter(|n| n % 100 < 60 && n / 100 < 24)?;
        Some(((n / 100) as i8, (n % 100) as i8))
    }

    /// Is the clock at token `i` written the 24-hour way: an hour past 12
    /// ("19:00", "1930") or with a leading zero ("07:00", "0730")? Such a
    /// clock takes no morning or afternoon from the other end of a range.
    fn clock_24h(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| match (t.ndig, t.int()) {
            (2, Some(n)) => n < 10 || (13..=24).contains(&n),
            (4, _) => self.hhmm(i).is_some(),
            _ => false,
        })
    }

    /// The start of a wire-copy clock range at token `i` ("0730" in
    /// "between 0730 and 0930 GMT" or "0730-0930 GMT"): four digits that
    /// read as a 24-hour time, then a connector and a clock with its zone.
    fn wire_range_start(&self, i: usize) -> Option<Pt> {
        let (h, mi) = self.hhmm(i)?;
        let joined =
            self.punct(i + 1, '-') || is_any!(self, i + 1, &["and", "to", "till", "until"]);
        if !joined || !self.wire_clock(i + 2) {
            return None;
        }
        Some(Pt::Time {
            day: None,
            h,
            mi: Some(mi),
            sec: None,
            amb: false,
        })
    }

    /// Is token `i` a time zone written in capitals ("GMT", "EST")?
    fn zone_at(&self, i: usize) -> bool {
        let zone = self.word(i);
        !zone.is_empty()
            && zone.len() <= 4
            && ZONES.iter().any(|z| zone.eq_ignore_ascii_case(z))
            && zone.bytes().all(|c| c.is_ascii_uppercase())
    }

    /// "two months ago", "a year earlier", "three years later", "2 days from now".
    fn ago(&self, i: usize) -> Option<(usize, Pt)> {
        // "two and a half hours from now": minutes from the DCT (a cheap
        // look ahead first: this runs for every small number)
        let may_frac = self.is(i, "half")
            || self.is(i + 1, "and")
            || (self.punct(i + 1, '.') && self.glued(i));
        if let Some((k, m)) = may_frac.then(|| self.frac_minutes(i)).flatten() {
            if self.is(k, "from") && is_any!(self, k + 1, &["now", "today"]) {
                return Some((
                    k + 2,
                    Pt::After {
                        n: m,
                        unit: Unit::Minute,
                    },
                ));
            }
        }
        let (j, n) = if is_any!(self, i, &["a", "an", "one"]) {
            (i + 1, 1)
        } else if self.is(i, "a") && self.is(i + 1, "couple") {
            (if self.is(i + 2, "of") { i + 3 } else { i + 2 }, 2)
        } else {
            let (j, n) = self.card(i)?;
            (j, n)
        };
        let j = if self.punct(j, '-') { j + 1 } else { j };
        // "3 fridays from now": the third Friday after today
        if let Some(Lex::Weekdays(wd) | Lex::Weekday(wd)) = self.lex(j) {
            if self.is(j + 1, "from")
                && is_any!(self, j + 2, &["now", "today"])
                && (1..=52).contains(&n)
            {
                return Some((j + 3, Pt::WeekdayFromNow { wd, n: n as i8 }));
            }
            return None;
        }
        let Some(Lex::Unit(unit)) = self.lex(j) else {
            return None;
        };
        if unit == Unit::Weekend {
            return None;
        }
        // "a week or so ago": an approximate count, the same point
        let k = if self.is(j + 1, "or") && self.is(j + 2, "so") {
            j + 3
        } else {
            j + 1
        };
        let n = n.min(100_000) as i64;
        let (n, unit) = if unit == Unit::Fortnight {
            (n * 2, Unit::Week)
        } else {
            (n, unit)
        };
        // "two days after today", "2 weeks from January 15", "3 fridays from now"
        if is_any!(self, k, &["from", "after", "before"])
            && !(self.is(k, "from") && is_any!(self, k + 1, &["now", "today", "right"]))
        {
            let sign = if self.is(k, "before") { -1 } else { 1 };
            if let Some((e, base)) = self.point(k + 1).filter(|(_, b)| day_level(b)) {
                return Some((
                    e,
                    Pt::From {
                        n: n * sign,
                        unit,
                        base: Box::new(base),
                    },
                ));
            }
        }
        if n == 1 && unit == Unit::Year && is_any!(self, k, &["ago", "earlier"]) {
            return Some((k + 1, Pt::YearAgo));
        }
        if is_any!(self, k, &["ago", "earlier", "before"]) {
            // "before" only when nothing follows that it could govern
            if self.is(k, "before") && self.tok(k + 1).is_some_and(|t| t.alpha || t.num.is_some()) {
                return None;
            }
            // Weeks back land on a day: "three weeks ago" is a date.
            if unit == Unit::Week {
                return Some((
                    k + 1,
                    Pt::Shift {
                        n: n.checked_mul(-7)?,
                        unit: Unit::Day,
                    },
                ));
            }
            return Some((k + 1, Pt::Shift { n: -n, unit }));
        }
        // "from right now": from now
        let right = usize::from(self.is(k + 1, "right") && self.is(k + 2, "now"));
        if is_any!(self, k, &["later", "hence"])
            || (self.is(k, "from") && is_any!(self, k + 1 + right, &["now", "today"]))
        {
            let e = if self.is(k, "from") {
                k + 2 + right
            } else {
                k + 1
            };
            // "three days from now" counts from today exactly; "two
            // months later" names the month.
            if !self.is(k, "later") {
                return Some((e, Pt::After { n, unit }));
            }
            return Some((e, Pt::Shift { n, unit }));
        }
        None
    }

    /// "last year", "next Tuesday", "this week", "the past month", "last fall".
    fn relative(&self, i: usize, r: Rel) -> Option<(usize, Pt)> {
        // "this calendar year", "last fiscal year": the same as "this year"
        let j = if is_any!(self, i + 1, &["calendar", "fiscal"]) && self.is(i + 2, "year") {
            i + 2
        } else {
            i + 1
        };
        let w = self.lower(i);
        // "past"/"coming"/"following" need a unit noun straight after, and
        // "past N years" is a duration, handled elsewhere.
        let off = i64::from(r.offset());
        if w == "last" {
            if let Some(x) = self.nth_of_at(j, -1) {
                return Some(x);
            }
            // "the last half of 1989": its second half
            if self.is(j, "half") {
                if let Some((e, y)) = self.year_after(j + 1) {
                    return Some((e, Pt::Half { y: Some(y), h: 2 }));
                }
            }
        }
        // "same week", "same month": the DCT's; nothing else ("same night")
        if w == "same"
            && !matches!(
                self.lex(j),
                Some(Lex::Unit(Unit::Day | Unit::Week | Unit::Month | Unit::Year))
            )
        {
            return None;
        }
        // "this week or next", "last year or this?": the second relative
        // word, with no noun of its own, takes the unit of the first
        if matches!(w.as_str(), "next" | "this" | "last")
            && i >= 3
            && is_any!(self, i - 1, &["or", "and"])
            && self.tok(j).is_none_or(|t| {
                t.punct.is_some_and(|c| c != '-' && c != '\'')
                    || is_any!(self, j, &["please", "then", "too", "instead", "either"])
            })
            && is_any!(self, i - 3, &["last", "next", "this", "previous"])
            && !self.word(i - 2).ends_with('s')
        {
            if let Some(Lex::Unit(
                u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year),
            )) = self.lex(i - 2)
            {
                return Some((j, Pt::Shift { n: off, unit: u }));
            }
        }
        match self.lex(j)? {
            Lex::Unit(u) => {
                if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
                    return None;
                }
                // "the past week", "the coming month": a date like "last week";
                // but "the past decade" is a span of ten years
                if matches!(u, Unit::Decade | Unit::Century)
                    && !matches!(w.as_str(), "last" | "next" | "this" | "current")
                {
                    return None;
                }
                if w == "current" && u == Unit::Day {
                    return None;
                }
                let e = j + 1;
                // "this weekend", "this week-end"
                if u == Unit::Weekend {
                    return Some((e, Pt::Weekend(Some(r))));
                }
                if u == Unit::Week
                    && self.punct(e, '-')
                    && self.glued(j)
                    && self.glued(e)
                    && self.is(e + 1, "end")
                {
                    return Some((e + 2, Pt::Weekend(Some(r))));
                }
                if u == Unit::Fortnight {
                    return None;
                }
                // "last week's", plural "last years" is not this
                if self.word(j).ends_with('s') && u != Unit::Weekend {
                    return None;
                }
                // "last year's fourth quarter", "next year's first half"
                if u == Unit::Year && self.punct(e, '\'') && self.is(e + 1, "s") {
                    let of_year = |(k, p): (usize, Pt)| match p {
                        Pt::Quarter { y: None, q } => Some((k, q, false)),
                        Pt::Half { y: None, h } => Some((k, h, true)),
                        _ => None,
                    };
                    if let Some((k, q, half)) = self.part_of_year(e + 2).and_then(of_year) {
                        let off = r.offset();
                        return Some((k, Pt::PartOfRelYear { q, half, off }));
                    }
                }
                // "last year's quarter", "last year's period": a year before
                // the quarter under discussion
                if u == Unit::Year
                    && r == Rel::Last
                    && self.punct(e, '\'')
                    && self.is(e + 1, "s")
                    && is_any!(self, e + 2, &["quarter", "period"])
                {
                    return Some((e + 3, Pt::YearAgo));
                }
                // "next week on Tuesday", "next week, Monday": that week's day
                if u == Unit::Week {
                    let k = if self.is(e, "on") || self.punct(e, ',') || self.punct(e, '-') {
                        e + 1
                    } else {
                        e
                    };
                    if let Some(Lex::Weekday(wd)) = self.lex(k) {
                        if self.tok(k).is_some_and(|t| t.cap || self.word(k).len() > 4) {
                            if r == Rel::This {
                                return Some((self.dot(k + 1), Pt::WeekdayThisWeek(wd)));
                            }
                            return Some((self.dot(k + 1), Pt::Weekday { wd, rel: Some(r) }));
                        }
                    }
                }
                Some((e, Pt::Shift { n: off, unit: u }))
            }
            // "past Wednesday", "this upcoming Friday": the nearest one on
            // that side of the DCT, not a day of the previous/next week
            Lex::Weekday(wd) if matches!(w.as_str(), "past" | "upcoming" | "coming") => Some((
                self.dot(j + 1),
                Pt::WeekdayNearest {
                    wd,
                    past: w == "past",
                },
            )),
            Lex::Weekday(wd) => Some((self.dot(j + 1), Pt::Weekday { wd, rel: Some(r) })),
            Lex::Month(m) => {
                if w == "past" || w == "coming" {
                    return None;
                }
                // "last Oct. 23": that day, on the named side of the DCT
                let k = self.dot(j + 1);
                if let Some((e, d)) = self
                    .day_num(k)
                    .filter(|_| self.year(k).is_none() && valid(2000, m, 1))
                {
                    if valid(2000, m, d) {
                        return Some((e, Pt::DayRel { m, d, rel: r }));
                    }
                }
                Some((k, Pt::Month { y: None, m }).map_rel(r))
            }
            Lex::Season(s) => Some(
                (
                    j + 1,
                    Pt::Season {
                        y: None,
                        s: s.as_str(),
                    },
                )
                    .map_rel(r),
            ),
            Lex::Holiday(_) | Lex::Phrase => {
                let (e, pt) = self.base(j)?;
                match pt {
                    Pt::Holiday { h, y, .. } => Some((e, Pt::Holiday { h, y, rel: Some(r) })),
                    _ => None,
                }
            }
            Lex::Pod(p) if r == Rel::This || (r == Rel::Last && p.as_str() == "NI") => {
                let day = Pt::Shift {
                    n: if r == Rel::Last { -1 } else { 0 },
                    unit: Unit::Day,
                };
                Some((
                    j + 1,
                    Pt::Pod {
                        day: Some(Box::new(day)),
                        pod: p.as_str(),
                    },
                ))
            }
            _ => None,
        }
    }

    /// "the following year", "the previous day", "the same month" said
    /// alone (not "the end of the following week"): from the narrative's
    /// reference time rather than from the DCT.
    fn anaphoric(&self, c: &mut Cand) {
        let Val::Point(Pt::Shift { n, unit }) = c.val else {
            return;
        };
        let k = if self.is(c.s, "the") { c.s + 1 } else { c.s };
        if k + 2 == c.e
            && matches!(unit, Unit::Day | Unit::Month | Unit::Year)
            && is_any!(self, k, &["following", "previous", "preceding", "same"])
        {
            c.val = Val::Point(Pt::Anaphor { n, unit });
        }
    }

    /// "that year", "that same day", "that quarter": the unit of the
    /// narrative's reference time (the quarter under discussion).
    fn that_unit(&self, i: usize) -> Option<(usize, Pt)> {
        let j = if self.is(i + 1, "same") { i + 2 } else { i + 1 };
        let Some(Lex::Unit(u)) = self.lex(j) else {
            return None;
        };
        // "that day-long strike", "that years-long feud"
        if self.punct(j + 1, '-') || self.word(j).ends_with('s') {
            return None;
        }
        match u {
            Unit::Day | Unit::Week | Unit::Month | Unit::Year => {
                Some((j + 1, Pt::Anaphor { n: 0, unit: u }))
            }
            Unit::Quarter => Some((j + 1, Pt::TheQuarter)),
            _ => None,
        }
    }

    /// Expressions that start with a function word.
    fn keyword(&self, i: usize) -> Option<(usize, Pt)> {
        let w = self.lower(i);
        match w.as_bytes() {
            b"the" => {
                let j = i + 1;
                // "the 1990s", "the year 2008", "the third quarter", "the 29th"
                if self.is(j, "year") {
                    if let Some((e, y)) = self.year(j + 1) {
                        return Some((e, Pt::Year(y)));
                    }
                    if let Some((e, Pt::Year(y))) = self.written_year(j + 1) {
                        return Some((e, Pt::Year(y)));
                    }
                }
                // "in the near term", "for the short term": the future
                if is_any!(self, j, &["near", "short", "long"])
                    && self.is(j + 1, "term")
                    && !self.punct(j + 2, '-')
                {
                    return Some((j + 2, Pt::Lit("FUTURE_REF".into())));
                }
                // "the weekend": the one just past in a report
                if self.is(j, "weekend") {
                    return Some((j + 1, Pt::Weekend(None)));
                }
                // "the year", "the fiscal year", "the full year": the DCT's
                let k = if is_any!(self, j, &["full", "fiscal", "current", "calendar"]) {
                    j + 1
                } else {
                    j
                };
                // not "Player of the Year": a capitalised Year is a title
                if self.is(k, "year")
                    && !self.tok(k).is_some_and(|t| t.cap)
                    && self.tok(k + 1).is_none_or(|t| t.num.is_none())
                    && !is_any!(
                        self,
                        k + 1,
                        &["before", "earlier", "ago", "after", "later", "of", "in", "when",],
                    )
                    && !self.punct(k + 1, '-')
                    && !self.punct(k + 1, '\'')
                {
                    return Some((
                        k + 1,
                        Pt::Shift {
                            n: 0,
                            unit: Unit::Year,
                        },
                    ));
                }
                // "the week of October 7th": the week holding that day
                if self.is(j, "week") && self.is(j + 1, "of") {
                    if let Some((e, d)) = self.point(j + 2).filter(|(_, d)| day_level(d)) {
                        return Some((e, Pt::WeekOf(Box::new(d))));
                    }
                }
                // "the same quarter last year", "the corresponding period a
                // year ago": that quarter, a year before
                let k = if is_any!(
                    self,
                    j,
                    &["same", "corresponding", "comparable", "year-ago"]
                ) {
                    j + 1
                } else {
                    j
                };
                if k > j && is_any!(self, k, &["quarter", "period"]) {
                    if self.is(k + 1, "last") && self.is(k + 2, "year") {
                        return Some((k + 3, Pt::YearAgo));
                    }
                    if self.is(k + 1, "a")
                        && self.is(k + 2, "year")
                        && is_any!(self, k + 3, &["ago", "earlier"])
                    {
                        return Some((k + 4, Pt::YearAgo));
                    }
                }
                // "the quarter", "the latest quarter": the one under discussion
                let k = if is_any!(self, j, &["latest", "recent", "same"]) {
                    j + 1
                } else {
                    j
                };
                if (is_any!(self, k, &["quarter", "qtr"]) || (k > j && self.is(k, "period")))
                    && !self.punct(k + 1, '-')
                {
                    if is_any!(self, j, &["latest", "recent"]) {
                        return Some((k + 1, Pt::LatestQuarter));
                    }
                    return Some((k + 1, Pt::TheQuarter));
                }
                if is_any!(self, j, &["day"]) {
                    // "the day before yesterday", "the day after tomorrow"
                    if self.is(j + 1, "before") && self.is(j + 2, "yesterday") {
                        return Some((
                            j + 3,
                            Pt::Shift {
                                n: -2,
                                unit: Unit::Day,
                            },
                        ));
                    }
                    if self.is(j + 1, "after") && self.is(j + 2, "tomorrow") {
                        return Some((
                            j + 3,
                            Pt::Shift {
                                n: 2,
                                unit: Unit::Day,
                            },
                        ));
                    }
                    return None;
                }
                if is_any!(self, j, &["past", "future", "present"])
                    && !matches!(
                        self.lex(j + 1),
                        Some(Lex::Unit(_) | Lex::Card(_) | Lex::Tens(_))
                    )
                    && self.tok(j + 1).is_none_or(|t| t.num.is_none())
                {
                    let v = match self.lower(j).as_str() {
                        "past" => "PAST_REF",
                        "future" => "FUTURE_REF",
                        _ => "PRESENT_REF",
                    };
                    return Some((j + 1, Pt::Lit(v.into())));
                }
                if is_any!(self, j, &["end", "beginning", "start", "middle"])
                    && self.is(j + 1, "of")
                {
                    return self.part_of(j);
                }
                let (e, p) = self.base(j)?;
                if matches!(p, Pt::Lit(_)) {
                    return None;
                }
                Some((e, p))
            }
            b"mid" | b"early" | b"late" => {
                let j = if self.punct(i + 1, '-') { i + 2 } else { i + 1 };
                // "mid day", "mid-night": midday and midnight, spelled apart
                if w == "mid" && is_any!(self, j, &["day", "night"]) {
                    return Some((
                        j + 1,
                        Pt::Time {
                            day: None,
                            h: if self.is(j, "day") { 12 } else { 0 },
                            mi: None,
                            sec: None,
                            amb: false,
                        },
                    ));
                }
                // "late afternoon", "mid-morning": a part of the DCT's day
                if let Some(Lex::Pod(p)) = self.lex(j).filter(|_| !self.word(j).ends_with('s')) {
                    return Some((
                        j + 1,
                        Pt::Pod {
                            day: None,
                            pod: p.as_str(),
                        },
                    ));
                }
                // "late tonight": tonight's night; "late last night",
                // "early Friday morning": that part of day
                if is_any!(self, j, &["tonight", "tonite"]) {
                    let today = Pt::Shift {
                        n: 0,
                        unit: Unit::Day,
                    };
                    return Some((
                        j + 1,
                        Pt::Pod {
                            day: Some(Box::new(today)),
                            pod: "NI",
                        },
                    ));
                }
                if let Some(x @ (_, Pt::Pod { .. })) = self.point(j) {
                    return Some(x);
                }
                let (e, p) = self.base(j)?;
                matches!(
                    p,
                    Pt::Year(_)
                        | Pt::Month { .. }
                        | Pt::Shift { .. }
                        | Pt::Decade(_)
                        | Pt::Season { .. }
                        | Pt::Century(_)
                )
                .then_some((e, p))
            }
            b"end" | b"beginning" | b"start" | b"middle" => {
                if !self.is(i + 1, "of") {
                    return None;
                }
                self.part_of(i)
            }
            b"that" => self.that_unit(i),
            b"earlier" | b"later" => {
                // "later that year", "earlier that day"
                if self.is(i + 1, "that") {
                    return self.that_unit(i + 1);
                }
                // "earlier this year", "later this month"
                match self.lex(i + 1) {
                    Some(Lex::Rel(r)) => self.relative(i + 1, r),
                    _ => None,
                }
            }
            b"fiscal" | b"fy" => {
                let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
                let (e, y) = self.year(j)?;
                Some((e, Pt::Year(y)))
            }
            b"year" => None,
            b"year-end" | b"yearend" => None,
            b"a" | b"an" if self.is(i + 1, "few") => {
                let Some(Lex::Unit(_)) = self.lex(i + 2) else {
                    return None;
                };
                self.is(i + 3, "ago")
                    .then(|| (i + 4, Pt::Lit("PAST_REF".into())))
            }
            // "at a later date": the future; "an earlier date": the past
            b"a" | b"an"
                if is_any!(self, i + 1, &["later", "earlier"]) && self.is(i + 2, "date") =>
            {
                let r = if self.is(i + 1, "later") {
                    "FUTURE_REF"
                } else {
                    "PAST_REF"
                };
                Some((i + 3, Pt::Lit(r.into())))
            }
            b"a" | b"an" => self.ago(i),
            // "these days": the present
            b"these" if self.is(i + 1, "days") => Some((i + 2, Pt::Lit("PRESENT_REF".into()))),
            // "half three", "half seven tonight": British half past
            b"half" => {
                if is_any!(self, i + 1, &["an", "a"]) {
                    return self.ago(i);
                }
                let (e, h) = self.card(i + 1)?;
                let word_or_small = self.tok(i + 1).is_some_and(|t| t.alpha || t.ndig <= 2);
                let next_ok = self
                    .tok(e)
                    .is_none_or(|t| matches!(t.punct, Some(',' | '.' | ';' | ')' | '!' | '?')))
                    || is_any!(
                        self,
                        e,
                        &["tonight", "tomorrow", "today", "this", "on", "am", "pm"],
                    );
                if !(1..=12).contains(&h) || !word_or_small || !next_ok {
                    return None;
                }
                Some((
                    e,
                    Pt::Time {
                        day: None,
                        h: h as i8,
                        mi: Some(30),
                        sec: None,
                        amb: true,
                    },
                ))
            }
            b"at"
                if self.is(i + 1, "present")
                    || (self.is(i + 1, "the") && is_any!(self, i + 2, &["moment", "present"])) =>
            {
                // "at present", "at the moment", "at the present time": now
                let e = if self.is(i + 1, "present") {
                    i + 2
                } else {
                    i + 3
                };
                let e = if self.is(e, "time") && self.is(i + 2, "present") {
                    e + 1
                } else {
                    e
                };
                Some((e, Pt::Now))
            }
            b"in" | b"at"
                if {
                    let k = if self.is(i + 1, "the") { i + 2 } else { i + 1 };
                    matches!(self.lex(k), Some(Lex::Pod(_)))
                        && (self.is(i, "in") || self.is(k, "night"))
                } =>
            {
                // "in the morning", "at night": a part of the DCT's day
                let k = if self.is(i + 1, "the") { i + 2 } else { i + 1 };
                let Some(Lex::Pod(p)) = self.lex(k) else {
                    return None;
                };
                Some((
                    k + 1,
                    Pt::Pod {
                        day: None,
                        pod: p.as_str(),
                    },
                ))
            }
            b"in" => {
                // "in two weeks" → a point in the future
                let j = if is_any!(
                    self,
                    i + 1,
                    &["about", "around", "approximately", "roughly"]
                ) {
                    i + 2
                } else {
                    i + 1
                };
                // "in 1/4 hour", "in 1/4h"
                if self.tok(j).is_some_and(|t| t.int() == Some(1))
                    && self.punct(j + 1, '/')
                    && self.tok(j + 2).is_some_and(|t| t.num == Some(4))
                    && self.glued(j)
                    && self.glued(j + 1)
                {
                    let q = self.tok(j + 2)?;
                    let e = if q.suffix() == b"h" {
                        j + 3
                    } else if self.lex(j + 3) == Some(Lex::Unit(Unit::Hour)) || self.is(j + 3, "h")
                    {
                        j + 4
                    } else {
                        return None;
                    };
                    return Some((
                        e,
                        Pt::After {
                            n: 15,
                            unit: Unit::Minute,
                        },
                    ));
                }
                // "in 2 and a half hours": fractional hours in minutes ("in
                // half an hour" below, where it must end the phrase)
                if let Some((e, m)) = self.frac_minutes(j).filter(|_| !self.is(j, "half")) {
                    return Some((
                        e,
                        Pt::After {
                            n: m,
                            unit: Unit::Minute,
                        },
                    ));
                }
                // "in 2.5 hours": fractional hours in minutes
                if let (Some((d, n)), true) = (self.card(j), self.punct(j + 1, '.')) {
                    if self.glued(j) && self.glued(j + 1) && d == j + 1 {
                        let f = self.tok(j + 2).filter(|f| f.ndig == 1 && f.suflen == 0);
                        if let (Some(f), Some(Lex::Unit(Unit::Hour))) = (f, self.lex(j + 3)) {
                            let mins = (n as i64).min(100_000) * 60 + f.num? as i64 * 6;
                            return Some((
                                j + 4,
                                Pt::After {
                                    n: mins,
                                    unit: Unit::Minute,
                                },
                            ));
                        }
                    }
                }
                // "in half an hour", "in a quarter of an hour": minutes
                let frac = if self.is(j, "half") && is_any!(self, j + 1, &["an", "a"]) {
                    Some((j + 2, 30))
                } else if is_any!(self, j, &["a", "one"])
                    && self.is(j + 1, "quarter")
                    && self.is(j + 2, "of")
                    && is_any!(self, j + 3, &["an", "a"])
                {
                    Some((j + 4, 15))
                } else {
                    None
                };
                if let Some((k, n)) = frac {
                    let end = self.tok(k + 1).is_none_or(|t| t.punct.is_some());
                    return (self.lex(k) == Some(Lex::Unit(Unit::Hour)) && end).then_some((
                        k + 1,
                        Pt::After {
                            n,
                            unit: Unit::Minute,
                        },
                    ));
                }
                // "in 2h", "in 45min": compact units
                if let Some(t) = self.tok(j).filter(|t| t.num.is_some() && t.ndig <= 3) {
                    let unit = match t.suffix() {
                        b"h" | b"hr" | b"hrs" => Some(Unit::Hour),
                        b"min" | b"mins" => Some(Unit::Minute),
                        _ => None,
                    };
                    if let Some(unit) = unit {
                        let end = self.tok(j + 1).is_none_or(|t| t.punct.is_some());
                        return end.then_some((
                            j + 1,
                            Pt::After {
                                n: t.num? as i64,
                                unit,
                            },
                        ));
                    }
                }
                let (k, n) = if is_any!(self, j, &["a", "an"])
                    && is_any!(self, j + 1, &["couple", "pair"])
                {
                    (if self.is(j + 2, "of") { j + 3 } else { j + 2 }, 2)
                } else if is_any!(self, j, &["a", "an", "one"]) {
                    (j + 1, 1)
                } else {
                    self.card(j)?
                };
                // "in 2 more minutes"
                let k = if is_any!(self, k, &["more", "additional"]) {
                    k + 1
                } else {
                    k
                };
                let Some(Lex::Unit(u)) = self.lex(k) else {
                    return None;
                };
                if matches!(u, Unit::Weekend | Unit::Decade | Unit::Century)
                    || self.word(k + 1).eq_ignore_ascii_case("time")
                    // "in 1985 qtr": a year's quarter, not 1,985 quarters
                    || (u == Unit::Quarter && !(1..=40).contains(&n))
                {
                    return None;
                }
                // only "in N units" followed by nothing date-like
                if !(self
                    .tok(k + 1)
                    .is_none_or(|t| t.punct.is_some() && t.punct != Some('-'))
                    || is_any!(self, k + 1, &["and", "or", "at"]))
                {
                    return None;
                }
                Some((
                    k + 1,
                    Pt::After {
                        n: n.min(100_000) as i64,
                        unit: u,
                    },
                ))
            }
            b"several" | b"few" | b"some" | b"many" => {
                // "several years ago": some time in the past
                let Some(Lex::Unit(_)) = self.lex(i + 1) else {
                    return None;
                };
                self.is(i + 2, "ago")
                    .then(|| (i + 3, Pt::Lit("PAST_REF".into())))
            }
            _ => None,
        }
    }

    // ---- intervals

    fn interval(&self, i: usize, here: Option<&(usize, Pt)>) -> Option<Cand> {
        let w = self.lower(i);
        match w.as_bytes() {
            b"from" | b"between" => {
                let conn: &[&str] = if w == "from" {
                    &["to", "until", "till", "through", "thru"]
                } else {
                    &["and", "to"]
                };
                self.range_from(i, i + 1, conn, false)
            }
            b"more" | b"less" if self.is(i + 1, "than") => {
                // "more than 2 days before yesterday": an open range ending
                // before that day; "less than 3 days after tomorrow": the
                // days between tomorrow and that day
                let (e, pt) = self.point(i + 2)?;
                let (n, base) = match &pt {
                    Pt::From { n, base, .. } => (*n, (**base).clone()),
                    Pt::After {
                        n,
                        unit: Unit::Day | Unit::Week | Unit::Month | Unit::Year,
                    } => (
                        *n,
                        Pt::Shift {
                            n: 0,
                            unit: Unit::Day,
                        },
                    ),
                    _ => return None,
                };
                if n == 0 || !day_level(&base) {
                    return None;
                }
                let val = match (w == "more", n > 0) {
                    (true, false) => Val::Range(None, Some(before(pt.clone()))),
                    (true, true) => Val::Range(Some(pt.clone()), None),
                    (false, true) => Val::Range(Some(base), Some(before(pt.clone()))),
                    (false, false) => Val::Range(Some(pt.clone()), Some(before(base))),
                };
                Some(Cand {
                    s: i,
                    e,
                    val,
                    inner: vec![(i + 2, e, pt)],
                })
            }
            b"early" | b"late" if i > 0 && self.is(i - 1, "as") && self.is(i + 1, "as") => {
                // "as early as 7 am" is a start, "as late as Friday" an end
                let at = if is_any!(self, i + 2, &["around", "about"]) {
                    i + 3
                } else {
                    i + 2
                };
                let (e, a) = self.point(at)?;
                if matches!(a, Pt::Lit(_)) {
                    return None;
                }
                Some(open_range(i, e, at, a, self.is(i, "early")))
            }
            b"later" | b"earlier" | b"greater" | b"no" | b"not"
                if self.is(i + 1, "than") || self.is(i + 2, "than") =>
            {
                // "later than 2018", "no later than June 1", "earlier than 2010"
                let neg = is_any!(self, i, &["no", "not"]);
                let k = if neg { i + 1 } else { i };
                if !(self.is(k + 1, "than") && is_any!(self, k, &["later", "earlier", "greater"])) {
                    return None;
                }
                let (e, a) = self.point(k + 2)?;
                if self.is(k, "greater") && !matches!(a, Pt::Year(_)) {
                    return None;
                }
                if matches!(a, Pt::Lit(_)) {
                    return None;
                }
                let is_start = is_any!(self, k, &["later", "greater"]) != neg;
                Some(open_range(i, e, k + 2, a, is_start))
            }
            b"since" | b"after" | b"starting" | b"beginning" => {
                let at = if is_any!(self, i, &["starting", "beginning"])
                    && is_any!(self, i + 1, &["on", "from", "in"])
                {
                    i + 2
                } else {
                    i + 1
                };
                // "after around 3pm"
                let at = if is_any!(self, at, &["around", "about"]) {
                    at + 1
                } else {
                    at
                };
                let (e, a) = self.point(at)?;
                if self.is(i, "beginning")
                    && !matches!(a, Pt::Day { .. } | Pt::DayWd { .. } | Pt::Weekday { .. })
                {
                    return None;
                }
                if matches!(a, Pt::Lit(_) | Pt::Now) {
                    return None;
                }
                let inner = vec![(at, e, a.clone())];
                Some(Cand {
                    s: i,
                    e,
                    val: Val::Range(Some(a), None),
                    inner,
                })
            }
            b"through" | b"thru" | b"until" | b"till" | b"by" | b"before" => {
                let at = if is_any!(self, i + 1, &["around", "about"]) {
                    i + 2
                } else {
                    i + 1
                };
                let (e, a) = self.point(at)?;
                if matches!(a, Pt::Lit(_) | Pt::Now) || a.is_time() && w == "by" {
                    return None;
                }
                // "hit by last year's crash", "strengthened by Monday's
                // meeting": the agent of a passive, not a deadline
                if w == "by" && self.glued(e - 1) && self.punct(e, '\'') && self.is(e + 1, "s") {
                    return None;
                }
                let inner = vec![(at, e, a.clone())];
                // "by the end of the month": a deadline, from now on
                let from = (w == "by"
                    && (is_any!(self, at, &["end", "eom", "eoy"])
                        || self.is(at, "the") && is_any!(self, at + 1, &["end", "eom", "eoy"])))
                .then_some(Pt::Now);
                let end = if w == "before" { before(a) } else { a };
                Some(Cand {
                    s: i,
                    e,
                    val: Val::Range(from, Some(end)),
                    inner,
                })
            }
            _ => {
                // "2019-2023", "June 1 - June 5", "1:00 PM - 1:15 PM", "19th to 21st Aug"
                const CONN: &[&str] = &["to", "through", "thru"];
                // the cheap exit of `range_from_parsed` for a bare range (a
                // connector right after the start), taken before the point
                // at `i` is cloned for it: most starts have none
                let j = here.map_or(i + 1, |(j, _)| *j);
                if is_any!(self, j, CONN) || self.punct(j, '-') {
                    if let Some(c) = self.range_from_parsed(i, i, here.cloned(), CONN, true) {
                        return Some(c);
                    }
                }
                // "Monday 11-4", "next Monday morning 6-8": a day, then hours
                if let Some(c) = here.and_then(|(j, d)| self.day_hours(i, *j, d)) {
                    return Some(c);
                }
                // "2018 or later", "2010 and earlier", "2015 onwards"
                let (j, a) = here.cloned()?;
                if !a.is_explicit() {
                    return None;
                }
                let (k, open_end) = if is_any!(self, j, &["or", "and"])
                    && is_any!(self, j + 1, &["later", "after", "greater"])
                {
                    (j + 2, true)
                } else if is_any!(self, j, &["onwards", "onward"]) {
                    (j + 1, true)
                } else if is_any!(self, j, &["or", "and"])
                    && is_any!(self, j + 1, &["earlier", "before"])
                {
                    (j + 2, false)
                } else {
                    return None;
                };
                let inner = vec![(i, j, a.clone())];
                let val = if open_end {
                    Val::Range(Some(a), None)
                } else {
                    Val::Range(None, Some(a))
                };
                Some(Cand {
                    s: i,
                    e: k,
                    val,
                    inner,
                })
            }
        }
    }

    /// "<day> 11-4", "<day> 6 to 8 pm" with the day parsed up to `j`.
    fn day_hours(&self, s: usize, j: usize, day: &Pt) -> Option<Cand> {
        let (day, pod) = match day {
            Pt::Pod { day: Some(d), pod } => ((**d).clone(), Some(*pod)),
            d if day_level(d) => (d.clone(), None),
            _ => return None,
        };
        let (k, Pt::Time { h: h1, mi: m1, .. }) = self.clock(j).or_else(|| self.bare_hour(j))?
        else {
            return None;
        };
        if !(self.punct(k, '-') || self.is(k, "to")) {
            return None;
        }
        let (
            e,
            Pt::Time {
                h: mut h2, mi: m2, ..
            },
        ) = self.clock(k + 1).or_else(|| self.bare_hour(k + 1))?
        else {
            return None;
        };
        // not "Monday 3-2" scores: the hours must look like a span of a day
        if self.tok(e).is_some_and(|t| t.alpha && t.lex.is_none())
            && !is_any!(
                self,
                e,
                &["and", "or", "to", "for", "with", "at", "on", "in"]
            )
            && !self.has_ampm(k + 1, e)
        {
            return None;
        }
        let pm = pod.is_some_and(|p| matches!(p, "AF" | "EV" | "NI"));
        let mut h1 = h1;
        if pm && h1 < 12 {
            h1 += 12;
        }
        if pm && h2 < 12 {
            h2 += 12;
        }
        if h2 >= 12 && h1 < 12 && h1 + 12 <= h2 && !self.has_ampm(j, k) {
            h1 += 12;
        }
        if h2 < h1 && h2 + 12 <= 24 {
            // "11-4": four in the afternoon
            h2 += 12;
        }
        let d = Some(Box::new(day));
        let a = Pt::Time {
            day: d.clone(),
            h: h1,
            mi: m1,
            sec: None,
            amb: false,
        };
        let b = Pt::Time {
            day: d,
            h: h2,
            mi: m2,
            sec: None,
            amb: false,
        };
        Some(Cand {
            s,
            e,
            val: Val::Range(Some(a.clone()), Some(b.clone())),
            inner: vec![],
        })
    }

    /// Do tokens `[s, e)` say am or pm?
    fn has_ampm(&self, s: usize, e: usize) -> bool {
        (s..e).any(|k| {
            self.tok(k)
                .is_some_and(|t| matches!(t.suffix(), b"am" | b"pm" | b"a" | b"p"))
                || is_any!(
                    self,
                    k,
                    &[
                        "am",
                        "pm",
                        "a",
                        "p",
                        "noon",
                        "midnight",
                        "morning",
                        "evening",
                        "afternoon",
                        "night",
                    ],
                )
        })
    }

    /// A bare hour ("3" in "between 3 and 5 pm"), read only as an end of
    /// a time range.
    fn bare_hour(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        let h = t.int().filter(|h| *h <= 24 && t.ndig <= 2)?;
        Some((
            i + 1,
            Pt::Time {
                day: None,
                h: h as i8,
                mi: None,
                sec: None,
                amb: false,
            },
        ))
    }

    /// May a bare hour end before token `i`? Only at the end of a clause,
    /// before a time zone or a day ("on 1/1", "yesterday", "Monday"), not
    /// before a unit or a percent sign ("from 6 to 7 percent").
    fn hour_end(&self, i: usize) -> bool {
        match self.tok(i) {
            None => true,
            Some(t) if t.punct.is_some() => {
                !matches!(t.punct, Some('%' | '.' | ',' | '-' | '/' | ':'))
                    || (matches!(t.punct, Some('.' | ','))
                        && self.tok(i + 1).is_none_or(|n| n.num.is_none()))
            }
            Some(_) => {
                is_any!(
                    self,
                    i,
                    &["on", "today", "tomorrow", "yesterday", "tonight"]
                ) || is_any!(self, i, ZONES)
                    || matches!(self.lex(i), Some(Lex::Weekday(_) | Lex::Deictic(_)))
            }
        }
    }

    /// "<a> <conn> <b>" from token `at`, for a match starting at `s`.
    /// `bare` is true without an introducing "from"/"between": then both
    /// ends must be explicit dates or times of the same kind.
    fn range_from(&self, s: usize, at: usize, conn: &[&str], bare: bool) -> Option<Cand> {
        self.range_from_parsed(s, at, self.point(at), conn, bare)
    }

    /// Does token `i` follow a wire dateline's place at the start of its
    /// line ("LOS ANGELES, ", "SOUTH BEND, Ind., "): an upper-case first
    /// word, then place words and commas, ending in a comma?
    fn after_dateline_place(&self, i: usize) -> bool {
        const LONGEST_PLACE: usize = 60;
        let Some(t) = self.tok(i) else { return false };
        let b = self.text.as_bytes();
        // only the bytes a place can take are searched for the line start
        let from = t.s.saturating_sub(LONGEST_PLACE + 1);
        let line_start = match b[from..t.s].iter().rposition(|&c| c == b'\n') {
            Some(p) => from + p + 1,
            None if from == 0 => 0,
            None => return false,
        };
        let place = &b[line_start..t.s];
        let first_word: &[u8] = place
            .split(|c| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or_default();
        place.len() <= LONGEST_PLACE
            && first_word.len() >= 2
            && first_word.iter().all(u8::is_ascii_uppercase)
            && place.trim_ascii_end().ends_with(b",")
            && place
                .iter()
                .all(|&c| c.is_ascii_alphabetic() || matches!(c, b' ' | b',' | b'.' | b'-' | b'\''))
    }

    /// As [`Parser::range_from`], with the first point already parsed.
    fn range_from_parsed(
        &self,
        s: usize,
        at: usize,
        parsed: Option<(usize, Pt)>,
        conn: &[&str],
        bare: bool,
    ) -> Option<Cand> {
        // cheap exit: a bare range needs a connector right after its start
        if bare {
            let j = match &parsed {
                Some((j, _)) => *j,
                None => at + 1,
            };
            if !(self.is_any(j, conn) || self.punct(j, '-')) {
                return None;
            }
        }
        // "between 0730 and 0930 GMT", "0730-0930 GMT": four digits before
        // the connector share the end's zone; a time, not a year
        let parsed = match self.wire_range_start(at) {
            Some(a) => Some((at + 1, a)),
            None => parsed,
        };
        let a_is_hour = parsed.is_none();
        // "12 to 16 September", "19th to 21st Aug": a bare day number
        let a_day = if a_is_hour { self.day_num(at) } else { None };
        let (j, mut a) = match parsed {
            Some(x) => x,
            None => match self.bare_hour(at) {
                Some(x) => x,
                None => (a_day?.0, Pt::DayOfMonth(a_day?.1)),
            },
        };
        if !(self.is_any(j, conn) || self.punct(j, '-') || (!bare && self.punct(j, '~'))) {
            return None;
        }
        // "SARASOTA, Fla., March 12 - Feb 28 end": a dateline's date, its
        // dash, then the story (here a results table's period)
        if bare && self.punct(j, '-') && !self.glued(j - 1) && self.after_dateline_place(at) {
            return None;
        }
        let mut k = j + 1;
        if self.is(k, "the") && self.is(k + 1, "end") && self.is(k + 2, "of") {
            k += 3;
        }
        let (mut e, mut b) = self
            .point(k)
            .or_else(|| {
                // "June 1-5": a day number alone inherits the month; not
                // the numerator of a fraction ("from 4/6 to 1/2") nor the
                // whole part of a decimal ("rose on March 23 to 3.332
                // billion")
                if self.glued(k)
                    && (self.punct(k + 1, '/')
                        || (self.punct(k + 1, '.')
                            && self.glued(k + 1)
                            && self.tok(k + 2).is_some_and(|t| t.num.is_some())))
                {
                    return None;
                }
                // "ATLANTA, March 2 - First Union Corp said": a dateline's
                // dash, then a name that starts with a capitalised ordinal
                let capitalised = |t: &Tok| t.alpha && t.cap;
                if self.tok(k).is_some_and(capitalised) && self.tok(k + 1).is_some_and(capitalised)
                {
                    return None;
                }
                let (e, d) = self.day_num(k)?;
                match &a {
                    Pt::Day { y, m, .. } if !a_is_hour => Some((e, Pt::Day { y: *y, m: *m, d })),
                    _ => None,
                }
            })
            .or_else(|| {
                // "from March to date": until today
                (!bare && self.is(k, "date")).then_some((
                    k + 1,
                    Pt::Shift {
                        n: 0,
                        unit: Unit::Day,
                    },
                ))
            })
            .or_else(|| {
                if a.is_time() && !a_is_hour && self.hour_end(k + 1) {
                    // "9:30 to 11", not "0900 GMT to 6.2 euros"
                    self.bare_hour(k)
                } else if a_is_hour
                    && !bare
                    && self.hour_end(k + 1)
                    && matches!(a, Pt::Time { h: 1..=12, .. })
                    && self
                        .tok(k)
                        .and_then(|t| t.int())
                        .is_some_and(|h| (1..=12).contains(&h))
                {
                    // "from 6 to 7", "between 3 and 5 on Monday": two bare
                    // hours, when nothing after the second makes it a count
                    self.bare_hour(k)
                } else {
                    None
                }
            })?;
        if let (Some((_, d)), Pt::Day { .. }) = (a_day, &b) {
            if a_is_hour {
                a = Pt::DayOfMonth(d);
            }
        } else if a_is_hour {
            // "3 to 5 pm": the bare hour takes the afternoon from the end
            let Pt::Time {
                h: hb, day: bday, ..
            } = &b
            else {
                return None;
            };
            if let Pt::Time { h, .. } = &mut a {
                if *hb >= 12 && *h < 12 && *h + 12 <= *hb && !self.clock_24h(k) {
                    *h += 12;
                }
            }
            if bare
                && bday.is_none()
                && !self.tok(k).is_some_and(|t| {
                    t.suflen > 0 || self.punct(k + 1, ':') || is_any!(self, k + 1, &["am", "pm"])
                })
            {
                return None;
            }
        }
        // "3:30 to 6 pm": a start without am/pm takes the end's afternoon;
        // not "07:00 to 19:00", a 24-hour clock at either end
        if !a_is_hour && !self.has_ampm(at, j) && !self.clock_24h(at) && !self.clock_24h(k) {
            if let (Pt::Time { h, .. }, Pt::Time { h: hb, .. }) = (&mut a, &b) {
                if *hb >= 12 && *h < 12 && *h + 12 <= *hb {
                    *h += 12;
                }
            }
        }
        // "from 10:30 to 3", "8am-3": an end said without am/pm that would
        // come before a morning start is in the afternoon; "10am-12am" (a
        // common slip) ends at noon
        let b_ampm = self.has_ampm(k, e);
        if let (Pt::Time { h, mi, .. }, Pt::Time { h: hb, mi: mb, .. }) = (&a, &mut b) {
            let start = i32::from(*h) * 60 + i32::from(mi.unwrap_or(0));
            let end = i32::from(*hb) * 60 + i32::from(mb.unwrap_or(0));
            if !b_ampm
                && (1..12).contains(h)
                && (1..12).contains(hb)
                && end <= start
                && !self.clock_24h(k)
            {
                *hb += 12;
            } else if *hb == 0
                && mb.unwrap_or(0) == 0
                && (1..12).contains(h)
                && (self.tok(k).is_some_and(|t| t.suffix() == b"am") || self.is(k + 1, "am"))
            {
                *hb = 12;
            }
        }
        if bare {
            // "2019/aug/01 to today": an explicit date, then today
            let to_today = a.is_explicit()
                && !a.is_time()
                && self.is(k, "today")
                && matches!(
                    b,
                    Pt::Shift {
                        n: 0,
                        unit: Unit::Day
                    }
                );
            if !(matches!(a, Pt::DayOfMonth(_)) || a.is_explicit() && b.is_explicit() || to_today) {
                return None;
            }
            // "2014 through May 2nd 2018": a year, then a dated day or
            // month, joined by a word
            let year_to_date = matches!(
                (&a, &b),
                (
                    Pt::Year(_),
                    Pt::Day { y: Some(_), .. } | Pt::Month { y: Some(_), .. }
                )
            ) && self.tok(j).is_some_and(|t| t.alpha);
            let same_kind = std::mem::discriminant(&a) == std::mem::discriminant(&b)
                || a.is_time() && b.is_time()
                || matches!((&a, &b), (Pt::DayOfMonth(_), Pt::Day { .. }))
                || year_to_date
                || to_today;
            if !same_kind {
                return None;
            }
        }
        // "from April to June in 2017": a trailing year applies to both ends
        if a.year_missing() && b.year_missing() {
            let y = if is_any!(self, e, &["in", "of"]) || self.punct(e, ',') {
                self.year(e + 1)
            } else {
                self.year(e)
            };
            if let Some((e2, y)) = y {
                a = a.with_year(y, b.month());
                b = b.with_year(y, None);
                e = e2;
            }
        }
        // "between 3 and 5 on 1/1/2015": a trailing day for two times;
        // "from 6 to 8 on Friday evening": hours said without am/pm take
        // the afternoon, evening or night of that day
        if a.is_time() && b.is_time() {
            let kk = if self.is(e, "on") { e + 1 } else { e };
            let day =
                self.base(kk)
                    .filter(|(_, d)| day_level(d))
                    .map(|(e2, d)| match self.lex(e2) {
                        Some(Lex::Pod(p)) if !self.word(e2).ends_with('s') => {
                            (e2 + 1, d, Some(p.as_str()))
                        }
                        _ => (e2, d, None),
                    });
            if let Some((e2, day, pod)) = day {
                if matches!(b, Pt::Time { day: None, .. }) {
                    if matches!(pod, Some("AF" | "EV" | "NI")) && !self.has_ampm(at, e) {
                        for t in [&mut a, &mut b] {
                            if let Pt::Time { h, .. } = t {
                                if (1..12).contains(h) {
                                    *h += 12;
                                }
                            }
                        }
                    }
                    if let Pt::Time { day: bd @ None, .. } = &mut b {
                        *bd = Some(Box::new(day));
                    }
                    e = e2;
                }
            }
        }
        // "from 2pm till tomorrow 4:30pm": an end led by a day of its own
        // leaves the start on the DCT's day
        if let (Pt::Time { day: ad @ None, .. }, Pt::Time { day: Some(_), .. }) = (&mut a, &b) {
            if self.tok(k).is_some_and(|t| t.alpha)
                && !matches!(
                    self.lex(k),
                    Some(Lex::Card(_) | Lex::Tens(_) | Lex::Clock(_))
                )
            {
                *ad = Some(Box::new(Pt::Shift {
                    n: 0,
                    unit: Unit::Day,
                }));
            }
        }
        Some(range_cand(s, e, (at, j, a), (k, e, b)))
    }

    // ---- durations and sets

    /// Does the duration at `i` count from the DCT? "the last/past/previous
    /// N units" back, "the next/coming N units" on, at the grain of the
    /// unit; "N past/upcoming units" exactly from the DCT.
    fn anchor(&self, i: usize, d: &str) -> Option<Anchor> {
        let (n, _) = parse_duration(d)?;
        // "within 9 months", "within the next 10 days": up to then from now
        if i > 0 && self.is(i - 1, "within") {
            return Some(Anchor {
                n,
                exact: true,
                within: true,
                workdays: false,
                of_year: None,
            });
        }
        let k = if self.is(i, "the") { i + 1 } else { i };
        let side = |w: Lower| match w.as_str() {
            "last" | "past" | "previous" | "preceding" => Some(-1),
            "next" | "coming" | "upcoming" | "following" => Some(1),
            _ => None,
        };
        if let Some(sg) = side(self.lower(k)) {
            // "the following three days" after a past event is not the DCT's
            if self.is(k, "following") {
                return None;
            }
            let workdays = self.card(k + 1).is_some_and(|(j, _)| {
                is_any!(self, j, &["business", "working"]) && is_any!(self, j + 1, &["day", "days"])
            });
            return Some(Anchor {
                n: sg * n,
                exact: false,
                within: false,
                workdays,
                of_year: None,
            });
        }
        let (j, _) = self.card(k)?;
        let sg = side(self.lower(j))?;
        Some(Anchor {
            n: sg * n,
            exact: true,
            within: false,
            workdays: false,
            of_year: None,
        })
    }

    /// "(the) first nine months of 1997", "the last two weeks of 2020": a
    /// duration `i..e` (`d`) counted from the start or the end of the year
    /// after "of"; the end and the anchor.
    fn of_year(&self, i: usize, e: usize, d: &str) -> Option<(usize, Anchor)> {
        let (n, unit) = parse_duration(d)?;
        let k = if self.is(i, "the") { i + 1 } else { i };
        let sg = if self.is(k, "first") {
            1
        } else if self.is(k, "last") {
            -1
        } else {
            return None;
        };
        // a count is said: not "the first month of 2020" (a point)
        self.card(k + 1)?;
        if !self.is(e, "of")
            || !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Quarter)
        {
            return None;
        }
        let (e2, y) = self.year(e + 1)?;
        year_part_range(n * sg, unit, y)?;
        Some((
            e2,
            Anchor {
                n: sg * n,
                exact: false,
                within: false,
                workdays: false,
                of_year: Some(y),
            },
        ))
    }

    /// "2 upcoming month", "upcoming two quarter": the unit that many
    /// ahead of the DCT's. A singular unit after the count names one
    /// position, where "the two upcoming months" is a span (see `duration`).
    fn nth_upcoming(&self, i: usize) -> Option<(usize, Pt)> {
        const AHEAD: &[&str] = &["upcoming", "coming"];
        let (n, j) = if is_any!(self, i, AHEAD) {
            let (j, n) = self.card(i + 1)?;
            (n, j)
        } else {
            let (j, n) = self.card(i)?;
            if !is_any!(self, j, AHEAD) {
                return None;
            }
            (n, j + 1)
        };
        let Some(Lex::Unit(u)) = self.lex(j) else {
            return None;
        };
        let unit_ok = matches!(
            u,
            Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year
        );
        if !unit_ok || self.word(j).ends_with('s') || !(2..=100).contains(&n) {
            return None;
        }
        Some((
            j + 1,
            Pt::Shift {
                n: n as i64,
                unit: u,
            },
        ))
    }

    fn duration(&self, i: usize) -> Option<(usize, String)> {
        // "5 past years", "the 2 upcoming months", "10 previous weeks"
        if let Some((j, n)) = self.card(i) {
            if is_any!(
                self,
                j,
                &["past", "previous", "upcoming", "coming", "last", "next"],
            ) && self.tok(i).is_some_and(|t| t.ndig <= 3)
            {
                if let Some(Lex::Unit(u)) = self.lex(j + 1) {
                    if (n > 1 && self.word(j + 1).ends_with('s'))
                        && !matches!(u, Unit::Weekend | Unit::Decade | Unit::Century)
                    {
                        return Some((j + 2, u.duration(Some(n as f64))));
                    }
                }
            }
        }
        let mut i0 = i;
        // "the past two months", "the last 18 months", "the next five years"
        if self.is(i0, "the") {
            i0 += 1;
        }
        if is_any!(
            self,
            i0,
            &["past", "last", "next", "coming", "first", "latest", "previous", "recent",],
        ) && i0 + 1 < self.t.len()
            && !self.is(i0 + 1, "another")
        {
            if let Some((e, d)) = self.count_unit(i0 + 1) {
                return Some((e, d));
            }
            // "the past year", "the past decade"
            if is_any!(self, i0, &["past", "coming", "recent"]) {
                if let Some(Lex::Unit(u)) = self.lex(i0 + 1) {
                    // plural: "the coming weeks"; a singular one is a date,
                    // except decades and centuries
                    if self.word(i0 + 1).ends_with('s') {
                        return Some((i0 + 2, u.duration(None)));
                    }
                    if matches!(u, Unit::Decade | Unit::Century) {
                        return Some((i0 + 2, u.duration(Some(1.0))));
                    }
                }
            }
            return None;
        }
        if i0 != i {
            return None;
        }
        // "for years", "within weeks": an unknown number of units
        if let Some(Lex::Unit(u)) = self.lex(i) {
            let plural = self.word(i).ends_with('s') && u != Unit::Weekend && u != Unit::Second;
            if plural && i > 0 && is_any!(self, i - 1, &["for", "in", "within", "over", "than"]) {
                return Some((i + 1, u.duration(None)));
            }
        }
        self.count_unit(i)
    }

    /// "eight years", "18 months", "a decade", "five-year", "several weeks".
    fn count_unit(&self, i: usize) -> Option<(usize, String)> {
        self.count_unit_at(i, false)
    }

    /// As [`Parser::count_unit`]; `shifted`: also the span of a shift
    /// ("three days" of "three days later").
    fn count_unit_at(&self, i: usize, shifted: bool) -> Option<(usize, String)> {
        // "3h", "45min", "2hrs": compact durations (not "3d"/"2w": 3D films)
        if let Some(t) = self
            .tok(i)
            .filter(|t| t.num.is_some() && t.suflen > 0 && t.ndig <= 4)
        {
            let n = t.num? as f64;
            let u = match t.suffix() {
                b"h" | b"hr" | b"hrs" => Unit::Hour,
                b"min" | b"mins" => Unit::Minute,
                b"yr" | b"yrs" => Unit::Year,
                b"wk" | b"wks" => Unit::Week,
                _ => return None,
            };
            if self.is(i + 1, "old") || (!shifted && self.is(i + 1, "ago")) {
                return None;
            }
            return Some((i + 1, u.duration(Some(n))));
        }
        // "the 1987/88 year", "1/2 hour": the number after a slash glued
        // to digits is a split year's second half or a denominator, not a
        // count
        if i >= 2
            && self.punct(i - 1, '/')
            && self.glued(i - 2)
            && self.glued(i - 1)
            && self.tok(i - 2).is_some_and(|t| t.num.is_some())
            && self.tok(i).is_some_and(|t| t.num.is_some())
        {
            return None;
        }
        // a fraction said as a decimal or in words stays a decimal of the
        // unit ("1.5 hours", "one and a half hours": PT1.5H)
        let mut decimal = false;
        // the counting words below ("a", "several", "half") all have a
        // key: a token without one (a number, most calls) goes straight to
        // the cardinal, past their tests
        let keyed = self.tok(i).is_some_and(|t| t.key != 0);
        // "a year-earlier loss", "a year-ago profit": the year before, an
        // adjective of the noun, not a span of one year
        if keyed
            && is_any!(self, i, &["a", "an"])
            && matches!(self.lex(i + 1), Some(Lex::Unit(_)))
            && self.punct(i + 2, '-')
            && self.glued(i + 1)
            && self.glued(i + 2)
            && is_any!(self, i + 3, &["ago", "earlier"])
        {
            return None;
        }
        let (j, n): (usize, Option<f64>) = if keyed && is_any!(self, i, &["a", "an"]) {
            if is_any!(self, i + 1, &["few", "couple"]) {
                (
                    if self.is(i + 2, "of") { i + 3 } else { i + 2 },
                    if self.is(i + 1, "couple") {
                        Some(2.0)
                    } else {
                        None
                    },
                )
            } else if self.is(i + 1, "second")
                && !self.tok(i + 2).is_none_or(|t| {
                    t.punct.is_some()
                        || is_any!(self, i + 2, &["or", "and", "later", "ago", "earlier"])
                })
            {
                // "a second time", "a second term": an ordinal, not 1 s
                return None;
            } else if is_any!(self, i + 1, &["hundred", "thousand"]) {
                // "a hundred years", "a thousand days"
                let (j, n) = self.scaled(i + 1, 1);
                (j, Some(n as f64))
            } else {
                (i + 1, Some(1.0))
            }
        } else if keyed && is_any!(self, i, &["several", "few", "some", "many"]) {
            (i + 1, None)
        } else if keyed && self.is(i, "couple") && self.is(i + 1, "of") {
            // "the next couple of years"
            (i + 2, Some(2.0))
        } else if keyed && self.is(i, "another") {
            // "another week": one more
            (i + 1, Some(1.0))
        } else if keyed && self.is(i, "half") && is_any!(self, i + 1, &["a", "an"]) {
            (i + 2, Some(0.5))
        } else {
            let (j, n) = self.card(i)?;
            if self.tok(i).is_some_and(|t| t.ndig > 6) {
                return None;
            }
            // "2 1/2 years", and the wire's "12-1/2 year"
            let f = match self.punct(j, '-') && self.glued(j - 1) && self.glued(j) {
                true => j + 1,
                false => j,
            };
            if self.tok(f).is_some_and(|t| t.int() == Some(1))
                && self.punct(f + 1, '/')
                && self.tok(f + 2).is_some_and(|t| t.int() == Some(2))
                && self.glued(f)
                && self.glued(f + 1)
            {
                (f + 3, Some(n as f64 + 0.5))
            } else if self.punct(j, '.') && self.glued(j - 1) && self.glued(j) {
                // "1.5 years"
                let f = self.tok(j + 1)?;
                let frac = point_fraction(self.text.get(f.s..f.e)?)?;
                decimal = true;
                (j + 2, Some(n as f64 + frac))
            } else if let Some((j2, f)) = self.and_fraction(j) {
                // "one and a half hours", "two and a quarter years"
                decimal = true;
                (j2, Some(n as f64 + f))
            } else {
                (j, Some(n as f64))
            }
        };
        // "six straight years"; counted days: "eight trading days" (also
        // business, working)
        let j = if is_any!(
            self,
            j,
            &[
                "more",
                "additional",
                "full",
                "straight",
                "consecutive",
                "further",
                "trading",
                "business",
                "working",
            ],
        ) {
            j + 1
        } else {
            j
        };
        let k = if self.punct(j, '-') { j + 1 } else { j };
        // "for 2 nights": a stay of two days
        if is_any!(self, k, &["night", "nights"])
            && i > 0
            && self.is(i - 1, "for")
            && n.is_some_and(|x| x.fract() == 0.0 && x >= 1.0)
        {
            return Some((k + 1, Unit::Day.duration(n)));
        }
        let Some(Lex::Unit(u)) = self.lex(k) else {
            return None;
        };
        // "three weekends" counts weekends; "a weekend" is a date
        // "1986 qtr" in a table is a year's quarter, not 1,986 quarters
        if u == Unit::Quarter && n.is_some_and(|x| !(1.0..=40.0).contains(&x)) {
            return None;
        }
        // "a profit for 1986 year", "1985 year net", "1986 yr", "1987
        // full-year sales" (results tables): the year, not 1,986 years
        let full_year =
            self.is(i + 1, "full") && (k == i + 2 || (k == i + 3 && self.punct(i + 2, '-')));
        if is_any!(self, k, &["year", "yr"])
            && (k == i + 1 || full_year)
            && self.tok(i).is_some_and(|t| t.ndig == 4 && t.suflen == 0)
            && n.is_some_and(|x| (1800.0..=2100.0).contains(&x))
        {
            return None;
        }
        if u == Unit::Weekend && !(self.is(k, "weekends") && n.is_some_and(|x| x > 1.0)) {
            return None;
        }
        // "a year ago" is a point; "a week" is a duration; "a 6-year-old" is
        // an age. "A few days later" has no point to give (later than what
        // is unknown), so its count stays a duration.
        let later_by_some = n.is_none() && self.is(k + 1, "later");
        if (!shifted
            && !later_by_some
            && is_any!(self, k + 1, &["ago", "earlier", "later", "hence"]))
            || self.is(k + 1, "old")
            || (self.punct(k + 1, '-') && self.is(k + 2, "old"))
        {
            return None;
        }
        // "three-quarters of", "a quarter of the": fractions; but "the
        // last two quarters of 2020" counts quarters of a year
        let of_year = i > 0
            && is_any!(self, i - 1, &["first", "last"])
            && self.is(k, "quarters")
            && self.year(k + 2).is_some();
        if u == Unit::Quarter && self.is(k + 1, "of") && !of_year {
            return None;
        }
        // "four flights a week", "$1.76 a year", "24 hours a day": rates
        if is_any!(self, i, &["a", "an", "per"]) && i > 0 {
            let prev_num = |x: usize| {
                self.tok(x).is_some_and(|t| t.num.is_some())
                    || matches!(self.lex(x), Some(Lex::Card(_) | Lex::Tens(_)))
            };
            let rate = prev_num(i - 1)
                || self.punct(i - 1, '%')
                || (i >= 2
                    && self.word(i - 1).len() > 3
                    && self.word(i - 1).ends_with('s')
                    && prev_num(i - 2));
            if rate {
                return None;
            }
        }
        // "one hour and a half", "one hour and half"
        let mut n = n;
        let mut e = k + 1;
        if let Some((e2, f)) = self.and_fraction(e).filter(|_| n.is_some()) {
            n = n.map(|x| x + f);
            e = e2;
            decimal = true;
        }
        if decimal && n.is_some_and(|x| x.fract() != 0.0) {
            return Some((e, u.duration_decimal(n)));
        }
        // "1 hour and 30 minutes", "3 years 2 months": one compound duration
        let k2 = if self.is(e, "and") || self.punct(e, ',') {
            e + 1
        } else {
            e
        };
        if let (Some(a), Some((j2, b))) = (n.filter(|x| x.fract() == 0.0), self.card(k2)) {
            if let Some(Lex::Unit(u2)) = self.lex(j2) {
                let (a, b) = (a as u64, b);
                let compound = match (u, u2) {
                    (Unit::Year, Unit::Month) => Some(format!("P{a}Y{b}M")),
                    (Unit::Day, Unit::Hour) => Some(format!("P{a}DT{b}H")),
                    (Unit::Hour, Unit::Minute) => Some(format!("PT{a}H{b}M")),
                    (Unit::Minute, Unit::Second) => Some(format!("PT{a}M{b}S")),
                    _ => None,
                };
                if let Some(c) = compound {
                    return Some((j2 + 1, c));
                }
            }
        }
        Some((e, u.duration(n)))
    }

    /// "from 2pm for 2 hours", "4pm for 30 mins", "for 3 hours from 10
    /// am": a clock time and a span of hours or minutes after it, the range
    /// they cover (on the clock time's day; not across midnight).
    /// "for 3 days from today", "for two weeks starting May 20th": the
    /// days from that day on, a range (not the day three days on).
    fn days_for(&self, i: usize) -> Option<Cand> {
        if !(i > 0 && self.is(i - 1, "for")) {
            return None;
        }
        let (j, d) = self.count_unit(i)?;
        let days = match parse_duration(&d)? {
            (n, Unit::Day) => n,
            (n, Unit::Week) => n.checked_mul(7)?,
            _ => return None,
        };
        let j = if self.punct(j, ',') { j + 1 } else { j };
        let at = if self.is(j, "from") {
            j + 1
        } else if is_any!(self, j, &["starting", "beginning"]) {
            if is_any!(self, j + 1, &["from", "on"]) {
                j + 2
            } else {
                j + 1
            }
        } else {
            return None;
        };
        let (e, start) = self.point(at)?;
        if !day_level(&start) || days > 100_000 {
            return None;
        }
        let end = Pt::From {
            n: days - 1,
            unit: Unit::Day,
            base: Box::new(start.clone()),
        };
        Some(Cand {
            s: i,
            e,
            val: Val::Range(Some(start.clone()), Some(end)),
            inner: vec![(at, e, start)],
        })
    }

    fn clock_for(&self, i: usize, here: Option<&(usize, Pt)>) -> Option<Cand> {
        if let Some(c) = self.days_for(i) {
            return Some(c);
        }
        // "for 3 hours from 10 am", "for 2 hours starting at 9"
        let span_first = || {
            if !(i > 0 && self.is(i - 1, "for")) {
                return None;
            }
            let (j, d) = self.count_unit(i)?;
            let j = if self.punct(j, ',') { j + 1 } else { j };
            let j = if is_any!(self, j, &["starting", "beginning"]) {
                j + 1
            } else {
                j
            };
            if !is_any!(self, j, &["from", "at"]) {
                return None;
            }
            let (e, start) = self.point(j + 1)?;
            Some((j + 1, e, start, clock_minutes(&d)?, e))
        };
        // "from 2pm for 2 hours", "4pm for 30 mins"
        let clock_first = || {
            let (at, (e, start)) = if is_any!(self, i, &["from", "starting", "beginning"]) {
                let at = if self.is(i + 1, "at") { i + 2 } else { i + 1 };
                (at, self.point(at)?)
            } else {
                match here? {
                    h @ (_, Pt::Time { .. }) if self.is(h.0, "for") => (i, h.clone()),
                    _ => return None,
                }
            };
            if !self.is(e, "for") {
                return None;
            }
            let (j, d) = self.count_unit(e + 1)?;
            Some((at, e, start, clock_minutes(&d)?, j))
        };
        let (at, e, start, mins, end) = span_first().or_else(clock_first)?;
        let Pt::Time {
            day,
            h,
            mi,
            sec,
            amb,
        } = &start
        else {
            return None;
        };
        let total = i64::from(*h) * 60 + i64::from(mi.unwrap_or(0)) + mins;
        if mins <= 0 || total >= 24 * 60 {
            return None;
        }
        let stop = Pt::Time {
            day: day.clone(),
            h: (total / 60) as i8,
            mi: Some((total % 60) as i8),
            sec: sec.map(|_| 0),
            amb: *amb,
        };
        let s = if at > i { i } else { at };
        Some(Cand {
            s,
            e: end.max(e),
            val: Val::Range(Some(start.clone()), Some(stop)),
            inner: vec![(at, e, start)],
        })
    }

    /// "and a half", "and half", "and an half", "and a quarter" at `i`:
    /// the end of the fraction and its value.
    fn and_fraction(&self, i: usize) -> Option<(usize, f64)> {
        if !self.is(i, "and") {
            return None;
        }
        let k = if is_any!(self, i + 1, &["a", "an"]) {
            i + 2
        } else {
            i + 1
        };
        if self.is(k, "half") {
            Some((k + 1, 0.5))
        } else if self.is(k, "quarter") && k == i + 2 {
            Some((k + 1, 0.25))
        } else {
            None
        }
    }

    fn set(&self, i: usize) -> Option<(usize, String)> {
        let (e, v) = self.set_base(i)?;
        // "every Monday at 4pm", "Tuesdays at 9am", "Friday mornings"
        if v.starts_with("XXXX-WXX-") {
            if let Some((e2, h, mi, _)) = self.at_clock(e) {
                let t = match mi {
                    Some(m) => format!("T{h:02}:{m:02}"),
                    None => format!("T{h:02}"),
                };
                return Some((e2, format!("{v}{t}")));
            }
            if let Some(Lex::Pod(p)) = self.lex(e) {
                return Some((e + 1, format!("{v}T{}", p.as_str())));
            }
        }
        Some((e, v))
    }

    fn set_base(&self, i: usize) -> Option<(usize, String)> {
        match self.lex(i)? {
            // "the Spanish daily El Pais", "the Daily Telegraph", "the daily
            // said": a newspaper, not a frequency ("the weekly U.S. crush
            // rate" is weekly: only "daily" is mostly a paper before a name)
            Lex::Set(_)
                if self.is(i, "daily")
                    && (self
                        .tok(i + 1)
                        .is_some_and(|t| t.alpha && t.cap && t.lex.is_none())
                        || is_any!(
                            self,
                            i + 1,
                            &[
                                "said",
                                "says",
                                "reported",
                                "reports",
                                "quoted",
                                "wrote",
                                "newspaper",
                            ],
                        )) =>
            {
                None
            }
            Lex::Set(v) => Some((i + 1, v.as_str().to_string())),
            // "on Mondays", "Tuesdays at 9am", "Friday mornings"
            Lex::Weekdays(wd)
                if self.tok(i).is_some_and(|t| t.cap)
                    && (i > 0 && self.is(i - 1, "on") || self.is(i + 1, "at")) =>
            {
                Some((i + 1, format!("XXXX-WXX-{wd}")))
            }
            // any case: a weekday before a plural part of day is a weekday
            // ("tuesday afternoons")
            Lex::Weekday(wd)
                if is_any!(
                    self,
                    i + 1,
                    &["mornings", "afternoons", "evenings", "nights"]
                ) =>
            {
                Some((i + 1, format!("XXXX-WXX-{wd}")))
            }
            // "once a week", "twice a month", "three times a year"
            _ if is_any!(self, i, &["once", "twice"])
                || (self.is(i + 1, "times") && matches!(self.lex(i), Some(Lex::Card(_)))) =>
            {
                // the set's period is the unit; the count per period is not kept
                let j = if self.is(i + 1, "times") {
                    i + 2
                } else {
                    i + 1
                };
                if !is_any!(self, j, &["a", "an", "per", "every", "each"]) {
                    return None;
                }
                let Some(Lex::Unit(u)) = self.lex(j + 1) else {
                    return None;
                };
                Some((j + 2, u.duration(Some(1.0))))
            }
            // "semi-annually" (P0.5Y), "bi-monthly" (P2M): half or twice
            // the period of the set word after the hyphen
            _ if is_any!(self, i, &["semi", "bi"])
                && self.punct(i + 1, '-')
                && self.glued(i)
                && self.glued(i + 1) =>
            {
                let Some(Lex::Set(v)) = self.lex(i + 2) else {
                    return None;
                };
                let v = v.as_str();
                let (n, _) = parse_duration(v)?;
                let (pre, rest) = match v.strip_prefix("PT") {
                    Some(r) => ("PT", r),
                    None => ("P", v.get(1..)?),
                };
                let letter = rest.get(rest.len().checked_sub(1)?..)?;
                let d = if self.is(i, "bi") {
                    format!("{pre}{}{letter}", 2 * n)
                } else if n == 1 {
                    format!("{pre}0.5{letter}")
                } else {
                    return None;
                };
                Some((i + 3, d))
            }
            _ if is_any!(self, i, &["every", "each", "per"]) => {
                let j = i + 1;
                if let Some(Lex::Weekday(wd)) = self.lex(j) {
                    return Some((self.dot(j + 1), format!("XXXX-WXX-{wd}")));
                }
                if let Some(Lex::Month(m)) = self.lex(j) {
                    return Some((self.dot(j + 1), format!("XXXX-{m:02}")));
                }
                if let Some(Lex::Unit(u)) = self.lex(j) {
                    return Some((j + 1, u.duration(Some(1.0))));
                }
                if self.is(j, "other") {
                    if let Some(Lex::Weekday(wd)) = self.lex(j + 1) {
                        return Some((self.dot(j + 2), format!("XXXX-WXX-{wd}")));
                    }
                    if let Some(Lex::Unit(u)) = self.lex(j + 1) {
                        return Some((j + 2, u.duration(Some(2.0))));
                    }
                }
                let (k, n) = self.card(j)?;
                let Some(Lex::Unit(u)) = self.lex(k) else {
                    return None;
                };
                Some((k + 1, u.duration(Some(n as f64))))
            }
            _ => None,
        }
    }
}

/// An interval candidate; a missing year on the first end is taken from
/// the second ("from January to April 2015"), and the reverse.
fn range_cand(s: usize, e: usize, a: (usize, usize, Pt), b: (usize, usize, Pt)) -> Cand {
    let (mut pa, mut pb) = (a.2, b.2);
    // "Nov-Feb 2017", "Dec. 20, 2016 to Jan. 5": an end that comes earlier
    // in the year than the start is in the next year
    let md = |p: &Pt| match p {
        Pt::Day { m, d, .. } => Some((*m, *d)),
        Pt::Month { m, .. } => Some((*m, 0)),
        _ => None,
    };
    let wraps = matches!((md(&pa), md(&pb)), (Some(x), Some(y)) if x > y);
    if pa.year_missing() {
        if let Some(y) = pb.year() {
            let y = if wraps { y - 1 } else { y };
            pa = pa.with_year(y, pb.month());
        } else if let (Pt::DayOfMonth(d), Some(m)) = (&pa, pb.month()) {
            pa = Pt::Day { y: None, m, d: *d };
        }
    }
    if pb.year_missing() {
        if let Some(y) = pa.year() {
            let y = if wraps { y + 1 } else { y };
            pb = pb.with_year(y, pa.month());
        }
    }
    // "1:00 PM - 1:15 PM" after a date: both times share the day
    if let (Pt::Time { day: da, .. }, Pt::Time { day: db, .. }) = (&mut pa, &mut pb) {
        match (da.is_some(), db.is_some()) {
            (true, false) => *db = da.clone(),
            (false, true) => *da = db.clone(),
            _ => {}
        }
    }
    let inner = vec![(a.0, a.1, pa.clone()), (b.0, b.1, pb.clone())];
    Cand {
        s,
        e,
        val: Val::Range(Some(pa), Some(pb)),
        inner,
    }
}

/// The last unit before `p` ("before 2010" ends with 2009).
fn before(p: Pt) -> Pt {
    match p {
        Pt::Year(y) => Pt::Year(y - 1),
        Pt::Month { y: Some(y), m } => {
            if m == 1 {
                Pt::Month {
                    y: Some(y - 1),
                    m: 12,
                }
            } else {
                Pt::Month {
                    y: Some(y),
                    m: m - 1,
                }
            }
        }
        other => other,
    }
}

trait MapRel {
    fn map_rel(self, r: Rel) -> Self;
}

impl MapRel for (usize, Pt) {
    /// "last March", "next summer": encode the direction as a year offset
    /// resolved later (`Lit` is not used: the DCT is needed).
    fn map_rel(self, r: Rel) -> Self {
        let (e, p) = self;
        let code = match r {
            Rel::Last => "last",
            Rel::Next => "next",
            Rel::This => "this",
        };
        let p = match p {
            Pt::Month { m, .. } => Pt::Lit(format!("@{code}:M:{m}")),
            Pt::Season { s, .. } => Pt::Lit(format!("@{code}:S:{s}")),
            other => other,
        };
        (e, p)
    }
}

fn t_cap(w: &str) -> bool {
    w.as_bytes().first().is_some_and(|c| c.is_ascii_uppercase())
}

fn day_level(p: &Pt) -> bool {
    matches!(
        p,
        Pt::WeekdayAfterNext(_)
            | Pt::DayRel { .. }
            | Pt::WeekdayDom { .. }
            | Pt::DayWd { .. }
            | Pt::After {
                unit: Unit::Day | Unit::Week,
                ..
            }
    ) || matches!(
        p,
        Pt::Day { .. }
            | Pt::Weekday { .. }
            | Pt::DayOfMonth(_)
            | Pt::Holiday { .. }
            | Pt::HolidayOfYear { .. }
            | Pt::Shift {
                unit: Unit::Day,
                ..
            }
    )
}

/// A year written with two digits: 00-49 are this century, 50-99 the last.
fn two_digit_year(yy: u64) -> i32 {
    let yy = yy.min(99) as i32;
    if yy < 50 {
        2000 + yy
    } else {
        1900 + yy
    }
}

fn valid(y: i32, m: i8, d: i8) -> bool {
    i16::try_from(y).is_ok() && Date::new(y as i16, m, d).is_ok()
}

/// "1989-Q3" → (1989, 3).
fn parse_quarter(t: &str) -> Option<(i32, i8)> {
    let (y, q) = t.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

fn quarter_of(m: i8) -> i8 {
    (m - 1) / 3 + 1
}

/// Has quarter `q` ended by the DCT?
fn quarter_ended(q: (i32, i8), dct: Date) -> bool {
    (q.0, q.1) < (dct.year() as i32, quarter_of(dct.month()))
}

/// The quarter a report is about: the last one named, but in a past
/// sentence one that had ended by the DCT, named before a quarter still
/// ahead ("... will mean a fourth-quarter charge ... compared with $6
/// million a year ago" keeps the third quarter of the report).
fn report_quarter(cx: &Cx) -> Option<(i32, i8)> {
    match (cx.quarter, cx.dct) {
        (Some(q), Some(d)) if !quarter_ended(q, d.date) && cx.tense == Some(Tense::Past) => {
            cx.done_quarter.or(Some(q))
        }
        (q, _) => q,
    }
}

// ---- resolution

/// Is calendar value `a` wholly before `b`, compared at the coarser of
/// their grains ("1986" is before "1987-02-26"; "1987-03" is not before
/// "1987-03-11T10:24")? Only plain dates and times from the year on
/// compare: anything else ("XXXX-03", "PRESENT_REF") is never before.
fn earlier_at_common_grain(a: &str, b: &str) -> bool {
    let dated = |v: &str| v.len() >= 4 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if !dated(a) || !dated(b) {
        return false;
    }
    // quarters, weeks and seasons ("1987-Q2", "1987-W11") compare by year
    let plain = |v: &str| v.bytes().take(10).all(|c| c.is_ascii_digit() || c == b'-');
    let n = match plain(a) && plain(b) {
        true => a.len().min(b.len()).min(10),
        false => 4,
    };
    match (a.get(..n), b.get(..n)) {
        (Some(x), Some(y)) => x < y,
        _ => false,
    }
}

fn value(v: &Val, cx: &Cx) -> Option<DateValue> {
    let fixed = Cx { roll: false, ..*cx };
    let cx = if matches!(v, Val::Range(..)) {
        &fixed
    } else {
        cx
    };
    match v {
        Val::Point(Pt::Century(c)) => {
            // TIMEX3 writes a century as "20"; the range spells out its years
            let range = TimexRange {
                start: Some(format!("{:04}", c * 100)),
                end: Some(format!("{:04}", c * 100 + 99)),
            };
            Some(DateValue {
                timex: Some(format!("{c:02}")),
                kind: TimexType::Date,
                range: Some(range),
            })
        }
        // a Hijri month ("Ramadan 2018") is the range of its days
        Val::Point(
            p @ Pt::Holiday {
                h: Holiday::HijriMonth(m),
                ..
            },
        ) => {
            let first: Date = resolve(p, cx)?.get(..10)?.parse().ok()?;
            let (a, b) = hijri_month(*m, i32::from(first.year()))?;
            Some(DateValue {
                timex: None,
                kind: TimexType::Date,
                range: Some(TimexRange {
                    start: Some(ymd(a)),
                    end: Some(ymd(b)),
                }),
            })
        }
        // a Hebrew-calendar holiday is kept from sunset on its eve to its
        // last day: "Purim 2013" is 24 February (from the 23rd), "Hanukkah
        // 2018" the eight days from the eve of 3 December
        Val::Point(
            p @ Pt::Holiday {
                h: Holiday::Hebrew(_, _, len, _),
                ..
            },
        ) => {
            let first: Date = resolve(p, cx)?.get(..10)?.parse().ok()?;
            let eve = first.checked_sub(1.day()).ok()?;
            let last = first.checked_add(i64::from(*len - 1).days()).ok()?;
            Some(DateValue {
                timex: (*len == 1).then(|| ymd(first)),
                kind: TimexType::Date,
                range: Some(TimexRange {
                    start: Some(ymd(eve)),
                    end: Some(ymd(last)),
                }),
            })
        }
        Val::Point(Pt::Part { end, base }) => {
            let range = part_range(&resolve(base, cx)?, *end)?;
            Some(DateValue {
                timex: None,
                kind: TimexType::Date,
                range: Some(range),
            })
        }
        Val::Point(p) => {
            let timex = resolve(p, cx)?;
            // a value with a clock part ("now" at a timed DCT, "3h ago") is a TIME
            let clock = timex.len() > 11
                && timex.as_bytes().get(10) == Some(&b'T')
                && timex.as_bytes().get(11).is_some_and(u8::is_ascii_digit);
            let kind = if p.is_time() || clock {
                TimexType::Time
            } else {
                TimexType::Date
            };
            // a half year ("2019-H2") spells out its months as a range
            let range = match timex.as_bytes() {
                [y @ .., b'-', b'H', h @ (b'1' | b'2')] if y.len() == 4 => {
                    let (a, b) = if *h == b'1' {
                        ("01", "06")
                    } else {
                        ("07", "12")
                    };
                    Some(TimexRange {
                        start: Some(format!("{}-{a}", &timex[..4])),
                        end: Some(format!("{}-{b}", &timex[..4])),
                    })
                }
                _ => day_part_range(&timex),
            };
            Some(DateValue {
                timex: Some(timex),
                kind,
                range,
            })
        }
        Val::Range(a, b) => {
            // "from next Monday to Friday": the end weekday follows the start
            if let (Some(pa), Some(Pt::Weekday { wd, rel: None })) = (a, b) {
                let start = resolve(pa, cx)?;
                if let Some(d) = start.get(..10).and_then(|x| x.parse::<Date>().ok()) {
                    let cur = d.weekday().to_monday_one_offset();
                    let end = d
                        .checked_add(((*wd - cur) as i64).rem_euclid(7).days())
                        .ok()?;
                    return Some(DateValue {
                        timex: None,
                        kind: TimexType::Date,
                        range: Some(TimexRange {
                            start: Some(start),
                            end: Some(ymd(end)),
                        }),
                    });
                }
            }
            // Two yearless ends ("from May to September"): the end is
            // resolved first and the start is the latest one before it.
            if let (Some(pa), Some(pb)) = (a, b) {
                if pa.year_missing() && pb.year_missing() && !matches!(pa, Pt::DayOfMonth(_)) {
                    let end = resolve(pb, cx)?;
                    let yb: i32 = end.get(..4).and_then(|y| y.parse().ok())?;
                    let mut start = resolve(&pa.clone().with_year(yb, None), cx)?;
                    if start > end {
                        start = resolve(&pa.clone().with_year(yb - 1, None), cx)?;
                    }
                    let kind = if pa.is_time() {
                        TimexType::Time
                    } else {
                        TimexType::Date
                    };
                    return Some(DateValue {
                        timex: None,
                        kind,
                        range: Some(TimexRange {
                            start: Some(start),
                            end: Some(end),
                        }),
                    });
                }
            }
            let from_now = matches!(a, Some(Pt::Now));
            // "between Jan 22 and now": "now" at the other end's grain, today
            let today = Pt::Shift {
                n: 0,
                unit: Unit::Day,
            };
            // but "by the end of the month" runs from the instant itself
            let coarse = |p: &Option<Pt>| {
                p.as_ref()
                    .is_some_and(|p| !p.is_time() && *p != Pt::Now && !matches!(p, Pt::Part { .. }))
            };
            // with a DCT without a time, "now" is today
            let untimed = cx.dct.is_some_and(|d| d.time.is_none());
            let (a, b) = match (a, b) {
                (Some(Pt::Now), _) if coarse(b) || untimed => (&Some(today), b),
                (_, Some(Pt::Now)) if coarse(a) || untimed => (a, &Some(today)),
                _ => (a, b),
            };
            // and an end that needs a tense takes the side of the DCT it is
            // on: "between Jan 22 and today" is the January before, "from
            // today until May" the next May
            let is_today = |p: &Option<Pt>| {
                matches!(
                    p,
                    Some(Pt::Shift {
                        n: 0,
                        unit: Unit::Day
                    })
                )
            };
            let sided = |tense| Cx {
                tense: Some(tense),
                ..*cx
            };
            let side = if is_today(b) {
                Some(sided(Tense::Past))
            } else if is_today(a) {
                Some(sided(Tense::Future))
            } else {
                None
            };
            let (cx_a, cx_b) = match &side {
                Some(s) => (s, s),
                None => (cx, cx),
            };
            let start = match a {
                Some(p) => Some(resolve(p, cx_a)?),
                None => None,
            };
            let end = match b {
                Some(p) => Some(resolve(p, cx_b)?),
                None => None,
            };
            let kind = if a.as_ref().is_some_and(Pt::is_time) || b.as_ref().is_some_and(Pt::is_time)
            {
                TimexType::Time
            } else {
                TimexType::Date
            };
            // "had shrunk by the end of last year": a deadline already past
            // when the report was written does not run from the DCT
            let start = match (&start, &end) {
                (Some(s), Some(e)) if from_now && earlier_at_common_grain(e, s) => None,
                _ => start,
            };
            // "3:30 to 6 pm": both ends at the finer grain, 18:00
            let (mut start, mut end) = (start, end);
            let hour_only = |x: &Option<String>| {
                x.as_deref()
                    .is_some_and(|v| v.len() == 13 && v.as_bytes().get(10) == Some(&b'T'))
            };
            let minutes = |x: &Option<String>| {
                x.as_deref()
                    .is_some_and(|v| v.len() == 16 && v.as_bytes().get(10) == Some(&b'T'))
            };
            if hour_only(&end) && minutes(&start) {
                if let Some(v) = end.as_mut() {
                    v.push_str(":00");
                }
            } else if hour_only(&start) && minutes(&end) {
                if let Some(v) = start.as_mut() {
                    v.push_str(":00");
                }
            }
            Some(DateValue {
                timex: None,
                kind,
                range: Some(TimexRange { start, end }),
            })
        }
        Val::Duration(d, anchor) => Some(DateValue {
            timex: Some(d.clone()),
            kind: TimexType::Duration,
            range: anchor.and_then(|a| match a.of_year {
                Some(y) => year_part_range(a.n, parse_duration(d)?.1, y),
                None => anchored_range(d, a, cx.dct?),
            }),
        }),
        Val::Set(d) => Some(DateValue {
            timex: Some(d.clone()),
            kind: TimexType::Set,
            range: None,
        }),
    }
}

/// "PT2H", "PT1.5H", "PT3H30M", "PT45M" → minutes; None for other spans.
fn clock_minutes(d: &str) -> Option<i64> {
    let mut rest = d.strip_prefix("PT")?;
    let mut total = 0.0f64;
    while !rest.is_empty() {
        let k = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let x: f64 = rest.get(..k)?.parse().ok()?;
        total += x * match rest.as_bytes().get(k)? {
            b'H' => 60.0,
            b'M' => 1.0,
            _ => return None,
        };
        rest = rest.get(k + 1..)?;
    }
    (total.fract() == 0.0 && total < 1e6).then_some(total as i64)
}

/// "P3D" → (3, Day): a duration of one whole-number component.
fn parse_duration(d: &str) -> Option<(i64, Unit)> {
    let rest = d.strip_prefix('P')?;
    let (time, rest) = match rest.strip_prefix('T') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let nd = rest.bytes().take_while(u8::is_ascii_digit).count();
    if nd == 0 || nd > 6 || rest.len() != nd + 1 {
        return None;
    }
    let n: i64 = rest.get(..nd)?.parse().ok()?;
    let unit = match (time, rest.as_bytes().get(nd)?) {
        (true, b'H') => Unit::Hour,
        (true, b'M') => Unit::Minute,
        (true, b'S') => Unit::Second,
        (false, b'D') => Unit::Day,
        (false, b'W') => Unit::Week,
        (false, b'M') => Unit::Month,
        (false, b'Q') => Unit::Quarter,
        (false, b'Y') => Unit::Year,
        _ => return None,
    };
    (n > 0).then_some((n, unit))
}

/// The first (`n` > 0) or last (`n` < 0) `|n|` units of year `y`, both
/// ends inclusive: months and quarters at their grain, days and weeks as
/// days ("the last two weeks of 2020" is 2020-12-18..2020-12-31).
fn year_part_range(n: i64, unit: Unit, y: i32) -> Option<TimexRange> {
    let k = n.abs();
    let (start, end) = match unit {
        Unit::Month if (1..=12).contains(&k) => {
            let (a, b) = if n > 0 { (1, k) } else { (13 - k, 12) };
            (format!("{y:04}-{a:02}"), format!("{y:04}-{b:02}"))
        }
        Unit::Quarter if (1..=4).contains(&k) => {
            let (a, b) = if n > 0 { (1, k) } else { (5 - k, 4) };
            (format!("{y:04}-Q{a}"), format!("{y:04}-Q{b}"))
        }
        Unit::Day | Unit::Week => {
            let days = if unit == Unit::Week { 7 * k } else { k };
            let yy = i16::try_from(y).ok()?;
            let first = Date::new(yy, 1, 1).ok()?;
            let last = Date::new(yy, 12, 31).ok()?;
            if !(1..=i64::from(first.days_in_year())).contains(&days) {
                return None;
            }
            let (a, b) = if n > 0 {
                (first, first.checked_add((days - 1).days()).ok()?)
            } else {
                (last.checked_sub((days - 1).days()).ok()?, last)
            };
            (ymd(a), ymd(b))
        }
        _ => return None,
    };
    Some(TimexRange {
        start: Some(start),
        end: Some(end),
    })
}

/// The interval an anchored duration covers, both ends inclusive.
fn anchored_range(d: &str, a: Anchor, dct: &Dct) -> Option<TimexRange> {
    let (n, unit) = parse_duration(d)?;
    let n = if a.n < 0 { -n } else { n };
    let t = dct.date;
    let clock = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
    if clock && dct.time.is_none() {
        return None;
    }
    // "the next 4 business days": the first to the `n`-th weekday after
    // (before) the DCT
    if a.workdays && unit == Unit::Day && !a.within && (1..=366).contains(&n.abs()) {
        let step = n.signum().days();
        let (mut d, mut left, mut first, mut last) = (t, n.abs(), None, t);
        while left > 0 {
            d = d.checked_add(step).ok()?;
            if d.weekday().to_monday_one_offset() <= 5 {
                first.get_or_insert(d);
                last = d;
                left -= 1;
            }
        }
        let (a, b) = if n < 0 {
            (last, first?)
        } else {
            (first?, last)
        };
        return Some(TimexRange {
            start: Some(ymd(a)),
            end: Some(ymd(b)),
        });
    }
    let (start, end) = if a.within && n > 0 {
        if clock {
            return None;
        }
        let far = t.checked_add(span_of(n, unit)?).ok()?;
        (ymd(t), ymd(far.checked_sub(1.day()).ok()?))
    } else if a.exact {
        if clock {
            let tm = dct.time?;
            let now = t.to_datetime(tm);
            let far = now.checked_add(span_of(n, unit)?).ok()?;
            let sec = |x: jiff::civil::DateTime| {
                format!(
                    "{}T{:02}:{:02}:{:02}",
                    ymd(x.date()),
                    x.hour(),
                    x.minute(),
                    x.second()
                )
            };
            let one = 1.second();
            if n < 0 {
                (sec(far), sec(now.checked_sub(one).ok()?))
            } else {
                (sec(now), sec(far.checked_sub(one).ok()?))
            }
        } else {
            let far = t.checked_add(span_of(n, unit)?).ok()?;
            if n < 0 {
                (ymd(far), ymd(t.checked_sub(1.day()).ok()?))
            } else {
                (ymd(t.checked_add(1.day()).ok()?), ymd(far))
            }
        }
    } else if n < 0 {
        (shift(t, dct.time, n, unit)?, shift(t, dct.time, -1, unit)?)
    } else {
        (shift(t, dct.time, 1, unit)?, shift(t, dct.time, n, unit)?)
    };
    Some(TimexRange {
        start: Some(start),
        end: Some(end),
    })
}

/// The hours a part of a day covers ("2024-05-20TEV" → 18:00 to 23:59),
/// and the Friday evening to Sunday night of a weekend ("2024-W21-WE").
fn day_part_range(timex: &str) -> Option<TimexRange> {
    if let Some(w) = timex.strip_suffix("-WE") {
        let (y, n) = w.split_once("-W")?;
        let fri = jiff::civil::ISOWeekDate::new(
            y.parse().ok()?,
            n.parse().ok()?,
            jiff::civil::Weekday::Friday,
        )
        .ok()?
        .date();
        let sun = fri.checked_add(2.days()).ok()?;
        return Some(TimexRange {
            start: Some(format!("{}T18", ymd(fri))),
            end: Some(format!("{}T23", ymd(sun))),
        });
    }
    let (day, pod) = (timex.get(..10)?, timex.get(10..)?);
    if day.parse::<Date>().is_err() {
        return None;
    }
    let (a, b) = match pod {
        "TMO" => (0, 11),
        "TAF" => (12, 18),
        "TEV" | "TNI" => (18, 23),
        _ => return None,
    };
    Some(TimexRange {
        start: Some(format!("{day}T{a:02}")),
        end: Some(format!("{day}T{b:02}")),
    })
}

/// "early/mid/late March": the month keeps its value and gets the days of
/// that third of it as a range; "the end of the year" its last four months.
fn interval_reading(p: &Parser, c: &Cand, v: &mut DateValue) {
    // "the year ended June 30": a fiscal year's length, not the calendar year
    if p.is(c.s, "the")
        && p.is(c.e - 1, "year")
        && (c.e - c.s == 2 || (c.e - c.s == 3 && p.is(c.s + 1, "fiscal")))
        && is_any!(p, c.e, &["ended", "ending", "ends"])
    {
        *v = DateValue {
            timex: Some("P1Y".into()),
            kind: TimexType::Duration,
            range: None,
        };
        return;
    }
    let k = if p.is(c.s, "the") { c.s + 1 } else { c.s };
    let w = p.lower(k);
    // "late tonight", "late afternoon": the later half of the part of day
    if w == "late" {
        if let (Some(t), Some(r)) = (v.timex.as_deref(), v.range.as_mut()) {
            let from = match t.get(10..) {
                Some("TNI" | "TEV") => Some(21),
                Some("TAF") => Some(15),
                Some("TMO") => Some(9),
                _ => None,
            };
            if let (Some(h), Some(day)) = (from, t.get(..10)) {
                r.start = Some(format!("{day}T{h:02}"));
            }
        }
    }
    if v.range.is_some() {
        return;
    }
    let Some(t) = v.timex.as_deref() else {
        return;
    };
    if t.len() == 7 && matches!(w.as_str(), "early" | "mid" | "late") {
        let Ok(first) = format!("{t}-01").parse::<Date>() else {
            return;
        };
        let (a, b) = match w.as_str() {
            "early" => (first, first.checked_add(9.days()).ok()),
            "mid" => (
                first.checked_add(10.days()).unwrap_or(first),
                first.checked_add(19.days()).ok(),
            ),
            _ => (
                first.checked_add(20.days()).unwrap_or(first),
                Some(first.last_of_month()),
            ),
        };
        if let Some(b) = b {
            v.range = Some(TimexRange {
                start: Some(ymd(a)),
                end: Some(ymd(b)),
            });
        }
    } else if t.len() == 4
        && t.bytes().all(|x| x.is_ascii_digit())
        && (w == "end" && p.is(k + 1, "of") || w == "eoy")
    {
        v.range = Some(TimexRange {
            start: Some(format!("{t}-09")),
            end: Some(format!("{t}-12")),
        });
    }
}

fn ymd(d: Date) -> String {
    ymd_of(d.year().into(), d.month().into(), d.day().into())
}

/// Appends `n` as `format!("{n:0width$}")` writes it (zero-padded to
/// `width` characters, a minus sign counting as one) without the
/// formatting machinery, several times dearer: every mention's value
/// writes a year, a month or a day. Pinned to `format!` by a proptest.
fn push_padded(s: &mut String, n: i64, width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n.unsigned_abs());
    let sign = usize::from(n < 0);
    if n < 0 {
        s.push('-');
    }
    for _ in digits.len() + sign..width {
        s.push('0');
    }
    s.push_str(digits);
}

/// `format!("{y:04}")`, as [`push_padded`].
fn year_of(y: i64) -> String {
    let mut s = String::with_capacity(4);
    push_padded(&mut s, y, 4);
    s
}

/// `format!("{y:04}-{m:02}")`, as [`push_padded`].
fn ym_of(y: i64, m: i64) -> String {
    let mut s = String::with_capacity(7);
    push_padded(&mut s, y, 4);
    s.push('-');
    push_padded(&mut s, m, 2);
    s
}

/// `format!("{y:04}-Q{q}")`, as [`push_padded`].
fn yq_of(y: i64, q: i64) -> String {
    let mut s = String::with_capacity(7);
    push_padded(&mut s, y, 4);
    s.push_str("-Q");
    push_padded(&mut s, q, 0);
    s
}

/// `format!("{y:04}-{m:02}-{d:02}")`, as [`push_padded`].
fn ymd_of(y: i64, m: i64, d: i64) -> String {
    let mut s = String::with_capacity(10);
    push_padded(&mut s, y, 4);
    s.push('-');
    push_padded(&mut s, m, 2);
    s.push('-');
    push_padded(&mut s, d, 2);
    s
}

/// Year for a month-level or day-level point given without one: the DCT's
/// year, moved one back (past tense) or forward (future) when the point
/// would otherwise fall on the wrong side of the DCT. `cmp` compares the
/// point in the DCT's year with the DCT (negative: earlier).
fn pick_year(dct: Date, tense: Option<Tense>, cmp: i32) -> i32 {
    let y = dct.year() as i32;
    match tense {
        Some(Tense::Past) if cmp > 0 => y - 1,
        Some(Tense::Future) | None if cmp < 0 => y + 1,
        _ => y,
    }
}

/// As [`pick_year`], but a point within `window` of the DCT (`pos` and
/// the DCT's `now` measured in `per_year` units from New Year) takes the
/// nearest year whatever the tense: news dates cluster around the DCT
/// ("Dec. 7" in a November report is weeks away, not a year ago).
fn pick_near_year(
    dct: Date,
    tense: Option<Tense>,
    pos: i32,
    now: i32,
    per_year: i32,
    window: i32,
) -> i32 {
    let y = dct.year() as i32;
    let near = [
        (y - 1, pos - per_year - now),
        (y, pos - now),
        (y + 1, pos + per_year - now),
    ]
    .into_iter()
    .min_by_key(|(_, d)| d.abs());
    match near {
        Some((ny, d)) if d.abs() <= window => ny,
        _ => pick_year(dct, tense, pos - now),
    }
}

/// How close to the DCT a yearless date must be for nearness to beat tense.
const NEAR_DAYS: i32 = 75;
const NEAR_MONTHS: i32 = 2;
/// The same for a holiday without a year.
const NEAR_HOLIDAY_DAYS: i32 = 30;

fn resolve(p: &Pt, cx: &Cx) -> Option<String> {
    let dct = cx.dct.map(|d| d.date);
    Some(match p {
        Pt::Year(y) => year_of((*y).into()),
        Pt::Decade(d) => format!("{d:03}"),
        Pt::Century(c) => format!("{c:02}"),
        Pt::Day { y: Some(y), m, d } => ymd_of((*y).into(), (*m).into(), (*d).into()),
        Pt::Day { y: None, m, d } => match dct {
            None => format!("XXXX-{m:02}-{d:02}"),
            Some(t) => {
                let pos = *m as i32 * 32 + *d as i32;
                let now = t.month() as i32 * 32 + t.day() as i32;
                let mut y = pick_near_year(t, cx.tense, pos, now, 12 * 32, NEAR_DAYS);
                // Feb 29: the nearest leap year in the direction of the tense
                let step = if cx.tense == Some(Tense::Past) { -1 } else { 1 };
                for _ in 0..8 {
                    if valid(y, *m, *d) {
                        break;
                    }
                    y += step;
                }
                ymd_of(y.into(), (*m).into(), (*d).into())
            }
        },
        Pt::DayOfMonth(d) => match dct {
            None => format!("XXXX-XX-{d:02}"),
            Some(t) => {
                // "the 1st" said on the 12th: next month's, or this
                // month's in a report of the past
                let off = match cx.tense {
                    Some(Tense::Past) if *d as i32 > t.day() as i32 => -1,
                    Some(Tense::Future) | None if (*d as i32) < t.day() as i32 => 1,
                    _ => 0,
                };
                let mo = t.first_of_month().checked_add(off.months()).ok()?;
                format!("{:04}-{:02}-{d:02}", mo.year(), mo.month())
            }
        },
        Pt::Month { y: Some(y), m } => ym_of((*y).into(), (*m).into()),
        Pt::Month { y: None, m } => match dct {
            None => format!("XXXX-{m:02}"),
            Some(t) => ym_of(
                pick_near_year(t, cx.tense, *m as i32, t.month() as i32, 12, NEAR_MONTHS).into(),
                (*m).into(),
            ),
        },
        Pt::Quarter { y: Some(y), q } => yq_of((*y).into(), (*q).into()),
        Pt::Quarter { y: None, q } => match dct {
            None => format!("XXXX-Q{q}"),
            Some(t) => {
                let cmp = *q as i32 - quarter_of(t.month()) as i32;
                // a quarter named without a year in a report is this year's
                let y = if cmp > 0 && cx.tense == Some(Tense::Past) {
                    t.year() as i32 - 1
                } else {
                    t.year() as i32
                };
                yq_of(y.into(), (*q).into())
            }
        },
        Pt::Half { y, h } => match (y, dct) {
            (Some(y), _) => format!("{y:04}-H{h}"),
            (None, Some(t)) => format!("{:04}-H{h}", t.year()),
            (None, None) => format!("XXXX-H{h}"),
        },
        Pt::Season { y, s } => match (y, dct) {
            (Some(y), _) => format!("{y:04}-{s}"),
            (None, Some(t)) => {
                let sm = season_month(s);
                format!("{:04}-{s}", pick_year(t, cx.tense, sm - t.month() as i32))
            }
            (None, None) => format!("XXXX-{s}"),
        },
        Pt::Weekday { wd, rel } => match dct {
            None => format!("XXXX-WXX-{wd}"),
            Some(t) => ymd(weekday(t, *wd, *rel, cx.tense)?),
        },
        Pt::Holiday { h, y, rel } => {
            let Some(t) = dct else {
                return match (y, h) {
                    (Some(y), _) => holiday(*h, *y).map(ymd),
                    (None, Holiday::Fixed(m, d)) => Some(format!("XXXX-{m:02}-{d:02}")),
                    _ => None,
                };
            };
            let this_year = t.year() as i32;
            let y = match (y, rel) {
                (Some(y), _) => *y,
                // "last Christmas": the latest one before the DCT; "next
                // Easter": the first one after it
                (None, Some(Rel::Last)) => {
                    if holiday(*h, this_year)? < t {
                        this_year
                    } else {
                        this_year - 1
                    }
                }
                (None, Some(Rel::Next)) => {
                    if holiday(*h, this_year)? > t {
                        this_year
                    } else {
                        this_year + 1
                    }
                }
                (None, _) => {
                    let this = holiday(*h, t.year() as i32)?;
                    // a holiday a few weeks off is the nearest one, whatever
                    // the tense ("Easter week" a week before Easter)
                    let near = [this_year - 1, this_year, this_year + 1]
                        .into_iter()
                        .filter_map(|y| Some((y, (holiday(*h, y)? - t).get_days().abs())))
                        .min_by_key(|(_, d)| *d);
                    if let Some((ny, _)) = near.filter(|(_, d)| *d <= NEAR_HOLIDAY_DAYS) {
                        return holiday(*h, ny).map(ymd);
                    }
                    let cmp = if this < t {
                        -1
                    } else if this > t {
                        1
                    } else {
                        0
                    };
                    pick_year(t, cx.tense, cmp)
                }
            };
            ymd(holiday(*h, y)?)
        }
        Pt::Shift { n, unit } => match dct {
            None => match n.signum() {
                -1 => "PAST_REF".into(),
                1 => "FUTURE_REF".into(),
                _ => "PRESENT_REF".into(),
            },
            Some(t) => shift(t, cx.dct.and_then(|d| d.time), *n, *unit)?,
        },
        Pt::QuarterOfYear(y) => match cx.quarter {
            Some((_, q)) => yq_of((*y).into(), q.into()),
            None => format!("{y:04}"),
        },
        Pt::Weekend(rel) => match dct {
            None => "XXXX-WXX-WE".into(),
            Some(t) => {
                let sat = weekday(t, 6, *rel, cx.tense)?;
                let w = sat.iso_week_date();
                format!("{:04}-W{:02}-WE", w.year(), w.week())
            }
        },
        Pt::From { n, unit, base } => {
            let v = resolve(base, cx)?;
            let d: Date = v.get(..10)?.parse().ok()?;
            after(d, None, *n, *unit)?
        }
        // as a single value (inside a larger range): the base period
        Pt::Part { base, .. } => resolve(base, cx)?,
        Pt::IsoWeek { y, n, off } => match (y, dct) {
            (Some(y), _) => format!("{y:04}-W{n:02}"),
            (None, Some(t)) => format!("{:04}-W{n:02}", t.year() as i32 + *off as i32),
            (None, None) => format!("XXXX-W{n:02}"),
        },
        Pt::DayRel { m, d, rel } => match dct {
            None => format!("XXXX-{m:02}-{d:02}"),
            Some(t) => {
                let tense = match rel {
                    Rel::Last => Some(Tense::Past),
                    Rel::Next => Some(Tense::Future),
                    Rel::This => None,
                };
                let cmp = (*m as i32 * 32 + *d as i32) - (t.month() as i32 * 32 + t.day() as i32);
                let y = if tense.is_none() {
                    t.year() as i32
                } else {
                    pick_year(t, tense, cmp)
                };
                format!("{y:04}-{m:02}-{d:02}")
            }
        },
        Pt::WeekdayNearest { wd, past } => match dct {
            None => format!("XXXX-WXX-{wd}"),
            Some(t) => {
                let tense = if *past { Tense::Past } else { Tense::Future };
                let mut day = weekday(t, *wd, None, Some(tense))?;
                if day == t {
                    day = day
                        .checked_add((if *past { -7i64 } else { 7 }).days())
                        .ok()?;
                }
                ymd(day)
            }
        },
        Pt::WeekdayThisWeek(wd) => match dct {
            None => format!("XXXX-WXX-{wd}"),
            Some(t) => {
                let cur = t.weekday().to_monday_one_offset();
                ymd(t.checked_add(((*wd - cur) as i64).days()).ok()?)
            }
        },
        Pt::WeekdayAfterNext(wd) => match dct {
            None => format!("XXXX-WXX-{wd}"),
            Some(t) => ymd(weekday(t, *wd, None, Some(Tense::Future))?
                .checked_add(7.days())
                .ok()?),
        },
        Pt::WeekdayDom { wd, d } => match dct {
            None => format!("XXXX-XX-{d:02}"),
            Some(t) => {
                // "Monday 21" within a week of the DCT is that day, on
                // either side (as a yearless date near the DCT)
                let near = (-7..=7i64)
                    .filter_map(|k| t.checked_add(k.days()).ok())
                    .find(|day| day.day() == *d && day.weekday().to_monday_one_offset() == *wd);
                if let Some(day) = near {
                    return Some(ymd(day));
                }
                let step = if cx.tense == Some(Tense::Past) { -1 } else { 1 };
                let first = t.first_of_month();
                let mut found = None;
                for k in 0..24i64 {
                    let Ok(mo) = first.checked_add((k * step).months()) else {
                        break;
                    };
                    if let Ok(day) = Date::new(mo.year(), mo.month(), *d) {
                        let right_side = if step > 0 { day >= t } else { day <= t };
                        if right_side && day.weekday().to_monday_one_offset() == *wd {
                            found = Some(day);
                            break;
                        }
                    }
                }
                ymd(found?)
            }
        },
        Pt::DayWd { m, d, wd } => match dct {
            None => format!("XXXX-{m:02}-{d:02}"),
            Some(t) => {
                let y0 = t.year() as i32;
                // only a neighbouring year: beyond that the weekday is more
                // likely a slip than a date years away
                let order: [i32; 3] = if cx.tense == Some(Tense::Past) {
                    [0, -1, 1]
                } else {
                    [0, 1, -1]
                };
                let hit = order.iter().find_map(|k| {
                    let day = Date::new(i16::try_from(y0 + k).ok()?, *m, *d).ok()?;
                    (day.weekday().to_monday_one_offset() == *wd).then_some(day)
                });
                match hit {
                    Some(day) => ymd(day),
                    None => resolve(
                        &Pt::Day {
                            y: None,
                            m: *m,
                            d: *d,
                        },
                        cx,
                    )?,
                }
            }
        },
        Pt::WeekOf(day) => {
            let v = resolve(day, cx)?;
            let d: Date = v.get(..10)?.parse().ok()?;
            let w = d.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Pt::After { n, unit } => match dct {
            None => "FUTURE_REF".into(),
            Some(t) => after(t, cx.dct.and_then(|d| d.time), *n, *unit)?,
        },
        Pt::HolidayOfYear { h, off } => ymd(holiday(*h, dct?.year() as i32 + *off as i32)?),
        Pt::PartOfRelYear { q, half, off } => {
            let y = match dct {
                Some(t) => format!("{:04}", t.year() as i32 + *off as i32),
                None => "XXXX".into(),
            };
            format!("{y}-{}{q}", if *half { 'H' } else { 'Q' })
        }
        Pt::MonthOfYear { m, off } => match dct {
            None => format!("XXXX-{m:02}"),
            Some(t) => format!("{:04}-{m:02}", t.year() as i32 + *off as i32),
        },
        Pt::NthOf { n, wd, base } => nth_of(&resolve(base, cx)?, *n, *wd)?,
        Pt::WeekendOf(base) => weekend_of(resolve(base, cx)?.get(..10)?.parse().ok()?),
        Pt::WeekdayFromNow { wd, n } => {
            let t = dct?;
            let cur = t.weekday().to_monday_one_offset();
            let mut off = ((*wd - cur) as i64).rem_euclid(7);
            if off == 0 {
                off = 7;
            }
            ymd(t.checked_add((off + 7 * (*n as i64 - 1)).days()).ok()?)
        }
        Pt::YearAgo => match (report_quarter(cx), dct) {
            (Some((y, q)), _) => format!("{:04}-Q{q}", y - 1),
            (None, Some(t)) => format!("{:04}", t.year() as i32 - 1),
            (None, None) => "PAST_REF".into(),
        },
        Pt::Anaphor { n, unit } => match (cx.anchor.and_then(|a| from_anchor(a, *n, *unit)), dct) {
            (Some(v), _) => v,
            (None, Some(t)) => shift(t, None, *n, *unit)?,
            (None, None) => match n.signum() {
                -1 => "PAST_REF".into(),
                1 => "FUTURE_REF".into(),
                _ => "PRESENT_REF".into(),
            },
        },
        // the latest quarter is one already over: not a quarter still
        // ahead named before it
        Pt::LatestQuarter => match (cx.quarter, dct) {
            (Some((y, q)), Some(d)) if !quarter_ended((y, q), d) => match cx.done_quarter {
                Some((y, q)) => yq_of(y.into(), q.into()),
                None => shift(d, None, -1, Unit::Quarter)?,
            },
            (Some((y, q)), _) => yq_of(y.into(), q.into()),
            (None, Some(t)) => shift(t, None, -1, Unit::Quarter)?,
            (None, None) => "XXXX-QX".into(),
        },
        Pt::TheQuarter => match (report_quarter(cx), dct) {
            (Some((y, q)), _) => yq_of(y.into(), q.into()),
            (None, Some(t)) => {
                let n = if cx.tense == Some(Tense::Past) { -1 } else { 0 };
                shift(t, None, n, Unit::Quarter)?
            }
            (None, None) => "XXXX-QX".into(),
        },
        Pt::Now => match cx.dct {
            Some(Dct {
                date,
                time: Some(tm),
            }) => format!(
                "{}T{:02}:{:02}:{:02}",
                ymd(*date),
                tm.hour(),
                tm.minute(),
                tm.second()
            ),
            _ => "PRESENT_REF".into(),
        },
        Pt::Lit(s) => {
            if let Some(rest) = s.strip_prefix('@') {
                return rel_lit(rest, dct);
            }
            s.clone()
        }
        Pt::Time {
            day,
            h,
            mi,
            sec,
            amb,
        } => {
            let fmt = |h: i8| match (mi, sec) {
                (Some(m), Some(s)) => format!("T{h:02}:{m:02}:{s:02}"),
                (Some(m), None) => format!("T{h:02}:{m:02}"),
                (None, _) => format!("T{h:02}"),
            };
            match day {
                Some(d) => format!("{}{}", resolve(d, cx)?, fmt(*h)),
                None => match (dct, cx.dct.and_then(|d| d.time)) {
                    // With a timed DCT a clock time is its next occurrence
                    // (unless the sentence reports the past): "at 3" said
                    // at 04:30 is 15:00, "at 4am" is tomorrow's.
                    (Some(t), Some(now)) if cx.roll && cx.tense != Some(Tense::Past) => {
                        let at = |h: i8| {
                            Time::new(h.rem_euclid(24), mi.unwrap_or(0), sec.unwrap_or(0), 0).ok()
                        };
                        if at(*h)? >= now {
                            format!("{}{}", ymd(t), fmt(*h))
                        } else if *amb && *h < 12 && at(*h + 12)? >= now {
                            format!("{}{}", ymd(t), fmt(*h + 12))
                        } else {
                            format!("{}{}", ymd(t.tomorrow().ok()?), fmt(*h))
                        }
                    }
                    (Some(t), _) => format!("{}{}", ymd(t), fmt(*h)),
                    (None, _) => fmt(*h),
                },
            }
        }
        Pt::Pod { day, pod } => {
            let d = match day {
                Some(d) => resolve(d, cx)?,
                None => match dct {
                    Some(t) => ymd(t),
                    None => String::new(),
                },
            };
            format!("{d}T{pod}")
        }
    })
}

fn season_month(s: &str) -> i32 {
    match s {
        "SP" => 4,
        "SU" => 7,
        "FA" => 10,
        _ => 1,
    }
}

/// "last March" / "next summer" / "this May" relative to the DCT.
fn rel_lit(code: &str, dct: Option<Date>) -> Option<String> {
    let mut parts = code.split(':');
    let (r, kind, v) = (parts.next()?, parts.next()?, parts.next()?);
    let Some(t) = dct else {
        return Some(match kind {
            "M" => format!("XXXX-{:02}", v.parse::<i8>().ok()?),
            _ => format!("XXXX-{v}"),
        });
    };
    let cur = t.month() as i32;
    let target = if kind == "M" {
        v.parse::<i32>().ok()?
    } else {
        season_month(v)
    };
    let y = t.year() as i32;
    let y = match r {
        // "last April" in October is this year's April; in March it is last
        // year's, and so is "last February" in March (February just past
        // would be "last month").
        "last" => {
            if target < cur - 1 {
                y
            } else {
                y - 1
            }
        }
        "next" => {
            if target > cur {
                y
            } else {
                y + 1
            }
        }
        _ => y,
    };
    Some(if kind == "M" {
        format!("{y:04}-{target:02}")
    } else {
        format!("{y:04}-{v}")
    })
}

fn weekday(t: Date, wd: i8, rel: Option<Rel>, tense: Option<Tense>) -> Option<Date> {
    let cur = t.weekday().to_monday_one_offset();
    let diff = (wd - cur) as i64; // -6..=6
    let back = if diff <= 0 { diff } else { diff - 7 }; // previous or same day
    let fwd = if diff >= 0 { diff } else { diff + 7 }; // same or next
                                                       // "last Friday" / "next Friday": that day of the previous / next
                                                       // (Monday-based) week, as TimeML and the calendar assistants read them.
    let off = match rel {
        Some(Rel::Last) => diff - 7,
        Some(Rel::Next) => diff + 7,
        // "this Monday" is the coming one (or today)
        Some(Rel::This) => fwd,
        // a bare weekday in the future is never today: "on Tuesday" said
        // on a Tuesday means next week
        // said on that very day with no cue for the future, it is today
        // (news: "officials said Sunday" in a Sunday report)
        None => match tense {
            Some(Tense::Past) => back,
            Some(Tense::Future) if fwd == 0 => 7,
            _ => fwd,
        },
    };
    t.checked_add(off.days()).ok()
}

/// "the first Monday of 2024-03", "the last week of 2016".
fn nth_of(base: &str, n: i8, wd: i8) -> Option<String> {
    if wd == 9 {
        // the weekend of the n-th Saturday
        let sat: Date = nth_of(base, n, 6)?.parse().ok()?;
        return Some(weekend_of(sat));
    }
    let y: i16 = base.get(..4)?.parse().ok()?;
    let (first, last) = match base.get(5..7) {
        Some(m) if base.len() == 7 => {
            let f = Date::new(y, m.parse().ok()?, 1).ok()?;
            (f, f.last_of_month())
        }
        None if base.len() == 4 => (Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?),
        _ => return None,
    };
    if wd == 8 {
        // the n-th day of a month
        return (base.len() == 7 && n > 0)
            .then(|| first.checked_add((n as i64 - 1).days()).ok())
            .flatten()
            .filter(|d| *d <= last)
            .map(ymd);
    }
    if wd == 0 && base.len() == 4 && n > 0 {
        // "the second week of 2021" is ISO week 2
        return Some(format!("{y:04}-W{n:02}"));
    }
    if wd == 0 {
        // weeks: a Monday-Sunday week belongs to the month (year) that holds
        // its Thursday, as ISO 8601 gives weeks to years: "the last week of
        // September 2014" is 22-28 September (29 September to 5 October is
        // October's), "the last week of 2016" is 26 December to 1 January
        let thu = if n < 0 {
            let cur = last.weekday().to_monday_one_offset();
            last.checked_sub(i64::from(cur - 4).rem_euclid(7).days())
                .ok()?
        } else {
            let cur = first.weekday().to_monday_one_offset();
            let off = i64::from(4 - cur).rem_euclid(7) + 7 * (i64::from(n) - 1);
            first.checked_add(off.days()).ok()?
        };
        if thu > last || thu < first {
            return None;
        }
        let w = thu.iso_week_date();
        return Some(format!("{:04}-W{:02}", w.year(), w.week()));
    }
    let d = if n < 0 {
        let cur = last.weekday().to_monday_one_offset();
        last.checked_sub(((cur - wd) as i64).rem_euclid(7).days())
            .ok()?
    } else {
        let cur = first.weekday().to_monday_one_offset();
        let off = ((wd - cur) as i64).rem_euclid(7) + 7 * (n as i64 - 1);
        first.checked_add(off.days()).ok()?
    };
    (d <= last).then(|| ymd(d))
}

/// The weekend of a day's week, `2021-W43-WE`; a Monday's is the weekend
/// just before it ("the weekend of Labor Day").
fn weekend_of(d: Date) -> String {
    let d = if d.weekday().to_monday_one_offset() == 1 {
        d.checked_sub(1.day()).unwrap_or(d)
    } else {
        d
    };
    let w = d.iso_week_date();
    format!("{:04}-W{:02}-WE", w.year(), w.week())
}

/// A span of `n` units, or `None` beyond jiff's limits: `n.years()` and
/// friends panic on out-of-range values, and `n` comes from the text
/// ("in 99999 years").
fn span_of(n: i64, unit: Unit) -> Option<jiff::Span> {
    let s = jiff::Span::new();
    match unit {
        Unit::Day => s.try_days(n),
        Unit::Week => s.try_days(n.checked_mul(7)?),
        Unit::Fortnight => s.try_days(n.checked_mul(14)?),
        Unit::Month => s.try_months(n),
        Unit::Quarter => s.try_months(n.checked_mul(3)?),
        Unit::Year => s.try_years(n),
        Unit::Decade => s.try_years(n.checked_mul(10)?),
        Unit::Century => s.try_years(n.checked_mul(100)?),
        Unit::Hour => s.try_hours(n),
        Unit::Minute => s.try_minutes(n),
        Unit::Second => s.try_seconds(n),
        Unit::Weekend => return None,
    }
    .ok()
}

/// The DCT moved by exactly `n` units: a day, or a clock time for hours
/// and minutes when the DCT has one.
fn after(t: Date, time: Option<Time>, n: i64, unit: Unit) -> Option<String> {
    let span = match unit {
        Unit::Hour | Unit::Minute | Unit::Second => {
            let Some(tm) = time else {
                return shift(t, None, n, unit);
            };
            let dt = t.to_datetime(tm);
            let r = dt.checked_add(span_of(n, unit)?).ok()?;
            return Some(match unit {
                Unit::Hour => format!("{}T{:02}:{:02}", ymd(r.date()), r.hour(), r.minute()),
                _ => format!(
                    "{}T{:02}:{:02}:{:02}",
                    ymd(r.date()),
                    r.hour(),
                    r.minute(),
                    r.second()
                ),
            });
        }
        _ => span_of(n, unit)?,
    };
    Some(ymd(t.checked_add(span).ok()?))
}

/// The days of the end (or beginning) of a week `YYYY-Www` or a month
/// `YYYY-MM`, inclusive.
fn part_range(base: &str, end: bool) -> Option<TimexRange> {
    let (first, last) = if let Some((y, w)) = base.split_once("-W") {
        let monday = jiff::civil::ISOWeekDate::new(
            y.parse().ok()?,
            w.get(..2)?.parse().ok()?,
            jiff::civil::Weekday::Monday,
        )
        .ok()?
        .date();
        if end {
            (
                monday.checked_add(4.days()).ok()?,
                monday.checked_add(6.days()).ok()?,
            )
        } else {
            (monday, monday.checked_add(2.days()).ok()?)
        }
    } else if base.len() == 7 {
        let f: Date = format!("{base}-01").parse().ok()?;
        if end {
            (f.checked_add(20.days()).ok()?, f.last_of_month())
        } else {
            (f, f.checked_add(9.days()).ok()?)
        }
    } else {
        return None;
    };
    Some(TimexRange {
        start: Some(ymd(first)),
        end: Some(ymd(last)),
    })
}

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(y: i16) -> Option<Date> {
    let y32 = y as i32;
    if y32 < 1583 {
        return None;
    }
    let a = y32 % 19;
    let b = y32 / 100;
    let c = y32 % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y, month as i8, day as i8).ok()
}

/// Orthodox Easter Sunday (the Julian computus), as a Gregorian date.
fn orthodox_easter(y: i16) -> Option<Date> {
    let y32 = y as i32;
    if !(1900..2100).contains(&y32) {
        return None;
    }
    let a = y32 % 4;
    let b = y32 % 7;
    let c = y32 % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // Julian to Gregorian: 13 days in the 20th and 21st centuries
    Date::new(y, month as i8, day as i8)
        .ok()?
        .checked_add(13.days())
        .ok()
}

fn holiday(h: Holiday, y: i32) -> Option<Date> {
    let y16 = i16::try_from(y).ok()?;
    match h {
        Holiday::Fixed(m, d) => Date::new(y16, m, d).ok(),
        Holiday::Nth(m, wd, n) => {
            let first = Date::new(y16, m, 1).ok()?;
            let cur = first.weekday().to_monday_one_offset();
            let off = ((wd - cur) as i64).rem_euclid(7) + 7 * (n as i64 - 1);
            first.checked_add(off.days()).ok()
        }
        Holiday::Easter(off) => easter(y16)?.checked_add((off as i64).days()).ok(),
        Holiday::Orthodox(off) => orthodox_easter(y16)?.checked_add((off as i64).days()).ok(),
        Holiday::NthPlus(m, wd, n, off) => holiday(Holiday::Nth(m, wd, n), y)?
            .checked_add((off as i64).days())
            .ok(),
        Holiday::Observed(m, d) => {
            let x = Date::new(y16, m, d).ok()?;
            match x.weekday().to_monday_one_offset() {
                6 => x.checked_sub(1.day()).ok(),
                7 => x.checked_add(1.day()).ok(),
                _ => Some(x),
            }
        }
        Holiday::NotSunday(m, d) => {
            let x = Date::new(y16, m, d).ok()?;
            match x.weekday().to_monday_one_offset() {
                7 => x.checked_sub(1.day()).ok(),
                _ => Some(x),
            }
        }
        Holiday::Hijri(m, d) => hijri(m, d, y),
        Holiday::HijriMonth(m) => hijri(m, 1, y),
        Holiday::HijriLast(m, wd) => {
            let (_, last) = hijri_month(m, y)?;
            let cur = last.weekday().to_monday_one_offset();
            last.checked_sub(i64::from(cur - wd).rem_euclid(7).days())
                .ok()
        }
        Holiday::Table(t, off) => {
            let (m, d) = lexicon::table_day(t, y)?;
            Date::new(y16, m, d)
                .ok()?
                .checked_add(i64::from(off).days())
                .ok()
        }
        Holiday::Hebrew(m, d, _, shift) => hebrew::holiday(m, d, shift, y),
        Holiday::Last(m, wd) => {
            let last = Date::new(y16, m, 1).ok()?.last_of_month();
            let cur = last.weekday().to_monday_one_offset();
            let off = ((cur - wd) as i64).rem_euclid(7);
            last.checked_sub(off.days()).ok()
        }
    }
}

/// The first day of Gregorian year `y` that is day `d` of month `m` of the
/// Islamic calendar ([`hijri_date`]: Umm al-Qura, else arithmetic). Where
/// a country fixes the holiday by sighting the moon it may fall a day off;
/// a Hijri year is 11 days shorter, so a Gregorian year can hold the same
/// day twice (Eid al-Fitr 2000: 8 January and 27 December): the first is
/// given.
fn hijri(m: i8, d: i8, y: i32) -> Option<Date> {
    hijri_in_year(m, d, y).map(|(_, date)| date)
}

/// [`hijri`] with the Hijri year it found.
fn hijri_in_year(m: i8, d: i8, y: i32) -> Option<(i64, Date)> {
    let approx = (i64::from(y) - 622) * 33 / 32;
    (approx - 1..=approx + 2).find_map(|hy| {
        let date = hijri_date(hy, i64::from(m), i64::from(d))?;
        (i32::from(date.year()) == y).then_some((hy, date))
    })
}

/// Day `d` of month `m` of Hijri year `hy`: in the Umm al-Qura calendar
/// where its table reaches (1924-2077), else in the arithmetic one.
fn hijri_date(hy: i64, m: i64, d: i64) -> Option<Date> {
    if let Some((y, mo, day)) = lexicon::umm_al_qura_month(hy, m) {
        return Date::new(i16::try_from(y).ok()?, mo, day)
            .ok()?
            .checked_add((d - 1).days())
            .ok();
    }
    arithmetic_hijri_date(hy, m, d)
}

/// Day `d` of month `m` of Hijri year `hy` in the arithmetic (tabular)
/// Islamic calendar: 30-year cycle with leap years 2, 5, 7, 10, 13, 16, 18,
/// 21, 24, 26, 29 and the civil epoch of 16 July 622 (Julian), as in
/// Dershowitz & Reingold, *Calendrical Calculations*.
fn arithmetic_hijri_date(hy: i64, m: i64, d: i64) -> Option<Date> {
    // Julian day number of the civil epoch, less one
    const EPOCH_JDN: i64 = 1_948_439;
    // Julian day number of 1970-01-01
    const UNIX_JDN: i64 = 2_440_588;
    let jdn =
        d + (59 * (m - 1) + 1) / 2 + (hy - 1) * 354 + (3 + 11 * hy).div_euclid(30) + EPOCH_JDN;
    Date::new(1970, 1, 1)
        .ok()?
        .checked_add((jdn - UNIX_JDN).days())
        .ok()
}

/// Hijri month `m` that begins in Gregorian year `y`: its first and last
/// days ("Ramadan 2018" is 16 May to 14 June 2018).
fn hijri_month(m: i8, y: i32) -> Option<(Date, Date)> {
    let (hy, first) = hijri_in_year(m, 1, y)?;
    let (ny, nm) = if m >= 12 {
        (hy + 1, 1)
    } else {
        (hy, i64::from(m) + 1)
    };
    let last = hijri_date(ny, nm, 1)?.checked_sub(1.day()).ok()?;
    Some((first, last))
}

/// The DCT moved by `n` units, written at the grain of the unit.
/// A year, a month or a day of the calendar ("1998", "1998-06",
/// "1998-06-02", "1998-06-02T10:00"), not a week, quarter or season.
fn is_calendar_date(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    digits(0..4)
        && match b.get(4) {
            None => true,
            Some(b'-') => {
                digits(5..7)
                    && match b.get(7) {
                        None => true,
                        Some(b'-') => digits(8..10) && matches!(b.get(10), None | Some(b'T')),
                        _ => false,
                    }
            }
            _ => false,
        }
}

/// `n` units from the reference time `anchor` (a TIMEX3 value), when it
/// is fine enough for the unit: a year needs a year, a month a month, a
/// week or a day a day.
fn from_anchor(anchor: &str, n: i64, unit: Unit) -> Option<String> {
    let b = anchor.as_bytes();
    let y: i16 = anchor.get(..4)?.parse().ok()?;
    let month = || -> Option<i8> {
        if b.get(4) != Some(&b'-') || !b.get(5..7)?.iter().all(u8::is_ascii_digit) {
            return None;
        }
        anchor.get(5..7)?.parse().ok()
    };
    let day = || -> Option<Date> {
        month()?;
        if b.get(7) != Some(&b'-') || b.get(10).is_some_and(|c| *c != b'T') {
            return None;
        }
        anchor.get(..10)?.parse().ok()
    };
    match unit {
        Unit::Year => shift(Date::new(y, 1, 1).ok()?, None, n, unit),
        Unit::Month => shift(Date::new(y, month()?, 1).ok()?, None, n, unit),
        Unit::Week | Unit::Day => shift(day()?, None, n, unit),
        _ => None,
    }
}

fn shift(t: Date, time: Option<Time>, n: i64, unit: Unit) -> Option<String> {
    Some(match unit {
        Unit::Day => ymd(t.checked_add(span_of(n, Unit::Day)?).ok()?),
        Unit::Week | Unit::Fortnight => {
            let d = t.checked_add(span_of(n, Unit::Week)?).ok()?;
            let w = d.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Unit::Month => {
            let d = t
                .first_of_month()
                .checked_add(span_of(n, Unit::Month)?)
                .ok()?;
            ym_of(d.year().into(), d.month().into())
        }
        Unit::Quarter => {
            let q0 = (t.year() as i64) * 4 + (quarter_of(t.month()) as i64 - 1) + n;
            format!("{:04}-Q{}", q0.div_euclid(4), q0.rem_euclid(4) + 1)
        }
        Unit::Year => year_of((t.year() as i64).checked_add(n)?),
        Unit::Decade => format!("{:03}", (t.year() as i64).div_euclid(10).checked_add(n)?),
        Unit::Century => format!("{:02}", (t.year() as i64).div_euclid(100).checked_add(n)?),
        Unit::Weekend => return None,
        Unit::Hour | Unit::Minute | Unit::Second => {
            // Needs a clock time; a date-only DCT gives the day it lands on.
            let dt = t.to_datetime(time.unwrap_or(Time::midnight()));
            let r = dt.checked_add(span_of(n, unit)?).ok()?;
            if time.is_none() {
                return Some(ymd(t));
            }
            match unit {
                Unit::Hour => format!("{}T{:02}", ymd(r.date()), r.hour()),
                Unit::Minute => format!("{}T{:02}:{:02}", ymd(r.date()), r.hour(), r.minute()),
                _ => format!(
                    "{}T{:02}:{:02}:{:02}",
                    ymd(r.date()),
                    r.hour(),
                    r.minute(),
                    r.second()
                ),
            }
        }
    })
}

#[cfg(test)]
mod tests;
