"""The directory searched on the database: its text index and the bit-set index in memory."""

from django.core.paginator import Paginator

from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS
from wagtail_ikut.services.search.database import text
from wagtail_ikut.services.search.database.index import all_of, current_index
from wagtail_ikut.services.search.facets import FACETS
from wagtail_ikut.services.search.request import Found, SearchBackend


class DatabaseBackend(SearchBackend):
    name = "database"

    def search(self, request, page_number, per_page):
        index = current_index(request.token, request.now)
        groups = request.word_groups
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
            titles = [index.bits_of(text.matches([group], title_only=True)) for group in groups]
            ids = index.by_title_words(titles, found, start, per_page)
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
        )


def matching(index, request, cleaned, text_bits):
    """Return the bit set of the services matching everything in ``cleaned``."""
    return all_of(
        matching_but_facets(index, request, cleaned, text_bits), selected(index, cleaned).values()
    )


def matching_but_facets(index, request, cleaned, text_bits):
    """Return the bit set of the services matching ``cleaned`` but its facets: the directory,
    the text, the flags and "open now"."""
    found = index.scope(request.directory)
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
