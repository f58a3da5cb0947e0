"""Behaviour suite (CheckList, Ribeiro et al. 2020): MFT, INV and DIR cases written from the rubric.

The cases live in ``cases.jsonl`` next to this file (see README.md). All texts (and variants) are
graded once, in one batch, through the session's coach; every case's expectations are evaluated
against the results; the pass rate per capability is printed at the end of the run (see
``conftest.py``) and the overall and negation pass rates are held to the floors below.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pytest

CASES_FILE = Path(__file__).with_name("cases.jsonl")

#: The issue's floors: overall pass rate, and the pass rate of the negation capability.
OVERALL_FLOOR = 0.95
NEGATION_FLOOR = 0.90
NEGATION_CAPABILITY = "MFT: negation & exclusion"
#: How many failing cases a failure message lists.
SHOW_FAILURES = 40
MIN_CASES = 300

GRADES = ("vague", "improved", "specific")

#: Every capability, in the order of the report, with its test type.
CAPABILITIES = OrderedDict([
    ("MFT: grade vague", "MFT"),
    ("MFT: grade improved", "MFT"),
    ("MFT: grade specific", "MFT"),
    ("MFT: role kinds", "MFT"),
    ("MFT: span edges", "MFT"),
    ("MFT: enumerations", "MFT"),
    ("MFT: own role", "MFT"),
    ("MFT: mentions", "MFT"),
    ("MFT: vacuous qualifiers", "MFT"),
    ("MFT: negation & exclusion", "MFT"),
    ("INV: casing", "INV"),
    ("INV: punctuation", "INV"),
    ("INV: polite prefix", "INV"),
    ("INV: typo", "INV"),
    ("INV: place/number swap", "INV"),
    ("INV: background sentence", "INV"),
    ("DIR: add concrete qualifier", "DIR"),
    ("DIR: role to people", "DIR"),
    ("DIR: add vacuous qualifier", "DIR"),
    ("DIR: negate role", "DIR"),
    ("DIR: own role alone", "DIR"),
])

#: Expectation keys on the case's ``text`` (any type) and the type of their value.
TEXT_KEYS = {
    "grade": str, "grade_in": list, "grade_at_least": str, "grade_at_most": str,
    "targets_include": list, "targets_exclude": list, "n_targets_at_least": int,
    "own_include": list, "excluded_include": list, "feedback_include": list,
}
INV_KEYS = {"same_grade": bool, "same_targets": bool}
DIR_KEYS = {
    "variant_grade_at_least_original": bool, "variant_grade_below_original": bool,
    "variant_grade_at_most": str, "variant_not_specific": bool, "variant_target_removed": str,
}
KEYS_BY_TYPE = {"MFT": TEXT_KEYS, "INV": {**TEXT_KEYS, **INV_KEYS}, "DIR": {**TEXT_KEYS, **DIR_KEYS}}
CASE_FIELDS = {"id", "capability", "type", "text", "variant", "swap", "expect"}


def load_cases(path: Path = CASES_FILE) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------------------------------------ evaluation

def rank(grade: str | None) -> int:
    return GRADES.index(grade) if grade in GRADES else -1


def targets(result) -> list[str]:
    return [r.text.lower() for r in result.roles if r.relation == "target"]


def with_relation(result, relation: str) -> list[str]:
    return [r.text.lower() for r in result.roles if r.relation == relation]


def summary(result) -> str:
    """What the coach said, short: grade, roles by relation, qualifiers, feedback codes."""
    if result is None:
        return "-"
    if result.grade is None:
        return f"error: {result.error}"
    roles = ", ".join(f"{r.text}<{r.relation}>" for r in result.roles) or "no roles"
    quals = ", ".join(f"{q.text}<{q.kind}>" for q in result.qualifiers) or "no qualifiers"
    codes = ",".join(f.code for f in result.feedback)
    return f"{result.grade} | {roles} | {quals} | {codes}"


def check_text(exp: dict, res) -> list[str]:
    """Problems with the expectations that apply to the case's ``text``."""
    problems = []
    grade = res.grade
    if "grade" in exp and grade != exp["grade"]:
        problems.append(f"grade {grade} != {exp['grade']}")
    if "grade_in" in exp and grade not in exp["grade_in"]:
        problems.append(f"grade {grade} not in {exp['grade_in']}")
    if "grade_at_least" in exp and rank(grade) < rank(exp["grade_at_least"]):
        problems.append(f"grade {grade} below {exp['grade_at_least']}")
    if "grade_at_most" in exp and rank(grade) > rank(exp["grade_at_most"]):
        problems.append(f"grade {grade} above {exp['grade_at_most']}")
    tgt = targets(res)
    for sub in exp.get("targets_include", []):
        if not any(sub in t for t in tgt):
            problems.append(f"no target contains {sub!r}")
    for sub in exp.get("targets_exclude", []):
        if any(sub in t for t in tgt):
            problems.append(f"a target contains {sub!r}")
    if "n_targets_at_least" in exp and len(tgt) < exp["n_targets_at_least"]:
        problems.append(f"{len(tgt)} targets < {exp['n_targets_at_least']}")
    for key, relation in (("own_include", "own"), ("excluded_include", "excluded")):
        found = with_relation(res, relation)
        for sub in exp.get(key, []):
            if not any(sub in t for t in found):
                problems.append(f"no {relation} role contains {sub!r}")
    codes = {f.code for f in res.feedback}
    for code in exp.get("feedback_include", []):
        if code not in codes:
            problems.append(f"feedback lacks {code}")
    return problems


