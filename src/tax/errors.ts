/**
 * One error type for every tax-rule violation in this folder, so callers can tell a bad input
 * (fix the data) from a bug. `field` names the offending input so an HTTP layer or CLI can point at it.
 */
export class TaxRuleError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'TaxRuleError';
    this.field = field;
  }
}
