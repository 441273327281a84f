"""Read the words of a word list, whatever program wrote it: for ``known import`` and ``--known``.

:func:`read_words` tells the format from the file's first bytes and its name, then its text:

* an Anki package (``.apkg``, ``.colpkg``: a zip holding ``collection.anki21b``, compressed
  with zstd by newer Anki, or a legacy ``collection.anki21``/``collection.anki2``) or a bare
  collection (``collection.anki2``, an SQLite file). These are read with Anki's own ``anki``
  package, which knows every version of the format; it is an optional dependency, and its
  absence is reported in one line. Of each note we take the field named like Hanzi (Hanzi,
  Simplified, Chinese, Word, 词语 …), else the first field with Chinese in it;
* a Pleco flashcard export: ``headword<TAB>pinyin<TAB>definition`` lines under ``// category``
  lines, a headword written 简体[繁體] (we take the simplified part);
* CSV or TSV (``.csv``, ``.tsv``, or text whose first row names a word column): the column
  named like Hanzi, else the first column that holds Chinese;
* anything else that is text: a plain list, one word a line, ``#`` starting a comment. A line
  such as ``银行 yínháng bank`` gives its first field with Chinese in it.

Words are cleaned the same way everywhere (:func:`clean_word`): HTML and readings in brackets
dropped, punctuation around stripped, a sentence refused. Every problem that does not stop the
reading is a one-line warning beginning with the file name; a file that cannot be read at all
raises :class:`~flashcards.errors.InputError`.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .known import normalise
from .read import MAX_BYTES, check_file

csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))  # a cell as long as a file may be
from .text import CJK_RANGES, has_cjk

if TYPE_CHECKING:
    from anki.collection import Collection

# Column and field names that hold the word, best first; compared case-folded, without spaces.
WORD_FIELD_NAMES = ("hanzi", "simplified", "chinese", "word", "词语", "汉字", "简体", "中文", "词", "headword",
                    "vocab", "vocabulary", "expression", "term", "front")
ANKI_PACKAGE_SUFFIXES = (".apkg", ".colpkg")
ANKI_COLLECTION_SUFFIXES = (".anki2", ".anki21", ".anki21b")
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".numbers")
ANKI_INSTALL_HINT = "reading Anki files needs the anki package: pip install anki"
MAX_WORD_LENGTH = 16  # longer than any word or idiom worth a card: a sentence

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(?:br|/?div|/?p|/?li)\b[^>]*>", re.I)
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)|（[^）]*）|【[^】]*】")
_SEPARATORS = re.compile(r"[\s,;，；、/|]+")
_NUMBERING = re.compile(r"^\d+[.)、:：]")
_SENTENCE_PUNCTUATION = re.compile(r"[。！？，；：“”「」『』!?;]")
# Clauses: Chinese on both sides of a comma, semicolon, colon, ! or ? (朋友们好,再见).
_CLAUSES = re.compile(f"[{CJK_RANGES}]\\s*[,;:!?，；：！？]\\s*[{CJK_RANGES}]")
_PLECO_HEADWORD = re.compile(f"^[{CJK_RANGES}]+\\[[{CJK_RANGES}]+\\]")


class _Skipped:
    """Counts what was left out, and why, so that a 1,000-line file gives a few warnings, not 1,000."""

    def __init__(self, source: str, unit: str) -> None:
        self.source = source
        self.unit = unit
        self.reasons: dict[str, list[int]] = {}

    def add(self, reason: str, where: int) -> None:
        self.reasons.setdefault(reason, []).append(where)

    def warnings(self) -> list[str]:
        found = []
        for reason, places in self.reasons.items():
            units = self.unit if len(places) == 1 else f"{self.unit}s"
            shown = ", ".join(map(str, places[:5])) + (", …" if len(places) > 5 else "")
            found.append(f"{self.source}: skipped {len(places)} {units} {reason} ({units} {shown})")
        return found


def read_words(path: str | os.PathLike[str]) -> tuple[list[str], list[str]]:
    """The Chinese words of a word list, in file order without duplicates, and one-line warnings.

    :raises InputError: the file is missing, unreadable, of no format we know, or an Anki file
        when the ``anki`` package is not installed.
    """
    name = os.fspath(path)
    source = Path(name)
    check_file(name, "a word list")
    if not stat.S_ISREG(os.stat(name).st_mode):
        return _read_words_once(name)
    try:
        with open(source, "rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    suffix = source.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        if suffix in SPREADSHEET_SUFFIXES:
            raise InputError(name, "is a spreadsheet: save it as CSV (or TSV) and import that")
        words, warnings = _read_anki_package(name)
    elif head.startswith(_SQLITE_MAGIC):
        words, warnings = _read_anki_collection(name)
    elif suffix in ANKI_PACKAGE_SUFFIXES:
        raise InputError(name, "is not an Anki package (not a zip file)")
    elif suffix in ANKI_COLLECTION_SUFFIXES:
        raise InputError(name, "is not an Anki collection (not an SQLite database)")
    elif suffix in SPREADSHEET_SUFFIXES:
        raise InputError(name, "is a spreadsheet: save it as CSV (or TSV) and import that")
    else:
        from .read import read_text

        text = read_text(name)  # refuses binary files and unknown encodings in one line
        words, warnings = parse_text(text, name, suffix)
    if not words:
        warnings.append(f"{name}: no Chinese words found")
    return words, warnings


def _read_words_once(name: str) -> tuple[list[str], list[str]]:
    """:func:`read_words` for what can be read only once (a pipe, ``<(…)``): its bytes are
    copied to a file of the same name first, since telling the format takes a look at them."""
    import tempfile

    from .read import read_bytes

    with tempfile.TemporaryDirectory(prefix="flashcards-import-") as folder:
        copy = os.path.join(folder, os.path.basename(name) or "words")
        Path(copy).write_bytes(read_bytes(name, "a word list"))
        try:
            words, warnings = read_words(copy)
        except InputError as error:
            raise InputError(name, error.problem) from None
        return words, [warning.replace(copy, name) for warning in warnings]


# --------------------------------------------------------------------------------------------
# Words


def clean_word(text: str) -> str | None:
    """The Chinese word in a cell, field or line, or None when it holds none (or a sentence).

    Drops HTML, ``[sound:…]``, readings and traditional forms in brackets (银[yín]行[háng],
    银行[銀行], 银行 (yínháng)), numbering (``1.``), then takes the first field with Chinese
    in it (``银行 yínháng bank`` → 银行) and strips punctuation around it. Letters that are part
    of a word (卡拉OK, T恤) stay. Text with a full stop 。, with Chinese on both sides of a
    comma, or more than :data:`MAX_WORD_LENGTH` characters is a sentence and gives None (加油!
    is still a word).
    """
    text = unicodedata.normalize("NFC", html.unescape(_TAG.sub("", _BREAK.sub("\n", text))))
    text = _SOUND.sub(" ", text)
    without_brackets = _BRACKETED.sub("", text)
    if has_cjk(without_brackets):
        text = without_brackets
    if "。" in text or _CLAUSES.search(text):
        return None
    for field in _SEPARATORS.split(text):
        field = _NUMBERING.sub("", field)
        if has_cjk(field):
            word = normalise(_strip_punctuation(field))
            if _SENTENCE_PUNCTUATION.search(word) or len(word) > MAX_WORD_LENGTH:
                return None
            return word
    return None


def _strip_punctuation(text: str) -> str:
    """Drop punctuation and symbols (Unicode P* and S*) at both ends."""
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start])[0] in "PSZ":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PSZ":
        end -= 1
    return text[start:end]


def _looks_like_sentence(text: str) -> bool:
    """Text with Chinese that :func:`clean_word` refuses because it is a sentence, not a word."""
    return has_cjk(text) and clean_word(text) is None


def _collect(candidates: Iterable[tuple[int, str]], skipped: _Skipped, what: str) -> list[str]:
    """Clean each (place, text); words in order, each once; the rest counted in ``skipped``."""
    words: dict[str, None] = {}
    for place, text in candidates:
        word = clean_word(text)
        if word is not None:
            words.setdefault(word, None)
        elif _looks_like_sentence(text):
            skipped.add("with a sentence, not a word", place)
        else:
            skipped.add(f"without a Chinese {what}", place)
    return list(words)


# --------------------------------------------------------------------------------------------
# Text formats


def parse_text(text: str, source: str = "word list", suffix: str = "") -> tuple[list[str], list[str]]:
    """Words and warnings of a text word list: CSV/TSV, a Pleco export or a plain list.

    :param suffix: the file name's extension (``.csv``, ``.tsv``), which settles the format;
        without one, the text decides.
    """
    lines = text.splitlines()
    if suffix in (".csv", ".tsv", ".tab") or _has_anki_directives(lines) or _has_word_header(lines):
        return _parse_table(lines, source, "\t" if suffix in (".tsv", ".tab") else None)
    if _is_pleco(lines):
        return _parse_pleco(lines, source)
    return _parse_plain(lines, source)


def _parse_plain(lines: Sequence[str], source: str) -> tuple[list[str], list[str]]:
    skipped = _Skipped(source, "line")
    candidates = ((number, line) for number, line in enumerate(lines, 1)
                  if line.strip() and not line.lstrip().startswith("#"))
    words = _collect(candidates, skipped, "word")
    return words, skipped.warnings()


def _is_pleco(lines: Sequence[str]) -> bool:
    """Pleco's export: ``//`` category lines, or tab-separated lines headed 简体[繁體]."""
    content = [line for line in lines if line.strip()]
    if any(line.startswith("//") for line in content):
        return True
    tabbed = [line for line in content if "\t" in line]
    headed = [line for line in tabbed if _PLECO_HEADWORD.match(line)]
    return bool(headed) and len(headed) * 2 >= len(content)


