"""Read the curated files: YAML records, link records, dataset metadata, article texts, and the
project's Turtle (the ontology, the shapes, the fetched external facts).

Only reading happens here (with YAML's safe loader: no object construction, no
code); what the records mean is checked in :mod:`kg.build.check`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from kg.build.model import RawData, RawRecord, Where
from kg.errors import DataError
from kg.layout import Layout
from kg.problems import Problem
from kg.rdf.files import read_text_file
from kg.rdf.formats import TURTLE
from kg.rdf.namespaces import bind_prefixes


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as text (we parse and check them ourselves,
    so 2001-02-30 is a clear error, not a traceback) and remembers each
    mapping's line for error messages. An alias (``*name``) may not refer to a
    value that itself holds aliases: shared evidence lists stay possible, while
    nested aliases, which make a small file expand into an enormous structure
    (the YAML "billion laughs"), are refused."""

    def __init__(self, stream):
        super().__init__(stream)
        self._open_anchors: list[str] = []  # anchored values being composed, outermost first
        self._with_aliases: set[str] = set()  # anchors whose value uses an alias
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"values nested more than {MAX_DEPTH} deep; a record needs a "
                                              "few levels at most", event.start_mark)
        self._depth += 1
        try:
            return self._compose_node(parent, index, event)
        finally:
            self._depth -= 1

    def _compose_node(self, parent, index, event):
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._with_aliases or event.anchor in self._open_anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"*{event.anchor} refers to a value that itself uses aliases (or contains it); write the value out",
                    event.start_mark)
            self._with_aliases.update(self._open_anchors)
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor:
            self._open_anchors.append(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            if anchor:
                self._open_anchors.pop()


# Drop the implicit timestamp resolver: dates stay strings.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

LINE_KEY = "__line__"
# The leading line of an article in data/sources/: " date YYYY-MM-DD", then the text.
ARTICLE_HEADER = re.compile(r"\s*date ([0-9]{4}-[0-9]{2}-[0-9]{2})(?=\s|$)")


def without_lines(value: Any) -> Any:
    """A value as read, without the loader's line markers in its nested mappings."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value
MAX_DEPTH = 40  # nesting of YAML values (a record uses four or five levels)
INT_FORM = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})", re.ASCII)  # what we read as a number: 18 digits at most
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}


def _refuse(node: yaml.Node, problem: str):
    raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _record_id(node: yaml.MappingNode) -> str:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
            return f" (in the record {value.value!r})"
    return ""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    """A mapping with its line; duplicate keys and keys that are not text are refused (YAML
    would keep the last value of a key given twice, and the first would be lost unseen)."""
    seen: dict[str, int] = {}
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            _refuse(key_node, f"a field name must be text, found {getattr(key_node, 'value', key_node)!r}"
                              f"{_record_id(node)}; quote it if it is meant as text")
        if key_node.value in seen:
            _refuse(key_node, f"the field {key_node.value!r} is given twice{_record_id(node)} (first on line "
                              f"{seen[key_node.value]}); keep one")
        seen[key_node.value] = key_node.start_mark.line + 1
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """Whole numbers written plainly only: YAML 1.1 reads 0100 as 64, 1:40 as 100, 0x64 and 1_00
    as 100, which a curator never means; and a number of thousands of digits is no figure."""
    if not INT_FORM.fullmatch(node.value):
        _refuse(node, f"{node.value!r} is not a plain whole number (YAML would read it as "
                      f"{_yaml11_int(node.value)}); write the number in decimal digits, or quote it if it is text")
    return int(node.value)


def _yaml11_int(text: str) -> str:
    """What YAML 1.1 (PyYAML's default) would have made of the text."""
    if len(text) > 40:
        return "a number too long to be a figure"
    try:
        return str(yaml.SafeLoader("").construct_yaml_int(yaml.ScalarNode("tag:yaml.org,2002:int", text)))
    except (ValueError, TypeError):
        return "something else"


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    if "_" in node.value or ":" in node.value:
        _refuse(node, f"{node.value!r} is not a plain number; write it in decimal digits, or quote it if it is text")
    return loader.construct_yaml_float(node)


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Text, refused where it would mislead or break what reads it: a lone surrogate (not a
    character; no file can hold it), bidirectional overrides and isolates (they make text display
    in another order than it is stored), or only invisible characters."""
    text = loader.construct_scalar(node)
    for ch in text:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            _refuse(node, f"the text holds U+{ord(ch):04X}, half of a surrogate pair, which is not a character; remove it")
    m = BIDI_CONTROLS.search(text)
    if m:
        _refuse(node, f"the text holds the bidirectional control U+{ord(m.group()):04X}, which makes it display in "
                      "another order than it is written; remove it")
    if text and all(unicodedata.category(ch) in INVISIBLE for ch in text):
        _refuse(node, "the text has no visible character; write the value, or leave the field out")
    return text


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def read_yaml(path: Path, layout: Layout) -> Any:
    """Parse one YAML file safely; a syntax error or unsafe tag is a DataError naming the file."""
    rel = layout.relative(path)
    return parse_yaml(read_text_file(path, rel), rel)


def parse_yaml(text: str, rel: str) -> Any:
    """YAML text as the project reads it (see ``read_yaml``); ``rel`` names where it is, or will be."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        found = Problem(f"not valid YAML: {exc.problem or exc}" + (f" ({exc.context})" if exc.context else "")
                        + ". Check indentation, quotes and colons on that line.", file=rel,
                        line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
        raise DataError(str(found), [found]) from None
    except yaml.YAMLError as exc:
        raise DataError(f"{rel}: not valid YAML: {exc}") from None
    except RecursionError:
        raise DataError(f"{rel}: values nested too deeply to read; a record needs a few levels at most") from None


def _read_record_files(folder: Path, layout: Layout) -> list[RawRecord]:
    records: list[RawRecord] = []
    for path in sorted(folder.glob("*.yaml")):
        rel = layout.relative(path)
        content = read_yaml(path, layout)
        if content is None:
            continue
        if not isinstance(content, list):
            raise DataError(f"{rel}: expected a list of records (each starting with '- '), found {type(content).__name__}")
        for index, item in enumerate(content, start=1):
            if not isinstance(item, dict):
                raise DataError(f"{rel}: item {index} is not a record (a mapping of field: value), found {item!r}")
            line = item.pop(LINE_KEY, 0)
            records.append(RawRecord(Where(rel, line), item))
    return records


def read_data(layout: Layout) -> RawData:
    """Read every record file, link file and the dataset metadata of a project."""
    if not layout.records.is_dir():
        raise DataError(f"{layout.relative(layout.records)}: folder not found; is {layout.root} a project checkout?")
    data = RawData()
    data.records = _read_record_files(layout.records, layout)
    if layout.links.is_dir():
        data.links = _read_record_files(layout.links, layout)
    if layout.dataset_file.exists():
        meta = read_yaml(layout.dataset_file, layout)
        if not isinstance(meta, dict):
            raise DataError(f"{layout.relative(layout.dataset_file)}: expected a mapping of field: value")
        meta.pop(LINE_KEY, None)
        data.dataset = meta
    return data


def read_article(layout: Layout, relpath: str, where: Where) -> str:
    """The text of a source article, from a path relative to data/ that must stay inside data/.
    A problem is a DataError carrying it as a :class:`~kg.problems.Problem` at ``where``."""

    def problem(message: str, fix: str | None = None) -> DataError:
        found = Problem(message, file=where.file, line=where.line, field="sourceFile", fix=fix)
        return DataError(str(found), [found])

    path = (layout.data / relpath).resolve()
    if not path.is_relative_to(layout.data.resolve()):
        raise problem(f"sourceFile {relpath!r} points outside data/", "give a path such as sources/NAME.txt")
    if not path.exists():
        raise problem(f"sourceFile {relpath!r} not found under data/")
    try:
        return read_text_file(path, f"sourceFile {relpath!r}")
    except DataError as exc:
        raise problem(str(exc)) from None


def parse_turtle(path: Path, layout: Layout) -> Graph:
    """Parse a Turtle file of the project; a syntax error names the file, line and column.

    Oxigraph's parser checks the syntax first: it raises one error type (SyntaxError, with the
    position), where rdflib's raise anything from IndexError to a bare Exception, which could not
    be told apart from a bug of ours. What rdflib then raises on checked text is a bug."""
    rel = layout.relative(path)
    if not path.exists():
        raise DataError(f"{rel}: file not found")
    text = read_text_file(path, rel)
    base = path.resolve().as_uri()
    try:
        for _ in ox.parse(text.encode("utf-8"), format=TURTLE.oxigraph, base_iri=base):
            pass
    except SyntaxError as exc:
        raise DataError(f"{rel}: not valid Turtle: {exc}") from None
    return Graph().parse(data=text, format="turtle", publicID=base)


def read_external(layout: Layout) -> Graph | None:
    """The facts fetched by `kg enrich` (Wikidata's, kept apart from ours), if it has been run."""
    path = layout.external_facts
    if not path.exists():
        return None
    return parse_turtle(path, layout)


def load_ontology(layout: Layout) -> Graph:
    """The ontology, with canonical blank-node labels so every export is deterministic."""
    canonical = bind_prefixes(Graph())
    for t in to_canonical_graph(parse_turtle(layout.ontology, layout)):
        canonical.add(t)
    return canonical
