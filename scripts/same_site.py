"""Build REV and the working tree without search and say whether the sites are the same.

python scripts/same_site.py REV   (e.g. the commit before a refactoring)

Both are built from a fresh copy of the project into folders of their own; the
only lines allowed to differ are `import_sha256:` (it hashes the importer's
code, so any code change changes it).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(tree: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, str(tree / "build.py"), "--no-search", "--out", str(out)],
        cwd=tree,
        check=True,
        capture_output=True,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def strip(data: bytes) -> bytes:
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"import_sha256:"))


def main(rev: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old", Path(tmp) / "new"
        for tree, ref in ((old, rev), (new, None)):
            tree.mkdir()
            if ref:
                archive = subprocess.run(
                    ["git", "archive", ref], cwd=ROOT, check=True, capture_output=True
                )
            else:
                names = (
                    subprocess.run(
                        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
                        cwd=ROOT,
                        check=True,
                        capture_output=True,
                    )
                    .stdout.decode()
                    .split("\0")
                )
                archive = subprocess.run(
                    ["tar", "cf", "-", "--null", "-T", "-"],
                    cwd=ROOT,
                    input="\0".join(n for n in names if n).encode(),
                    check=True,
                    capture_output=True,
                )
            subprocess.run(["tar", "xf", "-"], cwd=tree, input=archive.stdout, check=True)
            build(tree, tree / "_out")
        a, b = files(old / "_out"), files(new / "_out")
        differ = sorted(
            p for p in a.keys() | b.keys() if strip(a.get(p, b"")) != strip(b.get(p, b""))
        )
        for path in differ:
            print(f"differs: {path}")
        print(f"{len(a)} files before, {len(b)} after, {len(differ)} differ")
        return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "HEAD"))
