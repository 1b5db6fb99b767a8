from .courses import CourseListBlock
from .guidance import StepBlock, StepListBlock
from .services import ServiceFinderBlock, ServiceListBlock

__all__ = [
    "CourseListBlock",
    "ServiceFinderBlock",
    "ServiceListBlock",
    "StepBlock",
    "StepListBlock",
]
