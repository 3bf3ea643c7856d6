"""Build the edition with defaults: import changed sources, render, index.

python build.py [--sources DIR --content DIR --out DIR --base-url URL --no-search]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from edition.cli import run  # noqa: E402

if __name__ == "__main__":
    run(["build", "--root", str(Path(__file__).resolve().parent), *sys.argv[1:]])
