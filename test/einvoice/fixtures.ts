import type { EInvoiceInput } from '../../src/einvoice/types.ts';

/** The d4 worked example: 10 × ₹899 T-shirts, Maharashtra seller to a Karnataka FC, 23 Sep 2025. */
export function sampleInvoice(overrides: Partial<EInvoiceInput> = {}): EInvoiceInput {
  return {
    type: 'INV',
    number: 'WFT/25-26/000123',
    date: '2025-09-23',
    seller: {
      gstin: '27AAPFU0939F1ZV',
      legalName: 'Weft Demo Apparel LLP',
      address1: '12 Mill Compound, Lower Parel',
      location: 'Mumbai',
      pincode: '400013',
      stateCode: '27',
    },
    buyer: {
      gstin: '29AABCR1718E1ZL',
      legalName: 'Reliance Retail Limited',
      address1: 'Survey 12, Hoskote Industrial Area',
      location: 'Bengaluru',
      pincode: 562114,
      stateCode: '29',
    },
    placeOfSupply: '29',
    lines: [
      {
        description: 'Crew-neck cotton T-shirt, navy, M',
        hsn: '61091000',
        quantity: 10,
        unit: 'PCS',
        unitPricePaise: 89_900,
        ratePercent: 5,
        orderLineRef: 'AJ-SKU-443322-M',
      },
    ],
    purchaseOrder: { number: 'PO2509230001', date: '2025-09-22' },
    ...overrides,
  };
}
