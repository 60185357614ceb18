import { lookup as dnsLookup } from 'node:dns/promises';
import { connect, isIP } from 'node:net';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { printers } from '../../db/schema.ts';
import { isLinkLocalAddress, privateUrlsAllowed } from '../../net/outbound-url.ts';
import { audit } from '../audit.ts';
import { AppError, invalid } from '../errors.ts';
import { text } from '../schema-types.ts';

/**
 * Direct printing: the one network printer of the installation, which takes raw jobs on a TCP port
 * ("port 9100", JetDirect), and sending it a print bundle. The printer gets the PDF as is, so it must
 * understand PDF (most office and many label printers do). ZPL is not offered: Weft's labels are made
 * as PDFs only, and turning a PDF into ZPL would print an image of a barcode, not a barcode.
 *
 * Address policy, unlike src/net/outbound-url.ts (which guards where passwords go and refuses private
 * addresses): a printer sits on the warehouse LAN, so private addresses (10/8, 172.16/12, 192.168/16,
 * fc00::/7) are exactly what is expected and are allowed. Link-local (169.254/16, fe80::/10) is still
 * refused — it is where cloud metadata services answer, and a printer is never configured there on
 * purpose. Loopback is refused too unless WEFT_ALLOW_PRIVATE_URLS is set (a stand-in printer on one's own
 * machine, as in the tests): Weft's own host holds its database, not a printer. The checks run when the
 * setting is saved and again on the resolved address before each job, so a name that later resolves
 * to a refused address is caught. Only bytes go out; nothing the printer answers is read back.
 */
export const printerFormats = ['pdf', 'zpl'] as const;

export const printerSchema = z.object({
  host: text({ max: 253, min: 1, minMessage: "Give the printer's address (an IP address or a host name)." })
    .trim()
    .regex(
      /^[A-Za-z0-9.:-]+$/,
      "A printer's address is an IP address or a host name (letters, digits, dots, hyphens), with no scheme or port.",
    ),
  port: z
    .number('Give the port as a number (9100 for raw printing).')
    .int('A port is a whole number.')
    .min(1, 'A port is between 1 and 65535.')
    .max(65535, 'A port is between 1 and 65535.')
    .default(9100),
  format: z
    .enum(printerFormats, 'The format is "pdf".')
    .default('pdf')
    .refine((f) => f === 'pdf', {
      message:
        'ZPL is not available: Weft makes labels and invoices as PDFs only. Choose "pdf" and a printer that prints PDF sent raw on its port.',
    }),
});
export type PrinterInput = z.input<typeof printerSchema>;

export interface Printer {
  host: string;
  port: number;
  format: 'pdf';
  updatedAt: Date;
  updatedBy: string;
}

const loopback = (address: string) => {
  const bare = address.replace(/^\[|\]$/g, '');
  return (
    (isIP(bare) === 4 && bare.startsWith('127.')) ||
    bare === '::1' ||
    bare.toLowerCase().startsWith('::ffff:127.') ||
    bare.toLowerCase() === 'localhost'
  );
};

/** What is wrong with a printer's address, judged without DNS; null when it is fine. */
export function printerAddressProblem(host: string): string | null {
  if (isIP(host.replace(/^\[|\]$/g, '')) && isLinkLocalAddress(host)) {
    return `The printer's address ${host} is link-local (where cloud metadata services answer): give the printer's LAN address, such as 192.168.1.50.`;
  }
  if (loopback(host) && !privateUrlsAllowed()) {
    return `The printer's address ${host} is this machine itself: give the printer's LAN address, such as 192.168.1.50.`;
  }
  return null;
}

const toPrinter = (row: typeof printers.$inferSelect): Printer => ({
  host: row.host,
  port: row.port,
  format: row.format,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export async function getPrinter(db: Db): Promise<Printer | null> {
  const [row] = await db.select().from(printers).where(eq(printers.id, 1));
  return row ? toPrinter(row) : null;
}

/** Sets the printer (audited, with what it was before). */
export async function savePrinter(db: Db, input: PrinterInput, actor: string): Promise<Printer> {
  const parsed = printerSchema.parse(input);
  const problem = printerAddressProblem(parsed.host);
  if (problem) throw invalid(problem, 'host');
  const values = {
    host: parsed.host,
    port: parsed.port,
    format: 'pdf' as const,
    updatedAt: new Date(),
    updatedBy: actor,
  };
  return db.transaction(async (tx) => {
    const before = await getPrinter(tx);
    const [row] = await tx
      .insert(printers)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: printers.id, set: values })
      .returning();
    const after = toPrinter(row);
    await audit(tx, { actor, action: before ? 'update' : 'create', entity: 'printer', entityId: '1', before, after });
    return after;
  });
}

/** Forgets the printer (audited); true when there was one. */
export async function removePrinter(db: Db, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(printers).where(eq(printers.id, 1)).returning();
    if (removed) {
      await audit(tx, { actor, action: 'delete', entity: 'printer', entityId: '1', before: toPrinter(removed) });
    }
    return removed !== undefined;
  });
}

/** How long the printer has to accept the connection and take the job. */
export const printerTimeoutMs = 5000;

const unreachable = (where: string, why: string) =>
  new AppError(
    'bad_gateway',
    `The printer at ${where} ${why}: check that it is switched on, on the network, and takes raw printing on that port (Settings → Printer).`,
  );

/** Sends the bytes to host:port over a raw TCP socket; answers how many were sent. */
export async function sendRaw(
  host: string,
  port: number,
  bytes: Buffer,
  timeoutMs = printerTimeoutMs,
): Promise<number> {
  const where = `${host}:${port}`;
  let address: string;
  try {
    address = isIP(host) ? host : (await dnsLookup(host)).address;
  } catch {
    throw unreachable(where, 'has a name that does not resolve');
  }
  const problem = printerAddressProblem(address);
  if (problem) throw invalid(`${problem} (${host} resolves to ${address})`, 'host');
  return new Promise<number>((resolve, reject) => {
    const socket = connect({ host: address, port });
    const fail = (error: AppError) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(unreachable(where, `did not take the job within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'ECONNREFUSED'
          ? 'refused the connection'
          : error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH'
            ? 'cannot be reached'
            : `failed (${error.code ?? error.message})`;
      fail(unreachable(where, why));
    });
    socket.once('connect', () => {
      socket.end(bytes, () => {
        clearTimeout(timer);
        const sent = socket.bytesWritten;
        socket.destroy();
        resolve(sent);
      });
    });
  });
}
