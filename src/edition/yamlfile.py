"""The one safe YAML loader for every file an editor writes or import makes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from edition.errors import Problem

# libyaml's loader when present (~10x faster); both are safe loaders.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """A YAML file that cannot be read, as one located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(path: Path, shown: str = "") -> Any:
    """Load YAML safely; a syntax error or a tag becomes a located problem."""
    name = shown or str(path)
    try:
        data = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(Problem("error", name, 1, f"not valid UTF-8 ({exc.reason})")) from None
    try:
        return yaml.load(data, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = (exc.problem or str(exc)).strip()
        raise YamlError(
            Problem(
                "error",
                name,
                line,
                f"invalid YAML: {what}",
                "YAML tags such as !!python/object are not allowed" if "tag" in what else "",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem("error", name, 1, f"invalid YAML: {exc}")) from None
