"""The library API: ``coach.load()`` returns a :class:`Coach` whose ``check`` grades objectives.

>>> import coach
>>> c = coach.load()                                        # doctest: +SKIP
>>> c.check("Getting new business").grade                   # doctest: +SKIP
'vague'
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import operator
import os
import pickle
import signal
import sys
from concurrent.futures import ThreadPoolExecutor
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import paths
from .features import doc_features
from .grader import Grader, load_grader
from .components._sentences import text_of
from .inputs import InputError, check_text
from .lexicon import load_data
from .nlp import add_components, base_pipeline
from .occupations import Occupation
from .shared_switch import SharedSwitch
from .rubric import GRADES, Evidence, Feedback, decided_grade, reasons, suggestion, sure_need_from_people
from .surface import plain_form
from .venues import Venue, VenueBook


@dataclass(frozen=True)
class Role:
    """A kind of person in the objective; ``target`` is False for the writer's own role and mentions."""

    text: str
    start: int
    end: int
    fields: list[str]
    target: bool
    relation: str = "target"
    occupation: Occupation | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Qualifier:
    """Something concrete that narrows the people to meet, with its ``kind``."""

    text: str
    start: int
    end: int
    kind: str
    place: str | None = None
    tool: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class CheckResult:
    """Everything the coach says about one objective. ``to_dict()`` gives the JSON object."""

    text: str
    grade: str | None
    probabilities: dict[str, float]
    roles: list[Role] = field(default_factory=list)
    qualifiers: list[Qualifier] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    measurable: list[str] = field(default_factory=list)
    time_bound: list[str] = field(default_factory=list)
    venues: list[Venue] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    suggestion: str = ""
    error: str | None = None

    @property
    def fields(self) -> list[str]:
        """Fields of the target roles, in order of appearance."""
        return list(dict.fromkeys(f for r in self.roles if r.target for f in r.fields))

    def to_dict(self) -> dict:
        data = {
            "text": self.text,
            "grade": self.grade,
            "probabilities": self.probabilities,
            "roles": [r.to_dict() for r in self.roles],
            "qualifiers": [q.to_dict() for q in self.qualifiers],
            "needs": self.needs,
            "measurable": self.measurable,
            "time_bound": self.time_bound,
            "venues": [v.to_dict() for v in self.venues],
            "feedback": [f.to_dict() for f in self.feedback],
            "suggestion": self.suggestion,
        }
        if self.error is not None:
            data["error"] = self.error
        return data


