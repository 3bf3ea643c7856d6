"""A PDF read by its layout: body and foot-note zone, raised markers, italics, heads, folios.

Characters come from pdfium (pypdfium2): with each one's font size, font name
and baseline it reads a 20-page article in a fraction of a second, where
pdfplumber (pdfminer) takes seconds. Lines are runs of characters on one
baseline; the body's size is the commonest; the smaller lines that end a page
are its notes; raised smaller digits are note markers (or, at a note's start,
its number); a font name with Italic/Oblique gives `*italic*`; an indented
line, or one after a wider space, begins a paragraph; a bold or larger line is
a heading. Running heads and folios go as in a raw text (`raw.strip_heads`).
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

from edition.errors import Problems
from edition.text.pages import FootNote, LaidLine, LaidPage
from edition.text.raw import strip_heads
from edition.text.rejoin import ends_sentence, starts_sentence

_NOTE_NUMBER = re.compile(r"^(\d{1,3})(?:\.\s*|\s+)(.*)$")


@dataclass(frozen=True)
class Char:
    text: str
    size: float
    x0: float
    x1: float
    baseline: float  # from the page's top
    italic: bool
    bold: bool


@dataclass
class Line:
    chars: list[Char]
    size: float = 0.0
    baseline: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def settle(self) -> Line:
        sizes = Counter(round(c.size, 1) for c in self.chars if c.text.strip())
        self.size = sizes.most_common(1)[0][0] if sizes else 0.0
        main = [c.baseline for c in self.chars if abs(c.size - self.size) < 0.3] or [0.0]
        self.baseline = sorted(main)[len(main) // 2]
        self.x0, self.x1 = self.chars[0].x0, max(c.x1 for c in self.chars)
        return self

    def raised(self, c: Char) -> bool:
        return c.size < self.size * 0.85 and c.baseline < self.baseline - self.size * 0.15

    @property
    def bold(self) -> bool:
        return all(c.bold for c in self.chars if c.text.strip())


def read_chars(data: bytes) -> list[list[Char]]:
    """Each page's characters in drawing order (pdfium's generated line ends left out)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    x, y = ctypes.c_double(), ctypes.c_double()
    name, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    box = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    origin = (ctypes.byref(x), ctypes.byref(y))
    pages = []
    try:
        for page in document:
            height, textpage = page.get_height(), page.get_textpage()
            chars: list[Char] = []
            handle = textpage.raw
            for i in range(textpage.count_chars()):
                text = chr(raw.FPDFText_GetUnicode(handle, i))
                if text == "\x02":  # pdfium's sign for a hyphen that ends a line
                    text = "-"
                if text in "\r\n\ufffe":
                    continue
                if raw.FPDFText_IsGenerated(handle, i):
                    if chars and text == " ":
                        chars.append(
                            Char(
                                " ",
                                0,
                                chars[-1].x1,
                                chars[-1].x1,
                                chars[-1].baseline,
                                chars[-1].italic,
                                chars[-1].bold,
                            )
                        )
                    continue
                raw.FPDFText_GetCharOrigin(handle, i, *origin)
                raw.FPDFText_GetFontInfo(handle, i, name, 256, ctypes.byref(flags))
                font = name.value.decode("latin-1")
                raw.FPDFText_GetCharBox(handle, i, *box)  # pdfium's own call, not the wrapper
                chars.append(
                    Char(
                        text,
                        raw.FPDFText_GetFontSize(handle, i),
                        left.value,
                        right.value,
                        height - y.value,
                        "Italic" in font or "Oblique" in font,
                        "Bold" in font,
                    )
                )
            pages.append(chars)
    finally:
        document.close()
    return pages


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
    settled = [line.settle() for line in lines if "".join(c.text for c in line.chars).strip()]
    # Reading order is top to bottom: a folio or head may be drawn after the body.
    return sorted(settled, key=lambda line: (round(line.baseline, 0), line.x0))


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
        digits = ""

    previous: Char | None = None
    for c in line.chars:
        if line.raised(c) and c.text.isdigit():
            digits += c.text
            previous = c
            continue
        flush()
        after_marker = previous is not None and line.raised(previous)
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
    if italic:
        out.append("*")
    return re.sub(r" {2,}", " ", "".join(out)).strip(), label


