"""Raw extractions of two-column pages: each column's notes at its foot, a folio amid the page."""

from __future__ import annotations

from edition.text.rawnotes import read_foot
from edition.text.rawpages import split_pages, strip_heads
from tests.support.raw_pages import parse, prose, raw_page, wrap


def page(printed: int, lines: list[str], front: bool = False) -> str:
    return raw_page(printed, lines, front)


def more() -> tuple[str, str]:
    return page(11, wrap(prose(5))), page(12, wrap(prose(6)))


def test_after_a_columns_foot_the_sentence_goes_on_in_the_next_column() -> None:
    # pdftotext: the first column's text stops mid-sentence, its notes, a blank line,
    # then the second column goes on with that sentence and has notes of its own.
    cut = prose(2)[:-1]
    first = wrap(prose(1) + " Here.1 " + cut)
    second = wrap("which went on. " + prose(3) + " There.2 " + prose(4))
    lines = [*first, "1 First note.", "", *second, "2 Second note."]
    article, problems = parse(page(10, lines, True), *more())
    assert article is not None, [str(p) for p in problems.errors]
    assert {n.n: n.text for n in article.notes} == {1: "First note.", 2: "Second note."}
    assert any(f"{cut} which went on." in p.text for p in article.paragraphs)
    assert any("There.[^2]" in p.text for p in article.paragraphs)


def test_after_a_columns_foot_a_paragraph_that_holds_the_next_marker_goes_on() -> None:
    # The first column ends a paragraph; the second begins one and holds marker 3.
    first = wrap(prose(1) + " Here.1 " + prose(2) + " Again.2")
    second = wrap(prose(3) + " There.3 " + prose(4))
    lines = [*first, "1 First note.", "2 Second note.", "", *second, "3 Third note."]
    article, problems = parse(page(10, lines, True), *more())
    assert article is not None, [str(p) for p in problems.errors]
    notes = {n.n: n.text for n in article.notes}
    assert notes == {1: "First note.", 2: "Second note.", 3: "Third note."}
    assert any(p.text.startswith(prose(3)[:40]) for p in article.paragraphs)


def test_a_notes_piece_after_a_blank_line_stays_the_notes() -> None:
    # One column: an extractor set a note's last words apart; they are no column's text.
    lines = [*wrap(prose(1) + " Here.1 " + prose(2)[:-1]), "1 A note the extractor broke,", "",
             "in two pieces."]  # fmt: skip
    article, problems = parse(page(10, lines, True), *more())
    assert article is not None, [str(p) for p in problems.errors]
    assert {n.n: n.text for n in article.notes} == {1: "A note the extractor broke, in two pieces."}


def test_a_folio_read_between_the_columns_is_the_page_number() -> None:
    # The top-outer folio read amid the page, set apart by blank lines, inside a sentence.
    body = wrap(prose(2))
    middle = ["JOURNAL OF TESTS", *body[:4], "", "11", "", *body[4:]]
    text = "\f".join([page(10, wrap(prose(1))), "\n".join(middle), page(12, wrap(prose(3)))])
    kept, printed, dropped = strip_heads(split_pages(text), short=True)
    assert printed == ["10", "11", "12"]
    assert [t for _, t, _ in kept[1]] == body
    assert [t for _, t in dropped[1]] == ["JOURNAL OF TESTS", "11"]


def test_a_running_head_and_folio_amid_the_page_go_and_a_year_stays() -> None:
    # pdfminer may read the head and the folio between the columns; a bare year set
    # apart amid a page fits no page number and stays the text's.
    body = wrap(prose(2, 150))
    middle = [*body[:3], "", "JOURNAL OF TESTS", "", "11", "", *body[3:6], "", "1960", "",
              *body[6:]]  # fmt: skip
    text = "\f".join([page(10, wrap(prose(1))), "\n".join(middle), page(12, wrap(prose(3)))])
    kept, printed, dropped = strip_heads(split_pages(text), short=True)
    assert printed == ["10", "11", "12"]
    assert [t for _, t, _ in kept[1]] == [*body[:6], "1960", *body[6:]]
    assert [t for _, t in dropped[1]] == ["JOURNAL OF TESTS", "11"]


def test_a_first_columns_numbered_notes_read_after_the_seconds() -> None:
    # pdftotext read the second column's foot (10, 11) before the first's (9).
    zone = [(1, "10. Ten, p. 9.", False), (2, "11. Eleven, p. 3.", False),
            (4, "9. Nine, p. 1.", True)]  # fmt: skip
    foot = read_foot(zone, {9, 10, 11}, False)
    assert {k: [t for _, t in lines] for k, lines in foot.notes} == {
        9: ["Nine, p. 1."], 10: ["Ten, p. 9."], 11: ["Eleven, p. 3."]}  # fmt: skip
