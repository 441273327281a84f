"""read → parse → split and align → segment → annotate → select, returning a :class:`Lesson`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from . import dictionary as cedict
from .align import align
from .models import AnnotatedSentence, Article, Lesson, ParagraphPair, SentencePair, Token
from .options import Options
from .parse import parse_article, parse_parallel
from .read import read_text
from .readings import annotate, annotate_all
from .segment import segment
from .sentences import split_chinese, split_english
from .vocab import select


def read_article(path: str) -> Article:
    """An interleaved bilingual (or Chinese-only) article from one file."""
    return parse_article(str(path), read_text(path))


def read_parallel(en_path: str, zh_path: str) -> Article:
    """An article from two files, the English original and its Chinese translation."""
    return parse_parallel(str(en_path), read_text(en_path), str(zh_path), read_text(zh_path))


def sentence_pairs(article: Article, dictionary) -> list[SentencePair]:
    """Split each paragraph pair into sentences and align them; ids run through the article."""
    return [pair for pair, _ in _segmented_pairs(article.paragraphs, 0, dictionary)]


def _segmented_pairs(paragraphs: Sequence[ParagraphPair], first: int,
                     dictionary) -> list[tuple[SentencePair, list[tuple[str, str]]]]:
    """Sentence pairs of the paragraphs numbered from ``first`` (ids from s1), each with the
    words of its Chinese as (word, part of speech).

    The Chinese is segmented before alignment, whose evidence is the words' glosses. Equal
    (word, part of speech) pairs are one object, so a book costs memory by the distinct word.
    """
    pairs: list[tuple[SentencePair, list[tuple[str, str]]]] = []
    distinct: dict[tuple[str, str], tuple[str, str]] = {}
    for index, paragraph in enumerate(paragraphs, start=first):
        english = [s for p in paragraph.en for s in split_english(p)]
        chinese = [s for p in paragraph.zh for s in split_chinese(p)]
        words = [[distinct.setdefault(word, word) for word in segment(sentence, dictionary)] for sentence in chinese]
        beads = align(english, chinese, dictionary, zh_words=[[word for word, _ in ws] for ws in words])
        for en_indices, zh_indices in beads:
            pair = SentencePair(
                id=f"s{len(pairs) + 1}",
                en=tuple(english[i] for i in en_indices),
                zh=tuple(chinese[j] for j in zh_indices),
                paragraph=index,
            )
            pairs.append((pair, [word for j in zh_indices for word in words[j]]))
    return pairs


def annotate_sentences(pairs: Sequence[tuple[SentencePair, Sequence[tuple[str, str]]]], dictionary,
                       sandhi: bool = False) -> list[AnnotatedSentence]:
    """Read the words of each pair's Chinese (a pair with no Chinese has no tokens).

    Sentences are read together so that the context model runs over the article in batches.
    """
    tokens = annotate_all([words for _, words in pairs], dictionary)
    return [AnnotatedSentence(pair, tuple(sentence), sandhi) for (pair, _), sentence in zip(pairs, tokens)]


# A long article is read in parts of about this many Chinese characters (whole paragraphs),
# side by side on every core (see :mod:`flashcards.workers`). The parts depend on the text
# alone, never on the number of cores, so every machine makes the same deck; a part's
# sentences go through the context model together, and a progress bar counts parts.
CHARACTERS_PER_PART = 50_000


def parts_of(article: Article) -> list[tuple[int, int]]:
    """The article's paragraphs cut into parts: (first, end) index ranges."""
    parts: list[tuple[int, int]] = []
    first = size = 0
    for index, paragraph in enumerate(article.paragraphs):
        size += sum(len(zh) for zh in paragraph.zh)
        if size >= CHARACTERS_PER_PART:
            parts.append((first, index + 1))
            first, size = index + 1, 0
    if first < len(article.paragraphs) or not parts:
        parts.append((first, len(article.paragraphs)))
    return parts


