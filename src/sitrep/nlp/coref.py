"""In-document coreference of names.

Mentions naming the same registry entry, the same folded name, a short form of
a full name in the same document ("Soleimani" -> "Qassem Soleimani", "Nujaba"
-> "Harakat al Nujaba"), or an acronym defined in the text ("Popular
Mobilisation Forces (PMF)") become one ``Entity``.
"""
from __future__ import annotations

import calendar
import re

from sitrep.models import Entity, Mention
from sitrep.resolve.normalize import name_key

# Words that never make a short form on their own: generic parts of group names.
GENERIC_WORDS = {
    "al", "el", "the", "of", "and", "front", "forces", "force", "army", "brigade", "brigades",
    "battalion", "division", "regiment", "corps", "movement", "group", "organization",
    "organisation", "party", "islamic", "resistance", "state", "national", "democratic",
    "syrian", "iraqi", "iranian", "free", "popular", "revolutionary", "guard", "guards",
    "harakat", "kataib", "jaysh", "jaish", "liwa", "saraya", "jabhat", "ansar", "news", "agency",
    "general", "republican", "special", "mobilisation", "mobilization", "units", "unit",
    "council", "military", "security", "union", "international", "committee", "network",
    "newspaper", "daily", "channel",
} | {name.lower() for name in (*calendar.month_name, *calendar.day_name) if name}  # "26 September" paper


def short_forms(mention: Mention) -> list[str]:
    """Forms by which a later sentence may name the same entity.

    People: the surname (last token). Groups: the last distinctive word.
    """
    words = [w for w in re.split(r"[\s\-]+", mention.text) if w]
    if len(words) < 2:
        return []
    if mention.type == "PERSON":
        return [words[-1]] if words[-1].lower() not in GENERIC_WORDS else []
    if mention.type in ("ARMED_GROUP", "ORGANIZATION"):
        distinctive = [w for w in words if w.lower() not in GENERIC_WORDS and w[:1].isupper()]
        return distinctive[-1:] if distinctive else []
    return []


def defined_acronyms(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    """Acronyms defined in parentheses right after a mention: "Forces (PMF)"."""
    found = {}
    for mention in mentions:
        match = re.match(r"\s*\(([A-Z][A-Za-z\-]{1,9})\)", text[mention.end:mention.end + 14])
        if match and match.group(1).upper() == match.group(1).replace("-", "").upper():
            found[match.group(1)] = mention
    return found


_PLACE_DESIGNATOR = re.compile(r"\s+(?:province|governorate|city|countryside|district|region)$",
                               re.IGNORECASE)


def identity_key(mention: Mention) -> str:
    """Folded name; a place and its "X province" are one entity unless the text tells them apart."""
    text = _PLACE_DESIGNATOR.sub("", mention.text) if mention.type == "PLACE" else mention.text
    return name_key(text)


class _Clusters:
    """Union-find over mention indexes."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(b)] = self.find(a)


def cluster_mentions(mentions: list[Mention],
                     links: list[tuple[Mention, Mention]] = ()) -> list[Entity]:
    """Group mentions into entities: same registry entry, same folded name and type,
    or an explicit (short form, full form) link."""
    clusters = _Clusters(len(mentions))
    index = {id(m): i for i, m in enumerate(mentions)}
    by_identity: dict[tuple, int] = {}
    for i, mention in enumerate(mentions):
        identity = ("reg", mention.registry_id) if mention.registry_id else \
            ("key", mention.type, identity_key(mention))
        if identity in by_identity:
            clusters.union(by_identity[identity], i)
        else:
            by_identity[identity] = i
    for short, full in links:
        clusters.union(index[id(full)], index[id(short)])
    groups: dict[int, list[Mention]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(clusters.find(i), []).append(mention)
    return [_entity(f"e{n}", group) for n, group in enumerate(groups.values(), 1)]


def _entity(key: str, mentions: list[Mention]) -> Entity:
    registry_id = next((m.registry_id for m in mentions if m.registry_id), None)
    name = max((m.text for m in mentions), key=len)
    return Entity(key=key, type=mentions[0].type, name=name, mentions=mentions, registry_id=registry_id)
