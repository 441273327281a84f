"""HTML for card fields. Everything that comes from the article is escaped here, once."""

from __future__ import annotations

import html
import re

from ..models import Reading
from ..pinyin import marked_parts

_COLONS = re.compile(r":{2,}")


def escape(text: str) -> str:
    """HTML-escaped text that Anki also shows as it is: a ``[`` as an entity, so that the
    article's ``[sound:x.mp3]`` is not a sound tag that plays (and vanishes from the card)."""
    return html.escape(text).replace("[", "&#91;")


def deck_part(name: str) -> str:
    """A title as one deck name: a run of colons ("::", ":::") would nest decks in Anki."""
    return _COLONS.sub(":", name).strip()


def coloured_pinyin(reading: Reading) -> str:
    """``<span class="tone2">yín</span><span class="tone2">háng</span>``."""
    return "".join(f'{escape(separator)}<span class="tone{tone or 5}">{escape(marked)}</span>'
                   for separator, marked, tone in marked_parts(reading.syllables))


def coloured_hanzi(word: str, reading: Reading) -> str:
    """Each character in its tone's colour (a character without a syllable stays plain)."""
    tones = [tone for _separator, _marked, tone in marked_parts(reading.syllables)]
    escaped = escape(word)
    if len(tones) != len(word):
        return escaped
    chars = word if escaped == word else [escape(char) for char in word]  # Chinese needs no escaping
    return "".join(f'<span class="tone{tone or 5}">{char}</span>' for char, tone in zip(chars, tones))


def highlighted(text: str, span: tuple[int, int] | None) -> str:
    """Escape ``text`` and mark ``text[start:end]`` with ``<span class="hl">``."""
    if not span:
        return escape(text)
    start, end = span
    return f'{escape(text[:start])}<span class="hl">{escape(text[start:end])}</span>{escape(text[end:])}'


def highlighted_word(sentence: str, word: str) -> str:
    """The sentence with the first use of ``word`` highlighted."""
    start = sentence.find(word)
    return highlighted(sentence, (start, start + len(word)) if start >= 0 else None)
