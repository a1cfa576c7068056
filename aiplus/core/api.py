"""The hub's read-only JSON API, with its OpenAPI description at /api/v1/openapi.json."""

from ninja import NinjaAPI

from aiplus.cases.api import router as cases_router
from aiplus.catalogue.api import router as catalogue_router

api = NinjaAPI(
    title="AI+ Hub API",
    version="1",
    description="Published solutions of the AI+ Tool and Solution Catalogue, and cases.",
    urls_namespace="api",
)
api.add_router("", catalogue_router)
api.add_router("", cases_router)
