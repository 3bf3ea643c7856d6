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

NOTE_START = re.compile(r"^(\d{1,3})(?:\.\s*|\s+|(?=[^\W\d_“\"«(])|$)(.*)$")
AUTHOR_NOTE = re.compile(r"^\*+(?:\s+(.*))?$")
_LABEL = re.compile(r"^\d{1,3}$")

Row = tuple[int, str, bool]  # (line number, text, blank line before)
Lines = list[tuple[int, str]]


@dataclass(frozen=True)
class Foot:
    """A foot's notes: (number, lines); 0 goes on from the page before, -1 is the author's."""

    notes: list[tuple[int, Lines]]
    doubts: list[tuple[int, str]]  # (line, what was guessed)


def numbered_heading(line: str) -> bool:
    """'2. Archival sources' is a heading, not note 2: short, a capital, no stop or comma."""
    rest = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", line)
    plain = bool(rest) and rest[0].isupper() and not re.search(r"[.,;:]", rest)
    short = 0 < len(line) <= 50 and plain
    titled = all(w[0].isupper() for w in rest.split() if len(w) > 3)
    return short and (titled or len(rest.split()) <= 3)


def note_start(line: str, allowed: set[int], after: int) -> tuple[int, str, bool] | None:
    """(number, text, is a bare label) if `line` starts a note whose marker was read."""
    start = NOTE_START.match(line)
    if not start or numbered_heading(line):
        return None
    k = int(start.group(1))
    if k not in allowed:
        return None
    label = not start.group(2)
    dotted = line[len(start.group(1))] == "." if len(line) > len(start.group(1)) else False
    # A wrapped note line may begin with a number ("12 November 1960"): a note that
    # starts with text must be the next in order, unless its number has a stop.
    if not label and not dotted and k != _next_after(allowed, after):
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
    """`docu27 Ibid. p. 3.`: a body line a hyphen joined to note k's first line (pdftotext)."""
    match = re.search(rf"([^\W\d_]{{2}})({k})\s+([^\W\d_“\"«(].*)$", line)
    if not match or not re.search(r"[^\W\d_]", match.group(3)):
        return None
    return line[: match.start(2)] + "-", f"{k} {match.group(3)}"


def read_foot(zone: Sequence[Row], allowed: set[int], author: bool) -> Foot:
    """The notes of a page's foot: `allowed` numbers' markers were read, their notes not yet."""
    notes: list[tuple[int, Lines]] = []
    tokens: list[tuple[str, int, int, str]] = []  # kind, number, line, text
    author_open = False
    last = 0
    for number, line, _ in zone:
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
        start = note_start(line, allowed - taken, last) or _unmarked(line, following - taken)
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
    for kind, k, number, text in tokens:
        if kind == "label":
            run.append(k)
            continue
        if kind == "start":
            loose += run
            run = []
            anchors.append((len(texts), k))
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
    kept: list[tuple[int, int]] = []
    for at, k in anchors:
        if kept and (k <= kept[-1][1] or at == kept[-1][0]):
            loose.append(k)
        else:
            kept.append((at, k))
    doubts: list[tuple[int, str]] = []
    bounds = [at for at, _ in kept] + [len(texts)]
    before = [k for k in loose if not kept or k < kept[0][1]]
    head = texts[: bounds[0]] if kept else texts
    if head:
        if before:
            notes += _share(head, sorted(before), doubts)
        else:
            notes.append((0, head))  # goes on from the page before (or the author's)
    elif before:
        notes += [(k, []) for k in sorted(before)]
    for i, (at, k) in enumerate(kept):
        upper = kept[i + 1][1] if i + 1 < len(kept) else 10**6
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
