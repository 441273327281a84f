"""Word lists in every format ``known import`` reads: text files of ours, Anki files made here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import flashcards
from flashcards.errors import InputError
from flashcards.importers import ANKI_INSTALL_HINT, clean_word, parse_text, read_words

DATA = Path(__file__).resolve().parent / "data" / "known"


# --------------------------------------------------------------------------------------------
# Cleaning one cell, field or line


@pytest.mark.parametrize(("text", "word"), [
    ("银行", "银行"),                       # bank
    (" 银行 yínháng bank", "银行"),         # the first field with Chinese
    ("<b>银</b>行", "银行"),                # Anki field HTML
    ("&nbsp;银行<br>", "银行"),             # entities and line breaks
    ("银[yín]行[háng]", "银行"),            # ruby readings of Anki's Chinese add-ons
    ("银行[銀行]", "银行"),                 # Pleco: simplified[traditional]
    ("银行 (yínháng)", "银行"),             # a reading in brackets
    ("银行[sound:yinhang.mp3]", "银行"),    # Anki audio
    ("1. 春天", "春天"),                    # numbered lists: spring
    ("「故事」", "故事"),                   # quotation marks around: story
    ("卡拉OK", "卡拉OK"),                  # letters inside a word stay: karaoke
    ("T恤", "T恤"),                        # T-shirt
    ("加油!", "加油"),                     # an exclamation is still a word
    ("银 行", "银"),                       # whitespace separates fields
])
def test_a_word_is_cleaned_out_of_its_cell(text, word):
    assert clean_word(text) == word


@pytest.mark.parametrize("text", [
    "hello",
    "",
    "yínháng",
    "我的很多朋友都笑了。",          # a sentence: "many of my friends laughed."
    "朋友们好,再见",                 # two clauses: "hello friends, goodbye"
    "这是一个非常非常非常非常长的没有标点的句子",  # longer than any word
])
def test_text_without_a_word_gives_none(text):
    assert clean_word(text) is None


# --------------------------------------------------------------------------------------------
# Text formats


def test_a_plain_list_skips_comments_blank_and_english_lines(tmp_path):
    words, warnings = read_words(DATA / "plain.txt")
    # bank, bicycle, spring, story: each once, in file order
    assert words == ["银行", "自行车", "春天", "故事"]
    assert warnings == [f"{DATA / 'plain.txt'}: skipped 1 line without a Chinese word (line 6)"]


def test_a_csv_file_takes_the_column_named_hanzi_even_when_it_is_not_first():
    words, warnings = read_words(DATA / "words.csv")
    assert words == ["银行", "自行车", "春天", "故事"]
    assert warnings == [f"{DATA / 'words.csv'}: skipped 1 row without a Chinese word (row 5)"]


def test_a_tsv_file_without_header_takes_its_first_column():
    words, warnings = read_words(DATA / "words.tsv")
    assert words == ["银行", "自行车", "冬天"]  # bank, bicycle, winter
    assert warnings == []


def test_a_pleco_export_skips_categories_and_takes_the_simplified_headword():
    words, warnings = read_words(DATA / "pleco.txt")
    assert words == ["银行", "自行车", "大街", "冬天"]  # bank, bicycle, main street, winter
    assert warnings == []


@pytest.mark.parametrize(("header", "expected"), [
    ("Simplified;Traditional;Pinyin", "银行"),
    ("Traditional;Simplified;Pinyin", "银行"),
    ("词语;拼音;释义", "银行"),
    ("Simplified Chinese;Traditional Chinese;Pinyin", "银行"),
])
def test_a_table_finds_its_word_column_by_name_with_any_delimiter(tmp_path, header, expected):
    rows = {"Simplified": "银行", "Traditional": "銀行", "Pinyin": "yínháng", "词语": "银行",
            "拼音": "yínháng", "释义": "bank", "Simplified Chinese": "银行", "Traditional Chinese": "銀行"}
    path = tmp_path / "list.csv"
    path.write_text(f"{header}\n" + ";".join(rows[name] for name in header.split(";")) + "\n", encoding="utf-8")
    assert read_words(path) == ([expected], [])


def test_a_txt_file_whose_first_row_names_the_word_column_is_read_as_a_table():
    words, _ = parse_text("English,Word\nbank,银行\nwinter,冬天\n", "list.txt", ".txt")
    assert words == ["银行", "冬天"]


def test_a_table_of_utf16_from_excel_is_read(tmp_path):
    path = tmp_path / "excel.txt"
    path.write_bytes("Hanzi\tEnglish\r\n银行\tbank\r\n".encode("utf-16"))
    assert read_words(path) == (["银行"], [])


def test_anki_plain_text_export_skips_the_deck_column():
    text = ("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
            "a1b2\tBasic\t城市::词汇\t银行\tbank\n"
            "c3d4\tBasic\t城市::词汇\t冬天\twinter\n")
    assert parse_text(text, "notes.txt", ".txt") == (["银行", "冬天"], [])


def test_an_empty_list_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("# nothing Chinese here\nbank\n", encoding="utf-8")
    words, warnings = read_words(path)
    assert words == []
    assert warnings[-1] == f"{path}: no Chinese words found"


# --------------------------------------------------------------------------------------------
# Anki files


@pytest.fixture(scope="module")
def own_deck(small_lesson, tmp_path_factory) -> Path:
    """An .apkg made by flashcards itself (zstd-free genanki format, read through Anki)."""
    return flashcards.write_deck(small_lesson, tmp_path_factory.mktemp("deck") / "bikes.apkg")


# bank, bicycle, winter (in HTML); no Chinese; a sentence ("the weather is fine today.")
ANKI_WORDS = ["银行", "自行车", "<b>冬天</b>", "hello", "今天天气很好。"]


def _anki_collection(folder: Path):
    """A real collection with "Basic" notes, Chinese in the Front field (not named like Hanzi)."""
    from anki.collection import Collection

    col = Collection(str(folder / "collection.anki2"))
    basic = col.models.by_name("Basic")
    deck = col.decks.id("Default")
    for front in ANKI_WORDS:
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, "meaning"
        col.add_note(note, deck)
    return col


def test_an_apkg_made_by_flashcards_gives_its_vocabulary_but_not_its_sentences(own_deck, small_lesson):
    words, warnings = read_words(own_deck)
    assert words == [item.word for item in small_lesson.vocabulary]
    assert warnings == []


def test_a_bare_collection_gives_the_first_field_with_chinese(tmp_path):
    col = _anki_collection(tmp_path)
    col.close()
    path = tmp_path / "collection.anki2"
    before = path.read_bytes()
    words, warnings = read_words(path)
    assert words == ["银行", "自行车", "冬天"]
    assert warnings == [f"{path}: skipped 1 note without a Chinese field (note 4)",
                        f"{path}: skipped 1 note with a sentence, not a word (note 5)"]
    assert path.read_bytes() == before, "the user's collection is read from a copy, never changed"


@pytest.mark.parametrize("legacy", [False, True], ids=["zstd-anki21b", "legacy-anki21"])
def test_a_colpkg_is_read_in_new_and_legacy_formats(tmp_path, legacy):
    import zipfile

    col = _anki_collection(tmp_path)
    path = tmp_path / "backup.colpkg"
    col.export_collection_package(str(path), include_media=False, legacy=legacy)
    inside = set(zipfile.ZipFile(path).namelist())
    assert ("collection.anki21b" in inside) != legacy
    words, _ = read_words(path)
    assert words == ["银行", "自行车", "冬天"]


def test_an_apkg_exported_by_anki_is_read(tmp_path):
    from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

    col = _anki_collection(tmp_path)
    path = tmp_path / "shared.apkg"
    col.export_anki_package(out_path=str(path), limit=DeckIdLimit(col.decks.id("Default")),
                            options=ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                                             with_media=False, legacy=False))
    col.close()
    assert read_words(path)[0] == ["银行", "自行车", "冬天"]


def test_a_field_named_like_hanzi_wins_over_the_first_chinese_field(tmp_path):
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    models = col.models
    notetype = models.new("Chinese (Traditional first)")
    for name in ("Traditional", "Simplified", "Meaning"):
        models.add_field(notetype, models.new_field(name))
    template = models.new_template("Card 1")
    template["qfmt"], template["afmt"] = "{{Simplified}}", "{{Meaning}}"
    models.add_template(notetype, template)
    models.add(notetype)
    note = col.new_note(models.by_name("Chinese (Traditional first)"))
    note["Traditional"], note["Simplified"], note["Meaning"] = "銀行", "银行", "bank"
    col.add_note(note, col.decks.id("Default"))
    col.close()
    assert read_words(tmp_path / "collection.anki2") == (["银行"], [])


def test_without_the_anki_package_the_user_is_told_what_to_install(own_deck, monkeypatch):
    monkeypatch.setitem(sys.modules, "anki", None)
    monkeypatch.setitem(sys.modules, "anki.collection", None)
    with pytest.raises(InputError) as raised:
        read_words(own_deck)
    assert str(raised.value) == f"{own_deck}: {ANKI_INSTALL_HINT}"


# --------------------------------------------------------------------------------------------
# Files that are not word lists


def test_binary_garbage_is_refused_in_one_line(tmp_path):
    path = tmp_path / "garbage.bin"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as raised:
        read_words(path)
    assert "\n" not in str(raised.value) and str(raised.value).startswith(str(path))


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("deck.apkg", b"not a zip at all", "is not an Anki package (not a zip file)"),
    ("collection.anki2", b"no database here", "is not an Anki collection (not an SQLite database)"),
    ("words.xlsx", b"PK\x03\x04rest", "is a spreadsheet: save it as CSV (or TSV) and import that"),
])
def test_a_file_that_only_claims_a_format_is_refused(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_words(path)
    assert raised.value.problem == problem


def test_a_zip_without_a_collection_is_not_an_anki_package(tmp_path):
    import zipfile

    path = tmp_path / "photos.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a collection")
    with pytest.raises(InputError, match="not an Anki package"):
        read_words(path)


def test_an_sqlite_file_that_is_not_a_collection_is_refused_untouched(tmp_path):
    import sqlite3

    path = tmp_path / "other.anki2"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE things (name TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="not an Anki collection"):
        read_words(path)
    assert path.read_bytes() == before


def test_missing_files_and_folders_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_words(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="is a directory, not a word list"):
        read_words(tmp_path)
    (tmp_path / "old.csv").symlink_to(tmp_path / "deleted.csv")
    with pytest.raises(InputError, match="is a link to .*deleted.csv, which does not exist"):
        read_words(tmp_path / "old.csv")
