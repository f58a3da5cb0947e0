"""Dictionary words for a kind of worker are roles where only a person goes; people by relation
or circumstance, and words for things, are not (``vocab/wordnet_person_nouns.txt``, built from
WordNet 3.0 by ``scripts/build_wordnet_persons.py``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach import vocab
from coach.components import findings

ROOT = Path(__file__).resolve().parents[1]
WORDNET = Path("/usr/share/wordnet")


def targets(doc):
    return [r["text"] for r in findings(doc)["roles"] if r["target"]]


def test_the_list_holds_workers_not_relations_or_things():
    words = vocab.words("wordnet_person_nouns")
    assert {"academic", "newsagent", "farrier", "luthier", "midwife"} <= words
    assert not {"friend", "user", "participant", "candidate", "tenant", "adult", "project", "shift"} & words
    assert not {"bach", "goya", "caruso", "earhart", "amati"} & words  # individuals, not kinds of people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'd like to meet academics who study rural broadband adoption.", ["academics"]),
        ("Meet newsagents in Glasgow who added parcel pickup to their shops.", ["newsagents"]),
    ],
)
def test_dictionary_workers_in_a_person_slot_are_roles(nlp, text, expected):
    assert targets(nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I have my contact information on LinkedIn for connecting with potential hires.",
        "I want to meet deadlines and projects that matter.",
    ],
)
def test_employment_status_and_things_are_not(nlp, text):
    assert targets(nlp(text)) == []


@pytest.mark.skipif(not (WORDNET / "index.noun").is_file(), reason="WordNet (Debian wordnet-base) not installed")
def test_the_shipped_list_is_what_the_script_builds():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_wordnet_persons", ROOT / "scripts" / "build_wordnet_persons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert tuple(module.person_nouns(WORDNET)) == vocab.phrases("wordnet_person_nouns")
