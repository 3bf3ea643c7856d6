"""Writing the site: pages first, so the search indexer can start before the rest is made."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edition.build import making as output
from edition.build import workers as batch
from edition.build.files import Output
from edition.build.writer import SiteWriter
from edition.errors import BuildError, Problem


@pytest.fixture(autouse=True)
def _alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a build: no other thread (a server another test started would stop the forks)."""
    monkeypatch.setattr(batch.threading, "active_count", lambda: 1)


def _outputs(count: int) -> list[Output]:
    """Pages and other files, interleaved as a build lists them."""
    made = []
    for n in range(count):
        made.append(Output(f"p{n}/index.html", f"k{n}", lambda n=n: f"<p>{n}</p>".encode()))
        made.append(Output(f"p{n}/data.xml", f"x{n}", lambda n=n: f"<x>{n}</x>".encode()))
    return made


@pytest.mark.parametrize(("pool", "when"), [(False, (6, 0)), (True, (6, 6))])
def test_pages_done_comes_once_the_pages_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool, when: tuple[int, int]
) -> None:
    """In one process before the other files are made; with a pool (both cores busy), after."""
    monkeypatch.setattr(output, "POOL_MIN", 4 if pool else 10_000)
    writer = SiteWriter(tmp_path / "_site", None)
    staging = writer.begin()
    seen: list[tuple[int, int]] = []

    def pages_done() -> None:
        pages = len(list(staging.rglob("*.html")))
        others = len(list(staging.rglob("*.xml")))
        seen.append((pages, others))

    made, reused = writer.produce(_outputs(6), pages_done=pages_done)
    assert (made, reused) == (12, 0)
    assert seen == [when]  # called once
    assert len(list(staging.rglob("*.xml"))) == 6
    writer.finish()
    assert (tmp_path / "_site" / "p5" / "data.xml").read_bytes() == b"<x>5</x>"


def test_pages_done_is_called_even_with_nothing_to_make(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "_site", None)
    writer.begin()
    calls = []
    assert writer.produce([], pages_done=lambda: calls.append(1)) == (0, 0)
    assert calls == [1]


def _pages(count: int, make=None) -> list[Output]:  # noqa: ANN001
    """Pages that say which process made them."""
    made = make or (lambda n: f"{n} {os.getpid()}".encode())
    return [Output(f"p{n}/index.html", f"k{n}", lambda n=n: made(n)) for n in range(count)]


def test_a_small_build_shares_its_pages_with_one_forked_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "POOL_MIN", 10_000)
    writer = SiteWriter(tmp_path / "_site", None)
    staging = writer.begin()
    seen = []
    others = [Output("data.xml", "x", lambda: b"<x/>")]
    pages = output.SPLIT_MIN + 2
    made, _ = writer.produce(
        _pages(pages) + others,
        pages_done=lambda: seen.append(
            (len(list(staging.rglob("*.html"))), (staging / "data.xml").exists())
        ),
    )
    assert made == pages + 1
    assert seen == [(pages, False)]
    makers = {(staging / f"p{n}/index.html").read_text().split()[1] for n in range(pages)}
    assert len(makers) == 2 and str(os.getpid()) in makers


def test_a_problem_in_the_child_s_share_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "POOL_MIN", 10_000)

    def make(n: int) -> bytes:
        if n == 3:  # an odd one: the child's
            raise BuildError([Problem("error", "templates/x.html", 7, "broken", "")])
        return b"page"

    writer = SiteWriter(tmp_path / "_site", None)
    writer.begin()
    with pytest.raises(BuildError) as stopped:
        writer.produce(_pages(output.SPLIT_MIN, make))
    assert [str(p) for p in stopped.value.problems] == ["templates/x.html:7: error: broken"]


def test_a_child_that_crashes_has_its_share_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "POOL_MIN", 10_000)
    parent = os.getpid()

    def make(n: int) -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("a bug that only bites in the child")
        return f"{n}".encode()

    writer = SiteWriter(tmp_path / "_site", None)
    staging = writer.begin()
    writer.produce(_pages(output.SPLIT_MIN, make))
    assert [(staging / f"p{n}/index.html").read_text() for n in range(output.SPLIT_MIN)] == [
        str(n) for n in range(output.SPLIT_MIN)
    ]


