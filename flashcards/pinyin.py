"""Pinyin spelling: numbered syllables to tone marks, apostrophes, tone classes.

Syllables are kept in the numbered form CC-CEDICT uses ("zhi1", "shi5", "nu:3" or "nv3",
"r5" for erhua); tone 5 is the neutral tone. Formatting follows the usual rules: the mark
goes on a or e, on the o of "ou", otherwise on the last vowel; an apostrophe separates a
syllable starting with a, o or e from the one before it (Xī'ān); erhua "r" joins its syllable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_MARKS = {
    "a": "āáǎàa", "e": "ēéěèe", "i": "īíǐìi", "o": "ōóǒòo", "u": "ūúǔùu", "ü": "ǖǘǚǜü",
    "A": "ĀÁǍÀA", "E": "ĒÉĚÈE", "I": "ĪÍǏÌI", "O": "ŌÓǑÒO", "U": "ŪÚǓÙU", "Ü": "ǕǗǙǛÜ",
}
_SYLLABLE = re.compile(r"^([A-Za-zÜü:]+?)([1-5])?$")
_UNMARK = {marked: (plain, tone + 1) for plain, row in _MARKS.items() for tone, marked in enumerate(row[:4])}


@lru_cache(maxsize=20_000)
def normalise_syllable(syllable: str) -> str:
    """``nu:3``/``nv3``/``NV3`` → ``nü3``; a syllable without a number is neutral (tone 5)."""
    syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
    syllable = re.sub(r"(?<=[nlNL])v", "ü", syllable)
    syllable = re.sub(r"(?<=[nlNL])V", "Ü", syllable)
    if syllable and syllable[-1].isalpha() and syllable.isalpha():
        syllable += "5"
    return syllable


def tone_of(syllable: str) -> int:
    """The tone number of a numbered syllable (5 for neutral, 0 for something that is not pinyin)."""
    match = _SYLLABLE.match(syllable)
    if not match:
        return 0
    return int(match.group(2) or 5)


@lru_cache(maxsize=20_000)
def mark_syllable(syllable: str) -> str:
    """``hang2`` → ``háng``; ``r5`` → ``r``; leaves non-pinyin (``AI``) unchanged."""
    syllable = normalise_syllable(syllable)
    match = _SYLLABLE.match(syllable)
    if not match or not match.group(2):
        return syllable
    letters, tone = match.group(1), int(match.group(2))
    if tone == 5:
        return letters
    lower = letters.lower()
    if "a" in lower:
        index = lower.index("a")
    elif "e" in lower:
        index = lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        vowels = [i for i, char in enumerate(lower) if char in "aeiouü"]
        if not vowels:
            return letters  # "m", "ng", "hm": no vowel to carry the mark
        index = vowels[-1]
    char = letters[index]
    return letters[:index] + _MARKS[char][tone - 1] + letters[index + 1:]


def marked_parts(syllables: Sequence[str]) -> tuple[tuple[str, str, int], ...]:
    """(separator, syllable in tone marks, tone) for each syllable of a word.

    The separator is "" between syllables that run together, "'" where they would be misread
    (Xī'ān), and " " before a capitalised syllable inside a word, which starts a new part of a
    name as CC-CEDICT writes them (``Wu2 En1 da2`` → Wú Ēndá).
    """
    return _marked_parts(tuple(syllables))


_NAME_DOTS = frozenset("·•・‧")  # as in segment.NAME_DOTS: 乔纳森·王 Qiáonàsēn·Wáng


def _worked_out_parts(syllables: Sequence[str]) -> tuple[tuple[str, str, int], ...]:
    parts: list[tuple[str, str, int]] = []
    for syllable in syllables:
        syllable = normalise_syllable(syllable)
        marked = mark_syllable(syllable)
        separator = ""
        if parts and marked[:1].isupper() and parts[-1][1] not in _NAME_DOTS:
            separator = " "
        elif parts and marked[:1].lower() in "aeoāáǎàēéěèōóǒò" and parts[-1][1][-1:].isalpha():
            separator = "'"
        parts.append((separator, marked, tone_of(syllable)))
    return tuple(parts)


# The notes ask for a word's parts over and over; reading a text asks for the word whole
# (:func:`marked_word`, cached itself), so it works the parts out without keeping them.
_marked_parts = lru_cache(maxsize=16_384)(_worked_out_parts)


def marked_word(syllables: Sequence[str]) -> str:
    """A word's pinyin in tone marks, syllables run together: ``("Xi1", "an1")`` → ``Xī'ān``."""
    return _marked_word(tuple(syllables))


@lru_cache(maxsize=16_384)
def _marked_word(syllables: tuple[str, ...]) -> str:
    return "".join(separator + marked for separator, marked, _tone in _worked_out_parts(syllables))


def numbered_text(syllables: Iterable[str]) -> str:
    """Space-separated numbered syllables, neutral tone as 5: ``zhi1 shi5``."""
    return " ".join(normalise_syllable(syllable) for syllable in syllables)


def unmark(marked: str) -> str:
    """``háng`` → ``hang2`` (one syllable)."""
    tone = 5
    plain = ""
    for char in marked:
        if char in _UNMARK:
            letter, tone = _UNMARK[char]
            plain += letter
        else:
            plain += char
    return plain + str(tone)


def sentence_pinyin(tokens, sandhi: bool = False) -> str:
    """A sentence's pinyin: words separated by spaces, punctuation attached, in tone marks.

    With ``sandhi``, tones as spoken (see :func:`spoken`), else as the dictionary cites them.
    """
    readings = spoken(tokens) if sandhi else [t.reading.syllables if t.reading else None for t in tokens]
    parts: list[str] = []
    opening = ""
    for token, syllables in zip(tokens, readings):
        text = token.text.strip()
        if syllables is not None:
            parts.append(opening + marked_word(syllables))
            opening = ""
        elif text and not any(char.isalnum() for char in text):
            punctuation = _ascii_punctuation(text)
            if text[-1] in _OPENING or not parts:
                opening += punctuation
            else:
                parts[-1] += punctuation
        elif text:
            parts.append(opening + text)
            opening = ""
    if opening:
        parts.append(opening)
    return " ".join(parts)


_OPENING = set("“‘（(《「『[【〈")


def spoken(tokens) -> list[tuple[str, ...] | None]:
    """Each token's syllables with the tone changes of speech (None for tokens without a reading).

    - 一 is yí before a fourth (or neutral) tone, yì before the others, and keeps yī as a
      number (第一, 十一, at the end of a phrase);
    - 不 is bú before a fourth tone;
    - a run of third tones within a phrase (words not broken by punctuation) says all but the
      last as second tones: 你好 níhǎo, 我很好 wó hén hǎo. Speakers group longer runs by
      meaning; this simple rule is the one textbooks teach first.
    """
    syllables = [list(t.reading.syllables) if t.reading else None for t in tokens]
    flat = [(i, k) for i, group in enumerate(syllables) if group for k in range(len(group))]
    chars = [tokens[i].text[k] if len(tokens[i].text) == len(syllables[i]) else "" for i, k in flat]

    def tone(n: int) -> int:
        i, k = flat[n]
        return tone_of(syllables[i][k])

    def adjacent(n: int) -> bool:  # the next syllable follows with no punctuation between
        return n + 1 < len(flat) and (flat[n + 1][0] == flat[n][0] or flat[n + 1][0] == flat[n][0] + 1)

    for n, (i, k) in enumerate(flat):
        char = chars[n]
        following = tone(n + 1) if adjacent(n) else 0
        if char == "一" and syllables[i][k].lower() == "yi1":
            as_number = (n > 0 and chars[n - 1] in "第初十零〇两二三四五六七八九") or \
                        (adjacent(n) and chars[n + 1] in "十百千万亿零〇一二三四五六七八九") or not adjacent(n)
            if not as_number:
                syllables[i][k] = "yi2" if following in (4, 5) else "yi4"
        elif char == "不" and syllables[i][k].lower() == "bu4" and following == 4:
            syllables[i][k] = "bu2"
    n = 0
    while n < len(flat):
        end = n
        while tone(end) == 3 and adjacent(end) and tone(end + 1) == 3:
            end += 1
        for m in range(n, end):
            i, k = flat[m]
            syllables[i][k] = syllables[i][k][:-1] + "2"
        n = end + 1
    return [tuple(group) if group is not None else None for group in syllables]


_PUNCTUATION = str.maketrans({
    "，": ",", "。": ".", "！": "!", "？": "?", "；": ";", "：": ":", "、": ",",
    "“": "\"", "”": "\"", "‘": "'", "’": "'", "（": "(", "）": ")", "《": "«", "》": "»",
    "「": "\"", "」": "\"", "『": "'", "』": "'", "—": "-", "…": "...",
})


def _ascii_punctuation(text: str) -> str:
    return text.translate(_PUNCTUATION)
