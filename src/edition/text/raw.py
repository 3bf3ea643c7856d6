"""A raw extraction (pdftotext, pdfminer): pages, running heads, plain-digit markers, foot notes.

Such a text has no superscripts and no italics. Pages and running heads are
`rawpages`'s; an endnotes section is `endnotes`'s. Note markers are digits
glued to a word or a stop (`religion.1`), found by their sequence 1, 2, 3 ...;
a page's foot begins at the first line that starts a note whose marker has
been seen (`1. Text`, `1 Text`, `1Text`, or the number alone on its line),
and `rawnotes` says which foot line is which note's. A paragraph ends where
a line ends a sentence and the next line's first word would still have
fitted on it (`widths`), or, where the extraction keeps them, at an indent or
a blank line. Hyphens pdftotext dropped when joining lines are `rawjoins`'s.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from edition.text.endnotes import Endnotes, split_endnotes
from edition.text.labels import is_heading_label, label_rest
from edition.text.pages import FootNote, LaidLine, LaidPage
from edition.text.rawcolumns import body_resumes, column_goes_on, unread_note
from edition.text.rawjoins import rejoin_compounds
from edition.text.rawnotes import (
    AUTHOR_NOTE,
    NOTE_START,
    carried_block,
    glued_note,
    lift_foot,
    note_start,
    read_foot,
    unfinished,
    waiting_labels,
)
from edition.text.rawpages import split_pages, strip_raw_heads
from edition.text.rejoin import ends_sentence, looks_like_heading, starts_sentence
from edition.text.widths import common_width, measure, reach, text_width, threshold

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_BEFORE_MARKER = r"(?<=[^\W\d_]|[.,;:!?)\]\"“”‘’»«›‹*])"


def is_raw(text: str) -> bool:
    """A raw extraction has no superscript markers (the bundled form marks every note so)."""
    return not any(c in SUPERSCRIPTS for c in text)


def read_raw_pages(text: str) -> list[LaidPage]:
    """The pages of a raw extraction: body lines with [^N] markers, and their notes."""
    pages, printed, dropped, guessed = strip_raw_heads(split_pages(text))
    pages, endnotes = split_endnotes(pages)
    split = _split_notes(pages, feet=endnotes is None)
    # Again knowing the body's width, where notes set smaller stand out (till it holds).
    common = 0
    for _ in range(2):
        width = common_width([text_width(t) for body, _, _ in split for _, t, _ in body])
        if abs(width - common) <= common * 0.01:
            break
        common = width
        split = _split_notes(pages, endnotes is None, common)
    if endnotes:
        split = _with_endnotes(split, endnotes)
    # The body's full line length (notes, set smaller, hold more characters a line).
    widths = sorted(len(t) for body, _, _ in split for _, t, _ in body)
    full = widths[int(len(widths) * 0.9)] if widths else 80
    measured = measure([text_width(t) for body, _, _ in split for _, t, _ in body])
    # An extractor that keeps a line's final hyphen joins no lines (-layout, pdfminer).
    kept = bool(re.search(r"[^\W\d_]-[ \t]*$", text, re.M))
    split = rejoin_compounds(split, measured, kept)
    least = threshold(_cut_reaches([row for body, _, _ in split for row in body], measured))
    indented = _indented(split, _indents(text), full)
    # `pdftotext -layout` keeps a paragraph's first-line indent: where the text
    # shows indents, they and blank lines mark paragraphs, not the lines' widths.
    by_width = sum(indented.values()) < max(3, len(split) // 2)
    laid: list[LaidPage] = []
    previous = ""
    close: list[int] = []  # lines where a paragraph may begin, by a hair's width
    in_bib = False
    for index, (body, notes, doubts) in enumerate(split):
        lines: list[LaidLine] = []
        for at, (number, line, gap) in enumerate(body):
            heading = _heading(line) and text_width(line) < measured * 0.7
            after = body[at + 1][1] if at + 1 < len(body) else ""
            # A bibliography hangs its entries: there an indented line goes on with one.
            in_bib = in_bib or is_heading_label("bibliography", line)
            inset = indented.get(number, False)
            new = (by_width and _begins(previous, line, gap, measured, least)) or (
                (gap or (heading and not by_width) or (inset and not in_bib))
                and (not previous or (ends_sentence(previous) and starts_sentence(line)))
            )
            new = new and not (in_bib and inset)
            # A heading set apart by a blank line, after a line that does not go on,
            # before one that begins a sentence (pdfminer sets pieces of lines apart too).
            apart = not re.search(r"[-,;:.]$", line) and not re.search(r"[-,;:]$", previous)
            new = new or (heading and gap and apart and starts_sentence(after))
            # A heading under a title's last line (a short line, no sentence), before a
            # paragraph's full first line: pdftotext sets no blank line between them.
            # Only where no full line stands above it on the page: a first page's top.
            opening = all(text_width(x.text) <= measured * _FULL_LINE for x in lines)
            close_below = at + 1 < len(body) and not body[at + 1][2]
            new = new or (
                heading
                and apart
                and opening
                and close_below
                and not gap
                and _under_title(previous, line, after, measured, least)
            )
            if by_width and not gap and _close_call(previous, line, measured, least):
                close.append(number)
            level = 0
            if new and heading and (lines or (previous and ends_sentence(previous))):
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
                (*guessed[index], *doubts),
            )
        )
    last = max(
        (int(m) for p in laid for ln in p.lines for m in re.findall(r"\[\^(\d+)\]", ln.text)),
        default=0,
    )
    rows = [(ln.line, ln.text) for p in laid for ln in p.lines]
    rows += [row for p in laid for note in p.notes for row in note.lines]
    unread = unread_note(sorted(rows), last)
    if unread and laid:  # the notes after it would be lost
        laid[0] = dataclasses.replace(laid[0], lost=(unread,))
    # pdfminer sets a blank line between paragraphs: there the widths decide nothing alone.
    blank = sum(gap for body, _, _ in split for _, _, gap in body) >= 3 * len(split)
    if close and laid and not blank:
        shown = ", ".join(str(n) for n in close[:_SHOWN])
        doubt = (
            f"{len(close)} lines may begin a paragraph or go on with one: the text keeps no "
            f"indents or blank lines, and the lines' widths hardly tell (lines {shown})"
        )
        first = laid[0]
        laid[0] = dataclasses.replace(first, doubts=((close[0], doubt), *first.doubts))
    return laid


def _close_call(previous: str, line: str, full: int, least: float) -> bool:
    """A sentence ends at the line's end, a capital follows, and the widths hardly tell."""
    if not previous or not ends_sentence(previous) or not starts_sentence(line):
        return False
    return abs(reach(previous, line.split()[0], full) - least) < _CLOSE


