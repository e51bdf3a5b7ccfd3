"""Orders and agreements: prepared by the curator, signed (numbered and frozen) by the director."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, TenantQuerySet, User
from core.russian import date_numeric
from registry.models import Person

SIGNED_IS_FROZEN = _(
    "Подписанный документ не изменяется; отменить его можно только новым приказом."
)


class DocumentQuerySet(TenantQuerySet):
    def on_signature(self) -> DocumentQuerySet:
        return self.filter(status=Document.Status.ON_SIGNATURE)

    def signed(self) -> DocumentQuerySet:
        return self.filter(status=Document.Status.SIGNED)

    def fixing_pairs_in_preparation(self) -> DocumentQuerySet:
        """Orders not yet signed that would fix pairs and groups (an assignment order, an
        amendment adding them): a pair goes into one such order at a time."""
        return self.filter(
            kind__in=[Document.Kind.ASSIGNMENT, Document.Kind.AMENDMENT],
            status__in=[Document.Status.DRAFT, Document.Status.ON_SIGNATURE],
        )


class Document(models.Model):
    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("приказ о внедрении целевой модели наставничества")
        ASSIGNMENT = "assignment", _("приказ о закреплении наставнических пар и групп")
        ENDING = "ending", _("приказ о прекращении наставничества")
        CANCELLATION = "cancellation", _("приказ об отмене приказа")
        AMENDMENT = "amendment", _("приказ о внесении изменений в приказ")
        LOCAL_ACTS = (
            "local_acts",
            _(
                "приказ об утверждении положения о простой электронной подписи и политики "
                "обработки персональных данных"
            ),
        )
        AGREEMENT = "agreement", _("дополнительное соглашение к трудовому договору")
        AGREEMENT_END = "agreement_end", _("соглашение о прекращении дополнительной работы")
        THANKS = "thanks", _("благодарность наставнику")
        CERTIFICATE = "certificate", _("сертификат участника программы наставничества")
        SUBJECT_REPLY = "subject_reply", _("ответ на запрос субъекта персональных данных")
        NOMINATION = "nomination", _("представление наставника к награждению")
        COOPERATION = "cooperation", _("соглашение о сотрудничестве в наставничестве")

    class Status(models.TextChoices):
        DRAFT = "draft", _("черновик")
        ON_SIGNATURE = "on_signature", _("на подписи")
        SIGNED = "signed", _("подписан")
        CANCELLED = "cancelled", _("отменён")

    class Series(models.TextChoices):
        ORDER = "order", _("приказы")
        AGREEMENT = "agreement", _("дополнительные соглашения")
        AWARD = "award", _("благодарности и сертификаты")
        LETTER = "letter", _("исходящие письма")
        CONTRACT = "contract", _("соглашения о сотрудничестве")

    AWARDS = frozenset({Kind.THANKS, Kind.CERTIFICATE})
    # Amendments to an employment contract: numbered per contract, signed by hand by both
    AGREEMENTS = frozenset({Kind.AGREEMENT, Kind.AGREEMENT_END})
    # Signed by hand whatever the school chose: a labour contract's amendments (ст. 22.1–22.3
    # ТК РФ) and an agreement with another organisation, whose head signs it too
    HAND_SIGNED = AGREEMENTS | {Kind.COOPERATION}

    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    series = models.CharField(_("журнал"), max_length=20, choices=Series.choices, editable=False)
    title = models.CharField(_("заголовок"), max_length=500)
    status = models.CharField(
        _("состояние"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    params = models.JSONField(_("содержание"), default=dict, blank=True)
    assignments = models.ManyToManyField(
        "mentoring.Assignment",
        verbose_name=_("пары и группы"),
        blank=True,
        related_name="documents",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("работник"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    cancels = models.ForeignKey(
        "self",
        verbose_name=_("отменяемый приказ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancelled_by",
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("изменяемый приказ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
    )
    # An agreement prepared in an assignment order's package: it goes to the director with
    # the order and is signed before it (documents.package)
    for_order = models.ForeignKey(
        "self",
        verbose_name=_("в пакете приказа"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="package_documents",
        editable=False,
    )
    number = models.PositiveIntegerField(_("номер"), null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    signed_on = models.DateField(_("дата"), null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        User,
        verbose_name=_("подписал"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    return_comment = models.TextField(_("замечания директора"), blank=True, editable=False)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    # Signed in the portal: when, and the SHA-256 of the text the director saw and signed
    # (printed in the electronic signature's stamp; documents.services.document_content_hash)
    signed_at = models.DateTimeField(_("подписан"), null=True, blank=True, editable=False)
    content_sha256 = models.CharField(
        _("SHA-256 подписанного текста"), max_length=64, blank=True, editable=False, db_default=""
    )
    # How the director's signature was given: in the portal (a simple electronic signature,
    # stamped on the PDF) or by hand on paper (the portal records it; the scan is the proof).
    signed_electronically = models.BooleanField(
        _("подписан простой электронной подписью"),
        default=False,
        db_default=False,
        editable=False,
    )
    # Signed on paper: the scan of the signed copy
    scan = models.FileField(
        _("скан подписанного документа"), upload_to="documents/%Y/", blank=True, db_default=""
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("подготовил"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    sent_at = models.DateTimeField(_("отправлен на подпись"), null=True, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("документ")
        verbose_name_plural = _("документы")
        indexes = [
            models.Index(fields=["organization", "status"]),
            # The list walks a school's newest first without reading every row: a row's
            # columns after its PDF lie past the PDF's bytes in SQLite's record.
            models.Index(fields=["organization", "-created_at", "-id"], name="document_newest_idx"),
        ]
        constraints = [
            # Orders are numbered in the school's journal of the year; a supplementary
            # agreement in the order of the agreements to its employee's contract (the year
            # is in the key only so that agreements numbered in a journal before stay valid)
            models.UniqueConstraint(
                fields=["organization", "series", "number_year", "number"],
                condition=Q(number__isnull=False, series="order"),
                name="document_number_unique_per_year",
            ),
            # Thanks and certificates: their own journal of the year (documents.awards)
            models.UniqueConstraint(
                fields=["organization", "series", "number_year", "number"],
                condition=Q(number__isnull=False, series="award"),
                name="award_number_unique_per_year",
            ),
            models.UniqueConstraint(
                fields=["organization", "person", "number_year", "number"],
                condition=Q(number__isnull=False, series="agreement"),
                name="agreement_number_unique_per_contract",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "cancelled"])
                | (Q(number__isnull=False) & Q(signed_on__isnull=False) & ~Q(sha256="")),
                name="document_signed_is_numbered",
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            kind = self.get_kind_display().capitalize()
            return f"{kind} от {date_numeric(self.signed_on)} № {self.number}"
        return self.title

    def save(self, *args, **kwargs):
        self.series = self.series_of(self.kind)
        if self.pk:
            stored = Document.objects.filter(pk=self.pk).values_list("status", "scan").first()
            fields = kwargs.get("update_fields")
            # A signed act changes only its status (cancelled) and takes its scan once
            allowed = fields == ["status"] or (fields == ["scan"] and stored and not stored[1])
            if stored and stored[0] in (self.Status.SIGNED, self.Status.CANCELLED) and not allowed:
                raise ValidationError(SIGNED_IS_FROZEN)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documents:detail", args=[self.pk])

    @classmethod
    def series_of(cls, kind: str) -> str:
        """The journal a kind of document is numbered in."""
        if kind in cls.AGREEMENTS:
            return cls.Series.AGREEMENT
        if kind in cls.AWARDS:
            return cls.Series.AWARD
        if kind in (cls.Kind.SUBJECT_REPLY, cls.Kind.NOMINATION):
            return cls.Series.LETTER
        if kind == cls.Kind.COOPERATION:
            return cls.Series.CONTRACT
        return cls.Series.ORDER

    @property
    def is_order(self) -> bool:
        return self.series == self.Series.ORDER

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.SIGNED, self.Status.CANCELLED)

    @property
    def cancelling_order(self) -> Document | None:
        """The signed order that cancelled this one (for a cancelled document: an order, or
        the order whose package it was signed in)."""
        if self.status != self.Status.CANCELLED:
            return None
        target = self.for_order if self.kind in self.AGREEMENTS and self.for_order else self
        return (
            Document.objects.filter(
                cancels=target, kind=self.Kind.CANCELLATION, status=self.Status.SIGNED
            )
            .order_by("pk")
            .first()
        )

    @property
    def paper(self) -> str:
        """What the paper is called in a file name or a PDF's title."""
        if self.series == self.Series.ORDER:
            return "Приказ"
        if self.series == self.Series.AGREEMENT:
            return "Дополнительное соглашение"
        if self.kind == self.Kind.NOMINATION:
            return "Представление"
        if self.kind == self.Kind.COOPERATION:
            return "Соглашение о сотрудничестве"
        if self.series == self.Series.LETTER:
            return "Письмо"
        return "Благодарность" if self.kind == self.Kind.THANKS else "Сертификат"

    @property
    def filename(self) -> str:
        if self.number:
            return f"{self.paper} № {self.number} от {date_numeric(self.signed_on)}.pdf"
        return f"{self.paper} (проект).pdf"


class NumberCounter(models.Model):
    """The last number given in an organization's journal of a year; locked while signing."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=20, choices=Document.Series.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("журнал номеров")
        verbose_name_plural = _("журналы номеров")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "series", "year"], name="number_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.series} {self.year}: {self.last}"


class OrderEffect(models.Model):
    """What a signed order found in one of its pairs or groups before it acted on it:
    cancelling the order puts exactly this back (mentoring.services.assignment_restore)."""

    document = models.ForeignKey(
        Document, verbose_name=_("приказ"), on_delete=models.CASCADE, related_name="effects"
    )
    assignment = models.ForeignKey(
        "mentoring.Assignment",
        verbose_name=_("пара или группа"),
        on_delete=models.CASCADE,
        related_name="order_effects",
    )
    before = models.JSONField(_("до приказа"))
    # and what it left: a cancellation puts `before` back only while the pair is still so
    after = models.JSONField(_("после приказа"), null=True, blank=True)

    class Meta:
        verbose_name = _("действие приказа")
        verbose_name_plural = _("действия приказов")
        constraints = [
            models.UniqueConstraint(fields=["document", "assignment"], name="order_effect_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.assignment_id}"
