"""Layout: titles, furniture, paragraph pairs, Markdown, Chinese-only and parallel files."""

from __future__ import annotations

import pytest

from flashcards.errors import InputError
from flashcards.parse import parse_article, parse_parallel, slug_for, split_blocks

from .conftest import SMALL_ARTICLE


def body_text(article) -> str:
    return "\n".join(p for pair in article.paragraphs for p in pair.en + pair.zh)


def test_title_and_source_become_metadata_and_furniture_is_dropped():
    article = parse_article("bikes.txt", SMALL_ARTICLE)
    assert article.title.zh == "城市里的自行车"
    assert article.title.en == "Bicycles in the City"
    assert article.source == "https://example.org/bikes"
    body = body_text(article)
    for furniture in ("导读", "Article illustration", "来源", "城市里的自行车", "小林", "Lin"):
        assert furniture not in body


def test_each_english_paragraph_pairs_with_its_translation_and_bullets_lose_their_dash():
    article = parse_article("bikes.txt", SMALL_ARTICLE)
    pairs = {pair.en[0]: pair.zh for pair in article.paragraphs}
    assert pairs["Riders pay by the hour."] == ("第一,骑车的人按小时付费。",)
    assert pairs["Dear friends,"] == ("朋友们好,",)


def test_two_english_paragraphs_followed_by_one_chinese_form_one_pair():
    text = "First part.\n\nSecond part.\n\n第一部分,第二部分。\n\nNext.\n\n下一个。\n"
    article = parse_article("a.txt", text)
    assert article.paragraphs[0].en == ("First part.", "Second part.")
    assert article.paragraphs[0].zh == ("第一部分,第二部分。",)
    assert article.paragraphs[1].en == ("Next.",)


def test_one_english_paragraph_followed_by_two_chinese_paragraphs():
    text = "One long paragraph. It goes on.\n\n一段。\n\n又一段。\n\nEnd.\n\n完。\n"
    article = parse_article("a.txt", text)
    assert article.paragraphs[0].zh == ("一段。", "又一段。")


def test_markdown_markup_is_stripped_and_link_text_kept():
    text = ("# Dumplings at Home\n\n# 在家包饺子\n\n"
            "We used **fresh** flour from [the mill](https://example.org/mill). ![a bowl](bowl.png)\n\n"
            "我们用的是磨坊的*新鲜*面粉。\n")
    article = parse_article("d.md", text)
    assert article.title.en == "Dumplings at Home"
    assert article.title.zh == "在家包饺子"
    assert article.paragraphs[0].en == ("We used fresh flour from the mill.",)
    assert article.paragraphs[0].zh == ("我们用的是磨坊的新鲜面粉。",)


def test_a_chinese_only_article_has_paragraphs_without_english():
    article = parse_article("zh.txt", "今天很冷。\n\n我们在家包饺子。\n")
    assert not article.has_english
    assert [pair.zh for pair in article.paragraphs] == [("今天很冷。", "我们在家包饺子。")]


def test_an_article_with_no_chinese_is_refused():
    with pytest.raises(InputError, match="no Chinese"):
        parse_article("en.txt", "Only English here.\n\nAnd more of it.\n")


def test_parallel_files_become_one_pair_with_every_paragraph():
    article = parse_parallel("s.en.txt", "The Night Bus\n\nThe bus came. We got on.\n\nIt was cold.\n",
                             "s.zh.txt", "夜班车\n\n车来了,我们上了车。天很冷。\n")
    assert article.title == type(article.title)(en="The Night Bus", zh="夜班车")
    assert article.paragraphs[0].en == ("The bus came. We got on.", "It was cold.")
    assert article.paragraphs[0].zh == ("车来了,我们上了车。天很冷。",)
    assert article.slug == "s"


@pytest.mark.parametrize("path, slug", [
    ("articles/tea-market.txt", "tea-market"),
    ("x/Night Bus.en.txt", "night-bus"),
    ("notes.md", "notes"),
])
def test_slug_comes_from_the_file_name(path, slug):
    assert slug_for(path) == slug


