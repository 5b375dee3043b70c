"""A plan's data version: one counter per plan, moved by one function in the writer's
transaction and read by another."""

import pytest
from django.db import transaction

from plans.catalogue.data_version import data_version, data_version_bump
from plans.models import PlanDataVersion, StrategicPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans() -> tuple[StrategicPlan, StrategicPlan]:
    return StrategicPlan.objects.get(code="2025-2028"), StrategicPlan.objects.get(code="2017-2020")


def test_a_bump_moves_the_plans_named_or_all_of_them(plans, django_assert_num_queries):
    current, earlier = plans
    PlanDataVersion.objects.all().delete()
    assert (data_version(current.pk), data_version(earlier.pk)) == (0, 0)
    with django_assert_num_queries(1):  # one INSERT ... ON CONFLICT DO UPDATE
        data_version_bump(plan_ids=[current.pk])
    assert (data_version(current.pk), data_version(earlier.pk)) == (1, 0)
    data_version_bump(plan_ids=[current.pk, current.pk])  # named twice, counted once
    assert data_version(current.pk) == 2
    with django_assert_num_queries(1):
        data_version_bump()
    assert (data_version(current.pk), data_version(earlier.pk)) == (3, 1)
    assert PlanDataVersion.objects.count() == StrategicPlan.objects.count()
    with django_assert_num_queries(0):
        data_version_bump(plan_ids=[])


def test_a_bump_is_undone_with_the_change_it_came_with(plans):
    current, _earlier = plans
    before = data_version(current.pk)

    @transaction.atomic
    def failing_change() -> None:
        data_version_bump(plan_ids=[current.pk])
        raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert data_version(current.pk) == before


def test_reading_it_is_one_query(plans, django_assert_num_queries):
    current, _earlier = plans
    with django_assert_num_queries(1):
        data_version(current.pk)
