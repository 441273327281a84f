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


def char_readings(sentence: str) -> list[str | None]:
    """Our reading of each character of ``sentence`` (None where a character has no syllable)."""
    from .pipeline import annotate_text

    out: list[str | None] = []
    for token in annotate_text(sentence):
        if token.reading is not None and len(token.reading.syllables) == len(token.text):
            out.extend(s.lower() for s in token.reading.syllables)
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
    for marked, label in pairs:
        position = marked.index("\u2581")
        sentence = marked.replace("\u2581", "")
        ours = char_readings(sentence)[position]
        verdict = compare_syllable(ours, label)
        right += verdict == "right"
        convention += verdict == "convention"
        if verdict == "wrong":
            errors.append((marked, label, ours))
    return right, convention, len(pairs), errors


def counterparts(path: Path) -> tuple[int, int, int, int, list[tuple[str, str | None, str | None]]]:
    """English counterparts on a gold file: (gold items with a counterpart, found, right, wrong, errors).

    A found counterpart is right when it is exactly the gold span; found where the gold has
    none, or a different span, it is wrong.
    """
    from . import dictionary as cedict
    from .meanings import counterpart_for, gloss_for
    from .pipeline import annotate_text

    wanted = found = right = wrong = 0
    errors = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        gold = item["english"]
        wanted += gold is not None
        token = next((t for t in annotate_text(item["zh"]) if t.text == item["word"] and t.reading), None)
        ours = None
        if token is not None and token.entries:
            match = counterpart_for(token.text, gloss_for(token.reading, token.entries).senses, item["en"],
                                    cedict.load())
            ours = match.text if match else None
        if ours is not None:
            found += 1
            if ours == gold:
                right += 1
            else:
                wrong += 1
        if ours != gold:
            errors.append((item["word"], gold, ours))
    return wanted, found, right, wrong, errors


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
        print(f"{'gold set':<24}{'precision':>10}{'recall':>10}{'F1':>8}")
        for parallel in (False, True):
            kind = "parallel" if parallel else "interleaved"
            for name, (p, r, f) in alignment(root, parallel).items():
                print(f"{kind + ' ' + name:<24}{p:>10.3f}{r:>10.3f}{f:>8.3f}")
        return 0
    if what == "counterparts":
        wanted, found, right, wrong, errors = counterparts(root / "tests" / "gold" / "counterparts.jsonl")
        print(f"English counterparts: {right}/{wanted} gold items found right ({right / wanted:.1%} coverage), "
              f"{wrong}/{found} found ones wrong ({wrong / max(found, 1):.1%})")
        if "-v" in argv:
            for word, gold, ours in errors:
                print(f"{word}\tgold={gold!r}\tours={ours!r}")
        return 0
    if what == "cpp":
        path = Path(argv[1]) if len(argv) > 1 else Path("../shared/data/cpp-dev")
        right, convention, total, errors = cpp(path)
        print(f"CPP dev: {right + convention}/{total} = {(right + convention) / total:.2%} "
              f"({convention} neutral-tone convention differences counted right); "
              f"strict {right / total:.2%}")
        if "-v" in argv:
            for marked, label, ours in errors:
                print(f"{label}\t{ours}\t{marked}")
        return 0
    print(f"unknown benchmark {what!r}: try 'alignment' or 'cpp'", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
