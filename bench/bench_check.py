"""How well and how fast `kg check` judges a text against the graph.

    .venv/bin/python bench/bench_check.py            # the claim sets: right verdicts, false claims supported
    .venv/bin/python bench/bench_check.py --speed    # also: a 300-word text, in process, on the running
                                                     # server (POST /api/check), and as a whole `kg check`
    .venv/bin/python bench/bench_check.py --json

The claim sets are tests/fixtures/check/*.yaml (see its README): the figure that counts is each
held-out set's at its first check, which this bench cannot give again (their wrong verdicts moved
to dev.yaml); it is kept in BENCHMARKS.md. The speed is the median of --runs runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from claims_score import score  # noqa: E402  (bench/ is on the path: this script's folder)

# dev, then each held-out set in the order written (heldout, heldout-2, …)
PARTS = ("dev", *sorted((p.stem for p in (ROOT / "tests" / "fixtures" / "check").glob("heldout*.yaml")),
                        key=lambda stem: int(stem.partition("-")[2] or 1)))
DAY = "2026-01-01"

# 300 words of claims of the kinds the sets hold, some true, some false, some the graph cannot speak to
PARAGRAPH = (
    "The First Congress of World Azerbaijanis was held in Baku on November 9-10, 2001. It gathered 406 delegates. "
    "The 2nd Congress of World Azerbaijanis was held in Baku on March 16, 2006, and the 3rd Congress of World "
    "Azerbaijanis took place in Baku on July 5, 2011. The 4th Congress of World Azerbaijanis was held in Shusha. "
    "The 5th Congress of World Azerbaijanis was held in Shusha in 2022 and brought together diaspora representatives "
    "from 65 countries. In 2010, Nazim Ibrahimov was chairman of the State Committee for Work with Diaspora. In 2019, "
    "Fuad Muradov was chairman of the State Committee for Work with Diaspora. The law \"On State Policy Regarding "
    "Azerbaijanis Living Abroad\" was passed on December 27, 2002. The Supreme Assembly of the Nakhchivan Autonomous "
    "Republic met on December 6, 1991. The World Azerbaijanis Charter was adopted on December 18, 2008. In 2024 "
    "there were 29 Azerbaijani Houses. Around 1,000 compatriots from over 86 countries joined the videoconference "
    "“Let’s Be One, Let’s Be United!”. The Azerbaijani Youth Forum was held in Berlin in 2019, with young people "
    "from many countries. An Azerbaijani film festival was held in Toronto in 2018. The State Committee for Work "
    "with Diaspora opened a library in Paris in 2017. The First Forum of Leaders of Azerbaijani and Turkish "
    "Diaspora Organizations was held in Baku on March 9, 2007. The Supreme Council of Azerbaijan passed a law on "
    "December 25, 1991, declaring December 31 the International Solidarity Day of Azerbaijanis. In 2001 there were "
    "5 Azerbaijani Houses, and in 2025 there were 31 Azerbaijani Houses. The 2nd Congress of World Azerbaijanis "
    "decided to meet every five years, and its delegates came from many countries of the world. The 4th Congress of "
    "World Azerbaijanis opened in Baku on June 3, 2016, and President Ilham Aliyev addressed its opening session."
)


def scores(checker) -> list[dict]:
    return [score(ROOT / "tests" / "fixtures" / "check" / f"{p}.yaml", checker) for p in PARTS]


def speed(checker, runs: int) -> dict:
    import httpx
    from servers import free_port, stop, wait_for  # the tests' helpers for a real server on loopback

    day = dt.date.fromisoformat(DAY)
    inproc = []
    for _ in range(runs):
        t = time.perf_counter()
        result = checker.check(PARAGRAPH, day)
        inproc.append(time.perf_counter() - t)
    text = ROOT / ".cache" / "bench-check.txt"
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_text(PARAGRAPH, encoding="utf-8")
    whole = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "kg"), "--root", str(ROOT), "check", str(text), "--date", DAY,
                        "--format", "json"], check=True, capture_output=True)
        whole.append(time.perf_counter() - t)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--root", str(ROOT), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    served = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health", proc)
        httpx.post(base + "/api/check", json={"text": "The First Congress.", "date": DAY}, timeout=60)  # loads the reader
        for _ in range(runs):
            t = time.perf_counter()
            r = httpx.post(base + "/api/check", json={"text": PARAGRAPH, "date": DAY}, timeout=60)
            served.append(time.perf_counter() - t)
            r.raise_for_status()
    finally:
        stop(proc, 15)
    return {"words": len(PARAGRAPH.split()), "claims": len(result.claims), "runs": runs,
            "in_process_median": statistics.median(inproc), "server_median": statistics.median(served),
            "server_range": [min(served), max(served)], "command_median": statistics.median(whole),
            "command_range": [min(whole), max(whole)]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from kg.check import Checker
    from kg.layout import Layout

    checker = Checker(Layout(ROOT))
    parts = scores(checker)
    out = {"parts": [{k: v for k, v in p.items() if k != "rows"} for p in parts]}
    if args.speed:
        out["speed"] = speed(checker, args.runs)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{'part':<10} {'claims':>6} {'right':>6} {'share':>6} {'false supported':>16} {'unheld contradicted':>20} {'none found':>11}")
    for p in parts:
        print(f"{p['part']:<10} {p['claims']:>6} {p['right']:>6} {p['share_right']:>6.2f} {p['false_supported']:>16} "
              f"{p['unheld_contradicted']:>20} {p['none_found']:>11}")
    if args.speed:
        s = out["speed"]
        print(f"{s['words']} words, {s['claims']} claims: in process {s['in_process_median']:.2f} s; on the running server "
              f"{s['server_median']:.2f} s ({s['server_range'][0]:.2f}–{s['server_range'][1]:.2f}); the whole kg check "
              f"command {s['command_median']:.2f} s ({s['command_range'][0]:.2f}–{s['command_range'][1]:.2f}); "
              f"medians of {s['runs']} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
