"""Write files so that a reader never sees half of one: a temporary file, then a rename.

Only a regular file is replaced that way. What else a path can name (a device such as
``/dev/null``, a FIFO, ``/dev/stdout``, a process substitution ``>(wc -c)``) is written in place:
renaming over it would put a regular file where the device or the pipe was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RANDOM_AND_SUFFIX = len(".XXXXXXXX.tmp")  # what mkstemp and our suffix add to the prefix


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[str]:
    """Yield a temporary path; on success its content becomes ``path``'s, on failure it goes.

    A regular file (or a new one) is replaced by a rename from beside it, with the existing
    file's permissions, or those an ordinary new file would get (a temporary file is private),
    so a deck or a handout can be shared from a class folder. A link to a file keeps being a
    link: the file it points to is replaced. Anything else is written through, in place.
    """
    target = given = Path(path)
    try:
        status = os.stat(target)
    except OSError:
        status = None
    in_place = status is not None and not stat.S_ISREG(status.st_mode)
    if not in_place and target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        if in_place:
            handle, temporary = tempfile.mkstemp(prefix="flashcards-", suffix=".tmp")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=_prefix(target), suffix=".tmp")
    except OSError as error:
        raise _output_error(given, error) from None
    os.close(handle)
    try:
        yield temporary
        if in_place:
            with open(temporary, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
        else:
            if status is not None:
                mode = stat.S_IMODE(status.st_mode)
            else:
                mask = os.umask(0)
                os.umask(mask)
                mode = 0o666 & ~mask
            os.chmod(temporary, mode)
            os.replace(temporary, target)
    except OSError as error:  # a full disk, a read-only folder: the user's to fix, in one line
        raise _output_error(given, error) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _prefix(target: Path) -> str:
    """``.<name>.``, the name cut so that the temporary name fits the file system's limit."""
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    budget = max(limit - _RANDOM_AND_SUFFIX - 2, 1)
    return f".{os.fsdecode(os.fsencode(target.name)[:budget])}."  # a cut character stays the same bytes


def _output_error(target: Path, error: OSError):
    from .errors import OutputError

    return OutputError(str(target), f"cannot be written ({error.strerror or error})")


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    with replacing(path) as temporary:
        with open(temporary, "w", encoding=encoding, newline="") as out:
            out.write(text)
    return Path(path)
