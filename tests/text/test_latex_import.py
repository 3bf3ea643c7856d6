"""The samples typeset by pdfLaTeX (tests/fixtures/latex), imported from their raw extractions.

LaTeX sets a footnote's label raised on a line of its own, splits a long
note across pages, and glues the body's marker to its word; pdftotext may
read a note's text before its label. Scores as in test_typeset_import: the
thresholds are what the reader reaches now. An extraction it cannot read
whole must say so with a located error, never import short of notes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from tests.support.extract import extract_pdfminer, extract_pdftotext, has_pdftotext
from tests.support.samples import SAMPLES
from tests.support.truth import expected_notes, expected_paragraphs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "latex"
REGISTRY = "content/archives.yaml"

# (fixture, tool): paragraphs found, of them whole, notes exact, archival links. Found may
# lie between that and the true count; a paragraph too many is a line an extractor broke
# (pdfminer, reported), too few a paragraph's end the text does not show (pdftotext).
# None: not read whole, and an error says where.
READ = {
    ("bundled-article", "pdftotext"): (42, 32, 45, 32),  # no indents: full last lines
    ("bundled-article", "pdftotext-layout"): (49, 48, 45, 32),
    ("bundled-article", "pdfminer"): (52, 37, 42, 32),  # pdfminer breaks justified lines
    ("bundled-letter", "pdftotext"): (45, 32, 45, 32),
    ("bundled-letter", "pdftotext-layout"): (49, 48, 45, 32),
    ("bundled-letter", "pdfminer"): (54, 36, 42, 32),
    # pdftotext joins a note's line and the next column's on one line: notes stop.
    ("bundled-twocolumn", "pdftotext"): None,
    ("bundled-twocolumn", "pdftotext-layout"): (49, 43, 43, 32),  # read column by column
    # Each column's foot amid the page; pdfminer breaks justified lines into pieces.
    ("bundled-twocolumn", "pdfminer"): (53, 25, 41, 32),
    ("german-letter", "pdftotext"): (5, 5, 8, 18),
    ("german-letter", "pdftotext-layout"): (5, 5, 8, 18),
    ("german-letter", "pdfminer"): (5, 5, 8, 18),
    ("russian-article", "pdftotext"): (10, 5, 9, 13),
    ("russian-article", "pdftotext-layout"): (7, 7, 10, 17),
    ("russian-article", "pdfminer"): (7, 7, 10, 17),
    ("serbian-article", "pdftotext"): (7, 7, 5, 3),
    ("serbian-article", "pdftotext-layout"): (7, 7, 5, 3),
    ("serbian-article", "pdfminer"): (6, 5, 5, 3),
}


def _require_pdftotext() -> None:
    if not has_pdftotext():
        message = "the LaTeX fixtures' extractions need pdftotext (apt-get install poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _extract(name: str, tool: str) -> str:
    pdf = (FIXTURES / f"{name}.pdf").read_bytes()
    if tool == "pdfminer":
        return extract_pdfminer(pdf)
    return extract_pdftotext(pdf, layout=tool == "pdftotext-layout")


def _plain(text: str) -> str:
    return re.sub(r"\[\^\d+\]|\*", "", text)


@pytest.mark.parametrize(("name", "tool"), sorted(READ))
def test_a_latex_extraction_imports_or_says_where_it_cannot(name: str, tool: str) -> None:
    _require_pdftotext()
    doc = SAMPLES[name.split("-")[0]]()
    article, problems = read_article(
        _extract(name, tool).encode(), "a.txt", "a", read_registry(REGISTRY)
    )
    expected = READ[(name, tool)]
    notes = expected_notes(doc)
    if expected is None:
        found = {n.n for n in article.notes} if article else set()
        located = [p for p in problems.errors + problems.warnings if p.line]
        assert article is None or found != set(notes)
        assert article is not None or problems.errors
        assert located and all(p.line > 0 for p in problems.errors)
        # Notes lost never import, not even with a warning: an error names the line.
        assert article is None
        return
    assert article is not None, [str(p) for p in problems.errors][:5]
    count, whole, exact, links = expected
    paragraphs = [_plain(p.text) for p in article.paragraphs if p.level == 0]
    got = {n.n: _plain(n.text) for n in article.notes}
    true = len(expected_paragraphs(doc))
    assert min(count, true) <= len(paragraphs) <= max(count, true)
    assert len(set(paragraphs) & set(expected_paragraphs(doc))) >= whole
    assert set(got) == set(notes)
    assert sum(got.get(n) == text for n, text in notes.items()) >= exact
    assert sum(c.kind == "archival" for n in article.notes for c in n.citations) >= links
