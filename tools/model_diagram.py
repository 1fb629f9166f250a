#!/usr/bin/env python3
"""Draw the model: docs/model.dot (and docs/model.svg when Graphviz's `dot` is installed).

    .venv/bin/python tools/model_diagram.py

Nodes are the ontology's classes (with the schema.org class each is aligned to);
solid arrows are subclass links; labelled dashed arrows are the typed references
the SHACL shapes require (``sh:path`` with ``sh:class``), so the picture is
drawn from the ontology and shapes themselves and cannot drift from them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.rdf.namespaces import AZD, SCHEMA, SH

ROOT = Path(__file__).resolve().parent.parent
PROVENANCE = {AZD.evidence, PROV.wasDerivedFrom}


def label(g: Graph, term) -> str:
    return str(g.value(term, RDFS.label) or str(term).rsplit("#", 1)[-1])


def main() -> None:
    onto = Graph().parse(ROOT / "ontology" / "azdiaspora.ttl")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    ours = sorted(c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(str(AZD)))
    lines = ["digraph model {", '  graph [rankdir=BT, fontname="Helvetica", nodesep=0.25, ranksep=0.6, ratio=0.55];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef5f5", fontname="Helvetica", fontsize=11];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for c in ours:
        schema = sorted(str(s)[len(str(SCHEMA)):] for s in onto.objects(c, RDFS.subClassOf) if str(s).startswith(str(SCHEMA)))
        sub = f"\\n<i>schema:{', '.join(schema)}</i>" if schema else ""
        name = str(c).rsplit("#", 1)[-1]
        lines.append(f'  {name} [label=<{label(onto, c)}{sub.replace(chr(92) + "n", "<br/>")}>];')
    for c in ours:
        for sup in onto.objects(c, RDFS.subClassOf):
            if sup in ours:
                lines.append(f"  {str(c).rsplit('#', 1)[-1]} -> {str(sup).rsplit('#', 1)[-1]} [arrowhead=empty];")
    seen = set()
    for shape in shapes.subjects(SH.targetClass, None):
        source = shapes.value(shape, SH.targetClass)
        for prop in shapes.objects(shape, SH.property):
            path, target = shapes.value(prop, SH.path), shapes.value(prop, SH["class"])
            if path in PROVENANCE:
                continue  # every record has evidence: drawn once below, not from every class
            if source in ours and target in ours and path is not None and (source, path, target) not in seen:
                seen.add((source, path, target))
                lines.append(f'  {str(source).rsplit("#", 1)[-1]} -> {str(target).rsplit("#", 1)[-1]} '
                             f'[style=dashed, color="#557799", label="{label(onto, path)}"];')
    lines.append('  note [shape=note, fillcolor="#fff8e1", label="Every record: evidence → evidence (quoted sentence)\\n→ quoted from → news article; prov:wasDerivedFrom the article"];')
    lines.append("}")
    dot = ROOT / "docs" / "model.dot"
    dot.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {dot.relative_to(ROOT)}")
    if shutil.which("dot"):
        subprocess.run(["dot", "-Tsvg", str(dot), "-o", str(dot.with_suffix(".svg"))], check=True)
        print("wrote docs/model.svg")


if __name__ == "__main__":
    main()
