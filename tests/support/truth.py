"""What a reader should recover from a typeset PDF: the scorer's helpers.

The Doc is the ground truth for the text; the typesetter adds what only it
knows (which printed page each PDF page carries, where pages and lines broke).
"""

from __future__ import annotations

from dataclasses import dataclass

from .doc import Doc, Heading, Paragraph


@dataclass(frozen=True)
class BodyPos:
    """A place in the body: `block` indexes doc.body, `offset` its plain text."""

    block: int
    offset: int


@dataclass(frozen=True)
class NotePiece:
    """The part of note `number` printed on a page, from plain offset `start`."""

    number: int
    start: int  # 0 unless the note began on an earlier page
    end: int  # len(plain) unless the note goes on to the next page


@dataclass(frozen=True)
class PageTruth:
    index: int  # 0-based page of the PDF
    printed: int | None  # the page number printed on it (None: the cover)
    folio: str | None  # where the number is printed: top-outer, foot-centre, foot-outer
    head: str | None  # the running head's text, if any
    body_start: BodyPos | None  # where the body text on this page begins
    notes: tuple[NotePiece, ...]
    bibliography: bool  # does the bibliography (or part of it) stand on this page?


@dataclass(frozen=True)
class Hyphen:
    """A line that ends inside a word: in a body block or in a note."""

    where: str  # "body" or "note"
    index: int  # block index (body) or note number (note)
    offset: int  # plain offset where the next line begins
    added: bool  # True: the printer's hyphen (drop it); False: the word's own hyphen


@dataclass(frozen=True)
class PrintedMarker:
    block: int
    offset: int  # plain offset after which the marker is printed (may differ from the Doc's)
    note: int


@dataclass(frozen=True)
class Truth:
    layout: str
    pages: tuple[PageTruth, ...]
    hyphens: tuple[Hyphen, ...]
    markers: tuple[PrintedMarker, ...]
    heading_labels: tuple[tuple[int, str], ...]  # (block, printed number such as "1.1")

    def printed(self) -> tuple[int | None, ...]:
        return tuple(p.printed for p in self.pages)

    def split_notes(self) -> tuple[int, ...]:
        """Notes that run on from one page to the next."""
        return tuple(sorted({n.number for p in self.pages for n in p.notes if n.start > 0}))


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    truth: Truth


@dataclass(frozen=True)
class ExpectedBlock:
    kind: str  # "paragraph" or "heading"
    level: int  # 0 for a paragraph
    text: str  # plain, markers removed
    markdown: str  # `*italic*` and `[^N]`


def expected_body(doc: Doc) -> tuple[ExpectedBlock, ...]:
    """Every body block in order, headings without their printed numbers."""
    out = []
    for block in doc.body:
        if isinstance(block, Heading):
            t = block.text
            out.append(ExpectedBlock("heading", block.level, t.plain, t.markdown()))
        else:
            assert isinstance(block, Paragraph)
            out.append(ExpectedBlock("paragraph", 0, block.text.plain, block.text.markdown()))
    return tuple(out)


def expected_paragraphs(doc: Doc) -> tuple[str, ...]:
    """The body paragraphs' plain text (no headings, no markers)."""
    return tuple(b.text.plain for b in doc.body if isinstance(b, Paragraph))


def expected_notes(doc: Doc) -> dict[int, str]:
    """Note number → plain text."""
    return {n.number: n.text.plain for n in doc.notes}


def expected_note_markdown(doc: Doc) -> dict[int, str]:
    return {n.number: n.text.markdown() for n in doc.notes}


def expected_markers(doc: Doc) -> tuple[tuple[int, int], ...]:
    """(block index, note number) for every marker, in reading order."""
    return tuple((i, m.note) for i, b in enumerate(doc.body) for m in b.text.markers)


def expected_bibliography(doc: Doc) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(section heading, entries' plain text) for each section; "" for no heading."""
    if doc.bibliography is None:
        return ()
    return tuple(
        (s.heading, tuple(e.plain for e in s.entries)) for s in doc.bibliography.sections
    )
