"""Build many articles at once, on every core, each in a process of its own.

A term's worth of articles is a batch: each article is read, aligned, segmented and read
aloud independently, so a process pool builds them side by side; decks are written by the
caller, in the order the articles were given, whatever order they finish in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .models import Lesson
from .options import Options


@dataclass(frozen=True)
class Job:
    """One article to build: a file, or an English file and its Chinese translation."""

    article: str | None = None
    en: str | None = None
    zh: str | None = None

    @property
    def name(self) -> str:
        return self.article or f"{self.en} + {self.zh}"

    @property
    def slug(self) -> str:
        """The name its decks get (as :func:`flashcards.parse.slug_for` gives it)."""
        from .parse import slug_for

        return slug_for(self.article or self.en or "")


def same_slugs(jobs: Sequence[Job]) -> str | None:
    """The one-line reason a batch cannot be built as given, or None: two articles whose decks
    would have the same name, so one would overwrite the other (and share its deck IDs)."""
    first: dict[str, Job] = {}
    for job in jobs:
        other = first.setdefault(job.slug, job)
        if other is not job:
            return (f"{other.name} and {job.name} would both be written as {job.slug}.apkg; "
                    "rename one, or build them one at a time into different folders (-o)")
    return None


@dataclass
class Built:
    """What building one article gave: the lesson and its English words, or the error's line."""

    job: Job
    lesson: Lesson | None = None
    english: list | None = None  # English vocabulary items for the reverse deck
    no_reverse: str | None = None  # why there is no reverse deck
    error: str | None = None
    error_code: int = 1


def build_one(job: Job, options: Options, vocab: str | None = None, reverse: bool = True,
              progress: Callable[[int, int], None] | None = None, workers: int | None = 1) -> Built:
    """Build one article; an error of the user's kind comes back as a line, not an exception.

    ``progress`` and ``workers`` are :func:`flashcards.build`'s, for the parts of a long article.
    """
    import flashcards
    from .errors import FlashcardsError

    try:
        lesson = flashcards.build(job.article, en=job.en, zh=job.zh, options=options, progress=progress,
                                  workers=workers, english=reverse)
        notes: list[str] = []
        if vocab is not None:
            lesson, notes = flashcards.apply_word_list(lesson, vocab)
        built = Built(job, lesson)
        if notes:
            built.error = "\n".join(notes)  # problems with the word list: reported, not fatal
            built.error_code = 0
        if reverse:
            from .render.reverse import why_no_reverse_deck

            built.no_reverse = why_no_reverse_deck(lesson)
            if built.no_reverse is None:
                built.english = flashcards.english_vocabulary(lesson, options.max_words)
        return built
    except FlashcardsError as error:
        return Built(job, error=str(error), error_code=error.exit_code)
    except MemoryError:
        return Built(job, error=f"{job.name}: not enough memory to build it (try -j 1)")
    except BrokenProcessPool:
        return Built(job, error=f"{job.name}: {KILLED}")
    except Exception as error:  # a bug of ours: this article's line, the others still built
        from .errors import caused_by_ctrl_c

        if os.environ.get("FLASHCARDS_DEBUG") or caused_by_ctrl_c(error):
            raise  # a Ctrl-C Python wrapped is the whole command's
        return Built(job, error=f"{job.name}: internal error: {type(error).__name__}: {error} "
                                "(set FLASHCARDS_DEBUG=1 for details)")


def build_all(jobs: Sequence[Job], options: Options, vocab: str | None = None, reverse: bool = True,
              workers: int | None = None, done: Callable[[Built], None] | None = None,
              parts: Callable[[int, int], None] | None = None) -> list[Built]:
    """Build every job, in a process pool when there are several; results in the jobs' order.

    :param workers: processes to use (default: one per core). Several articles take one each;
        one article alone uses them for its parts.
    :param done: called in this process as each article finishes (a progress bar).
    :param parts: called with (parts done, parts) while a lone article's parts are read.
    """
    workers = workers or os.cpu_count() or 1
    if len(jobs) == 1 or workers <= 1:
        results = []
        for job in jobs:
            results.append(build_one(job, options, vocab, reverse, progress=parts if len(jobs) == 1 else None,
                                     workers=workers if len(jobs) == 1 else 1))
            if done:
                done(results[-1])
        return results
    results: list[Built | None] = [None] * len(jobs)
    _in_pool(range(len(jobs)), min(workers, len(jobs)), jobs, options, vocab, reverse, results, done)
    for index in [index for index, result in enumerate(results) if result is None]:
        # A worker was killed (out of memory, as a rule) and took its pool with it; which
        # article it was building is not known. The rest are built again one to a pool, so
        # that only an article that kills its worker again is lost.
        _in_pool([index], 1, jobs, options, vocab, reverse, results, done)
        if results[index] is None:
            results[index] = Built(jobs[index], error=f"{jobs[index].name}: {KILLED}")
            if done:
                done(results[index])
    return [result for result in results if result is not None]


KILLED = "a process building it was killed (out of memory? try -j 1)"


def _in_pool(indices: Sequence[int], workers: int, jobs: Sequence[Job], options: Options, vocab: str | None,
             reverse: bool, results: list[Built | None], done: Callable[[Built], None] | None) -> None:
    """Build ``jobs[i]`` for each index into ``results[i]``; those left None when a worker died."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from .workers import die_with_parent

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(build_one, jobs[index], options, vocab, reverse): index for index in indices}
        for future in as_completed(futures):
            try:
                results[futures[future]] = future.result()
            except BrokenProcessPool:
                continue
            if done:
                done(results[futures[future]])
