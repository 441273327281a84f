"""Which English words of a sentence are offered: content words, not names, numbers or grammar."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .. import english
from ..models import AnnotatedSentence
from .lexicon import Lexicon

# --------------------------------------------------------------------------------------------
# Which English words are offered
# --------------------------------------------------------------------------------------------

NUMBER_WORDS = frozenset((
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens hundreds thousands millions billions first second third "
    "fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth thousandth").split())
# Capitalised in English but ordinary vocabulary, not names.
CAPITALISED_WORDS = frozenset((
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december").split())
# A dictionary phrase that starts with one of these is a sum of its words ("last month", "first
# time") unless the translator, too, used one word for it.
_NOT_PHRASE_START = frozenset("last next first second every each this that other same whole several many few "
                              "half own".split())
# Grammar words our function-word list (shared with gloss matching) lets through: prepositions,
# pronouns and conjunctions are taught by grammar, not by vocabulary cards.
GRAMMAR_WORDS = frozenset((
    "behind across along around beside besides beyond near toward towards onto inside outside among amongst "
    "despite since unless though although whether cannot nothing everything anything everyone everybody anyone "
    "anybody nobody none ago away now yes okay ok mr mrs ms dr st many several less least").split())
_PARTICLES = frozenset("up out off down back over away on in through about along around forward apart".split())
_IDIOM_ENDS = frozenset(("out",))  # "odd person out", "odd one out": the phrase is part of the idiom
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "'m")
_SENTENCE_START = re.compile(r"[.!?:;\"“”‘(\[—–]|^\s*-")


@dataclass(frozen=True, slots=True)  # a sentence cache holds thousands
class _Word:
    """An English word of a sentence as the selection sees it (possessive 's removed)."""

    text: str
    lower: str
    start: int
    end: int
    content: bool
    initial: bool


@lru_cache(maxsize=4096)
def _sentence_words(text: str) -> tuple[_Word, ...]:
    """The sentence's words; ``initial`` when nothing but punctuation comes before it in its sentence."""
    words = english.words(text)
    out: list[_Word] = []
    for word, (form, end, initial) in zip(words, _forms(text, ((w.text, w.start, w.end) for w in words))):
        content = word.content and english.lemma(form) not in english.function_words()
        out.append(_Word(form, form.lower(), word.start, end, content, initial))
    return tuple(out)


def _forms(text: str, spans: Iterable[tuple[str, int, int]]) -> Iterator[tuple[str, int, bool]]:
    """For each word (its text, start and end in ``text``): its form, the possessive 's
    dropped, where that ends, and whether it opens a sentence."""
    previous_end = None
    for word, start, end in spans:
        form, form_end = word.replace("’", "'"), end
        if form.lower().endswith("'s"):
            form, form_end = form[:-2], end - 2
        yield form, form_end, previous_end is None or _SENTENCE_START.search(text[previous_end:start]) is not None
        previous_end = end


@dataclass(frozen=True)
class _Article:
    """What the whole English text tells about one word: which capitalised words are names,
    which are also written lower-case, and which lemma the translation settled for an
    ambiguous form ("leaves" → leaf, after 茶叶), for its later uses (filled in as we go)."""

    names: frozenset[str]
    lowercase: frozenset[str]
    lemmas: dict[tuple[str, str], str] = field(default_factory=dict)
    taught: set[str] = field(default_factory=set)  # the words of the items of the sentences before
    _offered: dict[tuple[str, bool, bool], bool] = field(default_factory=dict, compare=False, repr=False)

    def for_a_job(self) -> _Article:
        """What it tells about words, for a job of its own: nothing taught or settled yet."""
        return _Article(self.names, self.lowercase)

    def offers(self, word: _Word, lexicon: Lexicon) -> bool:
        """:func:`_is_offered`, worked out once per form and place (first in its sentence or not)."""
        key = (word.text, word.content, word.initial)
        found = self._offered.get(key)
        if found is None:
            found = self._offered[key] = _is_offered(word, self, lexicon)
        return found


def _article_context(sentences: Iterable[AnnotatedSentence]) -> _Article:
    names: set[str] = set()
    lowercase: set[str] = set()
    for sentence in sentences:
        text = sentence.pair.en_text
        for form, _end, initial in _forms(text, english.word_spans(text)):  # _sentence_words' forms, less their lemmas
            if form[:1].isupper() and not initial:
                names.add(form.lower())
            elif form[:1].islower():
                lowercase.add(form.lower())
    return _Article(frozenset(names - CAPITALISED_WORDS), frozenset(lowercase))


def is_number(form: str) -> bool:
    lower = form.lower()
    return any(c.isdigit() for c in lower) or any(part in NUMBER_WORDS for part in lower.split("-"))


def _is_name(word: _Word, article: _Article, lexicon: Lexicon) -> bool:
    """Capitalised mid-sentence, or at the start of a sentence and unknown as a common word.

    Days and months are capitalised words, not names. An abbreviation in capitals (DIY, UK)
    counts as a name too.
    """
    if not word.text[:1].isupper() or word.lower in CAPITALISED_WORDS:
        return False
    if len(word.text) > 1 and word.text.isupper():
        return True
    if not word.initial or word.lower in article.names:
        return True
    return word.lower not in article.lowercase and not lexicon.knows(word.lower)


def _is_offered(word: _Word, article: _Article, lexicon: Lexicon) -> bool:
    """A word worth a card: a content word of two letters or more, not a name or a number."""
    if not word.content or word.lower in GRAMMAR_WORDS or sum(c.isalpha() for c in word.text) < 2:
        return False
    if word.lower.endswith(_CONTRACTIONS) or is_number(word.text):
        return False
    return not _is_name(word, article, lexicon)


