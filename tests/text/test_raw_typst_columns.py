"""Raw extractions (pdftotext, pdfminer) of the samples typeset by Typst in two columns.

typst-columns and typst-sans set each column's notes at its foot, so the
extractors read a note zone amid the page, then the next column; typst-wide-notes
sets the notes across the page under both columns. Scores as in
test_typeset_import, at what the reader reaches now. Where the text cannot be
read whole (an extractor interleaved the columns so that the markers run out of
order), the import fails with errors that name their lines: never short of notes.
"""

from __future__ import annotations

import re

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from tests.support.fixtures import typeset_samples  # noqa: F401
from tests.support.truth import expected_notes, expected_paragraphs
from tests.support.typst_set import require_typst

REGISTRY = "content/archives.yaml"

# (sample, layout, tool): paragraphs found, of them whole, notes exact; None: an error.
READ = {
    ("bundled", "typst-columns", "pdftotext"): (44, 35, 45),  # no indents: full last lines
    ("bundled", "typst-columns", "pdfminer"): None,  # the bibliography's column read first
    ("bundled", "typst-sans", "pdftotext"): (36, 21, 43),
    ("bundled", "typst-sans", "pdfminer"): (43, 31, 43),
    ("bundled", "typst-wide-notes", "pdftotext"): None,
    ("bundled", "typst-wide-notes", "pdfminer"): None,
    ("russian", "typst-columns", "pdftotext"): None,  # the second column's top read first
    ("russian", "typst-columns", "pdfminer"): None,
    ("russian", "typst-sans", "pdftotext"): None,
    ("russian", "typst-sans", "pdfminer"): None,
    ("russian", "typst-wide-notes", "pdftotext"): (7, 4, 9),
    ("russian", "typst-wide-notes", "pdfminer"): None,
    ("german", "typst-columns", "pdftotext"): None,  # marker 7 read before 5
    ("german", "typst-columns", "pdfminer"): (9, 2, 7),
    ("german", "typst-sans", "pdftotext"): None,
    ("german", "typst-sans", "pdfminer"): (7, 3, 7),
    ("german", "typst-wide-notes", "pdftotext"): None,
    ("german", "typst-wide-notes", "pdfminer"): None,
    ("serbian", "typst-columns", "pdftotext"): None,
    ("serbian", "typst-columns", "pdfminer"): (7, 3, 5),
    ("serbian", "typst-sans", "pdftotext"): (7, 5, 4),
    ("serbian", "typst-sans", "pdfminer"): (5, 2, 5),
    ("serbian", "typst-wide-notes", "pdftotext"): (7, 4, 5),
    ("serbian", "typst-wide-notes", "pdfminer"): (5, 1, 5),
}


def _plain(text: str) -> str:
    return re.sub(r"\[\^\d+\]|\*", "", text)


@pytest.mark.parametrize(("name", "layout", "tool"), sorted(READ))
def test_a_two_column_extraction_imports_whole_or_fails_where_it_cannot(
    typeset_samples,  # noqa: F811
    name: str,
    layout: str,
    tool: str,
) -> None:
    require_typst()
    doc = typeset_samples.doc(name)
    text = typeset_samples.text(name, layout, tool)
    article, problems = read_article(text.encode(), "a.txt", "a", read_registry(REGISTRY))
    expected = READ[(name, layout, tool)]
    if expected is None:
        assert article is None
        assert problems.errors and all(p.line > 0 for p in problems.errors)
        return
    assert article is not None, [str(p) for p in problems.errors][:5]
    count, whole, exact = expected
    paragraphs = [_plain(p.text) for p in article.paragraphs if p.level == 0]
    want = expected_paragraphs(doc)
    notes = {n.n: _plain(n.text) for n in article.notes}
    assert min(count, len(want)) <= len(paragraphs) <= max(count, len(want))
    assert len(set(paragraphs) & set(want)) >= whole
    assert set(notes) == set(expected_notes(doc))
    assert sum(notes.get(n) == t for n, t in expected_notes(doc).items()) >= exact
