"""Regexes built from the phrase lists of the data files."""
import re

import pytest

from sitrep.data import load_data_yaml
from sitrep.phrases import alternation, word_regex


def test_alternation_prefers_the_longest_phrase():
    match = re.match(alternation(["air base", "air", "air base command"]), "air base command post")
    assert match.group(0) == "air base command"


def test_alternation_lets_a_space_match_any_whitespace():
    assert re.fullmatch(alternation(["border crossing"]), "border\n  crossing")


def test_alternation_treats_phrases_as_literals():
    pattern = alternation(["a.b (c)"])
    assert re.fullmatch(pattern, "a.b (c)")
    assert not re.fullmatch(pattern, "axb c")


@pytest.mark.parametrize("text, found", [
    ("rebels shelled the town", True),
    ("the shelling continued", False),
    ("re-shelled", False),
    ("SHELLED overnight", True),
])
def test_word_regex_matches_whole_words_only(text, found):
    assert bool(word_regex("shelled").search(text)) is found


def test_load_data_yaml_reads_a_packaged_file_in_a_subfolder():
    assert isinstance(load_data_yaml("events", "triggers.yaml"), dict)
