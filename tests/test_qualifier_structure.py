"""Qualifier structure on real wording: which phrases can narrow the people to meet.

Written from the rubric (a qualifier is something checkable that narrows the *role*: an industry,
a tool, a situation, a company type, a named place, an event, a time frame; hopes, judgements,
"local" and empty frames are not) and the clause-attachment rules of the qualifier finder.
"""
from __future__ import annotations

import pytest

from coach.components import findings


def qualifier_texts(nlp, text: str) -> list[str]:
    return [q["text"] for q in findings(nlp(text))["qualifiers"]]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # A setting no word list holds is still proposed, and the learned judgement accepts it.
        ("I want to meet principals in high-needs schools.", "in high-needs schools"),
        ("Meet headteachers of very small Scottish primary schools.", "of very small Scottish primary schools"),
        # A clause after a local frame is still read ("in my area" no longer ends the stretch).
        ("I want to find musicians in my area who aren't already in a working band",
         "who aren't already in a working band"),
    ],
)
def test_open_settings_and_clauses_are_candidates(nlp, text, phrase):
    assert phrase in qualifier_texts(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Meet CPAs in your area",
        "Meet plumbers in their region",
    ],
)
def test_reader_relative_local_frames_are_not_qualifiers(nlp, text):
    assert qualifier_texts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Connect with Astropy developers", "Astropy"),  # a named project they work on
        ("Meet Shopify store owners", "Shopify"),  # a named platform they use
        ("I'm looking for USATF-certified coaches", "USATF-certified"),  # a credential
    ],
)
def test_named_and_credential_modifiers_before_the_title(nlp, text, phrase):
    assert phrase in qualifier_texts(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Meet Registered Nurses",  # a capitalised title, not a name
        "We need a Senior Backend Engineer",  # every word of a title-cased title is capitalised
        "Meet ICU nurses",  # an acronym that is part of the title
    ],
)
def test_capitalised_titles_are_not_named_modifiers(nlp, text):
    assert qualifier_texts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("All interested subcontractors must be registered with the System for Award Management.",
         "must be registered with the System for Award Management"),
        ("Your general contractor should be licensed, bonded, and insured.",
         "should be licensed, bonded, and insured"),
        ("You must be a musician over 18 years old.", "over 18 years old"),
    ],
)
def test_predicates_and_ages_on_the_people(nlp, text, phrase):
    assert phrase in qualifier_texts(nlp, text)


def test_a_class_noun_predicate_is_not_a_qualifier(nlp):
    # "X are the most common Y": a statement about the role, nothing checkable about which ones.
    assert qualifier_texts(nlp, "Attorneys are the most common legal professionals employers seek.") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We interviewed data scientists across several product groups at Microsoft in Seattle.", "Seattle"),
        ("I want to interview fishers along the coast of Bago.", "Bago"),
        ("In Columbus, I want to meet CPAs.", "Columbus"),
    ],
)
def test_named_places_attached_to_the_people_count(nlp, text, place):
    assert any(place in q for q in qualifier_texts(nlp, text))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("I want to ask brokers which companies in Akron are hiring.", "Akron"),  # narrows the companies
        ("The law in New York protects workers, so I want to meet labor lawyers.", "New York"),
        ("The research pharmacist, Dr Susan Patterson, will contact pharmacists.", "Patterson"),  # a surname
    ],
)
def test_places_that_narrow_something_else_do_not_count(nlp, text, place):
    assert not any(place in q for q in qualifier_texts(nlp, text))


def test_a_clause_about_the_writer_is_not_on_the_role(nlp):
    text = "It is only by working with private landlords that we can develop a plan here in Fairfield."
    assert qualifier_texts(nlp, text) == []


def grade_of(coach_instance, text: str) -> str:
    return coach_instance.check(text).grade


@pytest.mark.parametrize(
    "title",
    ["Frontend developers", "Fullstack engineers", "Devops engineers", "Onboarding specialists",
     "Ortho surgeons", "Neuro nurses", "Cyber security analysts"],
)
def test_capitalised_title_words_are_no_names(coach_instance, nlp, title):
    # Rubric: a role alone is improved; a title's own words are part of the title, whatever their case.
    text = f"Meet {title}"
    assert qualifier_texts(nlp, text) == []
    assert grade_of(coach_instance, text) == grade_of(coach_instance, f"Meet {title.lower()}") == "improved"


def test_a_name_with_internal_capitals_is_a_qualifier(nlp):
    assert "HubSpot" in qualifier_texts(nlp, "Meet HubSpot consultants")  # a named tool they use


@pytest.mark.parametrize(
    "text",
    ["Meet CFOs at their companies", "Meet nurses in their hospitals", "Meet teachers at their schools"],
)
def test_their_own_organisation_is_an_empty_frame(coach_instance, nlp, text):
    # Rubric: "at firms" is an empty frame; "their" firm is whichever firm each works at.
    assert qualifier_texts(nlp, text) == []
    assert grade_of(coach_instance, text) == "improved"


@pytest.mark.parametrize(
    "text",
    ["CPAs are busy in April, so I want to meet CPAs",
     "I want to meet welders. Welders are not certified"],
)
def test_statements_about_the_whole_kind_are_no_qualifiers(coach_instance, text):
    # Rubric: a qualifier says something checkable about the people met, not about every CPA;
    # what they are not narrows nothing.
    assert grade_of(coach_instance, text) == "improved"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("Subcontractors must be registered with SAM", "must be registered with SAM")],
)
def test_requirements_and_credentials_on_the_people_are_qualifiers(nlp, text, phrase):
    assert phrase in qualifier_texts(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["In South Florida, I want to meet realtors",  # a compass word before the place, not a first name
     "Looking for CPAs - Columbus area",
     "I want to meet, in Columbus, three CPAs",
     "In Columbus, I want to meet CPAs"],
)
def test_a_named_place_in_the_sentence_of_the_only_people_narrows_them(coach_instance, text):
    # Rubric: a named place is a qualifier.
    assert grade_of(coach_instance, text) == "specific"


@pytest.mark.parametrize(
    "text",
    ["I'm going to a conference in Denver to meet CFOs",  # the place locates the event
     "I live in Denver and want to meet CFOs"],  # the place locates the writer
)
def test_a_place_of_the_event_or_the_writer_is_no_qualifier(coach_instance, text):
    assert grade_of(coach_instance, text) == "improved"


# --- Clauses on the people: relative ("who …", "that …") and participle ("working on …") clauses
# are candidates for the learned judgement, which tells a checkable fact ("who bill Medicaid")
# from a judgement ("who are friendly"); a hope never reaches it (rubric).

def candidates(nlp, text: str) -> list[str]:
    """Every phrase the finder proposed, accepted or rejected by the judgement."""
    doc = nlp(text)
    return [s.text for s in list(doc.spans["coach_qualifiers"]) + list(doc.spans["coach_rejected_qualifiers"])]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Meet clinic managers who bill Medicaid", "who bill Medicaid"),
        ("Looking for reading tutors that specialize in Orton-Gillingham", "that specialize in Orton-Gillingham"),
        ("Meet engineers working on LLM inference", "working on LLM inference"),
        ("I'd like to meet founders backed by Y Combinator", "backed by Y Combinator"),
        ("Talk to CFOs currently using NetSuite", "currently using NetSuite"),
    ],
)
def test_clauses_on_the_people_are_candidates(nlp, text, phrase):
    doc = nlp(text)
    assert phrase in candidates(nlp, text)
    # What the rules read in the clause is its kind on output (a rubric kind).
    assert all(q._.coach_kind in ("industry", "technology", "situation", "company", "place", "time", "event")
               for q in doc.spans["coach_qualifiers"])


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Meet clinic managers who bill Medicaid", "who bill Medicaid"),  # what they do: checkable
        # The rubric's own clause qualifiers.
        ("Meet small business owners who export to Canada", "who export to Canada"),
        ("Meet clinic managers who switched to electronic health records", "who switched to electronic health records"),
    ],
)
def test_checkable_clauses_are_qualifiers(nlp, text, phrase):
    assert phrase in qualifier_texts(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Meet bankers who are friendly",  # a judgement
        "Meet lawyers who are going places",  # a judgement in other words
        "Meet clinic managers who might need my services",  # a hope
        "Meet accountants who would be open to a coffee",  # a hope
    ],
)
def test_judgement_and_hope_clauses_are_not_qualifiers(nlp, text):
    assert qualifier_texts(nlp, text) == []


def test_a_hope_clause_never_reaches_the_judgement(nlp):
    assert candidates(nlp, "Meet clinic managers who might need my services") == []


def test_coordinated_predicates_are_judged_one_by_one(nlp):
    # "… and are willing to share" is an attitude; the fact before it still narrows the authors.
    found = candidates(nlp, "We need authors who work in small museums and are willing to share tips")
    assert "who work in small museums" in found
    assert not any("willing" in f for f in found)


def test_two_verbs_of_one_predicate_stay_one_clause(nlp):
    # "buy and sell" share their object: one fact, not a cut after "buy".
    assert "who buy and sell farms in Iowa" in candidates(nlp, "Meet brokers who buy and sell farms in Iowa")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # "and if …", "and to …" open the writer's own text: the clause ends before them.
        ("Meet nurses who work night shifts and if you know any, tell me", "who work night shifts"),
        ("Meet researchers using metagenomics and to start a reading group with them", "using metagenomics"),
    ],
)
def test_the_writers_text_after_and_ends_the_clause(nlp, text, phrase):
    assert phrase in candidates(nlp, text)


def test_a_relative_clause_runs_on_to_its_verb_across_commas(nlp):
    found = candidates(nlp, "Meet teachers who either currently, or previously, worked in Montessori schools")
    assert any(f.startswith("who either currently, or previously, worked") for f in found)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # The state after a town is part of the place; the clause after it is still the people's.
        ("Do you know any drummers in Austin, TX who play jazz fusion?", "who play jazz fusion"),
        # Another name of the same people after a slash does not end their stretch.
        ("The survey is open to SLPs/SLTs working with children and youth", "working with children and youth"),
        # A plural possessive inside a phrase: "years’ service".
        ("Talk to registered nurses with five or more years’ service in emergency care",
         "with five or more years’ service in emergency care"),
    ],
)
def test_punctuation_inside_the_peoples_stretch(nlp, text, phrase):
    assert phrase in candidates(nlp, text)


def test_like_as_a_comparison_is_no_hope(nlp):
    # "like" compares here; the clause states a track record, a checkable history.
    found = candidates(nlp, "Hire a controller who has rolled out ERP systems like NetSuite at two companies")
    assert any(f.startswith("who has rolled out ERP systems") for f in found)


@pytest.mark.parametrize(
    "text",
    [
        # Alternatives narrow only together: a hope as one of them leaves no fact about the people.
        "Meet CPAs who use Xero or might switch to it.",
        "Meet designers who live in Ohio or could relocate.",
    ],
)
def test_a_hope_among_alternatives_leaves_no_candidate(nlp, text):
    assert candidates(nlp, text) == []
