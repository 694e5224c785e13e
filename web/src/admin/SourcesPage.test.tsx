import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Source } from '../api/client';
import { AGENT, mockNetwork, renderApp } from '../test/render';
import { SourcesPage } from './SourcesPage';

const ADMIN = { ...AGENT, role: 'admin' as const };
/** Typing as a paste: the forms are long, and key-by-key typing is slow under load. */
async function fill(el: HTMLElement, text: string) {
  await userEvent.click(el);
  await userEvent.paste(text);
}
const now = new Date().toISOString();

const source = (over: Partial<Source>): Source => ({
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  platform: 'vk',
  name: 'Источник',
  settings: {},
  enabled: true,
  status: 'healthy',
  statusReason: null,
  statusChangedAt: now,
  throttledUntil: null,
  lastErrorCode: null,
  lastSyncedAt: now,
  consecutiveFailures: 0,
  createdAt: now,
  updatedAt: now,
  ...over,
});

const YT = source({
  id: 'aaaaaaaa-0000-4000-8000-0000000000y1',
  platform: 'youtube',
  name: 'ДомНет на YouTube',
  settings: { channelId: 'UCabcdefghijklmnopqrstuv' },
  status: 'throttled',
  lastErrorCode: 'rate_limited',
  throttledUntil: '2024-11-02T08:00:00.000Z',
  quota: {
    day: '2024-11-01',
    limit: 10000,
    used: 10000,
    remaining: 0,
    readBudget: 8000,
    resetsAt: '2024-11-02T08:00:00.000Z',
  },
});
const WH = source({
  id: 'aaaaaaaa-0000-4000-8000-0000000000w1',
  platform: 'webhook',
  name: 'Чат на сайте',
  settings: { label: 'site' },
});

function setup(path: string, sources: Source[] = [YT, WH]) {
  const net = mockNetwork({
    'GET /api/sources': () => sources,
    'POST /api/sources': (c) => ({ ...YT, ...(c.body as object), accountName: 'ДомНет' }),
    [`PATCH /api/sources/${WH.id}`]: (c) => ({ ...WH, ...(c.body as object) }),
    [`PATCH /api/sources/${YT.id}`]: () => YT,
  });
  renderApp(<SourcesPage />, { me: ADMIN, path, route: '/admin/sources/*' });
  return net;
}

