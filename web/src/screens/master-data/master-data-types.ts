import type { Wire } from '../../../../src/http/responses/common.ts';
import type { sku, skuImportResult, warehouse } from '../../../../src/http/responses/catalog.ts';
import type { bufferCsvResult, bufferLineResult } from '../../../../src/http/responses/listings.ts';

/** The master data answers as the server declares them (src/http/responses/). */
export type Warehouse = Wire<typeof warehouse>;
export type Sku = Wire<typeof sku>;
export type SkuImportResult = Wire<typeof skuImportResult>;
export type BufferLineResult = Wire<typeof bufferLineResult>;
export type BufferCsvResult = Wire<typeof bufferCsvResult>;

/**
 * The GST state codes a warehouse may be in (src/tax/state-codes.ts, without the legacy codes and the
 * export-only ones), for the state picker; the server checks the code and the GSTIN against it again.
 */
export const gstStates: readonly { code: string; name: string }[] = [
  ['01', 'Jammu and Kashmir'],
  ['02', 'Himachal Pradesh'],
  ['03', 'Punjab'],
  ['04', 'Chandigarh'],
  ['05', 'Uttarakhand'],
  ['06', 'Haryana'],
  ['07', 'Delhi'],
  ['08', 'Rajasthan'],
  ['09', 'Uttar Pradesh'],
  ['10', 'Bihar'],
  ['11', 'Sikkim'],
  ['12', 'Arunachal Pradesh'],
  ['13', 'Nagaland'],
  ['14', 'Manipur'],
  ['15', 'Mizoram'],
  ['16', 'Tripura'],
  ['17', 'Meghalaya'],
  ['18', 'Assam'],
  ['19', 'West Bengal'],
  ['20', 'Jharkhand'],
  ['21', 'Odisha'],
  ['22', 'Chhattisgarh'],
  ['23', 'Madhya Pradesh'],
  ['24', 'Gujarat'],
  ['26', 'Dadra and Nagar Haveli and Daman and Diu'],
  ['27', 'Maharashtra'],
  ['29', 'Karnataka'],
  ['30', 'Goa'],
  ['31', 'Lakshadweep'],
  ['32', 'Kerala'],
  ['33', 'Tamil Nadu'],
  ['34', 'Puducherry'],
  ['35', 'Andaman and Nicobar Islands'],
  ['36', 'Telangana'],
  ['37', 'Andhra Pradesh'],
  ['38', 'Ladakh'],
].map(([code, name]) => ({ code, name }));

export const stateName = (code: string) => gstStates.find((s) => s.code === code)?.name ?? code;
