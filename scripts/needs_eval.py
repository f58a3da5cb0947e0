"""Agreement of the need finder with the labelled ``need`` of data/real.jsonl (train or dev, never test).

    python scripts/needs_eval.py train|dev [--show] [--fn]

Prints precision, recall and accuracy of "the finder found a need" against the label;
``--show`` lists false positives with the needs found, ``--fn`` the missed ones. On the train
split the need judge has seen the rows: use ``scripts/train_need_judge.py`` for out-of-fold figures.
"""
import collections
import json
import sys
from pathlib import Path

split = sys.argv[1] if len(sys.argv) > 1 else ""
if split not in ("train", "dev"):
    sys.exit("usage: needs_eval.py train|dev [--show] [--fn]")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from coach.nlp import build_pipeline  # noqa: E402

nlp = build_pipeline()
lines = (Path(__file__).resolve().parents[1] / "data" / "real.jsonl").read_text(encoding="utf-8").splitlines()
rows = [r for r in map(json.loads, lines) if r["split"] == split]
tp = fp = fn = tn = 0
labels = collections.Counter()
fps = []; fns = []
for r, d in zip(rows, nlp.pipe([r["text"] for r in rows])):
    needs = list(d.spans["coach_needs"])
    pred = bool(needs); gold = bool(r["need"])
    if pred and gold: tp += 1
    elif pred: fp += 1; fps.append((r["text"][:160], [(n.text[:60]) for n in needs]))
    elif gold: fn += 1; fns.append(r["text"][:200])
    else: tn += 1
print(f"{split}: P {tp/(tp+fp):.3f} R {tp/(tp+fn):.3f} acc {(tp+tn)/len(rows):.3f} tp {tp} fp {fp} fn {fn} tn {tn}")
if "--show" in sys.argv:
    for t, n in fps[:60]: print("FP", t, "|", n)
if "--fn" in sys.argv:
    for t in fns[:70]: print("FN", t)