MARKET_DAY = r"""Market Day
==========

集市日
------

We bought **fresh** tofu and *green* onions from [the corner shop](https://example.org/shop)![a stall](stall.png) <b>early</b>.[^1] The sign said \*cash only\*.

我们在[街角小店](https://example.org/shop "小店")买了<b>新鲜</b>的豆腐和*青*葱。[^2]

<div class="ad">
Subscribe now, 订阅我们
</div>

> We paid in __coins__, and the seller
> smiled.

> 我们用~~纸币~~硬币付钱，
> 卖菜的人笑了。

```python
print("code, 代码")
```

    indented code, 缩进的代码

| Item | Price |
|------|-------|
| Tofu | 3 yuan |

| 东西 | 价格 |
|------|------|
| 豆腐 | `三块钱` |

***

- Ticket one
- Ticket two

[^1]: The shop opens at six.
[^2]: 六点开门。
"""


def test_markdown_with_every_construct_gives_clean_text():
    article = parse_article("market.md", MARKET_DAY)
    assert article.title.en == "Market Day"  # Setext headings, both levels
    assert article.title.zh == "集市日"
    english = [p for pair in article.paragraphs for p in pair.en]
    chinese = [p for pair in article.paragraphs for p in pair.zh]
    assert english == ["We bought fresh tofu and green onions from the corner shop early. The sign said *cash only*.",
                       "We paid in coins, and the seller smiled.",
                       "Item Price\nTofu 3 yuan",
                       "Ticket one\nTicket two"]
    assert chinese == ["我们在街角小店买了新鲜的豆腐和青葱。", "我们用纸币硬币付钱，卖菜的人笑了。", "东西 价格\n豆腐 三块钱"]
    body = "".join(english + chinese)
    for leak in ("=", "--", "<", ">", "[", "|", "`", "print", "代码", "Subscribe", "订阅", "six", "六点", "stall", "http"):
        assert leak not in body


def test_atx_headings_with_closing_hashes_are_titles():
    article = parse_article("a.md", "## Night Bus ##\n\n# 夜班车 #\n\nWe rode home.\n\n我们坐车回家。\n")
    assert (article.title.en, article.title.zh) == ("Night Bus", "夜班车")


def test_emphasis_markers_around_words_leave_plain_text_but_not_words_themselves():
    text = ("We watched *Terminator* and _Alien_ on **Friday**, ran make_deck and 5*3*2.\n\n"
            "我们看了*终结者*和_异形_。\n")
    article = parse_article("a.txt", text)
    assert article.paragraphs[0].en == ("We watched Terminator and Alien on Friday, ran make_deck and 5*3*2.",)
    assert article.paragraphs[0].zh == ("我们看了终结者和异形。",)


@pytest.mark.parametrize("unit", ["[", "![", "[^", "*a ", "[\n", "> [\n"])
def test_markdown_takes_linear_time_on_runs_of_brackets_and_marks(unit):
    import time

    def seconds(n: int) -> float:  # the best of three: another process may take the core a while
        import gc

        best = float("inf")
        for _ in range(3):
            gc.disable()  # a collection of the whole suite's objects is no part of the parser's time
            try:
                start = time.perf_counter()
                split_blocks("茶。" + unit * n, markdown=True)
                best = min(best, time.perf_counter() - start)
            finally:
                gc.enable()
        return best

    small, large = seconds(5_000), seconds(20_000)
    assert large < 8 * small + 0.05  # four times the text: about four times the time, not sixteen


def test_a_list_and_its_translation_after_a_blank_line_are_two_paragraphs():
    text = "1. Wash the rice.\n2. Boil the water.\n\n1. 把米洗干净。\n2. 把水烧开。\n"
    article = parse_article("rice.md", text)
    assert article.paragraphs[0].en == ("Wash the rice.\nBoil the water.",)
    assert article.paragraphs[0].zh == ("把米洗干净。\n把水烧开。",)
