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
//! paragraph of prose scores its container (length, commas, few links), a
//! container's score counts only its prose that is not teasers (a block a
//! fifth or more linked: a ticker's headline plus summary), and the
//! best-scoring container, with siblings that score nearly as well, is the
//! article. The tree is walked with an explicit stack (ego-tree's
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
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
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
        let name = &b[start..end];
        let self_closing =
            memchr::memchr(b'>', &b[end..]).is_some_and(|n| n > 0 && b[end + n - 1] == b'/');
        let void = VOID_TAGS
            .iter()
            .any(|t| t.as_bytes().eq_ignore_ascii_case(name));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !void && !self_closing {
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

/// Text under an element, by kind of block.
#[derive(Clone, Copy, Default)]
struct Mass {
    good: usize,
    bad: usize,
    prose: usize,
    linked: usize,
    teasers: usize,
}

/// One block of text as the walk found it.
struct Block {
    text: String,
    link_chars: usize,
    /// The element the text sits in, and its parent.
    element: Option<NodeId>,
    heading: bool,
}

/// Position of `needle` in `hay`, ASCII case ignored.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    // memchr's vectorised search for either case of the first byte: this
    // runs over every script and style body of the page, most of its bytes.
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let off = memchr::memchr2(lower, upper, &hay[i..=hay.len() - needle.len()])?;
        let at = i + off;
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The page without the contents of `<script>` (JSON-LD kept, for the
/// date), `<style>` and `<svg>` elements and without comments: none of it
/// is text, and on news pages it is most of the bytes, so the HTML parser
/// gets a page half the size. The elements stay, empty, so the tree has
/// the same shape.
fn strip_raw_text(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let (mut last, mut i) = (0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            let end = find_ci(&rest[3..], b"-->").map_or(b.len(), |e| at + 4 + e + 3);
            out.push_str(&html[last..at]);
            (last, i) = (end, end);
            continue;
        }
        let name = [&b"script"[..], b"style", b"svg"].into_iter().find(|n| {
            rest.len() > n.len()
                && rest[..n.len()].eq_ignore_ascii_case(n)
                && matches!(
                    rest[n.len()],
                    b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                )
        });
        let Some(name) = name else {
            i = at + 1;
            continue;
        };
        let Some(open_end) = memchr::memchr(b'>', rest).map(|n| at + 1 + n) else {
            break;
        };
        if name == b"script" && find_ci(&b[at..open_end], b"ld+json").is_some() {
            i = open_end + 1;
            continue;
        }
        let mut close = Vec::with_capacity(name.len() + 2);
        close.extend_from_slice(b"</");
        close.extend_from_slice(name);
        let end = find_ci(&b[open_end + 1..], &close).map_or(b.len(), |e| open_end + 1 + e);
        out.push_str(&html[last..=open_end]);
        (last, i) = (end, end.max(open_end + 1));
    }
    if last == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[last.min(html.len())..]);
    std::borrow::Cow::Owned(out)
}

