"""A second article dropped into sources/ builds with no code change."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, build_project, make_project

from edition.content.article_yaml import load_article

SECOND = ROOT / "tests" / "fixtures" / "second-article.txt"
SOURCE = ROOT / "sources" / "balcanica-2019-edemskiy.txt"
SLUGS = ("balcanica-2019-edemskiy", "second-article")
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("multi"), [SOURCE, SECOND])
    assert build_project(project) == 0
    return project / "_site"


def test_each_article_keeps_its_own_urls_and_downloads(site):
    for slug in SLUGS:
        folder = site / "articles" / slug
        assert (folder / "index.html").is_file()
        assert (folder / "article.yaml").is_file()
        assert (folder / "references.bib").is_file()
        assert ET.parse(folder / f"{slug}.tei.xml").getroot().tag == f"{TEI}TEI"


def test_second_article_tei_has_all_notes_and_entries(site):
    root = ET.parse(site / "articles/second-article/second-article.tei.xml").getroot()
    assert [n.get("n") for n in root.iter(f"{TEI}note")] == ["1", "2", "3", "4", "5", "6"]
    assert len(list(root.iter(f"{TEI}pb"))) == 3  # where each page begins, the first too
    assert root.findtext(f".//{TEI}biblScope") == "LI"
    article = load_article(site.parent / "content/second-article/article.yaml")
    assert len(article.bibliography) >= 3
    assert len(root.findall(f".//{TEI}listBibl/{TEI}bibl")) == len(article.bibliography)


def test_home_lists_both_grouped_by_volume(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    # Cut the page at its h2 headings: each volume's part must hold its article only.
    parts = re.split(r"<h2[^>]*>", html)[1:]
    by_heading = {re.sub(r"<[^>]+>", "", p.split("</h2>")[0]).strip(): p for p in parts}
    older, newer = by_heading["Balcanica L (2019)"], by_heading["Balcanica LI (2020)"]
    assert 'href="articles/balcanica-2019-edemskiy/"' in older
    assert "articles/second-article/" not in older
    assert 'href="articles/second-article/"' in newer
    assert "articles/balcanica-2019-edemskiy/" not in newer


def test_sitemap_and_feed_list_both(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2
    for slug in SLUGS:
        assert f"/articles/{slug}/</loc>" in sitemap


def test_archive_pages_gather_citations_from_both(site):
    # Both articles cite RGANI F 3, inv. 14, f. 463 and F 3, inv. 12, f. 420.
    for path in ("fond-3/opis-14/delo-463", "fond-3/opis-12/delo-420"):
        html = (site / "archives/rgani" / path / "index.html").read_text(encoding="utf-8")
        for slug in SLUGS:
            assert f"articles/{slug}/" in html, (path, slug)
    # Only the second article cites fond 5.
    html = (site / "archives/rgani/fond-5/opis-30/delo-335/index.html").read_text("utf-8")
    assert "articles/second-article/" in html
    assert "articles/balcanica-2019-edemskiy/" not in html


def _indexed_urls(site: Path) -> set[str]:
    urls = set()
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        data = data.removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"])
    return urls


def test_search_spans_both(site):
    urls = _indexed_urls(site)
    for slug in SLUGS:
        assert any(f"/articles/{slug}/" in url for url in urls), slug


def test_adding_an_article_keeps_the_first_ones_anchors(site, built_site):
    def anchors(page: Path) -> set[str]:
        return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))

    page = f"articles/{SLUGS[0]}/index.html"
    alone, together = anchors(built_site / page), anchors(site / page)
    assert {a for a in alone if a.startswith(("p-", "fn-", "fnref-", "bib-"))}
    assert alone == together
