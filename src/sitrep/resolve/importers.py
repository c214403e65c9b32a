"""Import public name lists into the knowledge base (the store, never the packaged registry).

Formats:

* ``ofac``: the OFAC SDN list in its legacy CSV form, ``sdn.csv`` (uid, name,
  type, programs, ...) with ``alt.csv`` beside it (a.k.a. / f.k.a. / n.k.a.
  names). The "a.k.a." names in the remarks column are OFAC's weak aliases
  (nicknames such as "Abu Yahya"); they are not imported, since they would
  link unrelated people.
* ``un``: the UN Security Council consolidated list (XML): individuals and
  entities with their aliases; individuals' "Low" quality aliases are skipped
  for the same reason.
* ``phoenix``: a Phoenix / PETRARCH actor dictionary (``Phoenix.*.actors.txt``
  or a user's own in that format): a primary name with an optional
  ``[CODE]``, ``+`` synonyms, and indented ``[CODE date-range]`` lines.

Every name becomes an alias with its provenance (``import:ofac:<uid>``,
``import:un:<reference number>``, ``import:phoenix:<file>:<line>``). A record
whose own name has the name key of an existing entity of a compatible type
(person with person, group or organisation with either) adds its aliases to
that entity (e.g. OFAC "KATA'IB HIZBALLAH" joins the registry's
``kataib_hezbollah``); so does a record whose name is new but two of whose
aliases name one entity ("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS
FORCE"). Otherwise it becomes an entity with origin ``import``, its id a slug
of its name. When several entities qualify and none is the one curated entry,
nothing is guessed. Records of one sanctions list are distinct designations,
so a record never joins an entity another record of the same list holds;
dictionary entries are only names, so they do. Vessels, aircraft and countries
are skipped. Importing the same file again adds nothing.

Types: individuals are PERSON; entities are ARMED_GROUP when they are military
units or stand on a terrorism list (OFAC SDGT/FTO, the UN ISIL/Al-Qaida list)
without a company or charity designator in their name, else ORGANIZATION.
Phoenix codes decide there: a dated tenure or an elite code makes a PERSON, a
military, rebel, insurgent or militarized-group role an ARMED_GROUP, a code
without any role (a country) is skipped. Phoenix lists a group's leaders among
its synonyms at times ("HEZBOLLAH" + "HASSAN NASRALLAH"); they are imported as
the dictionary gives them.

A file that cannot be read as the format raises ``ImportFormatError`` naming
the file, the line and the reason, and nothing is imported; a record that is
merely odd (a repeated uid, an alias of an unknown uid) is skipped and listed
in ``ImportReport.problems``.
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.resolve.linker import add_alias
from sitrep.resolve.normalize import basic_fold, name_key
from sitrep.store.schema import AliasRow, EntityRow

GROUP_TYPES = ("ARMED_GROUP", "ORGANIZATION")
OFAC_TERROR_PROGRAMS = {"SDGT", "FTO"}
UN_TERROR_LISTS = {"Al-Qaida"}
MAX_ID_LENGTH = 64
CORROBORATING_ALIASES = 2

# Words (on basic_fold text) that make an entity a military unit or armed group.
_MILITARY_UNIT = re.compile(
    r"\b(?:army|armed forces|brigades?|battalions?|regiments?|militias?|guards? corps|air force|navy|"
    r"naval forces|special forces|qods force|quds force|national guard|republican guard|kataib|katibat|"
    r"liwa|jaysh|jaish|saraya|faylaq|(?:\d+(?:st|nd|rd|th)|armou?red|infantry|mechani[sz]ed) division)\b")
# Company and charity designators: such a record is an organisation even on a terrorism program.
_BUSINESS = re.compile(
    r"\b(?:ltd|limited|llc|inc|gmbh|co|company|corp|corporation|s a|sarl|sal|plc|pvt|pte|bank|exchange|"
    r"trading|foundation|charity|charitable|establishment|enterprises?|holdings?|industries|shipping|"
    r"airlines?|investments?|group of companies)\b")
_LOWER_WORDS = {"of", "the", "and", "in", "for", "on", "at", "to", "de", "del", "la", "le", "du", "des", "y",
                "al", "el", "bin", "ibn", "bint", "fi", "wa"}
_INITIALISM = re.compile(r"^(?:[A-Z]\.)+[A-Z]?$")
_TRAILING_ACRONYM = re.compile(r"^(?P<bare>.+?)\s*\((?P<acronym>[A-Z][A-Z0-9.\-]{1,11})\)$")


class ImportFormatError(ValueError):
    """The file cannot be read as the named format; the message names the file, the line and the reason."""


@dataclass
class Record:
    """One list entry, ready to import."""

    uid: str
    type: str | None  # PERSON, ARMED_GROUP, ORGANIZATION; None: a kind the knowledge base does not hold
    names: list[str]  # the entry's own name forms, the display name first; they match existing entities
    aliases: list[str] = field(default_factory=list)
    note: str = ""  # where it comes from, kept as the new entity's description


@dataclass(frozen=True)
class Problem:
    where: str  # file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportReport:
    added_entities: int = 0
    added_aliases: int = 0
    linked_to_existing: int = 0  # records whose names joined an entity they did not create
    already_imported: int = 0  # records found by their provenance (a re-run)
    skipped: int = 0  # vessels, aircraft, countries, entries without a code, and the problems
    problems: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- names

def unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in (" ".join(n.split()) for n in names) if n))


def _keeps_capitals(word: str, person: bool) -> bool:
    """Acronyms, initialisms and codes ("(RSM)", "U.N.", "LTD", "4TH"); in group names two-letter words ("US")."""
    return (bool(re.fullmatch(r"\(\S+\)", word)) or bool(_INITIALISM.match(word))
            or not re.search(r"[AEIOUY]", word) or bool(re.search(r"\d", word))
            or (not person and len(word) == 2 and word.lower() not in _LOWER_WORDS))


def _capitalise(part: str) -> str:
    """"KATA'IB" -> "Kata'ib", "(HONG" -> "(Hong": the first letter up, the rest down."""
    return re.sub(r"[^\W\d_]", lambda m: m.group().upper(), part.lower(), count=1)


def _fold_word(word: str, first: bool) -> str:
    """An all-caps word in title case; a particle inside a name in lower case ("al-Zomor")."""
    parts = [_capitalise(p) for p in re.split(r"([-/])", word)]
    if not first and parts[0].lower() in _LOWER_WORDS:
        parts[0] = parts[0].lower()
    return "".join(parts)


def _fold_words(words: list[str], person: bool) -> str:
    return " ".join(w if any(ch.islower() for ch in w) or _keeps_capitals(w, person) else _fold_word(w, i == 0)
                    for i, w in enumerate(words))


def display_name(name: str) -> str:
    """All-caps names (as sanctions lists write them) in title case; other names unchanged."""
    return name if any(ch.islower() for ch in name) else _fold_words(name.split(), person=False)


def person_display(name: str) -> str:
    """"SURNAME, Given, Jr." -> "Given Surname Jr." (the order reporting uses), all-caps words title-cased."""
    if ", " in name:
        surname, rest = name.split(", ", 1)
        given, _, suffix = rest.partition(", ")
        name = " ".join(filter(None, [given, surname, suffix]))
    return _fold_words(name.split(), person=True)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isalnum()).upper()


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def trailing_acronym(name: str) -> tuple[str, str] | None:
    """("RAJAH SOLAIMAN MOVEMENT", "RSM") for "RAJAH SOLAIMAN MOVEMENT (RSM)".

    Only when the acronym's letters are initials of the name's words in order:
    "AERO CONTINENTE (USA)" holds a country, not an acronym.
    """
    match = _TRAILING_ACRONYM.match(name.strip())
    if not match:
        return None
    bare, acronym = match["bare"], match["acronym"]
    letters = re.sub(r"[^A-Z0-9]", "", acronym)
    initials = _initials(re.split(r"[\s\-]+", bare))
    if letters[:1] == initials[:1] and _is_subsequence(letters, initials):
        return bare, acronym
    return None


def group_names(name: str) -> tuple[list[str], list[str]]:
    """Own name forms of a group (display, original, without its acronym) and the acronym as an alias."""
    split = trailing_acronym(name)
    if split is None:
        return unique([display_name(name), name]), []
    bare, acronym = split
    return unique([display_name(name), name, display_name(bare), bare]), [acronym]


def person_names(name: str) -> list[str]:
    return unique([person_display(name), name])


def group_type(name: str, on_terror_list: bool) -> str:
    """ARMED_GROUP for military units and for non-business entries of a terrorism list, else ORGANIZATION."""
    folded = basic_fold(name)
    if _BUSINESS.search(folded):
        return "ORGANIZATION"
    if on_terror_list or _MILITARY_UNIT.search(folded):
        return "ARMED_GROUP"
    return "ORGANIZATION"


# ---------------------------------------------------------------- OFAC SDN (legacy CSV)

OFAC_SDN_COLUMNS = 12  # ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, ... Remarks
OFAC_ALT_COLUMNS = 5  # ent_num, alt_num, alt_type, alt_name, alt_remarks
OFAC_SKIPPED_TYPES = {"vessel", "aircraft"}


def _read_text(path: Path) -> str:
    """UTF-8 when it decodes, else Latin-1 (the legacy OFAC files)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _csv_rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells with OFAC's "-0-" null marker blanked) of each data row."""
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    for row in reader:
        cells = [c.strip() for c in row]
        if not any(cells) or cells == ["\x1a"]:  # blank lines, the DOS end-of-file mark
            continue
        if len(cells) != columns:
            raise ImportFormatError(f"{path}:{reader.line_num}: expected {columns} columns, found {len(cells)}")
        if not cells[0].isdigit():
            raise ImportFormatError(f"{path}:{reader.line_num}: the first column (uid) is not a number: "
                                    f"{cells[0][:40]!r}")
        yield reader.line_num, ["" if c == "-0-" else c for c in cells]


