"""Jinja2 environment and one context function per page kind."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from edition.model import Article, Emendation, Note
from edition.site import cite, cite_article, name_cards
from edition.site import search_markup as search
from edition.site.cite_base import article_language
from edition.site.markup import inline, inline_with_links, plain, unmarked
from edition.site.passage import (
    PageLabel,
    article_pages,
    citation_formats,
    first_page,
    note_pages,
    page_labels,
    paragraph_pages,
    short_reference,
    word_boundary,
)
from edition.site.site import Site
from edition.site.words import Words, english

PAGE_BREAK = "\ue003"


@dataclass(frozen=True)
class Page:
    """A page to write: its URL path under the site root ('' = home) and HTML."""

    path: str
    html: str


# Options that change how templates compile (build/jinja_cache.py keys by them).
TEMPLATE_OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
AUTOESCAPE = ("html", "xml")


# The templates and assets that ship with the package.
PACKAGED = Path(__file__).resolve().parent.parent / "templates"


def template_folders(overrides: Path) -> list[Path]:
    """Where templates are looked up, first match wins: the edition's, then the package's."""
    return [overrides, PACKAGED] if overrides.is_dir() and overrides != PACKAGED else [PACKAGED]


def environment(templates: Path, bytecode: BytecodeCache | None = None) -> Environment:
    """The Jinja2 environment: `templates` overrides the packaged templates one by one.

    `edition/NAME` always names the packaged template, so an override can
    extend the one it replaces (`{% extends "edition/article.html" %}`).
    """
    folders = [str(folder) for folder in template_folders(templates)]
    loader = ChoiceLoader(
        [PrefixLoader({"edition": FileSystemLoader(str(PACKAGED))}), FileSystemLoader(folders)]
    )
    env = Environment(
        loader=loader,
        bytecode_cache=bytecode,
        autoescape=select_autoescape(AUTOESCAPE, default=True),
        undefined=StrictUndefined,
        # An environment lives for one build: no template changes under it, so no
        # stat of every template on every page (auto_reload's check).
        auto_reload=False,
        **TEMPLATE_OPTIONS,
    )
    env.filters["md"] = lambda text: Markup(inline(text))
    env.filters["plain"] = plain
    env.globals["t"] = english()  # a template rendered without a page's words: English
    search.register(env)
    return env


def root_for(path: str) -> str:
    """Relative prefix from a page at `path` ('articles/x/') to the site root."""
    depth = path.strip("/").count("/") + 1 if path.strip("/") else 0
    return "../" * depth


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def mark_emendations(
    html: str, text: str, emendations: Sequence[Emendation], t: Words | None = None
) -> str:
    """Wrap each emendation's corrected words in `html` with the original and the reason.

    `text` is the corrected Markdown; an emendation is found in the HTML as the
    same occurrence of its correction (counted outside tags) as in the text.
    """
    printed = (t or english())("printed_as")
    for e in emendations:
        nth = text[: e.offset].count(e.corr)
        title = f"{e.reason} ({printed.text}: {e.sic}; {e.who}, {e.when})"
        corr = str(escape(e.corr))
        parts = _TAG_OR_TEXT.split(html)
        seen = 0
        for i, part in enumerate(parts):
            if part.startswith("<"):
                continue
            count = part.count(corr)
            if seen + count > nth:
                at = -1
                for _ in range(nth - seen + 1):
                    at = part.index(corr, at + 1)
                # The corrected reading first, the printed one after it and marked,
                # so copied text reads "R. O. [printed: O. R.]", not both run together.
                span = (
                    f'<span class="emendation" id="em-{e.anchor}-{e.line}" title="{escape(title)}">'
                    f'<ins class="corr">{corr}</ins><span class="sic" data-pagefind-ignore> '
                    f"[{escape(printed)}: <del>{escape(e.sic)}</del>]</span></span>"
                )
                parts[i] = part[:at] + span + part[at + len(corr) :]
                break
            seen += count
        html = "".join(parts)
    return html


def _page_marker(k: int, label: PageLabel, t: Words) -> str:
    """A visible '[p. 352]' (in the margin on wide screens), read whole by screen readers."""
    said = t("page_counted")
    counted = f'<span class="visually-hidden"{said.attrs}> {escape(said.text)}</span>'
    counted = counted if label.counted else ""
    cls = "pb counted" if label.counted else "pb"
    return (
        f'<span class="{cls}" id="page-{k}" '
        f'data-pagefind-ignore><span class="pb-n">[p.&#160;{escape(label.label)}{counted}]'
        "</span></span>"
    )


_NOTE_REF_DESCRIBED = re.compile(r'aria-describedby="fn-(\d+)"')


def _name_markers(html: str, t: Words) -> str:
    """Markers are named "Note 21" and described by the note's text, not by its backlink."""

    def named(match: re.Match[str]) -> str:
        n = match.group(1)
        word = t("note_n", n=n)
        return f'aria-label="{escape(word.text)}"{word.attrs} aria-describedby="fnt-{n}"'

    return _NOTE_REF_DESCRIBED.sub(named, html)


