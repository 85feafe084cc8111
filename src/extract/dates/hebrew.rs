//! The Hebrew (Jewish) calendar, by the standard arithmetic of the molad
//! and the four postponements (dehiyyot), as in Dershowitz & Reingold,
//! *Calendrical Calculations*, ch. 8. Months are numbered from Nisan (1) to
//! Adar (12), with Adar II (13) in leap years; the year begins on 1 Tishri
//! (month 7). Days are counted as R.D. fixed dates (day 1 = 1 January of
//! year 1, proleptic Gregorian).

use jiff::civil::Date;
use jiff::ToSpan;

/// R.D. of 1 Tishri AM 1 (7 October 3761 BCE, Julian), less one.
const EPOCH: i64 = -1_373_427;
/// R.D. of 1970-01-01.
const UNIX_RD: i64 = 719_163;

/// Tishri, the first month of the civil year.
const TISHRI: i64 = 7;

/// A postponement rule for a holiday that must not fall on some weekdays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    None,
    /// A fast that falls on the Sabbath moves to Sunday (Tisha B'Av).
    SabbathToSunday,
    /// Yom HaShoah (27 Nisan): Friday moves to Thursday, Sunday to Monday.
    Shoah,
    /// Yom HaAtzmaut (5 Iyyar): Friday and Saturday move to Thursday,
    /// Monday to Tuesday.
    Atzmaut,
    /// Yom HaZikaron: the day before Yom HaAtzmaut.
    Zikaron,
}

impl Shift {
    pub fn parse(s: &str) -> Option<Shift> {
        Some(match s {
            "sat+1" => Shift::SabbathToSunday,
            "shoah" => Shift::Shoah,
            "atzmaut" => Shift::Atzmaut,
            "zikaron" => Shift::Zikaron,
            _ => return None,
        })
    }
}

pub fn is_leap(y: i64) -> bool {
    (7 * y + 1).rem_euclid(19) < 7
}

/// Days from the epoch to the molad of Tishri of year `y`, with the
/// postponement that keeps Rosh Hashanah off Sunday, Wednesday and Friday.
fn elapsed_days(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let day = 29 * months + parts.div_euclid(25_920);
    if (3 * (day + 1)).rem_euclid(7) < 3 {
        day + 1
    } else {
        day
    }
}

/// The postponements that keep a year's length among the six allowed ones.
fn year_length_correction(y: i64) -> i64 {
    let ny0 = elapsed_days(y - 1);
    let ny1 = elapsed_days(y);
    let ny2 = elapsed_days(y + 1);
    if ny2 - ny1 == 356 {
        2
    } else if ny1 - ny0 == 382 {
        1
    } else {
        0
    }
}

/// R.D. of 1 Tishri of year `y`.
fn new_year(y: i64) -> i64 {
    EPOCH + elapsed_days(y) + year_length_correction(y)
}

fn days_in_year(y: i64) -> i64 {
    new_year(y + 1) - new_year(y)
}

fn last_month(y: i64) -> i64 {
    if is_leap(y) {
        13
    } else {
        12
    }
}

fn month_len(y: i64, m: i64) -> i64 {
    let len = days_in_year(y);
    match m {
        2 | 4 | 6 | 10 | 13 => 29,
        12 if !is_leap(y) => 29,
        8 if len % 10 != 5 => 29,
        9 if len % 10 == 3 => 29,
        _ => 30,
    }
}

/// R.D. of day `d` of month `m` of year `y`.
fn fixed(y: i64, m: i64, d: i64) -> i64 {
    let mut days = new_year(y) + d - 1;
    if m < TISHRI {
        days += (TISHRI..=last_month(y))
            .map(|k| month_len(y, k))
            .sum::<i64>();
        days += (1..m).map(|k| month_len(y, k)).sum::<i64>();
    } else {
        days += (TISHRI..m).map(|k| month_len(y, k)).sum::<i64>();
    }
    days
}

fn to_date(rd: i64) -> Option<Date> {
    Date::new(1970, 1, 1)
        .ok()?
        .checked_add((rd - UNIX_RD).days())
        .ok()
}

/// Day `d` of month `m` of Hebrew year `y` as a Gregorian date. Adar (12)
/// is Adar II in a leap year, where Purim is kept; a day past the month's
/// end (30 Heshvan in a short year) is None.
pub fn date(y: i64, m: i64, d: i64) -> Option<Date> {
    if !(1..=13).contains(&m) || d < 1 || !(1..=10_000).contains(&y) {
        return None;
    }
    let m = match m {
        12 if is_leap(y) => 13,
        13 if !is_leap(y) => 12,
        _ => m,
    };
    if d > month_len(y, m) {
        return None;
    }
    to_date(fixed(y, m, d))
}

