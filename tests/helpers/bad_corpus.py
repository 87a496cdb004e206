"""A generated corpus of bad and awkward input: every kind a user's disk can hold, built on demand.

Over 800 lines on purpose: one catalogue of 124 kinds in seven areas, each kind beside the few
lines that build it, so that a reader (or a reviewer adding a kind) sees the whole set at once;
the tests that drive each area live in tests/unit/test_bad_input.py and tests/gui.

Each `Kind` writes its case into a folder and says what a user must see:

- `USED`: an awkward but valid input is imported (and, for images, decodes to RGB uint8);
- `SKIPPED`: the item is listed as skipped, the message naming the file and matching `reason`,
  and the good items around it are imported;
- `REFUSED`: the whole input (a text file, a model, a folder that cannot be trained on) is refused
  with one clear error naming the file and matching `reason`, never a traceback.

Areas: "image" kinds write one file into a class folder of an otherwise good image dataset
(`write_image_corpus`); "folder" kinds write a whole dataset folder; "text" kinds write one
delimited text file; "model" kinds write one `.onnx` file (or what a user takes for one): those in
`MODEL_KINDS` are refused when loaded, those in `CRAFTED_MODEL_KINDS` load and must fail (or be
made harmless) when they classify; "predict" kinds are what a user gives `predict` to read
(`PREDICT_INPUT_KINDS`: beside a good image) or to write (`CSV_KINDS`: the `--csv` file).
"project" kinds write a project folder whose files were edited by hand or crafted (`Kind.items`:
how many items it still opens with). A SKIPPED project kind opens with the problem named (the
file and the field) and the rest usable; nothing outside the project is read, written or deleted.
"lock" kinds write a project folder as a second opener (or a crafted archive) leaves it, around
its lock file (see `HELD_LOCKS`).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from tests.helpers.synthetic import make_image

USED, SKIPPED, REFUSED = "used", "skipped", "refused"
GOOD_PER_CLASS = 6
GOOD_TEXT_ROWS = 10  # rows every text kind keeps beside its bad ones
FORMAT_KEY = "classifier_studio.format"


@dataclass(frozen=True)
class Kind:
    """One kind of bad or awkward input and what a user must notice about it."""

    name: str
    area: str  # "image" | "folder" | "text" | "model" | "predict" | "project" | "lock"
    outcome: str  # USED | SKIPPED | REFUSED
    build: Callable[[Path], Path]  # writes the case under a folder; returns what the user gave
    reason: str = ""  # regex the user-facing message must match (SKIPPED / REFUSED)
    items: int | None = None  # folder/text kinds: how many good items must be imported
    shape: tuple[int, int] | None = None  # image kinds: decoded (height, width)
    rgb: tuple[int, int, int] | None = None  # image kinds: the (approximate) decoded colour
    needs_non_root: bool = False  # chmod 000 does not stop root from reading


# ----------------------------------------------------------------------------- byte builders


def encode(image_bgr: np.ndarray, ext: str, params: list[int] | None = None) -> bytes:
    ok, buffer = cv2.imencode(ext, image_bgr, params or [])
    assert ok, f"OpenCV could not encode {ext}"
    return buffer.tobytes()


def solid_bgr(height: int, width: int, rgb: tuple[int, int, int]) -> np.ndarray:
    image = np.empty((height, width, 3), np.uint8)
    image[:] = rgb[::-1]
    return image


def png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height RGB pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + png_chunk(b"IEND", b"")
    )


def palette_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """An indexed-colour PNG (colour type 3) of one palette colour."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"PLTE", bytes(rgb))
        + png_chunk(b"IDAT", zlib.compress(rows))
        + png_chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header is rewritten to claim width x height pixels."""
    data = bytearray(encode(solid_bgr(16, 16, (90, 90, 90)), ".jpg"))
    sof = data.find(b"\xff\xc0")
    assert sof > 0
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def with_exif_orientation(jpeg: bytes, orientation: int) -> bytes:
    """Splice an APP1 EXIF segment (one IFD entry: Orientation) right after the SOI marker."""
    entry = struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry + b"\x00" * 4
    payload = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + app1 + jpeg[2:]


_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)  # the standard luminance DC table
_DC_VALUES = tuple(range(12))


def _huffman_codes(bits: tuple[int, ...], values: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    codes, code, k = {}, 0, 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[values[k]] = (code, length)
            code, k = code + 1, k + 1
        code <<= 1
    return codes


def cmyk_jpeg(width: int, height: int, cmyk: tuple[int, int, int, int]) -> bytes:
    """A baseline four-component (Adobe CMYK) JPEG of one colour, written by hand: OpenCV
    cannot encode CMYK. Each 8x8 block holds only its DC coefficient; values are stored
    inverted, as Photoshop writes them (APP14 "Adobe", transform 0)."""
    assert width % 8 == 0 and height % 8 == 0
    dc_codes = _huffman_codes(_DC_BITS, _DC_VALUES)
    out_bits: list[int] = []

    def put(value: int, length: int) -> None:
        out_bits.extend((value >> (length - 1 - i)) & 1 for i in range(length))

    previous = [0, 0, 0, 0]
    stored = [255 - v for v in cmyk]
    for _ in range((width // 8) * (height // 8)):
        for c in range(4):
            dc = 8 * (stored[c] - 128)  # DCT of a flat block, quantiser 1
            diff, previous[c] = dc - previous[c], dc
            size = abs(diff).bit_length()
            put(*dc_codes[size])
            if size:
                put(diff if diff > 0 else diff + (1 << size) - 1, size)
            put(0, 1)  # end of block: the only AC symbol, code "0"
    out_bits.extend([1] * (-len(out_bits) % 8))
    scan = bytearray()
    for i in range(0, len(out_bits), 8):
        byte = int("".join(map(str, out_bits[i : i + 8])), 2)
        scan.append(byte)
        if byte == 0xFF:
            scan.append(0)

    def segment(marker: int, body: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body

    adobe = b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0)
    dqt = b"\x00" + b"\x01" * 64
    sof = struct.pack(">BHHB", 8, height, width, 4) + b"".join(
        bytes((i + 1, 0x11, 0)) for i in range(4)
    )
    dht = b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALUES)
    dht += b"\x10" + bytes((1,) + (0,) * 15) + b"\x00"
    sos = b"\x04" + b"".join(bytes((i + 1, 0x00)) for i in range(4)) + b"\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + segment(0xEE, adobe)
        + segment(0xDB, dqt)
        + segment(0xC0, sof)
        + segment(0xC4, dht)
        + segment(0xDA, sos)
        + bytes(scan)
        + b"\xff\xd9"
    )


def good_png(seed: int, rgb: tuple[int, int, int] = (220, 40, 40)) -> bytes:
    image = make_image(np.random.default_rng(seed), rgb, 32)
    return encode(cv2.cvtColor(image, cv2.COLOR_RGB2BGR), ".png")


def good_jpeg(seed: int = 0) -> bytes:
    image = make_image(np.random.default_rng(seed), (40, 200, 60), 32)
    return encode(cv2.cvtColor(image, cv2.COLOR_RGB2BGR), ".jpg")


# ----------------------------------------------------------------------------- image kinds


def _file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data() if callable(data) else data)
        return path

    return build


def _unreadable(folder: Path) -> Path:
    path = _file("locked.png", lambda: good_png(90))(folder)
    path.chmod(0)
    return path


def _symlink_loop(folder: Path) -> Path:
    first, second = folder / "loop-a.jpg", folder / "loop-b.jpg"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    return first


def _broken_symlink(folder: Path) -> Path:
    path = folder / "gone.jpg"
    path.symlink_to(folder / "deleted-long-ago.jpg")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.jpg"
    os.mkfifo(path)
    return path


def _deep_path(folder: Path) -> Path:
    deep = folder
    for i in range(6):
        deep = deep / (f"level {i} " + "x" * 50)
    return _file("deep.png", lambda: good_png(91))(deep)


_HTML = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>nope</body></html>"
_SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
_GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501
_HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def _damaged_png() -> bytes:
    data = bytearray(good_png(92))
    data[60:] = bytes(len(data) - 60)  # the header survives, the pixel data is zeroed
    return bytes(data)


def _truncated_jpeg() -> bytes:
    data = good_jpeg(93)
    return data[: len(data) // 2]


def _grey(ext: str) -> Callable[[], bytes]:
    return lambda: encode(np.full((12, 20), 128, np.uint8), ext)


def _png16() -> bytes:
    image = np.empty((10, 14, 3), np.uint16)
    image[:] = (0, 0, 65535)  # BGR: pure red
    return encode(image, ".png")


def _rgba() -> bytes:
    image = np.zeros((10, 10, 4), np.uint8)  # fully transparent: white over the background
    return encode(image, ".png")


def _exif_rotated() -> bytes:
    return with_exif_orientation(encode(solid_bgr(16, 32, (200, 30, 30)), ".jpg"), 6)


def _float_tiff() -> bytes:
    return encode(np.full((8, 8, 3), 0.5, np.float32), ".tiff")


IMAGE_KINDS: tuple[Kind, ...] = (
    Kind("zero-byte file", "image", SKIPPED, _file("empty.jpg", b""), r"empty file"),
    Kind("truncated JPEG", "image", SKIPPED, _file("cut.jpg", _truncated_jpeg), r"truncated"),
    Kind(
        "JPEG with a PNG extension",
        "image",
        USED,
        _file("actually-jpeg.png", lambda: good_jpeg(94)),
        shape=(32, 32),
    ),
    Kind("GIF named .jpg", "image", SKIPPED, _file("anim.jpg", _GIF), r"GIF .*not supported"),
    Kind("SVG named .jpg", "image", SKIPPED, _file("vector.jpg", _SVG), r"SVG .*not supported"),
    Kind("PDF named .jpg", "image", SKIPPED, _file("scan.jpg", _PDF), r"PDF .*not supported"),
    Kind("GIF with its own extension", "image", SKIPPED, _file("x.gif", _GIF), r"GIF"),
    Kind("HEIC photo", "image", SKIPPED, _file("iphone.heic", _HEIC), r"HEIC .*not supported"),
    Kind(
        "PNG decompression bomb (50,000 x 50,000)",
        "image",
        SKIPPED,
        _file("bomb.png", lambda: png_claiming(50_000, 50_000)),
        r"50000 x 50000 pixels",
    ),
    Kind(
        "JPEG decompression bomb (50,000 x 50,000)",
        "image",
        SKIPPED,
        _file("bomb.jpg", lambda: jpeg_claiming(50_000, 50_000)),
        r"50000 x 50000 pixels",
    ),
    Kind(
        "JPEG bomb under OpenCV's own limit (20,000 x 20,000)",
        "image",
        SKIPPED,
        _file("bomb20k.jpg", lambda: jpeg_claiming(20_000, 20_000)),
        r"20000 x 20000 pixels",
    ),
    Kind(
        "CMYK JPEG",
        "image",
        USED,
        _file("cmyk.jpg", lambda: cmyk_jpeg(16, 8, (0, 255, 255, 0))),
        shape=(8, 16),
        rgb=(255, 0, 0),
    ),
    Kind("16-bit PNG", "image", USED, _file("deep16.png", _png16), shape=(10, 14), rgb=(255, 0, 0)),
    Kind(
        "grey PNG", "image", USED, _file("grey.png", _grey(".png")), shape=(12, 20), rgb=(128,) * 3
    ),
    Kind("grey JPEG", "image", USED, _file("grey.jpg", _grey(".jpg")), shape=(12, 20)),
    Kind("RGBA PNG", "image", USED, _file("alpha.png", _rgba), shape=(10, 10), rgb=(255,) * 3),
    Kind(
        "palette PNG",
        "image",
        USED,
        _file("palette.png", lambda: palette_png(9, 7, (10, 200, 30))),
        shape=(7, 9),
        rgb=(10, 200, 30),
    ),
    Kind("float TIFF", "image", USED, _file("float.tiff", _float_tiff), shape=(8, 8)),
    Kind("EXIF-rotated photo", "image", USED, _file("rotated.jpg", _exif_rotated), shape=(32, 16)),
    Kind(
        "1x1 pixel",
        "image",
        USED,
        _file("dot.png", lambda: encode(solid_bgr(1, 1, (0, 0, 255)), ".png")),
        shape=(1, 1),
        rgb=(0, 0, 255),
    ),
    Kind(
        "20,000-pixel-wide panorama",
        "image",
        USED,
        _file("panorama.jpg", lambda: encode(solid_bgr(40, 20_000, (30, 90, 200)), ".jpg")),
        shape=(40, 20_000),
    ),
    Kind(
        "unicode file name",
        "image",
        USED,
        _file("蚂蚁 ñandú Ærøskøbing 🐜.png", lambda: good_png(95)),
    ),
    Kind("spaces in the name", "image", USED, _file("  my  photo  .png", lambda: good_png(96))),
    Kind("255-byte file name", "image", USED, _file("n" * 251 + ".png", lambda: good_png(97))),
    Kind("very long path (> 300 characters)", "image", USED, _deep_path),
    Kind("upper-case extension", "image", USED, _file("LOUD.JPG", lambda: good_jpeg(98))),
    Kind(
        "unreadable permission (chmod 000)",
        "image",
        SKIPPED,
        _unreadable,
        r"cannot read file \(Permission denied\)",
        needs_non_root=True,
    ),
    Kind(
        "symlink loop",
        "image",
        SKIPPED,
        _symlink_loop,
        r"cannot read file \(Too many levels of symbolic links\)",
    ),
    Kind("broken symlink", "image", SKIPPED, _broken_symlink, r"cannot read file"),
    Kind("named pipe (FIFO) named .jpg", "image", SKIPPED, _fifo, r"not a regular file"),
    Kind(
        "random bytes named .jpg",
        "image",
        SKIPPED,
        _file("noise.jpg", lambda: np.random.default_rng(3).bytes(500)),
        r"not an image",
    ),
    Kind("HTML error page named .jpg", "image", SKIPPED, _file("404.jpg", _HTML), r"not an image"),
    Kind("damaged PNG", "image", SKIPPED, _file("damaged.png", _damaged_png), r"cannot decode"),
)


def write_image_corpus(root: Path) -> dict[str, Path]:
    """root/ants and root/bees with GOOD_PER_CLASS good PNGs each, plus one file per image kind
    in ants/. Returns the path of each kind's file by kind name."""
    for index, (name, rgb) in enumerate((("ants", (220, 40, 40)), ("bees", (40, 60, 220)))):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(GOOD_PER_CLASS):
            (folder / f"good-{i}.png").write_bytes(good_png(100 * index + i, rgb))
    return {kind.name: kind.build(root / "ants") for kind in IMAGE_KINDS}