def _paragraph_html(
    text: str,
    breaks: list[tuple[int, int]],
    emendations: Sequence[Emendation] = (),
    labels: dict[int, PageLabel] | None = None,
    t: Words | None = None,
) -> Markup:
    t = t or english()
    text = unmarked(text)  # no input may forge a marker; one character for one
    corrected = text
    # A break inside a word is shown after the word; sentinels go in from the end
    # so earlier offsets stay valid.
    for offset, page in sorted(breaks, reverse=True):
        at, _ = word_boundary(corrected, offset)
        text = text[:at] + f"{PAGE_BREAK}{page}{PAGE_BREAK}" + text[at:]
    html = inline(text)
    parts = html.split(PAGE_BREAK)
    out = parts[0]
    for i in range(1, len(parts) - 1, 2):
        k = int(parts[i])
        label = (labels or {}).get(k) or PageLabel(str(k + 1), counted=True)
        out += _page_marker(k, label, t) + parts[i + 1]
    return Markup(_name_markers(mark_emendations(out, corrected, emendations, t), t))


def note_html(
    note: Note,
    site: Site,
    root: str,
    article_url: str = "",
    emendations: Sequence[Emendation] = (),
    t: Words | None = None,
) -> Markup:
    """A note's HTML with each citation linked to its file page or bibliography entry.

    `root` is the relative path to the site root from the page showing the note;
    `article_url` is '' on the article's own page, else the path to it.
    """
    t = t or english()
    spans = []
    for c in note.citations:
        if c.kind == "archival" and (url := site.archival_url(c)):
            spans.append((c.text, f"{root}{url}", t("link_file_page").text))
        elif c.kind == "bibliographic" and c.bib_key:
            spans.append((c.text, f"{article_url}#bib-{c.bib_key}", t("link_bib_entry").text))
    html = inline_with_links(note.text, spans)
    return Markup(mark_emendations(html, note.text, emendations, t))


def article_context(article: Article, site: Site) -> dict[str, Any]:
    breaks: dict[int, list[tuple[int, int]]] = {}
    for b in article.page_breaks:
        breaks.setdefault(b.paragraph, []).append((b.offset, b.page))
    cited_in: dict[str, list[int]] = {}
    for note in article.notes:
        for c in note.citations:
            if c.bib_key and note.n not in cited_in.setdefault(c.bib_key, []):
                cited_in[c.bib_key].append(note.n)
    url = cite.article_url(site.config, article.slug)
    emended = article.emendations

    def marks(target: str, at: object) -> list[Emendation]:
        return [e for e in emended if e.target == target and e.at == str(at)]

    labels, pages, at_note = page_labels(article), paragraph_pages(article), note_pages(article)
    language = article_language(article, site.config)
    t = site.words(language, (p.text for p in article.paragraphs))
    context = {
        "t": t,
        "article": article,
        "search_filters": search_filters(article, site),
        "first_page": first_page(article),
        "paragraphs": [
            {
                "n": p.n,
                "pages": pages.get(p.n, ""),
                "level": p.level,
                "html": _paragraph_html(p.text, breaks.get(p.n, []), marks("p", p.n), labels, t),
            }
            for p in article.paragraphs
        ],
        "notes": [
            {
                "n": n.n,
                "html": note_html(
                    n, site, root_for(f"articles/{article.slug}/"), "", marks("note", n.n), t
                ),
                "note": n,
                "page": at_note.get(n.n, ""),
            }
            for n in article.notes
        ],
        "bibliography": [
            {
                "entry": e,
                "html": Markup(
                    mark_emendations(inline(e.original), e.original, marks("bib", e.key), t)
                ),
                "cited_in": cited_in.get(e.key, []),
            }
            for e in article.bibliography
        ],
        "cite": {
            "url": url,
            "short": short_reference(article),
            "downloads": downloads(article, t),
            "pages": article_pages(article),
            "formats": citation_formats(article, url, site.config.title),
        },
        "first_marker": Markup(_page_marker(0, first_page(article), t)),
        "head": cite_article.article_head(article, site.config),
        "page_language": language,
        "apparatus": [{"e": e, "place": _place(e, article, t)} for e in emended],
    }
    # Names in the text open their card (site/name_cards.py): marked before the
    # search forms are added, so only the printed text is read.
    cards = name_cards.article_cards(article, site, root_for(f"articles/{article.slug}/"), t)
    named = [("p", b) for b in context["paragraphs"] if not b["level"]]
    named += [("note", b) for b in context["notes"]]
    marked, context["name_cards"] = cards.mark_all([(t, b["n"], b["html"]) for t, b in named])
    for (_, block), html in zip(named, marked, strict=True):
        block["html"] = html
    # Other spellings for search, each word's once per page, after its first block.
    blocks = context["paragraphs"] + context["notes"] + context["bibliography"]
    texts = (
        [p.text for p in article.paragraphs]
        + [n.text for n in article.notes]
        + [e.original for e in article.bibliography]
    )
    annotated = search.annotate_blocks(
        [b["html"] for b in blocks], texts, site.known, site.names
    )
    for block, html in zip(blocks, annotated, strict=True):
        block["html"] = html
    return context