/// The day of the holiday on `m`/`d` in Gregorian year `gy`, after its
/// postponement rule.
pub fn holiday(m: i8, d: i8, shift: Shift, gy: i32) -> Option<Date> {
    let (m, d) = (i64::from(m), i64::from(d));
    // The Hebrew year AM gy+3761 begins in the autumn of gy
    [i64::from(gy) + 3760, i64::from(gy) + 3761]
        .into_iter()
        .find_map(|hy| {
            let x = date(hy, m, d)?;
            let x = postpone(x, shift)?;
            (i32::from(x.year()) == gy).then_some(x)
        })
}

fn postpone(x: Date, shift: Shift) -> Option<Date> {
    let wd = x.weekday().to_monday_one_offset();
    let off: i64 = match (shift, wd) {
        (Shift::SabbathToSunday, 6) => 1,
        (Shift::Shoah, 5) => -1,
        (Shift::Shoah, 7) => 1,
        (Shift::Atzmaut | Shift::Zikaron, 5) => -1,
        (Shift::Atzmaut | Shift::Zikaron, 6) => -2,
        (Shift::Atzmaut | Shift::Zikaron, 1) => 1,
        _ => 0,
    };
    let off = if shift == Shift::Zikaron {
        off - 1
    } else {
        off
    };
    x.checked_add(off.days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: i64, d: i64) -> String {
        date(y, m, d).map(|x| x.to_string()).unwrap_or_default()
    }

    /// Known dates: Rosh Hashanah, Passover, Hanukkah, Purim in leap and
    /// common years, and year lengths of all six kinds.
    #[test]
    fn known_dates() {
        assert_eq!(day(5779, 7, 1), "2018-09-10"); // Rosh Hashanah 5779
        assert_eq!(day(5784, 7, 1), "2023-09-16");
        assert_eq!(day(5785, 7, 10), "2024-10-12"); // Yom Kippur 5785
        assert_eq!(day(5778, 1, 15), "2018-03-31"); // Passover 2018
        assert_eq!(day(5784, 1, 15), "2024-04-23");
        assert_eq!(day(5779, 9, 25), "2018-12-03"); // Hanukkah 2018
        assert_eq!(day(5784, 9, 25), "2023-12-08");
        assert_eq!(day(5773, 12, 14), "2013-02-24"); // Purim 2013 (common year)
        assert_eq!(day(5784, 12, 14), "2024-03-24"); // Purim 2024 (leap: Adar II)
        assert_eq!(day(5760, 7, 1), "1999-09-11");
        assert_eq!(day(5700, 7, 1), "1939-09-14");
        // 30 Heshvan exists only in a full year
        assert_eq!(day(5784, 8, 30), "");
        let lens: std::collections::BTreeSet<i64> = (5700..5800).map(days_in_year).collect();
        assert_eq!(
            lens.into_iter().collect::<Vec<_>>(),
            vec![353, 354, 355, 383, 384, 385]
        );
    }

    #[test]
    fn postponed_days() {
        let h = |m, d, s, y| holiday(m, d, s, y).map(|x| x.to_string());
        // 9 Av 5778 fell on the Sabbath: Tisha B'Av was Sunday 22 July 2018
        assert_eq!(
            h(5, 9, Shift::SabbathToSunday, 2018).as_deref(),
            Some("2018-07-22")
        );
        // Yom HaShoah 2018 (27 Nisan, a Thursday) and 2024 (moved to Monday 6 May)
        assert_eq!(h(1, 27, Shift::Shoah, 2018).as_deref(), Some("2018-04-12"));
        assert_eq!(h(1, 27, Shift::Shoah, 2024).as_deref(), Some("2024-05-06"));
        // Yom HaAtzmaut 2018 (5 Iyyar a Friday: Thursday 19 April), Yom HaZikaron the day before
        assert_eq!(h(2, 5, Shift::Atzmaut, 2018).as_deref(), Some("2018-04-19"));
        assert_eq!(h(2, 5, Shift::Zikaron, 2018).as_deref(), Some("2018-04-18"));
        // Hanukkah in the Gregorian year asked for; out of range is None, no panic
        assert_eq!(h(9, 25, Shift::None, 2018).as_deref(), Some("2018-12-03"));
        assert_eq!(h(9, 25, Shift::None, 10_000), None);
        assert_eq!(h(9, 25, Shift::None, -9_000), None);
    }
}
