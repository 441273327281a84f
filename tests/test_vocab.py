"""Which words become vocabulary cards."""

from __future__ import annotations

import flashcards


def test_function_words_numbers_and_latin_are_left_out(small_lesson):
    words = {item.word for item in small_lesson.vocabulary}
    for excluded in ("的", "了", "是", "我", "这个", "两千", "十一", "第一", "第二"):
        assert excluded not in words
    assert all(not any(c.isascii() for c in word) for word in words)


def test_content_words_are_in_with_reading_and_meaning(small_lesson):
    items = {item.word: item for item in small_lesson.vocabulary}
    for word in ("自行车", "银行", "赞助", "项目", "冬天"):
        assert word in items, word
    assert items["银行"].pinyin == "yínháng"
    assert "bank" in items["银行"].definitions[0]


def test_each_word_once_with_its_first_sentence(small_lesson):
    words = [item.word for item in small_lesson.vocabulary]
    assert len(words) == len(set(words))
    item = next(item for item in small_lesson.vocabulary if item.word == "项目")
    first = next(s for s in small_lesson.sentences if "项目" in s.pair.zh_text)
    assert item.sentence == first.pair.id


def test_the_english_counterpart_comes_from_the_articles_own_sentence(small_lesson):
    item = next(item for item in small_lesson.vocabulary if item.word == "自行车")
    sentence = small_lesson.sentence_by_id(item.sentence)
    assert item.english == "bicycles"
    assert sentence.pair.en_text[item.english_span[0]:item.english_span[1]] == "bicycles"


def test_max_words_keeps_the_hardest(small_article, small_lesson):
    """The hardest by HSK level first (beyond HSK hardest), then the rarest."""
    from flashcards.levels import rank

    few = flashcards.build(small_article, options=flashcards.Options(max_words=3, level=0))
    assert len(few.vocabulary) == 3
    kept = {item.word for item in few.vocabulary}
    dropped = [item for item in small_lesson.vocabulary if item.word not in kept]
    hardness = lambda item: (rank(item.level), -item.zipf)  # noqa: E731
    assert min(map(hardness, few.vocabulary)) >= max(map(hardness, dropped))


def test_a_name_the_dictionary_lacks_takes_its_meaning_from_the_articles_english(tmp_path):
    path = tmp_path / "name.txt"
    path.write_text("Yesterday I met Andrew Ng at the library.\n\n昨天我在图书馆见到了吴恩达。\n", encoding="utf-8")
    assert "吴恩达" not in {item.word for item in flashcards.build(path).vocabulary}  # names: only when asked
    lesson = flashcards.build(path, options=flashcards.Options(names=True))
    item = next(item for item in lesson.vocabulary if item.word == "吴恩达")
    assert item.pinyin == "Wú Ēndá"
    assert item.english == "Andrew Ng"
    assert item.meaning_from_article
    assert "not in CC-CEDICT" in item.definitions[0]


def test_an_unknown_word_without_english_is_left_out(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("昨天我在图书馆见到了吴恩达。\n", encoding="utf-8")
    assert "吴恩达" not in {item.word for item in flashcards.build(path).vocabulary}
