import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpositionError, parsePrometheusText } from '../helpers/prometheus-text.ts';

/** The strict reader itself: it accepts the format and refuses each way of breaking it. */
const histogram = (buckets: string, count = '3') =>
  `# HELP h_seconds Time.\n# TYPE h_seconds histogram\n${buckets}h_seconds_sum{r="a"} 1.5\nh_seconds_count{r="a"} ${count}\n`;

test('reads families, types, help escapes and label escapes', () => {
  const families = parsePrometheusText(
    [
      '# HELP g A \\\\ gauge\\nsecond line',
      '# TYPE g gauge',
      'g{a="x\\"y\\\\z\\nw",b=""} 1.5e3',
      'g{a="other"} -Inf',
      '',
      '# TYPE c counter',
      'c 0',
      '# just a comment',
      'u NaN 1700000000000',
      'v Nan',
      'w +inf',
      '',
    ].join('\n'),
  );
  const g = families.get('g')!;
  assert.equal(g.help, 'A \\ gauge\nsecond line');
  assert.deepEqual(g.samples[0].labels, { a: 'x"y\\z\nw', b: '' });
  assert.equal(g.samples[0].value, 1500);
  assert.equal(families.get('c')!.type, 'counter');
  assert.equal(families.get('u')!.type, 'untyped');
  parsePrometheusText(histogram('h_seconds_bucket{r="a",le="0.1"} 1\nh_seconds_bucket{r="a",le="+Inf"} 3\n'));
});

test('refuses each broken form', () => {
  const broken: Array<[string, RegExp]> = [
    ['g{a="x\\ty"} 1\n', /invalid escape/],
    ['g{a="x} 1\n', /not closed|expected/],
    ['g{a=x} 1\n', /not quoted/],
    ['g{a="1",a="2"} 1\n', /twice/],
    ['g{1a="x"} 1\n', /not a label name/],
    ['g 1 2 3\n', /at most a timestamp/],
    ['g  1\n', /value and at most/],
    ['g one\n', /not a sample value/],
    ['g 0x10\n', /not a sample value/],
    ['g Infinite\n', /not a sample value/],
    ['g 1', /newline/],
    ['g 1\ng 2\n', /given twice/],
    ['g{a="1"} 1\nh 1\ng{a="2"} 1\n', /split in two/],
    ['# TYPE g gauge\n# TYPE g gauge\n', /TYPE of g is given twice/],
    ['# TYPE g gauges\n', /not a metric type/],
    ['# HELP g a \\t\n', /invalid escape/],
    ['# TYPE c counter\nc -1\n', /counter c is -1/],
    [
      histogram(
        'h_seconds_bucket{r="a",le="0.1"} 2\nh_seconds_bucket{r="a",le="0.05"} 2\nh_seconds_bucket{r="a",le="+Inf"} 3\n',
      ),
      /not ascending/,
    ],
    [
      histogram(
        'h_seconds_bucket{r="a",le="0.1"} 2\nh_seconds_bucket{r="a",le="1"} 1\nh_seconds_bucket{r="a",le="+Inf"} 3\n',
      ),
      /go down/,
    ],
    [histogram('h_seconds_bucket{r="a",le="0.1"} 1\nh_seconds_bucket{r="a",le="+Inf"} 2\n'), /≠ count/],
    [histogram('h_seconds_bucket{r="a",le="0.1"} 1\n'), /\+Inf/],
  ];
  for (const [text, message] of broken) {
    assert.throws(
      () => parsePrometheusText(text),
      (e: Error) => e instanceof ExpositionError && message.test(e.message),
      text,
    );
  }
});
