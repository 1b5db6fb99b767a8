"""The directory searched on the engine."""

from django.core.paginator import Paginator

from wagtail_ikut.services.search.engine import query
from wagtail_ikut.services.search.request import Found, SearchBackend


class EngineBackend(SearchBackend):
    name = "engine"

    def __init__(self, client_backend):
        #: modelsearch's backend, whose ``es`` is the engine's client.
        self.backend = client_backend

    def search(self, request, page_number, per_page):
        offset = (page_number_or_first(page_number) - 1) * per_page
        if offset >= query.MAX_RESULTS:
            offset = 0  # the paginator below moves to the last page the engine can give
        hits = query.search(self.backend, request, offset, per_page)
        page = Paginator(range(min(hits.total, query.MAX_RESULTS)), per_page).get_page(page_number)
        if page.start_index() - 1 != offset and page.object_list:
            hits = query.search(self.backend, request, page.start_index() - 1, per_page)
        page.object_list = hits.ids
        return Found(
            page=page,
            total=hits.total,
            facet_counts=hits.facet_counts,
            flag_counts=hits.flag_counts,
            statuses=hits.statuses,
            count=lambda cleaned: query.count(self.backend, request, cleaned),
        )


def page_number_or_first(value):
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1
