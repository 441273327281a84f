"""Meanings from CC-CEDICT, cleaned, and the English words of the article a word translates.

Cleaning: classifiers (``CL:個|个[ge4]``) go to their own field as ``个 gè``; cross references
``陝西省|陕西省[Shan3 xi1 Sheng3]`` keep the simplified form with its pinyin; variant, surname
and "used in" senses go last. The sense whose words appear in the article's English sentence
comes first, and those English words are the word's counterpart ("intellectual property").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import english
from .models import DictionaryEntry, Gloss, Reading
from .pinyin import marked_word, normalise_syllable

_REFERENCE = re.compile(r"(?:[^\s|\[\]/,;()]+\|)?([^\s|\[\]/,;()]+)\[([^\]]+)\]")
_SECONDARY = ("variant of", "old variant of", "surname ", "Japanese variant", "archaic variant",
              "used in ", "see ", "erhua variant", "Taiwan pr.", "also pr.", "abbr. for", "(Tw)")


@dataclass(frozen=True)
class Counterpart:
    """English words of a sentence that a Chinese word translates, and where they are."""

    text: str
    start: int
    end: int
    sense: int


def _marked_reference(match: re.Match[str]) -> str:
    return f"{match.group(1)} ({marked_word(match.group(2).split())})"


def clean_sense(sense: str) -> str:
    return _REFERENCE.sub(_marked_reference, sense).strip()


def classifiers_of(sense: str) -> list[str]:
    """``CL:個|个[ge4],位[wei4]`` → ["个 gè", "位 wèi"]."""
    return [f"{match.group(1)} {marked_word(match.group(2).split())}"
            for match in _REFERENCE.finditer(sense[3:])]


def same_reading(entry: DictionaryEntry, reading: Reading) -> bool:
    syllables = [normalise_syllable(s).lower() for s in entry.pinyin.split()]
    return syllables == [s.lower() for s in reading.syllables]


def gloss_for(reading: Reading, entries: Sequence[DictionaryEntry]) -> Gloss:
    """The cleaned senses of the entries that have this reading (all entries if none has)."""
    chosen = [entry for entry in entries if same_reading(entry, reading)] or list(entries)
    chosen.sort(key=lambda entry: entry.pinyin[:1].isupper())  # the common word before the name
    primary: list[str] = []
    secondary: list[str] = []
    classifiers: list[str] = []
    for entry in chosen:
        for sense in entry.senses:
            if sense.startswith("CL:"):
                classifiers.extend(c for c in classifiers_of(sense) if c not in classifiers)
                continue
            cleaned = clean_sense(sense)
            target = secondary if sense.startswith(_SECONDARY) else primary
            if cleaned and cleaned not in primary and cleaned not in secondary:
                target.append(cleaned)
    return Gloss(tuple(primary + secondary), tuple(classifiers))


def find_counterpart(senses: Sequence[str], sentence: str) -> Counterpart | None:
    """The English words of ``sentence`` that best match one of ``senses``.

    For each sense, its content lemmas are looked for among the sentence's words; the run of
    neighbouring matches covering the most of the sense wins (ties: the earlier sense).
    """
    if not sentence:
        return None
    sentence_words = english.words(sentence)
    best: tuple[float, int, int, int] | None = None  # (score, first word, last word, sense)
    for index, sense in enumerate(senses):
        wanted = set(english.gloss_lemmas(sense))
        if not wanted:
            continue
        positions = [p for p, word in enumerate(sentence_words) if word.content and word.lemma in wanted]
        for run in _runs(positions, sentence_words):
            covered = len({sentence_words[p].lemma for p in run})
            score = covered + covered / len(wanted)
            if best is None or score > best[0]:
                best = (score, run[0], run[-1], index)
    if best is None:
        return None
    _, first, last, sense = best
    start, end = sentence_words[first].start, sentence_words[last].end
    return Counterpart(sentence[start:end], start, end, sense)


def _runs(positions: list[int], sentence_words: list[english.EnglishWord]) -> list[list[int]]:
    """Group matched word positions into runs of neighbours (one function word may sit between)."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and (position - runs[-1][-1] == 1 or (
                position - runs[-1][-1] == 2 and not sentence_words[position - 1].content)):
            runs[-1].append(position)
        else:
            runs.append([position])
    return runs


def senses_with_counterpart_first(senses: Sequence[str], counterpart: Counterpart | None) -> tuple[str, ...]:
    if counterpart is None:
        return tuple(senses)
    ordered = list(senses)
    ordered.insert(0, ordered.pop(counterpart.sense))
    return tuple(ordered)
