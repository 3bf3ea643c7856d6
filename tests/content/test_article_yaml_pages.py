"""article.yaml keeps where a PDF's pages begin, and names each entry's page; a text's is as it was."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from conftest import ROOT
from edition.content.article_yaml import article_from_data, dump_article, load_article
from edition.model import PageBreak
from tests.support.articles import text_article

BUNDLED = ROOT / "content" / "balcanica-2019-edemskiy" / "article.yaml"


def _pdf_article():
    """Paragraphs at lines 1 and 2, notes at 101 and 102: pages begin at lines 1, 40 and 102."""
    article = text_article(["One.", "Two."], ["A note.", "Another."], [({"title": "T"}, "T.")])
    return replace(
        article,
        source="a.pdf",
        source_kind="pdf",
        page_lines=(1, 40, 102),
        page_breaks=(PageBreak(1, 2, 0, 40),),
    )


def test_a_pdf_articles_yaml_says_each_page_and_reads_back(tmp_path: Path) -> None:
    article = _pdf_article()
    written = dump_article(article)
    (tmp_path / "article.yaml").write_text(written, "utf-8")
    back = load_article(tmp_path / "article.yaml")
    assert back == article and back.page_lines == (1, 40, 102)
    assert dump_article(back) == written
    data = yaml.safe_load(written)
    assert data["page_lines"] == [1, 40, 102]
    places = {k: [(e["line"], e["pdf_place"]) for e in data[k]] for k in ("paragraphs", "notes")}
    assert places == {
        "paragraphs": [(1, "page 1, line 1"), (2, "page 1, line 2")],
        "notes": [(101, "page 2, line 62"), (102, "page 3, line 1")],
    }
    assert data["page_breaks"][0]["pdf_place"] == "page 2, line 1"
    assert data["bibliography"][0]["pdf_place"] == "page 3, line 99"


def test_an_older_yaml_without_pages_still_reads() -> None:
    data = yaml.safe_load(dump_article(_pdf_article()))
    del data["page_lines"]
    for key in ("paragraphs", "page_breaks", "notes", "bibliography"):
        for entry in data[key]:
            del entry["pdf_place"]
    article = article_from_data(data, "article.yaml")
    assert article.page_lines == () and article.notes[0].line == 101
    assert "pdf_place" not in dump_article(article)


def test_the_bundled_text_sources_yaml_is_written_as_it_was() -> None:
    written = BUNDLED.read_text("utf-8")
    article = load_article(BUNDLED)
    assert article.page_lines == ()
    assert dump_article(article, article.import_sha256) == written
    assert "pdf_place" not in written and "page_lines" not in written
