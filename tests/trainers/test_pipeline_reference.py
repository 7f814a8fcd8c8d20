"""The pipeline's SQL agrees with a plain-Python reference of its definitions
(``score.trainers.queries``) on random networks."""

import datetime
import itertools
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score.counselling.models import Visit
from score.programmes.models import Country
from score.trainers import queries
from tests.factories import UserFactory
from tests.trainers.factories import StatusFactory, TrainerFactory
from tests.training.factories import EnrolmentFactory, SessionFactory, core_module

pytestmark = pytest.mark.django_db

UNTIL = datetime.date(2024, 6, 30)
SINCE = datetime.date(2023, 6, 30)  # 12 months before
DATES = [
    datetime.date(2021, 1, 1),
    datetime.date(2023, 6, 29),
    datetime.date(2023, 7, 1),
    datetime.date(2024, 6, 30),
    datetime.date(2024, 9, 1),
]
CODES = ("".join(pair) for pair in itertools.product(string.ascii_uppercase[10:], repeat=2))

status = st.tuples(
    st.sampled_from(["candidate", "certified", "expert"]),
    st.sampled_from(DATES),  # trained on
    st.sampled_from(DATES),  # certified on
    st.sampled_from([None, *DATES]),  # expires on
)
trainer = st.fixed_dictionaries(
    {
        "sex": st.sampled_from(["female", "male"]),
        "statuses": st.dictionaries(st.sampled_from(["WC", "QM"]), status, max_size=2),
        "delivered": st.sampled_from([None, *[(k, d) for k in ("class", "visit") for d in DATES]]),
    }
)


def _certified(level, trained, certified, expires):
    return level != "candidate" and certified <= UNTIL and (expires is None or expires >= UNTIL)


def _reference(trainers):
    """(trained, certified, active) in total, per module and per sex."""
    total, modules, sexes = [0, 0, 0], {}, {}
    for t in trainers:
        delivered = t["delivered"] is not None and SINCE <= t["delivered"][1] <= UNTIL
        trained = [c for c, s in t["statuses"].items() if s[1] <= UNTIL]
        certified = [c for c in trained if _certified(*t["statuses"][c])]
        flags = (bool(trained), bool(certified), bool(certified) and delivered)
        for bucket in (total, sexes.setdefault(t["sex"], [0, 0, 0])):
            for i, flag in enumerate(flags):
                bucket[i] += flag
        for code in trained:
            row = modules.setdefault(code, [0, 0, 0])
            row[0] += 1
            row[1] += code in certified
            row[2] += code in certified and delivered
    return (
        tuple(total),
        {k: tuple(v) for k, v in modules.items() if v[0]},
        {k: tuple(v) for k, v in sexes.items() if v[0]},
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(network=st.lists(trainer, max_size=6))
def test_sql_pipeline_agrees_with_the_reference_on_random_networks(network, admin_user):
    country = Country.objects.create(code=next(CODES), name="Testland", currency="USD")
    for spec in network:
        user = UserFactory()
        t = TrainerFactory(country=country, sex=spec["sex"], user=user)
        for code, (level, trained, certified, expires) in spec["statuses"].items():
            StatusFactory(
                trainer=t,
                module=core_module(code),
                level=level,
                trained_on=trained,
                certified_on=None if level == "candidate" else certified,
                expires_on=expires,
            )
        if spec["delivered"]:
            kind, day = spec["delivered"]
            if kind == "class":
                SessionFactory(start_date=day, end_date=day, trainers=[user])
            else:
                Visit.objects.create(
                    enrolment=EnrolmentFactory(),
                    kind="baseline",
                    status="done",
                    done_on=day,
                    hours=2,
                    trainer=user,
                )
    total, modules, sexes = _reference(network)
    pipeline = queries.pipeline(admin_user, until=UNTIL, country=country)
    assert (pipeline.total.trained, pipeline.total.certified, pipeline.total.active) == total
    names = {"WC": core_module("WC").display_name, "QM": core_module("QM").display_name}
    assert {s.label: (s.trained, s.certified, s.active) for s in pipeline.by_module} == {
        names[k]: v for k, v in modules.items()
    }
    labels = {"female": "Female", "male": "Male"}
    assert {s.label: (s.trained, s.certified, s.active) for s in pipeline.by_sex} == {
        labels[k]: v for k, v in sexes.items()
    }
    assert queries.trainers_active(country=country, until_date=UNTIL) == total[2]
