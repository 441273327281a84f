"""Phrases: runs of words CC-CEDICT glosses as one thing, and separated phrasal verbs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .lexicon import Lexicon, MAX_PHRASE_WORDS
from .pos import _lemma_keys, _lemma_table
from .offered import _PARTICLES, _Word

# --------------------------------------------------------------------------------------------
# Phrases
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Phrase:
    """Words ``first``…``last`` of a sentence, glossed together in CC-CEDICT as ``key``."""

    first: int
    last: int
    key: str
    verb: bool


def _joined(words: Sequence[_Word], text: str) -> list[bool]:
    """For each word but the last, whether the next follows it with nothing but a space between
    them (no comma, no full stop)."""
    return [text[a.end:b.start].isspace() for a, b in pairwise(words)]


def _phrase_keys(words: Sequence[_Word], lexicon: Lexicon) -> list[str]:
    """The run as written, with its last word lemmatised (soldering irons) or its first (took turns)."""
    surface = [word.lower for word in words]
    keys = [" ".join(surface)]
    for position in (len(surface) - 1, 0):
        for lemma in _lemma_keys(surface[position], lexicon):
            variant = list(surface)
            variant[position] = lemma
            keys.append(" ".join(variant))
    return list(dict.fromkeys(keys))


def _phrase_candidates(words: Sequence[_Word], offered: Sequence[bool], joined: Sequence[bool],
                       lexicon: Lexicon) -> list[_Phrase]:
    """Runs of two to four words that CC-CEDICT glosses as one thing, longest first, overlapping.

    A noun phrase starts and ends with words we would offer ("intellectual property"); a
    phrasal verb is a verb and a particle that CC-CEDICT glosses as a verb ("give up"); an
    idiom may start with a function word ("of course", "at least"). ``joined[k]``: word k and
    word k + 1 have only a space between them.
    """
    candidates: list[_Phrase] = []
    lowers = tuple(word.lower for word in words)
    # the first word of a run: one we would offer, or the start of an idiom
    opens = [offered[k] or (not word.content and (word.text.islower() or word.initial))
             for k, word in enumerate(words)]
    for size in range(MAX_PHRASE_WORDS, 1, -1):
        for first in range(len(words) - size + 1):
            last = first + size - 1
            if not opens[first] or not (offered[first] or offered[last]) or not all(joined[first:last]):
                continue  # (an idiom's last word is one we would offer)
            if not offered[last] and lowers[last] not in _PARTICLES:
                continue  # a run ends with a word we would offer, or a particle ("give up")
            found = _phrase_in_dictionary(words[first:last + 1], offered[last], lexicon,
                                          (offered[last],) + lowers[first:last + 1])
            if found is not None:
                candidates.append(_Phrase(first, last, *found))
    return candidates


_OBJECT_PRONOUNS = frozenset("him her them it me us you".split())


def _separated_phrasal_verbs(words: Sequence[_Word], offered: Sequence[bool], joined: Sequence[bool],
                             lexicon: Lexicon) -> list[_Phrase]:
    """A verb, an object pronoun and a particle that CC-CEDICT glosses as a verb together:
    "pay him back" is "pay back", "won them over" is "win over"."""
    found = []
    for first in range(len(words) - 2):
        pronoun, particle = words[first + 1].lower, words[first + 2].lower
        if not offered[first] or pronoun not in _OBJECT_PRONOUNS or particle not in _PARTICLES:
            continue
        if not (joined[first] and joined[first + 1]):
            continue
        for lemma in _lemma_table(words[first].lower, lexicon).get("VERB", ()):
            key = f"{lemma} {particle}"
            if any(verb for _headword, _number, verb in lexicon.gloss_records(key)):
                found.append(_Phrase(first, first + 2, key, True))
                break
    return found


def _find_phrases(candidates: Sequence[_Phrase], accept: Callable[[str, int, int], bool]) -> list[_Phrase]:
    """The sentence's phrases, in order: of the :func:`_phrase_candidates`, longest first, those
    that ``accept(key, first, last)`` bears out (the translation or the dictionary), not
    overlapping one taken before."""
    phrases: list[_Phrase] = []
    taken: set[int] = set()
    for phrase in candidates:
        if taken.isdisjoint(range(phrase.first, phrase.last + 1)) and accept(phrase.key, phrase.first, phrase.last):
            phrases.append(phrase)
            taken.update(range(phrase.first, phrase.last + 1))
    return sorted(phrases, key=lambda phrase: phrase.first)


def _phrase_in_dictionary(run: Sequence[_Word], last_offered: bool, lexicon: Lexicon,
                          key: tuple) -> tuple[str, bool] | None:
    """The gloss the run is, as written or lemmatised, and whether it is a verb; None if it is
    no gloss. ``key`` (whether the last word is one we would offer, then the words lower-case)
    says what the answer depends on: the same runs recur ("in the end")."""
    try:
        return lexicon.known_runs[key]
    except KeyError:
        if len(lexicon.known_runs) >= 200_000:  # a book's worth; kept from growing without end
            lexicon.known_runs.clear()
    found = lexicon.known_runs[key] = _gloss_of_run(run, last_offered, lexicon)
    return found


def _gloss_of_run(run: Sequence[_Word], last_offered: bool, lexicon: Lexicon) -> tuple[str, bool] | None:
    for key in _phrase_keys(run, lexicon):
        records = lexicon.gloss_records(key)
        verb = any(is_verb for _headword, _number, is_verb in records)
        if records and (last_offered or (verb and "VERB" in _lemma_table(run[0].lower, lexicon))):
            return key, verb
    return None


