"""The example site's production settings, as `manage.py` loads them from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

EXAMPLE_PROJECT = Path(__file__).resolve().parents[2] / "example_project"

#: What a deployment sets, with a proxy in front that ends TLS.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "ikut_site.settings_production",
    "DJANGO_SECRET_KEY": get_random_secret_key(),
    "DJANGO_ALLOWED_HOSTS": "www.kunta.example, kunta.example",
    "WAGTAILADMIN_BASE_URL": "https://www.kunta.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://kunta.example",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "DATABASE_URL": "postgres://ikut@db.kunta.example/ikut",
}


def manage(*args, environment):
    # Only the variables given reach the settings: none of this suite's, nor the caller's.
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "WAGTAILADMIN_BASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE_PROJECT,
        env=inherited | environment,
        capture_output=True,
        text=True,
    )


def test_the_deployment_checks_find_nothing_to_warn_about():
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def without(name):
    return {key: value for key, value in ENVIRONMENT.items() if key != name}


@pytest.mark.parametrize(
    ("name", "environment"),
    [
        ("DJANGO_SECRET_KEY", without("DJANGO_SECRET_KEY")),
        # Not the base settings' demo key, nor an empty one.
        ("DJANGO_SECRET_KEY", ENVIRONMENT | {"DJANGO_SECRET_KEY": " "}),
        ("DJANGO_ALLOWED_HOSTS", without("DJANGO_ALLOWED_HOSTS")),
        ("WAGTAILADMIN_BASE_URL", without("WAGTAILADMIN_BASE_URL")),
    ],
    ids=["no secret key", "blank secret key", "no allowed hosts", "no admin base URL"],
)
def test_without_a_required_variable_the_site_refuses_to_start(name, environment):
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert (
        "django.core.exceptions.ImproperlyConfigured: "
        f"Set the environment variable {name} for production."
    ) in result.stderr
