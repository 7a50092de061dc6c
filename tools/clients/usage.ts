// Compiled with `tsc --strict` against the types openapi-typescript generates from docs/openapi.json
// (tests/test_clients.py writes them to generated/api.d.ts): what a MigrantApp developer's code relies on.
import type { components, operations, paths } from "./generated/api";

type InstitutionPage = paths["/api/v1/institutions"]["get"]["responses"][200]["content"]["application/json"];
type ErrorCode = components["schemas"]["ErrorBody"]["code"];
type ListInstitutionsQuery = NonNullable<operations["listInstitutions"]["parameters"]["query"]>;

export function firstNames(page: InstitutionPage): string[] {
  return page.items.map((institution) => institution.name);
}

export function mustSignInAgain(code: ErrorCode): boolean {
  return code === "unauthorized";
}

export const secondPage: ListInstitutionsQuery = { limit: 20, offset: 20, country: ["HN"] };
