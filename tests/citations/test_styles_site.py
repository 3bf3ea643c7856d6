"""The bundled article with its notes rewritten in styles A, B and C links just as well."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SOURCE, build_project, make_project
from test_citations import REGISTRY, write_citation

from edition.citations.grammar import parse_note
from edition.text.reader import parse_article

ARTICLE = "articles/balcanica-2019-edemskiy/index.html"


def rewritten_source(style: str) -> str:
    """The source text with every archival citation of every note in `style`."""
    text = SOURCE.read_text(encoding="utf-8")
    article, _ = parse_article(text, "s.txt", "s")
    lines = text.split("\n")
    for note in article.notes:
        line = lines[note.line - 1]
        for c in parse_note(note.text, REGISTRY):
            if c.kind == "archival" and c.sheets:
                line = line.replace(c.text, write_citation(c, style), 1)
        lines[note.line - 1] = line
    return "\n".join(lines)


def file_links(site: Path) -> list[tuple[str, str]]:
    """(note, file page) for every archival link in the article's notes."""
    html = (site / ARTICLE).read_text(encoding="utf-8")
    links = []
    for note in re.finditer(r'<li id="fn-(\d+)".*?</li>', html, re.S):
        for href in re.findall(r'href="\.\./\.\./(archives/[^"]+)"', note.group()):
            links.append((note.group(1), href))
    return links


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> list[tuple[str, str]]:
    project = make_project(tmp_path_factory.mktemp("original"))
    assert build_project(project, "--no-search") == 0
    return file_links(project / "_site")


@pytest.mark.parametrize("style", ["A", "B", "C"])
def test_rewritten_notes_link_to_the_same_file_pages(tmp_path, original, style: str) -> None:
    variant = tmp_path / "src" / SOURCE.name
    variant.parent.mkdir()
    variant.write_text(rewritten_source(style), encoding="utf-8")
    assert variant.read_text(encoding="utf-8") != SOURCE.read_text(encoding="utf-8")
    project = make_project(tmp_path, [variant])
    (project / "content" / "balcanica-2019-edemskiy").mkdir()  # no editorial decisions
    assert build_project(project, "--no-search") == 0
    links = file_links(project / "_site")
    assert len(original) == 31
    assert links == original
    for _, href in links:
        assert (project / "_site" / href / "index.html").exists()