# ----------------------------------------------------------------------------- folder kinds


def _classes(root: Path, per_class: dict[str, int]) -> Path:
    for index, (name, count) in enumerate(per_class.items()):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(count):
            (folder / f"{i}.png").write_bytes(good_png(1000 + 50 * index + i))
    return root


def _duplicates_across_classes(folder: Path) -> Path:
    root = _classes(folder / "dups", {"cats": 4, "dogs": 4})
    (root / "dogs" / "copy-of-cat.png").write_bytes((root / "cats" / "0.png").read_bytes())
    return root


def _dir_symlink_loop(folder: Path) -> Path:
    root = _classes(folder / "dirloop", {"cats": 4, "dogs": 4})
    (root / "cats" / "again").symlink_to(root / "cats", target_is_directory=True)
    (root / "dogs" / "up").symlink_to(root, target_is_directory=True)
    return root


def _empty_class(folder: Path) -> Path:
    root = _classes(folder / "emptyclass", {"cats": 4, "dogs": 4})
    (root / "birds").mkdir()
    return root


def _only_bad_class(folder: Path) -> Path:
    root = _classes(folder / "badclass", {"cats": 4, "dogs": 4})
    _file("birds/a.jpg", b"")(root)
    _file("birds/b.jpg", _HTML)(root)
    return root


