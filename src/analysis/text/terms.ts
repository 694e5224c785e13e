/**
 * The terms of a post that people talk about: stemmed words of three letters or more and
 * two-word phrases ("не работает", "списали деньги"), stop-words removed (a negation keeps its
 * word), each once per post. Shared by the complaint-term alerts and the reports' term counts.
 */
import { prepare } from './tokenize';

const STOP = new Set(
  (
    'и в во не на я что он она оно они мы вы ты с со как а то все всё так его ее её но да к ко у же ' +
    'вот от меня мне было был была были быть бы по только там тут где уже ещё еще или ни нет ли если ' +
    'до из за для при про под над об о это этот эта эти тот та те то чем чего кто кого ему ей им их ' +
    'вас нас вам нам себя себе свой своя свои мой моя мои ваш ваша ваши наш наша наши когда потом ' +
    'очень может можно надо нужно будет есть раз просто даже сейчас опять снова уж вообще тоже ' +
    'the a an and or but to of in on at for with is are was were be been it this that these those ' +
    'i you he she we they my your our their me us them not no so as if by from again just very can'
  ).split(/\s+/),
);
const NEGATORS = new Set(['не', 'нет', 'ни', 'not', 'no', "don't", "can't", 'never']);

/** key (stems) → surface form, for every term in one item */
export function itemTerms(text: string): Map<string, string> {
  const p = prepare(text);
  const out = new Map<string, string>();
  const n = p.stems.length;
  for (let i = 0; i < n; i++) {
    const s = p.stems[i];
    if (!STOP.has(p.words[i]) && p.words[i].length >= 3 && !/^\d+$/.test(s)) out.set(s, p.words[i]);
    if (i + 1 < n) {
      const a = p.words[i];
      const b = p.words[i + 1];
      const bothStop = STOP.has(a) && STOP.has(b);
      // "не работает" is a phrase; "и в" is not; a negation + word is worth the stop word
      const keep = !bothStop && (NEGATORS.has(a) ? !STOP.has(b) : !STOP.has(a) && !STOP.has(b));
      if (keep && b.length >= 2) out.set(`${s} ${p.stems[i + 1]}`, `${a} ${b}`);
    }
  }
  return out;
}

/** The stems of a word or phrase, as terms are keyed (for brand words and watched phrases). */
export function termStems(phrase: string): string[] {
  return prepare(phrase).stems;
}
