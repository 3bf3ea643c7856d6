"""Spelling rules and search markup: table-driven, no browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from edition.build.pagefind import index_site
from edition.citations.registry import read_registry
from edition.errors import BuildError
from edition.site.search_markup import (
    annotate_blocks,
    annotate_html,
    citation_terms,
    forms_span,
    kinds_json,
    register,
    search_kinds,
    site_known,
)
from edition.site.words import english
from edition.text.names import fold
from edition.text.register import parse_names, shipped_names
from edition.text.register_forms import known_forms
from edition.text.spellings import (
    default_rules,
    folded_forms,
    latin_letters,
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
    environment.globals["t"] = english()  # the pages' words, as render.environment gives them
    return environment


def test_search_terms_macro_emits_the_hidden_span():
    template = env().from_string(
        '{% from "_search_terms.html" import search_terms %}{{ search_terms(t) }}'
    )
    html = template.render(t="RGANI, fond 3, opis 14, delo 463")
    assert html.startswith('<span class="search-forms" hidden> ⁅')
    assert "дело" in html


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


# --- no hidden form is a non-word ----------------------------------------------------


@pytest.mark.parametrize(
    "word",
    # Shaped like no Russian name: the rules would write албаня, совиец, бритаин,
    # ргя, вии, чина; these get Cyrillic only from a known form.
    ["Albania", "Soviets", "Britain", "RGIA", "VII", "China", "Initiative", "Serbia", "ARTS"],
)
def test_rules_give_no_cyrillic_to_words_not_shaped_like_russian(word):
    assert not [f for f in word_forms(word) if re.search("[а-я]", f)]


def test_an_ambiguous_reading_is_left_out_not_guessed():
    # Mikhail reads as михаил or михайл, Rossiiskii as российский or россииский.
    for word in ("Mikhail", "Rossiiskii"):
        assert not [f for f in word_forms(word) if re.search("[а-я]", f)], word


def test_known_forms_win_over_the_rules():
    known = known_forms(shipped_names())
    assert "албания" in word_forms("Albania", known=known)
    assert "албаня" not in word_forms("Albania", known=known)
    assert {"ходжа", "hodja", "khodzha"} <= set(word_forms("Hoxha", known=known))
    assert {"пекин", "peking"} <= set(word_forms("Beijing", known=known))
    assert "beijing" in word_forms("Пекин", known=known)


def test_an_abbreviation_is_known_only_in_capitals():
    known = known_forms(shipped_names())
    assert "сша" in word_forms("US", known=known)
    assert word_forms("us", known=known) == ()
    assert {"кпсс", "kpss", "cpss"} <= set(word_forms("CPSU", known=known))
    assert "apt" not in word_forms("PLA", known=known)  # АПТ is not transliterated


def test_an_edition_table_pairs_word_for_word_persons_but_not_organisations():
    table, problems = parse_names(
        "persons:\n  - {name: Ahmet Zogu, russian: Ахмет Зогу}\n"
        "organisations:\n  - {name: Workers Party, russian: Партия труда, abbreviations: [WP]}\n",
        "names.yaml",
    )
    assert problems == []
    known = known_forms(table)
    assert "зогу" in word_forms("Zogu", known=known)
    assert "ахмет" in word_forms("Ahmet", known=known)
    assert word_forms("Party", known=known) == ()


def test_site_known_adds_the_archives_short_names_in_both_scripts():
    registry = read_registry(str(TEMPLATES.parents[2] / "content" / "archives.yaml"))
    known = site_known(shipped_names(), registry)
    assert "ргани" in word_forms("RGANI", known=known)
    assert "rgani" in word_forms("РГАНИ", known=known)


def test_one_transliteration_table_for_names_and_search():
    letters = latin_letters()
    assert letters["щ"] == "shch" and letters["ђ"] == "dj"
    assert fold("sovetской") == "sovetskoi"


# --- one list of result kinds ----------------------------------------------------------


def test_kinds_are_one_list_given_to_pages_and_the_search_page():
    assert search_kinds("article") == ["Article text", "Note", "Editorial note", "Bibliography"]
    assert search_kinds("unit") == ["Archival file"]
    data = json.loads(kinds_json())
    assert [k.get("page") for k in data["kinds"] if k["name"] == "Archival file"] == ["{}/"]
    assert [k["name"] for k in data["kinds"]] == search_kinds()
    by_id = {}
    for anchor in [
        "p-3",
        "fn-45",
        "apparatus-h",
        "bib-lalaj2010",
        "file-opis-14/delo-463",
        "name-tito",
        "bib-h",
    ]:
        by_id[anchor] = [k["name"] for k in data["kinds"] if re.search(k["region"], anchor)]
    assert by_id == {
        "p-3": ["Article text"],
        "fn-45": ["Note"],
        "apparatus-h": ["Editorial note"],
        "bib-lalaj2010": ["Bibliography"],
        "file-opis-14/delo-463": ["Archival file"],
        "name-tito": ["Name"],
        "bib-h": [],
    }
    assert re.search(data["end"], "notes-h") and not re.search(data["end"], "fn-4")


def test_search_page_and_templates_read_the_kinds():
    config = SimpleNamespace(
        title="E", language="en", description="", licence="", site_url="", base_url="/"
    )
    html = env().get_template("search.html").render(root="../", config=config, page_path="search/")
    for kind in search_kinds():
        assert f'value="{kind}"' in html
    assert "data-kinds=" in html


def test_citation_terms_give_every_reading_of_a_label():
    registry = read_registry(str(TEMPLATES.parents[2] / "content" / "archives.yaml"))
    data = json.loads(citation_terms(registry))
    assert {"fond", "delo"} <= set(data["labels"]["f"])  # F 3 … f. 463
    assert "opis" in data["labels"]["inv"] and "delo" in data["labels"]["delo"]
    assert "delo" in data["labels"]["дело"]
    order = data["levels"]
    assert order.index("fond") < order.index("opis") < order.index("delo")
    assert data["archives"]["rgani"] == "rgani" and data["archives"]["ргани"] == "rgani"
    assert json.loads(citation_terms(None))["labels"] == {}


def test_a_names_whole_forms_follow_its_first_mention_only():
    names, _ = parse_names(
        "organisations:\n  - {name: League of Communists of Yugoslavia, abbreviations: [LCY],"
        " russian: Союз коммунистов Югославии}\n",
        "names.yaml",
    )
    texts = ["Nothing here.", "The LCY met.", "The LCY met again."]
    html = annotate_blocks(texts, texts, known_forms(names), names)
    assert "союз коммунистов югославии" in html[1] and "@LCY:" in html[1]
    assert "league" in html[1]  # the English name, for a text that prints only LCY
    assert "search-forms" not in html[0] and "@LCY" not in html[2]
