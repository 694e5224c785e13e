import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setLanguage } from '../i18n';

beforeEach(async () => {
  await setLanguage('ru', false);
});

// every test starts in Russian (the default) with a clean DOM and storage
afterEach(async () => {
  cleanup();
  localStorage.clear();
  await setLanguage('ru', false);
});
