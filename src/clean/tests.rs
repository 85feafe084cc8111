use super::*;
use crate::document::{InputFormat, Metadata};

fn clean(text: &str, crawled: Option<&str>) -> CleanDocument {
    let raw = RawDocument {
        source: "t.txt".into(),
        format: InputFormat::Text,
        text: text.into(),
        meta: Metadata::default(),
    };
    let crawled = crawled.map(|c| Dct::parse(c).unwrap());
    Cleaner::new(&CleanerConfig::default()).unwrap().clean(
        &raw,
        &DateTagger::new(),
        crawled.as_ref(),
    )
}

const ARTICLE: &str = "Skip to main content
Back to News
Acme and Globex Sign a Supply Deal
Business
3 min read

Acme and Globex Sign a Supply Deal

Published: May 1, 2026

Jane Doe

Jane Doe

Acme Corp. said on Friday that it had signed a five-year supply agreement with Globex, the largest deal in the company's history.

What the deal covers

The agreement covers chips and the software that runs on them, and it starts in the third quarter of this year.

Q: Is the deal exclusive?

A: No. Both companies remain free to work with other partners, the statement said.

#Acme #Globex #Chips

Related News

  1. 2d agoGlobex raises prices for the second time this year, citing demand from its largest customers.
Share This Post";

#[test]
fn keeps_body_and_drops_furniture() {
    let doc = clean(ARTICLE, None);
    let paras: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(
            paras,
            vec![
                "Acme Corp. said on Friday that it had signed a five-year supply agreement with Globex, the largest deal in the company's history.",
                "What the deal covers",
                "The agreement covers chips and the software that runs on them, and it starts in the third quarter of this year.",
                "Q: Is the deal exclusive?",
                "A: No. Both companies remain free to work with other partners, the statement said.",
            ]
        );
    assert_eq!(
        doc.title.as_deref(),
        Some("Acme and Globex Sign a Supply Deal")
    );
    assert_eq!(
        doc.published,
        Some(Published {
            timex: "2026-05-01".into(),
            from: PublishedFrom::Text
        })
    );
    assert_eq!(doc.removed.duplicate, 2, "repeated title and byline");
}

#[test]
fn title_and_publisher_from_repeated_header() {
    let text = "June 1, 2026\nacme-signs-deal-with-globex\n\nAcme signed a five-year supply agreement with Globex on Friday, the companies said in a statement.\n\nAcme Signs Deal -- Daily Widget\n\nThe deal is the largest in the history of either company, according to people familiar with it.\n\nAcme Signs Deal -- Daily Widget\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *";
    let doc = clean(text, None);
    assert_eq!(doc.title.as_deref(), Some("Acme Signs Deal"));
    assert_eq!(doc.publisher.as_deref(), Some("Daily Widget"));
    assert_eq!(
        doc.published.as_ref().map(|p| p.timex.as_str()),
        Some("2026-06-01")
    );
    assert_eq!(doc.text.split("\n\n").count(), 2, "{}", doc.text);
    assert_eq!(
        doc.removed,
        Removed {
            boilerplate: 5,
            duplicate: 1
        }
    );
}

#[test]
fn yearless_dateline_takes_its_year_from_the_crawl() {
    let text = "Acme Signs Deal\n\nPublished on 28 Apr\n\nAcme signed a five-year supply agreement with Globex on Friday, the companies said in a statement.\n\nThe deal is the largest in the history of either company, according to people familiar with it.";
    assert_eq!(
        clean(text, None).published,
        Some(Published {
            timex: "XXXX-04-28".into(),
            from: PublishedFrom::Text
        })
    );
    let doc = clean(text, Some("2026-06-02"));
    assert_eq!(
        doc.published,
        Some(Published {
            timex: "2026-04-28".into(),
            from: PublishedFrom::Inferred
        })
    );
    let doc = clean(text, Some("2026-01-10"));
    assert_eq!(doc.published.map(|p| p.timex), Some("2025-04-28".into()));
}

#[test]
fn all_furniture_gives_an_empty_body() {
    let doc = clean("Home\nNews\nSport\n0\nShare This Post", None);
    assert_eq!(doc.text, "");
    assert_eq!(doc.removed.boilerplate, 5);
}

