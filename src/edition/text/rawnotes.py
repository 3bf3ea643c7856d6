"""A raw page's foot: which lines are which note's, however the extractor ordered the labels.

An extractor keeps the notes' text lines in order but may move a raised
label away from its text: `pdftotext` prints `29` `30` and then both texts,
or a label after the note that follows it (`22` text text `24` text `23`).
So the labels a foot holds are its notes' numbers; a label directly before a
text line, or a number that starts its line (`24. Text`), anchors that note
there; the notes whose labels anchor nowhere take their text from the lines
between the anchors around them, cut where a line ends a note and the next
begins one. Where the cut is a guess among equals, the reader says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from edition.text.rejoin import ends_sentence, starts_sentence
from edition.text.widths import text_width

NOTE_START = re.compile(r"^(\d{1,3})(?:\.\s*|\s+|(?=[^\W\d_“\"«(])|$)(.*)$")
AUTHOR_NOTE = re.compile(r"^\*+(?:\s+(.*))?$")
# A day, a month and a year: a wrapped body line that begins with a date (`12 January
# 1961`), never a note's start unless its number has a stop (`12. January 1961, ...`).
_DATE = re.compile(
    r"^\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря|Januar|Februar|März|Juni|Juli|Oktober|Dezember|januar|februar|mart|"
    r"april|maj|jun|jul|avgust|septembar|oktobar|novembar|decembar)\s+\d{4}\b"
)
_BELOW = 8  # lines below a heading-like note start where the next note may start

Row = tuple[int, str, bool]  # (line number, text, blank line before)
Lines = list[tuple[int, str]]


@dataclass(frozen=True)
class Foot:
    """A foot's notes: (number, lines); 0 goes on from the page before, -1 is the author's."""

    notes: list[tuple[int, Lines]]
    doubts: list[tuple[int, str]]  # (line, what was guessed)


def numbered_heading(line: str) -> bool:
    """'2. Archival sources' is a heading, not note 2: short, a capital, no stop or comma.

    A number glued to its word (`13Report`) is a note's label that lost its space.
    """
    if re.match(r"^\d+[^\W\d_]", line):
        return False
    rest = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", line)
    plain = bool(rest) and rest[0].isupper() and not re.search(r"[.,;:]", rest)
    short = 0 < len(line) <= 50 and plain
    titled = all(w[0].isupper() for w in rest.split() if len(w) > 3)
    return short and (titled or len(rest.split()) <= 3)


def note_start(
    line: str, allowed: set[int], after: int, below: Sequence[str] = ()
) -> tuple[int, str, bool] | None:
    """(number, text, is a bare label) if `line` starts a note whose marker was read.

    A line like a numbered heading (`19 Prezidium`: pdftotext cut a note's
    justified first line) is the next note's start where the next note
    after it starts on one of the lines `below`.
    """
    start = NOTE_START.match(line)
    if not start:
        return None
    k = int(start.group(1))
    if k not in allowed:
        return None
    if numbered_heading(line):
        later = allowed - {k}
        nexts = (note_start(t, later, k) for t in below[:_BELOW])
        if k != _next_after(allowed, after) or not any(n and n[0] > k for n in nexts):
            return None
    label = not start.group(2)
    dotted = line[len(start.group(1))] == "." if len(line) > len(start.group(1)) else False
    # A wrapped note line may begin with a number ("12 November 1960"): a note that
    # starts with text must be the next in order, unless its number has a stop.
    if not label and not dotted and (k != _next_after(allowed, after) or _DATE.match(line)):
        return None
    return k, start.group(2), label


def _unmarked(line: str, numbers: set[int]) -> tuple[int, str, bool] | None:
    """`3. Text` or `3` alone, for a number whose marker was not read."""
    start = NOTE_START.match(line)
    if not start or int(start.group(1)) not in numbers or numbered_heading(line):
        return None
    dotted = line[len(start.group(1)) : len(start.group(1)) + 1] == "."
    if start.group(2) and not dotted:
        return None
    return int(start.group(1)), start.group(2), not start.group(2)


def _next_after(allowed: set[int], after: int) -> int:
    return min((k for k in allowed if k > after), default=-1)


def glued_note(line: str, k: int) -> tuple[str, str] | None:
    """`docu27 Ibid. p. 3.`: a body line a hyphen joined to note k's first line (pdftotext).

    The label may stand alone on its line (LaTeX's): `iden27`, the note's text below.
    """
    match = re.search(rf"([^\W\d_]{{2}})({k})(?:\s+([^\W\d_“\"«(].*))?$", line)
    if not match:
        return None
    if match.group(3) is None:
        return line[: match.start(2)] + "-", str(k)
    if not re.search(r"[^\W\d_]", match.group(3)):
        return None
    return line[: match.start(2)] + "-", f"{k} {match.group(3)}"


def read_foot(zone: Sequence[Row], allowed: set[int], author: bool) -> Foot:
    """The notes of a page's foot: `allowed` numbers' markers were read, their notes not yet."""
    notes: list[tuple[int, Lines]] = []
    tokens: list[tuple[str, int, int, str]] = []  # kind, number, line, text
    author_open = False
    last = 0
    for at, (number, line, _) in enumerate(zone):
        if author and not tokens and (not notes or author_open):
            found = AUTHOR_NOTE.match(line)
            if found and not notes and len(line) < 80:
                notes.append((-1, [(number, line)]))
                author_open = "@" not in line
                continue
            if author_open:
                notes[-1][1].append((number, line))
                author_open = "@" not in line
                continue
        taken = {t[1] for t in tokens if t[0] != "text"}
        # The next number with a stop or alone is a note even without its marker
        # (reported then as a note with no marker, not merged into the one before).
        following = {max(taken | {last}) + 1} if tokens or notes else set()
        below = [t for _, t, _ in zone[at + 1 :]]
        start = note_start(line, allowed - taken, last, below) or _unmarked(line, following - taken)
        if start and start[2]:
            tokens.append(("label", start[0], number, ""))
        elif start:
            tokens.append(("start", start[0], number, start[1]))
            last = start[0]
        else:
            tokens.append(("text", 0, number, line))
    return _assign(tokens, notes)


def _assign(tokens: list[tuple[str, int, int, str]], notes: list[tuple[int, Lines]]) -> Foot:
    """Anchor labels and starts to text lines, then share the lines between anchors."""
    texts: Lines = []  # every text line in order
    anchors: list[tuple[int, int]] = []  # (index into texts, note number)
    loose: list[int] = []  # labels that anchor nowhere
    run: list[int] = []  # labels waiting for a text line
    starts: set[int] = set()  # texts that begin with their note's number
    for kind, k, number, text in tokens:
        if kind == "label":
            run.append(k)
            continue
        if kind == "start":
            loose += run
            run = []
            anchors.append((len(texts), k))
            starts.add(len(texts))
            texts.append((number, text))
            continue
        if run:
            first = min(run)
            anchors.append((len(texts), first))
            loose += [r for r in run if r != first]
            run = []
        texts.append((number, text))
    loose += run
    # Keep the anchors whose numbers rise down the page; the others are loose.
    # A numbered start below a higher one is a first column's foot read after the
    # second's (`10.` `11.` then `9.`): it anchors too, unless its number was taken.
    kept: list[tuple[int, int]] = []
    for at, k in anchors:
        taken = {n for _, n in kept}
        rising = not kept or (k > kept[-1][1] and at != kept[-1][0])
        earlier = bool(kept) and at in starts and k < min(taken) and at != kept[-1][0]
        if (rising or earlier) and k not in taken:
            kept.append((at, k))
        else:
            loose.append(k)
    doubts: list[tuple[int, str]] = []
    bounds = [at for at, _ in kept] + [len(texts)]
    least = min((k for _, k in kept), default=0)
    before = [k for k in loose if not kept or k < least]
    head = texts[: bounds[0]] if kept else texts
    if head:
        if before:
            notes += _share(head, sorted(before), doubts)
        else:
            notes.append((0, head))  # goes on from the page before (or the author's)
    elif before:
        notes += [(k, []) for k in sorted(before)]
    for i, (at, k) in enumerate(kept):
        upper = min((n for _, n in kept if n > k), default=10**6)
        numbers = [k] + sorted(u for u in loose if k < u < upper)
        notes += _share(texts[at : bounds[i + 1]], numbers, doubts)
    return Foot(notes, doubts)


def _share(lines: Lines, numbers: list[int], doubts: list[tuple[int, str]]) -> list:
    """Cut `lines` into one run per number, where a line ends a note and the next begins one."""
    if len(numbers) == 1:
        return [(numbers[0], lines)]
    if len(lines) <= len(numbers):
        return [(k, lines[i : i + 1]) for i, k in enumerate(numbers)]
    width = max(len(t) for _, t in lines)

    def score(j: int) -> int:
        before, after = lines[j - 1][1], lines[j][1]
        ends = ends_sentence(before) or bool(re.search(r"\d[).]?$", before))
        return 2 * ends + starts_sentence(after) + (len(before) < width * 0.85)

    ranked = sorted(range(1, len(lines)), key=lambda j: (-score(j), j))
    need = len(numbers) - 1
    cuts = sorted(ranked[:need])
    if len(ranked) > need and score(ranked[need]) == score(ranked[need - 1]):
        shown = ", ".join(str(k) for k in numbers)
        doubts.append(
            (lines[0][0], f"where notes {shown} begin was guessed (their labels stand apart)")
        )
    edges = [0, *cuts, len(lines)]
    return [(k, lines[edges[i] : edges[i + 1]]) for i, k in enumerate(numbers)]


NOTE_WIDE = 1.06  # of the body's common full line: a line set in the notes' smaller type
_JOINED = 1.45  # of the body's full line: two printed lines pdftotext joined
_ABOVE_MAX = 12  # lines a note's text may stand above its label
_CARRIED_MAX = 15  # lines: a note's end carried over, not a paragraph
_SPILLED = 3  # lines in the notes' type: a note's rest, though the note seemed finished


def waiting_labels(foot: Foot) -> int:
    """How many labels at a foot's top found no text: their notes stand above the first label."""
    count = 0
    for k, lines in foot.notes:
        if k <= 0:
            continue
        if lines:
            break
        count += 1
    return count


def note_end(line: str) -> bool:
    """Could a note end with this line: a stop, or a page or year reference?"""
    return ends_sentence(line) or bool(re.search(r"\d[).\]]?$", line))


def foot_above(rows: Sequence[Row], notes: int, full: int, strict: bool = False) -> int:
    """Where the texts of `notes` notes begin among the body's last rows (len(rows): nowhere).

    An extractor may read a note's text before its label (pdftotext with
    LaTeX's raised labels), or a page's foot may begin with the rest of the
    page before's note, unlabelled. Such texts stand at the body's end: each
    ends a sentence, and the lines before a note's last are set in the
    notes' smaller type, longer than the body's full line (the body's last
    line, set full, stays the body's); the notes before the first may
    take any lines, unless `strict`. Where the lines do not fit so, nothing
    is taken (the notes are then reported missing).
    """
    if notes <= 0 or not rows or not full or not note_end(rows[-1][1]):
        return len(rows)
    ends = 1
    at = len(rows) - 1
    while at > 0 and len(rows) - at < _ABOVE_MAX * notes:
        _, line, gap = rows[at - 1]
        wide = full * NOTE_WIDE < text_width(line) < full * _JOINED
        if "[^" in line:
            break
        if ends < notes and (note_end(line) or not strict):
            ends += note_end(line)
        elif not wide or rows[at][2]:
            break
        at -= 1
    if ends < notes or at == 0 or "[^" in rows[at][1]:
        return len(rows)
    return at


def unfinished(line: str) -> bool:
    """Does a note's last line stop mid-sentence (a word, a comma), not at a stop, number or URL?"""
    last = line.split()[-1] if line.split() else ""
    # An initial (`R.`) stands before its surname, on the next line.
    initial = bool(re.fullmatch(r"(?:[^\W\d_]\.)+", last)) and last[0].isupper()
    return initial or (bool(re.search(r"[^\W\d_]-?$|[,;:(–-]$", last)) and "/" not in last)


def lift_foot(rows: Sequence[Row], waiting: int, open_note: bool, full: int) -> tuple[int, int]:
    """(where a foot's unlabelled text begins among the body's rows, how many go on a note).

    `waiting` labels found no text; the page before's last note goes on
    where it stopped mid-sentence, or, though it seemed finished, where
    three lines or more in the notes' type stand before the others.
    """
    tries = [(True, True)] if open_note else [(True, False), (False, False)]
    for carry, sure in tries:
        at = foot_above(rows, waiting + carry, full, strict=carry and not sure)
        if at == len(rows):
            continue
        if not carry:
            return at, 0
        count = next(i for i in range(at, len(rows)) if note_end(rows[i][1])) - at + 1
        if sure or count >= _SPILLED:
            return at, count
    return len(rows), 0


def carried_block(body: list[Row]) -> list[tuple[int, str]]:
    """The end of the page before's note: the body's last block, set apart by a blank line.

    It ends a sentence (a body block at a page's foot that does not goes on
    overleaf), holds no marker, and its full lines are set smaller than the
    body's: longer than the body's common line.
    """
    gaps = [i for i, (_, _, gap) in enumerate(body) if gap]
    if not gaps or gaps[-1] == 0 or len(body) - gaps[-1] > _CARRIED_MAX:
        return []
    cut = gaps[-1]
    carried = [(n, t) for n, t, _ in body[cut:]]
    common = sorted(len(t) for _, t, _ in body)[len(body) // 2]
    if (
        any("[^" in t for _, t in carried)
        or not ends_sentence(carried[-1][1])
        or (len(carried) > 1 and len(carried[0][1]) <= common)
    ):
        return []
    del body[cut:]
    return carried
