import { ConnectorError } from '../connectors/connector';
import { publicReason } from './public-reason';

describe('what people see of a connector failure', () => {
  it("keeps a connector's own words (no cause)", () => {
    const err = new ConnectorError('configuration', 'VK source needs settings.groupId (the community id)');
    expect(publicReason(err)).toBe('VK source needs settings.groupId (the community id)');
  });

  it('replaces the remote text with a reason of ours, keeping a numeric platform code', () => {
    const remote = Object.assign(new Error('Forbidden: <html>internal.corp:8080</html>'), { code: 403 });
    const err = new ConnectorError('rejected', `Telegram 403: ${remote.message}`, undefined, remote);
    expect(publicReason(err, 'Telegram')).toBe('the platform refused the request (Telegram error 403)');
    expect(publicReason(err)).toBe('the platform refused the request (platform error 403)');
  });

  it('says nothing of network details (which ports answer, which hosts exist)', () => {
    const net = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const err = new ConnectorError('temporary', `Telegram unreachable: ${net.message}`, undefined, net);
    expect(publicReason(err)).toBe('the platform API could not be reached or failed; trying again later');
  });
});
