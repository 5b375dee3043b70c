"""A section written through the API goes through the section page's forms and service.

The JSON body is turned into the page's POST data (reporting.reports.sections.SectionForms),
validated by the same forms, and saved by reporting.reports.services.section_save; the forms'
errors come back keyed by the path of the field in the JSON body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from rest_framework.exceptions import ValidationError

from plans.models import BroaderPriority, Forum, PriorityArea, TargetGroup
from reporting.reports import services
from reporting.reports.caps import ENTRY_PREFIX, INITIATIVE_PREFIX
from reporting.reports.models import ReportSection
from reporting.reports.numbers import plain_number
from reporting.reports.sections import SectionForms

ENTRY_FIELDS = ("unit", "source", "assessment", "narrative", "confirmed_reason")
INITIATIVE_TEXT = (
    "title",
    "kind",
    "description",
    "apec_project_code",
    "lessons_learned",
    "evidence_url",
)
RECORD_FIELDS = {
    "best_practices": ("title", "direction", "where", "description"),
    "dialogues": ("title", "partner_kind", "where"),
    "apec_activities": ("kind", "title", "role", "lessons_learned"),
}
GENERAL_ONLY = (*RECORD_FIELDS, "lessons_learned", "broader_priorities_contribution")
AREA_ONLY = (ENTRY_PREFIX, INITIATIVE_PREFIX)


@dataclass
class PostData:
    """The section page's POST data, and where each of its forms came from in the JSON."""

    data: dict = field(default_factory=dict)
    # (formset prefix, form index) -> path of the item in the JSON, or a label of the measure
    # the client left out ("measure 1.3"), whose errors then go under the list's own path.
    paths: dict[tuple[str, int], tuple[str, bool]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)


def _names_to_ids(post: PostData, path: str, given: list, known: dict, what: str) -> list[str]:
    ids = []
    for name in given:
        if name in known:
            ids.append(str(known[name]))
        else:
            post.error(path, f"No {what} “{name}”.")
    return ids


def _formset(post: PostData, prefix: str, existing: list[int], items: list[dict], fill) -> None:
    """Existing rows the client sent (by id) are kept as sent; the others are deleted; items
    without an id are new rows."""
    given = {}
    for index, item in enumerate(items):
        if item.get("id") is None:
            continue
        if item["id"] not in existing:
            post.error(f"{prefix}[{index}].id", f"No {prefix.replace('_', ' ')} {item['id']} here.")
        elif item["id"] in given:
            post.error(f"{prefix}[{index}].id", "This id is given twice.")
        else:
            given[item["id"]] = index
    form_index = 0
    for pk in existing:
        post.data[f"{prefix}-{form_index}-id"] = str(pk)
        if pk in given:
            fill(f"{prefix}-{form_index}-", items[given[pk]], f"{prefix}[{given[pk]}]")
            post.paths[(prefix, form_index)] = (f"{prefix}[{given[pk]}]", True)
        else:
            post.data[f"{prefix}-{form_index}-DELETE"] = "on"
        form_index += 1
    for index, item in enumerate(items):
        if item.get("id") is None:
            fill(f"{prefix}-{form_index}-", item, f"{prefix}[{index}]")
            post.paths[(prefix, form_index)] = (f"{prefix}[{index}]", True)
            form_index += 1
    post.data[f"{prefix}-TOTAL_FORMS"] = str(form_index)
    post.data[f"{prefix}-INITIAL_FORMS"] = str(len(existing))


def _area_post(section: ReportSection, area: PriorityArea, body: dict, post: PostData) -> None:
    report = section.report
    entries = list(
        report.entries.filter(measure__area=area)
        .select_related("measure")
        .order_by("measure__number")
    )
    by_number = {}
    known = {entry.measure.number for entry in entries}
    for index, item in enumerate(body["entries"]):
        number = item["measure"]
        if number not in known:
            post.error(f"entries[{index}].measure", f"No measure {number} in area {area.number}.")
        elif number in by_number:
            post.error(f"entries[{index}].measure", f"Measure {number} is given twice.")
        else:
            by_number[number] = index
    for form_index, entry in enumerate(entries):
        prefix = f"{ENTRY_PREFIX}-{form_index}-"
        post.data[f"{prefix}id"] = str(entry.pk)
        given = by_number.get(entry.measure.number)
        item = body["entries"][given] if given is not None else {}
        value = item.get("value")
        year = item.get("reference_year")
        post.data |= {
            f"{prefix}value": plain_number(value) if value is not None else "",
            f"{prefix}reference_year": str(year) if year is not None else "",
            f"{prefix}unit": item.get("unit", entry.measure.unit),
            **{f"{prefix}{name}": item.get(name, "") for name in ENTRY_FIELDS if name != "unit"},
        }
        if entry.members_only:
            # The API does not carry the flag: a narrative kept for members stays so.
            post.data[f"{prefix}members_only"] = "on"
        post.paths[(ENTRY_PREFIX, form_index)] = (
            (f"entries[{given}]", True)
            if given is not None
            else (f"Measure {area.number}.{entry.measure.number}", False)
        )
    post.data[f"{ENTRY_PREFIX}-TOTAL_FORMS"] = str(len(entries))
    post.data[f"{ENTRY_PREFIX}-INITIAL_FORMS"] = str(len(entries))

    objectives = {objective.number: objective.pk for objective in area.objectives.all()}
    groups = dict(TargetGroup.objects.values_list("slug", "pk"))
    priorities = dict(BroaderPriority.objects.filter(plans=area.plan_id).values_list("slug", "pk"))

    def fill(prefix: str, item: dict, path: str) -> None:
        post.data |= {f"{prefix}{name}": item[name] for name in INITIATIVE_TEXT}
        post.data[f"{prefix}objectives"] = _names_to_ids(
            post, f"{path}.objectives", item["objectives"], objectives, "objective of this area"
        )
        post.data[f"{prefix}target_groups"] = _names_to_ids(
            post, f"{path}.target_groups", item["target_groups"], groups, "target group"
        )
        post.data[f"{prefix}broader_priorities"] = _names_to_ids(
            post, f"{path}.broader_priorities", item["broader_priorities"], priorities, "priority"
        )

    rows = list(
        report.initiatives.filter(area=area).order_by("pk").values_list("pk", "members_only")
    )
    _formset(post, INITIATIVE_PREFIX, [pk for pk, _ in rows], body["initiatives"], fill)
    for form_index, (_pk, members_only) in enumerate(rows):
        if members_only:  # kept as the economy set it on the page
            post.data[f"{INITIATIVE_PREFIX}-{form_index}-members_only"] = "on"


