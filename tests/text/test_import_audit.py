"""Every import audits itself: nothing of the source ends up in no field without a word."""

from __future__ import annotations

from pathlib import Path

from edition.config import load_config
from edition.errors import Problems
from edition.model import Article, Cover, Note, PageBreak, Paragraph
from edition.text.audit import audit_heads, audit_lines, audit_sequence, unaccounted
from edition.text.bibliography import parse_bibliography
from edition.text.laid import parse_laid
from edition.text.raw import read_raw_pages
from edition.text.sources import list_sources

COVER = Cover("", "", "", 0, 0, "", "", "", "", "", "", "", ())


def _article(paragraphs, notes=(), breaks=()) -> Article:
    return Article(
        "a", "a.txt", COVER, "A Title", (), "", (), tuple(paragraphs), tuple(notes), (),
        tuple(breaks),
    )  # fmt: skip


def test_a_line_in_no_field_is_named_with_its_number() -> None:
    article = _article([Paragraph(1, "The talks went on for a week.", 3)])
    lines = [(3, "The talks went on"), (4, "for a week."), (9, "Lost words nobody kept")]
    assert unaccounted(lines, article) == [(9, "Lost words nobody kept")]
    problems = Problems()
    audit_lines(lines, article, "a.txt", problems)
    (warning,) = problems.warnings
    assert (
        warning.line == 9 and "22 characters" in warning.message and "Lost words" in warning.message
    )


def test_hyphens_markers_and_italics_do_not_count_as_lost() -> None:
    article = _article([Paragraph(1, "A *nego­tiation*[^1] ended.", 1)])
    assert unaccounted([(1, "A nego-"), (2, "tiation.1 ended.")], article) == []


def test_notes_markers_and_pages_out_of_order_are_warned() -> None:
    article = _article(
        [Paragraph(1, "One[^2] two[^1].", 5)],
        [Note(2, "b", 10), Note(1, "a", 11)],
        [PageBreak(1, 1, 3, 6, "12"), PageBreak(2, 1, 5, 7, "11")],
    )
    problems = Problems()
    audit_sequence(article, "a.txt", problems)
    codes = sorted(p.code for p in problems.warnings)
    assert codes == ["marker-order", "note-order", "page-order"]


def test_a_running_head_inside_a_paragraph_is_warned() -> None:
    article = _article([Paragraph(1, "text BALKAN STUDIES REVIEW more text", 4)])
    problems = Problems()
    audit_heads(["BALKAN STUDIES REVIEW"], article, "a.txt", problems)
    assert problems.warnings[0].code == "head-in-text" and problems.warnings[0].line == 4


def test_notes_that_could_not_be_read_are_an_error_never_silence() -> None:
    body = "The delegation waited in the hall for the answer of the ministers 1 and left."
    front = "JANE ROE*\n\nTitle\nAbstract: x\nKeywords: y\n\n"
    pages = [
        f"HEAD\n{10 + i}\n\n{front if i == 0 else ''}{body}\n{2 * i + 1} A note.\n{2 * i + 2} More."
        for i in range(3)
    ]
    problems = Problems()
    article = parse_laid(
        read_raw_pages("\f".join(pages)), "r.txt", "r", "raw", parse_bibliography, problems
    )
    assert article is None
    assert any(p.code == "notes-not-read" for p in problems.errors)


def test_a_file_in_sources_that_is_not_read_is_named(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    for name in ("a.txt", "b.pdf", "c.docx", "d.txt", "d.pdf", "README.md"):
        (tmp_path / "sources" / name).write_bytes(b"x")
    config, _ = load_config(tmp_path)
    sources, problems = list_sources(config)
    assert [s.path.name for s in sources] == ["a.txt", "b.pdf", "d.pdf"]
    messages = [p.message for p in problems]
    assert any("'c.docx' in sources/ is not read" in m for m in messages)
    assert any("is a second source of 'd' beside 'sources/d.pdf'" in m for m in messages)
    assert not any("README" in m for m in messages)  # the folder's own README is no source


TEXT_FORM = """\
SOME ACADEMY OF SCIENCES
JOURNALA

Printed somewhere by someone

Jane Doe*

A Title

Abstract: Short.

The body¹ ends here.

¹ A note.
"""


def test_the_text_form_audits_itself_too() -> None:
    from edition.citations.registry import read_registry
    from edition.content.source_import import read_article

    article, problems = read_article(
        TEXT_FORM.encode(), "t.txt", "t", read_registry("content/archives.yaml")
    )
    assert article is not None
    (lost,) = [p for p in problems.warnings if p.code == "unaccounted-text"]
    assert lost.line == 4 and "Printed somewhere" in lost.message
