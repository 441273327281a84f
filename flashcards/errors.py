"""Errors the user can act on. The CLI prints each as one line and exits non-zero."""

from __future__ import annotations


class FlashcardsError(Exception):
    """Base class: the message is one line meant for the user."""

    exit_code = 1


class InputError(FlashcardsError):
    """An input file is missing, unreadable, or not a bilingual article."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class OutputError(FlashcardsError):
    """An output file cannot be written (a full disk, a read-only folder)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


class UsageError(FlashcardsError):
    """Options that do not fit together."""

    exit_code = 2


def caused_by_ctrl_c(error: BaseException | None) -> bool:
    """Whether a Ctrl-C lies behind ``error``: Python turns one that lands while a class is
    being made (a lazy import in the middle of a build) into a RuntimeError of its own."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False
