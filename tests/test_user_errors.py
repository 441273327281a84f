"""Wrong data is said in one line, not quietly accepted or lost: swapped --en/--zh, words that
are not Chinese, a bad file among several, Anki's text export, a damaged or unwritable cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .commandline import assert_no_traceback, flashcards, shell

ENGLISH = "The lighthouse keeper climbs the stairs every evening.\n\nHe lights the lamp at eight.\n"
CHINESE = "灯塔看守人每天晚上爬楼梯。\n\n他八点钟点灯。\n"


@pytest.fixture
def parallel(tmp_path) -> tuple[Path, Path]:
    en, zh = tmp_path / "lighthouse.en.txt", tmp_path / "lighthouse.zh.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    zh.write_text(CHINESE, encoding="utf-8")
    return en, zh


def _one_line(result) -> str:
    assert_no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_swapped_en_and_zh_are_refused_in_one_line(parallel, tmp_path):
    en, zh = parallel
    out = tmp_path / "out"
    result = flashcards("build", "--en", zh, "--zh", en, "-o", out)
    assert result.returncode == 2
    line = _one_line(result)
    assert str(zh) in line and str(en) in line and "swap" in line
    assert not out.exists()


@pytest.mark.parametrize("which", ["en", "zh"])
def test_both_files_in_one_language_are_refused(parallel, tmp_path, which):
    en, zh = parallel
    both = (zh, zh) if which == "en" else (en, en)
    result = flashcards("build", "--en", both[0], "--zh", both[1], "-o", tmp_path / "out")
    assert result.returncode == 2
    assert f"--{which} " in _one_line(result)


def test_known_add_refuses_what_is_not_a_chinese_word_and_counts_right(tmp_path):
    env = {"FLASHCARDS_HOME": str(tmp_path / "home")}
    result = flashcards("known", "add", "hello", "<b>x</b>", "灯塔看守人每天晚上爬楼梯。", "灯塔", "灯塔", "楼梯",
                        env=env)
    assert result.returncode == 1
    assert_no_traceback(result)
    refused = result.stderr.strip().splitlines()
    assert len(refused) == 3 and all("not added" in line for line in refused), refused
    assert result.stdout.strip() == "added 2 words (0 already known)"
    listed = flashcards("known", "list", env=env)
    assert sorted(listed.stdout.split()) == ["楼梯", "灯塔"]


def test_known_import_reads_every_file_after_a_bad_one(tmp_path):
    env = {"FLASHCARDS_HOME": str(tmp_path / "home")}
    first, bad, last = tmp_path / "first.txt", tmp_path / "bad.apkg", tmp_path / "last.txt"
    first.write_text("灯塔\n", encoding="utf-8")
    bad.write_text("not a package\n", encoding="utf-8")
    last.write_text("楼梯\n", encoding="utf-8")
    result = flashcards("known", "import", first, bad, last, env=env)
    assert result.returncode == 1
    assert str(bad) in _one_line(result)
    assert f"{last}: 1 words, 1 new" in result.stdout
    assert sorted(flashcards("known", "list", env=env).stdout.split()) == ["楼梯", "灯塔"]


# Anki's "Notes in Plain Text" export (2.1.55 and later) with its header lines; the note type
# and the deck are columns of their own, and their names hold Chinese, "Word" or "Hanzi".
ANKI_EXPORTS = {
    "guid, notetype, deck and tags": ("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n"
                                      "#deck column:3\n#tags column:6\n"
                                      "aB1\tChinese Word (Hanzi)\t中文::词汇\t灯塔\tdēngtǎ\tlighthouse\n"
                                      "aB2\tChinese Word (Hanzi)\t中文::词汇\t楼梯\tlóutī\tstairs\n"),
    "notetype and deck": ("#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n"
                          "Hanzi\t汉语\t灯塔\tlighthouse\nHanzi\t汉语\t楼梯\tstairs\n"),
}


@pytest.mark.parametrize("name", list(ANKI_EXPORTS))
def test_anki_text_exports_with_header_columns_give_their_words(tmp_path, name):
    env = {"FLASHCARDS_HOME": str(tmp_path / "home")}
    export = tmp_path / "Chinese.txt"
    export.write_text(ANKI_EXPORTS[name], encoding="utf-8")
    result = flashcards("known", "import", export, env=env)
    assert result.returncode == 0, result.stderr
    assert f"{export}: 2 words, 2 new" in result.stdout, (result.stdout, result.stderr)
    assert sorted(flashcards("known", "list", env=env).stdout.split()) == ["楼梯", "灯塔"]


@pytest.fixture
def own_cache(tmp_path) -> Path:
    """A copy of the test run's cache, for a test to damage."""
    copy = tmp_path / "cache"
    flashcards("annotate", "灯塔")  # the run's cache has what a build needs
    shutil.copytree(os.environ["FLASHCARDS_CACHE"], copy)
    return copy


def test_a_cache_file_damaged_in_the_middle_is_built_again_with_one_line(parallel, tmp_path, own_cache):
    biggest = max(own_cache.glob("cedict-entries-*.sqlite"), key=lambda p: p.stat().st_size)
    size = biggest.stat().st_size
    with open(biggest, "r+b") as handle:  # a middle fifth of the file, past the first look at it
        handle.seek(size * 2 // 5 // 4096 * 4096)
        handle.write(b"\xa5" * (size // 5))
    env = {"FLASHCARDS_CACHE": str(own_cache)}
    en, zh = parallel
    result = flashcards("build", "--en", en, "--zh", zh, "-o", tmp_path / "out", env=env)
    assert result.returncode == 0, result.stderr
    line = _one_line(result)
    assert str(biggest) in line and "built again" in line
    again = flashcards("build", "--en", en, "--zh", zh, "-o", tmp_path / "out", env=env)
    assert again.returncode == 0 and again.stderr == "", again.stderr


def test_an_unwritable_cache_folder_is_said_once(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    env = {"FLASHCARDS_CACHE": str(blocker / "cache")}  # a folder that cannot be made, even as root
    result = flashcards("annotate", "灯塔看守人", env=env)
    assert result.returncode == 0, result.stderr
    line = _one_line(result)
    assert str(blocker / "cache") in line and "cannot be written" in line
    assert "灯塔" in result.stdout


def test_a_word_list_row_holding_a_whole_paragraph_is_left_out_in_one_line(parallel, tmp_path):
    # found by the fuzzer: a 400-character "word" overflowed the frequency estimate (internal error)
    en, zh = parallel
    words = tmp_path / "words.csv"
    words.write_text("word\n灯塔\n" + "灯塔看守人每天晚上爬楼梯" * 40 + "\n楼梯\n", encoding="utf-8")
    result = flashcards("export", "--en", en, "--zh", zh, "--vocab", words, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert f"{words}:3: " in _one_line(result)
    assert [row.split(",")[0] for row in result.stdout.lstrip("\ufeff").splitlines()[1:]] == ["灯塔", "楼梯"]


def test_known_import_reads_a_process_substitution(tmp_path):
    # read once only: the look at its first bytes took them away, and the list was "empty"
    env = {"FLASHCARDS_HOME": str(tmp_path / "home")}
    result = shell("flashcards known import <(printf '灯塔\\n楼梯\\n') && flashcards known list", env=env)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert ": 2 words, 2 new" in result.stdout and sorted(result.stdout.split()[-2:]) == ["楼梯", "灯塔"]
