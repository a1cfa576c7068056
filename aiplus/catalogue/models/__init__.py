from aiplus.catalogue.models.shortlist import ShortlistItem
from aiplus.catalogue.models.solution import Solution, SolutionScreenshot
from aiplus.catalogue.models.taxonomy import Capability, Task

__all__ = ["Capability", "ShortlistItem", "Solution", "SolutionScreenshot", "Task"]
