"""The one Jinja environment of the pages, and where the templates and static files are.

Autoescaping is on for every template: every value from the graph is text, never markup.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

STATIC = Path(__file__).parent / "static"
QUERIES = Path(__file__).parent / "queries"

ENV = Environment(loader=PackageLoader("kg.site", "templates"), autoescape=select_autoescape(default=True),
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, **context) -> str:
    """One template rendered with ``context``."""
    return ENV.get_template(template).render(**context)


def query(name: str) -> str:
    """The text of one of the pages' own SPARQL queries (kg/site/queries/NAME.rq)."""
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
