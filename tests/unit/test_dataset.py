"""Importing image datasets: classes, splits, and files left out with a reason."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from desktop_app.core.data.dataset import (
    Dataset,
    DatasetError,
    Skipped,
    dataset_from_files,
    is_junk,
    natural_key,
    scan_image_folder,
    stratified_split,
)


def write_image(path: Path, ext: str = ".png", value: int = 0) -> Path:
    """A tiny real image at `path` (its format from `ext`, whatever the file name says)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = np.full((8, 8, 3), value % 256, np.uint8)
    ok, buffer = cv2.imencode(ext, image)
    assert ok
    path.write_bytes(buffer.tobytes())
    return path


def make_class(folder: Path, count: int, ext: str = ".png") -> list[Path]:
    return [write_image(folder / f"img{i}{ext}", ext, value=i) for i in range(count)]


def make_tree(root: Path, counts: dict[str, int]) -> Path:
    for name, count in counts.items():
        make_class(root / name, count)
    return root


def skipped_paths(dataset: Dataset) -> dict[str, str]:
    return {s.path: s.reason for s in dataset.skipped}


def items_of_class(dataset: Dataset, name: str) -> list[int]:
    index = dataset.classes.index(name)
    return [i for i, label in enumerate(dataset.labels) if label == index]


# --- class folders, generated split ----------------------------------------------------------


def test_class_folders_give_sorted_classes_and_counts(tmp_path):
    root = make_tree(tmp_path / "data", {"dog": 6, "cat": 10, "bird": 2})

    dataset = scan_image_folder(root)

    assert dataset.task == "image"
    assert dataset.classes == ("bird", "cat", "dog")
    assert dataset.counts() == {"bird": 2, "cat": 10, "dog": 6}
    assert len(dataset) == 18
    assert dataset.split_source == "generated"
    assert dataset.skipped == ()
    assert dataset.root == str(root)
    for path, label in zip(dataset.items, dataset.labels, strict=True):
        assert Path(path).parent.name == dataset.classes[label]
        assert Path(path).is_file()


def test_generated_split_is_stratified(tmp_path):
    root = make_tree(tmp_path / "data", {"dog": 6, "cat": 10, "bird": 2})

    dataset = scan_image_folder(root, val_fraction=0.2, seed=0)

    assert set(dataset.splits) == {"train", "val"}
    train, val = dataset.counts("train"), dataset.counts("val")
    for name in dataset.classes:
        assert train[name] >= 1, name
        assert val[name] >= 1, name
    assert val == {"bird": 1, "cat": 2, "dog": 1}
    assert dataset.counts("test") == {"bird": 0, "cat": 0, "dog": 0}
    assert len(dataset.indices("train")) + len(dataset.indices("val")) == len(dataset)


def test_same_seed_same_split_different_seed_different_split(tmp_path):
    root = make_tree(tmp_path / "data", {"dog": 6, "cat": 10, "bird": 2})

    first = scan_image_folder(root, seed=0)
    again = scan_image_folder(root, seed=0)
    other = scan_image_folder(root, seed=1)

    assert first.items == again.items == other.items
    assert first.splits == again.splits
    assert first.splits != other.splits
    assert first.counts("val") == other.counts("val")  # same proportions, other files


def test_single_item_class_stays_in_train(tmp_path):
    root = make_tree(tmp_path / "data", {"a": 5, "lonely": 1})

    dataset = scan_image_folder(root)

    assert dataset.counts("train")["lonely"] == 1
    assert dataset.counts("val")["lonely"] == 0


# --- split folders ---------------------------------------------------------------------------


def test_train_val_test_folders_are_kept(tmp_path):
    root = tmp_path / "data"
    for split, n in (("train", 5), ("val", 2), ("test", 3)):
        make_tree(root / split, {"cat": n, "dog": n})

    dataset = scan_image_folder(root)

    assert dataset.split_source == "folders"
    assert dataset.classes == ("cat", "dog")
    assert dataset.counts("train") == {"cat": 5, "dog": 5}
    assert dataset.counts("val") == {"cat": 2, "dog": 2}
    assert dataset.counts("test") == {"cat": 3, "dog": 3}
    for path, split in zip(dataset.items, dataset.splits, strict=True):
        assert Path(path).parent.parent.name == split
    assert dataset.notes == ()


