"""The ``flashcards`` command's entry point: :func:`flashcards.cli.run`, loaded here so that a
Ctrl-C in the first moments, while click and the commands load and before a command begins,
ends it like any other: one line and exit status 130, not a traceback."""

from __future__ import annotations

import os
import sys

INTERRUPTED = "flashcards: interrupted; no file was left half-written"


def run() -> None:
    sys.unraisablehook = _ctrl_c_kept
    try:
        from .cli import run as command

        command()  # ends the process itself, unless a Ctrl-C lands before a command has begun
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        sys.stderr.flush()
        os._exit(130)  # not SystemExit: Python may end by SIGINT after a Ctrl-C it saw (see cli.run)


def _ctrl_c_kept(unraisable) -> None:
    """A Ctrl-C that lands in a callback Python runs on its own (a lock's, while a module loads)
    cannot stop the command from there: Python would print it as "Exception ignored" and go
    on. It is sent again, to stop the command from where it is."""
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)
        return
    import _thread
    import threading

    # from another thread, a moment later: raised in this hook, it would be ignored in turn
    later = threading.Timer(0.01, _thread.interrupt_main)
    later.daemon = True
    later.start()
