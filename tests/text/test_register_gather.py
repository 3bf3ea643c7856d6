"""Names an article prints that the table lacks: what becomes an entry, and what never does."""

from __future__ import annotations

import pytest

from edition.text.register import gather_register, parse_names
from edition.text.register_article import (
    article_names,
    article_register,
    made_register,
    spellings_of,
)
from edition.text.register_gather import (
    abbreviations_in,
    bibliography_candidates,
    default_clues,
    find_candidates,
)
from tests.support.articles import text_article as article

TABLE = """\
persons:
  - {name: Nikita Khrushchev, russian: Никита Хрущёв}
  - {name: Nikolai Firyubin, russian: Николай Фирюбин}
  - {name: Yosif Shikin, also: [Iosif Shikin], russian: Иосиф Шикин}
  - {name: Edvard Kardelj}
  - {name: Walter Ulbricht}
  - {name: Enver Hoxha, russian: Энвер Ходжа}
places:
  - {name: Moscow, russian: Москва}
organisations:
  - {name: People's Republic of Albania}
  - {name: League of Communists of Yugoslavia, abbreviations: [LCY, СКЮ],
     russian: Союз коммунистов Югославии}
  - {name: Communist Party of the Soviet Union, abbreviations: [CPSU]}
"""


def table():
    found, problems = parse_names(TABLE, "content/names.yaml")
    assert problems == []
    return found


def gathered(paragraphs: list[str], notes: list[str] = (), bib: list[tuple] = ()):
    names = article_names(article(paragraphs, notes, bib), table()).table.names
    return {(n.kind, n.name): n for n in names if n.origin == "article"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English: a comrade, a title, initials, a given name the table knows
        ("On 3 May comrade Novikov wrote to Moscow.", {"Novikov"}),
        ("Comrade Novikov's letter came.", {"Novikov"}),
        ("It was comrade Novikov’s Moscow.", {"Novikov"}),
        ("Marshal Zhukov and Ambassador Ivanov met.", {"Zhukov", "Ivanov"}),
        ("The report of A. A. Gromov reached him.", {"A. A. Gromov"}),
        ("The report of N.S. Petrov reached him.", {"N. S. Petrov"}),
        ("A report by Yu. V. Andreev arrived.", {"Yu. V. Andreev"}),
        ("Pisao je Lj. Stojanović.", {"Lj. Stojanović"}),
        ("Mr. Smith and Dr. Brown arrived.", {"Smith", "Brown"}),
        ("Nikolai Novikov spoke after Nikolai Firyubin.", {"Nikolai Novikov"}),
        ("They recalled comrade Petrov I. V. from Tirana.", {"Petrov I. V."}),
        # Russian, Serbian, Albanian, German
        ("товарищ Громов сообщил, что И. В. Петров прибыл.", {"Громов", "И. В. Петров"}),
        ("Govorio je drug Vukmanović, a drug Kardelj ćutao.", {"Vukmanović"}),
        ("Foli shoku Spiru.", {"Spiru"}),
        ("Genosse Honecker und Genosse Ulbricht.", {"Honecker"}),
    ],
)
def test_a_person_shown_by_a_clue_becomes_an_entry(text, expected):
    found = {name for kind, name in gathered([text]) if kind == "persons"}
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "In May Novikov wrote.",  # no clue: a capitalised word alone is not a name
        "In June Hoxha spoke. The Press said so. However, Moscow agreed.",
        "The U. S. Navy sailed; M.I.T. Press printed it.",  # initialisms, a publisher
        "It was Plan B. Moscow agreed.",  # a sentence ends with a capital: Moscow is a place
        "comrade Stone spoke of a stone.",  # a word printed in lowercase is a common word
        "Comrades, the end. Dear comrades!",
        "Ambassador in Tirana, Marshal of the Soviet Union.",
        "comrade Enver spoke.",  # the table's given name alone: the table's person
        "General Secretary Novikov and the First Deputy Premier spoke.",  # titles, not names
        "N. S. Khrushchev and comrade Shikin I. V. agreed.",  # the table knows them
        "Comrade Khrushchev's speech.",
        "See F. 3, inv. 14, p. 5, and January 1961.",
        "They sailed to St. Petersburg; telegram No. 423 came; see Vol. Seven.",
        "ROSSPEN, 2004.",
    ],
)
def test_what_never_becomes_a_person(text):
    assert {n for k, n in gathered([text]) if k == "persons"} == set()


