"""Signs that a source is not a plain extracted text: huge lines, stray characters, a cut-off end.

Every limit here bounds the work of the stages after it: a line, a number,
a run of emphasis marks. Characters no text needs are refused with their line
and column: control characters (they make the TEI and the feed invalid XML)
and private-use characters (the renderers' own markers live there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from edition.errors import Problem, Problems
from edition.model import Article
from edition.text.rejoin import ends_sentence

MAX_LINE = 100_000  # characters; a print line, even a whole paragraph, is far shorter
MAX_DIGITS = 40  # a run of digits; an ISBN has 13, a fond or delo number a few
MAX_MARKS = 2_000  # emphasis marks (* and _) in one line; each costs the Markdown parser
# C0 controls but tab, line breaks and form feed; DEL and C1; private use (BMP and planes 15-16).
_STRAY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")
_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def source_problems(text: str, path: str) -> list[Problem]:
    """Signs that a source is not the whole extracted text: huge lines, a cut-off end."""
    problems = Problems()
    for number, line in enumerate(text.splitlines(), 1):
        _line_problems(line, number, path, problems)
        if len(line) > MAX_LINE:
            problems.error(
                path,
                number,
                f"line is {len(line):,} characters long (more than {MAX_LINE:,})",
                "binary data or a broken extraction? re-extract the text",
                "huge-line",
            )
    return problems.items


def _line_problems(line: str, number: int, path: str, problems: Problems) -> None:
    stray = _STRAY.search(line)
    if stray:
        ch = stray.group()
        private = ch >= "\ue000"
        problems.error(
            path,
            number,
            f"{'private-use' if private else 'control'} character U+{ord(ch):04X}"
            f" at column {stray.start() + 1}",
            "a font's own symbol: replace it with the character it shows"
            if private
            else "binary data or a broken extraction? remove it",
            "stray-character",
        )
    long = _LONG_NUMBER.search(line)
    if long:
        problems.error(
            path,
            number,
            f"a number of {len(long.group()):,} digits at column {long.start() + 1}",
            f"no number of a text is longer than {MAX_DIGITS} digits: a broken extraction?",
            "long-number",
        )
    marks = line.count("*") + line.count("_")
    if marks > MAX_MARKS:
        problems.error(
            path,
            number,
            f"{marks:,} emphasis marks (* or _) in one line (more than {MAX_MARKS:,})",
            "binary data or a broken extraction? escape literal ones as \\*",
            "emphasis-marks",
        )


def truncation_problems(article: Article, lines: Sequence[str]) -> list[Problem]:
    """An article whose text stops mid-sentence with no bibliography after it was cut off."""
    if article.bibliography or not article.paragraphs:
        return []
    last = article.paragraphs[-1]
    if ends_sentence(last.text):
        return []
    return [
        Problem(
            "error",
            article.source,
            len(lines),
            "the text ends in the middle of a sentence and no bibliography follows",
            "is the file truncated? extract the whole article again",
            "truncated",
        )
    ]
