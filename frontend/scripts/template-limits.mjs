// Writes src/api/templateLimits.ts from the OpenAPI contract: the bounds and defaults of a template
// spec's numbers, so the editor checks what the API checks, from the one place the API reads them.
import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';

const [contractPath, outPath] = process.argv.slice(2);
const contract = load(readFileSync(contractPath, 'utf8'));
const spec = contract.components.schemas.TemplateSpec.properties;
const limits = {};
for (const [name, schema] of Object.entries(spec)) {
  if (schema.type === 'integer') {
    limits[name] = { min: schema.minimum, max: schema.maximum, default: schema.default };
  }
}
for (const [name, limit] of Object.entries(limits)) {
  if (![limit.min, limit.max, limit.default].every(Number.isInteger)) {
    throw new Error(`TemplateSpec.${name} needs an integer minimum, maximum and default in ${contractPath}`);
  }
}
const appPort = contract.components.schemas.AppPort.properties.port;
limits.appPort = { min: appPort.minimum, max: appPort.maximum };
const timeout = contract.components.schemas.TemplateSchedule.properties.inactivityTimeoutMinutes;
if (![timeout.minimum, timeout.maximum].every(Number.isInteger)) {
  throw new Error(`TemplateSchedule.inactivityTimeoutMinutes needs an integer minimum and maximum in ${contractPath}`);
}
const days = contract.components.schemas.TemplateSchedule.properties.dormantAfterDays;
const homePath = spec.homePath.default;
if (typeof homePath !== 'string') throw new Error(`TemplateSpec.homePath needs a default in ${contractPath}`);
writeFileSync(outPath, `// generated from the OpenAPI contract by scripts/template-limits.mjs (npm run generate)
export const TEMPLATE_SPEC_LIMITS = ${JSON.stringify(limits, null, 2)} as const;
export const DEFAULT_HOME_PATH = ${JSON.stringify(homePath)};
export const INACTIVITY_TIMEOUT_LIMITS = ${JSON.stringify({ min: timeout.minimum, max: timeout.maximum })} as const;
export const SCHEDULE_DAYS_LIMITS = ${JSON.stringify({ min: days.minimum, max: days.maximum })} as const;
`);
