import {
  Connector,
  ConnectorError,
  OutgoingReply,
  SendResult,
  SourceContext,
} from '../../src/connectors/connector';

export interface SentCall {
  sourceId: string;
  reply: OutgoingReply;
  at: number;
}

/**
 * A stand-in for an external platform that records every send (a test double of the outside
 * world, not of our code). `script` decides each call's outcome in turn; then sends succeed.
 * `platformIds` makes it dedupe by reply id, as VK does with guid/random_id.
 */
export class RecordingPlatform implements Connector {
  readonly calls: SentCall[] = [];
  script: (ConnectorError | Error | 'ok')[] = [];
  delayMs = 0;
  private readonly posted = new Map<string, string>();

  constructor(
    readonly platform: string,
    readonly idempotentSends = false,
  ) {}

  async verify(): Promise<{ accountName: string }> {
    return { accountName: 'test community' };
  }

  async send(source: SourceContext, reply: OutgoingReply): Promise<SendResult> {
    this.calls.push({ sourceId: source.id, reply, at: Date.now() });
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const next = this.script.shift() ?? 'ok';
    if (next !== 'ok') throw next;
    let id = this.idempotentSends ? this.posted.get(reply.replyId) : undefined;
    if (!id) {
      id = `msg:${this.platform}:${this.calls.length}`;
      this.posted.set(reply.replyId, id);
    }
    return { platformMessageId: id };
  }

  /** Messages that actually landed on the platform. */
  get landed(): number {
    return this.posted.size;
  }
}
