"""Ctrl-C a build at random moments and check every outcome.

    python benchmarks/ctrl_c.py --runs 300                     # Ctrl-C 0.03 to 0.75 s in
    python benchmarks/ctrl_c.py --runs 100 --earliest 0.3 --seed 7

Each run starts ``python -m flashcards build`` on a text of 1,500 tiny paragraph pairs (about
half a second's build here, with workers), sends it SIGINT after a delay drawn at random
between ``--earliest`` and ``--latest`` seconds, and checks what a user would see: either a
finished build (exit 0), or exit 130 with the one line "flashcards: interrupted; ...", never a
traceback, no temporary file left, and no process left behind (a run that does not end within
``--timeout`` seconds counts as a hang). The bad outcomes are printed with their stderr.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flashcards.bench import tiny_paragraphs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--earliest", type=float, default=0.03)
    parser.add_argument("--latest", type=float, default=0.75)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    bad = interrupted = 0
    with tempfile.TemporaryDirectory(prefix="flashcards-ctrl-c-") as folder:
        article = Path(folder) / "diary.txt"
        article.write_text(tiny_paragraphs(1500), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "flashcards", "build", str(article), "-o", str(Path(folder) / "warm")],
                       check=True, capture_output=True)  # caches built
        for run in range(options.runs):
            out = Path(folder) / f"out{run}"
            delay = rng.uniform(options.earliest, options.latest)
            process = subprocess.Popen([sys.executable, "-m", "flashcards", "build", str(article), "-o", str(out)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            started = time.monotonic()
            while process.poll() is None and time.monotonic() - started < delay:
                time.sleep(0.002)
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
            try:
                _, stderr = process.communicate(timeout=options.timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                bad += 1
                print(f"run {run}, Ctrl-C at {delay:.2f} s: no end within {options.timeout:.0f} s", flush=True)
                continue
            lines = stderr.strip().splitlines()
            left = [p.name for p in out.iterdir() if not p.name.endswith(".apkg")] if out.exists() else []
            finished = process.returncode == 0 and not stderr.strip().startswith("flashcards: interrupted")
            stopped = process.returncode == 130 and len(lines) == 1 and lines[0].startswith("flashcards: interrupted")
            interrupted += stopped
            if not (finished or stopped) or "Traceback" in stderr or left:
                bad += 1
                print(f"run {run}, Ctrl-C at {delay:.2f} s: exit {process.returncode}, left {left}\n{stderr[-1500:]}",
                      flush=True)
    print(f"runs: {options.runs}  interrupted: {interrupted}  finished first: {options.runs - interrupted - bad}  "
          f"bad: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
