"""Incremental, atomic builds: content hashes, identical output, failures harm nothing."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import build_project, make_project

from edition.build.cache import FileHashes, digest, open_cache
from edition.build.imports import import_sources
from edition.build.writer import MANIFESTS
from edition.config import load_config
from edition.pipeline import BuildResult, build

SLUG = "balcanica-2019-edemskiy"


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _build(project: Path) -> BuildResult:
    config, problems = load_config(project)
    assert problems == []
    cache = open_cache(project)
    _, found = import_sources(config, cache=cache)
    assert not found.errors
    return build(config, search=False, cache=cache)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    return project


# Files made per article besides its page: article.yaml, references.bib, TEI, .bib, .ris,
# .json; and per file page, its RIS record.
DOWNLOADS = 6
PER_FILE = 2


def _file_pages(project: Path) -> int:
    """File pages of the archive tree: they quote the notes citing the file."""
    pages = (project / "_site" / "archives").rglob("index.html")
    return sum('class="finding-aid"' not in p.read_text(encoding="utf-8") for p in pages)


def _same_as_a_full_build(project: Path) -> None:
    """The site equals what a build from nothing makes of the same inputs."""
    quick = _tree(project / "_site")
    shutil.rmtree(project / "_site")
    shutil.rmtree(project / "._site.prev", ignore_errors=True)
    shutil.rmtree(project / ".edition-cache")
    assert build_project(project, "--no-search", "--no-cache") == 0
    assert _tree(project / "_site") == quick


def _edit_source(project: Path, old: str, new: str) -> None:
    source = project / "sources" / f"{SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_digest_counts_boundaries() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    first = _tree(project / "_site")
    shutil.rmtree(project / ".edition-cache")
    assert build_project(project, "--no-search", "--no-cache") == 0
    assert _tree(project / "_site") == first
    assert build_project(project, "--no-search") == 0  # from the cache
    assert _tree(project / "_site") == first


def test_unchanged_input_is_neither_parsed_nor_rendered(project: Path) -> None:
    result = _build(project)
    assert result.quick and result.made == 0


def test_a_note_fix_is_a_quick_rebuild_identical_to_a_full_one(project: Path) -> None:
    _edit_source(project, "Ibid. p. 53.", "Ibid., p. 53.")
    result = _build(project)
    # The article's page and downloads, the file pages quoting its notes, and
    # citations.json (the citation's text changed); not the home page, the tree
    # pages, the sitemap or the feed.
    assert result.quick
    assert result.made == 1 + DOWNLOADS + PER_FILE * _file_pages(project) + 1
    assert ">Ibid., p. 53</a>" in (project / "_site" / "articles" / SLUG / "index.html").read_text()
    _same_as_a_full_build(project)


def test_an_editorial_change_re_renders_only_what_it_touches(project: Path) -> None:
    editorial = project / "content" / SLUG / "editorial.yaml"
    editorial.write_text(
        "emendations:\n  - {sic: 22th CPSU, corr: 22nd CPSU, p: 22, reason: r, who: w, when: d}\n"
    )
    result = _build(project)
    assert result.quick
    assert result.made == 1 + DOWNLOADS + PER_FILE * _file_pages(project)
    html = (project / "_site" / "articles" / SLUG / "index.html").read_text()
    assert '<ins class="corr">22nd CPSU</ins>' in html
    _same_as_a_full_build(project)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A file cited that was not: the tree pages change.
        ("RGANI, F 3, inv. 18, f. 1, p. 30.", "RGANI, F 3, inv. 18, f. 9, p. 30."),
        # The title: the home page and the feed show it.
        ("Additional Evidence on the Final Break", "Further Evidence on the Final Break"),
    ],
)
def test_a_change_beyond_the_article_is_a_full_build(project: Path, old: str, new: str) -> None:
    _edit_source(project, old, new)
    result = _build(project)
    assert not result.quick
    _same_as_a_full_build(project)


def test_a_lost_file_of_the_live_site_is_made_again(project: Path) -> None:
    _edit_source(project, "Ibid. p. 53.", "Ibid., p. 53.")
    assert _build(project).quick
    page = project / "_site" / "articles" / SLUG / "index.html"
    page.unlink()  # by hand: the manifest still lists it
    result = _build(project)  # recycles the tree before, whose copy is older
    assert not result.quick
    assert ">Ibid., p. 53</a>" in page.read_text(encoding="utf-8")


def test_a_template_change_re_renders(project: Path) -> None:
    from edition.site.render import PACKAGED

    # An override of the packaged base template: every page shows it.
    packaged = (PACKAGED / "base.html").read_text()
    (project / "templates" / "base.html").write_text(
        packaged.replace("</body>", "<!-- changed --></body>")
    )
    result = _build(project)
    assert not result.quick
    assert result.made == result.files - 1  # all but citations.json, whose bytes are the same
    assert "<!-- changed -->" in (project / "_site" / "index.html").read_text()


def test_file_hashes_trust_a_stat_only_once_the_file_is_settled(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one")
    hashes = FileHashes(tmp_path / "hashes.json")
    first = hashes.sha(path)
    hashes.save()
    stat = path.stat()
    path.write_text("two")  # same size, and the old mtime put back
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = FileHashes(tmp_path / "hashes.json")
    assert again.sha(path) != first  # written just now: hashed again, not trusted
    old = time.time_ns() - 10 * 10**9
    os.utime(path, ns=(old, old))
    again.save()
    settled = FileHashes(tmp_path / "hashes.json")
    assert settled.sha(path) == again.sha(path)
    assert settled.sha(tmp_path / "missing.txt") == ""


@pytest.mark.parametrize("name", ["state.json", "hashes.json", *MANIFESTS])
@pytest.mark.parametrize(
    "junk",
    [
        b"{not json",
        b"[]",
        b'{"version": 1, "base": 5, "articles": []}',
        b'{"a": 5, "b": [1, 2]}',
        b'{"version": 1, "base": "x", "articles": {"a": {"input": 1}}}',
    ],
)
def test_a_broken_file_of_the_cache_is_only_slower(project: Path, name: str, junk: bytes) -> None:
    """What the cache keeps about the site is never trusted blindly: junk is ignored."""
    _edit_source(project, "Ibid. p. 53.", "Ibid., p. 53.")
    (project / ".edition-cache" / name).write_bytes(junk)
    assert build_project(project, "--no-search") == 0
    _same_as_a_full_build(project)


def test_a_corrupt_cache_entry_is_only_a_miss(project: Path) -> None:
    for entry in (project / ".edition-cache" / "article").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"{not json")
    before = _tree(project / "_site")
    assert build_project(project, "--no-search") == 0
    assert _tree(project / "_site") == before


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda p: (p / "content" / SLUG / "editorial.yaml").write_text("emendations: [\n"),
            f"content/{SLUG}/editorial.yaml:2: error: invalid YAML: expected the node content,"
            " but found '<stream end>'",
        ),
        (
            lambda p: (p / "templates" / "home.html").write_text("\n{% block %}"),
            "templates/home.html:2: error: template error: expected token 'name',"
            " got 'end of statement block'",
        ),
        (
            lambda p: (p / "templates" / "home.html").write_text("\n\n{{ nothing.here }}"),
            "templates/home.html:3: error: template error: 'nothing' is undefined",
        ),
    ],
)
def test_a_failed_build_leaves_the_last_good_site(
    project: Path, breakage, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _tree(project / "_site")
    breakage(project)
    capsys.readouterr()
    assert build_project(project, "--no-search") == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert _tree(project / "_site") == before
    assert not (project / "._site.new").exists()


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(
    ("tty", "ci", "shown"), [(True, "", True), (False, "", False), (True, "true", False)]
)
def test_progress_only_on_a_terminal_outside_ci(
    tty: bool, ci: str, shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from edition.cli import progress_display

    monkeypatch.setenv("CI", ci)
    stream = _Stream(tty)
    show = progress_display(stream)
    assert (show is not None) == shown
    if show:
        show(5, 40)
        show(40, 40)
        assert stream.text == "\rrendering articles: 5/40\rrendering articles: 40/40\n"


def test_unchanged_files_are_linked_from_the_previous_site(project: Path) -> None:
    page = project / "_site" / "articles" / SLUG / "index.html"
    before = page.stat().st_ino
    _build(project)
    assert page.stat().st_ino == before  # the same file, linked into the new site


def test_pages_made_in_a_process_pool_are_the_same(project: Path, monkeypatch) -> None:
    from edition.build import making as output

    first = _tree(project / "_site")
    shutil.rmtree(project / ".edition-cache")
    monkeypatch.setattr(output, "POOL_MIN", 1)
    assert build_project(project, "--no-search") == 0
    assert _tree(project / "_site") == first


def test_the_site_before_last_is_recycled_and_comes_out_identical(project: Path) -> None:
    """Build 3 reuses build 1's tree: only what changed since is written."""
    note = project / "sources" / f"{SLUG}.txt"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("Ibid. p. 53.", "Ibid. p. 54."), encoding="utf-8")
    assert build_project(project, "--no-search") == 0  # build 2: fresh tree, links
    assert (project / "._site.prev").is_dir()  # build 1's tree, kept
    note.write_text(text.replace("Ibid. p. 53.", "Ibid. p. 55."), encoding="utf-8")
    assert build_project(project, "--no-search") == 0  # build 3: recycles build 1's
    recycled = _tree(project / "_site")
    shutil.rmtree(project / "_site")
    shutil.rmtree(project / "._site.prev")
    shutil.rmtree(project / ".edition-cache")
    assert build_project(project, "--no-search", "--no-cache") == 0
    assert _tree(project / "_site") == recycled
    assert (
        "l. 55" in (project / "_site/archives/rgani/fond-10/opis-1/delo-62/index.html").read_text()
    )


