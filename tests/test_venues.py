"""The venue book: built-in knowledge, merging a user's file, and malformed files."""
from __future__ import annotations

import json

import pytest

from coach.lexicon import load_data
from coach.venues import VenueBook, VenueFileError


def test_every_field_gets_an_association_or_event_and_ask_contacts():
    book = VenueBook.load()
    for field_id in load_data().fields.ids:
        venues = book.suggest([field_id])
        kinds = {v.kind for v in venues}
        assert "ask-contacts" == venues[-1].kind, field_id
        assert kinds & {"association", "business-event", "trade-show"}, field_id


def test_topic_venues_follow_the_text():
    book = VenueBook.load()
    names = [v.name for v in book.suggest(["healthcare"], text="Meet nurses who switched to electronic health records")]
    assert any("electronic health records" in n for n in names)


def test_user_venues_are_merged_first(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[venues]]\nname = "Akron Sales Breakfast"\nkind = "business-event"\n'
                     'fields = ["sales"]\nwhy = "monthly breakfast of local sales managers"\n')
    venues = VenueBook.load(extra=extra).suggest(["sales"])
    assert venues[0].name == "Akron Sales Breakfast"
    assert "facilitator" in venues[0].why


def test_user_venues_in_json(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"venues": [{"name": "Nurse mixer", "kind": "meetup", "fields": ["healthcare"]}]}))
    assert VenueBook.load(extra=extra).suggest(["healthcare"])[0].name == "Nurse mixer"


def test_missing_user_file(tmp_path):
    with pytest.raises(VenueFileError, match="not found"):
        VenueBook.load(extra=tmp_path / "nope.toml")


# -- the built-in knowledge ----------------------------------------------------------------------------

ROLE_SPECIFIC = "association"


@pytest.fixture(scope="module")
def builtin():
    import tomllib

    from coach import paths

    with open(paths.VENUES_FILE, "rb") as fh:
        return tomllib.load(fh)


def test_every_organisation_is_sourced_and_well_formed(builtin):
    from coach.occupations import load_book
    from coach.venue_ranking import AUDIENCES, DATA_KINDS

    codes = load_book().occupations
    fields = set(load_data().fields.ids)
    industries = set(builtin["industries"]) | fields
    ids = [v["id"] for v in builtin["venues"]]
    assert len(ids) == len(set(ids))
    for v in builtin["venues"]:
        assert v["kind"] in DATA_KINDS, v["id"]
        assert v["source"].startswith("http") and " — " in v["source"], v["id"]
        assert v["events"], v["id"]
        assert set(v["fields"]) <= fields, v["id"]
        assert set(v.get("industries", [])) <= industries, v["id"]
        assert v.get("audience", "") in ("",) + AUDIENCES, v["id"]
        for code in v["occupations"]:
            assert any(c.startswith(code) for c in codes), (v["id"], code)
        if v.get("show"):
            assert v["show"].count("{place}") <= 1, v["id"]


def test_at_least_100_organisations_and_three_role_specific_ones_per_field(builtin):
    venues = builtin["venues"]
    assert len(venues) >= 100
    for field_id in load_data().fields.ids:
        own = [v for v in venues if v["kind"] == ROLE_SPECIFIC and field_id in v["fields"]]
        assert len(own) >= 3, (field_id, [v["id"] for v in own])


def test_known_factual_slips_are_fixed(builtin):
    by_id = {v["id"]: v for v in builtin["venues"]}
    text = {k: " ".join(str(x) for x in (v.get("show", ""), v["name"], v["events"])) for k, v in by_id.items()}
    assert not any("nfib" in t.lower() or "national federation of independent business" in t.lower()
                   for t in text.values())
    assert "186" not in text["isaca"] and "section" not in text["ieee-cs"].lower()
    assert by_id["ieee-cs"]["unit"] == "chapter"
    assert "free and low-cost" in text["score"]
    assert not any(ch.isdigit() for ch in text["fpa"])
    assert by_id["fpa"]["occupations"] == ["13-2052"]


def test_topics_and_industries_are_well_formed(builtin):
    fields = set(load_data().fields.ids)
    for t in builtin["topics"]:
        assert t["keywords"] and t["name"] and t["why"], t["id"]
        assert set(t.get("fields", [])) <= fields, t["id"]
    for iid, spec in builtin["industries"].items():
        assert spec["words"] and spec["label"], iid
        assert spec.get("parent") in (None, *builtin["industries"], *fields), iid


def test_the_built_in_book_is_read_from_its_parsed_cache(monkeypatch):
    """Start-up does not parse the venue TOML: with the file reader broken, the built-in book still loads."""
    import coach.venues

    def no_reading(path):
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(coach.venues, "_load_raw", no_reading)
    book = VenueBook.load()
    assert len(book.entries) >= 100 and book.ranker is not None


# -- user venues keyed to occupations ---------------------------------------------------------------------

