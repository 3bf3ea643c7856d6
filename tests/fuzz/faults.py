"""Run an `edition` command with a fault at its Nth file-system step (a kill, or an error).

    python faults.py N kill|enospc|count [exchange|renames] -- edition arguments

Every write, rename, link, unlink and folder made counts as a step. At step N
the process leaves at once with `os._exit(137)` (as a SIGKILL would), or the
step raises ENOSPC (a full disk). `count` runs the command and prints the
number of steps. `renames` makes the swap fall back to two renames.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import sys

STEPS = 0


def main() -> None:
    at, mode, swap = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    args = sys.argv[sys.argv.index("--") + 1 :]

    def step(name: str) -> None:
        global STEPS
        STEPS += 1
        if at == STEPS and mode == "kill":
            os._exit(137)
        if at == STEPS and mode == "enospc":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)

    def counted(function, writes_only: bool = False):  # noqa: ANN001, ANN202
        def wrapper(*a, **k):  # noqa: ANN002, ANN003, ANN202
            mode_arg = a[1] if len(a) > 1 else k.get("mode", "r")
            if not writes_only or any(c in str(mode_arg) for c in "wxa+"):
                step(str(a[0]) if a else function.__name__)
            return function(*a, **k)

        return wrapper

    for name in ("replace", "rename", "link", "unlink", "mkdir", "rmdir"):
        setattr(os, name, counted(getattr(os, name)))
    shutil.rmtree = counted(shutil.rmtree)
    builtins.open = io.open = counted(io.open, writes_only=True)
    from edition.build import outfolder

    exchange = outfolder.exchange

    def swapped(new, live):  # noqa: ANN001, ANN202
        step(str(live))
        return exchange(new, live) if swap == "exchange" else False

    outfolder.exchange = swapped
    from edition.cli import main as edition

    code = edition(args)
    if mode == "count":
        print(f"steps: {STEPS}", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
