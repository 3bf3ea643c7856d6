"""How wide a line of text was printed, estimated from its letters: where a paragraph ended.

A raw extraction has no coordinates, yet a paragraph's last line is the one
the next word would still have fitted on. Counting characters misjudges a
proportional font (`illicit` is narrower than `MOWED`), so each character
counts with the width common text faces give it, in thousandths of an em.
pdftotext joins a line that ends in a hyphen to the next one, so a line may
hold two printed lines or more: only its last printed line is measured.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

_GROUPS = {
    191: "'’‘",
    222: "ijl|",
    278: " ,.:;!ftI/\\·",
    333: 'r()[]{}-“”"*`',
    500: "cksvxyzJ?_^",
    556: "abdeghnopqu0123456789L$#–+=<>~",
    611: "FTZ",
    667: "ABEKPSVXY&",
    722: "CDHNRUw",
    778: "GOQ",
    833: "mM",
    889: "%",
    944: "W",
    1000: "—@…",
}
_WIDTH = {c: w for w, chars in _GROUPS.items() for c in chars}
_WIDE_CYRILLIC = set("шщжмыюШЩЖМЫЮФф")


def char_width(c: str) -> int:
    """A character's usual advance in a text face, in thousandths of an em."""
    if c in _WIDTH:
        return _WIDTH[c]
    base = unicodedata.normalize("NFD", c)[0]
    if base in _WIDTH:
        return _WIDTH[base]
    if "\u0400" <= c <= "\u04ff":  # Cyrillic
        return (
            (900 if c in _WIDE_CYRILLIC else 700)
            if c.isupper()
            else (750 if c in _WIDE_CYRILLIC else 550)
        )
    return 556


def text_width(text: str) -> int:
    """A line's width; a note marker `[^12]` is printed as small digits."""
    plain = re.sub(r"\[\^(\d+)\]", lambda m: "\0" * len(m.group(1)), text)
    return sum(330 if c == "\0" else char_width(c) for c in plain)


def measure(widths: Sequence[int]) -> int:
    """The column's full line width: the widest common line, joined lines left out."""
    if not widths:
        return 0
    ordered = sorted(widths)
    median = ordered[len(ordered) // 2]
    single = [w for w in ordered if w <= median * 1.3]
    return single[int(len(single) * 0.95)] if single else median


def last_printed(width: int, full: int) -> int:
    """The width of a line's last printed line (a joined line holds several)."""
    if not full or width <= full * 1.08:
        return width
    lines = math.ceil(width / full - 0.04)  # each printed line is at most about full
    return max(width - (lines - 1) * full, 0)


def reach(previous: str, word: str, full: int) -> float:
    """How far `previous` with ` word` after it would reach, in full lines."""
    if not full:
        return 1.0
    return (last_printed(text_width(previous), full) + text_width(" " + word)) / full


def threshold(reaches: Sequence[float]) -> float:
    """Below what reach a line surely had room left: calibrated on lines cut mid-sentence.

    A line cut mid-sentence had no room for the next word; how far such
    lines reach, by these estimated widths, tells how far off the estimate
    is for this face. A few lowest are lines an extractor broke (pdfminer).
    """
    long = sorted(r for r in reaches if r > 0.8)
    if len(long) < 20:
        return 0.97
    return min(max(long[int(len(long) * 0.03)] - 0.005, 0.93), 1.0)
