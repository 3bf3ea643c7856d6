"""Warnings the editors reviewed stop counting for --strict; stale reviews are reported."""

from __future__ import annotations

from edition.check import exit_code, mark_reviewed
from edition.content.editorial import parse_editorial
from edition.errors import Problem

WARNING = Problem(
    "warning",
    "s.txt",
    68,
    "abbreviation 'ALP' (3×) is also written 'PLA'",
    "",
    "abbreviation-variant",
)
OTHER = Problem(
    "warning", "s.txt", 70, "word 'sovetской' mixes Latin and Cyrillic", "", "mixed-script"
)


def _decisions(text: str):
    decisions, problems = parse_editorial(text, "content/x/editorial.yaml")
    assert not problems.items, [str(p) for p in problems.items]
    return decisions


def test_a_reviewed_warning_no_longer_fails_strict() -> None:
    decisions = _decisions(
        "reviewed:\n  - {code: abbreviation-variant, match: \"'ALP'\", reason: author's usage}\n"
    )
    marked = mark_reviewed([WARNING], decisions)
    assert [p.severity for p in marked] == ["reviewed"]
    assert marked[0].hint == "reviewed: author's usage"
    assert exit_code(marked, strict=True) == 0


def test_only_the_matching_warning_is_reviewed() -> None:
    decisions = _decisions(
        "reviewed:\n  - {code: abbreviation-variant, match: \"'ALP'\", reason: r}\n"
    )
    marked = mark_reviewed([WARNING, OTHER], decisions)
    assert [p.severity for p in marked] == ["reviewed", "warning"]
    assert exit_code(marked, strict=True) == 1
    assert exit_code(marked, strict=False) == 0


def test_a_stale_review_is_a_warning_at_its_line() -> None:
    decisions = _decisions("reviewed:\n  - {code: mixed-script, match: gone, reason: r}\n")
    (stale,) = mark_reviewed([], decisions)
    assert str(stale).startswith(
        "content/x/editorial.yaml:2: warning: reviewed warning 'mixed-script' matching 'gone'"
    )


def test_a_review_needs_code_match_and_reason() -> None:
    _, problems = parse_editorial("reviewed:\n  - {code: mixed-script}\n", "e.yaml")
    assert str(problems.errors[0]).startswith(
        "e.yaml:2: error: a reviewed warning needs 'code', 'match' and 'reason'"
    )
