"""Where a project's inputs and outputs live (one object, passed around; no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    """Paths of a project checkout. ``root`` is the folder holding data/, ontology/, queries/."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def records(self) -> Path:
        return self.data / "records"

    @property
    def links(self) -> Path:
        return self.data / "links"

    @property
    def dataset_file(self) -> Path:
        return self.data / "dataset.yaml"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "azdiaspora.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def rules(self) -> Path:
        return self.root / "ontology" / "rules"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def checks(self) -> Path:
        return self.queries / "checks"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    def relative(self, path: Path) -> str:
        """A path as the user should see it in messages: relative to the project root."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)
