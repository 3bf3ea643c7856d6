"""editorial.yaml: parsed with lines, applied by the build, never lost on re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_project, make_project

from edition.cli import main
from edition.content.editorial import Editorial, parse_editorial
from edition.content.emend import apply_editorial
from edition.model import Article, BibEntry, Cover, Emendation, Metadata, Note, PageBreak, Paragraph

SLUG = "balcanica-2019-edemskiy"
GOOD = """\
emendations:
  - sic: 22th
    corr: 22nd
    p: 1
    reason: ordinal misspelt
    who: AE
    when: 2026-01-02
metadata:
  doi: 10.1/x
  pages: 205–230
"""


def _article() -> Article:
    cover = Cover("J", "", "L", 50, 2019, "", "", "", "", "", "", "", ())
    return Article(
        slug="a",
        source="sources/a.txt",
        cover=cover,
        title="T",
        authors=(),
        abstract="",
        keywords=(),
        paragraphs=(Paragraph(1, "At the 22th congress it [^1] ended.", 10),),
        notes=(Note(1, "See Hoxha, *Vepra*, 12.", 20),),
        bibliography=(BibEntry("hoxha", "Books", "book", (), "Hoxha, E. Vepra.", 30),),
        page_breaks=(PageBreak(1, 1, 20, 15),),
    )


def test_parse_good_file() -> None:
    decisions, problems = parse_editorial(GOOD, "e.yaml")
    assert problems.items == []
    assert decisions.emendations == (
        Emendation("22th", "22nd", "p", "1", "ordinal misspelt", "AE", "2026-01-02", 2),
    )
    assert decisions.metadata == (("doi", "10.1/x"), ("pages", "205–230"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "emendations: [\n",
            "e.yaml:2: error: invalid YAML: expected the node content, but found '<stream end>'",
        ),
        ("- 1\n", "e.yaml:1: error: editorial.yaml is not a mapping"),
        ("emendation: []\n", "e.yaml:1: error: unknown key 'emendation'"),
        ("emendations: 3\n", "e.yaml:1: error: emendations must be a list"),
        (
            "emendations:\n  - sic: a\n    corr: b\n    p: 1\n",
            "e.yaml:2: error: emendation lacks reason, who, when",
        ),
        (
            "emendations:\n  - {sic: a, corr: b, reason: r, who: w, when: x}\n",
            "e.yaml:2: error: emendation needs exactly one of p, note, bib",
        ),
        (
            "emendations:\n  - {sic: a, corr: b, p: x, reason: r, who: w, when: x}\n",
            "e.yaml:2: error: p must be a number, not 'x'",
        ),
        (
            "metadata: !!python/object:os.system {}\n",
            "e.yaml:1: error: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        (
            "metadata:\n  doi: !!binary aGk=\n",
            "e.yaml:2: error: YAML tag 'tag:yaml.org,2002:binary' is not allowed",
        ),
        ("overrides:\n  - note: 3\n", "e.yaml:2: error: override changes nothing"),
        (
            "metadata:\n\tdoi: x\n",
            "e.yaml:2: error: invalid YAML: found character '\\t' that cannot start any token",
        ),
    ],
)
def test_parse_reports_file_and_line(text: str, message: str) -> None:
    _, problems = parse_editorial(text, "e.yaml")
    assert [str(p).split("\n")[0] for p in problems.items][0] == message


def test_apply_emendation_shifts_page_breaks_and_records_offset() -> None:
    decisions, _ = parse_editorial(GOOD, "e.yaml")
    article, problems = apply_editorial(_article(), decisions)
    assert problems.items == []
    assert article.paragraphs[0].text == "At the 22nd congress it [^1] ended."
    assert article.page_breaks[0].offset == 20  # the break after it; same length here
    assert article.emendations[0].offset == 7
    assert article.metadata == Metadata(doi="10.1/x", first_page="205", last_page="230")


def test_longer_correction_moves_a_later_page_break() -> None:
    e = Emendation("22th", "twenty-second", "p", "1", "r", "w", "d", 2)
    article, _ = apply_editorial(_article(), Editorial("e.yaml", (e,)))
    assert article.page_breaks[0].offset == 20 + len("twenty-second") - len("22th")


@pytest.mark.parametrize(
    ("emendation", "message"),
    [
        (
            Emendation("23th", "23rd", "p", "1", "r", "w", "d", 7),
            "e.yaml:7: error: emendation: '23th' is not in paragraph 1",
        ),
        (
            Emendation("22th", "22nd", "p", "9", "r", "w", "d", 4),
            "e.yaml:4: error: emendation: there is no paragraph 9",
        ),
        (
            Emendation("e", "E", "note", "1", "r", "w", "d", 5),
            "e.yaml:5: error: emendation: 'e' occurs 3 times in note 1",
        ),
        (
            Emendation("Hoxa", "Hoxha", "bib", "hoxha", "r", "w", "d", 6),
            "e.yaml:6: error: emendation: 'Hoxa' is not in bibliography entry hoxha",
        ),
    ],
)
def test_vanished_target_is_an_error_naming_the_emendation(
    emendation: Emendation, message: str
) -> None:
    _, problems = apply_editorial(_article(), Editorial("e.yaml", (emendation,)))
    assert str(problems.items[0]).split("\n")[0] == message


def test_override_links_a_citation_by_hand() -> None:
    text = (
        "overrides:\n  - note: 1\n    citations:\n"
        "      - {kind: bibliographic, text: 'Hoxha, *Vepra*, 12', pages: '12'}\n"
        "    bib_key: hoxha\n"
    )
    decisions, problems = parse_editorial(text, "e.yaml")
    assert problems.items == []
    article, problems = apply_editorial(_article(), decisions)
    assert problems.items == []
    (citation,) = article.notes[0].citations
    assert (citation.kind, citation.bib_key, citation.pages) == ("bibliographic", "hoxha", "12")


def test_override_of_unknown_entry_is_an_error() -> None:
    decisions, _ = parse_editorial("overrides:\n  - note: 1\n    bib_key: nope\n", "e.yaml")
    _, problems = apply_editorial(_article(), decisions)
    assert str(problems.items[0]).split("\n")[0] == (
        "e.yaml:2: error: override: no bibliography entry 'nope'"
    )


def _editorial(project: Path) -> Path:
    return project / "content" / SLUG / "editorial.yaml"


def test_emendations_survive_reimport_and_show_to_readers(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    real = Path(__file__).resolve().parents[2] / "content" / SLUG / "editorial.yaml"
    _editorial(project).write_bytes(real.read_bytes())
    assert main(["import", "--root", str(project), "--force"]) == 0
    assert _editorial(project).read_bytes() == real.read_bytes()  # import never writes it
    assert build_project(project, "--no-search") == 0
    html = (project / "_site" / "articles" / SLUG / "index.html").read_text()
    assert (
        '<span class="emendation" id="em-p-22-4" title="ordinal misspelt in print (printed: '
        '22th CPSU congress; Edition editors, 2026-11-25)"><ins class="corr">22nd CPSU congress'
        '</ins><span class="sic" data-pagefind-ignore> [printed: <del>22th CPSU congress</del>]'
        "</span></span>"
    ) in html
    assert '<section class="apparatus"' in html
    assert '<a href="#p-45">paragraph 45</a>' in html
    # Re-importing a changed source keeps the decisions and applies them again.
    source = project / "sources" / f"{SLUG}.txt"
    source.write_text(source.read_text() + "\n")
    assert main(["import", "--root", str(project)]) == 0
    assert _editorial(project).read_bytes() == real.read_bytes()


def test_vanished_emendation_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    before = (project / "_site" / "articles" / SLUG / "index.html").read_bytes()
    _editorial(project).write_text(GOOD.replace("p: 1", "p: 2"))
    capsys.readouterr()
    assert build_project(project, "--no-search") == 1
    err = capsys.readouterr().err
    assert (
        f"content/{SLUG}/editorial.yaml:2: error: emendation: '22th' is not in paragraph 2\n"
        "  hint: the text changed after a re-import? update or remove the emendation"
    ) in err
    assert (project / "_site" / "articles" / SLUG / "index.html").read_bytes() == before


def test_import_never_creates_editorial_yaml(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert main(["import", "--root", str(project), "--force"]) == 0
    assert (project / "content" / SLUG / "article.yaml").exists()
    assert not _editorial(project).exists()


def test_check_reports_a_vanished_emendation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    _editorial(project).parent.mkdir(parents=True)
    _editorial(project).write_text(GOOD)
    assert main(["check", "--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert (
        f"content/{SLUG}/editorial.yaml:2: error: emendation: '22th' is not in paragraph 1" in out
    )
