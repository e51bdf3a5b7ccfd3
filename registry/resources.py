"""Export of the registries to .xlsx and .csv with Russian headers (django-import-export).

The people export has the columns of the import contract, so an exported file loads back.
Any cell that Excel would run as a formula is written as text: in .csv with an apostrophe
(`safe_cell`; our imports read it back without it), in .xlsx as a text cell
(`workbook_bytes`), so an exported file loads back unchanged."""

from __future__ import annotations

from import_export import fields, resources

from core.russian import date_numeric
from core.spreadsheets import safe_cell
from registry.models import Consent, MenteeProfile, MentorProfile, Person, TrainingRecord


class SafeResource(resources.ModelResource):
    """`today`: the day the export is made; the class and experience are written as on it."""

    def __init__(self, *, today, guard_formulas: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.today = today
        self.guard_formulas = guard_formulas

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return safe_cell(value) if self.guard_formulas else value


def _field(attribute: str, header: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=header)


class PersonResource(SafeResource):
    last_name = _field("last_name", "Фамилия")
    first_name = _field("first_name", "Имя")
    middle_name = _field("middle_name", "Отчество")
    gender = fields.Field(column_name="Пол")
    category = fields.Field(column_name="Категория")
    position = _field("position", "Должность")
    subject = _field("subject", "Предмет")
    school_class = fields.Field(column_name="Класс")
    experience = fields.Field(column_name="Стаж")
    email = _field("email", "Email")
    phone = _field("phone", "Телефон")
    birth_date = fields.Field(column_name="Дата рождения")
    joined_on = fields.Field(column_name="Дата приёма")
    left_on = fields.Field(column_name="Дата выбытия")

    CATEGORY = {"teacher": "педагог", "student": "обучающийся", "college_student": "студент",
                "employer": "работодатель"}  # fmt: skip

    class Meta:
        model = Person
        export_order = (
            "last_name", "first_name", "middle_name", "gender", "category", "position",
            "subject", "school_class", "experience", "email", "phone", "birth_date",
            "joined_on", "left_on",
        )  # fmt: skip
        fields = export_order

    def dehydrate_gender(self, person):
        return "м" if person.gender == "m" else "ж"

    def dehydrate_category(self, person):
        return self.CATEGORY[person.category]

    def dehydrate_school_class(self, person):
        return person.class_on(self.today)

    def dehydrate_experience(self, person):
        return person.experience_on(self.today)  # a number cell (core.spreadsheets)

    def dehydrate_birth_date(self, person):
        return person.birth_date  # a date cell

    def dehydrate_joined_on(self, person):
        return person.joined_on

    def dehydrate_left_on(self, person):
        return person.left_on


class MentorResource(SafeResource):
    name = _field("person__full_name", "ФИО")
    position = _field("person__position", "Должность")
    status = fields.Field(column_name="Статус")
    forms = fields.Field(column_name="Формы наставничества")
    competencies = fields.Field(column_name="Компетенции")
    capacity = _field("capacity", "Наставляемых не более")
    network = fields.Field(column_name="Сетевое наставничество")
    trained = fields.Field(column_name="Обучение")

    class Meta:
        model = MentorProfile
        export_order = ("name", "position", "status", "forms", "competencies", "capacity",
                        "network", "trained")  # fmt: skip
        fields = export_order

    def dehydrate_status(self, mentor):
        return mentor.get_status_display()

    def dehydrate_capacity(self, mentor):
        return mentor.capacity  # a number cell

    def dehydrate_forms(self, mentor):
        return ", ".join(f.name for f in mentor.forms.all())

    def dehydrate_competencies(self, mentor):
        return ", ".join(c.name for c in mentor.competencies.all())

    def dehydrate_network(self, mentor):
        return "да" if mentor.network_ready else "нет"

    def dehydrate_trained(self, mentor):
        return "; ".join(
            f"{t.course} ({date_numeric(t.completed_on)})" for t in mentor.trainings.all()
        )


class MenteeResource(SafeResource):
    name = _field("person__full_name", "ФИО")
    category = fields.Field(column_name="Категория")
    school_class = fields.Field(column_name="Класс")
    status = fields.Field(column_name="Статус")
    request = _field("request", "Запрос")
    deficits = fields.Field(column_name="Дефициты")
    source = fields.Field(column_name="Откуда запрос")
    desired_form = _field("desired_form__name", "Желаемая форма")

    class Meta:
        model = MenteeProfile
        export_order = ("name", "category", "school_class", "status", "request", "deficits",
                        "source", "desired_form")  # fmt: skip
        fields = export_order

    def dehydrate_category(self, mentee):
        return mentee.person.get_category_display()

    def dehydrate_school_class(self, mentee):
        return mentee.person.class_on(self.today)

    def dehydrate_status(self, mentee):
        return mentee.day_status_display

    def dehydrate_deficits(self, mentee):
        return ", ".join(c.name for c in mentee.deficits.all())

    def dehydrate_source(self, mentee):
        return mentee.get_source_display()


class ConsentResource(SafeResource):
    name = _field("person__full_name", "ФИО")
    kind = fields.Field(column_name="Вид согласия")
    given_on = _field("given_on", "Дата")
    valid_until = _field("valid_until", "Действует до")
    representative = _field("representative_name", "Законный представитель")
    withdrawn_on = _field("withdrawn_on", "Отозвано")

    class Meta:
        model = Consent
        export_order = ("name", "kind", "given_on", "valid_until", "representative",
                        "withdrawn_on")  # fmt: skip
        fields = export_order

    def dehydrate_kind(self, consent):
        return consent.get_kind_display()

    def dehydrate_given_on(self, consent):
        return consent.given_on

    def dehydrate_valid_until(self, consent):
        return consent.valid_until

    def dehydrate_withdrawn_on(self, consent):
        return consent.withdrawn_on


class TrainingResource(SafeResource):
    name = _field("mentor__person__full_name", "ФИО")
    course = _field("course", "Курс")
    provider = _field("provider", "Организация")
    hours = _field("hours", "Часов")
    completed_on = _field("completed_on", "Дата окончания")
    certificate = _field("certificate", "Документ")

    class Meta:
        model = TrainingRecord
        export_order = ("name", "course", "provider", "hours", "completed_on", "certificate")
        fields = export_order

    def dehydrate_hours(self, training):
        return training.hours

    def dehydrate_completed_on(self, training):
        return training.completed_on
