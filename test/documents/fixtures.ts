import { generateKeyPairSync, sign } from 'node:crypto';
import type { InvoiceData, InvoiceLineData } from '../../src/core/documents/render/invoice.ts';
import type { BoxLabelData } from '../../src/core/documents/render/box-label.ts';
import type { ManifestData } from '../../src/core/documents/render/manifest.ts';
import type { PicklistData } from '../../src/core/documents/render/picklist.ts';

/** Realistic document data: a Maharashtra seller supplying Reliance Retail's AJIO fulfilment centres. */
export const SELLER = {
  name: 'Weft Demo Apparel LLP',
  address: ['12 Mill Compound, Lower Parel', 'Mumbai 400013'],
  gstin: '27AAPFU0939F1ZV',
  stateCode: '27',
};

const RELIANCE_MH = {
  name: 'Reliance Retail Limited',
  address: ['Plot A-2, Bhiwandi Logistics Park', 'Bhiwandi, Thane 421302'],
  gstin: '27AABCR1718E1ZL',
  stateCode: '27',
};

const RELIANCE_KA = {
  name: 'Reliance Retail Limited',
  address: ['Survey 12, Hoskote Industrial Area', 'Bengaluru 562114'],
  gstin: '29AABCR1718E1ZL',
  stateCode: '29',
};

export const TEE: InvoiceLineData = {
  description: 'Crew-neck cotton T-shirt, navy, M',
  sku: 'WD-TEE-NVY-M',
  hsn: '61091000',
  quantity: 10,
  unitPricePaise: 89_900,
  ratePercent: 5,
};
export const SHIRT: InvoiceLineData = {
  description: 'Linen shirt, white, L',
  sku: 'WD-LIN-WHT-L',
  hsn: '62052000',
  quantity: 4,
  unitPricePaise: 2_79_950,
  ratePercent: 18,
};
export const JEANS: InvoiceLineData = {
  description: 'Slim jeans, indigo, 32',
  sku: 'WD-JNS-IND-32',
  hsn: '62034200',
  quantity: 3,
  unitPricePaise: 1_49_900,
  ratePercent: 5,
};

/** Mumbai seller → Bhiwandi FC: intra-State, CGST + SGST. */
export function intraStateInvoice(overrides: Partial<InvoiceData> = {}): InvoiceData {
  return {
    number: 'WFT/25-26/000123',
    date: '2025-09-23',
    supplier: SELLER,
    recipient: RELIANCE_MH,
    shipTo: {
      name: 'AJIO FC Bhiwandi',
      address: ['Plot A-2, Bhiwandi Logistics Park', 'Bhiwandi, Thane 421302'],
      stateCode: '27',
    },
    placeOfSupplyCode: '27',
    poNumber: 'PO2509230001',
    poDate: '2025-09-22',
    boxCount: 2,
    lines: [TEE, SHIRT, JEANS],
    ...overrides,
  };
}

/** Mumbai seller → Hoskote FC: inter-State, IGST. */
export function interStateInvoice(overrides: Partial<InvoiceData> = {}): InvoiceData {
  return intraStateInvoice({
    number: 'WFT/25-26/000124',
    recipient: RELIANCE_KA,
    shipTo: { name: 'AJIO FC Hoskote', address: RELIANCE_KA.address, stateCode: '29' },
    placeOfSupplyCode: '29',
    poNumber: 'PO2509230002',
    ...overrides,
  });
}

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** A SignedQRCode shaped like the IRP's (c6): an RS256 JWS over `{data: "<json>", iss: "NIC"}`. */
export function signedQr(fields: {
  seller: string;
  buyer: string;
  docNo: string;
  docDate: string;
  total: number;
  itemCount: number;
  hsn: string;
  irn: string;
  irnDate: string;
}): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = b64({
    alg: 'RS256',
    kid: 'EDC57DE1358B300BA9F79340A6696831F3C85047',
    typ: 'JWT',
    x5t: '7cV-4TWLMAup95NApmloMfPIUEc',
  });
  const data = {
    SellerGstin: fields.seller,
    BuyerGstin: fields.buyer,
    DocNo: fields.docNo,
    DocTyp: 'INV',
    DocDt: fields.docDate,
    TotInvVal: fields.total,
    ItemCnt: fields.itemCount,
    MainHsnCode: fields.hsn,
    Irn: fields.irn,
    IrnDt: fields.irnDate,
  };
  const payload = b64({ data: JSON.stringify(data), iss: 'NIC' });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), signingKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

