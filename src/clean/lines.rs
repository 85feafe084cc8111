//! Features of one line of a flattened scrape, and its context-free class.

use crate::hash::{packed_key, PackedTable};
use rustc_hash::FxHashSet;

/// A line's class before context is taken into account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Prose: long enough and full of function words.
    Good,
    /// Prose-like but too short to decide alone.
    NearGood,
    /// Short: a heading, a label, a name.
    Short,
    /// Furniture: navigation, widgets, counters, tag clouds.
    Bad,
    /// A section heading after which page furniture follows.
    Trailer,
    /// A repeat of an earlier line.
    Duplicate,
    /// The stamp of an entry in a list below the article: a date or time
    /// alone on a line after the body starts ("2 days ago at 07:50 am").
    /// Furniture that costs the body more than a plain furniture line.
    Stamp,
    /// A comment thread's mark ("Jane on May 1 said:", "Reply", "Rating: 36
    /// Votes"): a trailer that opens an entry.
    CommentMark,
}

/// Lower-case, white space collapsed, list bullets and quotes dropped: the
/// form under which repeated lines are compared.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        let w = w.trim_matches(is_list_mark);
        if !w.is_empty() {
            push_lowercase_word(&mut out, w);
        }
    }
    out
}

/// List bullets, dashes and quotes: dropped around words in line keys.
fn is_list_mark(c: char) -> bool {
    matches!(c, '•' | '·' | '*' | '-' | '–' | '—' | '"' | '“' | '”')
}

