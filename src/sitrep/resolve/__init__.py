"""The resolve stage: link document entities to knowledge-base entities across documents."""