def check_pair(case: dict, exp: dict, res, var) -> list[str]:
    """Problems with the INV and DIR expectations, comparing the variant with the original."""
    problems = []
    if exp.get("same_grade") and res.grade != var.grade:
        problems.append(f"grade changed {res.grade} -> {var.grade}")
    if exp.get("same_targets"):
        before = set(targets(res))
        after = set(targets(var))
        if case.get("swap"):
            old, new = (s.lower() for s in case["swap"])
            after = {t.replace(new, old) for t in after}
        if before != after:
            problems.append(f"targets changed {sorted(before)} -> {sorted(after)}")
    if exp.get("variant_grade_at_least_original") and rank(var.grade) < rank(res.grade):
        problems.append(f"variant grade {var.grade} below original {res.grade}")
    if exp.get("variant_grade_below_original") and not rank(var.grade) < rank(res.grade):
        problems.append(f"variant grade {var.grade} not below original {res.grade}")
    if "variant_grade_at_most" in exp and rank(var.grade) > rank(exp["variant_grade_at_most"]):
        problems.append(f"variant grade {var.grade} above {exp['variant_grade_at_most']}")
    if exp.get("variant_not_specific") and var.grade == "specific":
        problems.append("variant graded specific")
    if "variant_target_removed" in exp:
        sub = exp["variant_target_removed"]
        if not any(sub in t for t in targets(res)):
            problems.append(f"no target of the original contains {sub!r}")
        if any(sub in t for t in targets(var)):
            problems.append(f"a target of the variant still contains {sub!r}")
    return problems


def evaluate(case: dict, res, var=None) -> list[str]:
    """All problems of one case (empty: the case passes)."""
    if res.grade is None:
        return [f"text not graded: {res.error}"]
    if case["type"] != "MFT" and (var is None or var.grade is None):
        return [f"variant not graded: {getattr(var, 'error', None)}"]
    exp = case["expect"]
    problems = check_text(exp, res)
    if case["type"] != "MFT":
        problems += check_pair(case, exp, res, var)
    return problems


# ------------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return load_cases()


@pytest.fixture(scope="module")
def outcomes(cases, coach_instance, behaviour_results) -> list[dict]:
    """Every case graded and evaluated once; the per-capability table goes to the summary."""
    texts = list(dict.fromkeys([c["text"] for c in cases] + [c["variant"] for c in cases if "variant" in c]))
    graded = dict(zip(texts, coach_instance.check_many(texts, errors="keep")))
    out = []
    for case in cases:
        res = graded[case["text"]]
        var = graded.get(case["variant"]) if "variant" in case else None
        problems = evaluate(case, res, var)
        out.append({"case": case, "passed": not problems, "problems": problems,
                    "actual": summary(res), "actual_variant": summary(var) if var is not None else None})
    table = OrderedDict()
    for name in list(CAPABILITIES) + sorted({c["capability"] for c in cases} - set(CAPABILITIES)):
        mine = [o for o in out if o["case"]["capability"] == name]
        if mine:
            table[name] = (sum(o["passed"] for o in mine), len(mine))
    behaviour_results.update(
        capabilities=table,
        overall=(sum(o["passed"] for o in out), len(out)),
        overall_floor=OVERALL_FLOOR,
        floors={NEGATION_CAPABILITY: NEGATION_FLOOR},
    )
    return out


