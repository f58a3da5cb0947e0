"""Grade errors on real wording, with the coach's evidence, for error analysis (train / dev only).

    python scripts/grade_errors.py --split dev          # shipped grader on the dev split
    python scripts/grade_errors.py --split train --cv   # grouped 5-fold CV on the train split
    python scripts/grade_errors.py --split train --rule # the rubric's rule grade on the evidence
    python scripts/grade_errors.py --split dev --refit  # a grader fitted on both train splits now
    python scripts/grade_errors.py --split dev --cell vague:improved --kinds   # one cell, counted

``--cell GOLD:PRED`` keeps one cell of the confusion; ``--kinds`` counts, for each error, which of
the coach's signals drove it (see :func:`drivers`), checked against the gold labels: a target role
where the labels have none (and what it is in the labels: the writer's own role, a mention, an
excluded role, a generic person word, or nothing), a need where the labels have none, generic
people with a need or field, the wider people evidence, or only the grader's learned weighing
(the rubric's rules on the evidence say otherwise). ``--quiet`` prints only the counts.

``--cv`` (train only) scores each train row by a grader that did not see its source site: five
folds by host, each fold's model fitted on every written train row and the other four folds (as
``scripts/tune_grader.py`` does), the need judge answering the train rows out of fold (as ``coach
train`` does). The shipped grader was fitted on the train split, so its train errors are
in-sample; read train errors with ``--cv``. ``--cache PATH`` keeps the features between runs.

Never reads the test split: rows whose split is "test" are dropped as the file is read.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.components.needs import out_of_fold  # noqa: E402
from coach.features import broad_rule_grade, doc_features  # noqa: E402
from coach.nlp import build_pipeline  # noqa: E402
from coach.rubric import GRADES, Evidence, PeopleEvidence, best_grade, rule_grade  # noqa: E402


def read_rows(name: str, splits: set[str]) -> list[dict]:
    rows = []
    for line in (ROOT / "data" / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("split") == "test":
            continue  # never looked at
        if row.get("split") in splits:
            rows.append(row)
    return rows


def read_real(splits: set[str]) -> list[dict]:
    return read_rows("real.jsonl", splits)


def describe(doc, ev: Evidence) -> str:
    def spans(group, attr=None):
        return [s.text + (f"<{getattr(s._, attr)}>" if attr else "") for s in group]
    rejected = list(doc.spans["coach_rejected_qualifiers"]) if "coach_rejected_qualifiers" in doc.spans else []
    need_p = doc.user_data.get("coach_need_probability")
    parts = [f"targets={spans(ev.targets)}", f"own={spans(ev.own)}", f"mentions={spans(ev.mentions)}",
             f"excluded={spans(ev.excluded)}", f"quals={spans(ev.qualifiers, 'coach_kind')}",
             f"rejected={[s.text for s in rejected]}", f"nonq={spans(ev.non_qualifiers, 'coach_flag')}",
             f"needs={[f'{n.label_}:{n.text}' for n in ev.needs]} p_need={need_p if need_p is None else round(need_p, 2)}",
             f"generic={spans(ev.generic)}", f"fields={ev.field_words}"]
    return "\n    ".join(parts)


def _overlaps(span_text: str, gold: list[str]) -> bool:
    low = span_text.lower()
    return any(g and (g.lower() in low or low in g.lower()) for g in gold)


def role_kind(span, row: dict, people_words: set[str]) -> str:
    """What a coach target role is in the gold labels: a target, the writer's own role, a mention,
    an excluded role, a generic person word, or none of those (not a person, or not labeled)."""
    text = span.text
    if _overlaps(text, [r["text"] for r in row.get("roles", [])]):
        return "gold-target"
    if _overlaps(text, list(row.get("own_roles") or []) + ([row["own_role"]] if row.get("own_role") else [])):
        return "gold-own"
    if _overlaps(text, list(row.get("mentions") or [])):
        return "gold-mention"
    if _overlaps(text, list(row.get("excluded") or [])):
        return "gold-excluded"
    head = (span._.coach_head or span.root.lemma_).lower()
    if head in people_words or span.root.lemma_.lower() in people_words:
        return "people-word"
    return "unlabeled"


def drivers(doc, ev: Evidence, row: dict, people_words: set[str]) -> tuple[str, list[str]]:
    """The signal that most likely drove the grade above the gold one, and every signal seen.

    Read in the rubric's order: a target role; else the rule's improved (generic people with a
    need or field, or a need with a mention); else the wider people evidence with a need or field
    (:func:`coach.features.broad_rule_grade`); else nothing the rules read: the grader's weighing.
    """
    signals = []
    people = PeopleEvidence.from_doc(doc, ev)
    gold_need = bool(row.get("need"))
    if ev.needs:
        signals.append("need" + ("" if gold_need else "-not-gold") + ":" + ",".join(sorted({n.label_ for n in ev.needs})))
    present = {"qualifier": ev.qualifiers, "field": ev.field_words, "generic": ev.generic,
               "people-word": people.people, "role-head": people.role_heads, "addressed": people.addressed}
    signals += [name for name, found in present.items() if found]
    if ev.targets:
        kinds = sorted({role_kind(t, row, people_words) for t in ev.targets})
        signals.append("target=" + "+".join(kinds))
        return "target:" + "+".join(kinds), signals
    rule = rule_grade(ev)
    if rule != "vague":
        if ev.generic and ev.needs:
            return "generic+need" + ("" if gold_need else "(need not gold)"), signals
        if ev.generic:
            return "generic+field", signals
        return "mention+need", signals
    if broad_rule_grade(ev, people) != "vague":
        what = "need" if ev.needs else "field"
        return f"people-evidence+{what}" + ("" if what == "field" or gold_need else "(need not gold)"), signals
    return "grader-weighing", signals


def featurise(nlp, rows: list[dict], held_out_needs: bool) -> tuple[list, list, list]:
    with out_of_fold(nlp) if held_out_needs else contextlib.nullcontext():
        docs = list(nlp.pipe([r["text"] for r in rows], batch_size=64))
        evs = [Evidence.from_doc(d) for d in docs]
        feats = [doc_features(d, e) for d, e in zip(docs, evs)]
    return docs, evs, feats


def cv_probabilities(nlp, rows: list[dict], feats: list[dict], cache: str | None) -> list[dict]:
    """Grouped 5-fold CV on the real train rows (folds by host), written train rows in every fit."""
    import numpy as np

    from coach.grader import SEED, make_estimator
    from coach.training import row_weight

    written = read_rows("objectives.jsonl", {"train"})
    if cache and Path(cache).is_file():
        written_feats = pickle.loads(Path(cache).read_bytes())
    else:
        written_feats = featurise(nlp, written, True)[2]
        if cache:
            Path(cache).write_bytes(pickle.dumps(written_feats))
    hosts = sorted({r["host"] for r in rows})
    rng = np.random.RandomState(SEED)  # the folds of scripts/tune_grader.py
    rng.shuffle(hosts)
    fold_of = {h: k % 5 for k, h in enumerate(hosts)}
    folds = [fold_of[r["host"]] for r in rows]
    out: list[dict] = [{}] * len(rows)
    for k in range(5):
        tr = [i for i, f in enumerate(folds) if f != k]
        te = [i for i, f in enumerate(folds) if f == k]
        est = make_estimator(seed=SEED)
        est.fit(written_feats + [feats[i] for i in tr], [r["grade"] for r in written] + [rows[i]["grade"] for i in tr],
                classify__sample_weight=np.asarray([row_weight("objectives.jsonl", r["grade"]) for r in written]
                                                  + [row_weight("real.jsonl", rows[i]["grade"]) for i in tr]))
        classes = list(est.classes_)
        for i, p in zip(te, est.predict_proba([feats[i] for i in te])):
            out[i] = {g: float(p[classes.index(g)]) for g in GRADES}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["train", "dev"], default="dev")
    parser.add_argument("--rule", action="store_true", help="the rubric's rule grade, not the model")
    parser.add_argument("--refit", action="store_true", help="fit a grader on both train splits first (dev only)")
    parser.add_argument("--cv", action="store_true", help="grouped 5-fold CV predictions (train only)")
    parser.add_argument("--cache", help="pickle of the written train rows' features (with --cv)")
    parser.add_argument("--cell", help="GOLD:PRED, e.g. vague:improved: only that cell of the confusion")
    parser.add_argument("--kinds", action="store_true", help="count the signals that drove each error")
    parser.add_argument("--quiet", action="store_true", help="no rows, only the counts")
    parser.add_argument("--all", action="store_true", help="print correct rows too")
    args = parser.parse_args()
    if args.cv and args.split != "train":
        parser.error("--cv is for the train split")
    nlp = build_pipeline()
    rows = read_real({args.split})
    docs, evs, feats = featurise(nlp, rows, held_out_needs=args.split == "train")
    if args.cv:
        probs = cv_probabilities(nlp, rows, feats, args.cache)
    elif args.refit:
        import numpy as np

        from coach.grader import SEED, make_estimator
        from coach.training import row_weight
        written = read_rows("objectives.jsonl", {"train"})
        real = read_real({"train"})
        train = written + real
        weights = ([row_weight("objectives.jsonl", r["grade"]) for r in written]
                   + [row_weight("real.jsonl", r["grade"]) for r in real])
        est = make_estimator(seed=SEED)
        est.fit(featurise(nlp, train, True)[2], [r["grade"] for r in train],
                classify__sample_weight=np.asarray(weights))
        classes = list(est.classes_)
        probs = [dict(zip(classes, map(float, p))) for p in np.asarray(est.predict_proba(feats))]
    elif args.rule:
        probs = [{g: float(g == rule_grade(e)) for g in GRADES} for e in evs]
    else:
        from coach.grader import load_grader
        from coach.paths import GRADER_DIR
        probs = load_grader(GRADER_DIR).predict_proba(feats)
    cell = tuple(args.cell.split(":")) if args.cell else None
    people_words = set(__import__("coach.lexicon", fromlist=["load_data"]).load_data().people_words)
    confusion: Counter = Counter()
    kinds: Counter = Counter()
    signals_seen: Counter = Counter()
    for row, doc, ev, p in zip(rows, docs, evs, probs):
        pred = best_grade(p)
        confusion[row["grade"], pred] += 1
        if cell and (row["grade"], pred) != cell:
            continue
        if pred == row["grade"] and not args.all:
            continue
        driver, signals = drivers(doc, ev, row, people_words)
        kinds[driver] += 1
        signals_seen.update(s.split(":")[0] for s in signals)
        if args.quiet:
            continue
        gold_roles = [r["text"] for r in row["roles"]]
        print(f"[{row['grade']} -> {pred}] rule={rule_grade(ev)} driver={driver} "
              f"p=({', '.join(f'{g[0]}{v:.2f}' for g, v in p.items())}) {row['host']}")
        print(f"  {row['text']!r}")
        print(f"  gold: roles={gold_roles} quals={row.get('qualifiers')} need={row.get('need')} "
              f"own={row.get('own_roles')} mentions={row.get('mentions')} border={row.get('borderline')} "
              f"{row.get('note', '')}")
        print("    " + describe(doc, ev))
    print(f"\n{args.split}: {len(rows)} rows; confusion (gold -> predicted):")
    for g in GRADES:
        print(f"  {g:>9} " + " ".join(f"{confusion[g, q]:6d}" for q in GRADES))
    if args.kinds:
        total = sum(kinds.values())
        print(f"\ndrivers of the {total} errors shown:")
        for kind, n in kinds.most_common():
            print(f"  {n:5d}  {kind}")
        print("signals present in them (a row may have several):")
        for kind, n in signals_seen.most_common():
            print(f"  {n:5d}  {kind}")


if __name__ == "__main__":
    main()
