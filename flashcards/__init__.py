"""flashcards: Anki decks and study material from a bilingual English/Chinese article.

The library API. Nothing heavy is imported here, so ``flashcards --help`` answers at once::

    import flashcards
    lesson = flashcards.build("articles/tea-market.txt")
    flashcards.write_deck(lesson, "decks/tea-market.apkg")
    print(flashcards.export(lesson, "json"))
"""

from __future__ import annotations

import os

__version__ = "0.1.0"
__all__ = ["build", "build_many", "write_deck", "write_reverse_deck", "english_vocabulary", "export", "annotate",
           "apply_word_list", "write_handout", "Options"]

from .options import Options


def build(article: str | os.PathLike[str] | None = None, *, en: str | os.PathLike[str] | None = None,
          zh: str | os.PathLike[str] | None = None, options: Options | None = None, progress=None,
          workers: int | None = None, english: bool = False):
    """Read an article (one interleaved file, or ``en`` and ``zh`` parallel files) into a Lesson.

    A long article is read in parts, side by side in ``workers`` processes (default: one per
    core; 1 reads it in this one); the lesson is the same whatever their number.
    ``progress(done, parts)`` is called before the first part and after each (a progress bar).
    ``english``: choose the reverse deck's English vocabulary as well, on every core too
    (:func:`english_vocabulary` then only looks it up).
    """
    from .errors import UsageError
    from .pipeline import build_lesson, read_article, read_parallel

    if (en is None) != (zh is None):
        raise UsageError("--en and --zh go together: give both files")
    if en is not None and article is not None:
        raise UsageError("give either an ARTICLE or --en and --zh, not both")
    if en is not None:
        source = read_parallel(os.fspath(en), os.fspath(zh))
    elif article is not None:
        source = read_article(os.fspath(article))
    else:
        raise UsageError("no article given")
    return build_lesson(source, options, progress, workers, english)


def write_deck(lesson, path: str | os.PathLike[str]):
    """Write the lesson's Anki package to ``path`` atomically; returns the path."""
    from .render.anki import write_apkg

    return write_apkg(lesson, path)


def english_vocabulary(lesson, max_words: int | None = None):
    """The English words and phrases a Chinese learner of English needs, with the article's Chinese."""
    from .english_vocab import select_english

    return select_english(lesson, max_words)


def write_reverse_deck(lesson, path: str | os.PathLike[str], max_words: int | None = None):
    """Write the deck for Chinese speakers learning English to ``path`` atomically.

    Returns ``(path, items)``, or ``(None, reason)`` when the article has no English to teach.
    """
    from .render.reverse import why_no_reverse_deck, write_reverse_apkg

    reason = why_no_reverse_deck(lesson)
    if reason is not None:
        return None, reason
    items = english_vocabulary(lesson, max_words)
    return write_reverse_apkg(lesson, items, path), items


def export(lesson, fmt: str = "json") -> str:
    """The lesson's data: ``json`` (everything), ``csv`` (the teacher's word list) or ``tsv`` (a table)."""
    from .render import tabular

    if fmt == "json":
        from .english_vocab import english_vocabulary_dicts

        english = english_vocabulary(lesson) if lesson.article.has_english else []
        return tabular.to_json(lesson, english_vocabulary_dicts(english))
    if fmt == "csv":
        from .wordlist import to_csv

        return to_csv(lesson)
    if fmt == "tsv":
        return tabular.to_table(lesson, "\t")
    from .errors import UsageError

    raise UsageError(f"unknown format {fmt!r}: use json, csv or tsv")


def apply_word_list(lesson, path: str | os.PathLike[str]):
    """Make a teacher's word list (CSV) the lesson's selection: (new lesson, one-line problems).

    The list decides alone: it chooses among every candidate of the article, known words and
    words of the learner's level too, and adds the words it names.
    """
    from dataclasses import replace

    from .wordlist import apply_wordlist_file

    if lesson.candidates is not None:
        lesson = replace(lesson, vocabulary=lesson.candidates)
    lesson, problems = apply_wordlist_file(lesson, path)
    return replace(lesson, candidates=None, left_out=None), problems


def build_many(jobs, options: Options | None = None, *, word_list: str | os.PathLike[str] | None = None,
               reverse: bool = True, workers: int | None = None, done=None, parts=None):
    """Build several articles side by side, one process each (one article alone: on every core).

    ``jobs``: :class:`flashcards.batch.Job` objects (a file, or an English and a Chinese file).
    Returns a :class:`flashcards.batch.Built` per job, in their order: the lesson (its words
    chosen as :mod:`flashcards.select` says; with ``options.new_only`` each article leaves out
    the words of the articles before it), or the one-line error. ``done(built)`` is called as
    each article finishes, ``parts(done, parts)`` while a lone article's parts are read.
    """
    from dataclasses import replace

    from .batch import build_all
    from .select import in_order, with_known_read

    options, warnings = with_known_read(options or Options())  # read here once, not by every article
    results = build_all(jobs, options, None if word_list is None else os.fspath(word_list), reverse=reverse,
                        workers=workers, done=done, parts=parts)
    good = [built for built in results if built.lesson is not None]
    for built, lesson in zip(good, in_order([built.lesson for built in good], options)):
        built.lesson = replace(lesson, notes=tuple(warnings) + lesson.notes)
    return results


def write_handout(lesson, path: str | os.PathLike[str], ruby: str = "vocab", show_english: bool = True, *,
                  english_position: str = "beside", paper: str = "A4", full: bool = False):
    """Write the class handout (one self-contained HTML file) to ``path`` atomically.

    A few pages by default (the text with pinyin and glosses, exercises, answer key); ``full``
    adds the profile of the text and the vocabulary table. ``paper``: A4, Letter or auto.
    """
    from .render.handout import write_handout as write

    return write(lesson, path, ruby, show_english, english_position=english_position, paper=paper, full=full)


def annotate(text: str, sandhi: bool = False):
    """Segment Chinese text into tokens with pinyin and dictionary entries.

    :param sandhi: readings with the tones of speech (一 yí, 不 bú, 你好 níhǎo) rather than the
        dictionary's citation tones.
    """
    from .pipeline import annotate_text

    return annotate_text(text, sandhi=sandhi)
