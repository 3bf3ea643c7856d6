"""Full-text search: the markup pages carry for Pagefind, and indexing the built site.

Markup contract (what the page templates put where)
---------------------------------------------------
Pagefind 1.5 reads only elements inside `data-pagefind-body`; once one page has
it, pages without it are not indexed (the home, the archive lists, /search/).

Every indexed page
  - `<html lang="en">`, the same language on every page (Pagefind keeps one
    index per language and searches the one of the page the search runs on).
  - `<main data-pagefind-body>` around the content, nav/header/footer outside it.
  - The page's `<h1>` carries `data-pagefind-meta="title"` (the result title).
  - Kind of result, one or more per page, as filters in `<head>`:
    `<meta name="edition-filter-kind" data-pagefind-filter="kind[content]" content="Article text">`
    with the values in KINDS. Archive and fond likewise:
    `<meta data-pagefind-filter="archive[content]" content="RGANI">`,
    `<meta data-pagefind-filter="fond[content]" content="RGANI, fond 3">`
    (the fond names its archive: fond numbers repeat across archives).
  - Chrome inside the body that is not content (backlinks "↩", "Download",
    the popover buttons) gets `data-pagefind-ignore`.

Article page (kinds "Article text", "Note", "Bibliography"; archive and fond
filters for every archive and fond its notes cite)
  - Paragraph: `<p id="p-N">`; note: the element with `id="fn-N"` holds the whole
    note (`<li id="fn-N">`); bibliography entry: `id="bib-KEY"`. The search page
    splits a page's hits into sub-results at these ids (REGION_IDS): note hits
    link to `#fn-N` titled "Note N", paragraph hits to `#p-N`, entries to
    `#bib-KEY`. Other ids (`fnref-N`) are passed over. Pagefind 1.5.2's own
    `sub_results` split only at headings with ids (`data-pagefind-title` is not
    in 1.5.2: measured), so the split is done in static/search.js from the
    `anchors` Pagefind returns.
  - Rendered paragraph and note HTML goes through the `search_annotate` filter
    (`annotate_html`), which puts each word's other spellings in a hidden span
    right after its first occurrence in the block.

Archival file page (kind "Archival file", its archive and fond)
  - The `<h1>` spells the levels out, `RGANI, fond 3, opis 14, delo 463`, so
    `463`, `delo 463` and `fond 3 delo 463` find it; then
    `{{ search_terms(h1_text) }}` from `_search_terms.html` adds дело, фонд, ...
  - Sheets `id="list-N"` are regions too.

Other spellings are never visible: `<span class="search-forms" hidden> ⁅forms⁆ </span>`.
`hidden` keeps them from sight, screen readers, copy and find-in-page; the ⁅ ⁆
marks let static/search.js drop them from excerpts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from edition.errors import BuildError, Problem
from edition.spellings import folded_forms, word_forms, words

__all__ = [
    "KINDS",
    "REGION_IDS",
    "SearchStats",
    "annotate_blocks",
    "annotate_html",
    "folded_forms",
    "forms_span",
    "index_site",
    "Indexing",
    "start_index",
    "pagefind_command",
    "register",
]

KINDS = ("Article text", "Note", "Archival file", "Bibliography")
REGION_IDS = r"^(p-\d+|fn-\d+|bib-.+|list-.+)$"  # mirrored in static/search.js
FORMS_OPEN, FORMS_CLOSE = "\u2045", "\u2046"  # ⁅ ⁆, mirrored in static/search.js

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


def annotate_blocks(fragments: list[str], texts: list[str] | None = None) -> list[Markup]:
    """Annotate a page's blocks in order, giving each word's forms only once per page.

    The forms follow the block where the word first occurs, so a hit on them
    lands in that block; later blocks add nothing for it (a page stays light).
    """
    seen: set[str] = set()
    if texts is None:
        return [annotate_html(fragment, seen) for fragment in fragments]
    return [_annotate_text(f, t, seen) for f, t in zip(fragments, texts, strict=True)]


def _annotate_text(fragment: str, text: str, seen: set[str]) -> Markup:
    """Like annotate_html, reading the words from the block's source text (faster)."""
    return Markup(str(fragment) + str(forms_span(_groups(words(text), seen))))


def _groups(block_words: Iterable[str], seen: set[str]) -> list[str]:
    """'word: form form;' for each word not seen before on the page that has forms.

    Naming the word lets search.js mark the visible word a hidden form stands for.
    """
    groups = []
    for word in dict.fromkeys(block_words):  # a repeat of a word is seen already
        low, group = _group(word)
        if low not in seen:
            seen.add(low)
            if group:
                groups.append(group)
    return groups


@lru_cache(maxsize=65536)
def _group(word: str) -> tuple[str, str]:
    """The word's key on a page and its 'word: form form;' ('' without forms)."""
    found = word_forms(word)
    return word.lower(), f"{word}: {' '.join(found)};" if found else ""


