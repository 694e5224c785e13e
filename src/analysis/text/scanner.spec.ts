import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../model/logreg';
import { readJsonl } from '../training/dataset';
import { evalDir } from '../training/experiments';
import { TRAIN_FILE } from '../training/own-data';
import { isWordCode, scanTokens } from './scanner';

/** The regex tokeniser the scanner replaced: the oracle it must agree with token for token. */
const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+|[a-z0-9][a-z0-9-]*(?:\.|\(\.\)|\[\.\])(?:ru|com|net|org|io|me|su|xyz|info|online|site|shop|pro|biz|club|top|app|ly|cc)(?![a-zа-яё])\S*)|(@[\w.]+)|([a-zа-яё]+(?:['’][a-zа-яё]+)*['’]?)|(\d+(?:[.,:]\d+)*)|([?!]+|[.,…]+)|((?:[:;=]-?[()dpрз3*/]|\){2,}|\({2,}|<3))|(\p{Extended_Pictographic}|[\u2764\u263a\u2639])/giu;

function viaRegex(text: string): string[] {
  const out: string[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const kind = m.slice(1).findIndex((g) => g !== undefined) + 1;
    out.push(`${kind}:${m.index}:${m[0]}`);
  }
  return out;
}

function viaScanner(text: string): string[] {
  const t = scanTokens(text);
  const out: string[] = [];
  for (let k = 0; k < t.count; k++)
    out.push(`${t.kind[k]}:${t.start[k]}:${text.slice(t.start[k], t.end[k])}`);
  return out;
}

const TRICKY = [
  '',
  ' ',
  'Привет, @vasya! Заказ 123 где?? 👍 :) https://x.ru/a',
  'Всё ещё ждём… ЁЛКИ-ПАЛКИ!!! ё-моё',
  "don't can’t rock'n'roll svyaz' ne'",
  "''a'' ’’б’",
  'www.Lavka24.ru, HTTP://X.COM/path?q=1 http:// https:// www. www.x',
  'sfera.ru. sfera(.)ru sfera[.]com bad.ruby ok.ru5 x.co x.info 2gis.ru 3.14 10:30 1,5 1.2.3. 5.',
  'a-b-c.online/x sub.domain.com -x.ru x-.ru',
  'email me: ivan.petrov@mail.ru @ @. @_x @привет',
  ':) :-) ;( =D :P :р :З :3 :* :/ :-/ :- ))) (( ) ( <3 <4 :-',
  '👍🏻 ❤️ ❤ ☺ ☹ © ® ™ ‼ 🇷🇺 👨‍👩‍👧 #️⃣ 1️⃣ 🔥🔥',
  'mixed scripts: Заказ№5 ShopBox-у abcпривет 12abc abc12 ᲀᲁ ſite.ru Kelvin ſ',
  'emoji in word: привет👍пока, ок👌',
  'tabs\tand\nnewlines\r\nand\u00a0nbsp\u2009thin\u3000ideo\ufeffbom',
  '中文 العربية עברית ελληνικά їжак ґанок',
  'lone surrogates \ud83d x \udc4d y',
  '!!!???!?! ...,,,…… ?.!',
];

const ALPHABET = [
  ...'abcxyzABCWHTPwhtpsruo0123456789',
  ...'абвгдеёжзрпЁЖЗРП',
  ...' \t\n.,…:;=-()[]<>/@_\'’?!#*%+',
  'ſ', 'K', 'ᲀ', '\u00a0', '\u2009',
  '👍', '❤', '\ufe0f', '🏻', '©', '☺', '中', 'ї',
  'http://', 'https://', 'www.', '.ru', '.com', '(.)', '[.]', '.info',
]; // prettier-ignore

function corpus(): string[] {
  const texts = [...TRICKY, ...readJsonl(TRAIN_FILE).map((p) => p.text)];
  const dev = path.join(evalDir(), 'devset.jsonl');
  if (fs.existsSync(dev)) texts.push(...readJsonl(dev).map((p) => p.text));
  const rand = mulberry32(42);
  for (let i = 0; i < 20_000; i++) {
    let s = '';
    const len = Math.floor(rand() * 24);
    for (let k = 0; k < len; k++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    texts.push(s);
  }
  return texts;
}

describe('scanTokens', () => {
  it('agrees with the regex tokeniser on tricky strings, the data sets and random text', () => {
    const bad: Array<{ text: string; regex: string[]; scanner: string[] }> = [];
    for (const text of corpus()) {
      const a = viaRegex(text);
      const b = viaScanner(text);
      if (a.join('\u0001') !== b.join('\u0001')) bad.push({ text, regex: a, scanner: b });
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('classifies word characters exactly like [a-zа-яё] under /iu over the whole BMP', () => {
    const re = /^[a-zа-яё]$/iu;
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (re.test(String.fromCharCode(c)) !== isWordCode(c)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it('finds the token kinds of a typical post', () => {
    expect(viaScanner('Где заказ?? @shop https://t.me/x 👍 :)')).toEqual([
      '3:0:Где',
      '3:4:заказ',
      '5:9:??',
      '2:12:@shop',
      '1:18:https://t.me/x',
      '7:33:👍',
      '6:36::)',
    ]);
  });
});
