import { useEffect, useState } from 'react';
import { api, del, get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { useSubmit } from '../../use-submit.ts';
import type { PrinterSetting } from './printer-types.ts';
import './printer.css';

/**
 * The network printer that "Send to printer" on an order uses: its LAN address and raw-printing port
 * (9100). Everyone sees it; an admin sets or removes it. PDF only: Weft's labels are PDFs, not ZPL.
 */
export function PrinterSettings() {
  const isAdmin = useCan('admin');
  const setting = useLoad(() => get<PrinterSetting>('/api/settings/printer'), []);
  const current = setting.data?.printer ?? null;
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9100');
  const form = useSubmit(['host', 'port', 'format']);

  useEffect(() => {
    if (current) {
      setHost(current.host);
      setPort(String(current.port));
    }
  }, [current]);

  const submit = form.onSubmit(async () => {
    const portNumber = port.trim() === '' ? undefined : Number(port);
    const saved = await api<PrinterSetting>('PUT', '/api/settings/printer', {
      host: host.trim(),
      port: portNumber,
      format: 'pdf',
    });
    setting.reload();
    return `"Send to printer" now sends to ${saved.printer?.host}:${saved.printer?.port}.`;
  });

  return (
    <div className="printer-settings">
      <Section
        title="Printer"
        description='A network printer that takes PDF on a raw port (9100) gets "Send to printer" on each order. ZPL is not available: Weft makes labels as PDFs.'
      >
        {setting.error ? <Notice kind="error">{setting.error}</Notice> : null}
        <p data-testid="printer-current">
          {current
            ? `${current.host}:${current.port} (PDF), set ${formatDateTime(current.updatedAt)} by ${current.updatedBy}.`
            : setting.loading
              ? 'Loading…'
              : 'No printer set: documents are printed from the browser.'}
        </p>
        {isAdmin ? (
          <form onSubmit={submit} noValidate aria-label="Printer">
            {form.done ? <Notice kind="success">{form.done}</Notice> : null}
            {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
            <div className="grid">
              <TextField
                label="Printer address"
                name="host"
                value={host}
                onChange={setHost}
                error={form.errors.host}
                placeholder="192.168.1.50"
                hint="Its IP address or name on the warehouse network."
              />
              <TextField label="Port" name="port" value={port} onChange={setPort} error={form.errors.port} />
            </div>
            <div className="actions">
              <button type="submit" className="primary" disabled={form.busy}>
                {form.busy ? 'Saving…' : 'Save printer'}
              </button>
              {current ? (
                <button
                  type="button"
                  disabled={form.busy}
                  onClick={() =>
                    void form.run(async () => {
                      await del('/api/settings/printer');
                      setHost('');
                      setPort('9100');
                      setting.reload();
                      return 'The printer is removed: documents are printed from the browser.';
                    })
                  }
                >
                  Remove printer
                </button>
              ) : null}
            </div>
          </form>
        ) : null}
      </Section>
    </div>
  );
}
