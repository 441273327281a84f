"""read → parse → split and align → segment → annotate → select, returning a :class:`Lesson`."""

from __future__ import annotations

from collections.abc import Sequence

from . import dictionary as cedict
from .align import align
from .models import AnnotatedSentence, Article, Lesson, SentencePair
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
    return [pair for pair, _ in segmented_pairs(article, dictionary)]


def segmented_pairs(article: Article, dictionary) -> list[tuple[SentencePair, list[tuple[str, str]]]]:
    """Sentence pairs with the words of their Chinese, as (word, part of speech).

    The Chinese is segmented before alignment, whose evidence is the words' glosses.
    """
    pairs: list[tuple[SentencePair, list[tuple[str, str]]]] = []
    for index, paragraph in enumerate(article.paragraphs):
        english = [s for p in paragraph.en for s in split_english(p)]
        chinese = [s for p in paragraph.zh for s in split_chinese(p)]
        words = [segment(sentence, dictionary) for sentence in chinese]
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


def build_lesson(article: Article, options: Options | None = None) -> Lesson:
    """Everything the deck and the exports are made from."""
    options = options or Options()
    dictionary = cedict.load()
    sentences = annotate_sentences(segmented_pairs(article, dictionary), dictionary, options.sandhi)
    vocabulary = select(sentences, options.max_words)
    return Lesson(article=article, sentences=tuple(sentences), vocabulary=tuple(vocabulary))


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
