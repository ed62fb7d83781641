// The server's search highlight (`<mark>` around matches, the rest HTML-escaped) as DOM nodes,
// never through innerHTML.

import { h } from '../../shell/dom.js';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name) => {
    if (ENTITIES[name.toLowerCase()]) return ENTITIES[name.toLowerCase()];
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return whole;
  });
}

/** Text and `<mark>` nodes for a highlight string. */
export function highlightNodes(highlight) {
  const nodes = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const match of String(highlight ?? '').matchAll(pattern)) {
    if (match.index > last) nodes.push(document.createTextNode(decode(highlight.slice(last, match.index))));
    nodes.push(h('mark', {}, decode(match[1])));
    last = match.index + match[0].length;
  }
  if (last < String(highlight ?? '').length) nodes.push(document.createTextNode(decode(highlight.slice(last))));
  return nodes;
}
