"""Export → import into an empty database gives the same data (hypothesis, small worlds)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score.accounts.models import Role
from score.counselling import actions as counselling_actions
from score.counselling.models import Visit
from score.enterprises import actions as enterprise_actions
from score.enterprises.models import Enterprise, Participation, Person
from score.imports.actions import command_line_user, import_workbook
from score.imports.exporter import export_rows, export_workbook
from score.monitoring.actions import record_measurement, record_practice_answer
from score.monitoring.models import Measurement, PracticeAnswer
from score.programmes import actions as programme_actions
from score.programmes.models import Country, Organisation, Programme
from score.surveys.actions import record_response
from score.surveys.models import Questionnaire, Response
from score.training import actions as training_actions
from score.training.models import ClassroomSession, Enrolment, Module
from tests.factories import user_with_role

TEXT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -'.éü中国工厂"),
    min_size=1,
    max_size=24,
).filter(lambda s: s == s.strip() and not s.startswith(("-", "'")))
# Dates of things done: none may lie in the future (the actions refuse them).
DAY = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2021, 12, 31))
VALUE = st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False)
INDICATORS = ["defective_units", "units_produced", "labour_hours"]

enterprise = st.fixed_dictionaries(
    {
        "name": TEXT,
        "region": st.one_of(st.just(""), TEXT),
        "sector": st.sampled_from("ACGM"),
        "female": st.integers(0, 3000),
        "male": st.integers(0, 3000),
        "buyer": st.booleans(),
        "people": st.lists(
            st.tuples(
                st.sampled_from(["female", "male", "other"]),
                st.sampled_from(["owner", "manager", "worker"]),
                st.one_of(st.just(""), TEXT),
            ),
            max_size=3,
        ),
        "measurements": st.dictionaries(
            st.tuples(
                st.sampled_from(INDICATORS), st.sampled_from(["baseline", "follow_up", "endline"])
            ),
            st.tuples(
                DAY,
                st.integers(0, 365),
                VALUE,
                st.sampled_from(["company_records", "management", "workers"]),
            ),
            max_size=4,
        ),
        "practices": st.dictionaries(
            st.sampled_from(["baseline", "follow_up"]), st.tuples(st.booleans(), DAY), max_size=2
        ),
        "delivery": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    # 0 registered, 1 baseline, 2 classroom, 3 visits done, 4 completed
                    "steps": st.integers(0, 4),
                    "follow_ups": st.integers(0, 3),
                    "planned": st.booleans(),
                    "drop": st.booleans(),
                    "present": st.lists(st.booleans(), min_size=2, max_size=2),
                    "online": st.booleans(),
                    "coded": st.booleans(),
                    "hours": st.decimals(min_value=Decimal("0.25"), max_value=24, places=2),
                    "findings": st.one_of(st.just(""), TEXT),
                }
            ),
        ),
        "survey": st.one_of(
            st.none(),
            st.tuples(
                st.sampled_from(["worker", "manager"]), st.sampled_from(["1", "2", "3", "4", "5"])
            ),
        ),
    }
)
world_strategy = st.fixed_dictionaries(
    {
        "programmes": st.lists(
            st.tuples(
                TEXT,
                st.integers(1, 5),
                DAY,
                st.one_of(st.none(), st.integers(0, 2000)),
                st.booleans(),
            ),
            min_size=1,
            max_size=2,
        ),
        "enterprises": st.lists(enterprise, min_size=1, max_size=4),
    }
)


def _build(data, by) -> None:
    cn = Country.objects.get(code="CN")
    donor = programme_actions.create_organisation(by=by, name="Donor Agency", kind="donor")
    buyer = programme_actions.create_organisation(
        by=by, name="Big Buyer", kind="lead_buyer", country=cn, short_name="BB"
    )
    programmes = []
    for i, (name, phase, start, length, funded) in enumerate(data["programmes"]):
        programmes.append(
            programme_actions.create_programme(
                by=by,
                code=f"RT-P{i}",
                name=name,
                country=cn,
                start_date=start,
                end_date=start + datetime.timedelta(days=length) if length is not None else None,
                phase=phase,
                donors=[donor] if funded else [],
            )
        )
    wps = Questionnaire.objects.get(code="WPS")
    for i, e in enumerate(data["enterprises"]):
        ent = enterprise_actions.create_enterprise(
            by=by,
            code=f"RT-E{i}",
            name=e["name"],
            country=cn,
            sector=e["sector"],
            region=e["region"],
            employees_female=e["female"],
            employees_male=e["male"],
            lead_buyers=[buyer] if e["buyer"] else [],
        )
        programme = programmes[i % len(programmes)]
        enterprise_actions.enrol_in_programme(by=by, enterprise=ent, programme=programme)
        for j, (sex, role, name) in enumerate(e["people"]):
            enterprise_actions.add_person(
                by=by, enterprise=ent, sex=sex, role=role, name=name, code=f"P{j}"
            )
        for (indicator, wave), (start, days, value, source) in e["measurements"].items():
            record_measurement(
                by=by,
                enterprise=ent,
                indicator=indicator,
                period_start=start,
                period_end=start + datetime.timedelta(days=days),
                wave=wave,
                value=value,
                source=source,
            )
        for wave, (answer, day) in e["practices"].items():
            record_practice_answer(
                by=by,
                enterprise=ent,
                item="wc_eit_exists",
                wave=wave,
                answer=answer,
                answered_on=day,
            )
        if e["delivery"]:
            _deliver(by, i, ent, programme, e["delivery"])
        if e["survey"]:
            role, answer = e["survey"]
            record_response(
                by=by,
                questionnaire=wps,
                enterprise=ent,
                wave="endline",
                role=role,
                sex="female",
                tenure_band="1to3",
                answers={"relations_improved": answer},
                submitted_on=datetime.date(2024, 5, 1),
                external_id=f"ext-{i}",
            )


def _deliver(by, i, enterprise, programme, d) -> None:
    """Enrol in WC and take the steps the UI takes: baseline visit, a class with attendance,
    follow-up visits, completion or dropping out, a planned visit."""
    today = timezone.localdate()
    start, end = programme.start_date, programme.end_date
    if start > today - datetime.timedelta(days=40) or (
        end is not None and end < start + datetime.timedelta(days=40)
    ):
        return
    trainer = _trainer()
    day = lambda n: start + datetime.timedelta(days=n)  # noqa: E731
    enrolment = training_actions.enrol_enterprise(
        by=by,
        enterprise=enterprise,
        programme=programme,
        module=Module.objects.get(code="WC"),
        trainer=trainer,
        registered_on=day(0),
    )
    visit = dict(by=by, enrolment=enrolment, trainer=trainer, hours=d["hours"])
    if d["steps"] >= 1:
        counselling_actions.record_visit(
            kind="baseline", done_on=day(1), findings=d["findings"], **visit
        )
    session = training_actions.create_session(
        by=by,
        programme=programme,
        module=enrolment.module,
        code=f"S-{i}" if d["coded"] else "",
        title=f"WC class {i}",
        start_date=day(2),
        end_date=day(3),
        is_online=d["online"],
        venue="" if d["online"] else "Hall 1",
        online_link="https://meet.example.org/wc" if d["online"] else "",
        provider=Organisation.objects.get(name="Donor Agency") if i % 2 else None,
        trainers=[trainer],
        enrolments=[enrolment],
    )
    people = list(enterprise.people.all())
    if people:
        training_actions.add_participants(by=by, session=session, people=people)
        days = list(session.days.order_by("date"))
        training_actions.record_attendance(
            by=by,
            session=session,
            present=[
                (p.pk, days[n].pk)
                for p in session.participants.all()
                for n in range(2)
                if d["present"][n]
            ],
        )
    enrolment.refresh_from_db()
    if d["steps"] >= 2:
        training_actions.complete_session_classroom(by=by, session=session, enrolment=enrolment)
        # Follow-up visits are marked done only once one took place.
        follow_ups = max(d["follow_ups"], 1) if d["steps"] >= 3 else d["follow_ups"]
        for n in range(1, follow_ups + 1):
            counselling_actions.record_visit(
                kind="follow_up",
                done_on=day(4 + n),
                eit_took_part=n % 2 == 1,
                complete_follow_ups=d["steps"] >= 3 and n == follow_ups,
                **visit,
            )
        enrolment.refresh_from_db()
        if d["steps"] >= 4:
            training_actions.complete_enrolment(by=by, enrolment=enrolment, on=day(20))
    soon = today + datetime.timedelta(days=5)
    # A completed enrolment takes no new visit.
    if d["planned"] and d["steps"] < 4 and (end is None or end >= soon):
        counselling_actions.plan_visit(
            by=by, enrolment=enrolment, kind="final", planned_on=soon, trainer=trainer
        )
    if d["drop"] and d["steps"] < 4:
        training_actions.drop_enrolment(by=by, enrolment=enrolment, reason="Moved away", on=day(30))


def _trainer():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email="rt.trainer@example.org").first()
    if user is None:
        user = user_with_role(Role.TRAINER)
        user.email = "rt.trainer@example.org"
        user.save()
    return user


def _flush() -> None:
    Visit.objects.all().delete()
    ClassroomSession.objects.all().delete()
    Enrolment.objects.all().delete()
    Response.objects.all().delete()
    PracticeAnswer.objects.all().delete()
    Measurement.objects.all().delete()
    Person.objects.all().delete()
    Participation.objects.all().delete()
    Enterprise.objects.all().delete()
    Programme.objects.all().delete()
    Organisation.objects.all().delete()


def _normalised(by) -> dict:
    rows = export_rows(by=by)
    for row in rows["Measurements"]:
        row[5] = Decimal(str(row[5])).normalize()
    return rows


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=world_strategy)
def test_export_then_import_into_an_empty_database_gives_the_same_data(db, tmp_path, data):
    by = command_line_user()
    with transaction.atomic():
        Country.objects.get_or_create(code="CN", defaults={"name": "China", "currency": "CNY"})
        _flush()
        _build(data, by)
        before = _normalised(by)
        path = tmp_path / "round-trip.xlsx"
        export_workbook(by=by, path=path)
        _flush()
        report = import_workbook(by=by, path=path)
        assert report.ok, "\n".join(str(p) for p in report.problems)
        assert _normalised(by) == before
        again = import_workbook(by=by, path=path)
        assert again.count("unchanged") == again.total
        transaction.set_rollback(True)