def _general_post(section: ReportSection, body: dict, post: PostData) -> None:
    report = section.report
    plan_id = report.cycle.plan_id
    areas = dict(PriorityArea.objects.filter(plan_id=plan_id).values_list("number", "pk"))
    forums = dict(Forum.objects.values_list("acronym", "pk"))
    priorities = dict(BroaderPriority.objects.filter(plans=plan_id).values_list("slug", "pk"))

    def one(path: str, name, known: dict, what: str) -> str:
        if name is None:
            return ""
        if name not in known:
            post.error(path, f"No {what} “{name}”.")
            return ""
        return str(known[name])

    for prefix, names in RECORD_FIELDS.items():

        def fill(form_prefix: str, item: dict, path: str, names=names) -> None:
            post.data |= {f"{form_prefix}{name}": item[name] for name in names}
            post.data[f"{form_prefix}area"] = one(
                f"{path}.area", item["area"], areas, "priority area"
            )
            if "forum" in item:
                post.data[f"{form_prefix}forum"] = one(
                    f"{path}.forum", item["forum"], forums, "forum"
                )

        existing = list(getattr(report, prefix).order_by("pk").values_list("pk", flat=True))
        _formset(post, prefix, existing, body[prefix], fill)

    post.data["lessons_learned"] = body["lessons_learned"]
    if report.lessons_members_only:
        post.data["lessons_members_only"] = "on"
    post.data["broader_priorities_contribution"] = body["broader_priorities_contribution"]
    post.data["broader_priorities"] = _names_to_ids(
        post, "broader_priorities", body["broader_priorities"], priorities, "priority"
    )


def post_data(section: ReportSection, body: dict) -> PostData:
    post = PostData()
    post.data["version"] = str(body["version"])
    if body["nothing_to_report"]:
        post.data["nothing_to_report"] = "on"
    general = section.area_id is None
    for name in AREA_ONLY if general else GENERAL_ONLY:
        if body[name]:
            kind = "a priority area's" if general else "the general indicators'"
            post.error(name, f"Only {kind} section has this.")
    if not general and body["broader_priorities"]:
        post.error("broader_priorities", "Only the general indicators' section has this.")
    area = section.area
    if area is None:  # the general indicators
        _general_post(section, body, post)
    else:
        _area_post(section, area, body, post)
    return post


def form_errors(forms: SectionForms, post: PostData) -> dict[str, list[str]]:
    """The forms' errors by the path of the field in the JSON body."""
    found: dict[str, list[str]] = {}

    def add(path: str, messages) -> None:
        found.setdefault(path, []).extend(str(message) for message in messages)

    def add_form(form, base: str = "", label: str = "") -> None:
        for name, messages in form.errors.items():
            if label:  # an item the client left out: its errors go to the list
                path, messages = base, [f"{label}: {message}" for message in messages]
            elif name == "__all__":
                path = base or "non_field_errors"
            else:
                path = f"{base}.{name}" if base else name
            add(path, messages)

    for form in forms.all_forms:
        if not hasattr(form, "management_form"):
            add_form(form)
            continue
        if form.non_form_errors():
            add(form.prefix, form.non_form_errors())
        for index, subform in enumerate(form.forms):
            if not subform.errors:
                continue
            if form.can_delete and subform.cleaned_data.get("DELETE"):
                continue  # deleted rows are not validated by the formset either
            path, sent = post.paths.get((form.prefix, index), (form.prefix, False))
            if sent:
                add_form(subform, path)
            else:
                add_form(subform, form.prefix, label=path)
    return found


def section_write(*, section: ReportSection, user: User, body: dict) -> ReportSection:
    """Validate the JSON body with the section page's forms and save it with its service.
    Invalid: ValidationError, nothing written. Stale version: services.StaleSection."""
    post = post_data(section, body)
    forms = SectionForms(
        section, data=post.data, require_complete=body["complete"], add_blank=False
    )
    valid = forms.is_valid()
    errors = {**post.errors}
    for path, messages in form_errors(forms, post).items():
        errors.setdefault(path, []).extend(messages)
    if errors or not valid:
        raise ValidationError(errors or {"non_field_errors": ["The section is not valid."]})
    return services.section_save(
        section_id=section.pk,
        user=user,
        expected_version=forms.version,
        writer=forms,
        complete=body["complete"],
    )
