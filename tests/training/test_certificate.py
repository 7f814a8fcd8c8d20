"""The completion certificate: a PDF in the reader's language, for completed enrolments."""

import re
import shutil
import subprocess
import zlib

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _inflated_streams(pdf: bytes) -> list[bytes]:
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return streams


def pdf_text(pdf: bytes) -> str:
    """The PDF's text layer, by poppler's pdftotext where installed. Without it, the text
    of the PDF's outline (WeasyPrint makes one entry per heading, in UTF-16), which holds
    the certificate's headings, the enterprise's name among them."""
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return result.stdout.decode("utf-8")
    texts = []
    for stream in [pdf, *_inflated_streams(pdf)]:
        for hex_string in re.findall(rb"<feff([0-9a-fA-F]+)>", stream):
            texts.append(bytes.fromhex(hex_string.decode()).decode("utf-16-be"))
        texts.extend(s.decode("latin-1") for s in re.findall(rb"/Title \(([^)]*)\)", stream))
    return "\n".join(texts)


def embedded_fonts(pdf: bytes) -> str:
    names = []
    for stream in [pdf, *_inflated_streams(pdf)]:
        names.extend(n.decode() for n in re.findall(rb"/FontName /([A-Za-z0-9+_-]+)", stream))
    return " ".join(names)


@pytest.fixture
def chinese_enterprise(classes, world):
    world.provided.name = "宁波袜业有限公司"
    world.provided.save()
    return world.provided


def test_certificate_is_a_pdf_naming_the_enterprise_and_module(coordinator, login, classes):
    response = login(coordinator).get(reverse("training:certificate", args=[classes.completed.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Provided Machinery" in text
    assert "Quality Management" in text


def test_certificate_renders_in_chinese_with_a_cjk_font(
    coordinator, login, classes, chinese_enterprise
):
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("training:certificate", args=[classes.completed.pk]))
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "宁波袜业有限公司" in text
    assert "质量管理" in text  # the module's Chinese name
    fonts = embedded_fonts(response.content).replace("-", "")
    assert "NotoSansCJK" in fonts


def test_certificate_is_named_after_enterprise_and_module(coordinator, login, classes, world):
    response = login(coordinator).get(reverse("training:certificate", args=[classes.completed.pk]))
    assert f'filename="certificate-{world.provided.code}-QM.pdf"' in response["Content-Disposition"]


def test_fallback_reads_the_enterprise_name_without_pdftotext(
    coordinator, login, classes, chinese_enterprise, monkeypatch
):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("training:certificate", args=[classes.completed.pk]))
    assert "宁波袜业有限公司" in pdf_text(response.content)
