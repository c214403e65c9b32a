"""Shared fixtures: a small registry written by the tests, an analyzer over it, a temporary store."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.app import Sitrep
from sitrep.nlp.entities import equipment_patterns, registry_patterns
from sitrep.nlp.pipeline import Analyzer
from sitrep.registry import load_registry_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

SMALL_REGISTRY = """
- id: qassem_soleimani
  type: PERSON
  name: Qassem Soleimani
  aliases: [Qasem Soleimani, Qassem Suleimani]
  relations: [{type: LEADS, target: irgc_qods_force}]
- id: irgc_qods_force
  type: ARMED_GROUP
  name: IRGC Quds Force
  aliases: [Quds Force, Qods Force]
  acronyms: [IRGC-QF]
- id: hezbollah
  type: ARMED_GROUP
  name: Hezbollah
  aliases: [Hizballah, Lebanese Hezbollah]
- id: kataib_hezbollah
  type: ARMED_GROUP
  name: Kataib Hezbollah
  aliases: [Hezbollah Brigades, Kata'ib Hizballah]
  acronyms: [KH]
- id: islamic_state
  type: ARMED_GROUP
  name: Islamic State
  aliases: [Daesh, ISIS]
  acronyms: [IS, ISIL]
- id: afp
  type: ORGANIZATION
  name: Agence France-Presse
  acronyms: [AFP]
"""


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text(SMALL_REGISTRY, encoding="utf-8")
    return load_registry_files([path])


@pytest.fixture
def analyzer(registry):
    return Analyzer([*registry_patterns(registry), *equipment_patterns()])


@pytest.fixture
def sitrep(tmp_path, registry, analyzer):
    app = Sitrep(str(tmp_path / "kb.db"), analyzer_factory=lambda: analyzer, registry=registry)
    yield app
    app.store.close()


@pytest.fixture
def events_sitrep(tmp_path, registry):
    """A store whose analyzer also extracts events, over the small registry and a few place names."""
    from sitrep.events.extractor import EventExtractor
    from sitrep.nlp.entities import place_patterns
    places = [("Qaim", "qaim"), ("al-Qaim", "qaim"), ("Anbar", "anbar"), ("Rawa", "rawa"), ("Syria", "syria")]
    analyzer = Analyzer([*registry_patterns(registry), *place_patterns(places)],
                        steps=[EventExtractor(registry=registry)])
    app = Sitrep(str(tmp_path / "events.db"), analyzer_factory=lambda: analyzer, registry=registry)
    yield app
    app.store.close()


@pytest.fixture
def shared_data():
    folder = SHARED / "data"
    if not folder.is_dir():
        pytest.skip("../shared/data is not present on this machine")
    return folder
