/**
 * Builds STIX records from JSON parse events. The elements of a bundle's `objects` array are handed
 * out one by one as they complete, so memory follows the largest object rather than the bundle;
 * every other value is assembled whole. Each record is held to the size limit while it is built.
 */
import { type ItemSink, type JsonObject, jsonKind, where } from './items.js';
import type { LineCounter } from './position.js';
import {
  emitMember,
  finishRecord,
  type OpenRecord,
  OVERSIZED,
  reportTooLarge,
  setProperty,
} from './records.js';

/** Which root values a document may hold: `object` for the bundle format, `array` for the array format. */
export type RootPolicy = 'any' | 'object' | 'array';

// Frame kinds. Every open container has exactly one frame, so frame counts double as depths.
const VALUE = 0;
const RECORD = 1;
const ROOT_ARRAY = 2;
const MEMBERS = 3;

interface Frame {
  readonly kind: number;
  readonly container: JsonObject | unknown[] | undefined;
  key: string;
}

/** Receives the events of a syntactically valid token stream and queues items into the sink. */
export class RecordAssembler {
  private readonly frames: Frame[] = [];
  private record: OpenRecord | undefined;
  private memberStart = -1;
  private memberFrame = 0;
  private memberLine = 0;
  private memberColumn = 0;
  /** Containers still open in a value being skipped (too large, or not a STIX object). */
  private skipDepth = 0;

  constructor(
    private readonly sink: ItemSink,
    private readonly lines: LineCounter,
    private readonly maxBytes: number,
    private readonly policy: RootPolicy,
  ) {}

  /** A `{` (object) or `[` at `offset`. */
  enter(isObject: boolean, offset: number): void {
    if (this.skipDepth === 0) this.checkSize(offset);
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    const frames = this.frames;
    const top = frames[frames.length - 1];
    if (top === undefined || top.kind === ROOT_ARRAY) {
      this.enterRecord(isObject, offset, top === undefined);
    } else if (top.kind === MEMBERS) {
      this.enterMember(isObject, offset);
    } else if (!isObject && top.kind === RECORD && top.key === 'objects' && this.mayBeBundle()) {
      this.enterMembers(offset);
    } else {
      frames.push({ kind: VALUE, container: isObject ? {} : [], key: '' });
    }
  }

  /** A `}` or `]` at `offset`. */
  leave(offset: number): void {
    if (this.skipDepth === 0) this.checkSize(offset);
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    const frame = this.frames.pop();
    if (frame === undefined) return;
    if (frame.kind === VALUE) {
      this.deliver(frame.container, offset);
    } else if (frame.kind === RECORD && this.record !== undefined) {
      finishRecord(this.sink, this.record, this.maxBytes);
      this.record = undefined;
    } else if (frame.kind === MEMBERS && this.record !== undefined) {
      this.record.excluded += offset + 1 - this.record.membersStart;
      this.record.membersStart = -1;
    }
  }

  /** A property name at `offset`. */
  key(name: string, offset: number): void {
    if (this.skipDepth === 0) this.checkSize(offset);
    if (this.skipDepth > 0) return;
    const top = this.frames[this.frames.length - 1];
    if (top !== undefined) top.key = name;
  }

  /** A string, number, boolean or null value at `offset`. */
  scalar(value: unknown, offset: number): void {
    if (this.skipDepth === 0) this.checkSize(offset);
    if (this.skipDepth > 0) return;
    this.deliver(value, offset);
  }

  private mayBeBundle(): boolean {
    const type = this.record?.type;
    return type === undefined || type === 'bundle';
  }

  private enterRecord(isObject: boolean, offset: number, atRoot: boolean): void {
    const policy = this.policy;
    if (atRoot && !isObject && policy !== 'object') {
      this.frames.push({ kind: ROOT_ARRAY, container: undefined, key: '' });
      return;
    }
    const at = this.lines.at(offset);
    if (atRoot && policy !== 'any' && isObject !== (policy === 'object')) {
      const wanted = policy === 'object' ? 'a bundle or STIX object' : 'an array';
      const message = `The root value at ${where(at.line, at.column)} is ${isObject ? 'an object' : 'an array'}, but the format calls for ${wanted}.`;
      this.skip('KSTORM_INPUT_SHAPE', message, at.line, at.column);
      return;
    }
    if (!isObject) {
      const message = `The array element at ${where(at.line, at.column)} is an array, not a STIX object or bundle.`;
      this.skip('KSTORM_INPUT_SHAPE', message, at.line, at.column);
      return;
    }
    const object: JsonObject = {};
    this.record = {
      object,
      frame: this.frames.length,
      start: offset,
      line: at.line,
      column: at.column,
      type: undefined,
      id: undefined,
      excluded: 0,
      membersStart: -1,
      pending: undefined,
      pendingAt: [],
      streamed: false,
    };
    this.frames.push({ kind: RECORD, container: object, key: '' });
  }

