"""The archive registry shipped in the package: src/edition/data/archives.yaml."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from edition.citations.grammar import NUMBER_RE, parse_notes
from edition.citations.ibid import resolve
from edition.citations.registry import SLUG_RE, Registry, parse_registry, shipped_registry
from edition.model import Note

DATA = Path(__file__).resolve().parents[2] / "src" / "edition" / "data" / "archives.yaml"
TEXT = DATA.read_text(encoding="utf-8")
RAW: list[dict] = yaml.safe_load(TEXT)["archives"]
NAME_KEYS = ("short", "short_cyrillic", "name", "name_english", "name_russian")

RUSSIAN = {
    "rgani": "РГАНИ",
    "rgaspi": "РГАСПИ",
    "garf": "ГАРФ",
    "avp-rf": "АВП РФ",
    "ap-rf": "АП РФ",
    "tsa-fsb": "ЦА ФСБ",
    "rgva": "РГВА",
    "rgae": "РГАЭ",
    "rgada": "РГАДА",
    "rgia": "РГИА",
    "rgali": "РГАЛИ",
    "rgakfd": "РГАКФД",
    "tsamo": "ЦАМО",
    "rgvia": "РГВИА",
    "rgavmf": "РГАВМФ",
    "rgantd": "РГАНТД",
}


REGISTRY, PROBLEMS = parse_registry(TEXT, str(DATA))


def _key(name: str) -> str:
    return " ".join(name.casefold().replace(".", " ").split())


def _names(entry: dict) -> list[str]:
    return [entry["slug"], *(entry[k] for k in NAME_KEYS if k in entry), *entry.get("aliases", ())]


def _is_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("CYRILLIC" in unicodedata.name(c) for c in letters)


# --- the file as it is -------------------------------------------------------------------


def test_the_file_parses_without_problems():
    assert [str(p) for p in PROBLEMS] == []
    assert [a.slug for a in REGISTRY.archives] == [e["slug"] for e in RAW]
    assert [a.slug for a in shipped_registry().archives] == [e["slug"] for e in RAW]


def test_catalogue_and_the_cyrillic_abbreviation_are_read_when_given():
    for entry in RAW:
        archive = REGISTRY.get(entry["slug"])
        assert archive.catalogue == entry.get("catalogue", "")
        assert archive.short_cyrillic == entry.get("short_cyrillic", "")


def test_catalogue_when_given_is_one_web_address():
    for entry in RAW:
        if "catalogue" in entry:
            url = entry["catalogue"]
            assert isinstance(url, str) and re.fullmatch(r"https?://[^\s/]+/\S*", url), entry


def test_an_archive_without_a_cyrillic_abbreviation_is_outside_russia():
    missing = {e["slug"] for e in RAW if "short_cyrillic" not in e}
    assert missing and not missing & RUSSIAN.keys()


# --- names -------------------------------------------------------------------------------


def test_slugs_are_unique_lowercase_ascii():
    slugs = [e["slug"] for e in RAW]
    assert len(slugs) == len(set(slugs))
    assert all(SLUG_RE.match(s) for s in slugs)


def test_no_name_of_one_archive_is_a_name_of_another():
    owner: dict[str, str] = {}
    clashes = []
    for entry in RAW:
        for name in _names(entry):
            other = owner.setdefault(_key(name), entry["slug"])
            if other != entry["slug"]:
                clashes.append((name, other, entry["slug"]))
    assert clashes == []


def test_every_name_finds_its_own_archive():
    wrong = [
        (name, entry["slug"])
        for entry in RAW
        for name in _names(entry)
        if REGISTRY.get(name).slug != entry["slug"]
    ]
    assert wrong == []


def test_cyrillic_abbreviations_are_cyrillic_and_latin_ones_latin():
    for entry in RAW:
        assert entry["short"].isascii(), entry["short"]
        if "short_cyrillic" in entry:
            assert _is_cyrillic(entry["short_cyrillic"]), entry["short_cyrillic"]


def test_style_c_abbreviations_are_cyrillic():
    for archive in REGISTRY.archives:
        for abbr in archive.styles.get("C", {}):
            assert _is_cyrillic(abbr), (archive.slug, abbr)


@pytest.mark.parametrize(("slug", "cyrillic"), sorted(RUSSIAN.items()))
def test_the_russian_archives_are_there_under_their_cyrillic_names(slug, cyrillic):
    assert REGISTRY.get(slug).slug == slug
    assert REGISTRY.get(cyrillic).slug == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ЦА ФСБ России", "tsa-fsb"),
        ("Central Archive of the Federal Security Service", "tsa-fsb"),
        ("ЦАМО РФ", "tsamo"),
        ("APRF", "ap-rf"),
        ("AVPRF", "avp-rf"),
        ("RTsKhIDNI", "rgaspi"),
        ("TsKhSD", "rgani"),
        ("TsGAOR SSSR", "garf"),
        ("Архив Југославије", "aj"),
        ("Arkivi Qendror i Shtetit", "aqsh"),
    ],
)
def test_aliases_translations_use(name, slug):
    assert REGISTRY.get(name).slug == slug


# --- levels and abbreviations ------------------------------------------------------------


def test_avp_rf_has_papka_between_opis_and_delo():
    avp = REGISTRY.get("avp-rf")
    assert avp.levels == ("fond", "opis", "papka", "delo")
    assert avp.styles["A"]["p."] == "papka"
    assert avp.styles["C"]["п."] == "papka"


def test_the_russian_archives_read_fond_opis_delo_in_all_four_styles():
    for slug in RUSSIAN.keys() - {"avp-rf", "rgakfd"}:
        archive = REGISTRY.get(slug)
        assert archive.levels == ("fond", "opis", "delo"), slug
        assert set(archive.styles) == {"D", "A", "B", "C"}, slug


def test_the_other_archives_do_not_change_how_russian_abbreviations_are_read():
    """Text that names no archive is read with all tables merged: no new meanings there."""
    russian = Registry(tuple(a for a in REGISTRY.archives if a.slug in RUSSIAN)).all_styles
    merged = REGISTRY.all_styles
    for style, table in russian.items():
        assert {a: merged[style][a] for a in table} == table, style
    meanings = {(abbr, level) for table in russian.values() for abbr, level in table.items()}
    known = {abbr for abbr, _ in meanings}
    for style, table in merged.items():
        for abbr, level in table.items():
            if abbr in known and abbr not in russian.get(style, {}):
                assert (abbr, level) in meanings, (style, abbr, level)


def test_every_fond_number_can_be_read_from_a_citation():
    for archive in REGISTRY.archives:
        for number, title in archive.fonds:
            assert NUMBER_RE.match(number) and title, (archive.slug, number)


def _read(*texts: str):
    notes = [Note(i, t, i) for i, t in enumerate(texts, 1)]
    notes = resolve(parse_notes(notes, REGISTRY))
    return [(c.archive, c.levels) for n in notes for c in n.citations]


@pytest.mark.parametrize(
    ("text", "archive", "levels"),
    [
        ("ЦАМО РФ. Ф. 32. Оп. 11289. Д. 1. Л. 5.", "tsamo", ["32", "11289", "1"]),
        ("RGAE, f. 4372, op. 66, d. 12, ll. 3–4.", "rgae", ["4372", "66", "12"]),
        ("РГАЛИ. Ф. 1234. Оп. 1. Ед. хр. 56. Л. 7.", "rgali", ["1234", "1", "56"]),
        ("AVP RF, f. 06, op. 9, p. 12, d. 140, l. 5.", "avp-rf", ["06", "9", "12", "140"]),
        ("ЦДАГО України. Ф. 1. Оп. 23. Спр. 45. Арк. 6.", "tsdaho", ["1", "23", "45"]),
        ("НАРБ. Ф. 4п. Воп. 1. Спр. 123. Арк. 5.", "narb", ["4п", "1", "123"]),
        ("LYA, f. 17626, ap. 1, b. 496, l. 6.", "lya", ["17626", "1", "496"]),
        ("Arhiv Jugoslavije, fond 130, fasc. 512, a.j. 9.", "aj", ["130", "512", "9"]),
        ("AQSH, F. 890, V. 1949, D. 501, fl. 3.", "aqsh", ["890", "1949", "501"]),
    ],
)
def test_a_citation_of_each_kind_of_hierarchy_is_read(text, archive, levels):
    [(found, read)] = _read(text)
    assert found == archive
    assert [number for _, number in read] == levels
    assert [level for level, _ in read] == list(REGISTRY.get(archive).levels)


def test_ibid_with_a_capital_d_still_means_delo_after_a_russian_citation():
    read = _read("RGANI. F. 3. Op. 16. D. 294.", "Ibid. D. 295.")
    assert read[1] == ("rgani", (("fond", "3"), ("opis", "16"), ("delo", "295")))


def test_ibid_after_an_albanian_citation_reads_with_its_tables():
    read = _read("AQSH, F. 890, V. 1949, D. 501, fl. 3.", "Ibid. D. 502.")
    assert read[1] == ("aqsh", (("fond", "890"), ("viti", "1949"), ("dosja", "502")))


def test_a_fond_with_a_suffix_after_a_slash_is_not_read_as_its_number():
    notes = resolve(parse_notes([Note(1, "AQSH, F. 14/AP, V. 1960, D. 5.", 1)], REGISTRY))
    [c] = notes[0].citations
    assert (c.archive, c.levels, c.doubt) == ("aqsh", (), "read-in-part")


def test_a_place_is_written_with_the_archives_first_table_without_style_a():
    from edition.citations.tree import archive_location

    aqsh = REGISTRY.get("aqsh")
    assert archive_location(aqsh, (("fond", "890"), ("dosja", "5"))) == "F. 890, D. 5"
