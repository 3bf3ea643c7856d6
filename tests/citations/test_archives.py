"""The archive registry and the tree of cited units."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from edition.citations.grammar import parse_note, parse_sheets
from edition.citations.ibid import resolve
from edition.citations.registry import (
    edition_registry,
    parse_registry,
    read_registry,
    shipped_registry,
)
from edition.citations.sheets import (
    format_sheets,
    level_slug,
    merge_sheets,
    number_slug,
    sheet_anchor,
    unit_url,
)
from edition.citations.tree import build_tree, citation_rows, csl_manuscript
from edition.errors import BuildError, Problems
from edition.model import Article, Cover, Note

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = read_registry(str(ROOT / "content" / "archives.yaml"))
COVER = Cover("J", "", "L", 50, 2019, "", "", "", "", "", "", "", ())


def article(slug: str, *texts: str) -> Article:
    notes = [Note(i, t, i) for i, t in enumerate(texts, 1)]
    notes = resolve([replace(n, citations=parse_note(n.text, REGISTRY)) for n in notes])
    return Article(slug, f"sources/{slug}.txt", COVER, slug, (), "", (), (), notes, (), ())


# --- registry ----------------------------------------------------------------------------


def test_the_registry_is_the_shipped_one_with_the_editions_file() -> None:
    slugs = [a.slug for a in REGISTRY.archives]
    assert slugs[: len(shipped_registry().archives)] == [
        a.slug for a in shipped_registry().archives
    ]
    for slug in ("rgani", "rgaspi", "garf", "avp-rf", "ap-rf", "rgae", "rgva", "tsa-fsb"):
        assert slug in slugs
    assert REGISTRY.get("avp-rf").levels == ("fond", "opis", "papka", "delo")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("RGANI", "rgani"),
        ("rgani", "rgani"),
        ("РГАНИ", "rgani"),
        ("ргани", "rgani"),
        ("Rossiiskii gosudarstvennyi arkhiv noveishei istorii", "rgani"),
        ("Russian State Archives of Contemporary History", "rgani"),
        ("Российский государственный архив новейшей истории", "rgani"),
        ("AVP RF", "avp-rf"),
        ("АВП РФ", "avp-rf"),
        ("avp-rf", "avp-rf"),
        ("ГАРФ", "garf"),
        ("TsA FSB", "tsa-fsb"),
        ("ЦА ФСБ России", "tsa-fsb"),
        ("AP RF", "ap-rf"),
        ("РГАСПИ", "rgaspi"),
    ],
)
def test_lookup_by_any_name(name: str, slug: str) -> None:
    assert REGISTRY.get(name).slug == slug


def test_unknown_archive_is_none() -> None:
    assert REGISTRY.get("TsDIAK") is None


def test_fond_titles_are_only_those_known() -> None:
    rgani = REGISTRY.get("rgani")
    assert "Presidium" in rgani.fond_title("3")
    assert rgani.fond_title("10") == ""


GOOD = """\
archives:
  - slug: tsdiak
    short: TsDIAK
    short_cyrillic: ЦДІАК
    name: Tsentral'nyi derzhavnyi istorychnyi arkhiv Ukrainy, m. Kyiv
    name_english: Central State Historical Archive of Ukraine in Kyiv
    city: Kyiv
    levels: [fond, opys, sprava]
    abbreviations:
      A: {fond: [f.], opys: [op.], sprava: [spr.], list: [ark.]}
