"""The questions between economies: the index, a report's questions (where others ask), one
question (where its economy answers), and the director's hiding of a post."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from plans.accounts.roles import SignedInRequest, identity_of, require_director
from plans.models import StrategicPlan
from reporting.questions import services
from reporting.questions.access import (
    check_may_answer,
    check_may_ask,
    get_question_for_user,
    get_questions_report,
    may_answer,
    may_ask,
    questions_for,
    shown_to,
)
from reporting.questions.figures import question_figures
from reporting.questions.forms import AnswerForm, AskForm, HideForm
from reporting.questions.models import Answer, Question
from reporting.questions.waiting import waiting_questions
from reporting.reports.access import may_read_reports_of
from reporting.reports.models import EconomyReport, ReportStatus


def _list_url(report: EconomyReport) -> str:
    return reverse("reporting:question-list", args=[report.cycle.year, report.economy.code])


def _detail_url(question: Question) -> str:
    report = question.report
    return reverse(
        "reporting:question-detail", args=[report.cycle.year, report.economy.code, question.pk]
    )


@require_safe
def question_index(request: SignedInRequest) -> HttpResponse:
    """Every accepted report, to ask about, with its questions so far; and the questions
    waiting for an answer (the director's list of every economy's, with their age)."""
    identity = identity_of(request.user)
    if not (identity.is_delegate or identity.reads_all):
        raise Http404("No such page.")
    reports = (
        EconomyReport.objects.filter(status=ReportStatus.ACCEPTED)
        .select_related("cycle", "economy")
        .annotate(question_count=Count("questions", filter=Q(questions__hidden_at__isnull=True)))
        .order_by("-cycle__year", "economy__position")
    )
    plan = StrategicPlan.objects.first()  # the plan in force (the newest)
    return render(
        request,
        "questions/question_index.html",
        {
            "identity": identity,
            "reports": reports,
            "waiting": waiting_questions(identity),
            "plan": plan,
            "figures": question_figures(plan) if plan is not None else None,
        },
    )


@require_http_methods(["GET", "POST"])
def question_list(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    """The report's questions and their answers; a delegate of another economy asks here."""
    report = get_questions_report(request.user, year, code)
    identity = identity_of(request.user)
    asking = may_ask(identity, report)
    form = None
    if request.method == "POST":
        check_may_ask(request.user, report)
        form = AskForm(request.POST, report=report)
        if form.is_valid():
            kind, record_id = form.subject_parts()
            try:
                question = services.question_ask(
                    report_id=report.pk,
                    user=request.user,
                    subject=kind,
                    record_id=record_id,
                    text=form.cleaned_data["text"],
                )
            except services.QuestionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, f"Your question was sent to the delegates of {report.economy}."
                )
                return redirect(_detail_url(question))
    elif asking:
        form = AskForm(report=report)
    questions = questions_for(request.user, report)
    return render(
        request,
        "questions/question_list.html",
        {
            "report": report,
            "questions": questions,
            "form": form,
            "answering": may_answer(identity, report),
            "is_director": identity.is_director,
            "reads_report": may_read_reports_of(request.user, code),
        },
    )


@require_http_methods(["GET", "POST"])
def question_detail(request: SignedInRequest, year: int, code: str, pk: int) -> HttpResponse:
    """One question and its answers; the asked economy's delegates answer here."""
    report = get_questions_report(request.user, year, code)
    question = get_question_for_user(request.user, report, pk)
    identity = identity_of(request.user)
    answering = may_answer(identity, report) and not question.is_hidden
    form = AnswerForm(request.POST) if request.method == "POST" else None
    if form is not None:
        check_may_answer(request.user, report)
        if form.is_valid():
            try:
                services.question_answer(
                    question_id=question.pk, user=request.user, text=form.cleaned_data["text"]
                )
            except services.QuestionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Your answer was sent.")
                return redirect(_detail_url(question))
    elif answering:
        form = AnswerForm()
    answers = list(
        Answer.objects.filter(
            Q(question=question) & shown_to(request.user, writer="answered_by")
        ).select_related("hidden_by")
    )
    return render(
        request,
        "questions/question_detail.html",
        {
            "report": report,
            "question": question,
            "answers": answers,
            "form": form,
            "is_director": identity.is_director,
        },
    )


def _hide(request: SignedInRequest, report: EconomyReport, post: Question | Answer, what: str):
    require_director(request.user)
    form = HideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_hide(post=post, user=request.user, reason=form.cleaned_data["reason"])
        except services.QuestionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The {what} is hidden.")
            return redirect(_list_url(report))
    return render(
        request,
        "questions/post_hide.html",
        {"report": report, "post": post, "what": what, "form": form},
    )


@require_http_methods(["GET", "POST"])
def question_hide(request: SignedInRequest, year: int, code: str, pk: int) -> HttpResponse:
    report = get_questions_report(request.user, year, code)
    question = get_question_for_user(request.user, report, pk)
    return _hide(request, report, question, "question")


@require_http_methods(["GET", "POST"])
def answer_hide(
    request: SignedInRequest, year: int, code: str, pk: int, answer: int
) -> HttpResponse:
    report = get_questions_report(request.user, year, code)
    question = get_question_for_user(request.user, report, pk)
    post = Answer.objects.filter(question=question, pk=answer).first()
    if post is None:
        raise Http404("No such answer.")
    post.question = question
    return _hide(request, report, post, "answer")
