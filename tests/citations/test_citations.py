"""The citation grammar: fixtures per style, Ibid. resolution, problems, the bundled article."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from edition.citations.grammar import citation_problems, parse_note, parse_notes
from edition.citations.ibid import resolve
from edition.citations.registry import read_registry
from edition.citations.sheets import format_sheets
from edition.model import Citation, Note

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = read_registry(str(ROOT / "content" / "archives.yaml"))
SOURCE = ROOT / "sources" / "balcanica-2019-edemskiy.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "citations"
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def source_notes(path: Path = SOURCE) -> list[Note]:
    """Read the notes of a source: lines that start with superscript digits."""
    notes = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := re.match(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+) (.+)$", line):
            notes.append(Note(int(m.group(1).translate(SUPERSCRIPT)), m.group(2), line_no))
    return notes


def read(notes: list[Note]) -> tuple[Note, ...]:
    return resolve(parse_notes(notes, REGISTRY))


def describe(c: Citation) -> str:
    parts = [c.kind, c.archive, *(f"{n}={v}" for n, v in c.levels)]
    if c.sheets:
        parts.append(f"sheets={format_sheets(c.sheets)}")
    if c.pages:
        parts.append(f"pages={c.pages}")
    parts += ["ibid"] if c.ibid else []
    parts += [f"inherited={','.join(c.inherited)}"] if c.inherited else []
    parts += [f"url={c.url}"] if c.url else []
    parts += [f"accessed={c.accessed}"] if c.accessed else []
    parts += [f'commentary="{c.commentary}"'] if c.commentary else []
    parts += [f'remark="{c.remark}"'] if c.remark else []
    parts += [f"doubt={c.doubt}"] if c.doubt else []
    return " ".join(p for p in parts if p)


def fixture_cases(name: str) -> list:
    """Cases of a fixture file: (line, note text, expected descriptions)."""
    cases, current = [], None
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    for line_no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            current = None
        elif line.startswith("  "):
            current[2].append(line.strip())
        else:
            current = (line_no, line, [])
            cases.append(current)
    return [pytest.param(text, want, id=f"{name}:{n}") for n, text, want in cases]


@pytest.mark.parametrize(("text", "want"), fixture_cases("styles.txt"))
def test_note_reads_as_fixture_says(text: str, want: list[str]) -> None:
    (note,) = read([Note(1, text, 1)])
    assert [describe(c) for c in note.citations] == want
    for c in note.citations:
        assert c.text in text  # the renderer links this exact span


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("RGANI, F 3, inv. 14, f. 463, pp. 11–14.", ["RGANI, F 3, inv. 14, f. 463, pp. 11–14"]),
        (
            "RGANI, F 3, inv. 14, f. 448, p. 16; f. 450, p. 1.",
            ["RGANI, F 3, inv. 14, f. 448, p. 16", "f. 450, p. 1"],
        ),
        ("RGANI. F. 3. Op. 16. D. 294. L. 219.", ["RGANI. F. 3. Op. 16. D. 294. L. 219"]),
        ("RGANI, f. 5, op. 49, d. 131, l. 5ob.", ["RGANI, f. 5, op. 49, d. 131, l. 5ob."]),
        ("Ibid. p. 53.", ["Ibid. p. 53"]),
        ("Ibid.", ["Ibid."]),
        ("*Pravda*, 4 January 1961, p. 2.", ["*Pravda*, 4 January 1961, p. 2"]),
    ],
)
def test_citation_text_is_the_exact_span(text: str, spans: list[str]) -> None:
    assert [c.text for c in parse_note(text, REGISTRY)] == spans


@pytest.mark.parametrize(
    ("texts", "want"),
    [
        (
            ["RGANI, F 10, inv. 1, f. 62, pp. 1–9.", "Ibid. p. 53."],
            "archival rgani fond=10 opis=1 delo=62 sheets=53 pages=53 ibid "
            "inherited=archive,fond,opis,delo",
        ),
        (
            ["РГАНИ. Ф. 3. Оп. 14. Д. 463. Л. 9.", "Там же. Оп. 4. Д. 2241."],
            "archival rgani fond=3 opis=4 delo=2241 ibid inherited=archive,fond",
        ),
        (
            ["RGANI, f. 3, op. 14, d. 5, ll. 2–3.", "Ibid."],
            "archival rgani fond=3 opis=14 delo=5 sheets=2–3 ibid "
            "inherited=archive,fond,opis,delo,sheets",
        ),
        (
            ["AVP RF, f. 0129, op. 47, p. 355, d. 14, l. 2.", "Ibid., d. 15, l. 3."],
            "archival avp-rf fond=0129 opis=47 papka=355 delo=15 sheets=3 pages=3 ibid "
            "inherited=archive,fond,opis,papka",
        ),
        (
            ["*KPSS i formirovanie*, 302–307.", "Ibid. 306."],
            "bibliographic sheets=306 pages=306 ibid",
        ),
        (
            ["Freedman, *Economic Warfare*, 79.", "Ibid. p. 53."],
            "bibliographic sheets=53 pages=53 ibid",
        ),
        (
            ["Freedman, *Economic Warfare*, 79.", "Ibid."],
            "bibliographic pages=79 ibid inherited=pages",
        ),
        (
            ["RGANI, F 10, inv. 3, f. 6, pp. 63, 69.", "Ibid. 72."],
            "archival rgani fond=10 opis=3 delo=6 sheets=72 pages=72 ibid "
            "inherited=archive,fond,opis,delo",
        ),
    ],
)
def test_ibid_follows_the_citation_before(texts: list[str], want: str) -> None:
    notes = read([Note(i, t, i) for i, t in enumerate(texts, 1)])
    assert describe(notes[-1].citations[-1]) == want


def test_ibid_after_a_book_takes_its_key_from_the_lookup() -> None:
    calls = []

    def lookup(c: Citation) -> tuple[str, str]:
        calls.append(c.text)
        return ("freedman1970", "79")

    notes = [Note(1, "Freedman, *Economic Warfare*, 79.", 1), Note(2, "Ibid. 80.", 2)]
    parsed = [replace(n, citations=parse_note(n.text, REGISTRY)) for n in notes]
    book, ibid = (n.citations[0] for n in resolve(parsed, lookup))
    assert calls == ["Freedman, *Economic Warfare*, 79"]
    assert (book.bib_key, ibid.kind, ibid.bib_key, ibid.pages) == (
        "freedman1970",
        "bibliographic",
        "freedman1970",
        "80",
    )
    assert ibid.inherited == ("bib_key",)


def test_resolve_is_idempotent() -> None:
    once = read(source_notes())
    assert resolve(once) == once
    assert resolve(resolve(once)) == once


def test_resolve_follows_an_editor_override() -> None:
    notes = read([Note(1, "RGANI, f. 3, op. 14, d. 5, l. 2.", 1), Note(2, "Ibid. l. 7.", 2)])
    moved = Citation(
        kind="archival",
        text="x",
        archive="garf",
        levels=(("fond", "8"), ("opis", "1"), ("delo", "9")),
    )
    again = resolve([replace(notes[0], citations=(moved,)), notes[1]])
    assert again[1].citations[0].levels == (("fond", "8"), ("opis", "1"), ("delo", "9"))
    assert again[1].citations[0].archive == "garf"
    book = Citation(kind="bibliographic", text="y", bib_key="lüthi2008", pages="202")
    again = resolve([replace(notes[0], citations=(book,)), notes[1]])
    ibid = again[1].citations[0]
    # A sheet (l. 7) after a book: the chain is broken, and nothing is taken.
    assert (ibid.kind, ibid.bib_key, ibid.archive, ibid.levels) == ("archival", "", "", ())


def test_a_page_ibid_follows_an_editor_override_to_a_book() -> None:
    notes = read([Note(1, "RGANI, F 3, inv. 14, f. 5, p. 2.", 1), Note(2, "Ibid. p. 7.", 2)])
    assert notes[1].citations[0].kind == "archival"
    book = Citation(kind="bibliographic", text="y", bib_key="lüthi2008", pages="202")
    again = resolve([replace(notes[0], citations=(book,)), notes[1]])
    ibid = again[1].citations[0]
    assert (ibid.kind, ibid.bib_key, ibid.archive, ibid.levels, ibid.pages) == (
        "bibliographic",
        "lüthi2008",
        "",
        (),
        "7",
    )


def test_bundled_article_golden() -> None:
    notes = read(source_notes())
    assert [n.n for n in notes] == list(range(1, 46))
    archival = [(n.n, c) for n in notes for c in n.citations if c.kind == "archival"]
    assert len(archival) == 31
    assert len({n for n, _ in archival}) == 30
    files = {(c.archive, c.levels) for _, c in archival}
    assert len(files) == 23
    assert all(c.archive == "rgani" and len(c.levels) == 3 for _, c in archival)
    assert not [c for n in notes for c in n.citations if c.kind == "unparsed"]
    by_note = {n.n: n.citations for n in notes}
    assert describe(by_note[4][0]).startswith("archival rgani fond=10 opis=1 delo=62 sheets=53")
    assert by_note[33][0].kind == "bibliographic" and by_note[33][0].ibid
    assert by_note[35][0].commentary.startswith("Protocol no. 333")
    assert [c.kind for c in by_note[21]] == ["archival", "bibliographic"]
    assert [c.kind for c in by_note[1]] == ["bibliographic"] * 3
    assert (by_note[8][0].kind, by_note[13][0].accessed) == ("web", "30 December 2019")
    assert by_note[14][0].kind == "periodical"
    for note in notes:
        assert all(c.text in note.text for c in note.citations)


def write_citation(c: Citation, style: str) -> str:
    """Write a parsed archival citation again in style A, B or C."""
    labels = {
        "A": {
            "fond": "f.",
            "opis": "op.",
            "delo": "d.",
            "one": "l.",
            "many": "ll.",
            "sep": ", ",
            "ibid": "Ibid.",
        },
        "B": {
            "fond": "F.",
            "opis": "Op.",
            "delo": "D.",
            "one": "L.",
            "many": "L.",
            "sep": ". ",
            "ibid": "Ibid",
        },
        "C": {
            "fond": "Ф.",
            "opis": "Оп.",
            "delo": "Д.",
            "one": "Л.",
            "many": "Л.",
            "sep": ". ",
            "ibid": "Там же",
        },
    }[style]
    parts = ["РГАНИ" if style == "C" else "RGANI"] if "archive" not in c.inherited else []
    if c.ibid:
        parts = [labels["ibid"]]
    parts += [f"{labels[n]} {v}" for n, v in c.levels if n not in c.inherited]
    many = len(c.sheets) > 1 or not c.sheets[0].is_single
    parts.append(f"{labels['many' if many else 'one']} {format_sheets(c.sheets)}")
    return labels["sep"].join(parts)


@pytest.mark.parametrize("style", ["A", "B", "C"])
def test_article_rewritten_in_another_style_cites_the_same_files(style: str) -> None:
    originals = source_notes()
    rewritten = []
    for note, done in zip(originals, read(originals), strict=True):
        text = note.text
        for c, resolved in zip(parse_note(text, REGISTRY), done.citations, strict=True):
            if resolved.kind == "archival":
                text = text.replace(c.text, write_citation(c, style), 1)
        rewritten.append(replace(note, text=text))

    def cited(notes: list[Note]) -> list:
        return [
            (n.n, c.archive, c.levels, c.sheets)
            for n in read(notes)
            for c in n.citations
            if c.kind == "archival"
        ]

    changed = [a.n for a, b in zip(originals, rewritten, strict=True) if a.text != b.text]
    assert len(changed) == 30
    assert cited(rewritten) == cited(originals)


def problems_of(texts: list[str]) -> list[str]:
    notes = read([Note(i, t, 10 * i) for i, t in enumerate(texts, 1)])
    return [str(p) for p in citation_problems(notes, "content/a/article.yaml")]


def test_problems_name_the_line_and_quote_the_text() -> None:
    assert problems_of(["Conversation with the author, Tirana, 2015."]) == [
        "content/a/article.yaml:10: warning: note 1: cannot read the citation "
        '"Conversation with the author, Tirana, 2015."\n'
        "  hint: it is kept as written; for an archive, use a form such as "
        "'RGANI, f. 5, op. 49, d. 131, l. 3', or add the archive to content/archives.yaml"
    ]


@pytest.mark.parametrize(
    ("texts", "code_text"),
    [
        (["RGANI, f. 3, op. 1, d. 2, ll. 9–5."], 'the sheets "9–5" in'),
        (["Ibid. p. 4."], '"Ibid. p. 4" follows no citation it can refer to'),
        (["Conversation, 2015.", "Ibid."], '"Ibid." follows no citation'),
        (
            ["RGANI, F 3, inv. 3, f. 463, p. 9.", "RGANI, F 3, inv. 14, f. 463, p. 2."],
            "note 2: file 463 of fond 3 is cited under opis 14 here and under opis 3 in note 1",
        ),
    ],
)
def test_problems(texts: list[str], code_text: str) -> None:
    found = [p for p in problems_of(texts) if code_text in p]
    assert len(found) == 1, problems_of(texts)


def test_bundled_article_reports_only_the_suspicious_file() -> None:
    notes = read(source_notes())
    problems = citation_problems(notes, "a.yaml")
    assert [(p.code, p.line) for p in problems] == [("delo-in-two-opisi", notes[25].line)]


def test_same_file_twice_in_one_opis_is_no_problem() -> None:
    assert (
        problems_of(["RGANI, F 3, inv. 18, f. 10, p. 64.", "RGANI, F 3, inv. 18, f. 10, p. 5."])
        == []
    )