/// Appends `w` lower-cased to a line key, after a space unless it is first.
fn push_lowercase_word(out: &mut String, w: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    if w.is_ascii() {
        let from = out.len();
        out.push_str(w);
        // Lower-casing ASCII in place keeps the string valid UTF-8.
        out[from..].make_ascii_lowercase();
    } else {
        for c in w.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

pub struct LineFeatures<'a> {
    /// The line, trimmed.
    pub text: &'a str,
    pub norm: String,
    pub chars: usize,
    pub words: usize,
    pub stopwords: usize,
    pub ends_sentence: bool,
    /// White-space separated tokens, and those of them that start with
    /// `#` (hashtag rows are junk).
    tokens: usize,
    hashtags: usize,
}

/// The function words a line's stop-word density counts, looked up as
/// bytes (a lower-cased word is a slice of a line key). Every word of every
/// line is looked up, most of them no stop word, so the short ASCII words
/// (most words, and most of the list) are packed into a `u64`
/// ([`packed_key`], never 0) and found in a [`PackedTable`]: a multiply
/// and a load or two instead of hashing and comparing a byte slice. The
/// others go to a byte-slice set; one longer than the longest word, or
/// whose first byte no word of its length (up to 15 bytes) starts with, is
/// not hashed.
pub struct StopWords {
    /// The words [`packed_key`] packs (short ASCII ones).
    packed: PackedTable<()>,
    /// The others.
    words: FxHashSet<Vec<u8>>,
    /// The longest of them in bytes.
    max_len: usize,
    /// By length, the first bytes of those of that length.
    first: [[bool; 256]; 16],
}

/// [`packed_key`] of `b[s..s + len]`, known to be ASCII and to end in a
/// letter or digit, `len` from 1 to 8: one unaligned load and a mask when
/// 8 bytes follow `s`.
fn packed_key_at(b: &[u8], s: usize, len: usize) -> Option<u64> {
    if !(1..=8).contains(&len) {
        return None;
    }
    let Some(chunk) = b.get(s..).and_then(<[u8]>::first_chunk::<8>) else {
        return packed_key(b.get(s..s + len)?);
    };
    Some(u64::from_le_bytes(*chunk) & (u64::MAX >> (64 - 8 * len)))
}

impl Default for StopWords {
    fn default() -> StopWords {
        StopWords::new([])
    }
}

impl StopWords {
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> StopWords {
        let mut set = StopWords {
            packed: PackedTable::new([]),
            words: FxHashSet::default(),
            max_len: 0,
            first: [[false; 256]; 16],
        };
        let mut keys = Vec::new();
        for w in words {
            let w = w.as_bytes();
            if let Some(key) = packed_key(w) {
                keys.push(key);
                continue;
            }
            set.max_len = set.max_len.max(w.len());
            if let (Some(firsts), Some(&b)) = (set.first.get_mut(w.len()), w.first()) {
                firsts[usize::from(b)] = true;
            }
            set.words.insert(w.to_vec());
        }
        set.packed = PackedTable::new(keys.into_iter().map(|key| (key, ())));
        set
    }

    /// Is the word packed as `key` ([`packed_key`]) one of the words?
    fn contains_packed(&self, key: u64) -> bool {
        self.packed.get(key).is_some()
    }

    /// Is `w` (lower-cased UTF-8) one of the words?
    fn contains(&self, w: &[u8]) -> bool {
        if let Some(key) = packed_key(w) {
            return self.contains_packed(key);
        }
        if w.len() > self.max_len {
            return false;
        }
        if let (Some(firsts), Some(&b)) = (self.first.get(w.len()), w.first()) {
            if !firsts[usize::from(b)] {
                return false;
            }
        }
        self.words.contains(w)
    }
}

/// What an ASCII byte is to the walk of [`LineFeatures::new`]: white space
/// as `char::is_whitespace` has it (which, unlike
/// `u8::is_ascii_whitespace`, includes the vertical tab), a list mark
/// (`*`, `-`, `"`: the ASCII ones of [`is_list_mark`]), a letter or digit;
/// [`WIDE`] for the bytes of other characters, which are decoded. One
/// table load per byte instead of a chain of tests.
const SPACE: u8 = 1;
const MARK: u8 = 2;
const ALNUM: u8 = 4;
const WIDE: u8 = 8;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            WIDE
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else if matches!(c, b'*' | b'-' | b'"') {
            MARK
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

fn class_of(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// The character at byte `at` of `text`, if one starts there.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Of the eight bytes of `x` (little-endian), those that may end a word:
/// white space, the other control bytes and those of non-ASCII
/// characters (below 0x21 or from 0x80), the high bit set in each. Exact
/// for the lowest such byte, the one the caller reads: a borrow of the
/// subtraction only runs upwards from a byte that is one.
fn may_end_word(x: u64) -> u64 {
    (x.wrapping_sub(0x2121_2121_2121_2121) | x) & 0x8080_8080_8080_8080
}

impl StopWords {
    /// Is the ASCII word `low[s..s + len]` (lower-cased, `len` at least 1)
    /// one of the words?
    #[inline(always)]
    fn contains_at(&self, low: &[u8], s: usize, len: usize) -> bool {
        if len <= 8 {
            packed_key_at(low, s, len).is_some_and(|k| self.contains_packed(k))
        } else {
            low.get(s..s + len).is_some_and(|w| self.contains(w))
        }
    }
}

/// The end of the word of `text` that starts at byte `s`, as
/// `str::split_whitespace` has words, and whether the word is all ASCII.
/// Eight bytes at a time up to one that may end it ([`may_end_word`]);
/// only non-ASCII characters are decoded (U+00A0, U+2003 and the other
/// Unicode spaces end words too).
/// (`ASCII`: `text` is all ASCII, so no byte needs decoding.)
#[inline(always)]
fn word_end<const ASCII: bool>(text: &str, s: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut end = s;
    let mut ascii = true;
    loop {
        while let Some(chunk) = b.get(end..).and_then(<[u8]>::first_chunk::<8>) {
            let m = may_end_word(u64::from_le_bytes(*chunk));
            if m != 0 {
                end += (m.trailing_zeros() / 8) as usize;
                break;
            }
            end += 8;
        }
        let Some(&c) = b.get(end) else {
            return (end, ascii);
        };
        let class = class_of(c);
        if class & (SPACE | WIDE) == 0 {
            end += 1;
            continue;
        }
        if ASCII || class & SPACE != 0 {
            return (end, ascii);
        }
        match char_at(text, end) {
            Some(ch) if !ch.is_whitespace() => {
                ascii = false;
                end += ch.len_utf8();
            }
            _ => return (end, ascii),
        }
    }
}

/// The parts of the ASCII word `b[s..e]` that the walk needs, as offsets
/// into `b`: `ks..ke`, what is left once the list marks are off both ends
/// (it goes into the line key), and within it `cs..ce`, the word proper
/// from its first to its last letter or digit (empty, at `ke`, when it has
/// none); `None` when nothing is kept. Out of the walk's loop, which calls
/// it only for a word with a list mark or other punctuation at an end.
#[inline(never)]
fn ascii_word_parts_at(b: &[u8], s: usize, e: usize) -> Option<(usize, usize, usize, usize)> {
    let is = |class: u8| move |c: &u8| class_of(*c) & class != 0;
    let w = b.get(s..e)?;
    let ks = w.iter().position(|c| !is(MARK)(c))?;
    let ke = w.iter().rposition(|c| !is(MARK)(c))? + 1;
    let kept = w.get(ks..ke)?;
    let (cs, ce) = match (
        kept.iter().position(is(ALNUM)),
        kept.iter().rposition(is(ALNUM)),
    ) {
        (Some(a), Some(z)) => (ks + a, ks + z + 1),
        _ => (ke, ke),
    };
    Some((s + ks, s + ke, s + cs, s + ce))
}

/// What the walk needs of a word with non-ASCII characters, `text[s..e]`:
/// its kept part (list marks off both ends, `None` when nothing is left)
/// lower-cased into `lowered`, and where it stands in the line (what
/// `lowered` replaces); whether it has a core (letters or digits) and
/// whether that is a stop word.
struct WideWord {
    kept: Option<(usize, usize)>,
    core: bool,
    stop: bool,
}

#[inline(never)]
fn wide_word(
    text: &str,
    s: usize,
    e: usize,
    stopwords: &StopWords,
    lowered: &mut String,
) -> WideWord {
    let word = text.get(s..e).unwrap_or_default();
    let kept = word.trim_matches(is_list_mark);
    lowered.clear();
    let at = if kept.is_empty() {
        None
    } else {
        push_lowercase_word(lowered, kept);
        let ks = s + word.len() - word.trim_start_matches(is_list_mark).len();
        Some((ks, ks + kept.len()))
    };
    // The word proper: within `kept`, as list marks are not letters.
    let core = kept.trim_matches(|c: char| !c.is_alphanumeric());
    WideWord {
        kept: at,
        core: !core.is_empty(),
        stop: !core.is_empty() && stopwords.contains(core.to_lowercase().as_bytes()),
    }
}

/// Appends `low[from..to]`, a run of a line key, to the key under
/// construction, after a space unless it is first.
fn push_run(out: &mut Vec<u8>, low: &[u8], from: usize, to: usize) {
    push_piece(out, low.get(from..to).unwrap_or_default(), low.len());
}

/// Appends `piece` to the key under construction, after a space unless it
/// is first; the first reserves `room` (the line's length, about the
/// key's).
fn push_piece(out: &mut Vec<u8>, piece: &[u8], room: usize) {
    if out.is_empty() {
        out.reserve(room);
    } else {
        out.push(b' ');
    }
    out.extend_from_slice(piece);
}

impl<'a> LineFeatures<'a> {
    /// The features of `line`, trimmed, in one walk over its words.
    ///
    /// Every line of every document comes through here, so the line key
    /// ([`normalize`]), the stop-word count and the token counts share the
    /// walk, over the line lower-cased as ASCII (byte offsets are those of
    /// the line). An ASCII word (most words, even on lines with curly
    /// quotes) is trimmed as bytes (one table load per byte) and looked up
    /// as a slice of that copy, packed when short; others go through `char`
    /// (both checked against the definitions in the tests).
    ///
    /// The key is the copy itself where the words are separated by one
    /// space each and keep their list marks, which is most of the time for
    /// most of the line: it is built from runs of the copy (all of it,
    /// often), not word by word.
    pub fn new(line: &'a str, stopwords: &StopWords) -> LineFeatures<'a> {
        let text = line.trim();
        if text.is_ascii() {
            LineFeatures::walk::<true>(text, stopwords)
        } else {
            LineFeatures::walk::<false>(text, stopwords)
        }
    }

    /// [`LineFeatures::new`] of the trimmed `text`, compiled apart for
    /// all-ASCII lines (`ASCII`: most lines), where no byte is decoded.
    fn walk<const ASCII: bool>(text: &'a str, stopwords: &StopWords) -> LineFeatures<'a> {
        let low = text.to_ascii_lowercase();
        let b = low.as_bytes();
        let (mut words, mut stops, mut tokens, mut hashtags) = (0, 0, 0, 0);
        let mut out: Vec<u8> = Vec::new();
        let mut lowered = String::new();
        // The run `b[rs..re]` that the key ends with, unless `re` is
        // `NO_RUN`: kept words one space apart. Another separator, or a
        // word with marks, dropped or lower-cased beyond ASCII, ends the
        // run: it goes into `out`, and another starts.
        const NO_RUN: usize = usize::MAX;
        let (mut rs, mut re) = (0, NO_RUN);
        let mut i = 0;
        while let Some(&first) = b.get(i) {
            let class = class_of(first);
            if class & SPACE != 0 {
                i += 1;
                continue;
            }
            if !ASCII && class & WIDE != 0 {
                if let Some(ch) = char_at(&low, i).filter(|ch| ch.is_whitespace()) {
                    i += ch.len_utf8();
                    continue;
                }
            }
            let s = i;
            let (e, ascii) = word_end::<ASCII>(&low, s);
            i = e;
            tokens += 1;
            hashtags += usize::from(first == b'#');
            let (ks, ke) = if ASCII || ascii {
                let last = b.get(e.wrapping_sub(1)).copied().unwrap_or(first);
                let (ks, ke, cs, ce) = if class & class_of(last) & ALNUM != 0 {
                    (s, e, s, e)
                } else if class & ALNUM != 0
                    && class_of(last) & MARK == 0
                    && e - s >= 2
                    && b.get(e - 2).is_some_and(|&c| class_of(c) & ALNUM != 0)
                {
                    // A word and one mark of punctuation that is no list
                    // mark ("said,", "year."), the commonest of the others:
                    // what `ascii_word_parts_at` gives it, without the call.
                    (s, e, s, e - 1)
                } else {
                    match ascii_word_parts_at(b, s, e) {
                        Some(parts) => parts,
                        None => continue,
                    }
                };
                if cs < ce {
                    words += 1;
                    stops += usize::from(stopwords.contains_at(b, cs, ce - cs));
                }
                (ks, ke)
            } else {
                let w = wide_word(text, s, e, stopwords, &mut lowered);
                words += usize::from(w.core);
                stops += usize::from(w.stop);
                let Some((ks, ke)) = w.kept else {
                    continue;
                };
                // Curly quotes and dashes lower-case to themselves: then
                // the word is a slice of the copy and the run goes on.
                if b.get(ks..ke) != Some(lowered.as_bytes()) {
                    if re != NO_RUN {
                        push_run(&mut out, b, rs, re);
                        re = NO_RUN;
                    }
                    push_piece(&mut out, lowered.as_bytes(), b.len());
                    continue;
                }
                (ks, ke)
            };
            // (No byte is at `NO_RUN`.)
            if ks == re.wrapping_add(1) && b.get(re) == Some(&b' ') {
                re = ke;
            } else {
                if re != NO_RUN {
                    push_run(&mut out, b, rs, re);
                }
                (rs, re) = (ks, ke);
            }
        }
        let norm = if out.is_empty() && (rs, re) == (0, b.len()) {
            low
        } else {
            if re != NO_RUN {
                push_run(&mut out, b, rs, re);
            }
            // Whole words of a valid string and ASCII spaces: never lossy.
            String::from_utf8(out)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        };
        let (chars, ends_sentence) = if !ASCII {
            let last = text
                .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*'])
                .chars()
                .last();
            (
                text.chars().count(),
                matches!(last, Some('.' | '!' | '?' | '…')),
            )
        } else {
            let last = text
                .trim_end_matches(['"', '\'', ')', ']', '*'])
                .bytes()
                .last();
            (text.len(), matches!(last, Some(b'.' | b'!' | b'?')))
        };
        LineFeatures {
            text,
            norm,
            chars,
            words,
            stopwords: stops,
            ends_sentence,
            tokens,
            hashtags,
        }
    }

    pub fn stopword_density(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f64 / self.words as f64
        }
    }

    /// The jusText context-free class, with thresholds for lines rather
    /// than HTML blocks: a sentence-final line needs less length to count.
    pub fn class(&self) -> Class {
        let density = self.stopword_density();
        if (self.chars >= 100 && density >= 0.25)
            || (self.ends_sentence && self.words >= 8 && density >= 0.2)
        {
            Class::Good
        } else if self.words >= 5 && density >= 0.15 {
            Class::NearGood
        } else {
            Class::Short
        }
    }

    /// Lines no article contains: counters, slugs, punctuation rows, hashtag
    /// rows, glued tag clouds, bare URLs.
    pub fn is_structural_junk(&self) -> bool {
        let t = self.text;
        if !t.chars().any(char::is_alphabetic) {
            return true; // "0", "4", ", , ,", "12 | 34"
        }
        if is_slug(t) || is_url(t) {
            return true;
        }
        if self.hashtags > 0 && self.hashtags * 2 >= self.tokens {
            return true;
        }
        if !self.ends_sentence && self.words <= 20 {
            // Tag clouds flattened without separators: "ToolsArtificial IntelligenceData".
            let glued = glued_words(t);
            if glued >= 2 || (glued == 1 && self.words <= 2) {
                return true;
            }
            // Breadcrumb and category rows: "Foundation Models · Case Studies".
            if t.contains(['·', '|', '»', '›']) && self.stopword_density() < 0.2 {
                return true;
            }
        }
        false
    }

    /// A teaser's summary cut off mid-sentence: eight words or more ending
    /// in a word (or a comma) and an ellipsis ("... the state may soon...",
    /// "... residents of [...]"). Teaser lists print the first characters
    /// of another article's lead; an article's own paragraphs end their
    /// sentences (a quote that trails off ends in punctuation first, or is
    /// short).
    pub fn is_cut_off(&self) -> bool {
        if self.words < 8 {
            return false;
        }
        let t = self.text.trim_end();
        let bracketed = t.ends_with(']');
        let t = t.trim_end_matches(']');
        let Some(t) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
            return false;
        };
        // The cut is right after a letter ("may soon..."); a writer's
        // "here's the next challenge …" has a space, a "[…]" may.
        let t = if bracketed {
            t.trim_end_matches('[').trim_end()
        } else {
            t
        };
        t.chars()
            .last()
            .is_some_and(|c| c.is_alphabetic() || c == ',')
    }

    /// Heading-like: a few capitalised words, no sentence end.
    pub fn is_heading_like(&self) -> bool {
        !self.ends_sentence
            && (3..=30).contains(&self.words)
            && self.text.starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"'
            })
    }

    /// Does the line repeat the title (as related-article lists do)?
    pub fn mentions_title(&self, title: Option<&str>) -> bool {
        title.is_some_and(|t| self.mentions_title_key(t, || normalize(t)))
    }

    /// [`Self::mentions_title`] with the title's key made by `key` (only
    /// for a title long enough to count), for a caller that has it already.
    pub fn mentions_title_key<K: AsRef<str>>(&self, title: &str, key: impl FnOnce() -> K) -> bool {
        title.len() >= 12 && self.norm.contains(key().as_ref())
    }
}

/// A URL slug as a line: "microsoft-and-openai-rework-alliance".
fn is_slug(t: &str) -> bool {
    !t.contains(' ')
        && t.matches('-').count() >= 2
        && t.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/' || c == '_'
        })
}

