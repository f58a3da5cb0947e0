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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is = = not toml", "not valid TOML"),
        ("[other]\nx = 1\n", "expected a 'venues' list"),
        ('[[venues]]\nkind = "meetup"\n', "'name' is required"),
        ('[[venues]]\nname = "X"\nkind = "party"\n', "kind 'party'"),
        ('[[venues]]\nname = "X"\nfields = ["salez"]\n', "unknown field ids ['salez']"),
    ],
)
def test_malformed_user_file_is_a_clear_error(tmp_path, content, message):
    extra = tmp_path / "bad.toml"
    extra.write_text(content)
    with pytest.raises(VenueFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        VenueBook.load(extra=extra)


def test_missing_user_file(tmp_path):
    with pytest.raises(VenueFileError, match="not found"):
        VenueBook.load(extra=tmp_path / "nope.toml")
