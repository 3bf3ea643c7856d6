"""Raw extractions: pages, heads and folios, glued markers, page-foot notes, front matter."""

from __future__ import annotations

from edition.errors import Problems
from edition.text.bibliography import parse_bibliography
from edition.text.blocks import split_blocks
from edition.text.frontmatter import label_rest, read_front
from edition.text.laid import parse_laid
from edition.text.language import detect_language
from edition.text.raw import is_raw, read_raw_pages, split_pages
from edition.text.rawpages import strip_heads

SENTENCE = "The delegation waited in the hall for the answer of the ministers and left at noon."


FRONT = [
    "JANE ROE*",
    "Some University",
    "",
    "A Short Title",
    "Abstract: What it is about.",
    "Keywords: one, two",
    "",
]


def _page(printed: int, head: str, body: list[str], notes: list[str], front: bool = False) -> str:
    return "\n".join([head, str(printed), "", *(FRONT if front else []), *body, *notes, ""])


def _article(pages: list[str]) -> str:
    return "\f".join(pages)


def _parse(text: str):
    problems = Problems()
    article = parse_laid(read_raw_pages(text), "r.txt", "r", "raw", parse_bibliography, problems)
    return article, problems


def test_a_text_without_superscripts_is_raw() -> None:
    assert is_raw("word.1 and more")
    assert not is_raw("word.¹ and more")


def test_form_feeds_and_blank_runs_end_pages() -> None:
    assert len(split_pages("a\nb\fc\n")) == 2
    assert len(split_pages("a\n\n\n\nb\n")) == 2
    assert len(split_pages("a\n\nb\n")) == 1


def test_running_heads_and_folios_go_and_the_numbers_stay() -> None:
    words = ["alpha beta", "gamma delta", "epsilon", "zeta eta"]
    pages = [
        [(1, "JOURNAL X (2020)", False), (2, str(10 + i), False), (3, words[i], True)]
        for i in range(4)
    ]
    kept, printed, dropped = strip_heads(pages)
    assert printed == ["10", "11", "12", "13"]
    assert [[t for _, t, _ in p] for p in kept] == [[w] for w in words]
    assert dropped[1] == [(1, "JOURNAL X (2020)"), (2, "11")]


def test_a_missing_folio_between_two_is_filled() -> None:
    pages = [
        [(1, "12", False), (2, "a", False)],
        [(3, "b", False)],
        [(4, "14", False), (5, "c", False)],
    ]
    assert strip_heads(pages)[1] == ["12", "13", "14"]


def test_a_number_beside_the_head_is_the_folio() -> None:
    pages = [[(1, f"{20 + i} JOURNAL X", False), (2, f"body {'abcd'[i]}", False)] for i in range(4)]
    kept, printed, _ = strip_heads(pages)
    assert printed == ["20", "21", "22", "23"] and all(len(p) == 1 for p in kept)


def test_glued_markers_become_notes_at_the_page_foot() -> None:
    one = _page(
        7,
        "HEAD ONE",
        [f"{SENTENCE[:-1]} in May.1 Then it", "rained.2"],
        ["1. First note.", "2Second note."],
        True,
    )
    two = _page(8, "HEAD ONE", ["More text in 1960 with a mark.3"], ["3 Third note."])
    three = _page(9, "HEAD ONE", ["The end."], [])
    article, problems = _parse(_article([one, two, three]))
    assert article is not None, [str(p) for p in problems.items]
    assert [(n.n, n.text) for n in article.notes] == [
        (1, "First note."),
        (2, "Second note."),
        (3, "Third note."),
    ]
    assert "May.[^1]" in article.paragraphs[0].text and "1960 with" in article.paragraphs[1].text
    assert [b.printed for b in article.page_breaks] == ["8", "9"]
    assert article.first_page == "7" and article.last_page == "9"
    assert article.title == "A Short Title" and article.authors[0].name == "Jane Roe"


def test_a_paragraph_goes_on_across_a_page_only_where_it_did_not_end() -> None:
    one = _page(1, "H", [SENTENCE, "and so the talks", "went on"], [], True)
    two = _page(2, "H", ["for a week.", SENTENCE], [])
    three = _page(3, "H", ["x"], [])
    article, _ = _parse(_article([one, two, three]))
    texts = [p.text for p in article.paragraphs]
    assert any("went on for a week." in t for t in texts)


def test_a_marker_without_its_note_is_an_error_with_its_line() -> None:
    one = _page(1, "H", ["It was so.1"], [], True)
    article, problems = _parse(_article([one, _page(2, "H", ["x"], []), _page(3, "H", ["y"], [])]))
    assert article is None
    assert any(
        "marker 1 has no note" in str(p) and str(p).startswith("r.txt:") for p in problems.errors
    )


def test_soft_hyphens_and_double_spaces_are_normalised() -> None:
    pages = read_raw_pages("A  word  here and nego\u00ad\ntiation.\n")
    assert pages[0].lines[0].text == "A word here and nego-"


def test_front_matter_labels_in_several_languages() -> None:
    assert label_rest("abstract", "Аннотация: текст") == "текст"
    assert label_rest("keywords", "Ключевые слова: a, b") == "a, b"
    assert label_rest("abstract", "*Zusammenfassung:* Text") == "Text"
    assert label_rest("abstract", "Résumé. Le texte") == "Le texte"
    assert label_rest("abstract", "Abstractions are fine") is None


def test_missing_front_matter_is_one_warning_naming_every_part() -> None:
    problems = Problems()
    blocks = split_blocks(list(enumerate(["Some Title", "", "Body text here."], 1)))
    front = read_front(blocks, "f.txt", problems)
    assert front.title == "Some Title" and len(problems.warnings) == 1
    message = problems.warnings[0].message
    assert "author line" in message and "abstract" in message and "keywords" in message


def test_the_language_is_detected_from_common_words() -> None:
    assert detect_language(["the end of the war and the peace of the world " * 5]) == "en"
    assert detect_language(["это было не так и в то же время не на месте " * 5]) == "ru"
    assert detect_language(["der Krieg und die Welt in den Jahren von der Zeit " * 5]) == "de"
    assert detect_language(["a few words"]) == ""


def test_a_marker_after_a_german_closing_quote_and_a_lost_one_skipped() -> None:
    from edition.text.raw import _markers

    assert _markers("die „Vertrauenskrise“4. Dann", 4) == ("die „Vertrauenskrise“[^4]. Dann", 5)
    # Marker 5 was lost by the extractor: 6 is taken, so the sequence reads on.
    assert _markers("erst hier6 und", 5) == ("erst hier[^6] und", 7)


def test_a_short_numbered_heading_is_no_note() -> None:
    from edition.text.rawnotes import numbered_heading

    assert numbered_heading("2. Archival Sources")
    assert numbered_heading("2.1 Фонды ЦК КПСС")
    assert not numbered_heading("2. Ibid., p. 4.")
    assert not numbered_heading("3 Rossiiskii gosudarstvennyi arkhiv noveishei")


def test_a_decimal_number_is_no_marker_but_a_year_ending_a_sentence_may_carry_one() -> None:
    """`94(497.1)` (a UDC) holds no note 1; `in 1960.1 Then` does."""
    page = [
        "UDC 94(497.1) and a sheet 12.1a here",
        "The split came in 1960.1 Then it grew into a break between the two states.",
        "",
        "1. A note on the split.",
    ]
    (first,) = read_raw_pages("\n".join(page) + "\n")
    assert "[^" not in first.lines[0].text
    assert "1960.[^1] Then" in " ".join(x.text for x in first.lines)
