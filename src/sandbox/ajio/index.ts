// Public surface of the AJIO JIT sandbox.
export { createAjioSandbox, type AjioSandbox, type AjioSandboxOptions } from './server.ts';
export { startAjioSandbox, SandboxControl, type StartedSandbox } from './testing.ts';
export type { SellerInput, InvoiceSeries } from './seller.ts';
export type { MarketConfig } from './marketplace.ts';
