"""The trainer network on top of the personas' world.

- ``own``: affiliated with ``world.provider`` (the provider_staff persona's organisation),
  in China, linked to the ``trainer`` persona's account;
- ``other``: affiliated with ``world.other_provider``, in China;
- ``foreign``: in Viet Nam, no affiliation."""

from dataclasses import dataclass

import pytest

from tests.trainers.factories import TrainerFactory


@dataclass
class Network:
    own: object
    other: object
    foreign: object


@pytest.fixture
def network(world, trainer):
    return Network(
        own=TrainerFactory(
            full_name="Zhao Lei", country=world.china, organisation=world.provider, user=trainer
        ),
        other=TrainerFactory(
            full_name="Li Jing", sex="male", country=world.china, organisation=world.other_provider
        ),
        foreign=TrainerFactory(full_name="Nguyen Van An", country=world.vietnam),
    )
