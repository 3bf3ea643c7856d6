"""Raw extractions: notes at a page's foot however the extractor set their labels, endnotes."""

from __future__ import annotations

import textwrap

import pytest

from edition.errors import Problems
from edition.text.bibliography import parse_bibliography
from edition.text.laid import parse_laid
from edition.text.raw import read_raw_pages

FRONT = ["JANE ROE*", "Some University", "", "A Short Title", "Abstract: What it is about.",
         "Keywords: one, two", ""]  # fmt: skip
SENTENCE = (
    "The delegation waited in the hall for the answer of the ministers and left at noon "
    "while the talks went on in the next room without any word to the press or the public"
)
WORDS = SENTENCE.split(" ")


def prose(seed: int, words: int = 40) -> str:
    """A sentence of `words` words, different for each seed."""
    picked = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)]
    return " ".join(picked).capitalize() + "."


def wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 68)


def page(printed: int, body: list[str], foot: list[str], front: bool = False) -> str:
    return "\n".join(["JOURNAL OF TESTS", str(printed), "", *(FRONT if front else []), *body,
                      "", *foot, ""])  # fmt: skip


def parse(*pages: str):
    problems = Problems()
    text = "\f".join(pages)
    article = parse_laid(read_raw_pages(text), "r.txt", "r", "raw", parse_bibliography, problems)
    return article, problems


def notes(article) -> dict[int, str]:
    return {n.n: n.text for n in article.notes}


def test_labels_set_apart_from_their_texts_are_placed_in_order() -> None:
    body = wrap(prose(1) + " It rained.1 " + prose(2) + " They left.2 " + prose(3))
    foot = ["1", "2", "", "First note of the page.", "Second note of the page."]
    one = page(10, body, foot, True)
    two = page(11, wrap(prose(4)), [])
    article, problems = parse(one, two)
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {1: "First note of the page.", 2: "Second note of the page."}


def test_a_label_printed_after_the_next_note_keeps_its_place() -> None:
    body = wrap(prose(1) + " One.1 " + prose(2) + " Two.2 " + prose(3) + " Three.3")
    foot = ["1", "", "RGANI, f. 3, op. 14, d. 463, l. 9.", "Ibid., l. 10.", "3",
            "Pravda, 4 January 1961.", "2"]  # fmt: skip
    article, problems = parse(page(10, body, foot, True), page(11, wrap(prose(4)), []))
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {
        1: "RGANI, f. 3, op. 14, d. 463, l. 9.",
        2: "Ibid., l. 10.",
        3: "Pravda, 4 January 1961.",
    }


def test_the_three_forms_of_a_numbered_note() -> None:
    body = wrap(prose(1) + " One.1 " + prose(2) + " Two.2 " + prose(3) + " Three.3")
    foot = ["1. With a stop.", "2 With a space.", "3Glued to its text."]
    article, problems = parse(page(10, body, foot, True), page(11, wrap(prose(4)), []))
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {1: "With a stop.", 2: "With a space.", 3: "Glued to its text."}


def test_where_labels_give_no_place_the_guess_is_a_located_warning() -> None:
    from edition.text.rawnotes import read_foot

    rows = [(20, "1", False), (21, "2", False), (22, "alpha beta gamma", True),
            (23, "delta epsilon et", False), (24, "theta iota kappa", False)]  # fmt: skip
    foot = read_foot(rows, {1, 2}, False)
    assert [n for n, _ in foot.notes] == [1, 2]
    assert sum(len(lines) for _, lines in foot.notes) == 3  # no line lost
    assert foot.doubts == [(22, "where notes 1, 2 begin was guessed (their labels stand apart)")]


def test_a_note_cut_at_the_page_end_goes_on_at_the_next_foot() -> None:
    one = page(10, wrap(prose(1) + " Here.1 " + prose(2)),
               ["1. A note that runs on to the next page and is cut in the"], True)  # fmt: skip
    body = wrap(prose(3) + " There.2 " + prose(4))
    two = page(11, body, ["middle of its only sentence.", "2. The second note."])
    article, problems = parse(one, two, page(12, wrap(prose(5)), []))
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {
        1: "A note that runs on to the next page and is cut in the middle of its only sentence.",
        2: "The second note.",
    }
    assert all("middle of its only" not in p.text for p in article.paragraphs)


def test_a_finished_last_block_of_the_body_is_no_note_carried_over() -> None:
    one = page(10, wrap(prose(1) + " Here.1 " + prose(2)), ["1. A finished note."], True)
    two = page(11, [*wrap(prose(3)), "", "A short closing line.", *wrap(prose(4) + " There.2")],
               ["2. The second note."])  # fmt: skip
    article, _ = parse(one, two, page(12, wrap(prose(5)), []))
    assert notes(article)[1] == "A finished note."


