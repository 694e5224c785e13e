import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { AGENT, mockNetwork, renderApp } from '../test/render';
import { ProfilePage } from './ProfilePage';

describe('the profile page', () => {
  it('changes the password (checked here first, then by the server) in the user language', async () => {
    let n = 0;
    const { calls } = mockNetwork({
      'POST /api/auth/password': () =>
        ++n === 1 ? { status: 400, body: { message: 'The current password is wrong' } } : { status: 204 },
    });
    renderApp(<ProfilePage />);
    const fill = async (current: string, next: string, repeat: string) => {
      for (const [label, v] of [
        ['Текущий пароль', current],
        ['Новый пароль', next],
        ['Новый пароль ещё раз', repeat],
      ] as const) {
        const el = screen.getByLabelText(label);
        await userEvent.clear(el);
        await userEvent.type(el, v);
      }
      await userEvent.click(screen.getByRole('button', { name: 'Сменить пароль' }));
    };
    await fill('old-password-1', 'a-new-password-12', 'a-new-password-13');
    expect(screen.getByRole('alert')).toHaveTextContent('Пароли не совпадают');
    expect(calls).toHaveLength(0);
    await fill('old-password-1', 'a-new-password-12', 'a-new-password-12');
    expect(await screen.findByRole('alert')).toHaveTextContent('Текущий пароль неверен');
    await fill('old-password-1', 'a-new-password-12', 'a-new-password-12');
    expect(await screen.findByText('Пароль изменён. Другие сеансы завершены.')).toBeInTheDocument();
    expect(calls.at(-1)!.body).toEqual({
      currentPassword: 'old-password-1',
      newPassword: 'a-new-password-12',
    });
  });

  it('saves the language on the account and switches the page to it', async () => {
    const { calls } = mockNetwork({
      'PATCH /api/auth/me': (c) => ({ user: { ...AGENT, ...(c.body as object) }, csrfToken: 'x' }),
    });
    renderApp(<ProfilePage />);
    await userEvent.selectOptions(screen.getByLabelText('Язык интерфейса'), 'en');
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(i18n.language).toBe('en'));
    expect(calls[0]!.body).toEqual({ name: AGENT.name, locale: 'en' });
    expect(await screen.findByRole('heading', { name: 'Profile' })).toBeInTheDocument();
  });
});
