"""The front matter printed twice (a title page, then the article's first page): read once.

Each case is an article in the text form and as a raw extraction (pages, no
superscripts or italics, markers glued to their words): a title page with the
journal, author, title, abstract and keywords, then the first page repeating
some of them before the body. The copy is front matter, the body is the body's
paragraphs alone, and the audit finds no text in no field.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from edition.text.frontcopy import key
from tests.support.extract import extract_pdfminer, extract_pdftotext
from tests.support.samples import SAMPLES
from tests.support.typst_set import require_typst, typeset_typst

TITLE = "The Long Road to Tirana: Soviet Diplomacy in 1961"
ABSTRACT = (
    "The article follows the Soviet diplomats on their way to Tirana in the year of the "
    "break. It reads the reports they sent to Moscow and the answers they were given."
)
KEYWORDS = ("Soviet Union", "Albania", "diplomacy", "1961")
BODY = (
    "The huge complex of turbulent processes in the Balkans is a promising topic now that "
    "more archival documents are becoming accessible. The conflict has attracted the "
    "attention of researchers since its inception.<1> A serious advance has been made in "
    "the last few years, and this article adds the Soviet side of the story.",
    "The Soviet differences with Tirana that arose in the mid-1950s continued to accumulate "
    "negative potential. The remarks of the Soviet leader during his visit made matters "
    "worse.<2> Until the summer of 1960 the relations went on without an open conflict. The "
    "embassy in Tirana reported every week, and its reports grew shorter and colder as the "
    "months went by, until the ambassador was called back.",
    "In the autumn the ministry in Moscow prepared new notes and drafts of decisions. None "
    "of them reached the Albanian side before the winter, and the break came in the spring. "
    "The documents of that year show how little either side expected the end to come so "
    "soon, and how much both had staked on the old friendship.",
)
NOTES = (
    "W. E. Griffith, Albania and the Sino-Soviet Rift (Cambridge: M.I.T. Press, 1963).",
    "E. Biberaj, Albania and China (Boulder: Westview Press, 1986), 41.",
)
COVER = [
    "JOURNAL OF BALKAN STUDIES",
    "XII · 2020",
    "ISSN 1234-5678",
    "Jane Roe",
    "University of Vienna",
    TITLE,
    "Abstract: " + ABSTRACT,
    "Keywords: " + ", ".join(KEYWORDS),
]


def _marked(paragraph: str, markers: dict[int, str]) -> str:
    return re.sub(r"<(\d)>", lambda m: markers[int(m.group(1))], paragraph)


def _text_form(cover: list[str], first_page: list[str], body: tuple[str, ...] = BODY) -> str:
    """Blocks apart by blank lines; the author's `*` and the notes as the text form has them."""
    sup = {1: "¹", 2: "²"}
    cover = [f"{t}*" if t == "Jane Roe" else f"*{t}*" if t.startswith("University") else t
             for t in cover]  # fmt: skip
    first = [f"*{t}*" if t.startswith("University") else t for t in first_page]
    paragraphs = [_marked(p, sup) for p in body]
    notes = [f"{sup[n]} {t}" for n, t in enumerate(NOTES, 1)]
    blocks = [*cover, *first, paragraphs[0], "* jane.roe@univie.ac.at", notes[0],
              *paragraphs[1:2], notes[1], *paragraphs[2:]]  # fmt: skip
    return "\n\n".join(blocks) + "\n"


def _raw_form(cover: list[str], first_page: list[str], body: tuple[str, ...] = BODY) -> str:
    """Pages apart by form feeds, lines as printed, a running head and a folio from page two."""
    paragraphs = [_marked(p, {1: "1", 2: "2"}) for p in body]
    lines = [line for p in paragraphs for line in textwrap.wrap(p, 72)]
    one = [line for text in cover for line in (text, "")]  # items set apart
    two = [*first_page, *lines[:5], "", f"1 {NOTES[0]}", "", "17"]
    three = ["JOURNAL OF BALKAN STUDIES XII (2020)", "18", "", *lines[5:], "", f"2 {NOTES[1]}"]
    return "\f".join("\n".join(page) + "\n" for page in (one, two, three))


FORMS = {"text": _text_form, "raw": _raw_form}


def _import(text: str):
    article, problems = read_article(
        text.encode(), "a.txt", "a", read_registry("content/archives.yaml")
    )
    assert article is not None, [str(p) for p in problems.errors]
    return article, problems


def _body(article) -> list[str]:
    return [re.sub(r"\[\^\d+\]", "", p.text) for p in article.paragraphs]


def _plain_body(body: tuple[str, ...] = BODY) -> list[str]:
    return [_marked(p, {1: "", 2: ""}) for p in body]


def _kinds(problems) -> list[str]:
    return [p.message.split(":")[0] for p in problems.warnings]


