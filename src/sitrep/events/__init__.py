"""Events and standing relations: who did what to whom, where, when, how many,
according to whom and how surely.

Entry points: ``sitrep.events.extractor.EventExtractor`` (per-document
extraction, called by the analyze stage), ``sitrep.events.coref.same_event``
(cross-document event coreference) and ``sitrep.events.evaluate``
(ACLED and CASE 2021 evaluations). Lexicons and cue lists are YAML files in
``sitrep/data/events``.
"""
