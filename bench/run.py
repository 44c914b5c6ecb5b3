"""Benchmark the whole tool against plain mkdocs-material on the same synthetic text (issue 7).

Usage: python bench/run.py [--sizes 2000 5000] [--skip-baseline] [--out build/bench]

For each N it generates N synthetic reviews (bench/synthetic.py), then measures, in one run:
cold full build (site, Pagefind, Whoosh index, documents); rebuild after one record changes;
no-change rebuild; `handbook serve` time from saving a record to the updated page; bytes a
browser fetches for one search (Playwright); `handbook search` latency; documents per second;
site size per record; peak memory. The baseline is the same text as N hand-written Markdown
pages built by plain mkdocs-material with its Chinese (jieba) search. Prints a Markdown table.
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
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import cpu_model  # noqa: E402
from bench.synthetic import generate  # noqa: E402

HANDBOOK = [sys.executable, "-m", "generator.cli"]


class TimedOut(Exception):
    """A measured command ran longer than its time limit (its whole process group was killed)."""


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
          timeout: float | None = None) -> tuple[float, int]:
    """Run a command; return (seconds, peak memory in MiB of that command's process tree).

    The peak is the larger of getrusage's ru_maxrss over the tree (the largest single process) and the
    sum of RSS over the live tree sampled every 0.1 s from /proc (parallel workers and the Pagefind
    binary run at the same time, so their memory adds up)."""
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
    peak_kib = int(out.strip().splitlines()[-1])
    return elapsed, max(peak_kib // 1024, sampled.peak_kib // 1024)


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
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(r.returncode)\n"
)


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def touch_one_record(root: Path, marker: str) -> Path:
    """Change one record's summary the way an editor fixing a typo would."""
    path = sorted((root / "content" / "reviews").glob("*.yml"))[len(list((root / "content" / "reviews").glob("*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*$", f"summary: 修改后的概要{marker}", text, count=1, flags=re.M)
    if marker not in text:
        text = text.rstrip("\n") + f"\nsummary: 修改后的概要{marker}\n"
    path.write_text(text, encoding="utf-8")
    return path


def measure_handbook(root: Path) -> dict[str, float]:
    site = root / "build" / "site"
    results: dict[str, float] = {}
    shutil.rmtree(root / "build", ignore_errors=True)
    results["cold_build_s"], results["cold_build_peak_mib"] = timed([*HANDBOOK, "build", "--root", str(root)])
    results["site_bytes_per_record"] = tree_size(site) / count_records(root)
    results["nochange_build_s"], _ = timed([*HANDBOOK, "build", "--root", str(root)])
    changed = touch_one_record(root, "甲乙丙")
    results["one_change_build_s"], results["one_change_peak_mib"] = timed([*HANDBOOK, "build", "--root", str(root)])
    page = site / "reviews" / slug_of(changed) / "index.html"
    if "甲乙丙" not in page.read_text(encoding="utf-8"):
        raise SystemExit(f"the rebuild after one change did not update {page}")
    results["search_cli_p50_s"], results["search_cli_p95_s"] = search_latency(root)
    results["search_payload_bytes"] = search_payload(site)
    results["serve_update_s"] = serve_update(root)
    results["documents_per_s"] = documents_rate(root)
    return results


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
BASELINE_MKDOCS = """site_name: 基线手册
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\-]'
"""


def write_baseline(root: Path, target: Path) -> None:
    """The same review text as hand-written Markdown pages, as a user without our tool would write it."""
    from generator.load import load_content

    docs = target / "docs"
    shutil.rmtree(target, ignore_errors=True)
    (docs / "reviews").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(BASELINE_MKDOCS, encoding="utf-8")
    content = load_content(root)
    (docs / "index.md").write_text("# 基线手册\n", encoding="utf-8")
    for item in content.of_kind("review"):
        m = item.model
        lines = [f"# {m.title}", "", f"- 日期：{m.date}", f"- 类型：{m.type}", f"- 地点：{m.place or ''}", ""]
        lines += [m.summary or "", "", "## 问题", ""]
        lines += [f"- {p.what}（原因：{p.cause or ''}；改进：{p.fix or ''}）" for p in m.problems]
        lines += ["", "## 经验教训", "", *[f"- {x}" for x in m.lessons]]
        (docs / "reviews" / f"{item.slug}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure_baseline(root: Path, target: Path, timeout: float | None = None) -> dict[str, float]:
    write_baseline(root, target)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(target / "mkdocs.yml"), "-d", str(target / "site")]
    try:
        seconds, peak = timed(mkdocs, timeout=timeout)
    except TimedOut:
        return {"cold_build_timeout_s": float(timeout or 0)}
    index = target / "site" / "search" / "search_index.json"
    return {
        "cold_build_s": seconds,
        "cold_build_peak_mib": peak,
        "site_bytes_per_record": tree_size(target / "site") / count_records(root),
        "search_payload_bytes": float(index.stat().st_size) if index.exists() else 0.0,
    }


# ------------------------------------------------------------------ report
ROWS = [
    ("cold_build_s", "冷启动全量生成（网站+检索+索引+公文）", "s", "≤ 1.0× 基线"),
    ("one_change_build_s", "改一条记录后重建", "s", "≤ 0.25× 冷启动"),
    ("nochange_build_s", "无改动重建", "s", ""),
    ("serve_update_s", "预览：保存到页面更新", "s", "≤ 2 s"),
    ("search_payload_bytes", "浏览器一次检索下载量", "B", "≤ 500 KB"),
    ("search_cli_p50_s", "handbook search 整条命令 p50", "s", "≤ 1.5 s"),
    ("search_cli_p95_s", "handbook search 整条命令 p95", "s", ""),
    ("documents_per_s", "公文生成速度", "份/s", ""),
    ("site_bytes_per_record", "网站磁盘占用 / 每条记录", "B", "≤ 100 KiB"),
    ("cold_build_peak_mib", "峰值内存（冷启动）", "MiB", "≤ 1.5 GB"),
    ("one_change_peak_mib", "峰值内存（改一条后重建）", "MiB", "≤ 1.5 GB"),
]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "B":
        return f"{value / 1024:,.0f} KiB"
    if unit == "MiB":
        return f"{value:,.0f} MiB"
    return f"{value:,.2f} {unit}"


def report(n: int, ours: dict[str, float], base: dict[str, float] | None,
           load: tuple[float, float, float] | None = None) -> str:
    lines = [f"**N = {n:,}**", "", "| 指标 | 本工具 | 纯 mkdocs-material | 比值 | 目标 |", "| --- | --- | --- | --- | --- |"]
    for key, label, unit, target in ROWS:
        b = (base or {}).get(key)
        value = ours.get(key)
        ratio = f"{value / b:.2f}×" if b and value is not None else ""
        shown_b = fmt(b, unit)
        if base and "cold_build_timeout_s" in base and key == "cold_build_s":
            limit = base["cold_build_timeout_s"]
            shown_b = f"> {limit / 60:.0f} min（超时停止）" if limit >= 60 else f"> {limit:.0f} s（超时停止）"
            ratio = f"< {value / base['cold_build_timeout_s']:.2f}×" if value is not None else ""
        if key == "one_change_build_s" and value is not None:
            ratio = f"{value / ours['cold_build_s']:.2f}× 冷启动"
        lines.append(f"| {label} | {fmt(value, unit)} | {shown_b} | {ratio} | {target} |")
    if load:
        lines += ["", f"负载（1 分钟平均，共享的 2 核）：基线前 {load[0]:.1f}，本工具前 {load[1]:.1f}，结束时 {load[2]:.1f}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--baseline-from", type=Path, nargs="+", default=[], metavar="RESULTS_JSON",
                        help="reuse the baseline figures of earlier runs (results.json) for the same N instead of "
                             "building plain mkdocs-material again: the synthetic text is the same (seed 1)")
    parser.add_argument("--baseline-timeout", type=float, default=900, metavar="S",
                        help="stop the baseline mkdocs build after S seconds and report it as > S (default 900)")
    args = parser.parse_args()
    args.out = args.out.resolve()  # mkdocs resolves a relative -d against mkdocs.yml's folder
    header = (f"测量于 {datetime.date.today().isoformat()}，{cpu_model()}，{os.cpu_count()} 核（nproc），"
              f"{platform.machine()}，Python {platform.python_version()}")
    sections = [header, ""]
    raw = {}
    earlier: dict[int, tuple[dict[str, float], str]] = {}
    for path in args.baseline_from:
        for size, entry in json.loads(path.read_text(encoding="utf-8")).items():
            if entry.get("baseline"):
                earlier[int(size)] = (entry["baseline"], entry.get("measured", str(path)))
    for n in args.sizes:
        root = args.out / f"n{n}"
        shutil.rmtree(root, ignore_errors=True)
        generate(root, n, seed=1)
        load_base = os.getloadavg()[0]
        reused = earlier.get(n)
        if reused:
            base = reused[0]
        else:
            base = None if args.skip_baseline else measure_baseline(root, args.out / f"baseline-{n}", args.baseline_timeout)
        load_ours = os.getloadavg()[0]
        ours = measure_handbook(root)
        load = (load_base, load_ours, os.getloadavg()[0])
        measured = reused[1] if reused else datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        raw[n] = {"ours": ours, "baseline": base, "load_average_1min": load, "measured": measured}
        sections += [report(n, ours, base, None if reused else load), ""]
        if reused:
            sections[-1:-1] = [f"基线（纯 mkdocs-material）沿用 {reused[1]} 的测量（同一合成数据）；本工具前负载 {load[1]:.1f}，结束时 {load[2]:.1f}"]
        print("\n".join(sections[-3:]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
    (args.out / "results.md").write_text("\n".join(sections), encoding="utf-8")
    print("\n".join(sections))


if __name__ == "__main__":
    main()
