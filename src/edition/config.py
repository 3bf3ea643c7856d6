"""The site configuration (edition.yaml), loaded into one typed object."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from edition.errors import Problem
from edition.yamlfile import YamlError, compose, construct, read_text

CONFIG_FILE = "edition.yaml"


@dataclass(frozen=True)
class Config:
    title: str = "Scholarly Edition"
    description: str = ""
    language: str = "en"
    base_url: str = "/"  # path the site is served under, e.g. "/repo/"
    site_url: str = ""  # absolute origin for canonical links, e.g. "https://x.github.io"
    sources: Path = Path("sources")
    content: Path = Path("content")
    templates: Path = Path("templates")
    out: Path = Path("_site")
    licence: str = ""

    def with_overrides(self, **changes: object) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def shown(self, path: Path) -> str:
        """A path as the user should see it: relative to the project when possible."""
        try:
            return str(path.relative_to(self.sources.parent))
        except ValueError:
            return str(path)


def normalise_base_url(value: str) -> str:
    """'/repo' -> '/repo/'; '' -> '/'."""
    value = "/" + value.strip().strip("/")
    return value if value == "/" else value + "/"


def load_config(root: Path) -> tuple[Config, list[Problem]]:
    """Read edition.yaml from `root`; unknown keys and wrong values are reported, not ignored."""
    path = root / CONFIG_FILE
    shown = str(path)
    if not path.exists() and not path.is_symlink():
        return _rooted(Config(), root), []
    try:
        node = compose(read_text(path, shown), shown)
        data = construct(node, shown)
    except YamlError as exc:
        return _rooted(Config(), root), exc.problems
    if data is None:
        return _rooted(Config(), root), []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return _rooted(Config(), root), [_bad(shown, 1, "edition.yaml is not a mapping")]
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    known = {f.name for f in fields(Config)}
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        line = lines.get(str(key), 1)
        if key not in known:
            problems.append(
                _bad(
                    shown,
                    line,
                    f"unrecognised configuration name {key!r}",
                    f"known names: {', '.join(sorted(known))}",
                )
            )
            continue
        empty = value is None or (isinstance(value, str) and not value.strip())
        if not (isinstance(value, str) or value is None) or (empty and key not in _MAY_BE_EMPTY):
            what = "empty" if empty else f"a {type(value).__name__}"
            problems.append(_bad(shown, line, f"{key} must be a text, not {what}", _hint(key)))
            continue
        text = value or ""
        wrong = value_problem(key, text)
        if wrong:
            problems.append(_bad(shown, line, f"{key} {wrong}: {text!r}", _hint(key)))
            continue
        values[key] = Path(text) if key in _FOLDERS else text
    config = Config(**values)  # type: ignore[arg-type]
    config = _rooted(replace(config, base_url=normalise_base_url(config.base_url)), root)
    if "sources" in values and not config.sources.is_dir():
        problems.append(
            _bad(shown, lines["sources"], f"sources folder {str(values['sources'])!r} is missing")
        )
    return config, problems


_FOLDERS = ("sources", "content", "templates", "out")
_MAY_BE_EMPTY = ("description", "site_url", "licence", "base_url")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
_PATH_CHARS = re.compile(r"^[A-Za-z0-9._~/-]*$")


def value_problem(key: str, value: str) -> str:
    """What is wrong with a value, or "" (a URL or a path goes into every page)."""
    if any(ch < " " or ch == "\x7f" for ch in value):
        return "holds a control character (a line break?)"
    if key == "site_url" and value and not _URL.match(value.rstrip("/")):
        return "must be an http(s) origin with no path, e.g. https://x.github.io"
    if key == "base_url" and not _PATH_CHARS.match(value):
        return "must be a plain path, e.g. /repo/"
    if key == "language" and not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", value):
        return "must be a language tag, e.g. en or ru"
    return ""


def _hint(key: str) -> str:
    return {
        "site_url": "the origin the site is published at, e.g. site_url: https://x.github.io",
        "base_url": "the path the site is served under, e.g. base_url: /repo/",
        "title": 'quote it if it looks like something else: title: "1917"',
    }.get(key, "write it as text")


def _bad(path: str, line: int, message: str, hint: str = "") -> Problem:
    return Problem("error", path, line, message, hint, "config")


def _rooted(config: Config, root: Path) -> Config:
    return replace(
        config,
        sources=root / config.sources,
        content=root / config.content,
        templates=root / config.templates,
        out=root / config.out,
    )
