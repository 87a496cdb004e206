"""The "Automatic" model choice: train each of the catalog's cheap candidates for the data's
task on its cached features, keep the best on validation, and say whether fine-tuning is
likely to pay.

Choosing costs little once the features are in the cache: every candidate is a head trained
on frozen features (seconds). The chosen candidate's run IS the result (the same config and
seed as training it alone), so nothing is trained twice; with `config.fine_tune` the chosen
model is then fine-tuned as usual (core/training/finetune.py).

Order of the events (one bar in the window): the features of every candidate (stage
"features", counted over all candidates, the backbone id in `message`), then their heads
(stage "compare", epochs counted over all candidates, the backbone id in `message`; their
epochs and steps are not passed on: the chosen run's `history` holds its curves), then the
reason and the fine-tune suggestion as keyed `Message`s; `Finished(TrainResult)` whose
`auto_choice` records it all.

The candidates come from the catalog ("automatic" entries, per task): a task with none gets
the model recommended for its data. Texts: only the candidates made for the texts' language are
tried (core/language.py): Chinese reviews get the two any-language models (the English
sentence model got 0.706 on ChnSentiCorp against 0.882 from scratch and 0.881 for
multilingual-e5-small, which is far ahead with few texts: 0.838 against TF-IDF's 0.709 from 100),
English texts all three, and the best on validation is kept (SST-2 from 10,000 rows:
multilingual-e5-small 0.827, the English model 0.797).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from desktop_app.core.catalog import Backbone, automatic_for, get_backbone, recommend_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.data.image_look import ImageLook, look_at_images
from desktop_app.core.errors import Phrase
from desktop_app.core.language import LanguageGuess, covers, detect_language
from desktop_app.core.tasks import get_task
from desktop_app.core.training import word_pieces
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Event,
    Finished,
    Message,
    Plan,
    Progress,
)

# When fine-tuning is likely to pay (measured on the shared image sets; see the README):
# small or grey images (core/data/image_look.py) …
# … the best frozen model below this validation accuracy (the data is far from photos) …
LOW_ACCURACY = 0.9
# … or right on clearly more training images than validation ones (its features do not carry
# over: a fine-tuned model learns features of this data).
GAP = 0.08


@dataclass(frozen=True)
class CandidateScore:
    """One candidate's head on frozen features: how it did on the validation split."""

    backbone: str
    val_accuracy: float | None
    val_loss: float | None
    train_accuracy: float | None
    seconds: float  # its features (cached or computed) + its head, torch's import left out
    features_seconds: float
    features_computed: int
    features_cached: int
    # texts: the vector and the word pieces read by one model (core/training/word_pieces.py)
    word_pieces: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "backbone": self.backbone,
            "word_pieces": self.word_pieces,
            "val_accuracy": _round(self.val_accuracy),
            "val_loss": _round(self.val_loss),
            "train_accuracy": _round(self.train_accuracy),
            "seconds": round(self.seconds, 3),
            "features_seconds": round(self.features_seconds, 3),
            "features_computed": self.features_computed,
            "features_cached": self.features_cached,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CandidateScore:
        return cls(
            str(data["backbone"]),
            _number(data.get("val_accuracy")),
            _number(data.get("val_loss")),
            _number(data.get("train_accuracy")),
            float(data.get("seconds") or 0.0),
            float(data.get("features_seconds") or 0.0),
            int(data.get("features_computed") or 0),
            int(data.get("features_cached") or 0),
            bool(data.get("word_pieces")),
        )


def choose(scores: Sequence[CandidateScore]) -> tuple[int, str]:
    """The best candidate (its index) and the rule that decided: "accuracy" (best validation
    accuracy), "loss" (the same accuracy, a lower validation loss), "speed" (the same again:
    the faster, i.e. the one listed first), "no_validation" (nothing to compare on: the
    fastest) or "only" (a single candidate)."""
    if len(scores) == 1:
        return 0, "only"
    if any(s.val_accuracy is None for s in scores):
        return 0, "no_validation"

    def key(i: int) -> tuple[float, float, int]:
        loss = scores[i].val_loss
        return (-float(scores[i].val_accuracy or 0.0), math.inf if loss is None else loss, i)

    order = sorted(range(len(scores)), key=key)
    best, second = scores[order[0]], scores[order[1]]
    if best.val_accuracy != second.val_accuracy:
        return order[0], "accuracy"
    if best.val_loss != second.val_loss:
        return order[0], "loss"
    return order[0], "speed"


