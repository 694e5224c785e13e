/**
 * Third-party NLP pieces, required by submodule path: `require('natural')` whole loads .env,
 * prints dotenv banners and drags in database clients, so only the stemmers are loaded.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
interface Stemmer {
  stem(token: string): string;
}
interface Tokenizer {
  tokenize(text: string): string[];
}
type WinkSentiment = (text: string) => { score: number; normalizedScore: number };

export const stemmerRu: Stemmer = require('natural/lib/natural/stemmers/porter_stemmer_ru');
export const stemmerEn: Stemmer = require('natural/lib/natural/stemmers/porter_stemmer');
const AggressiveTokenizerRu: new () => Tokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer_ru');
export const naturalTokenizerRu: Tokenizer = new AggressiveTokenizerRu();

export const winkSentiment: WinkSentiment = require('wink-sentiment');
/** AFINN-165 word scores (-5..5) and emoji scores as shipped inside wink-sentiment (MIT). */
export const afinnEn: Record<string, number> = require('wink-sentiment/src/afinn-en-165.js');
export const winkEmojis: Record<string, number> = require('wink-sentiment/src/emojis.js');
export const winkEmoticons: Record<string, number> = require('wink-sentiment/src/emoticons.js');