/// Extracts the article of an HTML page.
pub fn extract(html: &str) -> Page {
    let html = strip_raw_text(html);
    let doc = Html::parse_document(&html);
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
    // Per element: characters in prose blocks, characters in other
    // blocks, prose blocks, and blocks with a fifth or more of their text in
    // links (a teaser list's items: linked title plus a line of summary), and
    // prose blocks that are so linked.
    let mut mass: HashMap<NodeId, Mass> = HashMap::new();
    for b in &blocks {
        let len = b.text.chars().count();
        let prose = len >= 25 && b.link_chars * 2 <= len;
        let linked = b.link_chars * 5 >= len && b.link_chars > 0;
        let mut cur = b.element;
        while let Some(id) = cur {
            let m = mass.entry(id).or_default();
            if prose {
                m.good += len - b.link_chars;
                m.prose += 1;
            } else {
                m.bad += len;
            }
            m.linked += usize::from(linked);
            m.teasers += usize::from(prose && linked);
            cur = parent_of(id);
        }
    }
    // A container whose prose is mostly teasers (a "latest news" ticker or
    // a list of linked headlines with a line of summary each) is an index of
    // other pages, however long and comma-rich its items: its score counts
    // only its prose blocks that are not teasers.
    for (id, s) in &mut score {
        if let Some(m) = mass.get(id) {
            if m.prose > 0 {
                *s *= m.prose.saturating_sub(m.teasers) as f64 / m.prose as f64;
            }
        }
    }
    let best = score
        .iter()
        .max_by(|a, b| {
            a.1.partial_cmp(b.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.0.cmp(a.0))
        })
        .map(|(id, s)| (*id, *s));
    let Some((mut best, mut best_score)) = best else {
        page.dropped = blocks.len();
        return page;
    };

    // Articles split over several containers (a lede box and a body box,
    // one column per few paragraphs, one card per paragraph) leave the best
    // container holding part of the text. Climb to an ancestor while what
    // it adds is mostly prose: at least twice as many characters in prose
    // blocks as in link lists, labels and other short blocks. A level that
    // adds no prose (a wrapper around the headline) is passed over without
    // being taken; the climb ends where the additions turn to furniture.
    let is_root = |id: NodeId| {
        doc.tree
            .get(id)
            .and_then(|n| {
                n.value()
                    .as_element()
                    .map(|e| matches!(e.name(), "body" | "html"))
            })
            .unwrap_or(true)
    };
    let mut have = mass.get(&best).copied().unwrap_or_default();
    let mut cur = parent_of(best);
    while let Some(a) = cur {
        if is_root(a) {
            break;
        }
        let m = mass.get(&a).copied().unwrap_or_default();
        let extra_good = m.good.saturating_sub(have.good);
        let extra_bad = m.bad.saturating_sub(have.bad);
        let extra_prose = m.prose.saturating_sub(have.prose);
        let extra_linked = m.linked.saturating_sub(have.linked);
        // Prose twice the furniture, and at most one linked block per four
        // prose blocks (a teaser list has one per item).
        if extra_good > 0 && extra_good >= 2 * extra_bad && extra_linked * 4 <= extra_prose {
            best = a;
            best_score = best_score.max(score.get(&a).copied().unwrap_or(0.0));
            have = m;
        } else if extra_bad > have.good.max(200) || extra_good > 0 {
            break;
        }
        cur = parent_of(a);
    }
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
        // A bare URL or a block without a letter is never article text.
        let junk = !b.text.chars().any(char::is_alphabetic)
            || (!b.text.contains(' ') && b.text.contains("://"));
        let keep = b.element.is_some_and(inside)
            && !junk
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

/// Elements whose whole subtree is never article text, whatever it holds.
const HARD_SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "iframe",
    "figcaption",
    "svg",
    "button",
    "select",
    "textarea",
    "menu",
    "dialog",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "head",
];

/// How an element's own markup classes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    /// Never article text (scripts, navigation, hidden elements).
    Hard,
    /// Furniture by its tag (`header`, `footer`, `aside`, `form`), role or class/id
    /// words, unless it holds most of the page's text (see [`text_blocks`]).
    Soft,
}

/// `style="display: none"` or `visibility: hidden`: metadata blocks.
fn invisible(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

fn hint(el: &scraper::node::Element) -> Hint {
    let name = el.name();
    if HARD_SKIP_TAGS.contains(&name) {
        return Hint::Hard;
    }
    // The attributes that matter, in one pass over the element's list
    // (a lookup by name per attribute costs a scan each, on every element).
    let (mut hidden, mut style, mut role, mut aria_hidden, mut class, mut id) =
        (false, "", "", "", "", "");
    for (k, v) in el.attrs() {
        match k {
            "hidden" => hidden = true,
            "style" => style = v,
            "role" => role = v,
            "aria-hidden" => aria_hidden = v,
            "class" => class = v,
            "id" => id = v,
            _ => {}
        }
    }
    if hidden || invisible(style) {
        return Hint::Hard;
    }
    // A <form> is usually a search box or a sign-up, but ASP.NET pages wrap
    // the whole body in one.
    if matches!(name, "header" | "footer" | "aside" | "form") {
        return Hint::Soft;
    }
    if matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary" | "search"
    ) || aria_hidden == "true"
    {
        return Hint::Soft;
    }
    if class.is_empty() && id.is_empty() {
        return Hint::None;
    }
    let class_id = format!("{class} {id}");
    if furniture_hint().is_match(&class_id) && !content_hint().is_match(&class_id) {
        Hint::Soft
    } else {
        Hint::None
    }
}

