"""Pages as a layout-aware reader finds them, assembled into paragraphs and notes.

A PDF or a raw extraction knows where each print page ends, which lines are
its footnotes and which printed number it carries; the bundled text form
does not. Here the pages' body fragments become paragraphs (a paragraph goes
on across a page only where the next page's first fragment does not begin a
paragraph), page breaks keep the printed page numbers, and the notes' pieces
become notes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from edition.errors import Problems
from edition.model import Note, PageBreak, Paragraph
from edition.text.rejoin import join_hyphenated

_URL_SLASH = re.compile(r"(?:https?:/|www\.)\S*/$|\w\.\w{2,}/\S*/$")
_URL_HOST = re.compile(r"(?:https?://|www\.)[\w.-]*\.$")
Lines = tuple[tuple[int, str], ...]  # (line number, text with *italic* and [^N])


@dataclass(frozen=True)
class Fragment:
    """Consecutive body lines of one page: a paragraph, its start or end, or a heading."""

    lines: Lines
    new: bool  # begins a paragraph (False: goes on from the page before)
    level: int = 0  # 2 or 3 for a section heading


@dataclass(frozen=True)
class LaidLine:
    """A body line as a reader found it on its page."""

    line: int
    text: str  # *italic* and [^N] markers
    new: bool  # begins a paragraph
    level: int = 0  # 2 or 3: a heading line
    gap: bool = False  # a blank line (or a wider space) before it
    x0: float = 0.0  # where it starts on the page (PDF), 0 when unknown


@dataclass(frozen=True)
class LaidPage:
    """A page's body lines, its notes and its printed number, before the front matter is known."""

    index: int
    printed: str
    line: int
    lines: tuple[LaidLine, ...]
    notes: tuple[FootNote, ...]
    heads: tuple[tuple[int, str], ...] = ()  # running heads and folios, dropped
    doubts: tuple[tuple[int, str], ...] = ()  # (line, what the reader had to guess)
    lost: tuple[tuple[int, str], ...] = ()  # (line, what the reader could not read): errors


@dataclass(frozen=True)
class FootNote:
    """A note at a page's foot; `n` 0 goes on from the page before, -1 is the author's '*'."""

    n: int
    lines: Lines


@dataclass(frozen=True)
class Page:
    index: int  # 1 = the first page of the source
    printed: str  # the printed page number, "" when none was found
    line: int  # the page's first line
    body: tuple[Fragment, ...]
    notes: tuple[FootNote, ...]


@dataclass
class Body:
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    author_notes: list[str] = field(default_factory=list)
    page_breaks: list[PageBreak] = field(default_factory=list)


def join_at_hyphen(left: str, right: str, words: Mapping[str, int], keep: bool = False) -> str:
    """Join across a line or page end: italics that go on, hyphens after digits, compounds.

    An italic span cut by the line end (`*Steno-*` + `*grammy*`) is one span; a
    hyphen after a digit (`1960-` + `kh`) stays; a hyphen before a compound that
    goes on (`day-` + `to-day`) stays; with `keep` (a printer that does not
    hyphenate) every hyphen stays; the rest is `join_hyphenated`'s.
    """
    if left.endswith("*") and right.startswith("*") and not left.endswith("**"):
        left, right = left[:-1], right[1:]
        if not left.endswith("-"):
            return f"{left} {right}"
    if _URL_SLASH.search(left) and right[:1].isalnum() or (
        _URL_HOST.search(left) and right[:1].islower()
    ):
        return left + right  # a web address cut after a slash, or after a dot in its host
    if re.search(r"\d[–—]$", left) and right[:1].isdigit():
        return left + right  # a range of numbers cut after its dash: 10– / 15
    if not left.endswith("-"):
        return f"{left} {right}"
    chain = re.search(r"[^\W\d_]+-[^\W\d_]+-$", left) or re.match(r"^[^\W\d_]+-[^\W\d_]", right)
    head, tail = re.search(r"([^\W\d_]+)-$", left), re.match(r"([^\W\d_]+)", right)
    # `con-` + `flict-free`, `Soviet-Alban-` + `ian`: the cut word is a word of the article.
    cut = bool(head and tail and words.get((head.group(1) + tail.group(1)).lower()))
    if keep or left[-2:-1].isdigit() or (chain and not cut):
        return left + right
    if left[-2:-1].isalpha():
        joined = join_hyphenated(left, right, words)
        return left + right if _compound(left, right, words, joined) else joined
    return f"{left} {right}"