def read_pdf_pages(data: bytes, path: str, problems: Problems) -> list[LaidPage]:
    """The pages of a PDF: body lines, foot notes and printed numbers."""
    pages = [lines_of(chars) for chars in read_chars(data)]
    counts: Counter[float] = Counter()
    for page in pages:
        for line in page:
            counts[line.size] += len(line.chars)
    body_size = counts.most_common(1)[0][0] if counts else 10.0
    number = 0
    numbered: list[list[tuple[int, str, bool]]] = []
    by_line: dict[int, Line] = {}
    for index, page in enumerate(pages):
        if not page:
            problems.warning(
                path,
                0,
                f"page {index + 1} has no text (a scanned image?)",
                "run OCR on the PDF (e.g. ocrmypdf) and import it again",
                "no-text",
            )
        rows = []
        for line in page:
            number += 1
            by_line[number] = line
            rows.append((number, line_text(line, True)[0], False))
        numbered.append(rows)
    kept, printed, dropped = strip_heads(numbered)
    for index in range(1, len(kept)):  # a head seen once: small, alone above the body's top
        rows = kept[index]
        if len(rows) > 1 and _small_head(by_line[rows[0][0]], by_line[rows[1][0]], body_size):
            dropped[index].append(rows.pop(0)[:2])
    # The notes' size: the commonest size, below the body's, of the pages' last lines.
    last = Counter(
        by_line[rows[-1][0]].size
        for rows in kept
        if rows and by_line[rows[-1][0]].size < body_size * 0.92
    )
    note_size = last.most_common(1)[0][0] if last else 0.0
    laid, next_note, next_marker = [], 1, 1
    for index, rows in enumerate(kept):
        lines = [by_line[n] for n, _, _ in rows]
        zone = len(lines)  # the notes: the lines in the notes' size that end the page
        while zone > 0 and abs(lines[zone - 1].size - note_size) < 0.3:
            zone -= 1
        body, notes = _body_lines(rows[:zone], lines[:zone], body_size), []
        for m in re.finditer(r"\[\^(\d+)\]", " ".join(b.text for b in body)):
            next_marker = max(next_marker, int(m.group(1)) + 1)
        for (n, _, _), line in zip(rows[zone:], lines[zone:], strict=True):
            text, label = line_text(line, False)
            plain = _NOTE_NUMBER.match(text)
            if label and int(label) == next_note or label and int(label) < next_marker:
                notes.append(FootNote(int(label), ((n, text),)))
                next_note = int(label) + 1
            elif plain and int(plain.group(1)) == next_note < next_marker:
                notes.append(FootNote(next_note, ((n, plain.group(2)),)))
                next_note += 1
            elif text.startswith("*") and not notes and index < 3:
                notes.append(FootNote(-1, ((n, text),)))
            elif notes:
                last = notes[-1]
                notes[-1] = FootNote(last.n, (*last.lines, (n, text)))
            else:
                notes.append(FootNote(0, ((n, text),)))
        first = rows[0][0] if rows else 0
        laid.append(
            LaidPage(
                index + 1, printed[index], first, tuple(body), tuple(notes), tuple(dropped[index])
            )
        )
    return laid


def _small_head(line: Line, below: Line, body_size: float) -> bool:
    """A page's first line set smaller than the body, well above a body line: a running head."""
    small = line.size < body_size * 0.92 and abs(below.size - body_size) < 0.3
    return small and below.baseline - line.baseline > body_size * 1.8 and len(line.chars) <= 80


def _italic_heading(text: str, line: Line, body_size: float, right: float) -> bool:
    whole = text.startswith("*") and text.endswith("*") and text.count("*") == 2
    short = line.x1 < right - body_size * 6
    return (
        whole
        and short
        and line.size <= body_size * 1.02
        and not text.rstrip("*").endswith((".", ",", ";", ":"))
    )


def _body_lines(rows: list, lines: list[Line], body_size: float) -> list[LaidLine]:
    """Body lines with paragraph starts (indent, wider space) and headings (bold, larger)."""
    if not lines:
        return []
    left = (
        min(line.x0 for line in lines if abs(line.size - body_size) < 0.5)
        if any(abs(line.size - body_size) < 0.5 for line in lines)
        else lines[0].x0
    )
    right = max(line.x1 for line in lines)
    out: list[LaidLine] = []
    for i, ((n, text, _), line) in enumerate(zip(rows, lines, strict=True)):
        prev = lines[i - 1] if i else None
        leading = (line.baseline - prev.baseline) if prev else 0
        gap = prev is not None and leading > max(line.size, prev.size) * 1.6
        level = 0
        if line.bold:  # a bold line is a section heading, whatever its size
            level = 2
        elif _italic_heading(text, line, body_size, right) and (gap or prev is None):
            level = 3  # a short italic line alone: after a space, or at a page's top
        indent = line.x0 > left + body_size * 0.6 and line.x1 > right - body_size * 2
        # Would this line's first word have fitted on the line before?
        room = body_size * (len(text.split()[0]) * 0.6 + 1)
        short_before = prev is not None and prev.x1 < right - room
        ended = bool(out) and short_before and ends_sentence(out[-1].text)
        new = (
            indent
            or gap
            or level > 0
            or bool(out and out[-1].level)
            or (ended and starts_sentence(text))
        )
        out.append(LaidLine(n, text, new, level, gap, line.x0))
    return out