def annotate_html(fragment: str, seen: set[str] | None = None) -> Markup:
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
    groups = _groups(prose, set() if seen is None else seen)
    return Markup(str(fragment) + str(forms_span(groups)))


def register(env) -> None:  # noqa: ANN001 - a jinja2.Environment
    """Make `folded_forms`, `forms_span` and the `search_annotate` filter available."""
    env.globals["folded_forms"] = folded_forms
    env.globals["forms_span"] = forms_span
    env.filters["search_annotate"] = annotate_html


@dataclass(frozen=True)
class SearchStats:
    """What indexing cost and produced."""

    pages: int
    words: int
    seconds: float
    bundle_bytes: int  # everything Pagefind wrote
    index_bytes: int  # what the search page can load: pagefind.js, wasm, index, fragments
    files: int
    version: str


# Pagefind's own UI bundles: written every time, never loaded by our search page.
_UNUSED = re.compile(r"^pagefind-(component-|modular-)?ui\.|^pagefind-highlight\.js$")


def pagefind_command() -> list[str]:
    """The command that runs Pagefind, from the pagefind-bin package or PATH."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        return [str(pagefind_bin.get_executable())]
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return [found]
    raise BuildError(
        [
            Problem(
                "error",
                "pagefind",
                0,
                "Pagefind is not installed, so the site cannot be indexed for search",
                "install it with `pip install pagefind-bin`, or build with --no-search",
                "search-missing",
            )
        ]
    )


def index_site(site_dir: Path, base_url: str = "/", language: str | None = None) -> SearchStats:
    """Run Pagefind over a built site, writing `site_dir/pagefind/`.

    URLs in the index are relative to the site root; the search page prefixes the
    base path it is served under at run time, so `base_url` (checked, not
    stored) never needs baking into the index and the same index works offline.
    """
    return start_index(site_dir, base_url, language).wait()


class Indexing:
    """Pagefind at work on a site, in its own process: `wait()` for its stats.

    Pagefind reads only the HTML pages, and finds them when it starts: once
    every page is written, the build can go on writing the other files (TEI,
    downloads, feeds) while Pagefind indexes.
    """

    def __init__(self, site_dir: Path, command: list[str]) -> None:
        self.site_dir = site_dir
        self.started = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        except OSError as exc:
            _fail(str(site_dir), f"Pagefind could not run: {exc}", "check the pagefind-bin install")

    def cancel(self) -> None:
        """Stop Pagefind (the build failed: its staging folder is being discarded)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()

    def wait(self) -> SearchStats:
        site_dir = self.site_dir
        try:
            log, _ = self.process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            _fail(str(site_dir), f"Pagefind could not run: {exc}", "check the pagefind-bin install")
        seconds = time.perf_counter() - self.started
        pages = _count(log, "page")
        if pages == 0 or "not able to build an index" in log:
            skipped = [line.strip() for line in log.splitlines() if line.strip().startswith("* ")]
            _fail(
                str(site_dir),
                "Pagefind found no page to index" + (f" ({skipped[0][2:]})" if skipped else ""),
                "pages need an <html lang> element and a data-pagefind-body element",
            )
        if self.process.returncode != 0:
            lines = dict.fromkeys(line.strip() for line in log.splitlines() if line.strip())
            tail = " / ".join(list(lines)[-4:])
            _fail(str(site_dir), f"Pagefind failed (exit {self.process.returncode}): {tail}", "")
        bundle = site_dir / "pagefind"
        files = [p for p in bundle.rglob("*") if p.is_file()]
        return SearchStats(
            pages=pages,
            words=_count(log, "word"),
            seconds=round(seconds, 3),
            bundle_bytes=sum(p.stat().st_size for p in files),
            index_bytes=sum(p.stat().st_size for p in files if not _UNUSED.match(p.name)),
            files=len(files),
            version=_version(log),
        )


def start_index(site_dir: Path, base_url: str = "/", language: str | None = None) -> Indexing:
    """Start Pagefind over the pages written so far; see index_site."""
    site_dir = Path(site_dir)
    if not (base_url.startswith("/") or "://" in base_url) or not base_url.endswith("/"):
        _fail(str(site_dir), f"base URL {base_url!r} must start and end with '/'", "e.g. /repo/")
    if not site_dir.is_dir():
        _fail(str(site_dir), "the built site is not there", "build the site before indexing it")
    command = [*pagefind_command(), "--site", str(site_dir)]
    if language:
        command += ["--force-language", language]
    return Indexing(site_dir, command)


def _count(log: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}s?\b", log)
    return int(found.group(1)) if found else 0


def _version(log: str) -> str:
    found = re.search(r"Running Pagefind v(\S+)", log)
    return found.group(1) if found else ""


def _fail(path: str, message: str, hint: str) -> None:
    raise BuildError([Problem("error", path, 0, message, hint, "search-index")])


if __name__ == "__main__":  # python -m edition.search SITE_DIR: index a built site
    print(index_site(Path(sys.argv[1])))