def _site(tmp_path: Path, files: dict[str, str], cache: Path | None = None) -> SiteWriter:
    """Build a site of `files` (path -> text) into tmp_path/_site."""
    writer = SiteWriter(tmp_path / "_site", cache)
    writer.begin()
    outputs = [Output(p, f"key-{t}", lambda t=t: t.encode()) for p, t in files.items()]
    writer.produce(outputs)
    writer.finish()
    return writer


def test_every_tree_is_marked_and_the_one_before_is_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, {"a.html": "1"}, cache)
    _site(tmp_path, {"a.html": "2"}, cache)
    assert (tmp_path / "_site" / ".edition-site").is_file()
    assert (tmp_path / "._site.prev" / ".edition-site").is_file()
    assert (tmp_path / "_site" / "a.html").read_text() == "2"
    assert (tmp_path / "._site.prev" / "a.html").read_text() == "1"
    assert not (tmp_path / "._site.trash").exists() and not (tmp_path / "._site.new").exists()


def test_a_user_folder_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site" / "mine.txt").write_text("mine")
    with pytest.raises(BuildError) as caught:
        SiteWriter(tmp_path / "_site", None)
    assert "holds files this tool did not make" in str(caught.value)
    assert (tmp_path / "_site" / "mine.txt").read_text() == "mine"


def test_a_killed_build_s_tree_goes_and_an_unmarked_one_is_never_published(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, {"a.html": "1"}, cache)
    (tmp_path / "._site.new").mkdir()
    (tmp_path / "._site.new" / "half.html").write_text("half")  # a build killed mid-way
    _site(tmp_path, {"a.html": "2"}, cache)
    assert sorted(p.name for p in (tmp_path / "_site").iterdir()) == [".edition-site", "a.html"]


def test_a_swap_killed_between_two_renames_is_repaired(tmp_path: Path) -> None:
    """The fallback swap (no renameat2): killed with the live site renamed aside."""
    cache = tmp_path / "cache"
    _site(tmp_path, {"a.html": "1"}, cache)
    (tmp_path / "_site").rename(tmp_path / "._site.old")
    writer = SiteWriter(tmp_path / "_site", cache)  # recovers before anything else
    assert (tmp_path / "_site" / "a.html").read_text() == "1"
    assert writer.live == {"a.html": "key-1"}  # the tree and its manifest, still a pair
    assert not (tmp_path / "._site.old").exists()


def test_after_a_killed_swap_no_manifest_is_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, {"a.html": "1"}, cache)
    _site(tmp_path, {"a.html": "2"}, cache)
    (cache / "outputs.new.json").write_text("{}")  # the journal of a swap under way
    writer = SiteWriter(tmp_path / "_site", cache)
    assert writer.live == {} and writer.live_key == ""
    writer.begin()
    assert writer.base == {}  # the tree before is not recycled either
    assert not (tmp_path / "._site.prev").exists()


def test_a_build_without_search_keeps_no_stale_index(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, {"a.html": "1"}, cache)
    _site(tmp_path, {"a.html": "2"}, cache)
    (tmp_path / "._site.prev" / "pagefind").mkdir()
    (tmp_path / "._site.prev" / "pagefind" / "pagefind.js").write_text("old index")
    writer = SiteWriter(tmp_path / "_site", cache)
    staging = writer.begin(search=False)
    assert writer.base  # the tree before is recycled...
    assert not (staging / "pagefind").exists()  # ...without its index


def test_the_lock_says_who_holds_it(tmp_path: Path) -> None:
    import fcntl

    from edition.build.lock import lock_path, site_lock

    out = tmp_path / "_site"
    with open(lock_path(out), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("777")
        handle.flush()
        with pytest.raises(BuildError) as caught, site_lock(out, wait=0.1):
            pass
    assert "another build (pid 777) is writing" in str(caught.value)
    with site_lock(out, wait=0.1):
        assert lock_path(out).read_text() == str(os.getpid())
