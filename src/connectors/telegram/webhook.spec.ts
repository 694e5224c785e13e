import { handleTelegramWebhook } from './webhook';

describe('handleTelegramWebhook secret', () => {
  const update = { update_id: 1 };

  it('a source with no secret_token takes no updates at all (the route is public)', () => {
    expect(handleTelegramWebhook({}, update, {})).toMatchObject({ status: 403, items: [] });
    expect(
      handleTelegramWebhook({ 'x-telegram-bot-api-secret-token': '' }, update, { secretToken: '' }),
    ).toMatchObject({
      status: 403,
    });
  });

  it('accepts only the exact secret', () => {
    const opts = { secretToken: 'k-secret' };
    expect(
      handleTelegramWebhook({ 'x-telegram-bot-api-secret-token': 'k-secreT' }, update, opts).status,
    ).toBe(403);
    expect(
      handleTelegramWebhook({ 'x-telegram-bot-api-secret-token': 'k-secret' }, update, opts).status,
    ).toBe(200);
  });
});
