"""Fit the learned combiner of field evidence (:mod:`coach.field_combiner`) and measure it.

    python scripts/build_field_combiner.py --folds models/field_folds [--loso] [--out PATH]

Training data: the development title sets ``data/dev/informal_titles_dev*.jsonl`` (each title in
its sentence, gold ``fields``) and the target roles of the real train split (``data/real.jsonl``,
``split == "train"``, each role's ``fields``). The coach reads every text once; for every role
that overlaps a gold title or role the role finder's evidence (``FieldFinder.evidence``) is
gathered, one row per candidate field, labelled 1 when the field is a gold field. A logistic
regression (scikit-learn) scores the rows; its weights ship as JSON.

The learned title -> field model is one source of evidence, and it is trained on the
development sets and the real train roles: read on its own training titles it is surer than on
new ones, and a combiner fitted on that learns to trust it too much. So the evidence of each
development set k is read with a field model built without set k (``FOLDS/fm_no{k}.npz``,
built here with ``build_field_model.py --no-metrics`` when missing; cross-fitting). The real
train roles, which every field model learns from, are read with the shipped one.

The learned context -> field model (:mod:`coach.context_fields`, ``build_context_model.py``) is
another source, and it learns from the same roles' sentences, so it is cross-fitted the same way
and fitted here (a few seconds each): each development set's roles are read with a context model
fitted without that set, the real train roles with one fitted without their source sites' fold
(``build_context_model.real_fold``; unlike the field model's, a context model read on its own
training sentences has seen every word of them).

``--loso`` first measures it leave-one-set-out: for each development set, the combiner is fitted
on the other sets and the real train roles and scored on the one left out (read with its own
fold models, so neither the combiner nor the field or context model has seen it), against the
hand-ordered rules and a combiner without the context model on the same roles and evidence, also
on the set's modifier-trap titles alone ("hospital accountants": the title outweighs the
sentence). No test split and no held-out title set is read.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build_context_model  # noqa: E402

import coach  # noqa: E402
from coach.field_combiner import FieldCombiner, candidate_features  # noqa: E402
from coach.field_model import FieldModel  # noqa: E402

OUT = ROOT / "coach" / "resources" / "onet" / "field_combiner.json"
#: The regression's C (inverse regularisation) and the probability from which a second or third
#: field is kept; chosen leave-one-set-out (see the card in the output).
C = 1.0
#: (0.1 before the context model; with it, 0.12 gives the same fields per role leave-one-set-out,
#: more of them right: 0.1 gave 0.05 more fields per role for 0.004 more roles with a right one.)
KEEP = 0.12


#: The development sets the combiner learns from are the context model's (``TRAINING_SETS`` there):
#: the combiner reads them with context models fitted without each, so the two must agree. The
#: newest set (dev10) and the natural sample (nat1) stay out of both; they measure the coach blind.
dev_sets = build_context_model.dev_sets
read = build_context_model.read


def examples() -> list[tuple[str, str, list[tuple[str, int, int]]]]:
    """(group, text, [(gold fields joined, start, end)]) of every development title and real train text."""
    out = []
    for k, path in enumerate(dev_sets(), start=1):
        for row in read(path):
            start = row["sentence"].index(row["title"])
            out.append((f"dev{k}", row["sentence"], [(",".join(row["fields"]), start, start + len(row["title"]))]))
    for row in read(ROOT / "data" / "real.jsonl"):
        if row["split"] != "train" or not row["roles"]:
            continue
        golds, at = [], 0
        for role in row["roles"]:
            start = row["text"].find(role["text"], at)
            if start < 0:
                start = row["text"].find(role["text"])
            if start >= 0 and role["fields"]:
                golds.append((",".join(role["fields"]), start, start + len(role["text"])))
        if golds:
            out.append(("real", row["text"], golds))
    return out


def collect(c) -> list[tuple[str, list[str], tuple]]:
    """(group, gold fields, (span, head, doc)) of every gold title or role a target role overlaps."""
    finder = c.nlp.get_pipe("coach_roles").field_finder
    seen: dict[tuple[str, int, int], tuple] = {}
    original = finder.occupation_and_fields

    def recording(span, head, doc):
        seen[(doc.text, span.start_char, span.end_char)] = (span, head, doc)
        return original(span, head, doc)

    finder.occupation_and_fields = recording
    rows = examples()
    found = []
    try:
        for (group, text, golds), result in zip(rows, c.check_many([t for _, t, _ in rows])):
            for gold, start, end in golds:
                role = next((r for r in result.roles if r.target and r.start < end and start < r.end), None)
                if role is None:
                    continue
                held = seen.get((text.strip(), role.start, role.end)) or seen.get((text, role.start, role.end))
                if held is not None:
                    found.append((group, gold.split(","), held))
    finally:
        finder.occupation_and_fields = original
    return found


def evidence(finder, found) -> list[dict]:
    """Each role's evidence under the finder's current field model (rules recomputed, no memo)."""
    finder.forget()
    out = []
    for _, _, (span, head, doc) in found:
        finder._read_sentence = False
        named = finder._modifiers_named(span, head, doc)
        structural = finder.structural_fields(span, head, named)
        rules = structural if structural is not None else finder._occupation_and_fields(span, head, doc, named)[1]
        ev = finder.evidence(span, head, doc, rules)
        ev["structural"] = structural is not None
        out.append(ev)
    return out


def rows_of(evs: list[dict], golds: list[list[str]]):
    feats, labels, owner = [], [], []
    for i, (ev, gold) in enumerate(zip(evs, golds)):
        if ev["structural"]:
            continue
        for fid in ev["candidates"]:
            feats.append(candidate_features(fid, ev))
            labels.append(int(fid in gold))
            owner.append(i)
    return feats, np.array(labels), owner


def fit(feats: list[dict], labels: np.ndarray, c: float = C) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    model = LogisticRegression(C=c, max_iter=2000).fit(X, labels)
    weights = {name: round(float(w), 5) for name, w in zip(vec.feature_names_, model.coef_[0]) if abs(w) > 1e-6}
    return weights, round(float(model.intercept_[0]), 5)


def precision(chosen: list[list[str]], golds: list[list[str]]) -> float:
    """The share of the fields given that are gold fields (extra wrong fields count against)."""
    return sum(len(set(c) & set(g)) for c, g in zip(chosen, golds)) / max(sum(len(c) for c in chosen), 1)


def score(chosen: list[list[str]], golds: list[list[str]]) -> tuple[float, float]:
    """Field accuracy (any) and (first) over roles."""
    n = max(len(golds), 1)
    return (sum(bool(set(c) & set(g)) for c, g in zip(chosen, golds)) / n,
            sum(bool(c) and c[0] in g for c, g in zip(chosen, golds)) / n)


def predict(combiner: FieldCombiner, evs: list[dict]) -> list[list[str]]:
    return [ev["rules"] if ev["structural"] or not ev["candidates"] else combiner.choose(ev) for ev in evs]


def context_models(groups: list[str]) -> dict:
    """A context model fitted without each group (``dev{k}`` or ``real{fold}``)."""
    rows = build_context_model.examples()
    feats = build_context_model.featurise(rows)
    return {g: build_context_model.fit_without(rows, feats, g) for g in dict.fromkeys(groups)}


def with_context(finder, found, evs: list[dict], groups: list[str], models: dict) -> list[dict]:
    """The evidence ``evs`` of the roles ``found`` with the context model's reading, each role read
    by the context model fitted without its group (``groups``; ``models``: :func:`context_models`)."""
    return [ev if ev["structural"] else dict(finder.with_context(ev, span, doc, models[g]), structural=False)
            for ev, g, (_, _, (span, head, doc)) in zip(evs, groups, found)]


def real_groups(found) -> list[str]:
    """Each found role's cross-fitting group for the context model."""
    hosts = {row["text"].strip(): row.get("host") or row.get("source_url", "")
             for row in read(ROOT / "data" / "real.jsonl") if row["split"] == "train"}
    return [group if group != "real" else build_context_model.real_fold(hosts.get(doc.text.strip(), ""))
            for group, _, (_, _, doc) in found]


