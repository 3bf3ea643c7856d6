"""A raw extraction's pages: form feeds or blank-line runs, running heads and folios.

Pages end at form feeds (or, without any, at runs of three blank lines); a
page's first or last lines that recur on other pages, or are a bare number,
are its running head and folio (the folio kept as the printed page number).
A short article's heads recur too little to be counted: there a top line
made of the first pages' title or author lines (whole, shortened, or two of
them) is a head too, and said to be a guess; one that goes on past them, or
opens the title's copy before the byline, is text.
On a two-column page an extractor may read the folio (and the head beside
it) between the columns: amid the page, set apart by blank lines, a bare
number that fits the pages' sequence is that folio too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from edition.text.labels import label_rest

_FOLIO = re.compile(r"^\d{1,4}$")
_HEAD_MAX = 80  # characters: a running head is one short line
_EDGE = 2  # lines at a page's top and foot that may be running heads or folios
_SHORTER = 0.8  # of the common line's length: a head that recurs too little to tell
# A sentence's end with a note's marker glued to it (`plants.35`), or a word cut at the
# line's end: a body line, never a head.
_MARKED = re.compile(r"[.,;:!?\"”’»)][\"”’»)]*\d{1,3}$|[^\W\d_]-$")


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
    pages: list[list[tuple[int, str, bool]]], short: bool = False
) -> tuple[list[list], list[str], list[list[tuple[int, str]]]]:
    """Drop running heads and folios; return the pages, their printed numbers, what was dropped.

    A head recurs at the same end (top or foot) of a quarter of the pages at
    least, digits aside; a folio is a bare number, or a number beside a head.
    With `short` (a raw text, which has no fonts to tell a head by), a page's
    top line that names the article is a head too, and a bare folio wins over
    a number a head carries.
    """
    kept, printed, dropped, _ = strip_raw_heads(pages, short)
    return kept, printed, dropped


def strip_raw_heads(
    pages: list[list[tuple[int, str, bool]]], short: bool = True
) -> tuple[list[list], list[str], list[list[tuple[int, str]]], list[list[tuple[int, str]]]]:
    """`strip_heads`, and each page's heads dropped on a guess: (line, what was guessed).

    A top line dropped only because it names the article, which no other
    page's top repeats, is a guess: a title page's copy or a body line may
    look so too.
    """
    edges: dict[int, Counter[str]] = {0: Counter(), -1: Counter()}
    for page in pages:
        edges[0].update({_shape(t) for _, t, _ in page[:_EDGE]})
        edges[-1].update({_shape(t) for _, t, _ in page[-_EDGE:]})
    least = max(2, len(pages) // 4)
    # A head beside a folio that recurs too little to tell is shorter than the body's lines:
    # where the folio stands alone (LaTeX's `\fancyhead{\thepage}`), the body's first line is full.
    lengths = sorted(len(t) for page in pages for _, t, _ in page)
    common = lengths[len(lengths) // 2] if lengths else 0
    # A head is looked for on the pages after the front matter's (the abstract's)
    # only, and matched against the top lines of those pages (a cover may come first).
    after = 1 + next((i for i, p in enumerate(pages[:3]) if _has_abstract(p)), 0)
    fronts = [_front_lines(page) for page in pages[:after]]
    out, printed, dropped, guessed = [], [], [], []
    for index, page in enumerate(pages):
        number, keep, gone, bare_seen, guesses = "", list(page), [], False, []
        for end in (0, -1):
            folio_here = False
            for _ in range(_EDGE):
                if not keep:
                    break
                line = keep[end][1]
                shape = _shape(line)
                seen = edges[end][shape] >= least or (
                    end == 0
                    and (folio_here or _beside_folio(keep, 0))
                    and (len(line) < common * _SHORTER or edges[0][shape] > 1)
                )
                named = (
                    short
                    and end == 0
                    and index >= after
                    and _names_the_article(line, fronts[:index])
                    and not _opens_copy(keep, fronts[:index], common)
                )
                # A head is short and no sentence: a recurring line ending in a stop is a note,
                # one ending in a marker or a cut word the body's.
                head = (
                    len(line) <= _HEAD_MAX
                    and not line.endswith(".")
                    and not _MARKED.search(line)
                    and (seen or named)
                )
                bare = bool(_FOLIO.match(line)) and not any(_FOLIO.match(t) for _, t in gone)
                if not (bare or (head and not _FOLIO.match(line))):
                    break  # one bare number a page is its folio; another is a note's
                if not bare and not seen and edges[0][shape] < 2:
                    guesses.append((keep[end][0], _GUESSED.format(line)))
                folio = re.match(r"^(\d{1,4})\b|.*\b(\d{1,4})$", line)
                found = next((g for g in folio.groups() if g), "") if folio else ""
                # A bare number is the folio before one a head carries (a volume's).
                number = found if short and bare and not bare_seen else number or found
                bare_seen = bare_seen or bare
                folio_here = folio_here or bare
                gone.append(keep.pop(end)[:2])
        if keep:  # a page's start is no blank line between paragraphs
            keep[0] = (keep[0][0], keep[0][1], False)
        out.append(keep)
        printed.append(number)
        dropped.append(gone)
        guessed.append(guesses)
    if short:
        printed = _inner_folios(out, printed, dropped, common, after)
    return out, _fill(printed), dropped, guessed


_GUESSED = (
    "'{}' was taken for a running head and left out: it names the article or its journal, "
    "but no other page begins with it"
)


def _inner_folios(
    pages: list[list[tuple[int, str, bool]]],
    printed: list[str],
    dropped: list[list[tuple[int, str]]],
    common: int,
    after: int,
) -> list[str]:
    """Drop a folio amid a page, set apart by blank lines, that fits the page sequence.

    A running head amid a page after the front matter's (from page `after`),
    set apart too and shorter than the body's lines, goes too: one that
    stands at other pages' edges, or recurs and stands beside the folio (a
    heading stands once).
    """
    shapes = Counter(_shape(t) for page in pages for _, t, _ in page)
    shapes.update(_shape(t) for gone in dropped for _, t in gone)
    heads = {_shape(t) for gone in dropped for _, t in gone if not _FOLIO.match(t)}
    offsets = Counter(int(p) - i for i, p in enumerate(printed) if p.isdigit())
    offset = offsets.most_common(1)[0][0] if offsets else None
    out = list(printed)
    for index, page in enumerate(pages):
        expected = out[index] if out[index].isdigit() else ""
        if not expected and offset is not None:
            expected = str(index + offset)

        def apart(i: int, rows: list = page) -> bool:
            return 0 < i < len(rows) and rows[i][2] and (i + 1 == len(rows) or rows[i + 1][2])

        folio = next((i for i in range(len(page)) if page[i][1] == expected and apart(i)), None)
        gone = set() if folio is None else {folio}
        for i, (_, line, _) in enumerate(page):
            short = len(line) < common * _SHORTER and not re.search(r"[.,;:]$", line)
            if index < after or not short or not apart(i) or _MARKED.search(line):
                continue
            beside = folio is not None and abs(i - folio) == 1 and shapes[_shape(line)] > 1
            if not line[0].isdigit() and (_shape(line) in heads or beside):
                gone.add(i)
        dropped[index].extend(page[i][:2] for i in sorted(gone))
        for i in sorted(gone, reverse=True):
            del page[i]
        if folio is not None:
            out[index] = expected
    return out


def _has_abstract(page: Sequence[tuple[int, str, bool]]) -> bool:
    return any(label_rest(k, t) is not None for _, t, _ in page for k in ("abstract", "keywords"))


def _front_lines(page: Sequence[tuple[int, str, bool]]) -> list[str]:
    """The words of a front page's top lines, down to the abstract or a sentence's end."""
    out = []
    for _, text, _ in page[:_FRONT_LINES]:
        if _has_abstract([(0, text, False)]) or text.endswith("."):
            break
        out.append(_words(text))
    return out


_FRONT_LINES = 8  # a cover's or a first page's top lines: journal, names, title


def _words(line: str) -> str:
    """A line's words alone, lowercased: `Roe: Title` and `ROE, Title*` agree."""
    return " ".join(re.sub(r"[^\w\s]|\d|_", " ", line).casefold().split())


