"""`kg serve`'s /check page and POST /api/check on a real server on 127.0.0.1: the verdicts as
`kg check` gives them, and hostile texts (huge, binary, bidirectional controls, 50,000 sentences)
answered with a clear error or a bounded answer, the server still whole after them."""

from __future__ import annotations

import concurrent.futures
import json

import httpx
import pytest
from servers import kg_server

pytestmark = [pytest.mark.enable_socket, pytest.mark.slow]
TEXT = ("The First Congress of World Azerbaijanis was held in Baku on November 9-10, 2001. "
        "The 5th Congress of World Azerbaijanis was held in Ganja in 2022.")


@pytest.fixture(scope="module")
def site(dist, tmp_path_factory):
    with kg_server(dist, tmp_path_factory.mktemp("store") / "s") as base:
        yield base


def _post(site, body, **kw):
    return httpx.post(site + "/api/check", content=body, timeout=60, **kw)


def test_api_check_gives_the_json_of_kg_check(site):
    r = _post(site, json.dumps({"text": TEXT, "date": "2026-01-01"}), headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    doc = r.json()
    got = {(c["subject"], c["field"]): c["verdict"] for c in doc["claims"]}
    assert got[("first-congress-of-world-azerbaijanis", "startDate")] == "supported"
    assert got[("fifth-congress-of-world-azerbaijanis", "location")] == "contradicted"
    [place] = [c for c in doc["claims"] if c["field"] == "location" and c["verdict"] == "contradicted"]
    assert place["graph"] == ["Shusha"] and any(s.get("url") for s in place["sources"])
    plain = _post(site, TEXT.encode(), headers={"Content-Type": "text/plain"}, params={"date": "2026-01-01"})
    assert plain.status_code == 200 and plain.json()["claims"] == doc["claims"]


def test_the_check_page_marks_each_sentence_and_links_to_the_entities(site):
    page = httpx.get(site + "/check", timeout=30)
    assert page.status_code == 200 and '<textarea id="text" name="text"' in page.text
    r = httpx.post(site + "/check", data={"text": TEXT, "date": "2026-01-01"}, timeout=60)
    assert r.status_code == 200
    assert 'class="v-contradicted"' in r.text and 'class="v-supported"' in r.text
    assert 'href="/doc/id/fifth-congress-of-world-azerbaijanis"' in r.text
    assert "Shusha" in r.text
    bad = httpx.post(site + "/check", content=b"text=%ff%fe", headers={"Content-Type": "application/x-www-form-urlencoded"},
                     timeout=30)
    assert bad.status_code == 400 and "not UTF-8" in bad.text


@pytest.mark.parametrize("body, content_type, status, words", [
    ("x" * 30_000, "text/plain", 413, "at most 20000"),  # over the text cap
    ("One claim. " * 50_000, "text/plain", 413, "accepts at most"),  # 50,000 sentences: over the body cap
    (b"\xff\xd8\xff\xe0 a JPEG", "text/plain", 400, "not UTF-8"),
    ("\u202eThe 5th Congress was held in Baku.", "text/plain", 422, "bidirectional control"),
    ("\x00\x01\x02", "text/plain", 422, "control characters"),
    ("{not json", "application/json", 400, "not JSON"),
    (json.dumps({"text": 5}), "application/json", 400, '"text" string'),
    (json.dumps({"text": "The Congress.", "date": "yesterday"}), "application/json", 400, "not a day"),
    ("   ", "text/plain", 400, "give a text"),
    ("Ok. " * 4_900, "text/plain", 422, "sentences"),  # under the size cap, over the sentence cap
])
def test_hostile_texts_get_a_clear_error(site, body, content_type, status, words):
    r = _post(site, body if isinstance(body, bytes) else body.encode(), headers={"Content-Type": content_type})
    assert r.status_code == status, r.text
    assert words in r.text and "Traceback" not in r.text


def test_the_server_stays_whole_and_fair_under_checks(site):
    """A burst of checks from one client is answered (or refused with 429), one at a time; the
    server's health and a normal check are unharmed after it and after the hostile texts."""
    def one(_):
        return _post(site, json.dumps({"text": TEXT * 20}), headers={"Content-Type": "application/json"}).status_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(one, range(24)))
    assert set(codes) <= {200, 429} and 200 in codes
    health = httpx.get(site + "/health", timeout=30).json()
    assert health["status"] == "ok" and health["workers_lost"] == 0
    r = _post(site, json.dumps({"text": TEXT}), headers={"Content-Type": "application/json"})
    assert r.status_code == 200 and len(r.json()["claims"]) >= 3
