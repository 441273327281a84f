"""Choose the vocabulary: content words, each once, with its first sentence, ranked by difficulty.

Function words (our own list plus jieba's particle, numeral and punctuation tags), numbers,
Latin words and names CC-CEDICT does not know are left out. Difficulty is word frequency on
wordfreq's Zipf scale (7 is 的, 1 is very rare); ``max_words`` keeps the N rarest. The chosen
items keep the order in which the article first uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TypeVar

from .meanings import Counterpart, counterpart_for, gloss_for, senses_with_counterpart_first
from .models import AnnotatedSentence, Token, VocabularyItem
from .readings import is_all_chinese
from . import script, workers
from .segment import NAME_TAGS, NUMERAL_CHARS, is_name

EXCLUDED_TAGS = ("u", "x", "m", "w", "e", "y", "o", "eng")
_ORDINAL = re.compile(f"^第?[{''.join(sorted(NUMERAL_CHARS))}]+$")
T = TypeVar("T")
BANDS = ((5.0, "common"), (4.0, "intermediate"), (3.0, "advanced"), (float("-inf"), "rare"))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    text = resources.files("flashcards").joinpath("data/chinese_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def zipf(word: str) -> float:
    """How common a word is on wordfreq's Zipf scale (7: 的; 3: a word met once a million words).

    Looked up in wordfreq's Chinese list directly: its ``zipf_frequency`` would first cut the
    word with a jieba of its own, which costs a quarter of a second to load. A word the list
    lacks counts as its dictionary parts together, as wordfreq combines tokens (the inverse
    frequencies add up, and each extra part makes the whole ten times rarer).
    """
    import math

    from .frequencies import frequency as listed

    frequency = listed(word, "zh")
    if frequency is None:
        from . import dictionary as cedict
        from .segment import split_known

        parts = split_known(word, cedict.load()) if len(word) > 1 else [word]
        inverse = sum(1 / found if (found := listed(part, "zh")) else math.inf for part in parts)
        frequency = 0.0 if inverse == math.inf else 1 / inverse / 10 ** (len(parts) - 1)
    return round(math.log10(frequency * 1e9), 2) if frequency > 0 else 0.0


def band_of(frequency: float) -> str:
    return next(name for floor, name in BANDS if frequency >= floor)


def is_candidate(token: Token) -> bool:
    """A word worth a card: Chinese, not a function word or a number.

    A word CC-CEDICT lacks (a name, a new compound) is a candidate too; it becomes an item
    only if the article's English gives it a meaning (see :func:`make_item`).
    """
    if token.reading is None or not is_all_chinese(token.text):
        return False
    if not token.entries and len(token.text) < 2:
        return False
    if token.text in function_words() or _ORDINAL.match(token.text):
        return False
    if token.pos.startswith(EXCLUDED_TAGS) and token.pos not in NAME_TAGS:
        return False
    if len(token.text) == 1 and token.pos in ("r", "p", "c", "q", "d", "f"):
        return False
    return True


ITEMS_PER_JOB = 400


def select(sentences: Sequence[AnnotatedSentence], max_words: int | None = None,
           pool: workers.Workers | None = None) -> list[VocabularyItem]:
    """Vocabulary items in order of first use, keeping the ``max_words`` hardest.

    :param pool: the processes to make the items on, a few hundred to a job (default: here).
    """
    first_uses: list[tuple[int, int]] = []  # (sentence, token) positions
    seen: set[tuple[str, str]] = set()
    met: set[int] = set()  # token objects met before: equal tokens are mostly one object
    for sentence_number, sentence in enumerate(sentences):
        for token_number, token in enumerate(sentence.tokens):
            if id(token) in met:
                continue
            met.add(id(token))
            if is_candidate(token):
                key = (token.text, token.reading.numbered.lower())
                if key not in seen:
                    seen.add(key)
                    first_uses.append((sentence_number, token_number))
    jobs = [(first_uses[start:start + ITEMS_PER_JOB],) for start in range(0, len(first_uses), ITEMS_PER_JOB)]
    made = workers.map_sharing(pool, _make_items, sentences, jobs)
    return hardest([item for part in made for item in part if item is not None], max_words)


def hardest(items: list[T], max_words: int | None) -> list[T]:
    """The ``max_words`` items of lowest Zipf frequency (all with None), in their own order."""
    if max_words is None or len(items) <= max_words:
        return items
    keep = {id(item) for item in sorted(items, key=lambda item: item.zipf)[:max_words]}
    return [item for item in items if id(item) in keep]



def _make_items(sentences: workers.Shared[Sequence[AnnotatedSentence]] | Sequence[AnnotatedSentence],
                first_uses: list[tuple[int, int]]) -> list[VocabularyItem | None]:
    """The items of words at (sentence, token) positions (in a worker, or here)."""
    from . import dictionary as cedict

    dictionary = cedict.load()
    sentences = workers.shared_value(sentences)
    return [make_item(sentences[s].tokens[t], sentences[s], dictionary) for s, t in first_uses]


def make_item(token: Token, sentence: AnnotatedSentence, dictionary=None) -> VocabularyItem | None:
    """The vocabulary item for a token in its sentence (None for an unknown word without meaning).

    A word CC-CEDICT lacks takes its meaning from the article's English: the English words
    its parts translate (共享单车 → "bike-sharing"), or for a name, the one English name of
    the sentence (吴恩达 → "Andrew Ng"). Its definition says so.
    """
    if dictionary is None:
        from . import dictionary as cedict

        dictionary = cedict.load()
    english = sentence.pair.en_text
    frequency = zipf(token.text)
    if token.entries:
        gloss = gloss_for(token.reading, token.entries)
        counterpart = counterpart_for(token.text, gloss.senses, english, dictionary)
        definitions = senses_with_counterpart_first(gloss.senses, counterpart)
        classifiers = gloss.classifiers_for(definitions)
        from_article = False
    else:
        counterpart = name_counterpart(token, sentence) if is_name(token.text, token.pos) else \
            counterpart_for(token.text, (), english, dictionary)
        if counterpart is None:
            return None
        definitions = (f"{counterpart.text} (from the article's English; not in CC-CEDICT)",)
        classifiers = ()
        from_article = True
    traditional = script.traditional_in(token.text, sentence.pair.zh_text)
    return VocabularyItem(
        word=token.text,
        traditional=traditional,
        reading=token.reading,
        definitions=definitions,
        classifiers=classifiers,
        pos=token.pos,
        english=counterpart.text if counterpart else None,
        english_span=(counterpart.start, counterpart.end) if counterpart else None,
        sentence=sentence.pair.id,
        zipf=frequency,
        band=band_of(frequency),
        proper=token.reading.syllables[0][:1].isupper(),
        meaning_from_article=from_article,
    )


_ENGLISH_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|de|van|von|al))*")


def name_counterpart(token: Token, sentence: AnnotatedSentence) -> Counterpart | None:
    """The English name a Chinese name stands for, when the pairing is certain.

    Only when the Chinese sentence has exactly one name the dictionary lacks and the English
    has exactly one name (capitalised words not opening the sentence): 吴恩达 ↔ Andrew Ng.
    """
    unknown_names = {t.text for t in sentence.tokens
                     if t.reading is not None and not t.entries and is_name(t.text, t.pos)}
    english = sentence.pair.en_text
    names = [m for m in _ENGLISH_NAME.finditer(english) if m.start() > 0]
    if unknown_names != {token.text} or len({m.group(0) for m in names}) != 1:
        return None
    match = names[0]
    return Counterpart(match.group(0), match.start(), match.end(), 0)
