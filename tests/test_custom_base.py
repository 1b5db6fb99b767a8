"""A site with its own base page (tests/custom_base), run as the project of its own it is."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_site_with_its_own_base_page_builds_every_page_type_from_the_mixins():
    # A process of its own: Django sets up its settings and apps once a process, and this one
    # has the example site's.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/custom_base", "--ds=tests.custom_base.settings"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