def ofac_programs(cell: str) -> list[str]:
    """"FTO] [SDGT] [IRAQ3" -> ["FTO", "SDGT", "IRAQ3"]."""
    return [p.strip() for p in re.split(r"\]\s*\[", cell.strip(" []")) if p.strip()]


def _ofac_record(cells: list[str]) -> Record:
    uid, name, kind, programs = cells[0], cells[1], cells[2].lower(), ofac_programs(cells[3])
    note = f"OFAC SDN {uid} ({', '.join(programs)})"
    if kind in OFAC_SKIPPED_TYPES:
        return Record(uid, None, [name], note=note)
    if kind == "individual":
        return Record(uid, "PERSON", person_names(name), note=note)
    names, aliases = group_names(name)
    return Record(uid, group_type(name, bool(OFAC_TERROR_PROGRAMS & set(programs))), names, aliases, note)


def read_ofac(path: Path) -> Iterator[Record | Problem]:
    """sdn.csv entries with the alt.csv names beside it."""
    records: dict[str, Record] = {}
    for line, cells in _csv_rows(path, OFAC_SDN_COLUMNS):
        if cells[0] in records:
            yield Problem(f"{path.name}:{line}", f"uid {cells[0]} is used twice; this entry is skipped")
        elif not cells[1]:
            yield Problem(f"{path.name}:{line}", f"uid {cells[0]} has no name; skipped")
        else:
            records[cells[0]] = _ofac_record(cells)
    alt = path.with_name("alt.csv")
    if alt.is_file():
        yield from _ofac_aliases(alt, records)
    else:
        yield Problem(path.name, "no alt.csv beside it: aliases not imported")
    yield from records.values()


