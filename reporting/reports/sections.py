"""A section's forms together: built for its page, with the lists the page reads once, validated
together (every error listed, each named by its row) and saved together in the section's write.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.db.models import Model
from django.utils import timezone

from plans.models import BroaderPriority, Forum, PriorityArea, TargetGroup
from reporting.reports import completeness
from reporting.reports.caps import ENTRY_PREFIX, INITIATIVE_PREFIX, MAX_ROWS, ROW_NAMES
from reporting.reports.evidence import EvidenceFormMixin, evidence_forget, evidence_save
from reporting.reports.fields import PageRows, RowIdField
from reporting.reports.forms import (
    ApecActivityForm,
    BestPracticeForm,
    DialogueSessionForm,
    GeneralNarrativeForm,
    InitiativeForm,
    MeasureEntryForm,
    SectionStateForm,
    offer_choices,
)
from reporting.reports.models import (
    NOT_IN_HISTORY,
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    PendingUpload,
    ReportSection,
    ReportStatus,
)
from reporting.reports.rows import RowWrites, rows_write
from reporting.reports.search import refresh_row_search_vectors


class ReportFormSet(forms.BaseModelFormSet):
    """Rows of one report only: a row id that is not among them (a stale page, or a forged
    post naming another report's row) fails the whole form instead of being dropped."""

    def add_fields(self, form, index):
        # Django's model formset adds the id as a model choice field over the whole table, with
        # copies of its queryset, checked by a query per row: this one is looked up among the
        # rows the formset read. The rest (the "remove" box) is the plain formset's.
        assert self.model is not None  # a model formset's
        self._pk_field = pk = self.model._meta.pk
        form.fields[pk.name] = RowIdField(
            self._rows(), initial=None if form.instance._state.adding else form.instance.pk
        )
        forms.BaseFormSet.add_fields(self, form, index)

    def _rows(self) -> dict[str, Model]:
        if not hasattr(self, "_rows_by_id"):
            self._rows_by_id = {str(row.pk): row for row in self.get_queryset()}
        return self._rows_by_id

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                "This page is out of date: some of its rows no longer belong to the report. "
                "Reload the page and enter your changes again."
            )


