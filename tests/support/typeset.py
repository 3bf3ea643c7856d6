"""Typeset a test Doc as a journal would print it, and say where everything went.

    typeset(doc, "journal-a") -> Typeset(pdf=bytes, truth=Truth)

`python -m tests.support.typeset OUTDIR` writes every sample in every layout,
with plain extractions and the truth, for looking at by hand.
"""

from __future__ import annotations

import functools
import io
import json
import sys
from dataclasses import asdict
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .compose import (
    AUTHOR_NOTE,
    NOTE_GAP,
    Item,
    NoteLine,
    Page,
    heading_labels,
    note_lines,
    paginate,
    stream,
    styles,
    text_width,
)
from .doc import Doc
from .layouts import LAYOUTS, Layout, register
from .lines import MARKER_RISE, MARKER_SCALE, Line, Style, printed_markers, seg_width
from .truth import BodyPos, Hyphen, NotePiece, PageTruth, PrintedMarker, Truth, Typeset


def typeset(doc: Doc, layout: str | Layout) -> Typeset:
    """The Doc as a PDF in one of LAYOUTS, with the truth of where things went."""
    return _typeset(doc, LAYOUTS[layout] if isinstance(layout, str) else layout)


def printed_pages(doc: Doc, layout: str | Layout) -> tuple[PageTruth, ...]:
    """Which printed page each PDF page carries, and where its body text begins."""
    return typeset(doc, layout).truth.pages


@functools.lru_cache(maxsize=64)
def _typeset(doc: Doc, layout: Layout) -> Typeset:
    items = stream(doc, layout)
    notes = note_lines(doc, layout)
    pages = paginate(items, notes, layout)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=layout.page, invariant=True)
    canvas.setTitle(doc.front.title)
    canvas.setAuthor(", ".join(a.name for a in doc.front.authors))
    truths: list[PageTruth] = []
    if layout.cover:
        _draw_cover(canvas, doc, layout)
        truths.append(PageTruth(0, None, None, None, None, (), False))
    for k, page in enumerate(pages):
        printed = doc.front.first_page + k
        head = _running_head(doc, layout, printed) if k or layout.head_on_first else None
        # A first page has no running head, so a number at the top moves to the foot.
        folio = "foot-centre" if not k and layout.folio == "top-outer" else layout.folio
        _draw_page(canvas, page, layout, printed, head, folio)
        truths.append(_page_truth(len(truths), printed, folio, head, page, notes))
    canvas.save()
    truth = Truth(
        layout=layout.name,
        pages=tuple(truths),
        hyphens=_hyphens(items, notes),
        markers=tuple(
            PrintedMarker(i, offset, int(label))
            for i, block in enumerate(doc.body)
            for offset, label in printed_markers(block.text, layout.marker_after_punctuation)
        ),
        heading_labels=tuple(heading_labels(doc).items()) if layout.number_headings else (),
    )
    return Typeset(buffer.getvalue(), truth)


def _running_head(doc: Doc, layout: Layout, printed: int) -> str:
    front = doc.front
    if layout.head == "journal":
        return f"{front.journal} {front.volume} ({front.year})"
    names = ", ".join(a.name for a in front.authors)
    if printed % 2 == 0:
        return names.upper() if not layout.cover else f"{front.journal} {front.volume}"
    return front.short_title if not layout.cover else f"{names}: {front.short_title}"


def _draw_cover(canvas: Canvas, doc: Doc, layout: Layout) -> None:
    regular, italic, bold = register(layout.family)
    width, height = layout.page
    front = doc.front
    canvas.setFont(bold, 30)
    canvas.drawCentredString(width / 2, height * 0.68, front.journal)
    canvas.setFont(regular, 13)
    canvas.drawCentredString(width / 2, height * 0.62, f"{front.volume} · {front.year}")
    canvas.setLineWidth(0.6)
    canvas.line(width * 0.3, height * 0.58, width * 0.7, height * 0.58)
    canvas.setFont(italic, 10)
    names = ", ".join(a.name for a in front.authors)
    canvas.drawCentredString(width / 2, height * 0.52, f"{names}, {front.short_title}")
    canvas.setFont(regular, 9)
    canvas.drawCentredString(width / 2, height * 0.12, f"ISSN {front.issn}")
    canvas.showPage()


def _draw_line(canvas: Canvas, line: Line, style: Style, x: float, width: float, y: float,
               align: str) -> None:
    space = stringWidth(" ", style.regular, style.size)
    natural = sum(seg_width(s, style) for w in line.words for s in w.segs)
    natural += space * (len(line.words) - 1)
    gap = space
    room = width - line.indent
    x += line.indent
    if align == "justify" and not line.last and len(line.words) > 1:
        stretch = (room - natural) / (len(line.words) - 1)
        if 0 < stretch < space * 3:
            gap += stretch
    elif align == "centre":
        x += (room - natural) / 2
    for word in line.words:
        for seg in word.segs:
            if seg.kind == "m":
                canvas.setFont(style.regular, style.size * MARKER_SCALE)
                canvas.drawString(x, y + style.size * MARKER_RISE, seg.text)
            else:
                canvas.setFont(style.italic if seg.kind == "i" else style.regular, style.size)
                canvas.drawString(x, y, seg.text)
            x += seg_width(seg, style)
        x += gap


