"""One place for the options and their defaults."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LEVEL = 2


@dataclass(frozen=True)
class Options:
    """What the user can choose when building a lesson.

    :param max_words: keep only the N hardest vocabulary items (None keeps all).
    :param sandhi: sentence pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo); words on their
        own always keep the dictionary's citation tones.
    :param level: the HSK 3.0 levels the learner knows (1 to ``level``): their words, and
        function words, are left out; 0 keeps every word.
    :param names: offer people's names as words (their meaning: the English name).
    :param known_words: words the learner knows, given as they are.
    :param known_files: lists, CSV, Pleco exports or Anki decks of words the learner knows.
    :param use_known_store: leave out the words of the store of known words too.
    :param new_only: leave out words earlier builds (or earlier articles of a batch) taught.
    """

    max_words: int | None = None
    sandhi: bool = False
    level: int = DEFAULT_LEVEL
    names: bool = False
    known_words: frozenset[str] = frozenset()
    known_files: tuple[str, ...] = ()
    use_known_store: bool = True
    new_only: bool = False
