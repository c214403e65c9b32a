"""Cross-document linking of one document's entities to the knowledge base."""
import pytest

from sitrep.models import Analysis, Document, Entity, Geo, Mention
from sitrep.resolve.linker import Linker
from sitrep.store import Store


@pytest.fixture
def session():
    store = Store(":memory:")
    with store.session() as s:
        yield s
    store.close()


def place(name: str, geo: Geo | None) -> Entity:
    return Entity(key=name.lower(), type="PLACE", name=name, mentions=[Mention(0, len(name), name, "PLACE", "ner")],
                  geo=geo)


def linked(session, doc_id: str, entity: Entity) -> str:
    Linker(session).link(Analysis(doc=Document(doc_id, entity.name), entities=[entity]))
    session.flush()
    return entity.kb_id


def test_a_place_spelled_alike_in_another_country_is_another_place(session):
    first = linked(session, "a", place("Kuruma", Geo(1.5, 30.2, country="CD", precision="city")))
    assert linked(session, "b", place("Kurum", Geo(14.0, -3.0, country="ML", precision="country"))) != first


def test_a_place_spelled_alike_in_the_same_country_or_without_a_point_is_the_same_place(session):
    first = linked(session, "a", place("Kuruma", Geo(1.5, 30.2, country="CD", precision="city")))
    assert linked(session, "b", place("Kurumma", Geo(1.6, 30.1, country="CD", precision="village"))) == first
    assert linked(session, "c", place("Kurumma", None)) == first
