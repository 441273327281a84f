"""One place for the options and their defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """What the user can choose when building a lesson.

    :param max_words: keep only the N hardest vocabulary items (None keeps all).
    :param sandhi: sentence pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo); words on their
        own always keep the dictionary's citation tones.
    """

    max_words: int | None = None
    sandhi: bool = False
