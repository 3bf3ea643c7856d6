"""Small raw extractions made by hand: prose, wrapped lines, pages with a head and a folio."""

from __future__ import annotations

import textwrap

from edition.errors import Problems
from edition.model import Article
from edition.text.bibliography import parse_bibliography
from edition.text.laid import parse_laid
from edition.text.raw import read_raw_pages

SENTENCE = (
    "The delegation waited in the hall for the answer of the ministers and left at noon "
    "while the talks went on in the next room without any word to the press or the public"
)
WORDS = SENTENCE.split(" ")
FRONT = ["JANE ROE*", "Some University", "", "A Short Title", "Abstract: What it is about.",
         "Keywords: one, two", ""]  # fmt: skip


def prose(seed: int, words: int = 60) -> str:
    """A sentence of `words` words, different for each seed."""
    picked = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)]
    return " ".join(picked).capitalize() + "."


def wrap(text: str, width: int = 60) -> list[str]:
    return textwrap.wrap(text, width)


def raw_page(printed: int, lines: list[str], front: bool = False) -> str:
    """A page as pdftotext gives it: the running head, the folio, the lines."""
    return "\n".join(["JOURNAL OF TESTS", str(printed), *(FRONT if front else []), *lines, ""])


def parse(*pages: str) -> tuple[Article | None, Problems]:
    """The pages, joined by form feeds, read as a raw extraction."""
    problems = Problems()
    text = "\f".join(pages)
    article = parse_laid(read_raw_pages(text), "r.txt", "r", "raw", parse_bibliography, problems)
    return article, problems
