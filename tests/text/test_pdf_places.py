"""Problems found in a PDF name the PDF page and the line on it, not a running count."""

from __future__ import annotations

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from edition.errors import Problems, placed
from edition.model import pdf_place
from tests.support.typst_set import require_typst

REGISTRY = "content/archives.yaml"


def _pdf(source: str) -> bytes:
    require_typst()
    import typst

    return typst.compile(source.encode(), format="pdf", ignore_system_fonts=True)


def _article(pages: list[list[str]]) -> str:
    """Typst source: paragraphs page by page, a marker with no note on the last page."""
    out = ['#set page(paper: "a5", numbering: none)', "#set par(first-line-indent: 1em)"]
    for k, paragraphs in enumerate(pages):
        if k:
            out.append("#pagebreak()")
        out += paragraphs
    return "\n\n".join(out)


def test_a_marker_without_its_note_is_placed_by_page_and_line() -> None:
    first = ["Sentence one is here.", "Sentence two is here."]
    second = ["Alpha beta gamma.", "Delta#super[7] epsilon.", "Zeta eta theta."]
    article, problems = read_article(
        _pdf(_article([first, second])), "x.pdf", "x", read_registry(REGISTRY)
    )
    missing = [p for p in problems.errors if "marker 7" in p.message]
    assert article is None and missing
    assert str(missing[0]).startswith("x.pdf:page 2, line 2: error:")


def test_the_place_moves_with_the_page_it_is_on() -> None:
    pages = [["One two three."], ["Four five six."], ["Seven eight.", "Nine#super[4] ten."]]
    _, problems = read_article(_pdf(_article(pages)), "y.pdf", "y", read_registry(REGISTRY))
    missing = [p for p in problems.errors if "marker 4" in p.message]
    assert missing and missing[0].path == "y.pdf:page 3, line 2" and missing[0].line == 0


def test_placed_rewrites_only_this_files_lines() -> None:
    found = Problems()
    found.error("a.pdf", 12, "here (first at line 5)", "compare with line 9")
    found.error("a.pdf", 0, "the whole file")
    found.warning("other.yaml", 12, "elsewhere (line 5)")
    placed_ = placed(found.items, "a.pdf", (1, 6, 6, 9))  # page 2 is empty
    assert placed_[0].message == "here (first at page 1, line 5)"
    assert placed_[0].hint == "compare with page 4, line 1"
    assert [(p.path, p.line, p.message) for p in placed_[1:]] == [
        ("a.pdf", 0, "the whole file"),
        ("other.yaml", 12, "elsewhere (line 5)"),
    ]
    assert (placed_[0].path, placed_[0].line) == ("a.pdf:page 4, line 4", 0)


def test_a_line_after_an_empty_page_is_on_the_page_after_it() -> None:
    assert [pdf_place((1, 6, 6), n) for n in (0, 1, 5, 6, 7)] == [
        "",
        "page 1, line 1",
        "page 1, line 5",
        "page 3, line 1",
        "page 3, line 2",
    ]
    assert pdf_place((), 4) == ""
