"""Build the person-noun model (``coach/resources/lexicon/person_nouns.npz``): does a word name a kind of person?

    python scripts/build_person_nouns.py            # cross-validate, fit, save, print the figures
    python scripts/build_person_nouns.py --no-save  # figures only

Training words (singular, lower case; see :mod:`coach.person_nouns`), never a test split or a
development set of titles:
- positives: the last word of every O*NET 27.0 title (occupation, alternate, short and reported
  titles, as the package holds them in ``onet/titles.tsv.gz`` and ``lexicon/onet_titles.txt.gz``),
  O*NET's one-word person titles (``lexicon/onet_heads.txt.gz``, ``vocab/onet_person_words.txt``),
  the lexicon's role heads (``lexicon/role_heads.tsv``) and the one-word informal title words
  (``vocab/title_aliases.tsv``);
- negatives: the words O*NET titles use only before their head ("kitchen", "software", "clinical"),
  the single-word field keywords and industries of ``fields.toml`` that are no positive, the
  organisation words and non-person heads of the vocabulary, and every noun of the written-to-order
  and real **train** splits (``data/objectives.jsonl``, ``data/real.jsonl``) outside any gold role
  (target, own, mention, excluded), except the people words the lists already handle ("clients",
  "friends").

A word in both sets is a positive. Figures: 5-fold cross-validation by word (AUC, accuracy at
0.5, Brier score, and the share of positives and negatives over each cut-off). The cut-offs are
not chosen here: they are the ones given on the command line (``--threshold``,
``--known-threshold``), picked on the development sets' tuning halves and the precision guards
(see ``data/onet/CROSSWALK.md``, person-noun model card).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.evaluation import _overlap, gold_spans
from coach.lexicon import (
    load_data,
    singular,
)
from coach.person_nouns import BUCKETS, bucket, person_vocabulary, save, word_features

RES = ROOT / "coach" / "resources"
OUT = RES / "lexicon" / "person_nouns.npz"
SEED = 13
C_GRID = (0.3, 1.0, 3.0)


def _lines_gz(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def _vocab(name: str) -> set[str]:
    text = (RES / "vocab" / f"{name}.txt").read_text(encoding="utf-8")
    return {w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")}


def _ok(word: str) -> bool:
    return word.isalpha() and word.isascii() and len(word) >= 3


def positives() -> tuple[set[str], set[str]]:
    """(person words, modifier words of O*NET titles)."""
    titles = set(_lines_gz(RES / "lexicon" / "onet_titles.txt.gz"))
    titles |= {line.split("\t")[0] for line in _lines_gz(RES / "onet" / "titles.tsv.gz")}
    pos, modifiers = set(), set()
    for title in titles:
        words = title.lower().replace("-", " ").split()
        if not words:
            continue
        pos.add(singular(words[-1]))
        modifiers.update(singular(w) for w in words[:-1])
    pos |= {singular(w) for w in _lines_gz(RES / "lexicon" / "onet_heads.txt.gz")}
    pos |= {singular(w) for w in _vocab("onet_person_words")}
    heads = (RES / "lexicon" / "role_heads.tsv").read_text(encoding="utf-8").splitlines()[1:]
    pos |= {singular(line.split("\t")[0]) for line in heads if line}
    for line in (RES / "vocab" / "title_aliases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            short = line.split("\t")[0].strip().lower()
            if " " not in short:
                pos.add(singular(short))
    return {w for w in pos if _ok(w)}, {w for w in modifiers if _ok(w)}


def data_nouns(cache: Path | None = None) -> set[str]:
    """Nouns of the written and real train splits outside every gold role (``cache``: a file of
    yours that keeps them between runs)."""
    if cache is not None and cache.is_file():
        return set(cache.read_text(encoding="utf-8").split())
    from coach.nlp import base_pipeline

    rows = [json.loads(line) for path in (ROOT / "data" / "objectives.jsonl", ROOT / "data" / "real.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("split") == "train"]
    nlp = base_pipeline()
    out = set()
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=64)):
        people = list(row.get("roles") or []) + list(row.get("excluded") or [])
        people += [m if isinstance(m, dict) else {"text": m} for m in row.get("mentions") or []]
        own = row.get("own_roles") if "own_roles" in row else [row.get("own_role")]
        people += [o if isinstance(o, dict) else {"text": o} for o in own or [] if o]
        gold = gold_spans(row["text"], people)
        for t in doc:
            if t.pos_ in ("NOUN", "PROPN") and t.is_lower:
                pos = {"start": t.idx, "end": t.idx + len(t)}
                if not any(_overlap(pos, g) for g in gold):
                    out.add(singular(t.lower_))
    out = {w for w in out if _ok(w)}
    if cache is not None:
        cache.write_text("\n".join(sorted(out)), encoding="utf-8")
    return out


def negatives(pos: set[str], modifiers: set[str], cache: Path | None = None) -> set[str]:
    people = set()
    for name in ("generic_people", "outcome_people", "no_role_people", "people_nouns", "informal_people",
                 "learner_words", "generic_weak_heads", "weak_heads"):
        people |= {singular(w) for w in _vocab(name)}
    with open(RES / "fields.toml", "rb") as fh:
        fields = tomllib.load(fh)
    field_words = {singular(k.lower()) for f in fields.values() for k in (*f.get("keywords", ()), *f.get("industries", ()))
                   if " " not in k}
    neg = modifiers | field_words | {singular(w) for w in _vocab("org_words") | _vocab("not_people_heads")}
    neg |= data_nouns(cache)
    return {w for w in neg - pos - people if _ok(w)}


def matrix(words: list[str], person_words: set[str]):
    from scipy import sparse

    rows, cols = [], []
    for k, w in enumerate(words):
        for f in word_features(w, person_words):
            rows.append(k)
            cols.append(bucket(f))
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(words), BUCKETS))


def fit(X, y, C: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=SEED)
    model.fit(X, y)
    return model


def cross_validate(words: list[str], y: np.ndarray, C: float, person_words: set[str]) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    X = matrix(words, person_words)
    out = np.zeros(len(words))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(X, y):
        model = fit(X[train], y[train], C)
        # as the package scores: float16 weights
        w = model.coef_[0].astype(np.float16).astype(np.float64)
        z = X[test] @ w + float(model.intercept_[0])
        out[test] = 1 / (1 + np.exp(-z))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--threshold", type=float, default=0.15)
    parser.add_argument("--known-threshold", type=float, default=1.1)
    parser.add_argument("--nouns-cache", type=Path, help="a file of yours keeping the train splits' nouns between runs")
    args = parser.parse_args()
    from sklearn.metrics import roc_auc_score

    pos, modifiers = positives()
    neg = negatives(pos, modifiers, args.nouns_cache)
    person_words = person_vocabulary(load_data())
    words = sorted(pos) + sorted(neg)
    y = np.array([1] * len(pos) + [0] * len(neg))
    print(f"{len(pos)} person words, {len(neg)} other words")
    best = None
    for C in C_GRID:
        p = cross_validate(words, y, C, person_words)
        auc = roc_auc_score(y, p)
        brier = float(np.mean((p - y) ** 2))
        acc = float(np.mean((p >= 0.5) == y))
        print(f"C={C}: 5-fold AUC {auc:.4f}, accuracy {acc:.4f}, Brier {brier:.4f}")
        for t in (args.threshold, args.known_threshold):
            print(f"   from {t}: positives kept {np.mean(p[y == 1] >= t):.3f}, negatives passed {np.mean(p[y == 0] >= t):.3f}")
        if best is None or auc > best[0]:
            best = (auc, C, p)
    auc, C, p = best
    print(f"chosen C={C}")
    if args.no_save:
        return
    model = fit(matrix(words, person_words), y, C)
    save(OUT, model.coef_[0], float(model.intercept_[0]), args.threshold, args.known_threshold)
    print(f"saved {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
