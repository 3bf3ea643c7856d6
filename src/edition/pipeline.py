"""The build, top to bottom: gather all data, then write the site (import is importer.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from . import bibliography, cite, incremental, publish, tei
from .archive_pages import ArchiveContext
from .archives import is_file_page
from .cache import Cache, digest
from .config import Config
from .errors import BuildError, Problem
from .gather import article_input, base_key, front_matter, gather, summary
from .importer import _shown
from .model import Article
from .output import MANIFESTS, Output, SiteWriter, StaleSite
from .render import Site, article_context, environment, home_context, render_page


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    search: object | None = None
    timings: dict[str, float] = field(default_factory=dict)
    quick: bool = False  # only what shows the changed articles was considered
    made: int = 0  # files rendered or read anew (the rest were already right)


class Pages:
    """Makes the site's outputs; each is keyed by everything it shows, made only if needed."""

    def __init__(self, site: Site, base: str) -> None:
        self.site, self.base, self.config = site, base, site.config
        self.env = environment(self.config.templates, site.extra.get("cache_folder"))
        site.extra["env"] = self.env
        tree, registry = site.extra.get("tree"), site.extra.get("registry")
        self.archive = ArchiveContext(tree, registry, site.articles) if tree else None

    def page(self, template: str, path: str, key: str, context) -> Output:
        env, site, config = self.env, self.site, self.config

        def make() -> bytes:
            try:
                return render_page(env, template, path, site, **context()).html.encode("utf-8")
            except TemplateError as exc:
                raise BuildError([template_problem(exc, config, template)]) from None

        return Output(f"{path}index.html", key, make)

    def article(self, article: Article) -> list[Output]:
        """An article's page and its downloads."""
        path = f"articles/{article.slug}/"
        key = digest(self.base, path, article_input(article))
        page = self.page("article.html", path, key, lambda: article_context(article, self.site))
        return [page, *downloads(self.site, article, self.base)]

    def file_page(self, node, inputs: dict[str, str]) -> Output:
        """A file page shows the notes and sentences of every article citing the file."""
        cited_by = sorted({ref.article for ref in node.citations})
        key = digest(self.base, node.url, *(inputs[slug] for slug in cited_by))
        return self.page("archive_file.html", node.url, key, lambda: self.archive.file(node))

    def citations(self, rows: dict[str, str]) -> Output:
        """/archives/citations.json from each article's rows (JSON lines, in slug order)."""
        lines = [rows[slug] for slug in sorted(rows) if rows[slug]]
        data = ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")
        return Output(CITATIONS_FILE, digest(data), lambda: data)


CITATIONS_FILE = "archives/citations.json"


def render_site(site: Site, base: str, rows: dict[str, str]) -> list[Output]:
    """Every output of the site, keyed; nothing is rendered yet."""
    config = site.config
    pages = Pages(site, base)
    summaries = [summary(a) for a in site.articles]
    fronts = [front_matter(a) for a in site.articles]
    front_site = Site(config, fronts, site.archival_url, site.extra)
    outputs = [
        pages.page(
            "home.html", "", digest(base, "home", *summaries), lambda: home_context(front_site)
        ),
        pages.page("search.html", "search/", digest(base, "search"), dict),
    ]
    for article in site.articles:
        outputs += pages.article(article)
    tree = site.extra.get("tree")
    if tree is not None:
        inputs = {a.slug: article_input(a) for a in site.articles}
        # A tree page shows counts and titles of the units below it, not the notes:
        # it is keyed by that outline, so a corrected note does not re-render it.
        outline = _outlines(tree)
        root_outline = digest(*(outline[node.url] for node in tree.archives))
        key = digest(base, "archives/", root_outline)
        outputs.append(pages.page("archives.html", "archives/", key, pages.archive.index))
        for node in tree.walk():
            if is_file_page(node):
                outputs.append(pages.file_page(node, inputs))
            else:
                key = digest(base, node.url, outline[node.url])
                unit = partial(pages.archive.unit, node)
                outputs.append(pages.page("archive_unit.html", node.url, key, unit))
        outputs.append(pages.citations(rows))

    def not_found() -> bytes:
        try:
            return publish.not_found_html(site)
        except TemplateError as exc:
            raise BuildError([template_problem(exc, config, "404.html")]) from None

    paths = publish.page_paths(o.path for o in outputs)
    outputs += [
        Output(publish.NOT_FOUND_FILE, digest(base, "404"), not_found),
        Output("robots.txt", digest(base, "robots"), lambda: publish.robots_txt(config)),
        Output(
            publish.FEED_FILE,
            digest(base, "feed", *summaries),
            lambda: publish.atom_feed(config, fronts),
        ),
        Output(
            publish.SITEMAP_FILE,
            digest(base, "sitemap", *paths),
            lambda: publish.sitemap_xml(config, paths),
        ),
    ]
    assets = config.templates / "assets"
    for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
        rel = f"assets/{asset.relative_to(assets)}"
        outputs.append(Output(rel, digest(base, rel), asset.read_bytes))
    return outputs


