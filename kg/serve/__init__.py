"""``kg serve``: the embedded store, the worker engine with its fair gate, the SPARQL protocol's
rules, content negotiation, connection limits and the Starlette application.
"""
