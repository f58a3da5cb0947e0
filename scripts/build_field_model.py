"""Build ``coach/resources/onet/field_model.npz``: a learned title -> field model (issue #9).

    python scripts/build_field_model.py [--onet ../shared/data/onet-27.0]

Training data: every O*NET 27.0 title (occupation titles, alternate and short titles, reported
titles, normalised as ``scripts/build_onet.py`` gathers them), labelled with the primary field of
its (most listed) occupation in ``data/onet/occupation_fields.tsv``, plus generated variants
that mimic how people write: British spellings and the informal short forms of
``coach/resources/vocab/title_aliases.tsv`` read backwards ("software developer" -> "dev"),
and the roles of the train splits of ``data/objectives.jsonl`` and ``data/real.jsonl`` with their
first field (``--role-weight`` each; roles whose title is a dev-set or held-out O*NET test title are
left out). Development-set titles are used only when named with ``--dev-sets`` (each with its first
gold field, weighted as a labelled role; titles of the held-out set ``tests/data/informal_titles.jsonl``
are always left out).

Model: TF-IDF (sublinear) over words, word pairs and in-word character 2-5-grams, features
seen in at least ``MIN_DF`` titles; a linear SVM (one-vs-rest) whose scores become probabilities
through a softmax with a temperature fitted on held-out titles. Evaluated on O*NET titles held
out by title (10%, stratified by occupation; the split of ``build_onet.py``, seed 13), their
variants left out of training; the shipped model is refit on all titles. Writes
``field_model.npz`` and adds ``field_model_held_out_test`` to ``metrics.json`` (run it after
``build_onet.py``, which rewrites that file). Deterministic (seed 13).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_onet import CROSSWALK, OUT, gather_titles, read_tsv, split_titles  # noqa: E402

from coach.field_model import FieldModel, field_features  # noqa: E402
from coach.occupations import normalize_title, read_pairs  # noqa: E402
from coach.title_classifier import TitleClassifier  # noqa: E402

MIN_DF = 3
C = 1.0
#: Weights below this (absolute) are dropped: they change no decision and make the file larger.
PRUNE = 0.02

_BRITISH = (
    (re.compile(r"\b(lab|harb|col|behavi|neighb|hon|flav|vap|rum|arm)or"), r"\1our"),
    (re.compile(r"(?<=[a-z]{2})iz(?=e\b|er\b|ing\b|ation\b)"), "is"),
    (re.compile(r"(?<=[a-z])yz(?=e\b|er\b)"), "ys"),
    (re.compile(r"\b(cen|thea|met|li)ter\b"), r"\1tre"),
    (re.compile(r"pedi(?=a)"), "paedi"),
    (re.compile(r"\banesthe"), "anaesthe"),
    (re.compile(r"gyneco"), "gynaeco"),
    (re.compile(r"orthopedic"), "orthopaedic"),
    (re.compile(r"\b(counse|counci|jewe|trave|mode|fue|labe)l(?=er\b|or\b|ing\b)"), r"\1ll"),
    (re.compile(r"catalog(?=er\b|ing\b)"), "catalogu"),
    (re.compile(r"\bprogram\b"), "programme"),
)


def british(title: str) -> str:
    for rx, repl in _BRITISH:
        title = rx.sub(repl, title)
    return title


def variants(title: str, shorts: list[tuple[str, str]]) -> list[str]:
    """Written-like forms of a normalised O*NET title: British spelling, informal short forms
    (``shorts``: formal phrase -> short form, longest first), at most one of each kind."""
    out = []
    uk = british(title)
    if uk != title:
        out.append(uk)
    padded = f" {title} "
    for formal, short in shorts:
        if f" {formal} " in padded:
            out.append(padded.replace(f" {formal} ", f" {short} ", 1).strip())
            break
    return [v for v in dict.fromkeys(out) if v and v != title]


#: Share of O*NET titles that also train as "<industry> <title>" with the title's own field (see
#: ``industry_variants``); 0 adds none.
INDUSTRY_SHARE = 0.0


def industry_phrases() -> list[str]:
    """The kinds of organisation of ``fields.toml`` ("hospital", "law firm", "restaurant"),
    normalised as titles are."""
    import tomllib

    with open(ROOT / "coach" / "resources" / "fields.toml", "rb") as fh:
        spec = tomllib.load(fh)
    found = {normalize_title(p) for f in spec.values() if isinstance(f, dict) for p in f.get("industries", ())}
    return sorted(p for p in found if p)


def industry_variants(keys: list[str], field_of: dict[str, str], share: float,
                      seen: set[str]) -> tuple[list[str], list[str]]:
    """Titles with an employer's kind of organisation in front ("hospital electrician",
    "law firm copywriter"), labelled with the title's own field: the rubric's "a role's field
    follows its occupation, not its modifiers", which O*NET's titles rarely show (their modifiers
    mostly make another occupation). A ``share`` of the titles, chosen and prefixed at random
    (seed 13); titles of general management are left out (a "hotel general manager" runs a
    hotel: hospitality), and so is a variant that is itself an O*NET title."""
    import random

    rng = random.Random(13)
    phrases = industry_phrases()
    xs, ys = [], []
    for t in keys:
        if rng.random() >= share or field_of[t] == "entrepreneurship":
            continue
        v = f"{rng.choice(phrases)} {t}"
        if v not in seen:
            xs.append(v)
            ys.append(field_of[t])
    return xs, ys


#: The labelled objectives whose roles (the people to meet, with their fields) also train the
#: model: the train splits only, so no dev or test row is seen.
OBJECTIVES = (ROOT / "data" / "objectives.jsonl", ROOT / "data" / "real.jsonl")
#: Each such role counts as this many O*NET titles: they are few (about 1,300) beside 50,000 titles,
#: but they are how people name the people they want to meet.
ROLE_WEIGHT = 5.0
#: O*NET lists some occupations under hundreds of titles (a third of all titles are manufacturing's
#: machine setters and tenders) and others under a handful, so a model fit on titles learns that an
#: unfamiliar word is probably a production job. Each title's weight is (mean titles per occupation
#: / its occupation's titles) ** BALANCE, scaled so the O*NET titles keep their total weight: 0 is
#: one weight per title, 1 one weight per occupation.
BALANCE = 0.0


def role_examples(exclude: set[str]) -> tuple[list[str], list[str]]:
    """(title key, primary field) of every role in the train splits of the labelled objectives,
    read as the coach reads a role for the model (:meth:`OccupationBook.field_key`); roles whose key
    is a development-set title (``exclude``) are left out so those sets still measure
    generalisation."""
    from coach.occupations import load_book

    book = load_book()
    xs, ys = [], []
    for path in OBJECTIVES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("split") != "train":
                continue
            for role in row.get("roles", []):
                key = book.field_key(role["text"]) if role.get("fields") else ""
                if key and key not in exclude:
                    xs.append(key)
                    ys.append(role["fields"][0])
    return xs, ys


def dev_titles() -> set[str]:
    """Keys of every development-set title (``data/dev/informal_titles_dev*.jsonl``)."""
    from coach.occupations import load_book

    book = load_book()
    keys = set()
    for path in sorted((ROOT / "data" / "dev").glob("informal_titles_dev*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            keys.add(book.field_key(json.loads(line)["title"]))
    return keys


def dev_set_examples(paths: list[Path]) -> tuple[list[str], list[str]]:
    """(title key, first gold field) of every title of the development sets ``paths`` that the
    held-out title set (``tests/data/informal_titles.jsonl``) does not hold."""
    from coach.occupations import load_book

    book = load_book()

    def rows(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    held = {book.field_key(row["title"]) for row in rows(ROOT / "tests" / "data" / "informal_titles.jsonl")}
    xs, ys = [], []
    for path in paths:
        for row in rows(path):
            key = book.field_key(row["title"])
            if key and key not in held:
                xs.append(key)
                ys.append(row["fields"][0])
    return xs, ys


def build_matrix(docs: list[Counter], vocabulary: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        for f, c in d.items():
            j = vocabulary.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append((1 + math.log(c)) * idf[j])
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocabulary)), dtype=np.float64)
    norms = np.sqrt(m.multiply(m).sum(axis=1)).A1
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ m)


def fit(titles: list[str], labels: list[str], classes: list[str], c: float = C,
        weights_of: list[float] | None = None) -> FieldModel:
    from sklearn.svm import LinearSVC

    docs = [field_features(t) for t in titles]
    df: Counter = Counter()
    for d in docs:
        df.update(d.keys())
    names = sorted(f for f, n in df.items() if n >= MIN_DF)
    vocabulary = {f: i for i, f in enumerate(names)}
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[f])) + 1 for f in names], dtype=np.float64)
    X = build_matrix(docs, vocabulary, idf)
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[label] for label in labels])
    svm = LinearSVC(C=c, class_weight=None, random_state=13, max_iter=5000).fit(X, y, sample_weight=weights_of)
    weights = np.zeros((len(names), len(classes)), dtype=np.float64)
    bias = np.full(len(classes), -10.0)  # a field no title has: never chosen
    for k, cls in enumerate(svm.classes_):
        weights[:, cls] = svm.coef_[k]
        bias[cls] = svm.intercept_[k]
    # Drop features whose every weight is slight (smaller file, same decisions).
    keep = np.abs(weights).max(axis=1) >= PRUNE
    weights[np.abs(weights) < PRUNE / 2] = 0.0
    kept = [f for f, k in zip(names, keep) if k]
    model = FieldModel({f: i for i, f in enumerate(kept)}, idf[keep].astype(np.float16).astype(np.float32),
                       weights[keep].astype(np.float16), bias, classes)
    return model


def fit_temperature(model: FieldModel, titles: list[str], labels: list[str]) -> float:
    scores = np.array([model.decision(t) for t in titles])
    y = np.array([model.classes.index(label) for label in labels])
    best = (float("inf"), 1.0)
    for t in np.geomspace(0.05, 2.0, 60):
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -logp[np.arange(len(y)), y].mean()
        best = min(best, (loss, float(t)))
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=ROOT.parent / "shared" / "data" / "onet-27.0")
    parser.add_argument("--C", type=float, default=C, help="the SVM's C (0.25, 0.5, 1, 2 tried: 1 best held out)")
    parser.add_argument("--dry-run", action="store_true", help="evaluate only; write nothing")
    parser.add_argument("--role-weight", type=float, default=ROLE_WEIGHT,
                        help="weight of each labelled role (0: O*NET titles only)")
    parser.add_argument("--balance", type=float, default=BALANCE,
                        help="0: every O*NET title weighs the same; 1: every occupation does (see BALANCE)")
    parser.add_argument("--industry-share", type=float, default=INDUSTRY_SHARE,
                        help="share of O*NET titles also trained with an industry in front (see industry_variants)")
    parser.add_argument("--dev-sets", nargs="*", type=Path, default=[],
                        help="development title sets whose titles also train the model (each title with its first "
                             "field, weighted as a labelled role); those sets then no longer measure the model")
    parser.add_argument("--out", type=Path, default=OUT / "field_model.npz",
                        help="where to write the model (metrics.json is written only for the default)")
    parser.add_argument("--no-metrics", action="store_true",
                        help="skip the held-out O*NET measurement (one fit instead of two; for measuring folds)")
    args = parser.parse_args()
    fields = {row["code"]: row["fields"].split(",") for row in read_tsv(CROSSWALK)}
    classes = sorted({f for fs in fields.values() for f in fs})
    titles = gather_titles(args.onet)
    label = {t: c.most_common(1)[0][0] for t, c in titles.items()}  # occupation code
    aliases = read_pairs(ROOT / "coach" / "resources" / "vocab" / "title_aliases.tsv")
    shorts: dict[str, str] = {}
    for short, formal in sorted(aliases.items()):
        key = normalize_title(formal)
        if key and short not in ("", key) and len(key) > len(short):
            shorts.setdefault(key, short)  # the first short form (alphabetical) of each formal phrase
    short_list = sorted(shorts.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    per_occupation = Counter(label.values())
    mean_titles = len(label) / len(per_occupation)

    def training(keys: list[str]) -> tuple[list[str], list[str], list[float]]:
        xs, ys, ws = [], [], []
        seen = set(titles)
        for t in keys:
            field = fields[label[t]][0]
            weight = (mean_titles / per_occupation[label[t]]) ** args.balance
            xs.append(t)
            ys.append(field)
            ws.append(weight)
            for v in variants(t, short_list):
                if v not in seen:  # a variant that is another O*NET title keeps that title's label
                    xs.append(v)
                    ys.append(field)
                    ws.append(weight)
        if args.industry_share > 0:
            field_of = {t: fields[label[t]][0] for t in keys}
            ixs, iys = industry_variants(keys, field_of, args.industry_share, seen)
            xs, ys, ws = xs + ixs, ys + iys, ws + [1.0] * len(ixs)
        scale = len(ws) / sum(ws)  # the O*NET titles keep their total weight
        return xs, ys, [w * scale for w in ws]

    split = split_titles(titles)
    part = {s: [t for t in sorted(titles) if split[t] == s] for s in ("train", "dev", "test")}
    role_xs, role_ys = role_examples(dev_titles()) if args.role_weight > 0 else ([], [])
    dev_xs, dev_ys = dev_set_examples(args.dev_sets)
    role_xs, role_ys = list(role_xs) + dev_xs, list(role_ys) + dev_ys
    test_titles = set(part["test"])  # (the held-out O*NET titles stay out of every example)
    role_xs, role_ys = zip(*[(x, y) for x, y in zip(role_xs, role_ys) if x not in test_titles]) if role_xs else ((), ())

    def with_roles(xs: list[str], ys: list[str], ws: list[float]) -> tuple[list[str], list[str], list[float]]:
        return (xs + list(role_xs), ys + list(role_ys), ws + [args.role_weight] * len(role_xs))

    if args.no_metrics:
        xs, ys, ws = with_roles(*training(part["train"] + part["test"]))
        model = fit(xs, ys, classes, args.C, ws)
        model.temperature = fit_temperature(model, part["dev"], [fields[label[t]][0] for t in part["dev"]])
        model.save(args.out)
        return
    xs, ys, ws = with_roles(*training(part["train"]))
    print(f"training on {len(xs)} titles, variants and roles ({len(part['train'])} O*NET titles, "
          f"{len(role_xs)} labelled roles; balance {args.balance})", flush=True)
    held = fit(xs, ys, classes, args.C, ws)
    held.temperature = fit_temperature(held, part["dev"], [fields[label[t]][0] for t in part["dev"]])

    def field_accuracy(predict, keys):
        right_any = right_primary = 0
        for t in keys:
            f = predict(t)
            right_any += f in fields[label[t]]
            right_primary += f == fields[label[t]][0]
        return round(right_any / len(keys), 4), round(right_primary / len(keys), 4)

    new_any, new_primary = field_accuracy(lambda t: held.predict(t, 1)[0][0] if held.predict(t, 1) else "", part["test"])
    # The nearest-title classifier of build_onet.py, trained on the same titles, on the same test titles.
    knn = TitleClassifier().fit(part["train"], [label[t] for t in part["train"]])
    knn_any, knn_primary = field_accuracy(lambda t: fields[knn.top(t, 1)[0][0]][0], part["test"])
    confident = [t for t in part["test"] if held.predict(t, 1) and held.predict(t, 1)[0][1] >= 0.7]
    conf_any, _ = field_accuracy(lambda t: held.predict(t, 1)[0][0], confident) if confident else (0, 0)
    metrics = {"n_test": len(part["test"]), "field_model": {"field_accuracy": new_any, "primary_field": new_primary,
               "temperature": round(held.temperature, 4),
               "share_p_ge_0.7": round(len(confident) / len(part["test"]), 4), "accuracy_p_ge_0.7": conf_any},
               "knn_classifier": {"field_accuracy": knn_any, "primary_field": knn_primary},
               "labelled_roles": len(role_xs), "role_weight": args.role_weight, "balance": args.balance,
               "industry_share": args.industry_share}
    print(json.dumps(metrics, indent=2), flush=True)

    xs, ys, ws = with_roles(*training(part["train"] + part["test"]))
    model = fit(xs, ys, classes, args.C, ws)
    model.temperature = fit_temperature(model, part["dev"], [fields[label[t]][0] for t in part["dev"]])
    if args.dry_run:
        return
    model.save(args.out)
    print(f"{len(model.vocabulary)} features; {args.out.stat().st_size / 1e6:.2f} MB")
    if args.out != OUT / "field_model.npz":
        return
    path = OUT / "metrics.json"
    all_metrics = json.loads(path.read_text()) if path.exists() else {}
    all_metrics["field_model_held_out_test"] = metrics
    path.write_text(json.dumps(all_metrics, indent=2) + "\n")


if __name__ == "__main__":
    main()
