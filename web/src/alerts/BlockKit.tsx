import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { parseMrkdwn, safeUrl, type MdNode } from './mrkdwn';

/**
 * A Slack message as its receiver sees it: header, section (text and fields), divider, context,
 * actions (buttons). Everything is React text nodes; mrkdwn goes through parseMrkdwn, plain_text
 * is shown as it is. Our own "open in Otklik" button opens inside the app.
 */
interface TextObject {
  type?: string;
  text?: string;
}
interface Element {
  type?: string;
  text?: TextObject | string;
  url?: string;
  action_id?: string;
  style?: string;
  alt_text?: string;
}
export interface Block {
  type?: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: Element[];
}
export interface SlackMessage {
  text?: string;
  blocks?: Block[];
}

export function BlockKitMessage({ message, label }: { message: SlackMessage; label: string }) {
  const blocks = Array.isArray(message.blocks) ? message.blocks : [];
  return (
    <div className="slack-msg" role="article" aria-label={label}>
      <div className="slack-app">
        <span className="slack-avatar" aria-hidden="true">
          О
        </span>
        <strong>Отклик</strong>
        <span className="slack-app-tag">APP</span>
      </div>
      {blocks.length === 0 && message.text ? <p className="slack-section">{message.text}</p> : null}
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </div>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'header':
      return <h4 className="slack-header">{block.text?.text ?? ''}</h4>;
    case 'section':
      return (
        <div className="slack-section" data-block="section">
          {block.text ? <TextView text={block.text} /> : null}
          {block.fields?.length ? (
            <div className="slack-fields">
              {block.fields.map((f, i) => (
                <div key={i}>
                  <TextView text={f} />
                </div>
              ))}
            </div>
          ) : null}
        </div>
      );
    case 'divider':
      return <hr className="slack-divider" />;
    case 'context':
      return (
        <div className="slack-context" data-block="context">
          {(block.elements ?? []).map((e, i) => (
            <Fragment key={i}>
              {i > 0 ? ' ' : null}
              {e.type === 'image' ? null : <TextView text={{ type: e.type, text: asText(e.text) }} />}
            </Fragment>
          ))}
        </div>
      );
    case 'actions':
      return (
        <div className="slack-actions">
          {(block.elements ?? []).map((e, i) => (
            <ButtonView key={i} el={e} />
          ))}
        </div>
      );
    default:
      return null;
  }
}

const asText = (t: TextObject | string | undefined) => (typeof t === 'string' ? t : '');

function TextView({ text }: { text: TextObject }) {
  const s = typeof text.text === 'string' ? text.text : '';
  if (text.type !== 'mrkdwn') return <span className="slack-plain">{s}</span>;
  return <span className="slack-mrkdwn">{renderNodes(parseMrkdwn(s))}</span>;
}

function renderNodes(nodes: MdNode[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.t) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'b':
        return <strong key={i}>{renderNodes(n.children)}</strong>;
      case 'i':
        return <em key={i}>{renderNodes(n.children)}</em>;
      case 's':
        return <s key={i}>{renderNodes(n.children)}</s>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'mention':
        return (
          <span key={i} className="slack-mention">
            {n.text}
          </span>
        );
      case 'link':
        return (
          <a key={i} href={n.url} target="_blank" rel="noopener noreferrer">
            {n.label}
          </a>
        );
    }
  });
}

function ButtonView({ el }: { el: Element }) {
  const text = typeof el.text === 'object' ? (el.text.text ?? '') : '';
  const cls = `slack-button${el.style === 'primary' ? ' slack-button-primary' : ''}`;
  const url = el.url ? safeUrl(el.url) : null;
  if (!url) return <span className={cls}>{text}</span>;
  if (el.action_id === 'open_in_otklik') {
    const u = new URL(url);
    return (
      <Link className={cls} to={`${u.pathname}${u.search}`}>
        {text}
      </Link>
    );
  }
  return (
    <a className={cls} href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}
