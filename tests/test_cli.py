"""The command line, end to end."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.cli import main

from .conftest import ARTICLES, ROOT, import_apkg

COMMANDS = sorted(main.commands)


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    assert f"flashcards {command}" in (ROOT / "README.md").read_text("utf-8")


def test_help_does_not_load_the_heavy_libraries():
    code = ("import sys; from flashcards.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = {'jieba', 'pypinyin', 'genanki', 'jinja2', 'pysbd', 'wordfreq', 'simplemma'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]"), out


def test_build_writes_the_deck_and_says_what_it_wrote(tmp_path, small_article, collection):
    result = run("build", small_article, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    deck = tmp_path / "bikes.apkg"
    assert deck.exists()
    assert str(deck) in result.output and "vocabulary notes" in result.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary files left behind"
    log = import_apkg(collection, deck)
    assert len(log.new) > 10


def test_build_writes_the_reverse_deck_unless_asked_not_to(tmp_path, small_article):
    result = run("build", small_article, "-o", tmp_path / "both")
    assert (tmp_path / "both" / "bikes.reverse.apkg").exists()
    assert "bikes.reverse.apkg" in result.output and "English words" in result.output
    run("build", small_article, "-o", tmp_path / "one", "--no-reverse")
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["bikes.apkg"]


def test_a_chinese_only_article_gets_no_reverse_deck_and_the_summary_says_why(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("今天很冷,我们在家包饺子。\n", encoding="utf-8")
    result = run("build", path, "-o", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["zh.apkg"]
    assert "no reverse deck: the article has no English text" in result.output


def test_build_from_parallel_files(tmp_path):
    result = run("build", "--en", ARTICLES / "night-bus.en.txt", "--zh", ARTICLES / "night-bus.zh.txt",
                 "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "night-bus.apkg").exists()


def test_export_json_has_sentences_with_english_and_vocabulary(small_article):
    result = run("export", small_article, "--format", "json", "-o", "-", "--level", "0")
    data = json.loads(result.stdout)
    assert data["title"] == {"en": "Bicycles in the City", "zh": "城市里的自行车"}
    assert data["source"] == "https://example.org/bikes"
    ids = {s["id"] for s in data["sentences"]}
    sponsor = next(s for s in data["sentences"] if "赞助" in s["zh"])
    assert sponsor["en"] == "The bank on Main Street sponsors the scheme."
    bank = next(v for v in data["vocabulary"] if v["word"] == "银行")
    assert bank["pinyin"] == "yínháng"
    assert bank["pinyin_numbered"] == "yin2 hang2"
    assert bank["english"] == "bank"
    assert bank["sentence"] in ids
    assert all(set(v) >= {"word", "pinyin", "pinyin_numbered", "definitions", "english", "sentence"}
               for v in data["vocabulary"])
    sponsor_en = next(v for v in data["english_vocabulary"] if v["word"] == "sponsor")
    assert sponsor_en["form"] == "sponsors" and sponsor_en["chinese"] == "赞助"
    assert set(sponsor_en) == {"word", "form", "ipa", "pos", "chinese", "sentence"}


def test_export_tsv_table_to_a_file(tmp_path, small_article):
    target = tmp_path / "words.tsv"
    result = run("export", small_article, "--format", "tsv", "-o", target, "--level", "0")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8")), delimiter="\t"))
    assert any(row["word"] == "自行车" and row["english"] == "bicycles" for row in rows)


def test_export_csv_is_the_teachers_word_list(tmp_path, small_article):
    target = tmp_path / "words.csv"
    assert run("export", small_article, "--format", "csv", "-o", target, "--level", "0").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
    assert list(rows[0]) == ["word", "pinyin", "meaning", "english", "sentence", "include", "note"]
    bike = next(row for row in rows if row["word"] == "自行车")
    assert bike["english"] == "bicycles" and bike["include"] == "yes"
    assert "自行车" in bike["sentence"]


def test_a_teachers_word_list_decides_the_deck_and_reports_bad_rows(tmp_path, small_article, collection):
    words = tmp_path / "words.csv"
    words.write_text("word,pinyin,meaning,english,sentence,include,note\n"
                     "银行,,a bank (the teacher's wording),,,yes,\n"
                     "自行车,,,,,maybe,\n"
                     "冬天,,,,,yes,\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "flashcards", "build", str(small_article), "--vocab", str(words),
                             "-o", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{words}:3" in result.stderr  # the malformed row, by line
    import_apkg(collection, tmp_path / "bikes.apkg")
    from flashcards.render.anki import VOCABULARY_MODEL_ID

    notes = [collection.get_note(n) for n in collection.find_notes(f"mid:{VOCABULARY_MODEL_ID}")]
    assert sorted(note["Hanzi"] for note in notes) == ["冬天", "银行"]
    assert next(n for n in notes if n["Hanzi"] == "银行")["Meaning"].startswith("a bank (the teacher&#x27;s wording)")


def test_lesson_writes_a_handout(tmp_path, small_article):
    result = run("lesson", small_article, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "bikes.html").read_text("utf-8")
    assert "<ruby>" in html and "自行车" in html and "The bank on Main Street sponsors the scheme." in html


def test_annotate_text_argument():
    result = run("annotate", "他在银行工作。")
    assert result.exit_code == 0
    assert "银行\tyínháng\tbank" in result.output


def test_annotate_jsonl_reads_standard_input_line_by_line():
    result = run("annotate", "--format", "jsonl", input="我长大了。\n我的朋友\n")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["text"] for line in lines] == ["我长大了。", "我的朋友"]
    friend = next(t for t in lines[1]["tokens"] if t["text"] == "朋友")
    assert friend["pinyin"] == "péngyou" and friend["pinyin_numbered"] == "peng2 you5"
    assert "friend" in friend["definitions"]


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n   \n\n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    english = tmp_path / "english.txt"
    english.write_text("Only English.\n\nNothing else.\n")
    return {"missing": tmp_path / "missing.txt", "directory": tmp_path, "empty": empty, "blank": blank,
            "binary": binary, "no Chinese": english}


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "blank", "binary", "no Chinese"])
def test_bad_input_gets_one_line_naming_the_file_and_no_deck(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "flashcards", "build", str(path), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode in (1, 2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_many_articles_build_side_by_side_and_a_bad_one_does_not_stop_the_rest(tmp_path, small_article):
    bad = tmp_path / "english.txt"
    bad.write_text("Only English here.\n", encoding="utf-8")
    second = tmp_path / "bank.txt"
    second.write_text("The bank opens at nine.\n\n银行九点开门。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "flashcards", "build", str(small_article), str(bad), str(second),
                             "-o", str(tmp_path / "out"), "--no-reverse"], capture_output=True, text=True)
    assert result.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bank.apkg", "bikes.apkg"]
    assert result.stderr.strip().splitlines() == [f"flashcards: {bad}: has no Chinese text to make cards from"]
    assert result.stdout.index("bikes.apkg") < result.stdout.index("bank.apkg")  # in the order given


def test_combine_writes_one_package_with_a_subdeck_per_article(tmp_path, small_article, collection):
    second = tmp_path / "bank.txt"
    second.write_text("The bank opens at nine.\n\n银行九点开门。\n", encoding="utf-8")
    result = run("build", small_article, second, "--combine", "Spring term", "-o", tmp_path / "out", "--level", "0")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Spring-term.apkg", "Spring-term.reverse.apkg"]
    import_apkg(collection, tmp_path / "out" / "Spring-term.apkg")
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert "Spring term::城市里的自行车::Vocabulary" in names
    assert any(name.startswith("Spring term::bank") for name in names)
    from flashcards.render.anki import VOCABULARY_MODEL_ID

    assert len(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID} Hanzi:银行")) == 1


def test_known_words_round_trip_and_leave_words_out_of_the_build(tmp_path, small_article, monkeypatch):
    monkeypatch.setenv("FLASHCARDS_HOME", str(tmp_path / "home"))
    assert "added 2 words" in run("known", "add", "银行", "自行车").output
    assert run("known", "list").output.split() == sorted(["银行", "自行车"])
    result = run("build", small_article, "-o", tmp_path / "out", "--no-reverse", "--level", "0")
    assert "left out 2 known words" in result.output
    kept = run("build", small_article, "-o", tmp_path / "all", "--no-reverse", "--no-known", "--level", "0")
    assert "left out" not in kept.output
    assert "removed 1 words" in run("known", "remove", "银行").output
    exported = tmp_path / "known.txt"
    exported.write_text(run("known", "export").output, encoding="utf-8")
    monkeypatch.setenv("FLASHCARDS_HOME", str(tmp_path / "other-home"))
    assert "1 new" in run("known", "import", exported).output
    assert run("known", "list").output.split() == ["自行车"]


def test_new_only_teaches_each_word_once_across_builds(tmp_path, small_article, monkeypatch, collection):
    monkeypatch.setenv("FLASHCARDS_HOME", str(tmp_path / "home"))
    second = tmp_path / "bank.txt"
    second.write_text("The bank opens at nine, and the bicycles wait outside.\n\n"
                      "银行九点开门,自行车停在外面。\n", encoding="utf-8")
    run("build", small_article, "-o", tmp_path / "out", "--no-reverse", "--level", "0")
    from flashcards.known import open_store

    with open_store(readonly=True) as store:
        issued = store.issued()
    assert {"银行", "自行车"} <= issued
    result = run("build", second, "-o", tmp_path / "out", "--no-reverse", "--new-only", "--level", "0")
    assert "taught before" in result.output
    import_apkg(collection, tmp_path / "out" / "bank.apkg")
    from flashcards.render.anki import VOCABULARY_MODEL_ID

    words = {collection.get_note(n)["Hanzi"] for n in collection.find_notes(f"mid:{VOCABULARY_MODEL_ID}")}
    assert words and not words & {"银行", "自行车"}
    rebuilt = run("build", small_article, "-o", tmp_path / "again", "--no-reverse", "--new-only", "--level", "0")
    assert "left out" not in rebuilt.output  # an article's own earlier deck does not count against it