def _single_class(folder: Path) -> Path:
    return _classes(folder / "single", {"cats": 6})


def _one_per_class(folder: Path) -> Path:
    return _classes(folder / "oneeach", {"cats": 1, "dogs": 1})


def _all_bad(folder: Path) -> Path:
    root = folder / "allbad"
    _file("cats/a.jpg", b"")(root)
    _file("dogs/b.jpg", _HTML)(root)
    _file("dogs/c.png", lambda: png_claiming(50_000, 50_000))(root)
    return root


def _unicode_classes(folder: Path) -> Path:
    return _classes(folder / "unicode", {"蚂蚁": 3, "wild bees": 3, "Ærø": 3})


CAFE_NFC = "caf\u00e9"  # "café" as one character
CAFE_NFD = "cafe\u0301"  # "café" as "e" + a combining acute accent (how macOS names folders)
DOG_ZWSP = "dog\u200b"  # "dog" + a zero-width space


def _lookalike_classes(folder: Path) -> Path:
    return _classes(folder / "lookalike", {CAFE_NFC: 2, CAFE_NFD: 2, "dog": 2, DOG_ZWSP: 2})


def _junk_everywhere(folder: Path) -> Path:
    root = _classes(folder / "junk", {"cats": 3, "dogs": 3})
    for where in (root, root / "cats", root / "dogs"):
        (where / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(100))
        (where / "Thumbs.db").write_bytes(bytes(64))
        (where / "._0.png").write_bytes(b"\x00\x05\x16\x07" + bytes(60))  # macOS resource fork
    return root


def _file_as_root(folder: Path) -> Path:
    return _file("just-one.png", lambda: good_png(5))(folder)


FOLDER_KINDS: tuple[Kind, ...] = (
    Kind(  # both copies kept; a note (CLI: stderr) names them (test_duplicate_copies_are_named)
        "duplicate image across two classes", "folder", USED, _duplicates_across_classes, items=9
    ),
    Kind("directory symlink loop", "folder", USED, _dir_symlink_loop, items=8),
    Kind("empty class folder", "folder", SKIPPED, _empty_class, r"no usable images", items=8),
    Kind("class of only bad files", "folder", SKIPPED, _only_bad_class, r"no usable", items=8),
    Kind(
        "single class",
        "folder",
        REFUSED,
        _single_class,
        r"at least two classes.*cats",
        items=6,
    ),
    Kind("one image per class", "folder", USED, _one_per_class, items=2),
    Kind(
        "every file bad",
        "folder",
        REFUSED,
        _all_bad,
        r"No images found.*5 files were skipped.*a\.jpg: empty file",
    ),
    Kind("unicode and spaces in class names", "folder", USED, _unicode_classes, items=9),
    Kind(  # kept as four classes, with a warning naming each pair (test_lookalike_class_names)
        "look-alike class names (NFC/NFD, zero-width space)",
        "folder",
        USED,
        _lookalike_classes,
        items=8,
    ),
    Kind(  # listed, never an error (test_junk_files_are_each_listed_with_what_they_are)
        ".DS_Store, Thumbs.db and ._ files",
        "folder",
        SKIPPED,
        _junk_everywhere,
        r"^system file, not an image \((macOS|Windows) ",
        items=6,
    ),
    Kind("a file given instead of a folder", "folder", REFUSED, _file_as_root, r"Not a folder"),
)


# ----------------------------------------------------------------------------- text kinds

_POS = ("great stay and lovely staff", "clean room and a quiet night", "would come back")
_NEG = ("dirty bathroom", "noisy and rude people at the desk", "never again")


def good_rows(n: int = GOOD_TEXT_ROWS) -> list[tuple[str, str]]:
    """(text, label) rows, half "pos", half "neg", every text distinct."""
    rows = []
    for i in range(n):
        texts, label = (_POS, "pos") if i % 2 == 0 else (_NEG, "neg")
        rows.append((f"{texts[i % 3]} #{i}", label))
    return rows


def _delimited(rows: list[tuple[str, ...]], delimiter: str = ",", newline: str = "\n") -> str:
    return "".join(delimiter.join(row) + newline for row in rows)


def _text(
    name: str, content: str | bytes | Callable[[], str | bytes], encoding: str = "utf-8"
) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        value = content() if callable(content) else content
        path.write_bytes(value if isinstance(value, bytes) else value.encode(encoding))
        return path

    return build


