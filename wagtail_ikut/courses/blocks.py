"""A StreamField block that lists upcoming courses on a host site's own pages."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class CourseListBlock(blocks.StructBlock):
    """The next course instances of a course index, optionally of one theme or municipality."""

    heading = blocks.CharBlock(
        label=_("heading"), required=False, help_text=_("E.g. “Upcoming courses”.")
    )
    index = blocks.PageChooserBlock(
        page_type="wagtail_ikut.CourseIndexPage",
        label=_("course index"),
        help_text=_("The course index whose courses are listed."),
    )
    theme = SnippetChooserBlock(
        "wagtail_ikut.CourseTheme", label=_("only this theme"), required=False
    )
    municipality = SnippetChooserBlock(
        "wagtail_ikut.Municipality",
        label=_("only this municipality"),
        required=False,
        help_text=_("Courses that meet in this municipality."),
    )
    limit = blocks.IntegerBlock(label=_("at most"), default=5, min_value=1, max_value=20)

    class Meta:
        icon = "date"
        label = _("Course list")
        description = _("The next courses of a course index, by theme or municipality.")
        template = "wagtail_ikut/blocks/course_list_block.html"
        preview_value = {"heading": _("Upcoming courses"), "limit": 5}

    def clean(self, value):
        value = super().clean(value)
        index = value["index"]
        errors = {
            name: ValidationError(_("Choose one in the same language as the course index."))
            for name in ("theme", "municipality")
            if index and value[name] and value[name].locale_id != index.locale_id
        }
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        # Host sites import blocks while their models load, before the app registry is ready.
        from wagtail_ikut.courses.listing import index_courses, upcoming_instances

        context = super().get_context(value, parent_context)
        index = value["index"]
        if index is None or not index.live:
            context["instances"] = []
            return context
        instances = upcoming_instances(timezone.localdate()).filter(
            page__in=index_courses(index.specific).values("pk")
        )
        if value["theme"]:
            instances = instances.filter(page__themes=value["theme"])
        if value["municipality"]:
            instances = instances.filter(municipality=value["municipality"])
        instances = instances.select_related("page", "municipality").order_by("start_date")
        context["instances"] = list(instances.distinct()[: value["limit"]])
        return context
