"""Interface words follow the article's language; English fills a gap, marked lang="en"."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build_project, make_project
from support.articles import text_article
from test_html_valid import check, vnu  # noqa: F401  (vnu is a fixture)

from edition.build.imports import load_registry
from edition.citations.grammar import parse_notes
from edition.config import load_config
from edition.content.article_yaml import dump_article
from edition.errors import BuildError, Problems
from edition.site.words import load_tables, packaged_tables, plural_category, words_for

RUSSIAN = text_article(
    ["Москва ответила Тиране осенью 1960 года.[^1] Зерно не пришло.[^2]"],
    ["РГАНИ, ф. 3, оп. 14, д. 463, л. 11.", "См.: Иванов, *Книга*, 45."],
    [({"author": "Иванов И."}, "Иванов И. *Книга*. М., 2001.")],
)
GERMAN = text_article(
    ["Moskau antwortete Tirana im Herbst 1960.[^1]"],
    ["RGANI, F 3, inv. 14, f. 463, p. 12."],
    [({"author": "Müller"}, "Müller, H. *Ein Buch*. Berlin, 2001.")],
)


def _project(tmp: Path, articles: dict[str, tuple], words: str = "") -> Path:
    """A project of these (article, language) by slug, with citations read as import reads them."""
    project = make_project(tmp, sources=[])
    registry = load_registry(load_config(project)[0], Problems())
    for slug, (article, language) in articles.items():
        notes = parse_notes(article.notes, registry)
        made = replace(article, slug=slug, language=language, notes=notes, title=f"{slug}")
        (project / "content" / slug).mkdir()
        (project / "content" / slug / "article.yaml").write_text(dump_article(made), "utf-8")
    if words:
        (project / "templates" / "interface.yaml").write_text(words, "utf-8")
    assert build_project(project, "--no-search") == 0
    return project / "_site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # `it` has no table: every word is English, and says so; `hr` is replaced in part.
    own = "hr:\n  notes: Bilješke urednika\nit:\n  notes: Note\n"
    articles = {"ru": (RUSSIAN, "ru"), "de": (GERMAN, "de"), "it": (GERMAN, "it")}
    articles |= {"hr": (GERMAN, "hr"), "sr": (RUSSIAN, "sr")}
    return _project(tmp_path_factory.mktemp("words"), articles, own)


def _page(site: Path, slug: str) -> str:
    return (site / "articles" / slug / "index.html").read_text("utf-8")


def _heading(html: str, anchor: str) -> str:
    return re.search(rf'<h2 id="{anchor}">(.*?)</h2>', html).group(1)


def _script_words(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="edition-words">(.*?)</script>', html)
    return json.loads(found.group(1))


@pytest.mark.parametrize(
    ("slug", "notes", "bibliography", "marker", "back", "close"),
    [
        (
            "ru",
            "Примечания",
            "Литература",
            "Примечание 1",
            "Назад к примечанию 1 в тексте",
            "Закрыть примечание",
        ),
        (
            "de",
            "Anmerkungen",
            "Literatur",
            "Anmerkung 1",
            "Zurück zu Anmerkung 1 im Text",
            "Anmerkung schließen",
        ),
    ],
)
def test_an_article_page_speaks_its_language(site, slug, notes, bibliography, marker, back, close):
    html = _page(site, slug)
    assert f'<html lang="{slug}">' in html
    assert _heading(html, "notes-h") == notes
    assert _heading(html, "bib-h") == bibliography
    assert f'aria-label="{marker}" aria-describedby="fnt-1"' in html
    assert f'role="doc-backlink" aria-label="{back}">' in html
    words = _script_words(html)
    assert words["words"]["js_close_note"] == close and words["langs"] == {}
    assert words["words"]["js_note_n"].replace("{n}", "1") == marker
    # Nothing is English on the page's own words, so nothing is marked as English.
    assert 'lang="en"' not in html


def test_a_missing_word_is_english_and_marked_so(site):
    html = _page(site, "it")
    assert '<html lang="it">' in html
    assert _heading(html, "notes-h") == "Note"  # the edition's own Italian word
    assert _heading(html, "bib-h") == '<span lang="en">Bibliography</span>'
    # In an attribute, the element holding it is marked.
    assert 'aria-label="Back to note 1 in the text" lang="en">' in html
    words = _script_words(html)
    assert words["words"]["js_close_note"] == "Close note"
    assert words["langs"]["js_close_note"] == "en"


def test_an_edition_replaces_one_word_and_keeps_the_rest(site):
    html = _page(site, "hr")
    assert _heading(html, "notes-h") == "Bilješke urednika"
    assert _heading(html, "bib-h") == "Literatura"  # the shipped Croatian


def test_serbian_takes_the_script_of_its_text(site):
    assert _heading(_page(site, "sr"), "notes-h") == "Напомене"  # a Cyrillic text
    tables = packaged_tables()
    assert words_for(tables, "sr", ["Moskva je odgovorila Tirani"])("notes").text == "Napomene"
    assert words_for(tables, "sr-Latn", ["Москва"])("notes").text == "Napomene"  # the tag wins
    assert words_for(tables, "sr-Cyrl-RS")("notes").text == "Напомене"
    assert words_for(tables, "de-AT")("notes").text == "Anmerkungen"


def test_the_file_page_speaks_the_language_of_the_articles_citing_it(site):
    # RGANI f. 3, op. 14, d. 463 is cited by the Russian, German, Croatian and
    # Serbian articles: the edition's language (English), each note in its own.
    pages = list((site / "archives").rglob("delo-463/index.html"))
    assert pages, "the fixture cites RGANI 3/14/463"
    html = pages[0].read_text("utf-8")
    assert '<html lang="en">' in html and _heading(html, "cited-h") == "Cited in"
    assert '<p class="note-text" lang="ru">' in html
    assert '<p class="note-text" lang="de">' in html


def test_a_file_cited_by_one_language_is_in_that_language(tmp_path):
    site = _project(tmp_path, {"ru": (RUSSIAN, "ru")})
    (page,) = (site / "archives").rglob("delo-463/index.html")
    html = page.read_text("utf-8")
    assert '<html lang="ru">' in html
    assert _heading(html, "cited-h") == "Цитируется в"
    assert _heading(html, "sheets-h") == "Цитируемые листы"
    assert 'class="note-text" lang=' not in html  # the page's own language


def test_english_pages_carry_no_marks_and_the_words_they_always_had(built_site):
    html = (built_site / "articles" / "balcanica-2019-edemskiy" / "index.html").read_text("utf-8")
    assert _heading(html, "notes-h") == "Notes" and _heading(html, "bib-h") == "Bibliography"
    assert 'lang="en"' not in html.split("\n", 2)[2]  # only <html lang="en">
    assert _script_words(html)["langs"] == {}


def test_the_pages_of_other_languages_validate(site, vnu):  # noqa: F811
    pages = [site / "articles" / slug / "index.html" for slug in ("ru", "it", "sr")]
    pages += list((site / "archives").rglob("delo-463/index.html"))
    assert check(vnu, pages) == []


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("ru", {1: "one", 3: "few", 5: "many", 11: "many", 21: "one", 22: "few", 112: "many"}),
        ("sr-Latn", {1: "one", 4: "few", 5: "other", 14: "other", 31: "one"}),
        ("fr", {0: "one", 1: "one", 2: "other"}),
        ("en", {0: "other", 1: "one", 2: "other"}),
    ],
)
def test_plural_categories(lang, counts):
    assert {n: plural_category(lang, n) for n in counts} == counts


def test_a_count_chooses_its_plural_and_fills_the_number():
    t = words_for(packaged_tables(), "ru")
    assert [t("count_notes", count=n).text for n in (1, 3, 5)] == [
        "1 примечание",
        "3 примечания",
        "5 примечаний",
    ]


def test_every_shipped_language_has_every_english_word():
    tables = packaged_tables()
    for tag, table in tables.items():
        assert set(table) == set(tables["en"]), tag


def test_a_word_no_table_has_stops_the_build_with_its_name(tmp_path):
    project = make_project(tmp_path, sources=[])
    own = project / "templates" / "interface.yaml"
    own.write_text("ru: [notes]\nde:\n  notes: Anmerkungen\n  close: [Zu]\n", "utf-8")
    with pytest.raises(BuildError) as raised:
        load_tables(project / "templates", "templates/interface.yaml")
    shown = [str(p).split("\n")[0] for p in raised.value.problems]
    assert shown == [
        "templates/interface.yaml:1: error: 'ru' does not hold words",
        "templates/interface.yaml:4: error: de: 'close' must be a text, or texts by plural"
        " (one, few, other)",
    ]
    t = words_for(packaged_tables(), "ru")
    with pytest.raises(Exception, match="no interface word 'nonesuch'"):
        t("nonesuch")
