from .guidance import StepBlock, StepListBlock
from .services import ServiceFinderBlock, ServiceListBlock

__all__ = ["ServiceFinderBlock", "ServiceListBlock", "StepBlock", "StepListBlock"]
