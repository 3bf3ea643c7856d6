"""`edition check`: the editorial report on small fixtures and on the bundled article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_project

from edition import check
from edition.cli import main
from edition.errors import Problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KPSS i formirovanie sovetской politiki", ["sovetской"]),
        ("Москва and Moscow", []),
        ("Mоscow with a Cyrillic o", ["Mоscow"]),
        ("café naïve", []),
        ("sovetской sovetской", ["sovetской"]),
    ],
)
def test_mixed_script_words(text: str, expected: list[str]) -> None:
    assert check.mixed_script_words(text) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["the PLA CC", "the ALP delegation", "PLA again"], [[("PLA", 2), ("ALP", 1)]]),
        (["the CPC line", "the CCP line", "CPC"], [[("CPC", 2), ("CCP", 1)]]),
        (["the USSR and the CPSU", "CPSU"], []),
        (["volume XIV and XVI"], []),  # Roman numerals are not abbreviations
        (["AA and A"], []),
        (
            ["the Communist Party of China (CPC) met", "the Communist Party of China (KPK)"],
            [[("CPC", 1), ("KPK", 1)]],
        ),
        (["РГАНИ and РГНИА"], [[("РГАНИ", 1), ("РГНИА", 1)]]),
    ],
)
def test_abbreviation_variants(texts: list[str], expected: list) -> None:
    assert check.abbreviation_variants(texts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a Party of Labour of Albania (PLA) view", [("Party of Labour of Albania", "PLA")]),
        ("the Communist Party of China (CPC)", [("Communist Party of China", "CPC")]),
        ("nothing here (see above)", []),
    ],
)
def test_expansions(text: str, expected: list) -> None:
    assert check.expansions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 22th congress", [("22th", "22nd")]),
        ("the 22nd, 11th, 12th, 13th, 101st and 3rd", []),
        ("the 1th and 112nd", [("1th", "1st"), ("112nd", "112th")]),
        ("item 22thx", []),
    ],
)
def test_wrong_ordinals(text: str, expected: list) -> None:
    assert check.wrong_ordinals(text) == expected


def test_locate_finds_the_line_at_or_after_the_start() -> None:
    lines = ["alpha", "beta gamma", "gamma"]
    assert check.locate(lines, 1, "gamma") == 2
    assert check.locate(lines, 3, "gamma") == 3
    assert check.locate(lines, 2, "absent") == 2


@pytest.mark.parametrize(
    ("problems", "strict", "code"),
    [
        ([], False, 0),
        ([Problem("warning", "a", 1, "w")], False, 0),
        ([Problem("warning", "a", 1, "w")], True, 1),
        ([Problem("error", "a", 1, "e")], False, 1),
    ],
)
def test_exit_code(problems: list[Problem], strict: bool, code: int) -> None:
    assert check.exit_code(problems, strict) == code


def test_bundled_article_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    before = sorted(p.name for p in (project / "content").rglob("*"))
    assert main(["check", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    source = "sources/balcanica-2019-edemskiy.txt"
    assert (
        f"{source}:273: warning: word 'sovetской' mixes Latin and Cyrillic letters"
        " (Cyrillic: 'ской')\n"
        "  hint: an extraction artefact? record the word in one alphabet as an emendation"
    ) in out
    assert f"{source}:116: warning: abbreviation 'CCP' (1×) is also written 'CPC' (2×)" in out
    assert f"{source}:68: warning: abbreviation 'ALP' (3×) is also written 'PLA'" in out
    assert f"{source}:86: warning: abbreviation 'LPA' (2×) is also written 'PLA'" in out
    assert f"{source}:136: warning: ordinal '22th' should be '22nd'" in out
    assert f"{source}:240: warning: ordinal '22th' should be '22nd'" in out
    # The report changes nothing: no content written.
    assert sorted(p.name for p in (project / "content").rglob("*")) == before


def test_strict_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    assert main(["check", "--root", str(project), "--strict", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    codes = {p["code"] for p in report["problems"]}
    assert {"mixed-script", "abbreviation-variant"} <= codes
    first = report["problems"][0]
    assert set(first) == {"severity", "path", "line", "code", "message", "hint"}


def test_check_uses_the_citation_and_bibliography_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from edition.citations import bibcheck
    from edition.citations import grammar as citations

    def backwards(notes, path):
        return [Problem("warning", path, notes[0].line, "sheets run backwards", "", "sheets")]

    monkeypatch.setattr(citations, "citation_problems", backwards)
    monkeypatch.setattr(bibcheck, "bibliography_problems", lambda e, c, p: [])
    project = make_project(tmp_path)
    main(["check", "--root", str(project)])
    out = capsys.readouterr().out
    assert "sources/balcanica-2019-edemskiy.txt:" in out and "sheets run backwards" in out
