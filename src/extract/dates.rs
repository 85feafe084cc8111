//! Date and time expressions → TIMEX3.
//!
//! Takes a text and its document creation time (DCT); gives `date`
//! mentions. First version: absolute dates ("June 1, 2026", "November
//! 2023", "2019"). Relative expressions resolve against the DCT; with none
//! they stay underspecified, never today's date.

use super::{DateValue, Mention, MentionValue, TimexType};
use crate::document::Dct;
use crate::span::Span;
use regex::Regex;

/// The compiled date recogniser. Build once, share across threads.
pub struct DateTagger {
    full: Regex,
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    let n = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

impl Default for DateTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl DateTagger {
    pub fn new() -> DateTagger {
        let pattern = format!(
            r"\b(?:(?P<m1>{MONTHS})\.? (?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:, (?P<y1>(?:19|20)\d\d))?|(?P<d2>[0-3]?\d) (?P<m2>{MONTHS})\.?(?: (?P<y2>(?:19|20)\d\d))?|(?P<m3>{MONTHS}) (?P<y3>(?:19|20)\d\d)|(?P<y4>(?:19|20)\d\d))\b"
        );
        DateTagger {
            full: Regex::new(&pattern).expect("date pattern compiles"),
        }
    }

    /// Appends the date mentions of `text` to `out`.
    pub fn tag(&self, text: &str, _dct: Option<&Dct>, out: &mut Vec<Mention>) {
        for c in self.full.captures_iter(text) {
            let Some(whole) = c.get(0) else { continue };
            let timex = if let (Some(m), Some(d)) =
                (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2")))
            {
                let (Some(month), Ok(day)) = (month_number(m.as_str()), d.as_str().parse::<u32>())
                else {
                    continue;
                };
                if !(1..=31).contains(&day) {
                    continue;
                }
                let year = c
                    .name("y1")
                    .or(c.name("y2"))
                    .map(|y| y.as_str().to_string())
                    .unwrap_or_else(|| "XXXX".into());
                format!("{year}-{month:02}-{day:02}")
            } else if let (Some(m), Some(y)) = (c.name("m3"), c.name("y3")) {
                let Some(month) = month_number(m.as_str()) else {
                    continue;
                };
                format!("{}-{month:02}", y.as_str())
            } else if let Some(y) = c.name("y4") {
                y.as_str().to_string()
            } else {
                continue;
            };
            out.push(Mention {
                span: Span::new(whole.start(), whole.end()),
                value: MentionValue::Date(DateValue {
                    timex: Some(timex),
                    kind: TimexType::Date,
                    range: None,
                }),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timexes(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        DateTagger::new().tag(text, None, &mut out);
        out.into_iter()
            .map(|m| match m.value {
                MentionValue::Date(d) => {
                    (m.span.slice(text).to_string(), d.timex.unwrap_or_default())
                }
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            timexes("Published: May 1, 2026"),
            vec![("May 1, 2026".into(), "2026-05-01".into())]
        );
        assert_eq!(
            timexes("in November 2023 with"),
            vec![("November 2023".into(), "2023-11".into())]
        );
        assert_eq!(
            timexes("began in 2019 with"),
            vec![("2019".into(), "2019".into())]
        );
        assert_eq!(
            timexes("Published on 28 Apr"),
            vec![("28 Apr".into(), "XXXX-04-28".into())]
        );
    }
}
