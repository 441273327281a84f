"""The words a learner already knows, and the words earlier decks already taught.

Both live in one small SQLite file, ``known.sqlite3``, in the user's data folder (platformdirs'
``user_data_dir("flashcards")``) or in ``$FLASHCARDS_HOME`` when that is set (the tests set it).
SQLite rather than a text file because two commands may run at once (a ``build`` reading the
store while ``known import`` writes it): every write is one ``BEGIN IMMEDIATE`` transaction, and
a writer that finds the file busy waits (``timeout``) instead of failing. The journal is SQLite's
plain rollback journal, not WAL: the store is written rarely and in small batches, and the plain
journal also works on network home folders and leaves no ``-wal``/``-shm`` files behind.

Words are normalised before they are stored or looked up (:func:`normalise`: NFC, no
whitespace). A word is stored as the user gave it, with its simplified form beside it for
matching: 銀行 is stored as 銀行 and matches 银行 in an article. The simplified form comes from
CC-CEDICT (:func:`to_simplified`), so no extra package is needed; a word CC-CEDICT lacks is
converted character by character where each character's simplified form is certain.

The store also remembers which words a build *issued* (put in a deck) and for which article,
so that ``--new-only`` decks of many articles teach each word once (:meth:`KnownWords.issued`).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FlashcardsError, InputError

if TYPE_CHECKING:
    import sqlite3

STORE_NAME = "known.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction to end

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # word: as the user gave it (normalised); simplified: the form used for matching.
    "CREATE TABLE IF NOT EXISTS known (word TEXT PRIMARY KEY, simplified TEXT NOT NULL,"
    " source TEXT NOT NULL DEFAULT '', added TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS known_by_simplified ON known (simplified)",
    # One row per word and article that put it in a deck.
    "CREATE TABLE IF NOT EXISTS issued (word TEXT NOT NULL, simplified TEXT NOT NULL,"
    " article TEXT NOT NULL, issued TEXT NOT NULL, PRIMARY KEY (word, article))",
    "CREATE INDEX IF NOT EXISTS issued_by_simplified ON issued (simplified)",
)


def home() -> Path:
    """The folder of the user's own flashcards data: ``$FLASHCARDS_HOME``, else the data folder.

    Not created here: a build that only reads the store must not leave folders behind.
    """
    base = os.environ.get("FLASHCARDS_HOME")
    if base:
        return Path(base).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("flashcards", appauthor=False))


def store_path() -> Path:
    """Where the known-words store lives (it may not exist yet)."""
    return home() / STORE_NAME


def normalise(word: str) -> str:
    """The form a word is stored and compared in: NFC, with no whitespace anywhere.

    NFC because input methods and files differ in how they compose characters; no whitespace
    because "银 行" from a spreadsheet cell is still 银行.
    """
    return "".join(unicodedata.normalize("NFC", word).split())


@lru_cache(maxsize=65536)
def to_simplified(word: str) -> str:
    """The simplified form of ``word``, or ``word`` itself when it is simplified or uncertain.

    A simplified headword of CC-CEDICT stays as it is (乾 in 乾隆 is simplified too). A
    traditional headword becomes its simplified form when all its entries agree (銀行 → 银行).
    A word CC-CEDICT lacks is converted character by character on the same rule, so that a
    name or a new compound written in traditional characters still matches.
    """
    word = normalise(word)
    if not word:
        return word
    try:
        from . import dictionary as cedict

        dictionary = cedict.load()
    except RuntimeError:  # no CC-CEDICT: compare words as given
        return word

    def converted(text: str) -> str | None:
        entries = dictionary.lookup(text)
        if not entries or any(entry.simplified == text for entry in entries):
            return None
        forms = {entry.simplified for entry in entries if entry.traditional == text}
        return forms.pop() if len(forms) == 1 else None

    whole = converted(word)
    if whole is not None:
        return whole
    if word in dictionary or len(word) == 1:
        return word
    return "".join(converted(char) or char for char in word)


def forms(word: str) -> set[str]:
    """The forms under which ``word`` matches: as given and simplified."""
    word = normalise(word)
    return {word, to_simplified(word)} if word else set()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class KnownWords:
    """The store of known and issued words, one SQLite file shared by every process.

    The connection opens on first use; each call is its own transaction, so two objects (or
    two processes) on the same file see each other's changes at once. Use it as a context
    manager, or call :meth:`close`, to release the file.

    :param path: the SQLite file; by default :func:`store_path`.
    :param readonly: never write, and never create the file or its folder: a store that does
        not exist yet reads as empty, and writing raises :class:`~flashcards.errors.FlashcardsError`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, readonly: bool = False) -> None:
        self.path = Path(path) if path is not None else store_path()
        self.readonly = readonly
        self._connection: sqlite3.Connection | None = None

    # ----------------------------------------------------------------------------------------
    # Connection and schema

    def __enter__(self) -> KnownWords:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _error(self, error: Exception) -> InputError:
        """A one-line message for a store SQLite cannot use (locked too long, not a database)."""
        return InputError(str(self.path), f"the known-words store cannot be used ({error})")

    def _connect(self) -> sqlite3.Connection | None:
        """The open connection; None for a read-only store whose file does not exist."""
        if self._connection is not None:
            return self._connection
        import sqlite3

        if self.readonly and not self.path.exists():
            return None
        try:
            if self.readonly:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise self._error(error) from None
        try:
            self._check_schema(connection)
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        return connection

    def _check_schema(self, connection: sqlite3.Connection) -> None:
        """Create the tables on first use; refuse a store written by a newer flashcards."""
        import sqlite3

        def version() -> int:
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
                return 0
            row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            return int(row[0]) if row and str(row[0]).isdigit() else 0

        try:
            found = version()
            if found == 0 and not self.readonly:
                connection.execute("BEGIN IMMEDIATE")  # another process may be creating it too
                try:
                    for statement in _SCHEMA:
                        connection.execute(statement)
                    connection.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                                       (str(SCHEMA_VERSION),))
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                found = version()
        except sqlite3.Error as error:
            raise self._error(error) from None
        if found > SCHEMA_VERSION:
            raise InputError(str(self.path), f"the known-words store was written by a newer flashcards "
                                             f"(schema {found}); upgrade flashcards to use it")
        if found < 1:
            raise InputError(str(self.path), "is not a known-words store of flashcards")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so that writers queue."""
        import sqlite3

        if self.readonly:
            raise FlashcardsError(f"{self.path}: the known-words store was opened read-only")
        connection = self._connect()
        assert connection is not None
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise self._error(error) from None

    def _rows(self, sql: str, parameters: Iterable[object] = ()) -> list[tuple]:
        import sqlite3

        connection = self._connect()
        if connection is None:
            return []
        try:
            return connection.execute(sql, tuple(parameters)).fetchall()
        except sqlite3.Error as error:
            raise self._error(error) from None

    # ----------------------------------------------------------------------------------------
    # Known words

    def add(self, words: Iterable[str], source: str = "") -> int:
        """Add words (normalised; those without text skipped); returns how many were new.

        :param source: where the words came from (a file name, "command line"), kept with each
            new word; a word already known keeps the source it was first added with.
        """
        wanted = _unique(words)
        added = 0
        when = _now()
        with self._writing() as connection:
            for word in wanted:
                cursor = connection.execute(
                    "INSERT OR IGNORE INTO known (word, simplified, source, added) VALUES (?, ?, ?, ?)",
                    (word, to_simplified(word), source, when))
                added += cursor.rowcount
        return added

    def remove(self, words: Iterable[str]) -> int:
        """Forget words; returns how many stored words went.

        A word is removed in every form that matches it: removing 银行 also removes 銀行.
        """
        removed = 0
        with self._writing() as connection:
            for word in _unique(words):
                keys = sorted(forms(word))
                marks = ", ".join("?" * len(keys))
                cursor = connection.execute(
                    f"DELETE FROM known WHERE word IN ({marks}) OR simplified IN ({marks})", keys + keys)
                removed += cursor.rowcount
        return removed

    def words(self) -> list[str]:
        """The known words as the user gave them, sorted."""
        return sorted(row[0] for row in self._rows("SELECT word FROM known"))

    def __len__(self) -> int:
        rows = self._rows("SELECT count(*) FROM known")
        return rows[0][0] if rows else 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.words())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.contains_any([word])

    def contains_any(self, words: Iterable[str]) -> bool:
        """Whether any of ``words`` is known in any of its forms.

        Useful for a vocabulary item, known if its simplified or its traditional form is.
        """
        keys = sorted({key for word in words for key in forms(word)})
        if not keys:
            return False
        marks = ", ".join("?" * len(keys))
        return bool(self._rows(f"SELECT 1 FROM known WHERE word IN ({marks}) OR simplified IN ({marks}) LIMIT 1",
                               keys + keys))

    def matching_forms(self) -> frozenset[str]:
        """Every form of every known word (as given and simplified): the set to filter with."""
        return frozenset(form for row in self._rows("SELECT word, simplified FROM known") for form in row)

    def export_text(self) -> str:
        """The known words, one a line after a comment header: a file ``known import`` reads back."""
        words = self.words()
        header = (f"# Known words of flashcards ({len(words)}), one a line.\n"
                  "# Read back with: flashcards known import FILE\n")
        return header + "".join(f"{word}\n" for word in words)

    # ----------------------------------------------------------------------------------------
    # Issued words (--new-only)

    def record_issued(self, words: Iterable[str], article_slug: str) -> int:
        """Remember that a deck of ``article_slug`` teaches ``words``; returns how many were new.

        Rebuilding the same article records nothing new, so its words stay its own.
        """
        when = _now()
        rows = [(word, to_simplified(word), article_slug, when) for word in _unique(words)]
        with self._writing() as connection:
            cursor = connection.executemany(
                "INSERT OR IGNORE INTO issued (word, simplified, article, issued) VALUES (?, ?, ?, ?)", rows)
            return max(cursor.rowcount, 0)  # the rows inserted, summed over the statements

    def issued(self, except_article: str | None = None) -> set[str]:
        """Every form of the words earlier builds put in a deck.

        :param except_article: leave out the words only this article issued, so that rebuilding
            an article with ``--new-only`` keeps its own words instead of losing all of them.
        """
        if except_article is None:
            rows = self._rows("SELECT word, simplified FROM issued")
        else:
            rows = self._rows("SELECT word, simplified FROM issued WHERE article != ?", (except_article,))
        return {form for row in rows for form in row}

    def issued_by(self, word: str) -> list[str]:
        """The articles (slugs) whose decks taught ``word`` in any of its forms, earliest first."""
        keys = sorted(forms(word))
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        rows = self._rows(f"SELECT article, min(issued) FROM issued WHERE word IN ({marks}) OR simplified IN ({marks})"
                          " GROUP BY article ORDER BY min(issued), article", keys + keys)
        return [row[0] for row in rows]


def _unique(words: Iterable[str]) -> list[str]:
    """Normalised words in the order given, each once, empty ones dropped."""
    seen: dict[str, None] = {}
    for word in words:
        key = normalise(word)
        if key:
            seen.setdefault(key, None)
    return list(seen)


def open_store(readonly: bool = False) -> KnownWords:
    """The user's store (``$FLASHCARDS_HOME`` or the data folder).

    Read-only for ``build``, ``export`` and ``lesson``: they must not create a store just by
    looking for one.
    """
    return KnownWords(store_path(), readonly=readonly)


def load_known(paths: Iterable[str | os.PathLike[str]] = (),
               use_store: bool = True) -> tuple[frozenset[str], list[str]]:
    """The words to leave out of a lesson, and the one-line warnings of the files read.

    :param paths: the ``--known PATH`` files, in any format :func:`~flashcards.importers.read_words` reads.
    :param use_store: include the store's words (false for ``--no-known``). The store is opened
        read-only, so a build never creates it.
    """
    from .importers import read_words

    known: set[str] = set()
    warnings: list[str] = []
    if use_store:
        with open_store(readonly=True) as store:
            known |= store.matching_forms()
    for path in paths:
        words, problems = read_words(path)
        known.update(words)
        warnings.extend(problems)
    return frozenset(known), warnings


def matches_any(known: Iterable[str]):
    """A test of whether a vocabulary item is one of the ``known`` words: its word, its
    traditional form or its simplified form is, in any form of the known words."""
    expanded = {form for word in known for form in forms(word)}
    if not expanded:
        return lambda item: False
    return lambda item: bool({item.word, item.traditional, to_simplified(item.word)} & expanded)