Row = tuple[int, str, bool]
_SHOWN = 5  # lines named in a message
_CLOSE = 0.05  # of a line's width: a paragraph's end told by less is a guess


def _split_notes(
    pages: Sequence[Sequence[Row]], feet: bool = True, full: int = 0
) -> list[tuple[list[Row], list, list]]:
    """Each page's body lines (markers as [^N]), its notes and the doubts, read in one pass.

    A page's foot begins at the first line that starts a note whose marker
    was read (or the author's '*' note on the first pages); `read_foot` says
    which of its lines are which note's. Before it may stand the end of the
    page before's last note, and a hyphen may have glued the body's last
    line to the first note's (pdftotext joins such lines). Without `feet`
    (the notes are endnotes) only the author's note stands at a foot. With
    the body's `full` line width, notes whose text stands above their label
    are read too (`foot_above`).
    """
    out = []
    next_marker = 1
    read: set[int] = set()
    open_note = False  # the page before's last note did not end a sentence
    for index, page in enumerate(pages):
        body: list[Row] = []
        zone: list[Row] = []
        done: list[Row] = []  # a first column's foot
        for at, row in enumerate(page):
            number, line, gap = row
            resumes = body_resumes(zone, line, next_marker, full) if feet else None
            if resumes is not None:
                done += zone[:resumes]
                for n, t, g in zone[resumes:]:
                    t, next_marker = _markers(t, next_marker)
                    body.append((n, t, g))
                zone = []
            elif feet and zone and column_goes_on(zone, _tail(body), page[at:], next_marker, full):
                done += zone  # a column's foot amid the page; the next column goes on
                zone = []
            allowed = set(range(1, next_marker)) - read if feet else set()
            author = index < 3 and not read and bool(AUTHOR_NOTE.match(line)) and len(line) < 80
            if not zone and body and _unglue(body, zone, allowed, line):
                zone.append(row)
                continue
            below = [t for _, t, _ in page[at + 1 :]]
            started = {int(m.group(1)) for _, t, _ in done if (m := NOTE_START.match(t))}
            after = max(read | started, default=0)  # a first column's notes count as read
            starts = author or note_start(line, allowed, after, below)
            if not zone and body and starts and index < 3 and not read:
                _unglue_author(body, zone)
            if zone or starts:
                zone.append(row)
                continue
            line, next_marker = _markers(line, next_marker)
            body.append((number, line, gap))
        allowed = set(range(1, next_marker)) - read if feet else set()
        if not zone:
            _unglue(body, zone, allowed, "")
        author = index < 3 and not read
        zone = done + zone
        foot = read_foot(zone, allowed, author)
        waiting = waiting_labels(foot) if zone else 0
        above, going_on = lift_foot(body, waiting, open_note, full) if feet else (len(body), 0)
        if above < len(body) and (waiting or going_on):
            zone = [*body[above:], *zone]
            del body[above:]
            carried = [(n, t) for n, t, _ in zone[:going_on]]
            zone = zone[going_on:]
            foot = read_foot(zone, allowed, author)
        else:
            carried = carried_block(body) if open_note and zone else []
        notes = ([(0, carried)] if carried else []) + foot.notes
        read |= {n for n, lines in notes if n > 0 and lines}
        numbered = [lines for n, lines in notes if n != -1 and lines]
        if numbered:
            open_note = unfinished(numbered[-1][-1][1])
        out.append((body, notes, foot.doubts))
    return out


