"""The store of known and issued words, and lessons that leave the known words out."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import flashcards
from flashcards.errors import FlashcardsError, InputError
from flashcards.importers import read_words
from flashcards.known import SCHEMA_VERSION, STORE_NAME, KnownWords, home, load_known, normalise, open_store, to_simplified
from flashcards.select import choose
from flashcards.render.anki import VOCABULARY_MODEL_ID

from .conftest import every_word, import_apkg

# A second small article of our own: shares 冬天 (winter), 自行车 (bicycle) and 银行 (bank)
# with the bikes article of conftest, and adds 图书馆 (library), 咖啡 (coffee) and more.
SECOND_ARTICLE = """\
Winter in the Library

冬天的图书馆

In winter I ride my bicycle to the library every morning.

冬天,我每天早上骑自行车去图书馆。

The library opens next to the bank, and its coffee is cheap.

图书馆就在银行旁边,那里的咖啡很便宜。
"""


@pytest.fixture
def flashcards_home(tmp_path, monkeypatch) -> Path:
    """A private ``$FLASHCARDS_HOME`` that does not exist yet."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FLASHCARDS_HOME", str(folder))
    return folder


@pytest.fixture
def store(flashcards_home):
    with open_store() as opened:
        yield opened


@pytest.fixture(scope="module")
def second_article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "library.txt"
    path.write_text(SECOND_ARTICLE, encoding="utf-8")
    return path


def vocabulary_words(col) -> set[str]:
    """The Hanzi field of every vocabulary note in an Anki collection."""
    return {col.get_note(nid)["Hanzi"] for nid in col.find_notes(f"mid:{VOCABULARY_MODEL_ID}")}


# --------------------------------------------------------------------------------------------
# Where the store lives


def test_home_is_flashcards_home_when_set(flashcards_home):
    assert home() == flashcards_home
    assert open_store().path == flashcards_home / STORE_NAME


def test_home_is_the_user_data_folder_otherwise(monkeypatch):
    from platformdirs import user_data_dir

    monkeypatch.delenv("FLASHCARDS_HOME", raising=False)
    assert home() == Path(user_data_dir("flashcards", appauthor=False))


def test_reading_a_store_that_does_not_exist_creates_nothing(flashcards_home):
    with open_store(readonly=True) as store:
        assert store.words() == [] and len(store) == 0
        assert "银行" not in store and store.issued() == set()
        with pytest.raises(FlashcardsError, match="read-only"):
            store.add(["银行"])
    assert not flashcards_home.exists()


def test_the_schema_is_versioned(store):
    store.add(["银行"])
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),)


def test_a_store_from_a_newer_flashcards_is_refused_in_one_line(store):
    store.add(["银行"])
    store.close()
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(InputError, match="newer flashcards") as raised:
        KnownWords(store.path).words()
    assert "\n" not in str(raised.value)


def test_a_file_that_is_not_a_database_is_refused_in_one_line(flashcards_home):
    flashcards_home.mkdir()
    (flashcards_home / STORE_NAME).write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(InputError, match="cannot be used") as raised:
        open_store().add(["银行"])
    assert "\n" not in str(raised.value)


# --------------------------------------------------------------------------------------------
# Known words


def test_add_list_remove_and_export_round_trip(store, tmp_path):
    assert store.add(["银行", "自行车", "春天"], source="command line") == 3  # bank, bicycle, spring
    assert store.add(["银行", "冬天", "冬天"]) == 1, "a word already known, or given twice, counts once"
    assert store.words() == sorted(["银行", "自行车", "春天", "冬天"])
    assert "银行" in store and "咖啡" not in store  # bank known; coffee not
    assert store.contains_any(["咖啡", "冬天"]) and not store.contains_any(["咖啡"])

    text = store.export_text()
    assert text.startswith("#") and text.splitlines()[-4:] == store.words()
    exported = tmp_path / "known.txt"
    exported.write_text(text, encoding="utf-8")
    assert sorted(read_words(exported)[0]) == store.words()

    assert store.remove(["春天", "咖啡"]) == 1, "only words in the store count as removed"
    assert store.words() == sorted(["银行", "自行车", "冬天"])


def test_words_are_normalised(store):
    decomposed = "\u1100\u1161"  # a Hangul syllable in decomposed form; NFC composes it
    assert normalise(" 银 行\n") == "银行"
    store.add([" 银行 ", "银\u3000行", "", "  ", decomposed])
    assert store.words() == sorted(["银行", "\uac00"])


def test_a_traditional_word_is_kept_as_given_and_matches_its_simplified_form(store):
    assert to_simplified("銀行") == "银行" and to_simplified("银行") == "银行"
    assert to_simplified("乾") == "乾", "乾 is also a simplified headword (乾隆): it stays"
    assert to_simplified("圖書館") == "图书馆"  # library
    store.add(["銀行"])
    assert store.words() == ["銀行"]
    assert "银行" in store and "銀行" in store
    assert store.remove(["银行"]) == 1
    assert store.words() == []


def test_two_stores_on_one_file_see_each_others_changes(flashcards_home):
    with open_store() as first, open_store() as second:
        first.add(["银行"])
        assert "银行" in second
        assert second.add(["银行", "咖啡"]) == 1
        assert first.words() == sorted(["银行", "咖啡"])
        second.remove(["银行"])
        assert first.words() == ["咖啡"]


