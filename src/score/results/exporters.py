"""A results report (the dict of ``builders.build_results``) as json, csv, xlsx or pdf.

All four render the same dict, so every format shows the same figures with the same
definitions; headings are translated in the active language."""

import csv
import io
import json
import logging

from django.utils.translation import gettext as _

# WeasyPrint logs each layout step at INFO; a report needs none of that on the console.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def filename(report: dict, fmt: str) -> str:
    scope = report["scope"]
    parts = ["results", scope["programme"]]
    if scope["partnership"]:
        parts.append(scope["partnership"])
    if scope["date_from"]:
        parts.append(f"from-{scope['date_from']}")
    if scope["date_to"]:
        parts.append(f"to-{scope['date_to']}")
    return "-".join(parts) + f".{fmt}"


def to_json(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def _percent(share) -> str:
    return "" if share is None else f"{round(share * 100)}%"


def rows(report: dict):
    """The report as (section, item, name, figure, value) rows: the csv and the xlsx's
    "All figures" sheet."""
    scope = report["scope"]
    for key, value in scope.items():
        yield ("scope", key, "", "", value)
    reach = report["reach"]
    for key, value in reach.items():
        if isinstance(value, list):
            continue
        yield ("reach", key, "", "", value)
    for row in reach["participants_by_role"]:
        for sex in ("female", "male", "total"):
            yield ("reach_by_role", row["role"], row["label"], sex, row[sex])
    for row in reach["modules"]:
        for key in ("enterprises_trained", "participants", "participants_female"):
            yield ("reach_by_module", row["module"], row["name"], key, row[key])
    for row in report["outcomes"]:
        for key, value in row.items():
            if key not in ("indicator", "name"):
                yield ("outcomes", row["indicator"], row["name"], key, value)
    for row in report["practices"]:
        for key in ("enterprises_answered", "enterprises_adopted", "share_adopted"):
            yield ("practices", row["practice"], row["text"], key, row[key])
    for questionnaire in report["surveys"]:
        for question in questionnaire["questions"]:
            item = f"{questionnaire['questionnaire']}.{question['question']}"
            yield ("surveys", item, question["text"], "n", question["n"])
            yield ("surveys", item, question["text"], "share_positive", question["share_positive"])
    for row in report.get("surveys_combined", []):
        item = f"{'+'.join(row['questionnaires'])}.{row['question']}"
        yield ("surveys_combined", item, row["text"], "n", row["n"])
        yield ("surveys_combined", item, row["text"], "share_positive", row["share_positive"])
    for dim, groups in report["breakdowns"].items():
        for group in groups:
            key = group.get("key") or group.get("module") or group.get("sex")
            for figure, value in group.items():
                if figure in ("key", "label", "name", "module", "sex"):
                    continue
                if figure == "outcomes":
                    for outcome in value:
                        for k in (
                            "enterprises_reporting",
                            "enterprises_improved",
                            "share_improved",
                        ):
                            yield (
                                f"by_{dim}",
                                key,
                                group.get("label") or group.get("name"),
                                f"{outcome['indicator']}.{k}",
                                outcome[k],
                            )
                    continue
                yield (f"by_{dim}", key, group.get("label") or group.get("name"), figure, value)
    for supplier in report.get("suppliers", []):
        for row in supplier["indicators"]:
            for key in ("baseline", "follow_up", "change", "amount_usd"):
                yield (
                    "suppliers",
                    f"{supplier['enterprise']}.{row['indicator']}",
                    supplier["name"],
                    key,
                    row[key],
                )
    for row in report.get("logframe", []):
        for key in ("actual", "actual_female", "actual_male"):
            if row[key] is not None:
                yield ("logframe", row["indicator"], row["name"], key, row[key])
        for target in row["targets"]:
            item = f"{row['indicator']}.{target['target_date']}"
            if target["sex"]:
                item += f".{target['sex']}"
            for key in ("target", "actual", "progress"):
                yield ("logframe_targets", item, row["name"], key, target[key])
    for row in (report.get("comparison") or {}).get("estimates", []):
        for key in (
            "estimate",
            "interval_low",
            "interval_high",
            "enterprises_trained",
            "enterprises_comparison",
        ):
            yield ("comparison", row["indicator"], row["name"], key, row[key])
    for note in report["notes"]:
        yield ("notes", "", note, "", "")
    for definition in report["definitions"]:
        yield ("definitions", "", definition["term"], "", definition["text"])


def _header():
    return [_("section"), _("item"), _("name"), _("figure"), _("value")]


def to_csv(report: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    for row in rows(report):
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def to_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()

    def sheet(title, header, lines, first=False):
        ws = book.active if first else book.create_sheet()
        ws.title = title[:31]
        ws.append([str(h) for h in header])
        for cell in ws[1]:
            cell.font = bold
        for line in lines:
            ws.append(["" if v is None else v for v in line])
        ws.freeze_panes = "A2"
        for column in ws.columns:
            width = max(len(str(c.value or "")) for c in column)
            ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
        return ws

    scope, reach = report["scope"], report["reach"]
    sheet(
        _("Scope"),
        [_("field"), _("value")],
        [(k, v) for k, v in scope.items()],
        first=True,
    )
    sheet(
        _("Reach"),
        [_("figure"), _("value")],
        [(k, v) for k, v in reach.items() if not isinstance(v, list)],
    )
    sheet(
        _("Outcomes"),
        [
            _("indicator"),
            _("name"),
            _("enterprises reporting"),
            _("enterprises improved"),
            _("share improved"),
            _("average change among improvers"),
            _("median change"),
            _("average amount (USD)"),
            _("baseline 0"),
            _("baseline missing"),
        ],
        [
            (
                o["indicator"],
                o["name"],
                o["enterprises_reporting"],
                o["enterprises_improved"],
                o["share_improved"],
                o["average_change"],
                o["median_change"],
                o["average_amount_usd"],
                o["baseline_zero"],
                o["baseline_missing"],
            )
            for o in report["outcomes"]
        ],
    )
    sheet(
        _("Modules"),
        [_("module"), _("name"), _("enterprises trained"), _("participants"), _("women")],
        [
            (
                m["module"],
                m["name"],
                m["enterprises_trained"],
                m["participants"],
                m["participants_female"],
            )
            for m in reach["modules"]
        ],
    )
    sheet(
        _("Practices"),
        [_("practice"), _("text"), _("enterprises answered"), _("adopted"), _("share adopted")],
        [
            (
                p["practice"],
                p["text"],
                p["enterprises_answered"],
                p["enterprises_adopted"],
                p["share_adopted"],
            )
            for p in report["practices"]
        ],
    )
    if report.get("suppliers") is not None:
        sheet(
            _("Suppliers"),
            [
                _("enterprise"),
                _("name"),
                _("indicator"),
                _("baseline"),
                _("follow-up"),
                _("change"),
                _("amount (USD)"),
            ],
            [
                (
                    s["enterprise"],
                    s["name"],
                    r["indicator"],
                    r["baseline"],
                    r["follow_up"],
                    r["change"],
                    r["amount_usd"],
                )
                for s in report["suppliers"]
                for r in s["indicators"]
            ],
        )
    if report.get("logframe") is not None:
        sheet(
            _("Logframe"),
            [
                _("indicator"),
                _("name"),
                _("actual"),
                _("women"),
                _("men"),
                _("target date"),
                _("country"),
                _("sex"),
                _("target"),
                _("actual by the target date"),
                _("progress"),
            ],
            [
                (
                    row["indicator"],
                    row["name"],
                    row["actual"] if row["recorded"] else _("not yet recorded"),
                    row["actual_female"],
                    row["actual_male"],
                    *(
                        (
                            t["target_date"],
                            t["country"],
                            t["sex"],
                            t["target"],
                            t["actual"],
                            t["progress"],
                        )
                        if t
                        else ("",) * 6
                    ),
                )
                for row in report["logframe"]
                for t in (row["targets"] or [None])
            ],
        )
    if report.get("comparison", {}).get("comparison_enterprises"):
        sheet(
            _("Comparison group"),
            [
                _("indicator"),
                _("name"),
                _("estimated effect"),
                # xgettext:no-python-format
                _("95% interval, low"),
                # xgettext:no-python-format
                _("95% interval, high"),
                _("enterprises trained"),
                _("comparison enterprises"),
            ],
            [
                (
                    r["indicator"],
                    r["name"],
                    r["estimate"],
                    r["interval_low"],
                    r["interval_high"],
                    r["enterprises_trained"],
                    r["enterprises_comparison"],
                )
                for r in report["comparison"]["estimates"]
            ]
            + [(_("Note"), report["comparison"]["label"])],
        )
    sheet(_("All figures"), _header(), rows(report))
    sheet(
        _("Definitions"),
        [_("term"), _("definition")],
        [(d["term"], d["text"]) for d in report["definitions"]]
        + [(_("Note"), note) for note in report["notes"]],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_context(report: dict, *, pdf: bool = False) -> dict:
    """What the page and the PDF templates need beside the report: its charts (inline SVG
    for pages; SVG images for the PDF, drawn by WeasyPrint's SVG renderer) and the
    breakdown tables with their titles."""
    from score.results.charts import as_image, report_charts

    titles = {"country": _("Country"), "sector": _("Sector"), "size_class": _("Size class")}
    charts = report_charts(report)
    if pdf:
        charts = {name: as_image(svg) for name, svg in charts.items()}
    return {
        "report": report,
        "charts": charts,
        "breakdown_tables": [
            (title, report["breakdowns"].get(dim, [])) for dim, title in titles.items()
        ],
    }


def to_pdf(report: dict) -> bytes:
    """The report on A4 pages with its charts, rendered by WeasyPrint."""
    from score.training.pdf import render_pdf

    return render_pdf("results/report_pdf.html", template_context(report, pdf=True))


def export(report: dict, fmt: str) -> bytes:
    return {"json": to_json, "csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}[fmt](report)