def _ofac_aliases(path: Path, records: dict[str, Record]) -> Iterator[Problem]:
    for line, (uid, _, _, alias, _) in _csv_rows(path, OFAC_ALT_COLUMNS):
        record = records.get(uid)
        if record is None:
            yield Problem(f"{path.name}:{line}", f"alias of uid {uid}, which sdn.csv does not list")
        elif alias:
            record.aliases += person_names(alias) if record.type == "PERSON" else [alias]


# ---------------------------------------------------------------- UN consolidated list (XML)

UN_SKIPPED_QUALITY = "Low"
UN_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")  # entities use FIRST_NAME only


def _parse_xml(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.parse(str(path), parser).getroot()
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc}") from None
    except etree.XMLSyntaxError as exc:
        raise ImportFormatError(f"{path}:{exc.lineno}: not well-formed XML: {exc.msg}") from None


def _text(node: etree._Element, tag: str) -> str:
    return " ".join((node.findtext(tag) or "").split())


def _un_aliases(node: etree._Element, alias_tag: str) -> list[str]:
    return [_text(a, "ALIAS_NAME") for a in node.iter(alias_tag)
            if _text(a, "QUALITY") != UN_SKIPPED_QUALITY and _text(a, "ALIAS_NAME")]


def _un_record(node: etree._Element, path: Path) -> Record | Problem:
    where, reference = f"{path.name}:{node.sourceline}", _text(node, "REFERENCE_NUMBER")
    name = " ".join(filter(None, (_text(node, t) for t in UN_NAME_PARTS)))
    if not reference or not name:
        return Problem(where, f"{node.tag} without REFERENCE_NUMBER or name; skipped")
    list_type = _text(node, "UN_LIST_TYPE")
    note, original_script = f"UN {list_type} list {reference}", _text(node, "NAME_ORIGINAL_SCRIPT")
    if node.tag == "INDIVIDUAL":
        aliases = unique([*_un_aliases(node, "INDIVIDUAL_ALIAS"), original_script])
        return Record(reference, "PERSON", person_names(name), aliases, note)
    names, acronyms = group_names(name)
    aliases = unique([*acronyms, *_un_aliases(node, "ENTITY_ALIAS"), original_script])
    return Record(reference, group_type(name, list_type in UN_TERROR_LISTS), names, aliases, note)