/// Walks the tree and cuts text into blocks, skipping furniture subtrees.
///
/// Class and id words are only hints: wrappers named after a widget or an
/// ad slot ("widget Blog", "page-ad-margins") sometimes hold the whole
/// article. So a first walk measures the text (outside links) under each
/// softly hinted element, and the second skips it only when it holds less
/// than half of the page's text: furniture is the small part of a page.
fn text_blocks(doc: &Html) -> Vec<Block> {
    // First walk: text under each softly hinted element, and in all.
    let mut hints: HashMap<NodeId, Hint> = HashMap::new();
    let mut soft_text: HashMap<NodeId, usize> = HashMap::new();
    let mut open_soft: Vec<(NodeId, usize)> = Vec::new();
    let mut total = 0usize;
    let (mut hard_depth, mut link_depth) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if hard_depth > 0 {
                        hard_depth += 1;
                        continue;
                    }
                    match hint(el) {
                        Hint::Hard => {
                            hints.insert(node.id(), Hint::Hard);
                            hard_depth += 1;
                            continue;
                        }
                        Hint::Soft => {
                            hints.insert(node.id(), Hint::Soft);
                            open_soft.push((node.id(), total));
                        }
                        Hint::None => {}
                    }
                    if el.name() == "a" {
                        link_depth += 1;
                    }
                }
                Node::Text(t) if hard_depth == 0 && link_depth == 0 => {
                    total += t.trim().len();
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if hard_depth > 0 {
                        hard_depth -= 1;
                        continue;
                    }
                    if el.name() == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if open_soft.last().is_some_and(|&(id, _)| id == node.id()) {
                        if let Some((id, start)) = open_soft.pop() {
                            soft_text.insert(id, total - start);
                        }
                    }
                }
            }
        }
    }
    let skipped = |id: NodeId| match hints.get(&id) {
        Some(Hint::Hard) => true,
        Some(Hint::Soft) => soft_text.get(&id).is_none_or(|&n| n * 2 < total),
        _ => false,
    };

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
                    if skip_depth > 0 || skipped(node.id()) {
                        skip_depth += 1;
                        continue;
                    }
                    let name = el.name();
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
                    // Inline markup joins without a space ("<b>M</b>uch").
                    text.push_str(t);
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
    fn a_teaser_ticker_does_not_outscore_the_article() {
        // Six teasers (linked headline, comma-rich summary) in a plain <ul>
        // with no hint in its class: by prose alone they outscore the
        // three short paragraphs of the article.
        let item = |n: usize| {
            format!(
                "<li><a href=\"/s{n}\">Minister number {n} resigns over the budget row</a> \
                 <span>CAPITAL: The minister, who had served for years, said on Monday, \
                 after talks, that she would leave, citing health, family and the row.</span></li>"
            )
        };
        let ticker: String = (0..6).map(item).collect();
        let html = format!(
            "<html><body><div class=\"wrap\"><div class=\"top\"><ul>{ticker}</ul></div>\
             <div class=\"main\"><h2>Floods close the coast road</h2><div class=\"body\">\
             <p>Floods closed the coast road on Tuesday after two days of heavy rain in the hills.</p>\
             <p>Police said the road would stay shut until the water level falls, perhaps on Friday.</p>\
             <p>Buses to the port will take the inland route, which adds an hour to the trip.</p>\
             </div></div></div></body></html>"
        );
        let page = extract(&html);
        assert_eq!(page.blocks.len(), 4, "{:?}", page.blocks);
        assert_eq!(page.blocks[0], "Floods close the coast road");
        assert!(page.blocks[3].starts_with("Buses to the port"));
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
    fn raw_text_is_stripped() {
        let page =
            "<html><head><SCRIPT type=x>if (a<b) { x = '</div>'; }</script><style>p{}</style>\
            <script type=\"application/ld+json\">{\"datePublished\":\"2025-01-02\"}</script></head>\
            <body><!-- <p>hidden</p> --><svg><path d=\"M0\"/></svg><p>Text é</p></body></html>";
        let out = strip_raw_text(page);
        assert_eq!(
            out,
            "<html><head><SCRIPT type=x></script><style></style>\
            <script type=\"application/ld+json\">{\"datePublished\":\"2025-01-02\"}</script></head>\
            <body><svg></svg><p>Text é</p></body></html>"
        );
        // Unclosed elements and comments run to the end; no panic on cut-offs.
        assert_eq!(strip_raw_text("<p>a</p><script>x"), "<p>a</p><script>");
        assert_eq!(strip_raw_text("<p>a</p><!-- x"), "<p>a</p>");
        for cut in 0..page.len() {
            if page.is_char_boundary(cut) {
                let _ = strip_raw_text(&page[..cut]);
            }
        }
    }

    #[test]
    fn json_ld_dates() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2025-12-24"}]}</script></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(html).published.as_deref(), Some("2025-12-24"));
    }
}