def test_an_abbreviation_spelt_out_in_parentheses_makes_an_organisation():
    found = gathered(
        [
            "The Union of Youth of Albania (UYA) met the Democratic Front (DF).",
            "Die Sozialistische Einheitspartei Deutschlands (SED) tagte.",
            "Всесоюзный центральный совет профессиональных союзов (ВЦСПС) решил.",
            "Bashkimi i Rinisë së Punës së Shqipërisë (BRPSh) vendosi.",
            "The Romanian Workers' Party (RWP) and the Ministry of Foreign Affairs (Kuznetsov).",
        ]
    )
    orgs = {name: n.abbreviations for (kind, name), n in found.items() if kind == "organisations"}
    assert orgs == {
        "Union of Youth of Albania": ("UYA",),
        "Democratic Front": ("DF",),
        "Sozialistische Einheitspartei Deutschlands": ("SED",),
        "Всесоюзный центральный совет профессиональных союзов": ("ВЦСПС",),
        "Bashkimi i Rinisë së Punës së Shqipërisë": ("BRPSh",),
        "Romanian Workers' Party": ("RWP",),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Yugoslavia (FNRY) celebrated.",  # the letters do not spell the words before them
        "Rossiiskii gosudarstvennyi arkhiv noveishei istorii (RGANI), Moscow.",  # an archive
        "The congress (CPC) and the conference (XX).",
        "the League of Communists of Yugoslavia (LCY)",  # the table's entry already
        "in the year (II) of the plan",
    ],
)
def test_what_never_becomes_an_organisation(text):
    assert gathered([text]) == {}


def test_the_table_entry_an_abbreviation_spells_gets_it_from_the_article():
    names = article_names(article(["The People's Republic of Albania (PRA) asked."]), table())
    entry = next(n for n in names.table.names if n.name == "People's Republic of Albania")
    assert entry.abbreviations == ("PRA",) and entry.gathered == ("PRA",)
    assert entry.origin == "edition"  # still the table's entry, not a new one
    register = gather_register(article(["The PRA asked."]), names.table)
    assert [e.name.name for e in register] == ["People's Republic of Albania"]
    twice = article(
        [
            "The People's Republic of Albania (PRA) asked; the People's Republic of Albania "
            "(PROA) and again the People's Republic of Albania (PRA)."
        ]
    )
    entry = next(
        n
        for n in article_names(twice, table()).table.names
        if n.name == "People's Republic of Albania"
    )
    assert entry.gathered == ("PRA", "PROA")


def test_bibliography_authors_and_editors_in_every_style():
    found = gathered(
        ["Nothing here."],
        ["Mastny, Byrne, 12; Mëhilli, 45."],
        [
            ({"editor": "Mastny, V. and M. Byrne"}, "Mastny, V. and M. Byrne, eds. A Castle."),
            ({"author": "Mëhilli, Elidor"}, "Mëhilli, Elidor. From Stalin to Mao."),
            ({"author": "Central Intelligence Agency"}, "Central Intelligence Agency. Report."),
            ({"author": "A. L. Velichanskaia and others"}, "A. L. Velichanskaia et al. Documents."),
        ],
    )
    assert set(name for _, name in found) == {
        "V. Mastny",
        "M. Byrne",
        "Elidor Mëhilli",
        "A. L. Velichanskaia",
    }


def test_a_bibliography_field_shaped_like_no_person_is_left_out():
    fields = ["Central Intelligence Agency", "{Institute of History}", "UNESCO", "others"]
    assert bibliography_candidates(fields) == []


def test_initials_that_agree_are_one_person_and_namesakes_are_two():
    found = gathered(
        ["W. E. Griffith wrote; so did Griffith again."],
        [],
        [({"author": "Griffith, E. W."}, "Griffith, E. W. Albania.")],
    )
    assert list(name for _, name in found) == ["W. E. Griffith"]  # swapped in print
    two = gathered(["S. Ivanov and V. Ivanov disagreed; Ivanov left."])
    assert set(name for _, name in two) == {"S. Ivanov", "V. Ivanov"}
    assert not any(n.by_surname for n in two.values())  # `Ivanov` alone is neither
    register = article_register(
        article(["S. Ivanov and V. Ivanov disagreed; Ivanov left."]), table()
    )
    assert {e.name.name: e.printed for e in register} == {
        "S. Ivanov": ("S. Ivanov",),
        "V. Ivanov": ("V. Ivanov",),
    }


def test_mentions_of_a_gathered_person_in_paragraphs_notes_and_bibliography():
    text = article(
        ["comrade Novikov reported.", "Nothing.", "Then Novikov left."],
        ["Telegram of Novikov, 27 December."],
        [({"author": "Novikov, N."}, "Novikov, N. Memoirs. Moscow, 1989.")],
    )
    entry = next(e for e in article_register(text, table()) if e.name.name == "N. Novikov")
    assert [m.anchor for m in entry.mentions] == ["p-1", "p-3", "fn-1", "bib-k0"]
    assert entry.name.also == ("Novikov",) and entry.name.derived == ("Н. Новиков",)


