"""The Finnish and Swedish catalogues are complete, compiled and cover every current string."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

import wagtail_ikut

PACKAGE = Path(wagtail_ikut.__file__).parent
LANGUAGES = ["fi", "sv"]


def catalogue(language, extension="po", package=PACKAGE):
    return package / "locale" / language / "LC_MESSAGES" / f"django.{extension}"


def msgids(po):
    return {entry.msgid for entry in po if not entry.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    po = polib.pofile(catalogue(language))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language):
    po = polib.pofile(catalogue(language))
    mo = polib.mofile(catalogue(language, "mo"))
    assert {e.msgid: e.msgstr for e in mo} == {e.msgid: e.msgstr for e in po.translated_entries()}


def test_the_catalogues_hold_every_string_in_the_code(tmp_path):
    copy = tmp_path / "wagtail_ikut"
    shutil.copytree(PACKAGE, copy)
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=LANGUAGES, verbosity=0)
    finally:
        os.chdir(cwd)
    for language in LANGUAGES:
        current = msgids(polib.pofile(catalogue(language, package=copy)))
        committed = msgids(polib.pofile(catalogue(language)))
        assert current - committed == set(), f"run makemessages: {language} lacks these"
