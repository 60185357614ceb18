// Errors in the contract's shape: {success:false, statusCode, errorMessage}.
// Route code throws SandboxError; one error handler in server.ts turns it into a reply.
export class SandboxError extends Error {
  readonly statusCode: number;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers;
  }
}

export interface ErrorBody {
  success: false;
  statusCode: number;
  errorMessage: string;
}

export function errorBody(statusCode: number, errorMessage: string): ErrorBody {
  return { success: false, statusCode, errorMessage };
}

export const badRequest = (message: string) => new SandboxError(400, message);
export const notFound = (message: string) => new SandboxError(404, message);
export const conflict = (message: string) => new SandboxError(409, message);
export const unprocessable = (message: string) => new SandboxError(422, message);
