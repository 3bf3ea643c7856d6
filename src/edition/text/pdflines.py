"""A PDF page's characters grouped into lines, and a line as Markdown with its note markers.

A note marker is a digit raised and smaller than the line's text: either
drawn in a smaller size above the baseline (a synthetic superscript) or an
OpenType superscript glyph drawn at the text's size on its baseline, whose
ink box stands well above the baseline and is short. Both are found by the
characters' ink boxes, whatever the typesetter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Char:
    text: str
    size: float
    x0: float
    x1: float
    baseline: float  # from the page's top
    italic: bool
    bold: bool
    top: float = 0.0  # the ink box, from the page's top (0, 0: no ink, a space)
    bottom: float = 0.0


@dataclass
class Line:
    chars: list[Char]
    size: float = 0.0
    baseline: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    flow: int = 0  # which column or band of the page it was read in (columns.py)
    margin: bool = False  # alone above or below the rest: a running head or folio, likely

    def settle(self) -> Line:
        sizes = Counter(round(c.size, 1) for c in self.chars if c.text.strip())
        self.size = sizes.most_common(1)[0][0] if sizes else 0.0
        main = [c.baseline for c in self.chars if abs(c.size - self.size) < 0.3] or [0.0]
        self.baseline = sorted(main)[len(main) // 2]
        inked = [c for c in self.chars if c.text.strip()] or self.chars
        self.x0, self.x1 = inked[0].x0, max(c.x1 for c in inked)
        return self

    def raised(self, c: Char) -> bool:
        """A superscript: set smaller above the baseline, or a short glyph high above it."""
        size = max(self.size, 1.0)
        shifted = c.size < size * 0.85 and c.baseline < self.baseline - size * 0.15
        inked = c.bottom > c.top
        glyph = inked and self.baseline - c.bottom > size * 0.22 and c.bottom - c.top < size * 0.5
        return shifted or glyph

    @property
    def bold(self) -> bool:
        return all(c.bold for c in self.chars if c.text.strip())

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


def lines_of(chars: list[Char]) -> list[Line]:
    """Group characters into lines: a new one where the text goes back left or down."""
    lines: list[Line] = []
    for c in chars:
        if lines:
            last, cur = lines[-1].chars[-1], lines[-1]
            size = max(c.size, last.size, 1.0)
            ref = next((k.baseline for k in cur.chars if k.size >= size * 0.85), last.baseline)
            if c.text == " " or (
                c.x0 > last.x0 - 1
                and abs(c.baseline - ref) < size * 0.9
                and c.x0 - last.x1 < size * 3
            ):
                cur.chars.append(c)
                continue
        if c.text != " ":
            lines.append(Line([c]))
    return [line.settle() for line in lines if line.text.strip()]


def split_folio(line: Line) -> list[Line]:
    """A head and its page number set apart on one line (`119  Title`): two lines."""
    inked = [i for i, c in enumerate(line.chars) if c.text.strip()]
    for a, b in zip(inked, inked[1:], strict=False):
        if line.chars[b].x0 - line.chars[a].x1 > max(line.size, 1.0) * 0.8:
            left, right = line.chars[: a + 1], line.chars[b:]
            if (
                "".join(c.text for c in left).isdigit()
                or "".join(c.text for c in right).strip().isdigit()
            ):
                parts = (left, right)
                return [Line(list(p), flow=line.flow, margin=line.margin).settle() for p in parts]
    return [line]


def line_text(line: Line, markers: bool) -> tuple[str, str]:
    """The line as Markdown, and the raised digits it starts with (a note's number)."""
    out: list[str] = []
    label, digits, italic = "", "", False

    def flush() -> None:
        nonlocal digits, label
        if digits and not "".join(out).strip():
            label = digits
        elif digits and markers:
            out.append(f"[^{digits}]")
        elif digits:
            out.append(digits)
        digits = ""

    previous: Char | None = None
    for c in line.chars:
        if c.text.isdigit() and line.raised(c):
            digits += c.text
            previous = c
            continue
        flush()
        after_marker = previous is not None and previous.text.isdigit() and line.raised(previous)
        gap = after_marker and c.x0 - previous.x1 > max(c.size, 1.0) * 0.2
        if gap and c.text.strip() and out and out[-1].strip():
            out.append(" ")  # pdfium leaves out the space after a raised marker
        previous = c if c.text.strip() else previous
        if c.text.strip() and c.italic != italic:
            if italic:  # close before the spaces that precede this character
                spaces = []
                while out and not out[-1].strip():
                    spaces.append(out.pop())
                out.extend(["*", *spaces])
            else:
                out.append("*")
            italic = c.italic
        out.append(c.text)
    flush()
    if italic:  # closed before the spaces a line may end with
        while out and not out[-1].strip():
            out.pop()
        out.append("*")
    text = re.sub(r" {2,}", " ", "".join(out)).strip()
    # A soft hyphen is where a word may break: at the line's end, it did.
    text = re.sub(r"\u00ad(\**)$", r"-\1", text).replace("\u00ad", "")
    return text, label
