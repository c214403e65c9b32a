"""The store: one happening reported by several outlets is one event cluster; older stores are upgraded in place."""
import pytest
from sqlalchemy import select, text

from sitrep.app import Sitrep
from sitrep.models import Document
from sitrep.store import Store
from sitrep.store.queries import event_view
from sitrep.store.schema import DocumentRow, EntityRow, EventArgumentRow, EventRow
from sitrep.store.writer import find_event_cluster

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


# Geocoded places, written into the store directly: a town, a village 4 km away, a town
# 90 km away and the province holding them.
PLACES = {
    "town": (36.20, 37.10, "city", "Aleppo"), "village": (36.23, 37.12, "village", "Aleppo"),
    "far_town": (35.40, 37.10, "city", "Hama"), "province": (36.10, 37.30, "admin1", "Aleppo"),
}


@pytest.fixture
def store():
    store = Store(":memory:")
    with store.session() as s:
        s.add_all([EntityRow(id=name, type="PLACE", name=name, origin="gazetteer", country="SY", admin1=admin1,
                             lat=lat, lon=lon, geo_precision=precision)
                   for name, (lat, lon, precision, admin1) in PLACES.items()])
        s.add(EntityRow(id="eagle_brigade", type="ARMED_GROUP", name="Eagle Brigade", origin="discovered"))
    yield store
    store.close()


def stored_attack(store: Store, document: int, place: str, date: str = "2016-05-06") -> int:
    """Store an attack by the Eagle Brigade reported by document ``document``; its cluster."""
    with store.session() as s:
        if s.get(DocumentRow, document) is None:
            s.add(DocumentRow(id=document, doc_id=f"d{document}", fmt="txt", content_hash=f"h{document}",
                              text="..."))
        row = EventRow(document_id=document, type="ATTACK", place_id=place, date=date, date_precision="day",
                       sentence_start=0, sentence_end=3,
                       arguments=[EventArgumentRow(role="actor", entity_id="eagle_brigade")])
        s.add(row)
        s.flush()
        row.cluster_id = find_event_cluster(s, row) or row.id
        return row.cluster_id


@pytest.mark.parametrize("second_place, same", [
    ("town", True), ("village", True), ("province", True), ("far_town", False)])
def test_reports_cluster_when_their_places_can_be_one(store, second_place, same):
    first = stored_attack(store, 1, "town")
    assert (stored_attack(store, 2, second_place) == first) is same


def test_reports_a_week_apart_stay_apart(store):
    assert stored_attack(store, 1, "town", "2016-05-06") != stored_attack(store, 2, "town", "2016-05-13")


def test_a_store_made_before_a_column_existed_gains_it_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "old.db")
    old = Store(path)
    with old.engine.begin() as conn:
        for column in ("seat_lat", "seat_lon"):  # as sitrep wrote stores before seats were kept
            conn.exec_driver_sql(f"ALTER TABLE entities DROP COLUMN {column}")
    with old.session() as s:
        s.execute(text("INSERT INTO entities (id, type, name, origin) VALUES ('homs', 'PLACE', 'Homs', 'gazetteer')"))
    old.close()
    store = Store(path)
    with store.session() as s:
        homs = s.get(EntityRow, "homs")
        assert homs.name == "Homs" and homs.seat_lat is None
        homs.seat_lat, homs.seat_lon = 34.73, 36.71
    with store.session() as s:
        assert s.get(EntityRow, "homs").seat_lat == 34.73
    store.close()
