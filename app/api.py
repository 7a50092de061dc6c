"""The API under /api/v1: public reads, and the authenticated curation routes beside them."""

from fastapi import APIRouter, Depends

from app.accounts.router import router as users_router
from app.audit_trail.router import router as audit_router
from app.auth.router import auth_router
from app.core.config import API_PREFIX
from app.core.errors import reject_nul_characters
from app.country_directory.router import router as countries_router
from app.emergency_services.router import router as emergency_services_router
from app.exports.router import router as exports_router
from app.focal_points.router import router as focal_points_router
from app.imports.router import router as imports_router
from app.institutions.router import router as institutions_router
from app.protection_systems.router import router as protection_systems_router
from app.reconfirmations.router import router as reconfirmations_router
from app.reports.router import router as reports_router
from app.reviews.router import router as proposals_router
from app.service_types.router import router as service_types_router
from app.stats.router import router as stats_router
from app.sync.router import router as sync_router

public_router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(reject_nul_characters)])
for router in (
    countries_router,
    service_types_router,
    protection_systems_router,
    institutions_router,
    emergency_services_router,
    focal_points_router,
    sync_router,
    auth_router,
    users_router,
    audit_router,
    stats_router,
    imports_router,
    exports_router,
    reports_router,
    reconfirmations_router,
    proposals_router,
):
    public_router.include_router(router)
