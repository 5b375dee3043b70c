"""Who may read, ask and answer the questions on a report: the one place the views and the API
ask.

Every member reads the questions on an accepted report (the public never does); a report that
is not accepted keeps its page for those who read the report itself. A delegate of another
economy asks; the report's own economy answers; the program director hides posts. A hidden post
is 404 to everyone but the director and its writer."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from plans.accounts.roles import Identity, identity_of
from reporting.questions.models import Answer, Question
from reporting.reports.access import may_read_reports_of
from reporting.reports.models import EconomyReport, ReportStatus


def may_read_questions(user) -> bool:
    """Members read the questions (and their figures): delegates, the secretariat, the Chair."""
    identity = identity_of(user)
    return identity.is_delegate or identity.reads_all


def get_questions_report(user, year: int, code: str) -> EconomyReport:
    """The report of /reports/<year>/<code>/questions/, if the user may read its questions."""
    if not may_read_questions(user):
        raise Http404("No such report.")
    report = (
        EconomyReport.objects.select_related("cycle", "economy")
        .filter(cycle__year=year, economy__code=code)
        .first()
    )
    if report is None:
        raise Http404("No such report.")
    if report.status != ReportStatus.ACCEPTED and not may_read_reports_of(user, code):
        raise Http404("No such report.")
    return report


def may_ask(identity: Identity, report: EconomyReport) -> bool:
    return (
        identity.is_delegate
        and identity.economy_code != report.economy.code
        and report.status == ReportStatus.ACCEPTED
    )


def may_answer(identity: Identity, report: EconomyReport) -> bool:
    return identity.is_delegate and identity.economy_code == report.economy.code


def check_may_ask(user, report: EconomyReport) -> None:
    identity = identity_of(user)
    if not identity.is_delegate or identity.economy_code == report.economy.code:
        raise PermissionDenied("Only the delegates of other economies ask questions here.")


def check_may_answer(user, report: EconomyReport) -> None:
    if not may_answer(identity_of(user), report):
        raise PermissionDenied(f"Only the delegates of {report.economy} answer its questions.")


def may_see_hidden(user, writer_id: int) -> bool:
    return identity_of(user).is_director or user.pk == writer_id


def get_question_for_user(user, report: EconomyReport, pk: int) -> Question:
    """A question on the report; a hidden one only for the director and its asker."""
    question = (
        Question.objects.select_related(
            "asked_by", "asked_by_economy", "section__area", "initiative", "best_practice"
        )
        .filter(report=report, pk=pk)
        .first()
    )
    if question is None or (question.is_hidden and not may_see_hidden(user, question.asked_by_id)):
        raise Http404("No such question.")
    question.report = report
    return question


def shown_to(user, *, writer: str) -> Q:
    """The posts the user sees: those shown, and hidden ones to the director and their writer
    (`writer` names the post's author field)."""
    if identity_of(user).is_director:
        return Q()
    return Q(hidden_at__isnull=True) | Q(**{writer: user})


def questions_for(user, report: EconomyReport) -> QuerySet[Question]:
    """The report's questions the user sees, each with the answers the user sees in
    `answer_list`: two queries."""
    answers = Answer.objects.filter(shown_to(user, writer="answered_by")).select_related(
        "hidden_by"
    )
    return (
        Question.objects.filter(Q(report=report) & shown_to(user, writer="asked_by"))
        .select_related(
            "asked_by_economy", "section__area", "initiative", "best_practice", "hidden_by"
        )
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="answer_list"))
    )
