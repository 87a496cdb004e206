"""Data import: scan folders and files into a `Dataset` (items + labels + split)."""
