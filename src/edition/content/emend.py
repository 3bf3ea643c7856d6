"""The editors' decisions applied to an article: emendations, overrides, metadata."""

from __future__ import annotations

from dataclasses import replace

from edition.content.article_yaml import citation_from_data
from edition.content.editorial import Editorial
from edition.errors import Problems
from edition.model import Article, BibEntry, Emendation, Metadata, Note, PageBreak, Paragraph


def apply_editorial(article: Article, editorial: Editorial) -> tuple[Article, Problems]:
    """The article with every decision applied; vanished targets are errors."""
    problems = Problems()
    paragraphs = {p.n: p for p in article.paragraphs}
    notes = {n.n: n for n in article.notes}
    entries = {e.key: e for e in article.bibliography}
    breaks = list(article.page_breaks)
    applied: list[Emendation] = []
    for e in editorial.emendations:
        owner = {"p": paragraphs, "note": notes, "bib": entries}[e.target]
        key = e.at if e.target == "bib" else int(e.at)
        item = owner.get(key)
        what = {"p": "paragraph", "note": "note", "bib": "bibliography entry"}[e.target]
        if item is None:
            problems.error(
                editorial.path,
                e.line,
                f"emendation: there is no {what} {e.at}",
                "the article changed after a re-import? correct p/note/bib",
                "emendation-vanished",
            )
            continue
        text = item.original if isinstance(item, BibEntry) else item.text
        count = text.count(e.sic)
        if count != 1:
            problems.error(
                editorial.path,
                e.line,
                f"emendation: {e.sic!r} "
                + ("is not in" if not count else f"occurs {count} times in")
                + f" {what} {e.at}",
                "the text changed after a re-import? update or remove the emendation"
                if not count
                else "quote more of the text around it in sic and corr",
                "emendation-vanished" if not count else "emendation-ambiguous",
            )
            continue
        at = text.index(e.sic)
        fixed = text[:at] + e.corr + text[at + len(e.sic) :]
        shift = len(e.corr) - len(e.sic)
        if isinstance(item, Paragraph):
            paragraphs[key] = replace(item, text=fixed)
            breaks = [_shift(b, item.n, at, shift) for b in breaks]
        elif isinstance(item, Note):
            notes[key] = replace(
                item,
                text=fixed,
                citations=tuple(
                    replace(c, text=c.text.replace(e.sic, e.corr)) for c in item.citations
                ),
            )
        else:
            # The BibTeX fields carry the same words; correct them alike.
            fields = tuple((k, v.replace(e.sic, e.corr)) for k, v in item.fields)
            entries[key] = replace(item, original=fixed, fields=fields)
        applied.append(replace(e, offset=at))
    for o in editorial.overrides:
        note = notes.get(o.note)
        if note is None:
            problems.error(
                editorial.path,
                o.line,
                f"override: there is no note {o.note}",
                "",
                "override-vanished",
            )
            continue
        cites = tuple(citation_from_data(c) for c in o.citations) or note.citations
        if o.bib_key:
            if o.bib_key not in entries:
                problems.error(
                    editorial.path,
                    o.line,
                    f"override: no bibliography entry {o.bib_key!r}",
                    "use a key from references.bib",
                    "override-vanished",
                )
                continue
            if o.citation and not any(c.text == o.citation for c in cites):
                problems.error(
                    editorial.path,
                    o.line,
                    f"override: note {o.note} has no citation {o.citation!r}",
                    "quote the citation exactly as in the note",
                    "override-vanished",
                )
                continue
            cites = tuple(
                replace(c, kind="bibliographic", bib_key=o.bib_key)
                if not o.citation or c.text == o.citation
                else c
                for c in cites
            )
        notes[o.note] = replace(note, citations=cites)
    return (
        replace(
            article,
            paragraphs=tuple(paragraphs[p.n] for p in article.paragraphs),
            notes=tuple(notes[n.n] for n in article.notes),
            bibliography=tuple(entries[e.key] for e in article.bibliography),
            page_breaks=tuple(breaks),
            metadata=metadata_of(editorial.metadata, article.metadata),
            emendations=tuple(applied),
        ),
        problems,
    )


def _shift(b: PageBreak, paragraph: int, at: int, shift: int) -> PageBreak:
    """Move a page break that follows an emendation in the same paragraph."""
    if b.paragraph == paragraph and b.offset > at:
        return replace(b, offset=b.offset + shift)
    return b


def metadata_of(fields: tuple[tuple[str, str], ...], base: Metadata) -> Metadata:
    """`base` with what editorial.yaml's `metadata:` records (pages as "351–370")."""
    values = {k: v for k, v in fields if v}
    if "pages" in values:
        first, _, last = values.pop("pages").replace("—", "–").replace("-", "–").partition("–")
        values.update(first_page=first.strip(), last_page=(last or first).strip())
    known = {k: v for k, v in values.items() if k in Metadata.__dataclass_fields__}
    return replace(base, **known)