#[test]
fn a_results_table_without_prose_keeps_its_lines() {
    // Wire earnings items have no sentence at all; an empty body would lose
    // the figures the extractors want.
    let doc = clean(
        "Qtr ended Dec 31\n\nShr profit nil vs loss nil\n\nNet profit 858 vs loss 3,957\n\nRevs 7,372 vs 1,500\n",
        None,
    );
    assert!(
        doc.text.contains("Net profit 858 vs loss 3,957"),
        "{:?}",
        doc.text
    );
    assert!(doc.text.contains("Revs 7,372 vs 1,500"), "{:?}", doc.text);
    // Furniture on its face still goes.
    let doc = clean(
        "Skip to main content\nShare this article\n0\nRevs 7,372 vs 1,500\n",
        None,
    );
    assert!(!doc.text.contains("Skip to main content"), "{:?}", doc.text);
}

const BODY: &str = "Acme Signs Deal

Acme Corp. said on Friday that it had signed a five-year supply agreement with Globex, the largest deal in the history of either company.

The agreement covers chips and the software that runs on them, and it starts in the third quarter of this year, the companies said.
";

#[test]
fn a_comment_thread_after_its_header_stays_out() {
    // Long comments under a comment-section header do not resume the body:
    // each one hangs from a stamp (a date and time alone on a line).
    let text = format!(
        "{BODY}\n3 Comments\nMary K\nMay 2, 2026 at 7:50 am\nI have been waiting for this deal for years and I think that it will be very good for the customers of both of the companies, who have been asking for it since the last one fell apart in the spring.\nReply\nBob\nMay 2, 2026 at 8:10 am\nI am not so sure about that, because the last time that these two companies worked together it was a disaster for everyone who had to use the chips in their own products and the software.\n"
    );
    let doc = clean(&text, None);
    assert!(doc.text.contains("third quarter"), "{}", doc.text);
    assert!(!doc.text.contains("waiting for this deal"), "{}", doc.text);
    assert!(!doc.text.contains("not so sure"), "{}", doc.text);
}

#[test]
fn commenter_lines_open_entries() {
    // "<name> on <date> said:" marks a comment even without a header.
    let text = format!(
        "{BODY}\nAnn on May 2, 2026 at 4:47 pm said:\nAny update on how the new agreement will affect the prices that the smaller customers of the company pay for the chips, and when will we know more about it?\nAcme on May 3, 2026 at 9:12 am said:\nHi Ann, we have not yet reviewed the prices for the smaller customers, but we plan to consider them as part of the review that we will publish at the end of the year.\n"
    );
    let doc = clean(&text, None);
    assert!(doc.text.contains("third quarter"), "{}", doc.text);
    assert!(!doc.text.contains("Any update"), "{}", doc.text);
    assert!(!doc.text.contains("Hi Ann"), "{}", doc.text);
}

#[test]
fn dated_teasers_after_the_body_stay_out() {
    // Headline, date, summary, "Read More": each teaser costs more than its
    // summary is worth, so the body does not run on through them.
    let mut text = format!("{BODY}\nMore in Business\n");
    for k in 0..3 {
        text.push_str(&format!(
            "Globex Opens Plant Number {k}\nMay {}, 2026 at 5:10 pm\nGlobex said on Monday that it had opened a new plant, which will make the chips that the company sells to its largest customers in the region.\nRead More\n",
            k + 1
        ));
    }
    let doc = clean(&text, None);
    assert!(doc.text.contains("third quarter"), "{}", doc.text);
    assert!(!doc.text.contains("opened a new plant"), "{}", doc.text);
}

#[test]
fn a_list_after_the_last_paragraph_is_body() {
    // Short lines that share their shape (a date, a dash, a place) below
    // the last paragraph are the article's list; a menu below it is not.
    let text = format!(
        "{BODY}\nTour Dates\nJune 9 – Tampa, FL @ Civic Arena\nJune 10 – Miami, FL @ Bay Hall\nJune 14 – Atlanta, GA @ Lakeside Amphitheatre (Formerly Park Stage)\nJune 17 – Nashville, TN @ River Arena\nHome\nWorld\nSport\nWeather\n"
    );
    let doc = clean(&text, None);
    assert!(doc.text.contains("Tour Dates"), "{}", doc.text);
    assert!(doc.text.contains("June 9 – Tampa"), "{}", doc.text);
    assert!(doc.text.contains("June 17 – Nashville"), "{}", doc.text);
    assert!(!doc.text.contains("Weather"), "{}", doc.text);
    // Three items are not yet a list.
    let text = format!("{BODY}\nJune 9 – Tampa\nJune 10 – Miami\nJune 14 – Atlanta\n");
    assert!(!clean(&text, None).text.contains("June 9"));
}

