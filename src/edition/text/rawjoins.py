"""Compounds whose hyphen an extractor dropped when it joined two printed lines.

pdftotext (without -layout) joins a line that ends in a hyphen to the next
and drops the hyphen, the word's own too: `party-` / `state` comes out as
`partystate`. Such a line is longer than the column, and the joined word
stands about a column's width into it. A joined word the article uses
whole elsewhere was a printer's cut; one made of two words of the article's
(`party` `state`) is a compound when the article uses it so (`party-state`),
has a capital inside (`SovietAlbanian`), or when the printer cuts no words
at all (no joined word is found whole elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from edition.text.rejoin import vocabulary
from edition.text.widths import char_width, measure, text_width

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NEAR = 0.08  # of a column: how far from the column's width a joined word may stand
_CUTTING = 0.12  # of the lines joined: a printer that cuts words


def joined_words(line: str, full: int) -> list[tuple[re.Match[str], int]]:
    """The words of `line` that stand where a printed line ended, and where in them it did."""
    if not full:
        return []
    ends, at = [], 0
    for c in line:
        at += char_width(c)
        ends.append(at)
    out = []
    for match in _WORD.finditer(line):
        start, end = ends[match.start()], ends[match.end() - 1]
        k = max(1, round((start + end) / 2 / full))  # the column edge the word stands at
        if k >= 1 and start - full * _NEAR <= k * full <= end + full * _NEAR:
            cross = next((i for i in range(match.start(), match.end()) if ends[i] >= k * full),
                         match.end())  # fmt: skip
            out.append((match, cross - match.start()))
    return out


def split_compound(word: str, near: int, words: Mapping[str, int], cuts: bool
                   ) -> tuple[str, str] | None:  # fmt: skip
    """Where `word` was a compound whose hyphen a line end took, if it was one.

    A capital inside (`SovietAlbanian`) or the compound used elsewhere
    (`party-state`) tell; where the printer cuts no words, a word the
    article never uses whole that begins with one of its words does too:
    both parts words of the article's first, then the longer first part.
    """
    found = []
    for cut in range(3, len(word) - 2):
        left, right = word[:cut], word[cut:]
        if left.endswith("-") or right.startswith("-"):
            continue
        inner = left[-1].islower() and right[0].isupper() and "-" not in word
        compound = words.get(f"{left}-{right}".lower(), 0)
        used = compound > 0 and compound >= words.get(word.lower(), 0)
        known = [len(p) for p in (left, right) if words.get(p.lower())]
        alone = "-" not in word and not cuts and words.get(word.lower(), 0) <= 1
        # A compound's first part is the common word (`decision-makers`, `two-thirds`).
        if inner or used or (alone and words.get(left.lower()) and len(right) >= 3):
            # Telling first, then both parts words of the article's, then the longer known part.
            found.append((not (inner or used), len(known) < 2, -max(known, default=0),
                          abs(cut - near), cut))  # fmt: skip
    if not found:
        return None
    cut = min(found)[-1]
    return word[:cut], word[cut:]


def restore_compounds(line: str, full: int, words: Mapping[str, int], cuts: bool) -> str:
    """`line` with the hyphens of its joined compounds put back.

    Besides compounds: a hyphen after a number (`1960-` / `kh`, not `1960s`)
    is the word's, and so is the first of a chain (`day-` / `to-day`).
    """
    out, pos = [], 0
    for match, near in joined_words(line, full):
        word = match.group(0)
        parts = split_compound(word, near, words, cuts) or _chain(word, words)
        if parts:
            out += [line[pos : match.start()], "-".join(parts)]
            pos = match.end()
        elif match.start() and line[match.start() - 1].isdigit() and _after_number(word):
            out += [line[pos : match.start()], "-" + word]
            pos = match.end()
    return "".join(out) + line[pos:]


def _after_number(word: str) -> bool:
    """Letters after a number that are a word's own (`kh`), not an ending (`s`, `th`)."""
    return len(word) >= 2 and word.islower() and word not in {"s", "th", "st", "nd", "rd", "ies"}


def _chain(word: str, words: Mapping[str, int]) -> tuple[str, str] | None:
    """`dayto-day`, `face-toface`: a part no word of the article's, made of two that are."""
    segments = word.split("-")
    if len(segments) < 2:
        return None
    for i, segment in enumerate(segments):
        if words.get(segment.lower(), 0) > 1:
            continue
        for cut in range(2, len(segment) - 1):
            if words.get(segment[:cut].lower()) and words.get(segment[cut:].lower()):
                left = "-".join([*segments[:i], segment[:cut]])
                return left, "-".join([segment[cut:], *segments[i + 1 :]])
    return None


def rejoin_compounds(split: list, full: int, kept: bool) -> list:
    """Put back the hyphens of compounds in the lines pdftotext joined (longer than the column)."""
    texts = [t for body, _, _ in split for _, t, _ in body]
    notes = [t for _, found, _ in split for _, lines in found for _, t in lines]
    words = vocabulary(texts + notes)
    # A note's full lines are those another line of it follows (most notes are one short line).
    noted = measure([text_width(t) for _, found, _ in split for _, ls in found for _, t in ls[:-1]])
    joined = [t for t in texts if text_width(t) > full * 1.05]
    joined += [t for t in notes if text_width(t) > noted * 1.05]
    # A printer that cuts words at line ends does so every few lines; where few
    # lines were joined, the hyphens pdftotext dropped were the words' own.
    cuts = len(joined) > _CUTTING * (len(texts) + len(notes))

    def fix(text: str, width: int) -> str:
        if kept or text_width(text) <= width * 1.05:
            return text
        return restore_compounds(text, width, words, cuts)

    return [
        (
            [(n, fix(t, full), gap) for n, t, gap in body],
            [(k, [(n, fix(t, noted)) for n, t in lines]) for k, lines in found],
            doubts,
        )
        for body, found, doubts in split
    ]
