"""The bundled article typeset as journals print it, imported from the PDF and its extractions.

Scores what the import recovers against the typesetter's ground truth:
paragraphs (count, and whole), notes (each at its number) and the printed
page numbers of the page breaks. The thresholds are what the readers reach
now; a change that loses text makes them fail.
"""

from __future__ import annotations

import re

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from tests.support.fixtures import bundled_typeset, typeset_samples  # noqa: F401, F811
from tests.support.truth import expected_notes, expected_paragraphs

REGISTRY = "content/archives.yaml"


def _plain(text: str) -> str:
    return re.sub(r"\[\^\d+\]|\*", "", text)


def _score(article, doc) -> tuple[int, int, int, int]:
    paragraphs = [_plain(p.text) for p in article.paragraphs if p.level == 0]
    whole = len(set(paragraphs) & set(expected_paragraphs(doc)))
    notes = {n.n: _plain(n.text) for n in article.notes}
    exact = sum(1 for n, text in expected_notes(doc).items() if notes.get(n) == text)
    return len(paragraphs), whole, len(notes), exact


def _links(article) -> int:
    return sum(1 for n in article.notes for c in n.citations if c.kind == "archival")


@pytest.mark.parametrize("layout", ["journal-a", "journal-b", "journal-c"])
def test_the_bundled_article_imports_from_its_pdf(typeset_samples, layout) -> None:  # noqa: F811
    made = typeset_samples.get("bundled", layout)
    doc = typeset_samples.doc("bundled")
    article, problems = read_article(made.pdf, "a.pdf", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors]
    count, whole, notes, exact = _score(article, doc)
    assert (count, notes) == (49, 45)
    assert whole >= 48 and exact == 45
    assert article.source_kind == "pdf" and article.language == "en"
    printed = [p.printed for p in made.truth.pages if p.printed is not None]
    assert article.first_page == str(printed[0])
    breaks = [b.printed for b in article.page_breaks]
    assert breaks == sorted(breaks) and set(breaks) <= {str(p) for p in printed}
    assert _links(article) >= 31


@pytest.mark.parametrize(
    ("layout", "tool", "paragraphs", "notes"),
    [
        ("journal-b", "pdfminer", 49, 45),
        ("journal-c", "pdfminer", 49, 45),
        ("journal-a", "pdftotext-layout", 49, 45),
        ("journal-b", "pdftotext-layout", 49, 45),
        ("journal-c", "pdftotext-layout", 49, 45),
    ],
)
def test_the_bundled_article_imports_from_a_raw_extraction(
    typeset_samples,  # noqa: F811
    layout,
    tool,
    paragraphs,
    notes,  # noqa: F811
) -> None:
    text = typeset_samples.text("bundled", layout, tool)
    doc = typeset_samples.doc("bundled")
    article, problems = read_article(text.encode(), "a.txt", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors][:5]
    count, whole, found, exact = _score(article, doc)
    assert (count, found) == (paragraphs, notes)
    assert exact >= 43 and whole >= 47
    assert article.source_kind == "raw"
    assert [b.printed for b in article.page_breaks][:2] == ["348", "349"]
