"""The as-of view of an entity page: what the rows of queries/as-of.rq for a day say of one entity."""

from __future__ import annotations

from kg.site.asof import as_of

ID = "https://w3id.org/azdiaspora/id/"


def _row(**values) -> dict:
    return {k: {"value": v} for k, v in values.items()}


ROWS = [
    _row(kind="body", body=ID + "committee", thing="Committee", since="2008-11-19"),
    _row(kind="post held", body=ID + "chairman", holder=ID + "muradov", thing="Chairman", detail="Fuad Muradov", since="2018-04-23"),
    _row(kind="act adopted", body=ID + "decree", thing="Decree", since="2008-11-19"),
    _row(kind="the Day's name", body=ID + "decree-1993", thing="Decree of 1993", detail="Day of Solidarity", since="1993"),
]


def test_each_kind_of_row_speaks_of_its_own_entity_only():
    assert as_of(ROWS, ID + "committee", "2019-06-30").lines == ["existed (since 2008-11-19)"]
    assert as_of(ROWS, ID + "chairman", "2019-06-30").lines == ["held by Fuad Muradov (since 2018-04-23)"]
    assert as_of(ROWS, ID + "muradov", "2019-06-30").lines == ["held the post of Chairman (since 2018-04-23)"]
    assert as_of(ROWS, ID + "decree", "2019-06-30").lines == ["adopted (on 2008-11-19)"]
    assert as_of(ROWS, ID + "the-day", "2019-06-30", is_day=True).lines == [
        "the Day's name: Day of Solidarity (as Decree of 1993 gave it, 1993)"]
    assert as_of(ROWS, ID + "baku", "2019-06-30").lines == []