def read_un(path: Path) -> Iterator[Record | Problem]:
    root = _parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ImportFormatError(f"{path}:{root.sourceline}: root element is <{root.tag}>, "
                                f"expected <CONSOLIDATED_LIST>")
    for node in root.iter("INDIVIDUAL", "ENTITY"):
        yield _un_record(node, path)


# ---------------------------------------------------------------- Phoenix / PETRARCH actor dictionaries

# CAMEO role and sector codes; an actor whose codes hold none of them is a country, region or territory.
PHOENIX_ROLES = {"COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
                 "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "MOD", "RAD", "REF", "SET",
                 "IGO", "IMG", "MNC", "NGM", "NGO", "UIS"}
PHOENIX_ARMED_ROLES = {"MIL", "REB", "INS", "SEP", "UAF", "IMG"}
PHOENIX_NULL_CODE = "---"  # "no code": the phrase is known but codes nothing
_PHOENIX_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class PhoenixCode:
    code: str
    dated: bool  # a date restriction marks a person's tenure

    @property
    def segments(self) -> list[str]:
        return [self.code[i:i + 3] for i in range(0, len(self.code), 3)]


@dataclass
class PhoenixEntry:
    line: int
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[PhoenixCode] = field(default_factory=list)


def primary_role(code: PhoenixCode) -> str | None:
    """The role the code gives: "SYRREBMUS" -> REB, "IGOUNOKID" -> IGO, "MED" -> MED, "FRAGUF" -> None."""
    return next((s for s in code.segments[:2] if s in PHOENIX_ROLES), None)


def phoenix_type(codes: list[PhoenixCode]) -> str | None:
    """PERSON (a dated tenure or an elite code), ARMED_GROUP, ORGANIZATION, or None (a place, or no code)."""
    roles = {primary_role(c) for c in codes} - {None}
    if not roles:
        return None
    if "ELI" in roles or any(c.dated for c in codes):
        return "PERSON"
    return "ARMED_GROUP" if roles & PHOENIX_ARMED_ROLES else "ORGANIZATION"


def _phoenix_phrase(text: str) -> str:
    """"ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> "ADEN ABYAN ISLAMIC ARMY (AAIA)"."""
    return " ".join(text.replace("_", " ").split())


def _phoenix_codes(text: str, where: str) -> list[PhoenixCode]:
    found = _PHOENIX_CODE.findall(text)
    if text.count("[") != len(found):
        raise ImportFormatError(f"{where}: unclosed '[' in {text.strip()!r}")
    codes = []
    for inner in found:
        code, *restriction = inner.split()
        if "~" in code:
            raise ImportFormatError(f"{where}: agent code {code!r}: this is an agents dictionary, "
                                    f"not an actors dictionary")
        if code == PHOENIX_NULL_CODE:
            continue
        if not re.fullmatch(r"[A-Z0-9]+", code):
            raise ImportFormatError(f"{where}: {code!r} is not a CAMEO code")
        codes.append(PhoenixCode(code, bool(restriction)))
    return codes


