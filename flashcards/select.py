"""Choose the words to teach, in one place and in this order: the candidates (every word
worth a card, :mod:`flashcards.vocab`) → words the learner knows (the store and ``--known``
files) → words earlier decks taught (``--new-only``) → the learner's level → ``--max-words``.

So ``--max-words 5`` with two of the five hardest words known gives the five hardest words
the learner does not know, not three.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .levels import hsk_level, rank
from .models import Lesson, VocabularyItem
from .options import Options

# Parts of speech of the words that hold a sentence together rather than say something
# (conjunctions, prepositions, pronouns, particles): left out with the learner's level.
FUNCTION_TAGS = ("c", "p", "r", "u", "y", "e", "o")
PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})


@dataclass(frozen=True)
class LeftOut:
    """How many candidates each step of the choice left out."""

    known: int = 0
    issued: int = 0
    level: int = 0
    names: int = 0
    max_words: int = 0

    def __bool__(self) -> bool:
        return any((self.known, self.issued, self.level, self.names, self.max_words))

    def summary(self) -> str:
        """"left out 12 known words, 40 of levels 1-2, 5 beyond --max-words" (empty: none)."""
        parts = [f"{self.known} known words" if self.known else "",
                 f"{self.issued} taught before" if self.issued else "",
                 f"{self.level} of the levels you know or function words" if self.level else "",
                 f"{self.names} names of people" if self.names else "",
                 f"{self.max_words} beyond --max-words" if self.max_words else ""]
        parts = [part for part in parts if part]
        return "left out " + ", ".join(parts) if parts else ""


def is_person(item: VocabularyItem) -> bool:
    """A person's name: not a word to learn unless asked for (``--names``)."""
    return item.pos in PERSON_TAGS and (item.meaning_from_article or item.proper)


def below_level(item: VocabularyItem, level: int) -> bool:
    """Whether the learner at ``level`` knows the word: its HSK level is at most theirs, or
    it is a function word (and the level is not 0, which keeps every word)."""
    if level <= 0:
        return False
    known_level = item.level is not None and item.level <= level
    return known_level or item.pos.startswith(FUNCTION_TAGS) or (len(item.word) == 1 and item.pos.startswith("d"))


def hardest(items: Sequence[VocabularyItem], max_words: int | None) -> list[VocabularyItem]:
    """The ``max_words`` hardest items (all with None), in their own order: the highest HSK
    level first (beyond HSK highest), then the rarest by word frequency."""
    if max_words is None or len(items) <= max_words:
        return list(items)
    keep = {id(item) for item in sorted(items, key=lambda item: (-rank(item.level), item.zipf))[:max_words]}
    return [item for item in items if id(item) in keep]


def choose(candidates: Sequence[VocabularyItem], options: Options, known: Iterable[str] = (),
           issued: Iterable[str] = ()) -> tuple[tuple[VocabularyItem, ...], LeftOut]:
    """The items to teach, in the article's order, and how many each step left out.

    :param known: words the learner knows, in any form (銀行 leaves out 银行).
    :param issued: words earlier decks taught (``--new-only``).
    """
    from .known import matches_any

    items = list(candidates)
    counts: dict[str, int] = {}

    def step(name: str, keep) -> None:
        nonlocal items
        kept = [item for item in items if keep(item)]
        counts[name] = len(items) - len(kept)
        items = kept

    known_forms, issued_forms = matches_any(known), matches_any(issued)
    step("known", lambda item: not known_forms(item))
    step("issued", lambda item: not issued_forms(item))
    step("level", lambda item: not below_level(item, options.level))
    step("names", lambda item: options.names or not is_person(item))
    chosen = hardest(items, options.max_words)
    counts["max_words"] = len(items) - len(chosen)
    return tuple(chosen), LeftOut(**counts)


def known_words(options: Options) -> tuple[frozenset[str], list[str]]:
    """The words to leave out as known (``options.known_words``, the store unless
    ``options.use_known_store`` is false, and ``options.known_files``), and the one-line
    warnings of the files read."""
    from .known import load_known

    known, warnings = load_known(options.known_files, use_store=options.use_known_store)
    return frozenset(options.known_words) | known, warnings


def with_known_read(options: Options) -> tuple[Options, list[str]]:
    """The options with the store and the ``--known`` files read into ``known_words``, once for
    a whole batch (a file given as ``<(…)`` can be read only once), and the files' warnings."""
    from dataclasses import replace as replaced

    known, warnings = known_words(options)
    return replaced(options, known_words=known, known_files=(), use_known_store=False), warnings


def issued_before(slug: str) -> frozenset[str]:
    """The words earlier builds put in decks of other articles (``--new-only``)."""
    from .known import open_store

    with open_store(readonly=True) as store:
        return frozenset(store.issued(except_article=slug))


def in_order(lessons: Sequence[Lesson], options: Options) -> list[Lesson]:
    """With ``--new-only``, each lesson of a batch without the words the ones before it teach:
    articles count in the order given. Without it, the lessons as they are."""
    if not options.new_only:
        return list(lessons)
    out: list[Lesson] = []
    taught: set[str] = set()
    known, _ = known_words(options)
    for lesson in lessons:
        if lesson.candidates is None:
            out.append(lesson)  # a teacher's word list is the selection as it stands
            continue
        vocabulary, left_out = choose(lesson.candidates, options, known, issued_before(lesson.slug) | taught)
        out.append(replace(lesson, vocabulary=vocabulary, left_out=left_out))
        taught.update(item.word for item in vocabulary)
    return out
