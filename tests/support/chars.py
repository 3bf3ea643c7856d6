"""The characters drawn on each page of a PDF, with size and position (via pdfium).

Coordinates are from the page's top, in points; `baseline` is the glyph's
origin, so a raised marker's baseline is above its neighbour's.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass


@dataclass(frozen=True)
class Char:
    text: str
    size: float  # font size in points
    x0: float
    x1: float
    baseline: float  # distance of the glyph's origin from the page's top


def page_chars(pdf: bytes) -> tuple[tuple[Char, ...], ...]:
    """Each page's characters in drawing order; characters pdfium invents are left out."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf)
    pages = []
    x, y = ctypes.c_double(), ctypes.c_double()
    try:
        for page in document:
            height = page.get_height()
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                if raw.FPDFText_IsGenerated(textpage.raw, i):
                    continue
                raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
                left, _bottom, right, _top = textpage.get_charbox(i)
                chars.append(
                    Char(
                        chr(raw.FPDFText_GetUnicode(textpage.raw, i)),
                        round(raw.FPDFText_GetFontSize(textpage.raw, i), 2),
                        left,
                        right,
                        height - y.value,
                    )
                )
            pages.append(tuple(chars))
    finally:
        document.close()
    return tuple(pages)
