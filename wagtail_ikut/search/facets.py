"""Facet counts for the directory: one query a facet, whatever the number of services."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import LOW_THRESHOLD_FLAGS, Organisation, ServicePage


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A way to narrow the results: the URL parameter, the related values and their labels."""

    name: str
    value_path: str
    label_paths: tuple = ()

    def counts(self, queryset, selected):
        # Filters narrow with semi-joins, so the one join here yields a service once per value.
        rows = (
            queryset.order_by()
            .filter(**{f"{self.value_path}__isnull": False})
            .values(self.value_path, *self.label_paths)
            .annotate(count=Count("pk"))
        )
        values = [
            FacetValue(
                value=row[self.value_path],
                label=self.label(row),
                count=row["count"],
                selected=row[self.value_path] in selected,
            )
            for row in rows
        ]
        return sorted(values, key=lambda value: (-value.count, value.label))

    def label(self, row):
        return row[self.label_paths[0]]

    def matching(self, queryset, values):
        """Return a subquery of the ids of services having any of ``values``."""
        return queryset.model.objects.filter(**{f"{self.value_path}__in": values}).values("pk")

    def filter(self, queryset, values):
        # A semi-join never repeats a service, so no query needs DISTINCT over wide rows.
        return queryset.filter(pk__in=self.matching(queryset, values))


class MunicipalityFacet(Facet):
    """Services for a municipality include the nationwide ones."""

    def counts(self, queryset, selected):
        nationwide = queryset.filter(nationwide=True).count()
        local = super().counts(queryset.filter(nationwide=False), selected)
        return [
            FacetValue(value.value, value.label, value.count + nationwide, value.selected)
            for value in local
        ]

    def filter(self, queryset, values):
        return queryset.filter(Q(nationwide=True) | Q(pk__in=self.matching(queryset, values)))


class LanguageFacet(Facet):
    """Languages are named in themselves first, so that their speakers recognise them."""

    def label(self, row):
        native, name = (row[path] for path in self.label_paths)
        return f"{native} ({name})" if native and native != name else name


class ProviderKindFacet(Facet):
    def label(self, row):
        return str(Organisation.Kind(row[self.value_path]).label)


FACETS = (
    Facet("category", "categories__slug", ("categories__name",)),
    MunicipalityFacet("municipality", "municipalities__code", ("municipalities__name",)),
    LanguageFacet("language", "languages__code", ("languages__native_name", "languages__name")),
    ProviderKindFacet("provider", "provider__kind"),
)


FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


def flag_counts(queryset):
    """Return how many services there are (``total``) and how many have each low-threshold
    flag, in one query."""
    return queryset.order_by().aggregate(
        total=Count("pk"),
        **{name: Count("pk", filter=Q(**{name: True})) for name in LOW_THRESHOLD_FLAGS},
    )


def flag_label(name):
    return ServicePage._meta.get_field(name).verbose_name
