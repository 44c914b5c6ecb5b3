"""Measure the browser search's recall and precision on a built site (numbers for docs/readme/site.md).

    python tests/site/measure_search.py ROOT SITE [--audience internal] [--random 300] [--seed 1]

Queries: the fixed terms of test_recall.py, plus random 2–6 character stretches of Han text taken
from the records themselves (so most have matches), half of them turned into traditional
characters with OpenCC s2t. Each query runs through the site's own search code in chromium; the
expected answer is every record whose text contains it (tests/site/oracle.py). Also reports the
bytes the browser fetches for a first and a later search typed into the search page.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.site.conftest import served  # noqa: E402
from tests.site.oracle import expected, record_texts  # noqa: E402
from tests.site.test_recall import TERMS  # noqa: E402

HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


def random_terms(texts: dict[str, list[str]], count: int, seed: int) -> list[str]:
    import opencc

    rng = random.Random(seed)
    runs = [run for parts in texts.values() for part in parts for run in HAN_RUN.findall(part)]
    to_traditional = opencc.OpenCC("s2t")
    terms = []
    while len(terms) < count and runs:
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - length)
        term = run[start : start + length]
        terms.append(to_traditional.convert(term) if len(terms) % 2 else term)
    return terms


def measure(root: Path, site: Path, audience: str, count: int, seed: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    texts = record_texts(root, audience)
    terms = list(dict.fromkeys(TERMS + random_terms(texts, count, seed)))
    true_positive = found_total = expected_total = perfect = 0
    failures: dict[str, dict[str, list[str]]] = {}
    latencies = []
    payload: dict[str, float] = {}
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        page = browser.new_page()
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        page.evaluate("window.handbookSearch.ready")
        for term in terms:
            started = time.perf_counter()
            found = set(page.evaluate("q => window.handbookSearch.urls(q, {})", term))
            latencies.append(time.perf_counter() - started)
            wanted = expected(texts, term)
            true_positive += len(found & wanted)
            found_total += len(found)
            expected_total += len(wanted)
            perfect += found == wanted
            if found != wanted:
                failures[term] = {"missed": sorted(wanted - found), "extra": sorted(found - wanted)}
        page.close()
        fresh = browser.new_page()
        sizes: dict[str, int] = {}
        fresh.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
        fresh.goto(url + "search/")
        fresh.wait_for_function("window.handbookSearch !== undefined")
        fresh.evaluate("window.handbookSearch.ready")
        fresh.wait_for_timeout(500)
        search_files = ("/pagefind/", "t2s.json", "handbook-search.js")
        payload["search_setup_bytes"] = sum(n for u, n in sizes.items() if any(f in u for f in search_files))
        for label, query in (("first_search_bytes", "八项规定"), ("later_search_bytes", "踩点")):
            sizes.clear()
            fresh.fill("#hb-search-input", query)
            fresh.press("#hb-search-input", "Enter")
            fresh.wait_for_function("!document.querySelector('.hb-search__status').textContent.includes('正在')")
            fresh.wait_for_timeout(1000)
            payload[label] = sum(sizes.values())
        browser.close()
    return {
        "records": len(texts),
        "queries": len(terms),
        "queries_with_matches": sum(1 for t in terms if expected(texts, t)),
        "recall": true_positive / expected_total if expected_total else 1.0,
        "precision": true_positive / found_total if found_total else 1.0,
        "perfect_queries": perfect,
        "median_query_seconds": statistics.median(latencies),
        **payload,
        "failures": failures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--audience", default="internal")
    parser.add_argument("--random", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = measure(args.root, args.site, args.audience, args.random, args.seed)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
