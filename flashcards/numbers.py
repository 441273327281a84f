"""Numbers written either way: 32, 三十二 and thirty-two are all "32".

The aligner counts a number both sides share as strong evidence that two sentences
translate each other; translators write numbers in digits, in Chinese numerals or in English
words as their style guide says, so all three are read into one form.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_CHINESE_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_CHINESE_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_UNIT = {"十": 10, "百": 100, "千": 1000}
_CHINESE_BIG = {"万": 10_000, "亿": 100_000_000}
_ENGLISH_SMALL = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_ENGLISH_TENS = {word: 10 * value for value, word in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if word != "_"}
_ENGLISH_NUMBER = re.compile(
    r"\b(?:(?:%s)(?:-(?:%s))?|(?:%s))(?:\s+(?:hundred|thousand|million))?\b"
    % ("|".join(_ENGLISH_TENS), "|".join(list(_ENGLISH_SMALL)[1:10]), "|".join(_ENGLISH_SMALL)),
    re.IGNORECASE,
)


def chinese_value(run: str) -> int | None:
    """三十二 → 32, 两千 → 2000, 一九八七 → 1987 (digit by digit), 十一 → 11."""
    if all(char in _CHINESE_DIGIT for char in run):
        return int("".join(str(_CHINESE_DIGIT[char]) for char in run))
    total = section = digit = 0
    for char in run:
        if char in _CHINESE_DIGIT:
            digit = _CHINESE_DIGIT[char]
        elif char in _CHINESE_UNIT:
            section += (digit or 1) * _CHINESE_UNIT[char]
            digit = 0
        elif char in _CHINESE_BIG:
            total += (section + digit) * _CHINESE_BIG[char]
            section = digit = 0
    return total + section + digit


def in_chinese(text: str) -> set[str]:
    """Numbers in Chinese text, digits or numerals; a lone 一 or 两 ("a", "a couple") is no number."""
    found = {number.replace(",", "") for number in _DIGITS.findall(text)}
    for run in _CHINESE_RUN.findall(text):
        if run in ("一", "两", "二"):
            continue
        value = chinese_value(run)
        if value is not None:
            found.add(str(value))
    return found


def english_value(phrase: str) -> int:
    """thirty-two → 32, two hundred → 200, twelve → 12."""
    words = phrase.lower().replace("-", " ").split()
    value = 0
    for word in words:
        if word in _ENGLISH_SMALL:
            value += _ENGLISH_SMALL[word]
        elif word in _ENGLISH_TENS:
            value += _ENGLISH_TENS[word]
        elif word == "hundred":
            value = (value or 1) * 100
        elif word == "thousand":
            value = (value or 1) * 1000
        elif word == "million":
            value = (value or 1) * 1_000_000
    return value


def in_english(text: str) -> set[str]:
    """Numbers in English text, digits or words; "one" (a pronoun as often as a number) is left out."""
    found = {number.replace(",", "") for number in _DIGITS.findall(text)}
    for match in _ENGLISH_NUMBER.finditer(text):
        if match.group(0).lower() in ("one", "zero"):
            continue
        found.add(str(english_value(match.group(0))))
    return found
