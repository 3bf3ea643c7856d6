"""A PDF's notes: the zone at a column's or page's foot, and endnotes under a 'Notes' heading.

The notes' size is the commonest size, below the body's, of the flows' last
lines; a flow's zone is its run of last lines in that size (a smaller
bibliography, after its heading, is no zone). A note begins at a raised
number or at `N.`/`N ` with the next note's number whose marker was read;
other lines go on the note before (one that runs over from the page before,
at a zone's top). Endnotes: the lines after a heading such as 'Notes' or
'Примечания', up to the bibliography's heading, read the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from edition.text.labels import is_heading_label
from edition.text.pages import FootNote
from edition.text.pdflines import Line

_NOTE_NUMBER = re.compile(r"^(\d{1,3})(?:\.\s*|\s+)(.*)$")
_HEADING_MAX = 40  # characters: a 'Notes' or 'Bibliography' heading is short


@dataclass(frozen=True)
class Row:
    """A line read: its running number, its Markdown, the raised number it starts with."""

    n: int
    text: str
    label: str
    line: Line


def _heading(row: Row, kind: str) -> bool:
    text = re.sub(r"^[\d.\s]+", "", row.text.strip().strip("*").strip())
    return len(text) <= _HEADING_MAX and is_heading_label(kind, text)


def _at_foot(line: Line, rows: Sequence[Row], small: float) -> bool:
    """Does nothing of another flow stand below this line, across the same width?

    Lines set no larger than `small` do not count: notes across the page's foot
    that are short stand in columns of their own (a note zone read in pieces).
    """
    return not any(
        r.line.flow != line.flow
        and not r.line.margin
        and r.line.size > small + 0.3
        and r.line.baseline > line.baseline
        and r.line.x0 < line.x1
        and r.line.x1 > line.x0
        for r in rows
    )


def note_size(pages: Sequence[Sequence[Row]], body_size: float) -> float:
    """The notes' size: the commonest, below the body's, of the last lines of flows at a foot."""
    last: Counter[float] = Counter()
    for rows in pages:
        for i, row in enumerate(rows):
            ends_flow = i + 1 == len(rows) or rows[i + 1].line.flow != row.line.flow
            small = row.line.size < body_size * 0.92
            foot = _at_foot(row.line, rows, body_size * 0.92)
            if ends_flow and small and not row.line.margin and foot:
                last[row.line.size] += 1
    return last.most_common(1)[0][0] if last else 0.0


def split_zone(
    rows: Sequence[Row], size: float, after_bib: bool
) -> tuple[list[Row], list[Row], bool]:
    """A page's body rows, its notes' rows (each flow's last lines in the notes' size), and
    whether the bibliography has begun (`after_bib`: on a page before)."""
    flows: list[list[Row]] = []
    for row in rows:
        if not flows or flows[-1][0].line.flow != row.line.flow:
            flows.append([])
        flows[-1].append(row)
    body: list[Row] = []
    zone: list[Row] = []
    bib = after_bib
    for flow in flows:
        cut = len(flow)
        while cut > 0 and abs(flow[cut - 1].line.size - size) < 0.3:
            cut -= 1
        if cut < len(flow) and not _at_foot(flow[cut].line, rows, size):
            cut = len(flow)  # small lines with text below them: an abstract, a caption
        bib = bib or any(_heading(r, "bibliography") for r in flow[:cut])
        if bib and cut < len(flow) and not _set_apart(flow, cut):
            cut = len(flow)  # the bibliography set smaller, no notes below it
        body += flow[:cut]
        zone += flow[cut:]
    return body, zone, bib


def _set_apart(flow: Sequence[Row], cut: int) -> bool:
    """Is the zone from `cut` set apart from the lines above (a note zone, not a list)?"""
    if cut == 0:
        return False
    above, first = flow[cut - 1].line, flow[cut].line
    zone = flow[cut:]
    leading = [b.line.baseline - a.line.baseline for a, b in zip(zone, zone[1:], strict=False)]
    own = sorted(leading)[len(leading) // 2] if leading else first.size * 1.2
    return first.baseline - above.baseline > max(own, first.size) * 1.6 and above.size > first.size


def endnotes(
    pages: Sequence[Sequence[Row]],
) -> tuple[list[list[Row]], list[list[Row]], list[list[tuple[int, str]]]]:
    """Body rows without the endnotes, the endnotes' rows, the 'Notes' headings dropped."""
    bodies = [list(rows) for rows in pages]
    ends: list[list[Row]] = [[] for _ in pages]
    heads: list[list[tuple[int, str]]] = [[] for _ in pages]
    inside, at = False, 0
    for index, rows in enumerate(pages):
        kept = []
        for row in rows:
            if not inside and _heading(row, "notes") and row.line.size >= _body_like(rows):
                inside, at = True, index
                heads[index].append((row.n, row.text))
                continue
            if inside and _heading(row, "bibliography"):
                inside = False
            # Endnotes stand with their heading: they belong to no printed page of the body.
            (ends[at] if inside else kept).append(row)
        bodies[index] = kept
    return bodies, ends, heads


def _body_like(rows: Sequence[Row]) -> float:
    """A heading is no smaller than the page's commonest size, less a little."""
    sizes = Counter(r.line.size for r in rows)
    return sizes.most_common(1)[0][0] * 0.9 if sizes else 0.0


def foot_notes(rows: Sequence[Row], state: list[int], body: Sequence[str], page: int) -> list:
    """The notes of a zone; `state` is [next note's number, next marker's], carried on."""
    for text in body:
        for m in re.finditer(r"\[\^(\d+)\]", text):
            state[1] = max(state[1], int(m.group(1)) + 1)
    notes: list[FootNote] = []
    for row in rows:
        text = re.sub(r"\[\^(\d+)\]", r"\1", row.text) if not row.label else row.text
        plain = _NOTE_NUMBER.match(text)
        label = row.label
        if label and (int(label) == state[0] or int(label) < state[1]):
            notes.append(FootNote(int(label), ((row.n, text),)))
            state[0] = int(label) + 1
        elif plain and int(plain.group(1)) == state[0] < state[1]:
            notes.append(FootNote(state[0], ((row.n, plain.group(2)),)))
            state[0] += 1
        elif text.startswith("*") and not notes and page < 3:
            notes.append(FootNote(-1, ((row.n, text),)))
        elif notes:
            last = notes[-1]
            notes[-1] = FootNote(last.n, (*last.lines, (row.n, text)))
        else:
            notes.append(FootNote(0, ((row.n, text),)))
    return notes
