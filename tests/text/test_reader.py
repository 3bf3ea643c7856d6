"""The reader: each rule on small fixtures, then the bundled article whole."""

from __future__ import annotations

import re

import pytest
from conftest import SOURCE

from edition.text.cover import parse_toc, roman_to_int, smart_title
from edition.text.reader import markers_to_refs, parse_article
from edition.text.rejoin import continues, ends_sentence, join_hyphenated, vocabulary

HEAD = """\
SOME ACADEMY OF SCIENCES
INSTITUTE FOR STUDIES

XLIX

2018

JOURNALA

A. B, *First Title* • C. D, *Second Title* ❧

UDC 1(2)

PARIS 2018

ISSN 1234-5678
eISSN 8765-4321

<http://example.org>

Jane Doe*

*Some Institute,
Some City*

A Title About Things

Abstract: An abstract.

Keywords: one, two, three

"""


def article(body: str):
    return parse_article(HEAD + body, "x.txt", "x")


@pytest.mark.parametrize(
    ("left", "right", "words", "expected"),
    [
        ("it is obvi-", "ous that", ["obvious"], "it is obvious that"),
        ("the Soviet-", "Albanian rift", [], "the Soviet-Albanian rift"),
        ("a well-", "known fact", ["well-known"], "a well-known fact"),
        ("through-", "out", ["through", "out", "through", "out"], "throughout"),
        ("trade agree-", "ments were", ["agreements"], "trade agreements were"),
        ("face-to-", "face talks", ["face-to-face"], "face-to-face talks"),
        ("unavai-", "lable", ["unavai", "lable"], "unavailable"),
        ("long-", "term", ["long-term", "longterm"], "long-term"),
        ("a re-", "import", ["re-import"], "a re-import"),
    ],
)
def test_hyphen_at_a_break(left: str, right: str, words: list[str], expected: str) -> None:
    assert join_hyphenated(left, right, vocabulary(words)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended.", True),
        ("It ended.[^4]", True),
        ('He said "no."[^11]', True),
        ("It ended.”", True),
        ("Was it?", True),
        ("in the last few", False),
        ("Yosif Shikin,", False),
        ("“What do", False),
    ],
)
def test_sentence_end(text: str, expected: bool) -> None:
    assert ends_sentence(text) is expected


@pytest.mark.parametrize(
    ("previous", "fragment", "across_notes", "expected"),
    [
        ("given that the", "collapse of", True, True),
        ("Yosif Shikin,", "Soviet Ambassador", True, True),
        ("the Yugoslav leader", "Tito as organizer", True, True),
        ("on 29 March 1961.", "Before the meeting", True, False),
        ("it ended.", "and then", True, True),
        ("unable to fulfil his duties", "and carry out", False, True),
        ("It ended.", "A new paragraph", False, False),
        ("Soviet Policy After the Break", "A new paragraph", False, False),
        ("2. The crisis of 1961", "A new paragraph", False, False),
        ("In early", "June Soviet leaders", False, True),
        ("Since", "Soviet leaders became", False, True),
        ("It changed in 1960. In late", "April several", False, True),
        ("The crisis of 1960", "Soviet leaders met", False, False),
        ("The end of the alliance", "Soviet leaders met", False, False),
    ],
)
def test_paragraph_continues(
    previous: str, fragment: str, across_notes: bool, expected: bool
) -> None:
    assert continues(previous, fragment, across_notes) is expected


def test_markers_become_note_references() -> None:
    assert markers_to_refs("end.¹ more⁴⁵ x¹⁰") == "end.[^1] more[^45] x[^10]"


def test_vocabulary_keeps_compounds_and_parts() -> None:
    assert {"soviet-albanian", "soviet", "albanian"} <= set(
        vocabulary(["The Soviet-Albanian rift"])
    )


def test_cover_helpers() -> None:
    assert roman_to_int("L") == 50 and roman_to_int("XLIX") == 49
    assert smart_title("ANNUAL OF THE INSTITUTE FOR BALKAN STUDIES") == (
        "Annual of the Institute for Balkan Studies"
    )
    toc = parse_toc("J. KALIĆ, *Belgrade* • G-H. SOUTOU, *The Paris Conference* ❧")
    assert [(e.authors, e.title) for e in toc] == [
        (("J. KALIĆ",), "Belgrade"),
        (("G-H. SOUTOU",), "The Paris Conference"),
    ]


def test_front_matter_and_cover() -> None:
    a, problems = article("Text.¹\n\n¹ A note.\n")
    assert not problems.errors
    assert (a.cover.journal, a.cover.volume, a.cover.volume_number, a.cover.year) == (
        "Journala",
        "XLIX",
        49,
        2018,
    )
    assert (a.cover.issn, a.cover.eissn, a.cover.udc, a.cover.place) == (
        "1234-5678",
        "8765-4321",
        "1(2)",
        "Paris",
    )
    assert a.cover.url == "http://example.org"
    assert a.authors[0].name == "Jane Doe"
    assert a.authors[0].affiliation == "Some Institute, Some City"
    assert a.title == "A Title About Things"
    assert a.keywords == ("one", "two", "three")


