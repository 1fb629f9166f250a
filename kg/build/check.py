"""Check raw records against the ontology and turn them into RDF-ready records.

The ontology is the schema: a record's ``type`` must be a class of the
ontology, each other field the local name of one of its properties, and the
property's declaration says what kind of value it takes (a reference to
another record, a date, an integer, text). Every problem found is reported at
once, each naming the file, the line, the record and what to fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.build.load import ARTICLE_HEADER, LINE_KEY, read_article, without_lines
from kg.build.model import RANKS, CheckedData, Evidence, Link, Qualified, RawData, RawRecord, Record, Where
from kg.errors import DataError
from kg.layout import Layout
from kg.problems import Problem
from kg.rdf.namespaces import AZD, ID, SCHEMA

RESERVED = {"id", "type", "label", "altLabel", "note", "evidence", "formerIds"}
# re.ASCII: \d is 0-9 only ('٢٠٠٢' is no year: it would be published as an invalid xsd:gYear)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", re.ASCII)
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", re.ASCII)
YEAR_PATTERN = re.compile(r"^-?\d{4}$", re.ASCII)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
MONTH_PATTERN = re.compile(r"^\d{4}-\d{2}$", re.ASCII)
MONTH_DAY_PATTERN = re.compile(r"^--(\d{2})-(\d{2})$", re.ASCII)
DURATION_PATTERN = re.compile(r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$", re.ASCII)

#: External datasets a link may point to, with the shape of their IRIs.
LINK_TARGETS = {
    "Wikidata": re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$"),
    "DBpedia": re.compile(r"^http://dbpedia\.org/resource/[^\s<>\"{}|\\^`]+$"),
    "GeoNames": re.compile(r"^https://sws\.geonames\.org/[1-9]\d*/$"),
}
LINK_MATCHES = {"exactMatch": SKOS.exactMatch, "closeMatch": SKOS.closeMatch}
LINK_CONFIDENCE = {"verified", "likely"}


@dataclass(frozen=True)
class PropertyInfo:
    iri: URIRef
    kind: str  # ref | date | integer | text | string | gMonthDay | duration


@dataclass(frozen=True)
class Vocabulary:
    """What records may say, read from the ontology."""

    classes: frozenset[str]
    properties: dict[str, PropertyInfo]
    concepts: frozenset[str]

    @classmethod
    def from_ontology(cls, ontology: Graph) -> Vocabulary:
        ns = str(AZD)
        classes = {str(c)[len(ns):] for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)}
        concepts = {str(c)[len(ns):] for c in ontology.subjects(RDF.type, SKOS.Concept) if str(c).startswith(ns)}
        props: dict[str, PropertyInfo] = {}
        for ptype in (OWL.ObjectProperty, OWL.DatatypeProperty):
            for p in ontology.subjects(RDF.type, ptype):
                if not str(p).startswith(ns) or (p, AZD.builtOnly, Literal(True)) in ontology:
                    continue  # another vocabulary's, or one the build writes (statements, derived facts)
                props[str(p)[len(ns):]] = PropertyInfo(p, _kind(ptype, ontology.value(p, RDFS.range)))
        return cls(frozenset(classes), props, frozenset(concepts))


def _kind(ptype: URIRef, range_: Any) -> str:
    if ptype == OWL.ObjectProperty:
        return "ref"
    return {
        AZD.DateOrYear: "date",
        XSD.integer: "integer",
        XSD.gMonthDay: "gMonthDay",
        XSD.duration: "duration",
        XSD.anyURI: "uri",
        RDF.langString: "text",
    }.get(range_, "string")


class _Problems:
    """Collects every problem so the user sees them all in one run."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: Where | str, about: RawRecord | str, message: str, field: str | None = None,
            fix: str | None = None) -> None:
        """A problem at ``where`` (a file and line, or a file) of a record (or of what ``about`` names)."""
        file, line = (where.file, where.line) if isinstance(where, Where) else (where, None)
        if isinstance(about, RawRecord):
            rid = about.fields.get("id") or about.fields.get("entity")
            record, subject = (rid if isinstance(rid, str) else None), about.name
        else:
            record, subject = None, about
        self.items.append(Problem(message, file=file, line=line, record=record, field=field, fix=fix, subject=subject))

    def raise_if_any(self) -> None:
        if self.items:
            n = len(self.items)
            raise DataError(f"{n} problem{'s' if n > 1 else ''} in the curated data", self.items)


