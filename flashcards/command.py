"""The ``flashcards`` command's entry point: :func:`flashcards.cli.run`, loaded here so that a
Ctrl-C in the first moments, while click and the commands load and before a command begins,
ends it like any other: one line and exit status 130, not a traceback."""

from __future__ import annotations

import io
import os
import sys

INTERRUPTED = "flashcards: interrupted; no file was left half-written"


def run() -> None:
    sys.unraisablehook = _ctrl_c_kept
    forgiving_streams()
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


def forgiving_streams() -> None:
    """Standard output and error that no reader can make the command fail.

    A reader that goes away (``flashcards build a b | head -1``) leaves a broken pipe: what is
    written to it after that is dropped, and the command goes on to write and record every
    deck, then ends as ``head`` expects, quietly. A stream closed from the start (``>&-``) is
    /dev/null. A character its encoding lacks (``PYTHONIOENCODING=latin-1``) is written as an
    escape (``\\u94f6``), not an error: JSON stays JSON.
    """
    for fd, name in ((1, "stdout"), (2, "stderr")):
        stream = getattr(sys, name)
        try:
            os.fstat(fd)
        except OSError:  # closed: whatever the command opens next would get this number
            opened = os.open(os.devnull, os.O_WRONLY)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
            stream = None
        encoding = getattr(stream, "encoding", None) or "utf-8"
        line_buffering = bool(getattr(stream, "line_buffering", False)) or os.isatty(fd)
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        raw = _Forgiving(fd)
        setattr(sys, name, io.TextIOWrapper(io.BufferedWriter(raw), encoding=encoding, errors="backslashreplace",
                                            line_buffering=line_buffering, write_through=name == "stderr"))


class _Forgiving(io.RawIOBase):
    """File descriptor ``fd`` for writing; once its reader has gone, writes go to /dev/null."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data) -> int:
        try:
            return os.write(self.fd, data)
        except (BrokenPipeError, ConnectionResetError):
            null = os.open(os.devnull, os.O_WRONLY)  # the same number, now nowhere: children too
            os.dup2(null, self.fd)
            os.close(null)
            return len(data)

    def close(self) -> None:  # the descriptor is the process's, not ours to close
        self.flush()
        super().close()
