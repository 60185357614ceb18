// Public surface of the e-invoice (IRN) module; callers import from here rather than from single files.
export * from './types.ts';
export * from './errors.ts';
export * from './payload.ts';
export * from './schema.ts';
export * from './value-rules.ts';
export * from './irn.ts';
export * from './crypto.ts';
export * from './qr.ts';
export * from './envelope.ts';
export * from './irp-error.ts';
export * from './client.ts';
export { verifyAdoptable } from './adopt.ts';
