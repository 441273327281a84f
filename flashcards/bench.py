"""Benchmarks that print figures: ``python -m flashcards.bench accuracy`` and ``… speed``.

- pinyin: the reading of the word that matters in each sentence of our gold set
  (``tests/gold/pinyin.tsv``), and of the marked character of each CPP dev sentence;
- alignment: link precision, recall and F1 of the sentence aligner against the gold
  alignments in ``tests/gold/`` (interleaved articles) and ``tests/gold/parallel/``;
- counterparts: how many gold English counterparts we find, and how many we find wrong;
- speed: whole processes: ``flashcards build`` on long texts against the bare jieba + pypinyin
  pass over the same Chinese, ``--help``, a small article's build, peak memory.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path


def gold_links(path: Path) -> tuple[set[tuple[str, str]], list[dict]]:
    beads = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    links = {(en, zh) for bead in beads for en in bead["en"] for zh in bead["zh"]}
    return links, beads


def predicted_links(pairs) -> set[tuple[str, str]]:
    return {(en, zh) for pair in pairs for en in pair.en for zh in pair.zh}


def article_for(stem: str, root: Path, parallel: bool = False):
    from .pipeline import read_article, read_parallel

    if parallel:
        data = root / "tests" / "data"
        return read_parallel(str(data / f"{stem}.en.txt"), str(data / f"{stem}.zh.txt"))
    articles = root / "articles"
    for suffix in (".txt", ".md"):
        if (articles / f"{stem}{suffix}").exists():
            return read_article(str(articles / f"{stem}{suffix}"))
    return read_parallel(str(articles / f"{stem}.en.txt"), str(articles / f"{stem}.zh.txt"))


def alignment(root: Path, parallel: bool = False) -> dict[str, tuple[float, float, float]]:
    """Link precision, recall and F1 per gold file and over all of them.

    ``parallel``: the gold sets in ``tests/gold/parallel`` (two files without paragraph
    anchors, ``tests/data/<stem>.en.txt`` and ``.zh.txt``) instead of our interleaved articles.
    """
    from . import dictionary as cedict
    from .pipeline import sentence_pairs

    dictionary = cedict.load()
    results = {}
    total_tp = total_pred = total_gold = 0
    folder = root / "tests" / "gold" / ("parallel" if parallel else "")
    for gold_file in sorted(folder.glob("*.align.jsonl")):
        stem = gold_file.name.removesuffix(".align.jsonl")
        gold, _beads = gold_links(gold_file)
        predicted = predicted_links(sentence_pairs(article_for(stem, root, parallel), dictionary))
        tp = len(gold & predicted)
        total_tp, total_pred, total_gold = total_tp + tp, total_pred + len(predicted), total_gold + len(gold)
        results[stem] = _prf(tp, len(predicted), len(gold))
    results["all"] = _prf(total_tp, total_pred, total_gold)
    return results


def _per_character(tokens, lower: bool = False) -> list[str | None]:
    """The syllable of each character of a read sentence (None where it has none)."""
    out: list[str | None] = []
    for token in tokens:
        if token.reading is not None and len(token.reading.syllables) == len(token.text):
            out.extend(s.lower() if lower else s for s in token.reading.syllables)
        else:
            out.extend([None] * len(token.text))
    return out


def compare_syllable(ours: str | None, gold: str) -> str:
    """"right", "convention" (our neutral tone against the label's full tone) or "wrong"."""
    gold = gold.lower().replace("u:", "ü").replace("v", "ü")
    if ours is None:
        return "wrong"
    ours = ours.replace("u:", "ü").replace("v", "ü")
    if ours == gold:
        return "right"
    if ours[:-1] == gold[:-1] and ours[-1] == "5":
        return "convention"
    return "wrong"


def cpp(path: Path, limit: int | None = None) -> tuple[int, int, int, list[tuple[str, str, str | None]]]:
    """Polyphone accuracy on a CPP split: (right, convention differences, total, errors)."""
    sentences = (path / "dev.sent").read_text("utf-8").splitlines()
    labels = (path / "dev.lb").read_text("utf-8").splitlines()
    right = convention = 0
    errors = []
    pairs = list(zip(sentences, labels))[:limit]
    from . import dictionary as cedict
    from .readings import annotate_all
    from .segment import segment

    dictionary = cedict.load()
    plain = [marked.replace("\u2581", "") for marked, _ in pairs]
    read = annotate_all([segment(sentence, dictionary) for sentence in plain], dictionary)
    for (marked, label), tokens in zip(pairs, read):
        position = marked.index("\u2581")
        ours = _per_character(tokens, lower=True)[position]
        verdict = compare_syllable(ours, label)
        right += verdict == "right"
        convention += verdict == "convention"
        if verdict == "wrong":
            errors.append((marked, label, ours))
    return right, convention, len(pairs), errors


@dataclass
class CounterpartScore:
    """How the English counterparts compare with a gold set.

    ``exact``: the gold span exactly; ``partial``: a span that overlaps the gold one (免费 →
    "free" where the gold says "for free"); ``wrong``: a span that misses the gold one, or any
    span where the gold says the sentence has none; ``wanted``: gold items with a span.
    """

    wanted: int = 0
    found: int = 0
    exact: int = 0
    partial: int = 0
    wrong: int = 0
    errors: list = field(default_factory=list)


def sentence_counterparts(en: str, zh: str) -> list[tuple[int, object, object]]:
    """Each token of a Chinese sentence with its offset and its counterpart in the English, as
    the deck finds them (names from the English, every word competing for the English)."""
    from . import dictionary as cedict
    from .models import AnnotatedSentence, SentencePair
    from .names import find_names
    from .readings import annotate_all
    from .segment import segment
    from .vocab import counterparts_in

    dictionary = cedict.load()
    tokens = annotate_all([find_names(segment(zh, dictionary), en, dictionary)], dictionary)[0]
    sentence = AnnotatedSentence(SentencePair("s1", (en,), (zh,), 0), tuple(tokens))
    offsets, at = [], 0
    for token in tokens:
        offsets.append(at)
        at += len(token.text)
    return list(zip(offsets, tokens, counterparts_in(sentence, dictionary)))


def _score(score: CounterpartScore, word: str, gold: tuple[int, int] | None, match, en: str) -> None:
    score.wanted += gold is not None
    if match is None:
        if gold is not None:
            score.errors.append((word, en[slice(*gold)], None))
        return
    score.found += 1
    if gold is not None and (match.start, match.end) == gold:
        score.exact += 1
        return
    if gold is not None and gold[0] < match.end and match.start < gold[1]:
        score.partial += 1
    else:
        score.wrong += 1
    score.errors.append((word, en[slice(*gold)] if gold else None, match.text))


def counterparts(path: Path) -> CounterpartScore:
    """English counterparts on our gold file (see :class:`CounterpartScore`)."""
    score = CounterpartScore()
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        found = next((c for _, t, c in sentence_counterparts(item["en"], item["zh"]) if t.text == item["word"]), None)
        start = item["en"].find(item["english"]) if item["english"] else -1
        _score(score, item["word"], (start, start + len(item["english"])) if start >= 0 else None, found, item["en"])
    return score


def mac_counterparts(gold: Path, mac: Path, chapters: set[str]) -> tuple[CounterpartScore, int]:
    """English counterparts on words of published novel chapters (MAC-Dev, read where it lies),
    judged by a bilingual reader who did not see ours; the second figure counts the gold words
    our segmentation does not have as a word (a name or word cut otherwise)."""
    score, unmatched = CounterpartScore(), 0
    beads = _mac_beads(mac, chapters)
    for line in gold.read_text("utf-8").splitlines():
        item = json.loads(line)
        if item["chapter"] not in chapters or item["bad_segment"]:
            continue  # (see mac_pieces)
        en, zh = beads[(item["chapter"], item["bead"])]
        found = [(t, c) for at, t, c in sentence_counterparts(en, zh) if at == item["at"] and t.text == item["word"]]
        if not found:
            unmatched += 1
            continue
        span = (item["start"], item["end"]) if item["start"] is not None else None
        _score(score, item["word"], span, found[0][1], en)
    return score, unmatched


def _mac_beads(mac: Path, chapters) -> dict[tuple[str, int], tuple[str, str]]:
    beads: dict[tuple[str, int], tuple[str, str]] = {}
    for chapter in sorted(chapters):
        en = (mac / f"{chapter}.en").read_text("utf-8").split("\n")
        zh = (mac / f"{chapter}.zh").read_text("utf-8").split("\n")
        for number, line in enumerate((mac / f"{chapter}.align").read_text("utf-8").splitlines()):
            zh_lines, en_lines = (json.loads(side) for side in line.split(":"))
            beads[(chapter, number)] = (" ".join(en[i] for i in en_lines), "".join(zh[i] for i in zh_lines))
    return beads


def mac_pieces(gold: Path, mac: Path) -> tuple[int, int, list[str]]:
    """Of the words the reader found to be pieces of a longer word or of a name (as our
    segmenter cut them when the gold was made), how many are still cut so: (still, all, words)."""
    beads = _mac_beads(mac, {"001", "002", "003", "004", "005", "006"})
    still, total, words = 0, 0, []
    for line in gold.read_text("utf-8").splitlines():
        item = json.loads(line)
        if not item["bad_segment"]:
            continue
        total += 1
        en, zh = beads[(item["chapter"], item["bead"])]
        if any(at == item["at"] and t.text == item["word"] for at, t, _ in sentence_counterparts(en, zh)):
            still += 1
            words.append(item["word"])
    return still, total, words


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pinyin_gold(path: Path) -> tuple[int, int, list[tuple[str, str, str, str]]]:
    """Our reading of the marked word of each gold sentence: (right, total, errors)."""
    import csv

    right = 0
    errors = []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        sentence, word = row["sentence"], row["word"]
        start = sentence.index(word)
        from .pipeline import annotate_text

        ours = _per_character(annotate_text(sentence))[start:start + len(word)]
        gold = [normalise(s) for s in row["reading"].split()]
        if ours == gold:
            right += 1
        else:
            errors.append((row["note"], word, " ".join(gold), " ".join(map(str, ours))))
    return right, len(rows), errors


def normalise(syllable: str) -> str:
    return syllable.replace("u:", "ü").replace("U:", "Ü")


def _report_alignment(root: Path) -> None:
    print(f"{'alignment gold set':<28}{'precision':>10}{'recall':>10}{'F1':>8}")
    for parallel in (False, True):
        kind = "parallel" if parallel else "interleaved"
        for name, (p, r, f) in alignment(root, parallel).items():
            print(f"{kind + ' ' + name:<28}{p:>10.3f}{r:>10.3f}{f:>8.3f}")


def _report_counterparts(root: Path, mac: Path, verbose: bool) -> None:
    score = counterparts(root / "tests" / "gold" / "counterparts.jsonl")
    _print_counterparts("English counterparts, our own gold set (written with the code: a smoke test)", score,
                        verbose)
    if not (mac / "001.align").exists():
        print(f"English counterparts, MAC-Dev: not measured ({mac} has no chapters)")
        return
    for label, chapters in (("tuned on", DEV_CHAPTERS), ("held out", HELD_OUT_CHAPTERS)):
        score, unmatched = mac_counterparts(root / "tests" / "gold" / "mac-dev-counterparts.jsonl", mac, chapters)
        _print_counterparts(f"English counterparts, MAC-Dev chapters {', '.join(sorted(chapters))} ({label}; "
                            f"{unmatched} gold words cut otherwise by our segmenter, not counted)", score, verbose)
    still, total, words = mac_pieces(root / "tests" / "gold" / "mac-dev-counterparts.jsonl", mac)
    print(f"pieces of words and names, MAC-Dev (words of the same gold set that the reader found to be a piece "
          f"of a longer word or of a name, as we cut them before): {still}/{total} still cut so"
          + (f" ({', '.join(words)})" if verbose else ""))


# Chapters of MAC-Dev whose counterparts the rules were tuned on, and those only measured.
DEV_CHAPTERS = frozenset({"001", "002", "003"})
HELD_OUT_CHAPTERS = frozenset({"004", "005", "006"})


def _print_counterparts(label: str, score: CounterpartScore, verbose: bool) -> None:
    right = score.exact + score.partial
    print(f"{label}:\n  precision {right}/{score.found} = {right / max(score.found, 1):.1%} "
          f"({score.exact} exact, {score.partial} overlapping the gold words), "
          f"recall {right}/{score.wanted} = {right / max(score.wanted, 1):.1%} of the words that have one; "
          f"wrong {score.wrong}/{score.found} = {score.wrong / max(score.found, 1):.1%}")
    if verbose:
        for word, gold, ours in score.errors:
            print(f"    {word}\tgold={gold!r}\tours={ours!r}")


def _report_pinyin(root: Path, cpp_dir: Path, verbose: bool) -> None:
    right, total, errors = pinyin_gold(root / "tests" / "gold" / "pinyin.tsv")
    print(f"pinyin, our gold set: {right}/{total} = {right / total:.1%}")
    if verbose:
        for note, word, gold, ours in errors:
            print(f"  {note}\t{word}\tgold={gold}\tours={ours}")
    if not (cpp_dir / "dev.sent").exists():
        print(f"pinyin, CPP dev: not measured ({cpp_dir} has no dev.sent)")
        return
    right, convention, total, cpp_errors = cpp(cpp_dir)
    print(f"pinyin, CPP dev: {right + convention}/{total} = {(right + convention) / total:.2%} "
          f"({convention} of them our neutral tone against the label's full tone, a convention difference; "
          f"strict {right / total:.2%})")
    if verbose:
        for marked, label, ours in cpp_errors:
            print(f"  {label}\t{ours}\t{marked}")


def tiny_paragraphs(pairs: int) -> str:
    """An article of ``pairs`` one-sentence paragraph pairs ("Day 3: It rained." / "第3天：下雨了。"):
    thousands of tiny paragraphs, built with workers in about half a second."""
    en = ["We drank tea.", "The bus was late.", "It rained.", "My friend laughed.", "The shop opened."]
    zh = ["我们喝了茶。", "公交车晚点了。", "下雨了。", "我的朋友笑了。", "小店开门了。"]
    blocks = []
    for i in range(pairs):
        blocks += [f"Day {i + 1}: {en[i % len(en)]}", f"第{i + 1}天：{zh[i % len(zh)]}"]
    return "\n\n".join(blocks) + "\n"


def synthetic_article(root: Path, chinese_chars: int, seed: int = 7, varied: Path | None = None) -> str:
    """An interleaved bilingual text of about ``chinese_chars`` Chinese characters.

    Made of the sentence pairs of our own gold alignments and literary text, shuffled into
    paragraphs of three pairs, repeated with a fixed seed until long enough: real sentences,
    so segmentation and alignment do real work, though repeated words are looked up once.

    ``varied``: a CPP folder (``dev.sent``); the Chinese is then its Wikipedia sentences in
    order, three to a paragraph, each paragraph after three English sentences of ours that do
    not translate it. A book meets new words all the way through: this text does too.
    """
    import random

    pairs: list[tuple[str, str]] = []
    for gold_file in sorted((root / "tests" / "gold").rglob("*.align.jsonl")):
        for line in gold_file.read_text("utf-8").splitlines():
            bead = json.loads(line)
            if bead["en"] and bead["zh"]:
                pairs.append((" ".join(bead["en"]), "".join(bead["zh"])))
    rng = random.Random(seed)
    paragraphs: list[str] = ["A Long Read\n\n长篇阅读"]
    total = 0
    if varied is not None:
        chinese = [line.replace("▁", "") for line in (varied / "dev.sent").read_text("utf-8").splitlines() if line]
        while total < chinese_chars:
            group = [chinese[(3 * (len(paragraphs) // 2) + k) % len(chinese)] for k in range(3)]
            paragraphs.append(" ".join(en for en, _ in rng.sample(pairs, len(group))))
            paragraphs.append("".join(group))
            total += sum(len(zh) for zh in group)
        return "\n\n".join(paragraphs) + "\n"
    while total < chinese_chars:
        rng.shuffle(pairs)
        for start in range(0, len(pairs) - 2, 3):
            group = pairs[start:start + 3]
            paragraphs.append(" ".join(en for en, _ in group))
            paragraphs.append("".join(zh for _, zh in group))
            total += sum(len(zh) for _, zh in group)
            if total >= chinese_chars:
                break
    return "\n\n".join(paragraphs) + "\n"


_BARE_PASS = """
import sys, jieba, pypinyin
jieba.setLogLevel(60)
text = open(sys.argv[1], encoding="utf-8").read()
for paragraph in text.split("\\n\\n"):
    if any("\\u4e00" <= c <= "\\u9fff" for c in paragraph):
        pypinyin.lazy_pinyin(jieba.lcut(paragraph), style=pypinyin.Style.TONE3)
"""


def _timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a whole process and any workers it forks.

    Memory is the largest sum, sampled every 100 ms, of the proportional set size (PSS) of the
    process and its children, from ``/proc/<pid>/smaps_rollup``: a page the workers share
    with their parent counts once in all. Without /proc, the process's own peak RSS.
    """
    import os
    import subprocess
    import time

    import threading

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_pss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    if not peak:
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak


def _tree_pss(root: int) -> float:
    """MB of PSS of a process and its descendants now (0 where /proc cannot tell)."""
    import os

    children: dict[int, list[int]] = {}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                children.setdefault(parent, []).append(int(entry))
    except OSError:
        return 0.0
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            pass
    return total / 1024


def speed(root: Path, sizes: list[int], cpp: Path | None = None) -> None:
    """Whole-process timings: build against the bare jieba + pypinyin pass, --help, a small build,
    and a book in two files laid out two ways (one alignment for the whole book).

    The long texts come twice when the CPP dev split is at hand: our own sentences repeated,
    and CPP's Wikipedia sentences, which bring new words all the way through as a book does.
    """
    import tempfile

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="flashcards-speed-") as folder:
        work = Path(folder)
        env = {"FLASHCARDS_HOME": str(work / "home")}
        _timed([python, "-m", "flashcards", "build", str(root / "articles" / "tea-market.txt"),
                "-o", str(work / "warm")], env)  # builds the caches once, as a first run does
        help_seconds, _ = _timed([python, "-m", "flashcards", "--help"], env)
        small, _ = _timed([python, "-m", "flashcards", "build", str(root / "articles" / "tea-market.txt"),
                           "-o", str(work / "small")], env)
        print(f"flashcards --help: {help_seconds:.2f} s")
        print(f"small article (articles/tea-market.txt, {_chinese(root / 'articles' / 'tea-market.txt'):,} "
              f"Chinese characters), both decks, cold process: {small:.2f} s")
        texts = [("our sentences, repeated", None)]
        if cpp is not None and (cpp / "dev.sent").exists():
            texts.append(("CPP dev's Wikipedia sentences, varied (repeated past 309,000 characters)", cpp))
        for title, varied in texts:
            print(f"\nlong texts: {title}; build with --no-reverse, like the bare pass, and in full")
            print(f"{'Chinese chars':>14}{'build s':>10}{'bare pass s':>13}{'ratio':>8}{'full s':>8}{'build MB':>10}"
                  f"{'full MB':>9}{'bare MB':>9}{'s per 100k more':>17}")  # MB: peak PSS of the process and its workers
            previous: tuple[int, float] | None = None  # cost of each further 100,000: flat if linear
            for size in sorted(sizes):
                article = work / f"long-{size}.txt"
                article.write_text(synthetic_article(root, size, varied=varied), encoding="utf-8")
                build, peak = _timed([python, "-m", "flashcards", "build", str(article), "-o", str(work / "out"),
                                      "--no-reverse"], env)
                full, full_peak = _timed([python, "-m", "flashcards", "build", str(article), "-o", str(work / "out")],
                                         env)
                bare, bare_peak = _timed([python, "-c", _BARE_PASS, str(article)], env)
                more = f"{(build - previous[1]) / (size - previous[0]) * 100_000:.2f}" if previous else ""
                print(f"{size:>14,}{build:>10.1f}{bare:>13.1f}{build / bare:>8.2f}{full:>8.1f}{peak:>10.0f}"
                      f"{full_peak:>9.0f}{bare_peak:>9.0f}{more:>17}")
                previous = (size, build)
        print("\na book in two files (--en/--zh), 300,000 Chinese characters of our sentences, --no-reverse")
        paragraphs = synthetic_article(root, 300_000).strip().split("\n\n")
        for layout, between in (("a blank line between paragraphs", "\n\n"), ("no blank line (one paragraph a line)", "\n")):
            en, zh = work / "book.en.txt", work / "book.zh.txt"
            en.write_text(between.join(paragraphs[0::2]) + "\n", encoding="utf-8")
            zh.write_text(between.join(paragraphs[1::2]) + "\n", encoding="utf-8")
            seconds, peak = _timed([python, "-m", "flashcards", "build", "--en", str(en), "--zh", str(zh),
                                    "-o", str(work / "out"), "--no-reverse"], env)
            print(f"  {layout}: {seconds:.1f} s, {peak:.0f} MB")


def english_pos_accuracy(gold: Path, mac: Path) -> tuple[int, int, list[tuple[str, str, str]]]:
    """The tagger's parts of speech (:mod:`flashcards.english.pos`, as the reverse deck asks it)
    against a reader's, on the content words of published English prose (MAC-Dev chapter 004,
    read where it lies; the gold file holds offsets and tags only): right, total, errors."""
    from .english.pos import penn_tags, universal_pos
    from .english.offered import _sentence_words

    items = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    beads = _mac_beads(mac, {item["chapter"] for item in items})
    right, errors = 0, []
    for item in items:
        en = beads[(item["chapter"], item["bead"])][0]
        words = _sentence_words(en)
        tags = penn_tags(en, [(word.start, word.end) for word in words])
        tag = next((tag for word, tag in zip(words, tags) if word.start == item["start"]), "")
        ours = universal_pos(tag) or tag
        right += ours == item["upos"]
        if ours != item["upos"]:
            errors.append((en[item["start"]:item["end"]], item["upos"], ours))
    return right, len(items), errors


def reverse_counterparts(gold: Path, mac: Path, chapters: set[str]) -> tuple[int, int, int, int]:
    """The reverse deck's Chinese for English words inside the spans a reader linked to a
    Chinese word (MAC-Dev's counterpart gold, read the other way): (English items in a gold
    span, with a Chinese word, with the reader's word, with another). Words outside a gold
    span are not judged: the reader linked only some words of each sentence."""
    from .dictionary import load
    from .english.lexicon import load_lexicon
    from .english.select import _sentence_items
    from .english.offered import _article_context
    from .models import AnnotatedSentence, SentencePair

    beads = _mac_beads(mac, chapters)
    links: dict[tuple[str, int], list[tuple[int, int, int, int]]] = {}
    for line in gold.read_text("utf-8").splitlines():
        item = json.loads(line)
        if item["chapter"] in chapters and not item["bad_segment"] and item["start"] is not None:
            links.setdefault((item["chapter"], item["bead"]), []).append(
                (item["start"], item["end"], item["at"], item["at"] + len(item["word"])))
    load()
    judged = found = right = wrong = 0
    for key, spans in sorted(links.items()):
        en, zh = beads[key]
        tokens = tuple(token for _, token, _ in sentence_counterparts(en, zh))
        sentence = AnnotatedSentence(SentencePair("s1", (en,), (zh,), 0), tokens)
        for item in _sentence_items(sentence, _article_context([sentence]), load_lexicon()):
            inside = [span for span in spans if span[0] <= item.en_span[0] and item.en_span[1] <= span[1]]
            if not inside:
                continue
            judged += 1
            if item.chinese_span is not None:
                found += 1
                good = any(item.chinese_span == (a, b) for _, _, a, b in inside)
                right += good
                wrong += not good
    return judged, found, right, wrong


def _report_english(root: Path, mac: Path, verbose: bool) -> None:
    """The reverse deck's English side: the tagger's accuracy and the English words' Chinese."""
    if not (mac / "004.align").exists():
        print(f"English parts of speech and the reverse deck's Chinese: not measured ({mac} has no chapters)")
        return
    right, total, errors = english_pos_accuracy(root / "tests" / "gold" / "mac-dev-pos.jsonl", mac)
    print(f"English parts of speech, the tagger against a reader on the content words of MAC-Dev chapter 004 "
          f"(beads 0-13): {right}/{total} = {right / max(total, 1):.1%}"
          + (": " + ", ".join(f"{word} {gold}≠{ours}" for word, gold, ours in errors) if verbose else ""))
    for label, chapters in (("tuned on", DEV_CHAPTERS), ("held out", HELD_OUT_CHAPTERS)):
        judged, found, good, bad = reverse_counterparts(root / "tests" / "gold" / "mac-dev-counterparts.jsonl",
                                                        mac, chapters)
        print(f"reverse deck's Chinese, MAC-Dev chapters {', '.join(sorted(chapters))} ({label}; English items "
              f"inside a span the reader linked to a Chinese word): precision {good}/{found} = "
              f"{good / max(found, 1):.1%}, coverage {good}/{judged} = {good / max(judged, 1):.1%}, "
              f"wrong {bad}/{found}")


def _chinese(path: Path) -> int:
    from .text import count_cjk

    return count_cjk(path.read_text("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """``python -m flashcards.bench accuracy|alignment|counterparts|pinyin [--root DIR] [--cpp DIR] [-v]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m flashcards.bench", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["accuracy", "alignment", "counterparts", "pinyin", "speed"], nargs="?",
                        default="accuracy")
    parser.add_argument("--sizes", default="10000,100000,300000,1000000",
                        help="speed: Chinese characters of the long texts, comma-separated")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    parser.add_argument("--cpp", type=Path, default=None,
                        help="the CPP dev split (default: ../shared/data/cpp-dev beside the repository); "
                             "speed: its sentences make the varied long texts")
    parser.add_argument("--mac", type=Path, default=None,
                        help="the MAC-Dev chapters (default: ../shared/data/mac-dev beside the repository)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    cpp_dir = args.cpp or args.root.resolve().parent / "shared" / "data" / "cpp-dev"
    if args.what in ("accuracy", "pinyin"):
        _report_pinyin(args.root, cpp_dir, args.verbose)
    if args.what in ("accuracy", "alignment"):
        _report_alignment(args.root)
    if args.what in ("accuracy", "counterparts"):
        _report_counterparts(args.root, args.mac or args.root.resolve().parent / "shared" / "data" / "mac-dev",
                             args.verbose)
    if args.what == "accuracy":
        _report_english(args.root, args.mac or args.root.resolve().parent / "shared" / "data" / "mac-dev",
                        args.verbose)
    if args.what == "speed":
        speed(args.root, [int(size) for size in args.sizes.split(",")], cpp_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
