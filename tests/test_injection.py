"""Text from an article is data everywhere it goes: never a spreadsheet formula, never Anki markup.

A sentence such as ``=HYPERLINK(...)`` runs as a formula when the teacher opens the word list in
Excel or LibreOffice; ``[sound:x.mp3]`` on a card plays a sound (and vanishes from the card); a
title with ``:::`` nests decks. Cells are neutralised with a leading apostrophe (OWASP) and reading
the word list back removes exactly that.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest

from .commandline import assert_no_traceback, flashcards
from .conftest import import_apkg

# Our own sentences, written to look like formulas and Anki markup.
HOSTILE = """\
茶馆:::夜晚 [sound:title.mp3]

Tea House:::Night

=HYPERLINK("http://evil.example","click") The market opens before dawn [sound:boom.mp3] and traders bring tea.

=HYPERLINK("http://evil.example","点击")市场天亮之前就开门了[sound:boom.mp3],茶农从山上带来茶叶。

-2+3 people came to the market. @SUM(1,1) is what they paid for {{Hanzi}}.

-2+3个人来到市场。@SUM(1,1)是他们为{{Hanzi}}付的钱。

+1, said the old teacher, who believes in it.

+1,老师说他支持这种主义。
"""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def _cells(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_no_exported_cell_starts_a_formula(hostile, tmp_path, fmt, delimiter):
    target = tmp_path / f"words.{fmt}"
    result = flashcards("export", hostile, "--format", fmt, "-o", target)
    assert result.returncode == 0, result.stderr
    rows = _cells(target.read_text(encoding="utf-8-sig"), delimiter)
    cells = [cell for row in rows for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)  # the sentence is there, as text
    assert any(cell.startswith("'-2+3") for cell in cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]


def test_a_dictionary_meaning_that_starts_with_a_dash_is_neutralised_too(hostile):
    # CC-CEDICT's 主义 is "-ism; ideology"
    result = flashcards("export", hostile, "--format", "csv")
    assert result.returncode == 0, result.stderr
    meanings = {row[0]: row[2] for row in _cells(result.stdout, ",")[1:]}
    assert meanings["主义"].startswith("'-ism")


def test_the_word_list_comes_back_exactly_as_it_was_written(hostile, tmp_path):
    first = tmp_path / "first.csv"
    assert flashcards("export", hostile, "--format", "csv", "-o", first).returncode == 0
    second = tmp_path / "second.csv"
    result = flashcards("export", hostile, "--vocab", first, "--format", "csv", "-o", second)
    assert result.returncode == 0, result.stderr
    assert second.read_bytes() == first.read_bytes()
    # and the lesson read back has the article's text, without the apostrophes
    data = flashcards("export", hostile, "--vocab", first, "--format", "json")
    assert '"sentence": "=HYPERLINK' not in data.stdout  # sentences are ids in JSON
    import json

    lesson = json.loads(data.stdout)
    meanings = {item["word"]: item["definitions"] for item in lesson["vocabulary"]}
    assert meanings["主义"][0] == "-ism", meanings["主义"]


def test_neutralising_is_undone_exactly():
    from flashcards.wordlist import neutralised, restored

    for cell in ("=SUM(1,1)", "'=SUM(1,1)", "''-2", "+", "-", "@", "\tx", "\rx", "'", "''", "'quoted'", "plain",
                 "", "主义"):
        assert restored(neutralised(cell)) == cell, cell
        assert not neutralised(cell).startswith(FORMULA_START), cell


def test_a_teachers_apostrophe_before_a_formula_is_read_as_text(hostile, tmp_path):
    words = tmp_path / "words.csv"
    words.write_text("word,meaning\n主义,'-ism (a teacher's own)\n", encoding="utf-8")
    result = flashcards("export", hostile, "--vocab", words, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"-ism (a teacher\'s own)"' in result.stdout


def test_csv_to_standard_output_has_a_byte_order_mark_as_a_file_has(hostile, tmp_path):
    result = flashcards("export", hostile, "--format", "csv", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeffword,")


# --- Anki ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_collection(hostile, tmp_path_factory):
    from anki.collection import Collection

    out = tmp_path_factory.mktemp("decks")
    result = flashcards("build", hostile, "-o", out)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    col = Collection(str(tmp_path_factory.mktemp("collection") / "collection.anki2"))
    for deck in ("hostile.apkg", "hostile.reverse.apkg"):
        import_apkg(col, out / deck)
    yield col
    col.close()


def test_a_sound_tag_in_the_article_plays_nothing_and_is_shown_as_text(hostile_collection):
    col = hostile_collection
    shown = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        sounds = [tag for tag in card.question_av_tags() + card.answer_av_tags() if hasattr(tag, "filename")]
        assert sounds == [], sounds
        shown.append(html.unescape(re.sub(r"<[^>]+>", "", card.answer())))
    text = "\n".join(shown)
    assert "[sound:boom.mp3]" in text  # on the Chinese and the English side
    assert text.count("[sound:boom.mp3]") >= 2
    assert "{{Hanzi}}" in text


def test_a_title_with_a_run_of_colons_makes_no_nested_decks(hostile_collection):
    names = [deck.name for deck in hostile_collection.decks.all_names_and_ids()]
    ours = [name for name in names if name != "Default"]
    tops = {name.split("::")[0] for name in ours}
    assert len(tops) == 2, ours  # the Chinese deck and the English deck, nothing nested under "夜晚"
    for name in ours:
        assert name.count("::") <= 1, name


# --- what a card gives away ---------------------------------------------------------------------

TWICE = """\
The ferry waits at the pier, and the ferry leaves when the whistle blows.

渡船在码头等候,汽笛一响渡船就开走。

Lanterns hang over the harbour; lanterns glow until the fishermen come home.

灯笼挂在港口上方;灯笼一直亮到渔民回家。
"""


def test_the_cloze_card_hides_every_use_of_the_word_in_its_sentence(tmp_path, collection):
    article = tmp_path / "ferry.txt"
    article.write_text(TWICE, encoding="utf-8")
    out = tmp_path / "out"
    result = flashcards("build", article, "-o", out)
    assert result.returncode == 0, result.stderr
    import_apkg(collection, out / "ferry.reverse.apkg")
    checked = 0
    for card_id in collection.find_cards("card:2"):  # 填空 Cloze
        card = collection.get_card(card_id)
        word = card.note()["Word"]
        question = html.unescape(re.sub(r"<[^>]+>", " ", card.question()))
        if word in ("ferry", "lantern"):
            checked += 1
            assert not re.search(rf"\b{word}s?\b", question, re.I), (word, question)
    assert checked == 2