def _compound(left: str, right: str, words: Mapping[str, int], joined: str) -> bool:
    """Two words of the article's own on both sides of a hyphen it would drop: a compound.

    `spy-` + `flight`, `decision-` + `makers`; a syllable cut (`tensi-` + `ons`)
    leaves a part that is no word of the article.
    """
    head = re.search(r"([^\W\d_]+)-$", left)
    tail = re.match(r"([^\W\d_]+)", right)
    if not head or not tail or joined == left + right:
        return False
    first, second = head.group(1).lower(), tail.group(1).lower()
    if words.get(first + second):
        return False
    return (
        len(first) >= 3 and len(second) >= 3 and bool(words.get(first)) and bool(words.get(second))
    )


def join_laid(lines: Sequence[str], words: Mapping[str, int], keep: bool = False) -> str:
    """Join a fragment's lines into one line of text."""
    text = ""
    for line in lines:
        line = line.strip()
        text = join_at_hyphen(text, line, words, keep) if text else line
    return text


def heading_level(text: str) -> int:
    """'2.1 Sources' is a sub-section (3); other headings are sections (2)."""
    return 3 if re.match(r"^\d+\.\d+", text.strip()) else 2


def assemble(
    pages: Sequence[Page],
    path: str,
    words: Mapping[str, int],
    problems: Problems,
    keep_hyphens: bool = False,
) -> Body:
    """Paragraphs, notes and page breaks (with printed numbers) from the pages.

    `keep_hyphens`: the printer does not hyphenate, so a line-end hyphen is the word's.
    """
    keep = keep_hyphens
    body = Body()
    text, line, numbered = "", 0, 0
    pending: list[tuple[int, str]] = []  # breaks waiting for the next paragraph
    seen: dict[int, int] = {}

    def close() -> None:
        nonlocal text, numbered
        if text:
            numbered += 1
            body.paragraphs.append(Paragraph(numbered, text, line))
            for page_line, printed in pending:
                _page_break(body, numbered, 0, page_line, printed)
            pending.clear()
        text = ""

    for number, page in enumerate(pages):
        for i, fragment in enumerate(page.body):
            joined = join_laid([t for _, t in fragment.lines], words, keep)
            first = i == 0 and number > 0
            if fragment.level:
                close()
                if first:
                    pending.append((fragment.lines[0][0], page.printed))
                body.paragraphs.append(Paragraph(0, joined, fragment.lines[0][0], fragment.level))
                continue
            if first and text and not fragment.new:
                glued = join_at_hyphen(text, joined, words, keep)
                offset = len(glued) - len(joined) if glued.endswith(joined) else len(text)
                text = glued
                _page_break(body, numbered + 1, offset, fragment.lines[0][0], page.printed)
                continue
            close()
            if first:
                pending.append((fragment.lines[0][0], page.printed))
            text, line = joined, fragment.lines[0][0]
        if not page.body and number > 0:
            pending.append((page.line, page.printed))
        _read_notes(page, path, words, body, problems, seen, keep)
    close()  # pages after the last paragraph (the bibliography's) mark no break
    return body


def _page_break(body: Body, paragraph: int, offset: int, line: int, printed: str) -> None:
    body.page_breaks.append(PageBreak(len(body.page_breaks) + 1, paragraph, offset, line, printed))


def _read_notes(
    page: Page,
    path: str,
    words: Mapping[str, int],
    body: Body,
    problems: Problems,
    seen: dict[int, int],
    keep: bool,
) -> None:
    for note in page.notes:
        text = join_laid([t for _, t in note.lines], words, keep).strip()
        at = note.lines[0][0]
        if note.n == -1:
            body.author_notes.append(text.lstrip("*").strip())
        elif note.n == 0:
            if not body.notes:
                problems.warning(
                    path,
                    at,
                    "text at the page's foot that belongs to no note",
                    "is it a note whose number was not read? check the page",
                    "orphan-note-text",
                )
                continue
            last = body.notes[-1]
            body.notes[-1] = Note(last.n, join_at_hyphen(last.text, text, words, keep), last.line)
        elif note.n in seen:
            problems.error(
                path,
                at,
                f"note {note.n} appears twice (first at line {seen[note.n]})",
                "renumber the notes or remove the duplicate",
                "duplicate-note",
            )
        else:
            seen[note.n] = at
            body.notes.append(Note(note.n, text, at))
