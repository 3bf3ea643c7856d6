"""A raw extraction (pdftotext, pdfminer): pages, running heads, plain-digit markers, foot notes.

Such a text has no superscripts and no italics. Pages end at form feeds (or,
without any, at runs of three blank lines); a page's first or last lines that
recur on other pages, or are a bare number, are its running head and folio
(the folio kept as the printed page number). Note markers are digits glued to
a word or a stop (`religion.1`), found by their sequence 1, 2, 3 ...; a page's
notes are the lines from the first one that starts with the next note number
whose marker has been seen (`1. Text`, `1 Text`, `1Text`, or the number alone
on its line). A paragraph ends where a line ends a sentence and the next
line's first word would still have fitted on it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from edition.text.pages import FootNote, LaidLine, LaidPage
from edition.text.rejoin import ends_sentence, looks_like_heading, starts_sentence

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOLIO = re.compile(r"^\d{1,4}$")
_NOTE_START = re.compile(r"^(\d{1,3})(?:\.\s*|\s+|(?=[^\W\d_“\"«(])|$)(.*)$")
_AUTHOR_NOTE = re.compile(r"^\*+(?:\s+(.*))?$")
_BEFORE_MARKER = r"(?<=[^\W\d_]|[.,;:!?)\]\"“”‘’»«›‹*])"
_HEAD_MAX = 80  # characters: a running head is one short line
_EDGE = 2  # lines at a page's top and foot that may be running heads or folios


def is_raw(text: str) -> bool:
    """A raw extraction has no superscript markers (the bundled form marks every note so)."""
    return not any(c in SUPERSCRIPTS for c in text)


def _normalise(line: str) -> str:
    line = line.replace("\t", " ")
    if line.rstrip().endswith("\u00ad"):
        line = line.rstrip()[:-1] + "-"
    return re.sub(r" {2,}", " ", line.replace("\u00ad", "")).strip()


def split_pages(text: str) -> list[list[tuple[int, str, bool]]]:
    """Pages of (line number, text, blank line before) at form feeds or 3-blank-line runs."""
    pages: list[list[tuple[int, str, bool]]] = [[]]
    has_ff = "\f" in text
    blanks = 0
    for number, raw in enumerate(text.split("\n"), 1):
        parts = raw.split("\f")
        for k, part in enumerate(parts):
            if k > 0 and pages[-1]:
                pages.append([])
            line = _normalise(part)
            if not line:
                blanks += 1
                if not has_ff and blanks == 3 and pages[-1]:
                    pages.append([])
                continue
            pages[-1].append((number, line, blanks > 0))
            blanks = 0
    return [p for p in pages if p]


def _shape(line: str) -> str:
    """A line without the page number a head may carry at either end."""
    return re.sub(r"^\d{1,4}\s+|\s+\d{1,4}$", "", line).casefold()


def strip_heads(
    pages: list[list[tuple[int, str, bool]]],
) -> tuple[list[list], list[str], list[list[tuple[int, str]]]]:
    """Drop running heads and folios; return the pages, their printed numbers, what was dropped.

    A head recurs at the same end (top or foot) of a quarter of the pages at
    least, digits aside; a folio is a bare number, or a number beside a head.
    """
    edges: dict[int, Counter[str]] = {0: Counter(), -1: Counter()}
    for page in pages:
        edges[0].update({_shape(t) for _, t, _ in page[:_EDGE]})
        edges[-1].update({_shape(t) for _, t, _ in page[-_EDGE:]})
    least = max(2, len(pages) // 4)
    out, printed, dropped = [], [], []
    for page in pages:
        number, keep, gone = "", list(page), []
        for end in (0, -1):
            folio_here = False
            for _ in range(_EDGE):
                if not keep:
                    break
                line = keep[end][1]
                # A head is short and no sentence: a recurring line ending in a stop is a note.
                head = (
                    len(line) <= _HEAD_MAX
                    and not line.endswith(".")
                    and (
                        edges[end][_shape(line)] >= least
                        or (end == 0 and (folio_here or _beside_folio(keep, 0)))
                    )
                )
                bare = bool(_FOLIO.match(line)) and not any(_FOLIO.match(t) for _, t in gone)
                if not (bare or (head and not _FOLIO.match(line))):
                    break  # one bare number a page is its folio; another is a note's
                folio = re.match(r"^(\d{1,4})\b|.*\b(\d{1,4})$", line)
                number = number or (next((g for g in folio.groups() if g), "") if folio else "")
                folio_here = folio_here or bare
                gone.append(keep.pop(end)[:2])
        if keep:  # a page's start is no blank line between paragraphs
            keep[0] = (keep[0][0], keep[0][1], False)
        out.append(keep)
        printed.append(number)
        dropped.append(gone)
    return out, _fill(printed), dropped


def _beside_folio(lines: Sequence[tuple[int, str, bool]], end: int) -> bool:
    """Is the line at this end followed, on the same side, by a bare page number?

    A short article's alternating heads recur too little to be seen; the
    folio next to one gives it away (at the top only: at the foot, the line
    beside the folio may be a note).
    """
    step = 1 if end == 0 else -1
    index = end + step
    return -len(lines) <= index < len(lines) and bool(_FOLIO.match(lines[index][1]))


def _fill(printed: Sequence[str]) -> list[str]:
    """Fill a page number missing between two that agree with the page count."""
    known = [(i, int(p)) for i, p in enumerate(printed) if p]
    filled = list(printed)
    for (i, a), (j, b) in zip(known, known[1:], strict=False):
        if b - a == j - i:
            for k in range(i + 1, j):
                filled[k] = str(a + k - i)
    return filled


def read_raw_pages(text: str) -> list[LaidPage]:
    """The pages of a raw extraction: body lines with [^N] markers, and their notes."""
    pages, printed, dropped = strip_heads(split_pages(text))
    split = _split_notes(pages)
    # The body's full line length (notes, set smaller, hold more characters a line).
    widths = sorted(len(t) for body, _ in split for _, t, _ in body)
    full = widths[int(len(widths) * 0.9)] if widths else 80
    indents = _indents(text)
    laid: list[LaidPage] = []
    previous = ""
    for index, (body, notes) in enumerate(split):
        lines: list[LaidLine] = []
        long = [indents.get(n, 0) for n, t, _ in body if len(t) > full * 0.6]
        margin = min(long) if long else 0
        for number, line, gap in body:
            # `pdftotext -layout` keeps a paragraph's first-line indent as spaces.
            indented = indents.get(number, 0) >= margin + 2 and len(line) > full * 0.6
            new = _begins(previous, line, gap, full) or (
                indented and (not previous or ends_sentence(previous))
            )
            level = 0
            if lines and new and looks_like_heading(line) and len(line) < full * 0.7:
                level = 2
            lines.append(LaidLine(number, line, new or level > 0, level, gap))
            previous = "" if level else line
        page = pages[index]
        laid.append(
            LaidPage(
                index + 1,
                printed[index],
                page[0][0] if page else 0,
                tuple(_after_heading(lines)),
                tuple(FootNote(n, tuple(ls)) for n, ls in notes if ls),
                tuple(dropped[index]),
            )
        )
    return laid


Row = tuple[int, str, bool]


def _split_notes(pages: Sequence[Sequence[Row]]) -> list[tuple[list[Row], list]]:
    """Each page's body lines (markers as [^N]) and its notes, read in one pass.

    A note starts at the next note number whose marker was read; a number alone
    on its line (a raised label an extractor put on its own line) or with a
    stop may skip a note that was not found. The author's '*' note ends at its
    e-mail address; text after it with no number of its own goes to a number
    left alone at the page's foot (pdftotext moves such labels).
    """
    out = []
    next_marker, next_note = 1, 1
    read: set[int] = set()
    for index, page in enumerate(pages):
        body: list[Row] = []
        notes: list[tuple[int, list[tuple[int, str]]]] = []
        held: list[tuple[int, str]] = []
        author_open = False
        for number, line, gap in page:
            start = _NOTE_START.match(line)
            k = int(start.group(1)) if start else 0
            lone = bool(start) and (not start.group(2) or line[len(start.group(1))] == ".")
            author = _AUTHOR_NOTE.match(line) if index < 3 and not notes and not read else None
            heading = bool(start) and _numbered_heading(line)
            if (
                start
                and not heading
                and k not in read
                and k < next_marker
                and (k == next_note or lone)
            ):
                notes.append((k, [(number, start.group(2))] if start.group(2) else []))
                read.add(k)
                next_note = max(next_note, k + 1)
                author_open = False
            elif author and len(line) < 80:
                notes.append((-1, [(number, line)]))
                author_open = "@" not in line
            elif notes and notes[-1][0] == -1 and not author_open:
                held.append((number, line))
            elif notes:
                notes[-1][1].append((number, line))
                author_open = author_open and "@" not in line
            else:
                line, next_marker = _markers(line, next_marker)
                body.append((number, line, gap))
        if held:  # text after the author's note: the note whose number stands alone
            empty = [i for i, (n, lines) in enumerate(notes) if n > 0 and not lines]
            if empty:
                notes[empty[0]] = (notes[empty[0]][0], held)
            else:
                notes.append((0, held))
        out.append((body, _give_alone(notes)))
    return out


def _numbered_heading(line: str) -> bool:
    """'2. Archival sources' is a heading, not note 2: short, a capital, no stop or comma."""
    rest = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", line)
    plain = bool(rest) and rest[0].isupper() and not re.search(r"[.,;:]", rest)
    short = 0 < len(line) <= 50 and plain
    titled = all(w[0].isupper() for w in rest.split() if len(w) > 3)
    return short and (titled or len(rest.split()) <= 3)


def _give_alone(notes: list[tuple[int, list[tuple[int, str]]]]) -> list:
    """A number left alone (its text went to the note before it): split that note's text.

    The text of the nearest lower-numbered note with several lines is cut at
    its last sentence end followed by a capital; the rest is the alone number's.
    """
    for i, (n, lines) in enumerate(notes):
        if n <= 0 or lines:
            continue
        donors = [j for j, (m, ls) in enumerate(notes) if 0 < m < n and len(ls) >= 2]
        if not donors:
            continue
        j = max(donors, key=lambda j: notes[j][0])
        before = notes[j][1]
        cut = max(
            (c for c in range(1, len(before)) if ends_sentence(before[c - 1][1])
             and starts_sentence(before[c][1])),
            default=0,
        )  # fmt: skip
        if cut:
            notes[i] = (n, before[cut:])
            notes[j] = (notes[j][0], before[:cut])
    return notes


def _indents(text: str) -> dict[int, int]:
    """Each line's leading spaces (after a form feed), by line number."""
    out = {}
    for number, raw in enumerate(text.split("\n"), 1):
        part = raw.split("\f")[-1].replace("\t", " ")
        out[number] = len(part) - len(part.lstrip(" "))
    return out


