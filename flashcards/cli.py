"""The command line: each command parses its options and calls one library function."""

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
    """Turn a bilingual English/Chinese article into Anki decks.

    \b
    Example:
      flashcards build articles/tea-market.txt
    """


def _parallel_options(function):
    function = click.option("--zh", "zh", type=click.Path(dir_okay=True), help="The Chinese translation, with --en.")(function)
    function = click.option("--en", "en", type=click.Path(dir_okay=True), help="The English original, as a file of its own.")(function)
    return function


@main.command()
@click.argument("articles", nargs=-1, type=click.Path())
@_parallel_options
@click.option("-o", "--output", "output", default="decks", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the decks into.")
@click.option("--max-words", type=click.IntRange(min=0), default=None, help="Keep only the N hardest words.")
@click.option("--sandhi", is_flag=True, help="Sentence pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo).")
def build(articles: tuple[str, ...], en: str | None, zh: str | None, output: str, max_words: int | None,
          sandhi: bool) -> None:
    """Build an Anki deck (OUTPUT/<slug>.apkg) from each ARTICLE.

    An ARTICLE is a text or Markdown file with each English paragraph followed by its Chinese
    translation (or Chinese only). With --en and --zh, the two languages come in two files.

    \b
    Examples:
      flashcards build articles/tea-market.txt
      flashcards build --en articles/night-bus.en.txt --zh articles/night-bus.zh.txt -o out/
    """
    import flashcards
    from .errors import FlashcardsError, UsageError

    options = flashcards.Options(max_words=max_words, sandhi=sandhi)
    if not articles and en is None and zh is None:
        raise UsageError("give an ARTICLE file, or --en and --zh")
    jobs: list[dict] = [{"article": path} for path in articles]
    if en is not None or zh is not None:
        jobs.append({"en": en, "zh": zh})
    failed = 0
    for job in jobs:
        try:
            lesson = flashcards.build(**job, options=options)
            target = flashcards.write_deck(lesson, os.path.join(output, f"{lesson.slug}.apkg"))
        except FlashcardsError as error:
            if len(jobs) == 1:
                raise
            click.echo(f"flashcards: {error}", err=True)
            failed += 1
            continue
        sentences = len({s.pair.zh_text for s in lesson.sentences if s.pair.zh})
        click.echo(f"wrote {target}: {len(lesson.vocabulary)} vocabulary notes, {sentences} sentence notes"
                   f" ({lesson.title.zh or lesson.title.en or lesson.slug})")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("article", required=False, type=click.Path())
@_parallel_options
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "tsv"]), default="json", show_default=True)
@click.option("-o", "--output", "output", default="-", show_default=True, type=click.Path(allow_dash=True),
              help="File to write, or - for standard output.")
@click.option("--max-words", type=click.IntRange(min=0), default=None, help="Keep only the N hardest words.")
@click.option("--sandhi", is_flag=True, help="Sentence pinyin with spoken tones (一 yí, 不 bú, 你好 níhǎo).")
def export(article: str | None, en: str | None, zh: str | None, fmt: str, output: str, max_words: int | None,
           sandhi: bool) -> None:
    """Write the data behind the deck (sentences and vocabulary) as JSON, CSV or TSV.

    \b
    Example:
      flashcards export articles/tea-market.txt --format json -o -
    """
    import flashcards
    from .atomic import write_text

    lesson = flashcards.build(article, en=en, zh=zh, options=flashcards.Options(max_words=max_words, sandhi=sandhi))
    text = flashcards.export(lesson, fmt)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}: {len(lesson.vocabulary)} words, {len(lesson.sentences)} sentences", err=True)


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
