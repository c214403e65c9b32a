"""Downloads of the knowledge base: JSON Lines exports and the ACLED-style CSV."""
from __future__ import annotations

from enum import Enum
from typing import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from sitrep.export import EXPORTERS
from sitrep.web.deps import ContextDep

router = APIRouter(prefix="/exports", tags=["exports"])
ExportFormat = Enum("ExportFormat", {name: f"{name}.{e.suffix}" for name, e in EXPORTERS.items()}, type=str)


@router.get("/{export_format}", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {}}}})
def export(export_format: ExportFormat, context: ContextDep) -> StreamingResponse:
    """`analysis.jsonl`: one document per line with entities, events and relations (the scored
    format); `jsonl.jsonl`: the documents in the ingest format; `acled.csv`: one ACLED-style row
    per event with all its sources."""
    name, exporter = export_format.value, EXPORTERS[export_format.name]
    return StreamingResponse(_lines(context, export_format.name), media_type=exporter.media_type,
                             headers={"Content-Disposition": f'attachment; filename="sitrep-{name}"'})


def _lines(context: ContextDep, export_format: str) -> Iterator[str]:
    """Lines streamed from one read transaction, so a large store never sits in memory."""
    exporter = EXPORTERS[export_format]
    with context.sitrep.store.session() as session:
        yield from exporter.lines(exporter.records(session))
