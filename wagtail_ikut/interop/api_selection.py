"""Which public services an HSDS API request selects: by its filters, by the directory's search
narrowed by them, or by an HSDS id."""

import uuid
from dataclasses import dataclass

import swapper
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from wagtail.models import Locale

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.interop import hsds
from wagtail_ikut.services.models import ServicePage
from wagtail_ikut.services.search.directory import DirectorySearch
from wagtail_ikut.services.search.models import ServiceIndexVersion
from wagtail_ikut.services.visibility import public_services

# What a vocabulary's term narrows services to. A municipality includes the nationwide
# services, as the directory's filter does.
TERM_FILTERS = {
    hsds.LOW_THRESHOLD.id: lambda code: Q(**{code: True}),
    hsds.CATEGORIES.id: lambda code: Q(categories__slug=code),
    hsds.TARGET_GROUPS.id: lambda code: Q(target_groups__slug=code),
    # Checked a service at a time: joined, SQLite would read every service of the kind and sort
    # them all by path for a page's 20.
    hsds.ORGANISATION_KINDS.id: lambda code: Exists(
        Organisation.objects.filter(pk=OuterRef("provider_id"), kind=code)
    ),
    hsds.MUNICIPALITIES.id: lambda code: (
        Q(pk__in=ServicePage.objects.filter(municipalities__code=code).values("pk"))
        | Q(nationwide=True)
    ),
}


def invalid(name, message):
    """Return the 422 problem that names the query parameter ``name``."""
    return ValidationError([{"loc": ["query", name], "msg": message, "type": "value_error"}])


def by_hsds_id(kind, translation_keys):
    """Return {HSDS id: translation key} of ``kind`` (the ids' first part in hsds.py)."""
    return {hsds.hsds_id(kind, key): key for key in translation_keys}


def service_keys():
    """Return {HSDS id: translation key} of every service, kept until the index changes."""
    return ServiceIndexVersion.until_changed(
        ServiceIndexVersion.current(),
        "hsds service ids",
        lambda: by_hsds_id(
            "service", ServicePage.objects.values_list("translation_key", flat=True)
        ),
    )


def organisation_key(organisation_id: uuid.UUID):
    """Return the translation key of the organisation with this HSDS id, or None."""
    keys = Organisation.objects.values_list("translation_key", flat=True).distinct()
    return by_hsds_id("organization", keys).get(str(organisation_id))


def known_term(locale, term_id):
    """Return the term with this id among the vocabularies, or a 422."""
    terms = {term["id"]: term for term in hsds.taxonomy_terms(locale)}
    try:
        return terms[str(term_id)]
    except KeyError:
        raise invalid(
            "taxonomy_term_id", _("No taxonomy term has the id %(id)s.") % {"id": term_id}
        ) from None


def aware(moment):
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def narrowed(services, params, locale):
    """Return ``services`` narrowed by the filters of ``params``; an id that names nothing is
    a 422."""
    if params.modified_after:
        services = services.filter(last_published_at__gte=aware(params.modified_after))
    if params.organization_id:
        key = organisation_key(params.organization_id)
        if key is None:
            raise invalid(
                "organization_id",
                _("No organisation has the id %(id)s.") % {"id": params.organization_id},
            )
        services = services.filter(provider__translation_key=key)
    if params.taxonomy_term_id:
        term = known_term(locale, params.taxonomy_term_id)
        services = services.filter(TERM_FILTERS[term["taxonomy_id"]](term["code"]))
    return services


def has_filters(params):
    return bool(params.modified_after or params.organization_id or params.taxonomy_term_id)


def filtered_services(params, locale, full=False):
    """Return the public services in ``locale`` that the filters of ``params`` leave, in path
    order, with what hsds.service_to_hsds() reads of them."""
    return narrowed(hsds.services_for_export(locale, full=full), params, locale)


@dataclass(frozen=True)
class WholeLanguage:
    """Every service of a language, as the directory search reads a directory page: those
    below the root of the page tree, in its locale."""

    locale: Locale
    path: str
    depth: int

    @property
    def locale_id(self):
        return self.locale.pk


def searched_ids(params, locale):
    """Return the total and the ids on page ``params.page`` of the directory's search over the
    public services in ``locale``, kept to those the filters of ``params`` leave."""
    among = None
    if has_filters(params):
        public = public_services().filter(locale=locale).order_by()
        among = frozenset(narrowed(public, params, locale).values_list("pk", flat=True))
    root = swapper.load_model("wagtailcore", "Page").get_first_root_node()
    scope = WholeLanguage(locale, root.path, root.depth)
    query = QueryDict(mutable=True)
    query["q"] = params.search
    search = DirectorySearch(scope, query, locale.language_code, among=among)
    results = search.run(params.page, params.per_page)
    if params.page > results.page.paginator.num_pages:
        return results.total, []
    return results.total, [service.pk for service in results.page.object_list]
