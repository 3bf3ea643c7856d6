"""Plain text extractions of a PDF, as a user would get them from common tools."""

from __future__ import annotations

import io
import shutil
import subprocess


def extract_pdfminer(pdf: bytes) -> str:
    """pdfminer.six's `extract_text`: pages end with a form feed."""
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf))


def has_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def extract_pdftotext(pdf: bytes, layout: bool = False) -> str:
    """Poppler's `pdftotext` (reading order, or `-layout`): pages end with a form feed."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    done = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")
