import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, post, type Conversation, type ConversationDetails } from '../api/client';
import { keys } from '../api/queries';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { useTags, type ConversationTag } from './api';
import { TagChips } from './TagChips';

/** The conversation's tags; agents add and remove them (each change audited by the server). */
export function ConversationTags({ c, canWrite }: { c: Conversation; canWrite: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const all = useTags();
  const on = new Set(c.tags.map((x) => x.id));

  async function change(run: () => Promise<ConversationTag[]>) {
    try {
      const tags = await run();
      qc.setQueryData<ConversationDetails>(keys.conversation(c.id), (old) =>
        old ? { ...old, conversation: { ...old.conversation, tags } } : old,
      );
      void qc.invalidateQueries({ queryKey: keys.queues });
    } catch (err) {
      toast(errorText(err), 'error');
    }
  }

  return (
    <div className="conv-tags" aria-label={t('tags.label')}>
      <TagChips
        tags={c.tags}
        onRemove={
          canWrite
            ? (id) =>
                void change(() =>
                  del<ConversationTag[]>(`/api/conversations/${c.id}/tags/${encodeURIComponent(id)}`),
                )
            : undefined
        }
      />
      {canWrite ? (
        <select
          aria-label={t('tags.add')}
          value=""
          onChange={(e) => {
            const tagId = e.target.value;
            if (tagId)
              void change(() => post<ConversationTag[]>(`/api/conversations/${c.id}/tags`, { tagId }));
          }}
        >
          <option value="">{t('tags.add')}</option>
          {(all.data ?? [])
            .filter((x) => !on.has(x.id))
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </select>
      ) : c.tags.length === 0 ? (
        <span className="muted small">{t('tags.none')}</span>
      ) : null}
    </div>
  );
}
