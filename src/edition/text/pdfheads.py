"""A PDF's running heads and folios: dropped on evidence, and never silently without it.

The raw reader's rules (`rawpages.strip_heads`) find the heads that recur at a
page's edge and the folios; a line alone above the text block's top, or set
small above it, may be a head seen once. Each line so dropped must show it:
its words recur at other pages' edges (three pages, or two where it is set
unlike the body), it is a page number in the pages' sequence (alone, or at
a head's end), it stands higher than another page's text begins (in the
margin), or its page's folio is in sequence and the line stands on the
folio's baseline or is set unlike the body. A line with none of these that
is set as the body (a flush-left page's first line before a blank line) is
the body's and goes back; one set unlike it (smaller, italic) stays dropped
with a warning naming its place, so that no dropped line is silent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from edition.errors import Problems
from edition.text.pdfbody import small_head
from edition.text.pdflines import Line
from edition.text.rawpages import strip_heads

Numbered = list[list[tuple[int, str, bool]]]  # each page's (line number, text, gap before)
Dropped = list[list[tuple[int, str]]]
_EDGE = 3  # lines at a page's top and foot where a head or folio may stand (a folio above it)
_FOLIO = re.compile(r"\d{1,4}")
_AT_END = re.compile(r"^(\d{1,4})\s|\s(\d{1,4})$")  # `12 Journal`, `Journal 12`


@dataclass(frozen=True)
class Heads:
    """The pages' kept rows, the heads and folios dropped, each page's printed number."""

    kept: Numbered
    dropped: Dropped
    printed: list[str]


def drop_heads(
    numbered: Numbered,
    by_line: dict[int, Line],
    body_size: float,
    path: str,
    problems: Problems,
) -> Heads:
    """Drop the pages' running heads and folios; keep or report those without evidence."""
    kept, _, dropped = strip_heads(numbered)
    pages = [[by_line[n] for n, _, _ in rows] for rows in numbered]
    top = _text_top(pages)
    for index, rows in enumerate(kept):  # a line alone above the text block's top: a head?
        above = [r for r in rows if _above(by_line[r[0]], top, body_size) and len(r[1]) <= 80]
        kept[index] = [r for r in rows if r not in above]
        dropped[index] += [r[:2] for r in above]
    for index in range(len(kept)):  # a head stands apart from the text, or is set smaller
        back = [(n, t) for n, t in dropped[index] if not _head_like(by_line[n], t, body_size)]
        _restore(kept, dropped, index, back)
    for index in range(1, len(kept)):  # a head seen once: small, alone above the body's top
        rows = kept[index]
        if len(rows) > 1 and small_head(by_line[rows[0][0]], by_line[rows[1][0]], body_size):
            dropped[index].append(rows.pop(0)[:2])
    printed = printed_numbers(dropped)
    if len(printed) > 1 and sum(bool(p) for p in printed) < 2:
        printed = ["" for _ in printed]  # one number found is no sequence
    shapes = _edge_shapes(numbered)
    # Where each page's text begins, its first line set as the body (a cover's is not).
    starts = {i: p[0].baseline for i, p in enumerate(pages) if p and _set_as_body(p[0], body_size)}
    for index, gone in enumerate(dropped):
        # Above where another page's text begins: in the margin, where that page has nothing.
        lowest = max((b for i, b in starts.items() if i != index), default=0.0)
        unproven = [
            (n, t)
            for n, t in gone
            if not _evidence(t, by_line[n], by_line, gone, printed[index], shapes, body_size)
            and not by_line[n].baseline < lowest - body_size * 0.5
        ]
        # Set as the body and seen once: the body's own line (a paragraph's end before a space).
        back = [
            (n, t)
            for n, t in unproven
            if _set_as_body(by_line[n], body_size) and shapes[_shape(t)] < 2
        ]
        _restore(kept, dropped, index, back)
        for n, text in unproven:
            if (n, text) not in back:
                seen = (
                    "recurs on one other page only"
                    if shapes[_shape(text)] >= 2
                    else "recurs on no other page"
                )
                problems.warning(
                    path,
                    n,
                    f"the line '{text.strip()[:60]}' was left out as a running head, though it "
                    f"{seen} and carries no page number in sequence",
                    "check the page: if the line is the text's, it is missing from the article",
                    "head-unproven",
                )
    return Heads(kept, dropped, printed_numbers(dropped))


