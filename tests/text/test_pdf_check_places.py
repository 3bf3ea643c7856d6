"""`edition check` and article.yaml name a PDF's places by page and line, as the import does.

The PDF's own lines are found here without the reader: pdfium's characters,
grouped by baseline down each page (a raised marker stays on its line), so
that a place the check names is compared with where the words are drawn.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from edition.cli import main
from edition.content.article_yaml import dump_article, load_article
from tests.support.doc import Doc, Note, text
from tests.support.samples import SAMPLES
from tests.support.typeset import typeset

MIXED = "Oднако"  # a Latin O before Cyrillic letters
UNREAD = "Беседа автора с очевидцем событий, записанная летом в деревне."


def _doc() -> Doc:
    """The Russian sample with a mixed-script word in its last paragraph and an unread note 9."""
    doc = SAMPLES["russian"]()
    last = doc.body[-1]
    assert "Однако" in last.text.plain
    plain = last.text.plain.replace("Однако", MIXED, 1)  # as long: markers stay where they are
    body = (*doc.body[:-1], replace(last, text=replace(last.text, plain=plain)))
    notes = tuple(Note(9, text(UNREAD)) if n.number == 9 else n for n in doc.notes)
    return replace(doc, body=body, notes=notes)


def drawn_lines(pdf: bytes) -> list[list[str]]:
    """Each page's lines as drawn, top down: characters on one baseline (within half a line)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    document = pdfium.PdfDocument(pdf)
    x, y = ctypes.c_double(), ctypes.c_double()
    for page in document:
        textpage = page.get_textpage()
        chars = []
        for i in range(textpage.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
            if ch.strip() and not raw.FPDFText_IsGenerated(textpage.raw, i):
                raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
                chars.append((-y.value, x.value, ch))
        lines: list[list[tuple[float, float, str]]] = []
        for c in sorted(chars):
            if lines and c[0] - lines[-1][-1][0] < 5:  # leadings here are 10.5 pt and more
                lines[-1].append(c)
            else:
                lines.append([c])
        out.append(["".join(ch for _, _, ch in sorted(line, key=lambda c: c[1])) for line in lines])
    document.close()
    return out


def _drawn_place(pdf: bytes, words: str) -> str:
    """`page P, line L` of the one drawn line holding `words` (spaces aside)."""
    needle = words.replace(" ", "")
    found = [
        f"page {p}, line {n}"
        for p, page in enumerate(drawn_lines(pdf), 1)
        for n, line in enumerate(page, 1)
        if needle in line
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    root = tmp_path_factory.mktemp("pdf-places")
    (root / "sources").mkdir()
    pdf = typeset(_doc(), "journal-b").pdf
    (root / "sources" / "ru.pdf").write_bytes(pdf)
    return root, pdf


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    main(["check", "--root", str(root), "--format", "json"])
    return json.loads(capsys.readouterr().out)["problems"]


def test_check_names_a_pdf_problem_where_it_is_drawn(project, capsys) -> None:
    root, pdf = project
    problems = _check(root, capsys)
    mixed = [p for p in problems if p["code"] == "mixed-script"]
    unread = [p for p in problems if p["code"] == "unparsed-citation" and UNREAD in p["message"]]
    assert len(mixed) == 1 and len(unread) == 1, problems
    # The word's own line, and the line the note begins on ('9. Беседа ...').
    assert mixed[0]["path"] == f"sources/ru.pdf:{_drawn_place(pdf, MIXED)}"
    assert unread[0]["path"] == f"sources/ru.pdf:{_drawn_place(pdf, '9. ' + UNREAD[:20])}"
    assert mixed[0]["line"] == unread[0]["line"] == 0
    assert not mixed[0]["path"].startswith("sources/ru.pdf:page 1,")  # not a running count
    # Every problem of the source is named by page; a line named in a hint is too.
    ours = [p for p in problems if p["path"].startswith("sources/ru.pdf")]
    assert all(re.fullmatch(r"sources/ru\.pdf:page \d+, line \d+", p["path"]) for p in ours)
    hints = [p["hint"] for p in ours if "line" in p["hint"]]
    assert hints and all(re.search(r"page \d+, line \d+", h) for h in hints)


def test_article_yaml_of_a_pdf_says_each_entrys_page(project, capsys) -> None:
    root, pdf = project
    assert main(["import", "--root", str(root)]) == 0
    problems = _check(root, capsys)
    path = root / "content" / "ru" / "article.yaml"
    written = path.read_text("utf-8")
    article = load_article(path)
    assert len(article.page_lines) == len(drawn_lines(pdf)) == 3
    assert dump_article(article, article.import_sha256) == written  # read back, written again
    note = next(n for n in article.notes if n.text == UNREAD)
    unread = next(p for p in problems if UNREAD in p["message"])
    entry = re.search(rf"- n: 9\n  line: {note.line}\n  pdf_place: (.+)\n", written)
    assert entry is not None and unread["path"] == f"sources/ru.pdf:{entry.group(1)}"
    data = yaml.safe_load(written)
    kinds = ("paragraphs", "page_breaks", "notes", "bibliography")
    entries = [e for kind in kinds for e in data[kind]]
    assert entries and all(re.fullmatch(r"page \d+, line \d+", e["pdf_place"]) for e in entries)