def reason_phrase(record: dict[str, Any], title: Callable[[str], str]) -> Phrase:
    """Why the automatic choice chose what it did, in plain words, from an `auto_choice` record
    (`title`: a backbone id → its name, in the language wanted)."""
    scores = [CandidateScore.from_json(c) for c in record.get("candidates", ())]
    chosen = str(record.get("chosen", ""))
    pieces = bool(record.get("word_pieces"))
    rule = str(record.get("rule", ""))
    texts = record.get("task") == "text"  # "validation texts", not "validation images"

    def name(backbone: str, word_pieces: bool) -> Phrase | str:
        return (
            Phrase("auto.with_word_pieces", (title(backbone),)) if word_pieces else title(backbone)
        )

    def is_chosen(s: CandidateScore) -> bool:
        return s.backbone == chosen and s.word_pieces == pieces

    best = next((s for s in scores if is_chosen(s)), None)
    others = [s for s in scores if not is_chosen(s)]
    chosen_name = name(chosen, pieces)
    if rule == "language":
        language = language_phrase(str(record.get("language", "")))
        return Phrase("auto.chose_language", (chosen_name, language))
    if best is None or rule in ("only", "no_validation") or not others:
        if rule == "no_validation":
            if texts:
                return Phrase("auto.chose_no_validation_text", (chosen_name,))
            return Phrase("auto.chose_no_validation", (chosen_name,))
        return Phrase("auto.chose_only", (chosen_name,))
    accuracy = _score(best.val_accuracy)
    if rule == "accuracy":
        against = tuple(
            Phrase("auto.score_for", (_score(s.val_accuracy), name(s.backbone, s.word_pieces)))
            for s in others
        )
        if texts:
            return Phrase("auto.chose_accuracy_text", (chosen_name, accuracy, against))
        return Phrase("auto.chose_accuracy", (chosen_name, accuracy, against))
    tied = [s for s in others if s.val_accuracy == best.val_accuracy]
    names = tuple(name(s.backbone, s.word_pieces) for s in tied or others)
    if rule == "loss":
        lowest = min((s.val_loss for s in tied or others if s.val_loss is not None), default=None)
        values = (chosen_name, accuracy, names, _loss(best.val_loss), _loss(lowest))
        if texts:
            return Phrase("auto.chose_loss_text", values)
        return Phrase("auto.chose_loss", values)
    if texts:
        return Phrase("auto.chose_speed_text", (chosen_name, accuracy, names))
    return Phrase("auto.chose_speed", (chosen_name, accuracy, names))


def language_phrase(code: str) -> Phrase | str:
    """A language code of core/language.py in words ("English"); an unknown code as it is."""
    phrases = {
        "en": Phrase("language.en"),
        "zh": Phrase("language.zh"),
        "ja": Phrase("language.ja"),
        "ko": Phrase("language.ko"),
        "latin": Phrase("language.latin"),
        "cyrillic": Phrase("language.cyrillic"),
        "arabic": Phrase("language.arabic"),
        "greek": Phrase("language.greek"),
        "hebrew": Phrase("language.hebrew"),
        "devanagari": Phrase("language.devanagari"),
        "thai": Phrase("language.thai"),
    }
    return phrases.get(code, code)


def automatic_candidates(task: str) -> tuple[Backbone, ...]:
    """The catalog's automatic candidates for `task` (() where it offers none)."""
    entry = automatic_for(task)
    return () if entry is None else entry.candidate_backbones()


