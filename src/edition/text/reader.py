"""Read the plain text of a printed article into the model, keeping line numbers.

The text is what a PDF extractor gives: a cover block, the author, title,
abstract and keywords, then body paragraphs separated by blank lines with the
notes of each print page placed where the page ended, then the bibliography.
A body paragraph cut by a page's notes continues after them, sometimes in the
middle of a word. Everything here is a pure function of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from edition.errors import Problems
from edition.model import Article, Author, BibEntry, Cover, Note, PageBreak, Paragraph
from edition.text.blocks import Block, split_blocks
from edition.text.cover import parse_cover
from edition.text.frontmatter import is_heading_label, read_front
from edition.text.pages import heading_level
from edition.text.rejoin import (
    SUPERSCRIPT,
    continues,
    ends_sentence,
    join_hyphenated,
    join_lines,
    looks_like_heading,
    vocabulary,
)

_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPT, "0123456789")
NOTE_START = re.compile(rf"^([{SUPERSCRIPT}]+)\s*(.*)$", re.S)
MARKER = re.compile(rf"[{SUPERSCRIPT}]+")
FOLIO = re.compile(r"\d{1,4}")
AUTHOR_NOTE = re.compile(r"^(\*+)\s+(.*)$", re.S)


def note_number(text: str) -> int:
    """Turn superscript digits into an int: '⁴⁵' -> 45."""
    return int(text.translate(_SUP_TO_DIGIT))


def markers_to_refs(text: str) -> str:
    """Replace superscript note markers with Markdown note references."""
    return MARKER.sub(lambda m: f"[^{note_number(m.group())}]", text)


def _is_note_block(block: Block) -> bool:
    return bool(NOTE_START.match(block.first) or AUTHOR_NOTE.match(block.first))


def _unclosed_emphasis(text: str) -> bool:
    # A lone "*" at the start of a line is the author note's sign, not markup.
    return text.count("*") % 2 == 1


@dataclass
class _Body:
    paragraphs: list[Paragraph]
    notes: list[Note]
    author_notes: list[str]
    page_breaks: list[PageBreak]


def _read_note(
    block: Block,
    path: str,
    words: Mapping[str, int],
    body: _Body,
    problems: Problems,
    seen: dict[int, int],
) -> None:
    joined = join_lines([t for _, t in block.lines], words)
    note = NOTE_START.match(joined)
    if not note:
        body.author_notes.append(AUTHOR_NOTE.match(joined).group(2).strip())
        return
    n, text = note_number(note.group(1)), note.group(2).strip()
    if n in seen:
        problems.error(
            path,
            block.line,
            f"note {n} appears twice (first at line {seen[n]})",
            "renumber the notes or remove the duplicate",
            "duplicate-note",
        )
        return
    seen[n] = block.line
    body.notes.append(Note(n, text, block.line))
    if _unclosed_emphasis(text):
        problems.error(
            path,
            block.line,
            f"unclosed '*' (italic) in note {n}",
            "close the italic with a second '*'",
            "unclosed-emphasis",
        )


def parse_body(
    blocks: Sequence[Block], path: str, words: Mapping[str, int], problems: Problems
) -> _Body:
    """Rejoin body paragraphs across page breaks and collect the notes."""
    body = _Body([], [], [], [])
    seen: dict[int, int] = {}
    text, line, pieces, numbered = "", 0, 0, 0
    notes_at = 0  # line of the note block since the last fragment, 0 if none

    def close() -> None:
        nonlocal numbered
        if not text:
            return
        if pieces == 1 and looks_like_heading(text) and not ends_sentence(text):
            # A section heading: no paragraph number, so the #p-N anchors stay.
            body.paragraphs.append(Paragraph(0, text, line, heading_level(text)))
            return
        numbered += 1
        body.paragraphs.append(Paragraph(numbered, text, line))
        if _unclosed_emphasis(text):
            problems.error(
                path,
                line,
                "unclosed '*' (italic) in this paragraph",
                "close the italic with a second '*', or escape a literal one as '\\*'",
                "unclosed-emphasis",
            )

    for block in blocks:
        if len(block.lines) == 1 and FOLIO.fullmatch(block.first.strip()):
            continue  # a page number left in the text, not a paragraph
        if _is_note_block(block):
            _read_note(block, path, words, body, problems, seen)
            notes_at = notes_at or block.line
            continue
        fragment = markers_to_refs(join_lines([t for _, t in block.lines], words))
        if text and continues(text, fragment, bool(notes_at)):
            if text.endswith("-") and text[-2:-1].isalpha():
                text = join_hyphenated(text, fragment, words)
                offset = len(text) - len(fragment)
            else:
                text, offset = f"{text} {fragment}", len(text) + 1
            brk_line = notes_at or block.line - 1
            body.page_breaks.append(
                PageBreak(len(body.page_breaks) + 1, numbered + 1, offset, brk_line)
            )
        else:
            close()
            if notes_at and text:
                body.page_breaks.append(
                    PageBreak(len(body.page_breaks) + 1, numbered + 1, 0, notes_at)
                )
            text, line, pieces = fragment, block.line, 0
        pieces += 1
        notes_at = 0
    close()
    return body


def check_notes(
    body: _Body, path: str, problems: Problems, title: str = "", title_line: int = 0
) -> None:
    """Every marker needs its note and every note a marker (the title's counts: a note on it)."""
    numbers = {note.n for note in body.notes}
    referenced = {int(n): title_line for n in re.findall(r"\[\^(\d+)\]", title)}
    for paragraph in body.paragraphs:
        for match in re.finditer(r"\[\^(\d+)\]", paragraph.text):
            referenced.setdefault(int(match.group(1)), paragraph.line)
    for n, line in sorted(referenced.items()):
        if n not in numbers:
            problems.error(
                path,
                line,
                f"marker {n} has no note",
                "add the note at the foot of the page, or remove the marker",
                "marker-without-note",
            )
    for note in body.notes:
        if note.n not in referenced:
            problems.error(
                path,
                note.line,
                f"note {note.n} has no marker in the text",
                "add the superscript marker where the note belongs",
                "note-without-marker",
            )


def split_bibliography(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Split the blocks after the front matter into body and bibliography lines."""
    for i, block in enumerate(blocks):
        if len(block.lines) == 1 and is_heading_label("bibliography", block.first):
            lines = [line for b in blocks[i + 1 :] for line in (*b.lines, (b.lines[-1][0] + 1, ""))]
            return list(blocks[:i]), lines
    return list(blocks), []


def parse_article(
    text: str, path: str, slug: str, parse_bibliography=None
) -> tuple[Article | None, Problems]:
    """Parse a whole article. Returns (None, problems) when errors make it unusable."""
    problems = Problems()
    if not text.strip():
        problems.error(path, 1, "the file is empty", "put the article's text in it", "empty")
        return None, problems
    numbered = list(enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1))
    blocks = split_blocks(numbered)
    front = read_front(blocks, path, problems)
    cover: Cover = parse_cover(front.cover_blocks, path, problems)
    body_blocks, bib_lines = split_bibliography(front.rest)
    words = vocabulary(t for b in body_blocks for _, t in b.lines)
    body = parse_body(body_blocks, path, words, problems)
    check_notes(body, path, problems, front.title, front.title_line)
    if not body.paragraphs:
        problems.error(
            path,
            blocks[-1].line if blocks else 1,
            "no body text found after the front matter",
            "is the whole article in the file?",
            "no-body",
        )
    bibliography: tuple[BibEntry, ...] = ()
    if parse_bibliography is not None and bib_lines:
        bibliography, bib_problems = parse_bibliography(bib_lines, path)
        problems.items.extend(bib_problems)
    authors = make_authors(front.names, front.affiliation, body.author_notes)
    if problems.errors:
        return None, problems
    article = Article(
        slug=slug,
        source=path,
        cover=cover,
        title=front.title,
        authors=authors,
        abstract=front.abstract,
        keywords=front.keywords,
        paragraphs=tuple(body.paragraphs),
        notes=tuple(sorted(body.notes, key=lambda n: n.n)),
        bibliography=bibliography,
        page_breaks=tuple(body.page_breaks),
        title_line=front.title_line,
    )
    return article, problems


def make_authors(
    names: Sequence[str], affiliation: str, author_notes: Sequence[str]
) -> tuple[Author, ...]:
    """The authors, each with the '*' note printed for them (in order) and its e-mail."""
    notes = [n.lstrip() for n in author_notes]
    return tuple(
        Author(
            name=name,
            affiliation=affiliation,
            email=_email(notes[i]) if i < len(notes) else "",
            note=notes[i] if i < len(notes) else "",
        )
        for i, name in enumerate(names)
    )


def _email(note: str) -> str:
    match = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", note)
    return match.group() if match else ""


def decode_source(data: bytes, path: str, problems: Problems) -> str | None:
    """Decode UTF-8, naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            path,
            line,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8",
            "encoding",
        )
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.error(path, line, "the file contains NUL bytes (binary data?)", "", "binary")
        return None
    return text.removeprefix("\ufeff")
