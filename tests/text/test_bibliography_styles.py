"""Bibliographies of other journals: APA, GOST, German, archives, unmarked lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.citations.bibmatch import match_archive
from edition.model import ARCHIVAL, BibEntry
from edition.text.bibliography import parse_bibliography
from tests.support.cases import read_blocks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bibliography"


def parse(*texts: str) -> tuple[tuple[BibEntry, ...], list]:
    return parse_bibliography(list(enumerate(texts, 1)), "refs.txt")


@pytest.mark.parametrize(("line", "given", "expected"), read_blocks(FIXTURES / "styles.txt"))
def test_styled_entry(line: int, given: list[str], expected: list[str]) -> None:
    (entry,), problems = parse(*given)
    entry_type, key = expected[0][1:].split()
    fields = dict(f.split(": ", 1) for f in expected[1:])
    found = {k: v for k, v in entry.fields if k not in ("x-original", "x-section")}
    assert (entry.entry_type, entry.key, found) == (entry_type, key, fields), f"styles.txt:{line}"
    assert entry.original == given[0][2:]
    unknown = [p for p in problems if p.code == "bib-unknown-type"]
    assert bool(unknown) == (entry_type == "misc" and fields.get("howpublished") != ARCHIVAL)


# --- sections, unmarked lists ---------------------------------------------------------


def test_an_unmarked_numbered_russian_list_is_read_one_entry_a_line() -> None:
    entries, problems = parse(
        "Архивные источники",
        "",
        "1. РГАНИ. Ф. 3. Оп. 14. Д. 463.",
        "2. Личный фонд В. М. Молотова.",
        "",
        "Литература",
        "",
        "3. Иванов И. И. Советская политика на Балканах. М.:",
        "Наука, 1990.",
        "4. Улунян А. А. Балканский щит // Вопросы истории. 2012. № 5. С. 10–25.",
    )
    assert [(e.key, e.section, e.entry_type, e.line) for e in entries] == [
        ("rgani-f3-op14-d463", "Архивные источники", "misc", 3),
        ("lichnyi", "Архивные источники", "misc", 4),
        ("ivanov1990sovetskaia", "Литература", "book", 8),
        ("ulunian2012balkanskii", "Литература", "article", 10),
    ]
    assert entries[1].field("howpublished") == ARCHIVAL  # by its section
    assert entries[2].field("publisher") == "Наука"  # the wrapped line joined
    assert [(p.line, p.code) for p in problems] == [(1, "bib-unmarked")]
    assert "each line was read as one entry" in str(problems[0])


@pytest.mark.parametrize(
    "heading",
    ["Архивы", "Arhivski izvori", "Архивски извори", "Archivalien", "Archival sources"],
)
def test_every_entry_under_an_archive_heading_is_an_archive(heading: str) -> None:
    entries, problems = parse(heading, "", "- Osobni fond Josipa Broza", "- Zbirka dokumenata")
    assert [e.field("howpublished") for e in entries] == [ARCHIVAL, ARCHIVAL]
    assert [e.section for e in entries] == [heading, heading]
    assert problems == []


def test_under_a_plain_sources_heading_a_published_source_is_not_made_an_archive() -> None:
    entries, problems = parse(
        "Источники", "", "- РГАНИ. Ф. 5. Оп. 30. Д. 1.", "- Правда, 8 ноября 1961 года"
    )
    assert [e.field("howpublished") for e in entries] == [ARCHIVAL, ""]
    assert [(p.line, p.code) for p in problems] == [(4, "bib-unknown-type")]


def test_an_unreadable_line_keeps_its_printed_text_and_is_warned_with_its_line() -> None:
    entries, problems = parse(
        "- Иванов И. И. Советская политика. М.: Наука, 1990.",
        "- Какая-то запись без выходных данных",
    )
    assert entries[1].original == "Какая-то запись без выходных данных"
    assert entries[1].field("title") == "Какая-то запись без выходных данных"
    assert [(p.path, p.line, p.code) for p in problems] == [("refs.txt", 2, "bib-unknown-type")]


def test_a_marked_list_gets_no_unmarked_warning() -> None:
    _, problems = parse("- Müller, Hans: Die Balkanpolitik. Berlin 1999.")
    assert problems == []


def test_lines_of_several_fonds_of_one_archive_give_notes_no_shorthand_to_go_by() -> None:
    entries, _ = parse(
        "- РГАНИ. Ф. 3. Оп. 14. Д. 463.", "- РГАНИ. Ф. 5. Оп. 30.", "- ГА РФ. Ф. Р-5446."
    )
    assert [(e.key, e.field("shorthand")) for e in entries] == [
        ("rgani-f3-op14-d463", ""),
        ("rgani-f5-op30", ""),
        ("garf-fr-5446", "ГА РФ"),
    ]
    assert match_archive("РГАНИ", "5", entries) == ""  # no link rather than the wrong fond
    assert match_archive("ГА РФ", "Р-5446", entries) == "garf-fr-5446"


def test_under_an_archive_heading_a_work_a_reader_types_keeps_its_type() -> None:
    entries, problems = parse(
        "Архивные источники",
        "",
        "- РГАНИ. Ф. 3. Оп. 14.",
        "- Улунян А. А. Готовился ли переворот в Албании? // Славяноведение. 2012. № 1. С. 16–32.",
        "- *Memoari*. Beograd, 1990.",
    )
    assert [(e.entry_type, e.field("howpublished")) for e in entries] == [
        ("misc", ARCHIVAL),
        ("article", ""),
        ("book", ""),
    ]
    assert problems == []


@pytest.mark.parametrize(
    "line",
    [
        "See also the papers of the Central Committee (1961). Not published.",
        "Smith (1999). A title. London: Verso.",  # APA needs the initials
        "Иванов. Записки // без выходных данных",  # GOST needs the initials too
        "Müller: Die Balkanpolitik. Berlin 1999.",  # German needs `Name, Vorname`
        "Zapisi bez godine i mesta",
    ],
)
def test_a_line_in_no_style_is_kept_as_printed_and_warned(line: str) -> None:
    (entry,), problems = parse(f"- {line}")
    assert entry.entry_type == "misc" and entry.original == line
    assert "author" not in dict(entry.fields)
    assert [(p.line, p.code) for p in problems] == [(1, "bib-unknown-type")]


_PIECES = st.sampled_from(
    [
        "Иванов И. И.",
        "Smith, J. A.",
        "Müller, Hans:",
        "(1999).",
        "//",
        " / ",
        "М.:",
        "Наука,",
        "1990.",
        "С. 10–20.",
        "№ 5.",
        "In",
        "(Eds.),",
        "(pp. 1–2).",
        "in:",
        "S. 3-4.",
        "РГАНИ.",
        "Ф. 3.",
        "Оп.",
        "*",
        "“",
        "<https://x.org>",
        ",",
        ".",
        "Berlin",
        "Title",
        "Архивы",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map(" ".join), min_size=1, max_size=6))
def test_any_entries_parse_without_raising_and_keep_their_text(lines: list[str]) -> None:
    given_lines = [f"- {line}" if i % 2 else line for i, line in enumerate(lines)]
    entries, problems = parse(*given_lines)
    warned = {p.line for p in problems}
    for number, line in enumerate(given_lines, 1):
        text = " ".join(line.removeprefix("- ").split())
        if not text:
            continue
        # each printed line is in an entry or is a section's heading, or is reported
        found = any(text in " ".join(f"{e.original} | {e.section}".split()) for e in entries)
        assert found or number in warned, (number, line)
    assert all(p.path == "refs.txt" and p.line >= 1 for p in problems)


@pytest.mark.parametrize(
    "line",
    [
        "Bundesarchiv, Abteilung: Akten. Berlin 1999.",
        "NATO Office, *Report*, Brussels, NATO, 1999.",
        "KGB Archives, *Files*, Moscow, Nauka, 1999.",
    ],
)
def test_an_institution_is_never_read_as_a_persons_name(line: str) -> None:
    (entry,), _ = parse(f"- {line}")
    assert not entry.field("author") and not entry.field("editor")
