"""A PDF read by its layout: columns, body and foot-note zone, raised markers, italics, folios.

Characters come from pdfium (pypdfium2): with each one's font size, font name,
baseline and ink box it reads a 20-page article in a fraction of a second,
where pdfplumber (pdfminer) takes seconds. Lines are runs of characters on
one baseline (pdflines.py), read column by column (columns.py); the body's
size is the commonest; the smaller lines that end a column or a page are its
notes, and the lines under a 'Notes' heading at the end are endnotes
(pdfnotes.py); raised smaller digits are note markers; a font's name
(Italic, Oblique, TeX's CMTI), descriptor or weight gives `*italic*` and bold;
paragraph starts and headings come from indents, spaces, weight and size
(pdfbody.py). Running heads and folios go on evidence (pdfheads.py), their
numbers kept as the printed pages.

Lines are counted through the PDF in reading order, running heads included;
the article keeps where each page begins in that count (`Article.page_lines`),
and problems name the place as `file.pdf:page P, line L` (`errors.placed`).
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from edition.errors import Problems, placed
from edition.model import Article
from edition.text.columns import reading_order
from edition.text.laid import parse_laid
from edition.text.pages import LaidPage
from edition.text.pdfbody import body_lines, heading_sizes
from edition.text.pdfheads import drop_heads
from edition.text.pdflines import Char, Line, line_text, lines_of, split_folio
from edition.text.pdfnotes import Row, endnotes, foot_notes, note_size, split_zone


@dataclass(frozen=True)
class PdfRead:
    """A PDF's laid-out pages, every line read (n is `lines[n - 1]`), each page's first line."""

    pages: list[LaidPage]
    lines: tuple[str, ...]  # as Markdown: *italic*, [^N] markers
    page_lines: tuple[int, ...]


# TeX's fonts say their style in letters, not words: CMBX10, SFTI1095, ecbi1200.
_TEX_FONT = re.compile(r"(?i)(?:cm|sf|ec|tc)([a-z]{1,5})\d+$")
_ITALIC_FLAG, _BOLD_FLAG = 1 << 6, 1 << 18  # the font descriptor's Italic and ForceBold


def font_style(name: str, flags: int = 0, weight: int = -1) -> tuple[bool, bool]:
    """(italic, bold) of a font: its name (`Minion-It`, `CMTI10`), its descriptor, its weight."""
    base = name.rpartition("+")[2]  # a subset's tag: ABCDEF+Name
    lower = base.lower()
    italic = any(word in lower for word in ("italic", "oblique", "-it", "kursiv", "slanted"))
    bold = any(word in lower for word in ("bold", "black", "heavy", "-bd", "semibold"))
    tex = _TEX_FONT.fullmatch(base)
    if tex:
        letters = tex.group(1).lower()
        italic = italic or any(s in letters for s in ("ti", "it", "sl", "si", "bi"))
        bold = bold or letters.startswith("b") or "bx" in letters
    return italic or bool(flags & _ITALIC_FLAG), bold or bool(flags & _BOLD_FLAG) or weight >= 600


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
                        last = chars[-1]
                        chars.append(
                            Char(" ", 0, last.x1, last.x1, last.baseline, last.italic, last.bold)
                        )
                    continue
                raw.FPDFText_GetCharOrigin(handle, i, *origin)
                raw.FPDFText_GetFontInfo(handle, i, name, 256, ctypes.byref(flags))
                italic, bold = font_style(
                    name.value.decode("latin-1"), flags.value, raw.FPDFText_GetFontWeight(handle, i)
                )
                raw.FPDFText_GetCharBox(handle, i, *box)  # pdfium's own call, not the wrapper
                inked = text.strip() and top.value > bottom.value
                chars.append(
                    Char(
                        text,
                        raw.FPDFText_GetFontSize(handle, i),
                        left.value,
                        right.value,
                        height - y.value,
                        italic,
                        bold,
                        height - top.value if inked else 0.0,
                        height - bottom.value if inked else 0.0,
                    )
                )
            pages.append(chars)
    finally:
        document.close()
    return _south_slavic_dj(pages)


def _south_slavic_dj(pages: list[list[Char]]) -> list[list[Char]]:
    """TeX's T1 fonts draw Đ with the Eth glyph (Ð); a text that writes đ means Đ by it."""
    letters = {c.text for page in pages for c in page if c.text in "Ðđ"}
    if letters != {"Ð", "đ"}:
        return pages
    return [[replace(c, text="Đ") if c.text == "Ð" else c for c in page] for page in pages]


