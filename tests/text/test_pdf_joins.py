"""Lines joined across a line's end where typesetters cut: addresses, number ranges, compounds."""

from __future__ import annotations

import pytest

from edition.text.pages import join_at_hyphen


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("see http://x.org/", "doc/1", "see http://x.org/doc/1"),
        ("1960: http://", "digitalarchive.org", "1960: http://digitalarchive.org"),
        (
            "see http://digitalarchive.",
            "wilsoncenter.org",
            "see http://digitalarchive.wilsoncenter.org",
        ),
        ("at x.org/document/", "117494", "at x.org/document/117494"),
        ("at x.org/document", "and more", "at x.org/document and more"),  # a whole address
        ("at http://www.x.org.", "The next", "at http://www.x.org. The next"),  # a sentence's end
        ("and/", "or", "and/ or"),  # no address
        ("pp. 10–", "15", "pp. 10–15"),
        ("in 1960–", "the year", "in 1960– the year"),
        ("relatively con-", "flict-free", "relatively conflict-free"),  # a word of the article
        ("day-", "to-day", "day-to-day"),  # a compound goes on
    ],
)
def test_a_cut_is_joined_as_the_text_had_it(left: str, right: str, joined: str) -> None:
    words = {"conflict": 3, "free": 2}
    assert join_at_hyphen(left, right, words) == joined
