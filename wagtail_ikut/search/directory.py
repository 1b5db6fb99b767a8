"""The public directory search: read the query string, narrow, count, order and paginate."""

from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import hours
from ..models import (
    LOW_THRESHOLD_FLAGS,
    Language,
    Municipality,
    Organisation,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
    ServiceStatus,
)
from . import geo
from .analysis import query_words
from .engine import client as engine_client
from .engine import query as engine_query
from .facets import FACETS, flag_counts, flag_label, language_label
from .text import match_text

#: Longest query text read; the rest is dropped with a message rather than an error.
MAX_QUERY_LENGTH = 200


class DirectoryQueryForm(forms.Form):
    """The directory's query string. Unknown values are dropped with a message, never a 500."""

    q = forms.CharField(label=gettext_lazy("Search text"), required=False, strip=True)
    category = forms.MultipleChoiceField(label=gettext_lazy("What help"), required=False)
    municipality = forms.MultipleChoiceField(label=gettext_lazy("Municipality"), required=False)
    language = forms.MultipleChoiceField(label=gettext_lazy("Language"), required=False)
    provider = forms.MultipleChoiceField(
        label=gettext_lazy("Provider"), required=False, choices=Organisation.Kind.choices
    )
    open_now = forms.BooleanField(label=gettext_lazy("Open now"), required=False)
    near = forms.CharField(
        label=gettext_lazy("Near (postcode or coordinates)"),
        required=False,
        max_length=100,
        strip=True,
    )

    def __init__(self, data, locale):
        super().__init__(data)
        # Lists, read once: the choices also label the facets.
        self.fields["category"].choices = list(
            ServiceCategory.objects.filter(locale=locale).values_list("slug", "name")
        )
        self.fields["municipality"].choices = list(
            Municipality.objects.filter(locale=locale).values_list("code", "name")
        )
        self.fields["language"].choices = [
            (code, language_label(native_name, name))
            for code, native_name, name in Language.objects.filter(locale=locale).values_list(
                "code", "native_name", "name"
            )
        ]
        for name in LOW_THRESHOLD_FLAGS:
            self.fields[name] = forms.BooleanField(required=False, label=flag_label(name))
        self.notices = []

    def full_clean(self):
        # Drop what cannot be read before validating, so one bad value spoils nothing else.
        data = self.data.copy()
        for name in ("category", "municipality", "language", "provider"):
            known = {str(value) for value, _label in self.fields[name].choices}
            values = data.getlist(name)
            unknown = [value for value in values if value not in known]
            if unknown:
                self.notices.append(
                    _("Unknown filter values were left out: %(values)s")
                    % {"values": ", ".join(value[:40] for value in unknown)}
                )
                data.setlist(name, [value for value in values if value in known])
        if len(data.get("q", "")) > MAX_QUERY_LENGTH:
            self.notices.append(
                _("The search text was shortened to %(count)s characters.")
                % {"count": MAX_QUERY_LENGTH}
            )
            data["q"] = data["q"][:MAX_QUERY_LENGTH]
        if len(data.get("near", "")) > 100:
            data["near"] = ""
        self.data = data
        super().full_clean()


@dataclass
class Relaxation:
    """A link that drops one filter from a search with no results."""

    label: str
    query_string: str
    count: int


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

    @property
    def has_filters(self):
        return bool(self.query_string)


def directory_services(directory):
    """Return the published, not ended services below a directory, in its language."""
    return (
        ServicePage.objects.live()
        .descendant_of(directory)
        .filter(locale_id=directory.locale_id)
        .exclude(status=ServiceStatus.ENDED)
    )


def canonical_query(cleaned):
    """Return a stable query string for the cleaned form: same search, same URL."""
    query = QueryDict(mutable=True)
    for name in ("q", "near"):
        if cleaned.get(name):
            query[name] = cleaned[name]
    for facet in FACETS:
        if cleaned.get(facet.name):
            query.setlist(facet.name, sorted(cleaned[facet.name]))
    for name in ("open_now", *LOW_THRESHOLD_FLAGS):
        if cleaned.get(name):
            query[name] = "1"
    return query.urlencode()


