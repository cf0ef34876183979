"""RDF: the IRIs unxref mints, a document's graph, its serialisations, and SHACL validation."""
