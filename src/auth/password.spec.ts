import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('uses argon2id with the parameters in the hash, salted per hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
  });

  it('answers false, not an exception, for a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('', 'x')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['short', /at least 12/],
    ['a'.repeat(257), /at most 256/],
    ['aaaaaaaaaaaaaaaa', /different characters/],
    ['ababababababab', /different characters/],
    ['anna.petrova@example.com', /e-mail/],
    ['Anna.Petrova1', null],
  ])('%s', (password, problem) => {
    const got = passwordProblem(
      password,
      password === 'Anna.Petrova1' ? 'anna@example.com' : 'anna.petrova@example.com',
    );
    if (problem) expect(got).toMatch(problem);
    else expect(got).toBeNull();
  });

  it('refuses the local part of the e-mail too', () => {
    expect(passwordProblem('anna.petrova', 'Anna.Petrova@example.com')).toMatch(/e-mail/);
  });

  it('counts characters, not UTF-16 units (Cyrillic and emoji passphrases)', () => {
    expect(passwordProblem('пароль-длинный')).toBeNull();
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑')).toMatch(/at least 12/); // 12 UTF-16 units, 6 characters
  });

  it('generated passwords pass the policy', () => {
    for (let i = 0; i < 50; i++) expect(passwordProblem(generatePassword())).toBeNull();
  });
});