def test_a_file_page_no_longer_cited_is_removed_from_a_recycled_tree(project: Path) -> None:
    source = project / "sources" / f"{SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    page = project / "_site/archives/rgani/fond-3/opis-18/delo-1/index.html"
    assert page.exists()
    gone = text.replace("RGANI, F 3, inv. 18, f. 1, p. 30.", "RGANI, F 3, inv. 18, f. 2, p. 30.")
    source.write_text(gone, encoding="utf-8")
    assert build_project(project, "--no-search") == 0
    source.write_text(gone.replace("p. 30.", "p. 31."), encoding="utf-8")
    assert build_project(project, "--no-search") == 0  # recycles the tree that had delo-1
    assert not page.exists() and not page.parent.exists()
    assert (project / "_site/archives/rgani/fond-3/opis-18/delo-2/index.html").exists()


def test_a_quick_rebuild_of_a_file_page_shared_with_another_article(tmp_path: Path) -> None:
    """The file page quotes both articles: the unchanged one is loaded to make it again."""
    from conftest import ROOT, SOURCE

    second = ROOT / "tests" / "fixtures" / "second-article.txt"
    project = make_project(tmp_path, [SOURCE, second])
    assert build_project(project, "--no-search") == 0
    source = project / "sources" / "second-article.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("pp. 11–14.", "pp. 11–15.", 1), encoding="utf-8")
    result = _build(project)
    assert result.quick
    page = project / "_site/archives/rgani/fond-3/opis-14/delo-463/index.html"
    html = page.read_text(encoding="utf-8")
    assert "11–15" in html and "Additional Evidence" in html  # both articles quoted
    _same_as_a_full_build(project)


def test_a_names_yaml_change_makes_the_registers_again(project: Path) -> None:
    """The registers kept from the first build are of the old table: not shown again."""
    register = project / "content" / SLUG / "register.yaml"
    rows = yaml.safe_load(register.read_text("utf-8"))["persons"]
    person = next(row["name"] for row in rows if row["from"] == "article")
    entry = {"persons": [{"name": person, "about": "Named in names.yaml."}]}
    (project / "content" / "names.yaml").write_text(yaml.safe_dump(entry), "utf-8")
    _build(project)
    assert "Named in names.yaml." in (project / "_site" / "names" / "index.html").read_text()
    assert "from: names.yaml" in register.read_text("utf-8")
    _same_as_a_full_build(project)