def downloads(article: Article, t: Words | None = None) -> list[dict[str, object]]:
    """The files for researchers beside the page (build/outputs.py writes them), with labels."""
    t, slug = t or english(), article.slug
    files = [
        (f"{slug}.tei.xml", t("download_tei"), t("download_tei_about")),
        ("article.yaml", t("download_yaml"), t("download_yaml_about")),
        ("references.bib", t("download_bib"), t("download_bib_about")),
    ]
    files += [
        (path.rsplit("/", 1)[1], t("download_citation", format=kind), t("download_citation_about"))
        for path, kind in zip(
            cite.download_paths(article), ("BibTeX", "RIS", "CSL-JSON"), strict=True
        )
    ]
    return [{"href": href, "label": label, "about": about} for href, label, about in files]


def _place(e: Emendation, article: Article, t: Words) -> object:
    """Where an emendation stands, for readers: a bibliography entry by its words, not its key."""
    if e.target != "bib":
        return t("place_paragraph" if e.target == "p" else "place_note", n=e.at)
    entry = next((b for b in article.bibliography if b.key == e.at), None)
    words = " ".join(plain(entry.original).split()) if entry else ""
    words = f"{words[:40].rstrip()}…" if len(words) > 40 else words
    return t("place_bibliography", words=words)


def search_filters(article: Article, site: Site) -> dict[str, list[str]]:
    """The archives and fonds an article's notes cite, as Pagefind filter values."""
    registry = site.registry
    archives, fonds = set(), set()
    for note in article.notes:
        for c in note.citations:
            if c.kind != "archival" or not c.archive:
                continue
            entry = registry.get(c.archive) if registry else None
            short = entry.short if entry else c.archive
            archives.add(short)
            if fond := c.level("fond"):
                fonds.add(f"{short}, fond {fond}")
    return {"archives": sorted(archives), "fonds": sorted(fonds)}


def home_context(site: Site) -> dict[str, Any]:
    """Volumes, each with the articles edited here first, then its table of contents."""
    by_title = {plain(a.title): a for a in site.articles}
    grouped: dict[tuple[str, int], list[Article]] = {}
    for article in site.articles:
        key = (article.cover.journal, article.cover.volume_number)
        grouped.setdefault(key, []).append(article)
    volumes = []
    for key in sorted(grouped):
        articles = grouped[key]
        toc_entries = max((a.cover.toc for a in articles), key=len)
        toc = [{"entry": e, "article": by_title.get(plain(e.title))} for e in toc_entries]
        listed = {item["article"].slug for item in toc if item["article"]}
        # An article missing from the printed contents is still listed.
        toc += [{"entry": None, "article": a} for a in articles if a.slug not in listed]
        linked = sum(1 for item in toc if item["article"])
        volumes.append(
            {"cover": articles[0].cover, "toc": toc, "linked": linked, "articles": articles}
        )
    return {"volumes": volumes}


def render_page(env: Environment, template: str, path: str, site: Site, **context: Any) -> Page:
    """A page; its words (`t`) are the edition's language's unless the context gives them."""
    root = root_for(path)
    context.setdefault("t", site.words())
    html = env.get_template(template).render(
        site=site, config=site.config, root=root, page_path=path, **context
    )
    return Page(path, html)
