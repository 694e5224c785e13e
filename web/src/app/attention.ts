import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SOUND_KEY = 'otklik.sound'; // a UI preference only

export function soundOn(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setSound(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    /* storage disabled */
  }
}

/** A short two-tone chime (WebAudio: no file to load, nothing for the CSP to allow). */
export function chime(): void {
  try {
    const Ctx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [660, 880].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = hz;
      gain.gain.value = 0.05;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.12);
      osc.stop(ctx.currentTime + i * 0.12 + 0.1);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    /* no audio */
  }
}

const away = () => document.hidden || !document.hasFocus();

/**
 * New customer items while the person is looking elsewhere: a count in the tab title
 * ("(3) Отклик") and, if they turned it on, a chime. Looking back at the tab clears it.
 */
export function useAttention(): (n: number) => void {
  const { t } = useTranslation();
  const [count, setCount] = useState(0);

  useEffect(() => {
    const base = t('app.title');
    document.title = count > 0 ? `(${count}) ${base}` : base;
  }, [count, t]);

  useEffect(() => {
    const back = () => {
      if (!away()) setCount(0);
    };
    document.addEventListener('visibilitychange', back);
    window.addEventListener('focus', back);
    return () => {
      document.removeEventListener('visibilitychange', back);
      window.removeEventListener('focus', back);
    };
  }, []);

  return useCallback((n: number) => {
    if (!away()) return;
    setCount((c) => c + n);
    if (soundOn()) chime();
  }, []);
}