def _draw_page(canvas: Canvas, page: Page, layout: Layout, printed: int, head: str | None,
               folio: str) -> None:
    top, right, bottom, left = layout.margins
    page_w, page_h = layout.page
    width = text_width(layout)
    head_style = styles(layout)["head"]
    head_y = page_h - top + 22
    if head:
        canvas.setFont(head_style.italic, head_style.size)
        canvas.drawCentredString(left + width / 2, head_y, head)
    canvas.setFont(head_style.regular, layout.size * 0.9)
    outer_left = printed % 2 == 0
    if folio == "top-outer":
        if outer_left:
            canvas.drawString(left, head_y, str(printed))
        else:
            canvas.drawRightString(left + width, head_y, str(printed))
    elif folio == "foot-centre":
        canvas.drawCentredString(left + width / 2, bottom - 28, str(printed))
    else:
        x = left if outer_left else left + width
        (canvas.drawString if outer_left else canvas.drawRightString)(x, bottom - 28, str(printed))

    y = page_h - top
    for item in page.items:
        if item.line is not None:
            size = item.style.size
            baseline = y - item.height + (item.height - size) * 0.5 + size * 0.2
            _draw_line(canvas, item.line, item.style, left, item.width, baseline, item.align)
        y -= item.height
    if page.notes:
        y = bottom + sum(n.style.leading for n in page.notes)
        if layout.note_rule:
            canvas.setLineWidth(0.4)
            canvas.line(left, y + NOTE_GAP * 0.55, left + width * 0.3, y + NOTE_GAP * 0.55)
        for note in page.notes:
            baseline = y - note.style.leading * 0.8
            _draw_line(canvas, note.line, note.style, left, width, baseline, "justify")
            y -= note.style.leading
    canvas.showPage()


def _page_truth(index: int, printed: int, folio: str, head: str | None, page: Page,
                notes: dict[int, list[NoteLine]]) -> PageTruth:
    body = [i for i in page.items if i.region == "body" and i.line is not None]
    start = BodyPos(body[0].block, max(0, body[0].line.start)) if body else None
    pieces: list[NotePiece] = []
    for number in dict.fromkeys(n.number for n in page.notes):
        if number == AUTHOR_NOTE:
            continue
        mine = [n for n in page.notes if n.number == number]
        every = notes[number]
        first = every.index(mine[0])
        after = first + len(mine)
        end = every[after].line.start if after < len(every) else _plain_length(every)
        pieces.append(NotePiece(number, max(0, mine[0].line.start) if first else 0, end))
    return PageTruth(index, printed, folio, head, start, tuple(pieces),
                     any(i.region == "bib" for i in page.items))


def _plain_length(lines: list[NoteLine]) -> int:
    last = lines[-1].line.words[-1]
    return last.start + len(last.plain)


def _hyphens(items: list[Item], notes: dict[int, list[NoteLine]]) -> tuple[Hyphen, ...]:
    out: list[Hyphen] = []
    body = [i for i in items if i.region == "body" and i.line is not None]
    for here, there in zip(body, body[1:], strict=False):
        if here.line.hyphen and here.block == there.block:
            out.append(Hyphen("body", here.block, there.line.start, here.line.hyphen == "added"))
    for number, lines in notes.items():
        for here, there in zip(lines, lines[1:], strict=False):
            if here.line.hyphen and number != AUTHOR_NOTE:
                out.append(Hyphen("note", number, there.line.start, here.line.hyphen == "added"))
    return tuple(out)


def write_samples(outdir: Path, names: tuple[str, ...] = ()) -> list[Path]:
    """Samples (all by default) in every layout: PDF, plain extractions, the truth as JSON."""
    from .extract import extract_pdfminer, extract_pdftotext
    from .samples import SAMPLES

    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or tuple(SAMPLES):
        doc = SAMPLES[name]()
        for layout in LAYOUTS:
            done = typeset(doc, layout)
            stem = outdir / f"{name}-{layout}"
            files = {
                ".pdf": done.pdf,
                ".pdfminer.txt": extract_pdfminer(done.pdf).encode(),
                ".pdftotext.txt": extract_pdftotext(done.pdf).encode(),
                ".pdftotext-layout.txt": extract_pdftotext(done.pdf, layout=True).encode(),
                ".truth.json": json.dumps(asdict(done.truth), ensure_ascii=False).encode(),
            }
            for suffix, data in files.items():
                path = stem.with_name(stem.name + suffix)
                path.write_bytes(data)
                written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.support.typeset OUTDIR", file=sys.stderr)
        return 2
    for path in write_samples(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
