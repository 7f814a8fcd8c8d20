"""Exports of the report (json, csv, xlsx, pdf) and the `report_results` command."""

import csv
import io
import json
import subprocess

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from score.results.builders import build_results
from score.results.exporters import to_csv, to_pdf, to_xlsx

pytestmark = pytest.mark.django_db


def _command(*args, **options):
    out = io.StringIO()
    call_command("report_results", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_command_prints_the_json_report(delivered):
    report = json.loads(_command(programme="CN-P1", format="json"))
    assert report["scope"]["programme"] == "CN-P1"
    assert report["reach"]["enterprises_trained"] == 4
    defects = next(o for o in report["outcomes"] if o["indicator"] == "defect_rate")
    assert defects["share_improved"] == pytest.approx(0.6667)


def test_command_filters_by_partnership_and_window(delivered):
    report = json.loads(
        _command(
            programme="CN-P1",
            partnership=delivered.world.partnership.code,
            date_from="2012-01-01",
            date_to="2012-12-31",
        )
    )
    assert report["scope"]["partnership"] == delivered.world.partnership.code
    assert report["scope"]["date_to"] == "2012-12-31"
    assert report["reach"]["enterprises_trained"] == 2


def test_command_reports_what_a_given_user_sees(delivered, provider_staff):
    report = json.loads(_command(programme="CN-P1", user=provider_staff.email))
    assert report["reach"]["enterprises_trained"] == 1


@pytest.mark.parametrize(
    "options, message",
    [
        ({"programme": "NOPE"}, "no programme NOPE"),
        ({"programme": "CN-P1", "partnership": "NOPE"}, "no partnership NOPE"),
        ({"programme": "CN-P1", "date_from": "2012-13-01"}, "YYYY-MM-DD"),
        ({"programme": "CN-P1", "date_from": "2013-01-01", "date_to": "2012-01-01"}, "swap"),
        ({"programme": "CN-P1", "language": "xx"}, "no language xx"),
        ({"programme": "CN-P1", "user": "nobody@example.org"}, "no user"),
    ],
)
def test_command_explains_bad_options(delivered, options, message):
    with pytest.raises(CommandError, match=message):
        _command(**options)


def test_command_writes_each_format_to_a_file(delivered, tmp_path):
    for fmt in ("json", "csv", "xlsx", "pdf"):
        target = tmp_path / f"report.{fmt}"
        _command(programme="CN-P1", format=fmt, output=str(target))
        assert target.stat().st_size > 100
    assert target.read_bytes().startswith(b"%PDF")


def test_csv_has_one_row_per_figure(delivered, admin_user):
    report = build_results(admin_user, programme="CN-P1")
    rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
    assert rows[0] == ["section", "item", "name", "figure", "value"]
    assert ["reach", "enterprises_trained", "", "", "4"] in rows
    assert any(r[:2] == ["outcomes", "defect_rate"] and r[3] == "share_improved" for r in rows)


def test_xlsx_opens_with_the_outcomes_sheet(delivered, admin_user):
    report = build_results(admin_user, programme="CN-P1")
    book = load_workbook(io.BytesIO(to_xlsx(report)))
    assert {"Scope", "Reach", "Outcomes", "Modules", "All figures", "Definitions"} <= set(
        book.sheetnames
    )
    outcomes = {row[0]: row for row in book["Outcomes"].iter_rows(min_row=2, values_only=True)}
    assert outcomes["defect_rate"][2:5] == (3, 2, pytest.approx(0.6667))
    reach = dict(book["Reach"].iter_rows(min_row=2, values_only=True))
    assert reach["participants"] == 8


def test_sponsor_xlsx_has_consenting_suppliers_only(delivered, sponsor_user):
    report = build_results(sponsor_user, programme="CN-P1", partnership=delivered.world.partnership)
    book = load_workbook(io.BytesIO(to_xlsx(report)))
    names = {row[1] for row in book["Suppliers"].iter_rows(min_row=2, values_only=True)}
    assert names == {"Consenting Socks"}


def test_pdf_is_a4_with_figures_and_chart_text(delivered, admin_user, tmp_path):
    content = to_pdf(build_results(admin_user, programme="CN-P1"))
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "(A4)" in info
    assert "Enterprises trained" in text
    assert "Share of enterprises that improved" in text  # the chart's title, as text
    assert "n = 3" in text


def test_pdf_in_chinese_renders_chinese_text(delivered, admin_user, tmp_path, settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        report = build_results(admin_user, programme="CN-P1")
        content = to_pdf(report)
    text = pdf_text(content, tmp_path)
    assert "次品率" in text  # the indicator's Chinese name
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "CJK" in fonts


def test_pdf_in_chinese_draws_the_chinese_words_on_the_page(delivered, admin_user, tmp_path):
    """Not only the text layer: the page rendered to pixels has ink where the Chinese
    indicator name stands (a missing font would leave blanks or a fallback box font)."""
    import re

    from django.utils import translation
    from PIL import Image

    with translation.override("zh-hans"):
        content = to_pdf(build_results(admin_user, programme="CN-P1"))
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    page_number, box = 0, None
    for chunk in layout.split("<page ")[1:]:
        page_number += 1
        found = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">[^<]*次品率',
            chunk,
        )
        if found:
            box = [float(v) for v in found.groups()]
            break
    assert box, "the Chinese indicator name is in the text layer"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-f",
            str(page_number),
            "-l",
            str(page_number),
            "-png",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    x0, y0, x1, y1 = (round(v) for v in box)
    crop = image.crop((x0, y0, x1, y1))
    pixels = [crop.getpixel((x, y)) for x in range(crop.width) for y in range(crop.height)]
    ink = sum(1 for p in pixels if p < 128) / len(pixels)
    assert 0.05 < ink < 0.8, ink
