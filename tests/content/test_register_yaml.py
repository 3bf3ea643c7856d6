"""register.yaml: what import writes of an article's register of names."""

from __future__ import annotations

import yaml

from edition.content.register_yaml import HEADER, dump_register
from edition.model import Article, Cover, Note, Paragraph
from edition.text.register import parse_names
from tests.support.articles import text_article as article


def test_register_lists_forms_and_mentions_by_kind():
    table, _ = parse_names(
        "places:\n  - {name: Tirana, russian: Тирана, native: [Tiranë]}\n"
        "persons:\n  - {name: Mehmet Shehu, also: [Mehmed Shehu], russian: Мехмет Шеху,"
        " dates: 1913–1981}\n",
        "names.yaml",
    )
    text = dump_register(article(["Shehu went to Tiranë."], ["Mehmed Shehu, 1960."]), table)
    assert text.startswith(HEADER)
    assert yaml.safe_load(text) == {
        "persons": [
            {
                "name": "Mehmet Shehu",
                "from": "names.yaml",
                "printed": ["Shehu", "Mehmed Shehu"],
                "also": ["Mehmed Shehu"],
                "russian": ["Мехмет Шеху"],
                "dates": "1913–1981",
                "mentions": ["p-1", "fn-1"],
            }
        ],
        "places": [
            {
                "name": "Tirana",
                "from": "names.yaml",
                "printed": ["Tiranë"],
                "russian": ["Тирана"],
                "native": ["Tiranë"],
                "mentions": ["p-1"],
            }
        ],
    }
    assert "Тирана" in text  # written as letters, not escapes


def test_an_article_without_names_has_an_empty_register():
    table, _ = parse_names("places:\n  - {name: Tirana}\n", "names.yaml")
    assert yaml.safe_load(dump_register(article(["Nothing."], []), table)) == {}
