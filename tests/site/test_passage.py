"""Print pages and passages: labels from printed numbers, metadata or a count; citations."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from test_tei import make_article

from edition.model import Metadata, PageBreak
from edition.site.passage import (
    PageLabel,
    article_pages,
    citation_formats,
    csl_json,
    first_page,
    note_pages,
    page_labels,
    paragraph_pages,
    word_boundary,
)


def breaks(*spec: tuple[int, int, str]) -> list[PageBreak]:
    return [PageBreak(i + 1, p, off, 10 + i, printed) for i, (p, off, printed) in enumerate(spec)]


@pytest.mark.parametrize(
    ("meta", "cover_first", "printed", "expected_first", "expected"),
    [
        ("", "", ("", ""), PageLabel("1", True), ["2", "3"]),  # nothing known: counted
        ("347", "", ("", ""), PageLabel("347"), ["348", "349"]),  # editors' metadata
        ("", "88", ("", ""), PageLabel("88"), ["89", "90"]),  # the cover
        ("347", "88", ("", ""), PageLabel("347"), ["348", "349"]),  # metadata wins
        ("", "", ("", "12"), PageLabel("10"), ["11", "12"]),  # back from a printed break
        ("", "", ("v", ""), PageLabel("1", True), ["v", "3"]),  # roman: counted after
        ("10", "", ("11", "15"), PageLabel("10"), ["11", "15"]),  # printed wins over derived
    ],
)
def test_page_labels(meta, cover_first, printed, expected_first, expected):
    article = make_article(
        ["one two three", "four five six"],
        breaks=breaks((1, 4, printed[0]), (2, 5, printed[1])),
        first_page=cover_first,
        metadata=Metadata(first_page=meta),
    )
    assert first_page(article) == expected_first
    assert [label.label for label in page_labels(article).values()] == expected


def test_counted_labels_say_so():
    article = make_article(["a b", "c d"], breaks=breaks((2, 0, "")))
    (label,) = page_labels(article).values()
    assert label.counted and label.cite() == "p. 2 (counted)"


def test_paragraph_and_note_pages():
    article = make_article(
        ["First[^1] paragraph.", "Second[^2] runs over[^3] a page.", "Third.", "Fourth."],
        breaks=breaks((2, 15, ""), (3, 0, ""), (4, len("Fourth."), "")),
        metadata=Metadata(first_page="201"),
    )
    pages = paragraph_pages(article)
    assert pages == {1: "p. 201", 2: "pp. 201–202", 3: "p. 203", 4: "p. 203"}
    assert note_pages(article) == {1: "p. 201", 2: "p. 201", 3: "p. 202"}


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("obvious word", 4, (7, True)),  # inside "obvious": after the whole word
        ("obvious word", 8, (8, False)),  # at a word's start
        ("obvious, word", 7, (7, False)),  # before punctuation
        ("Škoda čačak", 8, (11, True)),  # letters beyond ASCII are word letters
        ("abc", 0, (0, False)),
        ("abc", 3, (3, False)),
    ],
)
def test_word_boundary(text, offset, expected):
    assert word_boundary(text, offset) == expected


def test_article_pages():
    article = make_article(["a b", "c d"], breaks=breaks((2, 0, "")))
    assert article_pages(article) == "1–2 (counted)"
    with_meta = replace(article, metadata=Metadata(first_page="347", last_page="370"))
    assert article_pages(with_meta) == "347–370"


def test_citation_formats_name_pages_doi_url_and_access_date():
    article = make_article(
        ["Text."], metadata=Metadata(doi="10.2298/BALC1950001E", first_page="7", last_page="9")
    )
    formats = dict((kind, str(text)) for kind, _, text in citation_formats(article, "", "Ed"))
    assert set(formats) == {"chicago", "bibtex", "ris", "csl"}
    for kind, text in formats.items():
        assert 'class="cite-url"' in text and 'class="cite-date"' in text, kind
        assert "10.2298/BALC1950001E" in text, kind
    assert "7–9" in formats["chicago"] and "pages = {7--9}" in formats["bibtex"]
    assert "SP  - 7" in formats["ris"] and "Y2  - <span" in formats["ris"]
    given = citation_formats(article, "https://e.org/a/", "Ed")
    assert "https://e.org/a/" in str(given[0][2]) and 'class="cite-url"' not in str(given[1][2])


def test_csl_json_is_valid_and_escaped():
    article = make_article(["Text."], title="A </script> & *Title*")
    item = json.loads(csl_json(article, "https://e.org/", "2026-12-01"))[0]
    assert item["title"] == "A </script> & Title" and item["type"] == "article-journal"
    assert item["accessed"] == {"raw": "2026-12-01"} and item["URL"] == "https://e.org/"
    (formats,) = [t for k, _, t in citation_formats(article, "", "Ed") if k == "csl"]
    assert "</script>" not in str(formats) and "&lt;/script&gt;" in str(formats)