def describe(failures: list[dict]) -> str:
    lines = []
    for o in failures[:SHOW_FAILURES]:
        case = o["case"]
        lines.append(f"{case['id']} [{case['capability']}] {case['text']!r}")
        if "variant" in case:
            lines.append(f"    variant: {case['variant']!r}")
        lines.append(f"    expected: {json.dumps(case['expect'], ensure_ascii=False)}")
        lines.append(f"    actual:   {o['actual']}")
        if o["actual_variant"] is not None:
            lines.append(f"    variant:  {o['actual_variant']}")
        lines.append(f"    problems: {'; '.join(o['problems'])}")
    if len(failures) > SHOW_FAILURES:
        lines.append(f"... and {len(failures) - SHOW_FAILURES} more failing cases")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ tests

def test_case_file_is_valid(cases):
    """The case file itself: known capabilities, types and keys; unique ids; enough cases."""
    assert len(cases) >= MIN_CASES, f"{len(cases)} cases < {MIN_CASES}"
    ids = [c.get("id") for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    bad = []
    for c in cases:
        cid = c.get("id")
        if not isinstance(cid, str) or not cid:
            bad.append(f"{c}: no id")
            continue
        if set(c) - CASE_FIELDS:
            bad.append(f"{cid}: unknown fields {sorted(set(c) - CASE_FIELDS)}")
        cap, ctype = c.get("capability"), c.get("type")
        if cap not in CAPABILITIES:
            bad.append(f"{cid}: unknown capability {cap!r}")
        elif CAPABILITIES[cap] != ctype:
            bad.append(f"{cid}: type {ctype!r} does not match capability {cap!r}")
        if not cid.startswith(str(ctype).lower() + "-"):
            bad.append(f"{cid}: id does not start with its type")
        if not isinstance(c.get("text"), str) or not c["text"].strip():
            bad.append(f"{cid}: empty text")
        if ctype in ("INV", "DIR"):
            if not isinstance(c.get("variant"), str) or not c["variant"].strip():
                bad.append(f"{cid}: {ctype} case without a variant")
            elif c["variant"] == c["text"]:
                bad.append(f"{cid}: variant equals text")
        elif "variant" in c:
            bad.append(f"{cid}: MFT case with a variant")
        if "swap" in c:
            swap = c["swap"]
            if ctype != "INV" or not (isinstance(swap, list) and len(swap) == 2
                                      and swap[0] in c["text"] and swap[1] in c.get("variant", "")):
                bad.append(f"{cid}: bad swap {swap!r}")
        exp = c.get("expect")
        if not isinstance(exp, dict) or not exp:
            bad.append(f"{cid}: no expectations")
            continue
        allowed = KEYS_BY_TYPE.get(ctype, {})
        for key, value in exp.items():
            if key not in allowed:
                bad.append(f"{cid}: unknown expectation key {key!r} for {ctype}")
            elif not isinstance(value, allowed[key]) or (allowed[key] is int and isinstance(value, bool)):
                bad.append(f"{cid}: {key} should be {allowed[key].__name__}")
            elif key in ("grade", "grade_at_least", "grade_at_most", "variant_grade_at_most") and value not in GRADES:
                bad.append(f"{cid}: {key} {value!r} is not a grade")
            elif key == "grade_in" and not set(value) <= set(GRADES):
                bad.append(f"{cid}: grade_in {value!r}")
            elif allowed[key] is list and not all(isinstance(v, str) and v and v == v.lower() for v in value
                                                  if key != "grade_in"):
                bad.append(f"{cid}: {key} must hold non-empty lower-case strings")
            elif allowed[key] is bool and value is not True:
                bad.append(f"{cid}: {key} should be true")
            elif key == "variant_target_removed" and (not value or value != value.lower()):
                bad.append(f"{cid}: {key} must be a non-empty lower-case string")
    assert not bad, "\n".join(bad[:SHOW_FAILURES])


def test_overall_pass_rate(outcomes):
    failures = [o for o in outcomes if not o["passed"]]
    rate = 1 - len(failures) / len(outcomes)
    assert rate >= OVERALL_FLOOR, (
        f"overall pass rate {rate:.1%} < {OVERALL_FLOOR:.0%} ({len(failures)} of {len(outcomes)} cases fail)\n"
        + describe(failures))


def test_negation_pass_rate(outcomes):
    mine = [o for o in outcomes if o["case"]["capability"] == NEGATION_CAPABILITY]
    assert mine, f"no {NEGATION_CAPABILITY} cases"
    failures = [o for o in mine if not o["passed"]]
    rate = 1 - len(failures) / len(mine)
    assert rate >= NEGATION_FLOOR, (
        f"{NEGATION_CAPABILITY} pass rate {rate:.1%} < {NEGATION_FLOOR:.0%} "
        f"({len(failures)} of {len(mine)} cases fail)\n" + describe(failures))
