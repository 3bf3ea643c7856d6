"""Quick rebuilds: when only some articles changed, remake only the pages that show them.

Every build saves the state of the site it made (.edition-cache/state.json, JSON lines):
per article, the key of its inputs, of its front matter (what the home page
and the feed show), of its place in the archive tree (the units it cites and
how often), the file pages it appears on, its rows of citations.json and its
warnings. The next build compares. When the code, templates, config and
registry are the same, no article came or went, and every changed article
kept its front matter and its place in the tree, every page that does not
show a changed article is exactly what the live site has. Then only the
changed articles' pages and downloads, the file pages citing them, and
citations.json are made; the rest is carried over from the live site.
Otherwise, or with no state, the build is a full one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from edition.build.cache import Cache, digest
from edition.build.gather import article_paths, input_key, load_one, summary
from edition.build.imports import load_registry
from edition.citations import tree as archives
from edition.citations.registry import Registry
from edition.citations.tree import Unit
from edition.config import Config
from edition.errors import Problem, Problems
from edition.model import Article
from edition.site.site import Site, make_site

STATE_FILE = "state.json"
VERSION = 2  # 1: one JSON object, the rows escaped in it


@dataclass(frozen=True)
class ArticleState:
    """What the site shows of one article, as far as other pages depend on it."""

    input: str
    summary: str
    outline: str  # the units it cites and how often: its part of the tree pages
    files: tuple[str, ...]  # the file pages it appears on
    rows: str  # its rows of citations.json, one JSON object a line
    warnings: tuple[Problem, ...]


def article_state(
    article: Article,
    units: list[Unit],
    registry: Registry,
    warnings: list[Problem],
    file_pages: set[str] | tuple[str, ...],
) -> ArticleState:
    counts = Counter(archives.path_url(slug, path) for slug, path, _ in units)
    rows = archives.unit_rows(units, registry)
    return ArticleState(
        input=article.input_key,
        summary=summary(article),
        outline=digest(*(f"{url} {n}" for url, n in sorted(counts.items()))),
        files=tuple(url for url in sorted(counts) if url in file_pages),
        rows=",\n".join(json.dumps(row, ensure_ascii=False) for row in rows),
        warnings=tuple(p for p in warnings if p.severity == "warning"),
    )


def states_of(site: Site, found: dict[str, list[Problem]]) -> dict[str, ArticleState]:
    """The state of every article of a fully gathered site, with its own problems."""
    tree, registry, units = site.tree, site.registry, site.units
    if tree is None or registry is None:
        return {}
    file_pages = {node.url for node in tree.walk() if archives.is_file_page(node)}
    return {
        a.slug: article_state(a, units[a.slug], registry, found.get(a.slug, []), file_pages)
        for a in site.articles
    }


@dataclass
class QuickPlan:
    """A rebuild of the changed articles: the site holds them and their file pages' others."""

    site: Site
    changed: list[Article]
    files: list[str]  # file pages to make
    states: dict[str, ArticleState]  # of every article, after this build
    problems: Problems


def quick_plan(config: Config, cache: Cache, base: str, live: str) -> QuickPlan | None:
    """The quick rebuild of what changed since the live site, or None for a full build.

    `live` is the hash of the live site's manifest: the files carried over are those
    it lists, so it must be the one the state was saved with.
    """
    saved = load_state(cache)
    if saved is None or saved[0] != digest(base, live):
        return None
    states = saved[1]
    paths = {path.parent.name: path for path in article_paths(config)}
    if paths.keys() != states.keys():
        return None
    changed = [slug for slug, path in paths.items() if input_key(cache, path) != states[slug].input]
    problems = Problems()
    registry = load_registry(config, problems)
    if registry is None:
        return None
    loaded: dict[str, Article] = {}
    found: dict[str, list[Problem]] = {}
    for slug in changed:
        own = Problems()
        article = load_one(config, paths[slug], cache, own)
        found[slug] = own.items
        if article is None or own.errors:
            problems.extend(own)
            return QuickPlan(Site(config, []), [], [], states, problems)
        old = states[slug]
        units = archives.article_units(article, registry)
        new = article_state(article, units, registry, own.items, old.files)
        if (new.summary, new.outline) != (old.summary, old.outline):
            return None  # the home page, the feed or the tree pages change: build it all
        states[slug], loaded[slug] = new, article
    for slug in sorted(paths):  # in the order a full build reports them
        problems.items.extend(found.get(slug, states[slug].warnings))
    citing: dict[str, set[str]] = defaultdict(set)
    for slug, state in states.items():
        for url in state.files:
            citing[url].add(slug)
    files = sorted({url for slug in changed for url in states[slug].files})
    for slug in sorted(set().union(*(citing[url] for url in files)) - set(changed)):
        article = load_one(config, paths[slug], cache, Problems())  # its problems are known
        if article is None:
            return None
        loaded[slug] = article
    site = make_site(config, [loaded[slug] for slug in sorted(loaded)], registry)
    if site.tree is None or any(url not in site.tree.by_url for url in files):
        return None  # the state does not match the articles
    changed_articles = [loaded[slug] for slug in changed]
    return QuickPlan(site, changed_articles, files, states, problems)


# --- the state file ---------------------------------------------------------------------
#
# One line of JSON for the build ({"version", "base"}), then one line an article, in slug
# order: a JSON array [slug, input, summary, outline, files, warnings], a tab, and its rows
# as they are, their line breaks written as tabs. JSON writes neither a tab nor a line
# break raw, so both are separators; the rows (most of the bytes: 8 MB at 1,000 articles)
# are copied, never parsed or escaped again.


def save_state(cache: Cache, base: str, states: dict[str, ArticleState]) -> None:
    if cache.folder is None:
        return
    lines = [json.dumps({"version": VERSION, "base": base})]
    for slug, s in sorted(states.items()):
        warnings = [asdict(p) for p in s.warnings]
        meta = [slug, s.input, s.summary, s.outline, s.files, warnings]
        lines.append(json.dumps(meta, ensure_ascii=False) + "\t" + s.rows.replace("\n", "\t"))
    cache.put_file(STATE_FILE, "\n".join(lines).encode("utf-8"))


def load_state(cache: Cache) -> tuple[str, dict[str, ArticleState]] | None:
    """The saved state, or None when there is none or it is not as this code writes it."""
    data = cache.get_file(STATE_FILE)
    try:
        lines = data.decode("utf-8").split("\n") if data else []
        head: Any = json.loads(lines[0]) if lines else None
        if not isinstance(head, dict) or head.get("version") != VERSION:
            return None
        base = head["base"]
        articles = {}
        for line in lines[1:]:
            meta, rows = line.split("\t", 1)
            slug, input_, summary_, outline, files, warnings = json.loads(meta)
            files = tuple(files)
            texts = (base, slug, input_, summary_, outline)
            if not all(isinstance(text, str) for text in (*texts, *files)):
                return None
            problems = tuple(Problem(**p) for p in warnings)
            rows = rows.replace("\t", "\n")
            articles[slug] = ArticleState(input_, summary_, outline, files, rows, problems)
        return base, articles
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None  # unreadable: a full build makes a new one


def clear_state(cache: Cache) -> None:
    """Forget the state: the live site is about to change (a new state follows it)."""
    cache.remove_file(STATE_FILE)