def _with_bad_row(bad: str, delimiter: str = ",") -> str:
    rows: list[tuple[str, ...]] = [("text", "label"), *good_rows()]
    rows.insert(4, tuple(bad.split(delimiter)) if delimiter in bad else (bad,))
    return _delimited(rows, delimiter)


def _chinese_rows() -> list[tuple[str, str]]:
    return [
        (f"房间很干净，服务很好 {i}" if i % 2 else f"太吵了，不会再来 {i}", str(i % 2))
        for i in range(10)
    ]


def _mixed_newlines() -> str:
    lines = ["text,label", *(f"{t},{lab}" for t, lab in good_rows())]
    endings = ["\r\n", "\n", "\r"]
    return "".join(line + endings[i % 3] for i, line in enumerate(lines))


def _numeric_labels() -> str:
    rows = [("text", "label")]
    rows += [(f"sample number {i}", ("1", "2", "10", "2.0")[i % 4]) for i in range(12)]
    return _delimited(rows)


def _ragged() -> str:
    rows: list[tuple[str, ...]] = [
        ("text", "label", "source"),
        *(r + ("web",) for r in good_rows()),
    ]
    rows.insert(3, ("too", "many", "fields", "here"))
    rows.insert(6, ("only one field",))
    return _delimited(rows)


def _invalid_utf8() -> bytes:
    head = _delimited([("text", "label"), *good_rows()[:5]]).encode()
    tail = _delimited(good_rows()[5:]).encode()
    return head + b"caf\xe9 au lait \xff\xfe,pos\n" + tail


def _nul_row() -> bytes:
    head = _delimited([("text", "label"), *good_rows()[:5]]).encode()
    tail = _delimited(good_rows()[5:]).encode()
    return head + b"bin\x00ary\x00junk,neg\n" + tail


def _unbalanced_quote() -> str:
    rows = [("text", "label"), *good_rows()]
    lines = [",".join(f'"{c}"' for c in row) for row in rows]
    lines.insert(5, '"she said ""hi"" and then, pos')
    return "\n".join(lines) + "\n"


def _lookalike_labels() -> str:
    labels = (CAFE_NFC, CAFE_NFD, "dog", DOG_ZWSP)
    rows = [("text", "label")] + [
        (f"{t} #{i}", labels[i % 4]) for i, (t, _) in enumerate(good_rows(12))
    ]
    return _delimited(rows)


def _many_labels() -> str:
    """2,000 classes of two rows each: many classes, but not one per row (trained, not refused)."""
    rows = [("text", "label")]
    rows += [(f"{_NEG[i % 3]} in room {i} ({r})", f"room {i}") for i in range(2000) for r in (1, 2)]
    return _delimited(rows)


def _free_text_labels() -> str:
    """A review column taken for the label: every row's "label" is its own."""
    rows = [("label", "text")]
    rows += [(f"{_POS[i % 3]}, said guest {i}", f"review {i}") for i in range(80)]
    return _delimited(rows, "\t")


def _xlsx() -> bytes:
    return b"PK\x03\x04\x14\x00\x06\x00" + bytes(30) + b"[Content_Types].xml" + bytes(200)


TEXT_KINDS: tuple[Kind, ...] = (
    Kind(
        "UTF-8 CSV",
        "text",
        USED,
        _text("utf8.csv", lambda: _delimited([("text", "label"), *good_rows()])),
        items=10,
    ),
    Kind(
        "UTF-8 CSV with a BOM",
        "text",
        USED,
        _text("bom.csv", lambda: _delimited([("text", "label"), *good_rows()]), "utf-8-sig"),
        items=10,
    ),
    Kind(
        "GBK CSV",
        "text",
        USED,
        _text("gbk.csv", lambda: _delimited([("review", "label"), *_chinese_rows()]), "gbk"),
        items=10,
    ),
    Kind(
        "UTF-16 TSV with a BOM",
        "text",
        USED,
        _text(
            "u16.tsv",
            lambda: _delimited([("label", "text"), *((b, a) for a, b in _chinese_rows())], "\t"),
            "utf-16",
        ),  # noqa: E501
        items=10,
    ),
    Kind(
        "UTF-16 LE TSV without a BOM",
        "text",
        USED,
        _text(
            "u16le.tsv", lambda: _delimited([("text", "label"), *good_rows()], "\t"), "utf-16-le"
        ),  # noqa: E501
        items=10,
    ),
    Kind(
        "missing label column",
        "text",
        REFUSED,
        _text("onecol.csv", lambda: "".join(f"{t}\n" for t, _ in good_rows())),
        r"one column",
    ),
    Kind(
        "empty texts",
        "text",
        SKIPPED,
        _text("emptytext.csv", lambda: _with_bad_row(",pos")),
        r"empty text|missing text",
        items=10,
    ),
    Kind(
        "a 1 MB text cell",
        "text",
        SKIPPED,
        _text("huge.csv", lambda: _with_bad_row("x" * 1_100_000 + ",neg")),
        r"larger than 1 MB",
        items=10,
    ),
    Kind("NUL bytes", "text", SKIPPED, _text("nul.csv", _nul_row), r"NUL", items=10),
    Kind("mixed newlines", "text", USED, _text("newlines.csv", _mixed_newlines), items=10),
    Kind(
        "ragged rows",
        "text",
        SKIPPED,
        _text("ragged.csv", _ragged),
        r"expected 3 fields, found 4|missing label",
        items=10,
    ),
    Kind(
        "labels that look like numbers", "text", USED, _text("nums.csv", _numeric_labels), items=12
    ),
    Kind(
        "bytes that are not UTF-8",
        "text",
        SKIPPED,
        _text("latin1row.csv", _invalid_utf8),
        r"not valid",
        items=10,
    ),
    Kind(
        "row without a label",
        "text",
        SKIPPED,
        _text("nolabel.csv", lambda: _with_bad_row("a text without its label,")),
        r"missing label",
        items=10,
    ),
    Kind(
        "unbalanced quote",
        "text",
        SKIPPED,
        _text("quote.csv", _unbalanced_quote),
        r"quote|cannot parse|expected 2 fields|missing label",
        items=10,
    ),
    Kind(
        "header only",
        "text",
        REFUSED,
        _text("header.csv", "text,label\n"),
        r"header\.csv",
    ),
    Kind("zero-byte CSV", "text", REFUSED, _text("empty.csv", b""), r"empty\.csv.*empty"),
    Kind(
        "one class only",
        "text",
        REFUSED,
        _text(
            "oneclass.csv",
            lambda: _delimited([("text", "label"), *((t, "pos") for t, _ in good_rows())]),
        ),  # noqa: E501
        r"Only one class",
    ),
    Kind(
        "a PNG named .csv",
        "text",
        REFUSED,
        _text("picture.csv", lambda: good_png(7)),
        r"picture\.csv.*(image|binary)",
    ),
    Kind(
        "an Excel workbook named .csv",
        "text",
        REFUSED,
        _text("book.csv", _xlsx),
        r"book\.csv.*(Excel|binary)",
    ),
    Kind(  # kept as four classes, with a warning naming each pair (test_lookalike_class_names)
        "look-alike labels (NFC/NFD, zero-width space)",
        "text",
        USED,
        _text("lookalike.csv", _lookalike_labels),
        items=12,
    ),
    Kind(
        "2,000 classes of two rows each",
        "text",
        USED,
        _text("manylabels.csv", _many_labels),
        items=4000,
    ),
    Kind(
        "a label column of free text (one class per row)",
        "text",
        REFUSED,
        _text("freetext.tsv", _free_text_labels),
        r"freetext\.tsv: the label column 'label' holds 80 different values in 80 rows.*free text",
    ),
    Kind(
        "labels with stray spaces",
        "text",
        USED,
        _text(
            "spaces.csv",
            lambda: _delimited([("text", "label"), *((t, f"  {lab} ") for t, lab in good_rows())]),
        ),  # noqa: E501
        items=10,
    ),
)


