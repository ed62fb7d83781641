// A search snippet from the server: text with matches in <mark>, the rest HTML-escaped. Built as
// DOM nodes (never innerHTML) so nothing in an article can run.

import { h } from '../../shell/dom.js';

function unescapeHtml(text) {
  const area = document.createElement('textarea');
  area.innerHTML = text; // a textarea's content is text only: entities decoded, no elements
  return area.value;
}

export function snippetNodes(snippet) {
  const parts = String(snippet ?? '').split(/<(\/?)mark>/);
  // split with a capture group: text, '', text, '/', text... — '' opens a mark, '/' closes it
  const nodes = [];
  let marked = false;
  for (let index = 0; index < parts.length; index += 1) {
    if (index % 2 === 1) { marked = parts[index] === ''; continue; }
    if (!parts[index]) continue;
    const text = unescapeHtml(parts[index]);
    nodes.push(marked ? h('mark', {}, text) : document.createTextNode(text));
  }
  return nodes;
}