/// The last-byte test of a whole-line pattern set only skips lines that
/// the set would not match: the built-in sets on examples of their
/// patterns (case-folded, with the Unicode letters that fold to ASCII ones,
/// trailing colons and spaces) and on prose.
#[test]
fn the_last_byte_test_skips_no_match() {
    let cleaner = Cleaner::new(&CleanerConfig::default()).unwrap();
    // ".{1,80} says:" ends in a colon: the set that reads furthest into
    // prose lines is the one skipped for them.
    let marks = cleaner.comment_marks.last_bytes.unwrap();
    assert!(marks[usize::from(b':')] && !marks[usize::from(b'.')]);
    let lines = [
        "Jane on May 1 said:",
        "Jane on May 1 SAID :",
        "Jane wrote  :",
        "Reply",
        "REPLY ↓",
        "12 likes",
        "1.2k votes",
        "Rating: 36 Votes",
        "Report abuse",
        "Show 3 more replies",
        "12 Comments",
        "12 comments:",
        "Related News",
        "Related News :",
        "Leave a comment",
        "© 2024 Acme",
        "Copyright 2024 Acme Corp.",
        "Share on Facebook",
        "Continue reading…",
        "Read more »",
        "Read more ›",
        "Read more...",
        "3 min read",
        "Skip to main content",
        "Follow us on Instagram",
        "Image credit: Acme",
        "Disclaimer: none of this",
        "ſign in",
        "Sign in to comment",
        "Discover the Kelvin K",
        "More from A.B. Jones & Co.",
        "In case you missed it",
        "Lascia un commento qui",
        "(12 responses) to the post",
        "12 thoughts on this",
        "Acme said on Friday that it had signed a deal.",
        "What the deal covers",
        "",
        "x",
    ];
    for set in [&cleaner.comment_marks, &cleaner.furniture] {
        for l in lines {
            assert_eq!(set.is_match(l), set.set.is_match(l), "{l:?}");
        }
    }
    // The boilerplate and trailer patterns in one set answer as the two
    // sets apart did.
    let (bp, tr) = (
        data_lines(BOILERPLATE)
            .map(String::from)
            .collect::<Vec<_>>(),
        data_lines(TRAILERS).map(String::from).collect::<Vec<_>>(),
    );
    let (bp, tr) = (
        whole_line_set(&bp, false).unwrap(),
        whole_line_set(&tr, true).unwrap(),
    );
    for l in lines {
        assert_eq!(
            cleaner.furniture(l),
            (bp.set.is_match(l), tr.set.is_match(l)),
            "{l:?}"
        );
    }
}

#[test]
fn last_bytes_of_patterns() {
    let p = |ps: &[&str]| last_bytes(&ps.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    let set = |ps: &[&str]| {
        p(ps).map(|l| {
            (0..=255u8)
                .filter(|&b| l[usize::from(b)])
                .collect::<Vec<u8>>()
        })
    };
    assert_eq!(set(&["^ab$"]), Some(b"b".to_vec()));
    assert_eq!(set(&["^a(b|cd)?$"]), Some(b"abd".to_vec()));
    assert_eq!(
        set(&["^a\\s*:?$"]).map(|s| s.contains(&b'a') && s.contains(&b':')),
        Some(true)
    );
    assert_eq!(set(&["(?i)^x$"]), Some(b"Xx".to_vec()));
    // "k" folds to the Kelvin sign: its last byte, a continuation byte, too.
    assert!(set(&["(?i)^k$"]).unwrap().contains(&0xaa));
    assert_eq!(set(&["^a?$"]), None);
    assert_eq!(set(&["^(a|)$"]), None);
    assert_eq!(set(&["^(a"]), None);
}