def _without_comment(line: str) -> str:
    return re.split(r"[#;]", line, maxsplit=1)[0]


def phoenix_entries(path: Path) -> Iterator[PhoenixEntry]:
    """Entries of an actor dictionary: primary line, ``+`` synonyms, indented code lines."""
    entry = None
    for number, raw in enumerate(io.StringIO(_read_text(path)), 1):
        raw = raw.rstrip("\n")
        if "---STOP---" in raw:
            break
        text, where = _without_comment(raw), f"{path}:{number}"
        if raw.startswith("<!") or not text.strip():
            continue
        if raw[0] in "+ \t" and entry is None:
            raise ImportFormatError(f"{where}: a synonym or code line before any actor")
        if raw[0] == "+":
            entry.synonyms += [_phoenix_phrase(s) for s in text.split("+") if s.strip()]
        elif raw[0] in " \t":
            entry.codes += _phoenix_codes(text, where)
        else:
            if entry is not None:
                yield entry
            name = _phoenix_phrase(text.split("[", 1)[0])
            if not name:
                raise ImportFormatError(f"{where}: an actor line without a name")
            entry = PhoenixEntry(number, name, codes=_phoenix_codes(text, where))
    if entry is not None:
        yield entry


def _phoenix_record(entry: PhoenixEntry, path: Path) -> Record:
    type_ = phoenix_type(entry.codes)
    codes = " ".join(c.code for c in entry.codes)
    note = f"Phoenix {path.name}:{entry.line} [{codes}]"
    uid = f"{path.name}:{entry.line}"
    if type_ == "PERSON":
        return Record(uid, type_, person_names(entry.name), unique(entry.synonyms), note)
    names, acronyms = group_names(entry.name)
    return Record(uid, type_, names, unique([*acronyms, *entry.synonyms]), note)


def read_phoenix(path: Path) -> Iterator[Record]:
    for entry in phoenix_entries(path):
        yield _phoenix_record(entry, path)


# ---------------------------------------------------------------- writing to the store

@dataclass(frozen=True)
class ListFormat:
    read: Callable[[Path], Iterator[Record | Problem]]
    distinct_records: bool  # entries are distinct designations: never two of them on one entity


FORMATS = {
    "ofac": ListFormat(read_ofac, distinct_records=True),
    "un": ListFormat(read_un, distinct_records=True),
    "phoenix": ListFormat(read_phoenix, distinct_records=False),
}


def same_name(alias: str, name: str) -> bool:
    """Names of several words match on their key; a one-word name must match letter for letter,
    since folding makes short names collide ("SAARC" and "SARC" share a key)."""
    return len(name.split()) > 1 or basic_fold(alias) == basic_fold(name)


def _clear_choice(hits: dict[str, tuple[str, set]]) -> str | None:
    """The only candidate, or the only curated registry entry among several; else None (no guess)."""
    if len(hits) == 1:
        return next(iter(hits))
    curated = [eid for eid, (origin, _) in hits.items() if origin == "registry"]
    return curated[0] if len(curated) == 1 else None


def compatible(existing_type: str, record_type: str) -> bool:
    return existing_type == record_type or (existing_type in GROUP_TYPES and record_type in GROUP_TYPES)


def readable_id(session: Session, name: str, fallback: str) -> str:
    """A slug of the name ("kataib_hizballah"), numbered when taken."""
    base = re.sub(r"[^a-z0-9]+", "_", basic_fold(name)).strip("_")[:MAX_ID_LENGTH].strip("_")
    base = base or re.sub(r"[^a-z0-9]+", "_", fallback.lower()).strip("_")
    candidate, n = base, 1
    while session.get(EntityRow, candidate) is not None:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def _sharpen_type(session: Session, entity_id: str, record: Record) -> None:
    """An imported organisation that another list puts on a terrorism list becomes an armed group."""
    entity = session.get(EntityRow, entity_id)
    if entity.origin == "import" and entity.type == "ORGANIZATION" and record.type == "ARMED_GROUP":
        entity.type = "ARMED_GROUP"


