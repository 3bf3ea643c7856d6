"""The mkdocs-material peer gets the same text: every paragraph, every note as a footnote."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `benchmarks` lives at the root, next to `src`
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus, mkdocs_site  # noqa: E402


@pytest.mark.parametrize("index", [1, 4, 9])
def test_every_note_is_a_footnote_referenced_from_the_text(index: int) -> None:
    text = corpus.synthesize(3, index)
    article = corpus.parse(text)
    page = mkdocs_site.to_markdown(text, "t")
    defined = {int(n) for n in re.findall(r"^\[\^(\d+)\]: ", page, re.MULTILINE)}
    referenced = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", page)}
    assert defined == set(article.notes)
    assert referenced == defined
    assert all(paragraph[:40] in page for paragraph in article.paragraphs if "⁰" not in paragraph)


def test_a_project_has_a_page_an_article_and_an_index(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    corpus.write_corpus(sources, 3, seed=2)
    folder = mkdocs_site.write_project(sources, tmp_path / "mk")
    pages = sorted(p.name for p in (folder / "docs").glob("*.md"))
    assert pages == ["article-0001.md", "article-0002.md", "article-0003.md", "index.md"]
    assert "- search" in (folder / "mkdocs.yml").read_text(encoding="utf-8")
