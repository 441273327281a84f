"""Write files so that a reader never sees half of one: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[str]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on failure it goes.

    The file gets the permissions an ordinary new file would (a temporary file is private), so
    a deck or a handout can be shared from a class folder.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        from .errors import OutputError

        raise OutputError(str(target), f"cannot be written ({error.strerror or error})") from None
    os.close(handle)
    try:
        yield temporary
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except OSError as error:  # a full disk, a read-only folder: the user's to fix, in one line
        from .errors import OutputError

        raise OutputError(str(target), f"cannot be written ({error.strerror or error})") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    with replacing(path) as temporary:
        with open(temporary, "w", encoding=encoding, newline="") as out:
            out.write(text)
    return Path(path)
