"""Full-text search: the markup pages carry for Pagefind (build/pagefind.py runs it).

Markup contract (what the page templates put where)
---------------------------------------------------
Pagefind 1.5 reads only elements inside `data-pagefind-body`; once one page has
it, pages without it are not indexed (the archive lists, file pages, /search/).

Every indexed page
  - `<html lang="en">`, the same language on every page (Pagefind keeps one
    index per language and searches the one of the page the search runs on).
  - `<main data-pagefind-body>` around the content, nav/header/footer outside it.
  - The page's `<h1>` carries `data-pagefind-meta="title"` (the result title).
  - Kind of result, one or more per page, as filters in `<head>`:
    `<meta name="edition-filter-kind" data-pagefind-filter="kind[content]" content="Article text">`
    with the values in KINDS (`search_kinds(page)` in a template gives a page
    kind's). Archive and fond likewise:
    `<meta data-pagefind-filter="archive[content]" content="RGANI">`,
    `<meta data-pagefind-filter="fond[content]" content="RGANI, fond 3">`
    (the fond names its archive: fond numbers repeat across archives).
  - Chrome inside the body that is not content (backlinks "↩", "Download",
    the popover buttons) gets `data-pagefind-ignore`.

Article page (kinds "Article text", "Note", "Editorial note", "Bibliography"; archive and fond
filters for every archive and fond its notes cite)
  - Paragraph: `<p id="p-N">`; note: the element with `id="fn-N"` holds the whole
    note (`<li id="fn-N">`); bibliography entry: `id="bib-KEY"`. The search page
    splits a page's hits into sub-results at these ids (KINDS): note hits
    link to `#fn-N` titled "Note N", paragraph hits to `#p-N`, entries to
    `#bib-KEY`; the apparatus heading `id="apparatus-h"` starts the "Editorial
    note" region. Other headings' ids (`notes-h`, `cite-h`) end a region; other
    ids (`fnref-N`) are passed over. KINDS says which id starts which kind's
    region and how it is titled; the search page reads it from `data-kinds`. Pagefind 1.5.2's own
    `sub_results` split only at headings with ids (`data-pagefind-title` is not
    in 1.5.2: measured), so the split is done in templates/assets/search.js from the
    `anchors` Pagefind returns.
  - Rendered paragraph and note HTML goes through the `search_annotate` filter
    (`annotate_html`), which puts each word's other spellings in a hidden span
    right after its first occurrence in the block.

Archive and fond pages (kind "Archival file", the archive and fond) hold the files
  - Archival file pages are not indexed (a page each cost Pagefind more than its
    words: docs/benchmarks.md); the notes citing a file are indexed on their
    article page. Each file is an entry on the page of its fond (a fond cited
    alone: of its archive), found by its reference:
    `<p id="file-opis-14/delo-463">RGANI, fond 3, opis 14, delo 463</p>`, so `463`,
    `delo 463` and `fond 3 delo 463` find it, then `{{ search_terms(...) }}` adds
    дело, фонд, ... The id is `file-` and the file's path below the page: the
    search page links the entry to that page (Kind.page), not to an anchor.
  - Only the pages INDEXED names are given to Pagefind: it reads no other page.

Other spellings are never visible: `<span class="search-forms" hidden> ⁅forms⁆ </span>`.
`hidden` keeps them from sight, screen readers, copy and find-in-page; the ⁅ ⁆
marks let templates/assets/search.js drop them from excerpts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from markupsafe import Markup, escape

from edition.site.words import Words, english
from edition.text.register import NameTable, find_mentions
from edition.text.register_forms import known_forms
from edition.text.spellings import (
    NO_KNOWN,
    Known,
    default_rules,
    folded_forms,
    to_latin,
    word_forms,
    words,
)


@dataclass(frozen=True)
class Kind:
    """A kind of result: its name (shown, and the `kind` filter's value), the ids that
    start its regions on a page (`{}` in the title is the id's first group, `{text}`
    the anchor's text), the page kinds that carry it, and where a region links to."""

    name: str
    region: str
    title: str
    pages: tuple[str, ...]
    key: str  # its words in templates/interface.yaml: search_kind_KEY, and a title's
    title_key: str = ""  # the title's word, when the title is not the name's or {text}
    page: str = ""  # a region that stands for a page below this one: its path, `{}/`


# The one list of result kinds: templates, the search page and its script read it.
KINDS = (
    Kind("Article text", r"^p-(\d+)$", "Paragraph {}", ("article",), "article_text", "paragraph"),
    Kind("Note", r"^fn-(\d+)$", "Note {}", ("article",), "note", "note"),
    Kind("Editorial note", r"^(apparatus-h)$", "Editorial note", ("article",), "editorial_note"),
    Kind("Bibliography", r"^bib-(?!h$)(.+)$", "Bibliography", ("article",), "bibliography"),
    Kind("Archival file", r"^file-(.+)$", "{text}", ("unit",), "archival_file", page="{}/"),
    Kind("Name", r"^(name-.+)$", "{text}", ("names",), "name"),
)
REGION_END = r"-h$"  # a heading's id (notes-h, cite-h) ends the region before it
# The pages Pagefind is given (paths from the site root, `*` one folder): the home,
# the register, the articles, the archive and fond pages with their files' entries.
# It reads no other page, so the 4,000 file pages of 200 articles cost it nothing.
INDEXED = (
    "index.html",
    "names/index.html",
    "articles/*/index.html",
    "archives/*/index.html",
    "archives/*/*/index.html",
)
FORMS_OPEN, FORMS_CLOSE = "\u2045", "\u2046"  # ⁅ ⁆, mirrored in templates/assets/search-words.js


def site_known(names: NameTable, registry) -> Known:  # noqa: ANN001 - a Registry or None
    """The forms search knows for an edition: its table of names and its archives'
    short names in both scripts (RGANI / РГАНИ)."""
    known = known_forms(names)
    forms = dict(known.forms)
    for archive in registry.archives if registry is not None else ():
        group = [n.lower() for n in (archive.short, archive.short_cyrillic) if n]
        for word in group:
            if " " not in word:
                others = [w for w in group if w != word and " " not in w]
                forms[word] = tuple(dict.fromkeys([*forms.get(word, ()), *others]))
    return Known(forms)


def search_kinds(page: str = "") -> list[str]:
    """The kinds' names, or those a page kind ("article", "unit", "names") carries."""
    return [k.name for k in KINDS if not page or page in k.pages]


def is_indexed(path: str) -> bool:
    """Whether Pagefind is given this page (a path from the site root): INDEXED."""
    parts = path.split("/")
    return any(
        len(parts) == len(glob) and all(fnmatchcase(p, g) for p, g in zip(parts, glob, strict=True))
        for glob in (pattern.split("/") for pattern in INDEXED)
    )


def indexed_glob() -> str:
    """INDEXED as one Pagefind --glob."""
    return "{" + ",".join(INDEXED) + "}"


def kinds_json(t: Words | None = None) -> str:
    """KINDS for the search page's `data-kinds` attribute; `label` and `title` in `t`'s words.

    The name stays the `kind` filter's value, the same in every language.
    """
    t = t or english()
    fields = []
    for k in KINDS:
        label = t(f"search_kind_{k.key}").text
        shown = {"label": label} if label != k.name else {}  # the name shows itself
        fields.append(
            {
                "name": k.name,
                **shown,
                "region": k.region,
                "title": _title(k, t),
                **({"page": k.page} if k.page else {}),
            }
        )
    return json.dumps({"kinds": fields, "end": REGION_END}, ensure_ascii=False)


def _title(kind: Kind, t: Words) -> str:
    if kind.title_key:
        return t(f"search_title_{kind.title_key}", n="{}").text
    return t(f"search_kind_{kind.key}").text if kind.title == kind.name else kind.title


def citation_terms(registry) -> str:  # noqa: ANN001 - a citations.registry.Registry or None
    """What the search page needs to read a query as an archival reference, as JSON.

    Each abbreviation (lowercase, without its full stop) maps to the levels it may
    stand for (`f.` is a fond in one style, a delo in another), and each archive
    name to its slug; `levels` is the hierarchy's order, sheets last.
    """
    if registry is None:
        return json.dumps({"levels": [], "labels": {}, "archives": {}})
    labels: dict[str, list[str]] = {}

    def add(label: str, level: str) -> None:
        key = label.lower().rstrip(".").strip()
        if key and level not in labels.setdefault(key, []):
            labels[key].append(level)

    levels = [*registry.all_levels, "list"]
    for level in levels:
        add(level, level)
        for form in word_forms(level):
            add(form, level)
    for table in registry.all_styles.values():
        for label, level in table.items():
            add(label, level)
    archives = {
        name.lower(): archive.slug for archive in registry.archives for name in archive.names
    }
    data = {"levels": levels, "labels": labels, "archives": archives}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


# Text of an HTML fragment: tags, entities and words, in order.
_HTML_TOKEN = re.compile(r"(<[^>]*>)|(&#?\w+;)|([^\W\d_]+)")
_RAW_TEXT = re.compile(r"<(script|style|textarea|title)\b", re.I)
_RAW_END = re.compile(r"</(script|style|textarea|title)\b", re.I)


def forms_span(forms: list[str] | tuple[str, ...]) -> Markup:
    """The hidden span holding other spellings; empty when there are none."""
    if not forms:
        return Markup("")
    inner = escape(" ".join(forms))
    return Markup(f'<span class="search-forms" hidden> {FORMS_OPEN}{inner}{FORMS_CLOSE} </span>')


def annotate_blocks(
    fragments: list[str],
    texts: list[str] | None = None,
    known: Known = NO_KNOWN,
    names: NameTable | None = None,
) -> list[Markup]:
    """Annotate a page's blocks in order, giving each word's forms only once per page.

    The forms follow the block where the word first occurs, so a hit on them
    lands in that block; later blocks add nothing for it (a page stays light).
    With `names` (and `texts`), the block where a name of the table is first
    mentioned also carries the name's whole forms (Союз коммунистов Югославии,
    СКЮ for League of Communists of Yugoslavia) as an `@word:` group: a hit on
    them stands for that mention only.
    """
    seen: set[str] = set()
    if texts is None:
        return [annotate_html(fragment, seen, known) for fragment in fragments]
    entries = _entry_groups(texts, names, known) if names is not None else {}
    return [
        _annotate_text(f, t, seen, known, entries.get(i, []))
        for i, (f, t) in enumerate(zip(fragments, texts, strict=True))
    ]


def _entry_groups(texts: list[str], names: NameTable, known: Known) -> dict[int, list[str]]:
    """For the block of each name's first mention, '@word: its forms;' groups (the
    forms its words do not already have)."""
    groups: dict[int, list[str]] = {}
    in_block: dict[int, set[str]] = {}  # a block's words and their forms, read once
    for name, where in find_mentions(texts, names):
        first, printed = where[0]
        if (present := in_block.get(first)) is None:
            block = words(texts[first])
            present = {w.lower() for w in block}
            present |= {f for w in block for f in word_forms(w, known=known)}
            in_block[first] = present
        forms = [w.lower() for form in name.forms for w in words(form)]
        # Russian words written out in every system too; an abbreviation is spelt, not
        # transliterated (США is not "ssha").
        forms += [
            to_latin(w.lower(), system)
            for form in name.russian
            for w in words(form)
            if not w.isupper()
            for system in default_rules().systems
        ]
        stop = default_rules().stopwords
        forms = [
            f for f in dict.fromkeys(forms) if f not in present and f not in stop and len(f) > 2
        ]
        key = words(printed)[-1] if words(printed) else ""
        if forms and key:
            groups.setdefault(first, []).append(f"@{key}: {' '.join(forms)};")
    return groups


def _annotate_text(
    fragment: str, text: str, seen: set[str], known: Known, extra: list[str] = ()
) -> Markup:
    """Like annotate_html, reading the words from the block's source text (faster)."""
    groups = _groups(words(text), seen, known) + list(extra)
    return Markup(str(fragment) + str(forms_span(groups)))


def _groups(block_words: Iterable[str], seen: set[str], known: Known = NO_KNOWN) -> list[str]:
    """'word: form form;' for each word not seen before on the page that has forms.

    Naming the word lets search.js mark the visible word a hidden form stands for.
    """
    groups = []
    for word in dict.fromkeys(block_words):  # a repeat of a word is seen already
        low, group = _group(word, known)
        if low not in seen:
            seen.add(low)
            if group:
                groups.append(group)
    return groups


@lru_cache(maxsize=65536)
def _group(word: str, known: Known = NO_KNOWN) -> tuple[str, str]:
    """The word's key on a page and its 'word: form form;' ('' without forms)."""
    found = word_forms(word, known=known)
    return word.lower(), f"{word}: {' '.join(found)};" if found else ""


def annotate_html(fragment: str, seen: set[str] | None = None, known: Known = NO_KNOWN) -> Markup:
    """Append the other spellings of the fragment's words in one hidden span at its end.

    One span per block (paragraph, note, entry) keeps a hit in the right
    region at a fraction of the bytes of a span per word. Only text between
    tags is read; tags, entities and raw-text elements (script, style) are not.
    """
    if 'class="search-forms"' in fragment:  # annotated already
        return Markup(fragment)
    prose: list[str] = []
    raw_depth = 0
    for match in _HTML_TOKEN.finditer(fragment):
        tag, _entity, word = match.groups()
        if tag:
            if _RAW_TEXT.match(tag):
                raw_depth += 1
            elif _RAW_END.match(tag):
                raw_depth = max(0, raw_depth - 1)
        elif word and not raw_depth:
            prose.append(word)
    groups = _groups(prose, set() if seen is None else seen, known)
    return Markup(str(fragment) + str(forms_span(groups)))


def register(env) -> None:  # noqa: ANN001 - a jinja2.Environment
    """Make the search markup's functions and the `search_annotate` filter available."""
    env.globals["folded_forms"] = folded_forms
    env.globals["forms_span"] = forms_span
    env.globals["search_kinds"] = search_kinds
    env.globals["result_kinds"] = lambda: KINDS
    env.globals["search_kinds_json"] = kinds_json
    env.globals["citation_terms"] = citation_terms
    env.filters["search_annotate"] = annotate_html
