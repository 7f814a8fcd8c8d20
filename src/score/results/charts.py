"""SVG charts of a results report, shared by the pages and the PDF (DESIGN.md: server-side
SVG with matplotlib).

Each chart is drawn on its own ``matplotlib.figure.Figure`` with the Agg canvas — never
pyplot, whose global figure state is not safe in request threads. Text stays text in the
SVG (``svg.fonttype = none``), so the browser or WeasyPrint sets it in the page's fonts,
Chinese included, and screen readers and pdftotext can read it."""

import base64
import io
import re

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.fonttype"] = "none"  # set once at import, never per request
matplotlib.rcParams["svg.hashsalt"] = "score"  # stable ids: the same report, the same SVG

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

FONTS = ["DejaVu Sans", "Noto Sans CJK SC"]
BLUE, GREY, ORANGE = "#0b4f8a", "#9aa5b1", "#d97706"


def _prefixed(svg: str, prefix: str) -> str:
    """Give every id in the SVG a prefix, so that several charts can share one page."""
    ids = set(re.findall(r'id="([^"]+)"', svg))
    if not ids:
        return svg
    pattern = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    svg = re.sub(rf'id="({pattern})"', rf'id="{prefix}-\1"', svg)
    return re.sub(rf"#({pattern})\b", rf"#{prefix}-\1", svg)


def _svg(figure: Figure, title: str, prefix: str) -> str:
    FigureCanvasAgg(figure)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = _prefixed(svg[svg.find("<svg") :], prefix)
    # An accessible name for the chart.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', 1)


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace(">", "&gt;")
    )


def _figure(rows: int) -> Figure:
    figure = Figure(figsize=(7, 0.9 + 0.45 * max(rows, 1)), dpi=100)
    return figure


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for label in axes.get_yticklabels() + axes.get_xticklabels():
        label.set_fontfamily(FONTS)


def outcomes_chart(report: dict) -> str:
    """Share of enterprises improved per indicator, with n beside each bar."""
    rows = [o for o in report["outcomes"] if o["share_improved"] is not None]
    title = _("Share of enterprises that improved")
    figure = _figure(len(rows))
    axes = figure.add_subplot()
    if not rows:
        axes.set_axis_off()
        axes.text(
            0.5,
            0.5,
            _("No enterprise has both a baseline and a follow-up yet."),
            ha="center",
            va="center",
            fontfamily=FONTS,
        )
        return _svg(figure, title, "outcomes")
    labels = [o["name"] for o in rows][::-1]
    shares = [o["share_improved"] * 100 for o in rows][::-1]
    axes.barh(labels, shares, color=BLUE)
    for y, o in enumerate(rows[::-1]):
        axes.text(
            min(o["share_improved"] * 100 + 1, 101),
            y,
            f"{round(o['share_improved'] * 100)}%  (n = {o['enterprises_reporting']})",
            va="center",
            fontsize=9,
            fontfamily=FONTS,
        )
    axes.set_xlim(0, 125)
    axes.set_xticks([0, 25, 50, 75, 100])
    # xgettext:no-python-format
    axes.set_xlabel(_("% of enterprises reporting"), fontfamily=FONTS)
    axes.set_title(title, fontfamily=FONTS, loc="left")
    _style(axes)
    return _svg(figure, title, "outcomes")


def reach_chart(report: dict) -> str:
    """Participants per module, women and men."""
    modules = report["reach"]["modules"]
    title = _("Participants per module")
    figure = _figure(len(modules))
    axes = figure.add_subplot()
    if not modules:
        axes.set_axis_off()
        axes.text(
            0.5, 0.5, _("No class has been held yet."), ha="center", va="center", fontfamily=FONTS
        )
        return _svg(figure, title, "reach")
    labels = [m["name"] for m in modules][::-1]
    women = [m["participants_female"] for m in modules][::-1]
    men = [m["participants"] - m["participants_female"] for m in modules][::-1]
    axes.barh(labels, women, color=ORANGE, label=_("Women"))
    axes.barh(labels, men, left=women, color=GREY, label=_("Men and others"))
    for y, m in enumerate(modules[::-1]):
        axes.text(
            m["participants"],
            y,
            f"  {m['participants']}",
            va="center",
            fontsize=9,
            fontfamily=FONTS,
        )
    axes.set_xlabel(_("participants"), fontfamily=FONTS)
    axes.set_title(title, fontfamily=FONTS, loc="left")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    legend = axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=2, frameon=False)
    for text in legend.get_texts():
        text.set_fontfamily(FONTS)
    _style(axes)
    return _svg(figure, title, "reach")


def report_charts(report: dict) -> dict:
    return {"outcomes": outcomes_chart(report), "reach": reach_chart(report)}


def as_image(svg: str) -> str:
    """An <img> of the SVG as a data: URL (how the PDF embeds charts)."""
    label = re.search(r'aria-label="([^"]*)"', svg)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = label.group(1) if label else ""
    return f'<img alt="{alt}" src="data:image/svg+xml;base64,{data}">'