def read_sentences(article: Article, sandhi: bool = False, progress: Callable[[int, int], None] | None = None,
                   workers: int | None = None) -> list[AnnotatedSentence]:
    """Every sentence pair of the article, split, aligned, segmented and read; ids run s1, s2, ….

    :param progress: called with (parts done, parts) before the first part and after each
        (a book in two files is aligned whole first: that counts as one part).
    :param workers: processes for the parts of a long article (default: one per core; 1 reads
        them all here). The sentences are the same whatever the number.
    """
    from . import workers as pool

    parts = parts_of(article)
    characters = sum(len(zh) for zh in article.paragraphs[0].zh) if article.paragraphs else 0
    if len(parts) == 1 and characters >= 2 * CHARACTERS_PER_PART:
        # a book in two files, one paragraph pair: aligned whole, here, then read in parts
        steps = 1
        if progress is not None:
            progress(0, 1 + round(characters / CHARACTERS_PER_PART))  # about as many parts as that
        pairs = _segmented_pairs(article.paragraphs, 0, cedict.load())
        function, jobs = _read_pairs, [(chunk, sandhi) for chunk in _chunks(pairs)]
    else:
        steps = 0
        function, jobs = _read_part, [(article.paragraphs[first:end], first, sandhi) for first, end in parts]
    sentences: list[AnnotatedSentence] = []
    tokens: dict[tuple, Token] = {}  # equal tokens from different parts become one object again
    if progress is not None:
        progress(steps, steps + len(jobs))
    for done, part in enumerate(pool.map_in_order(function, jobs, pool.how_many(len(jobs), workers),
                                                  _load_for_workers), start=steps + 1):
        for sentence in part:
            sentences.append(AnnotatedSentence(
                replace(sentence.pair, id=f"s{len(sentences) + 1}"),
                tuple(tokens.setdefault((t.text, t.pos, t.reading), t) for t in sentence.tokens),
                sentence.sandhi))
        if progress is not None:
            progress(done, steps + len(jobs))
    return sentences


def _chunks(pairs: list[tuple[SentencePair, list[tuple[str, str]]]]) -> list[list]:
    """Consecutive aligned pairs in runs of about ``CHARACTERS_PER_PART`` Chinese characters."""
    chunks: list[list] = [[]]
    size = 0
    for pair in pairs:
        if size >= CHARACTERS_PER_PART:
            chunks.append([])
            size = 0
        chunks[-1].append(pair)
        size += len(pair[0].zh_text)
    return chunks


def _read_pairs(pairs: Sequence[tuple[SentencePair, Sequence[tuple[str, str]]]],
                sandhi: bool) -> list[AnnotatedSentence]:
    """Read the Chinese of aligned, segmented pairs (in a worker, or here)."""
    return annotate_sentences(pairs, cedict.load(), sandhi)


def _read_part(paragraphs: Sequence[ParagraphPair], first: int, sandhi: bool) -> list[AnnotatedSentence]:
    """Split, align, segment and read one part of an article (in a worker, or here)."""
    dictionary = cedict.load()
    return annotate_sentences(_segmented_pairs(paragraphs, first, dictionary), dictionary, sandhi)


def _load_for_workers() -> None:
    """Load what every part needs, once, before the workers are forked, so that they share it."""
    from . import english, polyphones
    from .segment import _tokenizer

    cedict.load()
    _tokenizer().tokenizer.initialize()
    english.function_words()
    try:
        polyphones.model()
    except (RuntimeError, OSError):
        pass  # without the model the readings fall back on pypinyin's, in every part alike


def build_lesson(article: Article, options: Options | None = None,
                 progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> Lesson:
    """Everything the deck and the exports are made from (``progress``, ``workers``: see
    :func:`read_sentences`)."""
    options = options or Options()
    with _fewer_collections():
        sentences = read_sentences(article, options.sandhi, progress, workers)
        vocabulary = select(sentences, options.max_words)
    return Lesson(article=article, sentences=tuple(sentences), vocabulary=tuple(vocabulary))


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run Python's cycle collector less often while a lesson is built.

    The pipeline makes millions of small tuples and few cycles; with the default thresholds
    the collector ran often enough to cost a tenth of a long build.
    """
    import gc

    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def annotate_text(text: str, sandhi: bool = False):
    """Tokens with readings and dictionary entries for a piece of Chinese text."""
    dictionary = cedict.load()
    tokens = annotate(segment(text, dictionary), dictionary)
    if sandhi:
        from dataclasses import replace

        from .models import Reading
        from .pinyin import spoken

        tokens = [replace(token, reading=Reading(syllables)) if syllables else token
                  for token, syllables in zip(tokens, spoken(tokens))]
    return tokens
