"""Where a print page broke: does the text go on, and is a hyphen the printer's?

Pure functions of the text and of the article's own vocabulary, never of
where one article's pages happened to break.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# The longest block that may be a section heading rather than a cut paragraph.
HEADING_MAX = 100
# Closing characters that may follow a sentence's full stop.
_CLOSERS = "\"'”’»)]*" + SUPERSCRIPT
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")


def ends_sentence(text: str) -> bool:
    """Does this fragment end a sentence (so a page break may end the paragraph)?"""
    stripped = re.sub(r"(\[\^\d+\])+$", "", text.rstrip()).rstrip(_CLOSERS)
    return stripped.endswith((".", "!", "?", "…"))


# Words a heading does not end with but a cut sentence often does.
_CONTINUING_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "because",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "of",
        "on",
        "or",
        "since",
        "than",
        "that",
        "the",
        "to",
        "when",
        "where",
        "which",
        "while",
        "who",
        "with",
    ]
)
_HEADING = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?)\s|^\*[^*]+\*$")


def looks_like_heading(text: str) -> bool:
    """A short block with no full stop that is numbered, italic or in title case."""
    text = text.strip()
    if len(text) > HEADING_MAX:
        return False
    if _HEADING.match(text):
        return True
    if re.search(r"[.!?]\s", text):
        return False
    words = re.findall(r"[^\W\d_]+", text)
    ends_in_number = bool(re.search(r"\d[\d–-]*\)?$", text))  # "The Crisis of 1960"
    if not words or (words[-1].lower() in _CONTINUING_WORDS and not ends_in_number):
        return False
    long_words = [w for w in words if len(w) > 3]
    if bool(long_words) and all(w[0].isupper() for w in long_words):
        return True
    # Sentence case: a few words, a capital first, no comma (a cut clause has one).
    return 3 <= len(words) <= 8 and len(text) <= 80 and text[0].isupper() and "," not in text


def continues(previous: str, fragment: str, across_notes: bool) -> bool:
    """Is `fragment` the rest of the paragraph `previous`, cut by a page break?

    After a block of notes a page surely broke, so only a finished sentence
    followed by a capital starts a new paragraph. A bare blank line is
    normally a paragraph break, but an unfinished sentence still goes on (a
    page that had no notes) unless `previous` looks like a section heading.
    """
    if across_notes:
        return not (ends_sentence(previous) and starts_sentence(fragment))
    if ends_sentence(previous):
        return False
    return not starts_sentence(fragment) or not looks_like_heading(previous)


def starts_sentence(text: str) -> bool:
    first = text.lstrip("\"'“‘«([*")
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Every word and hyphenated compound of the article, lowercased, counted."""
    words = Counter(_WORD.findall("\n".join(texts).lower()))
    for word, count in list(words.items()):
        if "-" in word:
            for part in word.split("-"):
                words[part] += count
    return words


def join_hyphenated(left: str, right: str, words: Mapping[str, int]) -> str:
    """Join `left` ending in '-' with `right`, deciding if the hyphen is the printer's.

    A line-break hyphen goes (`obvi-` + `ous`); a real compound keeps it
    (`Soviet-` + `Albanian`). The article's own vocabulary decides first (is
    the compound or the joined word used elsewhere?), then case; with no
    evidence the hyphen is the printer's, as most are.
    """
    # Only the tail: a search over a huge run of letters would be quadratic.
    head = re.search(r"((?:[^\W\d_]+-)*)([^\W\d_]+)-$", left[-200:])
    tail = re.match(r"([^\W\d_]+)((?:-[^\W\d_]+)*)", right[:200])
    if not head or not tail:
        return left + right
    prefix, first, second, rest = head.group(1), head.group(2), tail.group(1), tail.group(2)
    joined = (prefix + first + second + rest).lower()
    compound = f"{prefix}{first}-{second}{rest}".lower()
    if words.get(joined) and not words.get(compound):
        return left[:-1] + right
    if words.get(compound) or second[0].isupper():
        return left + right
    return left[:-1] + right


def join_lines(lines: Sequence[str], words: Mapping[str, int]) -> str:
    """Join the lines of one block into one line of text."""
    text = ""
    for line in lines:
        line = line.strip()
        if not text:
            text = line
        elif text.endswith("-") and text[-2:-1].isalpha():
            text = join_hyphenated(text, line, words)
        else:
            text = f"{text} {line}"
    return text