def _parse_pleco(lines: Sequence[str], source: str) -> tuple[list[str], list[str]]:
    """The headword (first tab field, simplified part) of every card; categories skipped."""
    skipped = _Skipped(source, "line")
    candidates = ((number, line.split("\t", 1)[0]) for number, line in enumerate(lines, 1)
                  if line.strip() and not line.startswith("//"))
    words = _collect(candidates, skipped, "headword")
    return words, skipped.warnings()


def _has_anki_directives(lines: Sequence[str]) -> bool:
    """Anki's "Notes in Plain Text" export starts with ``#separator:``, ``#html:`` … lines."""
    return any(re.match(r"#(separator|columns|html|notetype|deck|tags)[ \w]*:", line) for line in lines[:10])


_DELIMITER_NAMES = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}


def _delimiter(sample: Sequence[str], fallback: str | None) -> str:
    """The delimiter: Anki's ``#separator:`` line, the file's extension, else a guess."""
    for line in sample:
        match = re.match(r"#separator:\s*(\S+)", line, re.I)
        if match:
            value = match.group(1).lower()
            return _DELIMITER_NAMES.get(value, value[:1])
    if fallback:
        return fallback
    text = "\n".join(line for line in sample if not line.startswith("#"))
    try:
        return csv.Sniffer().sniff(text, delimiters=",\t;|").delimiter
    except csv.Error:
        counts = {delimiter: text.count(delimiter) for delimiter in ("\t", ",", ";", "|")}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","