def test_a_body_line_pdftotext_glued_to_the_first_note_is_split() -> None:
    body = wrap(prose(1) + " Here.1 " + prose(2) + " There.2")
    body[-1] += " And the whole set of docu1 Ibid., l. 4."
    one = page(10, body, ["2 RGANI, f. 3, op. 14."], True)
    two = page(11, ["ments was lost for good.", *wrap(prose(3) + " The documents stay.")], [])
    article, problems = parse(one, two, page(12, wrap(prose(4)), []))
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {1: "Ibid., l. 4.", 2: "RGANI, f. 3, op. 14."}
    assert any("set of documents was lost" in p.text for p in article.paragraphs)


@pytest.mark.parametrize("heading", ["Notes", "Endnotes", "Примечания", "Notes/Références"])
def test_endnotes_under_a_heading_are_the_notes(heading: str) -> None:
    one = page(10, wrap(prose(1) + " Here.1 " + prose(2)), [], True)
    two = page(11, wrap(prose(3) + " There.2 " + prose(4) + " Again.3"), [])
    end = page(
        12,
        [
            *wrap(prose(5)),
            "",
            heading,
            "1. First endnote.",
            "2",
            "Second endnote.",
            "3Third endnote.",
            "",
            "Bibliography",
            "Roe, J. A Book. London, 2001.",
        ],
        [],
    )
    article, problems = parse(one, two, end)  # fmt: skip
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {1: "First endnote.", 2: "Second endnote.", 3: "Third endnote."}
    assert all(heading not in p.text and "endnote" not in p.text for p in article.paragraphs)
    assert len(article.bibliography) == 1


def test_a_notes_heading_without_note_one_after_it_is_body() -> None:
    end = page(11, [*wrap(prose(3) + " There.1"), "", "Notes", *wrap(prose(4))], ["1. A note."])
    article, problems = parse(page(10, wrap(prose(1)), [], True), end)
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {1: "A note."}


def test_a_marker_with_no_note_is_an_error_at_its_line() -> None:
    body = wrap(prose(1) + " One.1 " + prose(2) + " Two.2")
    article, problems = parse(page(10, body, ["1. Only the first note."], True),
                              page(11, wrap(prose(3)), []))  # fmt: skip
    assert article is None
    (error,) = [p for p in problems.errors if "marker 2 has no note" in str(p)]
    assert str(error).startswith("r.txt:") and error.line > 0


def test_a_note_with_no_marker_is_an_error_not_merged_into_the_one_before() -> None:
    body = wrap(prose(1) + " One.1 " + prose(2))
    foot = ["1. The first note.", "2. A note no marker calls."]
    article, problems = parse(page(10, body, foot, True), page(11, wrap(prose(3)), []))
    assert article is None
    (error,) = [p for p in problems.errors if "note 2 has no marker" in str(p)]
    assert str(error).startswith("r.txt:")


def test_an_endnote_with_no_marker_is_reported() -> None:
    end = page(11, [*wrap(prose(3) + " There.1"), "", "Notes", "1. A note.", "2. Another."], [])
    article, problems = parse(page(10, wrap(prose(1)), [], True), end)
    assert article is None
    assert any("note 2 has no marker" in str(p) for p in problems.errors)


def test_a_short_articles_head_naming_its_author_is_dropped() -> None:
    front = ["JANE ROEBUCK*", *FRONT[1:]]
    one = "\n".join(["12", "", *front, *wrap(prose(1) + " " + prose(2)), ""])
    two = "\n".join(["Jane Roebuck", "", *wrap(prose(3)), "", "13", ""])
    article, problems = parse(one, two)
    assert article is not None, [str(p) for p in problems.items]
    assert all("Roebuck" not in p.text for p in article.paragraphs)
    assert [b.printed for b in article.page_breaks] == ["13"]


def test_a_body_line_pdftotext_glued_to_the_authors_note_is_split() -> None:
    body = wrap(prose(1) + " Here.1 " + prose(2))
    body[-1] += " And then it was over. Al* roe@example.org"
    one = page(10, body, ["1. The first note."], True)
    two = page(11, ["though nobody knew it yet.", *wrap(prose(3) + " Although it was.")], [])
    article, problems = parse(one, two, page(12, wrap(prose(4)), []))
    assert article is not None, [str(p) for p in problems.items]
    assert article.authors[0].note == "roe@example.org"
    assert any("over. Although nobody knew" in p.text for p in article.paragraphs)


def test_a_page_of_only_its_head_and_folio_reads() -> None:
    one = page(10, wrap(prose(1) + " Here.1 " + prose(2)), [], True)
    three = page(12, wrap(prose(3)), ["1. A note set two pages on."])
    article, problems = parse(one, "JOURNAL OF TESTS\n11\n", three)
    assert article is not None, [str(p) for p in problems.items]
    assert notes(article) == {1: "A note set two pages on."}


def test_a_body_line_that_begins_with_a_date_is_no_note() -> None:
    from edition.text.rawnotes import note_start

    assert note_start("12 January 1961. It was devoted to the meeting", {12}, 11) is None
    assert note_start("12 января 1961 г. было решено", {12}, 11) is None
    assert note_start("12. January 1961, a report.", {12}, 11) == (
        12,
        "January 1961, a report.",
        False,
    )
    assert note_start("12 Report of the meeting, 1961.", {12}, 11) == (
        12,
        "Report of the meeting, 1961.",
        False,
    )
