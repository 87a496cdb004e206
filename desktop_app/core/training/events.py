"""The events that long-running work yields. Frozen, plain data: safe to send across threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any


class CancelToken:
    """Set from any thread; long work checks it at every yield and stops cleanly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class Progress:
    """`done` of `total` units of `stage` ("features", "training", "export", "predict"…)."""

    stage: str
    done: int
    total: int
    eta_s: float | None = None
    message: str = ""


@dataclass(frozen=True)
class Plan:
    """What a stage is about to do: `to_do` of its `total` units need work, the rest was done
    before (features already in the cache). Lets a front end size one bar over a whole run."""

    stage: str
    to_do: int
    total: int


@dataclass(frozen=True)
class StepEnd:
    """One optimiser step: the loss and accuracy on that mini-batch."""

    epoch: int
    step: int
    loss: float
    accuracy: float


@dataclass(frozen=True)
class EpochEnd:
    epoch: int
    max_epochs: int
    train_loss: float
    train_accuracy: float
    val_loss: float | None
    val_accuracy: float | None
    learning_rate: float
    improved: bool


@dataclass(frozen=True)
class Message:
    """Something worth telling the user (early stopping, skipped files…).

    `text` is English; `key` and `args` let a translated front end word it itself."""

    text: str
    key: str = ""
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Cancelled:
    stage: str


@dataclass(frozen=True)
class Finished:
    """The last event of a successful run; `result` is the stage's frozen result object."""

    result: Any


Event = Progress | Plan | StepEnd | EpochEnd | Message | Cancelled | Finished


class EtaClock:
    """Estimates time left from the average rate so far; None until there is something to go on."""

    def __init__(self, total: int) -> None:
        import time

        self._time = time.perf_counter
        self._start = self._time()
        self.total = total

    def eta(self, done: int) -> float | None:
        if done <= 0 or self.total <= 0:
            return None
        elapsed = self._time() - self._start
        return max(0.0, elapsed / done * (self.total - done))
