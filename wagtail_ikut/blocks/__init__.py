from wagtail_ikut.blocks.courses import CourseListBlock
from wagtail_ikut.blocks.guidance import StepBlock, StepListBlock
from wagtail_ikut.blocks.services import ServiceFinderBlock, ServiceListBlock

__all__ = [
    "CourseListBlock",
    "ServiceFinderBlock",
    "ServiceListBlock",
    "StepBlock",
    "StepListBlock",
]