# ----------------------------------------------------------------------------- model kinds


def _onnx_model(metadata: dict[str, str] | None, broken: bool = False, outputs: int = 2) -> bytes:
    """A small image-shaped model (uint8 NHWC in, `outputs` probabilities out)."""
    import onnx
    from onnx import TensorProto
    from onnx import helper as oh

    nodes = [
        oh.make_node("Cast", ["image"], ["f"], to=TensorProto.FLOAT),
        oh.make_node("ReduceMean", ["f"], ["m"], axes=[1, 2], keepdims=0),
        oh.make_node("Slice", ["m", "starts", "ends", "axes"], ["s"]),
        oh.make_node("Softmax", ["s" if not broken else "nowhere"], ["probabilities"], axis=1),
    ]
    consts = [
        oh.make_tensor("starts", TensorProto.INT64, [1], [0]),
        oh.make_tensor("ends", TensorProto.INT64, [1], [outputs]),
        oh.make_tensor("axes", TensorProto.INT64, [1], [1]),
    ]
    graph = oh.make_graph(
        nodes,
        "g",
        [oh.make_tensor_value_info("image", TensorProto.UINT8, ["batch", "h", "w", 3])],
        [oh.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", outputs])],
        initializer=consts,
    )
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 13)])
    model.ir_version = 8
    for key, value in (metadata or {}).items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=key, value=value))
    return model.SerializeToString()


def _meta(**changes: str) -> dict[str, str]:
    base = {FORMAT_KEY: "1", "task": "image", "labels": json.dumps(["ants", "bees"])}
    base.update(changes)
    return {k: v for k, v in base.items() if v != "<drop>"}


def _huge(folder: Path) -> Path:
    path = folder / "huge.onnx"
    with open(path, "wb") as handle:  # sparse: no disk space used
        handle.truncate(2 * 1024**3 + 1)
    return path


def _model_folder(folder: Path) -> Path:
    path = folder / "folder.onnx"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return folder / "missing.onnx"


def _model_pipe(folder: Path) -> Path:
    path = folder / "pipe.onnx"
    os.mkfifo(path)
    return path


MODEL_KINDS: tuple[Kind, ...] = (
    Kind(
        "corrupt ONNX",
        "model",
        REFUSED,
        _text("corrupt.onnx", b"\x08\x07garbage" * 10),
        r"corrupt\.onnx.*not a valid ONNX model",
    ),  # noqa: E501
    Kind("zero-byte ONNX", "model", REFUSED, _text("zero.onnx", b""), r"zero\.onnx.*empty"),
    Kind(
        "ONNX without our metadata",
        "model",
        REFUSED,
        _text("foreign.onnx", lambda: _onnx_model(None)),
        r"foreign\.onnx.*not exported by Classifier Studio",
    ),  # noqa: E501
    Kind("huge ONNX (over 2 GB)", "model", REFUSED, _huge, r"huge\.onnx.*larger than"),
    Kind(
        "damaged labels metadata",
        "model",
        REFUSED,
        _text("badlabels.onnx", lambda: _onnx_model(_meta(labels="[ants"))),
        r"badlabels\.onnx.*labels",
    ),  # noqa: E501
    Kind(
        "empty labels metadata",
        "model",
        REFUSED,
        _text("nolabels.onnx", lambda: _onnx_model(_meta(labels="[]"))),
        r"nolabels\.onnx.*labels",
    ),  # noqa: E501
    Kind(
        "labels not matching the outputs",
        "model",
        REFUSED,
        _text("mismatch.onnx", lambda: _onnx_model(_meta(labels='["a", "b", "c"]'))),
        r"mismatch\.onnx.*3 labels.*2",
    ),  # noqa: E501
    Kind(
        "missing task metadata",
        "model",
        REFUSED,
        _text("notask.onnx", lambda: _onnx_model(_meta(task="<drop>"))),
        r"notask\.onnx.*task",
    ),  # noqa: E501
    Kind(
        "unknown task",
        "model",
        REFUSED,
        _text("audio.onnx", lambda: _onnx_model(_meta(task="audio"))),
        r"audio\.onnx.*audio",
    ),  # noqa: E501
    Kind(
        "newer model format",
        "model",
        REFUSED,
        _text("future.onnx", lambda: _onnx_model(_meta(**{FORMAT_KEY: "99"}))),
        r"future\.onnx.*newer",
    ),  # noqa: E501
    Kind(
        "invalid graph with our metadata",
        "model",
        REFUSED,
        _text("broken.onnx", lambda: _onnx_model(_meta(), broken=True)),
        r"broken\.onnx.*not a valid ONNX model",
    ),  # noqa: E501
    Kind(
        "a PNG named .onnx",
        "model",
        REFUSED,
        _text("picture.onnx", lambda: good_png(8)),
        r"picture\.onnx.*not a valid ONNX model",
    ),  # noqa: E501
    Kind("a folder named .onnx", "model", REFUSED, _model_folder, r"folder\.onnx.*folder"),
    Kind("missing model file", "model", REFUSED, _missing, r"not found.*missing\.onnx"),
    Kind("a named pipe named .onnx", "model", REFUSED, _model_pipe, r"pipe\.onnx.*not a regular"),
)

# ------------------------------------------------------------------ crafted models (at run time)


def _finish(model, metadata: dict[str, str]) -> bytes:
    import onnx

    onnx.checker.check_model(model)
    for key, value in metadata.items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=key, value=value))
    return model.SerializeToString()


