"""Embed a dataset with a backbone through ONNX Runtime, cached on disk.

The cache is one SQLite file per (backbone model, preprocessing version), keyed by a hash of each
file's content: renaming or moving files costs nothing, editing one recomputes only that one.
A second table remembers (path, size, mtime) → hash so a warm run does not even read the files.
Texts are keyed by a hash of their UTF-8 bytes, in a file per (model, tokenizer, max length).
Vectors are raw float32 bytes (never pickle).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop_app.core.catalog import Backbone
from desktop_app.core.data.dataset import Dataset, DatasetError, Skipped
from desktop_app.core.data.images import ImageError, decode_image
from desktop_app.core.errors import CoreError, Phrase
from desktop_app.core.feature_map import FeatureMap
from desktop_app.core.paths import user_cache_dir
from desktop_app.core.runtime import cpu_threads, create_session, run_images
from desktop_app.core.tasks import get_task
from desktop_app.core.text_embedding import (
    length_sorted_batches,
    load_tokenizer,
    run_tokens,
    tokenize,
)
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EtaClock,
    Event,
    Finished,
    Message,
    Plan,
    Progress,
)


class BackboneMissingError(CoreError, RuntimeError):
    """The backbone's ONNX file has not been built (run `desktop-app models --build`)."""


@dataclass(frozen=True)
class FeatureSet:
    """Embeddings for the items of a dataset that could be used."""

    features: np.ndarray  # [n_kept, embedding_size] float32
    positions: np.ndarray  # index into dataset.items of each row
    skipped: tuple[Skipped, ...]  # items that failed to load, with reasons
    computed: int  # rows embedded now
    cached: int  # rows read from the cache
    seconds: float


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class FeatureCache:
    """Content-addressed embeddings for one backbone build on disk."""

    def __init__(self, backbone: Backbone, directory: Path | None = None) -> None:
        # here, not at the top: `backbones` imports onnx (0.5 s holding the GIL), which a
        # process that only reads results (the window) never needs
        from desktop_app.core.backbones import build_info

        info = build_info(backbone)
        if not info or not backbone.model_path.exists():
            raise BackboneMissingError("backbone.not_built", backbone.id)
        self.dim = backbone.embedding_size
        # Why vectors are no longer stored on disk (read-only or full disk), for one warning;
        # None while the cache works. The cache is derived data: training goes on without it.
        self.problem: Phrase | None = None
        self._writable = True
        name = get_task(backbone.task).cache_file_name(backbone, info)
        try:
            directory = Path(directory) if directory else user_cache_dir() / "features"
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # the folder that could not be made is the one to name
            self.path = Path(error.filename) if error.filename else Path(directory or name)
            self._db = self._in_memory(error)
            return
        self.path = directory / name
        try:
            self._db = _connect(self.path)
        except sqlite3.OperationalError as error:
            # read-only folder or disk, a full disk, a file locked for longer than the timeout
            self._db = self._in_memory(error)
        except sqlite3.DatabaseError:
            # Not a database any more (a disk fault, not a kill: WAL commits survive those).
            # The cache is derived data: start it afresh rather than refuse to train.
            try:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._db = _connect(self.path)
            except (OSError, sqlite3.Error) as error:
                self._db = self._in_memory(error)

    def _in_memory(self, error: BaseException) -> sqlite3.Connection:
        """An empty cache that stores nothing: the run computes every vector and keeps them in
        memory; `problem` says why, for the one warning."""
        self._stop_writing(error)
        return _connect(Path(":memory:"))

    def _stop_writing(self, error: BaseException) -> None:
        self._writable = False
        if self.problem is None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.problem = Phrase("features.cache_unwritable", (self.path, str(reason)))

    def close(self) -> None:
        self._db.close()

    def known_hashes(self, stats: dict[str, tuple[int, int]]) -> dict[str, str]:
        """path → hash for files whose size and mtime are unchanged since they were hashed."""
        found: dict[str, str] = {}
        paths = list(stats)
        for start in range(0, len(paths), 500):
            chunk = paths[start : start + 500]
            rows = self._db.execute(
                f"SELECT path, size, mtime_ns, hash FROM files WHERE path IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for path, size, mtime_ns, digest in rows:
                if stats[path] == (size, mtime_ns):
                    found[path] = digest
        return found

    def remember_files(self, rows: Sequence[tuple[str, int, int, str]]) -> None:
        self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)

    def get(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self._db.execute(
                f"SELECT hash, data FROM vectors WHERE hash IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for digest, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.size == self.dim:
                    found[digest] = vector
        return found

    def put(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._write(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
            [(h, v.tobytes()) for h, v in zip(hashes, vectors, strict=True)],
        )

    def _write(self, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
        """Store rows; a disk that is full or read-only stops the storing, not the run (the
        caller keeps its vectors in memory, and `problem` says why)."""
        if not self._writable or not rows:
            return
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.OperationalError as error:  # "database or disk is full", read-only…
            self._stop_writing(error)


def _connect(path: Path) -> sqlite3.Connection:
    """Open (or create) a cache file. WAL: a process killed mid-write loses at most the
    transaction it was in; every committed batch of vectors survives."""
    db = sqlite3.connect(str(path), timeout=30)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT)"
        )
    except BaseException:
        db.close()
        raise
    return db


def _cache_warning(cache: FeatureCache, said: list[Phrase]) -> Iterator[Event]:
    """One `Message` the first time the cache stops storing vectors (the run goes on)."""
    if cache.problem is not None and not said:
        said.append(cache.problem)
        problem = cache.problem
        yield Message(f"warning: {problem}", problem.key, problem.params)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _unreadable(error: OSError) -> Phrase:
    return Phrase("image.cannot_read_file", (error.strerror or str(error),))


def _read_and_hash(path: str) -> tuple[str, None] | tuple[None, Phrase]:
    """(hash, None) or (None, reason)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return None, _unreadable(error)
    return content_hash(data), None


def _load(path: str) -> np.ndarray | Phrase:
    """Decoded RGB pixels, or the reason they cannot be had."""
    try:
        data = Path(path).read_bytes()
        return decode_image(data, Path(path).name)
    except ImageError as error:
        return error.phrase
    except OSError as error:
        return _unreadable(error)


def extract_features(
    dataset: Dataset,
    backbone: Backbone,
    cancel: CancelToken | None = None,
    batch_size: int | None = None,
    cache_dir: Path | None = None,
) -> Iterator[Event]:
    """Yield Progress while embedding every item; end with Finished(FeatureSet) or Cancelled.

    The dataset's task embeds its items (image datasets hold file paths, text datasets the
    texts themselves)."""
    task = get_task(dataset.task)
    if dataset.task != backbone.task:
        raise DatasetError(
            "train.reads_other_kind", backbone.id, get_task(backbone.task).noun, task.noun
        )
    yield from task.extract_features(dataset.items, backbone, cancel, batch_size, cache_dir)


def _feature_set(
    backbone: Backbone,
    rows: list[np.ndarray],
    positions: list[int],
    skipped: tuple[Skipped, ...],
    computed: int,
    cached: int,
    start: float,
) -> FeatureSet:
    """What an extraction hands back: the rows in item order (none: an empty [0, D] array)."""
    return FeatureSet(
        features=np.stack(rows) if rows else np.zeros((0, backbone.embedding_size), np.float32),
        positions=np.asarray(positions, dtype=np.int64),
        skipped=skipped,
        computed=computed,
        cached=cached,
        seconds=time.perf_counter() - start,
    )


def extract_image_features(
    paths: Sequence[str],
    backbone: Backbone,
    cancel: CancelToken | None = None,
    batch_size: int = 32,
    cache_dir: Path | None = None,
) -> Iterator[Event]:
    """Embed image files: Progress…, then Finished(FeatureSet) or Cancelled. Files are keyed by
    content; decoding runs on a small pool one batch ahead of ONNX Runtime."""
    cancel = cancel or CancelToken()
    start = time.perf_counter()
    cache = FeatureCache(backbone, cache_dir)
    said: list[Phrase] = []
    try:
        yield from _cache_warning(cache, said)
        items = list(paths)
        total = len(items)
        yield Progress("features", 0, total, None, "Checking the feature cache")
        stats = {p: s for p in dict.fromkeys(items) if (s := _stat(p)) is not None}
        hashes: dict[str, str] = cache.known_hashes(stats)
        reasons: dict[str, Phrase] = {
            p: Phrase("dataset.unreadable") for p in items if p not in stats
        }
        to_hash = [p for p in stats if p not in hashes]
        workers = min(8, max(2, cpu_threads() * 2))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="decode") as pool:
            new_rows = []
            for path, (digest, reason) in zip(
                to_hash, pool.map(_read_and_hash, to_hash), strict=True
            ):
                if reason is not None:
                    reasons[path] = reason
                else:
                    hashes[path] = digest
                    new_rows.append((path, *stats[path], digest))
            cache.remember_files(new_rows)
            yield from _cache_warning(cache, said)
            vectors = cache.get([hashes[p] for p in hashes])
            cached = sum(1 for p in items if p in hashes and hashes[p] in vectors)
            missing = list(
                dict.fromkeys(p for p in items if p in hashes and hashes[p] not in vectors)
            )
            done = total - len(missing)
            yield Progress(
                "features", done, total, None, f"{cached} cached, {len(missing)} to compute"
            )
            yield Plan("features", len(missing), total)
            where: dict[str, list[int]] = {}
            for i, p in enumerate(items):
                where.setdefault(p, []).append(i)
            feature_map = FeatureMap(total)
            known = [p for p in where if p in hashes and hashes[p] in vectors]
            _add_to_map(feature_map, where, known, hashes, vectors)
            if (points := feature_map.event(force=True)) is not None:
                yield points
            computed = 0
            if missing:
                if cancel.cancelled:
                    yield Cancelled("features")
                    return
                session = create_session(str(backbone.model_path))
                clock = EtaClock(len(missing))
                chunks = [missing[i : i + batch_size] for i in range(0, len(missing), batch_size)]
                pending = pool.map(_load, chunks[0]) if chunks else None
                for index, chunk in enumerate(chunks):
                    loaded = list(pending)  # decoding of this chunk has been running meanwhile
                    if index + 1 < len(chunks):
                        pending = pool.map(_load, chunks[index + 1])  # overlap with inference
                    good = [
                        (p, x)
                        for p, x in zip(chunk, loaded, strict=True)
                        if not isinstance(x, Phrase)
                    ]
                    for p, x in zip(chunk, loaded, strict=True):
                        if isinstance(x, Phrase):
                            reasons[p] = x
                    if good:
                        embedded = run_images(session, [x for _, x in good])
                        good_hashes = [hashes[p] for p, _ in good]
                        cache.put(good_hashes, embedded)
                        yield from _cache_warning(cache, said)
                        vectors.update(zip(good_hashes, embedded, strict=True))
                        computed += len(good)
                        _add_to_map(feature_map, where, [p for p, _ in good], hashes, vectors)
                        points = feature_map.event(force=index + 1 == len(chunks))
                        if points is not None:
                            yield points
                    done_missing = sum(len(c) for c in chunks[: index + 1])
                    yield Progress(
                        "features",
                        total - len(missing) + done_missing,
                        total,
                        clock.eta(done_missing),
                    )
                    if cancel.cancelled:
                        yield Cancelled("features")
                        return
        positions = [i for i, p in enumerate(items) if p in hashes and hashes[p] in vectors]
        skipped = tuple(
            Skipped.because(p, reasons[p]) for p in dict.fromkeys(items) if p in reasons
        )
        rows = [vectors[hashes[items[i]]] for i in positions]
        yield Finished(_feature_set(backbone, rows, positions, skipped, computed, cached, start))
    finally:
        cache.close()


def _add_to_map(
    feature_map: FeatureMap,
    where: dict[str, list[int]],
    keys: Sequence[str],
    hashes: dict[str, str],
    vectors: dict[str, np.ndarray],
) -> None:
    """Give the live map the vectors of `keys` (paths or texts) at every position they hold."""
    positions = [i for key in keys for i in where.get(key, ())]
    if positions:
        rows = [vectors[hashes[key]] for key in keys for _ in where.get(key, ())]
        feature_map.add(positions, np.stack(rows))


def text_hash(text: str) -> str:
    """The cache key of one text: its exact UTF-8 bytes (case and spacing count)."""
    return content_hash(text.encode("utf-8", errors="surrogatepass"))


def extract_text_features(
    texts: Sequence[str],
    backbone: Backbone,
    cancel: CancelToken | None = None,
    batch_size: int = 64,
    cache_dir: Path | None = None,
) -> Iterator[Event]:
    """Embed texts like extract_features embeds images: Progress…, then Finished(FeatureSet).

    Texts not in the cache are tokenised a chunk (16,384) at a time, sorted by length inside it
    (less padding), run through ORT in batches and stored as they come, so a cancelled run
    keeps what it computed. Duplicate texts are embedded once.
    """
    cancel = cancel or CancelToken()
    start = time.perf_counter()
    cache = FeatureCache(backbone, cache_dir)
    said: list[Phrase] = []
    try:
        yield from _cache_warning(cache, said)
        items = list(texts)
        total = len(items)
        yield Progress("features", 0, total, None, "Checking the feature cache")
        reasons: dict[int, Phrase] = {}
        hashes: dict[str, str] = {}  # text → hash
        for i, text in enumerate(items):
            if not isinstance(text, str):
                reasons[i] = Phrase("text.not_text")
            elif text not in hashes:
                hashes[text] = text_hash(text)
        vectors = cache.get(list(hashes.values()))
        cached = sum(1 for i, t in enumerate(items) if i not in reasons and hashes[t] in vectors)
        missing = [t for t, h in hashes.items() if h not in vectors]
        n_missing_items = total - len(reasons) - cached
        yield Progress(
            "features",
            total - n_missing_items,
            total,
            None,
            f"{cached} cached, {n_missing_items} to compute",
        )
        yield Plan("features", n_missing_items, total)
        where: dict[str, list[int]] = {}
        for i, text in enumerate(items):
            if i not in reasons:
                where.setdefault(text, []).append(i)
        feature_map = FeatureMap(total)
        _add_to_map(feature_map, where, [t for t in where if hashes[t] in vectors], hashes, vectors)
        if (points := feature_map.event(force=True)) is not None:
            yield points
        computed = 0
        if missing:
            if cancel.cancelled:
                yield Cancelled("features")
                return
            tokenizer = load_tokenizer(backbone)
            session = create_session(str(backbone.model_path))
            clock = EtaClock(len(missing))
            # Large chunks: texts are sorted by length within a chunk, and padding is most of
            # the cost of mixed lengths (chunks of 1,024 texts: the 10,864 SST-2 texts took
            # 4.6 s longer than one global sort).
            chunk_size = batch_size * 256
            done_missing = 0
            for chunk_start in range(0, len(missing), chunk_size):
                chunk = missing[chunk_start : chunk_start + chunk_size]
                token_ids = tokenize(tokenizer, chunk)
                for batch in length_sorted_batches(token_ids, batch_size):
                    embedded = run_tokens(session, [token_ids[i] for i in batch])
                    batch_hashes = [hashes[chunk[i]] for i in batch]
                    cache.put(batch_hashes, embedded)
                    yield from _cache_warning(cache, said)
                    vectors.update(zip(batch_hashes, embedded, strict=True))
                    computed += len(batch)
                    done_missing += len(batch)
                    _add_to_map(feature_map, where, [chunk[i] for i in batch], hashes, vectors)
                    points = feature_map.event(force=done_missing == len(missing))
                    if points is not None:
                        yield points
                    done = total - len(missing) + done_missing  # unique texts, close enough
                    yield Progress("features", min(done, total), total, clock.eta(done_missing))
                    if cancel.cancelled:
                        yield Cancelled("features")
                        return
        positions = [i for i in range(total) if i not in reasons]
        skipped = tuple(
            Skipped.because(repr(items[i])[:80], reason) for i, reason in reasons.items()
        )
        rows = [vectors[hashes[items[i]]] for i in positions]
        yield Finished(_feature_set(backbone, rows, positions, skipped, computed, cached, start))
    finally:
        cache.close()
