"""A PDF in sources/ goes through the whole pipeline: build, check, file pages."""

from __future__ import annotations

from pathlib import Path

from edition.cli import main
from tests.support.samples import SAMPLES
from tests.support.typeset import typeset


def test_a_pdf_source_builds_and_checks(tmp_path: Path, capsys) -> None:
    (tmp_path / "sources").mkdir()
    pdf = typeset(SAMPLES["russian"](), "journal-a").pdf
    (tmp_path / "sources" / "russian-sample.pdf").write_bytes(pdf)
    assert main(["build", "--root", str(tmp_path), "--no-search"]) == 0
    page = tmp_path / "_site" / "articles" / "russian-sample" / "index.html"
    assert page.is_file()
    assert 'lang="ru"' in page.read_text("utf-8")
    assert list((tmp_path / "_site" / "archives").rglob("delo-*/index.html"))
    capsys.readouterr()
    code = main(["check", "--root", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 0, out.out
    assert "0 error(s)" in out.out and "sources/russian-sample.pdf:" in out.out
    assert "internal error" not in out.err


def test_each_language_gets_its_own_search_index(tmp_path: Path) -> None:
    """A Russian article is indexed (and stemmed) as Russian beside the English one."""
    import json
    import shutil

    from conftest import SOURCE

    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCE, tmp_path / "sources" / SOURCE.name)
    pdf = typeset(SAMPLES["russian"](), "journal-b").pdf
    (tmp_path / "sources" / "russian-sample.pdf").write_bytes(pdf)
    assert main(["build", "--root", str(tmp_path)]) == 0
    site = tmp_path / "_site"
    assert '<html lang="ru">' in (site / "articles/russian-sample/index.html").read_text("utf-8")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert {"en", "ru"} <= set(entry["languages"])
    assert entry["languages"]["ru"]["page_count"] >= 1
