/**
 * Whether an error is a connector's: our ConnectorError, or one of the platform clients' own
 * (vk-io, telegraf) that escaped the mapping. A connector talks to the outside world, so its
 * failures are expected and belong to one source; anything else is a bug of ours.
 */
import { TelegramError } from 'telegraf';
import { VKError } from 'vk-io';
import { ConnectorError } from './connector';

export function isConnectorFailure(err: unknown): boolean {
  return err instanceof ConnectorError || err instanceof VKError || err instanceof TelegramError;
}
