"""After a one-note fix, search finds the new word and no longer the old one (delta index)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from edition.build.cache import open_cache
from edition.config import load_config
from edition.pipeline import run

if str(ROOT) not in sys.path:  # `benchmarks` lives at the root, next to `src`
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402

pytestmark = pytest.mark.browser

OLD, NEW = "Quorvanthine", "Zelbrightan"  # made-up words, in no source


def _edit_note(source: Path, old: str, new: str) -> None:
    text = source.read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1
        source.write_text(text.replace(old, new), encoding="utf-8")
        return
    at = text.index("\n¹ ") + 3  # the start of note 1
    source.write_text(text[:at] + new + " " + text[at:], encoding="utf-8")


def _build(project: Path):
    config, problems = load_config(project)
    assert problems == []
    return run(config, search=True, cache=open_cache(project))


@pytest.fixture(scope="module")
def fixed_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("delta"), sources=[])
    sources = corpus.write_corpus(project / "sources", 3, seed=7)
    _edit_note(sources[1], "", OLD)
    first = _build(project)
    assert not first.quick
    _edit_note(sources[1], OLD, NEW)
    fixed = _build(project)
    assert fixed.quick, "a one-note fix is a quick rebuild"
    return project / "_site", sources[1]


def _query(page, url: str, word: str) -> tuple[str, list[str]]:
    page.goto(f"{url}search/?q={word}")
    page.wait_for_function(
        "() => /match/.test(document.querySelector('[data-search-status]').textContent)"
    )
    status = page.text_content("[data-search-status]")
    links = page.eval_on_selector_all("[data-search-results] a", "els => els.map(e => e.href)")
    return status, links


def test_the_fix_is_indexed_as_a_delta(fixed_site: tuple[Path, Path]) -> None:
    site, _ = fixed_site
    manifest = json.loads((site / "search-index.json").read_text(encoding="utf-8"))
    assert manifest["delta"] == "pagefind-delta/"
    assert (site / "pagefind-delta" / "pagefind.js").is_file()
    assert any(p.startswith("articles/") for p in manifest["pages"])
    assert manifest["stale"], "the base's hits of the re-made pages are listed"


def test_search_finds_the_new_word_not_the_removed_one(fixed_site, serve, page) -> None:
    site, source = fixed_site
    url = serve(site)
    status, links = _query(page, url, NEW)
    assert "Nothing" not in status, status
    slug = source.stem
    assert any(f"/articles/{slug}/" in link for link in links), links
    status, links = _query(page, url, OLD)
    assert status.startswith("Nothing matches"), (status, links)


def test_pages_of_the_delta_are_not_found_twice(fixed_site, serve, page) -> None:
    site, source = fixed_site
    # A word of the fixed article's title: its page is in the base and in the delta.
    text = source.read_text(encoding="utf-8")
    word = next(w for w in text.split() if len(w) > 8 and w.isalpha())
    status, _ = _query(page, serve(site), word)
    assert "Nothing" not in status
    # One result a page: the pages' own links (a page's places link within it).
    pages = page.eval_on_selector_all(
        "[data-search-results] .search-result > h2 a", "els => els.map(e => e.href)"
    )
    assert pages and len(pages) == len(set(pages)), "\n".join(pages)
