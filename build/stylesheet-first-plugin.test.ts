import { describe, expect, it } from 'vitest';
import { stylesheetsFirst } from './stylesheet-first-plugin';

const head = (inner: string) => `<head>\n    <title>P</title>\n${inner}  </head>\n<body><script type="module">x()</script></body>`;

describe('the stylesheet asked for first', () => {
  it('moves the stylesheet links, in order, before the first module script or preload', () => {
    const html = head(
      [
        '    <script type="module" crossorigin src="./assets/index-a.js"></script>',
        '    <link rel="modulepreload" crossorigin href="./assets/react-dom-b.js">',
        '    <link rel="stylesheet" crossorigin href="./assets/index-c.css">',
        '    <link rel="stylesheet" crossorigin href="./assets/more-d.css">',
        '',
      ].join('\n'),
    );
    expect(stylesheetsFirst(html)).toBe(
      head(
        [
          '    <link rel="stylesheet" crossorigin href="./assets/index-c.css">',
          '    <link rel="stylesheet" crossorigin href="./assets/more-d.css">',
          '    <script type="module" crossorigin src="./assets/index-a.js"></script>',
          '    <link rel="modulepreload" crossorigin href="./assets/react-dom-b.js">',
          '',
        ].join('\n'),
      ),
    );
  });

  it('leaves a page alone whose stylesheets come first already, or that has no module script or no stylesheet', () => {
    for (const inner of [
      '    <link rel="stylesheet" href="./a.css">\n    <script type="module" src="./a.js"></script>\n',
      '    <link rel="stylesheet" href="./a.css">\n',
      '    <script type="module" src="./a.js"></script>\n',
    ]) {
      expect(stylesheetsFirst(head(inner))).toBe(head(inner));
    }
  });
});
