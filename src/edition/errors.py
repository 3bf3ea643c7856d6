"""Problems found in the input, collected with their locations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from edition.model import pdf_place

_LINE = re.compile(r"\bline (\d+)\b")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: `path:line: message (hint)`."""

    severity: str  # "error" or "warning"
    path: str
    line: int
    message: str
    hint: str = ""
    code: str = ""  # a short stable name, e.g. "unparsed-citation"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class Problems:
    """A list of problems that stops nothing until someone asks."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: str, line: int, message: str, hint: str = "", code: str = "") -> None:
        self.items.append(Problem("error", path, line, message, hint, code))

    def warning(self, path: str, line: int, message: str, hint: str = "", code: str = "") -> None:
        self.items.append(Problem("warning", path, line, message, hint, code))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]


def placed(problems: Iterable[Problem], path: str, page_lines: Sequence[int]) -> list[Problem]:
    """The problems of a PDF `path` placed as `path:page P, line L`, in their words too.

    Their lines count through the PDF (see `Article.page_lines`); a message or a
    hint that names another line of it ('first at line 12') names it by page too.
    """

    def place(match: re.Match[str]) -> str:
        return pdf_place(page_lines, int(match.group(1))) or match.group()

    out = []
    for p in problems:
        if p.path == path and page_lines:
            p = replace(p, message=_LINE.sub(place, p.message), hint=_LINE.sub(place, p.hint))
            where = pdf_place(page_lines, p.line)
            if where:
                p = replace(p, path=f"{path}:{where}", line=0)
        out.append(p)
    return out


class BuildError(Exception):
    """Raised to stop a command with problems already collected."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
