"""What the window says about a model, from the catalog (core/catalog.py) in the user's language.

The catalog's own strings are translated in the Qt context "Catalog"; `catalog_strings()` lists
them for the translation file. No panel keeps its own table of model names.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.core.catalog import AutoChoiceEntry, Backbone, automatic_entries, load_catalog


def catalog_text(text: str) -> str:
    """One catalog string (a title, description, what a model suits) in the user's language."""
    return QCoreApplication.translate("Catalog", text) if text else ""


def model_title(backbone_id: str) -> str | None:
    """The short name of a catalog model ("Fast", or "Automatic" for the automatic choice);
    None for an id the catalog does not list."""
    for entry in (*load_catalog(), *automatic_entries()):
        if entry.id == backbone_id:
            return catalog_text(entry.title)
    return None


# a "compare" progress event's model when it is tried with word pieces (workflows/auto_choice.py)
WITH_PIECES = "+word_pieces"


def model_name(backbone_id: str, word_pieces: bool = False) -> str:
    """A model's name for a run or a candidate: its title, "… + word pieces" when its
    classifier also reads the word pieces (core/training/word_pieces.py)."""
    if backbone_id.endswith(WITH_PIECES):
        backbone_id, word_pieces = backbone_id[: -len(WITH_PIECES)], True
    title = model_title(backbone_id) or backbone_id
    if not word_pieces:
        return title
    from desktop_app.gui.messages import translate

    return translate("auto.with_word_pieces", (title,))


def card_title(backbone: Backbone | AutoChoiceEntry, recommended: bool | None = None) -> str:
    """The title on the Train panel's model card; the recommended one (by default the catalog's
    default for its kind; for texts, the one that suits their language) says so."""
    title = catalog_text(backbone.title)
    default = isinstance(backbone, Backbone) and backbone.default
    if default if recommended is None else recommended:
        return QCoreApplication.translate("Catalog", "{0} (recommended)").format(title)
    return title


def suits_text(backbone: Backbone | AutoChoiceEntry) -> str:
    """What the model suits, as one sentence ("" when the catalog does not say)."""
    if not backbone.suits:
        return ""
    return QCoreApplication.translate("Catalog", "Suits: {0}").format(catalog_text(backbone.suits))
