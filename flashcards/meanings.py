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
# senses that say where a word comes from or how else it is written: shown last
SECONDARY = ("variant of", "old variant of", "surname ", "Japanese variant", "archaic variant",
             "used in ", "see ", "erhua variant", "Taiwan pr.", "also pr.", "abbr. for", "(Tw)")


_NEVER_ALONE = frozenset({"to", "a", "an", "the", "of", "sb", "sth", "one's", "oneself", "be", "it", "is", "and", "or",
                          "one", "etc", "something", "someone", "somebody", "in", "on", "at", "by", "with"})


_PREPOSITIONS = frozenset({"at", "in", "on", "by", "under", "without", "out"})
# senses that say what a word was, or where it is written otherwise, not what it means here
_NOT_A_MEANING = ("(old)", "(archaic)", "(classical)", "(literary)", "(dialect)", "old variant of", "variant of",
                  "used in ", "see ", "abbr. for", "CL:")
_ARTICLES = frozenset({"a", "an", "the"})


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
            target = secondary if sense.startswith(SECONDARY) else primary
            if cleaned and cleaned not in primary and cleaned not in secondary:
                target.append(cleaned)
    senses = tuple(primary + secondary)
    return Gloss(senses, tuple(classifiers), tuple(tuple(counted.get(sense, ())) for sense in senses))


@dataclass(frozen=True)
class _Match:
    """A run of English words that one sense of a Chinese word may stand for."""

    score: float
    first: int  # word positions in the sentence
    last: int
    sense: int
    little: bool  # only little words matched ("as", "about"): claims them, is never shown


def _matches(senses: Sequence[str], sentence: str) -> list[_Match]:
    """Every run of the sentence's words that one of ``senses`` covers well enough.

    For each sense (each part between semicolons), its content words are looked for among
    the sentence's words in any of their forms (livelihoods → livelihood, rose → rise); a run
    of neighbouring matches must cover most of the sense ("intellectual property" for
    "intellectual property rights", not "say" alone for "can't say for sure"), take a leading
    preposition with it ("at present" is not the verb "present"), and a noun sense never
    stands for a word the sentence uses as a verb ("to respect deeply" is not "respect; aspect").
    """
    if not sentence:
        return []
    found = _forms_in(sentence)
    if found.forms.isdisjoint(_forms_wanted(tuple(senses))):
        return []  # no sense has a word of the sentence in any form (most senses, most sentences)
    sentence_words = found.words
    out: list[_Match] = []
    for index, part in ((i, part) for i, sense in enumerate(senses) if not sense.startswith(_NOT_A_MEANING)
                        for part in _parts_of(sense)):
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
            if covered < wanted.count and (2 * covered < wanted.count or all(
                    _everyday(sentence_words[p].lemma) for p in run)):
                continue  # a part of a sense, unless a telling part: "view" for "point of view", not "say"
            first, last = run[0], run[-1]
            if wanted.noun and first == last and _used_as_verb(sentence_words, first):
                continue
            while first > 0 and (before := sentence_words[first - 1].text.lower()) in wanted.before \
                    and before != "to" and not sentence_words[first - 1].content:
                first -= 1
            if wanted.leading and sentence_words[first].text.lower() != wanted.leading:
                continue  # "at present": the verb "present" alone is another word
            while last + 1 < len(sentence_words) and sentence_words[last + 1].text.lower() in wanted.after \
                    and not sentence_words[last + 1].content and sentence_words[last + 1].text.lower() not in _ARTICLES:
                last += 1
            score = (covered + covered / wanted.count) * (0.5 if wanted.little else 1.0)
            out.append(_Match(score, first, last, index, wanted.little))
    return out


_ALTERNATIVE = re.compile(r"\s+or\s+(?=[a-z])|,\s+")


def _parts_of(sense: str) -> list[str]:
    """A sense's parts between semicolons, alternatives and explanations apart: "actor or
    actress" is "actor", "actress"; "Beijing, capital of China" is "Beijing", "capital of China"."""
    return [alternative for part in sense.split(";") for alternative in
            (_ALTERNATIVE.split(part) if (" or " in part or ", " in part) and "(" not in part else (part,))]


EVERYDAY = 5.5  # wordfreq Zipf: say, new, make, time, people and commoner


