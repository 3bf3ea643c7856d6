"""Raw extractions of LaTeX-set pages: labels on lines of their own, notes split across pages."""

from __future__ import annotations

from edition.text.rawpages import split_pages, strip_heads
from tests.support.raw_pages import parse, prose, raw_page
from tests.support.raw_pages import wrap as support_wrap

# A note's lines in a smaller type than the body's: more characters a line.
NOTE = (
    "RGANI, F 3, inv. 14, f. 463, pp. 11-14, with the drafts of the decision and the "
    "letters of the ministry that came with them, kept in the same file as the minutes"
)


def wrap(text: str, width: int = 68) -> list[str]:
    return support_wrap(text, width)


def page(printed: int, body: list[str], foot: list[str], front: bool = False) -> str:
    return raw_page(printed, [*body, *foot], front)


def notes(article) -> dict[int, str]:
    return {n.n: n.text for n in article.notes}


def test_a_notes_text_read_before_its_label_is_the_notes() -> None:
    # pdftotext reads LaTeX's raised label after the note's text, and after the next note.
    text = wrap(NOTE + ".", 84)
    body = wrap(prose(1) + " Here.1 " + prose(2) + " There.2 " + prose(3)) + text
    one = page(10, body, ["2", "Ibid., p. 53.", "1"], True)
    article, problems = parse(one, page(11, wrap(prose(4)), []), page(12, wrap(prose(5)), []))
    assert article is not None, [str(p) for p in problems.errors]
    assert notes(article) == {1: NOTE + ".", 2: "Ibid., p. 53."}
    assert not any("kept in the same file" in p.text for p in article.paragraphs)


def test_a_notes_rest_at_the_next_foot_without_a_label_goes_on_with_it() -> None:
    first = wrap(NOTE + ", see also W. E. Griffith and R.", 84)
    one = page(10, wrap(prose(1) + " Here.1 " + prose(2)), ["1", "", *first], True)
    rest = wrap("O. Freedman, Economic Warfare in the Communist Bloc (New York: Praeger "
                "Publishers, 1970), and their letters of the same spring, 1986).", 84)  # fmt: skip
    two = page(11, wrap(prose(3) + " There.2 " + prose(4)) + rest, ["2", "Ibid., p. 7."])
    article, problems = parse(one, two, page(12, wrap(prose(5)), []))
    assert article is not None, [str(p) for p in problems.errors]
    assert notes(article)[1] == " ".join(first + rest)
    assert notes(article)[2] == "Ibid., p. 7."
    assert not any("Freedman" in p.text for p in article.paragraphs)


def test_a_body_line_a_hyphen_glued_to_a_label_alone_is_split() -> None:
    body = wrap(prose(1) + " Here.1 " + prose(2))
    body[-1] += " and received an almost iden1"
    one = page(10, body, ["Ibid., l. 4."], True)
    two = page(11, ["tical text from the capital.", *wrap(prose(3) + " The identical one.")], [])
    article, problems = parse(one, two, page(12, wrap(prose(4)), []))
    assert article is not None, [str(p) for p in problems.errors]
    assert notes(article) == {1: "Ibid., l. 4."}
    assert any("almost identical text" in p.text for p in article.paragraphs)


def test_a_glued_label_and_a_cut_first_line_are_a_note_not_a_heading() -> None:
    # `depar1 Report`: pdftotext joined the hyphenated line to note 1's; `2 Prezidium`:
    # it cut note 2's justified first line where the spaces were wide.
    body = wrap(prose(1) + " Here.1 " + prose(2) + " There.2 " + prose(3) + " Again.3 " + prose(4))
    body[-1] += " the reason for their depar1 Report"
    foot = ["of the meeting of the delegations, 12 November 1960.", "2 Prezidium",
            "TsK KPSS 1954-1964: Chernovye zapisi.", "3Pravda, 4 January 1961."]  # fmt: skip
    two = page(11, ["ture from the positions.", *wrap(prose(5) + " Their departure.")], [])
    article, problems = parse(page(10, body, foot, True), two, page(12, wrap(prose(6)), []))
    assert article is not None, [str(p) for p in problems.errors]
    assert notes(article) == {
        1: "Report of the meeting of the delegations, 12 November 1960.",
        2: "Prezidium TsK KPSS 1954-1964: Chernovye zapisi.",
        3: "Pravda, 4 January 1961.",
    }
    assert any("their departure from the positions" in p.text for p in article.paragraphs)


