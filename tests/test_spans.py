"""Overlapping matches: the longer one is kept, as a reader would read "Deir ez-Zor" over "Deir"."""
from sitrep.spans import longest_first


def test_the_longer_of_overlapping_spans_is_kept_and_the_result_is_in_text_order():
    spans = [(0, 4), (0, 11), (20, 26), (15, 26), (30, 35)]
    assert longest_first(spans, lambda span: span) == [(0, 11), (15, 26), (30, 35)]


def test_of_two_overlapping_spans_of_one_length_the_leftmost_wins():
    matches = [("b", (3, 8)), ("a", (1, 6))]
    assert longest_first(matches, lambda match: match[1]) == [("a", (1, 6))]


def test_touching_spans_do_not_overlap():
    assert longest_first([(5, 9), (0, 5)], lambda span: span) == [(0, 5), (5, 9)]
