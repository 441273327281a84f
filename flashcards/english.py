"""English words: tokens with their places in the sentence, lemmas, and function words.

Used to match CC-CEDICT glosses against the article's own English, both for sentence
alignment and for finding the English words a Chinese word translates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’\-][A-Za-z0-9\u00c0-\u024f]+)*")
_GLOSS_NOISE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*|[A-Z]L:.*")


@dataclass(frozen=True)
class EnglishWord:
    """A word of an English sentence: its text, lemma and character span."""

    text: str
    lemma: str
    start: int
    end: int
    content: bool


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    text = resources.files("flashcards").joinpath("data/english_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _lemmatizer():
    import simplemma

    return simplemma.lemmatize


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The dictionary form of an English word, lowercased (livelihoods → livelihood)."""
    lower = word.lower().replace("’", "'")
    if not lower.isalpha():
        return lower
    return _lemmatizer()(lower, lang="en").lower()


def words(sentence: str) -> list[EnglishWord]:
    """The words of an English sentence, with lemmas and spans."""
    stop = function_words()
    out = []
    for match in _WORD.finditer(sentence):
        text = match.group(0)
        base = lemma(text)
        out.append(EnglishWord(text, base, match.start(), match.end(),
                               content=base not in stop and text.lower() not in stop))
    return out


@lru_cache(maxsize=200_000)
def gloss_lemmas(sense: str) -> tuple[str, ...]:
    """Content lemmas of one dictionary sense: "intellectual property rights (law)" → (intellectual, property, right)."""
    sense = _GLOSS_NOISE.sub(" ", sense)
    stop = function_words()
    return tuple(lemma(match.group(0)) for match in _WORD.finditer(sense)
                 if match.group(0).lower() not in stop and lemma(match.group(0)) not in stop)
