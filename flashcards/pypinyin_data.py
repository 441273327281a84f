"""pypinyin's readings of characters and phrases, read from its data files into on-disk tables.

We segment and read the text ourselves; pypinyin's part is its data: a reading for each of
42,000 characters (for characters CC-CEDICT lacks) and for 47,000 phrases (names and
compounds CC-CEDICT lacks, 黄陂 Huángpí). Importing pypinyin loads all of it (0.2 s,
50 MB); the tables built from its files on first use give the few rows an article needs.
"""

from __future__ import annotations

import json
from functools import lru_cache

from .pinyin import unmark

FORMAT = 1


@lru_cache(maxsize=1)
def _tables():
    from . import cache

    characters = cache.package_file("pypinyin", "pinyin_dict.json")
    phrases = cache.package_file("pypinyin", "phrases_dict.json")
    if characters is None or phrases is None:
        raise RuntimeError("the pypinyin package is not installed; reinstall bilingual-flashcards")

    def character_rows():  # "12295": "líng,yuán,xīng" (by code point): the first is the usual one
        for code, readings in json.loads(characters.read_text("utf-8")).items():
            yield chr(int(code)), unmark(readings.split(",")[0])

    def phrase_rows():  # "一丁点儿": [["yī"], ["dīng"], ["diǎn"], ["er"]]
        for phrase, readings in json.loads(phrases.read_text("utf-8")).items():
            if len(readings) == len(phrase):
                yield phrase, " ".join(unmark(options[0]) for options in readings)

    return (cache.table("pypinyin-characters", FORMAT, [characters], character_rows),
            cache.table("pypinyin-phrases", FORMAT, [phrases], phrase_rows))


def character_reading(char: str) -> str | None:
    """pypinyin's usual reading of one character, numbered (``háng`` → ``hang2``), or None."""
    return _tables()[0].get(char)


def phrase_reading(word: str) -> tuple[str, ...] | None:
    """pypinyin's reading of a whole word from its phrase list, numbered, or None."""
    found = _tables()[1].get(word)
    return tuple(found.split(" ")) if found else None


def guess(word: str) -> tuple[str, ...]:
    """pypinyin's reading of a word: the whole phrase if it knows it, else character by character.

    A character without a reading gives "?".
    """
    if len(word) > 1 and (whole := phrase_reading(word)):
        return whole
    return tuple(character_reading(char) or "?" for char in word)
