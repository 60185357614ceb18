// AJIO's side of a PO: the legal entity billed and the warehouse shipped to. One GSTIN per
// state, as a company registered in several states has; bill_to uses the ship_to state.
import { makeGstin } from './gstin.ts';

const AJIO_PAN = 'AABCR1718E';
export const AJIO_LEGAL_NAME = 'Reliance Retail Limited';

export interface Warehouse {
  code: string;
  name: string;
  address: string;
  pincode: string;
  stateCode: string;
  gstin: string;
}

export const WAREHOUSES: readonly Warehouse[] = [
  {
    code: 'BLR1',
    name: 'AJIO Fulfilment Centre Bengaluru',
    address: 'Survey No. 56, Kamblipura Village, Hoskote Taluk, Bengaluru Rural, Karnataka',
    pincode: '562114',
    stateCode: '29',
    gstin: makeGstin('29', AJIO_PAN),
  },
  {
    code: 'BHW1',
    name: 'AJIO Fulfilment Centre Bhiwandi',
    address: 'Building A2, Indian Corporation Complex, Mankoli Naka, Bhiwandi, Thane, Maharashtra',
    pincode: '421302',
    stateCode: '27',
    gstin: makeGstin('27', AJIO_PAN),
  },
  {
    code: 'GGN1',
    name: 'AJIO Fulfilment Centre Gurugram',
    address: 'Khasra No. 18/2, Village Jamalpur, Farukh Nagar, Gurugram, Haryana',
    pincode: '122506',
    stateCode: '06',
    gstin: makeGstin('06', AJIO_PAN),
  },
];

export function warehouseIndex(code: string): number {
  return WAREHOUSES.findIndex((w) => w.code === code.toUpperCase());
}

export function billTo(w: Warehouse) {
  return {
    name: AJIO_LEGAL_NAME,
    gstin: w.gstin,
    address: `${AJIO_LEGAL_NAME}, ${w.address} ${w.pincode}`,
    state_code: w.stateCode,
  };
}

export function shipTo(w: Warehouse) {
  return { name: w.name, gstin: w.gstin, address: w.address, pincode: w.pincode, state_code: w.stateCode };
}
