"""The test PDFs look like journal pages, and their truth says where things went."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest

from tests.support.bundled import BUNDLED, bundled_doc, parse_bundled, short_title
from tests.support.chars import Char, page_chars
from tests.support.doc import Heading, text
from tests.support.fixtures import LAYOUT_NAMES, TypesetCache
from tests.support.layouts import LAYOUTS
from tests.support.lines import MARKER_SCALE, break_points
from tests.support.samples import SAMPLES
from tests.support.truth import expected_notes, expected_paragraphs
from tests.support.typeset import write_samples

pdfplumber = pytest.importorskip("pdfplumber")

CASES = [(name, layout) for name in SAMPLES for layout in LAYOUT_NAMES]


def squash(s: str) -> str:
    """Compare text across line breaks: no spaces, no hyphens."""
    return re.sub(r"[\s\-]", "", s)


@functools.lru_cache(maxsize=16)
def pages_of(pdf: bytes) -> tuple[tuple[Char, ...], ...]:
    """Each page's characters, in the order they were drawn."""
    return page_chars(pdf)


def close(a: float, b: float) -> bool:
    return abs(a - b) < 0.05


# The Doc model and the bundled article's reader


@pytest.mark.parametrize(
    "source", ["plain", "an *italic* word", "end.[^1] more[^45] x[^10]", "*a*[^2] b *c*"]
)
def test_mini_markup_round_trips(source):
    assert text(source).markdown() == source


def test_markers_and_italics_sit_at_offsets_into_the_plain_text():
    t = text("See *Pravda*[^3], p. 2.")
    assert t.plain == "See Pravda, p. 2."
    assert t.plain[slice(*t.italics[0])] == "Pravda"
    assert t.markers[0].offset == len("See Pravda") and t.markers[0].note == 3


def test_bundled_doc_agrees_with_the_product_reader():
    from edition.reader import parse_article

    article, _ = parse_article(BUNDLED.read_text(encoding="utf-8"), "x.txt", "x")
    doc = bundled_doc()
    assert [b.text.markdown() for b in doc.body] == [p.text for p in article.paragraphs]
    assert [n.number for n in doc.notes] == [n.n for n in article.notes]
    assert doc.front.title == article.title


def test_bundled_reader_joins_a_paragraph_cut_by_notes_and_a_hyphen():
    source = (
        "COVER\n\nJane Roe*\n\n*Somewhere*\n\nA Title\n\nAbstract: A.\n\nKeywords: k\n\n"
        "It is obvi-\n\n¹ A note.\n\n* jr@example.org\n\nous that it goes on.¹\n\n"
        "Next paragraph.\n\nBibliography\n\n- An entry.\n"
    )
    doc = parse_bundled(source.replace("COVER", "X\n\nMMXX\n\nJOURNAL\n\n2020\n\nISSN 1-2"))
    assert expected_paragraphs(doc) == ("It is obvious that it goes on.", "Next paragraph.")
    assert expected_notes(doc) == {1: "A note."}
    assert doc.front.authors[0].note == "jr@example.org"


def test_every_marker_has_its_note_in_every_sample():
    for make in SAMPLES.values():
        doc = make()
        numbers = [m.note for b in doc.body for m in b.text.markers]
        assert numbers == sorted(numbers) == [n.number for n in doc.notes]


