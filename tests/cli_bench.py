#!/usr/bin/env python3
"""`dockwise check` against the npm CLIs that lint the same files, over ../shared/corpus.

Usage: python3 tests/cli_bench.py [--rounds N] [--peers DIR]

DIR holds node_modules with dockerfile-utils and dclint (see BENCHMARKS.md for the install).
Each command runs N times; the table gives the median wall time and dockwise's time divided
by the peer's (below 1: dockwise is faster). dockerfile-utils lints one file per process, so
it is compared with dockwise run the same way, one process per file, and both with dockwise
checking the whole corpus in one process. Not part of the test suite: it needs the corpus and
the npm packages, and measures time.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def files(*directories: Path) -> list[str]:
    return sorted(str(p) for d in directories if d.is_dir() for p in d.iterdir() if p.is_file())


def timed(commands: list[list[str]], rounds: int) -> float:
    """Median over rounds of the wall time (s) of running every command in turn."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for command in commands:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--peers", default=os.path.expanduser("~/.cache/cli-peers"))
    parser.add_argument("--dockwise", default=str(REPO / "target" / "release" / "dockwise"))
    options = parser.parse_args()
    bin_dir = Path(options.peers) / "node_modules" / ".bin"
    dockerfile_utils, dclint = bin_dir / "dockerfile-utils", bin_dir / "dclint"
    for tool in (Path(options.dockwise), dockerfile_utils, dclint):
        if not tool.exists():
            print(f"missing {tool}: see BENCHMARKS.md", file=sys.stderr)
            return 2
    dockerfiles = files(CORPUS / "dockerfiles", CORPUS / "fixtures" / "dockerfiles")
    composes = files(CORPUS / "compose", CORPUS / "fixtures" / "compose")
    if not dockerfiles or not composes:
        print(f"no corpus under {CORPUS}", file=sys.stderr)
        return 2
    dockwise = [options.dockwise, "check", "--format", "json"]
    rows = [
        (
            f"{len(dockerfiles)} Dockerfiles, one process per file",
            "dockerfile-utils lint",
            [[str(dockerfile_utils), "lint", f] for f in dockerfiles],
            [dockwise + [f] for f in dockerfiles],
        ),
        (
            f"{len(dockerfiles)} Dockerfiles, dockwise in one process",
            "dockerfile-utils lint",
            [[str(dockerfile_utils), "lint", f] for f in dockerfiles],
            [dockwise + dockerfiles],
        ),
        (
            f"{len(composes)} Compose files, one process",
            "dclint",
            [[str(dclint), "--formatter", "json", *composes]],
            [dockwise + composes],
        ),
    ]
    print("| files | peer | peer (s) | dockwise (s) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for label, peer_name, peer, ours in rows:
        peer_time, our_time = timed(peer, options.rounds), timed(ours, options.rounds)
        print(f"| {label} | {peer_name} | {peer_time:.2f} | {our_time:.3f} | {our_time / peer_time:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
