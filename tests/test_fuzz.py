"""Property-based tests: whatever a curator types, the loader answers with the data
or with a DataError naming the file and record, never with another exception."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import XSD

from kg.build.check import check, parse_date
from kg.build.load import load_ontology, read_data
from kg.errors import DataError, QueryError
from kg.layout import Layout
from kg.query.named import Param, convert_param

ROOT = Path(__file__).resolve().parent.parent

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["baku", "2001-11-09", "2001-02-30", "1993", "--12-31", "P1Y",
                                                          "exact", "schema:Place", "heydar-aliyev", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)
keys = st.sampled_from(["id", "type", "label", "altLabel", "note", "evidence", "startDate", "location", "editionNumber",
                        "hedge", "statedValue", "dayOfYear", "repeatFrequency", "holder", "nonsense", "sourceFile"])
records = st.dictionaries(keys, values, max_size=8)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("data", "ontology"):
        shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(Layout(ROOT))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_any_record_is_data_or_a_clear_error(fuzz_root, ontology, record):
    _checks_or_names_the_file(Layout(fuzz_root), ontology, yaml.safe_dump([record], allow_unicode=True))


evidence = st.lists(st.one_of(values, st.fixed_dictionaries({"source": values, "quote": values})), max_size=3)
link_fields = st.fixed_dictionaries({k: values for k in ("entity", "target", "match", "confidence", "confirmedBy")})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ev=evidence, link=st.one_of(link_fields, st.dictionaries(keys, values, max_size=5)))
def test_any_evidence_or_link_is_data_or_a_clear_error(fuzz_root, ontology, ev, link):
    layout = Layout(fuzz_root)
    record = {"id": "fuzz-person", "type": "Person", "label": "Fuzz", "evidence": ev}
    paths = [layout.records / "zz-fuzz.yaml", layout.links / "zz-fuzz.yaml"]
    paths[0].write_text(yaml.safe_dump([record], allow_unicode=True), encoding="utf-8")
    paths[1].write_text(yaml.safe_dump([link], allow_unicode=True), encoding="utf-8")
    try:
        check(read_data(layout), ontology, layout)
    except DataError as exc:
        assert "zz-fuzz.yaml" in str(exc)
    finally:
        for p in paths:
            p.unlink()


long_values = st.fixed_dictionaries(
    {"value": values},
    optional={"evidence": st.one_of(values, st.lists(st.fixed_dictionaries({"source": st.sampled_from(
        ["article-2025-12-31-day-of-solidarity", "report-az-2025-12-31-solidarity-day", "nothing"]) | values},
        optional={"quote": values, "supports": values}), max_size=2)),
              "rank": st.one_of(st.sampled_from(["preferred", "normal", "deprecated"]), values),
              "obtained": st.one_of(st.sampled_from(["stated", "context"]), values),
              "validFrom": values, "validUntil": values, "asOf": values, "note": values, "other": values})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["startDate", "location", "editionNumber", "holder", "validFrom"]),
       given=st.lists(long_values, min_size=1, max_size=3), former=values)
def test_any_value_in_its_long_form_is_data_or_a_clear_error(fuzz_root, ontology, field, given, former):
    layout = Layout(fuzz_root)
    record = {"id": "fuzz-meeting", "type": "Meeting", "label": "Fuzz", field: given, "formerIds": former,
              "evidence": [{"source": "report-az-2025-12-31-solidarity-day"}]}
    _checks_or_names_the_file(layout, ontology, yaml.safe_dump([record], allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_file_content_is_data_or_a_clear_error(fuzz_root, ontology, text):
    _checks_or_names_the_file(Layout(fuzz_root), ontology, text)


def _checks_or_names_the_file(layout: Layout, ontology, text: str) -> None:
    """``text`` as a record file is data, or a DataError every problem of which names that file."""
    path = layout.records / "zz-fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        check(read_data(layout), ontology, layout)
    except DataError as exc:
        assert "data/records/zz-fuzz.yaml" in str(exc), str(exc)
        assert all(p.file == "data/records/zz-fuzz.yaml" for p in exc.problems), exc.problems
    finally:
        path.unlink()


@given(text=st.text(max_size=12))
def test_parse_date_accepts_only_calendar_dates_months_and_years(text):
    try:
        lit = parse_date(text)
    except ValueError:
        return
    value = str(lit)
    if len(value.lstrip("-")) == 4:
        assert value.lstrip("-").isdigit()
    elif len(value) == 7:
        assert lit.datatype == XSD.gYearMonth and value[:4].isdigit() and 1 <= int(value[5:]) <= 12
    else:
        dt.date.fromisoformat(value)


@given(d=st.dates())
def test_every_real_date_is_accepted(d):
    assert str(parse_date(d.isoformat())) == d.isoformat()


@given(kind=st.sampled_from(["iri", "string", "integer", "year", "date"]), value=st.text(max_size=40))
def test_query_parameters_convert_or_fail_cleanly(kind, value):
    try:
        convert_param(Param("p", kind, ""), value)
    except QueryError as exc:
        assert "parameter p" in str(exc)
