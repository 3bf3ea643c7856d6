"""Tests for the bibliography: parsing, keys, BibTeX, citation matching, differences."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest

from edition.citations.bibcheck import bibliography_problems
from edition.citations.bibmatch import compare_citation, match_archive, match_citation
from edition.content.bibtex import to_bibtex
from edition.model import BibEntry
from edition.text.bibliography import parse_bibliography
from edition.text.names import fold, initials, parse_date, split_names, surname
from tests.support.cases import read_blocks

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bibliography"
SOURCE = ROOT / "sources" / "balcanica-2019-edemskiy.txt"


def article_lines() -> list[tuple[int, str]]:
    """The bundled article's lines after the `Bibliography` heading, numbered from 1."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = lines.index("Bibliography")
    return [(n, text) for n, text in enumerate(lines, 1) if n > start + 1]


def parse(*texts: str) -> tuple[tuple[BibEntry, ...], list]:
    return parse_bibliography(list(enumerate(texts, 1)), "refs.txt")


ARTICLE, ARTICLE_PROBLEMS = parse_bibliography(article_lines(), "article.txt")
BY_KEY = {e.key: e for e in ARTICLE}


@pytest.mark.parametrize(("line", "given", "expected"), read_blocks(FIXTURES / "entries.txt"))
def test_entry(line, given, expected):
    (entry,), _ = parse(*given)
    entry_type, key = expected[0][1:].split()
    fields = dict(f.split(": ", 1) for f in expected[1:])
    found = {k: v for k, v in entry.fields if k not in ("x-original", "x-section")}
    assert (entry.entry_type, entry.key, found) == (entry_type, key, fields), f"entries.txt:{line}"
    assert entry.original == given[0][2:]


# --- the bundled article ---------------------------------------------------------------

GOLDEN = [
    ("rgani", "Unpublished sources", "misc", ""),
    ("rgani-fonds", "Unpublished sources", "misc", "rgani"),
    ("kpss2003", "Published sources", "book", ""),
    ("prezidium2004", "Published sources", "book", ""),
    ("report1960", "Published sources", "online", ""),
    ("batakovic2008karamanlis", "Literature", "incollection", ""),
    ("griffith1963albania", "Literature", "book", ""),
    ("biberaj1986albania", "Literature", "book", ""),
    ("freedman1970economic", "Literature", "book", ""),
    ("luthi2008sino", "Literature", "book", ""),
    ("marku2019communist", "Literature", "article", ""),
    ("mastny2005cardboard", "Literature", "book", ""),
    ("mehilli2017stalin", "Literature", "book", ""),
    ("ulunian2012gotovilsia", "Literature", "article", ""),
    ("zivoric2011jugoslavija", "Literature", "book", ""),
]


def test_golden_article():
    assert [(e.key, e.section, e.entry_type, e.parent) for e in ARTICLE] == GOLDEN
    assert len([e for e in ARTICLE if not e.parent]) + 1 == 15  # 14 + the archive's fonds
    assert ARTICLE[1].original == "Fonds 2, 3 and 10"
    assert ARTICLE[1].field("xref") == "rgani"


def test_golden_article_lines_and_originals_are_the_source_lines():
    source = dict(article_lines())
    for entry in ARTICLE:
        assert source[entry.line][2:] == entry.original


def test_golden_article_problems_name_the_mixed_script_word():
    assert [(p.line, p.code) for p in ARTICLE_PROBLEMS] == [
        (BY_KEY["kpss2003"].line, "bib-mixed-script")
    ]
    assert "'sovetской' mixes Latin and Cyrillic" in str(ARTICLE_PROBLEMS[0])
    assert str(ARTICLE_PROBLEMS[0]).startswith(f"article.txt:{BY_KEY['kpss2003'].line}: warning")


# --- grouping lines into sections and entries -------------------------------------------


def test_no_subsections_means_no_section_name():
    entries, problems = parse(
        "- Biberaj, E. *Albania*. London: Westview, 1986.",
        "",
        "- Smith, J. *Things*. London: Penguin, 1990.",
    )
    assert [(e.key, e.section) for e in entries] == [
        ("biberaj1986albania", ""),
        ("smith1990things", ""),
    ]
    assert problems == []


