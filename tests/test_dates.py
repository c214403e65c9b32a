"""Dates in text: publication dates and relative expressions, on sentences written for these tests."""
from datetime import date

import pytest

from sitrep.nlp.dates import date_interval, find_dates, find_publication_date, parse_iso, resolve_date

ANCHOR = "2017-11-20"  # a Monday


def resolved(text, anchor=ANCHOR):
    found = resolve_date(text, anchor)
    return (found.iso, found.precision) if found else None


@pytest.mark.parametrize("text, expected", [
    ("The convoy was hit on Sunday.", ("2017-11-19", "day")),
    ("Fighters arrived on Monday.", ("2017-11-20", "day")),
    ("The commander was seen last Monday.", ("2017-11-13", "day")),
    ("The town fell yesterday.", ("2017-11-19", "day")),
    ("Shelling resumed today.", ("2017-11-20", "day")),
    ("The raid happened the day before yesterday.", ("2017-11-18", "day")),
    ("Reinforcements arrived three days ago.", ("2017-11-17", "day")),
    ("The brigade was formed last November.", ("2016-11", "month")),
    ("Militias paraded this past week.", ("2017-11-13", "week")),
    ("The group withdrew last week.", ("2017-11-13", "week")),
    ("Two weeks ago the base was shelled.", ("2017-11-06", "week")),
    ("The offensive began last month.", ("2017-10", "month")),
    ("The front has been quiet this month.", ("2017-11", "month")),
    ("He was appointed in late 2009.", ("2009", "year")),
    ("The unit was created earlier this year.", ("2017", "year")),
    ("The militia was founded last year.", ("2016", "year")),
    ("The front moved in a swift 2015 offensive.", ("2015", "year")),
    ("The 2000 fighters arrived.", None),
    ("The alliance collapsed a year ago.", ("2016", "year")),
    ("The siege was lifted in May.", ("2017-05", "month")),
    ("The siege was lifted in December.", ("2016-12", "month")),
    ("The strike took place on 19 November 2017.", ("2017-11-19", "day")),
    ("The strike took place on November 19, 2017.", ("2017-11-19", "day")),
    ("The strike took place on Nov. 19.", ("2017-11-19", "day")),
    ("The strike took place on 21 November.", ("2016-11-21", "day")),
    ("The group split in March 2015.", ("2015-03", "month")),
    ("The group split in early March 2015.", ("2015-03", "month")),
    ("The group has fought there since 2014.", ("2014", "year")),
    ("Fighting peaked in 2014.", ("2014", "year")),
    ("Fighting peaked in the summer of 2015.", ("2015", "year")),
    ("Fighting peaked in mid-2016.", ("2016", "year")),
    ("The drill was filmed on 2017-11-02.", ("2017-11-02", "day")),
])
def test_expressions_resolve_against_the_anchor(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text", [
    "The group may attack again.",  # the verb, not the month
    "They will march on the city.",
    "The militia plans to move next month.",
    "A second wave is expected next Sunday.",
    "Fighters numbered 2014 men.",
])
def test_non_dates_and_future_dates_are_not_resolved(text):
    assert resolved(text) is None


def test_relative_dates_need_an_anchor_absolute_ones_do_not():
    assert resolve_date("They left on Sunday.", None) is None
    assert resolve_date("They left on 19 November 2017.", None).iso == "2017-11-19"


def test_the_expression_nearest_a_position_is_chosen():
    text = "In 2015 the group formed, and it attacked the town on Sunday."
    assert resolve_date(text, ANCHOR, near=text.index("attacked")).iso == "2017-11-19"
    assert resolve_date(text, ANCHOR, near=text.index("formed")).iso == "2015"


def test_offsets_point_at_the_expression():
    text = "Clashes broke out on Sunday near the airport."
    found = find_dates(text, ANCHOR)[0]
    assert text[found.start:found.end] == found.text == "on Sunday"


def test_anchor_may_be_a_date_or_a_partial_iso_string():
    assert parse_iso("2017-11") == date(2017, 11, 1)
    assert resolved("It happened last month.", date(2018, 1, 15)) == ("2017-12", "month")
    assert resolved("It happened in May.", "2018") is None  # May 2017 would be a guess before a January anchor


def test_date_intervals_cover_their_precision():
    assert date_interval("2017-11") == (date(2017, 11, 1), date(2017, 11, 30))
    assert date_interval("2016") == (date(2016, 1, 1), date(2016, 12, 31))
    assert date_interval("2017-11-15", "week") == (date(2017, 11, 13), date(2017, 11, 19))


@pytest.mark.parametrize("text, expected", [
    ("DAMASCUS, Nov 20, 2017 (Wire) - Shelling hit the suburbs.", "2017-11-20"),
    ("Militia commander killed\nPublished: 20/11/2017 10:32\n\nThe commander died.", "2017-11-20"),
    ("Militia commander killed\nFeb 11, 2020\n\nOn Sunday the commander died.", "2020-02-11"),
    ("Militia commander killed\nPosted on Tuesday, 11 February 2020 at 10:00\n\nText.", "2020-02-11"),
    ("Militia commander killed\nUpdated 2020-02-11T10:00:00Z\nText.", "2020-02-11"),
])
def test_publication_dates_stated_near_the_top(text, expected):
    assert find_publication_date(text) == expected


def test_no_publication_date_from_dates_inside_the_story():
    assert find_publication_date("The militia was formed on 19 November 2017 in Basra.") is None
    assert find_publication_date("No date here at all.") is None