class Coach:
    """Grades objectives, finds who can help and where they gather.

    Build it with :func:`load`; reuse one instance (loading the pipeline is the slow part).
    Results of the last ``cache_size`` distinct texts are kept: a room repeats itself (examples
    copied from the slide, duplicate submissions), and a repeat then costs no parsing.

    Every result handed out is the caller's own: the cache keeps results serialized and each
    ``check``/``check_many`` result is a fresh object, so changing one (annotating it, editing
    its lists) never changes a later result.
    """

    def __init__(self, nlp: Language, grader: Grader, venues: VenueBook, batch_size: int = 256,
                 cache_size: int = 4096):
        self.nlp = nlp
        self.grader = grader
        self.venues = venues
        self.batch_size = batch_size
        self.fields = load_data().fields
        self.cache_size = cache_size
        self._cache: OrderedDict[str, bytes] = OrderedDict()

    @property
    def occupations(self):
        """The O*NET occupation book the pipeline's role component reads."""
        return self.nlp.get_pipe("coach_roles").data.occupations

    def clear_cache(self) -> None:
        """Forget cached results and what the components remember per word or role (benchmarks
        use it to measure parsing from a cold start, not the caches)."""
        self._cache.clear()
        for _, component in self.nlp.pipeline:
            forget = getattr(component, "forget", None)
            if callable(forget):
                forget()

    def check(self, text: str) -> CheckResult:
        """Grade one objective; raise :class:`~coach.inputs.InputError` on text it cannot grade."""
        clean = check_text(text)
        fresh: dict[str, CheckResult] = {}
        blob = self._graded([clean], fresh=fresh)[clean]
        return fresh.get(clean) or _thaw(blob)

    def check_many(self, texts: Iterable[str], errors: str = "raise", n_process: int = 1) -> Iterator[CheckResult]:
        """Grade objectives lazily, in input order, parsing them in batches through ``nlp.pipe``.

        ``errors="raise"`` stops at the first text that cannot be graded; ``errors="keep"`` yields a
        result with ``grade=None`` and ``error`` set for it and goes on. ``n_process`` > 1 grades
        in that many worker processes (see :meth:`_graded_in_workers`); results and order are the
        same; -1 means one per core, as in spaCy.
        """
        if errors not in ("raise", "keep"):
            raise ValueError(f"errors: expected 'raise' or 'keep', got {errors!r}")
        if isinstance(n_process, bool):
            raise TypeError("n_process: expected a whole number of processes, got bool")
        try:
            n_process = operator.index(n_process)  # int, and NumPy's integers too
        except TypeError:
            raise TypeError(f"n_process: expected a whole number of processes, got {type(n_process).__name__}") from None
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(f"n_process: expected 1 or more processes (or -1: one per core), got {n_process}")
        if isinstance(texts, (str, bytes)):
            # A string is iterable too: it would be graded letter by letter.
            raise TypeError("check_many takes an iterable of texts; for one text use check()")
        # Checked here, at the call: the results below are a generator, which would report a
        # wrong argument only when first read.
        return self._checked_many(iter(texts), errors, n_process)

    def _checked_many(self, texts: Iterator, errors: str, n_process: int) -> Iterator[CheckResult]:
        chunks = self._cleaned_chunks(texts, errors, self.batch_size * 4)
        # Forking a loaded process is safe on Linux; elsewhere (macOS system libraries, Windows)
        # spaCy's own worker processes parse and this process does the rest.
        if n_process > 1 and sys.platform.startswith("linux"):
            graded_chunks = self._graded_in_workers(chunks, n_process)
        else:
            graded_chunks = self._graded_chunks(chunks, n_process)
        for chunk, cleaned, graded, fresh in graded_chunks:
            for original, c in zip(chunk, cleaned):
                if isinstance(c, InputError):
                    if errors == "raise":
                        raise c
                    shown = original if isinstance(original, str) else repr(original)
                    yield CheckResult(text=shown[:200], grade=None, probabilities={}, error=str(c))
                else:
                    # a fresh object each time: callers may change it. A result just made is handed
                    # out itself the first time (it shares nothing with the cache, which keeps bytes).
                    result = fresh.pop(c, None)
                    yield result if result is not None else _thaw(graded[c])

    def _graded_chunks(self, chunks: Iterator[tuple[list, list]], n_process: int
                       ) -> Iterator[tuple[list, list, dict[str, bytes], dict[str, CheckResult]]]:
        """(chunk, clean forms, serialized results, the results made for it) a chunk at a time."""
        for chunk, cleaned in chunks:
            fresh: dict[str, CheckResult] = {}
            yield chunk, cleaned, self._graded([c for c in cleaned if isinstance(c, str)], n_process, fresh), fresh

    @staticmethod
    def _cleaned_chunks(iterator: Iterator, errors: str, size: int) -> Iterator[tuple[list, list]]:
        """(input texts, their clean forms or :class:`InputError`) a chunk at a time; with
        ``errors="raise"`` a chunk ends at its first bad text, so nothing after it is graded."""
        while chunk := list(itertools.islice(iterator, size)):
            cleaned: list[str | InputError] = []
            for text in chunk:
                try:
                    cleaned.append(check_text(text))
                except InputError as err:
                    cleaned.append(err)
                    if errors == "raise":
                        chunk = chunk[:len(cleaned)]
                        break
            yield chunk, cleaned
            if errors == "raise" and cleaned and isinstance(cleaned[-1], InputError):
                return

    def _graded_in_workers(self, chunks: Iterator[tuple[list, list]], n_process: int
                           ) -> Iterator[tuple[list, list, dict[str, bytes], dict[str, CheckResult]]]:
        """Grade chunks in ``n_process`` forked workers, each with this coach already loaded (fork
        shares it: nothing is loaded again, nothing heavy is pickled). A worker gets a list of
        texts and sends back their serialized results, the bytes the cache keeps anyway; the
        main process only cleans, caches and hands out. A few chunks are in flight at a time, so a
        long input is read as it is graded, never all at once."""
        global _FORKED_COACH
        _FORKED_COACH = self
        # Objects that exist before the fork are left out of garbage collection in the workers,
        # so collecting does not write to (and so copy) the pages they share with this process.
        # (Objects frozen before, as :func:`load` freezes the coach's own, stay frozen.)
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            pool = multiprocessing.get_context("fork").Pool(n_process, initializer=_worker_signals)
        finally:
            if not frozen_before:
                gc.unfreeze()
        pending: deque = deque()
        finished = False
        try:
            for (chunk, cleaned), last in _with_last(chunks):
                todo = list(dict.fromkeys(c for c in cleaned if isinstance(c, str) and c not in self._cache))
                # A chunk is one task per worker; the last chunk is cut finer, so that no worker
                # idles at the end while another finishes a large task (the pool hands tasks out
                # as workers come free).
                parts = n_process * (_LAST_CHUNK_TASKS_PER_WORKER if last else 1)
                step = max(1, -(-len(todo) // parts))
                tasks = [pool.apply_async(_grade_in_worker, (todo[k:k + step],)) for k in range(0, len(todo), step)]
                pending.append((chunk, cleaned, todo, tasks))
                if len(pending) > 2:
                    yield self._collected(*pending.popleft())
            while pending:
                yield self._collected(*pending.popleft())
            finished = True
        finally:
            _FORKED_COACH = None
            if finished:
                pool.close()  # the workers finish what they hold and leave
            else:
                pool.terminate()  # stopped early: the workers die at once (see _worker_signals)
            pool.join()

    def _collected(self, chunk: list, cleaned: list, todo: list[str], tasks: list
                   ) -> tuple[list, list, dict[str, bytes], dict[str, CheckResult]]:
        """A chunk's results: the workers' for the texts sent, the cache's for the others (parsed
        here only if the cache dropped one since the chunk was sent); and the workers' results
        unpickled, to be handed out first."""
        graded = dict(zip(todo, (blob for task in tasks for blob in task.get())))
        self._remember(graded)
        # Unpickled together with the collector paused: each result is a few dozen objects,
        # and collections set off one result at a time cost as much as the unpickling.
        with _collector_paused():
            fresh = {text: _thaw(blob) for text, blob in graded.items()}
        graded.update(self._graded([c for c in cleaned if isinstance(c, str) and c not in graded]))
        return chunk, cleaned, graded, fresh

    def _remember(self, results: dict[str, bytes]) -> None:
        for text, blob in results.items():
            self._cache[text] = blob
            self._cache.move_to_end(text)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _graded(self, texts: list[str], n_process: int = 1, fresh: dict[str, CheckResult] | None = None
                ) -> dict[str, bytes]:
        """Serialized results for clean texts: from the cache, else parsed once per distinct text
        (``fresh``, if given, also gets the results made, as objects)."""
        found = {t: self._cache[t] for t in texts if t in self._cache}
        todo = list(dict.fromkeys(t for t in texts if t not in found))
        if todo:
            with _collector_paused():
                # (the chunk's Docs are freed when this call returns, before the collector is back)
                self._graded_new(todo, found, fresh, n_process)
        self._remember({text: found[text] for text in texts})
        return found

    def _graded_new(self, todo: list[str], found: dict[str, bytes], fresh: dict[str, CheckResult] | None,
                    n_process: int) -> None:
        """Parse and grade texts the cache lacks, into ``found`` (and ``fresh``; see :meth:`_graded`)."""
        forms = [parsed_form(t) for t in todo]
        docs = list(self.nlp.pipe([form for form, _ in forms], batch_size=self.batch_size, n_process=n_process))
        evidences = [Evidence.from_doc(d, self.fields) for d in docs]
        probabilities = self.grader.predict_proba([doc_features(d, ev) for d, ev in zip(docs, evidences)])
        for text, (_, where), doc, ev, probs in zip(todo, forms, docs, evidences, probabilities):
            result = self._result(text, doc, ev, probs, where)
            found[text] = _freeze(result)
            if fresh is not None:
                fresh[text] = result

    def _result(self, text: str, doc: Doc, ev: Evidence, probs: dict[str, float],
                where: list[int] | None = None) -> CheckResult:
        """The result for ``text`` from its parse ``doc``; ``where`` maps the parsed form's
        characters to ``text``'s (None: the same), so every span is quoted as written."""
        def at(span) -> tuple[str, int, int]:
            start, end = span.start_char, span.end_char
            if where is not None:
                start, end = (where[start], where[end - 1] + 1) if end > start else (where[start],) * 2
            return text[start:end], start, end

        grade = decided_grade(probs, sure_need_from_people(ev))
        roles = [Role(*at(r), list(x.coach_fields), x.coach_relation == "target", x.coach_relation,
                      Occupation(**x.coach_occupation) if x.coach_occupation else None)
                 for r in doc.spans["coach_roles"] for x in (r._,)]  # (one accessor object per span)
        target_fields = list(dict.fromkeys(f for r in roles if r.target for f in r.fields))
        topic_fields = target_fields or list(dict.fromkeys(ev.field_words))
        qualifiers = [Qualifier(*at(q), q._.coach_kind,
                                _original(text, text_of(doc), q._.coach_place, where), q._.coach_tool)
                      for q in ev.qualifiers]
        # The who drives the where: venues for these roles (their occupations and titles), the
        # industry and tools the qualifiers name, and the qualifiers' named place.
        venues = self.venues.for_objective(text, roles, qualifiers, topic_fields)
        field = self.fields.fields[topic_fields[0]] if topic_fields else None
        own = next((r.occupation for r in roles if r.relation == "own" and r.occupation), None)
        partners = tuple(self.occupations.partner_titles(own.code)) if own else ()
        return CheckResult(
            text=text,
            grade=grade,
            probabilities={g: round(probs[g], 4) for g in GRADES},
            roles=roles,
            qualifiers=qualifiers,
            needs=[at(n)[0] for n in ev.needs],
            measurable=[at(m)[0] for m in ev.measurable],
            time_bound=[at(t)[0] for t in ev.time_bound],
            venues=venues,
            feedback=reasons(ev),
            suggestion=suggestion(ev, grade, field.label if field else None,
                                  field.example_roles if field else (), partners),
        )


def parse_form(text: str) -> str:
    """The text as the parser should see it (see :func:`parsed_form`).

    >>> parse_form("MEET CFOS IN AKRON"), parse_form("Meet CFOs  in <b>Akron</b>")
    ('Meet cfos in akron', 'Meet CFOs in Akron')
    """
    return parsed_form(text)[0]


def parsed_form(text: str) -> tuple[str, list[int] | None]:
    """The text as the parser should see it, and where each of its characters is in ``text``
    (None: the same text): markup, emoji and invisible characters out and runs of spaces made one
    (:func:`coach.surface.plain_form`), and an objective written in capitals ("MEET CFOS IN
    AKRON") in lower case, which the tagger reads far better."""
    text, where = plain_form(text)
    return _lowered_if_shouted(text), where


def _lowered_if_shouted(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered[:1].upper() + lowered[1:]


def _original(text: str, parsed: str, value: str | None, where: list[int] | None = None) -> str | None:
    """A value found in the parsed form, as the writer wrote it (``where`` as in :meth:`Coach._result`)."""
    if value is None or text == parsed:
        return value
    at = parsed.find(value)
    if at < 0 or not value:
        return value
    if where is None:
        return text[at:at + len(value)]
    return text[where[at]:where[at + len(value) - 1] + 1]


#: The coach a forked worker grades with (set in the parent just before the workers are forked).
_FORKED_COACH: Coach | None = None


#: Tasks per worker that the last chunk of ``check_many(..., n_process=N)`` is cut into.
_LAST_CHUNK_TASKS_PER_WORKER = 8


def _with_last(items: Iterator) -> Iterator[tuple[object, bool]]:
    """(item, whether it is the last) for each item, reading one item ahead."""
    iterator = iter(items)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


def _worker_signals() -> None:
    """A worker dies on SIGTERM (how the pool and a stopped run end it), never running Python
    clean-up that could wait on a lock the pool holds; Ctrl-C is the main process's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _grade_in_worker(texts: list[str]) -> list[bytes]:
    graded = _FORKED_COACH._graded(texts)
    return [graded[t] for t in texts]


def _pause_collector() -> Callable[[], None]:
    was_enabled = gc.isenabled()
    gc.disable()
    return gc.enable if was_enabled else (lambda: None)


_collector_switch = SharedSwitch(_pause_collector)


def _collector_paused():
    """Python's cyclic garbage collector off while a chunk of texts is graded, back as it was
    when the last chunk graded at the same time (in any thread) is done.

    Grading a chunk keeps its Docs, evidence and results alive together (some hundred thousand
    container objects for 1,024 texts), and every full collection that the chunk's allocations
    set off walks all of them: five per 3,000 distinct objectives, about 60 ms each, 0.1 ms per
    objective, plus 0.06 ms of younger collections, all finding next to nothing (what a chunk
    leaves is freed by reference counting). Unreachable cycles made meanwhile wait for the next
    collection after the chunk. The collector is process-wide, so the pauses are counted under a
    lock: only the first chunk in switches it off and only the last one out restores it.
    """
    return _collector_switch.held()


def _freeze(result: CheckResult) -> bytes:
    # Serialized, a cached result cannot be reached by callers; unpickling it (tens of
    # microseconds) makes a deep copy that shares nothing with the cache or other callers.
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _thaw(blob: bytes) -> CheckResult:
    return pickle.loads(blob)  # only bytes this process pickled itself


def load(model_dir: Path | str | None = None, base: str | None = None,
         venues_file: Path | str | None = None) -> Coach:
    """Load the coach: base spaCy pipeline + components, the trained grader, the venue book.

    ``model_dir`` defaults to ``models/grader``; ``base`` to the resolved base pipeline (see
    :mod:`coach.base_model`); ``venues_file`` merges a user's venues with the built-in ones.
    The objects that exist once it is loaded are frozen out of the cyclic garbage collector
    (``gc.freeze()``; see the comment below).
    """
    for name, value in (("model_dir", model_dir), ("venues_file", venues_file)):
        if value is not None and not isinstance(value, (str, os.PathLike)):
            raise TypeError(f"{name}: expected a path (str or pathlib.Path), got {type(value).__name__}")
    with ThreadPoolExecutor(max_workers=1) as loader:
        # The coach's own data (grader, venues, word lists, O*NET titles) is read while spaCy
        # loads the base pipeline: much of both is file reading and decompression, which lets the
        # other thread run, so a cold start waits for the longer of the two, not their sum.
        own_data = loader.submit(_own_data, model_dir, venues_file)
        nlp = base_pipeline(base)
        grader, venues = own_data.result()
    coach = Coach(add_components(nlp), grader, venues)
    # The loaded pipeline, word lists and title tables are some 110,000 container objects that
    # live as long as the process. Python's cyclic garbage collector re-scans every such object
    # on each full collection, which grading triggers every few hundred objectives (about 0.1 ms
    # per objective); frozen, they are left out of it. (Freezing is process-wide: what else
    # exists now is left out too. Non-cyclic objects are still freed as usual.)
    gc.freeze()
    return coach


def _own_data(model_dir: Path | str | None, venues_file: Path | str | None) -> tuple[Grader, VenueBook]:
    grader = load_grader(Path(model_dir) if model_dir else paths.GRADER_DIR)
    venues = VenueBook.load(extra=Path(venues_file) if venues_file else None)
    load_data().title_endings  # noqa: B018  (the O*NET titles and the table the role heads need, now)
    return grader, venues
