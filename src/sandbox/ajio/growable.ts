// Growable typed-array columns. Pendency can reach millions of lines; one object per
// line would cost ~100 bytes, a column entry costs 4-8 bytes.
type IntArray = Int32Array | Float64Array | Uint8Array;
type IntArrayCtor<T extends IntArray> = { new (length: number): T };

export class Column<T extends IntArray> {
  data: T;
  length = 0;
  private readonly ctor: IntArrayCtor<T>;

  constructor(ctor: IntArrayCtor<T>, capacity = 1024) {
    this.ctor = ctor;
    this.data = new ctor(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  add(index: number, delta: number): void {
    this.data[index] += delta;
  }

  /** Ensures room for `extra` more entries, so bulk loads grow once. */
  reserve(extra: number): void {
    if (this.length + extra > this.data.length) this.grow(this.length + extra);
  }

  private grow(minimum: number): void {
    let capacity = Math.max(16, this.data.length);
    while (capacity < minimum) capacity = Math.ceil(capacity * 1.5);
    const next = new this.ctor(capacity);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }

  toBase64(): string {
    const view = this.data.subarray(0, this.length);
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
  }

  /** Replaces the contents with a `toBase64()` dump. */
  load(text: string): void {
    const bytes = Buffer.from(text, 'base64');
    const count = bytes.byteLength / this.data.BYTES_PER_ELEMENT;
    this.length = 0;
    this.reserve(count);
    new Uint8Array(this.data.buffer, this.data.byteOffset, bytes.byteLength).set(bytes);
    this.length = count;
  }

  static fromBase64<T extends IntArray>(
    ctor: IntArrayCtor<T> & { BYTES_PER_ELEMENT: number },
    text: string,
  ): Column<T> {
    const bytes = Buffer.from(text, 'base64');
    const count = bytes.byteLength / ctor.BYTES_PER_ELEMENT;
    const column = new Column(ctor, Math.max(16, count));
    new Uint8Array(column.data.buffer).set(bytes);
    column.length = count;
    return column;
  }
}

export const int32Column = (capacity?: number) => new Column(Int32Array, capacity);
export const float64Column = (capacity?: number) => new Column(Float64Array, capacity);
export const uint8Column = (capacity?: number) => new Column(Uint8Array, capacity);
