"""The demo's trainer network for SCORE China: linked accounts, candidates, certified
trainers, experts, inactive trainers, courses and reviews; a second load creates nothing."""

import io

import pytest
from django.db import transaction
from django.test import override_settings

from score.core.models import AuditEvent
from score.demo import data, loader
from score.demo import trainers as demo_trainers
from score.demo.loader import load_demo
from score.trainers import actions, queries
from score.trainers.models import Course, QualityReview, Trainer, TrainerModuleStatus
from score.training.models import Module

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PARTS = loader.PARTS[: loader.PARTS.index(demo_trainers.load_trainer_network) + 1]


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as monkeypatch,
    ):
        monkeypatch.setattr(loader, "PARTS", PARTS)
        out = io.StringIO()
        report = load_demo(stdout=out)
        yield {"report": report, "out": out.getvalue()}
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_once, db):
    return loaded_once


def _level(name, code):
    return TrainerModuleStatus.objects.get(trainer__full_name=name, module__code=code).level


def test_the_demo_trainer_account_is_linked_to_a_trainer_record(demo):
    trainer = Trainer.objects.get(user__email=data.DEMO_TRAINER)
    assert trainer.full_name == "Zhao Lei"
    assert trainer.organisation.short_name or trainer.organisation.name


def test_the_network_has_candidates_certified_trainers_and_experts(demo):
    assert _level("Gao Yuan", "WC") == "candidate"
    assert _level("Zhao Lei", "WC") == "certified"
    assert _level("Zhao Lei", "QM") == "certified"
    assert _level("Wang Min", "WC") == "expert"
    assert _level("Chen Jie", "WC") == "expert"
    assert _level("Xu Wen", "WC") == "candidate"
    assert not TrainerModuleStatus.objects.filter(trainer__full_name="Hu Jun", level="certified")


def test_only_the_trainer_of_the_current_cohort_is_active(demo):
    active = queries.with_activity(Trainer.objects.all()).filter(is_delivering=True)
    assert [t.full_name for t in active] == ["Zhao Lei"]
    assert queries.trainers_active(country="CN") == 1
    assert queries.trainers_certified(country="CN") >= 8


def test_the_demo_has_tot_toe_and_refresher_courses_and_reviews(demo):
    kinds = set(Course.objects.values_list("kind", flat=True))
    assert kinds == {"tot", "toe", "refresher"}
    toe = Course.objects.get(title="WC ToE cycle: Zhao Lei, 2011")
    assert toe.supervisor.full_name == "Wang Min"
    assert toe.enrolments.exists()
    assert QualityReview.objects.count() >= 2


def test_a_lapsed_certificate_was_renewed_once(demo):
    status = TrainerModuleStatus.objects.get(trainer__full_name="Sun Qiang", module__code="WC")
    assert status.renewed_on is not None and status.expires_on.year == 2017


def test_the_2026_candidate_can_be_certified_after_her_toe(demo):
    gao = Trainer.objects.get(full_name="Gao Yuan")
    toe = actions.completed_toe(gao, Module.objects.get(code="WC"))
    status = actions.certify_trainer(
        by=None, trainer=gao, module=Module.objects.get(code="WC"), certified_on=toe.outcome_on
    )
    assert status.level == "certified"


def test_every_trainer_record_was_created_through_its_action(demo):
    created = set(
        AuditEvent.objects.filter(verb="create_trainer").values_list("object_id", flat=True)
    )
    assert created == {str(pk) for pk in Trainer.objects.values_list("pk", flat=True)}


def test_the_summary_names_the_trainer_network(demo):
    assert "Trainer network: created" in demo["out"]
    assert demo["report"].created["certifications"] == 9


def test_a_second_load_creates_nothing(demo, monkeypatch, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.setattr(loader, "PARTS", PARTS)
    report = load_demo()
    assert not report.changed_anything, report.summary()


def test_the_demo_coordinator_opens_the_network_pages(demo, client):
    from score.accounts.models import User

    coordinator = User.objects.get(email="coordinator.cn@score.example.org")
    client.force_login(coordinator)
    zhao = Trainer.objects.get(full_name="Zhao Lei")
    gao = Trainer.objects.get(full_name="Gao Yuan")
    assert "Renew certificate in WC" in client.get(zhao.get_absolute_url()).content.decode()
    assert "Certify in WC" in client.get(gao.get_absolute_url()).content.decode()
    pipeline = client.get("/trainers/pipeline/").content.decode()
    assert "Workplace Cooperation" in pipeline
    assert client.get("/trainers/courses/").status_code == 200
    assert client.get("/trainers/?active=no&level=expert").status_code == 200
