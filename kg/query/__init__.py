"""Named SPARQL queries (queries/*.rq): loading, parameters, running (locally or at a remote
endpoint) and result formats.
"""
