"""Odd inputs through the whole command line, and atomic outputs.

Every input is either read correctly or refused with one line on stderr that names the file
(non-zero exit, no traceback, no deck). Outputs are written to a temporary file and renamed:
Ctrl-C, a full disk or a second build writing the same file never leaves a truncated .apkg.
"""

from __future__ import annotations

import codecs
import errno
import os
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from flashcards.bench import tiny_paragraphs
from flashcards.errors import OutputError

from .conftest import import_apkg

TIMEOUT = 120  # seconds for any one build


def build(*args, timeout: float = TIMEOUT, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m flashcards build ARGS`` in a fresh process, as a user runs it."""
    environment = dict(os.environ, **(env or {}))
    environment.pop("FLASHCARDS_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "flashcards", "build", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=environment)


def decks(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.apkg")) if folder.exists() else []


def leftovers(folder: Path) -> list[str]:
    """Temporary files of ours (``.<name>.apkg.XXXX.tmp``) left in the output folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp") \
        if folder.exists() else []


def assert_refused(result: subprocess.CompletedProcess, path: Path, out: Path) -> str:
    assert result.returncode in (1, 2), (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0], lines[0]
    assert "internal error" not in lines[0], lines[0]
    assert decks(out) == [] and leftovers(out) == []
    return lines[0]


def assert_built(result: subprocess.CompletedProcess, out: Path) -> list[Path]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    built = decks(out)
    assert built, result.stdout
    assert leftovers(out) == []
    return built


def open_collection(folder: Path):
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def rendered_cards(col) -> list[str]:
    """The question and answer HTML of every card in the collection, as Anki renders them."""
    pages = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        pages += [card.question(), card.answer()]
    return pages


def all_fields(col) -> str:
    return "\n".join(field for note_id in col.find_notes("") for field in col.get_note(note_id).fields)


def imported_fields(deck: Path, folder: Path) -> str:
    """Every field of a deck as a fresh Anki collection holds it after importing the deck."""
    col = open_collection(folder)
    try:
        import_apkg(col, deck)
        return all_fields(col)
    finally:
        col.close()


def assert_valid_package(path: Path, tmp_path: Path) -> int:
    """A complete .apkg: a zip whose collection Anki imports; returns how many notes it brought."""
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        assert "collection.anki2" in package.namelist()
    col = open_collection(tmp_path / f"check-{path.name}-{time.monotonic_ns()}")
    try:
        import_apkg(col, path)
        notes = col.note_count()
        assert notes > 0
        return notes
    finally:
        col.close()


# --- refused inputs ------------------------------------------------------------------------------

def _random_high_bytes(seed: int, size: int = 2000) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(size))


