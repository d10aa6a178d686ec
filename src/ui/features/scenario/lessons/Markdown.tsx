import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

/** Renders a `code` span some other way (a hint's object with its buttons); null keeps the plain `<code>`. */
export type CodeRenderer = (code: string) => ReactNode | null;

function InlineText({ content, code }: { content: Inline[]; code?: CodeRenderer }) {
  return (
    <>
      {content.map((part, i) => {
        if (part.type === 'strong') return <strong key={i}>{part.text}</strong>;
        if (part.type === 'em') return <em key={i}>{part.text}</em>;
        if (part.type === 'code') {
          const custom = code?.(part.text);
          return custom ? <Fragment key={i}>{custom}</Fragment> : <code key={i}>{part.text}</code>;
        }
        return <Fragment key={i}>{part.text}</Fragment>;
      })}
    </>
  );
}

/** A small, safe markdown subset rendered as React elements: text is always text. */
export function Markdown({ text, headingLevel = 4, code }: { text: string; headingLevel?: 3 | 4; code?: CodeRenderer }) {
  return (
    <>
      {parseMarkdown(text).map((block, i) => {
        if (block.type === 'heading') {
          const Tag = `h${Math.min(6, headingLevel + block.level - 1)}` as 'h4';
          return <Tag key={i}><InlineText content={block.content} code={code} /></Tag>;
        }
        if (block.type === 'list') {
          const List = block.ordered ? 'ol' : 'ul';
          return (
            <List key={i}>
              {block.items.map((item, j) => (
                <li key={j}><InlineText content={item} code={code} /></li>
              ))}
            </List>
          );
        }
        return <p key={i}><InlineText content={block.content} code={code} /></p>;
      })}
    </>
  );
}
