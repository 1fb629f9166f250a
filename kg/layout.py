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

    @property
    def external_facts(self) -> Path:
        """Facts fetched from Wikidata by `kg enrich` (read by the build, never edited by hand)."""
        return self.data / "external" / "wikidata.ttl"

    @property
    def linker_settings(self) -> Path:
        return self.data / "linker.yaml"

    @property
    def link_records(self) -> Path:
        """Where `kg link --apply` appends the accepted links."""
        return self.links / "links.yaml"

    @property
    def sources(self) -> Path:
        """The articles the project holds, as text."""
        return self.data / "sources"

    @property
    def review_folder(self) -> Path:
        """The reviews: of link proposals (`kg link`) and of ingested articles (`kg ingest`)."""
        return self.data / "review"

    @property
    def review(self) -> Path:
        """The link proposals of `kg link`, with the curators' decisions."""
        return self.review_folder / "wikidata-links.yaml"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def store(self) -> Path:
        """The embedded Oxigraph store `kg serve` and `kg load` fill."""
        return self.cache / "store"

    @property
    def sparql_cache(self) -> Path:
        """Answers of remote SPARQL endpoints, so that a re-run of `kg link` or `kg enrich` is offline."""
        return self.cache / "sparql"

    def relative(self, path: Path) -> str:
        """A path as the user should see it in messages: relative to the project root."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)
