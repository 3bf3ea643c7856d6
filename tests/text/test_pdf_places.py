"""Problems found in a PDF name the PDF page and the line on it, not a running count."""

from __future__ import annotations

from edition.citations.registry import read_registry
from edition.content.source_import import read_article
from edition.errors import Problems
from edition.text.pdf import locate
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


def test_locate_rewrites_only_this_files_known_lines() -> None:
    found = Problems()
    found.error("a.pdf", 12, "here (first at line 9)")
    found.error("a.pdf", 0, "the whole file")
    found.warning("other.yaml", 12, "elsewhere")
    placed = locate(found, "a.pdf", {12: (3, 4), 9: (1, 5)})
    assert placed.items[0].message == "here (first at page 1, line 5)"
    assert [(p.path, p.line) for p in placed.items] == [
        ("a.pdf:page 3, line 4", 0),
        ("a.pdf", 0),
        ("other.yaml", 12),
    ]
