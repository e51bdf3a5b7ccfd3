from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import SafeModelMultipleChoiceField, SuggestionsInput
from core.uploads import checked_scan
from documents.models import Document
from documents.services import NOMINATION_AWARDS, PARTNER_KINDS, cooperation_mentors
from mentoring.models import Assignment, AssignmentStatus
from registry.models import MentoringForm, MentorProfile, Person, PersonCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What an ending order is issued on («Основание:»), offered on its form
ENDING_GROUNDS = (
    "заявление наставника",
    "заявление наставляемого",
    "заявление законного представителя наставляемого",
    "служебная записка куратора программы наставничества",
    "решение методического совета",
)
# Who grants the awards a school nominates its mentors for, offered on the nomination's form
NOMINATION_AWARDED_BY = (
    "Министерства просвещения Российской Федерации",
    "органа исполнительной власти субъекта Российской Федерации в сфере образования",
    "управления образования администрации",
    "«Почётный работник сферы просвещения Российской Федерации»",
)


class IntroductionForm(forms.Form):
    starts_on = forms.DateField(label=_("Ввести в действие с"), widget=DATE)
    curator = forms.ModelChoiceField(
        label=_("Куратор (ответственный за внедрение)"),
        queryset=Person.objects.none(),
        required=False,
    )
    mentoring_forms = SafeModelMultipleChoiceField(
        label=_("Реализуемые формы наставничества"),
        queryset=MentoringForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    council_date = forms.DateField(
        label=_("Дата решения педагогического совета"), widget=DATE, required=False
    )
    council_protocol = forms.CharField(label=_("Номер протокола"), max_length=20, required=False)
    union_date = forms.DateField(
        label=_("Мнение профсоюзной организации: дата протокола"), widget=DATE, required=False
    )
    union_protocol = forms.CharField(
        label=_("Номер протокола профсоюзной организации"), max_length=20, required=False
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["curator"].queryset = Person.objects.in_organization(organization).teachers()
        if not organization.has_union:
            del self.fields["union_date"], self.fields["union_protocol"]

    def clean(self):
        data = super().clean()
        if self.organization.has_union and not (
            data.get("union_date") and data.get("union_protocol")
        ):
            self.add_error(
                "union_date",
                _(
                    "В организации есть профсоюзная организация: укажите дату и номер протокола "
                    "с её мнением (или снимите отметку на странице «Организация»)."
                ),
            )
        return data


class LocalActsForm(forms.Form):
    acts = forms.MultipleChoiceField(
        label=_("Утвердить"),
        choices=[
            ("esign", _("Положение об использовании простой электронной подписи")),
            ("privacy", _("Политику обработки персональных данных")),
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Отметьте хотя бы один локальный акт.")},
    )
    responsible = forms.ModelChoiceField(
        label=_("Ответственный за организацию обработки персональных данных"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Назначается этим приказом, если он утверждает Политику (152-ФЗ, ст. 22.1)."),
    )

    def __init__(self, *args, organization, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = (
            Person.objects.in_organization(organization)
            .teachers()
            .on_roll(today)
            .order_by("last_name", "first_name", "pk")
        )


class NominationForm(forms.Form):
    """A mentor nominated for an award (documents.services.document_create_nomination)."""

    person = forms.ModelChoiceField(label=_("Наставник"), queryset=Person.objects.none())
    award = forms.ChoiceField(
        label=_("Награда"),
        choices=[(key, name) for key, (name, _instrumental) in NOMINATION_AWARDS.items()],
    )
    award_of = forms.CharField(
        label=_("Чья награда или её название"),
        max_length=300,
        widget=SuggestionsInput(NOMINATION_AWARDED_BY),
        help_text=_(
            "Как пишется после вида награды: «Министерства просвещения Российской Федерации», "
            "«управления образования администрации г. Хабаровска»; для нагрудного знака — его "
            "название в кавычках."
        ),
    )
    addressee = forms.CharField(
        label=_("Кому (адресат)"),
        max_length=300,
        help_text=_("Например: «Начальнику управления образования администрации г. Хабаровска»."),
    )
    merits = forms.CharField(
        label=_("За что"),
        max_length=500,
        initial=_("за значительный вклад в реализацию целевой модели наставничества"),
    )
    characteristic = forms.CharField(
        label=_("Характеристика"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Достижения наставника и его наставляемых; абзацы — с новой строки."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.in_organization(organization)
            .filter(mentor_profile__isnull=False)
            .order_by("last_name", "first_name", "middle_name")
        )


class CooperationForm(forms.Form):
    """An agreement on cooperation with a partner organisation
    (documents.services.document_create_cooperation)."""

    partner_kind = forms.ChoiceField(
        label=_("Партнёр"), choices=list(PARTNER_KINDS.items()), widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Полное наименование партнёра"),
        max_length=300,
        help_text=_("Как в его уставе: «Акционерное общество «Горэлектросеть»»."),
    )
    short = forms.CharField(label=_("Краткое наименование"), max_length=150, required=False)
    head = forms.CharField(
        label=_("Кто подписывает от партнёра (ФИО)"),
        max_length=200,
        help_text=_("Фамилия, имя, отчество полностью: «Соколов Андрей Петрович»."),
    )
    head_position = forms.CharField(
        label=_("Его должность"), max_length=150, initial=_("генеральный директор")
    )
    basis = forms.CharField(
        label=_("Действует на основании"), max_length=150, initial=_("Устав"),
        help_text=_("Например: «Устав», «доверенность от 10.01.2022 № 5»."),
    )  # fmt: skip
    address = forms.CharField(label=_("Адрес партнёра"), max_length=300, required=False)
    inn = forms.CharField(label=_("ИНН партнёра"), max_length=12, required=False)
    phone = forms.CharField(label=_("Телефон партнёра"), max_length=50, required=False)
    mentoring_forms = SafeModelMultipleChoiceField(
        label=_("Формы наставничества"),
        queryset=MentoringForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mentors = SafeModelMultipleChoiceField(
        label=_("Наставники от партнёра"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Студенты и работники предприятий из базы наставников школы, педагоги других "
            "школ в её парах и группах. Приказ о закреплении сошлётся на соглашение как на "
            "основание для этих наставников."
        ),
    )
    starts_on = forms.DateField(label=_("Действует с"), widget=DATE)
    ends_on = forms.DateField(label=_("по"), widget=DATE)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = cooperation_mentors(organization)

    def clean_inn(self):
        inn = self.cleaned_data["inn"].strip()
        if inn and not (inn.isdigit() and len(inn) in (10, 12)):
            raise forms.ValidationError(_("ИНН — 10 цифр у организации, 12 у предпринимателя."))
        return inn

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Окончание не может быть раньше начала."))
        return data


class AssignmentOrderForm(forms.Form):
    assignments = SafeModelMultipleChoiceField(
        label=_("Пары и группы, ожидающие приказа"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Отметьте хотя бы одну пару или группу.")},
    )
    controller = forms.ModelChoiceField(
        label=_("Контроль за исполнением возложить на"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Если не выбрать, контроль директор оставляет за собой."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        in_open_order = Document.objects.fixing_pairs_in_preparation().values("assignments")
        self.fields["assignments"].queryset = (
            Assignment.objects.in_organization(organization)
            .filter(status=AssignmentStatus.AWAITING_ORDER)
            .exclude(pk__in=in_open_order)
            .with_people()
        )
        self.fields["controller"].queryset = Person.objects.in_organization(organization).teachers()


class AmendmentForm(forms.Form):
    """«О внесении изменений в приказ»: for each pair of the amended order what changes (a
    field set each: action, new dates, new mentor), and pairs awaiting an order to add."""

    ACTIONS = [
        ("", _("без изменений")),
        ("dates", _("изменить сроки")),
        ("mentor", _("заменить наставника")),
        ("exclude", _("исключить из приказа")),
    ]
    reason = forms.CharField(
        label=_("В связи с"),
        max_length=300,
        help_text=_("Например: «заявлением наставника», «переходом наставляемого в другой класс»"),
    )
    add = SafeModelMultipleChoiceField(
        label=_("Добавить в приказ пары и группы, ожидающие приказа"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, organization, pairs, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = list(pairs)
        mentors = MentorProfile.objects.available_to(organization, today).select_related("person")
        for pair in self.pairs:
            self.fields[f"action-{pair.pk}"] = forms.ChoiceField(
                label=str(pair), choices=self.ACTIONS, required=False
            )
            self.fields[f"starts-{pair.pk}"] = forms.DateField(
                label=_("Новое начало"), required=False, widget=DATE
            )
            self.fields[f"ends-{pair.pk}"] = forms.DateField(
                label=_("Новое окончание"), required=False, widget=DATE
            )
            if pair.is_pair:
                self.fields[f"mentor-{pair.pk}"] = forms.ModelChoiceField(
                    label=_("Новый наставник"),
                    queryset=mentors.filter(forms=pair.form_id).exclude(
                        pk__in=[m.pk for m in pair.mentors]
                    ),
                    required=False,
                )
        in_open_order = Document.objects.fixing_pairs_in_preparation().values("assignments")
        self.fields["add"].queryset = (
            Assignment.objects.in_organization(organization)
            .filter(status=AssignmentStatus.AWAITING_ORDER)
            .exclude(pk__in=in_open_order)
            .with_people()
        )

    def rows(self):
        """(pair, its action, dates and mentor fields) for the page."""
        return [
            (
                pair,
                self[f"action-{pair.pk}"],
                self[f"starts-{pair.pk}"],
                self[f"ends-{pair.pk}"],
                self[f"mentor-{pair.pk}"] if f"mentor-{pair.pk}" in self.fields else None,
            )
            for pair in self.pairs
        ]

    def clean(self):
        data = super().clean()
        self.changes = []
        for pair in self.pairs:
            action = data.get(f"action-{pair.pk}")
            if not action:
                continue
            change = {"assignment": pair.pk, "action": action}
            if action == "dates":
                starts, ends = data.get(f"starts-{pair.pk}"), data.get(f"ends-{pair.pk}")
                if not starts and not ends:
                    self.add_error(f"ends-{pair.pk}", _("Укажите новое начало или окончание."))
                change |= {
                    "starts_on": starts.isoformat() if starts else None,
                    "ends_on": ends.isoformat() if ends else None,
                }
            if action == "mentor":
                mentor = data.get(f"mentor-{pair.pk}")
                if mentor is None:
                    self.add_error(f"action-{pair.pk}", _("Выберите нового наставника."))
                    continue
                change["mentor"] = mentor.pk
            self.changes.append(change)
        return data


class EndingOrderForm(forms.Form):
    assignments = SafeModelMultipleChoiceField(
        label=_("Действующие пары и группы"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Отметьте хотя бы одну пару или группу.")},
    )
    ends_on = forms.DateField(
        label=_("Прекратить с"),
        widget=DATE,
        help_text=_("Последний день работы: со следующего дня пары и группы завершены."),
    )
    reason = forms.CharField(
        label=_("В связи с"),
        max_length=300,
        help_text=_("Например: «окончанием срока реализации программы наставничества»"),
    )
    grounds = forms.CharField(
        label=_("Основание"),
        max_length=300,
        widget=SuggestionsInput(ENDING_GROUNDS),
        help_text=_(
            "Документ, по которому издаётся приказ: выберите из списка и допишите, чей он и "
            "от какой даты, например «заявление наставника Фёдоровой О.Н. от 10.01.2022»."
        ),
        error_messages={
            "required": _("Укажите основание приказа: заявление или служебную записку.")
        },
    )

    def __init__(self, *args, organization, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignments"].queryset = (
            Assignment.objects.in_organization(organization).active_on(today).with_people()
        )


class CancellationForm(forms.Form):
    cancels = forms.ModelChoiceField(label=_("Отменяемый приказ"), queryset=Document.objects.none())
    reason = forms.CharField(label=_("В связи с"), max_length=300)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancels"].queryset = (
            Document.objects.in_organization(organization)
            .filter(status=Document.Status.SIGNED, series=Document.Series.ORDER)
            .exclude(kind=Document.Kind.CANCELLATION)
        )


class AgreementTermsForm(forms.Form):
    """The terms of a supplementary agreement: one form prepares one, the package all."""

    duties = forms.CharField(
        label=_("Дополнительные обязанности"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_(
            "Наставничество: методическая поддержка молодых педагогов (стаж менее трёх лет)."
        ),
    )
    expected = forms.CharField(
        label=_("Ожидаемый результат"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_(
            "Профессиональная адаптация наставляемых, преодоление их профессиональных дефицитов."
        ),
    )
    conditions = forms.CharField(
        label=_("Условия"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_(
            "Посещение, совместное проектирование и анализ уроков, составление планов "
            "самообразования."
        ),
    )
    payment = forms.DecimalField(
        label=_("Доплата, рублей в месяц"), min_value=0, max_digits=9, decimal_places=2
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        last = (
            Document.objects.in_organization(organization)
            .filter(kind=Document.Kind.AGREEMENT)
            .order_by("-created_at", "-pk")
            .values_list("params", flat=True)
            .first()
        )
        if last and last.get("payment"):  # the school's usual payment, as typed last time
            self.fields["payment"].initial = str(last["payment"]).replace(",", ".")

    @staticmethod
    def payment_text(payment) -> str:
        return f"{payment:.2f}".replace(".", ",")


class AgreementForm(AgreementTermsForm):
    person = forms.ModelChoiceField(label=_("Работник (наставник)"), queryset=Person.objects.none())
    contract_date = forms.DateField(
        label=_("Трудовой договор от"),
        required=False,
        widget=DATE,
        help_text=_("Пусто — из карточки работника; в бланке останется место, если нет и там."),
    )
    contract_number = forms.CharField(
        label=_("№ трудового договора"), max_length=30, required=False
    )
    starts_on = forms.DateField(label=_("Дополнительная работа с"), widget=DATE)
    ends_on = forms.DateField(label=_("по"), widget=DATE)
    volume = forms.CharField(
        label=_("Объём"),
        max_length=100,
        required=False,
        help_text=_("Пусто — по числу наставляемых наставника в парах и группах этого срока."),
    )
    field_order = ["person", "contract_date", "contract_number", "starts_on", "ends_on",
                   "duties", "expected", "volume", "conditions", "payment"]  # fmt: skip

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, organization=organization, **kwargs)
        self.fields["person"].queryset = Person.objects.in_organization(organization).filter(
            category=PersonCategory.TEACHER, mentor_profile__isnull=False
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Окончание не может быть раньше начала."))
        return data


class ConsentsReceivedForm(forms.Form):
    """The package's consents received on paper: the day they were received (the rows ticked
    are read by the view from the table)."""

    given_on = forms.DateField(label=_("Дата согласий"), widget=DATE)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Что исправить"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoadmapMarkForm(forms.Form):
    item: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Пункт дорожной карты"),
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, organization, **kwargs):
        from mentoring.models import RoadmapItem

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            RoadmapItem.objects.filter(roadmap__organization=organization)
            .select_related("roadmap__academic_year")
            .order_by("-roadmap__academic_year__start_year", "order")
        )
        self.fields["item"].label_from_instance = lambda item: (
            f"{item.roadmap.years_label}: {item.number}. {item.task}"
        )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Скан подписанного документа"), help_text=_("PDF, JPEG или PNG до 10 МБ.")
    )

    def clean_scan(self):
        return checked_scan(self.cleaned_data.get("scan"), "document")


class AwardForm(forms.Form):
    """A «Благодарность наставнику» or a certificate of participation
    (documents.services.document_create_award)."""

    kind = forms.ChoiceField(
        label=_("Документ"),
        choices=[
            (Document.Kind.THANKS, _("Благодарность наставнику")),
            (Document.Kind.CERTIFICATE, _("Сертификат участника программы наставничества")),
        ],
        widget=forms.RadioSelect,
        initial=Document.Kind.THANKS,
    )
    person = forms.ModelChoiceField(label=_("Наставник"), queryset=Person.objects.none())
    starts_on = forms.DateField(label=_("Период с"), widget=DATE)
    ends_on = forms.DateField(label=_("по"), widget=DATE)
    thanks_for = forms.CharField(
        label=_("За что (для благодарности)"),
        max_length=300,
        required=False,
        help_text=_(
            "Пусто — «за профессионализм, терпение и личный вклад в развитие наставляемых»."
        ),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.in_organization(organization)
            .filter(mentor_profile__isnull=False)
            .order_by("last_name", "first_name", "middle_name")
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Окончание не может быть раньше начала."))
        return data
