from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import SafeModelMultipleChoiceField
from mentoring.models import Assignment
from monitoring.models import Question, Questionnaire
from monitoring.questionnaires.services import FROZEN_ONCE_OPEN

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FromTemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Готовая анкета"))
    opens_on = forms.DateField(label=_("Открыта с"), widget=DATE)
    closes_on = forms.DateField(label=_("по"), widget=DATE)

    def __init__(self, *args, templates: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t["code"], t["title"]) for t in templates]

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Дата окончания не может быть раньше начала."))
        return data


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "description", *FROZEN_ONCE_OPEN]
        field_classes = {"audience_assignments": SafeModelMultipleChoiceField}
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "description": forms.Textarea(attrs={"rows": 2}),
            "audience_assignments": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_assignments"].queryset = (
            Assignment.objects.in_organization(organization).with_people().order_by("pk")
        )
        self.fields["audience_assignments"].required = False
        if self.instance.pk and self.instance.status != Questionnaire.Status.DRAFT:
            for name in FROZEN_ONCE_OPEN:
                self.fields[name].disabled = True  # posted values are ignored, not just hidden
                self.fields[name].help_text = _("Не меняется после открытия анкеты.")

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Дата окончания не может быть раньше начала."))
        return data


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Варианты ответа"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Каждый вариант с новой строки; для тестов отметьте верный звёздочкой: *верный"
        ),
    )

    class Meta:
        model = Question
        fields = [
            "text", "kind", "required", "scale_min", "scale_max", "scale_min_label",
            "scale_max_label", "number_min", "number_max", "number_fraction", "points",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number_min"].required = False  # empty: a count, from 0
        if self.instance.pk and self.instance.has_choices:
            self.fields["choices_text"].initial = "\n".join(
                ("*" if c.is_correct else "") + c.text for c in self.instance.choices.all()
            )

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in data.get("choices_text", "").splitlines() if line.strip()]
        if data.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(lines) < 2:
                self.add_error("choices_text", _("Нужно не меньше двух вариантов ответа."))
            if len(lines) > 30:
                self.add_error("choices_text", _("Не больше 30 вариантов ответа."))
            if any(len(line) > 500 for line in lines):
                self.add_error("choices_text", _("Вариант ответа длиннее 500 символов."))
        lo, hi = data.get("scale_min"), data.get("scale_max")
        if None not in (lo, hi) and (not -100 <= lo < hi <= 100 or hi - lo > 20):
            self.add_error("scale_max", _("Шкала: от меньшего к большему, не больше 20 делений."))
        if data.get("number_min") is None:
            data["number_min"] = 0
        low, high = data.get("number_min"), data.get("number_max")
        if low is not None and high is not None and low > high:
            self.add_error("number_max", _("Наибольшее число меньше наименьшего."))
        data["choices"] = lines
        return data


class ResponseForm(forms.Form):
    """The questionnaire as a form: one field per question; required only when sending."""

    def __init__(self, *args, questionnaire: Questionnaire, sending: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.prefetch_related("choices"))
        for q in self.questions:
            required = sending and q.required
            name = f"q{q.pk}"
            if q.kind == Question.Kind.SINGLE:
                field = forms.TypedChoiceField(
                    choices=[(c.pk, c.text) for c in q.choices.all()],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=required,
                )
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=[(c.pk, c.text) for c in q.choices.all()],
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    required=required,
                )
            elif q.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    choices=[(v, str(v)) for v in range(q.scale_min, q.scale_max + 1)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=required,
                )
            elif q.kind == Question.Kind.NUMBER:
                field = forms.DecimalField(
                    max_digits=12,
                    decimal_places=2 if q.number_fraction else 0,
                    min_value=q.number_min,
                    max_value=q.number_max if q.number_max is not None else 10**9,
                    required=required,
                    localize=True,  # «2,5» with a comma, as people type it
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal" if q.number_fraction else "numeric"}
                    ),
                    error_messages={"max_decimal_places": _("Введите целое число.")},
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=required
                )
            field.label = f"{q.order}. {q.text}"
            if q.kind == Question.Kind.SCALE and (q.scale_min_label or q.scale_max_label):
                field.help_text = (
                    f"{q.scale_min} — {q.scale_min_label}; {q.scale_max} — {q.scale_max_label}"
                )
            self.fields[name] = field

    def values(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
