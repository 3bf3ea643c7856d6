"""The rules of issue 15: the whole citation decides the style; doubts are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_citations import describe, fixture_cases, read

from edition.citations.grammar import citation_problems, parse_note, parse_notes
from edition.citations.ibid import resolve
from edition.citations.registry import shipped_registry
from edition.citations.sheets import format_sheets, unit_url
from edition.model import Note

REGISTRY = shipped_registry()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "citations"


@pytest.mark.parametrize(("text", "want"), fixture_cases("rules.txt"))
def test_rule_reads_as_fixture_says(text: str, want: list[str]) -> None:
    (note,) = read([Note(1, text, 1)])
    assert [describe(c) for c in note.citations] == want
    for c in note.citations:
        assert c.text in text


def chain_cases() -> list:
    """Cases of chains.txt: (line, notes, expected `N: description` lines)."""
    cases, current = [], None
    lines = (FIXTURES / "chains.txt").read_text(encoding="utf-8").splitlines()
    for line_no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            current = None
        elif line.startswith("  "):
            current[2].append(line.strip())
        elif current is None or current[2]:
            current = (line_no, [line], [])
            cases.append(current)
        else:
            current[1].append(line)
    return [pytest.param(notes, want, id=f"chains.txt:{n}") for n, notes, want in cases]


@pytest.mark.parametrize(("texts", "want"), chain_cases())
def test_chain_resolves_as_fixture_says(texts: list[str], want: list[str]) -> None:
    notes = read([Note(i, t, i) for i, t in enumerate(texts, 1)])
    assert [f"{n.n}: {describe(c)}" for n in notes for c in n.citations] == want


def test_the_fixtures_cover_every_style_and_rule() -> None:
    cases = fixture_cases("rules.txt") + fixture_cases("styles.txt")
    assert len(cases) >= 100
    texts = [p.values[0] for p in cases]
    for marker in (", inv.", ", op.", ". Op.", ". Оп."):
        assert sum(marker in t for t in texts) >= 5, marker


# --- what check reports ------------------------------------------------------------------


def problems_of(*texts: str) -> list[tuple[str, str]]:
    notes = read([Note(i, t, 10 * i) for i, t in enumerate(texts, 1)])
    return [(p.code, str(p)) for p in citation_problems(notes, "sources/a.txt")]


def test_a_reading_in_doubt_is_reported_with_file_line_note_text_and_readings() -> None:
    [(code, text)] = problems_of(
        "RGANI, f. 3, op. 1, d. 2.", "RGANI, f. 3, op. 1, d. 2, l. 4; d. 5.", "RGANI, f. 3."
    )
    assert code == "ambiguous-style"
    assert text.startswith('sources/a.txt:30: warning: note 3: "RGANI, f. 3" can be read in')
    assert "(readings: style D: delo 3; style A: fond 3)" in text


@pytest.mark.parametrize(
    ("texts", "code", "quoted"),
    [
        (["RGANI, f. 5, op. 30, dd. 12, l. 3."], "read-in-part", "not read: dd. 12, l. 3."),
        (["RGANI. F. 3. O. 16. D. 294. L. 219."], "level-typo", "typo: O. (read as Op.)"),
        (["AQSH, F. 14/AP, V. 1960, D. 5."], "read-in-part", "not read: F. 14/AP"),
        (
            ["AVP RF, f. 06, op. 9, p. 18, d. 234, l. 5.", "Ibid., p. 12."],
            "ambiguous-style",
            "readings: style D: sheets 12; style A: papka 12",
        ),
        (
            ["RGANI, f. 5, op. 30, d. 1, l. 3.", "Lüthi, *Split*, 202.", "Ibid. l. 7."],
            "ibid-chain-broken",
            '(note 2: "Lüthi, *Split*, 202") is not archival',
        ),
    ],
)
def test_each_doubt_is_reported(texts: list[str], code: str, quoted: str) -> None:
    found = [text for c, text in problems_of(*texts) if c == code]
    assert len(found) == 1 and quoted in found[0], problems_of(*texts)


def test_an_unknown_archive_is_reported_with_its_name_and_how_to_add_it() -> None:
    [(code, text)] = problems_of("TsGAIPD SPb, f. 24, op. 2, d. 1, l. 4.")
    assert code == "unknown-archive"
    assert 'cites an archive the registry does not know: "TsGAIPD SPb"' in text
    assert "add it to content/archives.yaml" in text
    assert "- slug: tsgaipd-spb" in text and "short: TsGAIPD SPb" in text


@pytest.mark.parametrize(
    "text",
    [
        "Conversation with the author, Tirana, 2015.",
        "Protocol no. 333 of the session of 8 June 1961.",
        "See p. 5 and p. 7 of the report.",
    ],
)
def test_prose_is_not_an_unknown_archive(text: str) -> None:
    assert [code for code, _ in problems_of(text)] == ["unparsed-citation"]


def test_nothing_in_doubt_links_further_than_it_is_certain() -> None:
    cases = [p.values for p in fixture_cases("rules.txt")]
    for text, _ in cases:
        (note,) = read([Note(1, text, 1)])
        for c in note.citations:
            if c.doubt in ("ambiguous-style",):
                assert not c.sheets and unit_url(c, REGISTRY).count("/") <= 3, text


# --- property: every style, read back --------------------------------------------------

STYLES = {
    # style: (separator, {level: label}, one sheet, several sheets)
    "D": (", ", {"fond": "F", "opis": "inv.", "papka": "folder", "delo": "f."}, "p.", "pp."),
    "A": (", ", {"fond": "f.", "opis": "op.", "papka": "p.", "delo": "d."}, "l.", "ll."),
    "B": (". ", {"fond": "F.", "opis": "Op.", "papka": "P.", "delo": "D."}, "L.", "L."),
    "C": (". ", {"fond": "Ф.", "opis": "Оп.", "papka": "П.", "delo": "Д."}, "Л.", "Л."),
}
PROVENANCE = ["Original. Typewritten text.", "Copy.", "Машинопись. Подлинник.", "Autograph."]
ARCHIVES = ["RGANI", "RGASPI", "GARF", "AP RF", "TsA FSB", "AVP RF", "RGAE", "TsAMO"]

numbers = st.builds(
    lambda n, zero, suffix: ("0" if zero else "") + str(n) + suffix,
    st.integers(1, 99999),
    st.booleans(),
    st.sampled_from(["", "", "", "а", "a", "-а", "-os"]),
)
sheet = st.builds(
    lambda n, verso, span: f"{n}{' об.' if verso else ''}" + (f"–{n + span}" if span else ""),
    st.integers(1, 900),
    st.booleans(),
    st.integers(0, 20),
)


@settings(max_examples=400, deadline=None)
@given(
    style=st.sampled_from(sorted(STYLES)),
    archive=st.sampled_from(ARCHIVES),
    fond=numbers,
    opis=st.integers(1, 400).map(str),
    papka=st.integers(1, 900).map(str),
    delo=numbers,
    sheets=st.lists(sheet, min_size=0, max_size=3),
    provenance=st.lists(st.sampled_from(PROVENANCE), min_size=3, max_size=3),
    garf_prefix=st.booleans(),
)
def test_a_reference_in_any_style_reads_back_the_same_levels(
    style, archive, fond, opis, papka, delo, sheets, provenance, garf_prefix
) -> None:
    sep, labels, one, many = STYLES[style]
    if archive == "GARF" and garf_prefix:
        fond = ("Р-" if style == "C" else "R-") + fond.lstrip("0")
    if style == "C":
        archive = REGISTRY.get(archive).short_cyrillic
    levels = [("fond", fond), ("opis", opis)]
    levels += [("papka", papka)] if archive in ("AVP RF", "АВП РФ") else []
    levels += [("delo", delo)]
    text = archive + sep + sep.join(f"{labels[lv]} {n}" for lv, n in levels)
    for i, s in enumerate(sheets):
        label = many if "–" in s else one
        text += sep + (provenance[i] + " " if i else "") + f"{label} {s}"
    text += "."
    (note,) = resolve(parse_notes([Note(1, text, 1)], REGISTRY))
    (c,) = note.citations
    assert c.levels == tuple(levels), text
    assert not c.doubt, text
    assert [r for r in format_sheets(c.sheets).split(", ") if r] == [
        s.replace(" об.", "об.") for s in sheets
    ], text


def test_the_property_covers_the_four_styles() -> None:
    assert set(STYLES) == {"A", "B", "C", "D"}
    for archive in ARCHIVES:
        assert REGISTRY.get(archive) is not None, archive
        assert parse_note(f"{archive}, f. 1, op. 2, d. 3.", REGISTRY)[0].archive


IBID = {"D": "Ibid.", "A": "Ibid.", "B": "Ibid.", "C": "Там же."}
PROSE = ["On this, see the discussion above.", "Об этом подробнее см. выше.", ""]


@settings(max_examples=200, deadline=None)
@given(
    style=st.sampled_from(sorted(STYLES)),
    fond=numbers,
    opis=st.integers(1, 400).map(str),
    delo=numbers,
    new=st.lists(
        st.tuples(st.sampled_from(["opis", "delo", ""]), st.integers(1, 999).map(str)),
        min_size=1,
        max_size=4,
    ),
    prose=st.sampled_from(PROSE),
)
def test_an_ibid_chain_in_any_style_keeps_what_it_does_not_name(
    style, fond, opis, delo, new, prose
) -> None:
    sep, labels, one, _ = STYLES[style]
    archive = "РГАНИ" if style == "C" else "RGANI"
    texts = [f"{archive}{sep}{labels['fond']} {fond}{sep}{labels['opis']} {opis}"]
    texts[0] += f"{sep}{labels['delo']} {delo}{sep}{one} 1."
    want = [(("fond", fond), ("opis", opis), ("delo", delo))]
    for level, number in new:
        if prose:
            texts.append(prose)
        current = dict(want[-1])
        if level == "opis":
            current.update(opis=number, delo=str(int(number) + 1))
            text = f"{labels['opis']} {number}{sep}{labels['delo']} {int(number) + 1}"
        elif level == "delo":
            current.update(delo=number)
            text = f"{labels['delo']} {number}"
        else:
            text = ""
        texts.append(f"{IBID[style]} {text}{sep if text else ''}{one} {number}.")
        want.append(tuple(current.items()))
    notes = read([Note(i, t, i) for i, t in enumerate(texts, 1)])
    got = [c.levels for n in notes for c in n.citations if c.kind == "archival"]
    assert got == want, texts
    assert not [c for n in notes for c in n.citations if c.doubt], texts
