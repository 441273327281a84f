"""Inputs that made the command take exponential or quadratic time, or all memory: each now
takes time in proportion to its size, within the article's size cap."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .commandline import assert_no_traceback, flashcards, write_article

ARTICLE = """\
Spring rain fell on the first market day. The farmers sold early vegetables.

春雨落在第一个集市日。农民们卖早熟的蔬菜。
"""


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    return write_article(tmp_path_factory, "rain.txt", ARTICLE)


def test_a_pinyin_cell_of_many_run_together_syllables_is_read_at_once(article, tmp_path):
    # 'xian' is xi + an or xian: 2**22 ways to split 22 of them, listed one by one before
    words = tmp_path / "words.csv"
    words.write_text("word,pinyin\n" + "先" * 22 + "," + "xian" * 22 + "\n春雨,chūnyǔ\n", encoding="utf-8")
    result = flashcards("export", article, "--vocab", words, "--format", "json", timeout=30)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert '"pinyin_numbered": "' + " ".join(["xian5"] * 22) + '"' in result.stdout


def test_a_pinyin_cell_far_too_long_for_its_word_is_one_line(article, tmp_path):
    words = tmp_path / "words.csv"
    words.write_text("word,pinyin\n春雨," + "xian" * 5000 + "\n", encoding="utf-8")
    result = flashcards("export", article, "--vocab", words, "--format", "json", timeout=30)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert f"{words}:2: pinyin" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_word_list_of_20000_rows_is_read_in_linear_time_and_summarised(article, tmp_path):
    # words the article lacks, each a remark of the same kind
    rows = [chr(0x4E00 + i // 150) + chr(0x5E00 + i % 150) for i in range(20_000)]
    words = tmp_path / "words.csv"
    words.write_text("word\n" + "\n".join(rows) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = flashcards("export", article, "--vocab", words, "--format", "csv", "-o", tmp_path / "out.csv",
                        timeout=60)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) <= 20, lines[:30]  # a line per row before: 40,000
    assert any("more rows like that" in line and "is not in the article" in line for line in lines), lines
    assert seconds < 30, seconds  # 42 s before, on the same machine (quadratic)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").count("\n") == 20_001


@pytest.mark.parametrize("kind", ["--vocab", "--known"])
def test_a_word_list_that_never_ends_is_refused_in_one_line(article, kind):
    result = flashcards("export", article, kind, "/dev/zero", "--format", "json", timeout=60)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stderr.strip().startswith("flashcards: /dev/zero: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("header", ["word,{long}\n", '"{long}",word\n', "word\t{long}\n"],
                         ids=["long column", "long quoted column", "tab"])
def test_a_header_line_of_140_kb_is_read(article, tmp_path, header):
    words = tmp_path / "words.csv"
    row = "x,春雨" if header.startswith('"') else "春雨"
    words.write_text(header.format(long="x" * 140_000) + row + "\n", encoding="utf-8")
    result = flashcards("export", article, "--vocab", words, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert result.stdout.splitlines()[1].startswith("春雨,")
    imported = flashcards("known", "import", words)
    assert imported.returncode == 0, imported.stderr
    assert_no_traceback(imported)
    assert "1 words" in imported.stdout


@pytest.mark.parametrize("markup", ["[" * 80_000, "![" * 40_000, "**a " * 40_000, "~~b " * 40_000,
                                    "*" * 40_000 + "a" + "*" * 40_000],
                         ids=["brackets", "images", "bold", "strike", "nested"])
def test_unmatched_markdown_takes_linear_time(tmp_path, markup):
    path = tmp_path / "marks.md"
    path.write_text(ARTICLE + "\n" + markup + "\n", encoding="utf-8")
    result = flashcards("export", path, "--format", "json", timeout=20)  # 40 s to minutes before
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "春雨" in result.stdout


def test_annotate_answers_each_line_as_it_comes():
    command = subprocess.Popen([sys.executable, "-m", "flashcards", "annotate", "--format", "jsonl"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        command.stdin.write("我在银行工作。\n")
        command.stdin.flush()
        answer: list[str] = []
        reader = threading.Thread(target=lambda: answer.append(command.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=60)  # standard input is still open
        assert answer and '"text": "我在银行工作。"' in answer[0]
    finally:
        command.kill()
        command.wait()
