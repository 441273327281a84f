"""Context model for characters with more than one reading (长 cháng/zhǎng, 还 hái/huán).

The model is g2pM's (Park and Lee, 2020: a one-layer BiLSTM trained on the CPP polyphone set,
Apache-2.0), whose weights ship inside its PyPI package. g2pM runs one sentence at a time in
a Python loop; we run the same network over every ambiguous sentence of an article at once,
in numpy batches of similar length, and keep the whole distribution so that the caller can
restrict it to the readings the dictionary allows for the word in hand.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

# Sentences run through the network together. 64 rather than more: the arrays of a batch of 256
# long sentences took 25-30 MB more at a worker's peak, and were no quicker (the model's share
# of reading CPP's Wikipedia sentences: 0.20 s per 100,000 characters at 64, 0.24 s at 256;
# the readings were the same).
BATCH = 64
_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own start, end and unknown tokens


def _package_dir() -> Path:
    from .cache import package_file

    found = package_file("g2pM")
    if found is None:
        raise RuntimeError("the g2pM package is not installed; reinstall bilingual-flashcards")
    return found


class ContextModel:
    """g2pM's network, batched. ``scores`` gives log-probabilities of readings per position."""

    def __init__(self) -> None:
        import numpy as np

        folder = _package_dir()
        with open(folder / "np_ckpt.pkl", "rb") as handle:
            weights = pickle.load(handle)
        with open(folder / "char2idx.pkl", "rb") as handle:
            self.char_ids: dict[str, int] = pickle.load(handle)
        with open(folder / "class2idx.pkl", "rb") as handle:
            self.class_ids: dict[str, int] = pickle.load(handle)
        self.np = np
        self.embedding = weights["embedding.weight"]
        self.forward = (weights["lstm.weight_ih_l0"].T, weights["lstm.weight_hh_l0"].T,
                        weights["lstm.bias_ih_l0"] + weights["lstm.bias_hh_l0"])
        self.backward = (weights["lstm.weight_ih_l0_reverse"].T, weights["lstm.weight_hh_l0_reverse"].T,
                         weights["lstm.bias_ih_l0_reverse"] + weights["lstm.bias_hh_l0_reverse"])
        self.hidden = (weights["logit_layer.0.weight"].T, weights["logit_layer.0.bias"])
        self.output = (weights["logit_layer.2.weight"].T, weights["logit_layer.2.bias"])
        # read here (4 ms), not on first use: the workers forked after the model loads share it
        with open(folder / "digest_cedict.pkl", "rb") as handle:
            self._readings: dict[str, list[str]] = pickle.load(handle)

    def usual_reading(self, word: str) -> tuple[str, ...] | None:
        """The reading g2pM's own dictionary gives a word whose every character it reads one way.

        The model scores only the readings of characters it knows as polyphones; 个 is gè to it,
        so its score for the rare gě must not win by default.
        """
        found = []
        for char in word:
            options = self._readings.get(char, ())
            if len(options) != 1:
                return None
            found.append(options[0].replace("u:", "ü"))
        return tuple(found)

    def scores(self, sentences: Sequence[str], positions: Sequence[Sequence[int]],
               candidates: Sequence[Sequence[Sequence[str]]]) -> list[list[dict[str, float]]]:
        """For each sentence and each asked position, log-probabilities over its candidate readings.

        Candidates the model has never seen get no score (the caller falls back on other evidence).
        """
        results: list[list[dict[str, float]]] = [[] for _ in sentences]
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), BATCH):
            batch = [i for i in order[start:start + BATCH] if positions[i]]
            if not batch:
                continue
            log_probs = self._log_probs([sentences[i] for i in batch], [positions[i] for i in batch])
            for row, i in zip(log_probs, batch):
                results[i] = [
                    {reading: float(dist[self.class_ids[reading]]) for reading in options if reading in self.class_ids}
                    for dist, options in zip(row, candidates[i])
                ]
        return results

    def _log_probs(self, sentences: list[str], positions: list[Sequence[int]]):
        np = self.np
        unknown = self.char_ids[_UNK]
        ids = [[self.char_ids[_BOS]] + [self.char_ids.get(c, unknown) for c in s] + [self.char_ids[_EOS]]
               for s in sentences]
        lengths = np.array([len(x) for x in ids])
        width = int(lengths.max())
        tokens = np.zeros((len(ids), width), dtype=np.int64)
        reverse = np.zeros_like(tokens)
        for row, sequence in enumerate(ids):
            tokens[row, :len(sequence)] = sequence
            reverse[row, :len(sequence)] = sequence[::-1]
        forward = self._run(self.embedding[tokens], self.forward)
        backward = self._run(self.embedding[reverse], self.backward)
        # every asked position of every sentence through the output layers at once
        counts = [len(wanted) for wanted in positions]
        rows = np.repeat(np.arange(len(positions)), counts)
        at = np.concatenate([np.asarray(wanted, dtype=np.int64) for wanted in positions]) + 1  # after the start token
        states = np.concatenate([forward[rows, at], backward[rows, lengths[rows] - 1 - at]], axis=1)
        hidden = np.maximum(states @ self.hidden[0] + self.hidden[1], 0)
        logits = hidden @ self.output[0] + self.output[1]
        logits = logits - logits.max(axis=1, keepdims=True)
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return np.split(log_probs, np.cumsum(counts)[:-1])

    def _run(self, inputs, weights):
        """An LSTM over [batch, time, features] (PyTorch gate order i, f, g, o)."""
        np = self.np
        w_input, w_hidden, bias = weights
        batch, steps, _ = inputs.shape
        size = w_hidden.shape[0]
        projected = inputs @ w_input + bias
        h = np.zeros((batch, size), dtype=np.float32)
        c = np.zeros_like(h)
        outputs = np.empty((batch, steps, size), dtype=np.float32)
        for t in range(steps):
            gates = projected[:, t] + h @ w_hidden
            i = _sigmoid(np, gates[:, :size])
            f = _sigmoid(np, gates[:, size:2 * size])
            g = np.tanh(gates[:, 2 * size:3 * size])
            o = _sigmoid(np, gates[:, 3 * size:])
            c = f * c + i * g
            h = o * np.tanh(c)
            outputs[:, t] = h
        return outputs


def _sigmoid(np, x):
    return 1.0 / (1.0 + np.exp(-x))


@lru_cache(maxsize=1)
def model() -> ContextModel:
    return ContextModel()


def best(scores: dict[str, float], options: Sequence[str]) -> str | None:
    """The highest-scoring option, or None when the model scored none of them."""
    scored = [(scores[o], o) for o in options if o in scores]
    return max(scored)[1] if scored else None


NEG_INF = -math.inf