def test_two_processes_writing_at_once_lose_nothing(flashcards_home):
    script = textwrap.dedent("""
        import sys
        from flashcards.known import open_store

        with open_store() as store:
            for number in range(60):
                store.add([f"{sys.argv[1]}{chr(0x4e00 + number)}"])
                store.record_issued([f"{sys.argv[1]}{chr(0x4e00 + number)}"], sys.argv[1])
    """)
    writers = [subprocess.Popen([sys.executable, "-c", script, prefix]) for prefix in ("甲", "乙")]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    with open_store(readonly=True) as store:
        assert len(store) == 120
    with sqlite3.connect(flashcards_home / STORE_NAME) as connection:
        assert connection.execute("SELECT count(*) FROM issued").fetchone() == (120,)


# --------------------------------------------------------------------------------------------
# Issued words (--new-only)


def test_issued_words_are_recorded_per_article(store):
    assert store.record_issued(["银行", "自行车"], "bikes") == 2
    assert store.record_issued(["银行", "自行车"], "bikes") == 0, "a rebuild records nothing new"
    assert store.record_issued(["银行", "图书馆"], "library") == 2
    assert store.issued() == {"银行", "自行车", "图书馆"}
    assert store.issued_by("银行") == ["bikes", "library"]
    assert store.issued_by("銀行") == ["bikes", "library"], "any form of the word"
    assert store.issued_by("咖啡") == []
    # Rebuilding the library article keeps its own words; only other articles' words go.
    assert store.issued(except_article="library") == {"银行", "自行车"}
    assert store.words() == [], "issued words are not known words"


# --------------------------------------------------------------------------------------------
# Lessons without the known words


def test_known_words_are_left_out_and_counted(small_lesson):
    words = [item.word for item in small_lesson.vocabulary]
    assert {"银行", "自行车", "冬天"} <= set(words)
    chosen, left_out = choose(small_lesson.candidates, every_word(), known={"銀行", "自行车", "冬天", "咖啡"})
    assert left_out.known == 3  # 銀行, in traditional characters, counts for 银行
    known = {"银行", "自行车", "冬天"}
    assert [item.word for item in chosen] == [word for word in words if word not in known]
    assert small_lesson.vocabulary[0].word == words[0], "the lesson given is not changed"


def test_with_nothing_known_every_candidate_stays(small_lesson):
    assert choose(small_lesson.candidates, every_word(), known=set())[0] == small_lesson.vocabulary
    assert choose(small_lesson.candidates, every_word(), known={"咖啡"})[1].known == 0


def test_max_words_counts_only_the_words_not_known(small_lesson):
    """The five hardest words the learner does not know, not five less the known ones."""
    hardest = choose(small_lesson.candidates, flashcards.Options(level=0, max_words=5))[0]
    known = {hardest[0].word, hardest[1].word}
    chosen, left_out = choose(small_lesson.candidates, flashcards.Options(level=0, max_words=5), known=known)
    assert len(chosen) == 5 and not known & {item.word for item in chosen}
    assert left_out.known == 2


def test_load_known_joins_the_store_and_known_files(flashcards_home, tmp_path):
    with open_store() as store:
        store.add(["銀行"])
    extra = tmp_path / "more.txt"
    extra.write_text("冬天\nwinter\n", encoding="utf-8")
    known, warnings = load_known([extra])
    assert {"銀行", "银行", "冬天"} <= known
    assert warnings == [f"{extra}: skipped 1 line without a Chinese word (line 2)"]
    assert load_known([extra], use_store=False)[0] == {"冬天"}


def test_new_only_decks_of_two_articles_teach_each_word_once(store, small_lesson, second_article):
    store.record_issued([item.word for item in small_lesson.vocabulary], small_lesson.slug)
    options = flashcards.Options(level=0, new_only=True)
    second = flashcards.build(second_article, options=options)
    every = flashcards.build(second_article, options=every_word())
    shared = {item.word for item in small_lesson.vocabulary} & {item.word for item in every.vocabulary}
    assert {"银行", "自行车", "冬天"} <= shared and second.left_out.issued == len(shared)
    assert not shared & {item.word for item in second.vocabulary}
    assert {"图书馆", "咖啡"} <= {item.word for item in second.vocabulary}  # library, coffee


def test_importing_a_deck_of_the_tool_leaves_it_out_of_the_rebuilt_decks(
        store, small_article, second_article, tmp_path, collection):
    """The issue's check: ``known import`` of our .apkg, then rebuild: none of its words again."""
    first = flashcards.build(small_article, options=every_word())
    deck = flashcards.write_deck(first, tmp_path / "bikes.apkg")
    words, warnings = read_words(deck)
    assert warnings == []
    assert store.add(words, source=str(deck)) == len(first.vocabulary)

    rebuilt = flashcards.build(small_article, options=every_word())  # the store is read by default
    assert rebuilt.vocabulary == () and rebuilt.left_out.known == len(first.vocabulary)

    second = flashcards.build(second_article, options=every_word())
    assert second.left_out.known >= 3 and second.vocabulary
    import_apkg(collection, flashcards.write_deck(second, tmp_path / "library.apkg"))
    in_deck = vocabulary_words(collection)
    assert in_deck == {item.word for item in second.vocabulary}
    assert not in_deck & set(words)
    assert {"图书馆", "咖啡"} <= in_deck and not {"银行", "自行车", "冬天"} & in_deck
