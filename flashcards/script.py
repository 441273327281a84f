"""Simplified and traditional characters, with OpenCC's phrase-level conversion.

OpenCC converts by phrases before characters (头发 → 頭髮 but 发展 → 發展, 尽全力 → 盡全力
but 尽管 → 儘管) and only ever gives today's standard forms, where CC-CEDICT's first entry
for a character may be an old variant (拿 → 㧱, 深 → 㴱, 创 → 剏).
"""

from __future__ import annotations

from functools import lru_cache

# The variants of traditional we write: OpenCC's configurations that change characters only.
# Taiwan's forms by default: they are CC-CEDICT's, and what most readers of traditional read
# (為, 眾, 著, where OpenCC's own standard s2t writes 爲, 衆, 着, found in neither Taiwan nor
# Hong Kong). s2twp would change the word itself (出租车 → 計程車), no longer the card's pinyin.
VARIANTS = {"tw": "s2tw", "hk": "s2hk"}
DEFAULT_VARIANT = "tw"


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def converter(variant: str = DEFAULT_VARIANT):
    """OpenCC's converter to the traditional forms of ``variant``, loaded once a process."""
    return _converter(VARIANTS[variant])


def to_traditional(text: str, variant: str = DEFAULT_VARIANT) -> str:
    """``text`` in traditional characters, in Taiwan's (``"tw"``) or Hong Kong's (``"hk"``) forms."""
    return converter(variant).convert(text) if text else text


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC's t2s)."""
    return _converter("t2s").convert(text) if text else text


def traditional_in(word: str, sentence: str, variant: str = DEFAULT_VARIANT) -> str:
    """The traditional form of ``word`` as it stands in ``sentence`` (its first occurrence).

    The sentence is converted whole, so that a one-character word takes the form its
    neighbours call for; when the conversion changes the sentence's length (it never should,
    from simplified), or the word is not in it, the word is converted on its own.
    """
    at = sentence.find(word) if word else -1
    if at >= 0:
        converted = _sentence_traditional(sentence, variant)
        if len(converted) == len(sentence):
            return converted[at:at + len(word)]
    return to_traditional(word, variant)


@lru_cache(maxsize=1024)  # a sentence's words are made one after another
def _sentence_traditional(sentence: str, variant: str) -> str:
    return to_traditional(sentence, variant)
