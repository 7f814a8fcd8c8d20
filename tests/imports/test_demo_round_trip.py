"""The demo's own export imports into an empty database with the same classes and visits
(one slow test: it loads the whole demo)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from score.accounts.models import Membership, Role
from score.demo.loader import load_demo
from score.imports.actions import command_line_user, import_workbook
from score.imports.exporter import export_rows, export_workbook
from tests.playwright_fixtures import _reseed_catalogues

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DELIVERY = ("Enrolments", "Sessions", "Attendance", "Visits")
# The trainer network and the money records come back identical too.
NETWORK_AND_MONEY = (
    "Partnerships",
    "Participations",
    "Trainers",
    "TrainerModules",
    "TrainerCourses",
    "CourseParticipants",
    "Prices",
    "Fees",
    "Invoices",
    "Payments",
)


def _phase_one(rows) -> tuple[set, int]:
    """Enterprises in CN-P1's classes, and CN-P1's done visits."""
    in_classes = {
        code
        for row in rows["Sessions"]
        if row[1] == "CN-P1"
        for code in (row[12] or "").split(";")
        if code
    }
    done = sum(1 for row in rows["Visits"] if row[1] == "CN-P1" and row[5] == "done")
    return in_classes, done


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
def test_demo_export_imports_into_an_empty_database_with_the_same_classes_and_visits(tmp_path):
    by = command_line_user()
    with transaction.atomic():
        load_demo()
        before = export_rows(by=by)
        in_classes, done = _phase_one(before)
        assert (len(in_classes), done) == (53, 224)
        path = tmp_path / "demo.xlsx"
        export_workbook(by=by, path=path)

        again = import_workbook(by=by, path=path)
        assert again.ok, "\n".join(str(p) for p in again.problems[:20])
        assert again.count("unchanged") == again.total

        # Users are not programme data: the trainers sign in again on the empty platform.
        trainers = set(
            Membership.objects.filter(role=Role.TRAINER).values_list("user__email", flat=True)
        )
        if connection.vendor == "postgresql":
            # PostgreSQL refuses to TRUNCATE tables with deferred foreign-key checks still
            # pending in this transaction: run them now.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, verbosity=0)
        _reseed_catalogues()
        for email in trainers:
            user = get_user_model().objects.create_user(email=email, password="x")
            Membership.objects.create(user=user, role=Role.TRAINER)

        report = import_workbook(by=by, path=path)
        assert report.ok, "\n".join(str(p) for p in report.problems[:20])
        after = export_rows(by=by)
        assert _phase_one(after) == (in_classes, done)
        for sheet in DELIVERY + NETWORK_AND_MONEY:
            assert after[sheet] == before[sheet], sheet
        transaction.set_rollback(True)
