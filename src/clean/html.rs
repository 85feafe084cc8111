//! HTML pages → the article's text blocks and page metadata.
//!
//! Takes an HTML page (any markup, parsed by html5ever through `scraper`,
//! so broken and deeply nested pages parse as browsers parse them); gives
//! the main content as text blocks in document order, with the title,
//! publication date, publisher and canonical URL from the page's metadata.
//! Refuses nothing: a page without prose gives no blocks.
//!
//! Main content is found the way readability does it: page furniture
//! (`nav`, `header`, `footer`, `aside`, `form`, scripts, elements whose
//! class or id says comment, share, related, promo, ...) is skipped; each
//! paragraph of prose scores its container (length, commas, few links), and
//! the best-scoring container, with siblings that score nearly as well, is
//! the article. The tree is walked with an explicit stack (ego-tree's
//! `traverse`), never by recursion, so nesting depth costs no stack.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use regex::Regex;
use scraper::{Html, Node, Selector};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Pages nested deeper than this are refused: HTML5 tree building costs
/// time proportional to depth for every tag, so a page of 200,000 nested
/// `<div>`s would take minutes. Real pages stay far below a few hundred.
pub const MAX_NESTING: usize = 10_000;

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How deeply the page nests its elements, by a linear scan of its tags
/// (approximate: it does not parse, it only guards the parser).
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |n| start + n);
        if end == start {
            continue; // "<!--", "<!doctype", "< 5"
        }
        let name = html[start..end].to_ascii_lowercase();
        let self_closing = b[end..]
            .iter()
            .position(|&c| c == b'>')
            .is_some_and(|n| n > 0 && b[end + n - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID_TAGS.contains(&name.as_str()) && !self_closing {
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

/// What a page gives the cleaner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    /// As the page states it (ISO datetime in metadata, usually).
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The article's text blocks, in document order.
    pub blocks: Vec<String>,
    /// Text blocks of the page left out as furniture.
    pub dropped: usize,
}

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "textarea", "menu", "dialog", "object", "embed", "canvas",
    "video", "audio", "head",
];

/// Elements that end a text block.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "br",
    "hr",
    "body",
    "center",
];

fn furniture_hint() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(^|[\s_-])(comment|comments|share|sharing|social|related|recommend|promo|newsletter|subscribe|signup|sign-up|advert|ads?|sponsor|cookie|banner|breadcrumbs?|sidebar|widget|footer|masthead|navbar|nav|menu|popup|modal|outbrain|taboola|trending|most-?read|more-?stories|tags?|byline|author-bio|disclaimer)([\s_-]|$)")
            .expect("hint pattern")
    })
}

fn content_hint() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(article|story|content|entry|post-body|main|text|body)")
            .expect("content pattern")
    })
}

/// One block of text as the walk found it.
struct Block {
    text: String,
    link_chars: usize,
    /// The element the text sits in, and its parent.
    element: Option<NodeId>,
    heading: bool,
}

/// Extracts the article of an HTML page.
pub fn extract(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut page = metadata(&doc);
    let blocks = text_blocks(&doc);
    let parent_of = |id: NodeId| doc.tree.get(id).and_then(|n| n.parent()).map(|p| p.id());

    // Score containers by the prose they hold.
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    for b in &blocks {
        let len = b.text.chars().count();
        if len < 25 || b.link_chars * 2 > len {
            continue;
        }
        let Some(el) = b.element else { continue };
        let s = 1.0 + b.text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        if let Some(parent) = parent_of(el) {
            *score.entry(parent).or_default() += s;
            if let Some(grand) = parent_of(parent) {
                *score.entry(grand).or_default() += s / 2.0;
            }
        }
        // Text directly in a <div> scores that div too.
        *score.entry(el).or_default() += s / 2.0;
    }
    let best = score
        .iter()
        .max_by(|a, b| {
            a.1.partial_cmp(b.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.0.cmp(a.0))
        })
        .map(|(id, s)| (*id, *s));
    let Some((best, best_score)) = best else {
        page.dropped = blocks.len();
        return page;
    };
    // Siblings of the best container that score nearly as well belong to it.
    let mut chosen = vec![best];
    if let Some(parent) = parent_of(best) {
        if let Some(p) = doc.tree.get(parent) {
            for sib in p.children() {
                if sib.id() != best && score.get(&sib.id()).is_some_and(|&s| s >= best_score * 0.2)
                {
                    chosen.push(sib.id());
                }
            }
        }
    }
    let inside = |id: NodeId| -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if chosen.contains(&c) {
                return true;
            }
            cur = parent_of(c);
        }
        false
    };
    for b in blocks {
        let len = b.text.chars().count();
        let keep = b.element.is_some_and(inside)
            && b.link_chars * 2 <= len
            && (len >= 20 || b.heading || b.text.ends_with(['.', '?', '!', ':', '"', '”']));
        if keep {
            page.blocks.push(b.text);
        } else {
            page.dropped += 1;
        }
    }
    page
}

