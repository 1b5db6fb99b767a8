"""Facets of the directory: how each narrows the results and is counted, in SQL and in an engine."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import LOW_THRESHOLD_FLAGS, ServicePage

#: More values than any vocabulary has, so an engine returns them all.
ENGINE_BUCKETS = 1000


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A way to narrow the results: the URL parameter and where its values are.

    ``value_path`` leads from a service to the value in SQL; ``index_field`` names it in an
    engine's index. Labels come from the search form's choices.
    """

    name: str
    value_path: str
    index_field: str

    def counts(self, queryset):
        """Return {value: count} over ``queryset``, in one query."""
        # Filters narrow with semi-joins, so the one join here yields a service once per value.
        rows = (
            queryset.order_by()
            .filter(**{f"{self.value_path}__isnull": False})
            .values_list(self.value_path)
            .annotate(count=Count("pk"))
        )
        return dict(rows)

    def values(self, counts, labels, selected):
        """Return the facet's values, most frequent first, each with its label."""
        values = [
            FacetValue(value, str(labels.get(value, value)), count, value in selected)
            for value, count in counts.items()
        ]
        return sorted(values, key=lambda value: (-value.count, value.label))

    def matching(self, queryset, values):
        """Return a subquery of the ids of services having any of ``values``."""
        return queryset.model.objects.filter(**{f"{self.value_path}__in": values}).values("pk")

    def filter(self, queryset, values):
        # A semi-join never repeats a service, so no query needs DISTINCT over wide rows.
        return queryset.filter(pk__in=self.matching(queryset, values))

    def engine_filter(self, values):
        return {"terms": {self.index_field: list(values)}}

    def engine_aggregation(self):
        return {"values": {"terms": {"field": self.index_field, "size": ENGINE_BUCKETS}}}

    def engine_counts(self, aggregation):
        return {bucket["key"]: bucket["doc_count"] for bucket in aggregation["values"]["buckets"]}


class MunicipalityFacet(Facet):
    """Services for a municipality include the nationwide ones."""

    def counts(self, queryset):
        nationwide = queryset.filter(nationwide=True).count()
        local = super().counts(queryset.filter(nationwide=False))
        return {value: count + nationwide for value, count in local.items()}

    def filter(self, queryset, values):
        return queryset.filter(Q(nationwide=True) | Q(pk__in=self.matching(queryset, values)))

    def engine_filter(self, values):
        return {
            "bool": {
                "should": [{"term": {"nationwide": True}}, super().engine_filter(values)],
                "minimum_should_match": 1,
            }
        }

    #: In an engine's index, what a service is counted under: its municipalities, or only
    #: ``ENGINE_NATIONWIDE`` if it is nationwide, so that one aggregation counts both.
    engine_count_field = "municipality_counts"
    ENGINE_NATIONWIDE = "*"

    @classmethod
    def engine_count_values(cls, nationwide, municipalities):
        return [cls.ENGINE_NATIONWIDE] if nationwide else list(municipalities)

    def engine_aggregation(self):
        return {"values": {"terms": {"field": self.engine_count_field, "size": ENGINE_BUCKETS}}}

    def engine_counts(self, aggregation):
        local = super().engine_counts(aggregation)
        nationwide = local.pop(self.ENGINE_NATIONWIDE, 0)
        return {value: count + nationwide for value, count in local.items()}


FACETS = (
    Facet("category", "categories__slug", "categories"),
    MunicipalityFacet("municipality", "municipalities__code", "municipalities"),
    Facet("language", "languages__code", "languages"),
    Facet("provider", "provider__kind", "provider_kind"),
)


FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


def flag_counts(queryset):
    """Return how many services there are (``total``) and how many have each low-threshold
    flag, in one query."""
    return queryset.order_by().aggregate(
        total=Count("pk"),
        **{name: Count("pk", filter=Q(**{name: True})) for name in LOW_THRESHOLD_FLAGS},
    )


def language_label(native_name, name):
    """Name a language in itself first, so that its speakers recognise it."""
    return f"{native_name} ({name})" if native_name and native_name != name else name


def flag_label(name):
    return ServicePage._meta.get_field(name).verbose_name
