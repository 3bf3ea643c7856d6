"""A PDF without running heads or folios loses no line as a head, and none silently.

Small flush-left A5 pages drawn with reportlab: each page begins with a short
line (a paragraph's end, a heading, a year, a line set smaller), a blank line
after it. Every drawn line must reach a field of the article, or a warning
must name its page and line.
"""

from __future__ import annotations

import io
import itertools

import pytest

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from edition.errors import Problems
from edition.model import Article
from edition.text.audit import article_letters

pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A5  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

REGISTRY = "content/archives.yaml"
BODY = 11
# fmt: off
_WORDS = (
    "amber", "basil", "cedar", "dune", "ember", "fern", "grove", "heath", "iris", "jade",
    "kelp", "lotus", "moss", "nettle", "olive", "pine", "quill", "reed", "sage", "thyme",
    "umber", "vine", "willow", "yarrow", "alder", "birch", "clover", "daisy", "elm", "fennel",
    "gorse", "hazel", "ivy", "juniper", "larch", "maple", "oak", "poppy", "rowan", "sorrel",
    "tansy", "violet", "wheat",
)
# fmt: on

Drawn = tuple[str, float]  # a line's text ("" a blank line) and its size


def _filler() -> list[str]:
    words = itertools.cycle(_WORDS)
    return [" ".join(next(words) for _ in range(11)) for _ in range(40)]


def _pdf(pages: list[list[Drawn]]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=True)
    for lines in pages:
        y = A5[1] - 60
        for text, size in lines:
            if text:
                canvas.setFont("Times-Roman", size)
                canvas.drawString(50, y, text)
            y -= 14
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pages(tops: list[list[Drawn]], ends: tuple[str, ...] = ()) -> list[list[Drawn]]:
    """A title page, then a page for each top: its lines, then body lines."""
    filler = iter(_filler())
    first = [("A Short Title of an Article", BODY), ("", BODY), ("John Smith", BODY), ("", BODY)]
    pages = [first + [(next(filler), BODY) for _ in range(4)] + [("and it", BODY)]]
    for k, top in enumerate(tops):
        end = ends[k] if k < len(ends) else "done."
        pages.append(top + [(next(filler), BODY) for _ in range(3)] + [(end, BODY)])
    return pages


def _read(pages: list[list[Drawn]]) -> tuple[Article, Problems]:
    article, problems = read_article(_pdf(pages), "x.pdf", "x", read_registry(REGISTRY))
    assert article is not None, [str(p) for p in problems.errors]
    return article, problems


def _letters(text: str) -> str:
    return "".join(filter(str.isalpha, text)).casefold()


def _lost(pages: list[list[Drawn]], article: Article, problems: Problems) -> list[str]:
    """Drawn lines in no field of the article and named by no warning (page P, line L)."""
    found = article_letters(article)
    warned = {(p.path, p.message) for p in problems.warnings}
    lost = []
    for page, lines in enumerate(pages, 1):
        drawn = [t for t, _ in lines if t]
        for line, text in enumerate(drawn, 1):
            if _letters(text) in found:
                continue
            place = f"x.pdf:page {page}, line {line}"
            if not any(path == place and text in message for path, message in warned):
                lost.append(f"{place}: {text}")
    return lost


SHORT_TOPS = {
    "a paragraph's end": ["ends here.", "goes on there.", "and so on."],
    "a heading": ["Conclusions", "Further Remarks", "Sources"],
    "a year": ["1956 was the year.", "1957 was the next.", "1958 came."],
    "title case": ["The Soviet Union", "Albanian Party Work", "Moscow Talks"],
}


@pytest.mark.parametrize("kind", sorted(SHORT_TOPS))
def test_a_short_first_line_before_a_blank_line_stays_in_the_text(kind: str) -> None:
    tops = [[(t, BODY), ("", BODY)] for t in SHORT_TOPS[kind]]
    pages = _pages(tops)
    article, problems = _read(pages)
    assert _lost(pages, article, problems) == []
    found = article_letters(article)
    for text in SHORT_TOPS[kind] + ["A Short Title of an Article"]:
        assert _letters(text) in found, text  # in the article itself, not only warned of
    assert not [p for p in problems.warnings if "running head" in p.message]


def test_a_short_line_on_two_pages_is_a_head_only_with_a_warning() -> None:
    top = [("Same Short Line", BODY), ("", BODY)]
    pages = _pages([top, top, [("Other top", BODY), ("", BODY)]])
    article, problems = _read(pages)
    assert _lost(pages, article, problems) == []
    assert _letters("Other top") in article_letters(article)
    if _letters("Same Short Line") not in article_letters(article):
        warned = [p.path for p in problems.warnings if p.code == "head-unproven"]
        assert warned == ["x.pdf:page 2, line 1", "x.pdf:page 3, line 1"]


def test_a_smaller_line_seen_once_is_dropped_with_its_place_named() -> None:
    tops = [[("a smaller line", 9), ("", BODY)], [("another small", 9), ("", BODY)]]
    pages = _pages(tops)
    article, problems = _read(pages)
    assert _lost(pages, article, problems) == []
    warned = [p for p in problems.warnings if p.code == "head-unproven"]
    assert [p.path for p in warned] == ["x.pdf:page 2, line 1", "x.pdf:page 3, line 1"]


def test_a_line_below_a_folio_is_no_head_by_that_alone() -> None:
    numbered = ((8, "Conclusions"), (9, "Sources"))
    tops = [[(str(n), 9), ("", BODY), (t, BODY), ("", BODY)] for n, t in numbered]
    pages = _pages(tops)
    article, problems = _read(pages)
    found = article_letters(article)
    assert _letters("Conclusions") in found and _letters("Sources") in found
    assert _lost(pages, article, problems) == []


def test_real_heads_and_folios_still_go_silently() -> None:
    head = ("Journal of Tests 3 (2020)", 9)
    pages = _pages([[head, ("", BODY)], [head, ("", BODY)], [head, ("", BODY)]])
    for k, page in enumerate(pages):
        page += [("", BODY), (str(7 + k), 9)]
    article, problems = _read(pages)
    assert "journal" not in " ".join(p.text for p in article.paragraphs).casefold()
    assert not [p for p in problems.warnings if p.code == "head-unproven"]
    assert [b.printed for b in article.page_breaks] == ["8", "9", "10"]


def test_a_page_that_ends_a_sentence_short_ends_the_paragraph() -> None:
    tops = [[("Then a new paragraph begins with a capital and runs on for a", BODY)],
            [("and this line goes on the sentence of the page before it", BODY)]]  # fmt: skip
    pages = _pages(tops, ends=("so it", "ends."))
    pages[0][-1] = ("and so it ends.", BODY)  # the title page's last line: short, a stop
    article, _ = _read(pages)
    texts = [p.text for p in article.paragraphs if not p.level]
    assert any(t.endswith("and so it ends.") for t in texts)
    assert any(t.startswith("Then a new paragraph begins") for t in texts)
    assert any("so it and this line goes on" in t for t in texts)  # no stop: it goes on
