"""A raw page's top line that names the article: a running head only where it repeats.

A short article's heads (the title on one page, the authors on the next)
recur too little to be counted; such a top line is taken for a head when
its words are the first page's title or author lines, whole or shortened,
and the reader says so. A line that begins with the title and goes on, or
the title's copy that the byline follows, is text.
"""

from __future__ import annotations

import pytest

from tests.support.raw_pages import SENTENCE, parse, prose, wrap

TITLE = "The Grain Deliveries of the Year"
FRONT = ["JANE ROE*", "Some University", "", TITLE, "Abstract: What it is about.",
         "Keywords: one, two", ""]  # fmt: skip


def _page(top: list[str], seed: int, front: bool = False) -> str:
    body = wrap(prose(seed)) + wrap(prose(seed + 1))
    return "\n".join([*(FRONT if front else []), *top, *body, ""])


def _texts(article) -> str:
    return " ".join(p.text for p in article.paragraphs)


def _guessed(problems) -> list[tuple[int, str]]:
    return [
        (p.line, p.message) for p in problems.warnings if "taken for a running head" in p.message
    ]


def test_a_head_naming_the_article_once_is_dropped_and_reported_at_its_line() -> None:
    pages = [_page([], 1, front=True), _page(["The Grain Deliveries"], 3), _page([], 5)]
    article, problems = parse(*pages)
    assert article is not None
    assert "The Grain Deliveries" not in _texts(article)
    top = "\f".join(pages).split("\n").index("\fThe Grain Deliveries") + 1
    message = (
        "'The Grain Deliveries' was taken for a running head and left out: it names the "
        "article or its journal, but no other page begins with it"
    )
    assert _guessed(problems) == [(top, message)]


def test_a_head_on_two_pages_goes_without_a_word() -> None:
    head = "ROE: The Grain Deliveries"
    pages = [_page([], 1, front=True), _page([head], 3), _page([head], 5), _page([], 7)]
    article, problems = parse(*pages)
    assert article is not None and "Grain Deliveries" not in _texts(article)
    assert not _guessed(problems)


def test_a_top_line_that_begins_with_the_title_and_goes_on_is_the_body() -> None:
    line = f"{TITLE} were the subject of the talks"
    second = "\n".join([line, *wrap(SENTENCE + "."), *wrap(prose(4)), ""])
    article, problems = parse(_page([], 1, front=True), second, _page([], 5))
    assert article is not None
    assert f"{TITLE} were the subject of the talks" in _texts(article)
    assert not _guessed(problems)


@pytest.mark.parametrize("main", [TITLE, f"{TITLE}:"])
def test_the_titles_copy_with_its_subtitle_before_the_byline_is_front_matter(main: str) -> None:
    title_page = "\n".join(FRONT) + "\n"
    copy = [main, "Soviet Trade in 1961", "Jane Roe"]
    article, problems = parse(title_page, _page(copy, 3), _page([], 5))
    assert article is not None
    assert article.title == f"{TITLE}: Soviet Trade in 1961"
    assert "Soviet Trade" not in _texts(article) and "Jane Roe" not in _texts(article)
    assert not _guessed(problems)


def test_a_heading_right_under_the_titles_copy_is_no_part_of_the_first_paragraph() -> None:
    title_page = "\n".join(FRONT) + "\n"
    copy = ["Jane Roe", "Some University", "", "The Grain Deliveries", "of the Year"]
    first = "\n".join([*copy, "Introduction", *wrap(prose(3)), *wrap(prose(4)), ""])
    article, problems = parse(title_page, first, _page([], 5))
    assert article is not None and article.title == TITLE
    heading, paragraph = article.paragraphs[:2]
    assert (heading.level, heading.text) == (2, "Introduction")
    assert paragraph.level == 0 and paragraph.text.startswith(prose(3)[:30])
