from aiplus.cases.models.case import Case, Collection, Stage
from aiplus.cases.models.imports import ImportRun

__all__ = ["Case", "Collection", "ImportRun", "Stage"]
