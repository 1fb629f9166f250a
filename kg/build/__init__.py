"""The build: curated YAML -> load -> check -> graph -> reason -> validate -> export (dist/).

:func:`build` runs the steps in memory and returns everything; :func:`build_and_write` also
writes ``dist/``, swapped in whole. The steps are the modules of this package, in that order;
:mod:`kg.build.pipeline` runs them.
"""

from __future__ import annotations

import importlib

__all__ = ["BuildResult", "build", "build_and_write"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("kg.build.pipeline"), name)
    raise AttributeError(f"module 'kg.build' has no attribute {name!r}")
