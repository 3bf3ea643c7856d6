"""Spelling rules and search markup: table-driven, no browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from edition.build.pagefind import index_site
from edition.errors import BuildError
from edition.site.search_markup import annotate_html, forms_span, register
from edition.text.spellings import (
    default_rules,
    folded_forms,
    parse_rules,
    to_cyrillic,
    to_latin,
    word_forms,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "edition" / "templates"


def system(name: str):
    return next(s for s in default_rules().systems if s.name == name)


@pytest.mark.parametrize(
    ("cyrillic", "lc", "bgn", "popular", "j"),
    [
        ("хрущёв", "khrushchev", "khrushchyov", "khrushchyov", "hrushchjov"),
        ("микоян", "mikoian", "mikoyan", "mikoyan", "mikojan"),
        ("суслов", "suslov", "suslov", "suslov", "suslov"),
        ("величанская", "velichanskaia", "velichanskaya", "velichanskaya", "velichanskaja"),
        ("малиновский", "malinovskii", "malinovskiy", "malinovsky", "malinovskij"),
        ("достоевский", "dostoevskii", "dostoyevskiy", "dostoyevsky", "dostoevskij"),
        ("ельцин", "el'tsin".replace("'", ""), "yeltsin", "yeltsin", "eltsin"),
        ("юрий", "iurii", "yuriy", "yuriy", "jurij"),
        ("щёлоков", "shchelokov", "shchyolokov", "shchyolokov", "shchjolokov"),
        ("опись", "opis", "opis", "opis", "opis"),
    ],
)
def test_cyrillic_to_latin_in_every_system(cyrillic, lc, bgn, popular, j):
    got = [to_latin(cyrillic, system(n)) for n in ("lc", "bgn", "popular", "j")]
    assert got == [lc, bgn, popular, j]


def test_to_latin_refuses_letters_outside_russian():
    assert to_latin("їжак", system("lc")) == ""


@pytest.mark.parametrize(
    ("latin", "readings"),
    [
        ("khrushchev", ["хрущев"]),
        ("mikoyan", ["микоян"]),
        ("suslov", ["суслов"]),
        ("velichanskaia", ["величанская"]),
        ("velichanskaja", ["величанская"]),
        ("malinovsky", ["малиновский"]),
        ("kosygin", ["косыгин"]),
        ("sejko", ["сейко"]),
        ("seyko", ["сейко"]),
        ("rgani", ["ргани"]),
        ("warsaw", []),  # w: not a Russian name
        ("crisis", []),  # c: likewise
    ],
)
def test_latin_reads_back_into_cyrillic(latin, readings):
    assert to_cyrillic(latin, default_rules()) == readings


@pytest.mark.parametrize(
    ("word", "must", "must_not"),
    [
        ("Khrushchev", {"хрущев"}, {"khrushchev"}),
        ("Mikoyan", {"микоян", "mikoian", "mikojan"}, {"mikoyan"}),
        ("Suslov", {"суслов"}, set()),
        ("Velichanskaia", {"velichanskaya", "velichanskaja", "величанская"}, set()),
        ("Velichanskaya", {"velichanskaia", "величанская"}, set()),
        ("Хрущёв", {"khrushchev", "khrushchyov"}, set()),
        ("Микоян", {"mikoyan", "mikoian"}, set()),
        ("Malinovsky", {"malinovskii", "malinovskiy", "malinovskij"}, set()),
        ("Sejko", {"seyko"}, set()),
        ("Đilas", {"djilas", "dilas"}, set()),
        ("Łukasz", {"lukasz"}, set()),
        ("delo", {"дело"}, set()),
        ("РГАНИ", {"rgani"}, set()),
        ("RGANI", {"ргани"}, set()),
    ],
)
def test_word_forms(word, must, must_not):
    forms = set(word_forms(word))
    assert must <= forms
    assert not forms & must_not


@pytest.mark.parametrize(
    "word",
    # Pagefind folds what decomposes (measured with 1.5.2); common words and
    # lowercase prose get nothing, which keeps the index small.
    ["Mëhilli", "Lüthi", "Bakić", "The", "However", "soviet", "archive", "In", "463"],
)
def test_words_that_need_no_forms(word):
    assert word_forms(word) == ()


def test_folded_forms_of_a_text_are_unique_and_leave_out_words_present():
    text = "Khrushchev met Mikoyan; Khrushchev and Микоян agreed."
    forms = folded_forms(text)
    assert len(forms) == len(set(forms))
    assert "хрущев" in forms
    assert "mikoian" in forms
    assert "mikoyan" not in forms  # in the text already
    assert "микоян" not in forms


def test_rules_are_data():
    rules = parse_rules(
        """
