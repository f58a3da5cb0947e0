"""A role's occupation and fields.

The occupation decides the field (rubric: "real estate attorneys" are legal, "lactation
consultants" healthcare): the O*NET occupation of the role's title (see
:mod:`coach.occupations`) gives the primary fields; an industry or field named by the role's
other words ("*hospital* HR directors", "*real estate* attorneys") may add its field after them,
never replace them. The role's words still help choose the occupation when O*NET files its title
under several ("*reinsurance* brokers"), and a field phrase that holds more of the title than
O*NET's ending comes first ("*sole traders*", not traders; "*economic development* officers",
not fundraisers' development officers). Where the industry is the occupation it comes first:
general managers, chief executives and owners run a business of that industry ("hotel GMs" are
lodging managers: hospitality); founders stay entrepreneurship first; "HR folks", "PR people" are
what their field word says.

A role whose occupation is unknown falls back, in order, on the fields the evidence for it agrees
on (a title O*NET files under several occupations of one field), the field keywords of its head
word (an ambiguous one, "agents", settled by its other words), of its whole title, the title
classifier's field vote, its other words, its head noun's BLS career category, and only then the
sentence's industry words. The learned title -> field model (:mod:`coach.field_model`) leads
that fallback when it is sure, corrects a nearest-title guess of the occupation, and gives a
second field when it reads the role otherwise (see ``guess_add`` and below), and the first when the
matched title is only a slight O*NET listing of another sense ("legal interns" are no physicians'
interns; see ``slight_listing``). A "-monger" sells what it names (retail). Field words among
the role's modifiers are found also with one slip ("goverment affairs directors"), and any
"-preneur" coinage is an entrepreneur.

The rules' answer is then reordered by a learned combiner of the same evidence
(:mod:`coach.field_combiner`, :meth:`FieldFinder.evidence`) where its weights ship: it chooses the
fields among every one some source names, the rules' answer being one of its features. One source
reads the sentence rather than the title: the learned context model (:mod:`coach.context_fields`,
:meth:`FieldFinder.with_context`) gives each field's probability from the words around the role,
and its likeliest fields become candidates ("camera assistants" on film sets are media-creative,
not retail); the combiner learned when the title outweighs it ("hospital accountants": finance). The rules
still decide founders, "-mongers" and "HR folks", keep a field phrase's or a hand-listed title's
field first, and a field the role's modifiers name is added, never dropped.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..context_fields import ContextModel, context_features, sentence_around
from ..field_combiner import FieldCombiner
from ..lexicon import CoachData, singular
from ..occupations import Occupation, TitleMatch, normalize_title, us_spelling
from ._sentences import sentence_of, text_of
from .role_heads import HeadFinder

#: The field of running a business in general (chief executives, general and operations managers).
_GENERAL_MANAGEMENT = "entrepreneurship"


class FieldFinder:
    """Maps a role span to its occupation and at most ``max_fields`` of the rubric's field ids."""

    def __init__(self, data: CoachData, heads: HeadFinder, max_fields: int = 3):
        self.data = data
        self.fields = data.fields
        self.heads = heads
        self.max_fields = max_fields
        self.entrepreneur_heads = data.lists.words("entrepreneur_heads")
        self.founder_heads = data.lists.words("founder_heads")
        self.org_words = frozenset(singular(w) for w in data.lists.words("org_words"))
        self.informal_people = data.lists.words("informal_people")
        # Field words and phrases as titles are normalised ("sole trader", "economic development",
        # "wind farm", "agency"), each with every field that lists it.
        self.vocabulary: dict[str, list[str]] = {}
        for fid, spec in data.fields.fields.items():
            for phrase in (*spec.keywords, *spec.industries):
                key = normalize_title(phrase)
                if key and fid not in self.vocabulary.setdefault(key, []):
                    self.vocabulary[key].append(fid)
        self.phrases = {k: v for k, v in self.vocabulary.items() if " " in k}
        self._respellings: dict[str, str] = {}
        self.field_words = frozenset(w for k in self.vocabulary for w in k.split() if len(w) >= 5)
        self.order = {fid: k for k, fid in enumerate(data.fields.fields)}
        self._memo: dict[tuple[str, int], tuple[Occupation | None, tuple[str, ...]]] = {}
        # The fields chosen per remembered role and the words around it (the same objective, or
        # the same role in the same words, comes again in a batch), so the context model and the
        # combiner are asked once per (role, context words).
        self._chosen: dict[tuple, list[str]] = {}
        self._read_sentence = False
        # The learned combiner of the evidence (:mod:`coach.field_combiner`) reorders the rules'
        # fields when its weights ship; the rules stay where they are structure (founders,
        # "-mongers", "HR folks") and when it has no candidate.
        path = data.occupations.directory / "field_combiner.json"
        self.combiner: FieldCombiner | None = FieldCombiner.load(path) if path.exists() else None
        # The learned context -> field model (coach.context_fields), loaded at the first role.
        self._context_model: ContextModel | None | bool = None

    #: The learned title -> field model (:mod:`coach.field_model`) is heard when no O*NET title
    #: matched: with no occupation, its field joins the fallback when its probability reaches
    #: ``guess_add`` and leads it from ``guess_first``; when the occupation is the nearest-title
    #: classifier's guess, a field it gives with ``guess_override`` that the occupation lacks comes
    #: first. An exact or alias title match is never overruled.
    guess_add = 0.2
    guess_first = 0.6
    guess_override = 0.7
    #: From ``guess_second`` its field comes second: beside the fallback's first field when no
    #: occupation is known, and when the role's modifiers change the field it reads (see below).
    guess_second = 0.3
    #: A matched title with at most ``slight_listing`` O*NET listings takes the model's field first
    #: when the model gives the whole role that field with ``guess_slight`` (see below).
    slight_listing = 3
    guess_slight = 0.8

    #: Remembered answers, per (role text, head position in it); cleared when this full.
    memo_size = 50_000
    #: The context model's likeliest ``context_candidates`` fields join the combiner's candidates
    #: from probability ``context_candidate`` (chosen leave-one-set-out on dev sets 1-8).
    context_candidates = 2
    context_candidate = 0.3

    def forget(self) -> None:
        """Forget the remembered answers (a benchmark's cold run starts with none)."""
        self._memo.clear()
        self._chosen.clear()
        self._respellings.clear()
        self.data.occupations.forget()  # (its occupations per role text were kept across cold runs)

    def occupation_and_fields(self, span: Span, head: Token, doc: Doc) -> tuple[Occupation | None, list[str]]:
        """The role's occupation (None when unknown) and its field ids, most telling first."""
        # The rules' answer and the evidence follow from the role's words alone, unless nothing
        # in them names a field and the sentence's industry words are read: the same role text
        # recurs across a batch ("CFOs", "ICU nurses"), so those are remembered. The words around
        # the role are read every time (the combiner weighs them; see :meth:`with_context`).
        key = (span.text, head.i - span.start)
        known = self._memo.get(key)
        remembered = known is not None
        if known is None:
            self._read_sentence = False
            named = self._modifiers_named(span, head, doc)
            structural = self.structural_fields(span, head, named)
            prepared = None
            if structural is not None:
                occupation, fields = None, structural
            else:
                occupation, fields = self._occupation_and_fields(span, head, doc, named)
                if self.combiner is not None:
                    ev = self.evidence(span, head, doc, fields)
                    if ev["candidates"]:
                        # (kept small: the combiner's sums of the title's evidence, not the evidence)
                        prepared = self.combiner.prepare(ev)
            known = (occupation, tuple(fields), prepared)
            if not self._read_sentence:
                if len(self._memo) >= self.memo_size:
                    self._memo.clear()
                    self._chosen.clear()
                self._memo[key] = known
                remembered = True
        occupation, fields, prepared = known[0], list(known[1]), known[2]
        if prepared is not None:
            fields = self._chosen_in_context(key if remembered else None, prepared, span, doc)
        if not fields and occupation is not None:
            # Never a known occupation without a field (issue #9); a role with neither gets the
            # rubric's "unknown-occupation" feedback instead.
            fields = list(self.data.occupations.fields_of(occupation.code))[: self.max_fields]
        return occupation, fields

    @property
    def context_model(self) -> ContextModel | None:
        """The learned context -> field model (:mod:`coach.context_fields`), None where the data
        folder has none."""
        if self._context_model is None:
            path = self.data.occupations.directory / "context_model.npz"
            self._context_model = ContextModel.load(path) if path.exists() else False
        return self._context_model or None

    def with_context(self, ev: dict, span: Span, doc: Doc, model: ContextModel | None = None) -> dict:
        """A copy of the evidence ``ev`` (:meth:`evidence`) with what the words of the role's
        sentence outside it say of its field (``context``: field -> probability), whose likeliest
        fields join the candidates ("camera assistants" on film sets). ``model``: another context
        model than the shipped one (the combiner's cross-fitted training)."""
        context = self.read_context(span, doc, model)
        if not context:
            return ev
        return dict(ev, context=context, candidates=list(dict.fromkeys(ev["candidates"] + self.context_extra(context)))
                    if ev["candidates"] else [])

    def _chosen_in_context(self, key: tuple | None, prepared, span: Span, doc: Doc) -> list[str]:
        """The combiner's fields for the prepared evidence of a role with the words around it; the
        answer is remembered under the role's memo ``key`` (None: the evidence was not remembered,
        it depends on the sentence) and the context's words."""
        model = self.context_model
        if model is None:
            return self.combiner.choose_prepared(prepared, {}, [])
        words = _context_words(span, doc)
        memo_key = (key, frozenset(words.items())) if key is not None else None
        chosen = self._chosen.get(memo_key) if memo_key is not None else None
        if chosen is None:
            context = model.proba_features(words)
            chosen = self.combiner.choose_prepared(prepared, context, self.context_extra(context))
            if memo_key is not None:
                if len(self._chosen) >= self.memo_size:
                    self._chosen.clear()
                self._chosen[memo_key] = chosen
        return list(chosen)

    def read_context(self, span: Span, doc: Doc, model: ContextModel | None = None) -> dict[str, float]:
        """The context model's probability of each field for the role ``span`` (empty without a model
        or a known word around the role), likeliest first."""
        model = model or self.context_model
        return model.proba_features(_context_words(span, doc)) if model is not None else {}

    def context_extra(self, context: dict[str, float]) -> list[str]:
        """The fields the context makes candidates."""
        return [fid for fid, p in list(context.items())[: self.context_candidates] if p >= self.context_candidate]

    def _modifiers_named(self, span: Span, head: Token, doc: Doc) -> list[str]:
        """The fields the role's words other than its head name."""
        return self._named(doc[span.start:head.i].text + " " + doc[head.i + 1:span.end].text)

    def structural_fields(self, span: Span, head: Token, named: list[str]) -> list[str] | None:
        """The fields the role's structure decides, which no weighing of evidence may change
        (founders, "-mongers", "HR folks"), else None. ``named``: :meth:`_modifiers_named`."""
        if self._is_founder(span, head):
            return list(dict.fromkeys(["entrepreneurship"] + named))[: self.max_fields]
        if singular(head.lower_).endswith("monger") and len(head) > 8:
            # "fishmongers", "ironmongers", "cheesemongers": a -monger sells the thing named (O*NET
            # lists a cheese monger among cheese makers)
            return list(dict.fromkeys(["retail"] + named))[: self.max_fields]
        if head.lower_ in self.informal_people and named:
            return named[: self.max_fields]  # "HR folks", "wet lab folks"
        return None

    def _occupation_and_fields(self, span: Span, head: Token, doc: Doc, named: list[str]
                               ) -> tuple[Occupation | None, list[str]]:
        """The rules' occupation and fields of a role :meth:`structural_fields` leaves open."""
        book = self.data.occupations
        text = self._role_text(span, head)
        match = book.find(text, tuple(named), tuple(self._named(text)))
        if match.evidence == "neighbours":
            function = self._function_fields(span, head)
            if function and not set(function) & set(book.fields_of(match.occupation.code)):
                # "heads of revenue operations": the function after "of" is known (revenue operations
                # managers: sales) and the nearest titles' guess by letters ("revenue agents": tax
                # examiners) disagrees with it; the function decides and the occupation is unknown.
                match = TitleMatch(None, "", "")
        phrase = self._phrase_over(match)
        if match.occupation is None:
            # (not an owner's "owner: entrepreneurship": the business they run comes first)
            listed = [] if singular(head.lower_) in self.entrepreneur_heads else list(book.listed_fields(text))
            function = self._function_fields(span, head)
            found = phrase + function + listed + self._fields_by_words(span, head, doc, match, named)
            owner = singular(head.lower_) in self.entrepreneur_heads  # the business they run decides
            if not phrase and not function and not listed and match.evidence != "title" and not owner:
                field, p = book.field_guess(text)
                if field and p >= self.guess_first:
                    found = [field] + found
                elif field and p >= self.guess_add and not found:
                    found = [field]
                elif field and p >= self.guess_second and field not in found:
                    found = found[:1] + [field] + found[1:]  # a second opinion: second
            if not found and match.evidence == "title":
                # A known title whose occupations agree on no field by half ("development directors":
                # fundraising, marketing, …): the field a third of its listings share, if one does.
                found = list(book.field_vote(book.listings(match.title), threshold=1 / 3)[:1])
            if not found:
                field, _ = book.field_guess(text)  # never no field: the model's best guess
                found = [field] if field else []
            return None, list(dict.fromkeys(found))[: self.max_fields]
        listed_title, listed = book.listed_title(text)
        if len(listed_title) > len(match.title):
            found = list(listed)  # "angel investors": a listed title longer than O*NET's "investor"
        else:
            found = list(book.fields_for(match))
        if sum(book.listings(match.title).values()) <= 2:
            # A slight O*NET listing (one source) yields to the field words of the title itself:
            # "builders" (a production job once) build houses, "practice managers" run clinics.
            own = self.phrases.get(match.title) if " " in match.title else self.fields.fields_in(match.title)
            if own and not set(own) & set(found):
                found = own + found
        if found == [_GENERAL_MANAGEMENT] and named:
            found = named + found  # "hotel GMs", "charity CEOs": the business they run
        else:
            found += named
        if match.evidence == "" and match.start > 0 and not phrase and len(found) < self.max_fields:
            # The words before the title may make it another occupation than the title alone
            # ("data stewards", "premium auditors", "outplacement counselors"): when the learned
            # model reads the whole role as a field it neither gives the title alone nor the
            # occupation has, that field comes second (the occupation still decides the first).
            field, p = book.field_guess(text)
            if field and p >= self.guess_second and field not in found and book.field_guess(match.title)[0] != field:
                found = found[:1] + [field] + found[1:]
        if match.evidence == "" and not phrase and match.title not in book.title_fields \
                and sum(book.listings(match.title).values()) <= self.slight_listing \
                and (match.start > 0 or len(match.title.split()) == 1):
            # A slight O*NET listing (one to three sources) of a title word O*NET knows in another
            # sense ("legal interns": physicians' interns; "cellar hands", "oncology nurse
            # navigators") yields to the learned model's confident reading of the whole role; so
            # does a one-word title alone ("drummers": a textile job in O*NET, musicians in the
            # labelled roles the model learned from; "doulas": personal care, not healthcare).
            field, p = book.field_guess(text)
            if field and p >= self.guess_slight and field not in book.fields_for(match):
                found = [field] + [f for f in named if f != field] + [f for f in found if f != field and f not in named]
        if match.evidence == "neighbours" and not phrase:
            field, p = book.field_guess(text)
            if field and p >= self.guess_override and field not in found:
                found = [field] + found  # "site labourers": construction, not the farm labourers nearest
        return match.occupation, list(dict.fromkeys(phrase + found))[: self.max_fields]

    def evidence(self, span: Span, head: Token, doc: Doc, rules: list[str]) -> dict:
        """What each source says of the role's field, for :mod:`coach.field_combiner`: the rules'
        answer ``rules``, the matched occupation's fields and how it matched, the learned model's
        probabilities for the whole role and for the matched title alone, and the fields named by
        the role's modifiers, head noun, whole title, a field phrase, a function after "of", the
        head's BLS category; ``candidates`` is every field any of them names."""
        book = self.data.occupations
        fields = self.fields
        text = self._role_text(span, head)
        named = self._modifiers_named(span, head, doc)
        match = book.find(text, tuple(named), tuple(self._named(text)))
        function = self._function_fields(span, head)
        if match.evidence == "neighbours" and function \
                and not set(function) & set(book.fields_of(match.occupation.code)):
            match = TitleMatch(None, "", "")
        phrase = self._phrase_over(match)
        kind = "none" if match.occupation is None and not match.evidence else match.evidence
        occupation_fields = list(book.fields_for(match)) if match.occupation is not None else []
        listed_title, listed = book.listed_title(text)
        model = book.field_model
        ranked = dict(model.predict(book.field_key(text), 5)) if model else {}
        title_ranked = dict(model.predict(match.title, 5)) if model and match.title else {}
        head_word = (self.heads.corrected_head(head.lower_) if self.heads.fuzzy else None) or head.text
        head_word = book.expand(singular(head_word.lower()))
        if not fields.fields_in(head_word) and not fields.field_of_head(head_word):
            head_word = us_spelling(head_word)
        ev = {
            "kind": kind, "rules": list(rules), "occupation_fields": occupation_fields,
            "confidence": match.occupation.confidence if match.occupation else 0.0,
            "slight": bool(match.occupation) and sum(book.listings(match.title).values()) <= self.slight_listing,
            "listed": list(listed) if len(listed_title) > len(match.title) or match.occupation is None else [],
            "match_fields": list(match.fields), "model": ranked,
            "model_top": next(iter(ranked), ""), "title_model": title_ranked,
            "named": named, "head_words": fields.fields_in(head_word),
            "title_words": fields.fields_in(book.expand(normalize_title(span.text))),
            "phrase": phrase, "function": function, "bls": fields.field_of_head(head_word) or "",
            "sentence": list(rules) if self._read_sentence else [],
            "founder": singular(head.lower_) in self.entrepreneur_heads,
        }
        if match.evidence in ("title", "classifier"):
            ev["occupation_fields"] = list(match.fields)
        ev["candidates"] = list(dict.fromkeys(
            rules + ev["occupation_fields"] + ev["listed"] + list(ranked)[:3] + named + ev["head_words"]
            + ev["title_words"] + phrase + function + ([ev["bls"]] if ev["bls"] else [])))
        return ev

    def _role_text(self, span: Span, head: Token) -> str:
        """The role's words as titles are looked up: a clipped head the head finder read as a
        title word is written in full ("camera ops" -> "camera operators")."""
        full = self.heads.clipped_head(head)
        if full and span.end == head.i + 1:
            return span.doc[span.start:head.i].text + " " + full
        return span.text

    def _named(self, text: str) -> list[str]:
        """Fields a text names, as written and in formal words ("hospo" -> hospitality), the most
        telling first: a longer phrase before a word, a word of one field before a word many
        fields list ("home health agency": healthcare before the agencies of marketing, media and
        government)."""
        key = normalize_title(text)
        key = self._respelled(key)  # "goverment affairs directors"
        scores: dict[str, float] = {}
        for form in dict.fromkeys((key, self.data.occupations.expand(key))):
            words = form.split()
            k = 0
            while k < len(words):
                for n in range(min(4, len(words) - k), 0, -1):
                    fields = self.vocabulary.get(" ".join(words[k:k + n]))
                    if fields:
                        for fid in fields:
                            scores[fid] = max(scores.get(fid, 0.0), n + 1 / len(fields))
                        break
                k += 1
        return sorted(scores, key=lambda f: (-scores[f], self.order[f]))

    def _respelled(self, key: str) -> str:
        """``key`` with each unknown word one slip from a field word written as that word
        ("goverment affairs" -> "government affairs")."""
        cached = self._respellings.get(key)
        if cached is not None:
            return cached
        words = key.split()
        known = self.data.known_words
        for k, word in enumerate(words):
            if len(word) < 5 or not word.isalpha() or word in self.field_words or word in known:
                continue
            fixes = {w for w in _one_edit(word) if w in self.field_words and w[0] == word[0]}
            if len(fixes) == 1:
                words[k] = fixes.pop()
        if len(self._respellings) > 20000:
            self._respellings.clear()
        self._respellings[key] = " ".join(words)
        return self._respellings[key]

    def _phrase_over(self, match: TitleMatch) -> list[str]:
        """Fields of a field phrase that runs from the modifiers into the matched title ("economic
        development officers", "wind farm managers", "sole traders") and so names more of the
        role than the title alone."""
        if not match.title or not match.start:
            return []
        words = match.modifiers.split()[: match.start] + match.title.split()
        start = match.start
        for begin in range(max(0, start - 3), start):
            for end in range(len(words), start, -1):
                fields = self.phrases.get(" ".join(words[begin:end]))
                if fields:
                    return list(fields)
        return []

    def _function_fields(self, span: Span, head: Token) -> list[str]:
        """"heads of product", "VPs of growth": a rank over a function is in the field of the
        function's managers ("product managers": technology)."""
        of = next((t.i for t in span if t.i > head.i and t.lower_ == "of"), None)
        if of is None or of + 1 >= span.end:
            return []
        after = span.doc[of + 1:span.end]
        if any(t.pos_ == "DET" for t in after) or singular(after[-1].lower_) in self.org_words:
            return []  # "directors of a nonprofit agency", "owners of engineering firms": the business
        function = after.text.lower()
        for managers in dict.fromkeys((f"{function} manager", f"{normalize_title(function)} manager")):
            found = list(self.data.occupations.listed_fields(managers)) or self.fields.fields_in(managers)
            if found:
                return found
        return []

    def _is_founder(self, span: Span, head: Token) -> bool:
        low = singular(head.lower_)
        if low.endswith("preneur"):
            return True  # any "-preneur" coinage ("micropreneurs", "edupreneurs") is an entrepreneur
        return low in self.founder_heads or f"{span[0].lower_} {low}" in self.founder_heads

    def _fields_by_words(self, span: Span, head: Token, doc: Doc, match: TitleMatch, named: list[str]) -> list[str]:
        """Fields from the evidence and the role's words when no occupation is known."""
        fields = self.fields
        book = self.data.occupations
        low = singular(head.lower_)
        head_word = (self.heads.corrected_head(head.lower_) if self.heads.fuzzy else None) or head.text
        head_word = book.expand(singular(head_word.lower()))
        if not fields.fields_in(head_word) and not fields.field_of_head(head_word):
            head_word = us_spelling(head_word)  # "labourers" are laborers
        listed = list(match.fields) if match.evidence == "title" else []
        voted = list(match.fields) if match.evidence == "classifier" else []
        if low in self.entrepreneur_heads:  # owners: the business they run, then running one
            found = named + [f for f in listed if f != "entrepreneurship"] + ["entrepreneurship"]
        else:
            own = fields.fields_in(head_word)
            if len(own) > 1 and set(own) & set(named):
                own = [f for f in own if f in named]  # "P&C agents": insurance, not real estate
            title = fields.fields_in(book.expand(normalize_title(span.text)))
            # The fields the role's other words name ("FP&A directors", "NGO managers", "venture
            # partners") before the nearest titles' middling field vote: those titles match the
            # role's letters, not what it says (real dev unchanged; tuning rows +7, held-back -2).
            found = listed + own + [f for f in title if f not in named] + named + voted
        if not found and low not in book.rank_words and singular(head_word) not in book.rank_words:
            bls = fields.field_of_head(head_word)
            found = [bls] if bls else []
        if not found:
            # Nothing in the title: the sentence's industry words ("… in the restaurant trade").
            # (Other roles' words count too: "the cashier or a manager" are in retail; masking
            # them lost more roles of the real train split than it mended.)
            self._read_sentence = True
            sentence = sentence_of(doc, head.i).text
            found = fields.industries_in(sentence) or fields.fields_in(sentence)
        return list(dict.fromkeys(found))[: self.max_fields]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """Every string one slip from ``word``: two letters swapped, one dropped, changed or added."""
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    return ({a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + b[1:] for a, b in splits if b}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | {a + c + b for a, b in splits for c in _LETTERS})


def _context_words(span: Span, doc: Doc) -> Counter:
    """The context model's features of the words of the role's sentence around ``span``."""
    return context_features(*sentence_around(text_of(doc), span.start_char, span.end_char))
