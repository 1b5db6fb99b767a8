"""The public directory search: read the query string, narrow, count, order and paginate."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.visibility import restricted_paths
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage
from wagtail_ikut.services.search import geo
from wagtail_ikut.services.search.analysis import is_stop_word, query_words
from wagtail_ikut.services.search.database.backend import DatabaseBackend
from wagtail_ikut.services.search.engine import client as engine_client
from wagtail_ikut.services.search.engine.backend import EngineBackend
from wagtail_ikut.services.search.facets import FACETS, flag_label
from wagtail_ikut.services.search.form import DirectoryQueryForm, canonical_query, vocabularies
from wagtail_ikut.services.search.models import ServiceIndexVersion
from wagtail_ikut.services.search.request import SearchRequest
from wagtail_ikut.services.search.synonyms import Synonyms
from wagtail_ikut.services.visibility import is_public_service, public_services

#: Values of a facet the results page shows, most frequent first, before a "show more" link.
#: The chosen values are always shown, so that a visitor can unchoose them.
FACET_VALUES_SHOWN = 10
#: Query parameters that do not narrow the results, so a search with no results does not
#: offer to drop them.
NOT_FILTERS = ("near", "more", "exact")


@dataclass
class Relaxation:
    """A link that drops one filter from a search with no results."""

    label: str
    query_string: str
    count: int


@dataclass
class ShownFacet:
    """A facet as the results page shows it, with how many values wait behind "show more"."""

    name: str
    label: str
    values: list
    hidden: int = 0
    #: The query string of this search with every value of this facet shown.
    show_all_query: str = ""


@dataclass
class DirectoryResults:
    form: DirectoryQueryForm
    page: object
    total: int
    facets: list
    flags: list
    notices: list
    query_string: str
    near: tuple | None = None
    relaxations: list = field(default_factory=list)
    #: "engine" or "database": what answered.
    searched_with: str = "database"
    #: The search text with its typos corrected, where the results include such matches.
    corrected_query: str = ""
    #: The query string of this search for the words as typed, without corrections.
    exact_query_string: str = ""

    @property
    def has_filters(self):
        return bool(self.query_string)

    def shown_facets(self):
        """Return the facets as the results page shows them: the chosen values and the most
        frequent others, or all of them where the search asks for more. (The API gives all.)"""
        cleaned = self.form.cleaned_data
        expanded = cleaned.get("more") or []
        shown = []
        for name, label, values in self.facets:
            if name in expanded or len(values) <= FACET_VALUES_SHOWN:
                shown.append(ShownFacet(name, label, values))
                continue
            visible = [
                value
                for position, value in enumerate(values)
                if position < FACET_VALUES_SHOWN or value.selected
            ]
            shown.append(
                ShownFacet(
                    name,
                    label,
                    visible,
                    hidden=len(values) - len(visible),
                    show_all_query=canonical_query({**cleaned, "more": [*expanded, name]}),
                )
            )
        return shown


def directory_services(directory) -> QuerySet:
    """Return the services the public may find below a directory, in its language."""
    return public_services().descendant_of(directory).filter(locale_id=directory.locale_id)


def directory_lists(
    directory, service, restricted: tuple[str, ...], now: datetime.datetime
) -> bool:
    """Return whether the directory lists a service already read: the rules of
    directory_services(), with ``restricted`` the paths of restricted_paths()."""
    # Checked on the page of results rather than in their query: compiling the rules into
    # SQL took 2 ms a search, checking 20 services takes microseconds.
    return (
        service.locale_id == directory.locale_id
        and service.depth > directory.depth
        and service.path.startswith(directory.path)
        and is_public_service(service, restricted, now)
    )


def synonyms_of(token, directory):
    """Return the synonym sets of the directory's language, kept until the token changes."""
    return ServiceIndexVersion.until_changed(
        token, ("synonyms", directory.locale_id), lambda: Synonyms(directory.locale_id)
    )


def searched_parts(parts, language_code):
    """Return the query parts a service must match: all but the stop words, unless the query
    has nothing else. A stop word inside an editor's synonym entry stays, as part of it."""
    searched = tuple(
        part
        for part in parts
        if part.synonyms or len(part.words) > 1 or not is_stop_word(part.words[0][0], language_code)
    )
    return searched or parts


