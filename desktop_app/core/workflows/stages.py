"""Joining workflows: one generator that runs others as its stages."""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import Any

from desktop_app.core.training.events import Cancelled, Finished


def relay(events: Iterable[object]) -> Generator[object, None, Any]:
    """Yield a stage's events except its `Finished`; return that result (None if cancelled).

    Use as `result = yield from relay(stage)`, then `if result is None: return`."""
    for event in events:
        if isinstance(event, Finished):
            return event.result
        yield event
        if isinstance(event, Cancelled):
            return None
    return None


def drain(events: Iterable[object]) -> Any:
    """Run a workflow to its end here (no progress shown): its result, or None if cancelled."""
    for event in events:
        if isinstance(event, Finished):
            return event.result
        if isinstance(event, Cancelled):
            return None
    return None
