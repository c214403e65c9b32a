"""The REST API and the server-rendered pages, through FastAPI's TestClient on a temporary store.

The analysis stages are still being completed, so the store is built with a
small registry and gazetteer and a scripted event step: the web layer is tested
on the knowledge base shape it serves, not on extraction quality.
"""
from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import SMALL_REGISTRY
from sitrep.app import Sitrep
from sitrep.models import Claim, Document, Event, Geo, Relation
from sitrep.nlp.entities import equipment_patterns, place_patterns, registry_patterns
from sitrep.nlp.pipeline import Analyzer
from sitrep.registry import load_registry_files
from sitrep.web import UnsafeSettingsError, create_app
from sitrep.web.markup import HIT_END, HIT_START, AnnotatedText, code_spans, highlight, parse_snippet
from sitrep.web.reanalysis import Reanalyzer
from sitrep.web.schemas import MentionOut
from sitrep.web.settings import is_loopback

WEB_REGISTRY = SMALL_REGISTRY + """
- id: harakat_al_nujaba
  type: ARMED_GROUP
  name: Harakat al-Nujaba
- id: nujaba_brigades
  type: ARMED_GROUP
  name: Nujaba Brigades
"""
PLACES = {"Aleppo": (36.20, 37.16, "SY"), "Baghdad": (33.31, 44.37, "IQ"), "Albukamal": (34.45, 40.92, "SY")}
TRIGGERS = {"clashed": "CLASH", "visited": "PRESENCE", "seized": "TERRITORY", "struck": "ATTACK"}
XSS_TITLE = "<script>alert('title')</script> Nujaba statement"
XSS_BODY = "<img src=x onerror=alert('body')><script>alert('body')</script>"
TOKEN = "a-long-enough-test-token"

DOCUMENTS = [
    Document("soleimani_aleppo", "Qassem Soleimani visited Aleppo on Thursday, according to AFP. "
             "Qassem Soleimani leads the Quds Force. Hizballah fighters clashed with Daesh near Aleppo.",
             title="Soleimani seen in Aleppo", publisher="Levant Monitor", published="2016-12-22",
             url="https://levant.example/aleppo"),
    Document("albukamal_retaken", "Hezbollah seized Albukamal on Sunday. Kataib Hezbollah fighters allegedly "
             "clashed with Islamic State in Albukamal.", title="Albukamal retaken", publisher="Crescent Desk",
             published="2017-11-19"),
    Document("albukamal_second_source", "Hezbollah seized Albukamal, the army said. The town lies on the Euphrates.",
             title="Army and allies hold Albukamal", publisher="Two Rivers Post", published="2017-11-19"),
    Document("baghdad_strike", "Kataib Hezbollah struck the airport road in Baghdad, according to AFP. "
             "Qasem Soleimani visited Baghdad the same night.", title="Strike on the airport road",
             publisher="Tigris Dispatch", published="2020-01-03", url="javascript:alert('url')"),
    Document("nujaba_statement", f"Harakat al-Nujaba visited Aleppo {XSS_BODY} to mark the anniversary.",
             title=XSS_TITLE, publisher="Euphrates Wire", published="2019-03-05"),
    Document("nujaba_brigades_albukamal", "Nujaba Brigades fighters clashed with Islamic State near Albukamal.",
             title="Fighting near Albukamal", publisher="Crescent Desk", published="2017-11-20"),
]


