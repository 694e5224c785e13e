import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../test/fixtures';
import { AGENT, mockNetwork, renderApp } from '../test/render';
import ReviewPage, { decisionForKey, type ReviewItem } from './ReviewPage';

const item = (id: string, over: Partial<ReviewItem> = {}): ReviewItem => ({
  id,
  conversationId: '00000000-0000-4000-8000-0000000000aa',
  platform: 'vk',
  text: `Сколько стоит рассрочка? #${id}`,
  language: 'ru',
  sentimentLabel: 'neutral',
  intent: 'support_question',
  intentConfidence: 0.52,
  reviewReason: 'low_intent_confidence',
  why: { sentiment: [], intent: [{ feature: 'сколько стоит', weight: 0.4 }] },
  modelVersion: 'm-7',
  receivedAt: new Date().toISOString(),
  ...over,
});

const REPORT = {
  weeks: [
    {
      week: '2024-11-04',
      flagged: 9,
      reviews: 4,
      confirmed: 3,
      corrected: 1,
      corrections: 2,
      sentimentAccuracy: 0.75,
      intentAccuracy: 0.5,
    },
    {
      week: '2024-11-11',
      flagged: 0,
      reviews: 0,
      confirmed: 0,
      corrected: 0,
      corrections: 0,
      sentimentAccuracy: null,
      intentAccuracy: null,
    },
  ],
  byModel: [{ modelVersion: 'm-7', reviews: 4, sentimentAccuracy: 0.75, intentAccuracy: 0.5 }],
};

function setup(items: ReviewItem[], role: 'agent' | 'admin' | 'analyst' = 'admin') {
  const net = mockNetwork({
    'GET /api/review': () => ({ items, next: null, waiting: items.length }),
    'GET /api/analysis/labels': () => LABELS,
    'GET /api/analysis/review-report': () => REPORT,
    'POST /api/items/1/review': (c) => ({
      itemId: '1',
      outcome: 'confirmed',
      corrections: 0,
      ...(c.body as object),
    }),
    'POST /api/items/2/review': () => ({ itemId: '2', outcome: 'corrected', corrections: 1 }),
    'POST /api/items/4/review': () => ({ itemId: '4', outcome: 'corrected', corrections: 1 }),
    'POST /api/items/3/review': () => ({ status: 500, body: { message: 'boom' } }),
  });
  renderApp(<ReviewPage />, { me: { ...AGENT, role } });
  return net;
}

const reviews = (calls: { method: string; path: string; body: unknown }[]) =>
  calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]);

