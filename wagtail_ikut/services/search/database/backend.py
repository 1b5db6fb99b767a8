"""The directory searched on the database: its text index and the bit-set index in memory."""

from django.core.paginator import Paginator

from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS
from wagtail_ikut.services.search.database import text
from wagtail_ikut.services.search.database.index import (
    all_of,
    at_least,
    current_index,
)
from wagtail_ikut.services.search.database.vocabulary import Vocabulary
from wagtail_ikut.services.search.facets import FACETS
from wagtail_ikut.services.search.models import ServiceIndexVersion
from wagtail_ikut.services.search.request import Found, SearchBackend


class DatabaseBackend(SearchBackend):
    name = "database"

    def search(self, request, page_number, per_page):
        index = current_index(request.token, request.now)
        corrections = corrected_words(request)
        typed = request.word_groups
        groups = [text_group(part, corrections) for part in request.parts]
        text_bits = index.bits_of(text.matches(groups)) if groups else None
        shared = matching_but_facets(index, request, request.cleaned, text_bits)
        chosen = selected(index, request.cleaned)
        found = all_of(shared, chosen.values())
        # Each facet is counted with every filter but its own, so its other values stay open.
        facet_counts = {
            facet.name: facet.counts(
                index, all_of(shared, (v for k, v in chosen.items() if k != facet.name))
            )
            for facet in FACETS
        }
        total = found.bit_count()
        page = Paginator(range(total), per_page).get_page(page_number)
        start = max(page.start_index() - 1, 0)
        if request.near:
            ids = index.by_distance(*request.near, found, start, per_page)
        elif groups:
            ids = index.ranked(found, relevance(index, typed, groups), start, per_page)
        else:
            ids = index.in_title_order(found, start, per_page)
        page.object_list = ids
        return Found(
            page=page,
            total=total,
            facet_counts=facet_counts,
            flag_counts=index.flag_counts(found),
            statuses=index.statuses(ids, request.now),
            count=lambda cleaned: matching(index, request, cleaned, text_bits).bit_count(),
            corrections=tuple(corrections.values()),
        )


def text_group(part, corrections):
    """Return the alternatives a service must match one of for a query part (text.matches)."""
    if part.synonyms:
        return [
            alternative for words in (part.words, *part.synonyms) for alternative in as_group(words)
        ]
    # A corrected word matches its forms or its correction.
    [(word, terms)] = part.words
    return [*terms, corrections[word].term] if word in corrections else list(terms)


def as_group(words):
    """Return the alternatives matching all of ``words``: a word's own terms, or one phrase."""
    if len(words) == 1:
        return list(words[0][1])
    return [tuple(terms for _word, terms in words)]


def corrected_words(request):
    """Return {word: Correction} for the query words that no indexed term has as typed.

    A word of an editor's synonym set is no typo, even where the index has only the set's
    other entries.
    """
    if not request.words or request.cleaned.get("exact"):
        return {}
    locale_id = request.directory.locale_id
    vocabulary = ServiceIndexVersion.until_changed(
        request.token, ("vocabulary", locale_id), lambda: Vocabulary(locale_id)
    )
    found = {
        word: vocabulary.correction(word, terms)
        for part in request.parts
        if not part.synonyms
        for word, terms in part.words
    }
    return {word: correction for word, correction in found.items() if correction}


def relevance(index, typed, groups):
    """Return the criteria that order a text search's results, most telling first.

    The services that match the words as typed come before those found only by a corrected
    typo or an editor's synonym; then those with more of the words in their title, then more
    of them whole in the title (not only as the start of a longer term), then those with
    shorter titles, whose title is more nearly the search. A run of words that is a synonym
    counts as one word, matched by any entry of its set.
    """
    as_typed = [[index.bits_of(text.matches(typed))]] if typed != groups else []
    titles = [index.bits_of(text.matches([group], title_only=True)) for group in groups]
    by_title = at_least(-1, titles)
    whole = [
        index.bits_of(text.matches([group], title_only=True, whole=True)) if title else 0
        for group, title in zip(groups, titles, strict=True)
    ]
    # A title's length tells only of the titles that have a word of the search.
    in_title = by_title[-1]
    return [
        *as_typed,
        by_title,
        at_least(-1, whole),
        [in_title & length for length in index.title_lengths],
    ]


def matching(index, request, cleaned, text_bits):
    """Return the bit set of the services matching everything in ``cleaned``."""
    return all_of(
        matching_but_facets(index, request, cleaned, text_bits), selected(index, cleaned).values()
    )


def matching_but_facets(index, request, cleaned, text_bits):
    """Return the bit set of the services matching ``cleaned`` but its facets: the directory,
    the text, the flags and "open now"."""
    found = index.scope(request.directory)
    if request.among is not None:
        found &= index.bits_of(request.among)
    for name in LOW_THRESHOLD_FLAGS:
        if cleaned.get(name):
            found &= index.flags[name]
    if cleaned.get("open_now"):
        found &= index.open_at(request.now)
    if cleaned.get("q") and text_bits is not None:
        found &= text_bits
    return found


def selected(index, cleaned):
    """Return, for each facet with values in ``cleaned``, the bit set of the services having
    any of them."""
    return {
        facet.name: facet.bits(index, cleaned[facet.name])
        for facet in FACETS
        if cleaned.get(facet.name)
    }
