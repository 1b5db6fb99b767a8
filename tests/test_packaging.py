"""The promise "drop it into your own site": the built wheel in a brand-new Wagtail project."""

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.packaging

SETTINGS_ADDITIONS = """
INSTALLED_APPS = ["wagtail_ikut", "wagtail_localize", "wagtail_localize.locales", "wagtail.api.v3",
                  "ninja", *INSTALLED_APPS]
WAGTAIL_I18N_ENABLED = True
LANGUAGE_CODE = "fi"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
WAGTAIL_IKUT = {"DEFAULT_PHONE_REGION": "FI"}
"""

URLS_ADDITIONS = """
from wagtail.api.v3.urls import api
urlpatterns.insert(0, path("api/v3/", api.urls))
"""

# Run inside the new project: log in as an admin, read the admin menu, listings and the API.
PROBE = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
get_user_model().objects.create_superuser("kunta", "kunta@example.com", "kunta-salasana")
client = Client()
client.login(username="kunta", password="kunta-salasana")
listings = {
    model: client.get(f"/admin/snippets/wagtail_ikut/{model}/").status_code
    for model in ("organisation", "municipality", "language", "servicecategory",
                  "targetgroup", "coursetheme")
}
print(json.dumps({
    "menu": client.get("/admin/").content.decode(),
    "listings": listings,
    "openapi_status": client.get("/api/v3/openapi.json").status_code,
    "openapi_paths": list(client.get("/api/v3/openapi.json").json()["paths"]),
}))
"""


def run(*args, cwd=None):
    # The new project has its own settings and database; none of this suite's may leak in.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH"}
    }
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def municipality_site(tmp_path_factory):
    """Build the wheel, install it into a new virtualenv and start a Wagtail project there."""
    tmp = tmp_path_factory.mktemp("dropin")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", tmp / "dist", ROOT)
    [wheel] = (tmp / "dist").glob("wagtail_ikut-*.whl")
    venv.create(tmp / "venv", with_pip=True)
    python = tmp / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel)
    site = tmp / "site"
    site.mkdir()
    run(tmp / "venv" / "bin" / "wagtail", "start", "municipality", site)
    with open(site / "municipality" / "settings" / "base.py", "a") as settings:
        settings.write(SETTINGS_ADDITIONS)
    with open(site / "municipality" / "urls.py", "a") as urls:
        urls.write(URLS_ADDITIONS)
    run(python, "manage.py", "migrate", "--noinput", cwd=site)
    return python, site, wheel


def test_the_wheel_carries_templates_static_files_and_translations(municipality_site):
    _python, _site, wheel = municipality_site
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "wagtail_ikut/templates/wagtail_ikut/base.html",
        "wagtail_ikut/static/wagtail_ikut/css/ikut.css",
        "wagtail_ikut/locale/fi/LC_MESSAGES/django.mo",
        "wagtail_ikut/locale/sv/LC_MESSAGES/django.mo",
        "wagtail_ikut/migrations/0001_initial.py",
    ):
        assert expected in names


def test_the_new_project_passes_the_system_checks(municipality_site):
    python, site, _wheel = municipality_site
    assert "no issues" in run(python, "manage.py", "check", cwd=site)


def test_the_admin_lists_the_packages_snippets(municipality_site):
    python, site, _wheel = municipality_site
    output = run(python, "manage.py", "shell", "--no-imports", "-c", PROBE, cwd=site)
    result = json.loads(output)
    # The new project's language is Finnish: the menu shows the wheel's Finnish catalogue.
    assert '"label": "Apua uhreille"' in result["menu"]
    for model in result["listings"]:
        assert f'"url": "/admin/snippets/wagtail_ikut/{model}/"' in result["menu"]
    assert set(result["listings"].values()) == {200}
    assert result["openapi_status"] == 200
    # The package's routers join Wagtail's API with no code in the project.
    assert "/api/v3/services/" in result["openapi_paths"]


def test_the_demo_content_loads_in_the_new_project(municipality_site):
    python, site, _wheel = municipality_site
    assert "Demo content ready" in run(python, "manage.py", "ikut_demo", cwd=site)
