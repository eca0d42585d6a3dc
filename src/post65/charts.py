"""Charts where a person would rather look: the amount per county as bars, and how each county's
amount moves with the cut-off as lines (``post65 allocate --chart``).

Drawn with matplotlib (the ``charts`` extra, imported only when a chart is drawn: ``import
post65`` and ``post65 --help`` never load it), on its own figure and Agg canvas (no pyplot, no
global backend, nothing of the caller's matplotlib state is changed) in the fonts matplotlib
ships. Amounts are written as kroner the Norwegian way (``12 345 678 kr``, axis ticks
``10 mill. kr``) in the chosen language's words. The same data give the same bytes: the SVG's
ids come from a fixed salt and it states no date, the PNG no software or date.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from post65.errors import InvalidParameter, Lang
from post65.tables import require
from post65.text import msg

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["CHART_FORMATS", "bar_chart", "line_chart"]

CHART_FORMATS: Final = ("svg", "png")

_STYLE: Final[dict[Any, Any]] = {
    "svg.hashsalt": "post65",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _kr(value: Decimal, lang: Lang) -> str:
    return msg("charts.kr", amount=value)(lang)


def _tick(value: float, top: Decimal, lang: Lang) -> str:
    """An axis tick in kroner, scaled to millions or thousands by the largest value shown."""
    exact = Decimal(str(float(value)))
    if exact == 0:
        return _kr(Decimal(0), lang)
    if top >= 1_000_000:
        return msg("charts.tick.million", x=(exact / 1_000_000).normalize() + 0)(lang)
    if top >= 10_000:
        return msg("charts.tick.thousand", x=(exact / 1_000).normalize() + 0)(lang)
    return _kr(exact.quantize(Decimal(1)), lang)


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure, figure.add_subplot()


def _save(figure: Figure, fmt: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buf = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    else:
        figure.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def _check_format(fmt: str) -> None:
    if fmt not in CHART_FORMATS:
        raise InvalidParameter(msg("charts.format", shown=str(fmt)[:20], choices=CHART_FORMATS))


def _title(axes: Axes, title: str) -> None:
    axes.set_title(textwrap.fill(title, 90), loc="left", fontsize=10)


def bar_chart(
    names: Sequence[str],
    amounts: Sequence[Decimal],
    *,
    title: str,
    lang: Lang = "nb",
    fmt: str = "svg",
) -> bytes:
    """Horizontal bars, the largest amount at the top, each labelled with its amount in kroner.

    :raises MissingExtra: without matplotlib (``pip install 'post65[charts]'``).
    """
    _check_format(fmt)
    require("matplotlib", "charts")
    import matplotlib as mpl
    from matplotlib.ticker import FuncFormatter

    order = sorted(range(len(names)), key=lambda i: (-amounts[i], names[i]))
    shown_names = [names[i] for i in order][::-1]
    shown = [amounts[i] for i in order][::-1]
    top = max(shown, default=Decimal(0))
    with mpl.rc_context(_STYLE):
        figure, axes = _figure(8.5, 0.8 + 0.32 * max(len(names), 3))
        bars = axes.barh(shown_names, [float(v) for v in shown], color="#2b6f8e")
        axes.bar_label(bars, labels=[_kr(v, lang) for v in shown], padding=3, fontsize=8)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _tick(v, top, lang)))
        axes.set_xlim(0, float(top) * 1.22 if top > 0 else 1)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        _title(axes, title)
        return _save(figure, fmt)


def line_chart(
    cutoffs: Sequence[int],
    series: Sequence[tuple[str, Sequence[Decimal]]],
    *,
    title: str,
    xlabel: str,
    lang: Lang = "nb",
    fmt: str = "svg",
) -> bytes:
    """One line per series (a county's amount at each cut-off), the legend ordered by the
    amount at the last cut-off, largest first; series that are zero throughout are left out.

    :raises MissingExtra: without matplotlib (``pip install 'post65[charts]'``).
    """
    _check_format(fmt)
    require("matplotlib", "charts")
    import matplotlib as mpl
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    drawn = sorted(
        ((name, values) for name, values in series if any(values)),
        key=lambda s: (-s[1][-1], s[0]),
    )
    top = max((max(v) for _, v in drawn), default=Decimal(0))
    markers = ("o", "s", "^", "D", "v", "P", "X")
    with mpl.rc_context(_STYLE):
        figure, axes = _figure(9.5, 5.5)
        colours = mpl.colormaps["tab20"]
        for k, (name, values) in enumerate(drawn):
            axes.plot(
                list(cutoffs),
                [float(v) for v in values],
                label=name,
                color=colours((2 * k) % 20 if k < 10 else (2 * k + 1) % 20),
                marker=markers[k % len(markers)] if len(cutoffs) <= 25 else None,
                markersize=3.5,
                linewidth=1.4,
            )
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _tick(v, top, lang)))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(bottom=0)
        axes.set_xlabel(xlabel)
        axes.grid(color="#dddddd", linewidth=0.6)
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        _title(axes, title)
        return _save(figure, fmt)