def test_paragraph_rejoined_across_notes_mid_word() -> None:
    body = "First para goes on and it is obvi-\n\n* me@x.org\n\n¹ Note one.\n\nous that it goes.¹\n"
    a, problems = article(body)
    assert not problems.errors
    assert [p.text for p in a.paragraphs] == [
        "First para goes on and it is obvious that it goes.[^1]"
    ]
    assert a.authors[0].email == "me@x.org"
    (brk,) = a.page_breaks
    assert (brk.paragraph, a.paragraphs[0].text[brk.offset :][:4]) == (1, "ous ")


def test_new_paragraph_after_notes() -> None:
    a, _ = article("One ends here.¹\n\n¹ Note.\n\nTwo begins.\n")
    assert [p.n for p in a.paragraphs] == [1, 2]
    assert (a.page_breaks[0].paragraph, a.page_breaks[0].offset) == (2, 0)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Text.¹\n\n¹ A.\n\n¹ B.\n", "x.txt:{}: error: note 1 appears twice"),
        ("Text.¹ More.²\n\n¹ A.\n", "x.txt:{}: error: marker 2 has no note"),
        ("Text.¹\n\n¹ A.\n\n² B.\n", "x.txt:{}: error: note 2 has no marker in the text"),
        (
            "Some *italic text.¹\n\n¹ A.\n",
            "x.txt:{}: error: unclosed '*' (italic) in this paragraph",
        ),
    ],
)
def test_bad_input_is_located(body: str, message: str) -> None:
    a, problems = article(body)
    assert a is None
    (first, *_) = problems.errors
    assert str(first).startswith(message.format(first.line))
    assert first.line > HEAD.count("\n")


def test_empty_and_frontless_files() -> None:
    a, problems = parse_article("", "e.txt", "e")
    assert a is None and str(problems.errors[0]).startswith("e.txt:1: error: the file is empty")
    a, problems = parse_article("just a line\n", "e.txt", "e")
    assert a is None and "no body text" in str(problems.errors[0])
    assert "no an author line" not in str(problems.items[0])
    assert "no author line" in str(problems.items[0]) and "no abstract" in str(problems.items[0])


# The bundled article, whole.


@pytest.fixture(scope="module")
def bundled():
    text = SOURCE.read_text(encoding="utf-8")
    a, problems = parse_article(text, "sources/b.txt", "b")
    assert not problems.errors
    return text, a


def test_bundled_counts(bundled) -> None:
    _, a = bundled
    assert len(a.notes) == 45
    assert [n.n for n in a.notes] == list(range(1, 46))
    assert a.authors[0].note == "and-edem@yandex.ru"
    assert len(a.page_breaks) == 20


def test_bundled_paragraphs_are_whole(bundled) -> None:
    """Every paragraph starts like a paragraph and ends like one."""
    _, a = bundled
    for p in a.paragraphs:
        assert p.text[0].isupper(), p.text[:40]
        assert ends_sentence(p.text), p.text[-40:]
    joined = {p.text for p in a.paragraphs}
    assert any("it is obvious that the liberties" in t for t in joined)
    assert any("Yosif Shikin, Soviet Ambassador in Tirana" in t for t in joined)
    assert any("fulfil his duties and carry out" in t for t in joined)


def _words(text: str) -> list[str]:
    text = re.sub(r"\[\^\d+\]", " ", text)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", " ", text)
    return re.findall(r"[^\W_]+", text)


def _source_blocks(text: str, a) -> tuple[list[str], list[str]]:
    """The source's body fragments and note blocks, as printed."""
    start = text.index(a.abstract) + len(a.abstract)
    blocks = [b.strip() for b in text[start : text.index("\nBibliography\n")].split("\n\n")]
    blocks = [b for b in blocks if b and not b.startswith("Keywords:")]
    notes = [b for b in blocks if re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\* )", b)]
    return [b for b in blocks if b not in notes], notes


def test_nothing_lost(bundled) -> None:
    """Every word of body and notes is in the model, in order, but for break hyphens."""
    text, a = bundled
    body, notes = _source_blocks(text, a)
    model = _words(" ".join(p.text for p in a.paragraphs))
    joined = body[0]
    for block in body[1:]:
        cut = re.search(r"(\w+)-$", joined)
        first = re.match(r"\w+", block)
        if cut and first and cut.group(1) + first.group() in model:
            joined = joined[:-1] + block  # the printer's hyphen, removed
        else:
            joined = f"{joined} {block}"
    source = _words(joined)
    assert source == model
    assert _words(" ".join(notes)) == _words(
        " ".join([a.authors[0].note] + [n.text for n in a.notes])
    )


def test_a_heading_in_the_text_form_is_a_heading_without_a_number() -> None:
    body = (
        "The first paragraph ends here.\n\n2. The Crisis of 1960\n\n"
        "Soviet leaders met again.\n\n348\n\nThe last paragraph ends.\n"
    )
    article, problems = parse_article(HEAD + "\n" + body, "h.txt", "h")
    assert article is not None, [str(p) for p in problems.items]
    assert [(p.n, p.level) for p in article.paragraphs] == [(1, 0), (0, 2), (2, 0), (3, 0)]
    assert all("348" not in p.text for p in article.paragraphs)
