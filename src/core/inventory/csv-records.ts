import { invalid } from '../errors.ts';

/**
 * A small RFC 4180 reader for count files, fed chunk by chunk: records of fields with the line each
 * starts on. It exists for speed — a count file is three or four short fields per line, and csv-parse
 * with line numbers read 100,000 of them several times slower than the database applied them. Quoted
 * fields (commas, doubled quotes, line breaks inside) are read as csv-parse reads them; a quote inside
 * an unquoted field, text after a closing quote, or a quote never closed refuses the file, naming the line.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const comma = 44;
const quote = 34;
const newline = 10;
const carriageReturn = 13;

export class CsvRecordReader {
  #line = 1;
  #recordLine = 1;
  #fields: string[] = [];
  #field = '';
  /** Inside a quoted field; `#afterQuote`: just read a quote in one (a doubled quote or the end of it). */
  #quoted = false;
  #afterQuote = false;
  /** The current field began with a quote (so it is a quoted field). */
  #fieldStarted = false;
  #first = true;

  /** Reads a chunk; calls `emit` for each record completed in it. */
  write(chunk: string, emit: (record: CsvRecord) => void): void {
    let text = chunk;
    if (this.#first) {
      this.#first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (this.#quoted) {
        if (this.#afterQuote) {
          this.#afterQuote = false;
          if (c === quote) {
            // A doubled quote: one quote in the value.
            this.#field += '"';
            start = i + 1;
            continue;
          }
          this.#quoted = false;
          // The field ended at the previous quote; fall through to read c as outside quotes.
          if (c !== comma && c !== newline && c !== carriageReturn) {
            throw this.#refuse('text follows a closing quote in a field');
          }
        } else {
          if (c === quote) {
            this.#field += text.slice(start, i);
            this.#afterQuote = true;
            start = i + 1;
          } else if (c === newline) this.#line += 1;
          continue;
        }
      }
      if (c === comma) {
        this.#field += text.slice(start, i);
        this.#endField();
        start = i + 1;
      } else if (c === newline || c === carriageReturn) {
        this.#field += text.slice(start, i);
        if (c === newline) {
          this.#endRecord(emit);
          this.#line += 1;
          this.#recordLine = this.#line;
        }
        start = i + 1;
      } else if (c === quote) {
        if (this.#field !== '' || i > start || this.#fieldStarted) {
          throw this.#refuse('a quote inside a field that does not start with one');
        }
        this.#quoted = true;
        this.#fieldStarted = true;
        start = i + 1;
      }
    }
    this.#field += text.slice(start);
  }

  /** The end of the input: the last record (without a final line break), or a refusal if a quote is open. */
  end(emit: (record: CsvRecord) => void): void {
    if (this.#quoted && !this.#afterQuote) {
      this.#line = this.#recordLine;
      throw this.#refuse('a quoted field is never closed');
    }
    this.#quoted = false;
    this.#afterQuote = false;
    this.#endRecord(emit);
  }

  #endField() {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#fieldStarted = false;
  }

  #endRecord(emit: (record: CsvRecord) => void) {
    this.#endField();
    const fields = this.#fields;
    this.#fields = [];
    // A blank line is skipped, as csv-parse's skip_empty_lines does.
    if (fields.length === 1 && fields[0] === '') return;
    emit({ line: this.#recordLine, fields });
  }

  #refuse(what: string) {
    return invalid(
      `The CSV cannot be read at line ${this.#line} (${what}); nothing was imported: correct that line ` +
        '(a quote inside a field needs the whole field in quotes, with the quote doubled) and send the file again.',
      'body',
      { line: this.#line },
    );
  }
}
