// Building DOM without a framework: `h('button', { class: 'primary', onclick }, 'Send')`.

/**
 * Creates an element. Attributes: `class`, `style` (string or object), `dataset` (object),
 * `on<event>` functions, booleans (true sets the attribute, false/null leaves it out), anything
 * else as an attribute. Children: nodes, strings, numbers, arrays; null/false are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'style' && typeof value === 'object') {
      Object.assign(element.style, value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children (nodes, strings, nested arrays; null/false skipped). */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}
