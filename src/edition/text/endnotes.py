"""Endnotes in a raw extraction: all the notes at the article's end, under a heading.

A journal that prints no page-foot notes sets them after the body under
`Notes` (`Endnotes`, `Примечания`, `Anmerkungen`, `Napomene`,
`Notes/Références`), numbered as the markers in the body are. The section
runs from its heading to the bibliography's heading or the text's end; its
lines are read as one page's foot, so labels apart from their text are
placed as at a page's foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from edition.text.labels import is_heading_label
from edition.text.rawnotes import NOTE_START

Row = tuple[int, str, bool]
_NEAR_END = 0.4  # the heading stands in the text's last part, after this share of its lines
_FIRST_WITHIN = 3  # lines after the heading in which note 1 must begin


@dataclass(frozen=True)
class Endnotes:
    page: int  # index of the page the heading stands on
    heading: Row
    rows: tuple[Row, ...]  # the section's lines, the heading left out


def is_notes_heading(line: str) -> bool:
    """`Notes`, `Примечания`, or `Notes/Références`: a notes label, alone on its line."""
    parts = [p.strip() for p in line.split("/")]
    first, rest = parts[0], parts[1:]
    return is_heading_label("notes", first) and all(
        is_heading_label("notes", p) or is_heading_label("bibliography", p) for p in rest
    )


def split_endnotes(
    pages: Sequence[Sequence[Row]],
) -> tuple[list[list[Row]], Endnotes | None]:
    """The pages without their endnotes section, and the section, if the text has one."""
    rows = [((i, j), row) for i, page in enumerate(pages) for j, row in enumerate(page)]
    start = None
    for at in range(len(rows) - 1, int(len(rows) * _NEAR_END) - 1, -1):
        if is_notes_heading(rows[at][1][1]) and _first_note_follows(rows, at):
            start = at
            break
    if start is None:
        return [list(p) for p in pages], None
    end = next(
        (k for k in range(start + 1, len(rows)) if is_heading_label("bibliography", rows[k][1][1])),
        len(rows),
    )
    taken = {at for at, _ in rows[start:end]}
    kept = [[r for j, r in enumerate(page) if (i, j) not in taken] for i, page in enumerate(pages)]
    section = Endnotes(
        rows[start][0][0], rows[start][1], tuple(r for _, r in rows[start + 1 : end])
    )
    return kept, section


def _first_note_follows(rows: Sequence[tuple[tuple[int, int], Row]], at: int) -> bool:
    """Does note 1 begin within the few lines after the heading (`1. Text`, `1 Text`, `1`)?"""
    for _, (_, line, _) in rows[at + 1 : at + 1 + _FIRST_WITHIN]:
        start = NOTE_START.match(line)
        if start and start.group(1) == "1":
            return True
    return False
