import { useTranslation } from 'react-i18next';
import type { ConversationDetails } from '../api/client';
import { formatFull } from '../lib/time';

/** The post the comments answer (the community's wall post, the channel post), as text. */
export function PostContext({ post }: { post: ConversationDetails['post'] }) {
  const { t } = useTranslation();
  if (!post) return null;
  return (
    <article className="post-context" aria-label={t('tags.post')}>
      <div className="muted small">
        {t('tags.post')}
        {post.postedAt ? ` · ${formatFull(post.postedAt)}` : ''}
        {post.url ? (
          <>
            {' · '}
            <a href={post.url} target="_blank" rel="noopener noreferrer">
              {t('tags.openOriginal')}
            </a>
          </>
        ) : null}
      </div>
      <p>{post.text}</p>
    </article>
  );
}