def test_other_section_names_and_a_page_break_inside_a_section():
    entries, _ = parse(
        "Archival Sources",
        "",
        "- Archives of Yugoslavia (AJ), Belgrade",
        "",
        "Books and Articles",
        "",
        "- Smith, J. *Things*. London: Penguin, 1990.",
        "",
        "",
        "- Doe, J. *Stuff*. Paris: Seuil, 1991.",
    )
    assert [(e.key, e.section) for e in entries] == [
        ("aj", "Archival Sources"),
        ("smith1990things", "Books and Articles"),
        ("doe1991stuff", "Books and Articles"),
    ]


def test_a_wrapped_entry_is_joined_to_its_first_line():
    entries, problems = parse(
        "- Smith, J. *A Long Title*. New",
        "York: Penguin, 1990.",
        "- Doe, J. *Soviet-",
        "Albanian Things*. Paris: Seuil, 1991.",
    )
    assert [e.field("address") for e in entries] == ["New York", "Paris"]
    assert entries[1].field("title") == "Soviet-Albanian Things"
    assert problems == []


@pytest.mark.parametrize(
    ("lines", "code", "line"),
    [
        (
            ["Some words. Not a heading.", "- Doe, J. *Stuff*. Paris: Seuil, 1991."],
            "bib-stray-line",
            1,
        ),
        (["— Fonds 2 and 3"], "bib-orphan", 1),
        (["- Doe, J. *Stuff. Paris: Seuil, 1991."], "bib-unclosed-italic", 1),
        (["- Doe, J. *Stuff {x*. Paris: Seuil, 1991."], "bib-braces", 1),
        (["", "- Some notes on nothing"], "bib-unknown-type", 2),
        (["", ""], "bib-empty", 1),
    ],
)
def test_problems_carry_path_line_and_code(lines, code, line):
    _, problems = parse(*lines)
    assert [(p.path, p.line, p.code, p.severity) for p in problems] == [
        ("refs.txt", line, code, "warning")
    ]
    assert problems[0].hint


# --- keys -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "keys"),
    [
        (
            ["- Smith, J. *Things*. London: P, 1990.", "- Smith, K. *Things*. Paris: Q, 1990."],
            ["smith1990thingsa", "smith1990thingsb"],
        ),
        (
            [
                "- Smith, J. *Things*. London: P, 1990.",
                "- Doe, J. *Stuff*. London: P, 1990.",
                "- Smith, J. *Things and More*. London: P, 1990.",
                "- Smith, J. *Things Again*. London: P, 1990.",
            ],
            ["smith1990thingsa", "doe1990stuff", "smith1990thingsb", "smith1990thingsc"],
        ),
        (
            ["- Smith, J. *Things*. London: P, 1990.", "- Smith, J. *Things*. London: P, 1991."],
            ["smith1990things", "smith1991things"],
        ),
        (
            [
                "- Ćirković, S. *Srbi*. Beograd: P, 2004.",
                "- Лавров, П. *История*. Москва: Н, 1999.",
            ],
            ["cirkovic2004srbi", "lavrov1999istoriia"],
        ),
        (["- *The Anonymous Chronicle*. London: P, 1900."], ["anonymous1900"]),
        (
            [
                "- Archives of Yugoslavia, Belgrade",
                "— Fonds 2",
                "— Collection 5",
                "- Diplomatic Archive (DA), Belgrade",
                "— Fonds 7",
            ],
            ["aya-fonds", "aya-collection", "da", "da-fonds"][:0]
            or ["ay", "ay-fonds", "ay-collection", "da", "da-fonds"],
        ),
    ],
)
def test_keys(lines, keys):
    entries, _ = parse(*lines)
    assert [e.key for e in entries] == keys
    assert [e.key for e in parse(*lines)[0]] == keys  # same input, same keys


# --- BibTeX ---------------------------------------------------------------------------


def test_bibtex_round_trip_of_the_article():
    text = to_bibtex(ARTICLE)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    back = [
        (e.entry_type, e.key, tuple((f.key, f.value) for f in e.fields)) for e in library.entries
    ]
    assert back == [(e.entry_type, e.key, e.fields) for e in ARTICLE]
    assert to_bibtex(parse_bibliography(article_lines(), "x")[0]) == text


def test_bibtex_keeps_the_original_and_the_section():
    text = to_bibtex(ARTICLE[:2])
    assert "x-original = {Rossiiskii gosudarstvennyi arkhiv noveishei istorii [Russian" in text
    assert "x-section = {Unpublished sources}" in text
    assert text.index("@misc{rgani,") < text.index("@misc{rgani-fonds,")


