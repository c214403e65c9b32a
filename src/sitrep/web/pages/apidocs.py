"""API documentation rendered offline from the OpenAPI schema (no Swagger assets from a CDN)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from sitrep.web.pages.render import render

router = APIRouter()
METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/api/docs", name="api_docs")
def api_docs(request: Request):
    schema = request.app.openapi()
    components = schema.get("components", {}).get("schemas", {})
    operations = [{"method": method.upper(), "path": path, "id": spec["operationId"],
                   "text": spec.get("description") or spec.get("summary") or "",
                   "body": _body(spec), "parameters": [_parameter(p, components) for p in spec.get("parameters", [])]}
                  for path, item in schema["paths"].items() for method, spec in item.items() if method in METHODS]
    return render(request, "api_docs.html", info=schema["info"], operations=operations,
                  openapi_url=request.app.openapi_url)


def _body(spec: dict) -> str | None:
    ref = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def _parameter(parameter: dict, components: dict) -> dict:
    schema = parameter.get("schema", {})
    return {"name": parameter["name"], "in": parameter["in"], "required": parameter.get("required", False),
            "type": _type_text(schema, components),
            "description": parameter.get("description") or schema.get("description") or ""}


def _type_text(schema: dict, components: dict) -> str:
    """A short type: ``integer ≤ 200``, ``one of CLASH, ATTACK, …``, ``string | null``."""
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "enum" in schema:
        return "one of " + ", ".join(map(str, schema["enum"]))
    if "anyOf" in schema:
        return " | ".join(_type_text(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type_text(schema.get('items', {}), components)}"
    text = schema.get("type", "any")
    if "maximum" in schema:
        text += f" ≤ {schema['maximum']}"
    if "pattern" in schema:
        text += f" matching {schema['pattern']}"
    return text
