"""PDF import of articles typeset by Typst, in layouts unlike our own typesetter's.

Typst hyphenates, justifies and places notes by its own rules: two columns
with a note zone at each column's foot, endnotes under 'Notes', notes
numbered '1.' at the foot, OpenType superscript markers, heads with the folio
at the top outer corner, a Russian journal's first page, a cover page. Scored
against the Doc: paragraphs (count and whole), notes (count and exact),
archival links, printed page numbers.
"""

from __future__ import annotations

import re

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from tests.support.doc import Heading
from tests.support.fixtures import typeset_samples  # noqa: F401
from tests.support.samples import SAMPLES
from tests.support.truth import expected_notes, expected_paragraphs
from tests.support.typst_set import TYPST_LAYOUT_NAMES, require_typst, typeset_typst

REGISTRY = "content/archives.yaml"

# (sample, layout) -> whole paragraphs and exact notes reached at least (counts are all).
REACHED = {
    ("bundled", "typst-columns"): (48, 45),
    ("bundled", "typst-endnotes"): (48, 44),
    ("bundled", "typst-footplain"): (48, 45),
    ("russian", "typst-columns"): (7, 10),
    ("russian", "typst-endnotes"): (7, 10),
    ("russian", "typst-footplain"): (7, 10),
    ("german", "typst-columns"): (5, 8),
    ("german", "typst-endnotes"): (5, 8),
    ("german", "typst-footplain"): (5, 7),
    ("serbian", "typst-columns"): (7, 5),
    ("serbian", "typst-endnotes"): (7, 5),
    ("serbian", "typst-footplain"): (7, 5),
    ("bundled", "typst-sans"): (44, 45),
    ("russian", "typst-sans"): (7, 10),
    ("german", "typst-sans"): (5, 8),
    ("serbian", "typst-sans"): (7, 5),
    ("bundled", "typst-wide-notes"): (48, 45),
    ("russian", "typst-wide-notes"): (7, 10),
    ("german", "typst-wide-notes"): (5, 8),
    ("serbian", "typst-wide-notes"): (7, 5),
    ("bundled", "typst-title-page"): (49, 45),
    ("russian", "typst-title-page"): (7, 10),
    ("german", "typst-title-page"): (5, 8),
    ("serbian", "typst-title-page"): (7, 5),
}


@pytest.fixture(scope="module", autouse=True)
def _typst() -> None:
    require_typst()


def _plain(text: str) -> str:
    return re.sub(r"\[\^\d+\]|\*", "", text)


def _archival(doc) -> int:
    """How many notes cite an archive, by the Doc's own text (a fond and a file number)."""
    cited = re.compile(r"\b(?:F|f|Ф|fond)\.?\s*[\dР-]", re.I)
    return sum(1 for n in doc.notes if cited.search(n.text.plain))


@pytest.mark.parametrize(("name", "layout"), sorted(REACHED))
def test_a_typst_pdf_imports_whole(name: str, layout: str) -> None:
    doc = SAMPLES[name]()
    made = typeset_typst(doc, layout)
    article, problems = read_article(made.pdf, "a.pdf", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors]
    paragraphs = [_plain(p.text) for p in article.paragraphs if p.level == 0]
    want = expected_paragraphs(doc)
    notes = {n.n: _plain(n.text) for n in article.notes}
    whole, exact = REACHED[(name, layout)]
    assert len(paragraphs) == len(want)
    assert len(set(paragraphs) & set(want)) >= whole
    assert sorted(notes) == sorted(expected_notes(doc))
    assert sum(1 for n, t in expected_notes(doc).items() if notes.get(n) == t) >= exact
    linked = {n.n for n in article.notes if any(c.kind == "archival" for c in n.citations)}
    assert len(linked) >= _archival(doc) - 1
    printed = [str(p.printed) for p in made.truth.pages if p.printed is not None]
    assert article.first_page == printed[0]
    breaks = [b.printed for b in article.page_breaks]
    assert breaks == [p for p in printed[1:] if p in breaks]  # in order, each a real page
    assert not any(re.search(r"\b(?:" + "|".join(printed) + r")\b$", p) for p in paragraphs)


