"""Benchmark the whole tool against plain mkdocs-material on the same synthetic text.

Usage: python bench/run.py [--sizes 2000 5000 20000] [--nav-baseline-up-to N] [--out build/bench]

For each N it generates N synthetic reviews (bench/synthetic.py) and measures, interleaved so that the
ratios come from one stretch of machine load: the fair baseline's cold build (plain mkdocs-material, the
same text, records out of the navigation and reached through listing pages: bench/baseline.py), this
tool's cold full build (site, Pagefind, similar reviews, documents), the baseline's rebuild after one
record changes, this tool's one-record rebuild; then for this tool alone: no-change rebuild, the first
`handbook search` after a build (it brings the command-line index up to date), search latency, the
preview's save → page time, bytes a browser fetches for one search, documents per second. Time and peak
memory (the largest single process, and the whole process tree) for every build. Optionally the
baseline with every record in the navigation (O(N²), slow: only up to --nav-baseline-up-to records).
Prints a Markdown table per size; writes results.json, results.md and the chart (bench/chart.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.server
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.baseline import touch_baseline_record, write_baseline  # noqa: E402
from bench.chart import draw  # noqa: E402
from bench.machine import cpu_model  # noqa: E402
from bench.synthetic import generate  # noqa: E402

HANDBOOK = [sys.executable, "-m", "generator.cli"]


class TimedOut(Exception):
    """A measured command ran longer than its time limit (its whole process group was killed)."""


@dataclass
class Run:
    """One measured command: wall-clock seconds and peak memory."""

    seconds: float
    largest_mib: int  # the largest single process of the tree (getrusage ru_maxrss)
    tree_mib: int  # the whole process tree at its fullest (sum of RSS sampled every 0.1 s, at least largest)
    cpu_seconds: float  # user + system time of the whole tree: what the work costs whatever else runs


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
          timeout: float | None = None) -> Run:
    """Run a command; return its time and peak memory.

    The largest process is getrusage's ru_maxrss over the command's tree (every descendant is waited
    for); the tree's peak is the sum of RSS over the live tree sampled every 0.1 s from /proc (Pagefind
    runs beside the Python process, so their memory adds up)."""
    wrapper = [sys.executable, "-c", _PEAK_WRAPPER, *command]
    started = time.perf_counter()
    proc = subprocess.Popen(wrapper, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    sampled = _TreeSampler(proc.pid)
    sampled.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        sampled.stop()
        raise TimedOut(f"{' '.join(command[:4])}… ran longer than {timeout:.0f} s") from None
    elapsed = time.perf_counter() - started
    sampled.stop()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{err[-3000:]}")
    largest_kib, cpu = out.strip().splitlines()[-1].split()
    return Run(elapsed, int(largest_kib) // 1024, max(int(largest_kib), sampled.peak_kib) // 1024, float(cpu))


class _TreeSampler(threading.Thread):
    """Sum of VmRSS over a process and all its descendants, sampled until stopped; keeps the maximum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self._done = pid, 0, threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(self.pid))
            self._done.wait(0.1)