export const IRN = '706daecc8a4f5b7d2c4e8a1b3f9d0c6e5a7b2d4f6e8c0a1b3d5f7e9a2c4b6d8e';

export function labelData(boxes = 3): BoxLabelData {
  return {
    poNumber: 'PO2509230002',
    invoiceNumber: 'WFT/25-26/000124',
    createdAt: new Date('2025-09-23T09:30:00Z'),
    from: { name: SELLER.name, address: SELLER.address },
    shipTo: { name: 'AJIO FC Hoskote', address: RELIANCE_KA.address },
    carrier: 'Delhivery',
    boxCount: boxes,
    boxes: Array.from({ length: boxes }, (_, i) => ({
      number: i + 1,
      boxId: `BX-0002-${i + 1}`,
      awb: `1490823${String(4410 + i)}`,
      weightGrams: 2350 + i * 115,
    })),
  };
}

export function manifestData(rows = 250): ManifestData {
  return {
    manifestId: 'MF-2025-0923-01',
    manifestNumber: 'AJMAN8812231',
    channel: 'AJIO JIT (ajio-main)',
    warehouse: { name: 'Weft Demo Warehouse, Lower Parel', address: SELLER.address },
    createdAt: new Date('2025-09-23T11:00:00Z'),
    carrier: 'Delhivery',
    handover: { vehicle: 'MH-01-AB-1234', agent: 'R. Patil' },
    shipments: Array.from({ length: rows }, (_, i) => ({
      poNumber: `PO25092${String(30000 + i)}`,
      invoiceNumber: `WFT/25-26/${String(100 + i).padStart(6, '0')}`,
      masterAwb: `77${String(1_000_000_00 + i * 37)}`,
      boxCount: 1 + (i % 4),
      weightGrams: 1200 + (i % 9) * 410,
    })),
  };
}

export function picklistData(): PicklistData {
  return {
    picklistId: 'PL-000042',
    warehouse: 'Weft Demo Warehouse, Lower Parel',
    createdAt: new Date('2025-09-23T04:15:00Z'),
    createdBy: 'operator1',
    lines: [
      {
        skuCode: 'WD-TEE-NVY-XL',
        ean: '8901234500045',
        description: 'Crew-neck T-shirt navy',
        style: 'TEE',
        colour: 'Navy',
        size: 'XL',
        quantity: 6,
        poCount: 2,
      },
      {
        skuCode: 'WD-TEE-NVY-S',
        ean: '8901234500021',
        description: 'Crew-neck T-shirt navy',
        style: 'TEE',
        colour: 'Navy',
        size: 'S',
        quantity: 4,
        poCount: 1,
      },
      {
        skuCode: 'WD-JNS-IND-34',
        ean: '8901234500113',
        description: 'Slim jeans indigo',
        style: 'JNS',
        colour: 'Indigo',
        size: '34',
        quantity: 2,
        poCount: 2,
      },
      {
        skuCode: 'WD-JNS-IND-28',
        ean: '8901234500083',
        description: 'Slim jeans indigo',
        style: 'JNS',
        colour: 'Indigo',
        size: '28',
        quantity: 1,
        poCount: 1,
      },
      {
        skuCode: 'WD-TEE-NVY-3XL',
        ean: '8901234500069',
        description: 'Crew-neck T-shirt navy',
        style: 'TEE',
        colour: 'Navy',
        size: '3XL',
        quantity: 1,
        poCount: 1,
      },
      {
        skuCode: 'WD-TEE-NVY-M',
        ean: '8901234500038',
        description: 'Crew-neck T-shirt navy',
        style: 'TEE',
        colour: 'Navy',
        size: 'M',
        quantity: 9,
        poCount: 3,
      },
      {
        skuCode: 'WD-JNS-IND-30',
        ean: '8901234500090',
        description: 'Slim jeans indigo',
        style: 'JNS',
        colour: 'Indigo',
        size: '30',
        quantity: 5,
        poCount: 4,
      },
      {
        skuCode: 'WD-TEE-BLK-M',
        ean: '8901234500014',
        description: 'Crew-neck T-shirt black',
        style: 'TEE',
        colour: 'Black',
        size: 'M',
        quantity: 3,
        poCount: 1,
      },
    ],
  };
}
