"""A small ICC v2 display profile (matrix + gamma curves) made in the test, e.g. Adobe RGB (1998),
so colour-management tests need no profile files from the system."""

from __future__ import annotations

import struct

D50 = (0.9642, 1.0, 0.8249)
# Adobe RGB (1998) primaries, Bradford-adapted to D50 (as in Adobe's own profile), gamma 563/256
ADOBE_RGB = ((0.60974, 0.31111, 0.01947), (0.20528, 0.62567, 0.06087), (0.14919, 0.06322, 0.74457))


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    body = b"desc\0\0\0\0" + struct.pack(">I", len(ascii_text)) + ascii_text
    return body + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67


def _curve(gamma_u8f8: int) -> bytes:
    return b"curv\0\0\0\0" + struct.pack(">IH", 1, gamma_u8f8) + b"\0\0"


def rgb_profile(
    description: str = "Test Adobe RGB (1998)",
    primaries: tuple[tuple[float, float, float], ...] = ADOBE_RGB,
    gamma_u8f8: int = 563,
) -> bytes:
    """ICC bytes of an RGB display profile with these D50 primaries and one gamma for R, G, B."""
    curve = _curve(gamma_u8f8)
    tags = [
        (b"desc", _desc(description)),
        (b"wtpt", _xyz(*D50)),
        (b"rXYZ", _xyz(*primaries[0])),
        (b"gXYZ", _xyz(*primaries[1])),
        (b"bXYZ", _xyz(*primaries[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        padded = body + b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += padded
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + _s15(D50[0])
        + _s15(D50[1])
        + _s15(D50[2])
        + b"\0" * 4
        + b"\0" * 16
        + b"\0" * 28
    )
    assert len(header) == 128, len(header)
    return header + struct.pack(">I", len(tags)) + table + data
