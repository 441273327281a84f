"""Rules for everyday polyphones that a model trained on encyclopaedia text gets wrong.

The context model learned from Wikipedia sentences; the articles our users read are full of
everyday grammar it rarely saw: 跑得很快 (de), 我得走了 (děi), 高兴地跳 (de), 穿着 (zhe),
这条路很长 (cháng), 一只狗 (zhī), 这种 (zhǒng). Each rule looks at the words on either side,
as a teacher would explain it, and answers only when the pattern is unambiguous; otherwise
the model decides.
"""

from __future__ import annotations

from collections.abc import Sequence

# Words after which a measure word follows: numerals, demonstratives, "every", "which", "several".
COUNTING = frozenset("一二两三四五六七八九十百千万几这那每哪各半")
_COUNTERS = COUNTING
_DEGREE = frozenset({"很", "太", "真", "更", "最", "非常", "特别", "十分", "这么", "那么", "多么", "挺", "好", "不", "比较", "越来越"})
TITLES = frozenset({"先生", "老师", "女士", "太太", "小姐", "教授", "医生", "大夫", "博士", "经理", "同学",
                    "师傅", "阿姨", "叔叔", "奶奶", "爷爷", "老板", "主任", "校长", "院长", "总"})

Word = tuple[str, str]  # (text, part of speech)
_EXHAUST = frozenset({"全力", "力", "心", "责", "职", "情", "孝", "忠", "义务", "所能", "其所能"})


def _tag(words: Sequence[Word], index: int) -> str:
    return words[index][1] if 0 <= index < len(words) else ""


def _text(words: Sequence[Word], index: int) -> str:
    return words[index][0] if 0 <= index < len(words) else ""


def _is_verb(tag: str) -> bool:
    return tag.startswith("v")


def _is_adjective(tag: str) -> bool:
    return tag.startswith(("a", "z"))


def _ends_clause(text: str) -> bool:
    return text == "" or not any("\u4e00" <= char <= "\u9fff" for char in text)


def _counted(words: Sequence[Word], index: int) -> bool:
    """Whether the word before ``index`` is a number or a demonstrative (这一行, 两只, 这种)."""
    before = _text(words, index - 1)
    return bool(before) and (before[-1] in _COUNTERS or before[-1].isdigit() or _tag(words, index - 1) == "m")


def reading_by_rule(words: Sequence[Word], index: int) -> str | None:
    """The numbered syllable for the one-character word ``words[index]``, or None to let the model decide."""
    char = words[index][0]
    before, after = _text(words, index - 1), _text(words, index + 1)
    tag_before, tag_after = _tag(words, index - 1), _tag(words, index + 1)
    if char == "尽" and after in _EXHAUST:
        return "jin4"  # 尽全力, 尽力, 尽心: to use up (jǐn is "as far as": 尽快, 尽量, words of their own)
    if char == "得":
        if (_is_verb(tag_before) or _is_adjective(tag_before)) and after not in ("了", "过"):
            return "de5"  # 跑得很快, 写得漂亮, 高得多, 塑造得弊大于利: the complement particle
            # (考试得了满分: 得 dé "to get", for the model)
        if (_is_verb(tag_after) or after in ("多", "先", "马上", "赶紧")) and not _is_verb(tag_before):
            return "dei3"  # 我得走了, 得多喝水: must
        return None
    if char == "地":
        if _is_verb(tag_after) and (_is_adjective(tag_before) or tag_before in ("b", "d", "ad", "i", "l")
                                    or (len(before) == 2 and before[0] == before[1])):
            return "de5"  # 高兴地跳, 慢慢地走: the adverbial particle
        return None
    if char == "着":
        if _is_verb(tag_before) and after not in ("了", "急", "火", "凉"):
            return "zhe5"  # 穿着, 看着: the durative particle
        return None
    if char == "长":
        if before in _DEGREE or after in ("着",) or _ends_clause(after) and before in _DEGREE:
            return "chang2"  # 很长, 太长
        if after in ("得", "大", "高", "出", "了") and before not in _DEGREE:
            return "zhang3"  # 长得快, 长大, 长高
        return None
    if char == "行":
        if _counted(words, index):
            return "hang2"  # 二十行, 这一行: a line, a trade
        if _ends_clause(after) or after in ("吗", "吧", "了", "啊", "呢", "不"):
            return "xing2"  # 行吗, 不行: all right
        return None
    if char == "只":
        return "zhi1" if _counted(words, index) else None  # 一只狗
    if char == "种":
        if _counted(words, index):
            return "zhong3"  # 这种, 三种: a kind
        if tag_after.startswith("n"):
            return "zhong4"  # 种水稻: to plant
        return None
    if char == "还":
        if _ends_clause(after) or after in ("给", "钱", "书", "我", "你", "他", "她", "回"):
            if before not in ("也", "都", "却", "可", "但"):
                return "huan2"  # 什么时候还?, 还钱: to give back
        return None
    if char == "为":
        return "wei4" if tag_after == "r" else None  # 为我们做饭: for (为 + a place is wéi, "as")
    if char == "觉":
        if any(text in ("睡", "午", "一") for text, _ in words[max(0, index - 4):index]):
            return "jiao4"  # 睡一个小时的觉: sleep
        return None
    if char == "重":
        if before in _DEGREE or after in ("了", "吗"):
            return "zhong4"  # 太重了: heavy
        return None
    if char == "教":
        if _tag(words, index).startswith("v") and (tag_after.startswith("n") or tag_after.startswith("r")
                                                   or after in ("英语", "汉语", "中文", "数学")):
            return "jiao1"  # 教英语, 教我们: to teach
        return None
    if char == "背":
        return "bei1" if after in ("着", "起", "上", "包") else None  # 背着书包: to carry
    if char == "数":
        if after in ("一", "到", "了", "一数") or _is_verb(tag_after):
            return "shu3"  # 数一数, 数到十: to count
        return None
    if char == "乐":
        return "le4" if after in ("了", "得") else None  # 大家都乐了: to laugh
    if char == "差":
        if after and (after[0] in _COUNTERS or after[0].isdigit() or tag_after == "m"):
            return "cha4"  # 差五分钟: short of
        return None
    if char == "应":
        if _is_verb(tag_after) or tag_after.startswith("d"):
            return "ying1"  # 应追溯至, 应多休息: should
        if _ends_clause(after):
            return "ying4"  # 有求必应: to answer
        return None
    if char == "干":
        if after == "了" and before in ("已经", "都", "快", "还没", "没"):
            return "gan1"  # 衣服已经干了: dry
        return None
    return None


def surname_before_title(words: Sequence[Word], index: int) -> bool:
    """A one-character word followed by a title is a surname: 单老师 Shàn, 曾先生 Zēng."""
    return _text(words, index + 1) in TITLES
