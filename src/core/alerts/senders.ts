import nodemailer from 'nodemailer';
import { assertOutboundUrl, OutboundUrlError } from '../../net/outbound-url.ts';
import type { OpenDestination } from './destinations.ts';
import { messageSubject, messageText, webhookBody, type AlertMessage } from './message.ts';

/**
 * Sends one message to one destination; resolves when it was accepted, throws a SendRefused whose
 * message says in plain words why not (the webhook's answer, the SMTP server's reply, the network).
 */
export class SendRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendRefused';
  }
}

const timeoutMs = 10_000;

export async function sendAlert(destination: OpenDestination, message: AlertMessage): Promise<string> {
  return destination.kind === 'webhook' ? sendWebhook(destination, message) : sendEmail(destination, message);
}

async function sendWebhook(d: Extract<OpenDestination, { kind: 'webhook' }>, message: AlertMessage): Promise<string> {
  try {
    // The same policy as marketplace calls: https to a public address, checked after resolving the name.
    await assertOutboundUrl(d.url, `The webhook URL of ${d.name}`);
  } catch (error) {
    if (error instanceof OutboundUrlError) throw new SendRefused(error.message);
    throw error;
  }
  let response: Response;
  try {
    response = await fetch(d.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Weft alerts' },
      body: JSON.stringify(webhookBody(message, d.format)),
      // A redirect could lead past the address policy: it counts as a refusal.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new SendRefused(`The webhook of ${d.name} could not be reached (${why}).`);
  }
  const body = (await response.text().catch(() => '')).slice(0, 200).trim();
  if (response.status >= 200 && response.status < 300)
    return `The webhook of ${d.name} accepted it (HTTP ${response.status}).`;
  throw new SendRefused(
    `The webhook of ${d.name} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${body ? `: ${body}` : ''}.`,
  );
}

/** nodemailer's error codes, in words. */
function smtpReason(error: { code?: string; response?: string; message: string }, where: string): string {
  const reply = error.response ? ` (the server said: ${error.response})` : '';
  switch (error.code) {
    case 'EAUTH':
      return `The SMTP server ${where} refused the user name or password${reply}.`;
    case 'EENVELOPE':
      return `The SMTP server ${where} refused the sender or a recipient${reply}.`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'ETIMEDOUT':
    case 'EDNS':
      return `The SMTP server ${where} could not be reached (${error.message}).`;
    case 'ETLS':
      return `The TLS connection to the SMTP server ${where} failed (${error.message}): check "secure" and the port.`;
    default:
      return `The SMTP server ${where} did not accept the message: ${error.message}${reply}.`;
  }
}

async function sendEmail(d: Extract<OpenDestination, { kind: 'email' }>, message: AlertMessage): Promise<string> {
  const where = `${d.host}:${d.port}`;
  const transport = nodemailer.createTransport({
    host: d.host,
    port: d.port,
    secure: d.secure,
    auth: d.user ? { user: d.user, pass: d.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: d.from,
      to: d.to,
      subject: messageSubject(message),
      text: messageText(message),
    });
    return `The SMTP server ${where} accepted it for ${info.accepted.length} recipient${info.accepted.length === 1 ? '' : 's'}.`;
  } catch (error) {
    throw new SendRefused(smtpReason(error as { code?: string; response?: string; message: string }, where));
  } finally {
    transport.close();
  }
}
