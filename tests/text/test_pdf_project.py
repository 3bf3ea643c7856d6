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
