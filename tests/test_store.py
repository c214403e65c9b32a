"""The store across documents: one happening reported by several outlets is one event cluster."""
from sqlalchemy import select

from sitrep.app import Sitrep
from sitrep.models import Document
from sitrep.store.queries import event_view
from sitrep.store.schema import EventRow

# Written for this test: the capture of a border town, told by two outlets in their own words.
FIRST_OUTLET = (
    "Kataib Hezbollah fighters captured al-Qaim from Islamic State on Friday, a spokesman for "
    "the militia said. The border town in Anbar had been held by the jihadists since 2014. "
    "Residents who fled to the desert said the fighting lasted for most of the week. The militia "
    "said its units would now push along the Euphrates towards Rawa. Islamic State did not "
    "comment on the loss of the town, which lies opposite Syria on the Iraqi side of the border.")
SECOND_OUTLET = (
    "Kataib Hezbollah and army units wrested control of al-Qaim from Islamic State on 3 November, "
    "officials said. It was the last town the group held in Anbar.")
OTHER_TOWN = "Kataib Hezbollah fighters captured Rawa from Islamic State on Friday, the militia said."


def territory_events(sitrep: Sitrep) -> list:
    with sitrep.store.session() as s:
        rows = s.scalars(select(EventRow).where(EventRow.type == "TERRITORY").order_by(EventRow.id)).all()
        return [(row.document_id, row.cluster_id, row.date, event_view(s, row).corroboration) for row in rows]


def test_two_outlets_and_a_repost_make_one_event_with_two_sources(events_sitrep):
    outcomes = [events_sitrep.add_document(doc) for doc in (
        Document("first", FIRST_OUTLET, title="Militia takes Qaim", published="2017-11-04"),
        Document("second", SECOND_OUTLET, title="IS loses Qaim", published="2017-11-03"),
        Document("repost", FIRST_OUTLET + " Share this story.", title="Militia takes Qaim",
                 published="2017-11-05"))]
    assert outcomes == ["added", "added", "repost"]
    events = territory_events(events_sitrep)
    assert {document for document, *_ in events} == {1, 2, 3}
    assert {date for *_, date, _ in events} == {"2017-11-03"}
    assert len({cluster for _, cluster, *_ in events}) == 1
    assert {corroboration for *_, corroboration in events} == {2}


def test_a_repost_alone_adds_no_corroboration(events_sitrep):
    events_sitrep.add_document(Document("first", FIRST_OUTLET, published="2017-11-04"))
    events_sitrep.add_document(Document("repost", FIRST_OUTLET + " Share this story.", published="2017-11-05"))
    events = territory_events(events_sitrep)
    assert len(events) == 2 and len({cluster for _, cluster, *_ in events}) == 1
    assert {corroboration for *_, corroboration in events} == {1}


def test_same_day_capture_of_another_town_stays_a_separate_event(events_sitrep):
    events_sitrep.add_document(Document("first", FIRST_OUTLET, published="2017-11-04"))
    events_sitrep.add_document(Document("other", OTHER_TOWN, published="2017-11-04"))
    events = [e for e in territory_events(events_sitrep) if e[2] == "2017-11-03"]
    assert len(events) == 2 and len({cluster for _, cluster, *_ in events}) == 2


def test_undated_reports_are_not_clustered(events_sitrep):
    undated = "Kataib Hezbollah fighters captured al-Qaim from Islamic State, a spokesman said."
    events_sitrep.add_document(Document("a", undated))
    events_sitrep.add_document(Document("b", undated.replace("a spokesman said", "officials said")))
    events = territory_events(events_sitrep)
    assert len(events) == 2 and events[0][1] != events[1][1]
