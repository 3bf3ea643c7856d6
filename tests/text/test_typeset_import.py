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


# (layout, tool): paragraphs found, of them whole, notes exact, archival links. Where fewer
# than all are whole, what the text cannot tell is said in the comment; pdfminer's broken
# lines are then reported (test below).
RAW = {
    ("journal-a", "pdftotext", 48, 43, 45, 31),  # compounds whose hyphen pdftotext dropped
    ("journal-a", "pdfminer", 45, 28, 44, 30),  # pdfminer reorders pieces of justified lines
    ("journal-a", "pdftotext-layout", 49, 49, 45, 31),
    ("journal-b", "pdftotext", 45, 41, 45, 31),  # no indent, no blank: full last lines
    ("journal-b", "pdfminer", 49, 49, 43, 31),
    ("journal-b", "pdftotext-layout", 49, 49, 45, 31),
    ("journal-c", "pdftotext", 43, 35, 45, 31),  # justified, no indent kept: full last lines
    ("journal-c", "pdfminer", 49, 48, 44, 31),
    ("journal-c", "pdftotext-layout", 49, 48, 45, 31),
}


@pytest.mark.parametrize(("layout", "tool", "paragraphs", "whole", "exact", "links"), sorted(RAW))
def test_the_bundled_article_imports_from_a_raw_extraction(
    typeset_samples,  # noqa: F811
    layout,
    tool,
    paragraphs,
    whole,
    exact,
    links,
) -> None:
    text = typeset_samples.text("bundled", layout, tool)
    doc = typeset_samples.doc("bundled")
    article, problems = read_article(text.encode(), "a.txt", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors][:5]
    count, found_whole, found, found_exact = _score(article, doc)
    assert found == 45 and count >= paragraphs and count <= 49
    assert found_whole >= whole and found_exact >= exact
    assert _links(article) >= links
    assert article.source_kind == "raw"
    assert [b.printed for b in article.page_breaks][:2] == ["348", "349"]
    heads = {p.head for p in typeset_samples.get("bundled", layout).truth.pages if p.head}
    assert not any(h in p.text for h in heads for p in article.paragraphs)


def test_pdfminers_broken_lines_are_reported(typeset_samples) -> None:  # noqa: F811
    text = typeset_samples.text("bundled", "journal-a", "pdfminer")
    _, problems = read_article(text.encode(), "a.txt", "a", read_registry(REGISTRY))
    codes = [p.code for p in problems.warnings]
    assert "broken-lines" in codes


# Every note of the samples is read exact from every extraction; paragraphs whole at least:
SAMPLE_WHOLE = {
    "russian": {"pdftotext": 5, "pdfminer": 7, "pdftotext-layout": 7},
    "german": {"pdftotext": 3, "pdfminer": 5, "pdftotext-layout": 5},
    "serbian": {"pdftotext": 5, "pdfminer": 6, "pdftotext-layout": 7},
}


@pytest.mark.parametrize("name", sorted(SAMPLE_WHOLE))
@pytest.mark.parametrize("layout", ["journal-a", "journal-b", "journal-c"])
@pytest.mark.parametrize("tool", ["pdftotext", "pdfminer", "pdftotext-layout"])
def test_the_samples_import_from_raw_extractions(typeset_samples, name, layout, tool) -> None:  # noqa: F811
    text = typeset_samples.text(name, layout, tool)
    doc = typeset_samples.doc(name)
    article, problems = read_article(text.encode(), "a.txt", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors][:5]
    _, whole, found, exact = _score(article, doc)
    assert found == exact == len(expected_notes(doc))
    assert whole >= SAMPLE_WHOLE[name][tool]
    truth = typeset_samples.get(name, layout).truth
    heads = {p.head for p in truth.pages if p.head}
    assert not any(h in p.text for h in heads for p in article.paragraphs)
    printed = {str(p.printed) for p in truth.pages if p.printed is not None}
    assert article.page_breaks and {b.printed for b in article.page_breaks} <= printed


def _as_endnotes(text: str, notes: dict[int, str]) -> str:
    """The extraction with its page-foot notes taken out and set at the end under 'Notes'."""
    from edition.text.raw import read_raw_pages

    foot = {
        n for p in read_raw_pages(text) for note in p.notes if note.n > 0 for n, _ in note.lines
    }
    lines = [t for i, t in enumerate(text.split("\n"), 1) if i not in foot]
    at = next(i for i, t in enumerate(lines) if t.strip() == "Bibliography")
    section = ["Notes", *(f"{n}. {t}" for n, t in sorted(notes.items())), ""]
    return "\n".join(lines[:at] + section + lines[at:])


@pytest.mark.parametrize("tool", ["pdftotext", "pdfminer"])
def test_the_bundled_article_with_endnotes_imports(typeset_samples, tool) -> None:  # noqa: F811
    doc = typeset_samples.doc("bundled")
    text = _as_endnotes(typeset_samples.text("bundled", "journal-b", tool), expected_notes(doc))
    article, problems = read_article(text.encode(), "a.txt", "a", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors][:5]
    count, whole, found, exact = _score(article, doc)
    assert found == exact == 45 and _links(article) >= 31
    assert whole >= 41 and not any("Ibid." in p.text for p in article.paragraphs)
