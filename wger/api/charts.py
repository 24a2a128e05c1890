"""Charts for the browsable page: values over time and parts of a whole, drawn as inline SVG.

A resource that declares `charts` gives a function of the SELECT of what its page shows (every object a
list URL selects with its filters, not just one page; the one object of a detail URL) returning the charts
to draw above the response. This module turns them into figures, coordinates already computed, that
`api/_chart.html` draws as SVG: no script, no external asset, nothing the page's CSP would refuse, and the
JSON of the endpoint stays exactly what it was.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 32
Y_TICKS = 5
NICE_STEPS = (1, 2, 2.5, 5, 10)
X_TICKS = 6
DOTS_UP_TO = 60
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 22, 14, 150


@dataclass
class TimeSeries:
    """Values over time: one line per series, `{label: [(date, value), ...]}` in date order."""

    title: str
    unit: str
    series: dict = field(default_factory=dict)


@dataclass
class Split:
    """Parts of a whole, one stacked bar per row: `[(row label, [(part label, value), ...]), ...]`."""

    title: str
    unit: str
    rows: list = field(default_factory=list)
    row_label: str = ""


def _scale(value, low, high, start, end):
    """Map `value` from [low, high] onto [start, end]; a degenerate range maps to its middle."""
    if high == low:
        return (start + end) / 2
    return start + (value - low) * (end - start) / (high - low)


def _nice_ticks(low, high):
    """About `Y_TICKS` round values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [low, high], and
    the number of decimals their labels need."""
    if high == low:
        low, high = low - max(abs(low) * 0.1, 1), high + max(abs(high) * 0.1, 1)
    raw_step = (high - low) / (Y_TICKS - 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    factor = next(factor for factor in NICE_STEPS if factor * magnitude >= raw_step)
    step = factor * magnitude
    first, last = math.floor(low / step), math.ceil(high / step)
    decimals = max(0, -math.floor(math.log10(step)) + (factor == 2.5))
    return [index * step for index in range(first, last + 1)], decimals


def _anchor(index, count):
    """Keep the first and last date labels inside the picture."""
    if count == 1:
        return "middle"
    return "start" if index == 0 else "end" if index == count - 1 else "middle"


def _number(value):
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def _time_figure(chart):
    points = [(day, float(value)) for values in chart.series.values() for day, value in values]
    if not points:
        return None
    days = [day.toordinal() for day, _ in points]
    first, last = min(days), max(days)
    y_ticks, decimals = _nice_ticks(min(value for _, value in points), max(value for _, value in points))
    low, high = y_ticks[0], y_ticks[-1]
    left, right, top, bottom = MARGIN_LEFT, WIDTH - MARGIN_RIGHT, MARGIN_TOP, HEIGHT - MARGIN_BOTTOM

    def x(day):
        return round(_scale(day.toordinal(), first, last, left, right), 1)

    def y(value):
        return round(_scale(float(value), low, high, bottom, top), 1)

    lines = []
    for index, (label, values) in enumerate(chart.series.items()):
        coordinates = [(x(day), y(value)) for day, value in values]
        lines.append({
            "label": label,
            "css": f"series-{index % 6}",
            "points": " ".join(f"{px},{py}" for px, py in coordinates),
            "dots": coordinates if len(coordinates) <= DOTS_UP_TO else [],
            "last": _number(float(values[-1][1])) if values else "",
        })
    x_steps = min(X_TICKS, last - first + 1)
    x_days = sorted({round(first + (last - first) * step / max(x_steps - 1, 1)) for step in range(x_steps)})
    return {
        "kind": "time",
        "title": chart.title,
        "unit": chart.unit,
        "width": WIDTH,
        "height": HEIGHT,
        "plot": {"left": left, "right": right, "top": top, "bottom": bottom},
        "lines": lines,
        "y_ticks": [{"y": y(value), "label": f"{value:,.{decimals}f}"} for value in y_ticks],
        "x_ticks": [{"x": x(dt.date.fromordinal(day)), "label": dt.date.fromordinal(day).isoformat(),
                     "anchor": _anchor(index, len(x_days))} for index, day in enumerate(x_days)],
    }


def _split_figure(chart):
    rows = [(label, [(part, float(value)) for part, value in parts]) for label, parts in chart.rows]
    if not rows:
        return None
    left, right = LABEL_WIDTH, WIDTH - MARGIN_RIGHT
    bars = []
    for index, (label, parts) in enumerate(rows):
        total = sum(value for _, value in parts)
        top = MARGIN_TOP + index * (BAR_HEIGHT + BAR_GAP)
        segments, start = [], left
        for part_index, (part, value) in enumerate(parts):
            share = value / total if total else 0
            width = round(share * (right - left), 1)
            segments.append({"x": round(start, 1), "width": width, "css": f"series-{part_index % 6}", "part": part,
                             "value": f"{_number(value)} {chart.unit} ({share:.0%})",
                             "text": f"{share:.0%}" if width >= 36 else ""})
            start += width
        bars.append({"label": label, "y": top, "segments": segments, "empty": not total,
                     "total": f"{_number(total)} {chart.unit}"})
    legend = [{"label": part, "css": f"series-{index % 6}"} for index, (part, _) in enumerate(rows[0][1])]
    height = MARGIN_TOP + len(rows) * (BAR_HEIGHT + BAR_GAP)
    return {"kind": "split", "title": chart.title, "unit": chart.unit, "width": WIDTH, "height": height,
            "bar_height": BAR_HEIGHT, "plot": {"left": left, "right": right}, "bars": bars, "legend": legend,
            "row_label": chart.row_label}


def figures(charts):
    """The drawable figures of `charts`, leaving out those with nothing to draw."""
    drawn = (_time_figure(chart) if isinstance(chart, TimeSeries) else _split_figure(chart) for chart in charts)
    return [figure for figure in drawn if figure is not None]
