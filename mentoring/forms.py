"""Forms of the mentoring pages; the rules themselves are checked by the services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AcademicYear, Organization
from core.fields import SafeModelMultipleChoiceField
from mentoring.deadlines import parse_deadline, parse_years
from mentoring.models import (
    Assignment,
    AssignmentStatus,
    IndividualRoute,
    Meeting,
    Plan,
    PlanEvent,
    PlanTask,
    Program,
    RoadmapItem,
    RouteStep,
)
from registry.models import MenteeProfile, MentoringForm, MentorProfile, Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceMixin:
    """A choice of registry entries labelled with the person, the class as on `today`."""

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def label_from_instance(self, obj) -> str:
        person = obj.person
        extra = ", ".join(p for p in (person.subject, person.class_on(self.today)) if p)
        return f"{person.full_name}" + (f" ({extra})" if extra else "")


class MentorChoiceField(PersonChoiceMixin, forms.ModelChoiceField):
    pass


class MentorsChoiceField(PersonChoiceMixin, SafeModelMultipleChoiceField):
    pass


class MenteeChoiceField(PersonChoiceMixin, forms.ModelChoiceField):
    pass


class MenteesChoiceField(PersonChoiceMixin, SafeModelMultipleChoiceField):
    pass


def mentor_choices(organization: Organization, day: datetime.date):
    return (
        MentorProfile.objects.available_to(organization, day)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def mentee_choices(organization: Organization, day: datetime.date):
    return (
        MenteeProfile.objects.available_in(organization, day)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


class AssignmentForm(forms.Form):
    """Create or edit a pair or group; `kind` decides single or multiple choices."""

    mentoring_form = forms.ModelChoiceField(
        label=_("Форма наставничества"), queryset=MentoringForm.objects.all()
    )
    academic_year = forms.ModelChoiceField(
        label=_("Учебный год"), queryset=AcademicYear.objects.all()
    )
    title = forms.CharField(label=_("Название группы"), max_length=255, required=False)
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Окончание"), widget=DATE_WIDGET)
    notes = forms.CharField(
        label=_("Примечание"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args,
        organization: Organization,
        kind: str,
        today: datetime.date,
        editing=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        mentors, mentees = mentor_choices(organization, today), mentee_choices(organization, today)
        if kind == Assignment.Kind.PAIR:
            self.fields["mentor"] = MentorChoiceField(
                label=_("Наставник"), queryset=mentors, today=today
            )
            self.fields["mentee"] = MenteeChoiceField(
                label=_("Наставляемый"), queryset=mentees, today=today
            )
            del self.fields["title"]
        else:
            self.fields["mentors"] = MentorsChoiceField(
                label=_("Наставники"),
                queryset=mentors,
                today=today,
                widget=forms.SelectMultiple(attrs={"size": 8}),
            )
            self.fields["mentees"] = MenteesChoiceField(
                label=_("Наставляемые"),
                queryset=mentees,
                today=today,
                widget=forms.SelectMultiple(attrs={"size": 10}),
            )
        if editing:
            del self.fields["mentoring_form"]
            del self.fields["academic_year"]
        order = ["mentoring_form", "academic_year", "title", "mentor", "mentors", "mentee"]
        self.order_fields([*order, "mentees", "starts_on", "ends_on", "notes"])

    @property
    def people(self):
        data = self.cleaned_data
        if self.kind == Assignment.Kind.PAIR:
            return [data["mentor"]], [data["mentee"]]
        return list(data["mentors"]), list(data["mentees"])


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Новый статус"), choices=AssignmentStatus.choices)
    reason = forms.CharField(label=_("Причина"), max_length=500, required=False)


class BulkMoveForm(forms.Form):
    """The pairs list's action on the ticked pairs and groups."""

    TO_CONSENTS, TO_ORDER, INTO_ORDER = "awaiting_consents", "awaiting_order", "order"
    assignments = SafeModelMultipleChoiceField(
        queryset=Assignment.objects.none(),
        error_messages={"required": _("Отметьте пары и группы в списке.")},
    )
    action = forms.ChoiceField(
        label=_("Действие с отмеченными"),
        choices=[
            (TO_CONSENTS, _("перевести в «ожидает согласий»")),
            (TO_ORDER, _("перевести в «ожидает приказа»")),
            (INTO_ORDER, _("подготовить приказ о закреплении")),
        ],
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignments"].queryset = Assignment.objects.in_organization(
            organization
        ).with_people()

    @property
    def target(self) -> str:
        if self.cleaned_data["action"] == self.TO_CONSENTS:
            return AssignmentStatus.AWAITING_CONSENTS
        return AssignmentStatus.AWAITING_ORDER


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "duration_minutes", "topic", "notes"]
        widgets = {"held_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 2})}


class MeetingPlanForm(forms.ModelForm):
    """A meeting planned ahead: its day, time, place or link, topic and length."""

    class Meta:
        model = Meeting
        fields = ["held_on", "starts_at", "place", "topic", "duration_minutes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {"held_on": _("Дата")}


class MeetingHeldForm(forms.Form):
    """A planned meeting took place: when (the planned day by default), how long, notes."""

    held_on = forms.DateField(label=_("Дата"), widget=DATE_WIDGET)
    duration_minutes = forms.IntegerField(label=_("Минут"), min_value=5, max_value=600)
    notes = forms.CharField(
        label=_("Заметки"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EventDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Дата"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Отметка"), max_length=500, required=False)


class PlanEventForm(forms.ModelForm):
    class Meta:
        model = PlanEvent
        fields = ["title", "due", "expected_result"]


class RoadmapItemForm(forms.ModelForm):
    """A roadmap item's content and its completion mark."""

    events = forms.CharField(
        label=_("Мероприятия"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Каждое мероприятие с новой строки."),
    )
    deadline = forms.CharField(
        label=_("Срок"),
        max_length=200,
        help_text=_(
            "Как в плане школы: дата (01.09.2021), месяцы («апрель-май», «ежегодно, сентябрь»), "
            "«I полугодие», «2 четверть», «IV квартал 2022 г.», «2022-2024 гг.», «в течение "
            "года» или «по мере необходимости»."
        ),
    )

    class Meta:
        model = RoadmapItem
        fields = [
            "number",
            "task",
            "responsible_person",
            "responsible_text",
            "expected_result",
            "mark_status",
            "mark_text",
            "mark_date",
            "document_ref",
        ]
        widgets = {"mark_date": DATE_WIDGET, "expected_result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization: Organization, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_person"].queryset = (
            Person.objects.in_organization(organization).teachers().on_roll(today)
        )
        self.fields["responsible_text"].help_text = _(
            "Если ответственного нет в портале: должность или ФИО."
        )
        if self.instance.pk:
            self.initial["events"] = "\n".join(e.text for e in self.instance.events.all())
            self.initial["deadline"] = self.instance.deadline_text
        self.order_fields(["number", "task", "events", "responsible_person", "responsible_text"])

    def clean_deadline(self):
        try:
            return parse_deadline(self.cleaned_data["deadline"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        data = super().clean()
        if not data.get("responsible_person") and not data.get("responsible_text"):
            self.add_error("responsible_text", _("Укажите ответственного."))
        return data


class RoadmapImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл дорожной карты (.xlsx или .csv)"),
        help_text=_(
            "Столбцы: №, Задача, Мероприятия, Ответственный, Ожидаемый результат, Срок, "
            "Отметка о выполнении."
        ),
    )
    years = forms.CharField(
        label=_("Учебные годы дорожной карты"),
        required=False,
        max_length=20,
        help_text=_(
            "Для карты на несколько лет, например 2022-2024. Пусто — с выбранного учебного "
            "года по последний, который назван в сроках (например, «в течение 2022-2024 гг.»)."
        ),
    )

    def clean_years(self) -> tuple[int, int] | None:
        value = self.cleaned_data["years"].strip()
        if not value:
            return None
        try:
            return parse_years(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Укажите учебные годы как 2022-2024 (первый и последний год).")
            ) from exc


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "form",
            "academic_year",
            "title",
            "goal",
            "tasks",
            "expected_results",
            "starts_on",
            "ends_on",
            "curator",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "goal": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curator"].queryset = Person.objects.in_organization(organization).teachers()
        self.fields["form"].label = _("Форма наставничества")

    def validate_unique(self):
        """Uniqueness per organization is checked by the service (organization is not a field)."""


class PlanGoalForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}


PlanTaskFormSet = forms.inlineformset_factory(
    Plan, PlanTask, fields=["order", "title"], extra=1, can_delete=True
)


class RouteForm(forms.ModelForm):
    class Meta:
        model = IndividualRoute
        fields = ["deficits", "diagnosis"]
        field_classes = {"deficits": SafeModelMultipleChoiceField}
        widgets = {
            "deficits": forms.CheckboxSelectMultiple,
            "diagnosis": forms.Textarea(attrs={"rows": 3}),
        }


RouteStepFormSet = forms.inlineformset_factory(
    IndividualRoute,
    RouteStep,
    fields=["area", "events", "due", "done_on"],
    widgets={"done_on": DATE_WIDGET},
    extra=1,
    can_delete=True,
)
