import { extractIdentifiers, nameKey, suggestSamePerson } from './identity';

describe('extractIdentifiers', () => {
  it('reads phone numbers in the ways people write them, as their last ten digits', () => {
    const t = 'звоните +7 (916) 123-45-67 или 8 916 123 45 67, рабочий 89031234567; а ещё 495-765-43-21';
    expect(extractIdentifiers(t).phones.sort()).toEqual(['4957654321', '9031234567', '9161234567']);
  });
  it('ignores contract numbers, card-like runs and dates', () => {
    expect(extractIdentifiers('договор 12345678, карта 4276 1234 5678 9012, 2024-12-04').phones).toEqual([]);
    expect(extractIdentifiers('номер 0000000000 и 1234567890').phones).toEqual([]);
  });
  it('reads e-mails, lower-cased, without a trailing dot', () => {
    expect(extractIdentifiers('пишите на Irina.Sokolova@Mail.ru. спасибо').emails).toEqual([
      'irina.sokolova@mail.ru',
    ]);
  });
});

describe('nameKey', () => {
  it('a full name, case, ё and spacing aside; a first name alone is no key', () => {
    expect(nameKey('  Артём Никитин ')).toBe('артем никитин');
    expect(nameKey('Артём Никитин')).toBe('артем никитин');
    expect(nameKey('АРТЕМ НИКИТИН')).toBe('артем никитин');
    expect(nameKey('Алексей')).toBeNull();
    expect(nameKey('alex_msk 2000')).toBeNull();
    expect(nameKey('')).toBeNull();
  });
});

describe('suggestSamePerson', () => {
  const mine = { phones: ['9161234567'], emails: ['a@b.ru'] };
  it('suggests each other contact once with every clue it shares, strongest first', () => {
    const s = suggestSamePerson(
      mine,
      'me',
      [
        { contactId: 'c-name', customerId: 'x', reason: 'name' },
        { contactId: 'c-phone', customerId: 'y', identifiers: { phones: ['9161234567'], emails: [] } },
        {
          contactId: 'c-phone',
          customerId: 'y',
          identifiers: { phones: ['9161234567'], emails: ['a@b.ru'] },
        },
        { contactId: 'c-other', customerId: 'z', identifiers: { phones: ['9990000000'], emails: [] } },
      ],
      new Set(),
      'ирина соколова',
    );
    expect(s.map((x) => x.contactId)).toEqual(['c-phone', 'c-name']);
    expect(s[0].reasons).toEqual([
      { reason: 'phone', value: '9161234567' },
      { reason: 'email', value: 'a@b.ru' },
    ]);
    expect(s[1].reasons).toEqual([{ reason: 'name', value: 'ирина соколова' }]);
  });
  it('never suggests the customer itself or a dismissed contact', () => {
    const cands = [
      { contactId: 'own', customerId: 'me', identifiers: mine },
      { contactId: 'no', customerId: 'y', identifiers: mine },
    ];
    expect(suggestSamePerson(mine, 'me', cands, new Set(['no']))).toEqual([]);
  });
});
