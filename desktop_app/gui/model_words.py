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
