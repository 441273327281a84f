"""wordfreq's word frequencies, read from its lists into on-disk tables.

wordfreq holds each language's whole list in memory once asked for one word (0.25 s and
50 MB for Chinese). An article needs a few thousand words of it, so the lists go into the
on-disk tables of :class:`flashcards.cache.Table` on first use, and are read from there.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

FORMAT = 1
_PLAIN_ENGLISH = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")
# letters with accents, as in café, naïve, façade, Zürich (Latin-1 and Latin Extended-A)
_ACCENTED_ENGLISH = re.compile(r"[A-Za-zÀ-ÖØ-öø-ňŊ-ſ]+(?:[ -][A-Za-zÀ-ÖØ-öø-ňŊ-ſ]+)*")
# "don't", "o'clock" are one token to wordfreq; a French-style "l'amour" or "pu'er" (one or two
# letters, an apostrophe and a vowel or h) is two
_APOSTROPHE = re.compile(r"([A-Za-z]+)'([A-Za-z]+)")
_ELIDED = re.compile(r"[A-Za-z]{1,2}'[aehiouyAEHIOUY][A-Za-z]*")


@lru_cache(maxsize=None)
def _table(language: str):
    from . import cache

    source = cache.package_file("wordfreq", f"data/large_{language}.msgpack.gz")

    def rows():
        from wordfreq import get_frequency_dict

        return get_frequency_dict(language, "best").items()

    return cache.table(f"wordfreq-{language}", FORMAT, [source], rows)


def frequency(word: str, language: str) -> float | None:
    """A word's frequency in wordfreq's list for ``language`` ("zh", "en"), as it stands there."""
    return _table(language).get(word)


@lru_cache(maxsize=100_000)
def english_zipf(words: str) -> float:
    """wordfreq's ``zipf_frequency(words, "en")``: 7 is "the", 3 is rare; a phrase as its words combine.

    Plain words and phrases (letters, accented too, spaces, hyphens, an apostrophe in a word)
    are case-folded as wordfreq does (Straße is strasse), cut into wordfreq's tokens, looked up
    in our table and combined as wordfreq combines them (1/f = 1/f1 + 1/f2, three significant
    digits, then Zipf to 0.01); anything else (digits, curly quotes) goes to wordfreq itself,
    which costs a quarter of a second to load. A test compares the two on thousands of words.
    """
    if _PLAIN_ENGLISH.fullmatch(words):
        tokens = re.split(r"[ -]", words.lower())
    elif _ACCENTED_ENGLISH.fullmatch(composed := unicodedata.normalize("NFC", words)):
        tokens = re.split(r"[ -]", composed.casefold())
    elif _APOSTROPHE.fullmatch(words):
        tokens = list(_APOSTROPHE.fullmatch(words.lower()).groups()) if _ELIDED.fullmatch(words) else [words.lower()]
    else:
        from wordfreq import zipf_frequency

        return zipf_frequency(words, "en")
    inverse = 0.0
    for word in tokens:
        found = frequency(word, "en")
        if found is None:
            return 0.0
        inverse += 1 / found
    combined = 1 / inverse
    combined = round(combined, math.floor(-math.log10(combined)) + 3)
    return round(math.log10(combined) + 9, 2) if combined > 1e-9 else 0.0


def chinese_zipf(word: str) -> float:
    """wordfreq's Zipf value of a Chinese word found in its list as it stands, else 0.

    Unlike :func:`flashcards.vocab.zipf` this never asks jieba to split an unknown word into
    known ones: ranking the reverse deck's dictionary translations needs speed, and a headword
    missing from the list is rare anyway.
    """
    found = frequency(word, "zh")
    return math.log10(found) + 9 if found else 0.0
