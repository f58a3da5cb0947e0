"""Where do the grade errors come from? An oracle analysis on real wording (train out of fold, dev).

    python scripts/grade_oracle.py [--docs DIR] [--variants pred,roles,quals,both]

The grade follows the evidence (rubric: specific = a target role and a qualifier; improved = a
role, or generic people with a need or field). So each grade error is either a finding error (the
coach found a target role where the labels have none, or none where they have one; or, with the
roles right, a qualifier where the labels have none or the reverse) or a decision error (the
evidence's presence agrees with the labels, the grade does not). This script prints, for grouped
5-fold CV on the real train split (folds by source site, as ``scripts/tune_grader.py``) and for the
dev split (a grader fitted on both train splits):

- the grader's macro-F1 and confusion with the coach's evidence (``pred``), and with the evidence's
  target roles (``roles``), qualifiers (``quals``) or both (``both``) replaced by the gold ones:
  the same graders (fitted on the coach's evidence) scoring features computed from that evidence;
- the pure rubric rule on each variant's evidence;
- the errors of ``pred`` split by cause: role presence, qualifier presence, decision.

Gold spans take the attributes of the coach's overlapping span where there is one (head,
occupation, kind); a gold span the coach missed gets its root's lemma as head and no occupation.
Never reads the test split. ``--docs DIR`` reuses parsed documents (``written.spacy``,
``train.spacy``, ``dev.spacy``, DocBins with user data; train rows parsed with the need judge out
of fold, as ``coach train`` does) and writes them there if missing.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.components.needs import out_of_fold  # noqa: E402
from coach.features import SURE_NEED_FEATURE, doc_features  # noqa: E402
from coach.grader import SEED, make_estimator  # noqa: E402
from coach.rubric import GRADES, Evidence, decided_grade, rule_grade  # noqa: E402
from coach.training import row_weight  # noqa: E402

SETS = (("written", "objectives.jsonl", "train", True), ("train", "real.jsonl", "train", True),
        ("dev", "real.jsonl", "dev", False))


def read(name: str, split: str) -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if r.get("split") == split and split != "test"]


def parsed(nlp_factory, rows: list[dict], held_out_needs: bool, path: Path | None):
    from spacy.tokens import DocBin

    if path is not None and path.is_file():
        nlp = nlp_factory()
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(rows) and all(d.text == r["text"] for d, r in zip(docs, rows)):
            return docs
    nlp = nlp_factory()
    with out_of_fold(nlp) if held_out_needs else contextlib.nullcontext():
        docs = list(nlp.pipe([r["text"] for r in rows], batch_size=128))
    if path is not None:
        DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def _find(doc, phrase: str):
    """The span of ``phrase`` in the doc (its first occurrence), widened to whole tokens."""
    at = doc.text.find(phrase) if phrase else -1
    if at < 0:
        at = doc.text.lower().find(phrase.lower()) if phrase else -1
    if at < 0:
        return None
    return doc.char_span(at, at + len(phrase), alignment_mode="expand")


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _texts(value) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    return [i if isinstance(i, str) else i.get("text", "") for i in items]


def gold_roles(doc, ev: Evidence, row: dict) -> Evidence:
    """The evidence with the labels' target roles (and own / mention / excluded where a coach target
    is one of those in the labels)."""
    coach_roles = ev.targets + ev.own + ev.mentions + ev.excluded
    targets = []
    for text in _texts(row.get("roles")):
        span = _find(doc, text)
        if span is None or not len(span):
            continue
        same = [r for r in coach_roles if _overlap(r, span)]
        if same:
            targets.append(same[0])
        else:
            if span._.coach_head is None:
                span._.coach_head = span.root.lemma_.lower()
            targets.append(span)
    moved: dict[str, list] = {"own": [], "mention": [], "excluded": []}
    labels = {"own": _texts(row.get("own_roles")) + _texts(row.get("own_role")),
              "mention": _texts(row.get("mentions")), "excluded": _texts(row.get("excluded"))}
    gold_other = {k: [s for s in (_find(doc, t) for t in v) if s is not None and len(s)] for k, v in labels.items()}
    for span in ev.targets:
        if any(_overlap(span, t) for t in targets):
            continue
        for kind, spans in gold_other.items():
            if any(_overlap(span, g) for g in spans):
                moved[kind].append(span)
                break

    def keep(spans):
        return [s for s in spans if not any(_overlap(s, t) for t in targets)]

    return dataclasses.replace(ev, targets=targets, own=keep(ev.own) + moved["own"],
                               mentions=keep(ev.mentions) + moved["mention"],
                               excluded=keep(ev.excluded) + moved["excluded"], generic=keep(ev.generic))


def gold_qualifiers(doc, ev: Evidence, row: dict) -> Evidence:
    """The evidence with the labels' qualifiers (written rows: the coach's, kept only when the
    labels say there is one)."""
    rejected = list(doc.spans["coach_rejected_qualifiers"]) if "coach_rejected_qualifiers" in doc.spans else []
    if "qualifiers" not in row:  # written rows: a yes / no
        quals = (ev.qualifiers or rejected[:1]) if row.get("qualifier") else []
    else:
        quals = []
        for text in _texts(row.get("qualifiers")):
            span = _find(doc, text)
            if span is None or not len(span):
                continue
            same = [q for q in ev.qualifiers + rejected if _overlap(q, span)]
            if same:
                quals.append(same[0])
            else:
                if span._.coach_kind is None:
                    span._.coach_kind = "gold"
                quals.append(span)
    non = [s for s in ev.non_qualifiers if not any(_overlap(s, q) for q in quals)]
    return dataclasses.replace(ev, qualifiers=quals, non_qualifiers=non)


def variants(doc, row: dict, names: list[str]) -> dict[str, tuple[dict, str]]:
    """Features and rule grade of each evidence variant."""
    ev = Evidence.from_doc(doc)
    out = {}
    for name in names:
        e = ev
        if name in ("roles", "both"):
            e = gold_roles(doc, e, row)
        if name in ("quals", "both"):
            e = gold_qualifiers(doc, e, row)
        out[name] = (doc_features(doc, e), rule_grade(e), bool(e.targets), bool(e.qualifiers))
    return out


def macro(gold: list[str], pred: list[str]) -> float:
    from sklearn.metrics import f1_score
    return float(f1_score(gold, pred, labels=list(GRADES), average="macro", zero_division=0))


def confusion(gold: list[str], pred: list[str]) -> str:
    c = Counter(zip(gold, pred))
    return " / ".join(" ".join(str(c[g, p]) for p in GRADES) for g in GRADES)


def decide(proba, feats) -> list[str]:
    return [decided_grade(dict(zip(GRADES, p)), bool(f.get(SURE_NEED_FEATURE))) for p, f in zip(proba, feats)]


def fit_proba(feats, gold, weights, tests: list[list[dict]]) -> list[np.ndarray]:
    """Fit the grader; its probabilities (columns in GRADES order) on each list of feature dicts."""
    est = make_estimator(seed=SEED)
    est.fit(feats, gold, classify__sample_weight=np.asarray(weights, dtype=float))
    order = [list(est.classes_).index(g) for g in GRADES]
    return [est.predict_proba(t)[:, order] for t in tests]


def cv_and_dev(fw, yw, ft, yt, fd, hosts, names):
    """Grouped 5-fold CV probabilities on real train (folds of scripts/tune_grader.py) and dev
    probabilities, for each evidence variant, from graders fitted on the coach's own evidence
    (``pred``): what the grader would give if the evidence were the gold one."""
    order = sorted(set(hosts))
    np.random.RandomState(SEED).shuffle(order)
    fold_of = {h: k % 5 for k, h in enumerate(order)}
    folds = [fold_of[h] for h in hosts]
    ww = [row_weight("objectives.jsonl", g) for g in yw]
    wt = [row_weight("real.jsonl", g) for g in yt]
    cv = {n: np.zeros((len(yt), 3)) for n in names}
    for k in range(5):
        tr = [i for i, f in enumerate(folds) if f != k]
        te = [i for i, f in enumerate(folds) if f == k]
        out = fit_proba([f["pred"] for f in fw] + [ft[i]["pred"] for i in tr], yw + [yt[i] for i in tr],
                        ww + [wt[i] for i in tr], [[ft[i][n] for i in te] for n in names])
        for n, proba in zip(names, out):
            cv[n][te] = proba
        print(f"  fold {k} fitted", file=sys.stderr, flush=True)
    out = fit_proba([f["pred"] for f in fw] + [f["pred"] for f in ft], yw + yt, ww + wt,
                    [[f[n] for f in fd] for n in names])
    return cv, dict(zip(names, out))


def causes(rows: list[dict], pred: list[str], has_target: list[bool], has_qual: list[bool]) -> Counter:
    """Each error of the cross-grade cells split by its cause (role presence, qualifier, decision)."""
    out: Counter = Counter()
    for row, p, t, q in zip(rows, pred, has_target, has_qual):
        g = row["grade"]
        if g == p:
            continue
        pair = "-".join(sorted((g, p), key=GRADES.index))
        gold_t = bool(row.get("roles"))
        gold_q = bool(row.get("qualifiers"))
        if t != gold_t:
            cause = "role-found" if t else "role-missed"
        elif t and q != gold_q:
            cause = "qual-found" if q else "qual-missed"
        else:
            cause = "decision"
        out[pair, cause] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", help="folder of parsed DocBins, reused or written")
    parser.add_argument("--variants", default="pred,roles,quals,both")
    parser.add_argument("--save", help="pickle of the CV and dev probabilities of each variant")
    args = parser.parse_args()
    from coach.nlp import build_pipeline

    names = args.variants.split(",")
    folder = Path(args.docs) if args.docs else None
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    data = {}
    nlp_cache: list = []

    def nlp_factory():
        if not nlp_cache:
            nlp_cache.append(build_pipeline())
        return nlp_cache[0]

    for tag, name, split, oof in SETS:
        rows = read(name, split)
        docs = parsed(nlp_factory, rows, oof, folder / f"{tag}.spacy" if folder else None)
        data[tag] = (rows, [variants(d, r, names) for d, r in zip(docs, rows)])
    (rw, vw), (rt, vt), (rd, vd) = data["written"], data["train"], data["dev"]
    yw, yt, yd = [r["grade"] for r in rw], [r["grade"] for r in rt], [r["grade"] for r in rd]
    feats = {tag: [{n: v[n][0] for n in names} for v in vs] for tag, vs in (("w", vw), ("t", vt), ("d", vd))}
    cv, dev = cv_and_dev(feats["w"], yw, feats["t"], yt, feats["d"], [r["host"] for r in rt], names)
    if args.save:
        Path(args.save).write_bytes(pickle.dumps({"cv": cv, "dev": dev, "yt": yt, "yd": yd}))
    print("confusion rows gold vague / improved / specific, columns predicted in the same order")
    for name in names:
        pc = decide(cv[name], [f[name] for f in feats["t"]])
        pd = decide(dev[name], [f[name] for f in feats["d"]])
        rule_cv, rule_dev = [v[name][1] for v in vt], [v[name][1] for v in vd]
        print(f"{name:6} grader: train-CV {macro(yt, pc):.3f} [{confusion(yt, pc)}]  "
              f"dev {macro(yd, pd):.3f} [{confusion(yd, pd)}]", flush=True)
        print(f"{name:6} rule:   train    {macro(yt, rule_cv):.3f} [{confusion(yt, rule_cv)}]  "
              f"dev {macro(yd, rule_dev):.3f} [{confusion(yd, rule_dev)}]", flush=True)
        if name == "pred":
            for tag, rows, pred, vs in (("train-CV", rt, pc, vt), ("dev", rd, pd, vd)):
                split = causes(rows, pred, [v[name][2] for v in vs], [v[name][3] for v in vs])
                print(f"  errors of {tag} by cause: " + ", ".join(
                    f"{pair} {cause} {n}" for (pair, cause), n in sorted(split.items())), flush=True)


if __name__ == "__main__":
    main()
