"""A citation that names no fond is kept and reported, never linked to a guessed file."""

from __future__ import annotations

from dataclasses import replace

from conftest import SOURCE

from edition.citations.grammar import citation_problems, parse_note
from edition.citations.registry import shipped_registry
from edition.citations.tree import article_units
from edition.content.source_import import read_article
from edition.model import Note


def test_no_fond_is_a_doubt_with_its_levels_kept() -> None:
    (c,) = parse_note("RGANI, op. 14, d. 5, l. 3.", shipped_registry())
    assert c.kind == "archival" and c.archive == "rgani"
    assert c.levels == (("opis", "14"), ("delo", "5"))
    assert c.doubt == "no-top-level"
    (problem,) = citation_problems([Note(7, c.text, 40, (c,))], "s.txt")
    assert (problem.path, problem.line, problem.code) == ("s.txt", 40, "no-top-level")
    assert "names no fond" in problem.message


def test_a_full_citation_and_its_continuation_are_no_doubt() -> None:
    found = parse_note("RGANI, f. 5, op. 49, d. 131, l. 3; d. 132, l. 4.", shipped_registry())
    assert [c.doubt for c in found] == ["", ""]


def test_a_unit_without_its_fond_gets_no_page() -> None:
    registry = shipped_registry()
    (c,) = parse_note("RGANI, op. 14, d. 5.", registry)
    note = Note(1, c.text, 1, (c,))
    article, _ = read_article(SOURCE.read_bytes(), "s.txt", "s", registry)
    assert article is not None
    units = article_units(replace(article, notes=(note,)), registry)
    assert units == []
