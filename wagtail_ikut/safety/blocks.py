"""The "staying safe online" advice as a block, in the visitor's language."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SafetyAdviceBlock(blocks.StaticBlock):
    """How to leave quickly, clear the history, browse privately and mind a shared phone."""

    class Meta:
        icon = "warning"
        label = _("Staying safe online")
        # The text lives in the package's translation catalogues, so that it reads the same
        # in every language and a site cannot publish it half-translated.
        admin_text = _(
            "Advice on leaving quickly, clearing the browsing history, private browsing and "
            "shared phones, in the page's language. No settings needed."
        )
        template = "wagtail_ikut/blocks/safety_advice_block.html"

    def deconstruct(self):
        # As Wagtail's StructBlock does: migrations name Wagtail's class, never this module, so
        # the block can move within the package without breaking a host site's migrations.
        return ("wagtail.blocks.StaticBlock", *self._constructor_args)