def test_split_folder_synonyms_are_recognised(tmp_path):
    root = tmp_path / "data"
    make_tree(root / "Training", {"cat": 3, "dog": 3})
    make_tree(root / "validation", {"cat": 1, "dog": 1})

    dataset = scan_image_folder(root)

    assert dataset.split_source == "folders"
    assert dataset.counts("val") == {"cat": 1, "dog": 1}
    assert dataset.counts("train") == {"cat": 3, "dog": 3}


def test_train_test_without_val_carves_val_from_train_only(tmp_path):
    root = tmp_path / "data"
    make_tree(root / "train", {"cat": 10, "dog": 5})
    make_tree(root / "test", {"cat": 4, "dog": 3})

    dataset = scan_image_folder(root, val_fraction=0.2, seed=0)

    assert dataset.split_source == "folders"
    test_items = {dataset.items[i] for i in dataset.indices("test")}
    assert test_items == {str(p) for p in (root / "test").rglob("*.png")}
    assert dataset.counts("test") == {"cat": 4, "dog": 3}
    for i in dataset.indices("val"):
        assert Path(dataset.items[i]).parent.parent.name == "train"
    assert dataset.counts("val") == {"cat": 2, "dog": 1}
    assert dataset.counts("train") == {"cat": 8, "dog": 4}
    assert any("validation" in str(note).lower() for note in dataset.notes)


def test_unknown_folder_beside_split_folders_is_reported(tmp_path):
    root = tmp_path / "data"
    make_tree(root / "train", {"cat": 3, "dog": 3})
    make_tree(root / "extra", {"cat": 2})

    dataset = scan_image_folder(root)

    assert dataset.counts() == {"cat": 3, "dog": 3}
    assert "train/val/test" in skipped_paths(dataset)[str(root / "extra")]


def test_images_loose_in_a_split_folder_are_reported(tmp_path):
    root = tmp_path / "data"
    make_tree(root / "train", {"cat": 3, "dog": 3})
    loose = write_image(root / "train" / "loose.png")

    dataset = scan_image_folder(root)

    assert str(loose) not in dataset.items
    assert "class folder" in skipped_paths(dataset)[str(loose)]


def test_empty_class_in_a_split_folder_is_reported_at_its_real_path(tmp_path):
    root = tmp_path / "data"
    make_tree(root / "train", {"cat": 3, "dog": 3})
    make_tree(root / "validation", {"cat": 1})
    (root / "validation" / "dog").mkdir()

    dataset = scan_image_folder(root)

    assert dataset.counts("val") == {"cat": 1, "dog": 0}
    reasons = skipped_paths(dataset)
    assert str(root / "validation" / "dog") in reasons
    assert "no usable images" in reasons[str(root / "validation" / "dog")]


# --- junk and bad files ----------------------------------------------------------------------


def test_junk_is_listed_with_what_it_is_and_bad_images_are_reported(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 4, "dog": 4})
    for junk in (".DS_Store", "Thumbs.db", "desktop.ini", "._img0.png", ".hidden.png"):
        (root / "cat" / junk).write_bytes(b"\x00\x01 junk bytes")
    (root / "cat" / "notes.txt").write_text("labelled by Ann", encoding="utf-8")
    gif = root / "dog" / "anim.gif"
    gif.write_bytes(b"GIF89a\x08\x00\x08\x00\x80\x00\x00" + b"\x00" * 16)
    heic = root / "dog" / "phone.heic"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40)
    empty = root / "cat" / "empty.jpg"
    empty.write_bytes(b"")

    dataset = scan_image_folder(root)

    assert dataset.counts() == {"cat": 4, "dog": 4}
    names = {Path(p).name for p in dataset.items}
    assert names == {f"img{i}.png" for i in range(4)}
    reasons = {Path(path).name: reason for path, reason in skipped_paths(dataset).items()}
    assert reasons == {
        ".DS_Store": "system file, not an image (macOS folder settings)",
        "Thumbs.db": "system file, not an image (Windows thumbnail cache)",
        "desktop.ini": "system file, not an image (Windows folder settings)",
        "._img0.png": "system file, not an image (macOS extra data for img0.png)",
        ".hidden.png": "hidden file, not used (its name starts with a dot)",
        "notes.txt": "not an image (a .txt file)",
        "anim.gif": reasons["anim.gif"],
        "phone.heic": reasons["phone.heic"],
        "empty.jpg": "empty file (0 bytes)",
    }
    assert "GIF" in reasons["anim.gif"] and "not supported" in reasons["anim.gif"]
    assert "HEIC" in reasons["phone.heic"]
    junk = {Path(s.path).name for s in dataset.skipped if is_junk(s)}
    assert junk == {
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
        "._img0.png",
        ".hidden.png",
        "notes.txt",
    }


