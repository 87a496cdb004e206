"""The window (PySide6 + pyqtgraph): the ONLY package that imports Qt. Built in issue 3."""
