"""The design document: its format, its JSON Schema, and the load/migrate/validate gate."""

from __future__ import annotations

from .load import DocumentInvalid, Limits, LoadResult, load, load_file, load_or_raise
from .migrations import CURRENT_VERSION
from .model import DesignDocument, Edge, Node, new_document
from .problems import Problem
from .schema import DOCUMENT_TYPE, published_schema

__all__ = [
    "CURRENT_VERSION",
    "DOCUMENT_TYPE",
    "DesignDocument",
    "DocumentInvalid",
    "Edge",
    "Limits",
    "LoadResult",
    "Node",
    "Problem",
    "load",
    "load_file",
    "load_or_raise",
    "new_document",
    "published_schema",
]
