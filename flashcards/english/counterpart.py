"""The translator's Chinese for an English word: the aligned sentence's word whose gloss names it."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .. import english
from ..models import AnnotatedSentence, Token
from .lexicon import ABBREVIATION_SENSE, gloss_parts, _LEADING, MIN_SPECIFICITY, normalise_gloss, _PARENTHESES
from .offered import _PARTICLES, _sentence_words

# --------------------------------------------------------------------------------------------
# The Chinese counterpart: the aligned sentence's word whose gloss names the English word
# --------------------------------------------------------------------------------------------

class _Sense(NamedTuple):  # a tuple: a book's sentences make millions of them
    """One gloss of one Chinese word of the aligned sentence ("to give up" of 放弃).

    ``number`` is the dictionary sense it belongs to; ``key`` the gloss as the gloss index
    writes it; ``lemmas`` its content lemmas as :func:`english.gloss_lemmas` gives them;
    ``size`` how many words it has ("to leave for" has two, like "tea leaves").
    """

    token: int
    start: int
    end: int
    number: int
    key: str | None
    lemmas: tuple[str, ...]
    size: int


# A sense that matched, the English lemma it matched, whether the gloss is exactly that, specificity.
_Candidate = tuple[_Sense, str | None, bool, float]


@dataclass(frozen=True)
class _Match:
    """The Chinese word found, where it is, the English lemma it confirmed, and its jieba tag."""

    chinese: str
    span: tuple[int, int]
    lemma: str | None
    tag: str
    sense: int  # the number of the dictionary sense that matched; an abbreviation's is ABBREVIATION_SENSE
    exact: bool = False  # a gloss that is the English word itself (声 "sound")


# by (word, reading, entries): hashing a Token would hash all its entries, and the tokens a
# worker receives are new objects in every job. A word's entries are the dictionary's for it.
# The words used last are kept (about a kilobyte each: a book of new words would otherwise keep
# tens of megabytes of them in every process).
_SENSES: OrderedDict[tuple, tuple] = OrderedDict()
SENSES_KEPT = 16_384
_Glosses = tuple[tuple[int, str | None, tuple[str, ...], int], ...]


def _token_senses(token: Token) -> tuple[_Glosses, frozenset[str]]:
    """(sense number, normalised gloss, content lemmas, words) for each gloss of the token's
    reading; and every gloss and lemma among them."""
    key = (token.text, token.reading, len(token.entries))
    found = _SENSES.get(key)
    if found is not None:
        _SENSES.move_to_end(key)
        return found
    senses = _senses_of(token)
    found = _SENSES[key] = (senses, frozenset({key for _, key, _, _ in senses}).union(
        *(lemmas for _, _, lemmas, _ in senses)))
    if len(_SENSES) > SENSES_KEPT:
        _SENSES.popitem(last=False)
    return found


def forget_senses() -> None:
    """Drop what only choosing the English words needed (the Chinese words' glosses, the
    sentences' words): the Chinese vocabulary's caches reuse the memory."""
    _SENSES.clear()
    normalise_gloss.cache_clear()
    _sentence_words.cache_clear()


def _senses_of(token: Token) -> _Glosses:
    from ..meanings import gloss_for

    if token.reading is None or not token.entries:
        return ()
    out = []
    for number, sense in enumerate(gloss_for(token.reading, token.entries).senses):
        parts = gloss_parts(sense)
        if not parts:  # an abbreviation's senses count as late ones
            parts, number = _abbreviated(sense), max(number, ABBREVIATION_SENSE)
        for part in parts:
            normalised = normalise_gloss(part)
            words = _LEADING.sub("", _PARENTHESES.sub(" ", part).strip().lower()).split()
            # the lemmas as gloss_lemmas caches them: one tuple for every word with this gloss
            out.append((number, normalised[0] if normalised else None, english.gloss_lemmas(part),
                        max(len(words), 1)))
    return tuple(out)


_ABBREVIATION = re.compile(r"^abbr\. for (?:[^|\s\[]+\|)?([^\s\[|]+)")


def _abbreviated(sense: str) -> tuple[str, ...]:
    """The glosses of the word an abbreviation stands for: 开源 "abbr. for 开放源码" is "open source"."""
    from ..dictionary import load

    match = _ABBREVIATION.match(sense)
    if not match:
        return ()
    return tuple(part for entry in load().lookup(match.group(1)) for full in entry.senses for part in gloss_parts(full))


class ChineseSide:
    """The Chinese of one sentence pair, searched for the word that translates an English one.

    This is :func:`flashcards.meanings.find_counterpart` the other way round: there a Chinese
    word's glosses are looked for in the English sentence, here an English lemma is looked for
    in the glosses of the Chinese sentence's words.
    """

    def __init__(self, sentence: AnnotatedSentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.length = max(len(sentence.pair.zh_text), 1)
        self.claimed: set[tuple[int, int]] = set()
        # (token index, start, end, glosses) for each Chinese word with glosses; a sense becomes
        # a _Sense only when it matches (a sentence has hundreds, an English word matches few)
        self._words: list[tuple[int, int, int, _Glosses]] = []
        named: list[frozenset[str]] = []
        offset = 0
        for index, token in enumerate(self.tokens):
            start, offset = offset, offset + len(token.text)
            if token.is_chinese:
                senses, names = _token_senses(token)
                if senses:
                    self._words.append((index, start, offset, senses))
                    named.append(names)
        self._named = set().union(*named)  # every gloss and gloss lemma of the sentence's words

    def for_word(self, lemmas: Sequence[str], position: float) -> _Match | None:
        """The word with a gloss naming one of ``lemmas`` (livelihood → 生计).

        A gloss that is the word, or of which it is at least a third ("tea leaves" for leaf,
        "means of livelihood", not "best or strongest of its type" for good). ``position`` (0–1)
        is where the English word sits in its sentence: among equal matches the Chinese word
        nearest the same place wins.
        """
        candidates: list[_Candidate] = []
        wanted = set(lemmas)
        if wanted.isdisjoint(self._named):
            return None  # (most words: a quick answer)
        for index, start, end, senses in self._words:
            for number, key, sense_lemmas, size in senses:
                if key not in wanted and wanted.isdisjoint(sense_lemmas):
                    continue
                matched = next(lemma for lemma in lemmas if lemma == key or lemma in sense_lemmas)
                exact = key == matched
                specificity = 1.0 if exact else 1 / size
                if specificity >= MIN_SPECIFICITY:
                    candidates.append((_Sense(index, start, end, number, key, sense_lemmas, size),
                                       matched, exact, specificity))
        return self._best(candidates, position)

    def for_phrase(self, phrase: str, position: float, exact: bool = False) -> _Match | None:
        """The word glossed by the phrase itself, or by a gloss holding all its content words.

        A phrasal verb must be a gloss as it stands (放弃 "to give up"): "give" is not enough;
        so must any phrase when ``exact``.
        """
        lemmas = frozenset(english.gloss_lemmas(phrase))
        loose = bool(lemmas) and phrase.split()[-1] not in _PARTICLES and not exact
        words = len(phrase.split())
        candidates: list[_Candidate] = []
        for index, start, end, senses in self._words:
            for number, key, sense_lemmas, size in senses:
                if key is not None and key.replace("-", " ") == phrase:
                    candidates.append((_Sense(index, start, end, number, key, sense_lemmas, size), None, True, 1.0))
                elif loose and lemmas.issubset(sense_lemmas) and words / size >= MIN_SPECIFICITY:
                    candidates.append((_Sense(index, start, end, number, key, sense_lemmas, size), None, False,
                                       min(words / size, 1.0)))
        return self._best(candidates, position)

    @cached_property
    def _counterparts(self) -> list[tuple[int, int, int, int, int, int]]:
        """(English start, end, token index, Chinese start, end, sense number) of each Chinese word whose
        counterpart the Chinese deck found in the English: the same links, seen from here."""
        from ..dictionary import load
        from ..vocab import counterparts_in

        found = []
        offset = 0
        for index, (token, counterpart) in enumerate(zip(self.tokens, counterparts_in(self.sentence, load()))):
            start, offset = offset, offset + len(token.text)
            if counterpart is not None and token.is_chinese:
                found.append((counterpart.start, counterpart.end, index, start, offset, counterpart.sense))
        return found

    def linked(self) -> list[tuple[int, int, int, int, int, int]]:
        return self._counterparts

    def for_span(self, start: int, end: int, content: Sequence[tuple[int, int]]) -> _Match | None:
        """The Chinese word whose counterpart covers English ``start``…``end`` and no other of
        the sentence's ``content`` words (their spans): 焦虑 for "anxieties", 梳理 for "sorts out"."""
        for english_start, english_end, index, chinese_start, chinese_end, sense in self._counterparts:
            if english_start <= start and end <= english_end and not any(
                    english_start <= a and b <= english_end and not (start <= a and b <= end) for a, b in content):
                token = self.tokens[index]
                return _Match(token.text, (chinese_start, chinese_end), None, token.pos, sense)
        return None

    def taken_by_another(self, match: _Match, start: int, end: int) -> bool:
        """Whether the Chinese deck linked this Chinese word to other English words than these."""
        return any((chinese_start, chinese_end) == match.span and not (english_start < end and start < english_end)
                   for english_start, english_end, _index, chinese_start, chinese_end, _sense in self._counterparts)

    def claim(self, match: _Match | None) -> None:
        """Mark a Chinese word as taken by an English word of this sentence."""
        if match is not None:
            self.claimed.add(match.span)

    def _best(self, candidates: list[_Candidate], position: float) -> _Match | None:
        """The most specific sense (a gloss of the word alone), then a word no other English
        word of the sentence took ("came back" took 回来, so "back" gets 腰), then a word of
        more than one character, then an earlier sense, then the word nearest the English
        word's place."""
        def score(candidate: _Candidate) -> tuple:
            sense, _matched, exact, specificity = candidate
            return (exact, specificity, (sense.start, sense.end) not in self.claimed, sense.end - sense.start > 1,
                    -sense.number, -abs(sense.start / self.length - position))

        if not candidates:
            return None
        sense, matched, exact, _specificity = max(candidates, key=score)
        token = self.tokens[sense.token]
        return _Match(token.text, (sense.start, sense.end), matched, token.pos, sense.number, exact)


