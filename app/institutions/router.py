from fastapi import APIRouter, Response, status

from app.auth.dependencies import EditorUser
from app.core.db import SessionDep
from app.core.errors import error_responses
from app.core.http_cache import IfMatchDep, set_etag
from app.core.i18n import LocalizerDep
from app.core.pagination import Page, PageDep
from app.curation import service as curation
from app.institutions import repository, service
from app.institutions.dependencies import EditableInstitutionDep, InstitutionFiltersDep, PublishedInstitutionDep
from app.institutions.models import InstitutionCreate, InstitutionPublic, InstitutionUpdate

router = APIRouter(prefix="/institutions", tags=["Institutions"])

WRITE_ERRORS = error_responses(401, 403, 404, 412, 413, 422, 428)


@router.get(
    "",
    summary="List institutions",
    description="Institutions that support migrant and refugee children, filtered and paged, ordered by name. "
    "Filters combine with AND; repeatable filters match any of their values. Records past their `valid_until` "
    "never show. A confidential location shows only its city and area.",
    responses=error_responses(422),
)
async def list_institutions(
    session: SessionDep, filters: InstitutionFiltersDep, page: PageDep, localizer: LocalizerDep
) -> Page[InstitutionPublic]:
    records, total = await repository.list_public(session, filters, page)
    items = [InstitutionPublic.build(record, localizer) for record in records]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/{institution_id}",
    summary="Get one institution",
    description="The `ETag` header identifies this version of the record: send it as `If-Match` to change it.",
    responses=error_responses(404, 422),
)
async def get_institution(
    institution: PublishedInstitutionDep, localizer: LocalizerDep, response: Response
) -> InstitutionPublic:
    set_etag(response, institution.version)
    return InstitutionPublic.build(institution, localizer)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an institution",
    description="Editors may create records of the countries on their account; administrators of any country.",
    responses=error_responses(401, 403, 413, 422),
)
async def create_institution(
    data: InstitutionCreate, user: EditorUser, session: SessionDep, localizer: LocalizerDep, response: Response
) -> InstitutionPublic:
    record = await service.create(session, user, data)
    set_etag(response, record.version)
    response.headers["Location"] = f"{router.prefix}/{record.id}"
    return InstitutionPublic.build(record, localizer)


@router.patch(
    "/{institution_id}",
    summary="Change an institution",
    description="Send only the fields to change, with `If-Match: <ETag>`. Moving a record to another country "
    "needs edit rights on both.",
    responses=WRITE_ERRORS,
)
async def update_institution(
    data: InstitutionUpdate,
    user: EditorUser,
    institution: EditableInstitutionDep,
    if_match: IfMatchDep,
    session: SessionDep,
    localizer: LocalizerDep,
    response: Response,
) -> InstitutionPublic:
    await service.update(session, user, institution, data, if_match)
    set_etag(response, institution.version)
    return InstitutionPublic.build(institution, localizer)


@router.delete(
    "/{institution_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an institution",
    description="A soft delete: the record leaves the public directory but stays for the audit trail and sync.",
    responses=WRITE_ERRORS,
)
async def delete_institution(
    user: EditorUser, institution: EditableInstitutionDep, if_match: IfMatchDep, session: SessionDep
) -> None:
    await curation.delete(session, user, service.ENTITY, institution, if_match)


@router.post(
    "/{institution_id}/verify",
    summary="Mark an institution verified",
    description="Records that you confirmed this version of the data today (sets `last_verified_at`).",
    responses=WRITE_ERRORS,
)
async def verify_institution(
    user: EditorUser,
    institution: EditableInstitutionDep,
    if_match: IfMatchDep,
    session: SessionDep,
    localizer: LocalizerDep,
    response: Response,
) -> InstitutionPublic:
    await curation.verify(session, user, service.ENTITY, institution, if_match)
    set_etag(response, institution.version)
    return InstitutionPublic.build(institution, localizer)
