"""unxref: a cross-reference knowledge graph of United Nations resolutions."""

__version__ = "0.1.0"