def test_bibtex_replaces_braces_that_do_not_pair():
    entries, _ = parse("- Doe, J. *Stuff }{x*. Paris: Seuil, 1991.")
    library = bibtexparser.parse_string(to_bibtex(entries))
    assert library.failed_blocks == []
    assert library.entries[0]["title"] == "Stuff )(x"


# --- matching citations ---------------------------------------------------------------


def read_citations() -> list[tuple[int, str, str, str]]:
    rows = []
    for number, line in enumerate((FIXTURES / "citations.txt").read_text("utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            key, pages, text = (part.strip() for part in line.split("|", 2))
            rows.append((number, key, pages, text))
    return rows


@pytest.mark.parametrize(("line", "key", "pages", "text"), read_citations())
def test_match_citation(line, key, pages, text):
    assert match_citation(text, ARTICLE) == (key, pages), f"citations.txt:{line}"


def test_match_prefers_the_work_whose_title_fits():
    entries, _ = parse(
        "- Smith, J. *Albanian Things*. London: P, 1990.",
        "- Smith, J. *Soviet Stuff*. London: P, 1991.",
    )
    assert match_citation("Smith, *Soviet Stuff*, 4.", entries) == ("smith1991soviet", "4")
    assert match_citation("Smith, 4.", entries) == ("", "")  # two works: cannot tell


@pytest.mark.parametrize(
    ("archive", "fond", "key"),
    [
        ("RGANI", "3", "rgani-fonds"),
        ("РГАНИ", "10", "rgani-fonds"),
        ("RGANI", "5", "rgani"),
        ("RGANI", "", "rgani"),
        ("RGASPI", "3", ""),
    ],
)
def test_match_archive(archive, fond, key):
    assert match_archive(archive, fond, ARTICLE) == key


@pytest.mark.parametrize(("line", "given", "expected"), read_blocks(FIXTURES / "differences.txt"))
def test_compare_citation(line, given, expected):
    key, text = given[0].removeprefix("key: "), given[1]
    assert compare_citation(text, BY_KEY[key]) == expected, f"differences.txt:{line}"


# --- entries cited nowhere ------------------------------------------------------------


def test_uncited_entries_are_flagged_and_an_archive_counts_through_its_parts():
    cited = {"rgani-fonds": ["n21"], "griffith1963albania": ["n1"], "kpss2003": []}
    problems = bibliography_problems(ARTICLE, cited, "article.txt")
    flagged = {p.message.split("'")[1] for p in problems}
    assert flagged == {e.key for e in ARTICLE} - {"rgani", "rgani-fonds", "griffith1963albania"}
    first = next(p for p in problems if "kpss2003" in p.message)
    assert str(first).startswith(
        f"article.txt:{BY_KEY['kpss2003'].line}: warning: "
        "bibliography entry 'kpss2003' is cited in no note"
    )


def test_an_archive_cited_as_a_whole_covers_its_fonds():
    problems = bibliography_problems(ARTICLE[:2], {"rgani": ["n3"]}, "a.txt")
    assert problems == []


# --- names, folding, dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Mēhilli", "mehilli"),
        ("Mëhilli", "mehilli"),
        ("Živorić", "zivoric"),
        ("sovetской", "sovetskoi"),
        ("Лавров", "lavrov"),
        ("Đilas", "dilas"),
        ("Łódź", "lodz"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_look_alike_letters():
    assert fold("Рrаvdа", lookalike=True) == "pravda"  # Cyrillic Р and а typed for Latin


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Mastny, V. and M. Byrne", ["Mastny, V.", "M. Byrne"]),
        (
            "C. Svoloopoulos, C. E. Botsiou & E. Hatzivasiliou",
            ["C. Svoloopoulos", "C. E. Botsiou", "E. Hatzivasiliou"],
        ),
        ("A. L. Velichanskaia et al.", ["A. L. Velichanskaia", "others"]),
        ("A. A. Fursenko.", ["A. A. Fursenko"]),
        ("Griffith, E. W.", ["Griffith, E. W."]),
    ],
)
def test_split_names(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Griffith, E. W.", "Griffith", ("E", "W")),
        ("W. E. Griffith", "Griffith", ("W", "E")),
        ("Th. Smith", "Smith", ("Th",)),
    ],
)
def test_surname_and_initials(name, family, given):
    assert (surname(name), initials(name)) == (family, given)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("25 November 2017", "2017-11-25"), ("1 May 2019", "2019-05-01"), ("Spring 2019", "")],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso
