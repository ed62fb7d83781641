// The console's views, in the order of the navigation. Adding a view: write
// `Client/views/<name>.js` (see docs/client.md) and add one line here.

export const VIEW_MODULES = [
  './dialogues.js',
  './support.js',
  './sales.js',
  './clients.js',
  './affairs.js',
  './gantt.js',
];

/** Imports every view module; returns their default exports in order. */
export async function loadViews() {
  const modules = await Promise.all(VIEW_MODULES.map((path) => import(path)));
  return modules.map((module) => module.default);
}
