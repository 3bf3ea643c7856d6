"""Site-level files for publishing: sitemap, robots.txt, Atom feed, 404 page.

URLs here are absolute when `site_url` is set (https://owner.github.io) and
otherwise absolute paths from `base_url`, so every file works under /<repo>/.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from jinja2 import Environment

from edition.config import Config
from edition.model import Article
from edition.site.markup import plain
from edition.site.site import Site

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
SITEMAP_FILE = "sitemap.xml"
NOT_FOUND_FILE = "404.html"


def page_url(config: Config, path: str) -> str:
    """The public URL of a page at `path` ('' = home, 'articles/x/')."""
    return config.site_url.rstrip("/") + config.base_url + path.lstrip("/")


def page_paths(files: Iterable[str]) -> list[str]:
    """Page paths ('' = home) of every `.../index.html` among the files to write."""
    return sorted(f[: -len("index.html")] for f in files if f.endswith("index.html"))


def sitemap_xml(config: Config, paths: Iterable[str]) -> bytes:
    """A sitemap of the given page paths (relative to base_url without site_url)."""
    ET.register_namespace("", SITEMAP_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path in paths:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page_url(config, path)
    return _xml_bytes(urlset)


def robots_txt(config: Config) -> bytes:
    """Allow everything and point crawlers at the sitemap.

    The Sitemap line must hold an absolute URL: without site_url it stays a comment.
    """
    sitemap = f"Sitemap: {page_url(config, SITEMAP_FILE)}"
    if not config.site_url:
        sitemap = f"# {sitemap} (set site_url in edition.yaml to make this absolute)"
    return f"User-agent: *\nAllow: /\n\n{sitemap}\n".encode()


def atom_feed(config: Config, articles: Iterable[Article]) -> bytes:
    """An Atom feed with one entry per article, newest volume first.

    Atom needs an `updated` instant; the build stays reproducible by using the
    publication year rather than the clock.
    """
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text:
            element.text = text
        return element

    ordered = sorted(articles, key=lambda a: (-a.cover.year, -a.cover.volume_number, a.slug))
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", config.title)
    if config.description:
        sub(feed, "subtitle", config.description)
    sub(feed, "id", _atom_id(config, ""))
    sub(sub(feed, "author"), "name", config.title)  # Atom needs one for entries without
    sub(feed, "link", href=page_url(config, FEED_FILE), rel="self")
    sub(feed, "link", href=page_url(config, ""), rel="alternate", type="text/html")
    sub(feed, "updated", _year_instant(max((a.cover.year for a in ordered), default=1970)))
    for article in ordered:
        path = f"articles/{article.slug}/"
        entry = sub(feed, "entry")
        sub(entry, "title", plain(article.title))
        sub(entry, "id", _atom_id(config, path))
        sub(entry, "link", href=page_url(config, path), rel="alternate", type="text/html")
        sub(entry, "updated", _year_instant(article.cover.year))
        for author in article.authors:
            sub(sub(entry, "author"), "name", author.name)
        if article.abstract:
            sub(entry, "summary", plain(article.abstract))
        journal = f"{article.cover.journal} {article.cover.volume} ({article.cover.year})"
        sub(entry, "category", term=journal.strip())
    return _xml_bytes(feed)


def _atom_id(config: Config, path: str) -> str:
    # Atom ids must be absolute IRIs; without a site_url fall back to a tag URI.
    if config.site_url:
        return page_url(config, path)
    return f"tag:edition,2000:{config.base_url}{path}"


def _year_instant(year: int) -> str:
    return f"{year:04d}-01-01T00:00:00Z"


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def not_found_html(site: Site, env: Environment) -> bytes:
    """The 404 page. GitHub Pages serves it at any depth, so links start at base_url."""
    html = env.get_template("404.html").render(
        site=site,
        config=site.config,
        root=site.config.base_url,
        page_path=NOT_FOUND_FILE,
        t=site.words(),
    )
    return html.encode("utf-8")