def _names_the_article(line: str, fronts: Sequence[Sequence[str]]) -> bool:
    """A page's top line that is the article's title or author line, or a journal's (year).

    A running head repeats the authors or the (short) title the first page
    shows: its words are those of the first pages' top lines, whole or
    shortened, one after another (`Roe: Title`, `Journal. 2018. XII`). A line
    that begins with the title and goes on (a subtitle, a sentence) says more
    than a head.
    """
    if re.search(r"\((?:19|20)\d\d\)$", line):
        return True
    words = _words(line)
    return len(words) >= 10 and any(_pieced(words.split(), front) for front in fronts)


def _pieced(words: Sequence[str], front: Sequence[str]) -> bool:
    """Are `words` one or two beginnings of runs of the `front` lines (`Roe: Title`)?

    A piece is a whole line, or two words at least of a run of lines from a
    line's start (a title set over two lines, shortened in the head).
    """
    runs = [" ".join(front[i : i + 3]).split() for i in range(len(front))]
    lines = [f.split() for f in front]

    def pieces(at: int) -> set[int]:
        """Where a piece that begins at `at` may end."""
        ends = set()
        for run in runs:
            size = 0
            while at + size < len(words) and size < len(run) and words[at + size] == run[size]:
                size += 1
                if size >= 2 or words[at : at + size] in lines:
                    ends.add(at + size)
        return ends

    return any(end == len(words) or len(words) in pieces(end) for end in pieces(0))


def _opens_copy(
    keep: Sequence[tuple[int, str, bool]], fronts: Sequence[Sequence[str]], common: int
) -> bool:
    """Does the page's top line go on, or open a copy of the front matter (a byline follows)?

    A head is one line that ends there; a title page's copy on the article's
    first page goes on with the subtitle, or the authors' line the front
    pages show, before the body's lines.
    """
    if re.search(r"[:,;–—-]$", keep[0][1]):
        return True
    known = {f for front in fronts for f in front if " " in f}
    for _, text, _ in keep[1:_COPY_LINES]:
        if len(text) >= common * _SHORTER:
            return False
        if _words(text) in known:
            return True
    return False


_COPY_LINES = 4  # lines at a first page's top a title, a subtitle and a byline fill


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
