#!/usr/bin/env python3
"""Writes corpus/cc-news-sample.warc.gz: a small WARC file shaped like a
CC-NEWS dump (one gzip member per record), for the WARC reader.

    python3 scripts/make_warc_sample.py [OUT]

Records, in order: a warcinfo record, the request for the first page, the
response for it, and the responses for two more pages. The pages were
written for newsgraph (invented events, fictional sites); the file is
byte-for-byte reproducible (fixed dates, record ids and gzip headers).
"""
import gzip
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "corpus", "cc-news-sample.warc.gz")

NAV = """<header class="site-header"><a class="logo" href="/">The Ledger Wire</a>
<nav class="main-nav"><ul><li><a href="/tech">Tech</a></li><li><a href="/markets">Markets</a></li>
<li><a href="/deals">Deals</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/newsletters">Newsletters</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form></header>"""

FOOTER = """<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
<p>&copy; 2026 The Ledger Wire Media Group. All rights reserved.</p></footer>"""

SHARE = """<div class="share-tools"><span>Share this article</span>
<a href="https://x.example/share">X</a> <a href="https://facebook.example/share">Facebook</a>
<a href="https://linkedin.example/share">LinkedIn</a> <a href="mailto:?subject=story">Email</a></div>"""

PAGE_1 = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Microsoft and OpenAI sign $4.2 billion data-centre deal | The Ledger Wire</title>
<meta property="og:title" content="Microsoft and OpenAI sign $4.2 billion data-centre deal">
<meta property="og:site_name" content="The Ledger Wire">
<meta property="article:published_time" content="2026-03-17T07:45:00Z">
<link rel="canonical" href="https://ledgerwire.example/tech/2026/03/17/microsoft-openai-data-centre-deal">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "tech"}});</script>
<style>.share-tools a {{ margin: 0 4px; }}</style></head>
<body>
{NAV}
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/tech">Tech</a> &rsaquo; Cloud</div>
<main id="content">
<article class="story">
<h1>Microsoft and OpenAI sign $4.2 billion data-centre deal</h1>
<p class="byline">By Dana Whitfield, Technology Correspondent &middot; <time datetime="2026-03-17T07:45:00Z">March 17, 2026</time></p>
{SHARE}
<div class="story-body">
<p>Microsoft and OpenAI on Tuesday signed a $4.2 billion agreement under which Microsoft will build and run three new data centres reserved for OpenAI's model training, the companies said in a joint statement.</p>
<p>The sites, in Wisconsin, Texas and the Netherlands, are due to come online between the fourth quarter of 2026 and mid-2027. Microsoft will own the buildings and the power contracts; OpenAI has committed to use the capacity for at least six years.</p>
<div class="ad-slot" aria-hidden="true"><span>Advertisement</span></div>
<h2>A hedge against a single supplier</h2>
<p>The deal comes four months after OpenAI agreed to buy computing capacity from Amazon Web Services, a move analysts read as a sign that the start-up no longer wanted to depend on one cloud provider.</p>
<p>&ldquo;We want more compute than any one partner can build for us, and we want it sooner,&rdquo; OpenAI's chief financial officer said on a call with reporters. Microsoft's cloud chief said the agreement &ldquo;locks in demand we were going to see anyway.&rdquo;</p>
<p>Shares of Microsoft rose 1.8% in early trading in New York. Amazon's shares were little changed.</p>
<ul>
<li>Three sites, about 900 megawatts of power in total</li>
<li>Construction to start in May 2026</li>
<li>Six-year capacity commitment by OpenAI</li>
</ul>
<p>The companies did not say how the cost would be split between construction and the power purchase agreements that go with it.</p>
</div>
<div class="tags"><a href="/tag/microsoft">Microsoft</a> <a href="/tag/openai">OpenAI</a> <a href="/tag/aws">Amazon Web Services</a></div>
</article>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/tech/2025/11/openai-aws">OpenAI signs cloud deal with Amazon Web Services</a></li>
<li><a href="/tech/2026/01/microsoft-capex">Microsoft raises spending forecast again</a></li>
<li><a href="/markets/2026/02/chip-shares">Chip shares slip as investors weigh AI spending</a></li></ul></aside>
<section class="newsletter-signup"><h3>Get the Ledger Tech briefing</h3><p>Every weekday morning, in your inbox.</p>
<form><input type="email" placeholder="Email address"><button>Sign up</button></form></section>
<div id="comments" class="comments"><h3>Comments (12)</h3><p>Log in to join the conversation.</p></div>
</main>
{FOOTER}
</body></html>
"""

PAGE_2 = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Amazon Web Services to invest &#8364;1.5 billion in Irish region - The Ledger Wire</title>
<meta property="og:site_name" content="The Ledger Wire"></head>
<body>
{NAV}
<div id="main-wrapper"><div class="content-area">
<div class="post">
<h1 class="post-title">Amazon Web Services to invest &euro;1.5 billion in Irish region</h1>
<div class="post-meta">Published 16 March 2026 &middot; 3 min read</div>
{SHARE}
<div class="entry-content">
<p>DUBLIN &mdash; Amazon Web Services will invest \u20ac1.5 billion over the next three years to expand its data centres near Dublin, the company said on Monday, adding capacity for customers that train and run AI models.</p>
<p>The expansion will add two buildings to the company's campus in Clonshaugh and create about 300 permanent jobs, AWS said. Irish officials welcomed the plan but said the grid operator would have to approve the extra power connection first.</p>
<p>Ireland's data centres used about a fifth of the country's electricity last year, and the regulator has asked new projects to bring their own generation or storage.</p>
</div>
<div class="post-tags">Tags: <a href="/tag/aws">AWS</a>, <a href="/tag/ireland">Ireland</a></div>
</div></div>
<div class="sidebar"><div class="widget most-read"><h3>Most read</h3><ol>
<li><a href="/a">Microsoft and OpenAI sign $4.2 billion data-centre deal</a></li>
<li><a href="/b">Why chip stocks fell on Friday</a></li></ol></div></div></div>
{FOOTER}
</body></html>
"""

