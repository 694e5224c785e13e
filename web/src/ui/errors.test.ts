import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { setLanguage } from '../i18n';
import { errorText } from './errors';

describe('errors in the user language', () => {
  it('never shows a raw network message or an English server sentence in Russian', async () => {
    expect(errorText(new ApiError(0, 'network'))).toMatch(/^Нет связи с сервером/);
    expect(errorText(new ApiError(400, 'text must not be blank'))).toBe('Проверьте введённые данные');
    expect(errorText(new ApiError(403, 'This needs the role: admin'))).toBe(
      'Недостаточно прав для этого действия',
    );
    expect(errorText(new ApiError(422, 'bad token', { code: 'auth_revoked' }))).toMatch(/^Доступ отозван/);
    expect(errorText(new ApiError(503, 'x'))).toBe('Ошибка на сервере. Попробуйте позже.');
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Не получилось. Попробуйте ещё раз.');
    await setLanguage('en', false);
    expect(errorText(new ApiError(400, 'text must not be blank'))).toBe(
      'Please check what you entered: text must not be blank',
    );
  });
});
