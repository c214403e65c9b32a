"""Re-analysis after a judgement, off the request thread.

Re-analysing a large store takes minutes, longer than an HTTP request should
live. Judgements are recorded at once; one background thread then re-runs the
analysis so they take effect. Requests that arrive while a run is going
coalesce into one more run, and there is never more than one writer.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class ReanalysisState:
    running: bool
    pending: bool
    completed_runs: int
    last_error: str | None


class Reanalyzer:
    def __init__(self, run: Callable[[], object]):
        self._run = run
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._pending = False
        self._running = False
        self._completed = 0
        self._error: str | None = None

    def request(self) -> None:
        """Ask for a run; starts the worker unless one is already going."""
        with self._lock:
            self._pending = True
            if self._running:
                return
            self._running = True
            self._idle.clear()
        threading.Thread(target=self._work, name="sitrep-reanalysis", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._running = False
                    self._idle.set()
                    return
                self._pending = False
            self._run_once()

    def _run_once(self) -> None:
        try:
            self._run()
            error = None
        except Exception as exc:  # reported through state(); the server keeps serving
            error = f"{type(exc).__name__}: {exc}"
        with self._lock:
            self._completed += 1
            self._error = error

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no run is going or pending; False on timeout."""
        return self._idle.wait(timeout)

    def state(self) -> ReanalysisState:
        with self._lock:
            return ReanalysisState(self._running, self._pending, self._completed, self._error)
