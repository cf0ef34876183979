"""The service's routes, one module an area: SPARQL, resources, chains, named queries, the dataset."""