describe('sources: YouTube, webhook replies, VK surfaces', () => {
  it('connects a YouTube channel: the OAuth client and refresh token go as credentials, the rest as settings', async () => {
    const { calls } = setup('/admin/sources/new/youtube');
    await screen.findByText(/youtube\.force-ssl/);
    await fill(screen.getByLabelText('Название'), 'ДомНет на YouTube');
    await fill(screen.getByLabelText('ID канала'), 'UCabcdefghijklmnopqrstuv');
    await fill(screen.getByLabelText('ID OAuth-клиента'), 'client-1.apps');
    await fill(screen.getByLabelText('Секрет OAuth-клиента'), 'GOCSPX-secret');
    await fill(screen.getByLabelText('Refresh token владельца канала'), '1//0refresh');
    await fill(screen.getByLabelText('Доля квоты на опрос, %'), '50');
    await userEvent.click(screen.getByText('Для тестовой среды'));
    await fill(screen.getByLabelText('Адрес API (эмулятор)'), 'http://127.0.0.1:9/youtube/v3');
    await fill(screen.getByLabelText('Адрес выдачи токенов (эмулятор)'), 'http://127.0.0.1:9/token');
    await userEvent.click(screen.getByRole('button', { name: 'Подключить' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        platform: 'youtube',
        name: 'ДомНет на YouTube',
        settings: {
          channelId: 'UCabcdefghijklmnopqrstuv',
          readShare: 0.5,
          apiBaseUrl: 'http://127.0.0.1:9/youtube/v3',
          tokenUrl: 'http://127.0.0.1:9/token',
        },
        credentials: {
          clientId: 'client-1.apps',
          clientSecret: 'GOCSPX-secret',
          refreshToken: '1//0refresh',
        },
      }),
    );
  });

  it('a YouTube source shows its quota and that it waits for the reset; keys are only replaced', async () => {
    const { calls } = setup('/admin/sources');
    const card = (await screen.findByText('ДомНет на YouTube')).closest('li')!;
    expect(card).toHaveTextContent('Квота YouTube сегодня: израсходовано 10 000 из 10 000, осталось 0');
    expect(card).toHaveTextContent(/на опрос — не больше 8\s000/);
    expect(card).toHaveTextContent(/Квота на сегодня израсходована: новые комментарии и ответы подождут до/);
    // the outcome in YouTube's terms, not another platform's
    expect(within(card).getByText(/YouTube ограничил запросы или квота на сегодня исчерпана/)).toHaveClass(
      'source-error',
    );
    await userEvent.click(within(card).getByRole('button', { name: 'Заменить ключи' }));
    const form = within(card).getByRole('form', { name: 'Заменить ключи' });
    await fill(within(form).getByLabelText('ID OAuth-клиента'), 'c2');
    await fill(within(form).getByLabelText('Секрет OAuth-клиента'), 's2');
    await fill(within(form).getByLabelText('Refresh token владельца канала'), 'r2');
    await userEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
        path: `/api/sources/${YT.id}`,
        body: { credentials: { clientId: 'c2', clientSecret: 's2', refreshToken: 'r2' } },
      }),
    );
  });

  it('a webhook source gets an outbound URL (its other settings kept), loses it, and new signing secrets', async () => {
    const { calls } = setup('/admin/sources');
    const card = (await screen.findByText('Чат на сайте')).closest('li')!;
    expect(card).toHaveTextContent('Адрес для ответов не задан');
    await fill(within(card).getByLabelText('Адрес для ответов (POST)'), 'https://chat.example.com/r');
    await userEvent.click(within(card).getByRole('button', { name: 'Сохранить' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({
        settings: { label: 'site', outboundUrl: 'https://chat.example.com/r' },
      }),
    );
    await userEvent.click(within(card).getByRole('button', { name: 'Сменить секреты' }));
    expect(card).toHaveTextContent(/Новый секрет виден только сейчас/);
    const [gen] = within(card).getAllByRole('button', { name: 'Создать' });
    await userEvent.click(gen!);
    const secret = (within(card).getByLabelText('Новый секрет входящих запросов') as HTMLInputElement).value;
    expect(secret).toMatch(/^[0-9a-f]{48}$/); // shown, to be copied before saving
    await userEvent.click(within(card).getAllByRole('button', { name: 'Сохранить' }).at(-1)!);
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ credentials: { secret } }),
    );
  });

  it('a refused outbound URL says so in words, with the server’s reason quoted', async () => {
    mockNetwork({
      'GET /api/sources': () => [WH],
      [`PATCH /api/sources/${WH.id}`]: () => ({
        status: 422,
        body: {
          statusCode: 422,
          code: 'configuration',
          message: 'outboundUrl must be https on a public address (10.0.0.5 is private)',
        },
      }),
    });
    renderApp(<SourcesPage />, { me: ADMIN, path: '/admin/sources', route: '/admin/sources/*' });
    const card = (await screen.findByText('Чат на сайте')).closest('li')!;
    await fill(within(card).getByLabelText('Адрес для ответов (POST)'), 'https://10.0.0.5/r');
    await userEvent.click(within(card).getByRole('button', { name: 'Сохранить' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent(/Настройки не подходят/);
    expect(card).toHaveTextContent('outboundUrl must be https on a public address (10.0.0.5 is private)');
  });

  it('removing the outbound URL sends the settings without it', async () => {
    const { calls } = setup('/admin/sources', [
      { ...WH, settings: { label: 'site', outboundUrl: 'https://chat.example.com/r' } },
    ]);
    const card = (await screen.findByText('Чат на сайте')).closest('li')!;
    expect(card).toHaveTextContent('Ответы уходят на адрес: https://chat.example.com/r');
    await userEvent.click(within(card).getByRole('button', { name: 'Убрать адрес' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ settings: { label: 'site' } }),
    );
  });

  it('the VK form names the token each surface needs; an empty optional user token is not sent', async () => {
    const { calls } = setup('/admin/sources/new/vk');
    await userEvent.click(await screen.findByText('Чем отвечает Отклик'));
    expect(screen.getByText('Комментарии к фото — ключ администратора с правом «photos»')).toBeVisible();
    await fill(screen.getByLabelText('Название'), 'ВК');
    await fill(screen.getByLabelText('ID сообщества'), '42');
    await fill(screen.getByLabelText('Ключ доступа сообщества'), 'g');
    await fill(screen.getByLabelText('Сервисный ключ приложения'), 's');
    await userEvent.click(screen.getByRole('button', { name: 'Подключить' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
        platform: 'vk',
        settings: { groupId: 42 },
        credentials: { groupToken: 'g', serviceToken: 's' },
      }),
    );
    expect(Object.keys((calls.find((c) => c.method === 'POST')!.body as any).credentials)).toEqual([
      'groupToken',
      'serviceToken',
    ]);
  });
});
