"""The `score` command answers set-up mistakes with one clear line, not a traceback."""

import os
import subprocess
import sys

import pytest

SCORE = [sys.executable, "-c", "import sys; from score.cli import main; sys.exit(main())"]


def _run(args, tmp_path, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "SCORE_DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        and not k.startswith("PYTEST")
    }
    environment.update(SCORE_DATA_DIR=str(tmp_path / "var"), **env)
    return subprocess.run(
        [*SCORE, *args], env=environment, capture_output=True, text=True, timeout=120
    )


def test_serving_without_a_secret_key_says_how_to_make_one(tmp_path):
    result = _run(["serve"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_a_database_url_that_is_no_address_says_how_to_write_one(tmp_path):
    result = _run(["manage", "check"], tmp_path, DATABASE_URL="foo", SCORE_DEBUG="1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "postgres://USER:PASSWORD@HOST:5432/NAME" in result.stderr


@pytest.mark.django_db
def test_a_report_to_a_missing_folder_is_refused_before_any_work(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="does not exist"):
        call_command("report_results", programme="CN-P1", output=str(tmp_path / "no" / "r.json"))
    with pytest.raises(CommandError, match="is a folder"):
        call_command("export_iati", programme="CN-P1", output=str(tmp_path))
