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

from .meanings import (SECONDARY, Counterpart, gloss_for, senses_of, senses_with_counterpart_first,
                       sentence_counterparts)
from .models import AnnotatedSentence, Reading, Token, VocabularyItem
from .names import NAMED
from .levels import hsk_level
from .readings import is_all_chinese
from . import script, workers
from .segment import NAME_DOTS, NAME_TAGS, NUMERAL_CHARS, TITLE, is_name

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
    if token.reading is None or not is_all_chinese("".join(c for c in token.text if c not in NAME_DOTS)):
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


def candidates(sentences: Sequence[AnnotatedSentence], pool: workers.Workers | None = None) -> list[VocabularyItem]:
    """Every word worth a card, each once with its first sentence, in order of first use
    (:mod:`flashcards.select` chooses among them).

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
    return [item for part in made for item in part if item is not None]


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
    items: list[VocabularyItem | None] = []
    found: tuple[int, list[Counterpart | None]] = (-1, [])  # first uses come sentence by sentence
    for s, t in first_uses:
        if found[0] != s:
            found = (s, counterparts_in(sentences[s], dictionary))
        items.append(make_item(sentences[s].tokens[t], sentences[s], dictionary, found[1][t]))
    return items


def counterparts_in(sentence: AnnotatedSentence, dictionary) -> list[Counterpart | None]:
    """Each token's counterpart in the sentence's English, every Chinese word competing for it
    (:func:`flashcards.meanings.sentence_counterparts`)."""
    words = [(token.text, senses_of(token.reading, token.entries) if token.entries else ())
             if token.reading is not None else ("", ()) for token in sentence.tokens]
    return sentence_counterparts(words, sentence.pair.en_text, dictionary)


_UNSET: object = object()


def make_item(token: Token, sentence: AnnotatedSentence, dictionary=None,
              counterpart: Counterpart | None | object = _UNSET) -> VocabularyItem | None:
    """The vocabulary item for a token in its sentence (None for an unknown word without meaning).

    A word CC-CEDICT lacks takes its meaning from the article's English: the English words
    its parts translate (共享单车 → "bike-sharing"), or for a name, the one English name of
    the sentence (吴恩达 → "Andrew Ng"). Its definition says so.
    """
    if dictionary is None:
        from . import dictionary as cedict

        dictionary = cedict.load()
    if counterpart is _UNSET:  # the token's own, among its sentence's words (none outside the sentence)
        index = next((i for i, t in enumerate(sentence.tokens) if t is token or t == token), None)
        counterpart = None if index is None else counterparts_in(sentence, dictionary)[index]
    frequency = zipf(token.text)
    if token.entries:
        gloss = gloss_for(token.reading, token.entries)
        definitions = senses_with_counterpart_first(gloss.senses, counterpart)
        classifiers = gloss.classifiers_for(definitions)
        from_article = False
    else:
        if token.pos == NAMED:
            counterpart = spelled_name(token, sentence)
        elif token.pos == TITLE:
            counterpart = title_counterpart(sentence)
        elif is_name(token.text, token.pos):
            counterpart = name_counterpart(token, sentence)
        made_of = () if is_name(token.text, token.pos) else parts_meaning(token.text, token.reading, dictionary)
        if token.pos in _PEOPLE and is_name(token.text, token.pos) and counterpart is None:
            made_of = ("a person's name in the article",)  # offered with --names only
        if counterpart is None and not made_of:
            return None
        definitions = ((f"{counterpart.text} (from the article's English; not in CC-CEDICT)",) if counterpart else ()) \
            + made_of
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
        level=None if from_article and is_name(token.text, token.pos) else hsk_level(token.text),
    )


def parts_meaning(word: str, reading: Reading, dictionary) -> tuple[str, ...]:
    """What a word CC-CEDICT lacks is made of, when each part is a dictionary word or an affix,
    each part as ``reading`` reads it (从业者: "从业 cóngyè to engage in + 者 zhě one who");
    empty otherwise."""
    from .pinyin import marked_word
    from .segment import affixed, split_known

    found = affixed(word, dictionary)
    if found is not None:
        stem, affix, meaning = found
        parts = [stem, affix] if word.startswith(stem) else [affix, stem]
    else:
        parts, meaning, affix = split_known(word, dictionary), "", ""
    if len(parts) < 2 or any(part not in dictionary for part in parts):
        return ()
    described, at = [], 0
    for part in parts:
        syllables = Reading(tuple(s.lower() for s in reading.syllables[at:at + len(part)]))
        at += len(part)
        senses = [sense for sense in gloss_for(syllables, dictionary.lookup(part)).senses
                  if not sense.startswith(SECONDARY)]
        sense = meaning if part == affix else (senses[0].split(";")[0] if senses else "")
        described.append(f"{part} {marked_word(syllables.syllables)} {sense}".strip())
    return (" + ".join(described) + " (its parts; not in CC-CEDICT)",)


def title_counterpart(sentence: AnnotatedSentence) -> Counterpart | None:
    """The English title of a work in 《》, when the English names one thing only (《终结者》
    with "more Terminator-like movies")."""
    from .names import name_runs, name_words

    from . import dictionary as cedict

    english = sentence.pair.en_text
    titles = {sentence.tokens.count(t) for t in sentence.tokens if t.pos == TITLE}
    claimed = [c for c in counterparts_in(sentence, cedict.load()) if c is not None]
    runs = [run for run in name_runs(name_words(english), english)
            if not any(c.start < run[-1][1] and run[0][0] < c.end for c in claimed)]  # Hollywood is 好莱坞's
    if len(runs) != 1 or titles != {1}:
        return None
    start, end = runs[0][0][0], runs[0][-1][1]
    return Counterpart(english[start:end], start, end, 0)


def spelled_name(token: Token, sentence: AnnotatedSentence) -> Counterpart | None:
    """The English name a name found by its pinyin stands for (海螺 → "Hailuo")."""
    from .names import name_words, spelled_alike

    english = sentence.pair.en_text
    spelled = "".join("".join(c for c in s.lower() if c.isalpha()) for s in token.reading.syllables)
    for start, end in name_words(english):
        if spelled_alike(english[start:end], spelled.replace("ü", "v")):
            return Counterpart(english[start:end], start, end, 0)
    return None


_ENGLISH_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|de|van|von|al))*")


def name_counterpart(token: Token, sentence: AnnotatedSentence) -> Counterpart | None:
    """The English name a Chinese name of a person stands for, when the pairing is certain.

    When the Chinese sentence has one name the dictionary lacks and the English one name
    (capitalised words not opening the sentence): 吴恩达 ↔ Andrew Ng. When both have as many
    full names of people, in the same order (a list of guests): the one in its place.
    """
    from .names import name_runs, name_words

    people = [t.text for t in sentence.tokens
              if t.reading is not None and not t.entries and is_name(t.text, t.pos) and t.pos in _PEOPLE]
    english = sentence.pair.en_text
    names = [m for m in _ENGLISH_NAME.finditer(english) if m.start() > 0]
    if people == [token.text] and len({m.group(0) for m in names}) == 1:
        return Counterpart(names[0].group(0), names[0].start(), names[0].end(), 0)
    full = [run for run in name_runs(name_words(english), english) if len(run) >= 2]
    if len(people) == len(full) == len(set(people)) and token.text in people:
        run = full[people.index(token.text)]
        return Counterpart(english[run[0][0]:run[-1][1]], run[0][0], run[-1][1], 0)
    return None


_PEOPLE = frozenset({"nr", "nrfg", "nrt"})