def scripted_events(analysis, sdoc) -> None:
    """A stand-in event stage: geocodes the known places, one event per sentence with a trigger."""
    for entity in analysis.entities:
        if entity.type == "PLACE" and entity.name in PLACES:
            lat, lon, country = PLACES[entity.name]
            entity.geo = Geo(lat, lon, country=country, precision="city", name=entity.name)
    afp = next((e.key for e in analysis.entities if e.registry_id == "afp"), None)
    for start, end in analysis.sentences:
        sentence = analysis.doc.text[start:end]
        inside = [e for e in analysis.entities if any(start <= m.start < end for m in e.mentions)]
        actors = [e.key for e in inside if e.type in ("PERSON", "ARMED_GROUP")]
        places = [e.key for e in inside if e.type == "PLACE"]
        claim = Claim("alleged" if "allegedly" in sentence else "reported" if "according to" in sentence
                      else "confirmed", afp if afp and "AFP" in sentence else None, start, end, sentence)
        trigger = next((w for w in TRIGGERS if w in sentence), None)
        if trigger and actors and places:
            analysis.events.append(Event(TRIGGERS[trigger], claim, actors=actors[:1], targets=actors[1:],
                                         place=places[0], date=analysis.doc.published, date_precision="day",
                                         trigger=trigger, sentence=(start, end)))
        people = [e.key for e in inside if e.type == "PERSON"]
        groups = [e.key for e in inside if e.type == "ARMED_GROUP"]
        if " leads " in sentence and people and groups:
            analysis.relations.append(Relation("LEADS", people[0], groups[0], claim))


def build_store(folder: Path) -> Sitrep:
    """A store of the documents above, analysed with the test registry, gazetteer and events."""
    registry_file = folder / "registry.yaml"
    registry_file.write_text(WEB_REGISTRY, encoding="utf-8")
    registry = load_registry_files([registry_file])
    analyzer = Analyzer([*registry_patterns(registry), *equipment_patterns(),
                         *place_patterns((name, name.lower()) for name in PLACES)], steps=[scripted_events])
    sitrep = Sitrep(str(folder / "web.db"), analyzer_factory=lambda: analyzer, registry=registry)
    for doc in DOCUMENTS:
        sitrep.add_document(Document(**vars(doc)))
    return sitrep


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """One store for the tests that only read (building one takes about a second)."""
    sitrep = build_store(tmp_path_factory.mktemp("web"))
    yield sitrep
    sitrep.store.close()


@pytest.fixture
def store(tmp_path):
    """A store of its own, for a test that writes."""
    sitrep = build_store(tmp_path)
    yield sitrep
    sitrep.store.close()


def client_for(sitrep: Sitrep, **options) -> TestClient:
    return TestClient(create_app(sitrep, **options), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def client(shared_store):
    return client_for(shared_store)


@pytest.fixture
def writer(store):
    """A client over a store of its own: judgements change it."""
    return client_for(store)


def wait_for_reanalysis(client: TestClient) -> None:
    assert client.app.state.context.reanalyzer.wait(timeout=60), "re-analysis did not finish"
    assert client.get("/api/v1/judgements/status").json()["last_error"] is None


# ---- reading -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/v1/summary", "/api/v1/vocabulary", "/api/v1/documents", "/api/v1/documents/1", "/api/v1/entities",
    "/api/v1/entities/qassem_soleimani", "/api/v1/entities/qassem_soleimani/events", "/api/v1/events",
    "/api/v1/events/1", "/api/v1/relations", "/api/v1/network", "/api/v1/search?q=Aleppo", "/api/v1/judgements",
    "/api/v1/judgements/status", "/api/v1/openapi.json",
])
def test_every_read_endpoint_answers_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")


def test_summary_counts_what_was_stored(client):
    facts = client.get("/api/v1/summary").json()
    assert facts["documents"] == len(DOCUMENTS)
    assert facts["events"] >= 8 and facts["relations"] == 1
    assert ["Hezbollah", 3] in facts["top_actors"]


@pytest.mark.parametrize("spelling", ["Qasem Suleimani", "qassem soleimani", "Qassem Suleimani", "SOLEIMANI"])
def test_entities_are_found_by_any_spelling(client, spelling):
    items = client.get("/api/v1/entities", params={"q": spelling}).json()["items"]
    assert items and items[0]["id"] == "qassem_soleimani"


