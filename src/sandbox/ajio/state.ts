// The whole sandbox: clock, sellers, tokens, throttle, faults and rendered documents.
import { AuthBook } from './auth.ts';
import { SandboxClock } from './clock.ts';
import { notFound, badRequest } from './errors.ts';
import { FaultBook } from './faults.ts';
import { DEFAULT_MARKET, tick, type MarketConfig } from './marketplace.ts';
import { Seller, USERNAME_RE, type SellerInput } from './seller.ts';
import { Throttle } from './throttle.ts';

export class SandboxState {
  readonly clock = new SandboxClock();
  readonly auth = new AuthBook();
  readonly faults = new FaultBook();
  readonly throttle: Throttle;
  readonly market: MarketConfig;
  sellers = new Map<string, Seller>();
  /** Rendered label and manifest PDFs; they never change once their data exists. */
  readonly documents = new Map<string, Buffer>();
  /** Keeps seller id prefixes distinct across resets within one process. */
  serial = 0;
  /** Set by the snapshot writer; called after state-changing requests. */
  onChange: () => void = () => {};

  constructor(market: Partial<MarketConfig> = {}, rateLimit: number | false = 10) {
    this.market = { ...DEFAULT_MARKET, ...market };
    this.throttle = new Throttle(rateLimit);
  }

  now(): number {
    return this.clock.nowSec();
  }

  addSeller(input: SellerInput): Seller {
    if (typeof input?.username !== 'string' || !USERNAME_RE.test(input.username))
      throw badRequest('username must match ^DV[A-Za-z0-9]+$');
    if (typeof input.password !== 'string' || input.password === '') throw badRequest('password is required');
    const s = input.invoiceSeries;
    if (s !== undefined) {
      if (
        typeof s.prefix !== 'string' ||
        !Number.isInteger(s.start) ||
        !Number.isInteger(s.end) ||
        s.start < 0 ||
        s.end < s.start
      ) {
        throw badRequest('invoiceSeries must be {prefix: string, start: integer, end: integer >= start}');
      }
      if (`${s.prefix}${s.end}`.length > 16)
        throw badRequest('invoice numbers may have at most 16 characters (GST rule)');
    }
    const seller = new Seller(input, ++this.serial, this.now());
    this.sellers.set(seller.username, seller); // replaces an existing one; its tokens die with it
    this.documents.clear();
    return seller;
  }

  seller(username: string): Seller {
    const seller = this.sellers.get(username);
    if (!seller) throw notFound(`unknown seller ${username}`);
    this.tick(seller);
    return seller;
  }

  tick(seller: Seller): void {
    tick(seller, this.now(), this.market);
  }

  reset(): void {
    this.sellers = new Map();
    this.auth.clear();
    this.faults.clear();
    this.throttle.reset();
    this.documents.clear();
    this.clock.reset();
  }
}
