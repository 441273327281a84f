"""Give each segmented word its reading and dictionary entries.

A dictionary word takes CC-CEDICT's reading, so neutral tones are the dictionary's (朋友
péngyou, 知识 zhīshi). When the dictionary has several readings for a word (行 háng/xíng,
长 cháng/zhǎng), pypinyin — given the whole sentence already segmented, so that context
decides — picks among them. Words the dictionary lacks take pypinyin's reading; names are
capitalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .models import DictionaryEntry, Reading, Token
from .pinyin import normalise_syllable
from .segment import is_name, surnames
from .text import CJK_CHAR

PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})


def is_all_chinese(word: str) -> bool:
    return bool(word) and all(CJK_CHAR.fullmatch(char) for char in word)


@lru_cache(maxsize=1)
def _pypinyin():
    from pypinyin import Style, pinyin

    def guess(words: Sequence[str]) -> list[str]:
        return [options[0] for options in pinyin(list(words), style=Style.TONE3, neutral_tone_with_five=True,
                                                 errors=lambda chars: [["?"] for _ in chars])]

    return guess


def annotate(words: Sequence[tuple[str, str]], dictionary) -> list[Token]:
    """Tokens with readings for a sentence segmented into (word, part of speech) pairs."""
    chinese = [word for word, _tag in words if is_all_chinese(word)]
    guesses = iter(_pypinyin()(chinese)) if chinese else iter(())
    tokens: list[Token] = []
    for word, tag in words:
        if not is_all_chinese(word):
            tokens.append(Token(word, tag))
            continue
        guess = tuple(normalise_syllable(next(guesses)) for _ in word)
        entries = dictionary.lookup(word)
        tokens.append(Token(word, tag, choose_reading(word, tag, guess, entries), entries))
    return tokens


def choose_reading(word: str, tag: str, guess: tuple[str, ...], entries: Sequence[DictionaryEntry]) -> Reading:
    """The dictionary reading closest to pypinyin's guess in context, else the guess itself."""
    name = is_name(word, tag)
    best: tuple[float, tuple[str, ...]] | None = None
    for order, entry in enumerate(entries):
        syllables = tuple(normalise_syllable(s) for s in entry.pinyin.split())
        if len(syllables) != len(word):
            continue
        score = sum(_syllable_agreement(mine, theirs) for mine, theirs in zip(syllables, guess))
        if _is_secondary(entry):
            score -= 0.5
        if syllables[0][:1].isupper() != name:
            score -= 0.25
        score -= order * 0.001
        if best is None or score > best[0]:
            best = (score, syllables)
    if best is not None and best[0] > 0:
        return Reading(best[1])
    if name:
        return Reading(capitalise_name(word, guess, person=tag in PERSON_TAGS))
    return Reading(guess)


def _syllable_agreement(dictionary: str, guess: str) -> float:
    letters_d, tone_d = dictionary[:-1].lower(), dictionary[-1]
    letters_g, tone_g = guess[:-1].lower(), guess[-1]
    if letters_d != letters_g:
        return 0.0
    if tone_d == tone_g:
        return 2.0
    if tone_d == "5" or tone_g == "5":
        return 1.8  # the dictionary's neutral tone against pypinyin's citation tone
    return 1.0


def _is_secondary(entry: DictionaryEntry) -> bool:
    """Entries that are only a variant spelling, an old form, or a surname."""
    return all(sense.startswith(("variant of", "old variant of", "surname ", "Japanese variant",
                                 "archaic variant", "used in ", "see ", "erhua variant"))
               for sense in entry.senses)


def capitalise_name(word: str, syllables: tuple[str, ...], person: bool) -> tuple[str, ...]:
    """Capitalise a name: a person's surname and given name each (Wú Ēndá), a place as one word."""
    if not syllables:
        return syllables
    parts = list(syllables)
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    if person and 2 <= len(word) <= 4:
        given = 2 if len(word) > 2 and word[:2] in surnames() else 1
        parts[given] = parts[given][:1].upper() + parts[given][1:]
    return tuple(parts)
