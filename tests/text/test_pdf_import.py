"""PDF import: small articles typeset in three layouts, read back against their ground truth."""

from __future__ import annotations

import re

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from edition.errors import Problems
from edition.text.pdf import read_pdf_pages
from tests.support.fixtures import LAYOUT_NAMES, require_pdf_tools
from tests.support.samples import SAMPLES
from tests.support.truth import expected_body, expected_notes
from tests.support.typeset import typeset

REGISTRY = "content/archives.yaml"
LANGUAGES = {"russian": "ru", "german": "de", "serbian": "sr"}


def _plain(text: str) -> str:
    return re.sub(r"\[\^\d+\]|\*", "", text)


def _unnumbered(text: str) -> str:
    """A heading as the truth has it: without its printed number ('2.1 ')."""
    return re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", text)


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    require_pdf_tools()


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_a_small_article_reads_back_whole(name: str, layout: str) -> None:
    doc = SAMPLES[name]()
    made = typeset(doc, layout)
    article, problems = read_article(made.pdf, "a.pdf", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors]
    got = [(p.level, _unnumbered(_plain(p.text))) for p in article.paragraphs]
    want = [
        (b.level + 1 if b.kind == "heading" else 0, _plain(b.markdown)) for b in expected_body(doc)
    ]
    assert got == want
    assert {n.n: _plain(n.text) for n in article.notes} == expected_notes(doc)
    assert article.language == LANGUAGES[name]
    assert article.abstract and article.keywords == doc.front.keywords
    assert [a.name.casefold() for a in article.authors] == [
        a.name.casefold() for a in doc.front.authors
    ]
    assert article.first_page == str(doc.front.first_page)
    numbered = [p.printed for p in made.truth.pages if p.printed is not None]
    assert [b.printed for b in article.page_breaks] == [
        str(n) for n in numbered[1 : len(article.page_breaks) + 1]
    ]


def test_headings_take_no_paragraph_number() -> None:
    article, _ = read_article(
        typeset(SAMPLES["russian"](), "journal-a").pdf, "a.pdf", "a", read_registry(REGISTRY)
    )
    headings = [p for p in article.paragraphs if p.level]
    assert headings and all(p.n == 0 for p in headings)
    numbers = [p.n for p in article.paragraphs if not p.level]
    assert numbers == list(range(1, len(numbers) + 1))


def test_italics_come_from_the_font() -> None:
    doc = SAMPLES["german"]()
    article, _ = read_article(typeset(doc, "journal-b").pdf, "a.pdf", "a", read_registry(REGISTRY))
    italic = [b.markdown for b in expected_body(doc) if "*" in b.markdown]
    texts = [re.sub(r"\[\^\d+\]", "", p.text) for p in article.paragraphs]
    assert italic and all(re.sub(r"\[\^\d+\]", "", t) in texts for t in italic)


def test_a_page_without_text_is_reported_as_a_scan() -> None:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out)
    canvas.rect(50, 50, 200, 200)  # a picture, no text: what a scanned page looks like
    canvas.showPage()
    canvas.save()
    problems = Problems()
    read_pdf_pages(out.getvalue(), "scan.pdf", problems)
    assert any("page 1 has no text" in p.message and "OCR" in p.hint for p in problems.items)
    article, problems = read_article(out.getvalue(), "scan.pdf", "scan", read_registry(REGISTRY))
    assert article is None and any("no body text" in p.message for p in problems.errors)


def test_a_damaged_pdf_is_an_error_not_a_traceback() -> None:
    article, problems = read_article(b"%PDF-1.4 garbage", "bad.pdf", "bad", read_registry(REGISTRY))
    assert article is None
    assert (
        problems.errors[0].path == "bad.pdf" and "cannot read the PDF" in problems.errors[0].message
    )
