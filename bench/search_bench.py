"""Benchmark the search stage on synthetic reviews (not a test: prints numbers for the README).

    .venv/bin/python bench/search_bench.py [--n 5000] [--dir DIR] [--runs 15]

Measures: loading and validating, the first index (every record, one index), a refresh with nothing changed,
re-indexing after one edited record, query latency in-process (p50/p95) and for the whole
`handbook search` command, and related records for a site build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import cpu_model  # noqa: E402
from synthetic import generate  # noqa: E402

from generator.load import load_content  # noqa: E402
from generator.search import Query, default_index_dir, find, is_fresh, refresh_index, related_many  # noqa: E402
from generator.search.index import records_dir  # noqa: E402

QUERIES = [
    "席卡", "话筒", "踩点", "会议通知", "三看", "食品安全", "台风", "颱風", "辦公室", "值班", "换班", "防台",
    "讲话稿送审", "发文字号", "接待标准", "六角括号", "座次图", "视频会议", "报送模板", "驾驶员", "席卡 座次",
    "会场 温度", "签到表", "零差错", "过敏", "日结算", "演练", "分会场", "文印室", "变更通知",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="number of synthetic reviews")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--runs", type=int, default=15, help="runs of the whole command")
    parser.add_argument("--related", type=int, default=2000, help="records asked for related records")
    parser.add_argument("--reuse", action="store_true", help="keep the reviews already generated in --dir")
    args = parser.parse_args()

    work = args.dir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    root = work / "root"
    print(f"# search benchmark — {datetime.now():%Y-%m-%d %H:%M}, nproc {os.cpu_count()}, {cpu_model()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    if args.reuse and len(list((root / "content" / "reviews").glob("*.yml"))) == args.n:
        print(f"reusing {args.n} reviews in {root}; index removed", flush=True)
        shutil.rmtree(root / "build", ignore_errors=True)
    else:
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {args.n} reviews in {root} …", flush=True)
        generate(root, args.n)
    index_dir = default_index_dir(root)
    rows: list[tuple[str, str]] = []

    started = time.perf_counter()
    content = load_content(root)
    load_seconds = time.perf_counter() - started
    rows.append(("load and validate all records (`load_content`)", f"{load_seconds:.2f} s"))

    stats = refresh_index(content, index_dir)
    rows.append(("first index, every record (`refresh_index`)", f"{stats.seconds:.1f} s"))
    rows.append(("index size", f"{folder_size(records_dir(index_dir)) / 1e6:.1f} MB"))
    rows.append(("refresh with nothing changed", f"{refresh_index(content, index_dir).seconds * 1000:.0f} ms"))

    target = sorted((root / "content" / "reviews").glob("*.yml"))[len(content.items) // 2]
    target.write_text(target.read_text(encoding="utf-8").replace("工作总结", "工作总结（修订）", 1), encoding="utf-8")
    started = time.perf_counter()
    content = load_content(root)
    reloaded = time.perf_counter() - started
    stats = refresh_index(content, index_dir)
    rows.append(("re-index after one edited record (`refresh_index`, jieba loaded)", f"{stats.seconds:.2f} s"))
    jieba_load = subprocess.run(
        [sys.executable, "-c", "import time; t = time.perf_counter(); from generator.search.text import jieba_module; "
         "jieba_module(); print(time.perf_counter() - t)"], check=True, capture_output=True, text=True)
    rows.append(("  … plus loading jieba's dictionary in a new process (cached)",
                 f"{stats.seconds + float(jieba_load.stdout):.2f} s"))
    rows.append(("  … plus reloading all records first", f"{reloaded + stats.seconds:.2f} s"))
    rows.append(("freshness check, nothing changed (`is_fresh`)",
                 f"{statistics.median(timed(lambda: is_fresh(root)) for _ in range(20)) * 1000:.1f} ms"))

    in_process = [timed(lambda q=q: find(Query(q), root=root)) for _ in range(3) for q in QUERIES]
    rows.append(("query in-process, `search()` incl. freshness check (p50 / p95)",
                 f"{percentile(in_process, 0.5) * 1000:.1f} / {percentile(in_process, 0.95) * 1000:.1f} ms"))
    no_check = [timed(lambda q=q: find(Query(q), root=root, refresh=False)) for _ in range(3) for q in QUERIES]
    rows.append(("query in-process, `search(refresh=False)` (p50 / p95)",
                 f"{percentile(no_check, 0.5) * 1000:.1f} / {percentile(no_check, 0.95) * 1000:.1f} ms"))

    handbook = Path(sys.executable).parent / "handbook"
    command = []
    for run in range(args.runs):
        query = QUERIES[run % len(QUERIES)]
        command.append(timed(lambda q=query: subprocess.run(
            [str(handbook), "search", q, "--root", str(root)], check=True, capture_output=True)))
    rows.append(("whole `handbook search` command (p50 / p95)",
                 f"{percentile(command, 0.5) * 1000:.0f} / {percentile(command, 0.95) * 1000:.0f} ms"))

    ids = [item.id for item in content.items][: args.related]
    started = time.perf_counter()
    related_many(content, ids, 5, "internal", index_dir)
    per_record = (time.perf_counter() - started) / len(ids)
    rows.append((f"related records for {len(ids)} records (`related_many`, incl. refresh check)",
                 f"{per_record * 1000:.1f} ms per record"))

    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (the CPU is shared: other work inflates every number)")
    width = max(len(label) for label, _ in rows)
    print()
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"| {'-' * width} | ----- |")
    for label, value in rows:
        print(f"| {label.ljust(width)} | {value} |")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