def test_entities_filter_by_type_and_paginate(client):
    groups = client.get("/api/v1/entities", params={"type": "ARMED_GROUP", "limit": 2}).json()
    assert [e["type"] for e in groups["items"]] == ["ARMED_GROUP"] * 2
    assert groups["next_offset"] == 2
    rest = client.get("/api/v1/entities", params={"type": "ARMED_GROUP", "limit": 2, "offset": 2}).json()
    assert not {e["id"] for e in groups["items"]} & {e["id"] for e in rest["items"]}


def test_dossier_gathers_names_events_relations_sources_and_neighbours(client):
    dossier = client.get("/api/v1/entities/qassem_soleimani").json()
    assert {"Qasem Soleimani", "Qassem Suleimani"} <= set(dossier["known_as"])
    aliases = {a["name"]: a for a in dossier["aliases"]}
    assert aliases["Qasem Soleimani"]["sample"][0]["doc_id"] == "baghdad_strike"
    assert {e["place"]["name"] for e in dossier["events"]} == {"Aleppo", "Baghdad"}
    assert all(e["place"]["lat"] is not None for e in dossier["events"])
    assert dossier["relations"][0]["type"] == "LEADS" and dossier["relations"][0]["object"]["id"] == "irgc_qods_force"
    assert {"source": {"id": "afp", "type": "ORGANIZATION", "name": "Agence France-Presse"},
            "certainty": "reported", "claims": 1} in dossier["sources"]
    assert "irgc_qods_force" in {n["id"] for n in dossier["network"]["nodes"]}
    assert dossier["merged_into"] is None


def test_unknown_ids_are_404_with_a_message(client):
    assert "find one with /api/v1/entities?q=NAME" in client.get("/api/v1/entities/nobody").json()["detail"]
    assert client.get("/api/v1/documents/999").json() == {"detail": "no document with id 999"}
    assert client.get("/api/v1/events/999").status_code == 404


def test_documents_paginate_newest_first(client):
    first = client.get("/api/v1/documents", params={"limit": 4}).json()
    assert [d["published"] for d in first["items"]] == sorted((d["published"] for d in first["items"]), reverse=True)
    assert first["next_offset"] == 4
    last = client.get("/api/v1/documents", params={"limit": 4, "offset": 4}).json()
    assert len(last["items"]) == 2 and last["next_offset"] is None
    assert client.get("/api/v1/documents", params={"since": "2019"}).json()["items"][0]["doc_id"] == "baghdad_strike"


def test_document_carries_offsets_of_its_mentions_events_and_relations(client):
    doc = client.get("/api/v1/documents/1").json()
    for mention in doc["mentions"]:
        assert doc["text"][mention["start"]:mention["end"]] == mention["text"]
    for event in doc["events"]:
        assert doc["text"][event["sentence"][0]:event["sentence"][1]] == event["sentence_text"]
    claim = doc["relations"][0]["claim"]
    assert doc["text"][claim["evidence_start"]:claim["evidence_end"]] == claim["evidence"]


def test_events_filter_by_type_actor_place_dates_and_certainty(client):
    def ids(**params):
        return [(e["type"], e["date"]) for e in client.get("/api/v1/events", params=params).json()["items"]]

    assert set(t for t, _ in ids(type="CLASH")) == {"CLASH"}
    assert ids(actor="Hizballah", type="TERRITORY") == [("TERRITORY", "2017-11-19")] * 2
    assert {d for _, d in ids(place="Albukamal")} == {"2017-11-19", "2017-11-20"}
    assert {d for _, d in ids(since="2019-01", until="2019-12-31")} == {"2019-03-05"}
    assert ids(certainty="alleged") == [("CLASH", "2017-11-19")]


def test_an_event_reported_twice_is_corroborated_by_both_documents(client):
    territory = client.get("/api/v1/events", params={"type": "TERRITORY"}).json()["items"]
    assert [e["corroboration"] for e in territory] == [2, 2]
    detail = client.get(f"/api/v1/events/{territory[0]['id']}").json()
    assert {r["document"]["doc_id"] for r in detail["reports"]} == {"albukamal_retaken", "albukamal_second_source"}


