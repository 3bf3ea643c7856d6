"""An import audits itself: no source line may end up in no field without a word.

Every line the reader read (running heads and folios aside) must be found, by
its letters, in some field of the article: cover, front matter, paragraphs,
notes or bibliography. Letters alone are compared, so joined lines,
resolved hyphens, markers and italics do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from edition.errors import Problems
from edition.model import Article
from edition.text.labels import is_heading_label, label_rest
from edition.text.widths import measure, text_width

_SHOWN = 3  # lines quoted in the message
_MIN_LETTERS = 4  # shorter lines (a stray "L", "*") prove nothing either way
_BROKEN = 0.5  # of a full line: shorter, inside a paragraph, a line was cut
_BROKEN_LEAST = 8  # full lines needed to know a full line's width


def _letters(text: str) -> str:
    return "".join(filter(str.isalpha, text)).casefold()  # not '¹': a marker


def article_letters(article: Article) -> str:
    """Every field's letters, one string to search lines in."""
    cover = article.cover
    parts: list[str] = [
        "ISSN eISSN UDC",  # the cover's labels
        cover.journal, cover.subtitle, cover.volume, cover.academy, cover.institute,
        cover.place, cover.issn, cover.eissn, cover.udc, cover.url,
        " ".join(a for e in cover.toc for a in (*e.authors, e.title)),
        article.title, article.abstract, " ".join(article.keywords),
        *(x for a in article.authors for x in (a.name, a.affiliation, a.note)),
        " ".join(a.name for a in article.authors),  # a byline naming them all on one line
        *(p.text for p in article.paragraphs), *(n.text for n in article.notes),
        *(e.original for e in article.bibliography), *(e.section for e in article.bibliography),
    ]  # fmt: skip
    return "\n".join(_letters(p) for p in parts)


def unaccounted(lines: Iterable[tuple[int, str]], article: Article) -> list[tuple[int, str]]:
    """The source lines whose letters are in no field of the article."""
    found = article_letters(article)
    missing = []
    for number, text in lines:
        if any(is_heading_label(kind, text) for kind in ("bibliography", "notes")):
            continue
        for kind in ("abstract", "keywords"):  # the label itself is in no field
            rest = label_rest(kind, text)
            text = text if rest is None else rest
        letters = _letters(text)
        if len(letters) >= _MIN_LETTERS and letters not in found:
            missing.append((number, text))
    return missing


def audit_lines(
    lines: Sequence[tuple[int, str]], article: Article, path: str, problems: Problems
) -> None:
    """Report the source text that ended up in no field, with its first lines."""
    missing = unaccounted(lines, article)
    if not missing:
        return
    count = sum(len(t.strip()) for _, t in missing)
    shown = "; ".join(f"line {n}: '{t.strip()[:60]}'" for n, t in missing[:_SHOWN])
    problems.warning(
        path,
        missing[0][0],
        f"{count} characters of the source ({len(missing)} lines) are in no field of the "
        f"article: {shown}",
        "headings or labels the import does not know, or text it could not place",
        "unaccounted-text",
    )


def audit_sequence(article: Article, path: str, problems: Problems) -> None:
    """Notes, markers and printed page numbers out of their order."""
    by_line = sorted(article.notes, key=lambda n: n.line)
    for before, after in zip(by_line, by_line[1:], strict=False):
        if after.n < before.n:
            problems.warning(
                path, after.line, f"note {after.n} comes after note {before.n}",
                "check the notes' numbers", "note-order",
            )  # fmt: skip
    markers = [int(m) for p in article.paragraphs for m in re.findall(r"\[\^(\d+)\]", p.text)]
    for before, after in zip(markers, markers[1:], strict=False):
        if after < before:
            line = next(p.line for p in article.paragraphs if f"[^{after}]" in p.text)
            problems.warning(
                path, line, f"marker {after} comes after marker {before} in the text",
                "check the markers' numbers", "marker-order",
            )  # fmt: skip
    printed = [(b.line, b.printed) for b in article.page_breaks if b.printed.isdigit()]
    for (_, a), (line, b) in zip(printed, printed[1:], strict=False):
        if int(b) <= int(a):
            problems.warning(
                path, line, f"page {b} follows page {a}",
                "a page number misread, or pages out of order in the source?", "page-order",
            )  # fmt: skip


def audit_heads(heads: Iterable[str], article: Article, path: str, problems: Problems) -> None:
    """A running head's text found inside a paragraph: a head the reader did not drop."""
    for head in {h.strip() for h in heads if len(h.strip()) >= 8}:
        for p in article.paragraphs:
            if head in p.text:
                problems.warning(
                    path, p.line, f"the running head '{head}' is inside paragraph {p.n}",
                    "remove it from the source's text", "head-in-text",
                )  # fmt: skip
                break


def audit_broken_lines(
    paragraphs: Sequence[Sequence[tuple[int, str]]], what: str, path: str, problems: Problems
) -> None:
    """A short line inside a paragraph: an extractor broke a printed line (pdfminer does).

    Only a paragraph's last line is short in print; pdfminer cuts a justified
    line with wide spaces into pieces it may set apart and out of order, so
    the paragraph may read wrong though no word is lost.
    """
    # The full line: of lines another follows, lines pdftotext joined left out.
    widths = [text_width(t) for lines in paragraphs for _, t in lines[:-1]]
    if len(widths) < _BROKEN_LEAST:
        return
    full = measure(widths)
    broken = [
        (number, text)
        for lines in paragraphs
        for (number, text), _ in zip(lines, lines[1:], strict=False)
        if text_width(text) < full * _BROKEN
    ]
    if broken:
        shown = "; ".join(f"line {n}: '{t.strip()[:40]}'" for n, t in broken[:_SHOWN])
        problems.warning(
            path, broken[0][0],
            f"{len(broken)} short lines stand inside {what} ({shown}): the extractor may "
            "have cut printed lines and set their pieces out of order",
            "check these paragraphs against the print, or import the PDF itself",
            "broken-lines",
        )  # fmt: skip


_CUT = re.compile(r"[^\W\d_][-\u00ad]\**$")  # a word's first part and its line-end hyphen


def audit_cut_words(article: Article, path: str, problems: Problems) -> None:
    """A paragraph, note or entry that ends in half a word: its rest went elsewhere."""
    fields = [
        *((p.line, f"paragraph {p.n}", p.text) for p in article.paragraphs if p.level == 0),
        *((n.line, f"note {n.n}", n.text) for n in article.notes),
        *((b.line, "a bibliography entry", b.original) for b in article.bibliography),
    ]
    for line, what, text in fields:
        if _CUT.search(text.rstrip()):
            problems.warning(
                path, line, f"{what} ends in half a word ('{text.rstrip()[-24:]}')",
                "its rest was read into another field: check the text there against the print",
                "cut-word",
            )  # fmt: skip