def candidates_for_language(
    candidates: Sequence[Backbone], texts: Sequence[Any]
) -> tuple[tuple[Backbone, ...], LanguageGuess | None]:
    """The candidates made for the language of `texts` (models that name no languages, e.g.
    image models, always), and the language seen (None where no candidate names languages or
    the language is unknown: then all of them)."""
    if not any(b.languages for b in candidates):
        return tuple(candidates), None
    guess = detect_language(t for t in texts if isinstance(t, str))
    if guess.code == "unknown":
        return tuple(candidates), None
    fitting = tuple(b for b in candidates if not b.languages or covers(b.languages, guess.code))
    return (fitting or tuple(candidates)), guess


def suggest_fine_tune(
    scores: Sequence[CandidateScore],
    chosen: int,
    backbone: Backbone,
    look: ImageLook | None,
) -> tuple[Phrase, ...]:
    """The reasons (plain words) why fine-tuning `backbone` is likely to pay; () when none is
    seen or the model cannot be fine-tuned."""
    from desktop_app.core.training.finetune import can_fine_tune

    if not can_fine_tune(backbone) or scores[chosen].word_pieces:
        # word pieces: a fine-tune learns the vector's head only (ChnSentiCorp: 0.905, below
        # the word-pieces model's 0.912), so it is not suggested over them
        return ()
    reasons: list[Phrase] = []
    if look is not None and look.looked_at:
        if look.small_for(backbone.input_size):
            reasons.append(
                Phrase("auto.reason_small", (look.width, look.height, backbone.input_size))
            )
        if look.mostly_grey:
            reasons.append(Phrase("auto.reason_grey"))
    best = scores[chosen]
    if best.val_accuracy is not None and best.val_accuracy < LOW_ACCURACY:
        score = (_score(best.val_accuracy),)
        if backbone.task == "text":
            reasons.append(Phrase("auto.reason_low_accuracy_text", score))
        else:
            reasons.append(Phrase("auto.reason_low_accuracy", score))
    if (
        best.val_accuracy is not None
        and best.train_accuracy is not None
        and best.train_accuracy - best.val_accuracy >= GAP
    ):
        rates = (_percent(best.train_accuracy), _percent(best.val_accuracy))
        if backbone.task == "text":
            reasons.append(Phrase("auto.reason_gap_text", rates))
        else:
            reasons.append(Phrase("auto.reason_gap", rates))
    return tuple(reasons)


