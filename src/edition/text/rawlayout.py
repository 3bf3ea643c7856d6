"""`pdftotext -layout`'s two-column pages, unfolded into reading order.

-layout prints a page's two columns side by side on each text line: column
1's text, a run of spaces (the gutter), column 2's. Where most of a page's
lines break at the character column where column 2 begins, the page is read
column 1 first, then column 2; lines above the columns (a title, an
abstract, a running head) stay first, lines set across under them (notes
across the foot, the folio) last. Each column keeps its lines' indents from
its own left edge: the reader finds paragraphs by them. The unfolded text's
lines map back to the source's (`source_line`), for messages and the
article's `line` fields. A text with no such page is returned as it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from edition.errors import Problem
from edition.model import Article
from edition.text.rawnotes import AUTHOR_NOTE, NOTE_START

_RUN = re.compile(r" {2,}")
_LEAST = 6  # lines that break at the gutter: fewer is no column
_CROSSING = 0.2  # of those: more lines across the gutter amid the columns is no clear gutter
_SIDE = 15  # characters: a column's median line is longer (a list's labels are not a column)
_EDGE = 20  # characters: column 2 begins this far right at least
_SHIFT = 3  # characters: column 2 pushed right by a long line of column 1
_SHOWN = 5  # lines named in a message
_HANG = 6  # characters: a bibliography's entries hang out of column 2 by less
_BREAKS = 3  # lines that break at the gutter: fewer, with column 2's lines alone, is no column

# A note's marker glued to a word or a stop in the text (`religion.1`).
_MARKER = r"(?:[^\W\d_]|[.,;:!?)\]\"“”’»])0*{}(?!\d)"

Row = tuple[int, str]  # (source line, text)


@dataclass(frozen=True)
class Unfolded:
    """The text with two-column pages unfolded, where each line came from, the doubts."""

    text: str
    origin: tuple[int, ...]  # the source line of each line of `text`
    doubts: tuple[tuple[int, str], ...] = ()  # (source line, what was left as it stands)

    def source_line(self, line: int) -> int:
        """The source line of a line of the unfolded text (0 stays 0: no line)."""
        return self.origin[line - 1] if 0 < line <= len(self.origin) else line


def unfold_columns(text: str) -> Unfolded:
    """Read each two-column page (pages end at form feeds) column by column."""
    pages: list[list[Row]] = []
    start = 1
    for chunk in text.split("\f"):
        pieces = chunk.split("\n")
        pages.append([(start + k, piece) for k, piece in enumerate(pieces)])
        start += len(pieces) - 1  # the form feed's line goes on with the next page
    out: list[list[Row]] = []
    doubts: list[tuple[int, str]] = []
    for page in pages:
        unfolded, doubt = _unfold(page)
        out.append(unfolded)
        if doubt:
            doubts.append(doubt)
    if out == pages:
        return Unfolded(text, tuple(range(1, text.count("\n") + 2)), tuple(doubts))
    lines: list[Row] = []
    for index, page in enumerate(out):
        if index and lines:
            before, first = lines.pop(), page[0]
            origin = first[0] if not before[1] else before[0]
            page = [(origin, before[1] + "\f" + first[1]), *page[1:]]
        lines.extend(page)
    return Unfolded("\n".join(t for _, t in lines), tuple(n for n, _ in lines), tuple(doubts))


def to_source(
    unfolded: Unfolded, article: Article | None, problems: Sequence[Problem]
) -> tuple[Article | None, list[Problem]]:
    """The article's and the problems' line numbers as the source's (unfolded ones read)."""
    if unfolded.origin == tuple(range(1, len(unfolded.origin) + 1)):
        return article, list(problems)
    at = unfolded.source_line

    def moved(items: tuple) -> tuple:
        return tuple(dataclasses.replace(x, line=at(x.line)) for x in items)

    article = article and dataclasses.replace(
        article,
        paragraphs=moved(article.paragraphs),
        notes=moved(article.notes),
        bibliography=moved(article.bibliography),
        page_breaks=moved(article.page_breaks),
        title_line=at(article.title_line),
    )

    # Messages that name further lines: `line 12: '...'`, `first at line 12`, `(lines 3, 5)`.
    def named(message: str) -> str:
        message = re.sub(r"(?<=\bline )\d+", lambda m: str(at(int(m.group()))), message)
        return re.sub(
            r"(?<=\(lines )[\d, ]+(?=\))",
            lambda m: ", ".join(str(at(int(n))) for n in m.group().split(", ")),
            message,
        )

    return article, [
        dataclasses.replace(p, line=at(p.line), message=named(p.message)) for p in problems
    ]