def _restore(kept: Numbered, dropped: Dropped, index: int, back: list[tuple[int, str]]) -> None:
    if back:
        dropped[index] = [d for d in dropped[index] if d not in back]
        kept[index] = sorted(kept[index] + [(n, t, False) for n, t in back])


def _shape(text: str) -> str:
    """A line's words alone, digits and marks aside: `BALCANICA. 2019. L` and `348` agree."""
    return " ".join(re.sub(r"[^\w\s]|\d|_", " ", text).casefold().split())


def _edge_shapes(numbered: Numbered) -> Counter[str]:
    """On how many pages each line's shape stands at the page's top or foot."""
    counts: Counter[str] = Counter()
    for rows in numbered:
        edges = rows[:_EDGE] + rows[-_EDGE:]
        counts.update({_shape(t) for _, t, _ in edges} - {""})
    return counts


def _evidence(
    text: str,
    line: Line,
    by_line: dict[int, Line],
    gone: Sequence[tuple[int, str]],
    printed: str,
    shapes: Counter[str],
    body_size: float,
) -> bool:
    """Does the line show it is a head or folio: recurring, or a page number in sequence?"""
    text = text.strip()
    if _FOLIO.fullmatch(text):
        return text == printed
    # Three pages, or two where it is set unlike the body (alternating heads, italic).
    if shapes[_shape(text)] >= (3 if _set_as_body(line, body_size) else 2):
        return True
    if not printed or text.endswith("."):
        return False  # a sentence is no head, whatever number it starts with
    end = _AT_END.search(text)
    if end and printed in end.groups():
        return True
    # The page's folio in sequence: a line on its baseline, one that recurs, or one set unlike
    # the body (a page's first line below a folio is no head by that alone).
    folios = [by_line[m] for m, t in gone if t.strip() == printed]
    beside = any(abs(f.baseline - line.baseline) < body_size * 0.5 for f in folios)
    return bool(folios) and (
        beside or shapes[_shape(text)] >= 2 or not _set_as_body(line, body_size)
    )


def _set_as_body(line: Line, body_size: float) -> bool:
    """Set in the body's size and roman, neither bold nor wholly italic."""
    inked = [c for c in line.chars if c.text.strip()]
    italic = bool(inked) and all(c.italic for c in inked)
    return abs(line.size - body_size) <= body_size * 0.05 and not line.bold and not italic


def _text_top(pages: list[list[Line]]) -> float:
    """Where the text block begins: the commonest top of the pages' lines below any head."""
    tops = Counter(round(min(x.baseline for x in p if not x.margin)) for p in pages if p)
    return float(max(tops.most_common(), key=lambda t: (t[1], -t[0]))[0]) if tops else 0.0


def _above(line: Line, top: float, body_size: float) -> bool:
    # A heading larger than the body at a page's top (a bibliography on a new page) is no head.
    set_as_head = not line.bold and line.size <= body_size * 1.05
    return line.margin and set_as_head and line.baseline < top - body_size * 0.5


def _head_like(line: Line, text: str, body_size: float) -> bool:
    """Could this line be a running head or folio by where it stands and how it is set?"""
    if line.size > body_size * 1.05 and not text.strip().isdigit():
        return False  # set larger than the text: a title or a heading (whose words a head repeats)
    return line.margin or text.strip().isdigit() or line.size < body_size * 0.95


def printed_numbers(dropped: Dropped) -> list[str]:
    """Each page's printed number from its heads and folios, in step with the pages.

    A number alone (a folio) is taken before one inside a head (`Journal 12`,
    the volume); the numbers that go up one a page with the PDF's pages win,
    and a page between two such has its number even where none was printed.
    """
    candidates: list[list[int]] = []
    for gone in dropped:
        bare = [int(t) for _, t in gone if re.fullmatch(r"\d{1,4}", t.strip())]
        inside = [int(m) for _, t in gone for m in re.findall(r"(?<![\d.])\d{1,4}(?![\d.])", t)]
        candidates.append(bare or inside)
    votes = Counter(n - i for i, found in enumerate(candidates) for n in found)
    if not votes:
        return ["" for _ in dropped]
    offset = votes.most_common(1)[0][0]
    hits = [i for i, found in enumerate(candidates) if i + offset in found]
    return [str(i + offset) if hits[0] <= i <= hits[-1] else "" for i in range(len(dropped))]