describe('the review queue', () => {
  it('maps one key to one decision: Enter/y confirm, digits the intent, n/0/p the sentiment, s skips', () => {
    const intents = LABELS.intents;
    expect(decisionForKey('Enter', intents)).toEqual({ decision: {} });
    expect(decisionForKey('y', intents)).toEqual({ decision: {} });
    expect(decisionForKey('2', intents)).toEqual({ decision: { intent: 'sales_question' } });
    expect(decisionForKey('n', intents)).toEqual({ decision: { sentiment: 'negative' } });
    expect(decisionForKey('0', intents)).toEqual({ decision: { sentiment: 'neutral' } });
    expect(decisionForKey('p', intents)).toEqual({ decision: { sentiment: 'positive' } });
    expect(decisionForKey('s', intents)).toEqual({ skip: true });
    expect(decisionForKey('9', intents)).toBeUndefined(); // no ninth intent
    expect(decisionForKey('x', intents)).toBeUndefined();
  });

  it('confirms with Enter and corrects with one key, each time moving to the next item', async () => {
    const { calls } = setup([item('1'), item('2'), item('4')]);
    expect(await screen.findByText('Сколько стоит рассрочка? #1')).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-item', '1')); // keys act here
    expect(screen.getByText('ждут 3 сообщения')).toHaveAttribute('role', 'status');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Сколько стоит рассрочка? #2')).toBeInTheDocument();
    await userEvent.keyboard('2'); // the second intent the server lists: a purchase question
    expect(await screen.findByText('Сколько стоит рассрочка? #4')).toBeInTheDocument();
    await waitFor(() =>
      expect(reviews(calls)).toEqual([
        ['/api/items/1/review', {}],
        ['/api/items/2/review', { intent: 'sales_question' }],
      ]),
    );
    expect(await screen.findByText('ждёт 1 сообщение')).toBeInTheDocument();
    // n: the sentiment was negative; then nothing is left
    await userEvent.keyboard('n');
    await waitFor(() =>
      expect(reviews(calls).at(-1)).toEqual(['/api/items/4/review', { sentiment: 'negative' }]),
    );
    expect(await screen.findByText(/Всё проверено/)).toBeInTheDocument();
  });

  it('the buttons do what the keys do, and say their keys; the model’s reasons are on its badges', async () => {
    const { calls } = setup([item('1'), item('2')]);
    await screen.findByText('Сколько стоит рассрочка? #1');
    const intents = screen.getByRole('group', { name: 'Намерение на самом деле:' });
    expect(within(intents).getByRole('button', { name: /поддержка/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'поддержка' })).toHaveAccessibleDescription(
      'Почему намерение «поддержка»: сколько стоит +0,4',
    );
    await userEvent.click(screen.getByRole('button', { name: /Пропустить/ }));
    expect(await screen.findByText('Сколько стоит рассрочка? #2')).toBeInTheDocument();
    await userEvent.click(within(intents).getByRole('button', { name: /покупка/ }));
    await waitFor(() =>
      expect(reviews(calls)).toEqual([['/api/items/2/review', { intent: 'sales_question' }]]),
    );
  });

  it('a decision the server did not record comes back, with the error in words', async () => {
    setup([item('3')]);
    await screen.findByText('Сколько стоит рассрочка? #3');
    await userEvent.keyboard('y');
    expect(await screen.findByText('Сколько стоит рассрочка? #3')).toBeInTheDocument();
    expect(await screen.findByText(/сервер|Сервер/)).toBeInTheDocument();
  });

  it('fetches the next page when this one is decided and more are waiting', async () => {
    let page = 0;
    const { calls } = mockNetwork({
      'GET /api/review': () =>
        ++page === 1
          ? { items: [item('1'), item('2')], next: '2', waiting: 3 }
          : { items: [item('2'), item('4')], next: null, waiting: 2 }, // 1 recorded, 2 skipped here
      'GET /api/analysis/labels': () => LABELS,
      'GET /api/analysis/review-report': () => REPORT,
      'POST /api/items/1/review': () => ({ itemId: '1', outcome: 'confirmed', corrections: 0 }),
    });
    renderApp(<ReviewPage />, { me: { ...AGENT, role: 'agent' } });
    await screen.findByText('Сколько стоит рассрочка? #1');
    await userEvent.keyboard('y');
    await screen.findByText('Сколько стоит рассрочка? #2');
    await userEvent.keyboard('s');
    expect(await screen.findByText('Сколько стоит рассрочка? #4')).toBeInTheDocument();
    expect(calls.filter((c) => c.path.startsWith('/api/review'))).toHaveLength(2);
  });

  it('keys typed into the reason filter are not decisions', async () => {
    const { calls } = setup([item('1')]);
    await screen.findByText('Сколько стоит рассрочка? #1');
    screen.getByRole('combobox', { name: 'Причина' }).focus();
    await userEvent.keyboard('y');
    expect(reviews(calls)).toEqual([]);
  });

  it('the weekly report: corrections and accuracy per week, and per model', async () => {
    setup([], 'analyst');
    const table = await screen.findByRole('table', { name: /По неделям/ });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/4 нояб\.\s*94312\s*75\s?%\s*50\s?%/);
    expect(rows[2]).toHaveTextContent('—');
    expect(screen.getByText('m-7')).toBeInTheDocument();
    // an analyst reads the report but has no queue
    expect(screen.queryByRole('heading', { name: 'На проверку' })).toBeNull();
  });
});
