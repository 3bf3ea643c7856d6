"""A two-column page's notes at each column's foot: where the body goes on after a foot.

An extractor reads such a page column by column: the first column's text,
its notes, maybe the folio read between the columns (`rawpages` drops it),
then the second column's text and its notes. So a page's foot may end amid
the page, and the body go on: told by the body's next marker in a line set
in the body's type, or, after a blank line, by a line that goes on with the
body's unfinished sentence or leads to the next marker. Where the notes still
stop short of the text's markers, `unread_note` names the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from edition.text.rawnotes import AUTHOR_NOTE, NOTE_START, NOTE_WIDE, note_end
from edition.text.rejoin import ends_sentence, starts_sentence
from edition.text.widths import text_width

Row = tuple[int, str, bool]  # (line number, text, blank line before)
_LABEL = re.compile(r"^\d{1,3}$")
_SHORT = 0.6  # of the body's full line: a line this short is no column's text
_AHEAD = 60  # lines: how far below a column's foot the body's next marker may stand


def _marker(expected: int) -> re.Pattern[str]:
    return re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]\"“”’»])" + rf"{expected}(?![\d%])(?=[\s.,;:)\]]|$)")


def body_resumes(zone: Sequence[Row], line: str, expected: int, full: int) -> int | None:
    """Where the body goes on inside a foot (two columns: the first's foot, the second's text).

    `line`, set in the body's type, holds the next marker of the sequence,
    so the body goes on; it began after the foot's last note: after the
    last line in the notes' type or starting a note, and that note's last.
    """
    marker = _marker(expected)
    if not full or not zone or not marker.search(line) or NOTE_START.match(line):
        return None
    if text_width(line) > full * NOTE_WIDE:
        return None
    noted = [
        i
        for i, (_, t, _) in enumerate(zone)
        if NOTE_START.match(t) or AUTHOR_NOTE.match(t) or text_width(t) > full * NOTE_WIDE
    ]
    if not noted:
        return None
    end = zone[noted[-1]][1]
    last = noted[-1] if note_end(end) and not _LABEL.match(end) else noted[-1] + 1
    if last >= len(zone) - 1 or not note_end(zone[last][1]):
        return None
    return last + 1


def column_goes_on(
    zone: Sequence[Row], body: Sequence[str], rows: Sequence[Row], expected: int, full: int
) -> bool:
    """After a blank line, does the body go on below a column's foot (`zone`)?

    `rows` are the page's rows from here on. The line starts no note; its
    block is set as wide as the body's `full` line or its last lines (a
    bibliography set smaller), no wider (not in the notes' type, nor a
    note's pieces); and it goes on with the `body`'s unfinished last line
    (the foot's last note ended) or leads to the body's next marker
    `expected` before a note that could hold it starts. At a single
    column's foot, only the folio stands below the notes.
    """
    _, line, gap = rows[0]
    if not gap or not zone or NOTE_START.match(line) or AUTHOR_NOTE.match(line):
        return False
    if _LABEL.match(zone[-1][1]):
        return False
    block = []
    for _, text, _ in rows[:_AHEAD]:
        start = NOTE_START.match(text)
        if start and int(start.group(1)) >= expected:  # `12 January` is no note below 16
            break
        block.append(text)
    # Most lines as wide as the body's: not in the notes' type, nor a note's pieces.
    widths = sorted(text_width(t) for t in block[:5])
    common = widths[len(widths) // 2] if widths else 0
    above = sorted(text_width(t) for t in body[-3:])
    widest = max(full, above[len(above) // 2] if above else 0)
    if not full or not full * _SHORT < common <= widest * NOTE_WIDE:
        return False
    # The foot's last note ended, or goes on at the next column's foot (LaTeX).
    ended = note_end(zone[-1][1])
    if ended and body and not ends_sentence(body[-1]) and not starts_sentence(line):
        return True
    marker = _marker(expected)
    return any(marker.search(t) for t in block)


def unread_note(rows: Sequence[tuple[int, str]], last: int) -> tuple[int, str] | None:
    """(line, message) where the text holds note `last + 1`: the marker sequence stopped at `last`.

    Markers are read by their sequence; where one could not be read (an
    extractor interleaved columns, say), the notes after it stay in the text
    or in the last note read.
    """
    k = last + 1
    glued = _marker(k)
    for number, line in rows:
        start = NOTE_START.match(line)
        begins = start is not None and int(start.group(1)) == k and starts_sentence(start.group(2))
        if begins or glued.search(line):
            return number, (
                f"the notes were read up to note {last} only: this line seems to hold "
                f"note {k}'s marker or text, and what follows in the text may hold more notes"
            )
    return None