def _image_graph(extra_nodes: list, extra_inits: list, head: str, extra_outputs: list = ()):
    """An image model (opset 17) whose probabilities come from `head` [batch, 2]."""
    from onnx import TensorProto
    from onnx import helper as oh

    nodes = [
        oh.make_node("Cast", ["image"], ["f"], to=TensorProto.FLOAT),
        oh.make_node("ReduceMean", ["f"], ["m"], axes=[1, 2], keepdims=0),
        oh.make_node("Slice", ["m", "starts", "ends", "axes"], ["s"]),
        *extra_nodes,
        oh.make_node("Softmax", [head], ["probabilities"], axis=1),
    ]
    inits = [
        oh.make_tensor("starts", TensorProto.INT64, [1], [0]),
        oh.make_tensor("ends", TensorProto.INT64, [1], [2]),
        oh.make_tensor("axes", TensorProto.INT64, [1], [1]),
        *extra_inits,
    ]
    graph = oh.make_graph(
        nodes,
        "g",
        [oh.make_tensor_value_info("image", TensorProto.UINT8, ["batch", "h", "w", 3])],
        [
            oh.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2]),
            *extra_outputs,
        ],
        inits,
    )
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def _endless_loop_model() -> bytes:
    """A `Loop` with no trip count whose condition stays true: it never ends by itself."""
    from onnx import TensorProto
    from onnx import helper as oh

    body = oh.make_graph(
        [
            oh.make_node("Identity", ["cond_in"], ["cond_out"]),
            oh.make_node("Identity", ["x_in"], ["x_out"]),
        ],
        "body",
        [
            oh.make_tensor_value_info("iteration", TensorProto.INT64, []),
            oh.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
            oh.make_tensor_value_info("x_in", TensorProto.FLOAT, ["b", "c"]),
        ],
        [
            oh.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
            oh.make_tensor_value_info("x_out", TensorProto.FLOAT, ["b", "c"]),
        ],
    )
    loop = oh.make_node("Loop", ["", "forever", "s"], ["looped"], body=body)
    forever = oh.make_tensor("forever", TensorProto.BOOL, [], [True])
    return _finish(_image_graph([loop], [forever], "looped"), _meta())


def _huge_buffer_model() -> bytes:
    """A model that asks for a [batch x 2^30, 2^30] float buffer (2^60 elements) at run time."""
    from onnx import TensorProto
    from onnx import helper as oh

    nodes = [
        oh.make_node("Shape", ["image"], ["shape"], start=0, end=1),
        oh.make_node("Mul", ["shape", "big"], ["rows"]),
        oh.make_node("Concat", ["rows", "big"], ["wanted"], axis=0),
        oh.make_node(
            "ConstantOfShape",
            ["wanted"],
            ["zeros"],
            value=oh.make_tensor("v", TensorProto.FLOAT, [1], [0.0]),
        ),
        oh.make_node("ReduceSum", ["zeros", "one"], ["sums"], keepdims=1),
    ]
    inits = [
        oh.make_tensor("big", TensorProto.INT64, [1], [2**30]),
        oh.make_tensor("one", TensorProto.INT64, [1], [1]),
    ]
    extra = [oh.make_tensor_value_info("sums", TensorProto.FLOAT, ["rows", 1])]
    return _finish(_image_graph(nodes, inits, "s", extra), _meta())


def text_model(tokenizer_json: str, labels: tuple[str, str] = ("neg", "pos")) -> bytes:
    """A tiny text model (token ids in, 2 probabilities out) carrying `tokenizer_json`."""
    from onnx import TensorProto
    from onnx import helper as oh

    nodes = [
        oh.make_node("Cast", ["input_ids"], ["f"], to=TensorProto.FLOAT),
        oh.make_node("ReduceMean", ["f"], ["m"], axes=[1], keepdims=1),
        oh.make_node("MatMul", ["m", "w"], ["logits"]),
        oh.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = oh.make_graph(
        nodes,
        "text",
        [
            oh.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            oh.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [oh.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2])],
        [oh.make_tensor("w", TensorProto.FLOAT, [1, 2], [0.5, -0.5])],
    )
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 17)])
    model.ir_version = 8
    return _finish(
        model, _meta(task="text", labels=json.dumps(list(labels)), tokenizer=tokenizer_json)
    )