def test_a_folder_of_only_junk_names_the_real_problems_first(tmp_path):
    root = tmp_path / "data"
    for name in ("cat", "dog"):
        (root / name).mkdir(parents=True)
        for junk in (".DS_Store", "Thumbs.db", "._a.png"):
            (root / name / junk).write_bytes(b"\x00junk")
    (root / "dog" / "broken.jpg").write_bytes(b"")

    with pytest.raises(DatasetError) as refused:
        scan_image_folder(root)

    message = str(refused.value)
    assert (
        "9 files were skipped: cat: no usable images in this class folder; "
        "broken.jpg: empty file (0 bytes); dog: no usable images" in message
    )
    assert ".DS_Store: system file, not an image" in message


def test_image_with_wrong_content_is_reported(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    fake = root / "cat" / "fake.jpg"
    fake.write_bytes(b"this is not a jpeg at all")
    pdf = root / "dog" / "scan.png"
    pdf.write_bytes(b"%PDF-1.4 not a png")

    dataset = scan_image_folder(root)

    reasons = skipped_paths(dataset)
    assert "not an image" in reasons[str(fake)]
    assert "PDF" in reasons[str(pdf)]
    assert dataset.counts() == {"cat": 3, "dog": 3}


def test_image_named_without_extension_is_found_by_content(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    bare = write_image(root / "cat" / "IMG_0001", ".png")

    dataset = scan_image_folder(root)

    assert str(bare) in dataset.items
    assert dataset.counts()["cat"] == 4


def test_image_in_the_root_is_reported(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    stray = write_image(root / "stray.jpg", ".jpg")
    (root / "README.txt").write_text("about this data", encoding="utf-8")

    dataset = scan_image_folder(root)

    assert str(stray) not in dataset.items
    reasons = skipped_paths(dataset)
    assert "not inside a class folder" in reasons[str(stray)]
    assert reasons[str(root / "README.txt")] == "not an image (a .txt file)"
    assert dataset.classes == ("cat", "dog")


def test_empty_class_folder_is_reported_and_not_a_class(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    (root / "fish").mkdir()
    (root / "horse").mkdir()
    (root / "horse" / "notes.txt").write_text("todo", encoding="utf-8")

    dataset = scan_image_folder(root)

    assert dataset.classes == ("cat", "dog")
    reasons = skipped_paths(dataset)
    assert "no usable images" in reasons[str(root / "fish")]
    assert "no usable images" in reasons[str(root / "horse")]


def test_hidden_folders_are_not_classes_and_are_not_listed(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    make_class(root / ".thumbnails", 2)
    make_class(root / "cat" / ".git", 2)
    (root / "__MACOSX" / "cat").mkdir(parents=True)
    (root / "__MACOSX" / "cat" / "._img0.png").write_bytes(b"\x00\x05\x16\x07")

    dataset = scan_image_folder(root)

    assert dataset.classes == ("cat", "dog")
    assert dataset.skipped == ()


def test_nested_folders_inside_a_class_belong_to_that_class(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 2, "dog": 2})
    make_class(root / "cat" / "indoor", 3)

    dataset = scan_image_folder(root)

    assert dataset.classes == ("cat", "dog")
    assert dataset.counts() == {"cat": 5, "dog": 2}


# --- layout ----------------------------------------------------------------------------------


def test_lone_wrapper_folder_is_stepped_into(tmp_path):
    root = tmp_path / "download"
    make_tree(root / "Dataset", {"0": 3, "1": 3, "2": 3})

    dataset = scan_image_folder(root)

    assert dataset.classes == ("0", "1", "2")
    assert dataset.counts() == {"0": 3, "1": 3, "2": 3}
    assert dataset.root == str(root)


def test_lone_train_folder_is_not_taken_for_a_wrapper(tmp_path):
    root = tmp_path / "data"
    make_tree(root / "train", {"cat": 3, "dog": 3})

    dataset = scan_image_folder(root)

    assert dataset.classes == ("cat", "dog")
    assert dataset.split_source == "folders"
    assert set(dataset.splits) == {"train", "val"}  # val carved from train


def test_classes_sort_naturally(tmp_path):
    root = make_tree(tmp_path / "data", {"10": 2, "2": 2, "1": 2, "Class3": 2, "class20": 2})

    dataset = scan_image_folder(root)

    assert dataset.classes == ("1", "2", "10", "Class3", "class20")


def test_natural_key():
    names = ["img10.png", "img2.png", "IMG1.png", "img2b.png", "a"]
    assert sorted(names, key=natural_key) == ["a", "IMG1.png", "img2.png", "img2b.png", "img10.png"]
    assert natural_key("Cat") == natural_key("cat")


def test_natural_key_accepts_digit_like_characters_that_are_not_numbers():
    # "²" and "①" count as digits for str.isdigit() but int() cannot read them.
    names = ["m²", "²", "①", "2", "10"]

    assert sorted(names, key=natural_key)[:2] == ["2", "10"]
    assert natural_key("٣") == ["", 3, ""]  # Arabic-Indic three is a real decimal digit


def test_class_folder_named_with_a_superscript_imports(tmp_path):
    root = make_tree(tmp_path / "data", {"²": 2, "10": 2, "2": 2})

    dataset = scan_image_folder(root)

    assert dataset.classes == ("2", "10", "²")


def test_files_in_a_class_sort_naturally(tmp_path):
    root = tmp_path / "data"
    for i in (10, 2, 1):
        write_image(root / "cat" / f"{i}.png")
    make_class(root / "dog", 2)

    dataset = scan_image_folder(root)

    cat_files = [Path(dataset.items[i]).name for i in items_of_class(dataset, "cat")]
    assert cat_files == ["1.png", "2.png", "10.png"]


# --- unusable roots --------------------------------------------------------------------------


def test_missing_root_raises_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match="not found"):
        scan_image_folder(tmp_path / "nowhere")


def test_file_as_root_raises_dataset_error(tmp_path):
    path = write_image(tmp_path / "one.png")

    with pytest.raises(DatasetError, match="Not a folder"):
        scan_image_folder(path)


def test_root_without_images_raises_clear_dataset_error(tmp_path):
    root = tmp_path / "data"
    (root / "cat").mkdir(parents=True)
    (root / "cat" / "notes.txt").write_text("nothing here", encoding="utf-8")
    (root / "dog").mkdir()

    with pytest.raises(DatasetError, match="No images found") as info:
        scan_image_folder(root)

    assert "one sub-folder per class" in str(info.value)


def test_empty_root_raises_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match="No images found"):
        scan_image_folder(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loop_in_a_class_folder_does_not_hang(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    os.symlink(root / "cat", root / "cat" / "loop")

    dataset = scan_image_folder(root)

    assert dataset.counts() == {"cat": 3, "dog": 3}
    assert all("loop" not in Path(p).parts for p in dataset.items)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_broken_symlink_to_an_image_is_reported(tmp_path):
    root = make_tree(tmp_path / "data", {"cat": 3, "dog": 3})
    broken = root / "cat" / "gone.jpg"
    os.symlink(tmp_path / "deleted.jpg", broken)

    dataset = scan_image_folder(root)

    assert dataset.counts() == {"cat": 3, "dog": 3}
    assert "cannot read" in skipped_paths(dataset)[str(broken)]


# --- loose files -----------------------------------------------------------------------------


def test_dataset_from_files_takes_classes_from_labels(tmp_path):
    files = [write_image(tmp_path / f"f{i}.jpg", ".jpg", value=i) for i in range(6)]
    labels = ["ok", "defect", "ok", "defect", "ok", "defect"]
    missing = tmp_path / "missing.jpg"

    dataset = dataset_from_files([*files, missing], [*labels, "ok"], seed=0)

    assert dataset.classes == ("defect", "ok")
    assert dataset.counts() == {"defect": 3, "ok": 3}
    assert dataset.items == tuple(str(p) for p in files)
    assert [dataset.classes[i] for i in dataset.labels] == labels
    assert skipped_paths(dataset) == {str(missing): "file not found"}
    assert dataset.counts("val") == {"defect": 1, "ok": 1}
    assert dataset.split_source == "generated"


def test_dataset_from_files_reports_unusable_files(tmp_path):
    good = [write_image(tmp_path / f"g{i}.png") for i in range(4)]
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    gif = tmp_path / "a.gif"
    gif.write_bytes(b"GIF89a" + b"\x00" * 16)
    unlabelled = write_image(tmp_path / "u.png")

    dataset = dataset_from_files(
        [*good, text, gif, unlabelled], ["a", "b", "a", "b", "a", "a", "  "]
    )

    assert dataset.items == tuple(str(p) for p in good)
    reasons = skipped_paths(dataset)
    assert reasons[str(text)] == "not an image (a .txt file)"
    assert "GIF" in reasons[str(gif)]
    assert reasons[str(unlabelled)] == "no label given"
    assert len(dataset.skipped) == 3


def test_dataset_from_files_strips_label_whitespace(tmp_path):
    files = [write_image(tmp_path / f"{i}.png") for i in range(4)]

    dataset = dataset_from_files(files, ["cat ", " cat", "dog", "dog\n"])

    assert dataset.classes == ("cat", "dog")
    assert dataset.counts() == {"cat": 2, "dog": 2}


def test_dataset_from_files_without_usable_files_raises(tmp_path):
    with pytest.raises(DatasetError):
        dataset_from_files([tmp_path / "a.jpg"], ["x"])


def test_dataset_from_files_needs_one_label_per_path(tmp_path):
    with pytest.raises(ValueError, match="same length"):
        dataset_from_files([tmp_path / "a.jpg"], ["x", "y"])


# --- Dataset and stratified_split ------------------------------------------------------------


def small_dataset() -> Dataset:
    return Dataset(
        task="image",
        classes=("cat", "dog"),
        items=("a", "b", "c", "d", "e"),
        labels=(0, 1, 0, 1, 1),
        splits=("train", "train", "val", "val", "test"),
    )


def test_counts_per_split():
    dataset = small_dataset()

    assert dataset.counts() == {"cat": 2, "dog": 3}
    assert dataset.counts("train") == {"cat": 1, "dog": 1}
    assert dataset.counts("val") == {"cat": 1, "dog": 1}
    assert dataset.counts("test") == {"cat": 0, "dog": 1}
    assert dataset.has_split("test")
    assert not dataset.drop([4]).has_split("test")
    np.testing.assert_array_equal(dataset.indices("val"), [2, 3])


def test_drop_removes_positions_and_appends_skipped():
    dataset = small_dataset()
    first = Skipped("b", "cannot decode")
    dataset = replace(dataset, skipped=(Skipped("z", "earlier"),))

    dropped = dataset.drop([1, 4], [first])

    assert dropped.items == ("a", "c", "d")
    assert dropped.labels == (0, 0, 1)
    assert dropped.splits == ("train", "val", "val")
    assert dropped.skipped == (Skipped("z", "earlier"), first)
    assert dropped.counts("train") == {"cat": 1, "dog": 0}
    assert dropped.classes == dataset.classes  # a class may become empty, it stays a class
    assert len(dataset) == 5  # the original is unchanged


def test_dataset_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        Dataset(task="image", classes=("a",), items=("x", "y"), labels=(0,), splits=("train",))


def test_stratified_split_keeps_every_class_in_train_and_val():
    labels = [0] * 10 + [1] * 6 + [2] * 2 + [3]

    splits = stratified_split(labels, val_fraction=0.2, seed=3)

    assert len(splits) == len(labels)
    for label in (0, 1, 2):
        members = [s for s, lab in zip(splits, labels, strict=True) if lab == label]
        assert "train" in members and "val" in members
    assert splits[-1] == "train"  # a single item can only train
    assert splits.count("val") == 2 + 1 + 1
    assert stratified_split(labels, 0.2, seed=3) == splits


def test_stratified_split_without_val_fraction_is_all_train():
    assert set(stratified_split([0, 0, 1, 1], val_fraction=0.0)) == {"train"}


@pytest.mark.parametrize("fraction", [-0.1, 1.0, 1.5])
def test_stratified_split_rejects_bad_fractions(fraction):
    with pytest.raises(ValueError):
        stratified_split([0, 1], val_fraction=fraction)
