"""A PDF page's lines in reading order: margins, bands across the page, columns.

A page set in columns has a gutter: an upright strip in the middle third
that no line of the columns crosses, with lines on both sides at the same
heights. Lines that cross it (a title, an abstract, notes set across the
page) are bands read in their place from top to bottom; between two bands
the left column is read before the right one. Running heads and folios that
stand above (or below) everything else are read first (last), so that the
heads' reader finds them at the page's ends wherever they stand across it.

Each line gets the number of the flow it was read in: a column within a
band, or a band; a flow's last lines in the notes' size are its foot-notes
(a column's notes stand at the column's foot).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from edition.text.pdflines import Line

_MIN_SIDE = 3  # lines side by side, at least, for a page to be read in columns


def _gutter(lines: Sequence[Line], size: float) -> float | None:
    """The x of the strip between two columns, or None for a page in one column."""
    if len(lines) < 2 * _MIN_SIDE:
        return None
    left, right = min(x.x0 for x in lines), max(x.x1 for x in lines)
    width = right - left
    if width <= size * 10:
        return None
    cover = [0] * (int(width) + 1)
    for x in lines:
        for k in range(int(x.x0 - left), min(int(x.x1 - left), len(cover) - 1) + 1):
            cover[k] += 1
    most = max(cover)
    lo, hi = int(width * 0.3), int(width * 0.7)
    least = min(cover[lo : hi + 1])
    if least > most * 0.6:  # lines across the gutter (a title, an abstract) are the fewer
        return None
    best, run, start = (0, 0), 0, 0
    for k in range(lo, hi + 1):
        if cover[k] <= least + max(1, most * 0.03):
            start = k if run == 0 else start
            run += 1
            if run > best[1]:
                best = (start, run)
        else:
            run = 0
    if best[1] < size * 0.6:
        return None
    gutter = left + best[0] + best[1] / 2
    lefts = [x for x in lines if x.x1 < gutter]
    rights = [x for x in lines if x.x0 > gutter]
    # Most lines right of it stand beside one left of it (not a centred line or two).
    beside = sum(
        1 for b in rights if any(abs(a.baseline - b.baseline) < b.size * 1.5 for a in lefts)
    )
    return gutter if beside >= max(_MIN_SIDE, len(rights) * 0.5) else None


def _margins(lines: list[Line], size: float) -> tuple[list[Line], list[Line], list[Line]]:
    """Lines alone above the rest (heads, folios), the rest, and lines alone below it."""
    top: list[Line] = []
    bottom: list[Line] = []
    rest = sorted(lines, key=lambda x: x.baseline)
    while len(rest) > 2 and len(top) < 2 and rest[1].baseline - rest[0].baseline > size * 1.6:
        top.append(rest.pop(0))
    while len(rest) > 2 and len(bottom) < 2 and rest[-1].baseline - rest[-2].baseline > size * 1.6:
        bottom.insert(0, rest.pop())
    return top, rest, bottom


def reading_order(lines: list[Line], size: float) -> list[Line]:
    """The page's lines as they are read, each with its flow number set."""
    top, rest, bottom = _margins(lines, size)
    out: list[Line] = []
    flows = [0]

    def emit(group: list[Line]) -> None:
        if group:
            flows[0] += 1
            for line in sorted(group, key=lambda x: (round(x.baseline), x.x0)):
                line.flow = flows[0]
                out.append(line)

    for line in top + bottom:
        line.margin = True
    if _gutter(rest, size) is None:  # one column: one flow, read top to bottom
        emit(top + rest + bottom)
        return out
    emit(top)
    _columns(rest, size, emit)
    for line in bottom:
        emit([line])
    return out


def _columns(lines: list[Line], size: float, emit: Callable[[list[Line]], None]) -> None:
    """Bands across the gutter in their place, the columns between them left to right.

    A column may itself hold columns (three on a page): it is read the same way.
    """
    gutter = _gutter(lines, size)
    if gutter is None:
        emit(lines)
        return
    band: list[Line] = []
    lefts: list[Line] = []
    rights: list[Line] = []
    for line in sorted(lines, key=lambda x: x.baseline):  # top to bottom
        if line.x0 < gutter - 1 and line.x1 > gutter + 1:
            if lefts or rights:
                _columns(lefts, size, emit)
                _columns(rights, size, emit)
                lefts, rights = [], []
            band.append(line)
            continue
        if band:
            emit(band)
            band = []
        (lefts if line.x1 <= gutter else rights).append(line)
    _columns(lefts, size, emit)
    _columns(rights, size, emit)
    emit(band)