def auto_train(
    config: TrainConfig,
    dataset: Dataset,
    cancel: CancelToken | None = None,
    warm_start: dict | None = None,
) -> Iterator[Event]:
    """Try every candidate of the data's task, keep the best on validation: its TrainResult
    (`Finished`), with `auto_choice` filled in. `config.backbone` is ignored (it says "auto")."""
    from desktop_app.core.features import extract_features
    from desktop_app.core.training.loop import train

    cancel = cancel or CancelToken()
    start = time.perf_counter()
    task = get_task(dataset.task)
    entry = automatic_for(dataset.task)
    has_val = "val" in dataset.splits
    language: LanguageGuess | None = None
    by_language = False  # the texts' language left a single candidate
    if entry is None:
        candidates: tuple[Backbone, ...] = (
            recommend_backbone(dataset.task, dataset.items).backbone,
        )
    else:
        train_items = [dataset.items[i] for i in dataset.indices("train")]
        candidates, language = candidates_for_language(entry.candidate_backbones(), train_items)
        by_language = len(candidates) == 1 < len(entry.candidates)
        if not has_val:  # nothing to compare on: the first, as it is
            candidates = candidates[:1]

    # 1. Every candidate's features, counted as one stage (cached ones cost nothing).
    n_items = len(dataset.items)
    total = n_items * len(candidates)
    planned: list[int] = []  # items each candidate had to compute, as its Plan said
    computing_started: float | None = None
    computed_so_far = 0
    features_seconds: dict[str, float] = {}
    features_counts: dict[str, tuple[int, int]] = {}  # computed now, read from the cache
    for index, backbone in enumerate(candidates):
        if task.learns_input_encoding(backbone):
            continue  # nothing to read beforehand: its training learns its own input
        offset = index * n_items
        began = time.perf_counter()
        done_here = 0
        for event in extract_features(dataset, backbone, cancel):
            if isinstance(event, Finished):
                features_counts[backbone.id] = (event.result.computed, event.result.cached)
                break
            if isinstance(event, Cancelled):
                yield event
                return
            if isinstance(event, Plan):
                planned.append(event.to_do)
                later = len(candidates) - index - 1
                yield Plan("features", sum(planned) + later * event.to_do, total)
            elif isinstance(event, Progress):
                if event.eta_s is not None and computing_started is None:
                    computing_started = time.perf_counter()
                if event.eta_s is not None:
                    computed_so_far += max(0, event.done - done_here)
                done_here = event.done
                eta = _features_eta(
                    computing_started, computed_so_far, planned, len(candidates), index, event
                )
                yield Progress("features", offset + event.done, total, eta, backbone.id)
            else:  # the live map, cache warnings
                yield event
        features_seconds[backbone.id] = time.perf_counter() - began

    # 2. A head per candidate on its (now cached) features; then, for texts, the best
    # pretrained one again with the word pieces beside its vector (core/training/word_pieces.py)
    n_train = sum(1 for s in dataset.splits if s == "train")
    tries = [(b, False) for b in candidates]
    pieces = has_val and not config.fine_tune and any(word_pieces.applies(b) for b in candidates)
    epochs = [task.training_schedule(config, b, n_train)[0] for b in candidates]
    epochs += [word_pieces.ROUNDS] if pieces else []
    all_epochs = sum(epochs)
    compare_start = time.perf_counter()
    results = []
    scores: list[CandidateScore] = []
    said_skipped = False
    index = 0
    while index < len(tries):
        backbone, with_pieces = tries[index]
        began = time.perf_counter()
        offset = sum(epochs[:index])
        result = None
        run_config = replace(config, backbone=backbone.id, word_pieces=with_pieces)
        name = backbone.id + ("+word_pieces" if with_pieces else "")  # what the bar says
        for event in train(run_config, dataset, cancel, None if with_pieces else warm_start):
            if isinstance(event, Finished):
                result = event.result
                break
            if isinstance(event, Cancelled):
                yield event
                return
            if isinstance(event, Progress) and event.stage == "training":
                done = offset + event.done
                elapsed = time.perf_counter() - compare_start
                eta = elapsed / done * (all_epochs - done) if done else None
                yield Progress("compare", done, all_epochs, eta, name)
            elif isinstance(event, Message) and event.key == "skipped" and not said_skipped:
                said_skipped = True
                yield event
            elif isinstance(event, Message) and event.key not in ("skipped", "early_stop"):
                yield event
            elif len(candidates) == 1 and not pieces and isinstance(event, EpochEnd):
                yield event  # nothing to compare: its curves are the run's
        assert result is not None
        yield Progress("compare", offset + epochs[index], all_epochs, None, name)
        reading = features_seconds.get(backbone.id, 0.0)
        counts = features_counts.get(
            backbone.id, (result.features_computed, result.features_cached)
        )
        # its own time: reading its features and training its head (not importing torch,
        # which the first candidate waits for and the others find done)
        head = time.perf_counter() - began - float(result.timings.get("torch_import", 0.0))
        score = _score_of(result, backbone.id, head + reading, reading, counts, with_pieces)
        scores.append(score)
        results.append(result)
        words = (_score(score.val_accuracy), _loss(score.val_loss), f"{score.seconds:.1f}")
        if backbone.task == "text":
            named = Phrase("auto.with_word_pieces", (backbone.title,)) if with_pieces else None
            said = Phrase("auto.candidate_text", (named or backbone.title, *words))
        else:
            said = Phrase("auto.candidate", (backbone.title, *words))
        yield Message(str(said), said.key, (backbone.id, *words, with_pieces))
        index += 1
        if index == len(candidates) and pieces:
            tries.append((_pieces_base(candidates, scores), True))

    if by_language and len(scores) == 1:
        rule = "language"
        chosen = 0
    elif entry is not None and not has_val:
        rule = "no_validation"
        chosen = 0
    else:
        chosen, rule = choose(scores)
    backbone, chosen_pieces = tries[chosen]
    look = None
    from desktop_app.core.training.finetune import can_fine_tune

    if can_fine_tune(backbone) and backbone.task == "image":
        train_items = [dataset.items[i] for i in dataset.indices("train")]
        look = look_at_images(train_items)
    reasons = suggest_fine_tune(scores, chosen, backbone, look)
    record: dict[str, Any] = {
        "task": dataset.task,
        "language": None if language is None else language.code,
        "candidates": [s.to_json() for s in scores],
        "chosen": backbone.id,
        "word_pieces": chosen_pieces,
        "rule": rule,
        "seconds": round(time.perf_counter() - start, 3),
    }
    reason = reason_phrase(record, lambda b: get_backbone(b).title)
    record["reason"] = _with_text(reason)
    record["fine_tune"] = {
        "suggested": bool(reasons),
        "reasons": [_with_text(r) for r in reasons],
        "signals": {
            "typical_size": None if look is None else [look.width, look.height],
            "grey_share": None if look is None else round(look.grey_share, 3),
            "images_looked_at": 0 if look is None else look.looked_at,
            "input_size": backbone.input_size or None,
            "val_accuracy": _round(scores[chosen].val_accuracy),
            "train_accuracy": _round(scores[chosen].train_accuracy),
        },
    }
    yield Message(str(reason), reason.key, reason.params)
    if reasons:
        suggestion = Phrase("auto.fine_tune_suggested", (reasons,))
        yield Message(str(suggestion), suggestion.key, suggestion.params)
    # the run took every candidate's time: its own figures say so
    result = results[chosen]
    seconds = time.perf_counter() - start
    timings = {**result.timings, "auto_choice": round(seconds, 3)}
    yield Finished(replace(result, auto_choice=record, seconds=seconds, timings=timings))


