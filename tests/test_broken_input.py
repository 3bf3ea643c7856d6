"""Broken input: each case gets `file:line: message`, exit 1, no traceback, nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SOURCE, build_project, make_project

SLUG = "balcanica-2019-edemskiy"
SHOWN = f"sources/{SLUG}.txt"
TEXT = SOURCE.read_text(encoding="utf-8")
DATA = SOURCE.read_bytes()


def _text(old: str, new: str) -> Callable[[], bytes]:
    def make() -> bytes:
        assert old in TEXT
        return TEXT.replace(old, new, 1).encode("utf-8")

    return make


CASES: list[tuple[str, Callable[[], bytes], str]] = [
    (
        "truncated",
        lambda: DATA[: len(DATA) // 2],
        f"{SHOWN}:136: error: the text ends in the middle of a sentence and no bibliography"
        " follows\n  hint: is the file truncated? extract the whole article again",
    ),
    (
        "truncated-in-the-cover",
        lambda: DATA[:300],
        f"{SHOWN}:3: error: no 'Abstract:' found\n  hint: the article needs an abstract",
    ),
    (
        "binary-junk",
        lambda: bytes(range(256)) * 4,
        f"{SHOWN}:2: error: not valid UTF-8 (byte 0x80)\n  hint: save the file as UTF-8",
    ),
    (
        "nul-bytes",
        lambda: b"Title\n\x00\x01\x02",
        f"{SHOWN}:2: error: the file contains NUL bytes (binary data?)",
    ),
    (
        "invalid-utf8",
        lambda: DATA.replace(b"Hoxha", b"Ho\xffxha", 1),
        f"{SHOWN}:36: error: not valid UTF-8 (byte 0xff)\n  hint: save the file as UTF-8",
    ),
    (
        "huge-line",
        _text("Obviously, what lay", "x" * 2_000_000 + " Obviously, what lay"),
        f"{SHOWN}:80: error: line is 2,000,631 characters long (more than 100,000)\n"
        "  hint: binary data or a broken extraction? re-extract the text",
    ),
    (
        "empty",
        lambda: b"",
        f"{SHOWN}:1: error: the file is empty\n  hint: put the article's text in it",
    ),
    (
        "note-twice",
        _text("⁴ Ibid", "³ Ibid"),
        f"{SHOWN}:64: error: note 3 appears twice (first at line 62)\n"
        "  hint: renumber the notes or remove the duplicate",
    ),
    (
        "marker-without-note",
        _text("in Bucharest (decisions", "in Bucharest⁹⁹ (decisions"),
        f"{SHOWN}:58: error: marker 99 has no note\n"
        "  hint: add the note at the foot of the page, or remove the marker",
    ),
    (
        "note-without-marker",
        _text("Paris summit.³", "Paris summit."),
        f"{SHOWN}:62: error: note 3 has no marker in the text\n"
        "  hint: add the superscript marker where the note belongs",
    ),
    (
        "unclosed-italic",
        _text("*mesiachnik*", "*mesiachnik"),
        f"{SHOWN}:218: error: unclosed '*' (italic) in this paragraph\n"
        "  hint: close the italic with a second '*', or escape a literal one as '\\*'",
    ),
]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("good"))
    assert build_project(project, "--no-search") == 0
    return project


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_source(
    name: str,
    make: Callable[[], bytes],
    message: str,
    good: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(good, project)
    site, content = _tree(project / "_site"), _tree(project / "content")
    (project / "sources" / f"{SLUG}.txt").write_bytes(make())
    capsys.readouterr()
    assert build_project(project, "--no-search") == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.endswith("build stopped: the sources have errors; the previous site is unchanged\n")
    assert "Traceback" not in err
    # Nothing lost: the last good site and the imported content stay as they were.
    assert _tree(project / "_site") == site
    assert _tree(project / "content") == content


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("emendations:\n  - sic: [\n", ":3: error: invalid YAML: expected the node content"),
        ("emendations:\n\t- x\n", ":2: error: invalid YAML: found character '\\t'"),
        ("a: b\n\x00", ":2: error: invalid YAML: control character '\\x00' is not allowed"),
        ("metadata: {doi: 1\n", ":2: error: invalid YAML: expected ',' or '}', but got"),
    ],
)
def test_broken_editorial_yaml(
    yaml_text: str, message: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(good, project)
    site = _tree(project / "_site")
    (project / "content" / SLUG / "editorial.yaml").write_text(yaml_text)
    capsys.readouterr()
    assert build_project(project, "--no-search") == 1
    err = capsys.readouterr().err
    assert f"content/{SLUG}/editorial.yaml{message}" in err
    assert "Traceback" not in err
    assert _tree(project / "_site") == site


def test_a_failure_while_pagefind_indexes_stops_it_and_keeps_the_live_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pagefind starts once the pages are written; a later failure ends it, writes nothing."""
    from edition.build import outputs
    from edition.build import pagefind as search
    from edition.errors import BuildError, Problem

    project = make_project(tmp_path)
    assert build_project(project) == 0
    live = project / "_site"
    before = {p: p.read_bytes() for p in live.rglob("*") if p.is_file()}
    started: list[search.Indexing] = []
    start = search.start_index

    def record(*args, **kwargs):  # noqa: ANN002, ANN003
        started.append(start(*args, **kwargs))
        return started[-1]

    def broken_tei(article, config):  # noqa: ANN001
        raise BuildError([Problem("error", "templates/tei", 3, "the TEI cannot be made", "")])

    monkeypatch.setattr(search, "start_index", record)
    monkeypatch.setattr(outputs.tei, "article_tei", broken_tei)
    (project / "content" / SLUG / "editorial.yaml").write_text("{}\n")  # a change to build
    # A full build: a quick one indexes only its delta, once every file is written.
    (project / ".edition-cache" / "state.json").unlink()
    capsys.readouterr()
    assert build_project(project) == 1
    assert "templates/tei:3: error: the TEI cannot be made" in capsys.readouterr().err
    assert len(started) == 1 and started[0].process.poll() is not None  # not left running
    assert {p: p.read_bytes() for p in live.rglob("*") if p.is_file()} == before
    assert not (project / "._site.new").exists()