def read_pdf_pages(data: bytes, path: str, problems: Problems) -> list[LaidPage]:
    """The pages of a PDF: body lines, foot notes and printed numbers."""
    return read_pdf_layout(data, path, problems).pages


def _body_size(pages: list[list[Line]]) -> float:
    counts: Counter[float] = Counter()
    for page in pages:
        for line in page:
            counts[line.size] += len(line.chars)
    return counts.most_common(1)[0][0] if counts else 10.0


def read_pdf_layout(data: bytes, path: str, problems: Problems) -> PdfRead:
    """The laid-out pages, and the lines read, counted through the PDF."""
    grouped = [lines_of(chars) for chars in read_chars(data)]
    body_size = _body_size(grouped)
    pages = [
        [part for line in reading_order(page, body_size) for part in _parts(line)]
        for page in grouped
    ]
    number = 0
    numbered: list[list[tuple[int, str, bool]]] = []
    by_line: dict[int, Line] = {}
    labels: dict[int, str] = {}
    texts: list[str] = []
    page_lines: list[int] = []
    for index, page in enumerate(pages):
        page_lines.append(number + 1)
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
            text, labels[number] = line_text(line, True)
            texts.append(text)
            rows.append((number, text, False))
        numbered.append(rows)
    heads_found = drop_heads(numbered, by_line, body_size, path, problems)
    kept, dropped, printed = heads_found.kept, heads_found.dropped, heads_found.printed
    split = [[Row(n, t, labels[n], by_line[n]) for n, t, _ in rows] for rows in kept]
    # Endnotes first: set small at the end of the text, they are no page's foot-notes.
    split, ends, heads = endnotes(split)
    notes_size = note_size(split, body_size)
    zones, after_bib = [], False
    for rows in split:
        body_rows, zone, after_bib = split_zone(rows, notes_size, after_bib)
        zones.append((body_rows, zone))
    bodies = [b for b, _ in zones]
    sizes = heading_sizes([r.line for rows in bodies for r in rows], body_size)
    laid: list[LaidPage] = []
    state = [1, 1]  # the next note's number, the next marker's
    for index, (body_rows, (_, zone)) in enumerate(zip(bodies, zones, strict=True)):
        body = body_lines(body_rows, body_size, sizes, bodies[index - 1] if index else ())
        notes = foot_notes(zone, state, [x.text for x in body], index) + foot_notes(
            ends[index], state, [], index
        )
        first = kept[index][0][0] if kept[index] else 0
        gone = tuple(dropped[index]) + tuple(heads[index])
        laid.append(LaidPage(index + 1, printed[index], first, tuple(body), tuple(notes), gone))
    return PdfRead(laid, tuple(texts), tuple(page_lines))


def _parts(line: Line) -> list[Line]:
    return split_folio(line) if line.margin else [line]


def import_pdf(
    data: bytes, path: str, slug: str, parse_bibliography: Callable | None, problems: Problems
) -> tuple[Article | None, tuple[str, ...]]:
    """A PDF's article, knowing its pages, and the lines read; problems placed by page and line."""
    found = Problems()
    read = read_pdf_layout(data, path, found)
    article = parse_laid(read.pages, path, slug, "pdf", parse_bibliography, found)
    problems.items.extend(placed(found.items, path, read.page_lines))
    if article is not None:
        article = replace(article, page_lines=read.page_lines)
    return article, read.lines
