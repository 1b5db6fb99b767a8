from django.core.management import call_command
from django.test import TestCase


class MigrationTests(TestCase):
    def test_the_package_and_the_site_need_no_new_migrations(self):
        # Exits (SystemExit) if the models and the migrations disagree.
        call_command(
            "makemigrations", "wagtail_ikut", "custom_base", check=True, dry_run=True, verbosity=0
        )
