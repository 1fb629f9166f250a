"""Read an RDF file a user names (``kg query --graph FILE``) without letting it reach anything.

- Only a local file is read: rdflib would download a URL given as the source.
- JSON-LD: a context must be inline. rdflib fetches a remote ``@context`` (or ``@import``) from
  wherever the document says; such a document is refused before rdflib sees it.
- RDF/XML (and TriX): a document declaring entities is refused before rdflib parses it
  (defusedxml's check): expat resolves no external entity, but an entity bomb takes it
  minutes to stop; entities have no use in RDF data that Turtle cannot state.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from kg.errors import QueryError
from kg.rdf.namespaces import bind_prefixes


def remote_contexts(doc) -> list[str]:
    """Every context a JSON-LD document would fetch: string @context values and @import."""
    found: list[str] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "@context":
                for ctx in value if isinstance(value, list) else [value]:
                    if isinstance(ctx, str):
                        found.append(ctx)
                    elif isinstance(ctx, dict):
                        if isinstance(ctx.get("@import"), str):
                            found.append(ctx["@import"])
                        found += remote_contexts(ctx)
            else:
                found += remote_contexts(value)
    elif isinstance(doc, list):
        for item in doc:
            found += remote_contexts(item)
    return found


def _refuse_entities(path: Path) -> None:
    from xml.sax.handler import ContentHandler

    from defusedxml import DefusedXmlException
    from defusedxml.sax import parse

    try:
        parse(str(path), ContentHandler(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise QueryError(f"{path}: the XML declares entities ({exc}); they are not read, for safety: "
                         "write the values out, or convert the file to Turtle") from None


def read_graph(path: Path) -> Graph:
    """Parse a local RDF file (format from its name); a problem is a QueryError naming the file."""
    if "://" in str(path) or not path.is_file():
        raise QueryError(f"{path}: no such file; --graph takes a local RDF file (nothing is downloaded)")
    fmt = guess_format(str(path)) or "turtle"
    graph = bind_prefixes(Graph())
    try:
        if fmt in ("xml", "trix"):
            _refuse_entities(path)
        if fmt == "json-ld":
            text = path.read_text(encoding="utf-8")
            remote = remote_contexts(json.loads(text))
            if remote:
                raise QueryError(f"{path}: the JSON-LD document names a remote context ({remote[0]}); contexts are "
                                 "never fetched: put the context inline")
            return graph.parse(data=text, format="json-ld", base=path.resolve().as_uri())
        return graph.parse(path, format=fmt)
    except QueryError:
        raise
    except RecursionError:
        raise QueryError(f"{path}: nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - any parser's error: the file is not valid {fmt}
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"{path}: cannot read it as {fmt}: {first}") from None
