"""Broken input: each case gets `file:line: message`, exit 1, no traceback, nothing lost."""

from __future__ import annotations

import os
import re
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
        f"{SHOWN}:14: error: the text ends in the middle of a sentence and no bibliography"
        " follows",
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
    assert err.endswith(
        f"build stopped: the sources have errors; the previous site in {project / '_site'}"
        " is unchanged\n"
    )
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


def _copy(good: Path, tmp_path: Path) -> Path:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(good, project, symlinks=True)
    return project


def _fails(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert build_project(project, "--no-search", *args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("args", "config_out", "message"),
    [
        (("--out", "."), "", "error: the output folder is the project"),
        ((), "out: .\n", "error: the output folder is the project"),
        ((), "out: sources\n", "error: the output folder is the sources"),
        ((), "out: content\n", "error: the output folder is the content"),
        ((), "out: templates\n", "error: the output folder is the templates"),
        ((), "out: ..\n", "error: the output folder contains the project"),
        ((), "out: content/site\n", "error: the output folder is inside the content"),
        (("--out", "docs"), "", "error: the output folder holds files this tool did not make"),
    ],
)
def test_an_output_folder_that_is_not_ours_is_refused_and_nothing_changes(
    args: tuple[str, ...],
    config_out: str,
    message: str,
    good: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _copy(good, tmp_path)
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text("mine")
    if config_out:
        config = project / "edition.yaml"
        config.write_text(config.read_text().replace("out: _site\n", config_out))
    before = _tree(tmp_path)
    paths = {".": str(project), "docs": str(project / "docs")}
    err = _fails(project, capsys, *[paths.get(a, a) for a in args])
    assert message in err
    assert "write the site to a folder of its own" in err
    assert _tree(tmp_path) == before  # nothing touched, anywhere


def test_an_empty_folder_or_one_we_made_may_be_the_output(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    (project / "docs").mkdir()
    assert build_project(project, "--no-search", "--out", str(project / "docs")) == 0
    assert (project / "docs" / ".edition-site").is_file()
    assert build_project(project, "--no-search", "--out", str(project / "docs")) == 0


def test_a_site_an_earlier_version_made_is_adopted(good: Path, tmp_path: Path) -> None:
    project = _copy(good, tmp_path)
    (project / "_site" / ".edition-site").unlink()  # as an earlier version left it
    assert build_project(project, "--no-search") == 0
    (project / "_site" / ".edition-site").unlink()
    (project / "_site" / "mine.txt").write_text("not ours")
    assert build_project(project, "--no-search") == 1


CONFIG_CASES = [
    ("title: [1, 2]\n", "edition.yaml:1: error: title must be a text, not a list"),
    ("title:\n", "edition.yaml:1: error: title must be a text, not empty"),
    (
        "title: a\ntitle: b\n",
        "edition.yaml:2: error: duplicate key 'title' (first given at line 1)",
    ),
    ('site_url: "javascript:alert(1)"\n', "edition.yaml:1: error: site_url must be an http(s)"),
    (
        'site_url: "https://a.org\\nb"\n',
        "edition.yaml:1: error: site_url holds a control character",
    ),
    ("sources: missing\n", "edition.yaml:1: error: sources folder 'missing' is missing"),
    ("language: 'en\"><script>'\n", "edition.yaml:1: error: language must be a language tag"),
    ("titel: x\n", "edition.yaml:1: error: unrecognised configuration name 'titel'"),
    ("x: !!python/object/apply:os.system [ls]\n", "edition.yaml:1: error: YAML tag"),
]


@pytest.mark.parametrize(("text", "message"), CONFIG_CASES, ids=[c[1][14:40] for c in CONFIG_CASES])
def test_a_wrong_configuration_is_refused_with_its_line(
    text: str, message: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    (project / "edition.yaml").write_text(text)
    site = _tree(project / "_site")
    assert message in _fails(project, capsys)
    assert _tree(project / "_site") == site


def _bomb(levels: int = 9) -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, levels):
        prev, name = chr(96 + n), chr(97 + n)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("where", ["edition.yaml", f"content/{SLUG}/editorial.yaml"])
def test_an_alias_bomb_fails_fast(
    where: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    project = _copy(good, tmp_path)
    (project / where).write_text(_bomb())
    assert len(_bomb()) < 1100
    started = time.monotonic()
    err = _fails(project, capsys)
    assert time.monotonic() - started < 10
    assert f"{where}:1: error: YAML aliases expand to more than 1,000,000 values" in err


@pytest.mark.parametrize("name", ["edition.yaml", f"content/{SLUG}/editorial.yaml"])
def test_a_yaml_file_that_is_a_folder(
    name: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    (project / name).unlink(missing_ok=True)
    (project / name).mkdir()
    assert f"{name}: error: is a folder, not a file" in _fails(project, capsys)


def test_invalid_utf8_in_the_registry_is_shown_at_its_line(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    registry = project / "content" / "archives.yaml"
    lines = registry.read_bytes().split(b"\n")
    lines[6] += b" \xff"
    registry.write_bytes(b"\n".join(lines))
    err = _fails(project, capsys)
    assert "content/archives.yaml:7: error: not valid UTF-8 (byte 0xff)" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s: os.mkfifo(s / "pipe.txt"), "sources/pipe.txt: error: is not a regular file"),
        (lambda s: (s / "gone.txt").symlink_to(s / "nothing"), "is a symbolic link to nothing"),
        (
            lambda s: (s / "loop.txt").symlink_to(s / "loop.txt"),
            "loop.txt: error: cannot be followed",
        ),
        (lambda s: (s / "out.txt").symlink_to("/etc/hostname"), "a symbolic link leading outside"),
        (
            lambda s: (s / "folder.txt").mkdir(),
            "sources/folder.txt: error: is a folder, not a file",
        ),
        (
            lambda s: (s / "...txt").write_text("x"),
            "sources/...txt: error: its name makes a bad URL",
        ),
        (lambda s: (s / "a#b.txt").write_text("x"), "sources/a#b.txt: error: its name makes a bad"),
        (
            lambda s: (s / f"{SLUG.upper()}.txt").write_text("x"),
            ".txt: error: has the same name as",
        ),
    ],
)
def test_a_source_that_is_not_a_plain_file_of_sources_is_refused(
    make, message: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    project = _copy(good, tmp_path)
    make(project / "sources")
    before = _tree(project / "content"), _tree(project / "_site")
    started = time.monotonic()
    assert message in _fails(project, capsys)
    assert time.monotonic() - started < 20  # a FIFO is never opened
    assert (_tree(project / "content"), _tree(project / "_site")) == before
    assert not (project / "article.yaml").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("\u2074 Ibid. \ue003 7 \ue003 p. 53.", ":64: error: private-use character U+E003"),
        ("\u2074 Ibid.\x07 p. 53.", ":64: error: control character U+0007 at column 8"),
        ("\u2074 Ibid. " + "*" * 3000 + " p. 53.", ":64: error: 3,000 emphasis marks"),
        ("\u2074 RGANI, F 3, inv. 1, f. " + "7" * 300, ":64: error: a number of 300 digits"),
    ],
)
def test_stray_characters_and_runaway_input_are_reported(
    change: str, message: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    source = project / "sources" / f"{SLUG}.txt"
    source.write_text(TEXT.replace("\u2074 Ibid. p. 53.", change, 1), encoding="utf-8")
    assert message in _fails(project, capsys)


def test_a_wrong_shaped_override_is_a_message(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    (project / "content" / SLUG / "editorial.yaml").write_text(
        "overrides:\n  - note: 4\n    citations: [{text: [1], archive: {a: b}}]\n"
        "emendations:\n  - {sic: [x], corr: {y: 1}, p: [2], reason: r, who: w, when: d}\n"
    )
    capsys.readouterr()
    code = build_project(project, "--no-search")
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert code in (0, 1)
    for line in err.splitlines():
        if ": error:" in line:
            assert re.match(rf"content/{SLUG}/editorial.yaml:\d+: error: ", line), line


def test_an_os_error_is_a_located_message(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from edition.build import files

    project = _copy(good, tmp_path)
    site = _tree(project / "_site")
    (project / "sources" / f"{SLUG}.txt").write_text(TEXT.replace("Ibid. p. 53.", "Ibid. p. 9."))

    def full(*args, **kwargs):  # noqa: ANN002, ANN003
        raise OSError(errno.ENOSPC, "No space left on device", str(args[0]))

    monkeypatch.setattr(files, "_create", full)
    err = _fails(project, capsys)
    assert ": error: No space left on device\n  hint: the disk is full" in err
    assert _tree(project / "_site") == site


def test_an_unexpected_error_is_one_line_with_a_hint(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from edition.build import gather

    project = _copy(good, tmp_path)

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(gather, "gather", broken)
    monkeypatch.setattr(gather, "load_one", broken)
    (project / "content" / SLUG / "editorial.yaml").write_text("metadata: {doi: 10.1/x}\n")
    capsys.readouterr()
    from edition.cli import main

    assert main(["build", "--root", str(project), "--no-search"]) == 2
    err = capsys.readouterr().err
    assert "error: internal error: ZeroDivisionError: a bug" in err
    assert "hint: this is a bug in edition; please report it" in err
    assert "Traceback" not in err


def test_a_control_character_escaped_in_yaml_is_refused(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _copy(good, tmp_path)
    (project / "content" / SLUG / "editorial.yaml").write_text(
        'emendations:\n  - sic: 22th CPSU\n    corr: "22nd\\aCPSU"\n    p: 22\n'
        "    reason: r\n    who: w\n    when: d\n"
    )
    err = _fails(project, capsys)
    assert f"content/{SLUG}/editorial.yaml:3: error: control character U+0007 in a value" in err
