// Writes src/api/contractEnums.ts from the OpenAPI contract: the values of the enums the dashboard
// offers as choices (the audit log's actions and target types), so a select lists exactly what the
// API accepts, from the one place the API reads them.
import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';

const [contractPath, outPath] = process.argv.slice(2);
const schemas = load(readFileSync(contractPath, 'utf8')).components.schemas;
const values = (name) => {
  const found = schemas[name]?.enum;
  if (!Array.isArray(found) || found.length === 0) throw new Error(`${name} needs an enum in ${contractPath}`);
  return found;
};
writeFileSync(outPath, `// generated from the OpenAPI contract by scripts/contract-enums.mjs (npm run generate)
import type { components } from './schema';

export const AUDIT_ACTIONS: readonly components['schemas']['AuditAction'][] = ${JSON.stringify(values('AuditAction'))};
export const AUDIT_TARGET_TYPES: readonly components['schemas']['AuditTargetType'][] = ${JSON.stringify(values('AuditTargetType'))};
`);
