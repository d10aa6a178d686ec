import { Fragment } from 'react';
import { parseMarkdown, type Inline } from './markdown';

function InlineText({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((part, i) => {
        if (part.type === 'strong') return <strong key={i}>{part.text}</strong>;
        if (part.type === 'em') return <em key={i}>{part.text}</em>;
        if (part.type === 'code') return <code key={i}>{part.text}</code>;
        return <Fragment key={i}>{part.text}</Fragment>;
      })}
    </>
  );
}

/** A small, safe markdown subset rendered as React elements: text is always text. */
export function Markdown({ text, headingLevel = 4 }: { text: string; headingLevel?: 3 | 4 }) {
  return (
    <>
      {parseMarkdown(text).map((block, i) => {
        if (block.type === 'heading') {
          const Tag = `h${Math.min(6, headingLevel + block.level - 1)}` as 'h4';
          return <Tag key={i}><InlineText content={block.content} /></Tag>;
        }
        if (block.type === 'list') {
          const List = block.ordered ? 'ol' : 'ul';
          return (
            <List key={i}>
              {block.items.map((item, j) => (
                <li key={j}><InlineText content={item} /></li>
              ))}
            </List>
          );
        }
        return <p key={i}><InlineText content={block.content} /></p>;
      })}
    </>
  );
}
