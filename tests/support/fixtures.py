"""Pytest fixtures for tests that read typeset PDFs.

Make them visible from a conftest.py (or `pytest_plugins = ["tests.support.fixtures"]`):

    from tests.support.fixtures import bundled_typeset, typeset_samples  # noqa: F401

`typeset_samples.get("bundled", "journal-a")` typesets once per session (a
"typst-*" layout is set by Typst, tests/support/typst_set.py);
`.path(...)` writes the PDF under the session's temporary folder;
`.text(..., tool)` gives a cached plain extraction ("pdfminer", "pdftotext",
"pdftotext-layout").
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .doc import Doc
from .layouts import FAMILIES, LAYOUTS, font_file
from .truth import Typeset

LAYOUT_NAMES = tuple(LAYOUTS)


def require_pdf_tools() -> None:
    """Skip (fail on CI) when reportlab, the fonts or pdftotext are missing."""
    problems = []
    try:
        import reportlab  # noqa: F401
    except ImportError:
        problems.append("reportlab (pip install -e '.[test]')")
    for files in FAMILIES.values():
        for name in files:
            try:
                font_file(name)
            except FileNotFoundError:
                problems.append(name)
    if shutil.which("pdftotext") is None:
        problems.append("pdftotext (apt-get install poppler-utils)")
    if problems:
        message = "test PDFs need: " + ", ".join(problems)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class TypesetCache:
    """Typeset samples and their extractions, made once per test session."""

    folder: Path
    _docs: dict[str, Doc] = field(default_factory=dict)
    _done: dict[tuple[str, str], Typeset] = field(default_factory=dict)
    _texts: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def doc(self, name: str) -> Doc:
        from .samples import SAMPLES

        if name not in self._docs:
            self._docs[name] = SAMPLES[name]()
        return self._docs[name]

    def get(self, name: str, layout: str) -> Typeset:
        """Our typesetter's layouts (journal-a/b/c) or Typst's (typst-*, see typst_set)."""
        from .typeset import typeset
        from .typst_set import TYPST_LAYOUTS, require_typst, typeset_typst

        key = (name, layout)
        if key not in self._done:
            if layout in TYPST_LAYOUTS:
                require_typst()
                self._done[key] = typeset_typst(self.doc(name), layout)
            else:
                self._done[key] = typeset(self.doc(name), layout)
        return self._done[key]

    def path(self, name: str, layout: str) -> Path:
        path = self.folder / f"{name}-{layout}.pdf"
        if not path.exists():
            path.write_bytes(self.get(name, layout).pdf)
        return path

    def text(self, name: str, layout: str, tool: str = "pdftotext") -> str:
        from .extract import extract_pdfminer, extract_pdftotext

        key = (name, layout, tool)
        if key not in self._texts:
            pdf = self.get(name, layout).pdf
            if tool == "pdfminer":
                self._texts[key] = extract_pdfminer(pdf)
            else:
                self._texts[key] = extract_pdftotext(pdf, layout=tool == "pdftotext-layout")
        return self._texts[key]


@pytest.fixture(scope="session")
def typeset_samples(tmp_path_factory: pytest.TempPathFactory) -> TypesetCache:
    """All sample Docs in all layouts, typeset on demand and kept for the session."""
    require_pdf_tools()
    return TypesetCache(tmp_path_factory.mktemp("typeset"))


@pytest.fixture(scope="session")
def bundled_typeset(typeset_samples: TypesetCache) -> dict[str, Typeset]:
    """The bundled article in every layout."""
    return {layout: typeset_samples.get("bundled", layout) for layout in LAYOUT_NAMES}
