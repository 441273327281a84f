"""Split paragraphs into sentences.

English uses pysbd, which knows abbreviations (Dr., U.S., p.m.), decimals ($3.50) and
quotations. Chinese ends a sentence at 。！？!?；… and keeps a closing quote or bracket on the
sentence it closes. A line break inside a paragraph (a list item) always ends a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ZH_SENTENCE = re.compile(r".+?(?:(?:[。！？!?；]|…+|\.{3,})+[”’」』）)】》〉]*|$)", re.DOTALL)
LONGEST_SENTENCE = 300  # characters; a longer run without an end mark is cut at commas


@lru_cache(maxsize=1)
def _english_segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


# What makes a full stop ambiguous: an abbreviation or initial (Dr., U.S., p.m., e.g.), a
# number (3.50, 1.), an ellipsis, quotation marks or brackets around sentences, a lower-case
# word after a stop. A line with none of these is split at its stops directly; pysbd, which
# knows the hard cases, takes every other line (it costs about half a millisecond a sentence).
_AMBIGUOUS = re.compile(r"""\b[A-Za-z]{1,4}\.|\d\.|\.\.|…|["“”‘’'()\[\]]|[.!?]\s+[^A-Z\s]|[.!?][^\s.!?]""")
_PLAIN_STOP = re.compile(r"(?<=[.!?])\s+")


def split_english(paragraph: str) -> list[str]:
    """English sentences of a paragraph, stripped, in order."""
    sentences: list[str] = []
    for line in paragraph.split("\n"):
        line = line.strip()
        if not line:
            continue
        plain = _AMBIGUOUS.search(line) is None
        for sentence in (_PLAIN_STOP.split(line) if plain else _english_segmenter().segment(line)):
            sentence = sentence.strip()
            if sentence:
                sentences.extend(_cut_long(sentence, " "))
    return sentences


def split_chinese(paragraph: str) -> list[str]:
    """Chinese sentences of a paragraph; every character of the paragraph lands in one of them."""
    sentences: list[str] = []
    for line in paragraph.split("\n"):
        for match in _ZH_SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if sentence:
                sentences.extend(_cut_long(sentence, ""))
    return sentences


def _cut_long(sentence: str, space: str) -> list[str]:
    """Cut a sentence longer than LONGEST_SENTENCE at commas, or failing that, by length.

    A paragraph of 100,000 characters without punctuation must still become cards in seconds.
    """
    if len(sentence) <= LONGEST_SENTENCE:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for part in re.split(r"(?<=[，,、：:;])", sentence):
        while len(part) > LONGEST_SENTENCE:
            if current:
                pieces.append(current)
                current = ""
            cut = part.rfind(space, 0, LONGEST_SENTENCE) if space else -1
            cut = cut if cut > 0 else LONGEST_SENTENCE
            pieces.append(part[:cut])
            part = part[cut:]
        if current and len(current) + len(part) > LONGEST_SENTENCE:
            pieces.append(current)
            current = ""
        current += part
    if current:
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]
