"""The summary's ratios as an SVG chart: one panel per backend and size, one line per row.

Left, legacy / 2.x on a log scale centred on 1 (right of the line: legacy is slower);
in the middle, Lite / 2.x on the same scale (right of the line: Lite is slower; "no
Lite form" where the row has none); right, 2.x / driver (how much the ORM adds to the
same SQL). A dot is the median
round-by-round ratio, the bar around it the interquartile range; the legend at the top
says so. Each line is named by the row's legacy call, then its id (``summary.call_of``).
Hand-written SVG from a Jinja2 template: no plotting library for a few hundred shapes.
"""

from __future__ import annotations

import math
from typing import Any

from jinja2 import Environment

from comparisons.bench.summary import Result

LABEL, PLOT, GAP, ROW, HEAD, MARGIN, LEGEND = 440, 300, 50, 18, 46, 10, 40
#: The longest legacy call a label shows whole (11px sans-serif: about 6px a character).
CALL = 44
SLOWER, FASTER = "#c0392b", "#2471a3"
#: (low, high, ticks) of each scale.
OVER_MODERN = (1 / 8, 8.0, (1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8))
OVER_DRIVER = (1.0, 200.0, (1, 2, 5, 10, 20, 50, 100, 200))

TEMPLATE = """\
<svg xmlns="http://www.w3.org/2000/svg" width="{{ width }}" height="{{ height }}" \
font-family="sans-serif" font-size="11">
<title>Legacy / 2.x, Lite / 2.x and 2.x / driver, median of interleaved rounds</title>
<rect width="100%" height="100%" fill="white"/>
<g transform="translate({{ margin }},{{ margin }})" fill="#333">
  <circle cx="4" cy="10" r="3.5" fill="{{ slower }}"/>
  <text x="12" y="14">legacy slower (legacy / 2.x above 1)</text>
  <circle cx="234" cy="10" r="3.5" fill="{{ faster }}"/>
  <text x="242" y="14">legacy faster (Lite / 2.x: the same)</text>
  <line x1="500" x2="530" y1="10" y2="10" stroke="#888" stroke-width="4" stroke-opacity="0.35"/>
  <text x="536" y="14">interquartile range of the round-by-round ratios</text>
  <text x="0" y="30" fill="#555">a dot is their median; one off the scale sits at its end, \
its value beside it; a row in red returned a wrong result</text>
</g>
{% for panel in panels %}
<g transform="translate(0,{{ panel.top }})">
  <text x="{{ margin }}" y="14" font-size="13" font-weight="bold">{{ panel.title }}</text>
  {% for axis in panel.axes %}
  <text x="{{ axis.left }}" y="14">{{ axis.title }}</text>
  {% for tick in axis.ticks %}
  <line x1="{{ tick.x }}" x2="{{ tick.x }}" y1="24" y2="{{ panel.height }}" \
stroke="{{ '#888' if tick.one else '#ddd' }}"/>
  <text x="{{ tick.x }}" y="{{ 36 }}" text-anchor="middle" fill="#555">{{ tick.label }}</text>
  {% endfor %}
  {% endfor %}
  {% for row in panel.rows %}
  <text x="{{ margin }}" y="{{ row.y + 4 }}"{% if not row.correct %} fill="red"{% endif %}>\
<title>{{ row.title }}</title>{{ row.label }} <tspan fill="#777">{{ row.id }}</tspan></text>
  {% if row.note %}
  <text x="{{ row.note_x }}" y="{{ row.y + 4 }}" text-anchor="middle" fill="#777">\
{{ row.note }}</text>
  {% endif %}
  {% for mark in row.marks %}
  <line x1="{{ mark.low }}" x2="{{ mark.high }}" y1="{{ row.y }}" y2="{{ row.y }}" \
stroke="{{ mark.colour }}" stroke-width="4" stroke-opacity="0.35"/>
  <circle cx="{{ mark.x }}" cy="{{ row.y }}" r="3.5" fill="{{ mark.colour }}">\
<title>{{ mark.text }}</title></circle>
  {% if mark.clamped %}
  <text x="{{ mark.x + (8 if mark.left else -8) }}" y="{{ row.y + 4 }}" \
text-anchor="{{ 'start' if mark.left else 'end' }}" fill="{{ mark.colour }}">\
{{ mark.clamped }}</text>
  {% endif %}
  {% endfor %}
  {% endfor %}
</g>
{% endfor %}
</svg>
"""


