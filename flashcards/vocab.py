"""Choose the vocabulary: content words, each once, with its first sentence, ranked by difficulty.

Function words (our own list plus jieba's particle, numeral and punctuation tags), numbers,
Latin words and names CC-CEDICT does not know are left out. Difficulty is word frequency on
wordfreq's Zipf scale (7 is 的, 1 is very rare); ``max_words`` keeps the N rarest. The chosen
items keep the order in which the article first uses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from .meanings import counterpart_for, gloss_for, senses_with_counterpart_first
from .models import AnnotatedSentence, Token, VocabularyItem
from .readings import is_all_chinese
from .segment import NAME_TAGS, NUMERAL_CHARS

EXCLUDED_TAGS = ("u", "x", "m", "w", "e", "y", "o", "eng")
_ORDINAL = re.compile(f"^第?[{''.join(sorted(NUMERAL_CHARS))}]+$")
BANDS = ((5.0, "common"), (4.0, "intermediate"), (3.0, "advanced"), (float("-inf"), "rare"))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    text = resources.files("flashcards").joinpath("data/chinese_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "zh")


def band_of(frequency: float) -> str:
    return next(name for floor, name in BANDS if frequency >= floor)


def is_candidate(token: Token) -> bool:
    """A word worth a card: Chinese, in the dictionary, not a function word or a number."""
    if token.reading is None or not is_all_chinese(token.text) or not token.entries:
        return False
    if token.text in function_words() or _ORDINAL.match(token.text):
        return False
    if token.pos.startswith(EXCLUDED_TAGS) and token.pos not in NAME_TAGS:
        return False
    if len(token.text) == 1 and token.pos in ("r", "p", "c", "q", "d", "f"):
        return False
    return True


def select(sentences: Iterable[AnnotatedSentence], max_words: int | None = None) -> list[VocabularyItem]:
    """Vocabulary items in order of first use, keeping the ``max_words`` hardest."""
    items: list[VocabularyItem] = []
    seen: set[tuple[str, str]] = set()
    for sentence in sentences:
        for token in sentence.tokens:
            if not is_candidate(token):
                continue
            key = (token.text, token.reading.numbered.lower())
            if key in seen:
                continue
            seen.add(key)
            items.append(make_item(token, sentence))
    if max_words is not None and len(items) > max_words:
        keep = {id(item) for item in sorted(items, key=lambda item: item.zipf)[:max_words]}
        items = [item for item in items if id(item) in keep]
    return items


def make_item(token: Token, sentence: AnnotatedSentence) -> VocabularyItem:
    gloss = gloss_for(token.reading, token.entries)
    english = sentence.pair.en_text
    from . import dictionary as cedict

    counterpart = counterpart_for(token.text, gloss.senses, english, cedict.load())
    frequency = zipf(token.text)
    traditional = next((entry.traditional for entry in token.entries if entry.simplified == token.text), token.text)
    return VocabularyItem(
        word=token.text,
        traditional=traditional,
        reading=token.reading,
        definitions=senses_with_counterpart_first(gloss.senses, counterpart),
        classifiers=gloss.classifiers,
        pos=token.pos,
        english=counterpart.text if counterpart else None,
        english_span=(counterpart.start, counterpart.end) if counterpart else None,
        sentence=sentence.pair.id,
        zipf=frequency,
        band=band_of(frequency),
        proper=token.reading.syllables[0][:1].isupper(),
    )
