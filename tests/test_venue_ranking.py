"""Venues for the people named: own association first, industry, tools and topics, business events
only for business-facing roles, honest wording, the ask line that names the role."""
from __future__ import annotations

import re

import pytest

ARTICLE = "Meeting sales professionals currently using a software-based contact management system"


def venues(coach, text):
    return coach.check(text).venues


def names(coach, text):
    return [v.name for v in venues(coach, text) if v.kind != "ask-contacts"]


def test_the_articles_objective_gets_the_articles_venues(coach_instance):
    result = venues(coach_instance, ARTICLE)
    shown = [v.name for v in result]
    # a local sales or marketing-oriented group
    assert any(v.kind == "association" and re.search(r"sales (and marketing|professionals)", v.name, re.I)
               for v in result), shown
    # Chamber of Commerce or small-business council events
    assert any(re.search(r"Chamber of Commerce|small-business council", n) for n in shown), shown
    # a workshop on CRM or contact management
    assert any(v.kind == "workshop" and re.search(r"\bCRM\b|contact management", v.name) for v in result), shown
    # asking people you know, naming them
    assert result[-1].kind == "ask-contacts"
    assert result[-1].name == "Ask two sales professionals you know which associations and events they go to."
    # and nothing misleading
    misleading = r"\bBNI\b|angel|pitch|NFIB|Financial Planning|Computing Machinery|IEEE|SHRM|Nurses|sales industry"
    assert not [n for n in shown if re.search(misleading, n)], shown
    assert len(result) <= 6 and all(v.why for v in result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meet structural engineers at mid-sized firms in Denver who design parking garages",
         "American Society of Civil Engineers"),
        ("Meet ICU nurses at Level I trauma centers in Cleveland", "Critical-Care Nurses"),
        ("Meet controllers at construction companies in Atlanta who switched to Sage Intacct",
         "Construction Financial Management Association"),
        ("Meet certified nurse-midwives who work at freestanding birth centers in Oregon", "Nurse-Midwives"),
        ("Meet court reporters who provide realtime captioning for depositions in Chicago",
         "National Court Reporters Association"),
        ("Meet independent insurance agents in Ohio who write commercial auto policies",
         "Independent Insurance Agents & Brokers"),
    ],
)
def test_their_own_association_comes_first(coach_instance, text, expected):
    assert expected in names(coach_instance, text)[0]


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # the list of associations shown to the wrong people
        ("Meet insurance adjusters at auto insurers in Dallas", "Financial Planning Association"),
        ("Meet underwriters at specialty carriers who write cyber liability insurance", "Financial Planning"),
        ("Meet angel investors in Cincinnati who invest in medical device startups", "Financial Planning"),
        ("Meet controllers at construction companies in Atlanta", "Financial Planning"),
        ("Meet structural engineers at mid-sized firms in Denver", "IEEE Computer Society"),
        ("Meet mechanical engineers at HVAC manufacturers in Minneapolis", "IEEE Computer Society"),
        ("Meet marine biologists at aquariums in Monterey", "Computing Machinery"),
        ("Meet wedding photographers in Austin who shoot destination weddings", "Public Relations Society"),
        ("Meet high school principals in Texas who run career academies", "Talent Development"),
        ("Meet high school principals in Texas who run career academies", "Teachers"),
        ("Meet school librarians in Virginia who run makerspaces", "Education Association"),
        # people only mentioned are not the people to meet
        ("Learn from HR directors at hospitals how they cut nurse turnover last year", "Nurses Association"),
        ("Meet court reporters who provide realtime captioning in Chicago", "Professional Journalists"),
        ("Meet welding supervisors at heavy equipment manufacturers in Peoria", "Amazon Web Services"),
        ("Meet corporate meeting planners at pharmaceutical companies", "American Planning Association"),
        ("Meet immigration attorneys who help hospitals hire foreign nurses", "hospital association"),
    ],
)
def test_no_association_of_other_people(coach_instance, text, not_expected):
    assert not [n for n in names(coach_instance, text) if not_expected.lower() in n.lower()]


@pytest.mark.parametrize(
    ("text", "sense"),
    [
        ("Meet journalists who pitch stories to national outlets", r"pitch|angel|demo day"),
        ("Meet data engineers who build data pipelines in Snowflake", r"\bCRM\b|contact management"),
        ("Meet payroll managers who investigate payroll fraud", r"tax|payroll professionals"),
        ("Meet founders who use lean startup methods in Denver", r"lean and continuous"),
        ("Meet sustainability managers who track greenhouse gas emissions", r"farm|grower"),
        ("Meet chefs at farm-to-table restaurants in Portland", r"farm shows|extension"),
    ],
)
def test_topics_are_guarded_against_other_senses(coach_instance, text, sense):
    shown = names(coach_instance, text)
    assert not [n for n in shown if re.search(sense, n, re.I)], shown


