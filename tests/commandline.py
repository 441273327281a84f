"""Run the ``flashcards`` command as a user does: a fresh process, its output captured."""

from __future__ import annotations

import os
import subprocess
import sys

TIMEOUT = 120  # seconds for any one command


def flashcards(*args, timeout: float = TIMEOUT, env: dict | None = None, input: str | None = None,
               **popen) -> subprocess.CompletedProcess:
    """``python -m flashcards ARGS``; stdout and stderr captured as text unless ``popen`` says otherwise."""
    environment = dict(os.environ, **(env or {}))
    environment.pop("FLASHCARDS_DEBUG", None)
    if "stdout" not in popen and "stderr" not in popen:
        popen["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "flashcards", *map(str, args)], text=True, timeout=timeout,
                          env=environment, input=input, **popen)


def write_article(tmp_path_factory, name: str, text: str):
    """An article of the test's own in a fresh folder: the path to give the command."""
    path = tmp_path_factory.mktemp("article") / name
    path.write_text(text, encoding="utf-8")
    return path


def shell(script: str, timeout: float = TIMEOUT, env: dict | None = None) -> subprocess.CompletedProcess:
    """A bash script in which ``flashcards`` is this checkout's command (pipes, ``>&-``, ``>(…)``)."""
    environment = dict(os.environ, **(env or {}))
    environment.pop("FLASHCARDS_DEBUG", None)
    prelude = f'flashcards() {{ "{sys.executable}" -m flashcards "$@"; }}\n'
    return subprocess.run(["bash", "-c", prelude + script], capture_output=True, text=True, timeout=timeout,
                          env=environment)


def issued_words(env: dict) -> set[str]:
    """The words the store (``env``'s FLASHCARDS_HOME) remembers a deck teaching."""
    script = ("from flashcards.known import open_store\n"
              "with open_store(readonly=True) as store: print(sorted(store.issued()))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, **env}, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    return set(eval(result.stdout))


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
