"""Pages for people: the one Jinja environment, the entity page renderer, the label search, the
timeline, the pages' own SPARQL (queries/*.rq), templates and static files.
"""
