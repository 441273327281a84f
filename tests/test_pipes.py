"""Standard streams the command does not control: a reader that stops early (``| head -1``),
a stream closed from the start (``>&-``), an encoding without Chinese. None of them is an
error, and every deck is still written and recorded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .commandline import TIMEOUT, flashcards, issued_words, shell

TEXTS = {
    "kites": "风筝节\n\nThe Kite Festival\n\nChildren fly kites on the beach in April.\n\n四月，孩子们在海滩上放风筝。\n",
    "lamps": "路灯\n\nStreet Lamps\n\nThe street lamps come on at dusk.\n\n黄昏时路灯亮了。\n",
    "wells": "古井\n\nThe Old Well\n\nThe village well is three hundred years old.\n\n村里的井有三百年历史了。\n",
}


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return [tmp_path / f"{name}.txt" for name in TEXTS]


@pytest.fixture
def home(tmp_path) -> dict:
    return {"FLASHCARDS_HOME": str(tmp_path / "home")}


def _all_decks(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


EVERY_DECK = ["kites.apkg", "kites.reverse.apkg", "lamps.apkg", "lamps.reverse.apkg", "wells.apkg",
              "wells.reverse.apkg"]


def test_build_into_head_writes_and_records_every_deck_and_ends_quietly(articles, tmp_path, home):
    out = tmp_path / "out"
    paths = " ".join(f'"{path}"' for path in articles)
    result = shell(f'flashcards build {paths} -o "{out}" -j 1 | head -1; exit ${{PIPESTATUS[0]}}', env=home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("wrote ") and result.stdout.count("\n") == 1
    assert _all_decks(out) == EVERY_DECK
    assert {"风筝", "路灯", "历史"} <= issued_words(home)


@pytest.mark.parametrize("closed", [">&-", "2>&-", ">&- 2>&-"])
def test_a_closed_stream_is_no_error(articles, tmp_path, home, closed):
    out = tmp_path / "out"
    paths = " ".join(f'"{path}"' for path in articles)
    result = shell(f'flashcards build {paths} -o "{out}" {closed}', env=home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error" not in result.stderr
    assert _all_decks(out) == EVERY_DECK
    assert {"风筝", "路灯", "历史"} <= issued_words(home)


def test_a_closed_stdout_does_not_end_up_in_a_deck(articles, tmp_path, home):
    # the first file the command opens would get the closed descriptor, and the summary line with it
    out = tmp_path / "out"
    result = shell(f'flashcards export "{articles[0]}" --format json -o "{out}.json" >&-', env=home)
    assert result.returncode == 0, result.stderr
    json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))


def test_an_output_encoding_without_chinese_is_no_error(articles, tmp_path, home):
    out = tmp_path / "out"
    env = {**home, "PYTHONIOENCODING": "latin-1"}
    result = flashcards("build", *articles, "-o", out, env=env)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert _all_decks(out) == EVERY_DECK
    assert result.stdout.count("wrote ") == 6
    exported = subprocess.run([sys.executable, "-m", "flashcards", "export", str(articles[0]), "--format", "json"],
                              capture_output=True, encoding="latin-1", env={**os.environ, **env}, timeout=TIMEOUT)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["title"]["zh"] == "风筝节"  # escaped, so still JSON


def test_known_list_into_head_ends_quietly(tmp_path, home):
    words = [chr(0x4E00 + i) + chr(0x4E00 + j) for i in range(150) for j in range(150)]
    listed = tmp_path / "words.txt"
    listed.write_text("\n".join(words) + "\n", encoding="utf-8")
    assert flashcards("known", "import", listed, env=home).returncode == 0
    result = shell("flashcards known list | head -1; exit ${PIPESTATUS[0]}", env=home)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.count("\n") == 1


def test_annotate_into_head_ends_quietly(tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text("我在银行工作。\n" * 20_000, encoding="utf-8")
    result = shell(f'flashcards annotate < "{lines}" | head -1; exit ${{PIPESTATUS[0]}}')
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("我\t")
