"""Context for the archive pages: the finding-aid tree and one page per file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from edition.citations.registry import Registry
from edition.citations.sheets import format_sheets, sheet_anchor
from edition.citations.tree import (
    ArchiveTree,
    UnitNode,
    archive_location,
    csl_manuscript,
    is_file_page,
)
from edition.content.editorial import Reviewed, load_editorial
from edition.errors import Problem
from edition.model import Article, SheetRange
from edition.site.cite_base import article_language
from edition.site.cite_file import file_head, file_ris_path, index_head, unit_head
from edition.site.markup import inline
from edition.site.passage import paragraph_pages
from edition.site.site import Site
from edition.site.words import Words, english

# The longest range whose every sheet gets its own anchor (#list-N) on a file page.
MAX_ANCHORED_RANGE = 200
_SENTENCE_START = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(?:\[\^\d+\])*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class FileEntry:
    """A file as the page of its fond (or archive) lists it for search."""

    anchor: str  # `file-` and the file's path below that page: `file-opis-14/delo-463`
    title: str  # `RGANI, fond 3, opis 14, delo 463`


def file_entries(node: UnitNode, short: str) -> tuple[FileEntry, ...]:
    """The files a unit's page holds for search: every file of a fond; on an archive's
    page, a fond cited alone. Other pages hold none (each file is listed once)."""
    if len(node.path) > 1:
        return ()
    below, stack = [], list(node.children)
    while stack:
        unit = stack.pop()
        if is_file_page(unit):
            below.append(unit)
        elif node.path:  # a fond's page: the files of its opisi too
            stack.extend(unit.children)
    entries = []
    for unit in sorted(below, key=lambda u: u.url):
        title = ", ".join([short, *(f"{level} {number}" for level, number in unit.path)])
        entries.append(FileEntry("file-" + unit.url[len(node.url) :].rstrip("/"), title))
    return tuple(entries)


def supported_sentence(paragraph: str, n: int) -> str:
    """The sentence of a paragraph that ends at note marker `n` (Markdown, markers dropped)."""
    marker = f"[^{n}]"
    end = paragraph.find(marker)
    if end < 0:
        return ""
    before = paragraph[:end]
    starts = [m.end() for m in _SENTENCE_START.finditer(before)]
    sentence = before[starts[-1] if starts else 0 :]
    return re.sub(r"\[\^\d+\]", "", sentence).strip()


def level_label(node: UnitNode, t: Words | None = None) -> str:
    """A unit as the tree names it, "Fond 3": its level's word (level_fond, ...) in `t`."""
    t = t or english()
    if node.level == "archive":
        return node.number
    if f"level_{node.level}" in t:
        return t(f"level_{node.level}", n=node.number).text
    return f"{node.level.title()} {node.number}".strip()


def _sheet_items(sheets: tuple[SheetRange, ...]) -> list[dict[str, Any]]:
    items = []
    for sheet in sheets:
        inner = []
        if not sheet.is_single and sheet.first.isdigit() and sheet.last.isdigit():
            first, last = int(sheet.first), int(sheet.last)
            if 0 < last - first <= MAX_ANCHORED_RANGE:
                inner = [f"list-{i}" for i in range(first + 1, last + 1)]
        label = sheet.first if sheet.is_single else f"{sheet.first}–{sheet.last}"
        items.append({"anchor": sheet_anchor(sheet.first), "label": label, "inner": inner})
    return items


def concerns(problem: Problem, node: UnitNode, slug: str) -> bool:
    """Whether a check warning is about this file: it names the file's number and
    stands at a note citing the file, or names such a note ("... in note 5")."""
    if not node.number or not re.search(rf"\b{re.escape(node.number)}\b", problem.message):
        return False
    refs = [r for r in node.citations if r.article == slug]
    if any(r.line == problem.line for r in refs):
        return True
    return any(re.search(rf"\bnote {r.note}\b", problem.message) for r in refs)


def reviewed_remarks(
    node: UnitNode, articles: dict[str, Article], reviews: dict[str, tuple[Reviewed, ...]]
) -> list[dict[str, str]]:
    """The editors' reviewed remarks on this file: `reviewed:` entries whose warning concerns it."""
    # The citation grammar (0.1 s to load) only where an editor reviewed a warning.
    from edition.citations.grammar import citation_problems

    out: list[dict[str, str]] = []
    for slug in sorted({r.article for r in node.citations}):
        article = articles.get(slug)
        if article is None or not reviews.get(slug):
            continue
        for problem in citation_problems(article.notes, article.source):
            review = next(
                (r for r in reviews[slug] if r.covers(problem.code, problem.message)), None
            )
            if review is not None and concerns(problem, node, slug):
                remark = {"about": problem.message, "reason": review.reason}
                out.append({**remark, "who": review.who, "when": review.when, "article": slug})
    return out


