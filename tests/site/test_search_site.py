"""Search on the real bundled edition, through Pagefind's JS API, at / and under /repo/."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_project, make_project
from test_search_browser import api_search

ARTICLE = "articles/balcanica-2019-edemskiy/"
DELO_463 = "archives/rgani/fond-3/opis-14/delo-463/"

# query -> (page, region that must hold a hit on it; "" = anywhere)
QUERIES = [
    ("Mehilli", ARTICLE, "fn-2"),
    ("Luthi", ARTICLE, "fn-6"),
    ("Bakic", "", ""),
    ("Хрущёв", ARTICLE, "p-2"),
    ("Микоян", ARTICLE, ""),
    ("Суслов", ARTICLE, ""),
    ("Velichanskaya", ARTICLE, "fn-12"),
    ("Velichanskaia", ARTICLE, "fn-12"),
    ("463", DELO_463, ""),
    ("delo 463", DELO_463, ""),
    ("Freedman", ARTICLE, "bib-freedman1970economic"),
]


@pytest.fixture(scope="module", params=["/", "/repo/"])
def served(request, tmp_path_factory, serve):
    prefix = request.param
    project = make_project(tmp_path_factory.mktemp("search-site"))
    webroot = project / "webroot"
    out = webroot / prefix.strip("/") if prefix != "/" else webroot
    assert build_project(project, "--out", str(out), "--base-url", prefix) == 0
    return serve(webroot) + prefix.lstrip("/"), prefix


@pytest.mark.browser
@pytest.mark.parametrize(("query", "path", "region"), QUERIES)
def test_query_finds_the_page_and_region(browser, served, query: str, path: str, region: str):
    url, prefix = served
    results = api_search(browser, url, prefix, query)
    urls = [r["url"] for r in results]
    wanted = prefix + path
    assert wanted in urls, (query, urls)
    if region:
        assert region in results[urls.index(wanted)]["regions"], (query, results)


@pytest.mark.browser
def test_search_page_shows_note_results(browser, served):
    url, _ = served
    page = browser.new_page()
    page.goto(f"{url}search/?q=Velichanskaya")
    page.wait_for_selector("[data-search-results] a[href*='#fn-12']", timeout=15000)
    text = page.inner_text("[data-search-results]")
    page.close()
    assert "Note 12" in text


def test_site_pages_are_indexed(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind.js").exists()
    article = (built_site / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in article
    assert 'data-pagefind-filter="archive[content]" content="RGANI"' in article
