"""Crawl every built page over HTTP: no broken link, anchor or asset, at / and under /repo/."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import ROOT, build_project, make_project

SECOND = ROOT / "tests" / "fixtures" / "second-article.txt"
SOURCE = ROOT / "sources" / "balcanica-2019-edemskiy.txt"
LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}
LINK_ATTRS |= {("source", "src"), ("iframe", "src"), ("form", "action")}


class PageParser(HTMLParser):
    """Collects ids (anchor targets) and every URL a page refers to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS:
                self.links.append(value)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(start: str, base_path: str, extra: list[str] = ()) -> tuple[list[str], int]:
    """Follow every internal link from `start`; return (problems, pages seen)."""
    origin = f"{urlsplit(start).scheme}://{urlsplit(start).netloc}"
    queue, seen, problems = [start, *extra], set(), []
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (page linking, target page, fragment)

    def refer(page: str, link: str) -> None:
        if link.startswith(("mailto:", "tel:", "data:")):
            return
        if link.lower().startswith("javascript:"):
            problems.append(f"{page}: javascript: URL {link!r}")
            return
        target, fragment = urldefrag(urljoin(page, link))
        if not target.startswith(origin):
            return  # another site: not ours to check
        if not urlsplit(target).path.startswith(base_path):
            problems.append(f"{page}: {link!r} leaves the base path {base_path}")
            return
        if fragment:
            anchors.append((page, target, fragment))
        if target not in seen:
            seen.add(target)
            queue.append(target)

    seen.update(queue)
    while queue:
        url = queue.pop()
        status, kind, body = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if kind == "text/html":
            parser = PageParser()
            parser.feed(body.decode("utf-8"))
            ids[url] = parser.ids
            # 404.html is served for missing paths at any depth: resolve its links there.
            where = urljoin(url, "no/such/page/") if url.endswith("/404.html") else url
            for link in parser.links:
                refer(url if link.startswith("#") else where, link)
        elif kind == "text/css":
            for link in re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode("utf-8")):
                refer(url, link)
        elif url.endswith("sitemap.xml"):
            for loc in ET.fromstring(body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
                refer(url, loc.text)
    for page, target, fragment in anchors:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{page}: anchor #{fragment} missing on {target}")
        elif target not in ids:
            problems.append(f"{page}: anchor #{fragment} on a non-HTML target {target}")
    return problems, len(ids)


@pytest.fixture(scope="module", params=["/", "/repo/"], ids=["root", "base-path"])
def served(request, tmp_path_factory, serve) -> tuple[str, str, Path]:
    """Both articles built with search, served so the site sits at its base path."""
    base = request.param
    tmp = tmp_path_factory.mktemp("links")
    project = make_project(tmp, [SOURCE, SECOND])
    assert build_project(project, "--base-url", base) == 0
    if base == "/":
        return serve(project / "_site"), base, project / "_site"
    parent = tmp / "served"
    parent.mkdir()
    (parent / base.strip("/")).symlink_to(project / "_site", target_is_directory=True)
    return serve(parent) + base.lstrip("/"), base, project / "_site"


def test_no_broken_link_anchor_or_asset(served):
    start, base, site = served
    extra = [urljoin(start, name) for name in ("404.html", "sitemap.xml", "feed.xml")]
    problems, pages = crawl(start, base, extra)
    assert problems == []
    built = {p for p in site.rglob("*.html") if "pagefind" not in p.parts}
    assert pages == len(built), "every built page is reachable by links"


def test_crawler_finds_a_broken_link_and_anchor(tmp_path, serve):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="x"><a href="a/">a</a> <a href="missing/">m</a> <a href="#nope">n</a></p>'
    )
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../#x">ok</a><img src="none.png"><a href="/elsewhere/">e</a>'
    )
    start = serve(tmp_path)
    problems, pages = crawl(start, "/")
    assert pages == 2
    assert sorted(problems) == sorted(
        [
            f"{start}a/none.png: HTTP 404",
            f"{start}elsewhere/: HTTP 404",
            f"{start}missing/: HTTP 404",
            f"{start}: anchor #nope missing on {start}",
        ]
    )
    problems, _ = crawl(start + "a/", "/a/")
    assert f"{start}a/: '/elsewhere/' leaves the base path /a/" in problems
