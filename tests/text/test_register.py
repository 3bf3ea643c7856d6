"""Registers of names: the table's format, its problems, and finding every mention."""

from __future__ import annotations

from dataclasses import replace

import pytest

from edition.text.register import (
    Name,
    NameTable,
    find_mentions,
    fold_text,
    gather_register,
    merge_names,
    parse_names,
    shipped_names,
)
from tests.support.articles import text_article as article


def table(text: str):
    found, problems = parse_names(text, "content/names.yaml")
    assert problems == []
    return found


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("people:\n  - {name: X}\n", 1, "unknown list 'people'"),
        ("persons:\n  - {russian: Икс}\n", 2, "an entry needs a `name:`"),
        ("persons:\n  - {name: X, born: 1900}\n", 2, "unknown field 'born'"),
        ("persons:\n  - {name: X, also: [[Y]]}\n", 2, "`also:` must be text or a list of texts"),
        ("persons: {name: X}\n", 1, "`persons:` must be a list of entries"),
        ("persons:\n  - [X]\n", 2, "an entry must be a mapping with at least `name:`"),
        ("persons: [\n", 2, "not valid YAML"),
    ],
)
def test_table_problems_name_the_file_and_line(text, line, message):
    _, problems = parse_names(text, "content/names.yaml")
    assert problems, text
    assert (problems[0].path, problems[0].line) == ("content/names.yaml", line)
    assert problems[0].message.startswith(message)


def test_an_empty_table_is_no_problem():
    assert parse_names("", "x.yaml") == (parse_names("{}", "x.yaml")[0], [])


def test_every_mention_in_paragraphs_and_notes_with_the_form_printed():
    names = table(
        "persons:\n  - {name: Enver Hoxha, also: [Enver Hodja], russian: Энвер Ходжа}\n"
        "places:\n  - {name: Tirana, russian: Тирана, native: [Tiranë]}\n"
    )
    found = gather_register(
        article(
            ["Hoxha’s reply reached Moscow.", "Nothing here.", "In Tiranë, Enver Hodja spoke."],
            ["Энвер Ходжа, Избранные труды.", "Letter from Tirana."],
        ),
        names,
    )
    by_name = {e.name.name: e for e in found}
    hoxha = by_name["Enver Hoxha"]
    assert [(m.target, m.n) for m in hoxha.mentions] == [("p", 1), ("p", 3), ("note", 1)]
    assert hoxha.printed == ("Hoxha", "Enver Hodja", "Энвер Ходжа")
    assert [(m.target, m.n, m.printed) for m in by_name["Tirana"].mentions] == [
        ("p", 3, "Tiranë"),
        ("note", 2, "Tirana"),
    ]


def test_whole_words_only_and_abbreviations_in_capitals():
    names = table(
        "places:\n  - {name: Mali}\n"
        "organisations:\n  - {name: Party of Labour of Albania, abbreviations: [PLA, ALP]}\n"
    )
    found = gather_register(
        article(["Somali traders and a plateau.", "the pla of the ALP", "Mali-based"]), names
    )
    assert [(e.name.name, [m.n for m in e.mentions]) for e in found] == [
        ("Party of Labour of Albania", [2]),
    ]


def test_an_edition_entry_replaces_the_shipped_one_of_the_same_name():
    own = table("places:\n  - {name: Tirana, russian: Тирана, about: capital since 1920}\n")
    merged = merge_names(shipped_names(), own)
    tirana = [n for n in merged.names if n.name == "Tirana"]
    assert len(tirana) == 1 and tirana[0].about == "capital since 1920"
    assert len(merged.names) == len(shipped_names().names)


def test_the_shipped_table_reads_without_problems_and_has_unique_names():
    names = shipped_names().names
    assert len({(n.kind, n.name) for n in names}) == len(names)
    assert len({n.key for n in names}) == len(names)
    hoxha = next(n for n in names if n.name == "Enver Hoxha")
    assert hoxha.russian == ("Энвер Ходжа",) and hoxha.kind == "persons"


def test_folding_keeps_offsets_for_printing():
    assert fold_text("Mëhilli Đilas Bakić") == "Mehilli Dilas Bakic"


def test_a_mention_in_decomposed_letters_is_printed_as_in_the_text():
    names = table("persons:\n  - {name: Elidor Mëhilli}\n")
    text = "As Ele Me\u0308hilli wrote, and Mëhilli again."
    found = gather_register(article([text]), names)
    assert [m.printed for e in found for m in e.mentions] == ["Me\u0308hilli"]


def test_hyphenated_compounds_are_one_word():
    names = table("places:\n  - {name: Albania}\n  - {name: Gheorghiu-Dej}\n")
    found = gather_register(article(["Soviet-Albanian talks; Gheorghiu-Dej spoke."]), names)
    assert [e.name.name for e in found] == ["Gheorghiu-Dej"]


def test_bibliography_mentions_only_when_asked():
    from dataclasses import replace

    from edition.model import BibEntry

    names = table("places:\n  - {name: Tirana}\n")
    bib = (BibEntry("lalaj", "Literature", "book", (), "Lalaj, A. Tirana, 2010.", 9),)
    text = replace(article(["Nothing."], ["Tirana, 1961."]), bibliography=bib)
    assert [m.anchor for m in gather_register(text, names)[0].mentions] == ["fn-1"]
    mentions = gather_register(text, names, bibliography=True)[0].mentions
    assert [(m.anchor, m.printed) for m in mentions] == [
        ("fn-1", "Tirana"),
        ("bib-lalaj", "Tirana"),
    ]


def test_an_article_s_table_finds_what_a_table_read_anew_finds():
    """The index of a table derived from the edition's (entries replaced, added) is
    changed from the edition's: it must find exactly what a fresh reading finds."""
    base, _ = parse_names(
        "persons:\n  - {name: Enver Hoxha, russian: Энвер Ходжа}\n"
        "  - {name: Mehmet Shehu}\n  - {name: Nikita Khrushchev}\n"
        "places:\n  - {name: Tirana, native: [Tiranë]}\n",
        "names.yaml",
    )
    names = list(base.names)
    names[1] = replace(names[1], also=("Mehmed Shehu", "Shehu Mehmet"))  # Shehu: its words change
    names[2] = replace(names[2], by_surname=False)  # Khrushchev alone no longer found
    names.append(Name("persons", "Nikolai Novikov"))
    derived = NameTable(tuple(names), base.ignored)
    texts = ["Hoxha and Shehu Mehmet met Khrushchev.", "Nikolai Novikov in Tiranë.", "Novikov."]
    find_mentions(texts, base)  # the edition's table first, as an import reads it
    changed = find_mentions(texts, derived)
    other = NameTable(tuple(Name("places", f"Place {i}") for i in range(100)), ())
    find_mentions(texts, other)  # another edition's: the derived table is read anew
    fresh = find_mentions(texts, derived)
    assert changed == fresh
    assert [(n.name, w) for n, w in changed] == [
        ("Enver Hoxha", [(0, "Hoxha")]),
        ("Mehmet Shehu", [(0, "Shehu Mehmet")]),
        ("Tirana", [(1, "Tiranë")]),
        ("Nikolai Novikov", [(1, "Nikolai Novikov"), (2, "Novikov")]),
    ]