class ListImporter:
    """Imports the records of one list format; knows which entities earlier records of it went to."""

    def __init__(self, session: Session, fmt: str):
        self.session, self.fmt = session, fmt
        self.distinct = FORMATS[fmt].distinct_records
        # provenance is not indexed: read this format's provenances once instead of once per record
        rows = session.execute(select(AliasRow.provenance, AliasRow.entity_id)
                               .where(AliasRow.provenance.startswith(f"import:{fmt}:"))).all()
        self.entity_of: dict[str, str] = dict(rows)
        self.holders = set(self.entity_of.values())  # entities that hold a record of this list
        self.report = ImportReport()

    def add(self, record: Record) -> None:
        provenance = f"import:{self.fmt}:{record.uid}"
        entity_id = self.entity_of.get(provenance)
        if entity_id is not None:
            self.report.already_imported += 1
        elif (entity_id := self.matching_entity(record)) is not None:
            self.report.linked_to_existing += 1
            _sharpen_type(self.session, entity_id, record)
        else:
            entity_id = self._create_entity(record)
            self.report.added_entities += 1
        self.entity_of[provenance] = entity_id
        self.holders.add(entity_id)
        self.report.added_aliases += self._add_aliases(entity_id, record, provenance)

    def matching_entity(self, record: Record) -> str | None:
        """The existing entity of a compatible type this record names, if one is clear.

        First by the record's own names; when none matches, by its aliases, but
        only an entity that ``CORROBORATING_ALIASES`` distinct aliases agree on
        (one shared alias such as "Islamic Jihad" proves little).
        """
        hits = self._hits(record, record.names)
        if hits:
            return _clear_choice(hits)
        by_aliases = self._hits(record, record.aliases)
        return _clear_choice({eid: hit for eid, hit in by_aliases.items() if len(hit[1]) >= CORROBORATING_ALIASES})

    def _hits(self, record: Record, names: list[str]) -> dict[str, tuple[str, set[frozenset]]]:
        """Entity id -> (origin, the distinct names, as word sets, that its aliases match)."""
        by_key: dict[str, list[str]] = defaultdict(list)
        for name in names:
            by_key[name_key(name)].append(name)
        by_key.pop("", None)
        rows = self.session.execute(select(EntityRow.id, EntityRow.type, EntityRow.origin, AliasRow.alias,
                                           AliasRow.key).join(AliasRow).where(AliasRow.key.in_(by_key)))
        hits: dict[str, tuple[str, set[frozenset]]] = {}
        for eid, type_, origin, alias, key in rows:
            if not compatible(type_, record.type) or (self.distinct and eid in self.holders):
                continue
            if any(same_name(alias, name) for name in by_key[key]):
                hits.setdefault(eid, (origin, set()))[1].add(frozenset(key.split()))
        return hits

    def _create_entity(self, record: Record) -> str:
        entity_id = readable_id(self.session, record.names[0], f"{self.fmt}_{record.uid}")
        self.session.add(EntityRow(id=entity_id, type=record.type, name=record.names[0], origin="import",
                                   description=record.note))
        self.session.flush()
        return entity_id

    def _add_aliases(self, entity_id: str, record: Record, provenance: str) -> int:
        present = set(self.session.scalars(select(AliasRow.alias).where(
            AliasRow.entity_id == entity_id, AliasRow.provenance == provenance)))
        new = [a for a in unique([*record.names, *record.aliases]) if a not in present]
        with self.session.no_autoflush:  # one flush per record, not one per alias
            for alias in new:
                add_alias(self.session, entity_id, alias, provenance)
        self.session.flush()
        return len(new)


def import_registry(session: Session, fmt: str, path: str | Path) -> ImportReport:
    """Import a name list (``ofac``, ``un`` or ``phoenix``) into the store; safe to run again.

    The whole file is read before anything is written, so a malformed file
    (``ImportFormatError``) leaves the store unchanged.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown list format {fmt!r}; expected one of {sorted(FORMATS)}")
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(f"{path}: no such file")
    items = list(FORMATS[fmt].read(path))
    importer = ListImporter(session, fmt)
    for item in items:
        if isinstance(item, Problem):
            importer.report.problems.append(str(item))
            importer.report.skipped += 1
        elif item.type is None:
            importer.report.skipped += 1
        else:
            importer.add(item)
    return importer.report
