/**
 * Team corrections from the database: the latest correction per item and field wins; the
 * item's other label comes from what the model said (items.sentiment_label / items.intent).
 */
import { Client } from 'pg';
import {
  INTENT_LABELS,
  SENTIMENT_LABELS,
  type IntentLabel,
  type LabeledPost,
  type SentimentLabel,
} from '../analysis.types';

export async function loadCorrections(databaseUrl: string): Promise<LabeledPost[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      text: string;
      sentiment: string | null;
      intent: string | null;
      field: string;
      new_value: string;
    }>(
      `SELECT DISTINCT ON (c.item_id, c.field) c.item_id AS id, i.text, i.sentiment_label AS sentiment, i.intent,
              c.field, c.new_value
         FROM analysis_corrections c JOIN items i ON i.id = c.item_id
        ORDER BY c.item_id, c.field, c.created_at DESC`,
    );
    const byItem = new Map<string, LabeledPost>();
    for (const r of rows) {
      const post = byItem.get(r.id) ?? {
        id: `corr-${r.id}`,
        text: r.text,
        sentiment: asSentiment(r.sentiment),
        intent: asIntent(r.intent),
        notes: 'team correction',
      };
      if (r.field === 'sentiment') post.sentiment = asSentiment(r.new_value) ?? post.sentiment;
      if (r.field === 'intent') post.intent = asIntent(r.new_value) ?? post.intent;
      byItem.set(r.id, post);
    }
    return [...byItem.values()].filter((p) => p.sentiment && p.intent && p.text.trim().length > 0);
  } finally {
    await client.end();
  }
}

function asSentiment(v: string | null): SentimentLabel | undefined {
  return (SENTIMENT_LABELS as readonly string[]).includes(v ?? '') ? (v as SentimentLabel) : undefined;
}
function asIntent(v: string | null): IntentLabel | undefined {
  return (INTENT_LABELS as readonly string[]).includes(v ?? '') ? (v as IntentLabel) : undefined;
}
