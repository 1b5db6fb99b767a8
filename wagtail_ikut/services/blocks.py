"""StreamField blocks that bring the service directory into a host site's own pages."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class ServiceFinderBlock(blocks.StructBlock):
    """A search box that sends the visitor to a service directory's results."""

    directory = blocks.PageChooserBlock(
        page_type="wagtail_ikut.ServiceDirectoryPage",
        label=_("service directory"),
        help_text=_("The directory whose services the box searches."),
    )
    heading = blocks.CharBlock(
        label=_("heading"), required=False, help_text=_("E.g. “Find help near you”.")
    )

    class Meta:
        icon = "search"
        label = _("Service finder")
        description = _("A search box for the services of one directory.")
        template = "wagtail_ikut/blocks/service_finder_block.html"


class ServiceListBlock(blocks.StructBlock):
    """A short list of services: chosen one by one, or the newest of a directory's."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    services = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="wagtail_ikut.ServicePage"),
        label=_("chosen services"),
        required=False,
        help_text=_("Choose services one by one, or leave empty and choose a directory below."),
    )
    directory = blocks.PageChooserBlock(
        page_type="wagtail_ikut.ServiceDirectoryPage",
        label=_("or services of a directory"),
        required=False,
    )
    category = SnippetChooserBlock(
        "wagtail_ikut.ServiceCategory", label=_("only this category"), required=False
    )
    municipality = SnippetChooserBlock(
        "wagtail_ikut.Municipality", label=_("only this municipality"), required=False
    )
    limit = blocks.IntegerBlock(label=_("at most"), default=5, min_value=1, max_value=20)

    class Meta:
        icon = "list-ul"
        label = _("Service list")
        description = _("A list of services, chosen or filtered from a directory.")
        template = "wagtail_ikut/blocks/service_list_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value["services"]) == bool(value["directory"]):
            raise StructBlockValidationError(
                block_errors={
                    "directory": ValidationError(
                        _("Choose either services one by one or a directory, not both.")
                        if value["services"]
                        else _("Choose services one by one or a directory.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        # Host sites import blocks while their models load, before the app registry is ready.
        from wagtail_ikut.core.visibility import chosen_pages
        from wagtail_ikut.services.models import ServicePage
        from wagtail_ikut.services.search.directory import directory_services
        from wagtail_ikut.services.visibility import public_services

        context = super().get_context(value, parent_context)
        if value["services"]:
            services = chosen_pages(value["services"], public_services())
        elif value["directory"] is None:
            # The directory was deleted after the block was saved: the public sees nothing,
            # an editor's preview says why, and saving the page asks for another choice.
            context["directory_missing"] = True
            services = []
        else:
            queryset = directory_services(value["directory"])
            if value["category"]:
                queryset = queryset.filter(categories=value["category"])
            if value["municipality"]:
                # Nationwide services serve every municipality; a semi-join repeats no service.
                local = ServicePage.municipalities.through.objects.filter(
                    municipality=value["municipality"]
                ).values("servicepage_id")
                queryset = queryset.filter(Q(nationwide=True) | Q(pk__in=local))
            services = queryset.order_by("title").select_related("provider")
        context["services"] = list(services[: value["limit"]])
        return context
