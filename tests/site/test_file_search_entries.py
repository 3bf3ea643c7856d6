"""What search indexes of the archival files: an entry on the fond's page, never the file page."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from edition.site.search_markup import is_indexed


def fragments(site: Path) -> dict[str, dict]:
    """Page URL -> what Pagefind stored of it (its fragment: content, anchors, filters)."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        data = json.loads(text[text.index("{") :])
        found[data["url"]] = data
    return found


@pytest.fixture(scope="module")
def indexed(built_site: Path) -> dict[str, dict]:
    return fragments(built_site)


@pytest.fixture(scope="module")
def rows(built_site: Path) -> list[dict]:
    return json.loads((built_site / "archives" / "citations.json").read_text("utf-8"))


def test_pagefind_is_given_only_the_pages_search_indexes(built_site, indexed):
    pages = [p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")]
    bodies = {
        "/" + p[: -len("index.html")]
        for p in pages
        if "data-pagefind-body" in (built_site / p).read_text("utf-8")
    }
    assert set(indexed) == bodies
    assert all(is_indexed(url[1:] + "index.html") for url in indexed)


def test_a_file_page_is_not_indexed_its_reference_is_on_its_fonds_page(built_site, indexed, rows):
    assert rows
    for row in rows:
        html = (built_site / row["url"] / "index.html").read_text("utf-8")
        assert "data-pagefind-body" not in html  # the file page and its quoted notes
        assert "/" + row["url"] not in indexed
        fond = f"/archives/{row['archive_slug']}/fond-{row['levels']['fond']}/"
        holder = indexed[fond if row["url"] != fond[1:] else f"/archives/{row['archive_slug']}/"]
        levels = ", ".join(f"{level} {n}" for level, n in row["levels"].items())
        reference = f"{row['archive']}, {levels}"  # RGANI, fond 3, opis 14, delo 463
        assert reference in holder["content"], (reference, holder["url"])
        below = row["url"][len(holder["url"]) - 1 :].rstrip("/")
        entry = [a for a in holder["anchors"] if a["id"] == f"file-{below}"]
        assert [a["text"] for a in entry] == [reference]
        assert holder["filters"]["kind"] == ["Archival file"]


def test_every_citing_note_is_indexed_on_its_article_page_only(indexed, rows):
    archives = " ".join(d["content"] for url, d in indexed.items() if url.startswith("/archives/"))
    for row in rows:
        article = indexed[f"/articles/{row['article']}/"]["content"].lower()
        words = set(re.findall(r"\w+", row["text"].lower()))
        assert words <= set(re.findall(r"\w+", article)), (row["note"], words)
        assert row["text"] not in archives  # not quoted again on an archive's pages
    assert "inv." not in archives  # the notes print `inv.`; the entries spell `opis`
