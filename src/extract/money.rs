//! Money amounts and percentages, normalized to exact values.
//!
//! Takes a text; gives `money` mentions (value + ISO 4217 currency) and
//! `percent` mentions. First version: `$` amounts with scale words and
//! `N percent` / `N%`. Bare `$` means USD.

use super::numbers::{parse_numeral, scale_word};
use super::{Amount, Mention, MentionValue, Qualifier};
use crate::span::Span;
use regex::Regex;

/// The compiled amount recogniser. Build once, share across threads.
pub struct AmountTagger {
    money: Regex,
    percent: Regex,
}

impl Default for AmountTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl AmountTagger {
    pub fn new() -> AmountTagger {
        AmountTagger {
            money: Regex::new(r"(?i)(?P<q>\bup to |\babout |\bapproximately |\bnearly |\bmore than |\bover |\bat least |\bless than )?\$(?P<n>\d[\d,]*(?:\.\d+)?)(?: ?(?P<s>billion|million|thousand|trillion|bn|mn|m|k|tn)\b)?").expect("money pattern"),
            percent: Regex::new(r"(?i)\b(?P<n>\d+(?:\.\d+)?)(?: ?%| percent\b| per cent\b| pct\b)").expect("percent pattern"),
        }
    }

    /// Appends the money and percent mentions of `text` to `out`.
    pub fn tag(&self, text: &str, out: &mut Vec<Mention>) {
        for c in self.money.captures_iter(text) {
            let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
                continue;
            };
            let Some(mut value) = parse_numeral(n.as_str()) else {
                continue;
            };
            if let Some(s) = c.name("s") {
                if let Some(scale) = scale_word(s.as_str()) {
                    value *= scale;
                }
            }
            let qualifier = c.name("q").and_then(|q| qualifier(q.as_str()));
            let start = if qualifier.is_some() {
                whole.start()
            } else {
                n.start() - 1
            };
            out.push(Mention {
                span: Span::new(start, whole.end()),
                value: MentionValue::Money(Amount {
                    value,
                    max: None,
                    currency: Some("USD".into()),
                    qualifier,
                    points: false,
                }),
            });
        }
        for c in self.percent.captures_iter(text) {
            let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
                continue;
            };
            let Some(value) = parse_numeral(n.as_str()) else {
                continue;
            };
            out.push(Mention {
                span: Span::new(whole.start(), whole.end()),
                value: MentionValue::Percent(Amount {
                    value,
                    max: None,
                    currency: None,
                    qualifier: None,
                    points: false,
                }),
            });
        }
    }
}

fn qualifier(q: &str) -> Option<Qualifier> {
    Some(match q.trim().to_ascii_lowercase().as_str() {
        "up to" => Qualifier::UpTo,
        "about" | "approximately" | "nearly" => Qualifier::About,
        "more than" | "over" => Qualifier::MoreThan,
        "at least" => Qualifier::AtLeast,
        "less than" => Qualifier::LessThan,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_amounts() {
        let text = "valued at approximately $135 billion, roughly 27 percent; invested an initial $1BN and 27%.";
        let mut out = Vec::new();
        AmountTagger::new().tag(text, &mut out);
        let got: Vec<(String, String)> = out
            .iter()
            .map(|m| match &m.value {
                MentionValue::Money(a) | MentionValue::Percent(a) => (
                    m.span.slice(text).to_string(),
                    a.value.normalize().to_string(),
                ),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "approximately $135 billion".to_string(),
                    "135000000000".to_string()
                ),
                ("$1BN".to_string(), "1000000000".to_string()),
                ("27 percent".to_string(), "27".to_string()),
                ("27%".to_string(), "27".to_string()),
            ]
        );
    }
}
