"""The build, top to bottom: gather all data, then write the site (import is importer.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from . import archives, bibliography, cite, editorial, publish, tei
from .archive_pages import ArchiveContext
from .cache import Cache, code_digest, digest, tree_digest
from .config import Config
from .content import ContentError, article_data, article_from_data, load_article
from .errors import BuildError, Problem, Problems
from .importer import (
    ARTICLE_CODE,
    REGISTRY_FILE,
    _shown,
    load_registry,
    resolve_notes,
)
from .model import Article
from .output import Output, SiteWriter
from .render import Site, article_context, environment, home_context, render_page

# Every module and rule file of the package can shape a page: any change re-renders.
PAGE_CODE = tuple(
    str(p.relative_to(Path(__file__).parent))
    for p in sorted(Path(__file__).parent.rglob("*"))
    if p.suffix in (".py", ".yaml")
)


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    search: object | None = None
    timings: dict[str, float] = field(default_factory=dict)


def load_articles(config: Config, problems: Problems, cache: Cache) -> list[Article]:
    """Every article.yaml, parsed once per content hash (the cache keeps the result)."""
    code = code_digest(ARTICLE_CODE)
    articles = []
    for path in sorted(config.content.glob("*/article.yaml")):
        raw = path.read_bytes()
        key = digest(raw, code)
        if key in cache.objects:
            articles.append(cache.objects[key])
            continue
        data = cache.get_json("article", key)
        try:
            if data is not None:
                article = article_from_data(data, str(path))
            else:
                article = load_article(path)
                cache.put_json("article", key, article_data(article, _import_sha(article)))
        except ContentError as exc:
            problems.items.append(exc.problem)
            continue
        article = replace(article, meta={**article.meta, "input": key})
        cache.objects[key] = article
        articles.append(article)
    return articles


def _import_sha(article: Article) -> str:
    return article.meta.get("import_sha256", "")


def gather(config: Config, cache: Cache | None = None) -> tuple[Site, Problems]:
    """Load and resolve everything the pages need; no file is written."""
    problems = Problems()
    registry = load_registry(config, problems)
    articles = []
    for article in load_articles(config, problems, cache or Cache(None)):
        article = replace(article, notes=resolve_notes(article.notes, article))
        # The editor's decisions come last: an override beats the parser.
        folder = config.content / article.slug
        decisions, found = editorial.load_editorial(
            folder, _shown(folder, config) + "/editorial.yaml"
        )
        problems.extend(found)
        if decisions is not None:
            article, found = editorial.apply_editorial(article, decisions)
            problems.extend(found)
            edits = (folder / editorial.EDITORIAL_FILE).read_bytes()
            article = replace(
                article, meta={**article.meta, "input": digest(_input(article), edits)}
            )
        articles.append(article)
    if registry is None:
        return Site(config, articles), problems
    tree = archives.build_tree(articles, registry)
    site = Site(config, articles, archival_url=lambda c: archives.unit_url(c, registry))
    site.extra["tree"] = tree
    site.extra["registry"] = registry
    return site, problems


def _input(article: Article) -> str:
    """The hash of everything read for this article (article.yaml, editorial.yaml)."""
    return article.meta.get("input", "")


def render_site(site: Site) -> list[Output]:
    """Every page as an Output: keyed by all it shows, rendered only when made."""
    config = site.config
    registry = config.content / REGISTRY_FILE
    base = digest(
        tree_digest(config.templates),
        code_digest(PAGE_CODE),
        repr(config),
        registry.read_bytes() if registry.exists() else b"",
    )
    env = environment(config.templates, site.extra.get("cache_folder"))
    site.extra["env"] = env

    def page(template: str, path: str, key: str, context) -> Output:
        def make() -> bytes:
            try:
                return render_page(env, template, path, site, **context()).html.encode("utf-8")
            except TemplateError as exc:
                raise BuildError([template_problem(exc, config, template)]) from None

        return Output(f"{path}index.html", key, make)

    everything = digest(base, *(_input(a) for a in site.articles))
    pages = [page("home.html", "", everything, lambda: home_context(site))]
    for article in site.articles:
        path = f"articles/{article.slug}/"
        key = digest(base, path, _input(article))
        pages.append(page("article.html", path, key, lambda a=article: article_context(a, site)))
    pages.append(page("search.html", "search/", digest(base, "search"), dict))
    tree, registry = site.extra.get("tree"), site.extra.get("registry")
    if tree is not None:
        context = ArchiveContext(tree, registry, site.articles)
        inputs = {a.slug: _input(a) for a in site.articles}
        # A tree page shows counts and titles of the units below it, not the notes:
        # it is keyed by that outline, so a corrected note does not re-render it.
        outline = _outlines(tree)
        root_outline = digest(*(outline[node.url] for node in tree.archives))
        pages.append(
            page(
                "archives.html", "archives/", digest(base, "archives/", root_outline), context.index
            )
        )
        for node in tree.walk():
            if node.level == "delo" or not node.children:
                # A file page shows the notes and sentences of every article citing it.
                cited_by = sorted({ref.article for ref in node.citations})
                key = digest(base, node.url, *(inputs.get(slug, "") for slug in cited_by))
                pages.append(
                    page("archive_file.html", node.url, key, lambda n=node: context.file(n))
                )
            else:
                key = digest(base, node.url, outline[node.url])
                pages.append(
                    page("archive_unit.html", node.url, key, lambda n=node: context.unit(n))
                )
    return pages


def _outlines(tree) -> dict[str, str]:
    """For every unit, a hash of what its tree page shows: titles, counts, children."""
    outline: dict[str, str] = {}
    for node in reversed(list(tree.walk())):  # children before their parents
        children = (outline[child.url] for child in node.children)
        outline[node.url] = digest(
            node.url, node.title, str(node.files), str(node.citation_count), *children
        )
    return outline


def data_files(site: Site) -> dict[str, bytes]:
    """Machine-readable exports written beside the pages."""
    files: dict[str, bytes] = {}
    tree, registry = site.extra.get("tree"), site.extra.get("registry")
    if tree is not None:
        rows = archives.citations_export(tree, registry)
        files["archives/citations.json"] = json.dumps(rows, ensure_ascii=False, indent=1).encode()
    return files


def downloads(site: Site) -> list[Output]:
    """Per article, the data for researchers: its YAML, BibTeX (as emended), TEI, RIS."""
    code = code_digest(PAGE_CODE)
    outputs = []
    for article in site.articles:
        folder, target = site.config.content / article.slug, f"articles/{article.slug}/"
        key = digest(code, repr(site.config), _input(article))
        yaml_file = folder / "article.yaml"
        if yaml_file.exists():
            outputs.append(Output(f"{target}article.yaml", key, yaml_file.read_bytes))
        outputs.append(
            Output(
                f"{target}references.bib",
                key,
                lambda a=article: bibliography.to_bibtex(a.bibliography).encode("utf-8"),
            )
        )
        outputs.append(
            Output(
                f"{target}{article.slug}.tei.xml",
                key,
                lambda a=article: tei.article_tei(a, site.config),
            )
        )
        for path in cite.download_paths(article):
            outputs.append(
                Output(path, key, lambda a=article, p=path: cite.downloads(a, site.config)[p])
            )
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
) -> BuildResult:
    """Build the site into config.out; the previous site survives any failure."""
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    # First gather all data: parse, resolve, check.
    site, problems = gather(config, cache)
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems.errors + (problems.warnings if strict else []))
    lap("gather")
    cache = cache or Cache(None)
    site.extra["cache_folder"] = cache.folder
    outputs = render_site(site) + downloads(site)

    # Then write: everything into a staging folder, indexed, then swapped in. The
    # live site is untouched until the swap; any failure discards the staging folder.
    writer = SiteWriter(config.out, cache.folder)
    staging = writer.begin()
    try:
        made, reused = writer.produce(outputs, progress)
        cache.hits += reused
        cache.misses += made
        lap("render")
        files = data_files(site)
        try:
            files[publish.NOT_FOUND_FILE] = publish.not_found_html(site)
        except TemplateError as exc:
            raise BuildError([template_problem(exc, config, "404.html")]) from None
        every_path = {**{o.path: b"" for o in outputs}, **files}
        files.update(publish.site_files(config, site.articles, every_path))  # sitemap
        for rel, data in files.items():
            writer.write(rel, data)
        assets = config.templates / "assets"
        for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
            writer.write(f"assets/{asset.relative_to(assets)}", asset.read_bytes())
        lap("write")
        result = BuildResult(
            pages=sum(o.path.endswith("index.html") for o in outputs),
            files=len(outputs) + len(files),
            warnings=problems.warnings,
        )
        if search:
            from . import search as search_stage

            result.search = search_stage.index_site(staging, config.base_url, config.language)
            lap("search")
    except BaseException:
        writer.discard()
        raise
    writer.finish()
    lap("swap")
    result.timings = timings
    return result
