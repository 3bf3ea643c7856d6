"""The same article laid out with other page breaks reads to the same paragraphs."""

from __future__ import annotations

import random

import pytest

from benchmarks import corpus
from edition.text.reader import parse_article


def _read(text: str):
    article, problems = parse_article(text, "x.txt", "x")
    assert not problems.errors, [str(p) for p in problems.errors]
    return article


@pytest.fixture(scope="module")
def truth():
    return _read(corpus.BUNDLED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", range(12))
def test_repaginated_article_reads_the_same(truth, seed: int) -> None:
    text = corpus.layout(corpus.bundled(), random.Random(seed))
    article = _read(text)
    assert [p.text for p in article.paragraphs] == [p.text for p in truth.paragraphs]
    assert [(n.n, n.text) for n in article.notes] == [(n.n, n.text) for n in truth.notes]
    assert article.page_breaks != truth.page_breaks


@pytest.mark.parametrize("index", range(1, 9))
def test_synthetic_articles_read_whole(index: int) -> None:
    expected = corpus.synthetic_article(7, index)
    article = _read(corpus.synthesize(7, index))
    assert [p.text for p in article.paragraphs] == [
        corpus_paragraph for corpus_paragraph in _as_refs(expected.paragraphs)
    ]
    assert len(article.notes) == len(expected.notes)


def _as_refs(paragraphs):
    from edition.text.reader import markers_to_refs

    return [markers_to_refs(p) for p in paragraphs]
