"""A fast OWL 2 RL materialiser that gives owlrl's answers.

owlrl applies every rule to every triple, over and over, until nothing new comes: simple,
and slower than the graph grows. Here the ontology (the TBox) is read once and compiled into
lookup tables (superclasses, superproperties, domains, ranges, inverses, chains, restrictions
by class and by property, ...); then each new triple is pushed through the rules that can
use it, joining against indexes (semi-naive evaluation), so every triple is handled once.
Terms are interned to integers.

Rules (names from the OWL 2 RL profile, table numbers of its section 4.3), as owlrl applies them:

- schema (table 9): scm-cls (class ⊑ owl:Thing), scm-sco, scm-eqc1, scm-eqc2, scm-spo, scm-eqp1,
  scm-eqp2, scm-dom1, scm-dom2, scm-rng1, scm-rng2, scm-hv, scm-svf1, scm-svf2, scm-avf1, scm-avf2,
  scm-int, scm-uni;
- classes (tables 6, 7): cax-sco, cax-eqc1, cax-eqc2, cls-int1, cls-int2, cls-uni, cls-svf1, cls-svf2,
  cls-avf, cls-hv1, cls-hv2, cls-maxc2, cls-maxqc3, cls-maxqc4, cls-oneof;
- properties (table 5): prp-dom, prp-rng, prp-spo1, prp-spo2 (chains), prp-eqp1, prp-eqp2, prp-inv1,
  prp-inv2, prp-symp, prp-trp, prp-fp, prp-ifp;
- equality (table 4): eq-sym, eq-trans, eq-rep-s, eq-rep-p, eq-rep-o (eq-ref gives only reflexive
  owl:sameAs, dropped by the cleaning anyway);
- datatypes (table 8): dt-type2 with owlrl's subsumption and disjointness tables, dt-not-type;
- consistency: cls-nothing2, cax-dw, cax-adc, cls-com, cls-maxc1, cls-maxqc1, cls-maxqc2, prp-irp,
  prp-asyp, prp-pdw, prp-adp, prp-npa1, prp-npa2, eq-diff1, eq-diff2, eq-diff3.

Not covered: prp-key (owl:hasKey), and the axiomatic triples owlrl can add (the build turns them
off). Known differences from owlrl are tested in tests/test_materialise.py: owlrl skips the last
member of an owl:AllDisjointProperties or owl:AllDifferent list (an off-by-one), this engine does not.

The engine is generic over the term objects it is given (rdflib's, or pyoxigraph's for large
files); a ``Terms`` adapter says how to make an IRI and what a literal holds.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
BUILTIN = (RDF, RDFS, OWL, XSD)

VOCAB = {
    "type": RDF + "type", "first": RDF + "first", "rest": RDF + "rest", "nil": RDF + "nil", "Property": RDF + "Property",
    "sco": RDFS + "subClassOf", "spo": RDFS + "subPropertyOf", "dom": RDFS + "domain", "rng": RDFS + "range",
    "Resource": RDFS + "Resource",
    **{k: OWL + v for k, v in {
        "eqc": "equivalentClass", "eqp": "equivalentProperty", "inv": "inverseOf", "same": "sameAs", "diff": "differentFrom",
        "onp": "onProperty", "hv": "hasValue", "svf": "someValuesFrom", "avf": "allValuesFrom", "int": "intersectionOf",
        "uni": "unionOf", "chain": "propertyChainAxiom", "dw": "disjointWith", "members": "members",
        "dmembers": "distinctMembers", "pdw": "propertyDisjointWith", "comp": "complementOf", "maxc": "maxCardinality",
        "maxqc": "maxQualifiedCardinality", "onclass": "onClass", "oneof": "oneOf", "srcind": "sourceIndividual",
        "assprop": "assertionProperty", "tgtind": "targetIndividual", "tgtval": "targetValue",
        "Class": "Class", "Thing": "Thing", "Nothing": "Nothing", "NamedIndividual": "NamedIndividual",
        "ObjectProperty": "ObjectProperty", "DatatypeProperty": "DatatypeProperty",
        "Transitive": "TransitiveProperty", "Symmetric": "SymmetricProperty", "Functional": "FunctionalProperty",
        "InvFunctional": "InverseFunctionalProperty", "Irreflexive": "IrreflexiveProperty",
        "Asymmetric": "AsymmetricProperty", "AllDisjointClasses": "AllDisjointClasses",
        "AllDisjointProperties": "AllDisjointProperties", "AllDifferent": "AllDifferent"}.items()},
}
SCHEMA_PREDICATES = ("sco", "spo", "dom", "rng", "eqc", "eqp", "inv", "onp", "hv", "svf", "avf", "int", "uni", "chain",
                     "maxc", "maxqc", "onclass", "oneof", "first", "rest")
SCHEMA_TYPES = ("Class", "ObjectProperty", "DatatypeProperty", "Property", "Transitive", "Symmetric", "Functional",
                "InvFunctional")


@dataclass(frozen=True)
class Terms:
    """How the engine sees the caller's term objects."""

    iri: Callable[[str], Hashable]  # an IRI term from its text
    literal: Callable[[Hashable], tuple[str, str | None] | None]  # (lexical form, datatype IRI) of a literal; None otherwise
    iri_text: Callable[[Hashable], str | None]  # the IRI of an IRI term; None for others


