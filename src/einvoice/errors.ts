/** A payload Weft built or was given does not satisfy INV-01 (schema or d4 arithmetic). Fix the data; never resend unchanged (c9, 2140). */
export class EInvoicePayloadError extends Error {
  readonly issues: readonly { readonly path: string; readonly message: string }[];

  constructor(summary: string, issues: readonly { readonly path: string; readonly message: string }[]) {
    const detail = issues
      .slice(0, 10)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
    super(`${summary}: ${detail}${more}`);
    this.name = 'EInvoicePayloadError';
    this.issues = issues;
  }
}
