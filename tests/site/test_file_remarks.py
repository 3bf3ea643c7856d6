"""File pages: the editors' reviewed remarks on that file, and the archive's catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_project, make_project

from edition.build.gather import gather
from edition.citations.grammar import citation_problems
from edition.config import load_config
from edition.site.archive_pages import ArchiveContext


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("remarks"))
    assert build_project(project, "--no-search") == 0
    return project


def _site(project: Path):
    site, _, _ = gather(load_config(project)[0])
    return site


def test_a_reviewed_warning_shows_on_the_files_it_concerns(project: Path) -> None:
    site = _site(project)
    article = site.articles[0]
    warnings = [p for p in citation_problems(article.notes, article.source) if p.line]
    assert warnings, "the fixture needs a citation warning"
    warning = warnings[0]
    match = warning.message.split(": ", 1)[-1][:30]
    (project / "content" / article.slug / "editorial.yaml").write_text(
        f"reviewed:\n  - code: {warning.code}\n    match: {match!r}\n"
        "    reason: settled against the inventory\n    who: Ed\n    when: 2026-01-02\n"
    )
    context = ArchiveContext(site.tree, site.registry, site.articles, project / "content")
    files = [n for n in site.tree.walk() if n.citations and not n.children]
    shown = {n.url: context.file(n)["reviewed"] for n in files}
    with_remark = [url for url, remarks in shown.items() if remarks]
    assert with_remark and len(with_remark) < len(files)  # only the files it concerns
    (remark,) = shown[with_remark[0]]
    assert remark["reason"] == "settled against the inventory" and remark["who"] == "Ed"
    assert match in remark["about"]
    # Without the content folder (or without reviews) nothing is shown.
    bare = ArchiveContext(site.tree, site.registry, site.articles)
    assert all(not bare.file(n)["reviewed"] for n in files)


class _WithCatalogue:
    """An archive (or a registry) as another helper's registry will give it: with `catalogue`."""

    def __init__(self, inner, catalogue: str = "") -> None:
        self._inner, self.catalogue = inner, catalogue

    def __getattr__(self, name: str):
        return getattr(self._inner, name)

    def get(self, slug: str):
        return _WithCatalogue(self._inner.get(slug), "https://archive.example/search?q=1&x=<2>")


def test_catalogue_link_where_the_registry_has_one(project: Path) -> None:
    from edition.site.render import environment, render_page

    site = _site(project)
    node = next(n for n in site.tree.walk() if n.citations and not n.children)
    env = environment(project / "templates")

    def html(registry) -> str:
        context = ArchiveContext(site.tree, registry, site.articles).file(node)
        return render_page(env, "archive_file.html", node.url, site, **context).html

    if not getattr(site.registry.get(node.archive), "catalogue", ""):
        assert "own catalogue" not in html(site.registry)
    linked = html(_WithCatalogue(site.registry))
    assert 'href="https://archive.example/search?q=1&amp;x=&lt;2&gt;" rel="external"' in linked


def test_file_pages_give_the_print_page_of_the_sentence_cited(project: Path) -> None:
    from edition.site.passage import paragraph_pages

    site = _site(project)
    context = ArchiveContext(site.tree, site.registry, site.articles)
    pages = {a.slug: paragraph_pages(a) for a in site.articles}
    seen = 0
    for node in (n for n in site.tree.walk() if n.citations and not n.children):
        for c in context.file(node)["citations"]:
            if c["paragraph"]:
                assert c["pages"] == pages[c["ref"].article][c["paragraph"]]
                assert c["pages"].startswith(("p. ", "pp. "))
                seen += 1
    assert seen