def _pieces_base(candidates: Sequence[Backbone], scores: Sequence[CandidateScore]) -> Backbone:
    """The candidate whose vector the word pieces join: the best pretrained text model (by
    `choose`'s rules among those), for the pieces add to what the vector already knows."""
    usable = [i for i, b in enumerate(candidates) if word_pieces.applies(b)]
    best, _ = choose([scores[i] for i in usable])
    return candidates[usable[best]]


def fine_tune_reasons(record: dict[str, Any]) -> tuple[Phrase, ...]:
    """The fine-tune suggestion's reasons kept in an `auto_choice` record (() when none)."""
    found = (record.get("fine_tune") or {}).get("reasons") or ()
    return tuple(p for p in (Phrase.from_json(r) for r in found) if p is not None)


def _with_text(phrase: Phrase) -> dict[str, Any]:
    """A phrase as JSON (key and values, for a translated front end) with its English text."""
    return {**phrase.to_json(), "text": str(phrase)}


def _score_of(
    result: Any,
    backbone_id: str,
    seconds: float,
    features: float,
    counts: tuple[int, int],
    with_pieces: bool = False,
) -> CandidateScore:
    val = result.val_metrics
    best = result.history[result.best_epoch - 1] if result.best_epoch >= 1 else None
    return CandidateScore(
        backbone_id,
        None if val is None else float(val.accuracy),
        None if best is None or best.val_loss is None else float(best.val_loss),
        None if best is None else float(best.train_accuracy),
        seconds,
        features,
        int(counts[0]),
        int(counts[1]),
        with_pieces,
    )


def _features_eta(
    started: float | None,
    computed: int,
    planned: list[int],
    n_candidates: int,
    index: int,
    event: Progress,
) -> float | None:
    """Time left to read every candidate's images: the rate so far over what is left of this
    candidate and (as much as this one needed) of the ones after it."""
    if started is None or computed <= 0 or event.eta_s is None:
        return event.eta_s
    rate = (time.perf_counter() - started) / computed
    here_left = max(0, event.total - event.done)
    later = (n_candidates - index - 1) * (planned[-1] if planned else 0)
    return rate * (here_left + later)


def _score(value: float | None) -> str:
    """An accuracy as people read it: "95.4 %"."""
    return "-" if value is None else f"{100 * value:.1f} %"


def _loss(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _percent(value: float) -> str:
    return f"{100 * value:.0f} %"


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
