"""Front matter of other journals: what is read, and one warning naming what is not."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from edition.errors import Problems
from edition.text.bibliography import parse_bibliography
from edition.text.blocks import split_blocks
from edition.text.frontmatter import Front, label_rest, read_front
from edition.text.reader import parse_article

BODY = (
    "The body begins here and goes on for a while, as a body paragraph does. It has "
    "several sentences, so that it reads as prose. This one is the third sentence, and "
    "with it the paragraph is long enough to be taken for the start of the body."
)


def front(text: str) -> tuple[Front, list[str]]:
    problems = Problems()
    lines = list(enumerate((text + "\n\n" + BODY).splitlines(), 1))
    found = read_front(split_blocks(lines), "f.txt", problems)
    return found, [f"{p.line}: {p.message}" for p in problems.items]


RUSSIAN = """\
УДК 94(470)

DOI: 10.31857/S086956870012345-6

И. И. Иванов, П. П. Петров

Институт славяноведения РАН, Москва, Россия
ivanov@inslav.ru

СОВЕТСКИЙ СОЮЗ И АЛБАНИЯ В 1961 ГОДУ

Аннотация. В статье рассматривается разрыв советско-албанских отношений.

Ключевые слова: СССР, Албания, холодная война

I. I. Ivanov, P. P. Petrov

The Soviet Union and Albania in 1961

Abstract. The article examines the Soviet-Albanian split.

