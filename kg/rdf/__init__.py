"""Generic RDF helpers, with no project logic: namespaces and the IRIs the project mints, term
conversion between rdflib and pyoxigraph, the table of formats, files written whole, a user's
RDF file read safely, a lexical view of SPARQL text. Imports nothing of the package but kg.errors.
"""
