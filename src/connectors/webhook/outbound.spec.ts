import { isPrivateAddress, outboundBody, outboundUrlProblem } from './outbound';

describe('webhook outbound URL rules', () => {
  it('takes public https URLs only, unless custom URLs are allowed', () => {
    expect(outboundUrlProblem('https://hooks.example.com/otklik', false)).toBeNull();
    expect(outboundUrlProblem('http://hooks.example.com/otklik', false)).toMatch(/https/);
    expect(outboundUrlProblem('http://127.0.0.1:9000/x', true)).toBeNull();
    for (const url of [
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://[::1]/x',
      'https://localhost/x',
      'https://169.254.169.254/latest',
    ])
      expect(outboundUrlProblem(url, false)).toBe('settings.outboundUrl must be a public address');
    expect(outboundUrlProblem('https://user:pw@example.com/', false)).toMatch(/user name or password/);
    expect(outboundUrlProblem('not a url', false)).toMatch(/must be a URL/);
    expect(outboundUrlProblem(42, false)).toMatch(/must be a URL/);
  });

  it('knows private, loopback, link-local and mapped addresses', () => {
    for (const a of [
      '10.0.0.1',
      '127.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.1.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '93.184.216.34', '2a00:1450::1'])
      expect(isPrivateAddress(a)).toBe(false);
  });

  it('sends the reply id, the item answered and the text', () => {
    const body = outboundBody(
      'src-1',
      {
        replyId: 'r-1',
        text: 'hi',
        inReplyTo: { externalId: 'chat-1', threadExternalId: 'visitor-7', kind: 'message' },
      },
      new Date('2024-11-01T10:00:00Z'),
    );
    expect(body).toEqual({
      type: 'reply',
      id: 'r-1',
      sourceId: 'src-1',
      text: 'hi',
      inReplyTo: { id: 'chat-1', threadId: 'visitor-7', kind: 'message' },
      sentAt: '2024-11-01T10:00:00.000Z',
    });
  });
});
