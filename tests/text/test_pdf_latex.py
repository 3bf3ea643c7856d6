"""PDFs set by pdfLaTeX, a typesetter the PDF reader was not written against.

tests/fixtures/latex/ holds the tests' samples typeset by scripts/typeset_latex.py
(Latin Modern and cm-super Type 1 fonts, TeX's hyphenation, \\footnote with its
rule, fancyhdr heads, one and two columns). Scored against the samples' text:
the thresholds are what the reader reaches now, so a change that loses text fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from tests.support.samples import SAMPLES
from tests.support.truth import expected_notes, expected_paragraphs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "latex"
REGISTRY = "content/archives.yaml"


def _plain(text: str) -> str:
    return re.sub(r"\[\^\d+\]|\*", "", text)


@pytest.mark.parametrize(
    ("fixture", "whole", "links"),
    [
        ("bundled-article", 48, 31),
        ("bundled-letter", 48, 31),
        ("bundled-twocolumn", 47, 31),
        ("russian-article", 7, 16),
        ("german-letter", 4, 18),
        ("serbian-article", 7, 3),
    ],
)
def test_a_latex_pdf_imports_whole(fixture: str, whole: int, links: int) -> None:
    doc = SAMPLES[fixture.split("-")[0]]()
    data = (FIXTURES / f"{fixture}.pdf").read_bytes()
    article, problems = read_article(data, "a.pdf", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors]
    assert not problems.errors
    paragraphs = [_plain(p.text) for p in article.paragraphs if p.level == 0]
    want = expected_paragraphs(doc)
    assert len(paragraphs) == len(want)
    assert len(set(paragraphs) & set(want)) >= whole
    notes = {n.n: _plain(n.text) for n in article.notes}
    assert notes.keys() == expected_notes(doc).keys()
    assert all(notes[n] == text for n, text in expected_notes(doc).items()) or whole < len(want)
    assert sum(1 for n in article.notes for c in n.citations if c.kind == "archival") >= links
    # The title, set larger than the text, is never taken for a running head.
    assert article.title == doc.front.title
    assert [a.name for a in article.authors] == [a.name for a in doc.front.authors]
    assert article.first_page == str(doc.front.first_page)


@pytest.mark.parametrize("fixture", ["russian-article", "german-letter"])
def test_latex_headings_keep_their_levels(fixture: str) -> None:
    """LaTeX's \\section* and \\subsection* (a little larger, in the Cyrillic fonts not bold)."""
    from tests.support.doc import Heading

    doc = SAMPLES[fixture.split("-")[0]]()
    data = (FIXTURES / f"{fixture}.pdf").read_bytes()
    article, _ = read_article(data, "a.pdf", "a", read_registry(REGISTRY))
    got = [(p.level, _plain(p.text)) for p in article.paragraphs if p.level]
    assert got == [(b.level + 1, b.text.plain) for b in doc.body if isinstance(b, Heading)]
    assert article.bibliography, "the bibliography heading at a page's top is no running head"
