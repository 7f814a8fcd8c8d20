"""A programme with delivery and monitoring data for results tests, built on ``world``."""

from dataclasses import dataclass

import pytest

from tests.results.helpers import deliver_world


@dataclass
class Delivered:
    world: object


@pytest.fixture
def delivered(world):
    """Each enterprise of ``world`` trained, visited and measured (tests/results/helpers.py)."""
    deliver_world(world)
    return Delivered(world)
