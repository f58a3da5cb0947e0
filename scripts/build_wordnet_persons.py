"""Build ``coach/resources/vocab/wordnet_person_nouns.txt``: dictionary nouns that name a kind of person.

    python scripts/build_wordnet_persons.py [--wordnet /usr/share/wordnet]

The role finder knows titles from O*NET and its lists; a plain dictionary word in a person slot
("meet franchisees who …", "coffee with academics", "cabbies in London who …") is a role only if
some list holds it, and the learned person-noun model (:mod:`coach.person_nouns`) reads letters,
which cannot tell "academics" (people) from "projects" (things). WordNet files every noun sense
under a lexicographer category, one of which is ``noun.person``. A word is listed here when its
most frequent noun sense (the first in ``index.noun``) is a person who does something for a living
(under one of :data:`OCCUPATION_ROOTS`) and at least half of its noun senses are persons:
"academic", "cabby", "newsagent" are in; "friend", "user", "participant" (people by relation or
circumstance), "sub" (a submarine first), "silk", "project" are out.

Source: WordNet 3.0 (Princeton University), read from the Debian package ``wordnet-base``
(``apt-get install wordnet-base``), only when this script runs; the coach reads the list it
writes. WordNet 3.0 license (BSD-style): "Permission to use, copy, modify and distribute this
software and database and its documentation for any purpose and without fee or royalty is hereby
granted, provided that you agree to comply with the following copyright notice and statements,
including the disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for distribution.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved." (the full text is
quoted in the file's header).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "coach" / "resources" / "vocab" / "wordnet_person_nouns.txt"
PERSON = 18  # lexicographer file number of noun.person (WordNet's lexnames)
#: The synsets under which WordNet puts people by what they do for a living (its offsets in
#: data.noun, 3.0): worker (skilled workers, employees and officials under it), professional,
#: businessperson, expert, entertainer, practitioner, specialist, serviceman, creator (artists,
#: writers), agent in the sense of a business representative. People by relation, stage or
#: circumstance ("friends", "users", "participants", "candidates", "adults", "tenants") sit elsewhere,
#: and the labels do not call those roles.
OCCUPATION_ROOTS = frozenset({
    "09632518",  # worker
    "10480253",  # professional, professional person
    "09882716",  # businessperson
    "09617867",  # expert
    "09616922",  # entertainer
    "10462860",  # practitioner, practician
    "10631941",  # specialist, specializer
    "10582746",  # serviceman, military man
    "09614315",  # creator
    "09777353",  # agent (a representative who acts on behalf of other persons)
})
_WORD = re.compile(r"^[a-z]{4,}$")

LICENSE = """\
# Dictionary nouns whose most frequent sense WordNet files under noun.person, below one of the
# synsets of people by occupation (worker, professional, businessperson, expert, ...), with at
# least half of their senses persons. Built by scripts/build_wordnet_persons.py from WordNet 3.0; do not edit by hand.
#
# WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by
# Princeton University under the following license. By obtaining, using and/or copying this
# software and database, you agree that you have read, understood, and will comply with these
# terms and conditions.: Permission to use, copy, modify and distribute this software and
# database and its documentation for any purpose and without fee or royalty is hereby granted,
# provided that you agree to comply with the following copyright notice and statements,
# including the disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND
# DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
# EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
# THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
# PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or
# Princeton may not be used in advertising or publicity pertaining to distribution of the
# software and/or database. Title to copyright in this software, database and any associated
# documentation shall at all times remain with Princeton University and LICENSEE agrees to
# preserve same.
"""


def person_nouns(wordnet: Path) -> list[str]:
    """Single-word lower-case nouns whose first sense and at least half of whose senses are persons."""
    category: dict[str, int] = {}
    hypernyms: dict[str, list[str]] = {}
    with open(wordnet / "data.noun", encoding="latin-1") as fh:
        for line in fh:
            if line.startswith(" "):
                continue  # the license header
            fields = line.split(" | ", 1)[0].split()
            offset, lexfile, n_words = fields[0], int(fields[1]), int(fields[3], 16)
            category[offset] = lexfile
            at = 4 + 2 * n_words
            n_pointers = int(fields[at])
            pointers = [fields[at + 1 + 4 * k: at + 5 + 4 * k] for k in range(n_pointers)]
            # (hypernyms only, not "@i": an instance is one individual, "Bach", "Goya")
            hypernyms[offset] = [target for symbol, target, pos, _ in pointers if symbol == "@" and pos == "n"]

    def occupational(offset: str, seen: set[str]) -> bool:
        if offset in OCCUPATION_ROOTS:
            return True
        seen.add(offset)
        return any(h not in seen and occupational(h, seen) for h in hypernyms.get(offset, ()))

    words = []
    with open(wordnet / "index.noun", encoding="latin-1") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, n_pointers = parts[0], int(parts[3])
            offsets = parts[4 + n_pointers + 2:]
            if not _WORD.match(lemma) or not offsets:
                continue
            kinds = [category[o] == PERSON for o in offsets]
            if kinds[0] and sum(kinds) * 2 >= len(kinds) and occupational(offsets[0], set()):
                words.append(lemma)
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args()
    words = person_nouns(args.wordnet)
    OUT.write_text(LICENSE + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} person nouns -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