@lru_cache(maxsize=16_384)
def _everyday(lemma: str) -> bool:
    """Whether an English word is too common to show, alone, that a longer sense is meant."""
    from .frequencies import english_zipf

    return english_zipf(lemma) >= EVERYDAY if lemma.isalpha() else False


_VERB_BEFORE = frozenset({"to", "will", "would", "can", "could", "should", "must", "may", "might", "i", "we",
                          "they", "you", "don't", "didn't", "won't", "can't", "cannot"})
_OBJECT_AFTER = frozenset({"the", "a", "an", "his", "her", "their", "our", "my", "your", "its", "this", "that",
                           "these", "those", "him", "them", "us", "me", "it"})


def _used_as_verb(words: Sequence[english.EnglishWord], position: int) -> bool:
    """Whether the word at ``position`` is plainly a verb: a word that may be one, after a modal
    or a subject pronoun, or after "to" with an adverb or an object next ("to respect deeply")."""
    if not _may_be_verb(words[position].text.lower()):
        return False
    before = [w.text.lower() for w in words[max(0, position - 2):position]]
    after = words[position + 1].text.lower() if position + 1 < len(words) else ""
    if before and before[-1] == "to":
        return after.endswith("ly") or after in _OBJECT_AFTER
    if before and before[-1] in _VERB_BEFORE:
        return True
    return len(before) == 2 and before[-1].endswith("ly") and before[0] in _VERB_BEFORE


@lru_cache(maxsize=16_384)
def _may_be_verb(word: str) -> bool:
    from .english.lexicon import load_lexicon

    return "VERB" in load_lexicon().lemma_table(word)


def find_counterpart(senses: Sequence[str], sentence: str) -> Counterpart | None:
    """The English words of ``sentence`` that best match one of ``senses`` (see :func:`_matches`).

    The run covering the most of its sense wins (ties: the earlier sense); a match made only
    of little words ("as", "must") is never a counterpart.
    """
    best = max((m for m in _matches(senses, sentence) if not m.little),
               key=lambda m: (m.score, -m.sense), default=None)
    return None if best is None else _counterpart(best, sentence)


def _counterpart(match: _Match, sentence: str) -> Counterpart:
    words = _forms_in(sentence).words
    start, end = words[match.first].start, words[match.last].end
    return Counterpart(sentence[start:end], start, end, match.sense)


def sentence_counterparts(words: Sequence[tuple[str, Sequence[str]]], sentence: str,
                          dictionary) -> list[Counterpart | None]:
    """The counterpart of each Chinese word of a sentence, the words competing for the English.

    ``words``: each word of the Chinese with its senses (empty for a word CC-CEDICT lacks).
    An English word is the counterpart of one Chinese word at most: the best-covered match
    wins it, a word of several characters before a lone character (then the earlier sense,
    the longer word), so 工会 keeps "unions" and 知道 "knowing". A match of little words only claims its English for the word (so that no
    other word takes "as" or "must") without being shown. A word CC-CEDICT lacks may then
    take what is left through the dictionary words it is made of (共享单车 → "bike-sharing").
    """
    chosen: list[Counterpart | None] = [None] * len(words)
    if not sentence:
        return chosen
    # a word of two or more characters that has the English is surer of it than a character of
    # many senses that has it too (工会 "union" against 会, which is mostly "can")
    claims = sorted(((match, index) for index, (_, senses) in enumerate(words) if senses
                     for match in _matches(senses, sentence)),
                    key=lambda c: (-c[0].score - (len(words[c[1]][0]) > 1), c[0].little, c[0].sense,
                                   -len(words[c[1]][0]), c[1]))
    taken: set[int] = set()
    settled: set[int] = set()
    for match, index in claims:
        span = range(match.first, match.last + 1)
        if index in settled or taken.intersection(span):
            continue
        settled.add(index)
        taken.update(span)
        if not match.little:
            chosen[index] = _counterpart(match, sentence)
    # Through its parts, a dictionary word is as often wrong as right (敬佩 "respect" by 敬, but
    # 方向 "toward" by 向, 创造 "building" by 造): only a word CC-CEDICT lacks is matched so.
    for index, (word, senses) in enumerate(words):
        if index not in settled and len(word) > 1 and not senses:
            chosen[index] = _through_parts(word, sentence, dictionary, taken)
            if chosen[index] is not None:
                taken.update(p for p, w in enumerate(_forms_in(sentence).words)
                             if chosen[index].start <= w.start < chosen[index].end)
    return chosen