def _after_heading(lines: list[LaidLine]) -> list[LaidLine]:
    """The line after a heading begins a paragraph; a 'heading' the next line continues is none."""
    out = []
    for i, line in enumerate(lines):
        if line.level and i + 1 < len(lines) and not starts_sentence(lines[i + 1].text):
            line = LaidLine(line.line, line.text, line.new, 0, line.gap)
        if i and out[-1].level and not line.level:
            line = LaidLine(line.line, line.text, True, 0, line.gap)
        out.append(line)
    return out


def _begins(previous: str, line: str, gap: bool, full: int) -> bool:
    """Does `line` begin a paragraph after `previous` (the last body line before it)?"""
    if not previous:
        return True
    if not ends_sentence(previous) or not starts_sentence(line):
        return False
    first_word = line.split()[0] if line.split() else ""
    return gap or len(previous) + 1 + len(first_word) < full * 0.92


def _markers(line: str, expected: int) -> tuple[str, int]:
    """Turn the glued digits that continue the marker sequence into [^N].

    One marker the extraction lost is skipped (the next number is taken), so
    that the rest of the sequence still reads; its note is then reported as
    having no marker.
    """
    pos = 0
    while True:
        match = None
        for number in (expected, expected + 1):
            pattern = re.compile(_BEFORE_MARKER + rf"{number}(?![\d%])(?=[\s.,;:)\]]|$)")
            match = pattern.search(line, pos)
            if match:
                expected = number
                break
        if not match:
            return line, expected
        ref = f"[^{expected}]"
        line = line[: match.start()] + ref + line[match.end() :]
        pos = match.start() + len(ref)
        expected += 1
