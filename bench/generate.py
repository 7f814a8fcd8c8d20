"""Synthetic programme data for the benchmarks: ``add_enterprises(programme, n)``.

Each enterprise gets what a SCORE enterprise has after Workplace Cooperation: a
programme enrolment, 4 people (2 managers, 2 workers) who took a place in a two-day
class shared with 4 other enterprises, a completed module enrolment, a baseline and three
follow-up visits, and baseline and follow-up measurements of six indicators.

Rows are written with ``bulk_create`` (hundreds of thousands of rows in seconds), not
through the actions: this is load for measuring pages and reports, not user data. Values
come from a seeded random generator, so a run is repeatable.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from score.counselling.models import Visit
from score.enterprises.models import Enterprise, Participation, Person
from score.monitoring.models import Indicator, Measurement
from score.training.models import (
    Attendance,
    ClassroomSession,
    Enrolment,
    Module,
    Participant,
    SessionDay,
)

INDICATORS = {
    # code: (baseline low, high, follow-up factor low, high)
    "units_produced": (20_000, 200_000, 0.95, 1.2),
    "labour_hours": (8_000, 60_000, 0.9, 1.05),
    "defective_units": (200, 6_000, 0.6, 1.1),
    "energy_kwh": (10_000, 90_000, 0.8, 1.05),
    "accidents": (0, 12, 0.3, 1.2),
    "cost_savings": (0, 0, 0, 0),  # reported amount, follow-up only
}
BATCH = 2_000


def add_enterprises(*, programme, provider, trainer, n: int, seed: int = 1) -> int:
    """Add ``n`` trained enterprises to ``programme``; returns how many rows were written."""
    rng = random.Random(seed * 1_000_003 + Enterprise.objects.count())
    start = programme.start_date
    module = Module.objects.get(code="WC")
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=INDICATORS)}
    offset = Enterprise.objects.filter(code__startswith=f"{programme.code}-").count()
    now = timezone.now()
    written = 0
    with transaction.atomic():
        enterprises = Enterprise.objects.bulk_create(
            [
                Enterprise(
                    code=f"{programme.code}-{offset + i:06d}",
                    name=f"Bench enterprise {offset + i}",
                    country=programme.country,
                    region=rng.choice(["Liaoning", "Zhejiang", "Jiangsu", "Shandong"]),
                    sector="C",
                    employees_female=rng.randint(10, 200),
                    employees_male=rng.randint(10, 250),
                    status="active",
                )
                for i in range(n)
            ],
            batch_size=BATCH,
        )
        Participation.objects.bulk_create(
            [
                Participation(
                    enterprise=e,
                    programme=programme,
                    provider=provider,
                    status="completed",
                    joined_on=start,
                )
                for e in enterprises
            ],
            batch_size=BATCH,
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    enterprise=e,
                    code=f"P{k + 1:02d}",
                    name="",
                    sex=rng.choice(["female", "male"]),
                    role="manager" if k < 2 else "worker",
                )
                for e in enterprises
                for k in range(4)
            ],
            batch_size=BATCH,
        )
        dates = {
            "registered_on": start,
            "baseline_on": start + datetime.timedelta(days=10),
            "classroom_on": start + datetime.timedelta(days=30),
            "visits_done_on": start + datetime.timedelta(days=120),
            "completed_on": start + datetime.timedelta(days=125),
        }
        enrolments = Enrolment.objects.bulk_create(
            [
                Enrolment(
                    enterprise=e,
                    programme=programme,
                    module=module,
                    provider=provider,
                    trainer=trainer,
                    status="completed",
                    **dates,
                )
                for e in enterprises
            ],
            batch_size=BATCH,
        )
        written += len(enterprises) * 2 + len(people) + len(enrolments)

        sessions = ClassroomSession.objects.bulk_create(
            [
                ClassroomSession(
                    programme=programme,
                    module=module,
                    title=f"Workplace Cooperation, class {offset + k + 1}",
                    code=f"{programme.code}-C{offset + k:06d}",
                    start_date=dates["classroom_on"] - datetime.timedelta(days=1),
                    end_date=dates["classroom_on"],
                    venue="Bench venue",
                    provider=provider,
                )
                for k in range(0, n, 5)
            ],
            batch_size=BATCH,
        )
        through = ClassroomSession.enrolments.through
        through.objects.bulk_create(
            [
                through(classroomsession_id=sessions[k // 5].pk, enrolment_id=en.pk)
                for k, en in enumerate(enrolments)
            ],
            batch_size=BATCH,
        )
        trainers = ClassroomSession.trainers.through
        trainers.objects.bulk_create(
            [trainers(classroomsession_id=s.pk, user_id=trainer.pk) for s in sessions],
            batch_size=BATCH,
        )
        days = SessionDay.objects.bulk_create(
            [
                SessionDay(session=s, date=s.start_date + datetime.timedelta(days=d))
                for s in sessions
                for d in range(2)
            ],
            batch_size=BATCH,
        )
        places = Participant.objects.bulk_create(
            [Participant(session=sessions[k // 20], person=p) for k, p in enumerate(people)],
            batch_size=BATCH,
        )
        Attendance.objects.bulk_create(
            [
                Attendance(participant=place, day=days[(k // 20) * 2 + d], present=True)
                for k, place in enumerate(places)
                for d in range(2)
            ],
            batch_size=BATCH,
        )
        written += len(sessions) * 2 + len(days) + len(places) * 3

        visits = []
        for en in enrolments:
            visits.append(
                Visit(
                    enrolment=en,
                    kind="baseline",
                    sequence=1,
                    status="done",
                    done_on=dates["baseline_on"],
                    hours=Decimal(3),
                    trainer=trainer,
                    findings="Baseline.",
                )
            )
            for s in range(3):
                visits.append(
                    Visit(
                        enrolment=en,
                        kind="follow_up",
                        sequence=s + 1,
                        status="done",
                        done_on=dates["classroom_on"] + datetime.timedelta(days=20 * (s + 1)),
                        hours=Decimal(3),
                        trainer=trainer,
                        eit_took_part=True,
                        findings="Follow-up.",
                    )
                )
        Visit.objects.bulk_create(visits, batch_size=BATCH)
        written += len(visits)

        baseline = (start, start + datetime.timedelta(days=89))
        follow_up = (start + datetime.timedelta(days=180), start + datetime.timedelta(days=269))
        measurements = []
        for e in enterprises:
            for code, (low, high, f_low, f_high) in INDICATORS.items():
                indicator = indicators.get(code)
                if indicator is None:
                    continue
                common = {
                    "enterprise": e,
                    "indicator": indicator,
                    "source": "company_records",
                    "entered_at": now,
                    "provenance": "import",
                }
                if code == "cost_savings":
                    amount = rng.choice([0, rng.randint(20_000, 250_000)])
                    measurements.append(
                        Measurement(
                            period_start=follow_up[0],
                            period_end=follow_up[1],
                            wave="follow_up",
                            value=Decimal(amount),
                            currency="CNY",
                            **common,
                        )
                    )
                    continue
                value = rng.randint(low, high)
                measurements.append(
                    Measurement(
                        period_start=baseline[0],
                        period_end=baseline[1],
                        wave="baseline",
                        value=Decimal(value),
                        **common,
                    )
                )
                measurements.append(
                    Measurement(
                        period_start=follow_up[0],
                        period_end=follow_up[1],
                        wave="follow_up",
                        value=Decimal(round(value * rng.uniform(f_low, f_high))),
                        **common,
                    )
                )
        Measurement.objects.bulk_create(measurements, batch_size=BATCH)
        written += len(measurements)
    return written
