"""Errors: JSON with a readable message for the API, an HTML page for the workbench."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from sitrep.web.api import API_PREFIX
from sitrep.web.pages.render import render


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def describe(errors: list[dict]) -> str:
    """One line per invalid parameter: ``query.limit: Input should be less than or equal to 200``."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)


async def on_validation_error(request: Request, exc: RequestValidationError):
    """FastAPI's error list, plus one readable ``message`` line."""
    if _wants_json(request):
        return JSONResponse({"message": describe(exc.errors()), "detail": jsonable_encoder(exc.errors())}, 422)
    return _page(request, 422, "Invalid parameters", describe(exc.errors()))


async def on_http_error(request: Request, exc: HTTPException):
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    return _page(request, exc.status_code, "Not found" if exc.status_code == 404 else "Request refused",
                 str(exc.detail), exc.headers)


def _page(request: Request, status: int, title: str, message: str, headers: dict | None = None):
    return render(request, "error.html", status_code=status, headers=headers, title=title, message=message)


def install_error_pages(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
