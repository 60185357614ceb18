// What every contract route needs: the sandbox state, the authenticated seller of the
// request and the absolute base URL for document links.
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../errors.ts';
import type { Seller } from '../seller.ts';
import type { SandboxState } from '../state.ts';

export interface RouteDeps {
  state: SandboxState;
  pathPrefix: string;
  publicUrl?: string;
}

const SELLER = Symbol('ajioSeller');
type Tagged = FastifyRequest & { [SELLER]?: Seller };

export function setSeller(request: FastifyRequest, seller: Seller): void {
  (request as Tagged)[SELLER] = seller;
}

export function sellerOf(request: FastifyRequest): Seller {
  const seller = (request as Tagged)[SELLER];
  if (!seller) throw new SandboxError(401, 'Invalid token');
  return seller;
}

/** Absolute URL of the contract root as the client reached it (or the configured public URL). */
export function baseOf(request: FastifyRequest, deps: RouteDeps): string {
  if (deps.publicUrl) return deps.publicUrl.replace(/\/$/, '') + deps.pathPrefix;
  return `${request.protocol}://${request.headers.host ?? 'localhost'}${deps.pathPrefix}`;
}
