"""Laid-out pages (from a PDF or a raw extraction) to the article: the same model as from text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from edition.errors import Problems
from edition.model import Article, BibEntry
from edition.text.audit import audit_broken_lines, audit_heads, audit_lines, audit_sequence
from edition.text.blocks import Block
from edition.text.cover import parse_cover
from edition.text.frontmatter import is_heading_label, read_front
from edition.text.pages import Fragment, LaidLine, LaidPage, Page, assemble, join_laid
from edition.text.reader import check_notes, make_authors
from edition.text.rejoin import vocabulary

_FRONT_PAGES = 3  # the cover and the front matter stand on the first pages


def _blocks(pages: Sequence[LaidPage]) -> list[Block]:
    """Blocks for the front matter: a new one at a page, a wider space or a change of font."""
    blocks: list[list[tuple[int, str]]] = []
    for page in pages:
        previous = None
        for line in page.lines:
            if previous is None or line.gap or line.level != previous.level:
                blocks.append([])
            blocks[-1].append((line.line, line.text))
            previous = line
    return [Block(tuple(b)) for b in blocks]


def _whole_words(pages: Sequence[Page]) -> list[str]:
    """The body's lines without the halves of words cut at a line's end (`tensi-` / `ons`)."""
    out, cut = [], False
    for page in pages:
        for fragment in page.body:
            for _, text in fragment.lines:
                if cut:
                    text = re.sub(r"^\**[^\W\d_]+", "", text)
                cut = bool(re.search(r"[^\W\d_]-\**$", text))
                out.append(re.sub(r"[^\W\d_]+-\**$", "", text))
    return out


def hyphenates(pages: Sequence[Page], words: Mapping[str, int]) -> bool:
    """Does the printer cut words at line ends? Yes if a cut word is found whole elsewhere."""
    lines = [t for page in pages for f in page.body for _, t in f.lines]
    for left, right in zip(lines, lines[1:], strict=False):
        head = re.search(r"([^\W\d_]+)-\**$", left)
        tail = re.match(r"^\**([^\W\d_]+)", right)
        if head and tail and words.get((head.group(1) + tail.group(1)).lower()):
            return True
    return False


_SUB_LINE = ("—", "–")


def _bib_heading(text: str) -> bool:
    """A section heading of the bibliography: short, no stop, comma or digit."""
    plain = text.strip().strip("*").strip()
    return 0 < len(plain) <= 50 and plain[0].isupper() and not re.search(r"[.,;:\d]", plain)


def bibliography_lines(
    lines: Sequence[LaidLine], words: Mapping[str, int]
) -> list[tuple[int, str]]:
    """The bibliography in the text form's shape: headings, `- entry`, `— sub-line`.

    An entry starts at the region's left edge under a hanging indent (a PDF),
    or where the reader found a paragraph start (an indent, or a short line
    before it in a raw text).
    """
    xs = [x.x0 for x in lines if x.x0]
    left = min(xs) if xs else 0.0
    hanging = bool(xs) and sum(1 for v in xs if v > left + 3) >= len(xs) * 0.2
    entries: list[tuple[int, list[str], str]] = []  # (line, texts, kind)
    after_heading = True
    for x in lines:
        text = x.text.strip()
        if _bib_heading(text) and (x.new or x.level or after_heading or hanging):
            entries.append((x.line, [text.strip("*").strip()], "heading"))
            after_heading = True
            continue
        starts = x.x0 <= left + 3 if hanging else (x.new or after_heading)
        if text.startswith(_SUB_LINE) or starts or not entries:
            entries.append((x.line, [text], "sub" if text.startswith(_SUB_LINE) else "entry"))
        else:
            entries[-1][1].append(text)
        after_heading = False
    out: list[tuple[int, str]] = []
    for number, texts, kind in entries:
        joined = join_laid(texts, words)
        if kind == "heading":
            out += [(number, ""), (number, joined), (number, "")]
        elif kind == "sub":
            out.append((number, joined))
        else:
            out.append((number, f"- {joined}"))
    return out + [(out[-1][0] + 1 if out else 1, "")]


def _fragments(lines: Sequence[LaidLine]) -> tuple[Fragment, ...]:
    out: list[list[LaidLine]] = []
    for i, line in enumerate(lines):
        if not out or line.new or line.level != lines[i - 1].level:
            out.append([])
        out[-1].append(line)
    return tuple(
        Fragment(tuple((x.line, x.text) for x in f), f[0].new or bool(f[0].level), f[0].level)
        for f in out
    )


def parse_laid(
    pages: Sequence[LaidPage],
    path: str,
    slug: str,
    kind: str,
    parse_bibliography: Callable | None,
    problems: Problems,
) -> Article | None:
    """Front matter, body, notes and bibliography of laid-out pages."""
    lines = [line for page in pages for line in page.lines]
    front_lines = [line for page in pages[:_FRONT_PAGES] for line in page.lines]
    front = read_front(_blocks(pages[:_FRONT_PAGES]), path, problems)
    body_from = front.rest[0].line if front.rest else (front_lines[-1].line + 1 if lines else 0)
    bib_at = next(
        (x.line for x in lines if x.line >= body_from and is_heading_label("bibliography", x.text)),
        None,
    )
    end = bib_at if bib_at is not None else lines[-1].line + 1 if lines else 0
    kept: list[Page] = []
    for page in pages:
        body = [x for x in page.lines if body_from <= x.line < end]
        if not body and not kept and page.lines and page.lines[-1].line < body_from:
            continue  # a cover or front-matter page: its notes (the author's) still count
        if not body and page.lines and page.lines[0].line >= end:
            if kept and page.notes:  # notes at the foot of the bibliography's pages count too
                last = kept[-1]
                notes = last.notes + page.notes
                kept[-1] = Page(last.index, last.printed, last.line, last.body, notes)
            continue
        kept.append(Page(page.index, page.printed, page.line, _fragments(body), page.notes))
    skipped = [p for p in pages if p.index < (kept[0].index if kept else 0)]
    if skipped and kept:  # the author's note may stand on the front page before the body's
        first = kept[0]
        notes = tuple(n for p in skipped for n in p.notes) + first.notes
        kept[0] = Page(first.index, first.printed, first.line, first.body, notes)
    # A word cut at a line's end ("tensi-") is no word of the article's.
    words = vocabulary(_whole_words(kept))
    body = assemble(kept, path, words, problems, not hyphenates(kept, words))
    check_notes(body, path, problems, front.title, front.title_line)
    lost_hint = "the notes after it would be lost: check the text there, or import the PDF"
    for page in pages:
        for line, lost in page.lost:
            problems.error(path, line, lost, lost_hint, "notes-lost")
    if not body.notes:
        _note_like(kept, path, problems)
    if not body.paragraphs:
        problems.error(
            path,
            1,
            "no body text found after the front matter",
            "a PDF of scanned images needs OCR first",
            "no-body",
        )
    bibliography: tuple[BibEntry, ...] = ()
    if bib_at is not None and parse_bibliography is not None:
        bib_lines = bibliography_lines([x for x in lines if x.line > bib_at], words)
        bibliography, found = parse_bibliography(bib_lines, path)
        problems.items.extend(found)
    if problems.errors:
        return None
    printed = [p.printed for p in kept if p.printed]
    article = Article(
        slug=slug,
        source=path,
        cover=parse_cover(front.cover_blocks, path, problems),
        title=front.title,
        authors=make_authors(front.names, front.affiliation, body.author_notes),
        abstract=front.abstract,
        keywords=front.keywords,
        paragraphs=tuple(body.paragraphs),
        notes=tuple(sorted(body.notes, key=lambda n: n.n)),
        bibliography=bibliography,
        page_breaks=tuple(body.page_breaks),
        title_line=front.title_line,
        source_kind=kind,
        first_page=printed[0] if printed else "",
        last_page=_last_page(pages, kept),
    )
    for page in pages:
        for line, doubt in page.doubts:
            problems.warning(
                path, line, doubt, "check the text there against the print", "guessed"
            )  # fmt: skip
    read = [(x.line, x.text) for p in pages for x in p.lines]
    read += [line for p in pages for n in p.notes for line in n.lines]
    audit_lines(sorted(read), article, path, problems)
    audit_sequence(article, path, problems)
    if kind == "raw":
        audit_broken_lines(_paragraph_lines(kept), "paragraphs", path, problems)
        notes = [list(n.lines) for p in kept for n in p.notes if n.n > 0]
        audit_broken_lines(notes, "notes", path, problems)
    heads = [re.sub(r"^\d+\s+|\s+\d+$", "", t) for p in pages for _, t in p.heads]
    audit_heads([h for h in heads if not h.isdigit()], article, path, problems)
    return article


_NOTE_LIKE = re.compile(r"^(\d{1,3})(?:\.\s*|\s+)\S")


def _note_like(pages: Sequence[Page], path: str, problems: Problems) -> None:
    """No note was read: do the pages' last lines look like numbered notes all the same?"""
    found = []
    for page in pages:
        lines = [line for f in page.body for line in f.lines][-4:]
        found += [(n, t) for n, t in lines if _NOTE_LIKE.match(t)]
    if len(found) >= 2:
        problems.error(
            path,
            found[0][0],
            f"no note could be read, yet {len(found)} lines at the pages' feet look like "
            f"numbered notes (the first: '{found[0][1][:60]}')",
            "are the note markers in the text glued to their words (religion.1)? "
            "check the extraction, or import the PDF itself",
            "notes-not-read",
        )


def _paragraph_lines(pages: Sequence[Page]) -> list[list[tuple[int, str]]]:
    """The body's paragraphs as lines, a paragraph going on across pages joined."""
    out: list[list[tuple[int, str]]] = []
    for page in pages:
        for i, fragment in enumerate(page.body):
            if fragment.level:
                out.append([])
                continue
            if i == 0 and not fragment.new and out:
                out[-1] += list(fragment.lines)
            else:
                out.append(list(fragment.lines))
    return [p for p in out if p]


def _last_page(pages: Sequence[LaidPage], kept: Sequence[Page]) -> str:
    numbers = [p.printed for p in pages if p.printed and kept and p.index >= kept[0].index]
    return numbers[-1] if numbers else ""
