"""The caches and shortcuts that make a cold build cheaper give the same output."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bibtexparser.model import Entry, Field
from jinja2 import Environment

from edition.build.jinja_cache import _UserBytecodeCache, bytecode_cache, user_cache_folder
from edition.citations.registry import parse_registry
from edition.content.bibtex import _balanced, remember_bibtex, to_bibtex
from edition.model import BibEntry
from edition.site.markup import inline, inline_tokens, markdown
from edition.site.render import environment
from edition.site.search_markup import _groups
from edition.site.tei import XML_ID, _fill, _token, to_bytes
from edition.text.spellings import parse_rules, word_forms

TEXTS = [
    "plain words",
    "*Pravda*, 12 May 1956, \"quoted\" and 'single'",
    "see <https://example.org/a?b=1&c=2> and <http://x.org>",
    "note ref[^3] and **bold [^12]** end",
    "<script>alert(1)</script> & [link](javascript:alert(1))",
    '[a link](https://example.org "title") -- dash... ellipsis',
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_inline_from_cached_tokens_matches_a_fresh_render(text):
    expected = markdown().renderInline(text)
    assert inline(text) == expected
    inline.cache_clear()
    assert inline(text) == expected  # rendering the cached tokens again changes nothing


def test_inline_tokens_are_parsed_once_per_text():
    assert inline_tokens("once *per* text") is inline_tokens("once *per* text")


@pytest.mark.parametrize("text", TEXTS)
def test_tei_reads_the_same_tokens_before_and_after_html_rendering(text):
    inline_tokens.cache_clear()
    inline.cache_clear()
    before = ET.Element("p")
    _fill(before, text)
    inline(text)  # the autolink rule sets a class on the shared tokens
    after = ET.Element("p")
    _fill(after, text)
    assert ET.tostring(before) == ET.tostring(after)


def test_token_patterns_are_compiled_once():
    assert _token("463") is _token("463")
    assert _token("f.").search("see F. 3") and not _token("3").search("f. 33")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no braces", "no braces"),
        ("{Balanced} {pairs {nested}}", "{Balanced} {pairs {nested}}"),
        ("Stuff }{x", "Stuff )(x"),
        ("open { only", "open ( only"),
        ("close } only", "close ) only"),
        ("{a}}{", "(a))("),
    ],
)
def test_balanced(value, expected):
    assert _balanced(value) == expected


ENTRIES = (
    BibEntry("doe1991", "Books", "book", (("title", "Stuff {x}"), ("year", "1991")), "o", 1),
    BibEntry("rgani", "Archives", "misc", (("title", "RGANI"), ("x-n", "7")), "o", 2),
)


def test_to_bibtex_matches_the_default_copying_stack():
    library = bibtexparser.Library()
    for e in ENTRIES:
        library.add(Entry(e.entry_type, e.key, [Field(k, v) for k, v in e.fields]))
    expected = bibtexparser.write_string(library)
    assert to_bibtex(ENTRIES) == expected
    assert to_bibtex(list(ENTRIES)) == expected  # any sequence; cached by value
    assert to_bibtex(ENTRIES) == expected


def test_a_bibliography_written_in_an_import_worker_is_not_written_again():
    """The import's worker sends references.bib's text; the build's process keeps it
    for the same entries (by value) and writes only others."""
    told = (BibEntry("told1990", "Books", "book", (("title", "Told"),), "o", 1),)
    remember_bibtex(list(told), "@book{told1990, as the worker wrote it}\n")
    same = (BibEntry("told1990", "Books", "book", (("title", "Told"),), "o", 1),)
    assert to_bibtex(same) == "@book{told1990, as the worker wrote it}\n"
    other = (BibEntry("told1990", "Books", "book", (("title", "Other"),), "o", 1),)
    assert "Other" in to_bibtex(other)


def _groups_reference(block_words, seen):
    """The word-by-word loop the cached version replaced."""
    groups = []
    for word in block_words:
        low = word.lower()
        if low not in seen:
            seen.add(low)
            if found := word_forms(word):
                groups.append(f"{word}: {' '.join(found)};")
    return groups


@pytest.mark.parametrize(
    "blocks",
    [
        [["Velichanskaya", "Velichanskaya", "velichanskaya", "the"]],
        [["Khrushchev", "Moscow"], ["KHRUSHCHEV", "Khrushchev", "Хрущев", "RGANI"]],
        [[], ["Tito", "tito", "Tito"], ["Tito"]],
    ],
)
def test_groups_match_the_word_by_word_loop(blocks):
    seen, seen_ref = set(), set()
    for words in blocks:
        assert _groups(words, seen) == _groups_reference(words, seen_ref)
    assert seen == seen_ref


# --- the registry composed by libyaml, or PyYAML without it ----------------------------

ROOT = Path(__file__).resolve().parents[2]
REGISTRY_TEXTS = [
    (ROOT / "content" / "archives.yaml").read_text("utf-8"),
    "archives:\n  - slug: rgani\n    name: [unclosed\n",
    "archives:\n\t- slug: x\n",
    "archives: !!python/object:os.system []\n",
    "archives: {a: 1\n",
    "other: 1\narchives: []\n",
    "archives:\n  - slug: a\n---\narchives: []\n",
    "",
]


@pytest.mark.parametrize("text", REGISTRY_TEXTS)
def test_registry_reads_the_same_with_or_without_libyaml(text, monkeypatch):
    fast = parse_registry(text, "archives.yaml")
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    slow = parse_registry(text, "archives.yaml")
    assert fast[1] == slow[1]  # same problems, messages and lines
    assert fast[0] == slow[0]


def test_bad_yaml_is_located_by_line():
    _, problems = parse_registry("archives:\n  - slug: a\n    name: [x\n", "archives.yaml")
    assert [(p.line, p.code) for p in problems] == [(4, "yaml")]


# --- compiled templates in the user's cache ----------------------------------------------


def _templates(tmp_path: Path, text: str = "<p>{{ x }}</p>\n") -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, "utf-8")
    return folder


def test_templates_are_compiled_into_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    project_cache = tmp_path / ".edition-cache"
    env = environment(_templates(tmp_path), bytecode_cache(project_cache))
    assert env.get_template("page.html").render(x="<a>") == "<p>&lt;a&gt;</p>\n"
    cached = list((tmp_path / "xdg" / "edition" / "jinja").iterdir())
    assert len(cached) == 1
    assert not project_cache.exists()
    # A second environment loads the compiled code instead of compiling again.
    monkeypatch.setattr(Environment, "compile", lambda *a, **k: pytest.fail("compiled again"))
    again = environment(_templates(tmp_path), bytecode_cache(project_cache))
    assert again.get_template("page.html").render(x=1) == "<p>1</p>\n"


def test_a_changed_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    environment(_templates(tmp_path), bytecode_cache()).get_template("page.html").render(x=1)
    changed = environment(_templates(tmp_path, "<b>{{ x }}</b>\n"), bytecode_cache())
    assert changed.get_template("page.html").render(x=1) == "<b>1</b>\n"


def test_without_a_writable_user_cache_the_project_cache_is_used(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails
    assert user_cache_folder() is None
    env = environment(_templates(tmp_path), bytecode_cache(tmp_path / ".edition-cache"))
    assert env.get_template("page.html").render(x=2) == "<p>2</p>\n"
    assert len(list((tmp_path / ".edition-cache" / "jinja").iterdir())) == 1
    again = environment(_templates(tmp_path), bytecode_cache())
    assert again.get_template("page.html").render(x=3) == "<p>3</p>\n"


def test_a_read_only_user_cache_is_skipped_silently(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = user_cache_folder()
    assert folder == tmp_path / "xdg" / "edition" / "jinja"
    env = environment(_templates(tmp_path), bytecode_cache())
    assert isinstance(env.bytecode_cache, _UserBytecodeCache)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)  # as on a read-only disk
    assert env.get_template("page.html").render(x=4) == "<p>4</p>\n"
    assert list(folder.iterdir()) == []


def test_the_shipped_rules_read_the_same_with_or_without_libyaml(monkeypatch):
    text = resources.files("edition").joinpath("data/translit.yaml").read_text("utf-8")
    fast = parse_rules(text)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    slow = parse_rules(text)
    fields = ("reverse", "reverse_initial", "reverse_endings", "fold", "terms", "stopwords")
    for name in fields:
        assert getattr(fast, name) == getattr(slow, name), name
    assert [vars(s) for s in fast.systems] == [vars(s) for s in slow.systems]
    assert fast.impossible.pattern == slow.impossible.pattern
    assert fast.looks_russian.pattern == slow.looks_russian.pattern
    assert (fast.max_readings, fast.min_length) == (slow.max_readings, slow.min_length)


@pytest.mark.parametrize(
    "text",
    ["plain", "Кириллица & <tags> \"quotes\" 'apostrophes'", "lone \ud800 surrogate", "tab\tand\r"],
)
def test_tei_bytes_match_elementtree_utf8_writer(text):
    root = ET.Element("{http://www.tei-c.org/ns/1.0}TEI", {"n": text})
    child = ET.SubElement(root, "{http://www.tei-c.org/ns/1.0}p", {XML_ID: "p-1"})
    child.text, child.tail = text, text
    ET.SubElement(child, "{http://www.tei-c.org/ns/1.0}pb", n="3")
    ET.register_namespace("", "http://www.tei-c.org/ns/1.0")
    expected = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    assert to_bytes(root) == expected
