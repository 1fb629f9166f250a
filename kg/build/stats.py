"""Counts a curator or publisher wants at a glance."""

from __future__ import annotations

from collections import Counter

from rdflib.namespace import RDF

from kg.rdf.namespaces import AZD


def stats(result) -> list[str]:
    """Lines of text: triples, records by type, records by source, links by dataset and match."""
    data = result.data
    lines = [
        f"triples: {len(result.asserted)} asserted, {len(result.inferred)} with OWL 2 RL inferences "
        f"({result.removed_junk} junk triples of owlrl removed)",
        f"records: {len(data.records)}; links: {len(data.links)}; source articles: {len(data.articles)}",
        "records by type:",
    ]
    by_type = Counter(str(r.type)[len(str(AZD)):] for r in data.records.values())
    lines += [f"  {t}: {n}" for t, n in sorted(by_type.items())]
    lines.append("records by source article:")
    by_source = Counter(s for r in data.records.values() for s in r.sources)
    lines += [f"  {s}: {n}" for s, n in sorted(by_source.items())]
    lines.append("evidence quotes: " + str(len({(e.source, e.quote) for r in data.records.values() for e in r.evidence})))
    lines.append("links by dataset and match:")
    by_link = Counter((link.dataset, str(link.match).rsplit("#", 1)[-1]) for link in data.links)
    lines += [f"  {d} {m}: {n}" for (d, m), n in sorted(by_link.items())]
    linked = {link.entity for link in data.links}
    lines.append("linked entities by type:")
    by_linked = Counter(str(data.records[e].type)[len(str(AZD)):] for e in linked)
    lines += [f"  {t}: {n}" for t, n in sorted(by_linked.items())]
    inferred_types = Counter(o for o in result.inferred.objects(None, RDF.type))
    lines.append(f"distinct classes after reasoning: {len(inferred_types)}")
    return lines