def test_user_venues_keyed_to_occupations(tmp_path):
    from coach.venue_ranking import Person, Text

    extra = tmp_path / "mine.toml"
    extra.write_text('[[venues]]\nname = "Cleveland Clinic nurse mixer{place}"\nkind = "meetup"\n'
                     'occupations = ["29-1141"]\nwhy = "monthly mixer of ICU and floor nurses"\n')
    book = VenueBook.load(extra=extra)

    def names(code, role):
        person = Person(role, Text.of(role), code, 1.0, "", ("healthcare",))
        obj = book.ranker.objective(f"Meet {role} in Cleveland", [person], ["healthcare"], "Cleveland")
        return [v.name for v in book.ranker.rank(obj)]

    assert names("29-1141.03", "ICU nurses")[0] == "Cleveland Clinic nurse mixer in or near Cleveland"
    assert "Cleveland Clinic nurse mixer in or near Cleveland" not in names("13-2011.00", "accountants")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is = = not toml", "not valid TOML"),
        ("[other]\nx = 1\n", "expected a 'venues' list"),
        ('[[venues]]\nkind = "meetup"\n', "'name' is required"),
        ('[[venues]]\nname = "X"\nkind = "party"\n', "kind 'party'"),
        ('[[venues]]\nname = "X"\nfields = ["salez"]\n', "unknown field ids ['salez']"),
        ('[[venues]]\nname = "X"\noccupations = ["29-99"]\n', "occupation '29-99' matches no O*NET-SOC"),
        ('[[venues]]\nname = "X"\noccupations = ["nurses"]\n', "'nurses' is not an O*NET-SOC code"),
        ('[[venues]]\nname = "X"\noccupation = ["29-1141"]\n', "unknown key 'occupation'"),
        ('[[venues]]\nname = "X"\nindustries = ["hospitalz"]\n', "unknown industry ids ['hospitalz']"),
        ('[[venues]]\nname = "X"\nkeywords = "crm"\n', "'keywords' must be a list of strings"),
        ('[[topics]]\nname = "X"\nkind = "workshop"\n', "a topic needs a non-empty 'keywords' list"),
        ('venues = "X"\n', "'venues' must be a list"),
    ],
)
def test_user_file_errors_are_one_line(tmp_path, content, message):
    extra = tmp_path / "bad.toml"
    extra.write_text(content)
    with pytest.raises(VenueFileError) as err:
        VenueBook.load(extra=extra)
    assert message in str(err.value) and "\n" not in str(err.value)
    assert str(err.value).startswith(f"{extra}: ")


def test_the_readme_example_venue_file_works(tmp_path):
    import re

    from coach import paths

    readme = (paths.checkout_dir() / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Your own venues.*?```toml\n(.*?)```", readme, re.S).group(1)
    extra = tmp_path / "mine.toml"
    extra.write_text(block, encoding="utf-8")
    book = VenueBook.load(extra=extra)

    class Role:
        def __init__(self, text, code, fields):
            self.text, self.start, self.end, self.target, self.fields = text, 5, 5 + len(text), True, fields
            self.occupation = type("Occupation", (), {"code": code, "confidence": 1.0, "title": ""})()

    nurses = book.for_objective("Meet ICU nurses in Akron", [Role("ICU nurses", "29-1141.03", ["healthcare"])])
    assert nurses[0].name == "Akron Nurses' Breakfast" and "facilitator" in nurses[0].why
    text = "Meet sales managers who use HubSpot"
    sales = book.for_objective(text, [Role("sales managers", "11-2022.00", ["sales"])])
    assert sales[0].name == "Akron CRM user group" and "HubSpot" in sales[0].why


def test_shipped_venue_cache_matches_the_toml():
    """The parsed copy that makes start-up fast is the TOML's, byte for byte of its source."""
    import hashlib
    import json
    import tomllib

    from coach.paths import VENUES_FILE
    from coach.venues import _cached_builtin, builtin_cache_path

    cache = json.loads(builtin_cache_path(VENUES_FILE).read_text(encoding="utf-8"))
    assert cache["source_sha256"] == hashlib.sha256(VENUES_FILE.read_bytes()).hexdigest()
    assert _cached_builtin(VENUES_FILE) == tomllib.loads(VENUES_FILE.read_text(encoding="utf-8"))


def test_stale_venue_cache_is_ignored(tmp_path):
    from coach.venues import _cached_builtin, builtin_cache_path

    toml = tmp_path / "venues.toml"
    toml.write_text('[[venues]]\nname = "X"\n', encoding="utf-8")
    builtin_cache_path(toml).write_text('{"source_sha256": "0", "venues_file": {}}', encoding="utf-8")
    assert _cached_builtin(toml) is None


def test_wording_speaks_of_a_singular_role_in_the_plural(coach_instance):
    """"a product manager" is named once, but the venues and the rewrite speak of several of them."""
    result = coach_instance.check("Looking for a product manager at a fintech who can tell me about the job.")
    ask = next(v for v in result.venues if v.kind == "ask-contacts")
    assert ask.name.startswith("Ask two product managers you know")
    assert "product manager " not in result.suggestion + " " + " ".join(v.name + " " + v.why for v in result.venues)
