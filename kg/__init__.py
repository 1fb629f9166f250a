"""azdiaspora-kg: the Azerbaijani diaspora policy knowledge graph.

Library first: :func:`kg.pipeline.build` returns the checked data, the
asserted and inferred graphs and the validation results; the ``kg`` command
(:mod:`kg.cli`) is a thin layer over it.
"""

__version__ = "0.1.0"
