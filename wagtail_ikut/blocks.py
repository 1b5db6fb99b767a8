"""The StreamField blocks a host site's own pages can embed, from each feature's folder."""

from wagtail_ikut.courses.blocks import CourseListBlock
from wagtail_ikut.guidance.blocks import StepBlock, StepListBlock
from wagtail_ikut.safety.blocks import SafetyAdviceBlock
from wagtail_ikut.services.blocks import ServiceFinderBlock, ServiceListBlock

__all__ = [
    "CourseListBlock",
    "SafetyAdviceBlock",
    "ServiceFinderBlock",
    "ServiceListBlock",
    "StepBlock",
    "StepListBlock",
]
