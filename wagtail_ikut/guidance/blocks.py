"""StreamField blocks for guidance: ordered steps, each saying who does what and on what basis."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_ikut.core.fields import WebAddressBlock


class Requirement:
    REQUIRED = "required"
    OPTIONAL = "optional"
    ONE_OF = "one_of"
    CHOICES = [
        (REQUIRED, _("Required")),
        (OPTIONAL, _("Optional")),
        (ONE_OF, _("One of a group")),
    ]


class DocumentBlock(blocks.StructBlock):
    """A document or form a step needs, with a link where one is published."""

    name = blocks.CharBlock(
        label=_("name"), help_text=_("E.g. “Statement of the Assistance System”.")
    )
    url = WebAddressBlock(label=_("link"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document or form")


class StepBlock(blocks.StructBlock):
    """One step: who acts, what to do, whether it is needed, and what it needs."""

    title = blocks.CharBlock(
        label=_("title"),
        help_text=_("What the step achieves, e.g. “Refer to the Assistance System”."),
    )
    who_acts = blocks.CharBlock(
        label=_("who acts"), help_text=_("A role, e.g. “Municipal social worker”.")
    )
    what_to_do = blocks.RichTextBlock(
        label=_("what to do"), features=["bold", "italic", "link", "ol", "ul"]
    )
    requirement = blocks.ChoiceBlock(
        choices=Requirement.CHOICES, default=Requirement.REQUIRED, label=_("requirement")
    )
    group = blocks.CharBlock(
        label=_("group"),
        required=False,
        max_length=40,
        help_text=_(
            "For “one of a group”: steps with the same group name are alternatives, "
            "and doing one of them is enough."
        ),
    )
    documents = blocks.ListBlock(DocumentBlock(), label=_("documents and forms"), default=[])
    deadline = blocks.CharBlock(
        label=_("deadline or typical duration"),
        required=False,
        help_text=_("E.g. “Within 6 months of the end of the year” or “1–2 weeks”."),
    )
    services = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="wagtail_ikut.ServicePage"),
        label=_("services in the directory"),
        default=[],
    )
    guidance = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="wagtail_ikut.GuidancePage"),
        label=_("other guidance"),
        default=[],
    )
    legal_references = blocks.ListBlock(
        SnippetChooserBlock("wagtail_ikut.LegalReference"),
        label=_("legal references"),
        default=[],
    )
    valid_from = blocks.DateBlock(
        label=_("applies from"),
        required=False,
        help_text=_(
            "For a change in the law: the day this version of the step takes effect. "
            "Until then readers see it announced as an upcoming change."
        ),
    )
    valid_until = blocks.DateBlock(
        label=_("applies until"),
        required=False,
        help_text=_("The last day this version of the step applies."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "wagtail_ikut/blocks/step_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["requirement"] == Requirement.ONE_OF and not value["group"]:
            errors["group"] = ValidationError(
                _("Name the group of alternatives this step belongs to.")
            )
        elif value["requirement"] != Requirement.ONE_OF and value["group"]:
            errors["group"] = ValidationError(_("Only a “one of a group” step has a group."))
        starts, ends = value["valid_from"], value["valid_until"]
        if starts and ends and ends < starts:
            errors["valid_until"] = ValidationError(
                _("The last day cannot be before the first day.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def applies_on(step, today):
    """Tell whether a step's version applies on ``today``."""
    starts, ends = step.get("valid_from"), step.get("valid_until")
    return (starts is None or starts <= today) and (ends is None or today <= ends)


class StepListBlock(blocks.StreamBlock):
    """An ordered list of steps, as on a guidance page or embedded in any page."""

    step = StepBlock()

    class Meta:
        icon = "list-ol"
        label = _("Step list")
        description = _("Ordered steps: who does what, required or optional, with documents.")
        template = "wagtail_ikut/blocks/step_list_block.html"
        preview_value = [
            (
                "step",
                {
                    "title": "Tunnista ja kysy",
                    "who_acts": "Sosiaalityöntekijä",
                    "what_to_do": "<p>Kysy asiakkaalta työstä, asumisesta ja veloista.</p>",
                    "requirement": Requirement.REQUIRED,
                },
            ),
            (
                "step",
                {
                    "title": "Ohjaa auttamisjärjestelmään",
                    "who_acts": "Sosiaalityöntekijä",
                    "what_to_do": "<p>Tee esitys auttamisjärjestelmään asiakkaan luvalla.</p>",
                    "requirement": Requirement.REQUIRED,
                },
            ),
        ]

    def clean(self, value):
        # Before the stream's own check, which would only say "This field is required."
        if not len(value):
            raise StreamBlockValidationError(
                non_block_errors=ValidationError(_("Add at least one step."))
            )
        return super().clean(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["steps"] = StepsToday(value)
        return context


class StepsToday:
    """The steps that apply today, numbered, and those announced for a later day."""

    def __init__(self, stream_value, today=None):
        self.today = today or timezone.localdate()
        self.all = [child.value for child in stream_value if child.block_type == "step"]

    @cached_property
    def current(self):
        return [step for step in self.all if applies_on(step, self.today)]

    @cached_property
    def upcoming(self):
        return sorted(
            (step for step in self.all if (step.get("valid_from") or self.today) > self.today),
            key=lambda step: step["valid_from"],
        )
