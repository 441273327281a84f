"""Where the output goes: a regular file is replaced atomically and keeps its permissions; a
device, a FIFO, standard output or a process substitution is written in place, never replaced;
a long file name still fits its temporary name."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from .commandline import assert_no_traceback, flashcards, shell, write_article

ARTICLE = """\
The river market opens at six. Boats bring melons and rice.

河上的市场六点开门。船运来西瓜和大米。
"""


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    return write_article(tmp_path_factory, "river.txt", ARTICLE)


def test_a_fifo_is_written_through_and_stays_a_fifo(article, tmp_path):
    fifo = tmp_path / "words.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = flashcards("export", article, "--format", "csv", "-o", fifo)
    reader.join(timeout=5)
    if reader.is_alive():  # the old code renamed a file over the FIFO: its reader waits for ever
        with open(fifo, "wb"):
            pass
        reader.join(timeout=5)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].decode("utf-8-sig").startswith("word,pinyin")


def test_a_device_is_written_through_and_stays_a_device(article, tmp_path):
    device = _device(tmp_path / "null", 3)
    result = flashcards("export", article, "--format", "json", "-o", device)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_standard_output_by_name_is_written_through(article, tmp_path):
    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")  # our own link to it: the old code replaced the link it was given
    result = shell(f'flashcards export "{article}" --format csv -o "{link}" | cat')
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "word,pinyin,meaning" in result.stdout
    assert link.is_symlink()


def test_a_process_substitution_gets_the_output(article, tmp_path):
    count = tmp_path / "count"
    result = shell(f'flashcards export "{article}" --format json -o >(wc -c > "{count}"); wait; sleep 0.2')
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert int(count.read_text().split()[0]) > 100


def test_an_existing_file_keeps_its_permissions(article, tmp_path):
    target = tmp_path / "private.csv"
    target.write_text("old\n")
    target.chmod(0o600)
    result = flashcards("export", article, "--format", "csv", "-o", target)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8-sig").startswith("word,")


def test_a_link_to_a_file_stays_a_link_and_the_file_is_replaced(article, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    result = flashcards("export", article, "--format", "csv", "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8-sig").startswith("word,")


def test_a_file_name_of_240_characters_is_built(article, tmp_path):
    long = tmp_path / ("r" * 236 + ".txt")
    long.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = flashcards("build", long, "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r" * 236 + ".apkg", "r" * 236 + ".reverse.apkg"]


def _device(path: Path, minor: int) -> Path:
    """A device node of our own (never the system's: the old code renamed a file over it)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def test_a_full_device_is_one_line(article, tmp_path):
    full = _device(tmp_path / "full", 7)
    result = flashcards("export", article, "--format", "csv", "-o", full)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stderr.strip() == f"flashcards: {full}: cannot be written (No space left on device)"
    assert stat.S_ISCHR(os.stat(full).st_mode)
