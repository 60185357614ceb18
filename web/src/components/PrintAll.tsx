import { useState, type MouseEvent } from 'react';
import { get, messageOf } from '../api.ts';

interface PrintAllProps {
  /** The bundle's URL: /api/orders/:id/documents.pdf, /api/picklists/:code/documents.pdf, … */
  href: string;
  label: string;
  /** The accessible name when the label alone is ambiguous on the page ("Print all documents of PL000001"). */
  ariaLabel?: string;
  primary?: boolean;
  /** Why the PDF cannot be printed yet (the API's 409 names the PO and what is missing). */
  onError(message: string): void;
}

/**
 * One click, one tab, one print dialog: the documents merged into one PDF, opened in a new tab where
 * the browser prints them. The tab is opened at once (so no pop-up blocker stops it) and sent to the
 * PDF once the server says it is complete; when a document is missing the tab closes and the page says
 * which PO lacks what, instead of a tab of JSON. Without JavaScript it is a plain link.
 */
export function PrintAll({ href, label, ariaLabel, primary, onError }: PrintAllProps) {
  const [busy, setBusy] = useState(false);

  async function open(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    setBusy(true);
    try {
      const check = await fetch(href, { method: 'HEAD', credentials: 'same-origin' });
      if (check.ok) {
        if (tab) tab.location.href = href;
        else window.location.assign(href);
        return;
      }
      tab?.close();
      // The HEAD answer has no body: ask again for the message.
      await get(href);
    } catch (error) {
      tab?.close();
      onError(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <a
      className={primary ? 'button primary' : 'button'}
      href={href}
      target="_blank"
      rel="noopener"
      aria-label={ariaLabel}
      aria-busy={busy || undefined}
      onClick={(e) => void open(e)}
    >
      {busy ? 'Preparing…' : label}
    </a>
  );
}