fn is_url(t: &str) -> bool {
    !t.contains(' ')
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
}

/// Words glued where a tag cloud lost its separators: a lower-case letter
/// followed by a capitalised word ("ToolsArtificial"), or an acronym run
/// into a word ("CXNews"). Brand names ("OpenAI", "ChatGPT") end in capitals
/// and do not count; one glued word alone ("DeepSeek") is not enough.
fn glued_words(t: &str) -> usize {
    // A window of five characters slides along the line, `w[2]` the one
    // tested (no `Vec<char>` per line): `w[0]` is `None` before the second
    // character, and the test stops where no two characters follow.
    let mut chars = t.chars();
    let mut w = [None, chars.next(), chars.next(), chars.next(), chars.next()];
    let mut n = 0;
    while let [prev2, Some(a), Some(b), Some(d), Some(after)] = w {
        let lower_to_word = a.is_lowercase() && b.is_uppercase() && d.is_lowercase();
        let acronym_to_word = prev2.is_some_and(char::is_uppercase)
            && a.is_uppercase()
            && b.is_uppercase()
            && d.is_lowercase()
            && after.is_lowercase();
        // An acronym run into a word is rarer in names than camel case.
        n += usize::from(lower_to_word) + 2 * usize::from(acronym_to_word);
        w = [w[1], w[2], w[3], w[4], chars.next()];
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> bool {
        LineFeatures::new(s, &StopWords::default()).is_structural_junk()
    }

    #[test]
    fn junk_lines() {
        assert!(f("0"));
        assert!(f(", , ,"));
        assert!(f(
            "microsoft-and-openai-rework-alliance-loosening-exclusive-ties"
        ));
        assert!(f("#Microsoft #OpenAI #Partnership #AIInfrastructure"));
        assert!(f(
            "AI Governance ToolsArtificial IntelligenceData Management SoftwareRisk Management"
        ));
        assert!(f("NoveltySignificance"));
        assert!(f("AI & Automation in CXNews"));
        assert!(f(
            "Foundation Models · Case StudiesFoundation Models · Recurring Patterns"
        ));
        assert!(f("https://example.com/a/b"));
    }

    #[test]
    fn cut_off_teasers() {
        let c = |s: &str| LineFeatures::new(s, &StopWords::default()).is_cut_off();
        assert!(c(
            "Acme said on Friday that close to two million residents of the state may soon..."
        ));
        assert!(c(
            "Acme said on Friday that it would sign a deal with Globex, [...]"
        ));
        assert!(c(
            "Acme said on Friday that it would sign a deal with Globex and…"
        ));
        assert!(!c("All..."));
        assert!(!c(
            "Now that you are clear about it, here is the next big challenge …"
        ));
        assert!(!c(
            "Acme said on Friday that it would sign a deal with Globex."
        ));
        assert!(!c(
            "He paused and said: \"We will see what happens next, I suppose.\"..."
        ));
    }

    #[test]
    fn content_lines_are_not_junk() {
        assert!(!f("OpenAI and DeepSeek Rework Their Alliance"));
        assert!(!f("What Changed"));
        assert!(!f("For OpenAI:"));
        assert!(!f("Q: Is Microsoft still a major investor in OpenAI?"));
        assert!(!f("The iPhone maker said revenue rose."));
    }

    /// The glued-word count as first written, over a `Vec<char>`: the
    /// sliding window of [`glued_words`] must count the same.
    fn reference_glued_words(t: &str) -> usize {
        let c: Vec<char> = t.chars().collect();
        let mut n = 0;
        for i in 1..c.len().saturating_sub(2) {
            let (a, b, d) = (c[i - 1], c[i], c[i + 1]);
            let lower_to_word = a.is_lowercase() && b.is_uppercase() && d.is_lowercase();
            let acronym_to_word = i >= 2
                && c[i - 2].is_uppercase()
                && a.is_uppercase()
                && b.is_uppercase()
                && d.is_lowercase()
                && c.get(i + 2).is_some_and(|x| x.is_lowercase());
            n += usize::from(lower_to_word) + 2 * usize::from(acronym_to_word);
        }
        n
    }

    proptest::proptest! {
        /// One walk gives what the separate definitions give: the line
        /// key of [`normalize`], the stop words of the lower-cased words,
        /// the white-space tokens (`split_whitespace`) and the sentence
        /// end, whatever the white space (ASCII, vertical tab, Unicode
        /// spaces) and wherever non-ASCII characters sit (inside a word, as
        /// its list mark), on all-ASCII lines (their own walk) and others.
        #[test]
        fn one_walk_counts_like_the_definitions(
            line in "[ a-zA-Z0-9,.'\t\u{0b}*\"#)-]{0,40}|(the|Of|eightish|EightIsh|ninewords|\"eightish|eightish.|\u{01}|\u{1f}|\u{7f}|-|\"|\\*|#| |  |\t|[a-zA-Z]{1,12}|[.,!?])*|(the|Of|AND|\"|-|\\*|#|#x| |  |\t|\r|[a-zA-Z]{1,5}|[.!?)\"'])*|[ a-zA-Z,.'\t•*\"“—-]{0,30}|(The|of|AND|Ä|é|İ|ß| |•|\"|,)*|(the|Of|ä|Ä|#tag|#|x1|\"|“|”|’|•|·|\\*|-|—| |\t|\u{0b}|\u{0c}|\r|\u{85}|\u{a0}|\u{2003}|\u{3000}|[a-zA-Z0-9]{1,4}|Counterrevolutionaries|counterrevolutionary)*"
        ) {
            let stop: FxHashSet<String> =
                ["the", "of", "and", "ä", "counterrevolutionaries", "eightish", "ninewords"].iter().map(|s| s.to_string()).collect();
            let f = LineFeatures::new(&line, &StopWords::new(stop.iter().map(String::as_str)));
            proptest::prop_assert_eq!(&f.norm, &normalize(line.trim()));
            let (mut words, mut stops) = (0, 0);
            for w in line.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.is_empty() {
                    words += 1;
                    stops += usize::from(stop.contains(&w.to_lowercase()));
                }
            }
            proptest::prop_assert_eq!((f.words, f.stopwords), (words, stops));
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let hashtags = tokens.iter().filter(|w| w.starts_with('#')).count();
            proptest::prop_assert_eq!((f.tokens, f.hashtags), (tokens.len(), hashtags));
            proptest::prop_assert_eq!(f.chars, line.trim().chars().count());
            let last = line
                .trim()
                .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*'])
                .chars()
                .last();
            proptest::prop_assert_eq!(f.ends_sentence, matches!(last, Some('.' | '!' | '?' | '…')));
        }

        /// The packed table holds the short ASCII words and the set the
        /// rest: together, the list's words and nothing else, whatever
        /// the bytes (NUL, non-ASCII, up to and past 8 of them), and a
        /// word's core packed in place (followed by other bytes or not)
        /// is the core alone.
        #[test]
        fn stop_words_are_the_list(
            list in proptest::collection::vec("[ab\u{0}é]{0,10}", 0..40),
            probe in "[ab\u{0}é]{0,10}",
            after in "[ab ]{0,9}",
        ) {
            let set = StopWords::new(list.iter().map(String::as_str));
            let listed = |w: &str| list.iter().any(|l| l == w);
            for w in &list {
                proptest::prop_assert!(set.contains(w.as_bytes()));
            }
            proptest::prop_assert_eq!(set.contains(probe.as_bytes()), listed(&probe));
            // As the walk packs a word in place: ASCII, ending in a
            // letter or digit (a word's core).
            if probe.is_ascii() && probe.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
                let buf = format!("{probe}{after}");
                proptest::prop_assert_eq!(
                    set.contains_at(buf.as_bytes(), 0, probe.len()),
                    listed(&probe)
                );
            }
        }

        /// The walk's shortcut for a word with one mark of punctuation at
        /// its end (no list mark) gives what `ascii_word_parts_at` gives.
        #[test]
        fn one_trailing_mark_takes_the_word_parts(
            word in "[a-zA-Z0-9]([a-zA-Z0-9,.'#]{0,6}[a-zA-Z0-9])?",
            mark in "[,.;:!?')\\]#/%]",
        ) {
            let w = format!("{word}{mark}");
            let b = w.as_bytes();
            let e = b.len();
            proptest::prop_assert_eq!(ascii_word_parts_at(b, 0, e), Some((0, e, 0, e - 1)));
        }

        #[test]
        fn glued_words_count_like_the_definition(
            t in "([a-zA-Z]|[A-Z]{2,3}[a-z]{2}|ÄÖ|éÉ|ǅ| |·){0,24}"
        ) {
            proptest::prop_assert_eq!(glued_words(&t), reference_glued_words(&t));
        }
    }
}