def test_relations_filter_by_type_and_entity(client):
    assert len(client.get("/api/v1/relations", params={"type": "LEADS"}).json()["items"]) == 1
    assert client.get("/api/v1/relations", params={"entity": "Quds Force"}).json()["items"][0]["subject"]["id"] == \
        "qassem_soleimani"
    assert client.get("/api/v1/relations", params={"type": "ALLIED_WITH"}).json()["items"] == []


def test_network_has_relations_and_co_participation_filtered_by_type_and_time(client):
    everything = client.get("/api/v1/network").json()
    assert {e["type"] for e in everything["edges"]} == {"LEADS", "CO_PARTICIPATION"}
    shared = client.get("/api/v1/network", params={"type": "CO_PARTICIPATION", "since": "2017-11-20"}).json()
    assert [(e["source"], e["target"]) for e in shared["edges"]] == [("islamic_state", "nujaba_brigades")]
    around = client.get("/api/v1/network", params={"entity": "Hezbollah"}).json()
    assert all("hezbollah" in (e["source"], e["target"]) for e in around["edges"])


def test_search_ranks_highlights_and_counts_facets(client):
    result = client.get("/api/v1/search", params={"q": "albukamal"}).json()
    assert result["total"] == 3
    for hit in result["items"]:
        assert [hit["snippet"][s:e].lower() for s, e in hit["highlights"]][0] == "albukamal"
    facets = {name: {f["value"]: f["count"] for f in values} for name, values in result["facets"].items()}
    assert facets["type"]["TERRITORY"] == 2 and facets["place"]["albukamal"] == 3
    assert facets["certainty"]["alleged"] == 1 and facets["year"] == {"2017": 3}
    assert result["entities"][0]["id"] == "albukamal"


def test_search_filters_by_facets_and_pages(client):
    def total(**params):
        return client.get("/api/v1/search", params=params).json()["total"]

    assert total(q="albukamal", type="TERRITORY") == 2
    assert total(q="albukamal", actor="Nujaba Brigades") == 1
    assert total(q="albukamal", certainty="alleged") == 1
    assert total(q="albukamal", since="2017-11-20") == 1
    assert total(place="Aleppo") == 2
    assert total(q="!!!") == 0
    page = client.get("/api/v1/search", params={"q": "albukamal", "limit": 2, "offset": 2}).json()
    assert len(page["items"]) == 1 and page["next_offset"] is None and page["total"] == 3


def test_exports_stream_jsonl_downloads(client):
    response = client.get("/api/v1/exports/analysis.jsonl")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="sitrep-analysis.jsonl"'
    records = [json.loads(line) for line in response.text.splitlines()]
    assert len(records) == len(DOCUMENTS) and {"entities", "events", "relations"} <= set(records[0])
    documents = client.get("/api/v1/exports/jsonl.jsonl").text.splitlines()
    assert json.loads(documents[0])["id"] == "soleimani_aleppo"
    assert client.get("/api/v1/exports/csv.jsonl").status_code == 422


