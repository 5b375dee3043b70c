from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from plans.catalogue.models import StrategicPlan


@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = StrategicPlan.objects.annotate(
        area_count=Count("areas", distinct=True),
        objective_count=Count("areas__objectives", distinct=True),
    )
    return render(request, "plans/plan_list.html", {"plans": plans})


@require_safe
def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = get_object_or_404(StrategicPlan.objects.with_structure().with_reported_flag(), code=code)
    return render(request, "plans/plan_detail.html", {"plan": plan})
