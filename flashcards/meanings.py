"""Meanings from CC-CEDICT, cleaned, and the English words of the article a word translates.

Cleaning: classifiers (``CL:個|个[ge4]``) go to their own field as ``个 gè``; cross references
``陝西省|陕西省[Shan3 xi1 Sheng3]`` keep the simplified form with its pinyin; a sense that only
says "variant of X" goes, surname and "used in" senses go last. The sense whose words appear in the article's English sentence
comes first, and those English words are the word's counterpart ("intellectual property").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import english
from .models import DictionaryEntry, Gloss, Reading
from .pinyin import marked_word, normalise_syllable

_REFERENCE = re.compile(r"(?:[^\s|\[\]/,;()]+\|)?([^\s|\[\]/,;()]+)\[([^\]]+)\]")
_SECONDARY = ("variant of", "old variant of", "surname ", "Japanese variant", "archaic variant",
              "used in ", "see ", "erhua variant", "Taiwan pr.", "also pr.", "abbr. for", "(Tw)")


_NEVER_ALONE = frozenset({"to", "a", "an", "the", "of", "sb", "sth", "one's", "oneself", "be", "it", "is", "and", "or",
                          "one", "etc", "something", "someone", "somebody", "in", "on", "at", "by", "with"})


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


# A sense that only names the form it is a variant of ("old variant of 深[shen1]", "Japanese
# variant of 亞|亚"): it says nothing of the meaning.
_VARIANT_ONLY = re.compile(r"(?:\(old\) |(?:[a-z]+ ){0,2}|[A-Z][a-z]+ )?variant of "
                           r"(?:[^\s|\[\]/,;()]+\|)?([^\s|\[\]/,;()]+)(?:\[[^\]]+\])?")


def _variant_form(entry: DictionaryEntry) -> bool:
    """Whether the entry is an old or other form of its own simplified word (深 㴱 "old variant
    of 深"; 花 蘤 "variant of 花, flower, also pr. [wei3]"): what else it says is of that form."""
    return any((found := _VARIANT_ONLY.fullmatch(sense)) and found.group(1) == entry.simplified
               for sense in entry.senses)


def gloss_for(reading: Reading, entries: Sequence[DictionaryEntry]) -> Gloss:
    """The cleaned senses of the entries that have this reading (all entries if none has).

    Entries of a variant form of the word, and senses that only say "variant of X", are left
    out when anything else is left. Each sense
    is counted by the measure words listed after it in its entry, up to the previous ones; a
    list of measure words that opens an entry counts all the entry's senses.
    """
    chosen = [entry for entry in entries if same_reading(entry, reading)] or list(entries)
    chosen.sort(key=lambda entry: entry.pinyin[:1].isupper())  # the common word before the name
    chosen = [entry for entry in chosen if not _variant_form(entry)] or chosen
    meaningful = any(not sense.startswith("CL:") and not _VARIANT_ONLY.fullmatch(sense)
                     for entry in chosen for sense in entry.senses)
    primary: list[str] = []
    secondary: list[str] = []
    classifiers: list[str] = []
    counted: dict[str, list[str]] = {}
    for entry in chosen:
        uncounted: list[str] = []  # this entry's senses since its last measure words
        for sense in entry.senses:
            if sense.startswith("CL:"):
                found = classifiers_of(sense)
                classifiers.extend(c for c in found if c not in classifiers)
                for cleaned in uncounted or [clean_sense(s) for s in entry.senses if not s.startswith("CL:")]:
                    counted.setdefault(cleaned, []).extend(c for c in found if c not in counted.get(cleaned, ()))
                uncounted = []
                continue
            if meaningful and _VARIANT_ONLY.fullmatch(sense):
                continue
            cleaned = clean_sense(sense)
            uncounted.append(cleaned)
            target = secondary if sense.startswith(_SECONDARY) else primary
            if cleaned and cleaned not in primary and cleaned not in secondary:
                target.append(cleaned)
    senses = tuple(primary + secondary)
    return Gloss(senses, tuple(classifiers), tuple(tuple(counted.get(sense, ())) for sense in senses))


def find_counterpart(senses: Sequence[str], sentence: str) -> Counterpart | None:
    """The English words of ``sentence`` that best match one of ``senses``.

    For each sense, its content words are looked for among the sentence's words in any of
    their forms (livelihoods → livelihood, rose → rise, rubbish → garbage); the run of
    neighbouring matches covering the most of the sense wins (ties: the earlier sense). A run
    takes in the little words of the sense beside it ("every day", "for free"). A sense made
    only of little words (必须 "must", 大约 "about") may match them, but counts for less.
    """
    if not sentence:
        return None
    found = _forms_in(sentence)
    if found.forms.isdisjoint(_forms_wanted(tuple(senses))):
        return None  # no sense has a word of the sentence in any form (most senses, most sentences)
    sentence_words = found.words
    best: tuple[float, int, int, int] | None = None  # (score, first word, last word, sense)
    for index, part in ((i, part) for i, sense in enumerate(senses) for part in sense.split(";")):
        wanted = _wanted(part)
        if wanted is None:
            continue
        matched: dict[int, int] = {}  # word position → the first wanted word it is
        where = found.any_word if wanted.little else found.content_word
        for form, k in wanted.first.items():
            for position in where.get(form, ()):
                if k < matched.get(position, k + 1):
                    matched[position] = k
        for position, k in sorted((position, wanted.first[form])  # "back up" is the gloss "backup"
                                  for form in wanted.first.keys() & found.two_words.keys()
                                  for position in found.two_words[form]):
            if position not in matched:
                matched[position] = matched[position + 1] = k
        for run in _runs(sorted(matched), sentence_words):
            covered = len({matched[p] for p in run})
            score = (covered + covered / wanted.count) * (0.5 if wanted.little else 1.0)
            first, last = run[0], run[-1]
            while first > 0 and (before := sentence_words[first - 1].text.lower()) in wanted.words \
                    and before != "to" and not sentence_words[first - 1].content:
                first -= 1
            while last + 1 < len(sentence_words) and sentence_words[last + 1].text.lower() in wanted.words \
                    and not sentence_words[last + 1].content:
                last += 1
            if best is None or score > best[0]:
                best = (score, first, last, index)
    if best is None:
        return None
    _, first, last, sense = best
    start, end = sentence_words[first].start, sentence_words[last].end
    return Counterpart(sentence[start:end], start, end, sense)


@dataclass(frozen=True)
class _Wanted:
    """What one sense (one part of a gloss between semicolons) looks for in a sentence."""

    first: dict[str, int]  # each form of a wanted word → the first wanted word it is
    count: int  # wanted words
    little: bool  # made only of little words: they may match, for less
    words: tuple[str, ...]  # every word of the sense, lowercased, notes in brackets too ("to be short (of)");
    # all may join a run after it, all but "to" before it


@lru_cache(maxsize=16_384)  # the parts asked for last: common glosses recur, most do not
def _wanted(part: str) -> _Wanted | None:
    gloss = english.gloss_words(part)
    content = [word for word, is_content in gloss if is_content]
    little = not content
    wanted = content or [word for word, _ in gloss if word not in _NEVER_ALONE]
    if not wanted or (little and len(wanted) > 2):
        return None
    first: dict[str, int] = {}
    for k, word in reversed(list(enumerate(wanted))):
        first.update(dict.fromkeys(english.lemmas(word), k))
    words = tuple(dict.fromkeys(sys.intern(w.lower()) for w in re.findall(r"[A-Za-z']+", part)))
    return _Wanted(first, len(wanted), little, words)


@lru_cache(maxsize=4096)  # a word's own senses are asked for once; its parts' (大, 桥), again and again
def _forms_wanted(senses: tuple[str, ...]) -> frozenset[str]:
    """Every form any of the senses looks for."""
    return frozenset(form for sense in senses for part in sense.split(";")
                     if (wanted := _wanted(part)) is not None for form in wanted.first)


@dataclass(frozen=True)
class _Forms:
    """Where each form of each word of a sentence is, for looking senses up in it."""

    words: tuple[english.EnglishWord, ...]
    content_word: dict[str, tuple[int, ...]]  # form → positions of content words with that form
    any_word: dict[str, tuple[int, ...]]
    two_words: dict[str, tuple[int, ...]]  # "back" + "up" → "backup": positions of the first
    forms: frozenset[str]  # every form found: of a word, or of two words together


@lru_cache(maxsize=256)  # a sentence's words are looked up together: they are its first uses in order
def _forms_in(sentence: str) -> _Forms:
    words = english.words(sentence)
    content: dict[str, list[int]] = {}
    every: dict[str, list[int]] = {}
    two: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        for form in word.lemmas:
            every.setdefault(form, []).append(position)
            if word.content:
                content.setdefault(form, []).append(position)
        if position + 1 < len(words):
            two.setdefault(word.text.lower() + words[position + 1].text.lower(), []).append(position)
    return _Forms(words, *({form: tuple(p) for form, p in table.items()} for table in (content, every, two)),
                  frozenset(every).union(two))


def counterpart_for(word: str, senses: Sequence[str], sentence: str, dictionary) -> Counterpart | None:
    """The counterpart of a word in its English sentence, through its parts when need be.

    When none of the word's own senses appears in the sentence, the dictionary words it is
    made of may (大桥 → 桥 "bridge", 公交站 → 公交 "bus" + 站 "stop"); neighbouring matches of
    the parts join into one span. The sense reported is then the word's first.
    """
    found = find_counterpart(senses, sentence) if senses else None
    if found is not None or len(word) < 2 or not sentence:
        return found
    from .segment import split_known

    parts = split_known(word, dictionary)
    if len(parts) < 2:
        parts = list(word)
    matches = []
    for index, part in enumerate(parts):
        if len(part) == 1 and index < len(parts) - 1:
            continue  # a one-character modifier (大, 新) is too broad to trust; the head may be
        part_senses = [sense for entry in dictionary.lookup(part) for sense in entry.senses
                       if not sense.startswith(("surname ", "variant of", "old variant of", "CL:"))]
        match = find_counterpart(part_senses, sentence) if part_senses else None
        if match is not None:
            matches.append(match)
    if not matches:
        return None
    matches.sort(key=lambda m: m.start)
    start, end = matches[0].start, matches[0].end
    for match in matches[1:]:
        if match.start - end <= 5:  # neighbours: "bus stop", "city centre"
            end = max(end, match.end)
    return Counterpart(sentence[start:end], start, end, 0)


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
