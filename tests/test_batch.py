"""A batch of articles: names that would clash are refused before anything is written; one
article's failure (a bug, memory, a killed worker) is its own line while the others are written
and recorded; workers die with the process that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .commandline import assert_no_traceback, flashcards, issued_words, shell

TEXTS = {
    "apples": "Apples grow on the hill.\n\n苹果长在山上。\n",
    "bridges": "The old bridge crosses the river.\n\n老桥横跨这条河。\n",
    "clocks": "The clock in the square is always late.\n\n广场上的钟总是慢。\n",
}


def _articles(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    return [folder / f"{name}.txt" for name in names]


@pytest.mark.parametrize("names", [("a/notes.txt", "b/notes.txt"), ("notes.txt", "notes_en.txt"),
                                   ("notes.txt", "Notes.md")], ids=["two folders", "_en", "case"])
def test_articles_that_would_write_the_same_deck_are_refused_before_anything_is_written(tmp_path, names):
    paths = []
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXTS["apples"], encoding="utf-8")
        paths.append(path)
    out = tmp_path / "out"
    for combine in ((), ("--combine", "Term")):
        result = flashcards("build", *paths, "-o", out, *combine)
        assert result.returncode == 2, (result.stdout, result.stderr)
        assert_no_traceback(result)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(paths[0]) in lines[0] and str(paths[1]) in lines[0], lines
        assert "notes.apkg" in lines[0]
        assert not out.exists()


# Stand-ins, loaded before the command, for what goes wrong in one article of a batch. They
# act in a worker only (a forked process), where a real failure would be.
FAILURE = """\
import multiprocessing, os, signal, time
import flashcards.pipeline

original = flashcards.pipeline.read_article

def read_article(path, *args, **kwargs):
    if multiprocessing.parent_process() is not None:
        if "hungry" in path:
            raise MemoryError()
        if "buggy" in path:
            raise ValueError("a bug")
        if "killed" in path:
            os.kill(os.getpid(), signal.SIGKILL)
        if "slow" in path:
            time.sleep(120)
    return original(path, *args, **kwargs)

flashcards.pipeline.read_article = read_article
"""


def _patched(tmp_path: Path) -> dict:
    (tmp_path / "patch").mkdir(exist_ok=True)
    (tmp_path / "patch" / "sitecustomize.py").write_text(FAILURE, encoding="utf-8")
    home = tmp_path / "home"
    return {"PYTHONPATH": os.pathsep.join([str(tmp_path / "patch"), *sys.path]), "FLASHCARDS_HOME": str(home)}


@pytest.mark.parametrize("failure, says", [("hungry", "not enough memory"), ("buggy", "internal error"),
                                           ("killed", "was killed")])
def test_one_failed_article_is_one_line_and_the_others_are_written_and_recorded(tmp_path, failure, says):
    good = _articles(tmp_path / "articles", ["apples", "clocks"])
    bad = tmp_path / "articles" / f"{failure}.txt"
    bad.write_text(TEXTS["bridges"], encoding="utf-8")
    env = _patched(tmp_path)
    out = tmp_path / "out"
    result = flashcards("build", good[0], bad, good[1], "-o", out, "-j", "2", "--level", "0", env=env)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"flashcards: {bad}: ") and says in lines[0], lines
    assert sorted(p.name for p in out.iterdir()) == ["apples.apkg", "apples.reverse.apkg", "clocks.apkg",
                                                     "clocks.reverse.apkg"]
    assert {"苹果", "广场"} <= issued_words(env)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_workers_die_when_the_command_is_killed(tmp_path):
    paths = _articles(tmp_path / "articles", ["apples", "bridges"])
    slow = [path.rename(path.with_name(f"slow-{path.name}")) for path in paths]
    env = dict(os.environ, **_patched(tmp_path))
    command = subprocess.Popen([sys.executable, "-m", "flashcards", "build", *map(str, slow), "-o",
                                str(tmp_path / "out"), "-j", "2"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = [pid for pid in _children(command.pid) if _alive(pid)]
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(1)  # inside the build
        command.kill()
        command.wait()
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if _alive(pid)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert left == [], "workers lived on after the command was killed"
    finally:
        command.kill()


def test_known_words_given_once_count_for_every_article_of_a_batch(tmp_path):
    """A --known file is read once for the batch: given as <(…), it can be read only once."""
    good = _articles(tmp_path / "articles", ["apples", "clocks"])
    out = tmp_path / "out"
    result = shell(f"flashcards build '{good[0]}' '{good[1]}' -o '{out}' --level 0 --no-reverse -j 2 "
                   f"--known <(printf '苹果\\n钟\\n')", env={"FLASHCARDS_HOME": str(tmp_path / "home")})
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("wrote")]
    assert len(lines) == 2 and all("left out 1 known words" in line for line in lines), lines