class Inconsistent(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = problems


Derivations = dict[tuple, list[tuple[str, tuple[tuple, ...]]]]  # triple -> [(rule, premises)], the first well-founded


@dataclass
class Result:
    asserted: int
    closure: list[tuple]  # asserted + inferred and kept, as the caller's terms
    removed_junk: int
    recorded: int = 0  # with explain: inferred triples whose derivations were recorded
    _derivations: Callable[[], Derivations] | None = None

    @cached_property
    def derivations(self) -> Derivations | None:
        """With explain: how each inferred triple that is kept was derived, in the caller's terms
        (converted when first asked for: `kg reason` only counts them)."""
        return self._derivations() if self._derivations is not None else None


class _Store:
    """Triples of integers, indexed by predicate then subject, and by predicate then object."""

    def __init__(self):
        self.sp: dict[int, dict[int, set[int]]] = {}
        self.op: dict[int, dict[int, set[int]]] = {}
        self.size = 0

    def add(self, s: int, p: int, o: int) -> bool:
        # plain dicts, not defaultdicts: this is the hottest function of the engine
        by_s = self.sp.get(p)
        if by_s is None:
            by_s, self.op[p] = self.sp.setdefault(p, {}), {}
        objs = by_s.get(s)
        if objs is None:
            by_s[s] = {o}
        elif o in objs:
            return False
        else:
            objs.add(o)
        by_o = self.op[p]
        subs = by_o.get(o)
        if subs is None:
            by_o[o] = {s}
        else:
            subs.add(s)
        self.size += 1
        return True

    def has(self, s: int, p: int, o: int) -> bool:
        by_s = self.sp.get(p)
        return by_s is not None and o in by_s.get(s, ())

    def objects(self, s: int, p: int) -> set[int]:
        by_s = self.sp.get(p)
        return by_s.get(s, set()) if by_s is not None else set()

    def subjects(self, p: int, o: int) -> set[int]:
        by_o = self.op.get(p)
        return by_o.get(o, set()) if by_o is not None else set()

    def pairs(self, p: int) -> Iterable[tuple[int, int]]:
        for s, objs in list(self.sp.get(p, {}).items()):
            for o in list(objs):
                yield s, o

    def triples(self) -> Iterable[tuple[int, int, int]]:
        for p, by_s in self.sp.items():
            for s, objs in by_s.items():
                for o in objs:
                    yield s, p, o


MAX_DERIVATIONS = 3  # derivations kept per inferred triple: the first, and up to two others


class Materialiser:
    def __init__(self, triples: Iterable[tuple], terms: Terms, explain: bool = False):
        self.t = terms
        self.ids: dict[Hashable, int] = {}
        self.terms: list[Hashable] = []
        self.v = {name: self._id(terms.iri(iri)) for name, iri in VOCAB.items()}
        self.store = _Store()
        for s, p, o in triples:
            self.store.add(self._id(s), self._id(p), self._id(o))
        self.asserted = self.store.size
        self.asserted_junk: set[tuple[int, int, int]] = set()
        self.queue: deque[tuple[int, int, int]] = deque()
        self.tbox_dirty = False
        self.errors: list[str] = []
        # with explain: for each inferred triple, how it was derived: [(rule, premises), ...], the first
        # one well-founded (its premises were in the store before it), at most MAX_DERIVATIONS
        self.why: dict[tuple[int, int, int], list[tuple[str, tuple]]] | None = {} if explain else None

    # ------------------------------------------------------------ terms

    def _id(self, term: Hashable) -> int:
        i = self.ids.get(term)
        if i is None:
            i = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return i

    def _name(self, i: int) -> str:
        return self.t.iri_text(self.terms[i]) or str(self.terms[i])

    def _list(self, head: int) -> list[int]:
        out, seen = [], set()
        while head != self.v["nil"] and head not in seen:
            seen.add(head)
            first = self.store.objects(head, self.v["first"])
            if not first:
                break
            out.append(next(iter(first)))
            rest = self.store.objects(head, self.v["rest"])
            if not rest:
                break
            head = next(iter(rest))
        return out

    def _int_value(self, i: int) -> int | None:
        lit = self.t.literal(self.terms[i])
        try:
            return int(lit[0]) if lit is not None else None
        except ValueError:
            return None

    # ------------------------------------------------------------ running

    def derive(self, s: int, p: int, o: int, rule: str = "", premises: tuple = ()) -> None:
        why = self.why
        if self.store.add(s, p, o):
            t = (s, p, o)
            self.queue.append(t)
            v = self.v
            if p in self._schema_p or (p == v["type"] and o in self._schema_t):
                self.tbox_dirty = True
            if why is not None:
                why[t] = [(rule, premises)]
        elif why is not None:
            known = why.get((s, p, o))  # None for an asserted triple: it needs no derivation
            if known is not None and len(known) < MAX_DERIVATIONS:
                way = (rule, premises)
                if way not in known:
                    known.append(way)

    def _tadd(self, s: int, p: int, o: int, rule: str, premises: tuple = ()) -> None:
        """A schema triple (scm-*), recorded like any other derivation."""
        if self.store.add(s, p, o) and self.why is not None:
            self.why[(s, p, o)] = [(rule, premises)]

    def run(self) -> None:
        v = self.v
        self._schema_p = {v[n] for n in SCHEMA_PREDICATES}
        self._schema_t = {v[n] for n in SCHEMA_TYPES}
        self._classify_terms()
        # asserted triples are kept as they are; only those that look like junk need remembering
        self.asserted_junk = {t for t in self.store.triples() if self.junk(*t)}
        self._datatypes()
        for _round in range(50):
            self.tbox_dirty = False
            self._schema()
            self._compile()
            self.queue.extend(self.store.triples())
            self.tbox_dirty = False
            self._saturate()
            if not self.tbox_dirty:
                break
        else:  # each round adds schema triples, which are finitely many: this cannot happen
            raise RuntimeError("the closure did not settle after 50 rounds of schema changes")
        self._check()

    def _saturate(self) -> None:
        q = self.queue
        while q:
            self._rules(*q.popleft())

    # ------------------------------------------------------------ datatypes (dt-type2, owlrl's tables)

    def _datatypes(self) -> None:
        from owlrl.OWLRL import OWLRL_Datatypes_Disjointness
        from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes

        rl = {str(d) for d in OWL_RL_Datatypes}
        subsumes = {str(k): [str(x) for x in vs] for k, vs in OWL_Datatype_Subsumptions.items()}
        used = set()
        type_ = self.v["type"]
        for i, term in enumerate(list(self.terms)):
            lit = self.t.literal(term)
            if lit is None or lit[1] not in rl:
                continue
            used.add(lit[1])
            own = self._id(self.t.iri(lit[1]))
            self._tadd(i, type_, own, "dt-type2")
            for sup in subsumes.get(lit[1], ()):
                self._tadd(i, type_, self._id(self.t.iri(sup)), "dt-type2", ((i, type_, own),))
                used.add(sup)
        for s, p, o in OWLRL_Datatypes_Disjointness:
            if str(s) in used and str(o) in used:
                self._tadd(self._id(self.t.iri(str(s))), self._id(self.t.iri(str(p))), self._id(self.t.iri(str(o))),
                           "owlrl-dt-disjoint")  # owlrl's table of disjoint datatypes: no rule of the profile

    # ------------------------------------------------------------ schema (scm-*)

    def _schema(self) -> None:
        st, v, add = self.store, self.v, self._tadd
        changed = True
        while changed:
            before = st.size
            add(v["Thing"], v["type"], v["Class"], "cls-thing")
            add(v["Nothing"], v["type"], v["Class"], "cls-nothing1")
            for c in list(st.subjects(v["type"], v["Class"])):  # scm-cls
                # the reflexive triples are junk in the output, but scm-svf1/scm-avf1 test them
                why = ((c, v["type"], v["Class"]),)
                add(c, v["sco"], v["Thing"], "scm-cls", why)
                add(c, v["sco"], c, "scm-cls", why)
                add(c, v["eqc"], c, "scm-cls", why)
                add(v["Nothing"], v["sco"], c, "scm-cls", why)
            for kind, rule in (("ObjectProperty", "scm-op"), ("DatatypeProperty", "scm-dp"), ("Property", "scm-op")):
                for q in list(st.subjects(v["type"], v[kind])):
                    why = ((q, v["type"], v[kind]),)
                    add(q, v["spo"], q, rule, why)
                    add(q, v["eqp"], q, rule, why)
            for rel, eq, names in (("sco", "eqc", ("scm-eqc1", "scm-sco", "scm-eqc2")),
                                   ("spo", "eqp", ("scm-eqp1", "scm-spo", "scm-eqp2"))):
                r, e = v[rel], v[eq]
                for a, b in st.pairs(e):  # scm-eqc1 / scm-eqp1
                    if a != b:
                        add(a, r, b, names[0], ((a, e, b),))
                        add(b, r, a, names[0], ((a, e, b),))
                for a in list(st.sp.get(r, {})):  # scm-sco / scm-spo: transitive closure
                    parent: dict[int, int] = {}  # x -> the node it was reached from (a: a direct edge)
                    todo = [(x, a) for x in st.objects(a, r) if x != a]
                    while todo:
                        x, via = todo.pop()
                        if x in parent:
                            continue
                        parent[x] = via
                        todo.extend((y, x) for y in st.objects(x, r) if y not in parent)
                    for x, via in parent.items():
                        if x != a and via != a:
                            add(a, r, x, names[1], ((a, r, via), (via, r, x)))
                for a, b in st.pairs(r):  # scm-eqc2 / scm-eqp2
                    if a != b and st.has(b, r, a):
                        add(a, e, b, names[2], ((a, r, b), (b, r, a)))
            for rel in ("dom", "rng"):  # scm-dom1/2, scm-rng1/2
                d = v[rel]
                for p, c in st.pairs(d):
                    for c2 in list(st.objects(c, v["sco"])):
                        if c2 != c:
                            add(p, d, c2, f"scm-{rel}1", ((p, d, c), (c, v["sco"], c2)))
                    for p1 in list(st.subjects(v["spo"], p)):
                        if p1 != p:
                            add(p1, d, c, f"scm-{rel}2", ((p, d, c), (p1, v["spo"], p)))
            self._schema_restrictions()
            for k, head in st.pairs(v["int"]):  # scm-int
                for m in self._list(head):
                    add(k, v["sco"], m, "scm-int", ((k, v["int"], head),))
            for k, head in st.pairs(v["uni"]):  # scm-uni
                for m in self._list(head):
                    add(m, v["sco"], k, "scm-uni", ((k, v["uni"], head),))
            changed = st.size != before

    def _schema_restrictions(self) -> None:
        st, v, add = self.store, self.v, self._tadd
        onp, sco, spo = v["onp"], v["sco"], v["spo"]
        for c1, i in st.pairs(v["hv"]):  # scm-hv
            for p1 in list(st.objects(c1, onp)):
                for c2 in list(st.subjects(v["hv"], i)):
                    for p2 in list(st.objects(c2, onp)):
                        if st.has(p1, spo, p2):
                            add(c1, sco, c2, "scm-hv", ((c1, v["hv"], i), (c1, onp, p1), (c2, v["hv"], i), (c2, onp, p2),
                                                        (p1, spo, p2)))
        for rel in ("svf", "avf"):
            r = v[rel]
            for c1, y1 in st.pairs(r):
                for pp in list(st.objects(c1, onp)):  # scm-svf1 / scm-avf1
                    for c2 in list(st.subjects(onp, pp)):
                        for y2 in list(st.objects(c2, r)):
                            if st.has(y1, sco, y2):
                                why = ((c1, r, y1), (c1, onp, pp), (c2, r, y2), (c2, onp, pp), (y1, sco, y2))
                                add(c1, sco, c2, f"scm-{rel}1", why)
                for p1 in list(st.objects(c1, onp)):  # scm-svf2 / scm-avf2
                    for c2 in list(st.subjects(r, y1)):
                        for p2 in list(st.objects(c2, onp)):
                            if st.has(p1, spo, p2):
                                why = ((c1, r, y1), (c1, onp, p1), (c2, r, y1), (c2, onp, p2), (p1, spo, p2))
                                if rel == "svf":
                                    add(c1, sco, c2, "scm-svf2", why)
                                else:
                                    add(c2, sco, c1, "scm-avf2", why)

    # ------------------------------------------------------------ compiled TBox

    def _compile(self) -> None:
        st, v = self.store, self.v
        d = defaultdict
        sco, spo, eqc, eqp = v["sco"], v["spo"], v["eqc"], v["eqp"]
        # class -> superclass -> (rule, the schema triple it rests on); the same for properties
        self.supers_c = {c: {x: ("cax-sco", (c, sco, x)) for x in xs if x != c} for c, xs in st.sp.get(sco, {}).items()}
        self.supers_p = {p: {x: ("prp-spo1", (p, spo, x)) for x in xs if x != p} for p, xs in st.sp.get(spo, {}).items()}
        for p, q in st.pairs(eqp):
            if p != q:
                self.supers_p.setdefault(p, {}).setdefault(q, ("prp-eqp1", (p, eqp, q)))
        for c, x in st.pairs(eqc):
            if c != x:
                self.supers_c.setdefault(c, {}).setdefault(x, ("cax-eqc1", (c, eqc, x)))
                self.supers_c.setdefault(x, {}).setdefault(c, ("cax-eqc2", (c, eqc, x)))
        self.dom = dict(st.sp.get(v["dom"], {}))
        self.rng = dict(st.sp.get(v["rng"], {}))
        self.inv: dict[int, dict[int, tuple]] = d(dict)
        for a, b in st.pairs(v["inv"]):
            self.inv[a].setdefault(b, ("prp-inv1", (a, v["inv"], b)))
            self.inv[b].setdefault(a, ("prp-inv2", (a, v["inv"], b)))
        kinds = {name: set(st.subjects(v["type"], v[name])) for name in ("Symmetric", "Transitive", "Functional", "InvFunctional")}
        self.sym, self.trans, self.func, self.ifunc = (kinds[k] for k in ("Symmetric", "Transitive", "Functional", "InvFunctional"))
        self.chains: dict[int, list[tuple[int, list[int], int, int]]] = d(list)
        for target, head in st.pairs(v["chain"]):
            chain = self._list(head)
            for k, p in enumerate(chain):
                self.chains[p].append((target, chain, k, head))
        self.hv_by_class, self.hv_by_pv = d(list), d(list)
        self.svf_by_p, self.svf_by_class = d(list), d(list)
        self.avf_by_p, self.avf_by_class = d(list), d(list)
        self.maxc1_by_p, self.maxc1_classes = d(list), {}
        self.maxqc1_by_p, self.maxqc1_classes = d(list), {}
        for r, pp in st.pairs(v["onp"]):
            for val in st.objects(r, v["hv"]):
                self.hv_by_class[r].append((pp, val))
                self.hv_by_pv[(pp, val)].append(r)
            for y in st.objects(r, v["svf"]):
                self.svf_by_p[pp].append((r, y))
                self.svf_by_class[y].append((r, pp))
            for y in st.objects(r, v["avf"]):
                self.avf_by_p[pp].append((r, y))
                self.avf_by_class[r].append((pp, y))
            if any(self._int_value(n) == 1 for n in st.objects(r, v["maxc"])):
                self.maxc1_by_p[pp].append(r)
                self.maxc1_classes[r] = (pp, None)
            if any(self._int_value(n) == 1 for n in st.objects(r, v["maxqc"])):
                for cc in st.objects(r, v["onclass"]):
                    self.maxqc1_by_p[pp].append((r, cc))
                    self.maxqc1_classes[r] = (pp, cc)
        self.int_members: dict[int, list[int]] = {}
        self.int_axiom: dict[int, tuple] = {}
        self.int_by_member = d(list)
        for c, head in st.pairs(v["int"]):
            members = self._list(head)
            self.int_members[c] = members
            self.int_axiom[c] = (c, v["int"], head)
            for m in members:
                self.int_by_member[m].append(c)
        self.uni_by_member = d(list)
        for c, head in st.pairs(v["uni"]):
            for m in self._list(head):
                self.uni_by_member[m].append((c, (c, v["uni"], head)))
        for c, head in st.pairs(v["oneof"]):  # cls-oneof
            for y in self._list(head):
                self.derive(y, v["type"], c, "cls-oneof", ((c, v["oneof"], head),))
        # the predicates any property rule can use; a triple of another predicate only meets the type
        # rules (if it is rdf:type) and the equality rules (if some node has an owl:sameAs)
        self._active = (set(self.supers_p) | set(self.dom) | set(self.rng) | set(self.inv) | self.sym | self.trans
                        | set(self.chains) | self.func | self.ifunc | {pp for pp, _ in self.hv_by_pv} | set(self.svf_by_p)
                        | set(self.avf_by_p) | set(self.maxc1_by_p) | set(self.maxqc1_by_p) | {v["same"]})

    # ------------------------------------------------------------ instance rules

    def _rules(self, s: int, p: int, o: int) -> None:
        st, v, derive = self.store, self.v, self.derive
        same, type_ = v["same"], v["type"]
        if p == type_:
            self._type_rules(s, o)
        if p in self._active:
            self._property_rules(s, p, o)
        if st.sp.get(same):  # eq-rep for a triple about a node already known to be the same as another
            for k, (x, rule) in enumerate(((s, "eq-rep-s"), (p, "eq-rep-p"), (o, "eq-rep-o"))):
                if st.objects(x, same):
                    for y in list(st.objects(x, same)):
                        if y != x:  # one position at a time: each derivation is one application of the rule
                            derive(y if k == 0 else s, y if k == 1 else p, y if k == 2 else o, rule,
                                   ((s, p, o), (x, same, y)))

    def _property_rules(self, s: int, p: int, o: int) -> None:
        st, v, derive = self.store, self.v, self.derive
        same, type_ = v["same"], v["type"]
        t = (s, p, o)
        for q, (rule, axiom) in self.supers_p.get(p, {}).items():  # prp-spo1, prp-eqp1
            derive(s, q, o, rule, (t, axiom))
        for c in self.dom.get(p, ()):  # prp-dom
            derive(s, type_, c, "prp-dom", (t, (p, v["dom"], c)))
        for c in self.rng.get(p, ()):  # prp-rng
            derive(o, type_, c, "prp-rng", (t, (p, v["rng"], c)))
        for q, (rule, axiom) in self.inv.get(p, {}).items():  # prp-inv1/2
            derive(o, q, s, rule, (t, axiom))
        if p in self.sym:  # prp-symp
            derive(o, p, s, "prp-symp", (t, (p, type_, v["Symmetric"])))
        if p in self.trans:  # prp-trp
            kind = (p, type_, v["Transitive"])
            for z in list(st.objects(o, p)):
                derive(s, p, z, "prp-trp", (t, (o, p, z), kind))
            for w in list(st.subjects(p, s)):
                derive(w, p, o, "prp-trp", ((w, p, s), t, kind))
        for target, chain, k, head in self.chains.get(p, ()):  # prp-spo2
            lefts: dict[int, tuple] = {s: ()}  # x -> the triples from x to s along the chain
            for q in reversed(chain[:k]):
                lefts = {x: ((x, q, y), *path) for y, path in lefts.items() for x in st.subjects(q, y)}
            rights: dict[int, tuple] = {o: ()}
            for q in chain[k + 1:]:
                rights = {z: (*path, (y, q, z)) for y, path in rights.items() for z in st.objects(y, q)}
            for x, left in lefts.items():
                for z, right in rights.items():
                    derive(x, target, z, "prp-spo2", (*left, t, *right, (target, v["chain"], head)))
        if p in self.func:  # prp-fp
            for y2 in list(st.objects(s, p)):
                if y2 != o:
                    derive(o, same, y2, "prp-fp", (t, (s, p, y2), (p, type_, v["Functional"])))
        if p in self.ifunc:  # prp-ifp
            for x2 in list(st.subjects(p, o)):
                if x2 != s:
                    derive(s, same, x2, "prp-ifp", (t, (x2, p, o), (p, type_, v["InvFunctional"])))
        for r in self.hv_by_pv.get((p, o), ()):  # cls-hv2
            derive(s, type_, r, "cls-hv2", (t, (r, v["hv"], o), (r, v["onp"], p)))
        for r, y in self.svf_by_p.get(p, ()):  # cls-svf1/2
            if y == v["Thing"]:
                derive(s, type_, r, "cls-svf2", (t, (r, v["svf"], y), (r, v["onp"], p)))
            elif st.has(o, type_, y):
                derive(s, type_, r, "cls-svf1", (t, (o, type_, y), (r, v["svf"], y), (r, v["onp"], p)))
        for r, y in self.avf_by_p.get(p, ()):  # cls-avf
            if st.has(s, type_, r):
                derive(o, type_, y, "cls-avf", (t, (s, type_, r), (r, v["avf"], y), (r, v["onp"], p)))
        for r in self.maxc1_by_p.get(p, ()):  # cls-maxc2
            if st.has(s, type_, r):
                for y2 in list(st.objects(s, p)):
                    if y2 != o:
                        derive(o, same, y2, "cls-maxc2", (t, (s, p, y2), (s, type_, r), (r, v["onp"], p)))
        for r, cc in self.maxqc1_by_p.get(p, ()):  # cls-maxqc3/4
            if st.has(s, type_, r) and (cc == v["Thing"] or st.has(o, type_, cc)):
                for y2 in list(st.objects(s, p)):
                    if y2 != o and (cc == v["Thing"] or st.has(y2, type_, cc)):
                        rule = "cls-maxqc4" if cc == v["Thing"] else "cls-maxqc3"
                        derive(o, same, y2, rule, (t, (s, p, y2), (s, type_, r), (r, v["onp"], p), (r, v["onclass"], cc)))
        if p == same and s != o:  # eq-sym, eq-trans, eq-rep-*
            self._same(s, o)

    def _type_rules(self, s: int, c: int) -> None:
        st, v, derive = self.store, self.v, self.derive
        type_ = v["type"]
        t = (s, type_, c)
        for d, (rule, axiom) in self.supers_c.get(c, {}).items():  # cax-sco, cax-eqc1/2
            derive(s, type_, d, rule, (t, axiom))
        for pp, val in self.hv_by_class.get(c, ()):  # cls-hv1
            derive(s, pp, val, "cls-hv1", (t, (c, v["hv"], val), (c, v["onp"], pp)))
        for pp, y in self.avf_by_class.get(c, ()):  # cls-avf
            for val in list(st.objects(s, pp)):
                derive(val, type_, y, "cls-avf", ((s, pp, val), t, (c, v["avf"], y), (c, v["onp"], pp)))
        for k in self.int_by_member.get(c, ()):  # cls-int1
            if all(st.has(s, type_, m) for m in self.int_members[k]):
                derive(s, type_, k, "cls-int1", (*((s, type_, m) for m in self.int_members[k]), self.int_axiom[k]))
        for m in self.int_members.get(c, ()):  # cls-int2
            derive(s, type_, m, "cls-int2", (t, self.int_axiom[c]))
        for u, axiom in self.uni_by_member.get(c, ()):  # cls-uni
            derive(s, type_, u, "cls-uni", (t, axiom))
        for r, pp in self.svf_by_class.get(c, ()):  # cls-svf1
            for u in list(st.subjects(pp, s)):
                derive(u, type_, r, "cls-svf1", ((u, pp, s), t, (r, v["svf"], c), (r, v["onp"], pp)))
        if c in self.maxc1_classes:  # cls-maxc2
            pp, _ = self.maxc1_classes[c]
            ys = list(st.objects(s, pp))
            for y1 in ys:
                for y2 in ys:
                    if y1 != y2:
                        derive(y1, v["same"], y2, "cls-maxc2", (t, (s, pp, y1), (s, pp, y2), (c, v["onp"], pp)))
        if c in self.maxqc1_classes:  # cls-maxqc3/4
            pp, cc = self.maxqc1_classes[c]
            ys = [y for y in st.objects(s, pp) if cc == v["Thing"] or st.has(y, type_, cc)]
            for y1 in ys:
                for y2 in ys:
                    if y1 != y2:
                        rule = "cls-maxqc4" if cc == v["Thing"] else "cls-maxqc3"
                        derive(y1, v["same"], y2, rule, (t, (s, pp, y1), (s, pp, y2), (c, v["onp"], pp), (c, v["onclass"], cc)))

    def _same(self, x: int, y: int) -> None:
        st, derive, same = self.store, self.derive, self.v["same"]
        t = (x, same, y)
        derive(y, same, x, "eq-sym", (t,))
        for z in list(st.objects(y, same)):
            if z != x:
                derive(x, same, z, "eq-trans", (t, (y, same, z)))
        for p in list(st.sp):
            for o in list(st.objects(x, p)):  # eq-rep-s
                derive(y, p, o, "eq-rep-s", (t, (x, p, o)))
            for s in list(st.subjects(p, x)):  # eq-rep-o
                derive(s, p, y, "eq-rep-o", (t, (s, p, x)))
        for s, o in list(st.pairs(x)):  # eq-rep-p
            derive(s, y, o, "eq-rep-p", (t, (s, x, o)))

    # ------------------------------------------------------------ consistency

    def _check(self) -> None:
        st, v, err, n = self.store, self.v, self.errors.append, self._name
        type_ = v["type"]
        for x in st.subjects(type_, v["Nothing"]):
            err(f"{n(x)} is defined of type 'Nothing'")

        def common(c1: int, c2: int) -> set[int]:
            return st.subjects(type_, c1) & st.subjects(type_, c2)

        for c1, c2 in st.pairs(v["dw"]):
            for x in common(c1, c2):
                err(f"Disjoint classes {n(c1)} and {n(c2)} have a common individual {n(x)}")
        for x in st.subjects(type_, v["AllDisjointClasses"]):
            for head in st.objects(x, v["members"]):
                cls = self._list(head)
                for i, c1 in enumerate(cls):
                    for c2 in cls[i + 1:]:
                        for z in common(c1, c2):
                            err(f"Disjoint classes {n(c1)} and {n(c2)} have a common individual {n(z)}")
        for c1, c2 in st.pairs(v["comp"]):
            for x in common(c1, c2):
                err(f"Violation of complementarity for classes {n(c1)} and {n(c2)} on element {n(x)}")
        for p in st.subjects(type_, v["Irreflexive"]):
            for x, y in st.pairs(p):
                if x == y:
                    err(f"Irreflexive property used on {n(x)} with {n(p)}")
        for p in st.subjects(type_, v["Asymmetric"]):
            for x, y in st.pairs(p):
                if st.has(y, p, x):
                    err(f"Erroneous usage of asymmetric property {n(p)} on {n(x)} and {n(y)}")
        for p1, p2 in st.pairs(v["pdw"]):
            for x, y in st.pairs(p1):
                if st.has(x, p2, y):
                    err(f"Erroneous usage of disjoint properties {n(p1)} and {n(p2)} on {n(x)} and {n(y)}")
        for a in st.subjects(type_, v["AllDisjointProperties"]):
            for head in st.objects(a, v["members"]):
                props = self._list(head)
                for i, p1 in enumerate(props):
                    for p2 in props[i + 1:]:
                        for x, y in st.pairs(p1):
                            if st.has(x, p2, y):
                                err(f"Disjoint properties {n(p1)} and {n(p2)} are not really disjoint: ({n(x)}, {n(y)})")
        for x, y in st.pairs(v["diff"]):
            if x == y or st.has(x, v["same"], y) or st.has(y, v["same"], x):  # x = x always holds (eq-ref)
                err(f"'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: ({n(x)}, {n(y)})")
        for a in st.subjects(type_, v["AllDifferent"]):
            for head in list(st.objects(a, v["members"])) + list(st.objects(a, v["dmembers"])):
                items = self._list(head)
                for i, x in enumerate(items):
                    for y in items[i + 1:]:
                        if x != y and st.has(x, v["same"], y):
                            err(f"'sameAs' and 'AllDifferent' cannot be used on the same subject-object pair: ({n(x)}, {n(y)})")
        for r, pp in st.pairs(v["onp"]):
            if any(self._int_value(k) == 0 for k in st.objects(r, v["maxc"])):
                for u in st.subjects(type_, r):
                    for y in st.objects(u, pp):
                        err(f"Erroneous usage of maximum cardinality with {n(r)} and {n(y)}")
            if any(self._int_value(k) == 0 for k in st.objects(r, v["maxqc"])):
                for cc in st.objects(r, v["onclass"]):
                    for u in st.subjects(type_, r):
                        for y in st.objects(u, pp):
                            if cc == v["Thing"] or st.has(y, type_, cc):
                                err(f"Erroneous usage of maximum qualified cardinality with {n(r)}, {n(cc)} and {n(y)}")
        for x, i1 in st.pairs(v["srcind"]):
            for p1 in st.objects(x, v["assprop"]):
                for i2 in list(st.objects(x, v["tgtind"])) + list(st.objects(x, v["tgtval"])):
                    if st.has(i1, p1, i2):
                        err(f"Negative property assertion violated for: ({n(i1)}, {n(p1)}, {n(i2)})")
        self._lexical()

    def _lexical(self) -> None:
        """dt-not-type: a literal whose lexical form is not in its datatype (owlrl's converters)."""
        from owlrl.DatatypeHandling import AltXSDToPYTHON
        from owlrl.XsdDatatypes import OWL_RL_Datatypes

        rl = {str(d): d for d in OWL_RL_Datatypes}
        for term in self.terms:
            lit = self.t.literal(term)
            if lit is None or lit[1] not in rl:
                continue
            converter = AltXSDToPYTHON.get(rl[lit[1]])
            if converter is None:
                continue
            try:
                converter(lit[0])
            except ValueError:
                self.errors.append(f"Lexical value of the literal '{lit[0]}' does not match its datatype ({lit[1]})")

    # ------------------------------------------------------------ output

    def _classify_terms(self, start: int = 0) -> None:
        """Which terms may not be subjects in the output (literals, blank nodes, the built-in
        vocabularies) and which are XSD datatypes; computed once, so junk() is set lookups."""
        if start == 0:
            self._no_subject: set[int] = set()
            self._xsd: set[int] = set()
        t = self.t
        for i in range(start, len(self.terms)):
            term = self.terms[i]
            text = t.iri_text(term)
            if text is None or text.startswith(BUILTIN):
                self._no_subject.add(i)
            if text is not None and text.startswith(XSD):
                self._xsd.add(i)
        self._classified = len(self.terms)
        v = self.v
        self._reflexive_junk = {v["same"], v["sco"], v["spo"], v["eqc"], v["eqp"]}
        self._trivial_types = {v["Thing"], v["Resource"], v["NamedIndividual"]}

    def junk(self, s: int, p: int, o: int) -> bool:
        """owlrl's junk, the one cleaning rule of both engines (see :func:`clean`): a literal, blank-node
        or built-in subject, a reflexive sameAs/subClassOf/..., typing as owl:Thing or as a datatype."""
        if s in self._no_subject:
            return True
        if s == o and p in self._reflexive_junk:
            return True
        return p == self.v["type"] and (o in self._trivial_types or o in self._xsd)

    def result(self) -> Result:
        kept, removed = [], 0
        self._classify_terms(self._classified)  # terms interned while reasoning (datatypes)
        asserted = self.asserted_junk
        terms = self.terms
        for s, p, o in self.store.triples():
            if not self.junk(s, p, o) or (s, p, o) in asserted:
                kept.append((terms[s], terms[p], terms[o]))
            else:
                removed += 1
        if self.why is None:
            return Result(self.asserted, kept, removed)
        why = self.why

        def out(t: tuple[int, int, int]) -> tuple:
            return terms[t[0]], terms[t[1]], terms[t[2]]

        def convert() -> Derivations:
            return {out(t): [(rule, tuple(out(x) for x in premises)) for rule, premises in ways]
                    for t, ways in why.items() if not self.junk(*t)}

        return Result(self.asserted, kept, removed, len(why), convert)


def materialise(triples: Iterable[tuple], terms: Terms, explain: bool = False) -> Result:
    """The cleaned OWL 2 RL closure of ``triples``; raises Inconsistent with owlrl-style messages.
    With ``explain``, the result also says how each inferred triple was derived: the OWL 2 RL
    rule's name and the triples it used (up to MAX_DERIVATIONS ways each)."""
    m = Materialiser(triples, terms, explain)
    m.run()
    if m.errors:
        raise Inconsistent(sorted(set(m.errors)))
    return m.result()


def clean(asserted: Iterable[tuple], closure: Iterable[tuple], terms: Terms) -> Result:
    """Another reasoner's closure (owlrl's) cleaned by this engine's junk rule, the only one there is:
    the ``asserted`` triples stay as they are, what ``closure`` adds is kept unless it is junk."""
    m = Materialiser(asserted, terms)
    m._classify_terms()
    m.asserted_junk = {t for t in m.store.triples() if m.junk(*t)}
    for s, p, o in closure:
        m.store.add(m._id(s), m._id(p), m._id(o))
    return m.result()


def rdflib_terms() -> Terms:
    from rdflib import Literal, URIRef

    def literal(t):
        if isinstance(t, Literal):
            return str(t), (str(t.datatype) if t.datatype is not None else None)
        return None

    return Terms(iri=URIRef, literal=literal,
                 iri_text=lambda t: str(t) if isinstance(t, URIRef) else None)


def oxigraph_terms() -> Terms:
    import pyoxigraph as ox

    def literal(t):
        if isinstance(t, ox.Literal):
            if t.language is not None or t.datatype.value == XSD + "string":
                return t.value, None  # a simple literal, as rdflib (and so owlrl) sees it
            return t.value, t.datatype.value
        return None

    return Terms(iri=ox.NamedNode, literal=literal,
                 iri_text=lambda t: t.value if isinstance(t, ox.NamedNode) else None)