class SectionForms:
    """All the forms of one section, bound or not, validated together and saved together."""

    narrative: GeneralNarrativeForm | None  # the general section's own fields

    def __init__(
        self,
        section: ReportSection,
        *,
        data=None,
        files=None,
        require_complete: bool = False,
        add_blank: bool = True,
        add_row: str = "",
        user: User | None = None,
    ):
        self.section = section
        self.files = files
        self.user = user
        self.writes: list[RowWrites] = []
        # “Add another” without JavaScript: one more empty row in that list.
        self.add_row = add_row
        # Files come only from the section's page: writers without one (the workbook, the
        # demo) neither see nor change the evidence.
        self.with_evidence = data is None or files is not None
        self.report = section.report
        self.require_complete = require_complete
        self.is_general = section.area_id is None
        self.pending = self._pending(data)
        self.state = SectionStateForm(
            data,
            initial={
                "nothing_to_report": section.nothing_to_report,
                "version": section.version,
                "comments_addressed": section.comments_addressed,
                "reply": section.reply,
            },
        )
        extra = 1 if add_blank else 0
        area = section.area
        if area is None:  # the general indicators
            self._build_general(data, extra)
        else:
            self._build_area(data, extra, area)

    # Building -------------------------------------------------------------------------------

    def _formset(self, form_class, model, prefix, queryset, data, extra, choices):
        if extra and prefix == self.add_row:
            extra += 1
        formset_class = forms.modelformset_factory(
            model,
            form=form_class,
            formset=ReportFormSet,
            extra=extra,
            can_delete=True,
            max_num=MAX_ROWS[prefix],
            validate_max=True,
            # Forms beyond this are not even built: room to delete rows and add as many in one
            # save, and no more.
            absolute_max=2 * MAX_ROWS[prefix],
        )
        # The factory made the form class for this page alone.
        offer_choices(formset_class.form.base_fields, choices)
        return formset_class(
            data,
            self.files,
            queryset=queryset,
            prefix=prefix,
            form_kwargs={
                "require_complete": self.require_complete,
                **(
                    {"with_evidence": self.with_evidence, "pending": self.pending}
                    if issubclass(form_class, EvidenceFormMixin)
                    else {}
                ),
            },
            error_messages={
                "too_many_forms": f"A section holds at most %(num)d {ROW_NAMES[prefix]}: "
                "remove some to save it."
            },
        )

    def _build_area(self, data, extra, area: PriorityArea):
        entry_formset = forms.modelformset_factory(
            MeasureEntry, form=MeasureEntryForm, formset=ReportFormSet, extra=0, can_delete=False
        )
        offer_choices(entry_formset.form.base_fields, {})
        self.entries = entry_formset(
            data,
            self.files,
            queryset=self.report.entries.filter(measure__area=area)
            .select_related("measure")
            .prefetch_related("evidence")
            .defer(*NOT_IN_HISTORY)
            .order_by("measure__number"),
            prefix=ENTRY_PREFIX,
            form_kwargs={
                "require_complete": self.require_complete and not self._nothing(data),
                "with_evidence": self.with_evidence,
                "pending": self.pending,
            },
        )
        choices = {
            "objectives": PageRows.of(area.objectives.all()),
            "target_groups": PageRows.of(TargetGroup.objects.all()),
            "broader_priorities": PageRows.of(BroaderPriority.objects.filter(plans=area.plan_id)),
            "kind": [("", "Choose a type"), *Initiative.Kind.choices],
        }
        self.initiatives = self._formset(
            InitiativeForm,
            Initiative,
            INITIATIVE_PREFIX,
            self.report.initiatives.filter(area=area)
            .prefetch_related("objectives", "target_groups", "broader_priorities", "evidence")
            .defer(*NOT_IN_HISTORY)
            .order_by("pk"),
            data,
            extra,
            choices,
        )
        self.formsets = [self.entries, self.initiatives]
        self.narrative = None

    def _build_general(self, data, extra):
        plan_id = self.report.cycle.plan_id
        areas = PageRows.of(PriorityArea.objects.filter(plan_id=plan_id), empty_label="Any area")
        choices = {"area": areas, "forum": PageRows.of(Forum.objects.all(), empty_label="None")}
        self.best_practices = self._formset(
            BestPracticeForm,
            BestPractice,
            "best_practices",
            self.report.best_practices.order_by("pk"),
            data,
            extra,
            choices,
        )
        self.dialogues = self._formset(
            DialogueSessionForm,
            DialogueSession,
            "dialogues",
            self.report.dialogues.order_by("pk"),
            data,
            extra,
            choices,
        )
        self.apec_activities = self._formset(
            ApecActivityForm,
            ApecActivity,
            "apec_activities",
            self.report.apec_activities.defer(*NOT_IN_HISTORY).order_by("pk"),
            data,
            extra,
            choices,
        )
        self.narrative = GeneralNarrativeForm(
            data,
            instance=self.report,
            choices={
                "broader_priorities": PageRows.of(BroaderPriority.objects.filter(plans=plan_id))
            },
        )
        self.formsets = [self.best_practices, self.dialogues, self.apec_activities]

    @property
    def general_formsets(self) -> list[tuple]:
        return [
            (
                self.best_practices,
                "Best practices",
                "Best practices shared at SMEWG meetings, and practices of other economies "
                "that yours adapted and adopted.",
                "a best practice",
                "best practice",
            ),
            (
                self.dialogues,
                "Dialogue sessions with partners",
                "With the private sector, APEC fora and multi-stakeholder organizations.",
                "a dialogue session",
                "dialogue session",
            ),
            (
                self.apec_activities,
                "APEC initiatives and supported activities",
                "APEC initiatives and APEC-supported forums, workshops and studies your economy "
                "took part in.",
                "an APEC activity",
                "APEC activity",
            ),
        ]

    @staticmethod
    def _nothing(data) -> bool:
        return bool(data and data.get("nothing_to_report"))

    # Validating -----------------------------------------------------------------------------

    @property
    def all_forms(self) -> list:
        forms_ = [self.state, *self.formsets]
        if self.narrative is not None:
            forms_.append(self.narrative)
        return forms_

    def is_valid(self) -> bool:
        # Validate every form, not only up to the first invalid one: the page lists all errors.
        results = [form.is_valid() for form in self.all_forms]
        valid = all(results)
        if valid and self.require_complete:
            message = completeness.section_problem(
                nothing_to_report=self.nothing_to_report,
                has_content=self._has_content(),
                is_general=self.is_general,
            )
            if message:
                self.state.add_error("nothing_to_report", message)
                valid = False
        if valid and self.require_complete and self.awaits_confirmation:
            self.state.add_error(
                "comments_addressed",
                "Confirm that you have addressed the program director's comments, or save a draft."
                if self.with_evidence
                else "The program director commented on this section: confirm on the section's "
                "page that the comments are addressed (a workbook cannot).",
            )
            valid = False
        return valid

    @property
    def asks_confirmation(self) -> bool:
        """The section was returned with a comment: the page asks to confirm it is addressed."""
        return bool(self.section.return_comment and self.report.status == ReportStatus.RETURNED)

    @property
    def awaits_confirmation(self) -> bool:
        return (
            self.asks_confirmation
            and not self.section.comments_addressed
            and not self.state.cleaned_data.get("comments_addressed")
        )

    @property
    def comments_addressed(self) -> bool:
        return self.asks_confirmation and bool(self.state.cleaned_data.get("comments_addressed"))

    @property
    def reply(self) -> str | None:
        return self.state.cleaned_data.get("reply", "") if self.asks_confirmation else None

    def _has_content(self) -> bool:
        def kept(formset):
            return [
                form
                for form in formset.forms
                if (form.has_changed() or form.instance.pk) and not form.cleaned_data.get("DELETE")
            ]

        if self.narrative is not None:  # the general section's own fields
            narrative = self.narrative.cleaned_data
            return any(kept(formset) for formset in self.formsets) or bool(
                narrative.get("lessons_learned") or narrative.get("broader_priorities_contribution")
            )
        entries = [
            form.cleaned_data
            for form in self.entries.forms
            if any(
                form.cleaned_data.get(name) not in (None, "")
                for name in ("value", "assessment", "narrative", "source", "reference_year")
            )
        ]
        return bool(entries or kept(self.initiatives))

    @property
    def nothing_to_report(self) -> bool:
        return bool(self.state.cleaned_data.get("nothing_to_report"))

    @property
    def version(self) -> int:
        return self.state.cleaned_data["version"]

    def errors(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the order of the page."""
        found: list[tuple[str, str]] = []
        for form in self.all_forms:
            if isinstance(form, forms.BaseFormSet):
                for message in form.non_form_errors():
                    found.append(("main", str(message)))
                for index, subform in enumerate(form.forms, start=1):
                    found.extend(_form_errors(subform, self._row_name(form, subform, index)))
            else:
                found.extend(_form_errors(form))
        return found

    def _row_name(self, formset, form, index: int) -> str:
        """How the error summary names a row: “Measure 3.2”, “Initiative 2”."""
        if formset.prefix == ENTRY_PREFIX and form.instance.measure_id:
            area = self.section.area
            assert area is not None  # measure entries belong to an area's section
            return f"Measure {area.number}.{form.instance.measure.number}"
        names = {
            INITIATIVE_PREFIX: "Initiative",
            "best_practices": "Best practice",
            "dialogues": "Dialogue session",
            "apec_activities": "APEC activity",
        }
        return f"{names.get(formset.prefix, 'Row')} {index}"

    # Saving ---------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Work out what saving writes, from the validated forms and before the report is
        locked: the rows to create, those to change (with what changed) and those to delete."""
        self.writes = []
        for formset in self.formsets:
            writes = RowWrites(formset.model)
            deleted = {id(form) for form in formset.deleted_forms}
            for form in formset.initial_forms:
                if id(form) in deleted:
                    writes.deleted.append(form.instance)
                elif row := form.row_write():
                    writes.updated.append(row)
            for form in formset.extra_forms:
                if id(form) in deleted or not form.has_changed():
                    continue
                # The forms validated the rest; these two are the page's, not the user's.
                form.instance.report_id = self.report.pk
                if isinstance(form.instance, Initiative):
                    assert self.section.area is not None  # initiatives are an area's
                    form.instance.area = self.section.area
                writes.created.append(form.row_write())
            self.writes.append(writes)

    def save(self, report: EconomyReport, *, user: User) -> None:
        """Called by reporting.reports.services.section_save inside its transaction, under the
        report's lock, once `prepare` has run: `report` is the row as locked there (the page's
        copy of it may be older than a submission)."""
        when = timezone.now()
        for writes in self.writes:
            if writes.deleted and writes.model in (Initiative, MeasureEntry):
                evidence_forget(model=writes.model, ids=[row.pk for row in writes.deleted])
            rows_write(writes, user=user, when=when)
        if self.with_evidence:
            evidence_save(report=report, user=user, forms_=self.evidence_forms, when=when)
        if self.narrative is not None:
            self._save_narrative(report, user)

    def _save_narrative(self, report: EconomyReport, user: User) -> None:
        """The section's own fields of the report, and none of the workflow's (status...), if
        they changed."""
        assert self.narrative is not None
        cleaned = self.narrative.cleaned_data
        changed = [
            name
            for name in GeneralNarrativeForm.SAVED_FIELDS
            if getattr(report, name) != cleaned[name]
        ]
        if changed:
            for name in changed:
                setattr(report, name, cleaned[name])
            report._history_user = user  # type: ignore[attr-defined]
            report.save(update_fields=changed)
            refresh_row_search_vectors(EconomyReport, [report.pk])
        if "broader_priorities" in self.narrative.changed_data:
            report.broader_priorities.set(cleaned["broader_priorities"])

    @property
    def evidence_forms(self) -> list[EvidenceFormMixin]:
        """The bound forms of rows that keep files and stay: measure entries, and initiatives
        not being removed."""
        return [
            form
            for formset in self.formsets
            for form in formset.forms
            if isinstance(form, EvidenceFormMixin)
            and "evidence" in form.fields
            and not getattr(form, "cleaned_data", {}).get("DELETE")
        ]

    def _pending(self, data) -> dict[str, PendingUpload]:
        """The person's files kept from an earlier try of this section, by id, when the page
        names any (one query; none for a page that names none)."""
        if not self.with_evidence or data is None or self.user is None:
            return {}
        if not any(key.endswith("-evidence_pending") for key in data):
            return {}
        rows = PendingUpload.objects.filter(section=self.section, user=self.user)
        return {str(row.pk): row for row in rows}


def _form_errors(form, row_name: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name, messages in form.errors.items():
        field_id = form[name].auto_id if name in form.fields else "main"
        if row_name:
            label = form.fields[name].label if name in form.fields else ""
            where = f"{row_name}, {str(label).lower()}" if label else row_name
            messages = [f"{where}: {message}" for message in messages]
        found.extend((field_id, message) for message in messages)
    return found


def section_write(*, section: ReportSection, user, data: dict, complete: bool) -> None:
    """Validate a section's POST data and save it, as the section page does; for writers
    without a page (the demo data, the tests). Invalid data raises ValueError."""
    from reporting.reports import services  # services never imports forms: no cycle

    section_forms = SectionForms(section, data=data, require_complete=complete)
    if not section_forms.is_valid():
        raise ValueError(f"Invalid data for {section}: {section_forms.errors()}")
    services.section_save(
        section_id=section.pk,
        user=user,
        expected_version=section_forms.version,
        writer=section_forms,
        complete=complete,
    )
