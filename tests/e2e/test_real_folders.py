"""The shared real datasets, imported as a new user would: no options, no hand editing.

The junk that comes with them (hymenoptera's GIF placeholder, `.DS_Store`) is listed: the GIF, which
a user meant as an image, as skipped with its reason; `.DS_Store` as a system file (junk, never an
error; CONTEXT.md). Nothing else is lost: every row and every JPEG is imported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.data.detect import scan_data

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO.parent / "shared" / "datasets"

pytestmark = pytest.mark.skipif(not DATASETS.is_dir(), reason="../shared/datasets is not here")


def _lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def test_hymenoptera_imports_every_jpeg_and_lists_the_gif_and_the_junk():
    root = DATASETS / "images" / "hymenoptera"
    jpegs = sorted(
        str(p) for p in root.rglob("*") if p.is_file() and p.suffix.lower() in (".jpg", ".jpeg")
    )
    assert len(jpegs) == 397
    dataset = scan_data(root)
    assert dataset.task == "image" and dataset.classes == ("ants", "bees")
    assert sorted(dataset.items) == jpegs, "every JPEG imported, nothing else"
    assert dataset.split_source == "folders"
    assert len(dataset.indices("train")) + len(dataset.indices("val")) == len(jpegs)
    others = sorted(
        str(p) for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in (".jpg", ".jpeg")
    )
    assert sorted(s.path for s in dataset.skipped) == others, "every other file is listed"
    skipped = {Path(s.path).name: s.reason for s in dataset.skipped}
    assert set(skipped) == {"imageNotFound.gif", ".DS_Store"}
    assert "GIF images are not supported" in skipped["imageNotFound.gif"]
    assert skipped[".DS_Store"] == "system file, not an image (macOS folder settings)"


def test_sms_spam_collection_imports_every_message():
    file = DATASETS / "text" / "sms-spam" / "SMSSpamCollection"
    dataset = scan_data(file)
    assert dataset.task == "text" and dataset.classes == ("ham", "spam")
    # all but the header, one item per distinct text: 414 rows repeat a text (same label)
    assert _lines(file) - 1 == 5574 and len(dataset) == 5574 - 414 == len(set(dataset.items))
    assert [n.params for n in dataset.notes if n.key == "text.repeats_merged"] == [(414,)]
    assert dataset.skipped == ()


def test_sst2_keeps_its_three_files_as_splits():
    folder = DATASETS / "text" / "sst2"
    dataset = scan_data(folder)
    assert dataset.classes == ("0", "1")
    expected = {
        split: _lines(folder / f"{name}.tsv") - 1
        for split, name in (("train", "train"), ("val", "dev"), ("test", "test"))
    }
    # every row is read; a text repeated (in one file or across them) is one item, at its first row
    merged = sum(n.params[0] for n in dataset.notes if n.key == "text.repeats_merged")
    assert len(dataset) + merged + len(dataset.skipped) == sum(expected.values())
    assert len(set(dataset.items)) == len(dataset)
    assert all(s.key == "text.conflict" for s in dataset.skipped)
    assert len(dataset.indices("test")) == expected["test"]


def test_chnsenticorp_imports_every_review_but_the_empty_one():
    file = DATASETS / "text" / "chnsenticorp-htl" / "ChnSentiCorp_htl_all.csv"
    dataset = scan_data(file)
    assert dataset.classes == ("0", "1")
    assert len(dataset) + len(dataset.skipped) == 7766
    assert [(Path(s.path).name, s.reason) for s in dataset.skipped] == [
        ("ChnSentiCorp_htl_all.csv:6376", "empty text")
    ]
    assert any("，" in text and '"' not in text[:1] for text in dataset.items)