def _runs(line: str, least: int = 2) -> list[tuple[int, int]]:
    """Runs of spaces with text on both sides: (first space, first character after)."""
    found = [(m.start(), m.end()) for m in re.finditer(" " * least + "+", line)]
    return [(a, b) for a, b in found if a > len(line) - len(line.lstrip(" ")) and b < len(line)]


def _split_at(line: str, edge: int, least: int = 2) -> int | None:
    """Where column 2 begins on this line (its text's first character), if it breaks there."""
    best = None
    for start, end in _runs(line.rstrip(), least):
        distance = 0 if start <= edge - 1 < end else min(abs(start - edge + 1), abs(end - edge))
        limit = 0 if least == 1 else _SHIFT  # one space: exactly at the gutter
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, end)
    return best[1] if best else None


def _gutter(rows: Sequence[Row]) -> int | None:
    """Column 2's left edge: where the most lines' inner runs of spaces end, or a little left.

    Most of column 2's lines begin at its edge; where a bibliography hangs
    its entries, its continuation lines do, and the entries' first lines
    begin left of them.
    """
    ends: Counter[int] = Counter()
    wide: Counter[int] = Counter()  # runs of three spaces or more: a gutter, not a justified line
    for _, line in rows:
        stripped = line.rstrip()
        lead = len(stripped) - len(stripped.lstrip(" "))
        starts = {lead} if lead >= _EDGE else set()
        ends.update({end for _, end in _runs(stripped)} | starts)
        wide.update({end for _, end in _runs(stripped, 3)} | starts)
    candidates = [(count, edge) for edge, count in ends.items() if edge >= _EDGE]
    if not candidates:
        return None
    edge = max(candidates)[1]
    return min((e for e in range(edge - _HANG, edge) if wide[e] >= 2), default=edge)


