"""Where rendered diagrams are kept: Django's storage alias "diagrams" (see STORAGES in config/settings.py), the
filesystem under MEDIA_ROOT by default or an S3 bucket through django-storages.

`diagram_storage` follows the setting: it is looked up on first use and looked up again whenever STORAGES
changes (tests override it), so a FileField can hold it once for the life of the process.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty

ALIAS = "diagrams"


class DiagramStorage(LazyObject):  # type: ignore[misc]
    def _setup(self) -> None:
        self._wrapped = storages[ALIAS]


diagram_storage: Storage = DiagramStorage()


def get_diagram_storage() -> Storage:
    """The FileField's `storage` callable (a callable so migrations name it instead of serialising a backend)."""
    return diagram_storage


def _storages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in ("STORAGES", "MEDIA_ROOT", "MEDIA_URL"):
        diagram_storage._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="designer.diagram.storage")
