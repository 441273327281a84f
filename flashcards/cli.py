"""The command line: each command parses its options and calls the library.

Heavy libraries (jieba, pypinyin, genanki, jinja2, numpy) are imported inside the commands,
so that ``flashcards --help`` answers at once.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__


class _Group(click.Group):
    """Turns our errors into one line on stderr and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):
        from .errors import FlashcardsError

        try:
            return super().invoke(ctx)
        except FlashcardsError as error:
            click.echo(f"flashcards: {error}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("flashcards: interrupted; nothing was written", err=True)
            ctx.exit(130)
        except Exception as error:  # a bug of ours: still one line, unless asked for more
            if os.environ.get("FLASHCARDS_DEBUG"):
                raise
            click.echo(f"flashcards: internal error: {type(error).__name__}: {error} "
                       "(set FLASHCARDS_DEBUG=1 for details)", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashcards")
def main() -> None:
    """Turn a bilingual English/Chinese article into Anki decks and a class handout.

    \b
    Example:
      flashcards build articles/tea-market.txt
    """


def _lesson_options(function):
    """The options every command that reads an article shares."""
    for option in reversed([
        click.option("--en", "en", type=click.Path(), help="The English original, as a file of its own (with --zh)."),
        click.option("--zh", "zh", type=click.Path(), help="The Chinese translation, as a file of its own (with --en)."),
        click.option("--max-words", type=click.IntRange(min=0), default=None, help="Keep only the N hardest words."),
        click.option("--vocab", "vocab", type=click.Path(), default=None,
                     help="A teacher's word list (from 'export --format csv'): it decides the words."),
        click.option("--sandhi", is_flag=True, help="Sentence pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo)."),
    ]):
        function = option(function)
    return function


def _lesson(article: str | None, en: str | None, zh: str | None, max_words: int | None, sandhi: bool,
            vocab: str | None):
    """Build the lesson; with a word list, make it the selection and report its problems."""
    import flashcards

    lesson = flashcards.build(article, en=en, zh=zh, options=flashcards.Options(max_words=max_words, sandhi=sandhi))
    if vocab is not None:
        lesson, problems = flashcards.apply_word_list(lesson, vocab)
        for problem in problems:
            click.echo(f"flashcards: {problem}", err=True)
    return lesson


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
def build(articles: tuple[str, ...], en: str | None, zh: str | None, max_words: int | None, vocab: str | None,
          sandhi: bool, output: str, no_reverse: bool) -> None:
    """Build Anki decks from each ARTICLE: OUTPUT/<slug>.apkg for learners of Chinese, and
    OUTPUT/<slug>.reverse.apkg for Chinese speakers learning English.

    An ARTICLE is a text or Markdown file with each English paragraph followed by its Chinese
    translation (or Chinese only). With --en and --zh, the two languages come in two files.

    \b
    Examples:
      flashcards build articles/tea-market.txt
      flashcards build articles/*.txt -o my-decks/
      flashcards build --en articles/night-bus.en.txt --zh articles/night-bus.zh.txt
      flashcards build articles/tea-market.txt --vocab tea-market.csv
    """
    import flashcards
    from .errors import FlashcardsError, UsageError

    jobs: list[tuple[str | None, str | None, str | None]] = [(path, None, None) for path in articles]
    if en is not None or zh is not None:
        jobs.append((None, en, zh))
    if not jobs:
        raise UsageError("give an ARTICLE file, or --en and --zh")
    if vocab is not None and len(jobs) > 1:
        raise UsageError("--vocab is one article's word list: build one article at a time with it")
    failed = 0
    for article, en_file, zh_file in jobs:
        try:
            lesson = _lesson(article, en_file, zh_file, max_words, sandhi, vocab)
            target = flashcards.write_deck(lesson, os.path.join(output, f"{lesson.slug}.apkg"))
            reverse = None if no_reverse else flashcards.write_reverse_deck(
                lesson, os.path.join(output, f"{lesson.slug}.reverse.apkg"), max_words)
        except FlashcardsError as error:
            if len(jobs) == 1:
                raise
            click.echo(f"flashcards: {error}", err=True)
            failed += 1
            continue
        click.echo(f"wrote {target}: {_summary(lesson)}")
        if reverse is not None:
            path, items = reverse
            if path is None:
                click.echo(f"  {items}")  # why there is none
            else:
                english = len({s.pair.en_text for s in lesson.sentences if s.pair.en and s.pair.zh})
                click.echo(f"wrote {path}: {len(items)} English words, {english} English sentences")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("article", required=False, type=click.Path())
@_lesson_options
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "tsv"]), default="json", show_default=True,
              help="json: everything; csv: the teacher's word list to edit; tsv: the vocabulary table.")
@click.option("-o", "--output", "output", default="-", show_default=True, type=click.Path(allow_dash=True),
              help="File to write, or - for standard output.")
def export(article: str | None, en: str | None, zh: str | None, max_words: int | None, vocab: str | None,
           sandhi: bool, fmt: str, output: str) -> None:
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

    lesson = _lesson(article, en, zh, max_words, sandhi, vocab)
    text = flashcards.export(lesson, fmt)
    if output == "-":
        click.echo(text, nl=False)
        return
    # A BOM lets Excel open the word list's Chinese as UTF-8.
    write_text(output, text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    click.echo(f"wrote {output}: {len(lesson.vocabulary)} words, {len(lesson.sentences)} sentences", err=True)


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
def lesson(article: str | None, en: str | None, zh: str | None, max_words: int | None, vocab: str | None,
           sandhi: bool, output: str, ruby: str, english: str, paper: str, pdf: bool) -> None:
    """Write a printable handout (OUTPUT/<slug>.html) for a class reading ARTICLE.

    The article with pinyin over the chosen words and its English beside it, a gloss at each
    word's first use, the vocabulary table, exercises and an answer key on its own page. With
    --vocab, the teacher's word list decides the words, as it does for the deck.

    \b
    Examples:
      flashcards lesson articles/tea-market.txt --pdf
      flashcards lesson articles/tea-market.txt --vocab tea-market.csv --ruby all -o class/
    """
    from .render.handout import write_handout, write_pdf

    chosen = _lesson(article, en, zh, max_words, sandhi, vocab)
    html = write_handout(chosen, os.path.join(output, f"{chosen.slug}.html"), ruby, english != "hidden",
                         english_position="below" if english == "below" else "beside", paper=paper)
    click.echo(f"wrote {html}: {len(chosen.vocabulary)} words")
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

    lines = list(text) if text else sys.stdin.read().splitlines()
    results = [{"text": line, "tokens": [token_dict(t) for t in flashcards.annotate(line, sandhi=sandhi)]}
               for line in lines]
    if fmt == "jsonl":
        for result in results:
            click.echo(json.dumps(result, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(results if len(results) != 1 else results[0], ensure_ascii=False, indent=2))
    else:
        for result in results:
            for token in result["tokens"]:
                if token["pinyin"] is None:
                    continue
                meaning = "; ".join(token["definitions"][:4])
                click.echo(f"{token['text']}\t{token['pinyin']}\t{meaning}")
