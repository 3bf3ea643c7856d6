"""Jinja2 environment and one context function per page kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import search
from .config import Config
from .markup import inline, inline_with_links, plain
from .model import Article, Citation, Note

PAGE_BREAK = "\ue003"


@dataclass(frozen=True)
class Page:
    """A page to write: its URL path under the site root ('' = home) and HTML."""

    path: str
    html: str


@dataclass
class Site:
    """Everything the pages need, gathered before the first page is rendered."""

    config: Config
    articles: list[Article]
    # Maps an archival citation to its file page's path under the site root.
    archival_url: Callable[[Citation], str] = lambda c: ""
    extra: dict[str, Any] = field(default_factory=dict)


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: Markup(inline(text))
    env.filters["plain"] = plain
    search.register(env)
    return env


def root_for(path: str) -> str:
    """Relative prefix from a page at `path` ('articles/x/') to the site root."""
    depth = path.strip("/").count("/") + 1 if path.strip("/") else 0
    return "../" * depth


def _paragraph_html(text: str, breaks: list[tuple[int, int]]) -> Markup:
    # Insert page-break sentinels from the end so earlier offsets stay valid.
    for offset, page in sorted(breaks, reverse=True):
        text = text[:offset] + f"{PAGE_BREAK}{page}{PAGE_BREAK}" + text[offset:]
    html = inline(text)
    parts = html.split(PAGE_BREAK)
    out = parts[0]
    for i in range(1, len(parts) - 1, 2):
        page = parts[i]
        out += (
            f'<span class="pb" id="page-{page}" role="separator" '
            f'aria-label="print page break {page}" data-pagefind-ignore></span>' + parts[i + 1]
        )
    return Markup(out)


def note_html(note: Note, site: Site, root: str, article_url: str = "") -> Markup:
    """A note's HTML with each citation linked to its file page or bibliography entry.

    `root` is the relative path to the site root from the page showing the note;
    `article_url` is '' on the article's own page, else the path to it.
    """
    spans = []
    for c in note.citations:
        if c.kind == "archival" and (url := site.archival_url(c)):
            spans.append((c.text, f"{root}{url}", "archival file page"))
        elif c.kind == "bibliographic" and c.bib_key:
            spans.append((c.text, f"{article_url}#bib-{c.bib_key}", "bibliography entry"))
    return Markup(inline_with_links(note.text, spans))


def article_context(article: Article, site: Site) -> dict[str, Any]:
    breaks: dict[int, list[tuple[int, int]]] = {}
    for b in article.page_breaks:
        breaks.setdefault(b.paragraph, []).append((b.offset, b.page))
    cited_in: dict[str, list[int]] = {}
    for note in article.notes:
        for c in note.citations:
            if c.bib_key and note.n not in cited_in.setdefault(c.bib_key, []):
                cited_in[c.bib_key].append(note.n)
    return {
        "article": article,
        "paragraphs": [
            {"n": p.n, "html": _paragraph_html(p.text, breaks.get(p.n, []))}
            for p in article.paragraphs
        ],
        "notes": [
            {"n": n.n, "html": note_html(n, site, root_for(f"articles/{article.slug}/")), "note": n}
            for n in article.notes
        ],
        "bibliography": [
            {"entry": e, "html": Markup(inline(e.original)), "cited_in": cited_in.get(e.key, [])}
            for e in article.bibliography
        ],
    }


def home_context(site: Site) -> dict[str, Any]:
    by_title = {plain(a.title): a for a in site.articles}
    volumes: dict[tuple[str, int], dict[str, Any]] = {}
    for article in sorted(site.articles, key=lambda a: (a.cover.journal, a.cover.volume_number)):
        key = (article.cover.journal, article.cover.volume_number)
        volume = volumes.setdefault(key, {"cover": article.cover, "toc": []})
        volume["toc"] = [
            {"entry": entry, "article": by_title.get(plain(entry.title))}
            for entry in article.cover.toc
        ] or [{"entry": None, "article": article}]
    return {"volumes": list(volumes.values())}


def render_page(env: Environment, template: str, path: str, site: Site, **context: Any) -> Page:
    root = root_for(path)
    html = env.get_template(template).render(
        site=site, config=site.config, root=root, page_path=path, **context
    )
    return Page(path, html)