def word_tokenizer(pattern: str | None = None) -> str:
    """A word-level tokenizer's JSON; with `pattern`, words are split by that regex instead."""
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers

    tokenizer = Tokenizer(models.WordLevel({"[UNK]": 0, "good": 1, "bad": 2}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = (
        pre_tokenizers.Whitespace()
        if pattern is None
        else pre_tokenizers.Split(Regex(pattern), "isolated")
    )
    return tokenizer.to_str()


# Texts that make the crafted tokenizer's regex backtrack past the regex engine's limit.
EXPLODING_TEXTS = ("a" * 64 + "!",)


def _exploding_regex_model() -> bytes:
    return text_model(word_tokenizer(r"(a|aa)+$"))


ESCAPE_LABEL = "\x1b]0;pwned\x07\x1b[31mred\x9b0m\u202e"  # title, colour, C1 CSI, bidi
FORMULA_LABEL = '=HYPERLINK("http://example.invalid","click")'


def _hostile_labels_model() -> bytes:
    return _onnx_model(_meta(labels=json.dumps([ESCAPE_LABEL, FORMULA_LABEL])))


CRAFTED_MODEL_KINDS: tuple[Kind, ...] = (
    Kind(
        "a model asking for a 2^60-element buffer",
        "model",
        REFUSED,
        _text("hugebuffer.onnx", _huge_buffer_model),
        r"hugebuffer\.onnx asks for [\d,]+ GB in one buffer",
    ),
    Kind(
        "an endless Loop",
        "model",
        REFUSED,
        _text("endless.onnx", _endless_loop_model),
        r"endless\.onnx was stopped: .* longer than 1 s",
    ),
    Kind(
        "a text model whose tokenizer regex explodes",
        "model",
        REFUSED,
        _text("regex.onnx", _exploding_regex_model),
        r"regex\.onnx: its tokenizer failed",
    ),
    Kind(
        "labels with terminal escapes and spreadsheet formulas",
        "model",
        USED,
        _text("hostile.onnx", _hostile_labels_model),
    ),
)


# ----------------------------------------------------------------------------- what predict reads


def _pipe_among_images(folder: Path) -> Path:
    root = folder / "to-classify"
    root.mkdir()
    (root / "a.png").write_bytes(good_png(11))
    os.mkfifo(root / "b.jpg")
    return root / "b.jpg"


def _dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


def _pipe_of_texts(folder: Path) -> Path:
    path = folder / "texts.txt"
    os.mkfifo(path)
    return path


PREDICT_INPUT_KINDS: tuple[Kind, ...] = (
    Kind(
        "a named pipe among the images to classify",
        "predict",
        SKIPPED,
        _pipe_among_images,
        r"not a regular file",
    ),
    Kind("/dev/zero given to predict", "predict", SKIPPED, _dev_zero, r"not a regular file"),
    Kind(
        "a named pipe given as a file of texts",
        "predict",
        SKIPPED,
        _pipe_of_texts,
        r"not a regular file",
    ),
)


# Models whose trust metadata (issue 18: `unsure_threshold`, `calibration`) was edited by hand:
# the model is USED as one without it (no "unsure" answer, temperature 1 in `evaluate`); a
# readable threshold beside a damaged calibration entry still counts.
MODEL_METADATA_KINDS: tuple[Kind, ...] = (
    Kind(
        "unsure threshold not a number",
        "model",
        USED,
        _text("threshold-word.onnx", lambda: _onnx_model(_meta(unsure_threshold="sure"))),
    ),
    Kind(
        "unsure threshold above 1",
        "model",
        USED,
        _text("threshold-big.onnx", lambda: _onnx_model(_meta(unsure_threshold="1.5"))),
    ),
    Kind(
        "unsure threshold NaN",
        "model",
        USED,
        _text("threshold-nan.onnx", lambda: _onnx_model(_meta(unsure_threshold="nan"))),
    ),
    Kind(
        "damaged calibration metadata",
        "model",
        USED,
        _text(
            "calibration-cut.onnx",
            lambda: _onnx_model(_meta(calibration='{"temperature": ', unsure_threshold="0.6")),
        ),
    ),
)

# ----------------------------------------------------------------------------- project kinds

PROJECT_ITEMS = 4  # items in the good project every project kind starts from
STALE_TEMP = ".victim.json.a1b2c3.tmp"  # a temp file name the app cleans up in its own folders


def _good_project() -> tuple[dict, dict]:
    """project.json and dataset.json of a good image project with one finished run."""
    meta = {
        "format": 1,
        "app": "Classifier Studio",
        "name": "corpus",
        "task": "image",
        "created": "2026-01-01T00:00:00",
        "modified": "2026-01-01T00:00:00",
        "settings": {"max_epochs": 5},
        "sources": [],
        "runs": [
            {
                "id": "run-0001",
                "status": "finished",
                "started": "2026-01-01T00:00:00",
                "config": {"max_epochs": 5},
                "summary": {"accuracy": 0.9},
                "message": "",
                "message_phrase": None,
            }
        ],
        "exports": [],
    }
    items = [[f"/data/{c}/{i}.png", c, "train" if i else "val"] for c in "ab" for i in range(2)]
    data = {"format": 1, "classes": ["a", "b"], "items": items, "skipped": [], "skipped_keys": []}
    return meta, data


def outside_folder(folder: Path) -> Path:
    """A folder beside the project a crafted file points at: a stale temp file (which the app
    deletes in its own folders) and a result.json (which it reads) that must stay untouched."""
    outside = folder / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    stale = outside / STALE_TEMP
    stale.write_text("not the app's")
    old = 1_000_000_000  # 2001: far older than any "stale" limit
    os.utime(stale, (old, old))
    (outside / "result.json").write_text('{"format": 1}')
    return outside


def project_builder(
    edit: Callable[[dict, dict, Path], None] | None = None,
    dataset_text: str | None = None,
) -> Callable[[Path], Path]:
    """A builder: the good project, changed by `edit(meta, data, outside)` (or with this
    dataset.json text); returns the project folder."""

    def build(folder: Path) -> Path:
        project = folder / "project"
        (project / "runs" / "run-0001").mkdir(parents=True)
        outside = outside_folder(folder)
        meta, data = _good_project()
        if edit is not None:
            edit(meta, data, outside)
        (project / "project.json").write_text(json.dumps(meta), encoding="utf-8")
        text = json.dumps(data) if dataset_text is None else dataset_text
        (project / "dataset.json").write_text(text, encoding="utf-8")
        return project

    return build


def _run(meta: dict, **changes) -> None:
    meta["runs"][0].update(changes)


def _linked(
    what: str, edit: Callable[[dict, dict, Path], None] | None = None
) -> Callable[[Path], Path]:
    """The good project with `what` (a path under it) replaced by a link to the outside folder
    (or to its result.json)."""

    def build(folder: Path) -> Path:
        project = project_builder(edit)(folder)
        link = project / what
        if link.is_dir():
            shutil.rmtree(link)
        target = folder / "outside" / ("result.json" if link.suffix == ".json" else "")
        os.symlink(target, link)
        return project

    return build


def project_with_result(config: object) -> Callable[[Path], Path]:
    """A run left "running" whose result.json holds `config` (the rest well formed)."""

    def build(folder: Path) -> Path:
        project = project_builder(lambda m, d, out: _run(m, status="running"))(folder)
        result = {"format": 1, "config": config, "classes": ["a", "b"], "timings": {}}
        for key in ("history", "reference_items", "reference_probabilities"):
            result[key] = []
        for key in ("eval_items", "eval_labels", "eval_probabilities"):
            result[key] = []
        run = project / "runs" / "run-0001"
        (run / "result.json").write_text(json.dumps(result), encoding="utf-8")
        (run / "head.onnx").write_bytes(b"")
        return project

    return build


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


# ----------------------------------------------------------------------------- project kinds
# A project folder as a second opener (or a crafted archive) leaves it; `build` returns the folder.
# USED: it opens to be changed, and its next run gets a fresh id; REFUSED: opening it to change it
# is refused with one sentence naming the folder or the lock file (`reason`), nothing outside is
# written, and it still opens read-only for viewing.
HELD_LOCKS: list = []  # the locks "project open in another window" holds; the test releases them


def _project(folder: Path) -> Path:
    from desktop_app.core.project import Project

    path = folder / "project"
    Project.create(path, "Corpus").close()
    return path


def _project_held(folder: Path) -> Path:
    from desktop_app.core.project_lock import acquire_project_lock

    path = _project(folder)
    HELD_LOCKS.append(acquire_project_lock(path))  # another window of this process holds it
    return path


def _project_stale_lock(folder: Path) -> Path:
    """The lock file of a holder that crashed: a pid no process of this host has."""
    import socket

    path = _project(folder)
    holder = {"pid": 2**22 + 4321, "host": socket.gethostname(), "since": "2020-01-01 00:00:00"}
    (path / "project.lock").write_text(json.dumps(holder))
    return path


def _project_garbage_lock(folder: Path) -> Path:
    path = _project(folder)
    (path / "project.lock").write_bytes(b"\xff\x00not json" * 100)
    return path


def _project_lock_links_outside(folder: Path) -> Path:
    """project.lock is a link to a file outside the project (taking the lock would truncate it)."""
    path = _project(folder)
    (path / "project.lock").unlink()
    outside = folder / "outside.txt"
    outside.write_text("precious")
    (path / "project.lock").symlink_to(outside)
    return path


def _project_lock_hard_link(folder: Path) -> Path:
    path = _project(folder)
    (path / "project.lock").unlink()
    outside = folder / "outside.txt"
    outside.write_text("precious")
    os.link(outside, path / "project.lock")
    return path


def _project_lock_folder(folder: Path) -> Path:
    path = _project(folder)
    (path / "project.lock").unlink()
    (path / "project.lock").mkdir()
    return path


def _project_lock_fifo(folder: Path) -> Path:
    path = _project(folder)
    (path / "project.lock").unlink()
    os.mkfifo(path / "project.lock")
    return path


def _project_run_folder_taken(folder: Path) -> Path:
    """runs/run-0001 exists but project.json does not list it (another writer's run)."""
    path = _project(folder)
    (path / "runs" / "run-0001").mkdir(parents=True)
    (path / "runs" / "run-0001" / "result.json").write_text("{}")
    return path


PROJECT_KINDS: tuple[Kind, ...] = (
    Kind(
        "run id an absolute path",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: _run(m, id=str(out), status="running")),
        r"project\.json.*runs\[0\]\.id.*must be a run id",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "run id climbing out with ../",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: _run(m, id="../../outside", status="running")),
        r"project\.json.*runs\[0\]\.id.*\.\./\.\./outside",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "run id run-abc",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: _run(m, id="run-abc")),
        r"project\.json.*runs\[0\]\.id.*run-abc.*left out",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "run folder a link out of the project",
        "project",
        SKIPPED,
        _linked("runs/run-0001", lambda m, d, out: _run(m, status="running")),
        r"run-0001 is a link to .*outside.*outside the project",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "runs folder a link out of the project",
        "project",
        SKIPPED,
        _linked("runs"),
        r"runs is a link to .*outside.*outside the project",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "result.json a link out of the project",
        "project",
        SKIPPED,
        _linked("runs/run-0001/result.json"),
        r"result\.json is a link to .*outside.*outside the project",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "unknown run status",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: _run(m, status="paused")),
        r"project\.json.*status.*paused.*unreadable",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "run config a list",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: _run(m, config=[])),
        r"project\.json.*runs\[0\].*config.*must be an object",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "run accuracy a text",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: _run(m, summary={"accuracy": "high"})),
        r"project\.json.*accuracy.*\"high\"",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "a setting of the wrong type",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: m["settings"].update(max_epochs="many")),
        r"project\.json.*settings\.max_epochs.*\"many\"",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "NaN accuracy",
        "project",
        USED,
        project_builder(lambda m, d, out: _run(m, summary={"accuracy": float("nan")})),
        items=PROJECT_ITEMS,
    ),
    Kind(
        "item label not in classes",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: d["items"][0].__setitem__(1, "zebra")),
        r"dataset\.json.*items\[0\].*zebra.*not in \"classes\"",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "classes a string",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: d.update(classes="abc")),
        r"dataset\.json.*\"classes\" must be a list.*\"abc\"",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "item [null, {}, 7]",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: d["items"].append([None, {}, 7])),
        r"dataset\.json.*items\[4\].*\[null, \{\}, 7\].*left out",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "unknown split",
        "project",
        SKIPPED,
        project_builder(lambda m, d, out: d["items"][0].__setitem__(2, "training")),
        r"dataset\.json.*items\[0\].*\"training\".*train, val, test",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "result.json config a list",
        "project",
        SKIPPED,
        project_with_result([]),
        r"result\.json.*\"config\" must be an object",
        items=PROJECT_ITEMS,
    ),
    Kind(
        "a skipped reason's phrase nested 900 deep",
        "project",
        USED,
        project_builder(
            lambda m, d, out: d.update(
                skipped=[["/data/x.gif", "not an image"]],
                skipped_keys=[{"key": "dataset.not_found", "params": json.loads(_deep(900))}],
            )
        ),
        items=PROJECT_ITEMS,
    ),
    Kind(
        "dataset.json nested 200,000 deep",
        "project",
        REFUSED,
        project_builder(dataset_text=_deep(200_000)),
        r"dataset\.json.*nested too deeply",
    ),
    Kind(
        "items not a list",
        "project",
        REFUSED,
        project_builder(lambda m, d, out: d.update(items={"a": 1})),
        r"dataset\.json cannot be used.*\"items\" must be a list",
    ),
    Kind(
        "unknown project task",
        "project",
        REFUSED,
        project_builder(lambda m, d, out: m.update(task="audio")),
        r"project\.json.*unknown task \"audio\"",
    ),
)


