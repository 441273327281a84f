"""British spellings made American: CC-CEDICT and CMUdict spell as Americans do."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=100_000)
def american_spelling(word: str) -> str:
    """neighbourhood → neighborhood, organise → organize, centre → center: CC-CEDICT is American.

    From breame's table of British and American spellings (Apache-2.0), so that words that
    only look British stay as they are (your, hour, called); without breame, the word as it is.
    """
    try:
        from breame.spelling import get_american_spelling
    except ImportError:
        return word
    found = get_american_spelling(word)
    return found.lower() if word.islower() else found
