"""Benchmarks that print figures: ``python -m flashcards.bench alignment``.

alignment: link precision, recall and F1 of the sentence aligner against the gold alignments
in ``tests/gold/`` (beads of sentence texts, written by hand for our own articles).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def gold_links(path: Path) -> tuple[set[tuple[str, str]], list[dict]]:
    beads = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    links = {(en, zh) for bead in beads for en in bead["en"] for zh in bead["zh"]}
    return links, beads


def predicted_links(pairs) -> set[tuple[str, str]]:
    return {(en, zh) for pair in pairs for en in pair.en for zh in pair.zh}


def article_for(stem: str, root: Path):
    from .pipeline import read_article, read_parallel

    articles = root / "articles"
    for suffix in (".txt", ".md"):
        if (articles / f"{stem}{suffix}").exists():
            return read_article(str(articles / f"{stem}{suffix}"))
    return read_parallel(str(articles / f"{stem}.en.txt"), str(articles / f"{stem}.zh.txt"))


def alignment(root: Path) -> dict[str, tuple[float, float, float]]:
    from . import dictionary as cedict
    from .pipeline import sentence_pairs

    dictionary = cedict.load()
    results = {}
    total_tp = total_pred = total_gold = 0
    for gold_file in sorted((root / "tests" / "gold").glob("*.align.jsonl")):
        stem = gold_file.name.removesuffix(".align.jsonl")
        gold, _beads = gold_links(gold_file)
        predicted = predicted_links(sentence_pairs(article_for(stem, root), dictionary))
        tp = len(gold & predicted)
        total_tp, total_pred, total_gold = total_tp + tp, total_pred + len(predicted), total_gold + len(gold)
        results[stem] = _prf(tp, len(predicted), len(gold))
    results["all"] = _prf(total_tp, total_pred, total_gold)
    return results


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    what = argv[0] if argv else "alignment"
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    if what == "alignment":
        print(f"{'gold set':<14}{'precision':>10}{'recall':>10}{'F1':>8}")
        for name, (p, r, f) in alignment(root).items():
            print(f"{name:<14}{p:>10.3f}{r:>10.3f}{f:>8.3f}")
        return 0
    print(f"unknown benchmark {what!r}: try 'alignment'", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