class ArchiveContext:
    """Builds page contexts from the tree; paragraphs are looked up once per article.

    `content` is the content folder: file pages then show the editors' reviewed
    remarks from each citing article's editorial.yaml (keyed already: a file page's
    key holds each citing article's input key, which covers editorial.yaml).
    """

    def __init__(
        self,
        tree: ArchiveTree,
        registry: Registry,
        articles: list[Article],
        content: Path | None = None,
    ) -> None:
        self.tree = tree
        self.registry = registry
        self.articles = {a.slug: a for a in articles}
        self.reviews: dict[str, tuple[Reviewed, ...]] = {}
        self._paragraph_pages: dict[str, dict[int, str]] = {}
        for slug in self.articles if content is not None else ():
            editorial, _ = load_editorial(content / slug)  # its problems: `check` reports them
            self.reviews[slug] = editorial.reviewed if editorial else ()
        self._marker_paragraph: dict[tuple[str, int], tuple[int, str]] = {}
        for article in articles:
            for paragraph in article.paragraphs:
                for match in re.finditer(r"\[\^(\d+)\]", paragraph.text):
                    key = (article.slug, int(match.group(1)))
                    self._marker_paragraph.setdefault(key, (paragraph.n, paragraph.text))

    def _pages(self, slug: str) -> dict[int, str]:
        """Print pages of an article's paragraphs, computed once per article."""
        if slug not in self._paragraph_pages:
            article = self.articles.get(slug)
            self._paragraph_pages[slug] = paragraph_pages(article) if article else {}
        return self._paragraph_pages[slug]

    def breadcrumbs(self, node: UnitNode, t: Words | None = None) -> list[dict[str, str]]:
        crumbs, url = [], "archives/"
        for i, (level, number) in enumerate(((("archive", node.archive),) + node.path)[:-1]):
            if i == 0:
                url += f"{node.archive}/"
                archive = self.registry.get(node.archive)
                crumbs.append({"url": url, "label": archive.short})
            else:
                unit = self.tree.by_url.get(url + self._slug(level, number) + "/")
                url += self._slug(level, number) + "/"
                crumbs.append({"url": url, "label": level_label(unit, t) if unit else number})
        return crumbs

    @staticmethod
    def _slug(level: str, number: str) -> str:
        from edition.citations.tree import level_slug

        return level_slug(level, number)

    def index(self, t: Words | None = None) -> dict[str, Any]:
        return {
            "tree": self.tree,
            "archives": [(node, self.registry.get(node.archive)) for node in self.tree.archives],
            "registry": self.registry,
            "level_label": level_label,
            "head": index_head(self.tree, self.registry, t),
        }

    def unit(self, node: UnitNode, t: Words | None = None) -> dict[str, Any]:
        """A unit's page (its file page's part too), its labels in `t`'s words."""
        archive = self.registry.get(node.archive)
        return {
            "node": node,
            "archive": archive,
            "label": archive.short if node.level == "archive" else level_label(node, t),
            "location": archive_location(archive, node.path) if node.path else "",
            "breadcrumbs": self.breadcrumbs(node, t),
            "level_label": level_label,
            "fond_title": archive.fond_title(dict(node.path).get("fond", "")),
            "head": unit_head(node, self.registry, t),
            # The archive's own catalogue or search, where the registry records one.
            "catalogue": getattr(archive, "catalogue", ""),
            "file_entries": file_entries(node, archive.short),
        }

    def file(self, node: UnitNode, site: Site | None = None) -> dict[str, Any]:
        """A file's page; with the `site`, in the language of the articles citing it."""
        language = file_language(node, self.articles, site) if site is not None else {}
        context = self.unit(node, language.get("t"))
        context.update(language)
        page = context.get("page_language", "")
        citations = []
        for ref in node.citations:
            article = self.articles.get(ref.article)
            lang = article_language(article, site.config) if article and site else ""
            paragraph_n, paragraph = self._marker_paragraph.get((ref.article, ref.note), (0, ""))
            note = next((n for n in article.notes if n.n == ref.note), None) if article else None
            citations.append(
                {
                    "ref": ref,
                    "article": article,
                    "paragraph": paragraph_n,
                    "sentence": Markup(inline(supported_sentence(paragraph, ref.note))),
                    "note_html": Markup(inline(note.text)) if note else "",
                    "sheets": format_sheets(ref.sheets),
                    "sheet_anchors": [sheet_anchor(s.first) for s in ref.sheets],
                    "pages": self._pages(ref.article).get(paragraph_n, ""),
                    # The note's and sentence's language, where it is not the page's.
                    "lang": lang if lang != page else "",
                }
            )
        csl = csl_manuscript(node, self.registry)
        context.update(
            citations=citations,
            sheets=_sheet_items(node.sheets),
            csl_json=json.dumps(csl, ensure_ascii=False, indent=2),
            cite_text=f"{csl['archive']}, {csl['archive_location']}.",
            head=file_head(node, self.registry, self.articles.values(), language.get("t")),
            ris_download=file_ris_path(node).rsplit("/", 1)[1],
            reviewed=reviewed_remarks(node, self.articles, self.reviews),
        )
        return context


def file_language(node: UnitNode, articles: dict[str, Article], site: Site) -> dict[str, Any]:
    """A file page's language and words: its citing articles' one language, else the edition's."""
    citing = [
        articles[slug] for slug in sorted({r.article for r in node.citations}) if slug in articles
    ]
    languages = {article_language(a, site.config) for a in citing}
    lang = languages.pop() if len(languages) == 1 else site.config.language
    texts = (p.text for a in citing for p in a.paragraphs)
    return {"page_language": lang, "t": site.words(lang, texts)}
