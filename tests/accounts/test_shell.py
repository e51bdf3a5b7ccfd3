"""The shell: login, per-role home pages, organization switching, error pages, headers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.conftest import member
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_russian(client):
    response = client.get(reverse("login"))
    text = response.content.decode()
    assert "Вход в портал" in text
    assert 'lang="ru"' in text


def test_login_with_wrong_password_shows_russian_error(client, curator):
    response = client.post(reverse("login"), {"username": "curator_a", "password": "wrong"})
    assert "Неверное имя пользователя или пароль." in response.content.decode()


def test_login_rotates_session_and_lands_on_home(client, curator):
    client.get(reverse("login"))
    before = client.session.session_key
    response = client.post(
        reverse("login"), {"username": "curator_a", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session.session_key != before


def test_logout_is_post_only_and_clears_session(client, curator):
    client.force_login(curator)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_anonymous_home_redirects_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_curator_home_shows_role_and_registry_counts(client, curator, teacher, mentee):
    client.force_login(curator)
    text = client.get(reverse("home")).content.decode()
    assert "Куратор" in text
    assert "Реестры школы" in text
    assert "в базе наставников" in text


def test_teacher_home_has_no_registry_panel(client, teacher):
    client.force_login(teacher)
    text = client.get(reverse("home")).content.decode()
    assert "Педагог" in text
    assert "Реестры школы" not in text


def test_user_without_organization_is_told_to_ask_admin(client):
    client.force_login(UserFactory(username="lonely"))
    text = client.get(reverse("home")).content.decode()
    assert "не состоите ни в одной образовательной организации" in text


def test_switching_organization_changes_roles(client, school):
    second = OrganizationFactory(short_name="МБОУ «СШ № 4»")
    user = member(school, "both", Role.TEACHER)
    MembershipFactory(user=user, organization=second, roles=[Role.CURATOR])
    client.force_login(user)
    assert "Реестры школы" not in client.get(reverse("home")).content.decode()
    response = client.post(reverse("organization-switch"), {"organization": second.pk})
    assert response.status_code == 302
    text = client.get(reverse("home")).content.decode()
    assert "Реестры школы" in text
    assert "МБОУ «СШ № 4»" in text


def test_cannot_switch_to_a_foreign_organization(client, curator, other_school):
    client.force_login(curator)
    response = client.post(reverse("organization-switch"), {"organization": other_school.pk})
    assert response.status_code == 404


def test_role_check_gives_russian_403(client, teacher, rf):
    from django.core.exceptions import PermissionDenied

    from accounts.access import NO_ROLE
    from accounts.policy import allowed

    @allowed("documents.prepare")
    def view(request):
        raise AssertionError("must not run")

    request = rf.get("/")
    request.roles = frozenset({Role.TEACHER})
    with pytest.raises(PermissionDenied, match=NO_ROLE):
        view(request)


def test_404_page_is_russian(client, curator):
    client.force_login(curator)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_private_pages_are_not_cached_and_carry_security_headers(client, curator):
    client.force_login(curator)
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src


def test_login_locks_after_repeated_failures(client, curator):
    for _ in range(5):
        client.post(reverse("login"), {"username": "curator_a", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "curator_a", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Вход временно заблокирован" in response.content.decode()


def test_director_corrects_the_official_name(client, school, director):
    client.force_login(director)
    response = client.post(
        reverse("organization"),
        {
            "full_name": "  муниципальное бюджетное   общеобразовательное учреждение «СШ № 19» ",
            "short_name": "МБОУ «СШ № 19»",
            "address": "г. Хабаровск, ул. Школьная, 19",
            "locality": "г. Хабаровск",
            "director": director.pk,
            "signature": "electronic",
            "retention_years": "5",
        },
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.full_name == "муниципальное бюджетное общеобразовательное учреждение «СШ № 19»"
    assert school.director == director
    page = client.get(reverse("organization")).content.decode()
    assert "Сведения об организации сохранены." in page


@pytest.mark.parametrize(
    "inn, error",
    [
        ("2721012341", None),
        ("2721012342", "контрольная цифра не сходится"),
        ("272101234", "10 цифр"),
        ("27210123४1", "10 цифр"),  # a Devanagari digit is a digit to str.isdigit()
    ],
)
def test_the_schools_phone_and_inn_are_entered_and_the_inn_checked(
    client, school, director, inn, error
):
    client.force_login(director)
    data = {
        "full_name": school.full_name, "short_name": school.short_name, "director": director.pk,
        "signature": "electronic", "retention_years": "5", "phone": " 8 (4212)  45-67-89 ",
        "inn": inn,
    }  # fmt: skip
    response = client.post(reverse("organization"), data)
    school.refresh_from_db()
    if error is None:
        assert (school.phone, school.inn) == ("8 (4212) 45-67-89", inn)
        page = client.get(reverse("organization")).content.decode()
        assert "8 (4212) 45-67-89" in page and inn in page
    else:
        assert error in response.content.decode()
        assert school.inn == ""


def test_director_must_hold_the_director_role(client, school, director, teacher):
    client.force_login(director)
    response = client.post(
        reverse("organization"),
        {"full_name": school.full_name, "short_name": "x", "director": teacher.pk},
    )
    assert response.status_code == 200
    school.refresh_from_db()
    assert school.director_id is None
    assert "Выберите корректный вариант" in response.content.decode()


def test_deputy_sees_but_cannot_edit_the_organization(client, school, deputy):
    client.force_login(deputy)
    page = client.get(reverse("organization")).content.decode()
    assert school.full_name in page
    assert "Исправить сведения" not in page
    response = client.post(reverse("organization"), {"full_name": "x" * 20, "short_name": "y"})
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.short_name == "МБОУ «СШ № 19»"


def test_teacher_has_no_organization_page(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("organization")).status_code == 403


def test_500_page_is_russian_and_standalone(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()


def test_403_page_explains_in_russian(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("organization"))
    assert response.status_code == 403
    assert "У вас нет роли, дающей доступ к этой странице." in response.content.decode()


def test_the_home_page_greets_by_name_or_login_without_a_stray_space(client, school):
    from accounts.models import Role
    from tests.conftest import member

    named = member(school, "named", Role.CURATOR, first_name="Анна", middle_name="Сергеевна")
    client.force_login(named)
    assert "Здравствуйте, Анна Сергеевна!" in client.get(reverse("home")).content.decode()
    bare = member(school, "admin", Role.CURATOR, first_name="", middle_name="")
    client.force_login(bare)
    assert "Здравствуйте, admin!" in client.get(reverse("home")).content.decode()


def test_the_admin_names_every_app_in_russian(client, db):
    from accounts.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "correct-horse-battery")
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "Защита входа" in page and "Фоновые задачи" in page
    assert "Axes" not in page and "Tasks Database Backend" not in page


def test_the_low_vision_version_is_a_switch_anyone_can_turn_on_and_off(client, curator):
    from django.urls import reverse

    login = client.get(reverse("login")).content.decode()
    assert "Версия для слабовидящих" in login and 'class="low-vision"' not in login
    response = client.post(reverse("low-vision"), {"next": reverse("login")})
    assert response.url == reverse("login") and response.cookies["low_vision"].value == "1"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="ru" class="low-vision">' in page and "Обычная версия" in page
    client.force_login(curator)
    back = client.post(reverse("low-vision"), {"next": "https://evil.example/"})
    assert back.url == reverse("home")  # never off-site
    assert back.cookies["low_vision"].value == ""  # turned off again
    assert 'class="low-vision"' not in client.get(reverse("home")).content.decode()


def test_the_menu_groups_a_curators_pages_in_two_drop_downs(client, curator, school):
    from django.urls import reverse

    from tests.pages import visible_text

    client.force_login(curator)
    html = client.get(reverse("home")).content.decode()
    nav = html.split('aria-label="Главное меню"')[1].split("</nav>")[0]
    top = [
        label
        for label in ("Люди", "Документы", "Наставничество", "Мониторинг", "Организация")
        if label in visible_text(nav)
    ]
    assert top == ["Люди", "Документы", "Наставничество", "Мониторинг", "Организация"] or set(
        top
    ) == {"Люди", "Документы", "Наставничество", "Мониторинг", "Организация"}
    assert nav.count('class="nav-item dropdown"') >= 2
    assert 'aria-labelledby="menu-mentoring"' in nav and "Дорожная карта" in nav
    assert 'aria-labelledby="menu-monitoring"' in nav and "Справки" in nav
    top_level = nav.count('<li class="nav-item">')
    assert top_level <= 6, f"{top_level} top-level items"


def test_behind_the_proxy_a_lockout_holds_one_client_not_the_account(client, curator, settings):
    """#18 item 6: behind the reverse proxy every request comes from its address; five wrong
    passwords from one client lock that client out of the account, not its owner elsewhere,
    and a forged X-Forwarded-For on the left changes nothing."""
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"}
    owner = {**proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    login = reverse("login")
    for headers in [attacker] * 4 + [forged]:
        client.post(login, {"username": "curator_a", "password": "wrong"}, **headers)
    right = {"username": "curator_a", "password": "correct-horse-battery"}
    assert client.post(login, right, **attacker).status_code == 429
    response = client.post(login, right, **owner)
    assert response.status_code == 302 and response.url == reverse("home")


def test_an_htmx_request_of_an_expired_session_goes_to_the_login_page_whole(client, curator):
    """#26: the login page is never swapped into a fragment: the answer is HX-Redirect to it,
    back to the page the request came from."""
    from django.urls import reverse

    response = client.get(
        reverse("notices"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/mentoring/assignments/?page=2",
    )
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"] == "/login/?next=%2Fmentoring%2Fassignments%2F%3Fpage%3D2"
    plain = client.get(reverse("notices"))
    assert plain.status_code == 302 and "HX-Redirect" not in plain
