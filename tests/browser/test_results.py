"""A coordinator reads a programme's results on a phone and downloads the PDF and xlsx."""

import subprocess

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.playwright_fixtures import sideways_overflow
from tests.results.helpers import deliver_world


def test_coordinator_reads_results_and_downloads_pdf_and_xlsx(
    page, log_in, coordinator, world, tmp_path
):
    deliver_world(world)
    log_in(coordinator)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Results").click()
    page.get_by_label("Programme").select_option("CN-P1")
    expect(page.get_by_role("heading", name="Enterprise results")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("n = 3")
    expect(page.get_by_role("img", name="Share of enterprises that improved")).to_be_visible()
    assert sideways_overflow(page) <= 0

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").click()
    pdf = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(pdf)
    assert pdf.name == "results-CN-P1.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Enterprises trained" in text and "Defect rate" in text

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="XLSX").click()
    xlsx = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx)
    book = load_workbook(xlsx)
    outcomes = {row[0]: row for row in book["Outcomes"].iter_rows(min_row=2, values_only=True)}
    assert outcomes["defect_rate"][2] == 3
