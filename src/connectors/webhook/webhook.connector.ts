import { Connector, ConnectorError, SendResult, SourceContext } from '../connector';

export const MIN_SECRET_LENGTH = 16;

/**
 * The generic webhook source (site chat, forms, review sites, automation tools): items arrive at
 * `POST /api/ingest/:sourceId`, signed with `credentials.secret`. Inbound only.
 */
export class WebhookConnector implements Connector {
  readonly platform = 'webhook';

  async verify(source: SourceContext): Promise<{ accountName: string }> {
    const secret = source.credentials?.secret;
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new ConnectorError(
        'configuration',
        `credentials.secret must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    return { accountName: typeof source.settings?.label === 'string' ? source.settings.label : 'webhook' };
  }

  async send(): Promise<SendResult> {
    throw new ConnectorError('unsupported', 'a generic webhook source cannot send replies');
  }
}
