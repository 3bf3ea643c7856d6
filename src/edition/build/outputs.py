"""The outputs of a build: every file of the site, keyed by all it shows, made on demand."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from edition.build.cache import digest
from edition.build.files import Output
from edition.build.gather import front_matter, summary
from edition.build.jinja_cache import bytecode_cache
from edition.citations.tree import is_file_page
from edition.config import Config
from edition.content.bibtex import to_bibtex
from edition.errors import BuildError, Problem
from edition.model import Article
from edition.site import cite, cite_file, publish, tei
from edition.site.archive_pages import ArchiveContext
from edition.site.assets import compact
from edition.site.register_page import NAMES_PATH, names_context
from edition.site.render import (
    article_context,
    environment,
    home_context,
    render_page,
    template_folders,
)
from edition.site.site import Site


class Pages:
    """Makes the site's outputs; each is keyed by everything it shows, made only if needed."""

    def __init__(self, site: Site, base: str, cache_folder: Path | None = None) -> None:
        self.site, self.base, self.config = site, base, site.config
        self.env = environment(self.config.templates, bytecode_cache(cache_folder))
        tree, registry = site.tree, site.registry
        self.archive = (
            ArchiveContext(tree, registry, site.articles, site.config.content)
            if tree and registry
            else None
        )

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
        key = digest(self.base, path, article.input_key)
        page = self.page("article.html", path, key, lambda: article_context(article, self.site))
        return [page, *downloads(self.site, article, self.base)]

    def file_page(self, node, inputs: dict[str, str]) -> Output:
        """A file page shows the notes and sentences of every article citing the file."""
        cited_by = sorted({ref.article for ref in node.citations})
        key = digest(self.base, node.url, *(inputs[slug] for slug in cited_by))
        made = partial(self.archive.file, node, self.site)
        return self.page("archive_file.html", node.url, key, made)

    def file_outputs(self, node, inputs: dict[str, str]) -> list[Output]:
        """A file page and its RIS record, both keyed by the articles citing the file."""
        return [self.file_page(node, inputs), file_ris(self.site, node, inputs, self.base)]

    def citations(self, rows: dict[str, str]) -> Output:
        """/archives/citations.json from each article's rows (JSON lines, in slug order)."""
        lines = [rows[slug] for slug in sorted(rows) if rows[slug]]
        data = ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")
        return Output(CITATIONS_FILE, digest(data), lambda: data)


CITATIONS_FILE = "archives/citations.json"


def render_site(site: Site, pages: Pages, base: str, rows: dict[str, str]) -> list[Output]:
    """Every output of the site, keyed; nothing is rendered yet."""
    config = site.config
    summaries = [summary(a) for a in site.articles]
    fronts = [front_matter(a) for a in site.articles]
    front_site = replace(site, articles=fronts)
    outputs = [
        pages.page(
            "home.html", "", digest(base, "home", *summaries), lambda: home_context(front_site)
        ),
        pages.page("search.html", "search/", digest(base, "search", repr(site.registry)), dict),
        pages.page(
            "names.html",
            NAMES_PATH,
            digest(base, "names", repr(site.names), *(a.input_key for a in site.articles)),
            lambda: names_context(site),
        ),
    ]
    for article in site.articles:
        outputs += pages.article(article)
    tree = site.tree
    if tree is not None and pages.archive is not None:
        inputs = {a.slug: a.input_key for a in site.articles}
        # A tree page shows counts and titles of the units below it, not the notes:
        # it is keyed by that outline, so a corrected note does not re-render it.
        outline = _outlines(tree)
        root_outline = digest(*(outline[node.url] for node in tree.archives))
        key = digest(base, "archives/", root_outline)
        index = partial(pages.archive.index, site.words())
        outputs.append(pages.page("archives.html", "archives/", key, index))
        for node in tree.walk():
            if is_file_page(node):
                outputs += pages.file_outputs(node, inputs)
            else:
                key = digest(base, node.url, outline[node.url])
                unit = partial(pages.archive.unit, node, site.words())
                outputs.append(pages.page("archive_unit.html", node.url, key, unit))
        outputs.append(pages.citations(rows))

    def not_found() -> bytes:
        try:
            return publish.not_found_html(site, pages.env)
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
    found: dict[str, Path] = {}
    for folder in reversed(template_folders(config.templates)):  # an override wins
        assets = folder / "assets"
        for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
            found[f"assets/{asset.relative_to(assets).as_posix()}"] = asset
    for rel, asset in sorted(found.items()):
        made = partial(lambda rel, asset: compact(rel, asset.read_bytes()), rel, asset)
        outputs.append(Output(rel, digest(base, rel), made))
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
    key = digest(base, "downloads", article.input_key)
    outputs = []
    yaml_file = folder / "article.yaml"
    if yaml_file.exists():
        outputs.append(Output(f"{target}article.yaml", key, yaml_file.read_bytes))
    outputs.append(
        Output(
            f"{target}references.bib",
            key,
            lambda: to_bibtex(article.bibliography).encode("utf-8"),
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


def file_ris(site: Site, node, inputs: dict[str, str], base: str) -> Output:
    """A file's RIS record, keyed like its page by the articles citing it."""
    cited_by = sorted({ref.article for ref in node.citations})
    key = digest(base, node.url, "ris", *(inputs[slug] for slug in cited_by))
    registry, articles, config = site.registry, site.articles, site.config

    def make() -> bytes:
        return cite_file.file_ris(node, registry, articles, config).encode("utf-8")

    return Output(cite_file.file_ris_path(node), key, make)


def template_problem(exc: TemplateError, config: Config, template: str) -> Problem:
    """A template failure as `templates/x.html:line: message`, from Jinja's own frames."""
    shown, line = template, 0
    if isinstance(exc, TemplateSyntaxError):
        shown, line = exc.filename or exc.name or template, exc.lineno
    else:
        tb = exc.__traceback__
        while tb is not None:
            frame = Path(tb.tb_frame.f_code.co_filename)
            if any(frame.is_relative_to(f) for f in template_folders(config.templates)):
                shown, line = str(frame), tb.tb_lineno
            tb = tb.tb_next
    where = config.shown(Path(shown)) if Path(shown).is_absolute() else shown
    return Problem("error", where, line, f"template error: {exc.message or exc}", "", "template")
