"""Guards against a known-bad Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to
`None` on every call of a method returning nothing (setText, update, QPainter.setPen…), so a
window that repaints for a few minutes aborts with "deallocating None". We pin 6.11.3."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_methods_do_not_steal_references_to_none(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
        label.update()
    assert sys.getrefcount(None) - before > -100