def _field_key(name: str) -> str:
    return re.sub(r"[\s_\-()（）]+", "", name.casefold())


def word_column(names: Sequence[str]) -> int | None:
    """The index of the column or field named like Hanzi, by :data:`WORD_FIELD_NAMES` order.

    An exact name wins over one that only contains a name ("Simplified Chinese"); a column of
    traditional characters or of pinyin never counts.
    """
    keys = [_field_key(name) for name in names]
    for wanted in WORD_FIELD_NAMES:
        if wanted in keys:
            return keys.index(wanted)
    for wanted in WORD_FIELD_NAMES[:5]:
        for index, key in enumerate(keys):
            if wanted in key and "traditional" not in key and "繁" not in key and "pinyin" not in key:
                return index
    return None


def _has_word_header(lines: Sequence[str]) -> bool:
    """A first row that names a word column and has a delimiter: a table without its extension."""
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    if not any(delimiter in first for delimiter in ("\t", ",", ";")):
        return False
    cells = next(csv.reader([first], delimiter=_delimiter([first], None)))
    return word_column(cells) is not None


def _parse_table(lines: Sequence[str], source: str, fallback: str | None) -> tuple[list[str], list[str]]:
    """The word column of CSV or TSV: named like Hanzi in a header, else the first with Chinese."""
    delimiter = _delimiter(lines[:50], fallback)
    columns_line = next((line for line in lines[:10] if re.match(r"#columns:", line, re.I)), None)
    numbered = [(number, line) for number, line in enumerate(lines, 1) if not line.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in numbered)), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise InputError(source, f"is not valid CSV ({error})") from None
    # csv.reader joins quoted cells that span lines; keep a line number for each row anyway.
    places = [number for number, _ in numbered][:len(rows)]
    table = [(place, row) for place, row in zip(places, rows) if any(cell.strip() for cell in row)]
    skipped = _Skipped(source, "row")
    if not table:
        return [], []

    header: Sequence[str] | None = None
    if columns_line is not None:
        header = next(csv.reader([columns_line.split(":", 1)[1]], delimiter=delimiter))
    elif _has_anki_directives(lines):
        pass  # Anki's export has no header row: a note type called "Chinese (Hanzi)" is a note's cell
    elif word_column(table[0][1]) is not None or (not any(map(has_cjk, table[0][1]))
                                                   and any(has_cjk(cell) for _, row in table[1:] for cell in row)):
        header = table[0][1]
        table = table[1:]
    column = word_column(header) if header is not None else None
    if column is None:
        column = _first_chinese_column([row for _, row in table], _metadata_columns(lines[:10]))
    candidates = ((place, row[column] if column < len(row) else "") for place, row in table)
    return _collect(candidates, skipped, "word"), skipped.warnings()


