"""The library API notebooks use: coach.load(), check, check_many, to_dict."""
from __future__ import annotations

import copy
import types

import pytest

import coach
from coach.api import CheckResult

KEYS = {"text", "grade", "probabilities", "roles", "qualifiers", "venues", "feedback", "suggestion"}


def test_check_returns_a_dataclass_with_the_json_schema(coach_instance):
    result = coach_instance.check("Meet owners of family-run restaurants in Lakewood who cater corporate events")
    assert isinstance(result, CheckResult)
    data = result.to_dict()
    assert KEYS <= set(data)
    assert set(data["roles"][0]) >= {"text", "start", "end", "fields", "target"}
    assert set(data["qualifiers"][0]) >= {"text", "start", "end", "kind"}
    assert set(data["venues"][0]) == {"name", "kind", "fields", "why"}
    assert set(data["feedback"][0]) == {"code", "message"}
    assert result.fields[0] == "hospitality"


def test_check_many_streams_in_input_order(coach_instance):
    texts = ["Getting new business", "Meet sales trainers", "Getting new business",
             "Meeting sales professionals currently using a software-based contact management system"]
    results = coach_instance.check_many(iter(texts))
    assert isinstance(results, types.GeneratorType)
    assert [r.grade for r in results] == ["vague", "improved", "vague", "specific"]


def test_check_many_matches_check(coach_instance):
    texts = ["Meet CFOs of mid-sized manufacturers", "grow my network", "Talk to ICU nurses in Akron"]
    assert [r.to_dict() for r in coach_instance.check_many(texts)] == [coach_instance.check(t).to_dict() for t in texts]


def test_check_many_keeps_bad_rows_when_asked(coach_instance):
    results = list(coach_instance.check_many(["Meet sales trainers", "   ", "x" * 6000], errors="keep"))
    assert [r.grade for r in results] == ["improved", None, None]
    assert "empty" in results[1].error and "too long" in results[2].error
    assert results[1].to_dict()["error"]


def test_check_raises_input_error(coach_instance):
    with pytest.raises(coach.InputError):
        coach_instance.check("")


def test_feedback_codes_follow_the_rubric(coach_instance):
    codes = lambda t: [f.code for f in coach_instance.check(t).feedback]  # noqa: E731
    assert codes("Getting new business")[0] == "no-role"
    assert codes("Meet people at events")[0] == "generic-people"
    assert codes("I'm a web designer and I want more clients")[0] == "own-role-only"
    assert codes("Meet sales trainers")[0] == "no-qualifier"
    assert "judgement-not-qualifier" in codes("Meet accountants who might need my services")
    assert "local-only" in codes("Meet local sales trainers")
    assert "not-measurable" in codes("Meet sales trainers") and "no-time-frame" in codes("Meet sales trainers")
    assert "not-measurable" not in codes("Meet three sales trainers by March")


def test_suggestion_builds_on_what_was_found(coach_instance):
    assert "Which sales trainers?" in coach_instance.check("Meet sales trainers").suggestion
    assert "people" in coach_instance.check("Meet people who can help me").suggestion


def test_source_example_gets_the_articles_venues(coach_instance):
    result = coach_instance.check(
        "Meeting sales professionals currently using a software-based contact management system")
    role = [r for r in result.roles if r.target]
    assert [r.text for r in role] == ["sales professionals"] and role[0].fields == ["sales"]
    names = [v.name.lower() for v in result.venues]
    kinds = [v.kind for v in result.venues]
    assert any(v.kind == "association" and "sales" in v.name.lower() for v in result.venues)
    assert any("chamber of commerce" in n for n in names)
    assert any("crm" in n or "contact management" in n for n in names)
    assert kinds[-1] == "ask-contacts" and "sales" in names[-1]
    assert all(v.why for v in result.venues)


def test_place_aware_venues(coach_instance):
    result = coach_instance.check("Meet owners of family-run restaurants in Lakewood who cater corporate events")
    assert any("Lakewood" in v.name for v in result.venues)


def test_worker_processes_give_the_same_results_in_the_same_order(coach_instance):
    texts = [f"Meet CFOs of mid-sized manufacturers in city {k}" for k in range(30)]
    texts[7] = "   "  # a bad row keeps its place
    texts[12] = texts[3]  # a repeat
    coach_instance.clear_cache()
    alone = [r.to_dict() for r in coach_instance.check_many(texts, errors="keep")]
    coach_instance.clear_cache()
    workers = coach_instance.check_many(iter(texts), errors="keep", n_process=2)
    assert isinstance(workers, types.GeneratorType)
    assert [r.to_dict() for r in workers] == alone
    assert alone[7]["grade"] is None and alone[12] == alone[3]


def test_worker_processes_stop_at_the_first_bad_text_when_raising(coach_instance):
    coach_instance.clear_cache()
    results = coach_instance.check_many(["Meet sales trainers", "", "Meet CFOs"], n_process=2)
    assert next(results).grade == "improved"
    with pytest.raises(coach.InputError):
        next(results)


def test_worker_processes_do_not_need_the_result_cache(coach_instance):
    from coach.api import Coach

    no_cache = Coach(coach_instance.nlp, coach_instance.grader, coach_instance.venues, cache_size=0)
    texts = [f"Meet ICU nurses in Akron who precept students ({k})" for k in range(12)]
    expected = [r.to_dict() for r in coach_instance.check_many(texts)]
    assert [r.to_dict() for r in no_cache.check_many(texts, n_process=2)] == expected


def test_a_result_just_made_is_the_caller_s_own(coach_instance):
    # A text graded for the first time is handed out as the object made (no copy through the cache's
    # bytes); changing it changes nothing the coach hands out later, and a repeat in the same batch
    # gets its own object.
    coach_instance.clear_cache()
    texts = ["Meet ICU nurse managers in Akron to learn how they staff nights by March",
             "Meet ICU nurse managers in Akron to learn how they staff nights by March", "Meet CFOs"]
    first, repeat, other = coach_instance.check_many(texts)
    expected = copy.deepcopy([first.to_dict(), other.to_dict()])  # (to_dict shares the result's lists)
    assert first is not repeat and first.to_dict() == repeat.to_dict()
    assert first.roles and first.venues and first.feedback is not None
    first.roles[0].fields.append("changed")
    first.roles.append(first.roles[0])
    first.venues[0].fields.append("changed")
    first.venues.clear()
    first.probabilities["vague"] = 2.0
    first.feedback.append("changed")
    first.needs.append("changed")
    assert repeat.to_dict() == expected[0]
    assert [r.to_dict() for r in coach_instance.check_many(texts[:1] + texts[2:])] == expected
    assert coach_instance.check(texts[0]).to_dict() == expected[0]
    coach_instance.clear_cache()
    assert coach_instance.check(texts[0]).to_dict() == expected[0]


def test_the_loaded_coach_stays_out_of_the_garbage_collector(coach_instance):
    import gc

    assert gc.get_freeze_count() > 0  # frozen by load()
    list(coach_instance.check_many(["Meet CFOs in Akron", "Meet ICU nurses"], n_process=2))
    assert gc.get_freeze_count() > 0  # forking workers does not unfreeze it


def test_clear_cache_also_forgets_what_components_remember(coach_instance):
    first = coach_instance.check("Meet ICU nurse managers in Akron").to_dict()
    morphology = coach_instance.nlp.get_pipe("coach_morphology")
    assert morphology._memo  # words' morphology remembered
    coach_instance.clear_cache()
    assert not morphology._memo
    assert coach_instance.check("Meet ICU nurse managers in Akron").to_dict() == first  # found again, the same
