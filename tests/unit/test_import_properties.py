"""Property-based checks of the two importers users feed their own files to.

The text importer reads back any well-formed table it is given (whatever the delimiter,
encoding, newline or quoting) and refuses anything else only with DatasetError; the image loader
turns any bytes into RGB uint8 or an ImageError. Bounded example counts keep this under 15 s.
"""

from __future__ import annotations

import csv
import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.data.dataset import DatasetError, scan_image_folder
from desktop_app.core.data.images import ImageError, decode_image
from desktop_app.core.data.text import scan_text
from tests.helpers.bad_corpus import cmyk_jpeg, good_jpeg, good_png

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Cell text: words with the characters that steer detection (delimiters, quotes, CJK, accents).
_WORD = st.text(st.sampled_from(list("abcxyz中文éß,;|\"'") + ["\t"]), min_size=1, max_size=12)
_TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join).filter(lambda t: t == t.strip())


@FAST
@given(
    texts=st.lists(_TEXT, min_size=6, max_size=30, unique=True),
    delimiter=st.sampled_from([",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    label_first=st.booleans(),
)
def test_any_well_formed_table_reads_back_exactly(
    tmp_path_factory, texts, delimiter, encoding, newline, label_first
):
    labels = ["spam" if i % 2 else "ham" for i in range(len(texts))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["label", "text"] if label_first else ["text", "label"])
    for text, label in zip(texts, labels, strict=True):
        writer.writerow([label, text] if label_first else [text, label])
    path = tmp_path_factory.mktemp("table") / ("data.tsv" if delimiter == "\t" else "data.csv")
    path.write_bytes(buffer.getvalue().encode(encoding))

    dataset = scan_text(path)

    assert dataset.skipped == ()
    got = {
        text: dataset.classes[label]
        for text, label in zip(dataset.items, dataset.labels, strict=True)
    }
    assert got == dict(zip(texts, labels, strict=True))


_TRICKY_LINE = st.text(st.sampled_from(list('ab,\t;|"\r\n \x00é中1') + ["\udcff"]), max_size=80)


@FAST
@given(
    lines=st.lists(_TRICKY_LINE, max_size=20),
    encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]),
)
def test_text_importer_refuses_only_with_dataset_error(tmp_path_factory, lines, encoding):
    path = tmp_path_factory.mktemp("fuzz") / "data.csv"
    path.write_bytes(
        "\n".join(lines).encode(encoding, "surrogateescape" if encoding == "utf-8" else "replace")
    )
    try:
        dataset = scan_text(path)
    except DatasetError as error:
        assert "data.csv" in str(error)
        return
    assert len(dataset.classes) >= 2
    assert all(s.path.startswith(f"{path}:") for s in dataset.skipped)


def _check_decoded_or_refused(data: bytes) -> None:
    try:
        image = decode_image(data, "x.jpg")
    except ImageError as error:
        assert str(error)
        return
    assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3


_SEEDS = [good_png(1), good_jpeg(2), cmyk_jpeg(16, 16, (0, 0, 255, 0))]


@FAST
@given(data=st.binary(max_size=4000))
def test_image_loader_on_random_bytes(data):
    _check_decoded_or_refused(data)


@FAST
@given(
    seed=st.sampled_from(_SEEDS),
    cut=st.integers(0, 4000),
    flips=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 255)), max_size=8),
)
def test_image_loader_on_damaged_real_images(seed, cut, flips):
    data = bytearray(seed[: max(cut, 8)])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    _check_decoded_or_refused(bytes(data))


@settings(max_examples=20, deadline=None)
@given(files=st.lists(st.binary(max_size=300), min_size=1, max_size=6))
def test_folder_scan_of_random_files_only_skips_or_refuses(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("scan")
    for i, data in enumerate(files):
        folder = root / ("a" if i % 2 else "b")
        folder.mkdir(exist_ok=True)
        (folder / f"{i}.jpg").write_bytes(data)
    try:
        dataset = scan_image_folder(root)
    except DatasetError as error:
        assert str(root) in str(error)
        return
    assert len(dataset.items) + sum(s.path.endswith(".jpg") for s in dataset.skipped) == len(files)