  private enterMembers(offset: number): void {
    const record = this.record;
    if (record === undefined) return;
    record.membersStart = offset;
    if (record.type === undefined) {
      // Keys in unusual order: keep the elements (not memory-bounded) until `type` says what they are.
      record.pending = [];
      setProperty(record.object, 'objects', record.pending);
    } else {
      record.streamed = true;
    }
    this.frames.push({ kind: MEMBERS, container: undefined, key: '' });
  }

  private enterMember(isObject: boolean, offset: number): void {
    const at = this.lines.at(offset);
    if (!isObject && this.record?.pending === undefined) {
      const message = `The bundle element at ${where(at.line, at.column)} is an array, not a STIX object.`;
      this.skip('KSTORM_INPUT_SHAPE', message, at.line, at.column);
      return;
    }
    this.memberStart = offset;
    this.memberFrame = this.frames.length;
    this.memberLine = at.line;
    this.memberColumn = at.column;
    this.frames.push({ kind: VALUE, container: isObject ? {} : [], key: '' });
  }

  /** Puts a complete value into its parent, or hands it out when the parent is not kept. */
  private deliver(value: unknown, offset: number): void {
    const top = this.frames[this.frames.length - 1];
    if (top === undefined || top.kind === ROOT_ARRAY) {
      const at = this.lines.at(offset);
      const what = top === undefined ? 'The root value' : 'The array element';
      const message = `${what} at ${where(at.line, at.column)} is ${jsonKind(value)}, not a STIX object or bundle.`;
      this.sink.error('KSTORM_INPUT_SHAPE', message, at.line, at.column);
      return;
    }
    const container = top.container;
    if (Array.isArray(container)) {
      container.push(value);
    } else if (container !== undefined) {
      setProperty(container, top.key, value);
      const record = this.record;
      if (top.kind === RECORD && record !== undefined) {
        if (top.key === 'type') record.type = typeof value === 'string' ? value : undefined;
        else if (top.key === 'id') record.id = typeof value === 'string' ? value : undefined;
      }
    } else {
      this.takeMember(value, offset);
    }
  }

  private takeMember(value: unknown, offset: number): void {
    const record = this.record;
    if (record === undefined) return;
    let line = this.memberLine;
    let column = this.memberColumn;
    if (this.memberStart >= 0) {
      this.memberStart = -1;
    } else {
      ({ line, column } = this.lines.at(offset));
    }
    if (record.pending !== undefined) {
      record.pending.push(value);
      record.pendingAt.push(line, column);
    } else {
      emitMember(this.sink, value, line, column, record.id);
    }
  }

  /** Gives up on the current bundle element or record once it passes the size limit. */
  private checkSize(offset: number): void {
    if (this.memberStart >= 0) {
      if (offset - this.memberStart >= this.maxBytes) this.abortMember();
      return;
    }
    const record = this.record;
    if (record !== undefined && record.membersStart < 0) {
      if (offset - record.start - record.excluded >= this.maxBytes) this.abortRecord(record);
    }
  }

  private abortMember(): void {
    this.skipDepth = this.frames.length - this.memberFrame;
    this.frames.length = this.memberFrame;
    this.memberStart = -1;
    const record = this.record;
    if (record?.pending !== undefined) {
      record.pending.push(OVERSIZED);
      record.pendingAt.push(this.memberLine, this.memberColumn);
    } else {
      reportTooLarge(this.sink, 'bundle element', this.memberLine, this.memberColumn, this.maxBytes);
    }
  }

  private abortRecord(record: OpenRecord): void {
    this.skipDepth = this.frames.length - record.frame;
    this.frames.length = record.frame;
    this.record = undefined;
    reportTooLarge(this.sink, 'object', record.line, record.column, this.maxBytes);
  }

  /** Skips the container just opened, after reporting why. */
  private skip(code: 'KSTORM_INPUT_SHAPE', message: string, line: number, column: number): void {
    this.sink.error(code, message, line, column);
    this.skipDepth = 1;
  }
}
