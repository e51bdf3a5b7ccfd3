"""Questionnaires: the curator builds, opens and reads them; a teacher fills «Мои анкеты»."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import PortalRequest
from accounts.policy import allowed, can
from core.spreadsheets import xlsx_response
from mentoring.selectors import person_here
from monitoring.models import Question, Questionnaire
from monitoring.questionnaires import forms, selectors, services
from monitoring.questionnaires.export import answers_workbook

NO_PERSON = _("Ваша учётная запись не связана с карточкой в реестре школы: обратитесь к куратору.")


def _questionnaire(request: PortalRequest, pk: int) -> Questionnaire:
    return get_object_or_404(Questionnaire.objects.for_request(request), pk=pk)


@allowed("questionnaires.view")
def questionnaire_list(request: PortalRequest) -> HttpResponse:
    page = Paginator(selectors.questionnaire_list(request.organization), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "monitoring/questionnaire_list.html",
        {"page_obj": page, "templates": services.template_list()},
    )


@allowed("questionnaires.manage")
def questionnaire_new(request: PortalRequest) -> HttpResponse:
    templates = services.template_list()
    today = timezone.localdate()
    form = forms.FromTemplateForm(
        request.POST or None,
        templates=templates,
        initial={
            "template": request.GET.get("template"),
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=14),
        },
    )
    if request.method == "POST" and form.is_valid():
        questionnaire = services.questionnaire_create_from_template(
            organization=request.organization,
            code=form.cleaned_data["template"],
            by=request.user,
            opens_on=form.cleaned_data["opens_on"],
            closes_on=form.cleaned_data["closes_on"],
        )
        messages.success(request, _("Анкета создана. Проверьте вопросы и адресатов и откройте её."))
        return redirect("monitoring:questionnaire", pk=questionnaire.pk)
    return render(request, "monitoring/questionnaire_new.html", {"form": form})


@allowed("questionnaires.manage")
def questionnaire_blank(request: PortalRequest) -> HttpResponse:
    """A questionnaire built from scratch: its settings first, questions next."""
    today = timezone.localdate()
    form = forms.QuestionnaireForm(
        request.POST or None,
        organization=request.organization,
        initial={"opens_on": today, "closes_on": today + datetime.timedelta(days=14)},
    )
    if request.method == "POST" and form.is_valid():
        questionnaire = form.save(commit=False)
        questionnaire.organization = request.organization
        services.questionnaire_save(
            questionnaire=questionnaire,
            audience_assignments=form.cleaned_data["audience_assignments"],
            by=request.user,
        )
        return redirect("monitoring:questionnaire", pk=questionnaire.pk)
    return render(request, "monitoring/questionnaire_blank.html", {"form": form})


@allowed("questionnaires.view")
def questionnaire_detail(request: PortalRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    editable = questionnaire.status == Questionnaire.Status.DRAFT and can(
        request, "questionnaires.manage"
    )
    settings_form = forms.QuestionnaireForm(
        request.POST or None, instance=questionnaire, organization=request.organization
    )
    if request.method == "POST":
        if not can(request, "questionnaires.manage"):
            raise PermissionDenied
        if settings_form.is_valid():
            try:
                services.questionnaire_save(
                    questionnaire=settings_form.save(commit=False),
                    audience_assignments=settings_form.cleaned_data["audience_assignments"],
                )
            except ValidationError as error:
                settings_form.add_error(None, error)
            else:
                messages.success(request, _("Настройки анкеты сохранены."))
                return redirect("monitoring:questionnaire", pk=pk)
    sent, total = selectors.response_rate(questionnaire)
    return render(
        request,
        "monitoring/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.prefetch_related("choices"),
            "settings_form": settings_form,
            "question_form": forms.QuestionForm(auto_id="question_%s"),
            "editable": editable,
            "is_curator": can(request, "questionnaires.manage"),
            "sent": sent,
            "audience": total,
        },
    )


@require_POST
@allowed("questionnaires.manage")
def question_add(request: PortalRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    return _question_save(request, questionnaire, Question(questionnaire=questionnaire))


@allowed("questionnaires.manage")
def question_edit(request: PortalRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.for_request(request).select_related("questionnaire"), pk=pk
    )
    if request.method == "POST":
        return _question_save(request, question.questionnaire, question)
    return render(
        request,
        "monitoring/question_edit.html",
        {"question": question, "form": forms.QuestionForm(instance=question)},
    )


def _question_save(request, questionnaire: Questionnaire, question: Question) -> HttpResponse:
    form = forms.QuestionForm(request.POST, instance=question)
    if form.is_valid():
        try:
            services.question_save(
                question=form.save(commit=False), choices=form.cleaned_data["choices"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Вопрос сохранён."))
        return redirect("monitoring:questionnaire", pk=questionnaire.pk)
    return render(request, "monitoring/question_edit.html", {"question": question, "form": form})


@require_POST
@allowed("questionnaires.manage")
def question_delete(request: PortalRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.for_request(request).select_related("questionnaire"), pk=pk
    )
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Вопрос удалён."))
    return redirect("monitoring:questionnaire", pk=question.questionnaire_id)


@require_POST
@allowed("questionnaires.manage")
def questionnaire_status(request: PortalRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    action = (
        services.questionnaire_open
        if request.POST.get("to") == "open"
        else (services.questionnaire_close)
    )
    try:
        action(questionnaire=questionnaire)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Анкета: %s.") % questionnaire.get_status_display())
    return redirect("monitoring:questionnaire", pk=pk)


@allowed("questionnaires.view")
def questionnaire_results(request: PortalRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    sent, total = selectors.response_rate(questionnaire)
    gains, average = (
        selectors.learning_gains(questionnaire)
        if questionnaire.kind == Questionnaire.Kind.POST_TEST
        else ([], None)
    )
    return render(
        request,
        "monitoring/questionnaire_results.html",
        {
            "questionnaire": questionnaire,
            "results": selectors.results(questionnaire),
            "sent": sent,
            "audience": total,
            "rate": round(100 * sent / total) if total else 0,
            "gains": gains,
            "average_gain": average,
        },
    )


@allowed("questionnaires.view")
def questionnaire_export(request: PortalRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    return xlsx_response(answers_workbook(questionnaire), f"Ответы — {questionnaire.title}.xlsx")


def _person(request: PortalRequest):
    person = person_here(request)
    if person is None:
        raise PermissionDenied(NO_PERSON)
    return person


def my_questionnaires(request: PortalRequest) -> HttpResponse:
    person = _person(request)
    return render(
        request,
        "monitoring/my_questionnaires.html",
        {"items": selectors.my_questionnaires(person, timezone.localdate())},
    )


def questionnaire_fill(request: PortalRequest, pk: int) -> HttpResponse:
    person = _person(request)
    questionnaire = _questionnaire(request, pk)
    if not selectors.PersonFacts.of(person).addressed(questionnaire):
        raise PermissionDenied(_("Эта анкета адресована не вам."))
    if services.has_sent(questionnaire, person):
        return render(
            request, "monitoring/questionnaire_sent.html", {"questionnaire": questionnaire}
        )
    response = services.response_for(questionnaire, person)
    today = timezone.localdate()
    sending = request.POST.get("action") == "send"
    initial = _initial(response)
    form = forms.ResponseForm(
        request.POST or None, questionnaire=questionnaire, sending=sending, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(
                questionnaire=questionnaire,
                person=person,
                values=form.values(),
                send=sending,
                today=today,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if sending:
                messages.success(request, _("Спасибо! Ваши ответы отправлены."))
                return redirect("monitoring:my-questionnaires")
            messages.success(request, _("Черновик сохранён: вы можете вернуться к анкете позже."))
            return redirect("monitoring:fill", pk=pk)
    return render(
        request,
        "monitoring/questionnaire_fill.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "accepts": questionnaire.accepts_answers_on(today),
        },
    )


def as_typed(number):
    """A stored number as a person types it back: 2 (not 2.00), 2.5 (not 2.50)."""
    if number is None or number == number.to_integral_value():
        return None if number is None else int(number)
    return number.normalize()


def _initial(response) -> dict:
    if response is None:
        return {}
    initial: dict = {}
    for answer in response.answers.select_related("question"):
        key = f"q{answer.question_id}"
        kind = answer.question.kind
        if kind == Question.Kind.MULTIPLE:
            initial.setdefault(key, []).append(answer.choice_id)
        elif kind == Question.Kind.SINGLE:
            initial[key] = answer.choice_id
        elif kind == Question.Kind.SCALE:
            initial[key] = int(answer.number)
        elif kind == Question.Kind.NUMBER:
            initial[key] = as_typed(answer.number)
        else:
            initial[key] = answer.text
    return initial