def test_a_space_pdftotext_set_after_a_marker_before_a_stop_goes() -> None:
    body = wrap(prose(1) + " Die Frage wurde oft gestellt1 ; beantwortet wurde sie selten2 . "
                + prose(2))  # fmt: skip
    one = page(10, body, ["1 Erste.", "2 Zweite."], True)
    article, problems = parse(one, page(11, wrap(prose(3)), []))
    assert article is not None, [str(p) for p in problems.errors]
    text = " ".join(p.text for p in article.paragraphs)
    assert "gestellt[^1]; beantwortet wurde sie selten[^2]." in text


def test_a_full_body_line_beside_a_folio_is_no_running_head() -> None:
    lines = wrap(prose(1) + " " + prose(2) + " " + prose(3))
    pages = [["12", *lines[:12]], ["13", *lines[12:24]], ["14", *lines[24:]]]
    text = "\f".join("\n".join(p) for p in pages)
    kept, printed, dropped = strip_heads(split_pages(text), short=True)
    assert printed == ["12", "13", "14"]
    assert [t for page in dropped for _, t in page] == ["12", "13", "14"]
    assert sum(len(p) for p in kept) == len(lines)


def test_a_line_ending_in_a_marker_or_a_cut_word_is_no_running_head() -> None:
    # A paragraph's short last line beside the folio; a line that recurs (the same words
    # repeated) but breaks a word: neither is a head.
    cut = "A line of the body whose last word is cut in two, sig-"
    pages = [["12", "which the others signed as well.3", *wrap(prose(1))],
             ["13", cut, *wrap(prose(2))], ["14", cut, *wrap(prose(3))]]  # fmt: skip
    text = "\f".join("\n".join(p) for p in pages)
    kept, printed, _ = strip_heads(split_pages(text), short=True)
    assert printed == ["12", "13", "14"]
    assert [p[0][1] for p in kept] == ["which the others signed as well.3", cut, cut]


def test_where_the_notes_stop_short_an_error_names_the_line() -> None:
    # Two columns read side by side: the second column's text went into the last note,
    # and the notes after it would be lost.
    body = wrap(prose(1) + " Here.1 " + prose(2) + " There.2")
    foot = ["1 First note.", "2 Second note.", "The other column goes on.3 And on and on."]
    text = page(10, body, foot, True)
    article, problems = parse(text, page(11, wrap(prose(3)), []))
    line = text.split("\n").index(foot[2]) + 1
    stopped = [p for p in problems.errors if "read up to note 2" in p.message]
    assert article is None
    assert [p.line for p in stopped] == [line]


def test_a_first_columns_foot_then_the_second_columns_text() -> None:
    # pdftotext reads a two-column page column by column: the first column's foot stands
    # between the first column's text and the second's.
    first = wrap(prose(1, 40) + " Here.1 " + prose(2, 30), 40)
    note = wrap(NOTE + ".", 50)
    second = wrap(prose(3, 30) + " There.2 " + prose(4, 30), 40)
    one = page(10, [*first, "1", *note, *second], ["2 Ibid., p. 7."], True)
    article, problems = parse(one, page(11, wrap(prose(5)), []), page(12, wrap(prose(6)), []))
    assert article is not None, [str(p) for p in problems.errors]
    assert notes(article) == {1: NOTE + ".", 2: "Ibid., p. 7."}
    assert not any("kept in the same file" in p.text for p in article.paragraphs)
    assert any("There.[^2]" in p.text for p in article.paragraphs)