# The PDFs


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_pdf_opens_and_has_the_pages_its_truth_lists(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    pages = pages_of(done.pdf)
    assert len(pages) == len(done.truth.pages) > 1
    if name != "bundled":  # pdfplumber is slow on long documents; its reading is the same
        with pdfplumber.open(io.BytesIO(done.pdf)) as document:
            assert len(document.pages) == len(pages)
            assert document.pages[-1].extract_text().strip()


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_notes_stand_below_the_body_in_smaller_type(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    spec = LAYOUTS[layout]
    for chars, truth in zip(pages_of(done.pdf), done.truth.pages, strict=True):
        if not truth.notes:
            continue
        body = [c for c in chars if close(c.size, spec.size)]
        notes = [c for c in chars if close(c.size, spec.note_size)]
        assert notes and spec.note_size < spec.size
        assert min(c.baseline for c in notes) > max(c.baseline for c in body) + spec.leading
        zone = squash("".join(c.text for c in notes))
        doc = typeset_samples.doc(name)
        for piece in truth.notes:
            printed = doc.note(piece.number).text.plain[piece.start : piece.end]
            assert squash(printed)[:40] in zone


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_markers_are_raised_smaller_digits_in_note_order(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    spec = LAYOUTS[layout]
    small = spec.size * MARKER_SCALE
    found = []
    for chars in pages_of(done.pdf):
        run, base = "", None
        for char in chars:
            if close(char.size, small):
                assert base is not None and char.baseline < base - 2
                run += char.text
                continue
            if run:
                found.append(run)
                run = ""
            base = char.baseline
        if run:
            found.append(run)
    digits = [int(r) for r in found if r.isdigit()]
    assert digits == [m.note for m in done.truth.markers]


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_running_heads_and_page_numbers(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    spec = LAYOUTS[layout]
    pages = typeset_samples.text(name, layout).split("\f")
    assert pages[-1] == ""
    for page, truth in zip(pages, done.truth.pages, strict=False):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if truth.printed is None:
            assert done.truth.pages[0] is truth and spec.cover
            continue
        assert str(truth.printed) in lines + [w for line in lines for w in line.split()]
        if truth.head:
            assert truth.head in page.split("\n\n")[0] or truth.head in lines[:2]
    first = done.truth.pages[1 if spec.cover else 0]
    assert first.head is None
    assert [p.head for p in done.truth.pages if p.head][0]


def test_journal_a_alternates_author_and_title_with_the_number_outside(typeset_samples):
    done = typeset_samples.get("bundled", "journal-a")
    doc = typeset_samples.doc("bundled")
    width = LAYOUTS["journal-a"].page[0]
    for chars, truth in list(zip(pages_of(done.pdf), done.truth.pages, strict=True))[1:]:
        top = [c for c in chars if c.baseline < LAYOUTS["journal-a"].margins[0] - 10]
        folio = [c for c in top if c.text.isdigit()]
        head = "".join(c.text for c in top if not c.text.isdigit())
        even = truth.printed % 2 == 0
        expected = doc.front.authors[0].name.upper() if even else doc.front.short_title
        assert head.replace(" ", "") == expected.replace(" ", "")
        assert (folio[0].x0 < width / 4) == even


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_each_page_begins_where_its_truth_says(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    doc = typeset_samples.doc(name)
    spec = LAYOUTS[layout]
    checked = 0
    height = spec.page[1]
    for chars, truth in zip(pages_of(done.pdf), done.truth.pages, strict=True):
        if truth.body_start is None or truth.index == (1 if spec.cover else 0):
            continue
        block = doc.body[truth.body_start.block]
        expected = block.text.plain[truth.body_start.offset :][:30]
        foot = height - spec.margins[2]
        body = [
            c
            for c in chars
            if spec.margins[0] < c.baseline < foot and not close(c.size, spec.size * MARKER_SCALE)
        ]
        start = squash("".join(c.text for c in body))
        if isinstance(block, Heading) and spec.number_headings:
            start = start.lstrip("0123456789.")
        assert start.startswith(squash(expected)[:20])
        checked += 1
    assert checked or len(done.truth.pages) <= 2 + spec.cover


def test_a_paragraph_runs_on_across_a_page_break(typeset_samples):
    for layout in LAYOUT_NAMES:
        starts = [p.body_start for p in typeset_samples.get("bundled", layout).truth.pages]
        assert any(s is not None and s.offset > 0 for s in starts)


def test_a_long_note_runs_on_to_the_next_page(typeset_samples):
    done = typeset_samples.get("russian", "journal-a")
    (number,) = done.truth.split_notes()
    pieces = [(p, n) for p in done.truth.pages for n in p.notes if n.number == number]
    (first_page, first), (next_page, rest) = pieces
    assert next_page.index == first_page.index + 1
    assert first.start == 0 and 0 < first.end == rest.start
    assert rest.end == len(typeset_samples.doc("russian").note(number).text.plain)
    assert not typeset_samples.get("russian", "journal-c").truth.split_notes()


@pytest.mark.parametrize("tool", ["pdfminer", "pdftotext-layout"])
def test_journal_c_hyphenates_line_ends(typeset_samples, tool):
    done = typeset_samples.get("bundled", "journal-c")
    doc = typeset_samples.doc("bundled")
    extracted = typeset_samples.text("bundled", "journal-c", tool)
    joined = typeset_samples.text("bundled", "journal-c", "pdftotext")
    added = [h for h in done.truth.hyphens if h.where == "body" and h.added]
    assert len(added) > 20
    for hyphen in added[:15]:
        plain = doc.body[hyphen.index].text.plain
        head = re.search(r"\S+$", plain[: hyphen.offset]).group()
        tail = re.match(r"[^\s,.;:]+", plain[hyphen.offset :]).group()
        assert re.search(rf"{re.escape(head)}- *\n *{re.escape(tail)}", extracted)
        # pdftotext without -layout joins a word cut at a line end by itself.
        assert head + tail in joined
    assert not [h for h in typeset_samples.get("bundled", "journal-a").truth.hyphens if h.added]


def test_journal_c_glues_markers_after_punctuation(typeset_samples):
    a = typeset_samples.text("german", "journal-a", "pdfminer")
    c = typeset_samples.text("german", "journal-c", "pdfminer")
    assert "gestellt1;" in a and "gestellt;1" in c
    moved = typeset_samples.get("german", "journal-c").truth.markers
    doc = typeset_samples.doc("german")
    assert any(m.offset > doc.body[m.block].text.markers[0].offset for m in moved)


def test_journal_c_numbers_headings_and_has_a_cover(typeset_samples):
    done = typeset_samples.get("german", "journal-c")
    pages = typeset_samples.text("german", "journal-c").split("\f")
    doc = typeset_samples.doc("german")
    assert doc.front.journal in pages[0] and f"ISSN {doc.front.issn}" in pages[0]
    assert done.truth.pages[0].printed is None
    labels = dict(done.truth.heading_labels)
    assert sorted(labels.values()) == ["1.", "2.", "2.1", "2.2"]
    for block, label in labels.items():
        assert f"{label} {doc.body[block].text.plain}" in "".join(pages)


@pytest.mark.parametrize("tool", ["pdfminer", "pdftotext", "pdftotext-layout"])
def test_cyrillic_extracts_back_as_cyrillic(typeset_samples, tool):
    extracted = typeset_samples.text("russian", "journal-b", tool)
    assert "РГАНИ. Ф. 3. Оп. 14. Д. 463. Л. 9." in extracted
    assert "Аннотация:" in extracted and "Ключевые слова:" in extracted
    assert extracted.count("\f") == len(typeset_samples.get("russian", "journal-b").truth.pages)


def test_journal_b_numbers_notes_with_a_dot(typeset_samples):
    extracted = typeset_samples.text("serbian", "journal-b")
    for number, note in expected_notes(typeset_samples.doc("serbian")).items():
        assert f"{number}. {note[:20]}" in extracted


def test_cli_writes_pdfs_extractions_and_truth(tmp_path: Path, typeset_samples):
    written = write_samples(tmp_path, ("serbian",))
    names = sorted(p.name for p in written)
    assert "serbian-journal-c.pdf" in names and "serbian-journal-b.truth.json" in names
    assert (tmp_path / "serbian-journal-a.pdf").read_bytes().startswith(b"%PDF")
    assert len(names) == 5 * len(LAYOUT_NAMES)


def test_typesetting_is_deterministic(typeset_samples: TypesetCache):
    from tests.support.typeset import _typeset

    doc = typeset_samples.doc("serbian")
    first = typeset_samples.get("serbian", "journal-a").pdf
    _typeset.cache_clear()
    again = _typeset(doc, LAYOUTS["journal-a"]).pdf
    assert first == again


# Pure helpers and the truth's own consistency


@pytest.mark.parametrize(
    ("word", "cut"),
    [("obvious", "obvi"), ("Freundschaft", "Freund"), ("agreements", "agree")],
)
def test_a_long_word_is_cut_between_syllables(word, cut):
    points = break_points(word, hyphenate=True)
    assert (len(cut), True) in points
    assert all(k >= 2 and len(word) - k >= 2 for k, _ in points)


def test_a_hyphenated_compound_breaks_after_its_own_hyphen_without_another():
    assert break_points("Soviet-Albanian", hyphenate=False) == [(7, False)]
    assert break_points("1960–1961", hyphenate=True) == []
    assert break_points("http://example.org/a", hyphenate=True) == []


def test_short_title_does_not_end_on_a_preposition():
    title = "Notes on the Early History of the Archives of the Ministry"
    assert short_title(title) == "Notes on the Early History of the Archives"
    assert short_title("Short") == "Short"


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_note_pieces_cover_each_note_once_in_order(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    doc = typeset_samples.doc(name)
    pieces: dict[int, list] = {}
    for page in done.truth.pages:
        for piece in page.notes:
            pieces.setdefault(piece.number, []).append(piece)
    assert sorted(pieces) == [n.number for n in doc.notes]
    for number, parts in pieces.items():
        assert parts[0].start == 0 and parts[-1].end == len(doc.note(number).text.plain)
        assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_page_starts_advance_through_the_body(typeset_samples, name, layout):
    done = typeset_samples.get(name, layout)
    starts = [(p.body_start.block, p.body_start.offset) for p in done.truth.pages if p.body_start]
    assert starts == sorted(set(starts)) and starts[0] == (0, 0)
    printed = [p.printed for p in done.truth.pages if p.printed is not None]
    first = typeset_samples.doc(name).front.first_page
    assert printed == list(range(first, first + len(printed)))
