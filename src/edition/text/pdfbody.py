"""A PDF's body lines: where paragraphs begin, which lines are headings and of what level.

Measured in each flow (a column, or the page) by itself: a paragraph begins
at an indent, after a wider space, or after a short line that ends a
sentence. A heading is a line set in bold, or larger than the body; its
level is by size: the largest size that heads two sections or more is a
section (2), smaller ones sub-sections (3). A short italic line alone is a
sub-section too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from edition.text.pages import LaidLine
from edition.text.pdflines import Line
from edition.text.pdfnotes import Row
from edition.text.rejoin import ends_sentence, starts_sentence


def small_head(line: Line, below: Line, body_size: float) -> bool:
    """A page's first line set smaller than the body, well above a body line: a running head."""
    small = line.size < body_size * 0.92 and abs(below.size - body_size) < 0.3
    return small and below.baseline - line.baseline > body_size * 1.8 and len(line.chars) <= 80


def _headingish(line: Line, body_size: float) -> bool:
    return line.bold or line.size > body_size * 1.12


def heading_sizes(lines: Sequence[Line], body_size: float) -> tuple[float, ...]:
    """The sizes of headings that stand two times or more, largest first."""
    runs: Counter[float] = Counter()
    previous = False
    for line in lines:
        here = _headingish(line, body_size)
        if here and not previous:
            runs[line.size] += 1
        previous = here
    return tuple(sorted((s for s, k in runs.items() if k >= 2), reverse=True))


def _level(line: Line, sizes: Sequence[float]) -> int:
    return 2 if not sizes or line.size >= sizes[0] - 0.3 else 3


def _italic_heading(text: str, line: Line, body_size: float, right: float) -> bool:
    whole = text.startswith("*") and text.endswith("*") and text.count("*") == 2
    short = line.x1 < right - body_size * 6
    return (
        whole
        and short
        and line.size <= body_size * 1.02
        and not text.rstrip("*").endswith((".", ",", ";", ":"))
    )


def _edges(rows: Sequence[Row], body_size: float) -> dict[int, tuple[float, float]]:
    """Each flow's left edge (of its body-size lines) and right edge."""
    flows: dict[int, list[Line]] = {}
    for row in rows:
        flows.setdefault(row.line.flow, []).append(row.line)
    out = {}
    for flow, lines in flows.items():
        body = [x for x in lines if abs(x.size - body_size) < 0.5] or lines
        out[flow] = (min(x.x0 for x in body), max(x.x1 for x in lines))
    return out


def body_lines(
    rows: Sequence[Row],
    body_size: float,
    sizes: Sequence[float],
    previous: Sequence[Row] = (),
) -> list[LaidLine]:
    """Body lines with paragraph starts (indent, wider space) and headings (bold, larger).

    `previous` is the page before's body: a page whose last line ends a sentence short of
    its column's right edge ends a paragraph, and the next page's first sentence begins one.
    """
    edges = _edges(rows, body_size)
    last = previous[-1] if previous else None
    last_right = _edges(previous, body_size)[last.line.flow][1] if last else 0.0
    page_left = min((left for left, _ in edges.values()), default=0.0)
    out: list[LaidLine] = []
    for i, row in enumerate(rows):
        line, text = row.line, row.text
        left, right = edges[line.flow]
        before = rows[i - 1].line if i else None
        prev = before if before is not None and before.flow == line.flow else None
        leading = (line.baseline - prev.baseline) if prev else 0
        gap = prev is not None and leading > max(line.size, prev.size) * 1.6
        level = 0
        if _headingish(line, body_size) and len(text) <= 200:
            level = _level(line, sizes)
        elif line.size > body_size * 1.05 and (gap or prev is None) and len(text) <= 120:
            level = _level(line, sizes)  # a little larger (LaTeX's \large) and set apart
        elif _italic_heading(text, line, body_size, right) and (gap or prev is None):
            level = 3  # a short italic line alone: after a space, or at a column's top
        indent = line.x0 > left + body_size * 0.6 and line.x1 > right - body_size * 2
        # Would this line's first word have fitted on the line before (in its own column)?
        room = body_size * (len(text.split()[0]) * 0.6 + 1)
        short_before = before is not None and before.x1 < edges[before.flow][1] - room
        ended = bool(out) and short_before and ends_sentence(out[-1].text)
        if i == 0 and last is not None:
            ended = last.line.x1 < last_right - room and ends_sentence(last.text)
        new = (
            indent
            or gap
            or level > 0
            or bool(out and out[-1].level)
            or (ended and starts_sentence(text))
        )
        # x0 from the column's own left edge (plus the page's), so indents compare across columns.
        x0 = line.x0 - left + page_left
        out.append(LaidLine(row.n, text, new, level, gap, x0))
    return out