def test_acled_csv_download_has_one_row_per_event(client):
    response = client.get("/api/v1/exports/acled.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="sitrep-acled.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    events = client.get("/api/v1/events", params={"limit": 200}).json()["items"]
    assert len(rows) == len({e["cluster_id"] for e in events})
    assert all(r["event_id"].startswith("sitrep-") for r in rows)


# ---- bad parameters ---------------------------------------------------------------------------

@pytest.mark.parametrize("path, message", [
    ("/api/v1/documents?limit=0", "query.limit: Input should be greater than or equal to 1"),
    ("/api/v1/documents?limit=201", "query.limit: Input should be less than or equal to 200"),
    ("/api/v1/entities?offset=-1", "query.offset: Input should be greater than or equal to 0"),
    ("/api/v1/events?offset=100001", "query.offset: Input should be less than or equal to 100000"),
    ("/api/v1/events?limit=ten", "query.limit: Input should be a valid integer"),
    ("/api/v1/events?since=2020/01/01", "query.since: String should match pattern"),
    ("/api/v1/events?since=2021&until=2020", "since (2021) is after until (2020)"),
    ("/api/v1/events?type=PICNIC", "query.type: Input should be 'CLASH', 'ATTACK'"),
    ("/api/v1/entities?type=ROBOT", "query.type: Input should be 'PERSON'"),
    ("/api/v1/search?certainty=sure", "query.certainty: Input should be 'confirmed'"),
    ("/api/v1/network?type=FRIENDS", "unknown edge type(s) FRIENDS"),
    ("/api/v1/documents/abc", "path.document_id: Input should be a valid integer"),
])
def test_bad_parameters_are_422_with_a_readable_message(client, path, message):
    response = client.get(path)
    assert response.status_code == 422 and message in response.json()["message"]


@pytest.mark.parametrize("path", ["/api/v1/events?actor=Nobody%20Atall", "/api/v1/search?place=Atlantis"])
def test_unknown_entity_filters_are_422(client, path):
    response = client.get(path)
    assert response.status_code == 422 and "no entity is named or identified by" in response.json()["detail"]


# ---- pages and escaping -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/search?q=Aleppo", "/search", "/entities", "/entities?q=Suleimani",
                                  "/entities/qassem_soleimani", "/entities/albukamal", "/documents/1", "/events",
                                  "/events?type=CLASH&actor=&since=", "/events/1", "/network",
                                  "/network?type=LEADS&type=CO_PARTICIPATION", "/api/docs"])
def test_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    loaded = re.findall(r'(?:<script[^>]* src|<link[^>]* href)="(https?://[^/"]+)', response.text)
    assert set(loaded) <= {"http://127.0.0.1"}  # scripts and styles from this server, never a CDN


def test_every_page_links_to_working_exports(client):
    links = re.findall(r'href="(/api/v1/exports/[^"]+)"', client.get("/").text)
    assert links == ["/api/v1/exports/analysis.jsonl", "/api/v1/exports/acled.csv"]
    assert all(client.get(link).status_code == 200 for link in links)


def test_search_page_finds_an_entity_by_a_variant_spelling_and_marks_hits(client):
    page = client.get("/search", params={"q": "Qasem Suleimani"}).text
    assert 'href="/entities/qassem_soleimani"' in page
    assert "<mark>Aleppo</mark>" in client.get("/search", params={"q": "aleppo"}).text


@pytest.mark.parametrize("path", ["/", "/search?q=Nujaba", "/search?q=anniversary", "/documents/5", "/events",
                                  "/entities/harakat_al_nujaba", "/events?place=Aleppo"])
def test_article_text_is_escaped_everywhere(client, path):
    page = client.get(path).text
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page


def test_snippet_highlighting_escapes_before_marking(client):
    page = client.get("/search", params={"q": "anniversary"}).text
    assert "&lt;img src=x onerror=alert(&#39;body&#39;)&gt;" in page and "<mark>anniversary</mark>" in page


def test_only_http_links_leave_the_page(client):
    page = client.get("/documents/4").text
    assert 'href="javascript:' not in page and "javascript:alert(&#39;url&#39;)" in page
    assert 'href="https://levant.example/aleppo"' in client.get("/documents/1").text


def test_document_page_marks_mentions_and_links_events_to_sentences(client):
    page = client.get("/documents/1").text
    person = '<mark class="ent ent-person"><a href="/entities/qassem_soleimani">Qassem Soleimani</a>'
    assert person in page
    assert '<span class="sent" id="s0">' in page and 'href="#s0"' in page


def test_html_errors_are_pages_not_json(client):
    response = client.get("/events", params={"limit": 999})
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "query.limit: Input should be less than or equal to 200" in response.text
    missing = client.get("/entities/nobody")
    assert missing.status_code == 404 and "no entity with id &#39;nobody&#39;" in missing.text