def test_tool_and_topic_venues_follow_what_is_named(coach_instance):
    def shown(text):
        return " | ".join(names(coach_instance, text))

    assert "HubSpot User Group" in shown("Meet content marketers at B2B manufacturers in Cleveland who use HubSpot")
    assert "Sage Intacct user groups" in shown("Meet controllers at construction firms who switched to Sage Intacct")
    assert "OSHA" in shown("Meet construction safety managers at highway contractors who need OSHA 30 training")


def test_the_industry_they_serve(coach_instance):
    shown = names(coach_instance, "Learn from HR directors at hospitals how they cut nurse turnover last year")
    assert any("Health Care Human Resources" in n for n in shown), shown
    shown = names(coach_instance, "Meet commercial bankers in Columbus who lend to manufacturers")
    assert any("manufacturing trade shows" in n for n in shown), shown


def test_business_events_only_for_business_facing_people(coach_instance):
    def has(text, pattern):
        return any(re.search(pattern, n) for n in names(coach_instance, text))

    # never BNI for employees; BNI for owners and independent sellers
    assert not has("Meet SDRs and BDRs at B2B SaaS companies in Austin who book meetings with Salesloft", r"\bBNI\b")
    assert not has("Meet ICU nurses at Level I trauma centers in Cleveland", r"\bBNI\b|Chamber of Commerce")
    assert not has("Meet park rangers at national parks in Utah", r"\bBNI\b|Chamber of Commerce|SCORE")
    assert has("Meet independent insurance agents in Ohio who write commercial auto policies", r"\bBNI\b")
    assert has("Meet owners of family-run restaurants in Lakewood who cater corporate events", r"Chamber of Commerce")
    # angel and pitch events only when funding is the topic
    assert not has("Meet owners of home-based bakeries in Michigan who sell under cottage food laws", r"angel|pitch")
    assert has("Meet founders raising a seed round in Austin", r"angel investor groups")


def test_honest_when_no_association_is_known(coach_instance):
    shown = names(coach_instance, "Meet wind turbine technicians in Texas")
    assert shown[0] == "the professional association for wind turbine technicians in or near Texas"


def test_place_wording_uses_the_named_place_only(coach_instance):
    shown = names(coach_instance, "Meet structural engineers at mid-sized firms in Denver who design parking garages")
    assert "American Society of Civil Engineers (ASCE) section meetings in or near Denver" in shown
    assert not any("firms in Denver" in n or "mid-sized" in n for n in shown)
    assert any("in or near Portland, Oregon" in n
               for n in names(coach_instance, "Meet social media managers at craft breweries in Portland, Oregon"))
    assert any("in or near the Midwest" in n for n in
               names(coach_instance, "Meet independent manufacturers' reps who sell industrial valves in the Midwest"))


def test_the_ask_line_names_the_role(coach_instance):
    ask = venues(coach_instance, "Meet commercial bankers in Columbus who lend to manufacturers")[-1]
    assert ask.name == "Ask two commercial bankers you know which associations and events they go to."
    ask = venues(coach_instance, "Talk to people in the restaurant industry")[-1]
    assert ask.kind == "ask-contacts" and "hospitality" in ask.name


def test_every_venue_says_why_it_fits_this_objective(coach_instance):
    result = venues(coach_instance, "Meet controllers at construction companies in Atlanta who use Sage Intacct")
    assert "controllers" in result[0].why or "construction" in result[0].why
    topic = next(v for v in result if "Intacct" in v.name)
    assert "Sage Intacct" in topic.why


@pytest.mark.parametrize("text", ["", "Get new business", "I'm a web designer and I want more clients"])
def test_no_people_still_ends_with_the_ask_line(coach_instance, text):
    if not text:
        from coach.venues import VenueBook

        result = VenueBook.load().for_objective("")
    else:
        result = venues(coach_instance, text)
    assert result[-1].kind == "ask-contacts" and len(result) <= 6


def test_stems_and_phrases():
    from coach.venue_ranking import PhraseIndex, Text, stem

    assert stem("manufacturers'") == stem("manufacturer's") == "manufacturer"
    index = PhraseIndex([("machine shop", "machine-shops"), ("shop", "retail")])
    assert [p for _, _, p in index.longest(Text.of("owners of CNC machine shops"))] == ["machine-shops"]
    assert not PhraseIndex([("=Epic", 1)]).find(Text.of("an epic failure"))
    assert PhraseIndex([("=Epic", 1)]).find(Text.of("nurses who use Epic"))
