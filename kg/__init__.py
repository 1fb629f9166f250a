"""azdiaspora-kg: the Azerbaijani diaspora policy knowledge graph.

Library first: :func:`kg.build.build` returns the checked data, the asserted and inferred graphs
and the validation results; :func:`kg.build.build_and_write` also writes ``dist/``; a project's
folders are a :class:`Layout`; every error a user can fix is a :class:`KGError` (with its exit code
and HTTP status), carrying :class:`Problem` values. The ``kg``
command (:mod:`kg.cli`) is a thin layer over these. How the package is laid out:
docs/architecture.md.

The names below are loaded when first used, so that ``import kg`` (which every module of the
package does) costs nothing: the server's query workers never load the build's libraries.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: The public API: name -> the module that defines it (``build`` is the subpackage).
_API = {
    "build": None,
    "Layout": "kg.layout",
    "KGError": "kg.errors",
    "Problem": "kg.problems",
    "Severity": "kg.problems",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name == "build":
        return importlib.import_module("kg.build")
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