Keywords: USSR, Albania, Cold War"""


def test_a_russian_first_page_with_its_english_twin() -> None:
    found, problems = front(RUSSIAN)
    assert found.names == ("И. И. Иванов", "П. П. Петров")
    assert found.affiliation == "Институт славяноведения РАН, Москва, Россия; ivanov@inslav.ru"
    assert found.emails == ("ivanov@inslav.ru",)
    assert (found.title, found.title_line) == ("СОВЕТСКИЙ СОЮЗ И АЛБАНИЯ В 1961 ГОДУ", 10)
    assert found.abstract == "В статье рассматривается разрыв советско-албанских отношений."
    assert found.keywords == ("СССР", "Албания", "холодная война")
    assert [b.first for b in found.cover_blocks] == [
        "УДК 94(470)",
        "DOI: 10.31857/S086956870012345-6",
    ]
    (twin,) = found.parallel
    assert (twin.title, twin.abstract, twin.keywords, twin.line) == (
        "The Soviet Union and Albania in 1961",
        "The article examines the Soviet-Albanian split.",
        ("USSR", "Albania", "Cold War"),
        16,
    )
    # Nothing is lost: the twin stays in the text, and the editor is told where.
    assert found.rest[0].first == "I. I. Ivanov, P. P. Petrov"
    assert problems == [
        "16: front matter: a second title, abstract or keywords (another language?) "
        "are kept as the first paragraphs of the body"
    ]


@pytest.mark.parametrize(
    ("text", "names", "affiliation", "title", "abstract", "keywords"),
    [
        (  # Serbian Cyrillic
            "Петар Петровић\n\nИсторијски институт, Београд\n\nЈугославија и Албанија\n\n"
            "Апстракт: Рад истражује односе.\n\nКључне речи: Југославија, Албанија",
            ("Петар Петровић",),
            "Историјски институт, Београд",
            "Југославија и Албанија",
            "Рад истражује односе.",
            ("Југославија", "Албанија"),
        ),
        (  # Croatian, two authors joined by "i"
            "Ivan Horvat i Ana Kovač\n\nFilozofski fakultet Sveučilišta u Zagrebu\n\n"
            "Hrvatska i hladni rat\n\nSažetak: Članak istražuje razdoblje.\n\n"
            "Ključne riječi: Hrvatska, hladni rat",
            ("Ivan Horvat", "Ana Kovač"),
            "Filozofski fakultet Sveučilišta u Zagrebu",
            "Hrvatska i hladni rat",
            "Članak istražuje razdoblje.",
            ("Hrvatska", "hladni rat"),
        ),
        (  # German, the title before the byline
            "Die Balkanpolitik der Sowjetunion 1961\n\nHans Müller\n\nUniversität Wien\n\n"
            "Zusammenfassung: Der Aufsatz untersucht die Politik.\n\n"
            "Schlagwörter: Sowjetunion; Albanien",
            ("Hans Müller",),
            "Universität Wien",
            "Die Balkanpolitik der Sowjetunion 1961",
            "Der Aufsatz untersucht die Politik.",
            ("Sowjetunion", "Albanien"),
        ),
        (  # German, Schlüsselwörter, an italic place of work
            "Eva Schmidt\n*Leibniz-Institut, Regensburg*\n\nTito und Stalin\n\n"
            "Zusammenfassung: Eine Studie.\n\nSchlüsselwörter: Tito, Stalin",
            ("Eva Schmidt",),
            "Leibniz-Institut, Regensburg",
            "Tito und Stalin",
            "Eine Studie.",
            ("Tito", "Stalin"),
        ),
        (  # French, two authors, one with a particle
            "Jean-Pierre Martin et Marie de La Tour\n\nUniversité Paris 1 Panthéon-Sorbonne\n\n"
            "La France et les Balkans\n\nRésumé : L'article étudie la politique.\n\n"
            "Mots-clés : France, Balkans",
            ("Jean-Pierre Martin", "Marie de La Tour"),
            "Université Paris 1 Panthéon-Sorbonne",
            "La France et les Balkans",
            "L'article étudie la politique.",
            ("France", "Balkans"),
        ),
        (  # an author line without '*', in capitals, and an all-caps title
            "JANE ROE\n\nSOVIET POLICY IN THE BALKANS\n\nAbstract: About it.\n\nKeywords: one",
            ("Jane Roe",),
            "",
            "SOVIET POLICY IN THE BALKANS",
            "About it.",
            ("one",),
        ),
        (  # keywords printed before the abstract
            "Jane Roe*\n\nA Title\n\nKeywords: one, two\n\nAbstract: About it.",
            ("Jane Roe",),
            "",
            "A Title",
            "About it.",
            ("one", "two"),
        ),
    ],
)
def test_front_matter_of_other_journals_is_read_without_warnings(
    text: str,
    names: tuple[str, ...],
    affiliation: str,
    title: str,
    abstract: str,
    keywords: tuple[str, ...],
) -> None:
    found, problems = front(text)
    assert (found.names, found.affiliation, found.title) == (names, affiliation, title)
    assert (found.abstract, found.keywords) == (abstract, keywords)
    assert problems == []
    assert found.rest[0].first == BODY  # the body starts where the front matter ends


def test_names_and_places_in_one_block_are_a_byline_not_a_title() -> None:
    found, problems = front(
        "Đorđe Šćepanović\nMilica Živković\nIstorijski institut, Beograd\n"
        "Filozofski fakultet, Novi Sad\n\nApstrakt: Rad istražuje.\n\nKljučne reči: SSSR"
    )
    assert found.names == ("Đorđe Šćepanović", "Milica Živković")
    assert found.affiliation == "Istorijski institut, Beograd; Filozofski fakultet, Novi Sad"
    assert found.title == "" and found.keywords == ("SSSR",)
    assert problems == ["1: front matter: no title found"]


def test_a_title_about_a_university_is_no_place_of_work() -> None:
    found, problems = front(
        "Jane Roe\n\nThe University in Socialist Yugoslavia\n\nAbstract: A.\n\nKeywords: b"
    )
    assert (found.names, found.title) == (("Jane Roe",), "The University in Socialist Yugoslavia")
    assert problems == []


def test_an_abstract_of_two_paragraphs_keeps_both() -> None:
    found, problems = front(
        "Jane Roe*\n\nA Title\n\nAbstract: The first part.\n\nThe second part.\n\nKeywords: a, b"
    )
    assert found.abstract == "The first part.\n\nThe second part."
    assert found.keywords == ("a", "b") and problems == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Jane Roe*\n\nA Title\n\nAbstract: About it.", "no keywords"),
        ("Jane Roe*\n\nA Title\n\nKeywords: one", "no abstract"),
        ("A Title\n\nAbstract: About it.\n\nKeywords: one", "no author line"),
        ("Jane Roe\n\nAbstract: About it.\n\nKeywords: one", "no author line"),
        ("Jane Roe*", "no title, no abstract, no keywords"),
        ("", "no author line, no title, no abstract, no keywords"),
    ],
)
def test_what_is_missing_is_one_warning_naming_every_part(text: str, missing: str) -> None:
    found, problems = front(text)
    first = 1 if text else 3  # the warning names the first line of the text
    assert problems == [f"{first}: front matter: {missing} found"]
    assert BODY in [b.first for b in found.rest]  # the body is never swallowed


def test_a_summary_at_the_end_of_the_body_is_no_abstract() -> None:
    problems = Problems()
    text = (
        f"{BODY}\n\nBibliography\n\n- Doe, J. *Stuff*. Paris: Seuil, 1991.\n\nSummary\n\nIt ends."
    )
    found = read_front(split_blocks(list(enumerate(text.splitlines(), 1))), "f.txt", problems)
    assert found.abstract == "" and found.cover_blocks == ()
    assert [b.first for b in found.rest][:2] == [BODY, "Bibliography"]


def test_a_text_without_front_matter_still_imports_its_body_notes_and_bibliography() -> None:
    text = (
        f"{BODY}¹\n\n¹ Иванов И. И. Советская политика. М.: Наука, 1990. С. 5.\n\n"
        "Литература\n\n- Иванов И. И. Советская политика. М.: Наука, 1990.\n"
    )
    article, problems = parse_article(text, "r.txt", "r", parse_bibliography)
    assert article is not None
    assert [p.text for p in article.paragraphs] == [BODY + "[^1]"]
    assert [n.n for n in article.notes] == [1]
    assert [(e.key, e.entry_type) for e in article.bibliography] == [
        ("ivanov1990sovetskaia", "book")
    ]
    fronts = [p for p in problems.items if p.code == "front-matter"]
    assert [str(p).split("\n")[0] for p in fronts] == [
        "r.txt:1: warning: front matter: no author line, no title, no abstract, no keywords found"
    ]


@pytest.mark.parametrize(
    ("line", "kind", "rest"),
    [
        ("Аннотация: Текст.", "abstract", "Текст."),
        ("Апстракт: Текст.", "abstract", "Текст."),
        ("Sažetak: Tekst.", "abstract", "Tekst."),
        ("ZUSAMMENFASSUNG. Text.", "abstract", "Text."),
        ("*Résumé :* Le texte.", "abstract", "Le texte."),
        ("Ключевые слова: а, б", "keywords", "а, б"),
        ("Кључне речи: а, б", "keywords", "а, б"),
        ("Ključne riječi: a, b", "keywords", "a, b"),
        ("Schlüsselbegriffe: a, b", "keywords", "a, b"),
        ("Mots-clefs : a, b", "keywords", "a, b"),
    ],
)
def test_labels_of_every_language_are_known(line: str, kind: str, rest: str) -> None:
    assert label_rest(kind, line).strip() == rest


def test_identifiers_and_the_kind_of_paper_beside_the_title_are_neither_title_nor_byline() -> None:
    found, problems = front(
        "Petar Petrović\n\nIstorijski institut, Beograd\n\nJugoslavija i Albanija\n\n"
        "DOI: 10.2298/BALC2050101P\nUDC 94(497.1)\n\nOriginal scientific paper\n\n"
        "Received: 3 May 2020\n\nApstrakt: Rad istražuje.\n\nKljučne reči: SSSR"
    )
    assert (found.names, found.title) == (("Petar Petrović",), "Jugoslavija i Albanija")
    assert [b.first for b in found.cover_blocks] == [
        "DOI: 10.2298/BALC2050101P",
        "Original scientific paper",
        "Received: 3 May 2020",
    ]
    assert problems == []


@pytest.mark.parametrize(
    "first", ["Received wisdom has it that the split came late", "Accepted views"]
)
def test_a_title_that_opens_with_a_notice_word_is_still_the_title(first: str) -> None:
    found, problems = front(f"Jane Roe*\n\n{first}\n\nAbstract: A.\n\nKeywords: b")
    assert found.title == first and problems == []


_LINES = st.sampled_from(
    [
        "Jane Roe*",
        "JANE ROE",
        "И. И. Иванов, П. П. Петров",
        "Universität Wien",
        "*Some Institute*",
        "A Title About Things",
        "СОВЕТСКИЙ СОЮЗ",
        "Abstract: About it.",
        "Аннотация. Текст.",
        "Keywords: a, b",
        "Ключевые слова: а",
        "DOI: 10.1/x",
        "UDC 94",
        "Original scientific paper",
        "me@x.org",
        "Summary",
        "Bibliography",
        BODY,
        "Short line",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=16))
@example(["Abstract: About it.", "Jane Roe*", "Abstract: About it.", "", "Jane Roe*", "Jane Roe*"])
def test_any_first_page_is_read_without_raising_and_loses_no_line(lines: list[str]) -> None:
    problems = Problems()
    found = read_front(split_blocks(list(enumerate(lines, 1))), "f.txt", problems)
    kept = [t for b in (*found.cover_blocks, *found.rest) for _, t in b.lines]
    fields = " ".join([*found.names, found.affiliation, found.title, found.abstract])
    fields += " " + ", ".join(found.keywords)
    for line in filter(str.strip, lines):
        if any(label_rest(kind, line) == "" for kind in ("abstract", "keywords")):
            continue  # a label alone: its text, if any, is the next block's
        label_free = line.split(":", 1)[-1].split(". ", 1)[-1]
        words = set(re.findall(r"\w+", label_free.casefold()))
        assert line in kept or words <= set(re.findall(r"\w+", fields.casefold())), line
    assert len([p for p in problems.items if "no " in p.message]) <= 1  # one warning at most


def test_a_label_on_its_own_line_takes_the_next_block_as_its_text() -> None:
    found, problems = front("Jane Roe*\n\nA Title\n\nРезюме\n\nТекст резюме.\n\nKeywords: a")
    assert (found.abstract, found.keywords, problems) == ("Текст резюме.", ("a",), [])


def test_body_lines_printed_right_under_the_keywords_stay_body() -> None:
    found, _ = front(
        "Jane Roe*\n\nA Title\n\nAbstract: A.\n\nKeywords: nationalism, national interest, Enver\n"
        "Hoxha, Khrushchev\nThe talks began in May. They ended in June."
    )
    assert found.keywords == ("nationalism", "national interest", "Enver Hoxha", "Khrushchev")
    assert found.rest[0].first == "The talks began in May. They ended in June."
