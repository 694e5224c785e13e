/**
 * The model's named signals ("question mark", "purchase words (at the start)") in Russian. The
 * server names them in English (src/analysis/model/explain.ts); words and phrases of the post come
 * as written and are shown as they are.
 */
const RU: Record<string, string> = {
  'purchase words': 'слова о покупке',
  'how-to words': 'вопрос «как сделать»',
  'problem words': 'слова о проблеме',
  'again/still': '«опять», «всё ещё»',
  thanks: 'благодарность',
  'ironic praise': 'ироничная похвала',
  'spam words': 'слова спама',
  'announcement words': 'слова объявления',
  'talk to other users': 'обращение к другим пользователям',
  'addresses the brand': 'обращение к компании',
  greeting: 'приветствие',
  'polite words': 'вежливые слова',
  'question word': 'вопросительное слово',
  'why-question': 'вопрос «почему»',
  'praise words': 'слова похвалы',
  'question withdrawn': 'вопрос снят',
  'short reaction': 'короткая реакция',
  'positive words': 'позитивные слова',
  'negative words': 'негативные слова',
  'many positive words': 'много позитивных слов',
  'many negative words': 'много негативных слов',
  'positive vs negative words': 'баланс позитивных и негативных слов',
  'negated praise': 'отрицание похвалы',
  'negated complaint': 'отрицание жалобы',
  intensifier: 'усилитель',
  'positive emoji': 'позитивные эмодзи',
  'negative emoji': 'негативные эмодзи',
  'ironic emoji': 'ироничный эмодзи',
  'praise and problem together': 'похвала и проблема вместе',
  'thanks for a problem': '«спасибо» за проблему',
  'praise opener, complaint body': 'похвала в начале, жалоба дальше',
  'scare quotes': 'ироничные кавычки',
  irony: 'ирония',
  'question mark': 'вопросительный знак',
  'ends with a question': 'заканчивается вопросом',
  'question without "?"': 'вопрос без «?»',
  exclamation: 'восклицание',
  CAPS: 'КАПС',
  link: 'ссылка',
  '@mention': '@упоминание',
  'starts with @mention': 'начинается с @упоминания',
  number: 'число',
  'emoji only': 'только эмодзи',
  'several lines': 'несколько строк',
  length: 'длина',
};

export function signalText(feature: string, language: string): string {
  if (language !== 'ru') return feature;
  const start = / \(at the start\)$/.exec(feature);
  if (start) {
    const base = feature.slice(0, start.index);
    return RU[base] ? `${RU[base]} (в начале)` : feature;
  }
  const kv = /^(language|platform): (\S+)$/.exec(feature);
  if (kv) return `${kv[1] === 'language' ? 'язык' : 'площадка'}: ${kv[2]}`;
  return RU[feature] ?? feature;
}