class DirectorySearch:
    """Run one search on a directory page, on the search engine if there is one, else in SQL."""

    def __init__(self, directory, params, language_code):
        self.directory = directory
        self.form = DirectoryQueryForm(params, directory.locale)
        self.form.is_valid()
        self.cleaned = self.form.cleaned_data
        self.notices = list(self.form.notices)
        # Decided once, as every count of the search asks.
        self.now = timezone.now()
        self.words = [
            (word, terms)
            for word, terms in query_words(self.cleaned.get("q") or "", language_code)
            if terms
        ]
        self.word_groups = [terms for _, terms in self.words]
        if self.cleaned.get("q") and not self.words:
            self.notices.append(_("The search text had no words to search for."))
        self.near = self.locate()

    def locate(self):
        text = self.cleaned.get("near")
        if not text:
            return None
        try:
            return geo.locate(text)
        except geo.UnknownPlace:
            self.notices.append(
                _(
                    "We could not find “%(place)s”. Give a postcode of the area or "
                    "coordinates such as 60.17, 24.94."
                )
                % {"place": text}
            )
            return None

    def run(self, page_number, per_page):
        backend = engine_client.engine()
        if backend is not None and engine_client.available():
            try:
                return self.run_on_engine(backend, page_number, per_page)
            except engine_client.EngineUnavailable:
                pass  # logged where it failed; the database answers instead
        return self.run_in_database(page_number, per_page)

    def results(self, page, total, facet_counts, flag_counts, count, searched_with):
        """Assemble what the template shows; ``count`` counts a search with other filters."""
        for service in page.object_list:
            service.open_status = hours.current_status(service, self.now)
            service.nearest_location, service.distance_km = (
                geo.nearest_location(*self.near, service.locations.all())
                if self.near
                else (None, None)
            )
        results = DirectoryResults(
            form=self.form,
            page=page,
            total=total,
            facets=[
                (
                    facet.name,
                    self.form.fields[facet.name].label,
                    facet.values(
                        facet_counts[facet.name],
                        dict(self.form.fields[facet.name].choices),
                        self.cleaned.get(facet.name) or [],
                    ),
                )
                for facet in FACETS
            ],
            flags=[
                (name, flag_label(name), flag_counts[name], bool(self.cleaned.get(name)))
                for name in LOW_THRESHOLD_FLAGS
            ],
            notices=self.notices,
            query_string=canonical_query(self.cleaned),
            near=self.near,
            searched_with=searched_with,
        )
        if total == 0 and results.has_filters:
            results.relaxations = self.relaxations(count)
        return results

    def relaxations(self, count):
        """Offer searches with one filter dropped, each with how many it would find."""
        offers = []
        active = [name for name, value in self.cleaned.items() if value and name != "near"]
        for name in active:
            remaining = {key: value for key, value in self.cleaned.items() if key != name}
            found = count(remaining)
            if found:
                label = self.form.fields[name].label or name
                offers.append(Relaxation(str(label), canonical_query(remaining), found))
        return offers

    # In SQL.

    def filtered(self, cleaned, skip=None):
        """Return the services matching everything in ``cleaned`` but the filter ``skip``."""
        queryset = directory_services(self.directory)
        for facet in FACETS:
            if facet.name != skip and cleaned.get(facet.name):
                queryset = facet.filter(queryset, cleaned[facet.name])
        for name in LOW_THRESHOLD_FLAGS:
            if name != skip and cleaned.get(name):
                queryset = queryset.filter(**{name: True})
        if skip != "open_now" and cleaned.get("open_now"):
            queryset = hours.open_at(queryset, self.now)
        if skip != "q" and cleaned.get("q") and self.word_groups:
            queryset = match_text(queryset, self.word_groups)
        return queryset

    def run_in_database(self, page_number, per_page):
        queryset = self.filtered(self.cleaned)
        facet_counts = {
            facet.name: facet.counts(self.filtered(self.cleaned, skip=facet.name))
            for facet in FACETS
        }
        counts = flag_counts(queryset)
        if self.near:
            ordered = geo.annotate_distance(queryset, *self.near)
        elif self.word_groups:
            ordered = queryset.order_by("search_rank", "title")
        else:
            ordered = queryset.order_by("title")
        paginator = Paginator(with_details(ordered, places=bool(self.near)), per_page)
        # Counted with the flags above; saves the paginator its own COUNT query.
        paginator.count = counts["total"]
        page = paginator.get_page(page_number)
        return self.results(
            page,
            counts["total"],
            facet_counts,
            counts,
            lambda cleaned: self.filtered(cleaned).count(),
            "database",
        )

    # On the search engine.

    def run_on_engine(self, backend, page_number, per_page):
        offset = (page_number_or_first(page_number) - 1) * per_page
        if offset >= engine_query.MAX_RESULTS:
            offset = 0  # the paginator below moves to the last page the engine can give
        found = engine_query.search(backend, self, offset, per_page)
        paginator = Paginator(range(min(found.total, engine_query.MAX_RESULTS)), per_page)
        page = paginator.get_page(page_number)
        if page.start_index() - 1 != offset and page.object_list:
            found = engine_query.search(backend, self, page.start_index() - 1, per_page)
        # Read through the directory's own rules: a service unpublished or ended since the engine
        # last heard of it stays out, as does one deleted.
        services = with_details(
            directory_services(self.directory).filter(pk__in=found.ids), places=bool(self.near)
        ).in_bulk()
        page.object_list = [services[pk] for pk in found.ids if pk in services]
        return self.results(
            page,
            found.total,
            found.facet_counts,
            found.flag_counts,
            lambda cleaned: engine_query.count(backend, self, cleaned),
            "engine",
        )


#: How many suggestions one request answers with.
SUGGESTIONS = 8


def suggestions(directory, request, text):
    """Return the categories and services whose names match what was typed, with addresses."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    directory_url = directory.get_url(request)
    categories = [
        {
            "kind": "category",
            "title": name,
            "url": f"{directory_url}?{QueryDict.fromkeys(['category'], slug).urlencode()}",
        }
        for slug, name in ServiceCategory.objects.filter(
            locale_id=directory.locale_id, name__icontains=text
        )
        .order_by("name")
        .values_list("slug", "name")[:SUGGESTIONS]
    ]
    services = directory_services(directory)
    backend = engine_client.engine()
    pages = None
    if backend is not None and engine_client.available():
        try:
            ids = engine_query.suggest(backend, directory, text, SUGGESTIONS)
        except engine_client.EngineUnavailable:
            pass  # logged where it failed; the database answers instead
        else:
            found = services.in_bulk(ids)
            pages = [found[pk] for pk in ids if pk in found]
    if pages is None:
        pages = services.filter(title__icontains=text).order_by("title")[:SUGGESTIONS]
    services = [
        {"kind": "service", "title": page.title, "url": page.get_url(request)} for page in pages
    ]
    return (categories + services)[:SUGGESTIONS]


def page_number_or_first(value):
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def with_details(queryset, places):
    """Read with the services what a result shows: provider, hours, and places if asked."""
    lookups = ["opening_hours", "hours_exceptions"]
    if places:
        lookups.append(
            Prefetch("locations", queryset=ServiceLocation.objects.select_related("municipality"))
        )
    return queryset.select_related("provider").prefetch_related(*lookups)
