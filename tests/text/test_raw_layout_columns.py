"""`pdftotext -layout`'s two-column pages unfolded column by column (edition.text.rawlayout)."""

from __future__ import annotations

from edition.text.rawlayout import unfold_columns

_GAP = " " * 8


def _page(left: list[str], right: list[str], width: int = 44) -> list[str]:
    rows = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        rows.append((a.ljust(width) + _GAP + b).rstrip() if b else a)
    return rows


_LEFT = [
    f"   Column one starts paragraph {i} here, plain"
    if i % 4 == 0
    else f"column one line {i:02d} goes on with more words"
    for i in range(10)
]
_RIGHT = [f"column two line {i:02d} goes on with more words" for i in range(10)]


def test_two_columns_are_read_one_after_the_other_with_their_indents() -> None:
    title = "A Title Set Across the Whole Page Above Both of the Columns Here"
    text = "\n".join([title, "", *_page(_LEFT, _RIGHT), "", "   " + "12".rjust(40)]) + "\n"
    unfolded = unfold_columns(text)
    lines = unfolded.text.split("\n")
    assert lines[:2] == [title, ""]
    assert lines[2 : 2 + 10] == _LEFT  # column 1's indents kept
    assert lines[12 : 12 + 10] == _RIGHT
    assert lines[-2].strip() == "12"  # the folio under the columns stays last
    # Each unfolded line names its source line: column 2's first is the columns' first row.
    assert unfolded.source_line(13) == 3
    assert unfolded.source_line(3) == 3


def test_column_two_indent_is_counted_from_its_edge() -> None:
    right = ["    Indented start of a paragraph in column two", *_RIGHT[1:]]
    lines = unfold_columns("\n".join(_page(_LEFT, right))).text.split("\n")
    assert lines[10] == right[0]


def test_a_column_foot_is_read_after_both_bodies() -> None:
    left = [
        *_LEFT[:7],
        "with a marker ending the sentence.1",
        "",
        "   1 The note's text, a source.",
    ]
    text = "\n".join(_page(left, _RIGHT))
    lines = unfold_columns(text).text.split("\n")
    assert lines.index("   1 The note's text, a source.") > lines.index(_RIGHT[-1])


def test_one_column_text_is_unchanged() -> None:
    text = "\n".join(
        "A line of one column with" + " word" * (i % 9) + "  a justified double space"
        for i in range(40)
    )
    unfolded = unfold_columns(text + "\f")
    assert unfolded.text == text + "\f"
    assert unfolded.doubts == ()


def test_an_unclear_gutter_leaves_the_page_as_it_is_and_says_so() -> None:
    rows = _page(_LEFT, _RIGHT)
    across = "x" * 44 + "-crossing-" + "y" * 40  # lines that run through the gutter
    text = "\n".join([rows[0], *([across] * 4), *rows[1:]])
    unfolded = unfold_columns(text)
    assert unfolded.text == text
    assert unfolded.doubts and "read as one column" in unfolded.doubts[0][1]


def _bibliography_page(foot: list[str]) -> tuple[list[str], list[str], list[str]]:
    """A last page: column 2 ends a paragraph on column 1's text lines, then holds a
    bibliography set smaller, each of its lines on a text line of its own, its entries'
    further lines hanging in. Returns the page, column 1's lines, column 2's."""
    left = [f"column one line {i:02d} goes on with more words.3" for i in range(14)] + foot
    right = [f"column two line {i:02d} ends the paragraph here" for i in range(3)]
    entries = [
        "References",
        "Roe, Jane. A Book About the Things. London, 2001.",
        "  Second line of the first entry, hanging in.",
        "Doe, John. Another Book on the Same. Paris, 1999.",
        "Poe, Anne. A Paper in a Journal of Tests. 2012.",
        "  Journal of Tests 4, no. 2: 16-32.",
    ]
    rows = _page(left[:3], right)
    for i, line in enumerate(left[3:]):
        rows.append(line)
        if i < len(entries):
            rows.append(" " * 52 + entries[i])  # column 2's own text line, under column 1's
    return rows, left, right + entries


def test_a_column_two_bibliography_on_lines_of_its_own_is_read_after_column_one() -> None:
    rows, left, right = _bibliography_page([])
    lines = unfold_columns("\n".join(rows) + "\n").text.split("\n")
    assert lines[: len(left)] == left
    assert lines[len(left) : len(left) + len(right)] == right  # the hanging indents kept


def test_a_note_going_on_from_the_last_page_is_column_one_s_foot() -> None:
    foot = ["", "the note of the last page goes on here,", "and ends.", "3 The third note."]
    rows, left, right = _bibliography_page(foot)
    lines = unfold_columns("\n".join(rows) + "\n").text.split("\n")
    assert lines[lines.index(right[-1]) + 1 :] == [*foot, ""]
