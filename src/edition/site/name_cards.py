"""Name cards on the article page: a name in the text opens a small card of its entry.

Each name is marked once per paragraph and note, at its first mention there: a
link to its entry on the register page (/names/), so it works without script,
in the tab order at the name's first mark only;
templates/assets/names.js opens the card instead, an HTML popover the page
carries (`_name_cards.html`), one per name the page marks. Marking every mention
would add a link per repeat of `Hoxha` for no new information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from markupsafe import Markup, escape

from edition.model import Article
from edition.site.site import Site
from edition.site.words import Word, Words
from edition.text.register import Entry
from edition.text.register_article import article_register

_TAG = re.compile(r"<[^>]*>")
# A name's forms by what they are, with the interface word of each label; the
# Russian forms are marked as Russian wherever the page's language is.
_FORMS = (
    ("printed", "form_printed", ""),
    ("also", "form_also", ""),
    ("russian", "form_russian", "ru"),
    ("derived", "form_derived", "ru"),
    ("native", "form_native", ""),
    ("abbreviations", "form_abbreviations", ""),
)


@dataclass(frozen=True)
class Card:
    """What a name's card shows: its kind, forms, dates, description and mentions."""

    key: str  # the register entry's id: name-enver-hoxha
    kind: Word  # Person, Place, Organisation
    name: str
    dates: str
    about: str
    forms: tuple[tuple[Word, str, str], ...]  # (label, forms, their language when known)
    paragraphs: int
    notes: int
    entries: int  # bibliography entries
    href: str  # the entry on the register page
    derived: bool  # holds a Russian reading of the rules, not a recorded form
    gathered: bool  # found in the article's text, not in a table of names
    mentions: Word  # `Mentioned in 3 paragraphs and 1 note of this article.`


def mentions(t: Words, paragraphs: int, notes: int, entries: int) -> Word:
    """`Mentioned in 3 paragraphs and 1 note of this article.`, in the page's words."""
    counts = (("count_paragraphs", paragraphs), ("count_notes", notes), ("count_entries", entries))
    parts = [t(key, count=count).text for key, count in counts if count]
    joined = ", ".join(parts[:-1]) + (f" {t('and').text} " if len(parts) > 1 else "") + parts[-1]
    return t("mentioned_in", places=joined)


def card_of(entry: Entry, href: str, t: Words) -> Card:
    """The card of one entry of an article's register."""
    name = entry.name
    values = {"printed": entry.printed, **{f: getattr(name, f) for f, _, _ in _FORMS[1:]}}
    count = {k: sum(1 for m in entry.mentions if m.target == k) for k in ("p", "note", "bib")}
    return Card(
        key=name.key,
        kind=t(f"kind_{name.kind}"),
        name=name.name,
        dates=name.dates,
        about=name.about,
        forms=tuple(
            (t(label), ", ".join(values[field]), lang)
            for field, label, lang in _FORMS
            if values[field]
        ),
        paragraphs=count["p"],
        notes=count["note"],
        entries=count["bib"],
        href=f"{href}#{name.key}",
        derived=bool(name.derived),
        gathered=name.origin == "article",
        mentions=mentions(t, count["p"], count["note"], count["bib"]),
    )


@dataclass(frozen=True)
class ArticleCards:
    """An article's marked names: per block, the forms to mark and their cards."""

    entries: tuple[Entry, ...]
    names_url: str  # the register page, relative to the article page
    t: Words  # the page's words, for the cards

    @cached_property
    def _marks(self) -> dict[tuple[str, int], list[tuple[str, str]]]:
        marks: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for entry in self.entries:
            for m in entry.mentions:
                if m.target != "bib":
                    marks.setdefault((m.target, m.n), []).append((m.printed, entry.name.key))
        return marks

    def mark_all(self, blocks: list[tuple[str, int, str]]) -> tuple[list[Markup], tuple[Card, ...]]:
        """Each (target, n, HTML) block with the first mention of each name linked to
        its card, and the cards of the names linked (a name only in a citation's
        link or in the bibliography has none: nobody could open it)."""
        marked: list[Markup] = []
        keys: set[str] = set()
        for target, n, html in blocks:
            marks = self._marks.get((target, n))
            if marks:
                html, found = mark_names(str(html), marks, self.names_url, keys)
                keys |= found
            marked.append(Markup(html))
        shown = (e for e in self.entries if e.name.key in keys)
        cards = tuple(card_of(e, self.names_url, self.t) for e in shown)
        return marked, cards


def article_cards(article: Article, site: Site, root: str, t: Words) -> ArticleCards:
    """The names of an article's register, ready to mark and to show as cards."""
    return ArticleCards(article_register(article, site.names), f"{root}names/", t)


def mark_names(
    html: str, marks: list[tuple[str, str]], names_url: str, earlier: set[str] = frozenset()
) -> tuple[str, set[str]]:
    """Link the first occurrence of each (printed form, key) in the HTML's text,
    outside links and tags, the longest form first so forms never overlap; and
    the keys linked. A name linked in an `earlier` block is left out of the tab
    order (a keyboard stops once per name, not at every paragraph's `Hoxha`)."""
    pieces: list[str] = []  # tags and texts in order; texts outside links are markable
    markable: list[bool] = []
    depth = 0
    at = 0
    for tag in _TAG.finditer(html):
        pieces.append(html[at : tag.start()])
        markable.append(depth == 0)
        pieces.append(tag.group())
        markable.append(False)
        name = tag.group()[1:3].lower()
        if name == "a " or tag.group().lower() == "<a>":
            depth += 1
        elif tag.group().lower().startswith("</a"):
            depth = max(0, depth - 1)
        at = tag.end()
    pieces.append(html[at:])
    markable.append(depth == 0)
    linked: set[str] = set()
    for printed, key in sorted(marks, key=lambda m: -len(m[0])):
        pattern = _pattern(printed)
        for i, piece in enumerate(pieces):
            found = pattern.search(piece) if markable[i] else None
            if found:
                stop = ' tabindex="-1"' if key in earlier else ""
                link = (
                    f'<a class="name-ref" href="{escape(names_url)}#{key}" '
                    f'data-card="card-{key}"{stop}>{found.group()}</a>'
                )
                # Split the text so the new link is no longer markable text.
                pieces[i : i + 1] = [piece[: found.start()], link, piece[found.end() :]]
                markable[i : i + 1] = [True, False, True]
                linked.add(key)
                break
    return "".join(pieces), linked


@lru_cache(maxsize=8192)  # a name is printed in many blocks and articles: built once
def _pattern(printed: str) -> re.Pattern[str]:
    """The printed form as it stands in rendered HTML: escaped, its apostrophes
    and spaces as the typographer and the line breaks may have made them."""
    words = []
    for word in printed.split():
        words.append("".join("['’]" if c in "'’" else re.escape(str(escape(c))) for c in word))
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
