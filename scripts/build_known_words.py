"""Build ``coach/resources/lexicon/known_words.txt.gz``: English words the base pipeline knows.

The words are the lemma index of ``en_core_web_sm``'s rule lemmatizer (WordNet's nouns, verbs,
adjectives and adverbs). The components use them to tell a real word ("career") from a typo of a
title ("recruter") and an unlisted agent noun ("homebrewer") from a dictionary word ("sector").
Shipping the list means the components need no lemmatizer tables at run time.

    python scripts/build_known_words.py
"""
from __future__ import annotations

import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "coach" / "resources" / "lexicon" / "known_words.txt.gz"


def main() -> None:
    from coach.base_model import load_base

    nlp = load_base()
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    known = sorted({w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, [])})
    # mtime=0: the same words give the same bytes.
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as fh:
        fh.write(("\n".join(known) + "\n").encode("utf-8"))
    print(f"{len(known)} words -> {OUT}")


if __name__ == "__main__":
    main()
