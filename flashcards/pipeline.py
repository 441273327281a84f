"""read → parse → split and align → segment → annotate → select, returning a :class:`Lesson`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from . import dictionary as cedict
from . import script
from .align import align
from .names import find_names
from .models import AnnotatedSentence, Article, Lesson, ParagraphPair, SentencePair, Token
from .options import Options
from .parse import parse_article, parse_parallel
from .read import read_text
from .readings import annotate, annotate_all
from .segment import segment
from .sentences import split_pair
from .vocab import candidates as vocabulary_candidates
from .workers import Workers, fewer_collections, how_many


def read_article(path: str) -> Article:
    """An interleaved bilingual (or Chinese-only) article from one file."""
    return parse_article(str(path), read_text(path))


def read_parallel(en_path: str, zh_path: str) -> Article:
    """An article from two files, the English original and its Chinese translation."""
    from .errors import UsageError
    from .text import is_mostly_chinese

    en_text, zh_text = read_text(en_path), read_text(zh_path)
    if is_mostly_chinese(en_text) and not is_mostly_chinese(zh_text):
        raise UsageError(f"--en {en_path} is Chinese and --zh {zh_path} is not: swap them")
    if is_mostly_chinese(en_text):
        raise UsageError(f"--en {en_path} is Chinese, not English: give the English original")
    if not is_mostly_chinese(zh_text):
        raise UsageError(f"--zh {zh_path} is not Chinese: give the Chinese translation")
    return parse_parallel(str(en_path), en_text, str(zh_path), zh_text)


def sentence_pairs(article: Article, dictionary) -> list[SentencePair]:
    """Split each paragraph pair into sentences and align them; ids run through the article."""
    return [pair for pair, _ in _segmented_pairs(article.paragraphs, 0, dictionary)]


def _segmented_pairs(paragraphs: Sequence[ParagraphPair], first: int, dictionary,
                     map_in_order: Callable | None = None) -> list[tuple[SentencePair, list[tuple[str, str]]]]:
    """Sentence pairs of the paragraphs numbered from ``first`` (ids from s1), each with the
    words of its Chinese as (word, part of speech).

    The Chinese is segmented before alignment, whose evidence is the words' glosses. Equal
    (word, part of speech) pairs are one object, so a book costs memory by the distinct word.
    ``map_in_order`` (a :class:`~flashcards.workers.Workers`' method) segments a long
    paragraph's sentences on every core: a book in two files is one paragraph pair.
    """
    pairs: list[tuple[SentencePair, list[tuple[str, str]]]] = []
    distinct: dict[tuple[str, str], tuple[str, str]] = {}
    for index, paragraph in enumerate(paragraphs, start=first):
        english, chinese = split_pair(paragraph.en, paragraph.zh)
        if map_in_order is not None and len(chinese) > SENTENCES_PER_SEGMENTING_JOB:
            jobs = [(chinese[start:start + SENTENCES_PER_SEGMENTING_JOB],)
                    for start in range(0, len(chinese), SENTENCES_PER_SEGMENTING_JOB)]
            segmented = [words for part in map_in_order(_segment_all, jobs) for words in part]
        else:
            segmented = _segment_all(chinese, dictionary)
        by_paragraph = bool(english) and len(chinese) <= NAMES_BY_PARAGRAPH
        if by_paragraph:  # the paragraph's English vouches for its names, however aligned
            segmented = names_by_paragraph(segmented, " ".join(english), dictionary)
        words = [[distinct.setdefault(word, word) for word in sentence] for sentence in segmented]
        beads = align(english, chinese, dictionary, zh_words=words)
        for en_indices, zh_indices in beads:
            pair = SentencePair(
                id=f"s{len(pairs) + 1}",
                en=tuple(english[i] for i in en_indices),
                zh=tuple(chinese[j] for j in zh_indices),
                paragraph=index,
            )
            pair_words = [word for j in zh_indices for word in words[j]]
            if pair.en and not by_paragraph:
                named = find_names(pair_words, pair.en_text, dictionary)
                pair_words = [distinct.setdefault(word, word) for word in named]
            pairs.append((pair, pair_words))
    return pairs


SENTENCES_PER_SEGMENTING_JOB = 1000
NAMES_BY_PARAGRAPH = 12  # sentences: in a longer paragraph (a book in two files), each bead's English


def names_by_paragraph(sentences: list[list[tuple[str, str]]], english: str, dictionary) -> list[list[tuple[str, str]]]:
    """Each sentence's words with the names of the paragraph's English made whole (see
    :func:`flashcards.names.find_names`), cut back into the same sentences."""
    whole = find_names([word for sentence in sentences for word in sentence], english, dictionary)
    out: list[list[tuple[str, str]]] = []
    words = iter(whole)
    for sentence in sentences:
        length, taken = sum(len(w) for w, _ in sentence), []
        while sum(len(w) for w, _ in taken) < length:
            taken.append(next(words))
        if sum(len(w) for w, _ in taken) != length:
            return sentences  # a word across two sentences: keep them as they were cut
        out.append(taken)
    return out


def _segment_all(sentences: Sequence[str], dictionary=None) -> list[list[tuple[str, str]]]:
    dictionary = cedict.load() if dictionary is None else dictionary
    return [segment(sentence, dictionary) for sentence in sentences]


def annotate_sentences(pairs: Sequence[tuple[SentencePair, Sequence[tuple[str, str]]]], dictionary,
                       sandhi: bool = False) -> list[AnnotatedSentence]:
    """Read the words of each pair's Chinese (a pair with no Chinese has no tokens).

    Sentences are read together so that the context model runs over the article in batches.
    """
    tokens = annotate_all([words for _, words in pairs], dictionary, english=[pair.en_text for pair, _ in pairs])
    sentences = [AnnotatedSentence(pair, tuple(sentence), sandhi) for (pair, _), sentence in zip(pairs, tokens)]
    for sentence in sentences:
        sentence.pinyin  # worked out here, on every core, rather than as the deck is written
    return sentences


# An article is read in parts of whole paragraphs, side by side on every core (see
# :mod:`flashcards.workers`): about an eighth of its Chinese each, but no fewer than
# ``SMALLEST_PART`` characters (not worth a process) and no more than ``LARGEST_PART``
# (a part's sentences go through the context model together; a progress bar counts parts).
# The parts depend on the text alone, never on the number of cores, so every machine makes
# the same deck.
SMALLEST_PART = 5_000
LARGEST_PART = 50_000
# From about this many characters of varied text, reading jieba's whole dictionary (0.15 s
# before the workers fork, 50 MB more at the peak) is quicker than looking its words up one by
# one (CPP's Wikipedia sentences on two cores: even at 100,000 characters, 0.1 s quicker at
# 150,000, 0.3 s at 300,000).
EVERY_WORD_FROM = 120_000


def _chinese_characters(article: Article) -> int:
    return sum(len(zh) for paragraph in article.paragraphs for zh in paragraph.zh)


def _part_size(characters: int) -> int:
    return max(SMALLEST_PART, min(LARGEST_PART, characters // 8))


def parts_of(article: Article) -> list[tuple[int, int]]:
    """The article's paragraphs cut into parts: (first, end) index ranges."""
    part = _part_size(_chinese_characters(article))
    parts: list[tuple[int, int]] = []
    first = size = 0
    for index, paragraph in enumerate(article.paragraphs):
        size += sum(len(zh) for zh in paragraph.zh)
        if size >= part:
            parts.append((first, index + 1))
            first, size = index + 1, 0
    if first < len(article.paragraphs) or not parts:
        parts.append((first, len(article.paragraphs)))
    return parts


def read_sentences(article: Article, sandhi: bool = False, progress: Callable[[int, int], None] | None = None,
                   workers: Workers | int | None = None) -> list[AnnotatedSentence]:
    """Every sentence pair of the article, split, aligned, segmented and read; ids run s1, s2, ….

    :param progress: called with (parts done, parts) before the first part and after each
        (a book in two files is aligned whole first: that counts as one part).
    :param workers: processes for the parts of the article (default: one per core; 1 reads
        them all here), or the :class:`~flashcards.workers.Workers` to use. The sentences are
        the same whatever the number.
    """
    if not isinstance(workers, Workers):
        with _workers_for(article, workers) as pool:
            return read_sentences(article, sandhi, progress, pool)
    characters = _chinese_characters(article)
    if characters >= EVERY_WORD_FROM:
        from .segment import load_every_word

        load_every_word()
    parts, part_size = parts_of(article), _part_size(characters)
    if len(parts) == 1 and len(article.paragraphs) == 1 and characters >= 2 * part_size:
        # a book in two files, one paragraph pair: aligned whole, here, then read in parts
        steps = 1
        if progress is not None:
            progress(0, 1 + round(characters / part_size))  # about as many parts as that
        pairs = _segmented_pairs(article.paragraphs, 0, cedict.load(), workers.map_in_order)
        function, jobs = _read_pairs, [(chunk, sandhi) for chunk in _chunks(pairs, part_size)]
    else:
        steps = 0
        function, jobs = _read_part, [(article.paragraphs[first:end], first, sandhi) for first, end in parts]
    sentences: list[AnnotatedSentence] = []
    tokens: dict[tuple, Token] = {}  # equal tokens from different parts become one object again
    if progress is not None:
        progress(steps, steps + len(jobs))
    for done, part in enumerate(workers.map_in_order(function, jobs), start=steps + 1):
        for sentence in part:
            sentences.append(sentence.renumbered(
                replace(sentence.pair, id=f"s{len(sentences) + 1}"),
                tuple(tokens.setdefault((t.text, t.pos, t.reading), t) for t in sentence.tokens)))
        if progress is not None:
            progress(done, steps + len(jobs))
    return sentences


def _workers_for(article: Article, workers: int | None) -> Workers:
    """Processes for an article's parts: ``workers`` (default one per core), at most one a part
    (a book in two files is one paragraph pair, read in parts all the same)."""
    characters = _chinese_characters(article)
    parts = max(len(parts_of(article)), characters // _part_size(characters))
    return Workers(how_many(parts, workers), _load_for_workers)


def _chunks(pairs: list[tuple[SentencePair, list[tuple[str, str]]]], part_size: int) -> list[list]:
    """Consecutive aligned pairs in runs of about ``part_size`` Chinese characters."""
    chunks: list[list] = [[]]
    size = 0
    for pair in pairs:
        if size >= part_size:
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
    from . import english, polyphones, sentences
    from .segment import _tokenizer

    cedict.load()
    _tokenizer()
    english.function_words()
    sentences.load_english_splitter()
    try:
        polyphones.model()
    except (RuntimeError, OSError):
        pass  # without the model the readings fall back on pypinyin's, in every part alike


def _forget_reading() -> None:
    """Drop what only reading the text needed (jieba's whole dictionary, the words' parts and
    glosses): the vocabulary's caches reuse the memory."""
    from . import align, readings, segment

    segment.forget_every_word()
    align.forget_glosses()
    readings.forget_words()


def build_lesson(article: Article, options: Options | None = None,
                 progress: Callable[[int, int], None] | None = None, workers: int | None = None,
                 english: bool = False) -> Lesson:
    """Everything the deck and the exports are made from (``progress``, ``workers``: see
    :func:`read_sentences`).

    :param english: choose the English vocabulary for the reverse deck too (on every core,
        like the Chinese).
    """
    options = options or Options()
    with fewer_collections(), _workers_for(article, workers) as pool:
        sentences = tuple(read_sentences(article, options.sandhi, progress, pool))
        _forget_reading()
        pool.afresh()
        chosen = None
        if english:
            from .english_vocab import english_items, forget_senses

            chosen = tuple(english_items(article, sentences, pool))
            forget_senses()
            pool.afresh()  # the vocabulary's workers start without the English words' caches
        script.converter()  # OpenCC's tables (45 MB): loaded here, the vocabulary's workers share them
        candidates = tuple(vocabulary_candidates(sentences, pool))
    from . import select

    known, warnings = select.known_words(options)
    issued = select.issued_before(article.slug) if options.new_only else frozenset()
    vocabulary, left_out = select.choose(candidates, options, known, issued)
    return Lesson(article=article, sentences=sentences, vocabulary=vocabulary, notes=tuple(warnings),
                  english=chosen, candidates=candidates, left_out=left_out)


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
