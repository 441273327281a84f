"""The command line: each command parses its options and calls the library.

Heavy libraries (jieba, pypinyin, genanki, jinja2, numpy) are imported inside the commands,
so that ``flashcards --help`` answers at once.
"""

from __future__ import annotations

import itertools
import os
import sys
import textwrap
from typing import NoReturn

import click

from . import __version__
from .command import INTERRUPTED
from .errors import FlashcardsError
from .workers import fewer_collections


class _Group(click.Group):
    """Turns our errors into one line on stderr and a non-zero exit, never a traceback."""

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:  # while the command line is read: click would say "Aborted!", exit 1
            _say_interrupted()

    def invoke(self, ctx: click.Context):
        try:
            with fewer_collections():  # writing a big lesson's deck too
                return super().invoke(ctx)
        except FlashcardsError as error:
            click.echo(f"flashcards: {error}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            _say_interrupted()
        except Exception as error:  # a bug of ours: still one line, unless asked for more
            from .errors import caused_by_ctrl_c

            if caused_by_ctrl_c(error):
                _say_interrupted()
            if os.environ.get("FLASHCARDS_DEBUG"):
                raise
            click.echo(f"flashcards: internal error: {type(error).__name__}: {error} "
                       "(set FLASHCARDS_DEBUG=1 for details)", err=True)
            ctx.exit(1)


def _say_interrupted() -> NoReturn:
    click.echo(INTERRUPTED, err=True)
    sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashcards")
def main() -> None:
    """Turn a bilingual English/Chinese article into Anki decks and a class handout.

    \b
    Example:
      flashcards build articles/tea-market.txt
    """


def run() -> None:
    """The ``flashcards`` command: :func:`main`, then an exit that neither Ctrl-C nor a big
    book can hold up.

    Once the command is done, its files are written and closed. A Ctrl-C in the moment the
    interpreter would take to shut down could only kill it (exit status -2 instead of 0), so it
    is ignored. That shutdown is skipped unless a worker is still stopping (then it waits for
    it). After a success all it would do is free, one by one, the millions of objects a book
    leaves behind (more than a second at 300,000 characters). After a Ctrl-C that landed while
    a dataclass was being made (a lazy import), Python would end it by SIGINT instead of the
    exit status 130 we chose: it keeps such a Ctrl-C in mind as unhandled even after the
    command has handled it.
    """
    import signal

    code = 0
    try:
        main()
    except SystemExit as done:
        if not (done.code is None or isinstance(done.code, int)) or _workers_alive():
            raise
        code = done.code or 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (flashcards --help | head): nothing more can reach it
    os._exit(code)


def _workers_alive() -> bool:
    multiprocessing = sys.modules.get("multiprocessing")
    return multiprocessing is not None and bool(multiprocessing.active_children())


def _lesson_options(function):
    """The options every command that reads an article shares."""
    for option in reversed([
        click.option("--en", "en", type=click.Path(), help="The English original, as a file of its own (with --zh)."),
        click.option("--zh", "zh", type=click.Path(), help="The Chinese translation, as a file of its own (with --en)."),
        click.option("--max-words", type=click.IntRange(min=0), default=None, help="Keep only the N hardest words."),
        click.option("--vocab", "vocab", type=click.Path(), default=None,
                     help="A teacher's word list (from 'export --format csv'): it decides the words."),
        click.option("--sandhi", is_flag=True, help="Sentence pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo)."),
        click.option("--known", "known_files", multiple=True, type=click.Path(),
                     help="Leave out the words of this list, CSV, Pleco export or Anki deck (repeatable)."),
        click.option("--no-known", is_flag=True, help="Keep words in the store of known words."),
        click.option("--level", type=click.IntRange(min=0, max=9), default=2, show_default=True,
                     help="The HSK 3.0 levels you know (1 to N): their words and function words are left out; "
                          "0 keeps every word."),
        click.option("--names", is_flag=True, help="Offer people's names as words too."),
    ]):
        function = option(function)
    return function


def _lesson(article: str | None, en: str | None, zh: str | None, vocab: str | None, options):
    """Build the lesson; a word list makes the selection, else the options choose the words."""
    import flashcards

    lesson = flashcards.build(article, en=en, zh=zh, options=options)
    for warning in lesson.notes:
        click.echo(f"flashcards: {warning}", err=True)
    if vocab is not None:
        lesson, problems = flashcards.apply_word_list(lesson, vocab)
        for problem in problems:
            click.echo(f"flashcards: {problem}", err=True)
        return lesson
    return lesson


def _left_out(lesson) -> str:
    """"; left out 12 known words, …" for the line that says what was written (empty: nothing)."""
    return f"; {lesson.left_out.summary()}" if lesson.left_out else ""


def _options(max_words: int | None, sandhi: bool, known_files: tuple[str, ...], no_known: bool, level: int,
             names: bool, new_only: bool = False):
    import flashcards

    return flashcards.Options(max_words=max_words, sandhi=sandhi, level=level, names=names,
                              known_files=tuple(known_files), use_known_store=not no_known, new_only=new_only)


def _summary(lesson) -> str:
    sentences = len({s.pair.zh_text for s in lesson.sentences if s.pair.zh})
    return (f"{len(lesson.vocabulary)} vocabulary notes, {sentences} sentence notes"
            f" ({lesson.title.zh or lesson.title.en or lesson.slug})")


@main.command()
@click.argument("articles", nargs=-1, type=click.Path())
@_lesson_options
@click.option("-o", "--output", "output", default="decks", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the decks into.")
@click.option("--no-reverse", is_flag=True, help="Skip the deck for Chinese speakers learning English.")
@click.option("--combine", "combine", default=None, metavar="NAME",
              help="One package NAME.apkg with a subdeck per article, instead of one per article.")
@click.option("--new-only", is_flag=True, help="Leave out words an earlier build already put in a deck.")
@click.option("-j", "--jobs", "processes", type=click.IntRange(min=1), default=None,
              help="Processes to use, for several articles or the parts of a long one (default: one per core; "
                   "1 uses the least memory).")
def build(articles: tuple[str, ...], en: str | None, zh: str | None, max_words: int | None, vocab: str | None,
          sandhi: bool, known_files: tuple[str, ...], no_known: bool, level: int, names: bool, output: str,
          no_reverse: bool, combine: str | None, new_only: bool, processes: int | None) -> None:
    """Build Anki decks from each ARTICLE: OUTPUT/<slug>.apkg for learners of Chinese, and
    OUTPUT/<slug>.reverse.apkg for Chinese speakers learning English.

    An ARTICLE is a text or Markdown file with each English paragraph followed by its Chinese
    translation (or Chinese only). With --en and --zh, the two languages come in two files.
    Several articles, or the parts of a long one, are built side by side on every core.

    \b
    Examples:
      flashcards build articles/tea-market.txt
      flashcards build articles/*.txt -o my-decks/
      flashcards build articles/*.txt --combine "Spring term"
      flashcards build --en articles/night-bus.en.txt --zh articles/night-bus.zh.txt
      flashcards build articles/tea-market.txt --vocab tea-market.csv
      flashcards build articles/*.txt --new-only --known my-anki-export.apkg
    """
    import flashcards
    from .batch import Job, same_slugs
    from .errors import FlashcardsError, UsageError

    jobs = [Job(article=path) for path in articles]
    if en is not None or zh is not None:
        jobs.append(Job(en=en, zh=zh))
    if not jobs:
        raise UsageError("give an ARTICLE file, or --en and --zh")
    if vocab is not None and len(jobs) > 1:
        raise UsageError("--vocab is one article's word list: build one article at a time with it")
    clash = same_slugs(jobs)
    if clash:
        raise UsageError(clash)
    options = _options(max_words, sandhi, known_files, no_known, level, names, new_only)
    with _progress(len(jobs)) as bar:
        results = flashcards.build_many(jobs, options, word_list=vocab, reverse=not no_reverse, workers=processes,
                                        done=bar.advance, parts=bar.parts)
    failed = [built for built in results if built.lesson is None]
    if len(jobs) == 1 and failed:
        error = FlashcardsError(failed[0].error)
        error.exit_code = failed[0].error_code
        raise error
    for built in results:
        if built.error:  # an article that failed, or the word list's problems
            for line in built.error.splitlines():
                click.echo(f"flashcards: {line}", err=True)
    good = [built for built in results if built.lesson is not None]
    for warning in dict.fromkeys(note for built in good for note in built.lesson.notes):
        click.echo(f"flashcards: {warning}", err=True)
    if combine:
        _write_combined(combine, good, output)
        written = good
    else:
        written = []
        for built in good:
            try:
                _write_decks(built, output)
                written.append(built)
            except FlashcardsError as error:  # this article's line; the others are still written
                click.echo(f"flashcards: {error}", err=True)
                failed.append(built)
    _remember_issued(written)
    if failed:
        sys.exit(max(built.error_code for built in failed))


def _remember_issued(good: list) -> None:
    """Tell the store which words each deck teaches, for later builds with --new-only."""
    from .errors import FlashcardsError
    from .known import open_store

    try:
        with open_store() as store:
            for built in good:
                store.record_issued([item.word for item in built.lesson.vocabulary], built.lesson.slug)
    except FlashcardsError as error:  # a read-only home: the decks are written all the same
        click.echo(f"flashcards: could not remember the words issued ({error})", err=True)


def _write_decks(built, output: str) -> None:
    import flashcards
    from .render.reverse import write_reverse_apkg

    lesson = built.lesson
    target = flashcards.write_deck(lesson, os.path.join(output, f"{lesson.slug}.apkg"))
    click.echo(f"wrote {target}: {_summary(lesson)}{_left_out(lesson)}")
    if built.english is not None:
        path = write_reverse_apkg(lesson, built.english, os.path.join(output, f"{lesson.slug}.reverse.apkg"))
        english = len({s.pair.en_text for s in lesson.sentences if s.pair.en and s.pair.zh})
        click.echo(f"wrote {path}: {len(built.english)} English words, {english} English sentences")
    elif built.no_reverse:
        click.echo(f"  {built.no_reverse}")


def _write_combined(name: str, good: list, output: str) -> None:
    from .render.anki import build_combined_package, write_package
    from .render.reverse import build_combined_reverse_package

    slug = "".join(char if char.isalnum() or char in "-_" else "-" for char in name).strip("-") or "combined"
    lessons = [built.lesson for built in good]
    target = write_package(build_combined_package(name, lessons), os.path.join(output, f"{slug}.apkg"))
    click.echo(f"wrote {target}: {len(lessons)} articles, "
               f"{len({item.word for lesson in lessons for item in lesson.vocabulary})} vocabulary notes")
    english = [(built.lesson, built.english) for built in good if built.english is not None]
    if english:
        path = write_package(build_combined_reverse_package(name, english),
                             os.path.join(output, f"{slug}.reverse.apkg"))
        click.echo(f"wrote {path}: {len(english)} articles in English")


class _progress:
    """A progress bar on a terminal while several articles, or the parts of a long one, are
    read; silent when standard error is not a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > 1:
            self._start(self.total, "building")
        return self

    def _start(self, total: int, label: str) -> None:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(transient=True, console=Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task(label, total=total)

    def advance(self, _built=None) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def parts(self, done: int, total: int) -> None:
        """One long article: (parts done, parts)."""
        if self.bar is None and total > 1:
            self._start(total, "reading")
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command()
@click.argument("article", required=False, type=click.Path())
@_lesson_options
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "tsv"]), default="json", show_default=True,
              help="json: everything; csv: the teacher's word list to edit; tsv: the vocabulary table.")
@click.option("-o", "--output", "output", default="-", show_default=True, type=click.Path(allow_dash=True),
              help="File to write, or - for standard output.")
def export(article: str | None, en: str | None, zh: str | None, max_words: int | None, vocab: str | None,
           sandhi: bool, known_files: tuple[str, ...], no_known: bool, level: int, names: bool, fmt: str,
           output: str) -> None:
    """Write the data behind the deck as JSON, the teacher's word list as CSV, or a TSV table.

    The CSV has the columns word, pinyin, meaning, english, sentence, include, note: edit it
    (mark words no, add words, correct readings and meanings) and give it back with --vocab.

    \b
    Examples:
      flashcards export articles/tea-market.txt --format json -o -
      flashcards export articles/tea-market.txt --format csv -o tea-market.csv
    """
    import flashcards
    from .atomic import write_text

    lesson = _lesson(article, en, zh, vocab, _options(max_words, sandhi, known_files, no_known, level, names))
    text = flashcards.export(lesson, fmt)
    if fmt == "csv":
        text = "\ufeff" + text  # a BOM lets Excel open the word list's Chinese as UTF-8, from a file or a pipe
    if output == "-":
        click.echo(text, nl=False)
        return
    write_text(output, text)
    click.echo(f"wrote {output}: {len(lesson.vocabulary)} words, {len(lesson.sentences)} sentences{_left_out(lesson)}",
               err=True)


@main.command()
@click.argument("article", required=False, type=click.Path())
@_lesson_options
@click.option("-o", "--output", "output", default="lessons", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the handout into.")
@click.option("--ruby", type=click.Choice(["vocab", "all", "none"]), default="vocab", show_default=True,
              help="Pinyin over the chosen words, over every word, or none.")
@click.option("--english", type=click.Choice(["beside", "below", "hidden"]), default="beside", show_default=True,
              help="Where each paragraph's English goes.")
@click.option("--paper", type=click.Choice(["A4", "Letter", "auto"], case_sensitive=False), default="A4",
              show_default=True)
@click.option("--pdf", is_flag=True, help="Also print the handout to PDF (headless Chromium or WeasyPrint).")
@click.option("--full", is_flag=True, help="Also the profile of the text and the vocabulary table with every "
                                           "word's example sentence (many more pages).")
def lesson(article: str | None, en: str | None, zh: str | None, max_words: int | None, vocab: str | None,
           sandhi: bool, known_files: tuple[str, ...], no_known: bool, level: int, names: bool, output: str,
           ruby: str, english: str, paper: str, pdf: bool, full: bool) -> None:
    """Write a printable handout (OUTPUT/<slug>.html) for a class reading ARTICLE.

    A few pages: the article with pinyin over the chosen words and its English beside it, each
    word's gloss (pinyin, HSK level, meaning, its English) under the paragraph of its first
    use, exercises and an answer key on its own page; --full adds the profile of the text and
    the vocabulary table. With --vocab, the teacher's word list decides the words, as it does
    for the deck.

    \b
    Examples:
      flashcards lesson articles/tea-market.txt --pdf
      flashcards lesson articles/tea-market.txt --vocab tea-market.csv --ruby all -o class/
    """
    from .render.handout import write_handout, write_pdf

    chosen = _lesson(article, en, zh, vocab, _options(max_words, sandhi, known_files, no_known, level, names))
    html = write_handout(chosen, os.path.join(output, f"{chosen.slug}.html"), ruby, english != "hidden",
                         english_position="below" if english == "below" else "beside", paper=paper, full=full)
    click.echo(f"wrote {html}: {len(chosen.vocabulary)} words{_left_out(chosen)}")
    if pdf:
        target = os.path.join(output, f"{chosen.slug}.pdf")
        problem = write_pdf(html, target)
        click.echo(f"flashcards: {problem}" if problem else f"wrote {target}", err=bool(problem))


@main.command()
@click.argument("text", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@click.option("--sandhi", is_flag=True, help="Spoken tones (一 yí, 不 bú, 你好 níhǎo) instead of citation tones.")
def annotate(text: tuple[str, ...], fmt: str, sandhi: bool) -> None:
    """Show the words of Chinese TEXT with pinyin and meanings (standard input without TEXT).

    \b
    Examples:
      flashcards annotate 他在银行工作。
      echo 我长大了。 | flashcards annotate --format jsonl
    """
    import json

    import flashcards
    from .render.tabular import token_dict

    # line by line as it comes: a book on standard input is not held whole, nor its answer
    lines = iter(text) if text else (line.rstrip("\r\n") for line in sys.stdin)
    results = ({"text": line, "tokens": [token_dict(t) for t in flashcards.annotate(line, sandhi=sandhi)]}
               for line in lines)
    if fmt == "jsonl":
        for result in results:
            click.echo(json.dumps(result, ensure_ascii=False))
    elif fmt == "json":
        _echo_json_lines(results)
    else:
        for result in results:
            for token in result["tokens"]:
                if token["pinyin"] is None:
                    continue
                meaning = "; ".join(token["definitions"][:4])
                click.echo(f"{token['text']}\t{token['pinyin']}\t{meaning}")


def _echo_json_lines(results) -> None:
    """What ``json.dumps(results, indent=2)`` prints (one result alone: that object), item by item."""
    import json

    def dumped(result) -> str:
        return json.dumps(result, ensure_ascii=False, indent=2)

    first = next(results, None)
    second = next(results, None)
    if second is None:
        click.echo(dumped(first) if first is not None else "[]")
        return
    click.echo("[")
    previous = first
    for result in itertools.chain([second], results):
        click.echo(textwrap.indent(dumped(previous), "  ") + ",")
        previous = result
    click.echo(textwrap.indent(dumped(previous), "  ") + "\n]")


@main.group()
def known() -> None:
    """The store of words you know: build, export and lesson leave them out.

    \b
    Examples:
      flashcards known add 银行 朋友
      flashcards known import my-deck.apkg pleco-export.txt
      flashcards known list
    """


@known.command("add")
@click.argument("words", nargs=-1, required=True)
def known_add(words: tuple[str, ...]) -> None:
    """Add WORDS to the store.

    \b
    Example:
      flashcards known add 银行 朋友
    """
    from .importers import clean_word
    from .known import open_store
    from .text import has_cjk

    chosen: dict[str, None] = {}
    refused = 0
    for text in words:
        word = clean_word(text)
        if word is None:
            what = "a sentence, not a word" if has_cjk(text) else "not a Chinese word"
            click.echo(f"flashcards: {text!r} is {what}; it was not added", err=True)
            refused += 1
        else:
            chosen[word] = None
    with open_store() as store:
        added = store.add(chosen, source="command line")
    click.echo(f"added {added} words ({len(chosen) - added} already known)")
    if refused:
        sys.exit(1)


@known.command("remove")
@click.argument("words", nargs=-1, required=True)
def known_remove(words: tuple[str, ...]) -> None:
    """Remove WORDS from the store.

    \b
    Example:
      flashcards known remove 银行
    """
    from .known import open_store

    with open_store() as store:
        removed = store.remove(words)
    click.echo(f"removed {removed} words")


@known.command("list")
def known_list() -> None:
    """List the words in the store, one a line.

    \b
    Example:
      flashcards known list | wc -l
    """
    from .known import open_store

    with open_store(readonly=True) as store:
        for word in store.words():
            click.echo(word)


@known.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def known_import(paths: tuple[str, ...]) -> None:
    """Add the words of word lists, CSV/TSV files, Pleco exports or Anki decks and collections.

    \b
    Examples:
      flashcards known import words.txt
      flashcards known import "Chinese vocabulary.apkg" collection.anki2
    """
    from .importers import read_words
    from .known import open_store

    failed = 0
    with open_store() as store:
        for path in paths:
            try:
                words, warnings = read_words(path)
            except FlashcardsError as error:  # this file's line; the others are still read
                click.echo(f"flashcards: {error}", err=True)
                failed += 1
                continue
            for warning in warnings:
                click.echo(f"flashcards: {warning}", err=True)
            added = store.add(words, source=os.path.basename(path))
            click.echo(f"{path}: {len(words)} words, {added} new")
    if failed:
        sys.exit(1)


@known.command("export")
def known_export() -> None:
    """Write the store's words to standard output, one a line (a list `known import` reads back).

    \b
    Example:
      flashcards known export > known.txt
    """
    from .known import open_store

    with open_store(readonly=True) as store:
        click.echo(store.export_text(), nl=False)
