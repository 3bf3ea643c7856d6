"""Three journal page designs, and the Debian TrueType fonts they are set in.

The designs differ where journals do: page size, serif or sans, how notes
are numbered and ruled, where running heads and page numbers go, numbered
headings, hyphenation and a cover page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))
# family → (regular, italic, bold) files; Debian's fonts-liberation, fonts-dejavu-core/-extra.
FAMILIES = {
    "LiberationSerif": (
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-Bold.ttf",
    ),
    "LiberationSans": (
        "LiberationSans-Regular.ttf",
        "LiberationSans-Italic.ttf",
        "LiberationSans-Bold.ttf",
    ),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-Bold.ttf"),
}


def font_file(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(
        f"font {name} not found: install fonts-liberation fonts-dejavu-core fonts-dejavu-extra"
    )


def register(family: str) -> tuple[str, str, str]:
    """Register a family's regular, italic and bold faces once; return their names."""
    names = (family, family + "-Italic", family + "-Bold")
    for name, filename in zip(names, FAMILIES[family], strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_file(filename))))
    return names


@dataclass(frozen=True)
class Layout:
    name: str
    page: tuple[float, float]  # width, height in points
    margins: tuple[float, float, float, float]  # top, right, bottom, left (inner/outer alike)
    family: str
    size: float  # body size
    leading: float
    note_size: float
    note_leading: float
    indent: float  # first-line indent of a paragraph
    justify: bool
    note_rule: bool  # a short rule above the notes
    note_label: str  # "raised" (small raised digit) or "dot" ("1." on the line)
    head: str  # running head: "alternate" (author even, title odd) or "journal"
    head_on_first: bool  # does the article's first page carry the running head?
    folio: str  # "top-outer", "foot-centre" or "foot-outer"
    number_headings: bool  # "1. Introduction", "1.1 Sources"
    marker_after_punctuation: bool  # move "word¹." to "word.¹"
    hyphenate: bool
    cover: bool  # an unnumbered cover page before the article
    split_notes: bool  # may a note run on to the next page?
    note_share: float  # the most of a page's height that its notes may take


A5ISH = (430.0, 640.0)

LAYOUTS: dict[str, Layout] = {
    "journal-a": Layout(
        name="journal-a",
        page=A5ISH,
        margins=(54, 46, 50, 46),
        family="LiberationSerif",
        size=10,
        leading=12.4,
        note_size=8,
        note_leading=9.6,
        indent=14,
        justify=True,
        note_rule=True,
        note_label="raised",
        head="alternate",
        head_on_first=False,
        folio="top-outer",
        number_headings=False,
        marker_after_punctuation=False,
        hyphenate=False,
        cover=False,
        split_notes=True,
        note_share=0.3,
    ),
    "journal-b": Layout(
        name="journal-b",
        page=A4,
        margins=(70, 72, 64, 72),
        family="LiberationSans",
        size=10.5,
        leading=14,
        note_size=8.5,
        note_leading=10.5,
        indent=0,
        justify=False,
        note_rule=False,
        note_label="dot",
        head="journal",
        head_on_first=False,
        folio="foot-centre",
        number_headings=False,
        marker_after_punctuation=False,
        hyphenate=False,
        cover=False,
        split_notes=True,
        note_share=0.5,
    ),
    "journal-c": Layout(
        name="journal-c",
        page=(460.0, 680.0),
        margins=(58, 52, 56, 52),
        family="DejaVuSerif",
        size=9.5,
        leading=12,
        note_size=7.5,
        note_leading=9.2,
        indent=12,
        justify=True,
        note_rule=True,
        note_label="plain",
        head="alternate",
        head_on_first=False,
        folio="foot-outer",
        number_headings=True,
        marker_after_punctuation=True,
        hyphenate=True,
        cover=True,
        split_notes=False,
        note_share=0.6,
    ),
}
