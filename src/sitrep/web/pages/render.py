"""Template rendering: Jinja2 with autoescape on, and the helpers the templates share."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import Response

from sitrep.vocab import load_vocabulary
from sitrep.web.markup import code_spans, highlight
from sitrep.web.pages.links import Links

TEMPLATES = Path(__file__).parent.parent / "templates"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the page: a ``javascript:`` URL in an article stays text."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def type_labels() -> dict[str, str]:
    return {name: spec["label"] for name, spec in load_vocabulary().entity_types.items()}


def make_templates(links: Links) -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight"] = highlight
    env.filters["safe_url"] = safe_url
    env.filters["code_spans"] = code_spans
    vocab = load_vocabulary()
    env.globals.update(links.template_globals())
    env.globals.update(type_labels=type_labels(), event_types=list(vocab.event_types),
                       relation_types=list(vocab.relation_types), certainty_levels=list(vocab.certainty_levels),
                       entity_types=list(vocab.entity_types))
    return Jinja2Templates(env=env)


def render(request: Request, name: str, *, status_code: int = 200, headers: dict | None = None,
           **context) -> Response:
    settings = request.app.state.context.settings
    context.update(read_only=settings.read_only, token_required=settings.token is not None)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code,
                                                        headers=headers)
