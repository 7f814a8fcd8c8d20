"""Export → import into an empty database gives the same data (hypothesis, small worlds)."""

import datetime
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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

TEXT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -'.éü中国工厂"),
    min_size=1,
    max_size=24,
).filter(lambda s: s == s.strip() and not s.startswith(("-", "'")))
DAY = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2030, 12, 31))
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


def _flush() -> None:
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
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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
