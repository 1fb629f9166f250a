"""Read the curated files: YAML records, link records, dataset metadata, article texts.

Only reading happens here (with YAML's safe loader: no object construction, no
code); what the records mean is checked in :mod:`kg.check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .layout import Layout


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

    def compose_node(self, parent, index):
        event = self.peek_event()
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


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Where:
    """Where a record stands: file (relative to the project) and line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class RawRecord:
    """A record as read from YAML, before checking."""

    where: Where
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        """How to name the record in a message."""
        rid = self.fields.get("id") or self.fields.get("entity")
        return f"record {rid!r}" if rid else "record"


@dataclass
class RawData:
    records: list[RawRecord] = field(default_factory=list)
    links: list[RawRecord] = field(default_factory=list)
    dataset: dict[str, Any] = field(default_factory=dict)


def read_yaml(path: Path, layout: Layout) -> Any:
    """Parse one YAML file safely; a syntax error or unsafe tag is a DataError naming the file."""
    rel = layout.relative(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{rel}: not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8") from None
    except OSError as exc:
        raise DataError(f"{rel}: cannot read the file: {exc.strerror}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{rel}:{mark.line + 1}:{mark.column + 1}" if mark else rel
        raise DataError(
            f"{where}: not valid YAML: {exc.problem or exc}"
            + (f" ({exc.context})" if exc.context else "")
            + ". Check indentation, quotes and colons on that line."
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"{rel}: not valid YAML: {exc}") from None


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
    """The text of a source article, from a path relative to data/ that must stay inside data/."""
    path = (layout.data / relpath).resolve()
    if not path.is_relative_to(layout.data.resolve()):
        raise DataError(f"{where}: sourceFile {relpath!r} points outside data/; give a path such as sources/NAME.txt")
    if not path.is_file():
        raise DataError(f"{where}: sourceFile {relpath!r} not found under data/")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{where}: sourceFile {relpath!r} is not UTF-8 text") from None