def test_responses_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_api_docs_are_served_offline(client):
    assert client.get("/docs").status_code == 404  # the default Swagger page would load from a CDN
    page = client.get("/api/docs").text
    assert "/api/v1/entities/{entity_id}" in page and "one of CLASH, ATTACK" in page
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200


def test_foreign_host_headers_are_refused_on_loopback(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


# ---- judgements --------------------------------------------------------------------------------

def test_merge_takes_effect_after_reanalysis(writer):
    response = writer.post("/api/v1/judgements/merge", json={"left": "harakat_al_nujaba", "right": "Nujaba Brigades"})
    assert response.status_code == 202, response.text
    assert response.json()["judgements"][0] | {"created_at": None} == {
        "id": 1, "kind": "same", "left_id": "harakat_al_nujaba", "right_id": "nujaba_brigades", "surface": None,
        "doc_id": None, "created_at": None}
    wait_for_reanalysis(writer)
    merged = writer.get("/api/v1/entities/harakat_al_nujaba").json()
    assert {"Harakat al-Nujaba", "Nujaba Brigades"} <= {a["name"] for a in merged["aliases"]}
    assert writer.get("/api/v1/entities/nujaba_brigades").json()["merged_into"]["id"] == "harakat_al_nujaba"
    assert "merged this entity into" in writer.get("/entities/nujaba_brigades").text


def test_split_moves_the_named_mentions_to_a_new_entity(writer):
    body = {"entity": "qassem_soleimani", "surfaces": ["Qasem Soleimani"], "new_id": "soleimani_namesake"}
    assert writer.post("/api/v1/judgements/split", json=body).status_code == 202
    wait_for_reanalysis(writer)
    assert [a["name"] for a in writer.get("/api/v1/entities/soleimani_namesake").json()["aliases"]] == \
        ["Qasem Soleimani"]
    remaining = writer.get("/api/v1/entities/qassem_soleimani").json()["aliases"]
    assert "Qasem Soleimani" not in {a["name"] for a in remaining}


def test_same_and_different_are_recorded(writer):
    assert writer.post("/api/v1/judgements/different", json={"left": "hezbollah", "right": "kataib_hezbollah"}) \
        .status_code == 202
    assert writer.post("/api/v1/judgements/same", json={"left": "islamic_state", "right": "Daesh"}).status_code == 422
    wait_for_reanalysis(writer)
    assert [j["kind"] for j in writer.get("/api/v1/judgements").json()] == ["different"]


@pytest.mark.parametrize("path, body, status, message", [
    ("merge", {"left": "hezbollah", "right": "Hizballah"}, 422, "judge two different entities"),
    ("merge", {"left": "hezbollah", "right": "Nobody"}, 422, "right: no entity is named or identified by 'Nobody'"),
    ("merge", {"left": "hezbollah"}, 422, "Field required"),
    ("split", {"entity": "hezbollah", "surfaces": ["Hamas"]}, 422, "no mention of 'hezbollah' reads 'Hamas'"),
    ("split", {"entity": "hezbollah", "surfaces": []}, 422, "List should have at least 1 item"),
    ("split", {"entity": "hezbollah", "surfaces": ["Hezbollah"], "new_id": "bad id!"}, 422, "String should match"),
])
def test_bad_judgements_are_refused_clearly(client, path, body, status, message):
    response = client.post(f"/api/v1/judgements/{path}", json=body)
    assert response.status_code == status and message in json.dumps(response.json())


def test_writes_need_json_from_the_same_origin(client):
    pair = {"left": "hezbollah", "right": "kataib_hezbollah"}
    form = client.post("/api/v1/judgements/merge", data=pair)
    assert form.status_code == 415 and form.json()["detail"] == "send the request body as application/json"
    foreign = client.post("/api/v1/judgements/merge", json=pair, headers={"origin": "https://attacker.example"})
    assert foreign.status_code == 403 and "cross-origin" in foreign.json()["detail"]


# ---- read-only mode, tokens, settings --------------------------------------------------------------

def test_read_only_refuses_writes_with_403(store):
    client = client_for(store, read_only=True)
    response = client.post("/api/v1/judgements/merge", json={"left": "hezbollah", "right": "kataib_hezbollah"})
    assert response.status_code == 403 and response.json()["detail"] == "this server is read-only: writes are refused"
    assert client.get("/api/v1/entities/hezbollah").status_code == 200
    assert "data-judge" not in client.get("/entities/hezbollah").text


def test_non_loopback_host_without_token_refuses_to_start(store, monkeypatch):
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    with pytest.raises(UnsafeSettingsError, match="without a token"):
        create_app(store, host="0.0.0.0")
    with pytest.raises(UnsafeSettingsError, match="at least 16 characters"):
        create_app(store, host="0.0.0.0", token="short")


def test_token_from_the_environment_guards_writes(store, monkeypatch):
    monkeypatch.setenv("SITREP_TOKEN", TOKEN)
    client = client_for(store, host="0.0.0.0")
    pair = {"left": "hezbollah", "right": "kataib_hezbollah"}
    missing = client.post("/api/v1/judgements/different", json=pair)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/v1/judgements/different", json=pair, headers={"Authorization": "Bearer " + "x" * 24})
    assert wrong.status_code == 401
    right = client.post("/api/v1/judgements/different", json=pair, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 202
    assert client.get("/api/v1/summary").status_code == 200  # reading needs no token
    wait_for_reanalysis(client)


def test_a_read_only_server_may_listen_on_the_network_without_a_token(store, monkeypatch):
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    client = client_for(store, host="0.0.0.0", read_only=True)
    assert client.get("/").status_code == 200


# ---- building blocks ---------------------------------------------------------------------------

def test_snippet_marks_are_balanced_even_when_the_text_contains_them():
    text, hits = parse_snippet(f"a {HIT_START}b{HIT_END} c{HIT_END} d {HIT_START}e")
    assert text == "a b c d e" and hits == [(2, 3), (8, 9)]
    assert highlight("<b> & x", [(6, 7)]) == "&lt;b&gt; &amp; <mark>x</mark>"
    assert code_spans("<b>`q`</b>") == "&lt;b&gt;<code>q</code>&lt;/b&gt;"


def test_annotated_text_nests_mentions_that_cross_sentences():
    text = "Abu Kamal. <i>Kamal</i> fell."
    mention = MentionOut(start=4, end=14, text=text[4:14], type="PLACE", entity_id="x\"y")
    annotated = AnnotatedText(text, [mention], [(0, 11), (11, 29)], entity_href=lambda i: f"/e/{i}",
                              type_labels={"PLACE": "Place"})
    html = str(annotated.html())
    assert html.count('<mark class="ent ent-place">') == 2 and 'href="/e/x&#34;y"' in html
    assert "&lt;i&gt;" in html and "<i>" not in html
    assert annotated.anchor(12) == "s11" and annotated.anchor(29) is None


def test_reanalysis_requests_coalesce_and_errors_are_reported():
    runs = []

    def run():
        runs.append(1)
        if len(runs) == 1:
            time.sleep(0.2)
            raise RuntimeError("model missing")

    worker = Reanalyzer(run)
    for _ in range(5):
        worker.request()
    assert worker.wait(timeout=10)
    state = worker.state()
    assert 1 < len(runs) <= 2 and state.completed_runs == len(runs) and not state.running
    assert state.last_error is None  # the second run succeeded
    worker = Reanalyzer(lambda: 1 / 0)
    worker.request()
    worker.wait(timeout=10)
    assert worker.state().last_error == "ZeroDivisionError: division by zero"


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("[::1]", True), ("127.0.0.2", True), ("0.0.0.0", False),
                                            ("192.168.1.10", False), ("example.org", False)])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback
