"""Two-column Typst layouts imported from `pdftotext -layout` (rawlayout's column reading).

Thresholds are what the reader reaches now: (paragraphs whole, notes exact).
None: not read, and an error names the line.
"""

from __future__ import annotations

import os
import re

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from tests.support.extract import extract_pdftotext, has_pdftotext
from tests.support.samples import SAMPLES
from tests.support.truth import expected_notes, expected_paragraphs
from tests.support.typst_set import require_typst, typeset_typst

READ = {
    ("bundled", "typst-columns"): (48, 45),
    ("bundled", "typst-wide-notes"): (48, 45),
    ("bundled", "typst-sans"): (44, 45),  # a column 2 line `12 January` is no note 12
    ("russian", "typst-columns"): (7, 9),  # note 8's last part read into the bibliography
    ("russian", "typst-wide-notes"): (6, 9),
    ("russian", "typst-sans"): (7, 9),  # note 8's last part read into the bibliography
    ("german", "typst-columns"): (2, 7),
    ("german", "typst-wide-notes"): (5, 7),
    ("german", "typst-sans"): (5, 7),
    ("serbian", "typst-columns"): (7, 5),
    ("serbian", "typst-wide-notes"): (7, 5),
    ("serbian", "typst-sans"): (6, 5),
}


@pytest.mark.parametrize(("name", "layout"), sorted(READ))
def test_a_two_column_layout_extraction_imports(name: str, layout: str) -> None:
    require_typst()
    if not has_pdftotext():  # a laptop may lack it; CI must not skip
        message = "needs pdftotext (apt-get install poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    doc = SAMPLES[name]()
    text = extract_pdftotext(typeset_typst(doc, layout).pdf, layout=True)
    article, problems = read_article(
        text.encode(), "a.txt", "a", read_registry("content/archives.yaml")
    )
    if READ[(name, layout)] is None:
        assert article is None and all(p.line > 0 for p in problems.errors)
        return
    whole, exact = READ[(name, layout)]
    assert article is not None, [str(p) for p in problems.errors][:3]
    plain = [re.sub(r"\[\^\d+\]|\*", "", p.text) for p in article.paragraphs if p.level == 0]
    notes = {n.n: re.sub(r"\[\^\d+\]|\*", "", n.text) for n in article.notes}
    assert len(set(plain) & set(expected_paragraphs(doc))) >= whole
    assert sum(notes.get(n) == t for n, t in expected_notes(doc).items()) >= exact