def _tree_rss_kib(pid: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


# getrusage(RUSAGE_CHILDREN) in a fresh wrapper process gives the peak of exactly this command's tree.
_PEAK_WRAPPER = (
    "import resource,subprocess,sys\n"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True)\n"
    "sys.stderr.write(r.stderr)\n"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
    "sys.exit(r.returncode)\n"
)


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def middle_record(root: Path) -> Path:
    reviews = sorted((root / "content" / "reviews").glob("*.yml"))
    return reviews[len(reviews) // 2]


def touch_one_record(root: Path, marker: str) -> Path:
    """Change one record's summary the way an editor fixing a typo would."""
    path = middle_record(root)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*$", f"summary: 修改后的概要{marker}", text, count=1, flags=re.M)
    if marker not in text:
        text = text.rstrip("\n") + f"\nsummary: 修改后的概要{marker}\n"
    path.write_text(text, encoding="utf-8")
    return path


def record(results: dict[str, float], name: str, run: Run) -> None:
    results[f"{name}_s"], results[f"{name}_largest_mib"], results[f"{name}_tree_mib"] = (
        run.seconds, float(run.largest_mib), float(run.tree_mib))
    results[f"{name}_cpu_s"] = run.cpu_seconds


def handbook_cold(root: Path, results: dict[str, float]) -> None:
    shutil.rmtree(root / "build", ignore_errors=True)
    record(results, "cold_build", timed([*HANDBOOK, "build", "--root", str(root)]))
    results["site_bytes_per_record"] = tree_size(root / "build" / "site") / count_records(root)


def handbook_one_change(root: Path, results: dict[str, float]) -> None:
    changed = touch_one_record(root, "甲乙丙")
    record(results, "one_change_build", timed([*HANDBOOK, "build", "--root", str(root)]))
    page = root / "build" / "site" / "reviews" / slug_of(changed) / "index.html"
    if "甲乙丙" not in page.read_text(encoding="utf-8"):
        raise SystemExit(f"the rebuild after one change did not update {page}")


def handbook_rest(root: Path, results: dict[str, float]) -> None:
    """What only this tool has: no-change rebuild, command-line search, preview, browser search, documents."""
    results["nochange_build_s"] = timed([*HANDBOOK, "build", "--root", str(root)]).seconds
    first = timed([*HANDBOOK, "search", SEARCH_QUERY, "--root", str(root), "--json"])
    results["search_first_s"], results["search_first_largest_mib"] = first.seconds, float(first.largest_mib)
    results["search_cli_p50_s"], results["search_cli_p95_s"] = search_latency(root)
    results["search_payload_bytes"] = search_payload(root / "build" / "site")
    results["serve_update_s"] = serve_update(root)
    results["documents_per_s"] = documents_rate(root)


def count_records(root: Path) -> int:
    return sum(1 for _ in (root / "content").rglob("*.yml")) + sum(1 for _ in (root / "content").rglob("*.md"))


SEARCH_QUERY = "席卡"  # a common word: one of the problems and one of the tags in bench/synthetic.py


def search_latency(root: Path, runs: int = 9) -> tuple[float, float]:
    queries = ["席卡", "踩点", "八项规定", "台风", "会议通知", "公务用车", "值班", "接待方案", "首问责任制"]
    times = []
    for query in queries[:runs]:
        started = time.perf_counter()
        subprocess.run([*HANDBOOK, "search", query, "--root", str(root), "--json"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def search_payload(site: Path, query: str = SEARCH_QUERY) -> float:
    """Bytes the browser fetches from /pagefind/ for one search on the built site's search page
    (Playwright + Debian chromium, fresh profile, so nothing is cached): the Pagefind script, WASM,
    entry and meta files it loads when the page opens, plus the index chunks and result fragments
    for the query. Fails if the query shows no results (a payload for an empty answer proves nothing)."""
    from playwright.sync_api import sync_playwright

    server, url = serve_folder(site)
    fetched: dict[str, int] = {}

    def record(response: object) -> None:
        if "/pagefind/" in response.url:  # type: ignore[attr-defined]
            with contextlib.suppress(Exception):  # a response the page abandoned has no body
                fetched[response.url] = len(response.body()) if response.ok else 0  # type: ignore[attr-defined]

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            )
            page = browser.new_page()
            page.on("response", record)
            page.goto(url + "search/", wait_until="networkidle")
            box = page.locator("#hb-search-input")
            box.fill(query)
            box.press("Enter")
            page.locator(".hb-search__results li").first.wait_for(timeout=30_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            shown = page.locator(".hb-search__results li").count()
            browser.close()
    finally:
        server.shutdown()
    if not shown:
        raise SystemExit(f"search page showed no results for {query!r}")
    return float(sum(fetched.values()))


def serve_update(root: Path, timeout: float = 300) -> float:
    """Seconds from saving a record to the preview serving the changed text (`handbook serve`).

    The clock starts when the file is written; the page is polled every 0.1 s. serve's own log goes to
    build/serve.log under the content root."""
    port = free_port()
    log = (root / "build" / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([*HANDBOOK, "serve", "--root", str(root), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(lambda: _get(f"http://127.0.0.1:{port}/") is not None, timeout, proc)
        time.sleep(1.0)  # let the watcher settle after the first build
        path = touch_one_record(root, "丁戊己")
        started = time.perf_counter()
        page = f"http://127.0.0.1:{port}/reviews/{slug_of(path)}/"
        _wait_for(lambda: "丁戊己" in (_get(page) or ""), timeout, proc)
        return time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        log.close()


def slug_of(path: Path) -> str:
    from generator.load import slugify

    return slugify(path.stem)


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return None


def _wait_for(condition: Callable[[], bool], timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"handbook serve exited with code {proc.returncode} (see build/serve.log under the root)")
        time.sleep(0.1)
    raise SystemExit("timed out waiting for the preview")


def documents_rate(root: Path, count: int = 20) -> float:
    spec = next((REPO / "content" / "documents").glob("*notice*.yml"))
    out = root / "build" / "bench-docs"
    out.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys,time\nfrom pathlib import Path\nfrom generator.documents import render_document\n"
        f"spec=Path({str(spec)!r});out=Path({str(out)!r})\n"
        "render_document(spec, out/'warm.docx', root=Path(sys.argv[1]))\n"
        f"t=time.perf_counter()\nfor i in range({count}): render_document(spec, out/f'd{{i}}.docx', root=Path(sys.argv[1]))\n"
        f"print({count}/(time.perf_counter()-t))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, check=True)
    return float(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ baseline: plain mkdocs-material
class Baseline:
    """One plain mkdocs-material project of the same reviews (bench/baseline.py), built and rebuilt."""

    def __init__(self, root: Path, target: Path, *, nav_records: bool, timeout: float | None = None) -> None:
        self.root, self.target, self.timeout = root, target, timeout
        self.config = write_baseline(root, target, nav_records=nav_records)
        self.results: dict[str, float] = {}

    def _build(self) -> Run | None:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(self.config), "-d", str(self.target / "site")]
        try:
            return timed(command, timeout=self.timeout)
        except TimedOut:
            self.results["cold_build_timeout_s"] = float(self.timeout or 0)
            return None

    def cold(self) -> None:
        shutil.rmtree(self.target / "site", ignore_errors=True)
        run = self._build()
        if run is not None:
            record(self.results, "cold_build", run)
            self.results["site_bytes_per_record"] = tree_size(self.target / "site") / count_records(self.root)
            index = self.target / "site" / "search" / "search_index.json"
            self.results["search_payload_bytes"] = float(index.stat().st_size) if index.exists() else 0.0

    def one_change(self) -> None:
        """Edit one record page and build again (mkdocs has no safe incremental build: --dirty misses
        listings and links, so a user builds whole)."""
        if "cold_build_s" not in self.results:
            return
        touch_baseline_record(self.target, slug_of(middle_record(self.root)), "甲乙丙")
        run = self._build()
        if run is not None:
            record(self.results, "one_change_build", run)


# ------------------------------------------------------------------ report
ROWS = [
    ("cold_build_s", "冷启动全量生成（网站+浏览器检索+相似总结+公文）", "s", "≤ 1.0× 基线"),
    ("cold_build_cpu_s", "冷启动 CPU 时间（整个进程树，用户+系统）", "s", ""),
    ("cold_build_largest_mib", "冷启动峰值内存：最大的单个进程", "MiB", "≤ 400 MiB（2,000）/ 800 MiB（5,000）"),
    ("cold_build_tree_mib", "冷启动峰值内存：整个进程树", "MiB", ""),
    ("one_change_build_s", "改一条记录后重建", "s", "≤ 0.25× 冷启动"),
    ("one_change_build_cpu_s", "改一条后重建 CPU 时间", "s", ""),
    ("one_change_build_largest_mib", "改一条后重建峰值内存：最大的单个进程", "MiB", ""),
    ("one_change_build_tree_mib", "改一条后重建峰值内存：整个进程树", "MiB", ""),
    ("nochange_build_s", "无改动重建", "s", ""),
    ("serve_update_s", "预览：保存到页面更新", "s", "≤ 1 s（5,000）"),
    ("search_first_s", "构建后第一次 handbook search（更新命令行索引）", "s", ""),
    ("search_first_largest_mib", "第一次 handbook search 峰值内存", "MiB", ""),
    ("search_cli_p50_s", "handbook search 整条命令 p50", "s", "≤ 1.5 s"),
    ("search_cli_p95_s", "handbook search 整条命令 p95", "s", ""),
    ("search_payload_bytes", "浏览器一次检索下载量", "B", "≤ 500 KB"),
    ("documents_per_s", "公文生成速度", "份/s", ""),
    ("site_bytes_per_record", "网站磁盘占用 / 每条记录", "B", "≤ 100 KiB"),
]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "B":
        return f"{value / 1024:,.0f} KiB"
    if unit == "MiB":
        return f"{value:,.0f} MiB"
    return f"{value:,.2f} {unit}"


def report(n: int, ours: dict[str, float], base: dict[str, float], nav: dict[str, float] | None,
           load: list[float]) -> str:
    """One size's table: this tool, the fair baseline, the ratio, and the nav-in-every-page baseline."""
    head = "| 指标 | 本工具 | 纯 mkdocs-material（记录不在导航里） | 比值 | 目标 |"
    rule = "| --- | --- | --- | --- | --- |"
    if nav is not None:
        head, rule = head + " 纯 mkdocs-material（每页带全部导航） |", rule + " --- |"
    lines = [f"**N = {n:,}**", "", head, rule]
    for key, label, unit, target in ROWS:
        value, b = ours.get(key), base.get(key)
        ratio = f"{value / b:.2f}×" if b and value is not None else ""
        if key.startswith("one_change_build") and key.endswith("_s") and value is not None:
            cold = ours.get(key.replace("one_change", "cold"))
            ratio = (f"{value / cold:.2f}× 冷启动" if cold else "") + (f"；{ratio} 基线重建" if ratio else "")
        row = f"| {label} | {fmt(value, unit)} | {fmt(b, unit)} | {ratio} | {target} |"
        if nav is not None:
            shown = fmt(nav.get(key), unit)
            if key == "cold_build_s" and "cold_build_timeout_s" in nav:
                shown = f"> {nav['cold_build_timeout_s']:.0f} s（超时停止）"
            row += f" {shown} |"
        lines.append(row)
    lines += ["", "1 分钟平均负载（共享的 2 核）：" + " → ".join(f"{x:.1f}" for x in load)]
    return "\n".join(lines)


def measure_size(n: int, out: Path, nav_up_to: int, nav_timeout: float, builds_only: bool) -> dict[str, Any]:
    """Measure one size, this tool and the fair baseline interleaved (same stretch of machine load)."""
    root = out / f"n{n}"
    shutil.rmtree(root, ignore_errors=True)
    generate(root, n, seed=1)
    load = [os.getloadavg()[0]]
    ours: dict[str, float] = {}
    fair = Baseline(root, out / f"baseline-{n}", nav_records=False)
    for step in (fair.cold, lambda: handbook_cold(root, ours), fair.one_change, lambda: handbook_one_change(root, ours)):
        step()
        load.append(os.getloadavg()[0])
    if not builds_only:
        handbook_rest(root, ours)
    nav = None
    if n <= nav_up_to:
        with_nav = Baseline(root, out / f"baseline-nav-{n}", nav_records=True, timeout=nav_timeout)
        with_nav.cold()
        nav = with_nav.results
    load.append(os.getloadavg()[0])
    measured = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return {"ours": ours, "baseline": fair.results, "baseline_nav": nav, "load_average_1min": load, "measured": measured}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000], help="record counts (e.g. 2000 5000 20000)")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--chart", type=Path, default=REPO / "build" / "bench" / "benchmark-chart.svg",
                        help="where to draw the chart (the manual's copy is docs/benchmark-chart.svg)")
    parser.add_argument("--builds-only", type=int, default=None, metavar="N",
                        help="for sizes of N and more, measure the builds only (no preview, search or browser runs)")
    parser.add_argument("--nav-baseline-up-to", type=int, default=0, metavar="N",
                        help="also build the baseline with every record in the navigation for sizes up to N")
    parser.add_argument("--nav-baseline-timeout", type=float, default=900, metavar="S",
                        help="stop that baseline after S seconds and report it as > S (default 900)")
    args = parser.parse_args()
    args.out = args.out.resolve()  # mkdocs resolves a relative -d against mkdocs.yml's folder
    header = (f"测量于 {datetime.date.today().isoformat()}，{cpu_model()}，{os.cpu_count()} 核（nproc），"
              f"{platform.machine()}，Python {platform.python_version()}")
    sections = [header, ""]
    raw: dict[int, dict[str, Any]] = {}
    for n in args.sizes:
        builds_only = args.builds_only is not None and n >= args.builds_only
        raw[n] = entry = measure_size(n, args.out, args.nav_baseline_up_to, args.nav_baseline_timeout, builds_only)
        sections += [report(n, entry["ours"], entry["baseline"], entry["baseline_nav"], entry["load_average_1min"]), ""]
        print("\n".join(sections[-2:]), flush=True)
        # written after every size: a long run stopped later keeps what it measured
        (args.out / "results.json").write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
        (args.out / "results.md").write_text("\n".join(sections), encoding="utf-8")
        args.chart.parent.mkdir(parents=True, exist_ok=True)
        args.chart.write_text(draw(raw), encoding="utf-8")
    print("\n".join(sections))
    print(f"图：{args.chart}")


if __name__ == "__main__":
    main()