def _suggest(word: str, options: set[str] | frozenset[str]) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=3)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def parse_date(value: Any) -> Literal:
    """YYYY-MM-DD -> xsd:date; YYYY-MM -> xsd:gYearMonth; YYYY -> xsd:gYear: the precision the
    source gives. Raises ValueError with a user message."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None:
        raise ValueError(f"expected a date YYYY-MM-DD or a year YYYY, found {value!r}")
    if YEAR_PATTERN.match(text):
        return Literal(text, datatype=XSD.gYear)
    if MONTH_PATTERN.match(text):
        if not 1 <= int(text[5:7]) <= 12:
            raise ValueError(f"{text!r} is not a month of the calendar; write YYYY-MM with a month from 01 to 12")
        return Literal(text, datatype=XSD.gYearMonth)
    if DATE_PATTERN.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a day of the calendar; check the day and month") from None
        return Literal(text, datatype=XSD.date)
    raise ValueError(f"expected a date YYYY-MM-DD or a year YYYY, found {text!r}")


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain_text(text: str) -> str:
    """Text a record may hold: no control characters (they break RDF tools downstream)."""
    m = CONTROL.search(text)
    if m:
        raise ValueError(f"contains the control character U+{ord(m.group()):04X}; remove it")
    return text


def parse_month_day(text: str) -> Literal:
    """--MM-DD -> xsd:gMonthDay, checked against the calendar (29 February allowed)."""
    m = MONTH_DAY_PATTERN.match(text)
    try:
        if not m:
            raise ValueError
        dt.date(2000, int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the year written --MM-DD, e.g. \"--12-31\"") from None
    return Literal(text, datatype=XSD.gMonthDay)


def _language_values(value: Any, default_lang: str = "en") -> list[tuple[str, str]]:
    """label/altLabel: 'text', ['a', 'b'] or {en: ..., az: ...} -> [(text, lang)]."""
    if isinstance(value, str):
        return [(value, default_lang)]
    if isinstance(value, list):
        out = []
        for v in value:
            out.extend(_language_values(v, default_lang))
        return out
    if isinstance(value, dict):
        out = []
        for lang, v in value.items():
            if not isinstance(lang, str) or not LANG_PATTERN.match(lang):
                raise ValueError(f"{lang!r} is not a language tag such as en or az")
            out.extend(_language_values(v, lang))
        return out
    raise ValueError(f"expected text, a list of texts or {{en: ..., az: ...}}, found {value!r}")


class _Checker:
    def __init__(self, raw: RawData, vocab: Vocabulary, layout: Layout):
        self.raw = raw
        self.vocab = vocab
        self.layout = layout
        self.problems = _Problems()
        self.ids: dict[str, RawRecord] = {}
        self.reports: dict[str, str] = {}  # cited reports: id -> headline

    def run(self) -> CheckedData:
        self._collect_ids()
        articles = self._read_articles()
        records: dict[str, Record] = {}
        for raw in self.raw.records:
            rec = self._record(raw, articles)
            if rec is not None:
                records[rec.id] = rec
        links = [link for raw in self.raw.links if (link := self._link(raw)) is not None]
        self._check_dataset()
        self.problems.raise_if_any()
        return CheckedData(records, links, articles, dict(self.raw.dataset), dict(self.reports))

    # -- ids and articles ------------------------------------------------------
    def _collect_ids(self) -> None:
        for raw in self.raw.records:
            rid = raw.fields.get("id")
            if rid is None:
                self.problems.add(raw.where, raw, "missing field 'id'", field="id", fix="give the record a unique id such as first-congress")
                continue
            if not isinstance(rid, str) or not ID_PATTERN.match(rid):
                self.problems.add(raw.where, raw, f"id {rid!r} must be lower-case words joined by hyphens, e.g. baku or first-congress", field="id")
                continue
            if rid in self.ids:
                self.problems.add(raw.where, raw, f"duplicate id: {rid!r} is already used at {self.ids[rid].where}", field="id", fix="choose another id")
                continue
            self.ids[rid] = raw

    def _read_articles(self) -> dict[str, str]:
        articles: dict[str, str] = {}
        for rid, raw in self.ids.items():
            if raw.fields.get("type") == "WebReport":
                self.reports[rid] = str(raw.fields.get("headline") or raw.fields.get("label") or rid)
            if raw.fields.get("type") != "NewsArticle":
                continue
            rel = raw.fields.get("sourceFile")
            if not isinstance(rel, str):
                self.problems.add(raw.where, raw, "a NewsArticle needs sourceFile: the path of its text under data/, e.g. sources/NAME.txt", field="sourceFile")
                continue
            try:
                articles[rid] = read_article(self.layout, rel, raw.where)
            except DataError as exc:
                self.problems.items.extend(exc.problems)
        return articles

    # -- records ---------------------------------------------------------------
    def _record(self, raw: RawRecord, articles: dict[str, str]) -> Record | None:
        f = raw.fields
        rid = f.get("id")
        if not isinstance(rid, str) or self.ids.get(rid) is not raw:
            return None  # its id problem is already reported
        type_name = f.get("type")
        if type_name is None:
            self.problems.add(raw.where, raw, "missing field 'type'", field="type", fix="name a class of the ontology, e.g. Person, Congress, Law")
            return None
        if not isinstance(type_name, str) or type_name not in self.vocab.classes:
            self.problems.add(raw.where, raw, f"unknown type {type_name!r}.{_suggest(str(type_name), self.vocab.classes)} Known types: {', '.join(sorted(self.vocab.classes))}", field="type")
            return None
        rec = Record(rid, ID[rid], AZD[type_name], raw.where)
        rec.statements.append((RDF.type, AZD[type_name]))

        # labels
        if "label" not in f:
            self.problems.add(raw.where, raw, "missing field 'label'", field="label", fix="give its English name, e.g. label: Baku (or label: {en: Baku, az: Bakı})")
        else:
            try:
                labels = _language_values(without_lines(f["label"]))
                if not any(lang == "en" for _, lang in labels):
                    raise ValueError("needs an English label (en)")
                langs = [lang for _, lang in labels]
                if len(langs) != len(set(langs)):
                    raise ValueError("give one label per language; put other names in altLabel")
                for text, lang in labels:
                    if not text.strip():
                        raise ValueError("is empty")
                    plain_text(text)
                    rec.statements.append((RDFS.label, Literal(text, lang=lang)))
            except ValueError as exc:
                self.problems.add(raw.where, raw, f"label {exc}", field="label")
        if "altLabel" in f:
            try:
                for text, lang in _language_values(without_lines(f["altLabel"])):
                    rec.statements.append((SKOS.altLabel, Literal(plain_text(text), lang=lang)))
            except ValueError as exc:
                self.problems.add(raw.where, raw, f"altLabel: {exc}", field="altLabel")
        if "note" in f:
            note = f["note"]
            if not isinstance(note, str) or not note.strip():
                self.problems.add(raw.where, raw, "note must be text", field="note")
            elif CONTROL.search(note):
                self.problems.add(raw.where, raw, "note contains a control character", field="note", fix="remove it")
            else:
                rec.statements.append((SKOS.editorialNote, Literal(" ".join(note.split()), lang="en")))

        # ids it was published under before (kept resolving: a contested value is no part of an id)
        former = f.get("formerIds", [])
        former = former if isinstance(former, list) else [former]
        for old in former:
            if not isinstance(old, str) or not ID_PATTERN.match(old) or old in self.ids:
                self.problems.add(raw.where, raw, f"formerIds: {old!r} must be an id no record has now", field="formerIds")
            else:
                rec.former.append(old)

        # evidence
        self._evidence(raw, rec, articles)

        # other fields
        for key, value in f.items():
            if key in RESERVED:
                continue
            info = self.vocab.properties.get(key)
            if info is None:
                self.problems.add(raw.where, raw, f"unknown field {key!r}.{_suggest(key, set(self.vocab.properties) | RESERVED)} Fields are the ontology's property names (see ontology/azdiaspora.ttl)", field=key)
                continue
            values = value if isinstance(value, list) else [value]
            if not values:
                self.problems.add(raw.where, raw, f"{key}: empty list", field=key, fix="remove the field or give a value")
            for v in values:
                if isinstance(v, dict) and "value" in v:
                    self._long_value(raw, rec, key, info, v, articles)
                    continue
                try:
                    rec.statements.append((info.iri, self._value(info, without_lines(v))))
                except ValueError as exc:
                    self.problems.add(raw.where, raw, f"{key}: {exc}", field=key)
        return rec

    LONG_FORM = {"value", "evidence", "rank", "obtained", "validFrom", "validUntil", "asOf", "note"}

    def _long_value(self, raw: RawRecord, rec: Record, key: str, info: PropertyInfo, item: dict, articles: dict[str, str]) -> None:
        """A value in its long form: ``{value, evidence, rank, obtained, validFrom, validUntil, asOf, note}``."""
        where = Where(raw.where.file, item.get(LINE_KEY, raw.where.line))
        fields = set(without_lines(item))
        if not fields <= self.LONG_FORM:
            self.problems.add(where, raw, f"{key}: unknown part(s) {', '.join(sorted(fields - self.LONG_FORM))} of a value",
                              field=key, fix=f"a value in its long form has {', '.join(sorted(self.LONG_FORM))}")
            return
        try:
            value = self._value(info, without_lines(item["value"]))
            rank = item.get("rank", "normal")
            if rank not in RANKS:
                raise ValueError(f"rank {rank!r} must be one of {', '.join(RANKS)}")
            obtained = item.get("obtained", "stated")
            if obtained not in ("stated", "context"):
                raise ValueError(f"obtained {obtained!r} must be stated (the source says it) or context (read from its context)")
            note = item.get("note")
            if note is not None and (not isinstance(note, str) or not note.strip() or CONTROL.search(note)):
                raise ValueError("note must be text")
            if rank != "normal" and note is None:
                raise ValueError(f"a {rank} value needs a note saying why")
            qualifiers = tuple((q, parse_date(item[q])) for q in ("validFrom", "validUntil", "asOf") if q in item)
        except ValueError as exc:
            self.problems.add(where, raw, f"{key}: {exc}", field=key)
            return
        items = item.get("evidence") or []
        evidence = [e for e in (self._evidence_item(x, raw, articles, set(raw.fields) - RESERVED) for x in
                                (items if isinstance(items, list) else [items])) if e is not None]
        rec.statements.append((info.iri, value))
        rec.qualified[(info.iri, value)] = Qualified(tuple(evidence), rank, obtained, qualifiers,
                                                     " ".join(note.split()) if note else None)

    def _value(self, info: PropertyInfo, v: Any) -> Any:
        if isinstance(v, (dict, list)):
            raise ValueError(f"expected a single value, found {v!r}")
        if info.kind == "ref":
            return self._reference(v)
        if info.kind == "date":
            return parse_date(v)
        if info.kind == "integer":
            if isinstance(v, bool) or not isinstance(v, int):
                raise ValueError(f"expected a whole number, found {v!r}")
            return Literal(v, datatype=XSD.integer)
        if v is None or isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise ValueError(f"expected text, found {v!r}")
        text = plain_text(str(v))
        if not text.strip():
            raise ValueError("is empty; remove the field or give a value")
        if info.kind == "text":
            return Literal(" ".join(text.split()), lang="en")
        if info.kind == "gMonthDay":
            return parse_month_day(text)
        if info.kind == "uri":
            if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text):
                raise ValueError(f"{text!r} is not an http(s) address")
            return Literal(text, datatype=XSD.anyURI)
        if info.kind == "duration":
            # checked here, not by rdflib, which logs a traceback for a bad lexical form
            if not DURATION_PATTERN.match(text):
                raise ValueError(f"{text!r} is not an ISO 8601 duration such as P1Y (yearly) or P1M (monthly)")
            return Literal(text, datatype=XSD.duration)
        return Literal(text)

    def _reference(self, v: Any) -> URIRef:
        if not isinstance(v, str):
            raise ValueError(f"expected the id of another record, found {v!r}")
        if v in self.ids:
            return ID[v]
        if v in self.vocab.concepts:
            return AZD[v]
        if v.startswith("schema:"):
            return URIRef(str(SCHEMA) + v[len("schema:"):])  # any schema.org name, without rdflib's warning
        raise ValueError(f"unknown reference {v!r}: no record has this id.{_suggest(v, set(self.ids) | self.vocab.concepts)}")

    def _evidence(self, raw: RawRecord, rec: Record, articles: dict[str, str]) -> None:
        items = raw.fields.get("evidence")
        if not items:
            if not self._evidenced_by_values(raw):
                self.problems.add(raw.where, raw, "missing evidence: add evidence: [{source: ARTICLE-ID, quote: \"the sentence that states it\"}]", field="evidence")
            return
        if not isinstance(items, list):
            items = [items]
        fields = set(raw.fields) - RESERVED
        rec.evidence.extend(e for e in (self._evidence_item(item, raw, articles, fields) for item in items) if e is not None)
        if rec.evidence:
            unsupported = sorted(f for f in fields if not any(e.states(f) for e in rec.evidence) and not self._evidenced_by_values(raw, f))
            if unsupported:
                self.problems.add(raw.where, raw, f"no evidence supports {', '.join(unsupported)}", field="evidence", fix="add it to an evidence item's supports")

    @staticmethod
    def _evidenced_by_values(raw: RawRecord, only: str | None = None) -> bool:
        """Whether every value of a field (of any field, without ``only``) carries its own evidence."""
        names = [only] if only else [k for k in raw.fields if k not in RESERVED]
        for name in names:
            values = raw.fields.get(name)
            values = values if isinstance(values, list) else [values]
            if not values or not all(isinstance(v, dict) and v.get("evidence") for v in values):
                return False
        return bool(names)

    def _evidence_item(self, item: Any, raw: RawRecord, articles: dict[str, str], fields: set[str]) -> Evidence | None:
        """One evidence item: a sentence quoted from a held article (``{source, quote}``), checked
        verbatim, or a citation of a report the project does not hold (``{source}``, no quote)."""
        line = item.get(LINE_KEY, raw.where.line) if isinstance(item, dict) else raw.where.line
        where = Where(raw.where.file, line)
        keys = set(without_lines(item)) if isinstance(item, dict) else set()
        cited = isinstance(item, dict) and isinstance(item.get("source"), str) and item["source"] in self.reports
        if not isinstance(item, dict) or not ({"source"} if cited else {"source", "quote"}) <= keys <= {"source", "quote", "supports"}:
            self.problems.add(where, raw, f"each evidence item needs source and quote (and may say which fields it supports), found {without_lines(item)!r}", field="evidence")
            return None
        supports = item.get("supports")
        if supports is not None and (not isinstance(supports, list)
                                     or not all(isinstance(x, str) and x in fields for x in supports)):
            self.problems.add(where, raw, f"supports must list fields of this record ({', '.join(sorted(fields))}), found {supports!r}", field="evidence")
            return None
        supported = None if supports is None else frozenset(supports)
        source = item["source"]
        if cited:
            if "quote" in item:
                self.problems.add(where, raw, f"a quote from {source}, a report the project does not hold", field="evidence",
                                  fix="cite it without a quote, and write the fact in your own words")
                return None
            return Evidence(source, None, where, supported)
        quote = item["quote"]
        if not isinstance(source, str) or source not in articles:
            known = ", ".join(sorted(articles)) or "none"
            self.problems.add(where, raw, f"evidence source {source!r} is not a NewsArticle record (known articles: {known})", field="evidence")
            return None
        if not isinstance(quote, str) or not quote.strip():
            self.problems.add(where, raw, "evidence quote must be the non-empty sentence quoted from the article", field="evidence")
            return None
        if quote not in articles[source]:
            self.problems.add(where, raw, f"misquote: {quote!r} does not stand verbatim in {source} ({self.ids[source].fields.get('sourceFile')}).{_closest_sentence(quote, articles[source])}", field="evidence")
            return None
        if not whole_sentences(quote, articles[source]):
            self.problems.add(where, raw, f"the quote {quote!r} is part of a sentence of {source}; quote whole "
                                          f"sentences (or a whole line, such as the dateline).{_containing_sentence(quote, articles[source])}",
                              field="evidence")
            return None
        return Evidence(source, quote, where, supported)

    # -- links and dataset -----------------------------------------------------
    def _link(self, raw: RawRecord) -> Link | None:
        f = raw.fields
        required = {"entity", "target", "match", "confidence", "confirmedBy"}
        missing = sorted(required - set(f))
        extra = sorted(set(f) - required)
        if missing or extra:
            msg = (f"missing {', '.join(missing)}" if missing else "") + ("; " if missing and extra else "") + (f"unknown field(s) {', '.join(extra)}" if extra else "")
            self.problems.add(raw.where, raw, f"link {msg}", fix="a link has entity, target, match, confidence and confirmedBy")
            return None
        entity, target = f["entity"], f["target"]
        ok = True
        if not isinstance(entity, str) or entity not in self.ids:
            self.problems.add(raw.where, raw, f"unknown entity {entity!r}: no record has this id.{_suggest(str(entity), set(self.ids))}", field="entity")
            ok = False
        dataset = next((name for name, pat in LINK_TARGETS.items() if isinstance(target, str) and pat.match(target)), None)
        if dataset is None:
            self.problems.add(raw.where, raw, f"target {target!r} is not a Wikidata (http://www.wikidata.org/entity/Q…), DBpedia (http://dbpedia.org/resource/…) or GeoNames (https://sws.geonames.org/N/) IRI", field="target")
            ok = False
        if not isinstance(f["match"], str) or f["match"] not in LINK_MATCHES:
            self.problems.add(raw.where, raw, f"match {f['match']!r} must be exactMatch or closeMatch (never owl:sameAs)", field="match")
            ok = False
        if not isinstance(f["confidence"], str) or f["confidence"] not in LINK_CONFIDENCE:
            self.problems.add(raw.where, raw, f"confidence {f['confidence']!r} must be one of {', '.join(sorted(LINK_CONFIDENCE))}", field="confidence")
            ok = False
        if not isinstance(f["confirmedBy"], str) or not f["confirmedBy"].strip():
            self.problems.add(raw.where, raw, "confirmedBy must say where the identifier was seen next to the entity", field="confirmedBy")
            ok = False
        if not ok:
            return None
        return Link(entity, ID[entity], URIRef(target), LINK_MATCHES[f["match"]], f["confidence"], " ".join(f["confirmedBy"].split()), dataset, raw.where)

    def _check_dataset(self) -> None:
        meta = self.raw.dataset
        where = self.layout.relative(self.layout.dataset_file)
        for key in ("title", "version", "modified", "license"):
            if key not in meta:
                self.problems.add(where, "dataset", f"missing field {key!r}", field=key)
        if "modified" in meta:
            try:
                if parse_date(meta["modified"]).datatype != XSD.date:
                    raise ValueError("give the full date YYYY-MM-DD")
            except ValueError as exc:
                self.problems.add(where, "dataset", f"modified: {exc}", field="modified")


_CLOSERS = "\"'”’»)]"
_TERMINALS = ".!?…"


def whole_sentences(quote: str, text: str) -> bool:
    """Whether ``quote`` stands in ``text`` as one or more whole sentences, or as a whole line: it
    begins where a sentence or a line begins and ends where one ends. A word or a fragment found
    somewhere inside a sentence is no evidence of what the sentence says."""
    quote = quote.strip()
    if not quote:
        return False
    # the leading " date YYYY-MM-DD" of an article (data/sources/) is a line of its own
    header = ARTICLE_HEADER.match(text)
    header_end = header.end() if header else -1
    start = text.find(quote)
    while start != -1:
        end = start + len(quote)
        before = text[:start].rstrip(" \t")
        starts = (not before or before.endswith("\n") or len(before) == header_end
                  or before.rstrip(_CLOSERS)[-1:] in tuple(_TERMINALS))
        after = text[end:]
        ends = (quote.rstrip(_CLOSERS)[-1:] in tuple(_TERMINALS) or end == header_end or not after.strip(" \t")
                or after.lstrip(" \t").startswith("\n"))
        if starts and ends:
            return True
        start = text.find(quote, start + 1)
    return False


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _containing_sentence(quote: str, text: str) -> str:
    sentences = [s for s in _sentences(text) if quote in s]
    return f" The sentence it stands in: {sentences[0]!r}" if sentences else ""


def _closest_sentence(quote: str, text: str) -> str:
    sentences = _sentences(text)
    best = difflib.get_close_matches(quote, sentences, n=1, cutoff=0.5)
    return f" Closest sentence in the article: {best[0]!r}" if best else " Copy the sentence exactly, with its punctuation (’ “ ” —)."


def check(raw: RawData, ontology: Graph, layout: Layout) -> CheckedData:
    """Check raw records against the ontology; raise DataError listing every problem."""
    return _Checker(raw, Vocabulary.from_ontology(ontology), layout).run()