PAGE_3 = """<!DOCTYPE html><html><head><title>Markets close</title></head><body>
<div class="wrap"><p>Stocks in Frankfurt closed 0.4% higher on Monday, led by software makers, after a quiet session in which volumes were a third below their monthly average.</p></div>
</body></html>
"""


def record(kind, headers, block, record_id):
    head = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        "WARC-Date: 2026-03-17T09:12:04Z",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
    ] + headers + [f"Content-Length: {len(block)}"]
    data = ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    return buf.getvalue()


def http_response(body, content_type):
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\nServer: nginx\r\n\r\n"
    return head.encode() + body


def main():
    out = []
    info = b"software: newsgraph make_warc_sample.py\r\nformat: WARC File Format 1.0\r\ndescription: sample in the shape of CC-NEWS\r\n"
    out.append(record("warcinfo", ["Content-Type: application/warc-fields"], info,
                      "00000000-0000-4000-8000-000000000001"))
    url1 = "https://ledgerwire.example/tech/2026/03/17/microsoft-openai-data-centre-deal"
    req = f"GET /tech/2026/03/17/microsoft-openai-data-centre-deal HTTP/1.1\r\nHost: ledgerwire.example\r\nUser-Agent: sample-crawler/1.0\r\nAccept: text/html\r\n\r\n".encode()
    out.append(record("request", [f"WARC-Target-URI: {url1}", "Content-Type: application/http; msgtype=request"], req,
                      "00000000-0000-4000-8000-000000000002"))
    pages = [
        (url1, PAGE_1.encode("utf-8"), "text/html; charset=UTF-8", "00000000-0000-4000-8000-000000000003"),
        # Charset given only by the page's <meta>, body in windows-1252.
        ("https://ledgerwire.example/tech/2026/03/16/aws-ireland", PAGE_2.encode("cp1252"), "text/html",
         "00000000-0000-4000-8000-000000000004"),
        ("https://ledgerwire.example/markets/2026/03/16/frankfurt-close", PAGE_3.encode("utf-8"), "text/html; charset=utf-8",
         "00000000-0000-4000-8000-000000000005"),
    ]
    for url, body, ctype, rid in pages:
        out.append(record("response", [f"WARC-Target-URI: {url}", "Content-Type: application/http; msgtype=response"],
                          http_response(body, ctype), rid))
    with open(OUT, "wb") as f:
        f.write(b"".join(out))


if __name__ == "__main__":
    main()
