// Public surface of the tax rules; callers import from here rather than from single files.
export * from './errors.ts';
export * from './business-date.ts';
export * from './state-codes.ts';
export * from './gst-rates.ts';
export * from './tax-split.ts';
export * from './amount-in-words.ts';
export * from './invoice-number.ts';
export * from './tax-check.ts';
export * from './gstin.ts';