class DirectorySearch:
    """Run one search on a directory page: read the query string into a SearchRequest, ask
    the engine if there is one and the database whenever the engine fails, and assemble what
    the page and the API show."""

    def __init__(self, directory, params, language_code, among=None):
        self.directory = directory
        # Read once: the vocabularies and the service index are kept for as long as it holds.
        self.token = ServiceIndexVersion.current()
        self.form = DirectoryQueryForm(
            params,
            ServiceIndexVersion.until_changed(
                self.token,
                ("vocabularies", directory.locale_id),
                lambda: vocabularies(directory.locale_id),
            ),
        )
        self.form.is_valid()
        self.cleaned = self.form.cleaned_data
        self.notices = list(self.form.notices)
        words = tuple(
            (word, terms)
            for word, terms in query_words(self.cleaned.get("q") or "", language_code)
            if terms
        )
        if self.cleaned.get("q") and not words:
            self.notices.append(_("The search text had no words to search for."))
        self.request = SearchRequest(
            directory=directory,
            cleaned=self.cleaned,
            words=words,
            parts=searched_parts(
                synonyms_of(self.token, directory).query_parts(words), language_code
            ),
            # Decided once, as every count of the search asks.
            now=timezone.now(),
            near=self.locate(),
            token=self.token,
            among=among,
        )

    def locate(self):
        text = self.cleaned.get("near")
        if not text:
            return None

        def centroid(postcode):
            # Where a postcode is changes only with the directory's locations, and the token.
            return ServiceIndexVersion.until_changed(
                self.token, ("postcode", postcode), lambda: geo.postcode_centroid(postcode)
            )

        try:
            return geo.locate(text, centroid)
        except geo.UnknownPlace:
            self.notices.append(
                _(
                    "We could not find “%(place)s”. Give a postcode of the area or "
                    "coordinates such as 60.17, 24.94."
                )
                % {"place": text}
            )
            return None

    def backends(self):
        """Yield the backends to ask in turn: the engine while it answers, then the database."""
        client_backend = engine_client.engine()
        if client_backend is not None and engine_client.available():
            yield EngineBackend(client_backend)
        yield DatabaseBackend()

    def run(self, page_number, per_page):
        for backend in self.backends():
            try:
                found = backend.search(self.request, page_number, per_page)
            except engine_client.EngineUnavailable:
                continue  # logged where it failed; the database answers instead
            return self.results(found, backend.name)

    def log_query(self):
        """Count the search's words for today in Wagtail's query log, where the site asks."""
        query = self.cleaned.get("q")
        if query and ikut_settings.LOG_SEARCH_QUERIES:
            # Imported here: a site that leaves the setting off need not install the app.
            from wagtail.contrib.search_promotions.models import Query

            # Only the words and the day: nothing of who searched, from where, or when exactly.
            Query.get(query).add_hit()

    def results(self, found, searched_with):
        """Assemble what the template shows of what a backend found."""
        page = found.page
        # The engine may not yet have heard of a service unpublished, ended, moved, restricted
        # or deleted a moment ago, as while it was down: the directory's own rules leave it out.
        restricted = ServiceIndexVersion.until_changed(
            self.token, "restricted paths", restricted_paths
        )
        page.object_list = [
            service
            for service in read_services(page.object_list)
            if directory_lists(self.directory, service, restricted, self.request.now)
        ]
        near = self.request.near
        ids = [service.pk for service in page.object_list]
        nearest = geo.nearest_locations(*near, ids) if near else {}
        for service in page.object_list:
            service.open_status = found.statuses[service.pk]
            service.nearest_location, service.distance_km = nearest.get(service.pk, (None, None))
        results = DirectoryResults(
            form=self.form,
            page=page,
            total=found.total,
            facets=[
                (
                    facet.name,
                    self.form.fields[facet.name].label,
                    facet.values(
                        found.facet_counts[facet.name],
                        self.form.vocabularies[facet.name],
                        self.cleaned.get(facet.name) or [],
                    ),
                )
                for facet in FACETS
            ],
            flags=[
                (name, flag_label(name), found.flag_counts[name], bool(self.cleaned.get(name)))
                for name in LOW_THRESHOLD_FLAGS
            ],
            notices=self.notices,
            query_string=canonical_query(self.cleaned),
            near=near,
            searched_with=searched_with,
        )
        if found.corrections:
            shown = {correction.word: correction.shown for correction in found.corrections}
            results.corrected_query = " ".join(
                shown.get(word, word) for word, _terms in self.request.words
            )
            results.exact_query_string = canonical_query({**self.cleaned, "exact": True})
        if found.total == 0 and results.has_filters:
            results.relaxations = self.relaxations(found.count)
        return results

    def relaxations(self, count):
        """Offer searches with one filter dropped, each with how many it would find."""
        offers = []
        active = [name for name, value in self.cleaned.items() if value and name not in NOT_FILTERS]
        for name in active:
            remaining = {key: value for key, value in self.cleaned.items() if key != name}
            found = count(remaining)
            if found:
                label = self.form.fields[name].label or name
                offers.append(Relaxation(str(label), canonical_query(remaining), found))
        return offers


#: What a result shows of a service (includes/service_summary.html and the API's summary) and
#: what directory_lists() checks; the rest stays unread.
SUMMARY_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "live",
    "expire_at",
    "locale_id",
    "status",
    "status_note",
    "summary",
    "nationwide",
    "open_24_7",
    "closed_on_public_holidays",
    "provider__name",
    "provider__kind",
    *LOW_THRESHOLD_FLAGS,
)


def read_services(ids: list[int]) -> list:
    """Return the services with these ids, in this order, with what a result shows."""
    services = (
        ServicePage.objects.filter(pk__in=ids)
        .select_related("provider")
        .only(*SUMMARY_FIELDS)
        .order_by()
        .in_bulk()
    )
    return [services[pk] for pk in ids if pk in services]
