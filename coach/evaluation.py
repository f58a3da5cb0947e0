"""Measuring the coach: grade metrics, role precision / recall, field accuracy, and the peer.

Role matching: a predicted role matches a gold role when their character spans overlap (the
"overlap" figures) or are equal ignoring case and surrounding spaces (the "exact" figures).
Field accuracy: of the matched roles, the share whose predicted fields include a gold field.
The peer is ``find-job-titles``' 74k-title list matched with case folding and plurals.
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from sklearn.metrics import classification_report, confusion_matrix, f1_score

from .lexicon import singular
from .rubric import GRADES


def grade_metrics(gold: list[str], predicted: list[str]) -> dict:
    """Classification report (as a dict), confusion matrix and macro-F1."""
    return {
        "n": len(gold),
        "macro_f1": float(f1_score(gold, predicted, labels=list(GRADES), average="macro", zero_division=0)),
        "accuracy": float(sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1)),
        "report": classification_report(gold, predicted, labels=list(GRADES), output_dict=True, zero_division=0),
        "confusion": {"labels": list(GRADES),
                      "matrix": confusion_matrix(gold, predicted, labels=list(GRADES)).tolist()},
    }


def target_roles(doc, text: str | None = None, where: list[int] | None = None) -> list[dict]:
    """The coach's target roles of a parsed objective, as the dicts :func:`role_metrics` compares.

    ``text`` and ``where``: the objective as written, when ``doc`` parsed another form of it
    (:func:`coach.api.parsed_form`); the roles are then quoted and placed in ``text``."""
    found = []
    for r in doc.spans["coach_roles"]:
        if r._.coach_relation != "target":
            continue
        start, end = r.start_char, r.end_char
        if where is not None and end > start:
            start, end = where[start], where[end - 1] + 1
        quoted = text[start:end] if text is not None else r.text
        found.append({"text": quoted, "start": start, "end": end, "fields": list(r._.coach_fields)})
    return found


def gold_spans(text: str, roles: list[dict]) -> list[dict]:
    """Gold roles with character offsets: each role's text where it first stands as whole words
    outside a web address (else its first occurrence at all), each occurrence used once.

    Labels list each kind of person once, so a role named again later in the text is the same
    labeled role: its further whole-word occurrences (case as labeled, not inside another labeled
    role) are kept as ``repeats`` (``(start, end)`` pairs), which ``role_metrics`` counts in its
    ``*_with_repeats`` figures only.

    >>> [g["start"] for g in gold_spans("see example.com/developers: developers wanted", [{"text": "developers"}])]
    [28]
    >>> gold_spans("Nurses? I want to meet nurses.", [{"text": "nurses"}])[0]["repeats"]
    []
    >>> gold_spans("I want nurses. Ask nurses first.", [{"text": "nurses"}])[0]["repeats"]
    [(19, 25)]
    """
    spans, used = [], set()
    for role in roles:
        role_text = role.get("text") if isinstance(role, dict) else str(role)
        if not role_text:
            continue
        found = [k for k in _occurrences(text, role_text) if k not in used]
        if not found:
            continue
        start = next((k for k in found if _stands_alone(text, k, k + len(role_text))), found[0])
        used.add(start)
        spans.append({"text": role_text, "start": start, "end": start + len(role_text),
                      "fields": list(role.get("fields", [])) if isinstance(role, dict) else []})
    for span in spans:
        # A repeat inside another labeled role ("nurses" in "ICU nurses") is that role's, not this one's.
        span["repeats"] = [(k, k + len(span["text"])) for k in _occurrences(text, span["text"])
                           if k not in used and _stands_alone(text, k, k + len(span["text"]))
                           and not any(o["start"] < k + len(span["text"]) and k < o["end"] for o in spans)]
    return spans


def _occurrences(text: str, part: str) -> list[int]:
    out, k = [], text.find(part)
    while k != -1:
        out.append(k)
        k = text.find(part, k + 1)
    return out


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whole words ("developers", not inside "codevelopers") and not part of a web address."""
    if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        return False
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    chunk = text[left:right if right != -1 else len(text)]
    return not ("/" in chunk and ("." in chunk or "http" in chunk)) and "www." not in chunk


