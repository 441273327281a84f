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
