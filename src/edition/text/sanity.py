"""Signs that a source is not the whole extracted text: huge lines, a cut-off end."""

from __future__ import annotations

from collections.abc import Sequence

from edition.errors import Problem, Problems
from edition.model import Article
from edition.text.rejoin import ends_sentence

MAX_LINE = 100_000  # characters; a print line, even a whole paragraph, is far shorter


def source_problems(text: str, path: str) -> list[Problem]:
    """Signs that a source is not the whole extracted text: huge lines, a cut-off end."""
    problems = Problems()
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE:
            problems.error(
                path,
                number,
                f"line is {len(line):,} characters long (more than {MAX_LINE:,})",
                "binary data or a broken extraction? re-extract the text",
                "huge-line",
            )
    return problems.items


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
