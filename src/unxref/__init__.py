"""unxref: a cross-reference knowledge graph of United Nations resolutions.

The public API, read top-down as the pipeline runs::

    from unxref import extract_file, build_graph, validate, Store
    document = extract_file(Path("A_RES_62_176_fr.txt"), symbol="A/RES/62/176")
    graph = build_graph(document)          # an rdflib Graph on the unxref ontology
    assert not validate(graph)             # SHACL violations, none when it conforms
    Store(Path("data/store"))              # the on-disk store, a named graph per document
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from unxref.extract import extract_file, extract_text
    from unxref.model import Document
    from unxref.rdf.build import build as build_graph
    from unxref.rdf.validate import validate
    from unxref.store import Store

# Imported when first used, so that ``import unxref`` (and ``unxref --version``) stays light.
_PUBLIC = {
    "extract_file": ("unxref.extract", "extract_file"),
    "extract_text": ("unxref.extract", "extract_text"),
    "build_graph": ("unxref.rdf.build", "build"),
    "validate": ("unxref.rdf.validate", "validate"),
    "Document": ("unxref.model", "Document"),
    "Store": ("unxref.store", "Store"),
}
__all__ = ["Document", "Store", "__version__", "build_graph", "extract_file", "extract_text", "validate"]


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'unxref' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _PUBLIC[name]
    return getattr(import_module(module), attribute)
