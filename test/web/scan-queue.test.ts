import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ScanQueue } from '../../web/src/components/scan-queue.ts';

/**
 * The scan stations' queue on its own: scans pushed faster than they are answered are all answered,
 * in order; a refused scan does not stop the ones after it; a scan that cannot reach the server stays
 * queued (with everything after it) until the next scan or a retry.
 */
class Offline extends Error {}
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function queueOf(handle: (item: string) => Promise<void>) {
  const refused: string[] = [];
  const offline: string[] = [];
  const queue = new ScanQueue<string>({
    handle,
    isOffline: (error) => error instanceof Offline,
    onError: (item) => refused.push(item),
    onOffline: (item) => offline.push(item),
  });
  return { queue, refused, offline };
}

describe('scan queue', () => {
  test('a burst of scans is answered in order, one at a time, none dropped', async () => {
    const answered: string[] = [];
    let inFlight = 0;
    let most = 0;
    const { queue } = queueOf(async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick(Math.random() * 5);
      answered.push(item);
      inFlight--;
    });
    const scans = Array.from({ length: 40 }, (_, i) => `EAN-${i}`);
    for (const s of scans) queue.push(s);
    assert.equal(queue.snapshot().pending, 40);
    await queue.settled();
    assert.deepEqual(answered, scans);
    assert.equal(most, 1, 'never two scans answered at once');
    assert.deepEqual(queue.snapshot(), { pending: 0, offline: false });
  });

  test('scans pushed while others are being answered join the end of the queue', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 25 }), async (gaps) => {
        const answered: number[] = [];
        const { queue } = queueOf(async (item) => {
          await tick(2);
          answered.push(Number(item));
        });
        for (const [i, gap] of gaps.entries()) {
          queue.push(String(i));
          if (gap) await tick(gap);
        }
        await queue.settled();
        assert.deepEqual(
          answered,
          gaps.map((_, i) => i),
        );
      }),
      { numRuns: 15 },
    );
  });

  test('a refused scan is reported and the next one is still answered', async () => {
    const answered: string[] = [];
    const { queue, refused } = queueOf(async (item) => {
      if (item === 'bad') throw new Error('refused');
      answered.push(item);
    });
    for (const s of ['a', 'bad', 'b']) queue.push(s);
    await queue.settled();
    assert.deepEqual(answered, ['a', 'b']);
    assert.deepEqual(refused, ['bad']);
  });

  test('a scan that cannot reach the server stays queued, with the scans after it, until the next scan', async () => {
    let online = false;
    const answered: string[] = [];
    const { queue, offline, refused } = queueOf(async (item) => {
      if (!online) throw new Offline('fetch failed');
      answered.push(item);
    });
    queue.push('a');
    queue.push('b');
    await queue.settled();
    assert.deepEqual(queue.snapshot(), { pending: 2, offline: true });
    assert.deepEqual(queue.waiting(), ['a', 'b']);
    assert.deepEqual(offline, ['a']);
    assert.deepEqual(refused, [], 'a lost connection is not a refusal');

    queue.push('c');
    await queue.settled();
    assert.deepEqual(offline, ['a', 'a'], 'still offline: the head was tried again, and kept');
    assert.deepEqual(queue.waiting(), ['a', 'b', 'c']);

    online = true;
    queue.retry();
    await queue.settled();
    assert.deepEqual(answered, ['a', 'b', 'c']);
    assert.deepEqual(queue.snapshot(), { pending: 0, offline: false });
  });

  test('onChange follows the number of scans waiting', async () => {
    const seen: number[] = [];
    const queue = new ScanQueue<string>({
      handle: async () => {
        await tick(1);
      },
      isOffline: () => false,
      onError: () => {},
      onChange: (s) => seen.push(s.pending),
    });
    queue.push('a');
    queue.push('b');
    await queue.settled();
    assert.equal(seen[0], 1);
    assert.ok(seen.includes(2));
    assert.equal(seen.at(-1), 0);
  });
});