def role_metrics(pairs: Iterable[tuple[list[dict], list[dict]]]) -> dict:
    """Precision, recall and field accuracy over (gold, predicted) role lists per objective.

    ``precision``, ``recall`` and ``f1`` match a prediction with a labeled role's first occurrence
    (the figures every earlier note reports). ``precision_with_repeats`` and ``recall_with_repeats``
    also count a prediction where a labeled role is named again (``gold_spans``' ``repeats``):
    each prediction is credited to at most one labeled role, each labeled role counted once.
    """
    counts = {"gold": 0, "predicted": 0, "overlap_tp_pred": 0, "overlap_tp_gold": 0,
              "repeat_tp_pred": 0, "repeat_tp_gold": 0,
              "exact_tp": 0, "field_checked": 0, "field_right": 0}
    for gold, predicted in pairs:
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        credited: set[int] = set()
        for p in predicted:
            if any(_overlap(p, g) for g in gold):
                counts["overlap_tp_pred"] += 1
        for g in gold:
            matches = [p for p in predicted if _overlap(p, g)]
            if matches:
                counts["overlap_tp_gold"] += 1
                if g["fields"]:
                    counts["field_checked"] += 1
                    if any(set(p.get("fields", [])) & set(g["fields"]) for p in matches):
                        counts["field_right"] += 1
            if any(p["text"].strip().lower() == g["text"].strip().lower() for p in predicted):
                counts["exact_tp"] += 1
            # With repeats: the labeled role found at its first occurrence or where it is named again,
            # by predictions not yet credited to another labeled role.
            found = [i for i, p in enumerate(predicted) if i not in credited and (_overlap(p, g) or any(
                p["start"] < end and start < p["end"] for start, end in g.get("repeats", ())))]
            if found:
                counts["repeat_tp_gold"] += 1
                counts["repeat_tp_pred"] += len(found)
                credited.update(found)

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    precision = ratio(counts["overlap_tp_pred"], counts["predicted"])
    recall = ratio(counts["overlap_tp_gold"], counts["gold"])
    exact_p = ratio(counts["exact_tp"], counts["predicted"])
    exact_r = ratio(counts["exact_tp"], counts["gold"])
    return {
        "precision": precision,
        "recall": recall,
        "f1": ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0,
        "precision_with_repeats": ratio(counts["repeat_tp_pred"], counts["predicted"]),
        "recall_with_repeats": ratio(counts["repeat_tp_gold"], counts["gold"]),
        "exact_precision": exact_p,
        "exact_recall": exact_r,
        "field_accuracy": ratio(counts["field_right"], counts["field_checked"]),
        "counts": counts,
    }


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


_WORD_RX = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&'/+-]*")


def title_list_matcher(titles: Iterable[str], max_words: int = 6) -> Callable[[str], list[dict]]:
    """The peer: longest match of any listed title, case-folded, last word singular or plural."""
    table = {" ".join(t.lower().split()) for t in titles if t.strip()}

    def match(text: str) -> list[dict]:
        words = [(m.group(0).lower().rstrip(".,'"), m.start(), m.end()) for m in _WORD_RX.finditer(text)]
        found, i = [], 0
        while i < len(words):
            best = None
            for j in range(min(len(words), i + max_words), i, -1):
                chunk = [w for w, _, _ in words[i:j]]
                key = " ".join(chunk[:-1] + [singular(chunk[-1])])
                if key in table or " ".join(chunk) in table:
                    best = j
                    break
            if best:
                start, end = words[i][1], words[best - 1][2]
                found.append({"text": text[start:end], "start": start, "end": end, "fields": []})
                i = best
            else:
                i += 1
        return found

    return match


def load_peer_titles() -> list[str]:
    """The title list of the ``find-job-titles`` package (a dev dependency)."""
    try:
        import find_job_titles
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise RuntimeError("the peer needs `pip install find-job-titles` (in the [dev] extra)") from err
    path = Path(find_job_titles.__file__).parent / "data" / "titles_combined.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def evaluate_file(path: Path, split: str = "all", model_dir: Path | None = None, base: str | None = None,
                  peer: bool = False) -> dict:
    """Score the grader and the role extractor on a labeled file (``coach evaluate``).

    ``split`` is ``test``, ``dev``, ``train`` or ``all``; ``peer`` adds the find-job-titles peer's role
    figures on the same objectives. Raises a :class:`~coach.errors.CoachError` on bad input.
    """
    from .dataset import DatasetError, read_labeled
    from .grader import load_grader
    from .nlp import build_pipeline
    from .paths import GRADER_DIR
    from .training import evaluate as evaluate_grader

    examples = read_labeled(path)
    if split != "all":
        examples = [e for e in examples if e.split == split]
        if not examples:
            raise DatasetError(f"{path} has no rows in the {split} split")
    grader = load_grader(model_dir or GRADER_DIR)
    result = evaluate_grader(build_pipeline(base), grader, examples)
    result.update(file=str(path), split=split, n=len(examples))
    if peer and any(e.roles for e in examples):
        try:
            matcher = title_list_matcher(load_peer_titles())
        except RuntimeError as err:
            raise DatasetError(str(err)) from None
        result["peer_roles"] = role_metrics((gold_spans(e.text, e.roles), matcher(e.text)) for e in examples)
    return result
