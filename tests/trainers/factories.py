"""factory_boy factories for the trainer network."""

import datetime

import factory

from score.trainers.models import (
    Course,
    CourseParticipant,
    QualityReview,
    Trainer,
    TrainerModuleStatus,
)
from tests.factories import CountryFactory
from tests.training.factories import core_module


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    full_name = factory.Sequence(lambda n: f"Trainer {n}")
    sex = "female"
    languages = "Chinese"
    country = factory.SubFactory(CountryFactory)


class StatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerModuleStatus

    trainer = factory.SubFactory(TrainerFactory)
    module = factory.LazyFunction(core_module)
    level = "candidate"
    trained_on = datetime.date(2020, 1, 10)
    certified_on = factory.LazyAttribute(
        lambda o: datetime.date(2020, 6, 1) if o.level != "candidate" else None
    )
    expert_on = factory.LazyAttribute(
        lambda o: datetime.date(2021, 6, 1) if o.level == "expert" else None
    )


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    kind = "tot"
    module = factory.LazyFunction(core_module)
    title = factory.Sequence(lambda n: f"Course {n}")
    country = factory.SubFactory(CountryFactory)
    start_date = datetime.date(2020, 1, 6)
    end_date = datetime.date(2020, 1, 10)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseParticipant

    course = factory.SubFactory(CourseFactory)
    trainer = factory.SubFactory(TrainerFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityReview

    trainer = factory.SubFactory(TrainerFactory)
    reviewed_on = datetime.date(2020, 3, 1)
    score_preparation = 4
    score_content = 4
    score_facilitation = 3
    score_engagement = 5