def _tail(body: Sequence[Row]) -> list[str]:
    return [t for _, t, _ in body[-3:]]


def _with_endnotes(split: list, endnotes: Endnotes) -> list:
    """Read the endnotes section as the foot of the page its heading stands on."""
    markers = {
        int(m) for body, _, _ in split for _, t, _ in body for m in re.findall(r"\[\^(\d+)\]", t)
    }
    foot = read_foot(endnotes.rows, markers, False)
    out = list(split)
    body, notes, doubts = out[endnotes.page]
    out[endnotes.page] = (body, notes + foot.notes, doubts + foot.doubts)
    return out


def _unglue(body: list[Row], zone: list[Row], allowed: set[int], following: str) -> bool:
    """Split the body's last line where a hyphen joined it to the first note's line.

    pdftotext joins a line that ends in a hyphen to the next line it reads,
    and at a page's foot that may be the first note's (`docu27 Ibid.`). The
    line after it (`following`) goes on with that note, is the next note,
    or the page ends.
    """
    if not allowed or not body:
        return False
    first = min(allowed)
    start = NOTE_START.match(following)
    number, line, gap = body[-1]
    split = glued_note(line, first)
    # Below a glued note stands its next line or the next note, not another number.
    if start and following and int(start.group(1)) != first + 1:
        return False
    if split:
        # The label as a line of its own: `13 Report` would read as a numbered heading.
        body[-1] = (number, split[0], gap)
        label, _, rest = split[1].partition(" ")
        zone.extend((number, t, False) for t in (label, rest) if t)
    return bool(split)


def _unglue_author(body: list[Row], zone: list[Row]) -> None:
    """`Од* petrova@example.org`: the body's last line a hyphen joined to the author's note."""
    number, line, gap = body[-1]
    glued = re.search(r"(?<=[^\W\d_]{2})(\*+\s+\S*@\S*.*)$", line)
    if glued:
        body[-1] = (number, line[: glued.start()] + "-", gap)
        zone.append((number, glued.group(1), False))


def _indented(
    split: Sequence[tuple[list[Row], list, list]], indents: dict[int, int], full: int
) -> dict[int, bool]:
    """Which long body lines stand indented from their page's left margin."""
    out = {}
    for body, _, _ in split:
        long = [indents.get(n, 0) for n, t, _ in body if len(t) > full * 0.6]
        margin = min(long) if long else 0
        for number, line, _ in body:
            out[number] = indents.get(number, 0) >= margin + 2 and len(line) > full * 0.6
    return out


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


def _cut_reaches(rows: Sequence[Row], full: int) -> list[float]:
    """How far each line cut mid-sentence reaches with the next line's first word.

    Lines pdftotext joined are left out: where their last printed line ends is a guess.
    """
    out = []
    for (_, before, _), (_, after, gap) in zip(rows, rows[1:], strict=False):
        if not after.split() or gap or ends_sentence(before) or before.endswith("-"):
            continue
        if text_width(before) <= full * 1.08:
            out.append(reach(before, after.split()[0], full))
    return out


def _heading(line: str) -> bool:
    """A heading: `looks_like_heading`'s, or two words, a capital, no stop ('Die Quellen')."""
    words = line.split()
    two = len(words) == 2 and line[0].isupper() and not re.search(r"[.,;:!?\d]", line)
    return looks_like_heading(line) or two


def _under_title(previous: str, line: str, after: str, full: int, least: float) -> bool:
    """Does the heading `line` follow a title's last line, and a paragraph begin after it?"""
    if not previous or ends_sentence(previous) or not starts_sentence(line):
        return False
    if any(label_rest(k, after) is not None for k in ("abstract", "keywords")):
        return False  # the title's last line, over the abstract
    short = reach(previous, line.split()[0], full) < least
    return short and starts_sentence(after) and text_width(after) > full * _FULL_LINE


_FULL_LINE = 0.8  # of the body's width: a paragraph's first line, not a byline's


def _begins(previous: str, line: str, gap: bool, full: int, least: float) -> bool:
    """Does `line` begin a paragraph after `previous` (the last body line before it)?

    It does after a finished sentence, with a capital, where a blank line
    stands between or the first word would have fitted on `previous`.
    """
    if not previous:
        return True
    if not ends_sentence(previous) or not starts_sentence(line):
        return False
    first_word = line.split()[0] if line.split() else ""
    return gap or reach(previous, first_word, full) < least


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
            # After a number's stop (`94(497.1)`, `1,5`) only one a space follows: `in 1960.1 A`.
            pattern = re.compile(
                _BEFORE_MARKER
                + rf"(?:(?<!\d[.,]){number}(?![\d%])(?=[\s.,;:)\]]|$)|{number}(?![\d%])(?=\s|$))"
            )
            match = pattern.search(line, pos)
            if match:
                expected = number
                break
        if not match:
            # pdftotext sets a space after a raised marker before the stop that follows it.
            return re.sub(r"(\[\^\d+\]) (?=[.,;:!?)\]])", r"\1", line), expected
        ref = f"[^{expected}]"
        line = line[: match.start()] + ref + line[match.end() :]
        pos = match.start() + len(ref)
        expected += 1
