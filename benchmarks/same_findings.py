"""Identity check for speed work: the components' findings and the whole results stay the same.

``save`` parses a fixed set of texts and writes what the coach finds in them to a snapshot;
``check`` does it again and counts the texts whose output differs from the snapshot. The texts:
the bundled objectives, every text of ``data/real.jsonl`` (all splits: this checks identity, it
tunes nothing), the development sentences of the informal titles, and lower- and upper-cased
copies of the first of them. Compared per text: ``coach.components.findings(doc)``, the tokens'
tags, lemmas, morphology and entities, and the whole ``check_many`` result as a JSON dict
(grade, probabilities, roles, qualifiers, venues, feedback, suggestion).

    python benchmarks/same_findings.py save  [SNAPSHOT]
    python benchmarks/same_findings.py check [SNAPSHOT]
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from pathlib import Path

from _common import ROOT, bundled_texts

import coach
from coach.api import parse_form
from coach.components import findings

DEFAULT = Path(tempfile.gettempdir()) / "coach_same_findings.pkl"


def texts() -> list[str]:
    out = bundled_texts(1) + [json.loads(line)["text"] for line in (ROOT / "data" / "real.jsonl").open(encoding="utf-8")]
    for name in ("informal_titles_dev.jsonl", "informal_titles_dev2.jsonl", "informal_titles_dev3.jsonl"):
        path = ROOT / "data" / "dev" / name
        if path.exists():
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                out.append(row.get("sentence") or row.get("text"))
    out = [t for t in out if t]
    return out + [t.lower() for t in out[:1500]] + [t.upper() for t in out[:800]]


def tokens(doc) -> tuple:
    return (tuple((t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i) for t in doc),
            tuple((e.start, e.end, e.label_) for e in doc.ents))


def outputs(all_texts: list[str]) -> list[tuple]:
    c = coach.load()
    nlp = c.nlp
    docs = nlp.pipe([parse_form(t) for t in all_texts], batch_size=256)
    per_doc = [(findings(d), tokens(d)) for d in docs]
    c.clear_cache()
    results = [json.dumps(r.to_dict(), sort_keys=True) for r in c.check_many(all_texts, errors="keep")]
    return [(f, t, r) for (f, t), r in zip(per_doc, results)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("snapshot", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    all_texts = texts()
    out = outputs(all_texts)
    if args.action == "save":
        with args.snapshot.open("wb") as f:
            pickle.dump({"texts": all_texts, "out": out}, f)
        print(f"saved {len(all_texts)} texts to {args.snapshot}")
        return
    with args.snapshot.open("rb") as f:
        old = pickle.load(f)
    if old["texts"] != all_texts:
        sys.exit("the snapshot was made from other texts")
    kinds = ("findings", "tokens", "results")
    bad = {k: [] for k in kinds}
    for text, a, b in zip(all_texts, old["out"], out):
        for k, x, y in zip(kinds, a, b):
            if x != y:
                bad[k].append(text)
    total = len({t for v in bad.values() for t in v})
    print(f"{len(all_texts)} texts: {total} differ "
          f"(findings {len(bad['findings'])}, tokens {len(bad['tokens'])}, results {len(bad['results'])})")
    for k in kinds:
        for text in bad[k][:3]:
            print(f"  {k}: {text[:120]!r}")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
