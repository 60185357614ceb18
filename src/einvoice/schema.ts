import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import schema from './einvoice-schema-1.1.json' with { type: 'json' };
import { EInvoicePayloadError } from './errors.ts';

/**
 * Validation against NIC's INV-01 v1.1 schema (docs/gst.md d6). The schema is a copy of
 * NIC's published schema (corrected as docs/gst.md d6 records), kept next to this file and read at
 * run time. The schema cannot express d4 arithmetic; value-rules.ts covers that.
 */
export interface SchemaIssue {
  /** Dotted field path, e.g. `ItemList[0].HsnCd` or `SellerDtls.Pin`. */
  readonly path: string;
  readonly message: string;
}

export type SchemaResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly issues: readonly SchemaIssue[] };

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // Every leaf in the schema is typed (d6), so strict mode holds; allErrors reports all problems at once.
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** `/ItemList/0/HsnCd` → `ItemList[0].HsnCd`. */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describe(error: ErrorObject): SchemaIssue {
  const base = dotted(error.instancePath);
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { path: base ? `${base}.${missing}` : missing, message: 'is required' };
  }
  const path = base || '(root)';
  if (error.keyword === 'pattern') {
    return { path, message: `does not match the INV-01 pattern ${(error.params as { pattern: string }).pattern}` };
  }
  if (error.keyword === 'enum') {
    return {
      path,
      message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`,
    };
  }
  return { path, message: error.message ?? `fails ${error.keyword}` };
}

export function validateEInvoiceSchema(payload: unknown): SchemaResult {
  const validate = validator();
  if (validate(payload)) return { valid: true };
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of validate.errors ?? []) {
    const issue = describe(error);
    const key = `${issue.path}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return { valid: false, issues };
}

/** Throws EInvoicePayloadError naming every failing field. */
export function assertEInvoiceSchema(payload: unknown): void {
  const result = validateEInvoiceSchema(payload);
  if (!result.valid)
    throw new EInvoicePayloadError('e-invoice payload does not match the INV-01 v1.1 schema', result.issues);
}