/// Walks the tree once, skipping furniture subtrees, and cuts text into blocks.
fn text_blocks(doc: &Html) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut link_chars = 0usize;
    let mut block_stack: Vec<(NodeId, bool)> = Vec::new();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let flush = |text: &mut String,
                 link_chars: &mut usize,
                 stack: &[(NodeId, bool)],
                 blocks: &mut Vec<Block>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            let (element, heading) = stack.last().map_or((None, false), |&(id, h)| (Some(id), h));
            blocks.push(Block {
                text: t,
                link_chars: *link_chars,
                element,
                heading,
            });
        }
        text.clear();
        *link_chars = 0;
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    let hinted = {
                        let class_id = format!(
                            "{} {}",
                            el.attr("class").unwrap_or(""),
                            el.attr("id").unwrap_or("")
                        );
                        let role = el.attr("role").unwrap_or("");
                        matches!(
                            role,
                            "navigation" | "banner" | "contentinfo" | "complementary" | "search"
                        ) || (furniture_hint().is_match(&class_id)
                            && !content_hint().is_match(&class_id))
                            || el.attr("hidden").is_some()
                            || el.attr("aria-hidden") == Some("true")
                    };
                    if skip_depth > 0 || SKIP_TAGS.contains(&name) || hinted {
                        skip_depth += 1;
                        continue;
                    }
                    if name == "a" {
                        link_depth += 1;
                    }
                    if BLOCK_TAGS.contains(&name) {
                        flush(&mut text, &mut link_chars, &block_stack, &mut blocks);
                        if name != "br" && name != "hr" {
                            block_stack.push((
                                node.id(),
                                matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
                            ));
                        }
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    text.push_str(t);
                    text.push(' ');
                    if link_depth > 0 {
                        link_chars += t.trim().chars().count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = el.name();
                    if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if BLOCK_TAGS.contains(&name) && name != "br" && name != "hr" {
                        flush(&mut text, &mut link_chars, &block_stack, &mut blocks);
                        block_stack.pop();
                    }
                }
            }
        }
    }
    flush(&mut text, &mut link_chars, &block_stack, &mut blocks);
    blocks
}

fn select_attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel).find_map(|e| {
        e.value()
            .attr(attr)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    })
}

fn select_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|t| !t.is_empty())
}

/// `datePublished` anywhere in a JSON-LD value.
fn json_ld_date(v: &serde_json::Value) -> Option<String> {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(d)) = m.get("datePublished") {
                    return Some(d.clone());
                }
                stack.extend(m.values());
            }
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    None
}

fn metadata(doc: &Html) -> Page {
    let published = select_attr(doc, r#"meta[property="article:published_time"]"#, "content")
        .or_else(|| {
            let sel = Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
            doc.select(&sel).find_map(|s| {
                serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>())
                    .ok()
                    .and_then(|v| json_ld_date(&v))
            })
        })
        .or_else(|| select_attr(doc, r#"meta[itemprop="datePublished"]"#, "content"))
        .or_else(|| select_attr(doc, r#"meta[name="date"]"#, "content"))
        .or_else(|| select_attr(doc, r#"meta[name="pubdate"]"#, "content"))
        .or_else(|| select_attr(doc, "time[datetime]", "datetime"));
    Page {
        title: select_attr(doc, r#"meta[property="og:title"]"#, "content")
            .or_else(|| select_text(doc, "title"))
            .or_else(|| select_text(doc, "h1")),
        published,
        publisher: select_attr(doc, r#"meta[property="og:site_name"]"#, "content"),
        url: select_attr(doc, r#"link[rel="canonical"]"#, "href")
            .or_else(|| select_attr(doc, r#"meta[property="og:url"]"#, "content")),
        ..Page::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html><head><title>Acme buys Globex | Daily Widget</title>
<meta property="og:title" content="Acme buys Globex">
<meta property="og:site_name" content="Daily Widget">
<meta property="article:published_time" content="2026-05-01T09:30:00Z">
<link rel="canonical" href="https://widget.example/acme-globex"></head>
<body><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<div class="share-bar"><a href="#">Share on X</a></div>
<article><h1>Acme buys Globex</h1>
<div class="story-body">
<p>Acme Corp. said on Friday that it had agreed to buy Globex for $5 billion, the largest deal in its history.</p>
<h2>What the deal covers</h2>
<p>The agreement covers chips, software and the staff who write it, and it closes in the third quarter.</p>
<p>Shares of Acme rose 3% in early trading, while Globex shares jumped 20%, traders said.</p>
</div></article>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Acme's last deal, in 2019, was smaller than this one</a></li></ul></aside>
<div id="comments"><p>Leave a comment, readers, and be nice to each other here.</p></div>
<footer><p>© 2026 Daily Widget. All rights reserved, everywhere, forever.</p></footer></body></html>"##;

    #[test]
    fn finds_the_article_and_its_metadata() {
        let page = extract(PAGE);
        assert_eq!(page.title.as_deref(), Some("Acme buys Globex"));
        assert_eq!(page.publisher.as_deref(), Some("Daily Widget"));
        assert_eq!(page.published.as_deref(), Some("2026-05-01T09:30:00Z"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://widget.example/acme-globex")
        );
        assert_eq!(
            page.blocks,
            vec![
                "Acme Corp. said on Friday that it had agreed to buy Globex for $5 billion, the largest deal in its history.",
                "What the deal covers",
                "The agreement covers chips, software and the staff who write it, and it closes in the third quarter.",
                "Shares of Acme rose 3% in early trading, while Globex shares jumped 20%, traders said.",
            ]
        );
    }

    #[test]
    fn nesting_is_measured_in_one_pass() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<br>b</p><img src=x><hr/></div></body></html>"),
            4
        );
        assert_eq!(nesting_depth(&"<div>".repeat(200_000)), 200_000);
        assert_eq!(nesting_depth("a < b and <!-- c --> </x>"), 0);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough that a recursive walk would need a large stack, small
        // enough for a debug build (tree building is quadratic in depth).
        let depth = 4_000;
        let html = format!(
            "{}<p>Deep text with enough words to count as prose, surely.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let page = extract(&html);
        assert!(page.blocks.len() <= 1);
    }

    #[test]
    fn json_ld_dates() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2025-12-24"}]}</script></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(html).published.as_deref(), Some("2025-12-24"));
    }
}
