"""Issue 17 built: the bundled article's register holds the names the table lacks, and
the article page's names open cards within the register's weight budget."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
import yaml
from conftest import SOURCE, build_project, make_project

from edition.content.article_yaml import load_article
from edition.text.register import find_mentions, shipped_names

SLUG = SOURCE.stem


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("register"))
    assert build_project(project, "--no-search") == 0
    return project


@pytest.fixture(scope="module")
def register(project: Path) -> dict:
    return yaml.safe_load((project / "content" / SLUG / "register.yaml").read_text("utf-8"))


def _initialled_persons(project: Path) -> set[str]:
    """Surnames the article prints after initials (`A. A. Fursenko`), found independently
    of the gathering code, less those the shipped table knows."""
    article = load_article(project / "content" / SLUG / "article.yaml")
    texts = [n.text for n in article.notes] + [p.text for p in article.paragraphs]
    found = set()
    for text in texts:
        for m in re.finditer(r"(?<![\w.])(?:[A-Z]\. ){1,3}([A-Z][a-zà-ž]+)\b", text):
            found.add(m.group(1))
    known = find_mentions(sorted(found), shipped_names())
    return found - {p for _, where in known for _, p in where}


def test_the_register_has_the_persons_the_table_lacks(project, register):
    surnames = _initialled_persons(project)
    assert len(surnames) >= 5  # the bundled article cites many authors by initials
    gathered = [e for e in register["persons"] if e["from"] == "article"]
    have = {e["name"].split()[-1] for e in gathered}
    assert surnames <= have, surnames - have
    source = SOURCE.read_text("utf-8")
    for entry in gathered:  # every gathered entry is printed, and mentioned where it is
        assert entry["mentions"], entry
        assert all(p.split()[-1] in source for p in entry["printed"]), entry
        assert "russian" not in entry, entry  # a reading is `russian derived`, never known


def test_a_person_named_only_as_comrade_has_an_entry(project, register):
    comrades = set(re.findall(r"\bcomrade ([A-Z][a-z]+)\b", SOURCE.read_text("utf-8")))
    known = find_mentions(sorted(comrades), shipped_names())
    lacking = comrades - {p for _, where in known for _, p in where}
    assert lacking, "the bundled article names someone only as `comrade X`"
    names = {e["name"] for e in register["persons"]}
    assert lacking <= names
    for entry in register["persons"]:
        if entry["name"] in lacking:
            assert entry["from"] == "article" and entry.get("russian derived")


def test_every_entry_says_where_it_came_from(register):
    for kind in ("persons", "places", "organisations"):
        for entry in register.get(kind, []):
            assert entry["from"] in {"table", "names.yaml", "article"}, entry


def test_the_register_page_lists_every_gathered_person(project, register):
    names = (project / "_site" / "names" / "index.html").read_text("utf-8")
    page = (project / "_site" / "articles" / SLUG / "index.html").read_text("utf-8")
    ids = set(re.findall(r'id="([^"]+)"', page))
    for entry in register["persons"]:
        if entry["from"] == "article":
            assert '<dt id="name-' in names and entry["name"] in names, entry["name"]
    links = re.findall(r'href="\.\./articles/[^/]+/#([^"]+)"', names)
    assert links and set(links) <= ids


def test_every_marked_name_has_its_card_and_its_entry(project):
    page = (project / "_site" / "articles" / SLUG / "index.html").read_text("utf-8")
    names = (project / "_site" / "names" / "index.html").read_text("utf-8")
    marks = re.findall(
        r'<a class="name-ref" href="\.\./\.\./names/#([^"]+)" data-card="([^"]+)"', page
    )
    assert len(marks) > 50
    cards = set(re.findall(r'<div class="name-card" id="([^"]+)"', page))
    entries = set(re.findall(r'<dt id="([^"]+)"', names))
    for key, card in marks:
        assert card == f"card-{key}" and card in cards and key in entries, key
    assert cards == {card for _, card in marks}  # no card nobody opens
    # At most one mark per name per paragraph or note.
    for block in re.findall(r'<p><a class="pn" id="p-\d+".*?</p>', page, re.S):
        keys = re.findall(r'class="name-ref" href="[^"]*#([^"]+)"', block)
        assert len(keys) == len(set(keys))


def test_the_register_adds_at_most_30_kb_gzip_to_the_article_page(project):
    site = project / "_site"
    html = (site / "articles" / SLUG / "index.html").read_bytes()
    forms = re.compile(rb'<span class="search-forms" hidden>.*?</span>', re.S)
    cards = re.compile(rb'<div class="name-cards".*?</script>', re.S)
    refs = re.compile(rb'<a class="name-ref"[^>]*>(.*?)</a>', re.S)
    assert forms.search(html) and cards.search(html) and refs.search(html)
    without = refs.sub(rb"\1", cards.sub(b"", forms.sub(b"", html)))
    script = len(gzip.compress((site / "assets" / "names.js").read_bytes(), 9))
    added = len(gzip.compress(html, 9)) - len(gzip.compress(without, 9)) + script
    assert 0 < added <= 30 * 1024, added
