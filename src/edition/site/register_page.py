"""The register of names (/names/): persons, places, organisations, abbreviations.

Each entry lists its forms and every paragraph and note of every article that
mentions it; text/register.py finds the mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edition.site.markup import plain
from edition.site.site import Site
from edition.site.words import Words
from edition.text.register import KINDS, Entry, Mention, Name
from edition.text.register_article import article_register

NAMES_PATH = "names/"


@dataclass(frozen=True)
class Place:
    """One mention, as a link from the register page: `articles/x/#p-3`, "¶ 3"."""

    href: str
    label: str


@dataclass(frozen=True)
class Row:
    name: Name
    printed: tuple[str, ...]
    places: tuple[tuple[str, tuple[Place, ...]], ...]  # (article title, its mentions)


def register_rows(site: Site, t: Words) -> list[Row]:
    """Every name any article mentions, once, with its mentions per article, named in `t`."""
    found: dict[tuple[str, str], list[tuple[object, Entry]]] = {}
    for article in site.articles:
        for entry in article_register(article, site.names):
            found.setdefault((entry.name.kind, entry.name.name), []).append((article, entry))
    rows = []
    for key in sorted(found, key=lambda k: (KINDS.index(k[0]), k[1].casefold())):
        pairs = found[key]
        places = tuple(
            (
                plain(article.title),
                tuple(
                    Place(f"../articles/{article.slug}/#{m.anchor}", mention_label(m, t))
                    for m in entry.mentions
                ),
            )
            for article, entry in pairs
        )
        printed = tuple(dict.fromkeys(p for _, entry in pairs for p in entry.printed))
        rows.append(Row(pairs[0][1].name, printed, places))
    return rows


def mention_label(mention: Mention, t: Words) -> str:
    """How a mention is named for readers: ¶ 3, note 12, bibliography."""
    if mention.target == "p":
        return f"¶ {mention.n}"
    word = t("note_lower", n=mention.n) if mention.target == "note" else t("bibliography_lower")
    return word.text


def names_context(site: Site) -> dict[str, Any]:
    """The register page: entries by kind, then every abbreviation with its name."""
    t = site.words()  # a site-wide page: the edition's language
    rows = register_rows(site, t)
    sections = [
        {
            "kind": kind,
            "title": t(f"register_{kind}"),
            "rows": [r for r in rows if r.name.kind == kind],
        }
        for kind in KINDS
    ]
    abbreviations = sorted(
        (
            (abbr, row)
            for row in rows
            for abbr in row.name.abbreviations
            if not any("\u0400" <= c <= "\u04ff" for c in abbr)
        ),
        key=lambda pair: pair[0].casefold(),
    )
    return {"sections": [s for s in sections if s["rows"]], "abbreviations": abbreviations}
