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
from .facets import FACETS, flag_counts, flag_label
from .text import match_text, word_groups

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
        self.fields["category"].choices = ServiceCategory.objects.filter(locale=locale).values_list(
            "slug", "name"
        )
        self.fields["municipality"].choices = Municipality.objects.filter(
            locale=locale
        ).values_list("code", "name")
        self.fields["language"].choices = Language.objects.filter(locale=locale).values_list(
            "code", "name"
        )
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
    """Run one search on a directory page."""

    def __init__(self, directory, params, language_code):
        self.directory = directory
        self.form = DirectoryQueryForm(params, directory.locale)
        self.form.is_valid()
        self.cleaned = self.form.cleaned_data
        self.notices = list(self.form.notices)
        self.near = None
        # Decided once, as filtered() runs for the results, every facet and every relaxation.
        self.now = timezone.now()
        self.word_groups = word_groups(self.cleaned.get("q") or "", language_code)
        if self.cleaned.get("q") and not self.word_groups:
            self.notices.append(_("The search text had no words to search for."))

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
        queryset = self.filtered(self.cleaned)
        facets = [
            (
                facet.name,
                self.form.fields[facet.name].label,
                facet.counts(
                    self.filtered(self.cleaned, skip=facet.name),
                    self.cleaned.get(facet.name) or [],
                ),
            )
            for facet in FACETS
        ]
        counts = flag_counts(queryset)
        flags = [
            (name, flag_label(name), counts[name], bool(self.cleaned.get(name)))
            for name in LOW_THRESHOLD_FLAGS
        ]
        self.near = self.locate()
        if self.near:
            ordered = geo.annotate_distance(queryset, *self.near)
        elif self.word_groups:
            ordered = queryset.order_by("search_rank", "title")
        else:
            ordered = queryset.order_by("title")
        ordered = ordered.select_related("provider").prefetch_related(
            "categories",
            "opening_hours",
            "hours_exceptions",
            Prefetch("locations", queryset=ServiceLocation.objects.select_related("municipality")),
        )
        paginator = Paginator(ordered, per_page)
        # Counted with the flags above; saves the paginator its own COUNT query.
        paginator.count = counts["total"]
        page = paginator.get_page(page_number)
        self.attach_details(page)
        results = DirectoryResults(
            form=self.form,
            page=page,
            total=counts["total"],
            facets=facets,
            flags=flags,
            notices=self.notices,
            query_string=canonical_query(self.cleaned),
            near=self.near,
        )
        if results.total == 0 and results.has_filters:
            results.relaxations = self.relaxations()
        return results

    def attach_details(self, page):
        for service in page.object_list:
            service.open_status = hours.current_status(service, self.now)
            service.nearest_location, service.distance_km = (
                geo.nearest_location(*self.near, service.locations.all())
                if self.near
                else (None, None)
            )

    def relaxations(self):
        """Offer searches with one filter dropped, each with how many it would find."""
        offers = []
        active = [name for name, value in self.cleaned.items() if value and name != "near"]
        for name in active:
            remaining = {key: value for key, value in self.cleaned.items() if key != name}
            count = self.filtered(self.cleaned, skip=name).count()
            if count:
                label = self.form.fields[name].label or name
                offers.append(Relaxation(str(label), canonical_query(remaining), count))
        return offers