def _metadata_columns(lines: Sequence[str]) -> set[int]:
    """Columns that Anki's text export fills with a note's GUID, note type, deck or tags.

    A deck named in Chinese must not pass for the word column.
    """
    return {int(match.group(1)) - 1 for line in lines
            if (match := re.match(r"#(?:guid|notetype|deck|tags) column:\s*(\d+)", line, re.I))}


def _first_chinese_column(rows: Sequence[Sequence[str]], excluded: frozenset[int] | set[int] = frozenset()) -> int:
    """The first column with Chinese in at least half the rows (else the one with most; else 0)."""
    width = max((len(row) for row in rows), default=1)
    counts = [0 if index in excluded else sum(1 for row in rows if index < len(row) and has_cjk(row[index]))
              for index in range(width)]
    for index, count in enumerate(counts):
        if count and count * 2 >= len(rows):
            return index
    return max(range(width), key=counts.__getitem__) if any(counts) else 0


# --------------------------------------------------------------------------------------------
# Anki


def _anki_collection_class(name: str):
    """``anki.collection.Collection``, or the one-line reason why it cannot be had."""
    try:
        from anki.collection import Collection
    except ImportError:
        raise InputError(name, ANKI_INSTALL_HINT) from None
    return Collection


def _read_anki_package(name: str) -> tuple[list[str], list[str]]:
    """Import an ``.apkg`` or ``.colpkg`` into a temporary collection with Anki, then read it.

    Anki's own importer rather than unzipping: since Anki 2.1.50 the collection inside is
    ``collection.anki21b``, zstd-compressed with a schema that changes between versions, and
    the legacy ``collection.anki2`` beside it holds only a note asking to update Anki. The
    importer also takes ``.colpkg`` files, so one path reads both.
    """
    import tempfile
    import zipfile

    try:
        with zipfile.ZipFile(name) as archive:
            members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(name, f"is not a readable Anki package ({error})") from None
    if not members & {"collection.anki21b", "collection.anki21", "collection.anki2"}:
        raise InputError(name, "is a zip file but not an Anki package (it holds no collection)")
    Collection = _anki_collection_class(name)
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.errors import AnkiException

    with tempfile.TemporaryDirectory(prefix="flashcards-anki-") as folder:
        collection = Collection(os.path.join(folder, "collection.anki2"))
        try:
            request = ImportAnkiPackageRequest(
                package_path=str(Path(name).resolve()),
                options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False,
                                                 with_deck_configs=False))
            try:
                collection.import_anki_package(request)
            except AnkiException as error:
                raise InputError(name, f"Anki could not read this package ({_anki_message(error)})") from None
            return _collection_words(collection, name)
        finally:
            collection.close()


