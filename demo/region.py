"""A region in one database: copies of the demo school, made by bulk inserts (`seed_region`).

A copy holds every row the demo school owns — its people with their profiles, consents and
history, pairs and groups with their plans, meetings and observations, the roadmap, documents
with their signed PDFs, questionnaires with their answers, semester reports — and the staff
who log in to it (usernames with the copy's number: `curator-r2`). Which rows a school owns is
read from the models: a row belongs to the school its `organization` names, or else to the
owner of its first foreign key into the school's rows (a plan event to its task, a task to its
plan, …); history rows follow the object they record. A foreign key to a row that was copied
is pointed at the copy; one to shared rows (the mentoring forms, the academic years) or to
another school (a network pair's mentor) stays as it was.

No signals are sent and no service runs: this is test data of the demo's shape, for measuring
a region (bench/region.py), not a way to create a school.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, transaction

from accounts.models import Organization, User

APPS = frozenset({"accounts", "registry", "mentoring", "documents", "monitoring", "privacy"})
# What a school's copy leaves out: logs and per-user state (card openings, background jobs
# and their files, calendar feeds, read marks), the school's data version (made when asked).
LEFT_OUT = frozenset(
    {"registry.cardview", "accounts.job", "privacy.subjectrequest", "accounts.calendarfeed",
     "accounts.noticeseen", "accounts.schooldataversion", "accounts.coordinator"}
)  # fmt: skip
BATCH = 2000


@dataclass
class Owned:
    """One model's rows of the school: how a row reaches the school, and the rows read."""

    model: type[models.Model]
    owner: models.ForeignKey  # the key the row belongs through
    path: str  # the lookup from the model to the organization
    rows: list[dict] = field(default_factory=list)

    @property
    def history_of(self) -> type[models.Model] | None:
        return getattr(self.model, "instance_type", None)  # django-simple-history's record


def school_models() -> list[Owned]:
    """The models whose rows a school owns, each after the models its keys point to."""
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPS
        and m._meta.label_lower not in LEFT_OUT
        and m not in (Organization, User)
    ]
    keys = {
        m: [f for f in m._meta.concrete_fields if f.many_to_one or f.one_to_one] for m in candidates
    }
    owners: dict[type[models.Model], models.ForeignKey] = {}
    while True:  # who owns rows: the school, or a model whose rows it owns
        found = {m: o for m in candidates if m not in owners and (o := _owner(keys[m], owners))}
        if not found:
            break  # the rest are shared lists (forms, competencies, academic years)
        owners.update(found)
    owned: dict[type[models.Model], Owned] = {}
    while len(owned) < len(owners):
        for model, owner in owners.items():
            if model in owned:
                continue
            waits: set[Any] = {f.related_model for f in keys[model]}
            waits.add(getattr(model, "instance_type", None))
            if any(w in owners and w not in owned and w is not model for w in waits):
                continue
            target: Any = owner.related_model
            path = owner.name if target is Organization else f"{owner.name}__{owned[target].path}"
            owned[model] = Owned(model, owner, path)
    return list(owned.values())


def _owner(keys, owners) -> models.ForeignKey | None:
    for key in keys:
        if key.name == "organization" and key.related_model is Organization:
            return key
    for key in keys:
        if key.related_model in owners:
            return key
    return None


@dataclass
class Template:
    """The demo school's rows, read once, copied as many times as asked."""

    school: Organization
    users: list[dict]
    owned: list[Owned]


def read_school(school: Organization) -> Template:
    owned = school_models()
    for each in owned:
        names = [f.attname for f in each.model._meta.concrete_fields]
        each.rows = list(
            each.model._base_manager.filter(**{each.path: school}).order_by("pk").values(*names)
        )
    user_fields = [f.attname for f in User._meta.concrete_fields]
    users = list(
        User.objects.filter(memberships__organization=school).distinct().values(*user_fields)
    )
    return Template(school, users, owned)


@transaction.atomic
def copy_school(template: Template, number: int) -> Organization:
    """The template school's copy number `number`: slug `<slug>-r<number>`, every row its own."""
    source = template.school
    maps: dict[type[models.Model], dict] = {}
    maps[User] = _insert(
        User,
        [
            {**row, "username": f"{row['username']}-r{number}", "email": _email(row, number)}
            for row in template.users
        ],
        maps,
    )
    organization = Organization.objects.get(pk=source.pk)
    organization.pk = None
    organization.slug = f"{source.slug}-r{number}"
    organization.short_name = f"{source.short_name} (копия {number})"
    organization.full_name = f"{source.full_name} (копия {number})"
    organization.director_id = maps[User].get(source.director_id, source.director_id)
    organization.save(force_insert=True)
    maps[Organization] = {source.pk: organization.pk}
    for each in template.owned:
        history_of = each.history_of
        rows = []
        for row in each.rows:
            owner_model: Any = each.owner.related_model
            if row[each.owner.attname] not in maps[owner_model]:
                continue  # its owner is not the school's (a network pair's mentor)
            if history_of is not None:
                if row["id"] not in maps[history_of]:
                    continue  # the history of a row since deleted
                row = {**row, "id": maps[history_of][row["id"]]}
            rows.append(row)
        maps[each.model] = _insert(each.model, rows, maps)
    return organization


def _email(row: dict, number: int) -> str:
    if not row.get("email"):
        return ""
    name, _at, domain = row["email"].partition("@")
    return f"{name}+r{number}@{domain}"


def _insert(model: type[models.Model], rows: Iterable[dict], maps: dict) -> dict:
    """Insert copies of `rows` with their keys pointed at the copies; {old pk: new pk}."""
    pk = model._meta.pk
    keys = [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
    own_keys = [f for f in keys if f.related_model is model]  # set after, when all exist
    objects: list[models.Model] = []
    old_pks: list[Any] = []
    later: list[tuple[int, str, Any]] = []
    for row in rows:
        new = dict(row)
        old_pks.append(new.pop(pk.attname))
        for key in keys:
            value = new.get(key.attname)
            if value is None:
                continue
            if key in own_keys:
                new[key.attname] = None
                later.append((len(objects), key.attname, value))
            elif key.related_model in maps:
                new[key.attname] = maps[key.related_model].get(value, value)
        objects.append(model(**new))
    model._base_manager.bulk_create(objects, batch_size=BATCH)
    mapping = {old: obj.pk for old, obj in zip(old_pks, objects, strict=True)}
    if later:
        changed = []
        for index, attname, value in later:
            setattr(objects[index], attname, mapping.get(value, value))
            changed.append(objects[index])
        model._base_manager.bulk_update(changed, {a for _i, a, _v in later}, batch_size=BATCH)
    return mapping
