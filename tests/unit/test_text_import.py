"""Text import: the shared real files with no options, and generated awkward files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.data.dataset import DatasetError
from desktop_app.core.data.text import detect_format, scan_text, text_layout

SHARED_TEXT = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "text"
needs_shared = pytest.mark.skipif(not SHARED_TEXT.is_dir(), reason="../shared/datasets missing")

SPAM = ["win cash now", "free prize call", "claim your reward", "urgent offer inside"]
HAM = ["see you at lunch", "running late sorry", "ok sounds good", "call me tonight"]


def _rows(n: int = 20) -> list[tuple[str, str]]:
    """(text, label) pairs, two classes, distinct texts."""
    return [
        (f"{(SPAM if i % 2 else HAM)[i % 4]} {i}", "spam" if i % 2 else "ham") for i in range(n)
    ]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _reasons(dataset) -> list[str]:
    return [s.reason for s in dataset.skipped]


# --------------------------------------------------------------------------- shared real data


@needs_shared
def test_sms_spam_collection_imports_with_no_options():
    start = time.perf_counter()
    dataset = scan_text(SHARED_TEXT / "sms-spam" / "SMSSpamCollection")
    assert time.perf_counter() - start < 3
    assert dataset.task == "text"
    assert dataset.classes == ("ham", "spam")
    # 5,574 rows, 414 of them repeat an earlier text with the same label: one item per text
    assert len(dataset) == 5160 and not dataset.skipped
    assert dataset.counts() == {"ham": 4518, "spam": 642}
    assert str(dataset.notes[1]).startswith("414 repeated text(s) with the same label were merged")
    assert dataset.items[0].startswith("Go until jurong point")
    note = str(dataset.notes[0])
    assert "text column 'SMS'" in note and "label column 'Label'" in note
    assert set(dataset.splits) == {"train", "val"} and dataset.split_source == "generated"
    # Messages that start with a quote keep it and do not swallow the following rows.
    assert any(item.startswith('"Wen u miss someone') for item in dataset.items)


@needs_shared
def test_sst2_folder_keeps_its_splits():
    start = time.perf_counter()
    dataset = scan_text(SHARED_TEXT / "sst2")
    assert time.perf_counter() - start < 5
    assert dataset.classes == ("0", "1")
    assert dataset.split_source == "folders"
    sizes = {s: len(dataset.indices(s)) for s in ("train", "val", "test")}
    # one item per text: 366 repeats merged, 5 rows repeat a text with another label
    assert sizes == {"train": 60321, "val": 6657, "test": 872}
    assert len(dataset.skipped) == 5
    assert all(s.key == "text.conflict" for s in dataset.skipped)
    assert "text column 'sentence'" in str(dataset.notes[0])
    assert dataset.items[0] == "when are bears bears and"  # first train row, trailing space gone


@needs_shared
def test_chnsenticorp_csv_imports_with_no_options():
    path = SHARED_TEXT / "chnsenticorp-htl" / "ChnSentiCorp_htl_all.csv"
    fmt = detect_format(path)
    assert (fmt.delimiter, fmt.quotechar, fmt.has_header) == (",", '"', True)
    assert fmt.columns[fmt.label_column] == "label" and fmt.columns[fmt.text_column] == "review"
    dataset = scan_text(path)
    # 7,766 data rows; one has an empty review and is reported, not imported.
    assert len(dataset) == 7765
    assert [(Path(s.path).name, s.reason) for s in dataset.skipped] == [
        ("ChnSentiCorp_htl_all.csv:6376", "empty text")
    ]
    assert dataset.counts() == {"0": 2443, "1": 5322}
    assert dataset.items[0].startswith('距离川沙公路较近,但是公交指示不对,如果是"蔡陆线"的话')


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("gbk", b"", "gb18030"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
    ],
)
def test_encodings_are_detected_and_chinese_survives(tmp_path, encoding, bom, expected):
    rows = [
        (f"房间很好，服务周到 {i}", "好评") if i % 2 else (f"太差了 {i}", "差评") for i in range(20)
    ]
    body = "label\treview\n" + "".join(f"{lab}\t{text}\n" for text, lab in rows)
    path = tmp_path / "reviews.tsv"
    path.write_bytes(bom + body.encode(encoding))
    fmt = detect_format(path)
    assert fmt.encoding == expected
    dataset = scan_text(path)
    assert set(dataset.classes) == {"好评", "差评"}
    assert len(dataset) == 20 and not dataset.skipped
    assert "房间很好，服务周到 1" in dataset.items


def test_utf8_bom_csv_header_is_not_polluted(tmp_path):
    body = "text,label\n" + "".join(f"{t},{lab}\n" for t, lab in _rows())
    path = _write(tmp_path / "bom.csv", "\ufeff" + body)
    fmt = detect_format(path)
    assert fmt.columns == ("text", "label") and fmt.encoding == "utf-8-sig"
    assert "UTF-8 (with BOM)" in str(scan_text(path).notes[0])


def test_invalid_bytes_are_reported_per_row_and_the_rest_imports(tmp_path):
    body = ("text,label\n" + "".join(f"{t},{lab}\n" for t, lab in _rows())).encode()
    lines = body.split(b"\n")
    lines[3] = b"bad \xff\xfe bytes,ham"
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\n".join(lines))
    dataset = scan_text(path)
    assert detect_format(path).encoding == "utf-8"
    assert len(dataset) == 19
    assert [(Path(s.path).name, s.reason) for s in dataset.skipped] == [
        ("bad.csv:4", "bytes that are not valid UTF-8")
    ]


# --------------------------------------------------------------------------- layouts and dialects


def test_label_first_and_text_first_are_both_guessed(tmp_path):
    text_first = _write(tmp_path / "a.tsv", "".join(f"{t}\t{lab}\n" for t, lab in _rows()))
    label_first = _write(tmp_path / "b.tsv", "".join(f"{lab}\t{t}\n" for t, lab in _rows()))
    for path, (text_col, label_col) in ((text_first, (0, 1)), (label_first, (1, 0))):
        fmt = detect_format(path)
        assert not fmt.has_header
        assert (fmt.text_column, fmt.label_column) == (text_col, label_col)
        assert fmt.columns == ("column 1", "column 2")
        dataset = scan_text(path)
        assert dataset.classes == ("ham", "spam") and len(dataset) == 20


def test_header_with_unknown_names_is_recognised(tmp_path):
    path = _write(tmp_path / "x.csv", "msg,kind\n" + "".join(f"{t},{lab}\n" for t, lab in _rows()))
    fmt = detect_format(path)
    assert fmt.has_header and fmt.columns == ("msg", "kind")
    assert len(scan_text(path)) == 20


def test_semicolon_delimiter_with_commas_in_text(tmp_path):
    body = "text;label\n" + "".join(f"{t}, really, truly;{lab}\n" for t, lab in _rows())
    path = _write(tmp_path / "semi.txt", body)
    fmt = detect_format(path)
    assert fmt.delimiter == ";"
    dataset = scan_text(path)
    assert len(dataset) == 20 and dataset.items[0].endswith(", really, truly")


def test_quoted_fields_with_delimiter_newline_and_doubled_quotes(tmp_path):
    body = "label,text\n" + "".join(f"{lab},{t}\n" for t, lab in _rows())
    body += 'spam,"Hello, ""friend""\nsecond line"\nham,after the quoted one\n'
    path = _write(tmp_path / "quoted.csv", body)
    dataset = scan_text(path)
    assert 'Hello, "friend"\nsecond line' in dataset.items
    assert "after the quoted one" in dataset.items
    assert len(dataset) == 22 and not dataset.skipped


def test_bad_rows_are_reported_and_the_rest_imports(tmp_path):
    good = "".join(f"{t},{lab}\n" for t, lab in _rows())
    body = (
        "text,label\n"
        + good
        + "\n"  # line 22: empty row
        + "no label here,\n"  # 23: missing label
        + ",ham\n"  # 24: empty text
        + "too,many,fields,ham\n"  # 25: ragged
        + "lonely field\n"  # 26: missing label
        + "nul \x00 inside,spam\n"  # 27: NUL byte
        + "x" * 1_000_001
        + ",ham\n"  # 28: cell over 1 MB
        + "last good one,spam\r\n"  # 29: \r\n among \n
    )
    path = _write(tmp_path / "messy.csv", body)
    dataset = scan_text(path)
    reasons = {Path(s.path).name: s.reason for s in dataset.skipped}
    assert reasons == {
        "messy.csv:22": "empty row",
        "messy.csv:23": "missing label",
        "messy.csv:24": "empty text",
        "messy.csv:25": "expected 2 fields, found 4",
        "messy.csv:26": "missing label",
        "messy.csv:27": "contains NUL bytes (binary data?)",
        "messy.csv:28": "a cell is larger than 1 MB",
    }
    assert len(dataset) == 21 and dataset.items[-1] == "last good one"


def test_mixed_and_old_mac_newlines(tmp_path):
    rows = [f"{t}\t{lab}" for t, lab in _rows()]
    path = tmp_path / "mixed.tsv"
    path.write_bytes(
        ("text\tlabel\r\n" + "\r\n".join(rows[:10]) + "\n" + "\r".join(rows[10:])).encode()
    )
    dataset = scan_text(path)
    assert len(dataset) == 20 and not dataset.skipped


def test_numeric_labels_stay_strings_in_natural_order(tmp_path):
    body = "".join(f"sentence number {i} is here,{[1, 2, 10][i % 3]}\n" for i in range(30))
    dataset = scan_text(_write(tmp_path / "n.csv", body))
    assert dataset.classes == ("1", "2", "10")
    assert not detect_format(tmp_path / "n.csv").has_header


def test_explicit_columns_by_name_and_by_index(tmp_path):
    body = "id,title,body,topic\n" + "".join(
        f"{i},title {i % 3},{t},{lab}\n" for i, (t, lab) in enumerate(_rows())
    )
    path = _write(tmp_path / "multi.csv", body)
    guessed = detect_format(path)
    assert guessed.columns[guessed.label_column] == "topic"
    by_name = scan_text(path, text_col="body", label_col="title")
    assert by_name.classes == ("title 0", "title 1", "title 2")
    by_index = scan_text(path, text_col=2, label_col=3)
    assert by_index.classes == ("ham", "spam")
    by_digits = scan_text(path, text_col="2", label_col="3")  # what a CLI passes
    assert by_digits.items == by_index.items
    with pytest.raises(DatasetError, match="No label column named 'nope'"):
        scan_text(path, label_col="nope")
    with pytest.raises(DatasetError, match="out of range"):
        scan_text(path, text_col=7)
    with pytest.raises(DatasetError, match="same column"):
        scan_text(path, text_col=1, label_col="title")


def test_edited_format_is_used_as_is(tmp_path):
    path = _write(tmp_path / "f.tsv", "".join(f"{lab}\t{t}\n" for t, lab in _rows()))
    fmt = detect_format(path)
    from dataclasses import replace

    swapped = scan_text(path, fmt=replace(fmt, text_column=0, label_column=1))
    # the user's (odd) choice is honoured: the labels become the texts, one item per text
    assert len(swapped) == 2 and set(swapped.items) == {"ham", "spam"}
    assert len(swapped.skipped) == 18  # every later row gives its text another label


def test_folder_of_class_folders(tmp_path):
    for i, (text, label) in enumerate(_rows()):
        folder = tmp_path / "data" / label
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "data" / "ham" / "empty.txt").write_bytes(b"")
    (tmp_path / "data" / "spam" / "gbk.txt").write_bytes("免费中奖".encode("gbk"))
    (tmp_path / "data" / "spam" / ".DS_Store").write_bytes(b"\x00\x01")
    assert text_layout(tmp_path / "data") == "class_folders"
    dataset = scan_text(tmp_path / "data")
    assert dataset.classes == ("ham", "spam") and len(dataset) == 21
    assert "免费中奖" in dataset.items
    assert _reasons(dataset) == ["empty file", "system file, not a text (macOS folder settings)"]
    assert set(dataset.splits) == {"train", "val"}


def test_train_dev_test_files_side_by_side(tmp_path):
    folder = tmp_path / "glue"
    folder.mkdir()
    rows = _rows(30)
    for name, part in (("train.tsv", rows[:20]), ("dev.tsv", rows[20:25]), ("test.tsv", rows[25:])):
        _write(folder / name, "sentence\tlabel\n" + "".join(f"{t}\t{lab}\n" for t, lab in part))
    dataset = scan_text(folder)
    assert dataset.split_source == "folders"
    assert {s: len(dataset.indices(s)) for s in ("train", "val", "test")} == {
        "train": 20,
        "val": 5,
        "test": 5,
    }
    (folder / "dev.tsv").unlink()
    carved = scan_text(folder, val_fraction=0.2)  # 2 of 10 per class, test untouched
    assert {s: len(carved.indices(s)) for s in ("train", "val", "test")} == {
        "train": 16,
        "val": 4,
        "test": 5,
    }


def test_one_class_and_empty_files_raise_a_clear_error(tmp_path):
    one = _write(tmp_path / "one.csv", "".join(f"text {i},ham\n" for i in range(10)))
    with pytest.raises(DatasetError, match="Only one class"):
        scan_text(one)
    empty = _write(tmp_path / "empty.csv", "")
    with pytest.raises(DatasetError, match="empty.csv"):
        scan_text(empty)
    blank = _write(tmp_path / "blank.tsv", "\n\n  \n")
    with pytest.raises(DatasetError, match="blank.tsv"):
        scan_text(blank)
    single_column = _write(tmp_path / "single.txt", "".join(f"just text {i}\n" for i in range(9)))
    with pytest.raises(DatasetError, match="single.txt.*one column"):
        scan_text(single_column)
    with pytest.raises(DatasetError, match="Not found"):
        scan_text(tmp_path / "missing.csv")


# Random bytes, and random text built from the characters that steer detection.
_TRICKY = st.text(st.sampled_from(list('ab,\t;|"\n\r \x00é中1') + ["\udcff"]), max_size=300)


@settings(max_examples=100, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=2000), _TRICKY.map(lambda s: s.encode("utf-8", "surrogateescape"))
    )
)
def test_random_bytes_never_raise_anything_but_dataset_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "random.csv"
    path.write_bytes(data)
    try:
        dataset = scan_text(path)
    except DatasetError:
        return
    assert len(dataset.classes) >= 2


def test_reformat_rereads_the_preview_with_edited_settings(tmp_path):
    from desktop_app.core.data.text import detect_format, reformat

    path = tmp_path / "reviews.csv"
    path.write_text(
        "label,review\n" + "".join(f"{i % 2},text number {i}, with a comma\n" for i in range(20)),
        encoding="utf-8",
    )
    fmt = detect_format(path)
    assert fmt.has_header and fmt.columns[fmt.label_column] == "label"
    no_header = reformat(path, fmt, has_header=False)
    assert no_header.columns[0] == "column 1"
    assert no_header.preview[0][0] == "label"  # the header line is now a data row
    tabbed = reformat(path, fmt, delimiter="\t")
    assert len(tabbed.columns) == 1  # no tabs in the file: one column per row


# --------------------------------------------------------------------------- repeated texts


def test_repeated_texts_are_one_item_and_conflicting_rows_are_listed(tmp_path):
    """A text is one item (the window keys them by text; copies on both sides of the split
    would leak): a repeat with the same label is merged, one with another label keeps the
    first label and its row is listed, with notes saying both (issue 15, bug 6)."""
    rows = _rows(20)
    lines = ["text,label", *(f"{t},{lab}" for t, lab in rows)]
    lines += [f"{rows[0][0]},{rows[0][1]}", f"{rows[0][0]},{rows[0][1]}"]  # lines 22, 23: merged
    lines += [f"{rows[1][0]},ham", f"{rows[2][0]},spam"]  # lines 24, 25: other label
    path = _write(tmp_path / "rep.csv", "\n".join(lines) + "\n")
    dataset = scan_text(path)
    assert len(dataset) == 20 and sorted(dataset.items) == sorted(t for t, _ in rows)
    label_of = {
        t: dataset.classes[lab] for t, lab in zip(dataset.items, dataset.labels, strict=True)
    }
    assert label_of == dict(rows)  # the first label of every text
    assert [(Path(s.path).name, s.reason) for s in dataset.skipped] == [
        (
            "rep.csv:24",
            "the same text as an earlier row, which is kept with label 'spam': this row's "
            "label 'ham' is not used",
        ),
        (
            "rep.csv:25",
            "the same text as an earlier row, which is kept with label 'ham': this row's "
            "label 'spam' is not used",
        ),
    ]
    keys = [n.key for n in dataset.notes]
    assert keys[1:] == ["text.repeats_merged", "text.repeats_conflict", "text.skipped_count"]
    assert str(dataset.notes[1]).startswith("2 repeated text(s) with the same label were merged")
    assert str(dataset.notes[2]).startswith("2 repeat(s) of a text came with different labels")