def _outlines(tree) -> dict[str, str]:
    """For every unit, a hash of what its tree page shows: titles, counts, children."""
    outline: dict[str, str] = {}
    for node in reversed(list(tree.walk())):  # children before their parents
        children = (outline[child.url] for child in node.children)
        outline[node.url] = digest(
            node.url, node.title, str(node.files), str(node.citation_count), *children
        )
    return outline


def downloads(site: Site, article: Article, base: str) -> list[Output]:
    """The data for researchers: its YAML, BibTeX (as emended), TEI, RIS."""
    folder, target = site.config.content / article.slug, f"articles/{article.slug}/"
    key = digest(base, "downloads", article_input(article))
    outputs = []
    yaml_file = folder / "article.yaml"
    if yaml_file.exists():
        outputs.append(Output(f"{target}article.yaml", key, yaml_file.read_bytes))
    outputs.append(
        Output(
            f"{target}references.bib",
            key,
            lambda: bibliography.to_bibtex(article.bibliography).encode("utf-8"),
        )
    )
    outputs.append(
        Output(
            f"{target}{article.slug}.tei.xml", key, lambda: tei.article_tei(article, site.config)
        )
    )
    for path in cite.download_paths(article):
        outputs.append(Output(path, key, lambda p=path: cite.downloads(article, site.config)[p]))
    return outputs


def template_problem(exc: TemplateError, config: Config, template: str) -> Problem:
    """A template failure as `templates/x.html:line: message`, from Jinja's own frames."""
    name, line = template, 0
    if isinstance(exc, TemplateSyntaxError):
        name, line = exc.name or template, exc.lineno
    else:
        tb = exc.__traceback__
        while tb is not None:
            frame = tb.tb_frame.f_code.co_filename
            if frame.startswith(str(config.templates)):
                name, line = str(Path(frame).relative_to(config.templates)), tb.tb_lineno
            tb = tb.tb_next
    shown = _shown(config.templates / name, config)
    return Problem("error", shown, line, f"template error: {exc.message or exc}", "", "template")


def build(
    config: Config,
    search: bool = True,
    strict: bool = False,
    cache: Cache | None = None,
    progress: Callable[[int, int], None] | None = None,
    quick: bool = True,
) -> BuildResult:
    """Build the site into config.out; the previous site survives any failure.

    With a cache, a build after a small change is a quick one (incremental.py):
    only what shows the changed articles is made, the rest carried over.
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    # First gather all data: parse, resolve, check.
    cache = cache or Cache(None)
    base = base_key(config)
    writer = SiteWriter(config.out, cache.folder)
    plan = incremental.quick_plan(config, cache, base, writer.live_key) if quick else None
    site, problems = (plan.site, plan.problems) if plan else gather(config, cache)
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems.errors + (problems.warnings if strict else []))
    site.extra["cache_folder"] = cache.folder
    if plan:
        states = plan.states
        pages = Pages(site, base)
        outputs = [o for article in plan.changed for o in pages.article(article)]
        inputs = {slug: state.input for slug, state in states.items()}
        tree = site.extra["tree"]
        outputs += [pages.file_page(tree.by_url[url], inputs) for url in plan.files]
        outputs.append(pages.citations({slug: state.rows for slug, state in states.items()}))
    else:
        states = incremental.states_of(site)
        outputs = render_site(site, base, {slug: state.rows for slug, state in states.items()})
    lap("gather")

    # Then write: everything into a staging folder, indexed, then swapped in. The
    # live site is untouched until the swap; any failure discards the staging folder.
    incremental.clear_state(cache)
    staging = writer.begin()
    indexing = None

    def index_pages() -> None:
        nonlocal indexing
        if search:
            from . import search as search_stage

            indexing = search_stage.start_index(staging, config.base_url, config.language)

    try:
        try:
            made, reused = writer.produce(
                outputs, progress, keep_live=plan is not None, pages_done=index_pages
            )
        except StaleSite:  # the live site lost a file it should have: make it all
            writer.discard()
            return build(config, search, strict, cache, progress, quick=False)
        cache.hits += reused
        cache.misses += made
        lap("render")
        result = BuildResult(
            pages=sum(path.endswith("index.html") for path in writer.written),
            files=len(writer.written),
            warnings=problems.warnings,
            quick=plan is not None,
            made=made,
        )
        if indexing is not None:
            # Pagefind may have been indexing the pages while the other files were written.
            result.search = indexing.wait()
            lap("search")
            timings["pagefind"] = result.search.seconds
    except BaseException:
        if indexing is not None:
            indexing.cancel()
        writer.discard()
        raise
    writer.finish()
    incremental.save_state(cache, digest(base, writer.left_key), states)
    cache.hashes.save()
    lap("swap")
    result.timings = timings
    return result


def forget_site(cache: Cache) -> None:
    """Drop what the cache knows of the live site (before a build that will not update it)."""
    incremental.clear_state(cache)
    for name in MANIFESTS:
        cache.remove_file(name)
