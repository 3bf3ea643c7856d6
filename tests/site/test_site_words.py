"""The site-wide pages (home, search, archives, names, 404) speak the edition's language."""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, build_project, make_project
from support.articles import text_article
from test_html_valid import check, vnu  # noqa: F401  (vnu is a fixture)

from edition.build.imports import load_registry
from edition.citations.grammar import parse_notes
from edition.config import load_config
from edition.content.article_yaml import dump_article
from edition.errors import Problems
from edition.site.words import packaged_tables, script_of, words_for

RUSSIAN = text_article(
    ["Москва ответила Тиране осенью 1960 года.[^1] Хрущёв молчал.[^2]"],
    ["РГАНИ, ф. 3, оп. 14, д. 463, л. 11.", "РГАНИ, ф. 3, оп. 14, д. 463, лл. 12–14."],
)
SERBIAN = text_article(
    ["Moskva je odgovorila Tirani u jesen 1960.[^1] Hruščov je ćutao.[^2]"],
    ["RGANI, F 3, inv. 14, f. 463, p. 11.", "RGANI, F 3, inv. 14, f. 463, pp. 12–14."],
)
SITE_WIDE = (
    "index.html",
    "search/index.html",
    "archives/index.html",
    "names/index.html",
    "404.html",
)


def _edition(tmp: Path, language: str, article, title: str) -> Path:
    """An edition in `language` of one article in it; its title and description in it too."""
    project = make_project(tmp, sources=[])
    config = project / "edition.yaml"
    text = re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text("utf-8"))
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
    config.write_text(re.sub(r"(?m)^description: .*$", f"description: {title}", text), "utf-8")
    registry = load_registry(load_config(project)[0], Problems())
    notes = parse_notes(article.notes, registry)
    made = replace(article, slug="a", language=language, notes=notes, title=title)
    (project / "content" / "a").mkdir()
    (project / "content" / "a" / "article.yaml").write_text(dump_article(made), "utf-8")
    assert build_project(project, "--no-search") == 0
    return project / "_site"


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _edition(tmp_path_factory.mktemp("ru"), "ru", RUSSIAN, "Издание")


@pytest.fixture(scope="module")
def serbian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _edition(tmp_path_factory.mktemp("sr"), "sr-Latn", SERBIAN, "Izdanje")


def _pages(site: Path) -> list[Path]:
    """The site-wide pages and the archive tree's pages above the files."""
    units = [p for p in (site / "archives").rglob("index.html") if "delo-" not in str(p)]
    return [site / name for name in SITE_WIDE] + units