def _x(value: float, scale: tuple[float, float, Any], left: float) -> float:
    low, high, _ = scale
    clamped = min(max(value, low), high)
    return round(left + PLOT * math.log(clamped / low) / math.log(high / low), 1)


def _tick(value: float) -> str:
    return f"1/{round(1 / value)}" if value < 1 else f"{value:g}"


def _axis(title: str, scale: tuple[float, float, tuple[float, ...]], left: float) -> Any:
    ticks = [{"x": _x(t, scale, left), "label": _tick(t), "one": t == 1} for t in scale[2]]
    return {"title": title, "left": left, "ticks": ticks}


def _mark(median: float, iqr: tuple[float, float], scale: Any, left: float, name: str,
          slower: bool) -> dict[str, Any]:
    """A dot and its bar; off the scale, the dot sits at the end with its value written."""
    low, high, _ = scale
    return {"x": _x(median, scale, left), "low": _x(iqr[0], scale, left),
            "high": _x(iqr[1], scale, left), "colour": SLOWER if slower else FASTER,
            "text": f"{name}: {median:.3g} (IQR {iqr[0]:.3g} to {iqr[1]:.3g})",
            "clamped": f"{median:.2g}" if not low <= median <= high else "",
            "left": median < low}


def _label(call: str) -> str:
    return call if len(call) <= CALL else call[:CALL - 1] + "…"


def _panels(found: list[Result]) -> list[dict[str, Any]]:
    left_a, left_l, left_b = (LABEL + MARGIN + (PLOT + GAP) * i for i in range(3))
    panels: dict[tuple[str, int], dict[str, Any]] = {}
    for r in found:
        panel = panels.setdefault((r.backend, r.size), {
            "title": f"{r.backend}, {r.size:,} rows", "rows": [],
            "axes": [_axis("legacy / 2.x (right: legacy slower)", OVER_MODERN, left_a),
                     _axis("Lite / 2.x (right: Lite slower)", OVER_MODERN, left_l),
                     _axis("2.x / driver", OVER_DRIVER, left_b)]})
        call = r.call
        marks = [_mark(r.legacy_over_modern, r.over_modern_iqr, OVER_MODERN, left_a,
                       "legacy / 2.x", r.legacy_over_modern > 1)]
        if r.lite_over_modern is not None and r.lite_iqr is not None:
            marks.append(_mark(r.lite_over_modern, r.lite_iqr, OVER_MODERN, left_l,
                               "Lite / 2.x", r.lite_over_modern > 1))
        marks.append(_mark(r.modern_over_driver, r.over_driver_iqr, OVER_DRIVER, left_b,
                           "2.x / driver", False))
        panel["rows"].append({
            "label": _label(call), "id": r.id, "title": f"{call} ({r.id})" if call else r.id,
            "correct": r.correct, "y": HEAD + ROW * len(panel["rows"]), "marks": marks,
            "note": "no Lite form" if r.lite_over_modern is None else "",
            "note_x": left_l + PLOT / 2})
    top = MARGIN + LEGEND
    for panel in panels.values():
        panel["top"], panel["height"] = top, HEAD + ROW * len(panel["rows"])
        top += panel["height"] + 2 * MARGIN
    return list(panels.values())


def chart(found: list[Result]) -> str:
    """The SVG text for ``found``."""
    panels = _panels(found)
    height = panels[-1]["top"] + panels[-1]["height"] + MARGIN if panels else \
        2 * MARGIN + LEGEND
    template = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True) \
        .from_string(TEMPLATE)
    return template.render(panels=panels, margin=MARGIN, height=height, slower=SLOWER,
                           faster=FASTER,
                           width=LABEL + 3 * PLOT + 2 * GAP + 3 * MARGIN)