def _csv_folder(folder: Path) -> Path:
    path = folder / "results.csv"
    path.mkdir()
    return path


CSV_KINDS: tuple[Kind, ...] = (
    Kind(
        "a folder as the --csv file",
        "predict",
        REFUSED,
        _csv_folder,
        r"results\.csv: it is a folder",
    ),
    Kind(
        "a read-only place as the --csv file",
        "predict",
        REFUSED,
        lambda folder: Path("/proc/results.csv"),  # read-only even for root
        r"Cannot write the results to /proc/results\.csv",
    ),
)


LOCK_KINDS: tuple[Kind, ...] = (
    Kind(
        "project open in another window",
        "lock",
        REFUSED,
        _project_held,
        r"project is open in another Classifier Studio \(process \d+ on .*, since",
    ),
    Kind("project lock of a crashed holder", "lock", USED, _project_stale_lock),
    Kind("project lock file of garbage", "lock", USED, _project_garbage_lock),
    Kind(
        "project lock linked outside",
        "lock",
        REFUSED,
        _project_lock_links_outside,
        r"lock file .*project\.lock is not a plain file",
    ),
    Kind(
        "project lock hard-linked outside",
        "lock",
        REFUSED,
        _project_lock_hard_link,
        r"lock file .*project\.lock is not a plain file",
    ),
    Kind(
        "project lock is a folder",
        "lock",
        REFUSED,
        _project_lock_folder,
        r"lock file .*project\.lock is not a plain file",
    ),
    Kind(
        "project lock is a named pipe",
        "lock",
        REFUSED,
        _project_lock_fifo,
        r"lock file .*project\.lock is not a plain file",
    ),
    Kind("run folder taken by another writer", "lock", USED, _project_run_folder_taken),
)

KINDS: tuple[Kind, ...] = (
    IMAGE_KINDS
    + FOLDER_KINDS
    + TEXT_KINDS
    + MODEL_KINDS
    + CRAFTED_MODEL_KINDS
    + PREDICT_INPUT_KINDS
    + CSV_KINDS
    + MODEL_METADATA_KINDS
    + PROJECT_KINDS
    + LOCK_KINDS
)
assert len({k.name for k in KINDS}) == len(KINDS), "kind names must be unique"


def model_for_tests(folder: Path) -> Path:
    """A valid model carrying our metadata (ants / bees): the good case beside the bad ones."""
    return _text("good.onnx", lambda: _onnx_model(_meta()))(folder)
