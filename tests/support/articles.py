"""Small Article models for unit tests: paragraphs, notes and bibliography entries alone."""

from __future__ import annotations

from collections.abc import Sequence

from edition.model import Article, BibEntry, Cover, Note, Paragraph


def text_article(
    paragraphs: Sequence[str], notes: Sequence[str] = (), bib: Sequence[tuple] = ()
) -> Article:
    """An article of these paragraphs, notes and (fields, printed text) bibliography entries.

    Paragraph N stands at line N, note N at line 100 + N, entry i at line 200 + i.
    """
    return Article(
        slug="a",
        source="a.txt",
        cover=Cover("J", "", "I", 1, 2000, "", "", "", "", "", "", "", ()),
        title="T",
        authors=(),
        abstract="",
        keywords=(),
        paragraphs=tuple(Paragraph(n, t, n) for n, t in enumerate(paragraphs, 1)),
        notes=tuple(Note(n, t, 100 + n) for n, t in enumerate(notes, 1)),
        bibliography=tuple(
            BibEntry(f"k{i}", "Literature", "book", tuple(fields.items()), original, 200 + i)
            for i, (fields, original) in enumerate(bib)
        ),
        page_breaks=(),
    )
