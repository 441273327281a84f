"""The teacher's word list: export, edit as a teacher would, rebuild; the deck and handout follow."""

from __future__ import annotations

import csv
import io
from dataclasses import fields

import pytest

import flashcards
from flashcards.errors import InputError
from flashcards.models import VocabularyItem
from flashcards.render.anki import SENTENCE_MODEL_ID, VOCABULARY_MODEL_ID, write_apkg
from flashcards.render.handout import render_handout
from flashcards.wordlist import (WORDLIST_COLUMNS, ChosenItem, apply_wordlist, apply_wordlist_file, note_of,
                                 parse_pinyin, parse_wordlist, read_wordlist, to_csv, write_wordlist)

from .conftest import ARTICLES, every_word, import_apkg
from .test_handout import Page


@pytest.fixture(scope="module")
def lesson():
    return flashcards.build(ARTICLES / "tea-market.txt", options=every_word())


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def plain(item: VocabularyItem) -> tuple:
    """An item's fields as the models define them (a ChosenItem's note left out)."""
    return tuple(getattr(item, field.name) for field in fields(VocabularyItem))


def write_as_excel(path, rows: list[dict[str, str]]) -> None:
    """What Excel's "CSV UTF-8" writes: a byte-order mark and CRLF line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def test_the_word_list_has_the_teachers_columns_and_one_row_a_word(lesson):
    text = to_csv(lesson)
    assert text.splitlines()[0] == ",".join(WORDLIST_COLUMNS)
    rows = table(text)
    assert [row["word"] for row in rows] == [item.word for item in lesson.vocabulary]
    bank = next(row for row in rows if row["word"] == "银行")
    assert bank["pinyin"] == "yínháng" and bank["meaning"] == "bank" and bank["english"] == "bank"
    assert bank["sentence"] == "市场还是五点开门,比街角那家银行亮灯早得多。"
    assert {row["include"] for row in rows} == {"yes"} and {row["note"] for row in rows} == {""}


def test_an_unedited_list_gives_back_the_same_vocabulary(lesson, tmp_path):
    path = write_wordlist(lesson, tmp_path / "words.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows, problems = read_wordlist(path)
    assert problems == []
    chosen = apply_wordlist(lesson, rows)
    assert [plain(item) for item in chosen.vocabulary] == [plain(item) for item in lesson.vocabulary]
    assert all(isinstance(item, ChosenItem) for item in chosen.vocabulary)
    assert chosen.sentences == lesson.sentences and chosen.notes == ()
    assert lesson.vocabulary and not isinstance(lesson.vocabulary[0], ChosenItem), "the input is not changed"


def teacher_edit(lesson, path) -> None:
    """Export, then edit as a teacher: drop words, correct a meaning and a reading, add words."""
    rows = table(to_csv(lesson))
    rows = [row for row in rows if row["word"] != "收据"]  # deleting the row drops the word too
    for row in rows:
        if row["word"] == "银行":
            row["include"] = "no"
        if row["word"] == "市场":
            row["meaning"] = "market; bazaar"
            row["note"] = "our market, not the stock market"
        if row["word"] == "一直":
            row["pinyin"] = "yi4 zhi2"  # tone sandhi, as the class says it
    empty = dict.fromkeys(WORDLIST_COLUMNS, "")
    rows.append({**empty, "word": "茶叶市场", "meaning": "tea market", "include": "yes", "note": "the title"})
    rows.append({**empty, "word": "茶馆", "sentence": "我们常去茶馆喝茶。", "include": "yes"})
    write_as_excel(path, rows)


def test_round_trip_the_deck_and_the_handout_show_the_teachers_choices(lesson, tmp_path, collection):
    path = tmp_path / "words.csv"
    teacher_edit(lesson, path)
    chosen, problems = apply_wordlist_file(lesson, path)
    line = len(lesson.vocabulary) + 2  # the header, our rows less the deleted one, then 茶叶市场
    assert problems == [f"{path}:{line}: 茶馆 is not in the article; its card has your sentence"]

    # the vocabulary
    words = [item.word for item in chosen.vocabulary]
    assert "银行" not in words and "收据" not in words
    assert words[-2:] == ["茶叶市场", "茶馆"]
    by_word = {item.word: item for item in chosen.vocabulary}
    assert by_word["市场"].definitions == ("market", "bazaar")
    assert note_of(by_word["市场"]) == "our market, not the stock market"
    assert by_word["一直"].pinyin == "yìzhí" and by_word["一直"].pinyin_numbered == "yi4 zhi2"
    assert by_word["茶叶市场"].definitions == ("tea market",)
    assert by_word["茶叶市场"].pinyin == "cháyèshìchǎng" and by_word["茶叶市场"].english == "tea market"
    assert chosen.sentence_by_id(by_word["茶叶市场"].sentence).pair.id == "s1"
    assert by_word["茶馆"].definitions[0] == "teahouse" and by_word["茶馆"].pinyin == "cháguǎn"
    extra = chosen.sentence_by_id(by_word["茶馆"].sentence)
    assert extra.pair.zh_text == "我们常去茶馆喝茶。" and extra.pair.paragraph == -1

    # the deck, imported into a real Anki collection
    deck = write_apkg(chosen, tmp_path / "tea-market.apkg")
    log = import_apkg(collection, deck)
    assert log.found_notes == len(chosen.vocabulary) + len({s.pair.zh_text for s in chosen.sentences if s.pair.zh})

    def note(word):
        found = collection.find_notes(f'"mid:{VOCABULARY_MODEL_ID}" "Hanzi:{word}"')
        return collection.get_note(found[0]) if found else None

    assert note("银行") is None and note("收据") is None
    assert collection.find_notes(f"mid:{VOCABULARY_MODEL_ID}").__len__() == len(chosen.vocabulary)
    assert note("市场")["Meaning"] == "market; bazaar"
    assert note("一直")["PinyinNumbered"] == "yi4 zhi2"
    assert note("茶叶市场")["Meaning"] == "tea market"
    assert '<span class="hl">茶馆</span>' in note("茶馆")["Sentence"]
    assert collection.find_notes(f'"mid:{SENTENCE_MODEL_ID}" "Hanzi:我们常去茶馆喝茶。"')

    # the handout, made from the same lesson
    page = Page(render_handout(chosen, full=True))
    listed = [attributes["data-word"] for attributes, _text in page.find("tbody", class_="entry")]
    assert listed == words
    rubies = set(page.rubies)
    assert not any(base == "银行" for base, _reading in rubies), "a dropped word gets no pinyin"
    assert ("茶叶市场", "cháyèshìchǎng") in rubies and ("一直", "yìzhí") in rubies
    vocabulary = page.section("vocabulary")
    assert "market; bazaar" in vocabulary and "our market, not the stock market" in vocabulary
    assert "我们常去茶馆喝茶。" in vocabulary
    assert "我们常去茶馆喝茶。" not in page.section("article"), "the teacher's sentence is not the article's"

    # a rebuild with the same file gives the same lesson, deck notes and handout
    again, _problems = apply_wordlist_file(flashcards.build(ARTICLES / "tea-market.txt", options=every_word()), path)
    assert again.vocabulary == chosen.vocabulary and again.sentences == chosen.sentences
    assert render_handout(again) == render_handout(chosen)

    # and exporting again gives the teacher's list back, notes included
    exported = table(to_csv(chosen))
    assert [row["word"] for row in exported] == words
    assert next(row for row in exported if row["word"] == "市场")["note"] == "our market, not the stock market"


def test_malformed_rows_are_reported_with_their_line_and_the_rest_still_applies(lesson, tmp_path):
    path = tmp_path / "words.csv"
    path.write_text(
        "word,pinyin,meaning,english,sentence,include,note\n"   # 1
        '市场,,"market; fair",,,yes,"two\n'                        # 2
        'lines"\n'                                                 # 3
        "银行,,,,,maybe,\n"                                         # 4
        ",shi4,,,,yes,\n"                                           # 5
        "茶叶,shi4,,,,yes,\n"                                       # 6
        "\n"                                                        # 7
        "# a comment the teacher keeps\n"                           # 8
        "文章,,,,,Y,\n"                                             # 9
        "市场,,,,,yes,\n",                                          # 10
        encoding="utf-8")
    rows, problems = read_wordlist(path)
    assert problems == [f"{path}:4: include must be yes or no, not 'maybe'; the row for 银行 was left out",
                        f"{path}:5: word is empty; the row was left out"]
    assert [(row.word, row.line) for row in rows] == [("市场", 2), ("茶叶", 6), ("文章", 9), ("市场", 10)]
    assert rows[0].note == "two\nlines"
    chosen, all_problems = apply_wordlist_file(lesson, path)
    assert all_problems == problems + [
        f"{path}:6: pinyin 'shi4' cannot be read as 2 syllables; kept cháyè for 茶叶",
        f"{path}:10: 市场 is already on line 2; this row was left out",
    ]
    assert [item.word for item in chosen.vocabulary] == ["市场", "茶叶", "文章"]
    assert chosen.vocabulary[0].definitions == ("market", "fair")
    assert chosen.vocabulary[1].pinyin == "cháyè"


@pytest.mark.parametrize("encoding, delimiter, newline", [
    ("utf-8", ",", "\n"),          # a text editor
    ("utf-8-sig", ",", "\r\n"),    # Excel, "CSV UTF-8"
    ("utf-16", "\t", "\r\n"),      # Excel, "Unicode text"
    ("gb18030", ",", "\r\n"),      # Excel's plain "CSV" on a Chinese Windows
    ("utf-8-sig", ";", "\r\n"),    # Excel where the decimal separator is a comma
])
def test_reads_what_spreadsheets_write(tmp_path, encoding, delimiter, newline):
    header = ["Include", "Word", "Note", "Pinyin", "Teacher's column", "Meaning"]
    records = [["yes", "银行", "see 行", "yínháng", "x", "bank; savings bank"],
               ["no", "市场", "", "", "", ""],
               ["", "茶馆", "", "cha2 guan3", "", ""]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows([header] + records)
    path = tmp_path / "words.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    rows, problems = read_wordlist(path)
    assert problems == []
    assert [(r.word, r.pinyin, r.meaning, r.include, r.note, r.line) for r in rows] == [
        ("银行", "yínháng", "bank; savings bank", True, "see 行", 2),
        ("市场", "", "", False, "", 3),
        ("茶馆", "cha2 guan3", "", True, "", 4),
    ]


def test_a_file_without_a_word_column_is_an_error(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("hanzi?,pinyin\n银行,yínháng\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'word' column"):
        read_wordlist(path)
    with pytest.raises(InputError, match="no such file"):
        read_wordlist(tmp_path / "missing.csv")


def test_the_export_table_can_be_fed_back_too(lesson):
    """A teacher who edited ``export --format csv`` (definitions column) is understood as well."""
    rows, problems = parse_wordlist(flashcards.export(lesson, "csv"), "export.csv")
    assert problems == [] and [row.word for row in rows] == [item.word for item in lesson.vocabulary]
    chosen = apply_wordlist(lesson, rows)
    assert [plain(item) for item in chosen.vocabulary] == [plain(item) for item in lesson.vocabulary]


def test_a_word_missing_from_the_article_and_its_sentence_gets_an_empty_example(lesson, tmp_path, collection):
    rows, _ = parse_wordlist("word,meaning\n茶馆,\n电脑,computer\n", "w.csv")
    chosen = apply_wordlist(lesson, rows)
    assert [item.word for item in chosen.vocabulary] == ["茶馆", "电脑"]
    assert chosen.notes == ("w.csv:2: 茶馆 is not in the article; its card has no example sentence",
                            "w.csv:3: 电脑 is not in the article; its card has no example sentence")
    extra = [s for s in chosen.sentences if s.pair.paragraph < 0]
    assert [(s.pair.id, s.pair.zh, s.pair.en) for s in extra] == [("x1", (), ()), ("x2", (), ())]
    log = import_apkg(collection, write_apkg(chosen, tmp_path / "deck.apkg"))
    sentence_cards = len({s.pair.zh_text for s in lesson.sentences if s.pair.zh})
    assert log.found_notes == 2 + sentence_cards, "an empty example makes no sentence card"
    render_handout(chosen)  # and the handout does not trip over it


def test_the_teachers_sentence_chooses_which_use_of_a_word_the_card_shows(lesson):
    later = next(s for s in lesson.sentences if "茶叶" in s.pair.zh_text and s.pair.id != "s1")
    rows, _ = parse_wordlist(f"word,sentence\n茶叶,{later.pair.zh_text}\n", "w.csv")
    chosen = apply_wordlist(lesson, rows)
    assert chosen.vocabulary[0].sentence == later.pair.id
    assert chosen.notes == ()


@pytest.mark.parametrize("text, count, expected", [
    ("yínháng", 2, ("yin2", "hang2")),
    ("yin2 hang2", 2, ("yin2", "hang2")),
    ("yin2hang2", 2, ("yin2", "hang2")),
    ("Xī'ān", 2, ("Xi1", "an1")),
    ("xian", 2, ("xi5", "an5")),
    ("xiān", 1, ("xian1",)),
    ("fāngàn", 2, ("fan1", "gan4")),  # no apostrophe: fān + gàn, not fāng + àn
    ("péngyou", 2, ("peng2", "you5")),
    ("nǎr", 2, ("na3", "r5")),
    ("nǚér", 2, ("nü3", "er2")),
    ("lv4", 1, ("lü4",)),
    ("lu:4", 1, ("lü4",)),
    ("Wú Ēndá", 3, ("Wu2", "En1", "da2")),
])
def test_pinyin_as_teachers_type_it(text, count, expected):
    assert parse_pinyin(text, count) == expected


@pytest.mark.parametrize("text, count", [("yin", 2), ("hello", 1), ("bāàn", 1), ("", 1)])
def test_pinyin_that_does_not_fit_is_refused_with_a_reason(text, count):
    with pytest.raises(ValueError, match="pinyin"):
        parse_pinyin(text, count)
