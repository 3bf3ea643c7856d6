"""Reading order of a PDF page (columns, bands, margins) and printed numbers, on small pages."""

from __future__ import annotations

from edition.text.columns import reading_order
from edition.text.pdfheads import printed_numbers
from edition.text.pdflines import Char, Line, line_text

SIZE = 10.0


def _line(text: str, x0: float, baseline: float, width: float | None = None) -> Line:
    """A line of text set from x0 on a baseline, its characters spread over `width`."""
    width = width if width is not None else len(text) * 5.0
    step = width / max(len(text), 1)
    chars = [
        Char(ch, SIZE, x0 + i * step, x0 + (i + 1) * step, baseline, False, False)
        for i, ch in enumerate(text)
    ]
    return Line(chars).settle()


def _column(name: str, x0: float, top: float, count: int) -> list[Line]:
    return [_line(f"{name} line {k}", x0, top + k * 12, 200) for k in range(count)]


def _texts(lines: list[Line]) -> list[str]:
    return [x.text for x in lines]


def test_two_columns_are_read_left_then_right_below_a_title_across_the_page() -> None:
    title = _line("A title set across both columns of the page", 50, 60, 460)
    left, right = _column("left", 50, 100, 6), _column("right", 290, 100, 6)
    shuffled = [title] + [x for pair in zip(right, left, strict=True) for x in pair]
    order = _texts(reading_order(shuffled, SIZE))
    assert order == _texts([title] + left + right)


def test_each_column_is_its_own_flow() -> None:
    left, right = _column("left", 50, 100, 5), _column("right", 290, 100, 5)
    read = reading_order(left + right, SIZE)
    assert len({x.flow for x in read[:5]}) == 1 and read[0].flow != read[5].flow


def test_a_page_in_one_column_is_read_top_to_bottom_in_one_flow() -> None:
    lines = [_line(f"full line {k}", 50, 100 + 12 * k, 460) for k in range(8)]
    lines.append(_line("a short end", 50, 100 + 12 * 8, 60))
    read = reading_order(list(reversed(lines)), SIZE)
    assert _texts(read) == _texts(lines) and len({x.flow for x in read}) == 1


def test_a_few_short_lines_on_the_right_make_no_column() -> None:
    lines = [_line(f"full line {k}", 50, 100 + 12 * k, 460) for k in range(8)]
    lines += [_line("left only", 50, 300, 100), _line("right", 400, 300, 60)]
    assert len({x.flow for x in reading_order(lines, SIZE)}) == 1


def test_a_head_alone_above_the_columns_is_read_first() -> None:
    head = _line("Running head 119", 400, 40, 110)
    left, right = _column("left", 50, 100, 6), _column("right", 290, 100, 6)
    read = reading_order(left + right + [head], SIZE)
    assert read[0].text == head.text and read[0].margin


def test_a_raised_short_digit_is_a_marker_at_the_text_size() -> None:
    # An OpenType superscript: drawn at the text's size on its baseline, its ink high and short.
    word = [Char(c, SIZE, i * 5, i * 5 + 5, 100, False, False, 93, 100) for i, c in enumerate("ab")]
    sup = Char("7", SIZE, 10, 14, 100, False, False, 92.5, 96.5)
    assert line_text(Line([*word, sup]).settle(), True)[0] == "ab[^7]"
    digit = Char("7", SIZE, 10, 15, 100, False, False, 93, 100)
    assert line_text(Line([*word, digit]).settle(), True)[0] == "ab7"


def test_a_bare_folio_wins_over_a_number_inside_a_head() -> None:
    dropped = [[(1, "Journal. 2021. 12"), (2, "118")], [(3, "Journal. 2021. 12"), (4, "119")]]
    assert printed_numbers(dropped) == ["118", "119"]


def test_a_page_between_two_numbered_ones_has_its_number() -> None:
    dropped = [[(1, "Journal 12")], [(2, "40")], [], [(3, "Journal 12"), (4, "42")], []]
    assert printed_numbers(dropped) == ["", "40", "41", "42", ""]


def test_three_columns_are_read_left_to_right() -> None:
    cols = [_column(name, x0, 100, 6) for name, x0 in (("a", 50), ("b", 210), ("c", 370))]
    for col in cols:
        for line in col:
            line.x1 = line.x0 + 140  # narrower columns
    mixed = [x for row in zip(*cols, strict=True) for x in row]
    read = reading_order(mixed, SIZE)
    assert _texts(read) == _texts(cols[0] + cols[1] + cols[2])
    assert len({x.flow for x in read}) == 3