REFUSED = {
    "empty": b"",
    "blank": b" \n\t\n\r\n\xe3\x80\x80\n",  # spaces, a tab, CRLF and an ideographic space
    "BOM only": codecs.BOM_UTF8 + b"\n\n",
    "UTF-16 BOM and blanks": codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"),
    "binary (PNG)": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "binary (zip)": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(random.Random(1).randbytes(3000)),
    "binary without NUL": bytes(b for b in random.Random(2).randbytes(4000) if b),
    "unknown encoding (\\x81\\x20)": b"\x81\x20" * 200,
    "unknown encoding (random high bytes)": _random_high_bytes(3),
    "Latin-1": "Caf\xe9 cr\xe8me, tr\xe8s bien. Le march\xe9 ouvre t\xf4t.\n".encode("latin-1"),
    "UTF-16 without BOM": "The tea market.\n\n茶叶市场很早就开门了。\n".encode("utf-16-le"),
    "UTF-16 with a lone surrogate": codecs.BOM_UTF16_LE + "茶叶市场".encode("utf-16-le") + b"\x00\xd8"
                                    + "很早就开门了。".encode("utf-16-le"),
    "UTF-32 with a surrogate": codecs.BOM_UTF32_LE + "茶".encode("utf-32-le") + b"\x00\xd8\x00\x00",
    "mostly control characters": bytes(range(1, 9)) * 100 + "茶叶。".encode(),
    "English only": b"The Tea Market\n\nThe market opens before dawn.\n\nEveryone brings a cup.\n",
    "no letters at all": b"1, 2, 3.\n\n--- *** ---\n\n42\n",
    "Japanese kana only": "おはようございます。\n\nありがとう。\n".encode("utf-8"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_input_gets_one_line_naming_the_file_and_no_deck(tmp_path, case):
    data = REFUSED[case]
    if "unknown encoding" in case:
        for encoding in ("utf-8", "gb18030"):  # the premise: neither encoding reads it
            with pytest.raises(UnicodeDecodeError):
                data.decode(encoding)
    path = tmp_path / "odd article.txt"
    path.write_bytes(data)
    out = tmp_path / "out"
    assert_refused(build(path, "-o", out), path, out)


def test_refusals_say_what_is_wrong(tmp_path):
    said = {}
    for case in ("empty", "binary (PNG)", "unknown encoding (\\x81\\x20)", "English only"):
        path = tmp_path / f"{len(said)}.txt"
        path.write_bytes(REFUSED[case])
        said[case] = assert_refused(build(path, "-o", tmp_path / "out"), path, tmp_path / "out")
    assert "empty" in said["empty"]
    assert "binary" in said["binary (PNG)"]
    assert "encoding" in said["unknown encoding (\\x81\\x20)"]
    assert "Chinese" in said["English only"]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform.startswith("win"), reason="symbolic links")
def test_odd_paths_are_refused_in_one_line_saying_what_they_are(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "old.txt").symlink_to(tmp_path / "renamed.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    said = {name: assert_refused(build(tmp_path / name, "-o", tmp_path / "out"), tmp_path / name, tmp_path / "out")
            for name in ("missing.txt", "folder", "old.txt", "a.txt")}
    assert "no such file" in said["missing.txt"]
    assert "is a directory" in said["folder"]
    assert "is a link to" in said["old.txt"] and "renamed.txt" in said["old.txt"]
    assert "symbolic links" in said["a.txt"] and "no such file" not in said["a.txt"]


def test_one_bad_file_among_several_is_named_and_the_others_are_built(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Tea, please.\n\n请给我一杯茶。\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(REFUSED["binary (PNG)"])
    out = tmp_path / "out"
    result = build(good, bad, "-o", out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    assert [p.name for p in decks(out)] == ["good.apkg", "good.reverse.apkg"]


# --- inputs that are read ------------------------------------------------------------------------

def test_chinese_only_article_gets_a_deck(tmp_path, collection):
    path = tmp_path / "winter.txt"
    path.write_text("冬天的早晨\n\n天还没亮，老街上的茶馆已经开门了。我们坐在窗边喝茶，等朋友来。\n\n"
                    "朋友来了以后，大家一起去市场买菜。\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(path, "-o", out)
    assert [p.name for p in assert_built(result, out)] == ["winter.apkg"]
    assert "no reverse deck" in result.stdout
    import_apkg(collection, out / "winter.apkg")
    assert collection.note_count() > 5
    assert "茶馆" in all_fields(collection)


def test_a_one_line_chinese_exclamation_gets_a_deck(tmp_path):
    path = tmp_path / "cold.txt"
    path.write_text("今天真冷啊！\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_built(build(path, "-o", out), out)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32", "gb18030"])
def test_every_supported_encoding_and_line_end_gives_the_same_deck_text(tmp_path, encoding):
    text = "The Night Bus\r\n\r\nThe last bus leaves at midnight.\r\n\r\n最后一班公交车半夜开走。\r\n"
    data = (codecs.BOM_UTF16_BE + text.encode("utf-16-be")) if encoding == "utf-16-be-bom" else text.encode(encoding)
    path = tmp_path / "bus.txt"
    path.write_bytes(data)
    out = tmp_path / "out"
    assert_built(build(path, "-o", out, "--no-reverse"), out)
    assert "最后一班公交车半夜开走。" in imported_fields(out / "bus.apkg", tmp_path / "col")


@pytest.mark.parametrize("encoding", ["big5", "big5hkscs"])
def test_a_big5_article_gets_a_deck_in_its_own_characters(tmp_path, encoding):
    path = tmp_path / "tea.txt"  # was refused as "not text in a known encoding"
    path.write_bytes("The tea market opens early.\n\n茶葉市場很早就開門了。我們在老街上喝茶。\n".encode(encoding))
    out = tmp_path / "out"
    assert_built(build(path, "-o", out, "--no-reverse"), out)
    assert "茶葉市場很早就開門了。" in imported_fields(out / "tea.apkg", tmp_path / "col")


HTML_ARTICLE = """\
网页里的代码

Code in a Web Page

The page said <script>alert("boo")</script> and nobody saw a box. Our cards use {{Front}} and {{Back}} as names.

网页上写着<script>alert("boo")</script>，可是没有人看到弹窗。我们的卡片用{{Front}}和{{Back}}作为名字，朋友们都觉得很有意思。

A <b>bold</b> word & an <img src=x onerror=alert(1)> image are text too: {{#Hanzi}}{{/Hanzi}} {{c1::tea}}.

一个<b>粗体</b>的词和<img src=x onerror=alert(1)>图片也都是文字：{{#Hanzi}}{{/Hanzi}}，还有{{c1::茶}}，我们今天一起学习。
"""


def test_html_and_template_syntax_stay_literal_text_on_every_card(tmp_path, collection):
    path = tmp_path / "web.txt"
    path.write_text(HTML_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert_built(build(path, "-o", out), out)
    assert (out / "web.reverse.apkg").exists()
    for deck in ("web.apkg", "web.reverse.apkg"):
        import_apkg(collection, out / deck)
    pages = rendered_cards(collection)
    assert pages
    everything = "\n".join(pages)
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html, html
        assert "<b>bold</b>" not in html and "<b>粗体</b>" not in html
    # shown as the characters the article has, on both decks' cards
    assert "&lt;script&gt;alert(&quot;boo&quot;)&lt;/script&gt;" in everything
    assert everything.count("{{Front}}") >= 2  # the English and the Chinese sentence
    assert "{{#Hanzi}}{{/Hanzi}}" in everything and "{{c1::茶}}" in everything
    assert "&lt;img src=x onerror=alert(1)&gt;" in everything


def test_control_characters_are_dropped_from_the_cards(tmp_path, collection):
    body = ("The market opens before dawn. Traders bring tea from the hills.\n\n"
            "市场天亮之前就开门了。茶农从山上带来茶叶。\n\n") * 30
    text = "Tea\x07 Market\n\n" + body[:500] + "\x1b" + body[500:] + "\x0c\x7f\n"
    path = tmp_path / "bell.txt"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert_built(build(path, "-o", out), out)
    import_apkg(collection, out / "bell.apkg")
    fields = all_fields(collection)
    assert "茶农" in fields
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", fields)


def test_characters_outside_the_basic_plane_reach_the_card(tmp_path, collection):
    path = tmp_path / "yoshinoya.txt"
    path.write_text("𠮷野家\n\nYoshinoya sells beef bowls. The sign says 𠮷, not 吉.\n\n"
                    "𠮷野家卖牛肉饭。招牌上写的是𠮷，不是吉。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_built(build(path, "-o", out), out)
    import_apkg(collection, out / "yoshinoya.apkg")
    pages = rendered_cards(collection)
    assert any("𠮷" in html for html in pages)
    assert "招牌上写的是𠮷，不是吉。" in all_fields(collection)


def _surrogate_cases() -> dict[str, bytes]:
    en = "The tea market opens early.\n\n".encode()
    return {
        "UTF-8-encoded lone surrogate": en + "茶叶市场".encode() + b"\xed\xa0\x80" + "很早就开门了。\n".encode(),
        "CESU-8 emoji (a surrogate pair)": en + "茶叶市场很早就开门了。".encode() + b"\xed\xa0\xbd\xed\xb8\x80\n",
        "UTF-16 BOM, lone low surrogate": codecs.BOM_UTF16_LE + "茶叶市场很早就开门了。".encode("utf-16-le")
                                          + b"\x00\xdc",
    }


@pytest.mark.parametrize("case", sorted(_surrogate_cases()))
def test_unpaired_surrogates_are_dropped_or_the_file_refused(tmp_path, case):
    path = tmp_path / "surrogate.txt"
    path.write_bytes(_surrogate_cases()[case])
    out = tmp_path / "out"
    result = build(path, "-o", out)
    if result.returncode != 0:
        assert_refused(result, path, out)
        return
    assert_built(result, out)
    assert "茶叶市场" in imported_fields(out / "surrogate.apkg", tmp_path / "col")


def test_a_surrogate_at_the_end_of_a_utf8_article_does_not_turn_it_into_mojibake(tmp_path):
    path = tmp_path / "surrogate.txt"
    path.write_bytes("The tea market opens early.\n\n茶叶市场很早就开门了。".encode() + b"\xed\xa0\x80\n")
    out = tmp_path / "out"
    result = build(path, "-o", out)
    if result.returncode != 0:
        assert_refused(result, path, out)
        return
    assert "茶叶市场很早就开门了。" in imported_fields(out / "surrogate.apkg", tmp_path / "col")


# --- size ----------------------------------------------------------------------------------------

PHRASES = ["我们今天在城市里的市场买了很多新鲜的茶叶", "朋友说明天还要去看看老街上的小店", "天亮之前卖茶的人已经来了",
           "孩子们在河边学习游泳", "这家银行的工作人员非常热情", "他每天坐夜班公交车回家", "冬天的时候大家一起包饺子"]


def test_a_paragraph_of_100000_characters_without_punctuation_is_cut_and_built(tmp_path, collection):
    rng = random.Random(100_000)
    text = ""
    while len(text) < 100_000:
        text += rng.choice(PHRASES)
    text = text[:100_000]
    path = tmp_path / "run-on.txt"
    path.write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    try:
        result = build(path, "-o", out, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a 100,000-character paragraph took more than {TIMEOUT} s")
    seconds = time.monotonic() - started
    print(f"\n100,000 characters without punctuation: built in {seconds:.1f} s")
    assert_built(result, out)
    sentences = int(re.search(r"(\d+) sentence notes", result.stdout).group(1))
    assert sentences >= 100_000 // 300  # cut into card-sized sentences
    import_apkg(collection, out / "run-on.apkg")
    from flashcards.render.anki import SENTENCE_MODEL_ID

    hanzi = [collection.get_note(n)["Hanzi"] for n in collection.find_notes(f"mid:{SENTENCE_MODEL_ID}")]
    assert hanzi and max(map(len, hanzi)) <= 300


def test_three_thousand_tiny_paragraphs(tmp_path):
    path = tmp_path / "diary.txt"
    path.write_text(tiny_paragraphs(3000), encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    result = build(path, "-o", out)
    print(f"\n3,000 tiny paragraph pairs: built in {time.monotonic() - started:.1f} s")
    assert [p.name for p in assert_built(result, out)] == ["diary.apkg", "diary.reverse.apkg"]
    sentences = int(re.search(r"(\d+) sentence notes", result.stdout).group(1))
    assert sentences == 3000  # 第N天：… is one sentence, new each day


# --- atomic outputs ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def large_article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "diary.txt"
    path.write_text(tiny_paragraphs(1500), encoding="utf-8")
    return path


def _usual_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(command: list[str], out: Path, when) -> subprocess.CompletedProcess:
    """Run ``command``; send SIGINT (Ctrl-C) as soon as ``when()`` is true; return the result.

    The command gets Ctrl-C's usual handling even when the tests run in the background of a
    shell, which starts them with SIGINT ignored.
    """
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_usual_ctrl_c)
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and not when() and time.monotonic() < deadline:
        time.sleep(0.002)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _check_interrupted(result: subprocess.CompletedProcess, out: Path, tmp_path: Path) -> None:
    print(f"\nCtrl-C: exit {result.returncode}, decks left: {[p.name for p in decks(out)]}")
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode != 0:
        assert result.returncode == 130, (result.returncode, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("flashcards: interrupted"), result.stderr
    assert leftovers(out) == [], "temporary files left behind"
    for deck in decks(out):  # none, or a complete one
        assert_valid_package(deck, tmp_path)


@pytest.fixture(scope="module")
def large_build_seconds(tmp_path_factory, large_article) -> float:
    """How long a whole build of the large article takes here, caches built (the second of two)."""
    out = tmp_path_factory.mktemp("timed")
    command = [sys.executable, "-m", "flashcards", "build", str(large_article), "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    return time.monotonic() - started


@pytest.mark.parametrize("share", [0.2, 0.5, 0.8, 0.95])
def test_ctrl_c_during_a_build_leaves_no_deck_or_a_complete_one(tmp_path, large_article, large_build_seconds, share):
    """Ctrl-C a share of the way through the build (however quick the build has become)."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "flashcards", "build", str(large_article), "-o", str(out)]
    started = time.monotonic()
    result = _interrupt(command, out, lambda: time.monotonic() - started > share * large_build_seconds)
    _check_interrupted(result, out, tmp_path)
    if share <= 0.5:
        assert result.returncode == 130, "the build ended before the Ctrl-C: the test tested nothing"


def test_ctrl_c_while_the_deck_is_being_written_leaves_no_truncated_deck(tmp_path, large_article):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "flashcards", "build", str(large_article), "-o", str(out), "--no-reverse"]
    # the moment the temporary file appears, the package is being written into it
    result = _interrupt(command, out, lambda: bool(leftovers(out)))
    _check_interrupted(result, out, tmp_path)


@pytest.fixture(scope="module")
def interrupted_during_the_reverse_deck(tmp_path_factory, large_article):
    """Ctrl-C the moment the second deck's temporary file appears: the first deck is complete."""
    out = tmp_path_factory.mktemp("reverse") / "out"
    command = [sys.executable, "-m", "flashcards", "build", str(large_article), "-o", str(out)]
    result = _interrupt(command, out, lambda: any(".reverse.apkg" in name for name in leftovers(out)))
    return result, out


def test_ctrl_c_while_the_second_deck_is_written_keeps_the_first_complete(interrupted_during_the_reverse_deck,
                                                                          tmp_path):
    result, out = interrupted_during_the_reverse_deck
    _check_interrupted(result, out, tmp_path)
    assert "diary.apkg" in [p.name for p in decks(out)]


def test_ctrl_c_after_a_deck_was_written_does_not_say_nothing_was_written(interrupted_during_the_reverse_deck):
    result, out = interrupted_during_the_reverse_deck
    if result.returncode != 130 or not decks(out):
        pytest.skip("the interruption did not land after the first deck")
    assert "nothing was written" not in result.stderr, result.stderr


SLOW_WRITER = """\
import sys, time
from pathlib import Path
import genanki

original = genanki.Package.write_to_file

def write_half_then_wait(self, file, timestamp=None):
    original(self, file, timestamp=timestamp)
    data = Path(file).read_bytes()
    Path(file).write_bytes(data[: len(data) // 2])  # a truncated package in the temporary file
    Path(sys.argv[1]).write_text("writing")
    time.sleep(60)  # Ctrl-C arrives here, mid-write

genanki.Package.write_to_file = write_half_then_wait
from flashcards.cli import main
main(sys.argv[2:], prog_name="flashcards")
"""


# A Ctrl-C that lands in code Python runs from a string (a dataclass's generated methods, as a
# lazy import defines them mid-build) makes `python -m` end the process by SIGINT at exit even
# once the command has handled it; one that lands while a class is being made reaches the
# command as a RuntimeError; one in the first moments lands while click and the commands load.
# Each patch stands in for such a moment, loaded before the command.
CTRL_C_IN_GENERATED_CODE = """\
import flashcards.pipeline

def interrupted(*args, **kwargs):
    exec("raise KeyboardInterrupt")

flashcards.pipeline.build_lesson = interrupted
"""

CTRL_C_WHILE_A_CLASS_IS_MADE = """\
import flashcards.pipeline

class Field:
    def __set_name__(self, owner, name):
        raise KeyboardInterrupt

def interrupted(*args, **kwargs):
    class Lexicon:
        forms = Field()

flashcards.pipeline.build_lesson = interrupted
"""


CTRL_C_WHILE_THE_COMMANDS_LOAD = """\
import sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            raise KeyboardInterrupt

sys.meta_path.insert(0, CtrlC())
"""


CTRL_C_IN_A_CALLBACK = """\
import time
import weakref
import flashcards.pipeline

class Lock:
    pass

def ctrl_c(_reference):
    raise KeyboardInterrupt

def interrupted(*args, **kwargs):
    lock = Lock()
    reference = weakref.ref(lock, ctrl_c)
    del lock  # the callback runs, as a module lock's does while a module loads
    for _ in range(100):  # the rest of a build
        time.sleep(0.05)

flashcards.pipeline.build_lesson = interrupted
"""


@pytest.mark.parametrize("patch", [CTRL_C_IN_GENERATED_CODE, CTRL_C_WHILE_A_CLASS_IS_MADE,
                                   CTRL_C_WHILE_THE_COMMANDS_LOAD, CTRL_C_IN_A_CALLBACK],
                         ids=["in generated code", "while a class is made", "while the commands load",
                              "in a callback"])
def test_a_ctrl_c_wherever_it_lands_says_interrupted_and_exits_130(tmp_path, small_article, patch):
    (tmp_path / "patch").mkdir()
    (tmp_path / "patch" / "sitecustomize.py").write_text(patch, encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "flashcards", "build", str(small_article), "-o", str(out)],
                            capture_output=True, text=True, timeout=TIMEOUT,
                            env={**os.environ, "PYTHONPATH": str(tmp_path / "patch")})
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert result.stderr.strip() == "flashcards: interrupted; no file was left half-written"
    assert decks(out) == [] and leftovers(out) == []


def test_ctrl_c_in_the_middle_of_writing_keeps_the_previous_deck(tmp_path, small_article):
    out = tmp_path / "out"
    assert_built(build(small_article, "-o", out, "--no-reverse"), out)
    target = out / "bikes.apkg"
    before = target.read_bytes()
    marker = tmp_path / "writing"
    command = [sys.executable, "-c", SLOW_WRITER, str(marker), "build", str(small_article), "-o", str(out),
               "--no-reverse"]
    result = _interrupt(command, out, marker.exists)
    assert marker.exists(), result.stderr
    assert result.returncode == 130, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("flashcards: interrupted"), result.stderr
    assert target.read_bytes() == before
    assert leftovers(out) == []


def test_builds_writing_the_same_deck_at_once_leave_a_valid_package(tmp_path, small_article, collection):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "flashcards", "build", str(small_article), "-o", str(out)]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]
    results = [process.communicate(timeout=TIMEOUT) + (process.returncode,) for process in processes]
    for stdout, stderr, code in results:
        assert code == 0, stderr
    assert [p.name for p in decks(out)] == ["bikes.apkg", "bikes.reverse.apkg"]
    assert leftovers(out) == []
    for deck in decks(out):
        with zipfile.ZipFile(deck) as package:
            assert package.testzip() is None
        import_apkg(collection, deck)
    assert collection.note_count() > 10
    assert all("error" not in html.lower() for html in rendered_cards(collection))


def _failing_writer(exception: BaseException):
    def write_some_then_fail(self, file, timestamp=None):
        with open(file, "wb") as handle:
            handle.write(b"PK\x03\x04" + b"\x00" * 4096)  # the start of a package, then the disk is full
        raise exception

    return write_some_then_fail


@pytest.mark.parametrize("exception, raised", [(OSError(errno.ENOSPC, "No space left on device"), OutputError),
                                               (KeyboardInterrupt(), KeyboardInterrupt)],
                         ids=["full disk", "Ctrl-C"])
def test_a_failed_write_keeps_the_previous_deck_and_leaves_no_temporary_file(tmp_path, small_lesson, monkeypatch,
                                                                              exception, raised):
    import genanki

    import flashcards

    target = tmp_path / "bikes.apkg"
    flashcards.write_deck(small_lesson, target)
    before = target.read_bytes()
    monkeypatch.setattr(genanki.Package, "write_to_file", _failing_writer(exception))
    with pytest.raises(raised):  # a full disk is the user's problem: one line naming the file
        flashcards.write_deck(small_lesson, target)
    with pytest.raises(raised):
        flashcards.write_reverse_deck(small_lesson, tmp_path / "bikes.reverse.apkg")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bikes.apkg"]


def test_a_full_disk_through_the_command_line_is_one_line_and_keeps_the_previous_deck(tmp_path, small_article,
                                                                                      monkeypatch):
    import genanki
    from click.testing import CliRunner

    from flashcards.cli import main

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(small_article), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in decks(out)}
    monkeypatch.setattr(genanki.Package, "write_to_file",
                        _failing_writer(OSError(errno.ENOSPC, "No space left on device")))
    monkeypatch.delenv("FLASHCARDS_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["build", str(small_article), "-o", str(out)])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], result.stderr
    assert "bikes.apkg" in lines[0] and "internal error" not in lines[0], lines[0]
    assert {p.name: p.read_bytes() for p in decks(out)} == before
    assert leftovers(out) == []


def test_a_build_leaves_no_temporary_file_in_the_system_temp_folder(tmp_path, small_article):
    temp = tmp_path / "temp"
    temp.mkdir()
    out = tmp_path / "out"
    assert_built(build(small_article, "-o", out, env={"TMPDIR": str(temp)}), out)
    # jieba's and wordfreq's dictionary caches may live there; nothing else should
    assert [p.name for p in temp.iterdir() if not p.name.startswith("jieba")] == []


def _long_article(paragraphs: int) -> str:
    """An interleaved article of our own sentences, long enough to be read in several parts."""
    pairs = [("The stall opens before dawn.", "摊子天亮以前就开了。"),
             ("Mr. Lee boils water in a copper kettle.", "李先生用铜壶烧水。"),
             ("\"Is it ready?\" she asked. He shook his head.", "“好了吗？”她问。他摇了摇头。"),
             ("Buyers taste every tea twice.", "买家每种茶都要尝两次。"),
             ("By noon the street is quiet again.", "到了中午，街上又安静了。")]
    rng = random.Random(8)
    blocks = []
    for _ in range(paragraphs):
        chosen = rng.sample(pairs, 3)
        blocks += [" ".join(en for en, _ in chosen), "".join(zh for _, zh in chosen)]
    return "\n\n".join(blocks) + "\n"


def _part_size(monkeypatch, characters: int) -> None:
    from flashcards import pipeline

    monkeypatch.setattr(pipeline, "SMALLEST_PART", characters)
    monkeypatch.setattr(pipeline, "LARGEST_PART", characters)


def test_a_long_article_read_in_parts_gives_the_same_lesson_as_read_whole(monkeypatch):
    """Parts keep memory flat and feed the progress bar; they must not change a single card."""
    from dataclasses import replace

    import flashcards
    from flashcards import pipeline, vocab
    from flashcards.english import select as english_vocab
    from flashcards.parse import parse_article

    article = parse_article("long.txt", _long_article(60))
    _part_size(monkeypatch, 10**9)
    whole = pipeline.build_lesson(article)
    _part_size(monkeypatch, 150)
    seen = []
    parts = pipeline.build_lesson(article, progress=lambda done, total: seen.append((done, total)), workers=1)
    total = len(pipeline.parts_of(article))
    assert total > 5
    assert seen == [(done, total) for done in range(total + 1)]
    assert [s.pair.id for s in parts.sentences] == [f"s{n}" for n in range(1, len(parts.sentences) + 1)]
    assert parts == whole
    english = flashcards.english_vocabulary(whole)  # the reverse deck's words, its sentences in one job
    assert len(pipeline.parts_of(article)) > 1 and len(english) > 10
    # the items too are made a few at a time, on every core: the Chinese, and the English
    monkeypatch.setattr(vocab, "ITEMS_PER_JOB", 7)
    monkeypatch.setattr(english_vocab, "ENGLISH_SENTENCES_PER_JOB", 3)
    monkeypatch.setattr(english_vocab, "ENGLISH_JOBS_PER_PROCESS", 10**6)
    both = pipeline.build_lesson(article, workers=3, english=True)  # forked workers (on Linux) change nothing
    assert replace(both, english=None) == whole
    assert list(both.english) == english


def _length_of_shared(shared, index):
    from flashcards.workers import shared_value

    return len(shared_value(shared)[index])


def test_a_book_shared_with_the_workers_reaches_every_job_even_after_they_started():
    """The sentences of a book go to the workers by fork, not pickled in every job: a pool
    that was already running when they were shared must not send jobs to workers without them."""
    from flashcards.workers import Workers, shared_value

    with Workers(2, lambda: None) as pool:
        assert list(pool.map_in_order(len, [("ab",), ("abc",), ("a",)])) == [2, 3, 1]  # workers started
        chapters = [["a"] * n for n in range(1, 9)]
        shared = pool.share(chapters)
        assert pool.share(chapters) == shared and shared_value(shared) is chapters
        jobs = [(shared, index) for index in range(len(chapters))]
        assert list(pool.map_in_order(_length_of_shared, jobs)) == list(range(1, 9))


def test_a_long_book_in_two_files_is_aligned_whole_then_read_in_parts(monkeypatch):
    from flashcards import pipeline
    from flashcards.parse import parse_parallel

    blocks = _long_article(60).split("\n\n")
    article = parse_parallel("long.en.txt", "\n\n".join(blocks[0::2]), "long.zh.txt", "\n\n".join(blocks[1::2]))
    assert len(article.paragraphs) == 1
    _part_size(monkeypatch, 10**9)
    whole = pipeline.build_lesson(article)
    _part_size(monkeypatch, 300)
    monkeypatch.setattr(pipeline, "SENTENCES_PER_SEGMENTING_JOB", 20)  # segmented on both cores, then aligned
    seen = []
    parts = pipeline.build_lesson(article, progress=lambda done, total: seen.append((done, total)), workers=2)
    total = seen[-1][1]
    assert seen[0][0] == 0 and seen[0][1] > 3  # a bar from the start, while the book is aligned
    assert total > 3 and seen[1:] == [(done, total) for done in range(1, total + 1)]
    assert parts == whole


def test_a_long_article_shows_progress_on_a_terminal_and_nothing_when_piped(tmp_path):
    import pty

    article = tmp_path / "long.txt"
    article.write_text(_long_article(60), encoding="utf-8")
    code = ("import sys\nfrom flashcards import pipeline\npipeline.SMALLEST_PART = pipeline.LARGEST_PART = 150\n"
            "from flashcards.cli import main\nsys.argv = ['flashcards', 'build', *sys.argv[1:]]\nmain()\n")
    command = [sys.executable, "-c", code, str(article), "-o", str(tmp_path / "out"), "--no-reverse"]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert piped.returncode == 0 and piped.stderr == "", piped.stderr

    controller, terminal = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=terminal, env=dict(os.environ, TERM="xterm")) \
            as process:
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed: the build is over
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=TIMEOUT) == 0
    os.close(controller)
    assert b"reading" in shown, shown[-500:]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_ctrl_c_stops_the_workers_of_a_long_article_at_once(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: parent and workers."""
    article = tmp_path / "long.txt"
    article.write_text(_long_article(2000), encoding="utf-8")
    out = tmp_path / "out"
    code = ("import sys\nfrom flashcards import pipeline\npipeline.SMALLEST_PART = pipeline.LARGEST_PART = 300\n"
            "from flashcards.cli import main\nsys.argv = ['flashcards', 'build', *sys.argv[1:]]\nmain()\n")
    command = [sys.executable, "-c", code, str(article), "-o", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, process_group=0,
                               preexec_fn=_usual_ctrl_c)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline and not children.read_text().split():
        time.sleep(0.01)  # until a worker is forked
    assert process.poll() is None, "the build ended before it forked a worker"
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)
    started = time.monotonic()
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    stopped = time.monotonic() - started
    _check_interrupted(subprocess.CompletedProcess(command, process.returncode, stdout, stderr), out, tmp_path)
    assert stopped < 5, f"took {stopped:.1f} s to stop"
    with pytest.raises(ProcessLookupError):  # no worker outlives the build
        os.killpg(process.pid, 0)
