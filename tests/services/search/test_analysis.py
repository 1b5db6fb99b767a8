"""The embedded search backend's text analysis finds inflected and compound forms.

Finnish runs twice: with Voikko (Debian libvoikko1 and voikko-fi, installed by the test
runner) and with the Snowball stemmer it falls back to, so the gap between them stays visible.
"""

import logging
import sys
import threading
import types
import unicodedata

import pytest

from wagtail_ikut.services.search import analysis
from wagtail_ikut.services.search.analysis import (
    analyse,
    backend_name,
    is_stop_word,
    query_terms,
    voikko_available,
)

needs_voikko = pytest.mark.skipif(
    not voikko_available(), reason="Voikko is not installed (Debian libvoikko1 and voikko-fi)"
)


def finds(query, document, language, use_voikko=True):
    """Return whether every word of a query matches one of the document's index terms."""
    indexed = set(analyse(document, language, use_voikko=use_voikko))
    words = query_terms(query, language, use_voikko=use_voikko)
    return bool(words) and all(set(alternatives) & indexed for alternatives in words)


def is_word_character(char):
    """Return whether a character may appear in an index term."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def snowball_finds(query, document):
    """Return whether a Finnish query finds a document with Snowball rather than Voikko."""
    return finds(query, document, "fi", use_voikko=False)


@pytest.fixture
def without_voikko(monkeypatch):
    """Make this process behave as if Voikko were not installed."""
    monkeypatch.setattr(analysis, "_voikko", False)


# Finnish with Snowball


def test_snowball_finnish_finds_endings_it_strips():
    assert snowball_finds("oikeusapu", "oikeusapua")
    assert snowball_finds("uhri", "uhreille")
    assert snowball_finds("ihmiskauppa", "ihmiskaupan")
    assert snowball_finds("työnhaku", "työnhakuun")


def test_snowball_finnish_misses_stem_changes_and_compound_parts():
    # Documented gaps that Voikko closes (see the Voikko tests below).
    assert not snowball_finds("aikuinen", "aikuisille")
    assert not snowball_finds("uhri", "uhreja")
    assert not snowball_finds("Helsinki", "Helsingissä")
    assert not snowball_finds("maksuton", "maksutonta")
    assert not snowball_finds("rikos", "rikoksen")
    assert not snowball_finds("apu", "oikeusapua")


def test_snowball_finnish_indexes_one_stem_per_word():
    assert analyse("Maksutonta oikeusapua Helsingissä", "fi", use_voikko=False) == [
        "maksuton",
        "oikeusapu",
        "helsing",
    ]
    assert backend_name("fi", use_voikko=False) == "snowball"


# Finnish with Voikko


@needs_voikko
def test_voikko_is_used_for_finnish_when_installed():
    assert backend_name("fi") == "voikko"
    assert backend_name("fi-FI") == "voikko"
    assert backend_name("sv") == "snowball"


@needs_voikko
def test_voikko_finds_inflected_forms_by_their_base_form():
    assert finds("aikuinen", "Neuvontaa aikuisille", "fi")
    assert finds("uhri", "uhreja", "fi")
    assert finds("uhri", "uhreille", "fi")
    assert finds("Helsinki", "Toimipiste Helsingissä", "fi")
    assert finds("maksuton", "maksutonta", "fi")
    assert finds("rikos", "rikoksen uhrit", "fi")
    assert finds("Helsingissä", "Helsinki", "fi")


@needs_voikko
def test_voikko_indexes_the_base_forms_of_compound_parts():
    assert analyse("oikeusapua", "fi") == ["oikeusapu", "oikeus", "apu"]
    assert "helsinki" in analyse("Helsingissä", "fi")
    assert finds("oikeusapu", "oikeusapua", "fi")
    assert finds("apu", "oikeusapua", "fi")
    assert finds("kauppa", "ihmiskaupan", "fi")
    assert finds("ihminen", "ihmiskaupan", "fi")
    assert finds("työntekijä", "sosiaalityöntekijälle", "fi")
    assert finds("sosiaalityö", "sosiaalityöntekijälle", "fi")
    assert finds("mielenterveys", "Mielenterveyspalvelut", "fi")
    assert finds("kotoutuminen", "kotoutumiskoulutus", "fi")


@needs_voikko
def test_voikko_query_word_matches_its_base_forms_not_its_parts():
    # Otherwise "oikeusapu" would find every text that mentions "apu".
    assert query_terms("oikeusapua", "fi") == [["oikeusapu"]]
    assert not finds("oikeusapu", "apua", "fi")


@needs_voikko
def test_voikko_lists_every_reading_of_an_ambiguous_word():
    assert query_terms("oikeusavun", "fi") == [["oikeusapu", "oikeusavu"]]


@needs_voikko
def test_voikko_stems_a_word_it_does_not_know():
    assert analyse("ESR-rahoitteinen", "fi") == analyse("ESR-rahoitteinen", "fi", use_voikko=False)
    assert finds("rahoitteinen", "ESR-rahoitteinen", "fi")


@needs_voikko
def test_voikko_gives_the_same_terms_from_many_threads():
    words = "aikuisille uhreja oikeusapua Helsingissä sosiaalityöntekijälle tulkkauspalvelua"
    expected = analyse(words, "fi")
    analysis._voikko_terms.cache_clear()
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(analyse(words, "fi"))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


def test_finnish_falls_back_to_snowball_without_voikko(without_voikko):
    assert backend_name("fi") == "snowball"
    assert analyse("uhreille", "fi") == ["uhr"]


def test_missing_voikko_binding_is_logged_once(monkeypatch, caplog):
    monkeypatch.setattr(analysis, "_voikko", None)
    monkeypatch.setitem(sys.modules, "libvoikko", None)
    with caplog.at_level(logging.INFO, logger=analysis.__name__):
        assert not voikko_available()
        assert not voikko_available()
        assert analyse("uhreille", "fi") == ["uhr"]
    assert len(caplog.records) == 1
    assert "Snowball" in caplog.records[0].getMessage()


def test_missing_voikko_library_or_dictionary_falls_back(monkeypatch, caplog):
    class VoikkoException(Exception):
        pass

    def no_dictionary(language):
        raise VoikkoException("Initialization of Voikko failed: No valid dictionaries")

    def no_library(language):
        raise OSError("libvoikko.so.1: cannot open shared object file")

    for voikko in (no_dictionary, no_library):
        fake = types.SimpleNamespace(Voikko=voikko, VoikkoException=VoikkoException)
        monkeypatch.setattr(analysis, "_voikko", None)
        monkeypatch.setitem(sys.modules, "libvoikko", fake)
        with caplog.at_level(logging.INFO, logger=analysis.__name__):
            assert backend_name("fi") == "snowball"
    assert len(caplog.records) == 2


# Swedish and English


def test_swedish_finds_definite_forms_snowball_strips():
    assert finds("rådgivning", "Rådgivningen", "sv")
    assert finds("stöd", "stödet", "sv")
    assert finds("tolk", "tolken", "sv")


def test_swedish_definite_and_genitive_forms_meet_their_base_forms():
    # Snowball alone leaves "boendet" and "hemmet" whole, and stems "offer" and "offren",
    # "människohandel" and "människohandelns" apart.
    for query, document in (
        ("boende", "boendet"),
        ("skyddshem", "skyddshemmet skyddshemmen skyddshemmets"),
        ("offer", "offret offren"),
        ("brottsoffer", "brottsoffren"),
        ("människohandel", "människohandeln människohandelns"),
        ("kvinna", "kvinnan"),
    ):
        assert set(analyse(document, "sv")) == set(analyse(query, "sv")), query


def test_a_swedish_base_form_ending_as_a_definite_form_keeps_its_stem():
    # "arbete" less its "e" ends in "-et", but is no definite form: it stems as "arbetet" does.
    assert analyse("arbete arbetet", "sv") == ["arbet", "arbet"]


def test_a_swedish_compound_is_found_by_its_last_part_but_does_not_search_for_it():
    assert finds("telefon", "Hjälptelefonen för brottsoffer", "sv")
    assert finds("hem", "Skyddshemmet", "sv")
    assert finds("kvinnor", "Skyddshem för invandrarkvinnor", "sv")
    # The compound itself searches for the whole only, as a Finnish one does.
    assert query_terms("hjälptelefon", "sv") == [["hjälptelefon"]]
    # A word is no compound of a last part with too little before it.
    assert analyse("ohem", "sv") == ["ohem"]


def test_stop_words_are_words_that_only_join_the_others():
    assert is_stop_word("i", "sv") and is_stop_word("for", "en-GB") and is_stop_word("ja", "fi")
    # Words that say what a visitor needs are no stop words.
    for word, code in (("ilman", "fi"), ("ei", "fi"), ("utan", "sv"), ("without", "en")):
        assert not is_stop_word(word, code), word


def test_english_finds_other_forms_of_a_word():
    assert finds("trafficking", "trafficked", "en")
    assert finds("victim", "Help for victims", "en")
    assert finds("shelter", "Children’s shelters", "en")
    assert backend_name("en-GB") == "snowball"


# Words and terms


def test_other_languages_are_only_lower_cased():
    assert analyse("Hilfe für Opfer", "de") == ["hilfe", "für", "opfer"]
    assert analyse("Русский язык", "ru") == ["русский", "язык"]
    assert backend_name("de") == "lowercase"
    assert backend_name("") == "lowercase"


def test_language_codes_are_read_by_their_primary_subtag():
    assert analyse("uhreille", "FI_fi", use_voikko=False) == ["uhr"]
    assert analyse("rådgivningen", "sv-FI") == ["rådgivning"]


def test_text_is_normalised_before_it_is_split():
    assert analyse("A\u0308ITI ＥＵ", "xx") == ["äiti", "eu"]


def test_hyphen_splits_a_compound_and_a_colon_ending_is_dropped():
    assert analyse("ESR-rahoitteinen", "xx") == ["esr", "rahoitteinen"]
    assert analyse("EU:n ja Kela:lta", "xx") == ["eu", "ja", "kela"]
    assert analyse("EU:s stöd", "sv") == ["eu", "stöd"]
    assert analyse("klo 10:30", "xx") == ["klo", "10", "30"]


def test_apostrophe_stays_inside_a_word_but_not_in_its_term():
    assert analyse("Children's", "xx") == ["childrens"]
    assert analyse("children’s", "en") == ["children"]


def test_combining_marks_stay_inside_a_word():
    assert analyse("हिन्दी भाषा", "hi") == ["हिन्दी", "भाषा"]
    assert analyse("ภาษาไทย", "th") == ["ภาษาไทย"]


def test_each_word_keeps_its_place_and_repeats_its_terms():
    assert analyse("uhri apua uhri", "fi", use_voikko=False) == ["uhr", "apu", "uhr"]
    assert query_terms("uhri apua", "fi", use_voikko=False) == [["uhr"], ["apu"]]


@pytest.mark.parametrize("use_voikko", [True, False])
@pytest.mark.parametrize("language", ["fi", "sv", "en", "ar"])
def test_every_query_word_finds_itself(language, use_voikko):
    text = "Oikeusapua ihmiskaupan uhreille Helsingissä, rådgivningen, trafficked, مساعدة"
    for word in text.split():
        assert finds(word, word, language, use_voikko=use_voikko)


@pytest.mark.parametrize("use_voikko", [True, False])
@pytest.mark.parametrize("language", ["fi", "sv", "en", "ar"])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "?!… — «»",
        "😀🙈 🇫🇮",
        "русский язык",
        "مساعدة لضحايا الاتجار بالبشر",
        "Hilfe 救助 ヘルプ ✓ \u0000 \ufeff a\u0301",
        "a" * 10_000,
        "uhreja, oikeusapua; " * 500,
    ],
)
def test_odd_input_never_raises_and_gives_clean_terms(text, language, use_voikko):
    terms = analyse(text, language, use_voikko=use_voikko)
    alternatives = query_terms(text, language, use_voikko=use_voikko)
    assert len(alternatives) <= len(terms)
    assert all(term and all(is_word_character(char) for char in term) for term in terms)


def test_empty_text_has_no_terms():
    assert analyse("", "fi") == []
    assert query_terms("", "fi") == []
    assert analyse("?! …", "sv") == []
