"""Under `mkdocs serve`, Python's full garbage collections run after a rebuild, not during it.

Why: a server keeps millions of objects between rebuilds (the portal before and after the
edit, what the session reuses, MkDocs' pages and navigation), and each rebuild allocates enough
to start one or two full collections, each scanning all of them: at bench size M, 0.5-0.6 s
apiece out of a 3.5 s rebuild, found nothing worth the wait. The collector is paused from the
start of a rebuild and a full collection runs once the server has been idle for `delay`
seconds (the browser has reloaded the page by then), after which collection is automatic again.
"""

from __future__ import annotations

import gc
import threading


class IdleCollector:
    def __init__(self, delay: float = 2.0) -> None:
        self._delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._paused = False

    def building(self) -> None:
        """A rebuild starts: no collection until it is over."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not self._paused:
                self._paused = gc.isenabled()
                gc.disable()

    def built(self) -> None:
        """A rebuild ended (well or not): collect once the server is idle."""
        with self._lock:
            if self._paused and self._timer is None:
                self._timer = threading.Timer(self._delay, self._collect)
                self._timer.daemon = True
                self._timer.start()

    def stop(self) -> None:
        """The server stops: collection is automatic again, at once."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._resume()

    def _collect(self) -> None:
        with self._lock:
            if self._timer is None:  # a rebuild started meanwhile and cancelled this one
                return
            self._timer = None
            gc.collect()
            self._resume()

    def _resume(self) -> None:
        if self._paused:
            gc.enable()
            self._paused = False