def _read_anki_collection(name: str) -> tuple[list[str], list[str]]:
    """Read a bare collection (``collection.anki2``) from a copy, so Anki's file is never touched.

    Opening a collection with the ``anki`` package upgrades and rewrites it; the copy also
    takes the ``-wal`` file beside it, where an open Anki keeps its latest changes.
    """
    import shutil
    import sqlite3
    import tempfile

    try:
        probe = sqlite3.connect(Path(name).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            probe.close()
    except sqlite3.Error as error:
        raise InputError(name, f"is not a readable SQLite database ({error})") from None
    if not {"notes", "col"} <= tables:
        raise InputError(name, "is an SQLite database but not an Anki collection")
    Collection = _anki_collection_class(name)
    from anki.errors import AnkiException

    with tempfile.TemporaryDirectory(prefix="flashcards-anki-") as folder:
        copy = os.path.join(folder, "collection.anki2")
        try:
            shutil.copyfile(name, copy)
            if os.path.exists(f"{name}-wal"):
                shutil.copyfile(f"{name}-wal", f"{copy}-wal")
        except OSError as error:
            raise InputError(name, f"cannot be read ({error.strerror or error})") from None
        try:
            collection = Collection(copy)
        except AnkiException as error:
            raise InputError(name, f"Anki could not open this collection ({_anki_message(error)})") from None
        try:
            return _collection_words(collection, name)
        finally:
            collection.close()


def _anki_message(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__


def _is_own_non_word_notetype(notetype: dict) -> bool:
    """Our sentence cards and our English-learner deck: their Chinese is not a word to know."""
    from .render.anki import SENTENCE_MODEL_ID
    from .render.reverse import REVERSE_SENTENCE_MODEL_ID, REVERSE_VOCABULARY_MODEL_ID

    own = (SENTENCE_MODEL_ID, REVERSE_SENTENCE_MODEL_ID, REVERSE_VOCABULARY_MODEL_ID)
    name = str(notetype.get("name", ""))
    return notetype.get("id") in own or (name.startswith("flashcards:") and
                                         ("sentence" in name or "for Chinese speakers" in name))


def _collection_words(collection: Collection, source: str) -> tuple[list[str], list[str]]:
    """The word of each note, in the order the notes were made.

    Per note type, the field named like Hanzi (:func:`word_column`); a note type without one
    gives each note's first field with Chinese in it. Notes of our own sentence and English
    note types are left out, and so are notes whose chosen field holds a sentence.
    """
    fields_of: dict[int, list[str]] = {}
    skipped_types: set[int] = set()
    for entry in collection.models.all_names_and_ids():
        notetype = collection.models.get(entry.id)
        if notetype is None:
            continue
        if _is_own_non_word_notetype(notetype):
            skipped_types.add(entry.id)
        fields_of[entry.id] = [field["name"] for field in notetype["flds"]]
    skipped = _Skipped(source, "note")

    def candidates() -> Iterator[tuple[int, str]]:
        for position, (type_id, values) in enumerate(collection.db.all("SELECT mid, flds FROM notes ORDER BY id"), 1):
            if type_id in skipped_types:
                continue
            cells = str(values).split("\x1f")
            column = word_column(fields_of.get(type_id, []))
            if column is not None and column < len(cells) and has_cjk(cells[column]):
                yield position, cells[column]
            else:
                yield position, next((cell for cell in cells if has_cjk(_TAG.sub("", cell))), cells[0])

    words = _collect(candidates(), skipped, "field")
    return words, skipped.warnings()