def test_derived_russian_only_where_every_word_reads_one_way():
    assert spellings_of("Novikov") == ((), ("Новиков",))
    assert spellings_of("A. A. Fursenko")[1] == ("А. А. Фурсенко",)
    latin, russian = spellings_of("L. A. Velichanskaia")
    assert russian == ("Л. А. Величанская",)
    assert "L. A. Velichanskaya" in latin and "L. A. Velichanskaja" in latin
    assert spellings_of("E. Biberaj")[1] == ()  # E: Е or Э
    assert spellings_of("Nikolai Novikov")[1] == ()  # Nikolai: Николай or Николаи
    assert spellings_of("W. E. Griffith") == ((), ())  # no Russian word
    assert spellings_of("E. Mëhilli") == (("E. Mehilli",), ())
    assert spellings_of("И. В. Петров") == (("I. V. Petrov",), ())  # Cyrillic: its own form


def test_a_derived_form_is_never_a_known_russian_form():
    found = gathered(["comrade Novikov reported."])
    novikov = found[("persons", "Novikov")]
    assert novikov.russian == () and novikov.derived == ("Новиков",)
    assert "Новиков" not in novikov.forms  # search's known forms are the table's only


def test_an_editor_drops_a_gathered_name_with_ignore():
    names, problems = parse_names(TABLE + "ignore: [Novikov, V. Ivanov]\n", "content/names.yaml")
    assert problems == []
    found = article_names(article(["comrade Novikov met V. Ivanov and A. Gromov."]), names)
    assert [n.name for n in found.table.names if n.origin == "article"] == ["A. Gromov"]


def test_ignore_must_be_a_list_of_texts():
    _, problems = parse_names("ignore: [[x]]\n", "content/names.yaml")
    assert [(p.line, p.message) for p in problems] == [
        (1, "`ignore:` must be a list of names as printed")
    ]


def test_an_editor_entry_of_the_same_person_replaces_the_gathered_one():
    names, _ = parse_names(
        TABLE
        + "  - {name: Nikolai Novikov, also: [Novikov], dates: 1903–1989}\n".replace(
            "  - {", "persons:\n  - {", 1
        ),
        "content/names.yaml",
    )
    found = article_names(article(["comrade Novikov reported."]), names)
    assert [n.name for n in found.table.names if n.origin == "article"] == []


def test_abbreviations_no_entry_explains_are_listed_for_the_editor():
    names = article_names(
        article(["The OSNAZ unit and the CPSU; RGANI holds it.", "In 1961 (II)."]), table()
    )
    assert names.unexplained == ("OSNAZ", "RGANI")
    with_archive = article(["OSNAZ. Rossiiskii gosudarstvennyi arkhiv (RGA) and RGA again."])
    assert article_names(with_archive, table()).unexplained == ("OSNAZ",)


def test_abbreviations_in_a_text():
    assert abbreviations_in("The CPSU's CC, the PPSh, TsK and XX, Ms Smith, II and VII.") == [
        "CPSU",
        "CC",
        "PPSh",
        "TsK",
    ]


def test_markup_is_no_part_of_a_name():
    found = find_candidates(
        "comrade *Novikov*[^3] and <http://x.org/A._B._Carr>",
        default_clues(),
        frozenset(),
        frozenset(),
    )
    assert [c.printed for c in found] == ["Novikov"]


def test_a_gathered_name_never_takes_an_entry_id():
    names, _ = parse_names(TABLE + "  - {name: A Gromov}\n", "content/names.yaml")
    found = article_names(article(["The report of A. Gromov."]), names).table.names
    assert [n.key for n in found].count("name-a-gromov") == 1


def test_a_register_is_made_once_for_the_same_text_and_table():
    texts = (["comrade Novikov reported."], ["Telegram of Novikov."])
    bib = [({"author": "Novikov, N."}, "Novikov, N. Memoirs.")]
    names = table()
    first = made_register(article(*texts, bib), names)
    assert made_register(article(*texts, bib), names) is first  # another object, same text
    fresh = article_names(article(*texts, bib), names)
    assert first.entries == gather_register(article(*texts, bib), fresh.table, bibliography=True)
    assert made_register(article(*texts, bib), table()) is not first  # another table


@pytest.mark.parametrize(
    "paragraphs, notes, author",
    [
        (["comrade Petrov reported."], ["Telegram of Novikov."], "Novikov, N."),
        (["comrade Novikov reported."], ["Telegram of comrade Petrov."], "Novikov, N."),
        (["comrade Novikov reported."], ["Telegram of Novikov."], "Petrov, P."),
    ],
)
def test_a_register_is_made_anew_when_any_text_it_reads_changes(paragraphs, notes, author):
    names = table()
    made_register(article(["comrade Novikov reported."], ["Telegram of Novikov."]), names)
    changed = article(paragraphs, notes, [({"author": author}, f"{author} Memoirs.")])
    fresh = article_names(changed, names)
    expected = gather_register(changed, fresh.table, bibliography=True)
    assert made_register(changed, names).entries == expected
    assert "Petrov" in {w for e in expected for w in e.name.name.split()}
