"""Each language's index searched with that language's rules, in Chromium, on real editions:
the bundled article, the multi-article fixture and articles in Russian, German and
Serbian beside them, searched from an English search page and from a Russian one, and
the same edition with its index in shards (a language's pages in several bundles).

Pagefind keeps one index per page language, stemmed by that language's rules; the
search page (assets/search-index.js) opens a copy of Pagefind per language's rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SOURCE, build_project, make_project

from edition.build import search_shards
from edition.site.search_markup import KINDS
from edition.site.words import packaged_tables, words_for
from tests.site.test_search_site import Searcher, bare
from tests.support.samples import SAMPLES
from tests.support.typeset import typeset

pytestmark = pytest.mark.browser

SECOND = ROOT / "tests" / "fixtures" / "second-article.txt"
# The article in each language, as a source of the edition (slug: sample, layout).
SAMPLE_PDFS = {
    "russian-sample": ("russian", "journal-a"),
    "german-sample": ("german", "journal-b"),
    "serbian-sample": ("serbian", "journal-a"),
}
LANGUAGES = {"russian-sample": "ru", "german-sample": "de", "serbian-sample": "sr"}

# An inflected form that no page prints, and the article whose other forms it must find.
INFLECTED = [
    ("заседание", "russian-sample"),  # заседаниях, заседаний
    ("поставкам", "russian-sample"),  # поставках
    ("соглашениям", "russian-sample"),  # соглашения
    ("Überlieferungen", "german-sample"),  # Überlieferung
    ("isporukom", "serbian-sample"),  # isporuka
    ("requested", "second-article"),  # requests
]


def _project(
    tmp: Path, sources: list[Path], samples: list[str], language: str, shard_pages: int = 0
) -> Path:
    project = make_project(tmp, sources)
    for slug in samples:
        name, layout = SAMPLE_PDFS[slug]
        (project / "sources" / f"{slug}.pdf").write_bytes(typeset(SAMPLES[name](), layout).pdf)
    config = project / "edition.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", text), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        if shard_pages:  # a large edition's index, in shards: a few pages to a shard
            patch.setattr(search_shards, "SHARD_PAGES", shard_pages)
        assert build_project(project) == 0
    return project / "_site"


@pytest.fixture(scope="module")
def editions(tmp_path_factory, serve) -> dict[str, tuple[str, Path]]:
    """(URL, site) of an English edition, a Russian one and the English one in shards."""
    english = _project(
        tmp_path_factory.mktemp("languages-en"), [SOURCE, SECOND], list(SAMPLE_PDFS), "en"
    )
    russian = _project(tmp_path_factory.mktemp("languages-ru"), [SECOND], ["russian-sample"], "ru")
    sharded = _project(
        tmp_path_factory.mktemp("languages-shards"), [SOURCE, SECOND], list(SAMPLE_PDFS), "en", 4
    )
    return {
        "en": (serve(english), english),
        "ru": (serve(russian), russian),
        "shards": (serve(sharded), sharded),
    }


def searcher_for(browser, editions, lang: str):
    url, site = editions[lang]
    return Searcher(browser.new_page(), url, site), site


@pytest.fixture(params=["en", "ru", "shards"])
def search_page(request, browser, editions):
    searcher, site = searcher_for(browser, editions, request.param)
    yield searcher, site
    searcher.page.close()


def visible_words(site: Path, slug: str) -> set[str]:
    """The words of an article's page as a reader sees them (no hidden forms, no tags)."""
    html = (site / "articles" / slug / "index.html").read_text(encoding="utf-8")
    html = re.sub(r'<span class="search-forms" hidden>.*?</span>', " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return {bare(w) for w in re.split(r"[^\w]+", text) if w}


def test_each_article_has_the_index_of_its_own_language(editions):
    for name, (_, site) in editions.items():
        if name == "shards":
            continue  # below
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        for slug, language in LANGUAGES.items():
            page = site / "articles" / slug / "index.html"
            if page.is_file():
                assert f'<html lang="{language}"' in page.read_text("utf-8")
                assert language in entry["languages"], (name, slug, entry["languages"])
        search = (site / "search" / "index.html").read_text("utf-8")
        assert f'<html lang="{name}"' in search


def test_a_sharded_index_holds_its_languages_in_several_bundles(editions):
    _, site = editions["shards"]
    manifest = json.loads((site / "search-index.json").read_text("utf-8"))
    bundles = manifest["indexes"]
    assert len(bundles) >= 3, bundles
    where = {}
    for bundle in bundles:
        entry = json.loads((site / bundle / "pagefind-entry.json").read_text("utf-8"))
        for language in entry["languages"]:
            where.setdefault(language, []).append(bundle)
    assert {"en", "ru", "de", "sr"} <= set(where), where
    assert len(where["en"]) > 1, where  # one language's pages in several bundles


# The Russian edition holds the Russian article and the English one.
ON_EACH_PAGE = [(lang, q, slug) for lang in ("en", "shards") for q, slug in INFLECTED] + [
    ("ru", q, slug) for q, slug in INFLECTED if slug in ("russian-sample", "second-article")
]


@pytest.mark.parametrize(("lang", "query", "slug"), ON_EACH_PAGE)
def test_an_inflected_query_finds_the_other_forms_in_the_articles_language(
    browser, editions, lang, query, slug
):
    searcher, site = searcher_for(browser, editions, lang)
    assert bare(query) not in visible_words(site, slug)  # only another form is printed
    result = searcher.ask(query)  # checks every hit holds a form of the query
    hits = [s for p in result["pages"] if p["href"].endswith(f"/{slug}/") for s in p["subs"]]
    marks = {bare(m) for s in hits for m in s["marks"]}
    assert marks and marks <= visible_words(site, slug), (query, marks)
    assert bare(query) not in marks
    searcher.page.close()


def test_a_query_in_one_script_finds_articles_in_the_other(search_page):
    searcher, site = search_page
    # The Russian article prints КПСС; its hidden forms give kpss, as the English
    # article's CPSU gives КПСС: either form finds both, from either search page.
    for query in ("KPSS", "КПСС"):
        pages = {p["href"].rstrip("/").rsplit("/", 1)[-1] for p in searcher.ask(query)["pages"]}
        assert "russian-sample" in pages, (query, pages)
        if (site / "articles" / SOURCE.stem).is_dir():
            assert SOURCE.stem in pages, (query, pages)


def test_a_query_typed_at_once_finds_every_language_and_lists_each_page_once(browser, editions):
    # The search page starts opening the index as it loads; a query typed meanwhile
    # must wait for the same index, not open a second one (each page would be listed
    # twice, or the other languages missed).
    searcher, _ = searcher_for(browser, editions, "en")
    result = searcher.ask("заседание")
    hrefs = [p["href"] for p in result["pages"]]
    assert any(h.endswith("/russian-sample/") for h in hrefs), hrefs
    assert len(hrefs) == len(set(hrefs)), hrefs
    searcher.page.close()


def test_a_russian_editions_search_page_answers_in_russian(browser, editions):
    # The status, the counts and the kinds are the edition's words, each count's plural
    # chosen by the page's script (Intl.PluralRules) as site/words.py chooses it.
    searcher, _ = searcher_for(browser, editions, "ru")
    result = searcher.ask("КПСС")
    t = words_for(packaged_tables(), "ru")
    places = sum(len(p["subs"]) or 1 for p in result["pages"])
    pages = len(result["pages"])
    assert places > 1 and pages > 1, result["status"]
    expected = t(
        "search_js_match",
        count=places,
        places=t("search_js_places", count=places).text,
        pages=t("search_js_on_pages", count=pages).text,
        query="КПСС",
    )
    assert result["status"] == expected.text
    for page in result["pages"]:
        n = len(page["subs"]) or 1
        assert page["count"] == f" — {t('search_js_page_places', count=n).text}"
    kinds = {s["kind"] for p in result["pages"] for s in p["subs"]} - {""}
    russian = {f"{t(f'search_kind_{k.key}').text} · " for k in KINDS}
    assert kinds and kinds <= russian and "Текст статьи · " in kinds, kinds
    links = [s["link"] for p in result["pages"] for s in p["subs"]]
    assert any(re.fullmatch(r"(Абзац|Примечание) \d+", link) for link in links), links
    searcher.page.close()