@pytest.mark.parametrize("layout", TYPST_LAYOUT_NAMES)
def test_no_running_head_stays_in_the_text(layout: str) -> None:
    doc = SAMPLES["bundled"]()
    article, _ = read_article(typeset_typst(doc, layout).pdf, "a.pdf", "a", read_registry(REGISTRY))
    assert article is not None, "every Typst layout imports"
    heads = [doc.front.short_title, ", ".join(a.name for a in doc.front.authors)]
    texts = [p.text for p in article.paragraphs] + [n.text for n in article.notes]
    assert not any(h in t for h in heads for t in texts)


@pytest.mark.parametrize("layout", TYPST_LAYOUT_NAMES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_headings_keep_their_levels(name: str, layout: str) -> None:
    doc = SAMPLES[name]()
    article, _ = read_article(typeset_typst(doc, layout).pdf, "a.pdf", "a", read_registry(REGISTRY))
    got = [(p.level, _plain(p.text)) for p in article.paragraphs if p.level]
    want = [(b.level + 1, b.text.plain) for b in doc.body if isinstance(b, Heading)]
    assert got == want


@pytest.mark.parametrize("layout", TYPST_LAYOUT_NAMES)
def test_a_russian_journals_first_page_is_front_matter(layout: str) -> None:
    doc = SAMPLES["russian"]()
    article, _ = read_article(typeset_typst(doc, layout).pdf, "a.pdf", "a", read_registry(REGISTRY))
    assert article.title == doc.front.title
    assert article.keywords == doc.front.keywords
    assert _plain(article.abstract) == doc.front.abstract.plain
    assert article.cover.udc.startswith("94(")
    assert not any("УДК" in p.text or "DOI" in p.text for p in article.paragraphs)


def test_a_note_run_over_to_the_next_page_is_joined() -> None:
    from edition.errors import Problems
    from edition.text.pdf import read_pdf_pages

    doc = SAMPLES["russian"]()  # note 8 is longer than a column's foot can hold
    made = typeset_typst(doc, "typst-columns")
    pages = read_pdf_pages(made.pdf, "a.pdf", Problems())
    assert any(note.n == 0 for page in pages[1:] for note in page.notes)  # it did run over
    article, _ = read_article(made.pdf, "a.pdf", "a", read_registry(REGISTRY))
    notes = {n.n: _plain(n.text) for n in article.notes}
    assert notes == expected_notes(doc)


def test_the_session_cache_sets_typst_layouts_too(typeset_samples) -> None:  # noqa: F811
    made = typeset_samples.get("german", "typst-endnotes")
    assert made.pdf.startswith(b"%PDF-") and made is typeset_samples.get("german", "typst-endnotes")
    assert "Anmerkungen" in typeset_samples.text("german", "typst-endnotes", "pdftotext")


@pytest.mark.parametrize("layout", ["typst-footplain", "typst-sans", "typst-title-page"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_cover_page_gives_the_journal_volume_year_and_issn(name: str, layout: str) -> None:
    front = SAMPLES[name]().front
    article, _ = read_article(
        typeset_typst(SAMPLES[name](), layout).pdf, "a.pdf", "a", read_registry(REGISTRY)
    )
    cover = article.cover
    assert cover.journal.casefold() == front.journal.casefold()
    assert (cover.volume, cover.year, cover.issn) == (front.volume, front.year, front.issn)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_first_page_without_a_cover_names_no_journal(name: str) -> None:
    article, _ = read_article(
        typeset_typst(SAMPLES[name](), "typst-columns").pdf, "a.pdf", "a", read_registry(REGISTRY)
    )
    assert article.cover.journal == ""  # the author's name is no journal's, nor the DOI
