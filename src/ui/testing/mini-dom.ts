/**
 * Just enough of a DOM for react-dom/client to mount, update and unmount a tree in a
 * Node test (the unit tests run without jsdom): elements with attributes and style,
 * text nodes, child lists, and no-op events. Tests that need re-renders (render
 * counts) install it before importing react-dom/client; layout is not modelled.
 */

class MiniNode {
  childNodes: MiniNode[] = [];
  parentNode: MiniNode | null = null;
  constructor(
    readonly nodeType: number,
    readonly nodeName: string,
    public ownerDocument: MiniDocument | null,
  ) {}

  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MiniNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get nextSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings ? (siblings[siblings.indexOf(this) + 1] ?? null) : null;
  }
  get parentElement(): MiniNode | null {
    return this.parentNode;
  }

  appendChild<T extends MiniNode>(child: T): T {
    return this.insertBefore(child, null);
  }
  insertBefore<T extends MiniNode>(child: T, before: MiniNode | null): T {
    child.parentNode?.removeChild(child);
    const at = before ? this.childNodes.indexOf(before) : -1;
    if (at < 0) this.childNodes.push(child);
    else this.childNodes.splice(at, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild<T extends MiniNode>(child: T): T {
    const at = this.childNodes.indexOf(child);
    if (at < 0) throw new Error('removeChild: not a child');
    this.childNodes.splice(at, 1);
    child.parentNode = null;
    return child;
  }
  contains(node: MiniNode | null): boolean {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }

  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(text: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes = [];
    if (text !== '' && this.ownerDocument) this.appendChild(this.ownerDocument.createTextNode(text));
  }

  addEventListener(): void {}
  removeEventListener(): void {}
}

class MiniText extends MiniNode {
  constructor(
    public nodeValue: string,
    doc: MiniDocument,
  ) {
    super(3, '#text', doc);
  }
  get data(): string {
    return this.nodeValue;
  }
  override get textContent(): string {
    return this.nodeValue;
  }
  override set textContent(text: string) {
    this.nodeValue = text;
  }
}

class MiniElement extends MiniNode {
  readonly attributes = new Map<string, string>();
  readonly style: Record<string, string> & { setProperty(k: string, v: string): void; removeProperty(k: string): void };
  readonly namespaceURI = 'http://www.w3.org/1999/xhtml';

  constructor(tag: string, doc: MiniDocument | null) {
    super(1, tag.toUpperCase(), doc);
    const props: Record<string, string> = {};
    this.style = Object.assign(props, {
      setProperty: (k: string, v: string) => void (props[k] = v),
      removeProperty: (k: string) => void delete props[k],
    });
  }
  // Form state react-dom reads and writes on <select> and <option>.
  selected = false;
  defaultSelected = false;
  multiple = false;
  private valueProp: string | undefined;

  get tagName(): string {
    return this.nodeName;
  }
  get value(): string {
    return this.valueProp ?? this.attributes.get('value') ?? this.textContent;
  }
  set value(v: string) {
    this.valueProp = String(v);
  }
  get options(): MiniElement[] {
    const out: MiniElement[] = [];
    const walk = (n: MiniNode) => {
      for (const c of n.childNodes) {
        if (!(c instanceof MiniElement)) continue;
        if (c.nodeName === 'OPTION') out.push(c);
        else walk(c);
      }
    };
    walk(this);
    return out;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  /** Elements carrying `name`, this one included, depth first. */
  withAttribute(name: string): MiniElement[] {
    const out: MiniElement[] = this.attributes.has(name) ? [this] : [];
    for (const c of this.childNodes) if (c instanceof MiniElement) out.push(...c.withAttribute(name));
    return out;
  }
}

class MiniDocument extends MiniNode {
  readonly documentElement: MiniElement;
  readonly body: MiniElement;
  activeElement: MiniElement | null = null;
  defaultView: unknown = null;
  constructor() {
    super(9, '#document', null);
    this.ownerDocument = null;
    this.documentElement = this.appendChild(new MiniElement('html', this));
    this.body = this.documentElement.appendChild(new MiniElement('body', this));
  }
  createElement(tag: string): MiniElement {
    return new MiniElement(tag, this);
  }
  createElementNS(_ns: string, tag: string): MiniElement {
    return new MiniElement(tag, this);
  }
  createTextNode(text: string): MiniText {
    return new MiniText(text, this);
  }
}

export type { MiniElement };

/** Installs `window` and `document` globals (once) and returns a fresh container in the body. */
export function installMiniDom(): { document: MiniDocument; container: MiniElement } {
  const g = globalThis as Record<string, unknown>;
  if (!g.document) {
    const doc = new MiniDocument();
    // `top` differs from `self`: react-dom then skips its DevTools banner (which reads navigator).
    // Without layout nothing can animate: the page reports prefers-reduced-motion: reduce.
    const matchMedia = (query: string) => ({ matches: query.includes('prefers-reduced-motion: reduce'), media: query });
    const win = { document: doc, top: {}, self: {}, matchMedia, HTMLIFrameElement: class {}, addEventListener() {}, removeEventListener() {}, event: undefined };
    doc.defaultView = win;
    g.window = win;
    g.document = doc;
    g.IS_REACT_ACT_ENVIRONMENT = true;
  }
  const doc = g.document as MiniDocument;
  const container = doc.body.appendChild(doc.createElement('div'));
  return { document: doc, container };
}
