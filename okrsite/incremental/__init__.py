"""The incremental engine: the one place that decides what a render may reuse.

Renderers list units and make one unit at a time (`units.py`); the engine records what each
unit read of the portal (`reads.py`), reuses a unit's last result while its inputs are equal
and nothing it read changed, and makes the rest.
See docs/guide/architecture.md.
"""
