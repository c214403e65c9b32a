"""Remove page furniture from article text: share and follow buttons,
"SEE ALSO:" / "READ MORE:" / "Related:" headline links, tag lists, and a
trailing reader-comments section.

The rules are data (``data/furniture.yaml``) so they can be extended without
touching code. Each rule matches a whole line, never a substring, so real
article sentences stay intact. A comments marker only cuts the text once
some article text has been kept, so a document cannot be emptied by a
"Comments" line at its top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.data import load_data_yaml

BULLETS = "•·|>*"


@dataclass(frozen=True)
class FurnitureRules:
    drop_line: tuple[re.Pattern[str], ...]
    drop_from: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_rules() -> FurnitureRules:
    raw = load_data_yaml("furniture.yaml")
    return FurnitureRules(drop_line=_compile(raw["drop_line"]), drop_from=_compile(raw["drop_from"]))


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)


def clean_text(text: str, rules: FurnitureRules | None = None) -> str:
    """The text without furniture lines, runs of blank lines folded to one."""
    rules = rules or load_rules()
    kept: list[str] = []
    has_article_text = False
    for line in text.splitlines():
        key = line.strip().lstrip(BULLETS).strip()
        if has_article_text and _matches(rules.drop_from, key):
            break
        if not _matches(rules.drop_line, key):
            kept.append(line.rstrip())
            has_article_text = has_article_text or bool(key)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _matches(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(pattern.fullmatch(line) for pattern in patterns)