"""


def test_an_archive_added_as_data_is_read_without_code() -> None:
    registry, problems = parse_registry(GOOD, "archives.yaml")
    assert problems == []
    (c,) = parse_note("TsDIAK, f. 1, op. 2, spr. 3, ark. 4–5.", registry)
    assert (c.archive, c.levels, format_sheets(c.sheets)) == (
        "tsdiak",
        (("fond", "1"), ("opys", "2"), ("sprava", "3")),
        "4–5",
    )
    assert unit_url(c, registry) == "archives/tsdiak/fond-1/opys-2/sprava-3/"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    city: Kyiv\n",
            "    city: Kyiv\n    colour: red\n",
            "archives.yaml:8: error: unrecognised key 'colour'",
        ),
        (
            "  - slug: tsdiak\n",
            "  - slug: TsDIAK\n",
            "archives.yaml:2: error: slug 'TsDIAK' is not lowercase ASCII",
        ),
        ("    city: Kyiv\n", "", "archives.yaml:2: error: the archive has no 'city'"),
        ("[fond, opys, sprava]", "fond", "archives.yaml:8: error: levels must be a list"),
        ("sprava: [spr.]", "delo: [d.]", "archives.yaml:10: error: style A names level 'delo'"),
        ("archives:", "archive:", "archives.yaml:1: error: unrecognised key 'archive'"),
        ("    short: TsDIAK\n", "    short: [TsDIAK\n", "archives.yaml:"),
        ("[fond, opys, sprava]", "[fond, list]", "archives.yaml:8: error: level 'list' must be"),
    ],
)
def test_registry_problems_name_file_and_line(old: str, new: str, message: str) -> None:
    assert old in GOOD
    _, problems = parse_registry(GOOD.replace(old, new), "archives.yaml")
    assert any(str(p).startswith(message) for p in problems), [str(p) for p in problems]


def test_a_name_used_by_two_archives_is_an_error() -> None:
    text = GOOD + GOOD.split("archives:\n")[1].replace("slug: tsdiak", "slug: other")
    _, problems = parse_registry(text, "archives.yaml")
    assert any("'TsDIAK' is used by both 'tsdiak' and 'other'" in str(p) for p in problems)


def test_load_registry_raises_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "archives.yaml"
    path.write_text(GOOD.replace("slug: tsdiak", "slug: Ts").replace("city: Kyiv", "cty: Kyiv"))
    with pytest.raises(BuildError) as err:
        read_registry(str(path))
    assert len(err.value.problems) == 3
    assert all(p.path == str(path) and p.line for p in err.value.problems)


def test_without_an_edition_file_the_shipped_registry_is_used(tmp_path: Path) -> None:
    problems = Problems()
    registry = edition_registry(tmp_path, "content/archives.yaml", problems)
    assert problems.items == [] and registry is shipped_registry()


OVERRIDE = """\
archives:
  - slug: rgani
    aliases: [Moscow Contemporary Archive]
    fonds:
      "10": Commission of the CC CPSU
      "3": Politburo
