"""The components own their data: nlp.to_disk then spacy.load (in a fresh process) gives the same coach."""
from __future__ import annotations

import json
import subprocess
import sys

from coach import paths
from coach.components import findings
from coach.dataset import read_labeled

LOAD_AND_FIND = """
import json, sys
import spacy
from coach.components import findings
nlp = spacy.load(sys.argv[1])
texts = json.load(sys.stdin)
print(json.dumps([findings(doc) for doc in nlp.pipe(texts)]))
"""


def _objectives(n: int = 50) -> list[str]:
    return [e.text for e in read_labeled(paths.data_file("objectives.jsonl")) if e.split == "test"][:n]


def _load_in_fresh_process(folder, texts: list[str]) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", LOAD_AND_FIND, str(folder)], input=json.dumps(texts),
                          capture_output=True, text=True, check=True, timeout=300)
    return json.loads(done.stdout)


def test_to_disk_then_spacy_load_gives_identical_results(nlp, tmp_path):
    texts = _objectives(50)
    expected = [findings(doc) for doc in nlp.pipe(texts)]
    assert any(f["roles"] for f in expected) and any(f["qualifiers"] for f in expected)
    nlp.to_disk(tmp_path / "pipeline")
    for name in ("coach_roles", "coach_qualifiers", "coach_needs"):
        assert (tmp_path / "pipeline" / name / "vocab" / "need_verbs.txt").is_file()
    assert _load_in_fresh_process(tmp_path / "pipeline", texts) == expected


def test_loaded_components_read_their_own_folder(nlp, tmp_path):
    """Data comes from the saved folder, not the package: edit a saved list and the loaded coach follows."""
    nlp.to_disk(tmp_path / "pipeline")
    generic = tmp_path / "pipeline" / "coach_roles" / "vocab" / "generic_people.txt"
    generic.write_text("\n".join(w for w in generic.read_text().splitlines() if w != "folks") + "\n")
    text = "Meet folks who run food trucks"
    assert [g["text"] for g in findings(nlp(text))["generic_people"]] == ["folks"]
    [loaded] = _load_in_fresh_process(tmp_path / "pipeline", [text])
    assert loaded["generic_people"] == []
