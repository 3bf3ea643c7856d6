"""A field that ends in half a word is warned: its rest was read into another field."""

from __future__ import annotations

from edition.errors import Problems
from edition.text.audit import audit_cut_words
from tests.support.articles import text_article


def _warned(article) -> list[tuple[int, str]]:  # noqa: ANN001 - an Article
    problems = Problems()
    audit_cut_words(article, "a.txt", problems)
    return [(p.line, p.message) for p in problems.warnings]


def test_an_entry_note_or_paragraph_cut_at_a_hyphen_is_named_at_its_line() -> None:
    article = text_article(
        ["A paragraph that ends in a hyphen-"],
        ["Ibid., различающихся фор\u00ad"],
        [({"title": "X"}, "Улунян А. А. Готовился ли переворот? // Славяноведение. фор-")],
    )
    warned = _warned(article)
    assert [line for line, _ in warned] == [1, 101, 200]
    assert "paragraph 1 ends in half a word" in warned[0][1]
    assert "note 1" in warned[1][1] and "a bibliography entry" in warned[2][1]


def test_whole_words_dashes_and_ranges_are_not_warned() -> None:
    article = text_article(
        ["It ended in 1961.", "Pages 12–", "See the Soviet-Albanian talks"],
        ["RGANI, F 3, inv. 14, f. 463, pp. 11–14.", "Там же. С. 5 –"],
        [({"title": "X"}, "Hoxha, E. *The Khrushchevites*. Tirana, 1980-")],
    )
    assert _warned(article) == []