def _unfold(page: list[Row], shifted: bool = False) -> tuple[list[Row], tuple[int, str] | None]:
    """One page column by column, or as it stands (with a doubt where it may have columns)."""
    edge = _gutter(page)
    if edge is None:
        return page, None
    splits = [i for i, (_, line) in enumerate(page) if _split_at(line, edge) is not None]
    if shifted:  # `_apart`'s: column 2's lines alone on theirs
        splits = [
            i
            for i, (_, line) in enumerate(page)
            if _place(line, edge) == "both" or edge - 1 <= _lead(line) <= edge + _HANG
        ]
    elif len(splits) < _LEAST:
        wider = _apart(page)
        unfolded = _unfold(wider, True) if wider else (wider, None)
        if unfolded[0] != wider:
            return unfolded
        # Column 2 set in a smaller type (a bibliography) shares few text lines with
        # column 1: its lines alone at the gutter, under some that break there, count.
        alone = [i for i, (_, line) in enumerate(page) if _alone(line, edge)]
        if len(splits) < _BREAKS or len(splits) + len(alone) < _LEAST:
            return page, None
        splits = sorted({*splits, *alone})
    if len(splits) < _LEAST:
        return page, None
    first, last = splits[0], splits[-1]
    halves = [_halves(page[i][1], edge) for i in splits]
    lefts = [len(left.strip()) for left, _ in halves]
    rights = [len(right.strip()) for _, right in halves]
    lefts = sorted(n for n in lefts if n) or [0]
    if not shifted and (lefts[len(lefts) // 2] < _SIDE or sorted(rights)[len(rights) // 2] < _SIDE):
        return page, None
    crossing = [i for i in range(first, last + 1) if _place(page[i][1], edge) == "across"]
    if len(crossing) > _CROSSING * len(splits):
        where = page[first][0]
        return page, (
            where,
            f"lines {where}-{page[last][0]} may be set in two columns, but {len(crossing)} of "
            f"them cross the gutter at character {edge + 1}: read as one column",
        )
    # A line amid the columns that crosses the gutter with a space right of it may hold
    # both columns' words, set too close to tell: read in one column, and said.
    close = [page[i][0] for i in crossing if " " in page[i][1].rstrip()[edge - 1 :]]
    doubt = None
    if close:
        shown = ", ".join(str(n) for n in close[:_SHOWN])
        doubt = (
            close[0],
            f"{len(close)} lines set in two columns leave no gap at the gutter (character "
            f"{edge + 1}), and were read whole in one column: lines {shown}",
        )
    return _reading_order(page, first, last, edge), doubt


def _apart(page: list[Row]) -> list[Row] | None:
    """The page with column 2 set right of column 1, where their lines alternate.

    Where the columns' lines never share a text line, -layout may set column
    2 left of column 1's right edge: its lines then begin at one character
    column, column 1's at the margin, longer than that.
    """
    leads = [_lead(t) for _, t in page if t.strip()]
    starts = Counter(n for n in leads if n >= _EDGE)
    if not starts:
        return None
    edge = starts.most_common(1)[0][0]
    right = [i for i, (_, t) in enumerate(page) if edge - 1 <= _lead(t) <= edge + _HANG]
    if len(right) < _LEAST:
        return None
    block = page[right[0] : right[-1] + 1]
    lefts = sorted(len(t.rstrip()) for _, t in block if t.strip() and _lead(t) < edge // 2)
    if sum(n >= edge for n in lefts) < _LEAST:
        return None
    # Column 1's justified lines: of one length, give or take a word; those that run
    # longer hold column 2's words too, a space from them.
    widest = lefts[len(lefts) // 2] + 2 * _SHIFT
    out = []
    for i, (number, line) in enumerate(page):
        if right[0] <= i <= right[-1] and _lead(line) >= edge - 1:
            line = " " * (widest - edge) + line
        elif i >= right[0] and _lead(line) < edge // 2 and len(line.rstrip()) > widest:
            # Longer than column 1 holds: column 2's text follows, after the gutter's spaces.
            at = next((b for a, b in _runs(line.rstrip()) if b >= edge), None)
            if at is None and line[edge - 1 : edge + 1].startswith(" ") and line[edge] != " ":
                at = edge
            if at is not None:
                line = line[:at].rstrip().ljust(widest) + " " * (at - edge) + line[at:]
        out.append((number, line))
    return out


def _alone(line: str, edge: int) -> bool:
    """A line of column 2 on a text line of its own: it begins at the gutter, or hangs in."""
    return bool(line.strip()) and edge - 1 <= _lead(line) <= edge + _HANG


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _place(line: str, edge: int) -> str:
    """A line's place: "blank", "left", "right", "both" (it breaks at the gutter), "across"."""
    stripped = line.rstrip()
    lead = len(stripped) - len(stripped.lstrip(" "))
    if not stripped:
        return "blank"
    if lead >= edge - 1:
        return "right"
    if len(stripped) < edge - 1:
        return "left"
    if _split_at(stripped, edge) is not None or _split_at(stripped, edge, 1) is not None:
        return "both"
    return "across"


def _halves(line: str, edge: int) -> tuple[str, str]:
    """Column 1's and column 2's text of a line, column 2's indent counted from its edge."""
    stripped = line.rstrip()
    place = _place(stripped, edge)
    lead = len(stripped) - len(stripped.lstrip(" "))
    if place == "left" or (place == "across" and lead < edge // 2):
        return stripped, ""  # a line across amid the columns: column 1's, run long (a URL)
    if place == "across":
        return "", stripped[lead:]
    at = lead if place == "right" else _split_at(stripped, edge) or _split_at(stripped, edge, 1)
    assert at is not None
    return stripped[:at].rstrip(), " " * max(0, at - edge) + stripped[at:]


def _reading_order(page: list[Row], first: int, last: int, edge: int) -> list[Row]:
    """The rows above the columns, column 1, column 2, the rows under them.

    Under the last line that breaks at the gutter, column lines go on until
    a line across the page; after a blank line, a group of lines that holds
    one across (or set right of column 1) is under the columns with all
    after it.
    """
    end = _foot_start(page, last + 1, edge)
    columns: tuple[list[_Line], list[_Line]] = ([], [])
    blank: list[int | None] = [None, None]  # a blank row since each column's last line
    empty = [False, False]  # a row since each column's last line where the other has text
    for number, line in page[first:end]:
        if not line.strip():
            blank = [b if b is not None else number for b in blank]
            continue
        for side, half in enumerate(_halves(line, edge)):
            if not half.strip():
                empty[side] = True
                continue
            columns[side].append(_Line(number, half, blank[side], empty[side]))
            blank[side], empty[side] = None, False
    marked = "\n".join(line for _, line in page)
    bodies, feet = zip(*(_foot(column, marked) for column in columns), strict=True)
    return [*page[:first], *_rows([*bodies[0], *bodies[1], *feet[0], *feet[1]]), *page[end:]]


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    blank: int | None  # the blank row before it, if any
    apart: bool  # set apart from the column's line before (a blank row, or the other's text)


def _foot(column: list[_Line], marked: str) -> tuple[list[_Line], list[_Line]]:
    """A column's body and its foot: its notes, from the line that starts the first.

    pdftotext without -layout reads both columns' bodies before their notes,
    and so does the reader: a first column's notes amid the page would stop
    the notes' sequence. A note starts set apart or indented, in the
    column's lower half, with a number the page's text carries as a marker
    (`marked`: `word.3`), or as the author's `*`.
    """
    starts = [_starts_note(line, marked) for line in column]
    for i in range(max(len(column) // 2, 1), len(column)):
        line = column[i]
        indented = line.text.startswith(" ")
        if (line.apart or line.blank is not None or indented) and starts[i]:
            return column[:i], column[i:]
        # After a blank row, the last page's note going on: a note starts later in the group.
        if line.blank is not None and _note_follows(column[i + 1 :], starts[i + 1 :]):
            return column[:i], column[i:]
    return column, []


def _starts_note(line: _Line, marked: str) -> bool:
    """A line that starts a note: a number the page's text carries as a marker, or `*`."""
    text = line.text.strip()
    start = NOTE_START.match(text)
    if start:
        return re.search(_MARKER.format(start.group(1)), marked) is not None
    return bool(AUTHOR_NOTE.match(text) and line.apart)


def _note_follows(lines: list[_Line], starts: list[bool]) -> bool:
    """A note starts among these lines before a blank row."""
    for line, start in zip(lines, starts, strict=True):
        if line.blank is not None:
            return False
        if start:
            return True
    return False


def _rows(lines: list[_Line]) -> list[Row]:
    """The lines as rows, a blank row before those that had one (not before the first)."""
    out: list[Row] = []
    for line in lines:
        if line.blank is not None and out:
            out.append((line.blank, ""))
        out.append((line.number, line.text))
    return out


def _foot_start(page: list[Row], start: int, edge: int) -> int:
    """Where the rows under the columns begin: at a line across, or a group after a blank."""
    i = start
    while i < len(page) and _place(page[i][1], edge) not in ("across", "blank"):
        i += 1
    if i >= len(page) or _place(page[i][1], edge) == "across":
        return i
    # After a blank row: a group of column lines goes on with the columns, else the foot begins.
    while i < len(page):
        j = i
        while j < len(page) and _place(page[j][1], edge) == "blank":
            j += 1
        k = j
        while k < len(page) and _place(page[k][1], edge) != "blank":
            k += 1
        group = [page[n][1] for n in range(j, k)]
        if not group or any(not _in_column(line, edge) for line in group):
            return i
        i = k
    return i


def _in_column(line: str, edge: int) -> bool:
    """A line of column 1 (from its left part) or of column 2 (from its edge)."""
    place = _place(line, edge)
    lead = len(line) - len(line.lstrip(" "))
    return place == "right" or place == "both" or (place == "left" and lead < edge // 2)
