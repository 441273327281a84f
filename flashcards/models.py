"""The plain data that flows through the pipeline.

Each stage takes and returns these frozen dataclasses: read → parse → split and align →
segment → annotate → select → render. Nothing here imports a heavy library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Title:
    """An article's title in either language (empty string when the article has none)."""

    en: str = ""
    zh: str = ""


@dataclass(frozen=True)
class ParagraphPair:
    """English paragraphs and the Chinese paragraphs that translate them.

    Usually one of each; a translator may merge two English paragraphs into one Chinese one
    or split one into two, so either side is a list. A Chinese-only article has ``en == ()``.
    """

    en: tuple[str, ...]
    zh: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """What the reader found in the input: metadata and the paired body text."""

    path: str
    slug: str
    title: Title
    source: str
    paragraphs: tuple[ParagraphPair, ...]

    @property
    def has_english(self) -> bool:
        return any(pair.en for pair in self.paragraphs)


@dataclass(frozen=True)
class SentencePair:
    """One alignment bead: Chinese sentences and the English sentences they translate.

    Most beads are one sentence each side; a merge, split or omission by the translator gives
    two on one side or none. ``id`` is stable within one build ("s1", "s2", …).
    """

    id: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    paragraph: int

    @property
    def en_text(self) -> str:
        return " ".join(self.en)

    @property
    def zh_text(self) -> str:
        return "".join(self.zh)


@dataclass(frozen=True)
class DictionaryEntry:
    """One CC-CEDICT line. ``pinyin`` is the dictionary's numbered form, e.g. "Xi1 an1"."""

    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """The pinyin of one word: numbered syllables, one per Chinese character ("yin2", "hang2").

    Names are capitalised in the syllables themselves, as CC-CEDICT writes them ("Xi1", "an1").
    """

    syllables: tuple[str, ...]

    @cached_property  # a word's card, its GUID and its place in the vocabulary all ask for it
    def numbered(self) -> str:
        from .pinyin import numbered_text

        return numbered_text(self.syllables)

    @property
    def marked(self) -> str:
        from .pinyin import marked_word

        return marked_word(self.syllables)


@dataclass(frozen=True)
class Token:
    """A segmented word of a Chinese sentence, with its reading when it is Chinese."""

    text: str
    pos: str = ""
    reading: Reading | None = None
    entries: tuple[DictionaryEntry, ...] = ()

    @cached_property
    def is_chinese(self) -> bool:
        from .text import has_cjk

        return has_cjk(self.text)


@dataclass(frozen=True)
class AnnotatedSentence:
    """A sentence pair with its Chinese segmented and read.

    ``sandhi``: show the sentence's pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo) instead
    of the dictionary's citation tones.
    """

    pair: SentencePair
    tokens: tuple[Token, ...]
    sandhi: bool = False

    @cached_property  # every vocabulary card from the sentence shows it
    def pinyin(self) -> str:
        from .pinyin import sentence_pinyin

        return sentence_pinyin(self.tokens, sandhi=self.sandhi)

    def renumbered(self, pair: SentencePair, tokens: tuple[Token, ...]) -> AnnotatedSentence:
        """The same sentence under ``pair`` (its id in the whole article) with equal ``tokens``;
        its pinyin, when worked out already (in the worker that read it), comes along."""
        sentence = AnnotatedSentence(pair, tokens, self.sandhi)
        if "pinyin" in self.__dict__:
            sentence.__dict__["pinyin"] = self.__dict__["pinyin"]
        return sentence


@dataclass(frozen=True)
class Gloss:
    """A cleaned dictionary meaning of a word.

    ``classifiers``: the measure words of all its senses; ``counted``: for each sense, the
    measure words of that sense (CC-CEDICT lists them after the senses they count).
    """

    senses: tuple[str, ...]
    classifiers: tuple[str, ...] = ()
    counted: tuple[tuple[str, ...], ...] = ()

    def classifiers_for(self, shown: tuple[str, ...]) -> tuple[str, ...]:
        """The measure words of the sense shown first of ``shown`` (a reordering of the senses)."""
        if not shown or shown[0] not in self.senses or not self.counted:
            return ()
        return self.counted[self.senses.index(shown[0])]


@dataclass(frozen=True)
class VocabularyItem:
    """A word chosen for study, with everything its card shows."""

    word: str
    traditional: str
    reading: Reading
    definitions: tuple[str, ...]
    classifiers: tuple[str, ...]
    pos: str
    english: str | None
    english_span: tuple[int, int] | None
    sentence: str
    zipf: float
    band: str
    proper: bool = False
    meaning_from_article: bool = False  # not in CC-CEDICT: the meaning is the article's English
    level: int | None = None  # HSK 3.0 level (1-6; 7 for 7-9), None: on no list

    @property
    def hsk(self) -> str:
        """The level as shown and tagged: "4", "7-9" or "beyond"."""
        from .levels import label

        return label(self.level)

    @property
    def pinyin(self) -> str:
        return self.reading.marked

    @property
    def pinyin_numbered(self) -> str:
        return self.reading.numbered


@dataclass(frozen=True)
class Lesson:
    """Everything a deck, an export or a handout is made from."""

    article: Article
    sentences: tuple[AnnotatedSentence, ...]
    vocabulary: tuple[VocabularyItem, ...]
    notes: tuple[str, ...] = field(default=())
    # the English vocabulary for the reverse deck, every item, when chosen as the lesson was
    # built (``build(..., english=True)``); None: chosen when asked for
    english: tuple | None = None
    # every word worth a card, before the choice of :mod:`flashcards.select` (None: the
    # vocabulary is a teacher's word list, as it stands)
    candidates: tuple[VocabularyItem, ...] | None = None
    left_out: object = None  # :class:`flashcards.select.LeftOut`: what the choice left out

    @property
    def title(self) -> Title:
        return self.article.title

    @property
    def slug(self) -> str:
        return self.article.slug

    def sentence_by_id(self, sentence_id: str) -> AnnotatedSentence:
        for sentence in self.sentences:
            if sentence.pair.id == sentence_id:
                return sentence
        raise KeyError(sentence_id)