def _shown(page: str) -> str:
    """What a reader is shown or told: text, the title, labels and placeholders; without
    the registry's English names of archives and the CSL-JSON record (data, not words)."""
    said = r"description|og:\w+|DC\.\w+|citation_abstract"
    told = rf'<meta (?:name|property)="(?:{said})" content="([^"]*)"'
    metas = re.findall(told, page)  # what the page says of itself to search engines
    hidden = r"<script\b.*?</script>|<pre\b.*?</pre>|<meta[^>]*>|<!--.*?-->"
    body = re.sub(hidden, " ", page, flags=re.S)
    attrs = re.findall(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"', body) + metas
    shown = html_lib.unescape(" ".join([re.sub(r"<[^>]+>", " ", body), *attrs]))
    for name in _archive_names():
        shown = shown.replace(name, " ")
    return shown


@cache
def _archive_names() -> tuple[str, ...]:
    registry = load_registry(load_config(ROOT)[0], Problems())
    return tuple(a.name_english for a in registry.archives if a.name_english)


def _fragments(value) -> set[str]:
    """A word's fixed text, in pieces between its {placeholders}."""
    texts = value.values() if isinstance(value, dict) else [value]
    return {p.strip() for t in texts for p in re.split(r"\{\w+\}", t)}


def _english_left(shown: str, lang: str, other: str = "en") -> list[str]:
    """The English (`other`) table's words of 4 letters or more that the page shows, where
    the language's own table has other words."""
    tables = packaged_tables()
    own = {f for value in tables[lang].values() for f in _fragments(value)}
    foreign = {f for value in tables[other].values() for f in _fragments(value)}
    return sorted(
        f
        for f in foreign - own
        if len(re.sub(r"\W", "", f)) >= 4 and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", shown)
    )


@pytest.mark.parametrize("name", SITE_WIDE)
def test_a_russian_editions_site_pages_are_russian(russian, name):
    page = (russian / name).read_text("utf-8")
    assert '<html lang="ru">' in page
    assert _english_left(_shown(page), "ru") == []
    assert 'lang="en"' not in page  # every word had its Russian


def test_the_russian_words_are_the_ones_shown(russian):
    home = (russian / "index.html").read_text("utf-8")
    assert "Содержание тома" in home and ">в этом издании</span>" in home
    assert "Статья, вошедшая в это издание, снабжена ссылкой" in home  # one article: singular
    archives = (russian / "archives" / "index.html").read_text("utf-8")
    # One file cited twice: the file's and the times' plural forms, each by its count.
    assert "1 архивное дело, процитированное в издании 2 раза," in archives
    assert ">Фонд 3</a>" in archives and "1 дело, 2 ссылки" in archives
    missing = (russian / "404.html").read_text("utf-8")
    assert "<title>Страница не найдена · Издание</title>" in missing
    assert '<a href="/">Главная страница издания</a>: список всех статей.' in missing
    assert 'title="Издание: статьи"' in missing  # the feed's link, on every page
    names = (russian / "names" / "index.html").read_text("utf-8")
    assert '<h2 id="persons-h">Лица</h2>' in names and '<h2 id="places-h">Места</h2>' in names
    unit = next((russian / "archives").rglob("opis-14/index.html")).read_text("utf-8")
    assert 'aria-label="Навигационная цепочка"' in unit and ">Архивы</a>" in unit
    assert "Цитируется: 1 дело, 2 ссылки." in unit
    described = "1 архивное дело, процитированное в статьях издания 2 раза, в 1 архиве: RGANI."
    assert f'<meta name="description" content="{described}">' in archives


def test_the_search_page_and_its_script_have_the_editions_words(russian):
    page = (russian / "search" / "index.html").read_text("utf-8")
    assert '<label for="search-q">Слова, имена или номера дел</label>' in page
    assert "<i>Хрущёв</i> находит Khrushchev" in page
    assert '<a href="../names/">указателе имён</a>' in page
    found = re.search(r'<script type="application/json" id="edition-words">(.*?)</script>', page)
    words = json.loads(found.group(1))["words"]
    assert words["search_js_searching"] == "Идёт поиск…"
    assert words["search_js_places"]["many"] == "{n} мест"  # plural forms, for Intl.PluralRules
    assert all(key.startswith("search_js_") for key in words)
    kinds = json.loads(html_lib.unescape(re.search(r'data-kinds="([^"]*)"', page).group(1)))
    note = next(k for k in kinds["kinds"] if k["name"] == "Note")  # the filter's value stays
    assert note["label"] == "Примечание" and note["title"] == "Примечание {}"
    assert '<input type="checkbox" name="kind" value="Note"> Примечание</label>' in page


def test_the_file_page_of_a_russian_edition_is_russian(russian):
    (page,) = (russian / "archives").rglob("delo-463/index.html")
    shown = _shown(page.read_text("utf-8"))
    assert "лл. 12–14" in shown and "Дело 463" in shown  # the sheets and the trail
    assert _english_left(shown, "ru") == []


@pytest.mark.parametrize("name", SITE_WIDE)
def test_a_serbian_latin_editions_site_pages_are_serbian_latin(serbian, name):
    page = (serbian / name).read_text("utf-8")
    assert '<html lang="sr-Latn">' in page
    assert _english_left(_shown(page), "sr-Latn") == []
    assert _english_left(_shown(page), "sr-Latn", "sr-Cyrl") == []  # nor the other script's


def test_the_serbian_latin_words_are_the_ones_shown(serbian):
    assert "Sadržaj toma" in (serbian / "index.html").read_text("utf-8")
    archives = (serbian / "archives" / "index.html").read_text("utf-8")
    assert "1 arhivski predmet, citiran u izdanju 2 puta," in archives
    assert "Stranica nije pronađena" in (serbian / "404.html").read_text("utf-8")


def test_an_edition_in_plain_serbian_takes_the_script_of_its_titles(tmp_path):
    site = _edition(tmp_path, "sr", SERBIAN, "Izdanje o Moskvi i Tirani")
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="sr">' in home and "Sadržaj toma" in home
    assert _english_left(_shown(home), "sr-Latn") == []


def test_the_script_of_texts_given_one_by_one():
    # A generator is read once: the Latin letters must count as the Cyrillic ones do.
    assert script_of(text for text in ["Moskva je odgovorila"]) == "Latn"
    assert script_of(text for text in ["Москва", "Mo"]) == "Cyrl"


def test_the_check_finds_english_where_it_is_left(russian):
    # The test's own check must be able to fail: an English word on a Russian page.
    assert _english_left("Поиск · Contents of the volume", "ru") == ["Contents of the volume"]


def test_a_word_with_markup_escapes_its_text_and_keeps_the_markup():
    from markupsafe import Markup

    t = words_for(packaged_tables(), "ru")
    link = Markup('<a href="/">x</a>')
    assert str(t.html("not_found_home", link=link)) == '<a href="/">x</a>: список всех статей.'
    assert str(t.html("search_help_finds", query="<b>", found="&")) == "&lt;b&gt; находит &amp;"
    english = words_for({"en": {"w": "a < {x}"}, "it": {}}, "it")
    assert str(english.html("w", x=link)) == '<span lang="en">a &lt; <a href="/">x</a></span>'


def test_the_site_pages_of_other_languages_validate(russian, serbian, vnu):  # noqa: F811
    pages = [p for site in (russian, serbian) for p in _pages(site)]
    assert check(vnu, pages) == []