FIRST_PAGES = {
    "title and author": [TITLE, "Jane Roe"],
    "title, author, abstract and keywords": [
        TITLE,
        "Jane Roe",
        "University of Vienna",
        "Abstract: " + ABSTRACT,
        "Keywords: " + ", ".join(KEYWORDS),
    ],
    "author before the title, a UDC": ["UDC 94(497.1)", "Jane Roe", TITLE],
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", FIRST_PAGES)
def test_the_first_page_repeating_the_front_matter_is_no_body(form: str, case: str) -> None:
    article, problems = _import(FORMS[form](COVER, FIRST_PAGES[case]))
    assert article.title == TITLE
    authors = [(a.name, a.affiliation) for a in article.authors]
    assert authors == [("Jane Roe", "University of Vienna")]
    assert (article.abstract, article.keywords) == (ABSTRACT, KEYWORDS)
    assert article.cover.journal == "Journal of Balkan Studies"
    assert _body(article) == _plain_body()
    assert not [k for k in _kinds(problems) if "no field" in k or k.startswith("front")]


@pytest.mark.parametrize("form", FORMS)
def test_a_title_in_capitals_on_the_cover_is_read_as_the_first_page_prints_it(form: str) -> None:
    cover = [("THE LONG ROAD TO TIRANA:\nSOVIET DIPLOMACY IN 1961" if t == TITLE else t)
             for t in COVER]  # fmt: skip
    first = ["The Long Road to Tirana: Soviet Diplo-\nmacy in 1961*", "Jane Roe"]
    article, problems = _import(FORMS[form](cover, first))
    assert article.title == TITLE
    assert _body(article) == _plain_body()
    assert not [k for k in _kinds(problems) if "no field" in k]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("copy", [[TITLE, "Jane Roe"], []])
def test_a_paragraph_that_begins_with_the_title_stays(form: str, copy: list[str]) -> None:
    body = ("The Long Road to Tirana was what the ministry called the file. " + BODY[0], *BODY[1:])
    article, _ = _import(FORMS[form](COVER, copy, body))
    assert article.title == TITLE
    assert _body(article) == _plain_body(body)


# A raw page's top line that begins with the title read is no running head: it says more.
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "copy",
    [[TITLE], ["The Long Road to Tirana:", "Soviet Diplomacy in 1961"],
     ["The Long Road to Tirana", "Soviet Diplomacy in 1961"]],
)  # fmt: skip
def test_a_longer_title_on_the_first_page_is_kept(form: str, copy: list[str]) -> None:
    cover = ["The Long Road to Tirana" if t == TITLE else t for t in COVER]
    article, problems = _import(FORMS[form](cover, [*copy, "Jane Roe"]))
    assert article.title == TITLE
    assert _body(article) == _plain_body()
    assert not [k for k in _kinds(problems) if "no field" in k]


@pytest.mark.parametrize("form", FORMS)
def test_the_main_title_alone_on_the_first_page_is_a_copy_too(form: str) -> None:
    article, _ = _import(FORMS[form](COVER, ["The Long Road to Tirana", "Jane Roe"]))
    assert article.title == TITLE
    assert _body(article) == _plain_body()


@pytest.mark.parametrize("form", FORMS)
def test_a_copy_naming_someone_else_ends_there(form: str) -> None:
    article, _ = _import(FORMS[form](COVER, [TITLE, "John Doe"]))
    assert [a.name for a in article.authors] == ["Jane Roe"]
    assert article.paragraphs[0].text.startswith("John Doe")  # not lost: the body keeps it


@pytest.mark.parametrize("form", FORMS)
def test_what_the_copy_adds_and_no_field_holds_is_reported(form: str) -> None:
    article, problems = _import(FORMS[form](COVER, [TITLE, "Jane Roe", "Received: 3 May 2020"]))
    assert _body(article) == _plain_body()
    unplaced = [p for p in problems.warnings if "no field" in p.message]
    assert len(unplaced) == 1 and "Received: 3 May 2020" in unplaced[0].message


def test_the_note_on_the_first_pages_title_keeps_its_marker() -> None:
    text = _text_form(COVER, [TITLE + "@", "Jane Roe"]).replace("²", "³").replace("¹", "²")
    text = text.replace("@", "¹") + "\n¹ The research was funded by the Academy.\n"
    article, problems = _import(text)
    assert article.title == TITLE + "[^1]"
    assert [n.n for n in article.notes] == [1, 2, 3]
    assert article.notes[0].text == "The research was funded by the Academy."
    assert _body(article) == _plain_body()


@pytest.mark.parametrize("tool", ["pdf", "pdftotext", "pdfminer"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_typst_title_page_and_the_first_page_give_one_front_matter(name: str, tool: str) -> None:
    require_typst()
    doc = SAMPLES[name]()
    pdf = typeset_typst(doc, "typst-title-page").pdf
    data = pdf if tool == "pdf" else (
        extract_pdfminer(pdf) if tool == "pdfminer" else extract_pdftotext(pdf)
    ).encode()  # fmt: skip
    article, problems = read_article(
        data, f"a.{'pdf' if tool == 'pdf' else 'txt'}", "a", read_registry("content/archives.yaml")
    )
    front = doc.front
    assert article is not None, [str(p) for p in problems.errors]
    assert article.title == front.title
    assert [a.name for a in article.authors] == [a.name for a in front.authors]
    assert article.keywords == front.keywords
    assert all(a.affiliation in article.authors[0].affiliation for a in front.authors)
    repeated = {key(front.title), *(key(a.name) for a in front.authors)}
    assert not [p.text for p in article.paragraphs if key(p.text) in repeated]
    assert not [k for k in _kinds(problems) if "no field" in k or k.startswith("front")]
