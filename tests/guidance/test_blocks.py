import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from tests.utils import step
from wagtail_ikut.guidance.blocks import StepBlock, StepListBlock


class StepListBlockTests(TestCase):
    def test_an_empty_step_list_gets_a_clear_error(self):
        block = StepListBlock()
        with translation.override("en"):
            with self.assertRaises(ValidationError) as raised:
                block.clean(block.to_python([]))
            self.assertEqual(
                raised.exception.as_json_data(), {"messages": ["Add at least one step."]}
            )

    def test_the_block_renders_its_steps_in_order(self):
        block = StepListBlock()
        value = block.normalize([step("Ensin"), step("Sitten")])
        html = block.render(value)
        self.assertLess(html.index("Ensin"), html.index("Sitten"))
        self.assertIn('<ol class="ikut-steps">', html)

    def test_the_preview_value_renders(self):
        block = StepListBlock()
        self.assertIn("Tunnista ja kysy", block.render(block.get_preview_value()))


class StepBlockTests(TestCase):
    def test_a_one_of_step_needs_a_group_and_other_steps_have_none(self):
        block = StepBlock()
        for requirement, group in (("one_of", ""), ("required", "A")):
            with (
                self.subTest(requirement=requirement),
                self.assertRaises(ValidationError) as raised,
            ):
                block.clean(block.normalize(step(requirement=requirement, group=group)[1]))
            self.assertIn("group", raised.exception.block_errors)

    def test_a_step_cannot_end_before_it_starts(self):
        block = StepBlock()
        value = step(valid_from=datetime.date(2027, 1, 1), valid_until=datetime.date(2026, 1, 1))
        with self.assertRaises(ValidationError) as raised:
            block.clean(block.normalize(value[1]))
        self.assertIn("valid_until", raised.exception.block_errors)