"""


def test_an_edition_file_adds_aliases_and_fond_titles_to_a_shipped_archive() -> None:
    registry, problems = parse_registry(OVERRIDE, "content/archives.yaml", shipped_registry())
    assert problems == []
    rgani = registry.get("Moscow Contemporary Archive")
    assert rgani.slug == "rgani"
    assert rgani.fond_title("10") == "Commission of the CC CPSU"
    assert rgani.fond_title("3") == "Politburo"  # the edition's title wins
    assert rgani.fond_title("5") == shipped_registry().get("rgani").fond_title("5")
    assert rgani.name == shipped_registry().get("rgani").name
    assert len(registry.archives) == len(shipped_registry().archives)


def test_an_edition_file_adds_an_archive() -> None:
    registry, problems = parse_registry(GOOD, "content/archives.yaml", shipped_registry())
    assert problems == []
    assert registry.get("ЦДІАК").slug == "tsdiak" and registry.get("РГАНИ").slug == "rgani"


def test_problems_of_the_edition_file_are_located_in_it() -> None:
    text = OVERRIDE + "    colour: red\n  - slug: garf2\n    short: GARF\n"
    _, problems = parse_registry(text, "content/archives.yaml", shipped_registry())
    found = [str(p).split("\n")[0] for p in problems]
    assert "content/archives.yaml:7: error: unrecognised key 'colour'" in found
    assert "content/archives.yaml:8: error: the archive has no 'city'" in found


def test_a_name_taken_from_a_shipped_archive_is_an_error_of_the_edition_file() -> None:
    text = GOOD.replace("short: TsDIAK", "short: RGANI")
    _, problems = parse_registry(text, "content/archives.yaml", shipped_registry())
    [problem] = problems
    assert (problem.path, problem.line) == ("content/archives.yaml", 2)
    assert "'RGANI' is used by both 'rgani' and 'tsdiak'" in problem.message


def test_registry_loading_is_safe() -> None:
    _, problems = parse_registry("archives: !!python/object:os.system []\n", "a.yaml")
    assert problems and problems[0].line == 1


# --- slugs and sheets --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "number", "slug"),
    [
        ("fond", "3", "fond-3"),
        ("fond", "0129", "fond-0129"),
        ("opis", "14", "opis-14"),
        ("papka", "355", "papka-355"),
        ("delo", "3а", "delo-3a"),
        ("delo", "3A", "delo-3a"),
        ("fond", "Р-5446", "fond-r-5446"),
        ("delo", "12/3", "delo-12-3"),
        ("delo", "№", "delo-u2116"),
    ],
)
def test_level_slug(level: str, number: str, slug: str) -> None:
    assert level_slug(level, number) == slug
    assert number_slug(number).isascii()


@pytest.mark.parametrize(
    ("sheets", "merged"),
    [
        ("5, 5ob., 6", "5–6"),
        ("6, 5ob., 5", "5–6"),
        ("1–3, 2–5, 9", "1–5, 9"),
        ("73–77; 89–96; 111; 126", "73–77, 89–96, 111, 126"),
        ("10, 9, 2", "2, 9–10"),
        ("5, 6ob.", "5, 6ob."),
        ("5 об., 6", "5об.–6"),
        ("100, 20, 3", "3, 20, 100"),
        ("4, 4", "4"),
    ],
)
def test_sheets_sort_naturally_and_merge(sheets: str, merged: str) -> None:
    assert format_sheets(merge_sheets(parse_sheets(sheets))) == merged


@pytest.mark.parametrize(
    ("sheet", "anchor"), [("5", "list-5"), ("5ob.", "list-5ob"), ("5 об.", "list-5ob")]
)
def test_sheet_anchor(sheet: str, anchor: str) -> None:
    assert sheet_anchor(sheet) == anchor


# --- tree --------------------------------------------------------------------------------


def test_tree_gathers_citations_of_several_articles() -> None:
    one = article("one", "RGANI, F 3, inv. 14, f. 463, p. 9.", "Ibid. pp. 10–11.")
    two = article(
        "two", "RGANI, f. 3, op. 14, d. 463, ll. 11–14.", "RGANI, f. 3, op. 3, d. 463, l. 2."
    )
    tree = build_tree([two, one], REGISTRY)
    node = tree.by_url["archives/rgani/fond-3/opis-14/delo-463/"]
    assert [(r.article, r.note, format_sheets(r.sheets)) for r in node.citations] == [
        ("one", 1, "9"),
        ("one", 2, "10–11"),
        ("two", 1, "11–14"),
    ]
    assert format_sheets(node.sheets) == "9–14"
    assert node.path == (("fond", "3"), ("opis", "14"), ("delo", "463"))
    assert (tree.files, tree.citation_count) == (2, 4)
    fond = tree.by_url["archives/rgani/fond-3/"]
    assert (fond.files, fond.citation_count, fond.title) == (
        2,
        4,
        REGISTRY.get("rgani").fond_title("3"),
    )
    assert [c.number for c in fond.children] == ["3", "14"]


def test_tree_sorts_naturally_and_counts_each_level() -> None:
    tree = build_tree(
        [
            article(
                "a",
                "RGANI, F 10, inv. 3, f. 6, p. 1.",
                "RGANI, F 3, inv. 18, f. 16, p. 3; f. 8, p. 4; f. 10, p. 5.",
                "RGANI, F 3, inv. 18, f. 10, p. 64.",
                "РГАНИ. Ф. 2. Оп. 1. Д. 535. Л. 140.",
                "GARF, f. R-5446, op. 1, d. 12, l. 5ob.",
            )
        ],
        REGISTRY,
    )
    assert [a.slug for a in tree.archives] == ["garf", "rgani"]
    rgani = tree.archives[1]
    assert [f.number for f in rgani.children] == ["2", "3", "10"]
    opis = rgani.children[1].children[0]
    assert [d.number for d in opis.children] == ["8", "10", "16"]
    assert [(d.files, d.citation_count) for d in opis.children] == [(1, 1), (1, 2), (1, 1)]
    assert (opis.files, opis.citation_count, rgani.files, rgani.citation_count) == (3, 4, 5, 6)
    assert rgani.children[2].title == ""  # fond 10: unknown, never invented
    assert tree.archives[0].children[0].url == "archives/garf/fond-r-5446/"
    assert [n.level for n in tree.walk()][:5] == ["archive", "fond", "opis", "delo", "archive"]


def test_tree_url_with_papka_and_leading_zero() -> None:
    tree = build_tree([article("a", "AVP RF. F. 0129. Op. 47. P. 355. D. 14. L. 22–34.")], REGISTRY)
    url = "archives/avp-rf/fond-0129/opis-47/papka-355/delo-14/"
    assert url in tree.by_url
    (c,) = tree.by_url[url].citations
    assert (c.text, format_sheets(c.sheets)) == (
        "AVP RF. F. 0129. Op. 47. P. 355. D. 14. L. 22–34",
        "22–34",
    )


def test_unit_url_of_a_citation() -> None:
    (c,) = parse_note("РГАНИ. Ф. 3. Оп. 14. Д. 463. Л. 9.", REGISTRY)
    assert unit_url(c, REGISTRY) == "archives/rgani/fond-3/opis-14/delo-463/"
    (book,) = parse_note("Freedman, *Economic Warfare*, 79.", REGISTRY)
    assert unit_url(book, REGISTRY) == ""


def test_csl_manuscript_and_export() -> None:
    cited = article("a", "RGANI, F 3, inv. 14, f. 463, pp. 11–14; f. 464, p. 2.")
    tree = build_tree([cited], REGISTRY)
    node = tree.by_url["archives/rgani/fond-3/opis-14/delo-463/"]
    assert csl_manuscript(node, REGISTRY) == {
        "id": "archives-rgani-fond-3-opis-14-delo-463",
        "type": "manuscript",
        "title": "RGANI, f. 3, op. 14, d. 463",
        "archive": "Rossiiskii gosudarstvennyi arkhiv noveishei istorii (RGANI)",
        "archive_location": "f. 3, op. 14, d. 463",
        "archive-place": "Moscow",
    }
    rows = citation_rows(cited, REGISTRY)
    assert [(r["note"], r["levels"]["delo"], r["sheets"], r["url"]) for r in rows] == [
        (1, "463", ["11–14"], "archives/rgani/fond-3/opis-14/delo-463/"),
        (1, "464", ["2"], "archives/rgani/fond-3/opis-14/delo-464/"),
    ]
    assert rows[0]["archive"] == "RGANI" and rows[0]["article"] == "a"


def test_bundled_article_tree() -> None:
    from test_citations import source_notes

    notes = [n.text for n in source_notes()]
    edemskiy = article("edemskiy", *notes)
    tree = build_tree([edemskiy], REGISTRY)
    assert (tree.files, tree.citation_count) == (23, 31)
    rows = citation_rows(edemskiy, REGISTRY)
    assert len(rows) == 31
    assert [r["note"] for r in rows] == sorted(r["note"] for r in rows)  # in note order
    assert {r["url"] for r in rows} == {n.url for n in tree.walk() if n.citations}
    file_463 = tree.by_url["archives/rgani/fond-3/opis-14/delo-463/"]
    assert [(r.note, format_sheets(r.sheets)) for r in file_463.citations] == [
        (26, "9"),
        (27, "10–11"),
        (29, "11–14"),
    ]
    assert format_sheets(file_463.sheets) == "9–14"


def test_tree_is_linear_enough_for_a_thousand_articles() -> None:
    texts = [f"RGANI, f. 3, op. {i % 7}, d. {i}, l. {i % 50}." for i in range(40)]
    one = article("x", *texts)
    many = [replace(one, slug=f"a{i}") for i in range(1000)]
    tree = build_tree(many, REGISTRY)
    assert (tree.files, tree.citation_count) == (40, 40_000)
