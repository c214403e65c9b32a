"""Downloads of the knowledge base as JSON Lines."""
from __future__ import annotations

import json
from enum import Enum
from typing import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from sitrep.export import EXPORTERS
from sitrep.web.deps import ContextDep

router = APIRouter(prefix="/exports", tags=["exports"])
ExportFormat = Enum("ExportFormat", {name: name for name in EXPORTERS}, type=str)


@router.get("/{export_format}.jsonl", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}}})
def export(export_format: ExportFormat, context: ContextDep) -> StreamingResponse:
    """`analysis`: one document per line with entities, events and relations (the scored format);
    `jsonl`: the documents in the ingest format."""
    filename = f"sitrep-{export_format.value}.jsonl"
    return StreamingResponse(_lines(context, export_format.value), media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _lines(context: ContextDep, export_format: str) -> Iterator[str]:
    """Records streamed from one read transaction, so a large store never sits in memory."""
    with context.sitrep.store.session() as session:
        for record in EXPORTERS[export_format](session):
            yield json.dumps(record, ensure_ascii=False) + "\n"
