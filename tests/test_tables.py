"""The on-disk tables that stand in for big data sets loaded whole, and what they answer.

A table must answer exactly what the library it was built from answers: the difficulty,
lemma, reading and part of speech a card shows must not depend on whether the cache was warm.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from flashcards import cache


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLASHCARDS_CACHE", str(folder))
    return folder


def test_a_table_is_built_once_read_back_and_rebuilt_when_its_source_changes(cache_folder, tmp_path):
    source = tmp_path / "readings.txt"
    source.write_text("茶 cha2\n水 shui3\n", encoding="utf-8")
    builds = []

    def rows():
        builds.append(source.read_text("utf-8"))
        return (line.split() for line in source.read_text("utf-8").splitlines())

    first = cache.table("readings", 1, [source], rows)
    assert (first.get("茶"), first.get("火"), "水" in first, "火" in first) == ("cha2", None, True, False)
    assert cache.table("readings", 1, [source], rows).get("水") == "shui3"
    assert len(builds) == 1  # the second process (here: call) reads the file built by the first

    for version in range(3):  # three new versions of the data: one table each, old ones tidied away
        source.write_text(f"茶 cha{version}\n", encoding="utf-8")
        assert cache.table("readings", 1, [source], rows).get("茶") == f"cha{version}"
    assert len(builds) == 4
    assert len(list(cache_folder.glob("readings-*.sqlite"))) == 2  # the newest and one before it


def test_cache_files_nothing_uses_any_more_are_deleted_when_a_cache_is_built(cache_folder, tmp_path):
    """After an upgrade the folder does not keep the files of names an older version built."""
    import os
    import time

    source = tmp_path / "readings.txt"
    source.write_text("茶 cha2\n", encoding="utf-8")
    cache.table("readings", 1, [source], lambda: [("茶", "cha2")])
    (in_use,) = cache_folder.glob("readings-*.sqlite")
    month_ago = time.time() - 31 * 86_400
    retired = cache_folder / "cedict-0123456789abcdef.marshal"  # a name no version builds now
    recent = cache_folder / "english-0123456789abcdef.marshal"  # another install's, used last week
    theirs = cache_folder / "notes.txt"  # not a cache file of ours
    for path, when in ((retired, month_ago), (recent, time.time() - 7 * 86_400), (theirs, month_ago),
                       (in_use, month_ago)):
        path.touch()
        os.utime(path, (when, when))

    assert cache.table("readings", 1, [source], lambda: [("茶", "cha2")]).get("茶") == "cha2"  # loading marks it used
    source.write_text("茶 cha3\n", encoding="utf-8")  # new data: a new table is built, and the folder tidied
    assert cache.table("readings", 1, [source], lambda: [("茶", "cha3")]).get("茶") == "cha3"
    assert not retired.exists()
    assert recent.exists() and theirs.exists() and in_use.exists()


def test_a_damaged_table_is_built_again(cache_folder, tmp_path):
    source = tmp_path / "readings.txt"
    source.write_text("x", encoding="utf-8")
    cache.table("readings", 1, [source], lambda: [("茶", "cha2")])
    (damaged,) = cache_folder.glob("readings-*.sqlite")
    damaged.write_bytes(b"not a database at all" * 100)
    assert cache.table("readings", 1, [source], lambda: [("茶", "cha2")]).get("茶") == "cha2"


def test_without_a_cache_folder_the_rows_are_kept_in_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "folder", lambda: None)
    table = cache.table("readings", 1, [tmp_path], lambda: [("茶", "cha2")])
    assert table.get("茶") == "cha2" and table.get("水", "?") == "?"


def test_a_lone_surrogate_is_not_found_rather_than_an_error(cache_folder, tmp_path):
    table = cache.table("readings", 1, [tmp_path], lambda: [("茶", "cha2")])
    assert table.get("\ud800茶") is None


def _sample(words, size, seed=3):
    return random.Random(seed).sample(sorted(words), size)


def test_english_difficulty_is_wordfreqs():
    import wordfreq

    from flashcards.frequencies import english_zipf

    words = _sample(wordfreq.get_frequency_dict("en", "best"), 2000)
    rng = random.Random(5)
    phrases = [" ".join(rng.sample(words, 2)) for _ in range(300)] + ["-".join(rng.sample(words, 2)).title()
                                                                       for _ in range(300)]
    listed = wordfreq.get_frequency_dict("en", "best")
    apostrophes = _sample([w for w in listed if "'" in w], 300) + [
        f"{rng.choice(words)}'{rng.choice(words)}" for _ in range(300)]  # wordfreq splits l'amour, not don't
    accented = _sample([w for w in listed if not w.isascii() and w.isalpha() and len(w) < 12], 500)
    accented += [w.upper() for w in accented[:100]] + [f"ca{chr(code)}e" for code in range(0xC0, 0x180)]
    asked = words + phrases + apostrophes + accented + [
        "safety net", "Grown-up", "pu'er", "O'Brien", "e-commerce", "qzxv", "Saturday", "3D", "rock'n'roll",
        "Café", "crème brûlée", "Straße", "İstanbul", "cafe\u0301"]
    assert [english_zipf(w) for w in asked] == [wordfreq.zipf_frequency(w, "en") for w in asked]


def test_chinese_difficulty_reads_wordfreqs_list():
    import math

    import wordfreq

    from flashcards.vocab import zipf

    listed = wordfreq.get_frequency_dict("zh", "best")
    for word in _sample([w for w in listed if len(w) > 1 and w.isalpha()], 300):
        assert zipf(word) == round(math.log10(listed[word] * 1e9), 2), word


def test_lemmas_are_simplemmas():
    import simplemma

    from flashcards.english import lemma

    known = ["livelihoods", "rose", "went", "better", "children", "geese", "running", "Taught", "analyses"]
    for word in known:
        assert lemma(word) == simplemma.lemmatize(word.lower(), lang="en").lower(), word
    for word in ["Utsire", "qwertyings"]:  # in no list: its own lemma, without loading simplemma
        assert lemma(word) == word.lower()


def test_pypinyin_readings_are_pypinyins():
    from pypinyin import Style, pinyin
    from pypinyin.constants import PHRASES_DICT

    from flashcards.pinyin import unmark
    from flashcards.pypinyin_data import character_reading, guess, phrase_reading

    characters = [chr(code) for code in _sample(range(0x4E00, 0x9FA6), 500)]
    for char in characters:
        assert character_reading(char) == unmark(pinyin(char, style=Style.TONE)[0][0]), char
    for phrase in _sample([p for p, r in PHRASES_DICT.items() if len(p) == len(r)], 300):
        assert phrase_reading(phrase) == tuple(unmark(options[0]) for options in PHRASES_DICT[phrase]), phrase
    assert guess("黄陂") == ("huang2", "pi2") and guess("\U000f0000") == ("?",)


def test_jieba_tags_are_jiebas_and_jiebas_own_tagger_still_works():
    """Our import of jieba.posseg skips its table of tags; a program using jieba.posseg itself
    after importing flashcards must tag exactly as before."""
    code = ("import sys\n"
            "if sys.argv[1] == 'ours':\n"
            "    from flashcards.segment import segment, _tokenizer\n"
            "    _tokenizer()\n"
            "import jieba, jieba.posseg\n"
            "jieba.setLogLevel(60)\n"
            "text = '王先生昨天在北京大学门口买了三斤新鲜的龙井茶，吴恩达也来了。'\n"
            "print([(p.word, p.flag) for p in jieba.posseg.lcut(text)])\n"
            "print([jieba.posseg.dt.word_tag_tab.get(w) for w in ['北京大学', '龙井茶', '新鲜', '吗']])\n")
    plain = subprocess.run([sys.executable, "-c", code, "plain"], capture_output=True, text=True, check=True).stdout
    ours = subprocess.run([sys.executable, "-c", code, "ours"], capture_output=True, text=True, check=True).stdout
    assert ours == plain
    assert "('北京大学', 'nt')" in ours


def test_jieba_cuts_alike_with_its_words_read_one_by_one_or_loaded_whole(tmp_path):
    """A short text has jieba's words read from our table as jieba asks for them, a long one
    has them loaded whole: either way jieba must cut exactly as with its own dictionary."""
    from pathlib import Path

    articles = Path(__file__).resolve().parent.parent / "articles"
    text = "".join(path.read_text("utf-8") for path in sorted(articles.glob("*.txt")))
    text += "王先生昨天在北京大学门口买了三斤新鲜的龙井茶，吴恩达也来了。鑫淼犇骉在乌鲁木齐遇见了阿卜杜拉。"
    (tmp_path / "text.txt").write_text(text, encoding="utf-8")
    code = ("import sys, jieba\n"
            "from flashcards import segment\n"
            "jieba.setLogLevel(60)\n"
            "text = open(sys.argv[1], encoding='utf-8').read()\n"
            "own = jieba.lcut(text)\n"
            "ours = segment._tokenizer().tokenizer\n"
            "one_by_one = ours.lcut(text)\n"
            "segment.load_every_word()\n"
            "print(own == one_by_one, own == ours.lcut(text), len(own))\n")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "text.txt")], capture_output=True, text=True,
                            check=True)
    same_one_by_one, same_whole, words = result.stdout.split()
    assert (same_one_by_one, same_whole) == ("True", "True") and int(words) > 1000
