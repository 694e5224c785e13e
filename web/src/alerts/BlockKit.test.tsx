import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render';
import { BlockKitMessage } from './BlockKit';
import { parseMrkdwn } from './mrkdwn';

describe('mrkdwn', () => {
  it('reads bold, italic, strike, code, links, mentions and Slack’s entities', () => {
    expect(parseMrkdwn('*Негатив (1 ч):* 42 — обычно 8,4 _ok_ ~no~ `x<y`')).toEqual([
      { t: 'b', children: [{ t: 'text', text: 'Негатив (1 ч):' }] },
      { t: 'text', text: ' 42 — обычно 8,4 ' },
      { t: 'i', children: [{ t: 'text', text: 'ok' }] },
      { t: 'text', text: ' ' },
      { t: 's', children: [{ t: 'text', text: 'no' }] },
      { t: 'text', text: ' ' },
      { t: 'code', text: 'x<y' },
    ]);
    expect(parseMrkdwn('Anna &lt;b&gt; &amp; co · vk · <https://vk.com/wall-1_2|открыть> <!here>')).toEqual([
      { t: 'text', text: 'Anna <b> & co · vk · ' },
      { t: 'link', url: 'https://vk.com/wall-1_2', label: 'открыть' },
      { t: 'text', text: ' ' },
      { t: 'mention', text: '!here' },
    ]);
  });

  it('never makes a link of anything but http(s)', () => {
    expect(parseMrkdwn('<javascript:alert(1)|жми>')).toEqual([
      { t: 'text', text: '<javascript:alert(1)|жми>' },
    ]);
    expect(parseMrkdwn('a*b*c 2*3*4')).toEqual([{ t: 'text', text: 'a*b*c 2*3*4' }]);
  });
});

describe('BlockKitMessage', () => {
  const message = {
    text: 'fallback',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: '🔺 Всплеск негатива: ДомНет' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Негатив (1 ч):* 42 — обычно 8,4 (×5)' },
          { type: 'mrkdwn', text: '*Где:* ДомНет' },
        ],
      },
      { type: 'divider' },
      // what a customer wrote: plain_text, and HTML in it stays text
      {
        type: 'section',
        text: { type: 'plain_text', text: '«<img src=x onerror="window.__xss=1"> *не* работает»' },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Злой клиент · vk · <https://vk.com/wall-1_2|Открыть>' }],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Открыть в Отклике' },
            url: 'https://otklik.example/inbox?sentiment=negative&alert=a1',
            action_id: 'open_in_otklik',
            style: 'primary',
          },
        ],
      },
    ],
  };

  it('renders every block as text; our button opens inside the app, a platform link outside', () => {
    const { container } = renderApp(<BlockKitMessage message={message} label="msg" />);
    expect(screen.getByRole('heading', { name: '🔺 Всплеск негатива: ДомНет' })).toBeTruthy();
    expect(screen.getByText('Негатив (1 ч):').tagName).toBe('STRONG');
    expect(screen.getByText('«<img src=x onerror="window.__xss=1"> *не* работает»')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'Открыть' }).getAttribute('href')).toBe(
      'https://vk.com/wall-1_2',
    );
    expect(screen.getByRole('link', { name: 'Открыть' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'Открыть в Отклике' }).getAttribute('href')).toBe(
      '/inbox?sentiment=negative&alert=a1',
    );
  });
});