def trap_rows() -> set[tuple[str, str]]:
    """(group, sentence) of the development sets' modifier-trap titles."""
    return {(f"dev{k}", row["sentence"]) for k, path in enumerate(dev_sets(), start=1)
            for row in read(path) if row.get("form") == "modifier-trap"}


def fold_model(folds: Path, k: int, sets: list[Path], onet: Path | None) -> Path:
    """The field model built without development set ``k`` (built now when missing)."""
    path = folds / f"fm_no{k}.npz"
    if not path.exists():
        folds.mkdir(parents=True, exist_ok=True)
        others = [str(p) for j, p in enumerate(sets, start=1) if j != k]
        command = [sys.executable, str(ROOT / "scripts" / "build_field_model.py"), "--role-weight", "5",
                   "--no-metrics", "--out", str(path), "--dev-sets", *others]
        subprocess.run(command + (["--onet", str(onet)] if onet else []), check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=Path, required=True, help="folder of the field models without each set")
    parser.add_argument("--onet", type=Path, help="O*NET folder, for fold models still to build")
    parser.add_argument("--loso", action="store_true", help="measure leave-one-set-out first")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--C", type=float, default=C)
    parser.add_argument("--keep", type=float, default=KEEP)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--no-context", action="store_true", help="fit without the context model's evidence")
    args = parser.parse_args()
    sets = dev_sets()
    c = coach.load()
    finder = c.nlp.get_pipe("coach_roles").field_finder
    finder.combiner = None  # the rules' own answer is one of the features
    book = c.nlp.get_pipe("coach_roles").data.occupations
    found = collect(c)
    groups = [g for g, _, _ in found]
    golds = [g for _, g, _ in found]
    shipped = book.field_model
    by_model = {"shipped": evidence(finder, found)}
    for k in range(1, len(sets) + 1):
        book._field_model = FieldModel.load(fold_model(args.folds, k, sets, args.onet))
        by_model[k] = evidence(finder, found)
    book._field_model = shipped
    plain = by_model
    if not args.no_context:
        groups_ctx = real_groups(found)
        models = context_models(groups_ctx)
        by_model = {k: with_context(finder, found, evs, groups_ctx, models) for k, evs in plain.items()}

    def training(exclude: str, real_from, by_model=by_model) -> tuple[list[dict], list[list[str]]]:
        evs, gold = [], []
        for i, group in enumerate(groups):
            if group != exclude:
                evs.append(by_model[int(group[3:])][i] if group.startswith("dev") else by_model[real_from][i])
                gold.append(golds[i])
        return evs, gold

    card: dict = {"roles": {g: groups.count(g) for g in dict.fromkeys(groups)}, "C": args.C, "keep": args.keep,
                  "context": not args.no_context}
    print("roles found per set:", card["roles"], flush=True)
    if args.loso:
        traps = trap_rows()
        per_set, pooled = {}, {}
        for k in range(1, len(sets) + 1):
            group = f"dev{k}"
            test = [i for i, g in enumerate(groups) if g == group]
            test_golds = [golds[i] for i in test]
            trap = [j for j, i in enumerate(test) if (group, found[i][2][2].text.strip()) in traps]
            chosen = {"rules": [plain[k][i]["rules"] for i in test]}
            for name, evs in (("no context", plain), ("combiner", by_model)):
                if name == "no context" and evs is by_model:
                    continue
                weights, bias = fit(*rows_of(*training(group, k, evs))[:2], args.C)
                chosen[name] = predict(FieldCombiner(weights, bias, args.keep), [evs[k][i] for i in test])
            per_set[group] = {"n": len(test), "traps": len(trap)}
            for name, answer in chosen.items():
                per_set[group][name] = [round(x, 3) for x in score(answer, test_golds)]
                per_set[group][name + " traps"] = [round(x, 3) for x in score([answer[j] for j in trap],
                                                                              [test_golds[j] for j in trap])]
                per_set[group][name + " fields per role"] = round(float(np.mean([len(x) for x in answer])), 2)
                for j in range(len(test)):
                    pooled.setdefault(name, []).append((answer[j], test_golds[j], j in trap))
            print(group, per_set[group], flush=True)
        mean = {w: [round(float(np.mean([s[w][j] for s in per_set.values()])), 3) for j in (0, 1)] for w in chosen}
        trap_scores = {w: [round(x, 3) for x in score([a for a, _, t in rows if t], [g for _, g, t in rows if t])]
                       for w, rows in pooled.items()}
        given = {w: [round(float(np.mean([s[w + " fields per role"] for s in per_set.values()])), 3),
                     round(precision([a for a, _, _ in rows], [g for _, g, _ in rows]), 3)]
                 for w, rows in pooled.items()}
        print("mean (any, first):", mean, flush=True)
        print("modifier-trap titles, pooled (any, first):", trap_scores, flush=True)
        print("fields per role (mean of sets), share of them gold (pooled):", given, flush=True)
        card["leave_one_set_out"] = {"sets": per_set, "mean (any, first)": mean,
                                     "modifier traps (any, first)": trap_scores, "fields per role, share gold": given}
    weights, bias = fit(*rows_of(*training("", "shipped"))[:2], args.C)
    if args.dry_run:
        return
    FieldCombiner(weights, bias, args.keep).save(args.out, card)
    print(f"{len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
