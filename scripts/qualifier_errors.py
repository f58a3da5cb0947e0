"""The coach's qualifier decision against the gold labels of real wording (train / dev only).

    python scripts/qualifier_errors.py                          # dev figures, then misses and false alarms
    python scripts/qualifier_errors.py --summary                 # dev figures only (--split train: the judge's training rows)

The decision measured is the one the rubric's grade rests on: *a concrete qualifier on a target
role* (the coach found a target and at least one qualifier), against the gold ``qualifier`` flag.
Reported:

- row-level precision / recall / F1 of that decision on every row;
- the same on the rows where the coach found a target that overlaps a gold role, i.e. the
  qualifier decision alone, without the role finder's misses;
- span overlap with the gold ``qualifiers`` phrases: the share of gold phrases that some coach
  qualifier overlaps (recall) and the share of coach qualifiers (on rows with a target) that
  overlap a gold phrase (precision);
- each miss, sorted by cause: no target found / no candidate phrase / a candidate the judgement
  rejected; each false alarm with the phrases that made it.

Never reads the test split: rows whose split is "test" are dropped as the file is read.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.nlp import build_pipeline  # noqa: E402
from coach.rubric import Evidence  # noqa: E402


def read_real(split: str, path: Path) -> list[dict]:
    """Rows of one split (train or dev); test rows are never kept."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("split") == "test":
            continue  # never looked at
        if row.get("split") == split:
            rows.append(row)
    return rows


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_offsets(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Character offsets of the gold phrases (first occurrence; phrases are substrings of the text)."""
    out = []
    for q in phrases:
        at = text.find(q)
        if at >= 0:
            out.append((at, at + len(q)))
    return out


def _overlaps(span, offsets: list[tuple[int, int]]) -> bool:
    return any(span.start_char < e and s < span.end_char for s, e in offsets)


def analyse(rows: list[dict], nlp) -> dict:
    """Run the coach on the rows and collect the qualifier decision, its counts and its errors."""
    finder = nlp.get_pipe("coach_qualifiers")
    counts = Counter()
    errors = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=64)):
        ev = Evidence.from_doc(doc)
        text = row["text"]
        gold = bool(row.get("qualifier"))
        pred = bool(ev.targets) and bool(ev.qualifiers)
        counts["tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"] += 1
        gold_roles = gold_offsets(text, [r["text"] for r in row.get("roles") or []])
        role_found = any(_overlaps(t, gold_roles) for t in ev.targets)
        if role_found:
            counts["found_" + ("tp" if gold and pred else "fp" if pred else "fn" if gold else "tn")] += 1
        spans = gold_offsets(text, row.get("qualifiers") or [])
        counts["gold_spans"] += len(spans)
        counts["gold_spans_hit"] += sum(1 for s, e in spans if any(q.start_char < e and s < q.end_char
                                                                   for q in ev.qualifiers))
        if ev.targets:
            counts["pred_spans"] += len(ev.qualifiers)
            counts["pred_spans_hit"] += sum(1 for q in ev.qualifiers if _overlaps(q, spans))
        if gold == pred:
            continue
        rejected = list(doc.spans.get("coach_rejected_qualifiers", []))
        if gold:
            cause = ("no-target" if not ev.targets else "rejected" if rejected else "no-candidate")
        else:
            cause = "false-alarm"
        counts["cause=" + cause] += 1

        def judged(span) -> str:
            kind = span._.coach_kind or finder.candidate_kind(span) or "none"
            feats = finder.judge.features(span, kind, finder.tool_of(span) is not None)
            return f"{span.text!r}<{kind} {finder.judge.probability(feats):.2f}>"

        errors.append({
            "cause": cause, "text": text, "host": row.get("host"), "grade": row.get("grade"),
            "gold_roles": [r["text"] for r in row.get("roles") or []], "gold_qualifiers": row.get("qualifiers"),
            "targets": [t.text for t in ev.targets], "qualifiers": [judged(q) for q in ev.qualifiers],
            "rejected": [judged(q) for q in rejected], "note": row.get("note", ""),
        })
    return {"counts": counts, "errors": errors}


def summary(split: str, counts: Counter) -> str:
    """The figures, as printed lines."""
    p, r, f = prf(counts["tp"], counts["fp"], counts["fn"])
    fp_, fr, ff = prf(counts["found_tp"], counts["found_fp"], counts["found_fn"])
    sp = counts["pred_spans_hit"] / counts["pred_spans"] if counts["pred_spans"] else 0.0
    sr = counts["gold_spans_hit"] / counts["gold_spans"] if counts["gold_spans"] else 0.0
    causes = {k[6:]: v for k, v in sorted(counts.items()) if k.startswith("cause=")}
    n_found = sum(counts["found_" + k] for k in ("tp", "fp", "fn", "tn"))
    return "\n".join([
        f"{split}: qualifier on a target  P {p:.3f} R {r:.3f} F1 {f:.3f}  "
        f"(tp {counts['tp']} fp {counts['fp']} fn {counts['fn']} tn {counts['tn']})",
        f"{split}: where a gold role was found ({n_found} rows)  P {fp_:.3f} R {fr:.3f} F1 {ff:.3f}  "
        f"(tp {counts['found_tp']} fp {counts['found_fp']} fn {counts['found_fn']})",
        f"{split}: spans  precision {sp:.3f} ({counts['pred_spans_hit']}/{counts['pred_spans']})  "
        f"recall {sr:.3f} ({counts['gold_spans_hit']}/{counts['gold_spans']})",
        f"{split}: errors by cause {causes}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["train", "dev"], default="dev")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "real.jsonl")
    parser.add_argument("--summary", action="store_true", help="figures only, no error listing")
    parser.add_argument("--cause", help="list only errors of this cause (no-target, no-candidate, rejected, "
                                        "false-alarm)")
    args = parser.parse_args()
    result = analyse(read_real(args.split, args.data), build_pipeline())
    if not args.summary:
        for e in result["errors"]:
            if args.cause and e["cause"] != args.cause:
                continue
            print(f"[{e['cause']}] gold {e['grade']} {e['host']}")
            print(f"  {e['text']!r}")
            print(f"  gold: roles={e['gold_roles']} quals={e['gold_qualifiers']} {e['note']}")
            print(f"  coach: targets={e['targets']} quals={e['qualifiers']} rejected={e['rejected']}")
    print(summary(args.split, result["counts"]))


if __name__ == "__main__":
    main()
