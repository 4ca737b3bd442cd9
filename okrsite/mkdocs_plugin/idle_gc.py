"""Under `mkdocs serve --dirty`, Python's garbage collections run after a rebuild, not during
it, and look only at what the last rebuild made. (Without `--dirty` every rebuild makes every
page again, millions of objects at M, and collection stays automatic: paused, back-to-back
rebuilds grew slower and larger, 10.6 s, 13.8 s, 16.2 s at M.)

Why: a server keeps millions of objects between rebuilds (the portal before and after the
edit, what the session reuses, MkDocs' pages and navigation), and each rebuild allocates enough
to start one or two full collections, each scanning all of them: at bench size M, 0.5-0.7 s
apiece out of a 3.5 s rebuild, found nothing worth the wait. The collector is paused from the
start of every rebuild but the first (whose garbage, millions of objects at M, would take one
4 s collection to clear right when the first pages are viewed). Once the server has been idle
for `delay` seconds, one collection runs and what survives it is frozen (`gc.freeze`), so the
next idle collection scans only the objects of the next rebuild (at M: 0.1 s instead of 0.7 s,
which matters when the next edit comes while it runs, since a collection holds the
interpreter). Objects frozen while alive and dropped later in a reference cycle (pages and nav
sections replaced after a nav change) are reclaimed by a full collection after `deep_delay`
seconds of idleness, and when the server stops.
"""

from __future__ import annotations

import gc
import threading


class IdleCollector:
    def __init__(self, delay: float = 2.0, deep_delay: float = 30.0) -> None:
        self._delay, self._deep_delay = delay, deep_delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._paused = False
        self._first = True  # the server's first build collects as usual

    def building(self) -> None:
        """A rebuild starts: no collection until it is over."""
        with self._lock:
            self._cancel()
            if not self._paused and not self._first:
                self._paused = gc.isenabled()
                gc.disable()

    def built(self) -> None:
        """A rebuild ended (well or not): collect once the server is idle."""
        with self._lock:
            self._first = False
            if self._timer is None:
                self._start(self._delay, deep=False)

    def stop(self) -> None:
        """The server stops: everything is collectable and collection automatic again."""
        with self._lock:
            self._cancel()
            gc.unfreeze()
            self._resume()

    def _start(self, delay: float, *, deep: bool) -> None:
        timer = threading.Timer(delay, self._collect, kwargs={"deep": deep})
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _collect(self, *, deep: bool) -> None:
        with self._lock:
            if threading.current_thread() is not self._timer:  # cancelled by a rebuild meanwhile
                return
            self._timer = None
            if deep:
                gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._resume()
            if not deep:
                self._start(self._deep_delay - self._delay, deep=True)

    def _resume(self) -> None:
        if self._paused:
            gc.enable()
            self._paused = False
