"""The blocks a host site imports from wagtail_ikut.blocks, wherever they live in the package."""

from django.test import SimpleTestCase

from wagtail_ikut import blocks


class DeconstructPathTests(SimpleTestCase):
    def test_host_migrations_name_wagtails_own_block_classes_not_the_packages_modules(self):
        # So moving a block within the package changes no host site's migration.
        for name in blocks.__all__:
            with self.subTest(block=name):
                path = getattr(blocks, name)().deconstruct()[0]
                self.assertIn(
                    path,
                    {
                        "wagtail.blocks.StructBlock",
                        "wagtail.blocks.StreamBlock",
                        "wagtail.blocks.StaticBlock",
                    },
                )
