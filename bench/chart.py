"""Draw the benchmark's growth chart as a small SVG: cold build time and peak memory against N.

Hand-drawn SVG (a few lines and labels) rather than a plotting library: the bench stays dependency-free
and the file is readable text in the repository.

    python bench/chart.py build/bench/results.json docs/benchmark-chart.svg
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

WIDTH, HEIGHT = 360, 240  # one panel
LEFT, RIGHT, TOP, BOTTOM = 56, 28, 30, 40
SERIES = [  # key in results.json, label, colour
    ("ours", "本工具 handbook build", "#1565c0"),
    ("baseline", "纯 mkdocs-material（记录不在导航里）", "#ef6c00"),
    ("baseline_nav", "纯 mkdocs-material（每页带全部记录的导航）", "#9e9e9e"),
]
# each panel: title, and the measures drawn in it with their dash pattern ("" = solid)
PANELS = [
    ("冷启动全量生成（秒）", [("cold_build_s", "")]),
    ("冷启动峰值内存（MiB）", [("cold_build_tree_mib", ""), ("cold_build_largest_mib", "5 3")]),
]
MEMORY_NOTE = "内存：实线为整个进程树之和，虚线为最大的单个进程"


def _ticks(top: float) -> list[float]:
    step = 10 ** max(0, len(str(int(top))) - 1)
    while top / step > 5:
        step *= 2
    return [step * i for i in range(int(top // step) + 1)]


def _panel(results: dict[int, dict[str, dict[str, float]]], title: str, keys: list[tuple[str, str]],
           x0: int) -> list[str]:
    sizes = sorted(results)
    values = [v for n in sizes for s, _, _ in SERIES for key, _ in keys
              if (v := (results[n].get(s) or {}).get(key)) is not None]
    top = max(values, default=1.0) * 1.1
    right = max(sizes, default=1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: float) -> float:
        return x0 + LEFT + plot_w * n / right

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    out = [f'<text x="{x0 + WIDTH / 2}" y="18" text-anchor="middle" font-size="13">{escape(title)}</text>',
           f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(right)}" y2="{y(0)}" stroke="#444"/>',
           f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(0)}" y2="{TOP}" stroke="#444"/>']
    for tick in _ticks(top):
        out.append(f'<text x="{x(0) - 4}" y="{y(tick) + 4}" text-anchor="end" font-size="10">{tick:,.0f}</text>')
        out.append(f'<line x1="{x(0)}" y1="{y(tick)}" x2="{x(right)}" y2="{y(tick)}" stroke="#ddd"/>')
    for n in sizes:
        out.append(f'<text x="{x(n)}" y="{y(0) + 14}" text-anchor="middle" font-size="10">{n:,}</text>')
    out.append(f'<text x="{x0 + LEFT + plot_w / 2}" y="{HEIGHT - 8}" text-anchor="middle" font-size="11">记录数 N</text>')
    for series, _, colour in SERIES:
        for key, dash in keys:
            points = [(n, v) for n in sizes if (v := (results[n].get(series) or {}).get(key)) is not None]
            if points:
                path = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in points)
                out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                           f' stroke-dasharray="{dash or "none"}"/>')
                out += [f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>' for n, v in points]
    return out


def draw(results: dict[int, dict[str, dict[str, float]]]) -> str:
    """Return the SVG text: one panel per measure, a legend below."""
    shapes: list[str] = []
    for index, (title, keys) in enumerate(PANELS):
        shapes += _panel(results, title, keys, index * WIDTH)
    shown = [(label, colour) for series, label, colour in SERIES if any(results[n].get(series) for n in results)]
    for row, (label, colour) in enumerate(shown):
        top = HEIGHT + 6 + row * 18
        shapes.append(f'<rect x="{LEFT}" y="{top}" width="14" height="4" fill="{colour}"/>')
        shapes.append(f'<text x="{LEFT + 20}" y="{top + 6}" font-size="11">{escape(label)}</text>')
    top = HEIGHT + 6 + len(shown) * 18
    shapes.append(f'<text x="{LEFT}" y="{top + 6}" font-size="11" fill="#555">{escape(MEMORY_NOTE)}</text>')
    total_h = HEIGHT + 12 + 18 * (len(shown) + 1)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * WIDTH}" height="{total_h}" '
            f'viewBox="0 0 {2 * WIDTH} {total_h}" font-family="sans-serif">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(shapes) + "\n</svg>\n")


def main(argv: list[str]) -> int:
    raw = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(draw({int(n): entry for n, entry in raw.items()}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
