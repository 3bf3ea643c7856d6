"""The site configuration (edition.yaml), loaded into one typed object."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from edition.errors import Problem
from edition.yamlfile import YamlError, load_yaml

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
    """Read edition.yaml from `root`; unknown keys are reported, not ignored."""
    path = root / CONFIG_FILE
    problems: list[Problem] = []
    if not path.exists():
        return _rooted(Config(), root), problems
    try:
        data = load_yaml(path) or {}
    except YamlError as exc:
        return _rooted(Config(), root), [exc.problem]
    if not isinstance(data, dict):
        return _rooted(Config(), root), [
            Problem("error", str(path), 1, "edition.yaml is not a mapping")
        ]
    known = {f.name: f for f in fields(Config)}
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in known:
            problems.append(
                Problem(
                    "error",
                    str(path),
                    _line_of(path, key),
                    f"unrecognised configuration name {key!r}",
                    f"known names: {', '.join(sorted(known))}",
                )
            )
            continue
        default = getattr(Config(), key)
        if isinstance(default, Path):
            value = Path(str(value))
        elif isinstance(default, bool):
            value = bool(value)
        else:
            value = "" if value is None else str(value)
        values[key] = value
    config = Config(**values)
    return _rooted(replace(config, base_url=normalise_base_url(config.base_url)), root), problems


def _rooted(config: Config, root: Path) -> Config:
    return replace(
        config,
        sources=root / config.sources,
        content=root / config.content,
        templates=root / config.templates,
        out=root / config.out,
    )


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return 1
