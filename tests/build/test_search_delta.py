"""The search index across builds: a quick rebuild's delta, its folding, shards, --no-search."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from edition.build import search_delta, search_shards
from edition.build.cache import open_cache
from edition.config import load_config
from edition.pipeline import BuildResult, run

if str(ROOT) not in sys.path:  # `benchmarks` lives at the root, next to `src`
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402


def _build(project: Path, search: bool = True) -> BuildResult:
    config, problems = load_config(project)
    assert problems == []
    return run(config, search=search, cache=open_cache(project))


def _fix_note(source: Path, word: str) -> None:
    text = source.read_text(encoding="utf-8")
    at = text.index("\n¹ ") + 3
    source.write_text(text[:at] + word + " " + text[at:], encoding="utf-8")


def _new_abstract(source: Path) -> None:
    """The home page and the feed show an abstract: a full build."""
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Abstract: ", "Abstract: Lately, ", 1), encoding="utf-8")


def _manifest(project: Path) -> dict:
    return json.loads((project / "_site" / search_delta.MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path, sources=[])
    corpus.write_corpus(project / "sources", 3, seed=11)
    assert not _build(project).quick
    return project


def test_a_full_build_names_its_base_and_no_delta(project: Path) -> None:
    manifest = _manifest(project)
    assert manifest == {"indexes": ["pagefind/"], "delta": None}
    assert not (project / "_site" / search_delta.DELTA).exists()


def test_quick_rebuilds_add_their_pages_to_one_delta(project: Path) -> None:
    sources = sorted((project / "sources").glob("*.txt"))
    _fix_note(sources[0], "Ashvellion")
    assert _build(project).quick
    first = _manifest(project)["pages"]
    _fix_note(sources[2], "Brinthorpe")
    assert _build(project).quick
    manifest = _manifest(project)
    assert set(first) < set(manifest["pages"])
    slugs = {p.split("/")[1] for p in manifest["pages"] if p.startswith("articles/")}
    assert slugs == {sources[0].stem, sources[2].stem}
    # Every stale id is a base page the delta holds anew.
    urls = {search_delta.page_url(p) for p in manifest["pages"]}
    assert manifest["stale"] and all(url in urls for _, _, url in manifest["stale"])
    # The base was carried over untouched: the live site's base is the full build's.
    ids = search_delta.fragment_urls(project / "_site" / "pagefind")
    assert {page for _, page, _ in manifest["stale"]} <= ids.keys()


def test_a_rebuild_with_nothing_changed_keeps_the_base_alone(project: Path) -> None:
    before = search_delta.fragment_urls(project / "_site" / "pagefind")
    assert _build(project).quick
    assert _manifest(project)["delta"] is None
    assert search_delta.fragment_urls(project / "_site" / "pagefind") == before


def test_a_full_build_folds_the_delta_in(project: Path) -> None:
    source = sorted((project / "sources").glob("*.txt"))[1]
    _fix_note(source, "Corvantis")
    assert _build(project).quick
    assert _manifest(project)["delta"]
    _new_abstract(source)
    assert not _build(project).quick
    assert _manifest(project)["delta"] is None
    assert not (project / "_site" / search_delta.DELTA).exists()
    urls = set(search_delta.fragment_urls(project / "_site" / "pagefind").values())
    assert f"/articles/{source.stem}/" in urls


def test_a_delta_past_its_size_is_folded_in(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(search_delta, "FOLD_AT", 0)  # the note's article page is past it
    _fix_note(sorted((project / "sources").glob("*.txt"))[0], "Dravenholt")
    result = _build(project)
    assert result.quick  # the pages are still a quick rebuild's; the index is a full one
    assert _manifest(project)["delta"] is None


def test_a_build_without_search_leaves_no_delta_live(project: Path) -> None:
    _fix_note(sorted((project / "sources").glob("*.txt"))[0], "Elmsworth")
    assert _build(project).quick
    _fix_note(sorted((project / "sources").glob("*.txt"))[0], "Fennimore")
    _build(project, search=False)
    site = project / "_site"
    assert not (site / search_delta.MANIFEST).exists()
    assert not (site / search_delta.DELTA).exists()


def test_an_index_the_cache_does_not_describe_is_made_whole(project: Path) -> None:
    (project / ".edition-cache" / search_delta.PAGE_IDS).unlink()
    _fix_note(sorted((project / "sources").glob("*.txt"))[0], "Galdrenwick")
    assert _build(project).quick
    assert _manifest(project)["delta"] is None


def test_a_large_site_is_indexed_in_shards_that_hold_every_page_once(
    project: Path, monkeypatch
) -> None:
    whole = set(search_delta.fragment_urls(project / "_site" / "pagefind").values())
    monkeypatch.setattr(search_shards, "SHARD_PAGES", len(whole) // 3)  # of the indexed pages
    _new_abstract(project / "sources" / "article-0001.txt")
    assert not _build(project).quick
    bundles = [name.rstrip("/") for name in _manifest(project)["indexes"]]
    assert len(bundles) > 2 and bundles[0] == "pagefind"
    found = [search_delta.fragment_urls(project / "_site" / b).values() for b in bundles]
    assert sorted(u for urls in found for u in urls) == sorted(whole)
    # A quick rebuild after it keeps every shard and adds the delta.
    _fix_note(project / "sources" / "article-0002.txt", "Harrowgate")
    assert _build(project).quick
    manifest = _manifest(project)
    assert manifest["delta"] and [n.rstrip("/") for n in manifest["indexes"]] == bundles
    assert all((project / "_site" / b / "pagefind-entry.json").is_file() for b in bundles)


def test_shards_made_as_separate_jobs_make_the_same_index(project: Path, monkeypatch, capsys):
    site = project / "_site"
    whole = sorted(search_delta.fragment_urls(site / "pagefind").values())
    _build(project, search=False)  # a CI build job: the pages, no index
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 15)
    assert search_shards.main(["count", str(site)]) == 0
    count = int(capsys.readouterr().out)
    assert count > 1
    assert search_shards.main(["manifest", str(site)]) == 1  # no shard yet: refused
    for n in range(count):  # the matrix jobs
        assert search_shards.main(["index", str(site), str(n), "en"]) == 0
    assert search_shards.main(["manifest", str(site)]) == 0
    bundles = [name.rstrip("/") for name in _manifest(project)["indexes"]]
    assert len(bundles) == count
    found = [url for b in bundles for url in search_delta.fragment_urls(site / b).values()]
    assert sorted(found) == whole


def test_fragment_urls_reads_each_fragment_once(project: Path, monkeypatch) -> None:
    bundle = project / "_site" / "pagefind"
    ids = search_delta.fragment_urls(bundle)
    assert ids and all(url.startswith("/") and url.endswith("/") for url in ids.values())
    monkeypatch.setattr(search_delta, "_fragment_url", lambda path: pytest.fail(str(path)))
    assert search_delta.fragment_urls(bundle, ids) == ids


def _pages(articles: int, files: int) -> list[str]:
    pages = ["index.html", "search/index.html", "archives/index.html"]
    pages += [f"articles/a-{n}/index.html" for n in range(articles)]
    pages += [f"archives/x/fond-{n % 7}/opis-1/delo-{n}/index.html" for n in range(files)]
    return pages


@pytest.mark.parametrize(("articles", "files", "limit"), [(40, 300, 100), (5, 900, 250), (3, 1, 2)])
def test_shards_cover_every_page_once_and_stay_near_the_limit(
    articles: int, files: int, limit: int
) -> None:
    pages = _pages(articles, files)
    globs = search_shards.shard_globs(pages, limit)
    assert len(globs) == -(-len(pages) // limit)
    alternatives = [(g or "").strip("{}").split(",") for g in globs]

    def matches(page: str, parts: list[str]) -> bool:
        folders = [p[: -len("**/*.html")] for p in parts if p.endswith("**/*.html")]
        return page in parts or any(page.startswith(folder) for folder in folders)

    for page in pages:
        assert sum(matches(page, parts) for parts in alternatives) == 1, page
    for parts in alternatives:
        assert sum(matches(p, parts) for p in pages) <= limit * 1.25 + 1


def test_a_small_site_or_an_odd_name_is_one_index() -> None:
    assert search_shards.shard_globs(_pages(2, 3), 100) == [None]
    assert search_shards.shard_globs(["a b/index.html", *_pages(50, 200)], 10) == [None]


def test_a_quick_rebuild_that_fails_leaves_the_live_index_as_it_was(
    project: Path, monkeypatch
) -> None:
    from edition.build import outputs
    from edition.errors import BuildError, Problem

    site = project / "_site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    def broken_tei(article, config):  # noqa: ANN001
        raise BuildError([Problem("error", "templates/tei", 3, "the TEI cannot be made", "")])

    monkeypatch.setattr(outputs.tei, "article_tei", broken_tei)
    _fix_note(sorted((project / "sources").glob("*.txt"))[0], "Ilverstone")
    with pytest.raises(BuildError):
        _build(project)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_quick_rebuilds_keep_the_recycled_tree_s_shards(project: Path, monkeypatch) -> None:
    """The shards are the live site's: nothing is linked in again, none goes stale."""
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 12)
    _new_abstract(project / "sources" / "article-0001.txt")
    assert not _build(project).quick
    bundles = [name.rstrip("/") for name in _manifest(project)["indexes"]]
    for word in ("Harrowgate", "Ellesmere"):  # the second recycles the first's tree
        _fix_note(project / "sources" / "article-0002.txt", word)
        assert _build(project).quick
    linked: list[Path] = []
    monkeypatch.setattr(search_delta, "_link_tree", lambda a, b: linked.append(b))
    _fix_note(project / "sources" / "article-0002.txt", "Wharfedale")
    assert _build(project).quick
    assert linked == []  # every bundle of the recycled tree was the live one already
    site = project / "_site"
    assert [n.rstrip("/") for n in _manifest(project)["indexes"]] == bundles
    assert all((site / b / "pagefind-entry.json").is_file() for b in bundles)
    # A full build with one index again: no shard of before is left in the live site.
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 12_000)
    _new_abstract(project / "sources" / "article-0003.txt")
    assert not _build(project).quick
    assert _manifest(project)["indexes"] == ["pagefind/"]
    assert [p.name for p in site.iterdir() if p.name.startswith("pagefind")] == ["pagefind"]