def counterpart_for(word: str, senses: Sequence[str], sentence: str, dictionary) -> Counterpart | None:
    """The counterpart of one word in its English sentence, on its own (no other word competes).

    A dictionary word is matched through its own senses only: through its parts, 机会 would
    be "unions" (会) and 沟通 "knowing" (通). A word CC-CEDICT lacks is matched through the
    dictionary words it is made of (公交站 → 公交 "bus" + 站 "stop").
    """
    if senses:
        return find_counterpart(senses, sentence)
    if len(word) < 2 or not sentence:
        return None
    return _through_parts(word, sentence, dictionary, set())


def _through_parts(word: str, sentence: str, dictionary, taken: set[int]) -> Counterpart | None:
    """Neighbouring matches of a word's dictionary parts, joined into one span; English words
    in ``taken`` belong to other words. A one-character modifier (大, 新) is too broad to trust."""
    from .segment import split_known

    parts = split_known(word, dictionary)
    if len(parts) < 2:
        parts = list(word)
    matches = []
    for index, part in enumerate(parts):
        if len(part) == 1 and index < len(parts) - 1:
            continue
        part_senses = [sense for entry in dictionary.lookup(part) for sense in entry.senses
                       if not sense.startswith(("surname ", "variant of", "old variant of", "CL:"))]
        candidates = [m for m in _matches(part_senses, sentence)
                      if not m.little and taken.isdisjoint(range(m.first, m.last + 1))]
        if candidates:
            matches.append(_counterpart(max(candidates, key=lambda m: (m.score, -m.sense)), sentence))
    if not matches:
        return None
    matches.sort(key=lambda m: m.start)
    start, end = matches[0].start, matches[0].end
    for match in matches[1:]:
        if match.start - end <= 5:  # neighbours: "bus stop", "city centre"
            end = max(end, match.end)
    return Counterpart(sentence[start:end], start, end, 0)


@dataclass(frozen=True)
class _Wanted:
    """What one sense (one part of a gloss between semicolons) looks for in a sentence."""

    first: dict[str, int]  # each form of a wanted word → the first wanted word it is
    count: int  # wanted words
    little: bool  # made only of little words: they may match, for less
    before: tuple[str, ...]  # the sense's little words before its first content word, lowercased,
    after: tuple[str, ...]  # and after its last, notes in brackets too ("to be short (of)"): they may
    # join a run on that side ("for free", "short of"), "to" never before it
    noun: bool = False  # a sense not of a verb ("respect", not "to respect")
    leading: str = ""  # a preposition the sense opens with, which the English must have too ("at present")


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
    words = [sys.intern(w.lower()) for w in re.findall(r"[A-Za-z']+", part)]
    if little:
        before = after = tuple(dict.fromkeys(words))
    else:
        places = [i for i, word in enumerate(words) if word in content] or [0, len(words) - 1]
        before, after = tuple(words[:places[0]]), tuple(words[places[-1] + 1:])
    plain = [word for word, _ in gloss]
    leading = plain[0] if len(plain) > 1 and plain[0] in _PREPOSITIONS and not little else ""
    return _Wanted(first, len(wanted), little, before, after, noun=not plain or plain[0] != "to", leading=leading)


@lru_cache(maxsize=4096)  # a word's own senses are asked for once; its parts' (大, 桥), again and again
def _forms_wanted(senses: tuple[str, ...]) -> frozenset[str]:
    """Every form any of the senses looks for."""
    return frozenset(form for sense in senses for part in _parts_of(sense)
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


@lru_cache(maxsize=16_384)
def senses_of(reading: Reading, entries: tuple[DictionaryEntry, ...]) -> tuple[str, ...]:
    """The cleaned senses of a word as read (:func:`gloss_for`), for matching it against English."""
    return gloss_for(reading, entries).senses


@lru_cache(maxsize=16_384)
def senses_of_word(word: str, dictionary) -> tuple[str, ...]:
    """Every cleaned sense of a word in any reading, for asking whether it translates something."""
    entries = tuple(dictionary.lookup(word))
    return gloss_for(Reading(()), entries).senses if entries else ()


def senses_with_counterpart_first(senses: Sequence[str], counterpart: Counterpart | None) -> tuple[str, ...]:
    if counterpart is None:
        return tuple(senses)
    ordered = list(senses)
    ordered.insert(0, ordered.pop(counterpart.sense))
    return tuple(ordered)