systems:
  only:
    letters: {х: h, у: u, й: i}
reverse: {never: [], initial: {}, impossible: ["^$"], max_readings: 2, min_length: 2}
stopwords: []
fold: {}
terms: {}
"""
    )
    assert to_latin("хуй"[:2], rules.systems[0]) == "hu"
    assert word_forms("Hu", rules) == ("ху",)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "Khrushchev met Khrushchev",
            "Khrushchev met Khrushchev"
            '<span class="search-forms" hidden> ⁅Khrushchev: хрущев hrushchev;⁆ </span>',
        ),
        ("<p>A &amp; B</p>", "<p>A &amp; B</p>"),
        ('<a href="#Suslov" title="Suslov">x</a>', '<a href="#Suslov" title="Suslov">x</a>'),
        ("<script>Suslov</script>", "<script>Suslov</script>"),
        (
            "<em>Đilas</em>",
            '<em>Đilas</em><span class="search-forms" hidden> ⁅Đilas: djilas dilas;⁆ </span>',
        ),
    ],
)
def test_annotate_html(html, expected):
    assert annotate_html(html) == expected


def test_annotate_html_keeps_markup_unescaped():
    html = annotate_html(Markup("<em>Suslov</em>"))
    assert html.startswith("<em>Suslov</em><span class=")


def test_annotate_html_is_idempotent():
    once = annotate_html("<p>Suslov</p>")
    assert annotate_html(once) == once


def test_forms_are_escaped_and_empty_forms_give_nothing():
    assert forms_span([]) == ""
    assert "&lt;b&gt;" in forms_span(["<b>"])


def env() -> Environment:
    loader = FileSystemLoader(str(TEMPLATES))
    environment = Environment(
        loader=loader, autoescape=select_autoescape(default=True, default_for_string=True)
    )
    register(environment)
    return environment


def test_search_terms_macro_emits_the_hidden_span():
    template = env().from_string(
        '{% from "_search_terms.html" import search_terms %}{{ search_terms(t) }}'
    )
    html = template.render(t="RGANI, fond 3, opis 14, delo 463")
    assert html.startswith('<span class="search-forms" hidden> ⁅')
    assert "дело" in html and "ргани" in html


@pytest.mark.parametrize(("root", "action"), [("", "search/"), ("../../", "../../search/")])
def test_searchbox_is_a_plain_get_form_to_the_search_page(root, action):
    html = env().get_template("_searchbox.html").render(root=root)
    assert f'method="get" action="{action}"' in html
    assert 'name="q"' in html


def test_search_page_loads_its_script_relative_to_root():
    environment = env()
    environment.loader = __import__("jinja2").ChoiceLoader(
        [DictLoader({"base.html": "{% block content %}{% endblock %}"}), environment.loader]
    )
    html = environment.get_template("search.html").render(root="../")
    assert '<script type="module" src="../assets/search.js">' in html
    assert 'data-root="../"' in html
    assert 'aria-live="polite"' in html


def test_index_site_says_what_is_wrong(tmp_path):
    with pytest.raises(BuildError) as missing:
        index_site(tmp_path / "nothing", "/")
    assert str(missing.value) == (
        f"{tmp_path / 'nothing'}: error: the built site is not there\n"
        "  hint: build the site before indexing it"
    )
    with pytest.raises(BuildError, match="must start and end with '/'"):
        index_site(tmp_path, "repo")


def test_index_site_with_no_indexable_page(tmp_path):
    (tmp_path / "index.html").write_text("<p>no html element</p>")
    with pytest.raises(BuildError, match="Pagefind found no page to index"):
        index_site(tmp_path, "/")


def test_index_site_reports_stats(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><body><main data-pagefind-body>'
        "<h1>Suslov</h1><p>Mikoyan</p></main></body></html>"
    )
    stats = index_site(tmp_path, "/repo/")
    assert stats.pages == 1
    assert stats.words >= 2
    assert 0 < stats.index_bytes < stats.bundle_bytes
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
